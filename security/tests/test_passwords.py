"""Password rules: 12 characters or more, not like the person's email or name, not common,
not only digits; said in Dutch where a person chooses a password."""

import pytest
from django.contrib.auth.hashers import (
    Argon2PasswordHasher,
    PBKDF2PasswordHasher,
    identify_hasher,
    make_password,
)
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from pleegzorg import settings as project_settings
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _problems(password, user):
    with translation.override("nl"):
        try:
            validate_password(password, user)
        except ValidationError as error:
            return " ".join(error.messages)
    return ""


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("kort-wachtw", "Dit wachtwoord is te kort: gebruik minstens 12 tekens."),
        ("sannedevries", "Het wachtwoord lijkt te veel op de volledige naam."),
        ("Sanne de Vries!", "Het wachtwoord lijkt te veel op de volledige naam."),
        ("sanne@example.org", "Het wachtwoord lijkt te veel op de e-mailadres."),
        ("password1234", "Dit wachtwoord is te algemeen."),
        ("839201746352", "Dit wachtwoord bevat alleen cijfers."),
    ],
)
def test_weak_passwords_are_refused_in_dutch(pleegzorgbegeleider, password, expected):
    assert expected in _problems(password, pleegzorgbegeleider)


def test_a_long_unrelated_password_is_accepted(pleegzorgbegeleider):
    assert _problems("fiets-lantaarn-koffie-7", pleegzorgbegeleider) == ""
    assert _problems("twaalf tekens", pleegzorgbegeleider) == ""  # exactly 13: fine


def test_choosing_a_password_through_the_reset_link_applies_the_rules(client, pleegzorgbegeleider):
    uid = urlsafe_base64_encode(force_bytes(pleegzorgbegeleider.pk))
    token = default_token_generator.make_token(pleegzorgbegeleider)
    form_url = client.get(reverse("password_reset_confirm", args=[uid, token]))["Location"]
    response = client.post(
        form_url, {"new_password1": "sannevries12", "new_password2": "sannevries12"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Het wachtwoord lijkt te veel op de volledige naam." in html
    pleegzorgbegeleider.refresh_from_db()
    assert not pleegzorgbegeleider.check_password("sannevries12")

    response = client.post(
        form_url,
        {"new_password1": "fiets-lantaarn-koffie-7", "new_password2": "fiets-lantaarn-koffie-7"},
    )
    assert response.status_code == 302
    pleegzorgbegeleider.refresh_from_db()
    assert pleegzorgbegeleider.check_password("fiets-lantaarn-koffie-7")


@pytest.fixture
def production_hashers(settings):
    """The project's own hashers (the tests' autouse fixture swaps in a fast one)."""
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    return settings.PASSWORD_HASHERS


def test_new_passwords_are_hashed_with_argon2id(production_hashers):
    encoded = make_password("een-lang-wachtwoord-voor-de-test")
    assert encoded.startswith("argon2$argon2id$")
    hasher = identify_hasher(encoded)
    params = hasher.decode(encoded)["params"]
    # Django's memory and passes, above OWASP's minimum (19 MiB, 2 passes), in one lane: a
    # login hashes on one core and leaves the other to the pages being served.
    assert params.memory_cost == 100 * 1024 and params.time_cost == 2
    assert params.parallelism == 1


def test_an_eight_lane_argon2_password_still_logs_in_and_is_rehashed(client, production_hashers):
    password = "een-lang-wachtwoord-voor-de-test"
    person = UserFactory(person_type="pleegouder")
    person.password = Argon2PasswordHasher().encode(password, "oldsaltfromdjango")
    assert "p=8" in person.password  # Django's own parameters, as hashed before
    person.save(update_fields=["password"])
    response = client.post(
        reverse("login"), {"username": person.email, "password": password}, follow=False
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.password.startswith("argon2$argon2id$") and "p=1" in person.password
    assert person.check_password(password)


def test_a_pbkdf2_password_still_logs_in_and_is_rehashed(client, production_hashers):
    password = "een-lang-wachtwoord-voor-de-test"
    person = UserFactory(person_type="pleegouder")
    person.password = PBKDF2PasswordHasher().encode(password, "oldsaltfromdjango")
    person.save(update_fields=["password"])
    response = client.post(
        reverse("login"), {"username": person.email, "password": password}, follow=False
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.password.startswith("argon2$argon2id$")

"""Password rules: 12 characters or more, not like the person's email or name, not common,
not only digits; said in Dutch where a person chooses a password."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

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

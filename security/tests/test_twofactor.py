"""Two factors: professionals and staff cannot see anything before they showed a second
factor; families are not forced but may turn it on; recovery codes work once.

These tests log in with a plain django.test.Client (the password step only), not the root
conftest's VerifiedClient, so nothing here is verified unless a test enters a code.
"""

import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from security import twofactor
from tests.factories import UserFactory
from tests.twofactor import confirmed_totp_device, totp_code, totp_code_for_secret

pytestmark = pytest.mark.django_db

SETUP = reverse("security:two_factor_setup")
VERIFY = reverse("security:two_factor_verify")


def _logged_in(user):
    """A browser that has passed the password step only."""
    browser = Client()
    browser.force_login(user)
    return browser


def _case_urls(placement):
    return [
        reverse("cases:placement_detail", args=[placement.reference]),
        reverse("home"),
        reverse("reminders:open"),
        reverse("dashboard:calendar"),
    ]


def _secret_on(page):
    html = page.content.decode()
    return unescape(re.search(r'id="totp-secret">([A-Z2-7 ]+)<', html).group(1))


# --- Enforcement -------------------------------------------------------------------------------


def test_a_professional_without_a_second_factor_is_sent_to_set_it_up(
    placement, pleegzorgbegeleider
):
    browser = _logged_in(pleegzorgbegeleider)
    for url in _case_urls(placement):
        response = browser.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(SETUP + "?next="), url
    # Nothing of the case is sent along with the redirect.
    response = browser.get(_case_urls(placement)[0], follow=True)
    html = response.content.decode()
    assert "Tweestapsverificatie instellen" in html
    assert "Noor" not in html and "Bakker" not in html


def test_a_professional_with_a_device_is_asked_for_a_code_first(placement, voogd):
    confirmed_totp_device(voogd)
    browser = _logged_in(voogd)
    url = reverse("cases:placement_detail", args=[placement.reference])
    response = browser.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next={url.replace('/', '%2F')}"
    # The set-up page will not let someone with only the password add an app of their own.
    assert browser.get(SETUP)["Location"].startswith(VERIFY)


def test_posting_to_a_case_page_before_the_second_factor_changes_nothing(
    placement, pleegzorgbegeleider
):
    from agreements.models import PlanVersion

    browser = _logged_in(pleegzorgbegeleider)
    response = browser.post(reverse("agreements:version_start", args=[placement.reference]))
    assert response.status_code == 302 and response["Location"].startswith(SETUP)
    assert not PlanVersion.objects.filter(placement=placement).exists()


def test_the_admin_needs_a_verified_second_factor(placement):
    manager = UserFactory(
        email="beheer@example.org", person_type="professional", is_staff=True, is_superuser=True
    )
    browser = _logged_in(manager)
    assert browser.get("/admin/")["Location"].startswith(SETUP)
    assert browser.get("/admin/cases/placement/")["Location"].startswith(SETUP)

    device = confirmed_totp_device(manager)
    assert browser.get("/admin/")["Location"].startswith(VERIFY)
    browser.post(VERIFY, {"code": totp_code(device), "next": "/admin/"})
    assert browser.get("/admin/").status_code == 200
    assert browser.get("/admin/cases/placement/").status_code == 200


def test_a_staff_account_of_a_family_member_type_needs_two_factors_too():
    staff = UserFactory(email="staf@example.org", person_type="pleegouder", is_staff=True)
    assert twofactor.second_factor_required(staff)
    assert _logged_in(staff).get(reverse("home"))["Location"].startswith(SETUP)


def test_pages_that_come_before_the_second_factor_stay_reachable(pleegzorgbegeleider):
    browser = _logged_in(pleegzorgbegeleider)
    assert browser.get(SETUP).status_code == 200
    assert browser.get(reverse("password_reset")).status_code == 200
    assert browser.get(reverse("health")).status_code in (200, 503)
    assert browser.post(reverse("logout")).status_code == 302
    assert browser.get(reverse("home"))["Location"].startswith(reverse("login"))


def test_a_family_member_is_not_forced(placement, foster_parent):
    browser = _logged_in(foster_parent)
    response = browser.get(reverse("portal:placement", args=[placement.reference]))
    assert response.status_code == 200
    assert "Noor" in response.content.decode()


def test_a_family_member_who_turned_it_on_must_use_it(placement, foster_parent):
    device = confirmed_totp_device(foster_parent)
    browser = _logged_in(foster_parent)
    portal = reverse("portal:placement", args=[placement.reference])
    assert browser.get(portal)["Location"].startswith(VERIFY)
    browser.post(VERIFY, {"code": totp_code(device), "next": portal})
    assert browser.get(portal).status_code == 200


# --- Enrolment ---------------------------------------------------------------------------------


def test_enrolment_shows_a_qr_code_and_the_key_and_needs_a_right_code(
    placement, pleegzorgbegeleider
):
    browser = _logged_in(pleegzorgbegeleider)
    page = browser.get(SETUP)
    html = page.content.decode()
    assert re.search(r'<svg role="img" [^>]*class="qr-code"[^>]*><title>QR-code voor je', html)
    secret = _secret_on(page)
    assert len(secret.replace(" ", "")) == 32
    # Reloading keeps the same key, so a scan from the first load still works.
    assert _secret_on(browser.get(SETUP)) == secret

    wrong = browser.post(SETUP, {"code": "000000"})
    assert "Deze code klopt niet" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=pleegzorgbegeleider, confirmed=True).exists()

    case_url = reverse("cases:placement_detail", args=[placement.reference])
    # Skip django-otp's one-second wait after a wrong code (the browser test waits it out).
    TOTPDevice.objects.filter(user=pleegzorgbegeleider).update(throttling_failure_timestamp=None)
    done = browser.post(SETUP, {"code": totp_code_for_secret(secret), "next": case_url})
    html = done.content.decode()
    assert "Tweestapsverificatie staat aan." in html
    codes = re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>", html)
    assert len(codes) == twofactor.RECOVERY_CODE_COUNT
    assert f'href="{case_url}"' in html
    assert browser.get(case_url).status_code == 200
    assert TOTPDevice.objects.get(user=pleegzorgbegeleider).confirmed


def test_a_second_login_needs_a_code_again_and_the_same_code_twice_is_refused(
    placement, pleegzorgbegeleider
):
    device = confirmed_totp_device(pleegzorgbegeleider)
    code = totp_code(device)
    first = _logged_in(pleegzorgbegeleider)
    assert first.post(VERIFY, {"code": code})["Location"] == reverse("home")
    # Someone who watched the code being typed cannot use it in another session.
    second = _logged_in(pleegzorgbegeleider)
    refused = second.post(VERIFY, {"code": code})
    assert refused.status_code == 200
    assert "Deze code klopt niet" in refused.content.decode()
    assert second.get(reverse("home"))["Location"].startswith(VERIFY)


def test_wrong_codes_are_throttled_even_when_the_next_one_is_right(pleegzorgbegeleider):
    device = confirmed_totp_device(pleegzorgbegeleider)
    browser = _logged_in(pleegzorgbegeleider)
    for wrong in ("000000", "111111", "222222"):  # then 4 s to wait (1, 2, 4, … seconds)
        browser.post(VERIFY, {"code": wrong})
    response = browser.post(VERIFY, {"code": totp_code(device)})
    assert "Te vaak achter elkaar een verkeerde code" in response.content.decode()
    assert browser.get(reverse("home"))["Location"].startswith(VERIFY)


# --- Recovery codes ----------------------------------------------------------------------------


def test_a_recovery_code_works_once(placement, pleegzorgbegeleider):
    confirmed_totp_device(pleegzorgbegeleider)
    codes = twofactor.new_recovery_codes(pleegzorgbegeleider)
    typed = f"{codes[0][:4].upper()}-{codes[0][4:].upper()}"  # as printed, in capitals
    first = _logged_in(pleegzorgbegeleider)
    response = first.post(VERIFY, {"code": typed}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Je hebt een herstelcode gebruikt. Je hebt er nog 9" in response.content.decode()
    assert StaticToken.objects.filter(device__user=pleegzorgbegeleider).count() == 9

    second = _logged_in(pleegzorgbegeleider)
    assert second.post(VERIFY, {"code": typed}).status_code == 200
    assert second.get(reverse("home"))["Location"].startswith(VERIFY)


def test_new_recovery_codes_replace_the_old_ones(pleegzorgbegeleider):
    old = twofactor.new_recovery_codes(pleegzorgbegeleider)
    device = confirmed_totp_device(pleegzorgbegeleider)
    browser = _logged_in(pleegzorgbegeleider)
    browser.post(VERIFY, {"code": totp_code(device)})
    page = browser.post(reverse("security:recovery_codes_new"))
    new = [
        c.replace("-", "")
        for c in re.findall(r"<code>([a-z2-7-]{9})</code>", page.content.decode())
    ]
    assert len(new) == 10 and not set(new) & set(old)
    assert set(
        StaticToken.objects.filter(device__user=pleegzorgbegeleider).values_list("token", flat=True)
    ) == set(new)


# --- The security page ---------------------------------------------------------------------------


def test_a_family_member_turns_two_factors_on_and_off(placement, foster_parent):
    browser = _logged_in(foster_parent)
    page = browser.get(reverse("security:account")).content.decode()
    assert "Tweestapsverificatie aanzetten" in page
    setup = browser.get(SETUP)
    browser.post(SETUP, {"code": totp_code_for_secret(_secret_on(setup))})
    assert twofactor.has_second_factor(foster_parent)
    page = browser.get(reverse("security:account")).content.decode()
    assert "Je hebt nog 10 ongebruikte herstelcodes." in page and "Uitzetten" in page

    browser.post(reverse("security:two_factor_disable"))
    assert not twofactor.has_second_factor(foster_parent)
    assert not StaticToken.objects.filter(device__user=foster_parent).exists()
    # And the next login asks for no code.
    assert (
        _logged_in(foster_parent)
        .get(reverse("portal:placement", args=[placement.reference]))
        .status_code
        == 200
    )


def test_a_professional_cannot_turn_two_factors_off(client, pleegzorgbegeleider):
    client.force_login(pleegzorgbegeleider)  # verified (root conftest's VerifiedClient)
    page = client.get(reverse("security:account")).content.decode()
    assert "Verplicht voor professionals" in page and "Uitzetten" not in page
    assert client.post(reverse("security:two_factor_disable")).status_code == 403
    assert twofactor.has_second_factor(pleegzorgbegeleider)


def test_the_session_gets_a_new_key_once_the_code_is_right(pleegzorgbegeleider):
    device = confirmed_totp_device(pleegzorgbegeleider)
    browser = _logged_in(pleegzorgbegeleider)
    before = browser.session.session_key
    browser.post(VERIFY, {"code": totp_code(device)})
    assert browser.session.session_key != before
    assert browser.get(reverse("home")).status_code == 200


def test_the_admin_login_is_the_one_login_and_does_not_loop(client, foster_parent):
    anonymous = Client().get("/admin/login/", {"next": "/admin/"})
    assert anonymous["Location"] == f"{reverse('login')}?next=/admin/"
    client.force_login(foster_parent)  # logged in, but no admin rights
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    page = client.get("/admin/login/", {"next": "/admin/"})
    assert page.status_code == 200  # the admin's own "no access" page, not a redirect loop

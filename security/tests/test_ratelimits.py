"""Rate limits on what sends email: password-reset links (per address and per email address)
and meeting requests (per person and placement). Over the limit: a Dutch page, HTTP 429,
and no email."""

import pytest
from django.test import Client
from django.urls import reverse

from agreements.models import MeetingRequest
from tests.services import redis_url, require

pytestmark = pytest.mark.django_db

RESET = reverse("password_reset")


@pytest.fixture(autouse=True)
def _rates(settings):
    settings.PASSWORD_RESET_RATE_PER_ADDRESS = "4/h"
    settings.PASSWORD_RESET_RATE_PER_EMAIL = "2/h"
    settings.MEETING_REQUEST_RATE = "2/d"


def _reset(email, address="203.0.113.7"):
    return Client(REMOTE_ADDR=address).post(RESET, {"email": email})


def test_reset_emails_per_email_address_are_limited(pleegzorgbegeleider, mailoutbox):
    assert _reset("sanne@example.org", "203.0.113.1").status_code == 302
    assert _reset("SANNE@example.org", "203.0.113.2").status_code == 302
    limited = _reset("sanne@example.org", "203.0.113.3")
    assert limited.status_code == 429
    html = limited.content.decode()
    assert "Te veel aanvragen voor een e-mail om je wachtwoord in te stellen" in html
    assert len(mailoutbox) == 2


def test_reset_emails_per_address_are_limited(pleegzorgbegeleider, voogd, mailoutbox):
    for n in range(4):
        assert _reset(f"person{n}@example.org").status_code == 302
    assert _reset("sanne@example.org").status_code == 429
    assert mailoutbox == []
    # Another address is not affected.
    assert _reset("sanne@example.org", "198.51.100.1").status_code == 302
    assert len(mailoutbox) == 1


def test_the_limited_answer_does_not_tell_whether_the_account_exists(pleegzorgbegeleider):
    for _ in range(2):
        _reset("sanne@example.org", "203.0.113.1")
        _reset("nobody@example.org", "203.0.113.1")
    known = _reset("sanne@example.org", "203.0.113.2")
    unknown = _reset("nobody@example.org", "203.0.113.2")
    assert known.status_code == unknown.status_code == 429
    assert known.content == unknown.content


def test_opening_the_reset_form_is_not_counted(pleegzorgbegeleider, mailoutbox):
    browser = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(10):
        assert browser.get(RESET).status_code == 200
    assert _reset("sanne@example.org").status_code == 302


def test_meeting_requests_from_the_portal_are_limited(client, placement, foster_parent, mailoutbox):
    client.force_login(foster_parent)
    url = reverse("portal:meeting_request", args=[placement.reference])
    for n in range(2):
        assert client.post(url, {"reason": f"Graag overleg over school ({n})."}).status_code == 302
    sent = len(mailoutbox)
    limited = client.post(url, {"reason": "Nog een verzoek."})
    assert limited.status_code == 429
    assert "Je hebt in korte tijd meerdere verzoeken om een overleg gestuurd" in (
        limited.content.decode()
    )
    assert MeetingRequest.objects.filter(placement=placement).count() == 2
    assert len(mailoutbox) == sent
    # The form itself still opens.
    assert client.get(url).status_code == 200


def test_meeting_requests_from_professionals_are_limited_too(client, placement, voogd):
    client.force_login(voogd)
    url = reverse("agreements:meeting_request_add", args=[placement.reference])
    for n in range(2):
        assert client.post(url, {"reason": f"Evaluatie bezoekregeling ({n})."}).status_code == 302
    assert client.post(url, {"reason": "Nog een."}).status_code == 429
    assert MeetingRequest.objects.filter(placement=placement).count() == 2


@pytest.mark.services
def test_the_counters_live_in_the_shared_redis_cache(settings, pleegzorgbegeleider):
    """Production points CACHE_URL at Redis so that every gunicorn worker counts together."""
    url = redis_url()
    require(url, "Redis is not available (set CELERY_BROKER_URL=redis://… or TEST_REDIS_URL)")
    import redis

    server = redis.Redis.from_url(url)

    def _forget():  # only this test's keys: the database is shared with the Celery broker
        for key in server.scan_iter("test-ratelimit:*"):
            server.delete(key)

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "test-ratelimit",
        }
    }
    _forget()
    try:
        assert _reset("sanne@example.org", "203.0.113.1").status_code == 302
        assert _reset("sanne@example.org", "203.0.113.2").status_code == 302
        assert list(server.scan_iter("test-ratelimit:*")), "no counter was written to Redis"
        assert _reset("sanne@example.org", "203.0.113.3").status_code == 429
    finally:
        _forget()

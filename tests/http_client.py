"""A small browser-like HTTP client (cookies, CSRF, the login form) for tests against a real
server process, where Django's test client cannot reach."""

import html
import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from base64 import b32decode
from dataclasses import dataclass

from django_otp.oath import totp

# The key each person's "phone" holds, per server: a second login types a code from it.
_TOTP_KEYS = {}
_LAST_STEP = {}


@dataclass
class Response:
    status: int  # 0: no HTTP answer at all (refused, reset, timed out)
    url: str
    text: str
    seconds: float
    error: str = ""


class WebClient:
    def __init__(self, base_url, timeout=10.0):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.cookies = http.cookiejar.CookieJar()

    def _open(self, request):
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        started = time.monotonic()
        try:
            with opener.open(request, timeout=self.timeout) as answer:
                body = answer.read().decode(errors="replace")
                return Response(answer.status, answer.url, body, time.monotonic() - started)
        except urllib.error.HTTPError as exc:
            body = exc.read().decode(errors="replace")
            return Response(exc.code, exc.url, body, time.monotonic() - started)
        except (urllib.error.URLError, OSError) as exc:
            return Response(0, request.full_url, "", time.monotonic() - started, repr(exc))

    def get(self, path, **headers):
        return self._open(urllib.request.Request(self.base_url + path, headers=headers))

    def post(self, path, data):
        body = urllib.parse.urlencode(data).encode()
        return self._open(urllib.request.Request(self.base_url + path, data=body, method="POST"))

    def login(self, email, password, path="/accounts/login/"):
        """Fill in the login form as a person would; returns the page it lands on."""
        form = self.get(path)
        assert form.status == 200, f"login page: {form.status} {form.error}"
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
        assert token, "the login form has no CSRF token"
        page = self.post(
            path,
            {"csrfmiddlewaretoken": token.group(1), "username": email, "password": password},
        )
        return self._second_factor(email, page)

    def _second_factor(self, email, page):
        """A professional's login goes on to the code step (set up at the first login)."""
        key_id = (self.base_url, email)
        if "/two-factor/setup/" in page.url:
            secret = re.search(r'id="totp-secret">([^<]+)<', page.text).group(1)
            _TOTP_KEYS[key_id] = b32decode("".join(secret.split()))
        elif "/two-factor/verify/" not in page.url:
            return page
        path = urllib.parse.urlsplit(page.url)
        path = path.path + (f"?{path.query}" if path.query else "")
        next_url = html.unescape(re.search(r'name="next" value="([^"]*)"', page.text).group(1))
        answer = self.post(
            path,
            {
                "csrfmiddlewaretoken": re.search(
                    r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text
                ).group(1),
                "code": self._code(key_id),
                "next": next_url,
            },
        )
        # A refused code shows the code form again; a good one leads on (or to the recovery
        # codes, shown once after the set-up).
        assert 'name="code"' not in answer.text, f"second factor refused: {answer.url}"
        return self.get(next_url or "/")

    @staticmethod
    def _code(key_id):
        # django-otp accepts each time step once and tolerates one step ahead: a second login
        # within the same 30 s types the next step's code (what a phone shows moments later).
        now = int(time.time()) // 30
        step = now
        last = _LAST_STEP.get(key_id)
        if last is not None and step <= last:
            if last > now:  # already one ahead: wait for the next step
                time.sleep(30 - time.time() % 30 + 0.1)
                now = int(time.time()) // 30
            step = max(now, last + 1)
        _LAST_STEP[key_id] = step
        return f"{totp(_TOTP_KEYS[key_id], drift=step - now):06d}"

"""A small browser-like HTTP client (cookies, CSRF, the login form) for tests against a real
server process, where Django's test client cannot reach."""

import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass


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
        return self.post(
            path,
            {"csrfmiddlewaretoken": token.group(1), "username": email, "password": password},
        )

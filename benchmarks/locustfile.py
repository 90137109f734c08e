"""The users of `make bench`'s load test (benchmarks/bench_load.py runs locust on this file).

Half professionals, who log in once and then cycle through the caseload, a placement page
and their open reminders; half foster parents, who log in once and reload their portal.
Each waits 0.5-1.5 s between pages. The accounts come from the JSON file LOAD_ACCOUNTS
names, written by bench_load.py after the import. FastHttpUser: the load generator shares
the machine with the server, and its client costs several times less CPU than requests'.
"""

import html
import json
import os
import random
from itertools import count
from pathlib import Path

from bench_load import (  # locust puts this folder on sys.path
    CSRF,
    NEXT,
    SECOND_FACTOR_URL,
    totp_code,
)
from locust import FastHttpUser, SequentialTaskSet, between, task

ACCOUNTS = json.loads(Path(os.environ["LOAD_ACCOUNTS"]).read_text(encoding="utf-8"))
_professional_numbers = count()
_family_numbers = count()


class LoggedIn(FastHttpUser):
    abstract = True
    wait_time = between(0.5, 1.5)

    def log_in(self, email, totp_key=None):
        page = self.client.get("/accounts/login/", name="login page")
        token = CSRF.search(page.text).group(1)
        with self.client.post(
            "/accounts/login/",
            data={
                "username": email,
                "password": ACCOUNTS["password"],
                "csrfmiddlewaretoken": token,
            },
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="login POST",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            # A wrong password answers 200 with the form again; success redirects.
            if response.status_code != 302:
                response.failure(f"login failed: HTTP {response.status_code}")
                return
        if totp_key:
            # The app sends a professional to the code step before any page.
            self.second_factor(SECOND_FACTOR_URL, totp_key)

    def second_factor(self, location, totp_key):
        """A professional types the code of their authenticator app."""
        page = self.client.get(location, name="second factor page")
        with self.client.post(
            location,
            data={
                "code": totp_code(totp_key),
                "next": html.unescape(NEXT.search(page.text).group(1)),
                "csrfmiddlewaretoken": CSRF.search(page.text).group(1),
            },
            headers={"Referer": f"{self.host}{location}"},
            name="second factor POST",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"second factor refused: HTTP {response.status_code}")


class Professional(LoggedIn):
    weight = 1

    def on_start(self):
        accounts = ACCOUNTS["professionals"]
        self.account = accounts[next(_professional_numbers) % len(accounts)]
        self.log_in(self.account["email"], self.account.get("totp_key"))

    @task
    class Cycle(SequentialTaskSet):
        @task
        def caseload(self):
            self.client.get("/", name="caseload /")

        @task
        def placement(self):
            reference = random.choice(self.user.account["references"])
            self.client.get(f"/placements/{reference}/", name="placement page")

        @task
        def reminders(self):
            self.client.get("/reminders/", name="reminders")


class FosterParent(LoggedIn):
    weight = 1

    def on_start(self):
        accounts = ACCOUNTS["families"]
        self.account = accounts[next(_family_numbers) % len(accounts)]
        self.log_in(self.account["email"])

    @task
    def portal(self):
        self.client.get(f"/portal/{self.account['reference']}/", name="portal")

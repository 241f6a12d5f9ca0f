"""Locust: N desks, each logged in with its own account, sending the mix.

Runs in the load tool's own virtualenv (no Django): everything it needs is
in the plan file that bench.load.run writes from bench/load/mix.py
(LOAD_PLAN names it). Each simulated desk logs in through the log-in form,
keeps its session cookie, and stops after the plan's request cap.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import sys
from pathlib import Path
from typing import Any

from gevent.event import Event
from locust import FastHttpUser, between, task
from locust.exception import StopUser

# The mix's request building (bench/load/mix.py imports no Django).
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from bench.load.mix import request_for, settle_seconds

with open(os.environ["LOAD_PLAN"], encoding="utf-8") as _file:
    PLAN: dict[str, Any] = json.load(_file)

ACTIONS = {a["name"]: a for a in PLAN["actions"]}
LOGIN = PLAN["login_path"]
LOGGED_OUT = "logged out: sent to the log-in page"
PATRON_FIELD = re.compile(r'name="patron" value="(\d+)"')
# The summary's renew buttons, each naming its loan (desk/scan/markup.py).
RENEW_FORM = re.compile(r'form="desk-renew" name="loan" value="(\d+)"')
_numbers = itertools.count()
# The desks log in first, then all start at once with the statistics reset:
# a log-in hashes a password (hundreds of milliseconds of CPU), which a desk
# does once a shift, and a burst of them must not count as the desks' work.
START_TOGETHER = os.environ.get("LOAD_START_TOGETHER") == "1"
_logged_in = 0
_all_in = Event()


class Desk(FastHttpUser):
    wait_time = between(*PLAN["think_seconds"])

    def on_start(self) -> None:
        number = next(_numbers)
        self.account = PLAN["desks"][number % len(PLAN["desks"])]
        self.rng = random.Random(PLAN["seed"] * 1000 + number)
        role = self.account["role"]
        self.actions = [a for a in PLAN["actions"] if a["role"] in ("desk", role)]
        self.weights = [a["weight"] for a in self.actions]
        self.items = list(self.account["items_available"])
        self.lent: list[str] = []
        self.patron_id: str | None = None
        self.loan_ids: list[str] = []
        self.sent = 0
        if not START_TOGETHER:
            self.log_in()
            return
        try:
            self.log_in()
        finally:
            self.wait_for_the_others()

    def wait_for_the_others(self) -> None:
        global _logged_in
        _logged_in += 1
        desks = getattr(self.environment.parsed_options, "num_users", None) or 1
        if _logged_in >= desks and not _all_in.is_set():
            if self.environment.runner is not None:
                self.environment.runner.stats.reset_all()
            _all_in.set()
        _all_in.wait(timeout=settle_seconds(desks))

    def _csrf(self) -> str:
        for cookie in self.client.cookiejar:
            if cookie.name == "csrftoken":
                return str(cookie.value)
        return ""

    def log_in(self) -> None:
        self.client.get(LOGIN, name="login")
        with self.client.post(
            LOGIN,
            data={
                "username": self.account["username"],
                "password": self.account["password"],
                "csrfmiddlewaretoken": self._csrf(),
            },
            headers={"Referer": self.host + LOGIN},
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"log-in refused: {response.status_code}")
                raise StopUser

    @task
    def act(self) -> None:
        if self.sent >= PLAN["max_requests_per_desk"]:
            raise StopUser
        action = self.rng.choices(self.actions, self.weights)[0]
        self.send(action)

    def send(self, action: dict[str, Any]) -> None:
        """Send `action`, first doing what it needs (a scan for a patron in
        view, a checkout for something to check in)."""
        needs = action["needs"]
        values: dict[str, Any] = {}
        if needs in ("patron", "item_available", "renewable") and self.patron_id is None:
            self.send(ACTIONS["scan_card"])
        if needs == "card":
            values["barcode"] = self.rng.choice(PLAN["cards"])
        elif needs == "patron":
            if self.patron_id is None:
                return
            values["patron_id"] = self.patron_id
        elif needs == "item_available":
            if not self.items or self.patron_id is None:
                return
            values["barcode"] = self.items.pop()
        elif needs == "item_on_loan":
            if not self.lent:
                self.send(ACTIONS["checkout"])
                return
            values["barcode"] = self.lent.pop(0)
        elif needs == "renewable":
            if not self.loan_ids:
                return
            values["loan_id"] = self.rng.choice(self.loan_ids)
        self.sent += 1
        method, path, body, headers = request_for(action, values)
        headers["Referer"] = self.host + "/desk/"
        # Logged by the server (harness.ACCESS_LOG_FORMAT) for its own
        # time per request by action.
        headers["X-Bench-Action"] = action["name"]
        if method != "GET":
            headers["X-CSRFToken"] = self._csrf()
        request = self.client.request(
            method,
            path,
            data=body or None,
            headers=headers,
            name=action["name"],
            allow_redirects=False,
            catch_response=True,
        )
        with request as response:
            status = response.status_code
            location = response.headers.get("Location") or response.headers.get("HX-Redirect") or ""
            if status in (301, 302, 204) and LOGIN in location:
                response.failure(LOGGED_OUT)
                self.log_in()
                return
            if status not in action["ok"]:
                response.failure(f"status {status}")
                return
            response.success()
            self.seen(action, values, status, response.text or "")

    def seen(self, action: dict[str, Any], values: dict[str, Any], status: int, body: str) -> None:
        """Keep what the desk screen showed: the patron in view, the loans
        it may renew, what this desk lent."""
        name = action["name"]
        if name == "next_patron":
            self.patron_id, self.loan_ids = None, []
            return
        if name == "checkout" and status == 200:
            self.lent.append(values["barcode"])
        if name in ("scan_card", "checkout", "checkin", "renew"):
            patron = PATRON_FIELD.search(body)
            if patron:
                self.patron_id = patron.group(1)
            self.loan_ids = RENEW_FORM.findall(body) or self.loan_ids

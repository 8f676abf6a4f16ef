"""Steady load: client threads that keep a model of what the API acknowledged, and an admin granting credits."""
from __future__ import annotations

import threading
import time
import uuid
from collections import OrderedDict

from stack import Stack

from .requests_log import RETRY_BUDGET_SECONDS, Api, ChaosFailure, Tally

# Folders each load client keeps; older ones are deleted (a user may have at most 200).
KEPT_FOLDERS = 12


def sign_up(stack: Stack, tally: Tally) -> tuple[str, dict]:
    """A fresh user (before the chaos starts): (token, user JSON)."""
    api = Api(stack.base_url, tally)
    email, password = f"chaos-{uuid.uuid4().hex[:12]}@example.com", "pw-" + uuid.uuid4().hex
    api.until_ok("register", "POST", "/api/auth/register", (201,), json={"email": email, "password": password})
    body = api.until_ok("login", "POST", "/api/auth/login", json={"email": email, "password": password}).json()
    return body["token"], body["user"]


class LoadClient(threading.Thread):
    """Reads, folder writes and persona edits in a loop, keeping a model of what the API acknowledged."""

    def __init__(self, stack: Stack, tally: Tally, index: int, stop: threading.Event, think: float):
        super().__init__(daemon=True, name=f"load-{index}")
        self.index, self.stop, self.think = index, stop, think
        token, self.user = sign_up(stack, tally)
        self.api = Api(stack.base_url, tally, token)
        self.tally = tally
        persona = {"name": f"Chaos {index}", "age": 40, "gender": "female", "location": "Leeds",
                   "occupation": "Nurse", "income_band": "middle", "attitude": "neutral", "bio": "Not edited yet."}
        self.persona_id = self.api.until_ok("create persona", "POST", "/api/personas", (201,), json=persona).json()["id"]
        self.bio = persona["bio"]
        self.folders: OrderedDict[str, str] = OrderedDict()  # id → name, as acknowledged
        self.error: BaseException | None = None
        self.cycles = 0

    def run(self) -> None:
        try:
            while not self.stop.is_set():
                self.cycle()
                time.sleep(self.think)
        except BaseException as error:  # reported by the director
            self.error = error

    def cycle(self) -> None:
        self.cycles += 1
        n = self.cycles
        self.api.until_ok("read me", "GET", "/api/auth/me")
        self.api.until_ok("read personas", "GET", "/api/personas", params={"per_page": 20})
        folder = self.create_folder(f"c{self.index}-{n}")
        renamed = f"c{self.index}-{n}-renamed"
        self.api.until_ok("rename folder", "PATCH", f"/api/folders/{folder}", json={"name": renamed})
        self.folders[folder] = renamed
        if len(self.folders) > KEPT_FOLDERS:
            self.delete_folder(next(iter(self.folders)))
        bio = f"Edited {n} times by chaos client {self.index}."
        self.api.until_ok("edit persona", "PATCH", f"/api/personas/{self.persona_id}", json={"bio": bio})
        self.bio = bio

    def listed(self) -> list[dict]:
        return self.api.until_ok("read folders", "GET", "/api/folders").json()["items"]

    def create_folder(self, name: str) -> str:
        """POST is not repeated blindly: after a failure, the folders are read again and the create is sent
        again only when it was not applied."""
        deadline = time.monotonic() + RETRY_BUDGET_SECONDS
        while True:
            response = self.api.attempt("create folder", "POST", "/api/folders", (201,), json={"name": name})
            if response is not None and response.status_code == 201:
                created = response.json()["id"]
                self.folders[created] = name
                return created
            if response is not None and response.status_code < 500:
                raise ChaosFailure(f"create folder -> {response.status_code} {response.text[:200]}")
            found = [item["id"] for item in self.listed() if item["name"] == name]
            if found:
                self.tally.count("creates_applied_despite_failure")
                self.folders[found[0]] = name
                return found[0]
            if time.monotonic() > deadline:
                raise ChaosFailure(f"create folder {name} still failing after {RETRY_BUDGET_SECONDS:.0f} s")
            self.tally.count("retries")
            time.sleep(0.2)

    def delete_folder(self, folder: str) -> None:
        """DELETE is idempotent: a 404 for a folder this client holds means an earlier try (its own, or nginx's
        retry on another worker) deleted it; the listing confirms."""
        response = self.api.until_ok("delete folder", "DELETE", f"/api/folders/{folder}", (204, 404))
        if response.status_code == 404:
            if any(item["id"] == folder for item in self.listed()):
                raise ChaosFailure(f"delete folder {folder} answered 404 but the folder is still listed")
            self.tally.count("deletes_already_applied")
        del self.folders[folder]

    def verify(self) -> dict:
        """What the API holds against what it acknowledged: lost = acknowledged but missing or different,
        extra = present but never acknowledged (a create applied twice)."""
        server = {item["id"]: item["name"] for item in self.listed()}
        lost = [f"folder {fid} {name}" for fid, name in self.folders.items() if server.get(fid) != name]
        extra = [f"folder {fid} {name}" for fid, name in server.items() if fid not in self.folders]
        persona = self.api.until_ok("read persona", "GET", f"/api/personas/{self.persona_id}").json()
        if persona["bio"] != self.bio:
            lost.append(f"persona bio {self.bio!r} (API has {persona['bio']!r})")
        return {"lost": lost, "extra": extra, "folders": len(server)}


class CreditGranter(threading.Thread):
    """An admin grants one credit at a time to one user under a fresh Idempotency-Key, and repeats a failed
    grant with the same key: each grant must be applied exactly once."""

    def __init__(self, stack: Stack, tally: Tally, stop: threading.Event, think: float):
        super().__init__(daemon=True, name="granter")
        self.stop, self.think, self.tally = stop, think, tally
        email, password = f"chaos-admin-{uuid.uuid4().hex[:8]}@example.com", "pw-" + uuid.uuid4().hex
        stack.make_admin(email, password)
        login = Api(stack.base_url, tally).until_ok("login", "POST", "/api/auth/login",
                                                    json={"email": email, "password": password})
        self.admin = Api(stack.base_url, tally, login.json()["token"])
        token, self.target = sign_up(stack, tally)
        self.user = Api(stack.base_url, tally, token)
        self.initial = self.statement()
        self.granted = 0
        self.error: BaseException | None = None

    def statement(self) -> dict:
        return self.user.until_ok("read credits", "GET", "/api/credits", params={"per_page": 1}).json()

    def run(self) -> None:
        try:
            while not self.stop.is_set():
                key = uuid.uuid4().hex
                response = self.admin.until_ok("grant credit", "POST", f"/api/admin/users/{self.target['id']}/credits",
                                               headers={"Idempotency-Key": key},
                                               json={"amount": 1, "reason": "Chaos grant"})
                if response.json()["replayed"]:
                    self.tally.count("grants_replayed")
                self.granted += 1
                time.sleep(self.think)
        except BaseException as error:
            self.error = error

    def verify(self) -> dict:
        now = self.statement()
        expected_balance = self.initial["balance"] + self.granted
        expected_entries = self.initial["total"] + self.granted
        problems = []
        if now["balance"] != expected_balance:
            problems.append(f"balance {now['balance']}, expected {expected_balance}")
        if now["total"] != expected_entries:
            problems.append(f"{now['total']} ledger entries, expected {expected_entries}")
        return {"granted": self.granted, "problems": problems}



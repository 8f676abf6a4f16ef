"""The authorisation matrix on the real stack: every operation in docs/openapi.yaml × {anonymous, another user,
the owner, an admin}.

- Public operations (`security: []` in the spec: health, version, register, login, the signed Stripe webhook)
  answer anyone.
- Every other operation answers an anonymous caller 401 `unauthenticated`.
- Admin operations (/api/admin/…) answer a signed-in user 403 `forbidden` and an admin their documented success.
- Operations on a user's resource (a persona, folder, focus group, stimulus, session, task, customer dataset,
  export or checkout named in the path or the body) answer another user, and an admin (admins reach users only
  through /api/admin), exactly as they answer for an id that does not exist: the resource's existence never
  leaks. The owner gets the documented success, also after the others' attempts, so nothing was changed.
- Operations on the caller's own account or lists answer everyone their own view, never the owner's ids.

The table ROWS has one row per operation; an operation added to the spec without a row, a row without an
operation, or an /api route registered in Sources/CohortaFCGI without a spec entry fails the suite."""

import json
import re
import sys
import time
import uuid
from dataclasses import dataclass, field
from typing import Callable

import pytest
import requests
import yaml
from bson import ObjectId

from stack import REPO, expect_error, new_password, unique_email
from test_api_focus_groups import png
from test_api_sessions import GUIDE, MAIN_MODEL, Researcher

sys.path.insert(0, str(REPO / "scripts"))
from fake_stripe.signing import signature_header  # noqa: E402

SPEC = yaml.safe_load((REPO / "docs" / "openapi.yaml").read_text())
METHODS = ("get", "put", "post", "delete", "patch")
OPERATIONS = sorted((method.upper(), path) for path, item in SPEC["paths"].items() for method in item
                    if method in METHODS)
PUBLIC = {("GET", "/api/health"), ("GET", "/api/version"), ("POST", "/api/auth/register"),
          ("POST", "/api/auth/login"), ("POST", "/api/billing/webhook")}
ENDED_TASK = ("succeeded", "failed", "cancelled")
ENDED_SESSION = ("finished", "failed", "cancelled")


class Actor:
    """One caller: anonymous (no token) or a signed-in user."""

    def __init__(self, stack, token: str | None = None, user: dict | None = None, name: str = "anonymous"):
        self.stack, self.token, self.user, self.name = stack, token, user or {}, name
        self.http = stack.session()
        if token:
            self.http.headers["Authorization"] = f"Bearer {token}"

    @classmethod
    def fresh(cls, stack, name: str) -> "Actor":
        token, user = stack.new_user()
        return cls(stack, token, user, name)

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        return self.http.request(method, self.stack.url(path), timeout=30, **kwargs)

    def ok(self, method: str, path: str, status: int = 200, **kwargs) -> dict:
        response = self.request(method, path, **kwargs)
        assert response.status_code == status, f"{method} {path}: {response.status_code} {response.text[:300]}"
        return response.json() if response.content else {}

    def wait_task(self, task_id: str, timeout: float = 120) -> dict:
        return self.wait(f"/api/tasks/{task_id}", lambda task: task["status"] in ENDED_TASK, timeout)

    def wait(self, path: str, until, timeout: float = 120) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            current = self.ok("GET", path)
            if until(current):
                return current
            assert time.monotonic() < deadline, f"{path} never reached the state: {current}"
            time.sleep(0.25)


@dataclass
class World:
    """The owner's resources (their ids in `ids`), another user, an admin and an anonymous caller."""

    stack: object
    owner: Actor
    other: Actor
    admin: Actor
    anonymous: Actor
    simulator: str
    ids: dict = field(default_factory=dict)
    settings: dict = field(default_factory=dict)

    def secrets(self) -> set[str]:
        """What another caller must never see: the owner's ids and e-mail."""
        values = [item for value in self.ids.values() for item in (value if isinstance(value, list) else [value])]
        return {value for value in values if isinstance(value, str) and len(value) >= 12} | {
            self.owner.user["id"], self.owner.user["email"]}


# ── building the owner's resources ──

def slow_sessions(world: World, turns: int = 30, chunk_delay_ms: int = 150) -> None:
    """The next main-tier answers stream slowly, so a fresh session is still running when a command lands."""
    response = requests.post(f"{world.simulator}/__faults", timeout=10, json={
        "faults": [{"kind": "slow_stream", "chunk_delay_ms": chunk_delay_ms}] * turns, "model": MAIN_MODEL})
    assert response.status_code in (200, 201, 204), response.text


def clear_faults(world: World) -> None:
    requests.delete(f"{world.simulator}/__faults", timeout=10)


def new_session(world: World) -> str:
    """A fresh, slowed session of the owner's group (queued or running)."""
    slow_sessions(world)
    return world.owner.ok("POST", f"/api/focus-groups/{world.ids['group']}/sessions", 202)["session"]["id"]


def end_session(world: World, session_id: str) -> None:
    """Cancels the session if it still runs and waits until it has ended, so it holds no task slot."""
    current = world.owner.ok("GET", f"/api/sessions/{session_id}")
    if current["status"] not in ENDED_SESSION:
        response = world.owner.request("POST", f"/api/sessions/{session_id}/commands", json={"kind": "cancel"})
        assert response.status_code in (202, 409), response.text
    world.owner.wait(f"/api/sessions/{session_id}", lambda s: s["status"] in ENDED_SESSION, 180)
    clear_faults(world)


def persona(world: World) -> str:
    return world.owner.ok("POST", "/api/personas", 201, json={
        "name": "Disposable Dana", "age": 40, "gender": "female", "location": "York", "occupation": "Baker",
        "income_band": "middle", "attitude": "neutral", "bio": "Bakes bread before dawn."})["id"]


def group(world: World, guide: dict | None = None) -> str:
    body = {"name": "Authz group", "objective": f"Learn what bakers want ({uuid.uuid4().hex[:8]}).",
            "participant_ids": world.ids["personas"][:3]}
    created = world.owner.ok("POST", "/api/focus-groups", 201, json=body)
    if guide:
        world.owner.ok("PATCH", f"/api/focus-groups/{created['id']}", json={"guide": guide})
    return created["id"]


def stimulus_image(world: World) -> str:
    started = world.owner.ok("POST", f"/api/focus-groups/{world.ids['group']}/stimuli/image", 202,
                             params={"title": "Box"}, data=png(8, 8), headers={"Content-Type": "image/png"})
    world.owner.wait_task(started["task_id"])
    return started["stimulus"]["id"]


def dataset(world: World) -> str:
    csv = "age,city,spend\r\n" + "".join(f"{20 + n},Leeds,{n * 10}\r\n" for n in range(12))
    return world.owner.ok("POST", "/api/customer-data", 201, params={"name": "Riders"}, data=csv.encode(),
                          headers={"Content-Type": "text/csv"})["id"]


def folder(world: World, name: str = "Bakers") -> str:
    return world.owner.ok("POST", "/api/folders", 201, json={"name": f"{name} {uuid.uuid4().hex[:6]}"})["id"]


def slow_task(world: World) -> str:
    """A persona generation whose model calls stream very slowly: queued or running when it is cancelled."""
    requests.post(f"{world.simulator}/__faults", timeout=10,
                  json={"faults": [{"kind": "slow_stream", "chunk_delay_ms": 2000}] * 4}).raise_for_status()
    return world.owner.ok("POST", "/api/personas/generate", 202, json={"brief": "Bakers in York.", "count": 1})[
        "task_id"]


@pytest.fixture(scope="module")
def world(stack):
    requests.delete(f"{stack.simulator_url}/__faults", timeout=10)
    researcher = Researcher(stack, max_turns=12)
    owner = Actor(stack, researcher.token, researcher.user, "owner")
    email = unique_email("authz-admin")
    password = stack.make_admin(email)
    signed_in = stack._login(email, password)
    admin = Actor(stack, signed_in["token"], signed_in["user"], "admin")
    world = World(stack, owner, Actor.fresh(stack, "other user"), admin, Actor(stack), stack.simulator_url)
    # Every run costs credits; the trial covers one.
    admin.ok("POST", f"/api/admin/users/{owner.user['id']}/credits", json={"amount": 2000, "reason": "authz"})
    ids = world.ids
    ids.update(personas=researcher.personas, persona=researcher.personas[0], group=researcher.group)
    session = owner.ok("POST", f"/api/focus-groups/{ids['group']}/sessions", 202)["session"]["id"]
    ids["session"] = owner.wait(f"/api/sessions/{session}", lambda s: s["status"] in ENDED_SESSION, 180)["id"]
    ids["folder"] = folder(world)
    ids["dataset"] = dataset(world)
    ids["stimulus"] = stimulus_image(world)
    ids["guide_group"] = group(world, GUIDE)
    started = owner.ok("POST", "/api/exports", 202, json={"kind": "session", "session_id": ids["session"],
                                                          "format": "json"})
    ids["task"] = started["task_id"]
    ids["export"] = owner.wait(f"/api/exports/{started['export']['id']}", lambda e: e["status"] != "pending")["id"]
    ids["checkout"] = owner.ok("POST", "/api/billing/checkout", 201, json={"pack": "starter"})["checkout_id"]
    ids["target"] = Actor.fresh(stack, "target").user["id"]
    world.settings = admin.ok("GET", "/api/admin/settings")
    yield world
    clear_faults(world)


# ── the table ──

@dataclass
class Row:
    """How one operation is called and what it answers.

    access: "public", "admin", "owned" (a resource of the owner's in the path or body) or "self" (the caller's
    own account or lists). `send(actor, ids)` makes the call; `fresh(world)` makes disposable resources (merged
    into ids) for a call that consumes them; `after(world, response, ids)` tidies up after the owner's success (waits
    for a task, ends a session). `others` is what another user and an admin get ("owned": 404 unless said).
    `solo`: the operation acts on the caller's own account only, so another caller has nothing to aim at."""

    access: str
    ok: int
    send: Callable
    fresh: Callable | None = None
    after: Callable | None = None
    others: int = 404
    solo: bool = False


def wait_for_task(world, response, ids):
    world.owner.wait_task(response.json()["task_id"])


def wait_for_session(world, response, ids):
    end_session(world, response.json()["session"]["id"])


def signed_webhook(actor, ids):
    body = json.dumps({"id": f"evt_authz_{uuid.uuid4().hex[:8]}", "object": "event", "type": "customer.created",
                       "created": 1, "data": {"object": {"id": "cus_1", "object": "customer"}}}).encode()
    secret = actor.stack.stripe_webhook_secret
    return actor.request("POST", "/api/billing/webhook", data=body, headers={
        "Content-Type": "application/json", "Stripe-Signature": signature_header(secret, int(time.time()), body)})


def paused_session(world):
    session_id = new_session(world)
    world.owner.wait(f"/api/sessions/{session_id}/messages", lambda page: len(page["items"]) >= 1)
    world.owner.ok("POST", f"/api/sessions/{session_id}/commands", 202, json={"kind": "pause"})
    world.owner.wait(f"/api/sessions/{session_id}", lambda s: s["status"] == "paused", 120)
    return {"fresh_session": session_id}


def disposable_account(world):
    token, user = world.stack.new_user()
    return {"account": Actor(world.stack, token, user, "disposable")}


def as_account(actor, ids, method, path, **kwargs):
    """Solo rows: the owner's call is made by the disposable account, whose password change or sign-out
    must not end the shared owner's token."""
    caller = ids["account"] if actor.name == "owner" else actor
    return caller.request(method, path, **kwargs)


PRICE = {"model": "authz-matrix-model", "input_usd_per_mtok": "1.00", "output_usd_per_mtok": "2.00",
         "effective_from": "2030-01-01"}

ROWS: dict[tuple[str, str], Row] = {
    # auth
    ("POST", "/api/auth/register"): Row("public", 201, lambda a, ids: a.request(
        "POST", "/api/auth/register", json={"email": unique_email("authz"), "password": new_password()})),
    ("POST", "/api/auth/login"): Row("public", 200, lambda a, ids: a.request(
        "POST", "/api/auth/login", json=dict(zip(("email", "password"), a.stack.register())))),
    ("GET", "/api/auth/me"): Row("self", 200, lambda a, ids: a.request("GET", "/api/auth/me")),
    ("POST", "/api/auth/password"): Row(
        "self", 200, lambda a, ids: as_account(a, ids, "POST", "/api/auth/password", json={
            "current_password": ids["account"].password, "new_password": new_password()}),
        fresh=lambda w: {"account": password_account(w)}, solo=True),
    ("POST", "/api/auth/logout-all"): Row(
        "self", 204, lambda a, ids: as_account(a, ids, "POST", "/api/auth/logout-all"),
        fresh=disposable_account, solo=True),
    # credits, billing, usage, quota
    ("GET", "/api/credits"): Row("self", 200, lambda a, ids: a.request("GET", "/api/credits")),
    ("GET", "/api/billing/packs"): Row("self", 200, lambda a, ids: a.request("GET", "/api/billing/packs")),
    ("POST", "/api/billing/checkout"): Row("self", 201, lambda a, ids: a.request(
        "POST", "/api/billing/checkout", json={"pack": "starter"})),
    ("GET", "/api/billing/checkout/{id}"): Row("owned", 200, lambda a, ids: a.request(
        "GET", f"/api/billing/checkout/{ids['checkout']}")),
    ("POST", "/api/billing/webhook"): Row("public", 200, signed_webhook),
    ("GET", "/api/usage/me"): Row("self", 200, lambda a, ids: a.request("GET", "/api/usage/me")),
    ("GET", "/api/quota/me"): Row("self", 200, lambda a, ids: a.request("GET", "/api/quota/me")),
    # admin
    ("PUT", "/api/admin/users/{id}/quota"): Row("admin", 200, lambda a, ids: a.request(
        "PUT", f"/api/admin/users/{ids['target']}/quota", json={"monthly_usd": None})),
    ("POST", "/api/admin/users/{id}/credits"): Row("admin", 200, lambda a, ids: a.request(
        "POST", f"/api/admin/users/{ids['target']}/credits", json={"amount": 1, "reason": "authz matrix"})),
    ("GET", "/api/admin/users"): Row("admin", 200, lambda a, ids: a.request("GET", "/api/admin/users")),
    ("GET", "/api/admin/users/{id}"): Row("admin", 200, lambda a, ids: a.request(
        "GET", f"/api/admin/users/{ids['target']}")),
    ("PATCH", "/api/admin/users/{id}"): Row("admin", 200, lambda a, ids: a.request(
        "PATCH", f"/api/admin/users/{ids['target']}", json={"disabled": False})),
    ("GET", "/api/admin/pricing"): Row("admin", 200, lambda a, ids: a.request("GET", "/api/admin/pricing")),
    ("POST", "/api/admin/pricing"): Row("admin", 201, lambda a, ids: a.request(
        "POST", "/api/admin/pricing", json=PRICE)),
    ("GET", "/api/admin/settings"): Row("admin", 200, lambda a, ids: a.request("GET", "/api/admin/settings")),
    ("PUT", "/api/admin/settings"): Row("admin", 200, lambda a, ids: a.request(
        "PUT", "/api/admin/settings", json=ids["settings"])),
    ("GET", "/api/admin/audit"): Row("admin", 200, lambda a, ids: a.request("GET", "/api/admin/audit")),
    ("GET", "/api/admin/usage"): Row("admin", 200, lambda a, ids: a.request("GET", "/api/admin/usage")),
    ("GET", "/api/admin/usage.csv"): Row("admin", 200, lambda a, ids: a.request("GET", "/api/admin/usage.csv")),
    ("GET", "/api/admin/analytics"): Row("admin", 200, lambda a, ids: a.request("GET", "/api/admin/analytics")),
    # health
    ("GET", "/api/health"): Row("public", 200, lambda a, ids: a.request("GET", "/api/health")),
    ("GET", "/api/version"): Row("public", 200, lambda a, ids: a.request("GET", "/api/version")),
    # personas
    ("GET", "/api/personas"): Row("self", 200, lambda a, ids: a.request("GET", "/api/personas")),
    ("POST", "/api/personas"): Row("owned", 201, lambda a, ids: a.request("POST", "/api/personas", json={
        "name": "Filed Fran", "age": 30, "gender": "female", "location": "Hull", "occupation": "Nurse",
        "income_band": "middle", "attitude": "neutral", "bio": "Works shifts.", "folder_id": ids["folder"]})),
    ("GET", "/api/personas/{id}"): Row("owned", 200, lambda a, ids: a.request(
        "GET", f"/api/personas/{ids['persona']}")),
    ("PATCH", "/api/personas/{id}"): Row("owned", 200, lambda a, ids: a.request(
        "PATCH", f"/api/personas/{ids['persona']}", json={"bio": "Cooks most weekday evenings, still."})),
    ("DELETE", "/api/personas/{id}"): Row("owned", 204, lambda a, ids: a.request(
        "DELETE", f"/api/personas/{ids['fresh_persona']}"), fresh=lambda w: {"fresh_persona": persona(w)}),
    ("POST", "/api/personas/{id}/modify"): Row("owned", 202, lambda a, ids: a.request(
        "POST", f"/api/personas/{ids['fresh_persona']}/modify", json={"instruction": "make her more frugal"}),
        fresh=lambda w: {"fresh_persona": persona(w)}, after=wait_for_task),
    # Another user's ids are not theirs to delete: nothing is deleted, and the answer says so.
    ("POST", "/api/personas/bulk-delete"): Row("owned", 200, lambda a, ids: a.request(
        "POST", "/api/personas/bulk-delete", json={"ids": [ids["fresh_persona"]]}),
        fresh=lambda w: {"fresh_persona": persona(w)}, others=200),
    ("POST", "/api/personas/move"): Row("owned", 200, lambda a, ids: a.request(
        "POST", "/api/personas/move", json={"ids": [ids["fresh_persona"]], "folder_id": ids["folder"]}),
        fresh=lambda w: {"fresh_persona": persona(w)}),
    # folders
    ("GET", "/api/folders"): Row("self", 200, lambda a, ids: a.request("GET", "/api/folders")),
    ("POST", "/api/folders"): Row("owned", 201, lambda a, ids: a.request(
        "POST", "/api/folders", json={"name": f"Sub {uuid.uuid4().hex[:6]}", "parent_id": ids["folder"]})),
    ("PATCH", "/api/folders/{id}"): Row("owned", 200, lambda a, ids: a.request(
        "PATCH", f"/api/folders/{ids['folder']}", json={"name": f"Bakers {uuid.uuid4().hex[:6]}"})),
    ("DELETE", "/api/folders/{id}"): Row("owned", 204, lambda a, ids: a.request(
        "DELETE", f"/api/folders/{ids['fresh_folder']}"), fresh=lambda w: {"fresh_folder": folder(w, "Gone")}),
    # customer data
    ("GET", "/api/customer-data"): Row("self", 200, lambda a, ids: a.request("GET", "/api/customer-data")),
    ("POST", "/api/customer-data"): Row("self", 201, lambda a, ids: a.request(
        "POST", "/api/customer-data", data=b"age,city\r\n30,Leeds\r\n41,York\r\n",
        headers={"Content-Type": "text/csv"})),
    ("GET", "/api/customer-data/{id}"): Row("owned", 200, lambda a, ids: a.request(
        "GET", f"/api/customer-data/{ids['dataset']}")),
    ("DELETE", "/api/customer-data/{id}"): Row("owned", 204, lambda a, ids: a.request(
        "DELETE", f"/api/customer-data/{ids['fresh_dataset']}"), fresh=lambda w: {"fresh_dataset": dataset(w)}),
    # generation
    ("GET", "/api/pricing"): Row("self", 200, lambda a, ids: a.request("GET", "/api/pricing")),
    ("GET", "/api/personas/sampling-plan"): Row("self", 200, lambda a, ids: a.request(
        "GET", "/api/personas/sampling-plan")),
    ("POST", "/api/personas/generate"): Row("owned", 202, lambda a, ids: a.request(
        "POST", "/api/personas/generate", json={"brief": "Riders in Leeds.", "count": 1,
                                                "customer_data_id": ids["dataset"]}), after=wait_for_task),
    # focus groups
    ("GET", "/api/focus-groups"): Row("self", 200, lambda a, ids: a.request("GET", "/api/focus-groups")),
    # Participants must be the caller's own personas: another user's are refused as a field error.
    ("POST", "/api/focus-groups"): Row("owned", 201, lambda a, ids: a.request("POST", "/api/focus-groups", json={
        "name": "Panel", "objective": "Learn what bakers want.", "participant_ids": ids["personas"][:3]}),
        others=400),
    ("GET", "/api/focus-groups/{id}"): Row("owned", 200, lambda a, ids: a.request(
        "GET", f"/api/focus-groups/{ids['group']}")),
    ("PATCH", "/api/focus-groups/{id}"): Row("owned", 200, lambda a, ids: a.request(
        "PATCH", f"/api/focus-groups/{ids['group']}", json={"name": "Meal-kit concept test"})),
    ("DELETE", "/api/focus-groups/{id}"): Row("owned", 204, lambda a, ids: a.request(
        "DELETE", f"/api/focus-groups/{ids['fresh_group']}"), fresh=lambda w: {"fresh_group": group(w)}),
    ("POST", "/api/focus-groups/{id}/stimuli/image"): Row("owned", 202, lambda a, ids: a.request(
        "POST", f"/api/focus-groups/{ids['guide_group']}/stimuli/image", data=png(4, 4), params={"title": "Logo"},
        headers={"Content-Type": "image/png"}), after=wait_for_task),
    ("GET", "/api/focus-groups/{id}/stimuli/{sid}/image"): Row("owned", 200, lambda a, ids: a.request(
        "GET", f"/api/focus-groups/{ids['group']}/stimuli/{ids['stimulus']}/image")),
    ("DELETE", "/api/focus-groups/{id}/stimuli/{sid}"): Row("owned", 204, lambda a, ids: a.request(
        "DELETE", f"/api/focus-groups/{ids['group']}/stimuli/{ids['fresh_stimulus']}"),
        fresh=lambda w: {"fresh_stimulus": stimulus_image(w)}),
    ("POST", "/api/focus-groups/{id}/guide/generate"): Row("owned", 202, lambda a, ids: a.request(
        "POST", f"/api/focus-groups/{ids['guide_group']}/guide/generate"), after=wait_for_task),
    ("POST", "/api/focus-groups/{id}/guide/sections/{section_id}/regenerate"): Row(
        "owned", 202, lambda a, ids: a.request(
            "POST", f"/api/focus-groups/{ids['guide_group']}/guide/sections/{ids['fresh_section']}/regenerate"),
        fresh=lambda w: {"fresh_section": w.owner.ok("GET", f"/api/focus-groups/{w.ids['guide_group']}")[
            "guide"]["sections"][0]["id"]}, after=wait_for_task),
    # sessions
    ("GET", "/api/focus-groups/{id}/sessions/estimate"): Row("owned", 200, lambda a, ids: a.request(
        "GET", f"/api/focus-groups/{ids['group']}/sessions/estimate")),
    # Lists only the caller's sessions of that group: another user's list of it is empty.
    ("GET", "/api/focus-groups/{id}/sessions"): Row("owned", 200, lambda a, ids: a.request(
        "GET", f"/api/focus-groups/{ids['group']}/sessions"), others=200),
    ("POST", "/api/focus-groups/{id}/sessions"): Row("owned", 202, lambda a, ids: a.request(
        "POST", f"/api/focus-groups/{ids['group']}/sessions"), after=wait_for_session),
    ("GET", "/api/sessions/{id}"): Row("owned", 200, lambda a, ids: a.request(
        "GET", f"/api/sessions/{ids['session']}")),
    ("GET", "/api/sessions/{id}/messages"): Row("owned", 200, lambda a, ids: a.request(
        "GET", f"/api/sessions/{ids['session']}/messages")),
    ("POST", "/api/sessions/{id}/commands"): Row("owned", 202, lambda a, ids: a.request(
        "POST", f"/api/sessions/{ids['fresh_session']}/commands", json={"kind": "cancel"}),
        fresh=lambda w: {"fresh_session": new_session(w)},
        after=lambda w, r, ids: end_session(w, ids["fresh_session"])),
    ("POST", "/api/sessions/{id}/resume"): Row("owned", 202, lambda a, ids: a.request(
        "POST", f"/api/sessions/{ids['fresh_session']}/resume"), fresh=paused_session, after=wait_for_session),
    ("POST", "/api/sessions/{id}/fork"): Row("owned", 202, lambda a, ids: a.request(
        "POST", f"/api/sessions/{ids['session']}/fork", json={"seq": 2}), after=wait_for_session),
    ("POST", "/api/sessions/{id}/replay"): Row("owned", 202, lambda a, ids: a.request(
        "POST", f"/api/sessions/{ids['session']}/replay"), after=wait_for_session),
    ("GET", "/api/sessions/{id}/compare/{other}"): Row("owned", 200, lambda a, ids: a.request(
        "GET", f"/api/sessions/{ids['session']}/compare/{ids['session']}")),
    # tasks
    ("GET", "/api/tasks"): Row("self", 200, lambda a, ids: a.request("GET", "/api/tasks")),
    ("GET", "/api/tasks/{id}"): Row("owned", 200, lambda a, ids: a.request("GET", f"/api/tasks/{ids['task']}")),
    ("DELETE", "/api/tasks/{id}"): Row("owned", 202, lambda a, ids: a.request(
        "DELETE", f"/api/tasks/{ids['fresh_task']}"), fresh=lambda w: {"fresh_task": slow_task(w)},
        after=lambda w, r, ids: (w.owner.wait_task(ids["fresh_task"]), clear_faults(w))),
    # exports
    ("POST", "/api/exports"): Row("owned", 202, lambda a, ids: a.request("POST", "/api/exports", json={
        "kind": "session", "session_id": ids["session"], "format": "csv"}), after=wait_for_task),
    ("GET", "/api/exports"): Row("self", 200, lambda a, ids: a.request("GET", "/api/exports")),
    ("GET", "/api/exports/{id}"): Row("owned", 200, lambda a, ids: a.request(
        "GET", f"/api/exports/{ids['export']}")),
    ("GET", "/api/exports/{id}/download"): Row("owned", 200, lambda a, ids: a.request(
        "GET", f"/api/exports/{ids['export']}/download")),
}


def password_account(world) -> Actor:
    email, password = world.stack.register()
    actor = Actor(world.stack, world.stack.login(email, password), {"email": email}, "disposable")
    actor.password = password
    return actor


# ── the table covers the spec, and the spec covers the router ──

def test_every_operation_in_the_spec_has_a_row_and_every_row_an_operation():
    assert sorted(ROWS) == OPERATIONS, {"without a row": sorted(set(OPERATIONS) - set(ROWS)),
                                        "not in the spec": sorted(set(ROWS) - set(OPERATIONS))}


def test_the_public_operations_are_exactly_the_unauthenticated_ones_in_the_spec():
    spec_public = {(method.upper(), path) for path, item in SPEC["paths"].items() for method, op in item.items()
                   if method in METHODS and op.get("security") == []}
    assert spec_public == PUBLIC == {key for key, row in ROWS.items() if row.access == "public"}


def registered_routes() -> set[tuple[str, str]]:
    """Every `router.on(.method, "/api/…")` in the FastCGI routes, as (METHOD, spec path)."""
    routes = set()
    for source in (REPO / "Sources" / "CohortaFCGI").rglob("*.swift"):
        text = source.read_text()
        constants = dict(re.findall(r'static let (\w+) = "(/api/[^"]*)"', text))
        for method, literal, constant in re.findall(r'router\.on\(\s*\.(\w+),\s*(?:"(/api/[^"]*)"|(?:Self\.)?(\w+))',
                                                    text):
            path = literal or constants.get(constant)
            if path:
                routes.add((method.upper(), re.sub(r":(\w+)", r"{\1}", path)))
    return routes


def test_every_registered_api_route_is_in_the_spec():
    routes = registered_routes()
    assert len(routes) >= 60, f"the route scan found only {len(routes)}: has the registration style changed?"
    assert not routes - set(OPERATIONS), sorted(routes - set(OPERATIONS))


# ── the matrix ──

def randomised(ids: dict) -> dict:
    """The same ids with every resource id replaced by one that exists nowhere."""
    return {key: (str(ObjectId()) if isinstance(value, str) and re.fullmatch(r"[0-9a-f]{24}", value) else
                  [str(ObjectId()) for _ in value] if isinstance(value, list) else value)
            for key, value in ids.items()}


def assert_no_leak(world: World, response: requests.Response, who: str) -> None:
    leaked = [secret for secret in world.secrets() if secret in response.text]
    assert not leaked, f"{who} saw the owner's {leaked} in {response.request.method} {response.url}"


def same_refusal(response: requests.Response, unknown: requests.Response) -> None:
    """A refusal of a real id says exactly what a refusal of an id that exists nowhere says."""
    assert response.status_code == unknown.status_code, (response.text, unknown.text)
    if response.status_code >= 400:
        ours, theirs = response.json()["error"], unknown.json()["error"]
        assert (ours["code"], ours.get("field")) == (theirs["code"], theirs.get("field")), (ours, theirs)
        if response.status_code == 404:
            assert ours["code"] == "not_found", ours


@pytest.mark.parametrize("operation", OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_the_matrix(world, operation):
    row = ROWS[operation]
    ids = {**world.ids, "settings": world.settings, **(row.fresh(world) if row.fresh else {})}

    if row.access == "public":
        response = row.send(world.anonymous, ids)
        assert response.status_code == row.ok, response.text
        return

    expect_error(row.send(world.anonymous, ids), 401, "unauthenticated")
    if row.access == "admin":
        for user in (world.owner, world.other):
            expect_error(row.send(user, ids), 403, "forbidden")
        response = row.send(world.admin, ids)
        assert response.status_code == row.ok, response.text
        return

    if not row.solo:
        others = (world.other, world.admin)
        expected = row.ok if row.access == "self" else row.others
        for actor in others:
            response = row.send(actor, ids)
            assert response.status_code == expected, f"{actor.name}: {response.status_code} {response.text[:300]}"
            if response.status_code < 300:
                assert_no_leak(world, response, actor.name)
            elif row.access == "owned":
                same_refusal(response, row.send(actor, randomised(ids)))
    response = row.send(world.owner, ids)
    assert response.status_code == row.ok, f"owner: {response.status_code} {response.text[:300]}"
    if row.after:
        row.after(world, response, ids)


def test_another_users_bulk_delete_and_move_leave_the_personas_where_they_were(world):
    """The two list operations that take ids in the body and may answer 200 with a count: another user's ids
    count as unknown (0 deleted, 0 moved), and nothing of the owner's changes."""
    target = persona(world)
    world.owner.ok("POST", "/api/personas/move", json={"ids": [target], "folder_id": world.ids["folder"]})
    deleted = world.other.ok("POST", "/api/personas/bulk-delete", json={"ids": [target]})
    moved = world.other.ok("POST", "/api/personas/move", json={"ids": [target], "folder_id": None})
    assert deleted == {"deleted": 0} and moved == {"moved": 0}, (deleted, moved)
    assert world.owner.ok("GET", f"/api/personas/{target}")["folder_id"] == world.ids["folder"]

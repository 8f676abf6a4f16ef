"""Mass assignment on the real stack: no route lets a caller set what only the server decides.

Every route that takes a body (and the two that take their fields from the query string) is sent a valid
request plus fields a user must never set: role, credits_balance, token_version, owner/user ids, quota,
disabled, status, cost fields, ids and timestamps. Each answer is a 400 or the route's success, and the stored
documents prove nothing changed: the caller's account keeps its role, token version, state and a balance the
ledger explains; a bystander (whose id the requests name as owner) owns nothing and is untouched; no document
takes the id the request asked for; what the route made belongs to the caller. docs/openapi.yaml is the
specification."""

import json
import time
import uuid
from datetime import datetime

import pytest
from bson import ObjectId
from pymongo import MongoClient

from stack import new_password, unique_email
from test_api_credits import whole_ledger
from test_api_focus_groups import png
from test_api_sessions import GUIDE
from test_security_authz import Actor, ENDED_SESSION

EVIL_ID = str(ObjectId())
PROTECTED = ("role", "token_version", "disabled", "email", "password_hash")
OWNED = ("personas", "folders", "focus_groups", "sessions", "tasks", "exports", "customer_datasets",
         "credit_transactions", "quotas", "checkout_sessions")


def evil(bystander_id: str) -> dict:
    """Fields a user must never set, aimed at making the bystander the owner and the caller rich."""
    return {"role": "admin", "credits_balance": 1_000_000, "token_version": 7, "disabled": False,
            "user_id": bystander_id, "owner_id": bystander_id, "owner": bystander_id, "_id": EVIL_ID,
            "id": EVIL_ID, "quota": {"monthly_usd": "100000.00"}, "monthly_usd": "100000.00",
            "status": "finished", "cost": {"credits_charged": 0, "spent_micro_usd": "0"}, "credits_charged": 0,
            "spent_micro_usd": "0", "price_cents": 0, "credits": 100000, "created_at": "2000-01-01T00:00:00Z",
            "pending_ledger": [], "password_hash": "$2b$04$forged"}


@pytest.fixture(scope="module")
def db(stack):
    client = MongoClient(stack.mongo_uri)
    yield client[stack.db_name]
    client.close()


class Caller(Actor):
    """A user with three personas, a folder and a focus group, who tries every route."""

    def __init__(self, stack):
        token, user = stack.new_user()
        super().__init__(stack, token, user, "caller")
        self.personas = [self.ok("POST", "/api/personas", 201, json={
            "name": f"Person {n}", "age": 30 + n, "gender": "female", "location": "Leeds", "occupation": "Chef",
            "income_band": "middle", "attitude": "neutral", "bio": "Cooks."})["id"] for n in range(3)]
        self.folder = self.ok("POST", "/api/folders", 201, json={"name": "Chefs"})["id"]
        self.group = self.ok("POST", "/api/focus-groups", 201, json={
            "name": "Chefs panel", "objective": f"Learn what chefs want ({uuid.uuid4().hex[:8]}).",
            "participant_ids": self.personas, "settings": {"max_turns": 12}})["id"]
        self.ok("PATCH", f"/api/focus-groups/{self.group}", json={"guide": GUIDE})


@pytest.fixture(scope="module")
def caller(stack):
    return Caller(stack)


@pytest.fixture(scope="module")
def bystander(stack):
    return Actor.fresh(stack, "bystander")


@pytest.fixture(scope="module")
def admin(stack):
    email = unique_email("ma-admin")
    signed_in = stack._login(email, stack.make_admin(email))
    return Actor(stack, signed_in["token"], signed_in["user"], "admin")


@pytest.fixture(scope="module")
def finished_session(caller, admin):
    admin.ok("POST", f"/api/admin/users/{caller.user['id']}/credits", json={"amount": 500, "reason": "mass"})
    session = caller.ok("POST", f"/api/focus-groups/{caller.group}/sessions", 202)["session"]["id"]
    return caller.wait(f"/api/sessions/{session}", lambda s: s["status"] in ENDED_SESSION, 180)["id"]


def user_doc(db, user_id: str) -> dict:
    return db.users.find_one({"_id": ObjectId(user_id)})


def balance_explained_by_ledger(caller) -> int:
    """The balance equals the sum of the caller's ledger (waits out a charge still being written)."""
    deadline = time.monotonic() + 30
    while True:
        balance, items = whole_ledger(caller.stack, caller.token)
        if balance == sum(int(item["amount"]) for item in items):
            return balance
        assert time.monotonic() < deadline, (balance, items)
        time.sleep(0.25)


# (name, method, path(caller, ctx), keyword arguments(caller, extra fields, ctx), where what the route made or
# changed is stored(caller, ctx, response body) -> (collection, _id)); ctx holds the caller's finished session.
def json_body(valid):
    return lambda c, extras, ctx: {"json": {**extras, **valid(c, ctx)}}


def query(fields: dict, content_type: str, data: bytes):
    return lambda c, extras, ctx: {"params": {**{k: json.dumps(v) if not isinstance(v, str) else v
                                                 for k, v in extras.items()}, **fields},
                                   "data": data, "headers": {"Content-Type": content_type}}


def made(collection: str, key=lambda body: body["id"]):
    return lambda c, ctx, body: (collection, ObjectId(key(body)))


ROUTES = [
    ("personas-create", "POST", lambda c, ctx: "/api/personas", json_body(lambda c, ctx: {
        "name": "Forged Fay", "age": 40, "gender": "female", "location": "York", "occupation": "Baker",
        "income_band": "middle", "attitude": "neutral", "bio": "Bakes."}), made("personas")),
    ("personas-update", "PATCH", lambda c, ctx: f"/api/personas/{c.personas[0]}",
     json_body(lambda c, ctx: {"bio": "Still cooks."}), made("personas")),
    ("personas-modify", "POST", lambda c, ctx: f"/api/personas/{c.personas[1]}/modify",
     json_body(lambda c, ctx: {"instruction": "make her thriftier"}), made("tasks", lambda body: body["task_id"])),
    ("personas-move", "POST", lambda c, ctx: "/api/personas/move",
     json_body(lambda c, ctx: {"ids": [c.personas[2]], "folder_id": c.folder}), None),
    ("personas-bulk-delete", "POST", lambda c, ctx: "/api/personas/bulk-delete",
     json_body(lambda c, ctx: {"ids": [EVIL_ID]}), None),
    ("personas-generate", "POST", lambda c, ctx: "/api/personas/generate",
     json_body(lambda c, ctx: {"brief": "Chefs in Leeds.", "count": 1}), made("tasks", lambda body: body["task_id"])),
    ("folders-create", "POST", lambda c, ctx: "/api/folders", json_body(lambda c, ctx: {"name": "Forged"}),
     made("folders")),
    ("folders-update", "PATCH", lambda c, ctx: f"/api/folders/{c.folder}",
     json_body(lambda c, ctx: {"name": "Chefs, renamed"}), made("folders")),
    ("focus-groups-create", "POST", lambda c, ctx: "/api/focus-groups", json_body(lambda c, ctx: {
        "name": "Forged panel", "objective": "Learn things.", "participant_ids": c.personas}), made("focus_groups")),
    ("focus-groups-update", "PATCH", lambda c, ctx: f"/api/focus-groups/{c.group}",
     json_body(lambda c, ctx: {"name": "Chefs panel, renamed"}), made("focus_groups")),
    ("focus-groups-settings", "PATCH", lambda c, ctx: f"/api/focus-groups/{c.group}",
     lambda c, extras, ctx: {"json": {"settings": {"max_turns": 12, **extras}}}, made("focus_groups")),
    ("customer-data", "POST", lambda c, ctx: "/api/customer-data",
     query({"name": "Forged"}, "text/csv", b"age,city\r\n30,Leeds\r\n"), made("customer_datasets")),
    ("stimulus-image", "POST", lambda c, ctx: f"/api/focus-groups/{c.group}/stimuli/image",
     query({"title": "Logo"}, "image/png", png(4, 4)), made("tasks", lambda body: body["task_id"])),
    ("session-command", "POST", lambda c, ctx: f"/api/sessions/{ctx['session']}/commands",
     json_body(lambda c, ctx: {"kind": "pause"}), None),
    ("session-fork", "POST", lambda c, ctx: f"/api/sessions/{ctx['session']}/fork",
     json_body(lambda c, ctx: {"seq": 2}), made("sessions", lambda body: body["session"]["id"])),
    ("exports", "POST", lambda c, ctx: "/api/exports",
     json_body(lambda c, ctx: {"kind": "session", "session_id": ctx["session"], "format": "json"}),
     made("exports", lambda body: body["export"]["id"])),
    ("checkout", "POST", lambda c, ctx: "/api/billing/checkout", json_body(lambda c, ctx: {"pack": "starter"}),
     None),
    ("password", "POST", lambda c, ctx: "/api/auth/password",
     json_body(lambda c, ctx: {"current_password": "not-the-password-1", "new_password": new_password()}), None),
]


def stored_with_evil_id(db) -> list[str]:
    return [name for name in db.list_collection_names()
            if db[name].find_one({"_id": ObjectId(EVIL_ID)}) or db[name].find_one({"_id": EVIL_ID})]


def owned_by(db, user_id: str) -> dict:
    return {name: db[name].count_documents({"user_id": ObjectId(user_id)}) for name in OWNED}


def send_peeling_refusals(caller, method, path, kwargs, ctx, extras: dict):
    """Sends the request with every extra field; while the answer is a 400 naming one of them, drops that one
    and sends again. Returns the last answer and the extras it carried (accepted or silently ignored)."""
    extras = dict(extras)
    while True:
        response = caller.request(method, path, **kwargs(caller, extras, ctx))
        assert response.status_code < 500, response.text
        field = response.json().get("error", {}).get("field") if response.status_code == 400 else None
        key = (field or "").split(".")[-1]
        if key not in extras:
            return response, extras
        del extras[key]


@pytest.mark.parametrize("name, method, path, kwargs, stored", ROUTES, ids=[route[0] for route in ROUTES])
def test_no_route_lets_a_user_set_server_fields(stack, db, caller, bystander, finished_session,
                                                name, method, path, kwargs, stored):
    ctx = {"session": finished_session}
    before, bystander_before = user_doc(db, caller.user["id"]), user_doc(db, bystander.user["id"])
    owned_before, bystander_owned = owned_by(db, caller.user["id"]), owned_by(db, bystander.user["id"])
    balance = balance_explained_by_ledger(caller)

    extras = evil(bystander.user["id"])
    response, passed = send_peeling_refusals(caller, method, path(caller, ctx), kwargs, ctx, extras)
    # The route's success with the fields it ignored, or a refusal that is not about them: the password route's
    # wrong current password (400), a command to a finished session (409).
    assert response.status_code in (200, 201, 202, 400, 409), f"{response.status_code} {response.text[:300]}"

    after = user_doc(db, caller.user["id"])
    assert {key: after.get(key) for key in PROTECTED} == {key: before.get(key) for key in PROTECTED}
    assert after["role"] == "user" and not after.get("disabled")
    assert balance_explained_by_ledger(caller) <= balance, "nothing a user sends can raise their balance"
    assert user_doc(db, bystander.user["id"]) == bystander_before
    assert owned_by(db, bystander.user["id"]) == bystander_owned, "the bystander was made an owner"
    assert stored_with_evil_id(db) == [], "a document took the id the request asked for"
    assert db.quotas.find_one({"_id": ObjectId(caller.user["id"])}) is None
    owned_after = owned_by(db, caller.user["id"])
    for collection in ("personas", "folders", "focus_groups", "customer_datasets"):
        assert owned_after[collection] >= owned_before[collection]
    if stored and response.status_code < 300:
        collection, document_id = stored(caller, ctx, response.json())
        document = db[collection].find_one({"_id": document_id})
        assert document["user_id"] == ObjectId(caller.user["id"]), document
        assert document.get("created_at", datetime.now()) > datetime(2020, 1, 1)
        took = {key: value for key, value in passed.items() if key in document and document[key] == value}
        assert not took, f"{collection} stored the request's {took}"
        if collection == "sessions":
            assert document["credits_charged"] == 40, document.get("credits_charged")
    no_active_tasks(db, caller)


def no_active_tasks(db, caller) -> None:
    """Waits until the tasks a route started have ended, so the next route is not refused for too many."""
    deadline = time.monotonic() + 180
    while db.tasks.count_documents({"user_id": ObjectId(caller.user["id"]), "status": {"$in": ["queued", "running"]}}):
        assert time.monotonic() < deadline, list(db.tasks.find({"user_id": ObjectId(caller.user["id"])}))
        time.sleep(0.25)


def test_registration_ignores_or_refuses_account_fields(stack, db, bystander):
    email, password = unique_email("ma"), new_password()
    response = stack.session().post(stack.url("/api/auth/register"), json={
        **evil(bystander.user["id"]), "email": email, "password": password})
    assert response.status_code in (201, 400), response.text
    stored = db.users.find_one({"email": email})
    if response.status_code == 400:
        assert stored is None
        return
    assert stored["_id"] != ObjectId(EVIL_ID) and stored["role"] == "user" and not stored.get("disabled")
    assert stored["credits_balance"] <= 1000 and stored.get("token_version", 0) != 7, stored
    assert stored["password_hash"] != "$2b$04$forged" and stored["created_at"] > datetime(2020, 1, 1)
    assert db.quotas.find_one({"_id": stored["_id"]}) is None


def test_an_admins_user_edit_sets_only_role_and_access(stack, db, admin, bystander):
    """Even an admin moves credits only through the ledger and quotas only through the quota route."""
    target = Actor.fresh(stack, "target")
    before, bystander_before = user_doc(db, target.user["id"]), user_doc(db, bystander.user["id"])
    for body in ({"disabled": False, "credits_balance": 1_000_000, "token_version": 0},
                 {"role": "user", "email": "forged@example.com", "quota": {"monthly_usd": "1.00"}}):
        response = admin.request("PATCH", f"/api/admin/users/{target.user['id']}", json=body)
        assert response.status_code in (200, 400), response.text
    credits = admin.request("POST", f"/api/admin/users/{target.user['id']}/credits",
                            json={"amount": 1, "reason": "ma", "user_id": bystander.user["id"]})
    assert credits.status_code in (200, 400), credits.text
    after = user_doc(db, target.user["id"])
    assert {key: after.get(key) for key in PROTECTED} == {key: before.get(key) for key in PROTECTED}
    assert after["credits_balance"] == before["credits_balance"] + (1 if credits.status_code == 200 else 0)
    assert user_doc(db, bystander.user["id"]) == bystander_before
    assert db.quotas.find_one({"_id": ObjectId(target.user["id"])}) is None

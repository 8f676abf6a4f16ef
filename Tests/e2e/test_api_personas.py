"""Personas and folders through nginx on the real stack: strict bodies (operator objects, wrong types,
oversize text, server-owned fields), ownership (another user's ids are 404 or silently skipped), search
with regex metacharacters, filters, pagination totals, move, bulk delete and the folder tree.
docs/openapi.yaml is the specification."""

import pytest

from stack import expect_error

PERSONA_KEYS = {"id", "name", "age", "gender", "location", "occupation", "income_band", "attitude", "bio", "quote",
                "psychographics", "behaviours", "provenance", "folder_id", "avatar", "generation", "created_at",
                "updated_at"}


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def persona_body(**overrides) -> dict:
    body = {"name": "Maya Chen", "age": 34, "gender": "female", "location": "Leeds", "occupation": "ICU nurse",
            "income_band": "middle", "attitude": "pragmatist", "bio": "Works nights.", "quote": "Time is money.",
            "psychographics": {"values": ["thrift"], "interests": ["cycling"]}, "behaviours": {"media": ["radio"]}}
    body.update(overrides)
    return body


class Client:
    """One signed-in user."""

    def __init__(self, stack):
        self.stack = stack
        self.token, self.user = stack.new_user()
        self.http = stack.session()

    def request(self, method: str, path: str, **kwargs):
        return self.http.request(method, self.stack.url(path), headers=bearer(self.token), timeout=10, **kwargs)

    def create(self, **overrides) -> dict:
        response = self.request("POST", "/api/personas", json=persona_body(**overrides))
        assert response.status_code == 201, response.text
        return response.json()

    def folder(self, name: str, parent_id: str | None = None) -> dict:
        response = self.request("POST", "/api/folders", json={"name": name, "parent_id": parent_id})
        assert response.status_code == 201, response.text
        return response.json()

    def listing(self, **params) -> dict:
        response = self.request("GET", "/api/personas", params=params)
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture
def ada(stack):
    return Client(stack)


@pytest.fixture
def bob(stack):
    return Client(stack)


def test_a_created_persona_has_the_documented_shape_and_a_stable_avatar(ada):
    created = ada.create()
    assert set(created) == PERSONA_KEYS
    assert created["folder_id"] is None and created["generation"] == {} and created["provenance"] == {}
    assert created["avatar"]["initials"] == "MC" and created["avatar"]["seed"] == created["id"]
    assert 0 <= created["avatar"]["hue"] < 360
    assert created["psychographics"] == {"values": ["thrift"], "motivations": [], "frustrations": [],
                                         "interests": ["cycling"]}
    again = ada.request("GET", f"/api/personas/{created['id']}").json()
    assert again == created


@pytest.mark.parametrize(("field", "value"), [
    ("name", {"$gt": ""}), ("location", {"$ne": None}), ("age", {"$gt": 0}), ("gender", {"$in": ["female"]}),
    ("name", 42), ("age", "34"), ("age", 34.5), ("age", True), ("age", 17), ("age", 101), ("gender", "robot"),
    ("income_band", "rich"), ("attitude", []), ("name", ""), ("name", "x" * 81), ("bio", "b" * 2001),
    ("quote", "q" * 301), ("occupation", "Nurse\u0000"), ("psychographics", "thrift"),
])
def test_bad_values_are_field_errors(ada, field, value):
    response = ada.request("POST", "/api/personas", json=persona_body(**{field: value}))
    expect_error(response, 400, "invalid_input", field)


@pytest.mark.parametrize("field", ["id", "_id", "user_id", "created_at", "updated_at", "avatar", "generation",
                                   "provenance", "$where"])
def test_server_owned_and_unknown_fields_are_refused(ada, field):
    response = ada.request("POST", "/api/personas", json=persona_body(**{field: "x"}))
    expect_error(response, 400, "invalid_input", field)


def test_nested_lists_are_typed_and_bounded(ada):
    cases = [({"values": [{"$gt": ""}]}, "psychographics.values[0]"),
             ({"values": ["x"] * 13}, "psychographics.values"),
             ({"values": ["v" * 121]}, "psychographics.values[0]"),
             ({"$where": ["x"]}, "psychographics.$where")]
    for value, field in cases:
        expect_error(ada.request("POST", "/api/personas", json=persona_body(psychographics=value)), 400,
                     "invalid_input", field)


def test_another_users_persona_is_not_found_for_every_operation(stack, ada, bob):
    persona = ada.create()
    path = f"/api/personas/{persona['id']}"
    expect_error(bob.request("GET", path), 404, "not_found")
    expect_error(bob.request("PATCH", path, json={"name": "Mine now"}), 404, "not_found")
    expect_error(bob.request("DELETE", path), 404, "not_found")
    assert bob.request("POST", "/api/personas/bulk-delete", json={"ids": [persona["id"]]}).json() == {"deleted": 0}
    assert bob.request("POST", "/api/personas/move",
                       json={"ids": [persona["id"]], "folder_id": None}).json() == {"moved": 0}
    assert bob.listing()["total"] == 0
    assert ada.request("GET", path).json() == persona


def test_an_admin_does_not_browse_other_users_personas(stack, ada):
    from stack import unique_email
    email = unique_email("admin")
    admin_token = stack.login(email, stack.make_admin(email))
    persona = ada.create()
    response = stack.session().get(stack.url(f"/api/personas/{persona['id']}"), headers=bearer(admin_token))
    expect_error(response, 404, "not_found")


def test_patch_changes_only_what_it_names(ada):
    persona = ada.create()
    path = f"/api/personas/{persona['id']}"
    patched = ada.request("PATCH", path, json={"age": 40, "behaviours": {"shopping": ["online"]}})
    assert patched.status_code == 200, patched.text
    body = patched.json()
    assert body["age"] == 40 and body["name"] == persona["name"]
    assert body["behaviours"] == {"shopping": ["online"], "media": [], "technology": []}
    assert body["created_at"] == persona["created_at"]
    for patch, field in [({"folder_id": None}, "folder_id"), ({"user_id": "x"}, "user_id"), ({"age": 12}, "age"),
                         ({"name": {"$set": "x"}}, "name"), ({"name": None}, "name")]:
        expect_error(ada.request("PATCH", path, json=patch), 400, "invalid_input", field)
    assert ada.request("GET", path).json()["age"] == 40


def test_search_is_literal_and_case_insensitive(ada, bob):
    ada.create(name="Grace (Admiral) Hopper", occupation="Navy")
    ada.create(name="Alan Turing", occupation="C++ developer", bio="Likes a.b and [brackets]")
    bob.create(name="Grace Other")
    assert [p["name"] for p in ada.listing(q="GRACE")["items"]] == ["Grace (Admiral) Hopper"]
    assert ada.listing(q="(admiral)")["total"] == 1
    assert ada.listing(q="c++")["total"] == 1
    assert ada.listing(q="[brackets]")["total"] == 1
    for pattern in [".*", "^", "$", "a|b", "\\", ")(", "[a-z]", "{1}", "?"]:
        assert ada.listing(q=pattern)["total"] == 0, pattern
    assert ada.listing(q="leeds")["total"] == 2
    expect_error(ada.request("GET", "/api/personas", params={"q": "q" * 101}), 400, "invalid_input", "q")


def test_filters_and_pages_report_the_total(ada):
    for index in range(7):
        ada.create(name=f"Person {index}", age=20 + index * 10, gender="female" if index % 2 == 0 else "male")
    seen = []
    for page in (1, 2, 3):
        body = ada.listing(page=page, per_page=3)
        assert body["total"] == 7 and body["page"] == page and body["per_page"] == 3
        seen += [p["name"] for p in body["items"]]
    assert seen == [f"Person {index}" for index in reversed(range(7))]
    assert ada.listing(page=4, per_page=3)["items"] == []
    filtered = ada.listing(gender="female", age_min=30, age_max=70)
    assert [p["name"] for p in filtered["items"]] == ["Person 4", "Person 2"] and filtered["total"] == 2
    assert ada.listing(folder_id="none")["total"] == 7
    for params, field in [({"gender": "robot"}, "gender"), ({"age_min": "abc"}, "age_min"),
                          ({"age_min": 10}, "age_min"), ({"age_min": 60, "age_max": 40}, "age_max"),
                          ({"per_page": 101}, "per_page"), ({"page": 0}, "page")]:
        expect_error(ada.request("GET", "/api/personas", params=params), 400, "invalid_input", field)


def test_bulk_delete_counts_only_your_own_and_is_bounded(ada, bob):
    mine = [ada.create()["id"] for _ in range(3)]
    theirs = bob.create()["id"]
    response = ada.request("POST", "/api/personas/bulk-delete", json={"ids": mine[:2] + [theirs, "garbage"]})
    assert response.json() == {"deleted": 2}
    assert bob.request("GET", f"/api/personas/{theirs}").status_code == 200
    assert ada.listing()["total"] == 1
    for body, field in [({"ids": [f"{i:024x}" for i in range(101)]}, "ids"), ({"ids": []}, "ids"),
                        ({"ids": "x"}, "ids"), ({"ids": [{"$gt": ""}]}, "ids[0]"), ({}, "ids"),
                        ({"ids": [mine[2]], "user_id": "x"}, "user_id")]:
        expect_error(ada.request("POST", "/api/personas/bulk-delete", json=body), 400, "invalid_input", field)
    assert ada.listing()["total"] == 1


def test_move_files_personas_only_in_your_own_folders(ada, bob):
    persona = ada.create()["id"]
    theirs = bob.create()["id"]
    mine = ada.folder("Mine")["id"]
    bobs_folder = bob.folder("Bob's")["id"]
    expect_error(ada.request("POST", "/api/personas/move", json={"ids": [persona], "folder_id": bobs_folder}), 404,
                 "not_found", "folder_id")
    expect_error(ada.request("POST", "/api/personas/move", json={"ids": [persona]}), 400, "invalid_input",
                 "folder_id")
    moved = ada.request("POST", "/api/personas/move", json={"ids": [persona, theirs], "folder_id": mine})
    assert moved.json() == {"moved": 1}
    assert ada.request("GET", f"/api/personas/{persona}").json()["folder_id"] == mine
    assert bob.request("GET", f"/api/personas/{theirs}").json()["folder_id"] is None
    assert [p["id"] for p in ada.listing(folder_id=mine)["items"]] == [persona]
    assert ada.listing(folder_id="none")["total"] == 0
    expect_error(ada.request("GET", "/api/personas", params={"folder_id": bobs_folder}), 404, "not_found")
    assert ada.request("POST", "/api/personas/move", json={"ids": [persona], "folder_id": None}).json() == {"moved": 1}
    assert ada.listing(folder_id="none")["total"] == 1


def test_the_folder_tree_is_bounded_and_acyclic(ada):
    chain = []
    for level in range(5):
        chain.append(ada.folder(f"L{level + 1}", chain[-1] if chain else None)["id"])
    expect_error(ada.request("POST", "/api/folders", json={"name": "L6", "parent_id": chain[4]}), 400,
                 "invalid_input", "parent_id")
    expect_error(ada.request("PATCH", f"/api/folders/{chain[0]}", json={"parent_id": chain[3]}), 400,
                 "invalid_input", "parent_id")
    moved = ada.request("PATCH", f"/api/folders/{chain[2]}", json={"parent_id": None, "name": " Up "})
    assert moved.status_code == 200, moved.text
    assert moved.json()["parent_id"] is None and moved.json()["name"] == "Up"
    for body, field in [({"name": ""}, "name"), ({"name": {"$gt": ""}}, "name"), ({}, "name"),
                        ({"name": "n" * 81}, "name"), ({"name": "A", "user_id": "x"}, "user_id")]:
        expect_error(ada.request("POST", "/api/folders", json=body), 400, "invalid_input", field)


def test_another_users_folder_is_not_found(ada, bob):
    theirs = bob.folder("Theirs")["id"]
    mine = ada.folder("Mine")["id"]
    expect_error(ada.request("PATCH", f"/api/folders/{theirs}", json={"name": "X"}), 404, "not_found")
    expect_error(ada.request("DELETE", f"/api/folders/{theirs}"), 404, "not_found")
    expect_error(ada.request("PATCH", f"/api/folders/{mine}", json={"parent_id": theirs}), 404, "not_found",
                 "parent_id")
    expect_error(ada.request("POST", "/api/personas", json=persona_body(folder_id=theirs)), 404, "not_found",
                 "folder_id")
    assert [f["id"] for f in ada.request("GET", "/api/folders").json()["items"]] == [mine]
    assert [f["name"] for f in bob.request("GET", "/api/folders").json()["items"]] == ["Theirs"]


def test_deleting_a_folder_moves_its_personas_and_children_to_its_parent(ada):
    top = ada.folder("Top")["id"]
    middle = ada.folder("Middle", top)["id"]
    leaf = ada.folder("Leaf", middle)["id"]
    persona = ada.create(folder_id=middle)["id"]
    counts = {f["id"]: f["persona_count"] for f in ada.request("GET", "/api/folders").json()["items"]}
    assert counts == {top: 0, middle: 1, leaf: 0}
    assert ada.request("DELETE", f"/api/folders/{middle}").status_code == 204
    assert ada.request("GET", f"/api/personas/{persona}").json()["folder_id"] == top
    folders = {f["id"]: f for f in ada.request("GET", "/api/folders").json()["items"]}
    assert set(folders) == {top, leaf}
    assert folders[leaf]["parent_id"] == top and folders[top]["persona_count"] == 1
    expect_error(ada.request("DELETE", f"/api/folders/{middle}"), 404, "not_found")
    assert ada.request("DELETE", f"/api/folders/{top}").status_code == 204
    assert ada.request("GET", f"/api/personas/{persona}").json()["folder_id"] is None


def test_every_route_needs_a_token(stack):
    session = stack.session()
    for method, path in [("GET", "/api/personas"), ("POST", "/api/personas"), ("GET", "/api/personas/x"),
                         ("PATCH", "/api/personas/x"), ("DELETE", "/api/personas/x"),
                         ("POST", "/api/personas/bulk-delete"), ("POST", "/api/personas/move"),
                         ("GET", "/api/folders"), ("POST", "/api/folders"), ("PATCH", "/api/folders/x"),
                         ("DELETE", "/api/folders/x")]:
        expect_error(session.request(method, stack.url(path), json={}), 401, "unauthenticated")

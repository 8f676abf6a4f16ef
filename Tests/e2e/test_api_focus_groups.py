"""Focus groups on the real stack (nginx, FastCGI, runner, LLM simulator): create with the user's personas,
validation, list and search, edits (a guide edit bumps its version), image stimuli uploaded as raw bodies and
described by an `image_description` task, owner-only access and deletion. docs/openapi.yaml is the
specification."""

import os
import struct
import time
import zlib

import pymongo  # installed with nx-27017, which depends on it
import pytest

from stack import expect_error

PERSONA = {"age": 34, "gender": "female", "location": "Leeds", "occupation": "ICU nurse",
           "income_band": "middle", "attitude": "pragmatist"}

GUIDE = {
    "introduction": "Welcome everyone, and thank you for joining.",
    "sections": [
        {"title": "Warm-up", "goal": "Get to know how dinners are planned.", "minutes": 5, "turn_budget": 8,
         "questions": [{"text": "How do you plan dinners on a weekday?", "probes": ["What makes it hard?"]}],
         "poll": None},
        {"title": "The concept", "goal": "React to Concept A.", "minutes": 15, "turn_budget": 20,
         "questions": [{"text": "What is your first reaction?"}, {"text": "What would stop you?"}],
         "poll": {"kind": "likert", "question": "How likely are you to try it?",
                  "options": ["Very unlikely", "Unlikely", "Neutral", "Likely", "Very likely"]}},
    ],
    "closing": "Thank you all for your time.",
}


def png(width: int, height: int, padding: int = 0) -> bytes:
    """A real RGB PNG, optionally followed by `padding` random bytes (still sniffed as PNG: the header decides)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + b"\x20\x90\x40" * width for _ in range(height))
    image = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
             + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return image + os.urandom(padding)


JPEG = (b"\xff\xd8\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
        + b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, 480, 640, 1) + b"\x01\x11\x00\xff\xd9")
MIB = 1024 * 1024


class Client:
    """One signed-in user."""

    def __init__(self, stack):
        self.stack = stack
        self.token, self.user = stack.new_user()
        self.http = stack.session()

    def request(self, method: str, path: str, **kwargs):
        headers = {"Authorization": f"Bearer {self.token}", **kwargs.pop("headers", {})}
        return self.http.request(method, self.stack.url(path), headers=headers, timeout=30, **kwargs)

    def persona(self, name: str) -> str:
        response = self.request("POST", "/api/personas", json={"name": name, **PERSONA})
        assert response.status_code == 201, response.text
        return response.json()["id"]

    def panel(self, count: int = 3) -> list[str]:
        return [self.persona(f"Person {chr(65 + index)}") for index in range(count)]

    def create(self, participants: list[str], **fields) -> dict:
        body = {"name": "Meal-kit concept test", "objective": "Learn what would make busy parents try a meal kit.",
                "participant_ids": participants, **fields}
        response = self.request("POST", "/api/focus-groups", json=body)
        assert response.status_code == 201, response.text
        return response.json()

    def upload(self, group_id: str, image: bytes, content_type: str = "image/png", title: str | None = "Box design"):
        params = {"title": title} if title is not None else {}
        return self.request("POST", f"/api/focus-groups/{group_id}/stimuli/image", data=image, params=params,
                            headers={"Content-Type": content_type})

    def total(self) -> int:
        response = self.request("GET", "/api/focus-groups")
        assert response.status_code == 200, response.text
        return response.json()["total"]

    def finished_task(self, task_id: str, timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        task = {}
        while time.monotonic() < deadline:
            response = self.request("GET", f"/api/tasks/{task_id}")
            assert response.status_code == 200, response.text
            task = response.json()
            if task["status"] in ("succeeded", "failed", "cancelled"):
                return task
            time.sleep(0.2)
        pytest.fail(f"task {task_id} did not finish in {timeout}s: {task}")


@pytest.fixture
def ada(stack):
    return Client(stack)


@pytest.fixture
def eve(stack):
    return Client(stack)


def test_a_group_is_created_with_three_personas_and_read_back(ada):
    panel = ada.panel()
    group = ada.create(panel, audience="Parents of children under 10", language="pt-BR",
                       stimuli=[{"kind": "concept", "title": "Concept A", "text": "A weekly box of five dinners."}],
                       settings={"turn_taking": "round_robin", "usd_cap": "1.5"})
    assert group["participant_ids"] == panel
    assert [participant["id"] for participant in group["participants"]] == panel
    assert group["participants"][0]["name"] == "Person A"
    assert group["participants"][0]["avatar"]["initials"] == "PA"
    assert group["language"] == "pt-BR"
    assert group["settings"] == {"turn_taking": "round_robin", "max_turns": 60, "usd_cap": "1.500000",
                                 "moderator_tier": "main", "persona_tier": "main"}
    assert group["guide"] is None
    [concept] = group["stimuli"]
    assert concept["kind"] == "concept" and concept["id"].startswith("st_") and len(concept["id"]) == 15

    read = ada.request("GET", f"/api/focus-groups/{group['id']}")
    assert read.status_code == 200
    assert read.json() == group

    # A persona deleted since is left out of `participants`, but the group keeps its id.
    assert ada.request("DELETE", f"/api/personas/{panel[1]}").status_code == 204
    again = ada.request("GET", f"/api/focus-groups/{group['id']}").json()
    assert [participant["id"] for participant in again["participants"]] == [panel[0], panel[2]]
    assert again["participant_ids"] == panel


def test_invalid_groups_name_the_field_and_store_nothing(ada, eve):
    mine = ada.panel(13)
    theirs = eve.persona("Eve's persona")
    base = {"name": "Meal kits", "objective": "Learn things."}
    cases = [
        ({**base, "participant_ids": mine[:2]}, "participant_ids"),
        ({**base, "participant_ids": mine}, "participant_ids"),
        ({**base, "participant_ids": [mine[0], mine[1], theirs]}, "participant_ids"),
        ({**base, "participant_ids": [mine[0], mine[1], mine[0]]}, "participant_ids"),
        ({**base, "participant_ids": mine[:3], "settings": {"max_turns": 201}}, "settings.max_turns"),
        ({**base, "participant_ids": mine[:3], "settings": {"usd_cap": "0.09"}}, "settings.usd_cap"),
        ({**base, "participant_ids": mine[:3], "settings": {"usd_cap": 2}}, "settings.usd_cap"),
        ({**base, "participant_ids": mine[:3], "settings": {"turn_taking": "shouting"}}, "settings.turn_taking"),
        ({**base, "participant_ids": mine[:3], "language": "english!"}, "language"),
        ({**base, "participant_ids": mine[:3], "language": "e"}, "language"),
        ({**base, "participant_ids": mine[:3], "name": ""}, "name"),
        ({**base, "participant_ids": mine[:3], "stimuli": [{"title": "A", "text": ""}]}, "stimuli[0].text"),
        ({**base, "participant_ids": mine[:3], "id": "665f1c2e9b1d4a0012a4e0f1"}, "id"),
    ]
    for body, field in cases:
        expect_error(ada.request("POST", "/api/focus-groups", json=body), 400, "invalid_input", field)
    assert ada.total() == 0
    assert ada.create(mine[:12])["participant_ids"] == mine[:12]


def test_groups_are_listed_newest_first_searched_by_name_and_paged(ada, eve):
    panel = ada.panel()
    names = ["Alpha kits", "Beta drinks", "Gamma kits (UK)", "Delta kits"]
    ids = [ada.create(panel, name=name)["id"] for name in names]
    eve.create(eve.panel(), name="Eve's kits")

    first = ada.request("GET", "/api/focus-groups", params={"per_page": 3}).json()
    assert first["total"] == 4 and first["page"] == 1 and first["per_page"] == 3
    assert [item["id"] for item in first["items"]] == ids[::-1][:3]
    second = ada.request("GET", "/api/focus-groups", params={"per_page": 3, "page": 2}).json()
    assert [item["id"] for item in second["items"]] == [ids[0]]

    kits = ada.request("GET", "/api/focus-groups", params={"q": "KITS"}).json()
    assert [item["name"] for item in kits["items"]] == ["Delta kits", "Gamma kits (UK)", "Alpha kits"]
    literal = ada.request("GET", "/api/focus-groups", params={"q": "(uk)"}).json()
    assert [item["name"] for item in literal["items"]] == ["Gamma kits (UK)"]
    assert ada.request("GET", "/api/focus-groups", params={"q": ".*"}).json()["total"] == 0
    expect_error(ada.request("GET", "/api/focus-groups", params={"per_page": 0}), 400, "invalid_input", "per_page")


def test_patch_changes_fields_and_a_guide_edit_bumps_its_version(ada):
    group = ada.create(ada.panel())
    path = f"/api/focus-groups/{group['id']}"
    first = ada.request("PATCH", path, json={"name": "Wave 2", "settings": {"max_turns": 80}, "guide": GUIDE})
    assert first.status_code == 200, first.text
    edited = first.json()
    assert edited["name"] == "Wave 2"
    assert edited["settings"]["max_turns"] == 80 and edited["settings"]["usd_cap"] == "2.000000"
    guide = edited["guide"]
    assert guide["version"] == 1
    assert [section["id"] for section in guide["sections"]] == ["s1", "s2"]
    assert [question["id"] for question in guide["sections"][1]["questions"]] == ["s2q1", "s2q2"]
    assert guide["sections"][1]["poll"]["id"] == "s2p" and guide["sections"][1]["poll"]["samples"] == 3
    assert edited["updated_at"] >= group["updated_at"]

    # The guide as read back (ids and version included) can be sent again: the next version.
    guide["sections"][0]["title"] = "Warm-up round"
    second = ada.request("PATCH", path, json={"guide": guide}).json()
    assert second["guide"]["version"] == 2
    assert second["guide"]["sections"][0]["title"] == "Warm-up round"

    # An invalid guide changes nothing, not even the other fields sent with it.
    broken = {**GUIDE, "sections": [{**GUIDE["sections"][0], "minutes": 90}]}
    expect_error(ada.request("PATCH", path, json={"name": "Wave 3", "guide": broken}), 400, "invalid_input",
                 "guide.sections[0].minutes")
    expect_error(ada.request("PATCH", path, json={"guide": {**GUIDE, "sections": []}}), 400, "invalid_input",
                 "guide.sections")
    expect_error(ada.request("PATCH", path, json={"participant_ids": group["participant_ids"][:2]}), 400,
                 "invalid_input", "participant_ids")
    unchanged = ada.request("GET", path).json()
    assert unchanged == second

    cleared = ada.request("PATCH", path, json={"guide": None}).json()
    assert cleared["guide"] is None


def test_an_uploaded_image_is_described_by_a_task_and_served_back_to_its_owner(ada):
    group = ada.create(ada.panel(), stimuli=[{"title": "Concept A", "text": "A weekly box."}])
    image = png(64, 48, padding=3 * MIB)  # above the 2m nginx limit elsewhere: only this route allows it
    upload = ada.upload(group["id"], image)
    assert upload.status_code == 202, upload.text
    accepted = upload.json()
    stimulus = accepted["stimulus"]
    assert stimulus["kind"] == "image" and stimulus["title"] == "Box design"
    assert stimulus["media_type"] == "image/png"
    assert stimulus["description"] is None and stimulus["description_status"] == "pending"
    assert stimulus["image_url"] == f"/api/focus-groups/{group['id']}/stimuli/{stimulus['id']}/image"

    task = ada.finished_task(accepted["task_id"])
    assert task["kind"] == "image_description"
    assert task["status"] == "succeeded", task
    assert task["result"]["stimulus_id"] == stimulus["id"]
    described = ada.request("GET", f"/api/focus-groups/{group['id']}").json()["stimuli"]
    assert [item["kind"] for item in described] == ["concept", "image"]
    assert described[1]["description_status"] == "ready"
    assert described[1]["description"] == task["result"]["description"]
    assert "PNG image (64×48 pixels)" in described[1]["description"]
    assert "Box design" in described[1]["description"]

    served = ada.request("GET", stimulus["image_url"])
    assert served.status_code == 200
    assert served.content == image
    assert served.headers["Content-Type"] == "image/png"
    assert served.headers["Cache-Control"] == "private, max-age=3600"
    assert served.headers["X-Content-Type-Options"] == "nosniff"

    jpeg = ada.upload(group["id"], JPEG, "image/jpeg", title="Shelf photo")
    assert jpeg.status_code == 202, jpeg.text
    assert ada.request("GET", jpeg.json()["stimulus"]["image_url"]).content == JPEG


def test_wrong_types_are_415_and_oversized_images_413_through_nginx(ada):
    group = ada.create(ada.panel())
    for content_type, body in [("image/jpeg", png(8, 8)), ("image/png", JPEG), ("image/gif", b"GIF89a" + bytes(20)),
                               ("text/plain", png(8, 8)), ("image/svg+xml", b"<svg/>")]:
        expect_error(ada.upload(group["id"], body, content_type), 415, "unsupported_media_type")
    # Just over 5 MiB: nginx lets it through on this route and the app refuses it.
    expect_error(ada.upload(group["id"], png(8, 8, padding=5 * MIB)), 413, "payload_too_large")
    # Over nginx's 6m for this route: nginx itself refuses it, in the API's error shape.
    expect_error(ada.upload(group["id"], png(8, 8, padding=7 * MIB)), 413, "payload_too_large")
    # Elsewhere the general limit still applies.
    big = {"name": "x" * (3 * MIB), "objective": "y", "participant_ids": []}
    expect_error(ada.request("POST", "/api/focus-groups", json=big), 413, "payload_too_large")
    expect_error(ada.upload(group["id"], png(8, 8), title=None), 400, "invalid_input", "title")
    assert ada.request("GET", f"/api/focus-groups/{group['id']}").json()["stimuli"] == []


def test_another_user_gets_404_for_the_group_its_images_and_stimuli(ada, eve):
    group = ada.create(ada.panel(), stimuli=[{"title": "Concept A", "text": "A weekly box."}])
    accepted = ada.upload(group["id"], png(16, 16)).json()
    ada.finished_task(accepted["task_id"])
    image_url = accepted["stimulus"]["image_url"]
    concept = group["stimuli"][0]["id"]
    base = f"/api/focus-groups/{group['id']}"

    expect_error(eve.request("GET", base), 404, "not_found")
    expect_error(eve.request("PATCH", base, json={"name": "Mine now"}), 404, "not_found")
    expect_error(eve.request("DELETE", base), 404, "not_found")
    expect_error(eve.request("GET", image_url), 404, "not_found")
    expect_error(eve.request("DELETE", f"{base}/stimuli/{concept}"), 404, "not_found")
    expect_error(eve.upload(group["id"], png(8, 8)), 404, "not_found")
    assert eve.total() == 0
    # The owner still has everything.
    assert ada.request("GET", image_url).status_code == 200
    assert len(ada.request("GET", base).json()["stimuli"]) == 2
    expect_error(ada.request("GET", f"{base}/stimuli/{concept}/image"), 404, "not_found")


def test_removing_stimuli_and_deleting_the_group_removes_images(ada):
    group = ada.create(ada.panel())
    base = f"/api/focus-groups/{group['id']}"
    first = ada.upload(group["id"], png(8, 8)).json()
    second = ada.upload(group["id"], png(9, 9), title="Second").json()
    for accepted in (first, second):
        ada.finished_task(accepted["task_id"])

    assert ada.request("DELETE", f"{base}/stimuli/{first['stimulus']['id']}").status_code == 204
    expect_error(ada.request("GET", first["stimulus"]["image_url"]), 404, "not_found")
    expect_error(ada.request("DELETE", f"{base}/stimuli/{first['stimulus']['id']}"), 404, "not_found")

    # PATCH with the whole list: keeping the image by id retitles it; leaving it out would remove it.
    kept = ada.request("PATCH", base, json={"stimuli": [
        {"title": "New concept", "text": "Two boxes a week."},
        {"id": second["stimulus"]["id"], "kind": "image", "title": "Second, retitled"}]})
    assert kept.status_code == 200, kept.text
    assert [item["title"] for item in kept.json()["stimuli"]] == ["New concept", "Second, retitled"]
    assert kept.json()["stimuli"][1]["description_status"] == "ready"

    assert ada.request("DELETE", base).status_code == 204
    expect_error(ada.request("GET", base), 404, "not_found")
    expect_error(ada.request("GET", second["stimulus"]["image_url"]), 404, "not_found")
    with pymongo.MongoClient(ada.stack.mongo_uri) as client:
        database = client[ada.stack.db_name]
        assert database["stimulus_images"].count_documents({"_id": {"$regex": f"^{group['id']}:"}}) == 0
    assert ada.total() == 0

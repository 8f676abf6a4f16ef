"""Exports on the real stack (nginx, FastCGI pool, runner, nx-27017): every format of a persona and a session
export is produced as a task and parsed back (JSON, CSV, Markdown, HTML, and a DOCX that is a valid zip with
word/document.xml), each carrying the synthetic-data notice; 500 personas and a 300-message session stream
through; a link is a 404 for another user and a 410 after expiry; bad requests are refused.
docs/openapi.yaml is the specification."""

import copy
import csv
import io
import time
import zipfile
from datetime import datetime, timedelta, timezone
from xml.etree import ElementTree

import docx
import pytest
from bson import ObjectId
from pymongo import MongoClient

from stack import expect_error
from test_api_sessions import Researcher

NOTICE = "Synthetic data — not human research participants"


@pytest.fixture(scope="module")
def db(stack):
    client = MongoClient(stack.mongo_uri)
    yield client[stack.db_name]
    client.close()


@pytest.fixture(scope="module")
def researcher(stack):
    """Six personas and one short finished session (the simulator), whose transcript is then padded to 300+
    messages by copying a stored message document."""
    ada = Researcher(stack, max_turns=12)
    session = ada.start()
    ended = ada.finished(session["id"], timeout=180)
    assert ended["status"] == "finished", ended
    ada.session_id = session["id"]
    return ada


class Client:
    """A signed-in user's HTTP session against the stack."""

    def __init__(self, stack, token: str | None = None):
        self.stack = stack
        self.http = stack.session()
        self.http.headers["Authorization"] = f"Bearer {token or stack.new_user()[0]}"

    def request(self, method: str, path: str, **kwargs):
        return self.http.request(method, self.stack.url(path), timeout=30, **kwargs)


def export(user, body: dict, timeout: float = 120) -> dict:
    started = user.request("POST", "/api/exports", json=body)
    assert started.status_code == 202, started.text
    assert started.json()["task_id"] and started.json()["export"]["status"] == "pending"
    export_id = started.json()["export"]["id"]
    deadline = time.monotonic() + timeout
    while True:
        current = user.request("GET", f"/api/exports/{export_id}").json()
        if current["status"] != "pending":
            assert current["status"] == "ready", current
            return current
        assert time.monotonic() < deadline, current
        time.sleep(0.3)


def download(user, exported: dict):
    response = user.request("GET", exported["download_url"])
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == exported["content_type"]
    assert response.headers["Content-Disposition"] == f'attachment; filename="{exported["filename"]}"'
    assert len(response.content) == exported["size_bytes"]
    return response


def test_session_exports_every_format(researcher, db):
    sid = ObjectId(researcher.session_id)
    stored = list(db.session_messages.find({"session_id": {"$in": [sid]}}).sort("seq", 1))
    last = stored[-1]
    for seq in range(last["seq"] + 1, 306):
        padded = copy.deepcopy(last)
        padded["_id"] = f"{sid}:{seq:06d}"
        padded["seq"] = seq
        padded["text"] = f"=SUM(A1) padding line {seq}: an opinion, with \"quotes\", and a comma."
        db.session_messages.insert_one(padded)
    messages = researcher.messages(researcher.session_id)
    assert len(messages) >= 300

    markdown = download(researcher, export(researcher, {"kind": "session", "session_id": researcher.session_id,
                                                        "format": "md"})).text
    assert NOTICE in markdown.splitlines()[0]
    for message in messages:
        assert f'<a id="message-{message["seq"]}"></a>' in markdown
    assert "](#message-" in markdown, "themes link to their quotes"

    exported = export(researcher, {"kind": "session", "session_id": researcher.session_id, "format": "json"})
    assert exported["filename"].startswith("cohorta-session-meal-kit-concept-test-") and exported["filename"].endswith(".json")
    document = download(researcher, exported).json()
    assert NOTICE in document["notice"]
    assert [m["seq"] for m in document["messages"]] == [m["seq"] for m in messages]
    assert document["session"]["name"] == "Meal-kit concept test" and len(document["participants"]) == 6
    assert document["report"]["themes"] and all(t["quotes"] for t in document["report"]["themes"])
    assert document["polls"] and all(p["answers"] and p["statistics"]["n"] > 0 for p in document["polls"])
    poll_answers = sum(len(p["answers"]) for p in document["polls"])

    text = download(researcher, export(researcher, {"kind": "session", "session_id": researcher.session_id,
                                                    "format": "csv"})).content.decode("utf-8")
    first, rest = text.split("\r\n", 1)
    assert first.startswith("# ") and NOTICE in first
    rows = list(csv.DictReader(io.StringIO(rest)))
    assert len([r for r in rows if r["record"] == "message"]) == len(messages)
    assert len([r for r in rows if r["record"] == "poll_answer"]) == poll_answers
    assert all(r["text"].startswith("'=") for r in rows if "=SUM" in r["text"])

    html = download(researcher, export(researcher, {"kind": "session", "session_id": researcher.session_id,
                                                    "format": "html"})).text
    assert html.startswith("<!DOCTYPE html>") and NOTICE in html and "@page" in html and '<a href="#message-' in html

    docx_bytes = download(researcher, export(researcher, {"kind": "session", "session_id": researcher.session_id,
                                                          "format": "docx"})).content
    archive = zipfile.ZipFile(io.BytesIO(docx_bytes))
    assert archive.testzip() is None
    assert {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
            "word/_rels/document.xml.rels"} <= set(archive.namelist())
    body = archive.read("word/document.xml").decode("utf-8")
    assert NOTICE in body and 'w:anchor="message_' in body and 'w:name="message_305"' in body
    for part in archive.namelist():
        if part.endswith(".xml") or part.endswith(".rels"):
            ElementTree.fromstring(archive.read(part))  # every part is well-formed XML
    opened = docx.Document(io.BytesIO(docx_bytes))  # python-docx reads the package as Word would
    paragraphs = "\n".join(paragraph.text for paragraph in opened.paragraphs)
    assert NOTICE in paragraphs and messages[-1]["text"][:30] in paragraphs


def test_five_hundred_personas_in_every_format(stack, db):
    owner = Client(stack)
    created = owner.request("POST", "/api/personas", json={
        "name": "Seed Person", "age": 40, "gender": "female", "location": "York", "occupation": "Baker",
        "income_band": "middle", "attitude": "neutral", "bio": "Bakes bread before dawn."})
    assert created.status_code == 201, created.text
    seed = db.personas.find_one({"_id": ObjectId(created.json()["id"])})
    for number in range(499):
        copied = copy.deepcopy(seed)
        copied["_id"] = ObjectId()
        copied["profile"]["name"] = f"Persona {number:03d}, \"the\" tester"
        db.personas.insert_one(copied)

    listed = export(owner, {"kind": "personas", "format": "json"})
    assert listed["filename"].startswith("cohorta-personas-") and listed["filename"].endswith(".json")
    document = download(owner, listed).json()
    assert NOTICE in document["notice"] and len(document["personas"]) == 500
    assert {"id", "name", "age", "folder_id", "avatar"} <= set(document["personas"][0])

    text = download(owner, export(owner, {"kind": "personas", "format": "csv"})).content.decode("utf-8")
    first, rest = text.split("\r\n", 1)
    assert NOTICE in first
    rows = list(csv.DictReader(io.StringIO(rest)))
    assert len(rows) == 500 and {"name", "age", "gender", "occupation", "location", "attitude", "folder"} <= set(rows[0])

    markdown = download(owner, export(owner, {"kind": "personas", "format": "md"})).text
    assert NOTICE in markdown and markdown.count("\n## ") == 500

    picked = export(owner, {"kind": "personas", "format": "json", "persona_ids": [created.json()["id"]]})
    assert [p["id"] for p in download(owner, picked).json()["personas"]] == [created.json()["id"]]

    listing = owner.request("GET", "/api/exports").json()["exports"]
    assert [e["id"] for e in listing][0] == picked["id"] and len(listing) == 4


def test_links_are_private_and_expire(stack, db):
    owner, stranger = Client(stack), Client(stack)
    done = export(owner, {"kind": "personas", "format": "csv"})
    expect_error(stranger.request("GET", done["download_url"]), 404, "not_found")
    expect_error(stranger.request("GET", f"/api/exports/{done['id']}"), 404, "not_found")
    expect_error(stack.session().get(stack.url(done["download_url"])), 401, "unauthenticated")
    assert NOTICE in download(owner, done).text

    db.exports.update_one({"_id": ObjectId(done["id"])},
                          {"$set": {"expires_at": datetime.now(timezone.utc) - timedelta(minutes=1)}})
    expect_error(owner.request("GET", done["download_url"]), 410, "export_expired")
    assert done["id"] not in [e["id"] for e in owner.request("GET", "/api/exports").json()["exports"]]


def test_bad_requests_are_refused(stack, researcher):
    expect_error(researcher.request("POST", "/api/exports", json={"kind": "slides", "format": "md"}), 400, "invalid_input")
    expect_error(researcher.request("POST", "/api/exports", json={"kind": "personas", "format": "docx"}),
                 400, "invalid_input")
    expect_error(researcher.request("POST", "/api/exports", json={"kind": "session", "format": "md",
                                                                  "session_id": "0" * 24}), 404, "not_found")
    expect_error(researcher.request("POST", "/api/exports", json={"kind": "personas", "format": "md",
                                                                  "folder_id": "0" * 24}), 404, "not_found")
    expect_error(researcher.request("POST", "/api/exports", json={"kind": "personas", "format": "md",
                                                                  "persona_ids": ["0" * 24]}), 404, "not_found")
    expect_error(Client(stack).request("POST", "/api/exports", json={
        "kind": "session", "format": "md", "session_id": researcher.session_id}), 404, "not_found")

"""The old stack's two reads and one room, minimal: Quart on Hypercorn, PyMongo (synchronous, as the seed used it),
PyJWT, python-socketio in ASGI mode wrapping the Quart app (the seed's `create_app()` shape).

Same semantics as Cohorta's routes, against the same database:
- every authenticated route verifies the HS256 bearer token (issuer "cohorta", audience "cohorta-web", `exp`/`nbf`
  with 30 s leeway) and reads the user; the token is valid only while its `ver` equals the user's `token_version`;
- `GET /api/auth/me` → `{"user": {...}}`;
- `GET /api/personas` → the first page (20, newest first) of the caller's personas plus their total.
- Socket.IO: `join` puts the socket in a room; `POST /__room/<room>` emits its JSON body as `turn.final` to the
  room (the seed's engine emitted from the server process in the same way).

Settings from the environment: BENCH_JWT_SECRET, BENCH_MONGO_URI, BENCH_MONGO_DB.
"""
from __future__ import annotations

import os
from datetime import timezone

import jwt
import socketio
from bson import ObjectId
from bson.errors import InvalidId
from pymongo import MongoClient
from quart import Quart, jsonify, request

SECRET = os.environ["BENCH_JWT_SECRET"]
DB = MongoClient(os.environ["BENCH_MONGO_URI"])[os.environ["BENCH_MONGO_DB"]]
PER_PAGE = 20


def iso(moment) -> str:
    return moment.replace(tzinfo=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def authenticated_user() -> dict | None:
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return None
    try:
        claims = jwt.decode(header[7:], SECRET, algorithms=["HS256"], audience="cohorta-web", issuer="cohorta",
                            leeway=30, options={"require": ["sub", "ver", "exp"]})
        user = DB.users.find_one({"_id": ObjectId(claims["sub"])})
    except (jwt.InvalidTokenError, InvalidId):
        return None
    if user is None or user.get("disabled") or user.get("token_version", 0) != claims["ver"]:
        return None
    return user


def unauthorised():
    return jsonify({"error": {"code": "unauthorized", "message": "sign in again"}}), 401


def persona_json(document: dict) -> dict:
    profile = document.get("profile", {})
    identifier = str(document["_id"])
    return {**{key: value for key, value in profile.items() if key != "provenance"},
            "avatar": {"hue": int(identifier[-6:], 16) % 360, "initials": profile.get("name", "?")[:1],
                       "seed": identifier},
            "created_at": iso(document["created_at"]), "updated_at": iso(document["updated_at"]),
            "folder_id": str(document["folder_id"]) if document.get("folder_id") else None,
            "generation": document.get("generation", {}), "id": identifier, "provenance": {}}


quart_app = Quart(__name__)


@quart_app.get("/api/auth/me")
async def me():
    user = authenticated_user()
    if user is None:
        return unauthorised()
    return jsonify({"user": {"created_at": iso(user["created_at"]), "credits_balance": user["credits_balance"],
                             "email": user["email"], "id": str(user["_id"]), "role": user["role"]}})


@quart_app.get("/api/personas")
async def personas():
    user = authenticated_user()
    if user is None:
        return unauthorised()
    query = {"user_id": {"$in": [user["_id"]]}}
    items = DB.personas.find(query, sort=[("created_at", -1), ("_id", -1)], limit=PER_PAGE)
    total = len(list(DB.personas.find(query, projection={"_id": 1})))  # as Cohorta counts
    return jsonify({"items": [persona_json(item) for item in items], "page": 1, "per_page": PER_PAGE,
                    "total": total})


@quart_app.get("/api/version")
async def version():
    return jsonify({"name": "cohorta-oldstack", "version": "0"})


sio = socketio.AsyncServer(async_mode="asgi", cors_allowed_origins=[], logger=False, engineio_logger=False)


@sio.on("join")
async def join(sid, room):
    await sio.enter_room(sid, room)
    await sio.emit("joined", room, to=sid)


@quart_app.post("/__room/<room>")
async def post_to_room(room: str):
    await sio.emit("turn.final", await request.get_json(), room=room)
    return jsonify({"ok": True})


app = socketio.ASGIApp(sio, quart_app)

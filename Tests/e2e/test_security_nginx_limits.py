"""Slow and oversized requests stop at nginx, and the API keeps serving meanwhile.

- Slowloris: a client that trickles its headers, or sends part of a body and stalls, is cut by nginx's
  client_header_timeout / client_body_timeout (the e2e stack renders them as Stack.CLIENT_TIMEOUT instead of
  production's 15 s, so this runs in seconds). More such clients than the FastCGI pool has threads do not
  hold the API up: nginx buffers a whole body before it passes a request on.
- An oversized body gets nginx's JSON 413 on every /api location, and never reaches FastCGI (no upstream
  time in nginx's access log).
- An oversized header line, or too many header bytes, gets nginx's 431 (as the API's JSON error) and never reaches
  FastCGI.

No assertion here is about timing: the deadlines are only there so a broken limit fails instead of hanging."""

import concurrent.futures
import re
import socket
import threading
import time
import uuid

import pytest

from stack import expect_error

GIVE_UP = 60.0  # far above Stack.CLIENT_TIMEOUT: how long a cut may take on a loaded box
FCGI_THREADS = 2 * 8  # COHORTA_FCGI_WORKERS × COHORTA_FCGI_THREADS in stack.py


def port_of(stack) -> int:
    return int(stack.base_url.rsplit(":", 1)[1])


def connect(stack) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port_of(stack)), timeout=GIVE_UP)
    sock.settimeout(1.0)
    return sock


def cut_by_server(sock: socket.socket, trickle: bytes | None, deadline: float) -> bytes:
    """Keeps sending `trickle` (if any) every half second until the server closes the connection; returns what
    the server sent. Fails if the connection is still open at `deadline`."""
    received = b""
    while time.monotonic() < deadline:
        try:
            if trickle:
                sock.sendall(trickle)
            chunk = sock.recv(65536)
            if not chunk:
                return received
            received += chunk
        except socket.timeout:
            continue
        except (BrokenPipeError, ConnectionResetError):
            return received
        time.sleep(0.5)
    pytest.fail(f"nginx kept a slow client for {GIVE_UP:.0f} s (client timeout not applied?)")


def slow_headers(stack, marker: str) -> bytes:
    with connect(stack) as sock:
        sock.sendall(f"GET /api/health?slow={marker} HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode())
        return cut_by_server(sock, b"X-Slow: still-typing\r\n", time.monotonic() + GIVE_UP)


def stalled_body(stack, marker: str) -> bytes:
    with connect(stack) as sock:
        sock.sendall((f"POST /api/personas?slow={marker} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"name\": \"").encode())
        return cut_by_server(sock, None, time.monotonic() + GIVE_UP)


def access_lines(stack, marker: str) -> list[str]:
    path = stack.log_dir / "nginx-access.log"
    return [line for line in path.read_text(errors="replace").splitlines() if marker in line]


def wait_for_access_lines(stack, marker: str, count: int) -> list[str]:
    """nginx writes the access line when the request ends; wait for it (no timing assumption)."""
    deadline = time.monotonic() + GIVE_UP
    while len(lines := access_lines(stack, marker)) < count:
        assert time.monotonic() < deadline, f"{len(lines)} of {count} access log lines for {marker}"
        time.sleep(0.2)
    return lines


def never_reached_fastcgi(lines: list[str]) -> None:
    for line in lines:
        assert re.search(r" urt=- ", line), f"the request reached the FastCGI pool: {line}"


def test_slowloris_clients_are_cut_while_the_api_keeps_serving(stack):
    token, _ = stack.new_user()
    marker = uuid.uuid4().hex
    clients = FCGI_THREADS + 8
    answers: list[int] = []
    stop = threading.Event()

    def keep_asking():
        http = stack.session()
        while not stop.is_set():
            answers.append(http.get(stack.url("/api/auth/me"), headers={"Authorization": f"Bearer {token}"},
                                    timeout=GIVE_UP).status_code)
            time.sleep(0.05)

    with concurrent.futures.ThreadPoolExecutor(max_workers=2 * clients + 1) as pool:
        asker = pool.submit(keep_asking)
        slow = [pool.submit(slow_headers, stack, marker) for _ in range(clients)]
        slow += [pool.submit(stalled_body, stack, marker) for _ in range(clients)]
        # While every slow client is connected, the API answers.
        for _ in range(5):
            response = stack.session().get(stack.url("/api/health"), timeout=GIVE_UP)
            assert response.status_code == 200, response.text
        received = [future.result(timeout=2 * GIVE_UP) for future in slow]
        stop.set()
        asker.result(timeout=GIVE_UP)

    assert answers and set(answers) == {200}, sorted(set(answers))
    for reply in received:
        # nginx closes without an answer or with its 408; a slow request never got the app's answer.
        assert reply == b"" or reply.startswith(b"HTTP/1.1 408"), reply[:200]
    lines = wait_for_access_lines(stack, marker, 2 * clients)
    assert all('" 408 ' in line for line in lines), lines[:3]
    never_reached_fastcgi(lines)


@pytest.mark.parametrize(("path", "size", "content_type"), [
    ("/api/personas", 2 * 1024 * 1024 + 1, "application/json"),
    ("/api/auth/register", 3 * 1024 * 1024, "application/json"),
    ("/api/billing/webhook", 64 * 1024 + 1, "application/json"),
    ("/api/focus-groups/000000000000000000000000/stimuli/image", 6 * 1024 * 1024 + 1, "image/png"),
    ("/api/customer-data", 2 * 1024 * 1024 + 1, "text/csv"),
])
def test_an_oversized_body_gets_nginx_413_and_never_reaches_fastcgi(stack, path, size, content_type):
    token, _ = stack.new_user()
    marker = uuid.uuid4().hex
    response = stack.session().post(stack.url(f"{path}?big={marker}"), data=b"x" * size, timeout=GIVE_UP,
                                    headers={"Content-Type": content_type, "Authorization": f"Bearer {token}"})
    expect_error(response, 413, "payload_too_large")
    never_reached_fastcgi(wait_for_access_lines(stack, marker, 1))


def test_a_declared_oversized_body_is_refused_before_it_is_sent(stack):
    """A Content-Length above the limit is refused from the headers alone: nginx reads none of the body."""
    marker = uuid.uuid4().hex
    with connect(stack) as sock:
        sock.sendall((f"POST /api/personas?big={marker} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                      "Content-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n").encode())
        reply = cut_by_server(sock, None, time.monotonic() + GIVE_UP)
    assert reply.startswith(b"HTTP/1.1 413"), reply[:200]
    never_reached_fastcgi(wait_for_access_lines(stack, marker, 1))


@pytest.mark.parametrize("headers", [
    {"X-Huge": "a" * 20_000},
    {f"X-Many-{n}": "b" * 7_000 for n in range(8)},
    {"Cookie": "c=" + "d" * 40_000},
], ids=["one-huge-line", "too-many-bytes", "huge-cookie"])
def test_oversized_headers_get_431_from_nginx(stack, headers):
    marker = uuid.uuid4().hex
    response = stack.session().get(stack.url(f"/api/health?hdr={marker}"), headers=headers, timeout=GIVE_UP)
    assert response.status_code == 431, (response.status_code, response.text[:200])
    assert response.json()["error"]["code"] == "invalid_input", "nginx's own errors keep the API's JSON shape"
    never_reached_fastcgi(wait_for_access_lines(stack, marker, 1))
    assert stack.session().get(stack.url("/api/health"), timeout=GIVE_UP).status_code == 200

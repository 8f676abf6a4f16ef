"""What nginx adds in front of the API: health and version, security headers on every answer, JSON error
pages, the per-IP limit on sign-in routes, and the static front end's history routing."""

import concurrent.futures
import random

import pytest

from stack import expect_error

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
       "connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def assert_security_headers(response):
    headers = response.headers
    assert headers.get("Content-Security-Policy") == CSP, (response.url, response.status_code, headers)
    assert headers.get("X-Content-Type-Options") == "nosniff"
    assert headers.get("X-Frame-Options") == "DENY"
    assert headers.get("Referrer-Policy")
    assert headers.get("Permissions-Policy")
    assert headers.get("Strict-Transport-Security", "").startswith("max-age=31536000")
    assert headers.get("Server") == "nginx", "server_tokens off: no version"


def test_health_reports_the_database(stack):
    response = stack.session().get(stack.url("/api/health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_version_names_the_build(stack):
    response = stack.session().get(stack.url("/api/version"))
    assert response.status_code == 200
    assert response.json() == {"name": "cohorta", "version": "0.1.0", "dev_mode": stack.dev_mode, "llm_simulated": True}


def test_every_kind_of_answer_carries_the_security_headers(stack):
    http = stack.session()
    answers = [
        http.get(stack.url("/api/health")),  # the app, 200
        http.get(stack.url("/api/no-such-route")),  # the app, 404
        http.get(stack.url("/api/auth/me")),  # the app, 401
        http.post(stack.url("/api/auth/register"), data=b"x" * (3 * 1024 * 1024),
                  headers={"Content-Type": "application/json"}),  # nginx's JSON 413
        http.get(stack.url("/")),  # static
        http.get(stack.url("/css/no-such-file.css")),  # nginx's 404
    ]
    for response in answers:
        assert_security_headers(response)
    for response in answers[:4]:
        assert response.headers["Content-Type"].replace(" ", "").lower().startswith("application/json;charset=utf-8"), \
            (response.url, response.headers["Content-Type"])


def test_trace_is_refused(stack):
    assert stack.session().request("TRACE", stack.url("/api/health")).status_code == 405


def test_missing_assets_are_404_not_the_app_shell(stack):
    http = stack.session()
    assert http.get(stack.url("/css/no-such-file.css")).status_code == 404
    assert http.get(stack.url("/js/no-such-file.js")).status_code == 404


@pytest.mark.parametrize("route", ["/login", "/dashboard", "/admin", "/focus-groups"])
def test_history_routes_serve_the_app_shell(stack, route):
    if not (stack.repo / "web" / "index.html").exists():
        pytest.skip("web/index.html is not in this checkout yet")
    http = stack.session()
    shell = http.get(stack.url("/"))
    response = http.get(stack.url(route))
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/html")
    assert response.content == shell.content
    assert "no-cache" in response.headers.get("Cache-Control", ""), "index.html must be revalidated"


def test_sign_in_routes_are_rate_limited_per_ip_by_nginx_with_a_json_429(stack):
    def attempt(_):
        # A spoofed X-Forwarded-For must not give each request a fresh allowance.
        spoof = f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(256)}"
        return stack.session("127.0.0.3").post(stack.url("/api/auth/login"), data=b"{", headers={
            "Content-Type": "application/json", "X-Forwarded-For": spoof, "X-Real-IP": spoof})

    with concurrent.futures.ThreadPoolExecutor(max_workers=30) as pool:
        responses = list(pool.map(attempt, range(400)))
    statuses = [response.status_code for response in responses]
    assert set(statuses) <= {400, 429}, sorted(set(statuses))
    throttled = [response for response in responses if response.status_code == 429]
    assert throttled, "400 quick sign-in requests from one address were never limited"
    expect_error(throttled[0], 429, "rate_limited")
    assert throttled[0].headers["Retry-After"] == "1"
    assert_security_headers(throttled[0])

"""Fixtures for the end-to-end suite (pytest Tests/e2e).

`stack` (session scope) is the real stack of stack.py: nx-27017, cohorta-fcgi serve, cohorta-ws and nginx on
free loopback ports. Binaries come from COHORTA_BUILD_DIR (default <repo>/.build/release). When a test
fails, the last lines of every service log are attached to its report.
"""

import os
from pathlib import Path

import pytest

from stack import REPO, Stack, StackError


@pytest.fixture(scope="session")
def stack():
    build_dir = Path(os.environ.get("COHORTA_BUILD_DIR") or REPO / ".build" / "release")
    try:
        running = Stack(build_dir=build_dir.resolve()).start()
    except StackError as error:
        # Every test needs the stack: report the cause and the logs once instead of once per test.
        pytest.exit(str(error), returncode=1)
    try:
        yield running
    finally:
        running.stop()
        unclean = {name: code for name, code in running.exit_codes.items() if code not in (0, None)}
        if unclean:
            # A service that cannot stop cleanly on SIGTERM/SIGQUIT is a bug, but not one of any single test.
            print(f"\nwarning: services exited uncleanly on stop: {unclean}\n{running.log_tails()}")
        else:
            running.remove_files()


@pytest.fixture(autouse=True)
def no_server_errors(request):
    """Fails any test during which a request sent through stack.session() got a 5xx answer."""
    if "stack" not in request.fixturenames:
        yield
        return
    running = request.getfixturevalue("stack")
    before = len(running.server_errors)
    yield
    new = running.server_errors[before:]
    assert not new, "5xx answers: " + "; ".join(new)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.failed and "stack" in item.fixturenames:
        running = item.funcargs.get("stack")
        if running is not None:
            report.sections.append(("stack logs", running.log_tails()))

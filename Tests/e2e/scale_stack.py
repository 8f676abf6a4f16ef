"""The scale-out topology on one machine (docs/scaling.md): one nx-27017, two "hosts" A and B, each a
cohorta-fcgi pool (its supervisor, workers and runner processes on a FastCGI socket of its own) and a
cohorta-ws, and one nginx balancing /api/ across both pools and /ws across both cohorta-ws
(nginx/scale-demo.conf.template, rendered by scripts/render-scale-nginx.py).

`ScaleStack` is `stack.Stack` with those services instead of one of each; everything else (the LLM
simulator, the fake Stripe, the helpers) is the Stack's. Host A's processes keep the Stack's names (fcgi,
runner, ws), so everything Stack does with them still holds; host B's are fcgi-b, runner-b and ws-b.
Each host has its own metrics folder, as separate machines would (a supervisor owns its folder's
retired segment). scripts/scale-demo.sh runs the same class.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from stack import Stack, _accepts_tcp, free_port

HOSTS = ("a", "b")


class ScaleStack(Stack):
    """Attributes beyond Stack's: ws_ports (each host's cohorta-ws on ws://127.0.0.1:PORT/ws, bypassing
    nginx), access_log (nginx's, with the upstream that answered each request as up="…")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.ws_ports = {host: 0 for host in HOSTS}
        self.access_log = self.log_dir / "nginx-access.log"

    @staticmethod
    def name(service: str, host: str) -> str:
        """The process name of `service` (fcgi, runner, ws) on `host`."""
        return service if host == "a" else f"{service}-{host}"

    def fcgi_socket(self, host: str) -> Path:
        return self._dir / f"fcgi-{host}.sock"

    def ws_socket(self, host: str) -> Path:
        return self._dir / f"ws-{host}.sock"

    def host_env(self, host: str) -> dict[str, str]:
        """One host's settings: its own sockets and metrics folder, a small pool (two hosts share the cores)."""
        return {**self.env, "COHORTA_FCGI_SOCKET": str(self.fcgi_socket(host)),
                "COHORTA_WS_SOCKET": str(self.ws_socket(host)), "COHORTA_WS_PORT": str(self.ws_ports[host]),
                "COHORTA_METRICS_DIR": str(self._dir / f"metrics-{host}"), "COHORTA_FCGI_WORKERS": "1",
                "COHORTA_FCGI_THREADS": "4", "COHORTA_RUNNER_PROCESSES": "1", "COHORTA_RUNNER_THREADS": "2"}

    def _start_services(self) -> None:
        for host in HOSTS:
            self.ws_ports[host] = free_port()
            env = self.host_env(host)
            self._launch(self.name("fcgi", host), [str(self.build_dir / "cohorta-fcgi"), "serve"], env)
            self._launch(self.name("runner", host), [str(self.build_dir / "cohorta-fcgi"), "runner"], env)
            self._start_ws(self.name("ws", host), env)
        for host in HOSTS:
            socket_path = self.fcgi_socket(host)
            self._wait_until(self.name("fcgi", host), socket_path.is_socket, str(socket_path))
            port = self.ws_ports[host]
            self._wait_until(self.name("ws", host), lambda: _accepts_tcp(port), f"port {port}")

    def _render_nginx(self, prefix: Path, port: int) -> None:
        subprocess.run(
            [sys.executable, str(self.repo / "scripts" / "render-scale-nginx.py"), "--prefix", str(prefix),
             "--port", str(port), "--web-root", str(self.web_root),
             *(arg for host in HOSTS for arg in ("--fcgi-socket", str(self.fcgi_socket(host)))),
             *(arg for host in HOSTS for arg in ("--ws-socket", str(self.ws_socket(host)))),
             "--auth-rate", self.AUTH_RATE, "--auth-limited-only", self.AUTH_LIMITED_ADDRESS,
             "--log-dir", str(self.log_dir), "--client-timeout", self.CLIENT_TIMEOUT],
            check=True, stdout=subprocess.DEVNULL)

    def _wait_for_health(self) -> None:
        for host in HOSTS:
            for service in ("fcgi", "runner", "ws"):
                self._require_running(self.name(service, host))
        super()._wait_for_health()

    def kill_host(self, host: str) -> None:
        """SIGKILL to every process of `host` (its pool's supervisor and workers, its runners, its cohorta-ws),
        as when the machine dies. Each was started in a session of its own, so its process group is all of it."""
        for service in ("fcgi", "runner", "ws"):
            process = self._processes[self.name(service, host)]
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait()

    def stop(self) -> None:
        self._stop_process("nginx", signal.SIGQUIT)
        for host in HOSTS[1:]:
            self._stop_process(self.name("fcgi", host), signal.SIGTERM)
            self._stop_process(self.name("runner", host), signal.SIGTERM)
        super().stop()

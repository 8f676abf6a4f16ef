"""`CompareStack`: the Cohorta bench stack plus, behind the same nginx process, the old stack (bench/oldstack: Quart
on Hypercorn) and the bare C libfcgi responder (bench/c/responder.c), each on a port of its own; and the /proc
readings (RSS, PSS, CPU of process trees) the comparison drivers take.
"""
from __future__ import annotations

import os
import resource
import socket
import subprocess
import sys
from pathlib import Path

from bench_stack import BENCH, BenchStack
from stack import _accepts_tcp, free_port

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


class CompareStack(BenchStack):
    """Starts like BenchStack; `start_oldstack` and `start_responder` add the other two servers afterwards."""

    def __init__(self, build_dir: Path, env_overrides: dict[str, str] | None = None, hypercorn_workers: int = 2,
                 nginx_connections: int = 1024):
        super().__init__(build_dir=build_dir, env_overrides=env_overrides)
        self.hypercorn_workers = hypercorn_workers
        self.nginx_connections = nginx_connections
        self.hypercorn_port = free_port()
        self.old_port = free_port()
        self.c_port = free_port()
        self.c_socket = self._dir / "c-responder.sock"
        self.old_url = f"http://127.0.0.1:{self.old_port}"
        self.c_url = f"http://127.0.0.1:{self.c_port}"

    def _launch(self, name, argv, env=None):
        if name == "nginx":
            conf = self._dir / "nginx" / "conf" / "nginx.conf"
            text = conf.read_text().replace("worker_connections 1024;",
                                            f"worker_connections {self.nginx_connections};")
            head, tail = text.rsplit("}", 1)  # the end of the http block
            limit = f"worker_rlimit_nofile {resource.getrlimit(resource.RLIMIT_NOFILE)[1]};\n"
            conf.write_text(limit + head + self._extra_servers() + "}" + tail)
        super()._launch(name, argv, env)

    def _extra_servers(self) -> str:
        """The old system's deployment (nginx proxy_pass to Hypercorn, upstream keepalive, WebSocket upgrade for
        /socket.io/) and the C responder (plain fastcgi_pass, no keep_conn, as the Cohorta location)."""
        return f"""
    upstream oldstack {{
        server 127.0.0.1:{self.hypercorn_port};
        keepalive 512;
    }}
    server {{
        listen 127.0.0.1:{self.old_port};
        include snippets/security-headers.conf;
        location / {{
            proxy_pass http://oldstack;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
        }}
        location /socket.io/ {{
            proxy_pass http://oldstack;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection "upgrade";
            proxy_set_header Host $http_host;
            proxy_buffering off;
            proxy_read_timeout 300s;
        }}
    }}
    server {{
        listen 127.0.0.1:{self.c_port};
        include snippets/security-headers.conf;
        location / {{
            include fastcgi_params;
            fastcgi_param REQUEST_ID $request_id;
            fastcgi_pass unix:{self.c_socket};
        }}
    }}
"""

    def start_oldstack(self, workers: int | None = None, backlog: int = 100) -> None:
        env = {**os.environ, "BENCH_JWT_SECRET": self.jwt_secret, "BENCH_MONGO_URI": self.mongo_uri,
               "BENCH_MONGO_DB": self.db_name}
        argv = [str(Path(sys.executable).parent / "hypercorn"), "app:app", "--bind",
                f"127.0.0.1:{self.hypercorn_port}", "--workers", str(workers or self.hypercorn_workers),
                "--backlog", str(backlog)]
        log = open(self.log_dir / "oldstack.log", "ab")
        self._log_files.append(log)
        self._processes["oldstack"] = subprocess.Popen(argv, cwd=BENCH / "oldstack", stdin=subprocess.DEVNULL,
                                                       stdout=log, stderr=subprocess.STDOUT, env=env,
                                                       start_new_session=True)
        self._wait_until("oldstack", lambda: _accepts_tcp(self.hypercorn_port), f"port {self.hypercorn_port}")

    def stop_oldstack(self) -> None:
        self._stop_process("oldstack", 15)

    def start_responder(self, body: bytes, copies: int) -> None:
        """`copies` single-threaded responders sharing one listening unix socket on fd 0 (spawn-fcgi style)."""
        binary = self._dir / "c-responder"
        subprocess.run(["cc", "-O2", "-o", str(binary), str(BENCH / "c" / "responder.c"), "-lfcgi"], check=True)
        body_file = self._dir / "c-body.json"
        body_file.write_bytes(body)
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(str(self.c_socket))
        os.chmod(self.c_socket, 0o777)
        listener.listen(1024)
        for index in range(copies):
            self._processes[f"c-{index}"] = subprocess.Popen([str(binary), str(body_file)], stdin=listener.fileno(),
                                                             stdout=subprocess.DEVNULL, start_new_session=True)
        listener.close()

    def stop_extras(self) -> None:
        for name in [name for name in self._processes if name == "oldstack" or name.startswith("c-")]:
            self._stop_process(name, 15)


def tree(pid: int) -> list[int]:
    """pid and all its descendants."""
    pids, index = [pid], 0
    while index < len(pids):
        current = pids[index]
        index += 1
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                pids += [int(child) for child in Path(f"/proc/{current}/task/{task}/children").read_text().split()]
        except OSError:
            continue
    return pids


def rss_kib(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_KIB
    except (OSError, IndexError, ValueError):
        return 0


def rollup_kib(pid: int) -> dict[str, int]:
    """Rss, Pss, Private_* and Anonymous from /proc/PID/smaps_rollup, in KiB."""
    values = {}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
            key, value = line.split(":", 1)
            values[key] = int(value.split()[0])
    except OSError:
        pass
    return values


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError):
            continue
    return total / CLOCK_TICKS


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])

#!/usr/bin/env python3
"""Renders nginx/dev.conf.template into PREFIX/conf/nginx.conf for `make run` and the e2e stack.

PREFIX gets conf/ (the config plus links to nginx/snippets, mime.types and fastcgi_params, so the
production snippets are used unchanged), tmp/ (nginx's temp files) and logs/. Prints the config path.
Start it with: nginx -p PREFIX -c conf/nginx.conf -e LOG_DIR/nginx-error.log
"""
import argparse
import os
import re
import string
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TEMPLATE = REPO / "nginx" / "dev.conf.template"
SYSTEM_CONF = Path("/etc/nginx")


class NginxTemplate(string.Template):
    """Fills only ${UPPER_CASE} names, so nginx's own $variables and ${variables} pass through."""

    flags = 0
    pattern = r"""
        \$(?:
            (?P<escaped>(?!))
          | \{(?P<braced>[A-Z][A-Z0-9_]*)\}
          | (?P<named>(?!))
          | (?P<invalid>(?!))
        )"""


def link(target: Path, link_path: Path) -> None:
    if link_path.is_symlink() or link_path.exists():
        link_path.unlink()
    link_path.symlink_to(target)


def render(args: argparse.Namespace) -> Path:
    prefix = Path(args.prefix).resolve()
    log_dir = Path(args.log_dir).resolve() if args.log_dir else prefix / "logs"
    conf_dir = prefix / "conf"
    for folder in (conf_dir, log_dir, *(prefix / "tmp" / name for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))):
        folder.mkdir(parents=True, exist_ok=True)
    link(REPO / "nginx" / "snippets", conf_dir / "snippets")
    for name in ("mime.types", "fastcgi_params"):
        link(SYSTEM_CONF / name, conf_dir / name)

    values = {
        "PORT": str(args.port),
        "WEB_ROOT": str(Path(args.web_root).resolve()),
        "FCGI_SOCKET": str(Path(args.fcgi_socket).resolve()),
        "WS_SOCKET": str(Path(args.ws_socket).resolve()),
        "AUTH_RATE": args.auth_rate,
        "CLIENT_TIMEOUT": args.client_timeout,
        # An empty key is not limited: with --auth-limited-only, every other address is left alone.
        "AUTH_DEFAULT_KEY": '""' if args.auth_limited_only else "$binary_remote_addr",
        "AUTH_LIMITED_ONLY": args.auth_limited_only or "127.0.0.1",
        "PID_FILE": str(prefix / "nginx.pid"),
        "ERROR_LOG": str(log_dir / "nginx-error.log"),
        "ACCESS_LOG": str(log_dir / "nginx-access.log"),
        # As root, nginx's workers would run as "nobody" and could not reach sockets and files made by
        # this user; a loopback-only dev server keeps them as root instead.
        "USER_DIRECTIVE": "user root;" if os.geteuid() == 0 else "# (not root: workers run as this user)",
    }
    text = NginxTemplate(TEMPLATE.read_text()).substitute(values)
    conf = conf_dir / "nginx.conf"
    conf.write_text(text)
    return conf


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--prefix", required=True, help="nginx prefix folder (created)")
    parser.add_argument("--port", required=True, type=int, help="port on 127.0.0.1")
    parser.add_argument("--web-root", default=str(REPO / "web"))
    parser.add_argument("--fcgi-socket", required=True)
    parser.add_argument("--ws-socket", required=True)
    parser.add_argument("--auth-rate", default="5r/s", help="limit_req rate of sign-in routes per IP, e.g. 5r/s")
    parser.add_argument("--auth-limited-only", help="limit only this client address (tests), not every address")
    parser.add_argument("--client-timeout", default="15s",
                        help="client_header_timeout and client_body_timeout, e.g. 15s (production) or 2s (tests)")
    parser.add_argument("--log-dir", help="where nginx-error.log and nginx-access.log go (default PREFIX/logs)")
    args = parser.parse_args()
    if args.auth_limited_only and not re.fullmatch(r"[0-9.]+", args.auth_limited_only):
        parser.error("--auth-limited-only must be an IPv4 address")
    if not re.fullmatch(r"[0-9]+r/[sm]", args.auth_rate):
        parser.error("--auth-rate must look like 5r/s or 30r/m")
    if not re.fullmatch(r"[0-9]+(ms|s)", args.client_timeout):
        parser.error("--client-timeout must look like 15s or 500ms")
    print(render(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Renders nginx/scale-demo.conf.template into PREFIX/conf/nginx.conf: nginx balancing /api/ across several
cohorta-fcgi pools and /ws across several cohorta-ws processes (docs/scaling.md). Prints the config path.

Step one fills the template's upstream lists (one `server unix:…;` per --fcgi-socket / --ws-socket, in the
order given) into PREFIX/conf/scale.conf.template; step two hands that to scripts/render-nginx.py's own
render(), so the prefix layout, the links to the production snippets and every ${NAME} are filled exactly as
for the dev config. The other options are render-nginx.py's.
Start it with: nginx -p PREFIX -c conf/nginx.conf -e LOG_DIR/nginx-error.log
"""
import argparse
import importlib.util
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TEMPLATE = REPO / "nginx" / "scale-demo.conf.template"


def dev_renderer():
    spec = importlib.util.spec_from_file_location("render_nginx", REPO / "scripts" / "render-nginx.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def servers(sockets: list[str], options: str = "") -> str:
    return "\n".join(f"        server unix:{Path(path).resolve()}{options};" for path in sockets)


def render(args: argparse.Namespace) -> Path:
    prefix = Path(args.prefix).resolve()
    (prefix / "conf").mkdir(parents=True, exist_ok=True)
    filled = prefix / "conf" / "scale.conf.template"
    text = TEMPLATE.read_text()
    # One refused connection marks a pool failed for 10 s (nginx's defaults, spelled out).
    text = text.replace("@FCGI_SERVERS@", servers(args.fcgi_socket, " max_fails=1 fail_timeout=10s"))
    text = text.replace("@WS_SERVERS@", servers(args.ws_socket, " max_fails=1 fail_timeout=10s"))
    filled.write_text(text)
    renderer = dev_renderer()
    renderer.TEMPLATE = filled
    # render-nginx.py reads one socket of each kind; the filled template no longer names them.
    return renderer.render(argparse.Namespace(**{**vars(args), "fcgi_socket": args.fcgi_socket[0],
                                                 "ws_socket": args.ws_socket[0]}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--prefix", required=True, help="nginx prefix folder (created)")
    parser.add_argument("--port", required=True, type=int, help="port on 127.0.0.1")
    parser.add_argument("--web-root", default=str(REPO / "web"))
    parser.add_argument("--fcgi-socket", required=True, action="append", help="a cohorta-fcgi pool (repeat)")
    parser.add_argument("--ws-socket", required=True, action="append", help="a cohorta-ws process (repeat)")
    parser.add_argument("--auth-rate", default="5r/s", help="limit_req rate of sign-in routes per IP")
    parser.add_argument("--auth-limited-only", help="limit only this client address (tests)")
    parser.add_argument("--client-timeout", default="15s", help="client_header_timeout and client_body_timeout")
    parser.add_argument("--log-dir", help="where nginx-error.log and nginx-access.log go (default PREFIX/logs)")
    print(render(parser.parse_args()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

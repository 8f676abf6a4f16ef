#!/usr/bin/env python3
"""Prints a free TCP port on 127.0.0.1: the preferred one if it is free, else the next free one above it.

Usage: free-port.py [PREFERRED]   (no argument: any free port the kernel picks)
"""
import socket
import sys


def is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # Like nginx and nx-27017: connections in TIME_WAIT from a previous run do not make the port busy.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def main() -> int:
    if len(sys.argv) < 2:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.bind(("127.0.0.1", 0))
            print(probe.getsockname()[1])
        return 0
    preferred = int(sys.argv[1])
    for port in range(preferred, min(preferred + 100, 65536)):
        if is_free(port):
            print(port)
            return 0
    print(f"no free port in {preferred}..{preferred + 99}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())

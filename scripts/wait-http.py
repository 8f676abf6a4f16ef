#!/usr/bin/env python3
"""Waits until URL answers HTTP 200, or fails after TIMEOUT seconds (default 30).

Usage: wait-http.py URL [TIMEOUT]
"""
import sys
import time
import urllib.error
import urllib.request


def main() -> int:
    url = sys.argv[1]
    deadline = time.monotonic() + (float(sys.argv[2]) if len(sys.argv) > 2 else 30.0)
    last = "no answer"
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return 0
                last = f"HTTP {response.status}"
        except urllib.error.HTTPError as error:
            last = f"HTTP {error.code}"
        except (OSError, urllib.error.URLError) as error:
            last = str(error)
        time.sleep(0.2)
    print(f"{url} did not answer 200 in time (last: {last})", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())

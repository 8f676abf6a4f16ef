#!/usr/bin/env bash
# Builds the package: `build.sh release` (the binaries the stack runs) or `build.sh tests` (debug + tests).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO"

command -v swift >/dev/null 2>&1 || die "swift is not on PATH (expected the Swift 6 toolchain, e.g. in /opt/swift)"
case "${1:-release}" in
    release)
        say "swift build -c release"
        swift build -c release
        ;;
    tests)
        say "swift build --build-tests"
        swift build --build-tests
        ;;
    *) die "usage: build.sh release | tests" ;;
esac

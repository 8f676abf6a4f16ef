#!/usr/bin/env bash
# libFuzzer targets over the parsers that read untrusted bytes (Fuzz/README.md). Built with swiftc straight
# from the sources (-sanitize=fuzzer,address) into .build-fuzz/, never touching the main .build/.
#   scripts/fuzz.sh build                 build (or reuse) every target
#   scripts/fuzz.sh run [SECONDS] [NAME…] build, then run each target SECONDS (default 15) on its corpus
# FUZZ_OPT=-O builds optimised (slower to build, faster to run; for long runs). A crash stops the run with
# the input saved as .build-fuzz/artifacts/<target>/crash-…; fix the parser and add the input to
# Fuzz/Corpus/<target>/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO"

TARGETS=(json fastcgi bson stripe clientframe)
OPT="${FUZZ_OPT:--Onone}"
OUT="$REPO/.build-fuzz/${OPT#-}"
MODULES="$OUT/modules"
SWIFT_FLAGS=(
    -swift-version 6 -parse-as-library -sanitize=fuzzer,address -gline-tables-only "$OPT" -wmo
    -enable-upcoming-feature ExistentialAny -enable-upcoming-feature InternalImportsByDefault
    -enable-upcoming-feature MemberImportVisibility -package-name Cohorta -I "$MODULES"
)
read -r -a MONGOC_CFLAGS <<<"$(pkg-config --cflags libmongoc-1.0)"
C_FLAGS=()
for flag in "${MONGOC_CFLAGS[@]}"; do C_FLAGS+=(-Xcc "$flag"); done

# True when $1's stamp matches the contents of the files after it (plus the flags and the C shims): nothing
# to rebuild.
fresh() {
    local stamp="$1" sum
    shift
    sum="$(printf '%s\n' "${SWIFT_FLAGS[@]}" | cat - "$@" Sources/C*/shim.h | sha256sum | cut -c1-64)"
    [[ -f "$stamp" && "$(<"$stamp")" == "$sum" ]] && return 0
    printf '%s' "$sum" >"$stamp.next"
    return 1
}

# swiftc with the shared flags; its chatter (other modules' warnings, ld.gold's ASan notes) goes to $1,
# shown only when it fails.
compile() {
    local log="$1"
    shift
    swiftc "${SWIFT_FLAGS[@]}" -suppress-warnings "$@" >"$log" 2>&1 || {
        grep -v 'ld.gold: warning' "$log" | tail -n 40 >&2
        die "fuzz: swiftc failed (full output in $log)"
    }
}

# A library module (object file + .swiftmodule) from all of a folder's sources.
module() {
    local name="$1" sources
    shift
    mapfile -t sources < <(find "Sources/$name" -name '*.swift' | sort)
    if fresh "$MODULES/$name.stamp" "${sources[@]}"; then return; fi
    say "fuzz: module $name (${#sources[@]} files, $OPT)"
    compile "$MODULES/$name.log" "$@" -module-name "$name" -emit-module -emit-module-path "$MODULES/$name.swiftmodule" \
        -emit-object -o "$MODULES/$name.o" "${sources[@]}"
    mv "$MODULES/$name.stamp.next" "$MODULES/$name.stamp"
}

# A fuzz executable: Fuzz/<Folder>/*.swift plus a few product files, linked against built modules.
target() {
    local name="$1" folder="$2" objects=() sources=() extra=()
    shift 2
    while (($#)); do
        case "$1" in
            --module) objects+=("$MODULES/$2.o") && shift 2 ;;
            --flag) extra+=("$2") && shift 2 ;;
            *) sources+=("$1") && shift ;;
        esac
    done
    mapfile -t -O "${#sources[@]}" sources < <(find "Fuzz/$folder" -name '*.swift' | sort)
    local binary="$OUT/fuzz-$name"
    if fresh "$binary.stamp" "${sources[@]}" "${objects[@]}"; then return; fi
    say "fuzz: target $name"
    compile "$binary.log" "${extra[@]}" -module-name "Fuzz_$name" -o "$binary" "${sources[@]}" "${objects[@]}"
    mv "$binary.stamp.next" "$binary.stamp"
}

build() {
    mkdir -p "$MODULES"
    local started=$SECONDS
    swift format lint --strict --recursive Fuzz
    # Domain is the slow one; the other two share the second core.
    module Domain &
    local domain=$!
    module HTTPCore
    module BSON -I Sources/CMongoc "${C_FLAGS[@]}"
    wait "$domain"
    target json JSON --module Domain --module HTTPCore &
    local json=$!
    target fastcgi FastCGI --module HTTPCore Sources/FastCGI/FastCGIMessage.swift \
        Sources/FastCGI/FastCGIRequestSlot.swift Sources/FastCGI/CGIVariables.swift Sources/FastCGI/CGIHead.swift \
        Sources/FastCGI/CGIHeaderName.swift --flag -ISources/CFCGI
    local bson=(--module BSON --module Domain --flag -ISources/CMongoc)
    for flag in "${C_FLAGS[@]}"; do bson+=(--flag "$flag"); done
    target bson BSON "${bson[@]}"
    wait "$json"
    target stripe Stripe --module Domain --flag -ISources/COpenSSL Sources/Crypto/StripeSignatureVerifier.swift \
        Sources/Crypto/HMACSHA256.swift Sources/Crypto/ConstantTime.swift Sources/Crypto/CryptoError.swift &
    local stripe=$!
    target clientframe ClientFrame --module Domain Sources/CohortaWS/Protocol/ClientFrame.swift \
        Sources/CohortaWS/Protocol/FrameError.swift Sources/CohortaWS/Protocol/Frame.swift --module HTTPCore
    wait "$stripe"
    say "fuzz: targets ready in $OUT (+$((SECONDS - started))s)"
}

# Runs one target for $2 seconds over a scratch copy of its seed corpus (new inputs stay out of git).
run_one() {
    local name="$1" seconds="$2" work="$OUT/corpus/$1" artifacts="$OUT/artifacts/$1/"
    mkdir -p "$work" "$artifacts"
    say "fuzz: $name for ${seconds}s"
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="detect_leaks=0:${ASAN_OPTIONS:-}" "$OUT/fuzz-$name" -max_total_time="$seconds" -seed="${COHORTA_FUZZ_SEED:-0}" -timeout=10 -rss_limit_mb=4096 -detect_leaks=0 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$artifacts" "$work" "Fuzz/Corpus/$name" 2>"$OUT/$name.log" \
        || { tail -n 60 "$OUT/$name.log" >&2; die "fuzz: $name failed (input in $artifacts)"; }
    grep -E '^stat::(number_of_executed_units|new_units_added)' "$OUT/$name.log" | tr '\n' ' ' >&2
    echo >&2
}

case "${1:-run}" in
    build) build ;;
    run)
        seconds="${2:-15}"
        shift $(($# > 1 ? 2 : $#))
        build
        for name in "${@:-${TARGETS[@]}}"; do run_one "$name" "$seconds"; done
        ;;
    *) die "usage: fuzz.sh build | run [SECONDS] [TARGET…]  (targets: ${TARGETS[*]})" ;;
esac

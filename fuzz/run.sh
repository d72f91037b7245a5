#!/usr/bin/env bash
# Runs every fuzz target for a fixed number of executions (not part of CI:
# it needs cargo-fuzz and a few minutes). Usage:
#
#   bash fuzz/run.sh [RUNS]        # default 20000 executions per target
#
# cargo-fuzz needs nightly compiler flags (-Z sanitizer); on a stable
# toolchain RUSTC_BOOTSTRAP=1 allows them. Install it once with
# `cargo install cargo-fuzz`. Each target starts from the seed corpus
# in fuzz/seeds/TARGET (copied into fuzz/corpus/TARGET, which is not
# committed), with debug assertions on, so an integer overflow is a
# crash. A crash leaves its input in fuzz/artifacts/TARGET/; copy it to
# tests/fixtures/regressions/ (named after the reader's extension, or
# .pipeline) so that `cargo test --test regressions` replays it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

runs="${1:-20000}"
targets=(read_txt read_json read_jsonl read_tml pipeline)
export RUSTC_BOOTSTRAP=1

cargo fuzz build --debug-assertions

status=0
for target in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$target"
    if [ -d "fuzz/seeds/$target" ]; then
        cp -n fuzz/seeds/"$target"/* "fuzz/corpus/$target/" 2>/dev/null || true
    fi
    printf '\n==> %s: %s runs\n' "$target" "$runs"
    if ! cargo fuzz run --debug-assertions "$target" "fuzz/corpus/$target" -- \
        -runs="$runs" -max_len=4096 -timeout=10 -print_final_stats=1 \
        > "fuzz/$target.log" 2>&1; then
        echo "==> $target: CRASH (input in fuzz/artifacts/$target/, log in fuzz/$target.log)"
        status=1
    fi
    grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb|Done [0-9]+ runs)|SUMMARY|panicked' \
        "fuzz/$target.log" || true
done
exit $status

#!/usr/bin/env bash
# Runs every fuzz target for a fixed number of executions (not part of CI:
# it needs cargo-fuzz and some minutes). Usage:
#
#   bash fuzz/run.sh [READER_RUNS] [PIPELINE_RUNS]
#
# READER_RUNS (default 200000) executions for each reader target,
# PIPELINE_RUNS (default 3000) for the whole pipeline, which is some
# thousand times slower per input.
#
# cargo-fuzz needs nightly compiler flags; on a stable toolchain
# RUSTC_BOOTSTRAP=1 allows them. Install it once with
# `cargo install cargo-fuzz`. Builds have debug assertions on, so an
# integer overflow is a crash; no sanitizer, as the crate has no unsafe
# code (ASan would halve the speed for nothing). Each target starts from
# the seeds in fuzz/seeds/TARGET, copied into fuzz/corpus/TARGET (not
# committed), which keeps what the fuzzer learns between runs. A crash
# leaves its input in fuzz/artifacts/TARGET/; copy it to
# tests/fixtures/regressions/NAME.TARGET so that
# `cargo test --test regressions` replays it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

reader_runs="${1:-200000}"
pipeline_runs="${2:-3000}"
targets=(read_txt read_json read_jsonl read_tml pipeline)
export RUSTC_BOOTSTRAP=1
flags=(--debug-assertions --sanitizer none)

cargo fuzz build "${flags[@]}"

status=0
for target in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$target"
    if [ -d "fuzz/seeds/$target" ]; then
        cp -n fuzz/seeds/"$target"/* "fuzz/corpus/$target/" 2>/dev/null || true
    fi
    runs=$reader_runs max_len=4096
    if [ "$target" = pipeline ]; then
        runs=$pipeline_runs max_len=2048
    fi
    printf '\n==> %s: %s runs\n' "$target" "$runs"
    if ! cargo fuzz run "${flags[@]}" "$target" "fuzz/corpus/$target" -- \
        -runs="$runs" -max_len="$max_len" -timeout=60 -print_final_stats=1 \
        > "fuzz/$target.log" 2>&1; then
        echo "==> $target: CRASH (input in fuzz/artifacts/$target/, log in fuzz/$target.log)"
        status=1
    fi
    grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb|Done [0-9]+ runs)|SUMMARY|panicked' \
        "fuzz/$target.log" || true
done
exit $status

#!/usr/bin/env bash
# The whole-run benchmark: builds a corpus of SIZE_MB megabytes of news
# text (JSON Lines) from the example articles and the dev data, runs
# `timeline tag` and `timeline extract` over it with 1 and 2 threads,
# and times chrono-node 2.10.3 on the same texts in the same run.
#
# usage: bench/run.sh [SIZE_MB] [DEV_DATA_DIR]
#   SIZE_MB       corpus size in MB of text (default 100)
#   DEV_DATA_DIR  TimeML dev data (default ../shared/data/tbaq, relative
#                 to the repository)
set -euo pipefail

cd "$(dirname "$0")/.."
size_mb="${1:-100}"
data="${2:-../shared/data/tbaq}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet
bin=target/release/timeline
corpus="$work/corpus.jsonl"
python3 bench/corpus.py "$size_mb" "$corpus" examples/syria-2017 "$data"
docs=$(grep -c . "$corpus")
bytes=$(python3 -c '
import json, sys
print(sum(len(json.loads(l)["text"].encode()) for l in open(sys.argv[1])))
' "$corpus")

echo "corpus: $docs documents, $bytes bytes of text ($(nproc) cores;" \
     "load average $(cut -d' ' -f1-3 /proc/loadavg))"
# MB/s is over wall-clock time; MB/cpu-s over the CPU time the run used
# (user + system), which other work on the machine disturbs less.
printf '%-34s %8s %8s %9s %10s %8s\n' run seconds MB/s MB/cpu-s docs/s "RSS MB"

# Prints one row: the command's wall clock, rates and peak RSS.
measure() {
  local name="$1"; shift
  /usr/bin/time -v -o "$work/time" "$@" > /dev/null 2> "$work/err" || {
    cat "$work/err" >&2; exit 1; }
  local wall rss cpu
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time" |
         awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time")
  cpu=$(awk -F': ' '/(User|System) time/ {s += $2} END {print s}' "$work/time")
  awk -v n="$name" -v w="$wall" -v c="$cpu" -v b="$bytes" -v d="$docs" \
      -v r="$rss" \
    'BEGIN { w = (w > 0 ? w : 0.01); c = (c > 0 ? c : 0.01);
             printf "%-34s %8.2f %8.2f %9.2f %10.0f %8.1f\n",
             n, w, b / 1e6 / w, b / 1e6 / c, d / w, r / 1024 }'
  echo "$cpu" > "$work/last"
}

# Start-up: one short document, so compiling the rule tables is most of
# the run (the rates of this row mean nothing).
echo '{"id": "s", "text": "Russia vetoed the resolution on Wednesday."}' \
  > "$work/one.jsonl"
measure "start-up (one short document)" "$bin" mentions "$work/one.jsonl" --quiet
measure "timeline tag --threads 1" "$bin" tag "$corpus" --format jsonl --threads 1 --quiet
tag1=$(cat "$work/last")  # CPU seconds
measure "timeline tag --threads 2" "$bin" tag "$corpus" --format jsonl --threads 2 --quiet
measure "timeline mentions --threads 1" "$bin" mentions "$corpus" --threads 1 --quiet
measure "timeline mentions --threads 2" "$bin" mentions "$corpus" --threads 2 --quiet
measure "timeline extract --threads 1" "$bin" extract "$corpus" --format jsonl --threads 1 --quiet
measure "timeline extract --threads 2" "$bin" extract "$corpus" --format jsonl --threads 2 --quiet

# chrono-node: one chrono.parse(text, dct) per document, parsing timed
# alone (reading the file is not counted).
if [ ! -d bench/node/node_modules/chrono-node ]; then
  (cd bench/node && npm ci --no-audit --no-fund --silent)
fi
read -r secs n b results < <(node bench/node/chrono.js "$corpus")
awk -v s="$secs" -v b="$b" -v d="$n" \
  'BEGIN { printf "%-34s %8.2f %8.2f %9s %10.0f %8s\n",
           "chrono-node 2.10.3 chrono.parse", s, b / 1e6 / s, "-", d / s, "-" }'
awk -v s="$secs" -v t="$tag1" \
  'BEGIN { printf "ratio: timeline tag (1 thread, whole run, CPU time) is %.1f times as fast as chrono-node (parsing only, wall clock)\n", s / t }'

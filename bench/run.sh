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
# RUNS (environment, default 5) is how many times each row runs: a row
# shows the median run and the range of the wall-clock times, since on
# a shared virtual machine one run can take half as long again as the
# next.
set -euo pipefail

cd "$(dirname "$0")/.."
size_mb="${1:-100}"
data="${2:-../shared/data/tbaq}"
runs="${RUNS:-5}"
case "$runs" in
  '' | *[!0-9]* | 0) echo "RUNS must be a positive number, not '$runs'" >&2; exit 2 ;;
esac
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
     "load average $(cut -d' ' -f1-3 /proc/loadavg); median of $runs runs)"
# MB/s is over wall-clock time; MB/cpu-s over the CPU time the run used
# (user + system), which other work on the machine disturbs less. Both
# are of the median run by wall clock; "range" is the fastest and the
# slowest run's wall clock.
printf '%-34s %8s %8s %9s %10s %8s  %s\n' \
  run seconds MB/s MB/cpu-s docs/s "RSS MB" "range (s)"

# Prints one row: the median run's wall clock, rates and peak RSS, and
# the range of the runs' wall clocks.
measure() {
  local name="$1"; shift
  : > "$work/runs"
  local i start end
  for ((i = 0; i < runs; i++)); do
    # The wall clock to the microsecond (time's own has hundredths).
    start=$EPOCHREALTIME
    /usr/bin/time -v -o "$work/time" "$@" > /dev/null 2> "$work/err" || {
      cat "$work/err" >&2; exit 1; }
    end=$EPOCHREALTIME
    # wall, CPU (user + system) and peak RSS of this run, one line each
    awk -F': ' -v s="$start" -v e="$end" '
      /(User|System) time/        { c += $2 }
      /Maximum resident set size/ { r = $2 }
      END { print e - s, c, r }' "$work/time" >> "$work/runs"
  done
  sort -n -k1,1 "$work/runs" | awk -v n="$name" -v b="$bytes" -v d="$docs" \
    -v k="$runs" '
    { w[NR] = $1; c[NR] = $2; r[NR] = $3 }
    END {
      m = int((k + 1) / 2)
      wall = (w[m] > 0 ? w[m] : 0.01); cpu = (c[m] > 0 ? c[m] : 0.01)
      printf "%-34s %8.3f %8.2f %9.2f %10.0f %8.1f  %.3f-%.3f\n",
             n, wall, b / 1e6 / wall, b / 1e6 / cpu, d / wall, r[m] / 1024,
             w[1], w[k]
      print cpu > "'"$work/last"'"
      print wall > "'"$work/last_wall"'"
    }'
}

# The speed-up of a second thread: the median wall clock on one thread
# over that on two, of the last two rows measured.
one_thread() { one=$(cat "$work/last_wall"); }
speedup() {
  scaling+=("$1 $(awk -v a="$one" -v b="$(cat "$work/last_wall")" \
    'BEGIN { printf "%.2f", a / b }')x")
}
scaling=()

# Start-up: one short document, so compiling the rule tables is most of
# the run (the rates of this row mean nothing).
echo '{"id": "s", "text": "Russia vetoed the resolution on Wednesday."}' \
  > "$work/one.jsonl"
measure "start-up (one short document)" "$bin" mentions "$work/one.jsonl" --quiet
measure "timeline tag --threads 1" "$bin" tag "$corpus" --format jsonl --threads 1 --quiet
tag1=$(cat "$work/last")  # CPU seconds
one_thread
measure "timeline tag --threads 2" "$bin" tag "$corpus" --format jsonl --threads 2 --quiet
speedup tag
measure "timeline mentions --threads 1" "$bin" mentions "$corpus" --threads 1 --quiet
one_thread
measure "timeline mentions --threads 2" "$bin" mentions "$corpus" --threads 2 --quiet
speedup mentions
measure "timeline extract --threads 1" "$bin" extract "$corpus" --format jsonl --threads 1 --quiet
one_thread
measure "timeline extract --threads 2" "$bin" extract "$corpus" --format jsonl --threads 2 --quiet
speedup extract
echo "2 threads against 1 (medians): ${scaling[*]}"

# chrono-node: one chrono.parse(text, dct) per document, parsing timed
# alone (reading the file is not counted).
if [ ! -d bench/node/node_modules/chrono-node ]; then
  (cd bench/node && npm ci --no-audit --no-fund --silent)
fi
# chrono.js prints "<seconds> <documents> <bytes> <results>" per run.
for ((i = 0; i < runs; i++)); do
  node bench/node/chrono.js "$corpus"
done | sort -n -k1,1 > "$work/chrono"
awk -v k="$runs" -v t="$tag1" '
  { s[NR] = $1; d = $2; b = $3 }
  END {
    m = int((k + 1) / 2)
    printf "%-34s %8.3f %8.2f %9s %10.0f %8s  %.3f-%.3f\n",
           "chrono-node 2.10.3 chrono.parse", s[m], b / 1e6 / s[m], "-",
           d / s[m], "-", s[1], s[k]
    printf "ratio: timeline tag (1 thread, whole run, CPU time) is %.1f" \
           " times as fast as chrono-node (parsing only, wall clock)," \
           " medians\n", s[m] / t
  }' "$work/chrono"

#!/usr/bin/env bash
# The Spark driver against `timeline extract`, in Spark local mode.
#
# Creates scale/spark/.venv with the pinned pyspark (Java 17 needed), builds
# the release binary, writes a corpus of the example articles and a few
# hundred variations (dated, stating their date, undated; several years),
# then checks that the driver on local[2] writes the bytes `timeline
# extract` writes for the same documents, in every format, with the merge
# on the driver or partitioned by block on the executors; that a .txt
# folder gives the same as `timeline extract FOLDER`; and that a malformed
# line is reported while the rest of its partition is kept.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
venv=${TIMELINE_SPARK_VENV:-$here/.venv}
python=${PYTHON:-python3.11}

[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
"$venv/bin/pip" install --quiet -r "$here/requirements.txt"
cargo build --locked --release --quiet --manifest-path "$root/Cargo.toml"
bin=$root/target/release/timeline

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SPARK_LOCAL_IP=127.0.0.1
driver() {
    "$venv/bin/python" "$here/driver.py" --master 'local[2]' \
        --binary "$bin" "$@"
}
fail() {
    echo "FAIL: $*" >&2
    exit 1
}

"$venv/bin/python" "$here/gen_corpus.py" "$root/examples/syria-2017" 300 \
    > "$tmp/corpus.jsonl"
# Two input files, so that partitions also come from several files.
head -n 150 "$tmp/corpus.jsonl" > "$tmp/a.jsonl"
tail -n +151 "$tmp/corpus.jsonl" > "$tmp/b.jsonl"

# The test can fail: on this corpus, running `timeline mentions` on parts
# alone (each part inferring DCTs from its own dated documents) does not
# give the timeline of the whole.
"$bin" extract "$tmp/corpus.jsonl" --quiet > "$tmp/want.json"
split -n l/4 --additional-suffix=.jsonl "$tmp/corpus.jsonl" "$tmp/part-"
for p in "$tmp"/part-*.jsonl; do
    "$bin" mentions "$p" --quiet > "$p.mentions"
done
"$bin" merge "$tmp"/part-*.mentions --quiet > "$tmp/naive.json"
if cmp -s "$tmp/naive.json" "$tmp/want.json"; then
    fail "the one-round map on parts already equals extract"
fi
echo "ok: a one-round map on 4 parts differs from extract (as expected)"

for format in json jsonl timelinejs vis; do
    "$bin" extract "$tmp/corpus.jsonl" --format "$format" --quiet \
        > "$tmp/want.$format"
    driver "$tmp/a.jsonl" "$tmp/b.jsonl" --partitions 6 --format "$format" \
        -o "$tmp/got.$format" 2> "$tmp/log.$format" \
        || { cat "$tmp/log.$format" >&2; fail "driver, --format $format"; }
    cmp "$tmp/want.$format" "$tmp/got.$format" \
        || fail "--format $format differs from timeline extract"
    echo "ok: --format $format: byte-identical to timeline extract" \
        "($(wc -c < "$tmp/want.$format") bytes)"
done

# The merge partitioned by block (event type x quarter) on the executors,
# assembled on the driver: the same bytes, with the events written by
# several partitions.
for format in json html; do
    [ -f "$tmp/want.$format" ] || "$bin" extract "$tmp/corpus.jsonl" \
        --format "$format" --quiet > "$tmp/want.$format"
    driver "$tmp/a.jsonl" "$tmp/b.jsonl" --partitions 6 --format "$format" \
        --merge partitioned --merge-partitions 5 --work "$tmp/work-$format" \
        -o "$tmp/got-part.$format" 2> "$tmp/log-part.$format" \
        || { cat "$tmp/log-part.$format" >&2; fail "--merge partitioned"; }
    cmp "$tmp/want.$format" "$tmp/got-part.$format" \
        || fail "--merge partitioned --format $format differs from extract"
    writers=$(find "$tmp/work-$format/events" -name 'part-*' -size +0 | wc -l)
    [ "$writers" -ge 2 ] \
        || fail "--merge partitioned: events from $writers partition(s)"
    echo "ok: --merge partitioned --format $format: byte-identical to" \
        "timeline extract (events from $writers of 5 partitions)"
done

# A folder of .txt files.
"$bin" extract "$root/examples/syria-2017" --quiet > "$tmp/want-txt.json"
driver "$root/examples/syria-2017" --input-format txt \
    -o "$tmp/got-txt.json" 2> "$tmp/log-txt" \
    || { cat "$tmp/log-txt" >&2; fail "driver, --input-format txt"; }
cmp "$tmp/want-txt.json" "$tmp/got-txt.json" \
    || fail "a .txt folder differs from timeline extract"
echo "ok: a .txt folder: byte-identical to timeline extract"

# spark-submit with the binary shipped by --files, found by name on the
# executors (SparkFiles), as on a cluster.
head -n 60 "$tmp/corpus.jsonl" > "$tmp/small.jsonl"
"$bin" extract "$tmp/small.jsonl" --quiet > "$tmp/want-small.json"
(
    cd "$tmp"
    PATH=$venv/bin:$PATH PYSPARK_PYTHON=$venv/bin/python \
        spark-submit --master 'local[2]' \
        --conf spark.driver.host=127.0.0.1 --conf spark.ui.enabled=false \
        --files "$bin" "$here/driver.py" small.jsonl --binary timeline \
        -o got-small.json > log-submit 2>&1
) || { cat "$tmp/log-submit" >&2; fail "spark-submit --files"; }
cmp "$tmp/want-small.json" "$tmp/got-small.json" \
    || fail "spark-submit --files differs from timeline extract"
echo "ok: spark-submit --files: byte-identical to timeline extract"

# One malformed line in the middle of a partition: reported, exit status
# 1, and every other document kept (the same timeline as extract, which
# skips the line too).
{
    head -n 40 "$tmp/corpus.jsonl"
    echo '{"id": "broken", "text": "The vote on'
    tail -n +41 "$tmp/corpus.jsonl"
} > "$tmp/bad.jsonl"
status=0
"$bin" extract "$tmp/bad.jsonl" --quiet > "$tmp/want-bad.json" 2> /dev/null \
    || status=$?
[ "$status" -eq 1 ] || fail "extract of the bad corpus exited with $status"
status=0
driver "$tmp/bad.jsonl" --partitions 2 -o "$tmp/got-bad.json" \
    2> "$tmp/log-bad" || status=$?
[ "$status" -eq 1 ] || { cat "$tmp/log-bad" >&2; fail "exit status $status"; }
grep -q '^partition [0-9]*: error: -: line [0-9]*: not a JSON document' "$tmp/log-bad" \
    || { cat "$tmp/log-bad" >&2; fail "the bad line was not reported"; }
[ "$(grep -c 'error:' "$tmp/log-bad")" -eq 1 ] \
    || { cat "$tmp/log-bad" >&2; fail "the bad line was not reported once"; }
cmp "$tmp/want-bad.json" "$tmp/got-bad.json" \
    || fail "with a bad line, the timeline differs from extract"
[ "$(grep -c '"dct_source"' "$tmp/got-bad.json")" -eq 300 ] \
    || fail "documents were lost"
echo "ok: a malformed line is reported once, the other 300 documents kept"
echo "all Spark checks passed"

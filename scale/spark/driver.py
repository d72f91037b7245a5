"""The timeline of a corpus that Spark reads: `timeline mentions` on every
partition (the map), `timeline merge` on the driver (the reduce).

The map runs in two rounds so that the result is the one `timeline
extract` gives in one process. Documents without a DCT infer it partly
from the events that every dated document of the run reports, and one
partition sees only its own. So round 1 runs `timeline mentions --only
dated` on every partition; its mention lines are the known events of
round 2, `timeline mentions --only undated --known LINES`, on the
documents that may lack a DCT (those with no JSON `dct`; none at all
when --dct is given). `timeline merge` then reads both rounds' lines; it
does not depend on their order.

The reduce is `timeline merge` on the driver (`--merge single`, the
default), or the same merge partitioned by block (`--merge partitioned`):
`timeline merge --step key` on the mention lines of every partition
splits each document's mentions into block pieces (event type x
quarter), keyed by the partition they go to, their own block's and, as
halo, those of the quarters before and after; Spark routes the pieces by
that key (`partitionBy`), `timeline merge --step cluster` writes the
events of each partition's own block, and `timeline merge --step
assemble` on the driver sorts the events and documents into the
timeline. Both give the same bytes.

A document that cannot be read is reported by the binary on stderr; the
driver collects those lines from every partition and prints them, with
the partition and the record, and the other documents of the partition
are kept. Only a failure of the binary itself (exit status 2, or a
signal) fails the task, so that Spark retries it and never keeps a
partial partition.

    python driver.py INPUT... --binary PATH
                     [--format json|jsonl|timelinejs|vis|html]
                     [-o FILE] [--about NAME]... [--dct YYYY-MM-DD]
                     [--merge single|partitioned] [--merge-partitions N]
                     [--master local[2]] [--partitions N] [--work DIR]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from typing import Iterable, Iterator

# The exit statuses of `timeline mentions`: 1 means that some documents
# could not be read and the others were done.
SOME_FAILED = 1


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description="The timeline of a corpus, with Spark."
    )
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="paths Spark reads (local, hdfs://, s3a:// ...; globs allowed)",
    )
    p.add_argument(
        "--input-format",
        choices=["jsonl", "txt"],
        default="jsonl",
        help="jsonl: one document {id, text, title?, dct?, url?} per line; "
        "txt: one article per .txt file (id = file stem, title = first "
        "non-empty line), as `timeline` reads a .txt",
    )
    p.add_argument(
        "--binary",
        default="timeline",
        help="the timeline binary: a path, a name shipped with "
        "--files (found with SparkFiles), or a name on the workers' PATH",
    )
    p.add_argument("--format", default="json",
                   choices=["json", "jsonl", "timelinejs", "vis", "html"])
    p.add_argument(
        "--merge",
        choices=["single", "partitioned"],
        default="single",
        help="single: one `timeline merge` on the driver; partitioned: "
        "the merge spread over the executors by block (event type x "
        "quarter), assembled on the driver (the same bytes)",
    )
    p.add_argument("--merge-partitions", type=int,
                   help="partitions of the partitioned merge "
                   "(default: Spark's default parallelism)")
    p.add_argument("-o", "--output", help="write the timeline to FILE")
    p.add_argument("--about", action="append", default=[], metavar="NAME")
    p.add_argument("--dct", metavar="YYYY-MM-DD",
                   help="one DCT for every document")
    p.add_argument("--master",
                   help="Spark master (default: spark-submit's, else local[*])")
    p.add_argument("--partitions", type=int,
                   help="minimum number of input partitions")
    p.add_argument("--threads", type=int, default=1,
                   help="threads of each `timeline mentions` process "
                   "(default 1: Spark runs one task per core)")
    p.add_argument(
        "--work",
        help="where the mention lines go (a directory Spark writes; "
        "default: a temporary local directory, removed at the end)",
    )
    return p.parse_args(argv)


# ---------------------------------------------------------------------------
# Finding the binary, on the driver and on the executors.


def resolve_binary(name: str) -> str:
    """A path to the binary: shipped with --files / addFile, a path, or a
    command on PATH."""
    try:
        from pyspark import SparkFiles

        shipped = SparkFiles.get(os.path.basename(name))
        if os.path.isfile(shipped):
            # --files does not keep the executable bit.
            mode = os.stat(shipped).st_mode
            if not mode & stat.S_IXUSR:
                os.chmod(shipped, mode | stat.S_IXUSR)
            return shipped
    except Exception:  # no SparkContext here, or nothing shipped
        pass
    if os.path.isfile(name):
        # A path, or a file localised into the working directory (the
        # driver of YARN's cluster mode gets --files there).
        return os.path.abspath(name)
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"timeline binary not found: {name}")
    return found


# ---------------------------------------------------------------------------
# The map: the binary on one partition.


def txt_document(path: str, data: bytes) -> str:
    """A .txt file as the JSON line `timeline` would make of it; raises
    ValueError for what `timeline` refuses (not UTF-8, empty)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    text = data.decode("utf-8")  # UnicodeDecodeError is a ValueError
    if not text.strip():
        raise ValueError("empty")
    # Rust's str::lines ends a line at "\n" and drops a "\r" before it;
    # the title is then trimmed, so the "\r" would go anyway.
    title = next((l.strip() for l in text.split("\n") if l.strip()), None)
    name = path.rstrip("/").rsplit("/", 1)[-1]
    stem = name[: name.rindex(".")] if "." in name[1:] else name
    doc = {"id": stem, "text": text}
    if title is not None:
        doc["title"] = title
    return json.dumps(doc, ensure_ascii=False)


def run_binary(
    command: list[str], records: Iterable[str], errors, where: str,
    tolerated: tuple[int, ...] = (0, SOME_FAILED),
) -> Iterator[str]:
    """Runs `command` with `records` as JSON Lines on stdin and yields its
    stdout lines. Its stderr lines (the documents it could not read) go
    to the `errors` accumulator, prefixed with `where`. An exit status
    not in `tolerated` fails the task."""
    # `timeline` skips blank lines, and calls an input without any line
    # empty: a partition without a document is not run at all.
    records = (r for r in records if r.strip())
    first = next(records, None)
    if first is None:
        return
    records = itertools.chain([first], records)
    binary = resolve_binary(command[0])
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            [binary, *command[1:]],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=err,
        )

        def feed() -> None:
            # The records are written while the output is read, or a
            # large partition would fill both pipes and stop.
            try:
                for record in records:
                    proc.stdin.write(record.encode("utf-8"))
                    proc.stdin.write(b"\n")
                proc.stdin.close()
            except BrokenPipeError:
                pass

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        for line in proc.stdout:
            yield line.decode("utf-8").rstrip("\n")
        writer.join()
        status = proc.wait()
        err.seek(0)
        report = err.read().decode("utf-8", "replace").splitlines()
    problems = [l for l in report if l.startswith("error:")]
    if status not in tolerated:
        # The binary itself failed: fail the task (Spark retries it)
        # rather than keep a partial partition.
        raise RuntimeError(
            f"{where}: {' '.join(command)} exited with {status}: "
            + " | ".join(report[-5:])
        )
    if problems:
        errors.add([f"{where}: {p}" for p in problems])


class ListParam:
    """An accumulator of lists (error lines from the executors)."""

    def zero(self, value):
        return []

    def addInPlace(self, a, b):
        a.extend(b)
        return a


def mentions_of(rdd, command: list[str], errors):
    """The mention lines of the documents of `rdd` (JSON lines), one
    process per partition."""

    def part(index: int, records: Iterator[str]) -> Iterator[str]:
        where = f"partition {index}"
        return run_binary(command, records, errors, where)

    return rdd.mapPartitionsWithIndex(part)


def may_be_undated(record: str) -> bool:
    """Whether a document line may lack a DCT: it gives none (its text
    may still state one; the binary decides). A line that is not a JSON
    object was reported in round 1 already."""
    try:
        doc = json.loads(record)
    except ValueError:
        return False
    return isinstance(doc, dict) and doc.get("dct") is None


# ---------------------------------------------------------------------------
# The driver.


def is_local(path: str) -> bool:
    return "://" not in path or path.startswith("file://")


def local_path(path: str) -> str:
    return path[len("file://"):] if path.startswith("file://") else path


def fetch(sc, path: str, target: str) -> str:
    """The text files at Spark path `path`, as one local file."""
    with open(target, "w", encoding="utf-8") as out:
        for line in sc.textFile(path).toLocalIterator():
            out.write(line)
            out.write("\n")
    return target


def block_partition(key: str) -> int:
    """The partition of a block key: a hash that is the same in every
    Python process (unlike `hash` of a str)."""
    return zlib.crc32(key.encode("utf-8"))


def merge_by_block(sc, args, work: str, parts: list[str]) -> list[str]:
    """The partitioned merge up to its last step: the directories of the
    document lines and of the events, for `timeline merge --step
    assemble`."""
    binary = args.binary
    # Lines that fail to read here are ours, not the user's: any failure
    # fails the task.
    fatal = sc.accumulator([], ListParam())

    def step(name: str):
        command = [binary, "merge", "-", "--step", name, "--quiet",
                   "--strict"]

        def part(index: int, records: Iterator[str]) -> Iterator[str]:
            where = f"merge --step {name}, partition {index}"
            return run_binary(command, records, fatal, where, (0,))

        return part

    from pyspark import StorageLevel

    keyed = sc.textFile(",".join(parts)).mapPartitionsWithIndex(step("key"))
    keyed.persist(StorageLevel.MEMORY_AND_DISK)
    documents_dir = work.rstrip("/") + "/documents"
    events_dir = work.rstrip("/") + "/events"
    # A document line goes straight to the assembly; a block piece to
    # the partition of the block its key names.
    keyed.filter(lambda line: line.startswith("document\t")) \
        .saveAsTextFile(documents_dir)
    pieces = keyed.filter(lambda line: not line.startswith("document\t")) \
        .map(lambda line: (line[: line.index("\t")], line))
    n = args.merge_partitions or sc.defaultParallelism
    pieces.partitionBy(n, block_partition).values() \
        .mapPartitionsWithIndex(step("cluster")) \
        .saveAsTextFile(events_dir)
    keyed.unpersist()
    return [documents_dir, events_dir]


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("timeline")
    master = args.master
    if master is None and "PYSPARK_GATEWAY_PORT" not in os.environ:
        # Run with plain `python`, not spark-submit: Spark on this box.
        master = "local[*]"
    if master:
        builder = builder.master(master)
    if master and master.startswith("local"):
        # No network needed, nor a UI to serve.
        builder = (
            builder.config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
        )
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("ERROR")

    scratch = tempfile.mkdtemp(prefix="timeline-spark-")
    work = args.work or scratch
    try:
        return run(sc, args, work, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        spark.stop()


def run(sc, args, work: str, scratch: str) -> int:
    inputs = ",".join(args.inputs)
    errors = sc.accumulator([], ListParam())
    if args.input_format == "txt":
        files = sc.binaryFiles(inputs, minPartitions=args.partitions or 0)

        def to_line(pair):
            path, data = pair
            try:
                return [("ok", txt_document(path, bytes(data)))]
            except ValueError as e:
                return [("bad", f"error: {path}: {e}")]

        converted = files.flatMap(to_line)

        def keep(pair):
            kind, value = pair
            if kind == "bad":
                errors.add([value])
                return []
            return [value]

        docs = converted.flatMap(keep)
    else:
        docs = sc.textFile(inputs, minPartitions=args.partitions)

    common = ["mentions", "-", "--quiet", "--threads", str(args.threads)]
    if args.dct:
        common += ["--dct", args.dct]
    binary = args.binary

    clock = time.monotonic()
    phases = []
    # Round 1: the dated documents.
    dated_dir = work.rstrip("/") + "/dated"
    mentions_of(docs, [binary, *common, "--only", "dated"], errors) \
        .saveAsTextFile(dated_dir)
    round1_errors = sorted(set(errors.value))
    phases.append(("round 1", time.monotonic() - clock))
    parts = [dated_dir]

    # Round 2: the others, with the events of all dated ones.
    if not args.dct:
        if is_local(dated_dir):
            known = local_path(dated_dir)
        else:
            known = fetch(sc, dated_dir, os.path.join(scratch, "known.jsonl"))
            sc.addFile(known)
            known = os.path.basename(known)
        undated_dir = work.rstrip("/") + "/undated"
        command = [binary, *common, "--only", "undated", "--known", known]
        # Read errors of round 2 repeat those of round 1 (same input).
        ignored = sc.accumulator([], ListParam())
        shipped = not is_local(dated_dir)

        def part(index: int, records: Iterator[str]) -> Iterator[str]:
            cmd = list(command)
            if shipped:
                from pyspark import SparkFiles

                cmd[-1] = SparkFiles.get(cmd[-1])
            return run_binary(cmd, records, ignored, f"partition {index}")

        docs.filter(may_be_undated).mapPartitionsWithIndex(part) \
            .saveAsTextFile(undated_dir)
        parts.append(undated_dir)
        phases.append(("round 2", time.monotonic() - clock))

    for line in round1_errors:
        print(line, file=sys.stderr)

    # The reduce: on the driver, or by block on the executors and then
    # assembled on the driver.
    if args.merge == "partitioned":
        parts = merge_by_block(sc, args, work, parts)
        phases.append(("key and cluster", time.monotonic() - clock))
    if all(is_local(p) for p in parts):
        lines = [local_path(p) for p in parts]
    else:
        lines = [
            fetch(sc, p, os.path.join(scratch, f"part-{i}.jsonl"))
            for i, p in enumerate(parts)
        ]
    merge = [resolve_binary(binary), "merge", *lines, "--quiet",
             "--format", args.format]
    if args.merge == "partitioned":
        merge += ["--step", "assemble"]
    for name in args.about:
        merge += ["--about", name]
    if args.output:
        merge += ["-o", args.output]
    status = subprocess.run(merge).returncode
    phases.append((
        "assemble" if args.merge == "partitioned" else "merge",
        time.monotonic() - clock,
    ))
    print(
        f"timeline-spark: {len(round1_errors)} "
        f"{'document' if len(round1_errors) == 1 else 'documents'} "
        "could not be read; done after "
        + ", ".join(f"{name} {t:.1f} s" for name, t in phases),
        file=sys.stderr,
    )
    if status != 0:
        return 2
    return 1 if round1_errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Writes a test corpus as JSON Lines: the articles of a folder of .txt
files (the example corpus) and variations of them, each with its own id.

A variation moves the story to another town and, for some, to another
year (its DCT moved by whole weeks of 52, so weekdays still agree with
dates); a third of them get a JSON `dct`, the others keep what their
text states or nothing, so the run has dated and undated documents of
several years, and undated documents whose DCT can only be inferred from
the dated ones of other partitions.

    python gen_corpus.py FOLDER COUNT > corpus.jsonl
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys

TOWNS = ["Khan Sheikhoun", "Idlib", "Homs", "Aleppo", "Hama"]
# The day after the example articles' last events.
BASE_DCT = dt.date(2017, 4, 13)


def articles(folder: str) -> list[tuple[str, str]]:
    out = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".txt"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                out.append((name[: -len(".txt")], f.read()))
    return out


def main(folder: str, count: int) -> None:
    sources = articles(folder)
    for k in range(count):
        stem, text = sources[k % len(sources)]
        town = TOWNS[(k // len(sources)) % len(TOWNS)]
        years = (k // (len(sources) * len(TOWNS))) % 3
        if town != TOWNS[0]:
            text = text.replace(TOWNS[0], town)
        if years:
            text = text.replace("2017", str(2017 + years))
        title = next((l.strip() for l in text.split("\n") if l.strip()), None)
        doc = {"id": f"g{k:04d}-{stem}", "text": text}
        if title:
            doc["title"] = title
        if k % 3 == 0:
            day = BASE_DCT + dt.timedelta(days=364 * years + k % 2)
            doc["dct"] = day.isoformat()
        sys.stdout.write(json.dumps(doc, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))

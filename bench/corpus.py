#!/usr/bin/env python3
"""Builds a benchmark corpus in JSON Lines from news articles.

Inputs are directories or files: .txt (the whole file is the text, the
first non-empty line the title) and .tml (TimeML: the character content
of TEXT, and the CREATION_TIME as dct). The articles are repeated in a
shuffled order (fixed seed) until the corpus reaches the size asked for;
each copy gets a unique id.

usage: corpus.py SIZE_MB OUT.jsonl INPUT...
"""

import json
import os
import random
import sys
import xml.etree.ElementTree as ET


def articles(path):
    if os.path.isdir(path):
        for root, _, files in sorted(os.walk(path)):
            for name in sorted(files):
                yield from articles(os.path.join(root, name))
        return
    stem = os.path.splitext(os.path.basename(path))[0]
    if path.endswith(".txt"):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        title = next((l.strip() for l in text.splitlines() if l.strip()), None)
        yield {"id": stem, "title": title, "text": text}
    elif path.endswith(".tml"):
        root = ET.parse(path).getroot()
        text = "".join(root.find(".//TEXT").itertext())
        doc = {"id": stem, "text": text}
        for timex in root.iter("TIMEX3"):
            if timex.get("functionInDocument") == "CREATION_TIME":
                doc["dct"] = timex.get("value", "")[:10]
                break
        yield doc


def main():
    size_mb, out, inputs = float(sys.argv[1]), sys.argv[2], sys.argv[3:]
    docs = [a for path in inputs for a in articles(path)]
    if not docs:
        sys.exit("corpus.py: no article found in " + " ".join(inputs))
    rng = random.Random(2017)
    want = int(size_mb * 1e6)
    written = copy = 0
    with open(out, "w", encoding="utf-8") as f:
        while written < want:
            rng.shuffle(docs)
            for doc in docs:
                line = json.dumps(
                    dict(doc, id=f"{doc['id']}-{copy}"), ensure_ascii=False
                )
                f.write(line + "\n")
                written += len(doc["text"].encode("utf-8"))
                if written >= want:
                    break
            copy += 1


if __name__ == "__main__":
    main()

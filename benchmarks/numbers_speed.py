"""Throughput of the number grammar and its attachment, on news text.

    PYTHONPATH=src:tests python3 benchmarks/numbers_speed.py [--rounds 30]

Two inputs, each article run as its own text (what the pipeline does):

* news    the clean text of the four seed articles (the pipeline's output);
* dense   the sentences of tests/data/numbers_cases.tsv joined into
          paragraphs: almost every clause holds a quantity, a worst case.

For each input it prints MB/s (UTF-8 input, per core: CPU time of this
process, so other load on the machine does not skew it) of
``find_numbers`` alone (masking, matching, reading values; the date spans
are found once beforehand and not counted), of the attachment (metric,
subject, period, with the article's entities it reads subjects from), and of
the whole extract stage (dates, events, numbers,
attachment) for comparison.  The first round warms the lazy loaders and is
not counted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path

from zhextract.extract import extract
from zhextract.extract.attach import attach
from zhextract.extract.dates import find_dates
from zhextract.extract.entities import find_entities
from zhextract.extract.events import build_events
from zhextract.extract.numbers import find_numbers
from zhextract.extract.text import TextIndex
from zhextract.gazetteer import load_gazetteer

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = dt.date(2022, 3, 4)


def news() -> list[str]:
    from helpers import SEEDS, process

    return [process(p.read_text(encoding="utf-8"), p.stem)["text"] for p in SEEDS]


def dense() -> list[str]:
    rows = (ROOT / "tests" / "data" / "numbers_cases.tsv").read_text(encoding="utf-8").splitlines()
    sentences = list(dict.fromkeys(r.split("\t")[0] for r in rows if r.strip() and not r.startswith("#")))
    paragraphs = ["".join(sentences[i:i + 6]) for i in range(0, len(sentences), 6)]
    return ["\n".join(paragraphs[i:i + 8]) for i in range(0, len(paragraphs), 8)]


def rate(texts: list[str], run: Callable[[int], object], rounds: int) -> float:
    """MB/s of ``run(i)`` over every text, ``rounds`` times after one warm-up round."""
    size = sum(len(t.encode("utf-8")) for t in texts)
    for i in range(len(texts)):
        run(i)
    start = time.process_time()  # CPU time of this process: MB/s per core, whatever else runs
    for _ in range(rounds):
        for i in range(len(texts)):
            run(i)
    return size * rounds / (time.process_time() - start) / 1e6


def report(name: str, texts: list[str], rounds: int) -> None:
    gaz = load_gazetteer()
    indexes = [TextIndex.of(t) for t in texts]
    mentions = [find_dates(t, REFERENCE, ix) for t, ix in zip(texts, indexes)]
    claimed = [[(m.pos, m.endpos) for m in ms] for ms in mentions]
    events = [build_events(t, ms, gaz, ix) for t, ms, ix in zip(texts, mentions, indexes)]
    found = [find_numbers(t, c) for t, c in zip(texts, claimed)]
    size = sum(len(t.encode("utf-8")) for t in texts)
    print(f"{name}: {len(texts)} texts, {size / 1000:.1f} kB, {sum(map(len, found))} quantities")

    def grammar(i: int) -> object:
        return find_numbers(texts[i], claimed[i])

    def attaching(i: int) -> object:
        # the article's entities are what a number's subject is read from (found here as attach needs them)
        return attach(texts[i], find_numbers(texts[i], claimed[i]), mentions[i], events[i],
                      find_entities(texts[i], gaz), indexes[i])

    def whole(i: int) -> object:
        return extract(texts[i], REFERENCE, gaz)

    print(f"  find_numbers             {rate(texts, grammar, rounds):8.2f} MB/s")
    print(f"  find_numbers + attach    {rate(texts, attaching, rounds):8.2f} MB/s")
    print(f"  whole extract stage      {rate(texts, whole, max(1, rounds // 3)):8.2f} MB/s"
          "  (dates, events, numbers, attachment)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    report("news", news(), args.rounds)
    report("dense", dense(), args.rounds)


if __name__ == "__main__":
    main()

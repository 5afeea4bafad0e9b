"""Speed of date extraction on news text: the four seeds' clean text, repeated.

    PYTHONPATH=src python benchmarks/dates_speed.py [--mb 2] [--repeat 5]

Prints MB/s per core (UTF-8 bytes of clean text per CPU second, best of ``--repeat`` runs)
for the grammar scan alone, for ``find_dates`` with its text index (what the
extract stage runs), for the events built on top (trigger lexicon; jieba
only where the lexicon finds nothing), and for the reference inference
(run only for articles without a date).  The seeds are dense in dates (one
mention per ~120 characters), so this is a pessimistic measure for news.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from zhextract.extract.dates import find_dates, infer_reference, scan  # noqa: E402
from zhextract.extract.events import build_events  # noqa: E402
from zhextract.extract.text import TextIndex  # noqa: E402
from zhextract.gazetteer import load_gazetteer  # noqa: E402


def clean_seeds() -> str:
    """The seeds after normalize/strip/repair (their raw text if the pipeline cannot run)."""
    texts = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        raw = path.read_text(encoding="utf-8", errors="replace")
        try:
            from zhextract.pipeline import process_text
            from zhextract.step import Context

            texts.append(process_text(raw, path.stem, Context()).text)
        except Exception as exc:  # another stage being rebuilt: measure on the raw text
            print(f"(pipeline unavailable: {exc}; using raw text)", file=sys.stderr)
            texts.append(raw)
    return "\n".join(texts)


def best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Best CPU time of ``repeat`` runs: MB/s per core, whatever else the machine is doing."""
    times, result = [], None
    for _ in range(repeat):
        t0 = time.process_time()
        result = fn()
        times.append(time.process_time() - t0)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=2.0, help="size of the benchmark text in MB")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    seeds = clean_seeds()
    copies = max(1, round(args.mb * 1e6 / len(seeds.encode("utf-8"))))
    text = "\n".join([seeds] * copies)
    mb = len(text.encode("utf-8")) / 1e6
    reference = dt.date(2022, 3, 4)
    gaz = load_gazetteer()
    find_dates("2020年10月9日", reference)  # compile the grammar outside the timing
    build_events("2020年，快手上线。", find_dates("2020年，快手上线。", reference), gaz, TextIndex.of("x"))

    t_scan, matches = best(lambda: scan(text), args.repeat)
    t_dates, mentions = best(lambda: find_dates(text, reference, TextIndex.of(text)), args.repeat)

    def events() -> list[dict[str, Any]]:
        index = TextIndex.of(text)
        return build_events(text, find_dates(text, reference, index), gaz, index)

    t_events, evs = best(events, max(1, args.repeat // 2))
    t_infer, _ = best(lambda: infer_reference(text), max(1, args.repeat // 2))
    print(f"text: {mb:.2f} MB ({copies} x the 4 seeds), {len(mentions)} date mentions, {len(evs)} events")
    print(f"scan (grammar only)        {mb / t_scan:6.1f} MB/s  ({len(matches)} matches)")
    print(f"find_dates (+index, years) {mb / t_dates:6.1f} MB/s")
    print(f"find_dates + events        {mb / t_events:6.1f} MB/s")
    print(f"infer_reference            {mb / t_infer:6.1f} MB/s  (only for articles with no date)")


if __name__ == "__main__":
    main()

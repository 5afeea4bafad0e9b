"""Throughput of the normalize stage alone, on Simplified and on Traditional text.

    PYTHONPATH=src python3 benchmarks/normalize_speed.py [--rounds 30]

Simplified: the Simplified seed articles (corpus/000, 001, 003), noisy as
scraped (ASCII commas everywhere: about 200 edits per article).  Simplified,
clean: the same articles once normalized, i.e. what a tidy site publishes;
this measures what the stage costs when it has nothing to do.  Traditional:
seed 002 plus the Simplified seeds converted with OpenCC s2t, the way reprint
sites publish them.  Each round runs the stage over every article as its own
document (what the pipeline does); the first round warms the lazy loaders
(OpenCC tables, pypinyin) and is not counted; the cache of converted pieces
is emptied before each round.  Prints MB/s of UTF-8 input per
core, per rule as well, so a slow rule shows itself.  Times are CPU time of
this process (``time.process_time``), so other work on the machine disturbs
the figures less than wall-clock time would.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

import opencc

from zhextract.document import Document
from zhextract.opencc_loader import clear_cache
from zhextract.stages import normalize
from zhextract.step import Context

ROOT = Path(__file__).resolve().parent.parent
SIMPLIFIED = ["000", "001", "003"]


def corpora() -> dict[str, list[str]]:
    seeds = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))}
    s2t = opencc.OpenCC("s2t")
    simplified = [seeds[k] for k in SIMPLIFIED]
    traditional = [seeds["002"]] + [s2t.convert(t) for t in simplified]
    clean = [_normalize(t) for t in simplified]
    return {"simplified": simplified, "simplified, clean": clean, "traditional": traditional}


def _normalize(text: str) -> str:
    doc = Document("bench", text)
    for step in normalize.STEPS:
        doc.apply(step.stage, step.name, step.rule(doc, Context()))
    return doc.text


def measure(texts: list[str], rounds: int) -> tuple[float, Counter[str]]:
    """MB/s over ``rounds`` passes, and seconds spent per rule."""
    ctx = Context()
    per_rule: Counter[str] = Counter()
    size = sum(len(t.encode("utf-8")) for t in texts)
    elapsed = 0.0
    for r in range(rounds + 1):
        clear_cache()  # every round converts its Traditional text afresh
        for text in texts:
            doc = Document("bench", text)
            for step in normalize.STEPS:
                t0 = time.process_time()
                doc.apply(step.stage, step.name, step.rule(doc, ctx))
                dt = time.process_time() - t0
                if r:
                    per_rule[step.name] += dt
                    elapsed += dt
    return size * rounds / elapsed / 1e6, per_rule


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    for name, texts in corpora().items():
        mb_s, per_rule = measure(texts, args.rounds)
        total = sum(per_rule.values())
        size_kb = sum(len(t.encode("utf-8")) for t in texts) / 1024
        print(f"{name}: {mb_s:.1f} MB/s ({len(texts)} articles, {size_kb:.0f} KB, {args.rounds} rounds)")
        for rule, seconds in per_rule.most_common():
            print(f"    {rule:22s} {100 * seconds / total:5.1f}%")


if __name__ == "__main__":
    main()

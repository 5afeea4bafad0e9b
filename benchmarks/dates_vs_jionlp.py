"""Score JioNLP's time extraction on our hand-resolved case table (optional; JioNLP is not a dependency).

    pip install jionlp   # in a separate environment
    PYTHONPATH=src python benchmarks/dates_vs_jionlp.py

For each row of tests/data/dates_cases.tsv JioNLP reads the whole context
(``jio.ner.extract_time`` with the row's reference date as ``time_base``);
the entity covering the expression is compared with the hand-written start
and end at day resolution (only the known side for open-ended rows).  Trap
rows (start = NONE) count as right when JioNLP finds no time over the
expression.  Rows JioNLP cannot even run on count as wrong.  Some
disagreements are conventions rather than errors (JioNLP reads 8月初 as days
1-5 and 年底 as November-December; we use ten-day parts and the fourth
quarter); the report lists every disagreement so they can be read.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

try:
    import jionlp as jio
except ImportError:
    sys.exit("jionlp is not installed (pip install jionlp); nothing to compare")

import datetime as dt  # noqa: E402

from zhextract.extract.dates import find_dates  # noqa: E402


def rows() -> list[list[str]]:
    out = []
    for line in (ROOT / "tests" / "data" / "dates_cases.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append([c.replace("\\n", "\n") for c in line.split("\t")])
    return out


def day(value: object) -> str | None:
    return None if value in (None, "inf", "-inf") else str(value)[:10]


def jionlp_span(text: str, expr: str, base: float) -> tuple[str | None, str | None] | None:
    """JioNLP's (start, end) for the entity over ``expr``; None when it finds none."""
    at = text.index(expr)
    try:
        entities = jio.ner.extract_time(text, time_base=base, with_parsing=True)
    except Exception:
        return None
    for ent in entities:
        lo, hi = ent["offset"]
        if lo < at + len(expr) and at < hi:
            times = ent.get("detail", {}).get("time")
            if isinstance(times, list) and times:  # a point or span; durations and periods come as dicts
                return day(times[0]), day(times[-1])
            return None, None
    return None


def right(got: tuple[str | None, str | None] | None, start: str, end: str, flags: str) -> bool:
    if got is None:
        return False
    want = (None if start == "-" else start[:10], None if end == "-" else end[:10])
    if "open=end" in flags:
        return got[0] == want[0]
    if "open=start" in flags:
        return got[1] == want[1]
    return got == want


def main() -> None:
    ours = theirs = total = traps = ours_traps = their_traps = 0
    disagreements = []
    for text, expr, ref, start, end, _precision, basis, flags in rows():
        reference = dt.date.fromisoformat(ref) if ref != "-" else dt.date(2022, 3, 4)
        base = time.mktime(reference.timetuple())
        mentions = find_dates(text, reference if ref != "-" else None)
        if start == "NONE":
            traps += 1
            at = text.index(expr)
            ours_traps += not any(m.pos < at + len(expr) and at < m.endpos for m in mentions)
            their_traps += jionlp_span(text, expr, base) is None
            continue
        if basis == "unresolved":
            continue
        total += 1
        mine = next(((m.start, m.end) for m in mentions if m.text == expr), None)
        ours += right(None if mine is None else (day(mine[0]), day(mine[1])), start, end, flags)
        got = jionlp_span(text, expr, base)
        ok = right(got, start, end, flags)
        theirs += ok
        if not ok:
            disagreements.append(f"{expr:<24} {basis:<10} want {start[:10]}..{end[:10]}  jionlp {got}")
    print(f"dated rows, right at day resolution: zhextract {ours}/{total}, JioNLP {theirs}/{total}")
    print(f"traps left alone:                    zhextract {ours_traps}/{traps}, JioNLP {their_traps}/{traps}")
    print("\nJioNLP disagreements:")
    print("\n".join(disagreements))


if __name__ == "__main__":
    main()

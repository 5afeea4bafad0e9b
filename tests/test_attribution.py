"""Who did it and whose figure it is, on tests/data/attribution_cases.tsv (sentences of 17 fields of news).

Each sentence of the table is extracted on its own; each row names one event
or quantity and what must be attached to it (the header of the table gives
the conventions and the matching rules, implemented here).  Two kinds of test:

* per field, the share of rows the extraction gets right must stay at or
  above the rate reached when this was written (``FLOORS``): a change that
  makes the whole worse fails even when it fixes some rows;
* per row and field, a test that the row is right, except the misses known
  today, listed in tests/data/attribution_known_misses.tsv with their reason:
  those are expected to fail (strict: a known miss that starts to pass fails
  too, so that the list is kept true).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from functools import cache
from typing import Any, NamedTuple

import pytest

from helpers import DATA
from zhextract.extract import extract_all
from zhextract.extract.metrics import heads
from zhextract.gazetteer import load_gazetteer

REFERENCE = dt.date(2025, 6, 30)  # the table's relative dates (今年, 去年) are read against a date of its time
FIELDS = ("found", "who", "metric", "period", "change")
# The rates reached by the rules of extract/ today, per field (right / checked), rounded down: raise them as they rise.
FLOORS = {"found": 0.99, "who": 0.9, "metric": 0.87, "period": 0.93, "change": 0.99}


class Case(NamedTuple):
    line: int
    industry: str
    sentence: str
    kind: str
    text: str
    who: str
    metric: str
    period: str
    change: str


def _cases() -> list[Case]:
    out = []
    for n, line in enumerate((DATA / "attribution_cases.tsv").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 8:
            raise ValueError(f"attribution_cases.tsv:{n}: expected 8 columns, found {len(cells)}")
        out.append(Case(n, *cells))
    return out


CASES = _cases()


@cache
def _extraction(sentence: str) -> Any:
    return extract_all(sentence, REFERENCE, load_gazetteer())


def _item(case: Case) -> dict[str, Any] | None:
    """The event or quantity whose span overlaps the one occurrence of the row's text."""
    at = case.sentence.index(case.text)
    found = _extraction(case.sentence)
    records = found.events if case.kind == "event" else found.numbers
    for r in records:
        s, e = r["span"]
        if s < at + len(case.text) and at < e:
            return r
    return None


def _alternatives(cell: str) -> list[str]:
    return [a.strip() for a in cell.split("|") if a.strip()]


def _who_right(case: Case, item: dict[str, Any]) -> bool:
    got = item["actors"] if case.kind == "event" else ([item["subject"]] if item["subject"] else [])
    if case.who == "-":
        return got == []
    entities = [_alternatives(e) for e in case.who.split(" + ")]
    if not all(any(name in got for name in names) for names in entities):
        return False
    # for events, no actor may be left that is none of the listed entities (an object is no actor)
    return case.kind == "number" or all(any(a in names for names in entities) for a in got)


def _group_of(metric: str) -> str | None:
    """The synonym group of a metric written as one of data/metrics.tsv's heads."""
    found = heads().find(metric, 0, len(metric))
    whole = [w for w in found if w[0] == 0 and w[1] == len(metric)]
    return whole[0][2] if whole else None


def _metric_right(case: Case, item: dict[str, Any]) -> bool:
    got = item["metric"]
    if case.metric == "-":
        return got is None
    if got is None:
        return False
    wanted = _alternatives(case.metric)
    if got in wanted:
        return True
    group = _group_of(got)
    return group is not None and any(_group_of(w) == group for w in wanted)


def _period_right(case: Case, item: dict[str, Any]) -> bool:
    got = item["period"]["text"] if item["period"] else None
    if case.period == "-":
        return got is None
    return got is not None and any(a in got or got in a for a in _alternatives(case.period))


def _change_right(case: Case, item: dict[str, Any]) -> bool:
    got = item["change"]
    return got is None if case.change == "-" else got in _alternatives(case.change)


def verdicts(case: Case) -> dict[str, bool | None]:
    """Per field: right, wrong, or None when the field is not checked for this row."""
    item = _item(case)
    out: dict[str, bool | None] = dict.fromkeys(FIELDS)
    out["found"] = item is not None
    if item is None:
        return out
    out["who"] = _who_right(case, item)
    if case.kind == "number":
        out["metric"] = _metric_right(case, item)
        out["period"] = _period_right(case, item)
        out["change"] = _change_right(case, item)
    return out


@cache
def _known_misses() -> dict[tuple[int, str], str]:
    """(line of attribution_cases.tsv, field) -> why the extraction misses it today."""
    out = {}
    path = DATA / "attribution_known_misses.tsv"
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 3 or cells[1] not in FIELDS or not cells[2].strip():
            raise ValueError(f"attribution_known_misses.tsv:{n}: expected <line> TAB <field> TAB <reason>")
        out[(int(cells[0]), cells[1])] = cells[2]
    return out


def rates() -> dict[str, tuple[int, int]]:
    """Per field: (right, checked)."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for case in CASES:
        for field, ok in verdicts(case).items():
            if ok is not None:
                counts[field][0] += ok
                counts[field][1] += 1
    return {f: (counts[f][0], counts[f][1]) for f in FIELDS}


def test_the_table_covers_what_the_issue_asks() -> None:
    assert len({c.sentence for c in CASES}) >= 200
    assert len({c.industry for c in CASES}) >= 12
    assert all(c.sentence.count(c.text) == 1 for c in CASES), "each row's text occurs once in its sentence"


def test_rates_per_field_stay_at_or_above_the_floors() -> None:
    got = rates()
    low = {f: f"{r}/{n} = {r / n:.1%} < {FLOORS[f]:.1%}" for f, (r, n) in got.items() if n and r / n < FLOORS[f]}
    assert not low, low


def _row_params() -> list[Any]:
    """One test per row and field it checks; a row whose item is not found has only its "found" test."""
    params = []
    for case in CASES:
        for field, ok in verdicts(case).items():
            if ok is None:
                continue
            reason = _known_misses().get((case.line, field))
            marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
            params.append(pytest.param(case, field, id=f"L{case.line}-{field}", marks=marks))
    return params


@pytest.mark.parametrize(("case", "field"), _row_params())
def test_row(case: Case, field: str) -> None:
    assert verdicts(case)[field], _explain(case, field)


def _explain(case: Case, field: str) -> str:
    item = _item(case)
    if item is None:
        return f"{case.text!r} not found in {case.sentence}"
    got = {"who": item.get("actors", item.get("subject")), "metric": item.get("metric"),
           "period": (item.get("period") or {}).get("text"), "change": item.get("change")}.get(field)
    want = {"who": case.who, "metric": case.metric, "period": case.period, "change": case.change}.get(field)
    return f"{field}: got {got!r}, want {want!r} in {case.sentence}"

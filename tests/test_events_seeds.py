"""The seeds' events: every dated expression of the four articles, with its resolution checked by hand.

tests/data/dates_seeds.tsv lists each seed's events in text order; the full
pipeline must produce exactly those (a missing date, an extra one or a wrong
year fails).  The seeds without a published date exercise the reference
inference: the expected years are those of the stories, not of today.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from helpers import DATA, SEEDS, process
from zhextract.schemas import errors


@cache
def _article(prefix: str) -> dict[str, Any]:
    path = next(p for p in SEEDS if p.name.startswith(prefix))
    return process(path.read_text(encoding="utf-8"), path.stem)


def _expected() -> dict[str, list[list[str]]]:
    rows: dict[str, list[list[str]]] = {}
    for line in (DATA / "dates_seeds.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            cells = line.split("\t")
            rows.setdefault(cells[0], []).append(cells[1:])
    return rows


def _flags(date: dict[str, Any]) -> str:
    flags = [f"open={date['open']}"] if date.get("open") else []
    if date.get("vague"):
        flags.append("vague")
    return ",".join(flags) or "-"


@pytest.mark.parametrize("seed", ["000", "001", "002", "003"])
def test_seed_events_are_exactly_the_hand_resolved_dates(seed: str) -> None:
    events = _article(seed)["events"]
    got = [["".join(e["date"]["text"].split()), e["date"]["start"] or "-", e["date"]["end"] or "-",
            e["date"]["precision"], e["date"]["basis"], _flags(e["date"])] for e in events]
    want = [row[:6] for row in _expected()[seed]]
    assert got == want


@pytest.mark.parametrize("seed", ["000", "001", "002", "003"])
def test_seed_event_triggers_and_actors(seed: str) -> None:
    events = _article(seed)["events"]
    for event, row in zip(events, _expected()[seed]):
        trigger, actors = row[6], row[7]
        if trigger != "*":
            assert event["trigger"] == trigger, event["sentence"]
        if actors != "*":
            assert set(event["actors"]) == (set(actors.split("|")) if actors != "-" else set()), event["sentence"]


@pytest.mark.parametrize(("seed", "reference", "basis"), [
    ("000", "2021-11-16", "inferred"),  # 去年8月 next to 2020年10月9日 makes it 2021; its last dated day is 11月16日
    ("001", "2022-10-29", "inferred"),  # 今年2月 + 2022年3月1日 in one sentence: 2022; last dated day 10月29日
    ("002", "2022-03-04", "published"),
    ("003", "2022-10-28", "inferred"),
])
def test_seed_reference_dates(seed: str, reference: str, basis: str) -> None:
    meta = _article(seed)["meta"]
    assert (meta["reference_date"], meta["reference_basis"]) == (reference, basis)


@pytest.mark.parametrize("seed", ["000", "001", "002", "003"])
def test_seed_events_follow_the_schema_and_index_the_text(seed: str) -> None:
    article = _article(seed)
    for event in article["events"]:
        assert errors("event", event) == []
        start, end = event["span"]
        assert article["text"][start:end] == event["date"]["text"]
        assert event["date"]["text"] in event["sentence"]

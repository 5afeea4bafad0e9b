"""The corpus timeline: every article's events ordered by date, one entry per reported event.

``build_timeline(rows)`` takes events.jsonl rows (an event record plus its
``article_id``) and returns the timeline.jsonl entries, sorted by date.

**Order.**  By the date's start (its end when it has no start: ``截至…``,
``近日``), then its end, then the coarser precision first (the year 2021 before
a day in it), then article id and position in the article (then trigger,
actors and text, so that no two rows tie): the same rows in any order give
the same timeline.

**Merge rule.**  Several articles often report one event (002, 001 and 003
all say 快手 stopped 淘宝联盟 links from 2022-03-01).  Two events are one
entry when they have

* the same date: the same start, end, precision and openness;
* the same trigger (events without a trigger never merge: nothing says they
  are the same happening);
* at least one actor in common (events without actors never merge);
* and come from different articles: one article mentioning the same date
  twice is two sentences, listed as two sources only through other articles.

The entry keeps the first event's date and trigger (in sort order), the
union of actors in order of first appearance, and every source
``{article_id, span, sentence, text}``.  Dates that could not be resolved
(no start and no end) have no place on a timeline and are left out.

Memory is linear in the number of events (they must all be seen to be
sorted); rows are consumed once from any iterable.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

_PRECISION_ORDER = {p: i for i, p in enumerate(("year", "half", "quarter", "month", "dekad", "week", "day", "time"))}


def _sort_key(row: dict[str, Any]) -> tuple[Any, ...]:
    """A total order: the date, then where it was said, then what was said (rows never tie)."""
    date = row["date"]
    first = date.get("start") or date.get("end") or ""
    last = date.get("end") or date.get("start") or ""
    span = row.get("span") or [0, 0]
    return (first, last, _PRECISION_ORDER.get(date.get("precision", ""), 99), date.get("open") or "",
            str(row.get("article_id", "")), int(span[0]), int(span[1]), row.get("trigger") or "",
            tuple(row.get("actors") or ()), date.get("text") or "", row.get("sentence") or "")


def _date_key(date: dict[str, Any]) -> tuple[Any, ...]:
    return date.get("start"), date.get("end"), date.get("precision"), date.get("open")


def _source(row: dict[str, Any]) -> dict[str, Any]:
    return {"article_id": row.get("article_id"), "span": row.get("span"), "sentence": row.get("sentence"),
            "text": row["date"].get("text")}


def _mergeable(entry: dict[str, Any], row: dict[str, Any]) -> bool:
    if not row.get("trigger") or row["trigger"] != entry["trigger"]:
        return False
    if row.get("article_id") in entry["articles"]:
        return False
    return bool(set(row.get("actors") or ()) & set(entry["actors"]))


def build_timeline(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Timeline entries from events.jsonl rows (see the module docstring for order and merge rule)."""
    dated = [r for r in rows if r.get("date") and (r["date"].get("start") or r["date"].get("end"))]
    dated.sort(key=_sort_key)
    entries: list[dict[str, Any]] = []
    by_date: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for row in dated:
        candidates = by_date.setdefault(_date_key(row["date"]), [])
        for entry in candidates:
            if _mergeable(entry, row):
                entry["articles"].append(row.get("article_id"))
                entry["actors"] = list(dict.fromkeys([*entry["actors"], *(row.get("actors") or [])]))
                entry["sources"].append(_source(row))
                break
        else:
            entry = {
                "date": dict(row["date"]),
                "trigger": row.get("trigger"),
                "actors": list(dict.fromkeys(row.get("actors") or [])),
                "articles": [row.get("article_id")],
                "sources": [_source(row)],
            }
            candidates.append(entry)
            entries.append(entry)
    for entry in entries:
        entry["articles"] = sorted(set(entry["articles"]), key=str)
    return entries

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
* at least one entity in common among their actors and the other entities
  their clauses name (``involved``), by its **root**: an organisation's name
  without the suffixes of ``data/org_suffixes.tsv`` (云帆汽车 and
  云帆汽车有限公司 are 云帆), and a name that starts with another name of the
  same date's events is that one (抖音电商 and 抖音小店 go under 抖音 when
  抖音 is named too), and a name the gazetteer files under another (its
  ``parent`` column: 抖店 -> 抖音电商 -> 抖音 -> 字节跳动, 天猫 -> 阿里巴巴)
  goes under the highest of those that the same date's events name, since
  articles name a company, its businesses and its short name in turn
  (events without entities never merge);
* and come from different articles: one article mentioning the same date
  twice is two sentences, listed as two sources only through other articles.

The entry keeps the first event's date and trigger (in sort order), the
union of actors and of involved entities in order of first appearance, and
every source ``{article_id, span, sentence, text}``.  Dates that could not be resolved
(no start and no end) have no place on a timeline and are left out.

``build_timeline`` sorts in memory; a build sorts on disk in bounded chunks
and streams the sorted rows through ``iter_timeline``, which holds one
date's rows at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from zhextract.extract.org_forms import strip_suffixes

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


def is_dated(row: dict[str, Any]) -> bool:
    """Rows that belong on a timeline: a date with a start or an end."""
    date = row.get("date")
    return bool(date and (date.get("start") or date.get("end")))


def sort_key(row: dict[str, Any]) -> tuple[Any, ...]:
    """The timeline's total order of rows (public for builds that sort on disk)."""
    return _sort_key(row)


def iter_timeline(sorted_rows: Iterable[dict[str, Any]],
                  parents: Mapping[str, str] | None = None) -> Iterator[dict[str, Any]]:
    """Timeline entries from dated rows already in :func:`sort_key` order, streaming.

    Rows merge only within one date, and in sorted order the rows of one date
    are contiguous, so only one date's entries are held at a time.
    ``parents``: the gazetteer's hierarchy (``Gazetteer.parents()``), name -> parent.
    """
    group: list[dict[str, Any]] = []
    current: tuple[Any, ...] | None = None
    for row in sorted_rows:
        key = _date_key(row["date"])
        if key != current and group:
            yield from _merge_group(group, parents)
            group = []
        current = key
        group.append(row)
    if group:
        yield from _merge_group(group, parents)


def _names(row: dict[str, Any]) -> list[str]:
    return list(dict.fromkeys([*(row.get("actors") or []), *(row.get("involved") or [])]))


def roots(names: Iterable[str], parents: Mapping[str, str] | None = None) -> dict[str, str]:
    """Each name's root among ``names`` (see the merge rule): the highest ancestor of the name that is
    among ``names`` too (``parents``: name -> parent), else the name; then without organisation suffixes,
    then the shortest other root it starts with (two characters at least)."""
    names = list(dict.fromkeys(names))
    present = {*names, *map(strip_suffixes, names)}  # 阿里巴巴集团 names 阿里巴巴, the parent of 天猫
    top = {n: _highest_present(n, parents, present) for n in names} if parents else {n: n for n in names}
    stripped = {n: strip_suffixes(t) for n, t in top.items()}
    bases = sorted(set(stripped.values()), key=lambda b: (len(b), b))
    out = {}
    for name, base in stripped.items():
        out[name] = next((b for b in bases if len(b) >= 2 and base.startswith(b)), base)
    return out


def _highest_present(name: str, parents: Mapping[str, str], present: set[str]) -> str:
    """The highest ancestor of ``name`` that is in ``present`` (``name`` itself when none is)."""
    best, seen, node = name, {name}, parents.get(name)
    while node and node not in seen:
        if node in present:
            best = node
        seen.add(node)
        node = parents.get(node)
    return best


def _merge_group(rows: list[dict[str, Any]], parents: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """Merge the rows of one date; each row joins the earliest entry it is mergeable with.

    A merge needs the same trigger and a shared root, so entries are found
    through an index on (trigger, root) instead of trying every entry: one
    date such as 2021 can hold thousands of rows in a large corpus.
    """
    root = roots((n for row in rows for n in _names(row)), parents)
    entries: list[dict[str, Any]] = []
    seen_articles: list[set[Any]] = []
    index: dict[tuple[str, str], list[int]] = {}
    for row in rows:
        trigger = row.get("trigger")
        keys = list(dict.fromkeys(root[n] for n in _names(row)))
        target = None
        if trigger:
            candidates = sorted({i for k in keys for i in index.get((trigger, k), ())})
            target = next((i for i in candidates if row.get("article_id") not in seen_articles[i]), None)
        if target is None:
            entries.append({
                "date": dict(row["date"]),
                "trigger": trigger,
                "actors": list(dict.fromkeys(row.get("actors") or [])),
                "involved": _names(row),
                "articles": [row.get("article_id")],
                "sources": [_source(row)],
            })
            seen_articles.append({row.get("article_id")})
            target, new_keys = len(entries) - 1, keys
        else:
            entry = entries[target]
            before = {root[n] for n in entry["involved"]}
            entry["articles"].append(row.get("article_id"))
            seen_articles[target].add(row.get("article_id"))
            entry["actors"] = list(dict.fromkeys([*entry["actors"], *(row.get("actors") or [])]))
            entry["involved"] = list(dict.fromkeys([*entry["involved"], *_names(row)]))
            entry["sources"].append(_source(row))
            new_keys = [k for k in keys if k not in before]
        if trigger:
            for k in new_keys:
                index.setdefault((trigger, k), []).append(target)
    for entry in entries:
        entry["articles"] = sorted(set(entry["articles"]), key=str)
    return entries


def build_timeline(rows: Iterable[dict[str, Any]], parents: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """Timeline entries from events.jsonl rows (see the module docstring for order and merge rule)."""
    return list(iter_timeline(sorted((r for r in rows if is_dated(r)), key=_sort_key), parents))

"""Events: one record per date expression, with its actors and trigger.

``actors`` are the gazetteer entities of the date's clause (the sentence when
the clause names none); ``trigger`` is the clause's main predicate from
``data/triggers.txt``, else the first verb jieba tags in that clause.  jieba
is loaded lazily and only ever sees one clause, never a whole article.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import regex

from zhextract.extract.dates import DateMention
from zhextract.extract.text import TextIndex
from zhextract.gazetteer import Gazetteer
from zhextract.resources import read_list


@lru_cache(maxsize=1)
def _triggers() -> regex.Pattern[str]:
    words = sorted(read_list("triggers.txt"), key=len, reverse=True)
    return regex.compile("|".join(regex.escape(w) for w in words))


def _jieba_verb(clause: str) -> str | None:
    """First verb of a clause by jieba's POS tags (lazy import: jieba is slow to load)."""
    import logging

    import jieba
    import jieba.posseg as pseg

    jieba.setLogLevel(logging.WARNING)
    for word, flag in pseg.cut(clause):
        if flag.startswith("v") and len(word) >= 2:
            return str(word)
    return None


def trigger_for(text: str, clause: tuple[int, int], sentence: tuple[int, int], date_span: tuple[int, int],
                use_jieba: bool = True) -> str | None:
    pattern = _triggers()
    m = pattern.search(text, date_span[1], clause[1]) or pattern.search(text, clause[0], clause[1])
    if m:
        return m.group()
    m = pattern.search(text, date_span[1], sentence[1])
    if m:
        return m.group()
    if use_jieba:
        piece = text[clause[0]:clause[1]]
        if regex.search(r"\p{Han}", piece):
            return _jieba_verb(piece)
    return None


def actors_for(text: str, gaz: Gazetteer, clause: tuple[int, int], sentence: tuple[int, int]) -> list[str]:
    found = [name for _, _, name in gaz.find(text, *clause)]
    if not found:
        found = [name for _, _, name in gaz.find(text, *sentence)]
    out: list[str] = []
    for name in found:
        if name not in out:
            out.append(name)
    return out


def build_events(text: str, mentions: list[DateMention], gaz: Gazetteer, index: TextIndex) -> list[dict[str, Any]]:
    """Event records; identical dates in one sentence are merged into one."""
    events: list[dict[str, Any]] = []
    seen: dict[tuple[int, str | None, str | None, str], int] = {}
    for dm in mentions:
        sentence = index.sentence(dm.pos)
        clause = index.clause(dm.pos, dm.endpos)
        key = (sentence[0], dm.start, dm.end, dm.text)
        if key in seen:
            continue
        seen[key] = len(events)
        events.append({
            "date": dm.to_json(),
            "actors": actors_for(text, gaz, clause, sentence),
            "trigger": trigger_for(text, clause, sentence, (dm.pos, dm.endpos)),
            "sentence": text[sentence[0]:sentence[1]],
            "span": [dm.pos, dm.endpos],
        })
    return events

"""Stage 4, extract: dated events and quantities from the clean text.

The date grammar runs first and claims its spans; the number grammar skips
them, so every digit run is a date, a quantity or neither, decided once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from zhextract.extract.dates import find_dates
from zhextract.extract.events import build_events
from zhextract.extract.numbers import attach_metric, find_numbers
from zhextract.extract.text import TextIndex
from zhextract.gazetteer import Gazetteer


def extract(text: str, reference: dt.date | None, gaz: Gazetteer) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Events and numbers of a clean text; spans index ``text``."""
    index = TextIndex.of(text)
    mentions = find_dates(text, reference, index)
    events = build_events(text, mentions, gaz, index)
    event_at = {tuple(e["span"]): i for i, e in enumerate(events)}
    claimed = [(m.pos, m.endpos) for m in mentions]
    numbers = []
    for q in find_numbers(text, claimed):
        sentence = index.sentence(q.pos)
        clause = index.clause(q.pos, q.endpos)
        q.metric = attach_metric(text, q, clause)
        q.subject = _subject(text, gaz, q.pos, clause, sentence)
        for m in mentions:
            if (clause[0] <= m.pos and m.endpos <= clause[1]) or (sentence[0] <= m.pos < m.endpos <= q.pos \
                    and text.count("，", m.endpos, q.pos) == 0):
                q.period = {"text": m.text, "start": m.start, "end": m.end, "precision": m.precision,
                            "event": event_at.get((m.pos, m.endpos))}
        numbers.append(q.to_json(text[sentence[0]:sentence[1]]))
    return events, numbers


def _subject(text: str, gaz: Gazetteer, pos: int, clause: tuple[int, int], sentence: tuple[int, int]) -> str | None:
    before = gaz.find(text, clause[0], pos)
    if before:
        return before[-1][2]
    in_sentence = gaz.find(text, sentence[0], pos) or gaz.find(text, *sentence)
    return in_sentence[0][2] if in_sentence else None

"""Stage 4, extract: dated events and quantities from the clean text.

The date grammar runs first and claims its spans; the number grammar masks
them, so every digit run is a date, a quantity or neither, decided once.
Quantities are then tied to their metric, subject and period
(:mod:`zhextract.extract.attach`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from zhextract.extract.attach import attach
from zhextract.extract.dates import find_dates
from zhextract.extract.events import build_events
from zhextract.extract.numbers import find_numbers
from zhextract.extract.prepared import Prepared
from zhextract.gazetteer import Gazetteer


def extract(text: str, reference: dt.date | None, gaz: Gazetteer,
            prepared: Prepared | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Events and numbers of a clean text; spans index ``text``."""
    prepared = prepared or Prepared.of(text)
    index = prepared.index
    mentions = find_dates(text, reference, index, prepared.matches)
    events = build_events(text, mentions, gaz, index)
    quantities = find_numbers(text, [(m.pos, m.endpos) for m in mentions])
    attach(text, quantities, mentions, events, gaz, index)
    numbers = [q.to_json(index.sentence_text(q.pos)) for q in quantities]
    return events, numbers

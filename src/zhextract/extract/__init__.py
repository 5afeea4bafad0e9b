"""Stage 4, extract: the article's entities, dated events and quantities from the clean text.

The date grammar runs first and claims its spans (with the five-year plans of
:mod:`zhextract.extract.periods`); the number grammar masks them, so every
digit run is a date, a quantity or neither, decided once.  The article's
entities are found next (:mod:`zhextract.extract.entities`), and the clauses
where an event or a quantity looks for its doer are read with jieba's
dictionary once, before any attribution, so that no event depends on the
order in which the others were read.  Events get their actors
(:mod:`zhextract.extract.actors`), quantities their metric, subject and
period (:mod:`zhextract.extract.attach`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from zhextract.extract.actors import figure_owners
from zhextract.extract.aimed_names import aimed_names
from zhextract.extract.attach import attach
from zhextract.extract.bracketed import stretches_before_brackets
from zhextract.extract.dates import DateMention, find_dates
from zhextract.extract.entities import Entities, find_entities, headline_entity
from zhextract.extract.events import build_events
from zhextract.extract.number_words import classifiers
from zhextract.extract.numbers import Quantity, find_numbers
from zhextract.extract.periods import datelines, find_plans
from zhextract.extract.prepared import Prepared
from zhextract.extract.sentence_openers import cued_openers, opener_names, place_openers
from zhextract.extract.text import TextIndex
from zhextract.gazetteer import Gazetteer


@dataclass
class Extraction:
    """What the extract stage reads off one clean text; spans index the text."""

    events: list[dict[str, Any]]
    numbers: list[dict[str, Any]]
    entities: list[dict[str, Any]]


def extract_all(text: str, reference: dt.date | None, gaz: Gazetteer,
                prepared: Prepared | None = None, title: str | None = None) -> Extraction:
    """Entities, events and numbers of a clean text (``title``: the article's, whose one company or agency
    is the main entity of a text that names none often enough)."""
    prepared = prepared or Prepared.of(text)
    index = prepared.index
    mentions = find_dates(text, reference, index, prepared.matches, prepared.resolver)
    mentions = sorted([*mentions, *find_plans(text, [(m.pos, m.endpos) for m in mentions])], key=lambda m: m.pos)
    dated, own = datelines(text, mentions)
    quantities = find_numbers(text, [(m.pos, m.endpos) for m in mentions])
    ents = find_entities(text, gaz)
    ents.headline = headline_entity(title, gaz)
    date_spans = [(m.pos, m.endpos) for m in mentions]

    def sentence_start(p: int) -> int:
        return index.sentence(p)[0]

    ents.add_openers(opener_names(text, date_spans, sentence_start) + cued_openers(text, date_spans, sentence_start)
                     + place_openers(text, date_spans, sentence_start) + aimed_names(text))
    ents.read_clauses(_doer_zones(index, mentions, quantities))
    ents.read_clauses(_subject_clauses(index, quantities), merge=False)
    story = [m for m in mentions if m.pos not in own]
    counts = [_number_part(q) for q in quantities]
    spans = [(m.pos, m.endpos) for m in mentions] + counts
    events = build_events(text, story, gaz, index, ents=ents, spans=spans)
    attach(text, quantities, story, events, ents, index, dated)
    figure_owners(text, events, quantities, ents, index, sorted(spans), sorted(counts))
    numbers = [q.to_json(index.sentence_text(q.pos)) for q in quantities]
    return Extraction(events, numbers, ents.to_json())


def extract(text: str, reference: dt.date | None, gaz: Gazetteer,
            prepared: Prepared | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Events and numbers of a clean text; spans index ``text``."""
    found = extract_all(text, reference, gaz, prepared)
    return found.events, found.numbers


def _number_part(q: Quantity) -> tuple[int, int]:
    """The span of a quantity without the noun it counts (超过1000家|品牌: the brands may be a doer)."""
    if q.kind == "count" and q.unit and q.unit not in classifiers() and q.text.endswith(q.unit):
        return q.pos, q.endpos - len(q.unit)
    return q.pos, q.endpos


def _doer_zones(index: TextIndex, mentions: list[DateMention], quantities: list[Quantity]) -> list[tuple[int, int]]:
    """Where the doer of an event or the subject of a quantity stands: its clause up to it, and for a date
    standing alone in its clause, the next clause."""
    zones = []
    for m in mentions:
        clause = index.clause(m.pos, m.endpos)
        zones.append((clause[0], clause[1]))
        if clause[1] - clause[0] <= (m.endpos - m.pos) + 4 and (nxt := index.next_clause(clause)) is not None:
            zones.append(nxt)
    for q in quantities:
        clause = index.clause(q.pos, q.endpos)
        zones.append((clause[0], q.pos))
    return zones


def _subject_clauses(index: TextIndex, quantities: list[Quantity]) -> list[tuple[int, int]]:
    """The clauses of the sentences that hold quantities: a number's subject may be named in a clause before
    its own (其中，青州新建学校最多，达12所)."""
    sentences = dict.fromkeys(index.sentence(q.pos) for q in quantities)
    return [c for s in sentences for c in index.clauses(s)] + stretches_before_brackets(index.text, quantities)


__all__ = ["Entities", "Extraction", "extract", "extract_all"]

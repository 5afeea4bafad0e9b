"""Figures in brackets of their own after a name: ``山西省（13.57亿吨）和贵州省（1.31亿吨）``.

A list of places or companies, each followed by its figure in brackets, reports one measure for each name;
the measure is written once before the list (``原煤产量超过1亿吨的省份有7个，分别是…``).  Such a figure is
the name's (:func:`owner_before_bracket`), and when nothing else names what it measures, it measures the
last measure noun of its sentence before it (:func:`sentence_measure`).  The names are read with the
dictionary in a short stretch before each bracket (:func:`stretches_before_brackets`): in the middle of a
list they stand where no clause's head is read.
"""

from __future__ import annotations

from zhextract.extract.entities import Entities
from zhextract.extract.metrics import Head, phrase
from zhextract.extract.names import ADMIN_ENDS
from zhextract.extract.numbers import Quantity

NAME_MAX_BEFORE_BRACKET = 16  # characters of a name before a figure in brackets
BRACKET_NAME_READ = 8  # characters read with the dictionary for that name
_LIST_MARKS = "、，,；。和及：\n"  # what stands before such a name in its list


def in_brackets(text: str, q: Quantity) -> bool:
    """Whether ``q`` stands alone in brackets: ``（13.57亿吨）``."""
    return q.pos > 1 and text[q.pos - 1] in "（(" and text[q.endpos:q.endpos + 1] in ("）", ")")


def stretches_before_brackets(text: str, quantities: list[Quantity]) -> list[tuple[int, int]]:
    """For each figure in brackets of its own, the stretch before the bracket back to the list mark before
    it, at most BRACKET_NAME_READ characters (…、贵州省（1.31亿吨）: 贵州省), where its name is read."""
    out = []
    for q in quantities:
        if in_brackets(text, q):
            marks = (text.rfind(mark, 0, q.pos - 1) + 1 for mark in _LIST_MARKS)
            out.append((max(q.pos - 1 - BRACKET_NAME_READ, *marks), q.pos - 1))
    return out


def owner_before_bracket(text: str, ents: Entities, q: Quantity) -> str | None:
    """The name a figure in brackets of its own follows (山西省（13.57亿吨）): whose it is; None otherwise."""
    if not in_brackets(text, q):
        return None
    named = ents.within(max(0, q.pos - 1 - NAME_MAX_BEFORE_BRACKET), q.pos - 1)
    between = text[named[-1].end:q.pos - 1] if named else None
    if between is None or (between and between not in ADMIN_ENDS):
        return None  # 贵州|省（…）: an administrative word may end the place's name
    return ents.name(named[-1])


def sentence_measure(text: str, q: Quantity, found_heads: list[Head], sentence: tuple[int, int],
                     taken: list[tuple[int, int]]) -> None:
    """Give ``q`` the measure its sentence names before it (原煤产量…，分别是陕西省（7.61亿吨）…): the last
    measure noun before it that can measure its kind of quantity, with the words that modify it."""
    before = [h for h in found_heads if sentence[0] <= h.start and h.end <= q.pos and "*" not in h.kinds
              and (q.kind in h.kinds or (q.kind == "count" and "measure" in h.kinds))]
    if before:
        head = before[-1]
        span = phrase(text, head, sentence[0], taken)
        q.metric, q.metric_span, q.metric_head, q.metric_group = \
            text[span[0]:span[1]], span, (head.start, head.end), head.group or None

"""Measures named by a section heading: a statistical bulletin states what its figures count once, above them.

A bulletin is cut into numbered sections headed by the measure they report (``一、诊疗人次``,
``二、出院人次``); the figures under the heading name only whose they are (``医院2020万人次，同比增长3.1%``),
and read alone, such a figure takes the noun before it (医院) for what it measures.  Here a figure in the
paragraphs under a numbered heading that names a measure, whose unit the heading ends with (人次 of
诊疗人次) or whose own measure noun (出院) the heading holds, takes the heading for its metric; the noun it had
taken then says whose the figure is (subject basis ``noun``), unless the figure has a subject already.  A
change right after such a figure in its sentence (同比增长3.1%) goes with it.
"""

from __future__ import annotations

import re

from zhextract.extract.metrics import find_heads
from zhextract.extract.numbers import Quantity
from zhextract.extract.text import NUMBERED_HEADING, TextIndex

SECTION_REACH = 6  # paragraphs back from a figure to its section's heading
MEASURE_HEADING_MAX = 10  # characters of a heading that names a measure, numbering aside
# 一、诊疗人次, （二）出院人次, 3. 病床使用: the words after a section's number
_MEASURE_WORDS = re.compile(rf"\s*([\u4e00-\u9fff]{{2,{MEASURE_HEADING_MAX}}})\s*$")


def section_measures(text: str, quantities: list[Quantity], index: TextIndex) -> None:
    """Give the figures under a numbered heading that names their measure that measure (module docstring)."""
    previous: Quantity | None = None  # the figure before, when it took its section's measure
    old_of_previous: str | None = None  # what that figure measured before
    for q in quantities:
        old = q.metric
        measure = _section_measure(text, q, index)
        if measure is not None and _takes(q, old, measure):
            _set(q, measure, old)
            previous, old_of_previous = q, old
        elif q.change and previous is not None and q.metric == old_of_previous \
                and index.sentence(previous.pos) == index.sentence(q.pos):
            _set(q, previous.metric or "", old)  # 同比增长3.1%: the change of the figure before it
            previous = q
        else:
            previous = None


def _takes(q: Quantity, old: str | None, measure: str) -> bool:
    """Whether a figure measures what its section's heading names: the heading ends with its unit (诊疗人次
    over 2020万人次), or ends with a measure noun and holds the one the figure had (营业收入 over 收入); a
    heading of a topic (收入情况) names no measure."""
    if q.change:
        return False
    if q.unit and measure.endswith(q.unit) and len(measure) > len(q.unit):
        return old is None or q.metric_head is None or old in measure
    ends_in_a_measure = any(h.end == len(measure) for h in find_heads(measure, 0, len(measure)))
    return ends_in_a_measure and old is not None and old in measure and old != measure  # not 收入|情况


def _set(q: Quantity, measure: str, old: str | None) -> None:
    if old and old not in measure and q.subject is None:
        q.subject, q.subject_basis = old, "noun"  # 医院|2020万人次 under 诊疗人次: the hospitals' visits
    q.metric, q.metric_span, q.metric_head = measure, None, None
    heads = find_heads(measure, 0, len(measure))
    q.metric_group = heads[-1].group or None if heads else None


def _section_measure(text: str, q: Quantity, index: TextIndex) -> str | None:
    """The measure the numbered heading of the section holding ``q`` names, if its heading names one."""
    i = index.paragraph_index(q.pos)
    for j in range(i - 1, max(-1, i - 1 - SECTION_REACH), -1):
        if not index.is_heading(j):
            continue
        line = text[slice(*index.paragraph_span(j))]
        number = NUMBERED_HEADING.match(line)
        words = _MEASURE_WORDS.fullmatch(line, number.end()) if number else None
        return words.group(1) if words else None
    return None

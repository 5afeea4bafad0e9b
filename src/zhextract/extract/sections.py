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
from functools import lru_cache

from zhextract.extract.entities import _is_han
from zhextract.extract.metrics import Head, find_heads, measure_words, phrase
from zhextract.extract.names import PROPER_TAGS, is_preposition
from zhextract.extract.numbers import Quantity
from zhextract.extract.parts import category_word
from zhextract.extract.text import NUMBERED_HEADING, TextIndex
from zhextract.lexicon import lexicon

_ANY_NUMBERED = re.compile(NUMBERED_HEADING.pattern.replace("^", "(?m:^)", 1))  # a numbered line anywhere
SECTION_REACH = 6  # paragraphs back from a figure to its section's heading
MEASURE_HEADING_MAX = 10  # characters of a heading that names a measure, numbering aside
TOPIC_HEADING_MAX = 30  # characters of a numbered heading that reports on a measure (…经费增长情况), numbering aside
# 一、诊疗人次, （二）出院人次, 3. 病床使用: the words after a section's number
_MEASURE_WORDS = re.compile(rf"\s*([\u4e00-\u9fff]{{2,{MEASURE_HEADING_MAX}}})\s*$")


def section_measures(text: str, quantities: list[Quantity], index: TextIndex) -> None:
    """Give the figures under a numbered heading that names their measure that measure (module docstring)."""
    if not _ANY_NUMBERED.search(text):
        return  # no numbered line, no section (most articles: their figures need not look back)
    previous: Quantity | None = None  # the figure before, when it took its section's measure
    old_of_previous: str | None = None  # what that figure measured before
    for q in quantities:
        old = q.metric
        measure = _section_measure(text, q, index)
        if measure is not None and _takes(q, old, measure):
            _set(q, measure, old)
            if q.subject is None and old is None:
                q.subject = _opening_owner(text, q, index)
                q.subject_basis = "noun" if q.subject else None
            previous, old_of_previous = q, old
        elif q.change and previous is not None and q.metric == old_of_previous \
                and index.sentence(previous.pos) == index.sentence(q.pos):
            _set(q, previous.metric or "", old)  # 同比增长3.1%: the change of the figure before it
            if q.subject is None and previous.subject_basis == "noun":
                q.subject, q.subject_basis = previous.subject, "noun"
            previous = q
        else:
            previous = None


def _takes(q: Quantity, old: str | None, measure: str) -> bool:
    """Whether a figure measures what its section's heading names: the heading ends with its unit (诊疗人次
    over 2020万人次), or ends with a measure noun and holds the one the figure had (营业收入 over 收入), or
    measures sums and the figure is a sum that names no measure (生均经费 over 由上年的1.8万元增加到2.1万元); a
    heading of a topic (收入情况) names no measure."""
    if q.change:
        return False
    if old is None and q.kind == "money":
        found = find_heads(measure, 0, len(measure))
        return bool(found) and found[-1].end == len(measure) and "money" in found[-1].kinds
    if q.unit and measure.endswith(q.unit) and len(measure) > len(q.unit):
        return old is None or q.metric_head is None or old in measure
    ends_in_a_measure = any(h.end == len(measure) for h in find_heads(measure, 0, len(measure)))
    return ends_in_a_measure and old is not None and old in measure and old != measure  # not 收入|情况


@lru_cache(maxsize=1)
def _topics() -> tuple[str, ...]:
    """The topic words of data/measure_words.tsv, longest first (增长情况 before 情况)."""
    return tuple(sorted(measure_words().topics, key=len, reverse=True))


def _topic_measure(line: str, at: int) -> str | None:
    """The measure a numbered heading reports on (``2.各类学校生均经费增长情况。``: 生均经费), from ``at``, where
    its number ends: the measure phrase that ends right before a topic word of data/measure_words.tsv."""
    words = line[at:].strip().rstrip("。：:").strip()
    if len(words) > TOPIC_HEADING_MAX or not all(map(_is_han, words)):
        return None
    topic = next((t for t in _topics() if words.endswith(t)), None)
    if topic is None:
        return None
    body = words[:-len(topic)]
    last = [h for h in find_heads(body, 0, len(body)) if h.end == len(body)]
    if not last:
        return None  # 2.项目建设情况: a topic, no measure
    start, end = phrase(body, last[-1], 0, [])
    return body[start:end]


def _opening_owner(text: str, q: Quantity, index: TextIndex) -> str | None:
    """The nouns that open a figure's clause right before a preposition (普通高中|由上年的2.1万元增加到…): the
    class of things whose figure it is, when the figure names no measure of its own."""
    lo = index.clause(q.pos, q.endpos)[0]
    tokens = lexicon().tokens(text[lo:q.pos])
    k = 0
    while k < len(tokens) and (category_word(tokens[k]) or tokens[k].tag in PROPER_TAGS):  # 普通|高中, 江城
        k += 1
    if k == 0 or k == len(tokens) or not is_preposition(tokens[k].word) or tokens[k].start != tokens[k - 1].end:
        return None
    return text[lo + tokens[0].start:lo + tokens[k - 1].end]


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
        line = text[slice(*index.paragraph_span(j))]
        number = NUMBERED_HEADING.match(line)
        topic = _topic_measure(line, number.end()) if number else None
        if topic is not None:
            return topic
        if not index.is_heading(j):
            continue
        words = _MEASURE_WORDS.fullmatch(line, number.end()) if number else None
        return words.group(1) if words else None
    return None


ASPECT_CLAUSE_MAX = 14  # characters of a sentence's opening clause that names the measure it reports on


def aspect_measures(text: str, quantities: list[Quantity], index: TextIndex) -> None:
    """Give the figures of a sentence that opens with a clause naming a measure and an aspect word of
    data/measure_words.tsv (``毛利率方面，两家都下滑，其中A的11.4%优于B的9.4%``, ``就营收而言，…``) that
    measure, when they name none of their own (no head noun: nothing, or a comparison read as a verb phrase)
    and its head can measure them; a change, when it has no measure at all (同比增长12% after 交付新车3万辆
    changes what that figure counts): news names the measure once, then compares the figures."""
    read: dict[tuple[int, int], tuple[Head, tuple[int, int]] | None] = {}
    for q in quantities:
        if q.metric_head is not None:
            continue
        sentence = index.sentence(q.pos)
        if sentence not in read:
            read[sentence] = _aspect(text, index.clauses(sentence)[0])
        found = read[sentence]
        if found is None or found[1][1] > q.pos:
            continue
        head, span = found
        if (q.change is None and q.measured_by(head.kinds)) or (q.change is not None and q.metric is None):
            q.metric, q.metric_span, q.metric_head = text[span[0]:span[1]], span, (head.start, head.end)
            q.metric_group = head.group


def _aspect(text: str, clause: tuple[int, int]) -> tuple[Head, tuple[int, int]] | None:
    """The head and the measure phrase of a clause that is only a measure and an aspect word (在毛利率方面),
    else None."""
    words = text[clause[0]:clause[1]].rstrip("，,：: ")
    if not 3 <= len(words) <= ASPECT_CLAUSE_MAX:
        return None
    aspect = next((w for w in measure_words().aspects if words.endswith(w)), None)
    if aspect is None:
        return None
    end = clause[0] + len(words) - len(aspect)
    if text[end - 1] == "的":
        end -= 1  # 营业利益率的|部分
    heads = [h for h in find_heads(text, clause[0], end) if h.end == end]
    if not heads:
        return None
    span = phrase(text, heads[-1], clause[0], [])
    opening = text[clause[0]:span[0]]
    if opening and not is_preposition(opening) and lexicon().tag(opening) != "c":
        return None  # 不过|营业利益率的部分, 在|毛利率方面: only a conjunction or a preposition may open it
    return heads[-1], span

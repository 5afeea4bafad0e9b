"""Tie each quantity to the metric it reports, the entity it is about and its period.

Chinese news packs a sentence with clauses that share one time frame and one
topic: ``从快手2021年第三季度财报来看，快手电商交易总额（GMV）达到1758亿元，
同比增长86.1%``.  So every attachment looks at the quantity's clause first,
then at the rest of its sentence, never at another sentence.

metric (``data/metrics.tsv``, only metrics that can measure the quantity's kind)
    * a metric word written right after the number (``1000亿GMV``, ``300万粉丝``);
    * else the nearest before it in its clause, else the first after it there;
      a word right before 至/到 is a change (``下降至10%``), never a metric;
    * else, for money and unit-less magnitudes, the nearest specific metric
      of an earlier clause (``广告投放，数额非常大，在2020年就超过了200亿元``);
    * else the previous quantity's metric, for money and counts of the same
      unit (``营收100亿元，去年同期为80亿元``) and for the end of a change
      (``占比从30%下降至10%``).
    Growth and target metrics (kinds ``*``) never attach to a duration.  A
    magnitude without unit whose metric only measures money becomes money
    (``市值超过2000亿``).
subject (gazetteer entities)
    The nearest entity before the number in its clause, else before its
    clause in the sentence; an entity right after an object marker
    (``淘宝在抖音的广告投放``: 在抖音) is passed over while another one is
    available.  A number in an adverbial clause (opening with 在/经过/随着…
    or closing with 后/时/以来…, ``data/number_cues.tsv``) with no entity
    before it takes the entity opening the next clause
    (``经过10年的进化，快手已经…``): the subject follows the frame.
period (date mentions of the date grammar)
    The date of the clause (nearest before the number, else after it), else
    the nearest date before it in the sentence: the frame set by a leading
    clause scopes the clauses after it.  A comparison base (``与去年同期相比``,
    ``较2020年``) is never a period, and the date of the start of a change
    (``由去年同期的14.1%提升至21.7%``) is not the period of its end.  The
    period links to the event record of its date when there is one.

A "sentence" holding more than MAX_PER_SENTENCE quantities is a table or a
keyword dump, not prose: its quantities are kept, unattached (and the cost of
attaching stays linear in the text).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from zhextract.extract.dates import DateMention
from zhextract.extract.numbers import HAN, Quantity, cues, trie
from zhextract.extract.text import TextIndex
from zhextract.gazetteer import Gazetteer
from zhextract.patterns import compile_pattern
from zhextract.resources import read_table

Row = tuple[str, frozenset[str]]  # canonical metric, the kinds it measures
MAX_PER_SENTENCE = 200  # more quantities than this in one "sentence" is a table or a dump, not prose
Word = tuple[int, int, Row]  # a metric word found in the text


@dataclass(frozen=True)
class _Metrics:
    """The metric words of ``data/metrics.tsv``: literal spellings in one trie,
    spellings with a gap (同比…增长) in a second pattern."""

    literal: re.Pattern[str]
    spelled: dict[str, Row]
    gapped: re.Pattern[str] | None
    gapped_rows: dict[str, Row]  # group name -> row
    by_name: dict[str, Row]
    gap_openers: tuple[str, ...]  # first parts of the gapped spellings: skip the pattern without them

    def find(self, text: str, lo: int, hi: int) -> list[Word]:
        """Metric words of ``text[lo:hi]``; a gapped match hides the literal ones inside it."""
        words = [(m.start(), m.end(), self.spelled[m.group()]) for m in self.literal.finditer(text, lo, hi)]
        if self.gapped is not None and any(text.find(o, lo, hi) >= 0 for o in self.gap_openers):
            gaps = [(m.start(), m.end(), self.gapped_rows[m.lastgroup or ""])
                    for m in self.gapped.finditer(text, lo, hi)]
            if gaps:
                words = [w for w in words if not any(g[0] <= w[0] and w[1] <= g[1] for g in gaps)] + gaps
                words.sort()
        return words


@lru_cache(maxsize=1)
def metrics() -> _Metrics:
    spelled: dict[str, Row] = {}
    gapped: dict[str, Row] = {}
    by_name: dict[str, Row] = {}
    for row in read_table("metrics.tsv", 3):
        entry = (row[0], frozenset(row.items(2)) or frozenset({"*"}))
        by_name.setdefault(row[0], entry)
        for s in row.items(1):
            (gapped if "…" in s else spelled).setdefault(s, entry)
    # Latin spellings (GMV) get a guard against a longer Latin word after them.
    literal = re.compile(trie(spelled))
    names = {f"g{i}": s for i, s in enumerate(sorted(gapped, key=len, reverse=True))}
    gap = f"[{HAN}]{{0,3}}?"
    pattern = "|".join(f"(?P<{n}>{gap.join(re.escape(p) for p in s.split('…'))})" for n, s in names.items())
    return _Metrics(literal, spelled, re.compile(pattern) if pattern else None,
                    {n: gapped[s] for n, s in names.items()}, by_name,
                    tuple(sorted({s.split("…")[0] for s in gapped})))


@lru_cache(maxsize=1)
def _context() -> tuple[regex.Pattern[str], ...]:
    """Object markers (before an entity), comparison-base cues around a date, the 从X下降至Y link,
    and the openings and endings of adverbial clauses."""
    c = cues()

    def alt(role: str) -> str:
        words = sorted(c.get(role, ()), key=len, reverse=True)
        return "|".join(regex.escape(w) for w in words) or "(?!)"

    return (compile_pattern(rf"(?:{alt('object_marker')})\s*$"),
            compile_pattern(rf"(?:{alt('not_period_before')})\s*$"),
            compile_pattern(rf"\s*(?:{alt('not_period_after')})"),
            compile_pattern(r"\p{Han}{0,3}[至到]"),
            compile_pattern(rf"(?:{alt('adverbial_start')})"),
            compile_pattern(rf"(?:{alt('adverbial_end')})[”’」』）)]*$"))


def _fits(kinds: frozenset[str], q: Quantity) -> bool:
    """Whether a metric measuring ``kinds`` can be the metric of ``q``.

    ``*`` (growth, target) fits every kind but durations: 过去12个月内增长了152%
    is a growth of 152% over a 12-month span, not a growth of 12 months.
    """
    if q.kind in kinds or ("*" in kinds and q.kind != "duration"):
        return True
    return q.bare and bool(kinds & {"money", "count"})


def _metric_words(text: str, words: list[Word], lo: int, hi: int, q: Quantity) -> list[Word]:
    """The metric words of the sentence inside ``text[lo:hi]`` that can measure ``q``.

    A word right before 至/到 is the verb of a change (下降至10%: 10% is the
    level reached, not the fall), never a metric.
    """
    return [w for w in words if lo <= w[0] and w[1] <= hi and _fits(w[2][1], q)
            and text[w[1]:w[1] + 1] not in ("至", "到")]


def attach_metric(text: str, words: list[Word], q: Quantity, clause: tuple[int, int],
                  sentence: tuple[int, int] | None = None) -> Row | None:
    """The metric of ``q`` among the sentence's metric ``words`` (see the module docstring).

    Order: a metric word written right after the number (1000亿GMV, 300万粉丝);
    the nearest before it in the clause; the first after it in the clause;
    for money and unit-less magnitudes, the nearest specific metric (not a
    growth or target word) in the sentence before the clause.
    """
    after = _metric_words(text, words, q.pos, clause[1], q)
    if after and after[0][0] <= q.endpos and after[0][1] > q.endpos - 1:
        return after[0][2]
    before = _metric_words(text, words, clause[0], q.pos, q)
    if before:
        return before[-1][2]
    if after:
        return after[0][2]
    if sentence is not None and (q.bare or q.kind == "money"):
        earlier = [w for w in _metric_words(text, words, sentence[0], clause[0], q) if "*" not in w[2][1]]
        if earlier:
            return earlier[-1][2]
    return None


def _is_adverbial(text: str, clause: tuple[int, int]) -> bool:
    """``经过10年的进化`` / ``在…后``: a clause that frames the next one."""
    _, _, _, _, start, end = _context()
    piece = text[clause[0]:clause[1]].strip()
    return bool(start.match(piece) or end.search(piece))


def _is_object(text: str, start: int, lo: int) -> bool:
    return bool(_context()[0].search(text, max(lo, start - 4), start))


def attach_subject(text: str, entities: list[tuple[int, int, str]], q: Quantity,
                   clause: tuple[int, int], sentence: tuple[int, int], index: TextIndex | None = None) -> str | None:
    """The entity ``q`` is about (see the module docstring); ``index`` finds the next clause."""
    before = [e for e in entities if e[1] <= q.pos]
    for lo in (clause[0], sentence[0]):
        scope = [e for e in before if e[0] >= lo]
        subjects = [e for e in scope if not _is_object(text, e[0], sentence[0])]
        if subjects:
            return subjects[-1][2]
    if before:
        return before[-1][2]
    if not entities or index is None:
        return None
    next_clause = _next_clause(index, clause, sentence)
    if next_clause is not None and _is_adverbial(text, clause) \
            and not any(clause[0] <= e[0] < clause[1] for e in entities):
        # 经过10年的进化，快手已经…: a leading adverbial clause, the subject opens the next one.
        head = [e for e in entities if next_clause[0] <= e[0] <= next_clause[0] + 2]
        if head and not _is_object(text, head[0][0], next_clause[0]):
            return head[0][2]
    return None


def _is_base(text: str, dm: DateMention, sentence: tuple[int, int]) -> bool:
    _, not_before, not_after, *_ = _context()
    return bool(not_before.search(text, max(sentence[0], dm.pos - 4), dm.pos)
                or not_after.match(text, dm.endpos))


def attach_period(text: str, dates: list[DateMention], q: Quantity,
                  clause: tuple[int, int]) -> DateMention | None:
    """The date mention framing ``q`` among the sentence's ``dates`` (see the module docstring)."""
    in_clause = [d for d in dates if clause[0] <= d.pos and d.endpos <= clause[1]]
    before = [d for d in in_clause if d.endpos <= q.pos]
    if before:
        return before[-1]
    after = [d for d in in_clause if d.pos >= q.endpos]
    if after:
        return after[0]
    earlier = [d for d in dates if d.endpos <= clause[0]]
    return earlier[-1] if earlier else None


def attach(text: str, quantities: list[Quantity], mentions: list[DateMention],
           events: list[dict[str, Any]], gaz: Gazetteer, index: TextIndex) -> None:
    """Fill metric, subject and period of every quantity, in place."""
    event_of = _event_index(mentions, events, index)
    by_sentence: dict[tuple[int, int], list[Quantity]] = {}
    for q in quantities:
        by_sentence.setdefault(index.sentence(q.pos), []).append(q)
    link = _context()[3]
    mentions = sorted(mentions, key=lambda d: d.pos)
    starts = [d.pos for d in mentions]
    for sentence, qs in by_sentence.items():
        if len(qs) > MAX_PER_SENTENCE:
            continue  # a table or a keyword dump, not prose: nothing to attach
        entities = gaz.find(text, *sentence)
        words = metrics().find(text, *sentence)
        dates = [d for d in mentions[bisect.bisect_left(starts, sentence[0]):bisect.bisect_left(starts, sentence[1])]
                 if d.endpos <= sentence[1] and not _is_base(text, d, sentence)]
        previous: Quantity | None = None
        previous_dm: DateMention | None = None
        for q in qs:
            clause = index.clause(q.pos, q.endpos)
            found = attach_metric(text, words, q, clause, sentence)
            linked = previous is not None and link.fullmatch(text, previous.endpos, q.pos) is not None
            if found is None and previous is not None and previous.metric:
                if linked or _continues(previous, q):
                    found = metrics().by_name.get(previous.metric)
            if found is not None:
                q.metric = found[0]
                if q.bare and "money" in found[1] and "count" not in found[1] and "*" not in found[1]:
                    q.kind = "money"
            q.subject = attach_subject(text, entities, q, clause, sentence, index)
            dm = attach_period(text, dates, q, clause)
            if linked and dm is not None and dm is previous_dm:
                # 由去年同期的14.1%提升至21.7%: the date is the start of the change, not the end's period.
                dm = next((d for d in reversed(dates) if d.endpos <= dm.pos), None)
            if dm is not None:
                q.period = {"text": dm.text, "start": dm.start, "end": dm.end, "precision": dm.precision,
                            "event": event_of.get(id(dm))}
            previous, previous_dm = q, dm


def _next_clause(index: TextIndex, clause: tuple[int, int], sentence: tuple[int, int]) -> tuple[int, int] | None:
    """The clause after ``clause`` in the same sentence, if any."""
    start = clause[1] + 1
    if start >= sentence[1]:
        return None
    return index.clause(start, start)


def _continues(previous: Quantity, q: Quantity) -> bool:
    """``q`` reports the same measure as ``previous`` when it has none of its own.

    Only money and counts carry over (营收100亿元，去年同期为80亿元); a
    percentage after a growth rate is usually a share, not another growth.
    """
    if previous.kind not in ("money", "count"):
        return False
    return q.bare or (q.kind == previous.kind and q.unit == previous.unit)


def _event_index(mentions: list[DateMention], events: list[dict[str, Any]],
                 index: TextIndex) -> dict[int, int]:
    """Mention (by identity) -> index of its event record.

    Events merge identical dates of one sentence, so a mention without a
    record of its own span belongs to the record with its sentence and date.
    """
    by_span = {tuple(e["span"]): i for i, e in enumerate(events)}
    by_date: dict[tuple[str, str | None, str | None, str], int] = {}
    for i, e in enumerate(events):
        date = e.get("date", {})
        by_date.setdefault((e.get("sentence", ""), date.get("start"), date.get("end"), date.get("text", "")), i)
    out: dict[int, int] = {}
    for dm in mentions:
        i = by_span.get((dm.pos, dm.endpos))
        if i is None:
            s0, s1 = index.sentence(dm.pos)
            i = by_date.get((index.text[s0:s1], dm.start, dm.end, dm.text))
        if i is not None:
            out[id(dm)] = i
    return out

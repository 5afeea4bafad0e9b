"""How a figure changed: the verbs of change of ``data/changes.tsv`` and the base they compare with.

**Change.**  ``同比下降8.2%``, ``增长了20%``, ``较年初增加412亿元``, ``年增20%``:
a verb of ``data/changes.tsv`` right before a number (了/为/达… aside) makes it
a change, recorded in ``change`` as written, from its base to its verb
(同比下降, 较上年下降, 较8月末增加, 同比分别增长).  The metric of a change is the
thing that changed: the nearest metric phrase before the change in its
sentence, whatever kinds it measures (``营业收入12.5亿元，同比下降8.2%``:
营业收入).  A verb before 至/到 is no change of this number: the number is the
level reached (``下降至10%``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple, Protocol, TypeVar

from zhextract.extract.names import clause_words
from zhextract.extract.number_words import trie
from zhextract.lexicon import lexicon
from zhextract.resources import read_roles
from zhextract.trie import trie_regex

COMPARE_REACH = 12  # how far before a verb of change a base opened by 较/比/与 may start


class Change(NamedTuple):
    """A verb of change: ``text[start:end]``."""

    start: int
    end: int


@dataclass(frozen=True)
class _ChangeWords:
    verbs: re.Pattern[str]  # any verb of change (verb_with_base too), longest first
    words: dict[str, frozenset[str]]  # role -> words
    longest: dict[str, int]

    def ending(self, text: str, lo: int, hi: int, role: str) -> int:
        """The length of the word of ``role`` that ``text[lo:hi]`` ends with, longest first (0: none)."""
        words = self.words[role]
        for n in range(min(self.longest[role], hi - lo), 0, -1):
            if text[hi - n:hi] in words:
                return n
        return 0


CHANGE_ROLES = ("verb", "base", "compare", "between", "to_number", "verb_with_base", "respectively", "list",
                "level_after")


@lru_cache(maxsize=1)
def changes() -> _ChangeWords:
    """``data/changes.tsv``: verbs of change, bases and what may stand between them."""
    frozen = read_roles("changes.tsv", CHANGE_ROLES)
    return _ChangeWords(re.compile(trie(frozen["verb"] | frozen["verb_with_base"])), frozen,
                        {k: max(map(len, v), default=0) for k, v in frozen.items()})


@lru_cache(maxsize=1)
def _between() -> re.Pattern[str]:
    """What may stand between a verb of change and its number: up to two words of changes.tsv's to_number
    (了, 为, 达, 约 …; 均超过, 了约), or nothing."""
    return re.compile(rf"(?:(?:{trie_regex(changes().words['to_number'])})\s*){{0,2}}")


def find_changes(text: str, lo: int, hi: int) -> list[Change]:
    """The verbs of change in ``text[lo:hi]``; a verb whose first character ends a base is read after it
    (按年|增长, 按季|减少: not 年增, 季减)."""
    cw = changes()
    out = []
    at = lo
    while (m := cw.verbs.search(text, at, hi)) is not None:
        if cw.ending(text, lo, m.start() + 1, "base") > 1:
            at = m.start() + 1
            continue
        out.append(Change(m.start(), m.end()))
        at = m.end()
    return out


def change_of(text: str, verbs: list[Change], pos: int, lo: int) -> tuple[int, int] | None:
    """The span of the change that makes the number at ``pos`` a change, as written from its base to its
    verb (同比下降, 较上年下降, 较8月末增加, 与2010年相比增加, 同比分别增长), or None.

    The verb must stand right before the number (了/为/达… aside).  Read back from it, within its
    clause (from ``lo``): words that may stand between (分别, 名义), then a base (同比, 环比) or a
    compared-with opening (较, 比, 与) a few characters before.  新增 is a change only with a base.
    """
    cw = changes()
    signed = _signed_change(text, pos, lo)
    if signed is not None:
        return signed
    verb = next((v for v in reversed(verbs) if v.end <= pos), None)
    if verb is None:
        return None
    m = _between().match(text, verb.end, pos)
    if m is None or m.end() != pos:
        return None
    start = verb.start
    while n := cw.ending(text, lo, start, "between"):
        start -= n
    n = cw.ending(text, lo, start, "base")
    if n:
        return start - n, verb.end
    opening = _compared_with(text, max(lo, start - COMPARE_REACH), start)
    if opening is not None:
        return opening, verb.end
    if text[verb.start:verb.end] in cw.words["verb_with_base"]:
        return None
    return verb.start, verb.end


_PLUS = "+＋"
_MINUS = "-－−"


def _signed_change(text: str, pos: int, lo: int) -> tuple[int, int] | None:
    """A base written right before a signed number (同比+302.1%, 环比-2.8%, research notes' shorthand): the
    sign is the verb of change.  The span runs from the base over a plus sign; a minus belongs to the number
    (its value is negative), so there the span is the base alone.  Without a base, a signed rate alone in
    brackets after a figure (营收8483亿元(+10.4%), 净利润(-7.5%)) is its change, the sign as written.  None
    without a sign, or without a base outside such brackets."""
    if pos > lo and text[pos - 1] in _PLUS:
        at = pos - 1
    elif text[pos:pos + 1] in _MINUS:
        at = pos
    else:
        return None
    n = changes().ending(text, lo, at, "base")
    if n:
        return at - n, pos
    if at > 0 and text[at - 1] in "（(" and _BRACKETED_RATE.match(text, at):
        return at, at + 1
    return None


_BRACKETED_RATE = re.compile(r"[+＋\-−－]\d+(?:\.\d+)?%[)）]")  # (+10.4%): a signed rate alone in its brackets


def _compared_with(text: str, lo: int, hi: int) -> int | None:
    """Where 较/比/与 opens a base in ``text[lo:hi]`` (较上年, 较8月末, 与2010年相比), the last one; None
    when none stands there as a word of its own (比例, 比较, 较为 are other words)."""
    cw = changes()
    lex = lexicon()
    for i in range(hi - 1, lo - 1, -1):
        for word in cw.words["compare"]:
            if text.startswith(word, i) and i + len(word) < hi:
                after, before = text[i:i + len(word) + 1], text[max(0, i - 1):i + len(word)]
                if lex.freq(after) == 0 and (i == 0 or lex.freq(before) == 0):
                    return i
    return None


def compared_base(text: str, lo: int, pos: int) -> bool:
    """Whether the number at ``pos`` opens its clause as the base of a comparison (较此前预估的20%, 比上年同期的
    3.1万辆): 较/比/与 (changes.tsv, compare) at the clause start, a few words, then 的/之 right before the number.
    Such a figure measures what the figure compared with it measures."""
    opening = text[lo:pos].lstrip("，, ")
    return 2 < len(opening) <= COMPARE_REACH and opening[-1] in "的之" \
        and any(opening.startswith(w) for w in changes().words["compare"])



class _Span(Protocol):
    start: int
    end: int


S = TypeVar("S", bound=_Span)


def changed_head(text: str, heads_: Sequence[S], change_at: int, sentence: tuple[int, int],
                 clause_of: Callable[[int, int], tuple[int, int]]) -> S | None:
    """The thing a change word is about: the nearest head before it in the sentence, of any kind, but for
    one in a clause that says how the figures were reckoned (按可比价格计算，比上年增长5.2%: not 价格).
    ``clause_of``: the clause holding a span (``TextIndex.clause``)."""
    before = [h for h in heads_ if sentence[0] <= h.start and h.end <= change_at]
    while before and _reckons(text, clause_of(before[-1].start, before[-1].end)):
        before.pop()
    return before[-1] if before else None


def _reckons(text: str, clause: tuple[int, int]) -> bool:
    """Whether a clause ends with a word of data/clause_cues.tsv, method_end (按可比价格计算, 初步核算)."""
    piece = text[clause[0]:clause[1]].rstrip()
    return any(piece.endswith(w) for w in clause_words()["method_end"])

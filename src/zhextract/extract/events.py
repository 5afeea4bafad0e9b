"""Events: one record per date expression, with its actors and trigger.

A date's **event clause** is the clause holding it (between ，；：), or, when
that clause is nothing but the date, filler words and verbs of saying
("11月15日晚，快手宣布…", "早在2020年8月，抖音就宣布…", "称11月15日24:00起，…"),
the clause after it: Chinese puts the time first and the event after the comma.

* ``trigger``: the clause's main predicate, from ``data/triggers.tsv``: the
  best-ranked class wins (event > change > weak > report), then the word
  nearest after the date, else the first one before it; when the clause has
  none, the next clause of the sentence that has one; else the first verb
  jieba's tagger finds in the event clause (jieba's dictionary, opened
  memory-mapped by :mod:`zhextract.lexicon`; only that one clause is
  segmented, never a whole article).
* ``actors``: the entities that do what the trigger says: the doers before it
  in the event clause, else those its subject is carried from, else none
  (:mod:`zhextract.extract.actors`; entities of :mod:`zhextract.extract.entities`).
* ``involved``: the actors, then the other entities named in the date's
  clause, the event clause and the trigger's clause (a partner, what was
  acted on, a place): what the timeline merges reports of one event by.
* ``sentence`` and ``span`` locate the date in the clean text.

Identical dates (same text, same resolution) of one sentence that lead to the same trigger make one
event (在今年的大会上…提出了今年的目标); with triggers of their own (第二季收入增长…；第二季贵宾业务下跌…) they
are two, each with its doer.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import regex

from zhextract.extract.actors import event_actors
from zhextract.extract.dates import DateMention
from zhextract.extract.entities import Entities, find_entities
from zhextract.extract.roles import cues
from zhextract.extract.text import TextIndex
from zhextract.extract.triggers import TRIGGER_CLASSES, TriggerLexicon, trigger_lexicon
from zhextract.gazetteer import Gazetteer
from zhextract.lexicon import lexicon
from zhextract.script import HAN_CHAR
from zhextract.trie import WordScanner, trie_regex

__all__ = ["TRIGGER_CLASSES", "TriggerLexicon", "build_events", "event_clause", "trigger_lexicon"]

def event_clause(text: str, index: TextIndex, span: tuple[int, int],
                 dates: Sequence[tuple[int, int]] = ()) -> tuple[tuple[int, int], tuple[int, int]]:
    """``(date's clause, event clause)``: the event clause is the next one when the date stands alone, other
    dates (``dates``: their spans) aside (2017年、2018年，我国粮食产量…: the clause after both dates)."""
    own = index.clause(*span)
    clause = own
    lex = trigger_lexicon()
    for _ in range(2):  # "2019年，3月1日，快手宣布…": at most two clauses of bare dates
        if _has_words(_without(text, clause, sorted({*dates, span})), lex.filler):
            break
        following = index.next_clause(clause)
        if following is None:
            break
        clause = following
    while clause != own and _gives_reason(text, clause):  # 今年5月，因涉嫌违法，证监会决定…: the act follows
        after = index.next_clause(clause)
        if after is None or index.sentence(after[0]) != index.sentence(clause[0]):
            break
        clause = after
    return own, clause


@lru_cache(maxsize=1)
def _reason() -> re.Pattern[str]:
    return re.compile(rf"\s*(?:{trie_regex(cues().words['reason'])})")


def _gives_reason(text: str, clause: tuple[int, int]) -> bool:
    """Whether a clause opens with a word of data/clause_cues.tsv, reason (由于, 因涉嫌, 受此影响)."""
    return bool(_reason().match(text, clause[0], clause[1]))


def _has_words(rest: str, filler: regex.Pattern[str]) -> bool:
    """Whether a Han character of ``rest`` is left once its filler words are removed (``filler.sub``),
    read from the left and stopping at the first: most clauses start with one."""
    pos = 0
    while pos < len(rest):
        m = filler.match(rest, pos)
        if m:
            pos = m.end()
        elif HAN_CHAR.match(rest, pos):
            return True
        else:
            pos += 1
    return False


def _without(text: str, clause: tuple[int, int], spans: Sequence[tuple[int, int]]) -> str:
    """The words of a clause outside the given spans (the dates written in it)."""
    out, at = [], clause[0]
    for a, b in spans:
        if b <= clause[0] or a >= clause[1]:
            continue
        out.append(text[at:max(at, a)])
        at = max(at, b)
    out.append(text[at:clause[1]])
    return "".join(out)


Trigger = tuple[str | None, tuple[int, int], int | None]  # word, the clause it is in, where it starts
Word = tuple[int, int, str]  # where a trigger word starts and ends, and the word

# Characters that end a clause or a sentence, or stand right before a sentence's end: no trigger word holds
# one, so no word of the article crosses a clause's bounds (checked in _trigger_scanner).
_BOUNDS = frozenset("，；：,;:。！？!?”’」』）)…\n")


class _Triggers:
    """The trigger words of an article, found in one pass, looked up by clause.

    Each date looked for its trigger with the lexicon's pattern over its clause, and over the clauses
    after it when that one had none.  The words are found once over the whole text instead (an
    Aho–Corasick scanner, leftmost-longest like the pattern); as no word crosses a clause's bounds,
    those that fall in a clause are what the pattern finds there.  Whether a word opens a noun
    (:func:`_opens_a_noun`, a dictionary look-up) is asked once per word: a clause is asked for by each
    of its dates and by the dates of the clauses before it."""

    def __init__(self, text: str, ents: Entities | None = None) -> None:
        scanner = _trigger_scanner()
        self.text = text
        self.ents = ents  # a word inside a name is no predicate (上市 of 42家上市银行, 发展 of 某发展银行)
        self.words: list[Word] | None = scanner.finditer(text) if scanner is not None else None
        self.starts = [w[0] for w in self.words] if self.words is not None else []
        self._nouns: dict[int, bool] = {}  # index in ``words`` -> whether that word opens a noun

    def within(self, clause: tuple[int, int]) -> list[Word]:
        if self.words is None:  # a word of the lexicon holds a bound: the pattern, clause by clause
            return [w for m in trigger_lexicon().pattern.finditer(self.text, *clause)
                if not _opens_a_noun(self.text, w := (m.start(), m.end(), m.group()))]
        lo = bisect.bisect_left(self.starts, clause[0])
        hi = bisect.bisect_left(self.starts, clause[1], lo)
        words, nouns, out = self.words, self._nouns, []
        for i in range(lo, hi):
            w = words[i]
            if w[1] > clause[1]:
                continue
            noun = nouns.get(i)
            if noun is None:
                noun = nouns[i] = _opens_a_noun(self.text, w) or (self.ents is not None
                                                                  and self.ents.overlaps(w[0], w[1]))
            if not noun:
                out.append(w)
        return out


_NOUN_TAGS = frozenset({"n", "nz", "nt", "ns", "nr", "j", "l"})
NOUN_REACH = 6  # characters of a dictionary word read at a trigger's start


def _opens_a_noun(text: str, word: Word) -> bool:
    """Whether a trigger word begins a longer noun of jieba's dictionary where it stands that names a kind of
    organisation (tag nt: 上市公司) or ends with a word of data/triggers.tsv, noun_end (发行量, 投资者, 发布会):
    part of a name of a thing or an agent, no predicate.  Not a noun the dictionary joins a verb and its
    object into (发布公告: 发布 is the predicate)."""
    start, end, _ = word
    longest = max(lexicon().prefixes(text[start:start + NOUN_REACH]), key=len, default="")
    if len(longest) <= end - start:
        return False
    tag = lexicon().tag(longest)
    return tag == "nt" or (tag in _NOUN_TAGS and any(longest.endswith(e) for e in trigger_lexicon().noun_ends))


@lru_cache(maxsize=1)
def _trigger_scanner() -> WordScanner | None:
    """The trigger words as a scanner; None when one of them holds a character of ``_BOUNDS``."""
    words = list(trigger_lexicon().rank)
    return None if any(ch in _BOUNDS for w in words for ch in w) else WordScanner(words)


def _find_trigger(text: str, index: TextIndex, clause: tuple[int, int], span: tuple[int, int],
                  use_jieba: bool, names: Gazetteer | None, triggers: _Triggers | None = None,
                  ents: Entities | None = None) -> Trigger:
    """The trigger, the clause it was found in and its position."""
    lex = trigger_lexicon()
    triggers = triggers or _Triggers(text)
    best: tuple[int, int, int, str, int] | None = None
    found = [w for w in triggers.within(clause)
             if not (w[0] < span[1] and span[0] < w[1])]  # not inside the date itself (…开始 of "9点开始")
    if any(w[0] >= span[1] for w in found):
        # 提出到2025年全市产值突破…: a verb whose object is a clause, before the date, dates nothing in it
        told = cues().content
        found = [w for w in found if w[0] >= span[1] or not told.fullmatch(w[2])]
    for start, _, word in found:
        after = start >= span[1]
        key = (lex.rank[word], 0 if after else 1, start if after else start - len(text), word, start)
        best = min(best, key) if best else key
    if best:
        return best[3], clause, best[4]
    following = index.next_clause(clause)
    # The next clause that has a predicate from the lexicon, up to a semicolon: what follows one is a statement
    # of its own (…全部成交，成交总金额89.6亿元；2月21日…增加: the first date's act is no 增加).
    while following is not None and text[following[0] - 1] not in _STATEMENT_END:
        ranked = sorted((lex.rank[word], start, word) for start, _, word in triggers.within(following))
        if ranked:
            return ranked[0][2], following, ranked[0][1]
        following = index.next_clause(following)
    if use_jieba:
        # after the date first: the time comes before its predicate (其控股股东中国邮政集团于近期增持)
        pieces = [(span[1], clause[1]), (clause[0], span[0])] if clause[0] <= span[0] < clause[1] else [clause]
        if any(HAN_CHAR.search(text, a, b) for a, b in pieces if a < b):
            verb, at = _jieba_verb(text, pieces, lex.skip, names, ents)
            return verb, clause, at
    return None, clause, None


_STATEMENT_END = frozenset("；;")  # marks after which a sentence goes on with a statement of its own
_VERB_FLAGS = {"v", "vd", "vi", "vf", "vx"}  # not "vn": a verb used as a noun (直播, 微信) is no predicate


def _jieba_verb(text: str, pieces: list[tuple[int, int]], skip: frozenset[str],
                names: Gazetteer | None, ents: Entities | None = None) -> tuple[str | None, int | None]:
    """The first verb jieba's tagger finds in the pieces of a clause (in the order given), and where it starts;
    never a word inside a name (jieba tags 超市 of 永辉超市 a verb)."""
    # Without jieba's HMM, which only guesses out-of-vocabulary words (names, mostly).
    for lo, hi in pieces:
        named = ents.within(lo, hi) if ents is not None else []
        for word, flag, at in lexicon().tagged_words(text[lo:hi], offsets=True):
            if flag in _VERB_FLAGS and word not in skip \
                    and not (names and names.canonical(word)) \
                    and not any(m.start <= lo + at < m.end for m in named):  # jieba tags some brands as verbs (有赞)
                return word, lo + at
    return None, None


def _involved(ents: Entities, actors: list[str], *clauses: tuple[int, int]) -> list[str]:
    """The actors, then every other entity the date's clause, the event clause and the trigger's clause name."""
    names = list(actors)
    for lo, hi in dict.fromkeys(clauses):
        names += [ents.name(m) for m in ents.within(lo, hi)]
    return list(dict.fromkeys(names))


def build_events(text: str, mentions: list[DateMention], gaz: Gazetteer, index: TextIndex,
                 use_jieba: bool = True, ents: Entities | None = None,
                 spans: Sequence[tuple[int, int]] = ()) -> list[dict[str, Any]]:
    """Event records; identical dates of one sentence with one trigger are merged into one.  ``ents``: the article's
    entities (found here from the gazetteer and the text when not given); ``spans``: where the
    dates and quantities of the text are (no doer is read in them; the dates by default)."""
    ents = ents if ents is not None else find_entities(text, gaz)
    spans = sorted(spans or [(m.pos, m.endpos) for m in mentions])
    starts = [s for s, _ in spans]
    date_spans = {(m.pos, m.endpos) for m in mentions}
    events: list[dict[str, Any]] = []
    seen: set[tuple[int, str, str | None, str | None, int | None]] = set()
    triggers = _Triggers(text, ents)
    for dm in mentions:
        sentence = index.sentence(dm.pos)
        span = (dm.pos, dm.endpos)
        local = spans[bisect.bisect_left(starts, sentence[0]):bisect.bisect_left(starts, sentence[1])]
        own, clause = event_clause(text, index, span, [d for d in local if d in date_spans])
        trigger, trigger_clause, trigger_at = _find_trigger(text, index, clause, span, use_jieba, gaz, triggers,
                                                            ents)
        key = (sentence[0], dm.text, dm.start, dm.end, trigger_at)
        if key in seen:
            continue
        seen.add(key)
        actors = event_actors(text, ents, index, clause, trigger_at, trigger_clause, local, trigger, dm.text,
                              span)
        events.append({
            "date": dm.to_json(),
            "actors": actors,
            "involved": _involved(ents, actors, own, clause, trigger_clause),
            "trigger": trigger,
            "sentence": text[sentence[0]:sentence[1]],
            "span": [dm.pos, dm.endpos],
        })
    return events

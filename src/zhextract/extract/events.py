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
* ``actors``: the gazetteer entities of the event clause (plus the date's own
  clause when it borrowed the next one); when there are none, those of the
  clause the trigger was found in; else the sentence's.
* ``sentence`` and ``span`` locate the date in the clean text.

Identical dates (same text, same resolution) in one sentence make one event.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from zhextract.extract.dates import DateMention
from zhextract.extract.text import TextIndex
from zhextract.gazetteer import Gazetteer
from zhextract.lexicon import lexicon
from zhextract.patterns import compile_pattern
from zhextract.resources import read_table
from zhextract.script import HAN_CHAR

TRIGGER_CLASSES = ("event", "change", "weak", "report")  # best first
_ALL_CLASSES = (*TRIGGER_CLASSES, "skip", "filler")


@dataclass(frozen=True)
class TriggerLexicon:
    pattern: regex.Pattern[str]  # every trigger word, longest first
    rank: dict[str, int]  # word -> rank of its class (0 = best)
    skip: frozenset[str]  # never a trigger, even when jieba tags it a verb
    filler: regex.Pattern[str]  # words that may stand beside a date in a clause of its own (+ report verbs)


@lru_cache(maxsize=1)
def trigger_lexicon() -> TriggerLexicon:
    rank: dict[str, int] = {}
    skip: set[str] = set()
    filler: set[str] = set()
    for row in read_table("triggers.tsv", 2):
        cls = row[1]
        if cls not in _ALL_CLASSES:
            raise row.error(f"unknown class {cls!r} (one of {', '.join(_ALL_CLASSES)})")
        for word in row.items(0):
            if cls == "skip":
                skip.add(word)
            elif cls == "filler":
                filler.add(word)
            else:
                rank.setdefault(word, TRIGGER_CLASSES.index(cls))
    reports = {w for w, r in rank.items() if r == TRIGGER_CLASSES.index("report")}
    return TriggerLexicon(_alternation(rank), rank, frozenset(skip), _alternation(filler | reports))


def _alternation(words: set[str] | dict[str, int]) -> regex.Pattern[str]:
    ordered = sorted(words, key=lambda x: (-len(x), x))
    return compile_pattern("|".join(regex.escape(x) for x in ordered) or r"(?!x)x")




def event_clause(text: str, index: TextIndex, span: tuple[int, int]) -> tuple[tuple[int, int], tuple[int, int]]:
    """``(date's clause, event clause)``: the event clause is the next one when the date stands alone."""
    own = index.clause(*span)
    clause = own
    lex = trigger_lexicon()
    for _ in range(2):  # "2019年，3月1日，快手宣布…": at most two clauses of bare dates
        rest = text[clause[0]:span[0]] if clause == own else text[clause[0]:clause[1]]
        if clause == own:
            rest += text[span[1]:clause[1]]
        if HAN_CHAR.search(lex.filler.sub("", rest)):
            break
        following = index.next_clause(clause)
        if following is None:
            break
        clause = following
    return own, clause


def _find_trigger(text: str, index: TextIndex, clause: tuple[int, int], span: tuple[int, int],
                  use_jieba: bool, names: Gazetteer | None) -> tuple[str | None, tuple[int, int]]:
    """The trigger and the clause it was found in."""
    lex = trigger_lexicon()
    best: tuple[int, int, int, str] | None = None
    for m in lex.pattern.finditer(text, clause[0], clause[1]):
        if m.start() < span[1] and span[0] < m.end():
            continue  # inside the date itself (…开始 of "9点开始")
        after = m.start() >= span[1]
        key = (lex.rank[m.group()], 0 if after else 1, m.start() if after else m.start() - len(text), m.group())
        best = min(best, key) if best else key
    if best:
        return best[3], clause
    following = index.next_clause(clause)
    while following is not None:  # the next clause that has a predicate from the lexicon
        found = sorted((lex.rank[m.group()], m.start(), m.group())
                       for m in lex.pattern.finditer(text, following[0], following[1]))
        if found:
            return found[0][2], following
        following = index.next_clause(following)
    if use_jieba:
        piece = text[clause[0]:span[0]] + " " + text[span[1]:clause[1]] if clause[0] <= span[0] < clause[1] \
            else text[clause[0]:clause[1]]
        if HAN_CHAR.search(piece):
            return _jieba_verb(piece, lex.skip, names), clause
    return None, clause


_VERB_FLAGS = {"v", "vd", "vi", "vf", "vx"}  # not "vn": a verb used as a noun (直播, 微信) is no predicate


def _jieba_verb(clause: str, skip: frozenset[str], names: Gazetteer | None) -> str | None:
    # Without jieba's HMM, which only guesses out-of-vocabulary words (names, mostly).
    for word, flag in lexicon().tagged_words(clause):
        if flag in _VERB_FLAGS and word not in skip \
                and not (names and names.canonical(word)):  # jieba tags some brands as verbs (有赞)
            return str(word)
    return None


def actors_for(text: str, gaz: Gazetteer, own: tuple[int, int], clause: tuple[int, int],
               sentence: tuple[int, int], trigger_clause: tuple[int, int] | None = None) -> list[str]:
    """Gazetteer entities of the event clause (and the date's own), else of the clause its trigger
    was found in, else of the sentence."""
    found = [name for _, _, name in gaz.find(text, *own)] if own != clause else []
    found += [name for _, _, name in gaz.find(text, *clause)]
    if not found and trigger_clause and trigger_clause != clause:
        found = [name for _, _, name in gaz.find(text, *trigger_clause)]
    if not found:
        found = [name for _, _, name in gaz.find(text, *sentence)]
    return list(dict.fromkeys(found))


def build_events(text: str, mentions: list[DateMention], gaz: Gazetteer, index: TextIndex,
                 use_jieba: bool = True) -> list[dict[str, Any]]:
    """Event records; identical dates in one sentence are merged into one."""
    events: list[dict[str, Any]] = []
    seen: set[tuple[int, str, str | None, str | None]] = set()
    for dm in mentions:
        sentence = index.sentence(dm.pos)
        key = (sentence[0], dm.text, dm.start, dm.end)
        if key in seen:
            continue
        seen.add(key)
        span = (dm.pos, dm.endpos)
        own, clause = event_clause(text, index, span)
        trigger, trigger_clause = _find_trigger(text, index, clause, span, use_jieba, gaz)
        events.append({
            "date": dm.to_json(),
            "actors": actors_for(text, gaz, own, clause, sentence, trigger_clause),
            "trigger": trigger,
            "sentence": text[sentence[0]:sentence[1]],
            "span": [dm.pos, dm.endpos],
        })
    return events

"""The trigger lexicon of ``data/triggers.tsv``: predicates by strength, and the words that are none.

Events take their trigger from it (:mod:`zhextract.extract.events`); the
reading of doers (:mod:`zhextract.extract.roles`) uses its skip and filler
words, which never stand as the subject of a clause, and its verbs of saying.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from zhextract.patterns import compile_pattern
from zhextract.resources import read_table
from zhextract.trie import trie_regex

TRIGGER_CLASSES = ("event", "change", "weak", "report")  # best first
_ALL_CLASSES = (*TRIGGER_CLASSES, "skip", "filler", "noun_end")


@dataclass(frozen=True)
class TriggerLexicon:
    pattern: regex.Pattern[str]  # every trigger word, longest first
    rank: dict[str, int]  # word -> rank of its class (0 = best)
    skip: frozenset[str]  # never a trigger, even when jieba tags it a verb
    filler: regex.Pattern[str]  # words that may stand beside a date in a clause of its own (+ report verbs)
    fillers: frozenset[str]  # the filler words themselves
    reports: regex.Pattern[str]  # verbs of saying
    noun_ends: frozenset[str] = frozenset()  # what ends a noun that a trigger word begins (上市|公司, 发行|量)


@lru_cache(maxsize=1)
def trigger_lexicon() -> TriggerLexicon:
    rank: dict[str, int] = {}
    skip: set[str] = set()
    filler: set[str] = set()
    noun_ends: set[str] = set()
    for row in read_table("triggers.tsv", 2):
        cls = row[1]
        if cls not in _ALL_CLASSES:
            raise row.error(f"unknown class {cls!r} (one of {', '.join(_ALL_CLASSES)})")
        for word in row.items(0):
            if cls == "skip":
                skip.add(word)
            elif cls == "filler":
                filler.add(word)
            elif cls == "noun_end":
                noun_ends.add(word)
            else:
                rank.setdefault(word, TRIGGER_CLASSES.index(cls))
    reports = {w for w, r in rank.items() if r == TRIGGER_CLASSES.index("report")}
    return TriggerLexicon(_alternation(rank), rank, frozenset(skip), _alternation(filler | reports), frozenset(filler),
                          _alternation(reports), frozenset(noun_ends))


def _alternation(words: set[str] | dict[str, int]) -> regex.Pattern[str]:
    return compile_pattern(trie_regex(words))

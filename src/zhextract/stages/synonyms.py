"""The synonym table of spinning tools (``data/spin_synonyms.tsv``): which swapped words to restore, and where.

A spinning tool replaces words by fixed "synonyms" wherever they stand
(近日 -> 克日, 产品 -> 产物, 问题 -> 标题问题).  Many of the words it writes
are ordinary words too (产物 of a chemical reaction, 以为 as "mistakenly
thought", 示意 as a gesture), so every row carries a *guard*: a regex that
says in which context the word can only be the tool's.  A spun word may have
several rows; the first whose guard matches decides whether it is a sign of
spinning and what it becomes.

The repair stage asks this module for the guarded occurrences
(:meth:`SynonymTable.find`); the spinning simulator of
``benchmarks/spin_calibration.py`` uses the rows the other way round
(:meth:`SynonymTable.swaps`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from zhextract.patterns import compile_pattern
from zhextract.resources import Row, read_table
from zhextract.trie import WordScanner

FILE = "spin_synonyms.tsv"


@dataclass(frozen=True)
class SynonymRule:
    """One row: ``spun`` becomes ``original`` where ``guard`` matches; ``sign``: it proves spinning there."""

    spun: str
    original: str
    sign: bool
    guard: regex.Pattern[str]
    source: str  # file:line, for messages and tests


@dataclass(frozen=True)
class SynonymTable:
    """The rows by spun word, and one scanner over the spun words (all, and those that can be signs)."""

    rules: dict[str, tuple[SynonymRule, ...]]
    words: WordScanner
    signs: WordScanner

    def find(self, text: str, signs_only: bool = False) -> Iterator[tuple[int, int, SynonymRule]]:
        """Guarded occurrences of spun words: ``(start, end, deciding rule)``.

        ``signs_only``: only those whose deciding rule is a sign (all a clean
        document needs to be scored).
        """
        for start, end, word in (self.signs if signs_only else self.words).finditer(text):
            rule = self.decide(text, start, word)
            if rule is not None and (rule.sign or not signs_only):
                yield start, end, rule

    def decide(self, text: str, start: int, word: str) -> SynonymRule | None:
        """The first rule of ``word`` whose guard holds at ``start``, if any."""
        return next((r for r in self.rules.get(word, ()) if r.guard.match(text, start)), None)

    def swaps(self) -> dict[str, str]:
        """original -> the spun word a tool writes for it (the first row's), for simulating spinning."""
        out: dict[str, str] = {}
        for rules in self.rules.values():
            for r in rules:
                out.setdefault(r.original, r.spun)
        return out


def _rule(cells: tuple[str, ...], source: str) -> SynonymRule:
    spun, original, sign, guard = cells
    return SynonymRule(spun, original, sign == "yes",
                       compile_pattern(guard.replace("{w}", regex.escape(spun))), source)


@lru_cache(maxsize=4)
def load_synonyms(path: str = FILE) -> SynonymTable:
    """The table of ``path`` (a built-in file name or a path), checked row by row."""
    rules: dict[str, list[SynonymRule]] = {}
    originals: dict[str, Row] = {}
    for row in read_table(Path(path) if "/" in path else path, 4):
        spun, original, sign, guard = row.cells
        if sign not in ("yes", "no") or not spun or not original or not guard:
            raise row.error("a synonym row is: <spun> TAB <original> TAB yes|no TAB <guard regex with {w}>")
        if spun == original:
            raise row.error("the spun word equals the original")
        if "{w}" not in guard and spun not in guard:
            raise row.error("the guard must contain the spun word, written {w} or as itself")
        try:
            rule = _rule(row.cells, f"{Path(row.path).name}:{row.line}")
        except regex.error as exc:
            raise row.error(f"bad guard regex: {exc}") from None
        rules.setdefault(spun, []).append(rule)
        originals.setdefault(original, row)
    for word in sorted(set(rules) & set(originals)):
        raise originals[word].error(f"{word} is the spun word of another row: repairs would chain")
    signs = [w for w, rs in rules.items() if any(r.sign for r in rs)]
    # The words are found by one Aho-Corasick pass; only their guards are regexes.
    return SynonymTable({w: tuple(rs) for w, rs in rules.items()}, WordScanner(rules), WordScanner(signs))

"""Word lists as trie-shaped regular expressions.

An alternation of hundreds of literals makes a regex engine try each of them
at every position; a pattern shaped like a character trie (``今(?:年|天|日)``)
decides on each character once, several times faster over a whole article.
Every vocabulary of the rule data is matched this way.  The pattern is valid
for both ``re`` and ``regex``, and prefers the longest word at a position.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

NEVER = r"(?!x)x"
_GAP = r"[ \t\u3000\-]*"
_LATIN_SEP = re.compile(r"[\s\-]+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _ascii_letter(ch: str) -> bool:
    return "a" <= ch <= "z" or "A" <= ch <= "Z"


def trie_regex(words: Iterable[str], *, gaps: bool = False, latin_bounds: bool = False,
               after_word: Callable[[str], str] | None = None) -> str:
    """One pattern matching any of ``words``, longest first.

    ``gaps``: between two Latin letters or digits of a word, spaces or
    hyphens may stand (``Tik Tok``, ``aauto-quicker``); the words are given
    without them.  ``latin_bounds``: a word that starts or ends with a Latin
    letter does not match inside a longer Latin word.  ``after_word(word)``:
    a pattern (usually a negative lookahead) that must hold where ``word``
    ends, e.g. ``(?!分)`` after 部 since 部分 is another word.
    """
    root: dict[str, Any] = {}
    for w in words:
        if gaps and not _HAN.search(w):
            w = _LATIN_SEP.sub("", w)
        if not w:
            continue
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = w
    if not root:
        return NEVER

    def build(node: dict[str, Any], prev: str) -> str:
        branches: list[str] = []
        leaves: list[str] = []
        for ch in sorted(k for k in node if k):
            piece = re.escape(ch)
            decorated = False
            if gaps and prev and _ascii_alnum(prev) and _ascii_alnum(ch):
                piece, decorated = _GAP + piece, True
            if not prev and latin_bounds and _ascii_letter(ch):
                piece, decorated = r"(?<![A-Za-z])" + piece, True
            rest = build(node[ch], ch)
            if rest or decorated:
                branches.append(piece + rest)
            else:
                leaves.append(piece)
        if leaves:
            branches.append(leaves[0] if len(leaves) == 1 else "[" + "".join(leaves) + "]")
        end = ""
        if "" in node:
            end = (after_word(node[""]) if after_word else "") + (
                r"(?![A-Za-z])" if latin_bounds and _ascii_letter(prev) else "")
        if not branches:
            return end
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" not in node:
            return body
        return f"(?:{body}|{end})" if end else f"(?:{body})?"

    return build(root, "")


class WordScanner:
    """The matches of ``re.compile(trie_regex(words, latin_bounds=...)).finditer``, from one
    Aho–Corasick pass (``ahocorasick-rs``, a Rust core) instead of a regex walk.

    A trie regex is entered at every character that can start a word, and in
    Chinese text most characters start one (中, 大, 新); the automaton reads
    the text once.  Leftmost first, the longest word at a place, matches not
    overlapping.  With ``latin_bounds``, a word that starts (ends) with a Latin
    letter does not match after (before) another Latin letter, the letter
    before ``start`` included, as the regex's lookbehind sees it; the
    leftmost-longest matches are then the regex's unless one of them cuts a
    Latin word; only then is every occurrence asked for and the choice made
    here.  Built on first use: the automata cannot be pickled.
    """

    def __init__(self, words: Iterable[str], latin_bounds: bool = False) -> None:
        self.words = sorted({w for w in words if w})
        self.latin_bounds = latin_bounds
        self._edges = [(_ascii_letter(w[0]), _ascii_letter(w[-1])) for w in self.words] if latin_bounds else []
        self._automaton: Any = None

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_automaton": None}

    def _matchers(self) -> tuple[Any, Any]:
        """The leftmost-longest automaton, and (with ``latin_bounds``) one reporting every occurrence."""
        if self._automaton is None:
            import ahocorasick_rs

            kinds = ahocorasick_rs.MatchKind
            longest = ahocorasick_rs.AhoCorasick(self.words, matchkind=kinds.LeftmostLongest)
            every = ahocorasick_rs.AhoCorasick(self.words, matchkind=kinds.Standard) if self.latin_bounds else None
            self._automaton = (longest, every)
        return self._automaton  # type: ignore[no-any-return]

    def _cuts_latin(self, text: str, k: int, s: int, e: int, end: int) -> bool:
        """Word ``k`` at ``text[s:e]`` starts after or ends before a Latin letter (``end``: where the text ends)."""
        first, last = self._edges[k]
        return (first and s > 0 and _ascii_letter(text[s - 1])) or (last and e < end and _ascii_letter(text[e]))

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        """``(start, end, word)`` of every match in ``text[start:end]``, in text order."""
        if not self.words:
            return []
        end = len(text) if end is None else end
        piece = text if start == 0 and end == len(text) else text[start:end]
        words = self.words
        longest, every = self._matchers()
        hits = longest.find_matches_as_indexes(piece)
        if not self.latin_bounds or not any(self._cuts_latin(text, k, s + start, e + start, end) for k, s, e in hits):
            # When no leftmost-longest match cuts a Latin word, they are the regex's matches: each starts
            # where the first match of any word does, and is the longest there.
            return [(s + start, e + start, words[k]) for k, s, e in hits]
        found = []
        for k, s, e in every.find_matches_as_indexes(piece, overlapping=True):
            s += start
            e += start
            if not self._cuts_latin(text, k, s, e, end):
                found.append((s, -e, k))
        found.sort()
        out = []
        pos = -1
        for s, neg_e, k in found:
            if s >= pos:
                pos = -neg_e
                out.append((s, pos, words[k]))
        return out

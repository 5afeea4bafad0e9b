"""Word lists as trie-shaped patterns: the same matches as a longest-first alternation, in re and regex."""

from __future__ import annotations

import pickle
import re

import regex
from hypothesis import given
from hypothesis import strategies as st

from zhextract.trie import NEVER, WordScanner, trie_regex


def test_prefers_the_longest_word_at_each_position() -> None:
    pattern = re.compile(trie_regex(["今年", "今年度", "今天", "去年"]))
    assert [m.group() for m in pattern.finditer("今年度今年今天去年")] == ["今年度", "今年", "今天", "去年"]


@given(st.lists(st.text(alphabet="快手电商抖音ab Ab", min_size=1, max_size=5), min_size=1, max_size=8),
       st.text(alphabet="快手电商抖音ab Ab的", max_size=30))
def test_finds_what_a_longest_first_alternation_finds(words: list[str], text: str) -> None:
    words = [w for w in words if w]
    flat = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    for engine in (re, regex):
        trie = engine.compile(trie_regex(words))
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in engine.finditer(flat, text)]


def test_latin_bounds_keep_latin_words_whole() -> None:
    pattern = regex.compile(trie_regex(["Zan", "有赞"], latin_bounds=True))
    assert [m.group() for m in pattern.finditer("Zan和有赞，不是Zanzibar或BZan")] == ["Zan", "有赞"]


def test_gaps_allow_spaces_and_hyphens_inside_latin_words() -> None:
    pattern = regex.compile(trie_regex(["Tik Tok", "AautoQuicker"], gaps=True), regex.IGNORECASE)
    found = [m.group() for m in pattern.finditer("Tik Tok、TikTok、aauto-quicker、Aauto  Quicker")]
    assert found == ["Tik Tok", "TikTok", "aauto-quicker", "Aauto  Quicker"]


def test_after_word_guards_where_a_word_ends() -> None:
    pattern = re.compile(trie_regex(["部", "个"], after_word=lambda w: "(?!分)" if w == "部" else ""))
    assert [m.start() for m in pattern.finditer("一部手机，部分用户，一个")] == [1, 11]


def test_no_words_never_match() -> None:
    assert trie_regex([]) == NEVER and not re.search(trie_regex([]), "任何文字")


_ALPHABET = "快手电商抖音有赞abZA 的"


@given(st.lists(st.text(alphabet=_ALPHABET, min_size=1, max_size=5), min_size=1, max_size=10),
       st.text(alphabet=_ALPHABET, max_size=40), st.booleans(), st.integers(0, 5), st.integers(0, 5))
def test_word_scanner_finds_what_the_trie_regex_finds(words: list[str], text: str, latin_bounds: bool,
                                                      cut_start: int, cut_end: int) -> None:
    """The automaton's matches are the regex's: leftmost, longest, not overlapping, Latin words whole
    (the letter before ``start`` seen, the text after ``end`` not), over any slice."""
    pattern = re.compile(trie_regex(words, latin_bounds=latin_bounds))
    start = min(cut_start, len(text))
    end = max(start, len(text) - cut_end)
    expected = [(m.start(), m.end(), m.group()) for m in pattern.finditer(text, start, end)]
    assert WordScanner(words, latin_bounds=latin_bounds).finditer(text, start, end) == expected


def test_word_scanner_keeps_latin_words_whole_and_survives_pickling() -> None:
    scanner = WordScanner(["Zan", "有赞", "有赞微商城"], latin_bounds=True)
    text = "Zan和有赞微商城，不是Zanzibar或BZan"
    assert [w for _, _, w in scanner.finditer(text)] == ["Zan", "有赞微商城"]
    again = pickle.loads(pickle.dumps(scanner))
    assert again.finditer(text) == scanner.finditer(text)
    assert WordScanner([]).finditer(text) == []

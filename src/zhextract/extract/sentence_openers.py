"""Names where news says who a sentence is about: at its opening.  A name before the sentence's date
(:func:`opener_names`: ``云帆汽车2024年前三季度实现…``), before a verb of announcing or a person's title
(:func:`cued_openers`: ``顺岭快运宣布…``), and a place no dictionary knows, by its administrative form, where
a sentence or its date opens the clause (:func:`place_openers`: ``江城市商品住宅…``).  The ``opener`` rule of
:mod:`zhextract.extract.names`: read by position, after the dates are known."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from zhextract.extract.dictionary_names import _Proper, proper_names
from zhextract.extract.marked_names import _name_char
from zhextract.extract.metrics import find_heads, measure_words
from zhextract.extract.names import (
    _NO_NAME_START,
    ADMIN_SPLIT_FREQ,
    HAN_CHARS,
    PROPER_TAGS,
    RARE_NAME_FREQ,
    Candidate,
    _is_stop,
    clause_words,
    frames,
    not_names,
)
from zhextract.extract.org_forms import strip_suffixes, suffixes
from zhextract.lexicon import Lexicon, Token, lexicon
from zhextract.resources import read_table
from zhextract.trie import trie_regex

OPENER_MAX = 8  # characters of a name that opens a sentence before its date
ABBREVIATION_TAGS = frozenset({"j", "nt", "nz"})  # jieba's tags of short names and organisations
OPENER_REPEATS = 3  # times an article writes a new word of the HMM before it opens a sentence as a name (联电)


@lru_cache(maxsize=1)
def _opener_link() -> re.Pattern[str]:
    """The words that lead from a sentence's subject to its date (云帆汽车于3月宣布, 澜途已于2024年), at the end
    of the words before the date: no part of the name (data/clause_cues.tsv, role date_link)."""
    return re.compile(f"(?:{trie_regex(clause_words()['date_link'])})$")


def opener_names(text: str, dates: list[tuple[int, int]], sentence_start: Callable[[int], int]) -> list[Candidate]:
    """A name that opens a sentence right before its date (``云帆汽车2024年前三季度实现…``, ``澜途3月营收…``,
    ``云帆汽车于3月宣布``: the words of :func:`_opener_link` between them are no part of it):
    news names who a sentence is about first.  The words before the date must be a name's: two to
    ``OPENER_MAX`` Han or Latin characters, no function word, not one ordinary word of the dictionary
    (行业, 公司, 市场), not a place or frame (山东, 全国: :func:`.lexicon_names` reads those), and not a
    word of not_names.txt."""
    lex = lexicon()
    proper = proper_names()
    out = []
    for s, _ in dates:
        lo = sentence_start(s)
        while lo < s and text[lo] in " \u3000\t":
            lo += 1
        end = s
        link = _opener_link().search(text, lo, s)
        if link is not None:
            end = link.start()  # 云帆汽车于3月宣布, 澜途将于2025年起: the words that lead to a date
        measured = [h.start for h in find_heads(text, lo, end) if h.end == end and h.start - lo >= 2]
        if measured:
            end = measured[0]  # 联电|股价今年以来…: the measure the sentence is about is no part of the name
        parts = [(lo, end)]
        joined = _coordinators().search(text, lo, end)
        if joined is not None and joined.start() > lo:  # 沙特阿美与中国石化于10月签署…: names acting together
            parts = [(lo, joined.start()), (joined.end(), end)]
        if all(_opener_word(text[a:b], lex, proper, text) for a, b in parts):  # every part a name, or none
            out.extend(Candidate(a, b, "company", "opener", strip_suffixes(text[a:b])) for a, b in parts)
    names = {text[c.start:c.end] for c in out}
    for i, c in enumerate(out):  # 晶圆代工大厂|联电2025年…, 联电先前…: what describes the name is no part of it
        shorter = [n for n in names if len(n) >= 2 and len(n) < c.end - c.start and text.endswith(n, 0, c.end)]
        if shorter:
            n = max(shorter, key=len)
            out[i] = Candidate(c.end - len(n), c.end, c.type, c.source, strip_suffixes(n))
    return out


def _opener_word(word: str, lex: Lexicon, proper: _Proper, text: str = "") -> bool:
    """Whether the words before a sentence's date may be a name (see :func:`opener_names`); one new word of
    jieba's HMM, or a rare short name of its dictionary (j, nt, nz) that its route cuts in pieces (台|电), is one
    when ``text``, the article, writes it OPENER_REPEATS times or more (联电, 台电)."""
    if not 2 <= len(word) <= OPENER_MAX or not all(_name_char(ch) for ch in word) or word in not_names():
        return False
    if word in proper.types or any(ch.isdigit() for ch in word):
        return False
    if lex.tag(word) in ABBREVIATION_TAGS and lex.freq(word) < RARE_NAME_FREQ and text.count(word) >= OPENER_REPEATS:
        return True  # 台电 (j): a rare short name the dictionary knows, though its route cuts it (台|电), written again
    tokens = lex.tokens(word, hmm=False)
    if any(_is_stop(t) or _verb(t) for t in tokens) and not _unknown_name(word) \
            and not (_lone_hmm_word(word) and text.count(word) >= OPENER_REPEATS):
        return False  # 台|积|电, 知|鹊平台: in pieces of the dictionary, but one new word of jieba's HMM (台积电)
    return not (len(tokens) == 1 and tokens[0].tag is not None and tokens[0].tag not in ("nz", "nt", "nrt")
                and lex.freq(word) >= RARE_NAME_FREQ)  # one ordinary word


@lru_cache(maxsize=1)
def _coordinators() -> re.Pattern[str]:
    """The first coordinator (data/clause_cues.tsv: 与, 和, 及) of a stretch, the longest first."""
    return re.compile(trie_regex(clause_words()["coordinator"]))


PLACE_OPENER = re.compile(rf"[{HAN_CHARS}]{{2}}[市省县]")  # 江城市, 澜州市: a name of two characters and its level


def place_openers(text: str, dates: list[tuple[int, int]], sentence_start: Callable[[int], int]) -> list[Candidate]:
    """A place no dictionary knows, by its administrative form, where a sentence or its date opens the
    clause (``截至2024年末，江城市商品住宅…``, ``澜州市常住人口为…``): two characters before 市, 省 or 县, where
    news names whose figures follow.  Not when the level begins a word with what follows (江城|市场), the
    whole is a dictionary word, or the name is a frame, a function word or a word of not_names.txt (全市,
    本县, 该市)."""
    lex = lexicon()
    proper = proper_names()
    starts = {sentence_start(s) for s, _ in dates} | {e for _, e in dates}
    starts |= {m.end() for m in re.finditer(r"[。！？!?\n]", text)} | {0}
    out = []
    for at in sorted(starts):
        m = PLACE_OPENER.match(text, _past_commas(text, at))
        if m is None:
            continue
        name, end = m.group()[:2], m.end()
        if lex.freq(text[end - 1:end + 1]) >= ADMIN_SPLIT_FREQ or lex.freq(m.group()) > 0 or name in not_names() \
                or name in frames() or m.group() in proper.types or lex.tag(name[0]) in _NO_NAME_START \
                or any(_is_stop(t) or _verb(t) for t in lex.tokens(name, hmm=False) if len(t.word) > 1):
            continue
        out.append(Candidate(m.start(), end, "place", "opener", m.group()))
    return out


def _past_commas(text: str, at: int) -> int:
    """``at`` moved past the spaces and commas after a date (1月19日，|…)."""
    while at < len(text) and text[at] in " \u3000，,":
        at += 1
    return at


def _verb(tok: Token) -> bool:
    """A verb of the dictionary that is no organisation's suffix (集成 of 微光集成, 超市 of 惠邻超市 are)."""
    return (tok.tag or "").startswith("v") and tok.word not in suffixes().rows


def _unknown_name(word: str) -> bool:
    """Whether ``word`` reads as a name that jieba's dictionary does not know: it starts with a word of its HMM
    (台积|电, 知鹊|平台, 鲜到|家) or a proper or rare noun (远景|动力, 甘泉|饮品), and holds no function word and no
    verb but an organisation's suffix.  Not one ordinary word (当地政府, 外界) nor a person's noun phrase
    (知情人士: 知情 is no rare word)."""
    tokens = lexicon().tokens(word)
    first = tokens[0]
    if any((_is_stop(t) and not (t is first and _hmm_word(t))) or _verb(t) for t in tokens):
        return False  # but 顺岭 of 顺岭快运: a word of the HMM may start with what alone is a preposition
    if first.tag is None:
        return len(first.word) > 1 and len(tokens) > 1
    return first.tag in PROPER_TAGS or (first.tag in ("n", "j") and lexicon().freq(first.word) < RARE_NAME_FREQ
                                        and len(tokens) > 1)


def _lone_hmm_word(word: str) -> bool:
    """Whether ``word`` is one word of jieba's HMM, no part of it a function word (联电, not 并将)."""
    tokens = lexicon().tokens(word)
    return len(tokens) == 1 and _hmm_word(tokens[0]) \
        and not any(_is_stop(t) for t in lexicon().tokens(word, hmm=False) if len(t.word) > 1)


def _hmm_word(tok: Token) -> bool:
    """A word of two Han characters or more that jieba's HMM joined and its dictionary lacks."""
    return tok.tag is None and len(tok.word) > 1 and all("\u4e00" <= ch <= "\u9fff" for ch in tok.word)


@lru_cache(maxsize=1)
def _cue_pattern() -> re.Pattern[str]:
    """The words opening a sentence, before a name cue (data/clause_cues.tsv, name_cue) or a person's title
    (data/person_context.tsv, before): the shortest run of two to OPENER_MAX name characters."""
    cues = clause_words()["name_cue"] | {
        w for row in read_table("person_context.tsv", 2) if row[0] == "before" for w in row.items(1)}
    return re.compile(rf"[ \u3000]*(?P<name>[{HAN_CHARS}A-Za-z]{{2,{OPENER_MAX}}}?)(?:{trie_regex(cues)})")


_SENTENCE_END = re.compile(r"[。！？!?\n]")


def cued_openers(text: str, dates: list[tuple[int, int]] = (), sentence_start: Callable[[int], int] | None = None,
                 ) -> list[Candidate]:
    """A name that opens a sentence, or the clause after the date opening it, right before a verb of announcing
    or saying or a person's title (``弹幕星球公布，…``, ``1月19日，顺岭快运宣布…``, ``鲜到家创始人兼首席执行官…``):
    where news names who a sentence is about, read as :func:`_unknown_name` (a new name of the HMM, or a proper
    or rare noun before a head)."""
    proper = proper_names()
    out = []
    pattern = _cue_pattern()
    endings = measure_words().endings
    starts = {0, *(m.end() for m in _SENTENCE_END.finditer(text))}  # tried only where a sentence starts
    if sentence_start is not None:  # … or after the date that opens it (1月19日，…)
        starts |= {_past_commas(text, e) for s, e in dates if sentence_start(s) == s}
    for m in filter(None, (pattern.match(text, at) for at in sorted(starts))):
        word = m.group("name")
        if word in not_names() or word in proper.types or not _unknown_name(word) \
                or text[m.end():m.end() + 1] in endings:  # 用户日均发布|量: the cue heads a measure, no act
            continue
        out.append(Candidate(m.start("name"), m.end("name"), "company", "opener", strip_suffixes(word)))
    return out

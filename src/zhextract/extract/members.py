"""Names listed before the kind they belong to: ``国航、东航、南航等多家航空公司``, ``甲保险、乙人寿等大型保险公司``;
and names listed with companies (:func:`peer_members`).

News names companies in a list closed by 等 (or 三大, 四大) and the kind they all are.  The kind word, not
the names, says what they are: short names (国航), names jieba splits (中国|人保) or does not know (小鹏)
all become organisations this way, without a suffix or a gazetteer line.  The kinds and their entity types
are the ``kind`` rows of ``data/collectives.tsv``.

Every item of the list must read as a name (no function word, number or verb of jieba's dictionary in
it, two to ten characters); the first one is what is left of the words before the first 、 once the
clause's opening words are dropped (包括|中国人保).  A list with an item that is no name is no list of names
(``扩大投资、增加产能等企业`` has verbs): nothing is taken from it; items made only of common nouns name
industries, not companies (``钢铁、煤炭等企业``): a list is taken when at least half its items hold a name
(a proper noun, an abbreviation, Latin, a word jieba does not know), as 理想、蔚来和小鹏 do.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from zhextract.extract.names import STOP_TAGS, Candidate, not_names
from zhextract.extract.number_words import approx_words
from zhextract.extract.org_forms import holds_a_name
from zhextract.extract.text import in_book_title
from zhextract.lexicon import lexicon
from zhextract.resources import read_table
from zhextract.trie import trie_regex

MEMBER_MIN = 2  # characters of a listed name
MEMBER_MAX = 10
LIST_MAX = 12  # items of one list
KIND_MODIFIER = 4  # characters of words between the count and the kind (等新势力车企, 等国内头部券商)
# A count of the listed (多家, 5家, 十余家) between 等 and the kind, with the grading words of kind_grade rows.
_COUNT = r"[多数几两\d一二三四五六七八九十百余]+(?:家|个|所)"
_ITEM_SEP = "、"
_LAST_JOIN = re.compile(r"(?<=.{2})(?:以及|和|及|与)(?=.{2})")  # 国航、东航和南航: the last two joined by a word
_BOUNDARY = frozenset("，。；：！？,;:!?（）()《》“”\"「」『』【】\n ")


@lru_cache(maxsize=1)
def _kinds() -> tuple[re.Pattern[str], dict[str, str]]:
    """The list closer (等 or 三大 …) and the kind words of ``collectives.tsv`` with their types."""
    types: dict[str, str] = {}
    grades: list[str] = []
    for row in read_table("collectives.tsv", 3, 2):
        if row[0] == "kind":
            types.update((w, row[2]) for w in row.items(1))
        elif row[0] == "kind_grade":
            grades.extend(row.items(1))
    between = rf"(?:{_COUNT}|{trie_regex(grades)})*[\u4e00-\u9fff]{{0,{KIND_MODIFIER}}}?"
    closer = rf"(?=[等两三四五六七八九十])(?:等{between}|[两三四五六七八九十]大)" \
        rf"(?P<kind>{trie_regex(types)})"
    return re.compile(closer), types


PLACED_CLASS = 6  # characters of the words between a place and the kind of organisation it qualifies (我国|百货|公司)


@lru_cache(maxsize=1)
def _placed_class() -> re.Pattern[str]:
    """Nouns ending in a kind word of ``collectives.tsv`` (百货公司, 商业银行), matched right after a place."""
    _, types = _kinds()
    return re.compile(rf"[\u4e00-\u9fff]{{0,{PLACED_CLASS}}}?(?:{trie_regex(types)})")


def placed_class(text: str, at: int) -> int | None:
    """Where a class of organisations written right after a place at ``at`` ends (我国|百货公司近年…, 全国|商业银行…),
    else None: the place qualifies the class, and the class, placed, is whose the clause's figures are.  Only
    nouns of the dictionary (no verb, no function word, no unknown word that may be a name)."""
    m = _placed_class().match(text, at)
    if m is None or any(t.tag is None or t.tag in STOP_TAGS or t.tag.startswith("v")
                        for t in lexicon().tokens(m.group())):
        return None
    return m.end()


def kind_members(text: str) -> list[Candidate]:
    """Organisations named in a list closed by 等 and their kind (see the module docstring)."""
    pattern, types = _kinds()
    out: list[Candidate] = []
    lex = lexicon()
    for m in pattern.finditer(text):
        if in_book_title(text, m.start()) or (lex.tag(text[m.start():m.start() + 2]) or "").startswith("v"):
            continue  # 等待, 等到, 等于: the verb 等, no list's closer
        items = _items_before(text, m.start())
        if items:
            kind = types[m.group("kind")]
            out.extend(Candidate(s, e, kind, "member", text[s:e]) for s, e in items)
    return out


GROUP_MODIFIER = 6  # characters of words between a definite count and its kind (三家|基础电信|企业)


@lru_cache(maxsize=1)
def _group() -> re.Pattern[str]:
    """A definite count (两家 to 十家, 三大) and a kind of ``collectives.tsv``, no count before it."""
    _, types = _kinds()
    return re.compile(rf"(?<![\d.一二三四五六七八九十两几多数余等])(?:[两三四五六七八九十]|[1-9]\d{{0,3}})(?:家|大)"
                      rf"(?P<mid>[\u4e00-\u9fff]{{0,{GROUP_MODIFIER}}}?)(?P<kind>{trie_regex(types)})"
                      rf"(?![\u4e00-\u9fff]*?(?:之一|中|里|内))")


def counted_groups(text: str) -> list[Candidate]:
    """A group of organisations named by a definite count and their kind (``三家基础电信企业``, ``三大运营商``,
    ``42家上市银行``): the article means those it counts, who act and own figures together.  Not ``一家`` or
    ``多家``, which name no one (data/clause_cues.tsv, indefinite), nor a group that a list of its members
    stands right before or, after a colon, right after, nor one described after 的 (领域的两大平台), nor firms
    that 有 introduces (共有68家企业上市: not known before) or an approximation counts (超过1000家品牌); the
    words between count and kind hold no function word (上市 of 42家上市银行, a verb, modifies the kind)."""
    if "家" not in text and "大" not in text:
        return []
    _, types = _kinds()
    lex = lexicon()
    out = []
    for m in _group().finditer(text):
        mid = m.group("mid")
        if _items_before(text, m.start()) or text.startswith(("：", ":"), m.end()):
            continue  # 国航、东航、南航三大航空公司, 三家企业：甲、乙、丙: the members are named
        if text[m.start() - 1:m.start()] in ("的", "有") or _approximated(text, m.start()):
            continue  # 领域的两大领先平台: a description of those named elsewhere, not who acts; 共有68家企业上市:
            # 有 introduces firms not known before; 超过1000家品牌入驻: a count about so many, no definite group
        if mid and any(t.tag is None or t.tag in STOP_TAGS for t in lex.tokens(mid)):
            continue
        out.append(Candidate(m.start(), m.end(), types[m.group("kind")], "collective", m.group()))
    return out


def _approximated(text: str, at: int) -> bool:
    """Whether a word of approximation (data/approx.tsv, before the number: 超过, 约, 近) ends at ``at``."""
    return any(text.endswith(w, 0, at) for w in approx_words()["before"])


def _items_before(text: str, at: int) -> list[tuple[int, int]]:
    """The spans of the names listed right before ``at`` (where 等 stands), or none if one is no name."""
    lo = at
    while lo > 0 and text[lo - 1] not in _BOUNDARY and at - lo < LIST_MAX * (MEMBER_MAX + 1):
        lo -= 1
    pieces = _pieces(text, lo, at)
    if len(pieces) > LIST_MAX:
        return []
    s, e = pieces[-1]
    j = _LAST_JOIN.search(text[s:e])
    if j and _is_name(text[s:s + j.start()]) and _is_name(text[s + j.end():e]):
        pieces[-1:] = [(s, s + j.start()), (s + j.end(), e)]  # 国航、东航和南航 / 国航和东航等
    first = _name_end(text, *pieces[0])
    if first is None or not all(_is_name(text[s:e]) for s, e in pieces[1:]):
        return []
    pieces[0] = first
    proper = sum(holds_a_name(text[s:e]) for s, e in pieces)
    return pieces if 2 * proper >= len(pieces) else []  # 理想、蔚来和小鹏: one common word among names


def _pieces(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The spans of ``text[lo:hi]`` between the 、 that separate a list's items."""
    if hi < lo:
        return []
    pieces = []
    start = lo
    k = text.find(_ITEM_SEP, lo, hi)
    while k >= 0:  # str.find, not a Python loop over the characters of every stretch that holds a 、
        pieces.append((start, k))
        start = k + 1
        k = text.find(_ITEM_SEP, start, hi)
    pieces.append((start, hi))
    return pieces


def _is_name(word: str) -> bool:
    """Two to ten characters of a name: no function word, number or common verb among its words."""
    if not MEMBER_MIN <= len(word) <= MEMBER_MAX or word in not_names():
        return False
    if not all(ch.isalnum() for ch in word) or word.isdigit():
        return False
    return not any(_breaks(t.word, t.tag) for t in lexicon().tokens(word, hmm=True))


def _breaks(word: str, tag: str | None) -> bool:
    """A word no name is made of: a function word, a number, a verb of the dictionary (a noun-verb aside)."""
    if tag is None:
        return word.isdigit()
    return tag in STOP_TAGS or (tag.startswith("v") and tag != "vn")


def _name_end(text: str, s: int, e: int) -> tuple[int, int] | None:
    """The first item: the words before the first 、 from the last word no name is made of (包括|中国人保)."""
    tokens = lexicon().tokens(text[s:e], hmm=True)
    keep = len(tokens)
    while keep > 0 and not _breaks(tokens[keep - 1].word, tokens[keep - 1].tag):
        keep -= 1
    start = s + sum(len(t.word) for t in tokens[:keep])
    return (start, e) if _is_name(text[start:e]) else None


PEER_KNOWN = 2  # companies a list must name already before its other items are taken for companies too
PEER_SHARE = 3  # ... and at least one item in this many


def peer_members(text: str, is_company: Callable[[int, int], bool]) -> list[Candidate]:
    """Names listed with companies (``复星医药、上海医药、中国生物制药、石药集团等``): when a third of the items
    of a 、 list, and PEER_KNOWN of them, are companies already found (``is_company(start, end)``: a company's
    mention spans exactly that), every other item that reads as a name is a company too; when fewer than half
    are, only one that holds a name (a proper noun, a word the dictionary does not know: not 手机 in 小米、
    华为、星海、手机、电脑等) is.  That is how a
    company named as a large place and an industry word (上海医药), which alone reads as an industry of the
    place, is known: by the company it keeps."""
    out: list[Candidate] = []
    at = text.find(_ITEM_SEP)
    while at >= 0:
        lo = at
        while lo > 0 and text[lo - 1] not in _BOUNDARY:
            lo -= 1
        hi = at
        while hi < len(text) and text[hi] not in _BOUNDARY:
            hi += 1
        out.extend(_peers(text, lo, hi, is_company))
        at = text.find(_ITEM_SEP, hi)
    return out


def _peers(text: str, lo: int, hi: int, is_company: Callable[[int, int], bool]) -> list[Candidate]:
    """:func:`peer_members` in one stretch between marks, ``text[lo:hi]``."""
    cut = text.find("等", lo, hi)
    pieces = _pieces(text, lo, hi if cut < 0 else cut)
    if len(pieces) > LIST_MAX:
        return []
    rest = sum(is_company(s, e) for s, e in pieces[1:])
    if rest + 1 < PEER_KNOWN or PEER_SHARE * (rest + 1) < len(pieces):
        return []  # too few companies even if the first piece is one: most lists, told before it is read
    s0, e0 = pieces[0]
    first = next(((k, e0) for k in range(s0, e0 - 1) if is_company(k, e0)), None) or _name_end(text, s0, e0)
    if first is None:
        return []
    pieces[0] = first  # 药企有|复星医药: the company that ends the first piece, else its words from the last verb
    known = rest + is_company(*first)
    if known < PEER_KNOWN or PEER_SHARE * known < len(pieces):
        return []
    strong = 2 * known >= len(pieces)  # half the list: an ordinary word among them is a brand too (理想)
    return [Candidate(s, e, "company", "member", text[s:e]) for s, e in pieces
            if not is_company(s, e) and _is_name(text[s:e]) and (strong or holds_a_name(text[s:e]))]

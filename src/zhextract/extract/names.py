"""Where an article names companies, products, agencies, people and places: one rule per kind of sign.

Each finder returns :class:`Candidate` mentions; :mod:`zhextract.extract.entities`
resolves their overlaps and groups them into the article's entities.  Nothing
is downloaded: the signs are the gazetteer, the form of the words around a
name, and jieba's dictionary (its words, part-of-speech tags and HMM, through
:mod:`zhextract.lexicon`), read on a few characters at a time.

* ``gazetteer``   the names of ``data/gazetteer.tsv`` (and ``--gazetteer`` files);
* ``org_form``    a name before the words that end an organisation's name
                  (``星海控股有限公司``, ``云帆汽车``, ``国家统计局``;
                  ``data/org_suffixes.tsv``);
* ``defined``     the short names an article defines for what it just named
                  (``（以下简称“遥望”）``, ``（「星海」或「本集团」）``);
* ``latin``       a capitalised or mixed-case Latin word, or a model
                  (``Counterpoint``, ``iPhone 16 Pro``, ``Mate 60``, ``X9 Pro``),
                  not an acronym of ``data/latin_common.txt``;
* ``listed``      a listed company before its stock code in brackets
                  (``云帆汽车（601234）``, ``星海控股(0888.HK)``, ``联达（3081-TW）``):
                  the longest end of the words before the code that the
                  article writes again, else those words when they are short;
* ``title``       a person after a title or before a verb of saying (``首席执行官李明远表示``),
                  by family name and 某, or by a full name written twice: :mod:`.people`;
* ``collective``  bodies taken as a whole, sectors and markets (全国检察机关, 保险业, 科创板):
                  :mod:`.collectives`;
* ``lexicon``     a word jieba's dictionary tags as an organisation (nt), or as a
                  place (ns) when an administrative word ends it (山东省, 潍坊市);
* ``places``      the places of ``data/places.tsv`` (山东, 澳门, 美国; 全国, 我国 as written);
* ``repeated``    a word jieba's dictionary does not know, that its HMM joins at
                  the head of a clause and that the article writes more than once
                  (a new brand, a company known by a short name).
The last three are read only in the clauses where a doer or a number's
subject is looked for (:func:`lexicon_names`, :func:`repeated_names`): a
dictionary scan of a whole article would cost more than the rest of the
stage, and jieba's tags for people (nr) and other names (nz) are too often
ordinary words to be read at all (丘陵 nr, 世界杯 nz); people come from titles (:mod:`.people`).

``data/not_names.txt`` lists words that are never a name, whatever their tag.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import marisa_trie

from zhextract.gazetteer import latin_key
from zhextract.lexicon import Lexicon, Token, lexicon
from zhextract.patterns import compile_pattern
from zhextract.resources import read_list, read_roles, read_table
from zhextract.trie import trie_regex

TYPES = ("company", "product", "agency", "person", "place", "sector")
# Gazetteer types -> entity types of the article.
GAZETTEER_TYPES = {"platform": "company", "business": "company", "company": "company", "media": "company",
                   "product": "product", "program": "product", "regulator": "agency", "person": "person"}
KINDS = ("legal", "office", "industry", "product")  # strongest first
NAME_MAX = 8  # characters of name before an organisation's suffix
OFFICE_NAME_MAX = 12  # a public body's: 湖北省人民政府新闻办公室
OFFICE_FIELD_TAGS = frozenset({"n", "vn", "nz", "l", "j"})  # the words of the fields an office is named by
PROPER_TAGS = frozenset({"nr", "nrfg", "nrt", "ns", "nt", "nz"})
PERSON_TAGS = frozenset({"nr", "nrfg"})
# Tags of words that never belong to a name: function words, pronouns, numerals, time, adverbs.
STOP_TAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "r", "rr", "rz", "rg", "m", "mq", "q",
                       "t", "tg", "f", "d", "df", "dg", "y", "e", "o", "h", "k", "ad", "zg"})
HAN_CHARS = "\u4e00-\u9fff"  # the Han characters a name is written in (a class for re)
ADMIN_ENDS = frozenset("省市县区州")  # the administrative words that make a dictionary place a place
# A word this frequent that an administrative word begins with what follows takes it from the place (上海|市场);
# a rarer one does not (浙江省|地区, not 浙江|省地).
ADMIN_SPLIT_FREQ = 100
HEAD_MAX = 8  # characters read with the HMM at the head of a clause
HEAD_RUN = compile_pattern(r"\p{Han}+")
SENTENCE_ENDS = frozenset("。！？!?\n")
RARE_NAME_FREQ = 200  # a noun this rare after a place may be the rest of a company's name (贵州茅台)
COMMON_FREQ = 1000  # an ordinary word this frequent in jieba's dictionary is no name (小米 is, 理想 is not)
LARGE_PLACE_FREQ = 2000  # a place this frequent (中国, 北京) before an industry word is a place, not a name
# Tags of a character that ends no name when it stands right before a suffix (的, 了, 在, 和).
_ENDS_NO_NAME = frozenset({"uj", "ul", "uz", "ug", "ud", "uv", "y"})
# Tags of a character that starts no name (其, 该, 也, 对, 的): a pronoun, an adverb, a preposition, a particle.
_NO_NAME_START = frozenset({"r", "d", "p", "uj", "ul", "uz", "ug", "ud", "uv"})
# Tags of words that describe the thing an industry word names (电动汽车, 大型超市), rather than name a maker.
_DESCRIBING = frozenset({"n", "vn", "an", "a", "b", "l", "i", "ng", "nrt", "s"})


class Candidate(NamedTuple):
    """A possible mention: ``text[start:end]`` names something of ``type``.

    ``core`` is the name without an organisation's suffixes (云帆 of 云帆汽车),
    the key that groups an article's spellings of one entity; ``canonical``
    is the gazetteer's name when the gazetteer knows it.
    """

    start: int
    end: int
    type: str
    source: str
    core: str
    canonical: str | None = None


# ------------------------------------------------------------------ rule data
@dataclass(frozen=True)
class _Suffixes:
    pattern: re.Pattern[str]  # a chain of suffixes (scanned with re: several times faster over a whole text)
    word: re.Pattern[str]  # one suffix, at a position
    rows: dict[str, tuple[str, str]]  # suffix -> (type, kind)
    last: frozenset[str]  # suffixes that end a name


@lru_cache(maxsize=1)
def suffixes() -> _Suffixes:
    rows: dict[str, tuple[str, str]] = {}
    last: set[str] = set()
    for row in read_table("org_suffixes.tsv", 4, 3):
        if row[1] not in ("company", "agency") or row[2] not in KINDS or row[3] not in ("", "last"):
            raise row.error("expected <suffixes> TAB company|agency TAB legal|industry|product|office [TAB last]")
        for word in row.items(0):
            rows.setdefault(word, (row[1], row[2]))
            if row[3]:
                last.add(word)
    one = trie_regex(rows)
    first = re.escape("".join(sorted({w[0] for w in rows})))
    # The lookahead on the first characters lets re skip most positions without entering the trie.
    return _Suffixes(re.compile(f"(?=[{first}])(?:{one})+"), re.compile(one), rows, frozenset(last))


@lru_cache(maxsize=1)
def not_names() -> frozenset[str]:
    return frozenset(read_list("not_names.txt"))


@lru_cache(maxsize=1)
def _latin_common() -> frozenset[str]:
    return frozenset(w.lower() for w in read_list("latin_common.txt"))


# A Latin word (inner . & - allowed: M.Benz, AT&T), then the words of a model: capitalised words, numbers.
_LATIN = compile_pattern(r"(?<![A-Za-z0-9&.\-])[A-Za-z](?:[A-Za-z0-9]|[&.\-](?=[A-Za-z0-9]))*"
                         r"(?:[ ](?:[A-Z][A-Za-z]*|\d+[A-Za-z]*)(?![A-Za-z0-9]))*")
# A number before one of these is a quantity (GMV 1000亿, Q3 3.5万台), not a model number.
_AFTER_QUANTITY = frozenset("亿万千百元%％年月日号个件台部辆款家人次倍点.,")
# 以下简称 may follow a stock code inside the brackets: （600019.SH，下称宝钢股份）
_CODE_NOTE = r"(?:[A-Za-z0-9.\s]{2,16}[，,、；;]\s*)?"
_DEFINITION = compile_pattern(
    r"[（(]" + _CODE_NOTE + r"(?:以下)?(?:简称|下称|称)?[为：:]?\s*(?P<names>[“\"「『][^）)”\"」』]{1,16}[”\"」』]"
    r"(?:\s*(?:或|、|及|和|,|，)\s*[“\"「『][^）)”\"」』]{1,16}[”\"」』])*)[）)]"
    r"|[（(]" + _CODE_NOTE + r"(?:以下)?(?:简称|下称)[为：:]?\s*(?P<bare>\p{Han}{2,8})[）)]")
_QUOTED = compile_pattern(r"[“\"「『]([^”\"」』]+)[”\"」』]")


# ------------------------------------------------------------------ helpers
def _is_stop(tok: Token) -> bool:
    """A word that cannot be part of a name: function words, numbers, time words, common verbs."""
    if tok.word in not_names():
        return True
    if tok.tag in STOP_TAGS:
        return True
    if tok.tag is None:  # a number, or a word of the HMM that starts with a function word (其车规级): no name
        return not tok.word[0].isalnum() or tok.word[0].isdigit() or lexicon().tag(tok.word[0]) in _NO_NAME_START
    return tok.tag.startswith("v") and tok.tag != "vn" and lexicon().freq(tok.word) >= COMMON_FREQ


def is_proper(tok: Token) -> bool:
    """A word that can only be a name here: tagged a proper noun, unknown to the dictionary (a word
    of the HMM or a Latin name) or a rare word that is not a common noun."""
    if tok.word in not_names():
        return False
    if tok.tag is None:
        return len(tok.word) > 1 or tok.word.isascii()
    return tok.tag in PROPER_TAGS or tok.tag == "j"


def _common_noun(tok: Token) -> bool:
    """A noun every article uses (机构, 平台, 市场): no part of a company's name."""
    return tok.tag in ("n", "vn") and lexicon().freq(tok.word) >= COMMON_FREQ


def _is_large_place(tok: Token) -> bool:
    return tok.tag == "ns" and lexicon().freq(tok.word) >= LARGE_PLACE_FREQ


def _rare_word(tok: Token) -> bool:
    """An ordinary dictionary word rare enough to be a brand (小米, 茅台), or one of two characters jieba
    could not place."""
    return tok.tag is not None and tok.tag not in STOP_TAGS and lexicon().freq(tok.word) < COMMON_FREQ


# ------------------------------------------------------------------ finders
def org_forms(text: str, taken: Iterable[tuple[int, int, str]] = (),
              types: dict[str, str] | None = None) -> list[Candidate]:
    """Organisations written as a name and the words that end such names (see ``data/org_suffixes.tsv``).

    The name is read back word by word from the suffix (jieba's route and HMM
    on at most NAME_MAX characters) and stops at a function word, a numeral,
    a time word, a frequent verb or punctuation.  A gazetteer name already
    ``taken`` (``(start, end, canonical)``) that ends where the suffix starts
    is the name (魔筷 + 科技): the mention is one of that entity's (of its type
    in ``types``), as the gazetteer's.
    """
    sfx = suffixes()
    taken = list(taken)
    ends = {e: s for s, e, _ in taken}
    owner = {e: name for _, e, name in taken}
    covers = {s: e for s, e, _ in taken}
    starts = [s for s, _, _ in taken]
    out: list[Candidate] = []
    for m in sfx.pattern.finditer(text):
        words = _chain(text, m.start(), m.end())
        if not words or _ends_a_word(text, m.start(), words[0]) or _verb_and_adjective(text, m.start(), words[0]):
            continue
        end = m.start() + sum(map(len, words))
        kinds = {sfx.rows[w][1] for w in words}
        kind = next(k for k in KINDS if k in kinds)
        start = _name_start(text, m.start(), kind, ends)
        if start is None:
            continue
        if covers.get(start, -1) >= end or (_crosses(taken, starts, start, m.start())
                                            and not _office_of_agency(taken, types, start, m.start(), kind)):
            continue  # the gazetteer spells it so (魔筷科技 is a name of 魔筷), or has a name inside it
        if m.start() in owner:
            name = owner[m.start()]
            out.append(Candidate(start, end, (types or {}).get(name, "company"), "gazetteer", name, name))
        elif text[start:end] not in not_names() and not _ends_a_non_name(text, m.start(), end):
            out.append(Candidate(start, end, sfx.rows[words[-1]][0], "org_form", text[start:m.start()]))
    return out


def _ends_a_non_name(text: str, at: int, end: int) -> bool:
    """Whether the suffix at ``at`` is the end of a longer word of data/not_names.txt that ends at ``end``
    (12家俱乐部: 部 ends 俱乐部, no ministry): the words before it are then no organisation's name."""
    bad = not_names()
    return any(text[end - n:end] in bad for n in range(end - at + 1, min(end, end - at + 4) + 1))


def _office_of_agency(taken: list[tuple[int, int, str]], types: dict[str, str] | None, start: int, at: int,
                      kind: str) -> bool:
    """Whether the name part ``start..at`` of an office opens with a public body of the gazetteer followed by
    more words (国务院|新闻|办公室, 中国证监会|江城|监管局): a body of its own inside that one, named in full."""
    return kind == "office" and any(s == start and e < at and (types or {}).get(name) == "agency"
                                    for s, e, name in taken)


def _crosses(taken: list[tuple[int, int, str]], starts: list[int], start: int, end: int) -> bool:
    """Whether a gazetteer name (``taken``, in order; ``starts`` theirs) lies in ``start..end`` (the name
    part of an organisation) without being it."""
    i = bisect.bisect_left(starts, end)
    while i > 0:
        i -= 1
        s, e, _ = taken[i]
        if e <= start:
            return False
        if not (s == start and e == end):
            return True
    return False


def _chain(text: str, start: int, end: int) -> list[str]:
    """The suffix words of ``text[start:end]``, without a last one-character word that begins a longer word
    with the character after it (电商部门: 部 is part of 部门; 统计局局长: the second 局 of 局长)."""
    sfx = suffixes()
    words = []
    at = start
    while at < end:
        m = sfx.word.match(text, at, end)
        if m is None or m.end() == at:
            return []
        words.append(m.group())
        at = m.end()
        if m.group() in sfx.last:
            break
    while words and len(words[-1]) == 1 and lexicon().freq(text[at - 1:at + 1]) > 0:
        at -= len(words.pop())
    return words


def _ends_a_word(text: str, at: int, first: str) -> bool:
    """A one-character suffix that ends a two-character word with the character before it (格局, 布局, 干部),
    unless a three-character word ends there too (教育部)."""
    if len(first) != 1 or at < 1:
        return False
    lex = lexicon()
    return lex.freq(text[at - 1:at + 1]) > 0 and (at < 2 or lex.freq(text[at - 2:at + 1]) == 0)


def _verb_and_adjective(text: str, at: int, first: str) -> bool:
    """Whether a one-character suffix follows a one-character verb and a one-character adjective (开|新|局,
    谋|新|局): a verb and its object, a slogan's words (实干开新局), and no office's name, which ends with a noun
    (统计局, 公安局)."""
    if len(first) != 1 or at < 2:
        return False
    tokens = lexicon().tokens(text[at - 2:at], hmm=False)
    return len(tokens) == 2 and (tokens[0].tag or "").startswith("v") and tokens[1].tag == "a"


def _name_start(text: str, at: int, kind: str, ends: dict[int, int]) -> int | None:
    """Where the name before the suffix at ``at`` starts, or None when no name stands there."""
    if at in ends:
        return ends[at]
    if lexicon().tag(text[at - 1:at]) in _ENDS_NO_NAME:
        return None  # 的公司, 了局: a particle touches the suffix, no name does
    lo = at
    reach = OFFICE_NAME_MAX if kind == "office" else NAME_MAX
    while lo > 0 and at - lo < reach and (text[lo - 1].isalnum() or text[lo - 1] == " "):
        lo -= 1
    if lo == at:
        return None
    cut = lo > 0 and text[lo - 1].isalnum()  # the window starts inside a word: its first word is no word
    length = _name_length(text[lo:at], kind, len(_office_word(text, at)) == 1, cut)
    if length is None:  # 长安汽车, 中国邮政集团: the dictionary knows the organisation, whatever its words
        length = _dictionary_org(text, lo, at)
    return None if length is None else at - length


def _dictionary_org(text: str, lo: int, at: int) -> int | None:
    """The length of the longest name before ``at`` that makes, with the suffix word after it, an
    organisation of jieba's dictionary (nt), or None."""
    m = suffixes().word.match(text, at)
    if m is None:
        return None
    lex = lexicon()
    for start in range(lo, at - 1):
        if lex.tag(text[start:m.end()]) == "nt":
            return at - start
    return None


@lru_cache(maxsize=8192)
def _name_length(window: str, kind: str, one_char_office: bool, cut: bool) -> int | None:
    """How many characters at the end of ``window`` name an organisation of ``kind``, or None.

    Words are taken back from the suffix until a function word, a frequent
    verb or, but for a public body (国家统计局), a common noun before a word
    that is not one (机构 of MCN机构遥望网络: the name is 遥望; but 时代 of
    宁德时代 and 机械工业 of 中国机械工业集团 are part of the name).  Remembered by window: an article
    writes its companies' names again and again.
    """
    tokens = lexicon().tokens(window)
    name: list[Token] = []
    for i in range(len(tokens) - 1, -1, -1):
        tok = tokens[i]
        if tok.tag is None and len(tok.word) > 1 and i > 0 and tokens[i - 1].word[-1].isdigit() \
                and tok.word[0] in _AFTER_QUANTITY:
            # 2023|年全|行业证券公司: the HMM glued the number's unit to the name's first character
            name.insert(0, Token(tok.start + 1, tok.end, tok.word[1:], lexicon().tag(tok.word[1:])))
            break
        if kind == "office" and name and i > 0 and _joins_office_words(tok, tokens[i - 1], name[0]):
            name.insert(0, tok)  # 住房和城乡建设局, 规划和自然资源局: an office named by two fields
            continue
        if _is_stop(tok) or (i == 0 and cut) or _verb_before_place(tok, name) \
                or (kind != "office" and _common_noun(tok) and any(not _common_noun(t) for t in name)):
            break
        name.insert(0, tok)
    if tokens and name and tokens[-1].end != len(window):
        return None  # a space before the suffix: no name touches it
    if not name or not _name_fits(name, kind, one_char_office):
        return None
    return len(window) - name[0].start


def _joins_office_words(tok: Token, before: Token, after: Token) -> bool:
    """Whether ``tok`` is a one-character coordinator (data/clause_cues.tsv: 和, 与, 及) between two nouns of an
    office's name."""
    return len(tok.word) == 1 and tok.word in clause_words()["coordinator"] \
        and before.tag in OFFICE_FIELD_TAGS and after.tag in OFFICE_FIELD_TAGS


def _verb_before_place(tok: Token, name: list[Token]) -> bool:
    """Whether ``tok`` is a verb right before a name that opens with a place (查阅|中国汽车流通协会, 走访|江城市
    教育局): a name opens with its place, and the verb before it is the clause's, however rare."""
    return (tok.tag or "").startswith("v") and tok.tag != "vn" and bool(name) and name[0].tag == "ns"


def _name_fits(name: list[Token], kind: str, one_char_office: bool) -> bool:
    """Whether words of ``name`` can name an organisation of ``kind`` (see ``data/org_suffixes.tsv``)."""
    chars = sum(len(t.word) for t in name)
    if kind == "office":
        return chars >= (2 if one_char_office else 1)
    if kind == "product":  # 北辰电池, but not 钠离子电池: a maker's name is short and no known word
        return chars == 2 and len(name) == 1 and (name[0].tag is None or name[0].tag in PROPER_TAGS)
    if any(is_proper(t) and not (kind == "industry" and _is_large_place(t)) for t in name):
        return True
    if kind == "industry":  # 遥望科技, but not 电动汽车: a noun or adjective before an industry word describes it
        return chars >= 2 and all(_rare_word(t) and t.tag not in _DESCRIBING for t in name)
    # 小米集团; but 回购公司: a verb alone names no company
    return kind == "legal" and chars >= 2 and all(_rare_word(t) for t in name) \
        and not all((t.tag or "").startswith("v") for t in name)


def _office_word(text: str, at: int) -> str:
    m = suffixes().word.match(text, at)
    return m.group() if m else ""


def definitions(text: str) -> list[tuple[int, list[tuple[int, int]]]]:
    """Short names an article defines: ``(where the definition starts, [spans of the short names])``.

    ``星海控股有限公司（以下简称“星海”）``, ``（「星海」或「本集团」）``,
    ``（下称遥望）``: the names inside the brackets stand for what ends right
    before them.
    """
    out = []
    for m in _DEFINITION.finditer(text):
        if m.group("bare"):
            spans = [m.span("bare")]
        else:
            base = m.start("names")
            spans = [(base + q.start(1), base + q.end(1)) for q in _QUOTED.finditer(m.group("names"))]
        spans = [(s, e) for s, e in spans if 1 < e - s <= 16]
        if spans:
            out.append((m.start(), spans))
    return out


def latin_names(text: str) -> list[Candidate]:
    """Latin names and models: a word with a capital letter (``Counterpoint``, ``iPhone``, ``BMW``) and the
    words and numbers of its model after it (``iPhone 16 Pro Max``, ``Mate 60``, ``X9 Pro``).

    An all-lower-case word (``app``) is ordinary, and a word of
    ``data/latin_common.txt`` (``GMV``, ``CEO``, ``Q3`` without its digits)
    names nothing by itself.  A number that a unit or magnitude follows
    (``GMV 1000亿``) is a quantity, not a model.  A name with a model number
    or of several words is a product; one word is a company or a brand.
    """
    common = _latin_common()
    out = []
    for m in _LATIN.finditer(text):
        words = m.group().split(" ")
        end = m.end()
        while len(words) > 1 and words[-1].isdigit() and text[end:end + 1] in _AFTER_QUANTITY:
            end -= len(words.pop()) + 1
        head = words[0].rstrip("0123456789")
        if len(head) < 1 or not any(c.isupper() for c in words[0]):
            continue
        if head.lower() in common and not any(c.isdigit() for w in words[1:] for c in w):
            continue
        if len(words) == 1 and len(words[0]) < 2:
            continue
        product = len(words) > 1 or any(c.isdigit() for c in words[0])
        name = text[m.start():end]
        out.append(Candidate(m.start(), end, "product" if product else "company", "latin", latin_key(name)))
    return out


# A stock code in brackets: 4 to 6 digits, or a Latin ticker with its exchange (.SZ, -TW, .HK, -US).
_CODE = r"(?:\d{4,6}(?:[.\-][A-Za-z]{1,4})?|[A-Z]{1,5}[.\-][A-Za-z]{1,4})"  # 601234, 0888.HK, TSM-US (not a gloss: BEV)
_STOCK_CODE = compile_pattern(rf"[（(]{_CODE}(?:[，,、\s]+{_CODE})*[）)]")
LISTED_MAX = 8  # characters of a listed company's name before its code
LISTED_ALONE_MAX = 6  # ... when the article does not write the name again: all the words back to a mark


def listed_names(text: str) -> list[Candidate]:
    """Listed companies before their stock code (see the module docstring).

    The words before the code often describe the company (``动力电池龙头云芯电``):
    the name is the longest end of them, of two characters or more, written
    again elsewhere in the article; when no end is, the words back to the
    last mark are the name if they are short and hold no function word.
    """
    out = []
    for m in _STOCK_CODE.finditer(text):
        at = m.start()
        lo = at
        while lo > 0 and at - lo < LISTED_MAX and _name_char(text[lo - 1]):
            lo -= 1
        if at - lo < 2:
            continue
        ends = [k for k in range(lo, at - 1) if text.count(text[k:at]) >= 2]
        if ends:
            start = ends[0]
        elif at - lo <= LISTED_ALONE_MAX and (lo == 0 or not _name_char(text[lo - 1])) \
                and not any(_is_stop(t) for t in lexicon().tokens(text[lo:at], hmm=False)):
            start = lo
        else:
            continue
        name = text[start:at]
        if name in not_names() or text.startswith(("年", "版"), m.end()) \
                or text.rfind("《", 0, at) > max(text.rfind("》", 0, at), text.rfind("\n", 0, at)):
            continue  # 报告（2023）年, 《行业报告（2024）》: a year or an edition, not a stock code
        out.append(Candidate(start, at, "company", "listed", strip_suffixes(name)))
    return out


def _name_char(ch: str) -> bool:
    """A character a Chinese company's name is written in (Han, or Latin letters and digits as in TCL科技)."""
    return "\u4e00" <= ch <= "\u9fff" or (ch.isascii() and ch.isalnum())


OPENER_MAX = 8  # characters of a name that opens a sentence before its date
# The roles of data/clause_cues.tsv (see clause_words).
CLAUSE_ROLES = ("preposition", "coordinator", "agent", "localizer", "anaphor", "issuer", "apposition", "reason",
                "frame_start", "frame_end", "source_end", "date_link", "name_cue", "penalty", "since", "rule_document",
                "existential", "content", "part", "person_unit", "indefinite", "list_end",
                "time_end", "intent", "actor_kind")


@lru_cache(maxsize=1)
def clause_words() -> dict[str, frozenset[str]]:
    """``data/clause_cues.tsv``: role -> its words (read once, for actors, metrics and the name rules here)."""
    return read_roles("clause_cues.tsv", CLAUSE_ROLES)


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
    (行业, 公司, 市场), not a place or frame (山东, 全国: :func:`lexicon_names` reads those), and not a
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
        parts = [(lo, end)]
        joined = _coordinators().search(text, lo, end)
        if joined is not None and joined.start() > lo:  # 沙特阿美与中国石化于10月签署…: names acting together
            parts = [(lo, joined.start()), (joined.end(), end)]
        if all(_opener_word(text[a:b], lex, proper) for a, b in parts):  # every part a name, or none is taken
            out.extend(Candidate(a, b, "company", "opener", strip_suffixes(text[a:b])) for a, b in parts)
    return out


def _opener_word(word: str, lex: Lexicon, proper: _Proper) -> bool:
    """Whether the words before a sentence's date may be a name (see :func:`opener_names`)."""
    if not 2 <= len(word) <= OPENER_MAX or not all(_name_char(ch) for ch in word) or word in not_names():
        return False
    if word in proper.types or any(ch.isdigit() for ch in word):
        return False
    tokens = lex.tokens(word, hmm=False)
    if any(_is_stop(t) or _verb(t) for t in tokens) and not _unknown_name(word):
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
        while at < len(text) and text[at] in " \u3000，,":
            at += 1
        m = PLACE_OPENER.match(text, at)
        if m is None:
            continue
        name, end = m.group()[:2], m.end()
        if lex.freq(text[end - 1:end + 1]) >= ADMIN_SPLIT_FREQ or lex.freq(m.group()) > 0 or name in not_names() \
                or name in frames() or m.group() in proper.types or lex.tag(name[0]) in _NO_NAME_START \
                or any(_is_stop(t) or _verb(t) for t in lex.tokens(name, hmm=False) if len(t.word) > 1):
            continue
        out.append(Candidate(m.start(), end, "place", "opener", m.group()))
    return out


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


def cued_openers(text: str) -> list[Candidate]:
    """A name that opens a sentence right before a verb of announcing or saying or a person's title
    (``弹幕星球公布，…``, ``顺岭快运宣布…``, ``鲜到家创始人兼首席执行官…``): where news names who a sentence
    is about, read as :func:`_unknown_name` (a new name of the HMM, or a proper or rare noun before a head)."""
    proper = proper_names()
    out = []
    pattern = _cue_pattern()
    starts = [0, *(m.end() for m in _SENTENCE_END.finditer(text))]  # tried only where a sentence starts
    for m in filter(None, (pattern.match(text, at) for at in starts)):
        word = m.group("name")
        if word in not_names() or word in proper.types or not _unknown_name(word):
            continue
        out.append(Candidate(m.start("name"), m.end("name"), "company", "opener", strip_suffixes(word)))
    return out


@dataclass(frozen=True)
class _Proper:
    """Names of jieba's dictionary that are names in news text, and of ``data/places.tsv``."""

    trie: marisa_trie.Trie
    types: dict[str, str]  # word -> entity type
    canonical: dict[str, str]  # another spelling of a place -> its name
    longest: int
    first: re.Pattern[str]  # a character that starts one of the words


@lru_cache(maxsize=1)
def proper_names() -> _Proper:
    """Organisations the dictionary tags nt (and abbreviations, j, that end like one: 工商银行), places it
    tags ns that end in an administrative word (山东省, 潍坊市, 浦东新区: bare ns words are too often
    ordinary words, 城市, 东西), and data/places.tsv."""
    types: dict[str, str] = {}
    canonical: dict[str, str] = {}
    for word, tag in lexicon().words_tagged(("nt", "ns", "j")):
        if len(word) < 2 or word in not_names():
            continue
        if (tag == "nt" and len(word) >= 3) or (tag == "j" and len(word) >= 4 and _org_end(word)):
            # nt of two characters are abbreviations of universities (商大); j: 工商银行 (not 房地产)
            types[word] = "agency" if _ends_office(word) else "company"
        elif tag == "ns" and len(word) >= 3 and word[-1] in ADMIN_ENDS and _admin_place(word):
            types[word] = "place"
    for row in read_table("places.tsv", 2, 1):
        types[row[0]] = "place"
        canonical[row[0]] = row[0]
    first = re.compile("[" + re.escape("".join(sorted({w[0] for w in types}))) + "]")
    return _Proper(marisa_trie.Trie(types), types, canonical, max(map(len, types)), first)


def _admin_place(word: str) -> bool:
    """Whether a dictionary place ending in an administrative word names a place: not a kind of city
    (大中城市, 宜居城市: 城市 is the common noun; 盐城市 is 盐城 + 市, a place before its 市)."""
    return not word.endswith("城市") or lexicon().tag(word[:-1]) == "ns"


def lexicon_names(text: str, lo: int, hi: int) -> list[Candidate]:
    """Organisations and places of :func:`proper_names` in ``text[lo:hi]``: the longest at each position,
    left to right.  An administrative word that begins a common word with what follows (上海市场 is 上海 +
    市场) does not end a place there."""
    proper = proper_names()
    lex = lexicon()
    out: list[Candidate] = []
    free = lo
    for m in proper.first.finditer(text, lo, hi):
        i = m.start()
        if i < free:
            continue
        found = [w for w in proper.trie.prefixes(text[i:min(hi, i + proper.longest)])
                 if w in frames()  # 全市|政务: a frame's 市 is no administrative word a common word may take
                 or not (w[-1] in ADMIN_ENDS and lex.freq(text[i + len(w) - 1:i + len(w) + 1]) >= ADMIN_SPLIT_FREQ)]
        if not found:
            continue
        word = max(found, key=len)
        if i > 0 and lex.freq(text[i - 1:i + 1]) > 0 and lex.freq(text[i - 1:i + len(word)]) == 0:
            continue  # 其中国产: the first character belongs to the word before (其中)
        after = proper.trie.prefixes(text[i + 1:i + 1 + proper.longest])
        if word in frames() and any(len(w) >= len(word) and proper.types[w] == "place" for w in after):
            continue  # 全澳门: 全 before the place 澳门, not the frame 全澳
        source = "places" if word in proper.canonical else "lexicon"
        tail = _company_after_place(text, i + len(word), hi) \
            if proper.types[word] == "place" and word not in frames() else 0  # 全国高校: a frame names no company
        if tail:  # 贵州茅台, 中国国航: a place that begins a company's name is no place there
            out.append(Candidate(i, i + len(word) + tail, "company", "lexicon", text[i:i + len(word) + tail]))
        else:
            out.append(Candidate(i, i + len(word), proper.types[word], source, word, proper.canonical.get(word)))
        free = i + len(word) + tail
    return out


def _company_after_place(text: str, at: int, hi: int) -> int:
    """The length of the rest of a company's name right after a place (茅台 of 贵州茅台, 国航 of 中国国航):
    two characters that the dictionary does not know as a word, or a rare noun or any proper noun it tags
    nz (三星 of 韩国三星), before no other Han
    character of a word; 0 when none.  Nor when the first of them ends the place's name (浙江|省地区: 浙江省) or
    starts no name (全县|已发放, 本市|共报告: an adverb, a pronoun, a preposition)."""
    if hi - at < 2 or not all("\u4e00" <= ch <= "\u9fff" for ch in text[at:at + 2]):
        return 0
    lex = lexicon()
    if text[at] in ADMIN_ENDS or lex.tag(text[at]) in _NO_NAME_START:
        return 0
    word = text[at:at + 2]
    longer = [w for w in lex.prefixes(text[at:at + lex.longest]) if len(w) > 2]
    if longer or word in not_names():
        return 0
    tag, freq = lex.tag(word), lex.freq(word)
    if tag is None and _second_begins_a_word(text, at):
        return 0
    if tag is None or (tag in ("n", "nz", "j") and freq < RARE_NAME_FREQ) or tag == "nz":
        return 2  # 韩国三星, 日本丰田: a brand the dictionary tags a proper noun, however often it sees it
    return 0


def _second_begins_a_word(text: str, at: int) -> bool:
    """Whether the second of two characters after a place that the dictionary does not know together begins a
    word with the one after it (九龙西|联网, 港岛东|等候): the first goes with the place (a part of it), the
    second with what follows, and the two are no company's name."""
    return lexicon().freq(text[at + 1:at + 3]) > 0 and len(text[at + 1:at + 3]) == 2


def repeated_names(text: str, lo: int, hi: int) -> list[Candidate]:
    """A word jieba's dictionary does not know, that its HMM joins where a clause begins (its doer's place):
    a new company or brand known by a short name (云帆, 澜途).  It must be written more than once in the
    article, or open its sentence (where news names who a sentence is about).  A word the dictionary
    tags as a proper noun (nr, nz) that opens a sentence is a name too (比亚迪, 万科).

    Only the first run of Han characters of ``text[lo:hi]`` is read, and only when no dictionary word
    of two characters or more starts it (the HMM joins only what the dictionary leaves in pieces).
    """
    lex = lexicon()
    head = HEAD_RUN.search(text, lo, hi)
    if head is None or len(head.group()) < 2:
        return []
    opens = head.start() == 0 or text[head.start() - 1] in SENTENCE_ENDS
    known = [w for w in lex.prefixes(head.group()) if len(w) > 1]
    if known and opens and lex.tag(max(known, key=len)) == "c":
        # 由于三星对其…, 而小米…: a conjunction opening the sentence stands before its doer
        at = head.start() + len(max(known, key=len))
        after = [w for w in lex.prefixes(text[at:head.end()]) if len(w) > 1]
        word = max(after, key=len) if after else ""
        typ = _proper_type(word, lex.tag(word)) if word and word not in not_names() else None
        return [Candidate(at, at + len(word), typ, "lexicon", word)] if typ else []
    if known:  # what starts with a dictionary word is no new name; a proper noun opening a sentence is one
        word = max(known, key=len)
        typ = _proper_type(word, lex.tag(word)) if opens and word not in not_names() else None
        return [Candidate(head.start(), head.start() + len(word), typ, "lexicon", word)] if typ else []
    if not opens and text.count(head.group()[:2]) < 2:
        return []
    tok = lex.tokens(head.group()[:HEAD_MAX])[0]
    if tok.tag is not None or len(tok.word) < 2 or tok.word in not_names() \
            or not (opens or text.count(tok.word) >= 2):
        return []
    plain = lex.tokens(tok.word, hmm=False)
    if _is_stop(plain[0]) or _is_stop(plain[-1]):
        return []
    return [Candidate(head.start() + tok.start, head.start() + tok.end, "company", "repeated", tok.word)]


def _proper_type(word: str, tag: str | None) -> str | None:
    """What a proper noun of the dictionary opening a sentence names: a person when jieba tags it one and a
    family name starts it (王珂), else a company or brand (jieba tags 比亚迪 nr, 万科 nz); None for other tags."""
    if tag in ("nr", "nrfg"):
        from zhextract.extract.people import family_names  # people.py builds on this module's Candidate
        return "person" if 2 <= len(word) <= 3 and word[0] in family_names() else "company"
    return "company" if tag in ("nz", "nrt") else None


@lru_cache(maxsize=1)
def frames() -> frozenset[str]:
    """The places of data/places.tsv that frame figures (全国, 全市, 我国; 全球): whose the figures are, no company."""
    rows = read_table("places.tsv", 2, 1)
    for row in rows:
        if row[1] not in ("", "frame", "scope", "home"):
            raise row.error("the second column is empty, 'frame', 'scope' or 'home'")
    return frozenset(row[0] for row in rows if row[1] in ("frame", "scope"))


@lru_cache(maxsize=1)
def home_places() -> frozenset[str]:
    """The places of data/places.tsv whose national bodies the gazetteer lists (中国): 中国商务部 is 商务部."""
    frames()  # checks the kinds
    return frozenset(row[0] for row in read_table("places.tsv", 2, 1) if row[1] == "home")


@lru_cache(maxsize=1)
def scopes() -> frozenset[str]:
    """The frames of data/places.tsv that are no jurisdiction (全球): whose figures, never the doer of an event
    (2024年全球智能手表出货量… reports a sum over the world that no one acts for)."""
    return frozenset(row[0] for row in read_table("places.tsv", 2, 1) if row[1] == "scope")


def _org_end(word: str) -> bool:
    """Whether ``word`` ends with one of data/org_suffixes.tsv's words (and is more than that word)."""
    ends = _suffix_ends()
    return any(word[-n:] in ends[0] for n in ends[1] if len(word) > n)


def _ends_office(word: str) -> bool:
    """Whether ``word`` ends with one of data/org_suffixes.tsv's agency words (局, 委员会)."""
    ends = _suffix_ends("agency")
    return any(word[-n:] in ends[0] for n in ends[1] if len(word) >= n)


@lru_cache(maxsize=2)
def _suffix_ends(kind: str = "") -> tuple[frozenset[str], tuple[int, ...]]:
    """The suffixes (of one type, or all) and their lengths: a word's ending is looked up by length, not
    compared with each suffix (the dictionary's organisations are thousands, checked when the tables load)."""
    words = frozenset(w for w, (t, _) in suffixes().rows.items() if not kind or t == kind)
    return words, tuple(sorted({len(w) for w in words}))


def strip_suffixes(name: str) -> str:
    """A company's name without the company suffixes of ``data/org_suffixes.tsv`` at its end
    (星海控股有限公司 -> 星海), when two characters of name remain; any other name as it is (a public
    body's office word is its name: 教育部 is not 教育)."""
    end = len(name)
    while True:
        cut = next((end - len(w) for w in _by_length() if name.endswith(w, 0, end) and end - len(w) >= 2), None)
        if cut is None:
            return name[:end]
        end = cut


@lru_cache(maxsize=1)
def _by_length() -> tuple[str, ...]:
    """The company suffixes, longest first."""
    rows = suffixes().rows
    return tuple(sorted((w for w, (typ, _) in rows.items() if typ == "company"), key=len, reverse=True))

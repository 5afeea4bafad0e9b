"""Organisations by the words that end their names (``星海控股有限公司``, ``云帆汽车``, ``国家统计局``): the
suffixes of ``data/org_suffixes.tsv``, the rule that reads a name back from them (:func:`org_forms`), and
:func:`strip_suffixes`, which takes them off a company's name for its core.  The ``org_form`` rule of
:mod:`zhextract.extract.names`, the largest of its rules, with the word tests only it uses."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from zhextract.extract.collectives import names_a_field
from zhextract.extract.metrics import heads
from zhextract.extract.names import (
    _AFTER_QUANTITY,
    COMMON_FREQ,
    PROPER_TAGS,
    RARE_NAME_FREQ,
    STOP_TAGS,
    Candidate,
    _is_stop,
    clause_words,
    is_preposition,
    not_names,
)
from zhextract.lexicon import Token, lexicon
from zhextract.resources import read_table
from zhextract.trie import WordScanner, trie_regex

KINDS = ("legal", "office", "placed", "zone", "industry", "product")  # strongest first
OFFICE_KINDS = frozenset({"office", "placed", "zone"})  # public bodies: ordinary words name them
NAME_MAX = 8  # characters of name before an organisation's suffix
OFFICE_NAME_MAX = 12  # a public body's: 湖北省人民政府新闻办公室
OFFICE_FIELD_TAGS = frozenset({"n", "vn", "nz", "l", "j"})  # the words of the fields an office is named by
LARGE_PLACE_FREQ = 2000  # a place this frequent (中国, 北京) before an industry word is a place, not a name
# Tags of a character that ends no name when it stands right before a suffix (的, 了, 在, 和).
_ENDS_NO_NAME = frozenset({"uj", "ul", "uz", "ug", "ud", "uv", "y"})
# Tags of words that describe the thing an industry word names (电动汽车, 大型超市), rather than name a maker.
_DESCRIBING = frozenset({"n", "vn", "an", "a", "b", "l", "i", "ng", "nrt", "s"})


# ------------------------------------------------------------------ rule data
@dataclass(frozen=True)
class _Suffixes:
    scanner: WordScanner  # the suffixes, leftmost-longest (:meth:`chains`)
    word: re.Pattern[str]  # one suffix, at a position
    rows: dict[str, tuple[str, str]]  # suffix -> (type, kind)
    last: frozenset[str]  # suffixes that end a name
    fields: frozenset[str]  # verbs that name an office's field (统计, 监察): words of its name whatever their tag

    def chains(self, text: str) -> list[tuple[int, int]]:
        """The spans of the chains of suffixes of ``text`` (有限|公司, 集团|股份|有限|公司), in order: the matches
        of ``(?:suffix)+`` as ``re.finditer`` gives them.  The trie pattern takes the longest suffix at each
        place, so a chain is a run of leftmost-longest words, each starting where the one before ends; one
        Aho–Corasick pass finds them (the pattern, entered at every character that begins a suffix, 中 国 人
        …, took three times as long)."""
        out: list[tuple[int, int]] = []
        for s, e, _ in self.scanner.finditer(text):
            if out and out[-1][1] == s:
                out[-1] = (out[-1][0], e)
            else:
                out.append((s, e))
        return out


@lru_cache(maxsize=1)
def suffixes() -> _Suffixes:
    rows: dict[str, tuple[str, str]] = {}
    last: set[str] = set()
    fields: set[str] = set()
    for row in read_table("org_suffixes.tsv", 4, 3):
        if row[2] == "field" and row[1] == "agency":
            fields.update(row.items(0))
            continue
        if row[1] not in ("company", "agency", "place") or row[2] not in KINDS or row[3] not in ("", "last"):
            raise row.error("expected <suffixes> TAB company|agency|place TAB legal|industry|product|office "
                            "[TAB last], or <words> TAB agency TAB field")
        for word in row.items(0):
            rows.setdefault(word, (row[1], row[2]))
            if row[3]:
                last.add(word)
    return _Suffixes(WordScanner(rows), re.compile(trie_regex(rows)), rows, frozenset(last), frozenset(fields))


def holds_a_name(word: str) -> bool:
    """Whether one of the words of ``word`` can only be a name (:func:`is_proper`): 中国|人寿, 国航, 小鹏 do;
    words made of common nouns (钢铁, 「董事」, 「平方米」) name a kind or a term, no one."""
    return any(is_proper(t) for t in lexicon().tokens(word, hmm=True))


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
    for at, chain_end in sfx.chains(text):
        words = _chain(text, at, chain_end)
        if len(words) > 1 and len(words[0]) == 1:
            at += 1  # 江州临港|综保区, 中铁十局|集团: a one-character suffix before another is part of the name
            words = words[1:]
        if not words or _ends_a_word(text, at, words[0]) or _verb_and_adjective(text, at, words[0]):
            continue
        end = at + sum(map(len, words))
        if _runs_into_a_word(text, at, end):
            continue
        kinds = {sfx.rows[w][1] for w in words}
        kind = next(k for k in KINDS if k in kinds)
        start = _name_start(text, at, kind, ends)
        if start is None or (start > 0 and text[start - 1] == "第"):
            continue  # 第XIVA部, 第三部: a part of a law or a series, numbered, no organisation
        if covers.get(start, -1) >= end or (_crosses(taken, starts, start, at)
                                            and not _office_of_agency(taken, types, start, at, kind)):
            continue  # the gazetteer spells it so (魔筷科技 is a name of 魔筷), or has a name inside it
        start = _dictionary_org_start(text, start, end)
        if at in owner:
            name = owner[at]
            out.append(Candidate(start, end, (types or {}).get(name, "company"), "gazetteer", name, name))
        elif text[start:end] not in not_names() and not _ends_a_non_name(text, at, end) \
                and not (kind in ("industry", "product") and names_a_field(text, text[start:at])):
            out.append(Candidate(start, end, sfx.rows[words[-1]][0], "org_form", text[start:at]))
    return out


def _dictionary_org_start(text: str, start: int, end: int) -> int:
    """Where a name read back from its suffix starts when the dictionary knows the organisation that ends it
    (考量|美国政府: an organisation, nt): at that word, unless a proper noun stands before it (北京市|人民政府)."""
    tokens = lexicon().tokens(text[start:end], hmm=False)
    if len(tokens) < 2 or tokens[-1].tag != "nt" or any(is_proper(t) for t in tokens[:-1]):
        return start
    return start + tokens[-1].start


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


def _runs_into_a_word(text: str, at: int, end: int) -> bool:
    """Whether a word begins inside the suffix words ``text[at:end]`` and runs on past them (大超|市场 holds
    超市 by accident): the suffix is then a reading of characters, not a word.  A word that begins with the
    suffix (银行业务) does not count: the dictionary's longer word does not say the name is not there.  A
    dictionary look-up of the two characters across ``end`` comes first; only then is the stretch cut."""
    lex = lexicon()
    if end >= len(text) or lex.freq(text[end - 1:end + 1]) == 0:
        return False
    return any(0 < t.start < end - at < t.end for t in lex.tokens(text[at:min(len(text), end + 3)]))


def _ends_a_word(text: str, at: int, first: str) -> bool:
    """A one-character suffix that ends a two-character word with the character before it (格局, 布局, 干部),
    unless a three-character word ends there too (教育部), or the word is a rare one (ENDS_WORD_FREQ)."""
    if len(first) != 1 or at < 1:
        return False
    lex = lexicon()
    return lex.freq(text[at - 1:at + 1]) >= ENDS_WORD_FREQ and (at < 2 or lex.freq(text[at - 2:at + 1]) == 0)


ENDS_WORD_FREQ = 20  # a word this rare (山港 of 宁波舟山港) is read through: the suffix ends a name there


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
    if kind == "legal":
        held = _place_in_brackets(text, at, ends)
        if held is not None:
            return held
    if lexicon().tag(text[at - 1:at]) in _ENDS_NO_NAME:
        return None  # 的公司, 了局: a particle touches the suffix, no name does
    lo = at
    reach = OFFICE_NAME_MAX if kind in OFFICE_KINDS else NAME_MAX
    while lo > 0 and at - lo < reach and (text[lo - 1].isalnum() or text[lo - 1] == " "):
        lo -= 1
    if lo == at:
        return None
    cut = lo > 0 and text[lo - 1].isalnum()  # the window starts inside a word: its first word is no word
    length = _name_length(text[lo:at], kind, len(_office_word(text, at)) == 1, cut)
    if length is None:  # 长安汽车, 中国邮政集团: the dictionary knows the organisation, whatever its words
        length = _dictionary_org(text, lo, at)
    return None if length is None else at - length


# A place in brackets inside a legal name (某某（福建）某某有限公司): read here and, for its parent, by entities.py
BRACKETED_PLACE = re.compile(r"[（(]([\u4e00-\u9fff]{2,4})[）)]")
BRACKET_NAME_MAX = 8  # characters of the words between a company's name and its bracketed place and its legal ending


def _place_in_brackets(text: str, at: int, ends: dict[int, int]) -> int | None:
    """Where a legal name written with a place in brackets starts (阿里巴巴（中国）有限公司, 万华化学（福建）异氰酸酯
    有限公司, a subsidiary's full name): the brackets hold a place, a name ends right before them, and at most a
    few words of its business stand between them and the legal ending.  None when the name is not written so."""
    close = at
    while close > 0 and at - close < BRACKET_NAME_MAX and "\u4e00" <= text[close - 1] <= "\u9fff":
        close -= 1
    if close < 4 or text[close - 1] not in "）)":
        return None
    m = BRACKETED_PLACE.search(text, max(0, close - 6), close)
    if m is None or m.end() != close or lexicon().tag(m.group(1)) != "ns":
        return None
    if m.start() in ends:
        return ends[m.start()]
    return _name_start(text, m.start(), "legal", ends) if m.start() > 0 and text[m.start() - 1].isalnum() else None


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
            rest = Token(tok.start + 1, tok.end, tok.word[1:], lexicon().tag(tok.word[1:]))
            if (rest.tag or "")[:1] not in ("p", "c", "u"):  # 第3|季在|政府: a preposition is left, no name
                name.insert(0, rest)
            break
        if tok.tag in (None, "nz") and len(tok.word) > 1 and is_preposition(tok.word[0]) \
                and (len(tok.word) > 2 or name):
            # 对道衡|投资, 对华|钰|矿业, 经青茂|口岸: the HMM or a word of the dictionary (对华, nz) glued the
            # clause's preposition to the name's first characters; what is left is as unknown a word as the whole
            name.insert(0, Token(tok.start + 1, tok.end, tok.word[1:], tok.tag))
            break
        if kind in OFFICE_KINDS and name and i > 0 and _joins_office_words(tok, tokens[i - 1], name[0]):
            name.insert(0, tok)  # 住房和城乡建设局, 规划和自然资源局: an office named by two fields
            continue
        if kind in OFFICE_KINDS and tok.word in suffixes().fields:
            name.insert(0, tok)  # 统计|暨普查局, 博彩|监察|协调局: the verbs of what the office does
            continue
        if kind in OFFICE_KINDS and tok.tag == "v" and name:
            break  # 走访|教育局: any other verb is the clause's, not the office's
        if kind in ("industry", "product") and tok.tag == "v" and name and _name_fits(name, kind, one_char_office):
            break  # 买入|云帆科技: a verb before a name that is one already is the clause's
        if kind not in OFFICE_KINDS and is_measure(tok.word):
            break  # 扣非净利润|大超市: a measure noun is what a figure counts, never part of a company's name
        if _is_stop(tok) or (i == 0 and cut) or _verb_before_place(tok, name) \
                or (kind not in OFFICE_KINDS and _common_noun(tok) and any(not _common_noun(t) for t in name)
                    and not _business_of_legal_name(kind, tok, name)):
            break
        name.insert(0, tok)
    if tokens and name and tokens[-1].end != len(window):
        return None  # a space before the suffix: no name touches it
    if not name or not _name_fits(name, kind, one_char_office):
        return None
    return len(window) - name[0].start


def _business_of_legal_name(kind: str, tok: Token, name: list[Token]) -> bool:
    """Whether a common noun is part of the business a legal name states after its brand (嘉诚|水质|净化|有限
    公司): it and every word between it and the legal ending are nouns of the dictionary, so the name goes on
    back to the brand before them."""
    return kind == "legal" and all(t.tag in ("n", "vn") for t in name) and tok.tag == "n"


def is_measure(word: str) -> bool:
    """Whether ``word`` is, whole, a measure noun of data/metrics.tsv (净利润, 销量, 占比)."""
    return word in heads().spelled


def _joins_office_words(tok: Token, before: Token, after: Token) -> bool:
    """Whether ``tok`` is a one-character coordinator (data/clause_cues.tsv: 和, 与, 及) between two nouns of an
    office's name."""
    fields = suffixes().fields
    return len(tok.word) == 1 and tok.word in clause_words()["coordinator"] \
        and (before.tag in OFFICE_FIELD_TAGS or before.word in fields) \
        and (after.tag in OFFICE_FIELD_TAGS or after.word in fields)


def _verb_before_place(tok: Token, name: list[Token]) -> bool:
    """Whether ``tok`` is a verb, or a fixed phrase that acts as one (归属于, tagged l), right before a name that
    opens with a place (查阅|中国汽车流通协会, 走访|江城市教育局, 归属于|星海科技): a name opens with its place, and
    the verb before it is the clause's, however rare."""
    tag = tok.tag or ""
    return ((tag.startswith("v") and tag != "vn") or tag == "l") and bool(name) and name[0].tag == "ns"


def _name_fits(name: list[Token], kind: str, one_char_office: bool) -> bool:
    """Whether words of ``name`` can name an organisation of ``kind`` (see ``data/org_suffixes.tsv``)."""
    chars = sum(len(t.word) for t in name)
    if kind == "placed":  # 广东省环境监测中心, but not 研发中心: a body of a place, named with its place first
        return chars >= 4 and name[0].tag == "ns"
    if kind == "zone":  # 望城经开区, but not 开发区 alone: a zone is named by its place
        return chars >= 2 and name[0].tag == "ns"
    if kind == "office":
        return chars >= (2 if one_char_office else 1)
    if kind == "product":  # 北辰电池, but not 钠离子电池: a maker's name is short and no known word
        return chars == 2 and len(name) == 1 and (name[0].tag is None or name[0].tag in PROPER_TAGS)
    if kind == "industry" and name[-1].tag == "v" \
            and (len(name) > 1 or lexicon().freq(name[-1].word) >= RARE_NAME_FREQ):
        return False  # 看望|快递小哥: a verb makes the industry word its object (a rare one may name: 启明新能源)
    if any(is_proper(t) and not (kind == "industry" and _is_large_place(t)) for t in name):
        return True
    if kind == "industry":  # 遥望科技, but not 电动汽车: a noun or adjective before an industry word describes it
        return chars >= 2 and (all(_rare_word(t) and t.tag not in _DESCRIBING for t in name) or _rare_noun(name))
    # 小米集团; but 回购公司: a verb alone names no company
    return kind == "legal" and chars >= 2 and all(_rare_word(t) for t in name) \
        and not all((t.tag or "").startswith("v") for t in name)


def _rare_noun(name: list[Token]) -> bool:
    """A name of one noun of two characters that the dictionary has seldom seen (云雀|科技, 飞鱼|科技): a brand
    named after a thing, not a field its industry word narrows (生物科技, 信息科技: frequent nouns).  A rare field
    the article writes as one (储能市场) is left out by :func:`.collectives.names_a_field`."""
    return len(name) == 1 and name[0].tag == "n" and len(name[0].word) == 2 \
        and lexicon().freq(name[0].word) < RARE_NAME_FREQ


def _office_word(text: str, at: int) -> str:
    m = suffixes().word.match(text, at)
    return m.group() if m else ""


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

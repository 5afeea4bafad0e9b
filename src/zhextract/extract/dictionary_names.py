"""Names jieba's dictionary knows or its HMM finds, read only in the clauses where a doer or a number's subject is
looked for: organisations (nt) and administrative places (ns) of the dictionary and ``data/places.tsv``
(:func:`proper_names`, :func:`lexicon_names`), and a new word the HMM joins at the head of a clause that the
article writes again or that opens its sentence (:func:`repeated_names`).  The ``lexicon``, ``places`` and
``repeated`` rules of :mod:`zhextract.extract.names`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import marisa_trie

from zhextract.extract.collectives import field_words, names_a_field
from zhextract.extract.metrics import conventions
from zhextract.extract.names import (
    _NO_NAME_START,
    ADMIN_ENDS,
    ADMIN_SPLIT_FREQ,
    COMMON_FREQ,
    RARE_NAME_FREQ,
    Candidate,
    _is_stop,
    clause_words,
    frames,
    not_names,
)
from zhextract.extract.org_forms import _ends_office, _org_end, is_measure
from zhextract.lexicon import lexicon
from zhextract.patterns import compile_pattern
from zhextract.resources import read_table

LEXICON_NAMES_MEMO = 8192  # clauses whose dictionary names are remembered
HEAD_MAX = 8  # characters read with the HMM at the head of a clause
HEAD_RUN = compile_pattern(r"\p{Han}+")
SENTENCE_ENDS = frozenset("。！？!?\n")


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
    市场) does not end a place there.  Remembered by clause (with the character before it, which the rule
    reads, and the few after it that may name a convention the place opens: 美国|通用会计准则)."""
    before = max(0, lo - 1)
    return [c._replace(start=c.start + before, end=c.end + before)
            for c in _lexicon_names_in(text[before:hi], lo - before, text[hi:hi + _standard_max()])]


@lru_cache(maxsize=LEXICON_NAMES_MEMO)
def _lexicon_names_in(piece: str, lo: int, ahead: str) -> tuple[Candidate, ...]:
    """:func:`_lexicon_names` on a clause from ``lo`` in ``piece`` (the character before it, if any, first);
    ``ahead``: the text after it."""
    return tuple(_lexicon_names(piece, lo, len(piece), ahead))


def _lexicon_names(text: str, lo: int, hi: int, ahead: str = "") -> list[Candidate]:
    """The rule of :func:`lexicon_names` on ``text[lo:hi]`` (``ahead``: the text after ``hi``, read only for a
    convention a place opens)."""
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
        if i > 0 and lex.freq(text[i - 1:i + 1]) > 0 and (lex.freq(text[i - 1:i + len(word)]) == 0
                                                           or lex.tag(text[i - 1:i + len(word)]) != "ns"):
            continue  # 其中国产, 复合肥: the first character belongs to the word before (其中, 复合肥), unless
            # the dictionary has the longer word as a place itself
        after = proper.trie.prefixes(text[i + 1:i + 1 + proper.longest])
        if word in frames() and any(len(w) >= len(word) and proper.types[w] == "place" for w in after):
            continue  # 全澳门: 全 before the place 澳门, not the frame 全澳
        if proper.types[word] == "place" and (standard := conventions().match(text[i:hi] + ahead)) is not None:
            free = i + standard.end()
            continue  # 美国通用会计准则: whose convention, no one's place
        source = "places" if word in proper.canonical else "lexicon"
        tail = _company_after_place(text, i + len(word), hi) \
            if proper.types[word] == "place" and word not in frames() else 0  # 全国高校: a frame names no company
        if tail:  # 贵州茅台, 中国国航: a place that begins a company's name is no place there
            out.append(Candidate(i, i + len(word) + tail, "company", "lexicon", text[i:i + len(word) + tail]))
        else:
            out.append(Candidate(i, i + len(word), proper.types[word], source, word, proper.canonical.get(word)))
        free = i + len(word) + tail
    return out


@lru_cache(maxsize=1)
def _standard_max() -> int:
    return max(map(len, clause_words()["standard"]))


MEASURE_AFTER_PLACE = 4  # characters of a measure noun read right after a place (占比, 总产出, 营业收入)


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
    if longer or word in not_names() or any(is_measure(text[at:at + n]) for n in range(2, MEASURE_AFTER_PLACE + 1)):
        return 0  # 日本|占比, 园区|总产出: a measure after a place is whose it is, no company
    tag, freq = lex.tag(word), lex.freq(word)
    if tag is None and (_second_begins_a_word(text, at) or field_words().match(text, at + 2)):
        return 0  # 中国电竞|产业: an unknown word before a field of activity names the field, no company
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
    if known and opens and _direction_brand(head.group(), max(known, key=len)):
        return [Candidate(head.start(), head.start() + 4, "company", "repeated", head.group()[:4])]
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
    if _is_stop(plain[0]) or _is_stop(plain[-1]) or names_a_field(text, tok.word) or _time_and_place(tok.word):
        return []
    return [Candidate(head.start() + tok.start, head.start() + tok.end, "company", "repeated", tok.word)]


def _time_and_place(word: str) -> bool:
    """A unit of time and a localizer the HMM joined (季内, 年内, 月中: data/clause_cues.tsv, time_end and
    localizer): when something happened, no name, however often the article writes it."""
    words = clause_words()
    return word[0] in words["time_end"] and word[1:] in words["localizer"]


_LOCALITY_TAGS = frozenset({"f", "s"})


def _direction_brand(run: str, first: str) -> bool:
    """Whether a sentence opens with a company named by a direction or a locality and a brand (北方|华创发布…,
    东方|甄选宣布…): a two-character word of place or direction, two characters the dictionary does not know
    or rarely sees, and a verb right after them."""
    lex = lexicon()
    if len(first) != 2 or len(run) < 6 or lex.tag(first) not in _LOCALITY_TAGS:
        return False
    brand = run[2:4]
    if brand in not_names() or (lex.tag(brand) is not None and lex.freq(brand) >= RARE_NAME_FREQ) \
            or lex.tag(brand[0]) in _NO_NAME_START or lex.tag(brand[0]) == "m":
        return False  # 南方|多地出现…: a quantity or a pronoun opens no brand
    after = lex.tokens(run[4:4 + HEAD_MAX], hmm=False)
    return bool(after) and after[0].start == 0 and (after[0].tag or "").startswith("v") \
        and not any(len(w) > 2 for w in lex.prefixes(run[2:4 + HEAD_MAX]))


def _proper_type(word: str, tag: str | None) -> str | None:
    """What a proper noun of the dictionary opening a sentence names: a person when jieba tags it one and a
    family name starts it (王珂), else a company or brand (jieba tags 比亚迪 nr, 万科 nz); None for other tags,
    and for a word the dictionary sees as often as an ordinary word (普通, tagged nz: COMMON_FREQ)."""
    if tag not in ("nr", "nrfg", "nz", "nrt") or lexicon().freq(word) >= COMMON_FREQ:
        return None
    if tag in ("nr", "nrfg"):
        from zhextract.extract.people import family_names  # people.py builds on names.py's Candidate
        return "person" if 2 <= len(word) <= 3 and word[0] in family_names() else "company"
    return "company"

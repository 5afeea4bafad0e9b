"""Names an article marks by how it writes them, each read from its mark alone:

* ``defined``  the short names a definition in brackets gives what it follows
               (``（以下简称“遥望”）``, ``（「星海」或「本集团」）``, ``（下称遥望）``): :func:`definitions`;
* ``latin``    a capitalised or mixed-case Latin word, or a model (``Counterpoint``, ``iPhone 16 Pro``,
               ``Mate 60``), not an acronym of ``data/latin_common.txt``: :func:`latin_names`;
* ``listed``   a listed company before its stock code in brackets
               (``云帆汽车（601234）``, ``星海控股(0888.HK)``, ``联达（3081-TW）``):
               the longest end of the words before the code that the
               article writes again, else those words when they are short: :func:`listed_names`.

Rules of :mod:`zhextract.extract.names` that need no dictionary scan of their own."""

from __future__ import annotations

from functools import lru_cache

import regex

from zhextract.extract.names import _AFTER_QUANTITY, Candidate, _is_stop, not_names
from zhextract.extract.org_forms import _common_noun, _org_end, strip_suffixes, suffixes
from zhextract.gazetteer import latin_key
from zhextract.lexicon import Token, lexicon
from zhextract.patterns import compile_pattern
from zhextract.resources import read_list, read_lower_set


def latin_common() -> frozenset[str]:
    """The Latin words of data/latin_common.txt, lower-cased: no name by themselves."""
    return read_lower_set("latin_common.txt")


# A Latin word (inner . & - allowed: M.Benz, AT&T), then the words of a model: capitalised words, numbers.
_LATIN = compile_pattern(r"(?<![A-Za-z0-9&.\-])[A-Za-z](?:[A-Za-z0-9]|[&.\-](?=[A-Za-z0-9]))*"
                         r"(?:[ ](?:[A-Z][A-Za-z]*|\d+[A-Za-z]*)(?![A-Za-z0-9]))*")
_GLUED_FIGURE = regex.compile(r"(?<=[A-Za-z])\d+(?:\.\d+)?$")  # a figure written against a word (RevPAR137.53元)
# Where a Latin word is part of a code, not a name: a document number's series (监测LB字（2019）第147号,
# 环罚字〔2019〕) and a standard's number with its year (GB18485-2014, GB/T 1234-2008).
_DOCUMENT_SERIES = compile_pattern(r"字\s*[〔［\[（(【]\s*(?:19|20)\d\d")
_STANDARD_NUMBER = compile_pattern(r"[A-Z]{1,4}(?:/[A-Z])?\s?\d{2,6}(?:\.\d+)?-(?:19|20)\d\d")
# 以下简称 may follow a stock code inside the brackets: （600019.SH，下称宝钢股份）
_CODE_NOTE = r"(?:[A-Za-z0-9.\s]{2,16}[，,、；;]\s*)?"
# 「本公司」，连同其附属公司称为「本集团」: a second name for the company with its subsidiaries
_WITH_UNITS = r"[，,]\s*连同[^（）()“”「」『』\"]{0,12}?(?:统称|合称|称)为?\s*"
# （以下简称“银河生物”，股票名称“*ST银河”，000806.SZ）: the stock's own name after a label, and a code last
_LABELLED = r"[，,]\s*(?:股票名称|股票简称|证券简称|英文名称|英文简称)[为：:]?\s*"
_CODE_LAST = r"(?:[，,、；;]\s*[A-Za-z0-9.\s]{2,16})?"
_DEFINITION = compile_pattern(
    r"[（(]" + _CODE_NOTE + r"(?:以下)?(?:简称|下称|称)?[为：:]?\s*(?P<names>[“\"「『][^）)”\"」』]{1,16}[”\"」』]"
    r"(?:(?:\s*(?:或|、|及|和|,|，)\s*|" + _WITH_UNITS + "|" + _LABELLED + r")[“\"「『][^）)”\"」』]{1,16}[”\"」』])*)"
    + _CODE_LAST + r"[）)]"
    r"|[（(]" + _CODE_NOTE + r"(?:以下)?(?:简称|下称)[为：:]?\s*(?P<bare>\p{Han}{2,8})[）)]")
_QUOTED = compile_pattern(r"[“\"「『]([^”\"」』]+)[”\"」』]")


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


TERM_TAGS = frozenset({"n", "vn", "v", "a", "an", "l", "i"})  # common words of jieba's dictionary: no one's name
TERM_REACH = 8  # characters read before a definition for the word it defines


def defines_a_term(text: str, at: int) -> bool:
    """Whether a definition at ``at`` that follows no name shortens a common word of the dictionary
    (电子竞技（esports，简称电竞）: a term, no company), not a name the tool did not find."""
    before = text[max(0, at - TERM_REACH):at]
    tokens = lexicon().tokens(before)
    return bool(tokens) and len(tokens[-1].word) > 1 and tokens[-1].tag in TERM_TAGS \
        and not _org_end(before)  # …资产管理有限公司（以下简称“某某”）: a name the forms missed


def latin_names(text: str) -> list[Candidate]:
    """Latin names and models: a word with a capital letter (``Counterpoint``, ``iPhone``, ``BMW``) and the
    words and numbers of its model after it (``iPhone 16 Pro Max``, ``Mate 60``, ``X9 Pro``).

    An all-lower-case word (``app``) is ordinary, and a word of
    ``data/latin_common.txt`` (``GMV``, ``CEO``, ``Q3`` without its digits)
    names nothing by itself.  A number that a unit or magnitude follows
    (``GMV 1000亿``) is a quantity, not a model.  A name with a model number
    or of several words is a product; one word is a company or a brand.
    """
    common = latin_common()
    out = []
    seen: dict[str, bool] = {}
    for m in _LATIN.finditer(text):
        words = m.group().split(" ")
        end = m.end()
        while len(words) > 1 and words[-1].isdigit() and text[end:end + 1] in _AFTER_QUANTITY:
            end -= len(words.pop()) + 1
        glued = _GLUED_FIGURE.search(words[-1])
        if glued and text[end:end + 1] in _AFTER_QUANTITY:  # RevPAR137.53元: the measure and its figure
            end -= len(glued.group())
            words[-1] = words[-1][:glued.start()]
        head = words[0].rstrip("0123456789")
        lower_name = not any(c.isupper() for c in words[0])
        if len(head) < 1 or (lower_name and not _lower_case_name(text, words[0], seen)):
            continue
        if not lower_name and all(p.lower() in common or p.islower() for p in head.split("-")) \
                and not any(c.isdigit() for w in words[1:] for c in w):
            continue  # GMV, pre-NDA: a common word, alone or behind a lower-case prefix
        if len(words) == 1 and len(words[0]) < 2:
            continue
        if _DOCUMENT_SERIES.match(text, end) or _STANDARD_NUMBER.fullmatch(text, m.start(), _code_end(text, end)):
            continue
        product = len(words) > 1 or any(c.isdigit() for c in words[0])
        name = text[m.start():end]
        out.append(Candidate(m.start(), end, "product" if product else "company", "latin", latin_key(name)))
    return out


LOWER_NAME_REPEATS = 3  # times an article writes an all-lower-case word against Chinese text before it is a name
LOWER_NAME_MIN = 3  # letters of such a word (no unit: kg, mm)
_AGAINST_HAN = r"(?:(?<=[\u4e00-\u9fff]){0}|{0}(?=[\u4e00-\u9fff]))"


def _lower_case_name(text: str, word: str, seen: dict[str, bool]) -> bool:
    """Whether an all-lower-case Latin word is a brand the article keeps writing (momo, vivo): at least
    LOWER_NAME_MIN letters, no word of data/latin_common.txt (app) or English function word, and written
    LOWER_NAME_REPEATS times or more right against a Han character, whole.  An English phrase (the, of) or a
    web address (www, com) does not touch Chinese.  ``seen``: the answers of this article, by word."""
    if word not in seen:
        ok = len(word) >= LOWER_NAME_MIN and word.isalpha() and word.isascii() \
            and word not in latin_common() and word not in read_lower_set("latin_function_words.txt")
        if ok:
            whole = rf"(?<![A-Za-z0-9&.\-@/:]){regex.escape(word)}(?![A-Za-z0-9@/:.])"  # no part of an address
            ok = len(regex.findall(_AGAINST_HAN.format(whole), text)) >= LOWER_NAME_REPEATS
        seen[word] = ok
    return seen[word]


def _code_end(text: str, end: int) -> int:
    """Where a standard's number that may begin before ``end`` ends: ``end`` extended over a series letter,
    digits, dots and one hyphen with a year (GB18485|-2014, GB|/T 1234-2008)."""
    m = _CODE_TAIL.match(text, end)
    return m.end() if m else end


_CODE_TAIL = compile_pattern(r"(?:/[A-Z])?\s?[\d.]*-(?:19|20)\d\d(?!\d)")


# A stock code in brackets: 4 to 6 digits, or a Latin ticker with its exchange (.SZ, -TW, .HK, -US).
_CODE = r"(?:\d{4,6}(?:[.\-][A-Za-z]{1,4})?|[A-Z]{1,5}[.\-][A-Za-z]{1,4})"  # 601234, 0888.HK, TSM-US (not a gloss: BEV)


@lru_cache(maxsize=1)
def _stock_code() -> regex.Pattern[str]:
    """A stock code in brackets, with the labels of a portal's links after it (data/stock_links.txt:
    某某建设(000961,股吧))."""
    links = "|".join(sorted(map(regex.escape, read_list("stock_links.txt")), key=len, reverse=True))
    return compile_pattern(rf"[（(]{_CODE}(?:[，,、\s]+{_CODE})*(?:[，,、\s]+(?:{links}))*[）)]")
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
    for m in _stock_code().finditer(text):
        at = m.start()
        lo = at
        while lo > 0 and at - lo < LISTED_MAX and _name_char(text[lo - 1]):
            lo -= 1
        if at - lo < 2:
            continue
        ends = [k for k in range(lo, at - 1) if text.count(text[k:at]) >= 2 and _names_alone(text[k:at])]
        if ends:
            start = ends[0]
        elif at - lo <= LISTED_ALONE_MAX and (lo == 0 or not _name_char(text[lo - 1])) \
                and not any(_is_stop(t) and not _name_numeral(t) for t in lexicon().tokens(text[lo:at], hmm=False)):
            start = lo
        else:
            continue
        name = text[start:at]
        if name in not_names() or text.startswith(("年", "版"), m.end()) or name.endswith("字") \
                or text.rfind("《", 0, at) > max(text.rfind("》", 0, at), text.rfind("\n", 0, at)):
            continue  # 报告（2023）年, 《行业报告（2024）》, 监测LB字（2019）: a year, an edition, a document's series
        out.append(Candidate(start, at, "company", "listed", strip_suffixes(name)))
    return out


def _names_alone(end: str) -> bool:
    """Whether the end of the words before a stock code can be the company's name: not an industry or
    legal word alone (旅游 of 云南旅游, written again in 旅游企业), nor an ordinary word of the dictionary."""
    return end not in suffixes().rows and not _common_noun(Token(0, len(end), end, lexicon().tag(end)))


def _name_numeral(tok: Token) -> bool:
    """A numeral or measure character inside a listed name, after its first word (中国通|号, 中国|一|重): part of
    the name, not a figure that describes the company."""
    return tok.start > 0 and tok.end - tok.start == 1 and tok.tag in ("m", "q")


def _name_char(ch: str) -> bool:
    """A character a Chinese company's name is written in (Han, or Latin letters and digits as in TCL科技)."""
    return "\u4e00" <= ch <= "\u9fff" or (ch.isascii() and ch.isalnum())

"""The quantity grammar compiled: one pattern for every form of a quantity, the cheap scan for where one can
start, and the patterns of the rules around them (relative dates, a year's tail, a price noun before a bare
number), built once from the words of :mod:`zhextract.extract.number_words` and the mask of
:mod:`zhextract.extract.number_masks`.  How a match becomes a value is :mod:`zhextract.extract.numbers`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import regex

from zhextract.extract.number_masks import _Masker, _masker
from zhextract.extract.number_words import (
    _CN_CHARS,
    MASK,
    Unit,
    _behind,
    approx_words,
    cues,
    magnitudes,
    money_magnitudes,
    trie,
    units,
)

_CN_START = "一二两三四五六七八九十"
_CN_DIGIT_CHARS = "〇○零一二三四五六七八九"


# ------------------------------------------------------------------ the grammar
@dataclass(frozen=True)
class _Grammar:
    pattern: re.Pattern[str]
    candidates: re.Pattern[str]  # where a quantity can start
    mask: _Masker
    year_tail: re.Pattern[str]
    relative_after: re.Pattern[str]
    pre_words: dict[str, str]  # approximation words written before the number
    pre_max: int
    pre_compounds: tuple[str, ...]  # words ending in an approximation word: 合约, 附近
    index: dict[str, int]  # group name -> number, of pattern
    pre_last: frozenset[str]  # last characters of the approximation words before a number
    price_before: re.Pattern[str]  # a price noun ending the text before a bare number (售价4999起)
    price_last: frozenset[str]  # last characters of the price nouns: the cheap test first


@lru_cache(maxsize=1)
def grammar() -> _Grammar:
    after, before = units()
    mags = magnitudes()
    appr = approx_words()
    cue = cues()
    compounds = cue.get("compound", ())
    mag = _magnitude_pattern(mags, after)
    unit = trie(after, compounds)
    nouns = trie([s for s, u in after.items() if u.kind == "noun"], compounds)
    classifiers = [s for s, u in after.items() if u.kind == "count"]
    cur = trie(before)
    # 多/余 may end the number (5万多); 来/几 only before a magnitude or unit (十来个, 十几万).
    mid = trie([w for w in appr["middle"] if w != "来"], compounds) + rf"|(?:来|几)(?=(?:{mag}|{unit}))"
    post = trie(appr["after"], compounds)
    sep = trie(cue.get("range_sep", ("至", "到", "-")))
    not_before = _behind(cue.get("not_before", ("第",)), negative=True)
    not_before_cn = _behind(cue.get("not_before_cn", ()), negative=True)
    money = [s for s, u in after.items() if u.kind == "money"]
    currency_names = [s for s in before if not s.isascii()]

    def noun(i: str) -> str:
        return rf"(?:{_behind(classifiers)}(?P<noun{i}>{nouns}))?"

    def tail(i: str) -> str:  # 12.6亿元人民币: a currency name may follow a money unit
        return rf"(?:{_behind(money)}(?P<tail{i}>{trie(currency_names)}))?"

    def number(i: str) -> str:
        arabic = (rf"(?P<neg{i}>(?<![\dA-Za-z%{MASK}])[-−－])?(?<!\d)(?<![\d{MASK}][.．]|\d[,，]){not_before}"
                  rf"(?P<ar{i}>\d+(?:[,，]\d{{3}})*(?:[.．]\d+)?)(?![.．]\d)(?P<mag{i}>{mag})?{_mixed(i)}")
        # 一点五亿元, 五〇五七点四亿元 (Taiwan): a decimal only before a magnitude or a unit (不是一点点)
        decimal = rf"(?:点[{_CN_DIGIT_CHARS}]+(?=(?:{mag}|{unit})))?"
        chinese = rf"(?<![{_CN_CHARS}]){not_before}{not_before_cn}(?P<cn{i}>[{_CN_START}][{_CN_CHARS}]*{decimal})"
        return rf"(?:{arabic}|{chinese})(?P<mid{i}>{mid})?(?P<magb{i}>{mag})?"

    main = (rf"(?:(?P<cur>{cur})\s?)?{number('1')}(?:(?P<u1>{unit}){noun('1')}{tail('1')})?"
            rf"(?:\s*(?P<sep>{sep})\s*(?:(?P<cur2>{cur})\s?)?{number('2')}"
            rf"(?:(?P<u2>{unit}){noun('2')}{tail('2')})?)?(?P<post>{post})?")
    percent_num = rf"\d+(?:[.．]\d+)?|[{_CN_CHARS}]+(?:点[{_CN_DIGIT_CHARS}]+)?"
    percent = (rf"百分之(?P<pn1>{percent_num})"
               rf"(?:\s*(?P<psep>{sep})\s*(?:百分之)?(?P<pn2>{percent_num}))?(?P<ppost>{post})?")
    # 三分之一, 千分之三 (百分之 is the percent form above); 1/3, 2/5: halves to tenths only,
    # so that 3/15 (a day) and 24/7 stay out
    fraction = (rf"(?<![{_CN_CHARS}])(?P<fden>[{_CN_CHARS}]{{1,3}})分之(?P<fnum>{percent_num})(?P<fpost>{post})?"
                rf"|(?<![\d/.．A-Za-z])(?P<afn>[1-9])/(?P<afd>10|[2-9])(?![\d/.．])"
                rf"(?!{trie(cue.get('fraction_not_next', ('决赛',)))})(?P<afpost>{post})?")
    bare_not_after = _behind(cue.get("bare_not_after", ()), negative=True)
    bare = (rf"{bare_not_after}(?P<bpre>{trie(appr['bare'])})(?P<bmag>{mag})(?![{_CN_CHARS}\d])"
            rf"(?:(?P<bu>{unit}){noun('b')})?(?P<bpost>{post})?")
    pattern = re.compile(rf"(?P<pct>{percent})|(?P<frac>{fraction})|(?P<bare>{bare})|{main}")
    # Where a quantity can start: a digit, a sign, a currency, 百分之, a bare
    # magnitude's approximation word, or a Chinese numeral that a unit,
    # magnitude, approximation or range follows (most 一 in prose are not).
    follow = {w[0] for w in after} | {w[0] for w in appr["middle"]} | {"几"} \
        | {w[0] for w in cue.get("range_sep", ("至", "到", "-"))}
    # The characters those start with, tested first: the engine skips the rest of the text at once.
    first = {"-", "−", "－", "百", *_CN_CHARS, *(w[0] for w in before), *(w[0] for w in appr["bare"])}
    first_class = r"[\d" + "".join(regex.escape(c) for c in sorted(first)) + "]"
    # That class is the pattern's first character, consumed: ``re`` skips to the next character of the class
    # in its own loop (faster than ``regex``, and than a pattern that opens with a lookahead, which is entered
    # at every position); what must follow is tested at that character from a lookbehind one character wide.
    # Only the start of a match is used.  A run of Chinese numerals is read whole, to where no numeral
    # follows (``re`` before Python 3.11 has no possessive ``*+``): what follows the run is tested only there.
    candidates = re.compile(
        rf"{first_class}(?<=(?="
        rf"\d|[-−－](?=\d)|{cur}|百分之|(?<![{_CN_CHARS}])[{_CN_CHARS}]{{1,3}}分之|{trie(appr['bare'])}(?=[十百千万亿])"
        rf"|(?<![{_CN_CHARS}])[{_CN_START}][{_CN_CHARS}]*(?![{_CN_CHARS}])"
        rf"(?:(?<=[万亿])|(?=[{re.escape(''.join(sorted(follow)))}])|(?=点[{_CN_DIGIT_CHARS}]))).)")
    year_tail = re.compile(r"\s*(?:(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*月|[上下]半年|第?[一二三四1-4]季"
                           r"|前[一二三1-3]季)")
    relative = re.compile(trie(cue.get("relative_after", ("前", "后"))))
    pre_words = appr["before"]
    return _Grammar(pattern, candidates, _masker(after, mags), year_tail, relative, pre_words,
                    max(map(len, pre_words), default=0), cue.get("pre_compound", ()), dict(pattern.groupindex),
                    frozenset(w[-1] for w in pre_words),
                    re.compile(rf"(?:{trie(cue.get('price_before', ()))})\s?\Z"),
                    frozenset(w[-1] for w in cue.get("price_before", ())))


def _magnitude_pattern(mags: dict[str, Decimal], after: dict[str, Unit]) -> str:
    """A magnitude word.  It must not eat the first character of a unit (千 in 3千米); one that
    scales money only (兆, money_magnitudes) must stand right before a money unit (44.8兆元, not
    300兆瓦 nor 2400兆赫), or before the lower digits of a sum in mixed notation (3兆1,326亿元)."""
    plain = trie([w for w in mags if w not in money_magnitudes()], after)
    money_only = [w for w in mags if w in money_magnitudes()]
    if not money_only:
        return plain
    money = trie([s for s, u in after.items() if u.kind == "money"])
    # 3兆1,326亿元: the money magnitude before the lower digits of a figure in mixed notation (see _mixed)
    lower = rf"(?:\d[,，]\d{{3}}|\d{{1,4}})亿(?:\d{{1,4}}万)?(?:{money})"
    return rf"(?:{plain}|{trie(money_only)}(?={money}|{lower}))"


def _mixed(i: str) -> str:
    """The rest of a figure written in mixed notation, after its magnitude: ``2万6,418`` (26418),
    ``1亿2000万`` (120000000), ``2亿3500万6,000``, ``3兆1,326亿`` (Taiwan: 3.1326 × 10^12).  After 万
    only four digits, so that the rest is all the figure's lower digits and the value is exact (``3万8`` is
    spoken shorthand, left out)."""
    return (rf"(?:(?<=兆)(?P<yi{i}>\d[,，]\d{{3}}|\d{{1,4}})亿)?"
            rf"(?:(?<=亿)(?P<wan{i}>\d{{1,4}})万)?"
            rf"(?:(?<=万)(?P<rest{i}>\d[,，]\d{{3}}|\d{{4}})(?![\d.．,，]))?")

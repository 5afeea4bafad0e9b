"""The date grammar as one regex, and the scan that finds its matches in a text (outside URLs and e-mail
addresses).  What the matches mean is :mod:`zhextract.extract.date_resolution`'s; the overview is
:mod:`zhextract.extract.dates`."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

import regex

from zhextract.extract.date_words import Words, date_words, festivals
from zhextract.links import LINK_RE
from zhextract.patterns import compile_pattern
from zhextract.trie import trie_regex

_SPACE = r"[ \t\u3000]"


_S = _SPACE + "?"  # machine translation and OCR put single spaces between tokens: 10 月 29 日


_CN_DIGITS = "〇零○一二三四五六七八九"


_NUMERALS = _CN_DIGITS + "十两"  # characters a Chinese numeral can start with


_Y4 = (r"(?:(?<![\d.\-/:])(?:19|20)\d{2}(?!\d)"
       rf"|(?<![{_CN_DIGITS}十])[一二][{_CN_DIGITS}]{{3}}(?![{_CN_DIGITS}]))")


_LIST_NUMBER = r"(?<=\n\d\.)|(?<=\n\d\d\.)|(?<=^\d\.)"  # 1.2023年…: the list number of an item it opens
_Y4_NIAN = (rf"(?:(?:(?<![\d.])|{_LIST_NUMBER})(?:19|20)\d{{2}}(?!\d)"  # before 年: a dash before it is no phone number
            rf"|(?<![{_CN_DIGITS}十])[一二][{_CN_DIGITS}]{{3}}(?![{_CN_DIGITS}]))")


_Y4_END = rf"(?:(?<![\d.])(?:19|20)\d{{2}}(?!\d)|[一二][{_CN_DIGITS}]{{3}})"  # second year of a range


_M = (r"(?:(?<![\d.近])(?:1[0-2]|0?[1-9])(?!\d)"
      r"|(?<![〇零○一二三四五六七八九十百千万两几])(?:十[一二]|十|[一二三四五六七八九]))")


_D_DIG = r"(?<![\d.])(?:3[01]|[12]\d|0?[1-9])(?!\d)"


_D_CN = r"(?:三十一|三十|二十[一二三四五六七八九]|二十|十[一二三四五六七八九]|十|[一二三四五六七八九])"


_HOUR_CN = r"(?:二十[一二三四]|二十|十[一二三四五六七八九]|十|[零一二两三四五六七八九])"


_MIN_CN = r"(?:[一二三四五]?十[一二三四五六七八九]?|[零〇][一二三四五六七八九]|[一二三四五六七八九])"


_Q = r"[一二三四1-4]"


def _time(w: Words, sfx: str = "", pod_required: bool = False, colon_only: bool = False) -> str:
    """A clock time, optionally after a part of the day; groups pod/h/mi/sec/half + ``sfx``."""
    pod = _pod(w)
    clock = (rf"(?P<h{sfx}>2[0-4]|[01]?\d){_S}[:：]{_S}(?P<mi{sfx}>[0-5]\d)"
             rf"(?:[:：](?P<sec{sfx}>[0-5]\d))?(?!\d)")
    spoken = (rf"(?P<h{sfx}>2[0-4]|[01]?\d){_S}[点时](?:{_S}(?P<mi{sfx}>[0-5]?\d|{_MIN_CN}){_S}分"
              rf"|(?P<half{sfx}>半)|(?P<mi{sfx}>[0-5]\d)(?!\d))?"
              rf"|(?P<h{sfx}>{_HOUR_CN}){_S}[点时](?:(?P<mi{sfx}>{_MIN_CN})分|(?P<half{sfx}>半))?")
    if colon_only:
        return rf"(?<![\d:：.]){clock}"
    body = rf"(?<![\d.])(?:{clock}|{spoken})"
    if pod_required:
        return rf"(?P<pod{sfx}>{pod}){_S}{body}"
    return rf"(?:(?P<pod{sfx}>{pod}){_S})?{body}"


def _day_stems(w: Words) -> list[str]:
    """今, 昨, 明: the relative days written with their day of the month inside, ``今（16）日`` (Taiwan)."""
    return sorted({d[:-1] for d in w.words("rel_day") if d.endswith("日") and len(d) == 2})


def _month_part(w: Words, group: str = "mpart") -> str:
    """A part of a month (上旬, 底) after its month; a guarded one (中) only where it cannot start
    another word: followed by a mark or a word of ``month_part_next`` (本月中召开, but 9月中国, 本月中心)."""
    guarded = w.alt("month_part_guarded")
    if not guarded:
        return rf"(?P<{group}>{w.alt('month_part')})"
    return (rf"(?:(?P<{group}>{w.alt('month_part')})"
            rf"|(?P<{group}>{guarded})(?=[^\p{{Han}}]|$|{w.alt('month_part_next')}))")


def _pod(w: Words) -> str:
    """Parts of the day; one-character ones (晚, 早) must not start another word (晚会)."""
    not_next = w.alt("day_part_not_next")
    parts = [regex.escape(p) + (rf"(?!{not_next})" if len(p) == 1 and not_next else "")
             for p in w.words("day_part")]
    return "|".join(parts)


_SUFFIX_GUARDS = {"前": "not_after_qian", "后": "not_after_hou", "起": "not_after_qi", "至今": "not_after_zhijin"}


def _guarded(w: Words, *classes: str) -> str:
    """Words of ``classes``, longest first; 前/后/起/至今 must not start another word (前往, 后续, 起诉, 至今年)."""
    parts = []
    for word in w.words(*classes):
        guard = w.alt(_SUFFIX_GUARDS[word]) if word in _SUFFIX_GUARDS else ""
        parts.append(regex.escape(word) + (rf"(?!{guard})" if guard else ""))
    return "|".join(parts)


def _festival_alt(initial: str = "any") -> str:
    """Festival names that are dates, longest first; all-digit ones (618) only as a whole word in context.

    ``initial`` keeps the names that start with a numeral (618, 五一假期), the others, or ``any``.
    """
    nxt = date_words().alt("festival_next")
    dated = [name for name, fest in festivals().items() if fest is not None]
    if initial != "any":
        dated = [n for n in dated if (n[0] in _NUMERALS or n[0].isdigit()) == (initial == "numeral")]
    digits = [rf"(?<![\d.]){regex.escape(n)}(?![\d.%])(?=[^\p{{Han}}\w]|$|{nxt})"
              for n in sorted(dated, key=lambda n: (-len(n), n)) if n.isdigit()]
    words = [n for n in dated if not n.isdigit()]
    return "|".join([*digits, trie_regex(words)] if words else digits) or r"(?!x)x"


@dataclass(frozen=True)
class _Scanner:
    """The grammar and the cheap filter that finds where it can match."""

    starts: re.Pattern[str]  # the first character of every numeral or word that can start a date
    grammar: regex.Pattern[str]  # anchored: the whole expression


@lru_cache(maxsize=1)
def _scanner() -> _Scanner:
    """The whole grammar as one regex, dispatched on the first character.

    Expressions start either with a numeral (``2020年``, ``十月``, ``Q2``, ``618``)
    or with a word (``今年``, ``同年``, ``双十一``, ``第三季度``).  The scanner finds
    the characters a date can start with by a plain character class, keeps
    those where a numeral or a word of the trie starts (both in one ``re``
    pattern, so that no Python runs between candidates), and
    only there tries the grammar, anchored.  A word that starts a date only
    in its context is looked for in it: 第 and 前 before a quarter's numeral
    (第三季度, 前三季度; 第三方 and 前往 are most of them), a word of now
    after an until word (截至目前; 目前 alone is no date), a part of the day
    before its hour (晚上8点; 晚于 and 早在 are none).  Inside, the numeral forms are grouped by shape
    (a year, a month, anything else) behind cheap lookaheads, so a position
    costs a few tests instead of every alternative.  (Trying the grammar at
    every position of the text is five times slower.)
    """
    w = date_words()
    conn = w.alt("range")
    fest = _festival_alt()
    nian_guard = rf"(?!{w.alt('not_after_nian')})"
    d_unitless = rf"(?={_S}(?:{w.alt('from', 'range', 'before', 'after')}|[，,。、；;）)\s]|$))"
    md = (rf"(?P<m>{_M}){_S}月{_S}(?:(?P<d>{_D_DIG})(?:{_S}[日号]|{d_unitless})|(?P<d>{_D_CN}){_S}[日号])"
          rf"(?:{_S}(?:{_time(w)}|(?P<pod>{_pod(w)})))?")
    month_range = rf"(?P<m>{_M}){_S}(?:{conn}){_S}(?P<m_to>{_M}){_S}月份?"
    day_range = rf"(?P<m>{_M}){_S}月{_S}(?P<d>{_D_DIG}){_S}(?:{conn}){_S}(?P<d_to>{_D_DIG}){_S}[日号]"
    mpart = _month_part(w)
    month = rf"(?P<m>{_M}){_S}月份?(?:{_S}{mpart})?(?!{_S}\d)"
    quarter_y = (rf"第{_S}(?P<q>{_Q}){_S}季度?|(?P<q>{_Q}){_S}季度?|(?P<q>首){_S}季度?"
                 rf"|(?<![A-Za-z])[Qq](?P<q>[1-4])(?!\d)")
    quarter_num = rf"(?P<q>{_Q}){_S}季(?:度|(?=报))|(?<![A-Za-z\d])[Qq](?P<q>[1-4])(?![\dA-Za-z])"
    half_y = r"(?P<hf>[上下])半年|(?<![A-Za-z])[Hh](?P<hfn>[12])(?!\d)"
    # 前三季度; 前4个月, 首10个月: the first months of a year (1 to 11)
    front_months = rf"(?P<fm>1[01]|[1-9]|十一|[一二两三四五六七八九十]){_S}个?{_S}月(?!{_S}[\d{_CN_DIGITS}十])"
    front = rf"前{_S}(?P<fq>[一二三1-3]){_S}个?季度?|[前首]{_S}{front_months}"
    # 年中 after 2018年 may be 2018年中国; written with its own 年 (2018年年中) it cannot be
    # 2024年中期业绩: the interim period of a report, only before a word of reports (2024年中期目标 is no date)
    year_part = (rf"年?(?P<ypartr>{w.alt('year_part_results')})(?={_S}(?:{w.alt('year_part_results_next')}))"
                 rf"|年?(?P<ypart>{w.alt('year_part')})|年(?P<ypartg>{w.alt('year_part_guarded')})"
                 rf"|(?P<ypartg>{w.alt('year_part_guarded')})(?=[^\p{{Han}}]|$|{w.alt('year_part_next')})")
    body = (rf"(?:{_S}(?:的{_S})?(?:{month_range}|{day_range}|{md}|{month}|{quarter_y}|{half_y}|{front}"
            rf"|(?P<fest>{fest})|{year_part}))?")
    # 109年1月, 114年1至5月, 较109年同期: a year of the Republic of China (Taiwan: 1911 + 109 = 2020) before
    # a month, a range of months, a quarter, a half, 同期, 全年 or 度, or after 民国 (民国113年); a bare 109年
    # is a duration
    written_year = (rf"(?:(?P<y>{_Y4_NIAN}){_S}年{nian_guard}|(?P<yy>(?<![\d.第])\d{{2}})年"
                    rf"(?={_S}(?:{_M}{_S}月|第?{_Q}季|首季|[QqHh][1-4]|[上下]半年|{fest}))"
                    rf"|(?P<roc>(?<![\d.第])1[01]\d)年(?={_S}(?:{_M}{_S}(?:(?:{conn}){_S}{_M}{_S})?月|第?{_Q}季|首季|[上下]半年"
                    rf"|同期|全年|度))"
                    rf"|(?<=民国{_S})(?P<roc>\d{{2,3}})年){body}")
    named_year = (rf"(?:(?<![不想每])(?P<ry>{w.alt('rel_year')}){nian_guard}"
                  rf"|(?<![不想每])(?P<ay>{w.alt('ana_year')}){nian_guard}){body}")
    numeric = (rf"(?P<y>{_Y4})(?P<sep>[-/.])(?P<m>1[0-2]|0?[1-9])(?P=sep)(?P<d>3[01]|[12]\d|0?[1-9])"
               r"(?![\d.%亿万千百]|[-/]\d)(?:(?:[ \t]+|T)(?P<h>2[0-3]|[01]?\d):(?P<mi>[0-5]\d)"
               r"(?::(?P<sec>[0-5]\d))?(?!\d))?")
    year_range = rf"(?P<y>{_Y4}){_S}年?{_S}(?:{conn}){_S}(?P<yr2>{_Y4_END}){_S}年"
    year_no_nian = (rf"(?P<y>{_Y4})(?:{_S}的)?{_S}(?:第{_S}(?P<q>{_Q}){_S}季度?|(?P<q>{_Q}){_S}季度"
                    rf"|[Qq](?P<q>[1-4])(?!\d)|(?P<hf>[上下])半年|[Hh](?P<hfn>[12])(?!\d))")
    # 2016、2018年, 2015，2017和2018年: the years of a list share the last one's 年
    sep = r"[，,、和与及或]"
    # 19年 alone: a year only where its sentence or paragraph writes it in full (resolution checks)
    short_year = (rf"(?<![\d.{w.chars('short_year_not_after')}])(?P<ys>\d{{2}})年{nian_guard}"
                  rf"(?!{_S}(?:{w.alt('short_year_not_next')}))")
    year_list = rf"(?P<y>{_Y4})(?={_S}{sep}{_S}(?:(?:19|20)\d{{2}}{_S}{sep}{_S})*(?:19|20)\d{{2}}{_S}年)"
    # 成立于2019, 始于1998: a year written without 年 right after the verb of an act and 于
    year_act = (rf"(?<=(?:{w.alt('year_act_prev')}))(?P<y>{_Y4})(?![\d.%年月日万亿千百元/\-])"
                if w.words("year_act_prev") else "(?!)")
    ana_prev = r"(?<![不每])"
    rel_month = (rf"(?P<rm>{w.alt('rel_month')})(?:{_S}月?{mpart})?"
                 rf"|{ana_prev}(?P<am>{w.alt('ana_month')})(?:{_S}月?{mpart})?"
                 rf"|(?<![\d{_CN_DIGITS}十个本当上下这该同次每])月{_month_part(w, 'mbare')}")
    rel_day_guard = rf"(?!{w.alt('rel_day_not_next')})" if w.words("rel_day_not_next") else ""
    clock_or_pod = rf"(?:{_S}(?:{_time(w)}|(?P<pod>{_pod(w)})))?"
    rel_day = (rf"(?P<pd>{trie_regex(_day_stems(w))})[（(]{_S}(?P<pdn>3[01]|[12]\d|0?[1-9]){_S}[）)]{_S}日"
               rf"{clock_or_pod}"
               rf"|(?P<rd>{w.alt('rel_day')}){rel_day_guard}{clock_or_pod}"
               rf"|{ana_prev}(?P<ad>{w.alt('ana_day')}){rel_day_guard}{clock_or_pod}")
    vague_prev = w.chars("vague_not_prev")
    vague = rf"(?<![{vague_prev}])(?P<vg>{w.alt('vague')})" if vague_prev else rf"(?P<vg>{w.alt('vague')})"
    ago = (rf"(?<![\d.第近前])(?P<agon>\d{{1,3}}|[一二两三四五六七八九十]{{1,3}}|半)(?P<agou>{w.alt('ago_unit')})"
           rf"多?(?P<agod>{_guarded(w, 'ago_dir')})")
    bare_day = (rf"(?<![^\n{w.chars('bare_day_prev')}])(?P<bd>3[01]|[12]\d|0?[1-9])(?!\d){_S}[日号]"
                rf"(?!{w.alt('bare_day_not_next')}){clock_or_pod}"
                # 刘某5日在杭州表示, 某署12日宣布: a day between its doer and the verb, the news lead's shape
                rf"|(?<=\p{{Han}})(?<![{w.chars('bare_day_not_after')}])(?P<bd>3[01]|[12]\d|0?[1-9])(?!\d){_S}日"
                rf"(?=(?:{_S}(?:{_pod(w)}))?{_S}(?:{w.alt('bare_day_next')})){clock_or_pod}")
    # 23H1, 23Q2, 1H23, 3Q23: an analyst's code of a half or quarter and a two-digit year
    period_code = (r"(?=\d{1,2}[QqHh]\d)(?<![A-Za-z\d.])(?:(?P<yy>\d{2})(?:[Qq](?P<q>[1-4])|[Hh](?P<hfn>[12]))"
                   r"|(?P<q>[1-4])[Qq](?P<yy>\d{2})|(?P<hfn>[12])[Hh](?P<yy>\d{2}))(?![\dA-Za-z])")
    year_shaped = rf"(?=(?:19|20)\d\d|[一二][{_CN_DIGITS}]{{3}}|\d\d年|1[01]\d年)"
    month_shaped = rf"(?=(?:\d{{1,2}}|[一二三四五六七八九十]{{1,2}}){_S}(?:月|{conn}))"
    numeral_forms = "|".join([
        rf"{year_shaped}(?:{numeric}|{year_range}|{written_year}|{year_no_nian}|{year_list}|{year_act}|{short_year})",
        rf"{month_shaped}(?:{month_range}|{day_range}|{md}|{month})",
        period_code, quarter_num, rf"(?P<fest>{_festival_alt('numeral')})", ago, bare_day,
        rf"(?P<bt>{_time(w, colon_only=True)})"])
    word_forms = "|".join([
        named_year, rf"(?:(?P<this>{w.alt('this')}){_S})?(?P<fest>{_festival_alt('word')})",
        rf"第{_S}(?P<q>{_Q}){_S}季度", rf"(?P<q>首){_S}季度?(?!{_S}(?:{w.alt('quarter_first_not_next')}))",
        rf"第{_S}(?P<qb>{_Q}){_S}季(?!{_S}(?:{w.alt('quarter_first_not_next')}))",
        rf"(?P<rq>{w.alt('rel_quarter')})(?!{_S}(?:{w.alt('quarter_first_not_next')}))",
        r"(?P<hf>[上下])半年", rf"前{_S}(?P<fq>[一二三1-3]){_S}个?季度?",
        # a year's first months alone open a clause (，前4个月): 上市前3个月 is the months before a listing
        rf"(?<![\p{{Han}}\d]){_S}[前首]{_S}{front_months}",
        rf"(?<![{w.chars('full_year_not_prev')}])(?P<fy>{w.alt('full_year')}){nian_guard}",
        rf"(?<![年每往\d{_CN_DIGITS}十几多])年(?P<ypart>{w.alt('year_part')})",
        # a bare 年中 only after a preposition or a mark (在年中的调整中), never inside 全年中, 多年中
        rf"(?<![^\n{w.chars('bare_day_prev')}])年(?P<ypartg>{w.alt('year_part_guarded')})"
        rf"(?=[^\p{{Han}}]|$|{w.alt('year_part_next')})", rel_month, rel_day,
        rf"(?P<rw>{w.alt('rel_week')})(?:(?:周|星期|礼拜)?(?P<wd>[一二三四五六日天])(?![\d{_NUMERALS}]))?",
        vague, rf"(?P<bt>{_time(w, pod_required=True)})",
        rf"(?<=(?:{w.alt('until')}){_S})(?P<now>{w.alt('now')})"])
    numeral_start = (r"(?<![\d.])\d(?=[\d年月日号季点时:：\-/.个天周多前后至到~～—–\s·QqHh])"
                     rf"|(?:{_LIST_NUMBER})(?=(?:19|20)\d\d年)"
                     rf"|(?<![{_NUMERALS}])[{_NUMERALS}](?=[{_NUMERALS}月季年个天周多前后点时日号半])"
                     r"|半(?=[年个])|[QqHh][1-4]")
    words = [*w.words("rel_year", "ana_year", "rel_month", "ana_month", "rel_day", "ana_day", "rel_week",
                      "vague", "this", "rel_quarter"),
             *(n for n, f in festivals().items() if f is not None and n[0] not in _NUMERALS + "0123456789"),
             *(st + p for st in _day_stems(w) for p in "（("),
             *w.words("full_year"), "首季", "上半年", "下半年",
             *("年" + p for p in w.words("year_part", "year_part_guarded")),
             *("月" + p for p in w.words("month_part", "month_part_guarded"))]
    starters = [*words, *w.words("now", "day_part"), "第", "前", "首"]
    word_start = trie_regex(set(starters))
    first = set("0123456789" + _NUMERALS + "半QqHh") | {s[0] for s in starters}
    first_class = "[" + "".join(regex.escape(c) for c in sorted(first)) + "]"
    until_end = "[" + "".join(sorted({regex.escape(u[-1]) for u in w.words("until")})) + "]"
    in_context = [rf"第(?={_S}{_Q}{_S}季)", rf"前(?={_S}[一二三1-3])",  # the quarters' 第 and front
                  rf"[前首](?={_S}(?:\d{{1,2}}|[一二两三四五六七八九十]{{1,2}}){_S}个?{_S}月)",  # a year's first months
                  rf"(?:(?<={until_end})|(?<={until_end}{_SPACE}))(?:{w.alt('now')})",  # a now word's until
                  rf"(?:{w.alt('day_part')})(?={_S}[\d零一二两三四五六七八九十])"]  # a part of the day's clock
    # The character class comes first, as a character consumed: ``re`` then skips to the next character of
    # the class in its own loop (a pattern that opens with a lookahead is entered at every position); the
    # rest is tested at that character from a lookbehind one character wide.  Each match is one character,
    # so the scan still sees every position, as the empty matches of two lookaheads did.
    starts = re.compile(rf"{first_class}(?<=(?=(?:{_numeral_start_scan(w)})|(?:{trie_regex(set(words))})|"
                        + "|".join(f"(?:{c})" for c in in_context) + ").)")
    day2 = rf"(?P<d2>{_D_DIG}|{_D_CN}){_S}[日号]"
    range_tail = (rf"{_S}(?:{conn}){_S}(?=[\d{_CN_DIGITS}十两])(?:"
                  rf"(?P<y2>{_Y4_END}){_S}年(?:{_S}(?P<m2>{_M}){_S}月份?(?:{_S}{day2})?)?"
                  rf"|(?P<m2>{_M}){_S}月份?(?:{_S}{day2})?|{day2}|{_time(w, '2')})(?:{_S}{_time(w, '2')})?")
    suffix = _guarded(w, "eve", "during", "from", "after", "before")
    full = (rf"(?:(?={numeral_start})(?P<core>{numeral_forms})"
            rf"|(?={word_start})(?P<core>{word_forms}))(?P<rt>{range_tail})?(?:{_S}(?P<suf>{suffix}))?")
    return _Scanner(starts, compile_pattern(full))


@dataclass(frozen=True)
class _Before:
    """Words that must end right before a position (a pattern ending in ``$``, searched in a window), behind
    the test of the one character there: most dates have none of them before them, and a set lookup
    costs a tenth of the search."""

    pattern: regex.Pattern[str] | re.Pattern[str]
    last: frozenset[str]  # what a match can end with; "\n" too, as ``$`` also matches before a final one
    width: int

    def search(self, text: str, pos: int) -> regex.Match[str] | re.Match[str] | None:
        if pos == 0 or text[pos - 1] not in self.last:
            return None
        return self.pattern.search(text, max(0, pos - self.width), pos)


def _numeral_start_scan(w: Words) -> str:
    """Where the scan tries a numeral: the grammar's numeral start, narrowed to where a numeral form can go on.

    The grammar's own test looks at one character after a numeral's first (a digit before 年 月 日 -
    至 …, another digit); the scan also reads the whole run of digits: a run of two or more is a
    year only as 19xx/20xx, else it is a festival's (618, 315) or at most three digits before what a
    month, a day, a range, a clock or a count of ago units (个月, 星期, 天) writes after them (so 100万,
    86.5 and 90% are not tried).  After a single character it drops what no form puts there (. / 点
    时 多 前 后: 3.5, 两点), and takes 个 only as the start of an ago unit (三个月前, not 一个问题).
    ``test_the_scan_filter_drops_no_date`` checks it against the grammar tried everywhere.
    """
    runs = {n[:len(n) - len(n.lstrip("0123456789"))] for n, f in festivals().items() if f is not None}
    runs = {r for r in runs if len(r) >= 2}
    units = w.words("ago_unit")
    after_run = {"年", "月", "日", "号", ":", "：", *(u[0] for u in units), *(r[0] for r in w.words("range"))}
    one = "年月日号季:：\\-个天周至到~～—–\\s·"
    ge = "".join(sorted(regex.escape(c) for c in after_run))
    digits = (rf"(?<![\d.])(?:\d(?=[{one}])|\d{{1,2}}(?=[QqHh]\d)"  # 3Q23, 23H1: a period code
              rf"|(?=\d\d)(?:(?:19|20)\d\d(?!\d)|(?:{trie_regex(runs)})(?!\d)|\d{{2,3}}(?!\d){_S}[{ge}]))"
              rf"|(?:{_LIST_NUMBER})(?:19|20)\d\d(?!\d)")
    ge_units = trie_regex(u[1:] for u in units if u.startswith("个") and len(u) > 1)
    chinese = (rf"(?<![{_NUMERALS}])[{_NUMERALS}](?=[{_NUMERALS}月季年天周日号半]"
               + (rf"|个(?:{ge_units})" if ge_units != r"(?!x)x" else "") + ")")
    return rf"{digits}|{chinese}|半(?=[年个])|[QqHh][1-4]"


@lru_cache(maxsize=1)
def _until_before() -> _Before:
    """截至/直到 (or 至 after 有效期, 延长...) just before a date: the date closes an open start."""
    w = date_words()
    return _Before(compile_pattern(rf"(?:{w.alt('until')}|(?<=(?:{w.alt('until_verb')}){_S})至){_S}$"),
                   frozenset({u[-1] for u in w.words("until")} | {"至", " ", "\t", "\u3000", "\n"}), 12)


def scan(text: str, start: int = 0, stop: int | None = None) -> list[regex.Match[str]]:
    """Raw grammar matches starting in ``text[start:stop]``, left to right and not overlapping (as
    ``finditer`` would give them), outside URLs and e-mail addresses."""
    scanner = _scanner()
    grammar = scanner.grammar.match
    out: list[regex.Match[str]] = []
    end = start
    stop = len(text) if stop is None else stop
    for c in scanner.starts.finditer(text, start):  # to the end: lookaheads see past ``stop``
        at = c.start()
        if at >= stop:
            break
        if at < end:
            continue
        m = grammar(text, at)
        if m:
            out.append(m)
            end = m.end()
    masked = _masked_spans(text)
    if masked:
        lefts = [a for a, _ in masked]
        out = [m for m in out if not _inside(m, masked, lefts)]
    return out


def _inside(m: regex.Match[str], masked: list[tuple[int, int]], lefts: list[int]) -> bool:
    i = bisect.bisect_right(lefts, m.end() - 1) - 1
    return i >= 0 and masked[i][1] > m.start()


def _masked_spans(text: str) -> list[tuple[int, int]]:
    """URLs and e-mail addresses: their digits are paths and codes, never dates."""
    if "www." not in text and "://" not in text and "@" not in text:
        return []
    return [(u.start(), u.end()) for u in LINK_RE.finditer(text)]


class _Groups:
    """A match's named groups.  ``Match.group(name)`` costs a microsecond in ``regex`` and
    ``groupdict()`` builds ~70 entries; one ``groups()`` call read through the name index is
    what resolution can afford on every mention.  ``regex`` builds a new ``groupindex`` dict at every
    access: it is read once per pattern (with places counted from 0)."""

    __slots__ = ("_index", "values")

    def __init__(self, m: regex.Match[str]) -> None:
        self.values = m.groups()
        index = _PLACES.get(m.re)
        if index is None:
            index = _PLACES[m.re] = {name: i - 1 for name, i in m.re.groupindex.items()}
        self._index = index

    def __getitem__(self, name: str) -> str | None:
        return self.values[self._index[name]]  # type: ignore[no-any-return]

    def get(self, name: str) -> str | None:
        return self.values[self._index[name]]  # type: ignore[no-any-return]

    def number(self, name: str) -> int:
        """The group's number, for ``Match.start``: by name it costs regex four times as much."""
        return self._index[name] + 1

    def any(self, names: tuple[str, ...]) -> bool:
        """Whether any of the groups matched something."""
        values, index = self.values, self._index
        return any(values[index[n]] for n in names)


_PLACES: dict[regex.Pattern[str], dict[str, int]] = {}  # a pattern's group names -> places in groups()

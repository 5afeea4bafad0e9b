"""Dates the date grammar does not read, and dates that belong to the dispatch, not to the story.

**Five-year plans** (``data/five_year_plans.tsv``): ``十二五期间`` is
2011-01-01..2015-12-31, ``“十四五”以来`` is open from 2021-01-01, ``十三五末``
is the plan's last year, ``十四五初`` its first; precision year, basis
absolute (the name fixes the years).  A name that is also a plain numeral
(``十五``, ``九五``) is a plan only in quotes or before 规划/计划/期间/时期; no
name is read inside a longer numeral (``三十四五岁``) or before a unit.

**Datelines** (``中新社广州5月9日电``, ``新华社北京3月8日电（记者 张三）``):
a date followed by 电 that opens its clause after nothing but a few characters
of agency and place.  A dateline says when the story was filed: it is never
the period of the numbers after it, and the article's own dateline (one that
opens a line near the top) is no event of the story.  Putting its date into
the article's metadata is the strip stage's business.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import regex

from zhextract.extract.dates import DateMention
from zhextract.lexicon import lexicon
from zhextract.patterns import compile_pattern
from zhextract.resources import read_table
from zhextract.trie import trie_regex

OWN_DATELINE_LINES = 3  # the article's own dateline opens one of its first lines
DATELINE_PREFIX_MAX = 14  # characters of agency and place before a dateline's date
_NUMERAL = "〇零一二两三四五六七八九十百千万亿"
_SUFFIXES = ("规划", "计划", "期间", "时期", "以来", "末期", "末", "初期", "初", "开局之年", "收官之年", "开局", "收官")


@lru_cache(maxsize=1)
def _plans() -> tuple[regex.Pattern[str], dict[str, tuple[int, int]]]:
    years: dict[str, tuple[int, int]] = {}
    for row in read_table("five_year_plans.tsv", 3):
        try:
            years[row[0]] = (int(row[1]), int(row[2]))
        except ValueError:
            raise row.error("expected <name> TAB <first year> TAB <last year>") from None
    suffix = trie_regex(_SUFFIXES)
    pattern = (rf"(?<![{_NUMERAL}\d])(?P<open>[“\"「『])?(?P<name>{trie_regex(years)})(?P<close>[”\"」』])?"
               rf"(?P<sfx>{suffix})?(?![{_NUMERAL}\d个岁年月日天人名家元位次%％])")
    return compile_pattern(pattern), years


def find_plans(text: str, claimed: list[tuple[int, int]]) -> list[DateMention]:
    """Five-year-plan periods of ``text`` outside the ``claimed`` spans (see the module docstring)."""
    if "五" not in text:
        return []
    pattern, years = _plans()
    out = []
    for m in pattern.finditer(text):
        name, sfx = m.group("name"), m.group("sfx") or ""
        quoted = bool(m.group("open") and m.group("close"))
        if not quoted and (m.group("open") or m.group("close")):
            continue
        if len(name) < 3 and not quoted and sfx not in ("规划", "计划", "期间", "时期"):
            continue  # 十五, 九五 are numbers unless they clearly name a plan
        if any(s < m.end() and m.start() < e for s, e in claimed):
            continue
        first, last = years[name]
        start, end = dt.date(first, 1, 1), dt.date(last, 12, 31)
        if sfx in ("末", "末期", "收官", "收官之年"):
            start = dt.date(last, 1, 1)
        elif sfx in ("初", "初期", "开局", "开局之年"):
            end = dt.date(first, 12, 31)
        pos, endpos = m.start(), m.end()
        if sfx in ("规划", "计划"):
            endpos -= len(sfx)  # 十四五规划: the plan's period, 规划 is the document
        mention = DateMention(text[pos:endpos], pos, endpos, start.isoformat(), end.isoformat(), "year", "absolute",
                              lo=start, hi=end)
        if sfx == "以来":
            mention.end, mention.open = None, "end"
        out.append(mention)
    return out


def datelines(text: str, mentions: list[DateMention]) -> tuple[set[int], set[int]]:
    """Positions of the date mentions that are datelines, and of those that are the article's own."""
    found: set[int] = set()
    own: set[int] = set()
    for m in mentions:
        if text[m.endpos:m.endpos + 1] != "电" or lexicon().freq(text[m.endpos:m.endpos + 2]) > 0:
            continue  # 电商, 电视: a word, not the dispatch mark
        line_start = text.rfind("\n", 0, m.pos) + 1
        clause_start = max(line_start, *(text.rfind(c, 0, m.pos) + 1 for c in "，。；：！？"))
        prefix = text[clause_start:m.pos].strip(" 　【[（(")
        if len(prefix) > DATELINE_PREFIX_MAX or not all(ch.isalpha() for ch in prefix):
            continue
        found.add(m.pos)
        if clause_start == line_start and not prefix.startswith("据") \
                and text.count("\n", 0, line_start) < OWN_DATELINE_LINES:
            own.add(m.pos)
    return found, own

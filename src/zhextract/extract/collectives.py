"""Collectives, sectors and markets: many actors taken together (全国检察机关), a sector (保险业, 券商板块) or a
market (科创板, 全网), as ``data/collectives.tsv`` describes them.

Finders of :class:`~zhextract.extract.names.Candidate` mentions of type agency or sector, beside the other
kinds of :mod:`zhextract.extract.names`.  A sector owns figures but never does anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from zhextract.extract.names import STOP_TAGS, Candidate, not_names
from zhextract.extract.text import in_book_title
from zhextract.lexicon import lexicon
from zhextract.resources import read_list, read_table
from zhextract.trie import trie_regex

COLLECTIVE_ROLES = ("whole", "body", "sector_end", "market", "level_body", "field")
SECTOR_TYPES = ("agency", "sector")
KIND_TYPES = ("company", "agency")
SECTOR_STEM_MIN = 2  # characters of a dictionary word before 业 or a sector_end word (保险|业, 券商|板块)
SECTOR_MAX = 6  # characters of a dictionary sector ending in 业 (房地产业)
SECTOR_TAGS = frozenset({"n", "nz", "j"})
STEM_TAGS = SECTOR_TAGS | {"v", "vn"}  # a stem listed before a sector may be an activity (住宿, 批发, 运输)
STEM_WORD_MAX = 4  # characters of one dictionary word in such a list
SECTOR_JOINS = "及和、"  # what joins the stems of one sector (金融及保险业, 运输、仓库及邮政业)


@dataclass(frozen=True)
class _Collectives:
    pattern: re.Pattern[str]  # a whole word and its body, or a market word
    types: dict[str, str]  # body or market word -> entity type
    sector_end: re.Pattern[str]  # 板块, 行业
    fields: re.Pattern[str]  # 产业, 市场, 赛道: words after a field of activity
    classes: re.Pattern[str]  # classes of industry (data/industry_classes.txt), with and without their 、


@lru_cache(maxsize=1)
def _collectives() -> _Collectives:
    """``data/collectives.tsv`` (see its header)."""
    words: dict[str, set[str]] = {r: set() for r in COLLECTIVE_ROLES}
    types: dict[str, str] = {}
    for row in read_table("collectives.tsv", 3, 2):
        if row[0] == "kind_grade":
            continue  # words between 等 and a kind: extract/members.py
        if row[0] == "kind":  # the kinds lists of names belong to: extract/members.py
            if row[2] not in KIND_TYPES:
                raise row.error("expected kind TAB <words> TAB company|agency")
            continue
        if row[0] not in words or (row[0] == "body") != bool(row[2]) or (row[2] and row[2] not in SECTOR_TYPES):
            raise row.error("expected whole|sector_end|market|level_body|field TAB <words>, or body TAB <words> TAB "
                            "agency|sector")
        words[row[0]].update(row.items(1))
        for w in row.items(1):
            if row[0] in ("body", "market"):
                types[w] = row[2] or "sector"
            elif row[0] == "level_body":
                types[w] = "agency"  # 省委, 省政府: the public bodies of the article's own place
    pattern = rf"(?P<whole>(?:{trie_regex(words['whole'])})(?:{trie_regex(words['body'])}))" \
        rf"|(?<![\u4e00-\u9fff])(?P<level>{trie_regex(words['level_body'])})" \
        rf"|(?P<market>{trie_regex(words['market'])})"
    # The lookahead on the first characters lets re skip most positions (the lookbehind of level bodies
    # kept it from finding them itself: four times slower).
    first = re.escape("".join(sorted({w[0] for r in ("whole", "level_body", "market") for w in words[r]})))
    classes = read_list("industry_classes.txt")
    return _Collectives(re.compile(f"(?=[{first}])(?:{pattern})"), types, re.compile(trie_regex(words["sector_end"])),
                        re.compile(trie_regex(words["field"])),
                        re.compile(trie_regex({*classes, *(c.replace("、", "") for c in classes)})))


def field_words() -> re.Pattern[str]:
    """The ``field`` words of data/collectives.tsv (产业, 市场, 赛道…), anchored where they are tried."""
    return _collectives().fields


FIELD_SHARE = 3  # one mention in this many before a field word makes a new word a field's (电竞|产业)
FIELD_MIN = 2  # ... and at least this many


@lru_cache(maxsize=256)
def names_a_field(text: str, word: str) -> bool:
    """Whether a word the article keeps writing names a field of activity, not a company: it stands before
    a field word of data/collectives.tsv (电竞|产业, 电竞|市场, 电竞|赛事) in a third of its mentions and twice
    at least.  When the same character follows it everywhere (手游电|竞), the HMM cut a longer word, which
    is read whole.  Remembered: every clause of an article asks about the same few words."""
    starts = [m.start() for m in re.finditer(re.escape(word), text)]
    ends = [s + len(word) for s in starts]
    after = {text[e:e + 1] for e in ends}
    if len(starts) > 1 and len(after) == 1 and "\u4e00" <= next(iter(after)) <= "\u9fff":
        ends = [e + 1 for e in ends]
    fields = field_words()
    found = sum(1 for e in ends if fields.match(text, e))
    return found >= max(FIELD_MIN, -(-len(starts) // FIELD_SHARE))


def collective_names(text: str) -> list[Candidate]:
    """Public bodies taken as a whole (全国检察机关, 各级法院: agency), and sectors and markets (辖内银行业金融机构,
    保险业, 券商板块, 汽车行业, 科创板, 全网: sector), as ``data/collectives.tsv`` describes them.

    A sector is a noun of jieba's dictionary right before a sector_end word (券商|板块), or a dictionary noun
    ending in 业 whose stem is a word of its own (保险业, 设计业, 银行业; not 企业, 创业, 就业: their stems are
    one character).  A statistics office's class of industry (``data/industry_classes.txt``) is read whole."""
    col = _collectives()
    out: list[Candidate] = []
    for m in col.pattern.finditer(text):
        word = m.group()
        body = word if m.group("market") or m.group("level") else max((w for w in col.types if word.endswith(w)),
                                                                       key=len)
        out.append(Candidate(m.start(), m.end(), col.types[body], "collective", word))
    lex = lexicon()
    classes = [Candidate(m.start(), m.end(), "sector", "collective", m.group().replace("、", ""))
               for m in col.classes.finditer(text)  # 计算机、通信和其他电子设备制造业: one class, not 制造业 alone
               if not lex.freq(text[m.end() - 1:m.end() + 1])]  # 保险业|务: its last character opens a word
    for m in col.sector_end.finditer(text):
        lo = next((m.start() - n for n in range(min(SECTOR_MAX, m.start()), SECTOR_STEM_MIN - 1, -1)
                   if lex.tag(text[m.start() - n:m.start()]) in SECTOR_TAGS), None)  # 券商|板块
        if lo is not None and text[lo:m.start()] not in not_names():
            out.append(Candidate(lo, m.end(), "sector", "collective", text[lo:m.end()]))
    at = text.find("业")
    while at >= 0:
        end = at + 1
        if lex.freq(text[at:end + 1]) == 0:  # 保险|业, 银行|业; not 广告|业务 (asked first: 业务, 业绩 are common)
            lo = next((end - n for n in range(min(SECTOR_MAX, end), SECTOR_STEM_MIN, -1)
                       if lex.tag(text[end - n:end]) in SECTOR_TAGS and _word_stem(lex.tag(text[end - n:at]))), None)
            if lo is not None:
                lo -= lo > 0 and text[lo - 1] == "非"  # 非制造业: the sector of all the others, one word
                lo = _shared_suffix_start(text, lo)
                out.append(Candidate(lo, end, "sector", "collective", text[lo:end]))
        at = text.find("业", end)
    if classes:  # a sector read inside a class is the class's last word (电子设备|制造业) or the class itself
        out = [c for c in out if not any(k.start <= c.start and c.end <= k.end for k in classes)] + classes
    # 《关于支持新能源汽车下乡的通知》 is about a sector: it names no sector that has figures or acts
    return [c for c in out if not in_book_title(text, c.start)]


def _shared_suffix_start(text: str, lo: int) -> int:
    """Where a sector whose 业 ends a list of stems starts: 住宿及膳食服务业, 金融及保险业 and
    运输、仓库、邮政及速递服务业 are each one sector (a statistics office's class), since their first stems are
    no sectors of their own; 制造业及建筑业 stays two, and 公司和保险业 is a company and a sector: the last
    join of such a class is 及, the others 、 or 和."""
    start = _stem_run_start(text, lo)  # 膳食|服务业
    if start == 0 or text[start - 1] != "及":
        return lo
    while start > 0 and text[start - 1] in SECTOR_JOINS:
        stem = _stem_run_start(text, start - 1)
        if stem == start - 1 or text[start - 2] == "业":
            break
        start = stem
    return start


def _stem_run_start(text: str, end: int) -> int:
    """The start of the dictionary words, nouns or activities, written right before ``end`` (进出口|贸易, 膳食),
    at most SECTOR_MAX characters."""
    lex = lexicon()
    start = end
    while start > 0 and end - start < SECTOR_MAX:
        n = next((n for n in range(min(STEM_WORD_MAX, start), 1, -1)
                  if lex.tag(text[start - n:start]) in STEM_TAGS), 0)
        if not n:
            break
        start -= n
    return start


def _word_stem(tag: str | None) -> bool:
    """A sector's stem is a dictionary word, noun or verb (保险, 设计, 制造), no function word."""
    return tag is not None and tag not in STOP_TAGS

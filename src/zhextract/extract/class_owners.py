"""Whose a figure is when no entity owns it: the class of things its measure is of, as the sentence writes it.

A figure no entity owns, even after the carries of :func:`zhextract.extract.attach.carry_subjects`, is of the
class of things its measure is of when its sentence writes it (:func:`noun_owner`: ``行业整体产能利用率``:
行业整体; ``新盘销售``: 新盘), or of the class the figure before it in its sentence had (:func:`owner_carried`),
or of the things it counts (:func:`counted_owner`); a list of things before 分别 gives one to each figure
(:func:`listed_owners`).  The entity a figure belongs to is :mod:`.subjects`' business.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from functools import lru_cache

from zhextract.extract.changes import changes
from zhextract.extract.entities import _is_han
from zhextract.extract.marked_names import latin_common
from zhextract.extract.metrics import find_heads, measure_words
from zhextract.extract.names import STOP_TAGS, clause_words, is_preposition
from zhextract.extract.number_words import units
from zhextract.extract.numbers import Quantity
from zhextract.extract.roles import (
    cues,
    has_own_subject,
)
from zhextract.lexicon import Token, lexicon

# Tags of the words a noun owner is made of (a class of things, a group, a sector: 新盘, 行业整体, 锂电池).
OWNER_TAGS = frozenset({"n", "nz", "nt", "ns", "s", "j", "eng"})
TIME_NOUN_MAX = 3  # characters of a noun of time (data/clause_cues.tsv, time_end)
OWNER_REACH = 12  # characters before a measure read for the noun that owns it: the owner stands right before it


def noun_owner(text: str, pos: int, metric_span: tuple[int, int] | None, metric_head: tuple[int, int] | None,
               clause: tuple[int, int], dates: Sequence[tuple[int, int]] = ()) -> str | None:
    """The class of things a figure at ``pos`` is of when no entity owns it: the nouns right before its
    measure noun inside the measure phrase (``新盘销售``: 新盘), else right before the phrase, through a
    ``的`` or a bracket (``行业整体产能利用率``, ``电池级碳酸锂均价``: 行业整体, 碳酸锂), or before a figure
    that counts the thing after it, through a ``的`` (``病区的40多张病床``: 病区).  A date between the nouns
    and the phrase (``dates``, spans in order) stands aside: ``行业2024年总收入``: 行业.

    None when no noun stands there, when the nouns are a measure or a currency, when they may be the
    tail of a name cut short (a lone character before them), when a pronoun or an unnamed agent opens
    them (``该机型研发投入``, ``某平台手机品类成交额``: data/clause_cues.tsv, indefinite and anaphor): that
    subject is someone, but none the words name; or when they close a list (``光伏、船舶等产品``)."""
    if metric_span is None:
        return None
    lo = metric_span[0]
    if lo >= pos:  # 病区的40多张病床: what the figure counts is named after it
        return _nouns_ending_at(text, clause[0], pos) if text.endswith("的", clause[0], pos) else None
    if metric_head is not None and metric_head[0] > lo:
        found = _nouns_ending_at(text, clause[0], metric_head[0], lo, metric_head[1] - metric_head[0])
        if found is not None:
            return None if _convention(found) else found
    date = _date_before(text, dates, lo)
    if date is None:
        found = _nouns_ending_at(text, clause[0], lo)
    else:  # 行业2024年总收入: the nouns before the date; 9月份服装出口额: none (月份 is the date's)
        found = _nouns_ending_at(text, clause[0], date[0]) if date[0] > clause[0] else None
    if found is None:
        link = next((w for w in measure_words().links if text.endswith(w, clause[0], lo)), None)
        if link is not None:  # 国有控股企业|实现|利润总额: the class a link verb's clause opens with
            found = _clause_class(text[clause[0]:lo - len(link)])
    return None if found is None or _convention(found) else found


def _convention(words: str) -> bool:
    """Whether ``words`` name a convention a figure is computed by, not a class of things (Non-GAAP, GAAP:
    data/latin_common.txt; 美国通用会计准则: data/clause_cues.tsv, standard)."""
    return words.lower() in latin_common() or any(words.endswith(w) for w in clause_words()["standard"])


def _date_before(text: str, dates: Sequence[tuple[int, int]], end: int) -> tuple[int, int] | None:
    """The date span of ``dates`` (in order) that ends at ``end`` or before a word that modifies a measure there
    (居民2024年|人均|可支配收入), or None."""
    i = bisect.bisect_left(dates, (end, end)) - 1
    if i < 0 or dates[i][1] > end:
        return None
    between = text[dates[i][1]:end]
    return dates[i] if not between or between in _measure_modifiers() else None


@lru_cache(maxsize=4096)
def _clause_class(opening: str) -> str | None:
    """The class of things a clause opens with before its link verb (国有控股企业, 外商及港澳台商投资企业): words
    ending in a noun, no longer than OWNER_REACH, with no function word but a conjunction between nouns."""
    words = opening.strip(" ，,")
    if not 2 <= len(words) <= OWNER_REACH:
        return None
    tokens = lexicon().tokens(words)
    if not tokens or tokens[-1].tag not in ("n", "nz", "j") or len(tokens[-1].word) < 2:
        return None
    if any((t.tag or "")[:1] in ("p", "u", "r", "d", "t") or t.word[0].isdigit() for t in tokens):
        return None  # 该企业, 在…中, 1-7月份: no class of things alone
    return words


SHARE_GAP = 2  # characters between a share verb and the whole it names (占同期手机出货量: 同期)


def measures_the_whole(text: str, q: Quantity, lo: int) -> bool:
    """Whether a share's measure phrase follows a share verb (占同期手机出货量的90.2%): it names the whole the
    share is taken of, whose nouns are not the share's owner (data/measure_words.tsv, nominal)."""
    if q.metric_span is None or q.metric_span[0] <= lo:
        return False
    window = text[max(lo, q.metric_span[0] - SHARE_GAP - 2):q.metric_span[0]]
    return any(0 <= window.rfind(v) >= len(window) - len(v) - SHARE_GAP for v in measure_words().nominal)


def owner_before_change(text: str, q: Quantity, clause: tuple[int, int]) -> str | None:
    """The class of things a change is of when its measure was written in a clause before (超市零售额增长2.1%，
    百货店下降3.2%: 百货店): the nouns that open its own clause right before its verb of change; else None."""
    if not q.change or q.metric_span is None or q.metric_span[0] >= clause[0]:
        return None
    at = text.rfind(q.change, clause[0], q.pos)
    return _nouns_ending_at(text, clause[0], at) if at > clause[0] else None


def _nouns_ending_at(text: str, first: int, hi: int, lo: int | None = None, ending: int = 0) -> str | None:
    """The run of nouns that ends at ``hi`` (a ``的`` or a bracket at its end aside), inside
    ``text[lo:hi]`` when ``lo`` is given, else reaching back to ``first`` at most; ``ending``: the length
    of the measure noun at ``hi`` when it is a bare ending (交易|量: the word before it is part of it)."""
    end = hi
    if text.endswith("的", first, end):
        end -= 1
    if end > first and text[end - 1] in "）)":
        opened = max(text.rfind("（", first, end), text.rfind("(", first, end))
        if opened < 0:
            return None
        end = opened
    floor = max(first, end - OWNER_REACH)
    tokens = lexicon().tokens(text[floor:end])
    if ending == 1 and tokens and floor + tokens[-1].end == end:
        end = floor + tokens.pop().start  # 二手车交易量: 交易量 is the measure
    modifiers = _measure_modifiers()
    while tokens and floor + tokens[-1].end == end and (tokens[-1].word in modifiers
                                                        or (len(tokens) > 1 and tokens[-1].tag == "vn")):
        end = floor + tokens.pop().start  # 游客|出行|总花费, 平台|日均|订单量: words of the measure, no owner
    c = cues()
    unnamed = c.words["indefinite"] | c.words["anaphor"]
    currencies = set(units()[1])
    bases = changes().words["base"]  # 同比|增长率: the base of a change is no thing
    start, k = end, len(tokens)
    while k > 0:
        tok = tokens[k - 1]
        if tok.tag is None and len(tok.word) > 2 and is_preposition(tok.word[0]) and floor + tok.end == start:
            start = floor + tok.start + 1  # 经青茂|口岸: the HMM glued the clause's preposition to a name
            break
        if floor + tok.end != start or not _owner_word(tok) or tok.word in unnamed or tok.word in currencies \
                or tok.word in bases or is_preposition(tok.word) \
                or (len(tok.word) <= TIME_NOUN_MAX and tok.word[-1] in c.words["time_end"]) \
                or (lo is not None and floor + tok.start < lo):
            break
        start, k = floor + tok.start, k - 1
    measured = [h for h in find_heads(text, start, end) if h.end == end]
    if any(h.start == start and h.kinds != {"count"} for h in measured):
        return None  # a measure itself (营业收入); a count of people or things (游客总消费) may own a figure
    sums = [h.start for h in measured if "count" not in h.kinds]
    if sums:
        end = min(sums)  # 国产品牌手机|成交额|占比: the sum a share is taken of is no part of the owner (游客 is)
        if text[start:end] in modifiers:
            return None  # 单位|国内生产总值|二氧化碳排放: a measure per unit of another, of no one
    if end - start < 2 or not any(t.end - t.start > 1 for t in tokens[k:] if floor + t.start < end):
        return None  # no noun, or a lone character
    at = start
    for n, prev in enumerate(reversed(tokens[:k])):  # the words that open the noun phrase
        if floor + prev.end != at:
            break
        if (prev.tag == "r" and len(prev.word) == 1) or prev.word in unnamed or prev.word in c.words["list_end"]:
            return None  # 该机型, 某平台…, 一家外卖平台, 光伏、船舶等产品
        if not _owner_word(prev):
            if n == 0 and len(prev.word) == 1 and (prev.tag or "x")[0] == "v":
                return None  # 拾|光电商平台: a name cut short
            if n == 0 and len(prev.word) == 1 and prev.tag in ("a", "b"):
                start = floor + prev.start  # 短|视频用户, 新|楼盘: one word jieba cut in two
            if prev.tag in ("p", "c") or (n > 0 and (prev.tag or "x")[0] == "v"):
                break  # a verb (but one modifying the noun right after it: 外卖平台) or a function word
        at = floor + prev.start
    return text[start:end]


@lru_cache(maxsize=1)
def _measure_modifiers() -> frozenset[str]:
    """Words of a measure phrase before its head, no owner's (data/measure_words.tsv: modifiers, and closed, as
    the 总 of 粮食|总|产量)."""
    return measure_words().modifiers | measure_words().closed


def owner_carried(text: str, previous: Quantity, q: Quantity, clause: tuple[int, int],
                  skip: Sequence[tuple[int, int]]) -> str | None:
    """The class of things a figure with no owner of its own is of, carried from the figure before it in its
    sentence: that figure's class (新盘销售1000伙，同比增长20%; 民营企业投资项目80个，总投资430亿元: 民营企业), or the
    things it counts, named right after it (120个重点项目集中开工，总投资860亿元: 重点项目).  Only when the
    figure's clause has no subject of its own before it (:func:`has_own_subject`) and measures something
    else than a count of the same things."""
    if q.kind == "duration":
        return None  # 连续两个月: how long, of no one
    if previous.subject_basis == "noun" and previous.subject:
        owner = previous.subject
    elif previous.kind == "count" and previous.metric and previous.metric_span is not None \
            and previous.metric_span[0] > previous.pos and _names_things(previous.metric):
        owner = previous.metric  # what the figure before counts, named after its number
    else:
        return None
    if q.metric == owner or has_own_subject(text, clause[0], q.pos, skip):
        return None
    return owner


def _names_things(metric: str) -> bool:
    """Whether a count's phrase names things (重点项目, 员工), not a measure of those counted (30家|营收增速: a
    rate, a sum), which owns none of the figures after it."""
    found = find_heads(metric, 0, len(metric))
    return not found or "count" in found[-1].kinds


def counted_owner(text: str, q: Quantity, quantities: list[Quantity], clause: tuple[int, int]) -> str | None:
    """The things a count before ``q`` in its clause counts, written right after it (``145家证券公司…营业收入
    4059亿元``: 证券公司): a figure no one owns is of the class of things its clause counted first (a clause
    after it may count a part of them: …，其中民营企业项目515个).  :func:`owner_carried` carries the things
    counted to the clauses after the count; here they are the subject of the count's own clause, which is why
    that function, which leaves a clause with a subject of its own alone, does not take them."""
    for p in reversed(quantities):
        if p.pos >= q.pos or p.pos < clause[0]:
            continue
        if p.kind == "count" and p.metric_span is not None and p.metric_span[0] == p.endpos:
            return text[p.metric_span[0]:p.metric_span[1]]
    return None


def listed_owners(text: str, lo: int, hi: int, count: int) -> list[str] | None:
    """The things a list written in ``text[lo:hi]`` names, when it has exactly ``count`` of them: what the figures
    after 分别 are of, in order (空调、冰箱、洗衣机等家电销量同比分别增长12%、8%、4%: 空调, 冰箱, 洗衣机).

    A list is nouns joined by 、, the last one by 、 or a word of data/changes.tsv, list (和, 及); it opens with
    the one word before its first 、 and closes before a word that is no noun (等, a verb) or at a measure
    noun (空调、冰箱销量: 冰箱).  The first list of ``count`` items is taken: the clause's subject comes first
    (汽车、电池等高技术、绿色产品: the things, not the qualities after 等).  None when there is no such list:
    a count that does not match pairs nothing."""
    tokens = lexicon().tokens(text[lo:hi])  # punctuation is no token: a 、 is read in the gap between two
    joins, bases = changes().words["list"], changes().words["base"]

    def gap(j: int) -> str:
        return text[lo + tokens[j].end:lo + tokens[j + 1].start] if j + 1 < len(tokens) else "."

    for j, tok in enumerate(tokens):
        if gap(j) != "、" or not (_owner_word(tok) or _listed_first(tok, tokens[j + 1:j + 2])):
            continue
        items = [(tok.start, tok.end)]
        k = j + 1
        while k < len(tokens):
            m = k
            while m < len(tokens) and _owner_word(tokens[m]) and tokens[m].word not in bases \
                    and (m == k or not gap(m - 1)):  # 豆角|环比: the base of the change after the list
                m += 1
            if m == k:
                break
            a, b = tokens[k].start, tokens[m - 1].end
            heads = [h.start for h in find_heads(text, lo + a, lo + b) if h.start > lo + a]
            items.append((a, min(heads) - lo if heads else b))
            if gap(m - 1) == "、":
                k = m
            elif m < len(tokens) and not gap(m - 1) and tokens[m].word in joins and not gap(m):
                k = m + 1  # 汽车、手机和电池: the last one joined by a word
            else:
                break
        if len(items) == count:
            return [text[lo + a:lo + b] for a, b in items]
    return _listed_by_marks(text, lo, tokens, count)


LIST_ITEM_MAX = 6  # characters of a thing a list names between its marks (大黄花鱼, 巨峰葡萄)


def _listed_by_marks(text: str, lo: int, tokens: list[Token], count: int) -> list[str] | None:
    """The things a list of short phrases names, read between its 、 and its last list word whatever jieba's
    tags of their words (大|黄花鱼、鲤鱼…、大|带鱼和白鲢鱼周均价: an adjective, a person's name, a verb): each
    of LIST_ITEM_MAX characters at most, of words that are no function word, the last one up to its measure
    noun.  None unless there are exactly ``count`` of them."""
    joins, bases = changes().words["list"], changes().words["base"]
    runs: list[list[Token]] = [[]]
    ends: list[str] = []  # what closes each run: 、, a list word, or anything else
    for k, tok in enumerate(tokens):
        if tok.word in joins and runs[-1]:
            runs.append([])
            ends.append("join")
            continue
        if tok.tag in STOP_TAGS or tok.word in bases or not all(map(_is_han, tok.word)):
            if ends and ends[-1] in ("、", "join") and runs[-1]:
                break  # the last thing ends at a function word (分别, 为)
            runs, ends = [[]], []
            continue
        if runs[-1] and text[lo + runs[-1][-1].end:lo + tok.start]:
            runs, ends = [[]], []  # a mark other than 、 between words: no list yet
        runs[-1].append(tok)
        gap = text[lo + tok.end:lo + tokens[k + 1].start] if k + 1 < len(tokens) else ""
        if gap == "、":
            runs.append([])
            ends.append("、")
        elif gap:
            if ends and ends[-1] in ("、", "join"):
                break
            runs, ends = [[]], []
    if len(runs) != count or not ends or any(not r for r in runs):
        return None
    items = [(r[0].start, r[-1].end) for r in runs]
    first = runs[0]
    while first and items[0][1] - first[0].start > LIST_ITEM_MAX:
        first = first[1:]  # the list opens with its first thing, not the words of the clause before it
    if not first:
        return None
    items[0] = (first[0].start, items[0][1])
    a, b = items[-1]
    heads = [h.start - lo for h in find_heads(text, lo + a, lo + b) if h.start > lo + a]
    b = min(heads) if heads else b
    last = [t for t in runs[-1] if t.end <= b]
    while len(last) > 1 and last[-1].end - a > LIST_ITEM_MAX:
        last.pop()  # 白鲢鱼|批发市场周均价: the words of the shared measure after the last thing
    items[-1] = (a, last[-1].end if last else b)
    if any(b - a > LIST_ITEM_MAX for a, b in items):
        return None
    return [text[lo + a:lo + b] for a, b in items]


def _listed_first(tok: Token, after: list[Token]) -> bool:
    """Whether the word before a list's first 、 opens it although jieba tags it otherwise: a word of two
    characters or more tagged a verb, before a noun (超市、便利店: jieba's 超市 is a verb)."""
    return len(tok.word) > 1 and tok.tag in ("v", "vn") and bool(after) and _owner_word(after[0])


def _owner_word(tok: Token) -> bool:
    """Whether a word may be part of a noun owner: a noun or a place word of jieba's dictionary, or a word of
    two characters or more that it does not know (新盘, 酱酒: its HMM found them) whose last character is no
    verb or function word alone: Chinese compounds end in their head, and a word that ends in a verb
    (预接) is no noun."""
    if tok.tag in OWNER_TAGS:
        return True
    if tok.tag is not None or len(tok.word) < 2 or (tok.word.isascii() and any(c.isdigit() for c in tok.word)):
        return False  # 23Q2, 1H23: a period's code, no one's name
    last = lexicon().tag(tok.word[-1]) or "x"
    return last[0] not in "vdpcuf"

"""Whose a number is: the entity a figure belongs to, read with the clause roles of :mod:`.roles`.

The subject of a number (:func:`number_subject`) is the nearest name before the
number in its clause that is not oblique; else the same in the clauses
before it in the sentence (``云帆汽车营业收入12.5亿元，同比下降8.2%``: both are
云帆汽车'; not a person who speaks there: the speaker of ``李明远表示，公司将投资200亿元``
is not whose the money is; a person who acts there is, before the names after the verb:
``王某毕业于江城大学，做了18年医生``; the doer there, before a place or company after its verb:
``我国造船完工量位居世界首位，已服务70多个国家的船东``), else any name before it in the sentence (not a person), else
any name before it in the sentence; a number in a leading adverbial clause
takes the name that opens the next one (``经过10年的进化，快手已经…``).
A fine, a prison term or a ban belongs to whom it is imposed on (:func:`penalty_target`); an age or a
person's years to the person (:func:`person_measured`).  A figure no entity owns, even after the carries of
:func:`zhextract.extract.attach.carry_subjects`, is of the class of things its measure is of when its sentence
writes it (:func:`noun_owner`: ``行业整体产能利用率``: 行业整体).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import lru_cache

from zhextract.extract.changes import changes
from zhextract.extract.entities import CLAUSE_HEAD, Entities, Mention, _is_han
from zhextract.extract.marked_names import latin_common
from zhextract.extract.members import placed_class
from zhextract.extract.metrics import find_heads, measure_words
from zhextract.extract.names import STOP_TAGS, clause_words, is_preposition, scopes
from zhextract.extract.number_words import units
from zhextract.extract.numbers import Quantity
from zhextract.extract.roles import (
    DOER,
    OBLIQUE,
    OTHER,
    PATIENT,
    anaphor,
    clauses_before,
    cues,
    has_own_subject,
    is_frame,
    own_source,
    qualifies_unnamed,
    roles,
)
from zhextract.extract.text import TextIndex
from zhextract.extract.triggers import trigger_lexicon
from zhextract.lexicon import Token, lexicon
from zhextract.trie import trie_regex

# Tags of the words a noun owner is made of (a class of things, a group, a sector: 新盘, 行业整体, 锂电池).
OWNER_TAGS = frozenset({"n", "nz", "nt", "ns", "s", "j", "eng"})
TIME_NOUN_MAX = 3  # characters of a noun of time (data/clause_cues.tsv, time_end)
OWNER_REACH = 12  # characters before a measure read for the noun that owns it: the owner stands right before it


def _reads_source(text: str, ents: Entities, source: tuple[int, int], clause: tuple[int, int],
                  skip: Sequence[tuple[int, int]]) -> bool:
    """Whether a number takes its subject from a company's own source clause (:func:`own_source`): only when
    its clause has no subject of its own (快手公开数据显示，2021年超过1000家品牌入驻…: the brands are what the
    figure counts, no one's); ``skip``: the dates and quantities of the sentence."""
    return own_source(text, ents, source) and not has_own_subject(text, clause[0], clause[1], skip)


PENALTY_RUN_ENDS = "；;：:"  # what ends the run of clauses one 对 governs (对甲…，并处…；对乙…)


def penalty_target(text: str, ents: Entities, sentence: tuple[int, int], lo: int, pos: int) -> str | None:
    """Whose a fine, a prison term or a ban is: who it is imposed on, not who imposes it.  When a word of
    penalty (data/clause_cues.tsv, penalty) stands before the number in its clause: the name acted on in a
    passive (张某…被江城区人民法院判处拘役2个月), else the name after 对 (对星海控股处以600万元罚款), in its clause
    or in the clauses before it up to a semicolon or colon (对星海控股责令改正，给予警告，并处以…), else the person
    a 其 stands for (对被告人王某某…判处其有期徒刑12年); None when the clause has no word of penalty."""
    c = cues()
    if not _penalty().search(text, lo, pos):
        return None
    found = roles(text, ents, lo, pos)
    patients = [m for m, r in found if r == PATIENT]
    if patients:
        return ents.name(patients[-1])
    # 对某公司责令改正，给予警告，并处以250万元罚款: the 对 may open the first clause of the penalties' run
    run = max(sentence[0], *(text.rfind(mark, sentence[0], lo) + 1 for mark in PENALTY_RUN_ENDS))
    found = roles(text, ents, run, pos) if run < lo else found
    aimed = [m for m, r in found
             if r == OBLIQUE and c.ending(text[max(run, m.start - 2):m.start], "preposition") == "对"]
    if aimed:
        return ents.name(aimed[-1])
    at = text.find("其", lo, pos)
    if at >= 0:
        people = [m for m in ents.within(sentence[0], at) if ents.type(m) == "person"]
        if people:
            return ents.name(people[-1])
    return None


@lru_cache(maxsize=1)
def _penalty() -> re.Pattern[str]:
    """The words of penalty as one pattern: every number asks, and one search over its clause costs what a
    search for each of the dozen words did."""
    return re.compile(trie_regex(cues().words["penalty"]))


def _says(text: str, clause: tuple[int, int]) -> bool:
    """Whether a clause holds a verb of saying (data/triggers.tsv): a person named there is a speaker, and the
    figures of the clauses after it are what is said of others (李明远表示，公司将投资200亿元), not the person's;
    a person who acts (王某毕业于…，做了18年医生) owns the figures of the clauses that go on with the act."""
    return trigger_lexicon().reports.search(text, *clause) is not None


def reports(text: str, ents: Entities, m: Mention, clause: tuple[int, int]) -> bool:
    """Whether ``m`` reports in ``clause`` what the clauses after it say of others: a person who speaks there
    (:func:`_says`), a statistics office that speaks or publishes (data/clause_cues.tsv, publish and
    statistics_office: 统计处今日公布，…), or any public body that publishes data (data_report: 数据, 速报);
    other bodies publish their own acts."""
    kind = ents.type(m)
    if kind == "person":
        return _says(text, clause)
    words = cues().words
    if kind != "agency":
        return False
    publishes = any(w in text[clause[0]:clause[1]] for w in words["publish"])
    if publishes and any(w in text[m.end:clause[1]] for w in words["data_report"]):
        return True  # 交通运输部发布2月运营数据速报：…: figures it publishes of others, as a statistics office does
    return any(w in ents.name(m) for w in words["statistics_office"]) and (_says(text, clause) or publishes)


def person_measured(text: str, ents: Entities, unit: str | None, end: int, clause: tuple[int, int],
                    sentence: tuple[int, int]) -> str | None:
    """Whose a person's figure is (a unit of data/clause_cues.tsv, person_unit: 40岁): the person it qualifies
    through 的 (40岁的王某), else the last person named before it in its sentence (王某今年40岁); None for a
    figure of another unit, or when no person is named."""
    if not unit or unit not in cues().words["person_unit"]:
        return None
    if text.startswith("的", end):
        after = ents.within(end + 1, clause[1])
        if after and after[0].start == end + 1 and ents.type(after[0]) == "person":
            return ents.name(after[0])
    people = [m for m in ents.within(sentence[0], end) if ents.type(m) == "person"]
    return ents.name(people[-1]) if people else None


def _owner_of_a_list(ents: Entities, found: list[tuple[Mention, str]]) -> Mention:
    """The last of the names a number's clause names before it; but when it is a place among doers named
    together with companies (甲公司、江西某某、乙公司…均超过8亿元: a company whose name the rules cut to its
    place), the last company of them: the place is a part of a name in a list of owners, not one itself."""
    last, role = found[-1]
    if role != DOER or ents.type(last) != "place":
        return last
    companies = [m for m, r in found if r == DOER and ents.type(m) == "company"]
    return companies[-1] if companies else last


def _oblique(text: str, ents: Entities, m: Mention, clauses: list[tuple[int, int]]) -> bool:
    """Whether a name stands after a preposition in its clause, where or of what (对上海工厂…的影响, 占全国份额的
    12.5%): no owner of a figure; but one that owns what follows through 的 may be (对快手的GMV贡献)."""
    if text.startswith("的", m.end):
        return False
    clause = next((c for c in clauses if c[0] <= m.start < c[1]), None)
    return clause is not None and any(r == OBLIQUE for n, r in roles(text, ents, *clause) if n.start == m.start)


def _place_object(text: str, ents: Entities, m: Mention, clauses: list[tuple[int, int]]) -> bool:
    """Whether a place ends an earlier clause after its verb (原告来自上海，…买入1万股): where someone is from or
    what a verb is about, no owner of the figures of the clauses after it (but 来自上海的旅客|上升…: the place
    of a noun that goes on)."""
    if ents.type(m) != "place":
        return False
    clause = next((c for c in clauses if c[0] <= m.start < c[1]), None)
    return clause is not None and not text[m.end:clause[1]].strip(" ，,；;：:") \
        and any(r == OTHER for n, r in roles(text, ents, *clause) if n.start == m.start)


def number_subject(text: str, ents: Entities, index: TextIndex, pos: int, clause: tuple[int, int],
                   sentence: tuple[int, int], adverbial: bool, skip: Sequence[tuple[int, int]] = (),
                   stake: bool = False) -> str | None:
    """The entity a number at ``pos`` is about (see the module docstring); ``adverbial`` says that its
    clause frames the next one; ``skip``: the spans of the sentence's dates and quantities; ``stake``: the
    number measures a holding, whose owner is the clause's doer (恒锐集团收购星河物流60%股权: 恒锐集团)."""
    target = penalty_target(text, ents, sentence, clause[0], pos)
    if target is not None:
        return target
    possessor = None if stake else _possessor(text, ents, clause[0], pos)
    if possessor is not None:
        return possessor
    # 山东省临沂市一农妇…被罚款10万元: a place before an unnamed agent says where the agent is, owns nothing
    found = [(m, r) for m, r in roles(text, ents, clause[0], pos) if r in (DOER, OTHER)
             and not qualifies_unnamed(text, ents, m)]
    if stake and found and found[-1][1] == OTHER and any(r == DOER for _, r in found):
        found = [(m, r) for m, r in found if r == DOER]
    if found:
        owner = _owner_name(text, ents, _owner_of_a_list(ents, found), pos)
        return _scoped_owner(text, ents, index, sentence, clause, owner) if owner in scopes() else owner
    pointed = anaphor(text, ents, clause[0], pos)
    if pointed is not None:
        return pointed
    for prev in reversed(clauses_before(index, sentence, clause)):
        if is_frame(text, prev) and not _reads_source(text, ents, prev, clause, skip):
            continue
        found = [(m, r) for m, r in roles(text, ents, *prev) if r in (DOER, OTHER)
                 and not reports(text, ents, m, prev) and not qualifies_unnamed(text, ents, m)
                 and not _place_object(text, ents, m, [prev])]
        acting = [m for m, r in found if r == DOER and ents.type(m) == "person"]
        free = acting or [m for m, _ in found]  # 王某毕业于江城大学，做了18年医生: the person's years
        if free and not acting and ents.type(free[-1]) != "person":
            # 我国…位居世界首位，已服务70多个国家的船东: the doer carried on, not what its verb was about; but
            # a person after the verb (法院判决被告人赵某…，判处有期徒刑4年) is whom what follows is about
            free = [m for m, r in found if r == DOER] or free
        if free:
            owner = _owner_name(text, ents, free[-1], pos)
            return _scoped_owner(text, ents, index, sentence, prev, owner) if owner in scopes() else owner
        pointed = anaphor(text, ents, *prev)
        if pointed is not None:
            return pointed
    earlier = clauses_before(index, sentence, clause)
    frames = [c for c in earlier if is_frame(text, c) and not _reads_source(text, ents, c, clause, skip)]
    before = [m for m in ents.within(sentence[0], pos)
              if ents.type(m) != "person" and not any(a <= m.start < b for a, b in frames)
              and not any(a <= m.start < b and reports(text, ents, m, (a, b)) for a, b in earlier)
              and not qualifies_unnamed(text, ents, m)]
    for m in reversed(before):
        if not _oblique(text, ents, m, [*earlier, (clause[0], pos)]) and not _place_object(text, ents, m, earlier):
            return ents.name(m)
    if adverbial and not ents.within(*clause):
        nxt = index.next_clause(clause)
        if nxt is not None:
            head = [m for m, r in roles(text, ents, *nxt) if r == DOER and m.start <= nxt[0] + 2]
            if head:
                return ents.name(head[0])
    return None


def _possessor(text: str, ents: Entities, lo: int, pos: int) -> str | None:
    """The entity a figure at ``pos`` is written as the possession of (其中星海的11.4%高于云帆的9.4%: 云帆's
    9.4%, not the comparison's object; 以3.3%胜过云帆的0.7%), named right before ``的`` and the figure; not
    after a share verb (占云帆的30%: a share of 云帆's whole, whose part is another's)."""
    if pos - lo < 3 or text[pos - 1] != "的":
        return None
    named = [m for m in ents.within(lo, pos - 1) if m.end == pos - 1]
    if not named or any(text.endswith(v, lo, named[-1].start) for v in measure_words().nominal):
        return None
    return ents.name(named[-1])


def _owner_name(text: str, ents: Entities, m: Mention, pos: int) -> str:
    """The name of the entity ``m`` as a figure's owner, or, for a place a class of organisations follows
    (我国百货公司近年营业额…, 全国商业银行不良贷款率…), the class of that place (:func:`.members.placed_class`)."""
    if ents.type(m) == "place" and (end := placed_class(text, m.end)) is not None and end <= pos:
        return text[m.start:end]
    return ents.name(m)


def _scoped_owner(text: str, ents: Entities, index: TextIndex, sentence: tuple[int, int], clause: tuple[int, int],
                  scope: str) -> str:
    """Whose a figure framed by a scope (全球, data/places.tsv) is: the company a clause before it in the
    sentence is about (华为整体运营状况符合预期，全球销售收入为…: 华为's worldwide sales), else the scope itself
    (全球智能手机出货量…; 某机构预计，全球…: a source or a speaker owns nothing of what it reports)."""
    for prev in reversed(clauses_before(index, sentence, clause)):
        if is_frame(text, prev) or _says(text, prev):
            continue
        named = [m for m, r in roles(text, ents, *prev) if r == DOER and ents.type(m) == "company"]
        if named:
            return ents.name(named[-1])
    return scope


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


PARALLEL_NAME = (2, 6)  # characters of a name standing where the clause before had its owner's name


def parallel_owner(text: str, ents: Entities, q: Quantity, earlier: list[Quantity],
                    clause: tuple[int, int], read: set[int]) -> str | None:
    """The words that open ``q``'s clause right before the measure an earlier figure of its sentence had, right
    after its owner's name (锦江酒店客房数129.1万间…，首旅如家客房数51.9万间): in the slot of a name, they are
    one, whatever jieba makes of them (首旅|如|家); None unless the two clauses are parallel so, and the words
    are no entity's and no function word's.  A figure whose clause opens with its measure (、门店数7002家) goes
    on with the owner so read of the figure right before it.  ``read``: the ids of the figures whose owner was
    read so, to which this one's is added."""
    if q.metric_span is None or not earlier:
        return None
    if id(earlier[-1]) in read and not text[earlier[-1].endpos:q.metric_span[0]].strip("，、, "):
        read.add(id(q))
        return earlier[-1].subject
    previous = next((p for p in reversed(earlier) if p.metric == q.metric), None)
    if previous is None or previous.metric_span is None or previous.subject_basis != "sentence" \
            or previous.pos >= clause[0]:
        return None
    named = [m for m in ents.within(max(0, previous.metric_span[0] - CLAUSE_HEAD), previous.metric_span[0])
             if m.end == previous.metric_span[0] and ents.name(m) == previous.subject]
    lo, hi = clause[0], q.metric_span[0]
    while lo < hi and not _is_han(text[lo]):
        lo += 1
    words = text[lo:hi]
    if not named or not PARALLEL_NAME[0] <= len(words) <= PARALLEL_NAME[1] or not all(map(_is_han, words)) \
            or ents.within(lo, hi) or any(t.tag in STOP_TAGS and t.tag != "q" for t in lexicon().tokens(words)):
        return None
    read.add(id(q))
    return words

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
writes it (:func:`.class_owners.noun_owner`: ``行业整体产能利用率``: 行业整体).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from zhextract.extract.entities import CLAUSE_HEAD, Entities, Mention, _is_han
from zhextract.extract.members import placed_class
from zhextract.extract.metrics import measure_words
from zhextract.extract.names import STOP_TAGS, scopes
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
from zhextract.lexicon import lexicon
from zhextract.trie import trie_regex


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

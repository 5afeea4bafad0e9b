"""Whose a number is: the entity a figure belongs to, read with the clause roles of :mod:`.actors`.

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
person's years to the person (:func:`person_measured`).
"""

from __future__ import annotations

from collections.abc import Sequence

from zhextract.extract.actors import (
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
from zhextract.extract.entities import Entities, Mention
from zhextract.extract.text import TextIndex
from zhextract.extract.triggers import trigger_lexicon


def _reads_source(text: str, ents: Entities, source: tuple[int, int], clause: tuple[int, int],
                  skip: Sequence[tuple[int, int]]) -> bool:
    """Whether a number takes its subject from a company's own source clause (:func:`own_source`): only when
    its clause has no subject of its own (快手公开数据显示，2021年超过1000家品牌入驻…: the brands are what the
    figure counts, no one's); ``skip``: the dates and quantities of the sentence."""
    return own_source(text, ents, source) and not has_own_subject(text, clause[0], clause[1], skip)


def penalty_target(text: str, ents: Entities, sentence: tuple[int, int], lo: int, pos: int) -> str | None:
    """Whose a fine, a prison term or a ban is: who it is imposed on, not who imposes it.  When a word of
    penalty (data/clause_cues.tsv, penalty) stands before the number in its clause: the name acted on in a
    passive (张某…被江城区人民法院判处拘役2个月), else the name after 对 (对星海控股处以600万元罚款), else the person
    a 其 stands for (对被告人王某某…判处其有期徒刑12年); None when the clause has no word of penalty."""
    c = cues()
    if not any(text.find(w, lo, pos) >= 0 for w in c.words["penalty"]):
        return None
    found = roles(text, ents, lo, pos)
    patients = [m for m, r in found if r == PATIENT]
    if patients:
        return ents.name(patients[-1])
    aimed = [m for m, r in found
             if r == OBLIQUE and c.ending(text[max(lo, m.start - 2):m.start], "preposition") == "对"]
    if aimed:
        return ents.name(aimed[-1])
    at = text.find("其", lo, pos)
    if at >= 0:
        people = [m for m in ents.within(sentence[0], at) if ents.type(m) == "person"]
        if people:
            return ents.name(people[-1])
    return None


def _says(text: str, clause: tuple[int, int]) -> bool:
    """Whether a clause holds a verb of saying (data/triggers.tsv): a person named there is a speaker, and the
    figures of the clauses after it are what is said of others (李明远表示，公司将投资200亿元), not the person's;
    a person who acts (王某毕业于…，做了18年医生) owns the figures of the clauses that go on with the act."""
    return trigger_lexicon().reports.search(text, *clause) is not None


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


def number_subject(text: str, ents: Entities, index: TextIndex, pos: int, clause: tuple[int, int],
                   sentence: tuple[int, int], adverbial: bool, skip: Sequence[tuple[int, int]] = ()) -> str | None:
    """The entity a number at ``pos`` is about (see the module docstring); ``adverbial`` says that its
    clause frames the next one; ``skip``: the spans of the sentence's dates and quantities."""
    target = penalty_target(text, ents, sentence, clause[0], pos)
    if target is not None:
        return target
    found = [(m, r) for m, r in roles(text, ents, clause[0], pos) if r in (DOER, OTHER)]
    if found:
        return ents.name(_owner_of_a_list(ents, found))
    pointed = anaphor(text, ents, clause[0], pos)
    if pointed is not None:
        return pointed
    for prev in reversed(clauses_before(index, sentence, clause)):
        if is_frame(text, prev) and not _reads_source(text, ents, prev, clause, skip):
            continue
        found = [(m, r) for m, r in roles(text, ents, *prev) if r in (DOER, OTHER)
                 and (ents.type(m) != "person" or not _says(text, prev))]
        acting = [m for m, r in found if r == DOER and ents.type(m) == "person"]
        free = acting or [m for m, _ in found]  # 王某毕业于江城大学，做了18年医生: the person's years
        if free and not acting and ents.type(free[-1]) != "person":
            # 我国…位居世界首位，已服务70多个国家的船东: the doer carried on, not what its verb was about; but
            # a person after the verb (法院判决被告人赵某…，判处有期徒刑4年) is whom what follows is about
            free = [m for m, r in found if r == DOER] or free
        if free:
            return ents.name(free[-1])
        pointed = anaphor(text, ents, *prev)
        if pointed is not None:
            return pointed
    frames = [c for c in clauses_before(index, sentence, clause)
              if is_frame(text, c) and not _reads_source(text, ents, c, clause, skip)]
    before = [m for m in ents.within(sentence[0], pos)
              if ents.type(m) != "person" and not any(a <= m.start < b for a, b in frames)
              and not qualifies_unnamed(text, ents, m)]
    if before:
        return ents.name(before[-1])
    if adverbial and not ents.within(*clause):
        nxt = index.next_clause(clause)
        if nxt is not None:
            head = [m for m, r in roles(text, ents, *nxt) if r == DOER and m.start <= nxt[0] + 2]
            if head:
                return ents.name(head[0])
    return None

"""Who did it: the actors of a dated event, read with the clause roles of :mod:`zhextract.extract.roles`.

**Event actors** (:func:`event_actors`): the doers before the event's
trigger in its clause.  When that stretch names no doer, its words decide:
a noun there is a doer that is no entity (``第三方来源的产品将不再支持…``:
no actor is invented); no noun at all (``近期升级了系统``, a clause that
drops its subject as Chinese does when it goes on with the same one) makes
the doer that of the nearest clause before it in the sentence that is not
an adverbial frame (``为响应快手的号召``), and a clause of saying gives its
speaker (``有赞也发出通知，称…起，在快手的直播间内无法挂载…``: 有赞).
An anaphor (``其``, ``该公司``, ``公司``) where a name would stand takes the last
company or public body named before.  The actor is the entity's name
(``云帆汽车`` for a mention ``云帆``).  A clause that reports a figure and names no
doer is the doing of the figure's owner (:func:`figure_owners`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from zhextract.extract.entities import Entities, Mention
from zhextract.extract.names import frames, scopes
from zhextract.extract.number_words import magnitudes
from zhextract.extract.numbers import Quantity
from zhextract.extract.roles import (
    CLOSERS,
    DOER,
    OTHER,
    PATIENT,
    anaphor,
    clauses_before,
    cues,
    doers,
    has_own_subject,
    has_predicate,
    is_frame,
    own_source,
    roles,
)
from zhextract.extract.text import TextIndex
from zhextract.extract.triggers import TRIGGER_CLASSES, trigger_lexicon
from zhextract.lexicon import lexicon


def event_actors(text: str, ents: Entities, index: TextIndex, clause: tuple[int, int], trigger_at: int | None,
                 trigger_clause: tuple[int, int], skip: Sequence[tuple[int, int]],
                 trigger: str | None = None, date: str = "", span: tuple[int, int] | None = None) -> list[str]:
    """The actors of an event (see :func:`_event_doers`; ``date``: the date's text as written, ``span``: where
    it stands).  When no doer is found, the public body or company a source of the date's sentence names
    (:func:`source_doers`) or the name right before the date (:func:`topic_of_date`) is.  A place beside
    a company, agency or person is one only when the trigger says it acts (上海市出台新政: an event-class
    trigger); alone, a place is the doer of what its clause reports, its figures or its acts (2024年，浙江省一般公共
    预算收入达…; 全省上半年完成投资…; 我国出口量…), a frame of data/places.tsv included, but not a scope that is no
    jurisdiction (全球), nor a place whose clause reports a rule taking effect (:func:`_rule_takes_effect`), nor
    a sector or market (保险业, 科创板: data/collectives.tsv), whose doer it is then nobody's."""
    if span is not None and _attributive(text, ents, span):
        return []  # …偿付一笔于2024年12月20日到期的美元债: what matures then is the bond, no one named
    found = [d for a in _event_doers(text, ents, index, clause, trigger_at, trigger_clause, skip, date)
             if (d := _sector_doer(ents, a))]
    acts = trigger is not None and trigger_lexicon().rank.get(trigger) == 0
    kept = [a for a in found if (e := ents.of_name(a)) is None or e.type != "place"
            or (acts and a not in frames() and not _form_place(ents, a))]
    if kept:
        return kept
    if _rule_takes_effect(text, clause, date):
        return []
    places = [a for a in found if a not in scopes() and not _counts_a_doer(text, ents, a, clause, trigger_at, skip)]
    if places or span is None or acts or (trigger_at is not None and _agentless_passive(text, ents, trigger_at)):
        return places  # 某数据显示，2021年1000家品牌入驻…: what the brands did is theirs, no one's named
    return source_doers(text, ents, index, span) or topic_of_date(text, ents, index, span) \
        or signers(text, ents, span)


def figure_owners(text: str, events: list[dict[str, Any]], quantities: list[Quantity], ents: Entities,
                  index: TextIndex, skip: Sequence[tuple[int, int]], counts: Sequence[tuple[int, int]]) -> None:
    """Give an event that reports a figure and names no doer the owner of that figure, in place.

    An event whose date's clause (the next one, for a date standing alone) holds a quantity reports that figure
    (2024年年销量达3万辆; 今日开盘即大涨2.6%).  When the clause names no doer and has no subject of its own
    before the figure (:func:`has_own_subject`: 68家企业上市 has one, 年销量达 none, a measure being what is
    reported of someone), the owner its sentence gives the quantity is the event's doer: carried from the clause
    naming the topic, past clauses about the topic's own measures (江城汽车去年营收…，股价终场大涨…，今日开盘即…).
    A company, agency, person or place; not a scope (全球) nor a sector.  Not for a trigger of saying or an
    auxiliary (data/triggers.tsv, report and weak), a passive with no agent named (于6月被判处: acted on), nor a
    date from which something holds (自2025年2月1日起: a rule or a state, clause_cues.tsv role since).
    Run after :func:`zhextract.extract.attach.attach`: quantities are attributed by then.
    ``skip``: the spans of dates and quantities; ``counts``: those of quantities without the noun they count
    (超过1000家|品牌入驻: the brands are a subject).
    """
    owned: dict[tuple[int, int], list[Quantity]] = {}
    for q in quantities:
        if q.subject is not None and q.subject_basis == "sentence":
            owned.setdefault(index.clause(q.pos, q.endpos), []).append(q)
    if not owned:
        return
    lex = trigger_lexicon()
    unsaid = {TRIGGER_CLASSES.index("weak"), TRIGGER_CLASSES.index("report")}
    c = cues()
    for ev in events:
        trigger = ev["trigger"]
        if ev["actors"] or (trigger is not None and lex.rank.get(trigger) in unsaid) \
                or c.ending(ev["date"]["text"], "since") is not None:
            continue  # 自5月1日起，…: what holds from a date is a rule's or a state's, no figure reported
        span = ev["span"]
        clause = index.clause(span[0], span[1])
        zones = [clause]
        if clause[1] - clause[0] <= span[1] - span[0] + 4 and (nxt := index.next_clause(clause)) is not None:
            zones.append(nxt)  # 上半年，全省完成投资…: a date standing alone dates the next clause
        figures = [q for z in zones for q in owned.get(z, ())]
        if not figures:
            continue
        at = text.find(trigger, span[1], zones[-1][1]) if trigger else -1  # the trigger after the date
        if at >= 0 and _agentless_passive(text, ents, at):
            continue
        first = figures[0]
        lo = index.clause(first.pos, first.endpos)[0]
        if has_own_subject(text, lo, max(first.endpos, at), skip, counts):
            continue  # 今年共有68家企业上市, 1000家品牌入驻: what the figure counts did it
        name = first.subject
        e = ents.of_name(name) if name else None
        if e is not None and e.type in ("company", "agency", "person", "place") and name not in scopes() \
                and _named_as_doer(text, ents, index, name, first.pos):
            ev["actors"] = [name]
            ev["involved"] = list(dict.fromkeys([name, *ev["involved"]]))


def _named_as_doer(text: str, ents: Entities, index: TextIndex, name: str, before: int) -> bool:
    """Whether ``name`` is the doer of a clause of the sentence before ``before``: the topic the figure's clause
    goes on with.  A name read only as a currency (346亿澳门元), after a verb (翻查某数据网: what is looked up)
    or after a preposition is not the sentence's topic."""
    sentence = index.sentence(before)
    for lo, hi in index.clauses(sentence):
        if lo >= before:
            break
        for m, role in roles(text, ents, lo, min(hi, before)):
            if role == DOER and ents.name(m) == name and not _names_a_currency(text, ents, m):
                return True
    return False


ATTRIBUTIVE_REACH = 8  # characters before a date read for the verb or measure word that opens a noun's modifier
_ASPECT_CHARS = "了过着"  # aspect particles after the verb before a date (发布了于3月上市的新车)
_ASPECT = frozenset(_ASPECT_CHARS)


def _attributive(text: str, ents: Entities, span: tuple[int, int]) -> bool:
    """Whether the date stands in a phrase that modifies a noun after it: a 的 after the date within
    ATTRIBUTIVE_REACH characters and no punctuation, and right before the date a measure word, or a verb and a
    word linking a date (于, 在), that no name holds (偿付一笔于2024年12月20日到期的美元债, 发布了于3月上市的新车;
    not 吃掉了上半年获利超前的进度, whose date may be the topic's).  The clause's doer does the verb before;
    what the date is of is the noun after 的, no doer named.
    A name before the date (公司将于3月召开的股东大会) leaves the reading to the doer rules."""
    after = text[span[1]:span[1] + ATTRIBUTIVE_REACH]
    mark = after.find("的")
    if mark <= 0 or _PUNCT.intersection(after[:mark]) or ents.within(span[1], span[1] + mark):
        return False  # 到2018年快手店的上线: a name before 的 is whose the noun is
    lo = max(0, span[0] - ATTRIBUTIVE_REACH)
    lo = max([lo, *(text.rfind(ch, lo, span[0]) + 1 for ch in _PUNCT)])  # within the date's clause
    before = text[lo:span[0]]
    link = cues().ending(before, "date_link")
    if link:
        before = before[:-len(link)]
    tokens = [t for t in lexicon().tokens(before, hmm=False) if t.word not in _ASPECT]
    last = tokens[-1] if tokens else None
    if last is None or last.end < len(before.rstrip(_ASPECT_CHARS)) or ents.overlaps(lo + last.start, lo + last.end):
        return False
    tag = last.tag or ""
    return tag in ("m", "mq", "q") or (bool(link) and tag.startswith("v") and tag != "vn")


def _counts_a_doer(text: str, ents: Entities, place: str, clause: tuple[int, int], trigger_at: int | None,
                   skip: Sequence[tuple[int, int]]) -> bool:
    """Whether a quantity right after a word of existence (data/clause_cues.tsv, existential: 有, 已有, 共有)
    between a place and the trigger counts actors (actor_kind: 全国已有超过200个城市出台…: the cities did it,
    the place only says where): then the place is no doer.  A count of things (全省共有593个项目开工) or a
    measure (全省普通高考报名人数达…) leaves the place the doer of its figures."""
    hi = trigger_at if trigger_at is not None and clause[0] <= trigger_at <= clause[1] else clause[1]
    named = [m for m in ents.within(clause[0], hi) if ents.name(m) == place]
    if not named:
        return False
    c = cues()
    kinds = c.words["actor_kind"]
    for a, b in skip:
        if named[0].end <= a and b < hi and c.ending(text[named[0].end:a], "existential"):
            counted = lexicon().tokens(text[b:hi], hmm=False)
            if counted and counted[0].start == 0 and any(counted[0].word.endswith(k) for k in kinds):
                return True
    return False


SIGNERS_MAX = 4  # lines of names read back from a date that stands on its own line


def signers(text: str, ents: Entities, span: tuple[int, int]) -> list[str]:
    """The bodies that sign a notice or a letter: a date on a line of its own, right after lines that are each
    one name and nothing else (江城市人民政府办公室 / 2019年3月8日), is their act's date."""
    lo = text.rfind("\n", 0, span[0]) + 1
    hi = text.find("\n", span[1])
    hi = len(text) if hi < 0 else hi
    if text[lo:span[0]].strip() or text[span[1]:hi].strip():
        return []
    found: list[str] = []
    end = lo - 1
    while end > 0 and len(found) < SIGNERS_MAX:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        named = ents.within(start, end)
        if not line or len(named) != 1 or text[named[0].start:named[0].end] != line:
            break
        found.insert(0, ents.name(named[0]))
        end = start - 1
    return found


def source_doers(text: str, ents: Entities, index: TextIndex, span: tuple[int, int]) -> list[str]:
    """The public bodies and companies a source clause of the date's sentence names, before the date or holding
    it (江城市统计局测算，到2035年…; 根据江城市统计局去年的数据): whose report the dated figures are, the doer of
    their date when the clauses name no one else (no place, no company of their own) and the trigger is no act
    (an act of an unnamed doer is that doer's: :func:`event_actors`).  A source that names only a place (澳门某局
    公布的数据显示, its office no name the rules read) gives the place: its statistics."""
    sentence = index.sentence(span[0])
    c = cues()
    found: list[str] = []
    places: list[str] = []
    for lo, hi in index.clauses(sentence):
        if lo >= span[0]:
            break
        if c.source_end.search(text, lo, _clause_end(text, hi)):
            found += [ents.name(m) for m in ents.within(lo, hi) if ents.type(m) in ("agency", "company")]
            places += [ents.name(m) for m in ents.within(lo, hi) if ents.type(m) == "place"]
    return list(dict.fromkeys(found or [p for p in places if p not in scopes()]))


def _clause_end(text: str, hi: int) -> int:
    """The end of a clause without a closing quote or bracket (…的正式数据”): what a source word is read before."""
    while hi > 0 and text[hi - 1] in CLOSERS:
        hi -= 1
    return hi


def topic_of_date(text: str, ents: Entities, index: TextIndex, span: tuple[int, int]) -> list[str]:
    """The name written right before the date, or before a word linking it to the date (data/clause_cues.tsv,
    date_link: 于, 在), that no preposition governs: what the date is of (见江城大学5月8日公告: 江城大学's notice
    of that day), when the clause names no other doer."""
    clause = index.clause(*span)
    named = [(m, r) for m, r in roles(text, ents, clause[0], span[0]) if r in (DOER, OTHER)]
    if not named:
        return []
    m = named[-1][0]
    gap = text[m.end:span[0]].strip()
    if gap and gap not in cues().words["date_link"]:
        return []
    return [ents.name(m)] if ents.type(m) in ("agency", "company", "person") else []


def _sector_doer(ents: Entities, name: str) -> str | None:
    """The doer a name gives: itself, but none for a sector or market (保险业, 科创板: whose figures, no doer),
    and for a sector taken over a place (data/collectives.tsv, whole: 全省规模以上工业企业, 全国高校) the place's
    frame (全省, 全国): the sector's figures are the place's statistics."""
    e = ents.of_name(name)
    if e is None or e.type != "sector":
        return name
    return next((f for f in frames() if name.startswith(f) and len(name) > len(f) and f not in scopes()), None)


def _rule_takes_effect(text: str, clause: tuple[int, int], date: str) -> bool:
    """Whether the event is a rule taking effect: a date from which something holds (role since: 5月1日起) and a
    document of data/clause_cues.tsv (rule_document: 方案, 办法) in its clause.  The place the rule is of (5月1日起，
    江城市地铁票价调整方案正式施行) says where it holds, and a rule taking effect has no doer."""
    c = cues()
    return bool(date) and c.ending(date, "since") is not None \
        and any(text.find(w, *clause) >= 0 for w in c.words["rule_document"])


def _form_place(ents: Entities, name: str) -> bool:
    """A place known only by its form where a clause opens (江城市: sentence_openers.place_openers): whose figures
    follow, never a doer (its form says where, not who acts: 5月1日起，江城市地铁票价调整方案正式施行 has none)."""
    e = ents.of_name(name)
    return e is not None and e.type == "place" and e.source == "opener"


def _event_doers(text: str, ents: Entities, index: TextIndex, clause: tuple[int, int], trigger_at: int | None,
                 trigger_clause: tuple[int, int], skip: Sequence[tuple[int, int]], date: str = "") -> list[str]:
    """The actors of an event: the doers before its trigger, else those of the clause its subject is
    carried from, else none (see the module docstring).

    When the trigger stands in a later clause than the date (``2021年第三季度财报，
    快手电商的GMV同比增长86.1%``), that clause is read first.  A frame
    (``从抖音今年的动作来看，其重点是…，并开始…``) takes the doer of the clauses
    after it, up to the trigger's.  Whether a stretch has a doer that is no
    entity (which stops the search with no actor) is read only when a doer is
    found further on: most events need no such reading.
    """
    if trigger_at is not None and _agentless_passive(text, ents, trigger_at):
        return []  # 于2024年6月被判处…, 于11月被下架整改: acted on by no one named
    zones = []
    if trigger_at is not None and trigger_clause != clause and trigger_clause[0] <= trigger_at <= trigger_clause[1]:
        zones += [(trigger_clause[0], trigger_at), clause]
    elif trigger_at is not None and clause[0] <= trigger_at <= clause[1]:
        zones.append((clause[0], trigger_at))
    else:
        zones.append(clause)
    passed: list[tuple[int, int]] = []  # stretches without a named doer, that a doer found further must not have
    for zone in zones:
        found = zone_doers(text, ents, *zone, skip)
        if found is not None:
            if zone == clause and found:
                return found  # 华济医院与江城大学于2024年9月共建…，双方将…开展: the date's own clause names who
            return found if _none_has_a_subject(text, ents, passed, skip) else []
        passed.append(zone)
    if is_frame(text, clause):  # 截至3月15日收盘，华辰证券股价…: the clauses after a frame, to the trigger's
        passed = [z for z in passed if z[0] != clause[0]]  # the frame's own words (收盘) are no doer
        following = index.next_clause(clause)
        last = max(trigger_clause[0], following[0] if following else 0)
        while following is not None and following[0] <= last:
            zone = _subject_zone(text, following)
            found = zone_doers(text, ents, *zone, skip)
            if found is not None:
                return found if _none_has_a_subject(text, ents, passed, skip) else []
            passed.append(zone)
            following = index.next_clause(following)
    sentence = index.sentence(clause[0])
    for prev in reversed(clauses_before(index, sentence, clause)):
        if is_frame(text, prev) and not own_source(text, ents, prev):
            opener = _frame_opener(text, ents, prev)
            if opener is not None:  # 江城集团在2019年上市时，…，第二年就成为…: the sentence's topic
                return [opener] if _none_has_a_subject(text, ents, passed, skip) else []
            continue
        zone = _subject_zone(text, prev)
        found = zone_doers(text, ents, *zone, skip)
        if found is not None:
            if _issues_a_rule(text, ents, prev, found, date):
                return []  # 江城市政府印发通知，自5月1日起，对…给予补贴: what holds from the date is the rule's
            if found and _passive(text, ents, zone):
                # 就获星海资本投资，第二年就成为…: who goes on is the one acted on, not the agent
                acted = _names(ents, [m for m, r in roles(text, ents, *zone) if r == PATIENT])
                if acted:
                    return acted if _none_has_a_subject(text, ents, passed, skip) else []
                passed.append(zone)
                continue
            return found if _none_has_a_subject(text, ents, passed, skip) else []
        passed.append(zone)
    return []


def _frame_opener(text: str, ents: Entities, clause: tuple[int, int]) -> str | None:
    """The name that opens a frame before its preposition or its passive (江城集团在2019年上市时, 主演王某在
    2010年出道时, 云帆汽车被起诉后): the one the frame is about and the topic of the sentence, whom the
    clauses after it that name no one go on with; None when a verb stands before it."""
    named = ents.within(*clause)
    if not named or has_predicate(text[clause[0]:named[0].start]):
        return None
    c = cues()
    at = named[0].end
    return ents.name(named[0]) if c.starting(text, at, "preposition") or c.starting(text, at, "agent") else None


def _passive(text: str, ents: Entities, zone: tuple[int, int]) -> bool:
    """Whether the doer of ``zone`` is the agent of a passive (被淘宝起诉, 获星海资本投资: data/clause_cues.tsv,
    agent): a word of role agent stands right before its first doer."""
    doers = [m for m, r in roles(text, ents, *zone) if r == DOER]
    return bool(doers) and cues().ending(text[zone[0]:doers[0].start], "agent") is not None


def _issues_a_rule(text: str, ents: Entities, prev: tuple[int, int], found: list[str], date: str) -> bool:
    """Whether ``prev``, the clause a doer would be carried from, has public bodies issue a rule (a document of
    data/clause_cues.tsv, rule_document: 印发通知, 发布司法解释) and the date is one from which something holds
    (role since: 自2025年2月1日起).  What holds from that date is the rule taking effect, which has no doer; the
    body's own act is dated by its own clause.  A company's statement (宣布, 公告) reports its own acts: not one."""
    c = cues()
    if not date or c.ending(date, "since") is None:
        return False
    if not all((e := ents.of_name(a)) is not None and e.type in ("agency", "place") for a in found):
        return False
    return any(text.find(w, *prev) >= 0 for w in c.words["rule_document"])


PASSIVE_GAP = 6  # characters between a passive's 被 and its verb: an adverb (被全部下架) or an agent named by no
# entity (被监管部门罚款, 被有关方面叫停)
_PUNCT = frozenset("，。；：！？、,.;:!?（）()“”")


def _agentless_passive(text: str, ents: Entities, trigger_at: int) -> bool:
    """Whether the trigger at ``trigger_at`` is a passive verb with no agent named: a word of role agent
    (被, 遭到) before it, up to PASSIVE_GAP characters before, with no name, no punctuation and no verb between.
    An agent that is no entity (监管部门, 有关部门: indefinite) names no doer, and the one acted on is none."""
    c = cues()
    lo = max(0, trigger_at - PASSIVE_GAP - c.longest["agent"])
    if c.last_chars["agent"].isdisjoint(text[lo:trigger_at]):
        return False  # most triggers have no word of role agent before them: no stretch to read
    for end in range(trigger_at, trigger_at - PASSIVE_GAP - 1, -1):
        if end <= lo or _PUNCT.intersection(text[end:trigger_at]):
            break
        if c.ending(text[lo:end], "agent") and not ents.within(end, trigger_at) \
                and not has_predicate(text[end:trigger_at]):
            return True
    return False


def _none_has_a_subject(text: str, ents: Entities, zones: list[tuple[int, int]],
                        skip: Sequence[tuple[int, int]]) -> bool:
    """Whether none of ``zones`` has a doer that is no entity: a doer named further on may be carried."""
    for lo, hi in zones:
        key = ("subject", lo, hi, tuple(skip))
        if key not in ents.memo:
            ents.memo[key] = has_own_subject(text, lo, hi, skip)
        if ents.memo[key]:
            return False
    return True


def zone_doers(text: str, ents: Entities, lo: int, hi: int, skip: Sequence[tuple[int, int]] = ()) -> list[str] | None:
    """The doers ``text[lo:hi]`` names; None when it names none.

    After a verb of saying inside the stretch (``笑古表示快手电商2021年已经…``) the
    doer is that of what is said; the speaker when what is said names none and
    has no doer of its own.  After a verb whose object is a clause (data/clause_cues.tsv, content: 宣布, 提出)
    the doers that clause names (宣布全市2024年新增…: 全市, a frame, so no actor), else the announcer: what a
    body announces with no name in it is its own act (抖音宣布…起直播间将不支持…).
    """
    key = ("doers", lo, hi, tuple(skip))
    if key not in ents.memo:
        ents.memo[key] = _zone_doers(text, ents, lo, hi, skip)
    return ents.memo[key]  # type: ignore[return-value]


def _zone_doers(text: str, ents: Entities, lo: int, hi: int, skip: Sequence[tuple[int, int]]) -> list[str] | None:
    said = None
    for said in trigger_lexicon().reports.finditer(text, lo, hi):  # noqa: B007 - the last one is wanted
        pass
    told = None
    for told in cues().content.finditer(text, said.end() if said else lo, hi):  # noqa: B007 - the last one
        pass
    if told is not None:  # 宣布全市2024年新增…: what the announcement names does it; 抖音宣布直播间将不支持…: 抖音
        inner = zone_doers(text, ents, told.end(), hi, skip)
        if inner is not None:
            return inner
        hi = told.start()
    if said is not None:
        inner = zone_doers(text, ents, said.end(), hi, skip)
        if inner is not None:
            return inner
        if has_own_subject(text, said.end(), hi, skip):
            return []
        hi = said.start()
    found = [m for m in doers(text, ents, lo, hi) if not _names_a_currency(text, ents, m)]
    if found:
        return _names(ents, found)
    pointed = anaphor(text, ents, lo, hi)
    if pointed is not None:
        return [pointed]
    return None


def _names_a_currency(text: str, ents: Entities, m: Mention) -> bool:
    """Whether a place is written right after a number, a digit or a magnitude of data/magnitudes.tsv
    (85.3亿澳门元): the currency's name, no doer (whose the figure is, the subject reader may still take it for)."""
    if ents.type(m) != "place" or m.start == 0:
        return False
    before = text[max(0, m.start - 2):m.start]
    return before[-1:].isdigit() or any(before.endswith(w) for w in magnitudes())


def _subject_zone(text: str, clause: tuple[int, int]) -> tuple[int, int]:
    """Where a clause's doer stands: before its first predicate of the trigger lexicon, else all of it."""
    m = trigger_lexicon().pattern.search(text, clause[0], clause[1])
    return (clause[0], m.start()) if m else clause


def _names(ents: Entities, mentions: list[Mention]) -> list[str]:
    return list(dict.fromkeys(ents.name(m) for m in mentions))

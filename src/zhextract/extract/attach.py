"""Tie each quantity to the metric it reports, the entity it is about and its period.

Chinese news packs a sentence with clauses that share one time frame and one
topic: ``从快手2021年第三季度财报来看，快手电商交易总额（GMV）达到1758亿元，
同比增长86.1%``.  So every attachment looks at the quantity's clause first,
then at the rest of its sentence, never at another sentence (but for an
anaphor, ``其``/``该公司``, that points back).

metric, metric_group, change (:mod:`zhextract.extract.metrics`, :mod:`zhextract.extract.counted`)
    * a change (``同比下降8.2%``, ``较年初增加412亿元``) measures the thing that
      changed: the nearest measure phrase before the change in the sentence;
      the change as written (its base and its verb) is ``change``;
    * else a measure noun written right after the number (``1000亿GMV``);
    * else the thing a count counts, right after its classifier
      (``482个重点工程``), unless a verb of transaction stands right before
      the number (``卖出95辆氢能车``: 卖出);
    * else the verb before the number, with its object (``交付新车3.86万辆``,
      ``持股51%``); before a sum only a verb that moves money (``捐赠1亿元``),
      else the thing the sum qualifies through 的 (``25元以上的果茶新品``);
    * else the noun phrase right before it or before the words that link it
      (``共有充电桩3.2万个``, ``平均住院日降至6.2天``);
    * else the nearest measure phrase before it in its clause that can
      measure its kind, else the first after it there;
    * else, for money and unit-less magnitudes, the nearest one of an
      earlier clause (``广告投放，数额非常大，在2020年就超过了200亿元``); for a
      span of time the nearest measure of time (``等候时间变长，市民需要等6周``);
    * else the previous quantity's, for money and counts of the same unit
      (``营收100亿元，去年同期为80亿元``), for the end of a change
      (``占比从30%下降至10%``) and for the base of a comparison
      (``较此前预估的20%``).  Figures listed after a change with nothing of
      their own (``同比增加12.5%、9.1%和20.3%``, ``减少12亿元或31%``) share its
      change and metric.
    The metric is the phrase as written (``营业收入``, ``博彩毛收入``); its
    group is ``metric_group``.  A magnitude without unit whose head measures
    money only becomes money (``市值超过2000亿``).
subject (:func:`zhextract.extract.subjects.number_subject`)
    The entity the number's clause is about, else the one its sentence is
    about before it (carried across clauses), as the article's entities name it;
    else the paragraph's or the article's (:func:`carry_subjects`); else, when no
    entity owns it, the class of things it is of, the nouns right before its
    measure (:func:`zhextract.extract.class_owners.noun_owner`: 行业整体产能利用率 →
    行业整体, ``subject_basis`` noun).
period (date mentions of the date grammar)
    The date of the clause (nearest before the number, else after it), else
    the nearest date before it in the sentence: the frame set by a leading
    clause scopes the clauses after it.  A comparison base (``与去年同期相比``,
    ``较2020年``) is never a period, nor is a dateline (``中新社广州5月9日电``:
    when the story was filed, not what its numbers measure); the date of the
    start of a change (``由去年同期的14.1%提升至21.7%``) is not the period of
    its end.  A measure set once by an act (注册资本, 有效期, 产能: measure_words.tsv,
    lasting) in a clause of its own takes no period from the act's clause
    (``于8月成立合资公司，注册资本为10亿元``), unless that date opens or closes a
    state (``截至6月末``, ``5月1日起``).  The period links to the event record of its date when there is one.

A "sentence" holding more than MAX_PER_SENTENCE quantities is a table or a
keyword dump, not prose: its quantities are kept, unattached (and the cost of
attaching stays linear in the text).
"""

from __future__ import annotations

import bisect
from collections.abc import Collection
from functools import lru_cache
from typing import Any

import regex

from zhextract.extract.bracketed import owner_before_bracket, sentence_measure
from zhextract.extract.changes import Change, change_of, changed_head, compared_base, find_changes
from zhextract.extract.class_owners import (
    counted_owner,
    measures_the_whole,
    noun_owner,
    owner_before_change,
    owner_carried,
)
from zhextract.extract.counted import counted, priced_thing, spent_on
from zhextract.extract.dates import DateMention
from zhextract.extract.entities import Entities, Mention
from zhextract.extract.metrics import (
    Head,
    find_endings,
    find_heads,
    heads,
    is_lasting,
    is_stake,
    measure_words,
    nominal,
    noun_before,
    phrase,
    share_part,
    transaction_before,
    verb_phrase,
)
from zhextract.extract.number_words import MASK, classifiers, counted_nouns, cues
from zhextract.extract.numbers import Quantity
from zhextract.extract.parts import (
    DIGIT_DATE,
    bare_clause,
    breaks_down,
    carry_part_measures,
    category_clauses,
    frame_over_parts,
    opens_a_part,
)
from zhextract.extract.respectively import (
    pair_listed_levels,
    pair_listed_things,
    pair_measures,
    pair_names,
    pair_respectively,
    runs,
)
from zhextract.extract.roles import has_own_subject, is_frame
from zhextract.extract.sections import aspect_measures, section_measures
from zhextract.extract.subjects import number_subject, parallel_owner, person_measured, reports
from zhextract.extract.text import TextIndex
from zhextract.patterns import compile_pattern

ENDING_PHRASE_MIN = 3  # characters of a measure phrase ended by 率, 量, 额 … (客座率)
COUNTED_NAME_GAP = 1  # characters between a count and a name that begins the noun it counts (500多家|云帆服务商)
ATTRIBUTIVE = "的之"  # the particle between a number and the noun it qualifies (28%的销售额)
MAX_PER_SENTENCE = 200  # more quantities than this in one "sentence" is a table or a dump, not prose


@lru_cache(maxsize=1)
def _context() -> tuple[regex.Pattern[str], ...]:
    """Comparison-base cues around a date, and the 从X下降至Y link (a digit date may stand before Y: 从2021年的
    10.97%升至2025年的17.76%)."""
    c = cues()

    def alt(role: str) -> str:
        words = sorted(c.get(role, ()), key=len, reverse=True)
        return "|".join(regex.escape(w) for w in words) or "(?!)"

    return (compile_pattern(rf"(?:{alt('not_period_before')})\s*$"),
            compile_pattern(rf"\s*(?:{alt('not_period_after')})"),
            compile_pattern(rf"\p{{Han}}{{0,3}}[至到为](?:{DIGIT_DATE})?"))


def _usable(heads_: list[Head], lo: int, hi: int, q: Quantity) -> list[Head]:
    """The heads inside ``text[lo:hi]`` that can measure ``q``."""
    return [h for h in heads_ if lo <= h.start and h.end <= hi and q.measured_by(h.kinds)]


def attach_metric(text: str, heads_: list[Head], q: Quantity, clause: tuple[int, int],
                  sentence: tuple[int, int] | None = None, later: bool = False) -> Head | None:
    """The measure noun of ``q`` among the sentence's heads (see the module docstring), before the
    counted thing and the previous quantity are tried.

    Order: a head written right after the number (1000亿GMV); the nearest
    before it in the clause; with ``sentence``, for money and unit-less
    magnitudes, the nearest in the sentence before the clause; with
    ``later``, the first after it in the clause.
    """
    after = _usable(heads_, q.pos, clause[1], q)
    if after and after[0].start <= q.endpos and after[0].end > q.endpos - 1:
        return after[0]
    qualified = _qualified(text, heads_, q, clause)
    if qualified is not None:
        return qualified
    before = _usable(heads_, clause[0], q.pos, q)
    if before:
        return before[-1]
    if sentence is not None and (q.bare or q.kind == "money" or bare_clause(text[clause[0]:q.pos])):
        earlier = _usable(heads_, sentence[0], clause[0], q)
        if earlier:
            return earlier[-1]
    if sentence is not None and q.kind == "duration":
        # 等候时间变长，市民需要等6周: a span of time whose clause names none measures the time named before
        # (a head of time only: 期限, 轮候时间, 工期)
        earlier = [h for h in _usable(heads_, sentence[0], clause[0], q) if h.kinds == {"duration"}]
        if earlier:
            return earlier[-1]
    if later and after:
        return after[0]
    return None


def _qualified(text: str, heads_: list[Head], q: Quantity, clause: tuple[int, int]) -> Head | None:
    """The measure a number qualifies through 的 (28%的销售额, 20亿元的运费补贴): the first head after it whose
    phrase starts right after the particle; a share may qualify a measure of any kind."""
    if q.endpos >= clause[1] or text[q.endpos] not in ATTRIBUTIVE:
        return None
    lo = q.endpos + 1
    head = next((h for h in heads_ if lo <= h.start and h.end <= clause[1]), None)
    if head is None or not (q.kind == "percent" or q.measured_by(head.kinds)) \
            or phrase(text, head, lo, [])[0] != lo:
        return None
    return head


def _changes(text: str, sentence: tuple[int, int], dates: list[DateMention]) -> list[Change]:
    """The change words of a sentence outside its dates (2020年增长了50%: 年增长 there is no 年增 of 年增20%)."""
    found = find_changes(text, *sentence)
    if not any(d.pos < c.end and c.start < d.endpos for c in found for d in dates):
        return found
    piece = list(text[sentence[0]:sentence[1]])
    for d in dates:
        for i in range(max(d.pos, sentence[0]), min(d.endpos, sentence[1])):
            piece[i - sentence[0]] = MASK
    return [Change(c.start + sentence[0], c.end + sentence[0]) for c in find_changes("".join(piece), 0, len(piece))]


def _is_base(text: str, dm: DateMention, sentence: tuple[int, int]) -> bool:
    not_before, not_after, _ = _context()
    return bool(not_before.search(text, max(sentence[0], dm.pos - 4), dm.pos) or not_after.match(text, dm.endpos))


def attach_period(text: str, dates: list[DateMention], q: Quantity,
                  clause: tuple[int, int]) -> DateMention | None:
    """The date mention framing ``q`` among the sentence's ``dates`` (see the module docstring)."""
    in_clause = [d for d in dates if clause[0] <= d.pos and d.endpos <= clause[1]]
    before = [d for d in in_clause if d.endpos <= q.pos]
    if before:
        return before[-1]
    after = [d for d in in_clause if d.pos >= q.endpos]
    if after:
        return after[0]
    earlier = [d for d in dates if d.endpos <= clause[0]]
    return earlier[-1] if earlier else None


def attach(text: str, quantities: list[Quantity], mentions: list[DateMention], events: list[dict[str, Any]],
           ents: Entities, index: TextIndex, datelines: Collection[int] = ()) -> None:
    """Fill metric, metric group, change, subject and period of every quantity, in place.

    ``datelines``: positions of the date mentions that date a dispatch (never a period).
    """
    event_of = _event_index(mentions, events, index)
    by_sentence: dict[tuple[int, int], list[Quantity]] = {}
    for q in quantities:
        by_sentence.setdefault(index.sentence(q.pos), []).append(q)
    link = _context()[2]
    mentions = sorted((d for d in mentions if d.pos not in datelines), key=lambda d: d.pos)
    starts = [d.pos for d in mentions]
    for sentence, qs in by_sentence.items():
        if len(qs) > MAX_PER_SENTENCE:
            continue  # a table or a keyword dump, not prose: nothing to attach
        vocabulary = find_heads(text, *sentence)
        found_heads = sorted([*vocabulary, *(h for h in find_endings(text, *sentence, vocabulary)
                                            if phrase(text, h, sentence[0], [])[0] <= h.start - 2)])
        in_sentence = mentions[bisect.bisect_left(starts, sentence[0]):bisect.bisect_left(starts, sentence[1])]
        found_changes = _changes(text, sentence, in_sentence)
        taken = sorted([(m.start, m.end) for m in ents.within(*sentence)]
                       + [(d.pos, d.endpos) for d in in_sentence] + [(x.pos, x.endpos) for x in qs])
        dates = [d for d in in_sentence if d.endpos <= sentence[1] and not _is_base(text, d, sentence)]
        spans = sorted([(d.pos, d.endpos) for d in in_sentence] + [(x.pos, x.endpos) for x in qs])
        previous: Quantity | None = None
        previous_dm: DateMention | None = None
        read_parallel: set[int] = set()
        for i, q in enumerate(qs):
            clause = index.clause(q.pos, q.endpos)
            linked = previous is not None and (link.fullmatch(text, previous.endpos, q.pos) is not None
                                               or _level_after_change(text, previous, q))
            _attach_metric(text, q, found_heads, found_changes, clause, sentence, taken, previous, linked, index)
            owner = owner_before_bracket(text, ents, q)
            if owner is not None and q.metric is None:
                sentence_measure(text, q, found_heads, sentence, taken)
            q.subject = owner or person_measured(text, ents, q.unit, q.endpos, clause, sentence) \
                or number_subject(text, ents, index, q.pos, clause, sentence, is_frame(text, clause), spans,
                                  is_stake(q.metric))
            if q.subject is not None:
                q.subject_basis = "sentence"
            parallel = parallel_owner(text, ents, q, qs[:i], clause, read_parallel)
            if parallel is not None:
                q.subject, q.subject_basis = parallel, "noun"
            dm = attach_period(text, dates, q, clause)
            if dm is not None and not clause[0] <= dm.pos < clause[1] and dm.open is None \
                    and q.change is None and is_lasting(q.metric):
                dm = None  # 于8月成立合资公司，注册资本为10亿元: the act's date does not frame what it set
                # (截至6月末 frames a state, 5月1日起 what holds from then; a change is a flow of its period)
            if linked and dm is not None and dm is previous_dm and previous is not None and dm.open == "end":
                previous.period = None  # 5月1日起，起步价由2元调整为3元: what holds from the date is the end
            elif linked and dm is not None and dm is previous_dm and not (previous and previous.change):
                # (a change and the level it reached, 上升1.5%，至5400人次, are of one period)
                # 由去年同期的14.1%提升至21.7%: the date is the start of the change, not the end's period.
                dm = next((d for d in reversed(dates) if d.endpos <= dm.pos), None)
            if dm is not None:
                q.period = {"text": dm.text, "start": dm.start, "end": dm.end, "precision": dm.precision,
                            "event": event_of.get(id(dm))}
                if dm.partial:
                    q.period["partial"] = dm.partial
            previous, previous_dm = q, dm
        for run in runs(text, qs):  # 完成A、B和C 65.8亿、3513万和74.9万: each its own measure, or its own name
            pair_measures(text, run, index.clause(run[0].pos, run[0].endpos)[0])
            pair_names(text, run, ents, sentence)
        pair_listed_levels(text, qs, index)
        pair_respectively(text, qs, index)
        pair_listed_things(text, qs, index)
    section_measures(text, quantities, index)
    aspect_measures(text, quantities, index)
    carry_part_periods(text, quantities, index)
    carry_subjects(text, quantities, ents, index, mentions)
    frame_over_parts(text, quantities, ents, index)
    category_clauses(text, quantities, ents, index)
    carry_part_measures(text, quantities, index)


def carry_part_periods(text: str, quantities: list[Quantity], index: TextIndex) -> None:
    """A figure with no period, in a sentence opened by a word of data/clause_cues.tsv, part (截至6月底，全省…
    5000万千瓦。其中，风电…800万千瓦), is of the period of the last figure of the sentence before it in its
    paragraph, of which it is a part."""
    last: Quantity | None = None
    for q in quantities:
        sentence = index.sentence(q.pos)
        before_end = index.sentence(last.pos)[1] if last is not None else -1
        if q.period is None and last is not None and last.period is not None and opens_a_part(text, sentence) \
                and before_end <= sentence[0] and "\n" not in text[last.pos:sentence[0]] \
                and not text[before_end:sentence[0]].strip(" ，,。"):
            q.period = dict(last.period)
            continue
        last = q


def carry_subjects(text: str, quantities: list[Quantity], ents: Entities, index: TextIndex,
                   mentions: list[DateMention]) -> None:
    """A figure whose sentence names no one is about what its paragraph is about, else the article's.

    News leaves the subject out once it is known (``公司去年营收…。毛利率为32%。``,
    a paragraph of figures after one naming sentence).  A name after the figure in
    its clause comes first (``500多家云帆服务商``).  Unless its sentence has
    a subject of its own that is no entity (``行业整体产能利用率不足70%``), such a
    figure takes the nearest company, agency, product or place named before it
    in its paragraph, else the subject of the figure before it there, else the
    article's main entity (:meth:`Entities.main`).  A figure left without one
    takes the class of things its measure is of, when its sentence writes it
    (:func:`noun_owner`), else that of the figure before it of the same measure
    in its sentence.  ``subject_basis`` says which.
    """
    main = ents.main()
    previous: Quantity | None = None
    dates = sorted((d.pos, d.endpos) for d in mentions)
    skip = sorted(dates + [(q.pos, q.endpos) for q in quantities])
    counts = [(q.pos, q.endpos) for q in quantities if q.kind == "count"]  # 1000家品牌入驻; not 4个月|营收
    reporting: dict[int, bool] = {}  # mention start -> whether it publishes others' figures, read once each
    for q in quantities:
        para = text.rfind("\n", 0, q.pos) + 1
        if previous is not None and previous.pos < para:
            previous = None
        if q.subject is None:
            sentence = index.sentence(q.pos)
            clause = index.clause(q.pos, q.endpos)
            listed = introduced_list(text, para)
            named = _named_before(text, ents, index, listed if listed is not None else para, sentence[0], reporting)
            after = [m for m in ents.within(q.endpos, clause[1])
                     if ents.type(m) != "person" and m.start - q.endpos <= COUNTED_NAME_GAP]
            if after:  # 500多家云帆服务商: the name the counted noun holds (not an object: …品牌入驻云帆)
                q.subject, q.subject_basis = ents.name(after[0]), "sentence"
            elif (listed is not None and named and named[-1].start < para) \
                    or _part_of_an_act(text, index, sentence, quantities) \
                    or not has_own_subject(text, sentence[0], q.pos, _with_measure(skip, q, ents, named), counts):
                if named:
                    q.subject, q.subject_basis = ents.name(named[-1]), "paragraph"
                elif previous is not None and previous.subject is not None:
                    # 城区零售额…；农村零售额980亿元: a class named in the figure's own clause, before the same
                    # measure noun, beats the one before (门店总数 after 企业销售规模 counts the firms' shops)
                    own = None
                    if previous.subject_basis == "noun":
                        if _same_head(text, q, previous):
                            own = noun_owner(text, q.pos, q.metric_span, q.metric_head, clause, dates)
                        own = own or owner_before_change(text, q, clause)
                    q.subject = own or previous.subject
                    q.subject_basis = "noun" if previous.subject_basis == "noun" else "paragraph"
                elif main is not None:
                    q.subject, q.subject_basis = main, "article"
        if q.subject is None and previous is not None and previous.subject is not None \
                and index.sentence(previous.pos) == index.sentence(q.pos) \
                and measures_the_whole(text, q, index.clause(q.pos, q.endpos)[0]):
            # 国产品牌手机出货量…，占同期手机出货量的90.2%: the share is of the figure before's owner
            q.subject, q.subject_basis = previous.subject, previous.subject_basis
        if q.subject is None:
            q.subject = noun_owner(text, q.pos, q.metric_span, q.metric_head, index.clause(q.pos, q.endpos),
                                   dates)
            if q.subject is None and previous is not None and index.sentence(previous.pos) == index.sentence(q.pos):
                q.subject = owner_carried(text, previous, q, index.clause(q.pos, q.endpos), skip)
            if q.subject is None:
                q.subject = counted_owner(text, q, quantities, index.clause(q.pos, q.endpos))
            q.subject_basis = "noun" if q.subject is not None else None
            if q.subject is None and q.unit not in FIRM_UNITS \
                    and not has_own_subject(text, index.sentence(q.pos)[0], q.pos, skip, counts):
                q.subject = _named_in_paragraphs_before(ents, para)
                q.subject_basis = "article" if q.subject is not None else None
        previous = q


def introduced_list(text: str, para: int) -> int | None:
    """The start of the paragraph that introduces the one at ``para`` by ending in a colon (…收入明细如下：\n经纪
    业务净收入300亿元；…): its items are of whom that sentence names.  None when the line before ends otherwise."""
    if para < 2 or text[para - 2] not in "：:":
        return None
    return text.rfind("\n", 0, para - 1) + 1


RATE_KINDS = frozenset({"percent", "percentage_point"})  # a rate changes by these only; a sum or a count, never
CARRIED_TYPES = frozenset({"company", "agency", "product", "place"})
FIRM_UNITS = frozenset({"家"})  # units that count firms


def _named_in_paragraphs_before(ents: Entities, para: int) -> str | None:
    """The last company, agency, product or place named in the paragraphs before ``para``: whose the figures of
    a paragraph that names no one are, when the article has no main entity (恒生银行公布中期业绩…。\n营业溢利
    增加14%…).  Not asked for a count of firms (18家券商, 8家): it is of the kind it counts.  A count of other
    things (1000亿件快递, 409个项目) is asked: it is the place's or the company's."""
    named = [m for m in ents.within(0, para) if ents.type(m) in CARRIED_TYPES]
    return ents.name(named[-1]) if named else None


def _named_before(text: str, ents: Entities, index: TextIndex, para: int, at: int,
                  reporting: dict[int, bool]) -> list[Mention]:
    """The paragraph's mentions before ``at`` that may own a figure: no person, and no body that published
    the figures of others there (交通运输部发布…数据速报：…: :func:`~.subjects.reports`, remembered by mention
    in ``reporting``: every figure of a paragraph asks about the same mentions)."""
    out = []
    for m in ents.within(para, at):
        if ents.type(m) == "person":
            continue
        if m.start not in reporting:
            reporting[m.start] = reports(text, ents, m, index.clause(m.start, m.end))
        if not reporting[m.start]:
            out.append(m)
    return out


def _with_measure(skip: list[tuple[int, int]], q: Quantity, ents: Entities,
                  named: list[Mention]) -> list[tuple[int, int]]:
    """``skip`` and the figure's own measure phrase, unless the paragraph's last name before it (``named``) is
    a place's: the nouns of 物业租金收入 say what is measured, they are no subject of the clause standing
    in for the company named before (某某地产…。物业租金收入158.5亿元).  After a place (我国…。新能源汽车产销…)
    they stay: a country's statistics are of the classes of things they count."""
    if q.metric_span is None or (named and ents.type(named[-1]) == "place"):
        return skip
    return sorted([*skip, q.metric_span])  # an organisation's, or the article's main one (never a place)


def _same_head(text: str, q: Quantity, previous: Quantity) -> bool:
    """Whether two figures' measures end in the same measure noun written twice (零售额 … 零售额)."""
    a, b = q.metric_head, previous.metric_head
    return a is not None and b is not None and a != b and text[a[0]:a[1]] == text[b[0]:b[1]]


def _part_of_an_act(text: str, index: TextIndex, sentence: tuple[int, int], quantities: list[Quantity]) -> bool:
    """Whether the sentence opens with a word of data/clause_cues.tsv, part (其中，…) after a sentence of the
    same paragraph that reports no figure: it details an act or a document (江城市政府印发《若干措施》。其中，
    第5条规定各银行…额度由30万提高至40万), and its figures are whose the act is, whatever nouns of its own it
    names.  After a sentence of figures, 其中 breaks them down by the parts it names (其中，出口…; 其中，汽车、
    电池…分别增长…), which are whose its figures are."""
    if not opens_a_part(text, sentence):
        return False
    para = text.rfind("\n", 0, sentence[0]) + 1
    if para >= sentence[0]:
        return False
    before = index.sentence(sentence[0] - 1)
    return not any(before[0] <= q.pos < before[1] for q in quantities)


def _attach_metric(text: str, q: Quantity, found_heads: list[Head], found_changes: list[Change],
                   clause: tuple[int, int], sentence: tuple[int, int], taken: list[tuple[int, int]],
                   previous: Quantity | None, linked: bool, index: TextIndex) -> None:
    """Metric, metric group and change of ``q`` (see the module docstring)."""
    change = change_of(text, found_changes, q.pos, clause[0])
    head: Head | None = None
    span: tuple[int, int] | None = None
    if change is not None:
        q.change = text[change[0]:change[1]]
        pool = found_heads if q.kind in RATE_KINDS else [h for h in found_heads if not h.kinds <= RATE_KINDS]
        head = changed_head(text, pool, change[0], sentence, index.clause)  # 增速…；比年初增加1860亿元: no rate
        if head is not None and previous is not None and previous.metric_span is not None \
                and head.end <= previous.metric_span[0] and previous.pos < change[0] \
                and previous.metric not in measure_words().nominal.values():
            head = None  # 某品牌共交付新车5055台，同比增长100%: the figure before measures something after the noun
            # (but a share verb, 考生占6.5万人，较去年减少6.4%, stands for no measure of its own: 考生 changed)
        if head is None and previous is not None and previous.metric and previous.pos < change[0] \
                and (q.kind in RATE_KINDS or previous.kind not in RATE_KINDS):
            # 共交付新车3.86万辆，同比增长62%: what changed is what the figure before measures, verb phrase or not
            q.metric, q.metric_group = previous.metric, previous.metric_group
            return
        if head is None:  # ADR收盘大涨3.87%: what changed is the noun phrase right before the change
            span = noun_before(text, change[0], clause[0], taken)
    else:
        head = attach_metric(text, found_heads, q, clause)
        if q.unit in classifiers() and (head is None or head.end <= q.pos):
            span = transaction_before(text, q.pos, clause[0]) or counted(text, q.endpos, clause[1], taken)
            measured = [h for h in found_heads if span is not None and h.start == span[1] + 1] \
                if span is not None and text.startswith("的", span[1]) else []
            if measured:  # 以7150万部智能手机的出货量: the measure after 的, not the things counted
                head, span = measured[0], (measured[0].start, measured[0].end)
            elif span is not None:
                inner = [h for h in found_heads if span[0] <= h.start and h.end == span[1]]
                head = inner[-1] if inner else None
            elif head is not None and (acted := verb_phrase(text, q.pos, head.end, taken)) is not None \
                    and text[acted[0]:acted[1]] not in measure_words().nominal:
                head, span = None, acted  # 某品牌共交付新车5055台: the act between the noun and the count is measured
                # (a share verb names no act: 考生占6.5万人 counts 考生)
        if head is None and span is None and linked and previous is not None and previous.metric:
            q.metric, q.metric_group = previous.metric, previous.metric_group
            return  # 起步价由2元调整为3元: the end of a change measures what its start measures, not the verb
        if head is None and span is None:
            span = verb_phrase(text, q.pos, clause[0], taken, q.kind == "money")
        if head is None and span is None and q.kind == "money":
            span = priced_thing(text, q.endpos, clause[1], taken) or spent_on(text, q.pos, q.endpos, clause[1])
        if head is None and span is None and q.kind == "percent":
            span = share_part(text, q.pos, clause[0], taken)
        if head is None and span is None and q.kind == "multiple":
            head = _multiple_of(text, found_heads, q, clause)
        if head is None and span is None and q.unit in counted_nouns() and text.endswith(q.unit, q.pos, q.endpos):
            span = (q.endpos - len(q.unit), q.endpos)  # 68家企业, 上亿商品: the number names what it counts itself
        if head is None and span is None and not (q.kind == "count" and q.unit and q.unit not in classifiers()):
            span = noun_before(text, q.pos, clause[0], taken, q.unit in classifiers())
        if head is None and span is None:
            if previous is not None and previous.metric and (linked or _continues(previous, q)
                                                             or compared_base(text, clause[0], q.pos)):
                q.metric, q.metric_group = previous.metric, previous.metric_group
                if q.bare and previous.kind == "money":
                    q.kind = "money"  # 超过5000亿…有3000多亿: the same money
                return
            if previous is not None and previous.metric and previous.kind == q.kind \
                    and breaks_down(text, previous, q, clause, index, taken):
                # 零售值按年增长69.8%，中国内地为69.1%: a clause naming only a part and a link word breaks the
                # figure before down, the same measure and the same change
                q.metric, q.metric_group = previous.metric, previous.metric_group
                q.change = q.change or previous.change
                return
            head = attach_metric(text, found_heads, q, clause, sentence, later=True)
    if head is None and span is None:
        return
    if span is None and head is not None:
        span = phrase(text, head, clause[0] if head.start >= clause[0] else sentence[0], taken)
        if not head.group and span[1] - span[0] < ENDING_PHRASE_MIN:
            return  # an ending alone (率, 量) names no measure, nor a word of two characters (数额)
    if head is None and span is not None:  # 新能源乘用车销量 read as a noun phrase: the head it ends in
        head = next((h for h in found_heads if span[0] <= h.start and h.end == span[1]), None)
    q.metric = nominal(text[span[0]:span[1]]) if span is not None else None
    q.metric_span = span
    q.metric_head = (head.start, head.end) if head is not None and span is not None and span[0] <= head.start \
        else None
    q.metric_group = (head.group or _group(q.metric)) if head is not None else None
    if head is not None and q.bare and change is None and "money" in head.kinds and "count" not in head.kinds:
        q.kind = "money"


def _multiple_of(text: str, heads_: list[Head], q: Quantity, clause: tuple[int, int]) -> Head | None:
    """The measure a multiple is taken of, written right before it through 的 (相当于云帆收入的1.5倍: 收入),
    whatever kind it measures."""
    if q.pos - 1 <= clause[0] or text[q.pos - 1] != "的":
        return None
    return next((h for h in reversed(heads_) if h.end == q.pos - 1 and h.start >= clause[0]), None)


def _group(metric: str | None) -> str | None:
    """The group of a measure phrase that is itself a head of metrics.tsv (客座率 is none)."""
    if not metric:
        return None
    whole = [h for h in find_heads(metric, 0, len(metric)) if h.start == 0 and h.end == len(metric)]
    return whole[0].group if whole else None


def _level_after_change(text: str, previous: Quantity, q: Quantity) -> bool:
    """Whether ``q`` is the level a change reached, written after it with 至 or 到 and only words of an average
    between (按年上升1.5%，至平均每天5400人次): it measures what the change measures."""
    between = text[previous.endpos:q.pos].lstrip("，, ")
    return bool(previous.change) and between[:1] in ("至", "到") and bare_clause(between[1:])


def _continues(previous: Quantity, q: Quantity) -> bool:
    """``q`` reports the same measure as ``previous`` when it has none of its own.

    Only money and counts carry over (营收100亿元，去年同期为80亿元); a
    percentage after a growth rate is usually a share, not another growth.
    """
    if previous.kind not in ("money", "count") or previous.change:
        return False
    return q.bare or (q.kind == previous.kind and q.unit == previous.unit)


def _event_index(mentions: list[DateMention], events: list[dict[str, Any]],
                 index: TextIndex) -> dict[int, int]:
    """Mention (by identity) -> index of its event record.

    Events merge identical dates of one sentence, so a mention without a
    record of its own span belongs to the record with its sentence and date.
    """
    by_span = {tuple(e["span"]): i for i, e in enumerate(events)}
    by_date: dict[tuple[str, str | None, str | None, str], int] = {}
    for i, e in enumerate(events):
        date = e.get("date", {})
        by_date.setdefault((e.get("sentence", ""), date.get("start"), date.get("end"), date.get("text", "")), i)
    out: dict[int, int] = {}
    for dm in mentions:
        i = by_span.get((dm.pos, dm.endpos))
        if i is None:
            s0, s1 = index.sentence(dm.pos)
            i = by_date.get((index.text[s0:s1], dm.start, dm.end, dm.text))
        if i is not None:
            out[id(dm)] = i
    return out


__all__ = ["attach", "attach_metric", "attach_period", "heads"]

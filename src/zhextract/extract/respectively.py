"""Lists paired in order: a list of measures or of names, then a list of figures (…分别…).

News reports several figures at once by listing what they measure and then the values in the same
order (``全行业完成运输总周转量、旅客运输量和货邮运输量65.8亿吨公里、3513.2万人和74.9万吨``), or by
listing whose they are before ``分别`` (``华为和苹果分别以5420万台和4130万台位居第二和第三，市场份额分别为
15.8%和12.1%``).  Read one at a time, every figure of such a run takes the measure or the name nearest to
it, the last of the list.  Here a run of figures joined by list words (data/changes.tsv, list: 、, 和) is
paired with a list of exactly as many measure phrases, or names, written before it in its sentence:

* **measures**: the heads of data/metrics.tsv whose noun phrases are joined by list words, the last one
  followed by no other noun before the run (a verb or an adverb may stand there: 分别完成, 为); each
  figure of a run of levels takes its own phrase as its metric (changes take theirs from the levels
  they pair with, :func:`zhextract.extract.attach.attach`);
* **names**: entities joined by list words, with a word of data/changes.tsv, respectively (分别, 依次),
  between them and the run; each figure takes its own name as its subject;
* **changes after 分别**: paired with as many figures before them in the sentence, each measures what its
  figure measures (:func:`pair_respectively`), else, like levels right after 分别
  (:func:`pair_listed_levels`), each is of the thing a list of nouns before the measure names.

Nothing is paired unless the counts agree.
"""

from __future__ import annotations

from itertools import pairwise

from zhextract.extract.changes import changes
from zhextract.extract.class_owners import listed_owners, noun_owner
from zhextract.extract.entities import Entities, Mention
from zhextract.extract.metrics import Head, find_endings, find_heads, measure_words, nominal
from zhextract.extract.numbers import Quantity
from zhextract.extract.parts import opens_a_part
from zhextract.extract.roles import clauses_before
from zhextract.extract.text import CLAUSE_MARKS, TextIndex, bracket_open
from zhextract.lexicon import Token, lexicon

RUN_GAP = 6  # characters between the last item of a list and the first figure of its run (分别完成, 分别为)


def runs(text: str, qs: list[Quantity]) -> list[list[Quantity]]:
    """The runs of two figures or more that list words alone join (3513.2万人和74.9万吨), in order."""
    joins = changes().words["list"]
    out: list[list[Quantity]] = []
    run: list[Quantity] = []
    for q in qs:
        if run and text[run[-1].endpos:q.pos] in joins:
            run.append(q)
            continue
        if len(run) > 1:
            out.append(run)
        run = [q]
    if len(run) > 1:
        out.append(run)
    return out


def pair_measures(text: str, run: list[Quantity], lo: int) -> bool:
    """Give each level of ``run`` its own measure phrase of a list written right before it in its clause
    (see the module docstring); ``lo``: where the clause starts.  True when the run was paired."""
    if any(q.change for q in run):
        return False
    items = _listed_phrases(text, lo, run[0].pos)
    if items is None or len(items) != len(run):
        return False
    items[0] = _first_item(text, items)
    measured = [h for a, b in items if (h := _measure_ending(text, a, b)) is not None]
    if len(measured) != len(items):
        return False  # an item that names no measure: a list of things, not of measures
    owner = noun_owner(text, items[0][1], items[0], None, (lo, items[0][1]))  # 国内航线|运输总周转量、旅客运输量…
    for q, (a, b), head in zip(run, items, measured, strict=True):
        q.metric = nominal(text[a:b])
        q.metric_span, q.metric_head = (a, b), (head.start, head.end)
        q.metric_group = head.group or None
        if owner and q.subject is None:
            q.subject, q.subject_basis = owner, "noun"  # written once before the list: whose all its measures are
    return True


def _first_item(text: str, items: list[tuple[int, int]], spare: int = 1) -> tuple[int, int]:
    """The first item of a list of measures, no longer in words than the longest other item and ``spare``
    more: the nouns before it are whose the measures are (国内航线|运输总周转量、旅客运输量和货邮运输量)."""
    lex = lexicon()
    longest = max(len(lex.tokens(text[a:b], hmm=False)) for a, b in items[1:])
    a, b = items[0]
    tokens = lex.tokens(text[a:b], hmm=False)
    keep = tokens[-(longest + spare):]
    return (a + keep[0].start, b) if len(tokens) > len(keep) else (a, b)


_NOUNISH = frozenset({"n", "nz", "vn", "b", "j", "l", "an", "ng"})
_LEAD_OUT = frozenset({"d", "v", "p", "c", "m"})  # what may stand between a list and its run: 分别完成, 为, 共


def _listed_phrases(text: str, lo: int, hi: int) -> list[tuple[int, int]] | None:
    """The noun phrases of the list that ends ``text[lo:hi]`` (a verb or an adverb of at most RUN_GAP
    characters after it aside): runs of nouns joined by 、 or a list word, the first one read back to the
    word before it that is no noun (完成|运输总周转量).  None when no 、 joins two of them."""
    tokens = lexicon().tokens(text[lo:hi], hmm=False)
    joins = changes().words["list"]
    k = len(tokens)
    while k > 0 and (tokens[k - 1].tag or "x")[0] in _LEAD_OUT and tokens[k - 1].tag != "vn" \
            and hi - (lo + tokens[k - 1].start) <= RUN_GAP:
        k -= 1  # 分别完成, 为
    items: list[tuple[int, int]] = []
    while k > 0:
        end = k
        while k > 0 and _nounish(tokens[k - 1]) and (k == end or tokens[k - 1].end == tokens[k].start):
            k -= 1
        if k == end:
            return None
        items.insert(0, (lo + tokens[k].start, lo + tokens[end - 1].end))
        gap = text[lo + tokens[k - 1].end:lo + tokens[k].start] if k > 0 else ""
        if gap == "、":
            continue
        if k > 0 and not gap and tokens[k - 1].word in joins and k > 1 \
                and not text[lo + tokens[k - 2].end:lo + tokens[k - 1].start]:
            k -= 1  # 旅客运输量和货邮运输量: the last item joined by a word
            continue
        break
    return items if len(items) > 1 and "、" in text[items[0][1]:items[-1][0]] else None


def _nounish(tok: Token) -> bool:
    return tok.tag in _NOUNISH or (tok.tag is None and len(tok.word) > 1 and "\u4e00" <= tok.word[0] <= "\u9fff")


def _measure_ending(text: str, a: int, b: int) -> Head | None:
    """The measure noun that ends ``text[a:b]`` (a head of data/metrics.tsv or an ending of
    data/measure_words.tsv: 运输总周转|量), else None."""
    heads = find_heads(text, a, b)
    found = [h for h in [*heads, *find_endings(text, a, b, heads)] if h.end == b]
    return max(found, key=lambda h: h.end - h.start) if found else None


def pair_names(text: str, run: list[Quantity], ents: Entities, sentence: tuple[int, int]) -> bool:
    """Give each figure of ``run`` its own name of a list of entities written before it in its sentence,
    when a word of respectively stands between that list and the run.  True when the run was paired."""
    named = [m for m in ents.within(sentence[0], run[0].pos) if bracket_open(text, sentence[0], m.start) < 0]
    people = [m for m in named if ents.type(m) == "person"]
    if len(people) >= len(run) and people[-len(run):] != named[-len(run):]:
        # 钱某兰、时任财务会计部总经理郭某枝分别被罚…: a person's post may name a department
        return _pair_chain(text, run, ents, people) or _pair_chain(text, run, ents, named)
    return _pair_chain(text, run, ents, named)


def _pair_chain(text: str, run: list[Quantity], ents: Entities, named: list[Mention]) -> bool:
    """:func:`pair_names` with the mentions ``named`` before the run."""
    joins = changes().words["list"]
    respectively = changes().words["respectively"]
    for end in range(len(named), len(run) - 1, -1):
        chain = named[end - len(run):end]
        people = all(ents.type(m) == "person" for m in chain)
        if any(not _joined(text[a.end:b.start], joins, people) or a.entity == b.entity for a, b in pairwise(chain)):
            continue
        before = named[end - len(run) - 1] if end - len(run) > 0 else None
        if before is not None and _joined(text[before.end:chain[0].start], joins, people) \
                and not (ents.type(before) == "place" and before.end == chain[0].start):
            return False  # one more name joined before: a list of another length (全省|批发业: the list's place)
        between = text[chain[-1].end:run[0].pos]
        if not any(w in between for w in respectively):
            return False
        for q, m in zip(run, chain, strict=True):
            q.subject, q.subject_basis = ents.name(m), "sentence"
        return True
    return False


PERSON_POST_MAX = 16  # characters of the post written before a person's name in a list (时任某支行客户经理)


def _joined(gap: str, joins: frozenset[str], people: bool = False) -> bool:
    """Whether two names of a list stand joined by ``gap``: a list word, nothing (保利万科: two names back to
    back), either after a note in brackets on the first (小米（包括Redmi）和vivo); between people, a list
    word and the post of the second (沈某、时任某支行客户经理邵某), with no mark of a clause."""
    if gap and gap[0] in "（(":
        close = gap.find("）" if gap[0] == "（" else ")")
        gap = gap[close + 1:] if close > 0 else gap
    if people and gap[:1] in joins and len(gap) <= PERSON_POST_MAX and "。" not in gap and CLAUSE_MARKS.isdisjoint(gap):
        return True
    return gap == "" or gap in joins


ITEM_MAX = 12  # characters of one thing of a list paired after 分别


def pair_listed_things(text: str, qs: list[Quantity], index: TextIndex) -> None:
    """Figures after 分别 with no measure noun of their own measure the things a list before it names, in order
    (``抵港货物及离港货物分别下跌7.7%及11.1%，为11170万吨及6320万吨``: the first of each pair is 抵港货物's).  The
    run after 分别 and a run of the same length in the clause right after it (``为…及…``) are paired with the
    list, when the counts agree and a run has no measure but the list's last thing (which its nearest-noun
    reading took).  The list is two things or more joined by 、 or a list word (及, 和), every one a phrase of
    nouns; a list of names is :func:`pair_names`'s, and a list before a measure noun (空调、冰箱销量分别…) names
    whose the figures are (``attach._pair_listed``)."""
    words = changes().words["respectively"]
    for run in runs(text, qs):
        clause = index.clause(run[0].pos, run[0].endpos)
        if opens_a_part(text, index.sentence(run[0].pos)):
            continue  # 其中，A、B、C同比分别增长…: the parts of the figure before, whose measure they share
        items = _things_before_respectively(text, clause[0], run[0].pos, words)
        if items is None:
            before = clauses_before(index, index.sentence(clause[0]), clause)
            if not before or not _opens_levels(text, clause[0]):
                continue
            items = _things_before_respectively(text, *before[-1], words)  # …分别下跌x及y，为a及b
        if items is None or len(items) != len(run):
            continue
        last = text[items[-1][0]:items[-1][1]]
        if any(q.metric is not None and not last.endswith(q.metric) for q in run):
            continue  # the figures have a measure of their own
        measured = [_measure_ending(text, a, b) is not None for a, b in items]
        if measured[-1] and not all(measured):
            continue  # 汽车、手机和电池出口额: one measure noun after the list, whose things own the figures
        listed = text[items[0][0]:items[-1][1]]
        start = index.clause(items[0][0], items[0][1])[0]
        owner = noun_owner(text, items[0][1], items[0], None, (start, items[0][1]))  # 江城港|进港集装箱及…
        for q, (a, b) in zip(run, items, strict=True):
            if q.subject_basis == "noun" and q.subject and q.subject in listed:
                q.subject = q.subject_basis = None  # 载货货柜及空|货柜: the list read as whose the last one is
            q.metric, q.metric_span, q.metric_head, q.metric_group = text[a:b], (a, b), None, None
            if owner and q.subject is None:
                q.subject, q.subject_basis = owner, "noun"


_MODIFIER_TAGS = frozenset({"v", "vg", "zg", "a", "ag", "b"})


def _modifier_first(tokens: list[Token], k: int) -> bool:
    """Whether token ``k`` is a short verb or adjective right before a noun: the first word of a thing's name
    (离|港口货物, 空|货柜, 空驶|车辆), not a verb of the clause."""
    return k + 1 < len(tokens) and len(tokens[k].word) <= 2 and tokens[k].tag in _MODIFIER_TAGS \
        and _nounish(tokens[k + 1]) and tokens[k].end == tokens[k + 1].start


def _opens_levels(text: str, at: int) -> bool:
    """Whether the clause at ``at`` opens with a word that gives the levels of things listed before (为, 达:
    data/changes.tsv, level_after), a word of respectively before it or not (分别为, 分别达)."""
    cw = changes()
    levels = tuple(cw.words["level_after"])
    starts = [at, *(at + len(r) for r in cw.words["respectively"] if text.startswith(r, at))]
    return any(text.startswith(levels, s) for s in starts) \
        or any(text.startswith(r, at) and r.endswith(levels) for r in cw.words["respectively"])


def _things_before_respectively(text: str, lo: int, hi: int, words: frozenset[str]) -> list[tuple[int, int]] | None:
    """The things listed before a word of respectively (分别) in ``text[lo:hi]``: the first list of noun
    phrases of the stretch before it, joined by 、 or a list word; None without such a word or list."""
    at = min((i for w in words if (i := text.find(w, lo, hi)) >= 0), default=-1)
    if at < 0:
        return None
    tokens = lexicon().tokens(text[lo:at], hmm=False)
    joins = changes().words["list"]
    items: list[tuple[int, int]] = []
    k = 0
    while k < len(tokens):
        m = k
        if _modifier_first(tokens, k):
            m += 1  # 抵|港口货物, 空驶|车辆: a verb of the thing's name opens it
        while m < len(tokens) and _nounish(tokens[m]) and (m == k or tokens[m - 1].end == tokens[m].start):
            m += 1
        if m == k:
            if items:
                break
            k += 1
            continue
        items.append((lo + tokens[k].start, lo + tokens[m - 1].end))
        gap = text[lo + tokens[m - 1].end:lo + tokens[m].start] if m < len(tokens) else ""
        if gap == "、":
            k = m
        elif not gap and m < len(tokens) and tokens[m].word in joins and m + 1 < len(tokens) \
                and tokens[m].end == tokens[m + 1].start:
            k = m + 1
        else:
            break
    if len(items) < 2 or any(b - a > ITEM_MAX for a, b in items):
        return None
    items[0] = _first_item(text, items, spare=0)  # 江城港|进港集装箱及出港集装箱: no longer than the others
    return items


def pair_respectively(text: str, qs: list[Quantity], index: TextIndex) -> None:
    """A list of changes after 分别 pairs with the figures before it, in order (受理案件3120件，标的总额
    46.7亿元，同比分别增长9.2%和15.6%; 环比变动分别为5.2%、8.1%): the i-th change measures what the i-th of
    those figures measures, and the numbers after the first take its change.  Nothing is paired unless the
    counts agree."""
    cw = changes()
    for i, q in enumerate(qs):
        if not q.change:
            continue
        run = [q]
        for nxt in qs[i + 1:]:
            if text[run[-1].endpos:nxt.pos] not in cw.words["list"] or nxt.change:
                break
            run.append(nxt)
        if len(run) < 2:
            continue
        levels = [p for p in qs[:i] if not p.change and p.metric and p.kind != "percent"][-len(run):]
        at = text.rfind(q.change, index.clause(q.pos, q.endpos)[0], q.pos)
        after = text[at + len(q.change):q.pos] if at >= 0 else ""  # 环比变动|分别为|5.2%、8.1%
        respectively = any(w in q.change or w in after or (at > 0 and text.endswith(w, 0, at))
                           for w in cw.words["respectively"])
        if not respectively or len(levels) != len(run) or index.sentence(levels[0].pos) != index.sentence(q.pos):
            _share_change(q, run[1:])
            if respectively and not _scoped_measures(text, run):
                _pair_listed(text, run, index, qs)
            continue
        for changed, level in zip(run, levels, strict=True):
            changed.change = changed.change or q.change
            changed.metric, changed.metric_group = level.metric, level.metric_group
            changed.metric_span, changed.metric_head = level.metric_span, level.metric_head
            if level.subject_basis == "noun" and changed.subject_basis in (None, "noun"):
                changed.subject, changed.subject_basis = level.subject, "noun"  # the listed thing's own change


def pair_listed_levels(text: str, qs: list[Quantity], index: TextIndex) -> None:
    """Levels right after 分别 (草鱼、鲫鱼和鲤鱼周均价分别为21.1元、23.2元和16.8元) are of the things the list
    before their measure names, in order, as the changes of :func:`_pair_listed` are."""
    words = changes().words["respectively"]
    for run in runs(text, qs):
        if any(q.change for q in run):
            continue
        lo = index.clause(run[0].pos, run[0].endpos)[0]
        if any(text.endswith(w, lo, run[0].pos) for w in words):
            _pair_listed(text, run, index, qs)


def _pair_listed(text: str, run: list[Quantity], index: TextIndex, qs: list[Quantity]) -> None:
    """Changes after 分别 with no figures before them to pair with are of the things a list of their clause
    names, in order (:func:`listed_owners`), when the counts agree: each takes its thing as its subject, a class
    of things (``subject_basis`` noun), unless a name of the sentence already owns it.  The list's last thing
    is no part of their measure (超市、便利店零售额分别增长…: 零售额, not 便利店零售额), nor of the figures of
    the sentence that took the same measure."""
    clause = index.clause(run[0].pos, run[0].endpos)
    owners = listed_owners(text, clause[0], run[0].pos, len(run))
    if not owners:
        return
    for q, owner in zip(run, owners, strict=True):
        if q.subject is None or (q.subject_basis == "noun" and q.subject in owners[-1]):
            # 草鱼、鲫鱼和鲤鱼周均价分别为…: the nouns right before the measure are the list's last thing only
            q.subject, q.subject_basis = owner, "noun"
    span, last, metric = run[0].metric_span, owners[-1], run[0].metric
    if span is None or not text.startswith(last, span[0]) or span[1] - span[0] <= len(last):
        return
    trimmed = (span[0] + len(last), span[1])
    sentence = index.sentence(run[0].pos)
    for q in qs:
        if q.metric == metric and index.sentence(q.pos) == sentence:
            q.metric, q.metric_span = text[trimmed[0]:trimmed[1]], trimmed


def _scoped_measures(text: str, run: list[Quantity]) -> bool:
    """Whether the things listed before the run's measure are scopes of it (国内、国际运力投入分别下降…,
    线上、线下零售额分别增长…: measure_words.tsv, scope), as many as the figures: then each figure's measure is
    its scope and the measure (国内运力投入, 国际运力投入), and whose it is is found as for any figure."""
    span = run[0].metric_span
    if span is None:
        return False
    scopes = measure_words().scopes
    metric = text[span[0]:span[1]]
    last = next((w for w in scopes if metric.startswith(w) and len(metric) > len(w)), "")
    base, at = metric[len(last):], span[0] + len(last)
    listed = [last] if last else []
    while at > 0:
        at -= len(listed[-1]) if listed else 0
        join = text[at - 1:at] if at > 0 else ""
        if listed and join not in changes().words["list"]:  # 、 和 及 与
            break
        end = at - (1 if listed else 0)
        word = next((w for w in scopes if text.startswith(w, end - len(w))), None)
        if word is None:
            break
        listed.append(word)
        at = end
    listed.reverse()
    if len(listed) != len(run) or len(set(listed)) != len(listed):
        return False
    for q, scope in zip(run, listed, strict=True):
        q.metric, q.metric_span = scope + base, None
    return True


def _share_change(first: Quantity, rest: list[Quantity]) -> None:
    """Figures listed right after a change, joined by 、/和 only (工资同比增加12%、9%和15%; 出口分别增长了3.1倍、
    2.4倍), are changes of the same kind: written with nothing of their own, they take its change and metric
    (one per thing named before them, when 分别 pairs them: see _pair_respectively)."""
    for q in rest:
        q.change = first.change
        q.metric, q.metric_group = first.metric, first.metric_group

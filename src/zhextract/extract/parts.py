"""Figures that break down another: a part's figure after the whole's, and the parts of a jurisdiction's figures.

A release reports a whole, then its parts: ``零售值同比增长35.2%，中国内地为38.6%`` gives a region's figure of
the same measure and change (:func:`breaks_down`); a statistics office's paragraph framed by its place
(``全国工业生产者出厂价格…``) goes on with the figures of classes of things, which are the place's
(:func:`frame_over_parts`).  A clause that names nothing before its number (``从41%提升至47%``) measures what
the clause before names (:func:`bare_clause`).  Used by :mod:`zhextract.extract.attach`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from zhextract.extract.changes import changes
from zhextract.extract.entities import Entities, Entity, _is_han
from zhextract.extract.metrics import NOUN_TAGS, heads, link_words, measure_words, to_level
from zhextract.extract.names import frames
from zhextract.extract.number_words import units
from zhextract.extract.numbers import Quantity
from zhextract.extract.roles import cues as clause_cues
from zhextract.extract.text import TextIndex
from zhextract.lexicon import Token, lexicon
from zhextract.trie import trie_regex

BARE_TAGS = frozenset({"p", "d", "c"})  # prepositions, adverbs, conjunctions: a clause of these names nothing


# A date written in digits and the 的 that makes it a modifier (从2021年的10.97%): it names no measure
DIGIT_DATE = r"(?:\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月(?:\d{1,2}日)?)的?"
_DATED = re.compile(DIGIT_DATE)


@lru_cache(maxsize=4096)
def bare_clause(opening: str) -> bool:
    """Whether a clause opens its number with function and link words only (从41%提升至47%, 达85个, 已从2021年
    的10.97%: a date aside): it names nothing of its own, and its figure measures what the clause before
    names."""
    links, modifiers = link_words(), measure_words().modifiers
    tokens = lexicon().tokens(_DATED.sub("", opening))
    return all(t.tag in BARE_TAGS or t.word in links or t.word in modifiers or _per_time(t) or to_level(tokens, i)
               for i, t in enumerate(tokens))


def _per_time(tok: Token) -> bool:
    """每天, 每日, 每月: a pronoun of every unit of time, which says a level is an average (至平均每天5400人次)."""
    return tok.tag == "r" and len(tok.word) == 2 and tok.word[0] == "每"


def breaks_down(text: str, previous: Quantity, q: Quantity, clause: tuple[int, int], index: TextIndex,
                 names: Sequence[tuple[int, int]]) -> bool:
    """Whether ``q`` follows ``previous`` in its clause or the clause right after it, with only names, function
    words and a copula of measure_words.tsv between them (…增长69.8%，中国内地为69.1%而港澳区为76.2%): a part's
    figure of the same measure."""
    before = index.clause(previous.pos, previous.endpos)
    if before != clause and text[before[1]:clause[0]].strip(BETWEEN_CLAUSES):
        return False
    lo = max(clause[0], previous.endpos)
    opening = _unnamed(text, lo, q.pos, names).strip()
    # a copula ends it (中国内地为38.6%): no list of figures (7.3倍、1.8倍), no figures shared out (9.2%和15.6%)
    return opening.endswith(tuple(measure_words().copulas)) and bare_clause(opening)


BETWEEN_CLAUSES = " ，,"  # what may stand between a clause and the next that breaks its figure down


def _unnamed(text: str, lo: int, hi: int, names: Sequence[tuple[int, int]]) -> str:
    """``text[lo:hi]`` without the spans of ``names`` in it."""
    inside = [(s, e) for s, e in names if lo <= s and e <= hi]
    if not inside:
        return text[lo:hi]
    pieces, at = [], lo
    for s, e in inside:
        pieces.append(text[at:s])
        at = max(at, e)
    return "".join(pieces) + text[at:hi]


def by_paragraph(text: str, quantities: list[Quantity]) -> Iterator[tuple[Quantity, bool]]:
    """Each quantity, in order, and whether it is the first of its paragraph: the breakdowns of a paragraph
    go on from its own figures only."""
    para = -1
    for q in quantities:
        at = text.rfind("\n", 0, q.pos) + 1
        yield q, at != para
        para = at


def frame_over_parts(text: str, quantities: list[Quantity], ents: Entities, index: TextIndex) -> None:
    """A figure of a class of things read from the nouns before its measure (工业生产者|购进价格…), in a
    paragraph whose figures a jurisdiction framed first (全国工业生产者出厂价格…: data/places.tsv, frame): the
    jurisdiction's, as a statistics release breaks its place's figures down.  A sector named as its clause's
    subject (第一产业增加值…, 电子信息业增长28.8%) keeps its figures: the held-out labels read it so.  Either
    takes the period of the place's figure when its sentence names none.  Not the parts a sentence shares its
    figures out to with 分别 (data/changes.tsv, respectively): each is named as its figure's own."""
    sectors = {e.name for e in ents.entities if e.type == "sector"}
    shared_out = changes().words["respectively"]
    owner: Quantity | None = None
    for q, opens in by_paragraph(text, quantities):
        if opens:
            owner = None
        if q.subject in frames():
            owner = q
        elif owner is not None and (q.subject in sectors or q.subject_basis == "noun") \
                and not any(text.find(w, *index.sentence(q.pos)) >= 0 for w in shared_out):
            if q.subject not in sectors:  # (汽车、芯片出口分别增长…: each part its own)
                q.subject, q.subject_basis = owner.subject, "paragraph"
            if q.period is None and owner.period is not None:
                q.period = dict(owner.period)  # the period of the place's figure it breaks down


CATEGORY_LEN = (2, 24)  # characters of a category opening a clause of its change alone (服装, 食品、酒类饮品及烟草)
CATEGORY_TAGS = NOUN_TAGS | {"nz", "b", "vn", "a"}  # what a category is made of: nouns, attributes (高技术, 名贵)
OWNER_TYPES = frozenset({"company", "product", "agency", "person", "place"})  # owners a category never replaces,
WEAK_SOURCES = frozenset({"lexicon", "opener", "repeated"})  # ... unless found by a tag, a position, a repeat


def category_clauses(text: str, quantities: list[Quantity], ents: Entities, index: TextIndex) -> None:
    """A clause that is a class of things and its change alone (``服装升54.1%``, ``电子信息业增长28.8%``),
    after a figure of its paragraph with a measure (``零售业总销货价值升15.9%。…珠宝首饰升60.8%；服装升
    54.1%``), or a class of things and the unit its price is per (``牛肉每公斤70.10元``, after ``…周均价每公斤
    9.50元``): a release's breakdown by category.  The category owns the figure (``subject_basis`` noun, the
    text's own words), and the change that follows it in its sentence (``，同比高2.0%``), and the figure
    measures what the one before measures; a measure the clause writes
    (``网上销售额升5%``), a named owner (a company, a place) or a clause with more than nouns before its change
    is left to the other rules."""
    previous: Quantity | None = None
    category: tuple[int, int] | None = None  # the span of the last category read, while its figures go on
    for q, opens in by_paragraph(text, quantities):
        if opens:
            previous = category = None
        span = _category_opening(text, q, index)
        if span is None and category is not None and previous is not None and _bare_change(text, q, index) \
                and index.sentence(q.pos) == index.sentence(previous.pos):
            span = category  # 牛肉每公斤70.10元，同比高2.0%: the change of the category's own figure
        elif span is not None and (previous is None or not previous.metric
                                   or any(_owner(ents.entities[m.entity]) for m in ents.within(*span))):
            span = None
        category = span
        if span is not None and previous is not None:
            q.subject, q.subject_basis = text[span[0]:span[1]], "noun"
            q.metric, q.metric_group = previous.metric, previous.metric_group
            q.metric_span, q.metric_head = previous.metric_span, previous.metric_head
        if q.metric:
            previous = q


def category_word(tok: Token) -> bool:
    """Whether a word may be part of the name of a class of things: a noun or an attribute (CATEGORY_TAGS), or a
    word of Han characters jieba's HMM joined."""
    return tok.tag in CATEGORY_TAGS or (tok.tag is None and all(map(_is_han, tok.word)))


def _change_before(text: str, q: Quantity) -> bool:
    """Whether ``q``'s change is written right before its number (服装升|54.1%)."""
    return bool(q.change) and text.startswith(q.change, q.pos - len(q.change))


def _category_opening(text: str, q: Quantity, index: TextIndex) -> tuple[int, int] | None:
    """The span of the nouns that open ``q``'s clause right before its change word (``；服装升54.1%``) or
    the unit its price is per (``；牛肉每公斤70.10元``), if that is all the clause holds: a category of its
    own, with no measure noun in it."""
    lo = index.clause(q.pos, q.endpos)[0]
    if _change_before(text, q):
        hi = q.pos - len(q.change)
    else:
        per = _per_unit().search(text, lo, q.pos) if q.kind == "money" else None
        if per is None:
            return None
        hi = per.start()
    tokens = lexicon().tokens(text[lo:hi])
    while tokens and tokens[0].tag in BARE_TAGS:  # 其中, 而, 另外
        lo += len(tokens[0].word)
        tokens = tokens[1:]
    while lo < hi and text[lo].isspace():
        lo += 1
    if not CATEGORY_LEN[0] <= hi - lo <= CATEGORY_LEN[1] or not tokens:
        return None
    mw = measure_words()
    if tokens[0].word in mw.category_joins or tokens[-1].word in mw.category_joins:
        return None
    if not all(category_word(t) or t.word in mw.category_joins or t.word in mw.category_words for t in tokens) \
            or heads().find(text, lo, hi):
        # any measure noun stops it, even one jieba reads a verb
        return None
    if text[hi - 1] in mw.endings:  # 经营现金流净额: a measure, though not a head of metrics.tsv
        return None
    if any(t.word in mw.modifiers for t in tokens):  # 日均, 线上: an aspect of the measure before, no class of things
        return None
    return lo, hi


def _bare_change(text: str, q: Quantity, index: TextIndex) -> bool:
    """Whether ``q`` is a change whose clause writes nothing but its change before it (，同比高2.0%)."""
    if not _change_before(text, q):
        return False
    opening = text[index.clause(q.pos, q.endpos)[0]:q.pos - len(q.change)].strip()
    return not opening or bare_clause(opening)


@lru_cache(maxsize=1)
def _per_unit() -> re.Pattern[str]:
    """每 and a unit of measure (data/units.tsv, kind measure) right before a price: 每公斤, 每平方米."""
    return re.compile(f"每(?:{trie_regex(s for s, u in units()[0].items() if u.kind == 'measure' and _is_han(s[0]))})$")


def _owner(entity: Entity) -> bool:
    """A company, product, agency, person or place known by more than a word's tag (珠宝首饰, tagged a proper
    noun, heads a category as well as a brand)."""
    return entity.type in OWNER_TYPES and entity.source not in WEAK_SOURCES



def opens_a_part(text: str, sentence: tuple[int, int]) -> bool:
    """Whether a sentence opens with a word of data/clause_cues.tsv, part (其中，…)."""
    return any(text.startswith(w, sentence[0]) for w in clause_cues().words["part"])


def carry_part_measures(text: str, quantities: list[Quantity], index: TextIndex) -> None:
    """Changes with no measure, in a sentence that opens with a word of data/clause_cues.tsv, part (其中，A、B、
    C同比分别增长40.3%、63.7%和149.2%), measure what the last figure before them in their paragraph, outside
    such sentences, measures: they break it down, part by part.  Levels are not carried (a part's count may
    be of another kind of thing)."""
    last: Quantity | None = None
    for q, opens in by_paragraph(text, quantities):
        if opens:
            last = None
        if not opens_a_part(text, index.sentence(q.pos)):
            last = q
        elif q.metric is None and q.change is not None and last is not None and last.metric is not None:
            q.metric, q.metric_group = last.metric, last.metric_group

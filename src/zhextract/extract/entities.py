"""The entities of one article: its mentions of companies, products, agencies, people and places, grouped.

:mod:`zhextract.extract.names` finds candidate mentions by their signs;
this module decides between overlapping ones and groups the rest into
entities, so that an article's spellings of one company are one entity:

* **overlaps**: the longer mention wins (``星海控股有限公司`` over ``星海``),
  then the stronger sign (gazetteer, definition, organisation form, title,
  Latin name, alias, dictionary tag, repetition);
* **one entity, several names**: a gazetteer entity by its canonical name;
  an organisation by its name without suffixes (``星海控股有限公司``,
  ``星海控股`` and ``星海`` are one, whose *core* is 星海) unless that core is
  an ordinary word or a large place (``北京银行`` is not ``北京``); a Latin
  name by its letters (``Mate 60`` = ``Mate60``); the short names an article
  defines (``（以下简称“遥望”）``) by what they stand for;
* **every mention**: once an organisation is known, each later occurrence of
  its short name (``云帆`` after ``云帆汽车``) and of its defined names
  (``本集团``) is a mention of it, as is each occurrence of a person's name or
  of a name found in a clause;
* the entity's ``name`` is the gazetteer's, else the longest spelling of the
  article (the full legal name); ``type`` comes from its strongest sign.

Names found through jieba's dictionary are read only in the clauses where
events and quantities look for their doer (:meth:`Entities.read_clauses`),
never over the whole article: segmenting every sentence would cost more than
the rest of the extract stage.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from zhextract.extract.collectives import collective_names
from zhextract.extract.dictionary_names import lexicon_names, proper_names, repeated_names
from zhextract.extract.marked_names import defines_a_term, definitions, latin_names, listed_names
from zhextract.extract.members import counted_groups, kind_members, peer_members
from zhextract.extract.names import (
    ADMIN_ENDS,
    GAZETTEER_TYPES,
    STOP_TAGS,
    Candidate,
    clause_words,
    frames,
    home_places,
    is_preposition,
    not_names,
)
from zhextract.extract.org_forms import BRACKETED_PLACE, holds_a_name, org_forms, strip_suffixes, suffixes
from zhextract.extract.people import anonymous_people, recurring_people, repeated_people, titled_people
from zhextract.extract.text import in_book_title
from zhextract.gazetteer import Gazetteer, is_latin, latin_key
from zhextract.lexicon import lexicon
from zhextract.trie import trie_regex

# Sign strength, strongest first: decides overlaps of equal length and the type of an entity.
SOURCES = ("gazetteer", "defined", "org_form", "listed", "title", "latin", "alias", "collective", "member", "places",
           "lexicon", "opener", "aimed", "repeated")
_RANK = {s: i for i, s in enumerate(SOURCES)}
_TWO_HAN = re.compile("[\u4e00-\u9fff]{2}")
CLAUSE_HEAD = 12  # characters of a clause read for a doer's name: it stands near the head
# A list opening a clause (香港、新加坡、韩国、日本、美国…分别增长…): read to its last item, past CLAUSE_HEAD
_OPENING_LIST = re.compile(r"(?:[\u4e00-\u9fff]{2,6}、){2,}[\u4e00-\u9fff]{2,6}")
SHORT_MIN = 2  # characters of a short name that stands for an organisation
SHORT_COMMON_FREQ = 1000  # a short name this frequent in jieba's dictionary is an ordinary word (理想)
SHORT_PLACE_FREQ = 2000  # or a large place (北京 of 北京银行)


MAIN_MENTIONS = 3  # mentions the article's main entity has at least
MAIN_LEAD = 2  # ... and this many times as many as any other entity


class Mention(NamedTuple):
    start: int
    end: int
    entity: int  # index into Entities.entities


@dataclass
class Entity:
    name: str
    type: str
    source: str  # the strongest sign found for it
    names: list[str] = field(default_factory=list)  # spellings, in order of first appearance
    spans: list[tuple[int, int]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type, "source": self.source, "names": self.names,
                "mentions": [list(s) for s in sorted(self.spans)]}


class Entities:
    """The entities of one text and their mentions, looked up by position."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.entities: list[Entity] = []
        self._key: dict[str, int] = {}  # grouping key -> entity
        # What has been read of this article's clauses (roles, subjects), by function and span: events and
        # numbers of one clause ask the same questions.
        self.memo: dict[tuple[object, ...], object] = {}
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._mentions: list[Mention] = []
        self.headline: str | None = None  # the one company or agency the article's title names

    # ------------------------------------------------------------ look-ups
    def within(self, lo: int, hi: int) -> list[Mention]:
        """Mentions that lie inside ``text[lo:hi]``, in order.  Mentions never overlap, so their ends are in
        order too: two bisections find them."""
        return self._mentions[bisect.bisect_left(self._starts, lo):bisect.bisect_right(self._ends, hi)]

    def is_company_at(self, start: int, end: int) -> bool:
        """Whether a company's mention spans exactly ``start..end``."""
        i = bisect.bisect_left(self._starts, start)
        return i < len(self._mentions) and self._mentions[i].start == start and self._mentions[i].end == end \
            and self.entities[self._mentions[i].entity].type == "company"

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a mention overlaps ``text[start:end]``."""
        return self._occupied(start, end)

    def name(self, m: Mention) -> str:
        return self.entities[m.entity].name

    def type(self, m: Mention) -> str:
        return self.entities[m.entity].type

    def of_name(self, surface: str) -> Entity | None:
        """The entity a spelling names in this article, if any."""
        i = self._key.get(_spelling_key(surface))
        return self.entities[i] if i is not None else None

    def main(self) -> str | None:
        """The article's main entity: the company, agency or product it names most, at least
        ``MAIN_MENTIONS`` times and ``MAIN_LEAD`` times as often as the next; None when no entity leads
        so (a story about several companies has no main one); then the one company or agency its title names
        (:func:`headline_entity`: 星海控股（00888）：中期业绩公布 over a text that says only 集团), if any."""
        key = ("main", len(self._mentions), self.headline)  # asked per anaphor and per number: remembered
        if key not in self.memo:
            counts = sorted(((len(e.spans), e.name) for e in self.entities
                             if e.type in ("company", "agency", "product")), reverse=True)
            lead = counts and counts[0][0] >= MAIN_MENTIONS \
                and (len(counts) == 1 or counts[0][0] >= MAIN_LEAD * counts[1][0])
            self.memo[key] = counts[0][1] if lead else self.headline
        return self.memo[key]  # type: ignore[return-value]

    def to_json(self) -> list[dict[str, Any]]:
        return [e.to_json() for e in sorted(self.entities, key=lambda e: min(e.spans))]

    # ------------------------------------------------------------ building
    def _occupied(self, s: int, e: int, starts: list[int] | None = None, ends: list[int] | None = None) -> bool:
        """Whether a mention (of the article, or of ``starts``/``ends``, a batch being placed) overlaps s..e."""
        if starts is None or ends is None:
            starts, ends = self._starts, self._ends
        i = bisect.bisect_left(starts, e)
        return i > 0 and ends[i - 1] > s

    def _note(self, s: int, e: int, entity: int) -> None:
        """Record a mention on its entity: its span, its spelling, the spelling's key."""
        ent = self.entities[entity]
        ent.spans.append((s, e))
        surface = self.text[s:e]
        if surface not in ent.names:
            ent.names.append(surface)
            self._key.setdefault(_spelling_key(surface), entity)

    def _place_all(self, found: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
        """Place ``(start, end, entity)`` mentions in the order given where nothing is yet; return those placed."""
        starts: list[int] = []
        ends: list[int] = []
        placed = []
        for s, e, i in found:
            if e <= s or self._occupied(s, e) or self._occupied(s, e, starts, ends):
                continue
            j = bisect.bisect_left(starts, s)
            starts.insert(j, s)
            ends.insert(j, e)
            placed.append((s, e, i))
        return placed

    def _merge(self, placed: list[tuple[int, int, int]]) -> None:
        if not placed:
            return
        self._mentions = sorted([*self._mentions, *(Mention(s, e, i) for s, e, i in placed)])
        self._starts = [m.start for m in self._mentions]
        self._ends = [m.end for m in self._mentions]

    def _entity_for(self, c: Candidate) -> int:
        """The entity a candidate belongs to, created when new."""
        if c.source == "gazetteer":  # the most frequent case, and the simplest: one name, one entity
            i = self._key.get(c.canonical or "")
            if i is not None:
                return i
        surface = self.text[c.start:c.end]
        keys = [c.canonical] if c.canonical else []
        keys.append(_spelling_key(surface))
        if c.core and usable_short(c.core):
            keys.append(_spelling_key(c.core))
        for k in keys:
            i = self._key.get(k)
            if i is not None and (self.entities[i].type == c.type or c.source in ("lexicon", "repeated", "alias")
                                  or self.entities[i].source in ("lexicon", "repeated")):
                self._strengthen(i, c)
                for k2 in keys:
                    self._key.setdefault(k2, i)
                return i
        self.entities.append(Entity(c.canonical or surface, c.type, c.source))
        i = len(self.entities) - 1
        for k in keys:
            self._key.setdefault(k, i)
        return i

    def _strengthen(self, i: int, c: Candidate) -> None:
        """A stronger sign decides the type; a gazetteer name or a longer organisation name becomes the name."""
        ent = self.entities[i]
        surface = self.text[c.start:c.end]
        if _RANK[c.source] < _RANK[ent.source]:
            ent.type, ent.source = c.type, c.source
        if ent.source != "gazetteer" and c.source in ("org_form", "latin", "defined") \
                and len(surface) > len(ent.name):
            ent.name = surface
        if c.canonical:
            ent.name = c.canonical

    def add(self, candidates: list[Candidate]) -> list[Candidate]:
        """Place candidates, longest and strongest first, where no mention is yet; return those placed."""
        if not candidates:
            return []
        ordered = sorted(candidates, key=lambda c: (c.start - c.end, _RANK[c.source], c.start))
        free = {(s, e) for s, e, _ in self._place_all([(c.start, c.end, 0) for c in ordered])}
        placed = [c for c in ordered if (c.start, c.end) in free]
        found = []
        for c in placed:
            i = self._entity_for(c)
            self._note(c.start, c.end, i)
            found.append((c.start, c.end, i))
        self._merge(found)
        return placed

    def add_gazetteer(self, hits: list[tuple[int, int, str]], gaz: Gazetteer) -> None:
        """The gazetteer's names (``Gazetteer.find``: in order, not overlapping) where no mention is yet.

        The common case of every article, so it takes the short way: one entity
        per canonical name, no candidates to sort.
        """
        found = []
        for s, e, name in hits:
            if self._occupied(s, e):
                continue
            i = self._key.get(name)
            if i is None:
                self.entities.append(Entity(name, GAZETTEER_TYPES.get(gaz.entities[name].type, "company"),
                                            "gazetteer"))
                i = self._key[name] = len(self.entities) - 1
            else:
                ent = self.entities[i]
                if ent.source != "gazetteer":  # found before by its form (快手科技): the gazetteer names it
                    ent.name, ent.source = name, "gazetteer"
                    ent.type = GAZETTEER_TYPES.get(gaz.entities[name].type, ent.type)
            self._note(s, e, i)
            found.append((s, e, i))
        self._merge(found)

    def add_occurrences(self, surfaces: dict[str, int], source: str | None = "alias") -> None:
        """Every free occurrence of each spelling, as a mention of its entity (``source``: the sign the
        entity is then known by at least; None keeps its own)."""
        found = []
        for surface, i in surfaces.items():
            if len(surface) < SHORT_MIN or surface in not_names():
                continue
            at = self.text.find(surface)
            while at >= 0:
                if not _inside_latin_word(self.text, at, at + len(surface)):
                    found.append((at, at + len(surface), i))
                at = self.text.find(surface, at + 1)
        placed = self._place_all(sorted(found, key=lambda f: (f[0] - f[1], f[0])))
        for s, e, i in placed:
            self._note(s, e, i)
            ent = self.entities[i]
            if source is not None and _RANK[source] < _RANK[ent.source]:
                ent.source = source
        self._merge(placed)

    def add_openers(self, candidates: list[Candidate]) -> None:
        """Names that open a sentence before its date (:func:`~zhextract.extract.sentence_openers.opener_names`),
        where nothing is found yet, and every other occurrence of each."""
        new = {}
        for c in self.add(candidates):
            new.setdefault(self.text[c.start:c.end], self._key[_spelling_key(self.text[c.start:c.end])])
        if new:
            self.add_occurrences(new, None)

    def read_clauses(self, spans: list[tuple[int, int]], merge: bool = True) -> None:
        """Names jieba's dictionary and HMM find in these clause spans (where a doer or subject stands)
        that have no mention yet, and every other occurrence of each name found.  Overlapping spans are
        read once; with ``merge`` False each span is read on its own (clauses of a sentence: one that names
        something does not hide the next)."""
        new: dict[str, int] = {}
        for lo, hi in _union(spans) if merge else sorted(set(spans)):
            if hi - lo < 2 or not _TWO_HAN.search(self.text, lo, hi):
                continue
            head = min(hi, lo + CLAUSE_HEAD)
            listed = _OPENING_LIST.match(self.text, lo, hi)
            if listed is not None and listed.end() > head:
                head = listed.end()  # every name of a list the clause opens with
            named = self.within(lo, hi)
            if named and self.type(named[0]) == "sector":
                found = _places_before(self.text, lo, min(head, named[0].start))
            elif named:
                continue
            else:
                found = lexicon_names(self.text, lo, head) or repeated_names(self.text, lo, head)
            for c in self.add(found):
                new.setdefault(self.text[c.start:c.end], self._key[_spelling_key(self.text[c.start:c.end])])
        if new:
            self.add_occurrences(new, None)


def _places_before(text: str, lo: int, hi: int) -> list[Candidate]:
    """The places of the dictionary and of data/places.tsv in ``text[lo:hi]``, the words of a clause before
    its first name, a sector or market: whose that sector's figures are (我国|公募基金资产净值…, 浙江省|保险业…).
    Not before a company's name (贵州|金沙某酒厂 may be one the rules do not read as a name)."""
    if hi - lo < 2:
        return []
    return [c for c in lexicon_names(text, lo, hi) if c.type == "place"]


PLACED_NAME_MAX = 3  # characters of a place a company's name may open with (中国恒大, 香港电讯)


def _placed_start(text: str, start: int, end: int) -> int:
    """Where a gazetteer name starts when the place that opens its clause runs into it (中国|恒大公告显示…):
    the company's full name (中国恒大) opens with its place, which is no place of its own there."""
    if start < 2 or not _is_han(text[start - 1]):
        return start
    proper = proper_names()
    for n in range(PLACED_NAME_MAX, 1, -1):
        at = start - n
        if at >= 0 and proper.types.get(text[at:start]) == "place" and text[at:start] not in frames() \
                and (at == 0 or not _is_han(text[at - 1])):
            return at
    return start


@lru_cache(maxsize=1)
def _channel_words() -> re.Pattern[str]:
    """data/clause_cues.tsv, channel, as one pattern matched where a name ends."""
    return re.compile(trie_regex(clause_words()["channel"]))


def _a_channel(text: str, start: int, end: int) -> bool:
    """Whether the platform named at ``text[start:end]`` is the channel another name publishes through
    (交通运输部|微信|公众号: data/clause_cues.tsv, channel): a name right before it, no function word, and a
    channel word right after it.  The platform is then no party to what the sentence says."""
    if not _channel_words().match(text, end):
        return False  # (tested first: nearly every name is followed by no channel word)
    return start > 0 and _is_han(text[start - 1]) and not is_preposition(text[start - 1]) \
        and lexicon().tag(text[start - 1]) not in STOP_TAGS  # 在微信公众号发布: where it was published


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans merged where they overlap, in order (empty ones dropped)."""
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(s for s in spans if s[1] > s[0]):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


@lru_cache(maxsize=4096)
def usable_short(core: str) -> bool:
    """Whether an organisation's name without suffixes can stand for it alone in the article.

    Not an ordinary word (理想 of 理想汽车), not a large place (北京 of
    北京银行), not one character.
    """
    if len(core) < SHORT_MIN or core in not_names():
        return False
    if is_latin(core):
        return True
    lex = lexicon()
    tag, freq = lex.tag(core), lex.freq(core)
    if tag is None:
        return True
    if tag == "ns":
        return freq < SHORT_PLACE_FREQ
    if tag in ("nr", "nrfg", "nrt", "nt", "nz", "j"):
        return True
    return freq < SHORT_COMMON_FREQ


def _spelling_key(surface: str) -> str:
    return latin_key(surface) if surface[:1].isascii() and is_latin(surface) else surface


def _inside_latin_word(text: str, s: int, e: int) -> bool:
    return (s > 0 and text[s - 1].isascii() and text[s - 1].isalnum() and text[s].isascii()) \
        or (e < len(text) and text[e].isascii() and text[e].isalnum() and text[e - 1].isascii())


def inside_book_title(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a part of a title in 《》 on its line, not the whole of it: the
    《江城市物业管理条例》 names a document, not a company 江城市物业."""
    if not in_book_title(text, start) or (text.startswith("》", end) and text[start - 1] == "《"):
        return False  # 《人民日报》: the whole title may name something
    closed = text.find("》", end)
    newline = text.find("\n", end)
    return closed >= 0 and (newline < 0 or closed < newline)


def find_entities(text: str, gaz: Gazetteer) -> Entities:
    """The mentions an article's own text shows, before any clause is read with the dictionary.

    The few mentions found by their form (organisations, Latin names, people)
    are placed first, then the gazetteer's names where they are free: an
    organisation's form that holds a gazetteer name (快手科技) is the longer
    mention, and it joins the gazetteer's entity by its core.
    """
    ents = Entities(text)
    gazetteer = [h for h in gaz.find(text) if h[1] - h[0] > SHORT_GAZETTEER or h[0] == 0
                 or not _begun_by_a_word(text[max(0, h[0] - 2):h[0]], text[h[0]:h[1]])]  # 取得|物业: no 得物
    collectives = collective_names(text)
    # 中国银行|业监督管理委员会: a sector word running past a gazetteer name's end (银行业) shows the name is no
    # company's there but part of a longer one (an agency named by its field)
    gazetteer = [h for h in gazetteer if not any(c.start < h[1] < c.end and c.start >= h[0] for c in collectives)
                 and not _a_channel(text, h[0], h[1])]
    types = {name: GAZETTEER_TYPES.get(gaz.entities[name].type, "company") for _, _, name in gazetteer}
    gazetteer = [(_placed_start(text, s, e) if types[name] == "company" else s, e, name)
                 for s, e, name in gazetteer]  # (美国|商务部 is another country's ministry: _local_offices)
    gazetteer, local = _local_offices(text, gazetteer, types)
    # 全国检察机关, 辖内商业银行, 保险业: a body taken as a whole holds an organisation's form, and is the longer
    defined = definitions(text)
    notes = [(at, max(e for _, e in spans)) for at, spans in defined]  # a definition's brackets, to its last name
    forms = [f for f in org_forms(text, gazetteer, types) if not inside_book_title(text, f.start, f.end)
             and not any(a < f.start < e for a, e in notes)]  # （下称江钢股份）: the short name, no 下称江钢股份
    local = [c for c in local if all((c.start, c.end) != (f.start, f.end) for f in forms)]  # one of each span
    orgs = [c for c in ents.add(forms + collectives + counted_groups(text) + local)
            if c.source == "org_form"]
    ents.add(latin_names(text))
    listed = ents.add(listed_names(text))
    people = ents.add(_one_per_span(titled_people(text) + anonymous_people(text) + repeated_people(text)
                                    + recurring_people(text)))
    ents.add_gazetteer(gazetteer, gaz)
    members = ents.add(kind_members(text))  # 国航、东航等航空公司: names the kind after them makes organisations
    members += ents.add(peer_members(text, ents.is_company_at))  # 复星医药、上海医药、石药集团等: the company they keep
    aliases: dict[str, int] = {}
    for at, spans in defined:
        full = next((m for m in reversed(ents.within(max(0, at - 40), at))
                     if at - m.end <= 1 or not text[m.end:at].strip(_NAME_MARKS)), None)  # 某某有限公司*（「本公司」）
        for s, e in spans:
            if full is not None:
                i = full.entity
                ent = ents.entities[i]
                if ent.source != "gazetteer" and _RANK["defined"] < _RANK[ent.source]:
                    ent.source = "defined"
            elif holds_a_name(text[s:e]) and not defines_a_term(text, at):  # not a term: 「董事」, 「平方米」, 电竞
                i = ents._entity_for(Candidate(s, e, "company", "defined", text[s:e]))
            else:
                continue  # 本公司董事（「董事」）, 105,194平方米（「平方米」）: a term the text defines, no one's name
            aliases[text[s:e]] = i
    for c in orgs:
        if c.type in ("company", "place") and c.source == "org_form" and usable_short(c.core):
            # 关闸 of 关闸口岸 as 小米 of 小米集团: a crossing or a pier is named short too
            i = ents._key[_spelling_key(text[c.start:c.end])]
            aliases.setdefault(c.core, i)
            for cut in _intermediate_forms(text[c.start:c.end], c.core):
                aliases.setdefault(cut, i)
        if c.type == "company" and c.source == "org_form":
            aliases.update(_parent_names(text, ents, c))
    for c in listed:
        aliases.setdefault(text[c.start:c.end], ents._key[_spelling_key(text[c.start:c.end])])
    for c in people + members:
        aliases.setdefault(text[c.start:c.end], ents._key[_spelling_key(text[c.start:c.end])])
    for short, i in _short_prefixes(text, ents).items():
        aliases.setdefault(short, i)
    if aliases:
        ents.add_occurrences(aliases)
    return ents


SHORT_PREFIX_MIN_NAME = 4  # Han characters of a company's name whose first two may stand for it


_NAME_MARKS = " *＊※#"  # marks a name may carry before its definition (an asterisk: incorporated abroad)
SHORT_GAZETTEER = 2  # characters of a gazetteer name that must stand as a word of its own to count
COMMON_WORD_FREQ = 1000  # a word this frequent in jieba's dictionary that begins before a short name takes it


@lru_cache(maxsize=4096)
def _begun_by_a_word(before: str, name: str) -> bool:
    """Whether a short gazetteer name is a piece of other words (取得|物业 holds 得物): a frequent word of
    jieba's dictionary ends inside it, begun in the two characters ``before`` it.  Only its start is tested:
    a name is often glued to the word after it, which jieba may read across it (快|手电|商 of 快手电商).
    Remembered: an article writes its names again and again in the same places."""
    lex = lexicon()
    return any(lex.freq(before[a:] + name[:b]) >= COMMON_WORD_FREQ for a in range(len(before))
               for b in range(1, len(name)))


def _short_prefixes(text: str, ents: Entities) -> dict[str, int]:
    """Companies named in full once and by their first two characters after (中芯国际(0981)…，其中，中芯去年…):
    the two characters, for a company whose name has SHORT_PREFIX_MIN_NAME Han characters or more, when the
    article writes them elsewhere not followed by the rest of the name, they may stand alone
    (:func:`usable_short`: not an ordinary word, not a large place), and no other entity's name starts
    with them."""
    out: dict[str, int] = {}
    for i, e in enumerate(ents.entities):
        name = e.name
        if e.type != "company" or len(name) < SHORT_PREFIX_MIN_NAME or not all(_is_han(ch) for ch in name):
            continue
        short = name[:2]
        if short in ents._key or sum(x.name[:2] == short for x in ents.entities) > 1 or not usable_short(short) \
                or lexicon().tag(short[0]) == "m":
            continue  # 一是…: a numeral opens an enumeration, no name
        at = text.find(short)
        while at >= 0 and text.startswith(name[:3], at):
            at = text.find(short, at + 1)
        if at >= 0:
            out[short] = i
    return out


def _one_per_span(candidates: list[Candidate]) -> list[Candidate]:
    """The first candidate of each span, in order: a person found by a title and again by repetition is
    one mention."""
    seen: set[tuple[int, int]] = set()
    out = []
    for c in candidates:
        if (c.start, c.end) not in seen:
            seen.add((c.start, c.end))
            out.append(c)
    return out


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


LOCAL_PLACE_MAX = 6  # characters of a place before the administrative word of a local office (内蒙古自治区 aside)


def _local_offices(text: str, hits: list[tuple[int, int, str]],
                   types: dict[str, str]) -> tuple[list[tuple[int, int, str]], list[Candidate]]:
    """Gazetteer agencies written after an administrative word (省发改委, 江苏省发改委, 市统计局): the office
    of a province, city or county, not the national body the short name stands for alone.  Those hits are
    taken out and become agencies of their own, named as written, with the place before the word when the
    dictionary knows it as one (江苏省)."""
    lex = lexicon()
    kept: list[tuple[int, int, str]] = []
    local: list[Candidate] = []
    for s, e, name in hits:
        if types.get(name) != "agency" or s == 0:
            kept.append((s, e, name))
        elif text[s - 1] in ADMIN_ENDS:
            start = next((s - n for n in range(min(LOCAL_PLACE_MAX, s), 1, -1) if lex.tag(text[s - n:s]) == "ns"),
                         s - 1)
            local.append(Candidate(start, e, "agency", "org_form", text[start:e]))
        elif (start := _foreign_place_before(text, s)) is not None:
            local.append(Candidate(start, e, "agency", "org_form", text[start:e]))
        else:
            kept.append((s, e, name))
    return kept, local


def _foreign_place_before(text: str, s: int) -> int | None:
    """Where a place written right before a national body's name starts, when it is no home place or frame of
    data/places.tsv (美国商务部, 上海证监局: that place's office; 中国商务部, 全国…: the body itself)."""
    lex = lexicon()
    proper = proper_names()
    for n in range(min(LOCAL_PLACE_MAX, s), 1, -1):
        word = text[s - n:s]
        if proper.types.get(word) == "place" or lex.tag(word) == "ns":
            return None if word in home_places() or word in frames() else s - n
    return None


def headline_entity(title: str | None, gaz: Gazetteer) -> str | None:
    """The company or agency a title names, when it names exactly one (a title about two companies has no
    main one): the main entity of a text that names it only in its title."""
    if not title:
        return None
    found = [e for e in find_entities(title, gaz).entities if e.type in ("company", "agency")]
    names = {e.name for e in found if e.source != "latin"} or {e.name for e in found}  # not a ticker (SHK.US)
    return names.pop() if len(names) == 1 else None


def _parent_names(text: str, ents: Entities, c: Candidate) -> dict[str, int]:
    """The names a subsidiary's legal name with a bracketed place gives (万华化学（福建）异氰酸酯有限公司): the
    parent's name before the brackets, an entity of its own when the article writes it again (万华化学, and its
    short form 万华), and the short form with the place, the subsidiary's own short name (万华福建)."""
    m = BRACKETED_PLACE.search(c.core)
    if m is None or m.start() < SHORT_MIN:
        return {}
    parent, place = c.core[:m.start()], m.group(1)
    short = strip_suffixes(parent)
    out = {}
    if text.count(parent) > 1:
        out[parent] = ents._entity_for(Candidate(c.start, c.start + len(parent), "company", "alias", parent))
        if short != parent and usable_short(short):
            out[short] = out[parent]
    if usable_short(short):
        out[short + place] = ents._key[_spelling_key(text[c.start:c.end])]
    return out


def _intermediate_forms(full: str, core: str) -> list[str]:
    """星海控股 of 星海控股有限公司: the name with its first suffixes and without its last ones."""
    sfx = suffixes()
    forms = []
    at = len(core)
    while at < len(full):
        m = sfx.word.match(full, at)
        if m is None or m.end() == at:
            break
        at = m.end()
        if at < len(full):
            forms.append(full[:at])
    return forms

"""The roles of the names of a clause: who is its doer, what is oblique, and whether it has a subject.

Chinese puts the doer before its predicate and marks the other names of a
clause with function words (``data/clause_cues.tsv``).  Reading the names of
a stretch of clause left to right (:func:`roles`):

* a name after a **preposition** (在, 对, 据, 从 …) is *oblique*: where, to
  or from whom, compared with whom (``在快手的直播间内``, ``对有赞进行断链``);
  a coordinator at the head of the stretch (``与有赞合作``) or after other
  words (``宣布与淘宝``) is a preposition too;
* the first other name is the **doer**, unless a verb stands before it
  (``成为天猫…的平台``: what the verb is about); a name **coordinated** with it
  (``快手与拼多多达成合作``, ``快手联合天猫``) or in **apposition**
  (``快手电商负责人笑古``, ``有赞的团队``) is part of it;
* after **被** the name is the doer and the names before it were acted on;
* a localizer (``内``, ``上``, ``期间``) closes what a preposition opened.

A stretch that names no doer may still have a subject that is no entity (:func:`has_own_subject`:
``第三方来源的产品将不再支持…``).  An anaphor (``其``, ``该公司``, ``公司``) where a name would stand takes
the last company or public body named before (:func:`anaphor`).  Event actors
(:mod:`zhextract.extract.actors`) and the subjects of numbers (:mod:`zhextract.extract.subjects`) are both
read with these roles.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from zhextract.extract.changes import changes, find_changes
from zhextract.extract.entities import _TWO_HAN, Entities, Mention
from zhextract.extract.metrics import conventions, find_heads, measure_words
from zhextract.extract.names import clause_words
from zhextract.extract.text import TextIndex, bracket_open
from zhextract.extract.triggers import trigger_lexicon
from zhextract.lexicon import Token, lexicon
from zhextract.resources import read_table
from zhextract.trie import trie_regex

# Tags of words that make a stretch of clause have a subject of its own (a noun of some kind).
# (not vn: a verb used as a noun at the head of a clause is mostly its predicate, 预计, 计划)
NOUN_TAGS = frozenset({"n", "nz", "ns", "nr", "nrt", "nrfg", "nt", "ng", "j", "l", "an", "eng"})
DOER, OBLIQUE, OTHER, PATIENT = "doer", "oblique", "other", "patient"
_BRACKETS = re.compile(r"[（(][^）)]*[）)]")
CLOSERS = "”’」』）)"
ANAPHOR_REACH = 2000  # characters back to look for what an anaphor stands for
WORD_REACH = 6  # characters past a stretch that a measure or change word starting in it may take
SUBJECT_REACH = 16  # characters of a stretch read for a subject: one stands near its head
PLACE_CHAIN_CHARS = 8  # characters after a place read for the places inside it (山东|省临沂市)


@dataclass(frozen=True)
class _Cues:
    words: dict[str, frozenset[str]]
    longest: dict[str, int]  # role -> length of its longest word
    apposition: re.Pattern[str]
    localizer: re.Pattern[str]
    anaphor: re.Pattern[str]
    frame_start: re.Pattern[str]
    frame_end: re.Pattern[str]
    source_end: re.Pattern[str]
    predicate: re.Pattern[str]  # a verb of the trigger lexicon, or one of its skip words (是, 成为)
    titles: re.Pattern[str]  # a title of a person (首席执行官): no predicate, whatever its words
    content: re.Pattern[str]  # verbs whose object is a clause (宣布, 明确): read as verbs of saying
    last_chars: dict[str, frozenset[str]]  # role -> the last characters of its words

    def ending(self, gap: str, role: str) -> str | None:
        """The word of ``role`` that ``gap`` ends with (spaces aside), longest first."""
        g = gap.rstrip()
        if not g or g[-1] not in self.last_chars[role]:
            return None  # most gaps end with no cue word's last character: no slicing at all
        words = self.words[role]
        for n in range(min(self.longest[role], len(g)), 0, -1):
            if g[-n:] in words:
                return g[-n:]
        return None

    def starting(self, text: str, at: int, role: str) -> str | None:
        """The word of ``role`` that ``text`` has at ``at``, longest first."""
        words = self.words[role]
        for n in range(self.longest[role], 0, -1):
            if text[at:at + n] in words:
                return text[at:at + n]
        return None


@lru_cache(maxsize=1)
def cues() -> _Cues:
    w = clause_words()
    lex = trigger_lexicon()
    verbs = frozenset(lex.rank) | frozenset(x for x in lex.skip if len(x) > 1)
    return _Cues(
        w,
        {k: max(map(len, v), default=0) for k, v in w.items()},
        re.compile(rf"\s*(?:(?:{trie_regex(w['apposition'] | _titles())})\s*)*(?:的)?\s*"),
        re.compile(trie_regex(w["localizer"])),
        re.compile(trie_regex(w["anaphor"])),
        re.compile(rf"\s*(?:{trie_regex(w['frame_start'])})"),
        re.compile(rf"(?:{trie_regex(w['frame_end'])})[”’」』）)]*\s*$"),
        re.compile(rf"(?:{trie_regex(w['source_end'])})\s*$"),
        re.compile(trie_regex(verbs)),
        re.compile(trie_regex(w["apposition"] | _titles())),
        re.compile(trie_regex(w["content"])),
        {k: frozenset(x[-1] for x in v) for k, v in w.items()},
    )


def _titles() -> frozenset[str]:
    """The titles of people (data/person_context.tsv, before a name): 董事长, 首席经济学家, 基金经理."""
    return frozenset(w for row in read_table("person_context.tsv", 2) if row[0] == "before" for w in row.items(1))


def _ends_with_preposition(gap: str) -> bool:
    """The gap ends with a preposition that is a word of its own (现在, 存在 end with 在 but are no preposition)."""
    c = cues()
    word = c.ending(gap, "preposition")
    if word is None:
        return False
    g = gap.rstrip()
    if len(word) == 1 and len(g) > 1:
        pair = g[-2:]
        if pair not in c.words["preposition"] and lexicon().freq(pair) > 0:
            return False
    return True


def roles(text: str, ents: Entities, lo: int, hi: int) -> list[tuple[Mention, str]]:
    """The mentions of ``text[lo:hi]`` with their role: doer, oblique, patient or other (see the module).

    Remembered by ``lo`` and the end of the last mention read: the reading goes left to right over the
    mentions and ignores where the stretch ends past them, so the numbers of a clause that have the same
    names before them (营收…，净利润…，同比…) share one reading."""
    named = ents.within(lo, hi)
    if not named:
        return []
    hi = named[-1].end
    key = ("roles", lo, hi)
    if key not in ents.memo:
        ents.memo[key] = _roles(text, ents, lo, hi)
    return ents.memo[key]  # type: ignore[return-value]


def _roles(text: str, ents: Entities, lo: int, hi: int) -> list[tuple[Mention, str]]:
    c = cues()
    out: list[tuple[Mention, str]] = []
    prev_end, prev_role = lo, ""
    for m in ents.within(lo, hi):
        if _bracketed(text, ents, lo, m.start):
            continue  # the short name a definition gives (（以下简称“启程”）) is no role of the clause
        # A definition in brackets (（以下简称“启程”）) says nothing of who acts: it is read as not there.
        gap = _BRACKETS.sub("", text[prev_end:m.start])
        gap = gap.lstrip(CLOSERS) or gap  # 启程”）创始人韩立峰: a stretch may start inside a definition
        has_doer = any(r == DOER for _, r in out)
        coordinator = c.ending(gap, "coordinator")
        if c.ending(gap, "agent"):
            out = [(x, PATIENT if r == DOER else r) for x, r in out]
            role = DOER
        elif coordinator is not None:
            bare = gap.strip() == coordinator
            role = prev_role if bare and prev_role in (DOER, OBLIQUE) else OBLIQUE
        elif _ends_with_preposition(gap) or _glosses_a_governed_word(gap):
            role = OBLIQUE
        elif prev_role == OBLIQUE and (c.apposition.fullmatch(gap) or not c.localizer.search(gap)) \
                and len(gap) <= 4:
            role = OBLIQUE  # 对快手电商负责人笑古: still what the preposition governs
        elif not has_doer and (has_predicate(c.titles.sub("", gap)) or (prev_end == lo and _opens_with_verb(gap))):
            role = OTHER  # 成为天猫…的平台, 翻查X网的纪录: after a verb, a name is what the verb is about
        elif not has_doer:
            role = DOER
        elif prev_role == DOER and c.apposition.fullmatch(gap):
            role = DOER  # 有赞的团队
            if ents.type(m) == "person" and gap.strip():  # 恒润资本董事长周启明: the person acts, for the company
                out = [(x, OTHER if r == DOER else r) for x, r in out]
        else:
            role = OTHER
        if role in (DOER, OTHER) and qualifies_unnamed(text, ents, m):
            role = OBLIQUE
        out.append((m, role))
        prev_end, prev_role = m.end, role
    return out


def qualifies_unnamed(text: str, ents: Entities, m: Mention) -> bool:
    """A place right before an unnamed agent (上海市某公司, 深圳一家企业: clause_cues.tsv, indefinite) says where
    that agent is: the agent, which is no entity, is the doer and whose its figures are, not the place."""
    if ents.type(m) != "place":
        return False
    found = _indefinite().search(text, m.end, m.end + PLACE_CHAIN_CHARS + cues().longest["indefinite"])
    if found is None:
        return False  # the common case, read without the dictionary
    return found.start() == m.end or found.start() == _place_chain_end(text, m.end)


@lru_cache(maxsize=1)
def _indefinite() -> re.Pattern[str]:
    return re.compile(trie_regex(cues().words["indefinite"]))


def _place_chain_end(text: str, at: int) -> int:
    """Where the places written after a place end (山东|省临沂市|一农妇: the place's own administrative character,
    then the places inside it)."""
    tokens = lexicon().tokens(text[at:at + PLACE_CHAIN_CHARS])
    i = 1 if tokens and tokens[0].start == 0 and len(tokens[0].word) == 1 and tokens[0].tag in ("n", "ng") else 0
    while i < len(tokens) and tokens[i].tag == "ns" and (i == 0 or tokens[i].start == tokens[i - 1].end):
        i += 1
    return at + tokens[i - 1].end if i else at


def _bracketed(text: str, ents: Entities, lo: int, at: int) -> bool:
    """Whether ``at`` lies inside brackets opened after ``lo``, not yet closed, right after a mention: what a
    definition or gloss says of that mention (启程新能源汽车有限公司（以下简称“启程”）).  After a word that is no
    mention (特斯拉（Tesla）), the bracket's name is the only one there is."""
    opened = bracket_open(text, lo, at)
    return opened >= 0 and any(m.end == opened for m in ents.within(lo, opened))


def _glosses_a_governed_word(gap: str) -> bool:
    """Whether a name in brackets glosses a word that a preposition governs (在特斯拉（Tesla）…下, 按国际会计准则
    （IFRS）计算: the bracket's name is that word's, no mention of its own): the words before the bracket end with
    a preposition once the glossed phrase, up to GLOSSED_WORDS words, is left out."""
    g = gap.rstrip()
    if not g.endswith(("（", "(")):
        return False
    tokens = lexicon().tokens(g[:-1].rstrip(), hmm=False)
    return any(_ends_with_preposition(g[:tokens[-n].start]) for n in range(1, min(GLOSSED_WORDS, len(tokens) - 1) + 1))


GLOSSED_WORDS = 3  # words of a phrase a bracketed name may gloss (国际|通用|会计准则（IFRS）)


def _opens_with_verb(gap: str) -> bool:
    """Whether the words before a stretch's first name open with a verb jieba's dictionary knows as one (not a
    verb used as a noun, nor a filler, skip or saying word of data/triggers.tsv): a clause that opens with its
    predicate has dropped its subject (翻查某网站的纪录), and the name after the verb is what it is about."""
    lex = trigger_lexicon()
    for tok in lexicon().tokens(gap.strip(), hmm=False)[:1]:
        word = tok.word
        return (tok.tag or "") in ("v", "vi") and len(word) > 1 and word not in lex.fillers \
            and word not in lex.skip and word not in lex.rank
    return False


def has_predicate(gap: str) -> bool:
    """Whether the words between two names hold a verb of the trigger lexicon (a predicate or 是/成为/有)."""
    return bool(cues().predicate.search(gap))


def doers(text: str, ents: Entities, lo: int, hi: int) -> list[Mention]:
    return [m for m, r in roles(text, ents, lo, hi) if r == DOER]


def has_own_subject(text: str, lo: int, hi: int, skip: Sequence[tuple[int, int]] = (),
                    counts: Sequence[tuple[int, int]] | None = None) -> bool:
    """Whether ``text[lo:hi]`` has a subject of its own that is no entity: a noun before its first verb,
    outside a prepositional phrase (``第三方来源的产品将不再支持``).

    Words inside ``skip`` (dates, quantities) do not count, nor do measure
    phrases and words of change (``营业收入12.5亿元``, ``同比下降``: what the clause
    reports of a doer named before; but in ``1000家品牌入驻`` what a number
    counts is a doer), numbers, or the filler words of data/triggers.tsv; its
    skip words (是, 成为, 无法) are verbs, whatever jieba's tag (无法 is a noun there).
    A prepositional phrase runs to its localizer (``在快手的直播间内``).
    ``counts``: the spans a measure right after which is what they count (default: all of ``skip``; a caller
    whose skip holds dates gives its quantities alone: 2024年年销量 is a measure).
    """
    reach = min(len(text), hi + WORD_REACH)  # a word may go on past the stretch (同比|下降)
    counted_at = {e for _, e in (skip if counts is None else counts)}  # 1000家品牌入驻: a doer, not a measure
    heads = [(h.start, h.end) for h in find_heads(text, lo, reach)]
    skip = [*_overlapping(skip, lo, hi), *((c.start, c.end) for c in find_changes(text, lo, reach)),
            *((m.start(), m.end()) for m in conventions().finditer(text, lo, reach))]
    measures = {a for a, _ in heads if a not in counted_at}
    if not _has_words(text, lo, hi, [*skip, *(h for h in heads if h[0] in measures)]):
        return False
    end = min(hi, lo + SUBJECT_REACH)
    piece = list(text[lo:end])
    for a, b in skip:  # dates, quantities, words of change: a blank no word crosses
        for i in range(max(a, lo), min(b, end)):
            piece[i - lo] = " "
    spans = tuple((a - lo, b - lo) for a, b in heads if a in measures and a < end)
    return _subject_before_verb("".join(piece), spans)


def _overlapping(spans: Sequence[tuple[int, int]], lo: int, hi: int) -> list[tuple[int, int]]:
    """The spans that overlap ``text[lo:hi]``.  Callers pass the dates and quantities of a whole sentence or
    article (carry_subjects: every one of them), and only those of the stretch blank a character: reading the
    others for each character made a stretch cost as much as its article."""
    return [(a, b) for a, b in spans if a < hi and b > lo]


@lru_cache(maxsize=8192)
def _subject_before_verb(piece: str, measures: tuple[tuple[int, int], ...]) -> bool:
    """:func:`has_own_subject` on a stretch whose skipped characters are blanks, ``measures`` the spans of
    its measure nouns.  Remembered by stretch: the clauses of an article and of its reprints repeat."""
    lex = trigger_lexicon()
    c = cues()
    starts = {a for a, _ in measures}
    governed = False
    tokens = lexicon().tokens(piece, hmm=False)  # nouns are all it needs
    for i, tok in enumerate(tokens):
        if any(a <= tok.start < b for a, b in measures):
            continue
        if tok.word in c.words["preposition"] or tok.tag == "p":
            governed = True
            continue
        if governed:
            governed = tok.word not in c.words["localizer"]
            continue
        if tok.word in lex.fillers or tok.word in _change_words() or any(ch.isdigit() for ch in tok.word):
            continue
        if tok.word in c.words["existential"] and piece[tok.end:tok.end + 1] == " ":
            return True  # 共有68家企业上市: what the quantity right after 有 counts is the subject, 有 no predicate
        if tok.word in lex.skip or ((tok.tag or "").startswith("v") and tok.tag != "vn"):
            return False  # the predicate: what follows is its object
        if tok.word in c.words["intent"] and not piece[:tok.start].strip():
            return False  # 计划在年底前新开门店: a word of intent opening the clause is its predicate
        if tok.tag in NOUN_TAGS or (tok.tag is None and len(tok.word) > 1):
            if _modifies_a_measure(tokens, i, 0, starts) or tok.word in measure_words().modifiers:
                continue  # 博彩毛收入, 合约|销售金额: a word of the measure phrase
            return True
    return False


@lru_cache(maxsize=1)
def _change_words() -> frozenset[str]:
    """The bases of comparison and the words between them and a verb of change (同比, 分别): no subject."""
    words = changes().words
    return words["base"] | words["between"] | words["compare"]


def _modifies_a_measure(tokens: list[Token], i: int, lo: int, measures: set[int]) -> bool:
    """Whether ``tokens[i]`` is the one word that modifies the measure noun right after it (博彩毛收入,
    归母净利润).  Two nouns or more before a measure (券商板块整体净利润, 电商商家播放量) name
    what the measure is of: a subject."""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return nxt is not None and nxt.start == tokens[i].end and lo + nxt.start in measures


def _has_words(text: str, lo: int, hi: int, skip: Sequence[tuple[int, int]]) -> bool:
    """Whether two Han characters in a row stand in ``text[lo:hi]`` outside ``skip``: else no noun can.

    Searched for in each stretch between the skipped spans (a character of a span breaks a run), not
    character by character with every span tested at each: that cost a stretch its length times its
    spans in Python."""
    at = lo
    for a, b in sorted(s for s in skip if s[0] < s[1]):
        if a > at and _TWO_HAN.search(text, at, min(a, hi)):
            return True
        at = max(at, b)
        if at >= hi:
            return False
    return _TWO_HAN.search(text, at, hi) is not None


def anaphor(text: str, ents: Entities, lo: int, hi: int) -> str | None:
    """其营收…, 该公司表示…, 公司将投资…: a stretch holding an anaphor outside a prepositional phrase, and
    no name, takes the last company or public body named before it (an issuer's anaphor, 公司 or 本集团, the
    article's main entity when it was named within reach), else the main entity."""
    c = cues()
    m = c.anaphor.search(text, lo, hi)
    while m is not None and (not _is_word(text, m.start(), m.end()) or ents.overlaps(m.start(), m.end())):
        m = c.anaphor.search(text, m.end(), hi)  # 其 of 其次, 尤其 is no anaphor, nor 集团 of a name
    if m is None:
        return _named_by_its_end(text, ents, lo, hi)
    if _ends_with_preposition(text[lo:m.start()]):
        return None
    named = [ents.name(men) for men in ents.within(max(0, lo - ANAPHOR_REACH), lo)
             if ents.type(men) in ("company", "agency")]
    main = ents.main()
    if main in named and m.group() in c.words["issuer"]:
        return main  # 公司 in a story about one company is that company, whoever was named since
    return named[-1] if named else main  # 本集团, 公司 far from any name: the company the article is about


NAME_END_MIN = 2  # characters of an organisation's last word a demonstrative takes up (该|码头)
NAME_END_MAX = 4


def _named_by_its_end(text: str, ents: Entities, lo: int, hi: int) -> str | None:
    """该码头, 整个机场, 这家银行: a demonstrative of data/clause_cues.tsv before the last word of the name of a
    company or public body named before (某某国际集装箱码头) stands for it, outside a prepositional phrase."""
    for d in _demonstrative().finditer(text, lo, hi - NAME_END_MIN):
        if _ends_with_preposition(text[lo:d.start()]):
            return None
        end = d.end()
        for men in reversed(ents.within(max(0, lo - ANAPHOR_REACH), lo)):
            surface = text[men.start:men.end]
            if ents.type(men) in ("company", "agency") and any(
                    len(surface) > n and surface.endswith(text[end:end + n]) and _ends_a_phrase(text, end + n, hi)
                    for n in range(NAME_END_MAX, NAME_END_MIN - 1, -1) if end + n <= hi):
                return ents.name(men)
    return None


def _ends_a_phrase(text: str, at: int, hi: int) -> bool:
    """Whether a noun phrase may end at ``at``: no noun goes on after it, but a measure (该银行|净利润) may
    (整个|游戏业务 is the whole business of games, not of 某某游戏)."""
    tokens = lexicon().tokens(text[at:min(hi, at + NAME_END_MAX)])
    return not tokens or not (tokens[0].tag or "n").startswith("n") \
        or any(h.start == at for h in find_heads(text, at, hi))


@lru_cache(maxsize=1)
def _demonstrative() -> re.Pattern[str]:
    return re.compile(trie_regex(cues().words["demonstrative"]))


def _is_word(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands as a word of its own: no dictionary word holds it with one or two
    characters around it (其 of 其中, 尤其; 公司 of 子公司, 上市公司)."""
    lex = lexicon()
    for a, b in ((start - 1, end), (start, end + 1), (start - 2, end), (start, end + 2)):
        if a >= 0 and b <= len(text) and lex.freq(text[a:b]) > 0:
            return False
    return True


def is_frame(text: str, clause: tuple[int, int]) -> bool:
    """A clause that frames the next one rather than saying who did something (为响应…, 与有赞不同的是,
    经过10年的进化, 在…后), or that gives the source of what follows (国家统计局数据显示, 据海关统计):
    a source is neither the doer nor whose the figures are."""
    c = cues()
    return bool(c.frame_start.match(text, clause[0], clause[1]) or c.frame_end.search(text, clause[0], clause[1])
                or c.source_end.search(text, clause[0], clause[1]))


def own_source(text: str, ents: Entities, clause: tuple[int, int]) -> bool:
    """A source clause that opens with a company known by a Chinese name and names no other kind of entity
    (三星电子公布的初步业绩显示, 丰泽银行信用卡中心数据显示): a company's own disclosure, whose figures and acts are
    its own.  An agency, a place or a
    research firm known by a Latin name (Counterpoint数据显示) reports on others."""
    c = cues()
    if not c.source_end.search(text, clause[0], clause[1]):
        return False
    within = ents.within(*clause)
    if not within or text[clause[0]:within[0].start].strip(" 据") != "":
        return False  # 新快数据（…快手数据平台）显示: the clause opens with the source, which is no company named
    named = [ents.entities[m.entity] for m in within]
    return all(e.type == "company" and e.source != "latin" for e in named)


def clauses_before(index: TextIndex, sentence: tuple[int, int], clause: tuple[int, int]) -> list[tuple[int, int]]:
    """The clauses of ``sentence`` that end before ``clause`` starts, in order."""
    return [c for c in index.clauses(sentence) if c[1] <= clause[0] and c != clause]

"""What a number measures, read from the text.

**Metric.**  The noun phrase a quantity reports, in the article's own words:
the nearest phrase headed by a measure noun of ``data/metrics.tsv``
(``营业收入``, ``出货量``, ``投诉案件``, ``博彩毛收入``), with the words
that modify its head read back with jieba's dictionary (nouns, distinguishing
words; not a verb, a name, a date or a function word).  The row's group goes
into ``metric_group`` (出货量 stays 出货量, its group is 销量).  A verb of
transaction before a count (``卖出95辆``) is what it measures.  A verb
names what a sum measures only when it moves money (``捐赠1亿元``); a share
verb alone stands for its noun (``占40%``: 占比).  Vocabularies:
``data/measure_words.tsv`` (level, transaction, money_verb, nominal).
This module reads back from a figure; what is written after it (the thing a
count counts, a sum prices or is spent on) is read by
:mod:`zhextract.extract.counted`, with this vocabulary.  How a figure changed
is read by :mod:`zhextract.extract.changes`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from zhextract.extract.changes import changes
from zhextract.extract.date_grammar import scan as date_scan
from zhextract.extract.names import STOP_TAGS, clause_words
from zhextract.extract.number_words import HAN, trie
from zhextract.extract.triggers import trigger_lexicon
from zhextract.lexicon import Token, lexicon
from zhextract.resources import read_table
from zhextract.trie import trie_regex

MODIFIER_CHARS = 10  # at most this many characters of modifiers before a head noun
MODIFIER_WORDS = 5
COUNTED_CHARS = 12  # how far after a classifier the counted noun phrase is read
# Tags of the words that may modify a measure noun: nouns, distinguishing and descriptive words, abbreviations.
MODIFIER_TAGS = frozenset({"n", "vn", "nz", "b", "a", "an", "j", "l", "ng", "eng"})
ASPECT_TAGS = frozenset({"ul", "ug", "uz"})  # 了, 过, 着
# Tags of a counted thing's head (赌台, 项目, 措施).
NOUN_TAGS = frozenset({"n", "vn", "nz", "ng", "j", "l", "an"})
FUNCTION_END_TAGS = frozenset({"p", "c"})  # the last character of an unknown word that makes it no noun (拟以)


class Head(NamedTuple):
    """A measure noun of the text: ``text[start:end]``, its group and the kinds it measures."""

    start: int
    end: int
    group: str
    kinds: frozenset[str]


@dataclass(frozen=True)
class _Vocabulary:
    """Literal spellings in one trie pattern, spellings with a gap (同比…增长) in a second one."""

    literal: re.Pattern[str]
    spelled: dict[str, tuple[str, frozenset[str]]]
    gapped: re.Pattern[str] | None
    gapped_rows: dict[str, tuple[str, frozenset[str]]]  # group name -> row
    gap_openers: tuple[str, ...]  # first parts of the gapped spellings: skip the pattern without them

    def find(self, text: str, lo: int, hi: int) -> list[tuple[int, int, str, frozenset[str]]]:
        """Words of ``text[lo:hi]``; a gapped match hides the literal ones inside it."""
        words = [(m.start(), m.end(), *self.spelled[m.group()]) for m in self.literal.finditer(text, lo, hi)]
        if self.gapped is not None and any(text.find(o, lo, hi) >= 0 for o in self.gap_openers):
            gaps = [(m.start(), m.end(), *self.gapped_rows[m.lastgroup or ""])
                    for m in self.gapped.finditer(text, lo, hi)]
            if gaps:
                words = [w for w in words if not any(g[0] <= w[0] and w[1] <= g[1] for g in gaps)] + gaps
                words.sort()
        return words


def _vocabulary(rows: list[tuple[str, list[str], frozenset[str]]]) -> _Vocabulary:
    spelled: dict[str, tuple[str, frozenset[str]]] = {}
    gapped: dict[str, tuple[str, frozenset[str]]] = {}
    for name, spellings, kinds in rows:
        for s in spellings:
            (gapped if "…" in s else spelled).setdefault(s, (name, kinds))
    names = {f"g{i}": s for i, s in enumerate(sorted(gapped, key=len, reverse=True))}
    gap = f"[{HAN}]{{0,3}}?"
    pattern = "|".join(f"(?P<{n}>{gap.join(re.escape(p) for p in s.split('…'))})" for n, s in names.items())
    return _Vocabulary(re.compile(trie(spelled)), spelled, re.compile(pattern) if pattern else None,
                       {n: gapped[s] for n, s in names.items()}, tuple(sorted({s.split("…")[0] for s in gapped})))


@lru_cache(maxsize=1)
def heads() -> _Vocabulary:
    """``data/metrics.tsv``: measure nouns by group, with the kinds of quantity they measure."""
    return _vocabulary([(row[0], row.items(1), frozenset(row.items(2)) or frozenset({"*"}))
                        for row in read_table("metrics.tsv", 3)])


@dataclass(frozen=True)
class _MeasureWords:
    endings: dict[str, frozenset[str]]  # ending character -> kinds
    modifiers: frozenset[str]
    stops: frozenset[str]
    links: frozenset[str]
    not_measures: frozenset[str]
    closed: frozenset[str]  # first characters of heads that take no modifier (总投资, 均价)
    agents: frozenset[str]  # last characters of nouns that name people (消费者, 毕业生, 原告)
    lasting: frozenset[str]  # measures set once by an act (注册资本, 有效期, 产能)
    levels: frozenset[str]  # nouns after a count that name a level reached (台阶, 大关), not a thing counted
    transactions: frozenset[str]  # verbs of transaction or output whose count is the measure (卖出, 交付)
    money_verbs: frozenset[str]  # verbs that move money: a sum after them measures the act (捐赠, 罚款)
    scopes: frozenset[str]  # words that narrow a measure to a part (国内, 境外): part of the measure, not whose
    stakes: frozenset[str]  # measures of a holding (股权): the clause's doer owns them, not the company they are in
    copulas: frozenset[str]  # words giving a part's figure after its name (中国内地为38.6%)
    category_words: frozenset[str]  # words besides nouns a category's name may hold (其他消费品)
    category_joins: frozenset[str]  # words that join the parts of one category (珠宝首饰、钟表及名贵礼物)
    topics: frozenset[str]  # what a heading reporting on a measure ends with (增长情况): no part of it
    aspects: frozenset[str]  # what a sentence's opening clause naming its measure ends with (毛利率|方面)
    nominal: dict[str, str]  # a share verb -> the noun it stands for as a metric (占 -> 占比)
    pattern: re.Pattern[str]  # an ending character


@lru_cache(maxsize=1)
def measure_words() -> _MeasureWords:
    """``data/measure_words.tsv``: endings that head a measure after a word, modifiers, stops."""
    endings: dict[str, frozenset[str]] = {}
    words: dict[str, set[str]] = {"modifier": set(), "stop": set(), "link": set(), "not_measure": set(),
                                  "closed": set(), "agent": set(), "lasting": set(), "level": set(),
                                  "transaction": set(), "money_verb": set(), "scope": set(), "stake": set(),
                                  "copula": set(), "category": set(),
                                  "category_join": set(), "topic": set(), "aspect": set()}
    nominal: dict[str, str] = {}
    for row in read_table("measure_words.tsv", 3):
        if row[0] == "ending":
            for w in row.items(1):
                endings[w] = frozenset(row.items(2))
        elif row[0] == "nominal":
            for w in row.items(1):
                verb, _, noun = w.partition(">")
                if not noun:
                    raise row.error(f"nominal {w!r}: write verb>noun")
                nominal[verb] = noun
        elif row[0] in words:
            words[row[0]].update(row.items(1))
        else:
            raise row.error(f"unknown role {row[0]!r} (one of {', '.join(['ending', *words])})")
    return _MeasureWords(endings, frozenset(words["modifier"]), frozenset(words["stop"]), frozenset(words["link"]),
                         frozenset(words["not_measure"]), frozenset(words["closed"]), frozenset(words["agent"]),
                         frozenset(words["lasting"]), frozenset(words["level"]), frozenset(words["transaction"]),
                         frozenset(words["money_verb"]), frozenset(words["scope"]), frozenset(words["stake"]),
                         frozenset(words["copula"]), frozenset(words["category"]),
                         frozenset(words["category_join"]), frozenset(words["topic"]), frozenset(words["aspect"]),
                         nominal,
                         re.compile("[" + re.escape("".join(sorted(endings))) + "]"))


def is_stake(metric: str | None) -> bool:
    """Whether ``metric`` measures a holding in a company (60%股权, 持股比例): measure_words.tsv, stake."""
    return bool(metric) and any(metric.endswith(w) for w in measure_words().stakes)


def is_lasting(metric: str | None) -> bool:
    """Whether ``metric`` is a measure set once by an act (合资公司注册资本, 设计年产能, 起售价): measure_words.tsv."""
    return bool(metric) and any(metric.endswith(w) for w in measure_words().lasting)


def find_endings(text: str, lo: int, hi: int, known: list[Head]) -> list[Head]:
    """Heads ended by a character of measure_words.tsv (客座|率), outside the known heads and not the start
    of a longer dictionary word (数据, 期间); they head a measure only with a modifier that makes more
    than a word of two characters (客座率, but not 数额: see attach)."""
    mw = measure_words()
    lex = lexicon()
    out = []
    for m in mw.pattern.finditer(text, lo, hi):
        at = m.start()
        if any(h.start <= at < h.end for h in known) or lex.freq(text[at:at + 2]) > 0 \
                or any(text.startswith(w, at + 1 - len(w)) for w in mw.not_measures):
            continue  # 数据: the character begins another word; 流量: ends a word that is no measure
        if m.group() in changes().words["compare"] and date_scan(text, at + 1, at + 2):
            continue  # 增速比|上年加快: 比 before a date opens a base (changes.tsv, compare), it ends no ratio
        out.append(Head(at, at + 1, "", mw.endings[m.group()]))
    return out


def find_heads(text: str, lo: int, hi: int) -> list[Head]:
    """The measure nouns of ``text[lo:hi]``, but for a head that is also a verb followed by a noun (销售|整车,
    出口|汽车, 销售|团队): there it takes an object or modifies the noun, and names no measure itself."""
    return [Head(*w) for w in heads().find(text, lo, hi) if not _verb_with_object(text[w[0]:w[1]],
                                                                                   text[w[1]:min(hi, w[1] + 4)])]


VERB_TAGS = frozenset({"v", "vn"})
OBJECT_TAGS = frozenset({"n", "nz"})  # plain nouns: an abbreviation (同比) or a verbal noun (合计) takes no object


@lru_cache(maxsize=8192)
def _verb_with_object(word: str, after: str) -> bool:
    """Whether a head ``word`` that the dictionary tags as a verb is followed by a noun in ``after``."""
    lex = lexicon()
    if not word or not after or lex.tag(word) not in VERB_TAGS:
        return False
    first = lex.tokens(after, hmm=False)
    if first and first[0].word[0] in measure_words().closed and not heads().find(first[0].word, 0, len(first[0].word)):
        return False  # 开支|总额: the total of what the word measures, no object (销售|均价 is a measure of its own)
    return bool(first) and first[0].start == 0 and first[0].tag in OBJECT_TAGS and len(first[0].word) > 1


def phrase(text: str, head: Head, lo: int, taken: list[tuple[int, int]]) -> tuple[int, int]:
    """The span of the noun phrase ``head`` ends: the head and the words that modify it, read back to
    ``lo`` at most and never into a ``taken`` span (a name, a date, a number)."""
    limit = max(lo, head.start - MODIFIER_CHARS)
    for s, e in taken:
        if s < head.start and e > limit:
            limit = max(limit, e)
    if head.start <= limit or not _han_or_latin(text[head.start - 1]):
        return head.start, head.end
    if head.end - head.start > 1 and text[head.start] in measure_words().closed and "count" not in head.kinds:
        # 电池工厂|总投资, 碳酸锂|均价: what stands before a total or mean is whose it is (a count's total names
        # nothing alone: 门店总数); an act right before it says which (销售均价, 成交均价)
        return _act_before(text, head.start, limit), head.end
    glued = limit > lo and _han_or_latin(text[limit - 1])
    cut = glued and limit == head.start - MODIFIER_CHARS
    after_taken = glued and not cut and any(e == limit for _, e in taken)
    start = limit + _modifiers_start(text[limit:head.start], cut, after_taken, head.kinds == {"duration"},
                                     not head.group)
    if start < head.start:
        start = _inside_measure_start(text, _word_start(text, start, limit), limit)
    return _after_convention(text, _hyphened_start(text, _listed_modifier_start(text, start, limit), limit),
                             head.start), head.end


def _after_convention(text: str, start: int, head: int) -> int:
    """``start`` moved past the name of a standard the phrase opens with (非美国通用会计准则|营业收入,
    data/clause_cues.tsv, standard): it says how the measure is computed, not what it is."""
    for m in conventions().finditer(text, start, head):
        if m.start() <= start < m.end() or m.start() == start:
            return m.end()
    return start


@lru_cache(maxsize=1)
def conventions() -> re.Pattern[str]:
    """A standard a figure is computed by, and the 非 that negates it (data/clause_cues.tsv, standard)."""
    return re.compile(f"非?(?:{trie_regex(clause_words()['standard'])})")


def _hyphened_start(text: str, start: int, limit: int) -> int:
    """``start`` moved back to the first part of a hyphened Latin word it falls after (Non-|GAAP净利润): a phrase
    that keeps the second half only says the opposite."""
    if start <= limit or text[start - 1] != "-" or not text[start:start + 1].isascii() \
            or not text[start:start + 1].isalpha():
        return start
    while start > limit and (text[start - 1] == "-" or (text[start - 1].isascii() and text[start - 1].isalpha())):
        start -= 1
    return start


def _inside_measure_start(text: str, start: int, limit: int) -> int:
    """The start of a measure noun of metrics.tsv that ``start`` falls inside, else ``start``: jieba reads
    the time of 月|活跃账户数 and 日|活跃用户规模 apart, but the vocabulary knows 月活 and 日活 as measures,
    and a phrase that keeps their second half only measures something else."""
    lo = max(limit, start - 3)
    for s, e, _, _ in heads().find(text, lo, start + 3):
        if s < start < e:
            return s
    return start


def _listed_modifier_start(text: str, start: int, limit: int) -> int:
    """``start`` moved back over modifiers of measure_words.tsv that jieba cuts into words the reading stops
    at (初|年度保费收入, 首年期交|保费: 年度 and 首年 alone are times), as long as one ends right there."""
    modifiers = measure_words().modifiers
    moved = True
    while moved:
        moved = False
        for n in (4, 3):
            if start - n >= limit and text[start - n:start] in modifiers:
                start, moved = start - n, True
                break
    return start


def _act_before(text: str, start: int, limit: int) -> int:
    """Where a two-character act that names a total or a mean ends right before ``start`` begins (销售|均价,
    成交|均价): a verbal noun, or a verb that links no number (实现, 完成) and changes nothing; else ``start``."""
    if start - 2 < limit:
        return start
    word = text[start - 2:start]
    tag = lexicon().tag(word)
    if tag == "vn" or (tag == "v" and word not in link_words() and word not in measure_words().links
                       and word not in trigger_lexicon().rank):
        return start - 2 if not text[start - 3:start - 2].isalnum() or lexicon().freq(text[start - 3:start]) == 0 \
            else start
    return start


WORD_BACK = 3  # characters back from a phrase's start that a dictionary word holding it may start


def _word_start(text: str, start: int, limit: int) -> int:
    """The start of the dictionary word a measure phrase starts inside, when it does (可|支配收入 read in a
    window of its own: 可支配收入; 跨|区域客流量: 跨区域), else ``start``.  Not before ``limit`` (a name, a
    date, a number), and not to take a word that names no modifier (a function word, a verb)."""
    lo = max(limit, start - WORD_BACK)
    if lo == start:
        return start
    for tok in lexicon().tokens(text[lo:start + WORD_BACK], hmm=False):
        if lo + tok.start < start < lo + tok.end:
            return lo + tok.start if _modifies(tok.word, tok.tag) else start
    return start


@lru_cache(maxsize=8192)
def _modifiers_start(window: str, cut: bool = False, after_taken: bool = False, duration: bool = False,
                     ending: bool = False) -> int:
    """Where the words that modify a head noun written right after ``window`` start in it (its length
    when none does); ``cut``: the window starts inside a word, whose piece is no modifier; ``after_taken``:
    the window follows a name, date or number written without a break, whose word a first token of one
    character ends (三年|期定期存款利率); ``duration``: the head measures a duration, which an act before
    it names, whatever the act (交付|周期, 审批|时间), but for the penalty verbs of clause_cues.tsv that impose
    one (判处|有期徒刑); ``ending``: the head is a character of measure_words.tsv's endings, which makes a
    measure of any act before it (发布|量, 下载|量, 交易|额), acts of the trigger lexicon included.
    Remembered by window: an article writes its measures again and again.

    A character of content that stops the reading (澜|州市常住人口: a place jieba cuts) is a piece of a
    word with the token after it, which goes with it; unless the dictionary knows the two as one word,
    which is then taken whole (可|支配收入: 可支配收入).
    """
    start = len(window)
    before_last = start  # where the phrase started before its last word was taken
    words = 0
    listed = False  # the word last taken is a modifier of measure_words.tsv
    after_verb = False  # the word last taken is a verb (受理|投诉案件, 挽回|经济损失)
    tokens = lexicon().tokens(window)
    mw = measure_words()
    for i in range(len(tokens) - 1, -1, -1):
        tok = tokens[i]
        first_piece = i == 0 and (cut or (after_taken and _piece(tok.word, tok.tag)))
        if tok.end != start or words == MODIFIER_WORDS or first_piece:
            break
        if i > 0 and tokens[i - 1].tag == "r" and len(tokens[i - 1].word) == 1:
            break  # 该公司员工总数: 公司 goes with 该, it is whose the measure is (该院 is whole: 该院|平均住院日)
        if tok.word in mw.stops:
            break
        # 受理投诉案件: a verb right before the head modifies it when the predicate stands before it
        # 持股比例, 涉案金额, 参保人数: a verb of two characters right before the head, that links no number
        # (实现, 完成, 达到), is no verb of change (新增, 增长) and no act of the trigger lexicon (披露|金额),
        # makes a compound with it; after another verb, any verb but a link (受理|投诉案件, 复合|成长率)
        verb_modifier = words == 0 and tok.tag == "v" and tok.word not in mw.links and (
            (i > 0 and (tokens[i - 1].tag or "").startswith("v"))
            or (len(tok.word) == 2 and tok.word not in link_words()
                and ((duration and tok.word not in clause_words()["penalty"])
                     or ending or tok.word not in trigger_lexicon().rank)))
        if not (_modifies(tok.word, tok.tag) or verb_modifier or tok.word in mw.modifiers):
            break
        if listed and tok.word not in mw.modifiers:
            break  # 芯片|累计出货量, 城镇居民|人均消费支出: what stands before 累计, 平均, 人均 is whose it is
        if after_verb and tok.word in mw.modifiers and tok.tag == "v":
            break  # 累计|发送旅客, 新增|发放贷款: a verb before a verb says how it was done, not which measure
            # (海外|出货占比: a place still says which)
        if after_verb and tok.word[-1] in mw.agents:
            break  # 消费者|挽回经济损失, 毕业生|就业率: a person before a verb does it, he modifies no measure
            # (房地产开发投资, 财务造假案件: a thing before a verb is its object or its field, and modifies)
        listed = tok.word in mw.modifiers
        after_verb = tok.tag == "v" and tok.word not in mw.modifiers
        before_last, start = start, tok.start
        words += 1
    else:
        return start
    if words and not first_piece and len(tok.word) == 1 and tok.end == start and tok.tag is not None \
            and tok.tag not in STOP_TAGS and tok.word not in mw.stops:
        if lexicon().freq(window[tok.start:tokens[i + 1].end]) > 0:
            return tok.start  # 可|支配收入: with the character the dictionary has the word (可支配)
        return before_last  # 澜|州市常住人口: the word taken last is a piece of a word jieba cut
    return start


def verb_phrase(text: str, pos: int, lo: int, taken: list[tuple[int, int]],
                money: bool = False) -> tuple[int, int] | None:
    """What a number measures when no measure noun names it: the verb right before it, with the object
    between them (交付新车3.86万辆, 销售整车40.5万辆, 出货4230万部, 持股51%), or None.  Verbs that only
    link a number (是, 为, 达到) and verbs of change name nothing.  ``money``: the number is a sum, which
    only a verb that moves money measures (捐赠1亿元, 减免服务费10亿元: measure_words.tsv, money_verb); after
    any other (告别50元, 推出39元以下的套餐) the sum is a price or a bound, which the verb does not name."""
    limit = max(lo, pos - COUNTED_CHARS)
    for s, e in taken:
        if s < pos and e > limit:
            limit = max(limit, e)
    if pos <= limit or not _han_or_latin(text[pos - 1]):
        return None
    length = _verb_phrase_length(text[limit:pos])
    if not length or (money and not _moves_money(text[pos - length:pos])):
        return None
    return pos - length, pos


def _moves_money(verb_phrase: str) -> bool:
    """Whether a verb phrase read before a sum opens with a verb that moves money (measure_words.tsv, money_verb)."""
    verbs = measure_words().money_verbs
    return any(verb_phrase.startswith(v) for v in verbs)


@lru_cache(maxsize=8192)
def _verb_phrase_length(window: str) -> int:
    tokens = lexicon().tokens(window)
    links = link_words()
    i = len(tokens) - 1
    while i >= 0 and tokens[i].word in links:  # 共交付新车, 累计销售: 共, 累计 before the verb are not read
        i -= 1
    end = tokens[i].end if i >= 0 else 0
    while i >= 0 and (tokens[i].tag in NOUN_TAGS or tokens[i].tag is None) and tokens[i].word not in links:
        i -= 1
    if i < 0 or (tokens[i].tag != "v" and tokens[i].word not in measure_words().money_verbs) \
            or tokens[i].word in links or end - tokens[i].start > 8 \
            or _reaches_level(tokens[i].word):
        return 0
    return len(window) - tokens[i].start if end == len(window) else 0


def _reaches_level(verb: str) -> bool:
    """增至, 降至, 升至: a verb that ends in 至 says the figure is the level reached; it names no measure."""
    return len(verb) > 1 and verb.endswith("至")


def to_level(tokens: list[Token], i: int) -> bool:
    """Whether token ``i`` is a verb that moves a figure to the level after it (增至, 缩水|至, 回落|到): like a
    link word, it names nothing the number measures."""
    tok = tokens[i]
    if tok.tag != "v":
        return False
    return _reaches_level(tok.word) or (i + 1 < len(tokens) and tokens[i + 1].word in ("至", "到"))


def noun_before(text: str, pos: int, lo: int, taken: list[tuple[int, int]],
                counts: bool = False) -> tuple[int, int] | None:
    """What a number measures when neither a measure noun nor a verb names it: the noun phrase right
    before it, or before the words that link it (共有充电桩3.2万个, 平均住院日降至6.2天, 涉案人员共计21名,
    并处罚金8000元), or None.  Never across a name, a date or another number (``taken``): 高于全国0.5个百分点
    compares with 全国, it does not measure it."""
    limit = max(lo, pos - MODIFIER_CHARS - COUNTED_CHARS)
    for s, e in taken:
        if s < pos and e > limit:
            limit = max(limit, e)
    if pos - limit < 2:
        return None
    span = _noun_before(text[limit:pos], counts)
    return (limit + span[0], limit + span[1]) if span else None


@lru_cache(maxsize=8192)
def _noun_before(window: str, counts: bool = False) -> tuple[int, int] | None:
    """``counts``: the number counts with a classifier, so a noun that is whose a measure is elsewhere
    (机构, 企业) is what it counts (全国共有医疗卫生机构109.3万个, 半导体企业共有110家)."""
    tokens = lexicon().tokens(window)
    links = link_words()
    i = len(tokens) - 1
    while i >= 0 and (tokens[i].word in links or tokens[i].tag in ("d", "p")  # 共计, 已, 为, 至
                      or _glued_preposition(tokens[i].word, tokens[i].tag)):  # 达至, 拟以
        if tokens[i].tag in ASPECT_TAGS:
            return None  # 贡献了10%: what an aspect particle follows is a verb, whatever jieba's tag
        if tokens[i].word in ("至", "到") and i > 0 and len(tokens[i - 1].word) == 1 and tokens[i - 1].tag == "v":
            i -= 1  # 降|至, 升|至: jieba leaves the verb of change in pieces
        i -= 1
    if i < 0:
        return None
    mw = measure_words()
    tok = tokens[i]
    start, end = tok.start, tok.end
    if len(tok.word) == 1 and tok.tag in ("q", "ng", "n") and i > 0 and len(tokens[i - 1].word) > 1 \
            and tokens[i - 1].word not in links and tokens[i - 1].word not in mw.stops:
        start = tokens[i - 1].start  # 充电|桩: a compound noun jieba's dictionary lacks
    elif not (tok.tag in NOUN_TAGS or _unknown_noun(tok.word, tok.tag) or _noun_compound(tok)) \
            or len(tok.word) < 2:
        return None
    word = window[start:end]
    if (word in mw.stops and not (counts and tok.tag in NOUN_TAGS)) or word in mw.not_measures:
        return None
    first = _modifiers_start(window[:start]) if start else 0
    if first == start and word in mw.modifiers:
        return None  # 此前预估的20%: a word that modifies a measure (预估, 累计) names none alone (招生计划 does)
    before = [t for t in tokens if t.end <= first]
    if first == start and len(before) >= 2 and before[-1].tag == "v" and before[-2].tag == "uj":
        first = before[-1].start  # 对平台的依赖程度: a verb after 的 modifies the noun
    if before and len(before[-1].word) == 1 and any(t.start == first and len(t.word) == 1 for t in tokens) \
            and lexicon().freq(window[first - 1:first + 1]) > 0:
        first -= 1  # 同|城快递业务量: jieba cut a rare word of its dictionary (同城) at a preposition
    return first, end


def _noun_compound(tok: Token) -> bool:
    """A word the dictionary tags as distinguishing (b) that ends with a noun of its own (新|机型, 大|车型): a
    noun with what it is of, as the thing a count counts."""
    return tok.tag == "b" and len(tok.word) >= 3 and lexicon().tag(tok.word[-2:]) in NOUN_TAGS


@lru_cache(maxsize=1)
def link_words() -> frozenset[str]:
    """Words that link a number to what it is, or change it: no measure (是, 为, 达到, 增长); the verbs of
    being there too (data/clause_cues.tsv, existential: 另有约80宗个案, 公司有员工300人: what is there is
    counted, 有 measures nothing)."""
    lex = trigger_lexicon()
    cw = changes()
    existential = clause_words()["existential"]
    return lex.skip | lex.fillers | cw.words["verb"] | cw.words["between"] | cw.words["base"] \
        | measure_words().links | frozenset(
        w for w, r in lex.rank.items() if r == 1) | existential


def nominal(metric: str) -> str:
    """The noun a verb read as a metric stands for when the verb is a bare share verb (占60%: 占比); any
    other metric as it is (measure_words.tsv, role nominal)."""
    return measure_words().nominal.get(metric, metric)


def transaction_before(text: str, pos: int, lo: int) -> tuple[int, int] | None:
    """The span of a verb of transaction or output (卖出, 售出, 交付, 出口: measure_words.tsv, role transaction)
    standing right before the number at ``pos`` (了, 共, 约 … aside), or None: a count after it measures that
    act (全年只卖出95辆氢能车: what was sold, not the cars), not the thing it counts."""
    lo = max(lo, pos - COUNTED_CHARS)
    span = _transaction_at_end(text[lo:pos]) if pos > lo else None
    return (lo + span[0], lo + span[1]) if span else None


@lru_cache(maxsize=8192)
def _transaction_at_end(window: str) -> tuple[int, int] | None:
    tokens = lexicon().tokens(window)
    links = link_words()
    i = len(tokens) - 1
    if i < 0 or tokens[i].end != len(window):
        return None
    while i >= 0 and (tokens[i].word in links or tokens[i].tag in ASPECT_TAGS):
        i -= 1
    if i < 0 or tokens[i].word not in measure_words().transactions:
        return None
    return tokens[i].start, tokens[i].end


SHARE_WHOLE_CHARS = 12  # at most this many characters of the whole between 占 and 的 (占营业费用的41%)


def share_part(text: str, pos: int, lo: int, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The part of a share written ``A占B的N%`` (研发费用占营业收入的12.5%): the noun phrase right before the
    share verb (measure_words.tsv, nominal), which is what the percentage measures.  When no part stands in
    the clause (污水处理收入4.2亿元，占公司营业收入的54.7%: the part has its figure in the clause before), the
    measure phrase of the whole B, what the share is taken of; else None."""
    if pos - lo < 3 or text[pos - 1] != "的":
        return None
    window = text[max(lo, pos - 1 - SHARE_WHOLE_CHARS - 2):pos - 1]
    for verb in sorted(measure_words().nominal, key=len, reverse=True):
        at = window.rfind(verb)
        if at >= 0 and _han_or_latin(window[at + len(verb):][:1] or "。"):
            start = pos - 1 - len(window) + at
            part = noun_before(text, start, lo, taken) if at > 0 else None
            if part is not None:
                return part
            whole = [h for h in find_heads(text, start + len(verb), pos - 1) if h.end == pos - 1]
            return phrase(text, whole[-1], start + len(verb), taken) if whole else None
    return None




def _piece(word: str, tag: str | None) -> bool:
    """A single character jieba leaves as a noun is a piece of the word before it (三年|期), not a
    modifier of its own, as an adjective is (中国|短视频用户规模)."""
    return len(word) == 1 and tag in (None, "n", "ng")


def _modifies(word: str, tag: str | None) -> bool:
    if tag is None:
        return _unknown_noun(word, tag) or word.isascii()
    return tag in MODIFIER_TAGS and tag not in STOP_TAGS


def _glued_preposition(word: str, tag: str | None) -> bool:
    """Whether a word jieba's HMM made (no tag) ends in a preposition or conjunction (拟以, 达至, 将于: a verb
    or adverb glued to the word that links a number), or opens with a conjunction (若相比): never a noun.  A
    preposition may open one (同店, 自播, 在建: compounds the dictionary lacks)."""
    return tag is None and len(word) > 1 and (lexicon().tag(word[-1]) in FUNCTION_END_TAGS
                                              or lexicon().tag(word[0]) == "c")


def _unknown_noun(word: str, tag: str | None) -> bool:
    """Whether a word jieba's HMM made (no tag) may be a noun: two characters or more, not ending in
    a preposition or conjunction (拟以, 将于, 并对 are a verb or adverb glued to a preposition)."""
    return tag is None and len(word) > 1 and not _glued_preposition(word, tag)


def _han_or_latin(ch: str) -> bool:
    return ch.isalnum() and not ch.isdigit()

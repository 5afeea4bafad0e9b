"""What a figure is of, read after it: the thing a count counts, the thing a sum prices, what a sum is spent on.

**Counted.**  A count with a classifier also measures the thing it counts
when that is written right after it (``482个重点工程``, ``5120张货架``): a
noun phrase, with the words that describe its first noun (``网上商户``, a
place: ``42家广东医药企业``) and two nouns a conjunction joins
(``40多个国家和地区``); a run of measure nouns there names a measure of the
things counted (``30家营收增速``); a noun of the level reached
(``迈上500万吨台阶``: measure_words.tsv, level) is no thing counted.
**Priced.**  A sum that qualifies a thing through 的 (``25元以上的果茶新品``)
measures that thing, read as a counted one is.  **Spent on.**  A sum after 以
is the means of a verb that moves money right after it (``以5.2亿元收购``:
measure_words.tsv, money_verb).

Apart from :mod:`zhextract.extract.metrics` because these readings go forward
from the figure's end, over the words that follow it, while that module reads
back from the figure (a measure noun's phrase, the verb or noun before it) and
holds the vocabulary both share (metrics.tsv's measure nouns,
measure_words.tsv).  Which reading names a figure's metric is decided in
:mod:`zhextract.extract.attach`.
"""

from __future__ import annotations

from functools import lru_cache

from zhextract.extract.metrics import COUNTED_CHARS, NOUN_TAGS, _han_or_latin, _modifies, heads, measure_words
from zhextract.extract.names import clause_words
from zhextract.lexicon import Token, lexicon

COUNTED_TAGS = NOUN_TAGS | {"ns", "nt"}  # what a classifier counts may be places (200个城市, 3家上海企业)


def priced_thing(text: str, pos: int, hi: int, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The thing a sum qualifies through 的 (不再推出25元以上的果茶新品: 果茶新品, what is priced), read as a
    counted thing is, when no measure noun or verb names the sum; else None."""
    if pos >= hi or text[pos] not in "的之":
        return None
    return counted(text, pos + 1, hi, taken)


def spent_on(text: str, pos: int, endpos: int, hi: int) -> tuple[int, int] | None:
    """The verb a sum is the means of (拟以不超过3亿元|回购公司股份: 回购; 以5.2亿元|收购): a sum after 以
    followed by a verb that moves money (measure_words.tsv, money_verb), longest verb first; else None."""
    if pos < 1 or text[pos - 1] != "以":
        return None
    window = text[endpos:min(hi, endpos + 4)]
    verbs = [v for v in measure_words().money_verbs if len(v) > 1 and window.startswith(v)]
    if not verbs:
        return None
    return endpos, endpos + max(map(len, verbs))


def counted(text: str, pos: int, hi: int, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The noun phrase right after a count's classifier (482个|重点工程), or None: nouns, with the
    words that describe them before the first one."""
    end = min(hi, pos + COUNTED_CHARS)
    lex = lexicon()
    for s, e in taken:
        if pos <= s < end and not (s == pos and lex.tag(text[s:e]) == "ns"):
            end = s  # a name ends the phrase, but a place may open it (42家|广东|医药企业)
    if end <= pos or not _han_or_latin(text[pos]):
        return None
    measures = _measures_at(text, pos, end)
    if measures > pos:
        return pos, measures  # 30家|营收增速均有所抬升: firms counted by a measure of theirs, which it names
    past = min(hi, end + COUNTED_OVERRUN) if end == pos + COUNTED_CHARS else end  # a word cut by the reach
    length = _counted_length(text[pos:past], end - pos)
    return (pos, pos + length) if length else None


def _measures_at(text: str, pos: int, end: int) -> int:
    """The end of the run of measure nouns of metrics.tsv that starts at ``pos`` (营收|增速), else ``pos``."""
    at = pos
    for s, e, _, _ in heads().find(text, pos, end):
        if s != at:
            break
        at = e
    return at


COUNTED_OVERRUN = 4  # characters read past the reach, so that a word it cuts is seen whole and left out


@lru_cache(maxsize=8192)
def _counted_length(window: str, reach: int) -> int:
    """How many characters at the start of ``window`` are the noun phrase of a counted thing (0: none).

    Words of measure_words.tsv's modifiers may open it (网上|商户, 海外|门店); a conjunction joins two nouns
    into one thing counted (40多个|国家和地区); a noun that names a level reached (迈上100万辆|台阶, 突破
    1000家|大关: role level) is no thing counted.  ``reach``: the characters that may be read; the window runs
    a little past it, so that a word the reach would cut is left out whole."""
    mw = measure_words()
    last = 0
    at = 0
    before_join = -1  # the length before a conjunction, when one was read
    tokens = lexicon().tokens(window, hmm=False)
    cut = False  # whether a word runs past the reach
    for i, tok in enumerate(tokens):
        cut = tok.end > reach
        if tok.start != at or cut:
            break
        if tok.tag in COUNTED_TAGS or (tok.tag is None and len(tok.word) > 1):
            last = tok.end  # (200个城市: jieba tags 城市 as a place name)
        elif _joins_nouns(tokens, i, last == at):
            before_join = last
        elif last == at and tok.tag == "a" and i + 1 < len(tokens) and tokens[i + 1].tag in COUNTED_TAGS:
            pass  # 医疗|健康|领域: an adjective between two nouns is a part of the phrase
        elif not ((_modifies(tok.word, tok.tag) or tok.word in mw.modifiers) and last == 0):
            break
        at = tok.end
    if before_join >= 0 and (cut or last == len(window)):
        last = before_join  # 高校及部分外地院|校: the second noun runs past what is read; keep the first
    return 0 if last and _names_level(window[:last]) else last


def _joins_nouns(tokens: list[Token], i: int, after_noun: bool) -> bool:
    """Whether token ``i`` is a conjunction between two nouns (国家|和|地区), which make one thing counted."""
    return after_noun and tokens[i].tag == "c" and i + 1 < len(tokens) and tokens[i + 1].tag in COUNTED_TAGS \
        and tokens[i + 1].word not in clause_words()["indefinite"]  # 高校及|部分|外地院校: a group of its own


def _names_level(counted_phrase: str) -> bool:
    """Whether a noun read after a count names the level it reaches (台阶, 大关, 水平), not what it counts."""
    return any(counted_phrase.endswith(w) for w in measure_words().levels)

"""The quantity grammar: money, counts, percentages, multiples and durations.

One pass over the clean text decides for every numeral whether it is a date
(the date grammar already claimed its span), a quantity, or neither.

How a quantity is read
    ``[approx] [currency] NUMBER [magnitude] [approx] [unit] [- NUMBER [magnitude] [unit]] [approx]``
    e.g. ``超过5000亿``, ``人民币100亿元``, ``3000多亿``, ``9000亿元至9700亿元``,
    ``200-300万元`` (the magnitude applies to both ends), ``100个粉丝``,
    ``10%左右``, ``两年多``.  NUMBER is Arabic (``1,234.5``), Chinese
    (``两千五百万``), mixed (``1.5万亿``) or a pair of Chinese digits counting up
    (``三四家`` = 3 to 4, approx about).  Two more forms: ``百分之三十`` and a
    bare magnitude after an approximation word (``上亿``, ``过万``, ``近百年``).
    Units, magnitudes and approximation words come from ``data/units.tsv``,
    ``data/magnitudes.tsv`` and ``data/approx.tsv``; context cues from
    ``data/number_cues.tsv``.

What is reported (the documented rules)
    * A number needs a unit, a magnitude or a currency sign: a bare ``116`` or
      ``2.0`` is never a quantity (event names, versions, list items, scores
      of a match).  A magnitude alone is reported with unit null and kind
      count; its metric can make it money (``市值超过2000亿``, see attach.py).
      One exception: a bare Arabic number right after a price noun
      (role price_before of number_cues.tsv) is a price in 元 (``售价4999起``).
    * Mixed notation is one figure: ``2万6,418辆`` = 26418, ``1亿2000万元``;
      a magnitude that scales money only (``兆`` = 10^12 in Taiwan) counts
      only before a money unit (``44.8兆元``; ``300兆瓦`` and ``兆赫`` are mega).
    * Vague sizes are skipped: ``几万``, ``数十万``, ``成千上万`` have no figure
      (role vague_before of number_cues.tsv, idioms in not_quantities.txt);
      so is a magnitude with no numeral and no approximation (``百万粉丝``,
      ``亿级``).  ``上万``/``过亿``/``近百`` keep theirs as a bound (over /
      under); ``十几万`` is the range 110000-190000, approx about.
    * ``一`` before a measure word or a duration is an indefinite article
      (``一个选择``, ``一场豪赌``, ``特殊的一年``), not a figure, unless an
      approximation makes it one (``近一年``, ``一年多``, ``不到一个星期``);
      ``一倍``, ``一成``, ``一万`` are quantities.
    * Scores (``分``) take Arabic digits only: after a Chinese numeral 分 is
      ``十分`` ("very").
    * Durations followed by 前/后 (``两年前``) are relative dates, not
      quantities; ``N年`` that is a year (``2020年``, ``20年3月``) belongs to
      the date grammar.
    * Masked before matching: date spans, ordinals (``第11年``), names and
      words of ``data/not_quantities.txt`` and ``data/festivals.tsv``, event
      names (``116品质购物节``), vague sizes, URLs, e-mails, phone numbers,
      section numbers at a line start (``1.2.``).  Codes that glue digits to
      Latin letters (``5G``, ``36k``, ``iPhone13``, ``COVID-19``) need no
      mask: no unit follows their digits, so they are bare numbers; a
      magnitude or unit still makes a quantity (``GMV1758亿元``, ``100GB``).
    * A number right after 第/这/那/每/某 (role not_before) is not a quantity.

Values are computed with Decimal and written as int when integral, else
float, in base units: ``1758亿元`` -> 175800000000 (unit 元), ``6成`` -> 60 (%).

Speed: word lists become tries (one decision per character instead of a
hundred alternatives), lookbehinds are fixed-width, and the full grammar is
entered only where a cheap scan finds a possible start.  Each pattern is
compiled by the engine measured fastest for it (benchmarks/numbers_speed.py):
the standard ``re`` for tries, the grammar itself and the scan for candidates
(which opens with a class of first characters), the ``regex`` module for
scans that open with a lookbehind, which it skips through much faster.

Where the parts live
    :mod:`.number_words` holds the words of ``data/`` the grammar is built
    from (units, magnitudes, approximation words, cues) and the helpers that
    turn word lists into patterns; :mod:`.number_masks` finds what the grammar
    must never read as a quantity; :mod:`.number_grammar` compiles the one
    pattern and its candidate scan; this module runs them over a text and
    reads each match into a :class:`Quantity`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from zhextract.extract.number_grammar import _Grammar, grammar
from zhextract.extract.number_words import _ASCII_LETTER, MASK, Unit, approx_words, cues, magnitudes, units
from zhextract.extract.numerals import DIGITS, cn_pair, cn_to_int


@dataclass
class Quantity:
    """One quantity of the clean text; attachment fills metric, subject, period."""

    text: str
    pos: int
    endpos: int
    value: int | float
    value_max: int | float | None
    unit: str | None
    kind: str
    approx: str | None
    currency: str | None = None
    metric: str | None = None
    metric_group: str | None = None
    change: str | None = None
    subject: str | None = None
    subject_basis: str | None = None
    period: dict[str, Any] | None = None
    metric_span: tuple[int, int] | None = None  # where the metric stands in the text (not in the output)
    metric_head: tuple[int, int] | None = None  # where its measure noun stands, when it has one

    @property
    def bare(self) -> bool:
        """A magnitude without unit (``5.7亿``): its metric decides money or count."""
        return self.unit is None and self.kind == "count"

    def measured_by(self, kinds: frozenset[str]) -> bool:
        """Whether a head noun measuring ``kinds`` (metrics.tsv) can be this figure's metric: a magnitude
        without unit (5.7亿) may be money or a count, as its head says."""
        return self.kind in kinds or (self.bare and bool(kinds & {"money", "count"}))

    def to_json(self, sentence: str) -> dict[str, Any]:
        return {
            "text": self.text,
            "value": self.value,
            "value_max": self.value_max,
            "unit": self.unit,
            "kind": self.kind,
            "approx": self.approx,
            "currency": self.currency,
            "metric": self.metric,
            "metric_group": self.metric_group,
            "change": self.change,
            "subject": self.subject,
            "subject_basis": self.subject_basis,
            "period": self.period,
            "sentence": sentence,
            "span": [self.pos, self.endpos],
        }


# ------------------------------------------------------------------ finding
def masked_text(text: str, claimed: Iterable[tuple[int, int]]) -> str:
    """``text`` with date spans and non-quantities replaced by MASK, offsets kept."""
    spans = sorted([*claimed, *grammar().mask.spans(text)])
    if not spans:
        return text
    out: list[str] = []
    last = 0
    for s, e in spans:
        s = max(s, last)
        if e <= s:
            continue
        out.append(text[last:s])
        out.append(MASK * (e - s))
        last = e
    out.append(text[last:])
    return "".join(out)


def find_numbers(text: str, claimed: Iterable[tuple[int, int]] = ()) -> list[Quantity]:
    """Quantities of ``text``, never inside the spans ``claimed`` by the date grammar."""
    masked = masked_text(text, claimed)
    g = grammar()
    out: list[Quantity] = []
    pos = 0
    search, match = g.candidates.search, g.pattern.match
    # Like pattern.finditer, but the big pattern is entered only where a quantity
    # can start, and the scan resumes after what was read (a failed range gives
    # back its second half).
    while (c := search(masked, pos)) is not None:
        m = match(masked, c.start())
        if m is None or m.end() == m.start():
            pos = c.start() + 1
            continue
        groups = _Groups(m, g.index)
        if groups.group("pct") is not None:
            q = _percent_words(groups)
        elif groups.group("frac") is not None:
            q = _fraction(groups)
        elif groups.group("bare") is not None:
            q = _bare(groups)
        else:
            q = _quantity(groups, masked)
        if q is None:  # nothing here; a range's second number may still be read on its own
            pos = groups.end("sep") if groups.group("sep") is not None else m.end()
            continue
        pos = q.endpos
        if groups.group("bare") is None:
            q.pos, q.approx = _with_pre(g, masked, q)
        q.text = text[q.pos:q.endpos]
        out.append(q)
    return _shared_rates(text, masked, out)


SHARED_RATE_KINDS = ("percent", "percentage_point")
SHARED_REACH = 16  # characters of a number and its join read back from the rate after it


@lru_cache(maxsize=1)
def _shared_before() -> re.Pattern[str]:
    """A number without unit and a join of number_cues.tsv (shared_join) at the end of a stretch."""
    joins = "|".join(map(re.escape, cues()["shared_join"]))
    return re.compile(rf"(?<![\d.,．])(\d+(?:\.\d+)?)(?:{joins})$")


def _shared_rates(text: str, masked: str, found: list[Quantity]) -> list[Quantity]:
    """``found`` and the numbers without unit listed before a rate that share its unit (分别上升16.2及13.4个
    百分点: 16.2 points too; 增长12.5、8.3%): the grammar reads a number alone only with a unit."""
    added: list[Quantity] = []
    floor = 0
    for q in found:
        anchor = q
        while q.kind in SHARED_RATE_KINDS and anchor.pos - floor > 1:
            m = _shared_before().search(masked, max(floor, anchor.pos - SHARED_REACH), anchor.pos)
            if m is None:
                break
            value = _arabic(m.group(1))
            if value is None:
                break
            anchor = Quantity(text[m.start(1):m.end(1)], m.start(1), m.end(1), _plain(value), None, q.unit, q.kind,
                              None)
            added.append(anchor)
        floor = q.endpos
    return sorted([*found, *added], key=lambda x: x.pos) if added else found


def _with_pre(g: _Grammar, masked: str, q: Quantity) -> tuple[int, str | None]:
    """Extend ``q`` back over an approximation word written before it (超过5000亿, 约 30%)."""
    pos = q.pos
    if pos > 0 and masked[pos - 1] == " ":
        pos -= 1
    if pos == 0 or masked[pos - 1] not in g.pre_last:
        return q.pos, q.approx
    for n in range(min(g.pre_max, pos), 0, -1):
        approx = g.pre_words.get(masked[pos - n:pos])
        if approx is not None and not any(masked.startswith(c, pos - len(c)) for c in g.pre_compounds):
            return pos - n, q.approx or approx
    return q.pos, q.approx


class _Groups:
    """A match's groups by name, read once (``groups()`` is one call, ``group(name)`` one per name)."""

    __slots__ = ("_index", "_regs", "_values")

    def __init__(self, m: re.Match[str], index: dict[str, int]) -> None:
        self._index = index
        self._values = m.groups()
        self._regs = m.regs

    def group(self, name: str) -> str | None:
        return self._values[self._index[name] - 1]

    def start(self, name: str) -> int:
        return int(self._regs[self._index[name]][0])

    def end(self, name: str | None = None) -> int:
        return int(self._regs[self._index[name] if name else 0][1])


# ------------------------------------------------------------------ building
def _plain(d: Decimal) -> int | float:
    """int when integral, else the shortest float (no binary artefacts from Decimal)."""
    if d == d.to_integral_value():
        return int(d)
    return float(d.normalize())


def _arabic(s: str) -> Decimal | None:
    try:
        return Decimal(s.replace(",", "").replace("，", "").replace("．", "."))
    except InvalidOperation:
        return None


def _cn_decimal(s: str) -> Decimal | None:
    """``三点五`` -> 3.5, ``三十`` -> 30, ``百`` -> 100 (for 百分之...)."""
    if s[:1].isdigit():
        return _arabic(s)
    whole, _, frac = s.partition("点")
    # digit by digit before a decimal point (五〇五七点四亿) is a figure, not a code: read as such
    n = cn_to_int(whole, digit_strings=bool(frac)) if whole else 0
    if n is None:
        return None
    if not frac:
        return Decimal(n)
    return Decimal(f"{n}.{''.join(str(DIGITS[c]) for c in frac)}")


def _raw(m: _Groups, i: str) -> str | None:
    return m.group(f"ar{i}") or m.group(f"cn{i}")


def _is_scaled(m: _Groups, i: str) -> bool:
    """Whether number ``i`` carries a magnitude (1.5亿, 两千五百万, 3000多亿)."""
    cn = m.group(f"cn{i}")
    return bool(m.group(f"mag{i}") or m.group(f"magb{i}") or (cn and ("万" in cn or "亿" in cn)))


def _scale(m: _Groups, i: str) -> Decimal:
    word = m.group(f"mag{i}") or m.group(f"magb{i}")
    return magnitudes()[word] if word else Decimal(1)


def _numeral(m: _Groups, i: str) -> tuple[Decimal, Decimal | None] | None:
    """Value of number ``i`` with its magnitude: (low, high); high is set for 三四家 and 十几."""
    mid = m.group(f"mid{i}")
    high: Decimal | None = None
    arabic = m.group(f"ar{i}")
    if arabic is not None:
        low = _arabic(arabic)
        if low is None or mid == "几" or (m.group(f"mag{i}") and m.group(f"magb{i}")):
            return None
        rest = _mixed_rest(m, i)
        if rest:
            if m.group(f"magb{i}") or mid:
                return None  # 2万6,418万: no figure
            low = low * _scale(m, i) + rest
            return (-low if m.group(f"neg{i}") else low), None
        if m.group(f"neg{i}"):
            low = -low
    else:
        raw = m.group(f"cn{i}") or ""
        pair = cn_pair(raw)
        if pair:
            low, high = Decimal(pair[0]), Decimal(pair[1])
        elif "点" in raw:
            decimal = _cn_decimal(raw)
            if decimal is None or mid:
                return None
            low = decimal
        else:
            n = cn_to_int(raw, digit_strings=False)
            if n is None:
                return None
            low = Decimal(n)
            if mid == "几":
                if not raw.endswith("十"):
                    return None
                low, high = low + 1, low + 9
    scale = _scale(m, i)
    return low * scale, (high * scale if high is not None else None)


_ZERO = Decimal(0)


def _mixed_rest(m: _Groups, i: str) -> Decimal:
    """The lower digits of a figure in mixed notation (3万|8,293, 1亿|2000万, 3兆|1,326亿): their value, 0 when
    none."""
    yi, wan, rest = m.group(f"yi{i}"), m.group(f"wan{i}"), m.group(f"rest{i}")
    if yi is None and wan is None and rest is None:  # most figures: no Decimal arithmetic on zeros
        return _ZERO
    return (Decimal(int((yi or "0").replace(",", "").replace("，", ""))) * 10**8 + Decimal(int(wan or 0)) * 10000
            + Decimal(int((rest or "0").replace(",", "").replace("，", ""))))


_APPROX_POSITION = {"mid1": "middle", "mid2": "middle", "post": "after", "ppost": "after", "bpre": "bare",
                    "bpost": "after", "fpost": "after", "afpost": "after"}


def _approx(m: _Groups, *groups: str) -> str | None:
    words = approx_words()
    for name in groups:
        w = m.group(name)
        if w and w in words[_APPROX_POSITION[name]]:
            return words[_APPROX_POSITION[name]][w]
        if w == "几":
            return "about"
    return None


def _quantity(m: _Groups, masked: str, single: bool = False) -> Quantity | None:
    """The main form: [currency] number [unit] [range] [approx]; the approximation before is added later.

    A range that does not hold (25%至1200亿元: two units; 50-30: downwards)
    falls back to its first number alone (``single``); the scan resumes after it.
    """
    after, before = units()
    ranged = not single and m.group("sep") is not None
    u1, u2 = m.group("u1"), (m.group("u2") if ranged else None)
    unit_word = u2 or u1
    cur = before[m.group("cur") or ""] if m.group("cur") else None
    unit = after[unit_word] if unit_word else None
    if unit_word is None and cur is None and not (_is_scaled(m, "1") or (ranged and _is_scaled(m, "2"))):
        # a bare number: no unit, magnitude or currency (cheap test first: most matches end here)
        if not _priced(m, masked):
            return None
        unit = after["元"]
    raw = _raw(m, "1") or ""
    if unit is not None and unit.arabic_only and m.group("cn1") is not None:
        return None  # 十分 is "very"
    if unit is not None and unit.level_only and not _level_shaped(raw):
        return None  # 8点 is a clock time; 380.9点, 3050点 are the level of an index
    first = _numeral(m, "1")
    if first is None:
        return None
    low, high = first
    value_max = high
    if ranged:
        second = _numeral(m, "2")
        if second is None or (u1 and u2 and after[u1].unit != after[u2].unit) or (m.group("cur2") and (
                cur is None or before[m.group("cur2") or ""].currency != cur.currency)):
            return _quantity(m, masked, single=True)  # 25%至1200亿元, ￥50~$80
        low2, high2 = second
        if not _is_scaled(m, "1") and _is_scaled(m, "2") and not u1:
            low *= _scale(m, "2")  # 200-300万元: the magnitude applies to both ends
        value_max = high2 if high2 is not None else low2
        if value_max <= low:
            return _quantity(m, masked, single=True)
    end = m.end() if not single else max(m.end(g) for g in _FIRST_PART if m.group(g) is not None)
    if not _unit_fits(m, masked, raw, unit, ranged, end):
        return None
    if _model_number(m, masked, unit):
        return None
    kind, unit_out, currency, factor = "count", None, None, Decimal(1)
    if unit is not None:
        kind = "count" if unit.kind == "noun" else unit.kind
        unit_out, currency, factor = unit.unit, unit.currency, unit.factor
    for tail in (m.group("tail1"), m.group("tail2") if ranged else None):
        if tail and (unit is None or before[tail].currency != unit.currency):
            return None  # 100元美元
    if cur is not None:
        if unit is not None and unit.kind != "money":
            return None  # ￥3天
        kind, currency = "money", cur.currency
        unit_out = unit_out or cur.unit
    noun = (m.group("noun2") if ranged else None) or m.group("noun1")
    if noun:
        unit_out = after[noun].unit  # 100个粉丝: the counted noun is the unit
    approx = _approx(m, "mid1", "mid2", "post") if not single else _approx(m, "mid1")
    if approx is None and unit_word and "多" in unit_word:
        approx = "over"  # 两个多月: 个多月 is spelled as one unit
    if value_max is not None and approx is None and not ranged:
        approx = "about"  # 三四家, 十几万
    if unit is not None and unit.kind in ("duration", "multiple"):  # 一年半, 两个半小时, 两倍半: half a unit more
        low += Decimal("0.5") if "半" in (u1 or "") else 0
        if value_max is not None and "半" in (unit_word or ""):
            value_max += Decimal("0.5")
    start = m.start("cur") if m.group("cur") else m.start("neg1") if m.group("neg1") else \
        m.start("ar1") if m.group("ar1") else m.start("cn1")
    return Quantity("", start, end, _plain(low * factor),
                    _plain(value_max * factor) if value_max is not None else None,
                    unit_out, kind, approx, currency)


_FIRST_PART = ("ar1", "cn1", "mag1", "wan1", "rest1", "mid1", "magb1", "u1", "noun1", "tail1")


def _unit_fits(m: _Groups, masked: str, raw: str, unit: Unit | None, ranged: bool, end: int) -> bool:
    """Rules that depend on the unit: indefinite 一, relative dates, years."""
    if unit is None:
        return True
    if unit.kind in ("count", "measure", "noun", "duration") and raw == "一" and not ranged \
            and not _approx(m, "mid1", "post") and not any(c in (m.group("u1") or "") for c in "多半") \
            and not _has_pre(masked, m.start("cn1")):
        return False  # 一个 / 一场 / 特殊的一年: an indefinite article
    if unit.kind == "duration":
        return _duration_ok(m, masked, raw, unit, end)
    return True


def _priced(m: _Groups, masked: str) -> bool:
    """A bare Arabic number right after a price noun is a price though no unit follows (新机售价4999起,
    价格3999-4599): the noun says it is money (number_cues.tsv, price_before).  Only Arabic digits, with no
    magnitude (those are read anyway) and not a model name glued to Latin letters (价格iPhone15)."""
    at = m.start("ar1")
    if m.group("ar1") is None or at < 1 or (masked[at - 1] == " " and at < 2):
        return False
    g = grammar()
    if masked[at - 1] not in g.price_last and masked[at - 2] not in g.price_last:
        return False
    return g.price_before.search(masked, max(0, at - 8), at) is not None


def _model_number(m: _Groups, masked: str, unit: Unit | None) -> bool:
    """``iPhone 15用户``, ``Mate 60用户``: digits after a Latin word are a model's name, not a count.

    Only a count without magnitude or currency: ``GMV 1000亿元`` and a measure
    (``Pro 256GB``) stay quantities.
    """
    if m.group("ar1") is None or m.group("cur") or m.group("mag1") or m.group("magb1"):
        return False
    if unit is not None and unit.kind not in ("noun", "count"):
        return False
    i = m.start("ar1")
    if i > 0 and masked[i - 1] == " ":
        i -= 1
    return i > 0 and bool(_ASCII_LETTER.match(masked[i - 1]))


def _has_pre(masked: str, pos: int) -> bool:
    g = grammar()
    return any(masked[max(0, pos - n):pos] in g.pre_words for n in range(1, g.pre_max + 1)) \
        and not any(masked.startswith(c, pos - len(c)) for c in g.pre_compounds)


def _duration_ok(m: _Groups, masked: str, raw: str, unit: Unit, end: int) -> bool:
    """A duration is not a relative date (两年前) and N年 is not a year (2020年, 20年3月)."""
    g = grammar()
    unit_end = m.end("u2") if m.group("u2") and end == m.end() else m.end("u1")
    if g.relative_after.match(masked, unit_end) or g.relative_after.match(masked, end):
        return False
    if unit.unit == "年":
        if raw.isdigit() and len(raw) == 4:
            return False
        if g.year_tail.match(masked, unit_end):
            return False
    return True


def _percent_words(m: _Groups) -> Quantity | None:
    """百分之三十, 百分之十二点五, 百分之三十到四十."""
    low = _cn_decimal(m.group("pn1") or "")
    if low is None:
        return None
    value_max = None
    if m.group("pn2"):
        value_max = _cn_decimal(m.group("pn2") or "")
        if value_max is None or value_max <= low:
            return None
    return Quantity("", m.start("pct"), m.end(), _plain(low), _plain(value_max) if value_max is not None else None,
                    "%", "percent", _approx(m, "ppost"))


def _fraction(m: _Groups) -> Quantity | None:
    """三分之一, 千分之三, 1/3: a share, written as a percentage (三分之一 -> 33.3333 %)."""
    if m.group("afn") is not None:
        num, den = Decimal(m.group("afn") or "0"), Decimal(m.group("afd") or "0")
        post = "afpost"
    else:
        written = m.group("fden") or ""
        den = Decimal(cn_to_int(("一" if written[0] in "十百千万亿" else "") + written, digit_strings=False) or 0)
        num = _cn_decimal(m.group("fnum") or "") or Decimal(0)
        post = "fpost"
    if not 0 < num < den:
        return None
    value = (num / den * 100).quantize(Decimal("0.0001")).normalize()
    return Quantity("", m.start("frac"), m.end(), _plain(value), None, "%", "percent", _approx(m, post))


def _level_shaped(raw: str) -> bool:
    """Whether an Arabic number reads as the level of an index: with decimals, or three digits or more."""
    digits = raw.replace(",", "").replace("，", "")
    return "." in digits or "．" in digits or sum(c.isdigit() for c in digits) >= 3


def _bare(m: _Groups) -> Quantity | None:
    """上亿, 过万, 近百年: the magnitude is the bound."""
    after, _ = units()
    value = magnitudes()[m.group("bmag") or ""]
    unit = after[m.group("bu") or ""] if m.group("bu") else None
    kind, unit_out, currency = "count", None, None
    if unit is not None:
        if unit.arabic_only:
            return None
        kind, unit_out, currency = ("count" if unit.kind == "noun" else unit.kind), unit.unit, unit.currency
        value *= unit.factor
        if m.group("nounb"):
            unit_out = after[m.group("nounb") or ""].unit
    return Quantity("", m.start("bpre"), m.end(), _plain(value), None, unit_out, kind, _approx(m, "bpre"), currency)

"""The quantity grammar: money, counts, percentages and multiples.

One pass over the clean text finds every number and decides whether it is a
quantity, a date (the date grammar already claimed its span) or neither
(ordinals, event and brand names, codes, phone numbers, URLs).  Each quantity
gets its value in base units (``1758亿元`` -> 175800000000 元), its kind,
whether it is approximate, and the metric, subject and period it belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

import regex

from zhextract.extract.numerals import CN_NUMERAL_CHARS, cn_to_int
from zhextract.resources import read_list, read_table

MAGNITUDES = {"万亿": Decimal(10) ** 12, "千亿": Decimal(10) ** 11, "百亿": Decimal(10) ** 10,
              "十亿": Decimal(10) ** 9, "亿": Decimal(10) ** 8, "千万": Decimal(10) ** 7,
              "百万": Decimal(10) ** 6, "十万": Decimal(10) ** 5, "万": Decimal(10) ** 4, "千": Decimal(10) ** 3}
CURRENCIES = {"元": "CNY", "人民币": "CNY", "块": "CNY", "美元": "USD", "港元": "HKD", "港币": "HKD",
              "欧元": "EUR", "日元": "JPY", "英镑": "GBP"}
KINDS = ("money", "percent", "percentage_point", "multiple", "count", "duration", "score")

_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CN = rf"[{CN_NUMERAL_CHARS}]{{2,}}|[一二两三四五六七八九十]"
_MAG = r"万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千"
_APPROX_PRE = r"(?P<pre>大约|约|近|将近|接近|超过|超|逾|不足|不到|多达|高达|达|约合)?"
_APPROX_MID = r"(?P<mid>多|余)?"
_COUNTERS = (r"个百分点|百分点|%|％|倍|成|元|美元|港元|港币|欧元|日元|英镑|人民币|块|家|条|个|人|次|单|件|名|位|款|"
             r"台|辆|项|只|部|场|份|张|篇|户|座|所|粉丝|分|岁|公里|千米|米|吨|平方米|小时|分钟|天|个月|周|年")
_UNIT = rf"(?P<unit>{_COUNTERS})"
_APPROX_POST = r"(?P<post>左右|上下|以上|以下|多)?"

_QUANTITY = regex.compile(
    rf"{_APPROX_PRE}(?P<num>{_NUM}|{_CN})(?P<mag1>{_MAG})?{_APPROX_MID}"
    rf"(?:\s*(?:至|到|-|~|～|—)\s*(?P<num2>{_NUM}|{_CN})(?P<mag2>{_MAG})?)?"
    rf"(?P<mag>{_MAG})?{_APPROX_MID.replace('mid', 'mid2')}(?P<cur>美元|港元|亿元|万元)?{_UNIT}?{_APPROX_POST}"
)
_PERCENT_WORDS = regex.compile(rf"百分之(?P<num>{_NUM}|[{CN_NUMERAL_CHARS}点]+)")
_SKIP_BEFORE = regex.compile(r"(第|[A-Za-z]|\d[.．]?)$")


@dataclass
class Quantity:
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
    subject: str | None = None
    period: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self, sentence: str) -> dict[str, Any]:
        out: dict[str, Any] = {
            "text": self.text,
            "value": self.value,
            "value_max": self.value_max,
            "unit": self.unit,
            "kind": self.kind,
            "approx": self.approx,
            "currency": self.currency,
            "metric": self.metric,
            "subject": self.subject,
            "period": self.period,
            "sentence": sentence,
            "span": [self.pos, self.endpos],
        }
        return out


def _number(s: str) -> Decimal | None:
    s = s.replace(",", "")
    try:
        return Decimal(s)
    except InvalidOperation:
        n = cn_to_int(s)
        return Decimal(n) if n is not None else None


def _plain(d: Decimal) -> int | float:
    d = d.normalize()
    if d == d.to_integral_value():
        return int(d)
    return float(d)


@lru_cache(maxsize=1)
def _not_quantities() -> regex.Pattern[str]:
    names = sorted(read_list("not_quantities.txt"), key=len, reverse=True)
    return regex.compile("|".join(regex.escape(n) for n in names))


@lru_cache(maxsize=1)
def _metrics() -> tuple[regex.Pattern[str], dict[str, str]]:
    spelled: dict[str, str] = {}
    for row in read_table("metrics.tsv", 2):
        for s in row.items(1):
            spelled.setdefault(s, row[0])
    pattern = regex.compile("|".join(regex.escape(s) for s in sorted(spelled, key=len, reverse=True)))
    return pattern, spelled


_APPROX = {"约": "about", "大约": "about", "约合": "about", "左右": "about", "上下": "about",
           "近": "under", "将近": "under", "接近": "under", "不足": "under", "不到": "under", "以下": "under",
           "超过": "over", "超": "over", "逾": "over", "多": "over", "余": "over", "以上": "over"}


def _excluded_spans(text: str, claimed: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = list(claimed)
    spans += [(m.start(), m.end()) for m in _not_quantities().finditer(text)]
    spans += [(m.start(), m.end()) for m in _NOT_NUMBERS.finditer(text)]
    return spans


_NOT_NUMBERS = regex.compile(
    r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+"  # URLs, emails
    r"|(?<!\d)(?:0\d{2,3}-?\d{7,8}|1[3-9]\d{9}|400-?\d{3}-?\d{4})(?!\d)"  # phone numbers
    r"|^\s*\d+(?:\.\d+)*[.、]"  # section numbers at a line start
    r"|\d+(?=购物节|周年|号店)"  # event names and codes
    r"|[A-Za-z]+\d+[A-Za-z\d]*|\d+[A-Za-z]+\d*(?![A-Za-z]*\p{Han}*端)",
    regex.MULTILINE,
)


def find_numbers(text: str, claimed: list[tuple[int, int]]) -> list[Quantity]:
    """Quantities in ``text``, skipping spans ``claimed`` by the date grammar."""
    excluded = _excluded_spans(text, claimed)
    out: list[Quantity] = []

    def blocked(a: int, b: int) -> bool:
        return any(a < e and s < b for s, e in excluded)

    for m in _QUANTITY.finditer(text):
        num_start = m.start("num")
        if blocked(num_start, m.end("num")):
            continue
        if _SKIP_BEFORE.search(text, max(0, num_start - 2), num_start):
            continue
        q = _build(m)
        if q is not None:
            out.append(q)
    for m in _PERCENT_WORDS.finditer(text):
        raw = m.group("num")
        if "点" in raw:
            whole, _, frac = raw.partition("点")
            value = _number(whole)
            if value is not None and frac:
                value += Decimal("0." + "".join(str(cn_to_int(c) or 0) for c in frac))
        else:
            value = _number(raw)
        if value is None or blocked(m.start(), m.end()):
            continue
        out.append(Quantity(m.group(), m.start(), m.end(), _plain(value), None, "%", "percent", None))
    out.sort(key=lambda q: q.pos)
    return out


def _build(m: regex.Match[str]) -> Quantity | None:
    g = m.groupdict()
    num = _number(g["num"])
    if num is None:
        return None
    unit = g.get("unit")
    cur = g.get("cur")
    mag = g.get("mag") or g.get("mag1")
    is_cn = not g["num"][0].isdigit()
    # A bare number with no unit, magnitude or approximation is not reported.
    if not (unit or cur or mag or (g.get("pre") and g.get("num2"))):
        return None
    if is_cn and not (unit or mag or cur):
        return None
    if is_cn and len(g["num"]) == 1 and unit in ("个", "条", "家", "件", "名", "位", "次", "天", "年", "周", "成"):
        if g["num"] in "一两":
            return None  # 一个 / 两家: ordinary prose, not a reported figure
    if unit in ("年",) and not (g.get("pre") or g.get("post")) and not is_cn:
        return None  # years belong to the date grammar; "10年" as a duration needs context
    scale = MAGNITUDES.get(mag or "", Decimal(1))
    if cur in ("亿元", "万元"):
        scale = MAGNITUDES[cur[0]]
        unit = "元"
    elif cur in ("美元", "港元"):
        unit = cur
    value = num * scale
    value_max = None
    if g.get("num2"):
        n2 = _number(g["num2"])
        if n2 is None:
            return None
        scale2 = MAGNITUDES.get(g.get("mag2") or mag or "", Decimal(1))
        if cur in ("亿元", "万元"):
            scale2 = MAGNITUDES[cur[0]]
        value_max = n2 * scale2
        if g.get("mag1") and not g.get("mag2") and not g.get("mag"):
            value_max = n2 * scale
    approx = None
    for key in ("pre", "mid", "mid2", "post"):
        word = g.get(key)
        if word and word in _APPROX:
            approx = _APPROX[word]
    kind, unit_out, currency = _kind(unit)
    if kind == "percent" and unit == "成":
        value = value * 10
        value_max = value_max * 10 if value_max is not None else None
    return Quantity(m.group(), m.start(), m.end(), _plain(value),
                    _plain(value_max) if value_max is not None else None,
                    unit_out, kind, approx, currency)


def _kind(unit: str | None) -> tuple[str, str | None, str | None]:
    if unit is None:
        return "count", None, None
    if unit in CURRENCIES:
        return "money", "元" if CURRENCIES[unit] == "CNY" else unit, CURRENCIES[unit]
    if unit in ("%", "％", "成"):
        return "percent", "%", None
    if unit in ("个百分点", "百分点"):
        return "percentage_point", "个百分点", None
    if unit == "倍":
        return "multiple", "倍", None
    if unit in ("个月", "天", "小时", "分钟", "周", "年"):
        return "duration", unit, None
    if unit == "分":
        return "score", "分", None
    return "count", unit, None


def attach_metric(text: str, q: Quantity, clause: tuple[int, int]) -> str | None:
    """The nearest metric word in the quantity's clause, preferring one before it."""
    pattern, spelled = _metrics()
    before = [mm for mm in pattern.finditer(text, clause[0], q.pos)]
    if before:
        return spelled[before[-1].group()]
    after = pattern.search(text, q.endpos, clause[1])
    return spelled[after.group()] if after else None

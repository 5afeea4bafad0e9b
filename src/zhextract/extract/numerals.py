"""Chinese and Arabic numerals to numbers, shared by the date and number grammars.

Two ways of writing a number in Chinese meet here:

* **positional** numerals, with 十 百 千 inside a section and 万 亿 between
  sections: ``一万一千八百`` = 11800, ``两千五百万`` = 25000000,
  ``三亿五千万`` = 350000000, ``一万亿`` = 10**12;
* **digit by digit**, as years and codes are read out: ``二〇二〇`` = 2020.

Dates accept both; quantities only the first (``一一`` is not eleven things),
which is why :func:`cn_to_int` can be told to refuse digit strings.
Two adjacent digits counting up (``三四家``, ``五六十万``) are the Chinese way
of saying "three or four": :func:`cn_pair` reads them as a range.
"""

from __future__ import annotations

from functools import lru_cache

DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
          "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4,
          "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9}
UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG = {"万": 10_000, "萬": 10_000, "亿": 100_000_000}

_ZERO = {"〇", "零", "○", "Ｏ"}


@lru_cache(maxsize=4096)  # the same few numerals (二, 十二, 两千) come back in every article
def cn_to_int(s: str, digit_strings: bool = True) -> int | None:
    """``十一`` -> 11, ``二十三`` -> 23, ``一万一千八百`` -> 11800, ``二〇二〇`` -> 2020.

    Returns None for strings that are not a well-formed numeral, such as
    ``十三五`` (a plan's name) or ``二百一千``.  With ``digit_strings=False``
    a run of bare digits longer than one (``二〇二〇``, ``一一``) is refused
    too: it is how years and codes are read, never how a count is written.
    """
    if not s:
        return None
    if s.isdigit() and s.isascii():
        return int(s)
    if all(ch in DIGITS for ch in s):  # digit by digit: 二〇二〇
        if len(s) > 1 and not digit_strings:
            return None
        return int("".join(str(DIGITS[ch]) for ch in s))
    return _positional(s)


def _positional(s: str) -> int | None:
    """Positional numeral: sections of 十百千 joined by 万 and 亿."""
    high = 0  # the part already multiplied by 亿
    wan = 0  # the part below 亿 already multiplied by 万
    section = 0  # the part below 万
    digit: int | None = None
    last_unit = 10**9  # 十百千 must decrease inside a section
    for ch in s:
        if ch in _ZERO:
            if digit is not None:
                return None
            continue  # a placeholder: 一千零五
        if ch in DIGITS:
            if digit is not None:
                return None
            digit = DIGITS[ch]
        elif ch in UNITS:
            unit = UNITS[ch]
            if unit >= last_unit:
                return None
            section += (1 if digit is None else digit) * unit
            last_unit = unit
            digit = None
        elif ch == "亿":
            n = wan + section + (digit or 0)
            if n == 0 or high:
                return None
            high = n * BIG["亿"]
            wan = section = 0
            digit = None
            last_unit = 10**9
        elif ch in BIG:  # 万
            n = section + (digit or 0)
            if n == 0 or wan:
                return None
            wan = n * BIG["万"]
            section = 0
            digit = None
            last_unit = 10**9
        else:
            return None
    return high + wan + section + (digit or 0)


def cn_pair(s: str) -> tuple[int, int] | None:
    """``三四`` -> (3, 4), ``五六十万`` -> (500000, 600000), ``两三`` -> (2, 3).

    Two digits counting up by one, then an optional multiplier written as
    units and magnitudes (``十万``).  Anything else is not a pair.
    """
    if len(s) < 2 or s[0] not in DIGITS or s[1] not in DIGITS:
        return None
    a, b = DIGITS[s[0]], DIGITS[s[1]]
    if a == 0 or b != a + 1:
        return None
    rest = s[2:]
    if not rest:
        return a, b
    if rest[0] in DIGITS:
        return None
    scale = _positional("一" + rest)
    if scale is None:
        return None
    return a * scale, b * scale


def to_int(s: str) -> int | None:
    """Arabic or Chinese numeral to int."""
    s = s.strip()
    if s.isascii() and s.isdigit():
        return int(s)
    return cn_to_int(s)

"""Chinese and Arabic numerals to numbers, shared by the date and number grammars."""

from __future__ import annotations

DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
          "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4,
          "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9}
UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG = {"万": 10_000, "亿": 100_000_000}

CN_NUMERAL_CHARS = "".join(DIGITS) + "".join(UNITS) + "".join(BIG)


def cn_to_int(s: str) -> int | None:
    """``十一`` -> 11, ``二十三`` -> 23, ``一万一千八百`` -> 11800, ``二〇二〇`` -> 2020.

    Returns None for strings that are not a well-formed numeral.
    """
    if not s:
        return None
    if s.isdigit() and s.isascii():
        return int(s)
    if all(ch in DIGITS for ch in s):  # digit by digit: 二〇二〇
        return int("".join(str(DIGITS[ch]) for ch in s))
    total = 0
    section = 0
    digit: int | None = None
    for ch in s:
        if ch in DIGITS:
            if digit is not None:
                return None
            digit = DIGITS[ch]
        elif ch in UNITS:
            section += (1 if digit is None else digit) * UNITS[ch]
            digit = None
        elif ch in BIG:
            section += digit or 0
            if section == 0:
                return None
            total += section * BIG[ch]
            section = 0
            digit = None
        else:
            return None
    return total + section + (digit or 0)


def to_int(s: str) -> int | None:
    """Arabic or Chinese numeral to int."""
    s = s.strip()
    if s.isascii() and s.isdigit():
        return int(s)
    return cn_to_int(s)

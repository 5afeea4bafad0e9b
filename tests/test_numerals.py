"""Chinese numerals: positional reading, digit strings, pairs, and a round trip on any integer."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhextract.extract.numerals import cn_pair, cn_to_int, to_int

_DIGITS = "零一二三四五六七八九"


def _section(n: int) -> str:
    """0 < n < 10000 written the standard way: 1005 -> 一千零五, 10 -> 一十 (inside a number)."""
    out = []
    zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // unit % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(_DIGITS[d] + name)
    return "".join(out)


def to_chinese(n: int) -> str:
    """An independent writer of positional Chinese numerals (the inverse of cn_to_int), 0 < n < 10**16."""
    if n >= 10**8:
        high, low = divmod(n, 10**8)
        return to_chinese(high) + "亿" + (("零" if low < 10**7 else "") + to_chinese(low) if low else "")
    if n >= 10**4:
        high, low = divmod(n, 10**4)
        return _section(high) + "万" + (("零" if low < 1000 else "") + _section(low) if low else "")
    return _section(n)


@pytest.mark.parametrize(("written", "value"), [
    ("十一", 11), ("二十三", 23), ("一百零五", 105), ("一千二百", 1200), ("两千五百万", 25_000_000),
    ("一万一千八百", 11_800), ("三亿五千万", 350_000_000), ("一万亿", 10**12), ("一万五千亿", 1_500_000_000_000),
    ("十万", 100_000), ("三千万", 30_000_000), ("四百二十", 420), ("二〇二〇", 2020), ("三十一", 31),
])
def test_reads_numerals(written: str, value: int) -> None:
    assert cn_to_int(written) == value


@pytest.mark.parametrize("written", ["十三五", "二百一千", "百百", "万", "亿", "三三三十", "一二三万", ""])
def test_refuses_malformed_numerals(written: str) -> None:
    assert cn_to_int(written, digit_strings=False) is None


def test_digit_strings_are_for_dates_only() -> None:
    assert cn_to_int("二〇二〇") == 2020
    assert cn_to_int("二〇二〇", digit_strings=False) is None
    assert cn_to_int("一一", digit_strings=False) is None
    assert cn_to_int("七", digit_strings=False) == 7


@pytest.mark.parametrize(("written", "pair"), [
    ("三四", (3, 4)), ("两三", (2, 3)), ("一两", (1, 2)), ("五六十万", (500_000, 600_000)),
    ("三四百", (300, 400)), ("七八", (7, 8)),
])
def test_reads_pairs(written: str, pair: tuple[int, int]) -> None:
    assert cn_pair(written) == pair


@pytest.mark.parametrize("written", ["一一", "三五", "四三", "二十", "三", "三四五"])
def test_refuses_non_pairs(written: str) -> None:
    assert cn_pair(written) is None


def test_to_int_takes_both_scripts() -> None:
    assert to_int(" 2022 ") == 2022
    assert to_int("十二") == 12


@given(st.integers(1, 10**16 - 1))
def test_round_trip(n: int) -> None:
    assert cn_to_int(to_chinese(n), digit_strings=False) == n

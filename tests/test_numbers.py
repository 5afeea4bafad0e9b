"""The quantity grammar and its attachment: table-driven cases, the seeds, properties.

Tables (tests/data):
* numbers_cases.tsv   quantities in context with value/value_max/unit/kind/approx/currency,
                      and traps that must yield nothing;
* numbers_attach.tsv  metric, subject and period of quantities in context;
* numbers_seeds.tsv   every quantity of the four seed articles, checked by hand.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import DATA, SEEDS, load_cases, process
from test_numerals import to_chinese
from zhextract.extract import extract
from zhextract.extract.number_words import KINDS, magnitudes, units
from zhextract.extract.numbers import find_numbers
from zhextract.gazetteer import load_gazetteer
from zhextract.schemas import errors

REFERENCE = dt.date(2022, 3, 4)


@cache
def numbers_of(text: str) -> tuple[dict[str, Any], ...]:
    """The number records of a clean text, as the extract stage writes them."""
    _, numbers = extract(text, REFERENCE, load_gazetteer())
    return tuple(numbers)


def _cell(s: str) -> str | None:
    return None if s == "-" else s


def _value(s: str) -> int | float | None:
    if s == "-":
        return None
    d = Decimal(s)
    return int(d) if d == d.to_integral_value() else float(d)


def _rows(name: str) -> list[list[str]]:
    out = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(line.split("\t"))
    return out


@cache
def _expected_texts() -> dict[str, set[str]]:
    """Sentence -> every quantity text the case table expects in it."""
    out: dict[str, set[str]] = {}
    for row in _rows("numbers_cases.tsv"):
        out.setdefault(row[0], set())
        if row[1] != "-":
            out[row[0]].add(row[1])
    return out


# ------------------------------------------------------------------ the case table
@pytest.mark.parametrize(("sentence", "text", "value", "value_max", "unit", "kind", "approx", "currency"),
                         load_cases("numbers_cases.tsv", 8))
def test_quantity_in_context(sentence: str, text: str, value: str, value_max: str, unit: str, kind: str,
                             approx: str, currency: str) -> None:
    found = numbers_of(sentence)
    texts = [n["text"] for n in found]
    if text == "-":
        assert texts == [], f"a trap yielded {texts}"
        return
    assert set(texts) <= _expected_texts()[sentence], f"unexpected quantities {texts}"
    matches = [n for n in found if n["text"] == text]
    assert len(matches) == 1, f"{text!r} not found in {texts}"
    n = matches[0]
    got = (n["value"], n["value_max"], n["unit"], n["kind"], n["approx"], n["currency"])
    want = (_value(value), _value(value_max), _cell(unit), kind, _cell(approx), _cell(currency))
    assert got == want
    assert type(n["value"]) is type(want[0]), "integral values are ints, others floats"
    assert sentence[n["span"][0]:n["span"][1]] == text


def test_case_table_is_big_enough() -> None:
    rows = _rows("numbers_cases.tsv")
    quantities = [r for r in rows if r[1] != "-"]
    traps = [r for r in rows if r[1] == "-"]
    assert len(quantities) >= 150
    assert len(traps) >= 40
    assert {r[5] for r in quantities} == set(KINDS), "every kind has cases"


# ------------------------------------------------------------------ attachment
@pytest.mark.parametrize(("sentence", "text", "metric", "group", "change", "subject", "period"),
                         load_cases("numbers_attach.tsv", 7))
def test_attachment(sentence: str, text: str, metric: str, group: str, change: str, subject: str,
                    period: str) -> None:
    matches = [n for n in numbers_of(sentence) if n["text"] == text]
    assert len(matches) == 1, f"{text!r} not found in {[n['text'] for n in numbers_of(sentence)]}"
    n = matches[0]
    got = (n["metric"], n["metric_group"], n["change"], n["subject"], n["period"]["text"] if n["period"] else None)
    assert got == (_cell(metric), _cell(group), _cell(change), _cell(subject), _cell(period))


def test_period_links_to_its_event() -> None:
    text = "从快手2021年第三季度财报来看，快手电商交易总额（GMV）达到1758亿元。"
    events, numbers = extract(text, REFERENCE, load_gazetteer())
    (n,) = numbers
    assert n["period"]["start"] == "2021-07-01" and n["period"]["end"] == "2021-09-30"
    i = n["period"]["event"]
    assert i is not None and events[i]["date"]["text"] == n["period"]["text"]


def test_each_end_of_a_change_has_its_own_period() -> None:
    start, end = numbers_of("该公司员工总数由年初的两万余人增至年底的三万五千人。")
    assert (start["text"], start["period"]["text"]) == ("两万余人", "年初")
    assert (end["text"], end["period"]["text"]) == ("三万五千人", "年底")


def test_unit_less_magnitude_becomes_money_by_its_metric() -> None:
    (n,) = numbers_of("快手的市值一度超过2000亿。")
    assert (n["kind"], n["unit"], n["currency"], n["metric"]) == ("money", None, None, "市值")
    (n,) = numbers_of("快手的月活跃用户达到5.7亿。")
    assert (n["kind"], n["unit"], n["metric"], n["metric_group"]) == ("count", None, "月活跃用户", "月活")


# ------------------------------------------------------------------ the seeds
@cache
def _seed_numbers() -> dict[str, tuple[str, list[dict[str, Any]]]]:
    out = {}
    for path in SEEDS:
        article = process(path.read_text(encoding="utf-8"), path.stem)
        out[path.name[:3]] = (article["text"], article["numbers"])
    return out


SEED_ROWS = load_cases("numbers_seeds.tsv", 11)


@pytest.mark.parametrize(("article", "text", "value", "value_max", "unit", "kind", "approx", "metric", "change",
                          "subject", "period"), SEED_ROWS)
def test_seed_quantity(article: str, text: str, value: str, value_max: str, unit: str, kind: str, approx: str,
                       metric: str, change: str, subject: str, period: str) -> None:
    clean, numbers = _seed_numbers()[article]
    if text not in clean:
        pytest.skip(f"{text!r} is no longer in the clean text of {article} (the strip stage changed)")
    matches = [n for n in numbers if n["text"] == text]
    assert matches, f"{text!r} not extracted from {article}"
    expected = (_value(value), _value(value_max), _cell(unit), kind, _cell(approx))
    assert any((n["value"], n["value_max"], n["unit"], n["kind"], n["approx"]) == expected for n in matches)
    checked = [(metric, "metric"), (change, "change"), (subject, "subject")]
    for want, field in checked:
        if want != "?":
            assert any(n[field] == _cell(want) for n in matches), f"{field}: {[n[field] for n in matches]}"
    if period != "?":
        got = [n["period"]["text"] if n["period"] else None for n in matches]
        assert _cell(period) in got, f"period: {got}"


def test_seeds_yield_nothing_else() -> None:
    """No year, ordinal, name or boilerplate number is extracted from the seeds."""
    expected: dict[str, set[str]] = {}
    for p in SEED_ROWS:
        expected.setdefault(p.values[0], set()).add(p.values[1])
    for article, (_, numbers) in _seed_numbers().items():
        extra = [n["text"] for n in numbers if n["text"] not in expected.get(article, set())]
        assert extra == [], f"{article}: unexpected quantities {extra}"


def test_seed_numbers_follow_the_schema() -> None:
    for article, (clean, numbers) in _seed_numbers().items():
        for n in numbers:
            assert errors("number", n) == [], (article, n["text"])
            assert clean[n["span"][0]:n["span"][1]] == n["text"]
            assert n["text"] in n["sentence"]


# ------------------------------------------------------------------ properties
_MONEY_UNITS = ["元", "美元", "港元"]


@given(st.integers(1, 99_999), st.integers(0, 99), st.sampled_from(["", "万", "亿", "万亿", "千万", "百万"]),
       st.sampled_from(_MONEY_UNITS))
def test_written_amounts_read_back(whole: int, cents: int, mag: str, unit: str) -> None:
    """Any Arabic amount with a magnitude and a currency reads back exactly (Decimal, no float artefacts)."""
    written = f"{whole}.{cents:02d}" if cents else str(whole)
    text = f"据披露，该项交易金额为{written}{mag}{unit}，市场反应积极。"
    (q,) = find_numbers(text)
    want = Decimal(written) * magnitudes().get(mag, Decimal(1))
    assert Decimal(str(q.value)) == want
    assert isinstance(q.value, int) == (want == want.to_integral_value())
    assert (q.text, q.kind, q.unit) == (f"{written}{mag}{unit}", "money", unit)


@given(st.integers(1, 999), st.integers(1, 999), st.sampled_from(["万", "亿"]))
def test_ranges_share_their_magnitude(a: int, b: int, mag: str) -> None:
    low, high = sorted((a, b))
    if low == high:
        return
    (q,) = find_numbers(f"预计规模在{low}-{high}{mag}元之间。")
    scale = int(magnitudes()[mag])
    assert (q.value, q.value_max) == (low * scale, high * scale)


@given(st.integers(1900, 2099))
def test_years_are_never_quantities(year: int) -> None:
    assert numbers_of(f"{year}年，平台推出了新功能。") == ()


@given(st.integers(1, 10**6))
def test_bare_numbers_are_never_quantities(n: int) -> None:
    assert find_numbers(f"编号{n}的活动已经结束。") == []


@given(st.integers(2, 10**13))
def test_chinese_numerals_read_like_arabic(n: int) -> None:
    (q,) = find_numbers(f"该集团共有员工{to_chinese(n)}人。")
    assert (q.value, q.unit, q.kind) == (n, "人", "count")


_ALPHABET = "0123456789.,-至到万亿千百十一二两三四五六七八九多余约近超元%个家年天第双月日，。的 "
_NOISE = st.text(st.sampled_from(list(_ALPHABET)), max_size=40)


@given(_NOISE)
def test_any_text_gives_consistent_quantities(text: str) -> None:
    """Whatever the text, spans are exact, kinds and approximations are known, ranges go up."""
    for q in find_numbers(text):
        assert text[q.pos:q.endpos] == q.text and q.text
        assert q.kind in KINDS and q.approx in (None, "over", "under", "about")
        assert q.value_max is None or q.value_max > q.value


@pytest.mark.parametrize("unit", ["一", "三四", "1", "1.", "1-", "十几", "上万", "百分之", "a1", "万"])
def test_long_runs_take_linear_time(unit: str) -> None:
    """20,000 characters of one repeated piece: a backtracking pattern would take minutes, not milliseconds."""
    import time

    text = unit * (20_000 // len(unit))
    start = time.process_time()
    find_numbers(text)
    assert time.process_time() - start < 5


def test_data_tables_are_consistent() -> None:
    after, before = units()
    assert {u.kind for u in after.values()} <= {*KINDS, "noun"}
    assert all(u.kind == "money" and u.currency for u in before.values())
    assert all(u.currency for u in after.values() if u.kind == "money")

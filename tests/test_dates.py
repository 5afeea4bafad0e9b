"""The date grammar against hand-resolved cases (tests/data/dates_cases.tsv) and its data files.

Every test passes its reference date explicitly: the grammar never reads the
clock, so these results do not change with the day the suite runs.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import DATA, load_cases
from zhextract.extract.dates import BASES, PRECISIONS, DateMention, festivals, find_dates
from zhextract.extract.text import TextIndex


def _ref(cell: str) -> dt.date | None:
    return None if cell == "-" else dt.date.fromisoformat(cell)


def _null(cell: str) -> str | None:
    return None if cell == "-" else cell


@pytest.mark.parametrize(("text", "expr", "reference", "start", "end", "precision", "basis", "flags"),
                         load_cases("dates_cases.tsv", 8))
def test_date_case(text: str, expr: str, reference: str, start: str, end: str, precision: str, basis: str,
                   flags: str) -> None:
    mentions = find_dates(text, _ref(reference))
    if start == "NONE":
        at = text.index(expr)
        span = (at, at + len(expr))
        overlapping = [m.text for m in mentions if m.pos < span[1] and span[0] < m.endpos]
        assert not overlapping, f"{expr!r} is not a date, but {overlapping} was found"
        return
    found = [m for m in mentions if m.text == expr]
    assert found, f"no mention {expr!r}; found {[m.text for m in mentions]}"
    m = found[0]
    assert (m.start, m.end, m.precision, m.basis) == (_null(start), _null(end), precision, basis)
    wanted = set() if flags == "-" else set(flags.split(","))
    got = {f"open={m.open}"} if m.open else set()
    if m.vague:
        got.add("vague")
    assert got == wanted
    assert text[m.pos:m.endpos] == m.text


def test_case_table_is_large_and_covers_every_precision_and_basis() -> None:
    rows = [p.values for p in load_cases("dates_cases.tsv", 8)]
    assert len(rows) >= 150
    dated = [r for r in rows if r[3] != "NONE"]
    assert {r[5] for r in dated} == set(PRECISIONS)
    assert {r[6] for r in dated} == set(BASES)
    assert sum(r[3] == "NONE" for r in rows) >= 25  # the traps


def test_no_reference_leaves_relative_dates_unresolved_and_absolute_ones_intact() -> None:
    mentions = {m.text: m for m in find_dates("2020年8月，抖音宣布断链。今年3月，快手跟进。", None)}
    assert mentions["2020年8月"].start == "2020-08-01"
    assert mentions["今年3月"].basis == "unresolved" and mentions["今年3月"].start is None


def test_partial_date_year_does_not_move_with_the_clock() -> None:
    """The same text with the same reference resolves the same way, whatever today is."""
    text = "10月9日起，直播间不再支持第三方商品。"
    first = [m.to_json() for m in find_dates(text, dt.date(2020, 9, 1))]
    again = [m.to_json() for m in find_dates(text, dt.date(2020, 9, 1))]
    assert first == again and first[0]["start"] == "2020-10-09"


def test_mentions_do_not_overlap_and_index_the_text() -> None:
    text = (DATA / "dates_cases.tsv").read_text(encoding="utf-8")
    body = "\n".join(line.split("\t")[0] for line in text.splitlines() if line and not line.startswith("#"))
    mentions = find_dates(body.replace("\\n", "\n"), dt.date(2022, 3, 4))
    for a, b in itertools.pairwise(mentions):
        assert a.endpos <= b.pos
    for m in mentions:
        assert body.replace("\\n", "\n")[m.pos:m.endpos] == m.text


def test_json_has_only_schema_fields() -> None:
    m = find_dates("近日，快手宣布。", dt.date(2022, 3, 4))[0]
    assert m.to_json() == {"text": "近日", "start": None, "end": "2022-03-04", "precision": "day",
                           "basis": "relative", "open": "start", "vague": True}
    assert isinstance(m, DateMention)


def test_heading_cuts_the_narrative() -> None:
    index = TextIndex.of("2019年，快手上线小店。\n快手断链不是“为了闭环”\n3月1日，快手断链。")
    assert index.is_heading(1) and not index.is_heading(0)
    assert index.narrative_start(index.text.index("3月1日")) == index.paragraph_starts[2]


@pytest.mark.parametrize(("festival", "year", "expected"), load_cases("dates_lunar.tsv", 3))
def test_lunar_festivals_match_the_published_tables(festival: str, year: str, expected: str) -> None:
    """festivals.tsv + lunardate reproduce the Purple Mountain Observatory dates, 2015-2027."""
    fest = festivals()[festival]
    assert fest is not None
    span = fest.span(int(year))
    assert span is not None and span[0].isoformat() == expected


def test_every_festival_line_resolves() -> None:
    """Every festival has a day every year (lunar ones of the year's end may spill into January)."""
    for name, fest in festivals().items():
        if fest is not None:
            for year in range(2000, 2031):
                span = fest.span(year)
                assert span is not None and span[0].year in (year, year + 1), (name, year)
                assert fest.calendar == "lunar" or span[0].year == year


_FRAGMENTS = ["2020年", "二〇二二年", "22年", "1998", "-", "/", ".", "至", "到", "起", "前", "后", "以来", "截至",
              "今年", "去年", "同年", "当月", "当天", "次日", "本周", "上个月", "近日", "双11", "618", "春节", "除夕",
              "腊八节", "第三季度", "Q4", "上半年", "前三季度", "年底", "月底", "中旬", "10月", "2月", "13月", "0月",
              "30日", "31日", "29日", "9号", "晚上", "凌晨", "25点", "24:00", "9:61", "12点半", "8个月前", "两年后",
              "，", "。", "\n", "快手", "宣布", "1758亿元", "86.1%", "第11年", "www.a.cn/2021/08/27", "3·15", "十一",
              "三", "日前"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=14), st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31)))
def test_any_mix_of_date_pieces_resolves_to_ordered_valid_spans(pieces: list[str], reference: dt.date) -> None:
    """Whatever the text, mentions index it, never overlap, and start <= end when both are known."""
    text = "".join(pieces)
    mentions = find_dates(text, reference)
    for a, b in itertools.pairwise(mentions):
        assert a.endpos <= b.pos
    for m in mentions:
        assert text[m.pos:m.endpos] == m.text and m.text
        assert m.precision in PRECISIONS and m.basis in BASES
        if m.start and m.end:
            assert m.start[:10] <= m.end[:10]
        for stamp in (m.start, m.end):
            if stamp:
                dt.datetime.fromisoformat(stamp)  # a real calendar day and time


def _scan_everywhere(text: str) -> list[tuple[int, int]]:
    """The grammar tried at every position, left to right, as ``scan`` would without its filter."""
    from zhextract.extract.dates import _masked_spans, _scanner

    grammar, out, end = _scanner().grammar, [], 0
    for at in range(len(text)):
        m = grammar.match(text, at) if at >= end else None
        if m:
            out.append((m.start(), m.end()))
            end = m.end()
    masked = _masked_spans(text)
    return [(a, b) for a, b in out if not any(s < b and a < e for s, e in masked)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_FRAGMENTS, "第三方", "前往", "目前", "截至目前", "截至 现在", "当前", "第一",
                                 "前一", "第 2 季度", "前 3季度", "100", "86.5", "90%", "10小时前", "3星期前",
                                 "10星期前", "一个问题", "三个月前", "两点", "99划算节", "315晚会", "3·15", "5-6月",
                                 "10 月", "12:30", "七夕", "1", "2", "0", "十", "两", "个", "星期", "周", "年前",
                                 "晚上8点", "晚 8点", "早在", "晚于", "凌晨2:30", "下午三点半", "第三季", "第3季报"]),
                max_size=14))
def test_the_scan_filter_drops_no_date(pieces: list[str]) -> None:
    """Where a date can start is found by cheap lookaheads (``_scanner``); they must never skip a position
    where the grammar matches."""
    from zhextract.extract.dates import scan

    text = "".join(pieces)
    assert [(m.start(), m.end()) for m in scan(text)] == _scan_everywhere(text)


def test_the_scan_filter_drops_no_date_of_the_case_table() -> None:
    from zhextract.extract.dates import scan

    for row in load_cases("dates_cases.tsv", 8):
        text = row.values[0]
        assert [(m.start(), m.end()) for m in scan(text)] == _scan_everywhere(text), text

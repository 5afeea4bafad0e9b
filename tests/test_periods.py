"""Five-year plans, datelines and partial dates (sentences written here)."""

from __future__ import annotations

import datetime as dt

import pytest

from zhextract.extract import extract_all
from zhextract.extract.dates import find_dates
from zhextract.extract.periods import datelines, find_plans
from zhextract.gazetteer import load_gazetteer
from zhextract.schemas import errors


@pytest.mark.parametrize(("text", "written", "start", "end", "open_"), [
    ("十二五期间，投资翻番。", "十二五期间", "2011-01-01", "2015-12-31", None),
    ("“十四五”以来，产能增长。", "“十四五”以来", "2021-01-01", None, "end"),
    ("十三五末，产能达到100万吨。", "十三五末", "2020-01-01", "2020-12-31", None),
    ("十四五规划提出新目标。", "十四五", "2021-01-01", "2025-12-31", None),
    ("“十五”计划期间，投资增加。", "“十五”", "2001-01-01", "2005-12-31", None),
])
def test_five_year_plans_are_periods(text: str, written: str, start: str, end: str | None, open_: str | None) -> None:
    [plan] = find_plans(text, [])
    assert (plan.text, plan.start, plan.end, plan.open, plan.precision) == (written, start, end, open_, "year")


@pytest.mark.parametrize("text", ["他今年十五岁。", "三十四五个人参加。", "第十五届会议召开。", "十五个项目落地。"])
def test_numbers_are_no_plans(text: str) -> None:
    assert find_plans(text, []) == []


def test_a_plan_frames_the_numbers_of_its_clause() -> None:
    found = extract_all("十四五期间，云帆汽车计划投资200亿元。", dt.date(2024, 1, 1), load_gazetteer())
    [n] = found.numbers
    assert n["period"]["text"] == "十四五期间" and n["period"]["end"] == "2025-12-31"


def test_a_dateline_is_no_period_and_the_article_s_own_is_no_event() -> None:
    text = "中新社广州5月9日电据广东省统计局消息，一季度全省地区生产总值增长4.4%，5月9日统计局还发布了月报。"
    found = extract_all(text, dt.date(2024, 5, 10), load_gazetteer())
    assert [e["date"]["text"] for e in found.events] == ["一季度", "5月9日"]
    assert found.events[1]["span"][0] > 20  # the second 5月9日, in the story, is an event
    [n] = found.numbers
    assert n["period"]["text"] == "一季度"
    mentions = find_dates(text, dt.date(2024, 5, 10))
    dated, own = datelines(text, mentions)
    assert own == dated == {text.index("5月9日")}


def test_a_date_before_a_word_that_begins_with_dian_is_no_dateline() -> None:
    text = "5月9日电商平台开启促销。"
    assert datelines(text, find_dates(text, dt.date(2024, 5, 10))) == (set(), set())


def test_a_partial_date_without_a_year_keeps_its_month_and_day() -> None:
    found = extract_all("9月9日，星海控股发布公告。今年3月，云帆汽车上市。", None, load_gazetteer())
    dates = [e["date"] for e in found.events]
    assert [(d["start"], d.get("partial")) for d in dates] == [(None, "--09-09"), (None, "--03")]
    assert all(errors("event", e) == [] for e in found.events)

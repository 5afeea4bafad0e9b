"""The reference date: header, sidecar, option, else inferred from the text (never the clock)."""

from __future__ import annotations

import datetime as dt

import pytest

from zhextract.extract.dates import infer_reference
from zhextract.extract.reference import reference_date


@pytest.mark.parametrize(("text", "expected"), [
    # 去年8月 sits next to 2020年10月9日: 去年 is 2020, so the article is from 2021; its last dated day is 11-15
    ("去年8月，抖音宣布断链。\n公告中提到：“2020年10月9日起，第三方商品不再支持。”\n今天，快手也做出改变。\n"
     "11月15日晚，快手宣布断链。", dt.date(2021, 11, 15)),
    # ... but right after the paragraph that names 2020, the story's 11月15日 is 2020-11-15, so 2021 has no day
    ("去年8月，抖音宣布断链。\n公告中提到：“2020年10月9日起，第三方商品不再支持。”\n11月15日晚，快手宣布断链。",
     dt.date(2021, 12, 31)),
    # 去年同期 is a comparison base: the year before the figures' written year (2022), which is the present;
    # the dateline's day is then 2022-11-17 (2023 when 去年 voted as the year before the article)
    ("青禾北京11月17日电 主要房企2022年10月销售数据已经发布。\n统计显示，10月各项销售数据不及去年同期。",
     dt.date(2022, 11, 17)),
    # 今年2月 and 2022年3月1日 in one sentence: 2022
    ("今年2月，快手发布公告：2022年3月1日起不再支持淘宝链接。", dt.date(2022, 3, 1)),
    # a plan (计划到2025年) is not the present
    ("快手计划到2025年实现GMV翻番。2022年3月1日，快手断链。", dt.date(2022, 3, 1)),
    # 今年 next to an old year is a quotation, not a clue (2018 is outside 2022..2024)
    ("今年是快手上线的第11年。2018年，快手推出购物车。2022年，快手新增战略。", dt.date(2022, 12, 31)),
    # only months: the end of the latest month written in the chosen year
    ("2021年8月，快手上线新功能。2021年10月，快手调整组织。", dt.date(2021, 10, 31)),
    # festivals and "before" dates do not count as days the article reports
    ("2022年3月1日，快手断链。双11前，快手将开放外链。", dt.date(2022, 3, 1)),
    # a comparison base is not the year of the 今年 beside it; compared year-on-year, the article is a year later
    ("今年第二季营收下跌5%，较2022年第二季按年减少一成。", dt.date(2023, 12, 31)),
    ("2022年第二季营收下跌，较2021年第二季减少一成。", dt.date(2022, 12, 31)),
    # a bare day in the reference's month is no evidence of the reference's day
    ("发言人张明12日表示，出口增长。2023年出口创新高。", dt.date(2023, 12, 31)),
    # a whole year reported with its change on the year before is over: the article is from the next year
    ("1月10日，星海汽车举行发布会。2023年，公司出口50万辆，同比增长20%。", dt.date(2024, 1, 10)),
    ("星海汽车计划2023年出口50万辆，同比增长20%。", dt.date(2023, 12, 31)),
    ("2023年上半年，星海汽车出口同比增长20%。", dt.date(2023, 12, 31)),
    ("快手上线了新功能。", None),
    ("今年3月，快手与淘宝分手。", None),
])
def test_inferred_reference(text: str, expected: dt.date | None) -> None:
    assert infer_reference(text) == expected


def test_reference_precedence_and_basis() -> None:
    text = "2020年8月，抖音宣布断链。"
    assert reference_date("2022-03-04T10:20", "2021-01-01", "2020-01-01", text) == (dt.date(2022, 3, 4), "published")
    assert reference_date(None, "2021-01-01", "2020-01-01", text) == (dt.date(2021, 1, 1), "sidecar")
    assert reference_date(None, None, "2020-01-01", text) == (dt.date(2020, 1, 1), "override")
    assert reference_date(None, None, None, text) == (dt.date(2020, 8, 31), "inferred")
    assert reference_date(None, None, None, "没有日期。") == (None, "none")


def test_a_year_only_the_title_names_is_the_reference_of_a_body_that_writes_none() -> None:
    body = "1—3月份，全市快递业务量完成4.2亿件，同比增长12%。"
    assert reference_date(None, None, None, body) == (None, "none")
    title = "2024年1—3月份全市快递业务量增长12%"
    assert reference_date(None, None, None, body, title=title) == (dt.date(2024, 3, 31), "inferred")
    # the body's own years win over the title's
    assert reference_date(None, None, None, "2022年5月，销量回升。", title="2024年展望")[0] == dt.date(2022, 5, 31)
    # a published date still comes first
    assert reference_date("2025-04-02", None, None, body, title=title) == (dt.date(2025, 4, 2), "published")


def test_dateline_day_is_the_reference_of_a_story_reposted_later() -> None:
    text = "昨日，海关总署举行发布会。"
    # filed on 7-31, the page dated 8-11: the story's 昨日 is 7-30
    assert reference_date("2024-08-11", None, None, text, dateline_day="07-31") == (dt.date(2024, 7, 31), "dateline")
    # across New Year
    assert reference_date("2024-01-03", None, None, text, dateline_day="12-30") == (dt.date(2023, 12, 30), "dateline")
    # the same day, or no dateline: the published date stands
    assert reference_date("2024-08-11", None, None, text, dateline_day="08-11") == (dt.date(2024, 8, 11), "published")
    assert reference_date("2024-08-11", None, None, text) == (dt.date(2024, 8, 11), "published")
    # a dateline months before the page is another story's; a day that does not exist is ignored
    assert reference_date("2024-08-11", None, None, text, dateline_day="03-02") == (dt.date(2024, 8, 11), "published")
    assert reference_date("2024-08-11", None, None, text, dateline_day="02-30") == (dt.date(2024, 8, 11), "published")
    # with no date at all there is no year to put the day in
    assert reference_date(None, None, None, text, dateline_day="07-31") == (None, "none")



# Texts whose dates read the reference's month or day at the start, in the middle or not at all.
_RESUMED = [
    "2023年3月1日，星海汽车发布新车。4月2日，公司开始交付。",  # only the year is read
    "近日，星海汽车宣布降价。2023年3月1日起，新价格生效。当天，订单增长两成。",  # 近日 first
    "2023年3月1日，星海汽车发布新车。本月，公司还将开设门店。12日，公司宣布扩产。去年同期，销量下滑。",
    "今年以来，星海汽车累计出口20万辆。一周后，公司公布了新的计划。28日，董事会通过决议。",
    "2023年5月，星海汽车交付新车。今天，公司表示，上月销量同比增长，本季度仍将增长。\n月底前完成改造。",
    "今年以来，星海汽车出口20万辆，较去年同期增长两成。",  # the frame of 去年同期 is open up to the reference
]


@pytest.mark.parametrize("text", _RESUMED)
@pytest.mark.parametrize("second", [dt.date(2023, 6, 15), dt.date(2023, 12, 31), dt.date(2023, 1, 1),
                                    dt.date(2022, 6, 15)])
def test_resolution_resumed_for_another_reference(text: str, second: dt.date) -> None:
    """Resolving for a second reference after a first of the same year gives what resolving for it alone
    gives (the resolver resumes where the first stopped reading only the year)."""
    from zhextract.extract.dates import Resolver, find_dates, scan
    from zhextract.extract.text import TextIndex

    index = TextIndex.of(text)
    resolver = Resolver(text, index, scan(text))
    resolver.resolve(dt.date(2023, 12, 31))
    resumed = resolver.resolve(second)
    assert resumed == find_dates(text, second)
    assert resolver.resolve(second) == resumed  # and again: the saved state is not used up


def test_the_pipeline_reads_the_year_of_a_release_from_its_headline() -> None:
    from helpers import process

    article = process("2024年1—3月份全市快递业务量增长12%\n\n1—3月份，全市快递业务量完成4.2亿件，同比增长12%。\n")
    assert article["title"] == "2024年1—3月份全市快递业务量增长12%"
    assert article["meta"]["reference_basis"] == "inferred"
    (event,) = article["events"]
    assert (event["date"]["start"], event["date"]["end"]) == ("2024-01-01", "2024-03-31")

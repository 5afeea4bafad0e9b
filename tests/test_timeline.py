"""The corpus timeline: order and merge rule of build_timeline (rows written for these tests)."""

from __future__ import annotations

import random
from functools import lru_cache
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from helpers import SEEDS, process
from zhextract.extract.timeline import build_timeline, roots


def _row(article: str, start: str | None, end: str | None, trigger: str | None, actors: list[str],
         precision: str = "day", span: tuple[int, int] = (0, 5), open_: str | None = None,
         involved: list[str] | None = None) -> dict[str, Any]:
    date: dict[str, Any] = {"text": "x", "start": start, "end": end, "precision": precision, "basis": "absolute"}
    if open_:
        date["open"] = open_
    return {"article_id": article, "date": date, "actors": actors, "involved": involved or list(actors),
            "trigger": trigger, "sentence": f"{article} says", "span": list(span)}


def test_same_event_in_two_articles_is_one_entry_listing_both() -> None:
    rows = [_row("b", "2022-03-01", None, "发布", ["快手电商", "淘宝联盟"], open_="end"),
            _row("a", "2022-03-01", None, "发布", ["淘宝联盟"], open_="end")]
    [entry] = build_timeline(rows)
    assert entry["articles"] == ["a", "b"]
    assert entry["actors"] == ["淘宝联盟", "快手电商"]
    assert [s["article_id"] for s in entry["sources"]] == ["a", "b"]


def test_no_merge_without_same_trigger_shared_actor_or_second_article() -> None:
    rows = [_row("a", "2022-03-01", "2022-03-01", "发布", ["快手"]),
            _row("b", "2022-03-01", "2022-03-01", "宣布", ["快手"]),  # other trigger
            _row("c", "2022-03-01", "2022-03-01", "发布", ["京东"]),  # no shared actor
            _row("a", "2022-03-01", "2022-03-01", "发布", ["快手"], span=(9, 12)),  # same article again
            _row("d", "2022-03-01", "2022-03-01", None, ["快手"]),  # no trigger
            _row("e", "2022-03-01", "2022-03-31", "发布", ["快手"], precision="month")]  # other date
    assert len(build_timeline(rows)) == 6


def test_a_business_merges_under_its_platform_and_a_company_under_its_short_name() -> None:
    rows = [_row("a", "2022-03-01", "2022-03-01", "宣布", ["抖音电商"]),
            _row("b", "2022-03-01", "2022-03-01", "宣布", ["抖音"]),
            _row("c", "2022-03-01", "2022-03-01", "宣布", ["云帆汽车有限公司"]),
            _row("d", "2022-03-01", "2022-03-01", "宣布", ["云帆"])]
    timeline = build_timeline(rows)
    assert [e["articles"] for e in timeline] == [["a", "b"], ["c", "d"]]
    assert timeline[0]["actors"] == ["抖音电商", "抖音"]


def test_an_entity_the_clause_names_besides_the_actors_merges_too() -> None:
    # one article writes 快手电商 cut the links of 淘宝联盟, the other that 淘宝联盟's links were cut on 快手电商
    rows = [_row("a", "2022-03-01", None, "发布", ["快手电商"], open_="end", involved=["快手电商", "淘宝联盟"]),
            _row("b", "2022-03-01", None, "发布", ["淘宝联盟"], open_="end", involved=["淘宝联盟", "快手电商"])]
    [entry] = build_timeline(rows)
    assert entry["actors"] == ["快手电商", "淘宝联盟"] and entry["articles"] == ["a", "b"]


def test_roots_need_two_characters_and_a_name_that_is_there() -> None:
    assert roots(["抖音电商", "抖音小店"]) == {"抖音电商": "抖音电商", "抖音小店": "抖音小店"}
    assert roots(["星海控股有限公司", "星海"]) == {"星海控股有限公司": "星海", "星海": "星海"}
    # a public body's office word is part of its name (教育部 is not 教育)
    assert roots(["国家统计局", "教育部"]) == {"国家统计局": "国家统计局", "教育部": "教育部"}


def test_order_by_date_then_coarser_first_then_article_and_span() -> None:
    rows = [_row("a", "2021-11-15", "2021-11-15", "宣布", ["快手"]),
            _row("a", "2021-01-01", "2021-12-31", "增长", ["快手"], precision="year"),
            _row("b", None, "2021-06-30", "达到", ["抖音"], open_="start"),
            _row("b", "2021-11-15", "2021-11-15", "回应", ["魔筷"], span=(3, 8)),
            _row("a", "2021-11-15T00:00", "2021-11-15T00:00", "上线", ["有赞"], precision="time")]
    timeline = build_timeline(rows)
    assert [(e["date"]["start"], e["trigger"]) for e in timeline] == [
        ("2021-01-01", "增长"), (None, "达到"), ("2021-11-15", "宣布"), ("2021-11-15", "回应"),
        ("2021-11-15T00:00", "上线")]


def test_input_order_does_not_change_the_timeline() -> None:
    rows = [_row(a, f"2022-0{m}-01", f"2022-0{m}-01", t, ["快手"], span=(m, m + 2))
            for a in "abc" for m in (1, 2, 3) for t in ("发布", "宣布")]
    expected = build_timeline(rows)
    random.Random(7).shuffle(rows)
    assert build_timeline(iter(rows)) == expected


def test_unresolved_dates_are_left_out() -> None:
    rows = [_row("a", None, None, "宣布", ["快手"]), _row("a", "2022-03-01", "2022-03-01", "宣布", ["快手"])]
    assert len(build_timeline(rows)) == 1


@lru_cache(maxsize=1)
def _seed_rows() -> list[dict[str, Any]]:
    rows = []
    for path in SEEDS:
        article = process(path.read_text(encoding="utf-8"), path.stem)
        rows += [{**event, "article_id": article["id"]} for event in article["events"]]
    return rows


def test_seeds_timeline_merges_the_events_two_articles_report() -> None:
    timeline = build_timeline(_seed_rows())
    multi = {(e["date"]["start"], e["trigger"]): e["articles"] for e in timeline if len(e["articles"]) > 1}
    # 001 and 003 both report: 快手 stops 淘宝联盟 links from 2022-03-01, and restores them from 2022-10-28.
    assert ("2022-03-01", "发布") in multi and ("2022-10-28", "恢复") in multi
    starts = [e["date"]["start"] or e["date"]["end"] for e in timeline]
    assert starts == sorted(starts)


def _reference_timeline(rows):  # type: ignore[no-untyped-def]
    """The merge rule written plainly: each row joins the first mergeable entry of its date."""
    from zhextract.extract.timeline import _date_key, _source, is_dated, sort_key

    dated = sorted((r for r in rows if is_dated(r)), key=sort_key)
    entries: list[dict] = []  # type: ignore[type-arg]
    for row in dated:
        group = [r for r in dated if _date_key(r["date"]) == _date_key(row["date"])]
        root = roots(n for r in group for n in [*r["actors"], *r["involved"]])
        for entry in entries:
            if (_date_key(entry["date"]) == _date_key(row["date"]) and row.get("trigger")
                    and row["trigger"] == entry["trigger"] and row["article_id"] not in entry["articles"]
                    and {root[n] for n in [*row["actors"], *row["involved"]]} & {root[n] for n in entry["involved"]}):
                entry["articles"].append(row["article_id"])
                entry["actors"] = list(dict.fromkeys([*entry["actors"], *row["actors"]]))
                entry["involved"] = list(dict.fromkeys([*entry["involved"], *row["actors"], *row["involved"]]))
                entry["sources"].append(_source(row))
                break
        else:
            entries.append({"date": dict(row["date"]), "trigger": row.get("trigger"),
                            "actors": list(dict.fromkeys(row["actors"])),
                            "involved": list(dict.fromkeys([*row["actors"], *row["involved"]])),
                            "articles": [row["article_id"]], "sources": [_source(row)]})
    for entry in entries:
        entry["articles"] = sorted(set(entry["articles"]))
    return entries


_ROW = st.fixed_dictionaries({
    "article_id": st.sampled_from(["a", "b", "c", "d"]),
    "date": st.sampled_from([{"text": "2021年", "start": "2021-01-01", "end": "2021-12-31", "precision": "year",
                              "basis": "absolute"},
                             {"text": "3月1日", "start": "2022-03-01", "end": "2022-03-01", "precision": "day",
                              "basis": "narrative"}]),
    "actors": st.lists(st.sampled_from(["快手", "淘宝", "京东", "快手电商", "云帆汽车", "云帆"]), max_size=2,
                       unique=True),
    "involved": st.lists(st.sampled_from(["快手", "淘宝", "抖音电商", "抖音"]), max_size=2, unique=True),
    "trigger": st.sampled_from([None, "宣布", "上线"]),
    "sentence": st.just("句子。"),
    "span": st.tuples(st.integers(0, 50), st.just(60)).map(list),
})


@given(st.lists(_ROW, max_size=30))
def test_indexed_merge_equals_the_plain_rule(rows) -> None:  # type: ignore[no-untyped-def]
    assert build_timeline(rows) == _reference_timeline(rows)


def test_the_gazetteer_hierarchy_files_a_business_under_its_platform_and_group() -> None:
    from zhextract.gazetteer import load_gazetteer

    parents = load_gazetteer().parents()
    # 抖店 starts with no other name: only the hierarchy says it is 抖音's (抖店 -> 抖音电商 -> 抖音)
    rows = [_row("a", "2022-03-01", "2022-03-01", "宣布", ["抖店"]),
            _row("b", "2022-03-01", "2022-03-01", "宣布", ["抖音"]),
            _row("c", "2022-03-01", "2022-03-01", "宣布", ["天猫"]),
            _row("d", "2022-03-01", "2022-03-01", "宣布", ["阿里巴巴集团"])]
    assert len(build_timeline(rows)) == 4  # without the hierarchy nothing merges
    timeline = build_timeline(rows, parents)
    assert [e["articles"] for e in timeline] == [["a", "b"], ["c", "d"]]


def test_roots_go_to_the_highest_ancestor_named_that_date() -> None:
    parents = {"抖店": "抖音电商", "抖音电商": "抖音", "抖音": "字节跳动", "天猫": "阿里巴巴"}
    assert roots(["抖店", "抖音"], parents) == {"抖店": "抖音", "抖音": "抖音"}
    assert roots(["抖店", "抖音", "字节跳动"], parents)["抖店"] == "字节跳动"
    # an ancestor nobody named that date is no root: 抖店 and 天猫 stay themselves
    assert roots(["抖店", "天猫"], parents) == {"抖店": "抖店", "天猫": "天猫"}

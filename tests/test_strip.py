"""Strip stage: noise goes, content stays, metadata is lifted.

The table-driven tests insert each case of ``tests/data/strip_boilerplate.tsv``
(noise in other sites' wordings) and ``tests/data/strip_content.tsv`` (content
that looks a little like noise) into a neutral article, run the normalize and
strip stages, and check the clean text line by line.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import load_cases, run
from zhextract.document import Document
from zhextract.stages import normalize, strip
from zhextract.step import Context, steps

STEPS = [*normalize.STEPS, *strip.STEPS, *strip.AFTER_REPAIR]

TITLE = "新能源汽车下乡活动启动，多家车企推出专项补贴"
PARAGRAPHS = [
    "5月26日，2023年新能源汽车下乡活动在江苏常州启动，共有69款车型参加本次活动。",
    "据了解，本次活动将持续到12月底，覆盖全国多个省份的县城和乡镇，参与车企将提供专项优惠和售后服务保障。",
    "业内人士认为，农村市场充电基础设施仍需完善，但随着政策持续推进，新能源汽车在下沉市场的渗透率有望进一步提升。",
    "中国汽车工业协会数据显示，今年前4个月，新能源汽车销量达到222.2万辆，同比增长42.8%。",
]


def article(where: str, lines: list[str]) -> str:
    """The test article with ``lines`` inserted at ``where`` (see the tables' headers)."""
    body = list(PARAGRAPHS)
    if where == "title":
        return "\n".join([lines[0], *body[:2], *lines[1:], *body[2:]])
    if where == "top":
        out = [*lines, TITLE, *body]
    elif where == "head":
        out = [TITLE, *lines, *body]
    elif where == "mid":
        out = [TITLE, *body[:2], *lines, *body[2:]]
    elif where == "tail":
        out = [TITLE, *body, *lines]
    else:
        raise ValueError(where)
    return "\n".join(out)


def normalized(lines: list[str]) -> list[str]:
    """How the normalize stage renders each line (the strip stage sees these)."""
    return [run(line, normalize.STEPS).text for line in lines]


def clean(where: str, lines: list[str], ctx: Context | None = None) -> Document:
    return run(article(where, lines), STEPS, ctx)


def assert_article_kept(doc: Document) -> None:
    out = doc.text.split("\n")
    for p in normalized(PARAGRAPHS):
        assert p in out, f"content paragraph lost: {p}"


# ---------------------------------------------------------------- boilerplate table
@pytest.mark.parametrize(("rule", "where", "text", "remains", "checks"),
                         load_cases("strip_boilerplate.tsv", 5))
def test_boilerplate_is_removed(rule: str, where: str, text: str, remains: str, checks: str) -> None:
    lines = text.split("\n")
    doc = clean(where, lines)
    out = doc.text.split("\n")
    kept = [] if remains == "-" else remains.split("\n")
    for line in normalized(lines):
        if line not in kept:
            assert line not in out, f"noise line kept: {line}"
    for line in kept:
        assert line in out, f"expected line missing: {line}\n{doc.text}"
    assert_article_kept(doc)
    assert doc.stats[f"strip.{rule}"] >= 1, f"rule {rule} did not fire: {dict(doc.stats)}"
    if where != "title":
        assert doc.title == normalized([TITLE])[0]
    for check in [] if checks == "-" else checks.split(";"):
        field, _, value = check.partition("=")
        if field == "title":
            assert doc.title == value
        elif field == "keywords":
            assert doc.meta.get("keywords") == value.split("|")
        else:
            assert doc.meta.get(field) == value, f"meta.{field}: {doc.meta}"


# ---------------------------------------------------------------- content table
def _assert_all_kept(kind: str, where: str, text: str) -> Document:
    """Every line of ``text``, placed ``where`` in the test article, stays; so do the article and its title."""
    lines = text.split("\n")
    doc = clean(where, lines)
    out = doc.text.split("\n")
    for line in normalized(lines):
        assert line in out, f"content line removed ({kind}): {line}\n{[(e.rule, e.why) for e in doc.edits]}"
    assert_article_kept(doc)
    assert doc.title == normalized([TITLE])[0]
    return doc


@pytest.mark.parametrize(("kind", "where", "text"), load_cases("strip_content.tsv", 3))
def test_content_is_kept(kind: str, where: str, text: str) -> None:
    doc = _assert_all_kept(kind, where, text)
    assert not any(k.startswith("strip.") and k != "strip.title" for k in doc.stats), dict(doc.stats)


# ---------------------------------------------------------------- noise without marker words, hard content
# Kinds the stage keeps on purpose, with a warning: it cannot tell them from content by their shape.
KEPT_AND_REPORTED = {
    # An unrelated headline between paragraphs without a headline's marks (！ | a column prefix):
    # a subheading may share no word with the paragraphs around it either.
    "injected": "possible injected headline kept",
    # A tagline standing right above the first paragraph: a generic subheading (核心观点) stands there too.
    "site_tagline": "head line sharing no words with the body kept",
}


@pytest.mark.parametrize(("kind", "where", "text"), load_cases("strip_lines_noise.tsv", 3))
def test_noise_is_removed_by_its_shape(kind: str, where: str, text: str) -> None:
    lines = text.split("\n")
    doc = clean(where, lines)
    out = doc.text.split("\n")
    for line in normalized(lines):
        if line in out:
            reported = KEPT_AND_REPORTED.get(kind)
            assert reported and any(w.startswith(reported) and line in w for w in doc.warnings), \
                f"noise line kept ({kind}): {line}\n{doc.warnings}"
    assert_article_kept(doc)
    assert doc.title == normalized([TITLE])[0]


@pytest.mark.parametrize(("kind", "where", "text"), load_cases("strip_lines_content.tsv", 3))
def test_hard_content_is_kept(kind: str, where: str, text: str) -> None:
    _assert_all_kept(kind, where, text)


def test_tables_are_large_enough() -> None:
    assert len(load_cases("strip_boilerplate.tsv", 5)) >= 40
    assert len(load_cases("strip_content.tsv", 3)) >= 40
    assert len(load_cases("strip_lines_noise.tsv", 3)) >= 100
    assert len(load_cases("strip_lines_content.tsv", 3)) >= 100


# ---------------------------------------------------------------- rules and records
def test_every_rule_is_its_own_named_step() -> None:
    names = [s.name for s in (*strip.STEPS, *strip.AFTER_REPAIR)]
    assert len(names) == len(set(names))
    assert all(s.stage == "strip" for s in (*strip.STEPS, *strip.AFTER_REPAIR))


def test_removals_are_recorded_per_rule_with_raw_spans() -> None:
    text = article("tail", ["相关阅读", "快手电商发布新计划", "发表评论"])
    doc = run(text, STEPS)
    assert doc.stats["strip.related_list"] == 3
    rules = {e.rule for e in doc.edits} | {a for e in doc.edits for a in e.absorbs}
    assert "related_list" in rules or "strip.related_list" in rules
    for e in doc.edits:
        assert doc.raw[e.start:e.end] == e.before


def test_clean_article_is_untouched_by_strip() -> None:
    text = "\n".join([TITLE, *PARAGRAPHS])
    doc = run(text, STEPS)
    assert [e.rule for e in doc.edits if e.stage == "strip"] == ["title"]
    assert doc.text.split("\n") == normalized(PARAGRAPHS)
    assert doc.warnings == []


# ---------------------------------------------------------------- spliced phrases
def test_single_unconfirmed_spliced_phrase_is_kept_and_reported() -> None:
    line = "双方采用纯佣金结算形式小红书开店要交保证金吗，这意味着平台只起到导流作用。"
    doc = clean("mid", [line])
    assert normalized([line])[0] in doc.text.split("\n")
    assert any("小红书开店要交保证金吗" in w for w in doc.warnings)


def test_spliced_phrase_echoing_the_title_question_goes_even_once() -> None:
    text = "\n".join(["淘宝直播怎么提高流量（淘宝直播推出新主播扶持计划）", PARAGRAPHS[0],
                     "平台按成交额收取佣金淘宝直播怎么提高流量，这一比例今年没有变化。", *PARAGRAPHS[1:]])
    doc = run(text, STEPS)
    assert doc.title == "淘宝直播推出新主播扶持计划"
    assert "平台按成交额收取佣金，这一比例今年没有变化。" in doc.text.split("\n")
    assert doc.stats["strip.seo_phrase"] == 1


def test_lone_search_line_in_seo_article_goes() -> None:
    text = "\n".join(["快手小店怎么开通（快手电商发布新规）", *PARAGRAPHS[:2], "快手橱窗要多少粉丝才能开",
                     *PARAGRAPHS[2:]])
    doc = run(text, STEPS)
    assert "快手橱窗要多少粉丝才能开" not in doc.text
    assert_article_kept(doc)


# ---------------------------------------------------------------- metadata
@pytest.mark.parametrize(("line", "expected"), [
    ("来源：新榜 | 2022-03-04 10:20", {"source": "新榜", "published": "2022-03-04T10:20"}),
    ("出品|电商头条作者|李松月", {"source": "电商头条", "author": "李松月"}),
    ("作者：电商君", {"author": "电商君"}),
    ("2020年8月27日 16:47", {"published": "2020-08-27T16:47"}),
    ("文/张三", {"author": "张三"}),
    ("发布日期：2021.11.05", {"published": "2021-11-05"}),
])
def test_parse_meta_line(line: str, expected: dict[str, str]) -> None:
    assert strip.parse_meta_line(line) == expected


@pytest.mark.parametrize("line", [
    "记者：您怎么看这次调整？",
    "记者：谢谢。",
    "时间：都去哪儿了",
    "评论：这是一次必要的调整",
    "来源：这家公司去年亏损了三十亿元，今年仍未扭亏。",
    "新华社北京5月26日电（记者张三）",
    "据介绍，发布时间为2023年5月26日。",
])
def test_parse_meta_line_rejects_content(line: str) -> None:
    assert strip.parse_meta_line(line) is None


def test_meta_lines_are_only_lifted_at_head_or_tail() -> None:
    doc = clean("mid", ["来源：国家统计局"])
    assert "来源：国家统计局" in doc.text.split("\n")
    assert "source" not in doc.meta


def test_interview_at_the_end_is_not_metadata() -> None:
    doc = clean("tail", ["记者：谢谢您接受采访。"])
    assert doc.text.endswith("记者：谢谢您接受采访。")
    assert "author" not in doc.meta


def test_first_meta_value_wins_and_published_feeds_reference() -> None:
    doc = clean("head", ["来源：新榜 2022-03-04 10:20", "作者：甲", "作者：乙"])
    assert doc.meta["author"] == "甲"
    assert doc.meta["published"] == "2022-03-04T10:20"


# ---------------------------------------------------------------- corpus level
def corpus_ctx(files: list[str], threshold: int = 3) -> Context:
    from collections import Counter

    from zhextract.step import CorpusInfo

    counts: Counter[str] = Counter()
    for f in files:
        counts.update(strip.corpus_line_keys(f))
    common = frozenset(k for k, n in counts.items() if n >= threshold)
    return Context(corpus=CorpusInfo(common_lines=common))


_TOPICS = [("社会消费品零售总额", "线下餐饮和文旅消费"), ("新能源汽车出口量", "欧洲和东南亚市场"),
           ("快递业务量", "农产品上行和直播电商"), ("光伏装机容量", "分布式项目和大型基地")]


def _story(i: int) -> list[str]:
    """Four different stories (different first paragraphs), sharing one short heading."""
    what, why = _TOPICS[i - 1]
    return [f"报道称，某地今年{what}同比增长明显，市场信心逐步恢复，相关行业的潜力持续释放。",
            "写在最后",
            f"分析人士指出，增长主要来自{why}，其中县域市场表现突出，增幅高于城市，后续仍有空间。"]


SITE_TOP = "汽车消费网首页财经频道正文"
SITE_END = "欢迎访问汽车消费网获取更多资讯"


def test_corpus_boilerplate_removes_site_template_lines() -> None:
    files = ["\n".join([SITE_TOP, f"{_TOPICS[i - 1][0]}数据解读", *_story(i), SITE_END]) for i in range(1, 5)]
    ctx = corpus_ctx(files)
    doc = run(files[0], STEPS, ctx)
    out = doc.text.split("\n")
    assert SITE_TOP not in out and SITE_END not in out
    assert doc.stats["strip.corpus_boilerplate"] == 2
    assert doc.title == "社会消费品零售总额数据解读"
    assert all(line in out for line in _story(1))
    # "写在最后", shared by different stories, stays: a short line between paragraphs


def test_corpus_boilerplate_keeps_lines_of_a_reprinted_story() -> None:
    story = ["快手电商发布新规",
             "快手电商今日宣布，自6月1日起商家保证金标准下调，新入驻商家最低只需缴纳500元，平台同时推出流量扶持。",
             "新规细则",
             "分析人士认为，此举意在吸引更多中小商家入驻，与拼多多和抖音争夺下沉市场的供给，竞争将更加激烈。",
             "商家可在后台查看"]
    files = []
    for site in ("甲", "乙", "丙"):
        top, end = f"{site}网首页频道导航栏", f"{site}网版权所有请勿镜像"
        files.append("\n".join([top, *story, end]))  # the reprint
        files.extend("\n".join([top, f"标题{i}", *_story(i), end]) for i in range(1, 5))
    ctx = corpus_ctx(files)
    doc = run(files[0], STEPS, ctx)
    out = doc.text.split("\n")
    assert doc.title == "快手电商发布新规"
    assert "新规细则" in out and "商家可在后台查看" in out
    assert "甲网首页频道导航栏" not in out and "甲网版权所有请勿镜像" not in out
    assert doc.stats["strip.corpus_boilerplate"] == 2


def test_corpus_boilerplate_keeps_content_and_meta_lines() -> None:
    shared = ["来源：汽车消费网", "感谢阅读本文，欢迎继续关注。"]
    files = ["\n".join([f"标题{i}", shared[0], *_story(i), shared[1]]) for i in range(1, 5)]
    ctx = corpus_ctx(files)
    doc = run(files[1], STEPS, ctx)
    assert doc.meta["source"] == "汽车消费网"  # lifted by header_meta, not dropped
    assert "感谢阅读本文，欢迎继续关注。" in doc.text.split("\n")


def test_corpus_threshold() -> None:
    assert strip.common_line_threshold(4) == 3
    assert strip.common_line_threshold(2500) == 3
    assert strip.common_line_threshold(10_000) == 10


@pytest.mark.parametrize("raw", [
    "使用微信掃描二維碼後",  # Traditional
    "相關閱讀：",
    "ＧＭＶ排行榜　第１名",  # full-width
    "聯(lián)系我們&nbsp;",  # pinyin note and entity
    "发表评论 (23)",
])
def test_line_key_is_the_same_before_and_after_normalize(raw: str) -> None:
    assert strip.line_key(raw) == strip.line_key(run(raw, normalize.STEPS).text)


def test_no_common_lines_no_change() -> None:
    files = ["\n".join([f"标题{i}", *_story(i)]) for i in range(1, 5)]
    doc = run(files[0], STEPS, corpus_ctx(files))
    assert doc.stats["strip.corpus_boilerplate"] == 0


# ---------------------------------------------------------------- robustness
@pytest.mark.parametrize("text", ["", "\n", "标题", "相关阅读", "友情链接：", "（资料图片）\n（资料图片）",
                                  "作者：张三", "快手怎么开通小黄车（）", "\n\n\n发表评论\n\n"])
def test_degenerate_inputs_do_not_crash(text: str) -> None:
    doc = run(text, STEPS)
    assert isinstance(doc.text, str)


def test_strip_steps_run_on_their_own() -> None:
    doc = run("环球快讯：某地发布新政\n据了解，新政将于下月起施行，涉及多个行业。\n发表评论", steps("strip", *[
        s.rule for s in (*strip.STEPS, *strip.AFTER_REPAIR)]))
    assert doc.title == "某地发布新政"
    assert doc.text == "据了解，新政将于下月起施行，涉及多个行业。"


# ---------------------------------------------------------------- property: prose always survives
def _prose_pool() -> list[str]:
    lines = list(PARAGRAPHS)
    for case in load_cases("strip_content.tsv", 3):
        lines.extend(x for x in case.values[2].split("\n") if "。" in x and len(x) >= 12)
    return lines


def _noise_pool() -> list[str]:
    position_free = {"seo_keyword_line", "link_farm", "furniture", "caption", "disclaimer", "contact",
                     "related_list", "tags", "header_meta", "site_tail", "injected_headline"}
    return [case.values[2].split("\n")[0] for case in load_cases("strip_boilerplate.tsv", 5)
            if case.values[0] in position_free]


PROSE, NOISE = _prose_pool(), _noise_pool()


@given(st.lists(st.sampled_from(PROSE), min_size=1, max_size=6, unique=True),
       st.lists(st.sampled_from(NOISE), max_size=8), st.randoms(use_true_random=False))
def test_prose_survives_any_mix_of_noise(prose: list[str], noise: list[str], rnd: random.Random) -> None:
    body = prose + noise
    rnd.shuffle(body)
    doc = run("\n".join([TITLE, *body]), STEPS)
    out = doc.text.split("\n")
    for line in normalized(prose):
        assert line in out, f"prose removed: {line}\n{[e.rule for e in doc.edits]}"
    assert doc.title == normalized([TITLE])[0]


# ---------------------------------------------------------------- whole articles of other sites
@pytest.mark.parametrize(("name", "raw", "title", "text", "checks"), load_cases("strip_articles.tsv", 5))
def test_whole_article_of_another_site(name: str, raw: str, title: str, text: str, checks: str) -> None:
    doc = run(raw, STEPS)
    assert strip.line_key(doc.title or "") == strip.line_key(title)
    assert [strip.line_key(x) for x in doc.text.split("\n")] == [strip.line_key(x) for x in text.split("\n")]
    for check in [] if checks == "-" else checks.split(";"):
        field, _, value = check.partition("=")
        expected: object = value.split("|") if field == "keywords" else value
        assert doc.meta.get(field) == expected, f"meta.{field}: {doc.meta}"


def test_one_label_title_above_prose_stays_the_title() -> None:
    doc = run("\n".join(["编辑：一个被低估的职业", *PARAGRAPHS]), STEPS)
    assert doc.title == "编辑：一个被低估的职业"
    assert "editor" not in doc.meta


def test_corpus_boilerplate_counts_traditional_and_simplified_copies_as_one_line() -> None:
    files = ["\n".join([f"标题{i}", *_story(i), "歡迎訪問汽車消費網獲取更多資訊"]) for i in (1, 2)]
    files += ["\n".join([f"标题{i}", *_story(i), SITE_END]) for i in (3, 4)]
    ctx = corpus_ctx(files)
    for f in (files[0], files[3]):
        doc = run(f, STEPS, ctx)
        assert doc.stats["strip.corpus_boilerplate"] == 1
        assert SITE_END not in doc.text


def test_question_heading_about_another_platform_stays_in_an_seo_article() -> None:
    text = "\n".join(["快手小店怎么开通（快手电商发布新规）", *PARAGRAPHS[:2], "抖音电商如何破局", *PARAGRAPHS[2:]])
    doc = run(text, STEPS)
    assert "抖音电商如何破局" in doc.text.split("\n")

"""Event records: event clause, trigger and actors of each date (sentences written for these tests)."""

from __future__ import annotations

import datetime as dt

import pytest

from zhextract.extract import extract, extract_all
from zhextract.extract.dates import find_dates
from zhextract.extract.events import build_events, event_clause
from zhextract.extract.text import TextIndex
from zhextract.gazetteer import load_gazetteer


def _events(text: str, reference: dt.date = dt.date(2022, 3, 4), use_jieba: bool = True) -> list[dict]:
    """The events of the whole extract stage (which knows the quantities too); without jieba, build_events."""
    if use_jieba:
        return extract(text, reference, load_gazetteer())[0]
    index = TextIndex.of(text)
    return build_events(text, find_dates(text, reference, index), load_gazetteer(), index, use_jieba)


@pytest.mark.parametrize(("text", "trigger", "actors"), [
    # the doer before the trigger; the objects after it are no actors
    ("据报道，11月15日晚，快手电商宣布对有赞和魔筷进行断链操作。", "宣布", {"快手电商"}),
    # a clause that drops its subject goes on with the doer of the clause before
    ("魔筷科技在11月16日回应此事称，近期升级了系统。", "回应", {"魔筷"}),
    # a doer that is no entity (the brands): no actor is invented
    ("快手公开数据显示，2021年超过1000家品牌入驻快手电商，同比增长186%。", "入驻", set()),
    # 在快手的直播间内: a place; the doer is the one who announced it
    ("有赞也发出通知，称11月15日24:00起，在快手的直播间内无法挂载有赞的链接。", "挂载", {"有赞"}),
    ("11月10日晚上9点开始，快手联合天猫推出晚会。", "推出", {"快手", "天猫"}),
    ("早在2020年8月，抖音就宣布切断外链。", "宣布", {"抖音"}),
    ("2019年6月，快手电商部门正式成立；2020年，快手牵手京东。", "成立", {"快手电商"}),
    ("京东表示，将于10月28日逐步开放外链。", "开放", {"京东"}),
    ("正式恢复全面合作10月29日。", "恢复", set()),
    # a reason between the date and the act frames it: the act is in the clause after it
    ("今年5月，因涉嫌信息披露违法，证监会决定对华信股份立案调查。", "立案", {"证监会"}),
    ("2023年，由于原料价格上涨，星海控股上调了产品售价。", "上调", {"星海控股"}),
    # a name inside a document's title is no doer of its taking effect
    ("3月1日起，新修订的《江城市物业管理条例》正式施行。", "施行", set()),
    ("10月9日，蔚蓝海运与星港集团签署协议。", "签署", {"蔚蓝海运", "星港集团"}),
    # jieba tags 超市 a verb: inside a name it is no predicate, and the name stays the doer
    ("根据财报，星海超市2022年净利润亏损27.63亿。", None, {"星海超市"}),
    # the comma of a note in brackets ends no clause: the company before the note is the doer
    ("4月28日，江城钢铁股份有限公司（600019.SH，下称江钢股份）披露年报。", "披露", {"江城钢铁股份有限公司"}),
])
def test_trigger_and_actors(text: str, trigger: str | None, actors: set[str]) -> None:
    event = _events(text)[0]
    assert event["trigger"] == trigger
    assert set(event["actors"]) == actors


def test_second_date_of_a_sentence_gets_its_own_clause() -> None:
    events = _events("2019年6月，快手电商部门正式成立；2020年，快手牵手京东，展开深入合作。")
    assert [(e["date"]["text"], e["trigger"]) for e in events] == [("2019年6月", "成立"), ("2020年", "牵手")]
    assert events[0]["actors"] == ["快手电商"] and events[1]["actors"] == ["快手"]


def test_a_bare_date_clause_borrows_the_next_clause() -> None:
    text = "据报道，11月15日晚，快手电商宣布断链。"
    index = TextIndex.of(text)
    at = text.index("11月15日晚")
    own, clause = event_clause(text, index, (at, at + len("11月15日晚")))
    assert text[own[0]:own[1]] == "11月15日晚"
    assert text[clause[0]:clause[1]].rstrip("。") == "快手电商宣布断链"


def test_identical_dates_in_one_sentence_make_one_event_per_trigger() -> None:
    # a date framing the clause and the same date inside it lead to one act: one event
    events = _events("在今年的年会上，星海集团提出了今年的三个目标。", dt.date(2022, 10, 1))
    assert [(e["date"]["text"], e["trigger"], e["actors"]) for e in events] == [("今年", "提出", ["星海集团"])]
    # each clause with an act of its own: two events, each with its doer
    events = _events("快手在双11发力，淘宝也在双11发力。", dt.date(2022, 10, 1))
    assert [e["actors"] for e in events] == [["快手"], ["淘宝"]]
    events = _events("快手在双11发力。淘宝也在双11发力。", dt.date(2022, 10, 1))
    assert len(events) == 2


def test_jieba_reads_only_clauses_without_a_lexicon_verb() -> None:
    with_jieba = _events("2020年，快手用户数激增。")[0]
    without = _events("2020年，快手用户数激增。", use_jieba=False)[0]
    assert with_jieba["trigger"] == "激增"
    assert without["trigger"] is None


def test_brand_names_are_never_triggers() -> None:
    """jieba tags 有赞 as a verb; an entity name is not a predicate."""
    event = _events("2021年，在快手的直播间内有赞的链接。")[0]
    assert event["trigger"] != "有赞"


def test_event_fields_index_the_text() -> None:
    text = "3月1日，快手电商与淘宝正式分手。\n2月22日，快手发布公告。"
    for event in _events(text):
        start, end = event["span"]
        assert text[start:end] == event["date"]["text"]
        assert event["date"]["text"] in event["sentence"] and "\n" not in event["sentence"]


def test_a_date_listed_with_other_dates_takes_the_clause_after_them_all() -> None:
    text = "2023年、2024年，我国光伏组件出口量连续突破200GW、240GW。"
    index = TextIndex.of(text)
    dates = [(0, 5), (6, 11)]
    own, clause = event_clause(text, index, (0, 5), dates)
    assert text[clause[0]:clause[1]].startswith("我国")
    own, clause = event_clause(text, index, (0, 5))  # without the other dates' spans: the date's own clause
    assert clause == own


def test_trigger_words_found_once_per_article_are_the_patterns_in_each_clause() -> None:
    """The trigger words are found in one pass over the article and looked up by clause: in every
    clause of the seeds they are what the lexicon's pattern finds in that clause alone (the words that
    begin a noun there set aside on both sides)."""
    from helpers import SEEDS
    from zhextract.decode import decode_bytes
    from zhextract.extract.events import _opens_a_noun, _Triggers
    from zhextract.extract.triggers import trigger_lexicon

    pattern = trigger_lexicon().pattern
    for path in SEEDS:
        text = decode_bytes(path.read_bytes())[0]
        index, triggers = TextIndex.of(text), _Triggers(text)
        assert triggers.words is not None  # no trigger word holds a clause's bound
        for start in sorted(set(index.sentence_starts)):
            for clause in index.clauses(index.sentence(start)):
                expected = [w for m in pattern.finditer(text, *clause)
                            if not _opens_a_noun(text, w := (m.start(), m.end(), m.group()))]
                assert triggers.within(clause) == expected, clause


def test_words_left_beside_a_date_read_from_the_left_as_filler_removal_leaves_them() -> None:
    """_has_words stops at the first Han character no filler word covers: the same answer as removing
    every filler word and searching what is left."""
    import itertools

    from zhextract.extract.events import _has_words
    from zhextract.extract.triggers import trigger_lexicon
    from zhextract.script import HAN_CHAR

    lex = trigger_lexicon()
    pieces = [*sorted(lex.fillers)[:12], "据", "在", "，", " ", "1", "晚", "称", "表示", "宣布", "起"]
    for n in range(1, 4):
        for combo in itertools.product(pieces, repeat=n):
            rest = "".join(combo)
            assert _has_words(rest, lex.filler) == bool(HAN_CHAR.search(lex.filler.sub("", rest))), rest


@pytest.mark.parametrize(("text", "word", "inside"), [
    ("深市上市公司总数为2853家", "上市", True),  # an organisation's kind (nt)
    ("债券发行量达到1200亿元", "发行", True),  # a measure: noun_end 量
    ("双方在发布会上宣布合作", "发布", True),  # a press conference: noun_end 会
    ("公司发布公告称", "发布", False),  # a verb and its object the dictionary joins: still the predicate
    ("公司于3月在港交所上市。", "上市", False),
])
def test_a_trigger_word_that_begins_a_noun_is_no_predicate(text: str, word: str, inside: bool) -> None:
    from zhextract.extract.events import _opens_a_noun

    start = text.index(word)
    assert _opens_a_noun(text, (start, start + len(word), word)) is inside


def test_a_date_takes_no_trigger_from_beyond_a_semicolon() -> None:
    # Written for this test: the first act (成交 read by jieba) ends at the semicolon; 增加 is the next statement's.
    text = "2月7日，绍兴6宗地块全部成交，成交总金额56.2亿元；民企参与度明显增加。"
    events = extract_all(text, dt.date(2023, 3, 1), load_gazetteer()).events
    first = next(e for e in events if e["date"]["text"].startswith("2月7日"))
    assert first["trigger"] != "增加"

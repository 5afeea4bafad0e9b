"""Who does what in a clause: the roles of names, event actors and number subjects (sentences written here)."""

from __future__ import annotations

import datetime as dt

import pytest

from zhextract.extract import extract_all
from zhextract.extract.entities import find_entities
from zhextract.extract.roles import roles
from zhextract.gazetteer import load_gazetteer

REFERENCE = dt.date(2024, 12, 31)


def _found(text: str):  # type: ignore[no-untyped-def]
    return extract_all(text, REFERENCE, load_gazetteer())


def _actors(text: str, date: str) -> list[str]:
    [event] = [e for e in _found(text).events if e["date"]["text"] == date]
    return event["actors"]


def _subject(text: str, number: str) -> str | None:
    [n] = [n for n in _found(text).numbers if n["text"] == number]
    return n["subject"]


def _roles(text: str) -> list[tuple[str, str]]:
    ents = find_entities(text, load_gazetteer())
    return [(text[m.start:m.end], r) for m, r in roles(text, ents, 0, len(text))]


@pytest.mark.parametrize(("text", "expected"), [
    ("快手与淘宝", [("快手", "doer"), ("淘宝", "doer")]),          # coordinated
    ("在快手的直播间内有赞", [("快手", "oblique"), ("有赞", "doer")]),  # a localizer closes the place
    ("快手被淘宝", [("快手", "patient"), ("淘宝", "doer")]),          # 被: the name after it acts
    ("与淘宝", [("淘宝", "oblique")]),                               # a coordinator at the head is a preposition
    ("快手宣布与淘宝", [("快手", "doer"), ("淘宝", "oblique")]),
])
def test_roles_of_names(text: str, expected: list[tuple[str, str]]) -> None:
    assert _roles(text) == expected


@pytest.mark.parametrize(("text", "date", "actors"), [
    # the doer before the trigger; names after it are objects
    ("2023年5月，云帆汽车宣布收购星海控股。", "2023年5月", ["云帆汽车"]),
    ("云帆汽车与星海控股于9月12日签署协议。", "9月12日", ["云帆汽车", "星海控股"]),
    # a clause without a subject goes on with the doer before it
    ("星海控股表示，将于10月28日开放接口。", "10月28日", ["星海控股"]),
    # a doer that is no entity: no actor is invented
    ("2024年起，第三方来源的产品将不再支持直播间购物车。", "2024年起", []),
    # an anaphor points back to the last company named
    ("云帆汽车发布公告。公司将于2025年一季度推出新车。", "2025年一季度", ["云帆汽车"]),
    # a person's speech: the person is the doer, the company its affiliation
    ("云帆汽车董事长李明远6月20日在股东大会上表示满意。", "6月20日", ["李明远"]),
    # the source of a figure is not its doer; the place whose statistics they are is
    ("国家统计局数据显示，2024年全国社会消费品零售总额增长3.5%。", "2024年", ["全国"]),
    # a named place is a doer when it acts as a government
    ("上海市于2024年5月27日出台楼市新政。", "2024年5月27日", ["上海市"]),
])
def test_event_actors(text: str, date: str, actors: list[str]) -> None:
    assert _actors(text, date) == actors


_DOCTOR = "在江城市人民医院，心内科主任赵明轩把我带进诊室，45岁的赵明轩毕业于复旦大学，做了20年的心内科医生。"


@pytest.mark.parametrize(("text", "number", "subject"), [
    ("云帆汽车营业收入12.5亿元，同比下降8.2%。", "8.2%", "云帆汽车"),  # carried across the clauses
    ("淘宝在抖音的广告投放超过200亿元。", "超过200亿元", "淘宝"),            # 在抖音: a place, not whose
    ("截至6月底，全市共有充电桩3.2万个。", "3.2万个", "全市"),           # a place frames the figure
    ("中国人民银行数据显示，10月人民币贷款增加5000亿元。", "5000亿元", None),  # the source is not whose
    ("云帆汽车发布公告。其营收为20亿元。", "20亿元", "云帆汽车"),          # 其 points back
    ("云帆汽车董事长李明远表示，公司将投资200亿元。", "200亿元", "云帆汽车"),  # not the speaker's
    # a name in brackets glosses a word a preposition governs: oblique too, the sentence's topic is whose
    ("浙江在2020年卖出80辆氢能货车，2021年在星海（Singhai）X7车型带动下，市占率达9.5%。", "9.5%", "浙江"),
    ("2021年在星海X7车型带动下，市占率达9.5%。", "9.5%", "X7"),  # no bracket: as before
    # a person's age and years: the person, not the place or school named around
    (_DOCTOR, "45岁", "赵明轩"),
    (_DOCTOR, "20年", "赵明轩"),
    ("星海控股董事长李明远今年52岁。", "52岁", "李明远"),
    ("女主角赵晓彤在2013年16岁时，便加盟星光影业。", "16岁", "赵晓彤"),
    ("江城市人民医院共有职工2000人，平均年龄38岁。", "38岁", "江城市人民医院"),  # no person: as before
    # the doer carried on from a clause before, not what its verb was about
    ("我国集装箱产量连续8年位居世界首位，已销往60多个国家和地区。", "60多个", "我国"),
    ("江城区人民法院判决被告人赵某犯诈骗罪，判处有期徒刑4年。", "4年", "赵某"),  # a person after the verb is
    # the owner named in a clause before the number's own
    ("江城集团公布，各区域中，无锡的门店数量最多，达42家。", "42家", "无锡"),
    # parallel clauses, each with its own owner: the name opening each clause (a branch: its placed class)
    ("卫生署公布，九龙西联网眼科新症最长需等候80周；新界东联网有三成病人需要等45周。", "45周", "新界"),
    ("江城集团公布，江苏分公司营收增长8%，浙江分公司增长6%，安徽分公司增长5%。", "5%", "安徽分公司"),
])
def test_number_subjects(text: str, number: str, subject: str | None) -> None:
    assert _subject(text, number) == subject


def test_the_involved_entities_of_an_event_name_its_objects_too() -> None:
    [event] = _found("2023年5月，云帆汽车宣布收购星海控股。").events
    assert event["actors"] == ["云帆汽车"] and event["involved"] == ["云帆汽车", "星海控股"]


@pytest.mark.parametrize(("text", "date", "expected"), [
    # a source that names a public body: its report, the doer of the date when no one else is named
    ("江城市统计局测算，到2035年，全球储能电池出货量将达到900GWh。", "2035年", ["江城市统计局"]),
    ("根据中国乒协今年的正式数据，注册运动员共有3.2万人。", "今年", ["中国乒协"]),
    # but a place named in the clause is whose statistics they are
    ("国家统计局数据显示，2024年全国粮食产量增长1.6%。", "2024年", ["全国"]),
    # and an act of an unnamed doer is that doer's: no actor
    ("星海控股公开数据显示，2024年超过500家商户入驻星海商城。", "2024年", []),
    # a name right before its date: what the date is of
    ("具体数字可见江城大学5月8日公告。", "5月8日", ["江城大学"]),
    ("学生人数较2023年减少5%。", "2023年", []),
    # a place written right after a number is its currency's name, no doer
    ("去年，澳门接待旅客2800万人次。第三季度会展收入仅录42.7亿澳门元，较上季跌3%。", "第三季度", []),
    ("第三季度，澳门会展收入为42.7亿澳门元。", "第三季度", ["澳门"]),
])
def test_sources_and_names_before_a_date_as_doers(text: str, date: str, expected: list[str]) -> None:
    assert _actors(text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    ("2024年，江西省粮食总产量达到2200万吨。", "2024年", ["江西省"]),          # a named place alone: its own figure
    ("2024年，全国粮食总产量达到7亿吨。", "2024年", ["全国"]),                # a frame: whose statistics they are
    ("2023年，我国光伏组件出口量增长三成。", "2023年", ["我国"]),
    ("今年前三季度，全县完成固定资产投资56亿元。", "今年前三季度", ["全县"]),  # a frame that acts
    ("3月5日，上海市出台新政支持新能源车企。", "3月5日", ["上海市"]),        # a place that acts
    ("今年5月，云帆汽车在江西省投产新工厂。", "今年5月", ["云帆汽车"]),        # beside a company, the company
    ("6月18日，湖北省的星海控股发布新车。", "6月18日", ["星海控股"]),
    ("2024年，全球智能手表出货量为1.9亿块。", "2024年", []),                  # a scope that is no jurisdiction
    ("7月1日起，江城市公交票价调整方案正式施行。", "7月1日起", []),          # a rule taking effect
    ("截至2024年底，我国公募基金资产净值为32万亿元。", "截至2024年底", ["我国"]),  # a place before a market
    ("2024年，全省规模以上工业企业利润增长4%。", "2024年", ["全省"]),        # a sector taken over a place
    ("2024年，保险业原保险保费收入增长5%。", "2024年", []),                  # a sector alone: no doer
    ("湖州市某纺织厂4月推出新款面料。", "4月", []),                         # a place before an unnamed agent
    ("今年一季度，杭州一家物流企业营收增长18%。", "今年一季度", []),
    ("4月，湖州市推出纺织业扶持新政。", "4月", ["湖州市"]),                 # the same place alone acts
    ("9月3日，我市召开民营经济发展大会。", "9月3日", ["我市"]),             # the paper's own city (我市, 我县)
    ("今年一季度，我县完成工业投资12亿元。", "今年一季度", ["我县"]),
])
def test_places_as_doers(text: str, date: str, expected: list[str]) -> None:
    assert _actors(text, date) == expected


@pytest.mark.parametrize(("text", "number", "subject"), [
    ("湖州市某纺织厂今年营收为3.2亿元。", "3.2亿元", None),        # the unnamed mill's, not the city's
    ("绍兴多家印染企业上半年产量下降9%。", "9%", None),
    ("湖州市今年纺织产业产值为860亿元。", "860亿元", "湖州市"),    # the city's own figure
])
def test_a_place_before_an_unnamed_agent_owns_none_of_its_figures(text: str, number: str,
                                                                   subject: str | None) -> None:
    assert _subject(text, number) == subject


@pytest.mark.parametrize(("text", "date", "expected"), [
    # a comparison base is the same subject's figure a period earlier: the sentence's doer
    ("青禾集团上半年营收为18亿元，较去年同期之25亿元，减少7亿元。", "去年", ["青禾集团"]),
    ("青禾集团上半年营收为18亿元，与2023年同期相比下降28%。", "2023年", ["青禾集团"]),
])
def test_a_comparison_base_takes_the_doer_of_its_sentence(text: str, date: str, expected: list[str]) -> None:
    assert _actors(text, date) == expected


def test_a_penalty_belongs_to_whom_it_is_imposed_on_not_to_who_imposes_it() -> None:
    text = "江州银保监分局于6月对青禾财险处以80万元罚款。"
    numbers = extract_all(text, dt.date(2025, 6, 30), load_gazetteer()).numbers
    assert [n["subject"] for n in numbers if n["text"].startswith("80万")] == ["青禾财险"]


def test_a_place_in_a_list_of_owners_gives_way_to_the_companies_of_the_list() -> None:
    from zhextract.extract.entities import Entities
    from zhextract.extract.names import Candidate
    from zhextract.extract.subjects import _owner_of_a_list

    text = "星海控股、江西青山2024年营收均超过8亿元。"
    ents = Entities(text)
    ents.add([Candidate(0, 4, "company", "org_form", "星海"), Candidate(5, 7, "place", "places", "江西")])
    found = [(m, "doer") for m in ents.within(0, len(text))]
    assert ents.name(_owner_of_a_list(ents, found)) == "星海控股"
    assert ents.name(_owner_of_a_list(ents, found[1:])) == "江西"  # a place alone stays


def test_a_date_on_its_own_line_under_lines_of_names_is_the_signers_act() -> None:
    signed = "现将意见印发给你们，请认真贯彻执行。\n江城市人民政府办公室\n2019年3月8日\n关于推进工作的意见"
    assert _actors(signed, "2019年3月8日") == ["江城市人民政府办公室"]
    # a line of words that is no name above the date: no signer
    unsigned = "现将意见印发给你们，请认真贯彻执行。\n特此通知\n2019年3月8日\n关于推进工作的意见"
    assert _actors(unsigned, "2019年3月8日") == []


@pytest.mark.parametrize(("text", "date", "expected"), [
    # a passive clause before: who goes on is the one acted on, not the agent
    ("云帆汽车于3月获星海资本投资，5月又启动了扩产。", "5月", ["云帆汽车"]),
    ("澜途手机被星海控股起诉，并于6月提起反诉。", "6月", ["澜途手机"]),
    # a frame opened by a name (X在…时, X被…后): the name is the topic the next clauses go on with
    ("江城集团在2019年上市时，就获星海资本投资，第二年就成为行业龙头。", "第二年", ["江城集团"]),
    ("剧中的女主角王小雨在2015年读大二时，便获星海影业青睐，第二年签下经纪合约。", "第二年", ["王小雨"]),
    ("云帆汽车被星海控股起诉后，随即于5月发表声明。", "5月", ["云帆汽车"]),
    # a frame with a verb before its first name says nothing of the topic
    ("为响应星海控股的号召，2024年3月起多家企业下调了价格。", "2024年3月起", []),
])
def test_the_clauses_after_a_passive_or_a_frame_go_on_with_its_topic(text: str, date: str,
                                                                     expected: list[str]) -> None:
    assert _actors(text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    ("沙特阿美与中国石化于10月签署合作协议。", "10月", ["沙特阿美", "中国石化"]),  # two names opening, joined
    ("澜途手机和聆溪电子于2024年1月达成专利交叉许可。", "2024年1月", ["澜途手机", "聆溪电子"]),
    ("行业与政府于5月达成共识。", "5月", []),  # ordinary words joined are no names
])
def test_names_joined_by_a_coordinator_before_the_date_both_act(text: str, date: str, expected: list[str]) -> None:
    assert _actors(text, date) == expected

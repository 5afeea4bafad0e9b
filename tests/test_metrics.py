"""What a number measures and how it changed, read from the text (sentences written here)."""

from __future__ import annotations

import datetime as dt

import pytest

from zhextract.extract import extract_all
from zhextract.gazetteer import load_gazetteer


def _number(text: str, number: str) -> dict:
    found = extract_all(text, dt.date(2024, 12, 31), load_gazetteer())
    [n] = [n for n in found.numbers if n["text"] == number]
    return n


@pytest.mark.parametrize(("text", "number", "metric", "group"), [
    ("云帆汽车营业收入12.5亿元。", "12.5亿元", "营业收入", "营收"),
    ("云帆汽车出货量为120万辆。", "120万辆", "出货量", "销量"),          # the text's own word, its group apart
    ("全年共受理投诉案件412件。", "412件", "投诉案件", "案件"),            # a verb that modifies the head
    ("鼎元证券经纪业务手续费净收入为14.2亿元。", "14.2亿元", "经纪业务手续费净收入", "收入"),
    ("云鹭航空客座率为84.6%。", "84.6%", "客座率", None),                 # a measure ended by 率
    ("湖南省新开工项目482个。", "482个", "新开工项目", "项目"),
    ("今年新增5120张货架。", "5120张", "货架", None),                     # what a count counts
    ("远驰汽车10月共交付新车3.86万辆。", "3.86万辆", "交付新车", None),     # a verb and its object
    ("券商板块整体净利润为300亿元。", "300亿元", "净利润", "净利润"),        # 整体 ends the phrase
    ("该公司员工总数为两万人。", "两万人", "员工总数", "人数"),             # 公司 goes with 该
    # the noun phrase right before a number, or before the words that link it, when nothing else names it
    ("截至9月底，全县共有充电桩4.1万个。", "4.1万个", "充电桩", None),
    ("华济医院平均住院日降至5.8天。", "5.8天", "平均住院日", None),
    ("此案涉案人员共计35名。", "35名", "涉案人员", None),
    ("增速高于全省0.8个百分点。", "0.8个百分点", "增速", "增速"),     # 全省 is compared with; the rate is measured
    ("公司毛利率有所改善，从31%提升至35%。", "31%", "毛利率", "比率"),     # a clause naming nothing: the one before
    ("其中，江城项目数量最多，达42个。", "42个", "项目数量", "数量"),
    ("每千人口医疗卫生机构床位数为6.9张。", "6.9张", "床位数", None),           # 机构 is whose it is
    ("截至年末，全省共有医疗卫生机构8.1万个。", "8.1万个", "医疗卫生机构", None),  # but what a count counts
    ("双方签署的协议有效期为5年。", "5年", "有效期", "期限"),
    ("该基金拟以不超过3亿元的自有资金参与认购。", "不超过3亿元", "自有资金", "资金"),  # the measure after 的
    ("共有42家企业在科创板上市。", "42家企业", "企业", None),             # a counted noun names itself
    ("全市累计为消费者挽回经济损失860万元。", "860万元", "挽回经济损失", "赔偿"),  # 消费者 acts, it modifies nothing
    ("其中五年期定期存款利率为1.8%。", "1.8%", "定期存款利率", "比率"),  # 五年|期: a piece of the number's word
])
def test_metric_as_written(text: str, number: str, metric: str, group: str | None) -> None:
    n = _number(text, number)
    assert (n["metric"], n["metric_group"]) == (metric, group)


@pytest.mark.parametrize(("text", "number", "change", "metric"), [
    ("云帆汽车营业收入12.5亿元，同比下降8.2%。", "8.2%", "同比下降", "营业收入"),  # the thing that changed
    ("资产管理规模为3850亿元，较年初增加412亿元。", "412亿元", "较年初增加", "资产管理规模"),
    ("我国公募基金资产净值较8月末增加3900亿元。", "3900亿元", "较8月末增加", "资产净值"),
    ("订单量同比仅增长7%。", "7%", "同比仅增长", "订单量"),
    ("营业收入同比分别增长12.4%。", "12.4%", "同比分别增长", "营业收入"),
    ("与2010年相比增加了20个百分点。", "20个百分点", "与2010年相比增加", None),
    ("抖音电商的日活较2020年增长了50%。", "50%", "较2020年增长", "日活"),
    ("人民币贷款同比多增3000亿元。", "3000亿元", "同比多增", "人民币贷款"),
    ("门店较年初新增50家。", "50家", "较年初新增", "门店"),         # no measure noun: the noun before the change
    ("博彩毛收入按年大跌6.9%。", "6.9%", "按年大跌", "博彩毛收入"),
    ("客房收入按季减少2.3%。", "2.3%", "按季减少", "客房收入"),          # 按季|减少, not 季减
    ("本港零售业总销货价值按年跌4.1%。", "4.1%", "按年跌", "总销货价值"),       # a verb of one character
    ("受理案件820件，标的总额9.6亿元，同比分别增长5.1%和7.4%。", "7.4%", "同比分别增长", "标的总额"),  # 分别 pairs
])
def test_change_as_written_from_its_base_to_its_verb(text: str, number: str, change: str,
                                                     metric: str | None) -> None:
    n = _number(text, number)
    assert (n["change"], n["metric"]) == (change, metric)


@pytest.mark.parametrize(("text", "number"), [
    ("占比提升至30%。", "30%"),              # the level reached, not a change
    ("新增贷款8000亿元。", "8000亿元"),       # 新增 + noun is a flow measured, not a change
    ("2020年增长的势头延续，营收50亿元。", "50亿元"),
])
def test_no_change(text: str, number: str) -> None:
    assert _number(text, number)["change"] is None


def test_new_loans_are_the_metric_of_a_flow() -> None:
    assert _number("新增贷款8000亿元。", "8000亿元")["metric"] == "新增贷款"


@pytest.mark.parametrize(("text", "number", "period"), [
    ("远驰电池与云帆汽车于2024年3月成立合资公司，合资公司注册资本为8亿元。", "8亿元", None),  # set by the act
    ("两家公司于5月签署许可协议，协议有效期为5年。", "5年", None),
    ("截至6月末，该基地设计年产能为30万辆。", "30万辆", "截至6月末"),           # a state's date frames it
    ("云帆汽车于2024年8月被罚款120万元。", "120万元", "2024年8月"),             # the act's own figure
    ("7月1日起，江城公交票价由1元调整为2元。", "2元", "7月1日起"),            # what holds from the date: the end
    ("7月1日起，江城公交票价由1元调整为2元。", "1元", None),
])
def test_a_measure_set_by_an_act_takes_no_period_from_the_act_s_clause(text: str, number: str,
                                                                        period: str | None) -> None:
    n = _number(text, number)
    assert (n["period"] or {}).get("text") == period



@pytest.mark.parametrize(("text", "number", "metric", "group"), [
    # a verb of transaction right before a count is what it measures, not the thing counted after it
    ("全年只卖出95辆氢能车。", "95辆", "卖出", None),
    ("该公司上月交付了3.2万辆新车。", "3.2万辆", "交付", None),
    ("湖南省新开工项目482个。", "482个", "新开工项目", "项目"),           # look-alike: no transaction verb
    ("平台今年帮扶了3000家小微商户。", "3000家", "小微商户", None),         # nor here: the thing counted
    # what a count counts: a modifier of measure_words.tsv may open it, a conjunction joins two nouns
    ("监管部门去年关停300多个网上商城。", "300多个", "网上商城", None),
    ("我国已与80多个国家和地区签署协议。", "80多个", "国家和地区", None),
    ("成绩将供本地四所高校及部分外地院校参考。", "四所", "高校", None),  # 部分 opens a group of its own
    # a place may open the thing counted, an adjective stand between its nouns, and a word the reach cuts is left out
    ("浙江经济增长。年底共有36家浙江医疗健康领域企业发布年报。", "36家", "浙江医疗健康领域企业", None),
    ("浙江经济增长。年底共有36家浙江新能源汽车领域上市公司发布年报。", "36家", "浙江新能源汽车领域", None),
    # a noun naming the level reached is no thing counted: the measure named before it is
    ("我省钢材出口量先后跨上了80万吨、120万吨台阶。", "120万吨", "钢材出口量", "出口"),
    ("该连锁品牌的门店数突破1000家大关。", "突破1000家", "门店数", None),
    # 销售 is a measure of counts (销量's group); a verb ending in 至 names no measure
    ("乙品牌的电动车销售将从去年的2,400台增至3,600台。", "3,600台", "电动车销售", "销量"),
    # a share verb alone stands for 占比; an age is measured by 岁 itself
    ("中端产品已占40%以上。", "40%以上", "占比", None),
    ("38岁的张经理负责该项目。", "38岁", "岁", "年龄"),
    # a modifier alone (预估, 计划) names no measure; a phrase it ends does
    ("较此前预估的20%-25%大幅提升。", "20%-25%", None, None),
    ("江城大学本科招生计划为6800人。", "6800人", "招生计划", None),
])
def test_metric_rules_of_issue_15(text: str, number: str, metric: str | None, group: str | None) -> None:
    n = _number(text, number)
    assert (n["metric"], n["metric_group"]) == (metric, group)


@pytest.mark.parametrize(("text", "numbers", "change", "metric"), [
    # figures listed after a change, with nothing of their own, share its change and metric
    ("三类开支中差旅费用同比增加14.5%、7.1%和22.3%。", ("14.5%", "7.1%", "22.3%"), "同比增加", "差旅费用"),
    ("光伏产品出口较2016年分别增长了2.6倍、1.8倍。", ("2.6倍", "1.8倍"), "较2016年分别增长", "光伏产品出口"),
    ("该车型上牌量三年翻了近8倍。", ("近8倍",), "翻", "上牌量"),
    ("集团核心利润减少9.5亿港元或27%。", ("9.5亿港元", "27%"), "减少", "核心利润"),  # one change written twice
])
def test_a_list_after_a_change_shares_it(text: str, numbers: tuple[str, ...], change: str, metric: str) -> None:
    for number in numbers:
        n = _number(text, number)
        assert (n["change"], n["metric"]) == (change, metric), number


@pytest.mark.parametrize(("text", "number", "metric"), [
    # the base of a comparison (较…的 N) measures what the figure compared with it measures
    ("其利润年均成长率将达18%-22%，较此前预估的12%-15%明显提高。", "12%-15%", "年均成长率"),
    # a clause that only moves a figure to a level (缩水至, 回落到) names nothing: the measure before it
    ("去年全市新能源车上牌量首度下降，回落至1万2,460辆。", "1万2,460辆", "上牌量"),
    # a clause of link words (仍在) names nothing either
    ("这款车能耗表现稳定，仍在15千瓦时以下。", "15千瓦时以下", "能耗"),
    # a span of time whose clause names none measures the time named before it
    ("今年体检预约等候时间变长，部分市民需要等6周。", "6周", "预约等候时间"),
])
def test_a_clause_naming_nothing_takes_the_measure_before(text: str, number: str, metric: str) -> None:
    assert _number(text, number)["metric"] == metric


@pytest.mark.parametrize(("text", "number", "metric"), [
    ("另有约80宗疑似个案。", "约80宗", None),   # a verb of being there measures nothing (not 另有)
    ("公司有员工300人。", "300人", "员工"),     # the noun before the number, not 有员工
    ("全市共有充电桩3.2万个。", "3.2万个", "充电桩"),
])
def test_a_verb_of_being_there_names_no_measure(text: str, number: str, metric: str | None) -> None:
    assert _number(text, number)["metric"] == metric


@pytest.mark.parametrize(("text", "number", "metric"), [
    ("这款车油耗表现良好，续航达到600公里。", "600公里", "续航"),  # the clause's own measure, not 油耗
    ("合同期限为3年，公司成立10年来首次亏损。", "10年", "成立"),  # the clause's own verb comes first
    ("营收年增长率为12%，净利率为8%。", "8%", "净利率"),        # look-alike: no 较…的
])
def test_look_alikes_keep_their_own_metric(text: str, number: str, metric: str | None) -> None:
    assert _number(text, number)["metric"] == metric


@pytest.mark.parametrize(("text", "number", "metric"), [
    # only a verb that moves money names what a sum measures
    ("蓝岸科技将向该校捐赠2亿元。", "2亿元", "捐赠"),
    ("平台全年减免服务费约6亿元。", "约6亿元", "减免服务费"),
    ("该品牌全面告别20元。", "20元", None),                              # a price bound, no verb of money
    # a sum that qualifies a thing through 的 measures that thing (its price or value)
    ("该品牌表示今年不会上架30元以上的奶茶新品。", "30元以上", "奶茶新品"),
    ("投资3亿元的项目于年底开工。", "3亿元", "投资"),                    # a verb of money comes first
])
def test_what_a_sum_measures(text: str, number: str, metric: str | None) -> None:
    assert _number(text, number)["metric"] == metric


@pytest.mark.parametrize(("text", "number", "metric"), [
    # A占B的N%: the percentage measures the part, written before the share verb
    ("公司研发费用占营业收入的12.5%。", "12.5%", "研发费用"),
    ("其中直营门店占全部门店的六成。", "六成", "直营门店"),
    ("人工成本约占总成本的三分之一。", "三分之一", "人工成本"),
    ("差旅费用占管理费用的比例为23.6%。", "23.6%", "比例"),   # look-alike: a measure noun of its own
])
def test_a_share_measures_its_part(text: str, number: str, metric: str) -> None:
    assert _number(text, number)["metric"] == metric


@pytest.mark.parametrize(("text", "number", "metric"), [
    # a head that is also a verb takes the noun after it as its object, or modifies it: no measure alone
    ("公司11月销售整车40.5万辆。", "40.5万辆", "销售整车"),
    ("公司销售团队扩充至500人。", "500人", None),
    ("我国前11个月进口芯片4800亿个。", "4800亿个", "进口芯片"),
    ("公司营业收入同比下降3亿元。", "3亿元", "营业收入"),   # look-alike: 同比 is no object
    ("该片最终票房有望达到16亿元左右。", "16亿元左右", "票房"),
])
def test_a_verb_head_with_an_object(text: str, number: str, metric: str | None) -> None:
    assert _number(text, number)["metric"] == metric

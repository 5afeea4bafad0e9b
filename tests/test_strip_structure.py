"""The strip stage's line model and its structural rules, one by one.

Every case here is written for this file: invented companies, people and
wordings, laid out as real pages lay them out.
"""

from __future__ import annotations

import pytest

from helpers import process, run
from zhextract.stages import normalize, strip
from zhextract.stages.strip.fields import is_person_name, parse_meta_line, split_title_fields
from zhextract.stages.strip.page import View, grams, is_code_line, shape
from zhextract.stages.strip.spam import is_keyword_stuffing
from zhextract.stages.strip.structure import is_english_sentence, is_menu, is_table_row

STEPS = [*normalize.STEPS, *strip.STEPS, *strip.AFTER_REPAIR]

BODY = [
    "4月18日，青岚储能科技股份有限公司在合肥发布新一代液冷储能柜，单柜容量提升至5兆瓦时，较上一代产品提高了25%。",
    "青岚储能表示，新产品将率先用于西北地区的大型光伏配套项目，预计今年下半年开始批量交付，全年出货量有望突破8吉瓦时。",
    "业内人士认为，储能电芯价格在过去一年下降了四成左右，系统集成商之间的竞争正从价格转向安全和循环寿命。",
]
HEADLINE = "青岚储能发布液冷储能柜 单柜容量提升至5兆瓦时"


def clean(lines: list[str]):  # type: ignore[no-untyped-def]
    return run("\n".join(lines), STEPS)


def normalized(line: str) -> str:
    return run(line, normalize.STEPS).text


# ---------------------------------------------------------------- the line model
def test_prose_is_dense_in_function_words_and_a_menu_is_not() -> None:
    prose, menu = shape(BODY[2]), shape("首页 财经 地产 汽车 科技 健康")
    assert prose.function > 0.15 > menu.function
    assert prose.prose and prose.final and not menu.prose


def test_headline_form() -> None:
    assert shape(HEADLINE).headline
    assert not shape(BODY[0]).headline  # a paragraph
    assert not shape("单柜容量提升至5兆瓦时，").headline  # a piece of a sentence


@pytest.mark.parametrize("line", [
    '<img src="/upload/2024/0418/cabinet.jpg" alt="">',
    "现场照片_20240418093012.png",
    "{{article.subtitle}}",
    "news_detail_source",
    "<!--{page_body}-->",
])
def test_code_like_lines(line: str) -> None:
    assert is_code_line(line)


@pytest.mark.parametrize("line", [
    "Tesla | BYD | NIO | Li Auto",
    "参数可以写在config.yaml文件里，重启服务后生效。",
    "https://www.example.com/news/2024/0418.html",  # a bare link is the url rule's, not code
])
def test_lines_that_are_not_code(line: str) -> None:
    assert not is_code_line(line)


def test_grams_leave_out_grammatical_words_but_not_content_words_holding_them() -> None:
    g = grams("快手的直播间和抖音的商城，储能协会")
    assert {"直播", "商城", "快手", "抖音", "储能", "协会"} <= g  # 能 and 会 are function words, 储能 and 协会 are not
    assert not {"的直", "间和", "和抖"} & g


def test_menus_tables_and_quote_rows() -> None:
    assert is_menu("首页 新闻 财经 地产 汽车")
    assert is_menu("简体|繁体|English")
    assert is_menu("恒生指数 17890.22 +1.02% 国企指数 6321.50 -0.35%")
    assert not is_menu("储能柜|光伏组件|逆变器，三类产品占营收九成")
    assert is_table_row("储能柜 | 12.6 | 8.9 | 41.6%")
    assert not is_table_row("储能柜 | 光伏组件 | 逆变器")


def test_english_sentences_and_lists_of_names() -> None:
    assert is_english_sentence("Workers check a battery cabinet at the plant in Hefei.")
    assert not is_english_sentence("CATL | BYD | EVE | CALB")
    assert not is_english_sentence("青岚储能发布新品")


def test_keyword_stuffing() -> None:
    assert is_keyword_stuffing("储能柜价格-储能柜厂家-家用储能柜-储能柜排名-储能柜加盟")
    assert not is_keyword_stuffing("营收 | 12.6 | 8.9 | 41.6%")
    assert not is_keyword_stuffing("储能、光伏、风电、氢能")


# ---------------------------------------------------------------- metadata fields
@pytest.mark.parametrize(("line", "expected"), [
    ("编辑部 2024-04-18 阅读(2315)", None),
    ("2024-04-18 09:30 阅读8823", {"published": "2024-04-18T09:30", "counter": "8823"}),
    ("发布于3小时前·浏览1.6万", {"other": "3小时前", "counter": "1.6万"}),
    ("储能观察 贺明轩 2024-04-18 09:30", {"published": "2024-04-18T09:30", "source": "储能观察", "author": "贺明轩"}),
    ("原创 贺明轩 储能观察 2024-04-18 发表于安徽",
     {"published": "2024-04-18", "author": "贺明轩", "source": "储能观察"}),
    ("（编辑：贺明轩）1130418", {"editor": "贺明轩"}),
    ("2024/4/18 09:30（4/18 11:02 更新）", {"published": "2024-04-18T09:30"}),
    ("归档时间：2024-05-02", {"other": "2024-05-02"}),
    ("提交者：发表时间：2024-1-9点击次数：862来源：江城卫健委",
     {"published": "2024-01-09", "counter": "862", "source": "江城卫健委"}),
])
def test_meta_fields_of_other_sites(line: str, expected: dict[str, str] | None) -> None:
    assert parse_meta_line(normalized(line)) == expected


def test_person_names_by_their_family_name() -> None:
    assert is_person_name("贺明轩") and is_person_name("欧阳青")
    assert not is_person_name("储能观察") and not is_person_name("新闻")


def test_headline_date_and_source_on_one_line() -> None:
    split = split_title_fields(normalized(f"{HEADLINE} 2024-04-18 09:30 来源：合肥日报"))
    assert split == (normalized(HEADLINE), {"published": "2024-04-18T09:30", "source": "合肥日报"})
    assert split_title_fields(normalized("记者探访储能柜工厂")) is None


@pytest.mark.parametrize(("opening", "source", "author"), [
    ("新华社合肥4月18日电（记者 贺明轩 欧阳青）", "新华社", "贺明轩、欧阳青"),
    ("合肥日报讯（记者 贺明轩）", "合肥日报", "贺明轩"),
    ("【江淮时报-合肥电】", "江淮时报", None),
    ("（江淮晚报报道）", "江淮晚报", None),
    ("（青岚社记者贺明轩合肥18日电）", "青岚社", "贺明轩"),
    ("《江淮通讯社18日专讯》", "江淮通讯社", None),
])
def test_datelines_go_to_meta_and_the_paragraph_keeps_the_rest(opening: str, source: str, author: str | None) -> None:
    doc = clean([HEADLINE, opening + BODY[0], *BODY[1:]])
    assert doc.text.split("\n")[0] == normalized(BODY[0])
    assert doc.meta["source"] == source
    assert doc.meta.get("author") == author
    assert any(e.rule == "dateline" and e.why for e in doc.edits)


def test_an_editor_s_initials_closing_the_story_go_but_a_ticker_in_brackets_stays() -> None:
    doc = clean([HEADLINE, *BODY[:2], BODY[2] + "（hm/s）~"])
    assert doc.text.split("\n")[-1] == normalized(BODY[2])
    assert any(e.why == "an editor's initials closing the last paragraph" for e in doc.edits)
    doc = clean([HEADLINE, *BODY[:2], BODY[2] + "（NYSE）"])
    assert doc.text.endswith("（NYSE）")


def test_a_headline_opening_with_a_range_of_months_keeps_it() -> None:
    headline = "2024年1-8月青岚储能出货情况简析"
    doc = clean([headline, *BODY])
    assert doc.title == normalized(headline)
    assert "published" not in doc.meta


def test_a_date_stamp_before_the_lead_is_the_published_date() -> None:
    doc = clean([HEADLINE, "date 2024-04-18 " + BODY[0], *BODY[1:]])
    assert doc.meta["published"] == "2024-04-18"
    assert doc.text.split("\n")[0] == normalized(BODY[0])


# ---------------------------------------------------------------- the title
def test_the_headline_is_chosen_below_site_chrome() -> None:
    doc = clean(["储能网", "让每一度电都有价值", "首页 > 储能 > 正文", "0", HEADLINE, "2024-04-18 09:30 来源：储能网",
                 *BODY])
    assert doc.title == normalized(HEADLINE)
    assert doc.text.split("\n") == [normalized(x) for x in BODY]
    assert doc.meta["source"] == "储能网" and doc.meta["published"] == "2024-04-18T09:30"


def test_a_head_line_sharing_the_article_s_words_stays_in_the_body() -> None:
    # Kept on purpose: a line above the body that shares its vocabulary may be the article's deck;
    # a tagline sharing one word in eight (储能 of 领先的储能产业资讯平台) does not count as that.
    doc = clean(["液冷方案能否撬动西北光伏配套市场", "领先的储能产业资讯平台", HEADLINE, *BODY])
    assert doc.title == normalized(HEADLINE)
    assert doc.text.split("\n") == ["液冷方案能否撬动西北光伏配套市场", *[normalized(x) for x in BODY]]


def test_every_copy_of_the_headline_leaves_the_body() -> None:
    trad = "青嵐儲能發佈液冷儲能櫃 單櫃容量提升至5兆瓦時"
    doc = clean([HEADLINE, *BODY, trad])
    assert doc.title == normalized(HEADLINE)
    assert doc.text.split("\n") == [normalized(x) for x in BODY]


def test_a_prefix_and_a_suffix_the_body_shares_nothing_with_are_left_out() -> None:
    doc = clean([f"《能源周刊》{HEADLINE}|午夜福利在线观看", *BODY])
    assert doc.title == normalized(HEADLINE)


def test_a_headline_with_a_search_question_glued_to_it() -> None:
    doc = clean([f"储能柜怎么选购（{HEADLINE}）", *BODY])
    assert doc.title == normalized(HEADLINE)


def test_a_sentence_is_not_a_title_and_a_page_may_have_none() -> None:
    doc = clean(BODY)
    assert doc.title is None
    assert doc.text.split("\n") == [normalized(x) for x in BODY]


# ---------------------------------------------------------------- head and tail
def test_a_summary_repeating_the_lead_goes() -> None:
    doc = clean([HEADLINE, "摘要：" + BODY[0][6:], *BODY])
    assert doc.text.split("\n") == [normalized(x) for x in BODY]


def test_a_paragraph_printed_twice_keeps_its_first_copy() -> None:
    doc = clean([HEADLINE, *BODY, BODY[1]])
    assert doc.text.split("\n") == [normalized(x) for x in BODY]


def test_a_site_stamp_between_the_paragraphs_goes_every_copy() -> None:
    stamp = "储能行业资讯网"
    doc = clean([HEADLINE, BODY[0], stamp, "一、新品", BODY[1], stamp, "二、价格", BODY[2], stamp])
    assert stamp not in doc.text
    assert doc.text.split("\n") == [normalized(x) for x in (BODY[0], "一、新品", BODY[1], "二、价格", BODY[2])]


def test_a_speaker_s_label_repeated_between_the_answers_stays() -> None:
    doc = clean([HEADLINE, "主持人", BODY[0], "主持人", BODY[1], "主持人", BODY[2]])
    assert doc.text.count("主持人") == 3


def test_a_table_title_goes_when_the_table_was_an_image_and_stays_above_its_rows() -> None:
    title = "表1 储能系统招标均价"
    doc = clean([HEADLINE, BODY[0], title, BODY[1], BODY[2]])
    assert "储能系统招标均价" not in doc.text
    doc = clean([HEADLINE, BODY[0], title, "月份 均价 环比", "1月 0.62 -3%", "2月 0.60 -2%", BODY[1], BODY[2]])
    assert "储能系统招标均价" in doc.text
    doc = clean([HEADLINE, BODY[0], "储能系统2024年1-8月招标均价统计表", BODY[1], BODY[2]])
    assert "统计表" not in doc.text


def test_chrome_above_the_body_goes_but_a_line_right_above_prose_is_kept_and_reported() -> None:
    doc = clean([HEADLINE, "专注新能源产业报道", "核心观点", *BODY])
    out = doc.text.split("\n")
    assert "专注新能源产业报道" not in out
    assert "核心观点" in out
    assert any("核心观点" in w for w in doc.warnings)


def test_a_run_of_other_stories_at_the_end_goes_without_a_marker() -> None:
    others = ["城南老旧小区加装电梯进度过半", "暑期档电影预售票房破亿", "本地梅子酒出口东南亚"]
    doc = clean([HEADLINE, *BODY, *others])
    assert doc.text.split("\n") == [normalized(x) for x in BODY]
    assert all(e.why.startswith("3 headline-form lines in the tail") for e in doc.edits if e.rule == "related_run")


def test_closing_subheadings_that_share_the_article_s_words_stay() -> None:
    ending = ["储能柜的安全门槛", "液冷方案的循环寿命", "西北光伏配套的储能需求"]
    doc = clean([HEADLINE, *BODY, *ending])
    assert doc.text.split("\n")[-3:] == ending


def test_a_table_at_the_end_is_not_a_list_of_headlines() -> None:
    table = ["产品|容量|价格", "液冷柜|5兆瓦时|面议", "风冷柜|3.4兆瓦时|面议"]
    doc = clean([HEADLINE, *BODY, *table])
    assert doc.text.split("\n")[-3:] == table


def test_summaries_of_other_stories_under_a_list_marker_go() -> None:
    doc = clean([HEADLINE, *BODY, "相关新闻",
                 "• 城南老旧小区加装电梯进度过半",
                 "截至本月，城南片区已有四十余栋老楼完成电梯加装，另有二十栋进入施工阶段，居民出行更加方便。",
                 "04-18 合肥日报",
                 "• 暑期档电影预售票房破亿",
                 "多部国产动画电影定档七月，预售首日票房超过一亿元，影院排片比例明显上升，业内看好暑期档表现。"])
    assert doc.text.split("\n") == [normalized(x) for x in BODY]


# ---------------------------------------------------------------- pieces of spam
def test_a_phrase_inside_a_broken_sentence_goes() -> None:
    doc = clean([HEADLINE, BODY[0], "储能项目今年起进入快车道，", "网站建设推广", "，多家企业已经签约。", *BODY[1:]])
    out = doc.text.split("\n")
    assert "网站建设推广" not in out and "，多家企业已经签约。" in out


def test_spam_pasted_into_a_sentence_goes_and_the_sentence_stays() -> None:
    line = "该项目总投资12亿元哪个买球软件靠谱，预计明年投产。"
    doc = clean([HEADLINE, BODY[0], line, *BODY[1:]])
    assert "该项目总投资12亿元，预计明年投产。" in doc.text.split("\n")


# ---------------------------------------------------------------- captions and alt text
def test_captions_by_their_credit_and_english_alt_text() -> None:
    doc = clean([HEADLINE, BODY[0], "工人在总装车间调试液冷储能柜。（记者 贺明轩 摄）",
                 "Workers check a battery cabinet at the plant in Hefei.", *BODY[1:]])
    assert doc.text.split("\n") == [normalized(x) for x in BODY]


# ---------------------------------------------------------------- the audit trail says why
def test_removals_say_why() -> None:
    article = process("\n".join(["让每一度电都有价值", "首页 > 储能 > 正文", HEADLINE, *BODY]))
    whys = {e["rule"]: e.get("why") for e in article["edits"] if e["stage"] == "strip"}
    assert whys["title"].startswith("the headline: the body shares")
    assert "above the body" in whys["head_noise"]


# ---------------------------------------------------------------- a slogan set as verse at the end
SLOGAN = ["光是写给远方的信，", "青山是我们的底色。", "明天的故事，", "由每一位同行者写下！"]


def test_a_slogan_set_as_verse_at_the_end_goes() -> None:
    doc = clean([HEADLINE, *BODY, *SLOGAN])
    assert doc.text.split("\n") == [normalized(x) for x in BODY]
    whys = [e.why for e in doc.edits if e.rule == "tail_verse"]
    assert len(whys) == 4 and whys[0].startswith("4 short lines ending the page")


def test_a_slogan_before_a_platform_notice_goes_with_it() -> None:
    notice = "声明：本文由入驻平台的作者撰写，除官方账号外，观点仅代表作者本人，不代表平台立场。"
    doc = clean([HEADLINE, *BODY, *SLOGAN, notice])
    assert doc.text.split("\n") == [normalized(x) for x in BODY]


def test_verse_in_the_body_or_quoted_or_on_the_article_s_topic_stays() -> None:
    mid = clean([HEADLINE, BODY[0], *SLOGAN, *BODY[1:]])  # not at the end of the page
    assert all(normalized(x) in mid.text.split("\n") for x in SLOGAN)
    quoted = clean([HEADLINE, *BODY, "发布会最后，主持人朗读了一首小诗：", *SLOGAN])
    assert all(normalized(x) in quoted.text.split("\n") for x in SLOGAN)
    assert any("leads into them" in w for w in quoted.warnings)
    topical = ["液冷储能柜，", "守护每一度电，", "西北光伏配套的底气！"]
    doc = clean([HEADLINE, *BODY, *topical])
    assert doc.text.split("\n")[-3:] == [normalized(x) for x in topical]


def test_the_items_of_a_list_at_the_end_are_no_verse() -> None:
    items = ["公司下一步的重点有三项。", "一是扩建合肥工厂，", "二是开拓海外市场，", "三是降低系统成本。"]
    doc = clean([HEADLINE, *BODY, *items])
    assert doc.text.split("\n")[-4:] == [normalized(x) for x in items]


# ---------------------------------------------------------------- a widget printed card by card above the article
def test_a_widget_printed_card_by_card_goes_even_where_its_taglines_share_the_article_s_words() -> None:
    cards = ["Energy Daily", "专注储能与光伏产业的深度报道", "周一至周五 每日更新",
             "Hefei Tech", "记录合肥科技企业的新产品", "周一至周五 每日更新"]
    doc = clean([*cards, HEADLINE, *BODY])
    assert doc.text.split("\n") == [normalized(x) for x in BODY]
    assert doc.stats["strip.head_cards"] == 6


def test_a_line_printed_twice_in_the_head_without_cards_leaves_the_lines_around_it() -> None:
    # the deck stands between two copies of a series label: no card starts before the first copy
    doc = clean([HEADLINE, "「储能观察」系列报道", "液冷储能柜的安全门槛", "「储能观察」系列报道", *BODY])
    assert "液冷储能柜的安全门槛" in doc.text.split("\n")
    assert not doc.stats["strip.head_cards"]
    # a sentence of prose inside what looks like a card: the article's own head, not a widget
    note = "本周我们走访了合肥的三家储能企业。"
    doc = clean(["Energy Daily", "专注储能产业", "周一至周五 每日更新", "Hefei Tech", note, "周一至周五 每日更新",
                 HEADLINE, *BODY])
    assert note in doc.text.split("\n")
    assert not doc.stats["strip.head_cards"]


def test_a_phrase_pasted_into_the_opening_sentence_is_not_the_title() -> None:
    # a page without a headline that opens inside a sentence: the phrase between its pieces is spam
    doc = clean(["储能项目今年起进入快车道，", "网站建设推广", "，多家企业已经签约，首批订单将在下半年交付。", *BODY])
    assert doc.title is None
    assert "网站建设推广" not in doc.text.split("\n")
    assert doc.text.split("\n")[:2] == ["储能项目今年起进入快车道，", "，多家企业已经签约，首批订单将在下半年交付。"]


def test_a_headline_in_other_words_than_its_body_is_still_the_title() -> None:
    doc = clean(["春风又绿江淮岸", *BODY])
    assert doc.title == "春风又绿江淮岸"


# ---------------------------------------------------------------- promotions of the site's own services
@pytest.mark.parametrize("ad", [
    "储能资讯就看青岚快报，及时，专业，全面，助您抓住每一个行业机会！",
    "下单前先问青岚客服，省心、放心、安心，为您轻松挑选储能方案！",
])
def test_an_advertisement_above_the_article_goes_even_when_it_reads_as_a_sentence(ad: str) -> None:
    doc = clean([ad, HEADLINE, *BODY])
    assert doc.text.split("\n") == [normalized(x) for x in BODY]
    assert doc.stats["strip.promotion"] == 1


def test_a_headline_or_a_quotation_speaking_to_the_reader_is_no_advertisement() -> None:
    doc = clean(["三招帮你看懂液冷储能柜", *BODY])
    assert doc.title == "三招帮你看懂液冷储能柜"
    quote = "一位用户留言：“安静、省电、耐用，帮你省心！”"
    doc = clean([HEADLINE, *BODY, quote])
    assert normalized(quote) in doc.text.split("\n")
    assert not doc.stats["strip.promotion"]


def test_a_stray_character_of_another_script_before_a_byline_label() -> None:
    assert parse_meta_line("છ来源：青岚日报") == {"source": "青岚日报"}
    assert parse_meta_line("📢 来源：青岚日报") == {"source": "青岚日报"}
    assert parse_meta_line("A来源：青岚日报") is None  # a Latin letter belongs to the words


@pytest.mark.parametrize(("line", "want"), [
    ("来源：青ª岚研究团队ø", {"source": "青岚研究团队"}),
    ("作者：贺ૢ明轩", {"author": "贺明轩"}),
    ("来源：Ørsted中国", {"source": "Ørsted中国"}),  # a letter of a Latin name is no debris
    ("来源：青岚·储能周刊", {"source": "青岚·储能周刊"}),
])
def test_stray_characters_of_other_scripts_leave_a_chinese_name(line: str, want: dict[str, str]) -> None:
    assert parse_meta_line(line) == want


def test_a_generic_label_sharing_no_word_with_the_body_is_not_the_fallback_title() -> None:
    doc = clean(["核心观点", *BODY])
    assert doc.title is None
    assert doc.text.split("\n")[0] == "核心观点"


@pytest.mark.parametrize(("line", "want"), [
    ("新闻来源：青岚日报 贺明轩/合肥报导", {"source": "青岚日报", "author": "贺明轩"}),
    ("新闻来源：青岚日报贺明轩/合肥报导", {"source": "青岚日报", "author": "贺明轩"}),  # as normalize leaves it
    ("来源：青岚周报 记者 林若彤", {"source": "青岚周报", "author": "林若彤"}),
    ("来源：经济日报 王府井", {"source": "经济日报 王府井"}),  # no 记者, no filing place: a place, not a reporter
    ("来源：青岚日报 储能频道", {"source": "青岚日报 储能频道"}),
])
def test_a_reporter_named_after_the_outlet_in_a_source_value(line: str, want: dict[str, str]) -> None:
    assert parse_meta_line(line) == want


def test_a_credit_closing_the_last_paragraph_gives_its_reporter() -> None:
    last = BODY[-1] + "（新闻来源：青岚日报 贺明轩/合肥报导）"
    doc = clean([HEADLINE, *BODY[:-1], last])
    assert doc.meta.get("author") == "贺明轩"
    assert doc.text.split("\n")[-1] == normalized(BODY[-1])


def test_a_labelled_closing_credit_names_the_source_over_an_opening_dateline() -> None:
    first = "【青岚日报-合肥电】" + BODY[0]
    last = BODY[-1] + "（新闻来源：青岚快讯 贺明轩/合肥报导）"
    doc = clean([HEADLINE, first, *BODY[1:-1], last])
    assert (doc.meta.get("source"), doc.meta.get("author")) == ("青岚快讯", "贺明轩")
    assert doc.text.split("\n") == [normalized(x) for x in BODY]
    doc = clean([HEADLINE, first, *BODY[1:]])  # without a credit the dateline's paper is the source
    assert doc.meta.get("source") == "青岚日报"


@pytest.mark.parametrize(("line", "want"), [
    ("青岚研究院出品 贺明轩撰文 林若彤编辑", {"source": "青岚研究院", "author": "贺明轩", "editor": "林若彤"}),
    ("储能观察来源贺明轩校对林若彤编辑", {"source": "储能观察", "credit": "贺明轩", "editor": "林若彤"}),
    ("本次活动的出品方和作者", None),  # a sentence: 的 is no byline's
    ("贺明轩编辑", None),  # one pair is not enough to tell a byline from a phrase
    ("储能观察来源青岚研究院出品", None),  # no person named
])
def test_a_byline_with_its_labels_after_the_values(line: str, want: dict[str, str] | None) -> None:
    assert parse_meta_line(line) == want


def test_a_short_label_above_the_headline_goes_with_it_so_a_second_pass_agrees() -> None:
    doc = clean(["独家", HEADLINE, *BODY])
    assert doc.title == HEADLINE
    assert doc.text.split("\n") == [normalized(x) for x in BODY]
    assert any(e.rule == "title" and e.why.startswith("a short label above the headline") for e in doc.edits)


def test_a_date_opening_the_first_sentence_is_no_dateline() -> None:
    first = "2024年4月18日，" + BODY[0].split("，", 1)[1]
    doc = clean([HEADLINE, first, *BODY[1:]])
    assert doc.text.split("\n")[0] == normalized(first)  # the event's date stays in its sentence
    assert "published" not in doc.meta


def test_a_labelled_date_replaces_the_site_clock_above_the_title() -> None:
    doc = clean(["2024年5月6日 星期一", HEADLINE, "发布时间：2024-04-18 09:30 来源：合肥日报", *BODY])
    assert doc.meta["published"] == "2024-04-18T09:30" and doc.meta["source"] == "合肥日报"
    doc = clean(["2024年5月6日 星期一", HEADLINE, *BODY])  # alone, it is the paper's issue date
    assert doc.meta["published"] == "2024-05-06"


def test_a_search_phrase_before_the_bracketed_headline_printed_alone() -> None:
    doc = clean([f"储能 行业 分析（{HEADLINE}）", "2024-04-18 09:30", HEADLINE, *BODY])
    assert doc.title == normalized(HEADLINE)
    assert not any("行业分析" in line or "行业 分析" in line for line in doc.text.split("\n"))
    doc = clean([f"{HEADLINE}（上）", *BODY])  # an annotation in brackets is not a headline printed alone
    assert doc.title.startswith(normalized(HEADLINE))


def test_a_paragraph_wrapped_at_a_fixed_width_above_the_body_stays() -> None:
    wrapped = ["青岚储能科技股份有限公司（以下简称“青岚储能”）是一家在上海证",
               "券交易所上市的公司。为满足储能业务扩张的资金需求，增加公司资本实",
               "力，公司拟向特定对象发行股票，募集资金不超过十二亿元，用于合肥基地。"]
    doc = clean([HEADLINE, "来源：合肥日报 2024-04-18", *wrapped, *BODY])
    out = doc.text.split("\n")
    assert all(normalized(line) in out for line in wrapped)
    view = View("\n".join([HEADLINE, *wrapped]))
    assert view.wrapped(1) and view.wrapped(2)
    view = View("\n".join(["青岚储能官方网站全新改版上线欢迎各位访问查看", *BODY]))
    assert not view.wrapped(0)  # a line right above a much longer paragraph is no piece of it
    view = View("\n".join([wrapped[0], "", *wrapped[1:]]))
    assert not view.wrapped(0)  # a blank line between: not one paragraph


def test_a_numbered_section_named_like_the_headline_is_no_copy_of_it() -> None:
    doc = clean(["储能柜的安全设计", *BODY[:1], "一、储能柜的安全设计", "二、储能柜的散热设计"])
    assert doc.title == "储能柜的安全设计"
    assert "一、储能柜的安全设计" in doc.text.split("\n")


@pytest.mark.parametrize("line", ["青岚储能研究院团队等", "美国、日本等", "日本等"])
def test_a_list_or_a_team_ending_in_deng_is_no_byline(line: str) -> None:
    doc = clean([HEADLINE, line, *BODY])
    assert "author" not in doc.meta


def test_a_placeholder_user_beside_a_date_names_no_source() -> None:
    assert parse_meta_line(normalized("admin 85 2024-04-18 编辑")) == {"published": "2024-04-18"}
    assert parse_meta_line(normalized("2024-04-18 原创")) == {"published": "2024-04-18"}


def test_a_caption_copying_the_paragraph_above_goes() -> None:
    caption = "新产品将率先用于西北的大型光伏配套项目。"  # a word dropped from the paragraph above
    doc = clean([HEADLINE, *BODY[:2], caption, BODY[2]])
    out = doc.text.split("\n")
    assert caption not in out and all(normalized(p) in out for p in BODY)
    assert doc.stats["strip.caption_copy"] == 1


def test_a_paragraph_in_the_words_of_the_one_above_with_other_figures_stays() -> None:
    month = "5月份，全市规模以上工业增加值为412亿元，同比增长6.3%，其中制造业增加值为305亿元，同比增长7.1%。"
    months = "1-5月份，全市规模以上工业增加值为1874亿元，同比增长5.8%。"  # another period, the same words
    caption = "全市规模以上工业增加值为412亿元，同比增长6.3%。"  # the same figures: a copy
    doc = clean([HEADLINE, month, months, BODY[2]])
    assert normalized(months) in doc.text.split("\n")
    doc = clean([HEADLINE, month, caption, BODY[2]])
    assert normalized(caption) not in doc.text.split("\n")


def test_a_deck_the_next_paragraph_opens_with_goes_but_a_subheading_stays() -> None:
    deck = "业内人士认为，储能电芯价格在过去一年下降了四成左右。"
    doc = clean([HEADLINE, *BODY[:2], deck, BODY[2]])
    assert normalized(deck) not in doc.text.split("\n")
    sub = "储能电芯价格在过去一年下降四成"  # names what the paragraph below says, a headline's form
    doc = clean([HEADLINE, *BODY[:2], sub, BODY[2]])
    assert sub in doc.text.split("\n")


def test_a_headline_the_lead_repeats_is_the_title_not_a_summary() -> None:
    headline = "我市召开储能产业推进会"
    lead = "4月18日上午，我市召开储能产业推进会，青岚储能等二十余家企业参加会议并汇报项目进展。"
    doc = clean([headline, lead, *BODY[1:]])
    assert doc.title == headline and doc.text.split("\n")[0] == lead


def test_a_column_set_off_by_a_slash_is_left_out_of_the_title() -> None:
    doc = clean(["晚报观察／青岚储能发布液冷储能柜", *BODY])
    assert doc.title == "青岚储能发布液冷储能柜"


def test_a_listen_button_beside_the_date_names_no_source() -> None:
    assert parse_meta_line(normalized("date 2024-04-18 听新闻")) == {"published": "2024-04-18"}


@pytest.mark.parametrize(("line", "expected"), [
    ("二〇二四年四月十八日", {"published": "2024-04-18"}),
    ("修订日期：二零二四年四月十八日", {"other": "二零二四年四月十八日"}),
    ("二〇二四年十三月一日", None),  # no such month
])
def test_dates_in_chinese_numerals(line: str, expected: dict[str, str] | None) -> None:
    assert parse_meta_line(normalized(line)) == expected


def test_a_two_line_headline_under_its_kicker() -> None:
    kicker, main = "贺明轩在全市储能产业推进会上强调", "抢抓机遇 加快建设 全力推进储能产业发展"
    lead = "4月18日，市长贺明轩主持召开全市储能产业推进会，他强调，要抢抓机遇，加快建设，全力推进储能产业发展。"
    doc = clean([kicker, main, lead, *BODY[1:]])
    assert doc.title == main
    assert kicker not in doc.text and main not in doc.text and doc.text.split("\n")[0] == lead
    doc = clean([kicker, lead, *BODY[1:]])  # no main headline under it: the kicker is the title
    assert doc.title == kicker


def test_long_phrases_set_apart_by_spaces_are_no_menu() -> None:
    assert not is_menu("抢抓机遇 加快建设 全力推进储能产业发展")
    assert is_menu("首页 新闻 财经 汽车 房产")
    assert is_menu("网站简介 - 联系方法 - 招聘信息 - 青禾日报社简介 - 广告服务")


def test_a_one_letter_byline_on_the_first_line_of_a_page_without_headline() -> None:
    doc = clean(["文｜青禾观察", *BODY])
    assert doc.meta.get("author") == "青禾观察" and doc.text.split("\n")[0] == normalized(BODY[0])
    doc = clean(["编辑：一个被低估的职业", *BODY])  # a headline with a label's word stays the title
    assert doc.title == "编辑：一个被低估的职业"


@pytest.mark.parametrize("date", ["2024年4月18日", "二〇二四年四月十八日"])
def test_the_date_under_a_notice_signature_stays(date: str) -> None:
    doc = clean([HEADLINE, *BODY, "青禾市住房和城乡建设局", date])
    out = doc.text.split("\n")
    assert out[-2:] == ["青禾市住房和城乡建设局", date]


def test_shared_words_counts_the_first_lines_words_another_line_holds() -> None:
    """``shared_words`` answers what counting every line's words (``gram_counts``) answered."""
    import random

    from zhextract.stages.strip.page import gram_counts, grams, shared_words

    rng = random.Random(5)
    pieces = ["快手电商", "宣布", "第三方", "的", "了", "直播间", "Kwai", "app", "链接", "，", "。", "魔筷", "有赞"]
    for _ in range(500):
        lines = tuple("".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))) for _ in range(rng.randint(1, 6)))
        counts = gram_counts(lines)
        assert shared_words(lines) == sum(1 for w in grams(lines[0]) if counts[w] > 1), lines

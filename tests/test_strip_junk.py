"""Anti-scraping debris (strip/junk.py): what counts as debris, and the Latin text that never does."""

from __future__ import annotations

import pytest

from zhextract.stages.strip.junk import debris_runs, is_debris_run, repeated_tokens


@pytest.mark.parametrize("run", [
    "7 H9 J% Q7 T: M3 b5",
    "- N) y2 z6 J+ A7 e% K",
    ": `0 ^1 T0 e7 y- r. Q: h |",
])
def test_runs_of_mixed_short_tokens_are_debris(run: str) -> None:
    assert is_debris_run(run)


@pytest.mark.parametrize("run", [
    "5G 4G 3G 2G",  # short codes without symbols
    "Q1 Q2 Q3 Q4",
    "A B C D E",
    "x + y = z",  # a formula: no token mixes classes
    "+5% -3% +2% +1%",  # figures: no letters
    "3:1 2:0 1:1 0:0",  # scores
])
def test_lists_of_codes_and_formulas_are_no_debris(run: str) -> None:
    assert not is_debris_run(run)


def test_debris_is_found_at_either_end_of_a_sentence_only() -> None:
    line = "# `: k* A6 u县里新建了三座充电站。 - H) q2 w6 F+ B7 d% L"
    spans = debris_runs(line)
    assert [line[a:b] for a, b in spans] == ["# `: k* A6 u", "- H) q2 w6 F+ B7 d% L"]
    assert debris_runs("Strategy Analytics的报告称，iPhone 15 Pro Max的销量增长了12%。") == []
    assert debris_runs("详见 https://example.com/a/b/c.html 的公告。") == []


def test_a_nonsense_token_closing_three_lines_is_debris() -> None:
    lines = ["东村的充电站建成。zqWmtrx", "西村的充电站建成。zqWmtrx", "", "南村的充电站建成。zqWmtrx"]
    assert repeated_tokens(lines) == {"zqWmtrx"}
    assert repeated_tokens(lines[:2]) == set()  # twice may be a name the page was cut in


def test_real_latin_names_repeated_across_paragraphs_stay() -> None:
    lines = [
        "苹果公司的iPhone在县城的销量增长了18%。",
        "县城用户中使用iPhone的比例超过三成，Canalys的数据也显示了这一点。",
        "不少经销商把iPhone作为礼品，Canalys预计明年还会增长。",
        "Canalys认为装机量将超过33GWh，TikTok上的视频也在增加。",
        "TikTok和Mate60的话题最多，TikTok的用户在县城也不少。",
    ]
    assert repeated_tokens(lines) == set()


def test_a_token_alternating_letters_and_digits_is_debris_inside_sentences_too() -> None:
    lines = ["县里k7x2q9新建了充电站。", "村里k7x2q9也建了。", "镇上k7x2q9还在建。"]
    assert repeated_tokens(lines) == {"k7x2q9"}


@pytest.mark.parametrize("token", ["A320neo", "RTX4090Ti", "B2B2C", "TSMC", "Mbps", "mRNA", "P40Pro"])
def test_models_acronyms_and_units_repeated_inside_sentences_stay(token: str) -> None:
    lines = [f"县里的{token}数量增长了。", f"村里的{token}也多了起来。", f"镇上{token}的用户最多。"]
    assert repeated_tokens(lines) == set()

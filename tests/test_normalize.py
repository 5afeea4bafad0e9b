"""The normalize stage: table-driven cases, seeds, invariants, the OpenCC guard.

The stage runs here on its own (Document + its steps), not through the
pipeline, so that these tests say something about normalize alone.
"""

from __future__ import annotations

import re
import types
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhextract import opencc_loader
from zhextract.document import Document, replay
from zhextract.errors import WrongOpenCCError
from zhextract.stages import normalize
from zhextract.stages.normalize import punctuation, shared, traditional
from zhextract.step import Context

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEEDS = {p.name[:3]: p for p in sorted((ROOT / "corpus").glob("*.txt"))}
SIMPLIFIED_SEEDS = ["000", "001", "003"]


def normalized(text: str) -> Document:
    doc = Document("t", text)
    ctx = Context()
    for step in normalize.STEPS:
        doc.apply(step.stage, step.name, step.rule(doc, ctx))
    return doc


def t2s(text: str) -> str:
    """Plain OpenCC t2s over the whole text: the reference for 'no Traditional residue'."""
    return str(opencc_loader.load_t2s().convert(text))


_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|n|r|t)")


def _unescape(cell: str) -> str:
    return _ESCAPE.sub(lambda m: {"n": "\n", "r": "\r", "t": "\t"}.get(m.group(1)) or chr(int(m.group(1)[1:], 16)),
                       cell)


def _cases(name: str) -> list[object]:
    """Rows of a case table; split on \\n only (the cells hold characters str.splitlines breaks at)."""
    rows = []
    for n, line in enumerate((DATA / name).read_text(encoding="utf-8").split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        group, text, expected = line.split("\t")
        rows.append(pytest.param(_unescape(text), _unescape(expected), id=f"L{n}:{group}:{text[:12]}"))
    return rows


CASES = _cases("normalize_cases.tsv")


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 80


@pytest.mark.parametrize("text, expected", CASES)
def test_case(text: str, expected: str) -> None:
    doc = normalized(text)
    assert doc.text == expected
    assert replay(text, doc.edits) == expected
    assert normalized(expected).text == expected  # idempotent


# ---------------------------------------------------------------- seeds
@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_seed_edits_replay_and_stage_is_idempotent(seed: str) -> None:
    raw = SEEDS[seed].read_text(encoding="utf-8")
    doc = normalized(raw)
    assert replay(raw, doc.edits) == doc.text
    for e in doc.edits:
        assert raw[e.start:e.end] == e.before
    again = normalized(doc.text)
    assert again.text == doc.text
    assert again.edits == []


@pytest.mark.parametrize("seed", SIMPLIFIED_SEEDS)
def test_simplified_seeds_are_left_alone_by_t2s(seed: str) -> None:
    raw = SEEDS[seed].read_text(encoding="utf-8")
    doc = normalized(raw)
    assert not [e for e in doc.edits if e.rule.startswith("t2s") or "normalize.t2s" in e.absorbs]
    assert t2s(doc.text) == doc.text


def test_traditional_seed_comes_out_without_residue() -> None:
    raw = SEEDS["002"].read_text(encoding="utf-8")
    doc = normalized(raw)
    assert t2s(raw) != raw  # it is Traditional
    assert t2s(doc.text) == doc.text
    assert not opencc_loader.has_traditional(doc.text)
    assert "著" not in doc.text  # 随著, 面临著 and 跟著 became 着
    assert doc.stats["normalize.pinyin_notes"] == 104
    assert not re.search(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]", doc.text)
    # legitimate parentheses survive (in the dataset's full-width form)
    assert "（GMV）" in doc.text
    assert "（以下简称遥望）" in doc.text
    assert "（2月22日）" in doc.text
    assert "协议变更" in doc.text and "联盟商品" in doc.text


def test_seed_001_spacing_and_punctuation() -> None:
    doc = normalized(SEEDS["001"].read_text(encoding="utf-8"))
    assert "正式恢复全面合作10月29日。" in doc.text
    assert "“分手”。没想到" in doc.text
    assert " 没想到" not in doc.text
    assert "不久前，有消息称，自2022年10月28日起，" in doc.text


def test_seed_000_keeps_latin_words_for_the_repair_stage() -> None:
    doc = normalized(SEEDS["000"].read_text(encoding="utf-8"))
    assert "Aauto Quicker日活达1.2亿" in doc.text
    assert "11月15日24:00起" in doc.text
    assert "\n\n" not in doc.text


# ---------------------------------------------------------------- edits
def test_each_rule_records_its_own_edits_with_raw_spans() -> None:
    raw = "快手電商與淘寶合作协(xié)议变更 , 詳見10 月 29 日公告"
    doc = normalized(raw)
    assert doc.text == "快手电商与淘宝合作协议变更，详见10月29日公告"
    assert {e.rule for e in doc.edits} == {"pinyin_notes", "t2s", "punctuation_width", "spacing"}
    note = next(e for e in doc.edits if e.rule == "pinyin_notes")
    assert (note.before, note.after) == ("(xié)", "")
    assert raw[note.start:note.end] == "(xié)"
    conversions = [(e.before, e.after) for e in doc.edits if e.rule == "t2s"]
    # runs one or two unchanged Han characters apart make one edit; 快手 before them is not part of it
    assert conversions == [("電商與淘寶", "电商与淘宝"), ("詳見", "详见")]


def test_a_conversion_next_to_a_removed_note_absorbs_it() -> None:
    """協(xié)議: the note goes first, then t2s rewrites both sides; one edit keeps both reasons."""
    raw = "合作協(xié)議變更"
    doc = normalized(raw)
    assert doc.text == "合作协议变更"
    (edit,) = doc.edits
    assert (edit.rule, edit.before, edit.after) == ("t2s", "協(xié)議變", "协议变")
    assert edit.absorbs == ("normalize.pinyin_notes",)


def test_a_simplified_text_is_byte_identical_where_nothing_is_wrong() -> None:
    text = "快手电商与淘宝、京东正式分手。\n据新榜编辑部了解，这一举措目前未在快手电商圈内掀起太大波澜。"
    doc = normalized(text)
    assert doc.text == text
    assert doc.edits == []


def test_simplified_text_never_reaches_the_converter(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> None:
        raise AssertionError("the converter was loaded for Simplified text")

    monkeypatch.setattr(traditional, "convert_pieces", lambda text: refuse())
    raw = SEEDS["001"].read_text(encoding="utf-8")
    assert normalized(raw).text


def test_fast_conversion_equals_the_converter() -> None:
    """convert_pieces takes shortcuts (pieces without a phrase are translated); the output must not change."""
    import random

    import opencc

    s2t = opencc.OpenCC("s2t")
    texts = [p.read_text(encoding="utf-8") for p in SEEDS.values()]
    texts += [s2t.convert(t) for t in texts]
    texts.append("快手电商（简体），并且與淘寶合作；另一段仍是简体。")
    words = [line.split("\t")[0] for name in ("TSCharacters.txt", "TSPhrases.txt")
             for line in (opencc_loader.dictionary_dir() / name).read_text(encoding="utf-8").splitlines()]
    rng = random.Random(7)
    texts += ["".join(rng.choice(words) if rng.random() < 0.7 else rng.choice("的了是快手，。 -,.")
                      for _ in range(rng.randint(1, 30))) for _ in range(2000)]
    for text in texts:
        assert opencc_loader.convert_pieces(text) == t2s(text), text


def test_t2s_of_a_whole_text_records_what_line_by_line_conversion_records() -> None:
    """t2s converts and compares the whole article at once; the edits and the converted lines
    must be those of converting and comparing it line by line."""
    import random

    import opencc

    s2t = opencc.OpenCC("s2t")
    rng = random.Random(11)
    texts = [s2t.convert(p.read_text(encoding="utf-8")) for p in SEEDS.values()]
    lines = [line for t in texts for line in t.split("\n")] + ["", "  ", "乾隆", "abc 123", "著名"]
    texts += ["\n".join(rng.choice(lines) for _ in range(rng.randint(1, 12))) for _ in range(200)]
    for text in texts:
        doc = Document("t", text)
        changes = sorted(normalize.t2s(doc, Context()))
        expected = []
        converted_lines = set()
        start = 0
        for no, line in enumerate(text.split("\n")):
            new = t2s(line)
            if new != line or opencc_loader.has_traditional(line):
                converted_lines.add(no)
            expected += shared._diff(start, line, new, bridge=2)
            start += len(line) + 1
        assert changes == sorted(expected)
        assert doc.notes["normalize.t2s_lines"] == (converted_lines if opencc_loader.has_traditional(text) else set())


def test_diff_bridges_short_han_stretches_between_changed_runs() -> None:
    """``_diff`` (same length) against the plain walk over the changed runs it replaced."""
    import random

    from zhextract.document import Change

    def walk(offset: int, old: str, new: str, bridge: int) -> list[Change]:
        runs = [m.span() for m in re.finditer("x+", "".join("x" if a != b else "." for a, b in zip(old, new)))]
        out, k = [], 0
        while k < len(runs):
            i, j = runs[k]
            k += 1
            while k < len(runs) and runs[k][0] - j <= bridge and all(shared._han(c) for c in old[j:runs[k][0]]):
                j = runs[k][1]
                k += 1
            out.append(Change(offset + i, offset + j, new[i:j]))
        return out

    rng = random.Random(2)
    for _ in range(2000):
        old = "".join(rng.choice("電商與淘寶的了 ，a1\n") for _ in range(rng.randint(0, 30)))
        new = "".join(rng.choice("电商与淘宝") if rng.random() < 0.4 else c for c in old)
        for bridge in (0, 1, 2, 3):
            assert list(shared._diff(5, old, new, bridge)) == walk(5, old, new, bridge), (old, new, bridge)


def test_parentheses_pair_within_a_line() -> None:
    """``_paren_changes`` walks the parentheses only (not every line break); its answers must be those
    of pairing them with the line breaks in the walk, as the rule was first written."""
    import random

    def reference(text: str) -> list[tuple[int, str]]:
        stack: list[int] = []
        pairs: list[tuple[int, int]] = []
        single: list[int] = []
        for m in re.finditer(r"[()（）\n]", text):
            i, ch = m.start(), m.group()
            if ch == "\n":
                single.extend(stack)
                stack.clear()
            elif ch in "(（":
                stack.append(i)
            elif stack:
                pairs.append((stack.pop(), i))
            else:
                single.append(i)
        single.extend(stack)
        out = []
        for a, b in pairs:
            if text[a] != "(" and text[b] != ")":
                continue
            inside = any(punctuation._chinese(c) for c in punctuation._CN_CONTEXT.findall(text, a + 1, b))
            if inside or punctuation._chinese_at(text, punctuation._solid(text, a, -1)) \
                    or punctuation._chinese_at(text, punctuation._solid(text, b, 1)):
                out += [(a, "（")] if text[a] == "(" else []
                out += [(b, "）")] if text[b] == ")" else []
        out += [(i, punctuation._HALF_TO_FULL[text[i]]) for i in single
                if text[i] in "()" and punctuation._chinese_around(text, i)]
        return sorted(out)

    rng = random.Random(6)
    for _ in range(20000):
        text = "".join(rng.choice("()（）\nab快 ，") for _ in range(rng.randint(0, 16)))
        assert sorted(punctuation._paren_changes(text)) == reference(text), repr(text)


def test_undecodable_characters_are_removed_with_a_warning() -> None:
    doc = normalized("快手\ufffd电商\ufffd\ufffd发布")
    assert doc.text == "快手电商发布"
    assert any("U+FFFD" in w for w in doc.warnings)


def test_tag_line_keeps_the_spaces_between_keywords() -> None:
    doc = normalized("正文第一段。\n关键词：阿里巴巴 同比增长 快手\n  Tags: 电商 直播")
    assert doc.text == "正文第一段。\n关键词：阿里巴巴 同比增长 快手\nTags：电商 直播"


# ---------------------------------------------------------------- rule helpers
@pytest.mark.parametrize("chars, note, expected", [
    ("協", "xié", True),
    ("協", "xie2", True),
    ("協", "xie", True),
    ("協", "XIÉ", True),  # tone marks prove a reading whatever the case
    ("協", "Xie", False),  # a capitalised toneless word is a name, not a note
    ("協議", "xié yì", True),
    ("協議", "xiéyì", True),
    ("協議", "xie-yi", False),  # a toneless word of two syllables is a romanised word (躺平(tangping)), not a note
    ("協議", "xie2-yi4", True),
    ("綠", "lǜ", True),
    ("綠", "lv4", True),
    ("綠", "lü", True),
    ("數", "shǔ", True),  # any reading of a heteronym
    ("華為", "Huawei", False),
    ("華為", "huawei", False),  # lower case, but two syllables without tones: a gloss
    ("公司", "ok", False),
    ("司", "gmv", False),
    ("快手", "kuaishou", False),  # a romanised word the article shows, kept
    ("快手", "kuai", False),  # must spell the last characters entirely
])
def test_is_reading_note(chars: str, note: str, expected: bool) -> None:
    assert normalize.is_reading_note(chars, note) is expected


def test_readings_from_the_kept_table_are_pypinyins_for_every_character() -> None:
    """The table the notes rule reads (so that a process need not load pypinyin's phrase dictionary) answers
    what pypinyin answers: for every character it has a reading for, and nothing for the others."""
    from pypinyin.constants import PINYIN_DICT

    from zhextract.stages.normalize import pinyin

    chars = {chr(cp) for cp in PINYIN_DICT} | {chr(cp) for cp in range(0x3000, 0xA000)} | set("abcü(1，〇")
    assert [c for c in sorted(chars) if pinyin.readings(c) != pinyin._pypinyin_readings(c)] == []
    assert pinyin.readings("數") == {"shu", "shuo"} and pinyin.readings("綠") == {"lv"}


@pytest.mark.parametrize("marks, expected", [
    ("，，", "，"),
    ("，；", "；"),
    ("、，", "，"),
    ("，。", "。"),
    ("。，", "。"),
    ("。？", "？"),
    ("？！", "？！"),
    ("！！", "！！"),
    ("。。", "。"),
])
def test_mend_cluster(marks: str, expected: str) -> None:
    assert normalize.mend_cluster(marks) == expected


@pytest.mark.parametrize("run, after_chinese, expected", [
    ("。。。", True, "……"),
    ("。。。", False, "。"),
    ("...", True, "……"),
    ("...", False, "..."),
    ("…", True, "……"),
    ("……", True, "……"),
    ("。。。…", True, "……"),
    ("。。。，", False, "。"),
    ("，。。。", True, "。"),
    ("……？", True, "……？"),
    ("..........", True, ".........."),  # a leader, not an ellipsis
])
def test_mend_run(run: str, after_chinese: bool, expected: str) -> None:
    assert normalize.mend_run(run, after_chinese) == expected


@pytest.mark.parametrize("text, expected", [
    ("快手电商", False),
    ("什么覆盖沈阳", False),  # characters t2s changes only inside phrases
    ("反覆", True),
    ("電商", True),
    ("於是", True),  # a Traditional character GB2312 can encode
    ("", False),
])
def test_has_traditional(text: str, expected: bool) -> None:
    assert opencc_loader.has_traditional(text) is expected
    assert (t2s(text) != text) is expected


# ---------------------------------------------------------------- the OpenCC guard
def _fake_opencc(tmp_path: Path, with_dictionary: bool, with_class: bool = True) -> types.ModuleType:
    package = tmp_path / "opencc"
    package.mkdir()
    init = package / "__init__.py"
    init.write_text("")
    if with_dictionary:
        (package / "dictionary").mkdir()
        for name in ("TSCharacters.txt", "TSPhrases.txt"):
            (package / "dictionary" / name).write_text("")
    module = types.ModuleType("opencc")
    module.__file__ = str(init)
    if with_class:
        module.OpenCC = object  # type: ignore[attr-defined]
    return module


def test_guard_refuses_the_cpp_binding(tmp_path: Path) -> None:
    """The PyPI package 'opencc' installs a module of the same name without the text dictionaries."""
    with pytest.raises(WrongOpenCCError, match=r"not opencc-python-reimplemented.*pip uninstall -y opencc"):
        opencc_loader.check_module(_fake_opencc(tmp_path, with_dictionary=False))


def test_guard_refuses_a_module_without_the_converter_class(tmp_path: Path) -> None:
    with pytest.raises(WrongOpenCCError, match="opencc-python-reimplemented"):
        opencc_loader.check_module(_fake_opencc(tmp_path, with_dictionary=True, with_class=False))


def test_guard_refuses_a_namespace_module() -> None:
    with pytest.raises(WrongOpenCCError, match="not opencc-python-reimplemented"):
        opencc_loader.check_module(types.ModuleType("opencc"))


def test_guard_accepts_the_reimplementation(tmp_path: Path) -> None:
    module = _fake_opencc(tmp_path, with_dictionary=True)
    assert opencc_loader.check_module(module) is module
    import opencc

    assert opencc_loader.check_module(opencc) is opencc


def test_missing_opencc_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_opencc(name: str, *args: object, **kwargs: object) -> object:
        if name == "opencc":
            raise ImportError("No module named 'opencc'")
        return real_import(name, *args, **kwargs)

    opencc_loader._module.cache_clear()
    monkeypatch.setattr(builtins, "__import__", no_opencc)
    try:
        with pytest.raises(WrongOpenCCError, match="not installed"):
            opencc_loader._module()
    finally:
        monkeypatch.undo()
        opencc_loader._module.cache_clear()


# ---------------------------------------------------------------- invariants
_PIECES = st.one_of(
    st.sampled_from([line for p in SEEDS.values() for line in p.read_text(encoding="utf-8").split("\n")
                     if 0 < len(line) < 200]),
    st.text(alphabet=st.sampled_from(list("快手電商與年月日亿元%，。,.:;!?（）() \u3000\t\r0123456789AautoQ…—“”|_-&;")),
            max_size=30),
    st.sampled_from(["協(xié)議", "(GMV)", "&nbsp;", "&amp;nbsp;", "ＧＭＶ", "\u200b", "\ufffd", "å¿«æ‰‹",
                     "10 月 29 日", "24: 00", "。 ", ",,", "。。。", "...", "關鍵詞: 阿里 巴巴", "http://a.cn/?a=1,b=2",
                     "隨著", "著名", "\r\n", "\n\n\n", "  "]),
)
_TEXTS = st.lists(_PIECES, min_size=1, max_size=12).map("".join)


@given(_TEXTS)
def test_any_text_replays_and_normalizes_once(raw: str) -> None:
    doc = normalized(raw)
    assert replay(raw, doc.edits) == doc.text
    assert normalized(doc.text).text == doc.text


@given(st.lists(st.sampled_from([line for k in SIMPLIFIED_SEEDS for line in
                                 SEEDS[k].read_text(encoding="utf-8").split("\n") if line.strip()]),
                min_size=1, max_size=8).map("\n".join))
def test_simplified_text_has_nothing_for_t2s(raw: str) -> None:
    doc = normalized(raw)
    assert not [e for e in doc.edits if e.rule.startswith("t2s")]


_SAME_LENGTH = st.lists(st.tuples(st.sampled_from("電商与淘寶ab，1 "), st.booleans()), max_size=40)


@given(_SAME_LENGTH, st.integers(0, 3))
def test_diff_changes_are_maximal_runs_bridged_only_over_short_han(pairs: list[tuple[str, bool]], bridge: int) -> None:
    """``_diff`` of two strings of one length: the changes rebuild the new string, each
    starts and ends on a changed character, and two changes are apart by more than
    ``bridge`` characters or by something that is not Han."""
    from zhextract.stages.normalize.shared import _diff

    old = "".join(c for c, _ in pairs)
    new = "".join(("X" if changed else c) for c, changed in pairs)
    changes = list(_diff(10, old, new, bridge=bridge))
    rebuilt, pos = [], 0
    for c in changes:
        s, e = c.start - 10, c.end - 10
        assert old[s] != new[s] and old[e - 1] != new[e - 1]
        rebuilt += [old[pos:s], c.after]
        pos = e
    assert "".join(rebuilt) + old[pos:] == new
    for a, b in pairwise(changes):
        gap = old[a.end - 10:b.start - 10]
        assert len(gap) > bridge or not all("\u4e00" <= ch <= "\u9fff" for ch in gap)
        assert old[a.end - 10:b.start - 10] == new[a.end - 10:b.start - 10]  # nothing changed in between


@pytest.mark.parametrize("raw, expected", [
    ("发布于2 0 2 4年", "发布于2024年"),
    ("增长1 2 . 5%", "增长12.5%"),
    ("共4 1人", "共4 1人"),
    ("iPhone 1 4 Pro", "iPhone 1 4 Pro"),
])
def test_digits_spaced_out_one_by_one_are_joined(raw: str, expected: str) -> None:
    assert normalized(raw).text == expected


# ---------------------------------------------------------------- hard-wrapped paragraphs
# Written for this test: wire copy wrapped at about 36 characters, then a list of other stories whose lines are
# as wide but end in no full stop.
_WRAPPED = (
    "澄江统计处今日公布，全年港口货物吞吐量较一年前同期下跌9%，为17490万公吨。当中\n"
    "，抵港港口货物及离港港口货物较一年前同期分别下跌7.7%及11.1%，为11170万\n"
    "公吨及6320万公吨。\n"
    "第四季的港口货物吞吐量较一年前同期下跌8.8%，为4380万公吨。当中，抵港港口货\n"
    "物及离港港口货物较一年前同期分别下跌6%及13.5%，为2830万公吨及1560万公吨。\n"
)
_HEADLINES = (
    "四十秒答对全部二十道题目！知识问答挑战赛的冠军居然是一位退休的老教师\n"
    "从小作坊到大公司的标志是什么？无人机行业的教父级人物给出了他的答案\n"
    "选举赌局百年来首次出现，让人神经紧绷的还不止这些，更多的变化在后头\n"
    "锯子也能做乐器？演唱会同款锯琴演奏来了，现场观众纷纷拿出手机拍摄\n"
)


def test_hard_wrapped_paragraphs_become_one_line_each() -> None:
    doc = normalized(_WRAPPED)
    assert doc.text.split("\n") == [
        "澄江统计处今日公布，全年港口货物吞吐量较一年前同期下跌9%，为17490万公吨。当中，抵港港口货物及离港港口货物"
        "较一年前同期分别下跌7.7%及11.1%，为11170万公吨及6320万公吨。",
        "第四季的港口货物吞吐量较一年前同期下跌8.8%，为4380万公吨。当中，抵港港口货物及离港港口货物较一年前同期分别"
        "下跌6%及13.5%，为2830万公吨及1560万公吨。",
    ]
    assert replay(_WRAPPED, doc.edits) == doc.text
    assert "wrapped_lines" in {e.rule for e in doc.edits}
    assert normalized(doc.text).text == doc.text


def test_lines_of_equal_width_without_a_full_stop_stay_apart() -> None:
    assert normalized(_HEADLINES).text == _HEADLINES.rstrip("\n")
    assert normalized(_WRAPPED.replace("万公吨。\n", "万公吨\n")).text.count("\n") >= 3  # no paragraph end


def test_display_width_counts_wide_characters_as_unicode_does() -> None:
    import unicodedata

    from zhextract.stages.normalize.lines import _display_width
    sample = "港口货物7﹒7%，ＧＭＶ１２３abc、「澳門」한국어かなカナ　（完）"
    for ch in sample:
        assert _display_width(ch) == (2 if unicodedata.east_asian_width(ch) in "WF" else 1), ch

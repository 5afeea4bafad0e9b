"""The memory-mapped dictionary segments and tags exactly as jieba does.

zhextract reads jieba's dictionary through :mod:`zhextract.lexicon` to avoid
jieba's one-second load; these tests hold it to jieba's own results on the
seed articles and on generated text, so the shortcut can never drift.
"""

from __future__ import annotations

import logging
from pathlib import Path

import jieba
import jieba.posseg
import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhextract import lexicon as lexicon_module
from zhextract.lexicon import DictionaryError, lexicon

jieba.setLogLevel(logging.WARNING)
jieba.initialize()
SEEDS = sorted((Path(__file__).resolve().parent.parent / "corpus").glob("*"))
_CLAUSE = "，。；：！？\n"


def _clauses() -> list[str]:
    out: list[str] = []
    for p in SEEDS:
        text = p.read_bytes().decode("utf-8", errors="replace")
        for ch in _CLAUSE:
            text = text.replace(ch, "\n")
        out += [c for c in text.split("\n") if c.strip()]
    return out


CLAUSES = _clauses()
# Text made of common characters and words, so that dictionary words occur often.
_TEXT = st.lists(st.sampled_from(["发展", "快手", "中国", "公司", "表示", "今年", "电商", "直播", "将", "在",
                                  "的", "了", "不", "市场", "用户", "数", "增长", "AI", "5G", "T恤", " ", "，",
                                  "平台", "宣布", "上线", "一", "年", "月", "日", "和", "合作", "北京"]),
                 max_size=25).map("".join)


def test_seed_clauses_are_there() -> None:
    assert len(CLAUSES) > 100


def test_frequencies_and_tags_are_jiebas() -> None:
    lex = lexicon()
    tags = jieba.posseg.dt.word_tag_tab
    assert lex.total == jieba.dt.total
    for clause in CLAUSES:
        for i in range(len(clause)):
            for j in range(i + 1, min(len(clause), i + 6) + 1):
                w = clause[i:j]
                assert lex.freq(w) == (jieba.dt.FREQ.get(w) or 0), w
                if lex.freq(w):
                    assert lex.tag(w) == tags.get(w), w


@pytest.mark.parametrize("i", range(0, len(CLAUSES), max(1, len(CLAUSES) // 200)))
def test_dag_and_route_are_jiebas(i: int) -> None:
    clause = CLAUSES[i]
    lex = lexicon()
    dag = jieba.dt.get_DAG(clause)
    assert [sorted(v) for v in lex.dag(clause)] == [sorted(dag[k]) for k in range(len(clause))]
    assert lex.route(clause) == _jieba_route(clause)


def _jieba_route(text: str) -> list[int]:
    route: dict[int, tuple[float, int]] = {}
    jieba.dt.calc(text, jieba.dt.get_DAG(text), route)
    ends, i = [], 0
    while i < len(text):
        i = route[i][1] + 1
        ends.append(i)
    return ends


@given(_TEXT)
def test_route_matches_jieba_on_generated_text(text: str) -> None:
    assert lexicon().route(text) == _jieba_route(text)


@given(_TEXT)
def test_tagged_words_match_jiebas_tagger(text: str) -> None:
    expected = [(w, f) for w, f in jieba.posseg.cut(text, HMM=False)
                if len(w) >= 2 and w in jieba.posseg.dt.word_tag_tab]
    assert list(lexicon().tagged_words(text)) == expected


_BLOCK = lexicon_module._BLOCK
# Names no dictionary holds, in sentences of their own: jieba's HMM must join them.
_UNKNOWN_NAMES = ["云帆汽车营业收入12.5亿元同比下降8.2", "星海控股首席执行官李明远表示", "遥望科技的X9 Pro销量增长",
                  "澄江湾集团和霁光半导体签署协议", "曦禾电子宣布涨价"]


def _jieba_cut_blocks(text: str) -> list[str]:
    """jieba.cut with its HMM, block by block of its tagger (the unit :meth:`Lexicon.tokens` works on)."""
    return [w for b in _BLOCK.finditer(text) for w in jieba.cut(b.group(), HMM=True)]


@pytest.mark.parametrize("text", [*CLAUSES[::max(1, len(CLAUSES) // 150)], *_UNKNOWN_NAMES])
def test_tokens_with_hmm_are_jiebas_cut(text: str) -> None:
    tokens = lexicon().tokens(text)
    assert [t.word for t in tokens] == _jieba_cut_blocks(text)
    assert all(text[t.start:t.end] == t.word for t in tokens)


@given(_TEXT)
def test_tokens_match_jieba_on_generated_text(text: str) -> None:
    assert [t.word for t in lexicon().tokens(text)] == _jieba_cut_blocks(text)
    assert [t.word for t in lexicon().tokens(text, hmm=False)] == \
        [w for b in _BLOCK.finditer(text) for w in jieba.cut(b.group(), HMM=False)]


def test_token_tags_are_the_dictionarys_and_none_for_unknown_words() -> None:
    tags = jieba.posseg.dt.word_tag_tab
    tokens = lexicon().tokens("澄江湾集团和霁光半导体签署协议")
    assert all(t.tag == tags.get(t.word) for t in tokens)
    assert any(t.tag is None and len(t.word) > 1 for t in tokens), "an HMM word has no dictionary tag"


@pytest.mark.parametrize(("text", "span", "freq"), [("苏华表示", (0, 2), 100_000), ("快手商家入驻", (0, 3), 5),
                                                   ("快手商家入驻", (0, 3), 10**9), ("示意图", (0, 2), 50)])
def test_user_words_weigh_as_in_jiebas_route(text: str, span: tuple[int, int], freq: int) -> None:
    """A span given a frequency is routed as jieba would route a word of that frequency."""
    tok = jieba.Tokenizer()
    tok.FREQ = dict(jieba.dt.FREQ)
    tok.total, tok.initialized = jieba.dt.total, True
    word = text[span[0]:span[1]]
    for i in range(1, len(word) + 1):
        tok.FREQ.setdefault(word[:i], 0)
    tok.FREQ[word] = freq
    route: dict[int, tuple[float, int]] = {}
    tok.calc(text, tok.get_DAG(text), route)
    ends, i = [], 0
    while i < len(text):
        i = route[i][1] + 1
        ends.append(i)
    assert lexicon().route(text, {span: freq}) == ends


def test_a_heavy_name_becomes_one_token() -> None:
    assert lexicon().route("苏华表示") == [1, 2, 4]  # 苏|华|表示
    assert lexicon().route("苏华表示", {(0, 2): 100_000}) == [2, 4]


def test_built_once_then_opened_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZHEXTRACT_CACHE_DIR", str(tmp_path))
    from zhextract import usercache

    usercache.cache_dir.cache_clear()
    lexicon.cache_clear()
    try:
        first = lexicon()
        folders = [p for p in tmp_path.iterdir() if p.name.startswith("jieba-dict-")]
        assert len(folders) == 1 and (folders[0] / "words.marisa").is_file()
        lexicon.cache_clear()
        again = lexicon()
        assert again is not first and again.freq("发展") == first.freq("发展") > 0
    finally:
        usercache.cache_dir.cache_clear()
        lexicon.cache_clear()


def test_a_damaged_cache_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZHEXTRACT_CACHE_DIR", str(tmp_path))
    from zhextract import usercache

    usercache.cache_dir.cache_clear()
    lexicon.cache_clear()
    try:
        lexicon()
        folder = next(p for p in tmp_path.iterdir() if p.name.startswith("jieba-dict-"))
        (folder / "tags.u8").write_bytes(b"\0")  # truncated
        lexicon.cache_clear()
        assert lexicon().tag("发展") == jieba.posseg.dt.word_tag_tab["发展"]
    finally:
        usercache.cache_dir.cache_clear()
        lexicon.cache_clear()


def test_unwritable_cache_still_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    monkeypatch.setenv("ZHEXTRACT_CACHE_DIR", str(blocked / "sub"))
    from zhextract import usercache

    usercache.cache_dir.cache_clear()
    lexicon.cache_clear()
    try:
        assert usercache.cache_dir() is None
        assert lexicon().freq("发展") == jieba.dt.FREQ["发展"]
    finally:
        usercache.cache_dir.cache_clear()
        lexicon.cache_clear()


def test_a_malformed_dictionary_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "dict.txt"
    bad.write_text("发展 68664 vn\n坏行\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(DictionaryError, match=r"dict.txt:2"):
        lexicon_module._build(bad, out)


@given(st.text(alphabet="的发展中国人民银行云帆汽车星海控股公司", min_size=1, max_size=12))
def test_prefixes_are_the_dictionary_words_a_text_starts_with(text: str) -> None:
    lex = lexicon()
    want = sorted(text[:n] for n in range(1, len(text) + 1) if text[:n] in jieba.dt.FREQ and jieba.dt.FREQ[text[:n]])
    assert sorted(w for w in lex.prefixes(text) if lex.freq(w)) == want


def test_words_tagged_lists_each_word_with_its_own_tag() -> None:
    lex = lexicon()
    found = dict(lex.words_tagged(("nt",)))
    assert "中国人民银行" in found
    assert set(found.values()) == {"nt"}
    assert all(jieba.posseg.dt.word_tag_tab[w] == "nt" for w in list(found)[:500])


def test_a_remembered_route_is_not_changed_by_its_caller() -> None:
    lex = lexicon()
    first = lex.route("云帆汽车发布新车")
    first.append(99)
    assert lex.route("云帆汽车发布新车") == _jieba_route("云帆汽车发布新车")


def test_tagged_words_with_offsets_point_at_their_words() -> None:
    text = "星海控股在中国人民银行开户，ABC公司"
    for word, tag, at in lexicon().tagged_words(text, offsets=True):
        assert text[at:at + len(word)] == word
        assert lexicon().tag(word) == tag

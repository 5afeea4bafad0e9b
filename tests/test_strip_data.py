"""The strip stage's data files: well-formed, documented, and free of news words."""

from __future__ import annotations

import re

import pytest

from helpers import DATA
from zhextract.resources import data_path, read_list, read_table
from zhextract.stages.strip.boilerplate import boilerplate_pattern, spam_lexicon

FILES = ["spam_lexicon.txt", "spam_lexicon_weak.txt", "boilerplate.tsv", "meta_fields.tsv", "question_words.txt",
         "search_subjects.txt"]


@pytest.mark.parametrize("name", FILES)
def test_data_file_has_a_header_saying_what_it_is_and_how_to_extend_it(name: str) -> None:
    text = data_path(name).read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert text.startswith(f"# {name}"), "the first line names the file"
    assert any("Format" in line for line in header)
    assert any("Extending" in line or "extend" in line.lower() for line in header)


def test_boilerplate_kinds_are_the_documented_ones() -> None:
    """Every kind used in boilerplate.tsv is explained in its header, and every explained kind is used."""
    import re

    header = [ln for ln in data_path("boilerplate.tsv").read_text(encoding="utf-8").splitlines() if ln.startswith("#")]
    documented = {m.group(1) for ln in header if (m := re.match(r"^#   ([a-z_]+)\s", ln))}
    kinds = {row[0] for row in read_table("boilerplate.tsv", 2)}
    assert kinds == documented
    assert {"end_marker", "furniture", "disclaimer", "tags", "caption", "reporter_title"} <= kinds
    for kind in kinds:
        assert boilerplate_pattern(kind).pattern


def test_meta_fields_are_known() -> None:
    fields = {row[0] for row in read_table("meta_fields.tsv", 2)}
    assert fields == {"source", "author", "editor", "published", "original_title", "page_title", "credit", "counter",
                      "other"}
    labels = [label for row in read_table("meta_fields.tsv", 2) for label in row.items(1)]
    assert len(labels) == len(set(labels)), "a label belongs to one field"


def _strong_entries() -> list[str]:
    return sorted(spam_lexicon().strong)


def _news_words() -> list[str]:
    lines = (DATA / "strip_news_words.txt").read_text(encoding="utf-8").splitlines()
    return [w.strip().lower() for w in lines if w.strip() and not w.startswith("#")]


def test_no_strong_spam_word_is_part_of_a_news_word() -> None:
    news = _news_words()
    bad = []
    for entry in _strong_entries():
        for word in news:
            if entry.isascii():
                hit = re.search(rf"(?<![a-z]){re.escape(entry)}(?![a-z])", word)
            else:
                hit = entry in word
            if hit:
                bad.append((entry, word))
    assert not bad, f"strong spam entries inside news words (mark them weak): {bad}"


def test_spam_lexicon_entries_are_unique_and_in_one_file_only() -> None:
    strong = [w.lower() for w in read_list("spam_lexicon.txt")]
    weak = [w.lower() for w in read_list("spam_lexicon_weak.txt")]
    assert len(strong) == len(set(strong)) and len(weak) == len(set(weak))
    assert not set(strong) & set(weak)
    assert all("\t" not in w and " " not in w.strip() for w in strong + weak)


def test_question_particles_are_marked() -> None:
    words = read_list("question_words.txt")
    finals = [w for w in words if w.endswith("$")]
    assert finals and all(len(w) == 2 for w in finals)


def test_lines_with_match_is_search_line_by_line() -> None:
    """``Literals.lines_with_match`` scans a whole page once; each line's answer must be ``search``'s on it."""
    import random

    from zhextract.stages.strip.boilerplate import Literals

    words = read_list("spam_lexicon.txt") + read_list("spam_lexicon_weak.txt")
    lits = [spam_lexicon().pattern, Literals(["快手", "AV", "av女优", "bet365", "充值"])]
    rng = random.Random(3)
    filler = ["今天", "天气", "x", "AVE", "Av", "a", "，", " ", "İ", "Σ", "ΣΑ", "9", "快", "-", "\n", "\n"]
    for _ in range(600):
        pieces = [rng.choice(words) if rng.random() < 0.3 else rng.choice(filler) for _ in range(rng.randint(0, 40))]
        text = "".join(pieces)
        for lit in lits:
            expected = {i for i, line in enumerate(text.split("\n")) if lit.search(line)}
            assert lit.lines_with_match(text) == expected, text

"""The rule-data files themselves: every file says what it is and how it is written, and loads."""

from __future__ import annotations

import pytest

from helpers import process
from zhextract.resources import data_files, rules_hash

FILES = data_files()


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_data_file_starts_with_a_header_naming_it_and_its_format(path) -> None:  # type: ignore[no-untyped-def]
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith(f"# {path.name}"), "the first line names the file"
    header = [ln for ln in lines if ln.startswith("#")]
    assert any("format" in ln.lower() for ln in header), "the header says how entries are written"
    assert any(ln.strip() and not ln.startswith("#") for ln in lines), "the file has entries"
    assert "\r" not in text and "\ufeff" not in text


def test_every_data_file_is_used_by_the_pipeline() -> None:
    # Each file's loader validates its own format; an article that touches
    # every stage makes every loader run, so a malformed line fails here.
    article = process("环球快讯：2022年Q1快手营收增长20%\n来源：某报 | 2022-03-04 10:20\n"
                      "據報道，Aauto Quicker 同比增长超过30%，近日宣布上线新功能。\n标签：电商 直播")
    assert article["title"] and article["events"] and article["numbers"]


def test_rules_hash_changes_with_any_data_file(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from zhextract import resources

    before = rules_hash()
    copy = tmp_path / "data"
    copy.mkdir()
    for p in FILES:
        (copy / p.name).write_bytes(p.read_bytes())
    monkeypatch.setattr(resources, "DATA_DIR", copy)
    assert rules_hash() == before
    (copy / FILES[0].name).write_text(FILES[0].read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert rules_hash() != before

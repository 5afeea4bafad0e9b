"""The command line: process, explain, validate, help and exit codes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, SEEDS
from zhextract import schemas


def zx(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "zhextract", *args], cwd=cwd or ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_process_prints_one_valid_article():
    r = zx("process", str(SEEDS[0]))
    assert r.returncode == 0, r.stderr
    article = json.loads(r.stdout)
    assert schemas.errors("article", article) == []
    assert article["id"] == SEEDS[0].stem


def test_process_published_sets_the_reference_when_the_article_has_none(tmp_path: Path):
    f = tmp_path / "a.txt"
    f.write_text("今年3月，某平台宣布调整规则。\n去年该平台营收增长20%。", encoding="utf-8")
    article = json.loads(zx("process", str(f), "--published", "2021-05-01").stdout)
    assert (article["meta"]["reference_date"], article["meta"]["reference_basis"]) == ("2021-05-01", "override")


@pytest.mark.parametrize("content, message", [
    (b"", "empty file"),
    (bytes(range(256)) * 8, "binary"),
])
def test_bad_file_gives_one_line_error_naming_it(tmp_path: Path, content: bytes, message: str):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    r = zx("process", str(f))
    assert r.returncode == 1
    assert r.stdout == ""
    assert r.stderr.count("\n") == 1 and str(f) in r.stderr and message in r.stderr
    assert "Traceback" not in r.stderr


def test_missing_file_and_bad_date_are_usage_errors(tmp_path: Path):
    r = zx("process", str(tmp_path / "nope.txt"))
    assert r.returncode == 1 and "nope.txt" in r.stderr and "Traceback" not in r.stderr
    r = zx("process", str(SEEDS[0]), "--published", "March 3rd")
    assert r.returncode == 2 and "not an ISO date" in r.stderr


def test_explain_groups_edits_by_stage_and_rule_in_context():
    r = zx("explain", str(SEEDS[2]), "--color", "never")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    for heading in ("== normalize", "== strip", "== extract"):
        assert heading in out
    assert "t2s" in out and "link_farm" in out and "title" in out
    assert "\x1b[" not in out
    r = zx("explain", str(SEEDS[2]), "--color", "always")
    assert "\x1b[" in r.stdout


def test_build_then_validate_then_detect_a_corrupted_file(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for s in SEEDS[:2]:
        shutil.copy(s, corpus)
    r = zx("build", str(corpus), "--out", str(tmp_path / "ds"), "--workers", "1", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "2 articles" in r.stderr
    ok = zx("validate", str(tmp_path / "ds"), "--corpus", str(corpus))
    assert ok.returncode == 0 and "valid" in ok.stdout
    lines = (tmp_path / "ds" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    broken = json.loads(lines[0])
    broken["text"] = broken["text"].replace("快手", "某某", 1)
    lines[0] = json.dumps(broken, ensure_ascii=False)
    (tmp_path / "ds" / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    bad = zx("validate", str(tmp_path / "ds"), "--corpus", str(corpus))
    assert bad.returncode == 1
    assert "articles.jsonl:1" in bad.stderr and "INVALID" in bad.stderr


def test_build_exit_code_is_1_when_a_file_failed(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS[0], corpus)
    (corpus / "junk.bin").write_bytes(bytes(range(256)) * 4)
    r = zx("build", str(corpus), "--out", str(tmp_path / "ds"), "-w", "1", cwd=tmp_path)
    assert r.returncode == 1
    assert "junk.bin" in r.stderr and "binary" in r.stderr and "Traceback" not in r.stderr


def test_help_teaches_with_examples():
    r = zx("--help")
    assert r.returncode == 0 and "examples:" in r.stdout and "zhextract build" in r.stdout
    r = zx("build", "--help")
    assert "--workers" in r.stdout and "atomic" in r.stdout
    assert zx().returncode == 2


def test_processing_never_loads_jieba_itself():
    """jieba's dictionary is read through the memory-mapped trie of zhextract.lexicon;
    importing jieba (and its one-second dictionary load) is for the tests only."""
    code = ("import sys; from zhextract.pipeline import process_bytes; from zhextract.step import Context\n"
            f"for p in {[str(s) for s in SEEDS]!r}:\n"
            "    process_bytes(open(p, 'rb').read(), 'x', 'x', Context())\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'jieba'))")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"

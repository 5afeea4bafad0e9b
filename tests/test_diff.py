"""``zhextract diff`` on two builds of the seeds that differ by one rule (``strip.related_list``)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import regex

from test_cli import zx
from zhextract.report.dataset import iter_articles
from zhextract.report.diff import changed_chars, compare


def test_same_dataset_is_identical_exit_0(seeds_dataset: Path, tmp_path: Path):
    copy = tmp_path / "copy"
    shutil.copytree(seeds_dataset, copy)
    r = zx("diff", str(seeds_dataset), str(copy))
    assert r.returncode == 0, r.stderr
    assert "identical" in r.stdout


def test_one_rule_change_is_found_exit_1(seeds_dataset: Path, seeds_dataset_without_related_list: Path):
    old, new = seeds_dataset, seeds_dataset_without_related_list
    result = compare(old, new, top=10, diffs=2)
    assert not result.identical
    assert result.added == [] and result.removed == [] and result.old_articles == result.new_articles == 4
    deltas = {rule: (a, b) for rule, a, b in result.rule_deltas}
    before = json.loads((old / "manifest.json").read_text(encoding="utf-8"))["rules"]["strip.related_list"]
    assert deltas["strip.related_list"] == (before, 0)
    # the articles whose text changed are exactly those where the rule removed something
    fired = {a["id"] for a in iter_articles(old) if any(e["rule"] == "related_list" for e in a["edits"])}
    texts = {a["id"]: a["text"] for a in iter_articles(old)}
    changed = {a["id"] for a in iter_articles(new) if a["text"] != texts[a["id"]]}
    assert changed and changed <= fired
    assert result.changed["text"] == len(changed) and result.changed["edits"] >= len(changed)
    assert [c.id for c in result.largest] == sorted(changed, key=lambda i: -changed_chars(
        texts[i], next(a["text"] for a in iter_articles(new) if a["id"] == i)))
    # the lines the rule used to remove come back, as added lines of the unified diff
    first = result.largest[0]
    added = [line[1:] for line in first.unified() if line.startswith("+") and not line.startswith("+++")]
    removed_by_rule = "".join(e["before"] for a in iter_articles(old) if a["id"] == first.id
                              for e in a["edits"] if e["rule"] == "related_list")
    def han(t: str) -> str:  # the rule saw the original, before punctuation was normalized
        return "".join(regex.findall(r"\p{Han}+", t))
    assert added and all(han(line) in han(removed_by_rule) for line in added)

    r = zx("diff", str(old), str(new), "--diffs", "1")
    assert r.returncode == 1, r.stderr
    assert "strip.related_list" in r.stdout and f"{before} -> 0" in r.stdout
    assert r.stdout.count("\n--- OLD/") == 1 and f"+++ NEW/{first.id}" in r.stdout


def test_diff_html_page(seeds_dataset: Path, seeds_dataset_without_related_list: Path, tmp_path: Path):
    out = tmp_path / "diff.html"
    r = zx("diff", str(seeds_dataset), str(seeds_dataset_without_related_list), "--html", str(out), "-q")
    assert r.returncode == 1 and r.stdout == ""
    html = out.read_text(encoding="utf-8")
    assert "<h2>Different</h2>" in html and "strip.related_list" in html
    assert 'class="diff-add"' in html and "<script" not in html


def test_added_and_removed_articles(seeds_dataset: Path, tmp_path: Path):
    new = tmp_path / "new"
    shutil.copytree(seeds_dataset, new)
    lines = (new / "articles.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    gone = json.loads(lines[1])["id"]
    extra = json.loads(lines[-1])
    extra["id"] = "zzz_new"
    (new / "articles.jsonl").write_text("".join(lines[:1] + lines[2:]) + json.dumps(extra, ensure_ascii=False) + "\n",
                                        encoding="utf-8")
    result = compare(seeds_dataset, new)
    assert (result.removed, result.added, result.changed_articles) == ([gone], ["zzz_new"], 0)
    assert not result.identical


def test_bad_input_exits_2_with_one_line(seeds_dataset: Path, tmp_path: Path):
    r = zx("diff", str(seeds_dataset), str(tmp_path))
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and f"{tmp_path}/manifest.json: missing" in r.stderr
    broken = tmp_path / "broken"
    shutil.copytree(seeds_dataset, broken)
    with open(broken / "articles.jsonl", "a", encoding="utf-8") as f:
        f.write("{not json\n")
    r = zx("diff", str(seeds_dataset), str(broken))
    assert r.returncode == 2 and "articles.jsonl:5: not JSON" in r.stderr and "Traceback" not in r.stderr


def test_changed_chars_counts_deleted_plus_inserted():
    assert changed_chars("甲乙丙\n丁戊", "甲乙丙\n丁戊") == 0
    assert changed_chars("甲乙丙\n丁戊", "甲乙丁\n丁戊") == 2  # one replaced: one out, one in
    assert changed_chars("甲乙丙\n丁戊", "甲乙丙\n") == 2
    assert changed_chars("一\n", "一\n二三\n") == 3

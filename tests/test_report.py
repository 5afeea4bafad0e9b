"""``zhextract report`` without a browser: what the page holds, its layouts, and bad input."""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers import CORPUS
from test_cli import zx
from zhextract.decode import decode_bytes
from zhextract.document import replay
from zhextract.report.collect import collect
from zhextract.report.dataset import iter_articles
from zhextract.report.original import original_length, original_text
from zhextract.report.render import write_report


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.data: dict[str, str] = {}
        self._open: str | None = None

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        attrs_d = dict(attrs)
        self.tags.append((tag, attrs_d))
        self._open = attrs_d.get("id") if tag == "script" else None

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self._open:
            self.data[self._open] = self.data.get(self._open, "") + data


def _parse(path: Path) -> _Tags:
    p = _Tags()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def test_original_text_is_the_decoded_source_file(seeds_dataset: Path):
    for a in iter_articles(seeds_dataset):
        raw, _ = decode_bytes((CORPUS / a["source_file"]).read_bytes())
        assert original_text(a["text"], a["edits"]) == raw
        assert original_length(a["text"], a["edits"]) == len(raw)
        assert replay(raw, a["edits"]) == a["text"]


def test_statistics_add_up_and_find_the_traditional_seed(seeds_dataset: Path):
    chunks: list[str] = []
    s = collect(seeds_dataset, lambda k, payload: chunks.append(payload))
    assert len(s.rows) == 4 and len(chunks) == 1
    raw_total = sum(len(decode_bytes(p.read_bytes())[0]) for p in CORPUS.glob("*.txt"))
    assert s.original_chars == raw_total
    added = sum(max(0, len(e["after"]) - len(e["before"])) for a in iter_articles(seeds_dataset) for e in a["edits"])
    assert sum(s.removed_by_stage.values()) - added == s.original_chars - s.clean_chars
    traditional = {r[0] for r in s.rows if r[10]}
    assert traditional == {"002_ae42aa2a97ec57b8"}  # the seed scraped from a Traditional reprint
    assert s.encodings == {"utf-8": 4}
    assert s.top_losses[0][1] == "002_ae42aa2a97ec57b8"  # its keyword lines and link farm are most of it
    entities = s.timeline["entities"]
    assert entities[0] == "快手" and all(p["y"] in entities for p in s.timeline["points"])


def test_single_file_report_loads_nothing_from_outside(seeds_dataset: Path, tmp_path: Path):
    out = tmp_path / "r.html"
    r = zx("report", str(seeds_dataset), "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "4 articles" in r.stderr
    assert not (tmp_path / "r_files").exists()
    page = _parse(out)
    external = [(t, a) for t, a in page.tags if a.get("src") or (t == "link" and a.get("href"))
                or (t == "img")]
    assert external == []
    summary = json.loads(page.data["zx-summary"])
    assert [row[0] for row in summary["rows"]] == sorted(p.stem for p in CORPUS.glob("*.txt"))
    assert set(summary["figures"]) >= {"spun", "stages", "rules_removed", "rules_fired", "encodings", "timeline"}
    chunk = json.loads(page.data["zx-chunk-0"])
    assert [a["id"] for a in chunk["articles"]] == [row[0] for row in summary["rows"]]
    assert "Plotly" in out.read_text(encoding="utf-8")  # plotly.js inlined from the installed package


def test_split_layout_keeps_texts_out_of_the_page(seeds_dataset: Path, tmp_path: Path):
    out = tmp_path / "audit.html"
    result = write_report(seeds_dataset, out, layout="split")
    assert result.layout == "split" and result.files_dir == tmp_path / "audit_files"
    html = out.read_text(encoding="utf-8")
    assert not [k for k in _parse(out).data if k.startswith("zx-chunk-")]
    chunk_js = (tmp_path / "audit_files" / "chunk-00000.js").read_text(encoding="utf-8")
    assert chunk_js.startswith("zxChunk(0,")
    for a in iter_articles(seeds_dataset):
        paragraph = max(a["text"].splitlines(), key=len)
        assert paragraph not in html  # the summary never embeds a text
        assert json.dumps(paragraph, ensure_ascii=False)[1:-1] in chunk_js
    # a second report replaces the folder whole
    write_report(seeds_dataset, out, layout="split")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["audit.html", "audit_files"]


def test_auto_layout_splits_over_the_limit(seeds_dataset: Path, tmp_path: Path):
    assert write_report(seeds_dataset, tmp_path / "a.html", embed_limit=10**9).layout == "single"
    assert write_report(seeds_dataset, tmp_path / "b.html", embed_limit=1000).layout == "split"


def test_report_page_cannot_be_closed_by_the_texts(tmp_path: Path, seeds_dataset: Path):
    ds = tmp_path / "ds"
    shutil.copytree(seeds_dataset, ds)
    lines = (ds / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    a = json.loads(lines[0])
    a["title"] = "</script><script>alert(1)</script>"
    lines[0] = json.dumps(a, ensure_ascii=False)
    (ds / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    write_report(ds, tmp_path / "r.html")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html
    page = _parse(tmp_path / "r.html")
    assert len([t for t, _ in page.tags if t == "script"]) == 4  # summary, one chunk, plotly.js, report.js
    assert json.loads(page.data["zx-summary"])["rows"][0][1] == a["title"]
    assert json.loads(page.data["zx-chunk-0"])["articles"][0]["title"] == a["title"]


@pytest.mark.parametrize("damage, message", [
    (lambda ds: (ds / "manifest.json").unlink(), "manifest.json: missing"),
    (lambda ds: (ds / "manifest.json").write_text("{", encoding="utf-8"), "manifest.json: not JSON"),
    (lambda ds: (ds / "articles.jsonl").unlink(), "articles.jsonl: missing"),
    (lambda ds: (ds / "articles.jsonl").write_text('{"id": "x"}\n', encoding="utf-8"),
     "articles.jsonl:1: article without text"),
    (lambda ds: (ds / "timeline.jsonl").write_text("[1]\nnot json\n", encoding="utf-8"),
     "timeline.jsonl:1: not a JSON object"),
])
def test_bad_dataset_gives_one_line_naming_the_file(seeds_dataset: Path, tmp_path: Path, damage, message):
    ds = tmp_path / "ds"
    shutil.copytree(seeds_dataset, ds)
    damage(ds)
    r = zx("report", str(ds), "--out", str(tmp_path / "r.html"))
    assert r.returncode == 1
    assert r.stderr.count("\n") == 1 and message in r.stderr and str(ds) in r.stderr, r.stderr
    assert "Traceback" not in r.stderr
    assert not (tmp_path / "r.html").exists()


def test_report_of_a_folder_that_is_no_dataset(tmp_path: Path):
    r = zx("report", str(tmp_path), "--out", str(tmp_path / "r.html"))
    assert r.returncode == 1 and r.stderr.count("\n") == 1
    assert f"{tmp_path}/manifest.json: missing" in r.stderr


def test_report_help_teaches():
    r = zx("report", "--help")
    assert r.returncode == 0
    for word in ("offline", "--layout", "report_files", "side by side", "example"):
        assert word in r.stdout

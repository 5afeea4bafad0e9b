"""Corpora of records: JSONL, Parquet and WARC/WET files, alone or in a folder.

Every fixture is made here: JSONL lines and Parquet rows from the seed
articles, WET and WARC files written with warcio (gzipped record by record,
as Common Crawl's are, and plain).
"""

from __future__ import annotations

import gzip
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from helpers import SEEDS
from zhextract.build import BuildConfig, build
from zhextract.cli import main
from zhextract.decode import decode_bytes
from zhextract.document import replay
from zhextract.formats.records import RecordFields
from zhextract.validate import validate

TEXTS = [s.read_text(encoding="utf-8") for s in SEEDS]


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _write_jsonl(path: Path, rows: list[Any]) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write((row if isinstance(row, str) else json.dumps(row, ensure_ascii=False)) + "\n")
    return path


def _records(**extra: Any) -> list[dict[str, Any]]:
    return [{"id": f"news-{i}", "text": t, "url": f"https://news.example/{i}", "published": "2021-11-20T08:00:00Z",
             **extra} for i, t in enumerate(TEXTS)]


def _write_warc(path: Path, texts: list[str], gz: bool, kind: str = "conversion") -> list[str]:
    """A WET-like file: a warcinfo record, then one record per text; returns the record ids."""
    ids = []
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=gz)
        info = writer.create_warcinfo_record(path.name, {"software": "zhextract tests"})
        writer.write_record(info)
        for i, text in enumerate(texts):
            payload = text.encode("utf-8")
            headers = {"WARC-Date": f"2022-03-0{i + 1}T10:00:00Z", "Content-Type": "text/plain"}
            http = None
            if kind == "response":
                http = StatusAndHeaders("200 OK", [("Content-Type", "text/plain; charset=utf-8")],
                                        protocol="HTTP/1.1")
            record = writer.create_warc_record(f"https://crawl.example/{i}", kind, payload=io.BytesIO(payload),
                                               length=len(payload), warc_headers_dict=headers,
                                               http_headers=http)
            ids.append(record.rec_headers.get_header("WARC-Record-ID"))
            writer.write_record(record)
    return ids


def test_a_jsonl_file_is_a_corpus_whose_records_are_articles(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    corpus = _write_jsonl(tmp_path / "news.jsonl", [*_records(), "{not json", {"id": "blank", "text": ""},
                                                    {"id": "no-text", "body": "x"}])
    code = main(["build", str(corpus), "--out", str(tmp_path / "ds"), "--workers", "1", "--quiet"])
    assert code == 1
    assert capsys.readouterr().err.splitlines() == [
        f"zhextract: {corpus}:{len(TEXTS) + 1}: not JSON (Expecting property name enclosed in double quotes)",
        f"zhextract: {corpus}:{len(TEXTS) + 2}: empty file",
        f"zhextract: {corpus}:{len(TEXTS) + 3}: no string field 'text' (the article's text; see --text-field)",
    ]
    articles = _jsonl(tmp_path / "ds" / "articles.jsonl")
    assert [a["id"] for a in articles] == [f"news-{i}" for i in range(len(TEXTS))]
    for i, a in enumerate(articles):
        assert a["source_file"] == f"news.jsonl:{i + 1}"
        assert a["meta"]["url"] == f"https://news.example/{i}"
        raw, _ = decode_bytes(TEXTS[i].encode("utf-8"))
        assert replay(raw, a["edits"]) == a["text"]  # the spans index the record's text
        assert all(raw[e["span"][0]:e["span"][1]] == e["before"] for e in a["edits"])
    assert {a["meta"]["reference_basis"] for a in articles} <= {"published", "sidecar"}
    assert any(a["meta"]["published"] == "2021-11-20T08:00:00" for a in articles)  # from the record's field
    manifest = json.loads((tmp_path / "ds" / "manifest.json").read_text(encoding="utf-8"))
    assert [r["source_file"] for r in manifest["files"] if r["status"] == "failed"] == [
        f"news.jsonl:{len(TEXTS) + n}" for n in (1, 2, 3)]
    assert validate(tmp_path / "ds", corpus)[0] == []


def test_a_record_build_resumes_and_reprocesses_only_new_or_changed_records(tmp_path: Path) -> None:
    rows = _records()
    corpus = _write_jsonl(tmp_path / "news.jsonl", rows)
    cfg = BuildConfig(corpus=corpus, out=tmp_path / "ds", workers=1)
    assert build(cfg).processed == len(TEXTS)
    again = build(cfg)
    assert (again.processed, again.up_to_date) == (0, True)
    rows[1]["text"] += "\n另据报道，2021年12月1日，快手宣布新规。"
    _write_jsonl(corpus, [*rows, {"id": "extra", "text": TEXTS[0] + "\n补充。"}])
    changed = build(cfg)
    assert (changed.processed, changed.reused) == (2, len(TEXTS) - 1)
    assert validate(tmp_path / "ds", corpus)[0] == []


def test_text_and_id_fields_are_options_and_a_record_without_id_is_named_by_its_line(tmp_path: Path) -> None:
    corpus = _write_jsonl(tmp_path / "crawl.jsonl", [{"content": t, "doc": f"<urn:uuid:ABC-{i}>"}
                                                     for i, t in enumerate(TEXTS[:2])])
    build(BuildConfig(corpus=corpus, out=tmp_path / "a", workers=1, fields=RecordFields(text="content", id="doc")))
    assert [a["id"] for a in _jsonl(tmp_path / "a" / "articles.jsonl")] == ["abc-0", "abc-1"]
    build(BuildConfig(corpus=corpus, out=tmp_path / "b", workers=1, fields=RecordFields(text="content")))
    assert [a["id"] for a in _jsonl(tmp_path / "b" / "articles.jsonl")] == ["crawl-1", "crawl-2"]
    assert validate(tmp_path / "a", corpus)[0] == []  # validate lists the corpus with the build's fields


def test_a_parquet_corpus_gives_the_same_articles_as_the_same_records_in_jsonl(tmp_path: Path) -> None:
    import datetime as dt

    rows = _records()
    _write_jsonl(tmp_path / "news.jsonl", rows)
    table = pa.table({"id": [r["id"] for r in rows], "text": [r["text"] for r in rows],
                      "url": [r["url"] for r in rows], "published": [dt.date(2021, 11, 20)] * len(rows)})
    pq.write_table(table, tmp_path / "news.parquet", row_group_size=2)
    build(BuildConfig(corpus=tmp_path / "news.jsonl", out=tmp_path / "from-jsonl", workers=1))
    build(BuildConfig(corpus=tmp_path / "news.parquet", out=tmp_path / "from-parquet", workers=2))
    a = _jsonl(tmp_path / "from-jsonl" / "articles.jsonl")
    b = _jsonl(tmp_path / "from-parquet" / "articles.jsonl")
    assert [x["source_file"] for x in b] == [f"news.parquet:{i + 1}" for i in range(len(TEXTS))]
    strip = ("source_file",)
    for x, y in zip(a, b, strict=True):
        x["meta"]["published"] = y["meta"]["published"] = None  # a datetime in one, a date in the other
        assert {k: v for k, v in x.items() if k not in strip} == {k: v for k, v in y.items() if k not in strip}
    assert validate(tmp_path / "from-parquet", tmp_path / "news.parquet")[0] == []


@pytest.mark.parametrize("gz", [True, False], ids=["wet.gz", "wet"])
def test_a_wet_file_is_a_corpus_of_its_conversion_records(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("crawl.warc.wet.gz" if gz else "crawl.warc.wet")
    ids = _write_warc(path, TEXTS, gz)
    if gz:
        with gzip.open(path) as f:
            assert b"WARC/1." in f.read(100)
    report = build(BuildConfig(corpus=path, out=tmp_path / "ds", workers=2))
    assert report.failed == [] and report.articles == len(TEXTS)
    articles = {a["id"]: a for a in _jsonl(tmp_path / "ds" / "articles.jsonl")}
    uuids = [i.removeprefix("<urn:uuid:").removesuffix(">") for i in ids]
    assert set(articles) == set(uuids)
    for n, uuid in enumerate(uuids):
        a = articles[uuid]
        assert a["source_file"] == f"{path.name}:{n + 1}"  # the warcinfo record is no article
        assert a["meta"]["url"] == f"https://crawl.example/{n}"
        assert a["source_sha256"] == __import__("hashlib").sha256(TEXTS[n].encode("utf-8")).hexdigest()
    assert validate(tmp_path / "ds", path)[0] == []


def test_response_records_of_a_warc_in_a_folder_with_other_corpora(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    _write_warc(folder / "pages.warc.gz", TEXTS[:2], gz=True, kind="response")
    _write_jsonl(folder / "feed.jsonl", [{"id": "feed-1", "text": TEXTS[2]}, {"id": "feed-2", "text": TEXTS[3]}])
    shutil.copy(SEEDS[0], folder / "plain.txt")
    _write_jsonl(folder / "dupes.jsonl", [{"id": "plain", "text": TEXTS[1]}])
    report = build(BuildConfig(corpus=folder, out=tmp_path / "ds", workers=1))
    assert report.failed == [("plain.txt", "same id 'plain' as dupes.jsonl:1; rename one of them")]  # first listed wins
    articles = _jsonl(tmp_path / "ds" / "articles.jsonl")
    sources = sorted(a["source_file"] for a in articles)
    assert sources == ["dupes.jsonl:1", "feed.jsonl:1", "feed.jsonl:2", "pages.warc.gz:1", "pages.warc.gz:2"]
    page = next(a for a in articles if a["source_file"] == "pages.warc.gz:1")
    assert page["meta"]["url"] == "https://crawl.example/0" and page["text"]
    assert validate(tmp_path / "ds", folder)[0] == []


def test_a_warc_gzipped_as_a_whole_is_refused_in_one_line(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    plain = tmp_path / "x.warc"
    _write_warc(plain, TEXTS[:2], gz=False)
    whole = tmp_path / "crawl.warc.gz"
    whole.write_bytes(gzip.compress(plain.read_bytes()))
    code = main(["build", str(whole), "--out", str(tmp_path / "ds"), "--quiet", "--workers", "1"])
    err = capsys.readouterr().err.splitlines()
    assert code == 1 and len(err) == 1
    assert err[0].startswith(f"zhextract: {whole}: gzipped as a whole, not record by record")
    assert "warcio recompress" in err[0]


def test_explain_process_and_validate_take_a_record_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = _write_jsonl(tmp_path / "news.jsonl", _records())
    assert main(["build", str(corpus), "--out", str(tmp_path / "ds"), "--quiet", "--workers", "1"]) == 0
    built = {a["id"]: a for a in _jsonl(tmp_path / "ds" / "articles.jsonl")}
    capsys.readouterr()
    assert main(["process", str(corpus), "--record", "news-2"]) == 0
    assert json.loads(capsys.readouterr().out) == built["news-2"]
    assert main(["explain", str(corpus), "--record", "news-2", "--color", "never"]) == 0
    shown = capsys.readouterr().out
    assert shown.startswith("news.jsonl:3") and built["news-2"]["title"] in shown
    assert main(["explain", str(corpus)]) == 1
    assert capsys.readouterr().err.strip() == (f"zhextract: {corpus}: holds {len(TEXTS)} records; name one with "
                                               "--record ID (e.g. news-0, news-1, news-2)")
    assert main(["explain", str(corpus), "--record", "nope"]) == 1
    assert capsys.readouterr().err.strip() == f"zhextract: {corpus}: no record with id 'nope'"
    assert main(["validate", str(tmp_path / "ds"), "--corpus", str(corpus), "--record", "news-2"]) == 0
    assert capsys.readouterr().out.strip() == f"{tmp_path / 'ds'}: record news-2 valid and its source record"
    rows = _records()
    rows[2]["text"] = rows[2]["text"].replace("快手", "抖音", 1)
    _write_jsonl(corpus, rows)
    assert main(["validate", str(tmp_path / "ds"), "--corpus", str(corpus), "--record", "news-2"]) == 1
    err = capsys.readouterr().err
    assert "source news.jsonl:3 changed since the build (sha256 differs)" in err


def test_a_plain_file_is_no_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(SEEDS[0], tmp_path / "a.txt")
    assert main(["build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "ds"), "--quiet"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"zhextract: {tmp_path / 'a.txt'}: a corpus is a folder, or one file of records named "
                          "*.jsonl")

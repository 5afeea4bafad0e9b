"""The batch build: dataset contract, determinism, incremental and atomic rebuilds, bad input."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import SEEDS
from zhextract import pipeline, schemas
from zhextract.build import BuildConfig, build
from zhextract.cache import Cache
from zhextract.step import Options, Step
from zhextract.validate import validate


def _build(corpus: Path, out: Path, **kw) -> object:  # type: ignore[no-untyped-def]
    return build(BuildConfig(corpus=corpus, out=out, **kw))


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_build_writes_the_dataset_contract(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    report = _build(corpus, out, workers=1)
    assert report.failed == [] and report.articles == len(SEEDS)
    names = set(_files(out))
    assert {"articles.jsonl", "events.jsonl", "numbers.jsonl", "timeline.jsonl", "manifest.json"} <= names
    articles = [json.loads(line) for line in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [a["id"] for a in articles] == sorted(s.stem for s in SEEDS)
    for a in articles:
        assert schemas.errors("article", a) == []
        assert json.loads((out / "articles" / f"{a['id']}.json").read_text(encoding="utf-8")) == a
        assert a["source_file"] == f"{a['id']}.txt"
    events = (out / "events.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(events) == sum(len(a["events"]) for a in articles) > 0
    assert all(json.loads(e)["article_id"] for e in events)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert schemas.errors("manifest", manifest) == []
    assert manifest["counts"]["articles"] == len(SEEDS)
    assert any(k.startswith("strip.") for k in manifest["rules"])
    timeline = [json.loads(line) for line in (out / "timeline.jsonl").read_text(encoding="utf-8").splitlines()]
    assert timeline and all(schemas.errors("timeline", entry) == [] for entry in timeline)
    assert sum(len(entry["sources"]) for entry in timeline) <= len(events)
    assert validate(out, corpus)[0] == []


def test_same_corpus_gives_byte_identical_dataset_whatever_the_workers(corpus: Path, tmp_path: Path) -> None:
    _build(corpus, tmp_path / "one", workers=1)
    _build(corpus, tmp_path / "two", workers=2)
    _build(corpus, tmp_path / "again", workers=2, force=True)
    assert _files(tmp_path / "one") == _files(tmp_path / "two") == _files(tmp_path / "again")


def test_rebuild_processes_only_new_or_changed_files_and_drops_deleted(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    first = _build(corpus, out, workers=1)
    assert first.processed == len(SEEDS)
    again = _build(corpus, out, workers=1)
    assert (again.processed, again.up_to_date) == (0, True)

    victim = SEEDS[-1].name
    with open(corpus / victim, "a", encoding="utf-8") as f:
        f.write("\n2023年5月，快手宣布了新的计划。\n")
    changed = _build(corpus, out, workers=1)
    assert (changed.processed, changed.reused) == (1, len(SEEDS) - 1)
    assert "2023年5月" in (out / "articles" / f"{Path(victim).stem}.json").read_text(encoding="utf-8")

    (corpus / victim).unlink()
    dropped = _build(corpus, out, workers=1)
    assert dropped.processed == 0
    assert not (out / "articles" / f"{Path(victim).stem}.json").exists()
    assert Path(victim).stem not in (out / "articles.jsonl").read_text(encoding="utf-8")
    assert validate(out, corpus)[0] == []


def test_changed_options_or_rule_data_reprocess_everything(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    _build(corpus, out, workers=1)
    gaz = tmp_path / "mine.tsv"
    gaz.write_text("# my entities\n遥望科技\tcompany\tYowant\t遥望\n", encoding="utf-8")
    report = _build(corpus, out, workers=1, options=Options(gazetteers=(str(gaz),)))
    assert report.processed == len(SEEDS)


def test_bad_files_are_reported_and_the_batch_completes(corpus: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    (corpus / "binary.bin").write_bytes(bytes(range(256)) * 64)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "latin1.txt").write_bytes("caf\xe9 ".encode("latin-1") * 3 + b"\xff\xfe\x00\x81")
    with open(corpus / "huge.txt", "wb") as f:  # a 50 MB file on one line
        f.write(("广告" * 1000).encode("utf-8") * 8800)
    (corpus / "explodes.txt").write_text("这一篇文章会让某个步骤出错。\n第二段正文。", encoding="utf-8")

    def explode(doc, ctx):  # type: ignore[no-untyped-def]
        if "出错" in doc.raw:
            raise RuntimeError("boom")
        return []

    monkeypatch.setattr(pipeline, "STEPS", [*pipeline.STEPS, Step("strip", "explode", explode)])
    out = tmp_path / "dataset"
    report = _build(corpus, out, workers=1)
    failed = dict(report.failed)
    assert set(failed) == {"binary.bin", "empty.txt", "latin1.txt", "huge.txt", "explodes.txt"}
    assert "binary" in failed["binary.bin"]
    assert "empty" in failed["empty.txt"]
    assert "too large" in failed["huge.txt"]
    assert "strip.explode" in failed["explodes.txt"] and "boom" in failed["explodes.txt"]
    assert all("\n" not in error for error in failed.values())  # one line each, no traceback
    assert report.articles == len(SEEDS)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    statuses = {r["source_file"]: r["status"] for r in manifest["files"]}
    assert statuses["binary.bin"] == "failed" and statuses[SEEDS[0].name] == "ok"


def test_sidecar_supplies_metadata_and_its_problems_are_reported(corpus: Path, tmp_path: Path) -> None:
    (corpus / "plain.txt").write_text("今年3月，某平台宣布了一项新规。\n去年该平台的营收增长了20%。", encoding="utf-8")
    (corpus / "metadata.jsonl").write_text(
        json.dumps({"id": "plain", "published": "2021-06-30", "url": "https://example.com/a", "source": "某报"})
        + "\nnot json\n", encoding="utf-8")
    out = tmp_path / "dataset"
    _build(corpus, out, workers=1)
    article = json.loads((out / "articles" / "plain.json").read_text(encoding="utf-8"))
    assert article["meta"]["reference_date"] == "2021-06-30"
    assert article["meta"]["reference_basis"] == "sidecar"
    assert (article["meta"]["url"], article["meta"]["source"]) == ("https://example.com/a", "某报")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["sidecar_problems"] == ["metadata.jsonl:2: not JSON (Expecting value)"]
    assert not any(r["source_file"] == "metadata.jsonl" for r in manifest["files"])


def test_files_in_subfolders_get_distinct_ids(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for sub in ("a", "b"):
        (corpus / sub).mkdir(parents=True)
        (corpus / sub / "x.txt").write_text(f"{sub}栏目的文章。\n2022年1月，正文一段。", encoding="utf-8")
    out = tmp_path / "dataset"
    report = _build(corpus, out, workers=1)
    assert report.failed == []
    assert sorted(p.name for p in (out / "articles").iterdir()) == ["a__x.json", "b__x.json"]


def _cli(*args: str, cwd: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}
    return subprocess.Popen([sys.executable, "-m", "zhextract", *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_killed_build_leaves_previous_dataset_intact_and_next_build_resumes(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    _build(corpus, out, workers=1)
    before = _files(out)
    # Enough new work that the build is still running when it is killed.
    seed_text = SEEDS[0].read_text(encoding="utf-8")
    for i in range(150):
        (corpus / f"extra{i:03d}.txt").write_text(f"第{i}号文章\n{seed_text}", encoding="utf-8")
    proc = _cli("build", str(corpus), "--out", str(out), "--workers", "1", "--quiet", cwd=tmp_path)
    cache = Cache(tmp_path / ".dataset.cache")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and cache.stored() < len(SEEDS) + 5:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    finished_before_kill = cache.stored() - len(SEEDS)
    cache.close()
    assert finished_before_kill >= 5
    assert _files(out) == before  # the previous dataset, whole
    assert validate(out)[0] == []
    resumed = _build(corpus, out, workers=2)
    assert resumed.reused >= finished_before_kill  # work finished before the kill is not redone
    assert resumed.articles == len(SEEDS) + 150
    assert validate(out, corpus)[0] == []
    assert not list(tmp_path.glob(".dataset.new-*"))


def test_two_builds_cannot_run_on_one_dataset_at_once(corpus: Path, tmp_path: Path) -> None:
    import fcntl

    from zhextract.errors import ZhextractError

    cache = tmp_path / ".dataset.cache"
    cache.mkdir()
    with open(cache / "lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        with pytest.raises(ZhextractError, match="another build"):
            _build(corpus, tmp_path / "dataset", workers=1)


def test_unchanged_dataset_files_are_left_alone(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    _build(corpus, out, workers=1)
    stamp = (out / "manifest.json").stat().st_mtime_ns
    _build(corpus, out, workers=1)
    assert (out / "manifest.json").stat().st_mtime_ns == stamp


def test_timeline_sorted_on_disk_equals_the_in_memory_timeline(corpus: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from zhextract import build as build_module
    from zhextract.extract.timeline import build_timeline

    monkeypatch.setattr(build_module._TimelineSpool, "CHUNK", 7)  # force many chunks on disk
    out = tmp_path / "dataset"
    _build(corpus, out, workers=1)
    rows = [json.loads(line) for line in (out / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    expected = build_timeline(rows)
    got = [json.loads(line) for line in (out / "timeline.jsonl").read_text(encoding="utf-8").splitlines()]
    assert got == expected and len(got) > 7
    assert not (out / ".timeline-chunks").exists()


def test_article_files_are_indented_json_equal_to_their_line(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    _build(corpus, out, workers=1)
    for line in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        article = json.loads(line)
        text = (out / "articles" / f"{article['id']}.json").read_text(encoding="utf-8")
        assert json.loads(text) == article
        assert text.startswith('{\n  "id": ') and '\n  "meta": {\n    "source": ' in text
        assert text.count("\n") > len(article["edits"])  # one record per line, at least


def test_warm_up_loads_what_workers_would_load_each() -> None:
    """A pool build forks its workers after pipeline.warm_up(): by then the converter, the
    rule lexicons, the date and number grammars and jieba's dictionary are loaded."""
    code = ("from zhextract.pipeline import warm_up; warm_up()\n"
            "from zhextract import opencc_loader, lexicon\n"
            "from zhextract.stages.repair import lexicon as repair_lexicon, sound_alikes\n"
            "from zhextract.extract import dates, numbers\n"
            "print(opencc_loader.load_t2s.cache_info().currsize, repair_lexicon._lexicon.cache_info().currsize,"
            " sound_alikes._sound_regex.cache_info().currsize, lexicon.lexicon.cache_info().currsize,"
            " dates._scanner.cache_info().currsize, numbers.grammar.cache_info().currsize)")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["1"] * 6


def test_timeline_is_written_in_a_thread_while_the_driver_runs_other_threads(tmp_path: Path) -> None:
    # A fork while another thread holds a lock (Ray's, tqdm's, the allocator's) copies the lock held for
    # ever: the child can hang.  With a second thread alive, the timeline is written in a thread instead.
    import threading

    from zhextract import build as build_module

    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        job = build_module._TimelineJob(tmp_path / "cache", [], tmp_path / "timeline.jsonl", True)
        assert job.process is None and job.thread is not None
        job.finish()
    finally:
        release.set()
        other.join()
    assert (tmp_path / "timeline.jsonl").read_text(encoding="utf-8") == ""

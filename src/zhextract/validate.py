"""``zhextract validate``: check a dataset against its schema and its manifest.

Every line of every file is validated against the shipped JSON Schemas; the
per-article files, the JSONL files and the manifest must agree with each
other; every span must point at its text.  With ``--corpus`` the source files
are checked too: their hash, and that replaying each article's edits on the
decoded file reproduces its clean text exactly.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from itertools import zip_longest
from pathlib import Path
from typing import Any

from zhextract import schemas
from zhextract.corpus import SourceFile, list_files, read_bytes
from zhextract.decode import decode_bytes
from zhextract.document import replay
from zhextract.errors import ZhextractError
from zhextract.formats.records import RecordFields, safe_id

MAX_PROBLEMS = 50


def _jsonl(path: Path, problems: list[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        f = open(path, encoding="utf-8")
    except FileNotFoundError:
        problems.append(f"{path.name}: missing")
        return
    with f:
        for n, line in enumerate(f, 1):
            try:
                yield n, json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{path.name}:{n}: not JSON ({exc.msg})")


def check_article(a: dict[str, Any], where: str, problems: list[str]) -> None:
    problems.extend(f"{where}: {e}" for e in schemas.errors("article", a))
    text = a.get("text", "")
    for kind in ("events", "numbers"):
        for i, rec in enumerate(a.get(kind, [])):
            s, e = rec["span"]
            want = rec["date"]["text"] if kind == "events" else rec["text"]
            if text[s:e] != want:
                problems.append(f"{where}: {kind}[{i}] span {s}:{e} holds {text[s:e]!r}, not {want!r}")
    for i, ent in enumerate(a.get("entities", [])):
        for s, e in ent.get("mentions", []):
            if text[s:e] not in ent.get("names", []):
                problems.append(f"{where}: entities[{i}] mention {s}:{e} holds {text[s:e]!r}, none of its names")
    last = -1
    for i, ed in enumerate(a.get("edits", [])):
        s, e = ed["span"]
        if s < last or e < s:
            problems.append(f"{where}: edits[{i}] span {s}:{e} out of order or overlapping")
        last = e


def _sources(corpus: str | Path, manifest: dict[str, Any]) -> dict[str, SourceFile]:
    """The corpus listed as the build listed it (same record fields), by article id."""
    fields = manifest.get("config", {}).get("record_fields") or {}
    listed, _ = list_files(str(corpus), RecordFields(**fields))
    return {f.id: f for f in listed}


def validate_record(dataset: Path, record_id: str, corpus: str | Path | None = None) -> list[str]:
    """Problems of one article of the dataset (and of its source record, with ``corpus``)."""
    if not dataset.is_dir():
        raise ZhextractError(f"{dataset}: no such dataset folder")
    problems: list[str] = []
    wanted = {record_id, safe_id(record_id)}
    for n, a in _jsonl(dataset / "articles.jsonl", problems):
        if a.get("id") not in wanted:
            continue
        where = f"articles.jsonl:{n} ({a['id']})"
        check_article(a, where, problems)
        if corpus is not None:
            manifest = json.loads((dataset / "manifest.json").read_text(encoding="utf-8"))
            _check_source(a, _sources(corpus, manifest), where, problems)
        return problems
    return problems or [f"articles.jsonl: no article with id {record_id!r}"]


def validate(dataset: Path, corpus: str | Path | None = None) -> tuple[list[str], dict[str, int]]:
    """Problems found (empty: valid) and counts of what was checked."""
    problems: list[str] = []
    counts = {"articles": 0, "events": 0, "numbers": 0}
    if not dataset.is_dir():
        raise ZhextractError(f"{dataset}: no such dataset folder")
    try:
        manifest = json.loads((dataset / "manifest.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return ["manifest.json: missing"], counts
    except json.JSONDecodeError as exc:
        return [f"manifest.json: not JSON ({exc.msg})"], counts
    problems += [f"manifest.json: {e}" for e in schemas.errors("manifest", manifest)]

    sources = _sources(corpus, manifest) if corpus is not None else {}
    ids: list[str] = []
    events_of: dict[str, list[dict[str, Any]]] = {}
    numbers_of: dict[str, list[dict[str, Any]]] = {}
    for n, a in _jsonl(dataset / "articles.jsonl", problems):
        where = f"articles.jsonl:{n} ({a.get('id')})"
        check_article(a, where, problems)
        ids.append(a.get("id", ""))
        events_of[a.get("id", "")] = a.get("events", [])
        numbers_of[a.get("id", "")] = a.get("numbers", [])
        per_file = dataset / "articles" / f"{a.get('id')}.json"
        try:
            if json.loads(per_file.read_text(encoding="utf-8")) != a:
                problems.append(f"{per_file.relative_to(dataset)}: differs from {where}")
        except FileNotFoundError:
            problems.append(f"{per_file.relative_to(dataset)}: missing")
        if corpus is not None:
            _check_source(a, sources, where, problems)
        if len(problems) > MAX_PROBLEMS:
            break
    counts["articles"] = len(ids)
    if ids != sorted(ids):
        problems.append("articles.jsonl: not sorted by id")
    if len(set(ids)) != len(ids):
        problems.append("articles.jsonl: duplicate ids")
    extra = {p.stem for p in (dataset / "articles").glob("*.json")} - set(ids)
    if extra:
        problems.append(f"articles/: files for unknown ids: {', '.join(sorted(extra)[:5])}")

    for name, kind, per_article in (("events.jsonl", "event", events_of), ("numbers.jsonl", "number", numbers_of)):
        seen: dict[str, list[dict[str, Any]]] = {}
        for n, row in _jsonl(dataset / name, problems):
            problems.extend(f"{name}:{n}: {e}" for e in schemas.errors(kind, row))
            aid = row.pop("article_id", None)
            seen.setdefault(str(aid), []).append(row)
            counts[kind + "s"] += 1
        for aid in set(per_article) | set(seen):
            if per_article.get(aid, []) != seen.get(aid, []):
                problems.append(f"{name}: rows of article {aid} differ from its articles.jsonl record")

    _check_parquet(dataset, problems)
    ok_ids = sorted(r["id"] for r in manifest.get("files", []) if r.get("status") == "ok")
    if ok_ids != sorted(ids):
        problems.append("manifest.json: its ok files differ from the articles in articles.jsonl")
    mc = manifest.get("counts", {})
    for key in ("articles", "events", "numbers"):
        if mc.get(key) != counts[key]:
            problems.append(f"manifest.json: counts.{key} is {mc.get(key)}, the dataset has {counts[key]}")
    events_total = counts["events"]
    for n, entry in _jsonl(dataset / "timeline.jsonl", problems):
        problems.extend(f"timeline.jsonl:{n}: {e}" for e in schemas.errors("timeline", entry))
        for src in entry.get("sources", []):
            if src.get("article_id") not in events_of:
                problems.append(f"timeline.jsonl:{n}: source article {src.get('article_id')} is not in the dataset")
        events_total -= len(entry.get("sources", []))
    if events_total < 0:
        problems.append("timeline.jsonl: lists more sources than there are events")
    return problems, counts


def _check_source(a: dict[str, Any], sources: dict[str, SourceFile], where: str, problems: list[str]) -> None:
    source = sources.get(a["id"])
    if source is None or source.rel != a["source_file"]:
        problems.append(f"{where}: source {a['source_file']} is not in the corpus"
                        + (f" (the id is {source.rel}'s)" if source else ""))
        return
    path = source.rel
    try:
        data = read_bytes(source.path)
    except (OSError, ZhextractError) as exc:
        problems.append(f"{where}: source {path}: {getattr(exc, 'strerror', None) or exc}")
        return
    if hashlib.sha256(data).hexdigest() != a["source_sha256"]:
        problems.append(f"{where}: source {path} changed since the build (sha256 differs)")
        return
    raw, _ = decode_bytes(data)
    try:
        if replay(raw, a["edits"]) != a["text"]:
            problems.append(f"{where}: replaying the edits on {path} does not give the clean text")
    except ValueError as exc:
        problems.append(f"{where}: edits do not fit {path}: {exc}")


def _check_parquet(dataset: Path, problems: list[str]) -> None:
    """Each Parquet table holds the records of its JSONL file, in the same order."""
    from zhextract.formats.parquet import read_records

    for table in ("articles", "events", "numbers"):
        path = dataset / f"{table}.parquet"
        if not path.is_file():
            problems.append(f"{path.name}: missing")
            continue
        try:
            rows = read_records(path, table)
            n = 0
            for n, (expected, got) in enumerate(zip_longest(_jsonl(dataset / f"{table}.jsonl", []), rows), 1):
                if expected is None or got is None:
                    problems.append(f"{path.name}: {'more' if expected is None else 'fewer'} rows than {table}.jsonl")
                    break
                if got != expected[1]:
                    problems.append(f"{path.name}: row {n} differs from {table}.jsonl:{expected[0]}")
                    break
        except Exception as exc:  # not Parquet, or another schema
            problems.append(f"{path.name}: cannot be read: {type(exc).__name__}: {exc}")

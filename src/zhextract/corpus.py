"""The corpus: which files are articles, their ids, and the optional sidecar.

A corpus is a folder, or one file holding records (JSONL, Parquet, WARC or
WET, recognised by its name: see :mod:`zhextract.formats.records`).  Every
regular file below a folder is an article, except hidden files (any path
part starting with ``.``), the sidecar ``metadata.jsonl``, and files of
records, whose every record is an article.  Nothing is skipped silently: a
binary file or an image in the corpus is reported as a failed article, a
record without text as a failed record, so a user sees what the build did
not use.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zhextract.errors import ZhextractError
from zhextract.formats.records import (
    CONTAINER_SUFFIXES,
    RecordFields,
    container_kind,
    is_locator,
    read_record,
)

SIDECAR = "metadata.jsonl"


@dataclass(frozen=True)
class SourceFile:
    id: str
    path: str  # absolute local path, or a filesystem URI (s3://bucket/corpus/a.txt)
    rel: str  # relative to the corpus root, "/"-separated
    size: int
    mtime_ns: int
    entry: dict[str, str] | None = None  # a record's own url / published (the sidecar's role)


@dataclass
class Sidecar:
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def article_id(rel: str) -> str:
    """File name without extension; sub-folders join with ``__`` (``a/b.txt`` -> ``a__b``)."""
    parts = rel.split("/")
    stem = parts[-1].rsplit(".", 1)[0] if "." in parts[-1].lstrip(".") else parts[-1]
    return "__".join([*parts[:-1], stem])


def is_uri(location: str) -> bool:
    """``s3://…``, ``gs://…``, ``hdfs://…``: read through pyarrow's filesystems."""
    return "://" in location and not location.startswith("file://")


def _arrow_fs(location: str) -> tuple[Any, str]:
    try:
        from pyarrow import fs
    except ImportError:
        raise ZhextractError(f"{location}: reading a corpus from a URI needs pyarrow: "
                             "pip install 'zhextract[ray]'") from None
    try:
        return fs.FileSystem.from_uri(location)
    except Exception as exc:  # pyarrow raises several types for bad URIs
        raise ZhextractError(f"{location}: {exc}") from None


def _walk(root: str) -> list[tuple[str, str, int, int]]:
    """``(location, rel, size, mtime_ns)`` of every regular file below ``root``."""
    out = []
    if is_uri(root):
        from pyarrow import fs

        filesystem, base = _arrow_fs(root)
        scheme = root.split("://", 1)[0]
        info = filesystem.get_file_info(base)
        if info.type == fs.FileType.File:
            return [(root, info.base_name, info.size or 0, info.mtime_ns or 0)]
        for info in filesystem.get_file_info(fs.FileSelector(base, recursive=True)):
            if info.type == fs.FileType.File:
                rel = info.path[len(base.rstrip("/")) + 1:]
                out.append((f"{scheme}://{info.path}", rel, info.size or 0, info.mtime_ns or 0))
        return sorted(out, key=lambda t: t[1])
    base_path = Path(root.removeprefix("file://"))
    if base_path.is_file():
        if container_kind(base_path.name) is None:
            raise ZhextractError(f"{root}: a corpus is a folder, or one file of records named "
                                 f"*{', *'.join(CONTAINER_SUFFIXES)}")
        st = base_path.stat()
        return [(str(base_path.resolve()), base_path.name, st.st_size, st.st_mtime_ns)]
    if not base_path.is_dir():
        raise ZhextractError(f"{root}: corpus folder not found")
    for path in sorted(base_path.rglob("*")):
        if path.is_file():
            st = path.stat()
            out.append((str(path.resolve()), path.relative_to(base_path).as_posix(), st.st_size, st.st_mtime_ns))
    return out


def _records(kind: str, location: str, fields: RecordFields) -> tuple[list[Any], list[tuple[int, str]]]:
    if kind == "jsonl":
        from zhextract.formats.jsonl_corpus import list_jsonl

        return list_jsonl(location, fields)
    if kind == "parquet":
        from zhextract.formats.parquet_corpus import list_parquet

        return list_parquet(location, fields)
    from zhextract.formats.warc import list_warc

    return list_warc(location)


def list_files(root: str | Path, fields: RecordFields | None = None
               ) -> tuple[list[SourceFile], list[tuple[str, str]]]:
    """Articles of ``root`` sorted by id, and ``(rel, problem)`` for duplicate ids and unusable records.

    A record's ``rel`` is its file's and its number in it: ``news.jsonl:17``
    (line 17), ``crawl.warc.wet.gz:3`` (the third article record).
    """
    fields = fields or RecordFields()
    files: dict[str, SourceFile] = {}
    problems: list[tuple[str, str]] = []

    def add(f: SourceFile) -> None:
        if f.id in files:
            problems.append((f.rel, f"same id '{f.id}' as {files[f.id].rel}; rename one of them"))
        else:
            files[f.id] = f

    for location, rel, size, mtime in _walk(str(root)):
        if any(part.startswith(".") for part in rel.split("/")) or rel == SIDECAR:
            continue
        kind = container_kind(rel)
        if kind is None:
            add(SourceFile(article_id(rel), location, rel, size, mtime))
            continue
        try:
            listed, bad = _records(kind, location, fields)
        except ZhextractError as exc:
            problems.append((rel, str(exc)))
            continue
        except OSError as exc:
            problems.append((rel, f"cannot read: {exc.strerror or exc}"))
            continue
        problems.extend((f"{rel}:{n}", problem) for n, problem in bad)
        for r in listed:
            add(SourceFile(r.id, r.locator, f"{rel}:{r.number}", r.size, mtime, r.entry or None))
    return [files[k] for k in sorted(files)], problems


def read_bytes(location: str) -> bytes:
    """The bytes of a corpus file or record, local or behind a URI."""
    if is_locator(location):
        return read_record(location)
    if is_uri(location):
        filesystem, path = _arrow_fs(location)
        with filesystem.open_input_stream(path) as f:
            return bytes(f.read())
    return Path(location.removeprefix("file://")).read_bytes()


def join(root: str | Path, rel: str) -> str:
    """Where ``rel`` is, for messages: below a corpus folder, or a record of a corpus file (``a.jsonl:3``)."""
    root = str(root)
    name = root.rstrip("/").rsplit("/", 1)[-1]
    if container_kind(name) and (rel == name or rel.startswith(f"{name}:")):
        return root + rel[len(name):]
    return f"{root.rstrip('/')}/{rel}" if is_uri(root) else str(Path(root) / rel)


def read_sidecar(root: str | Path) -> Sidecar:
    """``metadata.jsonl``: one ``{"id": ..., "published": ..., "url": ..., "source": ...}`` per line."""
    out = Sidecar()
    if container_kind(str(root).rstrip("/").rsplit("/", 1)[-1]):
        return out  # a corpus file: its records carry their own url and published fields
    try:
        content = read_bytes(join(root, SIDECAR)).decode("utf-8", errors="replace")
    except (FileNotFoundError, IsADirectoryError):
        return out
    except OSError as exc:
        if "not found" in str(exc).lower() or "no such" in str(exc).lower():
            return out
        raise ZhextractError(f"{join(root, SIDECAR)}: {exc}") from None
    for n, line in enumerate(content.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            out.problems.append(f"{SIDECAR}:{n}: not JSON ({exc.msg})")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("id"), str):
            out.problems.append(f"{SIDECAR}:{n}: needs an object with a string 'id'")
            continue
        entry = {k: obj[k] for k in ("published", "url", "source") if isinstance(obj.get(k), str)}
        out.entries[obj["id"]] = entry
    return out

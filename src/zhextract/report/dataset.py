"""Reading a dataset folder for the report and the diff.

Both commands read datasets they did not write, perhaps half copied or from
another version, so every problem becomes a :class:`DatasetError`: one line
naming the file (and line) and what is wrong with it, never a traceback.
Articles are streamed from ``articles.jsonl`` one at a time, so memory does
not grow with the corpus.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from zhextract.errors import ZhextractError


class DatasetError(ZhextractError):
    """A folder that is not a readable dataset (missing or malformed file)."""


def load_manifest(dataset: Path) -> dict[str, Any]:
    """``manifest.json`` of ``dataset``, checked for the keys the report reads."""
    if not dataset.is_dir():
        raise DatasetError(f"{dataset}: not a folder (expected a dataset made by 'zhextract build')")
    path = dataset / "manifest.json"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DatasetError(f"{path}: missing (is {dataset} a dataset made by 'zhextract build'?)") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DatasetError(f"{path}: not JSON ({exc})") from None
    if not isinstance(manifest, dict) or manifest.get("tool") != "zhextract":
        raise DatasetError(f"{path}: not a zhextract manifest (no \"tool\": \"zhextract\")")
    for key in ("version", "counts", "files", "rules"):
        if key not in manifest:
            raise DatasetError(f"{path}: no {key!r} field (made by an older zhextract? rebuild the dataset)")
    return manifest


def iter_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line number, object)`` of a JSON Lines file; a bad line stops with its number."""
    try:
        f = open(path, encoding="utf-8")
    except FileNotFoundError:
        raise DatasetError(f"{path}: missing") from None
    with f:
        try:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                yield n, _json_object(path, n, line)
        except UnicodeDecodeError as exc:
            raise DatasetError(f"{path}: not UTF-8 ({exc.reason})") from None


ARTICLE_KEYS = ("id", "text", "edits", "events", "numbers", "meta")


def iter_articles(dataset: Path) -> Iterator[dict[str, Any]]:
    """The articles of ``articles.jsonl`` in file order (sorted by id), each checked for what is read."""
    path = dataset / "articles.jsonl"
    last = ""
    for n, article in iter_jsonl(path):
        missing = [k for k in ARTICLE_KEYS if k not in article]
        if missing:
            raise DatasetError(f"{path}:{n}: article without {', '.join(missing)}")
        if article["id"] < last:
            raise DatasetError(f"{path}:{n}: articles not sorted by id ({article['id']!r} after {last!r})")
        last = article["id"]
        yield article


_LEADING_ID = re.compile(r'\{"id":\s*("(?:[^"\\]|\\.)*")')


def iter_article_lines(dataset: Path) -> Iterator[tuple[str, str, int]]:
    """``(id, line, line number)`` of ``articles.jsonl``, the id read without parsing the line.

    ``build`` writes each article with its id first; comparing two datasets
    then needs a full parse only of the lines that differ.  A line of
    another shape is parsed whole (and must be an article with an id).
    """
    path = dataset / "articles.jsonl"
    try:
        f = open(path, encoding="utf-8")
    except FileNotFoundError:
        raise DatasetError(f"{path}: missing") from None
    last = ""
    with f:
        try:
            for n, line in enumerate(f, 1):
                line = line.rstrip("\n")
                if not line.strip():
                    continue
                m = _LEADING_ID.match(line)
                if m:
                    article_id = json.loads(m.group(1))
                else:
                    try:
                        obj = json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise DatasetError(f"{path}:{n}: not JSON ({exc.msg})") from None
                    if not isinstance(obj, dict) or not isinstance(obj.get("id"), str):
                        raise DatasetError(f"{path}:{n}: article without id")
                    article_id = obj["id"]
                if article_id < last:
                    raise DatasetError(f"{path}:{n}: articles not sorted by id ({article_id!r} after {last!r})")
                last = article_id
                yield article_id, line, n
        except UnicodeDecodeError as exc:
            raise DatasetError(f"{path}: not UTF-8 ({exc.reason})") from None


def parse_article(dataset: Path, line: str, n: int) -> dict[str, Any]:
    """One line of ``articles.jsonl`` (from :func:`iter_article_lines`), parsed and checked."""
    path = dataset / "articles.jsonl"
    article = _json_object(path, n, line)
    missing = [k for k in ARTICLE_KEYS if k not in article]
    if missing:
        raise DatasetError(f"{path}:{n}: article without {', '.join(missing)}")
    return article


def find_build_log(dataset: Path, cache_dir: Path | None = None) -> dict[str, Any] | None:
    """The last build of ``dataset`` recorded in its cache's ``runs.jsonl``, if the cache is found.

    How many files a build processed or reused is not in the dataset (the
    manifest holds no facts about a particular run, so that two builds give
    byte-identical datasets); the cache beside it keeps one line per build.
    """
    out = dataset.resolve()
    root = cache_dir or out.parent / f".{out.name}.cache"
    path = root / "runs.jsonl"
    if not path.is_file():
        return None
    found = None
    try:
        for _, run in iter_jsonl(path):
            if run.get("out") == str(out):
                found = run
    except DatasetError:
        return found  # a torn last line of an interrupted build: what came before still holds
    return found


def _json_object(path: Path, n: int, line: str) -> dict[str, Any]:
    """Line ``n`` of ``path`` as a JSON object, or a one-line error naming the file and the line."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise DatasetError(f"{path}:{n}: not JSON ({exc.msg})") from None
    if not isinstance(obj, dict):
        raise DatasetError(f"{path}:{n}: not a JSON object")
    return obj

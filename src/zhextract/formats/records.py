"""Corpora whose articles are records inside files: JSONL, Parquet, WARC/WET.

A record is found again by a *locator*, a string that names its container
file and where the record sits in it (a byte range for JSONL and WARC, a row
for Parquet).  Locators travel in tasks exactly like the paths of plain
article files, so the engines, the build cache and the resumable build need
no other notion: a worker reads only its record's bytes (a seek and a read,
locally or through a pyarrow filesystem), never the whole container.

The bytes of a record are its text encoded as UTF-8 (JSONL, Parquet) or the
record's payload (WARC); the audit trail's spans index their decoded text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode

from zhextract.errors import InputError

PREFIX = "zhrecord:"

# File names recognised as containers of records (matched on the lower-cased name).
JSONL_SUFFIXES = (".jsonl", ".ndjson")
PARQUET_SUFFIXES = (".parquet",)
WARC_SUFFIXES = (".warc", ".wet", ".warc.gz", ".wet.gz")
CONTAINER_SUFFIXES = (*JSONL_SUFFIXES, *PARQUET_SUFFIXES, *WARC_SUFFIXES)


@dataclass(frozen=True)
class RecordFields:
    """Which fields of a JSONL or Parquet record hold the text and the id (``--text-field``, ``--id-field``)."""

    text: str = "text"
    id: str = "id"


@dataclass
class Listed:
    """One article record of a container, as the listing found it."""

    id: str
    locator: str
    number: int  # 1-based: the line of a JSONL file, the row of a Parquet file, the article record of a WARC
    size: int
    entry: dict[str, str] = field(default_factory=dict)  # url / published: the sidecar's role


def container_kind(name: str) -> str | None:
    """``jsonl``, ``parquet`` or ``warc`` when the file name says so, else None (a plain article file)."""
    lower = name.lower()
    if lower.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if lower.endswith(PARQUET_SUFFIXES):
        return "parquet"
    if lower.endswith(WARC_SUFFIXES):
        return "warc"
    return None


def locator(kind: str, container: str, **where: Any) -> str:
    return PREFIX + urlencode({"kind": kind, **{k: str(v) for k, v in where.items()}, "file": container})


def is_locator(location: str) -> bool:
    return location.startswith(PREFIX)


def parse_locator(location: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(location[len(PREFIX):], keep_blank_values=True).items()}


def container_of(location: str) -> str:
    return parse_locator(location)["file"]


def read_record(location: str) -> bytes:
    """The bytes of the record behind a locator (its text as UTF-8, or a WARC payload)."""
    where = parse_locator(location)
    kind = where["kind"]
    if kind == "jsonl":
        from zhextract.formats.jsonl_corpus import read_jsonl_record

        return read_jsonl_record(where["file"], int(where["offset"]), int(where["length"]), where["field"])
    if kind == "parquet":
        from zhextract.formats.parquet_corpus import read_parquet_record

        return read_parquet_record(where["file"], int(where["group"]), int(where["row"]), where["field"])
    if kind == "warc":
        from zhextract.formats.warc import read_warc_record

        return read_warc_record(where["file"], int(where["offset"]), int(where["length"]))
    raise InputError(f"unknown record kind {kind!r}")


def read_range(container: str, offset: int, length: int) -> bytes:
    """``length`` bytes at ``offset`` of a local file or a file behind a filesystem URI."""
    from zhextract.corpus import _arrow_fs, is_uri

    if is_uri(container):
        filesystem, path = _arrow_fs(container)
        with filesystem.open_input_file(path) as f:
            return bytes(f.read_at(length, offset))
    with open(container.removeprefix("file://"), "rb") as f:
        f.seek(offset)
        return f.read(length)


def open_container(container: str) -> Any:
    """A binary file object over a whole container, local or behind a URI (for listing it once)."""
    from zhextract.corpus import _arrow_fs, is_uri

    if is_uri(container):
        filesystem, path = _arrow_fs(container)
        return filesystem.open_input_file(path)
    return open(container.removeprefix("file://"), "rb")


_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
_URN = re.compile(r"^<?urn:uuid:([0-9a-fA-F-]+)>?$")
MAX_ID = 200


def safe_id(value: str) -> str:
    """A record's id as the dataset uses it: also the name of ``articles/<id>.json`` on any OS.

    ``<urn:uuid:…>`` (WARC-Record-ID, FineWeb's ids) becomes the bare UUID;
    characters no file name may hold (``/ \\ : * ? " < > |``, controls)
    become ``_``; a leading dot becomes ``_``.
    """
    m = _URN.match(value.strip())
    if m:
        return m.group(1).lower()
    out = _UNSAFE.sub("_", value.strip())
    if out.startswith("."):
        out = "_" + out[1:]
    return out[:MAX_ID]


_ISO = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?))?")


def iso_published(value: Any) -> str | None:
    """An ISO date or datetime (the schema's form) from a record's date field, else None.

    ``2023-01-26T12:34:56Z`` -> ``2023-01-26T12:34:56``; anything that does
    not start with a date is ignored rather than guessed at.
    """
    if not isinstance(value, str):
        return None
    m = _ISO.match(value.strip())
    if not m:
        return None
    return m.group(1) + (f"T{m.group(2)}" if m.group(2) else "")


def entry_of(url: Any, published: Any) -> dict[str, str]:
    """The sidecar-like entry of a record: its URL and publication date, when it has them."""
    entry = {}
    if isinstance(url, str) and url.strip():
        entry["url"] = url.strip()
    day = iso_published(published)
    if day:
        entry["published"] = day
    return entry

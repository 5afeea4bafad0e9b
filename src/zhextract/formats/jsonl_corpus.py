"""JSONL corpora: one article per line, the interchange format of datatrove, data-juicer and HF datasets.

A line is ``{"id": ..., "text": ..., "url": ..., "published": ...}``; the
text and id fields are named by ``--text-field`` and ``--id-field``, ``url``
and ``published`` take the sidecar's role.  Listing reads the file once, in
the driver; a worker later reads only its own line (a byte range).
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any

from zhextract.errors import InputError
from zhextract.formats.records import Listed, RecordFields, entry_of, locator, open_container, read_range, safe_id


def _record_id(obj: dict[str, Any], fields: RecordFields, stem: str, number: int) -> str | None:
    value = obj.get(fields.id)
    if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
        return safe_id(str(value))
    if fields.id in obj:
        return None
    return f"{safe_id(stem)}-{number}"  # no id field at all: the file and the line name the record


def list_jsonl(container: str, fields: RecordFields) -> tuple[list[Listed], list[tuple[int, str]]]:
    """Every record of a JSONL file, and ``(line, problem)`` for lines that are not usable articles."""
    records: list[Listed] = []
    problems: list[tuple[int, str]] = []
    stem = PurePosixPath(container).name.split(".")[0]
    offset = 0
    with open_container(container) as f:
        for number, line in enumerate(f, 1):
            start, offset = offset, offset + len(line)
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                problems.append((number, f"not JSON ({getattr(exc, 'msg', None) or exc})"))
                continue
            if not isinstance(obj, dict):
                problems.append((number, "not a JSON object"))
                continue
            text = obj.get(fields.text)
            if not isinstance(text, str):
                problems.append((number, f"no string field '{fields.text}' (the article's text; see --text-field)"))
                continue
            doc_id = _record_id(obj, fields, stem, number)
            if doc_id is None:
                problems.append((number, f"field '{fields.id}' is not a string or integer (see --id-field)"))
                continue
            where = locator("jsonl", container, offset=start, length=len(line), field=fields.text)
            records.append(Listed(doc_id, where, number, len(text.encode("utf-8")),
                                  entry_of(obj.get("url"), obj.get("published"))))
    return records, problems


def read_jsonl_record(container: str, offset: int, length: int, text_field: str) -> bytes:
    """The text of the line at ``offset`` as UTF-8 bytes."""
    line = read_range(container, offset, length)
    try:
        obj = json.loads(line)
        return obj[text_field].encode("utf-8")
    except (ValueError, KeyError, TypeError, AttributeError):
        raise InputError(f"the record at byte {offset} is no longer a JSON object with a string "
                         f"'{text_field}' (the file changed since it was listed)") from None

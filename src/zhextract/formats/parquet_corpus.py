"""Parquet corpora: one article per row, with the same fields as a JSONL corpus.

Listing reads the id, url and published columns (and the text's lengths)
row group by row group; a worker reads the text column of its row's group,
and keeps the last few groups it read, since neighbouring rows tend to be
given to the same worker.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import PurePosixPath
from typing import Any

from zhextract.errors import InputError
from zhextract.formats.records import Listed, RecordFields, entry_of, locator, open_container, safe_id


def list_parquet(container: str, fields: RecordFields) -> tuple[list[Listed], list[tuple[int, str]]]:
    """Every row of a Parquet file as a record, and ``(row, problem)`` for rows that are not articles."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    records: list[Listed] = []
    problems: list[tuple[int, str]] = []
    stem = PurePosixPath(container).name.split(".")[0]
    with open_container(container) as handle:
        try:
            f = pq.ParquetFile(handle)
        except Exception as exc:  # pyarrow's errors for a file that is not Parquet
            raise InputError(f"not a Parquet file ({exc})") from None
        names = set(f.schema_arrow.names)
        if fields.text not in names:
            raise InputError(f"no column '{fields.text}' (the articles' text; see --text-field); "
                             f"columns: {', '.join(sorted(names))}")
        wanted = [c for c in (fields.text, fields.id, "url", "published") if c in names]
        number = 0
        for group in range(f.num_row_groups):
            table = f.read_row_group(group, columns=wanted)
            texts = table.column(fields.text)
            sizes = pc.binary_length(pc.cast(texts, "string")).to_pylist() if texts.type != "null" else None
            nothing = [None] * table.num_rows
            ids, urls, dates = (table.column(c).to_pylist() if c in wanted else nothing
                                for c in (fields.id, "url", "published"))
            for row in range(table.num_rows):
                number += 1
                if sizes is None or sizes[row] is None:
                    problems.append((number, f"no text in column '{fields.text}'"))
                    continue
                if fields.id in names and (ids[row] is None or not str(ids[row]).strip()):
                    problems.append((number, f"no id in column '{fields.id}' (see --id-field)"))
                    continue
                doc_id = safe_id(str(ids[row])) if fields.id in names else f"{safe_id(stem)}-{number}"
                where = locator("parquet", container, group=group, row=row, field=fields.text)
                records.append(Listed(doc_id, where, number, sizes[row], entry_of(urls[row], _iso(dates[row]))))
    return records, problems


def _iso(value: Any) -> Any:
    """A date or timestamp column read as a Python date becomes its ISO text."""
    return value.isoformat() if hasattr(value, "isoformat") else value


@lru_cache(maxsize=4)
def _group_texts(container: str, group: int, text_field: str) -> list[Any]:
    import pyarrow.parquet as pq

    with open_container(container) as handle:
        return pq.ParquetFile(handle).read_row_group(group, columns=[text_field]).column(0).to_pylist()


def read_parquet_record(container: str, group: int, row: int, text_field: str) -> bytes:
    """The text of one row as UTF-8 bytes."""
    try:
        value = _group_texts(container, group, text_field)[row]
    except (IndexError, KeyError) as exc:
        raise InputError(f"row {row} of row group {group} is gone (the file changed since it was listed): "
                         f"{exc}") from None
    if isinstance(value, bytes):
        return value
    if not isinstance(value, str):
        raise InputError(f"the '{text_field}' of row {row} of row group {group} is not text")
    return value.encode("utf-8")

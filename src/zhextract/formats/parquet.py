"""Parquet files of the dataset: same records as the JSONL files, typed by the JSON Schemas.

Bytes are deterministic: every writer option is fixed here (codec and its
level, format version, page sizes, statistics), Parquet stores no time, and
row groups are cut by the records' own size, never by time or memory
pressure; so the same records give the same file on every machine with the
same pyarrow.

Records are buffered as JSON lines, turned into Arrow a megabyte at a time
(as Python objects, a record takes about ten times its JSON) and written a
row group at a time, so memory stays bounded whatever the corpus size: a row group holds
at most :data:`ROW_GROUP_BYTES` of JSON (and :data:`ROW_GROUP_ROWS` rows),
tens of megabytes, large enough for column scans to be efficient in DuckDB,
Spark or pandas and small enough for readers to parallelise over a file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from zhextract import schemas
from zhextract.formats.arrow_schema import TABLES, arrow_schema, to_json_row
from zhextract.formats.json_arrow import table_from_lines

ROW_GROUP_BYTES = 16 * 1024 * 1024
BATCH_BYTES = 1024 * 1024  # JSON converted to Arrow at a time: its Python objects take about ten times that
ROW_GROUP_ROWS = 250_000

# Fixed so that the bytes never depend on pyarrow's defaults of the day.
WRITER_OPTIONS: dict[str, Any] = {
    "version": "2.6",
    "compression": "zstd",
    "compression_level": 3,
    "use_dictionary": True,
    "write_statistics": True,
    "data_page_size": 1024 * 1024,
    "data_page_version": "1.0",
    "store_schema": True,
}


class TableWriter:
    """Writes one table (``articles``, ``events``, ``numbers``) from JSON lines, row group by row group.

    ``where`` is a local path, or a path inside ``filesystem`` (a
    ``pyarrow.fs`` filesystem: S3, GCS, HDFS, local) for workers that write
    shards straight to object storage.
    """

    def __init__(self, table: str, where: str | Path, filesystem: Any = None) -> None:
        self.schema = arrow_schema(table)
        self.writer = pq.ParquetWriter(str(where), self.schema, filesystem=filesystem, **WRITER_OPTIONS)
        self.lines: list[str] = []  # JSON not yet converted
        self.line_bytes = 0
        self.batches: list[pa.Table] = []  # converted, not yet written: the row group being filled
        self.bytes = 0
        self.group_rows = 0
        self.rows = 0

    def add(self, line: str) -> None:
        """One record, as its compact JSON line."""
        self.lines.append(line)
        self.line_bytes += len(line)
        if self.line_bytes >= BATCH_BYTES:
            self._convert()
        if self.bytes + self.line_bytes >= ROW_GROUP_BYTES or self.group_rows + len(self.lines) >= ROW_GROUP_ROWS:
            self._flush()

    def _convert(self) -> None:
        if not self.lines:
            return
        self.batches.append(table_from_lines(self.lines, self.schema))
        self.bytes += self.line_bytes
        self.group_rows += len(self.lines)
        self.lines, self.line_bytes = [], 0

    def _flush(self) -> None:
        self._convert()
        if not self.batches:
            return
        table = pa.concat_tables(self.batches)
        self.writer.write_table(table, row_group_size=table.num_rows)
        self.rows += table.num_rows
        self.batches, self.bytes, self.group_rows = [], 0, 0

    def close(self) -> None:
        """Write the last row group and the footer (an empty table is a valid file with the schema)."""
        self._flush()
        self.writer.close()

    def abort(self) -> None:
        """Close without the last rows, after an error (the file is then thrown away)."""
        try:
            self.writer.close()
        except Exception:  # the error that brought us here is the one to report
            pass


class ParquetTables:
    """The three tables of a dataset (or of one shard of it), written side by side.

    A context manager: on success every file is finished; after an error the
    writers are closed without their last rows (the caller discards the
    folder or shard they were in).
    """

    def __init__(self, paths: dict[str, str], filesystem: Any = None) -> None:
        self.writers: dict[str, TableWriter] = {}
        # Arrow's default pool (mimalloc) keeps the pages of every row group it has built: writing
        # the tables of a 10 MB corpus peaked 40 MB higher with it than with the C library's malloc,
        # and was no faster.  Set for the writers' lifetime, then the caller's pool is back.
        self._pool = pa.default_memory_pool()
        pa.set_memory_pool(pa.system_memory_pool())
        try:
            for table in TABLES:
                if table in paths:  # a writer may be given some of the tables (the build splits them)
                    self.writers[table] = TableWriter(table, paths[table], filesystem)
        except BaseException:
            self.__exit__(Exception)
            raise

    @classmethod
    def in_folder(cls, folder: Path) -> ParquetTables:
        """``articles.parquet``, ``events.parquet`` and ``numbers.parquet`` in ``folder``."""
        return cls({table: str(folder / f"{table}.parquet") for table in TABLES})

    def add(self, article_line: str, event_lines: list[str], number_lines: list[str]) -> None:
        """One article's records; those of a table this object does not write are passed over."""
        for table, lines in (("articles", (article_line,)), ("events", event_lines), ("numbers", number_lines)):
            writer = self.writers.get(table)
            if writer is not None:
                for line in lines:
                    writer.add(line)

    def __enter__(self) -> ParquetTables:
        return self

    def __exit__(self, kind: object, *_: object) -> None:
        try:
            for writer in self.writers.values():
                if kind is None:
                    writer.close()
                else:
                    writer.abort()
        finally:
            pa.set_memory_pool(self._pool)


def read_records(path: str | Path, table: str) -> Iterator[dict[str, Any]]:
    """The JSON records of a dataset's Parquet file, row group by row group."""
    schema = arrow_schema(table)
    json_schema = schemas.load(TABLES[table])
    with pq.ParquetFile(str(path)) as f:
        for i in range(f.num_row_groups):
            for row in f.read_row_group(i).to_pylist():
                yield to_json_row(row, schema, json_schema)

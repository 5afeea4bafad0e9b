"""Rule data: where it lives, how it is read, and its fingerprint.

Every file under ``zhextract/data/`` is UTF-8 text that starts with a header
of ``#`` lines saying what the file is and what its format is.  Two formats
are used:

* **list** files: one entry per line (a word, a phrase, a pattern);
* **table** files: tab-separated columns, a fixed number per file; list-valued
  cells separate their items with ``|``.

Blank lines and lines starting with ``#`` are ignored everywhere.  A
malformed line is reported with its file and line number.

The hash of all data files (plus any user-supplied file) goes into the
manifest and into the cache key of every article, so changing a rule reruns
the whole corpus and nothing else does.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from zhextract.errors import DataFileError

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Row:
    """One line of a table file, with where it came from (for error messages)."""

    cells: tuple[str, ...]
    path: str
    line: int

    def __getitem__(self, i: int) -> str:
        return self.cells[i]

    def items(self, i: int) -> list[str]:
        """The ``|``-separated items of cell ``i`` (empty cell: no items)."""
        cell = self.cells[i].strip()
        return [x.strip() for x in cell.split("|") if x.strip()] if cell else []

    def error(self, problem: str) -> DataFileError:
        return DataFileError(self.path, self.line, problem)


def data_path(name: str) -> Path:
    return DATA_DIR / name


def _content_lines(path: Path) -> list[tuple[int, str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError(path, None, "no such file") from None
    except UnicodeDecodeError as exc:
        raise DataFileError(path, None, f"not UTF-8 ({exc.reason})") from None
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        out.append((n, line.rstrip("\r\n")))
    return out


@cache
def read_list(name: str | Path) -> tuple[str, ...]:
    """Entries of a list file (built-in name or a path), stripped."""
    path = Path(name) if isinstance(name, Path) else data_path(name)
    return tuple(line.strip() for _, line in _content_lines(path))


@cache
def read_lower_set(name: str) -> frozenset[str]:
    """Entries of a list file lower-cased, for matching Latin words whatever their case."""
    return frozenset(w.lower() for w in read_list(name))


@cache
def read_table(name: str | Path, columns: int, min_columns: int | None = None) -> tuple[Row, ...]:
    """Rows of a table file; each must have ``min_columns``..``columns`` cells.

    Missing trailing cells are filled with empty strings.
    """
    path = Path(name) if isinstance(name, Path) else data_path(name)
    low = columns if min_columns is None else min_columns
    rows = []
    for n, line in _content_lines(path):
        cells = line.split("\t")
        if not low <= len(cells) <= columns:
            raise DataFileError(path, n, f"expected {low}..{columns} tab-separated columns, found {len(cells)}")
        cells += [""] * (columns - len(cells))
        rows.append(Row(tuple(c.strip() for c in cells), str(path), n))
    return tuple(rows)


def read_roles(name: str, roles: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """A table of ``<role>	<words, "|"-separated>`` rows: role -> its words (every role of ``roles``,
    empty when no row names it; several rows may share a role).  An unknown role is an error naming the row."""
    words: dict[str, set[str]] = {r: set() for r in roles}
    for row in read_table(name, 2):
        if row[0] not in words:
            raise row.error(f"unknown role {row[0]!r} (one of {', '.join(roles)})")
        words[row[0]].update(row.items(1))
    return {k: frozenset(v) for k, v in words.items()}


def data_files() -> list[Path]:
    return sorted(p for p in DATA_DIR.rglob("*") if p.is_file() and not p.name.startswith("."))


def rules_hash(extra: list[Path] | None = None) -> str:
    """Fingerprint of all rule data, built in and user-supplied."""
    h = hashlib.sha256()
    for p in data_files():
        h.update(p.relative_to(DATA_DIR).as_posix().encode())
        h.update(b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    for p in extra or []:
        h.update(b"user:")
        h.update(Path(p).read_bytes())
    return h.hexdigest()

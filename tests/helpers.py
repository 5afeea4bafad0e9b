"""Shared test helpers: run the pipeline on a string, load table-driven cases."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from zhextract.document import Document
from zhextract.pipeline import process_bytes, run_steps
from zhextract.step import Context, Options, Step

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DATA = Path(__file__).resolve().parent / "data"
SEEDS = sorted(CORPUS.glob("*.txt"))


def process(text: str, doc_id: str = "t", published: str | None = None, **options: Any) -> dict[str, Any]:
    """The article object for ``text`` (UTF-8), as ``zhextract process`` would print it."""
    ctx = Context(options=Options(published=published, **options))
    return process_bytes(text.encode("utf-8"), doc_id, f"{doc_id}.txt", ctx)


def run(text: str, steps: list[Step], ctx: Context | None = None) -> Document:
    """Run only ``steps`` over ``text``; the document keeps text, edits and meta."""
    return run_steps(Document("t", text), ctx or Context(), steps)


def load_cases(name: str, columns: int) -> list[tuple[Any, ...]]:
    """Rows of a tab-separated case table in tests/data (``#`` comments, blank lines skipped).

    Each row becomes a pytest param whose id is its line number and first cell.
    ``\\n`` and ``\\t`` written in a cell stand for a line break and a tab.
    """
    import pytest

    rows = []
    path = DATA / name
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != columns:
            raise ValueError(f"{path}:{n}: expected {columns} columns, found {len(cells)}")
        cells = [c.replace("\\n", "\n").replace("\\t", "\t") for c in cells]
        rows.append(pytest.param(*cells, id=f"L{n}:{cells[0][:20]}"))
    return rows

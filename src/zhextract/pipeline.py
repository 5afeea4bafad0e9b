"""The pipeline: a plain ordered list of named steps, then extraction.

``STEPS`` is the whole editing plan: normalize, strip and repair rules in the
order they run.  The strip rules that compare a line's vocabulary with the
body's (the title, head-zone chrome, lists of other stories, injected
headlines) run after repair, so that they see restored names; the repairs
that depend on the whole document's context are then settled on the final
text (``repair.counterpart``).  ``process`` decodes one file, runs the steps over a
:class:`~zhextract.document.Document`, extracts entities, events and numbers
and returns the article object of the dataset contract.
"""

from __future__ import annotations

import hashlib
from typing import Any

from zhextract.decode import decode_bytes
from zhextract.document import Document
from zhextract.errors import InputError, ZhextractError
from zhextract.extract import extract_all
from zhextract.extract.prepared import Prepared
from zhextract.extract.reference import reference_date
from zhextract.gazetteer import load_gazetteer
from zhextract.resources import read_list
from zhextract.stages import normalize, repair, strip
from zhextract.step import Context, Options, Step

STEPS: list[Step] = [*normalize.STEPS, *strip.STEPS, *repair.STEPS, *strip.AFTER_REPAIR, *repair.SETTLE]


class StepError(ZhextractError):
    """A step raised: reported per file, the batch goes on."""


def run_steps(doc: Document, ctx: Context, steps: list[Step] | None = None) -> Document:
    for step in STEPS if steps is None else steps:
        try:
            doc.apply(step.stage, step.name, step.rule(doc, ctx))
        except ZhextractError:
            raise
        except Exception as exc:  # a bug or an input the rule cannot take
            raise StepError(f"step {step.qualname} failed: {type(exc).__name__}: {exc}") from exc
    return doc


def process_text(raw: str, doc_id: str, ctx: Context, sidecar: dict[str, Any] | None = None) -> Document:
    """Run every step on decoded text; the result carries text, edits and meta."""
    doc = Document(doc_id, raw)
    return run_steps(doc, ctx)


def warm_up(options: Options | None = None) -> None:
    """Run ``data/warm_up.txt`` through every stage and throw the result away.

    Stages load their dictionaries, tables and patterns on first use.  A
    build that forks worker processes calls this first, so that they are
    loaded once in the parent and shared by every worker (copy on write)
    instead of being loaded again in each (about a second of CPU each).
    """
    text = "\n".join(read_list("warm_up.txt"))
    process_bytes(text.encode("utf-8"), "warm-up", "warm_up.txt", Context(options=options or Options()))


def process_bytes(data: bytes, doc_id: str, source_file: str, ctx: Context,
                  sidecar: dict[str, Any] | None = None) -> dict[str, Any]:
    """One corpus file to one article object (see ``schema/article.schema.json``)."""
    if len(data) > ctx.options.max_file_bytes:
        raise InputError(f"file too large: {len(data) / 1048576:.1f} MB, the limit is "
                         f"{ctx.options.max_file_bytes / 1048576:.0f} MB (--max-file-mb)")
    raw, encoding = decode_bytes(data)
    doc = process_text(raw, doc_id, ctx, sidecar)
    sidecar = sidecar or {}
    published = doc.meta.get("published")
    prepared = Prepared.of(doc.text)  # the index and date scan, shared by inference and extraction
    ref, basis = reference_date(published, sidecar.get("published"), ctx.options.published, doc.text, prepared,
                                doc.meta.get("dateline_day"), doc.title)
    try:
        found = extract_all(doc.text, ref, load_gazetteer(ctx.options.gazetteers), prepared, doc.title)
    except ZhextractError:
        raise
    except Exception as exc:
        raise StepError(f"step extract failed: {type(exc).__name__}: {exc}") from exc
    meta = {
        "source": doc.meta.get("source") or sidecar.get("source"),
        "author": doc.meta.get("author"),
        "editor": doc.meta.get("editor"),
        "published": published or sidecar.get("published"),
        "url": sidecar.get("url"),
        "keywords": doc.meta.get("keywords", []),
        "reference_date": ref.isoformat() if ref else None,
        "reference_basis": basis,
        "spun_score": doc.meta.get("spun_score", 0),
    }
    return {
        "id": doc_id,
        "source_file": source_file,
        "source_sha256": hashlib.sha256(data).hexdigest(),
        "encoding": encoding,
        "title": doc.title,
        "meta": meta,
        "text": doc.text,
        "entities": found.entities,
        "events": found.events,
        "numbers": found.numbers,
        "edits": [e.to_json() for e in doc.edits],
        "warnings": doc.warnings,
        "stats": dict(sorted(doc.stats.items())),
    }

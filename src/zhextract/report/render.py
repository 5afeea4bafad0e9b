"""``zhextract report``: the HTML page, and for large corpora its folder of article pages.

A report is one HTML file that opens offline: CSS, JavaScript, plotly.js
(from the installed package) and the summary are inlined.  Article pages
(clean text, edits, marks) are written in chunks while the dataset is read;
at the end they are either embedded in the page (``single``) or kept as
``<name>_files/chunk-NNNNN.js`` beside it (``split``), loaded only when an
article is opened.  ``auto`` embeds them while they are small enough for a
browser to load whole (:data:`EMBED_LIMIT`), so the seeds give one file and
100,000 articles give a page of a few MB plus the folder.

Both the page and the folder are replaced atomically: the folder is written
under a temporary name and swapped in, then the page is written with
:func:`~zhextract.atomic.atomic_write`.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from zhextract import __version__
from zhextract.atomic import atomic_write, swap_folder
from zhextract.errors import ZhextractError
from zhextract.report import charts
from zhextract.report.collect import CHUNK, ROW_COLUMNS, TRADITIONAL_SHARE, Summary, collect

EMBED_LIMIT = 40 * 1024 * 1024  # bytes of article pages above which "auto" writes them beside the page
LAYOUTS = ("auto", "single", "split")


@dataclass
class ReportResult:
    out: Path
    files_dir: Path | None
    articles: int
    html_bytes: int
    files_bytes: int
    seconds: float
    layout: str


def template_text(name: str) -> str:
    """A file of ``report/templates`` (package data)."""
    return resources.files("zhextract.report").joinpath("templates", name).read_text(encoding="utf-8")


def environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FunctionLoader(template_text), autoescape=True,
                              undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


def script_json(obj: Any) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``<`` can close the element."""
    text = obj if isinstance(obj, str) else json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c")


def inline_script(js: str) -> str:
    """Script text safe to inline: ``</script`` inside it would end the element early."""
    return js.replace("</script", "<\\/script")


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "–"


def page_context(s: Summary, files_dir: str) -> dict[str, Any]:
    """What ``report.html.j2`` shows, besides the article pages."""
    m = s.manifest
    counts = {k: m.get("counts", {}).get(k, 0) for k in ("articles", "failed", "events", "numbers", "edits",
                                                           "warnings")}
    config = m.get("config") or {}
    options = {k: json.dumps(v, ensure_ascii=False) for k, v in (config.get("options") or {}).items()}
    if config.get("boilerplate_min_files") is not None:
        options["boilerplate_min_files"] = str(config["boilerplate_min_files"])
    figures = charts.figures(s)
    summary = {"columns": list(ROW_COLUMNS), "rows": s.rows, "chunk": CHUNK, "chunks": s.chunks,
               "files_dir": files_dir, "figures": figures,
               "timeline_points": [{"y": p["y"], "label": p["label"], "articles": p["articles"], "more": p["more"]}
                                   for p in s.timeline.get("points", [])]}
    return {
        "version": __version__,
        "name": Path(s.dataset).name or s.dataset,
        "dataset": s.dataset,
        "m": m,
        "counts": counts,
        "options": options,
        "log": s.build_log,
        "cache_hint": "pass --cache-dir if the build used one",
        "failed": s.failed,
        "trad": {"articles": s.traditional_articles, "article_pct": _pct(s.traditional_articles, len(s.rows)),
                 "converted": s.han_converted, "char_pct": _pct(s.han_converted, s.original_chars),
                 "threshold": f"{TRADITIONAL_SHARE:.0%}"},
        "chars": {"original": s.original_chars, "clean": s.clean_chars,
                  "removed_pct": _pct(s.original_chars - s.clean_chars, s.original_chars)},
        "losses": s.top_losses,
        "tl": s.timeline,
        "summary_json": script_json(summary),
        "css": template_text("report.css"),
        "js": inline_script(template_text("report.js")),
        "plotly_js": inline_script(charts.plotly_js()),
    }


def write_report(dataset: Path, out: Path, layout: str = "auto", cache_dir: Path | None = None,
                 embed_limit: int = EMBED_LIMIT) -> ReportResult:
    """Write the report of ``dataset`` to ``out`` (and ``<stem>_files/`` beside it when split)."""
    if layout not in LAYOUTS:
        raise ZhextractError(f"unknown layout {layout!r} (one of {', '.join(LAYOUTS)})")
    t0 = time.monotonic()
    out = out.resolve()
    if out.is_dir():
        raise ZhextractError(f"{out}: is a folder; --out names the HTML file to write")
    out.parent.mkdir(parents=True, exist_ok=True)
    files_dir = out.with_name(f"{out.stem}_files")
    tmp = out.with_name(f".{files_dir.name}.new-{os.getpid()}")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir()
    sizes: list[int] = []

    def sink(k: int, payload: str) -> None:
        data = f"zxChunk({k},{payload});\n".encode()
        (tmp / f"chunk-{k:05d}.js").write_bytes(data)
        sizes.append(len(data))

    try:
        summary = collect(dataset, sink, cache_dir)
        total = sum(sizes)
        embed = layout == "single" or (layout == "auto" and total <= embed_limit)
        chunks: list[tuple[int, str]] = []
        if embed:
            for k in range(summary.chunks):
                text = (tmp / f"chunk-{k:05d}.js").read_text(encoding="utf-8")
                chunks.append((k, script_json(text[text.index(",") + 1:text.rindex(")")])))
            shutil.rmtree(tmp)
        else:
            swap_folder(tmp, files_dir, files_dir.with_name(files_dir.name + ".prev"))
        html = environment().get_template("report.html.j2").render(chunks=chunks,
                                                                    **page_context(summary, files_dir.name))
        atomic_write(out, html)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return ReportResult(out=out, files_dir=None if embed else files_dir, articles=len(summary.rows),
                        html_bytes=out.stat().st_size, files_bytes=0 if embed else total,
                        seconds=time.monotonic() - t0, layout="single" if embed else "split")

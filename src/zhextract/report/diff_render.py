"""``zhextract diff`` output: plain text for the terminal, an HTML page in the report's style."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from zhextract import __version__
from zhextract.atomic import atomic_write
from zhextract.report.diff import FIELDS, DiffResult
from zhextract.report.render import environment, template_text

SHOWN_IDS = 10  # added / removed ids listed by name


def _ids(ids: list[str]) -> str:
    more = f" … and {len(ids) - SHOWN_IDS} more" if len(ids) > SHOWN_IDS else ""
    return ", ".join(ids[:SHOWN_IDS]) + more


def render_text(r: DiffResult) -> str:
    """The comparison as the terminal shows it."""
    out = [f"OLD {r.old}: {r.old_articles} articles", f"NEW {r.new}: {r.new_articles} articles"]
    for key, a, b in r.config_changes:
        out.append(f"  {key}: {a} -> {b}")
    if r.identical:
        out.append("identical: the same articles, field for field")
        return "\n".join(out) + "\n"
    out.append(f"articles: {len(r.added)} added, {len(r.removed)} removed, {r.changed_articles} changed")
    if r.added:
        out.append(f"  added: {_ids(r.added)}")
    if r.removed:
        out.append(f"  removed: {_ids(r.removed)}")
    out.append("changed: " + ", ".join(f"{name} {r.changed[name]}" for name in FIELDS))
    now_failing, fixed = r.failed_changes
    if now_failing:
        out.append(f"  failing only in NEW: {_ids(now_failing)}")
    if fixed:
        out.append(f"  failing only in OLD: {_ids(fixed)}")
    deltas = r.rule_deltas
    if deltas:
        out.append("rules (changes in OLD -> NEW):")
        width = max(len(rule) for rule, _, _ in deltas)
        out.extend(f"  {rule:<{width}}  {a:>7} -> {b:<7} {b - a:+d}" for rule, a, b in deltas)
    if r.largest:
        out.append("largest text changes (characters deleted + inserted):")
        out.extend(f"  {c.id}  {c.changed_chars} ({100 * c.share:.1f}% of {c.old_chars})  {c.title}"
                   for c in r.largest[:r.top])
    for c in r.largest[:r.diffs]:
        out.append("")
        out.extend(c.unified())
    return "\n".join(out) + "\n"


def _line_class(line: str) -> str:
    if line.startswith(("+++", "---")):
        return "dim"
    if line.startswith("@@"):
        return "diff-hunk"
    return {"+": "diff-add", "-": "diff-del"}.get(line[:1], "")


def html_context(r: DiffResult) -> dict[str, Any]:
    now_failing, fixed = r.failed_changes
    return {
        "version": __version__, "r": r, "fields": FIELDS, "now_failing": now_failing, "fixed": fixed,
        "deltas": r.rule_deltas, "config_changes": r.config_changes, "largest": r.largest[:r.top],
        "diffs": [(c, [(line, _line_class(line)) for line in c.unified()]) for c in r.largest[:r.diffs]],
        "css": template_text("report.css"),
    }


def write_html(r: DiffResult, path: Path) -> None:
    """The comparison as one self-contained page (no script needed), written atomically."""
    atomic_write(path, environment().get_template("diff.html.j2").render(**html_context(r)))

"""``zhextract explain``: what the pipeline did to one article, and why.

Edits are grouped by stage and rule (the same names as in the code and the
manifest) and shown in the context of the original file, with the line they
sit on.  Cosmetic rules that fire dozens of times (punctuation width,
spacing) are summarised with counts unless ``--all`` is given.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from rich.console import Console
from rich.markup import escape

CONTEXT = 16  # characters of raw text shown on each side of an edit
SUMMARISE_OVER = 6  # a rule with more small edits than this is summarised


def _line_of(raw: str, pos: int) -> int:
    return raw.count("\n", 0, pos) + 1


def _visible(s: str) -> str:
    return escape(s.replace("\n", "⏎").replace("\r", "␍").replace("\t", "⇥").replace("\u3000", "□"))


def _context(raw: str, e: dict[str, Any]) -> str:
    start, end = e["span"]
    left = raw[max(0, start - CONTEXT):start].split("\n")[-1]
    right = raw[end:end + CONTEXT].split("\n")[0]
    before = f"[red strike]{_visible(e['before'])}[/]" if e["before"] else ""
    after = f"[green]{_visible(e['after'])}[/]" if e["after"] else ""
    arrow = "[dim]→[/]" if before and after else ""
    return f"[dim]{_visible(left)}[/]{before}{arrow}{after}[dim]{_visible(right)}[/]"


def render(article: dict[str, Any], raw: str, console: Console, show_all: bool = False) -> None:
    meta = article["meta"]
    console.print(f"[bold]{escape(article['source_file'])}[/]  [dim]({article['encoding']}, "
                  f"{len(raw)} characters → {len(article['text'])} clean)[/]")
    console.print(f"  title      {escape(str(article['title']))}")
    for key in ("source", "author", "editor", "published"):
        if meta.get(key):
            console.print(f"  {key:<10} {escape(str(meta[key]))}")
    console.print(f"  reference  {meta['reference_date']} [dim]({meta['reference_basis']})[/]"
                  f"   spun score {meta['spun_score']}")
    if meta.get("keywords"):
        console.print(f"  keywords   {escape(', '.join(meta['keywords']))}")

    groups: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for e in article["edits"]:
        groups[e["stage"]][e["rule"]].append(e)
    for stage in ("normalize", "strip", "repair"):
        if stage not in groups:
            continue
        n = sum(len(v) for v in groups[stage].values())
        console.print(f"\n[bold cyan]== {stage}[/] [dim]({n} edits)[/]")
        for rule, edits in groups[stage].items():
            console.print(f"  [bold]{rule}[/] [dim]×{len(edits)}[/]")
            small = all(len(e["before"]) + len(e["after"]) <= 6 for e in edits)
            if not show_all and small and len(edits) > SUMMARISE_OVER:
                kinds = Counter((e["before"], e["after"]) for e in edits)
                parts = [f"{_visible(b) or '∅'}→{_visible(a) or '∅'} ×{c}" for (b, a), c in kinds.most_common(8)]
                console.print("    " + "   ".join(parts) + ("   …" if len(kinds) > 8 else ""))
                continue
            for e in edits:
                line = _line_of(raw, e["span"][0])
                removed_lines = e["after"] == "" and (e["before"].endswith("\n") or e["before"].startswith("\n"))
                if removed_lines:
                    text = e["before"].strip("\n")
                    shown = text if len(text) <= 160 else text[:150] + f"… (+{len(text) - 150} chars)"
                    console.print(f"    [dim]line {line:>4}[/] [red]- {_visible(shown)}[/]")
                else:
                    console.print(f"    [dim]line {line:>4}[/] {_context(raw, e)}")
                if e.get("why"):
                    console.print(f"              [dim]why: {escape(e['why'])}[/]")
                if e.get("absorbs"):
                    console.print(f"              [dim](replaces earlier edits: {', '.join(e['absorbs'])})[/]")
    if article["warnings"]:
        console.print("\n[bold yellow]== warnings[/]")
        for w in article["warnings"]:
            console.print(f"  [yellow]{escape(w)}[/]")
    console.print(f"\n[bold cyan]== extract[/] [dim]{len(article['events'])} events, "
                  f"{len(article['numbers'])} numbers[/]")
    for ev in article["events"]:
        d = ev["date"]
        span = d["start"] if d["start"] == d["end"] else f"{d['start'] or '…'} – {d['end'] or '…'}"
        console.print(f"  {escape(d['text']):<16} [green]{span}[/] [dim]{d['precision']}/{d['basis']}[/]"
                      f"  {escape(', '.join(ev['actors']))} [bold]{escape(str(ev['trigger'] or ''))}[/]")
    for q in article["numbers"]:
        rng = f"{q['value']}" + (f"–{q['value_max']}" if q["value_max"] is not None else "")
        extra = " ".join(f"{k}={q[k]}" for k in ("metric", "subject") if q.get(k))
        console.print(f"  {escape(q['text']):<16} [green]{rng} {escape(str(q['unit'] or ''))}[/] "
                      f"[dim]{q['kind']}{'/' + q['approx'] if q['approx'] else ''}[/] {escape(extra)}")

"""The summary's charts as plotly figures (JSON), drawn in the page by the plotly.js the package ships.

Figures are built here, in Python, with plotly's validated graph objects;
the page only passes them to ``Plotly.newPlot`` and adds click handlers
(the timeline's points open their articles).  Nothing is fetched at view
time: :func:`plotly_js` is the script bundled in the installed package.
"""

from __future__ import annotations

import json
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

from zhextract.report.collect import STAGES, Summary

STAGE_COLORS = {"normalize": "#4c78a8", "strip": "#e45756", "repair": "#54a24b"}
FONT = "Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
TOP_RULES = 20


def plotly_js() -> str:
    """plotly.js from the installed plotly package, to inline in the page."""
    return get_plotlyjs()


def _layout(title: str, height: int = 320, **extra: Any) -> dict[str, Any]:
    return {"title": {"text": title, "x": 0, "font": {"size": 15}}, "height": height,
            "margin": {"l": 60, "r": 20, "t": 40, "b": 40}, "font": {"family": FONT, "size": 12},
            "plot_bgcolor": "#fff", "paper_bgcolor": "#fff", **extra}


def _stage(rule: str) -> str:
    return rule.split(".", 1)[0]


def _pct(part: float, whole: float) -> float:
    return round(100 * part / whole, 3) if whole else 0.0


def spun_histogram(s: Summary) -> go.Figure:
    xs = list(range(max(s.spun_scores, default=0) + 1))  # every score, so that gaps show as gaps
    fig = go.Figure(go.Bar(x=xs, y=[s.spun_scores[x] for x in xs], marker_color="#72b7b2",
                           hovertemplate="spun score %{x}: %{y} articles<extra></extra>"))
    fig.update_layout(**_layout("Spun score (signs of machine translation)"),
                      xaxis={"title": "spun score (risky names are repaired from 3)", "dtick": 1,
                             "range": [-0.5, len(xs) - 0.5]},
                      yaxis={"title": "articles"})
    return fig


def removed_by_stage(s: Summary) -> go.Figure:
    shares = [_pct(s.removed_by_stage[st], s.original_chars) for st in STAGES]
    fig = go.Figure(go.Bar(x=list(STAGES), y=shares, marker_color=[STAGE_COLORS[st] for st in STAGES],
                           customdata=[[s.removed_by_stage[st], s.edits_by_stage[st]] for st in STAGES],
                           hovertemplate="%{x}: %{y:.2f}% of the original characters removed<br>"
                                         "%{customdata[0]} characters, %{customdata[1]} edits<extra></extra>"))
    fig.update_layout(**_layout("Characters removed per stage"), yaxis={"title": "% of original characters"})
    return fig


def _rule_bars(title: str, rules: list[tuple[str, float]], axis: str, hover: str) -> go.Figure:
    rules = list(reversed(rules))  # largest at the top of a horizontal bar chart
    fig = go.Figure(go.Bar(y=[r for r, _ in rules], x=[v for _, v in rules], orientation="h",
                           marker_color=[STAGE_COLORS.get(_stage(r), "#999") for r, _ in rules],
                           hovertemplate=hover))
    fig.update_layout(**_layout(title, height=max(220, 60 + 22 * len(rules)), margin={"l": 190, "r": 20, "t": 40,
                                                                                       "b": 40}),
                      xaxis={"title": axis}, yaxis={"automargin": True})
    return fig


def removed_by_rule(s: Summary) -> go.Figure:
    top = [(r, _pct(c, s.original_chars)) for r, c in s.removed_by_rule.most_common(TOP_RULES) if c]
    return _rule_bars("Characters removed per rule", top, "% of original characters",
                      "%{y}: %{x:.2f}% of the original characters<extra></extra>")


def rules_fired(s: Summary) -> go.Figure:
    counts = s.manifest.get("rules") or dict(s.edits_by_rule)
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_RULES]
    return _rule_bars("Rules that fired most", top, "changes", "%{y}: %{x} changes<extra></extra>")


def encodings(s: Summary) -> go.Figure:
    items = s.encodings.most_common()
    fig = go.Figure(go.Bar(x=[e for e, _ in items], y=[c for _, c in items], marker_color="#9d755d",
                           hovertemplate="%{x}: %{y} articles<extra></extra>"))
    fig.update_layout(**_layout("Encodings of the source files"), yaxis={"title": "articles"})
    return fig


def timeline(s: Summary) -> go.Figure:
    t = s.timeline
    pts = t.get("points", [])
    fig = go.Figure(go.Scatter(
        x=[p["x"] for p in pts], y=[p["y"] for p in pts], mode="markers",
        marker={"size": 9, "opacity": 0.75, "color": "#f58518", "line": {"width": 1, "color": "#fff"}},
        customdata=list(range(len(pts))),
        text=[f"{p['label']}<br>{len(p['articles']) + p['more']} article(s): click to list" for p in pts],
        hovertemplate="%{y}<br>%{text}<extra></extra>"))
    entities = t.get("entities", [])
    fig.update_layout(**_layout("Events by entity (click a point for its articles)",
                                height=max(260, 90 + 28 * len(entities)), margin={"l": 110, "r": 20, "t": 40,
                                                                                  "b": 40}),
                      xaxis={"type": "date", "title": "date (start of the event's period)"},
                      yaxis={"type": "category", "categoryorder": "array",
                             "categoryarray": list(reversed(entities)), "automargin": True},
                      hovermode="closest")
    return fig


def figures(s: Summary) -> dict[str, Any]:
    """Every chart of the summary, as plain JSON for ``Plotly.newPlot``."""
    figs = {"spun": spun_histogram(s), "stages": removed_by_stage(s), "rules_removed": removed_by_rule(s),
            "rules_fired": rules_fired(s), "encodings": encodings(s), "timeline": timeline(s)}
    return {name: json.loads(pio.to_json(fig, validate=True)) for name, fig in figs.items()}

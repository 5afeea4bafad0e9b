"""One streaming pass over a dataset: the report's statistics, table rows and article pages.

Memory holds the statistics and one short row per article (id, title,
sizes, counts), never the texts: each article's page data is handed to a
``sink`` in chunks of :data:`CHUNK` articles as soon as the chunk is full,
so a corpus of 100,000 articles is read once and never held whole.
"""

from __future__ import annotations

import heapq
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import regex

from zhextract.report.dataset import find_build_log, iter_articles, iter_jsonl, load_manifest
from zhextract.report.original import original_text

CHUNK = 100  # articles per page-data chunk: a few MB, one script load per click
TOP_LOSSES = 25  # articles listed as having lost the largest share of their text
TRADITIONAL_SHARE = 0.05  # an article whose t2s rules converted this share of its Han characters was Traditional
STAGES = ("normalize", "strip", "repair")
HAN = regex.compile(r"\p{Han}")

#: Row columns of the article table, in the order of each row's cells.
ROW_COLUMNS = ("id", "title", "source_file", "encoding", "original_chars", "clean_chars", "edits", "events",
               "numbers", "spun_score", "traditional", "warnings")

Sink = Callable[[int, str], None]


@dataclass
class Summary:
    """Everything the summary page shows; no article text."""

    dataset: str
    manifest: dict[str, Any]
    build_log: dict[str, Any] | None
    rows: list[list[Any]] = field(default_factory=list)
    encodings: Counter[str] = field(default_factory=Counter)
    spun_scores: Counter[int] = field(default_factory=Counter)
    traditional_articles: int = 0
    han_converted: int = 0
    original_chars: int = 0
    clean_chars: int = 0
    removed_by_stage: Counter[str] = field(default_factory=Counter)
    edits_by_stage: Counter[str] = field(default_factory=Counter)
    removed_by_rule: Counter[str] = field(default_factory=Counter)
    edits_by_rule: Counter[str] = field(default_factory=Counter)
    top_losses: list[tuple[float, str, str, int, int]] = field(default_factory=list)
    timeline: dict[str, Any] = field(default_factory=dict)
    chunks: int = 0

    @property
    def failed(self) -> list[dict[str, Any]]:
        return [f for f in self.manifest.get("files", []) if f.get("status") != "ok"]


def _event_label(ev: dict[str, Any]) -> str:
    d = ev["date"]
    when = d.get("start") if d.get("start") == d.get("end") else f"{d.get('start') or '…'} – {d.get('end') or '…'}"
    parts = [f"event {d.get('text')}: {when}", f"{d.get('precision')}, {d.get('basis')}"]
    if ev.get("trigger"):
        parts.append(f"trigger {ev['trigger']}")
    if ev.get("actors"):
        parts.append("actors " + ", ".join(ev["actors"]))
    return " · ".join(parts)


def _number_label(q: dict[str, Any]) -> str:
    value = f"{q.get('value')}" + (f"–{q['value_max']}" if q.get("value_max") is not None else "")
    parts = [f"number {q.get('text')}: {value}" + (f" {q['unit']}" if q.get("unit") else ""), str(q.get("kind"))]
    for key in ("approx", "currency", "metric", "subject"):
        if q.get(key):
            parts.append(f"{key} {q[key]}")
    return " · ".join(parts)


def _edits(s: Summary, article: dict[str, Any], rule_index: dict[str, int]) -> tuple[list[list[Any]], int, int]:
    """One walk over the edits: statistics into ``s``, compact edits for the page.

    Returns ``(page edits, original length, characters converted by t2s)``.
    Edits come sorted and disjoint (the dataset's contract, checked by
    ``validate``); should they not be, they are sorted here, since the page
    rebuilds the original by walking them in order.
    """
    edits = article["edits"]
    if any(a["span"][1] > b["span"][0] for a, b in pairwise(edits)):
        edits = sorted(edits, key=lambda e: (e["span"][0], e["span"][1]))
    out = []
    delta = converted = 0
    removed_by_stage, edits_by_stage = s.removed_by_stage, s.edits_by_stage
    removed_by_rule, edits_by_rule = s.removed_by_rule, s.edits_by_rule
    for e in edits:
        stage, before, after = e["stage"], e["before"], e["after"]
        name = f"{stage}.{e['rule']}"
        diff = len(before) - len(after)
        delta += diff
        if diff > 0:
            removed_by_stage[stage] += diff
            removed_by_rule[name] += diff
        edits_by_stage[stage] += 1
        edits_by_rule[name] += 1
        if stage == "normalize" and e["rule"].startswith("t2s"):
            converted += len(before)
        why = e.get("why", "")
        if "absorbs" in e:
            why = (why + "; " if why else "") + "replaces earlier edits of " + ", ".join(e["absorbs"])
        index = rule_index.get(name)
        if index is None:
            index = rule_index[name] = len(rule_index)
        out.append([index, e["span"][0], e["span"][1], before, after, why])
    return out, len(article["text"]) + delta, converted


def page_data(article: dict[str, Any], edits: list[list[Any]]) -> dict[str, Any]:
    """What the article view needs, compactly: the clean text, edits by rule number, marks.

    The original text is not included: the browser rebuilds it from the clean
    text and the edits (see :mod:`.original`), so each text travels once.
    """
    meta = article.get("meta") or {}
    return {
        "id": article["id"],
        "title": article.get("title"),
        "source_file": article.get("source_file"),
        "encoding": article.get("encoding"),
        "meta": {k: meta.get(k) for k in ("source", "author", "published", "reference_date", "reference_basis",
                                          "spun_score") if meta.get(k) is not None},
        "text": article["text"],
        "edits": edits,
        "events": [[ev["span"][0], ev["span"][1], _event_label(ev)] for ev in article["events"]],
        "numbers": [[q["span"][0], q["span"][1], _number_label(q)] for q in article["numbers"]],
        "warnings": article.get("warnings", []),
    }


class _ChunkWriter:
    """Groups page data into chunks of :data:`CHUNK` articles and hands each to the sink as JSON."""

    def __init__(self, sink: Sink) -> None:
        self.sink = sink
        self.pages: list[dict[str, Any]] = []
        self.rules: dict[str, int] = {}
        self.count = 0

    def add(self, page: dict[str, Any]) -> None:
        self.pages.append(page)
        if len(self.pages) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        if not self.pages:
            return
        payload = {"rules": list(self.rules), "articles": self.pages}
        self.sink(self.count, json.dumps(payload, ensure_ascii=False, separators=(",", ":")))
        self.count += 1
        self.pages, self.rules = [], {}


def _account(s: Summary, article: dict[str, Any], writer: _ChunkWriter) -> list[Any]:
    """Add one article to the statistics and its page to ``writer``; returns its table row."""
    text = article["text"]
    edits, original, converted = _edits(s, article, writer.rules)
    writer.add(page_data(article, edits))
    traditional = False
    if converted:  # only an article with t2s edits can be Traditional: count its Han characters
        han = len(HAN.findall(original_text(text, article["edits"])))
        traditional = bool(han) and converted / han >= TRADITIONAL_SHARE
    s.han_converted += converted
    s.traditional_articles += traditional
    s.original_chars += original
    s.clean_chars += len(text)
    encoding = str(article.get("encoding"))
    s.encodings[encoding] += 1
    spun = int((article.get("meta") or {}).get("spun_score") or 0)
    s.spun_scores[spun] += 1
    title = article.get("title") or ""
    if original:
        lost = (original - len(text)) / original
        item = (lost, article["id"], title, original, len(text))
        if len(s.top_losses) < TOP_LOSSES:
            heapq.heappush(s.top_losses, item)
        else:
            heapq.heappushpop(s.top_losses, item)
    return [article["id"], title, article.get("source_file"), encoding, original, len(text), len(article["edits"]),
            len(article["events"]), len(article["numbers"]), spun, int(traditional), len(article.get("warnings", []))]


TIMELINE_ENTITIES = 20  # rows of the timeline chart: the entities with the most events
TIMELINE_POINTS = 4000  # points drawn at most; beyond, an even sample (the chart says so)
TIMELINE_LINKS = 12  # article ids kept per point


def _when(entry: dict[str, Any]) -> str | None:
    d = entry.get("date") or {}
    return d.get("start") or d.get("end")


def collect_timeline(dataset: Path) -> dict[str, Any]:
    """Points of the timeline chart: (date, entity) of the corpus's events, with the articles reporting them.

    Two passes over ``timeline.jsonl``: the first counts events per entity,
    the second keeps the points of the busiest entities, evenly sampled when
    there are more than a chart can show.
    """
    path = dataset / "timeline.jsonl"
    per_entity: Counter[str] = Counter()
    undated = without_entity = total = 0
    for _, entry in iter_jsonl(path):
        total += 1
        if not _when(entry):
            undated += 1
        elif not entry.get("actors"):
            without_entity += 1
        else:
            per_entity.update(set(entry["actors"]))
    entities = [name for name, _ in per_entity.most_common(TIMELINE_ENTITIES)]
    wanted = set(entities)
    candidates = sum(per_entity[e] for e in entities)
    step = max(1.0, candidates / TIMELINE_POINTS)
    points: list[dict[str, Any]] = []
    seen = 0.0
    next_kept = 0.0
    for _, entry in iter_jsonl(path):
        when = _when(entry)
        if not when:
            continue
        for actor in entry.get("actors", []):
            if actor not in wanted:
                continue
            if seen >= next_kept:
                next_kept += step
                d = entry["date"]
                points.append({
                    "x": when[:10] if "T" not in when else when.replace("T", " "),
                    "y": actor,
                    "label": f"{d.get('text')} · {d.get('start') or '…'} – {d.get('end') or '…'}"
                             + (f" · {entry['trigger']}" if entry.get("trigger") else ""),
                    "articles": entry["articles"][:TIMELINE_LINKS],
                    "more": max(0, len(entry["articles"]) - TIMELINE_LINKS),
                })
            seen += 1
    return {"entities": entities, "points": points, "events": total, "undated": undated,
            "without_entity": without_entity, "shown_of": candidates, "sampled": step > 1}


def collect(dataset: Path, sink: Sink, cache_dir: Path | None = None) -> Summary:
    """Read ``dataset`` once; page data goes to ``sink(chunk_number, json)``, the rest into the summary."""
    manifest = load_manifest(dataset)
    s = Summary(dataset=str(dataset), manifest=manifest, build_log=find_build_log(dataset, cache_dir))
    writer = _ChunkWriter(sink)
    for article in iter_articles(dataset):
        s.rows.append(_account(s, article, writer))
    writer.flush()
    s.chunks = writer.count
    s.top_losses.sort(reverse=True)
    s.timeline = collect_timeline(dataset)
    return s

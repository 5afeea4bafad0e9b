"""Whole-page fixtures of the strip stage (``tests/data/strip_pages/``) and how a result is scored.

A fixture is a scraped page written line by line with a label in front
(``T|`` title, ``M|`` metadata, ``C|`` content, ``N|`` noise, ``X|`` mixed,
``|`` blank) under a header of ``# key: value`` lines (layout, title,
published, source, author); see ``tests/data/strip_pages/README.md``.

Lines are compared on :func:`zhextract.stages.strip.line_key` (letters and
digits only, Traditional folded to Simplified), so punctuation width and
spacing, which the normalize stage decides, do not matter.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zhextract.stages.strip import line_key

PAGES = Path(__file__).resolve().parent / "data" / "strip_pages"
LABELS = {"T", "M", "C", "N", "X", ""}
HEADER_KEYS = {"layout", "title", "published", "source", "author"}


@dataclass
class Page:
    name: str
    header: dict[str, str]
    lines: list[tuple[str, str, str]]  # (label, text, content part of an X line)

    @property
    def raw(self) -> str:
        return "\n".join(text for _, text, _ in self.lines)

    def of(self, label: str) -> list[tuple[str, str, str]]:
        return [x for x in self.lines if x[0] == label]


def load_page(path: Path) -> Page:
    header: dict[str, str] = {}
    lines: list[tuple[str, str, str]] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("# ") and not lines:
            key, _, value = line[2:].partition(":")
            if key.strip() not in HEADER_KEYS:
                raise ValueError(f"{path.name}:{n}: unknown header key {key!r}")
            header[key.strip()] = value.strip()
            continue
        label, sep, text = line.partition("|")
        if not sep or label not in LABELS:
            raise ValueError(f"{path.name}:{n}: a line must start with one of T| M| C| N| X| or |")
        part = ""
        if label == "X":
            text, sep, part = text.rpartition("|")
            if not sep or not part:
                raise ValueError(f"{path.name}:{n}: an X line ends with |<its content part>")
        lines.append((label, text, part))
    if "title" not in header:
        raise ValueError(f"{path.name}: the header needs a '# title:' line ('-' for none)")
    return Page(path.stem, header, lines)


def all_pages() -> list[Page]:
    return [load_page(p) for p in sorted(PAGES.glob("*.txt"))]


@dataclass
class Score:
    """What a run made of a page, line by line (lists hold the lines that went wrong)."""

    content: int = 0
    content_lost: list[str] = field(default_factory=list)
    noise: int = 0
    noise_kept: list[str] = field(default_factory=list)
    header: int = 0  # title and metadata lines
    header_in_body: list[str] = field(default_factory=list)
    title_right: bool | None = None  # None: the page has no title
    meta: int = 0
    meta_wrong: list[str] = field(default_factory=list)


def _same_name(got: str | None, want: str) -> bool:
    if not got:
        return False
    g, w = fold(got), fold(want)
    return bool(w) and (w in g or (g in w and len(g) >= 0.6 * len(w)))


_VARIANTS = str.maketrans("著衞", "着卫")  # characters OpenCC keeps that the clean text may write either way


def fold(s: str) -> str:
    """How lines are compared: ``line_key`` with a few variant characters unified."""
    return line_key(s).translate(_VARIANTS)


def score(page: Page, article: dict[str, Any]) -> Score:
    """Score one article object (``process`` output) against the page's labels.

    A noise line that repeats a content line word for word counts as kept
    only when the output has more copies of it than the content has.
    """
    body = fold(article["text"])
    out_lines = Counter(fold(x) for x in article["text"].split("\n"))
    wanted = Counter(fold(text) for label, text, _ in page.lines if label == "C")
    sc = Score()
    title = fold(page.header["title"])
    for label, text, part in page.lines:
        key = fold(text)
        if label == "X" and fold(part) == title:
            label, part = "T", ""  # the headline with noise around it (a search question glued to it)
        if not key:
            continue
        if label in ("C", "X"):
            want = fold(part) if label == "X" else key
            sc.content += 1
            if want not in body:
                sc.content_lost.append(part or text)
        if label == "N" or (label == "X" and key != fold(part)):  # the noise around an X line's content
            sc.noise += 1
            if out_lines[key] > wanted[key] or (len(key) >= 8 and not wanted[key] and key in body):
                sc.noise_kept.append(text)
        if label in ("T", "M"):
            sc.header += 1
            if key in out_lines:
                sc.header_in_body.append(text)
    want_title = page.header["title"]
    if want_title != "-":
        sc.title_right = fold(article["title"] or "") == fold(want_title)
    meta = article["meta"]
    for fld in ("published", "source", "author"):
        want = page.header.get(fld)
        if not want:
            continue
        sc.meta += 1
        got = meta.get(fld)
        ok = bool(got) and got[:10] == want if fld == "published" else _same_name(got, want)
        if not ok:
            sc.meta_wrong.append(f"{fld}: got {got!r} want {want!r}")
    return sc

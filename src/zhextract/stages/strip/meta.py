"""Header and footer metadata lines lifted into ``meta``.

The lines are parsed by :mod:`.fields`; this module decides which lines of
the page are metadata (by their zone) and removes them.
"""

from __future__ import annotations

from zhextract.document import Change, Document
from zhextract.stages.strip.boilerplate import (
    bare,
    reads_as_content,
)
from zhextract.stages.strip.fields import _META_FIELDS, is_site_name, parse_meta_line
from zhextract.stages.strip.page import _view
from zhextract.step import Context


def header_meta(doc: Document, ctx: Context) -> list[Change]:
    """Lift source / author / editor / published lines into ``meta``.

    Looked for in the head zone (before the first paragraph of prose) and in
    the tail zone (after the last).  The first line is taken as metadata when
    it holds two fields or a date, or when a title follows it.  The head zone
    has no line limit: with one, lines removed above a metadata line would
    bring it under the limit on a second pass (not idempotent).
    """
    view = _view(doc)
    bounds = view.bounds
    drop = []
    for i in view.real:
        if not (bounds.head(i) or bounds.tail(i)):
            continue
        found = parse_meta_line(view.texts[i])
        if not found:
            continue
        if i == view.real[0] and len(found) < 2 and "published" not in found \
                and (len(view.real) < 2 or view.content[view.real[1]]):
            continue  # one label on the first line, prose under it: a title like "编辑：一个被低估的职业"
        for key, value in found.items():
            if key in _META_FIELDS:
                doc.meta.setdefault(key, value)
        drop.append(i)
    return view.remove(drop)



def site_name(doc: Document, ctx: Context) -> list[Change]:
    """A site name alone on the first line, above the title, becomes ``meta.source``."""
    view = _view(doc)
    if len(view.real) < 2:
        return []
    first, nxt = (view.texts[i].strip() for i in view.real[:2])
    if not is_site_name(first, ctx) or reads_as_content(nxt):
        return []
    doc.meta.setdefault("source", bare(first) or first)
    return view.remove([view.real[0]])


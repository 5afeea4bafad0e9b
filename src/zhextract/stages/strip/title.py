"""The title: lifted into ``title`` without its column prefix and site suffix.

A search question glued to the title (``<question>(<real title>)``) is cut
first by :func:`seo_title_question`.
"""

from __future__ import annotations

import re

import regex

from zhextract.document import Change, Document
from zhextract.stages.strip.boilerplate import (
    prefix,
    whole_line,
)
from zhextract.stages.strip.fields import is_site_name
from zhextract.stages.strip.page import _title_line, _view
from zhextract.stages.strip.spam import is_search_question
from zhextract.step import Context

_TITLE_PARTS = re.compile(
    r"^(?P<a>[^()（）【】\[\]]{4,80}?)\s*[(（【\[](?P<b>[^()（）【】\[\]]{4,120})[)）】\]]$"
)


def seo_title_question(doc: Document, ctx: Context) -> list[Change]:
    """``<search question>(<real title>)`` on the title line: keep the title only.

    The reverse, ``<real title>(<search question>)``, loses the bracket.  The
    question is kept in ``doc.notes`` so ``seo_phrase`` can recognise it in the body.
    """
    ln = _title_line(_view(doc))
    if ln is None:
        return []
    s = ln.text.strip()
    m = _TITLE_PARTS.match(s)
    if not m:
        return []
    a, b = m.group("a").strip(), m.group("b").strip()
    offset = ln.start + (len(ln.text) - len(ln.text.lstrip()))
    if is_search_question(a, ctx) and not is_search_question(b, ctx) and len(b) >= 6 \
            and not whole_line("title_annotation", b):
        doc.notes["strip.title_question"] = a
        return [Change(offset, offset + m.start("b"), ""), Change(offset + m.end("b"), offset + m.end(), "")]
    if is_search_question(b, ctx) and not is_search_question(a, ctx) and len(a) >= 6:
        doc.notes["strip.title_question"] = b
        return [Change(offset + m.end("a"), offset + m.end(), "")]
    return []


_TITLE_SUFFIX = re.compile(r"\s*(?:[_|｜丨]|\s[-–—]\s|[-–—])\s*(?P<site>[^_|｜丨\-–—]{2,16})$")


def title(doc: Document, ctx: Context) -> list[Change]:
    """The first real line is the title: lift it into ``title``.

    A column prefix (``环球简讯：``, ``【天天播资讯】``) and a site suffix
    (``_网易新闻``, `` - 36氪``) are left out; the site becomes ``meta.source``.
    Two stacked prefixes (``当前观察：格林美业绩快报：…``) are both kept: the
    second may be the headline's own topic, and cutting one per pass would
    not be idempotent.
    """
    view = _view(doc)
    ln = _title_line(view)
    if ln is None:
        return []
    s = ln.text.strip()
    m = prefix("column", s)
    if m and len(s) - m.end() >= 6 and not prefix("column", s[m.end():].strip()) and _is_column(m, ctx):
        doc.stats["strip.title.column_prefix"] += 1
        s = s[m.end():].strip()
    sfx = _TITLE_SUFFIX.search(s)
    if sfx and len(s) - len(sfx.group()) >= 6 and is_site_name(sfx.group("site"), ctx):
        doc.stats["strip.title.site_suffix"] += 1
        doc.meta.setdefault("source", sfx.group("site").strip())
        s = s[:sfx.start()].strip()
    doc.title = s.rstrip("。")
    return view.remove([ln.index])


def _is_column(m: re.Match[str] | regex.Match[str], ctx: Context) -> bool:
    """A column prefix opens with nothing, generic words or a site's name (环球简讯, 36氪快讯),
    not with the headline's subject (英伟达财报点评：, 比亚迪快报：)."""
    mod = (m.groupdict().get("mod") or "").strip()
    return not mod or whole_line("column_modifier", mod) or is_site_name(mod, ctx)


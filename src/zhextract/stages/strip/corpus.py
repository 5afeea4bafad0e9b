"""Corpus-level boilerplate: lines repeated across articles with different stories.

The build counts every article's short-line keys in a first pass
(:func:`corpus_line_keys`); a line seen in several files with different
stories is the site's template, one seen with the same story is a reprint.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from functools import lru_cache

from zhextract.document import Change, Document
from zhextract.opencc_loader import dictionary_dir, has_traditional
from zhextract.stages.strip.boilerplate import (
    SENTENCE_END,
    reads_as_content,
)
from zhextract.stages.strip.fields import parse_meta_line
from zhextract.stages.strip.page import _NUMBERED, _view
from zhextract.step import Context


# ====================================================================== corpus level
@lru_cache(maxsize=1)
def _t2s_chars() -> dict[int, str]:
    """OpenCC's character table (first candidate), for keys that survive t2s."""
    table: dict[int, str] = {}
    with open(dictionary_dir() / "TSCharacters.txt", encoding="utf-8") as f:
        for line in f:
            key, _, value = line.rstrip("\n").partition("\t")
            first = value.split(" ")[0]
            if len(key) == 1 and first and first != key:
                table[ord(key)] = first
    return table


_KEY_NOISE = re.compile(
    r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});"  # HTML entities
    r"|\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}\)"  # inline pinyin notes, (GMV)
    r"|[\W_]+",  # everything but letters and digits of any script
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_STORY_MARKS = re.compile(r"[，,。；;！？!?]")


@lru_cache(maxsize=4096)
def line_key(line: str, traditional: bool = True) -> str:
    """A line's identity across the corpus, the same before and after normalize.

    Full-width forms folded (NFKC), HTML entities, parenthesised Latin (pinyin
    notes) and everything but letters and digits dropped, Traditional
    characters mapped to Simplified, case folded and digit runs made ``0`` (so
    ``12条评论`` and ``3条评论`` are one line).  ``traditional=False`` skips the
    character mapping, for the lines of a file without Traditional characters
    (decided once per file by :func:`_file_is_traditional`, on both passes).
    Remembered: several strip rules ask for the keys of the same lines.
    """
    s = line if unicodedata.is_normalized("NFKC", line) else unicodedata.normalize("NFKC", line)
    s = _KEY_NOISE.sub("", s).lower()
    if traditional:
        s = s.translate(_t2s_chars())
    return _DIGITS.sub("0", s)


_SHORT_KEY = (4, 80)


def _file_is_traditional(raw: str) -> bool:
    return has_traditional(raw)


def _story_fingerprints(lines: list[str], traditional: bool = True) -> list[str]:
    """The first three long prose lines: what a reprint of the same story shares."""
    out = []
    for line in lines:
        if len(line) >= 40 and len(_STORY_MARKS.findall(line)) >= 2:
            key = line_key(line, traditional)
            if len(key) >= 40:
                out.append(key[:40])
                if len(out) == 3:
                    break
    return out


def _pair_key(key: str, story: str) -> str:
    return "⊕" + hashlib.blake2b(f"{key}\0{story}".encode(), digest_size=8).hexdigest()


def corpus_line_keys(raw_text: str) -> set[str]:
    """The keys of one article for the build's first pass (count them across files).

    Two kinds of key: ``line_key`` of every short line (4 to 80 letters), and
    for each of those a *pair key* tying it to the article's story (a hash of
    the line and one of the first long prose lines).  A line that repeats
    with different stories is site boilerplate; a line that repeats *with the
    same story* belongs to a reprinted article and is kept.  Give the build's
    ``ctx.corpus.common_lines`` every key seen in at least
    :func:`common_line_threshold` files.
    """
    lines = raw_text.splitlines()
    trad = _file_is_traditional(raw_text)
    stories = _story_fingerprints(lines, trad)
    keys: set[str] = set()
    for line in lines:
        if len(line) > 2 * _SHORT_KEY[1] or len(line) < _SHORT_KEY[0]:
            continue  # too long or too short to give a short key
        key = line_key(line, trad)
        if _SHORT_KEY[0] <= len(key) <= _SHORT_KEY[1]:
            keys.add(key)
            keys.update(_pair_key(key, s) for s in stories)
    return keys


def common_line_threshold(n_files: int) -> int:
    """How many files a key must be seen in to count as common (recommended).

    Three files at least: two articles may share a line by chance, a site's
    template repeats in all its pages.  In large corpora one file in a
    thousand, so that short generic lines shared by unrelated sites do not
    become boilerplate (reprints are handled by pair keys, not by this).
    """
    return max(3, math.ceil(n_files / 1000))



def corpus_boilerplate(doc: Document, ctx: Context) -> list[Change]:
    """Lines seen in several articles of the corpus with *different* stories.

    Kept: lines of a reprinted story (their pair key is common too), lines
    that end like a sentence, metadata lines, and the title.  In the middle of
    the article (prose before and after) a line also needs 6+ letters and must
    not be a numbered heading, so a shared heading like ``写在最后`` stays.
    """
    common = ctx.corpus.common_lines
    if not common:
        return []
    view = _view(doc)
    real = view.real
    trad = _file_is_traditional(doc.raw)
    stories = _story_fingerprints(doc.raw.splitlines(), trad)
    title_index = real[0] if len(real) > 1 and reads_as_content(view.texts[real[1]]) else -1
    drop = []
    for i in real:
        s = view.texts[i].strip()
        if len(s) > 2 * _SHORT_KEY[1]:
            continue
        key = line_key(s, trad)
        if not (_SHORT_KEY[0] <= len(key) <= _SHORT_KEY[1]) or key not in common:
            continue
        if any(_pair_key(key, st) in common for st in stories):
            continue
        if i == title_index or reads_as_content(s) or (len(s) >= 8 and SENTENCE_END.search(s)):
            continue
        if parse_meta_line(s) is not None:
            continue
        if not view.bounds.edge(i) and (len(key) < 6 or _NUMBERED.match(s)):
            continue
        drop.append(i)
    return view.remove(drop)


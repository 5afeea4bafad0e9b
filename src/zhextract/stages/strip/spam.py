"""SEO spam: keyword lines, link farms, search phrases, injected headlines.

Spam is recognised by its shape (phrases joined by separators, a query
glued into a sentence, a headline sharing no words with the article) plus
the vocabularies of ``spam_lexicon*.txt``, ``question_words.txt`` and
``search_subjects.txt``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from zhextract.document import Change, Document
from zhextract.gazetteer import load_gazetteer
from zhextract.resources import read_list
from zhextract.stages.strip.boilerplate import (
    SENTENCE_END,
    TERMINATORS,
    Literals,
    farm_segments,
    is_keyword_line,
    is_link_farm,
    keyword_phrases,
    line_start_pattern,
    prefix,
    reads_as_content,
    spam_lexicon,
    spam_score,
)
from zhextract.stages.strip.fields import parse_meta_line
from zhextract.stages.strip.page import _NUMBERED, View, _view, shape
from zhextract.step import Context

_PUNCT = re.compile(r"[，。！？；：、,.!?;:“”\"'（）()《》【】]")

# ====================================================================== spam lines
def seo_keyword_line(doc: Document, ctx: Context) -> list[Change]:
    """Lines of adult / gambling / pirate-video / loan keyword phrases, header or footer;
    in the head and tail zones also keyword stuffing on any topic (:func:`is_keyword_stuffing`)."""
    view = _view(doc)
    lex = spam_lexicon().pattern
    drop = []
    for i in view.real:
        t = view.texts[i]
        if len(t) < 8 or (view.content[i] and not _has_hard_separator(t) and TERMINATORS.search(t)):
            continue  # a paragraph of prose (keyword lines are joined by _ | ｜ 丨 or commas, without a full stop)
        if lex.search(t) and is_keyword_line(t):
            drop.append(i)
        elif view.bounds.edge(i) and is_keyword_stuffing(t):
            drop.append(i)
    return view.remove(drop)


_HAN_BIGRAM = re.compile(r"(?=([\u4e00-\u9fff]{2}))")


def is_keyword_stuffing(line: str) -> bool:
    """Four or more short phrases joined by hard separators, most of them on one word
    (``充电桩安装-充电桩品牌排行-家用充电桩价格-充电桩加盟``): keywords for a search engine."""
    s = line.strip()
    if TERMINATORS.search(s) or len(s) > 160:
        return False
    phrases, hard = keyword_phrases(s)
    if not hard or len(phrases) < 4 or sum(map(len, phrases)) / len(phrases) > 12:
        return False
    counts: Counter[str] = Counter()
    for p in phrases:
        counts.update(m.group(1) for m in _HAN_BIGRAM.finditer(p))
    return bool(counts) and max(counts.values()) >= max(3, 0.6 * len(phrases))


def _has_hard_separator(t: str) -> bool:
    return "_" in t or "|" in t or "｜" in t or "丨" in t


_FARM_SEP = re.compile(r"[|｜丨_][^\n]*[|｜丨_]")


def _separators(line: str) -> int:
    return line.count("|") + line.count("_") + line.count("｜") + line.count("丨")


def link_farm(doc: Document, ctx: Context) -> list[Change]:
    """Huge paragraphs of ``|``/``_``-separated keyword runs, with a marker or not.

    A marker alone on its line (``友情链接：``) takes the list lines under it.
    """
    view = _view(doc)
    marked = {view.index_at(m.start()) for m in line_start_pattern("farm_marker").finditer(doc.text)}
    long = set()
    if _FARM_SEP.search(doc.text):
        long = {i for i, t in enumerate(view.texts) if len(t) >= 60 and _separators(t) >= 7}
    candidates = sorted(marked | long)
    drop: list[int] = []
    for i in candidates:
        s = view.texts[i].strip()
        if i in drop or not is_link_farm(s):
            continue
        drop.append(i)
        m = prefix("farm_marker", s)
        if m and not s[m.end():].strip():
            j = i + 1
            while j < view.n and _is_link_list(view.texts[j]):
                drop.append(j)
                j += 1
    return view.remove(drop)


def _is_link_list(line: str) -> bool:
    s = line.strip()
    if not s or "。" in s or reads_as_content(s):
        return False
    return len(farm_segments(s)) >= 2 or len(s) <= 20



@lru_cache(maxsize=8)
def _subject_patterns(user: tuple[str, ...]) -> tuple[Literals, Literals]:
    """Search subjects: platform / app names, and the other generic features (``search_subjects.txt``)."""
    g = load_gazetteer(user)
    names: set[str] = set()
    features: set[str] = set()
    for entry in read_list("search_subjects.txt"):
        word, _, kind = entry.partition("\t")
        (features if kind.strip() == "feature" else names).add(word.strip())
    for e in g.entities.values():
        names.update((e.name, *e.aliases, *e.english, *e.mistranslations))
    return Literals(names), Literals(features - names)


def _first_subject(s: str, ctx: Context | None) -> str | None:
    """The platform (or feature) a query asks about: the first two characters of its first subject.

    Two characters, so that 快手小店 and 快手 (or Kwai and Kwai Shop) count as one platform.
    """
    names, features = _subject_patterns(ctx.options.gazetteers if ctx else ())
    m = names.search(s) or features.search(s)
    if not m:
        return None
    word = m.group()
    return word.split(" ")[0] if word.isascii() else word[:2]


def _subject_start(s: str, ctx: Context | None) -> list[int]:
    """Where a query may start: platform names first, then generic features."""
    names, features = _subject_patterns(ctx.options.gazetteers if ctx else ())
    low = Literals.lower(s)
    starts = [m.start() for m in names.finditer(s, low)]
    return starts + [m.start() for m in features.finditer(s, low) if m.start() not in starts]


@lru_cache(maxsize=1)
def _question_vocab() -> tuple[Literals, tuple[str, ...], tuple[str, ...]]:
    """(question words, question particles, words that end in a particle without asking)."""
    words, finals, not_finals = [], [], []
    for w in read_list("question_words.txt"):
        if w.startswith("!"):
            not_finals.append(w[1:])
        else:
            (finals if w.endswith("$") else words).append(w.rstrip("$"))
    return Literals(words), tuple(finals), tuple(not_finals)


def _ends_with_particle(s: str) -> bool:
    """Ends with 吗 / 么 / 呢 as a question particle (not 什么, 这么)."""
    _, finals, not_finals = _question_vocab()
    return s.endswith(finals) and not s.endswith(not_finals)


def asks(tail: str) -> bool:
    """The phrase asks something: a question word, or a question particle at its end."""
    return _asks(tail)


def _asks(tail: str) -> bool:
    """The phrase asks something: a question word, or a question particle at its end."""
    return bool(_question_vocab()[0].search(tail)) or _ends_with_particle(tail)


def is_search_question(s: str, ctx: Context | None = None) -> bool:
    """A search-box query: a platform or product name, then a question, no punctuation.

    ``抖音怎么开通橱窗``, ``小红书开店需要多少保证金``, ``闲鱼卖货靠谱吗``.
    """
    s = s.strip()
    if not (4 <= len(s) <= 40) or _PUNCT.search(s) or " " in s:
        return False
    starts = _subject_start(s, ctx)
    return bool(starts) and _asks(s[min(starts):])



# ====================================================================== spliced SEO phrases
_RUN = re.compile(r"[^\n，。！？；：、,.!?;:“”\"'‘’（）()《》【】\s]+")
_QUESTION_AFTER = re.compile(r"\s*[？?]")


def _query_in_run(run: str, ctx: Context) -> int | None:
    """Where a search query starts inside a punctuation-free run, if one ends it.

    The query runs from a platform / product name to the end of the run (the
    sentence's own punctuation follows a pasted query) and asks something.
    """
    if len(run) < 5 or not _asks(run):
        return None
    for start in _subject_start(run[-24:], ctx):
        start += max(0, len(run) - 24)
        tail = run[start:]
        if 5 <= len(tail) <= 24 and _asks(tail):
            return start
    return None


def _echoes(phrase: str, question: str) -> bool:
    """The phrase repeats the title's search question (or a long start of it)."""
    if not question:
        return False
    if phrase in question or question in phrase:
        return True
    common = 0
    for x, y in zip(phrase, question):
        if x != y:
            break
        common += 1
    return common >= 5


@dataclass
class _Splice:
    start: int
    end: int
    glued: bool  # a word of the sentence stands right before it


def seo_phrase(doc: Document, ctx: Context) -> list[Change]:
    """Search queries dropped in as their own line or pasted into a sentence.

    Only the query goes, the sentence stays.  A query is removed when it is
    confirmed: it echoes the title's search question, it stands alone on a
    line elsewhere, or it is pasted more than once with at least one paste
    glued to the word before it.  A query alone on its line also goes when it
    repeats or when it asks about the same platform as the document's
    confirmed SEO questions.  What is left unconfirmed and ends in a question
    particle is reported.
    """
    text = doc.text
    tq = doc.notes.get("strip.title_question", "")
    view = _view(doc, repaired=True)
    runs = _question_runs(view)
    lone: dict[int, str] = {}
    for i in sorted({i for i, _, _ in runs}):
        s = view.texts[i].strip()
        if len(s) <= 30 and not view.content[i] and (is_search_question(s, ctx) or (tq and _echoes(s, tq))):
            lone[i] = s
    spliced: dict[str, list[_Splice]] = {}
    for i, a, b in runs:
        if i in lone:
            continue
        line = view.texts[i]
        at = _query_in_run(line[a:b], ctx)
        if at is None:
            continue
        s0, s1 = a + at, b
        if _QUESTION_AFTER.match(line, s1):
            continue  # a question asked in prose, with its question mark
        if s0 == 0 and s1 == len(line):
            continue
        start = view.starts[i]
        spliced.setdefault(line[s0:s1], []).append(_Splice(start + s0, start + s1, at > 0))
    lone_texts = set(lone.values())
    confirmed = {p for p, spans in spliced.items()
                 if _echoes(p, tq) or p in lone_texts or (len(spans) > 1 and any(x.glued for x in spans))}
    # A query line about the same platform as the document's confirmed SEO
    # questions is one more of them; a question-like heading about something
    # else ("<其他平台>如何破局") stays.
    seo_subjects = {_first_subject(q, ctx) for q in (tq, *confirmed) if q} - {None}
    changes: list[Change] = []
    line_drop = []
    for i, s in lone.items():
        if _echoes(s, tq) or text.count(s) > 1 or s in confirmed or _first_subject(s, ctx) in seo_subjects:
            line_drop.append(i)
        elif _ends_with_particle(s):
            doc.warnings.append(f"possible search phrase line kept: {s}")
    changes.extend(view.remove(line_drop))
    for phrase, spans in spliced.items():
        if phrase in confirmed:
            changes.extend(Change(x.start, x.end, "") for x in spans)
        elif _ends_with_particle(phrase) and any(x.glued for x in spans):
            doc.warnings.append(f"possible spliced search phrase kept: {phrase}")
    changes.sort(key=lambda c: c.start)
    return changes


_CUT = re.compile(r"[^\w]|_")


def _question_runs(view: View) -> list[tuple[int, int, int]]:
    """Punctuation-free runs holding a question word or ending in a particle: ``(line, start, end)``.

    Found from a whole-text scan for the question words, so lines without
    one cost nothing.
    """
    words = _question_vocab()[0]
    text = view.text
    hits = [m.start() for m in words.finditer(text)]
    hits += [m.start() for m in _particle_end().finditer(text)]
    cuts_of: dict[int, list[int]] = {}
    out: set[tuple[int, int, int]] = set()
    for pos in hits:
        i = view.index_at(pos)
        line = view.texts[i]
        cuts = cuts_of.get(i)
        if cuts is None:
            cuts = cuts_of[i] = [m.start() for m in _CUT.finditer(line)]
        k = bisect_right(cuts, pos - view.starts[i])
        a = cuts[k - 1] + 1 if k else 0
        b = cuts[k] if k < len(cuts) else len(line)
        if b > a:
            out.add((i, a, b))
    return sorted(out)


@lru_cache(maxsize=1)
def _particle_end() -> re.Pattern[str]:
    finals = _question_vocab()[1]
    return re.compile("(?:" + "|".join(re.escape(f) for f in finals) + r")(?!\w)") if finals else re.compile("(?!x)x")


# ====================================================================== injected headlines
_BIGRAM = re.compile(r"(?=([\u4e00-\u9fff]{2}))")
_HEADLINE_MARKS = re.compile(r"[！!|｜丨]")


def injected_headline(doc: Document, ctx: Context) -> list[Change]:
    """Short lines on another topic between paragraphs.

    A line of 8-40 characters without closing punctuation, standing between
    two paragraphs of prose, sharing (almost) no two-character word with the
    rest of the article, is a headline injected by the site.  Removed when
    it also has a headline's form (a column prefix, ``！`` or ``|`` inside,
    strong spam words) and shares nothing; otherwise only reported: a
    subheading may share no word with the paragraphs around it either.
    """
    view = _view(doc, repaired=True)
    real = view.real
    if len(real) < 5:
        return []
    text = doc.text
    drop = []
    for run in _headline_runs(view):
        for i in run:
            s = view.texts[i].strip()
            grams = set(_BIGRAM.findall(s))
            if len(grams) < 5:
                continue
            ln = view.line(i)
            shared = _shared_share(text, ln.start, ln.end, grams)
            if shared >= 0.1 or parse_meta_line(s) is not None:
                continue
            shaped = bool(prefix("column", s) or _HEADLINE_MARKS.search(s) or spam_score(s).strong)
            if shared == 0 and shaped:
                drop.append(i)
            else:
                doc.warnings.append(f"possible injected headline kept: {s}")
    return view.remove(drop)


def _headline_candidate(view: View, i: int) -> bool:
    s = view.texts[i].strip()
    return not view.content[i] and 8 <= len(s) <= 40 and not SENTENCE_END.search(s) and not _NUMBERED.match(s)


def _headline_runs(view: View) -> list[list[int]]:
    """Runs of consecutive headline-like lines with prose right before and right after."""
    real = view.real
    runs: list[list[int]] = []
    k = 1
    while k < len(real) - 1:
        if not _headline_candidate(view, real[k]):
            k += 1
            continue
        j = k
        while j < len(real) - 1 and _headline_candidate(view, real[j]):
            j += 1
        if view.content[real[k - 1]] and view.content[real[j]]:
            runs.append(real[k:j])
        k = j + 1
    return runs


def _shared_share(text: str, start: int, end: int, grams: set[str]) -> float:
    """The share of ``grams`` found in ``text`` outside ``[start, end)``; stops at 10%."""
    enough = 0.1 * len(grams)
    shared = 0
    for g in grams:
        p = text.find(g)
        while start <= p < end:
            p = text.find(g, p + 1)
        if p >= 0:
            shared += 1
            if shared >= enough:
                break
    return shared / len(grams)


_OPENS_CLAUSE = ("，", ",", "、", "；", ";", "）", ")")


def spliced_line(doc: Document, ctx: Context) -> list[Change]:
    """A short line standing inside a sentence that the page broke in two around it.

    Spam sites cut a sentence and put their own phrase on a line between
    the halves (``…杀入储能赛道，`` / ``<their phrase>`` / ``，保时捷…``): the
    line before does not end a sentence and the line after opens with a
    clause mark and goes on in words (``，A0`` is debris, not the rest of a
    sentence), which no paragraph does.  Only lines of at most 20
    characters without any punctuation go; the page is read from the end,
    so that two phrases in a row both go.
    """
    view = _view(doc, repaired=True)
    real = view.real
    drop = []
    after = ""  # the next line that stays
    for k in range(len(real) - 1, 0, -1):
        i = real[k]
        t = view.texts[i]
        before = view.texts[real[k - 1]].rstrip()
        if after and not view.content[i] and view.shape(i).n <= 20 and not _PUNCT.search(t) \
                and after.startswith(_OPENS_CLAUSE) and shape(after).hans >= 2 \
                and before and not TERMINATORS.search(before[-1]) \
                and not before.endswith(("：", ":")):
            drop.append(i)  # the phrase has no punctuation of its own (a piece of the sentence has)
            continue
        after = t.lstrip()
    return view.remove(drop, "a phrase on its own line inside a sentence broken around it")


_BRACKETED = re.compile(r"[《【\[]([^《》【】\[\]\n]{2,24})[》】\]]")


def spam_splice(doc: Document, ctx: Context) -> list[Change]:
    """Gambling or adult phrases pasted into a sentence, the sentence stays.

    Two shapes: a bracketed group made of spam vocabulary (``举《<彩票>注册送彩金》办``),
    and a search question holding a strong spam word at the end of a
    punctuation-free run (``跌去七成以上哪个买球软件靠谱，``).  A news sentence about
    gambling names it in its own words, not in a bracketed keyword group or a
    question glued to a clause.
    """
    view = _view(doc, repaired=True)
    lex = spam_lexicon()
    words = _question_vocab()[0]
    changes: list[Change] = []
    spam_lines = lex.pattern.lines_with_match(view.text)  # one pass over the page, not a search per line
    for i in view.real:
        line = view.texts[i]
        if not view.content[i] or i not in spam_lines:
            continue
        start = view.starts[i]
        cuts: list[tuple[int, int]] = []
        for m in _BRACKETED.finditer(line):
            sc = spam_score(m.group(1))
            if sc.strong or sc.weak >= 2:
                cuts.append((m.start(), m.end()))
        for run in _RUN.finditer(line):
            text = run.group()
            hit = next((h for h in lex.pattern.finditer(text) if h.group() in lex.strong), None)
            if hit is None:
                continue
            ask = next((q for q in words.finditer(text) if hit.start() - 6 <= q.start() <= hit.start()), None)
            at = min(hit.start(), ask.start() if ask else hit.start())
            phrase = text[at:]
            if 0 < at and len(phrase) <= 16 and _asks(phrase):
                cuts.append((run.start() + at, run.end()))
        for a, b in sorted(set(cuts)):
            if not changes or start + a >= changes[-1].end:
                changes.append(Change(start + a, start + b, "", "spam words pasted into a sentence"))
    return changes

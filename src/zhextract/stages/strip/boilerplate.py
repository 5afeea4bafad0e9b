"""What a line of noise looks like: vocabularies and line classifiers.

The strip stage decides *where* to remove (a whole line, a block after a
marker, a phrase in a sentence); this module decides *what* a single line is.
Everything here is a pure function of one line plus the vocabularies of
``data/boilerplate.tsv`` and ``data/spam_lexicon.txt``, so each classifier can
be tested on lines written for the test tables.

Two families of evidence are combined, never one alone:

* **shape** — a keyword line is many short phrases joined by separators with no
  sentence in it; a link farm is a very long run of ``|``/``_``-separated
  segments; furniture is a short line that is *all* furniture wording;
* **vocabulary** — spam words, furniture phrases, disclaimer terms.

The normalize stage also reads the ``tags`` pattern: it must not join the words
of a keywords line.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from zhextract.links import LINK_RE
from zhextract.patterns import compile_pattern
from zhextract.prefilter import Prefiltered
from zhextract.resources import read_list, read_table
from zhextract.trie import WordScanner, trie_regex

Pattern = re.Pattern[str] | regex.Pattern[str]
_NEVER = re.compile(r"(?!x)x")
# What a site puts before a line of furniture (``▼相关阅读``, ``★ 友情链接：``).
_LEAD = " \t\u3000\u00a0▼▲►▶◆■●★☆→>»*#="


def _compile(pattern: str) -> Pattern:
    """``re`` when it can (several times faster here), ``regex`` for ``\\p{…}`` classes."""
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error:
        return compile_pattern(pattern, regex.IGNORECASE)


@lru_cache(maxsize=1)
def _sources() -> dict[str, str]:
    kinds: dict[str, list[str]] = {}
    for row in read_table("boilerplate.tsv", 2):
        try:
            compile_pattern(row[1])
        except regex.error as exc:
            raise row.error(f"bad pattern: {exc}") from None
        kinds.setdefault(row[0], []).append(row[1])
    return {k: "|".join(f"(?:{p})" for p in v) for k, v in kinds.items()}


def boilerplate_source(kind: str) -> str:
    """The regular expression of a kind, to build into a larger pattern (PART kinds)."""
    src = _sources().get(kind)
    if src is None:
        raise KeyError(f"boilerplate.tsv has no kind {kind!r}")
    return src


@cache
def boilerplate_pattern(kind: str) -> Pattern:
    """All patterns of one kind as one case-insensitive alternation."""
    src = _sources().get(kind)
    return _compile(src) if src else _NEVER


@cache
def quick_pattern(kind: str) -> Pattern | Prefiltered:
    """:func:`boilerplate_pattern` behind the test of :mod:`zhextract.prefilter`: the same answers, for the
    rules that ask a kind of every line (most lines hold none of the characters a match of the kind needs)."""
    pat = boilerplate_pattern(kind)
    return Prefiltered(pat) if isinstance(pat, re.Pattern) else pat


@cache
def line_start_pattern(kind: str) -> Pattern:
    """A PREFIX kind at the start of any line of a text (``finditer`` over a whole text)."""
    src = _sources().get(kind)
    lead = re.escape(_LEAD).replace("\\ ", " ")
    return _compile(rf"(?m)^[{lead}]*(?:{src})") if src else _NEVER


_LINE_BREAK = re.compile("\n")
_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


class Literals:
    """A fast matcher for many literal words, longest match first.

    An alternation of hundreds of literals makes a regex engine try each at
    every position; a trie-shaped pattern tries one branch per character, and
    the standard ``re`` engine runs it several times faster than ``regex``.
    Matching ignores ASCII case (the text is lower-cased with a length-keeping
    table, so spans stay valid); Latin words only match as whole words (``av``
    in ``av6666``, not in ``available``).  ``group()`` of a match is lower-case.
    """

    def __init__(self, words: Iterable[str]) -> None:
        lowered = [w.strip().translate(_ASCII_LOWER) for w in words]
        han = [w for w in lowered if w and not w.isascii()]
        latin = [w for w in lowered if w and w.isascii()]
        self._han = re.compile(trie_regex(han)) if han else None
        self._han_words = han  # for one Aho–Corasick pass over a whole text (lines_with_match), made on first use
        self._han_scan: WordScanner | None = None
        # No lookbehind: it would disable re's first-character scan; checked below.
        self._latin = re.compile(rf"{trie_regex(latin)}(?![a-z])") if latin else None

    @staticmethod
    def lower(text: str) -> str:
        """ASCII lower case with the same length (so match spans index ``text``)."""
        low = text.lower()
        return low if len(low) == len(text) else text.translate(_ASCII_LOWER)

    def _latin_matches(self, low: str) -> list[re.Match[str]]:
        assert self._latin is not None
        return [m for m in self._latin.finditer(low)
                if not (m.start() and "a" <= low[m.start() - 1] <= "z")]

    def finditer(self, text: str, low: str | None = None) -> list[re.Match[str]]:
        """All matches, in text order (``low``: ``Literals.lower(text)`` if at hand)."""
        low = self.lower(text) if low is None else low
        out = list(self._han.finditer(low)) if self._han else []
        if self._latin:
            latin = self._latin_matches(low)
            if latin:
                out = sorted(out + latin, key=lambda m: m.start()) if out else latin
        return out

    def lines_with_match(self, text: str) -> set[int]:
        """The lines of ``text`` (numbered as in ``text.split("\\n")``) in which :meth:`search` finds a match.

        One pass over the whole text instead of a search per line, with the
        same answer: no word holds a line break, so no match crosses one, and
        the leftmost match of every line that has one is found (a line break
        is neither a letter for the Latin words' edges nor cased, so lower
        case and the edges read the same in the line and in the text).  A
        text in which some character lowers to several is read line by line.
        """
        low = text.lower()
        if len(low) != len(text):
            return {i for i, line in enumerate(text.split("\n")) if self.search(line)}
        if self._han_scan is None and self._han_words:
            self._han_scan = WordScanner(w for w in self._han_words if "\n" not in w)
        starts = [s for s, _, _ in self._han_scan.finditer(low)] if self._han_scan else []
        if self._latin:
            starts += [m.start() for m in self._latin_matches(low)]
        if not starts:
            return set()
        breaks = [m.start() for m in _LINE_BREAK.finditer(text)]
        return {bisect_left(breaks, s) for s in starts}

    def search(self, text: str) -> re.Match[str] | None:
        low = self.lower(text)
        found = []
        if self._han and (m := self._han.search(low)):
            found.append(m)
        if self._latin and (latin := self._latin_matches(low)):
            found.append(latin[0])
        return min(found, key=lambda m: m.start()) if found else None


# ------------------------------------------------------------------ line shape
# Sentence-final punctuation, possibly followed by closing quotes or brackets.
SENTENCE_END = re.compile(r"(?:[。！？!?；;]|……|…)[”’」』）)】\"']*$")
# The marks of a clause or a quotation: a line holding one is prose or a label and its value, no title or figure.
CLAUSE_OR_QUOTE_MARKS = re.compile(r"[，。；！？：,;!?:、“”\"]")
TERMINATORS = re.compile(r"[。！？!?]")
_CLAUSE_MARKS = re.compile(r"[，,；;：:]")

# Decorations a site puts around furniture: ▼ ▲ ★ → » · * # = ~ - — _ | and
# brackets; the ranges are arrows, geometric shapes, symbols, dingbats, emoji.
_DECOR = (r"[\s\u2190-\u21ff\u2500-\u27bf\u2b00-\u2bff\U0001f300-\U0001faff"
          r"【】\[\]〔〕<>〈〉«»·•*#=＝~～_|｜丨\-—–:：…/]")
_EDGES = re.compile(rf"^{_DECOR}+|{_DECOR}+$")


def bare(line: str) -> str:
    """The line without the decorations at its ends (``▼相关阅读：`` -> ``相关阅读``)."""
    return _EDGES.sub("", line)


_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z .'&-]*[A-Za-z]|[A-Za-z]")


def shown_len(s: str) -> int:
    """Length with each Latin name counted as two characters.

    The repair stage (after this one) turns ``Aauto Quicker`` into 快手: a
    length limit on the raw form would decide differently on the repaired
    text, and running the pipeline on its own output must not change what
    strip keeps.  A Latin name in Chinese prose weighs about as much as a
    two-character word.
    """
    return len(_LATIN_RUN.sub("xx", s)) if _LATIN_RUN.search(s) else len(s)


@lru_cache(maxsize=4096)
def reads_as_content(line: str) -> bool:
    """A sentence of prose: long enough and ending like a sentence, or several clauses.

    Every removal rule that could meet prose asks this first; it errs on the
    side of keeping (a 12-character line ending in 。 is content).  Length is
    :func:`shown_len`, so that repairs made later do not change the answer.
    """
    s = line.strip()
    n = shown_len(s)
    if n >= 12 and SENTENCE_END.search(s, n - 8 if n > 8 else 0):
        return True
    return n >= 30 and len(_CLAUSE_MARKS.findall(s)) >= 2


@lru_cache(maxsize=8192)
def whole_line(kind: str, line: str) -> bool:
    """True if the line, with or without its decorations, is entirely of ``kind``.

    Remembered: several rules ask it of the same short lines, and a site's
    furniture lines recur from article to article.
    """
    pat = boilerplate_pattern(kind)
    s = line.strip()
    if not s:
        return False
    if pat.fullmatch(s):
        return True
    if s[0].isalnum() and s[-1].isalnum():
        return False  # no decoration to strip
    b = bare(s)
    return bool(b) and b != s and bool(pat.fullmatch(b))


def prefix(kind: str, line: str) -> re.Match[str] | regex.Match[str] | None:
    """The match of a PREFIX kind at the start of the (decoration-stripped) line."""
    return boilerplate_pattern(kind).match(line.lstrip(_LEAD))


def is_decoration(line: str) -> bool:
    """A line made only of decorations (``▼▼▼``, ``-----``, ``***``)."""
    s = line.strip()
    return bool(s) and not bare(s)


# ------------------------------------------------------------------ spam vocabulary
@dataclass(frozen=True)
class SpamLexicon:
    pattern: Literals
    strong: frozenset[str]


@lru_cache(maxsize=1)
def spam_lexicon() -> SpamLexicon:
    """The spam vocabulary (``spam_lexicon.txt`` strong, ``spam_lexicon_weak.txt`` weak) as one matcher."""
    strong = [w.translate(_ASCII_LOWER) for w in read_list("spam_lexicon.txt")]
    weak = [w.translate(_ASCII_LOWER) for w in read_list("spam_lexicon_weak.txt")]
    return SpamLexicon(Literals(strong + weak), frozenset(strong))


@dataclass(frozen=True)
class SpamScore:
    strong: int  # hits of strong entries
    weak: int  # hits of weak entries
    coverage: float  # share of the line's letters and digits inside a hit

    @property
    def hits(self) -> int:
        return self.strong + self.weak


_LETTERS = re.compile(r"[^\W_]")


@lru_cache(maxsize=4096)
def spam_score(text: str) -> SpamScore:
    """How much of ``text`` is spam vocabulary (remembered: several rules score the same lines)."""
    lex = spam_lexicon()
    strong = weak = covered = 0
    for m in lex.pattern.finditer(text):
        covered += len(m.group())
        if m.group() in lex.strong:
            strong += 1
        else:
            weak += 1
    letters = len(_LETTERS.findall(text))
    return SpamScore(strong, weak, covered / letters if letters else 0.0)


def _spammy(score: SpamScore) -> bool:
    """Enough spam vocabulary: strong words, or many weak ones."""
    return score.strong >= 2 or (score.strong >= 1 and score.weak >= 1) or score.weak >= 4


# Hard separators join keywords; soft ones (，、) also join list items in prose.
_HARD_SEP = compile_pattern(r"\s*(?:[_|｜丨/／\\]+|(?<=\S)\s+(?=\S)|\s*[-—–~]+\s*)\s*")
_SOFT_SEP = compile_pattern(r"[，,、]+")
_PROSE_MARKS = compile_pattern(r"[“”\"：:；;]")


def keyword_phrases(line: str) -> tuple[list[str], bool]:
    """The phrases of a line and whether hard separators (``_ | / - space``) joined them.  A CMS's template
    key left unrendered (``{转码词}``) is no phrase: a keyword line that holds some is still one."""
    hard = [p for p in _HARD_SEP.split(line.strip()) if p and not _TEMPLATE_KEY.fullmatch(p)]
    if len(hard) >= 3:
        return hard, True
    return [p for p in _SOFT_SEP.split(line.strip()) if p and not _TEMPLATE_KEY.fullmatch(p)], False


_TEMPLATE_KEY = re.compile(r"\{\{?[^{}\s]{1,16}\}\}?")


def is_keyword_line(line: str) -> bool:
    """An SEO keyword line: short spam phrases joined by separators, no sentences.

    Three shapes, all requiring at most one sentence terminator:

    * hard separators (``_ | ｜ / - space``): at least 3 phrases averaging at
      most 16 characters, 40% of them holding a spam word;
    * only ``，、``: at least 4 phrases, 60% spammy, no prose marks (quotes,
      colons) and not ending like a list in prose (``…等``);
    * one run (the normalize stage removed the spaces between Chinese
      keywords): spam words cover 45% of the letters.
    """
    s = line.strip()
    if len(s) < 8 or len(TERMINATORS.findall(s)) > 1:
        return False
    score = spam_score(s)
    if not _spammy(score):
        return False
    phrases, hard = keyword_phrases(s)
    lex = spam_lexicon().pattern
    spammy_phrases = sum(1 for p in phrases if lex.search(p))
    if hard:
        if sum(len(p) for p in phrases) / len(phrases) > 16:
            return False
        return spammy_phrases >= 0.4 * len(phrases)
    if len(phrases) >= 4:
        if _PROSE_MARKS.search(s) or s.rstrip("。").endswith(("等", "等等")):
            return False
        return spammy_phrases >= 0.6 * len(phrases)
    if _SOFT_SEP.search(s) or reads_as_content(s):
        return False
    return score.coverage >= 0.45 and len(s) <= 80


_FARM_SPLIT = re.compile(r"\s*[|｜丨]\s*|_")
_MARKED_LIST = re.compile(r"\s*[|｜丨_、,，/]\s*|\s+")
_NUMERIC = compile_pattern(r"\d[\d.,%％]*\s*(?:亿|万|元|%|％|倍|家|个|人|年)?")
_FARM_SENTENCE = compile_pattern(r"[。！？，]")


def farm_segments(text: str) -> list[str]:
    return [s for s in _FARM_SPLIT.split(text) if s.strip()]


def is_link_farm(line: str) -> bool:
    """A link farm: a marker (友情链接：) with a list, or a huge ``|``/``_`` keyword run.

    Without a marker the line must be long (60+ characters), have 8+ segments
    with almost no sentence punctuation and few numeric cells (a table row is
    not a farm), and either hold spam words or have 20+ segments.
    """
    s = line.strip()
    m = prefix("farm_marker", s)
    if m:
        rest = s[m.end():].strip()
        return not rest or len(rest) > 40 or len(_MARKED_LIST.split(rest)) >= 2
    if len(s) < 60:
        return False
    segments = farm_segments(s)
    if len(segments) < 8:
        return False
    if len(_FARM_SENTENCE.findall(s)) > len(segments) / 10:
        return False
    numeric = sum(1 for seg in segments if _NUMERIC.fullmatch(seg.strip()))
    if numeric > 0.3 * len(segments):
        return False
    spammy = sum(1 for seg in segments if spam_lexicon().pattern.search(seg))
    return spammy >= 0.2 * len(segments) or len(segments) >= 20


# ------------------------------------------------------------------ disclaimers
COPYRIGHT_LINE = 80  # characters of a line opened by a copyright sign and a year that is the site's line


@lru_cache(maxsize=8192)
def is_disclaimer(line: str, inside: bool = False) -> bool:
    """A reprint / copyright / risk notice of the site about itself.

    Either it opens with a disclaimer marker (【声明】, 免责声明：, 转载请注明,
    本文系…) and uses a disclaimer term (two in a line of over 24 characters),
    or within its first 30 characters it refers to the site or article itself
    (本站, 本文, 以上内容) and uses two different disclaimer terms.  A news
    sentence about someone else's copyright dispute has neither.

    ``inside``: the line stands between paragraphs of the article.  There a
    marker is not enough (``如有侵权行为，消费者可以投诉`` and ``声明：本公司从未授权…``
    are news); only the site speaking of itself counts.
    """
    s = line.strip()
    if not s or len(s) > 400:
        return False
    opens = prefix("disclaimer", s) is not None and not inside
    if not opens and not quick_pattern("disclaimer_self").search(s[:30]):
        return False
    if opens and len(s) <= COPYRIGHT_LINE and prefix("copyright_year", s):
        return True  # © 2003-2024 某站 Team.: a year after the sign is the site's line, whatever it names
    terms = {m.group() for m in boilerplate_pattern("disclaimer_term").finditer(s)}
    if opens:
        # One term is enough for a short notice (如有侵权请联系, 版权所有©); a long
        # sentence with one (如有侵权行为，消费者可以投诉…) is more likely news.
        return len(terms) >= 2 or (len(terms) == 1 and len(LINK_RE.sub("", s)) <= 24)
    # A quotation or a reported statement is content, not the site speaking.
    return len(terms) >= 2 and not boilerplate_pattern("reported_speech").search(s[:30])


SHORT_NOTICE = 60  # characters of a notice under a lone marker that one disclaimer term makes a notice


def is_notice_body(line: str) -> bool:
    """The body of a notice under a lone marker (``【免责声明】``): not reported speech, two disclaimer
    terms and the site or article speaking of itself, or three terms; a short one (``请先参阅首页的免责声明，
    再继续阅读本文。``) with one term and the article speaking of itself."""
    s = line.strip()
    if not s or len(s) > 400 or boilerplate_pattern("reported_speech").search(s[:30]):
        return False
    terms = len({m.group() for m in boilerplate_pattern("disclaimer_term").finditer(s)})
    speaks = bool(quick_pattern("disclaimer_self").search(s[:30]))
    return terms >= 3 or (terms >= 2 and speaks) or (terms >= 1 and speaks and len(s) <= SHORT_NOTICE)


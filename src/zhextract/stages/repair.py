"""Stage 3, repair: undo machine-translation spinning of names.

Content farms disguise copied articles by machine-translating them to English
and back, or by swapping synonyms.  Names come back mangled (快手 as "Aauto
Quicker", "Aauto更快"; 抖音 as "Tik Tok"; 宿华 as 苏华), and some articles carry
official English names inside Chinese text (Kuaishou, JD.com).  This stage
puts the Chinese names back.  Every repair is an edit whose rule says how the
garble was recognised:

* ``alias``        a listed name: an official English name, a known garble,
  a risky garble, the international counterpart's name (gazetteer.tsv);
* ``pattern``      a family of garbles nobody listed (spin_patterns.tsv);
* ``calque``       a compound translated back into Chinese (快手商, 豆快);
* ``sound_alike``  a person's name spelled by sound (苏华 for 宿华), found via
  pinyin from the gazetteer's people, next to a title or a speech verb and
  in a line that names the person's company;
* ``synonym``      a word a spinning tool swapped (克日 for 近日).

**The spun score.**  Many of these garbles are also ordinary text (Zan, 好评,
示意, 苏华).  They are *risky* and fire only in a document whose score says it
was spun.  The score (``score`` step, ``meta.spun_score``, the points of each
kind of sign in ``stats["repair.sign.*"]``) adds up the signs a document
shows, by kind and by density (signs per thousand characters); its rules and
how the threshold was calibrated are in :mod:`zhextract.stages.spun_score`.
Official English names and unresolved Latin words are no sign (clean
articles have them), nor are repeated spliced search phrases (the strip
stage removes those).  A clean article shows no sign and comes out unchanged.

**Where a name is not replaced.**  A Latin name is replaced only inside
Chinese text: not inside a URL or an e-mail address, not inside a longer
Latin word, not in an English phrase (a function word or three other Latin
words around it), not in a gloss (淘宝（Taobao）, 快手Kuaishou), and no name is
replaced inside a longer correct name (晚点LatePost, TikTok Shop, 快手商城).  A
risky match with a Chinese edge must fall on word boundaries of its sentence
(jieba's dictionary and route, with the gazetteer's names as user words and
a swapped synonym as frequent as the word it replaced): 快手商家 is not
快手商+家, 示意图 is no 示意.  The name of an international counterpart
(TikTok for 抖音) means the Chinese platform only when the document never
speaks of the international business (``abroad_context.txt``).  A Latin name
replaced by Chinese takes along the spaces MT left around it and turns an
ASCII mark next to it full-width, as the normalize stage would have done had
the name been Chinese (``50%,Aauto更快店铺`` -> ``50%，快手店铺``).  The title,
which the strip stage lifted out of the body, is repaired the same way.

**Warnings.**  Latin words left inside Chinese sentences that are neither
entities nor ordinary (``latin_allowlist.txt``) are listed as ``unresolved
latin name: 36k``: they are often names the stage could not repair.

How the steps share work: ``score`` finds every candidate repair once and
stores the plan in ``doc.notes``; each later step applies the planned repairs
of its kind, shifted by the repairs the steps before it made.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from zhextract.document import Change, Document
from zhextract.garbles import generated_garbles
from zhextract.gazetteer import Gazetteer, is_latin, latin_key, load_gazetteer
from zhextract.lexicon import lexicon
from zhextract.links import LINK
from zhextract.patterns import compile_pattern
from zhextract.resources import read_list, read_table
from zhextract.script import HAN_CHAR
from zhextract.stages import spun_score
from zhextract.stages.spun_score import Sign
from zhextract.stages.synonyms import SynonymTable, load_synonyms
from zhextract.step import Context, steps
from zhextract.trie import WordScanner, trie_regex
from zhextract.usercache import memo, package_stamp

STAGE = "repair"

# Minimum spun score for risky rules (see spun_score.py, where it was calibrated).
SPUN_THRESHOLD = spun_score.SPUN_THRESHOLD

KINDS = ("alias", "pattern", "calque", "sound_alike", "synonym")

# Gates: when a candidate repair may fire.
SAFE = "safe"  # always
SPUN = "spun"  # only in a spun document
HOME = "home"  # only when the document does not speak of the business abroad
SPUN_HOME = "spun_home"  # both

_CJK = compile_pattern(r"[\p{Han}\u3000-\u303F\uFF00-\uFFEF\u2018-\u201D\u2026\u2014\u00B7]")
# Latin letters and digits, as a set: the checks are made one character at a time (a lookup, not a regex call).
_LATIN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
# Links, e-mails, and bare domain names (xk.newrank.cn) that carry Latin words.
_URL = compile_pattern(
    LINK + r"|(?<![A-Za-z0-9.])(?:[A-Za-z0-9\-]+\.){2,}[A-Za-z]{2,}(?:/[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]*)?",
    regex.IGNORECASE,
)
_LATIN_WORD = compile_pattern(r"[A-Za-z0-9]+(?:['’.&\-][A-Za-z0-9]+)*")
_RUN_CHARS = _LATIN_CHARS | frozenset(" \t.-&'’")  # what an English phrase around a match is made of
_WINDOW = compile_pattern(r"[A-Za-z][A-Za-z0-9 \t\u3000.\-&'’/:@_%+=?#~]*")
_WINDOW_TAIL = 8  # characters after a Latin run a match may reach (Aauto更快)
_WINDOW_GAP = 64  # Latin runs closer than this are searched as one window
# Characters of context either side of a match that jieba segments to decide
# its word boundaries (Chinese words are short; segmentation is local).
_BOUNDARY_MARGIN = 8
# Spaces MT leaves after sentence punctuation inside Chinese text ("。 没想到",
# "没想到. 对此").  Written space-first: spaces are rarer than punctuation.
@lru_cache(maxsize=1 << 16)
def _is_han(char: str) -> bool:
    return bool(HAN_CHAR.match(char))


@lru_cache(maxsize=1 << 16)
def _is_cjk(char: str) -> bool:
    """Chinese text around a Latin word: Han, CJK and full-width punctuation, Chinese quotes and dashes."""
    return bool(_CJK.match(char))


_MT_SPACING = compile_pattern(r"[ \t]+(?<=(?:[。！？；，：”]|\p{Han}[.!?;,:])[ \t]+)(?=[\p{Han}“])")


# ---------------------------------------------------------------- lexicon
@dataclass(frozen=True)
class _Entry:
    """What a listed surface means: its entity, how safe it is, whether it is a sign."""

    entity: str
    gate: str
    sign: str | None
    official: frozenset[str] = frozenset()  # exact spellings of an abroad name


@dataclass(frozen=True)
class _Lexicon:
    gaz: Gazetteer
    latin: _LatinIndex
    latin_entries: dict[str, _Entry]
    han: WordScanner  # the Chinese garbles
    han_entries: dict[str, _Entry]
    synonyms: SynonymTable
    abroad: regex.Pattern[str] | None
    latin_patterns: regex.Pattern[str] | None  # any Latin-started pattern (a quick test)


def _is_acronym(surface: str) -> bool:
    letters = [c for c in surface if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(surface.replace(" ", "")) <= 6


def _entries(gaz: Gazetteer) -> dict[str, tuple[str, _Entry]]:
    """Every listed surface that is replaced, with its entry; the first listing wins."""
    out: dict[str, tuple[str, _Entry]] = {}

    def add(surface: str, entry: _Entry) -> None:
        key = latin_key(surface) if is_latin(surface) else surface
        out.setdefault(key, (surface, entry))

    entities = [e for e in gaz.entities.values() if not is_latin(e.name)]
    for e in entities:
        for s in e.english:
            add(s, _Entry(e.name, SAFE, None))
        for s in e.mistranslations:
            add(s, _Entry(e.name, SAFE, "garble"))
    for e in entities:
        for s in e.risky:
            add(s, _Entry(e.name, SPUN, None if _is_acronym(s) else "risky"))
    # Garbles derived from the names' parts (garbles.py): nobody listed them, so they are risky.  One that
    # begins with a listed Latin name ("Kuaishou App" of 快手App) would hide that name from the scan (the
    # longest name at a place wins): the listed name and its context rules decide there.
    listed = {k for k, (s, _) in out.items() if is_latin(s)}
    for name, surfaces in generated_garbles(gaz).items():
        for s in surfaces:
            key = latin_key(s)
            if not any(key[:i] in listed for i in range(1, len(key))):
                add(s, _Entry(name, SPUN, "risky"))
    for e in entities:
        counterpart = gaz.entities.get(e.abroad)
        if counterpart is None:
            continue
        spellings = [s for s in (*counterpart.names, *counterpart.english) if is_latin(s)]
        official = frozenset(s.lower() for s in spellings)
        for s in spellings:
            add(s, _Entry(e.name, SPUN_HOME, None, official))
    return out


_NAME_RUN = compile_pattern(r"[A-Za-z0-9]+")
_GAP_CHARS = frozenset(" \t\u3000-")  # what latin_key drops between two runs
_JOINERS = frozenset(".&'’+")  # what it keeps: JD.com, J&T, People's


class _LatinIndex:
    """Every Latin name by its key, found in a text by looking its runs of letters up.

    A Latin name matches in any case and with any spacing between its letters
    ("Kuai shou", "Tik Tok", "a auto faster", "HundredDegrees"): its key (see
    :func:`latin_key`) is the concatenation of the text's runs of letters and
    digits, joined by nothing where spaces or hyphens separate them and by the
    character itself where a joiner does (JD.com).  From each run, runs are
    added while the key is a prefix of some name, and the longest name wins.
    This is a dictionary lookup per run: a regex of three thousand names with
    spacing allowed between every two letters was 300 000 characters long and
    made the stage four times slower.
    """

    def __init__(self, keys: Iterable[str]) -> None:
        self.keys = frozenset(keys)
        self.prefixes = frozenset(k[:i] for k in self.keys for i in range(1, len(k) + 1))

    def finditer(self, text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
        """``(start, end)`` of the names in ``text[start:end]``, longest first, not overlapping."""
        runs = [(m.start(), m.end()) for m in _NAME_RUN.finditer(text, start, end)]
        i = 0
        while i < len(runs):
            key = text[runs[i][0]:runs[i][1]].lower()
            best = i if key in self.keys else -1
            j = i
            while key in self.prefixes and j + 1 < len(runs):
                between = text[runs[j][1]:runs[j + 1][0]]
                if all(c in _GAP_CHARS for c in between):
                    joiner = ""
                elif len(between) == 1 and between in _JOINERS:
                    joiner = between
                else:
                    break
                j += 1
                key += joiner + text[runs[j][0]:runs[j][1]].lower()
                if key in self.keys:
                    best = j
            if best >= 0:
                yield runs[i][0], runs[best][1]
                i = best + 1
            else:
                i += 1


@lru_cache(maxsize=8)
def _lexicon(user: tuple[str, ...]) -> _Lexicon:
    gaz = load_gazetteer(user)
    entries = _entries(gaz)
    latin = {k: v for k, v in entries.items() if is_latin(v[0])}
    han = {k: v for k, v in entries.items() if not is_latin(v[0])}
    synonyms = load_synonyms()
    abroad_words = read_list("abroad_context.txt")
    return _Lexicon(
        gaz,
        _LatinIndex(latin),
        {k: e for k, (_, e) in latin.items()},
        WordScanner(s for s, _ in han.values()),
        {k: e for k, (_, e) in han.items()},
        synonyms,
        compile_pattern(trie_regex(abroad_words, latin_bounds=True), regex.IGNORECASE) if abroad_words else None,
        _union(p.regex.pattern for p in gaz.patterns if p.latin_start),
    )


def _union(sources: Iterable[str]) -> regex.Pattern[str] | None:
    """One regex matching where any of ``sources`` matches (named groups made plain)."""
    parts = [regex.sub(r"\(\?P<\w+>", "(?:", s) for s in sources]
    if any("(?P=" in p for p in parts):
        return None  # a backreference needs its group: no quick test
    return compile_pattern("|".join(f"(?:{p})" for p in parts), regex.IGNORECASE) if parts else None


@lru_cache(maxsize=1)
def _allowlist() -> frozenset[str]:
    return frozenset(w.lower() for w in read_list("latin_allowlist.txt"))


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    return frozenset(w.lower() for w in read_list("latin_function_words.txt"))


@lru_cache(maxsize=1)
def _person_context() -> tuple[tuple[str, ...], tuple[str, ...]]:
    before: list[str] = []
    after: list[str] = []
    for row in read_table("person_context.tsv", 2):
        if row[0] not in ("before", "after", "stop"):
            raise row.error("side must be before|after|stop")
        if row[0] != "stop":  # words that only end a name the extract stage reads
            (before if row[0] == "before" else after).extend(row.items(1))
    return tuple(before), tuple(after)


# ---------------------------------------------------------------- candidates
@dataclass(frozen=True)
class Hit:
    """A candidate repair: ``text[start:end] == before`` becomes ``after``."""

    start: int
    end: int
    before: str
    after: str
    kind: str  # alias | pattern | calque | sound_alike | synonym
    entity: str  # what the stats count: the entity or the restored word
    gate: str
    sign: str | None  # garble | risky | synonym | None
    key: str  # identity of the sign (distinct signs are counted)


class _Scan:
    """One document's text with the facts every candidate check needs, computed once.

    Everything Latin (aliases, most patterns, URLs) is searched only inside
    the text's Latin runs ("windows", plus a few characters after each for
    a Chinese tail such as Aauto更快): Chinese news has few of them, and
    scanning them instead of the whole text keeps the stage fast.
    """

    def __init__(self, text: str, lex: _Lexicon) -> None:
        self.text = text
        self.lex = lex
        self.windows = _windows_of(text)
        # Every link holds a "." or a ":" (www., ://, a domain, an address): most windows (GMV, Aauto) hold neither.
        self.urls = [(m.start(), m.end()) for s, e in self.windows
                     if text.find(".", s, e) >= 0 or text.find(":", s, e) >= 0 for m in _URL.finditer(text, s, e)]
        self._line_names: dict[int, list[tuple[int, int, str]]] = {}
        self._bounds: dict[tuple[int, int, int], bool] = {}

    def line_of(self, pos: int) -> tuple[int, int]:
        start = self.text.rfind("\n", 0, pos) + 1
        end = self.text.find("\n", pos)
        return start, len(self.text) if end < 0 else end

    def names_near(self, s: int, e: int) -> list[tuple[int, int, str]]:
        """Correct names in the line of ``text[s:e]`` (found once per line)."""
        start, end = self.line_of(s)
        names = self._line_names.get(start)
        if names is None:
            names = self._line_names[start] = self.lex.gaz.find(self.text, start, end)
        return names

    # -- Latin context
    def in_url(self, s: int, e: int) -> bool:
        return any(a < e and s < b for a, b in self.urls)

    def touches_latin(self, s: int, e: int) -> bool:
        """The match would cut a Latin word or number (Zanzibar, taobao.com)."""
        t = self.text
        if t[s] in _LATIN_CHARS and s > 0 and (t[s - 1] in _LATIN_CHARS or t[s - 1] in "@/_"
                                            or (t[s - 1] == "." and s > 1 and t[s - 2] in _LATIN_CHARS)):
            return True
        if t[e - 1] in _LATIN_CHARS and e < len(t):
            nxt = t[e]
            if nxt in _LATIN_CHARS or nxt in "@_":
                return True
            if nxt in "./" and e + 1 < len(t) and t[e + 1] in _LATIN_CHARS:
                return True
        return False

    def extends_name(self, s: int, e: int) -> bool:
        """The match is the first or last word of a longer English name (Alibaba Health,
        WeChat Pay, Tencent Holdings): replacing it would leave half a name."""
        t = self.text
        allow = _allowlist()  # APP, CEO, GMV: ordinary words after a name, not part of it
        after = _NEXT_NAME_WORD.match(t, e) if t[e - 1] in _LATIN_CHARS else None
        before = _PREV_NAME_WORD.search(t, max(0, s - 24), s) if t[s] in _LATIN_CHARS else None
        return any(m and m.group().strip().lower() not in allow for m in (after, before))

    def in_english(self, s: int, e: int) -> bool:
        """The match is part of an English phrase, or not inside Chinese text at all."""
        t = self.text
        lo = s
        while lo > 0 and t[lo - 1] in _RUN_CHARS:
            lo -= 1
        hi = e
        while hi < len(t) and t[hi] in _RUN_CHARS:
            hi += 1
        extra = _LATIN_WORD.findall(t[lo:s]) + _LATIN_WORD.findall(t[e:hi])
        if len(extra) > 2 or any(w.lower() in _function_words() for w in extra):
            return True
        left = t[lo - 1] if lo > 0 else ""
        right = t[hi] if hi < len(t) else ""
        return not (_is_cjk(left) or _is_cjk(right))

    def is_gloss(self, s: int, e: int, entity: str) -> bool:
        """Next to a correct name of the same entity: 淘宝（Taobao）, Kuaishou（快手）, 快手Kuaishou."""
        t = self.text
        left_end = s  # where the text before the match ends, blanks and an opening bracket aside
        while left_end > 0 and t[left_end - 1] in " \t":
            left_end -= 1
        if left_end > 0 and t[left_end - 1] in "（(":
            left_end -= 1
            while left_end > 0 and t[left_end - 1] in " \t":
                left_end -= 1
        right_start = e
        while right_start < len(t) and t[right_start] in " \t":
            right_start += 1
        if right_start < len(t) and t[right_start] in "（(":
            right_start += 1
        for a, b, name in self.names_near(s, e):
            if name != entity:
                continue
            if b == left_end or a == right_start:
                return True
        return False

    def inside_longer_name(self, s: int, e: int) -> bool:
        """A correct name overlaps the match without lying inside it (晚点LatePost, 快手商城)."""
        return any(a < e and s < b and not (s <= a and b <= e) for a, b, _ in self.names_near(s, e))

    # -- Chinese word boundaries
    def on_word_boundaries(self, s: int, e: int, word_freq: int = 0) -> bool:
        """Each Chinese edge of the match is a word boundary of its sentence.

        ``word_freq``: the match is itself a word (a swapped synonym, a name)
        and enters the segmentation with that frequency, the way a user
        dictionary entry would.
        """
        t = self.text
        check_start = _is_han(t[s]) and s > 0 and _is_han(t[s - 1])
        check_end = _is_han(t[e - 1]) and e < len(t) and _is_han(t[e])
        if not (check_start or check_end):
            return True
        known = self._bounds.get((s, e, word_freq))
        if known is None:
            line = self.line_of(s)
            names = self.names_near(s, e)
            # An edge no word spans is a boundary in every segmentation: segment
            # only when a dictionary word or a name crosses one (苏华|表示 vs 华表).
            check_start = check_start and _crossed(t, s, line, names)
            check_end = check_end and _crossed(t, e, line, names)
            if check_start or check_end:
                extra = {(a, b): _NAME_FREQ for a, b, _ in names}
                if word_freq:
                    extra[(s, e)] = word_freq
                bounds = _word_bounds(t, s, e, line, extra)
                known = (not check_start or s in bounds) and (not check_end or e in bounds)
            else:
                known = True
            self._bounds[(s, e, word_freq)] = known
        return known


_MAX_WORD = 5  # longest dictionary word looked for across an edge
# Frequency a gazetteer name has as a user-dictionary word: as high as jieba's
# commonest nouns, so that a name is always one token.
_NAME_FREQ = 100_000


def _crossed(text: str, edge: int, line: tuple[int, int], names: list[tuple[int, int, str]]) -> bool:
    """Whether a dictionary word or a gazetteer name spans position ``edge``."""
    if any(a < edge < b for a, b, _ in names):
        return True
    lex = lexicon()
    for i in range(max(line[0], edge - _MAX_WORD + 1), edge):
        # The dictionary words text[i:] starts with (one trie walk, not a look-up per length).
        if any(i + len(w) > edge and lex.freq(w) for w in lex.prefixes(text[i:min(line[1], i + _MAX_WORD)])):
            return True
    return False


def _word_bounds(text: str, s: int, e: int, line: tuple[int, int], extra: dict[tuple[int, int], int]) -> set[int]:
    """Token boundaries (absolute offsets) of jieba's segmentation around ``text[s:e]``.

    jieba's dictionary and route over a window of the line (no HMM, so
    unknown strings fall apart into characters instead of being glued into
    new words), with the ``extra`` spans added as user-dictionary words with
    their frequencies (gazetteer names, the candidate word); see
    :mod:`zhextract.lexicon`.
    """
    lo = max(line[0], s - _BOUNDARY_MARGIN)
    hi = min(line[1], e + _BOUNDARY_MARGIN)
    for a, b in extra:  # a name cut by the window's edge is no name: widen over it
        if a < lo < b:
            lo = a
        if a < hi < b:
            hi = b
    local = {(a - lo, b - lo): f for (a, b), f in extra.items() if lo <= a and b <= hi}
    return {lo, *(lo + end for end in lexicon().route(text[lo:hi], local))}


def _latin_windows(text: str) -> list[tuple[int, int]]:
    """Latin runs of the text, each with a short tail, merged where they are close.

    Merging runs a few dozen characters apart costs a little more scanning
    and saves a regex call per run (a Chinese article full of GMV and MCN).
    """
    out: list[tuple[int, int]] = []
    for m in _WINDOW.finditer(text):
        s, e = m.start(), min(len(text), m.end() + _WINDOW_TAIL)
        while s > 0 and text[s - 1].isdigit():  # 36k, 5G: the digits belong to the word
            s -= 1
        if out and s <= out[-1][1] + _WINDOW_GAP:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


@lru_cache(maxsize=4)
def _windows_of(text: str) -> list[tuple[int, int]]:
    """The Latin windows of a text (cached: the last step looks at the same text when nothing changed)."""
    return _latin_windows(text)


# A capitalised Latin word one space after / before a match: the match is part of a longer name.
_NEXT_NAME_WORD = compile_pattern(r" [A-Z][A-Za-z0-9]*(?![A-Za-z0-9])")
_PREV_NAME_WORD = compile_pattern(r"(?<![A-Za-z0-9])[A-Z][A-Za-z0-9]* $")


def _finditer(rx: Any, scan: _Scan, latin_start: bool) -> Iterator[regex.Match[str]]:
    """Matches of ``rx``; only inside the Latin windows when every match starts with a Latin letter."""
    if not latin_start:
        yield from rx.finditer(scan.text)
        return
    for s, e in scan.windows:
        yield from rx.finditer(scan.text, s, e)


def _latin_hits(scan: _Scan) -> Iterator[Hit]:
    lex = scan.lex
    for s, e in (m for a, b in scan.windows for m in lex.latin.finditer(scan.text, a, b)):
        surface = scan.text[s:e]
        entry = lex.latin_entries.get(latin_key(surface))
        if entry is None:
            continue
        sign, gate = entry.sign, entry.gate
        if entry.official:
            # The international counterpart's name: spelled as the brand spells
            # it, it may be the international app; spelled apart ("Tik Tok")
            # it is MT's rendering of the Chinese platform.
            if surface.lower() not in entry.official:
                sign, gate = "garble", HOME
        yield Hit(s, e, surface, entry.entity, "alias", entry.entity, gate, sign, latin_key(surface))


def _han_hits(scan: _Scan) -> Iterator[Hit]:
    lex = scan.lex
    for start, end, word in lex.han.finditer(scan.text):
        entry = lex.han_entries[word]
        yield Hit(start, end, word, entry.entity, "alias", entry.entity, entry.gate, entry.sign, word)


def _pattern_hits(scan: _Scan) -> Iterator[Hit]:
    lex = scan.lex
    # Latin-started patterns run only in the windows where one of them matches.
    windows = scan.windows
    if lex.latin_patterns is not None:
        scan.windows = [(s, e) for s, e in windows if lex.latin_patterns.search(scan.text, s, e)]
    try:
        yield from _each_pattern_hit(scan)
    finally:
        scan.windows = windows


def _each_pattern_hit(scan: _Scan) -> Iterator[Hit]:
    for p in scan.lex.gaz.patterns:
        for m in _finditer(p.regex, scan, p.latin_start):
            if m.end() == m.start():
                continue
            after = p.replacement_for(m)
            if m.group() == after:
                continue
            kind = "calque" if p.kind == "calque" else "pattern"
            sign = "risky" if p.risky else "garble"
            key = latin_key(m.group()) if is_latin(m.group()) else m.group()
            yield Hit(m.start(), m.end(), m.group(), after, kind, after, SPUN if p.risky else SAFE, sign, key)


def _synonym_hits(scan: _Scan, signs_only: bool) -> Iterator[Hit]:
    """Swapped words; ``signs_only``: only those that are signs (all a clean document needs)."""
    for start, end, rule in scan.lex.synonyms.find(scan.text, signs_only):
        yield Hit(start, end, rule.spun, rule.original, "synonym", rule.original, SPUN,
                  "synonym" if rule.sign else None, rule.spun)


def _word_freq(hit: Hit) -> int:
    """The frequency a candidate has as a word of its own (0: it is no word, e.g. a calque).

    A swapped synonym is as frequent as the word it replaced (the tool swapped
    a word for a word); a person's name is a name.
    """
    if hit.kind == "synonym":
        return lexicon().freq(hit.after) or 1
    if hit.kind == "sound_alike":
        return _NAME_FREQ
    return 0


def _acceptable(hit: Hit, scan: _Scan) -> bool:
    """Context checks every candidate must pass before it counts or fires."""
    t = scan.text
    latin_edge = t[hit.start] in _LATIN_CHARS or t[hit.end - 1] in _LATIN_CHARS
    if latin_edge:
        if scan.in_url(hit.start, hit.end) or scan.touches_latin(hit.start, hit.end):
            return False
        if scan.in_english(hit.start, hit.end) or scan.is_gloss(hit.start, hit.end, hit.entity):
            return False
        if scan.extends_name(hit.start, hit.end):
            return False
    if scan.inside_longer_name(hit.start, hit.end):
        return False
    if hit.gate != SAFE and not scan.on_word_boundaries(hit.start, hit.end, _word_freq(hit)):
        return False
    return True


# ---------------------------------------------------------------- sound-alikes
@lru_cache(maxsize=1)
def _chars_by_syllable() -> dict[str, str]:
    """Toneless pinyin syllable -> every common character read so (any reading)."""
    from pypinyin.pinyin_dict import pinyin_dict

    out: dict[str, list[str]] = {}
    for cp, readings in pinyin_dict.items():
        if not 0x4E00 <= cp <= 0x9FFF:
            continue
        for r in readings.split(","):
            out.setdefault(_toneless(r), []).append(chr(cp))
    return {k: "".join(v) for k, v in out.items()}


def _toneless(reading: str) -> str:
    decomposed = unicodedata.normalize("NFD", reading.replace("ü", "v"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("u\u0308", "v")


@lru_cache(maxsize=8)
def _sound_regex(user: tuple[str, ...]) -> tuple[regex.Pattern[str] | None, tuple[str, ...], frozenset[int]]:
    """One regex for every person: group ``p<i>`` matches whatever is read like name ``i``.

    Returns the regex, the names by group index and the lengths of the names.
    Building it needs pypinyin (a quarter of a second to import), so the
    pattern is kept in the user cache, keyed by the names and pypinyin's
    dictionary files.
    """
    persons = tuple(e.name for e in load_gazetteer(user).persons
                    if 2 <= len(e.name) <= 4 and all(HAN_CHAR.match(c) for c in e.name))
    key = (persons, package_stamp("pypinyin", "pinyin_dict.py", "phrases_dict.py"))
    pattern, names = memo("sound-alike", key, lambda: _sound_pattern(persons))
    if not pattern:
        return None, (), frozenset()
    return compile_pattern(pattern), names, frozenset(len(n) for n in names)


def _sound_pattern(persons: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """The text of :func:`_sound_regex`'s pattern, and the names by group index."""
    from pypinyin import Style, lazy_pinyin

    chars = _chars_by_syllable()
    names: list[str] = []
    parts: list[str] = []
    for name in persons:
        classes = [chars.get(s.replace("ü", "v"), "") for s in lazy_pinyin(name, style=Style.NORMAL)]
        if len(classes) != len(name) or not all(classes):
            continue
        parts.append(f"(?P<p{len(names)}>" + "".join(f"[{regex.escape(c)}]" for c in classes) + ")")
        names.append(name)
    return "|".join(parts), tuple(names)


_SOUND_BRANCH = regex.compile(r"\(\?P<p\d+>((?:\[[^\]\\]*\])+)\)")
_SOUND_CLASS = regex.compile(r"\[([^\]]*)\]")


@lru_cache(maxsize=8)
def _sound_edges(pattern: str) -> tuple[frozenset[str] | None, dict[int, tuple[frozenset[str], frozenset[str]]]]:
    """What the first and last characters of a match of :func:`_sound_regex`'s pattern can be.

    Returns the characters any name's sound may start with, and per length
    of name those its first and its last character may be.  A speech verb
    or a title stands in a text hundreds of times; the regex (one branch per
    person) is asked only where these two sets allow a match.  Read off the
    pattern's text (each branch a group of character classes, see
    :func:`_sound_pattern`), and only when the branches read back give the
    pattern exactly: otherwise nothing is ruled out.
    """
    branches = [[c.group(1) for c in _SOUND_CLASS.finditer(b.group(1))] for b in _SOUND_BRANCH.finditer(pattern)]
    rebuilt = "|".join(f"(?P<p{i}>" + "".join(f"[{c}]" for c in classes) + ")" for i, classes in enumerate(branches))
    if not branches or rebuilt != pattern or "\\" in pattern:
        return None, {}
    firsts: dict[int, set[str]] = {}
    lasts: dict[int, set[str]] = {}
    for classes in branches:
        firsts.setdefault(len(classes), set()).update(classes[0])
        lasts.setdefault(len(classes), set()).update(classes[-1])
    edges = {n: (frozenset(firsts[n]), frozenset(lasts[n])) for n in firsts}
    return frozenset().union(*firsts.values()), edges


@lru_cache(maxsize=1)
def _person_context_scanners() -> tuple[WordScanner, WordScanner]:
    """The titles before a name and the speech verbs after it, each found in one Aho–Corasick pass
    (the matches of their trie regexes, see :class:`.trie.WordScanner`)."""
    before, after = _person_context()
    return WordScanner(before), WordScanner(after)


def _sound_alike_hits(scan: _Scan, user: tuple[str, ...], hits: list[Hit]) -> Iterator[Hit]:
    """Sound-alikes of people's names where a title or a speech verb stands next to them
    and an entity the person belongs to is named (or repaired) in the same line."""
    rx, names, lengths = _sound_regex(user)
    if rx is None:
        return
    gaz = scan.lex.gaz
    t = scan.text
    before, after = _person_context_scanners()
    heads, edges = _sound_edges(rx.pattern)
    found: dict[tuple[int, int], str] = {}
    for _, end, _ in before.finditer(t):
        if end >= len(t) or (heads is not None and t[end] not in heads):
            continue  # no name starts with this character: the regex cannot match here
        hit = rx.match(t, end)
        if hit and hit.lastgroup:
            found[(hit.start(), hit.end())] = names[int(hit.lastgroup[1:])]
    for start, _, _ in after.finditer(t):
        for n in lengths:
            if start < n:
                continue
            edge = edges.get(n)
            if edge is not None and (t[start - n] not in edge[0] or t[start - 1] not in edge[1]):
                continue  # no name of n characters starts and ends with these: most places
            hit = rx.fullmatch(t, start - n, start)
            if hit and hit.lastgroup:
                found[(hit.start(), hit.end())] = names[int(hit.lastgroup[1:])]
    for (s, e), name in sorted(found.items()):
        surface = t[s:e]
        if surface == name or gaz.canonical(surface):
            continue
        line = scan.line_of(s)
        around = {n for _, _, n in scan.names_near(s, e)}
        around.update(h.entity for h in hits if line[0] <= h.start < line[1])
        if not around.intersection(gaz.entities[name].related):
            continue
        yield Hit(s, e, surface, name, "sound_alike", name, SPUN, None, surface)


# ---------------------------------------------------------------- score and plan
@dataclass
class _Plan:
    score: int
    hits: list[Hit]
    applied: list[tuple[int, int, int]]  # (plan start, plan end, length of the replacement)


def signs_of(hits: list[Hit]) -> list[Sign]:
    """The signs of spinning among candidate repairs, one per place (see :mod:`.spun_score`)."""
    return [Sign(h.sign or "", h.key) for h in _one_sign_per_place(hits)]


def mt_spaces(raw: str) -> int:
    """Spaces MT left after Chinese sentence punctuation in the raw text."""
    return len(_MT_SPACING.findall(raw))


_SIGN_ORDER = {"garble": 0, "risky": 1, "synonym": 2}


def _one_sign_per_place(hits: list[Hit]) -> list[Hit]:
    """The hits that are signs, one per place: where candidates overlap (a pattern and a generated
    garble both read "Shake Voice") only the strongest sign counts."""
    signs = sorted((h for h in hits if h.sign), key=lambda h: (_SIGN_ORDER[h.sign or ""], h.start, -h.end))
    if any(h.start >= h.end for h in signs):  # an empty span: the plain test, pair by pair
        taken: list[tuple[int, int]] = []
        out = []
        for h in signs:
            if not any(a < h.end and h.start < b for a, b in taken):
                taken.append((h.start, h.end))
                out.append(h)
        return out
    # The places taken are disjoint, so sorted by start they are sorted by end too: the one starting
    # last before a hit's end is the only one that can overlap it.  (A spun article has hundreds of signs.)
    starts: list[int] = []
    ends: list[int] = []
    out = []
    for h in signs:
        k = bisect_left(starts, h.end)
        if k and ends[k - 1] > h.start:
            continue
        starts.insert(k, h.start)
        ends.insert(k, h.end)
        out.append(h)
    return out


def _gate_open(gate: str, spun: bool, abroad: bool) -> bool:
    if gate == SAFE:
        return True
    if gate == SPUN:
        return spun
    if gate == HOME:
        return not abroad
    return spun and not abroad


_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_BLANK = " \t"


def _absorb_edges(hit: Hit, text: str, floor: int, ceiling: int) -> Hit:
    """A Latin garble replaced by Chinese takes along what MT put around it.

    The spaces ("快手 APP" -> "快手APP"), and an ASCII mark that the name's
    Chinese now makes Chinese ("50%,Aauto更快" -> "50%，快手", "Kuaishou." ->
    "快手。"): the normalize stage decided those marks while the name was
    Latin, and would decide otherwise on the repaired text.  ``floor`` and
    ``ceiling`` are the ends of the neighbouring repairs, never crossed.
    """
    s, e = hit.start, hit.end
    prefix = suffix = ""
    if text[s] in _LATIN_CHARS:
        a = s
        while a > floor and text[a - 1] in _BLANK:
            a -= 1
        if a > floor and text[a - 1] in _HALF_TO_FULL:
            s, prefix = a - 1, _HALF_TO_FULL[text[a - 1]]
        elif floor < a < s and _is_cjk(text[a - 1]):
            s = a
    if text[e - 1] in _LATIN_CHARS:
        b = e
        while b < ceiling and text[b] in _BLANK:
            b += 1
        mark = text[b] if b < ceiling else ""
        if mark in _HALF_TO_FULL or (mark == "." and _ends_sentence_after(text, b + 1)):
            suffix = _HALF_TO_FULL.get(mark, "。")
            c = b + 1
            while c < ceiling and text[c] in _BLANK:
                c += 1
            # spaces after the mark, now full-width, go too (not at a line's end)
            e = c if c < len(text) and text[c] != "\n" else b + 1
        elif e < b < ceiling and text[b] != "\n":
            e = b
    if (s, e, prefix, suffix) == (hit.start, hit.end, "", ""):
        return hit
    return Hit(s, e, text[s:e], prefix + hit.after + suffix, hit.kind, hit.entity, hit.gate, hit.sign, hit.key)


def _ends_sentence_after(text: str, i: int) -> bool:
    """After a ``.`` at ``i - 1``: spaces, then Chinese, a quote, a line break or the end."""
    while i < len(text) and text[i] in _BLANK:
        i += 1
    return i == len(text) or text[i] == "\n" or bool(HAN_CHAR.match(text[i])) or text[i] in "“”’」』）"


def _resolve(hits: list[Hit]) -> list[Hit]:
    """Non-overlapping hits: the longest at each place, the earlier kind on a tie."""
    order = {k: i for i, k in enumerate(KINDS)}
    chosen: list[Hit] = []
    end = -1
    for h in sorted(hits, key=lambda h: (h.start, -(h.end - h.start), order[h.kind])):
        if h.start >= end:
            chosen.append(h)
            end = h.end
    return chosen


def _make_plan(doc: Document, ctx: Context, known_score: int | None = None) -> _Plan:
    user = ctx.options.gazetteers
    lex = _lexicon(user)
    scan = _Scan(doc.text, lex)
    hits = _candidates(scan)
    signs, spaces = signs_of(hits), mt_spaces(doc.raw)  # found once: the points and the evidence share them
    points = spun_score.points(signs, len(doc.text), spaces)
    score = sum(points.values()) if known_score is None else known_score
    spun = score >= SPUN_THRESHOLD
    # Whether the text speaks of a business abroad matters only to counterpart names.
    needs_abroad = any(h.gate in (HOME, SPUN_HOME) for h in hits)
    abroad = bool(needs_abroad and lex.abroad and lex.abroad.search(doc.text))
    doc.meta["spun_score"] = score
    doc.notes["spun_score"] = score
    doc.notes["spun_signs"] = dict(points)
    if known_score is None:  # what the score was computed from (benchmarks/spin_calibration.py reweighs it)
        doc.notes["spun_evidence"] = (signs, len(doc.text), spaces)
    doc.notes["repair.gates"] = (spun, abroad)
    for kind, n in points.items():
        doc.stats[f"repair.sign.{kind}"] = n
    return _Plan(score, _choose(hits, scan, user, spun, abroad), [])


def _candidates(scan: _Scan) -> list[Hit]:
    """Every acceptable candidate repair of the text, overlapping, before gating."""
    found = [*_latin_hits(scan), *_han_hits(scan), *_pattern_hits(scan), *_synonym_hits(scan, signs_only=True)]
    return [h for h in found if _acceptable(h, scan)]


def _choose(hits: list[Hit], scan: _Scan, user: tuple[str, ...], spun: bool, abroad: bool) -> list[Hit]:
    """The repairs to make: gates open, sound-alikes in spun text, no overlaps."""
    if spun:
        more = [*_sound_alike_hits(scan, user, hits),
                *(h for h in _synonym_hits(scan, signs_only=False) if not h.sign)]
        hits = [*hits, *(h for h in more if _acceptable(h, scan))]
    open_hits = [h for h in hits if _gate_open(h.gate, spun, abroad)]
    chosen = _resolve(open_hits)
    out: list[Hit] = []
    for i, h in enumerate(chosen):
        floor = out[-1].end if out else 0
        ceiling = chosen[i + 1].start if i + 1 < len(chosen) else len(scan.text)
        out.append(_absorb_edges(h, scan.text, floor, ceiling))
    return out


def repair_string(text: str, ctx: Context, spun: bool, abroad: bool) -> tuple[str, list[Hit]]:
    """``text`` repaired as a document's body would be (used for the title, which is not in the body)."""
    user = ctx.options.gazetteers
    scan = _Scan(text, _lexicon(user))
    chosen = _choose(_candidates(scan), scan, user, spun, abroad)
    out = []
    pos = 0
    for h in chosen:
        out.append(text[pos:h.start])
        out.append(h.after)
        pos = h.end
    out.append(text[pos:])
    return "".join(out), chosen


def _plan(doc: Document, ctx: Context) -> _Plan:
    plan = doc.notes.get("repair.plan")
    if not isinstance(plan, _Plan):
        plan = _make_plan(doc, ctx)
        doc.notes["repair.plan"] = plan
    return plan


def _emit(doc: Document, ctx: Context, kind: str) -> list[Change]:
    """The planned repairs of one kind, in current-text coordinates."""
    plan = _plan(doc, ctx)
    changes = _shifted(doc, plan, kind)
    if changes is None:
        # The text changed under the plan (a step ran in between): plan again
        # on the current text, keeping the score the whole document earned.
        plan = _make_plan(doc, ctx, known_score=plan.score)
        doc.notes["repair.plan"] = plan
        changes = _shifted(doc, plan, kind) or []
    for h, _ in changes:
        plan.applied.append((h.start, h.end, len(h.after)))
        doc.stats[f"repair.{'word' if kind == 'synonym' else 'entity'}.{h.entity}"] += 1
    return [c for _, c in changes]


def _shifted(doc: Document, plan: _Plan, kind: str) -> list[tuple[Hit, Change]] | None:
    """Changes for the plan's hits of ``kind``, moved by the repairs already made; None if stale."""
    out = []
    for h in plan.hits:
        if h.kind != kind:
            continue
        shift = sum(n - (b - a) for a, b, n in plan.applied if b <= h.start)
        s, e = h.start + shift, h.end + shift
        if doc.text[s:e] != h.before:
            return None
        out.append((h, Change(s, e, h.after)))
    return out


# ---------------------------------------------------------------- steps
def score(doc: Document, ctx: Context) -> list[Change]:
    """Measure the signs of spinning and plan every repair; changes nothing itself."""
    doc.notes.pop("repair.plan", None)
    _plan(doc, ctx)
    if doc.title:
        spun, abroad = doc.notes["repair.gates"]
        doc.title, fixed = repair_string(doc.title, ctx, spun, abroad)
        for h in fixed:
            doc.stats["repair.title.repaired"] += 1
            doc.stats[f"repair.{'word' if h.kind == 'synonym' else 'entity'}.{h.entity}"] += 1
    return []


def alias(doc: Document, ctx: Context) -> list[Change]:
    """Listed names: official English names, known garbles, risky garbles, counterpart names."""
    return _emit(doc, ctx, "alias")


def pattern(doc: Document, ctx: Context) -> list[Change]:
    """Garbles no list holds, caught by the families of spin_patterns.tsv."""
    return _emit(doc, ctx, "pattern")


def calque(doc: Document, ctx: Context) -> list[Change]:
    """Compounds translated back word by word (快手商, 豆快): spun documents only."""
    return _emit(doc, ctx, "calque")


def sound_alike(doc: Document, ctx: Context) -> list[Change]:
    """People's names spelled by sound (苏华 for 宿华), next to a title or a speech verb: spun only."""
    return _emit(doc, ctx, "sound_alike")


def synonym(doc: Document, ctx: Context) -> list[Change]:
    """Words a spinning tool swapped (克日 for 近日): spun documents only."""
    return _emit(doc, ctx, "synonym")


def unresolved_latin(doc: Document, ctx: Context) -> list[Change]:
    """Latin words left inside Chinese sentences that no list explains go to ``warnings``."""
    for word in find_unresolved_latin(doc.text, load_gazetteer(ctx.options.gazetteers)):
        doc.warnings.append(f"unresolved latin name: {word}")
    doc.notes.pop("repair.plan", None)
    return []


# ---------------------------------------------------------------- unresolved Latin
_LATIN_PHRASE = compile_pattern(
    r"(?<![A-Za-z0-9.@/_\-])[A-Za-z0-9]+(?:[.&'+\-][A-Za-z0-9]+)*\+?"
    r"(?:[ ][A-Za-z0-9]+(?:[.&'+\-][A-Za-z0-9]+)*\+?)*(?![A-Za-z0-9@/_])"
)
_UNIT = compile_pattern(r"\d+(?:\.\d+)?([A-Za-z]+)")


def _ordinary(word: str, allow: frozenset[str]) -> bool:
    """A Latin word people write in Chinese news (an acronym, a unit, a product word)."""
    w = word.lower()
    if not any(c.isalpha() for c in w) or w in allow:
        return True
    bare = w.rstrip("0123456789")
    if bare != w and bare and bare in allow and bare[-1].isalpha():
        return True
    unit = _UNIT.fullmatch(w)
    return bool(unit and unit.group(1) in allow)


def find_unresolved_latin(text: str, gaz: Gazetteer) -> list[str]:
    """Latin words or phrases inside Chinese sentences that are neither entities nor ordinary."""
    allow = _allowlist()
    windows = _windows_of(text)
    urls = [(m.start(), m.end()) for s, e in windows for m in _URL.finditer(text, s, e)]
    seen: list[str] = []
    for m in (m for s, e in windows for m in _LATIN_PHRASE.finditer(text, s, e)):
        s, e = m.start(), m.end()
        if any(a < e and s < b for a, b in urls):
            continue
        left = text[s - 1] if s > 0 else ""
        right = text[e] if e < len(text) else ""
        if not (_is_cjk(left) or _is_cjk(right)):
            continue
        phrase = m.group()
        if gaz.canonical(phrase):
            continue
        words = phrase.split(" ")
        if all(_ordinary(w, allow) or gaz.canonical(w) for w in words):
            continue
        if phrase not in seen:
            seen.append(phrase)
    return seen


def counterpart(doc: Document, ctx: Context) -> list[Change]:
    """Counterpart names decided again once the strip stage is done.

    Whether ``TikTok`` means 抖音 depends on the whole document speaking of
    business abroad (``abroad_context.txt``).  The strip stage takes some
    lines out after this stage (the ones it judges by their vocabulary, which
    must be the repaired one); when one of them was the only mention of
    business abroad, the counterpart names held back are replaced now, as a
    run on the final text would replace them.  Every other decision only
    weakens when lines go (the spun score falls), and its repairs are made.
    """
    spun, abroad = doc.notes.get("repair.gates", (False, False))
    user = ctx.options.gazetteers
    lex = _lexicon(user)
    if not abroad or not lex.abroad or lex.abroad.search(doc.text) or (doc.title and lex.abroad.search(doc.title)):
        return []
    scan = _Scan(doc.text, lex)
    chosen = [h for h in _choose(_candidates(scan), scan, user, spun, False) if h.gate in (HOME, SPUN_HOME)]
    doc.notes["repair.gates"] = (spun, False)
    for h in chosen:
        doc.stats[f"repair.entity.{h.entity}"] += 1
    if doc.title:  # lifted out of the body by then: settled as a title line of the final text would be
        doc.title, fixed = repair_string(doc.title, ctx, spun, False)
        doc.stats["repair.title.repaired"] += len(fixed)
    return [Change(h.start, h.end, h.after) for h in chosen]


STEPS = steps(STAGE, score, alias, pattern, calque, sound_alike, synonym, unresolved_latin)

# Run after the strip stage's last rules (see ``counterpart``).
SETTLE = steps(STAGE, counterpart)

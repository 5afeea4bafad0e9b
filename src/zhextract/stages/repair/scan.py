"""Where a name is not replaced: the context checks every candidate must pass.

A Latin name is replaced only inside Chinese text: not inside a URL or an
e-mail address, not inside a longer Latin word, not in an English phrase (a
function word or three other Latin words around it), not in a gloss
(淘宝（Taobao）, 快手Kuaishou), and no name is replaced inside a longer correct
name (晚点LatePost, TikTok Shop, 快手商城).  A risky match with a Chinese edge
must fall on word boundaries of its sentence (jieba's dictionary and route,
with the gazetteer's names as user words and a swapped synonym as frequent
as the word it replaced): 快手商家 is not 快手商+家, 示意图 is no 示意.

:class:`_Scan` holds one document's text with the facts these checks need,
computed once.
"""

from __future__ import annotations

from functools import lru_cache

from zhextract.extract.changes import changes
from zhextract.lexicon import lexicon
from zhextract.patterns import compile_pattern
from zhextract.script import HAN_CHAR
from zhextract.stages.repair.latin import _LATIN_CHARS, _URL, _allowlist, _function_words, _is_cjk, _windows_of
from zhextract.stages.repair.lexicon import _Lexicon

_LATIN_WORD = compile_pattern(r"[A-Za-z0-9]+(?:['’.&\-][A-Za-z0-9]+)*")
_RUN_CHARS = _LATIN_CHARS | frozenset(" \t.-&'’")  # what an English phrase around a match is made of


# Characters of context either side of a match that jieba segments to decide
# its word boundaries (Chinese words are short; segmentation is local).
_BOUNDARY_MARGIN = 8


@lru_cache(maxsize=1 << 16)
def _is_han(char: str) -> bool:
    return bool(HAN_CHAR.match(char))


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
        """Next to a correct name of the same entity: 淘宝（Taobao）, Kuaishou（快手）, 快手Kuaishou, or listed
        with it (微信和WeChat, WeChat及微信: the two names of one product, changes.tsv's list words), where a
        repair would only write the name twice."""
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
        joins = changes().words["list"]
        for a, b, name in self.names_near(s, e):
            if name != entity:
                continue
            if b == left_end or a == right_start:
                return True
            if (b < s and t[b:s].strip(" \t") in joins) or (a > e and t[e:a].strip(" \t") in joins):
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


# A capitalised Latin word one space after / before a match: the match is part of a longer name.
_NEXT_NAME_WORD = compile_pattern(r" [A-Z][A-Za-z0-9]*(?![A-Za-z0-9])")
_PREV_NAME_WORD = compile_pattern(r"(?<![A-Za-z0-9])[A-Z][A-Za-z0-9]* $")

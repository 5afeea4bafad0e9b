"""jieba's dictionary, memory-mapped: word frequencies, tags and jieba's route.

zhextract segments only short windows of text: around a candidate repair
(is its edge a word boundary?) and the clause of a date that has no verb
from the trigger lexicon.  jieba itself loads its whole dictionary into a
Python dict first (``jieba.initialize()``, about 1 s), and its tagger reads
the same file again for the tags (about 0.8 s more): most of a cold
``zhextract process``, for a few dozen look-ups.

So the same dictionary (jieba's own ``dict.txt``, read from the installed
package) is stored once per machine in the user cache
(:mod:`zhextract.usercache`) as a marisa trie, which opens memory-mapped in
under a millisecond, with frequencies and tags in arrays indexed by the
trie's key ids.  The segmentation is jieba's, step for step: the graph of
dictionary words at each position (``Tokenizer.get_DAG``) and the
maximum-probability route through it (``Tokenizer.calc``, no HMM), with
optional extra words of a given frequency for one call.  :meth:`Lexicon.tokens`
adds jieba's HMM (``jieba.cut(HMM=True)``): a run of single characters that is
no dictionary word is cut by the Viterbi path of jieba's own
character-state model (``jieba/finalseg``), which is how words the dictionary
does not know (new company and product names) come out whole.  The model's
tables are read from the installed package the first time they are needed.
``tests/test_lexicon.py`` checks all of it against jieba itself.
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import re
import shutil
import tempfile
from array import array
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, NamedTuple, overload

import marisa_trie

from zhextract.usercache import cache_dir

ROUTE_MEMO_CHARS = 24  # texts up to this long have their route remembered
ROUTE_MEMO_SIZE = 50_000  # routes remembered before the memory is emptied
TOKEN_MEMO_CHARS = 32  # texts up to this long have their tokens remembered (extraction's windows: 5 at the median)
TOKEN_MEMO_SIZE = 20_000  # token lists remembered before the memory is emptied (a few MB at the most)
# jieba's tagger cuts the text into blocks of these characters first
# (``jieba.posseg.re_han_internal``); words never cross a block's edge.
_BLOCK = re.compile("[\u4e00-\u9fd5a-zA-Z0-9+#&._]+")


# jieba's HMM cuts these runs of a buffered piece as it does (``finalseg.re_skip``); Han runs go to Viterbi.
_HAN_RUN = re.compile("([\u4e00-\u9fd5]+)")
_SKIP = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")
_SINGLES = re.compile(r"[a-zA-Z0-9]+|.", re.S)
_MIN_FLOAT = -3.14e100
_PREVIOUS = {"B": "ES", "M": "MB", "S": "SE", "E": "BM"}


class DictionaryError(RuntimeError):
    """jieba's dictionary file is missing or malformed."""


class Token(NamedTuple):
    """One word of :meth:`Lexicon.tokens`: ``text[start:end]``, with jieba's tag.

    ``tag`` is None for a word jieba's dictionary does not hold: a run its HMM
    joined, a Latin or digit run, a character unknown to the dictionary.
    """

    start: int
    end: int
    word: str
    tag: str | None


@dataclass(frozen=True)
class _Model:
    """jieba's HMM of character states (Begin, Middle, End, Single): log probabilities."""

    start: dict[str, float]
    trans: dict[str, dict[str, float]]
    emit: dict[str, dict[str, float]]


def _load_table(path: Path) -> Any:
    """The ``P`` table of one of jieba's ``finalseg/prob_*.py`` modules, loaded without importing jieba."""
    spec = importlib.util.spec_from_file_location(f"_zhextract_jieba_{path.stem}", path)
    if spec is None or spec.loader is None:
        raise DictionaryError(f"cannot read jieba's HMM table {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.P


@lru_cache(maxsize=1)
def _model() -> _Model:
    folder = _dict_file().parent / "finalseg"
    try:
        return _Model(*(_load_table(folder / f"prob_{n}.py") for n in ("start", "trans", "emit")))
    except (OSError, AttributeError, SyntaxError) as exc:
        raise DictionaryError(f"jieba's HMM tables are missing or unreadable in {folder}: {exc}") from None


def _viterbi(run: str, model: _Model) -> list[int]:
    """Ends of the words jieba's HMM cuts a run of Han characters into (``finalseg.__cut``)."""
    emit, trans = model.emit, model.trans
    probs = {y: model.start[y] + emit[y].get(run[0], _MIN_FLOAT) for y in "BMES"}
    paths = {y: y for y in "BMES"}
    for ch in run[1:]:
        new_probs, new_paths = {}, {}
        for y in "BMES":
            e = emit[y].get(ch, _MIN_FLOAT)
            prob, prev = max((probs[y0] + trans[y0].get(y, _MIN_FLOAT) + e, y0) for y0 in _PREVIOUS[y])
            new_probs[y], new_paths[y] = prob, paths[prev] + y
        probs, paths = new_probs, new_paths
    states = paths[max((probs[y], y) for y in "ES")[1]]
    ends = [i + 1 for i, y in enumerate(states) if y in "ES"]
    if not ends or ends[-1] != len(run):
        ends.append(len(run))
    return ends


def _dict_file() -> Path:
    """jieba's dictionary, found without importing jieba (which costs 0.1 s)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise DictionaryError("jieba is not installed: zhextract uses its dictionary")
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    if not path.is_file():
        raise DictionaryError(f"jieba's dictionary is missing: {path}")
    return path


class Lexicon:
    """Words of jieba's dictionary with their frequencies and part-of-speech tags."""

    def __init__(self, trie: marisa_trie.Trie, freq: array[int], tags: bytes, tag_names: list[str],
                 total: int, longest: int) -> None:
        self._trie = trie
        self._freq = freq
        self._tags = tags
        self._tag_names = tag_names
        self.total = total
        self.longest = longest
        self._log_total = math.log(total)
        self._logp: dict[int, float] = {}  # key id -> log(frequency) - log(total), filled as words are routed
        # Routes of short texts (the clauses, names and phrases extraction reads): the same few words come
        # back in every article; emptied when full.
        self._routes: dict[str, list[int]] = {}
        # Tokens of short texts, likewise: a window or a name is cut again by every rule that reads it.
        self._tokens: dict[tuple[str, bool], tuple[Token, ...]] = {}

    # ------------------------------------------------------------ look-ups
    def freq(self, word: str) -> int:
        """The word's frequency in jieba's dictionary; 0 for no word."""
        i = self._trie.get(word)
        return 0 if i is None else self._freq[i]

    def tag(self, word: str) -> str | None:
        """jieba's part-of-speech tag of a dictionary word (``v``, ``n``, ``nr`` …)."""
        i = self._trie.get(word)
        return None if i is None else self._tag_names[self._tags[i]]

    def prefixes(self, text: str) -> list[str]:
        """The dictionary words ``text`` starts with."""
        return self._trie.prefixes(text[:self.longest])

    def words_tagged(self, tags: Collection[str]) -> Iterator[tuple[str, str]]:
        """Every dictionary word whose tag is one of ``tags``, with its tag."""
        wanted = {i for i, name in enumerate(self._tag_names) if name in tags}
        restore, names = self._trie.restore_key, self._tag_names
        for key, tag in enumerate(self._tags):
            if tag in wanted:
                yield restore(key), names[tag]

    # ------------------------------------------------------------ segmentation
    def dag(self, text: str) -> list[list[int]]:
        """For each position, the last index of every dictionary word starting there
        (the position itself when none does): ``jieba.Tokenizer.get_DAG``."""
        prefixes = self._trie.prefixes
        longest = self.longest
        return [[k + len(w) - 1 for w in prefixes(text[k:k + longest])] or [k] for k in range(len(text))]

    def route(self, text: str, extra: Mapping[tuple[int, int], int] | None = None) -> list[int]:
        """Where jieba's maximum-probability route (no HMM) cuts ``text``: the end of each token.

        ``extra`` adds words by span (start, end in ``text``) with a frequency,
        routed as a dictionary word of that frequency would be (the total
        stays jieba's), without changing any dictionary.
        """
        if not extra:
            if len(text) > ROUTE_MEMO_CHARS:
                return self._route(text)
            ends = self._routes.get(text)
            if ends is None:
                if len(self._routes) >= ROUTE_MEMO_SIZE:
                    self._routes.clear()
                ends = self._routes[text] = self._route(text)
            return list(ends)
        dag = self.dag(text)
        weights = extra
        for a, b in weights:
            if 0 <= a < b <= len(text) and b - 1 not in dag[a]:
                dag[a].append(b - 1)
        freq, get = self._freq, self._trie.get
        log, log_total = math.log, self._log_total
        n = len(text)
        best: list[tuple[float, int]] = [(0.0, 0)] * (n + 1)
        for i in range(n - 1, -1, -1):
            options = []
            for x in dag[i]:
                f = weights.get((i, x + 1))
                if not f:
                    key = get(text[i:x + 1])
                    f = freq[key] if key is not None else 0
                options.append((log(f or 1) - log_total + best[x + 1][0], x))
            best[i] = max(options)
        ends = []
        i = 0
        while i < n:
            i = best[i][1] + 1
            ends.append(i)
        return ends

    def _route(self, text: str) -> list[int]:
        """:meth:`route` without extra words, in one pass: the dictionary's words at each position come
        with their ids, and each word's log probability is computed once per process.  The sums are
        jieba's, term for term (``log(f) - log(total)`` first, then the rest of the route)."""
        n = len(text)
        prefixes = self._trie.iter_prefixes_with_ids
        logp, freq, log, log_total = self._logp, self._freq, math.log, self._log_total
        unknown = log(1) - log_total
        longest = self.longest
        score = [0.0] * (n + 1)
        step = [0] * (n + 1)
        for i in range(n - 1, -1, -1):
            best, best_x = None, i
            for word, key in prefixes(text[i:i + longest]):
                lp = logp.get(key)
                if lp is None:
                    lp = logp[key] = log(freq[key] or 1) - log_total
                x = i + len(word) - 1
                s = lp + score[x + 1]
                if best is None or s > best or (s == best and x > best_x):
                    best, best_x = s, x
            if best is None:  # no word starts here: the character alone, as jieba's graph has it
                best = unknown + score[i + 1]
            score[i], step[i] = best, best_x
        ends = []
        i = 0
        while i < n:
            i = step[i] + 1
            ends.append(i)
        return ends

    @overload
    def tagged_words(self, text: str) -> Iterator[tuple[str, str]]: ...

    @overload
    def tagged_words(self, text: str, offsets: Literal[True]) -> Iterator[tuple[str, str, int]]: ...

    def tagged_words(self, text: str, offsets: bool = False) -> Iterator[Any]:
        """The dictionary words of jieba's tagger over ``text`` (``jieba.posseg.cut``,
        ``HMM=False``), with their tags (and where they start, with ``offsets``), in
        order; single characters and strings the dictionary lacks are left out."""
        for block in _BLOCK.finditer(text):
            s = block.group()
            start = 0
            for end in self.route(s):
                if end - start >= 2:
                    word = s[start:end]
                    tag = self.tag(word)
                    if tag is not None:
                        yield (word, tag, block.start() + start) if offsets else (word, tag)
                start = end

    def tokens(self, text: str, hmm: bool = True) -> list[Token]:
        """Every word of ``text`` as ``jieba.cut(text, HMM=hmm)`` cuts it inside jieba's tagger's blocks
        (Han, Latin letters, digits, ``+#&._``), with offsets and dictionary tags; what lies between
        blocks (punctuation, spaces) is no token.

        A short text's tokens are remembered (a new list each call): the windows, names and gaps the
        extraction rules read are cut again and again (a third of them on news pages), and a cut costs
        5 µs, much of it in the HMM of unknown runs."""
        if len(text) > TOKEN_MEMO_CHARS:
            return self._tokens_of(text, hmm)
        key = (text, hmm)
        found = self._tokens.get(key)
        if found is None:
            if len(self._tokens) >= TOKEN_MEMO_SIZE:
                self._tokens.clear()
            found = self._tokens[key] = tuple(self._tokens_of(text, hmm))
        return list(found)

    def _tokens_of(self, text: str, hmm: bool) -> list[Token]:
        """:meth:`tokens`, cut anew."""
        out: list[Token] = []
        for block in _BLOCK.finditer(text):
            s, base = block.group(), block.start()
            start = 0
            run = 0  # start of the current run of single characters
            for end in self.route(s):
                if end - start > 1:
                    self._flush(s, run, start, base, hmm, out)
                    out.append(Token(base + start, base + end, s[start:end], self.tag(s[start:end])))
                    run = end
                start = end
            self._flush(s, run, start, base, hmm, out)
        return out

    def _flush(self, s: str, lo: int, hi: int, base: int, hmm: bool, out: list[Token]) -> None:
        """Emit the run ``s[lo:hi]`` of single-character route steps: one by one, or as jieba's HMM cuts it
        when it is longer than one character and is no dictionary word."""
        if hi <= lo:
            return
        piece = s[lo:hi]
        if not hmm:  # jieba without HMM joins only single Latin letters and digits (``re_eng``)
            for m in _SINGLES.finditer(piece):
                out.append(Token(base + lo + m.start(), base + lo + m.end(), m.group(),
                                 self.tag(m.group()) if m.end() - m.start() == 1 else None))
            return
        if hi - lo == 1 or self.freq(piece):
            for i in range(lo, hi):
                out.append(Token(base + i, base + i + 1, s[i], self.tag(s[i])))
            return
        for part in _HAN_RUN.split(piece):
            if not part:
                continue
            if _HAN_RUN.fullmatch(part):
                at = 0
                for end in _viterbi(part, _model()):
                    word = part[at:end]
                    out.append(Token(base + lo + at, base + lo + end, word, self.tag(word) if len(word) == 1 else None))
                    at = end
            else:
                at = 0
                for chunk in _SKIP.split(part):
                    if chunk:
                        tag = self.tag(chunk) if len(chunk) == 1 else None
                        out.append(Token(base + lo + at, base + lo + at + len(chunk), chunk, tag))
                    at += len(chunk)
            lo += len(part)


def _folder_name(source: Path) -> str:
    st = source.stat()
    return f"jieba-dict-{st.st_size}-{st.st_mtime_ns}"


def _build(source: Path, folder: Path) -> None:
    """Read jieba's dict.txt (``word freq [tag]`` per line) into the files :func:`_open` reads."""
    words: dict[str, tuple[int, str]] = {}
    total = 0
    with open(source, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            parts = line.strip().split(" ")
            if not parts[0]:
                continue
            try:
                n = int(parts[1])
            except (IndexError, ValueError):
                raise DictionaryError(f"{source}:{lineno}: not 'word frequency [tag]': {line.strip()!r}") from None
            total += n  # as jieba counts: every line, repeated words too
            words[parts[0]] = (n, parts[2] if len(parts) > 2 else "x")
    words = {w: v for w, v in words.items() if v[0] > 0}  # jieba's graph holds words of frequency > 0
    trie = marisa_trie.Trie(words)
    tag_names = sorted({tag for _, tag in words.values()})
    tag_index = {t: i for i, t in enumerate(tag_names)}
    freq = array("I", bytes(4 * len(trie)))
    tags = bytearray(len(trie))
    for w, (n, tag) in words.items():
        i = trie[w]
        freq[i] = n
        tags[i] = tag_index[tag]
    trie.save(str(folder / "words.marisa"))
    (folder / "freq.u32").write_bytes(freq.tobytes())
    (folder / "tags.u8").write_bytes(bytes(tags))
    meta = {"source": str(source), "total": total, "longest": max(map(len, words)), "tags": tag_names}
    (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


def _open(folder: Path, mapped: bool = True) -> Lexicon:
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    trie = marisa_trie.Trie()
    if mapped:
        trie.mmap(str(folder / "words.marisa"))
    else:
        trie.load(str(folder / "words.marisa"))
    freq = array("I")
    freq.frombytes((folder / "freq.u32").read_bytes())
    tags = (folder / "tags.u8").read_bytes()
    if not (len(freq) == len(tags) == len(trie)):
        raise DictionaryError(f"{folder}: the stored dictionary is inconsistent")
    return Lexicon(trie, freq, tags, list(meta["tags"]), int(meta["total"]), int(meta["longest"]))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """jieba's dictionary, built into the user cache on first use and opened from there after."""
    source = _dict_file()
    home = cache_dir()
    if home is not None:
        folder = home / _folder_name(source)
        try:
            return _open(folder)
        except (OSError, ValueError, KeyError, DictionaryError):
            pass  # not built yet, or damaged: build it again
        tmp = Path(tempfile.mkdtemp(dir=home, prefix=".jieba-dict-"))
        try:
            _build(source, tmp)
            shutil.rmtree(folder, ignore_errors=True)
            os.replace(tmp, folder)  # atomic: readers see a whole folder or none
            return _open(folder)
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)  # another process won the race, or no room
            try:
                return _open(folder)
            except (OSError, ValueError, KeyError, DictionaryError):
                pass
    with tempfile.TemporaryDirectory() as tmp:  # no cache: build, open, and keep it in memory
        _build(source, Path(tmp))
        return _open(Path(tmp), mapped=False)

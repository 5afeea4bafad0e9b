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
optional extra words of a given frequency for one call.
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
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path

import marisa_trie

from zhextract.usercache import cache_dir

# jieba's tagger cuts the text into blocks of these characters first
# (``jieba.posseg.re_han_internal``); words never cross a block's edge.
_BLOCK = re.compile("[\u4e00-\u9fd5a-zA-Z0-9+#&._]+")


class DictionaryError(RuntimeError):
    """jieba's dictionary file is missing or malformed."""


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

    # ------------------------------------------------------------ look-ups
    def freq(self, word: str) -> int:
        """The word's frequency in jieba's dictionary; 0 for no word."""
        i = self._trie.get(word)
        return 0 if i is None else self._freq[i]

    def tag(self, word: str) -> str | None:
        """jieba's part-of-speech tag of a dictionary word (``v``, ``n``, ``nr`` …)."""
        i = self._trie.get(word)
        return None if i is None else self._tag_names[self._tags[i]]

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
        dag = self.dag(text)
        weights = extra or {}
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

    def tagged_words(self, text: str) -> Iterator[tuple[str, str]]:
        """The dictionary words of jieba's tagger over ``text`` (``jieba.posseg.cut``,
        ``HMM=False``), with their tags, in order; single characters and
        strings the dictionary lacks are left out."""
        for block in _BLOCK.finditer(text):
            s = block.group()
            start = 0
            for end in self.route(s):
                if end - start >= 2:
                    word = s[start:end]
                    tag = self.tag(word)
                    if tag is not None:
                        yield word, tag
                start = end


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

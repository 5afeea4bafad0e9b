"""Access to OpenCC through opencc-python-reimplemented, and only through it.

The PyPI package ``opencc`` (a C++ binding) installs a module with the same
name, ``opencc``, and silently replaces the reimplementation.  Its API and
dictionaries differ, so the tool refuses to run with it and says how to fix
the installation.  Only the ``t2s`` chain is used: the Taiwan-vocabulary
modes rewrite words (``tw2sp`` turns 核心 into 内核 and 小程序 into 小进程).

The converter is pure Python and slow (about 1 MB/s).  Two facts about it
make it cheap to use without changing a single character of its output:

* :func:`has_traditional` tells, at C speed, whether t2s could change a text
  at all, so Simplified text never reaches the converter;
* the converter splits its input at punctuation and white space and converts
  each piece on its own, phrases (TSPhrases) first, then single characters
  (TSCharacters).  :func:`convert_pieces` sends only the pieces that hold a
  phrase to it and translates the others with ``str.translate``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

from zhextract.errors import WrongOpenCCError

_FIX = ("pip uninstall -y opencc && pip install --force-reinstall opencc-python-reimplemented")
_WRONG = ("the module 'opencc' found at {where} is not opencc-python-reimplemented "
          "(probably the C++ binding from the PyPI package 'opencc', which installs "
          "a module of the same name). Fix: " + _FIX)
_MISSING = "opencc-python-reimplemented is not installed (no module named 'opencc'). Fix: " + _FIX


def check_module(module: ModuleType) -> ModuleType:
    """Return ``module`` if it is opencc-python-reimplemented, else raise :class:`WrongOpenCCError`.

    The reimplementation is recognised by what the tool relies on: an
    ``OpenCC`` class and the plain-text dictionaries next to the module.
    """
    where = getattr(module, "__file__", None)
    if not where:
        raise WrongOpenCCError(_WRONG.format(where="?"))
    dictionary = Path(where).parent / "dictionary"
    needed = ("TSCharacters.txt", "TSPhrases.txt")
    if not hasattr(module, "OpenCC") or not all((dictionary / name).is_file() for name in needed):
        raise WrongOpenCCError(_WRONG.format(where=where))
    return module


@lru_cache(maxsize=1)
def _module() -> ModuleType:
    try:
        import opencc
    except ImportError:
        raise WrongOpenCCError(_MISSING) from None
    return check_module(opencc)


def dictionary_dir() -> Path:
    return Path(str(_module().__file__)).parent / "dictionary"


@lru_cache(maxsize=1)
def load_t2s() -> Any:
    """The phrase-level Traditional-to-Simplified converter (loaded once)."""
    return _module().OpenCC("t2s")


def _read_pairs(path: Path) -> list[tuple[str, str]]:
    """Entries of an OpenCC dictionary: key and its first (preferred) value, read as the converter reads them."""
    pairs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            key, _, value = line.strip().partition("\t")
            if key:
                pairs.append((key, value.split(" ")[0]))
    return pairs


@lru_cache(maxsize=1)
def _traditional_tables() -> tuple[frozenset[str], re.Pattern[str], re.Pattern[str]]:
    """What t2s may change, in the form :func:`has_traditional` tests fastest.

    TSCharacters gives ~4100 characters that t2s maps to another character
    wherever they stand; all but a dozen are outside GB2312.  A few more
    characters (瞭 藉 覆 沈 么 ...) are changed only inside a TSPhrases entry
    (瞭解, 憑藉, 反覆, 沈默); they are common in Simplified text, so for them
    the phrases themselves are looked for.  Returns the character set, a
    pattern for the GB2312 characters among them and one for those phrases
    (two patterns: one alternation of both defeats the engine's literal
    prefix scan and is 15 times slower).  On Simplified text, where these
    phrases are rare, the phrase pattern's scan beats an Aho–Corasick pass
    (10 against 13 ms on 1.2 MB of the mix).
    """
    d = dictionary_dir()
    chars = frozenset(key for key, value in _read_pairs(d / "TSCharacters.txt") if value != key)
    phrases = set()
    for key, value in _read_pairs(d / "TSPhrases.txt"):
        # All entries keep their length, so the characters of key and value pair up.
        if len(key) != len(value) or any(a != b and a not in chars for a, b in zip(key, value)):
            phrases.add(key)
    in_gb2312 = "".join(re.escape(c) for c in sorted(chars) if _in_gb2312(c))
    phrase_pattern = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return chars, re.compile(f"[{in_gb2312}]" if in_gb2312 else "(?!)"), re.compile(phrase_pattern or "(?!)")


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


_CHARREF = re.compile(rb"&#(\d+);")


def has_traditional(text: str) -> bool:
    """Whether t2s could change anything in ``text``.

    This runs on every article, so it avoids both a per-character Python
    loop and a 4000-character regex class (regex engines crawl on those, ~2
    MB/s): the GB2312 codec, in C, sets aside the characters outside the
    Simplified standard as ``&#NNNN;`` references, and only those few are
    looked up in the table; a short pattern covers the rest.
    """
    chars, gb2312_chars, phrases = _traditional_tables()
    if gb2312_chars.search(text) or phrases.search(text):
        return True
    data = text.encode("gb2312", errors="xmlcharrefreplace")
    if b"&#" not in data:
        return False
    return any(chr(int(m.group(1))) in chars for m in _CHARREF.finditer(data))


def convert_pieces(text: str) -> str:
    """t2s of ``text``: the same result as ``load_t2s().convert(text)``, several times faster.

    The converter splits its input at its separators and never lets a
    phrase cross one (no TSPhrases entry holds a separator); a piece holding
    no TSPhrases entry is a plain character mapping.  So the whole text is
    translated in C at once, and only the few pieces around a phrase go
    through the converter (about 1 MB/s).  One call over a whole article
    costs what one call per line did for its first line.
    """
    converter = load_t2s()
    split = getattr(converter, "split_chars_re", None)
    table, phrases = _character_table()
    if split is None or table is None:  # another version of the reimplementation: convert it all
        return str(converter.convert(text))
    # Every piece holding a phrase holds a match of the automaton (a phrase never crosses a separator, so
    # a match that hides another by overlapping it stands in the same piece).
    hits = phrases.find_matches_as_indexes(text) if phrases is not None else []
    if not hits:
        return text.translate(table)
    out: list[str] = []
    pos = 0
    for _, s, e in hits:
        if s < pos:
            continue  # in the piece just converted
        start, end = _piece_around(text, s, e, split)
        out.append(text[pos:start].translate(table))
        out.append(_convert_piece(text[start:end]))
        pos = end
    out.append(text[pos:].translate(table))
    return "".join(out)


def _piece_around(text: str, start: int, end: int, split: re.Pattern[str]) -> tuple[int, int]:
    """The converter's piece holding ``text[start:end]``: the run between the separators around it.

    Every separator of ``split`` is one character (or a run of white space,
    each character of which is one), so a character is a separator exactly
    when ``split`` matches it alone.
    """
    while start > 0 and not _is_separator(text[start - 1], split):
        start -= 1
    while end < len(text) and not _is_separator(text[end], split):
        end += 1
    return start, end


@lru_cache(maxsize=1 << 12)
def _is_separator(char: str, split: re.Pattern[str]) -> bool:
    return split.fullmatch(char) is not None


@lru_cache(maxsize=1)
def _character_table() -> tuple[dict[int, str] | None, Any]:
    """TSCharacters as a ``str.translate`` table, and an Aho–Corasick automaton of all TSPhrases keys.

    The automaton finds the pieces that hold a phrase in one pass (about
    three times faster than a regex alternation of the keys).

    The table is None when whole-text translation would not be exact: a
    character mapped to several, a separator the table maps, or a phrase
    holding a separator (no known version of the dictionaries has one).
    """
    d = dictionary_dir()
    table = {ord(key): value for key, value in _read_pairs(d / "TSCharacters.txt") if len(key) == 1 and value != key}
    keys = sorted((key for key, _ in _read_pairs(d / "TSPhrases.txt")), key=len, reverse=True)
    split = getattr(load_t2s(), "split_chars_re", None)
    exact = split is not None and all(len(v) == 1 for v in table.values()) and not any(
        split.search(chr(k)) for k in table) and not any(split.search(k) for k in keys)
    return table if exact else None, _automaton(keys)


def _automaton(words: list[str]) -> Any:
    """One Aho–Corasick pass over a text finds the words in it (``ahocorasick_rs``, as :mod:`.trie` uses);
    None without words."""
    if not words:
        return None
    import ahocorasick_rs

    return ahocorasick_rs.AhoCorasick(words)


@lru_cache(maxsize=1 << 15)
def _convert_piece(piece: str) -> str:
    """One piece through the converter; pieces recur across a corpus (headers, furniture, names)."""
    return str(load_t2s().convert(piece))


def clear_cache() -> None:
    """Forget converted pieces (for benchmarks that must not convert the same text for free)."""
    _convert_piece.cache_clear()

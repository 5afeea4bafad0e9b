"""Bytes to text: detect the encoding of a corpus file and decode it.

Chinese news files come in UTF-8 (with or without BOM), GB18030/GBK, Big5
and occasionally UTF-16.  The order of the checks follows what is cheap and
certain first:

1. a byte-order mark settles the question (UTF-8, UTF-16, UTF-32);
2. NUL bytes mean UTF-16 without BOM (ASCII in UTF-16 is half NUL) or
   binary data;
3. strict UTF-8: valid UTF-8 of any length is almost never anything else,
   and the check costs nothing;
4. otherwise every candidate encoding that decodes the bytes is *scored*: the
   share of its non-ASCII characters that are common Chinese characters or
   Chinese punctuation.  Bytes read with the wrong Chinese codec decode to
   rare characters (GBK read as Big5 scores about 0.3, the right codec about
   1.0), so the score separates the two even for a two-character file, where
   statistical detectors guess.  charset-normalizer breaks the rare ties.

A file with a few undecodable bytes (a truncated last character, one bad
byte in a long file) is decoded with U+FFFD in their place rather than
refused; the normalize stage removes those marks and warns.  Bytes that are
not text in any candidate encoding raise :class:`InputError` with the reason.

The decoded text keeps its line endings: turning CRLF into LF is an edit of
the normalize stage, so raw offsets stay true to the file.
"""

from __future__ import annotations

import codecs
from functools import lru_cache

import regex

from zhextract.errors import InputError

# Legacy encodings tried when the file is not UTF-8, in order of preference
# on a tie (mainland sites are the majority).  Python codec names.  UTF-16
# without BOM is only considered for files with NUL bytes: every article has
# ASCII (line breaks, digits), and ASCII in UTF-16 is half NUL.
LEGACY = ("gb18030", "big5", "big5hkscs")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Share of control characters above which "text" is really binary data.
MAX_CONTROL_SHARE = 0.05
# Share of undecodable bytes a file may have and still be read (with U+FFFD).
MAX_BAD_SHARE = 0.005
# Minimum share of common Chinese characters among the non-ASCII characters
# of the best decoding; below it the bytes are not Chinese text we can read
# (a wrong Chinese codec still scores 0.2-0.5, but the right one beats it).
MIN_SCORE = 0.2
# Bytes read as UTF-16 by mistake give random CJK characters, a third of them
# common: a UTF-16 reading must score higher (real UTF-16 text scores ~1.0).
UTF16_MIN_SCORE = 0.6
# Two decodings whose scores differ by less than this are a tie.
TIE = 0.02
# A strict decoding scoring this high on at least SURE_SAMPLE non-ASCII
# characters is right: a wrong Chinese codec scores 0.2-0.5 on real text.
SURE = 0.95
SURE_SAMPLE = 20

_CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1f]")
_ASCII = regex.compile(r"[\x00-\x7f]+")
_SAMPLE = 65536


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise :class:`InputError` saying why not.

    ``encoding`` uses Python codec names (``utf-8``, ``utf-8-sig``,
    ``utf-16``, ``utf-16-le``, ``utf-16-be``, ``utf-32``, ``gb18030``,
    ``big5``, ``big5hkscs``).  A byte-order mark is not part of the text.
    """
    if not data:
        raise InputError("empty file")
    if not data.strip():
        raise InputError("file holds only white space")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _decode_with_bom(data, enc)
    if b"\x00" in data[:_SAMPLE]:
        # Only UTF-16 (or binary data) has NUL bytes.
        try:
            return _decode_unmarked(data, ("utf-16-le", "utf-16-be"), UTF16_MIN_SCORE)
        except InputError:
            raise InputError("binary data, not text (NUL bytes)") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_binary(text):
            raise InputError("binary data, not text (control bytes)")
        return text, "utf-8"
    return _decode_unmarked(data, ("utf-8", *LEGACY))


def _decode_with_bom(data: bytes, enc: str) -> tuple[str, str]:
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as exc:
        raise InputError(f"starts with a {enc} byte-order mark but is not {enc}: {exc.reason} "
                         f"at byte {exc.start}") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if _looks_binary(text):
        raise InputError("binary data, not text")
    return text, enc


def _decode_unmarked(data: bytes, encodings: tuple[str, ...], min_score: float = MIN_SCORE) -> tuple[str, str]:
    """Pick the best-scoring decoding of a file without BOM that is not strict UTF-8.

    A strict decoding whose sample holds enough Chinese and scores as sure as
    the right codec does is taken at once; the others are not tried.
    """
    scored: list[tuple[float, int, str, str, bool]] = []
    for rank, enc in enumerate(encodings):
        decoded = _decode_leniently(data, enc)
        if decoded is None:
            continue
        text, strict = decoded
        if _looks_binary(text):
            continue
        score = chinese_score(text)
        if strict and score >= SURE and len(_ASCII.sub("", text[:4096])) >= SURE_SAMPLE:
            return text, enc
        scored.append((score, rank, enc, text, strict))
    if not scored:
        raise InputError("not text in any supported encoding (UTF-8/16, GB18030/GBK, Big5): "
                         "undecodable or control bytes")
    scored.sort(key=lambda s: (-s[0], s[1]))
    best = scored[0]
    if best[0] < min_score:
        raise InputError(f"not text in any supported encoding (UTF-8/16, GB18030/GBK, Big5): the best "
                         f"guess, {best[2]}, decodes to {100 * (1 - best[0]):.0f}% rare or foreign characters")
    tied = [s for s in scored if best[0] - s[0] < TIE and s[4]]
    if len(tied) > 1:
        vote = _detector_vote(data, [s[2] for s in tied])
        best = next((s for s in tied if s[2] == vote), best)
    return best[3], best[2]


def _decode_leniently(data: bytes, enc: str) -> tuple[str, bool] | None:
    """``(text, strict)``: strict decoding, or one with a few U+FFFD, or None."""
    if enc.startswith("utf-16") and len(data) % 2:
        return None
    try:
        return data.decode(enc), True
    except UnicodeDecodeError:
        pass
    text = data.decode(enc, errors="replace")
    bad = text.count("\ufffd")
    if bad > max(1, MAX_BAD_SHARE * len(text)):
        return None
    return text, False


@lru_cache(maxsize=1)
def common_chars() -> frozenset[str]:
    """Common Chinese characters: GB2312 level 1 and Big5 level 1, plus punctuation.

    Both tables are the frequent halves of their standards (3755 Simplified,
    5401 Traditional characters), so they are read straight from Python's
    codecs instead of being copied into a data file.
    """
    chars: set[str] = set()
    for enc, leads, trails in (
        ("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF)),
        ("big5", range(0xA4, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)]),
    ):
        for lead in leads:
            for trail in trails:
                try:
                    chars.add(bytes((lead, trail)).decode(enc))
                except UnicodeDecodeError:
                    continue
    chars.update(chr(c) for c in range(0x3000, 0x3040))  # CJK punctuation
    chars.update(chr(c) for c in range(0xFF01, 0xFF5F))  # full-width forms
    chars.update("“”‘’…—·")
    # Pinyin letters (reading notes), symbols common in Chinese news, and the
    # Cantonese characters of Hong Kong text (outside Big5 level 1).
    chars.update("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ°℃‰×÷±¥€£§№")
    chars.update("嘅咗喺哋啲嘢冇佢咁噉嚟睇乜嗰啱嘢囉喎嘞噃")
    return frozenset(chars)


def chinese_score(text: str) -> float:
    """Share of the non-ASCII characters that are common Chinese.

    Pure ASCII counts as 1.0.  The first 4000 non-ASCII characters of the
    first 64K are plenty for the statistic; ``str.translate`` deletes the
    common ones at C speed and what is left is rare.
    """
    foreign = _ASCII.sub("", text[:_SAMPLE])[:4000]
    if not foreign:
        return 1.0
    rare = foreign.translate(_drop_common())
    return 1 - len(rare) / len(foreign)


@lru_cache(maxsize=1)
def _drop_common() -> dict[int, None]:
    return dict.fromkeys(map(ord, common_chars()))


def _detector_vote(data: bytes, encodings: list[str]) -> str | None:
    """charset-normalizer's choice among equally scored decodings (lazy import)."""
    import charset_normalizer

    best = charset_normalizer.from_bytes(data[:_SAMPLE], cp_isolation=[e.replace("-", "_") for e in encodings]).best()
    if best is None:
        return None
    name = codecs.lookup(best.encoding).name
    return next((e for e in encodings if codecs.lookup(e).name == name), None)


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:_SAMPLE]
    return len(_CONTROL.findall(sample)) > MAX_CONTROL_SHARE * max(1, len(sample))

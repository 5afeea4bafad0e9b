"""Bytes to text: detect the encoding of a corpus file and decode it.

UTF-8 is tried first and strictly: valid UTF-8 of any length is almost never
anything else, and the check costs nothing next to a statistical detector.
Everything else goes to charset-normalizer, restricted to the encodings
Chinese sites actually use so that it cannot pick an exotic code page.  The
decoded text keeps its line endings; turning CRLF into LF is an edit of the
normalize stage, so raw offsets stay true to the file.
"""

from __future__ import annotations

import codecs

from zhextract.errors import InputError

# Encodings worth considering for Chinese web text, in the detector's names.
CANDIDATES = ["gb18030", "big5", "big5hkscs", "cp950", "utf_16", "utf_32"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Share of control characters above which "text" is really binary data.
MAX_CONTROL_SHARE = 0.05


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    return controls > MAX_CONTROL_SHARE * max(1, len(sample))


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise :class:`InputError` saying why not.

    ``encoding`` uses Python codec names (``utf-8``, ``utf-8-sig``,
    ``utf-16``, ``gb18030``, ``big5``...).  A byte-order mark is not part of
    the text.
    """
    if not data:
        raise InputError("empty file")
    if not data.strip():
        raise InputError("file holds only white space")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise InputError(f"starts with a {enc} byte-order mark but is not {enc}: {exc.reason} "
                                 f"at byte {exc.start}") from None
            enc = "utf-8-sig" if enc == "utf-8-sig" else enc
            if text.startswith("\ufeff"):
                text = text[1:]
            if _looks_binary(text):
                raise InputError("binary data, not text")
            return text, enc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_binary(text):
            raise InputError("binary data, not text (NUL or control bytes)")
        return text, "utf-8"
    if b"\x00" in data[:65536] and not _utf16_without_bom(data):
        raise InputError("binary data, not text (NUL bytes)")
    import charset_normalizer  # imported lazily: most corpora are UTF-8

    best = charset_normalizer.from_bytes(data, cp_isolation=CANDIDATES).best()
    if best is None:
        raise InputError("not text in any supported encoding (UTF-8/16, GB18030/GBK, Big5)")
    encoding = best.encoding
    text = data.decode(encoding)
    if _looks_binary(text):
        raise InputError(f"binary data, not text (decodes as {encoding} to control characters)")
    return text, _canonical(encoding)


def _utf16_without_bom(data: bytes) -> bool:
    """UTF-16 text without a BOM has NUL in every other byte of ASCII runs."""
    head = data[:4096]
    if len(head) < 4:
        return False
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    return max(even, odd) > len(head) // 4 and min(even, odd) < len(head) // 50


def _canonical(name: str) -> str:
    return codecs.lookup(name).name.replace("_", "-")

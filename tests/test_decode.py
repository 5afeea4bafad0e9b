"""Decoding: every common encoding of Chinese text, clear errors for everything else."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from zhextract.decode import chinese_score, decode_bytes
from zhextract.errors import InputError

# Paths of their own, not helpers.py: decoding is tested without the pipeline.
DATA = Path(__file__).resolve().parent / "data"
SEEDS = sorted((Path(__file__).resolve().parent.parent / "corpus").glob("*.txt"))


def _encoding_cases() -> list[object]:
    rows = []
    path = DATA / "normalize_encodings.tsv"
    for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        text, codec, expected = line.split("\t")
        rows.append(pytest.param(text.replace("\\n", "\n"), codec, expected, id=f"L{n}:{codec}:{text[:8]}"))
    return rows


@pytest.mark.parametrize("text, codec, expected", _encoding_cases())
def test_detects_and_decodes(text: str, codec: str, expected: str) -> None:
    decoded, detected = decode_bytes(text.encode(codec))
    assert decoded == text
    assert detected == expected


@pytest.mark.parametrize("codec", ["utf-8", "gb18030", "big5", "utf-16"])
def test_seed_002_in_every_encoding_it_can_take(codec: str) -> None:
    text = next(p for p in SEEDS if p.name.startswith("002")).read_text(encoding="utf-8")
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:  # its Simplified spam lines have no Big5 form
        text = "\n".join(line for line in text.split("\n") if _encodable(line, codec))
        data = text.encode(codec)
    decoded, _ = decode_bytes(data)
    assert decoded == text


def _encodable(line: str, codec: str) -> bool:
    try:
        line.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def test_keeps_crlf_for_the_normalize_stage() -> None:
    text, _ = decode_bytes("第一行\r\n第二行".encode())
    assert text == "第一行\r\n第二行"


def test_bom_is_not_part_of_the_text() -> None:
    assert decode_bytes(codecs.BOM_UTF8 + "快手".encode())[0] == "快手"
    assert decode_bytes("快手".encode("utf-16"))[0] == "快手"


@pytest.mark.parametrize("codec", ["utf-8", "gb18030", "big5"])
def test_truncated_last_character_becomes_a_replacement_mark(codec: str) -> None:
    """A file cut in the middle of a character keeps the rest; the mark shows the loss."""
    text = "快手電商與淘寶、京東正式分手。據新榜編輯部了解，這一舉措目前未在快手電商圈內掀起太大波瀾。" * 3
    decoded, detected = decode_bytes(text.encode(codec)[:-1])
    assert detected == codec
    assert decoded == text[:-1] + "\ufffd"


def test_one_bad_byte_in_a_long_utf8_file_is_replaced_not_fatal() -> None:
    data = ("快手电商与淘宝、京东正式分手。" * 100).encode()
    decoded, detected = decode_bytes(data[:300] + b"\xff" + data[300:])
    assert detected == "utf-8"
    assert decoded.count("\ufffd") == 1


@pytest.mark.parametrize("data, message", [
    (b"", "empty file"),
    (b"  \n\n ", "white space"),
    (bytes(range(256)) * 20, "binary"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary"),
    (b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(200)), "binary"),
    (b"\x1f\x8b\x08\x00" + bytes(range(255, 0, -1)) * 8, "not text|binary"),
    ("Café à Paris, naïve résumé. " .encode("cp1252") * 5, "not text"),
])
def test_refuses_what_is_not_text(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        decode_bytes(data)


def test_bom_that_lies_is_reported() -> None:
    with pytest.raises(InputError, match="byte-order mark"):
        decode_bytes(codecs.BOM_UTF8 + b"\xff\xfe\xfa")


def test_score_separates_the_right_codec_from_the_wrong_one() -> None:
    """The decision rests on this margin: right codec about 1.0, wrong Chinese codec below 0.5."""
    simplified = "快手电商与淘宝、京东正式分手。据新榜编辑部了解，这一举措目前未在快手电商圈内掀起太大波澜。"
    data = simplified.encode("gbk")
    assert chinese_score(data.decode("gb18030")) > 0.95
    assert chinese_score(data.decode("big5", errors="replace")) < 0.6
    assert chinese_score("plain ASCII") == 1.0

"""Decoding: every common encoding of Chinese text, clear errors for everything else."""

from __future__ import annotations

import codecs

import pytest

from zhextract.decode import decode_bytes
from zhextract.errors import InputError

SIMPLIFIED = "快手电商与淘宝、京东正式分手。据新榜编辑部了解，这一举措目前未在快手电商圈内掀起太大波澜。"
TRADITIONAL = "快手電商與淘寶、京東正式分手。據新榜編輯部了解，這一舉措目前未在快手電商圈內掀起太大波瀾。"


@pytest.mark.parametrize("text, encoding, expected", [
    (SIMPLIFIED, "utf-8", "utf-8"),
    (SIMPLIFIED, "utf-8-sig", "utf-8-sig"),
    (SIMPLIFIED, "utf-16", "utf-16"),
    (SIMPLIFIED * 3, "gb18030", "gb18030"),
    (SIMPLIFIED * 3, "gbk", "gb18030"),
    (TRADITIONAL * 3, "big5", "big5"),
])
def test_decodes_common_encodings(text, encoding, expected):
    decoded, detected = decode_bytes(text.encode(encoding))
    assert decoded == text
    assert detected.replace("_", "-") == expected


def test_keeps_crlf_for_the_normalize_stage():
    text, _ = decode_bytes("第一行\r\n第二行".encode())
    assert text == "第一行\r\n第二行"


@pytest.mark.parametrize("data, message", [
    (b"", "empty file"),
    (b"  \n\n ", "white space"),
    (bytes(range(256)) * 20, "binary"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary"),
])
def test_refuses_what_is_not_text(data, message):
    with pytest.raises(InputError, match=message):
        decode_bytes(data)


def test_bom_that_lies_is_reported():
    with pytest.raises(InputError, match="byte-order mark"):
        decode_bytes(codecs.BOM_UTF8 + b"\xff\xfe\xfa")

"""The required-character prefilter answers exactly as the pattern it guards."""

from __future__ import annotations

import random
import re

import pytest

from zhextract.prefilter import Prefiltered, required_chars
from zhextract.stages.strip.boilerplate import _sources, boilerplate_pattern

_EXTRA = [r"(?:本站|作者)\s*[:：]", r"(?i)photo\s*\d*[:：]", r"a(?=刊)|[^x]{2}", r"(?:x|)登", r"刊{0,2}载+",
          r"(?<=本)文|(?!a)b", r"(a)?(?(1)刊|登)", r"[一-龥]{1,8}(网|站)(刊载|刊登)", r"(?i:k)刊|\d+年"]


def _patterns() -> list[re.Pattern[str]]:
    found = [boilerplate_pattern(k) for k in sorted(_sources())]
    return [p for p in found if isinstance(p, re.Pattern)] + [re.compile(p, re.IGNORECASE) for p in _EXTRA]


def test_required_chars_are_read_off_the_pattern() -> None:
    assert required_chars(re.compile("本站|本网")) in (frozenset("本"), frozenset("站网"))
    assert required_chars(re.compile(r"(?i)abc")) is None  # letters match in either case
    assert required_chars(re.compile(r"abc|.*")) is None  # a branch that needs nothing
    assert required_chars(re.compile(r"x?刊")) == frozenset("刊")
    assert required_chars(re.compile(r"[。！]摄")) in (frozenset("摄"), frozenset("。！"))


@pytest.mark.parametrize("pattern", _patterns(), ids=lambda p: p.pattern[:30])
def test_prefiltered_answers_as_the_pattern(pattern: re.Pattern[str]) -> None:
    quick = Prefiltered(pattern)
    rng = random.Random(pattern.pattern)
    alphabet = sorted(set(pattern.pattern) - set("\\()[]{}?*+|^$")) + list("本站作者刊登载网文 \n：:。Kkſ摄图1")
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        pos = rng.randint(0, len(text))
        end = rng.randint(pos, len(text) + 2)
        for name in ("search", "match", "fullmatch"):
            a, b = getattr(pattern, name)(text, pos, end), getattr(quick, name)(text, pos, end)
            assert (a and a.span()) == (b and b.span()), (name, text, pos, end)
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in quick.finditer(text)]
        assert pattern.findall(text, pos, end) == quick.findall(text, pos, end)

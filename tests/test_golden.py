"""Golden files: the whole output of each seed article, reviewed in diffs.

``tests/golden/<id>.txt`` holds the title and clean text (easy to read in a
diff); ``tests/golden/<id>.json`` holds everything else.  They are rewritten
only by ``pytest tests/test_golden.py --update-golden``; review the diff
before committing it.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

import pytest

from helpers import SEEDS
from zhextract.pipeline import process_bytes
from zhextract.step import Context

GOLDEN = Path(__file__).resolve().parent / "golden"


def _split(article: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    rest = {k: v for k, v in article.items() if k != "text"}
    return f"# {article['title']}\n\n{article['text']}\n", rest


@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem[:3] for s in SEEDS])
def test_seed_output_matches_golden(seed: Path, request: pytest.FixtureRequest) -> None:
    article = process_bytes(seed.read_bytes(), seed.stem, seed.name, Context())
    text, rest = _split(article)
    txt_path, json_path = GOLDEN / f"{seed.stem}.txt", GOLDEN / f"{seed.stem}.json"
    if request.config.getoption("--update-golden"):
        GOLDEN.mkdir(exist_ok=True)
        txt_path.write_text(text, encoding="utf-8")
        json_path.write_text(json.dumps(rest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        pytest.skip("golden files rewritten: review the diff before committing")
    expected_text = txt_path.read_text(encoding="utf-8")
    if text != expected_text:
        diff = "\n".join(difflib.unified_diff(expected_text.splitlines(), text.splitlines(), "golden", "now",
                                              lineterm="", n=1))
        pytest.fail(f"clean text differs from {txt_path.name}:\n{diff}")
    expected = json.loads(json_path.read_text(encoding="utf-8"))
    for key in expected.keys() | rest.keys():
        assert rest.get(key) == expected.get(key), f"{key} differs from {json_path.name}"

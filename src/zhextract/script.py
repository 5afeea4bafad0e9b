"""The Han script as the stages test for it (one definition, shared).

``HAN`` is the ``regex`` class text for a Han character, to put inside
larger patterns; ``HAN_CHAR`` the compiled single-character pattern, for
``HAN_CHAR.match(ch)`` and ``HAN_CHAR.search(text)``.
"""

from __future__ import annotations

from zhextract.patterns import compile_pattern

HAN = r"\p{Han}"
HAN_CHAR = compile_pattern(HAN)

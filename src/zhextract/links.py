"""Links and e-mail addresses: text no rule may read as words, names, dates or numbers.

One definition for every stage, in a syntax both ``re`` and ``regex`` accept:
a URL runs over the characters RFC 3986 allows, so it ends at the first
space, Chinese character or full-width mark.
"""

from __future__ import annotations

import re

URL = r"(?:https?://|ftp://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+"
EMAIL = r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"
LINK = f"{URL}|{EMAIL}"
LINK_RE = re.compile(LINK)  # compiled once for every stage that masks or skips links

"""zhextract: turn scraped, noisy Chinese news articles into a clean, structured dataset."""

from __future__ import annotations

__version__ = "0.1.0"

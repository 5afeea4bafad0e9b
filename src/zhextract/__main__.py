"""``python -m zhextract`` is the same as the ``zhextract`` command."""

from __future__ import annotations

import sys

from zhextract.cli import main

sys.exit(main())

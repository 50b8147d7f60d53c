"""What every documentation generator in scripts/ shares: write the file, or check it.

``python scripts/X.py`` rewrites the document; ``python scripts/X.py --check`` exits 1 when the
file on disk differs from what the script would write (a test runs each check).
"""

from __future__ import annotations

import sys
from pathlib import Path


def write_or_check(path: Path, text: str, script: str) -> int:
    """Write ``text`` to ``path``, or with ``--check`` compare them; the exit status."""
    if "--check" in sys.argv:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            print(f"{path.name} is stale: run python scripts/{script}", file=sys.stderr)
            return 1
        return 0
    path.write_text(text, encoding="utf-8")
    return 0

"""What the generator reuses from the example builders in scripts/: the Word helpers that
make a .docx byte-stable and give it real numbering, and the paged PDF canvas. One place
puts scripts/ on the import path."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from make_examples import _docx_modules, _fix_metadata, _save_reproducible  # noqa: E402
from make_more_examples import _add_numberings, _number, paged_canvas  # noqa: E402

__all__ = ["_add_numberings", "_docx_modules", "_fix_metadata", "_number",
           "_save_reproducible", "paged_canvas"]

"""Which document a file is: the identity rule behind every report IRI.

A report is identified by its file's path relative to the ingest root: the folder given
on the command line, or, for a file given directly, the file's base name. So
``ingest ROOT`` with ``ROOT/a/report.md`` and ``ROOT/b/report.md`` gives two reports
(``…/report/a-report-md`` and ``…/report/b-report-md``), and re-ingesting the same file
from the same root replaces its graph. The key is the slug of that relative path (NFC,
'/' as separator); a path the slug cannot spell (any non-ASCII character, e.g. ``報告.txt``)
gets the first 8 hex digits of the SHA-256 of the exact relative path appended, so two
such names never meet in one IRI. Names that still slug alike (``Report.md`` and
``report.md``) are refused for the second file, never silently merged. The base name stays
the report's ``source`` label.
"""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path

from migkg.ontology.iris import slug


def relative_name(path: Path, root: Path | None) -> str:
    """``path`` relative to ``root`` ('/'-separated, NFC), or its base name without root."""
    if root is not None:
        try:
            name = path.relative_to(root).as_posix()
        except ValueError:
            name = path.name
    else:
        name = path.name
    return unicodedata.normalize("NFC", name)


def report_key(relative: str) -> str:
    """The report IRI's last segment for a relative name (see the module's rule)."""
    key = slug(relative)
    if not relative.isascii():
        data = relative.encode("utf-8", "surrogateescape")
        key = f"{key}-{hashlib.sha256(data).hexdigest()[:8]}"
    return key

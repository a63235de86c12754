"""Seeded generator of synthetic rapporteur reports in every format migkg reads.

    python -m bench.synth --count N --seed S --out DIR [--formats md,txt,html,htm,docx,pdf,eml]

(run from the repository root; ``python bench/synth`` does the same). Report i of a run
is built from its own random source seeded ``"S:i"``: the same seed and count give
byte-identical files (the .docx have fixed core properties and zip timestamps, the .pdf
reportlab's invariant mode, the .eml fixed Date and Message-ID headers), and a longer run
starts with the files of a shorter one. Formats take turns (report i is written in format
i mod the number of formats); each format has its layouts (Markdown with '#' headings or a
header table; plain text with underlined headings, or a tab-separated template export;
a web page with site navigation around its <main>; Word's 'Save as Web Page' .htm in
windows-1252; .docx with Heading styles and real Word numbering, or a two-column template
table; a paged .pdf with a running header and page numbers; an e-mailed note with a
forwarded message and a signature). About 70% are in English, the rest in French and
Spanish.

Content: sections in the template's order or another one, headings in varying words
(fragments.yaml), 2-12 challenges (flat, or nested under category parents), 2-12 good
practices (under level sub-headings, with inline level labels, or with no level),
explicit 'Objective N' references (some with the objective's short title), 'target 8.8'
references, guiding principles, 0-4 quotes (anonymous, or named with approval),
countries and actors from migkg's vocabularies, figures ('45 per cent', 'USD 3.2
million', '12,000 workers') and events from the catalogue or beyond it (2012-2026).

Besides the reports, DIR/manifest.json records what each report planted: its sections,
the number of challenges, practices (by level) and quotes, the objectives, targets,
principles, countries (ISO3) and actors (acronyms) it names, and its figures. The smoke
test and bench/bench_scale.py compare it with what the loader read.
"""

from __future__ import annotations

import json
from pathlib import Path

from .compose import FORMATS, compose
from .pdf import pdf_document
from .text import email_note, markdown, plain_text
from .web import site_page, word_page
from .word import word_document

__all__ = ["FORMATS", "generate", "write_report"]

_BYTES = {"md": markdown, "txt": plain_text, "html": site_page, "htm": word_page,
          "eml": email_note}
_FILES = {"docx": word_document, "pdf": pdf_document}
MANIFEST = "manifest.json"


def write_report(seed: int, index: int, fmt: str, out: Path) -> dict:
    """Write report ``index`` of run ``seed`` as ``fmt`` into ``out``; gives what it
    planted (its manifest entry)."""
    report = compose(seed, index, fmt)
    path = out / report.filename
    if fmt in _BYTES:
        path.write_bytes(_BYTES[fmt](report))
    else:
        _FILES[fmt](report, path)
    return report.planted


def generate(count: int, seed: int, out: Path, formats: list[str] | None = None) -> dict:
    """Write ``count`` reports into ``out`` (created if needed) and its manifest.json;
    gives the manifest: {"seed", "count", "formats", "reports": [entry per report]}."""
    formats = formats or list(FORMATS)
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        raise ValueError(f"unknown format(s) {', '.join(unknown)} (known: {', '.join(FORMATS)})")
    out.mkdir(parents=True, exist_ok=True)
    entries = [write_report(seed, index, formats[index % len(formats)], out)
               for index in range(count)]
    manifest = {"seed": seed, "count": count, "formats": formats, "reports": entries}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False,
                                           sort_keys=True) + "\n", encoding="utf-8")
    return manifest

"""The .docx renderer (python-docx): Heading styles or a two-column template table, real
Word numbering (w:numPr through the numbering part) for bulleted and numbered lists, bold
practice leads, Quote-style quotations. Byte-stable: the Word helpers of
scripts/make_examples.py fix the core properties and the zip timestamps."""

from __future__ import annotations

import random
from pathlib import Path

from .example_helpers import (
    _add_numberings,
    _docx_modules,
    _fix_metadata,
    _number,
    _save_reproducible,
)
from .model import Report

NUMBERINGS = {
    "sections": [("decimal", "%1.", 360)],
    "challenges": [("bullet", "\uf0b7", 720), ("bullet", "o", 1440)],
    "numbered": [("decimal", "%1.", 720), ("lowerLetter", "%2)", 1440)],
    "bullets": [("bullet", "\uf0b7", 720), ("bullet", "o", 1440)],
}


def _lead(par, lead: str, text: str, label: str | None, bold_lead: bool) -> None:
    if label:
        par.add_run(label + " ").bold = True
    par.add_run(lead).bold = bold_lead
    par.add_run(" " + text)


def _body(report: Report, container, ids: dict[str, int], rng: random.Random,
          key: str, in_cell: bool) -> None:
    """The content of section ``key`` as paragraphs of ``container`` (the document, or a
    table cell when ``in_cell``: no Heading styles there)."""
    colon = "\u00a0:" if report.lang == "fr" else ":"
    add = container.add_paragraph
    if key == "summary":
        for text in report.summary:
            add(text)
    elif key == "challenges":
        numbering = ids[rng.choice(["challenges", "numbered"])]
        for group in report.challenges:
            if group.wording:
                par = add(group.wording + colon, style="List Paragraph")
                _number(par, numbering, 0)
            for item in group.items:
                par = add(item + ";", style="List Paragraph")
                _number(par, numbering, 1 if group.wording else 0)
    elif key == "practices":
        for group in report.practices:
            level = report.level_label(group)
            label = level + colon if level else None
            if group.wording and report.practice_style == "subheading":
                if in_cell:
                    add().add_run(group.wording + colon).underline = True
                else:
                    container.add_heading(group.wording, level=2)
            for item in group.items:
                par = add(style="List Paragraph")
                _number(par, ids["bullets"], 0)
                _lead(par, item.lead + colon, item.text, label, report.bold_lead)
    elif key in ("gcm", "agenda2030"):
        for text in getattr(report, key):
            add(text)
    elif key == "quotes":
        if report.reminder:
            add().add_run(report.reminder).italic = True
        for quote in report.quotes:
            add(f"\u201c{quote.text}\u201d", style="Quote")
            add(f"\u2014 {quote.attribution}")


def word_document(report: Report, path: Path) -> None:
    """Write the report as a .docx at ``path``."""
    docx, _oxml, _qn, Pt, _rt, align = _docx_modules()
    rng = random.Random(report.extras["seed"] + "docx")
    document = docx.Document()
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(11)
    ids = _add_numberings(document, NUMBERINGS)
    labels = report.field_labels
    fields = [(labels["rapporteur"], report.rapporteur),
              (labels["session"], f"{report.session_label} \u2013 {report.topic}"),
              (labels["date"], report.date_text)]
    document.add_paragraph().add_run(report.disclaimer).italic = True
    if report.variant == "table":
        table = document.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        title = table.add_row().cells
        merged = title[0].merge(title[1])
        merged.paragraphs[0].add_run(f"{report.event} \u2013 {report.doc_title}").bold = True
        for label, value in fields:
            cells = table.add_row().cells
            cells[0].paragraphs[0].add_run(label + ":").bold = True
            cells[1].paragraphs[0].text = value
        for key in report.order:
            cells = table.add_row().cells
            cells[0].paragraphs[0].add_run(report.heading(key)).bold = True
            _body(report, cells[1], ids, rng, key, in_cell=True)
            first = cells[1].paragraphs[0]
            if not first.text:  # python-docx starts every cell with an empty paragraph
                first._p.getparent().remove(first._p)
    else:
        document.add_paragraph(report.event, style="Title")
        par = document.add_paragraph(f"{report.city}, {report.date_text}")
        par.alignment = align.CENTER
        for label, value in fields:
            par = document.add_paragraph()
            par.add_run(label + ":").bold = True
            par.add_run(" " + value)
        auto = report.numbered and rng.random() < 0.5
        for key in report.order:
            if auto:  # Word's own numbering: the "1." is not in the text
                heading = document.add_heading(report.headings[key], level=1)
                _number(heading, ids["sections"], 0)
            else:
                document.add_heading(report.heading(key), level=1)
            _body(report, document, ids, rng, key, in_cell=False)
    _fix_metadata(document, f"{report.event} \u2013 {report.session_label}",
                  {"en": "en-GB", "fr": "fr-FR", "es": "es-ES"}[report.lang])
    _save_reproducible(document, path)

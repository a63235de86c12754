"""The .pdf renderer (reportlab): bold heading lines, bulleted and nested lists, and a
running header and page-number footer repeated on every page. Byte-stable: reportlab's
invariant mode fixes the creation date and the document ID."""

from __future__ import annotations

import random
from html import escape
from pathlib import Path

from .example_helpers import paged_canvas
from .model import Report


def pdf_document(report: Report, path: Path) -> None:
    """Write the report as a .pdf at ``path``."""
    from reportlab import rl_config

    rl_config.invariant = 1
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    rng = random.Random(report.extras["seed"] + "pdf")
    header_left = f"{report.event}"[:80]
    header_right = report.session_label
    numbering = rng.choice(["Page {n} of {total}", "{n}", "- {n} -"])

    PagedCanvas = paged_canvas(header_left, header_right, numbering)

    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["BodyText"], fontName="Helvetica",
                          fontSize=10.5, leading=14, spaceAfter=5)
    title = ParagraphStyle("title", parent=body, fontName="Helvetica-Bold", fontSize=14,
                           leading=18, spaceAfter=8)
    heading = ParagraphStyle("heading", parent=body, fontName="Helvetica-Bold",
                             fontSize=11.5, spaceBefore=9, spaceAfter=4)
    level = ParagraphStyle("level", parent=body, fontName="Helvetica-Oblique", spaceBefore=3)
    item = ParagraphStyle("item", parent=body, leftIndent=18, bulletIndent=6)
    sub = ParagraphStyle("sub", parent=body, leftIndent=36, bulletIndent=24)
    quote = ParagraphStyle("quote", parent=body, leftIndent=24, fontName="Helvetica-Oblique",
                           spaceAfter=2)
    colon = "\u00a0:" if report.lang == "fr" else ":"
    labels = report.field_labels
    story = [Paragraph(escape(report.event), title),
             Paragraph(escape(f"{report.city}, {report.date_text} \u2013 {report.doc_title}"),
                       body)]
    story += [Paragraph(f"<b>{escape(label)}:</b> {escape(value)}", body) for label, value in (
        (labels["rapporteur"], report.rapporteur),
        (labels["session"], f"{report.session_label} \u2013 {report.topic}"))]
    story += [Paragraph(f"<i>{escape(report.disclaimer)}</i>", body), Spacer(1, 6)]
    for key in report.order:
        story.append(Paragraph(escape(report.heading(key)), heading))
        if key == "summary":
            story += [Paragraph(escape(p), body) for p in report.summary]
        elif key == "challenges":
            for group in report.challenges:
                if group.wording:
                    story.append(Paragraph(escape(group.wording + colon), item,
                                           bulletText="\u2022"))
                story += [Paragraph(escape(i) + ";", sub if group.wording else item,
                                    bulletText="\u2013" if group.wording else "\u2022")
                          for i in group.items]
        elif key == "practices":
            for group in report.practices:
                if group.wording and report.practice_style == "subheading":
                    story.append(Paragraph(escape(group.wording), level))
                level_text = report.level_label(group)
                for practice in group.items:
                    label = f"<b>{escape(level_text + colon)}</b> " if level_text else ""
                    lead = escape(practice.lead + colon)
                    lead = f"<b>{lead}</b>" if report.bold_lead else lead
                    story.append(Paragraph(f"{label}{lead} {escape(practice.text)}", item,
                                           bulletText="\u2022"))
        elif key in ("gcm", "agenda2030"):
            story += [Paragraph(escape(p), body) for p in getattr(report, key)]
        elif key == "quotes":
            if report.reminder:
                story.append(Paragraph(f"<i>{escape(report.reminder)}</i>", body))
            for q in report.quotes:
                story += [Paragraph(escape(f"\u201c{q.text}\u201d"), quote),
                          Paragraph(escape(f"\u2014 {q.attribution}"), quote)]
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=2.5 * cm,
                            rightMargin=2.5 * cm, topMargin=2.4 * cm, bottomMargin=2.2 * cm,
                            title=f"{report.event} \u2013 {report.session_label}",
                            author="migkg bench/synth", creator="migkg bench/synth",
                            invariant=1)
    doc.build(story, canvasmaker=PagedCanvas)

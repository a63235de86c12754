"""Generate the PDF fixtures in tests/data/pdf/ (needs reportlab, a dev-only dependency).

    .venv/bin/python scripts/make_test_pdfs.py [OUT_DIR]

Writes a two-page report in the rapporteur template plus hostile files the PDF reader must
turn into one-line errors. The report text is invented for testing; it describes no real
session. Output is byte-stable (reportlab's invariant mode) so regenerating does not churn
the committed files.
"""

from __future__ import annotations

import sys
import zlib
from pathlib import Path

from reportlab import rl_config

# Fixed dates and document IDs, so the committed fixtures only change when this script does.
rl_config.invariant = 1

from PIL import Image  # noqa: E402
from reportlab.graphics import renderPDF  # noqa: E402
from reportlab.graphics.shapes import Drawing, Rect  # noqa: E402
from reportlab.lib import colors  # noqa: E402
from reportlab.lib.enums import TA_CENTER  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.lib.utils import ImageReader  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402
from reportlab.platypus import (  # noqa: E402
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "pdf"

BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=12.5, spaceAfter=6)
GUIDANCE = ParagraphStyle("guidance", parent=BODY, fontName="Helvetica-Oblique")
TITLE = ParagraphStyle(
    "title", fontName="Helvetica-Bold", fontSize=16, leading=19, spaceAfter=4, alignment=TA_CENTER
)
SUBTITLE = ParagraphStyle(
    "subtitle", fontName="Helvetica-Bold", fontSize=13, leading=16, spaceAfter=8,
    alignment=TA_CENTER,
)
SECTION = ParagraphStyle(
    "section", fontName="Helvetica-Bold", fontSize=12, leading=14.5, spaceBefore=8, spaceAfter=5
)
SUBHEAD = ParagraphStyle("subhead", parent=BODY, fontName="Helvetica-Bold", spaceBefore=3)
CELL = ParagraphStyle("cell", parent=BODY, spaceAfter=0)
CELL_LABEL = ParagraphStyle("cell_label", parent=CELL, fontName="Helvetica-Bold")


def item(text: str, level: int = 0, marker: str | None = None) -> Paragraph:
    """A hanging-indent list item, the way word processors lay out bullets."""
    indent = 18 + 18 * level
    bullet = marker or ("\u2022" if level == 0 else "\u2013")
    style = ParagraphStyle(
        f"item{level}", parent=BODY, leftIndent=indent, bulletIndent=indent - 12, spaceAfter=2
    )
    return Paragraph(text, style, bulletText=bullet)


HEADER_TEXT = "GFMD Summit 2019, Quito \u2013 Roundtable reporting notes"
FOOTER_TEXT = "Roundtable 3.1 | Page {page} of {pages}"


def _running_header_footer(pages: int):
    def draw(c: canvas.Canvas, doc: SimpleDocTemplate) -> None:
        width, height = A4
        c.saveState()
        c.setFont("Helvetica", 8)
        c.drawString(20 * mm, height - 12 * mm, HEADER_TEXT)
        c.drawCentredString(width / 2, 10 * mm, FOOTER_TEXT.format(page=doc.page, pages=pages))
        c.restoreState()

    return draw


def report_story() -> list:
    story: list = [
        Paragraph("Global Forum on Migration and Development, Quito 2019", TITLE),
        Paragraph("Roundtable Sessions \u2013 Reporting Template", SUBTITLE),
        Paragraph(
            "Please use this template to take notes during the roundtable and keep to short "
            "points. The sessions follow Chatham House rules, so ask for approval before "
            "naming a speaker or write \u201canonymous\u201d.",
            GUIDANCE,
        ),
        Spacer(1, 4),
    ]
    rows = [
        [Paragraph("Name of Rapporteur:", CELL_LABEL), Paragraph("Teodora Valdivieso", CELL)],
        [
            Paragraph("Roundtable session:", CELL_LABEL),
            Paragraph(
                "3.1 Skills partnerships between countries of origin and destination: "
                "from pilot projects to lasting schemes",
                CELL,
            ),
        ],
    ]
    table = Table(rows, colWidths=[45 * mm, 120 * mm])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    story += [table, Spacer(1, 8)]

    story += [
        Paragraph("1. Summary/Main discussion points", SECTION),
        Paragraph(
            "The roundtable looked at how countries of origin and destination can share the "
            "cost and the benefit of training people who later move for work. Participants "
            "from four regions agreed that skills partnerships only last when both sides see "
            "a return: trained workers for the destination, and a stronger training system "
            "for the country of origin.",
            BODY,
        ),
        Paragraph(
            "A short background note prepared by the co-chairs set out twelve pilot schemes "
            "and their results (see the "
            '<a href="https://example.org/gfmd/rt31-background-note" color="blue">'
            "background note on skills partnerships</a>). Most pilots trained fewer than "
            "five hundred people, and only three had secured funding beyond their first "
            "cycle.",
            BODY,
        ),
        Paragraph("2. Challenges", SECTION),
        Paragraph("Key challenges identified were:", BODY),
        item(
            "Training in the country of origin is rarely aligned with the certification "
            "rules of the destination country, so graduates often work below their level "
            "after they move;"
        ),
        item("Employers in destination countries are involved too late:", 0),
        item(
            "curricula are designed by ministries and training bodies before any employer "
            "commits to hiring graduates;",
            1,
        ),
        item("recruitment costs still fall on the workers in several corridors.", 1),
        item(
            "Funding depends on short project cycles, which makes it hard to keep trainers "
            "and equipment once a pilot ends."
        ),
        Paragraph("3. Opportunities / good practices / innovations for the way forward", SECTION),
        Paragraph("At national level:", SUBHEAD),
        item(
            "<b>Joint curricula with employers:</b> one destination country described "
            "vocational modules written together with hotel and care employers, which "
            "graduates can use both at home and abroad."
        ),
        item(
            "<b>Recognition before departure</b> of qualifications, so that workers can "
            "start at their skill level from the first day."
        ),
        Paragraph("Regional level:", SUBHEAD),
        item(
            "<b>Regional qualification frameworks</b> make it easier to compare diplomas "
            "across borders and reduce the cost of assessments."
        ),
        Paragraph("Power of innovation:", SUBHEAD),
        item(
            "<b>Online skills passports</b> let workers carry verified records of their "
            "training and work experience between employers and countries."
        ),
        Paragraph(
            "4. Relevance to the Global Compact for Migration and its follow-up, "
            "implementation and review",
            SECTION,
        ),
        Paragraph(
            "The discussion relates directly to the objectives of the Compact on skills "
            "development and mutual recognition of skills and on fair and ethical "
            "recruitment. Participants asked that the review forums report on:",
            BODY,
        ),
        item("the number of partnerships in place and the people trained;", 0, marker="a)"),
        item("the share of graduates employed at their skill level.", 0, marker="b)"),
        Paragraph("5. Contributions to the achievement of the Agenda 2030", SECTION),
        Paragraph(
            "Skills partnerships support quality education and decent work, and they can "
            "lower the costs of migration for the workers involved.",
            BODY,
        ),
        Paragraph("6. Inspiring quotes", SECTION),
        Paragraph(
            "If you like, please give one or two quotes that inspired you during the session.",
            GUIDANCE,
        ),
        Paragraph("Anonymous (Andean country):", BODY),
        Paragraph(
            "\u201cA partnership is only a partnership if the trainer stays in our country "
            "when the trainee leaves.\u201d",
            BODY,
        ),
    ]
    return story


def make_report(path: Path) -> None:
    # Two passes: the footer's "Page N of M" needs the page count of the finished layout.
    pages = 0
    for _ in range(2):
        doc = SimpleDocTemplate(
            str(path), pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm,
            topMargin=22 * mm, bottomMargin=22 * mm,
            title="Roundtable 3.1 report", author="migkg test fixtures",
        )
        draw = _running_header_footer(pages)
        doc.build(report_story(), onFirstPage=draw, onLaterPages=draw)
        pages = doc.page


TIMES = ParagraphStyle("times", fontName="Times-Roman", fontSize=11, leading=13, spaceAfter=4)
TIMES_BOLD = ParagraphStyle("times_bold", parent=TIMES, fontName="Times-Bold")


def titem(text: str, level: int = 0) -> Paragraph:
    """A list item as Word lays it out: a round bullet, then a Courier "o" one level down."""
    indent = 16 + 18 * level
    font, glyph = ("ZapfDingbats", "l") if level == 0 else ("Courier", "o")
    style = ParagraphStyle(
        f"titem{level}", parent=TIMES, leftIndent=indent, bulletIndent=indent - 12,
        bulletFontName=font, bulletFontSize=7 if level == 0 else 10, spaceAfter=1,
    )
    return Paragraph(text, style, bulletText=glyph)


def table_story() -> list:
    """The whole template as one ruled two-column table, as many rapporteurs fill it in."""
    cell_label = ParagraphStyle("tlabel", parent=TIMES_BOLD, spaceAfter=0)
    story: list = [
        Paragraph("GFMD Summit 2019 \u2013 Roundtable Sessions", TITLE),
        Paragraph(
            "Use short bullet points. Sessions follow Chatham House rules.",
            ParagraphStyle("tguide", parent=TIMES, fontName="Times-Italic"),
        ),
    ]
    head = Table(
        [
            [Paragraph("Name of Rapporteur:", cell_label), Paragraph("Ana Lucía Ferreyra", TIMES)],
            [
                Paragraph("Roundtable session:", cell_label),
                Paragraph("1.2 Shared responsibility for fair recruitment of seasonal workers",
                          TIMES),
            ],
        ],
        colWidths=[45 * mm, 120 * mm],
    )
    head.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                              ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    challenge_cell = [
        Paragraph("Participants named three groups of obstacles:", TIMES),
        titem("Recruitment fees are still charged to workers in most corridors, even where "
              "national law forbids them, because sub-agents operate outside any licence;"),
        titem("workers borrow from relatives or money lenders to pay the fees;", 1),
        titem("debts are repaid from the first months of wages abroad.", 1),
        titem("Labour inspectors rarely visit farms, and complaints depend on workers who fear "
              "losing their contract."),
        titem("Seasonal visas tie the worker to a single employer."),
    ] + [
        titem(f"Further obstacle number {n} reported by a delegation, recorded here so that "
              "the cell runs over the page break as long notes do.")
        for n in range(1, 15)
    ]
    practice_cell = [
        Paragraph("<b>At national level:</b>", TIMES),
        titem("<b>Licensing of recruiters</b> with public lists of approved agencies and of "
              "those whose licence was withdrawn."),
        titem("<b>Pre-departure briefings</b> run jointly by the two labour ministries."),
        Paragraph("<b>Regional level:</b>", TIMES),
        titem("<b>Mutual recognition of inspection results</b> between neighbouring "
              "countries of destination."),
    ]
    rows = [
        [Paragraph("1. Summary/Main discussion points", cell_label),
         [Paragraph("The session compared how countries of origin and destination share the "
                    "duty to keep recruitment fair for seasonal farm workers. Speakers from "
                    "both sides agreed that no single country can police a corridor alone.",
                    TIMES),
          Paragraph("Government, employer and trade union voices were all present, which "
                    "participants saw as a strength of the session.", TIMES)]],
        [Paragraph("2. Challenges", cell_label), challenge_cell],
        [Paragraph("3. Opportunities / good practices / innovations for the way forward",
                   cell_label), practice_cell],
        [Paragraph("4. Relevance to the Global Compact for Migration and its follow-up, "
                   "implementation and review", cell_label),
         Paragraph("The practices discussed support the Compact's objective on fair and "
                   "ethical recruitment and its call for whole-of-government approaches.",
                   TIMES)],
        [Paragraph("5. Contributions to the achievement of the Agenda 2030", cell_label), ""],
        [Paragraph("6. Inspiring quotes", cell_label),
         Paragraph("\u201cFair recruitment starts in the village, not at the airport.\u201d "
                   "\u2013 anonymous", TIMES)],
    ]
    body = Table(rows, colWidths=[45 * mm, 120 * mm], splitInRow=1)
    body.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                              ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [*story, head, Spacer(1, 10), body]


def make_table_report(path: Path) -> None:
    def page_number(c: canvas.Canvas, doc: SimpleDocTemplate) -> None:
        c.saveState()
        c.setFont("Times-Roman", 9)
        c.drawCentredString(A4[0] / 2, 12 * mm, str(doc.page))
        c.restoreState()

    doc = SimpleDocTemplate(
        str(path), pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm,
        topMargin=20 * mm, bottomMargin=20 * mm, title="Roundtable 1.2 report",
        author="migkg test fixtures",
    )
    doc.build(table_story(), onFirstPage=page_number, onLaterPages=page_number)


def make_small(path: Path, encrypt: str | None = None) -> None:
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    c.setFont("Helvetica", 11)
    c.drawString(72, 760, "1. Summary/Main discussion points")
    c.drawString(72, 740, "A short paragraph that only the right password reveals.")
    c.showPage()
    c.save()


def make_image_only(path: Path) -> None:
    """A page that shows a picture and shapes, as a scan does, but holds no text."""
    c = canvas.Canvas(str(path), pagesize=A4)
    drawing = Drawing(400, 300)
    for i in range(12):
        drawing.add(Rect(10 + 30 * i, 10 + 20 * i, 25, 15, fillColor=colors.grey))
    renderPDF.draw(drawing, c, 100, 400)
    image = Image.new("L", (64, 64), 200)
    c.drawImage(ImageReader(image), 100, 200, width=200, height=200)
    c.showPage()
    c.save()


def make_bomb(path: Path, inflated_mb: int = 2048) -> None:
    """A one-page PDF whose content stream inflates to ``inflated_mb`` MB of zeros.

    Two FlateDecode layers make the file tiny: the inner layer turns the zeros into a highly
    repetitive stream that the outer layer squeezes again.
    """
    inner = zlib.compressobj(9)
    chunk = bytes(1 << 20)
    parts = [inner.compress(chunk) for _ in range(inflated_mb)]
    parts.append(inner.flush())
    stream = zlib.compress(b"".join(parts), 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << >> >>",
        b"<< /Length %d /Filter [/FlateDecode /FlateDecode] >>\nstream\n" % len(stream)
        + stream
        + b"\nendstream",
    ]
    _write_raw_pdf(path, objects)


def _write_raw_pdf(path: Path, objects: list[bytes]) -> None:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUT
    out.mkdir(parents=True, exist_ok=True)
    make_report(out / "template_report.pdf")
    make_table_report(out / "table_report.pdf")
    make_small(out / "encrypted.pdf", encrypt="rapporteur")
    full = (out / "template_report.pdf").read_bytes()
    # Cut mid-file, as an interrupted download leaves it: header and first objects only.
    (out / "truncated.pdf").write_bytes(full[: len(full) // 3])
    (out / "not_a_pdf.pdf").write_text(
        "<html><body><p>This is a web page saved with a .pdf name.</p></body></html>\n",
        encoding="utf-8",
    )
    make_bomb(out / "bomb.pdf")
    make_image_only(out / "image_only.pdf")
    total = 0
    for path in sorted(out.glob("*.pdf")):
        size = path.stat().st_size
        total += size
        print(f"{path.name:24} {size:>8} bytes")
    print(f"{'total':24} {total:>8} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

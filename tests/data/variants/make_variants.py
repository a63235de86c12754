"""Build the binary template variants in this folder (Word and PDF) from content defined here.

The text variants (.md, .txt, .html) are written by hand; the binary ones are generated so
they can be rebuilt byte for byte and reviewed as code:

    .venv/bin/python tests/data/variants/make_variants.py            # writes here
    .venv/bin/python tests/data/variants/make_variants.py --out DIR  # writes elsewhere

Every variant is invented content; each stresses one way of laying out the rapporteur
template that the example reports do not use.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

HERE = Path(__file__).resolve().parent
FIXED_TIME = dt.datetime(2024, 1, 1, 0, 0, 0)
ZIP_TIME = (2024, 1, 1, 0, 0, 0)
NOTE = "Illustrative variant written for migkg tests; speakers and details are invented."


# -- helpers ---------------------------------------------------------------------------


def _runs(par, text: str) -> None:
    """Add ``text`` to ``par``; '**x**' spans become bold runs."""
    for index, piece in enumerate(text.split("**")):
        if piece:
            par.add_run(piece).bold = index % 2 == 1


def _save(document: DocxDocument, path: Path, title: str) -> None:
    props = document.core_properties
    props.title, props.author, props.last_modified_by = title, "migkg tests", "migkg tests"
    props.revision = 1
    props.created = props.modified = props.last_printed = FIXED_TIME
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    out = io.BytesIO()
    # Fixed zip timestamps keep reruns byte-identical, so the committed files only change
    # when their content does.
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    path.write_bytes(out.getvalue())


def _underline(par, text: str) -> None:
    par.add_run(text).underline = True


def _grid(table) -> None:
    """Give the table visible grid lines, as the real templates have."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "4")
        borders.append(element)
    tbl_pr.append(borders)


# -- 1. Heading styles, numbered lists, no level sub-headings ----------------------------


def headings_numbered(path: Path) -> None:
    """Heading 1 sections, Heading 2 challenge groups, 'List Number' items, levels inferred."""
    document = docx.Document()
    document.add_paragraph("Roundtable report: diaspora investment", style="Title")
    document.add_paragraph(NOTE).runs[0].italic = True
    document.add_paragraph("Rapporteur: Ingrid Solberg-Mensah")
    document.add_paragraph("Roundtable 3.2: Harnessing diaspora investment for local development")
    document.add_paragraph("Date: 12-13 June 2019")
    document.add_heading("Summary of the main discussion points", level=1)
    document.add_paragraph(
        "The roundtable asked how savings sent home by migrants can finance local businesses "
        "and public works, and not only household consumption."
    )
    document.add_paragraph(
        "Speakers from countries of origin and from diaspora associations took part."
    )
    document.add_heading("Challenges", level=1)
    document.add_heading("Economic obstacles", level=2)
    for text in (
        "High transfer costs reduce what families can save or invest.",
        "Diaspora investors find few bankable projects in rural areas.",
    ):
        document.add_paragraph(text, style="List Number")
    document.add_heading("Institutional obstacles", level=2)
    document.add_paragraph(
        "Ministries and local governments rarely coordinate their diaspora programmes.",
        style="List Number",
    )
    document.add_heading("Opportunities and good practices for the way forward", level=1)
    for text in (
        "**Diaspora bonds:** Nigeria issued a bond sold to its citizens abroad to finance "
        "infrastructure.",
        "**Matching grants:** Mexico's federal government matched every peso invested by "
        "hometown associations in village projects.",
        "**Regional investment window:** the Economic Community of West African States opened "
        "a window in its investment bank for diaspora-led companies.",
        "**Crowdfunding app:** a mobile app lets migrants invest small amounts in start-ups "
        "in their home town.",
    ):
        _runs(document.add_paragraph(style="List Number"), text)
    document.add_heading("Relevance to the Global Compact for Migration", level=1)
    document.add_paragraph("The discussion relates to objectives 19 and 20 of the Global Compact.")
    document.add_heading("Contribution to the 2030 Agenda", level=1)
    document.add_paragraph("Target 10.c on remittance costs was cited.")
    document.add_heading("Inspiring quotes", level=1)
    document.add_paragraph(
        "\u201cOur diaspora is not a wallet, it is a partner in development.\u201d "
        "\u2013 Anonymous, diaspora organisation"
    )
    _save(document, path, "Roundtable report: diaspora investment")


# -- 2. Table template with manual bullets ----------------------------------------------


def table_bullets(path: Path) -> None:
    """Two-column table; unnumbered labels; '•' typed by hand in Normal paragraphs."""
    document = docx.Document()
    document.add_paragraph("Roundtable Sessions – Reporting Template").runs[0].bold = True
    document.add_paragraph(NOTE).runs[0].italic = True
    rows: list[tuple[str, Callable[[object], None]]] = []

    def text_cell(*paragraphs: str) -> Callable[[object], None]:
        def fill(cell) -> None:
            first = True
            for text in paragraphs:
                par = cell.paragraphs[0] if first else cell.add_paragraph()
                first = False
                if text.startswith("__"):
                    _underline(par, text.strip("_"))
                else:
                    _runs(par, text)
        return fill

    rows = [
        ("Name of Rapporteur", text_cell("Lucía Ferreira-Nkemelu")),
        ("Session", text_cell("1.4 Labour migration governance in South America")),
        ("Date", text_cell("June 12, 2019")),
        ("Summary", text_cell(
            "Delegations compared how labour ministries manage the arrival of workers from "
            "neighbouring countries, and how trade unions can take part."
        )),
        ("Challenges", text_cell(
            "**Economic factors**",
            "•\tInformal employment leaves most migrant workers without contracts.",
            "•\tWages in border areas are far below the national average.",
            "**Governance**",
            "•\tLabour and interior ministries keep separate registers of migrant workers.",
        )),
        ("Opportunities / Good practices", text_cell(
            "__At national level:__",
            "•\t**Single work permit:** Argentina merged residence and work permits for "
            "nationals of neighbouring countries.",
            "__Regional level:__",
            "•\t**MERCOSUR residence agreement:** nationals of member states can live and work "
            "in any other member state for two years.",
            "__Innovation:__",
            "•\t**Online permit renewals:** an online system renews permits without a visit "
            "to an office.",
        )),
        ("Relevance to the GCM", text_cell(
            "The session relates to objective 5 on regular pathways."
        )),
        ("Agenda 2030", text_cell("The discussion supports SDG target 8.8.")),
        ("Inspiring quotes", text_cell(
            "\u201cA worker with papers is a worker with rights.\u201d \u2013 Anonymous, trade "
            "union representative"
        )),
    ]
    table = document.add_table(rows=len(rows), cols=2)
    _grid(table)
    for row, (label, fill) in zip(table.rows, rows, strict=True):
        _runs(row.cells[0].paragraphs[0], f"**{label}**")
        fill(row.cells[1])
    _save(document, path, "Roundtable Sessions – Reporting Template")


# -- 3. Bold paragraph headings, bold category paragraphs, quote forms --------------------


def bold_categories(path: Path) -> None:
    """No Word heading styles at all: bold Normal lines for sections and challenge groups."""
    document = docx.Document()

    def bold(text: str) -> None:
        document.add_paragraph().add_run(text).bold = True

    def italic(text: str) -> None:
        document.add_paragraph().add_run(text).italic = True

    bold("Roundtable 1.2 – Rights of migrants in vulnerable situations")
    italic(NOTE)
    par = document.add_paragraph()
    par.add_run("Name of rapporteur: ").bold = True
    par.add_run("Nadia Rahimi-Castellanos")
    document.add_paragraph("Marrakesh, 12 June 2019")
    bold("1. Summary / main discussion points")
    document.add_paragraph(
        "The roundtable looked at migrants who fall through the gaps of protection: people "
        "who are not refugees but cannot return safely, and children travelling alone."
    )
    bold("2. Challenges")
    bold("Protection gaps")
    for text in (
        "Many migrants in transit have no identity documents at all.",
        "Unaccompanied children are often detained with adults.",
    ):
        document.add_paragraph(text, style="List Bullet")
    bold("Political and institutional obstacles")
    document.add_paragraph(
        "Screening procedures at borders differ from one crossing point to the next.",
        style="List Bullet",
    )
    bold("3. Opportunities / good practices / innovations for the way forward")
    italic("At national level:")
    _runs(document.add_paragraph(style="List Bullet"),
          "**Guardianship for children:** Italy appoints a volunteer guardian for every "
          "unaccompanied child within days of arrival.")
    italic("Regional level:")
    _runs(document.add_paragraph(style="List Bullet"),
          "**Regional guidelines:** the Regional Conference on Migration adopted guidelines "
          "on the protection of migrants in vulnerable situations.")
    bold("4. Relevance to the Global Compact for Migration")
    document.add_paragraph("Objective 7 on reducing vulnerabilities was central.")
    bold("5. Contributions to the achievement of the Agenda 2030")
    document.add_paragraph("Target 16.9 on legal identity for all was raised.")
    bold("6. Inspiring quotes")
    document.add_paragraph(
        "Quote: \u201cA child on the move is a child first, and a migrant second.\u201d "
        "\u2014 Minister Elena Rossi (approved for attribution)"
    )
    document.add_paragraph(
        "\u201cWe ask people to wait at the border for months."
    )
    document.add_paragraph(
        "Then we are surprised when they try another way.\u201d"
    )
    document.add_paragraph("\u2014 Anonymous, border official")
    _save(document, path, "Roundtable 1.2 report")


# -- 4. PDF with plain bold headings and typed bullets -------------------------------------


def pdf_plain(path: Path) -> None:
    """A PDF: bold heading lines, '•' bullets, italic level lines, attribution below quote."""
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    rl_config.invariant = 1
    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    story = []

    def para(markup: str) -> None:
        story.append(Paragraph(markup, body))

    def heading(text: str) -> None:
        story.append(Spacer(1, 6))
        para(f"<b>{text}</b>")

    heading("Roundtable report – Labour mobility in Asia")
    para(f"<i>{NOTE}</i>")
    para("<b>Rapporteur:</b> Daniel Okafor-Nieminen")
    para("<b>Session:</b> 2.2 Ethical recruitment in Asian labour corridors")
    para("<b>Date:</b> 12 June 2019")
    heading("1. Summary / main discussion points")
    para("Participants from governments, recruiters and unions discussed how to end the "
         "practice of charging recruitment fees to workers.")
    heading("2. Challenges")
    para("\u2022 Workers borrow to pay recruiters before they leave home.")
    para("\u2022 Sub-agents in villages are not licensed by any authority.")
    heading("3. Opportunities / good practices / innovations for the way forward")
    para("<i>At national level:</i>")
    para("\u2022 <b>Fee ban:</b> Nepal banned recruitment fees for workers going to seven "
         "destination countries.")
    para("<i>Regional level:</i>")
    para("\u2022 <b>Shared standards:</b> members of the Colombo Process agreed on common "
         "standards for recruitment agencies.")
    heading("4. Relevance to the Global Compact for Migration")
    para("The discussion relates to objective 6 on fair and ethical recruitment.")
    heading("5. Contributions to the achievement of the Agenda 2030")
    para("Target 10.7 was cited.")
    heading("6. Inspiring quotes")
    para("\u201cThe worker should never be the one who pays for the job.\u201d")
    para("\u2013 Anonymous, recruitment agency owner")

    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, title="Roundtable report", author="migkg tests",
                      creator="migkg tests/data/variants/make_variants.py",
                      invariant=1).build(story)
    path.write_bytes(out.getvalue())


BUILDERS: dict[str, Callable[[Path], None]] = {
    "docx_headings_numbered.docx": headings_numbered,
    "docx_table_bullets.docx": table_bullets,
    "docx_bold_categories.docx": bold_categories,
    "pdf_plain_headings.pdf": pdf_plain,
}


def build_all(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, build in BUILDERS.items():
        build(out / name)
        written.append(out / name)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE)
    for path in build_all(parser.parse_args(argv).out):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

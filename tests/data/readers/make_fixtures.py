"""Build the reader-structure fixtures in this folder from content defined here.

Every fixture is small invented content stressing one thing the readers must recover
(list markers and levels, template rows, e-mail furniture, page furniture, site
furniture, damaged encodings). Reruns are byte-identical, so the committed files only
change when this script does:

    .venv/bin/python tests/data/readers/make_fixtures.py            # writes here
    .venv/bin/python tests/data/readers/make_fixtures.py --out DIR  # writes elsewhere
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXED_TIME = dt.datetime(2024, 1, 1, 0, 0, 0)
ZIP_TIME = (2024, 1, 1, 0, 0, 0)
NOTE = "Illustrative fixture written for migkg tests; people and details are invented."

# -- text formats ----------------------------------------------------------------------

LISTS_TXT = f"""{NOTE}

CHALLENGES
1. Data gaps
   a) Surveys rarely ask about
      country of birth;
   b) Records are not shared.
2. Costs
   (i) Recruitment fees
   (ii) Transfer fees
2.1 Fees for seasonal workers
2.1. Fees for domestic workers

Typed bullets:
\u2022 A typed bullet
  \u25e6 a hollow sub-bullet
  o an o sub-bullet
\u2013 An en-dash bullet
\u2014 An em-dash bullet
* A star bullet

Other enumerations:
1) A parenthesis number
(a) A bracketed letter
i. A roman numeral
(iv) A bracketed roman

At national level:
Thailand opened clinics to all
workers, whatever their status.
KEY POINTS FOR THE PLENARY
Speakers agreed on the need for data.
"""

TABS_TXT = (
    f"{NOTE}\r\n"
    "Regional Review of the Compact\t\r\n"
    "Name of Rapporteur:\tAmina Solberg-Diallo\r\n"
    "Reporting Template\t\r\n"
    "1. Summary/Main discussion points\tThe session looked at recruitment.\r\n"
    "\tA second paragraph of the summary.\r\n"
    "2. Challenges\tKey challenges identified were:\r\n"
    "\t\u2022\tSocio-economic:\r\n"
    "\to\tJobs were lost first by migrants;\r\n"
    "\to\tWages went unpaid.\r\n"
    "\t\u2022\tTechnical:\r\n"
    "\to\tData are scarce.\r\n"
    "Challenges\tLack of data \u2022 High fees \u2022 Few pathways\r\n"
    "Quotes\t\u201cData is not a luxury.\u201d\r\n"
)

EMAIL_TXT = f"""From: Ana Ruiz <ana@example.org>
Sent: Monday, 4 March 2024 10:00
To: Secretariat <secretariat@example.org>
Cc: Team <team@example.org>
Subject: Fwd: Notes of roundtable 2.1

Dear colleagues, the rapporteur's notes are below.

Best regards,
Ana
Programme officer

---------- Forwarded message ---------
De : Rapporteur <r@example.org>
Envoy\u00e9 : dimanche 3 mars 2024
\u00c0 : Ana Ruiz <ana@example.org>
Objet : Notes

> {NOTE}
>
> CHALLENGES
>
> - Recruitment fees remain high;
> - Few workers know their rights.
>
> Cordialement,
> Camille

--\u0020
Secretariat of the roundtables
Geneva
"""

EMAIL_EML = (
    "From: Ana Ruiz <ana@example.org>\r\n"
    "To: secretariat@example.org\r\n"
    "Subject: Notes of roundtable 3.2\r\n"
    "Date: Mon, 4 Mar 2024 10:00:00 +0100\r\n"
    "MIME-Version: 1.0\r\n"
    'Content-Type: multipart/mixed; boundary="b1"\r\n'
    "\r\n"
    "--b1\r\n"
    'Content-Type: text/plain; charset="utf-8"\r\n'
    "Content-Transfer-Encoding: quoted-printable\r\n"
    "\r\n"
    f"{NOTE}\r\n"
    "\r\n"
    "CHALLENGES\r\n"
    "\r\n"
    "- Cl=C3=A9mence noted that fees remain high.\r\n"
    "\r\n"
    "Kind regards,\r\n"
    "Ana\r\n"
    "--b1\r\n"
    'Content-Type: application/pdf; name="agenda.pdf"\r\n'
    'Content-Disposition: attachment; filename="agenda.pdf"\r\n'
    "Content-Transfer-Encoding: base64\r\n"
    "\r\n"
    "JVBERi0xLjQK\r\n"
    "--b1--\r\n"
)

LISTS_MD = f"""{NOTE}

# Challenges

1. Data gaps
   1. Surveys
   2. Registers
2. Costs
   - fees
     - visa fees

**A bold paragraph**

Typed in the text, which Markdown has no list syntax for:
a) Data and capacity
(i) surveys
(ii) registers
b) Public debate
\u2022 Stigma
\u25e6 in the media

| Session | 2.1 Mobility |
|---|---|
| a) not an item | in a table |

Setext heading
--------------
"""

PAGE_HTML = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Report</title>
<link rel="stylesheet" href="https://example.org/site.css">
<meta http-equiv="refresh" content="30; url=https://example.org/">
</head><body>
<a class="skip-link" href="#main">Skip to content</a>
<nav><a href="/">Home</a> | <a href="/about">About</a> | <a href="/contact">Contact</a></nav>
<div id="cookie-consent">This site uses cookies. Accept?</div>
<header><h1>Roundtable 1.2 report</h1>
<table><tr><td>Rapporteur</td><td>Amina Solberg-Diallo</td></tr></table></header>
<main>
<p>{NOTE}</p>
<embed src="https://example.org/chart.swf">
<h2>Summary</h2><p>The session discussed fair recruitment.</p>
<object data="https://example.org/video"><h2>Challenges</h2>
<ol type="a" start="2"><li>Fees<ol type="i"><li>visa fees</li><li>agency fees</li></ol></li>
<li value="5">Data</li></ol>
<ul><li>A bullet</li></ul>
<img src="https://example.org/x.png"><video src="https://example.org/v.mp4">
<p><strong>A bold line</strong></p>
<iframe src="https://example.org/frame"><h2>Quotes</h2><p>\u201cLast words.\u201d</p>
</main>
<aside class="share-buttons">Share on social media</aside>
<footer>\u00a9 2024 Example organisation</footer>
</body></html>
"""

WORD_HTML = (
    '<html><head><meta http-equiv=Content-Type content="text/html; charset=windows-1252">'
    "</head><body><p class=MsoNormal>Cl\u00e9mence \u2013 caf\u00e9</p>"
    "<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><span style='font-family:Symbol'>"
    "<span style='mso-list:Ignore'>\u00b7<span>&nbsp;&nbsp; </span></span></span>First item</p>"
    "<p class=MsoListParagraph style='mso-list:l0 level2 lfo1'><span style='mso-list:Ignore'>"
    "o<span>&nbsp;&nbsp; </span></span>Second level</p>"
    "</body></html>"
)


def broken_utf8() -> bytes:
    """A UTF-8 report with one stray Windows-1252 byte in a long text."""
    line = "Cl\u00e9mence Dupont presented the regional review of the Compact.\n"
    return (line * 40).encode() + "Caf\u00e9".encode("cp1252") + b"\n" + (line * 40).encode()


def controls_text() -> bytes:
    body = f"{NOTE}\r\nA plain line of the report that fills the file.\r\r" * 200
    return (body + "A line with a bell\x07 and a NUL\x00 inside.\r\nLast line.\r\n").encode()


# -- Word ------------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _lvl(ilvl: int, fmt: str, text: str, start: int = 1) -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:pPr><w:ind w:left="{720 * (ilvl + 1)}" '
            f'w:hanging="360"/></w:pPr></w:lvl>')


NUMBERING_XML = (
    f'<w:numbering xmlns:w="{W}">'
    '<w:abstractNum w:abstractNumId="0">'
    + _lvl(0, "decimal", "%1.") + _lvl(1, "decimal", "%1.%2.") + _lvl(2, "lowerLetter", "%3)")
    + "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="1">'
    + _lvl(0, "bullet", "\uf0b7") + _lvl(1, "bullet", "o") + "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="2">'
    + _lvl(0, "upperRoman", "%1.") + _lvl(1, "lowerRoman", "(%2)") + "</w:abstractNum>"
    # A list style's definition, and one that only links to that style (as Word writes
    # numbering styles such as "1 / a / i").
    '<w:abstractNum w:abstractNumId="3"><w:styleLink w:val="DashList"/>'
    + _lvl(0, "bullet", "\u2013") + "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="4"><w:numStyleLink w:val="DashList"/></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>'
    '<w:num w:numId="4"><w:abstractNumId w:val="0"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    '<w:num w:numId="5"><w:abstractNumId w:val="3"/></w:num>'
    '<w:num w:numId="6"><w:abstractNumId w:val="4"/></w:num>'
    "</w:numbering>"
)


def _numbered(document, text: str, num_id: int | None, ilvl: int = 0, style: str | None = None,
              indent: int | None = None, bold: bool = False):
    from docx.oxml import parse_xml

    par = document.add_paragraph(style=style)
    par.add_run(text).bold = bold
    p_pr = par._p.get_or_add_pPr()
    if num_id is not None:
        p_pr.append(parse_xml(
            f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/>'
            "</w:numPr>"
        ))
    if indent is not None:
        p_pr.append(parse_xml(f'<w:ind xmlns:w="{W}" w:left="{indent}"/>'))
    return par


def numbered_docx() -> bytes:
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part
    numbering._element = parse_xml(NUMBERING_XML)
    # The template's list styles point at numbering definitions; point List Bullet at ours.
    bullet_style = document.styles["List Bullet"].element
    p_pr = bullet_style.get_or_add_pPr()
    for old in p_pr.findall(f"{{{W}}}numPr"):
        p_pr.remove(old)
    p_pr.append(parse_xml(f'<w:numPr xmlns:w="{W}"><w:numId w:val="2"/></w:numPr>'))
    dash_style = document.styles.add_style("DashList", WD_STYLE_TYPE.LIST).element
    dash_style.append(parse_xml(
        f'<w:pPr xmlns:w="{W}"><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr>'
    ))
    document.add_paragraph(NOTE)
    document.add_heading("Challenges", level=2)
    _numbered(document, "Data gaps", 1, 0)
    _numbered(document, "Surveys miss migrants", 1, 1)
    _numbered(document, "Registers are closed", 1, 1)
    _numbered(document, "a lettered point", 1, 2)
    _numbered(document, "Costs", 1, 0)
    _numbered(document, "Fees for seasonal work", 1, 1)
    _numbered(document, "Bullet by direct numbering", 2, 0)
    _numbered(document, "Sub-bullet", 2, 1)
    _numbered(document, "Bullet by style", None, style="List Bullet")
    _numbered(document, "Roman one", 3, 0)
    _numbered(document, "roman child", 3, 1)
    _numbered(document, "Restarted list", 4, 0)
    _numbered(document, "Numbering switched off", 0, 0, style="List Bullet")
    _numbered(document, "Dash through a list style", 6, 0)
    document.add_paragraph("\u2022 Typed bullet")
    _numbered(document, "a) Typed letter, indented", None, indent=1440)
    document.add_paragraph("2. Typed section number stays a paragraph")
    _numbered(document, "A bold paragraph", None, bold=True)
    return _saved(document, "Numbered lists")


def _saved(document, title: str) -> bytes:
    props = document.core_properties
    props.title, props.author, props.last_modified_by = title, "migkg tests", "migkg tests"
    props.revision = 1
    props.created = props.modified = props.last_printed = FIXED_TIME
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


# -- PDF -------------------------------------------------------------------------------


def furniture_pdf() -> bytes:
    """Three pages with a running header, 'Page N of 3' footers and a paragraph broken
    across the first page break."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1, pageCompression=0)
    pdf.setTitle("Page furniture")
    pdf.setAuthor("migkg tests")
    width, height = A4
    body = [
        [NOTE, "", "Summary", "",
         *["The roundtable looked at how countries of origin and destination share"
           " data on labour migration"] * 1,
         *[f"and line {n} of a long paragraph goes on across the page without a stop"
           for n in range(1, 46)]],
        [f"and line {n} still continues the same paragraph after the page break"
         for n in range(46, 50)] + ["until it ends here.", "", "Challenges", "",
                                    "Fees remain high for seasonal workers."],
        ["Quotes", "", "\u201cData is not a luxury.\u201d"],
    ]
    for number, lines in enumerate(body, start=1):
        pdf.setFont("Helvetica", 9)
        pdf.drawString(72, height - 40, "Roundtable 2.1 report - GFMD")
        pdf.drawString(72, 30, f"Page {number} of {len(body)}")
        y = height - 90
        for line in lines:
            if line in {"Summary", "Challenges", "Quotes"}:
                pdf.setFont("Helvetica-Bold", 14)
            else:
                pdf.setFont("Helvetica", 10)
            if line:
                pdf.drawString(72, y, line)
            y -= 14
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


FIXTURES: dict[str, Callable[[], bytes]] = {
    "lists.txt": lambda: LISTS_TXT.encode(),
    "tabs.txt": lambda: TABS_TXT.encode(),
    "email.txt": lambda: EMAIL_TXT.encode(),
    "note.eml": lambda: EMAIL_EML.encode(),
    "lists.md": lambda: LISTS_MD.encode(),
    "page.html": lambda: PAGE_HTML.encode(),
    "word_export.html": lambda: WORD_HTML.encode("cp1252"),
    "broken_utf8.txt": broken_utf8,
    "controls.txt": controls_text,
    "numbered.docx": numbered_docx,
    "furniture.pdf": furniture_pdf,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, build in FIXTURES.items():
        (args.out / name).write_bytes(build())
        print(args.out / name)


if __name__ == "__main__":
    main()

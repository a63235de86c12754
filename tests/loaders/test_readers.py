"""Format readers: block streams from small inline fixtures, hostile inputs, shared corpus."""

from __future__ import annotations

import io
import time
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from migkg.loaders import readers
from migkg.loaders.model import Block, Document
from migkg.loaders.readers import ReaderError

HYPERLINK_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


def read(path: Path) -> Document:
    doc = readers.read(path)
    check_invariants(doc)
    return doc


def check_invariants(doc: Document) -> None:
    for block in doc.blocks:
        assert doc.text[block.start : block.end] == block.text
        assert block.text == block.text.strip() and "  " not in block.text
        assert "\u00a0" not in block.text and "\u00ad" not in block.text
        assert unicodedata.is_normalized("NFC", block.text)
        if block.bold_lead is not None:
            assert block.text.startswith(block.bold_lead)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def brief(doc: Document) -> list[tuple[str, int, str]]:
    return [(b.kind, b.level, b.text) for b in doc.blocks]


def find(doc: Document, start: str) -> Block:
    return next(b for b in doc.blocks if b.text.startswith(start))


def reader_error(path: Path) -> str:
    with pytest.raises(ReaderError) as caught:
        readers.read(path)
    message = str(caught.value)
    assert message and "\n" not in message and "Traceback" not in message
    return message


# -- registry ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["markdown", "text", "html", "docx"])
def test_registered_readers_load(name: str) -> None:
    reader = readers.get(name)
    assert reader.name == name and reader.suffixes


# -- markdown ---------------------------------------------------------------------------

MARKDOWN = (
    "## Roundtable Sessions\n\n"
    "*Template guidance, please be concise.*\n\n"
    "<b>Name of Rapporteur:</b>\tJane\u00a0Doe\n"
    "**Session:**\t2.1 Mobility\n"
    "Reporting Template\t\n"
    '<b>1. Summary</b>\t<p>First.</p> <p>See <a href="https://ex.org/a">A</a>.</p> <p>Third</p>\n'
    "\n"
    "- Socio-economic reasons:\n"
    "  - Lack of decent jobs and\n"
    "    sustainable employment;\n"
    "  - Deficit of mechanisms.\n"
    "- Technical reasons:\n\n"
    "**4. Relevance to the Global Compact**\n\n"
    "- **National will** to change policy\n\n"
    "> A quoted line\n>\n> Second quote paragraph\n\n"
    "Plain link https://un.org/x. and [ref][r]\n\n"
    "[r]: https://ref.example/\n\n"
    "```\ncode\twith tab\n```\n"
)


def test_markdown_blocks(tmp_path: Path) -> None:
    doc = read(write(tmp_path, "r.md", MARKDOWN))
    assert doc.format == "markdown"
    assert brief(doc)[:2] == [
        ("heading", 2, "Roundtable Sessions"),
        ("paragraph", 0, "Template guidance, please be concise."),
    ]
    assert doc.blocks[1].italic
    name, value = find(doc, "Name of Rapporteur"), find(doc, "Jane Doe")
    assert name.kind == "label" and name.bold_lead == "Name of Rapporteur:"
    assert value.kind == "paragraph" and value.row == name.row is not None
    session = find(doc, "Session:")
    assert session.kind == "label" and session.bold_lead == "Session:" and session.row != name.row
    assert find(doc, "Reporting Template").kind == "label"
    summary = find(doc, "1. Summary")
    row = [b for b in doc.blocks if b.row == summary.row]
    assert [(b.kind, b.text) for b in row] == [
        ("label", "1. Summary"), ("paragraph", "First."), ("paragraph", "See A."),
        ("paragraph", "Third"),
    ]
    assert row[2].links == ("https://ex.org/a",)
    items = [(b.level, b.text) for b in doc.blocks if b.kind == "item"]
    assert items[:4] == [
        (0, "Socio-economic reasons:"),
        (1, "Lack of decent jobs and sustainable employment;"),
        (1, "Deficit of mechanisms."),
        (0, "Technical reasons:"),
    ]
    relevance = find(doc, "4. Relevance")
    assert relevance.kind == "paragraph" and relevance.bold_lead == relevance.text
    assert find(doc, "National will").bold_lead == "National will"
    assert [b.text for b in doc.blocks if b.kind == "quote"] == [
        "A quoted line", "Second quote paragraph",
    ]
    assert find(doc, "Plain link").links == ("https://ref.example/", "https://un.org/x")
    assert find(doc, "code").kind == "paragraph"  # tabs inside code fences are not rows


def test_markdown_reference_bomb_is_refused(tmp_path: Path) -> None:
    text = "[a]: https://example.org/" + "x" * 4000 + "\n\n" + "[a]" * 20000 + "\n"
    started = time.monotonic()
    message = reader_error(write(tmp_path, "bomb.md", text))
    assert "reference" in message and time.monotonic() - started < 5


def test_markdown_raw_html_entities_are_refused(tmp_path: Path) -> None:
    text = '<!DOCTYPE x [<!ENTITY a "aaaa">]>\n\n# Title\n\n&a;\n'
    assert "ENTITY" in reader_error(write(tmp_path, "ent.md", text))


# -- plain text -------------------------------------------------------------------------

TEXT = (
    "[Illustrative document, not official]\n"
    "\n"
    "REGIONAL REVIEW OF THE COMPACT\n"
    "Rapporteur: Clémence Dupont\n"
    "Date: 1 September 2021\n"
    "\n"
    "Summary\n"
    "=======\n"
    "\n"
    "The roundtable discussed the cluster and\n"
    "its follow-up\u00a0in  detail.\n"
    "Background: https://uneca.org/page.\n"
    "\n"
    "CHALLENGES\n"
    "\n"
    "a) Data and capacity\n"
    "   - Surveys do not identify migrants, so\n"
    "     statistics remain partial;\n"
    "   - Records are rarely shared.\n"
    "b) Public debate\n"
    "- Stigmatising portrayals continue.\n"
    "\n"
    "At national level:\n"
    " * **Regularisation:** Morocco ran two campaigns.\n"
    "\t\u2022 Nested with a tab indent\n"
    " * Second point\n"
    "\n"
    "1. Numbered\n"
    "2. Items\n"
    "   (i) roman child\n"
    "\n"
    "(Chatham House rule applies.)\n"
    "Anonymous (delegate):\n"
    '"Data is not a luxury."\n'
    "> quoted by email\n"
    "A sentence broken\tby a stray tab\n"
    "Label one\tIts content\tmore content\n"
    "\tcontinuation of the row\n"
    "---\n"
)


def test_text_blocks(tmp_path: Path) -> None:
    doc = read(write(tmp_path, "r.txt", TEXT))
    assert doc.format == "text"
    first = doc.blocks[0]
    assert first.kind == "paragraph" and first.italic
    assert brief(doc)[1:4] == [
        ("heading", 1, "REGIONAL REVIEW OF THE COMPACT"),
        ("paragraph", 0, "Rapporteur: Clémence Dupont"),
        ("paragraph", 0, "Date: 1 September 2021"),
    ]
    assert find(doc, "Summary").kind == "heading"
    wrapped = find(doc, "The roundtable")
    assert wrapped.text == "The roundtable discussed the cluster and its follow-up in detail."
    assert find(doc, "Background:").links == ("https://uneca.org/page",)
    items = [(b.level, b.text) for b in doc.blocks if b.kind == "item"]
    assert items == [
        (0, "Data and capacity"),
        (1, "Surveys do not identify migrants, so statistics remain partial;"),
        (1, "Records are rarely shared."),
        (0, "Public debate"),
        (1, "Stigmatising portrayals continue."),
        (0, "Regularisation: Morocco ran two campaigns."),
        (1, "Nested with a tab indent"),
        (0, "Second point"),
        (0, "Numbered"),
        (0, "Items"),
        (1, "roman child"),
    ]
    assert find(doc, "Regularisation").bold_lead == "Regularisation:"
    assert find(doc, "(Chatham").italic
    assert find(doc, "Anonymous").text == "Anonymous (delegate):"
    assert find(doc, '"Data').kind == "paragraph"
    assert find(doc, "quoted by email").kind == "quote"
    assert find(doc, "A sentence").text == "A sentence broken by a stray tab"
    label = find(doc, "Label one")
    row = [(b.kind, b.text) for b in doc.blocks if b.row == label.row]
    assert row == [
        ("label", "Label one"), ("paragraph", "Its content"), ("paragraph", "more content"),
        ("paragraph", "continuation of the row"),
    ]


def test_text_list_styles(tmp_path: Path) -> None:
    text = (
        "\u2022\tWord export bullet\n"
        "  o\tsecond level\n"
        "II. Part two\n"
        "A) Sub part\n"
        "i. first roman\n"
        "ii. second roman\n"
    )
    doc = read(write(tmp_path, "l.txt", text))
    assert [(b.level, b.text) for b in doc.blocks] == [
        (0, "Word export bullet"), (1, "second level"), (0, "Part two"), (1, "Sub part"),
        (2, "first roman"), (2, "second roman"),
    ]


def test_text_encodings(tmp_path: Path) -> None:
    bom = read(write(tmp_path, "bom.txt", "\ufeffCafé au lait".encode()))
    assert bom.blocks[0].text == "Café au lait"
    legacy = read(write(tmp_path, "cp.txt", "\u201cQuoted\u201d caf\u00e9".encode("cp1252")))
    assert legacy.blocks[0].text == "\u201cQuoted\u201d café"
    utf16 = read(write(tmp_path, "u16.txt", "Wide text".encode("utf-16")))
    assert utf16.blocks[0].text == "Wide text"


# -- HTML -------------------------------------------------------------------------------

HTML = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"
 "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html><head><title>T</title><style>.b{font-weight:700}</style><script>bad()</script></head>
<body><nav>Home | About</nav><!-- note -->
<p><em>Guidance for rapporteurs.</em></p>
<h2>2. Challenges</h2>
<ul>
  <li><strong>Keeping people in status:</strong> several governments <a href="https://a.org/">acted</a>
    <ul><li>nested one</li><li>nested <a href="javascript:x()">two</a></li></ul>
  </li>
  <li><p>Loose</p><p>continued</p></li>
</ul>
<table>
  <tr><td><strong>Name of Rapporteur:</strong></td><td></td></tr>
  <tr><th>Round table:</th><td>Line one<br>Line two<ul><li>cell item</li></ul></td></tr>
  <tr><td colspan="2"><b>Reporting Template</b></td></tr>
</table>
<div class="section"><div><span class="b">Div lead</span> and text<br>after break</div></div>
<dl><dt>Date</dt><dd>17 May 2022</dd></dl>
<blockquote><p>"First quote"</p><p>- Anonymous</p></blockquote>
<p style="font-weight:bold">Styled bold</p>
<p>&bull; manual bullet</p>
</body></html>"""


def test_html_blocks(tmp_path: Path) -> None:
    doc = read(write(tmp_path, "r.html", HTML))
    assert "Home" not in doc.text and "bad()" not in doc.text and "note" not in doc.text
    assert doc.blocks[0].italic and doc.blocks[0].kind == "paragraph"
    assert brief(doc)[1] == ("heading", 2, "2. Challenges")
    lead = find(doc, "Keeping people")
    assert lead.kind == "item" and lead.level == 0
    assert lead.text == "Keeping people in status: several governments acted"
    assert lead.bold_lead == "Keeping people in status:" and lead.links == ("https://a.org/",)
    nested = [b for b in doc.blocks if b.text.startswith("nested")]
    assert [(b.level, b.links) for b in nested] == [(1, ()), (1, ())]
    assert find(doc, "Loose").text == "Loose continued"
    name = find(doc, "Name of Rapporteur")
    assert name.kind == "label" and name.bold_lead == "Name of Rapporteur:"
    table = find(doc, "Round table:")
    row = [(b.kind, b.text) for b in doc.blocks if b.row == table.row]
    assert row == [
        ("label", "Round table:"), ("paragraph", "Line one"), ("paragraph", "Line two"),
        ("item", "cell item"),
    ]
    assert find(doc, "Reporting Template").kind == "label"
    assert len({name.row, table.row, find(doc, "Reporting Template").row}) == 3
    div = find(doc, "Div lead")
    assert div.text == "Div lead and text" and div.bold_lead == "Div lead"
    assert find(doc, "after break").kind == "paragraph"
    date = find(doc, "Date")
    assert date.kind == "label" and find(doc, "17 May").row == date.row
    assert [b.text for b in doc.blocks if b.kind == "quote"] == ['"First quote"', "- Anonymous"]
    assert find(doc, "Styled bold").bold_lead == "Styled bold"
    assert find(doc, "manual bullet").kind == "item"


def test_html_from_word_and_google_docs(tmp_path: Path) -> None:
    word = (
        "<p class=MsoListParagraphCxSpFirst style='margin-left:36pt;mso-list:l0 level1 lfo1'>"
        "<span style='font-family:Symbol'>\u00b7<span>&nbsp;&nbsp; </span></span>"
        "<b>Lead:</b> first</p>"
        "<p class=MsoListParagraphCxSpLast style='mso-list:l0 level2 lfo1'>"
        "<span>o<span>&nbsp;&nbsp; </span></span>second</p>"
    )
    google = (
        '<b style="font-weight:normal" id="docs-internal-guid-1">'
        '<p><span style="font-weight:700">Bold lead:</span>'
        '<span style="font-weight:400"> plain rest</span></p></b>'
    )
    doc = read(write(tmp_path, "w.html", word + google))
    assert [(b.kind, b.level, b.text, b.bold_lead) for b in doc.blocks] == [
        ("item", 0, "Lead: first", "Lead:"),
        ("item", 1, "second", None),
        ("paragraph", 0, "Bold lead: plain rest", "Bold lead:"),
    ]


def test_html_meta_charset(tmp_path: Path) -> None:
    data = '<meta charset="windows-1252"><p>caf\u00e9 \u2013 ok</p>'.encode("cp1252")
    assert read(write(tmp_path, "c.htm", data)).blocks[0].text == "café – ok"


def test_html_entity_declaration_is_refused(tmp_path: Path) -> None:
    text = '<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]><p>&x;</p>'
    assert "ENTITY" in reader_error(write(tmp_path, "xxe.html", text))


def test_html_deep_nesting_is_refused(tmp_path: Path) -> None:
    text = "<html><body>" + "<div>" * 100_000 + "deep" + "</div>" * 100_000 + "</body></html>"
    assert "nested too deeply" in reader_error(write(tmp_path, "deep.html", text))


# -- docx -------------------------------------------------------------------------------


def _numbered(paragraph, ilvl: int, num_id: int = 1) -> None:
    num_pr = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", ilvl), ("w:numId", num_id)):
        element = OxmlElement(tag)
        element.set(qn("w:val"), str(value))
        num_pr.append(element)
    paragraph._p.get_or_add_pPr().append(num_pr)


def _hyperlink(document, paragraph, url: str, text: str) -> None:
    rel_id = document.part.relate_to(url, HYPERLINK_REL, is_external=True)
    link, run, t = OxmlElement("w:hyperlink"), OxmlElement("w:r"), OxmlElement("w:t")
    link.set(qn("r:id"), rel_id)
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def _lead_item(document, lead: str, rest: str, ilvl: int):
    paragraph = document.add_paragraph(style="List Paragraph")
    paragraph.add_run(lead).bold = True
    paragraph.add_run(rest)
    _numbered(paragraph, ilvl)
    return paragraph


def _save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def table_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph().add_run("Guidance in italics.").italic = True
    table = document.add_table(rows=4, cols=2)
    table.cell(0, 0).paragraphs[0].add_run("Name of Rapporteur:").bold = True
    table.cell(0, 1).text = "Helena Owusu"
    merged = table.cell(1, 0).merge(table.cell(1, 1))
    merged.paragraphs[0].add_run("Reporting Template").bold = True
    table.cell(2, 0).paragraphs[0].add_run("2. Challenges").bold = True
    cell = table.cell(2, 1)
    cell.paragraphs[0].text = "The main obstacles were:"
    for text, level in (("Political:", 0), ("Separate agendas;", 1), ("Technical:", 0)):
        paragraph = cell.add_paragraph(text, style="List Paragraph")
        _numbered(paragraph, level)
    line = cell.add_paragraph("Country A")
    line.add_run().add_break()
    line.add_run("Country B")
    table.cell(3, 0).text = "3. Practices"
    inner = table.cell(3, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "Inner label"
    inner.cell(0, 1).text = "Inner content"
    return _save(document)


def heading_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Roundtable report", style="Title")
    document.add_heading("1. Summary", level=1)
    intro = document.add_paragraph("See ")
    _hyperlink(document, intro, "https://ilo.org/x", "the ILO page")
    _hyperlink(document, intro, "file:///etc/passwd", " local")
    document.add_heading("2. Challenges", level=2)
    document.add_paragraph("Top bullet", style="List Bullet")
    document.add_paragraph("Styled sub-bullet", style="List Bullet 2")
    _lead_item(document, "Bold lead:", " then plain text", 0)
    _lead_item(document, "Nested lead", " at level two", 2)
    document.styles.add_style("Titre 1", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("Défis\u00a0et pratiques", style="Titre 1")
    document.add_paragraph("\u2022 manual bullet")
    document.add_paragraph("\u201cA quote\u201d", style="Quote")
    return _save(document)


def test_docx_table_template(tmp_path: Path) -> None:
    doc = read(write(tmp_path, "t.docx", table_docx()))
    assert doc.format == "docx" and doc.blocks[0].italic
    name = find(doc, "Name of Rapporteur")
    assert name.kind == "label" and name.bold_lead == "Name of Rapporteur:"
    assert find(doc, "Helena").row == name.row
    template = [b for b in doc.blocks if b.text == "Reporting Template"]
    assert len(template) == 1 and template[0].kind == "label"  # merged cell read once
    challenges = find(doc, "2. Challenges")
    row = [(b.kind, b.level, b.text) for b in doc.blocks if b.row == challenges.row]
    assert row == [
        ("label", 0, "2. Challenges"),
        ("paragraph", 0, "The main obstacles were:"),
        ("item", 0, "Political:"),
        ("item", 1, "Separate agendas;"),
        ("item", 0, "Technical:"),
        ("paragraph", 0, "Country A"),
        ("paragraph", 0, "Country B"),
    ]
    practices, inner = find(doc, "3. Practices"), find(doc, "Inner label")
    assert practices.kind == "label" and inner.kind == "label"
    assert inner.row not in (None, practices.row) and find(doc, "Inner content").row == inner.row
    rows = [b.row for b in doc.blocks if b.kind == "label"]
    assert len(rows) == len(set(rows))


def test_docx_heading_styles(tmp_path: Path) -> None:
    doc = read(write(tmp_path, "h.docx", heading_docx()))
    assert brief(doc)[:3] == [
        ("heading", 1, "Roundtable report"),
        ("heading", 1, "1. Summary"),
        ("paragraph", 0, "See the ILO page local"),
    ]
    assert find(doc, "See").links == ("https://ilo.org/x",)
    assert find(doc, "2. Challenges").level == 2
    items = [(b.level, b.text, b.bold_lead) for b in doc.blocks if b.kind == "item"]
    assert items == [
        (0, "Top bullet", None),
        (1, "Styled sub-bullet", None),
        (0, "Bold lead: then plain text", "Bold lead:"),
        (2, "Nested lead at level two", "Nested lead"),
        (0, "manual bullet", None),
    ]
    assert brief(doc)[-3] == ("heading", 1, "Défis et pratiques")
    assert find(doc, "\u201cA quote").kind == "quote"


def test_docx_vertical_merge_tracked_changes_and_controls(tmp_path: Path) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    label = table.cell(0, 0).merge(table.cell(1, 0))
    label.text = "Challenges"
    table.cell(0, 1).text = "first row"
    table.cell(1, 1).text = "second row"
    paragraph = document.add_paragraph("Kept ")
    paragraph._p.append(parse_xml(
        f"<w:del {nsdecls('w')} w:id='1' w:author='a'><w:r><w:delText>gone</w:delText></w:r>"
        "</w:del>"
    ))
    paragraph._p.append(parse_xml(
        f"<w:ins {nsdecls('w')} w:id='2' w:author='a'><w:r><w:t>inserted</w:t></w:r></w:ins>"
    ))
    document.element.body.insert(0, parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r><w:t>In a content control</w:t>"
        "</w:r></w:p></w:sdtContent></w:sdt>"
    ))
    doc = read(write(tmp_path, "m.docx", _save(document)))
    assert doc.blocks[0].text == "In a content control"
    rows = [(b.kind, b.text, b.row) for b in doc.blocks if b.row is not None]
    row = rows[0][2]
    assert rows == [
        ("label", "Challenges", row), ("paragraph", "first row", row),
        ("paragraph", "second row", row),
    ]
    assert find(doc, "Kept").text == "Kept inserted"


def _rezip(data: bytes, replace: dict[str, bytes], extra: dict[str, bytes] | None = None) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info)))
        for name, content in (extra or {}).items():
            target.writestr(name, content)
    return buffer.getvalue()


def test_docx_zip_bomb_is_refused(tmp_path: Path) -> None:
    data = _rezip(heading_docx(), {}, {"word/media/padding.bin": b"\0" * (8 * 1024 * 1024)})
    assert "compressed" in reader_error(write(tmp_path, "bomb.docx", data))


def test_docx_doctype_is_refused(tmp_path: Path) -> None:
    original = heading_docx()
    xml = zipfile.ZipFile(io.BytesIO(original)).read("word/document.xml")
    head, _, body = xml.partition(b"?>")
    evil = head + b'?><!DOCTYPE w:document [<!ENTITY lol "lol">]>' + body
    data = _rezip(original, {"word/document.xml": evil})
    assert "DOCTYPE" in reader_error(write(tmp_path, "dtd.docx", data))


def test_docx_unsafe_archives_are_refused(tmp_path: Path) -> None:
    original = heading_docx()
    traversal = _rezip(original, {}, {"../evil.xml": b"<x/>"})
    assert "unsafe path" in reader_error(write(tmp_path, "trav.docx", traversal))
    many = _rezip(original, {}, {f"extra/{i}.txt": b"" for i in range(2100)})
    assert "too many entries" in reader_error(write(tmp_path, "many.docx", many))


def test_docx_non_zip_inputs(tmp_path: Path) -> None:
    renamed = write(tmp_path, "text.docx", "just some text, not a zip")
    assert "not a zip archive" in reader_error(renamed)
    ole = write(tmp_path, "legacy.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert reader_error(ole) == "not a Word .docx file (legacy .doc or encrypted)"
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("hello.txt", "not office")
    assert "Word" in reader_error(write(tmp_path, "other.docx", other.getvalue()))


# -- limits shared by all readers -------------------------------------------------------


@pytest.mark.parametrize("suffix", [".md", ".txt", ".html", ".docx"])
def test_empty_and_oversized_files(tmp_path: Path, suffix: str, monkeypatch) -> None:
    assert reader_error(write(tmp_path, f"empty{suffix}", b"")) == "empty file"
    big = write(tmp_path, f"big{suffix}", b"x" * 4096)
    monkeypatch.setenv("MIGKG_MAX_FILE_MB", "0.001")
    assert "too large" in reader_error(big)
    monkeypatch.setenv("MIGKG_MAX_FILE_MB", "lots")
    assert "MIGKG_MAX_FILE_MB" in reader_error(big)


@pytest.mark.parametrize("suffix", [".md", ".txt", ".html"])
def test_binary_and_undecodable_text(tmp_path: Path, suffix: str) -> None:
    assert "NUL" in reader_error(write(tmp_path, f"nul{suffix}", b"text\x00more"))
    assert "undecodable" in reader_error(write(tmp_path, f"bad{suffix}", b"caf\x81\x8d\x8f"))
    assert reader_error(write(tmp_path, f"blank{suffix}", " \n\t\n")) == "empty file"


def test_missing_and_special_paths(tmp_path: Path) -> None:
    assert "cannot read" in reader_error(tmp_path / "missing.txt")
    folder = tmp_path / "folder.md"
    folder.mkdir()
    assert "not a regular file" in reader_error(folder)


# -- shared corpus ----------------------------------------------------------------------


def test_corpus_markdown(shared_corpus: Path) -> None:
    doc = read(shared_corpus / "gfmd2018_rt2_1_south_south_mobility.md")
    name = find(doc, "Name of Rapporteur")
    assert name.kind == "label" and find(doc, "Guillaume Cassaigneau").row == name.row
    summary = find(doc, "1. Summary/Main discussion points")
    content = [b for b in doc.blocks if b.row == summary.row and b.kind == "paragraph"]
    assert summary.kind == "label" and len(content) == 3 and len(content[1].links) == 2
    assert find(doc, "2. Challenges").kind == "label"
    assert [b.level for b in doc.blocks if b.kind == "item"][:9] == [0, 1, 1, 1, 1, 0, 1, 1, 1]
    assert sum(1 for b in doc.blocks if b.kind == "item" and b.level == 1) == 7
    assert find(doc, "National will").bold_lead == "National will"
    relevance = find(doc, "4. Relevance")
    assert relevance.kind == "paragraph" and relevance.bold_lead == relevance.text
    assert find(doc, "6. Inspiring quotes").bold_lead == "6. Inspiring quotes:"
    assert find(doc, "3. Opportunities").kind == "heading"
    assert find(doc, "*Please note").italic


def test_corpus_text(shared_corpus: Path) -> None:
    doc = read(shared_corpus / "gcm_rr_africa2021_cluster4_evidence_cooperation.txt")
    assert doc.blocks[0].italic
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    assert "CHALLENGES" in headings and "INSPIRING QUOTES" in headings and len(headings) == 7
    assert find(doc, "Rapporteur:").text == "Rapporteur: Clémence Ayivor-Lindqvist"
    assert find(doc, "Data and capacity").kind == "item"
    assert find(doc, "Data and capacity").level == 0
    assert sum(1 for b in doc.blocks if b.kind == "item" and b.level == 1) == 7
    assert find(doc, "Background:").links[0].startswith("https://uneca.org/")
    assert find(doc, "(Chatham House").italic


def test_corpus_html(shared_corpus: Path) -> None:
    doc = read(shared_corpus / "imrf2022_rt1_drivers_pathways_recruitment.html")
    assert [b.text for b in doc.blocks if b.kind == "label"] == [
        "Name of Rapporteur:", "Round table:",
    ]
    assert sum(1 for b in doc.blocks if b.kind == "heading" and b.level == 2) == 6
    assert find(doc, "Keeping people").bold_lead == "Keeping people in status during the pandemic:"
    assert sum(1 for b in doc.blocks if b.kind == "quote") == 4
    assert find(doc, "Lower recruitment").links


def test_corpus_docx(shared_corpus: Path) -> None:
    doc = read(shared_corpus / "gfmd2018_rt2_2_regional_mobility.docx")
    labels = [b.text for b in doc.blocks if b.kind == "label"]
    assert labels[:2] == ["Name of Rapporteur:", "Roundtable session:"]
    assert "2. Challenges" in labels and "6. Inspiring quotes:" in labels
    challenges = find(doc, "2. Challenges")
    items = [b.level for b in doc.blocks if b.row == challenges.row and b.kind == "item"]
    assert items == [0, 1, 1, 1, 0, 1, 1, 1]
    free = find(doc, "Free movement as a coherence model")
    assert free.bold_lead == "Free movement as a coherence model:" and len(free.links) == 1
    assert find(doc, "Reminder:").italic

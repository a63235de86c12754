"""The structure readers recover: list markers and levels, whole-block bold, template rows,
and what they drop (e-mail, page and site furniture) or repair (encodings), per format.

Fixtures live in tests/data/readers and are rebuilt byte for byte by make_fixtures.py.
"""

from __future__ import annotations

import importlib.util
import time
import unicodedata
from pathlib import Path

import pytest

from migkg.loaders import readers
from migkg.loaders.model import Block, Document
from migkg.loaders.readers import ReaderError
from migkg.loaders.readers import _pdf_child as child
from migkg.loaders.readers._common import decode
from migkg.loaders.readers.docx_numbering import render
from migkg.loaders.readers.html import html_blocks, list_marker

DATA = Path(__file__).resolve().parents[1] / "data" / "readers"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"


def read(name: str | Path) -> Document:
    doc = readers.read(DATA / name if isinstance(name, str) else name)
    for block in doc.blocks:
        assert doc.text[block.start : block.end] == block.text
        assert unicodedata.is_normalized("NFC", block.text)
        assert block.marker is None or block.kind == "item"
        assert block.bold == (block.bold_lead == block.text)
    return doc


def items(doc: Document) -> list[tuple[int, str | None, str]]:
    return [(b.level, b.marker, b.text) for b in doc.blocks if b.kind == "item"]


def find(doc: Document, start: str) -> Block:
    return next(b for b in doc.blocks if b.text.startswith(start))


def reasons(doc: Document) -> list[str]:
    return [reason for reason, _ in doc.removed]


# -- the fixtures are what the script makes ----------------------------------------------


def test_fixtures_are_reproducible(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_fixtures", DATA / "make_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name, build in module.FIXTURES.items():
        assert build() == (DATA / name).read_bytes(), f"{name}: rerun make_fixtures.py"


# -- Word ----------------------------------------------------------------------------------


def test_word_numbering_renders_markers_and_counters() -> None:
    doc = read("numbered.docx")
    assert items(doc) == [
        (0, "1.", "Data gaps"),
        (1, "1.1.", "Surveys miss migrants"),
        (1, "1.2.", "Registers are closed"),
        (2, "a)", "a lettered point"),
        (0, "2.", "Costs"),
        (1, "2.1.", "Fees for seasonal work"),  # the level below restarts when 2. advances
        (0, "•", "Bullet by direct numbering"),  # Symbol-font bullet rendered
        (1, "o", "Sub-bullet"),
        (0, "•", "Bullet by style"),  # numbering through the List Bullet style
        (0, "I.", "Roman one"),
        (1, "(i)", "roman child"),
        (0, "1.", "Restarted list"),  # a startOverride restarts a shared definition
        (0, "\u2013", "Dash through a list style"),  # w:numStyleLink followed
        (0, "•", "Typed bullet"),
        (1, "a)", "Typed letter, indented"),  # level from w:ind
    ]
    assert find(doc, "Numbering switched off").kind == "paragraph"  # numId 0
    assert find(doc, "2. Typed section number").kind == "paragraph"
    assert find(doc, "A bold paragraph").bold
    assert not find(doc, "Data gaps").bold


def test_word_hidden_text_is_listed_as_removed(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    par = document.add_paragraph("Visible ")
    par.add_run("secret draft note").font.hidden = True
    path = tmp_path / "hidden.docx"
    document.save(str(path))
    doc = read(path)
    assert [b.text for b in doc.blocks] == ["Visible"]
    assert doc.removed == [("hidden text", "secret draft note")]


def test_word_number_formats() -> None:
    assert [render("lowerLetter", n) for n in (1, 26, 27)] == ["a", "z", "aa"]
    assert [render("upperRoman", n) for n in (4, 9, 14)] == ["IV", "IX", "XIV"]
    assert render("decimalZero", 3) == "03" and render("decimal", 12) == "12"


# -- plain text ----------------------------------------------------------------------------


def test_text_markers_and_nesting() -> None:
    doc = read("lists.txt")
    got = items(doc)
    assert got[:9] == [
        (0, "1.", "Data gaps"),
        (1, "a)", "Surveys rarely ask about country of birth;"),  # hard wrap joined
        (1, "b)", "Records are not shared."),
        (0, "2.", "Costs"),
        (1, "(i)", "Recruitment fees"),
        (1, "(ii)", "Transfer fees"),
        (1, "2.1", "Fees for seasonal workers"),  # a dotted number sits under its parent
        (1, "2.1.", "Fees for domestic workers"),
        (0, "•", "A typed bullet"),
    ]
    assert got[9:15] == [
        (1, "◦", "a hollow sub-bullet"),
        (1, "o", "an o sub-bullet"),
        (0, "–", "An en-dash bullet"),
        (0, "—", "An em-dash bullet"),
        (0, "*", "A star bullet"),
        (0, "1)", "A parenthesis number"),
    ]
    assert got[-3:] == [
        (1, "(a)", "A bracketed letter"),
        (2, "i.", "A roman numeral"),  # roman: the letter before it is no 'h'
        (2, "(iv)", "A bracketed roman"),
    ]


def test_text_caps_and_colon_lines_are_not_merged() -> None:
    doc = read("lists.txt")
    assert find(doc, "At national level").text == "At national level:"
    thailand = find(doc, "Thailand")
    assert thailand.text == "Thailand opened clinics to all workers, whatever their status."
    caps = find(doc, "KEY POINTS")
    assert caps.text == "KEY POINTS FOR THE PLENARY" and caps.kind == "heading"
    assert find(doc, "Speakers agreed").kind == "paragraph"


def test_text_tab_separated_template_rows() -> None:
    doc = read("tabs.txt")
    assert find(doc, "Regional Review").kind == "paragraph"  # 'Title<TAB>' stands alone
    assert find(doc, "Reporting Template").text == "Reporting Template"
    summary = find(doc, "1. Summary")
    assert summary.kind == "label" and summary.text == "1. Summary/Main discussion points"
    row = [(b.kind, b.text) for b in doc.blocks if b.row == summary.row]
    assert row[1:] == [("paragraph", "The session looked at recruitment."),
                       ("paragraph", "A second paragraph of the summary.")]
    challenges = find(doc, "2. Challenges")
    assert [(b.kind, b.level, b.marker, b.text) for b in doc.blocks
            if b.row == challenges.row][1:] == [
        ("paragraph", 0, None, "Key challenges identified were:"),
        ("item", 0, "•", "Socio-economic:"),
        ("item", 1, "o", "Jobs were lost first by migrants;"),
        ("item", 1, "o", "Wages went unpaid."),
        ("item", 0, "•", "Technical:"),
        ("item", 1, "o", "Data are scarce."),
    ]
    label = next(b for b in doc.blocks if b.kind == "label" and b.text == "Challenges")
    assert [(b.kind, b.text) for b in doc.blocks if b.row == label.row][1:] == [
        ("paragraph", "Lack of data"), ("item", "High fees"), ("item", "Few pathways"),
    ]


def test_text_email_furniture_is_removed_and_listed() -> None:
    doc = read("email.txt")
    assert doc.blocks[0].kind == "heading" and doc.blocks[0].text == "Fwd: Notes of roundtable 2.1"
    assert [b.text for b in doc.blocks if b.kind == "item"] == [
        "Recruitment fees remain high;", "Few workers know their rights.",
    ]  # quoted lines keep their content without '>'
    assert find(doc, "CHALLENGES").kind == "heading"
    assert not any(word in doc.text for word in ("From:", "Envoyé", "Forwarded", "Camille",
                                                  "Best regards", "Secretariat of"))
    assert reasons(doc).count("e-mail header") == 8
    assert "forwarded-message separator" in reasons(doc)
    signatures = [text for reason, text in doc.removed if reason == "signature"]
    assert any("Best regards" in s for s in signatures)
    assert any("Cordialement" in s for s in signatures)
    assert any(s.startswith("--") for s in signatures)


def test_text_forwarded_headers_without_a_separator(tmp_path: Path) -> None:
    path = tmp_path / "outlook.txt"
    path.write_text(
        "From: Ana Ruiz\nSent: Monday\nTo: Secretariat\nSubject: FW: Notes RT 3\n\n"
        "See below.\n\n" + "_" * 32 + "\nFrom: Rapporteur\nSent: Sunday\nTo: Ana Ruiz\n"
        "Subject: Notes RT 3\n\nCHALLENGES\n\n- Fees remain high.\n"
    )
    doc = read(path)
    # The forwarded notes are the write-up; 'See below.' is kept aside, said in removed.
    assert [b.text for b in doc.blocks] == ["FW: Notes RT 3", "CHALLENGES", "Fees remain high."]
    assert sorted(reasons(doc)) == ["e-mail header"] * 7 + ["other message of the thread"]


def test_a_forwarded_request_below_the_notes_is_not_read_as_the_report(tmp_path: Path) -> None:
    path = tmp_path / "reply.txt"
    path.write_text(
        "From: Rapporteur\nSent: Monday\nTo: Secretariat\nSubject: RT 3 notes\n\n"
        "Summary\n\nParticipants discussed remittance costs at length and agreed on next "
        "steps for the region.\n\nChallenges\n\n- Fees remain high in most corridors.\n\n"
        "---------- Forwarded message ---------\nFrom: Secretariat\nSubject: template\n\n"
        "Please use the headings:\n1. Summary\n2. Challenges\n"
    )
    doc = read(path)
    assert "1. Summary" not in doc.text and "Fees remain high" in doc.text
    assert ("other message of the thread" in reasons(doc))


def test_text_report_without_email_keeps_its_date_and_quotes(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("Date: 1 March 2024\n\nSubject: the session\n\n> a quotation\n")
    doc = read(path)
    assert doc.removed == []
    assert find(doc, "Date:").text == "Date: 1 March 2024"
    assert find(doc, "Subject:").kind == "paragraph"
    assert find(doc, "a quotation").kind == "quote"


# -- e-mail files --------------------------------------------------------------------------


def test_eml_subject_heading_body_and_removed_headers() -> None:
    doc = read("note.eml")
    assert doc.format == "eml"
    assert (doc.blocks[0].kind, doc.blocks[0].level) == ("heading", 1)
    assert doc.blocks[0].text == "Notes of roundtable 3.2"
    assert find(doc, "Clémence").kind == "item"  # quoted-printable UTF-8 decoded
    assert ("attachment", "agenda.pdf") in doc.removed
    assert any(text.startswith("From: Ana Ruiz") for _, text in doc.removed)
    assert any(r == "signature" and "Kind regards" in t for r, t in doc.removed)
    assert "Kind regards" not in doc.text


def test_eml_html_body_and_garbage(tmp_path: Path) -> None:
    path = tmp_path / "h.eml"
    path.write_text(
        "Subject: HTML notes\nContent-Type: text/html; charset=utf-8\n\n"
        "<nav>Home</nav><h2>Challenges</h2><ul><li>Fees</li></ul>\n"
    )
    doc = read(path)
    assert [(b.kind, b.marker, b.text) for b in doc.blocks] == [
        ("heading", None, "HTML notes"), ("heading", None, "Challenges"), ("item", "•", "Fees"),
    ]
    assert ("navigation", "Home") in doc.removed
    empty = tmp_path / "empty.eml"
    empty.write_bytes(b"no headers at all, just text\n")
    with pytest.raises(ReaderError):
        readers.read(empty)


def test_eml_report_forwarded_as_an_attachment(tmp_path: Path) -> None:
    inner = "Subject: Report RT 1.1\nFrom: r@example.org\n\nSummary\n=======\n\nText.\n"
    path = tmp_path / "fwd.eml"
    path.write_text(
        'Subject: Fwd: report\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n'
        "--b\nContent-Type: text/plain\n\n\n--b\nContent-Type: message/rfc822\n\n"
        f"{inner}--b--\n"
    )
    doc = read(path)
    assert [(b.kind, b.level, b.text) for b in doc.blocks] == [
        ("heading", 1, "Fwd: report"), ("heading", 2, "Report RT 1.1"),
        ("heading", 1, "Summary"), ("paragraph", 0, "Text."),
    ]
    assert ("e-mail header", "From: r@example.org") in doc.removed


def test_text_atx_heading() -> None:
    from migkg.loaders.readers.text import text_blocks

    assert [(b.kind, b.level, b.text) for b in text_blocks("## Challenges ##\n#1 priority\n")] == [
        ("heading", 2, "Challenges"), ("paragraph", 0, "#1 priority"),
    ]


# -- Markdown --------------------------------------------------------------------------------


def test_markdown_lists_bold_and_headings() -> None:
    doc = read("lists.md")
    assert items(doc) == [
        (0, "1.", "Data gaps"), (1, "1.", "Surveys"), (1, "2.", "Registers"),
        (0, "2.", "Costs"), (1, "•", "fees"), (2, "•", "visa fees"),
        (0, "a)", "Data and capacity"), (1, "(i)", "surveys"), (1, "(ii)", "registers"),
        (0, "b)", "Public debate"), (1, "•", "Stigma"), (2, "◦", "in the media"),
    ]
    assert find(doc, "Typed in the text").kind == "paragraph"
    assert find(doc, "a) not an item").kind == "label"  # no typed lists inside tables
    assert find(doc, "A bold paragraph").bold
    assert find(doc, "Setext heading").kind == "heading"
    assert find(doc, "Challenges").kind == "heading"


# -- HTML ------------------------------------------------------------------------------------


def test_html_main_content_furniture_and_embeds() -> None:
    doc = read("page.html")
    texts = [b.text for b in doc.blocks]
    # The page header holds the report's title and metadata table: it is kept.
    assert texts[:3] == ["Roundtable 1.2 report", "Rapporteur", "Amina Solberg-Diallo"]
    # Nothing after an <embed>, an unclosed <object>, <video> or <iframe> is swallowed.
    for heading in ("Summary", "Challenges", "Quotes"):
        assert find(doc, heading).kind == "heading"
    assert find(doc, "\u201cLast words").kind == "paragraph"
    assert doc.removed == [
        ("navigation", "Skip to content"),
        ("navigation", "Home | About | Contact"),
        ("cookie", "This site uses cookies. Accept?"),
        ("sidebar", "Share on social media"),
        ("footer", "\u00a9 2024 Example organisation"),
    ]
    assert items(doc) == [
        (0, "b.", "Fees"), (1, "i.", "visa fees"), (1, "ii.", "agency fees"),
        (0, "e.", "Data"), (0, "•", "A bullet"),
    ]
    assert find(doc, "A bold line").bold


def test_html_embed_at_the_top_does_not_hide_the_report() -> None:
    blocks = html_blocks('<body><embed src="x.swf"><h2>Summary</h2><p>Text.</p>'
                         '<object data="y"><h2>Challenges</h2><p>More.</p></body>')
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Summary"), ("paragraph", "Text."),
        ("heading", "Challenges"), ("paragraph", "More."),
    ]


def test_html_embed_attributes_and_hostile_tags() -> None:
    blocks = html_blocks('<p>a</p><embed src="x" title="a>b"><p>b</p>'
                         '<iframe src="y" title="c>d"><p>c</p>')
    assert [b.text for b in blocks] == ["a", "b", "c"]
    started = time.monotonic()
    for hostile in ("<embed" * 200_000, '<embed "' * 200_000, "<iframe>" * 200_000):
        html_blocks(hostile + "<p>end</p>")
    assert time.monotonic() - started < 20


def test_html_furniture_holding_the_report_is_kept() -> None:
    removed: list[tuple[str, str]] = []
    page = ('<body><div class="sidebar-layout"><h2>Summary</h2><p>' + "Long text. " * 50
            + '</p></div><div class="menu">Menu</div></body>')
    blocks = html_blocks(page, removed=removed)
    assert blocks[0].text == "Summary" and removed == [("navigation", "Menu")]


def test_html_header_and_footer_inside_main_belong_to_the_report() -> None:
    removed: list[tuple[str, str]] = []
    page = ("<body><nav>Menu</nav><main><header><p>Rapporteur: Ana Ruiz</p></header>"
            "<h2>Summary</h2><p>" + "Text. " * 30 + "</p><footer>Prepared on 1 May</footer>"
            "</main><footer>Site footer</footer></body>")
    texts = [b.text for b in html_blocks(page, removed=removed)]
    assert texts[0] == "Rapporteur: Ana Ruiz" and texts[-1] == "Prepared on 1 May"
    assert removed == [("navigation", "Menu"), ("footer", "Site footer")]


def test_html_word_export_charset_and_mso_markers() -> None:
    doc = read("word_export.html")
    assert doc.blocks[0].text == "Clémence – café" and doc.warnings == []
    assert items(doc) == [(0, "•", "First item"), (1, "o", "Second level")]


def test_html_mso_bidi_properties_do_not_unset_emphasis() -> None:
    blocks = html_blocks("<p><b style='mso-bidi-font-weight:normal'>Bold label:</b> text</p>"
                         "<p><i style='mso-bidi-font-style:normal'>Guidance</i></p>")
    assert blocks[0].bold_lead == "Bold label:" and blocks[1].italic


def test_html_hidden_elements_are_listed_as_removed() -> None:
    removed: list[tuple[str, str]] = []
    page = ('<body><p>Shown</p><div style="display:none">draft note</div><p hidden>old</p>'
            "<script>var tracking = 1;</script></body>")
    assert [b.text for b in html_blocks(page, removed=removed)] == ["Shown"]
    assert removed == [("hidden element", "draft note"), ("hidden element", "old")]


def test_html_list_marker_styles() -> None:
    assert [list_marker("a", 28), list_marker("I", 14), list_marker("1", 3)] == [
        "ab.", "XIV.", "3.",
    ]


# -- PDF ---------------------------------------------------------------------------------------


def test_pdf_page_furniture_removed_and_page_break_joined() -> None:
    doc = read("furniture.pdf")
    assert reasons(doc) == ["page furniture"] * 6
    assert {text for _, text in doc.removed} == {
        "Roundtable 2.1 report - GFMD", "Page 1 of 3", "Page 2 of 3", "Page 3 of 3",
    }
    assert "Page" not in doc.text and "GFMD" not in doc.text
    broken = find(doc, "The roundtable looked")
    assert broken.text.endswith("until it ends here.")
    assert "line 45 of a long paragraph" in broken.text and "line 46 still" in broken.text


def _line(text: str, top: float, page: int) -> child.Line:
    words, x = [], 60.0
    for part in text.split():
        words.append(child.Word(part, x, x + 5 * len(part), top, top + 10, 10.0, False))
        x += 5 * len(part) + 3
    return child.Line(words, page)


@pytest.mark.parametrize("number", ["- {n} -", "Page {n}", "p. {n}", "{n}/4", "{n}"])
def test_pdf_bare_page_numbers_are_removed(number: str) -> None:
    pages = [child.Page(n, 595, 842, [
        _line(f"Body text on page {n} of the report.", 100, n),
        _line(number.format(n=n), 800, n),
    ]) for n in (1, 2)]
    removed: list[list[str]] = []
    child.layout(pages, removed)
    assert removed == [["page furniture", number.format(n=n)] for n in (1, 2)]
    single = [child.Page(3, 595, 842, [_line("Text.", 100, 3), _line(number.format(n=3), 800, 3)])]
    assert child.drop_running_lines(single) == [number.format(n=3)]
    assert [line.text for line in single[0].lines] == ["Text."]


# -- decoding ----------------------------------------------------------------------------------


def test_a_stray_byte_does_not_turn_utf8_into_cp1252() -> None:
    doc = read("broken_utf8.txt")
    assert "Clémence" in doc.text and "Ã" not in doc.text
    assert "Caf\ufffd" in doc.text
    assert doc.warnings == ["1 invalid UTF-8 byte replaced (first at byte 2523)"]


def test_control_characters_and_line_ends() -> None:
    doc = read("controls.txt")
    assert doc.warnings == ["2 control characters removed"]
    assert "\r" not in doc.text and "\x00" not in doc.text and "\x07" not in doc.text
    assert find(doc, "A line with a bell").text == "A line with a bell and a NUL inside."


def test_decoding_policy() -> None:
    assert decode("Café".encode("utf-16-le")).text == "Café"  # UTF-16 without a BOM
    assert decode("Café".encode("utf-16-be")).text == "Café"
    assert decode(b"\xef\xbb\xbfCaf\xc3\xa9").text == "Café"
    lone = decode(b"\xff\xfe" + "ab".encode("utf-16-le") + b"\x00\xd8" + b"c\x00")
    assert lone.text == "ab\ufffdc" and lone.warnings == ("1 invalid UTF-16-LE code unit replaced",)
    legacy = decode("“Quoted” café".encode("cp1252"))
    assert legacy.text == "“Quoted” café" and legacy.warnings == (
        "decoded as cp1252 (not valid UTF-8)",
    )
    # A declared legacy charset is not trusted over bytes that are plainly UTF-8.
    resaved = decode("café".encode(), declared="windows-1252")
    assert resaved.text == "café" and "UTF-8" in resaved.warnings[0]
    assert decode("café".encode("cp1252"), declared="windows-1252").warnings == ()
    assert decode("e\u0301t\u00e9".encode()).text == "\u00e9t\u00e9"  # NFC once
    with pytest.raises(ReaderError, match="NUL"):
        decode(b"text\x00more")


# -- performance -------------------------------------------------------------------------------


@pytest.mark.slow
def test_large_inputs_are_read_without_quadratic_blow_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MIGKG_MAX_LINES", "1000000")  # past the default line limit
    markdown = tmp_path / "big.md"
    markdown.write_text("# Challenges\n\n" + "".join(f"- item {n}\n" for n in range(100_000)))
    started = time.monotonic()
    assert len(readers.read(markdown).blocks) == 100_001
    assert time.monotonic() - started < 30  # about 7 s here; quadratic would be hours
    text = tmp_path / "big.txt"
    lines = (f"{n % 900 + 1}. Item {n}\n   - a sub point that wraps\n     onto a second line\n"
             for n in range(33_334))
    text.write_text("".join(lines))
    started = time.monotonic()
    blocks = readers.read(text).blocks
    assert len(blocks) == 2 * 33_334
    assert blocks[1].text == "a sub point that wraps onto a second line"
    assert time.monotonic() - started < 30


# -- the new corpus reports --------------------------------------------------------------------


def corpus(name: str) -> Path:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"shared corpus not available: {path}")
    return path


def test_corpus_tab_separated_text_export() -> None:
    doc = read(corpus("gcm_rr_asiapacific2021_rt1_regular_migration.txt"))
    labels = [b.text for b in doc.blocks if b.kind == "label"]
    assert labels[3:] == [
        "1. Summary/Main discussion points", "2. Challenges",
        "3. Opportunities / good practices / innovations for the way forward",
        "4. Relevance to the Global Compact for Migration and its follow-up, "
        "implementation and review",
        "5. Contributions to the achievement of the Agenda 2030", "6. Inspiring quotes",
    ]
    challenges = find(doc, "2. Challenges")
    in_row = [b for b in doc.blocks if b.row == challenges.row and b.kind == "item"]
    assert [(b.level, b.marker) for b in in_row[:3]] == [(0, "•"), (1, "o"), (1, "o")]


def test_corpus_word_numbering() -> None:
    doc = read(corpus("unece2020_regional_review_stakeholders.docx"))
    markers = [b.marker for b in doc.blocks if b.kind == "item"]
    assert markers[:5] == ["1.", "a.", "b.", "c.", "2."]
    assert markers.count("1.") == 2  # the second list restarts


def test_corpus_word_html_export() -> None:
    doc = read(corpus("gfmd2012_rt2_2_south_south.html"))
    assert doc.warnings == []
    markers = {b.marker for b in doc.blocks if b.kind == "item"}
    assert markers == {"•", "o"}


def test_a_hundred_thousand_item_list_is_refused_at_once(tmp_path: Path) -> None:
    """Past the line limit a file is refused before it is parsed, in linear time."""
    path = tmp_path / "huge.md"
    path.write_text("# Challenges\n" + "".join(f"- item {i} about Morocco\n"
                                                for i in range(100_000)))
    started = time.process_time()
    with pytest.raises(ReaderError, match="too many lines for a report: 100,001"):
        read(path)
    assert time.process_time() - started < 5


@pytest.mark.parametrize("closing", ["Thanks,", "Merci,", "Gracias,", "Cheers,"])
def test_eml_short_sign_offs_and_the_name_under_them_are_removed(tmp_path: Path,
                                                                 closing: str) -> None:
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "a@example.org", "b@example.org", "RT 2"
    message.set_content("Hi Jonas,\n\nSummary\n\nThe session compared schemes.\n\n"
                        + closing + "\nIbrahim\n")
    path = tmp_path / "note.eml"
    path.write_bytes(bytes(message))
    doc = readers.read(path)
    assert "Ibrahim" not in doc.text
    assert any(closing.rstrip(",") in text for reason, text in doc.removed
               if reason == "signature")


def test_text_a_figure_wrapped_to_the_start_of_a_line_is_no_list_item(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    wrapped = ("The session brought together government officials and the private sector\n"
               "to discuss cheaper remittances across the corridors of the region.\n") * 5
    # the line is as long as the text's longest: '8.1' could not have fitted on it
    line = "A representative of the regional secretariat estimated the yearly gap at USD"
    path.write_text(wrapped + "\n" + line + "\n"
                    "8.1 million a year. The discussion returned often to local authorities.\n"
                    "\n1. Data on returns is scattered.\n", encoding="utf-8")
    doc = readers.read(path)
    assert find(doc, "A representative").text.endswith("USD 8.1 million a year. The discussion "
                                                       "returned often to local authorities.")
    assert [b.text for b in doc.blocks if b.kind == "item"] == ["Data on returns is scattered."]

"""The PDF reader: layout recovery on generated reports, and the parsing sandbox.

Fixtures in tests/data/pdf/ come from scripts/make_test_pdfs.py (reportlab, dev-only).
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from migkg.loaders import readers
from migkg.loaders.model import Block, Document
from migkg.loaders.readers import ReaderError
from migkg.loaders.readers import _pdf_child as child
from migkg.loaders.readers import pdf as pdf_reader
from migkg.loaders.readers.pdf import PdfReader

DATA = Path(__file__).resolve().parents[1] / "data" / "pdf"


@pytest.fixture(scope="module")
def template() -> Document:
    return PdfReader().read(DATA / "template_report.pdf")


@pytest.fixture(scope="module")
def table_report() -> Document:
    return PdfReader().read(DATA / "table_report.pdf")


def find(doc: Document, start: str) -> Block:
    matches = [b for b in doc.blocks if b.text.startswith(start)]
    assert len(matches) == 1, (start, [b.text for b in matches])
    return matches[0]


# -- the template report --------------------------------------------------------------------


def test_registry_picks_the_pdf_reader() -> None:
    reader = readers.for_path(Path("report.PDF"))
    assert reader.name == "pdf" and reader.suffixes == (".pdf",)
    assert readers.read(DATA / "template_report.pdf").format == "pdf"


def test_offsets_index_the_normalised_text(template: Document) -> None:
    assert template.blocks
    for block in template.blocks:
        assert template.text[block.start : block.end] == block.text
        assert block.text == " ".join(block.text.split())


def test_template_sections_are_headings(template: Document) -> None:
    headings = [(b.text, b.level) for b in template.blocks if b.kind == "heading"]
    assert headings == [
        ("Global Forum on Migration and Development, Quito 2019", 1),
        ("Roundtable Sessions \u2013 Reporting Template", 2),
        ("1. Summary/Main discussion points", 3),
        ("2. Challenges", 3),
        ("3. Opportunities / good practices / innovations for the way forward", 3),
        ("At national level:", 4),
        ("Regional level:", 4),
        ("Power of innovation:", 4),
        # wrapped over two lines in the PDF
        ("4. Relevance to the Global Compact for Migration and its follow-up, "
         "implementation and review", 3),
        ("5. Contributions to the achievement of the Agenda 2030", 3),
        ("6. Inspiring quotes", 3),
    ]


def test_rapporteur_table_gives_label_rows(template: Document) -> None:
    labels = [b for b in template.blocks if b.kind == "label"]
    assert [b.text for b in labels] == ["Name of Rapporteur:", "Roundtable session:"]
    assert labels[0].bold_lead == "Name of Rapporteur:"
    name = find(template, "Teodora Valdivieso")
    session = find(template, "3.1 Skills partnerships")
    assert name.row == labels[0].row and session.row == labels[1].row
    assert labels[0].row != labels[1].row
    # the session title wraps inside its cell and comes back as one block
    assert session.text.endswith("destination: from pilot projects to lasting schemes")


def test_items_have_levels_and_joined_wrapped_lines(template: Document) -> None:
    items = [(b.level, b.text) for b in template.blocks if b.kind == "item"]
    assert items[:5] == [
        (0, "Training in the country of origin is rarely aligned with the certification rules "
            "of the destination country, so graduates often work below their level after "
            "they move;"),
        (0, "Employers in destination countries are involved too late:"),
        (1, "curricula are designed by ministries and training bodies before any employer "
            "commits to hiring graduates;"),
        (1, "recruitment costs still fall on the workers in several corridors."),
        (0, "Funding depends on short project cycles, which makes it hard to keep trainers "
            "and equipment once a pilot ends."),
    ]
    # "a)" / "b)" items continue on page 2, numbering markers dropped like other readers do
    assert items[-2:] == [
        (0, "the number of partnerships in place and the people trained;"),
        (0, "the share of graduates employed at their skill level."),
    ]


def test_bold_leads_come_from_the_font(template: Document) -> None:
    leads = [b.bold_lead for b in template.blocks if b.kind == "item" and b.bold_lead]
    assert leads == [
        "Joint curricula with employers:",
        "Recognition before departure",
        "Regional qualification frameworks",
        "Online skills passports",
    ]
    assert find(template, "Joint curricula").text.endswith("both at home and abroad.")


def test_paragraphs_join_wrapped_lines_and_keep_italics(template: Document) -> None:
    summary = find(template, "The roundtable looked at")
    assert summary.kind == "paragraph"
    assert summary.text.endswith("a stronger training system for the country of origin.")
    guidance = find(template, "Please use this template")
    assert guidance.italic and not summary.italic
    assert find(template, "Anonymous (Andean country):").kind == "paragraph"
    assert find(template, "\u201cA partnership is only").kind == "paragraph"


def test_link_annotation_lands_on_its_block(template: Document) -> None:
    linked = [b for b in template.blocks if b.links]
    assert len(linked) == 1
    assert linked[0].links == ("https://example.org/gfmd/rt31-background-note",)
    assert "(see the background note on skills partnerships)" in linked[0].text


def test_running_header_footer_and_page_numbers_are_dropped(template: Document) -> None:
    assert "reporting notes" not in template.text
    assert "Page 1 of 2" not in template.text and "Page 2" not in template.text
    assert "(cid:" not in template.text


def test_whole_template_table_with_a_row_broken_across_pages(table_report: Document) -> None:
    labels = [b for b in table_report.blocks if b.kind == "label"]
    assert [b.text for b in labels][2:] == [
        "1. Summary/Main discussion points",
        "2. Challenges",
        "3. Opportunities / good practices / innovations for the way forward",
        "4. Relevance to the Global Compact for Migration and its follow-up, "
        "implementation and review",
        "5. Contributions to the achievement of the Agenda 2030",
        "6. Inspiring quotes",
    ]
    practices = labels[4]
    # "At national level:" is on page 1, the rest of the cell on page 2: still one row
    in_row = [b for b in table_report.blocks if b.row == practices.row and b is not practices]
    assert [b.text for b in in_row][:2] == [
        "At national level:",
        "Licensing of recruiters with public lists of approved agencies and of those whose "
        "licence was withdrawn.",
    ]
    assert in_row[-1].text.startswith("Mutual recognition of inspection results")
    assert {b.bold_lead for b in in_row if b.kind == "item"} == {
        "Licensing of recruiters", "Pre-departure briefings",
        "Mutual recognition of inspection results",
    }
    # an empty content cell leaves the label alone in its row
    agenda = labels[6]
    assert [b for b in table_report.blocks if b.row == agenda.row] == [agenda]


def test_symbol_font_bullets_and_courier_sub_bullets(table_report: Document) -> None:
    challenges = [b for b in table_report.blocks if b.kind == "item"][:5]
    assert [(b.level, b.text.split()[0]) for b in challenges] == [
        (0, "Recruitment"), (1, "workers"), (1, "debts"), (0, "Labour"), (0, "Seasonal"),
    ]
    assert challenges[0].text.endswith("because sub-agents operate outside any licence;")
    assert not [b for b in table_report.blocks if b.text.isdigit()]  # page numbers dropped


# -- layout heuristics on hand-built lines ------------------------------------------------------


def make_line(text: str, x0: float, top: float, page: int = 1, size: float = 10.0,
              bold: bool = False) -> child.Line:
    words = []
    x = x0
    for part in text.split():
        width = 0.5 * size * len(part)
        words.append(child.Word(part, x, x + width, top, top + size, size, bold))
        x += width + 0.28 * size
    return child.Line(words, page)


def blocks_of(lines: list[child.Line], pages: int = 1) -> list[Block]:
    page_list = [
        child.Page(n, 595, 842, [ln for ln in lines if ln.page == n]) for n in range(1, pages + 1)
    ]
    return pdf_reader._blocks(child.layout(page_list))


def test_dehyphenation_needs_evidence_that_the_hyphen_was_added() -> None:
    lines = [
        make_line("This line ends with a word split by the informa-", 60, 100),
        make_line("tion system and the whole-of-", 60, 112),
        make_line("government approach with capacity-", 60, 124),
        make_line("building in South-", 60, 136),
        make_line("South cooperation on fair recruit-", 60, 148),
        make_line("ment and fair recruitment again.", 60, 160),
    ]
    (block,) = blocks_of(lines)
    assert block.text == (
        "This line ends with a word split by the information system and the "
        "whole-of-government approach with capacity-building in South-South cooperation "
        "on fair recruitment and fair recruitment again."
    )


def test_borderless_label_line_becomes_a_row() -> None:
    lines = [
        make_line("Rapporteur:", 60, 100, bold=True),
        make_line("Clara Ostrowska", 200, 100),
        make_line("Date:", 60, 114, bold=True),
        make_line("1 September 2021", 200, 114),
    ]
    merged = [child.Line(lines[0].words + lines[1].words, 1),
              child.Line(lines[2].words + lines[3].words, 1)]
    blocks = blocks_of(merged)
    assert [(b.kind, b.text) for b in blocks] == [
        ("label", "Rapporteur:"), ("paragraph", "Clara Ostrowska"),
        ("label", "Date:"), ("paragraph", "1 September 2021"),
    ]
    assert blocks[0].row == blocks[1].row != blocks[2].row == blocks[3].row


def test_paragraph_split_by_spacing_and_page_break_continuation() -> None:
    lines = [
        make_line("First paragraph runs over a full line of text in this made up page", 60, 100),
        make_line("and stops here.", 60, 112),
        make_line("Second paragraph starts after a gap and fills the line to the right edge", 60,
                  130),
        make_line("continues on the next page without a break", 60, 70, page=2),
    ]
    blocks = blocks_of(lines, pages=2)
    assert [b.text.split()[0] for b in blocks] == ["First", "Second"]
    assert blocks[1].text.endswith("to the right edge continues on the next page without a break")


def test_list_levels_start_at_zero_in_each_list() -> None:
    lines = [
        make_line("- typed dash item at the margin", 60, 100),
        make_line("A paragraph between the two lists.", 60, 130),
        make_line("\u2022 bulleted item indented like a word processor does", 78, 160),
        make_line("\u2013 its sub-item", 96, 173),
        make_line("\u2022 another bulleted item", 78, 186),
    ]
    blocks = blocks_of(lines)
    assert [(b.kind, b.level) for b in blocks] == [
        ("item", 0), ("paragraph", 0), ("item", 0), ("item", 1), ("item", 0),
    ]


def test_item_wrapped_back_to_the_bullet_edge_still_continues() -> None:
    lines = [
        make_line("\u2022 Shared standards: members agreed on common rules for", 60, 100),
        make_line("recruitment agencies.", 60, 112),
        make_line("\u2022 A second item that ends its sentence.", 60, 130),
        make_line("A paragraph after the list.", 60, 142),
    ]
    blocks = blocks_of(lines)
    assert [(b.kind, b.text) for b in blocks] == [
        ("item", "Shared standards: members agreed on common rules for recruitment agencies."),
        ("item", "A second item that ends its sentence."),
        ("paragraph", "A paragraph after the list."),
    ]


def test_running_lines_need_to_repeat_and_track_page_numbers() -> None:
    pages = []
    for n, session in zip((1, 2, 3), (5, 9, 2), strict=True):
        pages.append(child.Page(n, 595, 842, [
            make_line("Annual forum notes", 60, 30, page=n, size=8),
            make_line(f"Session {session} overview", 60, 70, page=n, size=14, bold=True),
            make_line(f"Body text on page {n} of the report.", 60, 100, page=n),
            make_line(f"Page {n} of 3", 280, 800, page=n, size=8),
        ]))
    child.drop_running_lines(pages)
    kept = [line.text for page in pages for line in page.lines]
    assert "Annual forum notes" not in kept
    assert not any(text.startswith("Page ") for text in kept)
    assert "Session 9 overview" in kept and "Session 2 overview" in kept


def test_font_names_give_bold_and_italic() -> None:
    assert child.font_flags("ABCDEF+Calibri-Bold") == (True, False)
    assert child.font_flags("TimesNewRomanPS-BoldItalicMT") == (True, True)
    assert child.font_flags("Helvetica-Oblique") == (False, True)
    assert child.font_flags("MinionPro-It") == (False, True)
    assert child.font_flags("Arial,Black") == (True, False)
    assert child.font_flags("Calibri-Light") == (False, False)
    assert child.font_flags("Roboto-SemiBold") == (True, False)


# -- hostile files and the sandbox -----------------------------------------------------------


@pytest.fixture(params=["server", "one-shot"])
def tight_limits(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Small limits, through the parser server and through a fresh child per file."""
    monkeypatch.setenv("MIGKG_PDF_TIMEOUT", "10")
    monkeypatch.setenv("MIGKG_PDF_MEMORY_MB", "256")
    monkeypatch.setattr(pdf_reader, "SERVE", request.param == "server")


@pytest.fixture
def one_shot(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fresh child per file (the path where fork is missing), whose command tests swap."""
    monkeypatch.setattr(pdf_reader, "SERVE", False)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("encrypted.pdf", "encrypted PDF is not supported"),
        ("truncated.pdf", "truncated PDF (no end-of-file marker)"),
        ("not_a_pdf.pdf", "not a PDF file"),
        ("image_only.pdf", "PDF has no extractable text (scanned image?)"),
        ("bomb.pdf", "PDF parsing exceeded the memory limit"),
    ],
)
def test_hostile_files_give_one_line_errors(tight_limits: None, name: str, message: str) -> None:
    started = time.monotonic()
    with pytest.raises(ReaderError) as caught:
        PdfReader().read(DATA / name)
    assert str(caught.value) == message
    assert time.monotonic() - started < 10


def test_damaged_structure_is_reported(tmp_path: Path, tight_limits: None) -> None:
    path = tmp_path / "damaged.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage\n%%EOF\n")
    with pytest.raises(ReaderError) as caught:
        PdfReader().read(path)
    message = str(caught.value)
    assert message.startswith("damaged PDF") and "\n" not in message


def test_page_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MIGKG_PDF_MAX_PAGES", "1")
    with pytest.raises(ReaderError, match=r"^PDF has more than 1 page \(set MIGKG_PDF_MAX_PAGES"):
        PdfReader().read(DATA / "template_report.pdf")


def test_file_size_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MIGKG_MAX_FILE_MB", "0.001")
    with pytest.raises(ReaderError, match="file too large"):
        PdfReader().read(DATA / "template_report.pdf")


@pytest.mark.parametrize(
    ("variable", "value"),
    [("MIGKG_PDF_TIMEOUT", "soon"), ("MIGKG_PDF_TIMEOUT", "-1"), ("MIGKG_PDF_MEMORY_MB", "16")],
)
def test_bad_limit_settings_are_reported(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ReaderError, match=variable):
        PdfReader().read(DATA / "template_report.pdf")


class _Recorder(subprocess.Popen):
    started: list[subprocess.Popen] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _Recorder.started.append(self)


def test_hanging_child_is_killed_at_the_timeout(
    monkeypatch: pytest.MonkeyPatch, one_shot: None
) -> None:
    monkeypatch.setenv("MIGKG_PDF_TIMEOUT", "1")
    monkeypatch.setattr(
        pdf_reader, "child_command",
        lambda limits: [sys.executable, "-c", "import time; time.sleep(60)"],
    )
    _Recorder.started = []
    monkeypatch.setattr(pdf_reader.subprocess, "Popen", _Recorder)
    started = time.monotonic()
    with pytest.raises(ReaderError, match=r"^PDF parsing timed out after 1 s$"):
        PdfReader().read(DATA / "template_report.pdf")
    assert time.monotonic() - started < 5
    (proc,) = _Recorder.started
    assert proc.returncode == -signal.SIGKILL  # killed and reaped, not left running


def test_child_crash_and_garbage_output_are_one_line(
    monkeypatch: pytest.MonkeyPatch, one_shot: None
) -> None:
    script = {
        "crash": "import os, signal; os.kill(os.getpid(), signal.SIGSEGV)",
        "garbage": "print('not json')",
        "error": "import sys; sys.stderr.write('boom\\nlast words\\n'); sys.exit(3)",
    }
    expected = {
        "crash": "PDF parsing crashed (SIGSEGV)",
        "garbage": "PDF parsing failed (exit code 0)",
        "error": "PDF parsing failed (exit code 3): last words",
    }
    for case, code in script.items():
        monkeypatch.setattr(pdf_reader, "child_command",
                            lambda limits, code=code: [sys.executable, "-c", code])
        with pytest.raises(ReaderError) as caught:
            PdfReader().read(DATA / "template_report.pdf")
        assert str(caught.value) == expected[case]


def test_cpu_limit_counts_as_timeout(monkeypatch: pytest.MonkeyPatch, one_shot: None) -> None:
    spin = "import resource\nresource.setrlimit(resource.RLIMIT_CPU, (1, 3))\nwhile True: pass"
    monkeypatch.setattr(pdf_reader, "child_command", lambda limits: [sys.executable, "-c", spin])
    with pytest.raises(ReaderError, match=r"^PDF parsing timed out after 9 s$"):
        PdfReader(timeout=9).read(DATA / "template_report.pdf")


def test_child_limits_itself_when_nobody_is_watching() -> None:
    # The alarm ends an orphaned child even if its parent is gone and stdin never closes.
    proc = subprocess.Popen(
        [sys.executable, "-I", str(pdf_reader._CHILD), "--memory-mb", "512",
         "--cpu-seconds", "5", "--wall-seconds", "1", "--max-pages", "5"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        assert proc.wait(timeout=10) == -signal.SIGALRM
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()

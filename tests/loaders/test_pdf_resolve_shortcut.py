"""The PDF reader's shortcut past pdfplumber's resolve_all gives the same parse."""

from __future__ import annotations

import json
from pathlib import Path

import pdfplumber.page
import pytest
from pdfplumber.utils import resolve_all

from migkg import resources
from migkg.loaders.readers import _pdf_child

PDFS = [Path(str(p)) for p in resources.example_files() if str(p).endswith(".pdf")] + [
    Path(__file__).parent.parent / "data" / "pdf" / name
    for name in ("table_report.pdf", "template_report.pdf")]


def _parse_all() -> str:
    return json.dumps([_pdf_child.parse(p.read_bytes(), 50) for p in PDFS], sort_keys=True,
                      default=str)


def test_the_shortcut_changes_no_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    assert len(PDFS) >= 3
    monkeypatch.setattr(_pdf_child, "_speed_up_pdfplumber", lambda: None)
    monkeypatch.setattr(pdfplumber.page, "resolve_all", resolve_all)
    plain = _parse_all()
    monkeypatch.undo()
    monkeypatch.setattr(pdfplumber.page, "resolve_all", resolve_all)  # restored after
    _pdf_child._speed_up_pdfplumber()
    assert pdfplumber.page.resolve_all is not resolve_all
    assert _parse_all() == plain


@pytest.mark.parametrize("value", [1.5, 3, "F1", None, True, (1.0, 0.0, 0.0, 1.0, 72.0, 700.0),
                                   [1, 2], {"a": (1, 2)}, ((1, 2), 3)])
def test_the_shortcut_gives_what_resolve_all_gives(value: object,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdfplumber.page, "resolve_all", resolve_all)
    _pdf_child._speed_up_pdfplumber()
    fast = pdfplumber.page.resolve_all(value)
    assert fast == resolve_all(value) and type(fast) is type(resolve_all(value))

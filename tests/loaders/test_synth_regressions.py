"""Layouts the synthetic reports (bench/synth) showed the loader misreading, each pinned by
the generated report that showed it: report INDEX of run SEED, in the format the run gives
it. The generator is deterministic, so each is the same file on every machine."""

from __future__ import annotations

from pathlib import Path

import pytest
from synth import FORMATS, write_report

from migkg.loaders.metadata import read_metadata
from migkg.loaders.readers import read
from migkg.loaders.segment import segment


def _read(seed: int, index: int, tmp_path: Path):
    planted = write_report(seed, index, FORMATS[index % len(FORMATS)], tmp_path)
    segmented = segment(read(tmp_path / planted["file"]))
    return planted, segmented, read_metadata(segmented)


@pytest.mark.parametrize(
    ("seed", "index", "what"),
    [
        (7, 39, "the quotes section comes second, before the challenges"),
        (31, 13, "a hard-wrapped figure ('at USD' / '8.1 million') starts a line"),
        (31, 48, "an e-mail signed off 'Thanks,' and a first name"),
        (7, 48, "quote attributions '-- anónima, …' in an e-mail"),
        (7, 97, "a name in capitals wrapped onto a line of its own: 'con el apoyo de' / "
                "'MERCOSUR.'"),
    ],
)
def test_read_without_warnings(seed: int, index: int, what: str, tmp_path: Path) -> None:
    _, segmented, _ = _read(seed, index, tmp_path)
    assert segmented.warnings() == [], what


@pytest.mark.parametrize(
    ("seed", "index", "what"),
    [
        (7, 48, "an unlabelled 'Mesa 6 - …' line under the event's name in an e-mail"),
        (7, 6, "'Session 4 - …' under the event's name in a hard-wrapped e-mail"),
    ],
)
def test_session_code_and_title(seed: int, index: int, what: str, tmp_path: Path) -> None:
    planted, _, metadata = _read(seed, index, tmp_path)
    assert metadata.session_code == planted["session"], what
    assert metadata.session_title, what


@pytest.mark.parametrize(
    ("seed", "index", "key"),
    [
        (7, 10, "imrf-2026"),  # a plain title line in a Word .htm
        (7, 11, "gfmd-2025"),  # a .docx table's title row '… – Rapporteur reporting form'
        (7, 3, "gcm-rr-2024-africa"),
    ],
)
def test_event_named_in_a_title_line_without_a_label(seed: int, index: int, key: str,
                                                     tmp_path: Path) -> None:
    _, _, metadata = _read(seed, index, tmp_path)
    assert metadata.event is not None and metadata.event.key == key
    assert "form" not in metadata.event.label


@pytest.mark.parametrize(
    ("seed", "index", "key", "rapporteur"),
    [
        # subject 'Rapporteur notes: Roundtable 2.2': a title, not the rapporteur field
        (7, 27, "gfmd-2021", "Lucía Novak"),
        # subjects 'Write-up RT 2.2', 'Fwd: notes from Roundtable 6' name the session
        (7, 111, "gcm-rr-2024-africa", "Henrik Haddad-Mendoza"),
        (7, 139, "gcm-rr-2025-unece-region", "Kwame Ferreira-Achterberg"),
    ],
)
def test_an_e_mail_subject_is_neither_the_event_nor_the_rapporteur(
        seed: int, index: int, key: str, rapporteur: str, tmp_path: Path) -> None:
    _, _, metadata = _read(seed, index, tmp_path)
    assert metadata.event is not None and metadata.event.key == key
    assert metadata.rapporteur == rapporteur


@pytest.mark.parametrize(
    ("seed", "index", "what"),
    [
        # 'Pertinence pour le Pacte mondial sur les migrations et son suivi, sa mise en
        # œuvre et son examen': the French GCM heading typed out in full is 18 words long.
        (31, 27, "the French GCM heading typed out in full in an e-mail"),
    ],
)
def test_every_planted_section_is_found(seed: int, index: int, what: str,
                                        tmp_path: Path) -> None:
    planted, segmented, _ = _read(seed, index, tmp_path)
    found = [key for key, section in segmented.sections.items() if section.heading]
    assert sorted(found) == sorted(planted["sections"]), what
    assert "17" in " ".join(block.text for block in segmented.sections["gcm"].blocks), what

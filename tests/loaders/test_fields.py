"""Header fields read from small preambles, one per way a rapporteur writes them."""

from __future__ import annotations

from migkg.loaders.model import Block
from migkg.loaders.segment.fields import read_fields


def _lines(*texts: str) -> list[Block]:
    return [Block("paragraph", text) for text in texts]


def _row(row: int, *cells: str) -> list[Block]:
    """One table row as the docx reader gives it: the first cell a label, the rest paragraphs."""
    first, *rest = cells
    return [Block("label", first, row=row), *(Block("paragraph", c, row=row) for c in rest)]


# -- 'Label — value' ----------------------------------------------------------------------

def test_a_label_and_its_value_after_a_dash():
    fields = read_fields(_lines("Roundtable 4: Data for inclusion",
                                "Rapporteur — Tomás Ferreira-Quist",
                                "Session — Roundtable 4",
                                "Date - 9 May 2023"))
    assert fields.rapporteur == "Tomás Ferreira-Quist"
    assert fields.session == "Roundtable 4 Data for inclusion"
    assert fields.date == "9 May 2023"


def test_a_title_line_with_a_dash_is_not_a_rapporteur():
    fields = read_fields(_lines("Rapporteur's report — Roundtable 2.2", "Roundtable 2.2 – Housing"))
    assert fields.rapporteur is None
    assert not fields.rapporteur_label
    assert fields.session == "Roundtable 2.2 – Housing"


def test_a_label_line_with_a_name_does_not_take_the_next_line_as_the_name():
    fields = read_fields(_lines("Prepared by Ana Lindqvist-Osei", "Session — Roundtable 1"))
    assert fields.rapporteur == "Ana Lindqvist-Osei"


# -- a horizontal table: a row of labels above a row of values -----------------------------

def test_a_row_of_labels_above_a_row_of_values():
    blocks = [*_row(0, "Roundtable", "Rapporteur", "Date"),
              *_row(1, "RT 1.3 – Skills for work", "Jonas Achterberg-Lima", "4 June 2019")]
    fields = read_fields(blocks)
    assert fields.rapporteur == "Jonas Achterberg-Lima"
    assert fields.session == "RT 1.3 – Skills for work"
    assert fields.date == "4 June 2019"


def test_an_empty_rapporteur_cell_is_said_and_not_filled_from_a_neighbour():
    blocks = [*_row(0, "Roundtable", "Rapporteur", "Date"),
              *_row(1, "RT 1.3 – Skills for work", "", "4 June 2019")]
    fields = read_fields(blocks)
    assert fields.rapporteur is None
    assert fields.rapporteur_label


def test_two_rows_of_label_and_value_are_not_a_horizontal_table():
    blocks = [*_row(0, "Rapporteur", "Jonas Achterberg-Lima"), *_row(1, "Date", "4 June 2019")]
    fields = read_fields(blocks)
    assert (fields.rapporteur, fields.date) == ("Jonas Achterberg-Lima", "4 June 2019")


# -- 'Reporter' -----------------------------------------------------------------------------

def test_reporter_is_a_rapporteur_label():
    blocks = [*_row(0, "Reporter", "Dr. Kwame Oduya-Berg"), *_row(1, "Date", "23/01/2020")]
    assert read_fields(blocks).rapporteur == "Dr. Kwame Oduya-Berg"
    assert read_fields(_lines("Reporter: Kwame Oduya-Berg")).rapporteur == "Kwame Oduya-Berg"


def test_a_reporter_label_without_a_value_is_still_a_label():
    fields = read_fields([*_row(0, "Reporter", ""), *_row(1, "Date", "23/01/2020")])
    assert fields.rapporteur is None
    assert fields.rapporteur_label


# -- named in a header line -----------------------------------------------------------------

def test_notes_taken_by_a_name():
    fields = read_fields(_lines("Roundtable 2.1 of the Summit, held on 24 January 2024. Notes "
                                "taken by Mele Tuipulotu-Hansen, who served as rapporteur."))
    assert fields.rapporteur == "Mele Tuipulotu-Hansen"
    assert fields.rapporteur_label


def test_prepared_by_a_name_followed_by_a_joined_line():
    fields = read_fields(_lines("Rapporteur's report, prepared by Samir Okafor-Lund "
                                "Session held online on 27 January 2021"))
    assert fields.rapporteur == "Samir Okafor-Lund"


def test_written_up_by_and_reported_by_in_any_case():
    assert read_fields(_lines("Written up by Dr. Lena van Dijk.")).rapporteur == \
        "Dr. Lena van Dijk"
    assert read_fields(_lines("REPORTED BY ELIF KARA-NILSSON")).rapporteur == \
        "ELIF KARA-NILSSON"
    assert read_fields(_lines("RAPPORTEUR: Elif Kara-Nilsson")).rapporteur == \
        "Elif Kara-Nilsson"


def test_french_forms():
    assert read_fields(_lines("Rapporteur·rice : Claire Mbaye-Roux")).rapporteur == \
        "Claire Mbaye-Roux"
    fields = read_fields(_lines("Compte rendu de la table ronde 2, rédigé par Claire "
                                "Mbaye-Roux, le 5 mai 2022"))
    assert fields.rapporteur == "Claire Mbaye-Roux"


def test_spanish_forms():
    assert read_fields(_lines("Relatoría: Lucía Paredes-Okoye")).rapporteur == \
        "Lucía Paredes-Okoye"
    fields = read_fields(_lines("Mesa redonda 3. Relatoría a cargo de Lucía Paredes-Okoye."))
    assert fields.rapporteur == "Lucía Paredes-Okoye"


def test_a_sentence_naming_the_role_without_a_name_is_not_a_rapporteur():
    fields = read_fields(_lines("Notes taken by the rapporteur for the session.",
                                "The rapporteur will circulate a summary to participants."))
    assert fields.rapporteur is None
    assert not fields.rapporteur_label


def test_a_name_in_prose_without_an_explicit_phrase_is_not_guessed():
    fields = read_fields(_lines("Maria Okonkwo-Sandberg opened the session and thanked the "
                                "rapporteur."))
    assert fields.rapporteur is None


def test_a_by_phrase_with_nothing_after_it_is_an_empty_label():
    for preamble in (_lines("Notes taken by"), _lines("Roundtable 1.1 report, notes taken by:")):
        fields = read_fields(preamble)
        assert fields.rapporteur is None
        assert fields.rapporteur_label


def test_a_body_named_after_by_is_not_a_rapporteur():
    fields = read_fields(_lines("This note was prepared by UN Network staff.",
                                "Written by Ghana's Ministry of Labour for the session."))
    assert fields.rapporteur is None

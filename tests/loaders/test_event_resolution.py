"""The event each report is about, as its header says, and the keys of events outside the
catalogue. The expectations are written from what each report's header says; the new
headers at the end check each matching rule on wordings that no bundled report uses."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from migkg.loaders import readers
from migkg.loaders.events import KEY_LENGTH, event_key, resolve_event
from migkg.loaders.metadata import read_metadata
from migkg.loaders.segment import segment
from migkg.ontology.iris import slug

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# file -> (key, catalogue event?)
EXPECTED_EXAMPLES = {
    # 'Asia-Pacific Regional Review of Implementation of the GCM', 'Bangkok and online, March 11'
    "aprr2021_rt2_fair_recruitment.md": ("gcm-rr-asia-pacific-2021", True),
    # names no event: the session and '6 March 2024, United Nations Conference Centre, Bangkok'
    "aprr2024_rt3_smuggling_trafficking.pdf": ("2024-bangkok", False),
    # a francophone consultation on the Compact in Dakar, March 2024: not in the catalogue
    "consultation_dakar2024_tr2_mobilite_main_oeuvre.docx":
        ("gcm-rr-2024-francophone-dakar-senegal", False),
    # 'Regional Review of the Global Compact for Migration in Africa, online (hosted by Morocco)'
    "gcm_rr_africa2021_free_movement_webpage.html": ("gcm-rr-africa-2021", True),
    # 'Examen régional du Pacte mondial ... en Afrique', 'En ligne (accueilli par le Maroc)'
    "gcm_rr_afrique2021_tr2_retour_reintegration.htm": ("gcm-rr-africa-2021", True),
    # 'Revisión Regional del Pacto Mundial ... América Latina y el Caribe', 'Virtual, desde…'
    "gcm_rr_lac2021_mesa3_regularizacion.md": ("gcm-rr-lac-2021", True),
    "gfmd2018_rt3_1_children_on_the_move.docx": ("gfmd-2018", True),
    "gfmd2020_rt1_2_skills_partnerships.docx": ("gfmd-2020", True),
    "gfmd2020_rt2_1_cities_tabbed.txt": ("gfmd-2020", True),
    "gfmd2021_rt2_1_future_of_work.docx": ("gfmd-2021", True),
    "gfmd2021_rt3_1_diaspora_engagement.txt": ("gfmd-2021", True),
    "gfmd2024_rt2_1_pacific_labour_mobility.md": ("gfmd-2024", True),
    "gfmd2024_rt3_1_climate_mobility.pdf": ("gfmd-2024", True),
    "imrf2022_rt3_note_by_email.eml": ("imrf-2022", True),
    "imrf2022_rt4_data_discrimination.html": ("imrf-2022", True),
    "imrf2022_tr2_frontieres_sauvetage_fr.txt": ("imrf-2022", True),
    # 'Second International Migration Review Forum ... May 2026': the series meets once a year
    "imrf2026_rt3_inclusion_contributions.html": ("imrf-2026", False),
    "session2_2_seasonal_agriculture.txt": (None, False),  # the header names no event
}

EXPECTED_CORPUS = {
    "gcm_rr_africa2021_cluster4_evidence_cooperation.txt": "gcm-rr-africa-2021",
    "gcm_rr_asiapacific2021_rt1_regular_migration.txt": "gcm-rr-asia-pacific-2021",
    "gfmd2012_rt2_2_south_south.html": "gfmd-2012",
    "gfmd2018_rt2_1_south_south_mobility.md": "gfmd-2018",
    "gfmd2018_rt2_2_regional_mobility.docx": "gfmd-2018",
    "imrf2022_rt1_drivers_pathways_recruitment.html": "imrf-2022",
    # 'First Regional Review of the GCM in the UNECE region', 'consultation, online, 9 November'
    "unece2020_regional_review_stakeholders.docx": "gcm-rr-unece-2020",
}


def _event(path: Path):
    return read_metadata(segment(readers.read(path))).event


def test_every_example_has_an_expectation() -> None:
    files = {p.name for p in EXAMPLES.iterdir() if p.is_file()
             and p.name not in ("README.md", "__init__.py")}
    assert files == set(EXPECTED_EXAMPLES)


@pytest.mark.parametrize("name", sorted(EXPECTED_EXAMPLES))
def test_example_resolves_to_its_event(name: str) -> None:
    key, known = EXPECTED_EXAMPLES[name]
    event = _event(EXAMPLES / name)
    if key is None:
        assert event is None
        return
    assert event is not None and event.key == key
    assert (event.known_iri is not None) == known
    assert len(event.key) <= KEY_LENGTH


@pytest.mark.parametrize("name", sorted(EXPECTED_CORPUS))
def test_corpus_report_resolves_to_its_event(shared_corpus: Path, name: str) -> None:
    event = _event(shared_corpus / name)
    assert event is not None and event.known_iri is not None
    assert event.key == EXPECTED_CORPUS[name]


# ------------------------------------------------------------------ new headers (leave-one-out)


def _resolve(header: str, when: date | None):
    lines = header.strip().splitlines()
    return resolve_event(header, lines[0], when, detail=lines[-1])


@pytest.mark.parametrize(("header", "when", "key"), [
    # Spanish series wording and Spanish region name; no Spanish label in the catalogue
    ("Revisión regional del Pacto Mundial para la Migración en Asia y el Pacífico\n"
     "Bangkok y en línea, 11 de marzo de 2021", date(2021, 3, 11), "gcm-rr-asia-pacific-2021"),
    # French series wording, French region name, 'En ligne' as the only place
    ("Examen régional du Pacte mondial sur les migrations dans la région de la CEE-ONU\n"
     "En ligne, 12 novembre 2020", date(2020, 11, 12), "gcm-rr-unece-2020"),
    # French 'consultation régionale' with the region in French
    ("Consultation régionale sur le Pacte mondial pour des migrations sûres en Amérique latine "
     "et dans les Caraïbes\nVisioconférence, 27 avril 2021", date(2021, 4, 27),
     "gcm-rr-lac-2021"),
    # English with 'online', the region named after the series
    ("Regional review of the Global Compact for Migration: Latin America and the Caribbean\n"
     "Online, 27 April 2021", date(2021, 4, 27), "gcm-rr-lac-2021"),
    # no region named: the city and the days identify the review
    ("GCM regional review – roundtable notes\nBangkok, 11 March 2021", date(2021, 3, 11),
     "gcm-rr-asia-pacific-2021"),
    # the GFMD in Spanish and French
    ("Foro Mundial sobre Migración y Desarrollo\nQuito, 22 de enero de 2020", date(2020, 1, 22),
     "gfmd-2020"),
    ("Forum mondial sur la migration et le développement\nEn ligne, 19 janvier 2021",
     date(2021, 1, 19), "gfmd-2021"),
])
def test_new_header_resolves(header: str, when: date, key: str) -> None:
    event = _resolve(header, when)
    assert event is not None and event.known_iri is not None and event.key == key


@pytest.mark.parametrize("header", [
    "Stakeholder webinar on labour mobility\nVirtual, 18 January 2021",
    "Webinaire des parties prenantes sur la mobilité\nEn ligne, 18 janvier 2021",
    "Seminario sobre movilidad laboral\nVirtual, 18 de enero de 2021",
])
def test_a_way_of_meeting_is_no_place(header: str) -> None:
    # the Thirteenth GFMD Summit was online from 18 January 2021, but no series is named
    event = _resolve(header, date(2021, 1, 18))
    assert event is not None and event.known_iri is None


def test_series_and_year_alone_do_not_pick_a_regional_review() -> None:
    event = _resolve("Regional review of the Global Compact for Migration\n2021", None)
    assert event is not None and event.known_iri is None and event.key == "gcm-rr-2021"


def test_another_series_is_never_matched() -> None:
    # a regional review in Santiago is not the GFMD of the same year, whatever its place
    event = _resolve("Revisión regional del Pacto Mundial, Santiago\nVirtual, 18 de enero de 2021",
                     date(2021, 1, 18))
    assert event is None or not event.key.startswith("gfmd")


def test_a_region_outside_the_catalogue_gets_a_short_key() -> None:
    event = _resolve("Arab Regional Review of the Global Compact for Migration\n"
                     "Cairo and online, 24 February 2021", date(2021, 2, 24))
    assert event is not None and event.known_iri is None
    assert event.key == "gcm-rr-2021-arab-cairo"


@pytest.mark.parametrize("label", [
    "Roundtable 3: Saving lives and countering smuggling and trafficking in persons in the "
    "Mediterranean and the Atlantic routes",
    "Consultation régionale francophone sur la mise en œuvre du Pacte mondial sur les migrations",
    "Une réunion interministérielle extraordinairement longue sur les migrations de travail",
])
def test_keys_are_short_and_cut_between_words(label: str) -> None:
    for series in ("GCM regional review", None):
        key = event_key(series, 2024, label)
        assert len(key) <= KEY_LENGTH
        words = set(re.sub(r"[^a-z0-9]+", " ", key).split())
        assert words <= set(slug(label).split("-")) | {"gcm", "rr", "2024"}


@pytest.mark.parametrize("line", ["Compte rendu de table ronde, 12 juin 2019",
                                  "Roundtable report – 12 June 2019",
                                  "Informe de relatoría, 12 de junio de 2019"])
def test_a_document_name_is_no_event(line: str) -> None:
    assert resolve_event(line, line, date(2019, 6, 12)) is None
    assert resolve_event(line, line, date(2019, 6, 12), user_event="Migration Week 2019")

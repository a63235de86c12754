"""Entity recognition and linking: countries, regions, RECs, RCPs, organisations."""

from __future__ import annotations

import pytest

from migkg.loaders.extract import find_instruments, find_mentions, find_references
from migkg.loaders.extract.entities import Mention, find_entities


def codes(text: str, kind: str | None = None) -> list[str]:
    return [m.code for m in find_entities(text) if kind is None or m.kind == kind]


def surfaces(text: str, kind: str) -> list[str]:
    return [text[m.start:m.end] for m in find_mentions(text) if m.kind == kind]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Delegates from Kenya and Peru spoke first.", ["KEN", "PER"]),
        ("Officials of the UAE and KSA met in Riyadh.", ["ARE", "SAU"]),
        ("The Republic of Korea and the Kingdom of Morocco co-chaired.", ["KOR", "MAR"]),
        ("Moroccan and Tunisian authorities agreed.", ["MAR", "TUN"]),
        ("Nigerian and Ghanaian participants described their plans.", ["NGA", "GHA"]),
        ("A Philippine keynote opened the day; Zambian experts followed.", ["PHL", "ZMB"]),
        ("Filipinos abroad send money home.", ["PHL"]),
        ("The Gambia, Côte d'Ivoire and Cote d’Ivoire again.", ["GMB", "CIV", "CIV"]),
        ("Türkiye, Viet Nam, Vietnam and Iran reported.", ["TUR", "VNM", "VNM", "IRN"]),
        ("Bolivia and Tanzania were absent; so was the DRC.", ["BOL", "TZA", "COD"]),
        ("The U.S. and the UK made statements.", ["USA", "GBR"]),
        ("South Africans and South Sudanese refugees.", ["ZAF", "SSD"]),
        ("Colombia hosts many Venezuelans.", ["COL", "VEN"]),
    ],
)
def test_countries_in_english(text: str, expected: list[str]) -> None:
    assert codes(text, "country") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le Maroc et le Sénégal ont présenté leurs plans.", ["MAR", "SEN"]),
        ("Des travailleurs marocains et des femmes sénégalaises.", ["MAR", "SEN"]),
        ("Les ressortissants ivoiriens et burkinabè circulent librement.", ["CIV", "BFA"]),
        ("En Côte d'Ivoire, au Mali et aux Philippines.", ["CIV", "MLI", "PHL"]),
        ("L'Afrique du Sud et les États-Unis d'Amérique.", ["ZAF", "USA"]),
        ("Une délégation algérienne et une délégation égyptienne.", ["DZA", "EGY"]),
    ],
)
def test_countries_in_french(text: str, expected: list[str]) -> None:
    assert codes(text, "country") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Marruecos y la República Dominicana presentaron sus planes.", ["MAR", "DOM"]),
        ("Trabajadores venezolanos y mujeres colombianas.", ["VEN", "COL"]),
        ("Una delegación francesa y un experto alemán.", ["FRA", "DEU"]),
        ("Las personas haitianas y los marroquíes.", ["HTI", "MAR"]),
        ("El informe se publicó en español y en idioma francés.", []),  # languages
    ],
)
def test_countries_in_spanish(text: str, expected: list[str]) -> None:
    assert codes(text, "country") == expected


@pytest.mark.parametrize(
    "text",
    [
        "They had turkey for lunch in the china cupboard.",  # lower case: not countries
        "A chad of paper was left on the desk.",
        "Reports were written in French and in Spanish.",  # languages, not countries
        "The French version of the text is authoritative.",
        "LET US KNOW WHAT YOU THINK ABOUT THE FORUM",  # 'US' in a heading is a word
        "Congolese workers took part.",  # shared by two countries: not linked
    ],
)
def test_no_country_where_there_is_none(text: str) -> None:
    assert codes(text, "country") == []


def test_offsets_point_at_the_words() -> None:
    text = "Morocco and South Africa shared their experience."
    found = find_entities(text)
    assert [text[m.start:m.end] for m in found] == ["Morocco", "South Africa"]
    assert all(isinstance(m, Mention) for m in found)
    assert found[0].iri == "https://w3id.org/migkg/id/country/MAR"


def test_longest_match_wins() -> None:
    text = "South Africa, not Africa; the African Union, not Africans."
    found = find_entities(text)
    assert [(m.kind, m.code) for m in found] == [
        ("country", "ZAF"), ("region", "002"), ("rec", "AU"), ("region", "002")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ECOWAS's protocols and SADC rules.", ["ECOWAS", "SADC"]),
        ("The AUC and the AU worked with IOM and ILO.", ["AUC", "AU", "IOM", "ILO"]),
        ("RECs and RCPs were discussed, not EUR amounts.", []),
        ("Economic Community of West African States", ["ECOWAS"]),
        ("the International Labour Organisation and the International Labor Organization",
         ["ILO", "ILO"]),
        ("La CEDEAO, l'OIM et l'OIT ont signé.", ["ECOWAS", "IOM", "ILO"]),
        ("Colombo Process countries and the Quito process", ["Colombo Process",
                                                            "Quito Process"]),
        ("the Abu Dhabi Dialogue and the Rabat Process", ["ADD", "Rabat Process"]),
        ("UN DESA and the UN Network on Migration", ["UN DESA", "UNNM"]),
        ("the Global Forum on Migration and Development", ["GFMD"]),
        ("MIDWA and MIDSA", ["MIDWA", "MIDSA"]),
    ],
)
def test_actors(text: str, expected: list[str]) -> None:
    assert [m.code for m in find_entities(text) if m.kind in ("rec", "rcp", "organisation")] \
        == expected


def test_actor_kinds() -> None:
    kinds = {m.code: m.kind for m in find_entities("SADC, the Colombo Process and IOM")}
    assert kinds == {"SADC": "rec", "Colombo Process": "rcp", "IOM": "organisation"}


def test_un_as_a_modifier_is_not_the_un() -> None:
    assert codes("UN agencies and UN regional commissions helped.") == []
    assert "UN" in codes("The UN and its partners helped.")


def test_organisations_outside_the_registry() -> None:
    text = "The Moroccan Ministry of Foreign Affairs and the African Migration Observatory spoke."
    organisations = [(m.code, m.label) for m in find_mentions(text) if m.kind == "organisation"]
    assert ("", "Moroccan Ministry of Foreign Affairs") in organisations
    assert ("", "African Migration Observatory") in organisations
    # The country inside the ministry's name is still a mention of that country.
    assert "MAR" in [m.code for m in find_mentions(text) if m.kind == "country"]


def test_name_followed_by_registry_acronym() -> None:
    text = "a keynote by the UN Economic Commission for Africa (ECA) opened"
    assert [m.code for m in find_mentions(text) if m.kind == "organisation"] == ["ECA", "ECA"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("migrants from Latin America", "419"),
        ("the South-Asian delegation", "034"),
        ("South East Asia and the Asia-Pacific", "035"),
        ("a Southern African delegate", "018"),
        ("pays d'Afrique de l'Ouest", "011"),
    ],
)
def test_regions(text: str, code: str) -> None:
    assert code in codes(text, "region")


def test_regions_outside_m49_keep_their_label() -> None:
    regions = [m for m in find_entities("workers in the Gulf and the Sahel") if m.kind == "region"]
    assert [(m.code, m.label) for m in regions] == [("", "Gulf"), ("", "Sahel")]


def test_instruments_with_issuer_and_year() -> None:
    text = ("South Africa with its 2017 White Paper, and Morocco through its 2016 adoption of "
            "a national migration policy.")
    found = {i.label: (i.issuer, i.year) for i in find_instruments(text)}
    assert found["2017 White Paper"] == ("ZAF", 2017)
    assert found["national migration policy"] == ("MAR", 2016)


@pytest.mark.parametrize(
    ("text", "label", "issuer"),
    [
        ("the SADC Labour Migration Policy Framework was revised", "SADC Labour Migration "
         "Policy Framework", "SADC"),
        ("under the ECOWAS General Convention on Social Security,", "ECOWAS General "
         "Convention on Social Security", "ECOWAS"),
        ("the National Strategy on Immigration and Asylum (SNIA) was cited",
         "National Strategy on Immigration and Asylum (SNIA)", None),
        ("ratify the African Union Free Movement Protocol soon", "African Union Free "
         "Movement Protocol", "AU"),
        ("Le Protocole de la CEDEAO sur la libre circulation des personnes reste peu appliqué.",
         "Protocole de la CEDEAO sur la libre circulation des personnes", "ECOWAS"),
        ("adoption of a labour migration policy framework in SADC", "labour migration policy "
         "framework", "SADC"),
    ],
)
def test_instruments(text: str, label: str, issuer: str | None) -> None:
    found = {i.label: i.issuer for i in find_instruments(text)}
    assert label in found
    assert found[label] == issuer


@pytest.mark.parametrize(
    "text",
    [
        "Destabilising foreign and trade policies hurt economies.",
        "national and regional policies pull in the same direction",
        "the Global Compact for Migration and its follow-up",
        "The Migration Policy Institute moderated.",
    ],
)
def test_no_instrument(text: str) -> None:
    assert find_instruments(text) == []


def test_instrument_mentions_may_enclose_actors() -> None:
    text = "Ratification of the AU Free Movement Protocol remains slow."
    kinds = [(m.kind, text[m.start:m.end]) for m in find_mentions(text)]
    assert ("instrument", "AU Free Movement Protocol") in kinds
    assert ("rec", "AU") in kinds


def test_references() -> None:
    text = ("Two sources are the ILO global estimates on migrant workers "
            "(https://www.ilo.org/global/publications/WCMS_652001/lang--en/index.htm). "
            "Background: https://example.org/review.")
    found = find_references(text)
    assert [r.url for r in found] == [
        "https://www.ilo.org/global/publications/WCMS_652001/lang--en/index.htm",
        "https://example.org/review",
    ]
    assert found[0].title == "ILO global estimates on migrant workers"
    assert found[1].title is None
    assert text[found[0].start:found[0].end] == found[0].url


def test_references_from_hyperlinks_without_visible_url() -> None:
    found = find_references("See the Forum page.", links=("https://example.org/forum",))
    assert [(r.url, r.start) for r in found] == [("https://example.org/forum", None)]


def test_empty_text() -> None:
    assert find_mentions("") == []
    assert find_instruments("") == []

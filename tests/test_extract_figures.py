"""Figures: values, units, what is counted and the place; what is not a figure."""

from __future__ import annotations

import pytest

from migkg.loaders.extract import find_figures
from migkg.loaders.extract.figures import FigureMatch


def values(text: str) -> list[tuple[float, str | None]]:
    return [(f.value, f.unit) for f in find_figures(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Some 45,000 workers left.", [(45000, None)]),
        ("Environ 45 000 travailleurs sont partis.", [(45000, None)]),
        ("Près de 1,5 million de personnes.", [(1.5e6, None)]),
        ("About 2.75 million people moved.", [(2.75e6, None)]),
        ("Over 3 billion dollars were sent.", [(3e9, "USD")]),
        ("A budget of EUR 12 million was agreed.", [(12e6, "EUR")]),
        ("They raised US$ 4.5 billion and €300,000.", [(4.5e9, "USD"), (300000, "EUR")]),
        ("a $2m fund", [(2e6, "USD")]),
        ("Remittances grew by 12.5% in 2021.", [(12.5, "%")]),
        ("Women were 48 per cent of them.", [(48, "%")]),
        ("Les femmes représentaient 12,5 % des migrants.", [(12.5, "%")]),
        ("more than a million people", [(1e6, None)]),
        ("deux millions de migrants", [(2e6, None)]),
    ],
)
def test_values_and_units(text: str, expected: list[tuple[float, str | None]]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "In 2019 the scheme started; by 2023 it had grown.",  # years
        "The meeting of 6 December 2018 and of December 7 (15h30-17h00).",  # dates, times
        "Held on 17-20 May 2022 in New York.",
        "Objectives 2, 5, 6, 12 and 18 were covered, and objective 23.",  # references
        "This supports SDG target 10.7 and indicator 10.7.1; see also targets 8.8 and 17.18.",
        "COVID-19 hit the G20 economies; the 5+5 Dialogue met.",  # codes glued to words
        "1. Summary\n2) Challenges\n2.1 South-South mobility",  # numbering
        "See https://www.ilo.org/WCMS_652001/lang--en/index.htm for details.",  # URLs
        "Roundtable 3.1 and Cluster 4 and Round Table 1 and paragraph 15.",
        "It was the 2nd meeting and the 3rd session.",
        "the 2019-20 season",
        "two campaigns and a ten-year permit",  # number words without a scale
    ],
)
def test_not_figures(text: str) -> None:
    assert find_figures(text) == []


def test_counts_and_place() -> None:
    text = ("Large regularisation schemes were praised: 30,000 in Morocco; 300,000 in recent "
            "years in South Africa.")
    found = find_figures(text)
    assert [(f.value, f.country_iso3) for f in found] == [(30000, "MAR"), (300000, "ZAF")]
    assert text[found[0].start:found[0].end] == "30,000"


def test_country_from_earlier_in_the_text() -> None:
    text = ("Ghana presented its diaspora bond. It raised 12,000 subscriptions, of which "
            "about 9,000 came from abroad.")
    found = find_figures(text)
    assert [(f.value, f.counts, f.country_iso3) for f in found] == [
        (12000, "subscriptions", "GHA"), (9000, None, "GHA")]


def test_country_named_by_what_is_counted() -> None:
    found = find_figures("Each year 650 Tongans join the scheme run by Australia.")
    assert [(f.value, f.country_iso3) for f in found] == [(650, "TON")]


def test_country_adjective_after_the_counted_noun() -> None:
    found = find_figures("Salieron más de 5,6 millones de personas venezolanas de su país.")
    assert [(f.value, f.country_iso3) for f in found] == [(5.6e6, "VEN")]


def test_country_of_the_figures_own_clause() -> None:
    found = find_figures("Australia hosted 35,000 workers, and New Zealand set its cap at "
                         "19,000 places.")
    assert [(f.value, f.country_iso3) for f in found] == [(35000, "AUS"), (19000, "NZL")]


def test_country_of_the_lead_when_several_came_before() -> None:
    text = ("First the Children (Colombia). Children of Venezuelan parents born in Colombia "
            "get the nationality; more than 45,000 children had received it.")
    assert [(f.value, f.country_iso3) for f in find_figures(text)] == [(45000, "COL")]


def test_numbers_repeating_a_cited_objective_are_no_figures() -> None:
    text = ("Objectives 15, 19 and 20 came up. Most time went to 20 (remittances); 19 hardly "
            "came up, while 12 ministries took the floor.")
    found = find_figures(text)
    assert [(f.value, f.counts) for f in found] == [(12, "ministries")]


@pytest.mark.parametrize("text", [
    "Returnees were called 12 and 18 months after their return.",
    "Une enquête menée 6 mois après le retour.",
    "Se les visitó 3 meses después del regreso.",
])
def test_moments_after_an_event_are_no_figures(text: str) -> None:
    assert find_figures(text) == []


def test_a_length_of_time_stays_a_figure() -> None:
    assert values("Community citizens may stay 90 days without a visa.") == [(90, None)]


def test_origins_after_the_number_are_not_the_place() -> None:
    found = find_figures("Le pays accueille 2,5 millions de migrants, venus du Mali et du Niger.")
    assert [(f.value, f.country_iso3) for f in found] == [(2.5e6, None)]


def test_percent_counts() -> None:
    found = find_figures("Migrant women make up 47% of domestic workers; an increase of 12%.")
    assert [(f.value, f.unit, f.counts) for f in found] == [
        (47, "%", "domestic workers"), (12, "%", "increase")]


def test_ranges_give_both_bounds() -> None:
    found = find_figures("Workers send home between 40 and 60 per cent of their earnings.")
    assert [(f.value, f.unit, f.bound) for f in found] == [(40, "%", "lower"),
                                                           (60, "%", "upper")]
    found = find_figures("from 2 to 3 million people a year; 10-15% of them")
    assert [(f.value, f.bound) for f in found] == [(2e6, None), (3e6, None), (10, "lower"),
                                                   (15, "upper")]
    found = find_figures("it reached 2 to 3 million people")
    assert [(f.value, f.bound) for f in found] == [(2e6, "lower"), (3e6, "upper")]


def test_change_over_time_gives_two_figures() -> None:
    found = find_figures("The stock grew from 15 million in 2000 to 26.5 million in 2019.")
    assert [(f.value, f.bound) for f in found] == [(15e6, None), (26.5e6, None)]


def test_mentions_can_be_passed_in() -> None:
    from migkg.loaders.extract import figures, find_mentions

    text = "About 5,000 in Senegal."
    assert figures.find_figures(text, find_mentions(text)) == find_figures(text)
    assert find_figures(text)[0].country_iso3 == "SEN"
    assert isinstance(find_figures(text)[0], FigureMatch)

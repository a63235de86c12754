"""Links to GCM objectives, guiding principles and SDG targets: explicit and inferred."""

from __future__ import annotations

import pytest

from migkg.loaders.extract.links import (
    DEFAULT_THRESHOLD,
    METHOD_EXPLICIT,
    METHOD_INFERRED,
    Link,
    aggregate_links,
    find_links,
    link_threshold,
)


def explicit(text: str, kind: str, section: str = "gcm") -> list[str]:
    return [link.key for link in find_links(text, section=section)
            if link.kind == kind and link.basis == "explicit"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("This relates to Objective 5.", ["5"]),
        ("It echoes GCM objective 23 on cooperation.", ["23"]),
        ("The session covered objectives 1, 3, 7, 17 and 23.", ["1", "3", "7", "17", "23"]),
        ("Round Table 1 - GCM objectives 2, 5, 6, 12 and 18", ["2", "5", "6", "12", "18"]),
        ("See Obj. 4 and obj 9.", ["4", "9"]),
        ("objectives 2-4 and objective 21", ["2", "3", "4", "21"]),
        ("Cela relève de l'objectif 22 et des objectifs 5 et 6.", ["5", "6", "22"]),
        ("Objective 6 (fair and ethical recruitment) and objective 5.", ["5", "6"]),
        ("The objectives of the meeting were ambitious.", []),
        ("Objective 30 does not exist.", []),
    ],
)
def test_explicit_objectives(text: str, expected: list[str]) -> None:
    assert explicit(text, "objective") == expected


def test_not_discussed_names_nothing() -> None:
    text = ("Although not directly discussed, the points above are in line with the content of "
            "the Compact and its need for implementation.")
    assert explicit(text, "objective") == []
    assert explicit("Objective 5 was not discussed at all.", "objective") == []


@pytest.mark.parametrize(
    ("text", "section", "expected"),
    [
        ("Better data support SDG target 17.18.", "agenda2030", ["17.18"]),
        ("It contributes to target 10.7 and to target 8.8.", "summary", ["8.8", "10.7"]),
        ("targets 8.8 and 10.7", "summary", ["8.8", "10.7"]),
        ("tracked by indicator 10.7.1", "summary", ["10.7"]),
        ("SDG 10.7 and SDG 10.c", "practices", ["10.7", "10.c"]),
        ("Cela contribue à la cible 10.7 des ODD.", "agenda2030", ["10.7"]),
        ("Contributions: 8.8, 10.7 and 17.18.", "agenda2030", ["8.8", "10.7", "17.18"]),
        ("Session 2.1 met on Monday.", "summary", []),
        ("SDG 10 and Goal 8 matter.", "agenda2030", []),
    ],
)
def test_explicit_targets(text: str, section: str, expected: list[str]) -> None:
    assert explicit(text, "target", section) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("through whole-of-government and whole-of-society approaches",
         ["whole-of-government", "whole-of-society"]),
        ("A whole of government approach was used.", ["whole-of-government"]),
        ("policies that are gender-responsive and child-sensitive",
         ["child-sensitive", "gender-responsive"]),
        ("a people-centred, rights-based approach", ["human-rights", "people-centred"]),
        ("respect for the rule of law and due process", ["rule-of-law-and-due-process"]),
        ("une approche mobilisant l'ensemble de la société", ["whole-of-society"]),
        # a principle named as one by its label: after the word, or right before it
        ("The guiding principles of sustainable development and international cooperation "
         "were recalled.", ["international-cooperation", "sustainable-development"]),
        ("The human rights principle was recalled.", ["human-rights"]),
        ("Two principles: sustainable development; national sovereignty.",
         ["national-sovereignty", "sustainable-development"]),
        ("Le principe de coopération internationale a été rappelé.",
         ["international-cooperation"]),
        ("El principio de desarrollo sostenible fue recordado.", ["sustainable-development"]),
        ("Se adoptó un enfoque pangubernamental y con perspectiva de género.",
         ["gender-responsive", "whole-of-government"]),
        # a label that is not named as a principle is left to the inferred links
        ("In principle, sustainable development was on everyone's mind.", []),
        ("The principle was recalled. Sustainable development matters.", []),
        ("Sustainable development and international cooperation were discussed.", []),
    ],
)
def test_explicit_principles(text: str, expected: list[str]) -> None:
    assert sorted(explicit(text, "principle")) == expected


def test_principle_wordings_name_principles_of_the_vocabulary() -> None:
    from migkg.loaders.extract.links import _principle_rows
    from migkg.ontology import vocabulary

    keys = {principle.key for principle in vocabulary.principles()}
    listed = {key.lstrip("~") for key in _principle_rows()} - {"@principle"}
    assert listed and listed <= keys, sorted(listed - keys)


def test_explicit_link_fields() -> None:
    text = "This relates to Objective 5."
    (link,) = [x for x in find_links(text, section="gcm") if x.kind == "objective"]
    assert link == Link("objective", "5", "explicit", 1.0, ("Objective 5",), METHOD_EXPLICIT,
                        16, 27)
    assert text[link.start:link.end] == "Objective 5"


@pytest.mark.parametrize(
    ("text", "kind", "key"),
    [
        ("Labour force surveys and census data remain partial, and administrative records "
         "are rarely shared between statistics offices.", "objective", "1"),
        ("Recruitment fees are still charged to workers, and abusive recruiters confiscate "
         "passports; labour inspection is weak.", "objective", "6"),
        ("Social security entitlements are seldom portable, so pensions earned abroad are lost.",
         "objective", "22"),
        ("Xenophobia and misinformation in the media shape public opinion about migrants.",
         "objective", "17"),
        ("Remittance costs remain high and many migrants have no bank account.",
         "objective", "20"),
        ("Better disaggregated data and statistical capacity are needed.", "target", "17.18"),
        ("Inter-ministerial committees ensure policy coherence across ministries.",
         "principle", "whole-of-government"),
    ],
)
def test_inferred_links(text: str, kind: str, key: str) -> None:
    links = {(x.kind, x.key): x for x in find_links(text, section="challenges")}
    link = links[(kind, key)]
    assert link.basis == "inferred"
    assert link.method == METHOD_INFERRED
    assert DEFAULT_THRESHOLD <= link.confidence < 1.0
    assert link.evidence and link.start is None


def test_inferred_evidence_is_explainable() -> None:
    text = "Recruitment fees are still charged to workers by private recruiters."
    link = next(x for x in find_links(text, section="challenges")
                if x.kind == "objective" and x.key == "6")
    assert any("fee" in term.lower() for term in link.evidence)


def test_unrelated_text_links_to_nothing() -> None:
    assert find_links("The weather in Marrakesh was pleasant.", section="summary") == []


def test_threshold_argument_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Recruitment fees and decent work for migrant workers."
    everything = find_links(text, section="summary", threshold=0.0)
    nothing_inferred = find_links(text, section="summary", threshold=1.0)
    assert len(everything) > len(nothing_inferred)
    assert all(x.basis == "explicit" for x in nothing_inferred)
    monkeypatch.setenv("MIGKG_LINK_THRESHOLD", "0.99")
    assert link_threshold() == 0.99
    monkeypatch.setenv("MIGKG_LINK_THRESHOLD", "not a number")
    assert link_threshold() == DEFAULT_THRESHOLD
    assert link_threshold(0.3) == 0.3


def test_explicit_wins_over_inferred() -> None:
    text = "Objective 6: recruitment fees, ethical recruitment and decent work."
    sixes = [x for x in find_links(text, section="gcm") if x.kind == "objective" and x.key == "6"]
    assert [x.basis for x in sixes] == ["explicit"]


def test_aggregate_links() -> None:
    first = [Link("objective", "5", "explicit", 1.0, ("Objective 5",), METHOD_EXPLICIT, 0, 11),
             Link("objective", "6", "inferred", 0.6, ("fees",), METHOD_INFERRED, None, None)]
    second = [Link("objective", "6", "inferred", 0.5, ("recruiters",), METHOD_INFERRED, None,
                   None),
              Link("objective", "5", "inferred", 0.7, ("visas",), METHOD_INFERRED, None, None)]
    report = aggregate_links([first, second], threshold=0.6)
    assert [(x.key, x.basis) for x in report] == [("5", "explicit"), ("6", "inferred")]
    six = report[1]
    assert six.confidence == pytest.approx(0.8)  # noisy-OR of 0.6 and 0.5
    assert six.evidence == ("fees", "recruiters")


def test_any_official_target_is_explicit_and_numbers_that_are_not_targets_are_not():
    links = find_links("This supports SDG target 3.8 and target 7.9 of nothing.",
                       section="agenda2030")
    targets = {link.key for link in links if link.kind == "target" and link.basis == "explicit"}
    assert "3.8" in targets and "7.9" not in targets


def test_the_sdg_scheme_holds_all_169_targets():
    from migkg.ontology import vocabulary

    assert len(vocabulary.sdg_targets()) == 169

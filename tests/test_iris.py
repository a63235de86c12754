"""Report IRIs from identities: today's IRI for plain names, distinct IRIs otherwise."""

from __future__ import annotations

import hashlib
import re

from migkg.ontology.iris import basename_report_iri, report_iri

REPORT = "https://w3id.org/migkg/id/report/"


def test_a_plain_base_name_keeps_the_iri_it_always_had() -> None:
    name = "gfmd2018_rt2_1_south_south_mobility.md"
    assert report_iri(name) == REPORT + "gfmd2018-rt2-1-south-south-mobility-md"
    assert report_iri(name) == basename_report_iri(name)


def test_paths_in_different_folders_differ() -> None:
    assert report_iri("a/report.md") == REPORT + "a-report-md"
    assert report_iri("a/report.md") != report_iri("b/report.md")


def test_names_the_slug_would_fold_together_get_a_hash() -> None:
    japanese, arabic = report_iri("報告.txt"), report_iri("تقرير.txt")
    assert japanese != arabic
    assert re.fullmatch(re.escape(REPORT) + r"txt-[0-9a-f]{8}", japanese)
    assert report_iri("Report.md") != report_iri("report.md")
    assert report_iri("rapport été.md") != report_iri("rapport ete.md")


def test_the_hash_is_stable() -> None:
    assert report_iri("報告.txt") == report_iri("報告.txt")
    digest = hashlib.sha256("報告.txt".encode()).hexdigest()[:8]
    assert report_iri("報告.txt").endswith("-" + digest)

"""Identity and ownership: one report per source document, stores only where migkg owns."""

from __future__ import annotations

from test_cli import REPORT

from helpers import rows, run
from migkg.identity import relative_name, report_key


def write(path, text=REPORT):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def reports(store):
    return rows(run("query", "reports", "-f", "csv", store=store))


def test_report_key_rule():
    assert report_key("report.md") == "report-md"  # unchanged for plain names
    assert report_key("a/report.md") == "a-report-md"
    first, second = report_key("報告.txt"), report_key("تقرير.txt")
    assert first != second and first.startswith("txt-") and len(first) == len("txt-") + 8
    # NFD and NFC spellings of one name are one document.
    assert relative_name(__import__("pathlib").Path("Cle\u0301mence.md"), None) == "Clémence.md"




def test_same_base_name_in_two_folders_is_never_silently_one_report(tmp_path):
    root, store = tmp_path / "in", tmp_path / "store"
    write(root / "a" / "report.md")
    write(root / "b" / "report.md", REPORT.replace("4.2", "4.3"))
    result = run("ingest", root, store=store)
    loaded = reports(store)
    assert result.exit_code == 0, result.stderr
    assert len(loaded) == 2


def test_two_reports_from_a_b_and_from_names_that_slug_alike(tmp_path):
    root, store = tmp_path / "in", tmp_path / "store"
    write(root / "a" / "report.md")
    write(root / "b" / "report.md", REPORT.replace("4.2", "4.3"))
    write(root / "報告.txt", REPORT.replace("4.2", "5.1"))
    write(root / "تقرير.txt", REPORT.replace("4.2", "5.2"))
    result = run("ingest", root, store=store)
    assert result.exit_code == 0, result.stderr
    assert len(reports(store)) == 4


def test_names_that_slug_alike_in_one_batch_are_an_error_for_the_second(tmp_path):
    store = tmp_path / "store"
    first = write(tmp_path / "x" / "Report.md")
    second = write(tmp_path / "y" / "report.md", REPORT.replace("4.2", "4.3"))
    result = run("ingest", first, second, store=store)
    assert result.exit_code == 1
    assert f"error: {second}: would become the same report as {first}" in result.stderr
    assert len(reports(store)) == 1


def test_another_file_with_a_stored_iri_is_refused_across_runs(tmp_path):
    store = tmp_path / "store"
    assert run("ingest", write(tmp_path / "x" / "Report.md"), store=store).exit_code == 0
    before = run("export", "-f", "nquads", store=store).stdout
    result = run("ingest", write(tmp_path / "y" / "report.md"), store=store)
    assert result.exit_code == 1 and "already in the store" in result.stderr
    assert run("export", "-f", "nquads", store=store).stdout == before


def test_same_content_under_another_name_is_a_warning_and_its_own_report(tmp_path):
    store = tmp_path / "store"
    one, two = write(tmp_path / "one.md"), write(tmp_path / "two.md")
    result = run("ingest", one, two, store=store)
    assert result.exit_code == 0
    assert f"warning: {two}: same content as {one}" in result.stderr
    assert len(reports(store)) == 2
    third = write(tmp_path / "three.md")
    result = run("ingest", third, store=store)
    assert "warning:" in result.stderr and "already in the store" in result.stderr


def test_reingest_same_file_replaces(tmp_path):
    store, path = tmp_path / "store", write(tmp_path / "r.md")
    assert run("ingest", path, store=store).exit_code == 0
    assert run("ingest", path, store=store).exit_code == 0
    assert len(reports(store)) == 1


def test_symlink_leaving_the_folder_is_not_followed(tmp_path):
    outside = write(tmp_path / "outside" / "secret.md")
    root = tmp_path / "in"
    write(root / "good.md")
    (root / "link.md").symlink_to(outside)
    result = run("ingest", root, store=tmp_path / "store")
    assert result.exit_code == 0
    assert "link.md: links to a file outside" in result.stderr
    assert len(reports(tmp_path / "store")) == 1


def test_newline_in_a_file_name_stays_on_one_line(tmp_path):
    bad = tmp_path / "bad\nname.md"
    bad.write_text("not a report at all", encoding="utf-8")
    result = run("ingest", bad, store=tmp_path / "store")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "bad\\nname.md" in lines[0]


def test_demo_refuses_a_folder_with_other_files_and_deletes_nothing(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("my notes", encoding="utf-8")
    result = run("demo", "--store", folder)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "my notes"


def test_demo_refuses_a_store_holding_a_users_file(tmp_path):
    store = tmp_path / "store"
    assert run("ingest", write(tmp_path / "r.md"), store=store).exit_code == 0
    (store / "my-notes.txt").write_text("keep me", encoding="utf-8")
    assert run("demo", "--store", store).exit_code == 2
    assert (store / "my-notes.txt").exists() and len(reports(store)) == 1


def test_demo_recreates_its_own_store(tmp_path):
    store = tmp_path / "demo"
    assert run("demo", "--store", store).exit_code == 0
    assert run("demo", "--store", store).exit_code == 0
    assert (store / ".migkg-store").is_file()


def test_ingest_refuses_a_folder_that_is_not_a_store(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "thesis.tex").write_text("mine", encoding="utf-8")
    result = run("ingest", write(tmp_path / "r.md"), store=folder)
    assert result.exit_code == 2
    assert "not a migkg store" in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["thesis.tex"]


def test_ingest_into_an_empty_folder_and_a_010_store(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("ingest", write(tmp_path / "r.md"), store=empty).exit_code == 0
    assert (empty / ".migkg-store").is_file()
    # A 0.1.0 store has the database's files but no marker: recognised, then marked.
    (empty / ".migkg-store").unlink()
    assert run("ingest", tmp_path / "r.md", store=empty).exit_code == 0
    assert (empty / ".migkg-store").is_file()


def test_store_path_that_is_a_file(tmp_path):
    path = tmp_path / "file"
    path.write_text("x", encoding="utf-8")
    for args in (("ingest", write(tmp_path / "r.md")), ("query", "reports")):
        result = run(*args, store=path)
        assert result.exit_code in (1, 2)
        assert result.stderr.strip().splitlines() == [f"error: {path}: is a file, not a "
                                                      "store folder"]
    assert path.read_text(encoding="utf-8") == "x"

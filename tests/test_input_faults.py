"""Bad input found by attacking kg (issue 18): lone surrogates and control characters in JSON Lines,
ids and dates that are not what they claim, a UTF-8 file with one bad byte, kg's own page in a
folder, standard input named twice. Through the real ``kg`` command where the exit code matters."""
from __future__ import annotations

import json

import pytest

from kg.errors import EXIT_OK, EXIT_PARTIAL, EXIT_USAGE
from kg.ingest.dates import check_date
from kg.ingest.decode import decode_text
from kg.ingest.problems import ReadProblem, ReadWarning
from kg.ingest.read import iter_documents
from kgrun import assert_reported, run_kg

GOOD = "Foreign Minister Anna Berg met Carl Holt in Oslo on Monday."


def article_ids(store) -> list[str]:
    from kg.storage.disk import open_store

    st = open_store(store, read_only=True)
    return sorted(r["id"].value for r in st.query("SELECT ?id WHERE { ?a a kg:Article ; kg:documentId ?id }"))


def read(tmp_path, lines: list[str]) -> list:
    p = tmp_path / "feed.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return list(iter_documents([str(p)]))


# -- 2. lone surrogates ------------------------------------------------------------------------------

@pytest.mark.parametrize("field", ["title", "text", "url", "id"])
def test_a_lone_surrogate_is_one_skipped_record(tmp_path, field):
    rec = {"id": "bad", "text": GOOD, "title": "Breaking", "url": "https://news.example/a"}
    line = json.dumps(rec).replace(f'"{field}": "', f'"{field}": "\\ud83d', 1)
    got = read(tmp_path, [json.dumps({"id": "ok", "text": GOOD}), line])
    assert got[0].id == "ok"
    assert isinstance(got[1], ReadProblem) and got[1].source.endswith("feed.jsonl:2")
    assert f"'{field}' holds a lone UTF-16 surrogate (\\ud83d at character 0)" in got[1].reason


@pytest.mark.model
def test_a_lone_surrogate_does_not_cost_the_good_records_of_its_batch(tmp_path):
    lines = [json.dumps({"id": f"doc-{i}", "text": f"Anna Berg {i} met Carl Holt in Oslo."}) for i in range(6)]
    lines.insert(3, '{"id": "bad", "text": "Anna Berg met Carl Holt.", "title": "Breaking \\ud83d"}')
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n")
    res = run_kg("build", "feed.jsonl", "--store", "st", "-q", cwd=tmp_path)
    assert_reported(res, EXIT_PARTIAL, "skipped feed.jsonl:4", "lone UTF-16 surrogate")
    assert article_ids(tmp_path / "st") == [f"doc-{i}" for i in range(6)]
    res = run_kg("build", "feed.jsonl", "--store", "st", cwd=tmp_path)  # a re-run does not stop there either
    assert res.code == EXIT_PARTIAL and "(6 unchanged, 1 skipped)" in res.err, res.err


# -- 12 and 15. dates, ids, control characters ----------------------------------------------------------

@pytest.mark.parametrize("value, problem", [
    ("2025-13-45", "is not a calendar date (month must be in 1..12)"),
    ("2025-02-30", "is not a calendar date (day is out of range for month)"),
    ("2025-03-12garbage", "must be an ISO date YYYY-MM-DD"),
    ("2025-03-12T25:00:00", "is not a calendar date"),
    ("12/03/2025", "must be an ISO date YYYY-MM-DD"),
])
def test_a_record_with_an_impossible_date_is_skipped(tmp_path, value, problem):
    got = read(tmp_path, [json.dumps({"id": "a", "text": GOOD, "published": value}),
                          json.dumps({"id": "b", "text": GOOD})])
    assert isinstance(got[0], ReadProblem) and problem in got[0].reason and repr(value) in got[0].reason
    assert got[1].id == "b"


@pytest.mark.parametrize("value, expected", [("2025-03-12", "2025-03-12"), ("2025-03-12T09:30:00Z", "2025-03-12"),
                                             ("2024-02-29 23:59:59+01:00", "2024-02-29")])
def test_dates_with_times_are_accepted(value, expected):
    assert check_date(value) == expected


@pytest.mark.model
def test_invalid_calendar_date_in_a_feed_skips_only_that_record(tmp_path):
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"id": "a", "text": GOOD, "published": "2025-13-45"}) + "\n"
        + json.dumps({"id": "b", "text": GOOD, "published": "2025-03-12"}) + "\n")
    res = run_kg("build", "feed.jsonl", "--store", "st", "-q", cwd=tmp_path)
    assert_reported(res, EXIT_PARTIAL, "skipped feed.jsonl:1", "'2025-13-45' is not a calendar date")
    assert "kg bug" not in res.err
    assert article_ids(tmp_path / "st") == ["b"]


def test_published_option_must_be_a_calendar_date(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    res = run_kg("build", "a.txt", "--published", "2025-02-30", "--store", "st", cwd=tmp_path)
    assert_reported(res, EXIT_USAGE, "--published '2025-02-30'", "is not a calendar date")
    assert not (tmp_path / "st").exists()


@pytest.mark.parametrize("rid, expected", [(1.5, "1.5"), (7, "7"), ("x", "x"), (1e21, "1e+21")])
def test_ids_may_be_strings_or_numbers(tmp_path, rid, expected):
    (got,) = read(tmp_path, [json.dumps({"id": rid, "text": GOOD})])
    assert got.id == expected


@pytest.mark.parametrize("raw, kind", [("true", "boolean (true)"), ("false", "boolean (false)"),
                                       ("NaN", "number that is not finite (nan)"), ("[1]", "list")])
def test_ids_that_are_neither_strings_nor_numbers_are_refused(tmp_path, raw, kind):
    (got,) = read(tmp_path, ['{"id": %s, "text": "%s"}' % (raw, GOOD)])
    assert isinstance(got, ReadProblem) and got.reason == f"'id' must be a string or a number, got a JSON {kind}"


def test_jsonl_text_gets_the_control_character_check_of_files(tmp_path):
    noise = "\x1b[2J" * 40 + "Anna Berg met Carl Holt."
    got = read(tmp_path, [json.dumps({"id": "a", "text": noise}), json.dumps({"id": "b", "text": GOOD})])
    assert isinstance(got[0], ReadProblem) and got[0].reason.startswith("'text' does not look like text (40 control")
    (tmp_path / "same.txt").write_text(noise)  # the same text in a file is refused the same way
    (file_got,) = list(iter_documents([str(tmp_path / "same.txt")]))
    assert isinstance(file_got, ReadProblem) and file_got.reason.startswith("does not look like text (40 control")
    assert got[1].id == "b"


# -- 6. one bad byte in a UTF-8 file -----------------------------------------------------------------

def test_one_bad_byte_in_a_utf8_file_keeps_it_utf8_with_a_warning():
    data = "François Müller met Zoë Ångström in Genève.".encode() + b" \xff"
    warnings: list = []
    text = decode_text(data, "a.txt", warnings=warnings)
    assert text.startswith("François Müller met Zoë Ångström in Genève.") and text.endswith("\ufffd")
    (w,) = warnings
    assert isinstance(w, ReadWarning) and w.source == "a.txt"
    assert "1 byte(s) that are not UTF-8" in w.message and f"byte {len(data) - 1:,}" in w.message


def test_a_windows_1252_file_is_still_read_as_windows_1252():
    warnings: list = []
    assert decode_text("François Müller in Genève “quoted”".encode("cp1252"), "a.txt", warnings=warnings) \
        == "François Müller in Genève “quoted”"
    assert warnings == []


@pytest.mark.model
def test_bad_byte_build_says_so_in_one_line_and_keeps_the_names(tmp_path):
    (tmp_path / "a.txt").write_bytes("Foreign Minister François Müller met Carl Holt in Oslo on Monday. ".encode()
                                     + b"\x92Talks\x92 went well, " + "Müller said.\n".encode())
    res = run_kg("build", "a.txt", "--store", "st", cwd=tmp_path)
    assert_reported(res, EXIT_OK, "kg: warning: a.txt", "not UTF-8", "U+FFFD")
    from kg.storage.disk import open_store

    st = open_store(tmp_path / "st", read_only=True)
    names = {r["l"].value for r in st.query("SELECT ?l WHERE { ?p rdfs:label ?l }")}
    assert "François Müller" in names and not any("Ã" in n for n in names)


# -- 17. kg's own page, standard input named twice ---------------------------------------------------

@pytest.mark.model
def test_build_of_a_folder_passes_over_the_page_kg_wrote(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(GOOD)
    res = run_kg("build", "news", "--store", "st", "--html", "news/graph.html", "-q", cwd=tmp_path)
    assert res.code == 0 and (tmp_path / "news" / "graph.html").exists(), res.err
    res = run_kg("build", "news", "--store", "st2", cwd=tmp_path)
    assert_reported(res, EXIT_OK, "kg: warning: news/graph.html", "a page written by kg", "not read")
    assert article_ids(tmp_path / "st2") == ["a"]


def test_the_page_kg_wrote_named_explicitly_is_a_problem(tmp_path):
    page = ('<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="generator" content="kg">'
            "<title>Actors</title></head><body><p>" + GOOD * 5 + "</p></body></html>")
    (tmp_path / "graph.html").write_text(page)
    (got,) = list(iter_documents([str(tmp_path / "graph.html")]))
    assert isinstance(got, ReadProblem) and "a page written by kg" in got.reason


def test_standard_input_named_twice_is_refused(tmp_path):
    res = run_kg("build", "-", "-", "--store", "st", cwd=tmp_path, input=GOOD.encode())
    assert_reported(res, EXIT_USAGE, "-: standard input is named 2 times", "can be read only once")
    assert not (tmp_path / "st").exists()


@pytest.mark.model
def test_a_file_name_that_is_not_utf8_is_stored_with_escapes(tmp_path):
    """Python holds the bytes of such a name as lone surrogates, which no store can hold: the
    whole build used to end as an internal error (exit 70)."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / b"caf\xe9.txt".decode("utf-8", "surrogateescape")).write_text(GOOD)
    (tmp_path / "in" / "good.txt").write_text("Maria Novak met Jonas Rossi in Vienna on Monday.")
    res = run_kg("build", "in", "--store", "st", "-q", cwd=tmp_path)
    assert res.code == 0, res.err
    from kg.storage.disk import open_store

    st = open_store(tmp_path / "st", read_only=True)
    rows = {(r["id"].value, r["s"].value) for r in st.query("SELECT ?id ?s WHERE { ?a kg:documentId ?id ; kg:sourceFile ?s }")}
    assert rows == {("caf-xe9", "in/caf\\xe9.txt"), ("good", "in/good.txt")}

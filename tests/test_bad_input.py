"""Bad input through the real ``kg`` command: one line naming the file and the problem, a non-zero
exit code, no traceback (unless --debug); in a batch the good documents are built anyway (exit 3)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import time

import pytest

from kg.errors import EXIT_ERROR, EXIT_PARTIAL, EXIT_USAGE
from kgrun import assert_reported, kg_command, kg_env, png_bytes, run_kg

ARTICLE = "Foreign Minister Anna Berg met Carl Holt in Oslo on Monday."
NAV_ONLY = ("<html><head><title>Example Media</title></head><body>"
            "<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
            "<footer><p>Copyright 2025 Example Media. All rights reserved.</p></footer></body></html>")
TWENTY_MB = 20 * 1024 * 1024


def article_ids(store) -> list[str]:
    from kg.storage.disk import open_store

    st = open_store(store, read_only=True)
    return sorted(r["id"].value for r in st.query("SELECT ?id WHERE { ?a a kg:Article ; kg:documentId ?id }"))


def build(tmp_path, *paths, **kw):
    return run_kg("build", *paths, "--store", tmp_path / "store", "-q", cwd=tmp_path, **kw)


# -- single bad inputs: exit 1, one line, no traceback ----------------------------------------------

def test_missing_path(tmp_path):
    assert_reported(build(tmp_path, "nowhere.txt"), EXIT_ERROR, "kg: error: nowhere.txt", "no such file or directory")
    assert not (tmp_path / "store").exists()


def test_missing_path_among_good_ones_builds_nothing(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE)
    res = build(tmp_path, "good.txt", "typo.txt")
    assert_reported(res, EXIT_ERROR, "typo.txt", "no such file or directory")
    assert not (tmp_path / "store").exists()  # paths are checked before the store is created


def test_directory_without_documents(tmp_path):
    d = tmp_path / "inbox"
    d.mkdir()
    (d / "scan.png").write_bytes(png_bytes())
    (d / ".draft.txt").write_text(ARTICLE)
    assert_reported(build(tmp_path, "inbox"), EXIT_ERROR, "inbox", "directory holds no documents")


@pytest.mark.parametrize("content", [b"", b" \n\t \r\n  "], ids=["empty", "whitespace"])
def test_empty_file(tmp_path, content):
    (tmp_path / "blank.txt").write_bytes(content)
    assert_reported(build(tmp_path, "blank.txt"), EXIT_ERROR, "blank.txt", "empty document")


@pytest.mark.parametrize("name", ["photo.txt", "photo.md", "photo.jsonl"])
def test_png_with_a_text_extension(tmp_path, name):
    (tmp_path / name).write_bytes(png_bytes(64, 64))
    assert_reported(build(tmp_path, name), EXIT_ERROR, name, "binary file (PNG image)")


def test_unknown_extension(tmp_path):
    (tmp_path / "photo.png").write_bytes(png_bytes())
    assert_reported(build(tmp_path, "photo.png"), EXIT_ERROR, "photo.png", "unsupported file type '.png'")


def test_html_without_article(tmp_path):
    (tmp_path / "front.html").write_text(NAV_ONLY)
    assert_reported(build(tmp_path, "front.html"), EXIT_ERROR, "front.html", "HTML page holds no article text")


def test_utf16_with_a_broken_body(tmp_path):
    (tmp_path / "bad16.txt").write_bytes(b"\xff\xfeA\x00\x00\xd8")
    assert_reported(build(tmp_path, "bad16.txt"), EXIT_ERROR, "bad16.txt", "not valid UTF-16")


@pytest.mark.parametrize("lines, needle", [
    (['{"id": "a", "text": "unterminated'], "invalid JSON"),
    ([json.dumps({"id": "a", "title": "no text"})], "record has no 'text'"),
], ids=["broken-line", "no-text"])
def test_malformed_jsonl_alone(tmp_path, lines, needle):
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n")
    assert_reported(build(tmp_path, "feed.jsonl"), EXIT_ERROR, "feed.jsonl:1", needle)


def test_closed_stdin(tmp_path):
    proc = subprocess.run(kg_command("build", "-", "--store", tmp_path / "store"), cwd=tmp_path, env=kg_env(),
                          capture_output=True, preexec_fn=lambda: os.close(0), timeout=120)
    err = proc.stderr.decode()
    assert proc.returncode == EXIT_ERROR and "Traceback" not in err
    assert [line for line in err.splitlines() if "kg: error: -: standard input is closed" in line], err


def test_empty_stdin(tmp_path):
    assert_reported(build(tmp_path, "-", input=b""), EXIT_ERROR, "-: empty input on standard input")


def _run_measured(args, cwd, **kw):
    """Run kg and return (exit code, stderr, seconds, peak memory in MB) of that one process."""
    t0 = time.monotonic()
    p = subprocess.Popen(kg_command(*args), cwd=cwd, env=kg_env(), stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, **kw)
    err = p.stderr.read().decode()
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return p.returncode, err, time.monotonic() - t0, usage.ru_maxrss / 1024


@pytest.mark.parametrize("kind", ["txt", "jsonl", "stdin"])
def test_twenty_megabyte_single_line_is_refused_quickly_in_bounded_memory(tmp_path, kind):
    line = ("Foreign Minister Anna Berg met Carl Holt in Oslo. " * (TWENTY_MB // 50 + 1))[:TWENTY_MB]
    if kind == "jsonl":
        (tmp_path / "big.jsonl").write_text(json.dumps({"id": "big", "text": line}) + "\n")
        args, stdin, where = ["big.jsonl"], subprocess.DEVNULL, "big.jsonl:1"
    else:
        (tmp_path / "big.txt").write_text(line)
        args, where = (["big.txt"], "big.txt") if kind == "txt" else (["-"], "-")
        stdin = subprocess.DEVNULL if kind == "txt" else open(tmp_path / "big.txt", "rb")
    try:
        code, err, seconds, peak_mb = _run_measured(["build", *args, "--store", tmp_path / "store", "-q"],
                                                    tmp_path, stdin=stdin)
    finally:
        if stdin is not subprocess.DEVNULL:
            stdin.close()
    assert code == EXIT_ERROR and "Traceback" not in err, err
    lines = [ln for ln in err.splitlines() if where in ln and "document too long" in ln]
    assert len(lines) == 1 and "KG_MAX_CHARS" in lines[0], err
    # Parsing 20 MB with spaCy would take many GB and many minutes; refusing it takes neither. The
    # bounds are loose on purpose (interpreter + libraries are ~200 MB): they catch parsing, not noise.
    assert peak_mb < 600, f"peak memory {peak_mb:.0f} MB"
    assert seconds < 60, f"took {seconds:.0f} s"


def test_bad_max_chars_setting(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE)
    res = run_kg("build", "good.txt", "--store", tmp_path / "store", cwd=tmp_path, env=kg_env(KG_MAX_CHARS="lots"))
    assert_reported(res, EXIT_ERROR, "KG_MAX_CHARS='lots'", "positive whole number")


# -- the command line itself -----------------------------------------------------------------------

def test_debug_shows_the_traceback(tmp_path):
    for args in (["--debug", "build", "nowhere.txt"], ["build", "nowhere.txt", "--debug"]):
        res = run_kg(*args, "--store", tmp_path / "store", cwd=tmp_path)
        assert res.code == EXIT_ERROR
        assert "Traceback" in res.err and "InputError: nowhere.txt: no such file or directory" in res.err


def test_debug_from_environment(tmp_path):
    res = run_kg("build", "nowhere.txt", "--store", tmp_path / "store", cwd=tmp_path, env=kg_env(KG_DEBUG="1"))
    assert res.code == EXIT_ERROR and "Traceback" in res.err


def test_hostile_file_name_is_printed_inert_on_one_line(tmp_path):
    name = "\x1b[2J\x1b[31mevil\nname\u202e.txt"
    res = build(tmp_path, name)
    assert res.code == EXIT_ERROR and "Traceback" not in res.err
    assert "\x1b" not in res.err and "\u202e" not in res.err
    assert res.err.strip().count("\n") == 0, res.err
    assert "\\x1b[2J\\x1b[31mevil\\nname\\u202e.txt: no such file or directory" in res.err


@pytest.mark.parametrize("args", [["build"], ["build", "a.txt", "--no-such-option"], ["no-such-command"],
                                  ["build", "a.txt", "--published", "yesterday"]])
def test_usage_errors_exit_2_without_traceback(tmp_path, args):
    res = run_kg(*args, cwd=tmp_path)
    assert res.code == EXIT_USAGE and "Traceback" not in res.err and res.err.strip(), res.err


def test_help_exits_0(tmp_path):
    res = run_kg("build", "--help", cwd=tmp_path)
    assert res.code == 0 and "Usage" in res.out


# -- batches: bad documents reported and skipped, good ones built ------------------------------------

@pytest.mark.model
def test_batch_with_bad_documents_builds_the_good_ones(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "latin.txt").write_bytes("Foreign Minister François Müller met José Ramírez in Genève on Monday."
                                         .encode("latin-1"))
    (tmp_path / "utf16.txt").write_bytes("\ufeffForeign Minister Olena Kovalenko met Jonas Lindqvist in Kyiv."
                                         .encode("utf-16-le"))
    (tmp_path / "blank.txt").write_text("   \n")
    (tmp_path / "photo.txt").write_bytes(png_bytes())
    (tmp_path / "photo.png").write_bytes(png_bytes())
    (tmp_path / "front.html").write_text(NAV_ONLY)
    (tmp_path / "huge.txt").write_text("x" * 1_000_001)
    (tmp_path / "feed.jsonl").write_text("\n".join([
        json.dumps({"id": "feed-ok", "text": "Prime Minister Maria Moreau spoke with Tomas Novak by phone."}),
        '{"id": "broken", "text": "unterminated',
        json.dumps({"id": "no-text", "title": "nothing"}),
    ]) + "\n")
    res = build(tmp_path, "good.txt", "latin.txt", "utf16.txt", "blank.txt", "photo.txt", "photo.png",
                "front.html", "huge.txt", "feed.jsonl")
    assert res.code == EXIT_PARTIAL, res.err
    assert "Traceback" not in res.err
    for where, problem in [("blank.txt", "empty document"), ("photo.txt", "binary file (PNG image)"),
                           ("photo.png", "unsupported file type"), ("front.html", "no article text"),
                           ("huge.txt", "document too long"), ("feed.jsonl:2", "invalid JSON"),
                           ("feed.jsonl:3", "no 'text'")]:
        assert len([ln for ln in res.err.splitlines() if where in ln and problem in ln]) == 1, (where, res.err)
    assert article_ids(tmp_path / "store") == ["feed-ok", "good", "latin", "utf16"]

    # Latin-1 and UTF-16 were decoded, not garbled: their names are in the store as written.
    from kg.storage.disk import open_store

    st = open_store(tmp_path / "store", read_only=True)
    labels = {r["l"].value for r in st.query("SELECT ?l WHERE { ?p a kg:Person ; rdfs:label ?l }")}
    assert {"François Müller", "Olena Kovalenko", "Anna Berg"} <= labels, labels
    assert not any("Ã" in label or "\ufffd" in label for label in labels)


@pytest.mark.model
def test_stdin_jsonl_batch(tmp_path):
    data = "\n".join([json.dumps({"id": "s1", "text": ARTICLE}), "not json at all {"]) + "\n"
    res = build(tmp_path, "-", input=data.encode())
    assert res.code == EXIT_PARTIAL, res.err
    assert len([ln for ln in res.err.splitlines() if "-:2" in ln and "invalid JSON" in ln]) == 1
    assert article_ids(tmp_path / "store") == ["s1"]


def test_batch_where_everything_is_bad_exits_1(tmp_path):
    (tmp_path / "blank.txt").write_text("")
    (tmp_path / "photo.txt").write_bytes(png_bytes())
    res = build(tmp_path, "blank.txt", "photo.txt")
    assert res.code == EXIT_ERROR and "Traceback" not in res.err
    assert len([ln for ln in res.err.splitlines() if "blank.txt" in ln]) == 1
    assert len([ln for ln in res.err.splitlines() if "photo.txt" in ln]) == 1


def test_failure_modes_section_of_the_readme_lists_every_exit_code():
    import kg.errors as errors
    from kgrun import ROOT

    doc = (ROOT / "README.md").read_text(encoding="utf-8")
    table = doc.split("### Exit codes", 1)[1].split("\n### ", 1)[0]
    documented = {int(m) for m in re.findall(r"^\|\s*(\d+)\s*\|", table, re.M)}
    codes = {getattr(errors, n) for n in errors.__all__ if n.startswith("EXIT_")}
    assert documented == codes


def test_missing_model(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE)
    res = run_kg("build", "good.txt", "--store", "store", cwd=tmp_path, env=kg_env(KG_MODEL="no_such_model_xyz"))
    # names the missing package and lists what is installed (the model kg would use by default)
    from kg.nlp.model import resolve_model

    assert_reported(res, EXIT_ERROR, "spaCy model package 'no_such_model_xyz'", "is not installed",
                    f"installed spaCy models: {resolve_model(None)}")

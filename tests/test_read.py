"""kg.ingest.read: documents from files, directories, JSON Lines and standard input (no model needed)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest.decode import decode_text
from kg.ingest.files import doc_id_for_path, read_text_file
from kg.ingest.limits import DEFAULT_MAX_CHARS, max_chars
from kg.ingest.problems import ReadProblem
from kg.ingest.read import check_paths, iter_documents
from kg.records import Document
from kgrun import png_bytes

ARTICLE = "Foreign Minister Anna Berg met Carl Holt in Oslo on Monday."


def items(paths, **kw) -> list:
    return list(iter_documents([str(p) for p in paths], **kw))


def only(paths, **kw):
    got = items(paths, **kw)
    assert len(got) == 1, got
    return got[0]


# -- decoding ------------------------------------------------------------------------------------

@pytest.mark.parametrize("data, expected", [
    ("Genève and Zürich".encode("utf-8"), "Genève and Zürich"),
    ("\ufeffGenève".encode("utf-8"), "Genève"),                      # UTF-8 with BOM
    ("Genève and Zürich".encode("latin-1"), "Genève and Zürich"),    # Latin-1
    ("\u201cQuoted\u201d \u2013 Genève".encode("cp1252"), "\u201cQuoted\u201d \u2013 Genève"),  # Windows-1252
    ("\ufeffKyiv – Київ".encode("utf-16-le"), "Kyiv – Київ"),        # UTF-16 LE with BOM
    ("\ufeffKyiv – Київ".encode("utf-16-be"), "Kyiv – Київ"),        # UTF-16 BE with BOM
    ("\ufeffTokyo 東京".encode("utf-32"), "Tokyo 東京"),
])
def test_decode_text_accepts_common_encodings(data, expected):
    assert decode_text(data, "a.txt") == expected


@pytest.mark.parametrize("data, kind", [
    (png_bytes(), "PNG image"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
    (b"\x1f\x8b\x08\x00\x00\x00", "gzip archive"),
    (b"hello\x00world\x00\x01\x02", "binary data"),
])
def test_decode_text_refuses_binary_and_names_the_format(data, kind):
    with pytest.raises(InputError, match=rf"a\.txt: binary file \({kind}"):
        decode_text(data, "a.txt")


def test_utf16_without_bom_is_refused_as_binary():
    with pytest.raises(InputError, match="binary"):
        decode_text("Kyiv talks".encode("utf-16-le"), "a.txt")


def test_bom_that_lies_is_reported():
    with pytest.raises(InputError, match="UTF-16 byte-order mark but is not valid UTF-16"):
        decode_text(b"\xff\xfeA\x00\x00\xd8", "a.txt")  # a lone surrogate half


def test_control_character_soup_is_not_text():
    with pytest.raises(InputError, match="does not look like text"):
        decode_text(bytes(range(1, 32)) * 10, "a.txt")


# -- text files ----------------------------------------------------------------------------------

def test_text_file_becomes_a_document(tmp_path):
    p = tmp_path / "Riyadh Talks.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    doc = only([p], published="2025-02-18")
    assert isinstance(doc, Document)
    assert (doc.id, doc.text, doc.published, doc.source) == ("riyadh-talks", ARTICLE, "2025-02-18", str(p))


@pytest.mark.parametrize("content", [b"", b"   \n\t  \r\n", "\ufeff  \n".encode("utf-8"), "\ufeff \n".encode("utf-16")])
def test_empty_or_whitespace_file_is_a_problem(tmp_path, content):
    p = tmp_path / "empty.txt"
    p.write_bytes(content)
    got = only([p])
    assert got == ReadProblem(str(p), "empty document (no text to read)")


def test_png_named_txt_is_a_problem(tmp_path):
    p = tmp_path / "photo.txt"
    p.write_bytes(png_bytes())
    got = only([p])
    assert isinstance(got, ReadProblem) and got.source == str(p)
    assert got.reason.startswith("binary file (PNG image)")


def test_unknown_extension_named_explicitly_is_a_problem(tmp_path):
    p = tmp_path / "photo.png"
    p.write_bytes(png_bytes())
    got = only([p])
    assert isinstance(got, ReadProblem)
    assert "unsupported file type '.png'" in got.reason and ".txt" in got.reason


def test_document_over_the_limit_is_refused_without_reading_it(tmp_path, monkeypatch):
    p = tmp_path / "dump.txt"
    p.write_bytes(b"x" * 4001)  # more bytes than 1,000 characters can take in UTF-8
    calls = []
    monkeypatch.setattr(Path, "read_bytes", lambda self: calls.append(self) or b"")
    got = only([p], limit=1000)
    assert isinstance(got, ReadProblem)
    assert got.reason.startswith("document too long (4,001 bytes; the limit is 1,000 characters)")
    assert "KG_MAX_CHARS" in got.reason
    assert calls == []  # refused from its size alone


def test_document_over_the_limit_in_characters(tmp_path):
    p = tmp_path / "long.txt"
    p.write_text("word " * 300, encoding="utf-8")  # 1,500 characters, 1,500 bytes
    got = only([p], limit=1000)
    assert isinstance(got, ReadProblem) and "1,500 characters; the limit is 1,000" in got.reason


def test_document_at_the_limit_is_accepted(tmp_path):
    p = tmp_path / "ok.txt"
    p.write_text("é" * 1000, encoding="utf-8")  # 1,000 characters in 2,000 bytes
    assert isinstance(only([p], limit=1000), Document)


def test_limit_from_environment(monkeypatch):
    monkeypatch.setenv("KG_MAX_CHARS", "1_500")
    assert max_chars() == 1500
    monkeypatch.setenv("KG_MAX_CHARS", "lots")
    with pytest.raises(InputError, match="KG_MAX_CHARS='lots': expected a positive whole number"):
        max_chars()
    monkeypatch.delenv("KG_MAX_CHARS")
    assert max_chars() == DEFAULT_MAX_CHARS


NAV_ONLY = ("<html><head><title>Example Media</title></head><body>"
            "<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
            "<footer><p>Copyright 2025 Example Media. All rights reserved.</p></footer></body></html>")
ARTICLE_PAGE = ("<html><head><title>Talks in Oslo</title></head><body><nav><a href='/'>Home</a></nav>"
                "<article><h1>Talks in Oslo</h1>"
                + "".join(f"<p>{ARTICLE} The two ministers discussed trade, energy and security for an hour "
                          f"and agreed to meet again next month, officials said ({i}).</p>" for i in range(4))
                + "</article><footer>Copyright 2025 Example Media</footer></body></html>")


@pytest.mark.parametrize("page", [NAV_ONLY, "<html><body><nav><a href='/'>Home</a></nav></body></html>",
                                  "<html><body></body></html>"])
def test_html_without_article_is_a_problem(tmp_path, page):
    p = tmp_path / "front.html"
    p.write_text(page, encoding="utf-8")
    got = only([p])
    assert isinstance(got, ReadProblem) and got.reason.startswith("HTML page holds no article text")


def test_html_article_is_extracted_without_boilerplate(tmp_path):
    p = tmp_path / "talks.html"
    p.write_text(ARTICLE_PAGE, encoding="utf-8")
    doc = only([p])
    assert isinstance(doc, Document)
    assert ARTICLE in doc.text and "Copyright" not in doc.text
    assert doc.title == "Talks in Oslo"


# -- JSON Lines ----------------------------------------------------------------------------------

def test_jsonl_bad_lines_are_problems_and_good_records_documents(tmp_path):
    p = tmp_path / "feed.jsonl"
    p.write_text("\n".join([
        json.dumps({"id": "a", "text": ARTICLE, "published": "2025-02-18"}),
        '{"id": "b", "text": "broken',
        json.dumps({"id": "c", "title": "no text here"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "e", "text": "  "}),
        json.dumps({"id": "f", "text": ARTICLE, "published": "yesterday"}),
        "",
        json.dumps({"text": ARTICLE + " Again."}),
    ]) + "\n", encoding="utf-8")
    got = items([p])
    assert [type(g).__name__ for g in got] == ["Document", "ReadProblem", "ReadProblem", "ReadProblem",
                                               "ReadProblem", "ReadProblem", "Document"]
    assert got[0].id == "a" and got[0].published == "2025-02-18" and got[0].source == f"{p}:1"
    assert got[1].source == f"{p}:2" and got[1].reason.startswith("invalid JSON")
    assert got[2].source == f"{p}:3" and "no 'text'" in got[2].reason
    assert "got a JSON list" in got[3].reason
    assert "no 'text'" in got[4].reason
    assert "'published' must be an ISO date" in got[5].reason
    assert got[6].id == "feed-8"  # no id: file stem and line number


def test_jsonl_with_bom_and_crlf(tmp_path):
    p = tmp_path / "win.jsonl"
    p.write_bytes(("\ufeff" + json.dumps({"id": "a", "text": ARTICLE}) + "\r\n").encode("utf-8"))
    assert only([p]).id == "a"


def test_empty_jsonl_is_a_problem(tmp_path):
    p = tmp_path / "none.jsonl"
    p.write_text("\n\n", encoding="utf-8")
    got = only([p])
    assert isinstance(got, ReadProblem) and got.reason.startswith("no records")


def test_binary_jsonl_is_one_problem(tmp_path):
    p = tmp_path / "photo.jsonl"
    p.write_bytes(png_bytes() * 50)
    got = only([p])
    assert isinstance(got, ReadProblem) and got.reason == "binary file (PNG image), not JSON Lines"


def test_jsonl_line_not_utf8(tmp_path):
    p = tmp_path / "mixed.jsonl"
    p.write_bytes(json.dumps({"id": "a", "text": "Genève"}, ensure_ascii=False).encode("latin-1") + b"\n"
                  + json.dumps({"id": "b", "text": ARTICLE}).encode() + b"\n")
    got = items([p])
    assert isinstance(got[0], ReadProblem) and "not valid UTF-8" in got[0].reason
    assert got[1].id == "b"


def test_overlong_jsonl_line_is_skipped_without_holding_it(tmp_path):
    limit = 1000
    p = tmp_path / "huge.jsonl"
    with p.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "big", "text": "x" * 200_000}) + "\n")  # > 12 bytes per allowed char
        fh.write(json.dumps({"id": "long", "text": "y" * 1500}) + "\n")    # parsed, too many characters
        fh.write(json.dumps({"id": "ok", "text": ARTICLE}) + "\n")
    got = items([p], limit=limit)
    assert isinstance(got[0], ReadProblem) and got[0].source == f"{p}:1" and "document too long" in got[0].reason
    assert isinstance(got[1], ReadProblem) and "1,500 characters" in got[1].reason
    assert got[2].id == "ok"


# -- paths and directories -------------------------------------------------------------------------

def test_missing_path_stops_before_anything_is_read(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    gen = iter_documents([str(good), str(tmp_path / "missing.txt")])
    with pytest.raises(InputError, match=r"missing\.txt: no such file or directory"):
        next(gen)


def test_directory_without_documents(tmp_path):
    d = tmp_path / "photos"
    (d / ".hidden").mkdir(parents=True)
    (d / "a.png").write_bytes(png_bytes())
    (d / ".notes.txt").write_text(ARTICLE)
    (d / ".hidden" / "b.txt").write_text(ARTICLE)
    with pytest.raises(InputError, match=r"photos: directory holds no documents \(expected .txt"):
        check_paths([str(d)])


def test_no_paths():
    with pytest.raises(InputError, match="no input"):
        check_paths([])


def test_directory_is_walked_in_order_with_unique_ids(tmp_path):
    d = tmp_path / "archive"
    for rel in ["b.txt", "a.md", "2024/01/news.txt", "2024/02/news.txt", "skip.png", ".git/x.txt"]:
        f = d / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_bytes(png_bytes() if rel.endswith(".png") else f"{ARTICLE} ({rel})".encode())
    got = items([d])
    assert [g.id for g in got] == ["a", "b", "2024-01-news", "2024-02-news"]  # files first, then folders
    assert all(isinstance(g, Document) for g in got)


def test_duplicate_ids_in_one_batch_are_reported_not_replaced(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "news.txt").write_text(ARTICLE)
    (tmp_path / "y" / "news.txt").write_text(ARTICLE + " Later.")
    got = items([tmp_path / "x" / "news.txt", tmp_path / "y" / "news.txt"])
    assert isinstance(got[0], Document) and got[0].id == "news"
    assert isinstance(got[1], ReadProblem)
    assert "document id 'news' is already used by" in got[1].reason and str(tmp_path / "x" / "news.txt") in got[1].reason


def test_doc_id_for_nested_file():
    assert doc_id_for_path(Path("in/A B/c.txt"), root=Path("in")) == "a-b-c"
    assert doc_id_for_path(Path("in/c.txt"), root=Path("in")) == "c"
    assert doc_id_for_path(Path("!!!.txt")) == "document"


def test_read_text_file_on_a_directory(tmp_path):
    with pytest.raises(InputError, match="not a regular file, expected a file"):
        read_text_file(tmp_path)


# -- standard input --------------------------------------------------------------------------------

def test_stdin_text_document():
    doc = only(["-"], stdin=io.BytesIO(ARTICLE.encode("utf-8")))
    assert (doc.id, doc.text, doc.source) == ("stdin", ARTICLE, "-")


def test_stdin_text_stream_of_str():
    assert only(["-"], stdin=io.StringIO(ARTICLE)).text == ARTICLE


def test_stdin_latin1():
    assert only(["-"], stdin=io.BytesIO("Genève".encode("latin-1"))).text == "Genève"


def test_stdin_jsonl_is_streamed_with_problems():
    data = "\n" + json.dumps({"id": "a", "text": ARTICLE}) + "\n{\"id\": broken\n" + json.dumps({"id": "c", "text": "Hi."})
    got = items(["-"], stdin=io.BytesIO(data.encode()))
    assert [g.id if isinstance(g, Document) else g.source for g in got] == ["a", "-:3", "c"]


def test_stdin_jsonl_with_a_broken_first_line_is_still_jsonl():
    data = '{"id": "a", "text": "broken\n' + json.dumps({"id": "b", "text": ARTICLE}) + "\n"
    got = items(["-"], stdin=io.BytesIO(data.encode()))
    assert isinstance(got[0], ReadProblem) and got[0].source == "-:1" and got[1].id == "b"


def test_stdin_prose_starting_with_a_brace_is_text():
    text = "{Update} Foreign Minister Anna Berg met Carl Holt."
    assert only(["-"], stdin=io.BytesIO(text.encode())).text == text


@pytest.mark.parametrize("data", [b"", b"  \n \n"])
def test_stdin_empty(data):
    assert only(["-"], stdin=io.BytesIO(data)) == ReadProblem("-", "empty input on standard input")


def test_stdin_closed():
    s = io.BytesIO(b"x")
    s.close()
    with pytest.raises(InputError, match="standard input is closed"):
        items(["-"], stdin=s)


def test_stdin_over_the_limit_is_refused_after_reading_only_the_limit():
    class Counting(io.BytesIO):
        read_bytes = 0

        def read(self, n=-1):
            out = super().read(n)
            Counting.read_bytes += len(out)
            return out

        def readline(self, n=-1):
            out = super().readline(n)
            Counting.read_bytes += len(out)
            return out

    stream = Counting(b"word and more words\n" * 5000)  # 100,000 bytes of text
    got = only(["-"], stdin=stream, limit=1000)
    assert isinstance(got, ReadProblem) and "document too long (more than" in got.reason
    assert Counting.read_bytes <= 4 * 1000 + 100  # stopped just past the limit


def test_problem_string_is_one_safe_line():
    p = ReadProblem("evil\x1b[2J\nname.txt", "bad \u202e thing")
    s = str(p)
    assert "\n" not in s and "\x1b" not in s and "\u202e" not in s
    assert s == "evil\\x1b[2J\\nname.txt: bad \\u202e thing"

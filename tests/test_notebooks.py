"""The notebooks of ``notebooks/``: committed without outputs, and each runs top to bottom.

Each notebook is executed once per module with nbclient in a fresh kernel of *this* interpreter
(a kernel spec written to a temporary folder points at ``sys.executable``, so a machine with only
the project's venv needs no registered kernel). A probe cell appended to the notebook prints what
the tests check as JSON; the expected values come from the text of ``examples/geneva-talks.txt``
(published 2025-03-12, so "on Monday" is 2025-03-10) and of the BBC corpus, not from earlier runs.
"""
from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest
from kg.rdf.iri import mint_article_iri

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS_DIR = ROOT / "notebooks"
NOTEBOOKS = ("01-quickstart.ipynb", "02-corpus-analysis.ipynb", "03-linked-data.ipynb")
EXAMPLE_TEXT = (ROOT / "examples" / "geneva-talks.txt").read_text(encoding="utf-8")
STRIP_TOOL = ROOT / "tools" / "strip_notebooks.py"
PROBE_MARK = "KG-PROBE "
KERNEL_NAME = "kg-test-python"


def slow_model(test):
    return pytest.mark.slow(pytest.mark.model(test))


# -- committed form --------------------------------------------------------------------------------

def test_every_notebook_is_tested():
    assert sorted(p.name for p in NOTEBOOKS_DIR.glob("*.ipynb")) == sorted(NOTEBOOKS)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_is_committed_without_outputs(name):
    nb = nbformat.read(NOTEBOOKS_DIR / name, as_version=4)
    nbformat.validate(nb)
    dirty = [cell.id for cell in nb.cells
             if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)]
    assert not dirty, f"{name}: cells with outputs {dirty}; run: python tools/strip_notebooks.py"
    assert nb.metadata.kernelspec.name == "python3"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_uses_the_library_not_the_shell(name):
    nb = nbformat.read(NOTEBOOKS_DIR / name, as_version=4)
    magic = [cell.id for cell in nb.cells if cell.cell_type == "code"
             and any(line.lstrip().startswith(("!", "%")) for line in cell.source.splitlines())]
    assert not magic, f"{name}: shell commands or magics in cells {magic}"


def _run_tool(*args):
    return subprocess.run([sys.executable, str(STRIP_TOOL), *map(str, args)], capture_output=True, text=True,
                          timeout=120)


def test_strip_tool_removes_outputs_and_keeps_sources(tmp_path):
    source = nbformat.read(NOTEBOOKS_DIR / NOTEBOOKS[0], as_version=4)
    nb = nbformat.read(NOTEBOOKS_DIR / NOTEBOOKS[0], as_version=4)
    first_code = next(c for c in nb.cells if c.cell_type == "code")
    first_code.outputs = [nbformat.v4.new_output("stream", name="stdout", text="hello\n")]
    first_code.execution_count = 3
    first_code.metadata["execution"] = {"iopub.status.busy": "2025-03-12T10:00:00Z"}
    path = tmp_path / "dirty.ipynb"
    nbformat.write(nb, path)

    check = _run_tool("--check", path)
    assert check.returncode == 1 and "dirty.ipynb" in check.stderr

    assert _run_tool(path).returncode == 0
    stripped = nbformat.read(path, as_version=4)
    assert [c.source for c in stripped.cells] == [c.source for c in source.cells]
    assert [c.id for c in stripped.cells] == [c.id for c in source.cells]
    assert all(not c.outputs and c.execution_count is None and "execution" not in c.metadata
               for c in stripped.cells if c.cell_type == "code")
    assert _run_tool("--check", path).returncode == 0


# -- running them ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def kernel_dirs(tmp_path_factory):
    """A kernel spec folder whose only kernel runs ipykernel in this interpreter."""
    kernels = tmp_path_factory.mktemp("jupyter") / "kernels"
    spec = kernels / KERNEL_NAME
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "kg tests (this interpreter)",
        "language": "python",
    }), encoding="utf-8")
    return kernels


def run_notebook(name: str, kernels: Path, probe: str, env: dict | None = None) -> SimpleNamespace:
    """Execute notebook ``name`` top to bottom with ``probe`` (an expression) printed as JSON at the end."""
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    nb = nbformat.read(NOTEBOOKS_DIR / name, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(
        f"import json as _json\nprint({PROBE_MARK!r} + _json.dumps({probe}, default=str))", id="test-probe"))
    km = KernelManager(kernel_name=KERNEL_NAME, kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kernels)]))
    client = NotebookClient(nb, km=km, timeout=600, resources={"metadata": {"path": str(NOTEBOOKS_DIR)}})
    started = time.perf_counter()
    try:
        client.execute(env={**os.environ, "MPLBACKEND": "module://matplotlib_inline.backend_inline", **(env or {})})
    finally:
        if km.has_kernel:  # nbclient leaves a kernel manager it was given running
            km.shutdown_kernel(now=True)
    seconds = time.perf_counter() - started
    print(f"\n{name}: ran in {seconds:.1f} s")
    cells = {c.id: c for c in nb.cells}
    probe_text = "".join(o.get("text", "") for o in cells["test-probe"].outputs if o.output_type == "stream")
    line = next(ln for ln in probe_text.splitlines() if ln.startswith(PROBE_MARK))
    return SimpleNamespace(nb=nb, cells=cells, probe=json.loads(line[len(PROBE_MARK):]), seconds=seconds)


def stdout(cell) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


def data(cell, mime: str) -> list:
    return [o["data"][mime] for o in cell.outputs if "data" in o and mime in o["data"]]


# -- 01 quickstart ----------------------------------------------------------------------------------

QUICKSTART_PROBE = """{
    "persons": sorted(entities.loc[entities.type == "Person", "name"]),
    "places": sorted(entities.loc[entities.type == "Place", "name"]),
    "relations": relations[["subject", "relation", "object"]].values.tolist(),
    "quotations": quotations[["speaker", "quote"]].fillna("").values.tolist(),
    "meetings": meetings[["participants", "place", "date"]].fillna("").astype(str).values.tolist(),
    "positions": positions[["person", "position", "of"]].fillna("").values.tolist(),
    "said_by_marsh": said_by_marsh["quote"].tolist(),
    "speakers_bound": sorted(set(said_by_marsh["speaker"])),
}"""


@pytest.fixture(scope="module")
def quickstart(kernel_dirs):
    return run_notebook("01-quickstart.ipynb", kernel_dirs, QUICKSTART_PROBE)


@slow_model
def test_quickstart_tables_show_the_actors_of_the_article(quickstart):
    p = quickstart.probe
    assert {"Helen Marsh", "Kenji Arata", "Daniel Fortier", "Haruto Mori"} <= set(p["persons"])
    assert "Geneva" in p["places"]
    assert ["Helen Marsh", "represents", "Canada"] in p["relations"]
    assert ["Daniel Fortier", "spokeWith", "Haruto Mori"] in p["relations"]
    marsh_quotes = [q for speaker, q in p["quotations"] if speaker == "Helen Marsh"]
    assert "We have found common ground on agriculture and on digital trade" in marsh_quotes
    for _, quote in p["quotations"]:
        assert quote in EXAMPLE_TEXT


@slow_model
def test_quickstart_shows_the_graph_inline(quickstart):
    (frame,) = data(quickstart.cells["graph"], "text/html")
    assert frame.startswith("<iframe") and 'srcdoc="' in frame
    page = html.unescape(re.search(r'srcdoc="([^"]*)"', frame).group(1))
    assert page.lstrip().lower().startswith("<!doctype html") and "Helen Marsh" in page


@slow_model
def test_quickstart_queries(quickstart):
    p = quickstart.probe
    geneva = [m for m in p["meetings"] if m[1] == "Geneva" and m[2] == "2025-03-10"]
    assert any({"Helen Marsh", "Kenji Arata"} <= set(m[0].split(", ")) for m in geneva)
    assert ["Helen Marsh", "Foreign Minister", "Canada"] in p["positions"]
    assert ["Kenji Arata", "Trade Minister", "Japan"] in p["positions"]
    assert "We have found common ground on agriculture and on digital trade" in p["said_by_marsh"]
    assert p["speakers_bound"] == ["Helen Marsh"]  # the parameter selected her quotations only
    for table in ("entities", "relations", "quotations", "q-meetings", "q-positions", "q-speaker"):
        assert data(quickstart.cells[table], "text/html"), f"cell {table} shows no table"


# -- 02 corpus analysis -----------------------------------------------------------------------------

CORPUS_PROBE = """{
    "source": SOURCE,
    "documents": report.documents,
    "problems": len(report.problems),
    "labels": sorted(G.nodes[n]["label"] for n in G),
    "nodes": G.number_of_nodes(),
    "central": central.head(10)[["actor", "linked actors", "degree"]].values.tolist(),
    "community_sizes": [len(groups[c]) for c in sorted(groups)],
    "communities_cover": sorted(community_of) == sorted(G),
    "events": len(events),
    "dated_meetings": int(((events.kind == "Meeting") & events.when.notna()).sum()),
    "chart_source": chart_source,
    "per_month": {str(k): int(v) for k, v in per_month.items()},
    "chart_meetings": len(meetings),
}"""


@pytest.fixture(scope="module")
def corpus(kernel_dirs, shared_eval):
    return run_notebook("02-corpus-analysis.ipynb", kernel_dirs, CORPUS_PROBE)


@pytest.fixture(scope="module")
def corpus_without_bbc(kernel_dirs, tmp_path_factory):
    absent = tmp_path_factory.mktemp("no-corpus") / "absent.jsonl"
    return run_notebook("02-corpus-analysis.ipynb", kernel_dirs, CORPUS_PROBE,
                        env={"KG_NOTEBOOK_CORPUS": str(absent)})


def _first_bbc_records(shared_eval, n=60):
    with open(shared_eval / "corpus" / "bbc_politics.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for _, line in zip(range(n), fh)]


@slow_model
def test_corpus_notebook_builds_the_first_60_bbc_articles(corpus, shared_eval):
    records = _first_bbc_records(shared_eval)
    assert all(r.get("text", "").strip() for r in records)  # every one of them is a document
    assert "bbc_politics.jsonl" in corpus.probe["source"]
    assert corpus.probe["documents"] == len(records) == 60 and corpus.probe["problems"] == 0
    blair = sum("Blair" in r["text"] for r in records)
    assert blair >= 10 and "Tony Blair" in corpus.probe["labels"]


@slow_model
def test_corpus_notebook_centrality_table_is_ranked(corpus):
    central = corpus.probe["central"]
    n = corpus.probe["nodes"]
    assert len(central) == 10
    assert all(set(r[0:1]) <= set(corpus.probe["labels"]) for r in central)
    for actor, linked, degree in central:
        assert degree == pytest.approx(linked / (n - 1), abs=1e-4)
    degrees = [r[2] for r in central]
    assert degrees == sorted(degrees, reverse=True) and degrees[0] > 0


@slow_model
def test_corpus_notebook_communities_partition_the_actors(corpus):
    sizes = corpus.probe["community_sizes"]
    assert corpus.probe["communities_cover"]
    assert sum(sizes) == corpus.probe["nodes"]
    assert sizes == sorted(sizes, reverse=True)  # numbered from the largest


@slow_model
def test_corpus_notebook_charts_only_dated_meetings(corpus):
    p = corpus.probe
    chart = corpus.cells["chart"]
    assert data(chart, "image/png"), "no chart drawn"
    assert sum(p["per_month"].values()) == p["chart_meetings"] >= 1
    if p["dated_meetings"] == 0:  # BBC records have no dates: the note, then the example's meetings
        assert "No meeting found" in stdout(chart)
        assert "geneva-talks.txt" in p["chart_source"]
        assert set(p["per_month"]) == {"2025-03"}  # "Monday" before 2025-03-12
    else:
        assert p["chart_source"] == p["source"] and "No meeting found" not in stdout(chart)
        assert sum(p["per_month"].values()) == p["dated_meetings"]


@slow_model
def test_corpus_notebook_falls_back_to_the_example(corpus_without_bbc):
    p = corpus_without_bbc.probe
    assert "geneva-talks.txt" in p["source"] and p["documents"] == 1
    assert {"Helen Marsh", "Kenji Arata"} <= set(p["labels"])
    assert p["chart_source"] == p["source"]  # the example's own meetings are dated
    assert set(p["per_month"]) == {"2025-03"} and p["dated_meetings"] >= 1


# -- 03 linked data ---------------------------------------------------------------------------------

LINKED_PROBE = """{
    "files": {ext: str(p) for ext, p in files.items()},
    "triples": report.triples,
    "named_graphs": named_graphs.values.tolist(),
    "jsonld_marsh": marsh,
    "conforms": validation.conforms,
    "broken_conforms": broken_report.conforms,
    "broken": [(v.focus, v.path) for v in broken_report.violations],
    "broken_meeting": str(a_meeting),
    "evidence": evidence[["sentence", "begin", "end", "a", "b"]].values.tolist(),
    "before": arata_met_marsh_before,
    "after": arata_met_marsh_after,
    "inferred_graph": str(inferred.graph.identifier),
    "rdflib_triples": len(g),
    "paths": [list(p) for p in nx.all_shortest_paths(H.to_undirected(), "Kenji Arata", "Daniel Fortier")],
    "graphml_actors": sorted(d["label"] for _, d in actors.nodes(data=True)),
}"""


@pytest.fixture(scope="module")
def linked_data(kernel_dirs):
    return run_notebook("03-linked-data.ipynb", kernel_dirs, LINKED_PROBE)


@slow_model
def test_linked_data_exports(linked_data):
    p = linked_data.probe
    assert sorted(p["files"]) == [".graphml", ".jsonld", ".trig", ".ttl"]
    ((graph, size),) = p["named_graphs"]  # one article, one named graph, named by its IRI
    assert graph.rsplit("/", 2)[1:] == ["article", mint_article_iri("geneva-talks").rsplit("/", 1)[1]]
    assert size == p["triples"]
    assert p["jsonld_marsh"]["label"] == "Helen Marsh" and p["jsonld_marsh"]["@type"] == "Person"
    assert p["rdflib_triples"] == p["triples"]
    assert {"Helen Marsh", "Kenji Arata", "Canada", "Japan"} <= set(p["graphml_actors"])


@slow_model
def test_linked_data_shacl(linked_data):
    p = linked_data.probe
    assert p["conforms"] is True and p["broken_conforms"] is False
    focus_paths = {(focus.rsplit("/", 1)[-1], path) for focus, path in p["broken"]}
    assert ("helen-marsh", "rdfs:label") in focus_paths
    assert (p["broken_meeting"].rsplit("/", 1)[-1], "kg:participant") in focus_paths


@slow_model
def test_linked_data_provenance_gives_the_sentences(linked_data):
    evidence = linked_data.probe["evidence"]
    assert evidence, "no sentence says that Arata met Marsh"
    first = ("Canadian Foreign Minister Helen Marsh met with Japanese Trade Minister Kenji Arata in Geneva "
             "on Monday, the first meeting between the two ministers since negotiations stalled last year.")
    assert first in [row[0] for row in evidence]
    for sentence, begin, end, a, b in evidence:
        assert EXAMPLE_TEXT[begin:end] == sentence and (a, b) == ("Kenji Arata", "Helen Marsh")


@slow_model
def test_linked_data_owlrl_makes_met_with_symmetric(linked_data):
    p = linked_data.probe
    assert p["before"] is False and p["after"] is True  # the article states Marsh met Arata only
    assert p["inferred_graph"].endswith("/graph/inferred")


@slow_model
def test_linked_data_networkx_paths(linked_data):
    paths = linked_data.probe["paths"]
    # Arata's neighbours (Marsh, Okafor, Japan) and Fortier's (Canada, Mori) share none: 3 steps
    assert paths and all(len(p) == 4 and p[0] == "Kenji Arata" and p[-1] == "Daniel Fortier" for p in paths)
    assert ["Kenji Arata", "Helen Marsh", "Canada", "Daniel Fortier"] in paths

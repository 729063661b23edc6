"""Validate kg output against its SHACL shapes (``ontologies/shapes.ttl``).

Two kinds of checks, both in :class:`ValidationReport`:

* **SHACL** over the union of all graphs, with ``kg.ttl`` as the ontology (so ``sh:class
  kg:Actor`` accepts a ``kg:Person``): names, types, dates, offsets that match the sentence
  length, an evidence node behind every asserted relation, and so on;
* **dataset layout** (stores and TriG, N-Quads, JSON-LD files): every named graph is one
  article's, named by that article's IRI and holding its ``kg:Article`` node, except the graph
  of inferred triples (``<base>graph/inferred``).

Two engines give the same violations (``tests/test_shacl_sparql.py``): ``"sparql"`` (the default)
runs every constraint as a SPARQL query in Oxigraph, over an in-memory Oxigraph copy of the
distinct triples (:mod:`kg.check.shacl_sparql`); ``"pyshacl"`` copies the data into rdflib and runs
pySHACL (:mod:`kg.check.shacl`), the reference, about six times slower on 100 BBC articles
(``bench/bench_validate.py``).

With ``infer=True`` the OWL-RL entailments (:mod:`kg.check.inference`) are computed and validated
together with the data; :func:`validate_store` also writes them to the store's inferred graph.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from ..errors import InputError
from ..rdf.iri import inferred_graph_iri
from ..rdf.namespace import KG
from .shacl import Violation, clip_text, show_term, run_shapes
from ..storage.terms import from_ox

__all__ = ["ENGINES", "Violation", "ValidationReport", "validate_graph", "validate_dataset", "validate_store",
           "validate_file", "PARSE_FORMATS"]

#: The SHACL engines (the first is the default).
ENGINES = ("sparql", "pyshacl")

#: extension -> rdflib parser name (the RDF formats of :mod:`kg.output.export`).
PARSE_FORMATS = {".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".trig": "trig", ".jsonld": "json-ld",
                 ".json": "json-ld", ".rdf": "xml", ".owl": "xml", ".xml": "xml"}


@dataclass
class ValidationReport:
    """The outcome of a validation: :attr:`conforms`, the :attr:`violations` and what was checked."""

    source: str
    triples: int
    violations: list[Violation] = field(default_factory=list)
    inferred: object = None  # kg.check.inference.Inference when infer=True
    inferred_graph: str | None = None  # where the entailments were written, if anywhere

    @property
    def conforms(self) -> bool:
        return not any(v.severity == "Violation" for v in self.violations)

    def text(self, limit: int = 50) -> str:
        """A readable report: a verdict line, then one line per violation (at most ``limit``)."""
        head = (f"{self.source}: {'conforms' if self.conforms else 'does NOT conform'} to kg's SHACL shapes "
                f"({self.triples} triples checked, {len(self.violations)} result(s))")
        lines = [head]
        if self.inferred is not None:
            where = f", written to graph <{self.inferred_graph}>" if self.inferred_graph else ""
            lines.append(f"OWL-RL: {self.inferred.summary()}{where}")
        for v in self.violations[:limit]:
            lines.append("  " + v.line())
        if len(self.violations) > limit:
            lines.append(f"  ... and {len(self.violations) - limit} more")
        return "\n".join(lines)


def validate_graph(data: Graph, *, source: str = "graph", infer: bool = False,
                   base: str | None = None, engine: str = "sparql") -> ValidationReport:
    """SHACL-validate one graph (for a dataset, pass the union of its graphs).

    Raises
    ------
    ValueError
        For an unknown ``engine`` (see :data:`ENGINES`).

    Examples
    --------
    >>> g = Graph()
    >>> _ = g.add((URIRef("http://ex.org/a"), RDF.type, KG.Person))
    >>> r = validate_graph(g)
    >>> r.conforms
    False
    >>> print(r.text())  # doctest: +ELLIPSIS
    graph: does NOT conform to kg's SHACL shapes (1 triples checked, ... result(s))
      Violation: <http://ex.org/a> rdfs:label: an actor has exactly one canonical name ...
    ...
    """
    _check_engine(engine)
    if engine == "sparql":
        from ..storage.terms import to_ox

        memory = _memory_store()
        memory.add_quads(ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.DefaultGraph()) for s, p, o in data)
        return _validate_oxigraph(memory, source=source, infer=infer, base=base, layout=False)
    report = ValidationReport(source=source, triples=len(data))
    if infer:
        from .inference import infer as run_inference

        report.inferred = run_inference(data, identifier=inferred_graph_iri(base))
        checked = Graph()
        for t in data:
            checked.add(t)
        for t in report.inferred.graph:
            checked.add(t)
        data = checked
    report.violations.extend(_shacl(data))
    return report


def validate_dataset(ds: Dataset, *, source: str = "dataset", infer: bool = False,
                     base: str | None = None, engine: str = "sparql") -> ValidationReport:
    """Validate a dataset: its layout (a named graph per article), then SHACL over its union."""
    _check_engine(engine)
    if engine == "sparql":
        from ..storage.terms import to_ox

        memory = _memory_store()
        memory.add_quads(ox.Quad(to_ox(s), to_ox(p), to_ox(o), _ox_graph(g)) for s, p, o, g in ds.quads())
        return _validate_oxigraph(memory, source=source, infer=infer, base=base, layout=True)
    inferred = inferred_graph_iri(base)
    union = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    layout = _layout(ds, inferred)
    if infer:  # reason over the articles only; stale entailments are replaced, not reused
        articles = Graph()
        for s, p, o, g in ds.quads((None, None, None, None)):
            if _name(g) != inferred:
                articles.add((s, p, o))
        union = articles
    report = validate_graph(union, source=source, infer=infer, base=base, engine="pyshacl")
    report.violations[:0] = layout
    return report


def validate_store(store, *, infer: bool = False, base: str | None = None,
                   engine: str = "sparql") -> ValidationReport:
    """Validate a :class:`kg.storage.store.KgStore`; with ``infer`` also write the entailments to its
    ``<base>graph/inferred`` graph (the store must then be writable).

    With the default ``engine="sparql"`` the shapes are checked by SPARQL queries over an
    in-memory Oxigraph copy of the store's distinct triples (nothing is copied into rdflib but, with
    ``infer``, the reasoner's input); the entailments are checked together with the articles.

    Raises
    ------
    StoreError
        When ``infer`` is set and the store is open read-only.
    ValueError
        For an unknown ``engine`` (see :data:`ENGINES`).
    """
    from ..errors import StoreError

    _check_engine(engine)
    if infer and store.read_only:
        raise StoreError(f"{store.path}: --infer writes the inferred graph; open the store for writing "
                         "(no other kg process may be writing to it)")
    source = f"store {store.path}"
    if engine == "sparql":
        report = _validate_oxigraph(store, source=source, infer=infer, base=base, layout=True)
    else:
        report = validate_dataset(store.to_rdflib(), source=source, infer=infer, base=base, engine="pyshacl")
        if infer:
            store.add_graphs([report.inferred.graph])
    if infer:
        store.flush()
        report.inferred_graph = str(report.inferred.identifier)  # <base>graph/inferred
    return report


def validate_file(path: str | Path, *, infer: bool = False, base: str | None = None,
                  engine: str = "sparql") -> ValidationReport:
    """Validate an RDF file (format from the extension, see :data:`PARSE_FORMATS`).

    Raises
    ------
    InputError
        When the file is missing, has an unknown extension or does not parse.
    ValueError
        For an unknown ``engine`` (see :data:`ENGINES`).
    """
    _check_engine(engine)
    p = Path(path)
    fmt = PARSE_FORMATS.get(p.suffix.lower())
    if fmt is None:
        raise InputError(f"{p}: cannot validate a {p.suffix or 'extensionless'} file "
                         f"(expected an RDF file: {', '.join(PARSE_FORMATS)})")
    if not p.is_file():
        raise InputError(f"{p}: no such file; give an exported RDF file or use --store DIR")
    ds = Dataset()
    try:
        ds.parse(str(p), format=fmt)
    except Exception as exc:  # rdflib raises many types for bad syntax
        raise InputError(f"{p}: not valid {fmt} ({exc.__class__.__name__}: {clip_text(str(exc), 200)})") from None
    if fmt in ("nquads", "trig", "json-ld"):
        return validate_dataset(ds, source=str(p), infer=infer, base=base, engine=engine)
    union = Graph()
    for s, p_, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p_, o))
    return validate_graph(union, source=str(p), infer=infer, base=base, engine=engine)


# -- internals ---------------------------------------------------------------------------------

def _check_engine(engine: str) -> None:
    if engine not in ENGINES:
        raise ValueError(f"unknown SHACL engine {engine!r} (expected one of {', '.join(ENGINES)})")


def _memory_store():
    from ..storage.store import KgStore

    return KgStore(ox.Store(), None, read_only=False)


def _ox_graph(identifier):
    name = _name(identifier)
    if name is not None:
        return ox.NamedNode(name)
    if identifier is None or isinstance(identifier, URIRef):  # rdflib's default graph
        return ox.DefaultGraph()
    return ox.BlankNode(str(identifier))


def _validate_oxigraph(store, *, source: str, infer: bool, base: str | None, layout: bool) -> ValidationReport:
    """Layout, inference and SHACL (as SPARQL queries) over a :class:`kg.storage.store.KgStore`.

    The distinct triples of the store's graphs (with ``infer``: of every graph but the inferred
    one, plus the new entailments, which replace the store's inferred graph) are copied by
    Oxigraph into an in-memory store, where the queries run about ten times faster than over the
    union of the on-disk graphs (every article graph repeats the names and types of its actors)."""
    from ..rdf.ontology import load_ontology, load_shapes
    from .shacl_sparql import run_shapes_sparql
    from ..storage.store import KgStore

    inferred = inferred_graph_iri(base)
    report = ValidationReport(source=source, triples=0)
    if layout:
        report.violations.extend(_store_layout(store, inferred))
    skip = f"FILTER(?g != {ox.NamedNode(inferred)})" if infer else ""
    union = store.query(
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {{ ?s ?p ?o }} UNION {{ GRAPH ?g {{ ?s ?p ?o }} {skip} }} }}", union=False)
    checked = ox.Store()
    if store.query("ASK { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } FILTER(isBlank(?s) || isBlank(?o)) }",
                   union=False):
        checked.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in union)  # keeps blank node ids
    else:  # faster: nothing but Oxigraph
        checked.load(union.serialize(format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.N_TRIPLES)
    report.triples = len(checked)
    if infer:
        from .inference import infer as run_inference
        from ..storage.terms import from_ox, to_ox

        triples = [(q.subject, q.predicate, q.object) for q in checked.quads_for_pattern(None, None, None)]
        ahead = {x: from_ox(x) for x in {x for t in triples for x in t}}  # each distinct term converted once
        back = {t: x for x, t in ahead.items()}
        report.inferred = run_inference({(ahead[s], ahead[p], ahead[o]) for s, p, o in triples}, identifier=inferred)
        entailed = [tuple(back[x] if x in back else back.setdefault(x, to_ox(x)) for x in t)
                    for t in report.inferred.triples]
        store.replace_graph(inferred, entailed)  # replaces an earlier run's entailments
        checked.bulk_extend(ox.Quad(s, p, o) for s, p, o in entailed)
    report.violations.extend(run_shapes_sparql(KgStore(checked, None, read_only=True), load_shapes(), load_ontology()))
    return report


def _store_layout(store, inferred: str) -> list[Violation]:
    """The checks of :func:`_layout`, as queries over a :class:`kg.storage.store.KgStore`."""
    named = store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?g)) }")
    graphs: dict[str, set[str]] = {r["g"].value: set() for r in named}
    for r in store.query("SELECT ?g ?a WHERE { GRAPH ?g { ?a a kg:Article } FILTER(isIRI(?g)) }"):
        graphs[r["g"].value].add(str(from_ox(r["a"])))
    graphs.pop(inferred, None)
    out = []
    for name in sorted(graphs):
        if graphs[name] != {name}:
            found = ", ".join(sorted(_short(a) for a in graphs[name])) or "none"
            out.append(Violation(focus=name, message="a named graph holds exactly one kg:Article, the one it is "
                                 f"named after (found: {found})", severity="Violation"))
    default = int(next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", union=False)))["n"].value)
    if default:
        out.append(Violation(focus="default graph", message=f"{default} triple(s) outside any article graph; "
                             "every assertion belongs to the named graph of its article"))
    return out


# -- internals of the pyshacl engine -----------------------------------------------------------------

def _shacl(data: Graph) -> list[Violation]:
    from ..rdf.ontology import load_ontology, load_shapes

    return run_shapes(data, load_shapes(), load_ontology())


def _layout(ds: Dataset, inferred: str) -> list[Violation]:
    """Named graph per article: each graph is named by the kg:Article it holds."""
    out = []
    for g in ds.graphs():
        name = _name(g.identifier)
        if name is None or not len(g):
            continue
        if name == inferred:
            continue
        articles = set(g.subjects(RDF.type, KG.Article))
        if articles != {URIRef(name)}:
            found = ", ".join(sorted(_short(str(a)) for a in articles)) or "none"
            out.append(Violation(focus=name, message="a named graph holds exactly one kg:Article, the one it is "
                                 f"named after (found: {found})", severity="Violation"))
    default = list(ds.default_graph)
    if default:
        out.append(Violation(focus="default graph", message=f"{len(default)} triple(s) outside any article graph; "
                             "every assertion belongs to the named graph of its article"))
    return out


def _name(identifier) -> str | None:
    if identifier is None or not isinstance(identifier, URIRef):
        return None
    s = str(identifier)
    return None if s == "urn:x-rdflib:default" else s


def _short(iri: str) -> str:
    return show_term(URIRef(iri))

"""Validate kg output against its SHACL shapes (``ontologies/shapes.ttl``) with pySHACL.

Two kinds of checks, both in :class:`ValidationReport`:

* **SHACL** over the union of all graphs, with ``kg.ttl`` as the ontology (so ``sh:class
  kg:Actor`` accepts a ``kg:Person``): names, types, dates, offsets that match the sentence
  length, an evidence node behind every asserted relation, and so on (:mod:`kg.shacl`: SHACL Core
  by pySHACL, the SPARQL constraints in bulk);
* **dataset layout** (stores and TriG, N-Quads, JSON-LD files): every named graph is one
  article's, named by that article's IRI and holding its ``kg:Article`` node, except the graph
  of inferred triples (``<base>graph/inferred``).

With ``infer=True`` the OWL-RL entailments (:mod:`kg.inference`) are computed and validated
together with the data; :func:`validate_store` also writes them to the store's inferred graph.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from .errors import InputError
from .rdf.iri import inferred_graph_iri
from .rdf.namespace import KG
from .shacl import Violation, _clip, _show, run_shapes

__all__ = ["Violation", "ValidationReport", "validate_graph", "validate_dataset", "validate_store",
           "validate_file", "PARSE_FORMATS"]

#: extension -> rdflib parser name (the RDF formats of :mod:`kg.export`).
PARSE_FORMATS = {".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".trig": "trig", ".jsonld": "json-ld",
                 ".json": "json-ld", ".rdf": "xml", ".owl": "xml", ".xml": "xml"}


@dataclass
class ValidationReport:
    """The outcome of a validation: :attr:`conforms`, the :attr:`violations` and what was checked."""

    source: str
    triples: int
    violations: list[Violation] = field(default_factory=list)
    inferred: object = None  # kg.inference.Inference when infer=True
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
                   base: str | None = None) -> ValidationReport:
    """SHACL-validate one graph (for a dataset, pass the union of its graphs).

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
                     base: str | None = None) -> ValidationReport:
    """Validate a dataset: its layout (a named graph per article), then SHACL over its union."""
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
    report = validate_graph(union, source=source, infer=infer, base=base)
    report.violations[:0] = layout
    return report


def validate_store(store, *, infer: bool = False, base: str | None = None) -> ValidationReport:
    """Validate a :class:`kg.store.KgStore`; with ``infer`` also write the entailments to its
    ``<base>graph/inferred`` graph (the store must then be writable).

    Raises
    ------
    StoreError
        When ``infer`` is set and the store is open read-only.
    """
    from .errors import StoreError

    if infer and store.read_only:
        raise StoreError(f"{store.path}: --infer writes the inferred graph; open the store for writing "
                         "(no other kg process may be writing to it)")
    report = validate_dataset(store.to_rdflib(), source=f"store {store.path}", infer=infer, base=base)
    if infer:
        graph = report.inferred.graph  # named <base>graph/inferred by kg.inference.infer
        store.add_graphs([graph])
        store.flush()
        report.inferred_graph = str(graph.identifier)
    return report


def validate_file(path: str | Path, *, infer: bool = False, base: str | None = None) -> ValidationReport:
    """Validate an RDF file (format from the extension, see :data:`PARSE_FORMATS`).

    Raises
    ------
    InputError
        When the file is missing, has an unknown extension or does not parse.
    """
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
        raise InputError(f"{p}: not valid {fmt} ({exc.__class__.__name__}: {_clip(str(exc), 200)})") from None
    if fmt in ("nquads", "trig", "json-ld"):
        return validate_dataset(ds, source=str(p), infer=infer, base=base)
    union = Graph()
    for s, p_, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p_, o))
    return validate_graph(union, source=str(p), infer=infer, base=base)


# -- internals ---------------------------------------------------------------------------------

def _shacl(data: Graph) -> list[Violation]:
    from .rdf.ontology import load_ontology, load_shapes

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
    return _show(URIRef(iri))

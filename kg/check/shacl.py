"""Run SHACL shapes over a graph: SHACL Core with pySHACL, SHACL-SPARQL constraints in bulk.

This is the reference engine of ``kg validate`` (``--engine pyshacl``); the default,
:mod:`kg.check.shacl_sparql`, runs the same shapes as SPARQL queries over Oxigraph and must report the
same results (``tests/test_shacl_sparql.py``).

pySHACL evaluates an ``sh:sparql`` constraint by parsing its query again for every focus node,
some 30 ms each: minutes for a few thousand evidence nodes. Here each such constraint is run
once over the whole graph with Oxigraph instead, ``$this`` left unbound (in SPARQL ``$this`` and
``?this`` are the same variable), and its rows are kept when ``?this`` is a focus node of the
shape. This gives the same results as pre-binding ``$this`` node by node whenever the query binds
``$this`` in its own graph patterns, which is the rule for kg's shapes (checked against pySHACL's
own evaluation in ``tests/test_validate.py``).

Supported for SPARQL constraints: targets ``sh:targetClass`` (with ``rdfs:subClassOf`` from the
data and ontology), ``sh:targetNode``, ``sh:targetSubjectsOf``, ``sh:targetObjectsOf`` on node
shapes; ``sh:message`` templates with ``{?var}`` / ``{$var}``; ``sh:deactivated``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from ..rdf.namespace import PREFIXES

__all__ = ["Violation", "run_shapes", "subclasses", "fill_message", "show_term", "clip_text"]


@dataclass(frozen=True)
class Violation:
    """One failed check: the node, the property path, what is wrong, and the offending value."""

    focus: str
    message: str
    path: str | None = None
    value: str | None = None
    shape: str | None = None
    severity: str = "Violation"
    label: str | None = None  # the focus node's rdfs:label, when it has one
    component: str | None = None  # the SHACL constraint component, e.g. "MinCountConstraintComponent"

    def line(self) -> str:
        where = show_term(self.focus) + (f' "{clip_text(self.label, 40)}"' if self.label else "") + (
            f" {self.path}" if self.path else "")
        val = f" (value: {clip_text(self.value)})" if self.value is not None else ""
        return f"{self.severity}: {where}: {self.message}{val}"


def run_shapes(data: Graph, shapes: Graph, ontology: Graph | None = None) -> list[Violation]:
    """Every violation of ``shapes`` in ``data`` (with ``ontology`` for class hierarchy).

    Examples
    --------
    >>> from kg.rdf.ontology import load_shapes, load_ontology
    >>> from kg.rdf.namespace import KG
    >>> g = Graph()
    >>> _ = g.add((URIRef("http://ex.org/a"), RDF.type, KG.Person))
    >>> [v.path for v in run_shapes(g, load_shapes(), load_ontology())]
    ['rdfs:label', 'kg:mentionedIn']
    """
    from pyshacl import validate

    core, constraints = _split(shapes)
    _conforms, results, _text = validate(data, shacl_graph=core, ont_graph=ontology, inference="none",
                                         advanced=True, allow_warnings=True)
    out = [_from_report(results, r, data) for r in results.subjects(RDF.type, SH.ValidationResult)]
    if constraints:
        store = _oxigraph(data)
        hierarchy = _hierarchy(data, ontology)
        for shape, constraint in constraints:
            out.extend(_run_sparql(store, data, shapes, shape, constraint, hierarchy))
    out = list(dict.fromkeys(out))  # a constraint's query may give one row several times
    out.sort(key=lambda v: (v.severity != "Violation", v.message, v.focus, v.value or ""))
    return out


# -- SHACL Core results ---------------------------------------------------------------------------

def _from_report(results: Graph, r, data: Graph) -> Violation:
    focus = results.value(r, SH.focusNode)
    path = results.value(r, SH.resultPath)
    value = results.value(r, SH.value)
    sev = results.value(r, SH.resultSeverity)
    label = _first_label(data, focus) if focus is not None else None
    if isinstance(path, BNode):
        inv = results.value(path, SH.inversePath)
        path_text = f"^{show_term(inv)}" if inv is not None else None
    else:
        path_text = None if path is None else show_term(path)
    return Violation(
        focus=str(focus),
        message=str(results.value(r, SH.resultMessage) or "constraint not met"),
        path=path_text,
        value=None if value is None else str(value),
        shape=None if isinstance(results.value(r, SH.sourceShape), BNode) else str(results.value(r, SH.sourceShape)),
        severity=str(sev).rsplit("#", 1)[-1] if sev is not None else "Violation",
        label=None if label is None else str(label),
        component=_local(results.value(r, SH.sourceConstraintComponent)),
    )


# -- SHACL-SPARQL in bulk -------------------------------------------------------------------------

def _split(shapes: Graph) -> tuple[Graph, list]:
    """The shapes without their ``sh:sparql`` constraints, and those constraints."""
    core = Graph()
    for pfx, ns in shapes.namespaces():
        core.bind(pfx, ns)
    constraints = []
    for t in shapes:
        if t[1] == SH.sparql:
            constraints.append((t[0], t[2]))
        else:
            core.add(t)
    return core, constraints


def _oxigraph(data: Graph) -> ox.Store:
    from ..storage.terms import to_ox

    store = ox.Store()
    store.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.DefaultGraph()) for s, p, o in data)
    return store


def _hierarchy(data: Graph, ontology: Graph | None) -> dict:
    sub: dict = {}
    for g in (data, ontology) if ontology is not None else (data,):
        for s, o in g.subject_objects(RDFS.subClassOf):
            sub.setdefault(o, set()).add(s)
    return sub


def subclasses(cls, hierarchy: dict) -> set:
    """``cls`` and every class below it in ``hierarchy`` (class -> its direct subclasses)."""
    seen, todo = {cls}, [cls]
    while todo:
        for s in hierarchy.get(todo.pop(), ()):
            if s not in seen:
                seen.add(s)
                todo.append(s)
    return seen


def _focus_nodes(data: Graph, shapes: Graph, shape, hierarchy: dict) -> set:
    nodes: set = set()
    for cls in shapes.objects(shape, SH.targetClass):
        for c in subclasses(cls, hierarchy):
            nodes.update(data.subjects(RDF.type, c))
    nodes.update(shapes.objects(shape, SH.targetNode))
    for p in shapes.objects(shape, SH.targetSubjectsOf):
        nodes.update(data.subjects(p, None))
    for p in shapes.objects(shape, SH.targetObjectsOf):
        nodes.update(data.objects(None, p))
    return nodes


def _run_sparql(store: ox.Store, data: Graph, shapes: Graph, shape, constraint, hierarchy) -> list[Violation]:
    from ..storage.terms import from_ox

    if _true(shapes.value(constraint, SH.deactivated)) or _true(shapes.value(shape, SH.deactivated)):
        return []
    focus = _focus_nodes(data, shapes, shape, hierarchy)
    if not focus:
        return []
    query = str(shapes.value(constraint, SH.select))
    messages = [str(m) for m in shapes.objects(constraint, SH.message)] or \
               [str(m) for m in shapes.objects(shape, SH.message)] or ["SPARQL constraint not met"]
    severity = shapes.value(shape, SH.severity)
    out = []
    solutions = store.query(query, prefixes=PREFIXES)
    names = [v.value for v in solutions.variables]
    for row in solutions:
        values = {n: from_ox(row[n]) for n in names}
        this = values.get("this")
        if this not in focus:
            continue
        if isinstance(values.get("failure"), Literal) and values["failure"].toPython() is True:
            continue
        path = values.get("path")
        value = values.get("value", this)
        label = _first_label(data, this)
        out.append(Violation(
            focus=str(this),
            message=fill_message(messages[0], values),
            path=None if path is None else show_term(path),
            value=None if value is None else str(value),
            shape=None if isinstance(shape, BNode) else str(shape),
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
            label=None if label is None else str(label),
            component="SPARQLConstraintComponent",
        ))
    return out


def fill_message(template: str, values: dict) -> str:
    def sub(m):
        v = values.get(m.group(1))
        return "" if v is None else (show_term(v) if isinstance(v, URIRef) else str(v))

    return re.sub(r"\{[?$](\w+)\}", sub, template)


def _local(term) -> str | None:
    return None if term is None else str(term).rsplit("#", 1)[-1]


def _true(v) -> bool:
    return isinstance(v, Literal) and v.toPython() is True


def show_term(term) -> str:
    s = str(term)
    for pfx, ns in PREFIXES.items():
        if s.startswith(ns):
            return f"{pfx}:{s[len(ns):]}"
    return f"<{s}>" if s.startswith(("http:", "https:", "urn:")) else s


def clip_text(s: str | None, n: int = 80) -> str:
    if s is None:
        return ""
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _first_label(data, node):
    """The node's label for a report: the smallest, so a node with several names reads the same
    every run."""
    labels = sorted(str(l) for l in data.objects(node, RDFS.label))
    return labels[0] if labels else None

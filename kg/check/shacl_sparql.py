"""Run kg's SHACL shapes as SPARQL queries over an Oxigraph store (the fast engine of ``kg validate``).

Each constraint of ``ontologies/shapes.ttl`` becomes one SPARQL query over the union of the
store's graphs that returns the offending focus nodes (and values); Oxigraph answers them in
milliseconds where pySHACL, walking rdflib graphs node by node in Python, takes seconds. The
results are the same :class:`kg.check.shacl.Violation` records as pySHACL's (focus node, path, value,
constraint component); ``tests/test_shacl_sparql.py`` compares both engines on graphs that break
every constraint and on a real build.

Supported, for node shapes and their ``sh:property`` shapes (anything else is refused with a
:class:`ShapesError`, so a shape is never skipped silently):

* targets: ``sh:targetClass`` (instances of subclasses too, from ``rdfs:subClassOf`` in the data
  and the ontology), ``sh:targetNode``, ``sh:targetSubjectsOf``, ``sh:targetObjectsOf``;
* paths: a predicate, or ``[ sh:inversePath predicate ]``;
* ``sh:minCount``, ``sh:maxCount``, ``sh:datatype``, ``sh:nodeKind``, ``sh:class``, ``sh:in``,
  ``sh:pattern`` (with ``sh:flags``), ``sh:minLength``, ``sh:maxLength``, ``sh:minInclusive``,
  ``sh:maxInclusive``, ``sh:minExclusive``, ``sh:maxExclusive``, ``sh:lessThan``,
  ``sh:qualifiedValueShape`` with ``sh:qualifiedMinCount`` / ``sh:qualifiedMaxCount`` (the
  qualified shape made of the value constraints above);
* ``sh:sparql`` constraints (``sh:select``), run once over the whole store as :mod:`kg.check.shacl`
  does, ``$this`` bound by the query's own patterns;
* ``sh:message``, ``sh:severity``, ``sh:deactivated``.

Literal checks follow SPARQL and Oxigraph: ``sh:datatype`` requires a well-formed lexical form as
Oxigraph's XSD casts read it, which is stricter than rdflib for forms kg never writes (``" 4"`` as
``xsd:integer``, ``"1e3"`` as ``xsd:decimal``); ``sh:pattern`` uses SPARQL ``REGEX``, whose ``$``
matches only at the very end (Python's ``re`` also before a final newline).
"""
from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD

from ..errors import KgError
from .shacl import Violation, fill_message, show_term, subclasses
from ..storage.terms import from_ox, to_ox

__all__ = ["ShapesError", "run_shapes_sparql"]


class ShapesError(KgError):
    """The shapes use a SHACL feature the SPARQL engine does not translate."""


# Casts that tell a well-formed lexical form of these datatypes from an ill-formed one.
_CHECKED_DATATYPES = {XSD.integer, XSD.decimal, XSD.date, XSD.dateTime, XSD.boolean, XSD.double, XSD.float,
                      XSD.time}
_NODE_KINDS = {  # sh:nodeKind -> SPARQL test that ?v is of that kind
    SH.IRI: "isIRI({v})", SH.BlankNode: "isBlank({v})", SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "(isIRI({v}) || isBlank({v}))", SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}
_RANGES = {SH.minInclusive: (">=", "MinInclusive"), SH.maxInclusive: ("<=", "MaxInclusive"),
           SH.minExclusive: (">", "MinExclusive"), SH.maxExclusive: ("<", "MaxExclusive")}
_VALUE_KEYS = {SH.datatype, SH.nodeKind, SH["class"], SH["in"], SH.pattern, SH.flags, SH.minLength, SH.maxLength,
               *_RANGES}
_COMMON_KEYS = {RDF.type, RDFS.label, RDFS.comment, SH.message, SH.severity, SH.deactivated, SH.name,
                SH.description, SH.order, SH.group}
_NODE_KEYS = _COMMON_KEYS | _VALUE_KEYS | {SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf,
                                           SH.property, SH.sparql}
_PROPERTY_KEYS = _COMMON_KEYS | _VALUE_KEYS | {SH.path, SH.minCount, SH.maxCount, SH.lessThan,
                                               SH.qualifiedValueShape, SH.qualifiedMinCount, SH.qualifiedMaxCount}
_QUALIFIED_KEYS = {RDF.type, SH.datatype, SH.nodeKind, SH["class"], SH["in"], SH.pattern, SH.flags, SH.minLength,
                   SH.maxLength, *_RANGES}
_SPARQL_KEYS = {RDF.type, SH.select, SH.message, SH.prefixes, SH.deactivated, SH.severity}


@dataclass(frozen=True)
class _Check:
    """One SPARQL query whose rows (``?this``, optionally ``?value``) are violations."""

    query: str
    component: str  # "" when the rows say it (?component)
    message: str
    path: str | None
    shape: str | None
    severity: str
    value: bool  # whether rows carry ?value


def run_shapes_sparql(store, shapes: Graph, ontology: Graph | None = None) -> list[Violation]:
    """Every violation of ``shapes`` in a :class:`kg.storage.store.KgStore` (its graphs' union), with
    ``ontology`` for the class hierarchy.

    Raises
    ------
    ShapesError
        When the shapes use a SHACL feature this engine does not translate.

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> from kg.storage.store import KgStore
    >>> from kg.rdf.ontology import load_shapes, load_ontology
    >>> st = KgStore(ox.Store(), None, read_only=False)
    >>> st.add_quads([ox.Quad(ox.NamedNode("http://ex.org/a"), ox.NamedNode(str(RDF.type)),
    ...                       ox.NamedNode("https://w3id.org/kg-news/ontology#Person"))])
    >>> sorted(v.path for v in run_shapes_sparql(st, load_shapes(), load_ontology()))
    ['kg:mentionedIn', 'rdfs:label']
    """
    hierarchy = _hierarchy(store, ontology)
    out: set[Violation] = set()
    checks, constraints = _compile(shapes, hierarchy)
    for check in checks:
        for row in store.query(check.query):
            this = from_ox(row["this"])
            value = from_ox(row["value"]) if check.value else None
            component = check.component or row["component"].value  # "": the query says which
            out.add(Violation(focus=str(this), message=check.message or _DEFAULT[component], path=check.path,
                              value=None if value is None else str(value), shape=check.shape,
                              severity=check.severity, component=component))
    for focus_query, shape, constraint in constraints:
        out.update(_run_sparql(store, shapes, focus_query, shape, constraint))
    if out:
        labels = _labels(store, {v.focus for v in out})
        out = {_with_label(v, labels.get(v.focus)) for v in out}
    return sorted(out, key=lambda v: (v.severity != "Violation", v.message, v.focus, v.value or ""))


# -- compiling shapes to queries --------------------------------------------------------------------

def _compile(shapes: Graph, hierarchy: dict) -> tuple[list[_Check], list]:
    checks: list[_Check] = []
    constraints = []
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    for key in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf):
        node_shapes.update(shapes.subjects(key, None))
    property_shapes = set(shapes.objects(None, SH.property))
    for s in set(shapes.subjects(SH.path, None)) - property_shapes:
        raise ShapesError(f"shape {show_term(s)}: a property shape outside sh:property is not supported by the SPARQL "
                          "engine; use --engine pyshacl")
    for shape in sorted(node_shapes, key=str):
        _only(shapes, shape, _NODE_KEYS)
        if _true(shapes.value(shape, SH.deactivated)):
            continue
        focus = _focus_pattern(shapes, shape, hierarchy)
        shape_name = None if isinstance(shape, BNode) else str(shape)
        severity = _severity(shapes, shape)
        message = _message(shapes, shape)
        # node-level value constraints: the value is the focus node itself
        for component, expr in _value_violations(shapes, shape, "?this", hierarchy):
            checks.append(_Check(f"SELECT DISTINCT ?this (?this AS ?value) WHERE {{ {focus} FILTER({expr}) }}",
                                 component, message or _DEFAULT[component], None, shape_name, severity, True))
        for prop in sorted(shapes.objects(shape, SH.property), key=str):
            _only(shapes, prop, _PROPERTY_KEYS)
            if _true(shapes.value(prop, SH.deactivated)):
                continue
            checks.extend(_property_checks(shapes, prop, focus, hierarchy))
        for constraint in shapes.objects(shape, SH.sparql):
            _only(shapes, constraint, _SPARQL_KEYS)
            constraints.append((f"SELECT DISTINCT ?this WHERE {{ {focus} }}", shape, constraint))
    return checks, constraints


def _property_checks(shapes: Graph, prop, focus: str, hierarchy: dict) -> list[_Check]:
    path_sparql, path_text = _path(shapes, prop)
    severity = _severity(shapes, prop)  # a property shape's own (SHACL does not inherit it from the node shape)
    message = _message(shapes, prop)
    shape_name = None if isinstance(prop, BNode) else str(prop)
    out = []

    def add(query: str, component: str, value: bool) -> None:
        out.append(_Check(query, component, message or _DEFAULT.get(component, ""), path_text, shape_name, severity,
                          value))

    for component, expr in _value_violations(shapes, prop, "?value", hierarchy):
        add(f"SELECT DISTINCT ?this ?value WHERE {{ {focus} ?this {path_sparql} ?value . FILTER({expr}) }}",
            component, True)
    low, high = _int(shapes.value(prop, SH.minCount)), _int(shapes.value(prop, SH.maxCount))
    if low is not None or high is not None:  # one query for both: ?component says which one failed
        tests = [f"IF(?n < {low}, \"MinCountConstraintComponent\", ?none)" if low is not None else None,
                 f"IF(?n > {high}, \"MaxCountConstraintComponent\", ?none)" if high is not None else None]
        add(f"SELECT ?this ?component WHERE {{ {{ SELECT ?this (COUNT(DISTINCT ?value) AS ?n) WHERE {{ {focus} "
            f"OPTIONAL {{ ?this {path_sparql} ?value }} }} GROUP BY ?this }} "
            f"BIND(COALESCE({', '.join(t for t in tests if t)}) AS ?component) FILTER(BOUND(?component)) }}",
            "", False)
    other = shapes.value(prop, SH.lessThan)
    if other is not None:
        add(f"SELECT DISTINCT ?this ?value WHERE {{ {focus} ?this {path_sparql} ?value . ?this {_iri(other)} ?other . "
            "FILTER(!COALESCE(?value < ?other, false)) }", "LessThanConstraintComponent", True)
    qualified = shapes.value(prop, SH.qualifiedValueShape)
    if qualified is not None:
        if shapes.value(prop, SH.qualifiedValueShapesDisjoint) is not None:
            raise ShapesError(f"{path_text}: sh:qualifiedValueShapesDisjoint is not supported by the SPARQL engine; "
                              "use --engine pyshacl")
        _only(shapes, qualified, _QUALIFIED_KEYS)
        broken = [expr for _, expr in _value_violations(shapes, qualified, "?value", hierarchy)]
        conforms = "!(" + " || ".join(broken) + ")" if broken else "true"
        qualified_count = (f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ ?this {path_sparql} ?value . "
                           f"FILTER({conforms}) }} }} GROUP BY ?this HAVING ")
        n = _int(shapes.value(prop, SH.qualifiedMinCount))
        if n is not None:
            add(qualified_count + f"(COUNT(DISTINCT ?value) < {n})", "QualifiedMinCountConstraintComponent", False)
        n = _int(shapes.value(prop, SH.qualifiedMaxCount))
        if n is not None:
            add(qualified_count + f"(COUNT(DISTINCT ?value) > {n})", "QualifiedMaxCountConstraintComponent", False)
    return out


def _value_violations(shapes: Graph, shape, v: str, hierarchy: dict) -> list[tuple[str, str]]:
    """(constraint component, SPARQL expression true when the value ``v`` violates it) for each
    value constraint of ``shape``."""
    out = []
    for dt in shapes.objects(shape, SH.datatype):
        ok = f"(isLiteral({v}) && sameTerm(DATATYPE({v}), {_iri(dt)}))"
        if dt in _CHECKED_DATATYPES:
            ok = f"({ok} && COALESCE(sameTerm(DATATYPE({_iri(dt)}(STR({v}))), {_iri(dt)}), false))"
        out.append(("DatatypeConstraintComponent", f"!{ok}"))
    for kind in shapes.objects(shape, SH.nodeKind):
        if kind not in _NODE_KINDS:
            raise ShapesError(f"sh:nodeKind {show_term(kind)}: unknown node kind")
        out.append(("NodeKindConstraintComponent", "!" + _NODE_KINDS[kind].format(v=v)))
    for cls in shapes.objects(shape, SH["class"]):
        classes = " ".join(_iri(c) for c in sorted(subclasses(cls, hierarchy), key=str))
        out.append(("ClassConstraintComponent",
                    f"NOT EXISTS {{ VALUES ?class_ {{ {classes} }} {v} a ?class_ }}"))
    for lst in shapes.objects(shape, SH["in"]):
        allowed = [_term(t) for t in Collection(shapes, lst)]
        test = " || ".join(f"sameTerm({v}, {t})" for t in allowed) or "false"
        out.append(("InConstraintComponent", f"!({test})"))
    flags = shapes.value(shape, SH.flags)
    for pattern in shapes.objects(shape, SH.pattern):
        args = _term(Literal(str(pattern))) + (f", {_term(Literal(str(flags)))}" if flags is not None else "")
        out.append(("PatternConstraintComponent", f"!COALESCE(REGEX(STR({v}), {args}), false)"))
    for key, op, name in ((SH.minLength, ">=", "MinLength"), (SH.maxLength, "<=", "MaxLength")):
        for n in shapes.objects(shape, key):
            out.append((f"{name}ConstraintComponent",
                        f"(isBlank({v}) || !COALESCE(STRLEN(STR({v})) {op} {_int(n)}, false))"))
    for key, (op, name) in _RANGES.items():
        for bound in shapes.objects(shape, key):
            out.append((f"{name}ConstraintComponent", f"!COALESCE({v} {op} {_term(bound)}, false)"))
    return out


def _focus_pattern(shapes: Graph, shape, hierarchy: dict) -> str:
    """A group graph pattern binding ``?this`` to every focus node of ``shape`` (once)."""
    parts = []
    classes = set()
    for cls in shapes.objects(shape, SH.targetClass):
        classes |= subclasses(cls, hierarchy)
    if classes:
        values = " ".join(_iri(c) for c in sorted(classes, key=str))
        parts.append(f"{{ VALUES ?target_ {{ {values} }} ?this a ?target_ }}")
    nodes = sorted(shapes.objects(shape, SH.targetNode), key=str)
    if nodes:
        parts.append(f"{{ VALUES ?this {{ {' '.join(_term(n) for n in nodes)} }} }}")
    for p in shapes.objects(shape, SH.targetSubjectsOf):
        parts.append(f"{{ ?this {_iri(p)} ?target_ }}")
    for p in shapes.objects(shape, SH.targetObjectsOf):
        parts.append(f"{{ ?target_ {_iri(p)} ?this }}")
    if not parts:
        return "{ VALUES ?this { } }"
    return f"{{ SELECT DISTINCT ?this WHERE {{ {' UNION '.join(parts)} }} }}"


def _path(shapes: Graph, prop) -> tuple[str, str]:
    path = shapes.value(prop, SH.path)
    if isinstance(path, URIRef):
        return _iri(path), show_term(path)
    inverse = shapes.value(path, SH.inversePath) if path is not None else None
    if isinstance(inverse, URIRef) and set(shapes.predicates(path, None)) == {SH.inversePath}:
        return f"^{_iri(inverse)}", f"^{show_term(inverse)}"
    raise ShapesError(f"sh:path {path}: only a predicate or [ sh:inversePath predicate ] is supported by the SPARQL "
                      "engine; use --engine pyshacl")


# -- SHACL-SPARQL constraints ------------------------------------------------------------------------

def _run_sparql(store, shapes: Graph, focus_query: str, shape, constraint) -> list[Violation]:
    if _true(shapes.value(constraint, SH.deactivated)):
        return []
    focus = {row["this"] for row in store.query(focus_query)}
    if not focus:
        return []
    messages = [str(m) for m in shapes.objects(constraint, SH.message)] or \
               [str(m) for m in shapes.objects(shape, SH.message)] or ["SPARQL constraint not met"]
    severity = _severity(shapes, shape)
    solutions = store.query(str(shapes.value(constraint, SH.select)))
    names = [v.value for v in solutions.variables]
    out = []
    for row in solutions:
        if row["this"] not in focus:
            continue
        values = {n: from_ox(row[n]) for n in names}
        if isinstance(values.get("failure"), Literal) and values["failure"].toPython() is True:
            continue
        this, path = values["this"], values.get("path")
        value = values.get("value", this)
        out.append(Violation(focus=str(this), message=fill_message(messages[0], values),
                             path=None if path is None else show_term(path), value=None if value is None else str(value),
                             shape=None if isinstance(shape, BNode) else str(shape), severity=severity,
                             component="SPARQLConstraintComponent"))
    return out


# -- helpers -----------------------------------------------------------------------------------------

#: Messages for constraints without sh:message (pySHACL words them differently, naming the node).
_DEFAULT = {
    "DatatypeConstraintComponent": "value is not a well-formed literal of the required datatype",
    "NodeKindConstraintComponent": "value is not of the required node kind (IRI, blank node or literal)",
    "ClassConstraintComponent": "value is not an instance of the required class",
    "InConstraintComponent": "value is not one of the allowed values",
    "PatternConstraintComponent": "value does not match the required pattern",
    "MinLengthConstraintComponent": "value is shorter than allowed",
    "MaxLengthConstraintComponent": "value is longer than allowed",
    "MinInclusiveConstraintComponent": "value is below the minimum",
    "MaxInclusiveConstraintComponent": "value is above the maximum",
    "MinExclusiveConstraintComponent": "value is not above the lower bound",
    "MaxExclusiveConstraintComponent": "value is not below the upper bound",
    "LessThanConstraintComponent": "value is not less than the compared property's value",
    "MinCountConstraintComponent": "fewer values than required",
    "MaxCountConstraintComponent": "more values than allowed",
    "QualifiedMinCountConstraintComponent": "fewer values of the qualified shape than required",
    "QualifiedMaxCountConstraintComponent": "more values of the qualified shape than allowed",
}


def _only(shapes: Graph, shape, allowed: set) -> None:
    unknown = {p for p in shapes.predicates(shape, None) if p not in allowed}
    if unknown:
        names = ", ".join(sorted("sh:" + str(p)[len(str(SH)):] if str(p).startswith(str(SH)) else show_term(p)
                                 for p in unknown))
        where = "a property or qualified value shape" if isinstance(shape, BNode) else show_term(shape)
        raise ShapesError(f"shape {where}: {names} not supported by the SPARQL engine; use --engine pyshacl")


def _hierarchy(store, ontology: Graph | None) -> dict:
    """class -> its direct subclasses, from the ontology and the data."""
    sub: dict = {}
    if ontology is not None:
        for s, o in ontology.subject_objects(RDFS.subClassOf):
            sub.setdefault(o, set()).add(s)
    for row in store.query("SELECT DISTINCT ?s ?o WHERE { ?s rdfs:subClassOf ?o }"):
        sub.setdefault(from_ox(row["o"]), set()).add(from_ox(row["s"]))
    return sub


def _labels(store, nodes: set[str]) -> dict[str, str]:
    """node -> its smallest rdfs:label (as :func:`kg.check.shacl._first_label` picks it)."""
    out: dict[str, list] = {}
    for row in store.query("SELECT DISTINCT ?n ?l WHERE { ?n rdfs:label ?l }"):
        n = str(from_ox(row["n"]))
        if n in nodes:
            out.setdefault(n, []).append(str(from_ox(row["l"])))
    return {n: sorted(ls)[0] for n, ls in out.items()}


def _with_label(v: Violation, label: str | None) -> Violation:
    from dataclasses import replace

    return replace(v, label=label)


def _iri(term) -> str:
    if not isinstance(term, URIRef):
        raise ShapesError(f"{term!r}: an IRI was expected in the shapes")
    return str(ox.NamedNode(str(term)))


def _term(term) -> str:
    """A constant from the shapes as SPARQL (N-Triples syntax, escaped by pyoxigraph)."""
    if isinstance(term, BNode):
        raise ShapesError("a blank node cannot be a constant in a SPARQL-translated shape")
    return str(to_ox(term))


def _int(term) -> int | None:
    return None if term is None else int(term.toPython())


def _true(v) -> bool:
    return isinstance(v, Literal) and v.toPython() is True


def _severity(shapes: Graph, shape) -> str:
    sev = shapes.value(shape, SH.severity)
    return str(sev).rsplit("#", 1)[-1] if sev is not None else "Violation"


def _message(shapes: Graph, shape) -> str | None:
    m = shapes.value(shape, SH.message)
    return None if m is None else str(m)


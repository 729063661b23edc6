"""The data files of ``ontologies/``: the OWL ontology, the SHACL shapes, the JSON-LD context and
the named queries.

They are installed as the package ``kg.ontologies``; in a source checkout whose editable install
predates that mapping they are found beside the ``kg`` package.

>>> ontology_file("kg.ttl").name
'kg.ttl'
>>> len(load_ontology()) > 100
True
>>> jsonld_context()["kg"]
'https://w3id.org/kg-news/ontology#'
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from rdflib import Graph

from ..errors import KgError

__all__ = ["ONTOLOGY_IRI", "CONTEXT_IRI", "ontology_dir", "ontology_file", "load_ontology", "load_shapes",
           "jsonld_context"]

#: The IRI of the ontology and of its published JSON-LD context.
ONTOLOGY_IRI = "https://w3id.org/kg-news/ontology"
CONTEXT_IRI = "https://w3id.org/kg-news/context.jsonld"


def ontology_dir() -> Path:
    """The directory holding ``kg.ttl``, ``shapes.ttl``, ``context.jsonld`` and ``queries/``."""
    try:
        from importlib.resources import files

        d = Path(str(files("kg.ontologies")))
        if (d / "kg.ttl").is_file():
            return d
    except (ModuleNotFoundError, TypeError):
        pass
    d = Path(__file__).resolve().parent.parent.parent / "ontologies"
    if (d / "kg.ttl").is_file():
        return d
    raise KgError(f"{d}: kg's ontology files are missing; reinstall kg (pip install -e .)")


def ontology_file(name: str) -> Path:
    """The path of one file of ``ontologies/`` (e.g. ``"shapes.ttl"``, ``"queries/evidence.rq"``)."""
    return ontology_dir() / name


@lru_cache(maxsize=None)
def _parsed(name: str) -> Graph:
    g = Graph()
    g.parse(ontology_file(name), format="turtle")
    return g


def load_ontology() -> Graph:
    """The OWL ontology ``kg.ttl`` as a new rdflib Graph (callers may modify it)."""
    return _copy(_parsed("kg.ttl"))


def load_shapes() -> Graph:
    """The SHACL shapes ``shapes.ttl`` as a new rdflib Graph."""
    return _copy(_parsed("shapes.ttl"))


def jsonld_context() -> dict:
    """The term definitions of the published JSON-LD context (the value of its ``@context``)."""
    with ontology_file("context.jsonld").open(encoding="utf-8") as fh:
        return json.load(fh)["@context"]


def _copy(g: Graph) -> Graph:
    out = Graph()
    for pfx, ns in g.namespaces():
        out.bind(pfx, ns)
    for t in g:
        out.add(t)
    return out

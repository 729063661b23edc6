"""Export the store to a file; the format comes from the extension."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from .errors import ExportError
from .rdf.namespace import PREFIXES

__all__ = ["FORMATS", "export"]

#: extension -> (kind, format); kind "ox" (Oxigraph writer), "rdflib" or "graph" (networkx).
FORMATS = {
    ".ttl": ("ox", ox.RdfFormat.TURTLE),
    ".nt": ("ox", ox.RdfFormat.N_TRIPLES),
    ".nq": ("ox", ox.RdfFormat.N_QUADS),
    ".trig": ("ox", ox.RdfFormat.TRIG),
    ".rdf": ("ox", ox.RdfFormat.RDF_XML),
    ".owl": ("ox", ox.RdfFormat.RDF_XML),
    ".jsonld": ("rdflib", "json-ld"),
    ".graphml": ("graph", "graphml"),
    ".gexf": ("graph", "gexf"),
}
_DATASET_FORMATS = {ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG}


def export(store, path: str | Path) -> Path:
    """Write the store to ``path`` in the format of its extension.

    Graph formats (Turtle, N-Triples, RDF/XML) get the union of all article graphs; dataset
    formats (N-Quads, TriG, JSON-LD) keep one named graph per article; GraphML and GEXF get the
    actor graph.

    Raises
    ------
    ExportError
        For an unknown extension or an unwritable path.
    """
    p = Path(path)
    kind_fmt = FORMATS.get(p.suffix.lower())
    if kind_fmt is None:
        raise ExportError(f"{p}: unknown export format {p.suffix!r} (expected one of {', '.join(FORMATS)})")
    kind, fmt = kind_fmt
    try:
        if kind == "ox":
            with p.open("wb") as fh:
                store.dump(fh, fmt, union=fmt not in _DATASET_FORMATS)
        elif kind == "rdflib":
            ds = store.to_rdflib()
            ds.serialize(destination=str(p), format=fmt, context=_jsonld_context())
        else:
            import networkx as nx

            from .viz.graph import actor_graph

            g = actor_graph(store)
            flat = nx.MultiDiGraph()
            for n, d in g.nodes(data=True):
                flat.add_node(n, label=d["label"], type=d["type"], aliases="; ".join(d["aliases"]),
                              positions="; ".join(d["positions"]), articles=d["articles"])
            for u, v, k, d in g.edges(keys=True, data=True):
                flat.add_edge(u, v, key=k, predicate=d["predicate"],
                              evidence=" | ".join(e["sentence"] for e in d["evidence"]))
            (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(flat, str(p))
    except OSError as exc:
        raise ExportError(f"{p}: cannot write ({exc.strerror or exc})") from None
    return p


def _jsonld_context() -> dict:
    return dict(PREFIXES)

"""Export the store to a file; the format comes from the extension.

========================  ==========  ==========================================================
extension                 format      content
========================  ==========  ==========================================================
``.ttl``                  Turtle      union of all graphs (one triple per fact)
``.nt``                   N-Triples   union of all graphs
``.rdf``, ``.owl``        RDF/XML     union of all graphs
``.trig``                 TriG        the dataset: one named graph per article (+ ``graph/inferred``)
``.nq``                   N-Quads     the dataset
``.jsonld``               JSON-LD     the dataset, compacted with kg's published ``@context``
                                      (``ontologies/context.jsonld``, inlined so the file reads
                                      offline)
``.graphml``, ``.gexf``   GraphML,    the actor graph (:func:`kg.viz.graph.actor_graph`): actors
                          GEXF        with label, type, aliases, positions, article count; one
                                      edge per relation with its evidence sentences (for Gephi)
========================  ==========  ==========================================================

Every RDF export parses back to the same graph or dataset, and GraphML/GEXF back to the same
nodes and edges (``tests/test_export.py``).
"""
from __future__ import annotations

import os
import re
import secrets
import shutil
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from ..errors import ExportError

__all__ = ["FORMATS", "export", "flat_actor_graph"]

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
    """Write the store to ``path`` in the format of its extension (see the module docstring).

    The file is written beside the target and renamed over it when complete: a failed export
    (a full disk) leaves a previous file at ``path`` as it was, and no partial file.

    Raises
    ------
    ExportError
        For an unknown extension or an unwritable path.

    Examples
    --------
    >>> import os, tempfile
    >>> from kg.storage.disk import open_store
    >>> d = tempfile.mkdtemp()
    >>> export(open_store(os.path.join(d, "st")), os.path.join(d, "g.ttl")).name
    'g.ttl'
    >>> export(open_store(os.path.join(d, "st2")), os.path.join(d, "g.xlsx"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.ExportError: ...g.xlsx: unknown export format '.xlsx' (expected one of .ttl, .nt, ...)
    """
    p = Path(path)
    kind_fmt = FORMATS.get(p.suffix.lower())
    if kind_fmt is None:
        raise ExportError(f"{p}: unknown export format {p.suffix!r} (expected one of {', '.join(FORMATS)})")
    kind, fmt = kind_fmt
    if fmt in _XML_FORMATS:
        _refuse_xml_unsafe_literals(store, p)
    try:
        with _replaced_atomically(p) as target:
            if kind == "ox":
                with open(target, "wb") as fh:
                    store.dump(fh, fmt, union=fmt not in _DATASET_FORMATS)
            elif kind == "rdflib":
                from ..rdf.ontology import jsonld_context

                ds = store.to_rdflib()
                ds.serialize(destination=str(target), format=fmt, context=jsonld_context())
            else:
                import networkx as nx

                flat = flat_actor_graph(store)
                (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(flat, str(target))
    except OSError as exc:
        raise ExportError(f"{p}: cannot write ({exc.strerror or exc}); "
                          + ("a previous file at this path is left as it was" if p.exists() else "nothing was written")
                          ) from None
    return p


@contextmanager
def _replaced_atomically(path: Path):
    """The path to write an export to: a temporary file beside ``path`` (in the folder of the
    file a symbolic link points to), renamed over ``path`` once complete, so that a failed or
    interrupted export (a full disk) never leaves a truncated file nor destroys a previous one.
    A target that is not a regular file (``/dev/stdout``, a pipe) is written directly."""
    real = path.resolve() if path.is_symlink() else path
    if real.exists() and not real.is_file():
        yield real
        return
    tmp = real.parent / f".{real.name}.{os.getpid()}.{secrets.token_hex(4)}.part"
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))  # the umask applies, as for open()
    try:
        yield tmp
        if real.exists():
            shutil.copymode(real, tmp)  # keep the permissions of the file it replaces
        os.replace(tmp, real)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


_XML_FORMATS = {ox.RdfFormat.RDF_XML}

#: Characters XML 1.0 cannot hold, even escaped (C0 controls other than tab, newline, return).
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _refuse_xml_unsafe_literals(store, p: Path) -> None:
    """RDF/XML must carry literals verbatim; one XML cannot hold is refused, not altered."""
    for q in store.quads():
        o = q.object
        if isinstance(o, ox.Literal):
            m = _XML_FORBIDDEN.search(o.value)
            if m:
                raise ExportError(
                    f"{p}: a literal holds the control character U+{ord(m.group()):04X}, which XML 1.0 cannot "
                    f"hold; export to .ttl, .nt, .nq, .trig or .jsonld instead")


def _xml_safe(text: str) -> str:
    """Text for the GraphML/GEXF views: forbidden control characters shown as escapes (\\x1b)."""
    return _XML_FORBIDDEN.sub(lambda m: repr(m.group())[1:-1], text)


def flat_actor_graph(store):
    """The actor graph with every attribute a string or integer, as GraphML and GEXF need.

    Nodes (actor IRIs): ``label``, ``type``, ``aliases`` and ``positions`` (joined with ``"; "``),
    ``articles`` (count). Edges (key = predicate): ``predicate`` and ``evidence`` (the evidence
    sentences joined with ``" | "``). Control characters XML cannot hold are shown as escapes.
    """
    import networkx as nx

    from ..viz.graph import actor_graph

    g = actor_graph(store)
    flat = nx.MultiDiGraph()
    for n, d in sorted(g.nodes(data=True)):
        flat.add_node(n, label=_xml_safe(d["label"]), type=d["type"], aliases=_xml_safe("; ".join(sorted(d["aliases"]))),
                      positions=_xml_safe("; ".join(d["positions"])), articles=int(d["articles"]))
    for u, v, k, d in sorted(g.edges(keys=True, data=True), key=lambda e: e[:3]):
        flat.add_edge(u, v, key=k, predicate=d["predicate"],
                      evidence=_xml_safe(" | ".join(sorted(e["sentence"] for e in d["evidence"]))))
    return flat

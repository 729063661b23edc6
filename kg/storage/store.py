"""The embedded Oxigraph store on disk.

One writer at a time: opening a store for writing takes its lock, and a second writer gets a
:class:`~kg.errors.StoreLockedError`. Readers (query, export, viz) open it read-only and may run
beside a writer. Every article is a named graph; queries see the union of all graphs as their
default graph. Writes go in batches, one transaction per batch, so an interrupted build loses at
most the batch in flight.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator, Mapping

import pyoxigraph as ox
from rdflib import Graph

from ..errors import QueryError, StoreError, StoreFlushError
from ..rdf.namespace import PREFIXES
from .terms import as_ox_value, from_ox, to_ox

__all__ = ["KgStore"]

_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")

_DOCUMENT_ID = ox.NamedNode(PREFIXES["kg"] + "documentId")

_CHECKSUM = ox.NamedNode(PREFIXES["kg"] + "checksum")



class KgStore:
    """A kg store: an Oxigraph store plus kg's conventions (named graph per article)."""

    def __init__(self, store: ox.Store, path: Path | None, read_only: bool):
        self._store = store
        self.path = path
        self.read_only = read_only

    # -- writing -------------------------------------------------------------------------------
    def add_graphs(self, graphs: Iterable[Graph], *, update: str | None = None) -> int:
        """Write article graphs in one transaction, replacing any earlier version of each.

        ``update``, a SPARQL Update, runs after the graphs are written **in the same
        transaction** (:mod:`kg.pipeline.resolve` re-points merged persons with it): a failure or a kill
        leaves the store as it was before the batch, or holding all of it, never a part.

        A batch that replaces nothing and carries no update is added with Oxigraph's ``extend``.
        Otherwise the whole batch is one SPARQL Update: the earlier versions' graphs are dropped,
        the new quads inserted, then ``update`` runs. Article text enters that request only as
        terms written by Oxigraph's own serialiser (the N-Triples escaping its SPARQL parser reads
        back verbatim), never pasted. Returns the number of quads written.

        Raises
        ------
        StoreError
            When the write fails (disk full, permissions): nothing of the batch is written.
        """
        self._check_writable()
        quads: list[ox.Quad] = []
        names: list[ox.NamedNode] = []
        for g in graphs:
            gname = ox.NamedNode(str(g.identifier))
            names.append(gname)
            quads.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), gname) for s, p, o in g)
        try:
            replaced = [n for n in names if self._store.contains_named_graph(n)]
            if not replaced and not update:
                self._store.extend(quads)  # one transaction
            else:
                self._store.update(_batch_update(quads, replaced, update), prefixes=PREFIXES)  # one transaction
        except SyntaxError as exc:  # a bug in the caller's update, not in the data
            raise QueryError(f"invalid SPARQL Update given to add_graphs: {exc}") from None
        except OSError as exc:
            raise StoreError(_write_failed(self.path, exc)) from None
        return len(quads)

    def replace_graph(self, name: str, triples: Iterable[tuple]) -> int:
        """Make the named graph ``name`` hold exactly ``triples`` (``(s, p, o)`` of pyoxigraph
        terms), as :meth:`add_graphs` does for one graph: the new quads are added in one
        transaction before the stale ones are removed. Returns the number of quads written.

        Raises
        ------
        StoreError
            When the write fails (disk full, permissions).
        """
        self._check_writable()
        gname = ox.NamedNode(name)
        quads = [ox.Quad(s, p, o, gname) for s, p, o in triples]
        try:
            old = set(self._store.quads_for_pattern(None, None, None, gname))
            self._store.extend([q for q in quads if q not in old])
            keep = set(quads)
            for q in old - keep:
                self._store.remove(q)
        except OSError as exc:
            raise StoreError(_write_failed(self.path, exc)) from None
        return len(quads)

    def remove_graph(self, name: str) -> None:
        """Remove the named graph ``name`` and everything in it (one transaction).

        Raises
        ------
        StoreError
            When the write fails.
        """
        self._check_writable()
        try:
            self._store.remove_graph(ox.NamedNode(name))
        except OSError as exc:
            raise StoreError(_write_failed(self.path, exc)) from None

    def has_graph(self, name: str) -> bool:
        """Whether the named graph ``name`` is in the store."""
        return self._store.contains_named_graph(ox.NamedNode(name))

    def graph_triples(self, name: str | None) -> list[ox.Triple] | None:
        """The triples of the named graph ``name`` (``None`` when there is no such graph), or with
        ``name=None`` each distinct triple of all graphs once (their union)."""
        if name is None:
            return list(dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in self.quads()))
        gname = ox.NamedNode(name)
        if not self._store.contains_named_graph(gname):
            return None
        return [ox.Triple(q.subject, q.predicate, q.object)
                for q in self._store.quads_for_pattern(None, None, None, gname)]

    def write_graph(self, name: str | None, triples: Iterable[ox.Triple], *, replace: bool) -> bool:
        """Add ``triples`` to the named graph ``name`` (``None``: the store's default graph), or with
        ``replace`` make the graph hold exactly them (HTTP PUT and POST of the Graph Store Protocol).
        The new triples are added in one transaction before stale ones are removed, so a failure
        loses nothing. Returns whether the named graph existed before.

        Raises
        ------
        OSError
            When the write fails (the server answers with it).
        """
        gname = ox.NamedNode(name) if name is not None else ox.DefaultGraph()
        quads = [ox.Quad(t.subject, t.predicate, t.object, gname) for t in triples]
        existed = name is not None and self._store.contains_named_graph(gname)
        self._store.extend(quads)
        if replace and (existed or name is None):
            keep = set(quads)
            for q in list(self._store.quads_for_pattern(None, None, None, gname)):
                if q not in keep:
                    self._store.remove(q)
        return existed

    def drop_graph(self, name: str | None) -> bool:
        """Remove the named graph ``name``, or with ``name=None`` empty the store's default graph
        (HTTP DELETE of the Graph Store Protocol); ``False`` when the named graph is not there."""
        if name is None:
            self._store.clear_graph(ox.DefaultGraph())
            return True
        gname = ox.NamedNode(name)
        if not self._store.contains_named_graph(gname):
            return False
        self._store.remove_graph(gname)
        return True

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update in one transaction (all of it is written, or nothing).

        Only IRIs and terms written by Oxigraph's serialiser belong in ``sparql``: never paste
        article text into it.

        Raises
        ------
        StoreError
            When the store is read-only or the write fails.
        QueryError
            When ``sparql`` is not a valid SPARQL Update.

        Examples
        --------
        >>> st = KgStore(ox.Store(), None, False)
        >>> st.update("INSERT DATA { GRAPH <http://ex.org/g> { <http://ex.org/a> <http://ex.org/p> 1 } }")
        >>> len(st)
        1
        """
        self._check_writable()
        try:
            self._store.update(sparql, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL Update: {exc}") from None
        except OSError as exc:
            raise StoreError(_write_failed(self.path, exc)) from None

    def add_quads(self, quads: Iterable[ox.Quad]) -> None:
        """Add pyoxigraph quads in one transaction."""
        self._check_writable()
        try:
            self._store.extend(list(quads))
        except OSError as exc:
            raise StoreError(_write_failed(self.path, exc)) from None

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: store is open read-only")

    def flush(self) -> None:
        """Make sure everything written is on disk.

        Raises
        ------
        StoreFlushError
            When the disk refuses the write; everything committed before is kept in the store's
            write-ahead log (readable, and written out when the store is next opened for writing).
        """
        if not self.read_only:
            try:
                self._store.flush()
            except OSError as exc:
                raise StoreFlushError(_flush_failed(self.path, exc), str(exc)) from None

    # -- reading -------------------------------------------------------------------------------
    def article_checksums(self) -> dict[str, str]:
        """Document id -> checksum of every article in the store (``""`` for an article whose
        replacement was interrupted, so that no checksum matches it and it is built again)."""
        q = "SELECT DISTINCT ?id ?sum WHERE { ?a a kg:Article ; kg:documentId ?id ; kg:checksum ?sum }"
        out: dict[str, str] = {}
        for r in self.query(q):
            doc_id, checksum = r["id"].value, r["sum"].value
            out[doc_id] = checksum if out.get(doc_id, checksum) == checksum else ""
        return out

    def is_built(self, doc_id: str, checksum: str) -> bool:
        """Whether the article with document id ``doc_id`` is in the store with ``checksum`` and no
        other (two checksums mean its replacement was cut short: it must be built again).

        Two index lookups per article holding the id, whatever the size of the store.

        >>> from rdflib import Graph, Literal, URIRef
        >>> from kg.rdf.namespace import KG
        >>> st = KgStore(ox.Store(), None, False)
        >>> g = Graph(identifier=URIRef("http://ex.org/article/a1"))
        >>> _ = g.add((g.identifier, KG.documentId, Literal("a1"))).add((g.identifier, KG.checksum, Literal("c1")))
        >>> _ = st.add_graphs([g])
        >>> st.is_built("a1", "c1"), st.is_built("a1", "c2"), st.is_built("a2", "c1")
        (True, False, False)
        """
        for q in self._store.quads_for_pattern(None, _DOCUMENT_ID, ox.Literal(doc_id), None):
            sums = {c.object for c in self._store.quads_for_pattern(q.subject, _CHECKSUM, None, None)}
            if sums == {ox.Literal(checksum)}:
                return True
        return False

    def query(self, sparql: str, *, bindings: Mapping[str, object] | None = None, union: bool = True):
        """Run a SPARQL query over the union of all graphs (``union=False``: the default graph is
        the store's own default graph, which kg leaves empty).

        ``bindings`` maps variable names to values (str -> plain literal, rdflib or pyoxigraph
        terms as they are) substituted safely, never pasted into the query text.

        Raises
        ------
        QueryError
            On a syntax error (with its position) or an evaluation error.
        """
        subs = None
        if bindings:
            subs = {ox.Variable(k): as_ox_value(v) for k, v in bindings.items()}
        try:
            return self._store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=union, substitutions=subs)
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL: {exc}") from None
        except (OSError, RuntimeError) as exc:  # RuntimeError: e.g. a binding for a variable not selected
            raise QueryError(f"query failed: {exc}") from None

    def labels(self, iris: Iterable[str]) -> dict[str, str]:
        """IRI -> the name to show for it: its ``rdfs:label`` (the smallest, when articles
        disagree), else an article's ``kg:documentId``; IRIs without either are left out."""
        out: dict[str, str] = {}
        for iri in iris:
            try:
                node = ox.NamedNode(iri)
            except ValueError:
                continue
            for pred in (_LABEL, _DOCUMENT_ID):
                values = [q.object.value for q in self._store.quads_for_pattern(node, pred, None, None)
                          if isinstance(q.object, ox.Literal)]
                if values:
                    out[iri] = min(values)
                    break
        return out

    def quads(self) -> Iterator[ox.Quad]:
        return self._store.quads_for_pattern(None, None, None, None)

    def __len__(self) -> int:
        return len(self._store)

    def dump(self, output, fmt: ox.RdfFormat, *, union: bool = False) -> None:
        """Serialise the store with Oxigraph (graph formats get the union of all graphs).

        ``union`` writes each distinct triple once, streaming: a triple held by several graphs is
        written with the first of them in index order, found by one index lookup, so memory does
        not grow with the store (no set of the triples written so far is kept).
        """
        if union:
            ox.serialize(self._union_triples(), output, fmt, prefixes=PREFIXES)
        else:
            self._store.dump(output, fmt, prefixes=PREFIXES)

    def _union_triples(self) -> Iterator[ox.Triple]:
        """Each distinct triple of all graphs once, in the store's order, without remembering any."""
        store = self._store
        for q in store.quads_for_pattern(None, None, None, None):
            first = next(iter(store.quads_for_pattern(q.subject, q.predicate, q.object, None)))
            if first.graph_name == q.graph_name:
                yield ox.Triple(q.subject, q.predicate, q.object)

    def to_rdflib(self):
        """The whole store as an rdflib Dataset (for small stores: SHACL, exports rdflib does)."""
        from rdflib import Dataset

        ds = Dataset()
        for pfx, ns in PREFIXES.items():
            ds.bind(pfx, ns)
        for q in self.quads():
            g = from_ox(q.graph_name)
            ctx = ds.graph(g) if g is not None else _default_graph(ds)
            ctx.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
        return ds

    def close(self) -> None:
        """Flush and release the store (and its lock).

        Raises
        ------
        StoreError
            When the final flush fails; the store is released all the same.
        """
        if not hasattr(self, "_store"):
            return
        try:
            self.flush()
        finally:
            del self._store

    def __enter__(self) -> "KgStore":
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.flush()
        except Exception:
            pass


def _default_graph(ds):
    """The default graph of an rdflib Dataset (``default_graph`` since rdflib 7.2, which
    deprecates ``default_context``)."""
    return ds.default_graph if hasattr(type(ds), "default_graph") else ds.default_context


def _write_failed(path, exc: OSError) -> str:
    msg = str(exc)
    if "No space left" in msg or "File too large" in msg or "Disk quota" in msg:
        hint = "free some disk space (or raise the file size limit) and run the build again"
    elif "ermission" in msg or "Read-only file system" in msg:
        hint = "make the store directory writable, or choose another --store"
    else:
        hint = "check free disk space and permissions"
    return (f"{path}: write to the store failed ({msg}); {hint}. Articles committed before are intact, "
            "and building again resumes where this build stopped")


def _flush_failed(path, exc: OSError) -> str:
    return (f"{path}: flushing the store to disk failed ({exc}); every article committed before is kept in "
            "the store's log (queries and exports see it, and it is written out when the store is next opened "
            "for writing): free some disk space and run the build again to resume")


def _batch_update(quads: list[ox.Quad], replaced: list[ox.NamedNode], then: str | None) -> str:
    """One SPARQL Update: drop the ``replaced`` graphs, insert ``quads``, then run ``then``."""
    by_graph: dict[ox.NamedNode, list[str]] = {}
    for q in quads:
        by_graph.setdefault(q.graph_name, []).append(f"{q.subject} {q.predicate} {q.object} .")
    parts = [f"DROP SILENT GRAPH {g}" for g in replaced]
    if by_graph:
        parts.append("INSERT DATA { " + " ".join(f"GRAPH {g} {{ {' '.join(ts)} }}" for g, ts in by_graph.items()) + " }")
    if then:
        parts.append(then)
    return " ;\n".join(parts)

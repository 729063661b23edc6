"""The embedded Oxigraph store on disk.

One writer at a time: opening a store for writing takes its lock, and a second writer gets a
:class:`~kg.errors.StoreLockedError`. Readers (query, export, viz) open it read-only and may run
beside a writer. Every article is a named graph; queries see the union of all graphs as their
default graph. Writes go in batches, one transaction per batch, so an interrupted build loses at
most the batch in flight.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator, Mapping

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from ..errors import QueryError, StoreError, StoreFlushError, StoreLockedError
from ..rdf.namespace import PREFIXES

__all__ = ["DEFAULT_STORE", "store_path", "KgStore", "open_store", "remove_if_empty", "to_ox", "from_ox"]

DEFAULT_STORE = "kg-store"
_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_DOCUMENT_ID = ox.NamedNode(PREFIXES["kg"] + "documentId")
_CHECKSUM = ox.NamedNode(PREFIXES["kg"] + "checksum")


def store_path(path: str | os.PathLike | None = None) -> Path:
    """The store directory: ``path``, else ``$KG_STORE``, else ``./kg-store``."""
    return Path(path or os.environ.get("KG_STORE") or DEFAULT_STORE)


def to_ox(term):
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unsupported RDF term {term!r}")


def from_ox(term):
    """A pyoxigraph term as an rdflib term (``None`` stays ``None``)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value if term.datatype is not None else None
        if dt == "http://www.w3.org/2001/XMLSchema#string":
            dt = None
        return Literal(term.value, datatype=URIRef(dt) if dt else None)
    if isinstance(term, ox.DefaultGraph):
        return None
    raise TypeError(f"unsupported term {term!r}")


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
            subs = {ox.Variable(k): _as_ox_value(v) for k, v in bindings.items()}
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


def _as_ox_value(v):
    if isinstance(v, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return v
    if isinstance(v, (URIRef, Literal, BNode)):
        return to_ox(v)
    return ox.Literal(str(v))


def open_store(path: str | os.PathLike | None = None, *, read_only: bool = False, create: bool = True) -> KgStore:
    """Open (and create on first use) the store at ``path``.

    ``read_only`` opens without taking the writer's lock, so it works beside a running build.

    Raises
    ------
    StoreLockedError
        When another process is writing to the store.
    StoreError
        When the store does not exist (read-only) or cannot be opened.

    Examples
    --------
    >>> import tempfile, os
    >>> st = open_store(os.path.join(tempfile.mkdtemp(), "st"))
    >>> len(st)
    0
    """
    p = store_path(path)
    if read_only:
        if not (p / "CURRENT").exists():
            raise StoreError(f"{p}: no kg store here; build one first with `kg build FILE --store {p}`")
        try:
            return KgStore(ox.Store.read_only(str(p)), p, True)
        except RuntimeError as exc:  # e.g. "Column family not found": a build is creating the store
            raise StoreError(f"{p}: cannot open store read-only ({exc}); if a build has just started "
                             "creating it, try again in a moment") from None
        except OSError as exc:
            raise StoreError(f"{p}: cannot open store read-only ({exc})") from None
    if not create and not (p / "CURRENT").exists():
        raise StoreError(f"{p}: no kg store here; build one first with `kg build FILE --store {p}`")
    if p.exists() and not p.is_dir():
        raise StoreError(f"{p}: is a file, not a store directory; choose a new or empty directory for --store")
    if p.is_dir() and not (p / "CURRENT").exists() and _has_entries(p):
        raise StoreError(f"{p}: directory exists and is not a kg store (it holds other files); "
                         "choose a new or empty directory for --store")
    try:
        p.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{p}: cannot create the store directory ({exc.strerror or exc}); "
                         "choose a writable location for --store") from None
    try:
        return KgStore(ox.Store(str(p)), p, False)
    except (OSError, RuntimeError) as exc:
        msg = str(exc)
        # Permission problems first: RocksDB names its LOCK file in those messages too.
        if "ermission denied" in msg or "Read-only file system" in msg:
            raise StoreError(f"{p}: permission denied: cannot write to the store ({msg}); "
                             "make the directory writable, or open it read-only (kg query, kg export)") from None
        if "lock" in msg.lower():
            raise StoreLockedError(
                f"{p}: the store is in use by another kg process (a build, or a server started with "
                "--writable), and only one may write at a time; wait for it to finish, or use another --store. "
                "Reading (kg query, kg export, kg viz) works meanwhile"
            ) from None
        if "No space left" in msg:
            raise StoreError(f"{p}: no space left on the device holding the store ({msg})") from None
        raise StoreError(f"{p}: cannot open store ({msg})") from None


def remove_if_empty(path: str | os.PathLike | None = None) -> bool:
    """Remove the (closed) store at ``path`` if it holds no quad, as after a build that built
    nothing into a new store; returns whether it was removed. A store in use is left alone.

    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "st")
    >>> open_store(p).close()
    >>> remove_if_empty(p), os.path.exists(p)
    (True, False)
    """
    import shutil

    p = store_path(path)
    if not (p / "CURRENT").exists():
        return False
    try:
        st = ox.Store(str(p))  # takes the lock: fails if another process writes to it
    except (OSError, RuntimeError):
        return False
    try:
        if next(iter(st.quads_for_pattern(None, None, None, None)), None) is not None:
            return False
    finally:
        del st
    shutil.rmtree(p, ignore_errors=True)
    return not p.exists()


def _has_entries(p: Path) -> bool:
    """Whether a directory holds files of its own (hidden files and a file system's lost+found
    do not count: a fresh disk or a folder opened in a file browser is still empty)."""
    try:
        with os.scandir(p) as it:
            return any(not e.name.startswith(".") and e.name != "lost+found" for e in it)
    except OSError:
        return False

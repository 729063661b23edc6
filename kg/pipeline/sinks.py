"""Where a build writes its article graphs: a local store (:class:`StoreSink`, with resume) or a
SPARQL Graph Store endpoint (:class:`PushSink`). A sink gives the build its identity index, says
whether a document is built already, and writes one batch of graphs with its identity merges."""
from __future__ import annotations

import pyoxigraph as ox
from rdflib import URIRef

from ..errors import StoreFlushError
from ..output.push import push
from ..rdf.iri import legacy_article_iri
from ..rdf.namespace import KG
from ..records import Document
from ..storage.store import KgStore
from .report import BuildReport
from .memory import recompute
from .resolve import IdentityIndex, merge_update, repoint_graphs

__all__ = ["StoreSink", "PushSink", "FLUSH_QUADS"]

#: The store's write buffers are flushed to disk after this many quads: Oxigraph (RocksDB) keeps
#: written data in memory tables until a flush, and without one a build's memory grew by about
#: 1 GB per million quads; flushing costs about 0.1 s plus 2.5 s per million quads.
FLUSH_QUADS = 100_000

_ASK_GRAPH = "ASK { GRAPH ?g { ?s ?p ?o } }"
_LEGACY_IDS = "SELECT DISTINCT ?g ?id WHERE { GRAPH ?g { ?a kg:documentId ?id } }"


class StoreSink:
    """Writes article graphs to a :class:`~kg.storage.store.KgStore` and knows what it already holds."""

    def __init__(self, store: KgStore, base: str | None = None, *, memory: bool = True):
        self.store = store
        self.base = base
        self.memory = memory  # run the corpus-memory pass when the build ends (kg.pipeline.memory)
        self.unflushed = 0

    def identities(self, base: str | None) -> IdentityIndex:
        return IdentityIndex(base).load(self.store)

    def is_built(self, doc: Document) -> bool:
        return self.store.is_built(doc.id, doc.checksum)

    def write(self, graphs: list, merges: list) -> int:
        """Write a batch and re-point its merges (:mod:`kg.pipeline.resolve`) in one transaction."""
        n = self.store.add_graphs(graphs, update=merge_update(merges) or None)
        self._drop_legacy_graphs(graphs)
        self.unflushed += n
        if self.unflushed >= FLUSH_QUADS:
            self.store.flush()
            self.unflushed = 0
        return n

    def _drop_legacy_graphs(self, graphs: list) -> None:
        """Remove the graph an article had under its IRI of a kg before article IRIs carried a
        hash (see README, "Upgrading a store"), now that it is written under its new IRI. A legacy
        graph shared by colliding ids is left alone: removing it would drop the other articles."""
        for g in graphs:
            doc_id = g.value(URIRef(str(g.identifier)), KG.documentId)
            if doc_id is None:
                continue
            legacy = legacy_article_iri(str(doc_id), self.base)
            if legacy == str(g.identifier) or not self.store.query(_ASK_GRAPH, bindings={"g": URIRef(legacy)}):
                continue
            ids = {r["id"].value for r in self.store.query(_LEGACY_IDS, bindings={"g": URIRef(legacy)})}
            if ids == {str(doc_id)}:
                self.store.remove_graph(legacy)

    def close(self, report: BuildReport) -> None:
        if report.documents and self.memory:  # what the articles state fills in the others
            report.filled_in, triples = recompute(self.store)
            report.triples += triples
        try:
            self.store.flush()
        except StoreFlushError as exc:
            # Every batch was committed (Oxigraph's write-ahead log holds them); only moving them
            # from memory into the store's tables failed.
            raise StoreFlushError(
                f"{self.store.path}: every article of this build was committed ({report.documents:,} built, "
                f"{report.unchanged:,} unchanged), but the final flush of the store to disk failed ({exc.reason}); "
                "nothing is lost: the store's log holds them, queries and exports see them now, and they are "
                "written out the next time the store is opened for writing. Free some disk space before "
                "the next build", exc.reason) from None


class PushSink:
    """Sends article graphs to a SPARQL endpoint with :mod:`kg.output.push`, batch by batch."""

    def __init__(self, endpoint: str, options: dict):
        self.endpoint = endpoint
        self.options = options

    def identities(self, base: str | None) -> IdentityIndex:
        return IdentityIndex(base)

    def is_built(self, doc: Document) -> bool:
        return False

    def write(self, graphs: list, merges: list) -> int:
        repoint_graphs(graphs, merges)  # merges within the batch; earlier batches are sent already
        batch = KgStore(ox.Store(), None, False)  # in memory: one batch, pushed then dropped
        batch.add_graphs(graphs)
        push(batch, self.endpoint, **self.options)
        return sum(len(g) for g in graphs)

    def close(self, report: BuildReport) -> None:
        pass

"""Build: read documents, extract, resolve identities, map to RDF and write to the store."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from .read import ReadProblem, iter_documents
from .records import Document, Extraction
from .resolve import IdentityIndex
from .rdf.mapping import extraction_to_graph
from .store import KgStore, open_store

__all__ = ["BuildReport", "build", "build_into"]


@dataclass
class BuildReport:
    """What a build did."""

    documents: int = 0
    unchanged: int = 0
    words: int = 0
    entities: int = 0
    relations: int = 0
    positions: int = 0
    quotations: int = 0
    events: int = 0
    triples: int = 0
    problems: list = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.problems)

    def add(self, ex: Extraction) -> None:
        self.documents += 1
        self.words += len(ex.document.text.split())
        self.entities += len(ex.entities)
        self.relations += sum(1 for r in ex.relations if r.status == "asserted")
        self.positions += len(ex.positions)
        self.quotations += len(ex.quotations)
        self.events += len(ex.events)


def _documents(items: Iterable, report: BuildReport, known: dict[str, str], resume: bool) -> Iterator[Document]:
    for item in items:
        if isinstance(item, ReadProblem):
            report.problems.append(item)
            continue
        if resume and known.get(item.id) == item.checksum:
            report.unchanged += 1
            continue
        yield item


def build_into(store: KgStore, paths: Iterable[str], *, published: str | None = None, model: str | None = None,
               workers: int = 1, batch_docs: int = 32, resume: bool = True, base: str | None = None,
               on_document: Callable[[Extraction], None] | None = None, stdin=None) -> BuildReport:
    """Build documents into an open store; see :func:`build`."""
    from .nlp.extract import extract_documents

    report = BuildReport()
    known = store.article_checksums() if resume else {}
    identities = IdentityIndex(base).load(store)
    docs = _documents(iter_documents(paths, published=published, stdin=stdin), report, known, resume)
    batch = []
    for ex in extract_documents(docs, model=model, n_process=workers):
        g = extraction_to_graph(ex, identities.iris(ex), base=base)
        batch.append(g)
        report.add(ex)
        if on_document:
            on_document(ex)
        if len(batch) >= batch_docs:
            report.triples += store.add_graphs(batch)
            batch = []
    if batch:
        report.triples += store.add_graphs(batch)
    store.flush()
    return report


def build(paths: Iterable[str], *, store: str | None = None, **options) -> BuildReport:
    """Build the knowledge graph of documents into the store at ``store`` (created if needed).

    Documents already in the store with the same checksum are skipped (``resume=False`` rebuilds
    them); bad documents are reported in :attr:`BuildReport.problems` and skipped.

    Raises
    ------
    InputError
        When a path does not exist or a directory holds no documents.
    StoreLockedError
        When another process writes to the store.
    """
    st = open_store(store)
    try:
        return build_into(st, paths, **options)
    finally:
        st.close()

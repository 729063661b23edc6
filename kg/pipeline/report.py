"""What a build did: :class:`BuildReport`, the counters and problems of one build."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..records import Extraction

__all__ = ["BuildReport"]


@dataclass
class BuildReport:
    """What a build did.

    ``documents`` were built, ``unchanged`` were already in the store with the same checksum,
    ``problems`` (:class:`~kg.ingest.problems.ReadProblem`, each with a source and a reason) were skipped;
    ``warnings`` (:class:`~kg.ingest.problems.ReadWarning`) were read with a caveat or passed over on purpose.
    """

    documents: int = 0
    unchanged: int = 0
    words: int = 0
    entities: int = 0
    relations: int = 0
    positions: int = 0
    quotations: int = 0
    events: int = 0
    triples: int = 0
    batches: int = 0
    seconds: float = 0.0
    problems: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    #: Documents extracted and handed to the writer (built, or about to be written).
    extracted: int = 0
    #: Affiliations filled in from other articles of the store (:mod:`kg.pipeline.memory`).
    filled_in: int = 0

    @property
    def failed(self) -> bool:
        return bool(self.problems)

    @property
    def seen(self) -> int:
        """Input items handled so far: extracted (built or being written), unchanged or skipped.

        Counting extracted documents, not only written ones, keeps a progress bar moving while
        the writer thread writes a batch (extraction goes on meanwhile)."""
        return max(self.documents, self.extracted) + self.unchanged + len(self.problems)

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds > 0 else 0.0

    def add(self, ex: Extraction) -> None:
        """Count what one document gave.

        >>> from kg.records import Document, Event, Evidence, Extraction
        >>> ev = Event("Meeting", ("Person:A", "Person:B"), Evidence("A met B.", 0, 8, "meet-verb", 0.8))
        >>> r = BuildReport()
        >>> r.add(Extraction(Document("d", "A met B."), events=(ev,)))
        >>> r.documents, r.words, r.events
        (1, 3, 1)
        """
        self.documents += 1
        self.words += len(ex.document.text.split())
        self.entities += len(ex.entities)
        self.relations += sum(1 for r in ex.relations if r.status == "asserted")
        self.positions += len(ex.positions)
        self.quotations += len(ex.quotations)
        self.events += len(ex.events)

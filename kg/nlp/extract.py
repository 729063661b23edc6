"""From a Document to an Extraction: the public entry point of the NLP layer."""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Iterable, Iterator

from ..records import Document, Entity, Extraction, Mention
from .actors import find_actors
from .boilerplate import caption_ranges, non_narrative_ranges
from .context import Context
from .events import find_events, story_place
from .home import home_country, home_origins
from .lexicon import is_past_title, seats_named
from .gatherings import gathering_events, gathering_relations, gatherings
from .locations import find_locations
from .model import load_model
from .completions import complete_origins, national_origins, seat_origins
from .positions import find_positions, position_relations, positions_of
from .quotes import find_quotations
from .seats import seat_principals
from .relations import find_interactions, interaction_relations
from .visits import find_visits

__all__ = ["extract_document", "extract_documents", "extract_from_doc"]


def _countries(names: dict[str, str]) -> list[Entity]:
    return [Entity(key=key, type="Country", name=name) for key, name in names.items()]


def extract_from_doc(doc, document: Document) -> Extraction:
    """Run every extraction rule over a parsed spaCy Doc of ``document.text``.

    The rules read the document's context and return findings and the entities they need beyond
    the actors found (the country of a nationality adjective, the dateline's place); those are
    merged once, at the end, and anything still pointing at no entity is dropped."""
    skip = non_narrative_ranges(document.text)
    captions = caption_ranges(document.text)
    actors = find_actors(doc, skip=[r for r in skip if r not in captions])  # captions name actors too
    ctx = Context(doc, actors, skip, captions, find_positions=positions_of)
    positions, implied, extra = find_positions(ctx)
    positions, national = national_origins(positions)
    positions = complete_origins(positions, extra)
    named_in = Counter(k for k, _ in {(m.key, ctx.sent_of(m.start).start) for m in actors.mentions})
    narrative = " ".join(s.text for s in ctx.sents if ctx.narrative(s))
    positions = seat_origins(positions, extra, seats_named(narrative), named_in)
    home = home_country(document, doc.text)
    positions = home_origins(positions, extra, home)
    # a past post ("the former Foreign Office minister") is a role the person had, not a post held
    positions = [replace(p, of=None) if p.of and is_past_title(p.title) else p for p in positions]
    ctx.set_positions(positions)  # "the president" in the rules below: the one holder of that post
    interactions = find_interactions(ctx)
    met_at = gatherings(ctx)
    locations = find_locations(ctx)
    relations = (interaction_relations(ctx, interactions) + gathering_relations(ctx, met_at)
                 + position_relations(ctx, positions) + extra + locations)
    story = story_place(ctx)
    events = (find_events(ctx, interactions, document.published, story)
              + gathering_events(ctx, met_at, document.published, story)
              + find_visits(ctx, locations, document.published))
    quotations = find_quotations(ctx)
    proposed = _countries(implied) + _countries(national)
    if story is not None and story.entity is not None and any(story.key in e.places for e in events):
        proposed.append(story.entity)  # the dateline's place, named nowhere else
    quotations, seat_countries = seat_principals(quotations, actors.entities)
    proposed += seat_countries
    entities = _merged(actors.entities, proposed, relations, positions, events)
    relations = [r for r in relations if r.subject in entities and r.object in entities]
    positions = [p for p in positions if p.person in entities and (p.of is None or p.of in entities)]
    quotations = [q if q.on_behalf_of is None or q.on_behalf_of in entities else replace(q, on_behalf_of=None)
                  for q in quotations]
    mentions = tuple(
        Mention(entity=m.key, text=m.text, start=doc[m.start].idx, end=doc[m.end - 1].idx + len(doc[m.end - 1].text))
        for m in actors.mentions
    )
    return Extraction(
        document=document,
        entities=tuple(entities.values()),
        mentions=mentions,
        relations=tuple(_dedupe(relations)),
        positions=tuple(positions),
        quotations=tuple(quotations),
        events=tuple(_dedupe_events(events)),
    )


def _merged(found: dict[str, Entity], proposed: list[Entity], relations, positions, events) -> dict[str, Entity]:
    """The actors found, then the entities the rules proposed (the first proposal of a key wins);
    every country a finding refers to is an entity (countries named only by an adjective), while
    anything else dangling is left for the caller to drop rather than map to nothing."""
    entities = dict(found)
    for e in proposed:
        entities.setdefault(e.key, e)
    for key in ({k for r in relations for k in (r.subject, r.object)} | {p.of for p in positions if p.of}
                | {k for e in events for k in e.participants}):
        if key not in entities and key.startswith("Country:"):
            entities[key] = Entity(key=key, type="Country", name=key.split(":", 1)[1])
    return entities


def _dedupe_events(events):
    """One event per kind, participants, sentence and status (two rules may find the same
    meeting); the one that knows more (a place, a date) is kept."""
    best: dict = {}
    for e in events:
        k = (e.type, frozenset(e.participants), e.evidence.start, e.status)
        have = best.get(k)
        if have is None or (bool(e.places), e.date is not None) > (bool(have.places), have.date is not None):
            best[k] = e
    return list(best.values())


def _dedupe(relations):
    seen, out = set(), []
    for r in relations:
        k = (r.subject, r.predicate, r.object, r.status, r.evidence.start)
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out


def extract_document(document: Document, *, model: str | None = None) -> Extraction:
    """Extract actors, relations, positions, events and quotations from one document.

    Examples
    --------
    >>> from kg.records import Document
    >>> ex = extract_document(Document(id="d", text="Foreign Minister Anna Berg met Carl Holt in Oslo."))
    >>> sorted(e.name for e in ex.entities if e.type == "Person")
    ['Anna Berg', 'Carl Holt']
    """
    nlp = load_model(model)
    return extract_from_doc(nlp(document.text), document)


def extract_documents(documents: Iterable[Document], *, model: str | None = None, batch_size: int = 16,
                      n_process: int = 1) -> Iterator[Extraction]:
    """Extract from many documents, parsing them with ``nlp.pipe`` (lazily, in order)."""
    nlp = load_model(model)
    docs = iter(documents)
    pairs = ((d.text, d) for d in docs)
    for parsed, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield extract_from_doc(parsed, document)

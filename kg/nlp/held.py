"""What the position rules share: the record of what one rule proposes, a position with its
evidence, the title as held ("former" kept), the persons' mentions the rules read."""
from __future__ import annotations

from dataclasses import dataclass

from ..records import Position, Relation
from .context import Context
from .vocab import vocab

__all__ = ["Found", "title_text", "countries_in", "position", "placed", "prefer_specific", "person_mentions"]


@dataclass(frozen=True)
class Found:
    """What one position rule proposes for one mention: positions, relations, the country keys
    they imply (a nationality adjective's country must become an entity), and whether the later
    rules of the chain are to leave the mention alone."""

    positions: tuple[Position, ...] = ()
    relations: tuple[Relation, ...] = ()
    countries: tuple[str, ...] = ()
    final: bool = False


def title_text(ctx: Context, span) -> str:
    """A title as held: its words, with "former" when a past marker stands before it or before
    the names of where it was held ("the former Foreign Office minister", "a former Interpol Asia
    analyst"): a past post gives no ``represents``."""
    i = span.start - 1
    # "a former Interpol Asia analyst": the marker may stand before several names of where
    while i >= 0 and (m := ctx.actors.at(i)) is not None and ctx.actors.type_of(m.key) in ("Organization", "Country", "Place"):
        i = m.start - 1
    past = vocab().words("past_title_words")
    if i >= 1 and ctx.doc[i].text in ("-", "\u2010", "\u2011") and ctx.doc[i - 1].lower_ in past \
            and ctx.doc[i].idx == ctx.doc[i - 1].idx + len(ctx.doc[i - 1]):
        return f"{ctx.doc[i - 1].lower_}-{span.text}"  # "ex-King Olav": the parser splits off the hyphen
    if i >= 0 and ctx.doc[i].lower_ in past and not span.text.casefold().startswith(tuple(past)):
        return f"{ctx.doc[i].lower_} {span.text}"
    return span.text


def countries_in(*keys: str | None) -> tuple[str, ...]:
    return tuple(k for k in keys if k and k.startswith("Country:"))


def position(ctx: Context, person: str, title_text: str, origin: str | None, sent, rule: str, how: str) -> Position:
    title = " ".join(title_text.split())
    conf = vocab().confidence("position" if origin else "position-without-origin")
    return Position(person, title, origin, ctx.evidence(sent, rule if not how else f"{rule}/{how}", conf))


def placed(p: Position, origin: str, suffix: str, discount: str) -> Position:
    """``p`` held in ``origin``, found by a completion: its rule gets ``/suffix`` and its confidence
    the factor ``discount`` of confidences.json ("President X" -> "title-premodifier/seat-of-government")."""
    ev = p.evidence
    return Position(p.person, p.title, origin,
                    type(ev)(ev.sentence, ev.start, ev.end, f"{ev.rule}/{suffix}",
                             round(ev.confidence * vocab().confidence(discount), 3)))


def prefer_specific(positions: list[Position]) -> list[Position]:
    """Drop a title with no origin when the same person holds the same title with one."""
    with_origin = {(p.person, p.title.casefold()) for p in positions if p.of}
    out, seen = [], set()
    for p in positions:
        if not p.of and (p.person, p.title.casefold()) in with_origin:
            continue
        k = (p.person, p.title.casefold(), p.of)
        if k in seen:
            continue
        seen.add(k)
        out.append(p)
    return out


def person_mentions(ctx: Context, once: bool):
    seen = set()
    for m in ctx.actors.mentions:
        if ctx.actors.type_of(m.key) != "Person" or (once and (m.start, m.key) in seen):
            continue
        seen.add((m.start, m.key))
        if ctx.narrative(ctx.sent_of(m.start)):
            yield m

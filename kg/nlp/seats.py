"""Seats of government speak for their country: "the Kremlin said" is a statement of the Kremlin
on behalf of Russia (``kg:onBehalfOf``), as "Mr Blair's spokesman said" is on behalf of Blair.
The seats are those of ``patterns/seats_of_government.tsv``."""
from __future__ import annotations

from dataclasses import replace

from ..records import Entity, Quotation
from .lexicon import seats_of_government

__all__ = ["seat_principals"]


def seat_principals(quotations: list[Quotation], entities: dict[str, Entity]) -> tuple[list[Quotation], list[Entity]]:
    """The quotations whose speaker is a seat of government and that speak for nobody yet, now on
    behalf of the seat's country; and the countries they need as entities.

    >>> from kg.records import Evidence
    >>> ev = Evidence("s", 0, 1, "direct-quote", 0.9)
    >>> seat = Entity("Organization:Kremlin", "Organization", "Kremlin")
    >>> q, extra = seat_principals([Quotation("No.", "Organization:Kremlin", "direct", ev)], {seat.key: seat})
    >>> q[0].on_behalf_of, [e.key for e in extra]
    ('Country:Russia', ['Country:Russia'])
    >>> seat_principals([Quotation("No.", None, "direct", ev)], {})[0][0].on_behalf_of is None
    True
    """
    seats = seats_of_government()
    out, needed = [], {}
    for q in quotations:
        e = entities.get(q.speaker) if q.speaker else None
        seat = next((seats[n] for n in ((e.name, *e.aliases) if e else ()) if n in seats), None)
        if e is not None and e.type == "Organization" and seat is not None and q.on_behalf_of is None:
            key = f"Country:{seat.country}"
            q = replace(q, on_behalf_of=key)
            needed.setdefault(key, Entity(key=key, type="Country", name=seat.country))
        out.append(q)
    return out, list(needed.values())

"""A small knowledge graph written by hand (no model) for the query, serve, push and API tests.

Two made-up articles about made-up people, so that every expected row below can be checked by
reading this file:

``talks-1`` (published 2025-03-03)
    Foreign Minister Anna Berg of Nordland met Trade Minister Karl Ostrow of Estovia in Vienna on
    Monday 2025-03-03. Eva Lind, Ostrow's economic adviser, was there. Berg: "We found common
    ground." Ostrow said that talks would continue. Someone unattributed said "Nothing is agreed".
``talks-2`` (published 2025-04-10)
    Foreign Minister Anna Berg (Nordland again) spoke with Mikkel Paulsen by phone on
    2025-04-09 and will meet him next week (a planned meeting). Berg: "No deal yet."
    One actor has a name made of SPARQL syntax, to show parameters are data. "Paulsen is the
    Special Envoy": a title without a country, so a ``kg:role``, not a position.
"""
from __future__ import annotations

from pathlib import Path

BASE = "http://example.org/kg/"
HOSTILE_NAME = 'O\'Hara" } UNION { ?s ?p ?o } #'


def _ev(text: str, sentence: str, rule: str = "hand"):
    from kg.records import Evidence

    start = text.index(sentence)
    return Evidence(sentence=sentence, start=start, end=start + len(sentence), rule=rule, confidence=0.9)


def extractions():
    from kg.records import Document, Entity, Event, Extraction, Position, Quotation, Relation

    t1 = ("Foreign Minister Anna Berg of Nordland met Trade Minister Karl Ostrow of Estovia in Vienna on Monday. "
          "Eva Lind, Ostrow's economic adviser, was there. "
          "\"We found common ground,\" Berg said. "
          "Ostrow said that talks would continue. "
          "\"Nothing is agreed,\" a source said.")
    s1 = "Foreign Minister Anna Berg of Nordland met Trade Minister Karl Ostrow of Estovia in Vienna on Monday."
    s2 = "Eva Lind, Ostrow's economic adviser, was there."
    s3 = "\"We found common ground,\" Berg said."
    s4 = "Ostrow said that talks would continue."
    s5 = "\"Nothing is agreed,\" a source said."
    a1 = Extraction(
        document=Document(id="talks-1", text=t1, title="Nordland and Estovia talk trade", published="2025-03-03"),
        entities=(
            Entity("berg", "Person", "Anna Berg", ("Berg",)),
            Entity("ostrow", "Person", "Karl Ostrow", ("Ostrow",)),
            Entity("lind", "Person", "Eva Lind"),
            Entity("nordland", "Country", "Nordland"),
            Entity("estovia", "Country", "Estovia"),
            Entity("vienna", "Place", "Vienna"),
        ),
        relations=(
            Relation("berg", "metWith", "ostrow", _ev(t1, s1)),
            Relation("berg", "represents", "nordland", _ev(t1, s1)),
            Relation("ostrow", "represents", "estovia", _ev(t1, s1)),
            Relation("lind", "advises", "ostrow", _ev(t1, s2)),
        ),
        positions=(
            Position("berg", "Foreign Minister", "nordland", _ev(t1, s1)),
            Position("ostrow", "Trade Minister", "estovia", _ev(t1, s1)),
            Position("lind", "economic adviser", "ostrow", _ev(t1, s2)),
        ),
        quotations=(
            Quotation("We found common ground", "berg", "direct", _ev(t1, s3), cue="said"),
            Quotation("talks would continue", "ostrow", "indirect", _ev(t1, s4), cue="said"),
            Quotation("Nothing is agreed", None, "direct", _ev(t1, s5), cue="said"),
        ),
        events=(
            Event("Meeting", ("berg", "ostrow"), _ev(t1, s1), places=("vienna",), date="2025-03-03",
                  date_text="Monday"),
        ),
    )
    t2 = ("Foreign Minister Anna Berg of Nordland spoke with Mikkel Paulsen by phone on Wednesday. "
          "She will meet Paulsen next week. "
          "\"No deal yet,\" Berg said. "
          f"{HOSTILE_NAME} was not there. "
          "Paulsen is the Special Envoy.")
    r1 = "Foreign Minister Anna Berg of Nordland spoke with Mikkel Paulsen by phone on Wednesday."
    r2 = "She will meet Paulsen next week."
    r3 = "\"No deal yet,\" Berg said."
    r4 = f"{HOSTILE_NAME} was not there."
    r5 = "Paulsen is the Special Envoy."
    a2 = Extraction(
        document=Document(id="talks-2", text=t2, title="Berg calls Paulsen", published="2025-04-10"),
        entities=(
            Entity("berg", "Person", "Anna Berg", ("Berg",)),
            Entity("paulsen", "Person", "Mikkel Paulsen", ("Paulsen",)),
            Entity("nordland", "Country", "Nordland"),
            Entity("hostile", "Person", HOSTILE_NAME),
        ),
        relations=(
            Relation("berg", "spokeWith", "paulsen", _ev(t2, r1)),
            Relation("berg", "metWith", "paulsen", _ev(t2, r2), status="planned"),
        ),
        positions=(Position("berg", "Foreign Minister", "nordland", _ev(t2, r1)),
                   Position("paulsen", "Special Envoy", None, _ev(t2, r5))),  # no country: a kg:role
        quotations=(Quotation("No deal yet", "berg", "direct", _ev(t2, r3), cue="said"),),
        events=(
            Event("PhoneCall", ("berg", "paulsen"), _ev(t2, r1), date="2025-04-09", date_text="Wednesday"),
            Event("Meeting", ("berg", "paulsen"), _ev(t2, r2), date_text="next week", status="planned"),
            Event("Meeting", ("hostile", "paulsen"), _ev(t2, r4), status="negated"),
        ),
    )
    return [a1, a2]


def graphs():
    from kg.rdf.mapping import extraction_to_graph

    return [extraction_to_graph(ex, base=BASE) for ex in extractions()]


def make_store(path: Path) -> Path:
    """Write the two articles into a new store at ``path``; returns ``path``."""
    from kg.storage.disk import open_store

    st = open_store(path)
    try:
        st.add_graphs(graphs())
    finally:
        st.close()
    return path


def iri(kind: str, name: str) -> str:
    from kg.rdf.iri import mint_entity_iri

    return mint_entity_iri(kind, name, BASE)


def free_port() -> int:
    """A free TCP port on the loopback interface, for a server started by a test."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]

"""Content negotiation: the RDF media types kg serve answers with, and which one a request's
``Accept`` header (or ``?format=``) prefers."""
from __future__ import annotations

import pyoxigraph as ox

__all__ = ["RDF_TYPES", "FORMAT_PARAM", "best_type"]

#: RDF media types offered, with Oxigraph's format of each.
RDF_TYPES = {

    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
#: Values of ``?format=`` and the media type each asks for.
FORMAT_PARAM = {"ttl": "text/turtle", "turtle": "text/turtle", "jsonld": "application/ld+json",
                 "json-ld": "application/ld+json", "nt": "application/n-triples", "rdf": "application/rdf+xml"}


def best_type(accept: str | None, offered: list[str]) -> str:
    """The offered media type the ``Accept`` header prefers (the first offered on a tie or none).

    >>> best_type("text/turtle;q=0.9, application/ld+json", ["text/html", "text/turtle", "application/ld+json"])
    'application/ld+json'
    >>> best_type("text/html,application/xhtml+xml,*/*;q=0.8", ["text/html", "text/turtle"])
    'text/html'
    >>> best_type(None, ["text/html", "text/turtle"])
    'text/html'
    """
    if not accept:
        return offered[0]
    scores: dict[str, tuple[float, int]] = {}
    for item in accept.split(","):
        parts = [p.strip() for p in item.split(";")]
        mtype = parts[0].lower()
        q = 1.0
        for p in parts[1:]:
            if p.lower().startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        for i, o in enumerate(offered):
            if mtype == o:
                spec = 3
            elif mtype.endswith("/*") and o.startswith(mtype[:-1]):
                spec = 2
            elif mtype == "*/*":
                spec = 1
            else:
                continue
            if spec > scores.get(o, (0.0, 0))[1]:
                scores[o] = (q, spec)
    ranked = sorted(((q, -offered.index(o), o) for o, (q, _) in scores.items() if q > 0), reverse=True)
    return ranked[0][2] if ranked else offered[0]



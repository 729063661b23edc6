"""Deterministic IRIs.

Everything kg writes is named under one **base IRI** for instance data: the ``base`` argument
where a function takes one, else the environment variable ``KG_BASE_IRI``, else
:data:`DEFAULT_BASE` (``https://w3id.org/kg-news/id/``). A base that does not end in ``/``, ``#``
or ``:`` (for URNs such as ``urn:example:news:``) gets a ``/``. Set it once per store: building into a store with another base mints other IRIs.
The ontology terms (``kg:``) are not under the base; they live at
``https://w3id.org/kg-news/ontology#``.

Layout under the base::

    person/helen-marsh          actors: <type>/<slug of canonical name>
    article/geneva-talks-4c1f…  articles, also the name of the article's named graph: a slug
                                of the document id and a hash of the exact id, so that ids
                                differing only in case, punctuation or script never share one
    evidence/<hash>             evidence, events, quotations, positions: a hash of what
    event/<hash>                identifies them within their article
    graph/inferred              the named graph of OWL-RL entailments (kg validate --infer)

Actors are minted from their type and canonical name, so the same actor in two articles, or the
same article built twice, gives the same IRI; everything else is minted from the article id and
the article-local facts that identify it, so rebuilding an article gives the same IRIs.

>>> mint_entity_iri("Country", "São Tomé and Príncipe", "http://ex.org/kg")
'http://ex.org/kg/country/sao-tome-and-principe'
"""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from functools import lru_cache

from ..errors import KgError

__all__ = ["DEFAULT_BASE", "ARTICLE_SLUG_CHARS", "ARTICLE_HASH_DIGITS", "base_iri", "slug", "mint_entity_iri",
           "mint_article_iri", "legacy_article_iri", "mint_hashed_iri", "mint_graph_iri", "inferred_graph_iri",
           "Identities"]

DEFAULT_BASE = "https://w3id.org/kg-news/id/"


def base_iri(base: str | None = None) -> str:
    """The base IRI in use: ``base``, else ``$KG_BASE_IRI``, else :data:`DEFAULT_BASE`.

    >>> base_iri("http://ex.org/kg")
    'http://ex.org/kg/'
    >>> base_iri("urn:example:news:")
    'urn:example:news:'
    >>> base_iri("http://ex.org/a b")
    Traceback (most recent call last):
    ...
    kg.errors.KgError: base IRI 'http://ex.org/a b/': holds ' ', which an IRI cannot hold; set an absolute IRI such as http://example.org/news/ (write a space as %20)
    """
    b = base or os.environ.get("KG_BASE_IRI") or DEFAULT_BASE
    b = b if b.endswith(("/", "#", ":")) else b + "/"
    if b != DEFAULT_BASE:
        _check_base(b, "base IRI" if base else "KG_BASE_IRI")
    return b


#: An absolute IRI: a scheme, then no character that RFC 3987 leaves out of IRIs (space, controls,
#: ``<>"{}|\^```).
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|\\^`\x7f-\x9f]*")


@lru_cache(maxsize=64)
def _check_base(b: str, what: str) -> None:
    if not _IRI.fullmatch(b):
        bad = next((c for c in b if not _IRI.fullmatch("x:" + c)), None)
        problem = f"holds {bad!r}, which an IRI cannot hold" if bad and ":" in b else "is not an absolute IRI"
        raise KgError(f"{what} {b!r}: {problem}; set an absolute IRI such as http://example.org/news/ "
                      "(write a space as %20)")


def slug(text: str) -> str:
    """A lower-case ASCII slug.

    >>> slug("Kenji Arata-Mori")
    'kenji-arata-mori'
    >>> slug("U.S. State Department")
    'u-s-state-department'
    >>> slug("São Paulo")
    'sao-paulo'
    """
    t = _ascii_slug(text)
    if not t:  # non-Latin names: keep a stable hash
        t = "x" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
    return t[:120]


def _ascii_slug(text: str) -> str:
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9]+", "-", t).strip("-").lower()


#: Characters of the document id kept readable in an article IRI (the hash tells ids apart).
ARTICLE_SLUG_CHARS = 80
#: Hex digits of the SHA-256 of the document id in an article IRI: 64 bits, so that a collision
#: among a million articles has a chance of about 3 in 100 million.
ARTICLE_HASH_DIGITS = 16


def mint_entity_iri(type_: str, name: str, base: str | None = None) -> str:
    """The IRI of an actor.

    >>> mint_entity_iri("Person", "Sergei Lavrov", "http://ex.org/")
    'http://ex.org/person/sergei-lavrov'
    """
    return f"{base_iri(base)}{type_.lower()}/{slug(name)}"


def mint_article_iri(doc_id: str, base: str | None = None) -> str:
    """The IRI (and named graph) of an article: one per distinct document id.

    A readable slug of the id (at most :data:`ARTICLE_SLUG_CHARS` characters) and the first
    :data:`ARTICLE_HASH_DIGITS` hex digits of the SHA-256 of the exact id, so that ids that
    differ only in case, punctuation, script or after the first characters get distinct IRIs.

    >>> mint_article_iri("riyadh-talks", "http://ex.org/")
    'http://ex.org/article/riyadh-talks-c7592fc84c66a835'
    >>> len({mint_article_iri(i) for i in ("Report 1", "report-1", "report_1", "report.1")})
    4
    >>> mint_article_iri("новость-7", "http://ex.org/")
    'http://ex.org/article/7-ca521842dd608852'
    """
    digest = hashlib.sha256(doc_id.encode("utf-8", "surrogatepass")).hexdigest()[:ARTICLE_HASH_DIGITS]
    readable = _ascii_slug(doc_id)[:ARTICLE_SLUG_CHARS].rstrip("-")
    return f"{base_iri(base)}article/{readable}-{digest}" if readable else f"{base_iri(base)}article/{digest}"


def legacy_article_iri(doc_id: str, base: str | None = None) -> str:
    """The IRI kg gave an article before article IRIs carried a hash of the document id (ids that
    differed only in case or punctuation shared it); used to replace such graphs when their
    article is built again.

    >>> legacy_article_iri("Report 1", "http://ex.org/")
    'http://ex.org/article/report-1'
    """
    return f"{base_iri(base)}article/{slug(doc_id)}"


def mint_hashed_iri(kind: str, *parts: object, base: str | None = None) -> str:
    """An IRI for a node identified by ``parts`` (event, quotation, position, evidence).

    >>> mint_hashed_iri("evidence", "a", 1, base="http://ex.org/")
    'http://ex.org/evidence/6aec555ea0dedb3437d1'
    """
    h = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:20]
    return f"{base_iri(base)}{kind}/{h}"


def mint_graph_iri(name: str, base: str | None = None) -> str:
    """The IRI of a named graph that is not an article's (e.g. ``inferred``).

    >>> mint_graph_iri("inferred", "http://ex.org/")
    'http://ex.org/graph/inferred'
    """
    return f"{base_iri(base)}graph/{slug(name)}"


def inferred_graph_iri(base: str | None = None) -> str:
    """The named graph that ``kg validate --infer`` writes OWL-RL entailments to."""
    return mint_graph_iri("inferred", base)


class Identities(dict):
    """Entity key -> IRI for one article, with the canonical name of each entity in :attr:`names`.

    Made by :class:`kg.pipeline.resolve.IdentityIndex`; :func:`kg.rdf.mapping.extraction_to_graph` uses the
    names as ``rdfs:label`` (the article's own name becomes a ``skos:altLabel`` when they differ).

    >>> ids = Identities({"Person:Lavrov": "http://ex.org/person/sergei-lavrov"},
    ...                  names={"Person:Lavrov": "Sergei Lavrov"})
    >>> ids["Person:Lavrov"], ids.names["Person:Lavrov"]
    ('http://ex.org/person/sergei-lavrov', 'Sergei Lavrov')
    """

    def __init__(self, iris=(), names=None, aliases=None):
        super().__init__(iris)
        self.names: dict[str, str] = dict(names or {})
        #: Further names the article gives an entity, beyond its record's ("Mr Blair"), as ``skos:altLabel``.
        self.aliases: dict[str, tuple[str, ...]] = dict(aliases or {})

"""Deterministic IRIs.

Actors are minted from their type and canonical name under a base IRI (``$KG_BASE_IRI``, default
:data:`DEFAULT_BASE`), so that the same actor in two articles, or the same article built twice,
gives the same IRI. Events, quotations, positions and evidence are minted from a hash of what
identifies them.
"""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata

__all__ = ["DEFAULT_BASE", "base_iri", "slug", "mint_entity_iri", "mint_article_iri", "mint_hashed_iri"]

DEFAULT_BASE = "https://w3id.org/kg-news/id/"


def base_iri(base: str | None = None) -> str:
    """The base IRI in use: ``base``, else ``$KG_BASE_IRI``, else :data:`DEFAULT_BASE`."""
    b = base or os.environ.get("KG_BASE_IRI") or DEFAULT_BASE
    return b if b.endswith(("/", "#")) else b + "/"


def slug(text: str) -> str:
    """A lower-case ASCII slug.

    >>> slug("Volodymyr Zelenskyy")
    'volodymyr-zelenskyy'
    >>> slug("U.S. State Department")
    'u-s-state-department'
    >>> slug("São Paulo")
    'sao-paulo'
    """
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    t = re.sub(r"[^A-Za-z0-9]+", "-", t).strip("-").lower()
    if not t:  # non-Latin names: keep a stable hash
        t = "x" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
    return t[:120]


def mint_entity_iri(type_: str, name: str, base: str | None = None) -> str:
    """The IRI of an actor.

    >>> mint_entity_iri("Person", "Sergei Lavrov", "http://ex.org/")
    'http://ex.org/person/sergei-lavrov'
    """
    return f"{base_iri(base)}{type_.lower()}/{slug(name)}"


def mint_article_iri(doc_id: str, base: str | None = None) -> str:
    """The IRI (and named graph) of an article.

    >>> mint_article_iri("riyadh-talks", "http://ex.org/")
    'http://ex.org/article/riyadh-talks'
    """
    return f"{base_iri(base)}article/{slug(doc_id)}"


def mint_hashed_iri(kind: str, *parts: object, base: str | None = None) -> str:
    """An IRI for a node identified by ``parts`` (event, quotation, position, evidence).

    >>> mint_hashed_iri("evidence", "a", 1, base="http://ex.org/")
    'http://ex.org/evidence/6aec555ea0dedb3437d1'
    """
    h = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:20]
    return f"{base_iri(base)}{kind}/{h}"

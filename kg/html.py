"""Main text and metadata of saved news pages (trafilatura)."""
from __future__ import annotations

from .errors import InputError

__all__ = ["extract_article"]


def extract_article(html: str, source: str) -> tuple[str, dict]:
    """Return ``(text, metadata)`` of the article in an HTML page.

    Boilerplate (navigation, footers, related links) is removed by trafilatura; ``metadata`` may
    hold ``title``, ``url`` and ``published`` (ISO date).

    Raises
    ------
    InputError
        When the page holds no article text.
    """
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        raise InputError(f"{source}: HTML page holds no article text")
    meta: dict = {}
    info = trafilatura.extract_metadata(html)
    if info is not None:
        if info.title:
            meta["title"] = info.title
        if info.url:
            meta["url"] = info.url
        if info.date:
            meta["published"] = str(info.date)[:10]
    return text, meta

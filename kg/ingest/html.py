"""Main text and metadata of saved news pages (trafilatura).

The page is parsed once: trafilatura keeps the article body (navigation, footers, related links,
comments and share buttons go) and reads the metadata from the page's markup (``og:title``,
``article:published_time``, ``<time>``, JSON-LD, canonical link). Publication dates are taken
from the markup only, never guessed from the running text.
"""
from __future__ import annotations

from ..errors import InputError

__all__ = ["extract_article"]

_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def extract_article(html: str, source: str) -> tuple[str, dict]:
    """Return ``(text, metadata)`` of the article in an HTML page.

    ``metadata`` may hold ``title``, ``url`` and ``published`` (ISO date YYYY-MM-DD); keys with no
    value in the page are absent. Paragraphs of ``text`` are separated by line breaks.

    Raises
    ------
    InputError
        When the page holds no article text.

    Examples
    --------
    >>> page = ('<html><head><meta property="og:title" content="Talks in Oslo">'
    ...         '<meta property="article:published_time" content="2025-03-12T09:00:00Z"></head>'
    ...         '<body><nav><a href="/">Home</a></nav><article><p>Foreign Minister Anna Berg met her '
    ...         'Danish counterpart in Oslo on Tuesday to discuss fishing rights in the North Sea, '
    ...         'officials said after the talks ended.</p></article></body></html>')
    >>> text, meta = extract_article(page, "page.html")
    >>> text.startswith("Foreign Minister Anna Berg"), "Home" in text
    (True, False)
    >>> meta["title"], meta["published"]
    ('Talks in Oslo', '2025-03-12')
    """
    import trafilatura

    result = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
        date_extraction_params=_DATE_PARAMS,
    )
    text = getattr(result, "text", None) if result is not None else None
    if not text or not text.strip():
        raise InputError(f"{source}: HTML page holds no article text (expected a saved news page with an article body)")
    meta: dict = {}
    title = getattr(result, "title", None)
    if title and title.strip():
        meta["title"] = title.strip()
    url = getattr(result, "url", None)
    if url and url.startswith(("http://", "https://")):
        meta["url"] = url
    date = getattr(result, "date", None)
    if date and len(str(date)) >= 10:
        meta["published"] = str(date)[:10]
    return text, meta

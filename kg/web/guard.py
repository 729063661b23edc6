"""What the server refuses, before any work is done.

* :func:`remote_calls` finds ``SERVICE`` (federated query) and ``LOAD`` (update from a URL) in
  SPARQL text: both make the server fetch URLs chosen by whoever sends the query (server-side
  request forgery), so ``kg serve`` refuses them unless started with ``--allow-service``.
* :func:`write_refusal` decides whether a request may change the store (``--writable``): a
  request from a page of another origin is refused, and so is a form-encoded one (what an HTML
  form on any web site can send without the browser asking first) unless it carries the write
  token; with a token configured, every write must carry it as ``Authorization: Bearer TOKEN``.

The SPARQL scan is lexical and errs on the side of refusing: strings, IRIs and comments are
skipped (a name such as ``"Service Employees"`` or ``<http://ex.org/service>`` is fine), and the
keyword anywhere else refuses the query, even where the grammar would not allow it.
"""
from __future__ import annotations

import hmac
import re
from urllib.parse import urlsplit

__all__ = ["remote_calls", "write_refusal", "FORM_TYPES"]

# Tokens that hide text from the keyword scan, in the order of the SPARQL grammar's terminals.
_SKIP = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'            # STRING_LITERAL_LONG2
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"           # STRING_LITERAL_LONG1
    r'|"(?:[^"\\\n\r]|\\.)*"'                   # STRING_LITERAL2
    r"|'(?:[^'\\\n\r]|\\.)*'"                   # STRING_LITERAL1
    r'|<[^<>"{}|^`\\\x00-\x20]*>'               # IRIREF
    r"|#[^\n\r]*",                               # comment
    re.S,
)
_REMOTE = re.compile(r"(?<![\w:?$.\-])(SERVICE|LOAD)(?![\w:\-])", re.I)

#: Content types a cross-site HTML form (or a "simple" cross-origin request) can send.
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data", "text/plain")


def remote_calls(sparql: str) -> list[str]:
    """The keywords of ``sparql`` that would make the server fetch a URL (upper case, in order).

    >>> remote_calls('SELECT * WHERE { SERVICE <http://127.0.0.1:7999/x> { ?s ?p ?o } }')
    ['SERVICE']
    >>> remote_calls('SELECT * WHERE { ?s rdfs:label "Service Employees" ; <http://x/load> ?o }  # LOAD')
    []
    >>> remote_calls("LOAD <http://example.org/data.ttl>")
    ['LOAD']
    """
    stripped = _SKIP.sub(" ", sparql)
    return [m.group(1).upper() for m in _REMOTE.finditer(stripped)]


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def write_refusal(*, method: str, headers, own_origin: str, token: str | None) -> tuple[int, str] | None:
    """``(status, reason)`` when a write request must be refused, else ``None``.

    Parameters
    ----------
    headers
        The request headers (a case-insensitive mapping).
    own_origin
        ``scheme://host:port`` of the server as the client addressed it.
    token
        The write token, or ``None`` when the server was started without one.

    Examples
    --------
    >>> write_refusal(method="POST", headers={"origin": "http://evil.example",
    ...               "content-type": "application/sparql-update"}, own_origin="http://127.0.0.1:7878", token=None)
    (403, 'cross-origin write refused: this request comes from a page at http://evil.example, not from http://127.0.0.1:7878')
    >>> write_refusal(method="PUT", headers={"content-type": "text/turtle"}, own_origin="http://127.0.0.1:7878",
    ...               token=None) is None
    True
    """
    origin = headers.get("origin")
    if origin and origin != "null" and _origin_of(origin) != own_origin.lower():
        return 403, (f"cross-origin write refused: this request comes from a page at {origin}, "
                     f"not from {own_origin}")
    if origin == "null" or headers.get("sec-fetch-site") in ("cross-site", "same-site"):
        return 403, "cross-origin write refused: this request comes from a page of another site"
    given = None
    auth = headers.get("authorization") or ""
    if auth[:7].lower() == "bearer ":
        given = auth[7:].strip()
    if token is not None:
        if given is None:
            return 401, ("writes need the server's write token: send it as 'Authorization: Bearer TOKEN' "
                         "(kg push --token TOKEN); kg serve printed it when it started")
        if not hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
            return 401, "wrong write token: use the token kg serve printed when it started (or gave with --token)"
        return None
    ctype = (headers.get("content-type") or "").split(";", 1)[0].strip().lower()
    if method in ("POST", "PUT", "DELETE", "PATCH") and ctype in FORM_TYPES and not (method == "DELETE" and not ctype):
        return 415, (f"form-encoded write refused ({ctype}): any web page can send one; send the update as "
                     "application/sparql-update (or RDF data as text/turtle), or start the server with a write token")
    return None

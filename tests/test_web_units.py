"""Units of kg.web without a server: the SERVICE/LOAD scan, the write guard, content negotiation
(and the docstring examples of those modules)."""
from __future__ import annotations

import doctest
import importlib

import pytest

from kg.web.negotiate import best_type
from kg.web.guard import remote_calls, write_refusal

OWN = "http://127.0.0.1:7878"


@pytest.mark.parametrize("module", ["kg.web.guard", "kg.web.negotiate", "kg.web.serve"])
def test_docstring_examples_run(module):
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0


@pytest.mark.parametrize("query, found", [
    ("SELECT * WHERE { SERVICE <http://x/s> { ?s ?p ?o } }", ["SERVICE"]),
    ("select * where { service silent <http://x/s> { ?s ?p ?o } }", ["SERVICE"]),
    ("SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } VALUES ?endpoint { <http://x/s> } }", ["SERVICE"]),
    ("SELECT * WHERE {SERVICE<http://x/s>{?s ?p ?o}}", ["SERVICE"]),
    ("LOAD SILENT <http://x/d.ttl> INTO GRAPH <http://g>", ["LOAD"]),
    ('SELECT * WHERE { ?s rdfs:label "the SERVICE desk" }', []),
    ("SELECT * WHERE { ?s rdfs:label '''LOAD\n SERVICE''' }", []),
    ('SELECT * WHERE { ?s rdfs:label "say \\"SERVICE <x> {\\"" }', []),
    ("SELECT * WHERE { ?s <http://ex.org/SERVICE> ?o }  # SERVICE in a comment", []),
    ("SELECT ?service ?load WHERE { ?service ex:load ?load }", []),
    ("PREFIX service: <http://x/> SELECT * WHERE { ?s service:p ?o }", []),
    # a string that does not end where a careless scanner thinks: the keyword is outside it
    ('SELECT * WHERE { ?s ?p "a\\\\" SERVICE <http://x/s> { ?a ?b ?c } }', ["SERVICE"]),
])
def test_remote_calls(query, found):
    assert remote_calls(query) == found


@pytest.mark.parametrize("headers, token, status", [
    ({"content-type": "application/sparql-update"}, None, None),
    ({"content-type": "application/sparql-update", "origin": OWN}, None, None),
    ({"content-type": "application/sparql-update", "origin": "http://127.0.0.1:9999"}, None, 403),
    ({"content-type": "application/sparql-update", "origin": "null"}, None, 403),
    ({"content-type": "application/sparql-update", "sec-fetch-site": "cross-site"}, None, 403),
    ({"content-type": "application/x-www-form-urlencoded"}, None, 415),
    ({"content-type": "multipart/form-data; boundary=x"}, None, 415),
    ({"content-type": "text/plain"}, None, 415),
    ({"content-type": "application/sparql-update"}, "t", 401),
    ({"content-type": "application/sparql-update", "authorization": "Bearer u"}, "t", 401),
    ({"content-type": "application/sparql-update", "authorization": "Bearer t"}, "t", None),
    ({"content-type": "application/x-www-form-urlencoded", "authorization": "bearer t"}, "t", None),
    ({"content-type": "application/sparql-update", "authorization": "Bearer t", "origin": "http://evil.example"}, "t", 403),
])
def test_write_refusal(headers, token, status):
    refused = write_refusal(method="POST", headers=headers, own_origin=OWN, token=token)
    assert (refused[0] if refused else None) == status


@pytest.mark.parametrize("accept, expected", [
    ("text/turtle", "text/turtle"),
    ("application/ld+json", "application/ld+json"),
    ("application/ld+json;q=0.5, text/turtle;q=0.8", "text/turtle"),
    ("text/*", "text/html"),
    ("*/*", "text/html"),
    ("image/png", "text/html"),
    ("text/turtle;q=0", "text/html"),
    ("", "text/html"),
])
def test_best_type(accept, expected):
    assert best_type(accept, ["text/html", "text/turtle", "application/ld+json"]) == expected

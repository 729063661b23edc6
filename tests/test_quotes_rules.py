"""The quotation rules as registered rules: each has a confidence and a description, the finder
offers quotes only to registered rules, every quote cue of the vocabulary is read, and the rules
attribute a quote on their own, without changing the document."""
from __future__ import annotations

import ast
import doctest
import importlib
import json
from pathlib import Path

import pytest

from kg.nlp.quotes import extract_quotations, find_quotations
from kg.nlp.quotes.cues import resolve_cues
from kg.nlp.quotes.direct import (DIRECT_RULES, PARTIAL_RULES, _passage, direct_quote, direct_quote_dash,
                                  direct_quote_no_cue, partial_quote)
from kg.nlp.quotes.document import Memory, QuoteDocument
from kg.nlp.quotes.indirect import INDIRECT_RULES
from kg.nlp.quotes.transcript import transcript_items
from kg.nlp.rules import registered
from kg.nlp.vocab import vocab
from handbuilt import context
from test_quotes import LONE_SURNAME_ADMITTED, WE_WILL_WIN, build

PACKAGE = Path(__file__).resolve().parents[1] / "kg" / "nlp" / "quotes"
PATTERNS = PACKAGE.parent / "patterns"
QUOTES = registered("quotes")


def test_the_quotes_rules_are_the_fourteen_rule_names():
    assert sorted(r.name for r in QUOTES) == sorted([
        "direct-quote", "direct-quote-colon", "direct-quote-dash", "direct-quote-colon-subject",
        "direct-quote-same-paragraph", "direct-quote-continued-paragraph", "direct-quote-no-cue",
        "partial-quote", "indirect-statement", "indirect-belief", "according-to", "indirect-content",
        "indirect-noun", "transcript-label"])


@pytest.mark.parametrize("r", QUOTES, ids=lambda r: r.name)
def test_every_quotes_rule_has_a_confidence_and_a_one_line_description_with_an_example(r):
    confidences = json.loads((PATTERNS / "confidences.json").read_text(encoding="utf-8"))
    assert isinstance(confidences.get(r.name), float) and 0 < confidences[r.name] <= 1
    assert all(0 < confidences[v] <= 1 for v in r.variants), r.variants
    assert r.description and "\n" not in r.description
    assert "``" in r.description, "the description shows an example"


def test_the_finder_offers_quotes_only_to_registered_rules_and_to_all_of_them():
    offered = [*DIRECT_RULES, *PARTIAL_RULES, *INDIRECT_RULES, transcript_items]
    assert [f.__name__ for f in offered] == [f.__name__ for f in dict.fromkeys(offered)]  # each once
    assert {f for f in offered} == {r.function for r in QUOTES}
    assert DIRECT_RULES[-1] is direct_quote_no_cue  # the fallback comes last


def _string_constants(folder: Path) -> set[str]:
    out = set()
    for path in folder.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                out.add(node.value)
    return out


def test_every_quote_cue_is_read_by_the_quotes_code():
    keys = {k for k in json.loads((PATTERNS / "quote_cues.json").read_text(encoding="utf-8")) if not k.startswith("_")}
    assert keys - _string_constants(PACKAGE) == set()
    named = {w for r in QUOTES for w in r.words}
    for key in named:  # the keys a rule names exist (also checked when a rule is registered)
        assert key in vocab().lists or key in vocab().tables or key in vocab().numbers, key


def _document(*paragraphs):
    ctx = context(build(*paragraphs))
    d = QuoteDocument.of(ctx)
    mem = Memory(ctx)
    resolve_cues(d, mem)
    return d, mem


def test_a_rule_reads_the_document_and_answers_for_one_passage():
    d, mem = _document([WE_WILL_WIN])
    [p] = [_passage(d, q, toks) for q, toks in zip(d.spans, d.span_tokens)]
    assert p.direct and p.governing.text == "said"
    assert direct_quote_dash(d, mem, p) is None  # the quote has a cue: no dash rule
    found = direct_quote(d, mem, p)
    assert (found.rule, found.speaker.key, found.cue.text) == ("direct-quote", "Person:Anna Berg", "said")
    assert direct_quote_no_cue(d, mem, p).speaker is None
    assert partial_quote(d, mem, p).rule == "partial-quote"  # the rules do not check the passage's kind


def test_extract_quotations_proposes_the_speaker_and_leaves_the_context_alone():
    ctx = context(build([LONE_SURNAME_ADMITTED]))
    found = extract_quotations(ctx)
    assert [(q.text, q.speaker) for q in found.quotations] == [("the plan failed", "Person:Okoro")]
    assert [(e.key, e.type, e.name) for e in found.entities] == [("Person:Okoro", "Person", "Okoro")]
    assert ctx.actors.entities == {}  # proposals only
    assert find_quotations(ctx) == list(found.quotations)
    assert list(ctx.actors.entities) == ["Person:Okoro"]  # find_quotations merges them


@pytest.mark.parametrize("module", ["kg.nlp.quotes.marks", "kg.nlp.vocab"])
def test_docstring_examples_run(module):
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0

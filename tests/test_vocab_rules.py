"""The one vocabulary (kg/nlp/patterns/*.json) and the registry of extraction rules."""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

import kg.nlp
import kg.nlp.extract  # noqa: F401  (every rule module registers its rules)
from kg.nlp.rules import by_name, registered, rule_rows
from kg.nlp.vocab import VocabError, load, vocab

PACKAGE = Path(kg.nlp.__file__).resolve().parents[1]
PATTERNS = PACKAGE / "nlp" / "patterns"


def _string_literals() -> set[str]:
    """Every string constant in the package's code (not its docstrings' prose, which is fine to
    include: a key named only in a docstring would still count as read, so docstrings are left out)."""
    out: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = {id(n.body[0].value) for n in ast.walk(tree)
                if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
        out |= {n.value for n in ast.walk(tree)
                if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs}
    return out


def test_every_vocabulary_key_is_read_by_code():
    literals = _string_literals()
    unread = sorted(key for key in vocab().sources if key not in literals)
    assert unread == [], f"pattern keys no code reads: {unread}"


def test_every_rule_confidence_belongs_to_a_rule_or_a_discount():
    names = ({r.name for r in registered()} | {v for r in registered() for v in r.variants}
             | {r.confidence_key for r in registered() if r.confidence_key})
    literals = _string_literals()
    stray = sorted(k for k in vocab().confidences if k not in names and k not in literals)
    assert stray == [], f"confidences no rule or code reads: {stray}"


def test_keys_are_one_namespace_across_pattern_files():
    seen: dict[str, str] = {}
    for path in sorted(PATTERNS.glob("*.json")):
        if path.name == "confidences.json":
            continue
        for key in json.loads(path.read_text(encoding="utf-8")):
            if key.startswith("_"):
                continue
            assert key not in seen, f"{key} in {path.name} and {seen[key]}"
            seen[key] = path.name
    with pytest.raises(ValueError, match="already defined in a.json"):
        load([("a.json", '{"k": ["x"]}'), ("b.json", '{"k": ["y"]}')])


def test_an_unknown_key_names_the_fix():
    with pytest.raises(VocabError, match="no word list 'nope'.*patterns"):
        vocab().words("nope")


def test_the_vocabulary_is_frozen():
    with pytest.raises(TypeError):
        vocab().lists["meet_verbs"] = frozenset()  # type: ignore[index]
    with pytest.raises(AttributeError):
        vocab().lists = {}  # type: ignore[misc]


def test_every_rule_has_a_description_a_confidence_and_known_words():
    rules = registered()
    assert len(rules) >= 25
    for r in rules:
        assert r.description and not r.description.startswith(" "), r.name
        assert 0 < r.confidence <= 1, r.name
        for key in r.words:
            assert key in vocab().sources, (r.name, key)


def test_rule_kinds_group_the_rules():
    kinds = {r.kind for r in registered()}
    assert {"meetings", "calls", "positions", "affiliations", "locations", "events", "gatherings"} <= kinds
    assert {r.name for r in registered("calls")} == {"call", "speak-with"}


def test_a_rule_name_as_written_in_a_graph_finds_its_rule():
    assert by_name("meet-verb-gapped").name == "meet-verb"
    assert by_name("title-apposition/possessive").name == "title-apposition"
    assert by_name("during-call-caption").name == "meeting-between"
    assert by_name("made-up") is None


def test_rule_rows_show_the_words_of_one_rule():
    (row,) = rule_rows(name="speak-with")
    assert row["kind"] == "calls"
    assert "speak" in row["vocabulary"]["speak_verbs"]
    assert row["confidence"] == vocab().confidence("interaction")


def test_adding_a_word_to_a_list_reaches_every_rule_that_reads_it():
    """The meeting rules read the list, not a copy: the list they name is the vocabulary's."""
    meet = by_name("meet-verb")
    assert "meet_verbs" in meet.words
    assert vocab().words("meet_verbs") == frozenset(vocab().sequence("meet_verbs"))


@pytest.mark.model
@pytest.mark.parametrize("path", ["examples/geneva-talks.txt"])
def test_every_rule_in_a_real_graph_is_registered(path):
    from kg.nlp.extract import extract_document
    from kg.records import Document

    text = (PACKAGE.parent / path).read_text(encoding="utf-8")
    ex = extract_document(Document(id="d", text=text, published="2025-03-12"))
    written = {r.evidence.rule for r in ex.relations} | {p.evidence.rule for p in ex.positions} \
        | {q.evidence.rule for q in ex.quotations} | {e.evidence.rule for e in ex.events}
    assert len(written) >= 5
    unknown = sorted(w for w in written if by_name(w) is None)
    assert unknown == [], f"kg:rule values no registered rule explains: {unknown}"


@pytest.mark.slow
def test_kg_rules_command_lists_and_explains(tmp_path):
    from kgrun import run_kg

    out = run_kg("rules", "meet-verb", cwd=tmp_path)
    assert out.code == 0, out.err
    assert re.search(r"meet-verb\s+\[meetings, confidence 0\.85\]", out.out)
    assert '"confer"' in out.out
    missing = run_kg("rules", "no-such-rule", cwd=tmp_path)
    assert missing.code == 1 and "kg rules" in missing.err and "Traceback" not in missing.err
    listing = run_kg("rules", "--format", "json", "--kind", "locations", cwd=tmp_path)
    assert {r["name"] for r in json.loads(listing.out)} == {r.name for r in registered("locations")}

"""Datelines ("NAIROBI, Kenya (AP) - ..."): found, kept out of the narrative, and not parsed into
the sentence that follows them."""
from __future__ import annotations

import pytest

from kg.nlp.boilerplate import non_narrative_ranges
from kg.nlp.datelines import dateline_end


@pytest.mark.parametrize("line, story", [
    ("NAIROBI, Kenya (AP) - Kenya's president met the envoy.", "Kenya's president met the envoy."),
    ("WASHINGTON (Reuters) -- The Senate voted.", "The Senate voted."),
    ("NEW YORK \u2014 Talks resumed.", "Talks resumed."),
    ("LONDON, Jan. 5 (Wire) \u2013 \u201cWe agreed,\u201d she said.", "\u201cWe agreed,\u201d she said."),
])
def test_a_dateline_ends_where_the_story_starts(line, story):
    assert line[dateline_end(line):] == story


@pytest.mark.parametrize("line", [
    "The minister - who resigned - spoke.",
    "UN envoy Ana Reyes met rebels.",
    "A - B",
    "I - as everyone knows - disagree.",
])
def test_lines_without_a_dateline(line):
    assert dateline_end(line) is None


def test_only_the_dateline_of_a_paragraph_is_left_out_of_the_narrative():
    text = "Ministers meet in Oslo\nOSLO (Wire) - Ana Reyes met Carl Holt.\nMore talks followed."
    ranges = [text[s:e] for s, e in non_narrative_ranges(text)]
    assert ranges == ["Ministers meet in Oslo", "OSLO (Wire) - "]


@pytest.mark.model
def test_the_dateline_place_is_not_taken_for_the_subject(nlp):
    from kg.nlp.extract import extract_document
    from kg.records import Document

    text = ("NAIROBI, Kenya (AP) - Kenyan President Grace Wanjiru met with Ethiopian Prime Minister "
            "Dawit Bekele on March 3 to discuss the dam, officials said.")
    doc = nlp(text)
    assert doc[0].sent.text == "NAIROBI, Kenya (AP) -"  # the story is a sentence of its own
    ex = extract_document(Document("d", text, published="2025-03-05"))
    names = {e.key: e.name for e in ex.entities}
    met = {(names[r.subject], names[r.object]) for r in ex.relations if r.predicate == "metWith"}
    assert met == {("Grace Wanjiru", "Dawit Bekele")}
    assert "Associated Press" not in names.values() and "NAIROBI" not in names.values()


@pytest.mark.model
def test_the_lead_sentence_after_a_dateline_is_not_cut_into_pieces(nlp):
    doc = nlp("BRUSSELS - European Union leaders gathered in Brussels on Thursday. They met for hours.")
    assert [s.text for s in doc.sents] == ["BRUSSELS -", "European Union leaders gathered in Brussels on Thursday.",
                                           "They met for hours."]

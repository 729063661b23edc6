"""Gender in pronoun resolution: "he" never refers to a person the text shows to be female,
"she" never to one shown to be male; unknown gender fits both. Hand-built parses and a few
sentences parsed by the real model."""
from __future__ import annotations

import pytest

from handbuilt import context, make_doc


def _two_person_sentence(first: str, second: str, verb: str = "met") -> str:
    """ "<first> Anna Berg met <second> Carl Holt." with optional words before each name."""
    rows, i = [], 0
    a = first.split()
    for w in a:
        rows.append(f"{w} {len(a) + 1} compound PROPN")
    rows += [f"Anna {len(a) + 1} compound PROPN", f"Berg {len(a) + 2} nsubj PROPN", f"{verb} {len(a) + 2} ROOT VERB"]
    b = second.split()
    base = len(a) + 3
    for w in b:
        rows.append(f"{w} {base + len(b) + 1} compound PROPN")
    rows += [f"Carl {base + len(b) + 1} compound PROPN", f"Holt {len(a) + 2} dobj PROPN", f". {len(a) + 2} punct PUNCT"]
    # entity tags: the courtesy title is inside the PERSON entity, as the model often has it
    tagged, inside = [], False
    for r in rows:
        w = r.split()[0]
        if w in (".",) or r.split()[3] != "PROPN":
            tagged.append(r)
            inside = False
            continue
        tagged.append(r + (" I-PERSON" if inside else " B-PERSON"))
        inside = w not in ("Berg", "Holt")
    return "\n".join(tagged)


PRONOUN_SAID = """
{pron} 1 nsubj PRON
said 1 ROOT VERB
so 1 advmod ADV
. 1 punct PUNCT
"""

BERG_SAID = """
Anna 1 compound PROPN B-PERSON
Berg 2 nsubj PROPN I-PERSON
said 2 ROOT VERB
so 2 advmod ADV
. 2 punct PUNCT
"""


def resolved(*sentences) -> list[str]:
    ctx = context(make_doc(*sentences))
    pron = [t for t in ctx.doc if t.pos_ == "PRON"][-1]
    return [k.split(":")[1] for k in ctx.resolve_pronoun(pron)]


@pytest.mark.parametrize(
    "title, pronoun, expected",
    [
        ("Mrs", "He", []), ("Mrs", "She", ["Anna Berg"]),
        ("Ms", "He", []), ("Dame", "He", []), ("Lady", "He", []),
        ("Mr", "She", []), ("Mr", "He", ["Anna Berg"]), ("Sir", "She", []), ("Lord", "She", []),
        ("", "He", ["Anna Berg"]), ("", "She", ["Anna Berg"]),
    ],
    ids=["mrs-he", "mrs-she", "ms-he", "dame-he", "lady-he", "mr-she", "mr-he", "sir-she", "lord-she",
         "unknown-he", "unknown-she"],
)
def test_courtesy_title_rules_out_the_other_pronoun(title, pronoun, expected):
    first = _two_person_sentence(title, "")
    assert resolved(first, PRONOUN_SAID.format(pron=pronoun)) == expected


@pytest.mark.parametrize(
    "noun, pronoun, expected",
    [("chairwoman", "He", []), ("chairwoman", "She", ["Anna Berg"]), ("king", "She", []),
     ("businessman", "She", []), ("businessman", "He", ["Anna Berg"])],
)
def test_gendered_noun_before_the_name(noun, pronoun, expected):
    first = f"""
    {noun} 2 compound NOUN
    Anna 2 compound PROPN B-PERSON
    Berg 3 nsubj PROPN I-PERSON
    spoke 3 ROOT VERB
    . 3 punct PUNCT
    """
    assert resolved(first, PRONOUN_SAID.format(pron=pronoun)) == expected


def test_gendered_noun_in_apposition():
    first = """
    Anna 1 compound PROPN B-PERSON
    Berg 6 nsubj PROPN I-PERSON
    , 1 punct PUNCT
    a 4 det DET
    businesswoman 1 appos NOUN
    , 1 punct PUNCT
    spoke 6 ROOT VERB
    . 6 punct PUNCT
    """
    assert resolved(first, PRONOUN_SAID.format(pron="He")) == []
    assert resolved(first, PRONOUN_SAID.format(pron="She")) == ["Anna Berg"]


def test_gendered_noun_as_predicate():
    first = """
    Anna 1 compound PROPN B-PERSON
    Berg 2 nsubj PROPN I-PERSON
    is 2 ROOT AUX
    a 4 det DET
    chairwoman 2 attr NOUN
    . 2 punct PUNCT
    """
    assert resolved(first, PRONOUN_SAID.format(pron="He")) == []


def test_gender_picks_the_one_compatible_subject_of_two():
    first = """
    Mrs 2 compound PROPN B-PERSON
    Anna 2 compound PROPN I-PERSON
    Berg 6 nsubj PROPN I-PERSON
    and 2 cc CCONJ
    Carl 5 compound PROPN B-PERSON
    Holt 2 conj PROPN I-PERSON
    arrived 6 ROOT VERB
    . 6 punct PUNCT
    """
    assert resolved(first, PRONOUN_SAID.format(pron="He")) == ["Carl Holt"]
    assert resolved(first, PRONOUN_SAID.format(pron="She")) == []  # Carl Holt's gender is unknown


def test_an_earlier_safely_resolved_pronoun_sets_the_gender():
    # "Anna Berg arrived. She said so. Anna Berg said so. He said so." -> "he" is not Anna Berg
    arrived = """
    Anna 1 compound PROPN B-PERSON
    Berg 2 nsubj PROPN I-PERSON
    arrived 2 ROOT VERB
    . 2 punct PUNCT
    """
    assert resolved(arrived, PRONOUN_SAID.format(pron="She"), BERG_SAID, PRONOUN_SAID.format(pron="He")) == []
    assert resolved(arrived, BERG_SAID, PRONOUN_SAID.format(pron="He")) == ["Anna Berg"]


def test_contradicting_evidence_leaves_gender_unknown():
    mr = _two_person_sentence("Mr", "")
    mrs = """
    Mrs 1 compound PROPN B-PERSON
    Berg 2 nsubj PROPN I-PERSON
    agreed 2 ROOT VERB
    . 2 punct PUNCT
    """
    ctx = context(make_doc(mr, mrs))
    assert ctx.gender("Person:Anna Berg") is None


def test_no_gender_from_first_names_alone():
    ctx = context(make_doc(_two_person_sentence("", "")))
    assert ctx.gender("Person:Anna Berg") is None
    assert ctx.gender("Person:Carl Holt") is None


# -- real model ------------------------------------------------------------------------------

@pytest.mark.model
@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Mr Carl Holt met Anna Berg on Monday. She said the talks were useful.", None),
        ("Mrs Anna Berg met Carl Holt on Monday. She said the talks were useful.", "Anna Berg"),
        ("Mrs Anna Berg and Carl Holt arrived in Oslo. He said the talks were useful.", "Carl Holt"),
        ("Chairwoman Anna Berg met Carl Holt on Monday. He said the talks were useful.", None),
    ],
    ids=["she-not-mr", "she-is-mrs", "he-is-the-one-man-of-two", "he-not-the-chairwoman"],
)
def test_model_pronoun_speaker_respects_gender(nlp, text, speaker):
    from kg.nlp.extract import extract_from_doc
    from kg.records import Document

    ex = extract_from_doc(nlp(text), Document(id="t", text=text))
    quotes = [q for q in ex.quotations if q.text == "the talks were useful"]
    assert len(quotes) == 1
    assert (quotes[0].speaker.split(":")[1] if quotes[0].speaker else None) == speaker


def test_a_pronoun_inside_a_quotation_is_no_gender_evidence():
    # 'Anna Berg arrived. "He left." Anna Berg said so. She said so.': the quoted "he" is someone
    # the speaker talks about, so it must not make Anna Berg male
    arrived = """
    Anna 1 compound PROPN B-PERSON
    Berg 2 nsubj PROPN I-PERSON
    arrived 2 ROOT VERB
    . 2 punct PUNCT
    """
    quoted = """
    " 2 punct PUNCT
    He 2 nsubj PRON
    left 2 ROOT VERB
    . 2 punct PUNCT
    " 2 punct PUNCT
    """
    ctx = context(make_doc(arrived, quoted, BERG_SAID, PRONOUN_SAID.format(pron="She")))
    assert ctx.gender("Person:Anna Berg") == "female"  # from "she", not "male" from the quoted "he"
    she = [t for t in ctx.doc if t.lower_ == "she"][0]
    assert ctx.resolve_pronoun(she) == ["Person:Anna Berg"]

"""What the recogniser got wrong about a name, read from the words around it: an organisation's
name it cut ("Constitutional Democratic Party" + "of Japan"), a name that only an organisation or a
place fits ("the leader of Fianna Fáil", "the border city of Ras al-Ayn")."""
from __future__ import annotations

from spacy.tokens import Doc

from .lexicon import countries, honorifics, name_heads
from .candidate import Candidate, clean_name
from .vocab import vocab

__all__ = ["with_place_of", "organizations_by_title", "places_by_noun", "span_head"]


def with_place_of(doc: Doc, cand: Candidate) -> Candidate:
    """An organisation's name that goes on with "of"/"for" and words the recogniser left out
    ("Constitutional Democratic Party" + "of Japan", "Democratic Party" + "for the People"): the
    whole name, when the name so far ends in a word that heads organisations' names and what
    follows is a place or capitalised proper nouns."""
    words = cand.text.split()
    if cand.type != "Organization" or name_heads().get(words[-1]) != "Organization" or cand.end + 1 >= len(doc):
        return cand
    if doc[cand.end].lower_ not in vocab().words("name_continuing_prepositions"):
        return cand
    i = cand.end + 1
    if doc[i].lower_ in vocab().words("determiners") and i + 1 < len(doc):
        i += 1
    place = doc[i]
    if place.ent_iob_ == "B" and place.ent_type_ == "GPE":
        end = next(e.end for e in doc.ents if e.start == place.i)
    elif not place.ent_type_ and countries().canonical(place.text):  # a country the recogniser missed
        end = place.i + 1
    else:
        end = _capitalised_run(doc, i)
        if end == i:
            return cand
        # "Medical Foundation for the Care" + "of Victims of Torture": the name goes on
        while end + 1 < len(doc) and doc[end].lower_ in vocab().words("name_continuing_prepositions") \
                and (more := _capitalised_run(doc, end + 1)) > end + 1:
            end = more
    return Candidate(cand.start, end, clean_name(doc[cand.start:end].text), cand.type, cand.strong)


def _capitalised_run(doc: Doc, i: int) -> int:
    """The end of up to three capitalised proper nouns from ``i`` that no other name claims."""
    end = i
    while end < len(doc) and end - i < 3 and doc[end].pos_ == "PROPN" and doc[end].text.istitle() \
            and doc[end].ent_type_ in ("", "ORG") and doc[end].text not in honorifics():
        end += 1
    return end


def places_by_noun(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Names the recogniser took for persons or organisations that a place noun names: "the
    border city of Ras al-Ayn", "the town of Nyala"."""
    nouns = vocab().words("place_nouns")
    out = []
    for c in cands:
        if c.type in ("Person", "Organization", "Place") and not c.strong:
            head = span_head(doc, c)
            if head.dep_ == "pobj" and head.head.lower_ in vocab().words("possessive_prepositions") \
                    and head.head.head.lemma_.lower() in nouns:
                c = Candidate(c.start, c.end, c.text, "Place", True)
        out.append(c)
    return out


def span_head(doc: Doc, c: Candidate):
    """The token of a candidate whose head lies outside it (its syntactic head)."""
    return next((t for t in doc[c.start:c.end] if not c.start <= t.head.i < c.end or t.head.i == t.i), doc[c.end - 1])


def organizations_by_title(doc: Doc, cands: list[Candidate], index) -> list[Candidate]:
    """Names the recogniser took for persons where only an organisation fits: the one a
    leader's title is of ("the leader of Fianna Fáil") or that stands before such a title and a
    person's name ("Sinn Féin chief Mary Lou McDonald")."""
    title_tokens, title_starts, _ = index
    led = vocab().words("organization_leader_titles")
    out = []
    for c in cands:
        if c.type == "Person" and not c.strong and (_leads(doc, c, title_starts, led) or _led_by(doc, c, led)):
            c = Candidate(c.start, c.end, c.text, "Organization", True)
        out.append(c)
    return out


def _leads(doc: Doc, c: Candidate, title_starts: dict[int, int], led: frozenset[str]) -> bool:
    """"Sinn Féin chief Mary Lou McDonald": the name, a leader's title, a person's name."""
    end = title_starts.get(c.end)
    return (end is not None and doc[end - 1].lower_ in led and end < len(doc)
            and doc[end].ent_type_ == "PERSON")


def _led_by(doc: Doc, c: Candidate, led: frozenset[str]) -> bool:
    """"the leader of Fianna Fáil": the name is what a leader's title is "of"."""
    head = span_head(doc, c)
    prep = head.head
    return (head.dep_ == "pobj" and prep.lower_ in vocab().words("possessive_prepositions")
            and prep.head.lower_ in led)

"""Other names an article gives an actor ("also known as", "dubbed"): aliases, not actors
(hand-built parses, no statistical model)."""
from __future__ import annotations

from handbuilt import context, make_doc


def entities(*sentences):
    ctx = context(make_doc(*sentences))
    return {(e.type, e.name): set(e.aliases) for e in ctx.actors.entities.values()}


CITY = """
Fighting 1 nsubj NOUN
went 1 ROOT VERB
on 1 prep ADP
in 2 prep ADP
Tal 5 compound PROPN B-GPE
Nour 3 pobj PROPN I-GPE
. 1 punct PUNCT
"""

CITY_ALSO_KNOWN_AS = """
The 1 det DET
city 9 nsubj NOUN
, 1 punct PUNCT
also 4 advmod ADV
known 1 acl VERB
as 4 prep ADP
Beit 7 compound PROPN B-GPE
Sawa 5 pobj PROPN I-GPE
, 1 punct PUNCT
burned 9 ROOT VERB
. 9 punct PUNCT
"""


def test_the_city_also_known_as_a_name_is_the_last_place_named():
    assert entities(CITY, CITY_ALSO_KNOWN_AS) == {("Place", "Tal Nour"): {"Beit Sawa"}}


def _dubbed(cue: str, dep: str, pos: str) -> str:
    return f"""
Ann 1 compound PROPN B-PERSON
Ruiz 13 nsubj PROPN I-PERSON
and 1 cc CCONJ
Bo 4 compound PROPN B-PERSON
Lind 1 conj PROPN I-PERSON
, 1 punct PUNCT
{cue} 1 {dep} {pos}
Paris 8 compound PROPN B-PERSON
Ann 6 pobj PROPN I-PERSON
and 8 cc CCONJ
Berlin 11 compound PROPN B-PERSON
Bo 8 conj PROPN I-PERSON
, 1 punct PUNCT
left 13 ROOT VERB
. 13 punct PUNCT
"""


def test_coordinated_names_dubbed_coordinated_nicknames_take_them_in_order():
    ents = entities(_dubbed("dubbed", "acl", "VERB"))
    assert ents == {("Person", "Ann Ruiz"): {"Paris Ann"}, ("Person", "Bo Lind"): {"Berlin Bo"}}


def test_names_beside_other_names_without_a_cue_stay_apart():
    ents = entities(_dubbed("with", "prep", "ADP"))
    assert set(ents) == {("Person", n) for n in ("Ann Ruiz", "Bo Lind", "Paris Ann", "Berlin Bo")}

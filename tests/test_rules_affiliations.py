"""Who a person acts for: party leaders, organisations' names, past posts, "as" titles, titles
without a name, the article's home country (hand-built parses, no statistical model)."""
from __future__ import annotations

from handbuilt import context, make_doc
from kg.nlp.home import Home, home_origins
from kg.nlp.positions import find_positions, position_relations
from kg.records import Evidence, Position


def facts(*sentences):
    ctx = context(make_doc(*sentences))
    positions, _, extra = find_positions(ctx)
    rels = position_relations(ctx, positions) + extra
    pos = {(p.person.split(":")[1], p.title, p.of.split(":")[1] if p.of else None) for p in positions}
    ents = {e.key for e in ctx.actors.entities.values()}
    return pos, {(r.subject.split(":")[1], r.object.split(":")[1]) for r in rels if r.predicate == "represents"}, ents


PARTY_LEADER = """
Japan 2 compound PROPN B-ORG
Innovation 2 compound PROPN I-ORG
Party 3 compound PROPN I-ORG
leader 5 compound NOUN
Nobuyuki 5 compound PROPN B-PERSON
Baba 6 nsubj PROPN I-PERSON
spoke 6 ROOT VERB
. 6 punct PUNCT
"""


def test_a_party_leader_represents_the_party_not_the_country_in_its_name():
    """"Party Leader" is a title, but not inside the party's name: the title is "leader"."""
    pos, rels, ents = facts(PARTY_LEADER)
    assert pos == {("Nobuyuki Baba", "leader", "Japan Innovation Party")}
    assert rels == {("Nobuyuki Baba", "Japan Innovation Party")}
    assert "Country:Japan" not in ents


PARTY_OF_COUNTRY = """
Constitutional 2 compound PROPN B-ORG
Democratic 2 compound PROPN I-ORG
Party 6 nmod PROPN I-ORG
of 2 prep ADP
Japan 3 pobj PROPN B-GPE
leader 7 compound NOUN
Yoshihiko 7 compound PROPN B-PERSON
Noda 8 nsubj PROPN I-PERSON
spoke 8 ROOT VERB
. 8 punct PUNCT
"""


def test_an_organisations_name_goes_on_over_of_and_a_country():
    pos, rels, ents = facts(PARTY_OF_COUNTRY)
    assert rels == {("Yoshihiko Noda", "Constitutional Democratic Party of Japan")}
    assert "Country:Japan" not in ents


LEADER_OF_NAME_TAGGED_PERSON = """
Micheál 1 compound PROPN B-PERSON
Martin 8 nsubj PROPN I-PERSON
, 1 punct PUNCT
the 4 det DET
leader 1 appos NOUN
of 4 prep ADP
Fianna 7 compound PROPN B-PERSON
Fáil 5 pobj PROPN I-PERSON
spoke 8 ROOT VERB
. 8 punct PUNCT
"""


def test_what_a_leader_is_the_leader_of_is_an_organisation_even_when_tagged_as_a_person():
    pos, rels, ents = facts(LEADER_OF_NAME_TAGGED_PERSON)
    assert "Organization:Fianna Fáil" in ents and "Person:Fianna Fáil" not in ents
    assert rels == {("Micheál Martin", "Fianna Fáil")}


FORMER_ORG_MINISTER = """
the 4 det DET
former 4 amod ADJ
Foreign 3 compound PROPN B-ORG
Office 4 compound PROPN I-ORG
minister 6 compound NOUN
Alistair 6 compound PROPN B-PERSON
Burt 7 nsubj PROPN I-PERSON
said 7 ROOT VERB
so 7 advmod ADV
. 7 punct PUNCT
"""


def test_former_before_the_organisation_of_a_title_makes_it_a_past_post():
    pos, rels, _ = facts(FORMER_ORG_MINISTER)
    assert pos == {("Alistair Burt", "former minister", "Foreign Office")}
    assert rels == set()


HOSTED_AT = """
Ana 1 compound PROPN B-PERSON
Reyes 2 nsubj PROPN I-PERSON
hosted 2 ROOT VERB
Carl 4 compound PROPN B-PERSON
Holt 2 dobj PROPN I-PERSON
at 4 prep ADP
the 8 det DET
White 8 compound PROPN B-ORG
House 5 pobj PROPN I-ORG
. 2 punct PUNCT
"""


def test_a_guest_at_an_organisations_seat_does_not_represent_it():
    """"hosted Carl Holt at the White House": where, not whose ("Jane Roe at the Institute said" is)."""
    _, rels, _ = facts(HOSTED_AT)
    assert rels == set()


RESIGNATION_AS = """
Kim 1 compound PROPN B-PERSON
Darroch 3 poss PROPN I-PERSON
's 1 case PART
resignation 8 nsubj NOUN
as 3 prep ADP
British 6 amod ADJ B-NORP
ambassador 4 pobj NOUN
was 8 aux AUX
accepted 8 ROOT VERB
. 8 punct PUNCT
"""

SEEN_AS = """
Kim 1 compound PROPN B-PERSON
Darroch 3 nsubjpass PROPN I-PERSON
is 3 auxpass AUX
seen 3 ROOT VERB
as 3 prep ADP
British 6 amod ADJ B-NORP
ambassador 4 pobj NOUN
. 3 punct PUNCT
"""


def test_a_title_held_as_goes_to_the_possessor_of_a_role_noun():
    pos, rels, _ = facts(RESIGNATION_AS)
    assert pos == {("Kim Darroch", "ambassador", "United Kingdom")}
    assert rels == {("Kim Darroch", "United Kingdom")}


def test_seen_as_is_an_opinion_not_a_post():
    pos, _, _ = facts(SEEN_AS)
    assert pos == set()


HEADLINE_TITLE = """
Japan 2 compound PROPN B-GPE
Prime 2 compound PROPN
Minister 3 nsubj PROPN
Dodges 3 ROOT VERB
Criticism 3 dobj PROPN
¶ 3 punct SPACE
"""

PM_NAMED = """
Prime 1 compound PROPN
Minister 3 compound PROPN
Shigeru 3 compound PROPN B-PERSON
Ishiba 4 nsubj PROPN I-PERSON
spoke 4 ROOT VERB
. 4 punct PUNCT
"""


def test_a_title_with_a_country_and_no_name_gives_its_country_to_the_one_holder():
    pos, rels, _ = facts(HEADLINE_TITLE, PM_NAMED)
    assert ("Shigeru Ishiba", "Prime Minister", "Japan") in pos
    assert rels == {("Shigeru Ishiba", "Japan")}


def _pos(person, title, of=None, rule="title-premodifier"):
    return Position(f"Person:{person}", title, of, Evidence("s", 0, 1, rule, 0.9))


def test_home_country_gives_national_offices_without_a_country_their_country():
    home = Home("Ireland", "dateline")
    out = home_origins([_pos("Micheál Martin", "Prime Minister"), _pos("Ann Lee", "spokeswoman")], [], home)
    assert [(p.person, p.of, p.evidence.rule) for p in out] == [
        ("Person:Micheál Martin", "Country:Ireland", "title-premodifier/home-country"),
        ("Person:Ann Lee", None, "title-premodifier")]


def test_home_country_leaves_a_title_another_country_holds_in_the_article():
    """"President Trump" beside "Chinese President Xi": the article is about two presidents."""
    home = Home("United States", "dateline")
    positions = [_pos("Donald Trump", "President"), _pos("Xi Jinping", "President", "Country:China")]
    assert home_origins(positions, [], home)[0].of is None


def test_home_country_never_overrides_the_country_the_article_ties_a_person_to():
    from kg.records import Relation

    home = Home("United Kingdom", "metadata")
    tied = Relation("Person:Ana Reyes", "represents", "Country:Peru", Evidence("s", 0, 1, "possessive-actor", 0.6))
    assert home_origins([_pos("Ana Reyes", "Foreign Minister")], [tied], home)[0].of is None
    assert home_origins([_pos("Ana Reyes", "Foreign Minister")], [], None)[0].of is None


FELLOW_OF_REGION_AT_BODY = """
Jeff 1 compound PROPN B-PERSON
Smith 11 nsubj PROPN I-PERSON
, 1 punct PUNCT
South 4 compound PROPN B-LOC
Asia 6 compound PROPN I-LOC
research 6 compound NOUN
fellow 1 appos NOUN
at 6 prep ADP
Acme 9 compound PROPN B-ORG
Foundation 7 pobj PROPN I-ORG
, 1 punct PUNCT
spoke 11 ROOT VERB
. 11 punct PUNCT
"""


def test_a_region_before_a_title_gives_way_to_the_body_after_it():
    """"Jeff Smith, South Asia research fellow at Acme Foundation": a fellow of the foundation."""
    pos, rels, _ = facts(FELLOW_OF_REGION_AT_BODY)
    assert {(p, of) for p, _, of in pos} == {("Jeff Smith", "Acme Foundation")}
    assert rels == {("Jeff Smith", "Acme Foundation")}


def test_a_past_post_is_a_role_not_a_post_held():
    from kg.nlp.extract import extract_from_doc
    from kg.records import Document

    doc = make_doc(FORMER_ORG_MINISTER)
    ex = extract_from_doc(doc, Document(id="d", text=doc.text))
    assert [(p.title, p.of) for p in ex.positions] == [("former minister", None)]


EX_KING = """
ex⁀ 3 amod ADJ
-⁀ 3 punct PUNCT
King 3 compound PROPN
Carol 6 nsubj PROPN B-PERSON
of 3 prep ADP
Romania 4 pobj PROPN B-GPE
spoke 6 ROOT VERB
. 6 punct PUNCT
"""


def test_ex_hyphen_before_a_title_makes_it_a_past_post():
    """"ex-King Carol of Romania": the parser splits off the hyphen; the post is still a past one."""
    pos, rels, _ = facts(EX_KING)
    assert pos == {("Carol", "ex-King", "Romania")}
    assert rels == set()


def test_home_country_gives_a_portfolio_secretary_its_country_but_not_a_shadow_party_or_regional_one():
    home = Home("United Kingdom", "metadata")
    titles = ["Culture, Media and Sport Secretary", "Work and Pensions Secretary", "Fisheries Minister",
              "Shadow Culture Secretary", "General Secretary", "Press Secretary"]
    out = home_origins([_pos(f"P{i}", t) for i, t in enumerate(titles)], [], home)
    assert [p.of for p in out] == ["Country:United Kingdom", "Country:United Kingdom", None, None, None, None]


def test_home_country_gives_no_office_the_country_does_not_have():
    """"President Ana Reyes" in a British story is another country's president."""
    out = home_origins([_pos("Ana Reyes", "President"), _pos("Bo Lind", "Prime Minister")], [],
                       Home("United Kingdom", "metadata"))
    assert [p.of for p in out] == [None, "Country:United Kingdom"]


ORG_KIND_BOSS = """
Acme 2 compound PROPN B-ORG
union 2 compound NOUN
boss 4 compound NOUN
Bo 4 compound PROPN B-PERSON
Lind 5 nsubj PROPN I-PERSON
spoke 5 ROOT VERB
. 5 punct PUNCT
"""


def test_the_organisations_kind_between_its_name_and_the_title_still_gives_the_organisation():
    """"Acme union boss Bo Lind": the union's boss."""
    pos, rels, _ = facts(ORG_KIND_BOSS)
    assert pos == {("Bo Lind", "boss", "Acme")}
    assert rels == {("Bo Lind", "Acme")}


ORG_POSSESSIVE = """
The 1 det DET
Acme 4 poss PROPN B-ORG
's 1 case PART
Ana 4 compound PROPN B-PERSON
Reyes 5 nsubj PROPN I-PERSON
spoke 5 ROOT VERB
. 5 punct PUNCT
"""


def test_an_organisations_possessive_on_a_name_is_who_the_person_acts_for():
    """"Acme's Ana Reyes": represents the organisation."""
    _, rels, _ = facts(ORG_POSSESSIVE)
    assert rels == {("Ana Reyes", "Acme")}

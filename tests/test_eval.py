"""kg eval without the model: scoring rules on hand-built graphs (records -> RDF -> a store in
memory), agreement with the independent scripts of ../shared/tools on the same graphs, bad input,
tables and JSON. Every expected figure below is counted by hand from the records and gold data
written here (comments show the count)."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
from kgrun import run_cli_in_process

from kg.errors import InputError
from kg.evaluate import combine, evaluate
from kg.evaluate.conll04 import load_conll04, score_conll04
from kg.evaluate.gold import score_gold
from kg.evaluate.gold_file import load_gold, parse_gold
from kg.evaluate.normalize import content_words, normalize_name, normalize_quote
from kg.evaluate.observed import read_observed
from kg.evaluate.polnear import load_polnear, score_polnear
from kg.evaluate.report import render, to_json
from kg.evaluate.scratch import scratch_store
from kg.rdf.mapping import extraction_to_graph
from kg.records import Document, Entity, Event, Evidence, Extraction, Position, Quotation, Relation


TOOLS = Path(__file__).resolve().parent.parent.parent / "shared" / "tools"
BASE = "http://example.org/kg/"


# -- helpers -----------------------------------------------------------------------------------

def ev(start: int = 0, rule: str = "test") -> Evidence:
    return Evidence(sentence="A sentence.", start=start, end=start + 10, rule=rule, confidence=0.9)


def built(*extractions: Extraction):
    store = scratch_store()
    store.add_graphs([extraction_to_graph(x, base=BASE) for x in extractions])
    return store


def tool(name: str):
    """A script of ../shared/tools imported by path (tests only; never copied)."""
    path = TOOLS / f"{name}.py"
    if not path.is_file():
        pytest.skip(f"{path} not found (the shared tools are present in CI)")
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def exported(store, tmp_path: Path, name: str = "graph.ttl") -> Path:
    from kg.output.export import export

    return export(store, tmp_path / name)


# -- normalisation -----------------------------------------------------------------------------

@pytest.mark.parametrize("name, key", [
    ("The Kremlin", "kremlin"),
    ("the  State   Department", "state department"),
    ("Russia's", "russia"),
    ("Russia\u2019s", "russia"),
    ("U.S.", "u.s"),
    ("Jamil N. Jaffer", "jamil n jaffer"),  # a dot counts only between two letters
    ("Al-Shabaab", "al-shabaab"),
    ("(Hamas)", "hamas"),
    ("President Trump", "president trump"),  # titles stay: a label with a title is not a clean name
    ("Theresa May", "theresa may"),  # "the" only as a word of its own
])
def test_normalize_name(name, key):
    assert normalize_name(name) == key


@pytest.mark.parametrize("text, norm", [
    ("\u201cWe must act,\u201d ", "we must act"),
    ("It's  done.", "its done"),
    ("  \u2018robust and reliable\u2019 ", "robust and reliable"),
])
def test_normalize_quote(text, norm):
    assert normalize_quote(text) == norm


def test_content_words_drop_stop_words_and_single_letters():
    assert content_words("He said that a deal would be \u201cvery close\u201d in 2 weeks.") == {"deal", "close", "weeks"}


# -- gold-file scoring on a hand-built graph ---------------------------------------------------

def p(key):
    return f"Person:{key}"


ANNA, CARL, HOLT, DANA = p("anna"), p("carl"), p("holt"), p("dana")
NORLAND, VESTA, OSLO, MINISTRY, STATE = "Country:norland", "Place:vesta", "Place:oslo", "Org:ministry", "Org:state"


@pytest.fixture(scope="module")
def handbuilt_store():
    entities = (
        Entity(ANNA, "Person", "Anna Berg", ("Berg",)),
        Entity(CARL, "Person", "Carl Holt", ("Holt",)),
        Entity(HOLT, "Person", "Holt"),  # a second node for Carl Holt: a duplicate
        Entity(DANA, "Person", "Dana Ruiz"),  # not in the gold file: spurious
        Entity(NORLAND, "Country", "Norland"),
        Entity(VESTA, "Place", "Vesta"),  # a Country in the gold file: wrong type
        Entity(OSLO, "Place", "Oslo"),
        Entity(MINISTRY, "Organization", "Ministry of Trade"),
        Entity(STATE, "Organization", "State"),  # listed in not_entities: junk
    )
    relations = (
        Relation(CARL, "metWith", ANNA, ev(1)),  # gold has anna metWith carl: symmetric hit
        Relation(ANNA, "represents", NORLAND, ev(2)),  # hit
        Relation(CARL, "represents", VESTA, ev(3)),  # hit (the ends match by name whatever the type)
        Relation(ANNA, "advises", CARL, ev(4)),  # gold has carl advises anna: wrong direction
        Relation(OSLO, "locatedIn", NORLAND, ev(5)),  # optional in gold: neither hit nor error
        Relation(DANA, "metWith", ANNA, ev(6)),  # unmapped end: a false positive
        Relation(HOLT, "spokeWith", ANNA, ev(7)),  # the duplicate node still matches carl: hit
        Relation(ANNA, "metWith", MINISTRY, ev(8), status="planned"),  # not asserted: not scored
    )
    positions = (
        Position(ANNA, "Foreign Minister", NORLAND, ev(10)),  # hit
        Position(CARL, "Trade Adviser", MINISTRY, ev(11)),  # hit (adviser = advisor)
        Position(HOLT, "Trade Adviser", MINISTRY, ev(12)),  # same reading as carl's: counted once
        Position(DANA, "Envoy", None, ev(13)),  # no country: a kg:role, not a post, so not scored
    )
    quotations = (
        Quotation("We will rebuild the bridge, and we will do it this year.", ANNA, "direct", ev(20)),
        Quotation("We will rebuild the bridge, and we will do it this year.", ANNA, "direct", ev(21)),  # same
        Quotation("Talks were useful.", HOLT, "direct", ev(22)),  # found, attributed through the duplicate
        Quotation("Meet the Nation", None, "direct", ev(23)),  # a not_quote and a false positive
        Quotation("The border stays open.", DANA, "direct", ev(24)),  # found, speaker unmapped
    )
    events = (
        Event("Meeting", (ANNA, CARL, DANA), ev(30), places=(OSLO,), date_text="Tuesday"),
        Event("Meeting", (ANNA, HOLT), ev(31), date_text="Monday"),  # same overlap, but no place nor date
        Event("PhoneCall", (ANNA, MINISTRY), ev(32), date="2025-03-05"),  # the gold date is the 4th
    )
    x = Extraction(Document("handbuilt", "Text."), entities, (), relations, positions, quotations, events)
    return built(x)


GOLD = {
    "document": {"id": "handbuilt", "text_file": "handbuilt.txt", "published": "2025-03-06"},
    "entities": [
        {"id": "anna", "type": "Person", "name": "Anna Berg", "aliases": ["Berg"]},
        {"id": "carl", "type": "Person", "name": "Carl Holt", "aliases": ["Holt"]},
        {"id": "norland", "type": "Country", "name": "Norland"},
        {"id": "vesta", "type": "Country", "name": "Vesta"},
        {"id": "oslo", "type": "Place", "name": "Oslo"},
        {"id": "ministry", "type": "Organization", "name": "the Ministry of Trade"},
        {"id": "eric", "type": "Person", "name": "Eric Moss", "aliases": ["Moss"]},
        {"id": "tarn", "type": "Place", "name": "Lake Tarn", "required": False},
    ],
    "not_entities": ["State"],
    "relations": [
        {"s": "anna", "p": "metWith", "o": "carl"},
        {"s": "anna", "p": "represents", "o": "norland"},
        {"s": "carl", "p": "represents", "o": "vesta"},
        {"s": "anna", "p": "spokeWith", "o": "carl"},
        {"s": "carl", "p": "advises", "o": "anna"},
        {"s": "oslo", "p": "locatedIn", "o": "norland", "required": False},
    ],
    "positions": [
        {"person": "anna", "title": "Foreign Minister", "of": "norland"},
        {"person": "carl", "title": "trade advisor", "of": "ministry"},
        {"person": "eric", "title": "Ambassador", "of": "vesta"},
    ],
    "quotes": [
        {"speaker": "anna", "text": "we will rebuild the bridge"},
        {"speaker": "carl", "text": "Talks were useful"},
        {"speaker": "norland", "text": "The border stays open"},
        {"speaker": "eric", "text": "Never again"},
    ],
    "not_quotes": ["Meet the Nation"],
    "events": [
        {"type": "Meeting", "participants": ["anna", "carl"], "place": ["oslo"], "date_text": "Tuesday"},
        {"type": "PhoneCall", "participants": ["anna", "ministry"], "date": "2025-03-04"},
        {"type": "Meeting", "participants": ["eric", "vesta"]},
    ],
}


@pytest.fixture(scope="module")
def handbuilt_eval(handbuilt_store):
    return score_gold(parse_gold(GOLD, "handbuilt.gold.json"), read_observed(handbuilt_store))


def test_entities_precision_recall_duplicates_spurious_types(handbuilt_eval):
    s = handbuilt_eval.section("entities")
    # 9 output actors, 2 spurious (Dana Ruiz, State); 7 required gold entities, Eric Moss missed.
    assert (s.score.correct, s.score.output, s.score.found, s.score.gold) == (7, 9, 6, 7)
    assert s.details["duplicates"] == {"carl": 2}
    assert s.details["spurious"] == ["Dana Ruiz", "State"]
    assert s.details["junk"] == ["State"]
    assert s.details["missed"] == ["eric"]
    # 6 gold entities matched, Vesta output as a Place instead of a Country.
    assert (s.rates["type_accuracy"].hits, s.rates["type_accuracy"].total) == (5, 6)
    assert s.details["wrong_type"] == ["vesta"]


def test_relations_symmetric_optional_unmapped(handbuilt_eval):
    s = handbuilt_eval.section("relations")
    # hits: metWith, represents x2, spokeWith; false positives: advises (direction), Dana's metWith.
    assert (s.score.correct, s.score.output, s.score.found, s.score.gold) == (4, 6, 4, 5)
    assert round(s.score.precision, 3) == 0.667 and s.score.recall == 0.8
    assert s.details["missed"] == [["advises", "carl", "anna"]]
    assert s.details["wrong"] == [["advises", "anna", "carl"]]
    assert s.details["unmapped_endpoints"] == 1
    parts = {k: (v.correct, v.output, v.found, v.gold) for k, v in s.parts.items()}
    assert parts == {"advises": (0, 1, 0, 1), "metWith": (1, 2, 1, 1), "represents": (2, 2, 2, 2),
                     "spokeWith": (1, 1, 1, 1)}  # locatedIn only hit an optional relation: no row


def test_positions_title_adviser_and_post(handbuilt_eval):
    s = handbuilt_eval.section("positions")
    assert (s.score.correct, s.score.output, s.score.found, s.score.gold) == (2, 2, 2, 3)
    assert s.details["missed"] == [["eric", "ambassador", "vesta"]]
    assert s.details["wrong"] == []


def test_quotes_found_attributed_false_positives(handbuilt_eval):
    s = handbuilt_eval.section("quotes")
    # 4 distinct output quotations (the repeated one counts once), 3 contain a gold fragment.
    assert (s.score.correct, s.score.output, s.score.found, s.score.gold) == (3, 4, 3, 4)
    assert (s.rates["attributed"].hits, s.rates["attributed"].total) == (2, 4)
    assert s.details["false_positives"] == 1
    assert s.details["not_quotes_output"] == 1


def test_events_found_place_date(handbuilt_eval):
    s = handbuilt_eval.section("events")
    # the Oslo meeting and the phone call are found; of 3 output events 2 match gold events.
    assert (s.score.correct, s.score.output, s.score.found, s.score.gold) == (2, 3, 2, 3)
    assert (s.rates["with_place"].hits, s.rates["with_date"].hits) == (2, 1)


def assert_agrees_with_kgscore(ours: dict, theirs: dict) -> None:
    """Every headline figure of ``kg eval`` (``ours``, JSON) equals kgscore.py's (``theirs``)."""
    for section, keys in {"entities": ("precision", "recall", "f1", "duplicates", "spurious", "missed"),
                          "relations": ("precision", "recall", "f1", "missed", "wrong", "unmapped_endpoints"),
                          "positions": ("precision", "recall", "f1"),
                          "quotes": ("precision", "recall", "f1", "false_positives", "not_quotes_output")}.items():
        for key in keys:
            assert ours[section][key] == theirs[section][key], (section, key)
    assert ours["entities"]["type_accuracy"]["rate"] == theirs["entities"]["type_accuracy"]
    assert ours["entities"]["output"] == theirs["entities"]["output"]
    assert ours["relations"]["correct"] == theirs["relations"]["tp"]
    assert ours["relations"]["output"] - ours["relations"]["correct"] == theirs["relations"]["fp"]
    assert {k: f"{v['found']}/{v['gold']}" for k, v in ours["relations"]["by_predicate"].items() if v["gold"]} \
        == theirs["relations"]["by_predicate"]
    # kgscore's "output" counts every output item; ours leaves out those that only match optional
    # gold items (they are not scored), and says how many there were
    assert ours["positions"]["correct"] == theirs["positions"]["tp"]
    assert ours["positions"]["output"] + ours["positions"]["optional_found"] == theirs["positions"]["output"]
    assert ours["quotes"]["attributed"]["rate"] == theirs["quotes"]["attributed"]
    assert ours["quotes"]["output"] + ours["quotes"]["optional_found"] == theirs["quotes"]["output"]
    events = ours["events"]
    assert f"{events['found']}/{events['gold']}" == theirs["events"]["found"]
    assert f"{events['with_place']['hits']}/{events['gold']}" == theirs["events"]["with_place"]


def test_agrees_with_kgscore_on_the_same_graph(handbuilt_store, handbuilt_eval, tmp_path):
    kgscore = tool("kgscore")
    theirs = kgscore.score(GOLD, kgscore.load_graph(str(exported(handbuilt_store, tmp_path))))
    assert_agrees_with_kgscore(handbuilt_eval.to_dict(), theirs)


# Optional items in every section (FORMAT.md: "required": false is neither a hit nor a false
# positive, and missing it costs nothing): the same graph against a copy of GOLD where one
# position, one quote and one event that the graph holds are optional, plus optional items the
# graph does not hold.
GOLD_OPTIONAL = json.loads(json.dumps(GOLD))
GOLD_OPTIONAL["positions"][1]["required"] = False  # carl's trade advisor post, which the graph holds
GOLD_OPTIONAL["positions"].append({"person": "anna", "title": "Envoy", "of": "vesta", "required": False})
GOLD_OPTIONAL["quotes"][1]["required"] = False  # "Talks were useful", which the graph holds
GOLD_OPTIONAL["quotes"].append({"speaker": "anna", "text": "Not said anywhere", "required": False})
GOLD_OPTIONAL["events"][1]["required"] = False  # the phone call, which the graph holds
GOLD_OPTIONAL["events"].append({"type": "PhoneCall", "participants": ["eric", "carl"], "required": False})


@pytest.fixture(scope="module")
def optional_eval(handbuilt_store):
    return score_gold(parse_gold(GOLD_OPTIONAL, "optional.gold.json"), read_observed(handbuilt_store))


def test_optional_positions_are_neither_hits_nor_false_positives(optional_eval):
    s = optional_eval.section("positions")
    # output readings: anna's Foreign Minister (hit) and carl's trade advisor (optional: not scored);
    # required gold: anna's (found) and eric's (missed)
    assert (s.score.correct, s.score.output, s.score.found, s.score.gold) == (1, 1, 1, 2)
    assert s.details["optional_found"] == 1 and s.details["wrong"] == []


def test_optional_quotes_are_neither_hits_nor_false_positives(optional_eval):
    s = optional_eval.section("quotes")
    # 4 distinct output quotations: the bridge and the border (hits), "Talks were useful" (optional:
    # not scored), "Meet the Nation" (false positive); required gold: bridge, border, "Never again"
    assert (s.score.correct, s.score.output, s.score.found, s.score.gold) == (2, 3, 2, 3)
    assert (s.rates["attributed"].hits, s.rates["attributed"].total) == (1, 3)  # only anna's
    assert s.details["false_positives"] == 1 and s.details["optional_found"] == 1


def test_optional_events_are_neither_hits_nor_false_positives(optional_eval):
    s = optional_eval.section("events")
    # 3 output events: the Oslo meeting (hit), the phone call (optional: not scored), the Monday
    # meeting (no gold event of its own); required gold: the Oslo meeting and eric's meeting
    assert (s.score.correct, s.score.output, s.score.found, s.score.gold) == (1, 2, 1, 2)
    assert (s.rates["with_place"].hits, s.rates["with_place"].total) == (1, 2)
    assert s.details["optional_found"] == 1


def test_optional_items_agree_with_kgscore(handbuilt_store, optional_eval, tmp_path):
    kgscore = tool("kgscore")
    theirs = kgscore.score(GOLD_OPTIONAL, kgscore.load_graph(str(exported(handbuilt_store, tmp_path))))
    assert_agrees_with_kgscore(optional_eval.to_dict(), theirs)


def test_a_node_matching_two_gold_entities_goes_to_its_canonical_name():
    gold = parse_gold({"document": {"text_file": "t.txt"}, "entities": [
        {"id": "kim", "type": "Person", "name": "Kim Lund", "aliases": ["Lund"]},
        {"id": "lund", "type": "Place", "name": "Lund City", "aliases": ["Lund Town"]}]}, "t.gold.json")
    # one vote each ("Lund Town" for the place, "Kim Lund" for the person): the canonical name decides.
    store = built(Extraction(Document("t", "T."), entities=(Entity("P:k", "Person", "Kim Lund", ("Lund Town",)),)))
    s = score_gold(gold, read_observed(store)).section("entities")
    assert s.details["missed"] == ["lund"] and s.score.found == 1


# -- reading gold files ------------------------------------------------------------------------

def write_gold(tmp_path: Path, data, name: str = "a.gold.json", text: str | None = "Anna Berg met Carl Holt.") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    if text is not None:
        (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    return path


def minimal(**changes) -> dict:
    data = {"document": {"text_file": "a.txt", "published": None},
            "entities": [{"id": "anna", "type": "Person", "name": "Anna Berg"}]}
    data.update(changes)
    return data


def test_load_gold_resolves_the_text_file_beside_it(tmp_path):
    gold = load_gold(write_gold(tmp_path, minimal()))
    assert gold.text_path == tmp_path / "a.txt" and gold.entities[0].required


@pytest.mark.parametrize("data, problem", [
    ("{not json", "invalid JSON"),
    ([1, 2], "must be a JSON object"),
    ({"entities": []}, "'document' must be a JSON object"),
    (minimal(entities=[]), "'entities' is empty"),
    (minimal(entities=[{"id": "x", "type": "Robot", "name": "X"}]), "type 'Robot' is not one of"),
    (minimal(relations=[{"s": "anna", "p": "metWith", "o": "bob"}]), "unknown entity 'bob'"),
    (minimal(relations=[{"s": "anna", "p": "likes", "o": "anna"}]), "predicate 'likes' is not one of"),
    (minimal(quotes=[{"speaker": "anna"}]), "needs a non-empty string 'text'"),
    (minimal(events=[{"type": "Meeting", "participants": []}]), "has no 'participants'"),
    (minimal(document={"text_file": "a.txt", "published": "March 4"}), "must be a date YYYY-MM-DD"),
    (minimal(entities=[{"id": "anna", "type": "Person", "name": "A", "required": "yes"}]), "'required' must be true or false"),
])
def test_bad_gold_files_name_the_file_and_the_problem(tmp_path, data, problem):
    path = write_gold(tmp_path, data)
    with pytest.raises(InputError) as err:
        load_gold(path)
    assert str(err.value).startswith(f"{path}: ") and problem in str(err.value)
    assert "\n" not in str(err.value)


def test_missing_gold_file_and_missing_document(tmp_path):
    with pytest.raises(InputError, match="no such gold file"):
        load_gold(tmp_path / "none.gold.json")
    path = write_gold(tmp_path, minimal(), text=None)
    with pytest.raises(InputError, match=r"a\.gold\.json: its document .*a\.txt does not exist"):
        load_gold(path)


def run_cli(args, capsys):
    import kg.commands.eval  # noqa: F401  (registers `kg eval`)

    return run_cli_in_process(args, capsys)


def test_cli_bad_gold_file_is_one_line_error(tmp_path, capsys):
    path = write_gold(tmp_path, minimal(relations=[{"s": "anna", "p": "metWith", "o": "bob"}]))
    code, out, err = run_cli(["eval", str(path)], capsys)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"kg: error: {path}: relation 1 refers to unknown entity 'bob'")


def test_cli_every_gold_file_is_checked_before_building(tmp_path, capsys):
    good = write_gold(tmp_path, minimal(), name="good.gold.json")
    code, _, err = run_cli(["eval", str(good), str(tmp_path / "missing.gold.json")], capsys)
    assert code == 1 and "missing.gold.json: no such gold file" in err


def test_cli_unknown_dataset(tmp_path, capsys):
    code, _, err = run_cli(["eval", "x.jsonl", "--dataset", "squad"], capsys)
    assert code == 1 and "--dataset 'squad': unknown dataset (expected one of gold, conll04, polnear, events)" in err


def test_cli_limit_is_for_dataset_splits(tmp_path, capsys):
    path = write_gold(tmp_path, minimal())
    code, _, err = run_cli(["eval", str(path), "--limit", "3"], capsys)
    assert code == 1 and "--limit 3: applies to conll04 and polnear splits, not to gold files" in err


@pytest.mark.parametrize("dataset, line, problem", [
    ("conll04", '{"id": "s1", "text": "A."}', "field 'relations' missing"),
    ("conll04", "not json", "invalid JSON"),
    ("polnear", '{"article": "a1", "text": "A.", "attributions": {}}', "field 'attributions' missing or not a list"),
])
def test_bad_dataset_lines_name_file_and_line(tmp_path, dataset, line, problem):
    path = tmp_path / "split.jsonl"
    path.write_text('\n' + line + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        evaluate([str(path)], dataset=dataset)
    assert str(err.value).startswith(f"{path}:2: ") and problem in str(err.value)


# -- CoNLL04 -----------------------------------------------------------------------------------

CONLL = [
    {"id": "c1", "text": "Ann Lee , an analyst at Norbank , said ...", "relations": [
        {"type": "Work_For", "head_text": "Ann Lee", "tail_text": "Norbank"},
        {"type": "Work_For", "head_text": "Eva Dahl", "tail_text": "the Norbank"},  # missed
        {"type": "Kill", "head_text": "Ann Lee", "tail_text": "Eva Dahl"}]},  # not scored
    {"id": "c2", "text": "Tarnby , Norland ...", "relations": [
        {"type": "Located_In", "head_text": "Tarnby", "tail_text": "Norland"}]},
    {"id": "c3", "text": "Norbank of Tarnby ...", "relations": [
        {"type": "OrgBased_In", "head_text": "Norbank", "tail_text": "Tarnby"},
        {"type": "Work_For", "head_text": "Ann Lee", "tail_text": "Norbank"}]},  # the same triple again
]


@pytest.fixture(scope="module")
def conll_store():
    def x(doc_id, entities, relations=(), positions=()):
        return Extraction(Document(doc_id, "T."), entities=entities, relations=relations, positions=positions)

    ann, bank, tarn, nor, bo, vg = ("P:ann", "O:bank", "L:tarn", "C:nor", "P:bo", "O:vg")
    return built(
        x("c1", (Entity(ann, "Person", "Ann Lee"), Entity(bank, "Organization", "Norbank"),
                 Entity(bo, "Person", "Bo Park"), Entity(vg, "Organization", "Vesta Group"), Entity(nor, "Country", "Norland")),
          relations=(Relation(bo, "represents", vg, ev(1)),  # Work_For, not in gold
                     Relation(ann, "represents", nor, ev(2))),  # a country: not Work_For
          positions=(Position(ann, "analyst", bank, ev(3)),)),  # Work_For by a post in an organisation
        x("c2", (Entity(tarn, "Place", "Tarnby"), Entity(nor, "Country", "Norland")),
          relations=(Relation(tarn, "locatedIn", nor, ev(4)),)),
        x("c3", (Entity(bank, "Organization", "Norbank"), Entity(tarn, "Place", "Tarnby")),
          relations=(Relation(bank, "locatedIn", tarn, ev(5)),)),
    )


def test_conll04_relation_scores(conll_store):
    ev_ = score_conll04(CONLL, read_observed(conll_store))
    counts = {s.name: (s.score.correct, s.score.output, s.score.found, s.score.gold) for s in ev_.sections}
    assert counts == {"Work_For": (1, 2, 1, 2), "Located_In": (1, 1, 1, 1), "OrgBased_In": (1, 1, 1, 1),
                      "all": (3, 4, 3, 4)}
    assert ev_.section("Work_For").details["missed"] == [["eva dahl", "norbank"]]


def test_conll04_agrees_with_score_datasets(conll_store, tmp_path):
    sd = tool("score_datasets")
    theirs, _ = sd.conll04(CONLL, sd.load_graph(str(exported(conll_store, tmp_path))))
    ours = score_conll04(CONLL, read_observed(conll_store)).to_dict()
    for kind in ("Work_For", "Located_In", "OrgBased_In", "all"):
        assert {k: ours[kind][k] for k in ("precision", "recall", "f1", "gold", "output")} == theirs[kind]


def test_conll04_limit(tmp_path):
    path = tmp_path / "conll.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in CONLL), encoding="utf-8")
    assert [r["id"] for r in load_conll04(path, limit=2)] == ["c1", "c2"]


# -- PolNeAR -----------------------------------------------------------------------------------

def attribution(source, content):
    return {"source": {"text": source} if source else None, "content": [{"text": content}]}


POLNEAR = [
    {"article": "a1", "annotator": "x", "text": "T.", "publication_date": "2016-05-01", "attributions": [
        attribution("Senator Jane Cole", "the tax plan will hurt farmers across the state"),
        attribution("He", "we cannot wait another year for roads"),
        attribution(None, "budget talks collapsed overnight"),
        attribution("The Post", "officials ignored the warnings")]},
    {"article": "a1", "annotator": "y", "text": "T.", "attributions": [  # second annotator: ignored
        attribution("Rex Moor", "something else entirely was said here")]},
]


@pytest.fixture(scope="module")
def polnear_store():
    jane, tom, post = "P:jane", "P:tom", "O:post"
    return built(Extraction(Document("a1", "T."), entities=(
        Entity(jane, "Person", "Jane Cole"), Entity(tom, "Person", "Tom Reed"), Entity(post, "Organization", "Washington Post")),
        quotations=(
            Quotation("The tax plan will hurt farmers", jane, "direct", ev(1)),  # 4 shared words with the first
            Quotation("We cannot wait another year", tom, "direct", ev(2)),  # found; source "He" names nobody
            Quotation("Officials ignored the warnings", post, "indirect", ev(3)),  # found; "Post" is right
            Quotation("The weather was fine", None, "direct", ev(4)),  # finds nothing
        )))


def test_polnear_content_and_speakers(polnear_store, tmp_path):
    path = tmp_path / "polnear.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in POLNEAR), encoding="utf-8")
    records = load_polnear(path)
    assert len(records) == 1 and records[0]["annotator"] == "x"
    s = score_polnear(records, read_observed(polnear_store, statements=True)).section("content")
    assert (s.score.correct, s.score.output, s.score.found, s.score.gold) == (3, 4, 3, 4)
    # counting every capitalised source word ("He", "The Post"): 3 scored, 2 right;
    # only real names (Jane Cole, Post): 2 scored, 2 right.
    named, proper = s.rates["named_speaker_accuracy"], s.rates["proper_name_speaker_accuracy"]
    assert (named.hits, named.total, proper.hits, proper.total) == (2, 3, 2, 2)


def test_polnear_agrees_with_score_datasets(polnear_store, tmp_path):
    sd = tool("score_datasets")
    records = POLNEAR[:1]
    theirs, _ = sd.polnear(records, sd.load_graph(str(exported(polnear_store, tmp_path))))
    ours = score_polnear(records, read_observed(polnear_store, statements=True)).to_dict()["content"]
    assert (ours["precision"], ours["recall"], ours["f1"], ours["output"], ours["gold"]) == (
        theirs["content_precision"], theirs["content_recall"], theirs["content_f1"], theirs["output"], theirs["gold"])
    assert ours["named_speaker_accuracy"]["rate"] == theirs["speaker_accuracy_named"]
    assert ours["named_speaker_accuracy"]["total"] == theirs["speaker_scored"]


# -- output ------------------------------------------------------------------------------------

def test_json_output_and_total_over_gold_files(handbuilt_eval):
    data = json.loads(to_json([handbuilt_eval, handbuilt_eval]))
    assert data["dataset"] == "gold" and len(data["results"]) == 2
    assert data["results"][0]["relations"]["recall"] == 0.8
    total = data["total"]["relations"]
    assert (total["correct"], total["output"], total["found"], total["gold"]) == (8, 12, 8, 10)
    assert total["by_predicate"]["metWith"]["output"] == 4
    assert combine([handbuilt_eval]).section("quotes").rates["attributed"].hits == 2


def test_tables_show_scores_and_escape_article_text():
    from rich.console import Console

    from kg.evaluate.metrics import Score
    from kg.evaluate.result import Evaluation, Section

    ev_ = Evaluation("gold", "x.gold.json", 1, (
        Section("entities", Score(3, 4, 3, 6), details={"spurious": ["[bold]Evil[/bold]", "Bell\x07"]}),))
    console = Console(record=True, width=200, color_system=None)
    render([ev_], console)
    text = console.export_text()
    row = next(line for line in text.splitlines() if "entities" in line and "│" in line)
    assert ["0.750", "0.500", "0.600", "3/4", "3/6"] == [c.strip() for c in row.split("│")[2:7]]
    assert "[bold]Evil[/bold]" in text and "Bell\\x07" in text and "\x07" not in text

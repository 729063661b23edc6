"""kg eval --dataset events: meetings and calls scored against contact-event annotations
(WikiEvents and RAMS shapes). Scoring rules are tested on records written here (no model); the
model tests run the real build on a three-record file written here (figures counted by hand)
and on the real splits of ../shared/eval/events (counts checked against the raw files)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from kgrun import run_cli_in_process

from kg.errors import InputError
from kg.evaluate.events import (CALL, MEETING, NOT_MEETING, UNSCORED, Predicted, gold_kind, head_word, is_named,
                                load_events, predicted_from_extraction, score_events)
from kg.evaluate.report import render, to_json
from kg.records import Document, Entity, Event, Evidence, Extraction, Relation



def ev() -> Evidence:
    return Evidence(sentence="A sentence.", start=0, end=10, rule="test", confidence=0.9)


def wiki(doc: str, start: int, sentence: str, type_: str, trigger: str, *args: tuple[str, str]) -> dict:
    return {"doc_id": doc, "sentence": sentence, "sentence_token_start": start, "id": f"{doc}-{start}-{trigger}",
            "type": type_, "trigger": {"text": trigger}, "arguments": [{"role": r, "text": t} for r, t in args]}


def rams(key: str, text: str, type_: str, trigger: str, *args: tuple[str, str]) -> dict:
    return {"doc_key": key, "text": text, "events": [
        {"type": type_, "trigger": {"text": trigger}, "arguments": [{"role": r, "text": t} for r, t in args]}]}


def write(tmp_path: Path, records: list, name: str = "split.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def run_cli(args, capsys):
    import kg.commands.eval  # noqa: F401  (registers `kg eval`)

    return run_cli_in_process(args, capsys)


# -- rules -------------------------------------------------------------------------------------

@pytest.mark.parametrize("type_, kind", [
    ("Contact.Contact.Meet", MEETING),
    ("Contact.RequestCommand.Meet", UNSCORED),  # a one-way act face to face
    ("contact.prevarication.meet", UNSCORED),
    ("contact.threatencoerce.correspondence", UNSCORED),
    ("contact.funeralvigil.meet", UNSCORED),
    ("contact.negotiate.meet", MEETING),
    ("contact.discussion.correspondence", CALL),
    ("Contact.Contact.Correspondence", CALL),
    ("Contact.Contact.Broadcast", NOT_MEETING),
    ("Contact.RequestCommand.Unspecified", NOT_MEETING),
    ("Contact.ThreatenCoerce.Unspecified", NOT_MEETING),
    ("contact.commandorder.n/a", NOT_MEETING),
    ("Contact.Contact.Unspecified", UNSCORED),
    ("contact.discussion.n/a", UNSCORED),
    ("contact.collaborate.n/a", UNSCORED),
])
def test_gold_kind(type_, kind):
    assert gold_kind(type_) == kind


@pytest.mark.parametrize("text, head, named", [
    ("Marco Rubio", "rubio", True),
    ("the Office of the Director of National Intelligence", "office", True),
    ("Norland's", "norland", True),
    ("U.S.", "u.s", True),
    ("He", "he", False),
    ("their", "their", False),
    ("officials", "officials", False),
])
def test_head_word_and_named(text, head, named):
    assert head_word(text) == head and is_named(text) is named


# -- reading -----------------------------------------------------------------------------------

def test_wikievents_events_of_one_sentence_are_one_unit(tmp_path):
    s1 = "Anna Berg met Carl Holt in Oslo."
    path = write(tmp_path, [
        wiki("d1", 0, s1, "Contact.Contact.Meet", "met", ("Participant", "Anna Berg"), ("Participant", "Carl Holt"),
             ("Place", "Oslo"), ("Topic", "trade")),
        wiki("d1", 0, s1, "Contact.Contact.Broadcast", "said", ("Communicator", "Berg")),
        wiki("d2", 0, s1, "Contact.Contact.Meet", "met"),  # same text, another document: another unit
    ])
    units = load_events(path)
    assert [u.id for u in units] == ["d1-s0", "d2-s0"]
    first = units[0]
    assert first.text == s1 and first.kind == MEETING
    assert [e.kind for e in first.events] == [MEETING, NOT_MEETING]
    assert first.events[0].participants == ("Anna Berg", "Carl Holt")  # Topic is not a participant
    assert first.events[0].places == ("Oslo",) and first.events[0].trigger == "met"
    assert len(load_events(path, limit=1)) == 1


def test_rams_documents_with_the_same_text_are_one_unit(tmp_path):
    text = "Ann Lee phoned Bo Chen . Later she said so on TV ."
    path = write(tmp_path, [
        rams("k1", text, "contact.discussion.correspondence", "phoned", ("participant", "Ann Lee"),
             ("participant", "Bo Chen")),
        rams("k2", text, "contact.mediastatement.broadcast", "said", ("communicator", "she")),
        rams("k3", "Nothing here .", "contact.discussion.n/a", "talk"),
    ])
    units = load_events(path)
    assert [u.id for u in units] == ["k1", "k3"]
    assert [e.kind for e in units[0].events] == [CALL, NOT_MEETING] and units[0].kind == CALL
    assert units[1].kind == UNSCORED


@pytest.mark.parametrize("line, problem", [
    ('{"id": "x", "text": "A."}', "record 2: neither a WikiEvents event"),
    ('{"doc_key": "k", "text": "A.", "events": [{"trigger": "met"}]}', "record 2: an event without a 'type'"),
    ('{"doc_key": "k", "text": "A.", "events": [{"type": "contact.x.meet", "arguments": {}}]}',
     "record 2: 'arguments' is not a list"),
])
def test_bad_records_name_file_and_record(tmp_path, line, problem):
    good = json.dumps(rams("k0", "A .", "contact.discussion.meet", "met"))
    path = tmp_path / "bad.jsonl"
    path.write_text(good + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_events(path)
    assert str(err.value).startswith(f"{path}: ") and problem in str(err.value)


def test_cli_bad_events_file_is_one_line_error(tmp_path, capsys):
    path = tmp_path / "x.jsonl"
    path.write_text('{"id": 1}\n', encoding="utf-8")
    code, out, err = run_cli(["eval", str(path), "--dataset", "events"], capsys)
    assert code == 1 and out == ""
    assert "record 1: neither a WikiEvents event" in err and "Traceback" not in err
    code, _, err = run_cli(["eval", str(tmp_path / "missing.jsonl"), "--dataset", "events"], capsys)
    assert code == 1 and "missing.jsonl: no such events file" in err


# -- what kg found -------------------------------------------------------------------------------

def test_predicted_reads_asserted_events_and_relations_only():
    ents = (Entity("Person:Anna Berg", "Person", "Anna Berg", ("Berg",)), Entity("Person:Carl Holt", "Person", "Carl Holt"),
            Entity("Place:Oslo", "Place", "Oslo"), Entity("Person:Dan Moe", "Person", "Dan Moe"))
    ex = Extraction(Document("d", "..."), entities=ents,
                    events=(Event("Meeting", ("Person:Anna Berg", "Person:Carl Holt"), ev(), places=("Place:Oslo",)),),
                    relations=(Relation("Person:Anna Berg", "spokeWith", "Person:Dan Moe", ev(), status="planned"),))
    p = predicted_from_extraction(ex)
    assert p.found == {MEETING}  # the planned call is not a call
    assert p.words(MEETING, "participants") == {"anna", "berg", "carl", "holt"}
    assert p.words(MEETING, "places") == {"oslo"} and p.words(CALL, "participants") == frozenset()
    only_rel = predicted_from_extraction(Extraction(Document("e", "..."), entities=ents, relations=(
        Relation("Person:Anna Berg", "spokeWith", "Person:Dan Moe", ev()),)))
    assert only_rel.found == {CALL} and "moe" in only_rel.words(CALL, "participants")


# -- scores --------------------------------------------------------------------------------------

UNITS = [
    wiki("a", 0, "U1", "Contact.Contact.Meet", "met", ("Participant", "Foreign Minister Anna Berg"),
         ("Participant", "Carl Holt"), ("Participant", "he"), ("Place", "Oslo")),
    wiki("a", 9, "U2", "Contact.Contact.Meet", "talks", ("Participant", "Eva Lund"), ("Place", "Bergen")),
    wiki("a", 20, "U3", "Contact.Contact.Correspondence", "phoned", ("Participant", "Dan Moe")),
    wiki("b", 0, "U4", "Contact.Contact.Broadcast", "said", ("Communicator", "the ministry")),
    wiki("b", 7, "U5", "Contact.ThreatenCoerce.Unspecified", "warned", ("Communicator", "Norland")),
    wiki("b", 15, "U6", "Contact.Contact.Unspecified", "talked", ("Participant", "Ola Ree")),
    wiki("b", 30, "U7", "Contact.RequestCommand.Meet", "asked", ("Recipient", "Ola Ree")),
]


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    path = write(tmp_path_factory.mktemp("events"), UNITS)
    units = load_events(path)
    predicted = {
        # U1: a meeting with Berg and Holt in Oslo
        "a-s0": Predicted(frozenset({MEETING}), {MEETING: frozenset({"anna", "berg", "carl", "holt"})},
                          {MEETING: frozenset({"oslo"})}),
        # U2: nothing.  U3: a meeting where the gold has a call (wrong kind)
        "a-s20": Predicted(frozenset({MEETING}), {MEETING: frozenset({"dan", "moe"})}, {}),
        # U4: a spurious meeting in a broadcast sentence.  U5: nothing.
        "b-s0": Predicted(frozenset({MEETING}), {}, {}),
        # U6: unscored: a meeting there counts neither way
        "b-s15": Predicted(frozenset({MEETING}), {}, {}),
        # U7: unscored (a request made face to face): neither way, but counted in any_act_detection
        "b-s30": Predicted(frozenset({MEETING}), {}, {}),
    }
    return score_events(units, predicted, source=str(path), documents=len(units))


def test_meeting_detection_precision_and_recall(scored):
    s = scored.section("meetings").score
    # gold meetings U1, U2 -> found U1: 1/2; kg meetings in scored units U1, U3, U4 -> right in U1: 1/3
    assert (s.found, s.gold, s.correct, s.output) == (1, 2, 1, 3)
    assert scored.section("meetings").details["spurious"] == [["a-s20", CALL], ["b-s0", NOT_MEETING]]
    assert scored.section("meetings").details["missed"] == [["a-s9", "talks"]]


def test_participants_and_places(scored):
    rates = scored.section("meetings").rates
    # Berg (head of "Foreign Minister Anna Berg") and Holt found, Eva Lund not; "he" is not scored
    assert (rates["participant_recall"].hits, rates["participant_recall"].total) == (2, 3)
    assert scored.section("meetings").details["unnamed_participants_not_scored"] == 1
    assert (rates["place_recall"].hits, rates["place_recall"].total) == (1, 2)  # Oslo yes, Bergen no
    assert scored.section("meetings").details["detected_by_type"] == {"contact.meet": "1/2"}
    any_act = rates["any_act_detection"]
    assert (any_act.hits, any_act.total) == (2, 3)  # mode meet: U1 yes, U2 no, U7 yes


def test_calls_and_any_contact(scored):
    calls = scored.section("calls")
    assert (calls.score.found, calls.score.gold, calls.score.output) == (0, 1, 0)
    assert (calls.rates["any_contact"].hits, calls.rates["any_contact"].total) == (1, 1)  # kg saw a meeting there
    assert calls.rates["participant_recall"].hits == 0  # Moe is among meeting participants, not call ones


def test_meetings_where_gold_has_none(scored):
    rate = scored.section("not_meetings").rates["with_kg_meeting"]
    assert (rate.hits, rate.total) == (1, 2)  # U4 of U4, U5
    assert scored.section("not_meetings").details["with_kg_meeting_units"] == ["b-s0"]
    gold = scored.section("gold").details
    assert gold["events"] == 7 and gold["event_kinds"] == {MEETING: 2, CALL: 1, NOT_MEETING: 2, UNSCORED: 2}


def test_json_and_tables(scored):
    from rich.console import Console

    data = json.loads(to_json([scored]))["results"][0]
    assert data["dataset"] == "events" and data["meetings"]["recall"] == 0.5
    assert data["meetings"]["participant_recall"] == {"rate": 0.667, "hits": 2, "total": 3}
    console = Console(record=True, width=200)
    render([scored], console)
    text = console.export_text()
    assert "meetings" in text and "0.333" in text and "not_meetings with kg meeting" in text


# -- with the real model -------------------------------------------------------------------------

HAND = [
    wiki("h1", 0, "Foreign Minister Anna Berg met Carl Holt in Oslo on Monday.", "Contact.Contact.Meet", "met",
         ("Participant", "Anna Berg"), ("Participant", "Carl Holt"), ("Place", "Oslo")),
    wiki("h2", 0, "Prime Minister Lena Dahl spoke by phone with President Omar Kell on Tuesday.",
         "Contact.Contact.Correspondence", "spoke", ("Participant", "Lena Dahl"), ("Participant", "President Omar Kell")),
    wiki("h3", 0, "The Norland finance ministry said in a statement that exports rose.", "Contact.Contact.Broadcast",
         "said", ("Communicator", "The Norland finance ministry")),
]


@pytest.mark.model
def test_hand_written_file_end_to_end(tmp_path, capsys):
    path = write(tmp_path, HAND)
    code, out, err = run_cli(["eval", str(path), "--dataset", "events", "--json", "--export", str(tmp_path / "ttl")],
                             capsys)
    assert code == 0, err
    r = json.loads(out)["results"][0]
    assert r["documents"] == 3
    # one meeting (h1), found, with both participants and its place; the call (h2) found;
    # no meeting in the broadcast sentence (h3)
    assert (r["meetings"]["found"], r["meetings"]["gold"], r["meetings"]["correct"], r["meetings"]["output"]) == (1, 1, 1, 1)
    assert r["meetings"]["participant_recall"]["hits"] == 2 and r["meetings"]["place_recall"]["hits"] == 1
    assert (r["calls"]["found"], r["calls"]["gold"]) == (1, 1)
    assert r["calls"]["participant_recall"] == {"rate": 1.0, "hits": 2, "total": 2}
    assert r["not_meetings"]["with_kg_meeting"] == {"rate": 0.0, "hits": 0, "total": 1}
    assert (tmp_path / "ttl" / "split.ttl").stat().st_size > 0


def _figures(section: dict):
    for k, v in section.items():
        if k in ("precision", "recall", "f1", "rate"):
            yield v
        elif isinstance(v, dict):
            yield from _figures(v)


@pytest.mark.model
def test_real_wikievents_split(shared_eval, capsys):
    path = shared_eval / "events" / "wikievents_dev_contact.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} not found (the events data is present in CI)")
    raw = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    units = load_events(path)
    assert sum(len(u.events) for u in units) == len(raw)
    assert len(units) == len({(r["doc_id"], r["sentence"]) for r in raw})
    meetings = sum(r["type"] == "Contact.Contact.Meet" for r in raw)
    code, out, err = run_cli(["eval", str(path), "--dataset", "events", "--json"], capsys)
    assert code == 0, err
    r = json.loads(out)["results"][0]
    assert r["documents"] == len(units) and r["meetings"]["gold"] == meetings
    assert r["gold"]["events"] == len(raw)
    figures = list(_figures(r))
    assert figures and all(0.0 <= x <= 1.0 for x in figures)


def test_real_rams_split_is_read(shared_eval):
    path = shared_eval / "events" / "rams_dev_contact.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} not found (the events data is present in CI)")
    raw = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    units = load_events(path)
    assert sum(len(u.events) for u in units) == sum(len(r["events"]) for r in raw)
    assert len(units) == len({r["text"] for r in raw})
    assert sum(e.kind == MEETING for u in units for e in u.events) == sum(
        e["type"] in ("contact.discussion.meet", "contact.negotiate.meet", "contact.collaborate.meet")
        for r in raw for e in r["events"])

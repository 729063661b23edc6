"""Score meetings and phone calls against contact-event annotations (WikiEvents and RAMS, JSON
Lines as in shared/eval/events/).

Two shapes are read, recognised record by record:

* WikiEvents: one event per line, ``{doc_id, sentence, type, trigger, arguments:[{role, text}]}``
  with KAIROS types ``Contact.<act>.<mode>`` (``Contact.Contact.Meet``, ``Contact.RequestCommand.
  Unspecified``, ...). The unit scored is the sentence (the ``sentence`` text of one ``doc_id``).
* RAMS: one document per line, ``{doc_key, text, events:[{type, trigger, arguments}]}`` with types
  ``contact.<act>.<mode>`` (``contact.discussion.meet``, ``contact.threatencoerce.n/a``, ...). The
  unit scored is the document text.

Records with the same text are one unit (their events are pooled); each unit is built as one
document by the library's build (:func:`kg.evaluate.scratch.build_records`) and compared with the
extraction of that document.

What a gold event is (:func:`gold_kind`), decided by its act, then its mode:

* a two-way act (:data:`MEETING_ACTS`: ``Contact.Contact``, discussion, negotiation,
  collaboration) in mode ``meet`` (face to face) -> ``Meeting``; in mode ``correspondence``
  (phone, letter, e-mail) -> ``PhoneCall``;
* mode ``broadcast`` (any act) -> ``not-a-meeting``; a one-way act (:data:`ONE_WAY_ACTS`: requests,
  commands, threats, statements, promises, lies) with no mode (``Unspecified``, ``n/a``) ->
  ``not-a-meeting``;
* anything else -> ``unscored``: it counts neither way. That is a two-way act with no mode
  (``Contact.Contact.Unspecified``: may or may not be a meeting), and a one-way act done face to
  face or by phone (``contact.prevarication.meet``: a lie told in a debate, ``contact.
  commitmentpromiseexpressintent.meet``: a vow): kg is not expected to find a meeting in "X vowed",
  nor wrong to find one where people were together. Their detection is still reported
  (``any_act_detection``, below).

What kg outputs in a unit: an asserted ``kg:Meeting`` event or ``metWith`` relation ("kg found a
meeting"), an asserted ``kg:PhoneCall`` event or ``spokeWith`` relation ("kg found a call").

Scores, per kind (``meetings``, ``calls``):

* recall (``found/gold``): gold events of that kind in a unit where kg found one of that kind;
* precision (``correct/output``): units where kg found one, over units whose gold is of that kind,
  another kind or ``not-a-meeting`` (other units are left out). A unit is a Meeting unit when it has
  a gold meeting, else a PhoneCall unit when it has a call, else ``not-a-meeting`` when all its
  events are, else ``unscored``;
* ``participant_recall``: named participant arguments (roles participant, communicator, recipient)
  of gold events of that kind whose head word is a word of a participant of kg's events or
  relations of that kind in the unit. The head word is the last word of the normalised name
  (:func:`kg.evaluate.normalize.normalize_name`) before any " of " ("Helen Marsh" -> "marsh",
  "the Office of the Director" -> "office"). Arguments with no capitalised word other than
  pronouns and articles ("he", "their", "officials") are not scored: kg names actors, it does not resolve pronouns;
  their number is reported;
* ``place_recall``: place arguments whose head word is a word of a place of kg's events of that
  kind in the unit;
* ``any_contact``: gold events of that kind where kg found a meeting or a call;
* ``any_act_detection``: every gold event in mode ``meet`` (for meetings) or ``correspondence``
  (for calls), whatever its act, where kg found one of that kind.

Section ``not_meetings``: of the units whose events are all ``not-a-meeting``, the share where kg
found a meeting (``with_kg_meeting``) or a call (``with_kg_call``); lower is better.

RAMS annotates one event per document: a meeting kg finds in another sentence of the document can
be real yet count against precision, so RAMS precision is a lower bound.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..errors import InputError
from ..records import Extraction
from .metrics import Rate, Score
from .normalize import normalize_name
from .result import Evaluation, Section
from .splits import read_split

__all__ = ["MEETING", "CALL", "NOT_MEETING", "UNSCORED", "MEETING_ACTS", "ONE_WAY_ACTS", "GoldEvent", "Unit", "Predicted",
           "gold_kind", "head_word", "is_named", "load_events", "predicted_from_extraction", "score_events",
           "evaluate_events"]

MEETING, CALL, NOT_MEETING, UNSCORED = "Meeting", "PhoneCall", "not-a-meeting", "unscored"
#: Two-way acts: in mode meet they are meetings, in mode correspondence calls.
MEETING_ACTS = frozenset({"contact", "discussion", "negotiate", "collaborate"})
#: One-way acts: not meetings when the annotation gives no mode; unscored face to face or by phone.
ONE_WAY_ACTS = frozenset({"requestcommand", "threatencoerce", "commandorder", "requestadvise", "mediastatement",
                          "publicstatementinperson", "prevarication", "commitmentpromiseexpressintent"})
#: Argument roles that are participants, and the role of places (lower case).
PARTICIPANT_ROLES = frozenset({"participant", "communicator", "recipient"})
PLACE_ROLE = "place"
#: Capitalised words that do not name anyone.
NOT_NAMES = frozenset("i me my we us our you your he him his she her it its they them their this that these those "
                      "who whom the a an".split())
#: Predicates and event types of each kind, as kg outputs them.
_KG = {MEETING: ("Meeting", "metWith"), CALL: ("PhoneCall", "spokeWith")}
_SECTIONS = {MEETING: "meetings", CALL: "calls"}
_MODES = {"meet": MEETING, "correspondence": CALL}


@dataclass(frozen=True)
class GoldEvent:
    """One annotated contact event: its dataset ``type``, scored ``kind`` and arguments' texts."""

    type: str
    kind: str
    trigger: str
    participants: tuple[str, ...]
    places: tuple[str, ...]

    @property
    def mode(self) -> str:
        """The last part of the type (``meet``, ``correspondence``, ``broadcast``, ...), lower case."""
        return self.type.lower().rsplit(".", 1)[-1]

    @property
    def act(self) -> str:
        """The type without its leading ``contact.`` (``discussion.meet``), lower case."""
        return self.type.lower().split(".", 1)[-1]


@dataclass(frozen=True)
class Unit:
    """A sentence (WikiEvents) or document (RAMS) with its gold events."""

    id: str
    text: str
    events: tuple[GoldEvent, ...]

    @property
    def kind(self) -> str:
        """Meeting, PhoneCall, not-a-meeting (every event is one) or unscored."""
        kinds = {e.kind for e in self.events}
        for k in (MEETING, CALL):
            if k in kinds:
                return k
        return NOT_MEETING if kinds == {NOT_MEETING} else UNSCORED


@dataclass(frozen=True)
class Predicted:
    """What kg found in one unit, per kind: whether it found one, the words of the participants'
    names and of the places' names."""

    found: frozenset[str] = frozenset()
    participant_words: dict | None = None
    place_words: dict | None = None

    def words(self, kind: str, what: str) -> frozenset[str]:
        table = (self.participant_words if what == "participants" else self.place_words) or {}
        return table.get(kind, frozenset())


def gold_kind(event_type: str) -> str:
    """The kind scored for a dataset event type (rules in the module docstring).

    >>> gold_kind("Contact.Contact.Meet"), gold_kind("contact.discussion.correspondence")
    ('Meeting', 'PhoneCall')
    >>> gold_kind("Contact.RequestCommand.Unspecified"), gold_kind("contact.mediastatement.broadcast")
    ('not-a-meeting', 'not-a-meeting')
    >>> gold_kind("Contact.Contact.Unspecified"), gold_kind("contact.prevarication.meet")
    ('unscored', 'unscored')
    """
    parts = event_type.lower().split(".")
    act, mode = (parts + ["", "", ""])[1:3]
    if mode == "broadcast" or (act in ONE_WAY_ACTS and mode not in _MODES):
        return NOT_MEETING
    if act in MEETING_ACTS and mode in _MODES:
        return _MODES[mode]
    return UNSCORED


def head_word(text: str) -> str:
    """The word a participant or place is matched by: the last word of its normalised name,
    before any " of ".

    >>> head_word("Foreign Minister Anna Berg"), head_word("the Office of the Director"), head_word("Norland's")
    ('berg', 'office', 'norland')
    """
    words = normalize_name(text).split(" of ")[0].split()
    return words[-1] if words else ""


def is_named(text: str) -> bool:
    """Whether an argument names someone: it has a capitalised word that is not a pronoun or article.

    >>> is_named("Anna Berg"), is_named("He"), is_named("their"), is_named("officials")
    (True, False, False, False)
    """
    return any(w[:1].isupper() and w.casefold().strip(".,'\u2019") not in NOT_NAMES for w in text.split())


def _event(path: Path, n: int, raw: dict) -> GoldEvent:
    if not isinstance(raw, dict) or not isinstance(raw.get("type"), str):
        raise InputError(f"{path}: record {n}: an event without a 'type' string; "
                         "expected WikiEvents or RAMS JSON Lines as in shared/eval/README.md")
    args = raw.get("arguments", [])
    args = [] if args is None else args
    if not isinstance(args, list):
        raise InputError(f"{path}: record {n}: 'arguments' is not a list; expected [{{role, text}}, ...]")
    parts, places = [], []
    for a in args:
        if not isinstance(a, dict) or not isinstance(a.get("text"), str):
            continue
        role = str(a.get("role", "")).lower()
        if role in PARTICIPANT_ROLES:
            parts.append(a["text"])
        elif role == PLACE_ROLE:
            places.append(a["text"])
    trigger = raw.get("trigger")
    trigger = trigger.get("text", "") if isinstance(trigger, dict) else str(trigger or "")
    return GoldEvent(raw["type"], gold_kind(raw["type"]), trigger, tuple(parts), tuple(places))


def load_events(path: str | Path, *, limit: int | None = None) -> list[Unit]:
    """The units of a WikiEvents or RAMS contact split (the first ``limit`` units when given).

    Raises
    ------
    InputError
        Naming the file (and record) when it is missing, not JSON Lines, or a record has neither shape.
    """
    path = Path(path)
    records = read_split(path, dataset="events", fields={})
    texts: dict[tuple[str, str], str] = {}
    events: dict[str, list[GoldEvent]] = defaultdict(list)
    order: list[str] = []
    for n, rec in enumerate(records, 1):
        if isinstance(rec.get("sentence"), str) and "type" in rec:  # WikiEvents: one event per line
            doc, text, raw = str(rec.get("doc_id", "")), rec["sentence"], [rec]
            unit_id = f"{doc}-s{rec.get('sentence_token_start', n)}" if doc else f"record-{n}"
        elif isinstance(rec.get("text"), str) and isinstance(rec.get("events"), list):  # RAMS: a document
            doc, text, raw = "", rec["text"], rec["events"]
            unit_id = str(rec.get("doc_key") or f"record-{n}")
        else:
            raise InputError(f"{path}: record {n}: neither a WikiEvents event (sentence, type, trigger, arguments) "
                             "nor a RAMS document (text, events); expected contact events as in shared/eval/README.md")
        key = (doc, text)
        if key not in texts:
            texts[key] = unit_id
            order.append(unit_id)
        events[texts[key]].extend(_event(path, n, r) for r in raw)
    text_of = {uid: text for (_, text), uid in texts.items()}
    units = [Unit(uid, text_of[uid], tuple(events[uid])) for uid in order]
    return units[:limit] if limit else units


def _name_words(ex: Extraction, key: str) -> set[str]:
    try:
        entity = ex.entity(key)
    except KeyError:
        return set()
    return {w for name in (entity.name, *entity.aliases) for w in normalize_name(name).split()}


def predicted_from_extraction(ex: Extraction) -> Predicted:
    """The meetings and calls kg found in one document (asserted events and relations only)."""
    found: set[str] = set()
    people: dict[str, set[str]] = defaultdict(set)
    places: dict[str, set[str]] = defaultdict(set)
    for kind, (event_type, predicate) in _KG.items():
        for e in ex.events:
            if e.type == event_type and e.status == "asserted":
                found.add(kind)
                for k in e.participants:
                    people[kind] |= _name_words(ex, k)
                for k in e.places:
                    places[kind] |= _name_words(ex, k)
        for r in ex.relations:
            if r.predicate == predicate and r.status == "asserted":
                found.add(kind)
                people[kind] |= _name_words(ex, r.subject) | _name_words(ex, r.object)
    return Predicted(frozenset(found), {k: frozenset(v) for k, v in people.items()},
                     {k: frozenset(v) for k, v in places.items()})


def _kind_section(kind: str, units: list[Unit], predicted: dict[str, Predicted]) -> Section:
    nothing = Predicted()
    found = gold = correct = output = 0
    people, places, contact, any_act = (Rate(0, 0, if_empty=0.0) for _ in range(4))
    mode = next(m for m, k in _MODES.items() if k == kind)
    unnamed = 0
    by_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    missed, spurious = [], []
    for unit in units:
        pred = predicted.get(unit.id, nothing)
        if kind in pred.found and unit.kind != UNSCORED:
            output += 1
            if unit.kind == kind:
                correct += 1
            else:
                spurious.append([unit.id, unit.kind])
        who, where = pred.words(kind, "participants"), pred.words(kind, "places")
        for e in unit.events:
            if e.mode == mode:
                any_act += Rate(int(kind in pred.found), 1)
            if e.kind != kind:
                continue
            gold += 1
            hit = kind in pred.found
            found += hit
            by_type[e.act][0] += hit
            by_type[e.act][1] += 1
            contact += Rate(int(bool(pred.found)), 1)
            if not hit:
                missed.append([unit.id, e.trigger])
            for p in e.participants:
                if is_named(p):
                    people += Rate(int(head_word(p) in who), 1)
                else:
                    unnamed += 1
            for p in e.places:
                places += Rate(int(head_word(p) in where), 1)
    details: dict[str, object] = {"unnamed_participants_not_scored": unnamed,
                                  "detected_by_type": {t: f"{h}/{n}" for t, (h, n) in sorted(by_type.items())},
                                  "missed": missed, "spurious": spurious}
    return Section(_SECTIONS[kind], Score(correct, output, found, gold, recall_if_no_gold=0.0),
                   rates={"participant_recall": people, "place_recall": places, "any_contact": contact,
                          "any_act_detection": any_act},
                   details=details)


def score_events(units: list[Unit], predicted: dict[str, Predicted], *, source: str = "",
                 documents: int = 0) -> Evaluation:
    """Meetings and calls: detection precision/recall, participant and place recall, and how often
    kg finds a meeting where the gold has none (rules in the module docstring).

    ``predicted`` maps unit ids to what kg found there (a unit missing from it found nothing).
    """
    sections = [_kind_section(MEETING, units, predicted), _kind_section(CALL, units, predicted)]
    negatives = [u for u in units if u.kind == NOT_MEETING]
    nothing = Predicted()
    rates = {f"with_kg_{name}": Rate(sum(kind in predicted.get(u.id, nothing).found for u in negatives),
                                     len(negatives), if_empty=0.0)
             for kind, name in ((MEETING, "meeting"), (CALL, "call"))}
    spurious = [u.id for u in negatives if MEETING in predicted.get(u.id, nothing).found]
    sections.append(Section("not_meetings", rates=rates, details={"with_kg_meeting_units": spurious}))
    counts = Counter(e.kind for u in units for e in u.events)
    sections.append(Section("gold", details={
        "units": len(units), "events": sum(counts.values()),
        "event_kinds": {k: counts[k] for k in (MEETING, CALL, NOT_MEETING, UNSCORED) if counts[k]},
        "unit_kinds": dict(Counter(u.kind for u in units))}))
    return Evaluation("events", source, documents, tuple(sections))


def evaluate_events(path: str | Path, *, limit: int | None = None, model: str | None = None,
                    export_to: str | Path | None = None, on_document: Callable | None = None) -> Evaluation:
    """Build every unit of a WikiEvents or RAMS contact split into a scratch store and score its
    meetings and calls.

    Raises
    ------
    InputError
        When the split is missing or in neither shape.
    """
    from .scratch import build_records

    if limit is not None and limit < 1:
        raise InputError(f"--limit {limit}: expected a positive number of documents")
    units = load_events(path, limit=limit)
    predicted: dict[str, Predicted] = {}

    def seen(ex: Extraction) -> None:
        predicted[ex.document.id] = predicted_from_extraction(ex)
        if on_document:
            on_document(ex)

    _, report = build_records([{"id": u.id, "text": u.text} for u in units], model=model, export_to=export_to,
                              on_document=seen)
    return score_events(units, predicted, source=str(path), documents=report.documents)

"""Builds over a corpus: streaming input, batched store writes, resume, interruption, progress and
the final summary (kg.pipeline.build, kg.pipeline.parallel, kg.commands.progress, kg build)."""
from __future__ import annotations

import io
import json
from itertools import count

import pytest
from build_support import WIRE, assert_same_graphs, export_nquads, named_graphs, wire_records, write_jsonl

from kg.pipeline.build import BuildReport, build_into
from kg.pipeline.parallel import SERIAL_BATCH, batches, serial_extractions
from kg.commands.progress import BuildProgress, count_documents, summary_lines
from kg.ingest.problems import ReadProblem
from kg.records import Document
from kg.storage.disk import open_store
from kg.rdf.iri import mint_article_iri

N = len(wire_records())


def articles(st) -> list[str]:
    return sorted(r["id"].value for r in st.query("SELECT ?id WHERE { ?a a kg:Article ; kg:documentId ?id }"))


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """wire.jsonl built in one go with one worker: the graph other builds must reproduce."""
    d = tmp_path_factory.mktemp("reference")
    st = open_store(d / "store")
    try:
        report = build_into(st, [str(WIRE)])
    finally:
        st.close()
    return report, export_nquads(d / "store", d / "reference.nq")


# -- input and batching without the model ---------------------------------------------------------

def test_batches_reads_its_input_lazily():
    pulled = count()
    source = (next(pulled) for _ in range(10**9))  # endless: a list would never finish
    first = next(batches(source, 5))
    assert first == [0, 1, 2, 3, 4]
    assert next(pulled) == 5  # nothing beyond the first batch was read


def test_batches_rejects_a_size_below_one():
    with pytest.raises(ValueError, match="at least 1, got 0"):
        list(batches([1], 0))


def test_count_documents_counts_lines_and_files_without_parsing(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("one", encoding="utf-8")
    (tmp_path / "sub" / "b.html").write_text("<p>two</p>", encoding="utf-8")
    (tmp_path / "sub" / "c.jsonl").write_text('{"text": "x"}\n{"text": "y"}\nnot json, still a line', encoding="utf-8")
    (tmp_path / "notes.csv").write_text("ignored", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("ignored", encoding="utf-8")
    assert count_documents([str(tmp_path)]) == 5
    assert count_documents([str(tmp_path / "sub" / "c.jsonl"), str(tmp_path / "a.txt")]) == 4


@pytest.mark.parametrize("paths", [["-"], ["does/not/exist.jsonl"]])
def test_count_documents_is_unknown_for_stdin_and_missing_paths(paths):
    assert count_documents(paths) is None


def test_summary_counts_agree_in_number_with_their_nouns():
    r = BuildReport(documents=1, unchanged=0, words=10, entities=1, relations=1, positions=1, events=1,
                    quotations=1, triples=1, seconds=1.0)
    first, = summary_lines(r)
    assert first == ("built 1 document (0 unchanged, 0 skipped) in 1.0 s, 10 words/s: 1 entity, 1 relation, "
                     "1 position, 1 event, 1 quotation; 1 triple written")


def test_summary_lists_counts_and_every_skipped_item_with_its_reason():
    r = BuildReport(documents=3, unchanged=2, words=1200, entities=9, relations=4, positions=2, events=1,
                    quotations=5, triples=321, seconds=2.0)
    r.problems += [ReadProblem("in.jsonl:4", "invalid JSON (Expecting value at column 1)"),
                   ReadProblem("dir/scan.pdf", "unsupported file type '.pdf'")]
    first, *rest = summary_lines(r)
    assert first == ("built 3 documents (2 unchanged, 2 skipped) in 2.0 s, 600 words/s: 9 entities, 4 relations, "
                     "2 positions, 1 event, 5 quotations; 321 triples written")
    assert rest == ["skipped in.jsonl:4: invalid JSON (Expecting value at column 1)",
                    "skipped dir/scan.pdf: unsupported file type '.pdf'"]


def test_progress_bar_on_a_terminal_shows_documents_rate_and_total(tmp_path):
    from rich.console import Console

    src = write_jsonl(tmp_path / "in.jsonl", [{"id": str(i), "text": "x"} for i in range(4)])
    out = io.StringIO()
    progress = BuildProgress([str(src)], console=Console(file=out, force_terminal=True, width=120))
    with progress:
        progress.counter.join(5)
        for done in range(1, 5):
            progress(BuildReport(documents=done, words=1000 * done, seconds=1.0))
    text = out.getvalue()
    assert "4/4" in text  # documents done / total counted from the file's lines
    assert "words/s" in text and "ETA" in text


def test_no_progress_bar_when_the_console_is_not_a_terminal(tmp_path):
    from rich.console import Console

    out = io.StringIO()
    with BuildProgress(["-"], console=Console(file=out)) as progress:
        progress(BuildReport(documents=1, words=10))
    assert not progress.enabled
    assert out.getvalue() == ""


# -- builds with the model ------------------------------------------------------------------------

@pytest.mark.model
def test_serial_engine_reads_one_batch_ahead_at_most():
    pulled = count()

    def documents():
        for i in range(10**9):
            next(pulled)
            yield Document(id=f"d{i}", text=f"Anna Berg met Carl Holt in Oslo on day {i}.")

    first = next(serial_extractions(documents()))
    assert first.document.id == "d0"
    assert next(pulled) == SERIAL_BATCH  # only the first batch was pulled from the endless input


@pytest.mark.model
def test_reference_build_counts(reference):
    report, nq = reference
    assert report.documents == N and report.unchanged == 0 and not report.problems
    assert report.batches == 1  # 12 documents fit in one transaction of the default size
    quads = sum(len(g) for g in named_graphs(nq).values())
    assert report.triples == quads
    assert report.words == sum(len(r["text"].split()) for r in wire_records())


@pytest.mark.model
def test_surname_is_resolved_against_persons_of_earlier_documents(reference):
    graphs = named_graphs(reference[1])
    g = graphs[mint_article_iri("wire-011")]
    people = {str(s) for s, p, o in g if str(p).endswith("#metWith")} | {
        str(o) for s, p, o in g if str(p).endswith("#metWith")}
    # "Mr Holm met Ms Lindqvist": full names come from wire-001 and wire-003.
    assert people == {"https://w3id.org/kg-news/id/person/lars-holm",
                      "https://w3id.org/kg-news/id/person/eva-lindqvist"}


@pytest.mark.model
def test_store_is_written_batch_by_batch_during_the_build(tmp_path):
    st = open_store(tmp_path / "store")
    seen_in_store = []
    try:
        report = build_into(st, [str(WIRE)], batch_docs=5,
                            on_document=lambda ex: seen_in_store.append(len(articles(st))))
    finally:
        st.close()
    # When document i (1-based) is extracted, the batches of 5 before it are already committed.
    assert seen_in_store == [(i - 1) // 5 * 5 for i in range(1, N + 1)]
    assert report.batches == 3


@pytest.mark.model
def test_second_run_writes_nothing(tmp_path, reference):
    st = open_store(tmp_path / "store")
    try:
        first = build_into(st, [str(WIRE)])
        size = len(st)
        again = build_into(st, [str(WIRE)])
        assert len(st) == size
    finally:
        st.close()
    assert first.documents == N
    assert (again.documents, again.unchanged, again.triples, again.batches) == (0, N, 0, 0)
    assert_same_graphs(export_nquads(tmp_path / "store", tmp_path / "twice.nq"), reference[1])


@pytest.mark.model
def test_interrupted_build_keeps_whole_articles_and_a_rerun_completes_it(tmp_path, reference):
    st = open_store(tmp_path / "store")

    def interrupt(ex):
        if ex.document.id == "wire-007":
            raise KeyboardInterrupt

    try:
        with pytest.raises(KeyboardInterrupt):
            build_into(st, [str(WIRE)], batch_docs=3, on_document=interrupt)
        kept = articles(st)
    finally:
        st.close()
    # Batches of 3 were committed for 1-6; the 7th was complete when the interruption came.
    assert kept == [f"wire-{i:03d}" for i in range(1, 8)]
    partial = named_graphs(export_nquads(tmp_path / "store", tmp_path / "partial.nq"))
    full = named_graphs(reference[1])
    from rdflib.compare import isomorphic

    assert all(isomorphic(g, full[name]) for name, g in partial.items())  # no half-written article

    st = open_store(tmp_path / "store")
    try:
        rest = build_into(st, [str(WIRE)])
    finally:
        st.close()
    assert (rest.documents, rest.unchanged) == (N - 7, 7)
    assert_same_graphs(export_nquads(tmp_path / "store", tmp_path / "resumed.nq"), reference[1])


@pytest.mark.model
def test_first_half_then_everything_equals_one_build(tmp_path):
    records = wire_records()
    src = tmp_path / "archive.jsonl"
    write_jsonl(src, records[: N // 2])
    st = open_store(tmp_path / "resumed")
    try:
        half = build_into(st, [str(src)])
        write_jsonl(src, records)  # the archive grew, or the first run was cut short
        rest = build_into(st, [str(src)])
    finally:
        st.close()
    st = open_store(tmp_path / "oneshot")
    try:
        build_into(st, [str(src)])
    finally:
        st.close()
    assert half.documents == N // 2
    assert (rest.documents, rest.unchanged) == (N - N // 2, N // 2)
    assert_same_graphs(export_nquads(tmp_path / "resumed", tmp_path / "resumed.nq"),
                       export_nquads(tmp_path / "oneshot", tmp_path / "oneshot.nq"))


@pytest.mark.model
def test_changed_document_is_rebuilt_and_replaces_its_old_graph(tmp_path):
    records = wire_records()
    src = write_jsonl(tmp_path / "archive.jsonl", records)
    st = open_store(tmp_path / "store")
    try:
        build_into(st, [str(src)])
        records[6] = {**records[6], "text": "Weather\n\nSnow is expected in the mountains on Saturday."}
        write_jsonl(src, records)
        again = build_into(st, [str(src)])
        texts = [r["s"].value for r in st.query(
            "SELECT ?s WHERE { GRAPH ?g { ?a kg:documentId 'wire-007' . ?e kg:article ?a ; kg:sentence ?s } }")]
        sums = [r["c"].value for r in st.query("SELECT ?c WHERE { ?a kg:documentId 'wire-007' ; kg:checksum ?c }")]
    finally:
        st.close()
    assert (again.documents, again.unchanged) == (1, N - 1)
    assert len(sums) == 1  # one version of the article, not two
    assert not any("Rain" in t for t in texts)


@pytest.mark.model
def test_article_left_with_two_checksums_by_a_cut_short_replacement_is_rebuilt(tmp_path):
    import pyoxigraph as ox

    src = write_jsonl(tmp_path / "in.jsonl", wire_records()[:2])
    st = open_store(tmp_path / "store")
    try:
        build_into(st, [str(src)])
        (row,) = st.query("SELECT ?a WHERE { ?a kg:documentId 'wire-002' }")
        checksum = ox.NamedNode("https://w3id.org/kg-news/ontology#checksum")
        st.add_quads([ox.Quad(row["a"], checksum, ox.Literal("0" * 64), row["a"])])  # an old version's
        again = build_into(st, [str(src)])
        sums = [r["c"].value for r in st.query("SELECT ?c WHERE { ?a kg:documentId 'wire-002' ; kg:checksum ?c }")]
    finally:
        st.close()
    assert (again.documents, again.unchanged) == (1, 1)
    assert len(sums) == 1 and sums[0] != "0" * 64


@pytest.mark.model
def test_bad_records_are_skipped_with_reasons_and_the_rest_is_built(tmp_path):
    lines = [json.dumps(r) for r in wire_records()[:3]]
    lines.insert(1, "{not json")
    lines.insert(3, json.dumps({"id": "empty", "text": "  "}))
    src = tmp_path / "mixed.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    st = open_store(tmp_path / "store")
    try:
        report = build_into(st, [str(src)])
        kept = articles(st)
    finally:
        st.close()
    assert kept == ["wire-001", "wire-002", "wire-003"]
    assert [p.source for p in report.problems] == [f"{src}:2", f"{src}:4"]
    assert "invalid JSON" in report.problems[0].reason and "'text'" in report.problems[1].reason


@pytest.mark.model
def test_document_longer_than_the_model_accepts_is_skipped(tmp_path, nlp, monkeypatch):
    records = wire_records()[:2]
    monkeypatch.setattr(nlp, "max_length", len(records[0]["text"]) - 1)
    src = write_jsonl(tmp_path / "in.jsonl", records)
    st = open_store(tmp_path / "store")
    try:
        report = build_into(st, [str(src)])
    finally:
        st.close()
    assert report.documents == 1
    (problem,) = report.problems
    assert problem.source == f"{src}:1" and "document too long" in problem.reason and "split it" in problem.reason


@pytest.mark.model
def test_too_long_document_keeps_its_place_in_the_results(nlp, monkeypatch):
    from kg.pipeline.parallel import iter_extractions

    docs = [Document("a", "Anna Berg met Carl Holt."), Document("b", "x " * 60), Document("c", "It rained.")]
    monkeypatch.setattr(nlp, "max_length", 100)
    results = list(iter_extractions(docs))
    assert [type(r).__name__ for r in results] == ["Extraction", "ReadProblem", "Extraction"]
    assert [results[0].document.id, results[2].document.id] == ["a", "c"]


@pytest.mark.model
def test_rule_failure_on_one_document_skips_only_that_document(tmp_path, monkeypatch):
    import kg.nlp.extract as extract

    real = extract.extract_from_doc

    def failing_on_wire_002(doc, document):
        if document.id == "wire-002":
            raise ValueError("rule blew up")
        return real(doc, document)

    monkeypatch.setattr(extract, "extract_from_doc", failing_on_wire_002)
    src = write_jsonl(tmp_path / "in.jsonl", wire_records()[:3])
    st = open_store(tmp_path / "store")
    try:
        report = build_into(st, [str(src)])
        kept = articles(st)
    finally:
        st.close()
    assert kept == ["wire-001", "wire-003"]
    (problem,) = report.problems
    assert problem.source == f"{src}:2"
    assert problem.reason.startswith("extraction failed (ValueError: rule blew up)")


def _name_list_sentence(n: int) -> str:
    """One sentence naming ``n`` made-up people: about 14 characters and 1 ms of parsing each."""
    syllables = "ka ri mo len sa vi tor an el ba du ne".split()
    names = [f"{syllables[i % 12].capitalize()}{syllables[i // 12 % 12]} {syllables[i // 144 % 12].capitalize()}"
             f"{syllables[i % 7]}{syllables[i % 11]}" for i in range(n)]
    return "Foreign Minister Anna Berg met " + ", ".join(names) + " in Geneva on Monday.\n"


@pytest.mark.model
@pytest.mark.parametrize("workers", [1, 2])
def test_document_over_the_time_limit_is_skipped_and_the_build_goes_on(tmp_path, workers):
    records = wire_records()[:3]
    records.insert(1, {"id": "name-list", "text": _name_list_sentence(8000)})  # seconds to parse
    src = write_jsonl(tmp_path / "in.jsonl", records)
    st = open_store(tmp_path / "store")
    try:
        report = build_into(st, [str(src)], doc_timeout=1.0, workers=workers)
        kept = articles(st)
    finally:
        st.close()
    assert kept == ["wire-001", "wire-002", "wire-003"]
    (problem,) = report.problems
    assert problem.source == f"{src}:2"
    assert problem.reason.startswith("took longer than 1 s to parse and extract (--doc-timeout): skipped")


def test_evidence_text_is_cut_and_its_offsets_cover_the_whole_sentence():
    """A meeting stated in a sentence of about 3,000 characters: the evidence keeps the offsets of
    the whole sentence and at most EVIDENCE_CHARS characters of its text, ending in an ellipsis."""
    from handbuilt import context, make_doc

    from kg.nlp.index import EVIDENCE_CHARS
    from kg.nlp.extract import extract_from_doc
    from kg.rdf.mapping import extraction_to_graph
    from kg.rdf.namespace import KG

    rows = ["Anna 1 compound PROPN B-PERSON", "Berg 2 nsubj PROPN I-PERSON", "met 2 ROOT VERB",
            "Carl 4 compound PROPN B-PERSON", "Holt 2 dobj PROPN I-PERSON"]
    rows += [f"again{i} 2 advmod ADV" for i in range(400)] + [". 2 punct PUNCT"]
    doc = make_doc("\n".join(rows))
    assert len(doc.text) > 3 * EVIDENCE_CHARS
    ev = context(doc).evidence(doc[0:len(doc)], "meet-verb", 0.85)
    assert (ev.start, ev.end) == (0, len(doc.text.rstrip()))
    assert len(ev.sentence) == EVIDENCE_CHARS and ev.sentence.endswith("…")
    assert doc.text.startswith(ev.sentence[:-1])

    ex = extract_from_doc(doc, Document("long", doc.text))
    assert [(r.subject, r.predicate, r.object) for r in ex.relations if r.predicate == "metWith"]
    g = extraction_to_graph(ex, base="http://ex.org/")
    sentences = [str(o) for o in g.objects(None, KG.sentence)]
    assert sentences and all(len(s) <= EVIDENCE_CHARS for s in sentences)


# -- the command ----------------------------------------------------------------------------------

@pytest.mark.model
def test_cli_prints_summary_and_skipped_items_and_exits_3(tmp_path, capsys):
    from kg.cli import main

    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(wire_records()[0]) + "\n[1, 2]\n", encoding="utf-8")
    code = main(["build", str(src), "--store", str(tmp_path / "store")])
    err = capsys.readouterr().err
    assert code == 3
    assert f"kg: skipped {src}:2: expected a JSON object" in err
    assert "built 1 document (0 unchanged, 1 skipped)" in err
    assert "\x1b[" not in err and "\r" not in err  # stderr is not a terminal here: no progress bar


@pytest.mark.model
def test_cli_quiet_keeps_only_the_skipped_items(tmp_path, capsys):
    from kg.cli import main

    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(wire_records()[0]) + "\n{oops\n", encoding="utf-8")
    code = main(["build", str(src), "--store", str(tmp_path / "store"), "--quiet"])
    err = capsys.readouterr().err
    assert code == 3
    assert err.splitlines() == [f"kg: skipped {src}:2: invalid JSON (Expecting property name enclosed in double quotes at column 2)"]


@pytest.mark.parametrize("args, message", [
    (["--engine", "spark"], "--engine 'spark': expected one of local, dask"),
    (["--engine", "dask"], "--engine dask needs --scheduler tcp://HOST:PORT"),
    (["--scheduler", "tcp://127.0.0.1:8786"], "only used with --engine dask"),
    (["--engine", "dask", "--scheduler", "tcp://127.0.0.1:8786", "--workers", "2"], "the local engine's option"),
    (["--push", "http://127.0.0.1:7878", "--out", "g.ttl"], "drop --store, --out and --html"),
    (["--doc-timeout", "nan"], "--doc-timeout"),
    (["--doc-timeout", "inf"], "--doc-timeout inf: expected a number of seconds"),
])
def test_cli_rejects_inconsistent_engine_options(tmp_path, capsys, args, message):
    from kg.cli import main

    src = write_jsonl(tmp_path / "in.jsonl", wire_records()[:1])
    code = main(["build", str(src), *args])
    assert code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "kg-store").exists()


@pytest.mark.model
def test_limit_reads_only_the_first_documents_of_json_lines_and_directories(tmp_path, capsys):
    from kg.cli import main

    store = tmp_path / "store"
    assert main(["build", str(WIRE), "--store", str(store), "--limit", "3"]) == 0
    assert "built 3 documents (0 unchanged, 0 skipped)" in capsys.readouterr().err
    st = open_store(store, read_only=True)
    try:
        assert articles(st) == sorted(r["id"] for r in wire_records()[:3])
    finally:
        st.close()
    # again with a larger limit: the first three are unchanged, the next two are built
    assert main(["build", str(WIRE), "--store", str(store), "--limit", "5"]) == 0
    assert "built 2 documents (3 unchanged, 0 skipped)" in capsys.readouterr().err

    folder = tmp_path / "inbox"
    folder.mkdir()
    for name, who in [("c", "Carl Holt"), ("a", "Anna Berg"), ("b", "Bo Lind")]:
        (folder / f"{name}.txt").write_text(f"{who} met Eva Ruud in Oslo on Monday.", encoding="utf-8")
    assert main(["build", str(folder), "--store", str(tmp_path / "store2"), "--limit", "2"]) == 0
    assert "built 2 documents" in capsys.readouterr().err
    st = open_store(tmp_path / "store2", read_only=True)
    try:
        assert articles(st) == ["a", "b"]  # a folder is read in sorted order
    finally:
        st.close()


def test_limit_below_one_is_a_usage_error(tmp_path, capsys):
    from kg.cli import main

    (tmp_path / "a.txt").write_text("Anna Berg met Carl Holt.", encoding="utf-8")
    assert main(["build", str(tmp_path / "a.txt"), "--store", str(tmp_path / "s"), "--limit", "0"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == "kg: error: --limit 0: expected a whole number of documents above 0"
    assert not (tmp_path / "s").exists()


@pytest.mark.model
def test_build_says_where_out_and_html_were_written(tmp_path, capsys):
    from kg.cli import main

    assert main(["build", str(WIRE), "--store", str(tmp_path / "store"), "--limit", "1",
                 "--out", str(tmp_path / "g.ttl"), "--html", str(tmp_path / "g.html")]) == 0
    err = capsys.readouterr().err.splitlines()
    assert f"wrote {tmp_path / 'g.ttl'} (the whole store)" in err
    html_line = [line for line in err if line.startswith(f"wrote {tmp_path / 'g.html'} (the actor graph")]
    assert len(html_line) == 1 and "actors" in html_line[0]
    assert (tmp_path / "g.ttl").stat().st_size > 0 and (tmp_path / "g.html").stat().st_size > 0


def test_progress_goes_on_while_the_writer_is_busy(tmp_path):
    """The progress callback counts documents as they are extracted, so a bar keeps moving while the
    writer thread is busy (it used to stand still at each batch write). Here the writer is held at
    the first document until progress has counted three documents."""
    import threading

    src = write_jsonl(tmp_path / "in.jsonl", wire_records())
    release = threading.Event()
    best = [0]  # most documents seen by progress while the writer had mapped at most one

    def progress(report):
        if report.documents <= 1:
            best[0] = max(best[0], report.seen)
            if best[0] >= 3:
                release.set()

    def on_document(ex):
        if ex.document.id == "wire-001":
            release.wait(timeout=20)

    st = open_store(tmp_path / "store")
    try:
        report = build_into(st, [str(src)], batch_docs=4, progress=progress, on_document=on_document)
    finally:
        st.close()
    assert report.documents == N
    assert release.is_set(), f"progress counted at most {best[0]} document(s) while the writer was held"

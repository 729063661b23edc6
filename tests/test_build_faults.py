"""Faults of the build found by attacking kg (issue 18): a write that fails on the last batch, a bad
base IRI, worker processes outliving a killed build, colliding document ids, a disk that fills up
at the final flush, exports on a full disk, a store left behind when nothing was built.

Real processes throughout: the ``kg`` command in a subprocess, a real small tmpfs where the test
can mount one (as root), else a real write error (a file size limit) at the same place.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.errors import EXIT_ERROR, EXIT_INTERRUPTED
from kgrun import BASE, assert_reported, kg_command, kg_env, make_hand_store, run_kg, write_news_jsonl

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "geneva-talks.txt"


def article_ids(store: Path) -> list[str]:
    from kg.storage.disk import open_store

    st = open_store(store, read_only=True)
    return sorted(r["id"].value for r in st.query("SELECT ?id WHERE { ?a a kg:Article ; kg:documentId ?id }"))


def _mount_tmpfs(where: Path, size: str) -> bool:
    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True).returncode == 0


@pytest.fixture
def small_disk(tmp_path):
    """A real 6 MB file system (tmpfs), or skip when this user cannot mount one."""
    disk = tmp_path / "disk"
    if not _mount_tmpfs(disk, "6m"):
        pytest.skip("cannot mount a tmpfs here (needs root); the file-size-limit tests cover the same code")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], capture_output=True)


# -- 1. the last batch's write fails: an error, never a hang ----------------------------------------

@pytest.mark.model
def test_build_pushing_to_an_unreachable_endpoint_fails_at_once(tmp_path):
    """The only batch is the last one: its write failed after the end marker was taken, and the
    writer then waited for a second end marker forever."""
    res = run_kg("build", EXAMPLE, "--push", "http://127.0.0.1:1/store", cwd=tmp_path, timeout=120)
    assert_reported(res, EXIT_ERROR, "http://127.0.0.1:1/store", "connection refused")


def test_a_base_iri_that_is_no_iri_is_one_line_before_anything_is_read(tmp_path):
    res = run_kg("build", EXAMPLE, "--store", "st", cwd=tmp_path, timeout=120,
                 env=kg_env(KG_BASE_IRI="http://ex.org/a b"))
    assert_reported(res, EXIT_ERROR, "KG_BASE_IRI 'http://ex.org/a b/'", "which an IRI cannot hold")
    assert "does not look like a valid URI" not in res.err  # no flood of rdflib warnings
    assert not (tmp_path / "st").exists()  # and no empty store left behind


def _fill_disk(disk: Path, tmp_path: Path, feed: str, tables_share: float) -> None:
    """Fill ``disk`` so that a new store has room for its fixed files plus ``tables_share`` times
    the size of the tables a build of ``feed`` writes (measured by building it there first). The
    store's write-ahead log takes about 1.9 times the size of the tables (measured with these
    made-up articles): below 1.6 the batches cannot be written, from 3 the final flush succeeds."""
    ref = disk / "ref"
    assert run_kg("build", feed, "--store", ref, "-q", cwd=tmp_path).code == 0
    tables = sum(p.stat().st_size for p in ref.glob("*.sst"))
    fixed = (ref / "LOG").stat().st_size + max(p.stat().st_size for p in ref.glob("OPTIONS-*")) + 4096
    shutil.rmtree(ref)
    free = shutil.disk_usage(disk).free
    (disk / "filler").write_bytes(b"\0" * (free - int(fixed + tables_share * tables)))


@pytest.mark.model
def test_the_last_batch_failing_on_a_full_disk_is_reported(tmp_path):
    """20 articles are one batch, the last: its write fails after the writer has taken the end
    marker, and the writer then waited for a second one forever. Now: the disk-full error."""
    disk = tmp_path / "disk"
    if not _mount_tmpfs(disk, "16m"):
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        write_news_jsonl(tmp_path / "news.jsonl", 20)
        _fill_disk(disk, tmp_path, "news.jsonl", 0.5)
        res = run_kg("build", "news.jsonl", "--store", disk / "st", "-q", cwd=tmp_path, timeout=240)
        assert_reported(res, EXIT_ERROR, str(disk / "st"), "write to the store failed", "No space left on device")
        (disk / "filler").unlink()
        res = run_kg("build", "news.jsonl", "--store", disk / "st", "-q", cwd=tmp_path, timeout=240)
        assert res.code == 0, res.err  # with room again, the build completes
        assert len(article_ids(disk / "st")) == 20
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def test_writer_error_wins_over_a_later_interruption(tmp_path, monkeypatch):
    """The writer fails while extraction goes on; Ctrl-C then arrives in the first stage. The
    user must see the writer's error, not only "interrupted"."""
    import sys
    import threading

    from kg.pipeline.build import _run
    from kg.pipeline.resolve import IdentityIndex
    from kgrun import hand_extraction

    failed = threading.Event()

    class FullDiskSink:
        def identities(self, base):
            return IdentityIndex(base)

        def is_built(self, doc):
            return False

        def write(self, graphs, merges=()):
            failed.set()
            raise OSError(28, "No space left on device")

        def close(self, report=None):
            pass

    def engine(documents, **kw):
        yield hand_extraction(1)  # the writer fails writing it (batches of one document)
        assert failed.wait(30)
        raise KeyboardInterrupt  # the user presses Ctrl-C during the next extraction

    # the build engine is looked up in kg.pipeline.build at run time
    monkeypatch.setattr(sys.modules["kg.pipeline.build"], "_extractions", lambda documents, **kw: engine(documents))
    (tmp_path / "a.txt").write_text("Anna Berg met Carl Holt.")
    with pytest.raises(OSError, match="No space left") as info:
        _run(FullDiskSink(), [str(tmp_path / "a.txt")], batch_docs=1)
    assert isinstance(info.value.__context__ or info.value.__cause__, KeyboardInterrupt)


# -- 17. a final flush that fails after every article was committed ---------------------------------

@pytest.mark.model
@pytest.mark.slow
def test_final_flush_failing_says_every_article_was_committed(tmp_path):
    """The batches fit in the store's log, the final flush into its tables does not: the message
    says what was kept (everything), and the articles are there when the store is reopened."""
    disk = tmp_path / "disk"
    if not _mount_tmpfs(disk, "16m"):
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        write_news_jsonl(tmp_path / "news.jsonl", 40)
        _fill_disk(disk, tmp_path, "news.jsonl", 2.4)  # room for the log, not for the tables
        res = run_kg("build", "news.jsonl", "--store", disk / "st", "-q", cwd=tmp_path)
        assert_reported(res, EXIT_ERROR, str(disk / "st"), "every article of this build was committed (40 built")
        assert "write to the store failed" not in res.err and "No space left on device" in res.err
        assert len(article_ids(disk / "st")) == 40  # readable now, as the message says
        (disk / "filler").unlink()
        res = run_kg("build", "news.jsonl", "--store", disk / "st", cwd=tmp_path)  # and kept when reopened
        assert res.code == 0 and "(40 unchanged" in res.err, res.err
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def test_a_failed_flush_does_not_hide_the_error_of_the_build(tmp_path):
    """When the build fails (here: every document bad), closing the store must not replace that
    error, and the new, empty store directory is removed."""
    (tmp_path / "bad.jsonl").write_text('{"id": "x"}\n')
    res = run_kg("build", "bad.jsonl", "--store", "st", cwd=tmp_path)
    assert res.code == EXIT_ERROR and "record has no 'text'" in res.err, res.err
    assert not (tmp_path / "st").exists()


def test_an_existing_store_is_never_removed(tmp_path):
    make_hand_store(tmp_path / "st", 2)
    (tmp_path / "bad.jsonl").write_text('{"id": "x"}\n')
    assert run_kg("build", "bad.jsonl", "--store", "st", cwd=tmp_path).code == EXIT_ERROR
    assert (tmp_path / "st" / "CURRENT").exists() and len(article_ids(tmp_path / "st")) == 2


def test_empty_existing_store_directory_is_kept(tmp_path):
    (tmp_path / "st").mkdir()  # made by the user: theirs to remove
    (tmp_path / "bad.jsonl").write_text('{"id": "x"}\n')
    assert run_kg("build", "bad.jsonl", "--store", "st", cwd=tmp_path).code == EXIT_ERROR
    assert (tmp_path / "st").is_dir()


# -- 3. document ids that collided in article IRIs --------------------------------------------------

COLLIDING = ["Report 1", "report-1", "report_1", "report.1", "новость-7", "статья-7",
             "https://news.example/" + "a" * 120 + "/one", "https://news.example/" + "a" * 120 + "/two"]


@pytest.mark.model
def test_colliding_ids_are_distinct_articles_and_resume_counts_them(tmp_path):
    feed = tmp_path / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as fh:
        for i, doc_id in enumerate(COLLIDING):
            fh.write(json.dumps({"id": doc_id, "text": f"Anna Berg {i} met Carl Holt in Oslo."}) + "\n")
    res = run_kg("build", feed, "--store", "st", "-q", cwd=tmp_path)
    assert res.code == 0, res.err
    from kg.storage.disk import open_store

    st = open_store(tmp_path / "st", read_only=True)
    rows = st.query("SELECT ?g ?id WHERE { GRAPH ?g { ?g a kg:Article ; kg:documentId ?id } }")
    graphs = {}
    for r in rows:
        graphs.setdefault(r["g"].value, set()).add(r["id"].value)
    assert sorted(i for ids in graphs.values() for i in ids) == sorted(COLLIDING)
    assert all(len(ids) == 1 for ids in graphs.values()), graphs  # one article per graph
    del st
    res = run_kg("build", feed, "--store", "st", cwd=tmp_path)  # resume counts every one as built
    assert res.code == 0 and f"built 0 documents ({len(COLLIDING)} unchanged" in res.err, res.err


@pytest.mark.model
def test_non_latin_file_names_are_distinct_documents(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "новость.txt").write_text("Anna Berg met Carl Holt in Oslo.", encoding="utf-8")
    (tmp_path / "in" / "статья.txt").write_text("Maria Novak met Jonas Rossi in Vienna.", encoding="utf-8")
    res = run_kg("build", "in", "--store", "st", "-q", cwd=tmp_path)
    assert res.code == 0, res.err
    assert article_ids(tmp_path / "st") == ["новость", "статья"]


@pytest.mark.model
def test_rebuilding_replaces_the_graph_of_the_old_iri_scheme(tmp_path):
    """A store built before article IRIs carried a hash: building an article again removes its
    graph under the old IRI (when no other document shares it) instead of keeping both."""
    import pyoxigraph as ox

    from kg.rdf.iri import legacy_article_iri, mint_article_iri
    from kg.storage.disk import open_store

    kg_ns = "https://w3id.org/kg-news/ontology#"

    def legacy_article(doc_id: str, *ids: str) -> list:
        g = ox.NamedNode(legacy_article_iri(doc_id, BASE))
        quads = [ox.Quad(g, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                         ox.NamedNode(kg_ns + "Article"), g)]
        quads += [ox.Quad(g, ox.NamedNode(kg_ns + "documentId"), ox.Literal(i), g) for i in ids]
        quads += [ox.Quad(g, ox.NamedNode(kg_ns + "checksum"), ox.Literal("0" * 64), g)]
        return quads

    st = open_store(tmp_path / "st")
    st.add_quads(legacy_article("news-1", "news-1") + legacy_article("news-2", "news-2", "News 2"))
    st.close()
    (tmp_path / "in.jsonl").write_text("".join(
        json.dumps({"id": f"news-{i}", "text": f"Anna Berg met Carl Holt in Oslo on day {i}."}) + "\n" for i in (1, 2)))
    res = run_kg("build", "in.jsonl", "--store", "st", "--rebuild", "-q", cwd=tmp_path,
                 env=kg_env(KG_BASE_IRI=BASE))
    assert res.code == 0, res.err
    st = open_store(tmp_path / "st", read_only=True)
    graphs = {g.value for g in st._store.named_graphs()}
    assert graphs == {mint_article_iri("news-1", BASE), mint_article_iri("news-2", BASE),
                      legacy_article_iri("news-2", BASE)}  # the shared legacy graph stays: it holds "News 2"


# -- 5. exports are atomic ----------------------------------------------------------------------------

def _file_size_limit(limit: int):
    import resource

    def pre() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return pre


@pytest.mark.parametrize("ext", [".ttl", ".nq", ".jsonld", ".graphml"])
def test_a_failed_export_keeps_the_previous_file(tmp_path, ext):
    make_hand_store(tmp_path / "small", 1)
    make_hand_store(tmp_path / "big", 300)
    assert run_kg("export", f"graph{ext}", "--store", "small", cwd=tmp_path).code == 0
    good = (tmp_path / f"graph{ext}").read_bytes()
    assert len(good) > 500
    # The disk "fills up" (no file may grow past 64 KB) while the bigger export is written.
    res = run_kg("export", f"graph{ext}", "--store", "big", cwd=tmp_path, preexec_fn=_file_size_limit(64 * 1024))
    assert_reported(res, EXIT_ERROR, f"graph{ext}", "File too large", "previous file at this path is left as it was")
    assert (tmp_path / f"graph{ext}").read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big", f"graph{ext}", "small"]  # no partial file left


def test_a_failed_export_on_a_full_tmpfs_keeps_the_previous_file(tmp_path, small_disk):
    make_hand_store(tmp_path / "small", 1)
    make_hand_store(tmp_path / "big", 3000)
    target = small_disk / "graph.nt"
    assert run_kg("export", target, "--store", "small", cwd=tmp_path).code == 0
    good = target.read_bytes()
    res = run_kg("export", target, "--store", "big", cwd=tmp_path)
    assert_reported(res, EXIT_ERROR, str(target), "No space left on device")
    assert target.read_bytes() == good
    assert [p.name for p in small_disk.iterdir()] == ["graph.nt"]


def test_export_through_a_symbolic_link_replaces_the_file_it_points_to(tmp_path):
    make_hand_store(tmp_path / "st", 1)
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "graph.ttl").write_text("old")
    (tmp_path / "graph.ttl").symlink_to(tmp_path / "real" / "graph.ttl")
    assert run_kg("export", "graph.ttl", "--store", "st", cwd=tmp_path).code == 0
    assert (tmp_path / "graph.ttl").is_symlink()
    assert "Anna Berg" in (tmp_path / "real" / "graph.ttl").read_text()


# -- 7. worker processes die with the build -----------------------------------------------------------

def _children(pid: int) -> set[int]:
    out = set()
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.add(int(d.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc to find the worker processes")
def test_workers_end_when_the_build_is_killed(tmp_path):
    write_news_jsonl(tmp_path / "news.jsonl", 400)
    proc = subprocess.Popen(kg_command("build", "news.jsonl", "--store", "st", "--workers", "2", "-q"),
                            cwd=tmp_path, env=kg_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and proc.poll() is None:
            workers = {c for c in _children(proc.pid)
                       if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes()} if _alive(proc.pid) else set()
            if len(workers) >= 2 and (tmp_path / "st" / "CURRENT").exists():
                break
            time.sleep(0.1)
        assert len(workers) == 2 and proc.poll() is None, f"no two workers seen; {proc.stderr.read().decode()}"
        time.sleep(2)  # well into extraction
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(_alive(w) for w in workers):
            time.sleep(0.1)
        survivors = [w for w in workers if _alive(w)]
        assert not survivors, f"worker processes {survivors} outlived the killed build"
    finally:
        for w in workers:
            try:
                os.kill(w, signal.SIGKILL)
            except OSError:
                pass
        if proc.poll() is None:
            proc.kill()
            proc.wait()


# -- 17. one canonical label per actor --------------------------------------------------------------

def _org_article(doc_id: str, org: str, person: str = "Anna Berg"):
    from kg.records import Document, Entity, Evidence, Extraction, Relation

    text = f"{person} represents the {org}."
    ev = Evidence(text, 0, len(text), "hand", 0.9)
    return Extraction(Document(doc_id, text),
                      entities=(Entity("Person:p", "Person", person), Entity("Org:o", "Organization", org)),
                      relations=(Relation("Person:p", "represents", "Org:o", ev),))


def _write(store, *extractions):
    """What kg.pipeline.build does per batch: resolve, map, write."""
    from kg.rdf.mapping import extraction_to_graph
    from kg.pipeline.resolve import IdentityIndex

    idx = IdentityIndex(BASE).load(store)
    store.add_graphs([extraction_to_graph(ex, idx.iris(ex), base=BASE) for ex in extractions])


@pytest.mark.parametrize("together", [True, False], ids=["same-build", "two-builds"])
def test_spellings_of_one_actor_give_one_label_and_the_store_validates(tmp_path, together):
    """'Labour Party' and 'Labour party' (and 'Robert Kilroy-Silk' / 'Robert Kilroy Silk') are one
    IRI; the first name seen stays its rdfs:label, the other spellings become skos:altLabel."""
    from kg.storage.disk import open_store
    from kg.check.validate import validate_store

    a = _org_article("a", "Labour Party", "Robert Kilroy-Silk")
    b = _org_article("b", "Labour party", "Robert Kilroy Silk")
    st = open_store(tmp_path / "st")
    if together:
        _write(st, a, b)
    else:
        _write(st, a)
        _write(st, b)
    labels = {}
    for r in st.query("SELECT ?x ?l WHERE { ?x rdfs:label ?l }"):
        labels.setdefault(r["x"].value, set()).add(r["l"].value)
    assert labels[BASE + "organization/labour-party"] == {"Labour Party"}
    assert labels[BASE + "person/robert-kilroy-silk"] == {"Robert Kilroy-Silk"}
    alt = {r["l"].value for r in st.query("SELECT ?l WHERE { ?x skos:altLabel ?l }")}
    assert {"Labour party", "Robert Kilroy Silk"} <= alt
    report = validate_store(st, base=BASE)
    assert report.conforms, report.text()
    st.close()


@pytest.mark.model
@pytest.mark.slow
def test_the_shipped_bbc_corpus_builds_a_valid_store(tmp_path, shared_eval):
    corpus = shared_eval / "corpus" / "bbc_politics.jsonl"
    res = run_kg("build", corpus, "--store", "st", "-q", "--workers", "2", cwd=tmp_path, timeout=1800)
    assert res.code == 0, res.err
    res = run_kg("validate", "--store", "st", cwd=tmp_path, timeout=600)
    assert res.code == 0, res.out + res.err

"""kg eval end to end with the real model: the scores of `kg eval` equal those of the independent
scripts of ../shared/tools on the very graph kg eval built (exported with --export). The figures
themselves move as the extractors improve; what is tested is that both scorers agree, plus what
kg eval does with files."""
from __future__ import annotations

import json

import pytest

from test_eval import assert_agrees_with_kgscore, run_cli, tool

pytestmark = pytest.mark.model

CONLL04_SENTENCES = 60
POLNEAR_ARTICLES = 8


def eval_json(capsys, *args) -> dict:
    code, out, err = run_cli(["eval", *map(str, args), "--json"], capsys)
    assert code == 0, err
    return json.loads(out)


def test_seed_article_agrees_with_kgscore(shared_eval, tmp_path, capsys):
    gold_path = shared_eval / "seed" / "riyadh-talks.gold.json"
    data = eval_json(capsys, gold_path, "--export", tmp_path)
    ours = data["results"][0]
    assert ours["documents"] == 1 and ours["source"] == str(gold_path)
    kgscore = tool("kgscore")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    theirs = kgscore.score(gold, kgscore.load_graph(str(tmp_path / "riyadh-talks.ttl")))
    assert_agrees_with_kgscore(ours, theirs)


def test_news_dev_articles_agree_with_kgscore(shared_eval, tmp_path, capsys):
    # The ten news-dev gold files mark many items optional in every section (positions, quotes and
    # events included): both scorers must leave them out the same way.
    golds = sorted((shared_eval / "news-dev").glob("*.gold.json"))
    if not golds:
        pytest.skip(f"{shared_eval / 'news-dev'} holds no gold files")
    data = eval_json(capsys, *golds, "--export", tmp_path)
    kgscore = tool("kgscore")
    optional = 0
    for ours in data["results"]:
        gold_path = next(g for g in golds if str(g) == ours["source"])
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        optional += sum(1 for sec in ("positions", "quotes", "events") for x in gold.get(sec, [])
                        if x.get("required", True) is False)
        theirs = kgscore.score(gold, kgscore.load_graph(str(tmp_path / (gold_path.name[:-len(".gold.json")] + ".ttl"))))
        assert_agrees_with_kgscore(ours, theirs)
    assert len(data["results"]) == len(golds) and optional > 0


def test_conll04_dev_subset_agrees_with_score_datasets(shared_eval, tmp_path, capsys):
    split = shared_eval / "conll04" / "conll04_dev.jsonl"
    data = eval_json(capsys, split, "--dataset", "conll04", "--limit", CONLL04_SENTENCES, "--export", tmp_path)
    ours = data["results"][0]
    assert ours["documents"] == CONLL04_SENTENCES
    sd = tool("score_datasets")
    records = [json.loads(line) for line in split.read_text(encoding="utf-8").splitlines()[:CONLL04_SENTENCES]]
    theirs, _ = sd.conll04(records, sd.load_graph(str(tmp_path / "conll04_dev.ttl")))
    for kind in ("Work_For", "Located_In", "OrgBased_In", "all"):
        assert {k: ours[kind][k] for k in ("precision", "recall", "f1", "gold", "output")} == theirs[kind], kind
    assert ours["all"]["gold"] > 0 and ours["all"]["output"] > 0  # a real comparison, not 0 = 0


def test_polnear_dev_subset_agrees_with_score_datasets(shared_eval, tmp_path, capsys):
    split = shared_eval / "polnear" / "polnear_dev.jsonl"
    data = eval_json(capsys, split, "--dataset", "polnear", "--limit", POLNEAR_ARTICLES, "--export", tmp_path)
    ours = data["results"][0]["content"]
    assert data["results"][0]["documents"] == POLNEAR_ARTICLES
    sd = tool("score_datasets")
    records, seen = [], set()
    for line in split.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec["article"] not in seen and len(seen) < POLNEAR_ARTICLES:
            seen.add(rec["article"])
            records.append(rec)
    theirs, _ = sd.polnear(records, sd.load_graph(str(tmp_path / "polnear_dev.ttl")))
    assert (ours["precision"], ours["recall"], ours["f1"], ours["output"], ours["gold"]) == (
        theirs["content_precision"], theirs["content_recall"], theirs["content_f1"], theirs["output"], theirs["gold"])
    assert ours["named_speaker_accuracy"]["rate"] == theirs["speaker_accuracy_named"]
    assert ours["named_speaker_accuracy"]["total"] == theirs["speaker_scored"]
    assert ours["gold"] > 0 and ours["output"] > 0


GOLD = {
    "document": {"id": "oslo", "text_file": "oslo.txt", "published": "2025-03-06"},
    "entities": [{"id": "anna", "type": "Person", "name": "Anna Berg", "aliases": ["Berg"]},
                 {"id": "carl", "type": "Person", "name": "Carl Holt", "aliases": ["Holt"]}],
    "relations": [{"s": "anna", "p": "metWith", "o": "carl"}],
}


@pytest.fixture()
def own_gold(tmp_path):
    (tmp_path / "oslo.txt").write_text("Foreign Minister Anna Berg met Carl Holt in Oslo.\n", encoding="utf-8")
    path = tmp_path / "oslo.gold.json"
    path.write_text(json.dumps(GOLD), encoding="utf-8")
    return path


def test_gold_eval_writes_nothing_unless_asked(own_gold, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    data = eval_json(capsys, own_gold)
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    result = data["results"][0]
    assert result["entities"]["missed"] == [] and result["relations"]["recall"] == 1.0


def test_gold_eval_builds_with_the_gold_publication_date(own_gold, tmp_path, capsys):
    out = tmp_path / "graphs"
    eval_json(capsys, own_gold, "--export", out)
    ttl = (out / "oslo.ttl").read_text(encoding="utf-8")
    assert '"2025-03-06"^^xsd:date' in ttl


def test_tables_by_default(own_gold, capsys):
    code, out, err = run_cli(["eval", str(own_gold)], capsys)
    assert code == 0
    row = next(line for line in out.splitlines() if line.strip("│ ").startswith("relations"))
    assert [c.strip() for c in row.split("│")[2:5]][1] == "1.000"  # recall of the one metWith

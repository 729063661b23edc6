"""Shared fixtures.

* ``shared_eval``: the ../shared/eval folder (tests that need it skip with a reason when absent).
* ``seed_text`` / ``seed_gold``: the example article of ../shared/eval/seed and its gold file.
* ``example_path``: the project's own example article (examples/).
* ``nlp``: the real spaCy model with kg's components (session scope; marks nothing by itself,
  tests using it carry ``@pytest.mark.model``).
* ``seed_store`` / ``example_store``: a store built from the seed / example article
  (session scope, read-only use please), with ``.path`` and ``.ttl`` (exported Turtle).

The fast tier (``pytest -m fast``, README "Development"): :func:`pytest_collection_modifyitems`
marks ``fast`` every test and doctest that loads no spaCy model and starts no process: not marked
``model``, ``browser``, ``server`` or ``slow``, not in :data:`PROCESS_MODULES` and not in
:data:`MODEL_DOCTESTS`.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_EVAL = ROOT.parent / "shared" / "eval"
EXAMPLE = ROOT / "examples" / "geneva-talks.txt"


#: --doctest-modules (pyproject.toml) would collect the conftest files as modules too, and two of
#: the same basename clash; they hold no examples.
collect_ignore = ["conftest.py", "browser/conftest.py"]

#: Test modules left out of the fast tier although they need no model: their tests run the kg
#: command or a server in other processes, a Dask cluster, a notebook kernel, Hypothesis searches
#: or fault injection over whole builds.
PROCESS_MODULES = frozenset({
    "test_bad_input", "test_build", "test_build_faults", "test_build_parallel", "test_dask", "test_end_to_end",
    "test_hostile", "test_named_queries", "test_notebooks", "test_packaging", "test_properties", "test_push",
    "test_query", "test_query_faults", "test_serve", "test_serve_browse", "test_serve_security",
    "test_shacl_sparql", "test_store_faults", "test_validate",
})
#: Doctests of kg/ whose examples run the real spaCy pipeline (marked ``model``, not ``fast``).
MODEL_DOCTESTS = frozenset({
    "kg.nlp.extract.extract_document", "kg.nlp.quotes.find_quotations", "kg.pipeline.build.build",
    "kg.pipeline.parallel.extract_batch",
})
_NOT_FAST = ("model", "browser", "server", "slow")


def pytest_collection_modifyitems(config, items):
    from _pytest.doctest import DoctestItem

    for item in items:
        if isinstance(item, DoctestItem):
            if item.name in MODEL_DOCTESTS:
                item.add_marker(pytest.mark.model)
                continue
            item.add_marker(pytest.mark.fast)
            continue
        if any(item.get_closest_marker(m) for m in _NOT_FAST):
            continue
        if item.path.stem in PROCESS_MODULES or "browser" in item.path.parts:
            continue
        item.add_marker(pytest.mark.fast)


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    if not SHARED_EVAL.is_dir():
        pytest.skip(f"evaluation data not found at {SHARED_EVAL} (it is present in CI)")
    return SHARED_EVAL


@pytest.fixture(scope="session")
def seed_path(shared_eval) -> Path:
    return shared_eval / "seed" / "riyadh-talks.txt"


@pytest.fixture(scope="session")
def seed_text(seed_path) -> str:
    return seed_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_gold(shared_eval) -> dict:
    return json.loads((shared_eval / "seed" / "riyadh-talks.gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp.model import load_model

    return load_model()


def _built(tmp_path_factory, name: str, source: Path, published: str | None = None) -> SimpleNamespace:
    from kg.pipeline.build import build_into
    from kg.output.export import export
    from kg.storage.disk import open_store

    d = tmp_path_factory.mktemp(name)
    st = open_store(d / "store")
    try:
        report = build_into(st, [str(source)], published=published)
        ttl = export(st, d / f"{name}.ttl")
    finally:
        st.close()
    return SimpleNamespace(path=d / "store", ttl=ttl, report=report, dir=d)


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory, seed_path) -> SimpleNamespace:
    return _built(tmp_path_factory, "seed", seed_path)


@pytest.fixture(scope="session")
def example_store(tmp_path_factory, example_path) -> SimpleNamespace:
    return _built(tmp_path_factory, "example", example_path, published="2025-03-12")

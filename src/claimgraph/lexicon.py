"""The shared word lists of ``data/lexicon.json``: each defined once, read by name.

Pattern files (``data/*.json``) refer to a list as ``"@name"``; :func:`resolve` swaps the
list in, so a pattern and the code that reads it use one and the same words.
"""
from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["data_file", "ordered", "resolve", "table", "words"]


@cache
def data_file(name: str) -> Any:
    """A packaged JSON data file, parsed once."""
    return json.loads(resources.files("claimgraph").joinpath(f"data/{name}").read_text("utf-8"))


@cache
def words(name: str) -> frozenset[str]:
    """One lexicon list as a set of lower-case words (a table's keys); an unknown name is an error."""
    lists = data_file("lexicon.json")
    if name not in lists or name.startswith("_"):
        raise KeyError(f"no word list {name!r} in data/lexicon.json")
    return frozenset(w.lower() for w in lists[name])


@cache
def ordered(name: str) -> tuple[str, ...]:
    """One lexicon list in its written order, lower case ("months": January first)."""
    return tuple(sorted(words(name), key=[w.lower() for w in data_file("lexicon.json")[name]].index))


@cache
def table(name: str) -> dict[str, Any]:
    """One lexicon table: lower-case words mapped to a value ("seasons": spring to its month)."""
    entry = data_file("lexicon.json").get(name)
    if not isinstance(entry, dict) or name.startswith("_"):
        raise KeyError(f"no word table {name!r} in data/lexicon.json")
    return dict(entry)


def resolve(obj: Any) -> Any:
    """``obj`` with every ``"@name"`` string replaced by that list (sorted, for stable patterns)."""
    if isinstance(obj, str) and obj.startswith("@"):
        return sorted(words(obj[1:]))
    if isinstance(obj, dict):
        return {k: resolve(v) for k, v in obj.items()}
    if isinstance(obj, list):
        if any(isinstance(v, str) and v.startswith("@") for v in obj):  # ["@a", "@b", "c"]: one flat list
            return sorted({w for v in obj for w in (resolve(v) if isinstance(v, str) and v.startswith("@") else [v])})
        return [resolve(v) for v in obj]
    return obj

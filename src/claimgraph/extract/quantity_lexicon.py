"""The quantity finder's word lists: ``data/units.json``, ``data/qualifiers.json`` and
``data/not_quantities.json``, with a user's extra lists merged in."""
from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..lexicon import data_file, ordered

__all__ = ["Lexicon"]

_DATA_FILES = ("units.json", "qualifiers.json", "not_quantities.json")


def _merge(base: Any, extra: Any) -> Any:
    """Deep-merge ``extra`` into ``base``: dicts merge, lists extend (no duplicates), scalars replace."""
    if isinstance(base, dict) and isinstance(extra, Mapping):
        out = dict(base)
        for k, v in extra.items():
            out[k] = _merge(base[k], v) if k in base else v
        return out
    if isinstance(base, list) and isinstance(extra, list):
        return base + [x for x in extra if x not in base]
    return extra


def _capitalised(words: Sequence[str]) -> list[str]:
    """The lexicon's lower-case words as they lead a name: "may" -> "May", "st." -> "St."."""
    return [w[:1].upper() + w[1:] for w in words]


@dataclass(frozen=True)
class Lexicon:
    """The word lists the finder uses, one per packaged file: units, qualifiers, not_quantities."""

    units: dict[str, Any] = field(default_factory=dict)
    qualifiers: dict[str, Any] = field(default_factory=dict)
    not_quantities: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, *extra: str | Path | Mapping[str, Any]) -> Lexicon:
        """The packaged lists with each ``extra`` merged in.

        An extra is a JSON file path or a mapping with any of the keys ``units``, ``qualifiers``,
        ``not_quantities``, each shaped like the packaged file of that name; lists are extended,
        mappings merged.
        """
        pkg = resources.files("claimgraph") / "data"
        parts = [json.loads((pkg / name).read_text(encoding="utf-8")) for name in _DATA_FILES]
        parts[2].setdefault("months", _capitalised([*ordered("months"), *ordered("month_abbreviations")]))
        parts[2]["year_context"]["before"] = [*parts[2]["year_context"]["before"], *_capitalised(ordered("months"))]
        parts[2].setdefault("street_suffixes", {"words": _capitalised(ordered("street_suffixes"))})
        clock = ordered("clock_words")  # "a.m." and "A.M.": the zones keep their own case
        parts[2].setdefault("time_suffixes", [*clock, *(w.upper() for w in clock), *data_file("lexicon.json")["time_zones"]])
        lex: dict[str, Any] = {"units": parts[0], "qualifiers": parts[1], "not_quantities": parts[2]}
        for x in extra:
            more = json.loads(Path(x).read_text(encoding="utf-8")) if isinstance(x, str | Path) else dict(x)
            lex = _merge(lex, more)
        return cls(**lex)

"""The packaged name tables: demonyms and capitals, read once.

``data/demonyms.json`` maps a country to ``{"demonyms": [...], "aliases": [...]}``
("North Korea": "North Korean"; "DPRK"); ``data/capitals.json`` maps a capital to its
country ("Pyongyang": "North Korea"), used when a capital stands for its government.
Extend either file to teach the reconciler more names.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ._text import key

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """key(demonym or alias or country name) -> country name."""
    raw = json.loads((DATA_DIR / "demonyms.json").read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for country, entry in raw.items():
        out[key(country)] = country
        names = entry if isinstance(entry, list) else [*entry.get("demonyms", ()), *entry.get("aliases", ())]
        for name in names:
            out.setdefault(key(name), country)
    return out


@lru_cache(maxsize=1)
def capitals() -> dict[str, str]:
    """key(capital) -> country name."""
    raw = json.loads((DATA_DIR / "capitals.json").read_text(encoding="utf-8"))
    return {key(city): country for city, country in raw.items()}


def country_of(name: str, *, allow_capital: bool = True) -> str | None:
    """The country a demonym, alias or (optionally) capital names; plural demonyms too."""
    k = key(name)
    table = country_names()
    if k in table:
        return table[k]
    if k.endswith("s") and k[:-1] in table:  # "North Koreans"
        return table[k[:-1]]
    if allow_capital:
        return capitals().get(k)
    return None

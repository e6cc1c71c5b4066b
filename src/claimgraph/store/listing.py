"""What both back ends share for listings: the orders, the row shapes, and what an entity filter means.

A claim is about an entity when it names it as subject or as source (through ``entity_of``,
the map of a document's local entity ids to corpus entities), or when its source or one of its
relays (``via``) holds one of the entity's names (over two characters) as whole words, case
aside. A figure is about an entity when one of its claims is. The back ends run this as SQL:
the filter and the page (LIMIT/OFFSET) happen in the database, not in Python.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

VERDICT_RANK = ("conflict", "superseded", "consistent", "agree", "single_source")  # listing order; others last
DOCUMENT_ROW = ("id", "title", "outlet", "published", "url", "duplicate_of")  # a listing's document, no text
MIN_NAME = 3  # shorter names (initials, "UN"?) match only as entity ids, not as words in a source's name


def verdict_rank_sql(column: str = "verdict") -> str:
    """A SQL expression ranking ``column`` in ``VERDICT_RANK`` order (9 for any other verdict)."""
    whens = " ".join(f"WHEN '{v}' THEN {n}" for n, v in enumerate(VERDICT_RANK))
    return f"CASE {column} {whens} ELSE 9 END"


FIGURE_ORDER = f"ORDER BY {verdict_rank_sql('f.verdict')}, f.n_claims DESC, f.id"  # figures ``f``: conflicts first


def figure_where(verdict: str | None, measure: str | None,
                 claims: tuple[str, list[Any]] | None) -> tuple[str, list[Any]]:
    """WHERE conditions on figures ``f`` and their arguments; ``claims``: a condition on claims ``c``
    (a back end's SQL) that one of the figure's claims must meet."""
    where, args = "1=1", list[Any]()
    if verdict:
        where, args = where + " AND f.verdict = ?", [*args, verdict]
    if measure:
        where, args = where + " AND f.measure = ?", [*args, measure]
    if claims is not None:
        where += f" AND f.id IN (SELECT cf.figure FROM claim_figure cf JOIN claims c ON c.id = cf.claim WHERE {claims[0]})"
        args += claims[1]
    return where, args


@dataclass(frozen=True, slots=True)
class EntityFilter:
    """The entities a name given by a user stands for: their ids, and a pattern over their names."""

    ids: tuple[str, ...]
    names: tuple[str, ...]  # lower case, longer than two characters
    locals: tuple[str, ...] = ()  # ids a claim's subject or source entity may hold for them (``with_locals``)

    @property
    def empty(self) -> bool:
        return not self.ids

    def regex(self, boundary: str = r"\b") -> str | None:
        """One alternation of the names as whole words (``\\b`` for Python and SQLite, ``\\y`` for
        PostgreSQL), or None when no name is long enough."""
        if not self.names:
            return None
        return f"{boundary}(?:{'|'.join(re.escape(n) for n in self.names)}){boundary}"


    def with_locals(self, entity_of: list[tuple[str, str]]) -> EntityFilter:
        """With the document entity ids that ``entity_of`` (local, entity rows for these entities, and
        for the ids themselves when they are local ids) maps to them, and the ids that it does not map:
        a claim's subject ``s`` stands for ``entity_of.get(s, s)``."""
        mapped = {local for local, _ in entity_of}
        locals_ = {local for local, ent in entity_of if ent in self.ids} | {i for i in self.ids if i not in mapped}
        return EntityFilter(self.ids, self.names, tuple(sorted(locals_)))


def entity_filter(found: list[tuple[str, str, list[str]]], want: str) -> EntityFilter:
    """The filter for ``want`` from candidate entities (id, name, aliases) that the store preselected:
    those whose name holds ``want`` or whose alias is ``want``, case aside."""
    want = want.strip().lower()
    ids: list[str] = []
    names: set[str] = set()
    for ent_id, name, aliases in found:
        all_names = {name.lower(), *(a.lower() for a in aliases)}
        if want in all_names or want in name.lower():
            ids.append(ent_id)
            names.update(n for n in all_names if len(n) >= MIN_NAME)
    return EntityFilter(tuple(sorted(ids)), tuple(sorted(names)))


def said_by(pattern: str, source: str | None, via: list[str] | tuple[str, ...]) -> bool:
    """Whether ``pattern`` (``EntityFilter.regex``) occurs in the source's name or a relay, lower-cased."""
    regex = _compiled(pattern)
    return any(regex.search(s.lower()) for s in ([source] if source else []) + list(via))


_CACHE: dict[str, re.Pattern[str]] = {}


def _compiled(pattern: str) -> re.Pattern[str]:
    if pattern not in _CACHE:
        if len(_CACHE) > 64:
            _CACHE.clear()
        _CACHE[pattern] = re.compile(pattern)
    return _CACHE[pattern]


def document_row(values: tuple[Any, ...], claims: int) -> dict[str, Any]:
    """A listing row: the ``DOCUMENT_ROW`` fields and the document's number of claims."""
    return {**dict(zip(DOCUMENT_ROW, values, strict=True)), "claims": int(claims)}

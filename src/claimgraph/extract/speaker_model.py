"""Features of a candidate speaker, and the trained scorer that picks one.

The scorer is a logistic regression over the features below, trained by
``training/train_speaker.py`` on the annotated sentences in ``training/`` and shipped as plain
coefficients in ``data/speaker_model.json`` (no pickle). Each number gets one extra option, "none"
(the writer states it); the option with the highest score wins, the earlier one on a tie.
"""
from __future__ import annotations

from functools import cache
from typing import Any

from ..lexicon import data_file
from .candidates import SENTENCE, WALK, Candidate
from .reporting import ANNOUNCING
from .speakers import PRONOUNS, is_media

Token = Any
Span = Any

MODEL_FILE = "speaker_model.json"
QUOTES = {'"', "“", "”", "«", "»"}
ENTITY_TYPES = {"PERSON": "person", "ORG": "org", "GPE": "place", "NORP": "place", "LOC": "place"}


def options(cands: list[Candidate]) -> list[Candidate]:
    """What the decision chooses among: candidates that name a source, then "none"."""
    return [c for c in cands if c.source is not None and (c.kind in WALK or c.kind in SENTENCE
                                                           or c.kind in ("own", "passive"))] + [Candidate("none")]


def features(c: Candidate, q: Token, sent: Span, cands: list[Candidate]) -> dict[str, float]:
    """Simple, named features of one option: its construction, where it stands, what it names."""
    f: dict[str, float] = {f"kind={c.kind}": 1.0}
    if c.kind == "none":
        f["none:veto"] = float(any(x.kind == "veto" for x in cands))
        f["none:headline_like"] = float(sent.text.rstrip()[-1:] not in ".!?…\"”'’")
        return f
    index = cands.index(c)
    walk = [x for x in cands if x.kind in WALK and x.source is not None]
    f["weak"] = float(c.weak)
    f["announcing"] = float(c.verb in ANNOUNCING)
    f["step"] = min(c.step, 8) / 8
    f["first_in_walk"] = float(bool(walk) and walk[0] is c)
    f["strong_report_below"] = float(any(x.kind == "verb" and not x.weak for x in cands[:index]))
    f["report_below"] = float(any(x.kind in WALK and x.source is not None for x in cands[:index]))
    f["walk_found"] = float(bool(walk))
    f["sentence_wide_over_walk"] = float(c.kind in SENTENCE and bool(walk))
    f["past_barrier"] = float(any(x.kind == "barrier" for x in cands[:index]))
    f["has_via"] = float(bool(c.via))
    if c.at >= 0:
        tok = sent.doc[c.at]
        f["after_number"] = float(c.at > q.i)
        f["distance"] = min(abs(c.at - q.i), 30) / 30
        lo, hi = sorted((c.at, q.i))
        f["comma_between"] = float(any(t.text == "," for t in sent.doc[lo:hi]))
        f["pronoun"] = float(tok.lower_ in PRONOUNS)
        f[f"entity={ENTITY_TYPES.get(tok.ent_type_, 'none')}"] = 1.0
        f["number_quoted"] = float(_quoted(q, sent) and not _quoted(tok, sent))
        f["clause_holds_number"] = float(_governs(tok, q))
    if c.source is not None:
        f[f"source_kind={c.source.kind}"] = 1.0
        f["media"] = float(is_media(c.source.name))
    return f


def _governs(tok: Token, q: Token) -> bool:
    """The clause the phrase hangs on holds the number: "the utility said" in "The storm left
    80,000 homes without power, the utility said, and knocked down 400 trees, according to X"."""
    verb = tok
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return verb.i == q.i or any(a.i == verb.i for a in q.ancestors)


def _quoted(tok: Token, sent: Span) -> bool:
    """Inside quotation marks within the sentence: an odd number of marks before it."""
    return sum(t.text in QUOTES for t in sent if t.i < tok.i) % 2 == 1


@cache
def model() -> dict[str, Any] | None:
    try:
        loaded: dict[str, Any] = data_file(MODEL_FILE)
    except FileNotFoundError:
        return None
    return loaded


def enabled() -> bool:
    """The shipped model is used when its training run found it better than the rules."""
    m = model()
    return bool(m and m.get("use"))


def score(f: dict[str, float]) -> float:
    m = model()
    if m is None:
        return 0.0
    weights: dict[str, float] = m["weights"]
    return float(m["intercept"]) + sum(weights.get(name, 0.0) * value for name, value in f.items())


def choose(q: Token, sent: Span, cands: list[Candidate]) -> Candidate | None:
    """The best-scoring option; None when that is "none" or a veto ends the walk before any."""
    opts = options(cands)
    scores = [score(features(c, q, sent, cands)) for c in opts]
    best = opts[max(range(len(opts)), key=lambda i: (scores[i], -i))]
    return None if best.kind == "none" else best

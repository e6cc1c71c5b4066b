"""Text helpers and records shared by the quantity finder's steps.

Pure ``re``. ``Tok`` is a whitespace token as (start offset, text); ``Num`` is a number read at one
place before its context is weighed; ``Hit`` is a finished quantity span; ``Unit`` is a unit read
after a number as (name, per, scale, end).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

LEAD_PUNCT = "([{\"'“‘—–/"
TRAIL_PUNCT = ",;:)]}\"'”’"

Tok = tuple[int, str]  # (start offset, token text)
Unit = tuple[str, "str | None", float, int]  # name, per, scale, end


@dataclass(slots=True)
class Num:
    """A number read at one place, before its context is weighed."""

    start: int  # first char of the number (or of its sign)
    end: int  # after the number and its scale
    value: float
    sig: int  # significant digits as written
    kind: str  # numeral | word | fraction
    raw: str = ""
    mult: float = 1.0  # product of the scales read after it ("million": 1e6)
    cur: str | None = None  # currency from a sign or code before the number
    cur_start: int = -1
    sign: int = 1
    plus: bool = False


@dataclass(slots=True)
class Hit:
    """A quantity span in the scanned segment, ready to become a :class:`~claimgraph.model.Quantity`."""

    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    unit: str = "count"
    qualifier: str = "exact"
    change: str | None = None
    per: str | None = None
    vague: bool = False
    out_of_range: bool = False


@dataclass(slots=True)
class Candidate:
    """A number that still has to meet its context: the finder completes it into a :class:`Hit`.

    ``unit`` fixes the unit ("ratio" for shares and multipliers); ``no_right`` stops reading units,
    ranges, rates and qualifiers after it; ``change`` is set on the hit when it is completed.
    """

    num: Num
    unit: str | None = None
    no_right: bool = False
    change: str | None = None


# ----------------------------------------------------------------------------- regex building


def norm(s: str) -> str:
    return " ".join(s.lower().split())


def alt(words: Iterable[str], *, bound: bool = False) -> str:
    """A regex alternation, longest first; ``bound`` puts word boundaries on word-character ends."""
    out = []
    for w in sorted(set(words), key=len, reverse=True):
        e = re.escape(w).replace(r"\ ", r"\s+")
        if bound:
            if w[:1].isalnum():
                e = r"\b" + e
            if w[-1:].isalnum():
                e = e + r"\b"
        out.append(e)
    return "|".join(out) if out else "(?!)"


def trie(words: Iterable[str]) -> str:
    """An alternation factored by common prefixes: much faster to scan than a flat one."""
    root: dict[str, Any] = {}
    for w in set(words):
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + emit(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        if "" in node:
            return "(?:" + "|".join(alts) + ")?"
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(root)


def phrase_table(phrases: Iterable[str], *, lower: bool = True) -> tuple[dict[str, str], int]:
    """Normalised phrase → itself, and the longest phrase in tokens (for suffix lookups)."""
    table = {(norm(p) if lower else " ".join(p.split())): p for p in phrases}
    return table, max((k.count(" ") + 1 for k in table), default=1)


# ----------------------------------------------------------------------------- tokens before a number

_TOK = re.compile(r"\S+")


def toks_before(seg: str, lo: int, hi: int) -> tuple[list[Tok], str]:
    """Whitespace tokens in ``seg[lo:hi]``, and a token glued to ``hi`` ("~" in "~15,000"), split off."""
    toks = [(m.start(), m.group()) for m in _TOK.finditer(seg, lo, hi)]
    if lo > 0 and toks and toks[0][0] == lo and not seg[lo - 1].isspace():
        toks.pop(0)  # cut by the window
    glued = ""
    if toks and toks[-1][0] + len(toks[-1][1]) == hi:
        glued = toks.pop()[1]
    return toks, glued


def suffix(toks: list[Tok], table: Mapping[str, Any], maxk: int, *, lower: bool = True) -> tuple[str, int] | None:
    """The longest phrase of ``table`` that the tokens end with: (key, number of tokens)."""
    for k in range(min(maxk, len(toks)), 0, -1):
        words = [t for _, t in toks[-k:]]
        words[0] = words[0].lstrip(LEAD_PUNCT)
        key = " ".join(words)
        if lower:
            key = key.lower()
        if key in table:
            return key, k
    return None


def last_word(toks: list[Tok], i: int = 1) -> str:
    """The i-th token from the end, lower-cased and stripped of punctuation; "" if none."""
    return toks[-i][1].lower().strip(LEAD_PUNCT + TRAIL_PUNCT) if len(toks) >= i else ""


def tok_start(toks: list[Tok], k: int) -> int:
    """Offset of a phrase that spans the last k tokens, after leading punctuation."""
    s, t = toks[-k]
    return s + (len(t) - len(t.lstrip(LEAD_PUNCT)))


# ----------------------------------------------------------------------------- small tests on the text

_TOKEN_TAIL = re.compile(r"[\w.\-/]*\w|")
_WORD_RE = re.compile(r"[A-Za-z][a-z]+")


def token_end(seg: str, pos: int) -> int:
    """End of the alphanumeric token at ``pos`` (names like KN-23-24, 5G, 1990s)."""
    m = _TOKEN_TAIL.match(seg, pos)
    return m.end() if m else pos


def headline(seg: str, pos: int) -> bool:
    """Is ``pos`` in a Title Case line ("Quake Kills 12, Injures Hundreds")? Names are not told apart there."""
    lo = max(seg.rfind("\n", max(0, pos - 120), pos) + 1, pos - 120)
    hi = seg.find("\n", pos, pos + 120)
    words = _WORD_RE.findall(seg, lo, hi if hi >= 0 else min(len(seg), pos + 120))
    lower = sum(1 for w in words if w[0].islower() and len(w) >= 4)
    return lower == 0 and sum(1 for w in words if w[0].isupper()) >= 3


def line_start(seg: str, s: int) -> bool:
    i = s - 1
    while i >= 0 and seg[i] in " \t":
        i -= 1
    return i < 0 or seg[i] == "\n"


def is_yearlike(raw: str) -> bool:
    return len(raw) == 4 and raw.isdigit() and 1000 <= int(raw) <= 2100

"""Numbers written in digits or words, and the interval a hedge puts around them.

Pure ``re``; no model. Used by :mod:`claimgraph.extract.quantities`.

* :func:`parse_numeral` reads ``"15,000"``, ``"1.2"``, ``"1,00,000"`` (Indian grouping), a vulgar
  fraction alone or after digits (``"½"``, ``"3¼"``) and a power (``"10^6"``), and returns the value
  and its count of significant digits. A numeral too large for a float reads as ``inf``.
* :func:`in_range` says whether a value can be a figure: finite and at most :data:`MAX_MAGNITUDE`.
* :func:`parse_words` reads a run of English number words from a position: ``"five million"``,
  ``"two hundred and fifty"``, ``"twenty-one"``, ``"a dozen"``, ``"one and a half"``,
  ``"two-thirds"``, ``"a quarter"``.
* :func:`interval` turns a value and a qualifier into ``(low, high)``.

Rounding-aware interval for ``approx``: the half-width is a share of the value set by how many
significant digits the writer gave (trailing zeros of an integer do not count):

====================  ============  =========================================
significant digits    half-width    examples
====================  ============  =========================================
1                     15 %          "about 20,000" → [17000, 23000]
2                     10 %          "an estimated 15,000" → [13500, 16500]; "about 430" → [387, 473]
3                     5 %           "about 572 million" → [543.4M, 600.6M]
4 or more             2 %           "about 1,234" → [1209.3, 1258.7]
====================  ============  =========================================

The other qualifiers: ``exact`` [v, v]; ``at_least`` and ``more_than`` [v, None];
``up_to`` and ``less_than`` [0, v] (or [None, v] for a negative v); ``nearly`` [0.9 v, v].
"""
from __future__ import annotations

import math
import re

from ..lexicon import table

__all__ = [
    "CARDINALS",
    "FRACTIONS",
    "MAX_MAGNITUDE",
    "NUMERAL",
    "SCALES",
    "VULGAR",
    "WordNumber",
    "approx_halfwidth",
    "in_range",
    "interval",
    "parse_numeral",
    "parse_words",
    "sig_digits_of_int",
]

UNITS: dict[str, int] = table("number_units")
TEENS: dict[str, int] = table("number_teens")
TENS: dict[str, int] = table("number_tens")
# multipliers: "hundred", "thousand", "crore", "dozen"
SCALES: dict[str, int] = table("number_scales")
CARDINALS: dict[str, int] = {**UNITS, **TEENS, **TENS, **SCALES}

# denominators of fractions: "two-thirds", "a quarter", "three fifths"
FRACTIONS: dict[str, int] = table("fraction_denominators")

# vulgar fraction characters: "½", "3¼ million"
VULGAR: dict[str, float] = {
    "½": 1 / 2, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 1 / 4, "¾": 3 / 4, "⅕": 1 / 5, "⅖": 2 / 5, "⅗": 3 / 5, "⅘": 4 / 5,
    "⅙": 1 / 6, "⅚": 5 / 6, "⅐": 1 / 7, "⅛": 1 / 8, "⅜": 3 / 8, "⅝": 5 / 8, "⅞": 7 / 8, "⅑": 1 / 9, "⅒": 1 / 10,
}
_V = "".join(VULGAR)
# a numeral as the quantity finder reads it: Indian or western grouping, decimals, then a glued
# vulgar fraction or a power ("10^6"); or a vulgar fraction alone
NUMERAL = (
    rf"(?:(?:\d{{1,2}}(?:,\d\d)+,\d{{3}}(?!\d)|\d{{1,3}}(?:,\d{{3}}(?!\d))+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"(?:\^[-−]?\d+|[{_V}](?!\d))?|[{_V}](?!\d))"
)
# beyond this no news figure goes (a googol); a larger number is kept as text, not as a value
MAX_MAGNITUDE = 1e100

_WORD = "|".join(sorted(CARDINALS, key=len, reverse=True))
_FRAC = "|".join(sorted(FRACTIONS, key=len, reverse=True))
# one token of a spelled-out number, with the separator before it
_TOKEN = re.compile(
    rf"(?P<sep>\s*-\s*|\s+and\s+|\s+)?(?P<w>{_WORD}|a|an)\b", re.I
)
_AND_A_HALF = re.compile(r"(?:\s+|-)and(?:\s+|-)(?:a|one)(?:\s+|-)half\b", re.I)
_FRACTION_AFTER = re.compile(rf"(?P<sep>\s*-\s*|\s+)(?P<f>{_FRAC})\b", re.I)


class WordNumber:
    """A spelled-out number found by :func:`parse_words`."""

    __slots__ = ("end", "fraction", "sig", "start", "tokens", "trail", "value")

    def __init__(self, start: int, end: int, value: float, sig: int, tokens: int, fraction: bool,
                 trail: float = 1.0) -> None:
        self.start, self.end, self.value, self.sig, self.tokens, self.fraction = start, end, value, sig, tokens, fraction
        self.trail = trail  # the scale word that ends the number: 10**6 for "four million", else 1

    def __repr__(self) -> str:
        return f"WordNumber({self.start}, {self.end}, {self.value}, sig={self.sig}, fraction={self.fraction})"


def sig_digits_of_int(n: float) -> int:
    """Significant digits of a whole number written as given: 15000 → 2, 430 → 2, 572 → 3, 0 → 1."""
    s = str(int(abs(n))).rstrip("0")
    return max(1, len(s))


def in_range(x: float) -> bool:
    """A value a figure can hold: finite and no larger than :data:`MAX_MAGNITUDE`."""
    return math.isfinite(x) and abs(x) <= MAX_MAGNITUDE


def parse_numeral(s: str) -> tuple[float, int]:
    """``"15,000"`` → (15000.0, 2); ``"5.50"`` → (5.5, 3); ``"0.25"`` → (0.25, 2); ``"3¼"`` → (3.25, 3);
    ``"½"`` → (0.5, 1); ``"10^6"`` → (1e6, 1). Any length is read without ``int()`` (no digit limit)."""
    t = s.replace(",", "")
    if t and t[-1] in VULGAR:
        whole = t[:-1]
        if not whole:
            return VULGAR[t], 1
        return float(whole) + VULGAR[t[-1]], len(whole.lstrip("0")) + 2
    if "^" in t:
        base, exp = t.split("^", 1)
        b, sig = parse_numeral(base)
        return _power(b, exp.replace("−", "-")), sig
    if "." in t:
        whole, frac = t.split(".", 1)
        digits = (whole + frac).lstrip("0")
        return float(t), max(1, len(digits))
    return float(t), max(1, len(t.lstrip("0").rstrip("0")))


def _power(base: float, exp: str) -> float:
    """``base`` to the power ``exp`` (digits, maybe signed); inf (or 0) past what a float holds."""
    digits = exp.lstrip("-").lstrip("0") or "0"
    if len(digits) > 6:  # 10^1234567: far past any float
        big = abs(base) > 1
        return (math.inf if big else 0.0) if not exp.startswith("-") else (0.0 if big else math.inf)
    try:
        return float(base ** int(exp))
    except (OverflowError, ZeroDivisionError):
        return math.inf


def parse_words(text: str, pos: int, end: int | None = None) -> WordNumber | None:
    """Read a spelled-out number starting at ``pos`` (which may be an article: "a dozen").

    Returns None when no number starts there. A lone article is never a number. A number
    followed by a fraction word is a fraction: "two-thirds" → 0.667, "a quarter" → 0.25,
    "one half" → 0.5; the caller decides whether a fraction is a share in context.
    """
    end = len(text) if end is None else end
    total = 0.0  # completed groups ("five million" once "million" is read)
    current = 0.0  # group under construction
    last = ""  # kind of the last accepted token: unit, teen, tens, hundred, big, dozen, article
    last_big = 10**16
    tokens = 0
    start = -1
    stop = pos  # end of the last accepted token
    p = pos
    half_added = False
    trail = 1.0
    while p < end:
        m = _TOKEN.match(text, p, end)
        if not m:
            break
        sep, w = m["sep"] or "", m["w"].lower()
        if tokens == 0 and sep:
            break  # the number must start at pos
        if tokens and "and" in sep.lower() and last not in ("hundred", "big"):
            break  # "one and two" is two numbers; "two hundred and fifty" is one
        if tokens and "-" in sep and last not in ("tens", "unit", "teen", "hundred", "big", "article"):
            break
        kind: str
        if w in ("a", "an"):
            if tokens:
                break
            kind = "article"
        elif w in UNITS:
            kind = "unit"
        elif w in TEENS:
            kind = "teen"
        elif w in TENS:
            kind = "tens"
        elif w == "hundred":
            kind = "hundred"
        elif w == "dozen":
            kind = "dozen"
        else:
            kind = "big"
        if kind == "article":
            ok = tokens == 0
        elif kind == "unit":
            ok = last in ("", "tens", "hundred", "big") and not (last == "tens" and "and" in sep.lower())
        elif kind in ("teen", "tens"):
            ok = last in ("", "hundred", "big")
        elif kind == "hundred":
            ok = last in ("", "unit", "teen", "tens", "article") and not half_added
        elif kind == "dozen":
            ok = last in ("unit", "teen", "tens", "article")
        else:
            ok = last in ("", "unit", "teen", "tens", "hundred", "article") and CARDINALS[w] < last_big
        if not ok:
            break
        v = CARDINALS.get(w, 1)
        if kind == "article":
            current = 1
        elif kind in ("unit", "teen", "tens"):
            current += v
        elif kind == "hundred":
            current = (current or 1) * 100
        elif kind == "dozen":
            current = (current or 1) * 12
        else:  # big
            total += (current or 1) * v
            current = 0
            last_big = v
        if start < 0:
            start = m.start("w")
        trail = float(v) if kind in ("big", "hundred") else 1.0
        last = kind
        tokens += 1
        p = stop = m.end()
        if kind in ("unit", "teen", "tens", "article") and not half_added:
            h = _AND_A_HALF.match(text, p, end)
            if h and kind != "article":
                current += 0.5
                half_added = True
                p = stop = h.end()
        if kind == "dozen":
            break
    if tokens == 0:
        return None
    # a fraction word after a numerator: "two-thirds", "a quarter", "one fifth"
    if last in ("unit", "article", "teen", "tens") and not half_added and total == 0:
        f = _FRACTION_AFTER.match(text, stop, end)
        if f:
            den = FRACTIONS[f["f"].lower()]
            num = current
            return WordNumber(start, f.end(), num / den, 1, tokens + 1, True)
    if last == "article":
        return None  # a lone "a" is never a number
    value = total + current
    sig = sig_digits_of_int(value) if value == int(value) else len(str(value).replace(".", "").strip("0"))
    return WordNumber(start, stop, value, sig, tokens, False, trail)


def approx_halfwidth(value: float, sig: int) -> float:
    """Half-width of an ``approx`` interval (see the module docstring)."""
    rel = 0.15 if sig <= 1 else 0.10 if sig == 2 else 0.05 if sig == 3 else 0.02
    return abs(value) * rel


def interval(value: float, qualifier: str, sig: int = 2) -> tuple[float | None, float | None]:
    """``(low, high)`` for a value under a qualifier; None is unbounded."""
    if qualifier == "approx":
        h = approx_halfwidth(value, sig)
        return _r(value - h), _r(value + h)
    if qualifier in ("at_least", "more_than"):
        return value, None
    if qualifier in ("up_to", "less_than"):
        return (0.0, value) if value >= 0 else (None, value)
    if qualifier == "nearly":
        return _r(value * 0.9), value
    return value, value


def _r(x: float) -> float:
    """Round away float noise: 13500.000000000002 → 13500.0."""
    if x == 0 or not math.isfinite(x):
        return x
    return round(x, max(0, 12 - int(math.floor(math.log10(abs(x))))))

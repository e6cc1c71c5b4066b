"""Verdicts over the rounding-aware intervals of a figure's claims.

| verdict | test |
| --- | --- |
| ``single_source`` | one claim |
| ``agree`` | the points match up to rounding: within 1%, or equal once rounded to the coarsest precision stated, and the intervals meet |
| ``consistent`` | the intervals share a common part ("at least 12,000" and "about 15,000") |
| ``superseded`` | no common part, but every clash is between readings of different times (report day or as-of time): a later report revises an earlier one, and readings of one time agree among themselves |
| ``conflict`` | intervals that do not meet at one time |

An exact round number stands for its rounding step when the exact intervals do not meet:
"1,200" is [1150, 1250] (the step is at most a tenth of the value), so "1,200" and "1,204"
of one day agree; an exact count that is not round ("1,204") is what it says.

The consensus interval is the intersection when it is non-empty, the intersection of the
latest time's readings when superseded, else the hull. ``None`` is an unbounded side.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..model import Quantity
from ._text import precision

__all__ = ["Judgement", "Reading", "agrees", "judge", "reading_interval"]

_INF = math.inf


@dataclass(frozen=True, slots=True)
class Reading:
    """One claim as a verdict sees it, in the figure's unit."""

    claim: str
    low: float | None
    high: float | None
    point: float | None
    when: str | None = None  # time bucket: as-of time or report day, ISO
    origin: str | None = None


@dataclass(frozen=True, slots=True)
class Judgement:
    verdict: str
    low: float | None
    high: float | None


def reading_interval(q: Quantity, factor: float = 1.0) -> tuple[float | None, float | None, float | None]:
    """(low, high, point) of a quantity scaled by ``factor``; bounds are inferred when missing."""
    low, high, v = q.low, q.high, q.value
    if low is None and high is None and v is not None:
        p = precision(v)
        qual = q.qualifier
        if qual in ("at_least", "more_than"):
            low = v
        elif qual in ("up_to", "less_than"):
            low, high = 0.0 if v >= 0 else None, v
        elif qual == "nearly":
            low, high = v * 0.9, v
        elif qual == "approx":
            spread = max(abs(v) * 0.1, p / 2)
            low, high = v - spread, v + spread
        else:
            low, high = v - p / 2, v + p / 2
    point = v
    if point is None:
        if low is not None and high is not None:
            point = (low + high) / 2
        else:
            point = low if low is not None else high
    if factor == 1.0:
        return low, high, point
    return (None if low is None else low * factor, None if high is None else high * factor,
            None if point is None else point * factor)


def _bounds(readings: Sequence[Reading], *, wide: bool = False) -> tuple[float, float]:
    """The common part of the readings' intervals; ``wide``: exact round numbers as their rounding step."""
    if wide:
        ends = [_wide_ends(r) for r in readings]
        return max(e[0] for e in ends), min(e[1] for e in ends)
    lo = max((r.low if r.low is not None else -_INF) for r in readings)
    hi = min((r.high if r.high is not None else _INF) for r in readings)
    return lo, hi


def _wide_ends(r: Reading) -> tuple[float, float]:
    """A reading's interval, an exact round number widened to its rounding step ("1,200" is
    [1150, 1250], "5.5 billion" is [5.45, 5.55] billion; a count like "1,204" is what it says)."""
    p = r.point
    if p is not None and r.low == p and r.high == p:
        step = _step(p)
        if step != 1.0 or not float(p).is_integer():
            return p - step / 2, p + step / 2
    return (r.low if r.low is not None else -_INF), (r.high if r.high is not None else _INF)


def _meets(lo: float, hi: float) -> bool:
    return lo <= hi or (math.isfinite(lo) and math.isfinite(hi) and lo - hi <= 1e-9 * max(abs(lo), abs(hi), 1))


def _opt(x: float) -> float | None:
    return x if math.isfinite(x) else None


@lru_cache(maxsize=1 << 14)
def _step(value: float) -> float:
    """The rounding step of a stated value, at most a tenth of it ("10,000" -> 1,000)."""
    if value == 0:
        return 1.0
    return min(precision(value), 10.0 ** (math.floor(math.log10(abs(value))) - 1))


def _points_match(readings: Sequence[Reading]) -> bool:
    """Same value up to rounding: within 1%, or equal at the coarsest step with every point
    inside the interval of a coarsest reading ("about 12,000" and "12,400")."""
    vals = [r.point for r in readings]
    if any(p is None for p in vals):
        return False
    points = [p for p in vals if p is not None]
    pmin, pmax = min(points), max(points)
    if pmax - pmin <= 0.01 * max(abs(pmin), abs(pmax)):
        return True
    steps = [_step(p) for p in points]
    step = max(steps)
    if len({round(p / step) for p in points}) != 1:
        return False
    coarse = [r for r, s in zip(readings, steps, strict=True) if s == step]
    return any(all((r.low is None or r.low <= p) and (r.high is None or p <= r.high) for p in points)
               for r in coarse)


def _rounded(r: Reading) -> Reading:
    """The reading with its rounding step as its interval (see ``_wide_ends``)."""
    lo, hi = _wide_ends(r)
    if (lo, hi) == ((r.low if r.low is not None else -_INF), (r.high if r.high is not None else _INF)):
        return r
    return Reading(r.claim, lo, hi, r.point, r.when, r.origin)


def agrees(a: Reading, b: Reading) -> bool:
    """Whether two readings state the same value up to rounding (what ``judge`` calls agree)."""
    if a.point is None or b.point is None:
        return False
    pair = (a, b)
    if not _meets(*_bounds(pair)):
        if not _meets(*_bounds(pair, wide=True)):
            return False
        pair = (_rounded(a), _rounded(b))
    return _points_match(pair)


def judge(readings: Sequence[Reading]) -> Judgement:
    """The verdict and consensus interval of one figure's readings."""
    if not readings:
        return Judgement("single_source", None, None)
    lo, hi = _bounds(readings)
    if len(readings) == 1:
        return Judgement("single_source", _opt(lo), _opt(hi))
    if _meets(lo, hi):
        verdict = "agree" if _points_match(readings) else "consistent"
        return Judgement(verdict, _opt(lo), _opt(hi))
    # "1,200" and "1,204": the same value up to the rounding the first one shows
    wlo, whi = _bounds(readings, wide=True)
    if _meets(wlo, whi):
        wide = [_rounded(r) for r in readings]
        verdict = "agree" if _points_match(wide) else "consistent"
        return Judgement(verdict, _opt(wlo), _opt(whi))
    latest = _superseded(readings, wide=True)  # rounding only widens: raw meets imply wide ones
    if latest is not None:
        llo, lhi = _bounds(latest)
        if not _meets(llo, lhi):  # the latest readings meet only once rounded
            llo, lhi = _bounds(latest, wide=True)
        return Judgement("superseded", _opt(llo), _opt(lhi))
    hull_lo = min((r.low if r.low is not None else -_INF) for r in readings)
    hull_hi = max((r.high if r.high is not None else _INF) for r in readings)
    return Judgement("conflict", _opt(hull_lo), _opt(hull_hi))


def _superseded(readings: Sequence[Reading], *, wide: bool = False) -> list[Reading] | None:
    """The latest time's readings when every clash lies between different times, else None
    (``wide``: readings of one time need only meet up to rounding)."""
    buckets: dict[str, list[Reading]] = defaultdict(list)
    undated: list[Reading] = []
    for r in readings:
        (buckets[r.when] if r.when else undated).append(r)
    if len(buckets) < 2:
        return None
    for group in buckets.values():
        if not _meets(*_bounds(group, wide=wide)):
            return None
    if undated and not _undated_fit(undated, readings):
        return None
    return buckets[max(buckets)]


def _undated_fit(undated: Sequence[Reading], readings: Sequence[Reading]) -> bool:
    """An undated reading cannot be ordered: it must meet every other reading."""
    lows = sorted(((r.low if r.low is not None else -_INF), i) for i, r in enumerate(readings))
    highs = sorted(((r.high if r.high is not None else _INF), i) for i, r in enumerate(readings))
    index = {id(r): i for i, r in enumerate(readings)}
    for r in undated:
        i = index[id(r)]
        max_low = lows[-1][0] if lows[-1][1] != i else (lows[-2][0] if len(lows) > 1 else -_INF)
        min_high = highs[0][0] if highs[0][1] != i else (highs[1][0] if len(highs) > 1 else _INF)
        r_low = r.low if r.low is not None else -_INF
        r_high = r.high if r.high is not None else _INF
        if not (_meets(r_low, min_high) and _meets(max_low, r_high)):
            return False
    return True

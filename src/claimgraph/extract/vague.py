"""Vague amounts: "thousands of", "tens of thousands", "dozens", "several hundred", "a few
thousand". No point value is stated: ``value`` is None and the interval is an order of
magnitude. Compiled from the ``vague`` part of ``data/qualifiers.json``.
"""
from __future__ import annotations

import re
from typing import Any

from .qualifiers import Qualifiers
from .quantity_text import Hit, alt, norm, tok_start, toks_before
from .units import Units

__all__ = ["Vague"]

_OF_NEXT = re.compile(r"\s+of\b", re.I)


class Vague:
    """The compiled vague bases ("thousands": 1000) and few-words ("several": [3, 9])."""

    def __init__(self, table: dict[str, Any], units: Units, quals: Qualifiers) -> None:
        self.units = units
        self.quals = quals
        ci = re.I
        self.vague_bases = {k.lower(): float(v) for k, v in table["bases"].items()}
        self.vague_need_of = {w.lower() for w in table["need_of"]}
        self.few_words = {norm(k): (float(v[0]), float(v[1])) for k, v in table["few"].items()}
        self.few_max = max(k.count(" ") + 1 for k in self.few_words)
        big_plurals = [b for b in self.vague_bases if self.vague_bases[b] >= 1000]
        self.re_vague_of = re.compile(r"\s+of\s+(?P<b>" + alt(big_plurals) + r")\b", ci)
        self.re_more_bigs = re.compile(r"(?:\s+|-)(?P<b>thousand|million|billion|trillion)\b", ci)
        self.re_of_currency = re.compile(r"\s+of\s+(?P<w>" + alt(self.units.cur_word) + r")\b", ci)

    def read(self, seg: str, m: re.Match[str], last_end: int) -> Hit | int:
        s, e = m.span()
        base = m.group("word").lower()
        if s and seg[s - 1] == "-":
            return e
        size = self.vague_bases[base]
        of = self.re_vague_of.match(seg, e)
        if of and size < self.vague_bases[of["b"].lower()]:  # tens of thousands, hundreds of millions
            size *= self.vague_bases[of["b"].lower()]
            e = of.end()
        elif base in self.vague_need_of and not _OF_NEXT.match(seg, e):
            return e
        return self.hit(seg, s, e, 2 * size, 10 * size - 1, last_end)

    def few(self, seg: str, m: re.Match[str], s: int, span: tuple[float, float], last_end: int) -> Hit | int:
        lo, hi = span
        scale = self.units.scale_words.get(m.group("word").lower(), 1.0)
        e = m.end()
        for _ in range(2):
            b = self.re_more_bigs.match(seg, e)
            if not b:
                break
            scale *= self.units.scale_words[b["b"].lower()]
            e = b.end()
        return self.hit(seg, s, e, lo * scale, hi * scale, last_end)

    def hit(self, seg: str, s: int, e: int, lo: float, hi: float | None, last_end: int) -> Hit:
        unit = "count"
        oc = self.re_of_currency.match(seg, e)
        if oc:
            unit, e = self.units.cur_word[norm(oc["w"])], oc.end()
        else:
            u = self.units.unit_after(seg, e, None)
            if u and u[0] in self.units.cur_codes:
                unit, e = u[0], u[3]
        qual = "approx"
        toks, glued = toks_before(seg, max(last_end, s - 40), s)
        q = None if glued else self.quals.before(toks)
        if q:
            name = self.quals.pre[q[0]]
            if name in ("more_than", "at_least"):
                qual, hi = name, None
            elif name in ("up_to", "less_than"):
                qual, lo = name, 0.0
            s = tok_start(toks, q[1])
        return Hit(s, e, None, lo, hi, unit=unit, qualifier=qual, vague=True)

"""Qualifiers around a number: "about", "more than", "up to", "an estimated" before it; "or more",
"+", "-ish" after it. Compiled from the ``qualifiers`` part of ``data/qualifiers.json``.

:meth:`Qualifiers.leading` reads up to two phrases before a number, :meth:`Qualifiers.after`
one after it, and :meth:`Qualifiers.choose` decides the qualifier from what was read.
"""
from __future__ import annotations

import re
from typing import Any

from ..lexicon import words
from .quantity_text import LEAD_PUNCT, Tok, alt, last_word, norm, suffix, tok_start
from .units import TIME_UNITS

__all__ = ["Qualifiers"]

_MOTION = words("motion_words")
_DURATION_BOUND = words("duration_words")


class Qualifiers:
    """The compiled qualifier phrases: ``pre`` and ``post`` map a phrase to its qualifier name."""

    def __init__(self, table: dict[str, Any]) -> None:
        ci = re.I
        self.pre: dict[str, str] = {}
        self.post: dict[str, str] = {}
        for qual, spec in table.items():
            for p in spec.get("pre", []):
                self.pre.setdefault(norm(p), qual)
            for p in spec.get("post", []):
                self.post.setdefault(norm(p), qual)
        self.pre_max = max(k.count(" ") + 1 for k in self.pre)
        glued = [p for p in self.post if p[:1] in "+-" or p == "ish"]
        spaced = [p for p in self.post if p not in glued]
        self.re_post = re.compile(
            r"(?:(?P<g>" + alt(glued) + r")|,?\s+(?P<q>" + alt(spaced, bound=True) + r"))(?![\w-]|\s*\d)", ci
        )

    def before(self, toks: list[Tok]) -> tuple[str, int] | None:
        """The qualifier phrase the tokens end with: (phrase, number of tokens)."""
        return suffix(toks, self.pre, self.pre_max)

    def after(self, seg: str, end: int) -> tuple[str, int] | None:
        """A qualifier right after a number ("or more", "+", "-ish"): (qualifier, end)."""
        pq = self.re_post.match(seg, end)
        if pq:
            post_q = self.post.get(norm(pq["g"] or pq["q"] or ""))
            if post_q:
                return post_q, pq.end()
        return None

    def leading(self, toks: list[Tok], glued: str, left: int, unit_name: str) -> tuple[list[str], int, list[Tok]]:
        """The qualifiers before a number at ``left``, innermost first (at most two: "more than an
        estimated"), where the outermost starts, and the tokens that stand before it."""
        found: list[str] = []
        qstart = left
        rest = toks
        if glued:
            g = self.pre.get(glued.lower()) or self.pre.get(glued.lower().lstrip(LEAD_PUNCT))
            if g:
                found.append(g)
                qstart = left - len(glued.lstrip(LEAD_PUNCT))
            else:
                rest = []  # '“5,000': what stands before the quote mark is another phrase
        for _ in range(2):
            q = self.before(rest)
            if not q:
                break
            if q[0] == "up to" and last_word(rest, q[1] + 1) in _MOTION:
                break  # "went up to 40": a direction, not a bound
            if q[0] in ("over", "across") and unit_name in TIME_UNITS and last_word(rest, 2) not in _DURATION_BOUND:
                break  # "over 4 years": during, not more than
            found.append(self.pre[q[0]])
            qstart = tok_start(rest, q[1])
            rest = rest[:-q[1]]
        return found, qstart, rest

    @staticmethod
    def choose(found: list[str], post_q: str | None) -> str:
        """The qualifier of a number: the outer bound wins over an inner "an estimated"; a bound
        after ("some 5,000 or more") wins over an approx before."""
        bounds = [f for f in found if f != "approx"]
        if bounds:
            return bounds[-1]
        if post_q:
            return post_q
        return "approx" if found else "exact"

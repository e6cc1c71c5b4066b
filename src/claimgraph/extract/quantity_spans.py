"""Number spans: where a number may start (a digit or a number word), and what is read there.

:class:`NumberSpans` scans for anchors; :meth:`NumberSpans.read` reads one into a candidate (a
numeral with its sign, currency and scale; or a number in words), a finished vague amount, or
the offset to resume from when the number is not a quantity.
"""
from __future__ import annotations

import re

from ..lexicon import ordered, table
from .not_quantities import NotQuantities
from .number_words import NumberWords
from .numbers import CARDINALS, FRACTIONS, NUMERAL, VULGAR, parse_numeral
from .quantity_text import Candidate, Hit, Num, trie
from .units import Units

__all__ = ["NumberSpans"]


class NumberSpans:
    """The anchor pattern and the readers behind it."""

    def __init__(self, units: Units, nq: NotQuantities, words_: NumberWords) -> None:
        self.units = units
        self.nq = nq
        self.words = words_
        self.vague = words_.vague
        ci = re.I
        # anchors: where a number may start (a digit, or a number word); a trie keeps the scan fast
        words = set(CARDINALS) | set(FRACTIONS) | set(words_.multipliers) | set(words_.vague.vague_bases)
        words |= table("multipliers").keys()
        folds = [w + "fold" for w in ordered("fold_bases")]
        folds += [w[:-4] + "-fold" for w in folds]
        self.re_anchor = re.compile(
            r"(?=[\d" + "".join(VULGAR) + r"])(?P<num>(?<![\d.,])" + NUMERAL + ")"
            r"|\b(?:(?P<fold>" + trie(folds) + r")|(?P<word>" + trie(words) + r"))\b",
            ci,
        )

    def read(self, seg: str, m: re.Match[str], last_end: int) -> Candidate | Hit | int | None:
        if m.group("num") is not None:
            num = self.numeral(seg, m)
            return Candidate(num) if isinstance(num, Num) else num
        if m.group("fold") is not None:
            return self.words.fold_word(seg, m, last_end)
        w = m.group("word").lower()
        if w in self.words.multipliers:
            return self.words.multiplier(seg, m, last_end)
        if w in table("multipliers"):
            return self.words.twice(seg, m, last_end)
        if w in self.vague.vague_bases:
            return self.vague.read(seg, m, last_end)
        if w == "half":
            return self.words.half(seg, m, last_end)
        if w in FRACTIONS and w not in CARDINALS:
            return self.words.fraction_word(seg, m, last_end)
        return self.words.words(seg, m, last_end)

    def numeral(self, seg: str, m: re.Match[str]) -> Num | int | None:
        s, e = m.span()
        raw = m.group()
        n = len(seg)
        # neighbours; "\n" stands for the edge of the text
        prev = seg[s - 1] if s else "\n"
        prev2 = seg[s - 2] if s >= 2 else "\n"
        nxt = seg[e] if e < n else "\n"
        nxt2 = seg[e + 1] if e + 1 < n else "\n"
        skip = self.nq.at_numeral(seg, s, e, raw, prev, prev2, nxt, nxt2)
        if skip is not None:
            return skip

        value, sig = parse_numeral(raw)
        num = Num(s, e, value, sig, "numeral", raw=raw)
        if prev in "-−" and prev2 in " (\n\t[":
            num.sign, num.start = -1, s - 1
        elif prev == " " and seg[max(0, s - 6):s].lower() == "minus ":
            num.sign, num.start = -1, s - 6  # "minus 20 degrees"
        elif prev == "+" and prev2 in " (\n\t[":
            num.plus, num.start = True, s - 1
        if num.start > 0 and not seg[num.start - 1].isalnum() or prev.isalpha():
            cb = self.units.currency_before(seg, num.start)
            if cb is not None:
                num.cur, num.cur_start = cb
        self.units.scale(seg, num)
        return num

"""Spelled-out numbers: "five million", "two hundred and fifty", "a dozen", shares ("two-thirds",
"half of", "one in five"), multipliers ("tripled", "twice", "tenfold", "double the").

Each reader returns a :class:`~claimgraph.extract.quantity_text.Candidate` for the finder to
complete, a finished hit (vague amounts), or the offset to resume the scan from.
"""
from __future__ import annotations

import re

from ..lexicon import table, words
from .numbers import CARDINALS, SCALES, parse_words
from .qualifiers import Qualifiers
from .quantity_text import Candidate, Hit, Num, Tok, last_word, suffix, tok_start, toks_before
from .units import TIME_UNITS, Units
from .vague import Vague

__all__ = ["ONE_IN", "NumberWords"]

_FRACTION_UNITS = {"point", "percentage_point", "mile", "km", "hour", "inch", "m", "kg", "lb", "tonne"}
_FEW_SCALES = frozenset(SCALES)
_ORDINALS = words("ordinal_blockers")
_MODALS = words("multiplier_modals")
_ANAPHORIC = words("anaphoric_determiners")
_SHARE_AFTER = re.compile(
    r"(?:\s+|-)(?:of|the|its|their|his|her|our|your|all|that|this|these|those|as|again|percent)\b", re.I
)
_MULT_S_NEXT = re.compile(
    r"\s*(?:[.,;:!?)]|$)|\s+(?:its|their|his|her|the|to|in|from|by|over|every|each|again|since|within|after|when"
    r"|if|as|and|or|this|that|roughly|nearly|almost|more|yearly|annually|overnight)\b",
    re.I,
)
_OF_A_SCALE = re.compile(r"\s+of\s+an?\s+(?P<b>[A-Za-z]+)\b")
_HALF_A = re.compile(r"\s+an?\s+(?P<b>[A-Za-z]+)\b")
ONE_IN = re.compile(r"\s+(?:in|out\s+of)\s+(?=\d|[a-z])", re.I)
_FATAL_AFTER = re.compile(r"\s+(?:of\s+them\s+)?(?:" + "|".join(sorted(words("fatal_adverbs"))) + r")\b", re.I)
_COMPARATIVE_AFTER = re.compile(  # "twice as", "double the", "twice higher", "double over", "twice wider than"
    r"\s+(?:as|the|that|what|" + "|".join(sorted(words("comparatives"))) + r"|over|above|below|[a-z]+er\s+than)\b",
    re.I,
)
_DOUBLE_THE = re.compile(r"\s+(?:the|that|what|its|their)\b", re.I)


class NumberWords:
    """Readers of numbers in words, over the compiled units, qualifiers and vague amounts."""

    def __init__(self, units: Units, quals: Qualifiers, multipliers: dict[str, tuple[float, str]], vague: Vague) -> None:
        self.units = units
        self.quals = quals
        self.multipliers = multipliers
        self.vague = vague

    def words(self, seg: str, m: re.Match[str], last_end: int) -> Candidate | Hit | int | None:
        s = m.start()
        w = m.group("word").lower()
        begin = s
        toks, glued = toks_before(seg, max(0, s - 24), s)
        if w in _FEW_SCALES:
            fb = None if glued else suffix(toks, self.vague.few_words, self.vague.few_max)
            if fb:
                return self.vague.few(seg, m, tok_start(toks, fb[1]), self.vague.few_words[fb[0]], last_end)
            if glued or last_word(toks) not in ("a", "an"):
                return m.end()  # "million" alone: "the million-man march"
            begin = toks[-1][0]
        wn = parse_words(seg, begin)
        if wn is None:
            return m.end()
        if wn.fraction:
            text = seg[wn.start:wn.end]
            definite = "-" in text or text.lower().endswith("s")  # "one-third", "two thirds"
            return self.share(seg, wn.start, wn.end, wn.value, last_end, definite=definite)
        num = Num(wn.start, wn.end, wn.value, wn.sig, "word", raw=seg[wn.start:wn.end], mult=wn.trail)
        if wn.value == 1 and wn.tokens == 1 and w == "one" and not self.one_counts(seg, num, toks):
            return m.end()
        if wn.tokens == 1 and wn.value <= 10 and not glued and last_word(toks) in _ANAPHORIC \
                and not self.units.unit_after(seg, num.end, num):
            return m.end()  # "the two nations": a reference back, not a count
        return Candidate(num)

    def one_counts(self, seg: str, num: Num, toks: list[Tok]) -> bool:
        """A lone "one" counts only with a bounding qualifier, in "one in five", before a fatal adverb
        ("shot, one fatally"), or with a non-time unit."""
        if _FATAL_AFTER.match(seg, num.end):
            return True
        q = self.quals.before(toks)
        if q and self.quals.pre[q[0]] != "approx":
            return True
        oi = ONE_IN.match(seg, num.end)
        if oi and self.units.number_at(seg, oi.end()):
            return True
        u = self.units.unit_after(seg, num.end, num)
        return bool(u and u[0] not in TIME_UNITS and u[0] != "point")

    def fraction_word(self, seg: str, m: re.Match[str], last_end: int) -> Candidate | Hit | int | None:
        """ "a third of", "a quarter": a fraction word after an article (numerators in words are read earlier)."""
        s = m.start()
        toks, glued = toks_before(seg, max(0, s - 4), s)
        if glued or last_word(toks) not in ("a", "an"):
            return m.end()
        wn = parse_words(seg, toks[-1][0])
        if wn is None or not wn.fraction:
            return m.end()
        return self.share(seg, wn.start, wn.end, wn.value, last_end, definite=False)

    def half(self, seg: str, m: re.Match[str], last_end: int) -> Candidate | Hit | int | None:
        s, e = m.span()
        after = _HALF_A.match(seg, e)
        if after:  # half a million, half a dozen, half an hour
            word = after["b"].lower()
            if word in self.units.scale_words:
                f = self.units.scale_words[word]
                num = Num(s, after.end(), 0.5 * f, 1, "word", raw=seg[s:after.end()], mult=f)
                return Candidate(num)
            if word in self.units.unit_word or word in self.units.cur_word:
                num = Num(s, after.start("b") - 1, 0.5, 1, "word", raw="half")
                return Candidate(num)
        return self.share(seg, s, e, 0.5, last_end, definite=False)

    def share(self, seg: str, s: int, e: int, value: float, last_end: int, *, definite: bool) -> Candidate | Hit | int | None:
        """A fraction as a share ("nearly one-third", "half of", "cut by half"), else not a quantity."""
        toks, glued = toks_before(seg, max(0, s - 40), s)
        last = "" if glued else last_word(toks)
        ok = definite or bool(_SHARE_AFTER.match(seg, e)) or last in ("by", "in", "into")
        if not ok and not glued:
            ok = self.quals.before(toks) is not None
        if not ok or last in _ORDINALS:
            return e
        of = _OF_A_SCALE.match(seg, e)
        if of and of["b"].lower() in self.units.scale_words:  # "a quarter of a million"
            f = self.units.scale_words[of["b"].lower()]
            return Candidate(Num(s, of.end(), value * f, 1, "word", raw=seg[s:of.end()], mult=f))
        u = self.units.unit_after(seg, e, None)
        if u and u[0] in _FRACTION_UNITS:  # "a quarter point", "a quarter mile": a fraction of that unit
            return Candidate(Num(s, e, value, 1, "word", raw=seg[s:e]))
        return Candidate(Num(s, e, value, 1, "fraction", raw=seg[s:e]), unit="ratio")

    def multiplier(self, seg: str, m: re.Match[str], last_end: int) -> Candidate | Hit | int | None:
        s, e = m.span()
        word = m.group("word").lower()
        value, direction = self.multipliers[word]
        if e < len(seg) and seg[e] == "-":
            return e
        if word.endswith("s") and not _MULT_S_NEXT.match(seg, e):
            return e  # "the doubles match": a noun, not "output doubles every year"
        return Candidate(Num(s, e, value, 1, "fraction", raw=m.group()), unit="ratio", no_right=True, change=direction)

    def twice(self, seg: str, m: re.Match[str], last_end: int) -> Candidate | Hit | int | None:
        s, e = m.span()
        w = m.group("word").lower()
        if e < len(seg) and seg[e] == "-":
            return e  # double-digit, triple-A
        if w in ("twice", "thrice"):
            num = Num(s, e, 2.0 if w == "twice" else 3.0, 1, "fraction", raw=m.group())
            unit = "ratio" if _COMPARATIVE_AFTER.match(seg, e) else "count"
            return Candidate(num, unit=unit, no_right=True)
        # double / triple / halve: a verb after a modal ("will double"), or "double the"
        v = table("multipliers")[w]
        toks, glued = toks_before(seg, max(0, s - 30), s)
        modal = not glued and (last_word(toks) in _MODALS or " ".join(t for _, t in toks[-2:]).lower() == "more than")
        if not (modal or (w != "halve" and _DOUBLE_THE.match(seg, e))):
            return e
        change = ("down" if v < 1 else "up") if modal else None
        return Candidate(Num(s, e, v, 1, "fraction", raw=m.group()), unit="ratio", no_right=True, change=change)

    def fold_word(self, seg: str, m: re.Match[str], last_end: int) -> Candidate | Hit | int | None:
        s, e = m.span()
        v = float(CARDINALS.get(m.group("fold").lower().replace("-", "")[:-4], 0))
        if v <= 0:
            return e
        return Candidate(Num(s, e, v, 1, "fraction", raw=m.group()), unit="ratio", no_right=True)

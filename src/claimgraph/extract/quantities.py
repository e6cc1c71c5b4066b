"""The quantity finder: every number mention in a text, as a :class:`~claimgraph.model.Quantity`.

Pure ``re``; no model. ``find_quantities(text, start, end)`` scans ``text[start:end]`` and
returns quantities with absolute offsets, sorted and non-overlapping. Each span covers the
qualifier, the number, its currency, scale and unit, a rate and a trailing qualifier:
"as much as $5.5 billion", "an estimated 15,000", "about $572 million per year",
"nearly one-third", "between 3 and 4 million", "5,000 or more".

What it reads
    numerals ("15,000", "1.2", "1,00,000"), number words ("five million", "two hundred and
    fifty", "a dozen", "one and a half"), scales ("bn", "m", "k", "crore"), currencies before
    or after the number (``$ US$ € £ ₩ ₹ ₽ ₴ Rs USD``... "euros", "won"; ISO codes as units),
    percentages (unit ``percent``, value 60 for "60%"), percentage and basis points,
    fractions and shares ("two-thirds", "a quarter of", "half the", "one in five": unit
    ``ratio``), multipliers ("tripled" → ratio 3, change up; "halved" → 0.5, down; "tenfold",
    "three times as many"), ranges ("11,000-12,000", "11,000 to 12,000", "between 3 and 4
    million": low/high set, value the midpoint, scale and unit shared), rates ("$5 a day",
    "per year", "annually", "bpd": ``per``) and measurement units (normalised: km, mile, kg,
    tonne, barrel, mm, MW, hectare, celsius, year, ...; a bare count is unit ``count``).

Vague amounts
    "thousands of", "hundreds of thousands", "dozens", "several hundred", "a few thousand"
    have ``vague=True``, ``value=None`` (no point value is stated) and an order-of-magnitude
    interval: a plural of magnitude S ("thousands": S=1000, "tens of thousands": S=10**4)
    gives [2·S, 10·S − 1]; "several" / "a few" / "a couple of" times a scale word give
    [3, 9] / [2, 5] / [2, 3] times the scale. Qualifier ``approx``.

Qualifiers and intervals
    See :mod:`claimgraph.extract.numbers` (``interval``): exact [v, v]; approx is
    rounding-aware (±15/10/5/2 % for 1/2/3/4+ significant digits); at_least and more_than
    [v, None]; up_to and less_than [0, v]; nearly [0.9 v, v]. The phrases are in
    ``data/qualifiers.json``.

Change
    ``change`` is "up" / "down" when the number is a change, not a level: after a change verb
    ("rose by 300", "fell 5%", "increased 20 percent", "down 5 percent"), before a change noun
    ("a 20% increase", "1,000 job cuts"), after a noun with "of" ("a drop of 5%"), a
    comparative ("5% higher") or a multiplier ("tripled", "halved", "cut by half"). "fell to
    40" and "rose from 30 to 40" are levels (change None). Verbs that also take plain
    objects ("lost", "cut", "added") mark a change only for percent, points, money and ratios.

Not quantities (nothing is returned)
    dates and times ("December 23, 2024", "Dec. 23", "4:54 PM", "10am", "1500 GMT"), years
    (a bare 1000-2100 integer unless a qualifier, currency or unit makes it an amount; year
    spans "2023-24"; decades "1990s"), ordinals ("21st", "first"), names and designations
    (a number glued to letters or after a letter and hyphen: "Hwasong-11", "M1989", "G7",
    "COVID-19", "mid-2024"; after a designator word: "Article 5", "Boeing 737", "Route 66",
    "S&P 500", see ``data/not_quantities.json``), calibres naming a weapon type ("155mm shells",
    "240mm multiple-launch rocket systems": a mm/cm/inch/calibre number followed within three
    words by a weapon noun), reading times ("2 min read"), phone numbers, versions and IP
    addresses ("3.5.1"), fractions and dates with a slash ("24/7", "9/11"), list numbering at
    a line start ("1. "), sports scores and vote tallies ("3-1", "a 5-4 ruling": "N-M" with
    N ≥ M or a score word near), "one" as a pronoun or determiner ("one of the", "one photo",
    "no one", "one day": "one" counts only with a qualifier, a scale, a non-time unit or in
    "one in five"), a lone "a", and "half"/"a third"/"a quarter" when not a share ("first
    half", "a third term": a share needs "of"/a determiner after, a qualifier or "by" before,
    or a hyphenated/plural form such as "two-thirds").

Extending
    ``Lexicon.load(extra)`` merges user JSON (same shape as the files in ``data/``) into the
    defaults; ``QuantityFinder(lexicon)`` compiles it. ``find_quantities`` uses the defaults.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import Quantity
from .changes import Changes
from .local_currency import currencies_in
from .not_quantities import NotQuantities
from .numbers import CARDINALS, FRACTIONS, interval, parse_numeral, parse_words
from .qualifiers import Qualifiers
from .quantity_lexicon import Lexicon
from .quantity_ranges import read_range
from .quantity_text import (
    Hit,
    Num,
    Tok,
    alt,
    is_yearlike,
    last_word,
    norm,
    suffix,
    tok_start,
    token_end,
    toks_before,
    trie,
)
from .units import TIME_UNITS, Units

__all__ = ["Lexicon", "QuantityFinder", "find_quantities"]

_FRACTION_UNITS = {"point", "percentage_point", "mile", "km", "hour", "inch", "m", "kg", "lb", "tonne"}
_PREFIX_UNITS = {"magnitude": "magnitude", "richter": "magnitude"}
_FEW_SCALES = {"hundred", "thousand", "million", "billion", "trillion", "dozen", "lakh", "crore"}
_ORDINALS = {"first", "second", "third", "fourth", "final", "last", "next", "other", "latter", "former", "each", "every",
             "per", "top", "bottom", "back", "front", "better", "bigger", "larger", "greater", "lower", "upper", "opening",
             "closing", "the"}
_MODALS = {"to", "will", "would", "could", "can", "may", "might", "should", "must", "shall", "nearly", "almost",
           "roughly", "about", "'ll", "’ll"}
_ANAPHORIC = {"the", "these", "those", "all"}


# ----------------------------------------------------------------------------- the finder


class QuantityFinder:
    """Finds quantity mentions with a compiled :class:`Lexicon`; call it like :func:`find_quantities`."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lex = lexicon or Lexicon.load()
        self._compile()

    # ------------------------------------------------------------------ compile
    def _compile(self) -> None:
        U, Q, N = self.lex.units, self.lex.qualifiers, self.lex.not_quantities
        ci = re.I
        self.units = Units(U)
        self.quals = Qualifiers(Q["qualifiers"])
        self.changes = Changes(Q["changes"])
        self.nq = NotQuantities(N, self.units, self.quals)

        # vague amounts
        vg = Q["vague"]
        self.vague_bases = {k.lower(): float(v) for k, v in vg["bases"].items()}
        self.vague_need_of = {w.lower() for w in vg["need_of"]}
        self.few = {norm(k): (float(v[0]), float(v[1])) for k, v in vg["few"].items()}
        self.few_max = max(k.count(" ") + 1 for k in self.few)
        big_plurals = [b for b in self.vague_bases if self.vague_bases[b] >= 1000]
        self.re_vague_of = re.compile(r"\s+of\s+(?P<b>" + alt(big_plurals) + r")\b", ci)
        self.re_more_bigs = re.compile(r"(?:\s+|-)(?P<b>thousand|million|billion|trillion)\b", ci)
        self.re_of_currency = re.compile(r"\s+of\s+(?P<w>" + alt(self.units.cur_word) + r")\b", ci)

        # anchors: where a number may start (a digit, or a number word); a trie keeps the scan fast
        words = set(CARDINALS) | set(FRACTIONS) | set(self.changes.multipliers) | set(self.vague_bases)
        words |= {"twice", "thrice", "double", "triple", "treble", "quadruple", "halve"}
        folds = [w + "fold" for w in ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twenty",
                                      "hundred", "thousand")]
        folds += [w[:-4] + "-fold" for w in folds]
        self.re_anchor = re.compile(
            r"(?=\d)(?P<num>(?<![\d.,])(?:\d{1,2}(?:,\d\d)+,\d{3}(?!\d)|\d{1,3}(?:,\d{3}(?!\d))+(?:\.\d+)?"
            r"|\d+(?:\.\d+)?))"
            r"|\b(?:(?P<fold>" + trie(folds) + r")|(?P<word>" + trie(words) + r"))\b",
            ci,
        )

    # ------------------------------------------------------------------ scan
    def __call__(self, text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
        end = len(text) if end is None else min(end, len(text))
        start = max(0, start)
        seg = text[start:end]
        out: list[Quantity] = []
        pos = last_end = 0
        search = self.re_anchor.search
        while True:
            m = search(seg, pos)
            if m is None:
                break
            res = self._at(seg, m, last_end)
            if isinstance(res, Hit):
                s = max(res.start, last_end)
                out.append(Quantity(
                    start=start + s, end=start + res.end, value=res.value, low=res.low, high=res.high,
                    unit=res.unit, qualifier=res.qualifier, change=res.change, text=seg[s:res.end],
                    per=res.per, vague=res.vague,
                ))
                last_end = pos = res.end
            elif isinstance(res, int) and res > m.start():
                pos = res
            else:
                pos = m.end()
        return out

    def _at(self, seg: str, m: re.Match[str], last_end: int) -> Hit | int | None:
        if m.group("num") is not None:
            num = self._numeral(seg, m)
            return self._complete(seg, num, last_end) if isinstance(num, Num) else num
        if m.group("fold") is not None:
            return self._fold_word(seg, m, last_end)
        w = m.group("word").lower()
        if w in self.changes.multipliers:
            return self._multiplier(seg, m, last_end)
        if w in ("twice", "thrice", "double", "triple", "treble", "quadruple", "halve"):
            return self._twice(seg, m, last_end)
        if w in self.vague_bases:
            return self._vague(seg, m, last_end)
        if w == "half":
            return self._half(seg, m, last_end)
        if w in FRACTIONS and w not in CARDINALS:
            return self._fraction_word(seg, m, last_end)
        return self._words(seg, m, last_end)

    # ------------------------------------------------------------------ numerals
    def _numeral(self, seg: str, m: re.Match[str]) -> Num | int | None:  # noqa: C901 - a list of exclusions
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

    # ------------------------------------------------------------------ spelled-out numbers
    def _words(self, seg: str, m: re.Match[str], last_end: int) -> Hit | int | None:
        s = m.start()
        w = m.group("word").lower()
        begin = s
        toks, glued = toks_before(seg, max(0, s - 24), s)
        if w in _FEW_SCALES:
            fb = None if glued else suffix(toks, self.few, self.few_max)
            if fb:
                return self._few(seg, m, tok_start(toks, fb[1]), self.few[fb[0]], last_end)
            if glued or last_word(toks) not in ("a", "an"):
                return m.end()  # "million" alone: "the million-man march"
            begin = toks[-1][0]
        wn = parse_words(seg, begin)
        if wn is None:
            return m.end()
        if wn.fraction:
            text = seg[wn.start:wn.end]
            definite = "-" in text or text.lower().endswith("s")  # "one-third", "two thirds"
            return self._share(seg, wn.start, wn.end, wn.value, last_end, definite=definite)
        num = Num(wn.start, wn.end, wn.value, wn.sig, "word", raw=seg[wn.start:wn.end], mult=wn.trail)
        if wn.value == 1 and wn.tokens == 1 and w == "one" and not self._one_counts(seg, num, toks):
            return m.end()
        if wn.tokens == 1 and wn.value <= 10 and not glued and last_word(toks) in _ANAPHORIC \
                and not self.units.unit_after(seg, num.end, num):
            return m.end()  # "the two nations": a reference back, not a count
        return self._complete(seg, num, last_end)

    def _one_counts(self, seg: str, num: Num, toks: list[Tok]) -> bool:
        """A lone "one" counts only with a bounding qualifier, in "one in five", or with a non-time unit."""
        q = self.quals.before(toks)
        if q and self.quals.pre[q[0]] != "approx":
            return True
        oi = _ONE_IN.match(seg, num.end)
        if oi and self.units.number_at(seg, oi.end()):
            return True
        u = self.units.unit_after(seg, num.end, num)
        return bool(u and u[0] not in TIME_UNITS and u[0] != "point")

    def _fraction_word(self, seg: str, m: re.Match[str], last_end: int) -> Hit | int | None:
        """ "a third of", "a quarter": a fraction word after an article (numerators in words are read earlier)."""
        s = m.start()
        toks, glued = toks_before(seg, max(0, s - 4), s)
        if glued or last_word(toks) not in ("a", "an"):
            return m.end()
        wn = parse_words(seg, toks[-1][0])
        if wn is None or not wn.fraction:
            return m.end()
        return self._share(seg, wn.start, wn.end, wn.value, last_end, definite=False)

    def _half(self, seg: str, m: re.Match[str], last_end: int) -> Hit | int | None:
        s, e = m.span()
        after = _HALF_A.match(seg, e)
        if after:  # half a million, half a dozen, half an hour
            word = after["b"].lower()
            if word in self.units.scale_words:
                f = self.units.scale_words[word]
                num = Num(s, after.end(), 0.5 * f, 1, "word", raw=seg[s:after.end()], mult=f)
                return self._complete(seg, num, last_end)
            if word in self.units.unit_word or word in self.units.cur_word:
                num = Num(s, after.start("b") - 1, 0.5, 1, "word", raw="half")
                return self._complete(seg, num, last_end)
        return self._share(seg, s, e, 0.5, last_end, definite=False)

    def _share(self, seg: str, s: int, e: int, value: float, last_end: int, *, definite: bool) -> Hit | int | None:
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
            return self._complete(seg, Num(s, of.end(), value * f, 1, "word", raw=seg[s:of.end()], mult=f), last_end)
        u = self.units.unit_after(seg, e, None)
        if u and u[0] in _FRACTION_UNITS:  # "a quarter point", "a quarter mile": a fraction of that unit
            return self._complete(seg, Num(s, e, value, 1, "word", raw=seg[s:e]), last_end)
        return self._complete(seg, Num(s, e, value, 1, "fraction", raw=seg[s:e]), last_end, unit="ratio")

    def _multiplier(self, seg: str, m: re.Match[str], last_end: int) -> Hit | int | None:
        s, e = m.span()
        word = m.group("word").lower()
        value, direction = self.changes.multipliers[word]
        if e < len(seg) and seg[e] == "-":
            return e
        if word.endswith("s") and not _MULT_S_NEXT.match(seg, e):
            return e  # "the doubles match": a noun, not "output doubles every year"
        hit = self._complete(seg, Num(s, e, value, 1, "fraction", raw=m.group()), last_end, unit="ratio",
                             no_right=True)
        if isinstance(hit, Hit):
            hit.change = direction
        return hit

    def _twice(self, seg: str, m: re.Match[str], last_end: int) -> Hit | int | None:
        s, e = m.span()
        w = m.group("word").lower()
        if e < len(seg) and seg[e] == "-":
            return e  # double-digit, triple-A
        if w in ("twice", "thrice"):
            num = Num(s, e, 2.0 if w == "twice" else 3.0, 1, "fraction", raw=m.group())
            unit = "ratio" if _COMPARATIVE_AFTER.match(seg, e) else "count"
            return self._complete(seg, num, last_end, unit=unit, no_right=True)
        # double / triple / halve: a verb after a modal ("will double"), or "double the"
        v = {"double": 2.0, "triple": 3.0, "treble": 3.0, "quadruple": 4.0, "halve": 0.5}[w]
        toks, glued = toks_before(seg, max(0, s - 30), s)
        modal = not glued and (last_word(toks) in _MODALS or " ".join(t for _, t in toks[-2:]).lower() == "more than")
        if not (modal or (w != "halve" and _DOUBLE_THE.match(seg, e))):
            return e
        hit = self._complete(seg, Num(s, e, v, 1, "fraction", raw=m.group()), last_end, unit="ratio", no_right=True)
        if isinstance(hit, Hit) and modal:
            hit.change = "down" if v < 1 else "up"
        return hit

    def _fold_word(self, seg: str, m: re.Match[str], last_end: int) -> Hit | int | None:
        s, e = m.span()
        v = float(CARDINALS.get(m.group("fold").lower().replace("-", "")[:-4], 0))
        if v <= 0:
            return e
        return self._complete(seg, Num(s, e, v, 1, "fraction", raw=m.group()), last_end, unit="ratio",
                              no_right=True)

    # ------------------------------------------------------------------ vague amounts
    def _vague(self, seg: str, m: re.Match[str], last_end: int) -> Hit | int | None:
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
        return self._vague_hit(seg, s, e, 2 * size, 10 * size - 1, last_end)

    def _few(self, seg: str, m: re.Match[str], s: int, span: tuple[float, float], last_end: int) -> Hit | int | None:
        lo, hi = span
        scale = self.units.scale_words.get(m.group("word").lower(), 1.0)
        e = m.end()
        for _ in range(2):
            b = self.re_more_bigs.match(seg, e)
            if not b:
                break
            scale *= self.units.scale_words[b["b"].lower()]
            e = b.end()
        return self._vague_hit(seg, s, e, lo * scale, hi * scale, last_end)

    def _vague_hit(self, seg: str, s: int, e: int, lo: float, hi: float | None, last_end: int) -> Hit:
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

    # ------------------------------------------------------------------ completion
    def _complete(  # noqa: C901 - the one place where a number meets its context
        self, seg: str, num: Num, last_end: int, *, unit: str | None = None, no_right: bool = False
    ) -> Hit | int | None:
        """Weigh a number's context: range, unit, rate, qualifiers, change; drop names, years and calibres."""
        n = len(seg)
        end = num.end
        unit_name = unit
        per: str | None = None
        cur = num.cur
        rng: tuple[float, float] | None = None
        left = num.cur_start if num.cur_start >= 0 else num.start
        toks, glued = toks_before(seg, max(last_end, left - 64), left)
        between = not glued and last_word(toks) in ("between", "from")

        if num.kind == "numeral" and num.mult == 1 and cur is None:
            c = self.units.re_calibre.match(seg, end)
            if c:
                return c.end()  # ".50 calibre", "50-caliber machine gun": a weapon type
        if unit is None:
            fm = _FOLD_AFTER.match(seg, end)
            if fm:  # "10-fold", "three-fold"
                unit_name, end, no_right = "ratio", fm.end(), True
        if unit is None and not no_right:
            tm = _TIMES_AS.match(seg, end)
            if tm:  # "three times as many", "5 times higher"
                unit_name, end, no_right = "ratio", tm.end("t"), True
        if unit is None and not no_right and num.mult == 1 and num.value == int(num.value):
            oi = _ONE_IN.match(seg, end)
            den = self.units.number_at(seg, oi.end()) if oi else None
            if oi and den is not None and den[0] > num.value and not is_yearlike(seg[oi.end():den[1]]) \
                    and not self.units.unit_after(seg, den[1], None):  # "one in five", "9 out of 10"
                num.value /= den[0]
                unit_name, end, no_right = "ratio", den[1], True

        if not no_right:
            u = self.units.unit_after(seg, end, num)
            if u and u[0] in self.units.cur_codes and cur is not None and u[0] != cur:
                u = None
            if u is None and end < n and (seg[end].isalpha() or seg[end] == "_") and num.kind == "numeral":
                return token_end(seg, end)  # 5G, 3D, 21st, 1990s
            r = read_range(self.units, self.changes, self.nq, seg, num, u, end, between, toks)
            if isinstance(r, int):
                return r
            if r is not None:
                lo_v, hi_v, end, u, cur2 = r
                rng = (lo_v, hi_v)
                cur = cur or cur2
            if u is not None:
                uname, uper, uscale, uend = u
                if uname in self.units.cur_codes:
                    cur = cur or uname
                else:
                    unit_name, per = uname, uper
                if uscale != 1:
                    num.value *= uscale
                    if rng:
                        rng = (rng[0] * uscale, rng[1] * uscale)
                end = max(end, uend)
                if unit_name in TIME_UNITS:
                    old = _OLD.match(seg, end)
                    end = old.end() if old else end
            if cur is not None and unit_name is None:
                unit_name = cur
        unit_name = unit_name or "count"
        if unit_name == "count" and not glued and last_word(toks) in _PREFIX_UNITS:
            unit_name = _PREFIX_UNITS[last_word(toks)]  # "magnitude 7.8"
            left = toks[-1][0]
            toks = toks[:-1]

        skip = self.nq.name_or_year(seg, num, toks, glued, unit_name, cur, rng is not None, end)
        if skip is not None:
            return skip

        if not no_right:
            pr = self.units.per(seg, end)
            if pr:
                per, end = pr
        post_q = None
        if not no_right:
            pa = self.quals.after(seg, end)
            if pa:
                post_q, end = pa

        found, qstart, rest = self.quals.leading(toks, glued, left, unit_name)
        qual = self.quals.choose(found, post_q)

        change = self.changes.direction(seg, num, unit_name, rest, end, no_right, self.units.cur_codes)
        if between and rng is not None:
            qstart = min(qstart, tok_start(toks, 1))

        if rng is not None:
            lo, hi = rng[0] * num.sign, rng[1]
            low: float | None = lo
            high: float | None = hi
            if qual == "approx":
                low, high = interval(lo, "approx", num.sig)[0], interval(hi, "approx", num.sig)[1]
            elif qual in ("at_least", "more_than"):
                high = None
            elif qual in ("up_to", "less_than"):
                low = 0.0
            elif qual == "nearly":
                low = lo * 0.9
            return Hit(qstart, end, _clean((lo + hi) / 2), _fl(low), _fl(high), unit=unit_name, qualifier=qual,
                        change=change, per=per)
        value = num.value * num.sign
        low, high = interval(value, qual, num.sig)
        return Hit(qstart, end, _clean(value), _fl(low), _fl(high), unit=unit_name, qualifier=qual, change=change,
                    per=per)

    # ------------------------------------------------------------------ pieces of context
# ----------------------------------------------------------------------------- module regexes and helpers

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
_ONE_IN = re.compile(r"\s+(?:in|out\s+of)\s+(?=\d|[a-z])", re.I)
_FOLD_AFTER = re.compile(r"-?fold\b", re.I)
_TIMES_AS = re.compile(
    r"(?P<t>\s+times)\s+(?:as|more|less|higher|lower|larger|smaller|bigger|greater|faster|slower|longer|the|that|what"
    r"|[a-z]+er\b)",
    re.I,
)
_COMPARATIVE_AFTER = re.compile(
    r"\s+(?:as|the|that|what|more|less|fewer|higher|lower|larger|smaller|bigger|greater|faster|slower|longer"
    r"|shorter|over|above|below|[a-z]+er\s+than)\b",
    re.I,
)
_DOUBLE_THE = re.compile(r"\s+(?:the|that|what|its|their)\b", re.I)
_OF_NEXT = re.compile(r"\s+of\b", re.I)
_OLD = re.compile(r"[-\s]old\b", re.I)


def _fl(x: float | None) -> float | None:
    return None if x is None else float(x)


def _clean(x: float) -> float:
    """Snap float noise on whole numbers: 5500000000.000001 → 5500000000.0."""
    r = round(x)
    return float(r) if abs(x - r) <= 1e-9 * max(1.0, abs(x)) else x


@lru_cache(maxsize=1)
def _default() -> QuantityFinder:
    return QuantityFinder()


@lru_cache(maxsize=16)
def _with_currencies(codes: tuple[tuple[str, str], ...]) -> QuantityFinder:
    extra = {code: {"words": [word, word + "s"]} for code, word in codes}
    return QuantityFinder(Lexicon.load({"units": {"currencies": extra}}))


def local_currencies(text: str) -> tuple[tuple[str, str], ...]:
    """Currencies a text names that the lexicon does not know, as (code, singular word) pairs;
    the code is the word's first three letters (an ``X`` code where that is taken)."""
    return currencies_in(text, _default().units)


def find_quantities(text: str, start: int = 0, end: int | None = None, *,
                    currencies: tuple[tuple[str, str], ...] = ()) -> list[Quantity]:
    """Every quantity mention in ``text[start:end]``: offsets absolute into ``text``, sorted, non-overlapping.
    ``currencies``: (code, word) pairs of local currencies to know besides the lexicon's."""
    finder = _with_currencies(currencies) if currencies else _default()
    return finder(text, start, end)

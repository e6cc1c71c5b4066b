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

Layout
    Candidates, then context, then decision, one module each: ``quantity_spans`` (where a number
    starts; numerals), ``number_words`` (numbers in words, shares, multipliers), ``vague``
    ("thousands of"), ``units`` (units, currencies, scales, rates), ``quantity_ranges``,
    ``qualifiers``, ``changes``, ``not_quantities`` (dates, names, scores...). This module
    assembles them: :class:`QuantityFinder` completes each candidate with its context.
    ``local_currency`` finds currencies the lexicon lacks; ``quantity_text`` holds shared helpers.

Extending
    ``Lexicon.load(extra)`` merges user JSON (same shape as the files in ``data/``) into the
    defaults; ``QuantityFinder(lexicon)`` compiles it. ``find_quantities`` uses the defaults.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import words
from ..model import Quantity
from .changes import Changes
from .local_currency import currencies_in
from .not_quantities import NotQuantities
from .number_words import ONE_IN, NumberWords
from .numbers import VULGAR, in_range, interval
from .qualifiers import Qualifiers
from .quantity_lexicon import Lexicon
from .quantity_ranges import read_range
from .quantity_spans import NumberSpans
from .quantity_text import (
    Candidate,
    Hit,
    Num,
    is_yearlike,
    last_word,
    tok_start,
    token_end,
    toks_before,
)
from .units import TIME_UNITS, Units
from .vague import Vague

__all__ = ["Lexicon", "QuantityFinder", "find_quantities", "local_currencies"]

_PREFIX_UNITS = {"magnitude": "magnitude", "richter": "magnitude"}


# ----------------------------------------------------------------------------- the finder


class QuantityFinder:
    """Finds quantity mentions with a compiled :class:`Lexicon`; call it like :func:`find_quantities`."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lex = lexicon or Lexicon.load()
        self._compile()

    # ------------------------------------------------------------------ compile
    def _compile(self) -> None:
        U, Q, N = self.lex.units, self.lex.qualifiers, self.lex.not_quantities
        self.units = Units(U)
        self.quals = Qualifiers(Q["qualifiers"])
        self.changes = Changes(Q["changes"])
        self.nq = NotQuantities(N, self.units, self.quals)
        self.vague = Vague(Q["vague"], self.units, self.quals)
        self.spans = NumberSpans(self.units, self.nq, NumberWords(self.units, self.quals, self.changes.multipliers,
                                                                  self.vague))

    # ------------------------------------------------------------------ scan
    def __call__(self, text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
        end = len(text) if end is None else min(end, len(text))
        start = max(0, start)
        seg = text[start:end]
        out: list[Quantity] = []
        pos = last_end = 0
        search = self.spans.re_anchor.search
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
                    per=res.per, vague=res.vague, out_of_range=res.out_of_range,
                ))
                last_end = pos = res.end
            elif isinstance(res, int) and res > m.start():
                pos = res
            else:
                pos = m.end()
        return out

    def _at(self, seg: str, m: re.Match[str], last_end: int) -> Hit | int | None:
        """The quantity at an anchor: its candidate completed with its context."""
        res = self.spans.read(seg, m, last_end)
        if not isinstance(res, Candidate):
            return res
        num = res.num
        if m.group("num") is not None:
            if not in_range(num.value):  # kept as text and flagged; its neighbours keep their claims
                s = num.cur_start if num.cur_start >= 0 else num.start
                return Hit(s, num.end, None, None, None, unit=num.cur or "count", out_of_range=True)
            if num.raw in VULGAR and num.mult == 1:  # "½ of the homes": a share, as "half" is
                share = self.spans.words.share(seg, num.start, num.end, num.value, last_end, definite=False)
                if not isinstance(share, Candidate):
                    return share
                res = share
        hit = self._complete(seg, res.num, last_end, unit=res.unit, no_right=res.no_right)
        if isinstance(hit, Hit) and res.change is not None:
            hit.change = res.change
        return hit

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
            oi = ONE_IN.match(seg, end)
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

        return _hit(num, rng, qual, qstart, end, unit_name, change, per)


# ----------------------------------------------------------------------------- module regexes and helpers

_FOLD_AFTER = re.compile(r"-?fold\b", re.I)
_TIMES_AS = re.compile(  # "three times as many", "5 times higher", "ten times the"
    r"(?P<t>\s+times)\s+(?:as|the|that|what|" + "|".join(sorted(words("comparatives"))) + r"|[a-z]+er\b)",
    re.I,
)
_OLD = re.compile(r"[-\s]old\b", re.I)


def _hit(num: Num, rng: tuple[float, float] | None, qual: str, qstart: int, end: int, unit_name: str,
         change: str | None, per: str | None) -> Hit:
    """The quantity span: its value and the interval its qualifier (and a range) give."""
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

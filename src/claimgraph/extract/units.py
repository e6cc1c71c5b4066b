"""Units, currencies, scales and rates after (or before) a number, compiled from ``data/units.json``.

``Units(table)`` compiles the ``units`` part of a :class:`~claimgraph.extract.quantity_lexicon.Lexicon`;
its methods read at one offset of the scanned segment: :meth:`Units.scale` ("5.5 billion", "€300m"),
:meth:`Units.unit_after` ("km", "percent", "euros": currencies as ISO codes), :meth:`Units.per`
("a day", "per year", "annually") and :meth:`Units.currency_before` ("$", "US$", "Rs").
"""
from __future__ import annotations

import re
from typing import Any

from ..lexicon import ordered
from .numbers import NUMERAL as NUMERAL_PATTERN
from .numbers import parse_numeral, parse_words
from .quantity_text import Num, Unit, alt, norm

__all__ = ["NUMERAL", "PCT_LIKE", "TIME_UNITS", "Units"]

PCT_LIKE = {"percent", "percentage_point", "basis_point", "point"}
TIME_UNITS = {"year", "month", "week", "day", "hour", "minute", "second", "decade", "century", "night"}

NUMERAL = re.compile(NUMERAL_PATTERN)

_METRE_CTX = re.compile(
    r"(?:[\s-]+(?:" + "|".join(ordered("metre_context_words")) + r"|of\s+(?:the|water|snow|rain|sea)))\b",
    re.I,
)
_NOUN_NEXT = re.compile(
    r"\s+(?!(?:in|on|at|to|from|of|and|or|by|for|with|into|onto|over|under|up|down|off|out|away|the|a|an|is|was"
    r"|are|were|has|had|long|high|tall|deep|wide)\b)[a-z]{3,}\b"
)


class Units:
    """The compiled unit, currency, scale and rate lists."""

    def __init__(self, U: dict[str, Any]) -> None:
        ci = re.I

        # currencies: signs and codes before the number, words after it
        self.cur_prefix: dict[str, str] = {}
        self.cur_word: dict[str, str] = {}
        for code, spec in U["currencies"].items():
            for p in spec.get("prefix", []):
                self.cur_prefix.setdefault(re.sub(r"\s", "", p), code)
            for w in spec.get("words", []):
                self.cur_word.setdefault(norm(w), code)
        self.cur_codes = set(self.cur_word.values()) | set(self.cur_prefix.values())
        pre = []
        for p in sorted(self.cur_prefix, key=len, reverse=True):
            e = r"\s?".join(re.escape(ch) for ch in p) if len(p) > 1 and not p.isalpha() else re.escape(p)
            pre.append(("(?<![A-Za-z])" + e) if p[:1].isalpha() else e)
        self.re_cur_prefix = re.compile(r"(?:" + "|".join(pre) + r")[ \u00a0]?$")
        self.re_cur_sign = re.compile(r"(?:" + "|".join(pre) + r")[ \u00a0]?")
        self.re_cur_word = re.compile(r"(?:\s+|-)(?P<w>" + alt(self.cur_word, bound=True) + ")", ci)

        # scales
        sc = U["scales"]
        self.scale_words = {k.lower(): float(v) for k, v in sc["words"].items()}
        self.scale_abbr = {k: float(v) for k, v in sc["abbrev"].items()}
        self.re_scale_word = re.compile(r"(?:\s+|-)(?P<s>" + alt(self.scale_words, bound=True) + ")", ci)
        self.re_scale_abbr = re.compile(r"(?P<sp>[ \u00a0]?)(?P<s>" + alt(self.scale_abbr) + r")(?![A-Za-z0-9])")

        # units: symbols are cased and may be glued; words are not cased and follow a space or hyphen
        self.unit_sym: dict[str, tuple[str, str | None, float]] = {}
        self.unit_word: dict[str, tuple[str, str | None, float]] = {}
        for section in ("percent", "units", "subunits"):
            for name, spec in U[section].items():
                if not isinstance(spec, dict):
                    continue
                info = (spec.get("unit", name), spec.get("per"), float(spec.get("scale", 1)))
                for s in spec.get("symbols", []):
                    self.unit_sym.setdefault(s, info)
                for w in spec.get("words", []):
                    self.unit_word.setdefault(norm(w), info)
        short = [s for s in self.unit_sym if len(s) == 1 and s.isalpha()]
        longer = [s for s in self.unit_sym if s not in short]
        self.re_unit_sym = re.compile(
            r"(?:(?P<g>" + alt(short) + r")|[ \u00a0]?(?P<s>" + alt(longer) + r"))(?![A-Za-z0-9])"
        )
        self.re_unit_word = re.compile(r"(?:\s*-\s*|\s+)(?P<w>" + alt(self.unit_word, bound=True) + r")(?!-\d)", ci)
        self.re_calibre = re.compile(r"[-\s]?calib(?:re|er)s?\b", ci)

        # rates
        per = U["per"]
        self.per_nouns = {k.lower(): v for k, v in per["nouns"].items()}
        self.per_article = {w.lower() for w in per["article_ok"]}
        self.per_adverbs = {norm(k): v for k, v in per["adverbs"].items()}
        self.re_per = re.compile(
            r"(?P<sep>\s*/\s*|\s+per\s+|\s+an?\s+|\s+each\s+|\s+every\s+|-an?-)(?P<n>[A-Za-z][A-Za-z-]*)", ci
        )
        self.re_per_adv = re.compile(r"\s+(?P<a>" + alt(self.per_adverbs, bound=True) + ")", ci)

    def currency_before(self, seg: str, start: int) -> tuple[str, int] | None:
        """A currency sign or code right before ``start`` ("$", "US$ ", "Rs"): (code, its start)."""
        cm = self.re_cur_prefix.search(seg, max(0, start - 8), start)
        if cm is not None:
            code = self.cur_prefix.get(re.sub(r"\s", "", cm.group()))
            if code:
                return code, cm.start()
        return None

    def scale(self, seg: str, num: Num) -> None:
        """Read scales after a number: "5.5 billion", "€300m", "2bn", "five hundred thousand"."""
        p = num.end
        for _ in range(3):
            w = self.re_scale_word.match(seg, p)
            if w:
                word = w["s"].lower()
                if word == "dozen" and "." in num.raw:
                    break
                f = self.scale_words[word]
                num.value *= f
                num.mult *= f
                p = num.end = w.end()
                continue
            a = self.re_scale_abbr.match(seg, p)
            if a and num.mult == 1 and num.kind == "numeral":
                ab = a["s"]
                if len(ab) == 1 or ab == "MM":
                    if a["sp"]:
                        break  # one-letter scales are glued: "5m", "$5B", "300k"
                    if ab in ("b", "B", "T", "M", "MM", "K") and num.cur is None:
                        break
                    if ab == "m" and num.cur is None and (
                        _METRE_CTX.match(seg, a.end()) or not ("." in num.raw or _NOUN_NEXT.match(seg, a.end()))
                    ):
                        break  # "100m sprint", "8,848m", "a 30m drop": metres; "5m people", "1.2m": million
                f = self.scale_abbr[ab]
                num.value *= f
                num.mult *= f
                p = num.end = a.end()
                continue
            break

    def unit_after(self, seg: str, pos: int, num: Num | None) -> Unit | None:
        """The unit right after ``pos``: (name, per, scale, end), currencies as ISO codes."""
        s = self.re_unit_sym.match(seg, pos)
        if s:
            sym = s["g"] or s["s"]
            if not (sym in ("p", "t", "l", "L", "g", "h", "C", "F") and (num is None or num.kind != "numeral")):
                info = self.unit_sym[sym]
                return info[0], info[1], info[2], s.end()
        w = self.re_unit_word.match(seg, pos)
        c = self.re_cur_word.match(seg, pos)
        if c and (not w or c.end() >= w.end()):
            word = norm(c["w"])
            big = num is None or num.mult > 1 or num.value >= 1000
            if word == "won" and not big:
                return None  # "3 won" is a verb more often than a currency
            return self.cur_word[word], None, 1.0, c.end()
        if w:
            word = norm(w["w"])
            if word in ("pounds", "pound") and num is not None and num.mult >= 1000:
                return "GBP", None, 1.0, w.end()
            info = self.unit_word[word]
            return info[0], info[1], info[2], w.end()
        return None

    def number_at(self, seg: str, pos: int) -> tuple[float, int] | None:
        """A plain number (numeral and scale, or words) starting exactly at ``pos``: (value, end)."""
        m = NUMERAL.match(seg, pos)
        if m:
            v, sig = parse_numeral(m.group())
            tmp = Num(pos, m.end(), v, sig, "numeral", raw=m.group())
            self.scale(seg, tmp)
            return tmp.value, tmp.end
        wn = parse_words(seg, pos)
        if wn is not None and not wn.fraction:
            return wn.value, wn.end
        return None

    def per(self, seg: str, pos: int) -> tuple[str, int] | None:
        m = self.re_per.match(seg, pos)
        if m:
            noun = m["n"].lower()
            sep = m["sep"].strip().strip("-").lower()
            if sep in ("per", "/", "each", "every"):
                base = self.per_nouns.get(noun) or self.per_nouns.get(noun.rstrip("s"))
                if base is None and sep == "per" and noun not in ("cent", "centum", "mille"):
                    base = noun
                if base:
                    return base, m.end()
            elif noun in self.per_article:
                return self.per_nouns.get(noun, noun), m.end()
        a = self.re_per_adv.match(seg, pos)
        if a and self.per_adverbs.get(norm(a["a"])):
            return self.per_adverbs[norm(a["a"])], a.end()
        return None

"""Numbers that are not quantities: dates and times, names and designations, addresses, scores,
calibres, page furniture. Compiled from ``data/not_quantities.json``.

Each check gives the offset to resume the scan from (the thing the number belongs to is skipped
whole), or None when the number may be a quantity. :meth:`NotQuantities.at_numeral` looks at a
numeral and its neighbours alone; :meth:`NotQuantities.name_or_year` decides once the unit is known.
"""
from __future__ import annotations

import re
from typing import Any

from ..lexicon import words
from .changes import ADVERBS
from .qualifiers import Qualifiers
from .quantity_text import (
    LEAD_PUNCT,
    Num,
    Tok,
    alt,
    headline,
    is_yearlike,
    last_word,
    line_start,
    phrase_table,
    suffix,
    token_end,
    toks_before,
)
from .units import PCT_LIKE, Units

__all__ = ["NotQuantities"]

_CALIBRE_UNITS = {"mm", "cm", "inch", "calibre"}
_YEAR_PREPS = words("year_prepositions")
_FUNCTION_WORDS = words("function_words")
_TABLE_RUN = re.compile(r"(?:[ \t]+\d[\d,.]*(?![\w%$€£-])){2,}")
_RANK_ROW = re.compile(r"(?:[ \t]+[A-Z][\w.'-]*){1,4}(?:[ \t]+\d[\d,.]*(?![\w%$€£-])){2,}")
_STATE_BEFORE = re.compile(r"(?<![\w])[A-Z]{2}[ \u00a0]$")
_CLOCK = re.compile(r"[\d:.]+(?:\s*[AaPp]\.?[Mm]\.?)?")
_ISO_DATE = re.compile(r"\d{4}[-‐–]\d{1,2}[-‐–]\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?")
_PHONE = re.compile(r"(?:\+?\d{1,3}[\s.-])?\(?\d{2,4}\)?[\s.-]?\d{3,4}[\s.-]\d{3,4}(?![\d,])")
_YEAR_TAIL = re.compile(r"(?:[-–/]\d{2}(?:\d{2})?\b)?(?:'?s\b)?")
_NAME_TAIL = re.compile(
    r"\s*(?:[,;:!?)\]]|\.(?!\d)|$)|\s+(?:and|or|is|was|are|were|has|had|will|would|can|could|also)\b"
)
_MODEL_CODE = re.compile(r"[A-Z]{2,4}")
_CAP_NEXT = re.compile(r"[ \u00a0]+[A-Z][a-z]*\b")
_COUNT_NOUN = re.compile(
    r"\s+(?!(?:and|or|to|when|as|in|on|at|by|for|with|from|the|a|an|until|after|before|was|were|is|are|had|has"
    r"|which|that|where|while)\b)[a-z]+"
)
_WORDS3 = re.compile(r"(?:[\s-]+[A-Za-z][\w'-]*){1,3}")
_FIRST_WORD = re.compile(r"\W{0,3}\s*([A-Za-z]+)")


def _is_name_word(tok: str) -> bool:
    """A capitalised word that can name a product or team ("Thunderbolt", "Leafs"), not a function word."""
    return (len(tok) >= 2 and tok[0].isupper() and tok.replace("-", "").isalpha() and tok.lower() not in _FUNCTION_WORDS
            and tok.lower() not in ADVERBS)  # "Another 850 are still on notice" is not a product


class NotQuantities:
    """The compiled lists of contexts in which a number is not a quantity."""

    def __init__(self, N: dict[str, Any], units: Units, quals: Qualifiers) -> None:
        self.units = units
        self.quals = quals
        ci = re.I
        des = N["designators"]
        self.des_cased, self.des_cased_max = phrase_table(des["cased"], lower=False)
        self.des_any, self.des_any_max = phrase_table(des["any_case"])
        self.re_des_follow = re.compile(r"[ \u00a0-](?:" + alt(N["designator_followers"]["cased"]) + r")\b")
        self.months = set(N["months"])
        months = alt(N["months"])
        self.re_month_after = re.compile(
            r"(?:st|nd|rd|th)?(?:[ \u00a0]+of)?(?:[ \u00a0]+|-)(?:" + months + r")\b\.?(?:,?[ \u00a0]+\d{4}\b)?"
        )
        self.re_day_tail = re.compile(r"(?:st|nd|rd|th)?(?:,?[ \u00a0]+\d{4}\b)?")
        self.re_time_after = re.compile(r"[ \u00a0]?(?:" + alt(N["time_suffixes"]) + r")(?![A-Za-z])")
        self.re_reading = re.compile(r"[ \u00a0-]?(?:" + alt(N["reading_time"]) + r")\b", ci)
        self.re_furniture = re.compile(
            r"[ \u00a0](?:" + alt(N["furniture"]["nouns"]) + r")[ \t]*(?=$|\n|\||·|•)", ci | re.M
        )
        self.re_street = re.compile(
            r"(?:[ \u00a0]+[A-Z0-9][\w'.-]*){1,3}[ \u00a0]+(?:" + alt(N["street_suffixes"]["words"]) + r")(?![\w])"
        )
        self.weapon_nouns = {w.lower() for w in N["weapon_nouns"]["nouns"]}
        self.score_after = {w.lower() for w in N["score_words"]["after"]}
        self.score_before = {w.lower() for w in N["score_words"]["before"]}

    def at_numeral(  # noqa: C901 - a list of exclusions
        self, seg: str, s: int, e: int, raw: str, prev: str, prev2: str, nxt: str, nxt2: str
    ) -> int | None:
        """A numeral ``seg[s:e]`` that its neighbours make a name, a date, a time, a table row, an
        address, a phone number or page furniture: where to resume; None if it may be a quantity."""
        # names: glued to letters (M1989, G7) unless a currency code (Rs500); after letter+hyphen (KN-23, mid-2024)
        if (prev.isalpha() or prev == "_") and not self.units.re_cur_prefix.search(seg, max(0, s - 8), s):
            return token_end(seg, e)
        if prev in "-‐‑" and (prev2.isalnum() or prev2 in ")]"):
            return token_end(seg, e)
        if prev in "/:#@=_\\" and not (prev == "/" and prev2 == " "):
            return token_end(seg, e)
        if prev in "'’‘" and len(raw) == 2 and not prev2.isalnum():
            return token_end(seg, e)  # '90s, ’22
        if nxt == ":" and nxt2.isdigit():
            tm = _CLOCK.match(seg, s)
            return tm.end() if tm else e  # 4:54 PM, 3:16
        if nxt in "/." and nxt2.isdigit():
            return token_end(seg, e)  # 24/7, 9/11, 12/23/2024, 3.5.1
        if nxt in "-‐–" and nxt2.isdigit():
            iso = _ISO_DATE.match(seg, s)
            if iso:
                return iso.end()
        if nxt in ".)" and nxt2 == " " and len(raw) <= 2 and line_start(seg, s):
            return e + 1  # list numbering
        if prev in "([" and nxt in ")]" and raw.isdigit() and len(raw) <= 3:
            return e + 1  # a citation or footnote mark: "(5)", "[12]"
        tb = _TABLE_RUN.match(seg, e)
        if tb:
            return tb.end()  # a row of a table: "5033 4 6 15 26"
        if line_start(seg, s):
            rk = _RANK_ROW.match(seg, e)
            if rk:
                return rk.end()  # a ranked row: "13 Kurt Busch 2237 1 0 6 18"
        if raw.isdigit() and (self.re_street.match(seg, e) or (len(raw) == 5 and _STATE_BEFORE.search(seg, max(0, s - 4), s))):
            return e  # "520 Third Street", "CA 94107"
        # dates and times: "Dec. 23", "December 23, 2024", "23 December", "June 2024", "4 PM", "2 min read"
        toks, glued = toks_before(seg, max(0, s - 16), s)
        if not glued and toks:
            last = toks[-1][1].strip(LEAD_PUNCT + ".,")
            if last in self.months or (last == "the" and len(toks) > 1 and toks[-2][1].strip(LEAD_PUNCT + ".,") in self.months):
                d = self.re_day_tail.match(seg, e)
                return d.end() if d else e
        if nxt == "," and nxt2.isdigit():
            return e  # "1,2,3,4,5": a list, not one number (the later items are never anchors)
        if raw.isdecimal() and len(raw) <= 2 and int(raw) <= 31:
            ma = self.re_month_after.match(seg, e)
            if ma:
                return ma.end()
        if len(raw) <= 12 and raw.replace(".", "", 1).isdecimal() and float(raw) <= 2400:
            tm2 = self.re_time_after.match(seg, e)
            if tm2:
                return tm2.end()
        rd = self.re_reading.match(seg, e) or self.re_furniture.match(seg, e)
        if rd:
            return rd.end()
        if not prev.isdigit():
            ph = _PHONE.match(seg, s - 1 if prev in "+(" else s)
            if ph:
                return ph.end()
        return None

    def name_or_year(
        self, seg: str, num: Num, toks: list[Tok], glued: str, unit_name: str, cur: str | None, ranged: bool, end: int
    ) -> int | None:
        """Names, years and calibres, known only once the unit is: where to resume, or None."""
        if num.kind == "numeral" and unit_name == "count" and not ranged and num.mult == 1:
            if is_yearlike(num.raw) and not self._year_is_amount(seg, num, toks, glued):
                yr = _YEAR_TAIL.match(seg, num.end)
                return yr.end() if yr else num.end
            if num.raw.isdigit() and len(num.raw) <= 3 and not glued and toks and _is_name_word(toks[-1][1]) \
                    and _NAME_TAIL.match(seg, num.end) and last_word(toks) not in self.quals.pre \
                    and not headline(seg, num.start):
                return num.end  # "Thunderbolt 3 is", "AirPlay 2 and", "Maple Leafs 4,": a name or a score
            if not glued and toks and _MODEL_CODE.fullmatch(toks[-1][1]) and toks[-1][1] not in self.units.cur_prefix \
                    and (_NAME_TAIL.match(seg, num.end) or _CAP_NEXT.match(seg, num.end)) and not headline(seg, num.start):
                return token_end(seg, num.end)  # "LC 500 Convertible", "GTX 1660 Ti": a model
        if num.kind == "numeral" and not ranged and num.mult == 1 and cur is None and unit_name not in PCT_LIKE \
                and "," not in num.raw and len(num.raw) <= 5 and self._designated(seg, num, toks, glued):
            return token_end(seg, num.end)  # "Article 5", "Boeing 737", "Resolution 2758"
        if unit_name in _CALIBRE_UNITS and not ranged and self._weapon_follows(seg, end):
            return end  # "155mm shells", "240mm multiple-launch rocket systems"
        return None

    def score(self, seg: str, toks: list[Tok], e: int) -> bool:
        aw = _FIRST_WORD.match(seg, e)
        return last_word(toks) in self.score_before or bool(aw and aw.group(1).lower() in self.score_after)

    def _year_is_amount(self, seg: str, num: Num, toks: list[Tok], glued: str) -> bool:
        """A bare 1000-2100 integer is a year unless a currency, or a bound and a noun, make it an amount."""
        if num.cur is not None:
            return True
        q = None if glued else self.quals.before(toks)
        return bool(q and q[0] not in _YEAR_PREPS and _COUNT_NOUN.match(seg, num.end))

    def _designated(self, seg: str, num: Num, toks: list[Tok], glued: str) -> bool:
        if glued not in ("", "#"):
            return False
        return bool(
            suffix(toks, self.des_cased, self.des_cased_max, lower=False)
            or suffix(toks, self.des_any, self.des_any_max)
            or self.re_des_follow.match(seg, num.end)
        )

    def _weapon_follows(self, seg: str, pos: int) -> bool:
        words = _WORDS3.match(seg, pos)
        return words is not None and any(w.lower() in self.weapon_nouns for w in re.split(r"[\s-]+", words.group()))

"""Ranges after a number: "11,000-12,000", "11,000 to 12,000", "between 3 and 4 million", "$5-6bn";
and what looks like a range but is not: scores and vote tallies ("3-1", "a 5-4 ruling", "7-5, 3-6"),
year spans ("2020-2022", "1939-45"), a change and a level ("rose from 30 to 40", "rose 5% to 40").
"""
from __future__ import annotations

import re

from .changes import CHANGE_STEMS, Changes
from .not_quantities import NotQuantities
from .numbers import in_range, parse_numeral, parse_words
from .quantity_text import Num, Tok, Unit, is_yearlike, last_word
from .units import NUMERAL, Units

__all__ = ["read_range"]

_RANGE_SEP = re.compile(r"[ \u00a0]*(?:[-–—‐−]|(?P<w>to|through|and|or)\b)[ \u00a0]*", re.I)
_SCORE_LIST_AFTER = re.compile(r"\s*(?:\(\d+\))?\s*,\s*\d{1,2}[-–]\d{1,2}\b|\s*\(\d+\)")
_SCORE_LIST_BEFORE = re.compile(r"\d{1,2}[-–]\d{1,2}(?:\s*\(\d+\))?,\s*$")
_RECORD_END = re.compile(r"(?:[-–]\d+)*\)|,\s*\d+[-–]\d+\)")
_SCORE_TAIL = re.compile(r"(?:[-–]\d+)*(?:\s*\(\d+\))?")


def read_range(  # noqa: C901
    units: Units, changes: Changes, nq: NotQuantities, seg: str, num: Num, u1: Unit | None, end: int, between: bool,
    toks: list[Tok],
) -> tuple[float, float, int, Unit | None, str | None] | int | None:
    """A second number after a range separator: (low, high, end, unit, currency), a skip position, or None."""
    p = u1[3] if u1 else end
    sep = _RANGE_SEP.match(seg, p)
    if not sep:
        return None
    word = (sep["w"] or "").lower()
    if word == "and" and not between:
        return None
    if word in ("to", "through") and last_word(toks) == "from" and (
        changes.verb_before(toks[:-1]) or any(last_word(toks, i).startswith(CHANGE_STEMS) for i in range(2, 6))
    ):
        return None  # "rose from 30 to 40": two levels
    if word == "to" and (u1 or num.cur) and changes.verb_before(toks):
        return None  # "rose $2 to $85.50": a change and a level
    q = sep.end()
    cur2 = None
    cm = units.re_cur_sign.match(seg, q)
    if cm:
        cur2 = units.cur_prefix.get(re.sub(r"\s", "", cm.group()))
        q = cm.end()
    m2 = NUMERAL.match(seg, q)
    if m2 and num.kind == "numeral":
        if m2.end() + 1 < len(seg) and seg[m2.end()] in ":/." and seg[m2.end() + 1].isdigit():
            return None
        v2, sig2 = parse_numeral(m2.group())
        if not in_range(v2):
            return None  # the second number is flagged on its own
        two = Num(q, m2.end(), v2, sig2, "numeral", raw=m2.group(), cur=cur2)
        units.scale(seg, two)
    elif num.kind == "word" and not m2:
        wn = parse_words(seg, q)
        if wn is None or wn.fraction:
            return None
        two = Num(q, wn.end, wn.value, wn.sig, "word", raw=seg[q:wn.end], mult=wn.trail)
    else:
        return None
    hyphen = not word
    if cur2 is not None and cur2 != num.cur and not (num.cur is None and u1 is None):
        return None  # "20 percent to $5 billion": two quantities
    if is_yearlike(num.raw) and num.mult == 1 and num.cur is None and u1 is None and two.mult == 1 \
            and len(two.raw) in (2, 4) and two.raw.isdigit():
        return two.end if word in ("", "to", "through", "and") else None  # 2020-2022, 1939-45
    u2 = units.unit_after(seg, two.end, two)
    a, b = num.value, two.value
    if num.mult == 1 and two.mult > 1 and a < two.value / two.mult:
        a *= two.mult  # "3-4 million", "between three and four billion"
    ints = num.kind == "numeral" and "." not in num.raw + two.raw and num.mult == 1 and two.mult == 1
    if hyphen and ints and not u1 and not u2 and num.cur is None and (
        a >= b or nq.score(seg, toks, two.end) or _SCORE_LIST_AFTER.match(seg, two.end)
        or _SCORE_LIST_BEFORE.search(seg, max(0, num.start - 14), num.start)
        or (num.start and seg[num.start - 1] == "(" and _RECORD_END.match(seg, two.end))
    ):
        sl = _SCORE_TAIL.match(seg, two.end)
        return sl.end() if sl else two.end  # 3-1, 52-48, "won 2-3", "7-5, 3-6", "(6-5)": scores and records
    if a >= b:
        return None
    if u1 and (not u2 or u1[0] != u2[0]) and not hyphen:
        return None  # "rose 5% to 40": a change and a level
    unit = u2 or ((u1[0], u1[1], u1[2], two.end) if u1 else None)
    num.sig = max(num.sig, two.sig)
    return a, b, (u2[3] if u2 else two.end), unit, cur2

"""Temporal expressions: find them in text and resolve them against the publication date.

Pure ``re`` + ``datetime``; no model, no network, never today's date.

``find_dates(text, anchor)`` returns :class:`TimeExpr` items whose span includes the
preposition or modifier that belongs to the expression ("on Monday", "in early June",
"by the end of next year", "two days ago"). ``value`` is ISO 8601 at the precision the
text gives, or ``None`` when the expression is relative and there is no anchor.

Resolution rules (anchor = publication date):

* weekday ("on Sunday", "Monday night"): the most recent such day on or before the anchor;
  when the clause reads as future ("will meet on Friday") the first on or after it.
  "last <weekday>" is strictly before the anchor, "next <weekday>" strictly after.
* month without year ("in June"): the most recent such month not after the anchor's
  month; under a future cue ("will vote in March") the first not before it.
  "this <month>" is in the anchor's year, "last <month>" in the year before, "next
  <month>" in the year after: calendar-year reading, so "last September" written in
  December 2024 is 2023-09 (the seed gold).
* day and month without year ("on Dec. 23"): the most recent on or before the anchor;
  a future cue picks the first on or after. With no tense cue at all ("the deadline is
  Jan. 31"), a date more than 300 days back whose next occurrence is within 62 days is
  read as that upcoming date (the year is dropped for near dates). Holidays likewise.
* seasons are meteorological (spring Mar, summer Jun, autumn/fall Sep, winter Dec, the
  winter carrying the year of its December). ``value`` is the season's first month
  ("2024-09") and ``grain`` is ``"season"``, so values stay plain ISO months that sort.
  "in the fall" → the latest fall begun by the anchor; "this/last/next" as for months.
* weeks are ISO weeks ("2024-W51"); decades give their first year ("1990") with
  ``grain="decade"``.
* tense is read from the clause before the date: the nearest of a future cue (will, 'll,
  would, scheduled, expected, due, plans to, set to, ...) and a past cue (said, was, had,
  reported, ..., or an -ed verb) wins.
* bare month, season and year words need a licence: a preposition (in, since, by, until,
  during, from, ...), a modifier (early, mid-, the end of, last/this/next), a day or year,
  or being the second end of a range ("from June to August"). "May" takes a narrower set
  (never "by May" before a verb, "after May"), and a four-digit number followed by a count
  noun ("in 2000 cases") or after a change verb ("rose from 1800") is not a year. A bare
  year before a noun counts after a determiner: "the 2022 invasion", "Russia's 2014 ...".
* numeric dates must be unambiguous: "23/12/2024" is day-first, "12/23/2024" month-first,
  "05/06/2024" is found but left unresolved (``value=None``).
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import NamedTuple

from ..lexicon import ordered, table, words
from .numbers import CARDINALS

__all__ = ["TimeExpr", "find_dates", "is_date_like", "parse_published"]


@dataclass(frozen=True, slots=True)
class TimeExpr:
    start: int
    end: int
    text: str
    value: str | None  # ISO at the text's precision, None when it cannot be anchored
    grain: str  # "day" | "month" | "season" | "year" | "week" | "decade"


# ---------------------------------------------------------------------------- vocabulary

_MONTHS = {m[:3]: i for i, m in enumerate(ordered("months"), 1)}  # "jan": 1, looked up by a name's first letters
_WEEKDAYS = {d: i for i, d in enumerate(ordered("weekdays"))}
_SEASONS = table("seasons")
# "two weeks ago": a count of days, weeks, months or years
_NUMBERS = {w: 1 if w in ("a", "an") else CARDINALS[w] for w in ordered("date_count_words")}


def _cased(words: str) -> str:
    """An alternation accepting each word Titlecased or UPPERCASED, never lowercase."""
    alts = []
    for w in words.split("|"):
        alts.append(w[0].upper() + w[1:])
        alts.append(w.upper())
    return "|".join(sorted(alts, key=len, reverse=True))


# Full month names; abbreviations need a dot unless a day or year follows.
_MONTH_FULL = _cased("|".join(ordered("months")))
_MONTH_ABBR = _cased("|".join(ordered("month_abbreviations")))
_MON = rf"(?:{_MONTH_FULL}|(?:{_MONTH_ABBR})\.?)"  # with a day or year after it
_MON_ALONE = rf"(?:{_MONTH_FULL}|(?:{_MONTH_ABBR})\.)"  # standing alone
_WD = _cased("|".join(ordered("weekdays")))
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[0-9]\d\d|20\d\d|21\d\d)"
_YEAR_END = r"(?![\d%]|,\d|\.\d|\s*(?:percent|per\s+cent)\b)"
_DAY_END = r"(?![\d%:]|,\d\d\d|\.\d|\s*(?:percent|per\s+cent|-year)\b)"
_NUM = r"(?:\d{1,3}|" + "|".join(_NUMBERS) + ")"

_WD_OPT = rf"(?:(?P<wd>{_WD}),?\s+(?:\(\s*)?)?"

# Each core pattern carries its kind; the handlers below turn a match into a candidate.
_P_ISO = re.compile(r"(?<![\d-])(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d-])")
_P_NUMERIC = re.compile(r"(?<![\d/.])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\d/]|\.\d)")
_P_MDY = re.compile(  # [Monday,] June 19[, 2024]
    rf"\b{_WD_OPT}(?P<mon>{_MON})\s*(?P<d>{_DAY})\b{_DAY_END}"
    rf"(?:(?:,\s*|\s+)(?P<y>{_YEAR})\b{_YEAR_END})?\)?"
)
_P_DMY = re.compile(  # [Monday,] [the] 23[rd] [of] December[ 2024]
    rf"(?<![\d,.$€£])\b{_WD_OPT}(?:the\s+)?(?P<d>{_DAY})(?:\s+of)?\s+(?P<mon>{_MON})(?!\w)"
    rf"(?:,?\s+(?P<y>{_YEAR})\b{_YEAR_END})?\)?"
)
_P_MY = re.compile(rf"\b(?P<mon>{_MON})(?:\s+of)?,?\s+(?P<y>{_YEAR})\b{_YEAR_END}")
_P_MONTH = re.compile(
    rf"\b(?:(?P<mod>this\s+past|this\s+coming|last|this|next)\s+)?(?P<mon>{_MON_ALONE})(?!\w)"
)
_P_WEEKDAY = re.compile(
    rf"\b(?:(?P<mod>this\s+past|this\s+coming|last|this|next)\s+)?(?P<wd>{_WD})(?!s\b)\b"
    r"(?:\s+(?P<tod>morning|afternoon|evening|night|overnight))?"
)
_P_SEASON = re.compile(
    r"\b(?:(?P<mod>this\s+past|this\s+coming|last|this|next)\s+)?(?P<the>the\s+)?"
    r"(?P<season>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)\b"
    rf"(?:(?:\s+of)?,?\s+(?P<y>{_YEAR})\b(?:[-–/](?:\d\d|\d{{4}})\b)?{_YEAR_END})?"
)
_P_YEAR = re.compile(rf"(?<![\w$€£¥#.,/]){_YEAR}\b{_YEAR_END}(?!-year|-strong|\s*(?:-|–)\s*\d\d?\b(?!\d))")
_P_DECADE = re.compile(
    r"(?<![\w$€£])(?P<the>\b[Tt]he\s+(?:(?:early|late|mid)(?:\s*-\s*|\s+))?)?"
    r"(?P<dec>1[0-9]\d0|20\d0|['’]\d0)(?:['’]s|s)\b"
)
_P_RELATIVE = re.compile(
    r"\b(?P<rel>"
    r"(?:(?:earlier|later|early|late)\s+)?(?:last|this|next)\s+(?:week(?:end)?|month|year)"
    r"|(?:(?:earlier|later|early|late)\s+)?(?:yesterday|today|tomorrow|tonight)"
    r"|[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight|[Ll]ast\s+night"
    r"|this\s+(?:morning|afternoon|evening)|(?:over|during)\s+the\s+weekend"
    r"|the\s+(?:end|beginning|start|middle|rest)\s+of\s+the\s+(?:week|month|year)"
    rf"|{_NUM}\s+(?:days?|weeks?|months?|years?|decades?)\s+ago"
    r")\b",
    re.IGNORECASE,
)
_P_HOLIDAY = re.compile(
    r"\b(?P<h>Christmas\s+(?:Day|Eve)|Christmas|New\s+Year['’]s\s+(?:Day|Eve)|Boxing\s+Day"
    r"|Halloween|Valentine['’]s\s+Day|Thanksgiving(?:\s+Day)?|Easter(?:\s+Sunday)?)"
    rf"(?:,?\s+(?P<y>{_YEAR})\b{_YEAR_END})?"
)

# Words before a core that belong to the expression: [preposition] [the end of] [early|late|mid].
_PREPS = (
    r"in|on|at|since|by|until|till|through|throughout|during|from|before|after|around|for|"
    r"as\s+of|between|into|over|starting|beginning|to|of|as\s+early\s+as|as\s+late\s+as|"
    r"no\s+later\s+than|not\s+until"
)
_PREFIX = re.compile(
    rf"(?:\b(?P<prep>{_PREPS})\s+)?"
    r"(?P<pos>\bthe\s+(?:very\s+)?(?:end|beginning|start|middle|rest|first\s+half|second\s+half|"
    r"first\s+weeks?|last\s+weeks?|first\s+days|last\s+days)\s+of\s+)?"
    r"(?P<early>\b(?:early|late|mid|earlier|later)(?:\s*-\s*|\s+)(?:(?:in|on)\s+)?)?\Z",
    re.IGNORECASE,
)
# Prepositions that make a bare month, season or year a date ("in June", "since 2014").
# "May" is also a verb and a surname: only the first list licenses it.
_MAY_LICENCE = words("may_prepositions")
_LICENCE = _MAY_LICENCE | words("date_prepositions")
# Years: no "over"/"around"/"between" alone ("over 2000 people"); "between" needs a partner year.
_YEAR_LICENCE = _LICENCE - {"over", "around", "into"}
# Count nouns after a four-digit number make it a quantity ("in 2000 cases").
_COUNT_NOUN = re.compile(r"\s+(?:" + "|".join(ordered("year_count_nouns")) + r"|of\s+(?:them|us|the))\b")
_TEMPORAL_HEAD = words("temporal_determiners") | words("possessive_determiners")
_NAMED_DAYS = words("named_day_modifiers")
_CHANGE_WORDS = re.compile(
    r"\b(?:rose|rise[sn]?|rising|fell|fall(?:s|en|ing)?|increas\w*|decreas\w*|grew|grow\w*|jump\w*|"
    r"drop\w*|climb\w*|declin\w*|surg\w*|slid|slump\w*|soar\w*|up|down|cut|rais\w*|lower\w*)\s+"
    r"(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
# A connector between two dates of one range or list ("June and July", "2014-2022").
_CHAIN = re.compile(r"\s*(?:,|and|or|to|through|until|till|-|–|—|/)\s*(?:(?:early|late|mid)[\s-]*)?\Z")

_FUTURE = re.compile(
    r"\b(?:will|shall|won['’]t|would|wo\s*n['’]t|going\s+to|plans?\s+to|planning\s+to|scheduled|"
    r"slated|expected|set\s+to|due(?!\s+to)|is\s+to|are\s+to|upcoming|aims?\s+to|intends?\s+to|"
    r"poised\s+to|hopes?\s+to)\b|['’]ll\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:said|told|was|were|had|did|reported|announced|claimed|added|confirmed|noted|stated|"
    r"revealed|warned|began|signed|held|happened|occurred|took\s+place|ago|since|last|fell|rose|grew|lost|"
    r"struck|went|paid|sold|made|took|gave|came|won|ran|saw|rang|spent|sank|fled|built|"
    r"brought|bought|caught|fought|kept|led|met|sent|stood|thought|wrote|drew|froze|shook|swept|tore)\b",
    re.IGNORECASE,
)
_PAST_VERB = re.compile(r"\b[a-z]{3,}ed\s+(?:\w+\s+){0,2}$")  # "opened on", "closed early on"
_SENT_BREAK = re.compile(r"[.!?;]\s+(?=[A-Z“\"‘'(])|\n")


class _Cand(NamedTuple):
    start: int
    end: int
    value: str | None
    grain: str
    licensed: bool  # False: a bare month/season/year that needs a preposition or a chain
    kind: str  # "month", "year", "season", "decade", "day", "week", "rel"


# ------------------------------------------------------------------------------ helpers


def _month_num(token: str) -> int:
    return _MONTHS[token[:3].lower()]


def _day_num(token: str) -> int:
    return int(token.rstrip("stndrh"))  # "23rd" → 23


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _shift_month(y: int, m: int, delta: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + delta
    return n // 12, n % 12 + 1


def _iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _tense(text: str, s: int, lo: int) -> str | None:
    """How the clause before ``s`` reads: "future" ("will meet on ..."), "past" ("said on ..."),
    or None. The cue nearest the date wins."""
    left = text[max(lo, s - 90):s]
    breaks = list(_SENT_BREAK.finditer(left))
    if breaks:
        left = left[breaks[-1].end():]
    fut = max((m.end() for m in _FUTURE.finditer(left)), default=-1)
    past = max((m.end() for m in _PAST.finditer(left)), default=-1)
    if fut > past:
        return "future"
    if past > fut or _PAST_VERB.search(left):
        return "past"
    return None


def _resolve_month(anchor: dt.date, m: int, mod: str | None, future: bool) -> str:
    y = anchor.year
    if mod == "last":
        return _ym(y - 1, m)
    if mod == "next":
        return _ym(y + 1, m)
    if mod == "this":
        return _ym(y, m)
    if mod == "this past":
        return _ym(y if m < anchor.month else y - 1, m)
    if mod == "this coming" or future:
        strict = mod == "this coming"
        return _ym(y if (m > anchor.month or (m == anchor.month and not strict)) else y + 1, m)
    return _ym(y if m <= anchor.month else y - 1, m)


_ONSET = re.compile(r"(?:\b(?:by|until|till|before|from|starting|effective|as\s+of)\s+(?:the\s+(?:end|start|"
                    r"beginning|middle)\s+of\s+)?(?:early\s+|mid-?|late\s+)?)$", re.IGNORECASE)


_PERFECT = re.compile(r"\b(?:has|have|had)\s+(?:\w+\s+)?(?:been|risen|fallen|grown|gone|\w{3,}ed)\b", re.IGNORECASE)


def _past_after(text: str, end: int) -> bool:
    """Whether the clause reads as past from what follows the date or from a perfect before it:
    "Inflation in December was 3.4%", "Petrol prices have risen 8% from January"."""
    right = re.split(r"[.;!?\n]", text[end:end + 60], maxsplit=1)[0]
    left = re.split(r"[.;!?\n]", text[max(0, end - 120):end])[-1]
    return bool(_PAST.search(right) or re.search(r"\b[a-z]{3,}ed\b", right) or _PERFECT.search(left))


def _onset(text: str, start: int, end: int) -> bool:
    """A deadline or a start ("by the end of October", "from December", "until March"): it looks ahead."""
    span = text[start:end]
    return bool(_ONSET.search(text[max(0, start - 40):start]) or re.match(
        r"(?i)(?:by|until|till|before|from|starting|effective)\b", span))


def _upcoming_month(anchor: dt.date, month: str, onset: bool, tense: str | None) -> str:
    """A month read as past may be the coming one: under a deadline or start word when it comes
    within four months, or, with no tense cue, when the past one is ten or more months back and
    the next within two ("the talks resume in November", written in October)."""
    y, m = int(month[:4]), int(month[5:7])
    if y > anchor.year or (y == anchor.year and m >= anchor.month):
        return month  # already upcoming
    ahead = (y + 1 - anchor.year) * 12 + m - anchor.month
    if (onset and 0 < ahead <= 4) or (tense is None and 0 < ahead <= 2):
        return _ym(y + 1, m)
    return month


def _resolve_month_day(anchor: dt.date, m: int, d: int, tense: str | None) -> str | None:
    """A day and month without year: the latest on or before the anchor, unless the clause is
    future or, with no tense cue, the date is nearly a year back and soon to come again."""
    future = tense == "future"
    past = next((c for y in (anchor.year, anchor.year - 1, anchor.year - 4)
                 if (c := _safe_date(y, m, d)) and c <= anchor), None)
    nxt = next((c for y in (anchor.year, anchor.year + 1, anchor.year + 4)
                if (c := _safe_date(y, m, d)) and c >= anchor), None)
    if future or past is None:
        chosen = nxt
    elif tense is None and nxt is not None and (anchor - past).days > 300 and (nxt - anchor).days <= 62:
        chosen = nxt
    else:
        chosen = past
    return chosen.isoformat() if chosen else None


def _resolve_weekday(anchor: dt.date, wd: int, mod: str | None, future: bool) -> str:
    back = (anchor.weekday() - wd) % 7  # days back to the latest such day, 0 = the anchor
    fwd = (wd - anchor.weekday()) % 7
    if mod == "last" or mod == "this past":
        delta = -(back or 7)
    elif mod == "next" or mod == "this coming":
        delta = fwd or 7
    elif future:
        delta = fwd
    else:
        delta = -back
    return (anchor + dt.timedelta(days=delta)).isoformat()


def _resolve_season(anchor: dt.date, name: str, mod: str | None, future: bool) -> str:
    sm = _SEASONS[name]
    latest = anchor.year if anchor.month >= sm else anchor.year - 1  # latest such season begun
    inside = (anchor.year - latest) * 12 + anchor.month - sm < 3  # the anchor falls in it
    # "this summer" is the summer of the anchor's year; "this winter" in January is the one under way
    this = latest if (sm == 12 and anchor.month <= 2) else anchor.year
    if mod == "this":
        y = this
    elif mod == "last":
        y = this - 1
    elif mod == "next":
        y = this + 1
    elif mod == "this past":
        y = latest - 1 if inside else latest
    elif mod == "this coming":
        y = latest + 1
    elif future:
        y = latest if inside else latest + 1
    else:
        y = latest
    return _ym(y, sm)


def _mod(m: re.Match[str]) -> str | None:
    raw = m.group("mod")
    return " ".join(raw.lower().split()) if raw else None


# ----------------------------------------------------------------------------- matchers


def _iter_cores(text: str, lo: int, hi: int, anchor: dt.date | None) -> list[_Cand]:
    out: list[_Cand] = []
    tense: Callable[[int], str | None] = lambda s: _tense(text, s, lo)  # noqa: E731
    fut: Callable[[int], bool] = lambda s: tense(s) == "future"  # noqa: E731

    for m in _P_ISO.finditer(text, lo, hi):
        iso = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if iso:
            out.append(_Cand(m.start(), m.end(), iso.isoformat(), "day", True, "day"))

    for m in _P_NUMERIC.finditer(text, lo, hi):
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        if m["sep"] == "." and b > 12:  # dotted dates are day-first, never month-first
            continue
        first_m, first_d = _safe_date(y, a, b), _safe_date(y, b, a)
        num: dt.date | None
        if m["sep"] == ".":
            num = first_d
        elif first_m and first_d and a != b:
            num = None  # 05/06/2024: month-first or day-first, cannot tell
        else:
            num = first_m or first_d
        if first_m or first_d:
            out.append(_Cand(m.start(), m.end(), num.isoformat() if num else None, "day", True, "day"))

    for pat in (_P_MDY, _P_DMY):
        for m in pat.finditer(text, lo, hi):
            mon, day = _month_num(m["mon"]), _day_num(m["d"])
            if _safe_date(2024, mon, day) is None:  # leap year: accepts Feb 29
                continue
            if pat is _P_DMY and m["d"].isdigit() and not m["y"] and not m["wd"]:
                # "23 December" is a date; "5 Mar" or "3 May" without year is riskier
                if m["mon"].title() == "May" or (len(m["mon"].rstrip(".")) <= 3 and not m["mon"].endswith(".")):
                    continue
            val: str | None
            if m["y"]:
                full = _safe_date(int(m["y"]), mon, day)
                val = full.isoformat() if full else None
            else:
                val = _resolve_month_day(anchor, mon, day, tense(m.start())) if anchor else None
                if val and anchor and _onset(text, m.start(), m.end()) and tense(m.start()) != "past" \
                        and not _past_after(text, m.end()):
                    upcoming = _safe_date(int(val[:4]) + 1, mon, day)
                    if upcoming and dt.date.fromisoformat(val) < anchor and 0 <= (upcoming - anchor).days <= 122:
                        val = upcoming.isoformat()  # "from October 14" in September: the coming one
            out.append(_Cand(m.start(), m.end(), val, "day", True, "day"))

    for m in _P_MY.finditer(text, lo, hi):
        out.append(_Cand(m.start(), m.end(), _ym(int(m["y"]), _month_num(m["mon"])), "month", True, "month"))

    for m in _P_MONTH.finditer(text, lo, hi):
        mod = _mod(m)
        month = _resolve_month(anchor, _month_num(m["mon"]), mod, fut(m.start())) if anchor else None
        if anchor and month and not mod and tense(m.start()) != "past" and not _past_after(text, m.end()):
            month = _upcoming_month(anchor, month, _onset(text, m.start(), m.end()), tense(m.start()))
        kind = "may" if m["mon"].title() == "May" else "month"
        out.append(_Cand(m.start(), m.end(), month, "month", bool(mod), kind))  # "last June" stands alone

    for m in _P_WEEKDAY.finditer(text, lo, hi):
        out.extend(_weekday(text, m, lo, anchor, fut))

    for m in _P_SEASON.finditer(text, lo, hi):
        c = _season(text, m, anchor, fut)
        if c:
            out.append(c)

    for m in _P_YEAR.finditer(text, lo, hi):
        out.append(_Cand(m.start(), m.end(), m.group(), "year", _year_head(text, m, lo), "year"))

    for m in _P_DECADE.finditer(text, lo, hi):
        c = _decade(text, m, lo, anchor)
        if c:
            out.append(c)

    for m in _P_RELATIVE.finditer(text, lo, hi):
        c = _relative(text, m, lo, anchor)
        if c:
            out.append(c)

    for m in _P_HOLIDAY.finditer(text, lo, hi):
        c = _holiday(m, anchor, tense)
        if c:
            out.append(c)
    return out


def _weekday(text: str, m: re.Match[str], lo: int, anchor: dt.date | None,
             fut: Callable[[int], bool]) -> list[_Cand]:
    s = m.start()
    before = text[max(lo, s - 12):s].split()
    prev = before[-1].lower() if before else ""
    if prev in _NAMED_DAYS or text[max(lo, s - 4):s] == "USA ":
        return []  # Black Friday, Good Friday, Super Tuesday
    nxt = text[m.end("wd"):m.end("wd") + 20].lstrip()
    if not m["mod"] and not m["tod"] and re.match(r"[A-Z][a-z]", nxt):
        # "the Sunday Times", "Monday Night Football": a name, unless clearly a date
        if not re.match(_MON, nxt) and prev not in words("weekday_prepositions"):
            return []
    mod = _mod(m)
    val = _resolve_weekday(anchor, _WEEKDAYS[m["wd"].lower()], mod, fut(s)) if anchor else None
    return [_Cand(s, m.end(), val, "day", True, "day")]


def _season(text: str, m: re.Match[str], anchor: dt.date | None, fut: Callable[[int], bool]) -> _Cand | None:
    name = m["season"].lower()
    after = text[m.end():m.end() + 12]
    if m["y"]:
        y = int(m["y"])
        return _Cand(m.start(), m.end(), _ym(y, _SEASONS[name]), "season", True, "season")
    if re.match(r"\s+of\s+(?!\d)", after) or re.match(r"\s*-\s*\w", after):
        return None  # "the fall of Kabul", "spring-loaded"
    if m["season"][0].isupper():
        before = text[max(0, m.start() - 20):m.start()].split()
        if before and before[-1][:1].isupper() and not before[-1].endswith("."):
            return None  # the Arab Spring, Prague Spring
    mod = _mod(m)
    if not anchor:
        val = None
    else:
        val = _resolve_season(anchor, name, mod, fut(m.start()))
    return _Cand(m.start(), m.end(), val, "season", bool(mod), "season")


def _year_head(text: str, m: re.Match[str], lo: int) -> bool:
    """A bare year that modifies a noun ("the 2022 invasion", "Russia's 2014 annexation")."""
    if not 1900 <= int(m.group()) <= 2099:
        return False
    before = text[max(lo, m.start() - 15):m.start()]
    words = before.split()
    head = words[-1].lower() if words else ""
    if not (head in _TEMPORAL_HEAD or head.endswith(("'s", "’s"))):
        return False
    after = re.match(r"\s+([A-Za-z][\w-]*)", text[m.end():m.end() + 30])
    if not after:
        return False
    word = after.group(1)
    # "the 2000 troops" is a count; "the 2022 invasion", "the 2024 Olympics" are years
    return word[0].isupper() or not (word.endswith("s") and not word.endswith("ss"))


def _decade(text: str, m: re.Match[str], lo: int, anchor: dt.date | None) -> _Cand | None:
    raw = m["dec"].lstrip("'’")
    before = text[max(lo, m.start() - 12):m.start()].lower()
    # "the 1990s", "in 1990s Britain"; never "in his 40s" (an age: no article, no apostrophe)
    if not m["the"] and not re.search(r"\b(?:in|since|of|by|during|from|until|through|early|late|mid)[\s-]*$", before):
        return None
    if len(raw) == 4:
        return _Cand(m.start(), m.end(), raw, "decade", True, "decade")
    d = int(raw)
    if anchor:
        y = 2000 + d if 2000 + d <= anchor.year else 1900 + d
    elif d >= 30 or d < 20:
        y = 1900 + d if d >= 30 else 2000 + d
    else:
        return _Cand(m.start(), m.end(), None, "decade", True, "decade")
    return _Cand(m.start(), m.end(), str(y), "decade", True, "decade")


def _relative(text: str, m: re.Match[str], lo: int, anchor: dt.date | None) -> _Cand | None:
    rel = " ".join(m["rel"].lower().split())
    s = m.start()
    before = text[max(lo, s - 12):s].lower()
    if re.search(r"\b(?:the|within)\s+$", before) and rel.split()[0] in {"last", "next"}:
        return None  # "the last year", "over the next week": a duration, not a date
    if m["rel"][0].isupper() and rel in words("deictic_days"):
        prior = text[max(lo, s - 3):s].rstrip(" \t")
        if prior and prior[-1] not in ".!?:;\"“”'‘’(\n-–—":
            return None  # mid-sentence capital: a name ("USA Today", "the Today programme")
    parts = rel.split()
    if parts[0] in words("relative_shift_words"):
        parts = parts[1:]
    if parts[-1] == "ago":
        n = int(parts[0]) if parts[0].isdigit() else _NUMBERS[parts[0]]
        unit = parts[1].rstrip("s")
        if not anchor:
            return _Cand(s, m.end(), None, {"day": "day", "week": "week", "month": "month"}.get(unit, "year"),
                         True, "rel")
        if unit == "day":
            return _Cand(s, m.end(), (anchor - dt.timedelta(days=n)).isoformat(), "day", True, "rel")
        if unit == "week":
            return _Cand(s, m.end(), _iso_week(anchor - dt.timedelta(weeks=n)), "week", True, "rel")
        if unit == "month":
            return _Cand(s, m.end(), _ym(*_shift_month(anchor.year, anchor.month, -n)), "month", True, "rel")
        years = n * (10 if unit == "decade" else 1)
        return _Cand(s, m.end(), str(anchor.year - years), "year", True, "rel")
    key = parts[-1]
    offset = {"last": -1, "this": 0, "next": 1}.get(parts[0], 0)
    if key in words("deictic_days") or key in words("relative_day_words"):
        days = {"yesterday": -1, "tomorrow": 1, "night": -1}.get(key, 0)
        val = (anchor + dt.timedelta(days=days)).isoformat() if anchor else None
        return _Cand(s, m.end(), val, "day", True, "rel")
    if key == "weekend":
        if not anchor:
            return _Cand(s, m.end(), None, "week", True, "rel")
        # the weekend just past (or under way); "next weekend" the one after the anchor
        sat = anchor - dt.timedelta(days=(anchor.weekday() - 5) % 7)
        if parts[0] == "next" or (parts[0] == "this" and anchor.weekday() < 5):
            sat = anchor + dt.timedelta(days=(5 - anchor.weekday()) % 7 or 7)
        if parts[0] == "next" and anchor.weekday() >= 5:
            sat += dt.timedelta(days=7)
        return _Cand(s, m.end(), _iso_week(sat), "week", True, "rel")
    if key == "week":
        val = _iso_week(anchor + dt.timedelta(weeks=offset)) if anchor else None
        return _Cand(s, m.end(), val, "week", True, "rel")
    if key == "month":
        val = _ym(*_shift_month(anchor.year, anchor.month, offset)) if anchor else None
        return _Cand(s, m.end(), val, "month", True, "rel")
    if key == "year":
        return _Cand(s, m.end(), str(anchor.year + offset) if anchor else None, "year", True, "rel")
    return None


def _easter(y: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    return dt.date(y, month, (h + l_ - 7 * m + 114) % 31 + 1)


def _holiday_date(name: str, y: int) -> dt.date:
    if name.startswith("easter"):
        return _easter(y)
    if name.startswith("thanksgiving"):  # US: fourth Thursday of November
        first = dt.date(y, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    fixed = table("fixed_holidays")
    m, d = fixed.get(name, (12, 25))
    return dt.date(y, m, d)


def _holiday(m: re.Match[str], anchor: dt.date | None, tense: Callable[[int], str | None]) -> _Cand | None:
    name = " ".join(m["h"].lower().replace("’", "'").split())
    if m["y"]:
        return _Cand(m.start(), m.end(), _holiday_date(name, int(m["y"])).isoformat(), "day", True, "day")
    bare = name in words("bare_holidays")
    if not anchor:
        return _Cand(m.start(), m.end(), None, "day", not bare, "holiday")
    y = anchor.year
    past = _holiday_date(name, y)
    if past > anchor:
        past = _holiday_date(name, y - 1)
    nxt = _holiday_date(name, y if _holiday_date(name, y) >= anchor else y + 1)
    t = tense(m.start())
    chosen = nxt if t == "future" or (t is None and (anchor - past).days > 300 and (nxt - anchor).days <= 62) else past
    return _Cand(m.start(), m.end(), chosen.isoformat(), "day", not bare, "holiday")


# ------------------------------------------------------------------------------- public


def find_dates(text: str, anchor: dt.date | None, start: int = 0, end: int | None = None) -> list[TimeExpr]:
    """Temporal expressions in ``text[start:end]``, in text order, resolved against ``anchor``.

    Relative expressions get ``value=None`` when ``anchor`` is None; absolute ones resolve.
    """
    hi = len(text) if end is None else min(end, len(text))
    lo = max(0, start)
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    cands = _iter_cores(text, lo, hi, anchor)
    # longest first at each start, then keep what does not overlap an earlier pick
    cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
    picked: list[_Cand] = []
    for c in cands:
        if not picked or c.start >= picked[-1].end:
            picked.append(c)

    out: list[TimeExpr] = []
    prev: tuple[int, str] | None = None  # end and kind of the last accepted expression
    for c in picked:
        s, e = c.start, c.end
        p = _PREFIX.search(text, max(lo, s - 48), s)
        prep = " ".join(p["prep"].lower().split()) if p and p["prep"] else None
        has_mod = bool(p and (p["pos"] or p["early"]))
        if c.kind == "year" and _COUNT_NOUN.match(text, e):
            continue  # "in 2000 cases"
        licensed = c.licensed or has_mod or prep in _licence(c.kind)
        if c.kind == "may" and prep == "by" and re.match(r"\s*(?:[,.;:)]|$|20\d\d)", text[e:e + 6]):
            licensed = True  # "by May," a deadline; "criticised by May" is the politician
        if licensed and not c.licensed and not has_mod and c.kind == "year":
            if p is not None and prep == "from" and _CHANGE_WORDS.search(text, max(lo, s - 40), p.start()):
                licensed = False  # "rose from 1800 to 2400": a quantity
            elif prep == "between" and not _P_BETWEEN_PARTNER.match(text, e):
                licensed = False
        if not licensed and prev and c.kind in {"year", "month", "may", "season"}:
            gap = text[prev[0]:s]
            licensed = len(gap) < 12 and prev[1] in _CHAINABLE and bool(_CHAIN.fullmatch(gap))
        if not licensed:
            continue
        if p and (prep or has_mod):
            if prep and prep not in {"of", "to"}:
                s = p.start()
            else:  # "of"/"to" link the date to what comes before; they are not part of it
                s = p.start("pos") if p["pos"] else p.start("early") if p["early"] else s
        out.append(TimeExpr(s, e, text[s:e], c.value, c.grain))
        prev = (e, c.kind)
    return out


_CHAINABLE = {"year", "month", "may", "season", "day", "decade"}
_P_BETWEEN_PARTNER = re.compile(rf"\s+and\s+{_YEAR}\b(?!\d)")


def _licence(kind: str) -> frozenset[str]:
    if kind == "may":
        return _MAY_LICENCE
    if kind == "year":
        return _YEAR_LICENCE
    if kind == "holiday":
        return _LICENCE | {"on", "at", "for"}
    return _LICENCE


def is_date_like(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` (a number the quantity finder saw) part of a date or year?"""
    lo, hi = max(0, start - 40), min(len(text), end + 40)
    return any(t.start < end and start < t.end for t in find_dates(text, None, lo, hi))


# -------------------------------------------------------------------- published dates

_P_ISO_FULL = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?:[T\s](?P<H>\d\d):(?P<M>\d\d)(?::\d\d(?:\.\d+)?)?"
    r"(?:Z|[+-]\d\d:?\d\d)?)?"
)
_P_RFC2822 = re.compile(r"(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d\d?:\d\d(?::\d\d)?\s*(?:[A-Z]{1,5}|[+-]\d{4})?$")
_P_TIME = re.compile(
    r"(?:^|[\s,T]|\bat\s)(?P<H>[01]?\d|2[0-3])[:.h](?P<M>[0-5]\d)(?::[0-5]\d)?\s*"
    r"(?P<ampm>[AaPp]\.?\s?[Mm]\.?(?![A-Za-z]))?"
)


def parse_published(s: str) -> str | None:
    """Normalise a published date string to ISO: ``"2024-12-23"`` or ``"2024-12-23T16:54"``.

    The time is kept as the wall-clock time written (a zone offset is dropped, not applied),
    so the date stays the one the outlet printed. Day/month order must be decidable:
    "23/12/2024" and "12/23/2024" parse, "05/06/2024" gives None. Relative strings
    ("2 hours ago") give None. A month and year alone give "2024-12", a year "2024".
    Other languages fall back to dateparser, absolute dates only, when it is installed.
    """
    s = " ".join(s.split())
    if not s:
        return None
    m = _P_ISO_FULL.search(s)
    if m and _safe_date(int(m["y"]), int(m["m"]), int(m["d"])):
        day = f"{m['y']}-{m['m']}-{m['d']}"
        return f"{day}T{m['H']}:{m['M']}" if m["H"] else day
    if _P_RFC2822.match(s):  # as in RSS: "Mon, 23 Dec 2024 10:00:00 GMT"
        try:
            return parsedate_to_datetime(s).strftime("%Y-%m-%dT%H:%M")
        except (TypeError, ValueError, IndexError):
            pass
    if re.fullmatch(_YEAR, s):
        return s
    m2 = re.search(r"\b(\d{4})/(\d\d?)/(\d\d?)\b", s)  # 2024/12/23
    if m2 and (d := _safe_date(int(m2[1]), int(m2[2]), int(m2[3]))):
        return _with_time(d.isoformat(), s[m2.end():])
    hits = [t for t in find_dates(s, None) if t.grain in {"day", "month"}]
    for t in hits:
        if t.grain == "day" and t.value:
            return _with_time(t.value, s[t.end:])
        if t.grain == "day" and _P_NUMERIC.search(t.text):
            return None  # ambiguous numeric date
    for t in hits:
        if t.grain == "month" and t.value:
            return t.value
    return _parse_foreign(s)


def _parse_foreign(s: str) -> str | None:
    """Last resort for other languages ("23 décembre 2024 à 10h00"): dateparser, absolute only."""
    if not re.search(r"\d", s):
        return None
    try:
        import dateparser  # slow; ~1 ms a call: only as a last resort
    except ImportError:
        return None
    settings = {  # full dates only, never resolved against today's date
        "PARSERS": ["custom-formats", "absolute-time"],
        "REQUIRE_PARTS": ["day", "month", "year"],
        "RETURN_AS_TIMEZONE_AWARE": False,
        "RELATIVE_BASE": dt.datetime(2000, 1, 1),
    }
    try:
        t: dt.datetime | None = dateparser.parse(s, settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    if t is None:
        return None
    has_time = re.search(r"\b\d{1,2}\s*[:h]\s*\d\d\b", s)
    return t.strftime("%Y-%m-%dT%H:%M") if has_time else t.date().isoformat()


def _with_time(day: str, rest: str) -> str:
    m = _P_TIME.match(rest) or _P_TIME.search(rest[:20])
    if not m:
        return day
    h, mi = int(m["H"]), int(m["M"])
    ampm = (m["ampm"] or "").lower()
    if ampm.startswith("p") and h < 12:
        h += 12
    elif ampm.startswith("a") and h == 12:
        h = 0
    return f"{day}T{h:02d}:{mi:02d}"

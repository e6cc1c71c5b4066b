"""Bylines and dates of scraped articles: names, publication times and the outlet they give.

String-level helpers for ``clean``: each takes one line of text (or a few) and reads the
people, dates and outlet it states. Which lines are bylines is decided in ``clean``.
"""
from __future__ import annotations

import re

from claimgraph.ingest import furniture as f
from claimgraph.lexicon import ordered, words

__all__ = ["bare_names", "byline_names", "date_line", "find_date", "org_line", "outlet_of", "role_line"]

CLOSERS = "\"'”’»)]*"
TERMINAL = ".!?…;:"


def ends_sentence(text: str) -> bool:
    """The line closes with sentence punctuation (quotes and brackets aside)."""
    bare = text.rstrip().rstrip(CLOSERS).rstrip()
    return bool(bare) and bare[-1] in TERMINAL


_MONTH = rf"(?P<mon>{'|'.join(sorted(words('months') | words('month_abbreviations'), key=lambda w: (-len(w), w)))})\.?"
_DATES = (
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<day>\d\d)(?:[T ](?P<hh>\d\d):(?P<mm>\d\d))?"),
    re.compile(r"\b(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<year>(?:19|20)\d\d)\b"),
)
TIME = re.compile(
    r"\b(?P<h>\d{1,2})[:.](?P<m>\d\d)(?::\d\d)?(?:\s*(?P<ap>[ap])\.?\s?m\b\.?)?"
    r"(?=\s*(?P<zone>GMT|UTC|BST|CET|CEST|EET|EEST|MSK|KST|JST|IST|EST|EDT|PST|PDT|CST|CDT|ET|PT)\b)?"
    r"|\b(?P<h2>\d{1,2})\s*(?P<ap2>[ap])\.?m\b",
    re.I,
)
RELATIVE = re.compile(
    r"\b(?:(?:about|around|over) )?(?:\d+|an?|one)\s*(?:min(?:ute)?s?|h(?:ou)?rs?|days?|weeks?|months?)\s+ago\b"
    r"|\bjust now\b",
    re.I,
)
READ_TIME = re.compile(r"\b\d+\s*min(?:ute)?s?\.?\s+(?:read|listen)\b", re.I)
_MONTHS = {m[:3]: i for i, m in enumerate(ordered("months"), 1)}
BY = re.compile(
    r"^\(?(?:(?:written|posted|published|updated|reported|story|words|text|compiled|produced|reporting|"
    r"additional reporting|interview(?:ed)?)\b.{0,60}?\s)?by:?\s+(?P<rest>.+)$"
    r"|^(?:authors?|writers?|byline|reporters?)\s*:\s*(?P<rest2>.+)$",
    re.I,
)
_FOR = re.compile(r"\s+(?:for|FOR)\s+(?P<outlet>[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,4})\s*$")
_NAME_FILLERS = frozenset("and & of the de van von da del della di la le du bin al el y in on at from for with".split())
_NOT_NAMES = words("weekdays") | frozenset(
    "today yesterday tomorrow then now far contrast comparison all means way law design default".split()
)
# words of a place or a section, never of a bare byline name ("Middle East and North Africa")
_PLACE_WORDS = frozenset("east west north south middle central latin united world live latest".split())
# "Le Monde with AFP", "France 24 with agencies": the outlet credits its wire
WITH_AGENCY = re.compile(
    rf"(?P<outlet>[A-Z][\w.&'’-]*(?:\s+[A-Z0-9][\w.&'’-]*){{0,4}})(?:\s+staff)?"
    rf"(?:\s+(?:with|\+)\s+(?:{f.AGENCIES})|\s+(?:with|and|\+|&)\s+(?:news )?(?:agencies|wires))"
)


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first calendar date in ``text`` as ISO (with time when given), and where it sits."""
    best: tuple[str, int, int] | None = None
    for pattern in _DATES:
        for m in pattern.finditer(text):
            iso = _iso(m)
            if iso and (best is None or m.start() < best[1]):
                best = (iso, m.start(), m.end())
            if iso:
                break
    if best is None or "T" in best[0]:
        return best
    iso, s, e = best
    lo = max([0, s - 30] + [m.end() for m in re.finditer(r"[|•·]", text[:s])])
    hi = min([len(text), e + 30] + [e + m.start() for m in re.finditer(r"[|•·]", text[e:])])
    clocks = [(min(abs(t.start() - e), abs(s - t.end())), t) for t in TIME.finditer(text, lo, hi)]
    for _, t in sorted(clocks, key=lambda c: c[0]):
        if (t.end() <= s or t.start() >= e) and (hhmm := clock(t)):
            return f"{iso}T{hhmm}", min(s, t.start()), max(e, t.end())
    nxt = re.match(r"[^|•·]*[|•·]([^|•·]*)", text[e:])  # "Jul 09, 2024 | 18:41 IST": a clock on its own
    if nxt and (tm := TIME.search(nxt[1])) and (hhmm := clock(tm)):
        rest = [w for w in re.split(r"[\s,:]+", strip_dates(nxt[1]).lower()) if w]
        if all(w in f.DATE_FILLERS and not w.startswith(("updat", "modif")) for w in rest):
            return f"{iso}T{hhmm}", s, e + nxt.start(1) + tm.end()
    return best


def _iso(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    year, day = int(groups["year"]), int(groups["day"]) if groups.get("day") else 0
    if groups.get("mon"):
        month = _MONTHS[groups["mon"][:3].lower()]
    elif groups.get("m"):
        month = int(groups["m"])
    else:
        a, b = int(groups["a"]), int(groups["b"])
        month_first = a <= 12 if groups["sep"] == "/" else b > 12  # US slashes; dots and dashes day first
        month, day = (a, b) if month_first else (b, a)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    if groups.get("hh"):
        iso += f"T{groups['hh']}:{groups['mm']}"
    return iso


def clock(t: re.Match[str]) -> str | None:
    hour = int(t["h"] or t["h2"])
    minute = int(t["m"] or 0)
    ap = (t["ap"] or t["ap2"] or "").lower()
    if t["h"] and t["m"] and not ap and ":" not in t.group(0) and not t["zone"]:
        return None  # "4.54" without am/pm or a zone is not a clock
    if ap == "p" and hour < 12:
        hour += 12
    elif ap == "a" and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else None


def strip_dates(text: str) -> str:
    while (found := find_date(text)) is not None:
        text = text[:found[1]] + " " + text[found[2]:]
    text = READ_TIME.sub(" ", text)
    text = re.sub(r"\b(?:GMT|UTC)\s?[+-]\s?\d{1,2}(?::?\d\d)?", " ", text, flags=re.I)
    text = RELATIVE.sub(" ", text)
    return TIME.sub(" ", text)


def date_line(text: str) -> bool:
    """A line that holds a date or time and little else ("Updated Dec. 3, 2024 4:54 PM EST")."""
    if len(text) > 120:
        return False
    found = TIME.search(text)
    if not (find_date(text) or RELATIVE.search(text) or (found and clock(found) and not ends_sentence(text))):
        return False
    rest = re.sub(r"\((?:[A-Z][a-z]+(?: [A-Z][a-z]+)?)\)", " ", strip_dates(text))  # "at 2:05 pm (Paris)"
    rest = re.sub(rf"^\s*(?:{f.AGENCIES})\b|\b(?:{f.AGENCIES})\s*$", " ", rest).lower()  # "IANS | Updated: ..."
    month = _MONTH.replace("?P<mon>", "")
    rest = re.sub(rf"\b{month}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{month}", " ", rest)
    words = [w for w in re.split(r"[\s,|·•:()\[\]]+", rest) if w]
    return all(w in f.DATE_FILLERS or w.strip(".-–—") == "" for w in words)


def byline_names(text: str) -> list[str] | None:
    """The names of a byline ("By A and B, Staff Writer | Dec. 3, 2024"), or None if not one."""
    if len(text) > 200:
        return None
    m = BY.match(text.strip(" \t-–—•*·"))
    if not m:
        return None
    rest = strip_dates(re.sub(r"\S+@\S+", " ", m["rest"] or m["rest2"] or ""))
    rest = re.split(r"\s*[;|)(]\s*(?:edit|updat|publish|photo|graphic|writ(?:ing)? by|additional)", rest, flags=re.I)[0]
    names: list[str] = []
    for part in (p.strip(" .,:-–—|()") for p in re.split(r",|;|\||&|\band\b|\s[–—-]\s", rest)):
        part = re.sub(r"\s+", " ", part).strip()
        part = re.sub(r"^(?:and|by)\s+", "", part, flags=re.I)
        part = re.sub(r"\s+in\s+[A-Z][\w.' -]*$", "", part)
        part = re.sub(r"(?:\s+(?:on|at|in|for|from|with))+$", "", part, flags=re.I)
        part = _FOR.sub("", part)
        if not part or part.lower() in f.DATE_FILLERS:
            continue
        tokens = [t for t in (t.strip("()[]\"'“”‘’.") for t in part.split()) if t]
        if not tokens:
            continue
        if any(t[0].islower() and t.lower() not in _NAME_FILLERS and t.lower() not in f.ROLE_WORDS for t in tokens):
            return None  # lower-case words: a sentence ("By Monday, the army had ...")
        if all(t.lower() in f.ROLE_WORDS or t.lower() in _NAME_FILLERS for t in tokens):
            continue  # "Staff Writer", "Senior Correspondent"
        if len(tokens) > 7 or (len(tokens) == 1 and tokens[0].lower() in _NOT_NAMES):
            return None
        if (m := re.fullmatch(r"((?:[A-Z][A-Z.'’-]+\s+){1,3}[A-Z][A-Z.'’-]+)\s+([A-Z][a-z].*)", part)) and (
            f.ORG_WORDS.search(m[2]) or CORE_ROLE.search(m[2])
        ):  # "MATT SELLERS Associated Press", "JANE DOE Staff Writer"
            names.append(m[1].title())
            if not CORE_ROLE.search(m[2]):
                names.append(m[2])
            continue
        if CORE_ROLE.search(part) and not f.ORG_WORDS.search(part):  # "Kerry Marsh Senior Reporter"
            kept = part.split()
            while len(kept) > 2 and kept[-1].lower() in f.ROLE_WORDS:
                kept.pop()
            part = " ".join(kept)
        names.append(part.title() if part.isupper() and len(part) > 3 else part)
    return names or None


CORE_ROLE = re.compile(r"\b(?:correspondent|reporter|editor|writer|columnist|journalist|contributor|producer)s?$", re.I)


def role_line(text: str) -> bool:
    """A line that is only a reporter's role: "Environment correspondent", "Senior Reporter"."""
    tokens = re.findall(r"[^\W\d_]+", text)
    return (
        1 <= len(tokens) <= 5
        and CORE_ROLE.search(text.rstrip(" .")) is not None
        and all(t.lower() in f.ROLE_WORDS or t.lower() in _NAME_FILLERS for t in tokens)
    )


def bare_names(text: str) -> tuple[list[str], bool] | None:
    """The people in a bare byline line, and whether a role names them as writers.

    "Jane Doe", "Jane Doe, Health correspondent", "Priya Sethi | Transportation Reporter",
    "Margaret Osei and Tomás Villar", "Laura Chen in Hong Kong"; None if the line is not one.
    """
    if len(text) > 100 or any(c.isdigit() for c in text) or ends_sentence(text):
        return None
    text = re.sub(r"\s+in\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}$", "", text)  # "... in Hong Kong"
    parts = [p for p in re.split(r"\s*[,|]\s*|\s+(?:and|&)\s+|\s+[-–—]\s+", text) if p]
    names: list[str] = []
    role = False
    for k, part in enumerate(parts):
        tokens = part.split()
        if tokens and all(t.lower() in f.ROLE_WORDS for t in tokens):
            role = True  # "| Staff", "| Staff Writer"
            continue
        if k == len(parts) - 1 and names and (f.ORG_WORDS.search(part) or re.fullmatch(rf"(?:{f.AGENCIES})", part)):
            role = True  # "Nils Hedegaard, Bloomberg News", "Ana Ruiz, Reuters": the writer's outlet
            continue
        if CORE_ROLE.search(part):
            role = True
            while tokens and tokens[-1].lower() in f.ROLE_WORDS:
                tokens.pop()
            if len(tokens) < 2 or not all(t[0].isupper() for t in tokens):
                continue  # a role on its own: "Health correspondent", "Transportation Reporter"
        if not (2 <= len(tokens) <= 4) or tokens[0].lower() in _NAME_FILLERS or f.ORG_WORDS.search(" ".join(tokens)):
            return None
        if any(t.lower() in _PLACE_WORDS or t.lower() in _NOT_NAMES for t in tokens):
            return None
        if not all(t[0].isupper() and t.isalpha() or re.fullmatch(r"[A-Z]\.|[A-Z][a-z]*['’-][A-Z]?\w+", t) for t in tokens):
            return None
        names.append(" ".join(tokens))
    if not names or len(names) > 3 or (len(names) > 1 and not re.search(r"\s(?:and|&)\s", text)):
        return None  # several names are joined by "and": "Wind Power, Solar Energy" is a tag list
    return names, role


def org_line(text: str) -> bool:
    """"BBC News, Istanbul" / "Metro Courier": an outlet line under a bare byline."""
    return len(text) <= 60 and not ends_sentence(text) and f.ORG_WORDS.search(text) is not None


_DESK = re.compile(
    r"^(?P<outlet>.+?)\s+(?P<role>news\s+desk|desk|staff(?:\s+(?:writer|reporter)s?)?|newsroom|editorial(?: team| board)?|"
    r"news team)$",
    re.I,
)
_WIRE = re.compile(
    r"^(?:[A-Z][\w .'’-]{1,40}(?:,\s*[\w .]{1,30})?,?\s+(?:\w{3,9}\.?\s+\d{1,2}\s+)?)?"
    rf"\((?P<agency>{f.AGENCIES})\)\s*(?:[-–—:]|(?=[A-Z\"“‘']))"
)


def outlet_of(authors: tuple[str, ...], bylines: list[str], body: list[str]) -> str | None:
    """The outlet a byline names ("The X news desk", "X staff", "for X"), else a wire dateline's agency."""
    for name in authors:
        m = _DESK.match(name)
        if not m or re.fullmatch(r"(?i)(?:the\s+)?(?:senior|staff|news)", m["outlet"]):
            continue
        outlet = m["outlet"]
        personal = len(outlet.split()) in (2, 3) and not outlet.startswith("The") and not f.ORG_WORDS.search(outlet)
        if not (personal and m["role"].lower().startswith("staff ")):
            return re.sub(r"^the\s", "The ", outlet)
    for name in authors[1:]:
        if f.ORG_WORDS.search(name) and not _DESK.match(name):
            return name
    for text in bylines:
        if BY.match(text) and (m := _FOR.search(strip_dates(text))):
            return m["outlet"].title() if m["outlet"].isupper() else m["outlet"]
        if (m := WITH_AGENCY.fullmatch(text)) and m["outlet"].lower() != "staff":
            return m["outlet"]  # "Le Monde with AFP", "Guardian staff and agencies"
    for line in body:
        if m := _WIRE.match(line):
            return m["agency"]
    return None

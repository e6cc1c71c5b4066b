"""Mark the body of a scraped article and lift its title, date, authors and outlet.

The text is never changed: the result is character spans into it. Each non-empty line is
body, the title, or debris of some kind (see ``furniture``). The signals are general:
position (before the first or after the last prose paragraph), length, end punctuation,
capitalisation, comma density, site vocabulary, date patterns and photo credits.
When a line is in doubt it stays body.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from claimgraph import model
from claimgraph.ingest import furniture as f

__all__ = ["Cleaned", "clean_text"]


@dataclass(frozen=True, slots=True)
class Cleaned:
    """What ``clean_text`` found. Spans are ``(start, end)`` offsets of whole lines, trimmed."""

    body: tuple[tuple[int, int], ...]  # body lines, in order
    debris: tuple[model.Debris, ...]  # every other non-empty line except the title
    title: str | None
    title_span: tuple[int, int] | None
    published: str | None  # ISO 8601: "2024-12-23", or "2024-12-23T16:54" when a time is given
    authors: tuple[str, ...]
    outlet: str | None


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int
    text: str
    norm: str
    words: int


_TRIM = " \t\u00a0•·∙●▪◦*-–—>»›→←|:.!…#"
_CLOSERS = "\"'”’»)]*"
_TERMINAL = ".!?…;:"
_REPORTAGE = re.compile(r"\b(?:said|says|told|according to|reported|announced|stated|added)\b", re.I)
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")


def clean_text(text: str) -> Cleaned:
    """Classify every non-empty line of ``text``; return body spans, debris and metadata."""
    lines = _split(text)
    kinds: list[str | None] = [_furniture(line) for line in lines]
    _bare_bylines(lines, kinds)
    first, last = _prose_bounds(lines, kinds)
    for i, line in enumerate(lines):
        if kinds[i] is None and (i < first or i > last):
            kinds[i] = _edge_kind(line, head=i < first)
        elif kinds[i] is None and _tag_list(line, strict=True):
            kinds[i] = "share_tags"
    title_at = _title_index(lines, kinds, first)
    if title_at is not None:
        _repeated_title(lines, kinds, title_at, first)
    _captions_by_credits(lines, kinds, title_at)
    _link_lists(lines, kinds)
    _footer(lines, kinds, first)
    authors = _authors(lines, kinds)
    _author_bios(lines, kinds, authors)
    body = tuple((ln.start, ln.end) for i, ln in enumerate(lines) if kinds[i] is None and i != title_at)
    debris = tuple(
        model.Debris(ln.start, ln.end, k) for i, ln in enumerate(lines) if (k := kinds[i]) is not None and i != title_at
    )
    title = lines[title_at] if title_at is not None else None
    return Cleaned(
        body=body,
        debris=debris,
        title=title.text if title else None,
        title_span=(title.start, title.end) if title else None,
        published=_published(lines, kinds),
        authors=authors,
        outlet=_outlet(
            authors,
            [ln.text for i, ln in enumerate(lines) if kinds[i] == "byline"],
            [ln for i, ln in enumerate(lines) if kinds[i] is None and i != title_at][:2],
        ),
    )


# ---- lines -------------------------------------------------------------------------------


def _split(text: str) -> list[_Line]:
    """The non-empty lines of ``text``, each span trimmed of surrounding white space."""
    out: list[_Line] = []
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        stripped = raw.strip()
        if not stripped:
            continue
        start += len(raw) - len(raw.lstrip())
        end -= len(raw) - len(raw.rstrip())
        norm = re.sub(r"\s+", " ", stripped.strip(_TRIM)).lower().replace("’", "'")
        out.append(_Line(start, end, stripped, norm, len(_WORD.findall(stripped))))
    return out


def _ends_sentence(text: str) -> bool:
    bare = text.rstrip().rstrip(_CLOSERS).rstrip()
    return bool(bare) and bare[-1] in _TERMINAL


def _is_prose(line: _Line) -> bool:
    if _numeric(line.text):
        return False
    return line.words >= 30 or (line.words >= 8 and _ends_sentence(line.text))


def _numeric(text: str) -> bool:
    """Mostly numbers: a row of dates, counters or scores, not a sentence."""
    tokens = _WORD.findall(text)
    return len(tokens) >= 4 and sum(not any(c.isalpha() for c in t) for t in tokens) >= len(tokens) / 2


def _caps_ratio(text: str) -> float:
    words = [w for w in _WORD.findall(text) if w[0].isalpha()]
    if not words:
        return 0.0
    return len([w for w in words if w[0].isupper()]) / len(words)


# ---- furniture by vocabulary ---------------------------------------------------------------


def _furniture(line: _Line) -> str | None:
    """The debris kind a line's own words give it, wherever it stands; None if none."""
    norm = line.norm
    if line.words == 0 and not any(c.isalnum() for c in line.text):
        return "separator"
    if line.words <= 12:
        for kind, pattern in f.WHOLE_PATTERNS:
            if pattern.fullmatch(norm):
                return kind
    if _byline(line.text) is not None or _date_line(line.text):
        return "byline"
    if (m := _RELATIVE.search(line.text)) and m.end() >= len(line.text.rstrip(" )")) and line.words >= 4:
        if re.search(r"[-–—|·(]\s*$", line.text[: m.start()]):
            return "read_more"  # "Some headline - 14 mins ago": a list of other stories
    if line.words <= 60:
        for kind, pattern in f.LEAD_PATTERNS:
            if pattern.match(norm):
                return "credit" if kind in ("caption", "credit") and line.words <= 6 else kind
    if f.CREDIT_TAIL.search(line.text[-300:]):  # a credit closes the line; bound the search
        return "caption" if line.words > 6 else "credit"
    if line.words <= 40:
        for kind, pattern in f.PHRASE_PATTERNS:
            strong = kind in ("syndication_notice", "copyright", "reader_tool")
            if pattern.search(norm) and (strong or not _REPORTAGE.search(norm) or f.SECOND_PERSON.search(norm)):
                return kind
    if _social_list(norm):
        return "share_tags"
    return None


def _social_list(norm: str) -> bool:
    tokens = [t for t in re.split(r"[\s|,/·•]+", norm) if t]
    if len(tokens) == 1:
        return f.SOCIAL_BRAND.match(tokens[0]) is not None
    return len(tokens) >= 2 and all(f.SOCIAL_WORD.match(t) for t in tokens)


def _tag_list(line: _Line, *, strict: bool) -> bool:
    """A comma (or pipe) separated list of short labels with no sentence in it."""
    if _ends_sentence(line.text) and not line.text.rstrip().endswith(":"):
        return False
    items = [i.strip() for i in re.split(r"[,;|•·]", line.text) if i.strip()]
    if len(items) < (5 if strict else 3):
        return False
    sizes = [len(_WORD.findall(i)) for i in items]
    if max(sizes) > 4 or sum(sizes) / len(sizes) > 2.5:
        return False
    return not strict or _caps_ratio(line.text) >= 0.6


def _edge_kind(line: _Line, *, head: bool) -> str | None:
    """Lines before the first or after the last prose paragraph: labels, tag lists."""
    text = line.text
    if _tag_list(line, strict=False):
        return "share_tags"
    if not any(c.isalpha() for c in text) and line.words <= 3:
        return "section_label"  # a bare counter or number ("• 0", "12")
    if _ends_sentence(text) or text.lstrip()[:1] in "-•*–—" or text.rstrip()[-1:] in "-–—" or line.words == 0:
        return None  # a sentence, a list item, or a dateline ("NEW YORK —") that leads the body
    letters = [c for c in text if c.isalpha()]
    all_caps = len(letters) >= 2 and not any(c.islower() for c in letters)
    crumbs = re.search(r"\s[>›»/|]\s", text) is not None and line.words <= 8
    numeric = _numeric(text)
    label = line.words <= 2 or (line.words == 3 and _caps_ratio(text) == 1.0) or (all_caps and line.words <= 4)
    if (head and (crumbs or label) and len(text) <= 60) or numeric:
        return "section_label"
    if not head and (crumbs or line.words <= 5) and not re.search(r"\d", text):
        return "section_label"
    return None


# ---- position ------------------------------------------------------------------------------


def _prose_bounds(lines: list[_Line], kinds: list[str | None]) -> tuple[int, int]:
    """Index of the first and last prose line among unclassified ones."""
    prose = [i for i, ln in enumerate(lines) if kinds[i] is None and _is_prose(ln)]
    if not prose:  # a brief of short lines: take any sentence instead
        prose = [i for i, ln in enumerate(lines) if kinds[i] is None and _ends_sentence(ln.text)]
    if not prose:
        return len(lines), -1
    # the body starts at a full paragraph; a short tagline above it is still header
    long = [i for i in prose if lines[i].words >= 20]
    return (long[0] if long else prose[0]), prose[-1]


def _title_like(line: _Line) -> bool:
    text = line.text
    bare = text.rstrip(_CLOSERS + " ")
    if not (3 <= line.words <= 30 and len(text) <= 250) or not bare:
        return False
    if bare[-1] in ".,;:…" or not (text[0].isupper() or text[0].isdigit() or text[0] in "\"'“‘"):
        return False
    return not (bare[-1] in "?!" and line.words > 20)


def _title_index(lines: list[_Line], kinds: list[str | None], first: int) -> int | None:
    """The first headline-like line before the body, if body follows it."""
    for i, line in enumerate(lines[: max(first, 1)]):
        if kinds[i] is not None:
            continue
        if not _title_like(line):
            if _ends_sentence(line.text) and line.words >= 20:
                return None  # the text opens with a paragraph: no title
            continue
        rest = [ln for j, ln in enumerate(lines[i + 1:], i + 1) if kinds[j] is None]
        if any(_is_prose(ln) or _ends_sentence(ln.text) for ln in rest):
            return i
        return None
    return None


def _repeated_title(lines: list[_Line], kinds: list[str | None], title_at: int, first: int) -> None:
    """Pages often print the headline twice (page title, then heading): the copies are debris."""
    title = lines[title_at]
    for i in range(min(first, len(lines))):
        if i != title_at and kinds[i] is None and title.text in lines[i].text and lines[i].words <= title.words + 6:
            kinds[i] = "title"


def _captions_by_credits(lines: list[_Line], kinds: list[str | None], title_at: int | None) -> None:
    """An unpunctuated line beside a bare photo credit is its caption."""
    for i, kind in enumerate(kinds):
        if kind != "credit":
            continue
        for j in (i - 1, i + 1):
            if not (0 <= j < len(lines)) or j == title_at or kinds[j] is not None:
                continue
            if lines[j].words <= 30 and not _ends_sentence(lines[j].text):
                kinds[j] = "caption"


def _link_lists(lines: list[_Line], kinds: list[str | None]) -> None:
    """Headlines listed under a "Read more" / "Related" line are links, not body."""
    for i in range(len(lines) - 1):
        if kinds[i] != "read_more":
            continue
        j = i + 1
        while j < len(lines) and kinds[j] is None and _headline(lines[j]):
            kinds[j] = "read_more"
            j += 1


def _headline(line: _Line) -> bool:
    bare = line.text.rstrip(_CLOSERS + " ")
    return 3 <= line.words <= 25 and bool(bare) and bare[-1] not in ".;:…"


def _footer(lines: list[_Line], kinds: list[str | None], first: int) -> None:
    """After a comment or newsletter block at the end, the rest is furniture too."""
    n = len(lines)
    below = [0] * (n + 1)  # body characters from line i on
    prose_below = [False] * (n + 1)
    comments_below = [False] * (n + 1)
    for i in range(n - 1, -1, -1):
        body = kinds[i] is None
        below[i] = below[i + 1] + (len(lines[i].text) if body else 0)
        prose_below[i] = prose_below[i + 1] or (body and _is_prose(lines[i]))
        comments_below[i] = comments_below[i + 1] or kinds[i] == "comment_prompt"
    for i in range(max(first, 0), n):
        kind = kinds[i]
        if kind not in ("comment_prompt", "newsletter"):
            continue
        before, after = below[0] - below[i], below[i + 1]
        comments = kind == "comment_prompt" and (after <= before / 2 or (comments_below[i + 1] and before >= after / 3))
        if before and (comments or not prose_below[i + 1]):
            for j in range(i + 1, len(lines)):
                kinds[j] = kind if kinds[j] in (None, "byline") else kinds[j]
            return


# ---- bylines, dates, authors ---------------------------------------------------------------

_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATES = (
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<day>\d\d)(?:[T ](?P<hh>\d\d):(?P<mm>\d\d))?"),
    re.compile(r"\b(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<year>(?:19|20)\d\d)\b"),
)
_TIME = re.compile(
    r"\b(?P<h>\d{1,2})[:.](?P<m>\d\d)(?::\d\d)?(?:\s*(?P<ap>[ap])\.?\s?m\b\.?)?"
    r"(?=\s*(?P<zone>GMT|UTC|BST|CET|CEST|EET|EEST|MSK|KST|JST|IST|EST|EDT|PST|PDT|CST|CDT|ET|PT)\b)?"
    r"|\b(?P<h2>\d{1,2})\s*(?P<ap2>[ap])\.?m\b",
    re.I,
)
_RELATIVE = re.compile(
    r"\b(?:(?:about|around|over) )?(?:\d+|an?|one)\s*(?:min(?:ute)?s?|h(?:ou)?rs?|days?|weeks?|months?)\s+ago\b"
    r"|\bjust now\b",
    re.I,
)
_READ_TIME = re.compile(r"\b\d+\s*min(?:ute)?s?\.?\s+(?:read|listen)\b", re.I)
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_BY = re.compile(
    r"^\(?(?:(?:written|posted|published|updated|reported|story|words|text|compiled|produced|reporting|"
    r"additional reporting)\b.{0,60}?\s)?by:?\s+(?P<rest>.+)$"
    r"|^(?:authors?|writers?|byline|reporters?)\s*:\s*(?P<rest2>.+)$",
    re.I,
)
_FOR = re.compile(r"\s+(?:for|FOR)\s+(?P<outlet>[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,4})\s*$")
_NAME_FILLERS = frozenset("and & of the de van von da del della di la le du bin al el y in on at from for with".split())
_NOT_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow then now "
    "far contrast comparison all means way law design default".split()
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
    clocks = [(min(abs(t.start() - e), abs(s - t.end())), t) for t in _TIME.finditer(text, lo, hi)]
    for _, t in sorted(clocks, key=lambda c: c[0]):
        if (t.end() <= s or t.start() >= e) and (clock := _clock(t)):
            return f"{iso}T{clock}", min(s, t.start()), max(e, t.end())
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


def _clock(t: re.Match[str]) -> str | None:
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


def _strip_dates(text: str) -> str:
    while (found := find_date(text)) is not None:
        text = text[:found[1]] + " " + text[found[2]:]
    text = _READ_TIME.sub(" ", text)
    text = re.sub(r"\b(?:GMT|UTC)\s?[+-]\s?\d{1,2}(?::?\d\d)?", " ", text, flags=re.I)
    text = _RELATIVE.sub(" ", text)
    return _TIME.sub(" ", text)


def _date_line(text: str) -> bool:
    """A line that holds a date or time and little else ("Updated Dec. 3, 2024 4:54 PM EST")."""
    if len(text) > 120:
        return False
    clock = _TIME.search(text)
    if not (find_date(text) or _RELATIVE.search(text) or (clock and _clock(clock) and not _ends_sentence(text))):
        return False
    rest = _strip_dates(text).lower()
    month = _MONTH.replace("?P<mon>", "")
    rest = re.sub(rf"\b{month}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{month}", " ", rest)
    words = [w for w in re.split(r"[\s,|·•:()\[\]]+", rest) if w]
    return all(w in f.DATE_FILLERS or w.strip(".-–—") == "" for w in words)


def _byline(text: str) -> list[str] | None:
    """The names of a byline ("By A and B, Staff Writer | Dec. 3, 2024"), or None if not one."""
    if len(text) > 200:
        return None
    m = _BY.match(text.strip(" \t-–—•*·"))
    if not m:
        return None
    rest = _strip_dates(re.sub(r"\S+@\S+", " ", m["rest"] or m["rest2"] or ""))
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
        names.append(part.title() if part.isupper() and len(part) > 3 else part)
    return names or None


_CORE_ROLE = re.compile(r"\b(?:correspondent|reporter|editor|writer|columnist|journalist|contributor|producer)s?$", re.I)


def _bare_name(text: str) -> str | None:
    """The person in a bare byline line: "Jane Doe" or "Jane Doe, Health correspondent"."""
    if text.count(",") > 1:
        return None
    tokens = text.replace(",", " ").split()
    if not (2 <= len(tokens) <= 8) or tokens[0].lower() in _NAME_FILLERS:
        return None
    if any(c.isdigit() for c in text) or _ends_sentence(text):
        return None
    if _CORE_ROLE.search(text):
        while tokens and tokens[-1].lower() in f.ROLE_WORDS:
            tokens.pop()
    if not (2 <= len(tokens) <= 4) or f.ORG_WORDS.search(" ".join(tokens)):
        return None
    if not all(t[0].isupper() and t.isalpha() or re.fullmatch(r"[A-Z]\.|[A-Z][a-z]*['-][A-Z]?\w+", t) for t in tokens):
        return None
    return " ".join(tokens)


def _org_line(text: str) -> bool:
    """"BBC News, Istanbul" / "Metro Courier": an outlet line under a bare byline."""
    return len(text) <= 60 and not _ends_sentence(text) and f.ORG_WORDS.search(text) is not None


def _bare_bylines(lines: list[_Line], kinds: list[str | None]) -> None:
    """Near the top, a bare name next to a date, a byline or an outlet line is a byline too."""
    body_at = next((i for i, ln in enumerate(lines) if kinds[i] is None and ln.words >= 20), len(lines))
    for i in range(min(body_at, 12)):
        if kinds[i] is not None or (name := _bare_name(lines[i].text)) is None:
            continue
        near = [j for j in (i - 1, i + 1) if 0 <= j < len(lines)]
        if name.split() != lines[i].text.replace(",", " ").split() or any(kinds[j] == "byline" for j in near):
            kinds[i] = "byline"
        elif i + 1 < len(lines) and kinds[i + 1] is None and _org_line(lines[i + 1].text):
            kinds[i] = kinds[i + 1] = "byline"


def _authors(lines: list[_Line], kinds: list[str | None]) -> tuple[str, ...]:
    """Names from byline lines; "Reporting by" credits only when no byline names anyone."""
    found: list[str] = []
    later: list[str] = []
    for i, line in enumerate(lines):
        if kinds[i] != "byline":
            continue
        names = _byline(line.text)
        if names is None and (bare := _bare_name(line.text)):
            names = [bare]
        if names is None:
            continue
        lowered = line.text.lstrip("( ").lower()
        target = later if lowered.startswith(("reporting", "additional", "compiled", "produced")) else found
        target.extend(names)
    out: list[str] = []
    for name in found or later:
        # leftovers of a removed date or markup: "the X news desk < >", "Jane Doe |"
        name = re.sub(r"[\s<>\[\](){}|•·]+$", "", re.sub(r"\s*[<\[({][\s>\])}]*[>\])}]", "", name)).strip(" ,;:-")
        if name and name.lower() not in (n.lower() for n in out):
            out.append(name)
    return tuple(out)


def _author_bios(lines: list[_Line], kinds: list[str | None], authors: tuple[str, ...]) -> None:
    """A closing line "<author> is a reporter ..." is a bio, not body."""
    for i in range(max(0, len(lines) - 3), len(lines)):
        text = lines[i].text
        if kinds[i] is None and any(
            text.startswith(a) and re.match(rf"{re.escape(a)},? (?:is|was|has been) (?:an? |the )", text)
            for a in authors
        ):
            kinds[i] = "byline"


def _published(lines: list[_Line], kinds: list[str | None]) -> str | None:
    """The date of a byline or date line: "published" before plain before "updated"."""
    ranked: list[tuple[int, int, str]] = []
    for i, line in enumerate(lines):
        if kinds[i] != "byline" or (found := find_date(line.text)) is None:
            continue
        lowered = line.text.lower()
        rank = 0 if re.search(r"publish|posted", lowered) else 2 if re.search(r"updat|modif", lowered) else 1
        ranked.append((rank, i, found[0]))
    if not ranked:  # a date among other furniture at the top ("World | March 6, 2013 21:43")
        first = next((i for i, k in enumerate(kinds) if k is None and _is_prose(lines[i])), len(lines))
        for i in range(first):
            if kinds[i] not in (None, "caption", "credit") and (found := find_date(lines[i].text)):
                return found[0]
    return min(ranked)[2] if ranked else None


_DESK = re.compile(
    r"^(?P<outlet>.+?)\s+(?P<role>news\s+desk|desk|staff(?:\s+(?:writer|reporter)s?)?|newsroom|editorial(?: team| board)?|"
    r"news team)$",
    re.I,
)
_WIRE = re.compile(
    r"^[A-Z][\w .'’-]{1,40}(?:,\s*[\w .]{1,30})?,?\s+(?:\w{3,9}\.?\s+\d{1,2}\s+)?"
    r"\((?P<agency>Reuters|AP|AFP|Bloomberg|UPI|dpa|Xinhua|TASS|Yonhap|Kyodo|IANS|PTI|ANI|EFE|ANSA)\)\s*[-–—]"
)


def _outlet(authors: tuple[str, ...], bylines: list[str], body: list[_Line]) -> str | None:
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
        if _BY.match(text) and (m := _FOR.search(_strip_dates(text))):
            return m["outlet"].title() if m["outlet"].isupper() else m["outlet"]
    for line in body:
        if m := _WIRE.match(line.text):
            return m["agency"]
    return None

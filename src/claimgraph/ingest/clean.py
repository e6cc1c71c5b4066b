"""Mark the body of a scraped article and lift its title, date, authors and outlet.

The text is never changed: the result is character spans into it. Each non-empty line is
body, the title, or debris of some kind (see ``furniture``). The signals are general:
position (before the first or after the last prose paragraph), length, end punctuation,
capitalisation, comma density, site vocabulary, date patterns and photo credits; the
shape of a line (a sign-off, a contact, a link, a table row); and blocks (a verse or table
a colon introduces stays body, an "About <org>" note or contact block at the end does not).
When a line is in doubt it stays body.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from claimgraph import model
from claimgraph.ingest import byline as b
from claimgraph.ingest import furniture as f
from claimgraph.ingest.byline import find_date

__all__ = ["Cleaned", "clean_text", "find_date"]


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


_TRIM = " \t\u00a0•·∙●▪◦*-–—>»›→←►▶▸➤■◆|:.!…#"
_REPORTAGE = re.compile(r"\b(?:said|says|told|according to|reported|announced|stated|added)\b", re.I)
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")


def clean_text(text: str) -> Cleaned:
    """Classify every non-empty line of ``text``; return body spans, debris and metadata."""
    lines = _split(text)
    kinds: list[str | None] = [_furniture(line) for line in lines]
    _bare_bylines(lines, kinds)
    closing = _closing_blocks(lines, kinds)
    first, last = _prose_bounds(lines, kinds)
    last = _run_on(lines, kinds, last)
    for i, line in enumerate(lines):
        if kinds[i] is None and (i < first or i > last):
            kinds[i] = _edge_kind(line, head=i < first)
        elif kinds[i] is None and _tag_list(line, strict=True):
            kinds[i] = "share_tags"
    masthead = _masthead(lines, kinds, first)
    title_at = _title_index(lines, kinds, first)
    if title_at is not None:
        _repeated_title(lines, kinds, title_at, first)
    _captions_by_credits(lines, kinds, title_at)
    _link_lists(lines, kinds)
    _footer(lines, kinds, first)
    authors = _authors(lines, kinds, closing)
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
        outlet=masthead or b.outlet_of(
            authors,
            [ln.text for i, ln in enumerate(lines) if kinds[i] == "byline"],
            [ln.text for i, ln in enumerate(lines) if kinds[i] is None and i != title_at][:2],
        ),
    )


_MAST_SPLIT = re.compile(r"\s+(?:[—–|·•]|-{1,2})\s+")
_MAST_WORD = re.compile(r"^(?:[A-Z][\w&'’.-]*|of|the|and|&|de|la|du|der|al)$")


def _masthead(lines: list[_Line], kinds: list[str | None], first: int) -> str | None:
    """The site's name on the page's first line, ahead of its headline: "Dovrenna Herald",
    "THE COASTAL COURIER — Serving the coast since 1921", "HARBOURLINE | Shipping • Ports",
    "MarketDesk" over a section bar, "BBJ | Markets · Companies" over "Brasko Business Journal".

    The first part of the line must read as a name (1-5 capitalised words, no digits) and be
    marked as one: a newspaper word (Herald, Today, Review), capitals, a brand's inner capital,
    a tagline after a dash or bar, a section bar or a tagline on the next line, or the name
    again further down (a copyright or subscription line). A headline-like line must follow
    before the body, so a short headline is never taken."""
    if not lines or first == 0:
        return None
    name, tail = _mast_name(lines[0])
    if name is None or kinds[0] not in (None, "section_label", "share_tags", "byline"):
        return None
    words = name.split()
    later = "\n".join(ln.text for ln in lines[1:])
    n = re.escape(name)
    signed = re.search(rf"(?i)(?:©|copyright|\(c\))\s*(?:\d{{4}}\s*)?(?:the\s+)?{n}\b|\b{n}\s+(?:is|was)\s+"
                       rf"(?:published|owned|produced)\b|\bsubscribe to (?:the\s+)?{n}\b|\b{n}\s*©", later)
    tagline = not any(ch.isdigit() for w in tail for ch in w) and (any(w[:1].islower() for w in tail) or len(tail) >= 3)
    media = len(words) >= 2 and words[-1].lower() in _MEDIA_WORDS
    about_news = any(w.lower().strip(",.") in _NEWSY for w in tail)
    brand = len(words) == 1 and re.search(r"[a-z][A-Z]", name) is not None  # "MarketDesk", "LabourLine"
    nxt = lines[1] if len(lines) > 1 and 1 < first else None
    bar = nxt is not None and _nav_bar(nxt.text)
    motto = nxt is not None and _motto(nxt.text)
    live = any(w.lower().strip(",.") in ("live", "latest", "coverage", "updates", "blog") for w in tail)
    if (live or any(w.lower() in _KICKER_WORDS for w in words)) and not signed:
        return None  # "Tech News", "Ukraine War — latest", "Morning Briefing": a section, not the site
    if kinds[0] == "byline" and not (media or signed):
        return None  # "Jane Smith | Political editor"
    if not (media or signed or bar or motto or brand and tagline
            or tagline and (len(words) >= 2 or name.isupper() or about_news)):
        return None
    taken = {0} | ({1} if bar or motto else set())
    if not any(kinds[i] is None and _title_like(lines[i]) for i in range(1, first) if i not in taken):
        return None
    for i in taken:
        kinds[i] = "masthead"
    full, _ = _mast_name(lines[1]) if len(lines) > 1 and name.isupper() and len(words) == 1 else (None, [])
    if full and "".join(w[0] for w in full.split() if w[:1].isupper()) == name:
        kinds[1] = "masthead"  # "BBJ | Markets ..." over "Brasko Business Journal"
        return full
    return name.title() if name.isupper() else name


def _mast_name(line: _Line) -> tuple[str | None, list[str]]:
    """The name part of a possible masthead line and the words of its tagline."""
    parts = _MAST_SPLIT.split(line.text.strip(), maxsplit=1)
    name = parts[0].strip()
    words = name.split()
    if not 1 <= len(words) <= 5 or any(ch.isdigit() for ch in name) or not all(_MAST_WORD.match(w) for w in words):
        return None, []
    if b.BY.match(line.text) or find_date(line.text) is not None or all(w.lower() in _SECTION_WORDS for w in words):
        return None, []  # "BREAKING NEWS", "World News", "Subscribe": a label, not a name
    return name, parts[1].split() if len(parts) > 1 else []


def _nav_bar(text: str) -> bool:
    """A site's section bar: "Markets | Companies | Economy", "Tariffs · Supply chains · Trade policy"."""
    items = [x.strip() for x in re.split(r"\s[|·•/]\s", text) if x.strip()]
    return len(items) >= 3 and all(x[:1].isupper() and len(x.split()) <= 3 for x in items)


def _motto(text: str) -> bool:
    """A site's motto under its name: "Independent news for working people"."""
    words = text.split()
    return (3 <= len(words) <= 10 and not b.ends_sentence(text) and text[:1].isupper()
            and any(w.lower().strip(",.") in _NEWSY for w in words) and not any(ch.isdigit() for ch in text))


# words of a section or topic kicker, never of a site's own name (unless the page signs with it)
_KICKER_WORDS = frozenset({"tech", "technology", "market", "markets", "weather", "morning", "evening", "book", "books",
                           "war", "latest", "live", "depth", "elections", "election", "league", "premier", "results",
                           "sport", "sports", "football", "business", "politics", "opinion", "analysis", "briefing",
                           "review", "report", "watch", "explainer", "coverage", "podcast", "video", "culture",
                           "health", "science", "climate", "travel", "style", "food", "money", "economy", "world",
                           "local", "national", "breaking", "exclusive", "update", "updates", "special"})
_NEWSY = frozenset({"news", "journalism", "reporting", "analysis", "coverage", "correspondents", "stories",
                    "newsroom", "journal", "magazine", "insight", "intelligence"})
_SECTION_WORDS = frozenset({"breaking", "news", "world", "live", "latest", "top", "stories", "home", "politics",
                            "business", "sport", "sports", "opinion", "analysis", "exclusive", "update", "updates",
                            "video", "local", "national", "international", "headlines", "the", "and", "&", "daily",
                            "weekly", "today", "report", "special", "briefing"})
_MEDIA_WORDS = frozenset({"journal", "times", "post", "news", "press", "agency", "herald", "tribune", "gazette",
                          "telegraph", "independent", "guardian", "observer", "radio", "daily", "weekly",
                          "chronicle", "courier", "mail", "express", "wire", "magazine", "insider", "monitor",
                          "review", "today", "star", "sun", "mirror", "inquirer", "dispatch", "standard",
                          "bulletin", "digest", "service", "tv", "television", "broadcasting", "online", "report",
                          "reporter", "record", "register", "sentinel", "examiner", "ledger", "leader",
                          "international", "network", "global", "media", "brief", "briefing", "watch"})


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


def _is_prose(line: _Line) -> bool:
    if _numeric(line.text):
        return False
    return line.words >= 30 or (line.words >= 8 and b.ends_sentence(line.text))


def _numeric(text: str) -> bool:
    """Mostly numbers: a row of dates, counters or scores, not a sentence."""
    tokens = _WORD.findall(text)
    return len(tokens) >= 4 and sum(not any(c.isalpha() for c in t) for t in tokens) >= len(tokens) / 2


_CELLS = re.compile(r"\t|\s{3,}")  # cells of a table row


def _row(line: _Line) -> bool:
    """A row of a table: cells apart by tabs or wide gaps, or mostly numbers."""
    return _CELLS.search(line.text) is not None or _numeric(line.text)


def _caps_ratio(text: str) -> float:
    words = [w for w in _WORD.findall(text) if w[0].isalpha()]
    if not words:
        return 0.0
    return len([w for w in words if w[0].isupper()]) / len(words)


# ---- furniture by vocabulary ---------------------------------------------------------------

# a wire desk's sign-off ("--IANS", "mk/sri (dpa, Reuters)"), a press contact's phone or address, a bare link
_SIGN_OFF = re.compile(rf"[-–—]{{1,3}}\s?\(?(?:{f.AGENCIES})\)?|[a-z]{{1,4}}(?:/[a-z]{{1,4}}){{1,3}}(?:\s*\([\w .,&-]{{1,60}}\))?")
_CONTACT = re.compile(
    r"(?:(?:tel|phone|mobile|t|m)\.?:?\s*)?(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)\s?|\d{2,5}[.-])\d{3,4}[.-]\d{3,4}"
    r"|(?:e-?mail:?\s*)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    re.I,
)
_ASSIST = re.compile(  # "--With assistance from Alfred Cang and Jo Lee."
    r"[-–—]*\s*With (?:assistance|additional reporting|reporting|contributions?) (?:from|by) "
    r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*(?:(?:,| and) [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*)*\.?"
)
_URL = re.compile(r"(?:https?://|www\.)\S+|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}/\S*")
_READ_ON = re.compile(r"(?i:read|see|watch) (?i:more|also)\b[\s:|]*(?=[A-Z\"“‘'])")  # "Read more Why the ..."


def _furniture(line: _Line) -> str | None:
    """The debris kind a line's own words give it, wherever it stands; None if none."""
    norm = line.norm
    if line.words == 0 and not any(c.isalnum() for c in line.text):
        return "separator"
    if _SIGN_OFF.fullmatch(line.text) or _CONTACT.fullmatch(line.text) or _ASSIST.fullmatch(line.text):
        return "byline"
    if _URL.fullmatch(line.text):
        return "share_tags"
    if line.words <= 150 and f.CONSENT.search(line.text) and not _REPORTAGE.search(line.text):
        return "copyright"  # a cookie notice, however long
    if line.words <= 12:
        for kind, pattern in f.WHOLE_PATTERNS:
            if pattern.fullmatch(norm):
                return kind
    if b.byline_names(line.text) is not None or b.date_line(line.text) or b.role_line(line.text):
        return "byline"
    if b.WITH_AGENCY.fullmatch(line.text):
        return "byline"  # "Le Monde with AFP"
    if line.words <= 40 and _READ_ON.match(line.text):
        return "read_more"
    if (m := b.RELATIVE.search(line.text)) and m.end() >= len(line.text.rstrip(" )")) and line.words >= 4:
        if re.search(r"[-–—|·(]\s*$", line.text[: m.start()]):
            return "read_more"  # "Some headline - 14 mins ago": a list of other stories
    if line.words <= 60:
        for kind, pattern in f.LEAD_PATTERNS:
            if pattern.match(norm):
                return "credit" if kind in ("caption", "credit") and line.words <= 6 else kind
    if f.CREDIT_TAIL.search(line.text[-300:]):  # a credit closes the line; bound the search
        if line.words <= 40 and f.SYNDICATION.search(norm):
            return "syndication_notice"  # "(Only the headline and picture ... syndicated feed.)"
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
    if b.ends_sentence(line.text) and not line.text.rstrip().endswith(":"):
        return False
    items = [i.strip() for i in re.split(r"[,;|•·]", line.text) if i.strip()]
    if len(items) < (5 if strict else 3):
        return False
    sizes = [len(_WORD.findall(i)) for i in items]
    if max(sizes) > 4 or sum(sizes) / len(sizes) > 2.5:
        return False
    return not strict or _caps_ratio(line.text) >= 0.6


_SCORE = re.compile(r"[A-Z][\w.'&-]*(?: [A-Z][\w.'&-]*){0,3} \d{1,3} ?[-–:] ?\d{1,3} [A-Z][\w.'&-]*(?: [A-Z][\w.'&-]*){0,3}")


def _edge_kind(line: _Line, *, head: bool) -> str | None:
    """Lines before the first or after the last prose paragraph: labels, tag lists."""
    text = line.text
    if _tag_list(line, strict=False):
        return "share_tags"
    if line.words <= 3 and (not any(c.isalpha() for c in text) or re.fullmatch(r"\d[\d.,]*[KkMm]", text)):
        return "section_label"  # a bare counter or number ("• 0", "12", "1.2K")
    if _SCORE.fullmatch(text):
        return None  # a result line that heads a match report: "Millport 1-2 Rovers"
    if b.ends_sentence(text) or text.lstrip()[:1] in "-•*–—" or text.rstrip()[-1:] in "-–—" or line.words == 0:
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
        prose = [i for i, ln in enumerate(lines) if kinds[i] is None and b.ends_sentence(ln.text)]
    if not prose:
        return len(lines), -1
    # the body starts at a full paragraph; a short tagline above it is still header
    long = [i for i in prose if lines[i].words >= 20]
    return (long[0] if long else prose[0]), prose[-1]


def _run_on(lines: list[_Line], kinds: list[str | None], last: int) -> int:
    """A body line ending in a colon carries on into what it introduces: a verse, a list, a table."""
    k = last
    if k + 1 < len(lines) and kinds[k + 1] is None and lines[k + 1].words >= 3 and lines[k + 1].text.endswith(":"):
        k += 1  # "Annual inflation by region, percent:" just after the last paragraph
    if k < 0 or not lines[k].text.endswith(":"):
        return last
    while k + 1 < len(lines) and kinds[k + 1] is None and _carries_on(lines[k + 1]):
        k += 1
    return k


def _carries_on(line: _Line) -> bool:
    """A verse line, a list item or a table row: it continues, or it is not a label."""
    text = line.text
    return line.words <= 25 and (
        text[0].islower() or text[-1] in ",;:.!?" or text[0] in "-–—•*0123456789" or _row(line)
    )


def _title_like(line: _Line) -> bool:
    text = line.text
    bare = text.rstrip(b.CLOSERS + " ")
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
            if b.ends_sentence(line.text) and line.words >= 20:
                return None  # the text opens with a paragraph: no title
            continue
        rest = [ln for j, ln in enumerate(lines[i + 1:], i + 1) if kinds[j] is None]
        if any(_is_prose(ln) or b.ends_sentence(ln.text) for ln in rest):
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
            if lines[j].words <= 30 and not b.ends_sentence(lines[j].text) and not _row(lines[j]):
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
    bare = line.text.rstrip(b.CLOSERS + " ")
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


# ---- bylines, authors, dates (the parsing of one line is in ``byline``) ------------------------


def _bare_bylines(lines: list[_Line], kinds: list[str | None]) -> None:
    """Near the top, a bare name next to a date, a byline or an outlet line is a byline too."""
    body_at = next((i for i, ln in enumerate(lines) if kinds[i] is None and ln.words >= 20), len(lines))
    for i in range(min(body_at, 12)):
        if kinds[i] is not None or (found := b.bare_names(lines[i].text)) is None:
            continue
        near = [j for j in (i - 1, i + 1) if 0 <= j < len(lines)]
        if found[1] or any(kinds[j] == "byline" for j in near):
            kinds[i] = "byline"
        elif i + 1 < len(lines) and kinds[i + 1] is None and b.org_line(lines[i + 1].text):
            kinds[i] = kinds[i + 1] = "byline"


def _authors(lines: list[_Line], kinds: list[str | None], closing: set[int]) -> tuple[str, ...]:
    """Names from byline lines (not a closing contact block); "Reporting by" credits only when no byline names anyone."""
    found: list[str] = []
    later: list[str] = []
    for i, line in enumerate(lines):
        if kinds[i] != "byline" or i in closing:
            continue
        names = b.byline_names(line.text)
        if names is None and (bare := b.bare_names(line.text)):
            names = bare[0]
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
    """One of the last body lines that reads "<author> is a reporter ..." is a bio, not body."""
    verbs = r"(?:is|was|has been) (?:an? |the )|(?:covers|writes|reports|edits|teaches|leads|joined) "
    for i in [i for i, k in enumerate(kinds) if k is None][-3:]:
        text = lines[i].text
        if any(text.startswith(a) and re.match(rf"{re.escape(a)},? {verbs}", text) for a in authors):
            kinds[i] = "byline"


_ABOUT = re.compile(r"About (?P<who>[A-Z][\w.&'’-]*(?:\s+(?:[A-Z][\w.&'’-]*|of|and|for|the|&)){0,7})")
_CONTACT_HEAD = re.compile(r"(?:(?:media|press|investor|news) )?(?:contacts?|enquiries|inquiries)\b")


def _closing_blocks(lines: list[_Line], kinds: list[str | None]) -> set[int]:
    """After the body has begun: "About <org>" over a paragraph on it, an author note, a contact block.

    Marks them bylines and returns their indices: they name an issuer or a press contact, not the authors.
    """
    n = len(lines)
    marked: set[int] = set()
    start = 1 + next((i for i, ln in enumerate(lines) if kinds[i] is None and _is_prose(ln)), n)
    for i in range(start, n - 1):
        about = _ABOUT.fullmatch(lines[i].text) if kinds[i] is None else None
        note = kinds[i] == "byline" and lines[i].norm.startswith("about ")  # "About the author"
        if kinds[i + 1] is None and (note or (about and lines[i + 1].text.startswith(about["who"].split()[0]))):
            kinds[i] = kinds[i + 1] = "byline"
            marked |= {i, i + 1}
    for i in range(start, n):
        if kinds[i] == "byline" and _CONTACT_HEAD.match(lines[i].norm):  # "Media contact:", then name, phone, mail
            j = i + 1
            while j < n and kinds[j] in (None, "byline") and lines[j].words <= 8 and not b.ends_sentence(lines[j].text):
                kinds[j] = "byline"
                marked.add(j)
                j += 1
    return marked


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


"""Main text and metadata of an HTML article page, by way of trafilatura.

The body comes from trafilatura over one parsed tree:

1. a ``favor_precision`` pass gives the cleaner text and is kept as a rule;
2. a ``favor_recall`` pass replaces it when the precise text is under half as long (the precise
   pass cut the article); it runs only when the precise text is short next to the baseline's;
3. trafilatura's ``baseline`` (JSON-LD ``articleBody``, ``<article>``, ``<p>``) replaces a body
   of next to nothing (a caption, a teaser), as on pages whose text lives in JSON.

Comments are never part of the body. A leading line that repeats the headline is dropped, so
``text`` starts with the article proper. ``benchmarks/html_extraction.py`` measures the choice
against ``trafilatura.extract`` defaults on two public benchmarks.
"""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass
from typing import Any

from lxml.html import HtmlElement  # type: ignore[import-untyped,unused-ignore]
from trafilatura import bare_extraction, baseline, extract_metadata
from trafilatura.utils import load_html

from claimgraph.errors import InputError

__all__ = ["HtmlArticle", "extract_html"]

# the precise pass wins unless it is shorter than this share of the recall pass
_PRECISION_KEEP = 0.5
# below this many characters the body is taken for a miss and the baseline is tried
_SHORT_BODY = 250
# the baseline replaces a short body only when it is at least this many times longer
_BASELINE_GAIN = 2.0
# a headline is one line; longer first lines are article text
_MAX_TITLE_LINE = 300

_WORD = re.compile(r"\w+")
_TAG = re.compile(r"<(?:html|body|article|main|div|section|p|h[1-6])\b", re.IGNORECASE)
_LANG = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]+)*$", re.IGNORECASE)
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ")


@dataclass(frozen=True, slots=True)
class HtmlArticle:
    text: str  # the article text as extracted: title NOT included; paragraphs separated by "\n"
    title: str | None
    published: str | None  # ISO date "YYYY-MM-DD"
    authors: tuple[str, ...]
    outlet: str | None  # site name
    url: str | None
    language: str | None  # primary language subtag, "en"
    description: str | None


def extract_html(html: str, *, url: str | None = None, name: str | None = None) -> HtmlArticle:
    """Extract the article body and its metadata from one HTML page.

    ``url`` is where the page came from; it wins over the URL the page declares (a syndicated
    copy often declares the original's). ``name`` (a path, usually) names the input in errors.
    Raises ``InputError`` when the page cannot be parsed or holds no article text.
    """
    tree = _parse(html)
    if tree is None:
        raise InputError("no article text found in the HTML", input=name)
    meta = _metadata(tree, url)
    title = _clean_title(meta.get("title"), meta.get("sitename"), meta.get("hostname"))
    text = _drop_title_line(_body(tree, url), title)
    if not text:
        raise InputError("no article text found in the HTML", input=name)
    return HtmlArticle(
        text=text,
        title=title,
        published=meta.get("date") or None,
        authors=_split_authors(meta.get("author")),
        outlet=_clean(meta.get("sitename")),
        url=url or _clean(meta.get("url")),
        language=_language(tree),
        description=_clean(meta.get("description")),
    )


def _parse(html: str) -> HtmlElement | None:
    if not html or not html.strip():
        return None
    html = flatten_deep(html)
    tree = _load(html)
    # trafilatura turns down a page that neither names "html" in its first 50 characters nor has
    # a <head>: a fragment (feed content, a saved <article>) or XHTML behind an XML declaration
    if tree is None and _TAG.search(html[:4096]):
        tree = _load(f"<html><body>{html}</body></html>")
    return tree


# libxml2 stops building the tree at 256 nested elements and the page's text is lost: on a page
# nested deeper than MAX_TREE_DEPTH, elements below FLAT_DEPTH are dropped (their text kept)
MAX_TREE_DEPTH = 180
FLAT_DEPTH = 32
_ANY_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_TEXT_BLOCKS = frozenset("p h1 h2 h3 h4 h5 h6 li ul ol blockquote pre table tr td th".split())
_END_SEARCH = 64  # how far down the open elements an end tag looks for its start


def flatten_deep(html: str, limit: int = MAX_TREE_DEPTH, keep: int = FLAT_DEPTH) -> str:
    """``html`` unchanged, or when elements nest deeper than ``limit``, with the elements below
    ``keep`` removed (a line break stands for each) except paragraphs, headings, lists and tables
    (up to ``limit``): the text is kept, and so are the paragraphs the extractor reads."""
    tags = list(_ANY_TAG.finditer(html))
    depth = deepest = 0
    for m in tags:
        if m.group(2).lower() in _VOID or m.group(3):
            continue
        depth = max(depth - 1, 0) if m.group(1) else depth + 1
        deepest = max(deepest, depth)
    if deepest <= limit:
        return html
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # open elements: (name, kept)
    kept_depth = 0
    last = 0
    for m in tags:
        out.append(html[last:m.start()])
        last = m.end()
        name = m.group(2).lower()
        if name in _VOID or m.group(3):
            out.append(m.group(0))
        elif not m.group(1):
            kept = kept_depth < keep or (name in _TEXT_BLOCKS and kept_depth < limit)
            kept_depth += kept
            stack.append((name, kept))
            out.append(m.group(0) if kept else "\n")
        else:
            for i in range(len(stack) - 1, max(len(stack) - _END_SEARCH, 0) - 1, -1):
                if stack[i][0] == name:
                    kept = stack[i][1]
                    kept_depth -= sum(k for _, k in stack[i:])
                    del stack[i:]
                    out.append(m.group(0) if kept else "\n")
                    break
    out.append(html[last:])
    return "".join(out)


def _load(html: str) -> HtmlElement | None:
    try:
        tree = load_html(html)
    except Exception:  # lxml and trafilatura raise assorted errors on garbage input
        return None
    return tree if tree is not None and len(tree) else None


def _metadata(tree: HtmlElement, url: str | None) -> dict[str, Any]:
    try:
        # a copy: date search may prune the tree it is given
        return extract_metadata(deepcopy(tree), default_url=url).as_dict()
    except Exception:  # metadata is a bonus: a failure there must not lose the body
        return {}


def _body(tree: HtmlElement, url: str | None) -> str:
    text = _run(tree, url, precise=True)
    try:
        fallback = _normalise(baseline(tree)[1])  # baseline copies the tree it is given
    except Exception:
        fallback = ""
    # the recall pass costs a second extraction: only when the precise text looks cut short
    # next to the baseline (all paragraphs), which holds on under a tenth of news pages
    if len(text) < _PRECISION_KEEP * len(fallback):
        broad = _run(tree, url, precise=False)
        if len(text) < _PRECISION_KEEP * len(broad):
            text = broad
    if len(text) < _SHORT_BODY and len(fallback) >= _BASELINE_GAIN * max(len(text), 1):
        text = fallback
    return text


def _run(tree: HtmlElement, url: str | None, *, precise: bool) -> str:
    try:
        doc = bare_extraction(
            tree,  # copied by trafilatura before it prunes
            url=url,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            with_metadata=False,
            favor_precision=precise,
            favor_recall=not precise,
        )
    except Exception:  # a trafilatura bug on one page must not stop a corpus
        return ""
    if doc is None or isinstance(doc, dict):
        return ""
    return _normalise(doc.text or "")


def _normalise(text: str) -> str:
    """One paragraph a line, no blank lines, no edge blanks."""
    return "\n".join(line for raw in text.splitlines() if (line := " ".join(raw.split())))


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def _drop_title_line(text: str, title: str | None) -> str:
    """Drop the first line when it is the headline (give or take a word or a site suffix)."""
    if not title:
        return text
    first, _, rest = text.partition("\n")
    if len(first) > _MAX_TITLE_LINE or not rest:
        return text
    line_words, title_words = _words(first), _words(title)
    if not line_words or not title_words:
        return text
    shared = len(line_words & title_words)
    # the line is mostly title words, and covers most of the title
    if shared / len(line_words) >= 0.8 and shared / len(title_words) >= 0.6:
        return rest
    return text


def _clean_title(title: str | None, sitename: str | None, hostname: str | None) -> str | None:
    """The headline without a trailing " | Site name" (or " - site.com")."""
    title = _clean(title)
    site = _words(sitename or "") | _words(hostname or "")
    if not title or not site:
        return title
    for sep in _TITLE_SEPARATORS:
        head, found, tail = title.rpartition(sep)
        if found and head.strip() and _words(tail) and _words(tail) <= site:
            return head.strip()
    return title


def _split_authors(author: str | None) -> tuple[str, ...]:
    """trafilatura joins authors with "; ". Drop a leading "By" and labels ("Article by")."""
    if not author:
        return ()
    names: list[str] = []
    for part in author.split(";"):
        name = re.sub(r"^by\s+", "", " ".join(part.split()), flags=re.IGNORECASE)
        if len(name) > 1 and not re.search(r"(^|\s)by$", name, re.IGNORECASE) and name not in names:
            names.append(name)
    return tuple(names)


def _language(tree: HtmlElement) -> str | None:
    """The declared language: <html lang>, Content-Language, og:locale."""
    candidates = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    upper, lower = "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"
    candidates += tree.xpath(
        f'//meta[translate(@http-equiv, "{upper}", "{lower}")="content-language"]/@content'
    )
    candidates += tree.xpath('//meta[@property="og:locale"]/@content')
    for value in candidates:
        match = _LANG.match((value or "").strip().split(",")[0].strip())
        if match:
            return match.group(1).lower()
    return None


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    value = " ".join(value.split())
    return value or None

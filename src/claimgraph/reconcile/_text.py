"""Small text helpers shared by the reconcile modules: name keys, tokens, lemmas, streets."""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from ..lexicon import words
from ..model import Document

_APOS = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-", "‐": "-"})
_POSSESSIVE = re.compile(r"'s?\b|'$")
_NON_WORD = re.compile(r"[^0-9a-z ]+")
_SPACES = re.compile(r"\s+")
_TOKEN = re.compile(r"[^\W_][\w.'’&-]*")

# words that never carry an initial of an acronym ("Joint Chiefs of Staff" -> JCS)
ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "&", "on", "in", "to", "a", "an", "at", "de", "du", "des"})


def fold(text: str) -> str:
    """Strip accents and unify quotes/dashes, keeping case."""
    text = unicodedata.normalize("NFKD", text.translate(_APOS))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


@lru_cache(maxsize=1 << 18)
def norm(name: str) -> str:
    """A spelling-insensitive form: 'The Wall Street Journal's' -> 'wall street journal'.

    Possessives, punctuation, hyphens and a leading article go; 'U.S.' becomes 'us'.
    """
    text = fold(name).lower().replace("&", " and ")
    text = _POSSESSIVE.sub("", text).replace(".", "")
    text = _SPACES.sub(" ", _NON_WORD.sub(" ", text)).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


def key(name: str) -> str:
    """The exact-match key: ``norm`` without spaces ('Kim Jong-un' == 'Kim Jong Un')."""
    return norm(name).replace(" ", "")


def tokens(text: str) -> list[str]:
    """Surface tokens, case kept, inner dots/hyphens/apostrophes kept ('U.S.', 'Jong-un')."""
    return _TOKEN.findall(fold(text))


def is_capitalised(token: str) -> bool:
    return token[:1].isupper() or token[:1].isdigit()


def acronym_form(name: str) -> str | None:
    """'WSJ' -> 'wsj', 'U.S.' -> 'us'; None when the name does not look like an acronym."""
    toks = tokens(name)
    if len(toks) != 1:
        return None
    tok = toks[0].replace(".", "")
    if not 2 <= len(tok) <= 7 or not tok.isalpha():
        return None
    if sum(ch.isupper() for ch in tok) < 2 or not tok[0].isupper():
        return None
    return tok.lower()


def acronyms_of(name: str) -> tuple[str, ...]:
    """Acronyms a multi-word name may be shortened to, lower case.

    Initials of the capitalised words, skipping 'of/the/and' ('Joint Chiefs of Staff' -> 'jcs'),
    and the variant that keeps those small words ('Department of Defense' -> 'dod').
    """
    toks = [t for t in tokens(name) if t not in {"&"}]
    if len(toks) < 2:
        return ()
    strict: list[str] = []
    loose: list[str] = []
    for tok in toks:
        low = tok.lower()
        if low in ACRONYM_SKIP:
            loose.append(low[0])
            continue
        if not tok[0].isupper():
            return ()
        letters = tok.replace(".", "")
        part = letters if "." in tok and letters.isupper() else tok[0]
        strict.append(part)
        loose.append(part)
    out = {"".join(strict).lower(), "".join(loose).lower()}
    return tuple(sorted(a for a in out if len(a) >= 2))


_IRREGULAR = {"people": "people", "children": "child", "men": "man", "women": "woman", "personnel": "personnel",
              "servicemen": "serviceman", "media": "media", "series": "series", "news": "news", "arms": "arms",
              "species": "species", "forces": "force", "aircraft": "aircraft", "data": "data"}


@lru_cache(maxsize=1 << 16)
def lemma(word: str) -> str:
    """A crude singular: 'casualties' -> 'casualty', 'troops' -> 'troop', 'boxes' -> 'box'."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("sses", "shes", "ches", "xes", "zes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def precision(value: float) -> float:
    """The rounding step a written number implies: 15000 -> 1000, 5.5e9 -> 1e8, 0.6 -> 0.1."""
    if value == 0:
        return 1.0
    try:
        exp = Decimal(repr(abs(value))).normalize().as_tuple().exponent
    except InvalidOperation:
        return 1.0
    if not isinstance(exp, int):
        return 1.0
    return float(10 ** max(exp, -12))


def iso_day(value: str | None) -> str | None:
    """The date part of an ISO timestamp ('2024-12-23T16:54' -> '2024-12-23')."""
    return value[:10] if value else None


# suffixes that are also common nouns ("the District Court", a "Close" button) are left out
_SUFFIXES = sorted({w.rstrip(".") for w in words("street_suffixes") - words("street_suffixes_also_nouns")},
                   key=len, reverse=True)
# "on South Halsted Street", "at 12th Ave.": the streets a local story happens on
_STREET = re.compile(r"\b(?:[A-Z][a-z]+|\d+(?:st|nd|rd|th))(?: [A-Z][a-z]+){0,2}(?= (?:"
                     + "|".join(re.escape(w.capitalize()) for w in _SUFFIXES) + r")\b)")


def streets(doc: Document) -> frozenset[str]:
    """The streets a document's body names, each by the last word of its name ("S. Halsted St."
    and "Halsted Street" are one: "halsted")."""
    text = " ".join(doc.text[a:b] for a, b in doc.body) if doc.body else doc.text
    return frozenset(m.group().rsplit(None, 1)[-1].lower() for m in _STREET.finditer(text))

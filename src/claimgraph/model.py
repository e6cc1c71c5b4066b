"""The data model: frozen dataclasses every stage takes and returns.

Extracted items never copy document text; they hold character offsets into
``Document.text`` (a ``(start, end)`` pair), in the manner of a spaCy ``Span``.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Literal

Qualifier = Literal["exact", "approx", "at_least", "more_than", "up_to", "less_than", "nearly", "implied"]
Change = Literal["up", "down"]
Verdict = Literal["agree", "consistent", "conflict", "superseded", "single_source"]
SourceKind = Literal[
    "person", "government", "military", "intelligence", "media", "expert", "organisation", "unnamed"
]

QUALIFIERS: tuple[str, ...] = ("exact", "approx", "at_least", "more_than", "up_to", "less_than", "nearly", "implied")
VERDICTS: tuple[str, ...] = ("agree", "consistent", "conflict", "superseded", "single_source")


def _intern(obj: object, *names: str) -> None:
    """Share the strings a corpus repeats (units, counted phrases, source names, entity names):
    a million claims read from a store or an extractor otherwise hold a copy each."""
    for name in names:
        value = getattr(obj, name)
        if type(value) is str:
            object.__setattr__(obj, name, sys.intern(value))


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A view into a document's text: ``text[start:end]`` of document ``doc``."""

    doc: str
    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start:self.end]


@dataclass(frozen=True, slots=True)
class Debris:
    """A stretch of text that is not article body, and what kind of furniture it is."""

    start: int
    end: int
    kind: str  # comment_prompt, newsletter, share_tags, section_label, byline, caption, ...


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    text: str
    body: tuple[tuple[int, int], ...] = ()
    debris: tuple[Debris, ...] = ()
    title: str | None = None
    published: str | None = None  # ISO 8601 at the precision known
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    url: str | None = None
    language: str = "en"
    checksum: str = ""
    source: str | None = None  # where it was read from: a path, a URL, "stdin"
    duplicate_of: str | None = None
    title_span: tuple[int, int] | None = None  # where the title sits in ``text``, if it does
    assumed_published: str | None = None  # a date given from outside (manifest): the anchor, not a fact of the text

    @property
    def date(self) -> str | None:
        """The best date for ordering and resolving: stated, else assumed."""
        return self.published or self.assumed_published


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as an interval. ``low``/``high`` are None when unbounded."""

    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    unit: str = "count"
    qualifier: str = "exact"
    change: str | None = None  # "up" / "down" when the number is a change, not a level
    text: str = ""
    per: str | None = None  # rate denominator: "year" for "$572 million per year"
    vague: bool = False  # "thousands of", "dozens of": an order of magnitude, not a figure
    out_of_range: bool = False  # past numbers.MAX_MAGNITUDE ("1" and 1,000 zeros): kept as text, no value

    def __post_init__(self) -> None:
        _intern(self, "unit", "qualifier", "text", "per")


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    mentions: tuple[TextSpan, ...] = ()

    def __post_init__(self) -> None:
        _intern(self, "name", "type")


@dataclass(frozen=True, slots=True)
class Source:
    """Who a claim is put on."""

    name: str
    kind: str = "unnamed"
    entity: str | None = None
    start: int | None = None
    end: int | None = None

    def __post_init__(self) -> None:
        _intern(self, "name", "kind")


@dataclass(frozen=True, slots=True)
class Attribution:
    source: Source | None
    via: tuple[str, ...] = ()  # intermediaries, nearest the source first: ("WSJ",)
    verb: str | None = None
    certainty: str = "asserted"  # asserted / hedged


@dataclass(frozen=True, slots=True)
class TimeRef:
    value: str  # ISO at the precision given
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    doc: str
    start: int
    end: int
    quantity: Quantity
    counted: str | None = None
    measure: str | None = None
    subject: tuple[str, ...] = ()  # canonical entity ids the claim is about
    place: str | None = None
    time: TimeRef | None = None
    attribution: Attribution = field(default_factory=lambda: Attribution(None))
    sentence: tuple[int, int] = (0, 0)
    in_title: bool = False

    def __post_init__(self) -> None:
        _intern(self, "doc", "counted", "measure")


@dataclass(frozen=True, slots=True)
class Quote:
    doc: str
    start: int
    end: int
    speaker: str | None
    speaker_entity: str | None = None


@dataclass(frozen=True, slots=True)
class DateMention:
    doc: str
    start: int
    end: int
    value: str | None  # ISO at the precision the text gives, None when unanchored
    text: str = ""


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one document."""

    doc: str
    sentences: tuple[tuple[int, int], ...] = ()
    entities: tuple[Entity, ...] = ()
    claims: tuple[Claim, ...] = ()
    quotes: tuple[Quote, ...] = ()
    dates: tuple[DateMention, ...] = ()
    errors: tuple[str, ...] = ()  # why part of the extraction failed, if it did


@dataclass(frozen=True, slots=True)
class Figure:
    id: str
    label: str
    measure: str | None
    unit: str
    claims: tuple[str, ...]
    verdict: str
    low: float | None
    high: float | None
    independent_origins: int
    origins: tuple[str, ...] = ()
    first_reported: str | None = None
    last_reported: str | None = None


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    label: str
    documents: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    when: str
    kind: str  # "event" (a dated event in text) or "report" (a figure's report time)
    label: str
    doc: str | None = None
    claim: str | None = None
    figure: str | None = None

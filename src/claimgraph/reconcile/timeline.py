"""A timeline that keeps event time apart from report time.

- ``kind="event"``: a dated expression in the text (``DateMention.value``), labelled by its
  sentence and tied to the first claim of that sentence, if any;
- ``kind="report"``: a claim's report time, its document's ``published`` date.

Events sort by ``when`` (ISO at the precision given, so "2024" sorts before "2024-06"),
reports after events of the same ``when``.
"""
from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Mapping, Sequence

from ..model import Claim, Document, Extraction, Figure, TimelineEvent

__all__ = ["build_timeline"]

_LABEL_MAX = 160


def _snippet(text: str, start: int, end: int) -> str:
    s = " ".join(text[start:end].split())
    return s if len(s) <= _LABEL_MAX else s[: _LABEL_MAX - 1].rstrip() + "…"


def build_timeline(extractions: Sequence[Extraction], documents: Mapping[str, Document],
                   claim_figure: Mapping[str, str], figures: Sequence[Figure] = ()) -> tuple[TimelineEvent, ...]:
    """Dated events and figure reports, in time order."""
    labels = {f.id: f.label for f in figures}
    events: list[TimelineEvent] = []
    for ext in extractions:
        doc = documents.get(ext.doc)
        text = doc.text if doc else ""
        events.extend(_events(ext, text, claim_figure))
        published = doc.published if doc else None
        if not published:
            continue
        outlet = f" ({doc.outlet})" if doc and doc.outlet else ""
        for claim in ext.claims:
            fid = claim_figure.get(claim.id)
            what = labels.get(fid or "", claim.counted or "figure")
            qty = claim.quantity.text or (text[claim.quantity.start:claim.quantity.end] if text else "")
            events.append(TimelineEvent(published, "report", f"{what}: {qty}{outlet}", ext.doc, claim.id, fid))
    # by (when, kind, doc, claim) as stable sorts from the last key to the first: the same order
    # as one sort on a tuple key, without a million key tuples alive at once
    events.sort(key=lambda e: e.claim or "")
    events.sort(key=lambda e: e.doc or "")
    events.sort(key=lambda e: e.kind != "event")
    events.sort(key=lambda e: e.when)
    return tuple(events)


def _events(ext: Extraction, text: str, claim_figure: Mapping[str, str]) -> list[TimelineEvent]:
    if not ext.dates:
        return []
    sentences = sorted(ext.sentences)
    starts = [s for s, _ in sentences]
    by_sentence: dict[tuple[int, int], list[Claim]] = defaultdict(list)
    for c in ext.claims:
        by_sentence[_sentence_of(c.start, sentences, starts) or c.sentence].append(c)
    out: list[TimelineEvent] = []
    for date in ext.dates:
        if not date.value:
            continue
        sent = _sentence_of(date.start, sentences, starts)
        claims = by_sentence.get(sent, []) if sent else []
        claim: Claim | None = min(claims, key=lambda c: c.start) if claims else None
        if sent and text:
            label = _snippet(text, *sent)
        else:
            label = date.text or (text[date.start:date.end] if text else date.value)
        out.append(TimelineEvent(date.value, "event", label, ext.doc, claim.id if claim else None,
                                 claim_figure.get(claim.id) if claim else None))
    return out


def _sentence_of(pos: int, sentences: list[tuple[int, int]], starts: list[int]) -> tuple[int, int] | None:
    i = bisect.bisect_right(starts, pos) - 1
    if i >= 0 and sentences[i][0] <= pos < sentences[i][1]:
        return sentences[i]
    return None

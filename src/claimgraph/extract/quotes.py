"""Direct quotations (straight and curly, partial and multi-sentence) and their speakers."""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..model import Source

Span = Any

# “…” or "…" (not across a blank line); a minimum of two characters inside
QUOTE_RE = re.compile(r"“([^”\n]{2,}?)”|\"([^\"\n]{2,}?)\"")
SPEECH = {"say", "tell", "warn", "add", "caution", "write", "describe", "call", "note", "state", "insist",
          "argue", "explain", "declare", "claim", "announce", "ask", "reply", "respond", "tweet", "post",
          "condemn", "stress", "urge", "accuse", "vow", "pledge", "predict", "suggest", "conclude", "recall"}


def find_quotes(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Spans (inside the quote marks) of quotations in ``text[start:end]``."""
    for m in QUOTE_RE.finditer(text, start, end):
        group = 1 if m.group(1) is not None else 2
        s, e = m.span(group)
        inner = text[s:e]
        # scare quotes of one or two words count too (they are someone's words), but not empty marks
        if inner.strip():
            yield s, e


def speaker_of(sent: Span, q_start: int, q_end: int, resolve: dict[str, Source], make: Any) -> Source | None:
    """The speaker: subject of a speech verb in the quote's sentence, outside the quote."""
    best: tuple[tuple[bool, int], Source] | None = None
    for tok in sent:
        if q_start <= tok.idx < q_end:
            continue
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in SPEECH:
            for child in tok.children:
                if child.dep_ in ("nsubj",) and not (q_start <= child.idx < q_end):
                    src = make(child, resolve)
                    if src is not None:
                        # prefer a named speaker over a pronoun, then the verb nearest the quote
                        dist = min(abs(tok.idx - q_start), abs(tok.idx - q_end))
                        rank = (child.pos_ == "PRON", dist)
                        if best is None or rank < best[0]:
                            best = (rank, src)
    return best[1] if best else None

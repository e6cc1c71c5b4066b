"""Direct quotations (straight and curly, partial and multi-sentence) and their speakers."""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from ..lexicon import words
from ..model import Source

Span = Any

QUOTE_MARKS = re.compile(r"[“”\"]")
SPEECH = words("speech_verbs")
_OPEN_AFTER = "([{—–-:/"


def _opens(text: str, i: int, start: int, end: int) -> bool:
    """A straight quote mark opens when it follows a space (or the paragraph's start) and precedes a word."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    return (before.isspace() or before in _OPEN_AFTER) and not after.isspace()


@lru_cache(maxsize=8)
def _paragraph_quotes(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """Inner spans of the quotations of one paragraph, paired left to right: curly marks by their
    direction, straight marks by what stands around them (an inch mark after a digit opens nothing)."""
    out: list[tuple[int, int]] = []
    open_at: int | None = None
    open_ch = ""
    for m in QUOTE_MARKS.finditer(text, start, end):
        i, ch = m.start(), m.group()
        if ch == "“":
            opener, closer = True, False
        elif ch == "”":
            opener, closer = False, True
        else:
            opener = _opens(text, i, start, end)
            closer = i > start and not text[i - 1].isspace()
        if open_at is not None and closer and (ch == '"') == (open_ch == '"'):
            # at least two characters inside; scare quotes of one or two words count too, not empty marks
            if i - open_at - 1 >= 2 and text[open_at + 1:i].strip():
                out.append((open_at + 1, i))
            open_at = None
        elif opener:
            open_at, open_ch = i, ch
    return tuple(out)


def find_quotes(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Spans (inside the quote marks) of the quotations that open in ``text[start:end]``; a quotation
    may run on past the sentence ("“Demand is strong. Orders are up,” she said")."""
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end < 0 else para_end
    for s, e in _paragraph_quotes(text, para_start, para_end):
        if start <= s - 1 < end:
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
    src = best[1] if best is not None else _according_to(sent, q_start, q_end, resolve, make)
    if src is not None:
        resolve["speaker"] = src  # remembered for the quotations that follow
        return src
    # a quotation that is its whole sentence carries on the last speaker's words ("“We will rebuild,”
    # Adler said. “It will take years.”"); with no speaker yet, the person last named
    if all(q_start <= tok.idx < q_end or tok.is_punct or tok.is_space for tok in sent):
        return resolve.get("speaker") or resolve.get("person")
    return None


def _according_to(sent: Span, q_start: int, q_end: int, resolve: dict[str, Source], make: Any) -> Source | None:
    """The speaker named by "according to": 'According to the coach, the team played “with heart.”'."""
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            obj = next((o for o in tok.doc[tok.i + 1].children if o.dep_ == "pobj"), None)
            if obj is not None and not (q_start <= obj.idx < q_end):
                found: Source | None = make(obj, resolve)
                return found
    return None

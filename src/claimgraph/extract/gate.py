"""Which sentences the parser reads: those where the extraction can use a parse.

A sentence is parsed when it holds
  - a number the quantity finder keeps that is not part of a date, an age or a clock time
    (``find_quantities``, then the same tests the extraction applies before it reads the parse);
  - a word that can be the predicate of a count stated without a numeral ("a man was killed"):
    the ``pred`` lemmas of the patterns in ``data/implied.json``;
  - a quotation mark (a quotation opens or closes in it: its speaker is read from the parse);
  - a reporting verb (``reporting.REPORTING``): its subject is remembered as the source that a
    later "he said" or "they said" refers to.
Every other sentence is only named (entity recogniser): one whose digits are dates, years,
ages, clock times, addresses or phone numbers, or whose only number word is "one" as a pronoun.

The statistical entity recogniser reads only sentences that can hold a name (:func:`can_name`):
one with a capitalised word other than a first word that is a stop word ("The", "He", "In").
On GVA dev (257 articles) the others are 18% of the tokens, and the recogniser found one kept
entity in all of them ("The county"); the rule-based recogniser still reads every sentence.

A word matches a lemma through the model's own lemmatizer tables (``lemma_exc``,
``lemma_rules``), for any part of speech: "killed", "slain", "shot", "says" and "told" all
match, so the gate never misses a word the tagged lemmatizer would map to one of the lemmas.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from .implied import predicate_lemmas
from .quotes import QUOTE_MARKS
from .reporting import REPORTING

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


class ParseGate:
    """``gate.wants(sentence_text)``: whether a sentence holds a word the parse is needed for
    (a predicate of an implied count, a reporting verb) or a quotation mark; the caller adds
    the sentences that hold a number the extraction may keep."""

    def __init__(self, lookups: Any | None, lemmas: Iterable[str]) -> None:
        self.lemmas = frozenset(lemmas)
        tables = (lookups.get_table("lemma_exc", {}), lookups.get_table("lemma_rules", {})) if lookups else ({}, {})
        self.exceptions: Mapping[str, Mapping[str, Sequence[str]]] = tables[0]
        self.rules: Mapping[str, Sequence[Sequence[str]]] = tables[1]
        self.memo: dict[str, bool] = {}
        self.everything = not self.rules  # no lemmatizer tables: every candidate sentence is parsed

    def _lemmas(self, word: str) -> set[str]:
        """Every lemma the rule lemmatizer could give ``word``, whatever its part of speech."""
        found = {word}
        for pos, rules in self.rules.items():
            found.update(self.exceptions.get(pos, {}).get(word, ()))
            for old, new in rules:
                if word.endswith(old) and (form := word[:len(word) - len(old)] + new):
                    found.add(form)
        return found

    def word(self, word: str) -> bool:
        hit = self.memo.get(word)
        if hit is None:
            if len(self.memo) > 1 << 18:
                self.memo.clear()
            hit = self.memo[word] = not self._lemmas(word).isdisjoint(self.lemmas)
        return hit

    def wants(self, text: str) -> bool:
        if self.everything or QUOTE_MARKS.search(text):
            return True
        return any(self.word(w) for w in _WORD.findall(text.lower()))


def parse_gate(nlp: Any) -> ParseGate:
    """The gate for a loaded pipeline, reading its lemmatizer's tables (none: no word forms)."""
    lookups = nlp.get_pipe("lemmatizer").lookups if "lemmatizer" in nlp.pipe_names else None
    lemmas = predicate_lemmas()
    if lemmas is None:  # a pattern not bound to lemmas: every candidate sentence is parsed
        return ParseGate(None, ())
    return ParseGate(lookups, lemmas | REPORTING)


_WORDS = re.compile(r"\w+")


def can_name(text: str) -> bool:
    """Whether a sentence can hold a name: a word with a capital letter, other than a first word
    that is a stop word of the language (spaCy's list)."""
    words = _WORDS.findall(text)
    if words and _capitalised(words[0]) and words[0].lower() not in STOP_WORDS:
        return True
    return any(_capitalised(w) for w in words[1:])


def _capitalised(word: str) -> bool:
    return any(c.isupper() for c in word)

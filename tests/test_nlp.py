"""The indexed attribute ruler finds exactly the matches of spaCy's Matcher (hand-built docs)."""
from __future__ import annotations

import random

import spacy
from spacy.tokens import Doc

from claimgraph.extract.nlp import IndexedRules, index_attribute_ruler

PATTERNS = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
    {"patterns": [[{"TAG": "VBD", "LOWER": "was"}]], "attrs": {"LEMMA": "be", "POS": "AUX"}},
    {"patterns": [[{"TAG": "IN", "LOWER": {"IN": ["that", "if"]}}]], "attrs": {"POS": "SCONJ"}},
    {"patterns": [[{"LOWER": "i", "DEP": {"IN": ["dobj", "pobj"]}}]], "attrs": {"MORPH": "Case=Acc"}},
    {"patterns": [[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux", "auxpass"]}}]], "attrs": {"POS": "AUX"}},
    {"patterns": [[{"DEP": {"NOT_IN": ["det", ""]}, "TAG": {"IN": ["DT", "WDT"]}}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], "attrs": {"LEMMA": "you"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
    {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "was"]}}]], "attrs": {"POS": "VERB"}, "index": 1},
    {"patterns": [[{"TAG": "VBZ", "LOWER": "gets"}], [{"TAG": "VBD", "LOWER": "got"}]], "attrs": {"LEMMA": "get"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE"}},
]
WORDS = ["i", "was", "that", "if", "y'", "y", "all", "gon", "na", "there", "is", "gets", "got", "the", "dog", "\n"]
TAGS = ["NN", "VBD", "IN", "DT", "WDT", "TO", "VBZ", "PRP", "_SP"]
DEPS = ["dobj", "pobj", "aux", "auxpass", "det", "expl", "nsubj", "ROOT"]


def test_indexed_rules_match_what_the_matcher_matches() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(PATTERNS)
    fast = IndexedRules(ruler)
    rng = random.Random(5)
    seen = 0
    for _ in range(300):
        n = rng.randint(1, 12)
        words = [rng.choice(WORDS) for _ in range(n)]
        doc = Doc(nlp.vocab, words=words, spaces=[w != "\n" for w in words], tags=[rng.choice(TAGS) for _ in words],
                  deps=[rng.choice(DEPS) for _ in words], heads=list(range(n)))
        expected = ruler.match(doc)
        assert fast(doc) == expected, words
        seen += len(expected)
    assert seen > 500


def test_a_pattern_the_index_cannot_read_keeps_the_matcher() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns([{"patterns": [[{"LOWER": "a", "OP": "+"}]], "attrs": {"POS": "DET"}}])
    assert not index_attribute_ruler(nlp)
    ruler.add_patterns(PATTERNS)
    nlp2 = spacy.blank("en")
    nlp2.add_pipe("attribute_ruler").add_patterns(PATTERNS)
    assert index_attribute_ruler(nlp2)

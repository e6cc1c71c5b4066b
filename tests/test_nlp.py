"""The indexed attribute ruler finds exactly the matches of spaCy's Matcher, and the cached lemmatizer
gives exactly the lemmas of spaCy's (hand-built docs)."""
from __future__ import annotations

import random

import spacy
from spacy.lookups import Lookups
from spacy.tokens import Doc

from claimgraph.extract.nlp import CachedLemmas, IndexedRules, index_attribute_ruler

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


def _rule_lemmatizer() -> tuple[object, object]:
    nlp = spacy.blank("en")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    lookups = Lookups()
    lookups.add_table("lemma_rules", {"noun": [["s", ""], ["ies", "y"]], "verb": [["ed", ""], ["ing", ""], ["s", ""]]})
    lookups.add_table("lemma_index", {"noun": ["victim", "injury"], "verb": ["kill", "say"]})
    lookups.add_table("lemma_exc", {"verb": {"said": ["say"], "shot": ["shoot"]}})
    lemmatizer.lookups = lookups
    return nlp, lemmatizer


def test_cached_lemmas_are_the_lemmatizers_own() -> None:
    nlp, lemmatizer = _rule_lemmatizer()
    cached = CachedLemmas(lemmatizer)
    words = ["victims", "injuries", "killed", "killing", "said", "shot", "Shot", "kills", "Police", "the", "was"]
    poses = ["NOUN", "VERB", "PROPN", "DET", "AUX", "ADJ"]
    morphs = ["", "Number=Sing", "Number=Plur", "VerbForm=Inf", "Tense=Past|VerbForm=Fin"]
    rng = random.Random(7)
    for _ in range(200):
        n = rng.randint(1, 10)
        ws = [rng.choice(words) for _ in range(n)]
        doc = Doc(nlp.vocab, words=ws, pos=[rng.choice(poses) for _ in ws], morphs=[rng.choice(morphs) for _ in ws])
        if rng.random() < 0.3:
            doc[0].lemma_ = "preset"  # a lemma the attribute ruler set stays
        expected = [t.lemma_ for t in lemmatizer(doc.copy())]
        assert [t.lemma_ for t in cached(doc.copy())] == expected, ws
        assert [t.lemma_ for t in cached(doc.copy())] == expected, ws  # from the cache

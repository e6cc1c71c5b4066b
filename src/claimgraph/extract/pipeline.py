"""One ``Document`` → one ``Extraction``: sentences, entities, claims, quotes, dates."""
from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import numpy

from ..lexicon import words
from ..model import Attribution, Claim, DateMention, Document, Extraction, Quantity, Quote, Source, TimeRef
from . import attribution as attr
from .dates import find_dates
from .entities import KEEP, add_entity_ruler, group_mentions
from .gate import can_name, parse_gate
from .implied import Implied, is_attacker, keep_implied, stated_one, wounded_of_shot
from .implied import finder as implied_finder
from .measure import counted_noun, head_token, measure_of, phrase, verb_above, vocabulary
from .nlp import DEFAULT_MODEL, CachedLemmas, index_attribute_ruler, load_nlp
from .quantities import find_quantities, local_currencies
from .quotes import find_quotes, speaker_of
from .roles import role_of
from .roles import tagger as role_tagger


def _code_hash(measures: str | None = None) -> str:
    """A hash of the extraction code and data (and of a user's measures file): a store
    re-extracts its documents whenever any of them changes."""
    import hashlib
    from importlib import resources

    h = hashlib.sha256()
    root = resources.files("claimgraph")
    for folder, suffixes in (("extract", (".py",)), ("data", (".json", ".jsonl", ".txt"))):
        for item in sorted(root.joinpath(folder).iterdir(), key=lambda p: p.name):
            if item.name.endswith(suffixes):
                h.update(item.name.encode())
                h.update(item.read_bytes())
    h.update(root.joinpath("lexicon.py").read_bytes())
    if measures:
        with open(measures, "rb") as fh:
            h.update(fh.read())
    return h.hexdigest()[:12]


EXTRACTOR_VERSION = _code_hash()


def extractor_version(measures: str | None = None) -> str:
    """The version a store records with an extraction: code, data and the user's measures."""
    return _code_hash(measures) if measures else EXTRACTOR_VERSION


@dataclass(frozen=True, slots=True)
class ExtractConfig:
    model: str = DEFAULT_MODEL
    measures: str | None = None  # a user's measures.json
    n_process: int = 1
    batch_size: int = 32


# a sentence may need the parser when it may hold a claim or a quote: a numeral, a number word, a
# quotation mark, or a word that can state a toll without a numeral ("a man was killed"); the
# gate (extract/gate.py) then keeps those whose numbers may make a claim or whose words need a parse
NEEDS_PARSE = re.compile(
    r"\d|[\"“”]|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|"
    r"thousands?|millions?|billions?|trillions?|dozens?|scores?|half|thirds?|quarters?|fifths?|sixths?|tenths?|"
    r"double[ds]?|tripled?|quadrupled?|halved|twice|thrice|" + "|".join(sorted(words("toll_words"))) + r")\b",
    re.I)
FIRST = ("senter",)  # all text: tokens and sentence boundaries
PARSE = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")  # sentences that may hold a claim
NAMES = ("entity_ruler", "ner")  # every sentence: names say what a story is about


@lru_cache(maxsize=2)
def build_pipeline(model: str) -> Any:
    """The model, loaded once per process, with its sentence recogniser on and our entity rules
    added; :class:`Extractor` runs its components by hand on the texts that need each."""
    nlp = add_entity_ruler(load_nlp(model))
    index_attribute_ruler(nlp)
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    return nlp


def components(nlp: Any) -> dict[str, Any]:
    """The pipeline's components by name, each as :class:`Extractor` runs it: the lemmatizer through
    :class:`~claimgraph.extract.nlp.CachedLemmas` (the same lemmas, looked up once per word form)."""
    steps = {name: nlp.get_pipe(name) for name in nlp.component_names if name not in nlp.disabled}
    if "lemmatizer" in steps:
        try:
            steps["lemmatizer"] = CachedLemmas(steps["lemmatizer"])
        except (AttributeError, ValueError):
            pass  # another kind of lemmatizer runs as it is
    return steps


def _run(steps: dict[str, Any], names: Sequence[str], docs: Iterable[Any], batch_size: int) -> Iterator[Any]:
    for name in names:
        docs = steps[name].pipe(docs, batch_size=batch_size)
    return iter(docs)


@dataclass(slots=True)
class _Sentence:
    start: int
    end: int
    parsed: Any = None  # a Doc over text[start:end], when the sentence needed the parser
    quantities: list[Quantity] = field(default_factory=list)  # its numbers that may make a claim


@dataclass(slots=True)
class _Segment:
    offset: int
    end: int
    kind: str
    ents: list[tuple[int, int, str, str]]
    sentences: list[_Sentence]
    dates: list[Any] = field(default_factory=list)  # the dates of its sentences (find_dates)


def segments(doc: Document) -> list[tuple[int, int, str]]:
    """(start, end, kind) stretches of a document to read: "title", "body", and "caption"
    (debris whose entities and dates are real, though its numbers are not claims)."""
    segs = [(s, e, "title" if (s, e) == doc.title_span else "body") for s, e in doc.body]
    if doc.title_span and not any(s <= doc.title_span[0] < e for s, e, _ in segs):
        segs.insert(0, (*doc.title_span, "title"))
    if not segs:
        segs = [(0, len(doc.text), "body")]
    segs.extend((d.start, d.end, "caption") for d in doc.debris if d.kind == "caption")
    return segs


class Extractor:
    """Holds the loaded spaCy pipeline; call it on documents.

    One model, run a component at a time over only the text that needs it: sentence
    boundaries over all text; then each sentence once, with the parser and the entity recogniser
    where the extraction can use a parse (``NEEDS_PARSE``, then :mod:`~claimgraph.extract.gate`:
    a number that may make a claim, a predicate of a count without a numeral, a quotation mark,
    a reporting verb), with the entity recogniser alone elsewhere. (Entities only in the title,
    lead and reporting sentences lost entity recall on the held-out corpora and story precision
    on GVA dev, so every sentence that can hold a name keeps them: one with a capitalised word,
    ``gate.can_name``.) A sentence met before in this process (a syndicated copy, boilerplate)
    reuses its analysis.
    """

    def __init__(self, *, config: ExtractConfig | None = None) -> None:
        self.config = config or ExtractConfig()
        self.nlp = build_pipeline(self.config.model)
        self.steps = components(self.nlp)
        self.gate = parse_gate(self.nlp)
        self.vocab = vocabulary(self.config.measures)
        self.parsed = _Memo(PARSED_MEMO)
        self.named = _Memo(NAMED_MEMO)

    def __call__(self, docs: Sequence[Document]) -> Iterator[Extraction]:
        docs = list(docs)
        nlp, steps, batch = self.nlp, self.steps, self.config.batch_size
        plans: list[list[_Segment]] = [[] for _ in docs]
        tasks = [(i, s, e, t) for i, doc in enumerate(docs) for s, e, t in segments(doc)]
        firsts = _run(steps, FIRST, (nlp.make_doc(docs[i].text[s:e]) for i, s, e, _ in tasks), batch)
        to_parse: list[tuple[str, _Segment, _Sentence]] = []
        to_name: list[tuple[str, _Segment, int, int]] = []
        currencies = [local_currencies(doc.text) for doc in docs]
        for (i, offset, end, kind), adoc in zip(tasks, firsts, strict=True):
            seg = _Segment(offset, end, kind, [], [])
            plans[i].append(seg)
            text_i = docs[i].text
            if kind == "caption":
                to_name.append((text_i, seg, offset, end))
                continue
            for sent in adoc.sents:
                text = sent.text
                pad = len(text) - len(text.lstrip())
                s0, s1 = offset + sent.start_char + pad, offset + sent.start_char + len(text.rstrip())
                if s1 > s0:
                    seg.sentences.append(_Sentence(s0, s1))
            if seg.sentences:
                seg.dates = find_dates(text_i, _anchor(docs[i].date), seg.sentences[0].start, seg.sentences[-1].end)
            for item in seg.sentences:
                if self._needs_parse(text_i, item, seg.dates, currencies[i]):
                    to_parse.append((text_i, seg, item))
                else:
                    to_name.append((text_i, seg, item.start, item.end))
        parsed = self._annotate(PARSE + NAMES, [t[it.start:it.end] for t, _, it in to_parse], self.parsed, batch * 4)
        for (t, seg, item), bdoc in zip(to_parse, parsed, strict=True):
            item.parsed = bdoc.copy()  # its own: the extraction sets the document's entities on it
            seg.ents.extend(_kept_ents(t, bdoc, item.start))
        named = self._annotate(NAMES, [t[s:e] for t, _, s, e in to_name], self.named, batch * 4)
        for (t, seg, s, _), ndoc in zip(to_name, named, strict=True):
            seg.ents.extend(_kept_ents(t, ndoc, s))
        for i, doc in enumerate(docs):
            for seg in plans[i]:
                seg.ents.sort()
            try:
                yield _DocExtraction(doc, self.vocab, currencies[i]).run(plans[i])
            except Exception as exc:  # one odd document must not stop a corpus; say what failed
                yield Extraction(doc.id, errors=(f"extraction failed ({exc.__class__.__name__}: {exc})",))

    def _needs_parse(self, text: str, item: _Sentence, dates: Sequence[Any], currencies: Any) -> bool:
        """Whether a sentence needs the parser (see :mod:`~claimgraph.extract.gate`); its numbers
        that may make a claim are kept on it."""
        sentence = text[item.start:item.end]
        if not NEEDS_PARSE.search(sentence):
            return False
        item.quantities = [q for q in find_quantities(text, item.start, item.end, currencies=currencies)
                           if not _in_date(q, dates) and not _not_a_figure(text, q)]
        return bool(item.quantities) or self.gate.wants(sentence)

    def _annotate(self, names: Sequence[str], texts: Sequence[str], memo: _Memo, batch: int) -> list[Any]:
        """One Doc per text, run through the components ``names`` (without the statistical entity
        recogniser where the text cannot hold a name, :func:`~claimgraph.extract.gate.can_name`).
        A text seen before (a syndicated copy, boilerplate) is not run again: each sentence is its
        own Doc, so its analysis depends on its text alone. The Docs are shared: a caller that
        changes one copies it first."""
        out: list[Any] = [None] * len(texts)
        todo: dict[str, list[int]] = {}
        for k, text in enumerate(texts):
            seen = memo.get(text)
            if seen is not None:
                out[k] = seen
            else:
                todo.setdefault(text, []).append(k)
        unnamed = tuple(n for n in names if n != "ner")
        groups: dict[tuple[str, ...], list[str]] = {}
        for text in todo:
            groups.setdefault(tuple(names) if can_name(text) else unnamed, []).append(text)
        for steps, group in groups.items():
            for text, doc in zip(group, _run(self.steps, steps, map(self.nlp.make_doc, group), batch), strict=True):
                doc.tensor = _NO_TENSOR  # the layer the components shared: most of a parsed Doc's memory
                memo.put(text, doc)
                for k in todo[text]:
                    out[k] = doc
        return out


PARSED_MEMO = 4096  # parsed sentences kept per process, by text
NAMED_MEMO = 8192  # sentences run through the entity recogniser alone


class _Memo:
    """The most recently used analyses, by sentence text."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[str, Any] = OrderedDict()

    def get(self, text: str) -> Any:
        found = self.items.get(text)
        if found is not None:
            self.items.move_to_end(text)
        return found

    def put(self, text: str, doc: Any) -> None:
        self.items[text] = doc
        if len(self.items) > self.size:
            self.items.popitem(last=False)


_NO_TENSOR = numpy.zeros((0,), dtype="float32")  # what a Doc holds before any component ran


def _kept_ents(text: str, doc: Any, offset: int) -> list[tuple[int, int, str, str]]:
    """The entities of a sentence (or caption) we keep, in document offsets, titles included."""
    return [_with_title(text, offset + e.start_char, offset + e.end_char, e.label_) for e in doc.ents
            if e.label_ in KEEP]


TITLE_WORDS = words("titles")  # "President", "Gen.", "Sheriff": data/lexicon.json
_WORD = re.compile(r"[^\w.]+")  # "Director-General", "President's": the words in them
_TITLE_TAIL = re.compile(r"((?:[A-Z][\w.’'&-]*\s+(?:of\s+)?){1,6})$")


def _with_title(text: str, s: int, e: int, label: str) -> tuple[int, int, str, str]:
    """Widen a PERSON mention over the title right before it ("U.S. Defense Secretary Lloyd Austin")."""
    if label == "PERSON":
        m = _TITLE_TAIL.search(text, max(0, s - 80), s)
        if m and m.end() == s and any(w.lower() in TITLE_WORDS for w in _WORD.split(m.group(1))):
            s = m.start()
    return s, e, text[s:e], label


_KNOWN_AS = re.compile(r"^\s*,?\s*(?:(?:also|better|widely)\s+)?(?:known|referred to|designated|called|dubbed)\s+"
                       r"(?:as\s+)?$|^\s*\(\s*$")


def _alias_links(text: str, mentions: Sequence[tuple[int, int, str, str]]) -> list[tuple[str, str]]:
    """Names given as another's alias: "Hwasong-11, known as KN-23 and KN-24"; "the Journal (WSJ)"."""
    ms = sorted(mentions)
    links: list[tuple[str, str]] = []
    for a, b in zip(ms, ms[1:], strict=False):
        between = text[a[1]:b[0]]
        if len(between) < 40 and "\n" not in between and _KNOWN_AS.match(between):
            links.append((a[2], b[2]))
            # "… known as KN-23 and KN-24"
            for c in ms:
                if c[0] > b[1] and len(text[b[1]:c[0]]) < 8 and re.fullmatch(r"\s*(?:,|and|or|,\s*and)\s*",
                                                                               text[b[1]:c[0]]):
                    links.append((a[2], c[2]))
                    break
    return links


def _copy_ents(bdoc: Any, start: int, ents: Sequence[tuple[int, int, str, str]]) -> None:
    from spacy.util import filter_spans

    spans = []
    for s, e, _, label in ents:
        if s >= start and e <= start + len(bdoc.text):
            span = bdoc.char_span(s - start, e - start, label=label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
    bdoc.set_ents(filter_spans(spans))


class _DocExtraction:
    def __init__(self, doc: Document, vocab: Any, currencies: tuple[tuple[str, str], ...] = ()) -> None:
        self.doc = doc
        self.vocab = vocab
        self.anchor = _anchor(doc.date)
        self.resolve: dict[str, Source] = {}
        self.prev: Attribution | None = None
        self.relay: str | None = None
        self.sentences: list[tuple[int, int]] = []
        self.mentions: list[tuple[int, int, str, str]] = []
        self.claims: list[Claim] = []
        self.quotes: list[tuple[int, int, Source | None]] = []
        self.pending: list[int] = []  # quotations whose speaker comes after them
        self.dates: list[DateMention] = []
        self.subject_spans: dict[str, list[tuple[int, int]]] = {}
        self.implied: list[tuple[str, Claim]] = []  # (measure, claim) stated without a numeral
        self.errors: list[str] = []  # sentences that failed

    def run(self, plan: list[_Segment]) -> Extraction:
        text = self.doc.text
        lead = next((s for s in plan if s.kind == "body"), None)
        lead_text = text[lead.sentences[0].start:lead.sentences[-1].end] if lead and lead.sentences else ""
        self.relay = attr.document_relay(self.doc.title, lead_text[:600])
        for seg in plan:
            self.mentions.extend(seg.ents)
            if seg.kind == "caption":
                self.dates.extend(DateMention(self.doc.id, x.start, x.end, x.value, x.text)
                                  for x in find_dates(text, self.anchor, seg.offset, seg.end))
                continue
            if not seg.sentences:
                continue
            dates = seg.dates
            self.dates.extend(DateMention(self.doc.id, d.start, d.end, d.value, d.text) for d in dates)
            for sent in seg.sentences:
                self.sentences.append((sent.start, sent.end))
                if sent.parsed is not None:
                    try:
                        _copy_ents(sent.parsed, sent.start, seg.ents)
                        self.sentence(sent.parsed, sent.parsed[:], sent.start, seg.kind == "title", dates,
                                      sent.quantities)
                    except Exception as exc:  # an odd sentence loses only itself; say which
                        self.errors.append(f"sentence at {sent.start}-{sent.end} skipped "
                                           f"({exc.__class__.__name__}: {exc}): {text[sent.start:sent.end][:120]!r}")
                else:
                    self._remember_names(seg.ents, sent.start, sent.end)
                    if not attr.continues(text[sent.start:sent.end]):
                        self.prev = None
        stated = {c.measure for c in self.claims if c.measure}
        self.claims.extend(keep_implied(stated, self.implied))
        if (read := wounded_of_shot(self.claims, text)) is not None:
            wounded, shot = read
            self.subject_spans[wounded.id] = self.subject_spans.get(shot.id, [])
            self.claims = [c for c in self.claims if c.measure != "wounded"] + [wounded]
        entities = group_mentions(self.doc.id, self.mentions, links=_alias_links(text, self.mentions))
        mentions = _Mentions(entities)
        claims = tuple(self._with_subjects(self._quoted(c), mentions) for c in self.claims)
        quotes = tuple(Quote(self.doc.id, s, e, src.name if src else None) for s, e, src in self.quotes)
        return Extraction(self.doc.id, tuple(self.sentences), entities, claims, quotes, tuple(self.dates),
                          errors=tuple(self.errors))

    def _speaker(self, sent: Any, qs: int, qe: int, offset: int) -> Source | None:
        """A quotation's speaker, its span in document offsets (a remembered speaker keeps its own)."""
        known = {id(v) for v in self.resolve.values()}
        src = speaker_of(sent, qs - offset, qe - offset, self.resolve, attr.make_source)
        if src is not None and id(src) not in known:
            src = _absolute(src, offset)
            self.resolve["speaker"] = src
        return src

    def _quoted(self, claim: Claim) -> Claim:
        """A number inside a quotation with no source of its own is the speaker's."""
        if claim.attribution.source is not None:
            return claim
        q = claim.quantity
        for qs, qe, src in self.quotes:
            if src is not None and qs <= q.start and q.end <= qe:
                return replace(claim, attribution=replace(claim.attribution, source=src, verb="quote"))
        return claim

    def _remember_names(self, ents: Sequence[tuple[int, int, str, str]], s0: int, s1: int) -> None:
        for s, e, name, label in ents:
            if label == "PERSON" and s0 <= s < s1:
                self.resolve["person"] = self.resolve["any"] = Source(name=name, kind="person", start=s, end=e)
            elif label == "ORG" and s0 <= s < s1:
                attr.remember_org(self.resolve, name, s)

    def sentence(self, sdoc: Any, sent: Any, offset: int, is_title: bool, dates: Sequence[Any],
                 quantities: Sequence[Quantity]) -> None:
        """Claims, counts without a numeral, quotations and remembered sources of a parsed sentence;
        ``quantities``: its numbers that are not in a date, an age or a clock time."""
        text = self.doc.text
        s0, s1 = offset + sent.start_char, offset + sent.end_char
        weapons = [(offset + e.start_char, offset + e.end_char) for e in sent.ents if e.label_ == "WEAPON"]
        sent_attr: Attribution | None = None
        roles = role_tagger(sdoc.vocab)(sdoc) if quantities else {}
        for q in quantities:
            if any(ws < q.end and q.start < we for ws, we in weapons):
                continue
            role = role_of(roles, [t for t in sent if t.idx + offset < q.end and q.start < t.idx + offset + len(t)])
            if role is not None and not role.claim:
                continue  # an age, an address, a station's name, a clock time, ...
            claim, a = self.claim(sdoc, sent, offset, q, is_title, dates)
            if claim is not None:
                if role is not None and role.measure:
                    claim = replace(claim, measure=role.measure)
                self.claims.append(claim)
                sent_attr = sent_attr or a
        for imp in implied_finder(sdoc.vocab)(sdoc):
            if not any(c.start <= offset + imp.person.idx < c.end for c in self.claims):
                self.implied.append((imp.measure, self.implied_claim(sent, offset, imp, is_title, dates)))
        for k in [k for k in self.pending if self.quotes[k][1] <= s1]:
            # a quotation that ran on from an earlier sentence: its speaker tag follows it here
            qs, qe, _ = self.quotes[k]
            src = self._speaker(sent, qs, qe, offset)
            self.quotes[k] = (qs, qe, src or self.resolve.get("speaker") or self.resolve.get("person"))
            self.pending.remove(k)
        for qs, qe in find_quotes(text, s0, s1):
            if qe > s1 and not text[s0:qs].strip(" \t\"“‘'"):
                self.pending.append(len(self.quotes))  # opens the sentence and runs past it
                self.quotes.append((qs, qe, None))
                continue
            src = self._speaker(sent, qs, qe, offset)
            if src is None and self.quotes and self.quotes[-1][1] >= qs - 3:
                src = self.quotes[-1][2]
            self.quotes.append((qs, qe, src))
        self._remember(sent, offset)
        if sent_attr is not None and sent_attr.source is not None:
            self.prev = sent_attr
        elif not attr.continues(sent.text):
            self.prev = None

    def claim(self, sdoc: Any, sent: Any, offset: int, q: Quantity, is_title: bool,
              dates: Sequence[Any]) -> tuple[Claim | None, Attribution | None]:
        toks = [t for t in sent if t.idx + offset < q.end and q.start < t.idx + offset + len(t)]
        if not toks:
            return None, None
        if not q.change and (m := _COMPARATIVE.match(self.doc.text, q.end)):
            q = replace(q, change="up" if m.group(1).lower() == "more" else "down")  # "140 more passengers than"
        ids = {t.i for t in toks}
        head = head_token(toks)
        noun = counted_noun(head, ids)
        counted: str | None = None
        c_start, c_end = q.start, q.end
        if q.change and head.pos_ == "VERB" and noun is None:
            noun = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if noun is not None and noun.i not in ids:
            ps, pe = phrase(noun, ids)
            counted = _trim_counted(self.doc.text[offset + ps:offset + pe])
            if counted and q.unit == "count" and _part_of_measured(noun, ids, self.vocab):
                counted = "of " + counted  # "31 of the dead (were children)": a part, not the toll
            if abs(offset + ps - q.end) < 80 or abs(q.start - offset - pe) < 80:
                c_start, c_end = min(q.start, offset + ps), max(q.end, offset + pe)
        measure = measure_of(head, noun if noun is not None and noun.i not in ids else None, vocab=self.vocab,
                             unit=q.unit)
        if q.unit in ("percent", "ratio") and not q.change:
            measure = _percent_measure(noun, ids, self.vocab)
        if q.change and measure in (None, "count"):
            measure = "change"
        if noun is not None and _whole_of_part(noun, ids):
            measure = "count"  # "3,000 of the plant's 4,100 workers will lose their jobs": 4,100 is the whole
        a = self._attribution(head, sent, offset, follow=True)
        time = _nearest_date(q, dates, s0=offset + sent.start_char, s1=offset + sent.end_char, text=self.doc.text)
        n = len(self.claims) + 1
        lead = attr.dateline_end(sent.text)  # "BRASKO, Sept 8 (Reuters) -": where, not what about
        subj = [(offset + t.idx, offset + t.idx + len(t)) for t in _subject_tokens(head, noun)
                if t.idx - sent.start_char >= lead]
        cid = f"{self.doc.id}:c{n}"
        self.subject_spans[cid] = subj + [(c_start, c_end)]
        claim = Claim(
            id=cid, doc=self.doc.id, start=c_start, end=c_end, quantity=q, counted=counted, measure=measure,
            attribution=a, time=time, sentence=(offset + sent.start_char, offset + sent.end_char), in_title=is_title,
        )
        return claim, a

    def _attribution(self, head: Any, sent: Any, offset: int, *, follow: bool) -> Attribution:
        """Who the claim at ``head`` is put on; ``follow``: a sentence that continues the last
        attributed one takes its attribution. The document's relay is the via of an unnamed source."""
        known = {id(v) for v in self.resolve.values()}
        a, _ = attr.attribute(head, sent, self.resolve)
        if a is not None and a.source is not None and id(a.source) not in known:
            a = replace(a, source=_absolute(a.source, offset))  # found in this sentence: parse offsets
        if follow and (a is None or a.source is None) and self.prev is not None and attr.continues(sent.text):
            a = self.prev
        a = a or Attribution(None)
        if self.relay and not a.via and not (a.source and attr.is_media(a.source.name)):
            if a.source is None or a.source.kind in ("unnamed", "expert"):
                a = replace(a, via=(self.relay,))
        return a

    def implied_claim(self, sent: Any, offset: int, imp: Implied, is_title: bool, dates: Sequence[Any]) -> Claim:
        """One person the sentence says was killed (wounded, ...) without a numeral."""
        person = imp.person
        one = stated_one(person)  # "one person died": stated, not implied
        first = one if one is not None else person
        start, end = offset + first.idx, offset + person.idx + len(person)
        lo, hi = min(first.idx, imp.pred.idx), max(person.idx + len(person), imp.pred.idx + len(imp.pred))
        q = Quantity(start, end, 1.0, 1.0, 1.0, unit="count", qualifier="implied" if one is None else "exact",
                     text=self.doc.text[start:end])
        a = self._attribution(person, sent, offset, follow=False)
        counted = "attacker" if is_attacker(person) else "people"
        cid = f"{self.doc.id}:i{len(self.implied) + 1}"
        time = _nearest_date(q, dates, s0=offset + sent.start_char, s1=offset + sent.end_char, text=self.doc.text)
        self.subject_spans[cid] = [(start, end)]
        return Claim(id=cid, doc=self.doc.id, start=offset + lo, end=offset + hi, quantity=q, counted=counted,
                     measure=imp.measure, attribution=a, time=time,
                     sentence=(offset + sent.start_char, offset + sent.end_char), in_title=is_title)

    def _remember(self, sent: Any, offset: int) -> None:
        """Track the last named person and the last source, for pronouns ("he said");
        words inside a quotation are the speaker's, not the article's."""
        quoted = [(s - offset, e - offset) for s, e, _ in self.quotes]

        def inside(tok: Any) -> bool:
            return any(s <= tok.idx < e for s, e in quoted)

        for ent in sent.ents:
            if ent.label_ == "PERSON" and not inside(ent.root):
                src = attr.make_source(ent.root, {})
                if src is not None:
                    src = _absolute(src, offset)
                    self.resolve["person"] = src
                    self.resolve["any"] = src
            elif ent.label_ == "ORG" and not inside(ent.root):
                attr.remember_org(self.resolve, ent.text, offset + ent.start_char)
        for tok in sent:
            if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in attr.REPORTING and tok.lower_ not in attr.PRONOUNS \
                    and not inside(tok):
                src = attr.make_source(tok, {})
                if src is not None:
                    src = _absolute(src, offset)
                    self.resolve["any"] = src
                    if src.kind != "person":
                        self.resolve["thing"] = src  # "The utility said its figures ..."
                    if tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in tok.children):
                        self.resolve["plural"] = src

    def _with_subjects(self, claim: Claim, mentions: _Mentions) -> Claim:
        spans = self.subject_spans.get(claim.id, [])
        src = claim.attribution.source
        found: set[int] = set()
        for s, e in spans:
            for m_start, _m_end, rank in mentions.overlapping(s, e):
                if not (src and src.start is not None and src.start <= m_start < (src.end or 0)):
                    found.add(rank)
        return replace(claim, subject=tuple(mentions.ids[r] for r in sorted(found)))


class _Mentions:
    """A document's entity mentions by position, to find those a span overlaps without reading them all."""

    def __init__(self, entities: Sequence[Any]) -> None:
        self.ids = [ent.id for ent in entities]
        self.marks = sorted((m.start, m.end, rank) for rank, ent in enumerate(entities) for m in ent.mentions)
        self.starts = [m[0] for m in self.marks]
        self.longest = max((e - s for s, e, _ in self.marks), default=0)

    def overlapping(self, s: int, e: int) -> Iterator[tuple[int, int, int]]:
        lo = bisect.bisect_left(self.starts, s - self.longest)
        hi = bisect.bisect_left(self.starts, e)
        for mark in self.marks[lo:hi]:
            if s < mark[1]:
                yield mark


_RELATIVE = {"which", "that", "who", "whose"}
_PRONOUN = {"it", "they", "its", "their", "he", "she"}


def _noun_tokens(tok: Any, *, preps: bool = True) -> Iterable[Any]:
    """A noun with its modifiers (and prepositional phrases), without clauses or appositions."""
    yield tok
    for child in tok.children:
        if child.dep_ in ("relcl", "acl", "appos", "advcl", "punct", "cc", "conj", "ccomp", "xcomp"):
            continue
        if child.dep_ == "prep" and not preps:
            continue
        yield from _noun_tokens(child, preps=preps)


def _participant(tok: Any) -> Iterable[Any]:
    """Tokens of a verb's participant, resolving relative pronouns and "it"/"they"."""
    if tok.lower_ in _RELATIVE:
        cur = tok.head
        while cur.dep_ not in ("relcl",) and cur.head.i != cur.i and cur.dep_ in ("xcomp", "ccomp", "conj"):
            cur = cur.head
        if cur.dep_ == "relcl":
            yield from _noun_tokens(cur.head, preps=False)
    elif tok.lower_ in _PRONOUN:
        root = tok.sent.root
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.i < tok.i and subj.lower_ not in _PRONOUN:
            yield from _noun_tokens(subj, preps=False)
    else:
        yield from _noun_tokens(tok)


def _subject_tokens(head: Any, noun: Any) -> Iterable[Any]:
    """Tokens naming what the claim is about: the counted phrase and the participants of its
    predicate (subject, objects, prepositional objects), not its subordinate clauses.

    "Russia is paying for North Korean weapons … $5.5 billion" and "North Korea received
    $5.5 billion for arms sent to Russia" both name North Korea and Russia."""
    anchor = noun if noun is not None else head
    yield from _noun_tokens(anchor)
    verb = verb_above(anchor)
    if verb is None:
        return
    # a verb without its own subject takes it from the verb it complements ("is estimated to have accumulated")
    holder = verb
    for _ in range(3):
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in holder.children) or holder.head.i == holder.i:
            break
        if holder.dep_ not in ("xcomp", "conj", "advcl"):
            break
        holder = holder.head
    for child in holder.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.i != anchor.i:
            yield from _participant(child)
    for child in verb.children:
        if child.i in {t.i for t in anchor.subtree}:
            continue
        if child.dep_ in ("dobj", "dative", "attr", "oprd"):
            yield from _participant(child)
        elif child.dep_ == "prep" and child.lower_ not in ("according", "since", "after", "before", "during"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    yield from _noun_tokens(obj)
                elif obj.dep_ == "prep":  # "in return for its arms"
                    for inner in obj.children:
                        if inner.dep_ == "pobj":
                            yield from _noun_tokens(inner)


def _percent_measure(noun: Any, ids: set[int], vocab: Any) -> str:
    """A percentage is a share of something ("60 percent of the shells"), unless it is the level
    of a rate the noun names ("turnout was 64 percent", "inflation rose to 5.2 percent")."""
    if noun is None or noun.i in ids or (noun.dep_ == "pobj" and noun.head.lower_ == "of"):
        return "share"
    own = vocab.nouns.get(noun.lemma_.lower()) or vocab.nouns.get(noun.lower_)
    return own if own in RATE_MEASURES else "share"


RATE_MEASURES = {"turnout", "inflation", "unemployment", "rate", "growth", "interest", "approval", "support",
                 "occupancy", "capacity", "literacy", "poverty", "vaccinated", "tax"}


# "140 more passengers than its certificate allowed", "200 fewer cars than in 2023": a difference
_COMPARATIVE = re.compile(r"\s+(more|fewer|less)\s+(?:[\w'’-]+\s+){1,3}?than\b", re.IGNORECASE)
def _absolute(src: Source, offset: int) -> Source:
    """A source found in a parsed segment, its span moved from the segment's offsets to the text's."""
    if src.start is None or src.end is None:
        return src
    return replace(src, start=src.start + offset, end=src.end + offset)


def _whole_of_part(noun: Any, ids: set[int]) -> bool:
    """Whether the number counts the whole of a partitive ("3,000 of the 4,100 workers"): what
    happens in the clause happens to the part, not to the whole."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "of" or prep.head.i in ids:
        return False
    return bool(prep.head.pos_ == "NUM" or prep.head.lower_ in ("percent", "%"))


def _part_of_measured(noun: Any, ids: set[int], vocab: Any) -> bool:
    """Whether the number counts part of a measured group: "31 of the dead", "two of the injured"."""
    prep = noun.head
    measured = vocab.nouns.get(noun.lower_) or vocab.nouns.get(noun.lemma_.lower())
    return bool(noun.dep_ == "pobj" and prep.lower_ == "of" and prep.head.i in ids
                and measured in ("killed", "wounded", "missing", "casualties", "displaced", "captured"))


def _trim_counted(s: str) -> str | None:
    s = re.sub(r"^(the|a|an|some|of|its|their)\s+", "", s.strip(), flags=re.I)
    s = re.sub(r"^(number|total|amount|tally|count) of\s+", "", s, flags=re.I)
    return s or None


_AGE_AFTER = re.compile(r"[-\s]*(?:years?|months?|weeks?|days?)[-\s]+old\b|[-\s]year[-\s]old", re.I)
_AGE_BEFORE = re.compile(r"\b(?:aged|age)\s*$", re.I)


_DURATION_ADJ = re.compile(r"\w+-(?:year|month|week|day|hour|minute|second)$", re.I)


_CLOCK = re.compile(r"\s*(?:o['’]clock\b|in the (?:morning|afternoon|evening)\b|at night\b)", re.I)


def _in_date(q: Quantity, dates: Sequence[Any]) -> bool:
    return any(d.start <= q.start and q.end <= d.end for d in dates)


def _not_a_figure(text: str, q: Quantity) -> bool:
    """Ages, kinds of thing named by a duration, and times of day ("at four in the morning")."""
    return _is_age(text, q) or (q.unit == "count" and bool(_CLOCK.match(text, q.end)))


def _is_age(text: str, q: Quantity) -> bool:
    """"a 67-year-old teacher", "aged 34": a person's age, not a figure; nor is a compound
    adjective that names a kind of thing ("a 2-month study", "a five-year plan")."""
    if _DURATION_ADJ.search(text[q.start:q.end]) and re.match(r"\s+[a-z]", text[q.end:q.end + 3]):
        return True
    return bool(re.search(r"(?:year|month|week|day)s?[-\s]+old$", text[q.start:q.end], re.I)
                or _AGE_AFTER.match(text, q.end) or _AGE_BEFORE.search(text, max(0, q.start - 8), q.start))


_PERIOD_START = re.compile(r"\b(since|from|starting|beginning|began|start of|onset)\b[^.;]{0,50}$", re.I)


def _nearest_date(q: Quantity, dates: Sequence[Any], *, s0: int, s1: int, text: str = "") -> TimeRef | None:
    """The date in the claim's sentence nearest to its number; a period's start after the number
    ("$5.5 billion since the war began in February 2022") is not the time the figure is about."""
    inside = [d for d in dates if s0 <= d.start and d.end <= s1 and d.value
              and not (text and d.start > q.end
                       and _PERIOD_START.search(text, max(q.end, d.start - 60), d.start + len(d.text.split()[0])))]
    if not inside:
        return None
    best = min(inside, key=lambda d: min(abs(d.start - q.end), abs(q.start - d.end)))
    return TimeRef(best.value, best.start, best.end)


def _anchor(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None

"""Merge per-document entities into canonical corpus entities.

Per-document entities (ids like ``"d1:e3"``) are joined into corpus entities (``"e1"``, ...)
by, in order:

1. exact keys: names and aliases with case, punctuation, hyphens, spaces, a leading "the"
   and a possessive ignored ("Kim Jong-un" = "Kim Jong Un"); a person's name without its
   titles ("U.S. Defense Secretary Lloyd Austin" -> "Lloyd Austin"); a demonym, country
   alias or capital mapped to its country ("North Korean", "Pyongyang" -> North Korea);
2. fuzzy keys: rapidfuzz ratio on names blocked by token count, initials and token prefixes,
   aligned token by token so "Kim Jong Un" never meets "Kim Jong Il";
3. short forms: a lone surname ("Putin") or an acronym ("WSJ") joins the one full name it
   fits, first among the names of its own document, else corpus-wide if only one fits;
   ambiguous short forms stay apart (they group with identical short forms only).

A person and a place never merge; other types (spaCy's ORG/PRODUCT/... are noisy) may.
Cost is near-linear: every step works through dictionaries keyed by name keys.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from ..lexicon import words
from ..model import Entity, Extraction, TextSpan
from ..names import CORPORATE_SUFFIXES
from ._data import capitals, country_names, country_of
from ._text import acronym_form, acronyms_of, fold, key, norm, tokens

__all__ = ["EntityIndex", "merge_entities", "strip_titles"]

PERSON_TYPES = frozenset({"PERSON", "PER"})
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC", "NORP"})

# titles, ranks and role words that precede a person's name; titles that only ever lead one
TITLE_WORDS = frozenset({w.replace(".", "") for w in words("titles")} | words("name_prefix_words"))
PERSON_TITLES = words("person_titles")
COMPANY_FORMS = words("company_forms")  # "Belcastro Holdings" is Belcastro
COMPANY_TRADES = words("company_trades")  # "Tata Steel" is not Tata Motors
NAME_PARTICLES = frozenset({"bin", "ibn", "al", "el", "de", "da", "di", "del", "van", "von", "der", "den",
                            "du", "la", "le", "dos", "das", "abu", "ben", "st"})
VESSEL_PREFIXES = frozenset({"mv", "m/v", "ms", "mt", "ss", "hms", "uss", "rv", "fv", "mfv", "hmas", "hmcs",
                             "ins", "usns", "sv", "my"})
_BODY_OF = re.compile(r"^(?:the )?(ministry|department|office|bureau|agency|directorate|commission|committee|"
                      r"council|institute|service|authority) (?:of|for) (?:the )?(.+)$")
PLACE_SUFFIXES = ("oblast", "region", "province", "governorate", "prefecture", "district", "county",
                  "krai", "state", "city")


def _class_of(etype: str) -> str:
    if etype in PERSON_TYPES:
        return "P"
    if etype in PLACE_TYPES:
        return "L"
    return "O"


@lru_cache(maxsize=1 << 16)
def strip_titles(name: str) -> str:
    """'U.S. Defense Secretary Lloyd Austin' -> 'Lloyd Austin'; a name without titles is kept."""
    toks = tokens(name)
    kept: list[str] = []
    for tok in reversed(toks):
        low = tok.lower().replace(".", "")
        if low in NAME_PARTICLES and kept:
            kept.append(tok)
            continue
        if not tok[:1].isupper() or low in TITLE_WORDS:
            break
        kept.append(tok)
    while kept and kept[-1].lower() in NAME_PARTICLES:  # a particle cannot start the name
        kept.pop()
    if not kept:
        return fold(name).strip()
    return " ".join(reversed(kept))


@dataclass(frozen=True, slots=True)
class _Form:
    """What one surface name says about its entity."""

    kind: str  # "name", "country", "surname", "acronym"
    keys: tuple[str, ...]  # exact keys ("name"/"country"); the short key for surname/acronym
    display: str  # the name to show for this form
    acronyms: tuple[str, ...] = ()  # acronyms this (multi-word) name may be shortened to
    first: str = ""  # person: key of the first token of a multi-token name
    last: str = ""  # person: key of the last token
    stem: str = ""  # company: key of the name without its trade word ("Tata Steel" -> tata)


@lru_cache(maxsize=1 << 18)
def _analyse(form: str, cls: str) -> _Form:
    if cls != "P":
        country = country_of(form, allow_capital=cls != "O" or len(tokens(form)) == 1)
        if country:
            return _Form("country", (key(country),), country)
    acro = acronym_form(form)
    if acro and cls != "P":
        return _Form("acronym", (acro,), form.strip())
    if cls == "P":
        core = strip_titles(form)
        toks = tokens(core)
        if len(toks) == 1:
            return _Form("surname", (key(core),), core)
        keys = tuple(dict.fromkeys((key(core), key(form))))
        return _Form("name", keys, core, first=key(toks[0]), last=key(toks[-1]))
    keys_: list[str] = [key(form)]
    toks = tokens(form)
    low = [t.lower().strip(".") for t in toks]
    if len(toks) >= 2 and low[0] in VESSEL_PREFIXES:  # "MV Aurel Star" is the Aurel Star
        keys_.append(key(" ".join(toks[1:])))
    stem = ""
    if len(toks) >= 2 and low[-1] in CORPORATE_SUFFIXES and cls == "O":  # "Belcastro Lines" -> Belcastro
        rest = " ".join(toks[:-1])
        if not country_of(rest, allow_capital=True) and not rest.lower().endswith(("an", "ese", "ish", "i")):
            # never "Singapore Airlines" -> Singapore; a legal form goes ("Belcastro Holdings" is Belcastro),
            # a trade word makes a short form that joins only the one full name it fits (Tata Steel, Tata Motors)
            if low[-1] in COMPANY_FORMS:
                keys_.append(key(rest))
            else:
                stem = key(rest)
    m = _BODY_OF.match(norm(form))
    if m:  # "Ministry of Social Affairs" is the Social Affairs Ministry
        keys_.append(key(f"{m.group(2)} {m.group(1)}"))
    if cls == "L":
        n = norm(form)
        for suffix in PLACE_SUFFIXES:
            if n.endswith(" " + suffix):
                keys_.append(key(n[: -len(suffix)]))
    return _Form("name", tuple(dict.fromkeys(k for k in keys_ if k)), form.strip(), acronyms_of(form), stem=stem)


class _UnionFind:
    __slots__ = ("parent", "size")

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.size = [1] * n

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: int, b: int) -> int:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if self.size[ra] < self.size[rb] or (self.size[ra] == self.size[rb] and rb < ra):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        return ra


@dataclass(slots=True)
class _Record:
    local_id: str
    doc: str
    name: str
    type: str
    cls: str
    forms: tuple[tuple[str, _Form], ...]  # (surface, analysis)
    mentions: tuple[TextSpan, ...]
    short: bool = False  # only a lone surname or an acronym: resolved after the full names


class EntityIndex:
    """Canonical corpus entities and the ways to reach them.

    ``entities``: the merged entities, ids ``e1``, ``e2``... in order of first appearance.
    ``entity_of``: doc-local id -> global id. ``lookup(name)`` finds a global id by name.
    """

    def __init__(self, entities: tuple[Entity, ...], entity_of: dict[str, str], keys: dict[str, str],
                 surnames: dict[str, str], acronyms: dict[str, str], weight: dict[str, int]) -> None:
        self.entities = entities
        self.entity_of: Mapping[str, str] = entity_of
        self._by_id = {e.id: e for e in entities}
        self._keys = keys
        self._surnames = surnames
        self._acronyms = acronyms
        self._weight = weight
        self._cache: dict[str, str | None] = {}

    def __len__(self) -> int:
        return len(self.entities)

    def canonical(self, local_id: str) -> str:
        """The global id of a doc-local entity id (KeyError when unknown)."""
        return self.entity_of[local_id]

    def get(self, global_id: str) -> Entity | None:
        return self._by_id.get(global_id)

    def name(self, global_id: str) -> str:
        ent = self._by_id.get(global_id)
        return ent.name if ent else global_id

    def type(self, global_id: str) -> str:
        ent = self._by_id.get(global_id)
        return ent.type if ent else ""

    def weight(self, global_id: str) -> int:
        """How many mentions stand behind an entity."""
        return self._weight.get(global_id, 0)

    def resolve(self, ref: str | None) -> str | None:
        """A doc-local id, a global id or a name -> global id (None when nothing fits)."""
        if not ref:
            return None
        gid = self.entity_of.get(ref)
        if gid is not None:
            return gid
        if ref in self._by_id:
            return ref
        return self.lookup(ref)

    def lookup(self, name: str) -> str | None:
        """A global id by name: exact key, demonym/capital, title-stripped, surname, acronym."""
        if name in self._cache:
            return self._cache[name]
        found = self._lookup(name)
        if len(self._cache) < 1 << 20:
            self._cache[name] = found
        return found

    def _lookup(self, name: str) -> str | None:
        k = key(name)
        if not k:
            return None
        if k in self._keys:
            return self._keys[k]
        country = country_of(name)
        if country and key(country) in self._keys:
            return self._keys[key(country)]
        acro = acronym_form(name)
        if acro:
            return self._keys.get(acro) or self._acronyms.get(acro)
        core = strip_titles(name)
        ck = key(core)
        if ck in self._keys:
            return self._keys[ck]
        if len(tokens(core)) == 1:
            return self._surnames.get(ck)
        return None


def merge_entities(extractions: Sequence[Extraction], *, fuzzy_cutoff: float = 90.0) -> EntityIndex:
    """Merge the entities of every extraction into canonical corpus entities."""
    records = _records(extractions)
    uf = _UnionFind(len(records))
    _union_exact(records, uf)
    _union_fuzzy(records, uf, fuzzy_cutoff)
    _union_short_forms(records, uf)
    return _build(records, uf)


_INLINE_ACRONYM = re.compile(r"^(?P<name>.+?)\s*\(\s*(?P<acr>[A-Z][A-Za-z.&]{1,9})\s*\)?$")


def _surfaces(name: str) -> list[str]:
    """A name and what it packs: "Civil Protection Directorate (CPD)" is the name and its acronym
    (a recogniser may also cut the closing parenthesis off)."""
    m = _INLINE_ACRONYM.match(name.strip())
    if m and len(m.group("name").split()) >= 2:
        acr = acronym_form(m.group("acr"))
        if acr and acr in acronyms_of(m.group("name")):
            return [m.group("name"), m.group("acr")]
    return [name]


def _records(extractions: Iterable[Extraction]) -> list[_Record]:
    out: list[_Record] = []
    # a name is analysed once per corpus, not once per document that names it
    seen: dict[tuple[str, str, tuple[str, ...]], tuple[str, str, tuple[tuple[str, _Form], ...], bool] | None] = {}
    for ext in extractions:
        for ent in ext.entities:
            ek = (ent.type, ent.name, ent.aliases)
            if ek in seen:
                known = seen[ek]
            else:
                known = seen[ek] = _analyse_entity(ent.name, ent.type, ent.aliases)
            if known is not None:
                cls, first, forms, short = known
                out.append(_Record(ent.id, ext.doc, first, ent.type, cls, forms, ent.mentions, short))
    return out


def _analyse_entity(name: str, etype: str, aliases: tuple[str, ...]
                    ) -> tuple[str, str, tuple[tuple[str, _Form], ...], bool] | None:
    """An entity's class, first surface, forms and whether it is only a short form (None: no forms)."""
    cls = _class_of(etype)
    if cls == "O" and _titled_person(name):
        cls = "P"
    names = [x for s in (name, *aliases) if s and s.strip() for x in _surfaces(s)]
    surfaces = dict.fromkeys(names)
    forms = tuple((s, _analyse(s, cls)) for s in surfaces)
    forms = tuple((s, f) for s, f in forms if f.keys and f.keys[0])
    if etype == "NORP" and forms and forms[0][1].kind == "name":
        forms = forms[:1] + tuple(_demonym_forms(forms[0][1])) + forms[1:]
    if not forms:
        return None
    short = all(f.kind in ("surname", "acronym") for _, f in forms)
    return cls, names[0], forms, short


_ORG_HEADS = frozenset({"league", "club", "association", "union", "council", "committee", "party", "bank", "fund",
                        "agency", "authority", "institute", "university", "school", "hospital", "foundation",
                        "federation", "board", "court", "office", "ministry", "department", "motors", "electric"})
_DEMONYM_ENDINGS = ("ian", "an", "n", "ese", "i", "ish")


def _demonym_forms(form: _Form) -> list[tuple[str, _Form]]:
    """A demonym the country table does not know keys its country too: "Lusaran" -> Lusara,
    "Terelian" -> Terelia (only where another entity bears that exact name)."""
    name = form.display
    if " " in name:
        return []
    out = []
    for end in _DEMONYM_ENDINGS:
        if name.lower().endswith(end) and len(name) - len(end) >= 4:
            stem = name[: len(name) - len(end)]
            out.append((stem, _Form("name", (key(stem),), name)))
    return out


def _titled_person(name: str) -> bool:
    """A name led by a title and followed by two or three capitalised words ("Rear Admiral Konrad
    Vey", "MSA Director-General Aldo Renk") is a person whatever the recogniser typed."""
    core = strip_titles(name)
    toks = tokens(core)
    lead = tokens(name)[:max(0, len(tokens(name)) - len(toks))]
    if any(t.lower().strip(".") in CORPORATE_SUFFIXES or t.lower().strip(".") in _ORG_HEADS for t in toks):
        return False  # "General Motors Co", "Major League Baseball"
    return (core != name.strip() and 2 <= len(toks) <= 3 and all(t[:1].isupper() for t in toks)
            and any(t.lower().replace(".", "") in PERSON_TITLES for t in lead))


def _union_group(members: list[tuple[int, str]], uf: _UnionFind) -> None:
    """Union records sharing a key, never a person with a place (others join the larger side)."""
    by_cls: dict[str, list[int]] = defaultdict(list)
    for idx, cls in members:
        by_cls[cls].append(idx)
    for idxs in by_cls.values():
        for other in idxs[1:]:
            uf.union(idxs[0], other)
    others = by_cls.get("O")
    if not others:
        return
    people, places = by_cls.get("P", []), by_cls.get("L", [])
    side = people if len(people) > len(places) else places
    if side:
        uf.union(side[0], others[0])


def _union_exact(records: list[_Record], uf: _UnionFind) -> None:
    by_key: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for i, rec in enumerate(records):
        if rec.short:
            continue
        cls = "L" if any(f.kind == "country" for _, f in rec.forms) else rec.cls
        for _, form in rec.forms:
            if form.kind in ("name", "country"):
                for k in form.keys:
                    by_key[k].append((i, cls))
    for members in by_key.values():
        if len(members) > 1:
            _union_group(members, uf)


def _tokens_align(a: str, b: str) -> bool:
    """Token-by-token check after a fuzzy hit: numbers equal, words alike and same initial."""
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb):
        return False
    for x, y in zip(ta, tb, strict=True):
        if x == y:
            continue
        if any(ch.isdigit() for ch in x + y) or x[0] != y[0] or min(len(x), len(y)) < 4:
            return False
        if fuzz.ratio(x, y) < 80:
            return False
    return True


def _union_fuzzy(records: list[_Record], uf: _UnionFind, cutoff: float) -> None:
    """Union names alike by rapidfuzz ratio that also align token by token.

    Candidates are blocked without loss: names that align have the same token count and the
    same initials, and share the first three letters of their first or of their last token;
    within a block, a name meets only those whose length allows the ratio (sorted by length)."""
    first: dict[str, tuple[int, str]] = {}  # norm name -> (a record, class)
    for i, rec in enumerate(records):
        if rec.short:
            continue
        for _, form in rec.forms:
            if form.kind == "name":
                n = norm(form.display)
                if len(n) >= 6 and n not in first:
                    first[n] = (i, rec.cls)
    blocks: dict[tuple[int, str, str, int], list[str]] = defaultdict(list)
    for n in first:
        toks = n.split()
        initials = "".join(t[0] for t in toks)
        blocks[(len(toks), initials, toks[0][:3], 0)].append(n)
        blocks[(len(toks), initials, toks[-1][:3], 1)].append(n)
    share = cutoff / 100
    stretch = (2 - share) / share + 1e-9  # ratio >= cutoff needs len(longer) <= stretch * len(shorter)
    for names in blocks.values():
        if len(names) < 2:
            continue
        names.sort(key=len)
        for pos, name in enumerate(names[:-1]):
            top = bisect.bisect_right(names, len(name) * stretch, lo=pos + 1, key=len)
            if top <= pos + 1:
                continue
            for other, _score, _ in process.extract(name, names[pos + 1:top], scorer=fuzz.ratio,
                                                     score_cutoff=cutoff, limit=None):
                (i, ci), (j, cj) = first[name], first[other]
                if {ci, cj} == {"P", "L"} or not _tokens_align(name, other):
                    continue
                uf.union(i, j)


def _union_short_forms(records: list[_Record], uf: _UnionFind) -> None:
    """Attach lone surnames and acronyms to the one full name they fit (own document first)."""
    doc_maps: dict[tuple[str, str, str], set[int]] = defaultdict(set)  # (doc, kind, key) -> records
    glob_maps: dict[tuple[str, str], set[int]] = defaultdict(set)
    for i, rec in enumerate(records):
        if rec.short:
            continue
        for _, form in rec.forms:
            entries: list[tuple[str, str]] = []
            if form.kind == "name" and rec.cls == "P" and form.last:
                entries += [("last", form.last), ("first", form.first)]
            elif form.kind == "surname" and rec.cls == "P":  # a surname alias of a full name
                entries.append(("last", form.keys[0]))
            entries += [("acronym", a) for a in form.acronyms]
            if form.stem:
                entries.append(("stem", form.stem))
            if form.kind == "acronym":
                entries.append(("acronym", form.keys[0]))
            for kind, k in entries:
                doc_maps[(rec.doc, kind, k)].add(i)
                glob_maps[(kind, k)].add(i)
    # keep one record per cluster so that the uniqueness tests below stay cheap
    # (most keys have one record, which is its own cluster's one record already)
    for dk, idxs in doc_maps.items():
        if len(idxs) > 1:
            doc_maps[dk] = {min(group) for group in _by_root(idxs, uf).values()}
    for gk, idxs in glob_maps.items():
        if len(idxs) > 1:
            glob_maps[gk] = {min(group) for group in _by_root(idxs, uf).values()}

    unresolved: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for i, rec in enumerate(records):
        if not rec.short:
            continue
        form = rec.forms[0][1]
        kinds = ("last", "first") if form.kind == "surname" else ("acronym",)
        k = form.keys[0]
        target = _unique_root([doc_maps.get((rec.doc, kd, k)) for kd in kinds], uf)
        if target is None:  # nothing fits in the document: try the corpus
            target = _unique_root([glob_maps.get((kd, k)) for kd in kinds], uf)
        if target == -1:
            target = None  # ambiguous: stays apart
        if target is not None:
            uf.union(target, i)
        else:
            unresolved[f"{form.kind}:{form.keys[0]}"].append((i, rec.cls))
    for members in unresolved.values():
        if len(members) > 1:
            _union_group(members, uf)
    # a company's name without its trade word ("Belcastro" for Belcastro Lines) joins the one
    # company of that name (own document first); "Tata" beside Tata Steel and Tata Motors stays apart
    for i, rec in enumerate(records):
        if rec.short or rec.cls == "P" or any(f.stem for _, f in rec.forms):
            continue
        ks = [k for _, f in rec.forms if f.kind == "name" for k in f.keys]
        target = _unique_root([doc_maps.get((rec.doc, "stem", k)) for k in ks], uf)
        if target is None:
            target = _unique_root([glob_maps.get(("stem", k)) for k in ks], uf)
        if target is not None and target != -1:
            uf.union(target, i)
    # a lone capitalised word the recogniser took for an organisation ("Vey said") is the
    # surname of the one person of that name in its own document
    for i, rec in enumerate(records):
        if rec.short or rec.cls != "O" or len(rec.forms) != 1:
            continue  # organisations only: a place named Austin is not Lloyd Austin
        display, form = rec.forms[0]
        if form.kind != "name" or len(tokens(display)) != 1:
            continue
        target = _unique_root([doc_maps.get((rec.doc, "last", form.keys[0]))], uf)
        if target is not None and target != -1 and records[target].cls == "P":
            uf.union(target, i)


def _unique_root(candidates: list[set[int] | None], uf: _UnionFind) -> int | None:
    """The one cluster the first non-empty candidate set points at; -1 when it points at several."""
    for found in candidates:
        if found:
            roots = {uf.find(x) for x in found}
            return roots.pop() if len(roots) == 1 else -1
    return None


def _by_root(idxs: Iterable[int], uf: _UnionFind) -> dict[int, list[int]]:
    out: dict[int, list[int]] = defaultdict(list)
    for i in idxs:
        out[uf.find(i)].append(i)
    return out


def _build(records: list[_Record], uf: _UnionFind) -> EntityIndex:
    clusters = _by_root(range(len(records)), uf)
    order = sorted(clusters.values(), key=min)
    entities: list[Entity] = []
    entity_of: dict[str, str] = {}
    key_votes: dict[str, Counter[str]] = defaultdict(Counter)
    surname_sets: dict[str, set[str]] = defaultdict(set)
    first_sets: dict[str, set[str]] = defaultdict(set)
    acronym_sets: dict[str, set[str]] = defaultdict(set)
    weight: dict[str, int] = {}
    country_table = country_names()
    capital_table = capitals()
    for n, members in enumerate(order, start=1):
        gid = f"e{n}"
        names: Counter[str] = Counter()
        countries: Counter[str] = Counter()
        types: Counter[str] = Counter()
        surfaces: Counter[str] = Counter()
        mentions: list[TextSpan] = []
        for i in members:
            rec = records[i]
            w = max(1, len(rec.mentions))
            entity_of[rec.local_id] = gid
            types[rec.type] += w
            mentions.extend(rec.mentions)
            for surface, form in rec.forms:
                surfaces[surface.strip()] += w
                for k in form.keys:
                    key_votes[k][gid] += w
                if form.kind == "country":
                    countries[form.display] += w
                elif form.kind == "name":
                    names[form.display] += w
                    if rec.cls == "P":
                        surname_sets[form.last].add(gid)
                        first_sets[form.first].add(gid)
                    for a in form.acronyms:
                        acronym_sets[a].add(gid)
        if countries:
            canonical = _best(countries)
            etype = "GPE"
            ck = key(canonical)
            for k, c in country_table.items():  # every demonym/alias/capital of that country
                if key(c) == ck:
                    key_votes[k][gid] += 1
            for k, c in capital_table.items():
                if key(c) == ck:
                    key_votes[k][gid] += 1
        else:
            canonical = _best(names) if names else _best(surfaces)
            etype = types.most_common(1)[0][0]
        surfaces[canonical] += 0
        aliases = tuple(s for s, _ in sorted(surfaces.items(), key=lambda kv: (-kv[1], kv[0])) if s != canonical)
        entities.append(Entity(gid, canonical, etype, aliases, tuple(mentions)))
        weight[gid] = sum(types.values())
    keys = {k: max(votes.items(), key=lambda kv: (kv[1], -int(kv[0][1:])))[0] for k, votes in key_votes.items()}
    surnames = {k: next(iter(v)) for k, v in surname_sets.items() if len(v) == 1}
    for k, v in first_sets.items():
        if len(v) == 1 and k not in surname_sets:
            surnames.setdefault(k, next(iter(v)))
    acronyms = {k: next(iter(v)) for k, v in acronym_sets.items() if len(v) == 1}
    entities = [_with_surname(e, surnames) for e in entities]
    return EntityIndex(tuple(entities), entity_of, keys, surnames, acronyms, weight)


def _with_surname(ent: Entity, surnames: dict[str, str]) -> Entity:
    """List a person's surname as an alias when no other person in the corpus shares it ("Putin")."""
    if ent.type != "PERSON" or len(ent.name.split()) < 2:
        return ent
    last = ent.name.split()[-1]
    if len(last) < 3 or "-" in last or not last[0].isupper() or surnames.get(key(last)) != ent.id:
        return ent
    if last in ent.aliases:
        return ent
    return Entity(ent.id, ent.name, ent.type, (*ent.aliases, last), ent.mentions)


def _best(counts: Counter[str]) -> str:
    """Most supported name; ties go to the longer, then the alphabetically first."""
    return min(counts.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0]

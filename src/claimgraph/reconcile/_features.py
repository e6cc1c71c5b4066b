"""What a claim measures, in comparable form: measure class, unit family, counted head, subject."""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

from ..lexicon import words
from ..model import Claim
from ._text import is_capitalised, lemma, tokens
from .entities import EntityIndex
from .verdicts import reading_interval

# measure words the extractor may emit -> the measure class figures are grouped by
MEASURES: dict[str, str] = {}
for _cls, _words in {
    "deployed": "deployed deploy deployment sent_troops stationed fighting engaged mobilised mobilized "
                "dispatched serving present",
    "killed": "killed kill dead died death deaths fatalities fatality slain death_toll lost_lives",
    "wounded": "wounded injured hurt injuries injury",
    "casualties": "casualties casualty losses",
    "captured": "captured taken_prisoner prisoners pows",
    "missing": "missing",
    "supplied": "supplied supply sent shipped delivered provided transferred exported given sold "
                "supplies shipments deliveries",
    "produced": "produced produce manufactured built made production output",
    "paid": "paid pay payment payments earned earn received receive revenue revenues income "
            "accumulated earnings",
    "displaced": "displaced fled refugees evacuated",
    "damage": "damage damaged destroyed cost costs",
    "range": "range reach",
    "share": "share proportion fraction",
}.items():
    for _w in _words.split():
        MEASURES[_w.replace("_", " ")] = _cls

# what the extractor says when it found no measure: "the number of railcars" (count), a sum of
# money with no verb (amount); such a claim needs other evidence to join a measured figure
PLACEHOLDER_MEASURES = frozenset({"count", "amount"})

# measures that describe a thing (a missile's range) rather than an event count
PROPERTY_MEASURES = frozenset({"range", "speed", "weight", "length", "caliber", "calibre", "capacity", "yield",
                               "altitude", "payload", "height", "depth", "diameter", "size", "width"})
PROPERTY_EXCLUDED_TYPES = frozenset({"GPE", "NORP", "LOC", "PERSON", "PER"})

_LEN = {"km": 1000.0, "kilometer": 1000.0, "kilometre": 1000.0, "m": 1.0, "meter": 1.0, "metre": 1.0,
        "mile": 1609.344, "mi": 1609.344, "nautical mile": 1852.0, "nmi": 1852.0, "ft": 0.3048,
        "foot": 0.3048, "feet": 0.3048, "mm": 0.001, "millimeter": 0.001, "millimetre": 0.001,
        "cm": 0.01, "centimeter": 0.01, "centimetre": 0.01, "yard": 0.9144, "inch": 0.0254, "in": 0.0254}
_MASS = {"kg": 1.0, "kilogram": 1.0, "g": 0.001, "gram": 0.001, "mg": 1e-6, "t": 1000.0, "ton": 907.18474,
         "tonne": 1000.0, "metric ton": 1000.0, "lb": 0.45359237, "oz": 0.028349523125}
_VOLUME = {"litre": 0.001, "liter": 0.001, "l": 0.001, "m3": 1.0, "gallon": 0.003785411784,
           "barrel": 0.158987294928, "bcm": 1e9}
_ENERGY = {"kwh": 1.0, "mwh": 1e3, "gwh": 1e6, "twh": 1e9}
_POWER = {"kw": 1.0, "mw": 1e3, "gw": 1e6, "tw": 1e9}
_TIME = {"second": 1.0, "minute": 60.0, "hour": 3600.0, "day": 86400.0, "week": 604800.0,
         "month": 2629800.0, "year": 31557600.0}
_AREA = {"km2": 1e6, "sq km": 1e6, "square kilometer": 1e6, "square kilometre": 1e6, "hectare": 1e4,
         "ha": 1e4, "acre": 4046.8564224, "sq mi": 2589988.11, "sq mile": 2589988.11, "square mile": 2589988.11,
         "m2": 1.0, "sq ft": 0.09290304}
_SPEED = {"km/h": 1 / 3.6, "kph": 1 / 3.6, "mph": 0.44704, "knot": 0.514444, "m/s": 1.0, "mach": 343.0}
_CURRENCY = {"$": "USD", "us$": "USD", "dollar": "USD", "€": "EUR", "euro": "EUR", "£": "GBP",
             "pound sterling": "GBP", "¥": "JPY", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
             "₩": "KRW", "won": "KRW", "₽": "RUB", "rouble": "RUB", "ruble": "RUB", "₴": "UAH",
             "hryvnia": "UAH", "₹": "INR", "rupee": "INR"}
_PER = {"yr": "year", "annum": "year", "annually": "year", "annual": "year", "a year": "year",
        "per year": "year", "mo": "month", "monthly": "month", "daily": "day", "a day": "day",
        "weekly": "week", "h": "hour", "hr": "hour"}


@dataclass(frozen=True, slots=True)
class Unit:
    family: str  # "count", "ratio", "cur:USD", "length", ...; only one family compares
    factor: float  # multiply a value by this to reach the family's base
    name: str  # the normalised unit


@lru_cache(maxsize=4096)
def parse_unit(unit: str | None) -> Unit:
    """'percent' -> ratio x0.01; 'mile' -> length x1609; 'USD' -> cur:USD; unknown -> its own family."""
    given = (unit or "count").strip()
    raw = given.replace("_", " ")
    u = raw.lower().rstrip(".")
    if u in ("", "count", "number", "item", "items", "unit", "units", "people", "person"):
        return Unit("count", 1.0, "count")
    if u in ("percent", "%", "pct", "per cent", "percentage"):
        return Unit("ratio", 0.01, "percent")
    if u in ("ratio", "times", "x", "fold", "multiple"):
        return Unit("ratio", 1.0, "ratio")
    if u in ("percentage point", "percentage points", "pp", "point", "points"):
        return Unit("pp", 1.0, "pp")
    if u in ("basis point", "basis points", "bp", "bps"):
        return Unit("pp", 0.01, "basis point")
    if len(raw) == 3 and raw.isalpha() and raw.isupper():
        return Unit(f"cur:{raw}", 1.0, raw)
    for table, family in ((_SPEED, "speed"), (_AREA, "area"), (_LEN, "length"), (_MASS, "mass"), (_TIME, "time"),
                          (_VOLUME, "volume"), (_ENERGY, "energy"), (_POWER, "power")):
        for cand in (u, lemma(u) if " " not in u else u, u[:-1] if u.endswith("s") else u):
            if cand in table:
                return Unit(family, table[cand], given)  # keep the extractor's spelling for display
    for cand in (u, u[:-1] if u.endswith("s") else u):
        if cand in _CURRENCY:
            code = _CURRENCY[cand]
            return Unit(f"cur:{code}", 1.0, code)
    return Unit(f"u:{u}", 1.0, given)


@lru_cache(maxsize=4096)
def split_rate(unit: str | None, per: str | None) -> tuple[Unit, str | None]:
    """'USD/year' -> (USD, 'year'); a rate given in ``per`` wins; 'km/h' stays a speed."""
    text = (unit or "count").strip().replace("_per_", "/")
    if "/" in text and text.lower() not in _SPEED:
        base, _, tail = text.rpartition("/")
        per = per or tail
        text = base
    return parse_unit(text), norm_per(per)


def norm_per(per: str | None) -> str | None:
    if not per:
        return None
    p = per.strip().lower()
    p = _PER.get(p, p)
    return lemma(p)


_MONEY_LOSSES = frozenset({"casualties", "lost", "loss", "lose"})


def measure_class(measure: str | None, *, money: bool = False) -> str | None:
    """The measure class of a measure word; with ``money``, losses are a cost ("$1.8 billion
    in insured losses" is damage, not casualties)."""
    if not measure:
        return None
    m = measure.strip().lower().replace("_", " ")
    found = MEASURES.get(m) or MEASURES.get(lemma(m)) or m
    return "damage" if money and found in _MONEY_LOSSES else found


# counted phrase analysis --------------------------------------------------------------------------

CUT_WORDS = frozenset("of for from with in on at to by that which who whose per into across against under "
                      "over during since between crossing including as than".split())
PARTITIVES = frozenset("share number total percent percentage proportion fraction portion amount majority "
                       "bulk half third quarter rest part sum count value volume worth one-third "
                       "two-thirds tally thousands hundreds dozens millions billions tens scores dozen hundred thousand "
                       "million billion lots lot plenty couple".split())
STOP = frozenset("a an the some its their his her our this that these those about around nearly almost "
                 "roughly approximately estimated more less than least most at up over under".split())
_HEAD_CLASSES: dict[str, str] = {}
for _cls, _words in {
    "troop": "soldier troop personnel serviceman servicemember fighter mercenary combatant infantryman "
             "conscript recruit force trooper marine paratrooper",
    "people": "people person individual resident inhabitant citizen life live victim fatality death dead",
    "civilian": "civilian noncombatant",
    "child": "child kid minor",
    "shell": "shell round munition ammunition projectile ordnance",
    "missile": "missile",
    "drone": "drone uav",
    "money": "revenue payment income earning cash money fund profit",
    "range": "range reach",
    "ship": "ship vessel boat",
    "aircraft": "aircraft plane jet warplane",
    "refugee": "refugee evacuee",
    "quake": "earthquake quake temblor",
}.items():
    for _w in _words.split():
        _HEAD_CLASSES[_w] = _cls
_VERBISH = re.compile(r".{3,}(ed|ing)$")


@dataclass(frozen=True, slots=True)
class Counted:
    head: str | None  # head class ("troop" for soldiers/troops/personnel)
    words: frozenset[str]  # content lemmas, for strong-evidence matching
    names: tuple[str, ...]  # capitalised runs in the counted noun phrase ("North Korean")
    other_names: tuple[str, ...]  # capitalised runs after it ("... deals with Russia")
    measure: str | None  # a measure word inside the phrase ("troops killed")
    lead: str | None = None  # a capitalised first word that may only open a sentence ("Insured losses")


@lru_cache(maxsize=1 << 17)
def parse_counted(counted: str | None) -> Counted:
    """'North Korean troops killed' -> head troop, measure killed; 'share of X shells' -> head shell."""
    if not counted:
        return Counted(None, frozenset(), (), (), None)
    if counted.isupper():  # a shouted headline: "200 CASUALTIES"
        counted = counted.lower()
    toks = tokens(counted)
    cut = _phrase_end(toks)
    names, other = _capital_runs(toks[:cut]), _capital_runs(toks[cut:])
    measure = next((MEASURES[t.lower()] for t in toks if t.lower() in MEASURES and _VERBISH.match(t.lower())),
                   None)
    head = _head(toks)
    words = frozenset(lemma(t) for t in toks if t.lower() not in STOP and t.lower() not in CUT_WORDS
                      and not is_capitalised(t))
    lead = lemma(toks[0]) if names and names[0] == toks[0] and toks[0][:1].isupper() else None
    return Counted(head, words, names, other, measure, lead)


def _phrase_end(toks: list[str]) -> int:
    """Where the counted noun phrase ends (past a partitive: 'share of Russia's strikes')."""
    low = [t.lower() for t in toks]
    start = 0
    while True:
        end = next((i for i in range(start + 1, len(low)) if low[i] in CUT_WORDS), len(low))
        part = [w for w in low[start:end] if w not in STOP]
        if part and part[-1] in PARTITIVES and end < len(low):
            start = end + 1
            continue
        seen_lower = False
        for i in range(start, end):
            if toks[i][:1].isupper() or "'" in toks[i]:
                if seen_lower:
                    return i  # "shells Russia uses": a clause starts
            else:
                seen_lower = True
        return end


_TRAILING = frozenset({"dead", "missing", "hurt", "slain", "alive", "total", "overall", "so", "far"})


def _head(toks: list[str]) -> str | None:
    """The counted noun: last word of the first noun phrase, past a partitive ('share of')."""
    low = [t.lower() for t in toks]
    start = 0
    while True:
        end = next((i for i in range(start + 1, len(low)) if low[i] in CUT_WORDS), len(low))
        part = [i for i in range(start, end) if low[i] not in STOP]
        if part and low[part[-1]] in PARTITIVES and end < len(low):
            start = end + 1  # "share of ... shells": the head is in the complement
            continue
        break
    phrase: list[str] = []
    for i in part:
        if toks[i][:1].isupper() or "'" in toks[i]:
            if phrase:
                break  # "shells Russia uses": a clause starts
            continue
        phrase.append(low[i])
    while phrase and (_VERBISH.match(phrase[-1]) or phrase[-1] in _TRAILING or phrase[-1][:1].isdigit()):
        phrase.pop()
    if not phrase:
        return None
    lem = lemma(phrase[-1])
    if lem in _HEAD_CLASSES:
        return _HEAD_CLASSES[lem]
    if lem in words("attacker_nouns"):
        return "attacker"  # the attacker's own death is a figure apart from the victims'
    return "people" if lem in words("person_nouns") or lem in ("other", "others") else lem


def _capital_runs(toks: list[str]) -> tuple[str, ...]:
    """Runs of capitalised tokens, longest first within each run ('North Korean', 'Russia')."""
    runs: list[list[str]] = []
    cur: list[str] = []
    for tok in toks:
        if tok[:1].isupper():
            cur.append(tok)
        else:
            if cur:
                runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return tuple(" ".join(r) for r in runs)


# the whole claim ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Features:
    measure: str | None
    unit: Unit
    per: str | None
    change: str | None
    head: str | None
    words: frozenset[str]
    sig: frozenset[str]  # the entities the claim is about (global ids)
    place: str | None
    year: str | None
    vague: bool
    low: float | None = None  # the claim's interval in the unit family's base (None: unbounded)
    high: float | None = None
    point: float | None = None  # the stated value in the same base

    @property
    def measured(self) -> bool:
        """Whether the claim says what it measures (not the extractor's placeholder count/amount)."""
        return self.measure is not None and self.measure not in PLACEHOLDER_MEASURES

    @property
    def weak(self) -> bool:
        """Needs strong evidence to join a figure: no measure, a vague number, or no counted head."""
        return not self.measured or self.vague or self.head is None


_YEAR = re.compile(r"^\d{4}$")
_MONTH = re.compile(r"^\d{4}-\d\d$")
GENERIC_HEADS = frozenset({"toll", "count", "number", "total", "tally", "figure", "figures", "estimate"})
# measures of what happens to people: their tolls are revised, and "the toll", "12 dead" and
# "104 people" all count the same people
JOB_WORDS = frozenset({"job", "worker", "employee", "staff", "position", "post", "role", "workforce", "layoff",
                       "redundancy", "employment"})
JOB_LOSS = frozenset({"cut", "cuts", "laid off", "laid_off", "lay off", "lay_off", "lost", "lose", "loss", "losses",
                      "shed", "eliminate", "eliminated", "axe", "axed", "slash", "slashed", "layoffs", "layoff",
                      "redundancies", "redundant"})


_JOB_NOUNS = frozenset({"job", "position", "post", "role", "layoff", "redundancy"})
_LOSS_WORDS = frozenset({"cut", "loss", "layoff", "redundancy", "job", "lose", "lost"})


def is_toll(measure: str | None, head: str | None) -> bool:
    """A story's revisable running count: people killed (missing, displaced, ...). Job cuts are
    not: several employers cut jobs in one story."""
    return measure in PERSON_MEASURES and head == "people"


PERSON_MEASURES = frozenset({"killed", "wounded", "shot", "casualties", "captured", "missing", "displaced", "rescued",
                             "evacuated", "hospitalised", "hospitalized", "arrested", "detained", "infected",
                             "aboard"})


def money_words(claims: Iterable[Claim]) -> dict[str, str]:
    """Currency words the corpus gives with a currency code somewhere ("1.5 billion lusars
    ($84 million)" made "lusar" a currency), for the claims that wrote them bare elsewhere."""
    out: dict[str, str] = {}
    for c in claims:
        unit = c.quantity.unit or ""
        words = c.quantity.text.split()
        if len(unit) == 3 and unit.isupper() and words and words[-1][:1].islower():
            out.setdefault(words[-1].lower().rstrip("s"), unit)
    return out


def claim_features(claim: Claim, index: EntityIndex, *, doc_date: str | None = None,
                   speakers: dict[tuple[object, ...], frozenset[str]] | None = None,
                   money: Mapping[str, str] | None = None) -> Features:
    """What a claim measures; ``speakers`` caches the speaker entities of an attribution;
    ``money`` maps currency words to codes (``money_words``)."""
    q = claim.quantity
    unit, per = split_rate(q.unit, q.per)
    coin = ""
    if money and unit.family == "count" and claim.counted:
        first = claim.counted.split()[0].lower().rstrip("s")
        if first in money:  # "2 million lusars" in a text that never gave the lusar's dollar value
            unit, coin = parse_unit(money[first]), first
    counted = parse_counted(claim.counted)
    is_money = unit.family.startswith("cur:")
    measure = measure_class(claim.measure, money=is_money)
    if measure is None or measure in PLACEHOLDER_MEASURES:  # "people listed as missing": the phrase says
        measure = measure_class(counted.measure, money=is_money) or measure

    head = "money" if is_money else counted.head
    jobs = unit.family == "count" and _job_loss(claim, counted)
    if jobs:  # "cut 1,200 jobs", "2,750 job cuts", "lay off 1,200 workers": the number of jobs cut
        measure, head = "jobs_cut", "job"
        q = replace(q, change=None)
    if claim.counted and claim.counted.startswith("of "):  # "31 of the dead": a part of a figure
        head = f"part:{head or 'people'}"
    if head in GENERIC_HEADS or head is None:
        # "the death toll", "12 dead": the measure says what is counted (people, for a toll)
        head = "people" if measure in PERSON_MEASURES else None
    core = [g for g in (_find_in(n, index) for n in counted.names) if g]
    subject = [g for g in (index.resolve(s) for s in claim.subject) if g]
    att = claim.attribution
    if subject and (att.source is not None or att.via):
        # who states a number is not what it is about ("IRCO puts the figure at 310,000")
        ck = (att.source.name, att.source.entity, att.via) if att.source else (None, None, att.via)
        who = speakers.get(ck) if speakers is not None else None
        if who is None:
            who = _speakers(claim, index)
            if speakers is not None:
                speakers[ck] = who
        if who:
            subject = [g for g in subject if g not in who]
    if not core and not subject:  # "payments for North Korean weapons"
        core = [g for g in (_find_in(n, index) for n in counted.other_names) if g]
    place = (index.resolve(claim.place) or f"p:{claim.place.strip().lower()}") if claim.place else None
    if measure in PROPERTY_MEASURES:
        sig = frozenset(g for g in (*core, *subject) if index.type(g) not in PROPERTY_EXCLUDED_TYPES)
    else:
        sig = frozenset(core) if core else frozenset(subject)
    if place and len(sig) > 1:
        sig = sig - {place} or sig
    if jobs and not sig and att.source is not None:
        # "Continental said it would cut 7,150 jobs": the employer announcing cuts is whose jobs they are
        gid = (index.resolve(att.source.entity) if att.source.entity else None) or index.lookup(att.source.name)
        if gid and index.type(gid) not in PLACE_TYPES and index.type(gid) not in ("PERSON", "PER"):
            sig = frozenset({gid})
    # the year a figure is about: a bare year ("in 1959") is exact; a day or month, or the
    # publication date when the text gives none, is approximate ("~2025" fits 2024 to 2026)
    year = None
    if claim.time and claim.time.value and _YEAR.match(claim.time.value):
        year = claim.time.value
    elif claim.time and claim.time.value and _YEAR.match(claim.time.value[:4]):
        year = "~" + claim.time.value[:4]
    elif doc_date and _YEAR.match(doc_date[:4]):
        year = "~" + doc_date[:4]
    if unit.family in ("ratio", "pp") and claim.time and _MONTH.match(claim.time.value or ""):
        year = claim.time.value  # a rate of a month ("8.4% in September") is not the next month's
    vague = bool(q.vague) or (q.value is None and q.low is None and q.high is None)
    low, high, point = reading_interval(q, unit.factor)
    words = counted.words - {coin, lemma(coin)} if coin else counted.words
    if jobs:  # "jobs", "workers" and "job cuts" are one; "supplier jobs", "indirect jobs" are others
        words = frozenset({"job"} | {w for w in words if w not in JOB_WORDS and w not in _LOSS_WORDS})
    if counted.lead and not core:  # no entity: a sentence's first word ("Insured losses from ...")
        words = words | {counted.lead}
    return Features(measure, unit, per, q.change, head, words, sig, place, year, vague, low, high, point)


def _job_loss(claim: Claim, counted: Counted) -> bool:
    words = {lemma(w.lower()) for w in (claim.counted or "").split()}
    raw = (claim.measure or "").lower().replace("_", " ")
    if not words & _JOB_NOUNS and raw not in ("laid off", "lay off", "redundant"):
        return False  # "cut pay for 20,000 workers" is not 20,000 jobs cut
    raw = (claim.measure or "").lower()
    if raw == "change":  # "2,750 job cuts" (a fall); never "payrolls rose by 150,000 jobs"
        return claim.quantity.change == "down" or bool(words & {"cut", "loss", "layoff", "redundancy"}) \
            and counted.head in ("cut", "loss", "layoff", "redundancy")
    return raw in JOB_LOSS or lemma(raw) in JOB_LOSS or bool(words & {"cut", "loss", "layoff", "redundancy"}) \
        and counted.head in ("cut", "loss", "layoff", "redundancy")


def _speakers(claim: Claim, index: EntityIndex) -> frozenset[str]:
    """The source and intermediaries of a claim that are bodies or people, not places: a
    country may be both speaker and subject ("Russia says it lost ..."), an agency rarely is."""
    att = claim.attribution
    found: set[str] = set()
    if att.source is not None:
        gid = index.resolve(att.source.entity) if att.source.entity else None
        found.add(gid or index.lookup(att.source.name) or "")
        words = att.source.name.split()
        while words and not words[0][:1].isupper():
            words.pop(0)  # "reinsurer Halvorsen Re", "the country's health ministry"
        if words and len(words) < len(att.source.name.split()):
            found.add(index.lookup(" ".join(words)) or "")
    for via in att.via:
        gid = index.lookup(via)
        if gid:
            found.add(gid)
    return frozenset(g for g in found if g and index.type(g) not in PLACE_TYPES)


PLACE_TYPES = frozenset({"GPE", "LOC", "NORP", "FAC"})


def _find_in(name: str, index: EntityIndex) -> str | None:
    """The entity a capitalised run names, trying shorter prefixes/suffixes ('North Korean leader')."""
    gid = index.lookup(name)
    if gid:
        return gid
    parts = name.split()
    for size in range(len(parts) - 1, 0, -1):
        for start in range(0, len(parts) - size + 1):
            gid = index.lookup(" ".join(parts[start:start + size]))
            if gid:
                return gid
    return None

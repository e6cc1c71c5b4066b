"""Group claims that measure the same measure of the same thing into figures.

Blocking keeps the cost near-linear; claims are only ever compared inside a block:

1. block by (measure class, unit family, rate ``per``, change, counted-head class):
   "killed" never meets "casualties", USD never meets EUR, "containers" never meet "shells";
2. inside a block, claims with the same subject signature, place and year form an atom;
   atoms are taken most specific first and join the one cluster whose common subject
   core they share, whose place and year do not differ (``None`` fits any); an atom that
   fits two clusters equally well stays apart rather than bridge them;
3. a claim with no subject joins only on strong evidence: the same counted words in the
   same story, else the one figure of the story (and block) that states the same number
   ("$1.8 billion" beside "insured losses of $1.8 billion"); subject-less claims of one story
   group when their counted words nest and their values meet (no counted words at all are
   no evidence of sameness);
4. weak claims (no measure, a vague number like "thousands of", or no counted head) join the
   single figure that matches their head, measure and subject. The extractor's placeholder
   measures (``count``, ``amount``) count as no measure, and such a claim joins a measured
   figure only where one of its claims states the same number ("40,000 homes" and "some
   40,000 homes were destroyed"). With no subject to match, a claim with a measure but no
   counted head ("the death toll rose to 2,315") joins the one figure of that measure in its
   story; a number with neither (>= 100: "puts the figure at 310,000") the one figure of the
   story that states it. Else they group among themselves by the rules above (a claim with
   neither measure nor head, or a vague one with no subject, stands alone). Vague numbers
   never vote in a verdict.

A reading's time bucket is its report day, refined by an earlier time the claim states: the
stated date of an event ("killed in the March 3 earthquake") is not the as-of time of a toll
reported three weeks later, while "212 on Monday evening" in Tuesday's paper is.

The subject signature is the set of entities named inside the counted phrase ("North
Korean soldiers" -> North Korea) when there are any, else ``Claim.subject`` less the bodies
and people the claim is attributed to ("IRCO puts the figure at 310,000" is not about IRCO);
for a measure of a thing (range, speed, ...) only entities that are things (not countries or
people) count.
"""
from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from ..model import Claim, Document, Figure
from ._features import Features, claim_features, is_toll, money_words
from ._text import streets
from .entities import PLACE_TYPES, EntityIndex
from .origins import OriginReport, OriginResolver
from .verdicts import Reading, agrees, judge, reading_interval

__all__ = ["FigureResult", "build_figures", "figure_of", "group_figures"]

_WEEK = re.compile(r"^\d{4}-W\d\d$")
_MAX_CANDIDATES = 64  # clusters looked at per entity posting, newest first
_ANY = "*"  # any counted head
_SPECIFIC = 100  # a number that says nothing else joins a figure by value only from here up


@dataclass(frozen=True, slots=True)
class FigureResult:
    figures: tuple[Figure, ...]
    claim_figure: Mapping[str, str]
    origins: Mapping[str, tuple[OriginReport, ...]]  # figure id -> earliest report per origin


@dataclass(slots=True)
class _Cluster:
    block: tuple[object, ...]
    core: frozenset[str]
    place: str | None
    year: str | None
    members: list[int] = field(default_factory=list)


def group_figures(claims: Sequence[Claim], documents: Mapping[str, Document], index: EntityIndex,
                  *, story_of: Mapping[str, str] | None = None) -> tuple[Figure, ...]:
    """Figures over the claims; ``figure_of`` gives the claim -> figure mapping."""
    return build_figures(claims, documents, index, story_of=story_of).figures


def figure_of(figures: Sequence[Figure]) -> dict[str, str]:
    return {cid: f.id for f in figures for cid in f.claims}


def build_figures(claims: Sequence[Claim], documents: Mapping[str, Document], index: EntityIndex,
                  *, story_of: Mapping[str, str] | None = None,
                  resolver: OriginResolver | None = None,
                  places: Mapping[str, frozenset[str]] | None = None) -> FigureResult:
    """Figures, the claim -> figure mapping and each figure's origins (``places``: the streets
    of documents already read, by id; the others are read here)."""
    published = {d: (doc.published or "") for d, doc in documents.items()}
    claims = sorted(claims, key=lambda c: (published.get(c.doc, ""), c.doc, c.start, c.id))
    speakers: dict[tuple[object, ...], frozenset[str]] = {}
    money = money_words(claims)
    dates = {d: doc.date for d, doc in documents.items()}
    # equal features are held once: a million claims have a few hundred thousand distinct ones
    known: dict[Features, Features] = {}
    feats = [known.setdefault(f, f) for f in (claim_features(c, index, doc_date=dates.get(c.doc), speakers=speakers,
                                                             money=money) for c in claims)]
    del known
    stories = [story_of.get(c.doc, c.doc) if story_of is not None else "" for c in claims]
    if story_of is not None:
        feats = _unset(feats, stories, _settings(index, story_of))
    streets_of = {d: places[d] if places is not None and d in places else streets(documents[d])
                  for d in {c.doc for c in claims} if d in documents}
    nowhere: frozenset[str] = frozenset()
    clusters = _cluster(feats, stories, [streets_of.get(c.doc, nowhere) for c in claims])
    resolver = resolver or OriginResolver(claims, documents, index)
    figures: list[Figure] = []
    claim_figure: dict[str, str] = {}
    origins: dict[str, tuple[OriginReport, ...]] = {}
    queue = list(clusters)
    while queue:
        members = queue.pop()
        fig, reports = _figure([claims[i] for i in members], [feats[i] for i in members], documents,
                               index, resolver)
        if fig.verdict == "conflict" and (len({claims[i].doc for i in members}) == 1
                                           and len({resolver.key(claims[i]) for i in members}) == 1
                                           or _things_unnamed(members, feats)):
            # one origin in one article does not contradict itself: its values measure different
            # things; nor do two articles giving a speed or a length of things neither names
            queue.extend(_value_groups(members, feats))
            continue
        figures.append(fig)
        origins[fig.id] = reports
        for cid in fig.claims:
            claim_figure[cid] = fig.id
    figures.sort(key=lambda f: (f.first_reported or "9999", f.id))
    return FigureResult(tuple(figures), claim_figure, origins)


# clustering ---------------------------------------------------------------------------------------

_SETTING_SHARE = 0.5  # an entity in at least half a story's documents is its setting
_SETTING_MIN_DOCS = 3


def _settings(index: EntityIndex, story_of: Mapping[str, str]) -> dict[str, frozenset[str]]:
    """Per story, the entities named in at least half its documents: the country, the ship, the quake
    the whole story is about. They say nothing about which of the story's tolls a claim gives."""
    size: Counter[str] = Counter(story_of.values())
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for ent in index.entities:
        for story, n in Counter(story_of[d] for d in {m.doc for m in ent.mentions} if d in story_of).items():
            seen[story][ent.id] = n
    out: dict[str, frozenset[str]] = {}
    for story, counts in seen.items():
        if size[story] < _SETTING_MIN_DOCS:
            continue
        common = [e for e, n in counts.items() if n >= _SETTING_SHARE * size[story]]
        places = sorted((e for e in common if index.type(e) in PLACE_TYPES), key=lambda e: (-counts[e], e))
        # two countries named throughout (a quake in Turkey and Syria) tell their tolls apart:
        # only the place a story names most, and clearly most, is its setting
        main = places[:1] if len(places) == 1 or (places and counts[places[0]] > counts[places[1]]) else []
        out[story] = frozenset(e for e in common if index.type(e) not in PLACE_TYPES or e in main)
    return out


def _unset(feats: list[Features], stories: Sequence[str], settings: Mapping[str, frozenset[str]]) -> list[Features]:
    """A toll whose only subjects are its story's setting ("the Aurel Star death toll", "Karvonia's
    toll") is the story's toll, like the ones that name no subject; likewise a claim that says
    no measure ("the Aurel Star had 17 deficiencies")."""
    out = feats
    unset: dict[int, Features] = {}  # shared Features stay shared
    for i, f in enumerate(feats):
        toll = is_toll(f.measure, f.head)
        # a claim with no measure joins others only on an equal value, so its setting can go too
        if f.sig and (toll or f.weak and not f.vague) and f.sig <= settings.get(stories[i], frozenset()):
            if out is feats:
                out = list(feats)
            g = unset.get(id(f))
            if g is None:
                g = unset[id(f)] = replace(f, sig=frozenset())
            out[i] = g
    return out


_PHYSICAL = frozenset({"speed", "length", "area", "mass", "power", "energy", "volume"})  # unit families


def _things_unnamed(members: list[int], feats: Sequence[Features]) -> bool:
    """A physical quantity (a top speed, a length) none of whose claims names what it belongs to."""
    return all(feats[i].unit.family in _PHYSICAL and not feats[i].sig for i in members)


def _fits(c: _Cluster, place: str | None, year: str | None) -> bool:
    return (c.place is None or place is None or c.place == place) and years_fit(c.year, year)


def years_fit(a: str | None, b: str | None) -> bool:
    """Explicit years must be equal; a "~YYYY" (as of publication) fits a year either side."""
    if a is None or b is None:
        return True
    if not a.startswith("~") and not b.startswith("~"):
        return a == b
    return abs(int(a.lstrip("~")[:4]) - int(b.lstrip("~")[:4])) <= 1


def _merge_year(a: str | None, b: str | None) -> str | None:
    if a is None or (a.startswith("~") and b is not None and not b.startswith("~")):
        return b
    return a


def _value_groups(members: list[int], feats: Sequence[Features]) -> list[list[int]]:
    """Members split where their intervals (in the family's base unit) stop meeting, in order of
    value; one member each when they all meet."""
    def bounds(i: int) -> tuple[float, float]:
        f = feats[i]
        lo = f.low if f.low is not None else -math.inf
        hi = f.high if f.high is not None else math.inf
        return lo, hi

    order = sorted(members, key=lambda i: (bounds(i), i))
    groups: list[list[int]] = []
    top = -math.inf
    for i in order:
        lo, hi = bounds(i)
        if groups and lo <= top:
            groups[-1].append(i)
            top = max(top, hi)
        else:
            groups.append([i])
            top = hi
    return [sorted(g) for g in groups] if len(groups) > 1 else [[i] for i in sorted(members)]


def _cluster(feats: Sequence[Features], stories: Sequence[str],
             places: Sequence[frozenset[str]] = ()) -> list[list[int]]:
    blocks: dict[tuple[object, ...], list[int]] = defaultdict(list)
    weak: list[int] = []
    for i, f in enumerate(feats):
        if f.weak:
            weak.append(i)
        else:
            blocks[(f.measure, f.unit.family, f.per, f.change, f.head)].append(i)
    clusters: list[_Cluster] = []
    for block, idxs in blocks.items():
        clusters.extend(_cluster_block(block, idxs, feats, stories))
    clusters.extend(_attach_weak(weak, clusters, feats, stories))
    # a figure belongs to one event: claims of documents in different stories never share one,
    # nor do those of documents on different streets
    out: list[list[int]] = []
    for c in clusters:
        parts: dict[str, list[int]] = defaultdict(list)
        for i in c.members:
            parts[stories[i]].append(i)
        for m in parts.values():
            out.extend(_by_place(sorted(m), places) if places else [sorted(m)])
    return out


def _by_place(members: list[int], places: Sequence[frozenset[str]]) -> list[list[int]]:
    """Members apart by the streets their documents name: documents sharing a street are one
    place; two places that share none are two events of one story (a city's shootings). The
    members whose documents name no street go with the largest place."""
    groups: list[tuple[set[str], list[int]]] = []
    unplaced: list[int] = []
    for i in members:
        if not places[i]:
            unplaced.append(i)
            continue
        hit = [g for g in groups if g[0] & places[i]]
        if not hit:
            groups.append((set(places[i]), [i]))
            continue
        keep = hit[0]
        keep[0].update(places[i])
        keep[1].append(i)
        for g in hit[1:]:
            keep[0].update(g[0])
            keep[1].extend(g[1])
            groups.remove(g)
    if len(groups) <= 1:
        return [members]
    largest = max(groups, key=lambda g: len(g[1]))
    largest[1].extend(unplaced)
    return [sorted(g[1]) for g in groups]


def _cluster_block(block: tuple[object, ...], idxs: list[int], feats: Sequence[Features],
                   stories: Sequence[str]) -> list[_Cluster]:
    atoms: dict[tuple[frozenset[str], str | None, str | None, float | None], list[int]] = defaultdict(list)
    bare: dict[tuple[str, frozenset[str], str | None, str | None, int], list[int]] = defaultdict(list)
    # a story's toll of people killed (missing, displaced, ...) with no named subject is one
    # figure however it is worded ("the death toll", "104 people", "12 dead") and revised
    toll = is_toll(str(block[0]), str(block[4]))
    # claims that say no measure ("612 passengers", "550 passengers") are the same figure only
    # where their values meet: the same words are not enough
    unmeasured = block[0] == "weak"
    for i in idxs:
        f = feats[i]
        if f.sig:
            atoms[(f.sig, f.place, f.year, f.point if unmeasured else None)].append(i)
        elif toll:  # people killed: one toll whatever the words; jobs cut: per kind of job
            bare[(stories[i], f.words if block[0] == "jobs_cut" else frozenset(), f.place, f.year, -1)].append(i)
        else:  # no counted words: nothing ties it to another claim but its value
            bare[(stories[i], f.words, f.place, f.year, -1 if f.words and not unmeasured else i)].append(i)
    out: list[_Cluster] = []
    postings: dict[str, list[_Cluster]] = defaultdict(list)
    by_words: dict[tuple[str, frozenset[str]], list[_Cluster]] = defaultdict(list)
    in_story: dict[str, dict[int, _Cluster]] = defaultdict(dict)  # story -> clusters with a member there
    for (sig, place, year, _point), members in sorted(
            atoms.items(), key=lambda kv: (-len(kv[0][0]), kv[0][1] is None, kv[0][2] is None, kv[1][0])):
        target = _best_cluster(sig, place, year, postings)
        if target is not None and unmeasured and not all(_agrees_with_member(feats[i], target, feats) for i in members):
            target = None  # "a magnitude 7.4 quake" and "a magnitude 5.4 aftershock": no measure, other values
        if target is None:
            target = _Cluster(block, sig, place, year)
            out.append(target)
            for e in sig:
                postings[e].append(target)
        else:
            target.core = target.core & sig
            target.place = target.place or place
            target.year = _merge_year(target.year, year)
        target.members.extend(members)
        for i in members:
            if feats[i].words:
                by_words[(stories[i], feats[i].words)].append(target)
            in_story[stories[i]].setdefault(id(target), target)
    # subject-less claims: the same counted words in the same story, or nested words and
    # intervals that meet ("containers" / "containers of ammunition", never "range" / "strike range")
    loose: dict[str, list[tuple[frozenset[str], _Cluster, list[float]]]] = defaultdict(list)
    for (story, words, place, year, _alone), members in sorted(bare.items(), key=lambda kv: kv[1][0]):
        lo, hi = _span(members, feats)
        fits = {id(c): c for c in by_words.get((story, words), ()) if _fits(c, place, year)} \
            if words and not unmeasured else {}
        if not fits and not toll:  # other words ("quake" / "earthquake"), none at all: the one figure of the
            # story that states the same number ("$1.8 billion" beside "insured losses of $1.8 billion")
            fits = {k: c for k, c in list(in_story[story].items())[-_MAX_CANDIDATES:] if _fits(c, place, year)
                    and all(_agrees_with_member(feats[i], c, feats) for i in members)}
        if len(fits) == 1:
            target = next(iter(fits.values()))
        else:
            found = next((entry for entry in loose[story] if _fits(entry[1], place, year) and (
                (entry[0] == words and (words or toll) and not unmeasured) or ((entry[0] <= words or words <= entry[0])
                                                            and max(lo, entry[2][0]) <= min(hi, entry[2][1])))), None)
            if found is None:
                target = _Cluster(block, frozenset(), place, year)
                out.append(target)
                loose[story].append((words, target, [lo, hi]))
            else:
                target = found[1]
                found[2][0], found[2][1] = max(lo, found[2][0]), min(hi, found[2][1])
            target.place = target.place or place
            target.year = _merge_year(target.year, year)
        target.members.extend(members)
        in_story[story].setdefault(id(target), target)
    return out


def _span(members: Sequence[int], feats: Sequence[Features]) -> tuple[float, float]:
    """The common part of the members' intervals (may be empty: lo > hi)."""
    lows = [feats[i].low for i in members]
    highs = [feats[i].high for i in members]
    lo = max((x for x in lows if x is not None), default=-math.inf)
    hi = min((x for x in highs if x is not None), default=math.inf)
    return lo, hi


def _best_cluster(sig: frozenset[str], place: str | None, year: str | None,
                  postings: Mapping[str, list[_Cluster]]) -> _Cluster | None:
    """The one cluster this atom fits best; None when none fits or two fit equally well."""
    seen: dict[int, _Cluster] = {}
    for e in sig:
        for c in postings.get(e, ())[-_MAX_CANDIDATES:]:
            seen[id(c)] = c
    scored: list[tuple[float, _Cluster]] = []
    for c in seen.values():
        common = c.core & sig
        if common and _fits(c, place, year):
            scored.append((len(common) / len(c.core | sig), c))
    if not scored:
        return None
    scored.sort(key=lambda sc: -sc[0])
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        return None
    return scored[0][1]


def _attach_weak(weak: list[int], clusters: list[_Cluster], feats: Sequence[Features],
                 stories: Sequence[str]) -> list[_Cluster]:
    """Weak claims join the single matching figure, else group among themselves, else stand alone."""
    index: dict[tuple[object, ...], list[_Cluster]] = defaultdict(list)
    by_story: dict[tuple[object, ...], list[_Cluster]] = defaultdict(list)  # (measure, ..., story)
    by_head: dict[tuple[object, ...], list[_Cluster]] = defaultdict(list)  # (head, ..., story)
    for c in clusters:
        measure, family, per, change, head = c.block
        for e in c.core:
            index[(family, per, change, e)].append(c)
        for story in dict.fromkeys(stories[i] for i in c.members):
            by_story[(measure, family, per, change, story)].append(c)
            by_head[(head, family, per, change, story)].append(c)
            by_head[(_ANY, family, per, change, story)].append(c)
    extra: list[_Cluster] = []
    rest: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for i in weak:
        f = feats[i]
        if f.head is None and not f.measured and not f.vague and f.point is not None \
                and abs(f.point) >= _SPECIFIC:
            # "IRCO puts the figure at 310,000", "the directorate still counts 180,000": nothing
            # but the number says what it counts; the one figure of the story that states it
            found = {id(c): c for c in by_head.get((_ANY, f.unit.family, f.per, f.change, stories[i]), ())
                     [-_MAX_CANDIDATES:] if _fits(c, f.place, f.year) and _agrees_with_member(f, c, feats)}
            if len(found) == 1:
                next(iter(found.values())).members.append(i)
                continue
        if f.head is None and (f.measure is None or f.vague):
            c = _Cluster(("weak", i), f.sig, f.place, f.year, [i])
            extra.append(c)
            continue
        # a firm number with no measure (the extractor's count/amount) joins a measured figure
        # only where one of its claims states the same number ("40,000 homes" and "some
        # 40,000 homes were destroyed")
        valued = not f.measured and not f.vague
        fits: dict[int, _Cluster] = {}
        for e in f.sig:
            for c in index.get((f.unit.family, f.per, f.change, e), ())[-_MAX_CANDIDATES:]:
                measure, _family, _per, _change, head = c.block
                if f.measured and measure != f.measure:
                    continue
                if f.head is not None and head != f.head:
                    continue
                # a claim that says what it measures but not what it counts ("70 percent say")
                # joins a figure of counted things on a shared subject only where a number meets
                needs_value = valued or f.head is None and head is not None
                if c.core & f.sig and _fits(c, f.place, f.year) \
                        and (not needs_value or _agrees_with_member(f, c, feats)):
                    fits[id(c)] = c
        if not fits and f.measured and not f.vague and f.unit.family != "ratio":
            # "the death toll rose to 2,315", "1,204 dead": a measure but no counted head or
            # subject; the one figure of that measure in the same story is what it revises. Not a
            # share ("70 percent say"): a share is of something, and the story's other may be of
            # something else
            for c in by_story.get((f.measure, f.unit.family, f.per, f.change, stories[i]), ())[-_MAX_CANDIDATES:]:
                if (f.head is None or c.block[4] == f.head) and _fits(c, f.place, f.year):
                    fits[id(c)] = c
        elif not fits and valued and f.head is not None:
            # "rescuers from 14 countries" beside "teams from 14 countries have arrived": the
            # same counted thing and the same number in the same story
            for c in by_head.get((f.head, f.unit.family, f.per, f.change, stories[i]), ())[-_MAX_CANDIDATES:]:
                if _fits(c, f.place, f.year) and _agrees_with_member(f, c, feats):
                    fits[id(c)] = c
        if len(fits) == 1:
            next(iter(fits.values())).members.append(i)
        elif f.sig or not f.vague:
            # a length, a duration or a sum says what it measures by its unit: "48 metres",
            # "a depth of 48 metres" and "48 metres of water" meet on the value alone
            by_unit = f.unit.family not in ("count", "ratio") and not f.measured
            rest[(None if by_unit else f.measure, f.unit.family, f.per, f.change, None if by_unit else f.head)].append(i)
        else:
            extra.append(_Cluster(("weak", i), f.sig, f.place, f.year, [i]))
    # the rest group among themselves, by the same rules as strong claims
    for block, idxs in rest.items():
        extra.extend(_cluster_block(("weak", *block), idxs, feats, stories))
    return extra


def _agrees_with_member(f: Features, c: _Cluster, feats: Sequence[Features]) -> bool:
    """Whether the claim and one of the cluster's (latest) members state the same number, as a
    verdict would call it agree ("40,000" and "some 40,000"; never "9 million" and "at least
    200", nor "more than 60,000" and "up to 400,000", which only fail to contradict each other).

    Values that agree lie within a tenth of the larger one (the coarsest rounding step), so
    only members that near are read in full."""
    p = f.point
    if p is None:
        return False
    near = [g for g in (feats[j] for j in c.members[-_MAX_CANDIDATES:])
            if g.point is not None and not g.vague and abs(g.point - p) <= max(abs(p), abs(g.point)) / 10 + 1]
    if not near:
        return False
    mine = Reading("", f.low, f.high, p)
    return any(agrees(mine, Reading("", g.low, g.high, g.point)) for g in near)


# one figure ---------------------------------------------------------------------------------------

def _figure(claims: Sequence[Claim], feats: Sequence[Features], documents: Mapping[str, Document],
            index: EntityIndex, resolver: OriginResolver) -> tuple[Figure, tuple[OriginReport, ...]]:
    units = Counter(f.unit.name for f in feats)
    unit_name = min(units.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    base = next(f.unit.factor for f in feats if f.unit.name == unit_name)
    per = next((f.per for f in feats if f.per), None)
    firm = [k for k, f in enumerate(feats) if not f.vague] or list(range(len(feats)))
    readings: list[Reading] = []
    for k in firm:
        c = claims[k]
        low, high, point = reading_interval(c.quantity, feats[k].unit.factor / base)
        readings.append(Reading(c.id, low, high, point, _when(c, resolver.reported(c)), resolver.key(c)))
    verdict = judge(readings)
    reports = resolver.reports(claims)
    dates = sorted(d for d in (_published(documents, c.doc) for c in claims) if d)
    ids = tuple(sorted(c.id for c in claims))
    fid = "f" + hashlib.blake2b("\n".join(ids).encode(), digest_size=5).hexdigest()
    measure = (Counter(f.measure for f in feats if f.measured)
               or Counter(f.measure for f in feats if f.measure)).most_common(1)
    fig = Figure(
        id=fid,
        label=_label(claims, feats, index),
        measure=measure[0][0] if measure else None,
        unit=f"{unit_name}/{per}" if per else unit_name,
        claims=ids,
        verdict=verdict.verdict,
        low=verdict.low,
        high=verdict.high,
        independent_origins=len(reports),
        origins=tuple(r.origin for r in reports),
        first_reported=dates[0] if dates else None,
        last_reported=dates[-1] if dates else None,
    )
    return fig, reports


def _when(claim: Claim, published: str | None) -> str | None:
    """A reading's time bucket: the report day, refined by an earlier time the claim states.

    A stated time may be the as-of time of the number ("212 on Monday evening", in Tuesday's
    paper) or the date of the event it counts ("2,981 killed in the March 3 earthquake", three
    weeks on); the report day tells them apart across reports: two readings share a bucket only
    when they were reported the same day about the same stated time."""
    reported = published[:10] if published else None
    t = claim.time
    stated = t.value if t is not None and t.value and len(t.value) >= 7 else None
    if stated and _WEEK.match(stated):  # "last week": ISO 2025-W09 -> its Monday, to compare with days
        stated = date.fromisocalendar(int(stated[:4]), min(int(stated[6:8]), 52), 1).isoformat()
    if reported is None:
        return stated
    if stated is None or stated[:len(reported)] == reported:
        return f"{reported} {reported}"
    if stated > reported:  # a time after the report: a forecast or a deadline ("by 2026")
        return stated
    return f"{reported} {stated}"  # sorts before the same day's own "now"


def _published(documents: Mapping[str, Document], doc_id: str) -> str | None:
    doc = documents.get(doc_id)
    return doc.published if doc else None


def _label(claims: Sequence[Claim], feats: Sequence[Features], index: EntityIndex) -> str:
    """The most common counted phrase plus the measure: 'North Korean soldiers deployed'."""
    counted = Counter(" ".join((c.counted.lower() if c.counted.isupper() else c.counted).split())
                      for c in claims if c.counted)  # a shouted headline reads as plain words
    measure = Counter(f.measure for f in feats if f.measured).most_common(1)
    m = measure[0][0] if measure else ""
    if counted:
        text = min(counted.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0]
    else:
        core = Counter(e for f in feats for e in sorted(f.sig)).most_common(2)  # sorted: ties the same every run
        text = " ".join(index.name(e) for e, _ in core) or feats[0].unit.name
    if m and m.lower() not in text.lower():
        text = f"{text} {m}"
    return text

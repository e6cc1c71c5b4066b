"""How reconcile scales: synthetic corpora of 10k, 100k, 1M claims, one core.

    python benchmarks/reconcile_scale.py            # 10k, 100k, 1M
    python benchmarks/reconcile_scale.py 10000 50000
    python benchmarks/reconcile_scale.py --report 5000 10000   # HTML report size at N documents

Each size runs in a fresh process (so peak memory is per size): it generates a corpus of many
stories, each told by many outlets over weeks (entities under name variants, figures
restated, rounded, hedged, revised, contradicted, relayed through a few big outlets,
syndicated), then times ``reconcile`` alone. Peak memory is the process's max RSS
(``resource.getrusage``), input corpus included; the goal (issue 10) is 1M claims in at most
60 s and 1.5 GiB.
"""
from __future__ import annotations

import random
import resource
import subprocess
import sys
import time
from dataclasses import dataclass

from claimgraph.model import (
    Attribution,
    Claim,
    DateMention,
    Document,
    Entity,
    Extraction,
    Quantity,
    Source,
    TextSpan,
    TimeRef,
)
from claimgraph.reconcile import reconcile

CLAIMS_PER_DOC = 10
DOCS_PER_STORY = 60
FIGURES_PER_STORY = 12
COUNTRIES = [("Russia", "Russian", "Moscow"), ("Ukraine", "Ukrainian", "Kyiv"), ("North Korea", "North Korean", "Pyongyang"),
             ("South Korea", "South Korean", "Seoul"), ("China", "Chinese", "Beijing"), ("Iran", "Iranian", "Tehran"),
             ("Israel", "Israeli", None), ("Syria", "Syrian", "Damascus"), ("Sudan", "Sudanese", "Khartoum"),
             ("Yemen", "Yemeni", "Sanaa"), ("France", "French", "Paris"), ("Germany", "German", "Berlin"),
             ("Poland", "Polish", "Warsaw"), ("Turkey", "Turkish", "Ankara"), ("India", "Indian", "New Delhi"),
             ("Pakistan", "Pakistani", "Islamabad")]
MEASURES = [("deployed", ["soldiers", "troops", "personnel"]), ("killed", ["soldiers", "troops"]),
            ("wounded", ["soldiers", "troops"]), ("casualties", ["casualties"]), ("killed", ["civilians"]),
            ("supplied", ["artillery shells", "shells", "rounds"]), ("supplied", ["containers"]),
            ("supplied", ["ballistic missiles", "missiles"]), ("produced", ["drones"]), ("displaced", ["people"]),
            ("paid", ["payments"]), ("captured", ["prisoners"])]
BIG_OUTLETS = ["The Wall Street Journal", "Reuters", "Associated Press", "The New York Times", "BBC"]
SYL = ["ka", "lo", "mi", "ren", "tor", "va", "shi", "dan", "ol", "per", "zu", "gri", "bel", "han", "so", "ny"]
WORDS = ("the of and to in a that for on with said as was by at from officials report war forces troops front "
         "attack week month according statement sources analysts satellite images border supply shipment army "
         "government minister president defence ministry intelligence estimate new more than about least").split()


def _name(rng: random.Random, parts: int) -> str:
    return " ".join("".join(rng.choice(SYL) for _ in range(rng.randint(2, 3))).capitalize() for _ in range(parts))


@dataclass
class _Fig:
    measure: str
    heads: list[str]
    country: int  # index into the story's countries
    value: int
    unit: str
    per: str | None


def generate(n_claims: int, seed: int = 7) -> tuple[list[Document], list[Extraction]]:
    rng = random.Random(seed)
    n_docs = max(1, n_claims // CLAIMS_PER_DOC)
    n_stories = max(1, n_docs // DOCS_PER_STORY)
    outlets = BIG_OUTLETS + [f"{_name(rng, 1)} {rng.choice(['Times', 'Post', 'Herald', 'News', 'Daily'])}"
                             for _ in range(300)]
    stories = []
    for _ in range(n_stories):
        countries = rng.sample(COUNTRIES, 3)
        people = [_name(rng, 2) for _ in range(3)]
        org = f"{_name(rng, 1)} {rng.choice(['Research', 'Monitoring', 'Analysis'])} {rng.choice(['Group', 'Center', 'Institute'])}"
        figs = []
        for _ in range(FIGURES_PER_STORY):
            measure, heads = rng.choice(MEASURES)
            unit, per = ("USD", rng.choice([None, "year"])) if measure == "paid" else ("count", None)
            figs.append(_Fig(measure, heads, rng.randrange(3), rng.choice([1, 2, 3, 5, 8, 12, 15, 20]) * 10 ** rng.randint(1, 6),
                             unit, per))
        words = rng.sample(WORDS, 20) + [_name(rng, 1).lower() for _ in range(20)]
        start_day = rng.randrange(0, 300)
        stories.append((countries, people, org, figs, words, start_day))
    docs: list[Document] = []
    exts: list[Extraction] = []
    for d in range(n_docs):
        story = stories[d % n_stories]
        countries, people, org, figs, words, start_day = story
        day = start_day + rng.randrange(0, 60)
        published = f"2024-{1 + day // 31 % 12:02d}-{1 + day % 28:02d}"
        did = f"d{d}"
        dup = f"d{d - n_stories}" if d >= n_stories and rng.random() < 0.05 else None
        text = " ".join(rng.choice(words) for _ in range(80))
        outlet = rng.choice(outlets)
        docs.append(Document(did, text, body=((0, len(text)),), published=published, outlet=outlet, duplicate_of=dup,
                             title=" ".join(rng.sample(words, 6))))
        ents: list[Entity] = []
        country_ids = []
        for name, demonym, capital in countries:
            form = rng.choice([name, name, demonym] + ([capital] if capital else []))
            country_ids.append(_add(ents, did, form, "NORP" if form == demonym else "GPE"))
        for p in people:
            _add(ents, did, p if rng.random() < 0.7 else p.split()[-1], "PERSON")
        _add(ents, did, org if rng.random() < 0.6 else "".join(w[0] for w in org.split()), "ORG")
        via_name = rng.choice(BIG_OUTLETS)
        _add(ents, did, via_name, "ORG")
        claims: list[Claim] = []
        for k in range(CLAIMS_PER_DOC):
            fig = rng.choice(figs)
            claims.append(_claim(rng, f"{did}:c{k}", did, k, fig, countries, country_ids, via_name, day - start_day))
        dates = (DateMention(did, 0, 5, published[:7], "this month"),)
        exts.append(Extraction(did, ((0, len(text)),), tuple(ents), tuple(claims), (), dates))
    return docs, exts


def _add(ents: list[Entity], did: str, name: str, etype: str) -> str:
    eid = f"{did}:e{len(ents) + 1}"
    ents.append(Entity(eid, name, etype, (), (TextSpan(did, 0, 5), TextSpan(did, 10, 15))))
    return eid


def _claim(rng: random.Random, cid: str, did: str, k: int, fig: _Fig, countries: list[tuple[str, str, str | None]],
           country_ids: list[str], via_name: str, age: int) -> Claim:
    r = rng.random()
    v = float(fig.value)
    vague = False
    if r < 0.15:  # revised upward over time
        v = v * (1 + age // 7)
    elif r < 0.22:  # a rival estimate
        v = v * 3
    elif r < 0.27:
        vague = True
    qual = rng.choice(["exact", "approx", "approx", "at_least", "more_than", "up_to"])
    low, high = {"exact": (v, v), "approx": (v * 0.9, v * 1.1), "at_least": (v, None), "more_than": (v, None),
                 "up_to": (0.0, v)}[qual]
    q = Quantity(k * 10, k * 10 + 5, None if vague else v, low, None if vague else high, unit=fig.unit, qualifier=qual,
                 per=fig.per, vague=vague, text=f"{v:,.0f}")
    demonym = countries[fig.country][1]
    counted = f"{demonym} {rng.choice(fig.heads)}" if rng.random() < 0.7 else rng.choice(fig.heads)
    s = rng.random()
    if s < 0.35:
        att = Attribution(Source(rng.choice(["analysts", "an analyst", "sources"]), "unnamed"), (via_name,))
    elif s < 0.65:
        name, _, capital = rng.choice(countries)
        att = Attribution(Source(f"{rng.choice([name, capital or name])} officials", "government"))
    else:
        att = Attribution(None)
    time = TimeRef("2023") if rng.random() < 0.03 else None
    return Claim(cid, did, k * 10, k * 10 + 9, q, counted=counted, measure=fig.measure,
                 subject=(country_ids[fig.country],), time=time, attribution=att, sentence=(0, 100))


def run_one(n: int) -> None:
    docs, exts = generate(n)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t = time.perf_counter()
    result = reconcile(docs, exts)
    elapsed = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    claims = sum(len(e.claims) for e in exts)
    print(f"{claims}\t{len(docs)}\t{elapsed:.1f}\t{rss_before:.0f}\t{peak:.0f}\t{len(result.figures)}\t"
          f"{len(result.entities)}\t{len(result.stories)}", flush=True)


def report_size(n_docs: int) -> None:
    """The HTML report of a synthetic corpus of ``n_docs`` documents: main page and story pages."""
    import tempfile
    from pathlib import Path

    from claimgraph.export import build_export
    from claimgraph.report import write_report

    docs, exts = generate(n_docs * CLAIMS_PER_DOC)
    rec = reconcile(docs, exts)
    export = build_export(docs, exts, entities=rec.entities, entity_of=rec.entity_of, figures=rec.figures,
                          claim_figure=rec.claim_figure, stories=rec.stories, timeline=rec.timeline)
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        written = write_report(export, f"{tmp}/report.html")
        elapsed = time.perf_counter() - t
        sizes = [Path(p).stat().st_size for p in written]
    print(f"{len(docs)} documents, {len(rec.figures)} figures, {len(rec.stories)} stories: report in {elapsed:.1f} s, "
          f"main page {sizes[0] / 2**20:.2f} MiB, {len(sizes) - 1} story pages {sum(sizes[1:]) / 2**20:.1f} MiB "
          f"(largest {max(sizes[1:], default=0) / 2**20:.2f} MiB)", flush=True)


def main(sizes: list[int]) -> None:
    print(f"{'claims':>9} {'docs':>8} {'seconds':>8} {'us/claim':>9} {'input MiB':>10} {'peak MiB':>9} "
          f"{'figures':>8} {'entities':>9} {'stories':>8}")
    prev: tuple[int, float] | None = None
    for n in sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True)
        claims, docs, secs, before, peak, figs, ents, stories = out.stdout.strip().split("\t")
        growth = ""
        if prev:
            growth = f"  x{float(secs) / max(prev[1], 1e-9):.1f} time for x{int(claims) / prev[0]:.0f} claims"
        print(f"{int(claims):>9} {int(docs):>8} {float(secs):>8.1f} {float(secs) / int(claims) * 1e6:>9.1f} "
              f"{float(before):>10.0f} {float(peak):>9.0f} {int(figs):>8} {int(ents):>9} {int(stories):>8}{growth}",
              flush=True)
        prev = (int(claims), float(secs))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        run_one(int(sys.argv[2]))
    elif len(sys.argv) >= 3 and sys.argv[1] == "--report":
        for n in sys.argv[2:]:
            report_size(int(n))
    else:
        main([int(a) for a in sys.argv[1:]] or [10_000, 100_000, 1_000_000])

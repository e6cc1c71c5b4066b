"""Train the speaker scorer: which candidate is the source of a number.

    pip install -e '.[train]'   # scikit-learn, for training only
    python training/train_speaker.py [--data FILE] [--out FILE] [--use] [--check]

``training/speaker_sentences.jsonl`` holds news sentences written for this project (never
copied from a corpus), one text per line with its numbers and the expected ``source`` (null:
the writer states it) and ``via``. Each text is run through the extractor; at each number the
candidates the grammar offers are recorded with their features and labelled by the expected
source. A logistic regression (scikit-learn) is fitted, and its coefficients are written as
plain JSON to ``src/claimgraph/data/speaker_model.json``.

Prints the accuracy of the scorer and of the rules (``attribution.prefer``) on a held-out fifth
of the texts and by 5-fold cross-validation over texts. ``--use`` marks the model to be used
by the extractor; without it the rules decide and the model ships for comparison.
``--check`` only reports the accuracy of the model already shipped.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from claimgraph.extract import attribution, speaker_model
from claimgraph.extract.candidates import Candidate
from claimgraph.extract.pipeline import Extractor
from claimgraph.model import Document

ROOT = Path(__file__).resolve().parents[1]
SEED = 0
FOLDS = 5


@dataclass
class Case:
    """One annotated number: its options with features, and which option is right."""
    text_id: str
    number: str
    gold: str | None
    options: list[Candidate]
    rows: list[dict[str, float]]
    rules: str | None  # the source name the rules choose


def norm(name: str | None) -> str:
    name = (name or "").lower().replace("’", "'")
    name = re.sub(r"'s\b|'", "", name)
    return re.sub(r"^(the|a|an)\s+", "", " ".join(name.split()))


def same(gold: str | None, got: str | None) -> bool:
    """Names match up to case, articles and possessives, or one contains the other."""
    a, b = norm(gold), norm(got)
    if not a or not b:
        return not a and not b
    return a == b or a in b or b in a


def settle(source: Any) -> str | None:
    """The source name as the extractor exports it ("reports", "sources": nobody)."""
    if source is None or source.kind == "unnamed" and source.name.lower() in attribution.UNNAMED:
        return None
    return str(source.name)


def collect(path: Path) -> list[Case]:
    """Run the extractor over every text, recording the candidates at each annotated number."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    seen: list[tuple[str, int, int, list[Candidate], list[dict[str, float]], str | None]] = []
    current = {"id": ""}
    decide = attribution.decide

    def recording(q: Any, sent: Any, cands: list[Candidate]) -> Any:
        opts = speaker_model.options(cands)
        feats = [speaker_model.features(c, q, sent, cands) for c in opts]
        ruled = attribution.prefer(cands)
        seen.append((current["id"], q.idx, q.idx + len(q), opts, feats, settle(ruled.source) if ruled else None))
        return decide(q, sent, cands)

    attribution.decide = recording  # type: ignore[assignment]
    extractor = Extractor()
    try:
        for r in rows:
            current["id"] = r["id"]
            list(extractor([Document(r["id"], r["text"], body=((0, len(r["text"])),))]))
    finally:
        attribution.decide = decide  # type: ignore[assignment]
    cases: list[Case] = []
    for r in rows:
        for n in r["numbers"]:
            start = r["text"].index(n["number"])
            end = start + len(n["number"])
            hits = [s for s in seen if s[0] == r["id"] and s[1] < end and start < s[2]]
            if not hits:
                continue  # not extracted as a number at all
            _, _, _, opts, feats, ruled = hits[0]
            cases.append(Case(r["id"], n["number"], n["source"], opts, feats, ruled))
    return cases


def labels(case: Case) -> list[int]:
    out = []
    for c in case.options:
        if c.kind == "none":
            out.append(int(case.gold is None))
        else:
            out.append(int(case.gold is not None and same(case.gold, settle(c.source))))
    return out


def fit(cases: list[Case]) -> tuple[DictVectorizer, LogisticRegression]:
    usable = [c for c in cases if any(labels(c))]  # the right answer is among the options
    feats = [f for c in usable for f in c.rows]
    ys = [y for c in usable for y in labels(c)]
    vec = DictVectorizer(sparse=False)
    x = vec.fit_transform(feats)
    clf = LogisticRegression(C=3.0, max_iter=2000, random_state=SEED)
    clf.fit(x, ys)
    return vec, clf


def as_json(vec: DictVectorizer, clf: LogisticRegression) -> dict[str, Any]:
    weights = {name: round(float(w), 6) for name, w in zip(vec.get_feature_names_out(), clf.coef_[0], strict=True)}
    return {"weights": dict(sorted(weights.items())), "intercept": round(float(clf.intercept_[0]), 6)}


def predict(model: dict[str, Any], case: Case) -> str | None:
    scores = [model["intercept"] + sum(model["weights"].get(k, 0.0) * v for k, v in f.items()) for f in case.rows]
    best = case.options[max(range(len(scores)), key=lambda i: (scores[i], -i))]
    return None if best.kind == "none" else settle(best.source)


def accuracy(cases: list[Case], model: dict[str, Any] | None) -> float:
    if not cases:
        return 0.0
    right = sum(same(c.gold, predict(model, c) if model else c.rules) for c in cases)
    return round(right / len(cases), 3)


def folds(cases: list[Case]) -> list[list[Case]]:
    """Cases split by text, so sentences of one text never sit on both sides."""
    ids = sorted({c.text_id for c in cases})
    return [[c for c in cases if ids.index(c.text_id) % FOLDS == k] for k in range(FOLDS)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(ROOT / "training/speaker_sentences.jsonl"))
    ap.add_argument("--out", default=str(ROOT / "src/claimgraph/data/speaker_model.json"))
    ap.add_argument("--use", action="store_true", help="mark the model to be used by the extractor")
    ap.add_argument("--check", action="store_true", help="only score the model already shipped")
    args = ap.parse_args()
    cases = collect(Path(args.data))
    parts = folds(cases)
    held, train = parts[0], [c for p in parts[1:] for c in p]
    reachable = sum(any(labels(c)) for c in cases)
    print(f"numbers annotated and extracted: {len(cases)}; right answer among the options: {reachable}")
    if args.check:
        shipped = speaker_model.model()
        print(json.dumps({"all_model": accuracy(cases, shipped), "all_rules": accuracy(cases, None)}))
        return 0
    model = as_json(*fit(train))
    cv_model = cv_rules = 0.0
    for k in range(FOLDS):
        rest = [c for j, p in enumerate(parts) if j != k for c in p]
        cv_model += accuracy(parts[k], as_json(*fit(rest))) * len(parts[k]) / len(cases)
        cv_rules += accuracy(parts[k], None) * len(parts[k]) / len(cases)
    report = {"heldout_numbers": len(held), "heldout_model": accuracy(held, model),
              "heldout_rules": accuracy(held, None), "cv_model": round(cv_model, 3), "cv_rules": round(cv_rules, 3)}
    print(json.dumps(report))
    final = as_json(*fit(cases))
    final.update({"_doc": "Speaker scorer: logistic regression weights over speaker_model.features; "
                          "trained by training/train_speaker.py on training/speaker_sentences.jsonl.",
                  "use": args.use, "numbers": len(cases), **report})
    Path(args.out).write_text(json.dumps(final, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

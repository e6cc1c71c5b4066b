"""Named entities: spaCy NER plus rules from a data file, with canonical names per document."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from importlib import resources
from typing import Any

from ..model import Entity, TextSpan

KEEP = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT", "WEAPON", "LAW"}
TITLES = re.compile(
    r"^(?:(?:U\.S\.|US|UK|EU|Russian|Ukrainian|South Korean|North Korean|Chinese|French|German|British|American|"
    r"former|then|acting|deputy|vice|chief|senior|top|the|Deputy|Vice|Chief|Senior|Former|Acting|"
    r"President|Prime Minister|Minister|Secretary|Defense Secretary|Defence Secretary|Foreign Minister|"
    r"Press Secretary|Pentagon|General|Gen\.|Lt\.|Col\.|Maj\.|Adm\.|Admiral|Colonel|Major|Captain|Sgt\.|"
    r"Dr\.|Mr\.|Mrs\.|Ms\.|Sen\.|Rep\.|Gov\.|Governor|Mayor|Senator|lawmaker|Lawmaker|Chancellor|Ambassador|"
    r"leader|dictator|director|spokesman|spokeswoman|officer|researcher|analyst|army|defense|defence)\s+)+")


def add_entity_ruler(nlp: Any) -> Any:
    """Add the rule-based recogniser (``data/entity_patterns.jsonl``) before the statistical NER."""
    if "entity_ruler" in nlp.pipe_names:
        return nlp
    ruler = nlp.add_pipe("entity_ruler", before="ner" if "ner" in nlp.pipe_names else None,
                         config={"overwrite_ents": True, "validate": True})
    import json

    text = resources.files("claimgraph").joinpath("data/entity_patterns.jsonl").read_text("utf-8")
    ruler.add_patterns([json.loads(line) for line in text.splitlines() if line.strip()])
    return nlp


def norm(name: str) -> str:
    s = name.replace("\u2019", "'").replace("-", " ")
    s = re.sub(r"'s$", "", s.strip())
    s = re.sub(r"^the\s+", "", s, flags=re.I)
    return re.sub(r"\s+", " ", s).strip().lower()


def strip_title(name: str) -> str:
    stripped = TITLES.sub("", name).strip()
    return stripped if stripped and stripped[0].isupper() else name


def _one_line(m: tuple[int, int, str, str]) -> tuple[int, int, str, str]:
    """A name never runs across a line break ("August.\nSocial Affairs Minister Dalia Prest"):
    keep its last line."""
    start, end, text, label = m
    if "\n" not in text:
        return m
    cut = text.rfind("\n") + 1
    return start + cut, end, text[cut:], label


def group_mentions(doc_id: str, mentions: Iterable[tuple[int, int, str, str]],
                   links: Iterable[tuple[str, str]] = ()) -> tuple[Entity, ...]:
    """Group (start, end, text, label) mentions of one document into entities.

    Same normalised name → one entity; a person's surname or a shorter
    "Kim" joins the longest full name that contains it; the canonical name is
    the longest form without a title.
    """
    groups: dict[str, list[tuple[int, int, str, str]]] = {}
    order: list[str] = []
    for m in sorted(_one_line(m) for m in mentions):
        key = norm(strip_title(m[2]))
        if not key or not any(ch.isupper() for ch in m[2]) and m[3] in ("PERSON", "ORG", "GPE", "LOC"):
            continue  # "mm", "archaic air-defense": the small model's stray names
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(m)
    # names the text gives as one another's alias ("Hwasong-11, known as KN-23")
    for a, b in links:
        ka, kb = norm(strip_title(a)), norm(strip_title(b))
        if ka in groups and kb in groups and ka != kb:
            groups[ka].extend(groups.pop(kb))
    # fold a PERSON's partial names into the full name ("Kim" → "Kim Jong Un"; "Austin" → "Lloyd Austin")
    persons = [k for k in order if k in groups and any(m[3] == "PERSON" for m in groups[k])]
    for short in sorted(persons, key=len):
        words = short.split()
        if len(words) > 1:
            continue
        longer = [k for k in persons if k != short and short in k.split() and k in groups]
        if len({*longer}) == 1 and short in groups:
            groups[longer[0]].extend(groups.pop(short))
    entities = []
    for n, key in enumerate((k for k in order if k in groups), 1):
        ms = groups[key]
        labels = [m[3] for m in ms]
        label = Counter(labels).most_common(1)[0][0]  # ties: the first seen (a set would pick at random)
        names = sorted({m[2] for m in ms}, key=lambda s: (-len(strip_title(s)), s))
        canonical = strip_title(names[0])
        aliases = tuple(sorted({x for x in names} | {strip_title(x) for x in names} - {canonical}))
        entities.append(Entity(
            id=f"{doc_id}:e{n}", name=canonical, type=label, aliases=tuple(a for a in aliases if a != canonical),
            mentions=tuple(TextSpan(doc_id, s, e) for s, e, _, _ in sorted(ms)),
        ))
    return tuple(entities)

"""Change: is a number a change ("rose by 300", "a 20% increase", "tripled") rather than a level?
Compiled from the ``changes`` part of ``data/qualifiers.json``.

:meth:`Changes.direction` gives "up", "down" or None from a change verb before the number, a
change noun after it (or before it with "of"/"by"), a comparative after it, or its sign.
"""
from __future__ import annotations

import re
from typing import Any

from ..lexicon import ordered, words
from .quantity_text import Num, Tok, alt, last_word, norm, suffix
from .units import PCT_LIKE

__all__ = ["ADVERBS", "CHANGE_STEMS", "Changes"]

# units for which verbs like "lost", "cut", "added" mark a change ("lost 5%", not "lost 500 soldiers")
_STRICT_OK = {"percent", "percentage_point", "basis_point", "point", "ratio", "cent", "penny", "kopek"}
# units for which causative verbs right before the number mark a change ("cut 0.25 points", "raised 5%")
_CAUSATIVE_OK = {"percent", "percentage_point", "basis_point", "point", "ratio"}
ADVERBS = words("change_adverbs")
_TWO_WORD_MODS = words("change_two_word_modifiers")
CHANGE_STEMS = ordered("change_stems")
_THAN_NEXT = re.compile(r"\s+than\b", re.I)


class Changes:
    """The compiled change verbs, nouns, comparatives and multipliers ("tripled": 3, up)."""

    def __init__(self, table: dict[str, Any]) -> None:
        self.verb_dir: dict[str, str] = {}
        self.noun_dir: dict[str, str] = {}
        self.strict_verbs: set[str] = set()
        self.causative: set[str] = set()
        self.strict_nouns: set[str] = set()
        for d in ("up", "down"):
            for v in table[d]["verbs"]:
                self.verb_dir.setdefault(norm(v), d)
            for n in table[d]["nouns"]:
                self.noun_dir.setdefault(norm(n), d)
            self.strict_verbs |= {norm(v) for v in table[d].get("verbs_strict", [])}
            self.causative |= {norm(v) for v in table[d].get("verbs_causative", [])}
            self.strict_nouns |= {norm(n) for n in table[d].get("nouns_strict", [])}
        self.verb_max = max(k.count(" ") + 1 for k in self.verb_dir)
        self.noun_max = max(k.count(" ") + 1 for k in self.noun_dir)
        self.re_noun_after = re.compile(
            r"(?:\s+(?:[a-z]+(?:-[a-z]+)+|[a-z]{3,}))?(?:\s+|-)(?P<n>" + alt(self.noun_dir) + r")\b(?!-)"
        )
        comp = table["comparatives"]
        self.comp_dir = {w: d for d in ("up", "down") for w in comp[d]}
        self.re_comp_after = re.compile(r"\s+(?P<c>" + alt(self.comp_dir) + r")\b")
        self.multipliers = {
            k.lower(): (float(v[0]), str(v[1])) for k, v in table["multipliers"].items() if not k.startswith("_")
        }

    def verb_before(self, toks: list[Tok]) -> tuple[str, bool] | None:
        """A change verb that the tokens end with, allowing "by" and one adverb: ("rose", by?)."""
        i = len(toks)
        by = i > 0 and last_word(toks) == "by"
        if by:
            i -= 1
        if i >= 2 and f"{last_word(toks[:i], 2)} {last_word(toks[:i])}" in _TWO_WORD_MODS:
            i -= 2
        elif i and (last_word(toks[:i]) in ADVERBS or (last_word(toks[:i]).endswith("ly") and len(last_word(toks[:i])) > 4)):
            i -= 1
        v = suffix(toks[:i], self.verb_dir, self.verb_max)
        return (v[0], by) if v else None

    def direction(self, seg: str, num: Num, unit: str, toks: list[Tok], end: int, no_right: bool,
                  cur_codes: set[str]) -> str | None:
        """ "up" / "down" when the number is a change: verb before, noun or comparative after."""
        strict_ok = unit in _STRICT_OK or unit in cur_codes
        vb = self.verb_before(toks)
        if vb:
            v, by = vb
            if by or (v in self.causative and unit in _CAUSATIVE_OK) or (
                v not in self.causative and (v not in self.strict_verbs or strict_ok)
            ):
                return self.verb_dir[v]
        if last_word(toks) == "by":  # "cut the workforce by 500", "increased its stake by 5%"
            for j in range(2, min(len(toks), 8) + 1):
                t = toks[-j][1]
                if t[-1:] in ".;:!?":
                    break
                v2 = suffix(toks[:len(toks) - j + 1], self.verb_dir, self.verb_max)
                if v2:
                    return self.verb_dir[v2[0]]
        if last_word(toks) in ("of", "by"):
            no = suffix(toks[:-1], self.noun_dir, self.noun_max)
            if no and (no[0] not in self.strict_nouns or strict_ok):
                return self.noun_dir[no[0]]
        if no_right and unit != "ratio":
            return None
        na = self.re_noun_after.match(seg, end)
        if na and not _THAN_NEXT.match(seg, na.end()):
            nn = na["n"].lower()
            if nn not in self.strict_nouns or strict_ok:
                return self.noun_dir[nn]
        if unit != "count" and not no_right:
            cp = self.re_comp_after.match(seg, end)
            if cp:
                return self.comp_dir[cp["c"]]
        if num.plus and unit in PCT_LIKE:
            return "up"
        if num.sign < 0 and unit in PCT_LIKE:
            return "down"
        return None

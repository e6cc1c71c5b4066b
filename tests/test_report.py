"""The single-file HTML report, rendered from a hand-built export (no NLP)."""
from __future__ import annotations

import copy
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from claimgraph.report import render_report, write_report
from claimgraph.report.charts import make_scale
from claimgraph.report.highlight import Span, render_spans
from claimgraph.report.numbers import fmt_claim, fmt_interval, parse_day


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text inside each element that has an id."""

    VOID = {"meta", "link", "br", "img", "input", "hr", "circle", "rect", "line", "polygon", "path"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: dict[str, str] = {}
        self.stack: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            ident = dict(attrs).get("id")
            self.stack.append(ident)
            if ident:
                self.text.setdefault(ident, "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        for ident in self.stack:
            if ident:
                self.text[ident] += data

    def ids(self) -> set[str]:
        return {a["id"] for _, a in self.tags if a.get("id")}


@pytest.fixture(scope="module")
def html(synthetic_export: dict[str, Any]) -> str:
    return render_report(synthetic_export)


@pytest.fixture(scope="module")
def tags(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    return parser


def test_hostile_text_is_escaped(html: str, tags: Tags) -> None:
    assert "<script" not in html.lower()
    assert not any(t == "img" for t, _ in tags.tags)
    assert not any(k.startswith("on") for _, a in tags.tags for k in a)
    assert "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in html  # shown as text, title and body
    assert "onerror=alert(1)&gt;" in html


def test_every_figure_and_claim_has_an_anchor_and_links_both_ways(synthetic_export: dict[str, Any],
                                                                  tags: Tags) -> None:
    ids = tags.ids()
    hrefs = {a["href"] for t, a in tags.tags if t == "a" and a.get("href")}
    for f in synthetic_export["figures"]:
        assert f"fig-{f['id']}" in ids
    for c in synthetic_export["claims"]:
        assert f"claim-{c['id']}" in ids
        assert f"#claim-{c['id']}" in hrefs  # figure → claim
        assert f"#fig-{c['figure']}" in hrefs  # claim → figure
    assert all(h[1:] in ids for h in hrefs if h.startswith("#"))  # no dangling anchor


def test_claim_marks_hold_exactly_the_claim_text(synthetic_export: dict[str, Any], tags: Tags) -> None:
    marks = {a["id"]: a for t, a in tags.tags if t == "mark" and a.get("id")}
    for c in synthetic_export["claims"]:
        assert "claim" in (marks[f"claim-{c['id']}"].get("class") or "")
        assert tags.text[f"claim-{c['id']}"] == c["text"]


def test_charts_summary_and_verdicts(synthetic_export: dict[str, Any], html: str) -> None:
    n_figs = len(synthetic_export["figures"])
    assert html.count('<svg class="chart interval"') == n_figs
    assert html.count('<svg class="chart time"') >= 3  # figures with two or more dated reports
    assert 'class="chart relay"' in html
    assert "log scale" in html  # repair: €4 million vs €2 billion
    assert "<polygon" in html  # open ends ("more than", "at least") drawn as arrows
    for verdict in ("conflict", "superseded", "consistent", "agree", "single_source"):
        assert f'class="badge v-{verdict}"' in html
    assert re.search(r"<dt>conflicts</dt><dd>2</dd>", html)
    assert html.index("fig-displaced") < html.index("fig-dead") < html.index("fig-aid")  # conflicts first


def test_debris_quotes_dates_and_timeline(html: str) -> None:
    assert 'class="debris debris-share_tags"' in html and 'class="debris debris-comment_prompt"' in html
    assert '<mark class="quote"' in html and '<mark class="date"' in html
    assert "when it happened" in html and "when it was said" in html
    assert "Other documents" in html  # note-1 is in no story


def test_no_external_resources(html: str, tags: Tags) -> None:
    for tag, attrs in tags.tags:
        for key in ("src", "href", "action", "srcset", "xlink:href"):
            value = attrs.get(key) or ""
            assert not re.match(r"^\s*(https?:)?//", value), (tag, key, value)
            assert not value.lower().startswith("javascript:"), (tag, key, value)
    assert "@import" not in html and "url(" not in html
    assert "https://news.example/ledger-42" in html  # article URLs stay as text


def test_without_stories_and_without_figures(synthetic_export: dict[str, Any], tmp_path: Path) -> None:
    bare = copy.deepcopy(synthetic_export)
    bare["stories"], bare["figures"], bare["timeline"] = [], [], []
    for c in bare["claims"]:
        c["figure"] = None
    out = tmp_path / "sub" / "report.html"
    write_report(bare, str(out))
    text = out.read_text(encoding="utf-8")
    assert "All documents" in text and "No figures." in text
    assert render_report({"schema": "claimgraph/1"}).startswith("<!doctype html>")


def test_crossing_spans_nest_and_keep_the_id_on_the_first_piece() -> None:
    text = "aaa <b> bbb ccc"
    spans = [Span(0, 11, "quote", {"class": "quote"}), Span(4, 15, "claim", {"class": "claim"}, {"id": "c1"})]
    out = str(render_spans(text, spans))
    assert out.count('id="c1"') == 1 and "&lt;b&gt;" in out
    assert out.count("<mark") == out.count("</mark>") == 3


def test_numbers() -> None:
    assert fmt_interval(40, None, "count") == "≥ 40"
    assert fmt_interval(8.1e8, 9.9e8, "EUR") == "€810 million – €990 million"
    assert fmt_claim({"value": 1.2e9, "low": 0, "high": 1.2e9, "unit": "EUR", "qualifier": "up_to"}) == \
        "up to €1.2 billion"
    assert fmt_claim({"value": 60, "low": 54, "high": 60, "unit": "percent", "qualifier": "nearly"}) == "nearly 60%"
    assert parse_day("2025-10-13") == parse_day("2025-10-13T00:00:00")
    assert parse_day("not a date") is None
    assert make_scale([4e6, 2e9], 0, 100).log and not make_scale([40, 61], 0, 100).log


def _parse(path: Path) -> Tags:
    parser = Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_a_large_corpus_gets_a_main_page_and_one_page_per_story(synthetic_export: dict[str, Any],
                                                                 tmp_path: Path) -> None:
    """Past ``split_docs`` documents: stories and the figures of two or more claims on the main
    page, each story on its own page in a folder beside it; every link from either resolves to an
    anchor that exists."""
    out = tmp_path / "report.html"
    written = write_report(synthetic_export, str(out), split_docs=0)
    folder = tmp_path / "report_stories"
    assert written[0] == str(out) and len(written) > 1
    assert (folder / "report.css").exists()
    pages = {Path(p).name: _parse(Path(p)) for p in written[1:]}
    main = _parse(out)
    for where, parser, base in [(out, main, tmp_path)] + [(folder / n, t, folder) for n, t in pages.items()]:
        for tag, attrs in parser.tags:
            href = attrs.get("href") or ""
            if tag != "a" or not href or href.startswith(("http", "mailto")):
                continue
            target, _, anchor = href.partition("#")
            page = (base / target).resolve() if target else where
            assert page.exists(), (where, href)
            if anchor:
                ids = main.ids() if page == out.resolve() else _parse(page).ids()
                assert anchor in ids, (where, href)
    fig_ids = {f["id"] for f in synthetic_export["figures"]}
    shared = {f["id"] for f in synthetic_export["figures"] if len(f["claims"]) > 1}
    main_text = out.read_text(encoding="utf-8")
    assert shared and all(f"#fig-{f}" in main_text for f in shared)  # figures of 2+ claims on the main page
    assert not any(f"#fig-{f}" in main_text for f in fig_ids - shared)  # one-claim figures on story pages
    assert not any(f'id="doc-{d["id"]}"' in main_text for d in synthetic_export["documents"])  # no texts there
    assert all(any(f"fig-{f}" in t.ids() for t in pages.values()) for f in fig_ids)

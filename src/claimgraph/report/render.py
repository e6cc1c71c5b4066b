"""The Jinja2 environment (autoescape always on) and the single-file report."""
from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, Environment, FileSystemLoader, StrictUndefined

from .ledger import REPORT_LINKS, VERDICT_COLOUR, VERDICT_HELP, VERDICT_LABEL, VERDICT_ORDER, Ledger, Links
from .numbers import fmt_date
from .views import figure_row, section_summary, section_view, section_views, story_row, summary

TEMPLATES = Path(__file__).parent / "templates"


def configure(env: Environment) -> Environment:
    """Filters and globals the report and the web templates share."""
    env.filters["date"] = fmt_date
    env.filters["verdict_label"] = lambda v: VERDICT_LABEL.get(v, v)
    env.globals.update(VERDICT_HELP=VERDICT_HELP, VERDICT_LABEL=VERDICT_LABEL, VERDICT_COLOUR=VERDICT_COLOUR,
                       VERDICTS=sorted(VERDICT_ORDER, key=VERDICT_ORDER.__getitem__))
    return env


def make_env(loader: BaseLoader) -> Environment:
    env = Environment(loader=loader, autoescape=True, undefined=StrictUndefined, trim_blocks=True,
                      lstrip_blocks=True)
    return configure(env)


@cache
def environment() -> Environment:
    return make_env(FileSystemLoader(str(TEMPLATES)))


def render_report(export: dict[str, Any]) -> str:
    """The report as one HTML string: inline CSS and SVG, no scripts, nothing fetched."""
    ledger = Ledger(export)
    sections = section_views(ledger, REPORT_LINKS)
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    return environment().get_template("report.html.j2").render(
        summary=summary(ledger), sections=sections, css=css, single=len(sections) == 1)


SPLIT_DOCS = 300  # above this many documents: a main page and a folder with one page per story


def write_report(export: dict[str, Any], path: str, *, split_docs: int = SPLIT_DOCS) -> list[str]:
    """Write the report to ``path``: one file for a small corpus; for a large one, a main page
    (summary, stories, figures) and beside it a folder ``<name>_stories/`` with one page per
    story and the style sheet. Returns the files written."""
    from ..output import write_text_atomic

    if len(export.get("documents") or ()) <= split_docs:
        write_text_atomic(path, render_report(export))
        return [path]
    return _write_split(export, Path(path))


def _write_split(export: dict[str, Any], path: Path) -> list[str]:
    import shutil
    import tempfile

    from ..output import write_text_atomic

    ledger = Ledger(export)
    secs = ledger.sections()
    folder = path.with_name(f"{path.stem}_stories")
    page = {sec.id: f"story-{k}.html" for k, sec in enumerate(secs, 1)}
    doc_page = {d["id"]: page[sec.id] for sec in secs for d in sec.documents}
    fig_page = {f["id"]: page[sec.id] for sec in secs for f in sec.figures}

    def links(prefix: str) -> Links:
        return Links(claim=lambda c: f"{prefix}{doc_page.get(c['doc'], '')}#claim-{c['id']}",
                     figure=lambda f: f"{prefix}{fig_page.get(f, '')}#fig-{f}",
                     document=lambda d: f"{prefix}{doc_page.get(d, '')}#doc-{d}")

    env = environment()
    inside, outside = links(""), links(f"{folder.name}/")
    home = f"../{path.name}"
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=path.parent))
    try:
        shutil.copyfile(TEMPLATES / "report.css", tmp / "report.css")
        story_page = env.get_template("report.html.j2")
        for sec in secs:
            view = section_view(ledger, sec, inside)
            (tmp / page[sec.id]).write_text(story_page.render(
                summary=section_summary(view), sections=[view], css="", css_href="report.css", home=home,
                single=True), encoding="utf-8")
        if folder.exists():
            shutil.rmtree(folder)
        tmp.rename(folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    # the main page lists the figures that more than one claim states; one-claim figures are on
    # their story's page (at 10k news documents they are four in five and would make it 12 MB)
    figures = [figure_row(ledger, f, outside) for f in ledger.ordered if len(f.get("claims") or ()) > 1]
    stories = [story_row(ledger, sec, f"{folder.name}/{page[sec.id]}") for sec in secs]
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    write_text_atomic(path, env.get_template("index.html.j2").render(
        summary=summary(ledger), stories=stories, figures=figures, css=css,
        single_claim=len(ledger.ordered) - len(figures)))
    return [str(path), *(str(folder / page[sec.id]) for sec in secs)]

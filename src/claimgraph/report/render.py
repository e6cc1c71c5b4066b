"""The Jinja2 environment (autoescape always on) and the single-file report."""
from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, Environment, FileSystemLoader, StrictUndefined

from .ledger import REPORT_LINKS, VERDICT_COLOUR, VERDICT_HELP, VERDICT_LABEL, VERDICT_ORDER, Ledger
from .numbers import fmt_date
from .views import section_views, summary

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


def write_report(export: dict[str, Any], path: str) -> None:
    from ..output import write_text_atomic

    write_text_atomic(path, render_report(export))

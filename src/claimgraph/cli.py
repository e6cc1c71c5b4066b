"""The ``claimgraph`` command line: thin commands over ``claimgraph.api``."""
from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from . import api
from .errors import ClaimgraphError
from .extract.nlp import DEFAULT_MODEL
from .store.connect import is_file
from .store.connect import open_store as connect
from .store.protocol import Store

PROGRESS_MIN = 20  # show a progress bar from this many documents on


def db_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--db", default="claimgraph.db", show_default=True, envvar="CLAIMGRAPH_DB",
                        help="SQLite database file, or a PostgreSQL URL (postgresql://user@host/dbname).")(f)


def quiet_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary.")(f)


def input_options(f: Callable[..., Any]) -> Callable[..., Any]:
    for opt in reversed([
        click.argument("inputs", nargs=-1, required=True),
        click.option("--manifest", type=click.Path(dir_okay=False), help="JSON object: document id → metadata."),
        click.option("--fetch", is_flag=True, help="Fetch the pages that feed entries link to."),
        click.option("--allow-private", is_flag=True, help="Allow URLs on private or loopback addresses."),
        click.option("--timeout", default=20.0, show_default=True, help="Seconds to wait for a URL."),
        click.option("--model", default=DEFAULT_MODEL, show_default=True, envvar="CLAIMGRAPH_MODEL",
                     help="spaCy pipeline: an installed package name or a path."),
        click.option("--measures", type=click.Path(exists=True, dir_okay=False),
                     help="Your own measure vocabulary (JSON, like data/measures.json)."),
        click.option("--processes", "n_process", default=min(2, os.cpu_count() or 1), show_default=True,
                     help="Worker processes for the NLP stage (used from 40 documents on)."),
    ]):
        f = opt(f)
    return f


def require_store(path: str) -> None:
    """Refuse a store file that does not exist: opening it would create an empty one."""
    if is_file(path) and not Path(path).exists():
        raise click.ClickException(
            f"no store at {Path(path).resolve()}. Build one first: claimgraph analyze FILES… --db {path}")


@contextmanager
def open_store(path: str, *, create: bool = False) -> Iterator[Store]:
    """Open the store at ``path`` (a file or a URL); only ``create`` may make a new file, and says so on stderr."""
    if not create:
        require_store(path)
    new = is_file(path) and not Path(path).exists()
    try:
        store = connect(path)
    except ClaimgraphError as exc:
        raise click.ClickException(str(exc)) from exc
    if new:
        click.echo(f"Created a new store: {Path(path).resolve()}", err=True)
    try:
        yield store
    finally:
        store.close()


class Bar:
    """A rich progress bar on stderr, shown only for long runs and never with -q."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.progress: Any = None
        self.tasks: dict[str, Any] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.quiet or max(done, total) < PROGRESS_MIN:
            return
        if self.progress is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                     TimeElapsedColumn(), console=Console(stderr=True), transient=True)
            self.progress.start()
        if stage not in self.tasks:
            self.tasks[stage] = self.progress.add_task(stage, total=total or None)
        self.progress.update(self.tasks[stage], completed=done, total=total or None)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()


def _config(kw: dict[str, Any]) -> api.RunConfig:
    return api.RunConfig(manifest=kw["manifest"], fetch=kw["fetch"], allow_private=kw["allow_private"],
                         model=kw["model"], measures=kw["measures"], n_process=kw["n_process"], timeout=kw["timeout"])


def _report_errors(errors: Sequence[ClaimgraphError], warnings: Sequence[ClaimgraphError] = ()) -> None:
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    for err in errors:
        click.echo(f"error: {err}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="claimgraph")
def main() -> None:
    """claimgraph: a cross-checked ledger of the figures in news articles.

    Who states which number, on whose authority, relayed by whom; where
    sources agree or conflict; how many independent origins stand behind it.
    """


@main.command()
@input_options
@db_option
@quiet_option
@click.option("--json", "json_out", help="Write the claimgraph/1 JSON export here ('-' for stdout).")
@click.option("--html", "html_out", help="Write the HTML report here (one file; past 300 documents, a main page "
              "and a folder NAME_stories/ of story pages beside it).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Where the NLP runs: local processes, or a Ray cluster (needs claimgraph[ray]).")
@click.option("--address", help="With --engine ray: 'auto' or ray://host:10001 joins a running cluster; "
                                 "without it a local Ray starts with --processes CPUs.")
@click.option("--full-reconcile", is_flag=True,
              help="Rebuild every story and figure, not only those the new documents touch (ids persist).")
def analyze(db: str, quiet: bool, json_out: str | None, html_out: str | None, inputs: tuple[str, ...],
            engine: str, address: str | None, full_reconcile: bool, **kw: Any) -> None:
    """Ingest INPUTS (files, folders, feeds, URLs, '-' for stdin), extract, reconcile and export.

    The export covers the documents of this run; the store keeps everything.
    """
    if address and engine != "ray":
        raise click.UsageError("--address is for --engine ray.")
    bar = Bar(quiet)
    with open_store(db, create=True) as store:
        try:
            config = replace(_config(kw), engine=engine, address=address, full_reconcile=full_reconcile)
            result = api.analyze(list(inputs), store, config=config, progress=bar)
        except ClaimgraphError as exc:  # Ray missing or unreachable: nothing was extracted
            raise click.ClickException(str(exc)) from exc
        finally:
            bar.close()
        _report_errors(result.errors, result.warnings)
        if result.export is None:
            sys.exit(1)
        if json_out:
            api.write_json(result.export, json_out)
        if html_out:
            from .report import write_report

            write_report(result.export, html_out)
        if not quiet:
            e = result.export
            click.echo(
                f"{len(e['documents'])} documents ({len(result.added)} new), {len(e['claims'])} claims, "
                f"{len(e['figures'])} figures, {len(e['stories'])} stories → {db}", err=True)
            for label, path in (("JSON", json_out), ("HTML report", html_out)):
                if path and path != "-":
                    click.echo(f"{label}: {path}", err=True)
        if result.errors:
            click.echo(f"{len(result.errors)} input(s) failed; the others were stored.", err=True)
            sys.exit(1)


@main.command()
@input_options
@db_option
@quiet_option
def ingest(db: str, quiet: bool, inputs: tuple[str, ...], **kw: Any) -> None:
    """Read, clean and store INPUTS without extracting."""
    bar = Bar(quiet)
    result = api.RunResult()
    with open_store(db, create=True) as store:
        try:
            api.ingest(list(inputs), store, config=_config(kw), result=result, progress=bar)
        except ClaimgraphError as exc:
            result.errors.append(exc)
        finally:
            bar.close()
        _report_errors(result.errors, result.warnings)
        if not quiet:
            click.echo(f"{len(result.documents)} documents read, {len(result.added)} new or changed → {db}", err=True)
    if result.errors:
        sys.exit(1)


@main.command()
@db_option
@quiet_option
@click.option("--full", is_flag=True, help="Rebuild every entity, story and figure (ids still persist).")
def reconcile(db: str, quiet: bool, full: bool) -> None:
    """Reconcile the store: by default only the stories that new documents join, and their figures.

    A full rebuild runs anyway when the store has no reconcile state yet, when a reconciled
    document or the extractor version changed, or when the new documents outnumber the old.
    """
    with open_store(db) as store:
        mode, _read = api.reconcile_mode(store, full=full)
        if not quiet:
            click.echo(f"reconcile: {mode}; {store.count('figures')} figures, {store.count('stories')} stories "
                       f"→ {db}", err=True)


FORMATS = ("json", "csv", "parquet", "graphml")


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True,
              help="json: the claimgraph/1 export; csv / parquet: documents, claims, figures and stories "
                   "tables in a folder; graphml: the relay graph.")
@click.option("--out", help="Output: a file for json and graphml ('-' for stdout), a folder for csv and parquet.")
@click.option("--json", "json_out", default="-", show_default=True,
              help="Output file of the JSON export ('-' for stdout); --out takes precedence.")
@click.option("--doc", "docs", multiple=True, help="Only these document ids (repeatable).")
@click.option("--reconcile/--no-reconcile", default=True, show_default=True,
              help="Extract what is pending and reconcile before exporting.")
@click.option("--model", default=DEFAULT_MODEL, show_default=True, envvar="CLAIMGRAPH_MODEL")
def export(db: str, fmt: str, out: str | None, json_out: str, docs: tuple[str, ...], reconcile: bool,
           model: str) -> None:
    """Write the store as the claimgraph/1 JSON, as CSV or Parquet tables, or as a GraphML relay graph."""
    if fmt in ("csv", "parquet") and (not out or out == "-"):
        raise click.UsageError(f"--format {fmt} writes four files: give a folder with --out DIR.")
    if fmt == "graphml" and not out:
        raise click.UsageError("--format graphml: give a file with --out FILE ('-' for stdout).")
    with open_store(db) as store:
        if reconcile:
            api.extract(store, config=api.RunConfig(model=model))
            api.reconcile(store)
        data = api.export(store, list(docs) or None)
    if fmt == "json":
        api.write_json(data, out or json_out)
        return
    if fmt == "graphml":
        from .graphml import write_graphml

        write_graphml(data, str(out))
        if out != "-":
            click.echo(f"GraphML: {out}", err=True)
        return
    from .tables import write_csv, write_parquet

    try:
        paths = (write_csv if fmt == "csv" else write_parquet)(data, str(out))
    except ImportError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{fmt}: " + ", ".join(str(p) for p in paths), err=True)


@main.command()
@db_option
@click.option("--verdict", type=click.Choice(["agree", "consistent", "conflict", "superseded", "single_source"]))
@click.option("--entity", help="Only figures whose claims mention this entity (name or alias).")
@click.option("--measure", help="Only this measure (killed, deployed, supplied, …).")
@click.option("--json", "as_json", is_flag=True, help="JSON lines instead of a table.")
def figures(db: str, verdict: str | None, entity: str | None, measure: str | None, as_json: bool) -> None:
    """List figures: the same measure of the same thing across sources."""
    from .present import figure_rows

    with open_store(db) as store:
        rows = figure_rows(store, verdict=verdict, entity=entity, measure=measure)
    _print_rows(rows, as_json, ("id", "verdict", "label", "range", "claims", "origins"))


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="JSON lines instead of a table.")
def stories(db: str, as_json: bool) -> None:
    """List stories: documents about the same events."""
    from .labels import document_label

    with open_store(db) as store:
        rows = []
        for s in store.stories():
            first = store.document(s.documents[0]) if s.documents and s.label in ("", s.id) else None
            label = document_label(first) if first else s.label  # a story labelled by its id: its first document
            rows.append({"id": s.id, "label": label, "documents": len(s.documents), "ids": " ".join(s.documents)})
    _print_rows(rows, as_json, ("id", "label", "documents", "ids"))


@main.command()
@db_option
@click.option("--html", "html_out", default="claimgraph-report.html", show_default=True)
def report(db: str, html_out: str) -> None:
    """Write the HTML report of the store (past 300 documents: a main page and a folder of story pages)."""
    from .report import write_report

    with open_store(db) as store:
        write_report(api.export(store), html_out)
    click.echo(f"HTML report: {html_out}", err=True)


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True)
@click.option("--token", envvar="CLAIMGRAPH_TOKEN", help="Token required for writes (needed off loopback).")
def serve(db: str, host: str, port: int, token: str | None) -> None:
    """Serve the web app and JSON API over the store."""
    import uvicorn

    from .web import create_app

    require_store(db)
    try:
        app = create_app(db, host=host, token=token, warm=True)
    except ClaimgraphError as exc:  # an unreachable server, a store that cannot be opened
        raise click.ClickException(str(exc)) from exc
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    uvicorn.run(app, host=host, port=port)


@main.command()
@db_option
@click.option("--once", is_flag=True, help="Run the jobs queued now, then stop (default: wait for more).")
@click.option("--poll", default=2.0, show_default=True, help="Seconds between looks at an empty queue.")
@click.option("--model", default=DEFAULT_MODEL, show_default=True, envvar="CLAIMGRAPH_MODEL")
@click.option("--timeout", default=20.0, show_default=True, help="Seconds to wait for a URL.")
def worker(db: str, once: bool, poll: float, model: str, timeout: float) -> None:
    """Run the jobs the web app queued (uploads): ingest, extract, reconcile. Any number of workers
    and web processes can share one store; each job runs once."""
    from .jobs import work

    with open_store(db) as store:
        ran = work(db, config=api.RunConfig(model=model, timeout=timeout), once=once, poll=poll, store=store)
    click.echo(f"{ran} job{'' if ran == 1 else 's'} run", err=True)


def _print_rows(rows: list[dict[str, Any]], as_json: bool, cols: tuple[str, ...]) -> None:
    if as_json:
        import json

        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(*cols)
    for r in rows:
        table.add_row(*(str(r.get(c, "")) for c in cols))
    Console().print(table)
    if not rows:
        click.echo("(none)", err=True)


if __name__ == "__main__":
    main()

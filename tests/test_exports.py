"""CSV, Parquet and GraphML exports load in pandas and networkx, with the columns the README documents."""
from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from claimgraph.cli import main
from claimgraph.tables import COLUMNS

pd = pytest.importorskip("pandas")
nx = pytest.importorskip("networkx")
README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def documented_columns(table: str) -> list[str]:
    """The column names of the README's table for ``<table>.csv``, in order."""
    section = README.split(f"`{table}.csv`:", 1)[1]
    rows = re.findall(r"^\| `([a-z_]+)` \|", section.split("\n\n", 2)[1], flags=re.M)
    assert rows, f"no column table for {table}.csv in the README"
    return rows


@pytest.fixture
def db(synthetic_db: str, tmp_path: Path) -> str:
    copy = tmp_path / "copy.db"
    shutil.copy(synthetic_db, copy)
    return str(copy)


def export(db: str, *args: str) -> None:
    result = CliRunner().invoke(main, ["export", "--db", db, "--no-reconcile", *args])
    assert result.exit_code == 0, result.output


def test_csv_tables_load_in_pandas_with_the_documented_columns(db: str, tmp_path: Path,
                                                                 synthetic_export: dict[str, Any]) -> None:
    out = tmp_path / "ledger"
    export(db, "--format", "csv", "--out", str(out))
    frames = {name: pd.read_csv(out / f"{name}.csv", keep_default_na=False) for name in COLUMNS}
    for name, frame in frames.items():
        assert list(frame.columns) == documented_columns(name) == [c.name for c in COLUMNS[name]]
        assert len(frame) == len(synthetic_export[name]), name
    claims = frames["claims"].set_index("id")
    insider = claims[claims["quantity"] == "Only 3,000 people were displaced"].iloc[0]
    assert (insider["value"], insider["unit"], insider["origin"], insider["figure"]) == (3000, "count",
                                                                                      "council insider", "displaced")
    aid = claims[claims["figure"] == "aid"]
    assert set(aid["via"]) == {"MPA"} and set(aid["outlet"]) == {"The Exchange Herald", "VBC News"}
    figures = frames["figures"].set_index("id")
    assert figures.loc["displaced", "verdict"] == "conflict"
    assert figures.loc["displaced", "independent_origins"] == 3 and figures.loc["displaced", "claims"] == 3
    assert figures.loc["dead", "range"] == "61"
    documents = frames["documents"].set_index("id")
    assert documents.loc["wire-1", "claims"] == 3 and documents.loc["wire-1", "story"] == "kessel"
    assert documents.loc["note-1", "story"] == ""
    stories = frames["stories"].set_index("id")
    assert stories.loc["kessel", "documents"] == 5 and stories.loc["kessel", "conflicts"] == 2


def test_parquet_tables_are_typed(db: str, tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    out = tmp_path / "pq"
    export(db, "--format", "parquet", "--out", str(out))
    claims = pd.read_parquet(out / "claims.parquet")
    assert list(claims.columns) == documented_columns("claims")
    assert str(claims["value"].dtype) == "float64" and str(claims["start"].dtype) == "int64"
    assert str(claims["vague"].dtype) == "bool"
    figures = pd.read_parquet(out / "figures.parquet").set_index("id")
    assert figures.loc["repair", "high"] == 2e9 and figures.loc["displaced", "first_reported"] == "2025-10-13"


def test_graphml_relay_graph_loads_in_networkx(db: str, tmp_path: Path) -> None:
    out = tmp_path / "relays.graphml"
    export(db, "--format", "graphml", "--out", str(out))
    graph = nx.read_graphml(out)
    assert graph.is_directed()
    by_label = {d["label"]: n for n, d in graph.nodes(data=True)}
    bank, mpa = by_label["Northern Development Bank"], by_label["MPA"]
    herald, vbc = by_label["The Exchange Herald"], by_label["VBC News"]
    assert graph.nodes[bank]["role"] == "source" and graph.nodes[mpa]["role"] == "intermediary"
    assert graph.nodes[herald]["role"] == "outlet"
    # two reports of the $300 million: the bank told MPA, which two outlets relayed
    assert graph.edges[bank, mpa]["weight"] == 2 and graph.edges[bank, mpa]["label"] == "relayed by"
    assert graph.edges[mpa, herald]["weight"] == 1 and graph.edges[mpa, vbc]["weight"] == 1
    assert graph.edges[mpa, vbc]["figures"] == 1
    assert not set(by_label) & {"wire-1", "ledger-42", "blaze-1", "vbc-61", "herald-1", "note-1"}


def test_table_formats_need_a_folder(db: str) -> None:
    for fmt in ("csv", "parquet", "graphml"):
        result = CliRunner().invoke(main, ["export", "--db", db, "--no-reconcile", "--format", fmt])
        assert result.exit_code == 2 and "--out" in result.output, fmt

"""Duplicate links made per upload against the stored band index equal a whole-store pass,
an upload signs only what it adds, and the signatures are datasketch's."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from claimgraph import api
from claimgraph.ingest import dedup
from claimgraph.store.sqlite import Store

WORDS = ("river dam council bridge flood ferry market harbour grain tower school road levee village pump "
         "rescue boat storm valley mayor clinic truck siren field barn roof wall canal lock gate").split()


def article(rng: random.Random, n: int = 120) -> str:
    return " ".join(rng.choice(WORDS) + str(rng.randint(0, 40)) for _ in range(n))


def near_copy(rng: random.Random, text: str) -> str:
    words = text.split()
    for i in rng.sample(range(len(words)), 3):  # a few words changed: Jaccard stays well above 0.7
        words[i] = "edited" + str(i)
    return " ".join(words)


def corpus(seed: int) -> list[dict[str, str]]:
    """Originals, near copies and exact copies, with dates that put some copies before their source."""
    rng = random.Random(seed)
    rows = []
    for g in range(12):
        base = article(rng)
        rows.append({"id": f"g{g}-a", "text": base, "published": f"2025-03-{rng.randint(1, 28):02d}"})
        for k in range(rng.randint(0, 3)):
            text = base if rng.random() < 0.3 else near_copy(rng, base)
            rows.append({"id": f"g{g}-c{k}", "text": text, "published": f"2025-03-{rng.randint(1, 28):02d}"})
    return rows


def ingest(store: Store, folder: Path, name: str, rows: list[dict[str, str]]) -> None:
    path = folder / f"{name}.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    api.ingest([str(path)], store, config=api.RunConfig(), result=api.RunResult())


def links(store: Store) -> dict[str, str]:
    return {d.id: d.duplicate_of for d in store.documents() if d.duplicate_of}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_uploads_in_any_order_link_as_a_whole_store_pass_does(tmp_path: Path, seed: int) -> None:
    rows = corpus(seed)
    random.Random(seed).shuffle(rows)
    with Store(tmp_path / "x.db") as store:
        for i in range(0, len(rows), 4):
            ingest(store, tmp_path, f"part{i}", rows[i:i + 4])
        got = links(store)
        assert got == dedup.find_duplicates(store.documents())
    assert got  # the corpus has copies: the test can fail


def test_an_upload_signs_only_what_it_adds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = corpus(4)
    with Store(tmp_path / "x.db") as store:
        ingest(store, tmp_path, "all", rows)
        signed: list[str] = []
        real = dedup.signature
        monkeypatch.setattr(dedup, "signature", lambda d: signed.append(d.id) or real(d))
        ingest(store, tmp_path, "one", [{"id": "late-copy", "text": rows[0]["text"] + " extra", "published": "2025-04-01"}])
        assert signed == ["late-copy"]
        assert links(store)["late-copy"] == (links(store).get(rows[0]["id"]) or rows[0]["id"])


def test_a_store_without_signatures_is_signed_once_then_linked(tmp_path: Path) -> None:
    rows = corpus(5)
    with Store(tmp_path / "x.db") as store:
        ingest(store, tmp_path, "all", rows)
        want = links(store)
        with store.transaction():  # as a store made before signatures were kept
            store.db.execute("DELETE FROM lsh_bands")
            store.db.execute("DELETE FROM signatures")
            store.db.execute("UPDATE documents SET duplicate_of = NULL")
        ingest(store, tmp_path, "more", [{"id": "fresh", "text": "a new piece about the ferry pier", "published": "2025-05-01"}])
        assert links(store) == want
        assert store.unsigned_documents() == []


def test_a_changed_original_frees_its_copies(tmp_path: Path) -> None:
    rng = random.Random(6)
    base = article(rng)
    with Store(tmp_path / "x.db") as store:
        ingest(store, tmp_path, "a", [{"id": "orig", "text": base, "published": "2025-01-01"},
                                      {"id": "copy", "text": near_copy(rng, base), "published": "2025-01-02"}])
        assert links(store) == {"copy": "orig"}
        ingest(store, tmp_path, "b", [{"id": "orig", "text": article(rng), "published": "2025-01-01"}])
        assert links(store) == {}


def test_signatures_and_bands_are_datasketchs() -> None:
    datasketch = pytest.importorskip("datasketch")
    if int(datasketch.__version__.split(".")[0]) < 2:
        pytest.skip("datasketch 2 (its affine32 MinHash) is the reference")
    lsh = datasketch.MinHashLSH(threshold=dedup.LSH_THRESHOLD, num_perm=dedup.NUM_PERM)
    assert (lsh.b, lsh.r) == (dedup.BANDS, dedup.ROWS)
    rng = random.Random(11)
    for n in (0, 1, 4, 5, 6, 60, 700):
        shingles = dedup._shingles(article(rng, n))
        reference = datasketch.MinHash(num_perm=dedup.NUM_PERM)
        reference.update_batch(list(shingles))
        assert dedup.minhash(shingles).tolist() == reference.hashvalues.tolist(), n

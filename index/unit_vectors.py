"""Embeddings of the answerer's units (sentences, points, table rows), made at build, saved with the index.

The answerer ranks the units of the retrieved passages (:func:`retriever.qa.scoring.rank_units`) by the
question words they print; a question that says the same thing in other words shares few of them with
the sentence that answers it. The cosine of the question's e5 vector (the one the search has just made)
and each unit's e5 vector is the semantic half of that ranking.

Cutting units reads the documents (:class:`retriever.qa.units.UnitIndex`, ~1 s at 121 documents) and
embedding ~22,000 of them takes minutes, so both happen at build: the vectors go through the shared
embedding cache (:mod:`index.embedding_cache`, the passage identity: a unit is embedded as a passage,
"passage: " + its text), and are saved in the version folder as ``unit_vectors.npy`` (float16, one row per
distinct unit text) beside ``unit_vectors.json`` (the documents, and each unit's document, start, end and
row), the format versioned in the manifest (``unit_vectors_version``). An index without them (older, or a
backend that does not store them) loads and answers as before: the dense unit feature is then 0.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any

import numpy as np

UNIT_VECTORS_FILE = "unit_vectors.npy"
UNIT_TABLE_FILE = "unit_vectors.json"
# Bump when the files' layout or what a unit vector embeds changes.
UNIT_VECTORS_VERSION = 1

log = logging.getLogger(__name__)


def unit_text(text: str, start: int, end: int) -> str:
    """What the embedding model reads for a unit: its text as printed (the tokenizer reads a line break as a space)."""
    return text[start:end]


def _hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def collect_units(store, units=None) -> tuple[list[str], list[tuple[str, int, int]]]:
    """Every distinct unit of ``store``'s passages: (its text as embedded, its (doc_id, start, end)).
    ``units``: the store's :class:`retriever.qa.units.UnitIndex` when one is at hand."""
    if units is None:
        from retriever.qa.units import UnitIndex

        units = UnitIndex(store)
    spans: dict[tuple[str, int, int], None] = {}
    for row in range(len(store.chunks)):
        for unit in units.units_of(row):
            spans.setdefault((unit.doc_id, unit.start, unit.end), None)
    keys = list(spans)
    texts = [unit_text(store.documents[d].text, s, e) for d, s, e in keys]
    return texts, keys


def build_unit_vectors(store, embedder, cache=None, reuse: dict[str, np.ndarray] | None = None,
                       progress: bool = False) -> dict[str, Any]:
    """The unit table of ``store`` (see :func:`write_unit_vectors`; ``embedded_now``: how many units were
    embedded now, not saved).

    A unit's vector comes from ``reuse`` (text hash → vector: an older version's), else from ``cache`` (an
    :class:`index.embedding_cache.EmbeddingCache` of ``embedder``'s passage identity), else is embedded
    (and added to the cache)."""
    texts, keys = collect_units(store)
    hashes = [_hash(t) for t in texts]
    distinct = list(dict.fromkeys(hashes))
    known: dict[str, np.ndarray] = {h: reuse[h] for h in distinct if reuse and h in reuse}
    if cache is not None:
        known.update(cache.get(h for h in distinct if h not in known))
    first_text = dict(zip(hashes, texts))
    missing = [h for h in distinct if h not in known]
    if missing:
        fresh = embedder.encode_passages([first_text[h] for h in missing], show_progress=progress)
        fresh_by_hash = dict(zip(missing, fresh))
        if cache is not None:
            cache.put(fresh_by_hash)
        known.update(fresh_by_hash)
    row_of = {h: i for i, h in enumerate(distinct)}
    vectors = np.zeros((len(distinct), embedder.dim), dtype=np.float16)
    for h, i in row_of.items():
        vectors[i] = known[h]
    documents = sorted(store.documents)
    position = {d: i for i, d in enumerate(documents)}
    table = {
        "version": UNIT_VECTORS_VERSION,
        "documents": documents,
        "hashes": distinct,
        "units": [[position[d], s, e, row_of[h]] for (d, s, e), h in zip(keys, hashes)],
        "vectors": vectors,
        "embedded_now": len(missing),
    }
    return table


def vectors_by_hash(table: dict[str, Any] | None) -> dict[str, np.ndarray]:
    """An older table's vectors by text hash, for a rebuild or an add to reuse."""
    if not table:
        return {}
    vectors = np.asarray(table["vectors"], dtype=np.float32)
    return {h: vectors[i] for i, h in enumerate(table["hashes"])}


def write_unit_vectors(version_dir: Path, table: dict[str, Any]) -> None:
    np.save(Path(version_dir) / UNIT_VECTORS_FILE, np.asarray(table["vectors"], dtype=np.float16))
    rest = {k: table[k] for k in ("version", "documents", "hashes", "units")}
    (Path(version_dir) / UNIT_TABLE_FILE).write_text(json.dumps(rest, separators=(",", ":")), encoding="utf-8")


def read_unit_vectors(version_dir: Path, manifest, documents) -> dict[str, Any] | None:
    """The saved table; None when the index has none, of another version, or not of these documents."""
    vectors_path, table_path = Path(version_dir) / UNIT_VECTORS_FILE, Path(version_dir) / UNIT_TABLE_FILE
    if manifest.get("unit_vectors_version") != UNIT_VECTORS_VERSION or not (
            vectors_path.is_file() and table_path.is_file()):
        return None
    table = json.loads(table_path.read_text(encoding="utf-8"))
    if table.get("version") != UNIT_VECTORS_VERSION or set(table.get("documents", ())) != set(documents):
        return None
    table["vectors"] = np.load(vectors_path)
    if len(table["vectors"]) != len(table["hashes"]):
        return None
    return table


def table_matches(table: dict[str, Any] | None, documents) -> bool:
    return bool(table) and set(table.get("documents", ())) == set(documents)


class UnitVectors:
    """Cosines of a query vector and units, by the unit's (doc_id, start, end); built once at load."""

    def __init__(self, vectors: np.ndarray, rows: dict[tuple[str, int, int], int]):
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self.rows = rows
        self.missing_units = self.total_units = 0  # counted by unit_vectors_of at load

    @classmethod
    def of_store(cls, store) -> UnitVectors | None:
        """The store's saved unit vectors, or None (an index without them: the dense unit feature is 0)."""
        table = getattr(store, "unit_vectors", None)
        if not table_matches(table, store.documents):
            return None
        documents = table["documents"]
        rows = {(documents[d], s, e): r for d, s, e, r in table["units"]}
        return cls(table["vectors"], rows)

    def missing(self, units) -> int:
        """How many of ``units`` have no saved vector (units cut otherwise since the build)."""
        return sum((u.doc_id, u.start, u.end) not in self.rows for u in units)

    def cosines(self, units, query_vector: np.ndarray) -> list[float | None]:
        """Cosine of ``query_vector`` (L2-normalised) and each unit; None for a unit without a vector."""
        rows = [self.rows.get((u.doc_id, u.start, u.end)) for u in units]
        present = [r for r in rows if r is not None]
        if not present:
            return [None] * len(rows)
        scores = self.vectors[present] @ np.asarray(query_vector, dtype=np.float32)
        found = iter(scores.tolist())
        return [next(found) if r is not None else None for r in rows]


def unit_vectors_of(store, units) -> UnitVectors | None:
    """:meth:`UnitVectors.of_store`, with one warning when the index has none or lacks some units' vectors;
    ``units``: the store's :class:`retriever.qa.units.UnitIndex`."""
    vectors = UnitVectors.of_store(store)
    if vectors is None:
        if getattr(store, "unit_vectors", None) is not None or store.manifest.get("unit_vectors_version"):
            log.warning("the index's unit vectors do not match its documents; the dense unit feature is 0")
        else:
            log.info("the index holds no unit vectors (built before them); the dense unit feature is 0")
        return None
    total = missing = 0
    for row in range(len(store.chunks)):
        listed = units.units_of(row)
        total += len(listed)
        missing += vectors.missing(listed)
    if missing:
        log.warning("%d of %d units have no saved vector (units cut otherwise since the build: "
                    "rebuild the index); their passage's cosine stands in", missing, total)
    vectors.missing_units, vectors.total_units = missing, total
    return vectors

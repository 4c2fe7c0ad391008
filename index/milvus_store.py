"""The index in Milvus (Milvus Lite embedded, or a server / cluster): everything a query needs.

Three collections, named from one prefix (``healthqa`` by default):

* ``<prefix>_passages`` — one row per passage: ``id`` (chunk id), ``doc_id``, ``source``, the filter
  keys (``type_key``, ``issuer_key`` = ``match_key`` of type and issuer, ``year``), ``chunk`` (JSON:
  text, offsets, heading path…), ``tokens`` (our BM25 tokens, space-separated), ``dl`` (their count),
  ``dense`` (the passage vector, FLAT inner product) and ``sparse`` (BM25 document side, below);
* ``<prefix>_blobs`` — JSON payloads cut into parts: the manifest, each document (record, cleaned
  text, structure tree — what the document view, the answerer and the citation graph need), each
  document's unit vectors (``index.unit_vectors``: float16, base64), abstention's word tables
  (``index.word_tables``, one blob counted over every document), and the BM25 statistics deltas
  (``N``, total length) each write adds;
* ``<prefix>_terms`` — document-frequency deltas, one row per term and write.

BM25 as sparse inner product (reproduces bm25s' ``lucene`` scores): a passage stores, per token id,
``tf / (tf + k1·(1 − b + b·dl/avgdl))``; a query sends ``idf(t) = ln(1 + (N − df + 0.5)/(df + 0.5))``
per query token (repeated tokens count again, as in bm25s). Token ids are a 32-bit hash of the token
(as Milvus' own BM25 does); ``N``, ``df`` and ``avgdl`` are sums of the deltas every write appended —
writes never read-modify-write shared rows, so parallel writers merge correctly. ``index add`` /
``remove`` delete and insert by ``source`` only: the IDF side stays exact; the passages already stored
keep the ``avgdl`` of their own write (the measured drift: eval/RESULTS.md).

Filters are Milvus expressions over the passage rows (never a Python pass over passages); fusion
stays ours (``HybridSearcher._fuse``): a sparse and a dense search with the same filter (the sparse
one on a store thread while the caller embeds the query), and the union members missing from one list
scored exactly (a sparse search restricted to their ids, their stored dense vectors; both at once). N, total length and df are
cached per process (``StatisticsCache``: re-read when the set of statistics rows changes).
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import functools
import hashlib
import json
import logging
import math
import threading
import time
import uuid
import warnings
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from corpus.model import Chunk
from corpus.vietnamese import match_key
from index.backends import BackendError, MilvusSettings
from index.bm25 import BM25_PARAMS
from index.store import StoredDocument, _node_from_dict, _record_from_dict
from index.unit_vectors import UNIT_VECTORS_VERSION
from index.word_tables import build_word_tables

log = logging.getLogger(__name__)

PAYLOAD_CHARS = 16_000  # one blob part: ≤ 64 000 bytes in UTF-8, under Milvus' 65 535 VARCHAR limit
VARCHAR_MAX = 65_535
EMPTY_TOKEN = "\u2205"  # as index.bm25: a passage without tokens still has length 1
SPARSE_DIMENSIONS = 0xFFFFFFFF  # Milvus sparse indices lie in [0, 2^32 − 1)
INSERT_BATCH = 500
QUERY_BATCH = 4_000
PASSAGE_FIELDS = ["id", "doc_id", "source", "chunk", "tokens", "dl"]


@functools.lru_cache(maxsize=1 << 18)  # a hash per token of every passage written: the vocabulary repeats
def term_id(token: str) -> int:
    return int.from_bytes(hashlib.blake2b(token.encode("utf-8"), digest_size=4).digest(), "little") % SPARSE_DIMENSIONS


def idf(df: int, n: int) -> float:
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def document_weights(tokens: list[str], avgdl: float, k1: float = BM25_PARAMS["k1"],
                     b: float = BM25_PARAMS["b"]) -> dict[int, float]:
    tokens = tokens or [EMPTY_TOKEN]
    norm = k1 * ((1 - b) + b * len(tokens) / avgdl)
    weights: dict[int, float] = defaultdict(float)
    for token, tf in Counter(tokens).items():
        weights[term_id(token)] += tf / (tf + norm)
    return dict(weights)


def query_weights(tokens: list[str], df: dict[str, int], n: int) -> dict[int, float]:
    weights: dict[int, float] = defaultdict(float)
    for token in tokens:
        if df.get(token, 0) > 0:
            weights[term_id(token)] += idf(df[token], n)
    return dict(weights)


def literal(value: str) -> str:
    """A Milvus string literal."""
    return json.dumps(str(value), ensure_ascii=False)


def _like_literal(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return literal(f"%{escaped}%")


# ---------------------------------------------------------------------------- connection
_CLIENTS: dict[tuple[str, str], Any] = {}


def connect(settings: MilvusSettings):
    """One client per URI in a process (Milvus Lite starts its engine once per database file)."""
    key = (settings.uri, settings.token)
    if key not in _CLIENTS:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # milvus_lite imports pkg_resources (deprecated)
            try:
                from pymilvus import MilvusClient
            except ImportError as error:
                raise BackendError(f"Thiếu gói pymilvus/milvus-lite ({error}); cài requirements.txt") from None
            # pymilvus warns on every query iterator that Lite lacks server-side timestamps.
            logging.getLogger("pymilvus").setLevel(logging.ERROR)
            if settings.embedded:
                Path(settings.uri).parent.mkdir(parents=True, exist_ok=True)
            try:
                _CLIENTS[key] = MilvusClient(uri=settings.uri, token=settings.token, timeout=60)
            except Exception as error:  # noqa: BLE001 - pymilvus raises many kinds; one line for the user
                raise BackendError(f"Không kết nối được Milvus tại {settings.uri}: "
                                   f"{str(error).splitlines()[0] if str(error) else type(error).__name__}") from None
    return _CLIENTS[key]


def disconnect(settings: MilvusSettings) -> None:
    """Close and forget this process's client of `settings` (a server about to stop, a retry)."""
    client = _CLIENTS.pop((settings.uri, settings.token), None)
    if client is not None:
        client.close()


def wait_until_serving(settings: MilvusSettings, seconds: float = 60) -> None:
    """Connect to a server that is still starting: retry for `seconds`, then raise its last error."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            connect(settings).list_collections()
            return
        except Exception:
            _CLIENTS.pop((settings.uri, settings.token), None)
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


@contextlib.contextmanager
def writer_lock(settings: MilvusSettings):
    """Embedded Milvus Lite: one writer at a time (a lock file beside the database). A server
    takes concurrent writers: each write only appends its own statistics deltas."""
    if not settings.embedded:
        yield
        return
    lock = Path(settings.uri).with_name(Path(settings.uri).name + ".lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "a+") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _names(settings: MilvusSettings) -> dict[str, str]:
    return {kind: f"{settings.collection}_{kind}" for kind in ("passages", "blobs", "terms")}


def _create_collections(client, settings: MilvusSettings, dim: int, nlist: int = 0) -> None:
    from pymilvus import DataType

    names = _names(settings)
    schema = client.create_schema(auto_id=False, enable_dynamic_field=False)
    schema.add_field("id", DataType.VARCHAR, is_primary=True, max_length=512)
    schema.add_field("doc_id", DataType.VARCHAR, max_length=512)
    schema.add_field("source", DataType.VARCHAR, max_length=1024)
    schema.add_field("type_key", DataType.VARCHAR, max_length=512)
    schema.add_field("issuer_key", DataType.VARCHAR, max_length=2048)
    schema.add_field("year", DataType.INT64)
    schema.add_field("chunk", DataType.JSON)
    schema.add_field("tokens", DataType.VARCHAR, max_length=VARCHAR_MAX)
    schema.add_field("dl", DataType.INT64)
    schema.add_field("dense", DataType.FLOAT_VECTOR, dim=dim)
    schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
    index = client.prepare_index_params()
    if nlist:  # Lite: FLAT or IVF_FLAT; HNSW on a cluster
        index.add_index("dense", index_type="IVF_FLAT", metric_type="IP", params={"nlist": int(nlist)})
    else:
        index.add_index("dense", index_type="FLAT", metric_type="IP")
    index.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="IP")
    client.create_collection(names["passages"], schema=schema, index_params=index, consistency_level="Strong")

    for kind in ("blobs", "terms"):
        schema = client.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field("id", DataType.VARCHAR, is_primary=True, max_length=2048)
        if kind == "blobs":
            schema.add_field("kind", DataType.VARCHAR, max_length=64)
            schema.add_field("key", DataType.VARCHAR, max_length=1024)
            schema.add_field("part", DataType.INT64)
            schema.add_field("payload", DataType.VARCHAR, max_length=VARCHAR_MAX)
        else:
            schema.add_field("term", DataType.VARCHAR, max_length=1024)
            schema.add_field("delta", DataType.INT64)
        schema.add_field("unused", DataType.FLOAT_VECTOR, dim=2)  # Milvus 2.5: every collection has a vector
        index = client.prepare_index_params()
        index.add_index("unused", index_type="FLAT", metric_type="L2")
        client.create_collection(names[kind], schema=schema, index_params=index, consistency_level="Strong")


QUERY_LIMIT = 16_384  # Milvus: offset + limit of one query


def _query_small(client, collection: str, expression: str, fields: list[str]) -> list[dict]:
    """Every matching row of a query expected to be small (one round trip), else by iterator."""
    rows = client.query(collection, filter=expression, output_fields=fields, limit=QUERY_LIMIT)
    return rows if len(rows) < QUERY_LIMIT else list(_query_all(client, collection, expression, fields))


def _query_all(client, collection: str, expression: str, fields: list[str]) -> Iterable[dict]:
    """Every matching row (query_iterator: a plain query stops at 16 384 rows)."""
    iterator = client.query_iterator(collection, batch_size=QUERY_BATCH, filter=expression, output_fields=fields)
    try:
        while True:
            batch = iterator.next()
            if not batch:
                return
            yield from batch
    finally:
        iterator.close()


# ------------------------------------------------------------------------------ the store
@dataclass
class MilvusStore:
    """An index in Milvus, with what a query process derives from it at load (records, passages'
    text and offsets, the citation graph); search itself runs in the engine (``retrieval()``)."""

    settings: MilvusSettings
    manifest: dict[str, Any]
    documents: dict[str, StoredDocument]
    chunks: list[Chunk]
    citations: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None
    # abstention's word tables and the answerer's unit vectors, as IndexStore's (None: counted / 0 at load)
    word_tables: dict[str, Any] | None = None
    unit_vectors: dict[str, Any] | None = None
    cache: StatisticsCache = field(default_factory=lambda: StatisticsCache())
    _workers: Any = field(default=None, repr=False)

    def workers(self):
        """This store's few query threads (the BM25 side of a hybrid query runs on one)."""
        if self._workers is None:
            from concurrent.futures import ThreadPoolExecutor

            self._workers = ThreadPoolExecutor(max_workers=QUERY_WORKERS, thread_name_prefix="milvus-query")
        return self._workers

    @classmethod
    def exists(cls, settings: MilvusSettings) -> bool:
        client = connect(settings)
        return all(client.has_collection(name) for name in _names(settings).values())

    @classmethod
    def open(cls, settings: MilvusSettings) -> MilvusStore:
        from corpus.citation_graph import build_citation_graph

        client = connect(settings)
        if not cls.exists(settings):
            raise BackendError(f"Chưa có chỉ mục trong Milvus {settings.uri} (collection {settings.collection}); "
                               "chạy `python -m index build --backend milvus` (hoặc `index migrate`) trước")
        names = _names(settings)
        manifest = folded_manifest(client, names)
        if manifest is None:
            raise BackendError(f"Chỉ mục Milvus {settings.collection} chưa hoàn chỉnh (thiếu manifest); xây lại")
        ordered = []
        for key, payload in read_blobs(client, names["blobs"], "document").items():
            ordered.append((payload.get("order", 0), key, payload))
        documents: dict[str, StoredDocument] = {}
        for _, doc_id, payload in sorted(ordered, key=lambda item: (item[0], item[1])):
            record = _record_from_dict(payload["record"])
            documents[doc_id] = StoredDocument(record, payload["text"], _node_from_dict(payload["root"]))
        by_document: dict[str, list[Chunk]] = defaultdict(list)
        for row in _query_all(client, names["passages"], 'id != ""', ["chunk"]):
            chunk = Chunk(**row["chunk"])
            by_document[chunk.doc_id].append(chunk)
        chunks = [c for doc_id in documents for c in sorted(by_document.get(doc_id, []), key=_ordinal)]
        citations = build_citation_graph([d.record for d in documents.values()])
        try:  # two writers' refreshes at once (a server) can leave it unreadable: counted at load then
            word_tables = read_blob(client, names["blobs"], WORD_TABLES, WORD_TABLES)
        except ValueError:
            word_tables = None
        unit_vectors = unit_table(read_blobs(client, names["blobs"], UNIT_VECTORS), documents)
        return cls(settings, manifest, documents, chunks, citations, word_tables=word_tables,
                   unit_vectors=unit_vectors)

    # ---------------------------------------------------------------- what queries use
    def retrieval(self, rows_by_document=None) -> MilvusRetrieval:
        return MilvusRetrieval(self)

    @property
    def bm25(self) -> _MilvusLexicalScores:
        return _MilvusLexicalScores(self)

    def statistics(self) -> Statistics:
        return read_statistics(connect(self.settings), _names(self.settings))

    def info(self) -> dict[str, Any]:
        stats = self.statistics()
        return {**self.manifest, **self.settings.describe(), "documents": len(self.documents),
                "chunks": stats.n, "avgdl": round(stats.avgdl, 4)}


def _ordinal(chunk: Chunk) -> int:
    tail = chunk.chunk_id.rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else 0


# ------------------------------------------------------------------------------- blobs
def read_blob(client, collection: str, kind: str, key: str) -> Any:
    rows = client.query(collection, filter=f"kind == {literal(kind)} and key == {literal(key)}",
                        output_fields=["part", "payload"])
    if not rows:
        return None
    return json.loads("".join(r["payload"] for r in sorted(rows, key=lambda r: r["part"])))


def read_blobs(client, collection: str, kind: str) -> dict[str, Any]:
    parts: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for row in _query_all(client, collection, f"kind == {literal(kind)}", ["key", "part", "payload"]):
        parts[row["key"]].append((row["part"], row["payload"]))
    return {key: json.loads("".join(p for _, p in sorted(pieces))) for key, pieces in parts.items()}


def blob_rows(kind: str, key: str, data: Any) -> list[dict]:
    text = json.dumps(data, ensure_ascii=False)
    pieces = [text[i : i + PAYLOAD_CHARS] for i in range(0, len(text), PAYLOAD_CHARS)] or [""]
    return [{"id": f"{kind}\x1f{key}\x1f{part}", "kind": kind, "key": key, "part": part, "payload": piece,
             "unused": [0.0, 0.0]} for part, piece in enumerate(pieces)]


def write_blob(client, collection: str, kind: str, key: str, data: Any) -> None:
    client.delete(collection, filter=f"kind == {literal(kind)} and key == {literal(key)}")
    client.insert(collection, blob_rows(kind, key, data))


# ------------------------------------------------------ unit vectors and word tables
UNIT_VECTORS = "unit-vectors"  # blob kind: one per document, its units' vectors (key: doc_id)
WORD_TABLES = "word-tables"  # blob kind and key: abstention's word tables over every document


def unit_vector_blobs(table: dict[str, Any] | None, doc_ids: Iterable[str]) -> list[dict]:
    """Blob rows of the unit vectors of ``doc_ids`` in ``table`` (an ``index.unit_vectors`` table):
    one blob per document, so that ``add`` / ``remove`` replace a document's with its passages."""
    if not table:
        return []
    names, vectors = table["documents"], np.asarray(table["vectors"], dtype=np.float16)
    by_document: dict[str, list] = defaultdict(list)
    for d, s, e, r in table["units"]:
        by_document[names[d]].append((s, e, r))
    rows = []
    for doc_id in doc_ids:
        units = by_document.get(doc_id, [])
        kept = sorted({r for _, _, r in units})
        local = {r: i for i, r in enumerate(kept)}
        payload = {"version": table.get("version", UNIT_VECTORS_VERSION),
                   "hashes": [table["hashes"][r] for r in kept],
                   "units": [[s, e, local[r]] for s, e, r in units],
                   "vectors": base64.b64encode(vectors[kept].astype("<f2").tobytes()).decode("ascii")}
        rows += blob_rows(UNIT_VECTORS, doc_id, payload)
    return rows


def unit_table(payloads: dict[str, Any], documents) -> dict[str, Any] | None:
    """The ``index.unit_vectors`` table of the stored documents, from their unit-vector blobs; None
    (the dense unit feature is 0, warned once) when the index holds none of this version. Documents
    without one (added by an older writer) keep their units without vectors: counted at load."""
    current = {d: p for d, p in payloads.items() if d in documents and p.get("version") == UNIT_VECTORS_VERSION}
    if not current:
        log.warning("the Milvus index holds no unit vectors (%d documents; written before them): "
                    "the dense unit feature is 0 — rebuild or migrate the index", len(documents))
        return None
    if len(current) < len(documents):
        log.warning("%d of %d documents have no unit vectors in the Milvus index", len(documents) - len(current),
                    len(documents))
    names = sorted(documents)
    position = {d: i for i, d in enumerate(names)}
    hashes, units, blocks = [], [], []
    for doc_id in sorted(current):
        payload = current[doc_id]
        offset = len(hashes)
        hashes += payload["hashes"]
        units += [[position[doc_id], s, e, offset + r] for s, e, r in payload["units"]]
        blocks.append(np.frombuffer(base64.b64decode(payload["vectors"]), dtype="<f2").reshape(len(payload["hashes"]), -1))
    return {"version": UNIT_VECTORS_VERSION, "documents": names, "hashes": hashes, "units": units,
            "vectors": np.concatenate(blocks).astype(np.float16)}


def refresh_word_tables(settings: MilvusSettings, tables: dict[str, Any] | None = None) -> None:
    """Store abstention's word tables: ``tables``, or counted now from every stored document (a build's
    end, an ``add`` / ``remove``: they are counted over the whole corpus)."""
    client = connect(settings)
    collection = _names(settings)["blobs"]
    if tables is None:
        tables = build_word_tables({doc_id: p["text"] for doc_id, p in read_blobs(client, collection, "document").items()})
    write_blob(client, collection, WORD_TABLES, WORD_TABLES, tables)


# ----------------------------------------------------------------------------- manifest
MANIFEST_CHANGE = "manifest-change"


def write_manifest(settings: MilvusSettings, manifest: dict[str, Any]) -> None:
    """The whole manifest (a build, a migration): replaces the stored one and folds every change
    appended so far. Only with no other writer at work (builds hold the writer lock)."""
    client = connect(settings)
    names = _names(settings)
    write_blob(client, names["blobs"], "manifest", "manifest", manifest)
    client.delete(names["blobs"], filter=f"kind == {literal(MANIFEST_CHANGE)}")


def append_manifest_change(settings: MilvusSettings, change: dict[str, Any]) -> None:
    """What one ``add`` / ``remove`` changes in the manifest, appended as its own row (never a
    read-modify-write of the shared manifest): two writers at once on a server both count, as the
    statistics deltas do. Keys sort by time, so the fold applies them in order."""
    key = f"{time.time_ns():020d}-{uuid.uuid4().hex[:12]}"
    connect(settings).insert(_names(settings)["blobs"], blob_rows(MANIFEST_CHANGE, key, change))


def apply_manifest_change(manifest: dict[str, Any], change: dict[str, Any]) -> dict[str, Any]:
    """`manifest` after one change: sources added (or replaced) and removed, their OCR marks and
    warnings, and the counts the writer saw after its write."""
    manifest = dict(manifest)
    added, removed = set(change.get("added", [])), set(change.get("removed", []))
    touched = added | removed
    manifest["added"] = sorted((set(manifest.get("added", [])) - removed) | added)
    manifest["removed"] = sorted((set(manifest.get("removed", [])) - added) | removed)
    manifest["ocr_documents"] = sorted((set(manifest.get("ocr_documents", [])) - touched)
                                       | set(change.get("ocr_added", [])))
    manifest["warnings"] = [w for w in manifest.get("warnings", []) if w.split(":", 1)[0] not in touched] \
        + list(change.get("warnings", []))
    manifest.update({k: change[k] for k in ("documents", "chunks") if k in change})
    return manifest


def folded_manifest(client, names: dict[str, str]) -> dict[str, Any] | None:
    """The stored manifest with every appended change applied in order; None without a manifest."""
    manifest = read_blob(client, names["blobs"], "manifest", "manifest")
    if manifest is None:
        return None
    for _, change in sorted(read_blobs(client, names["blobs"], MANIFEST_CHANGE).items()):
        manifest = apply_manifest_change(manifest, change)
    return manifest


# --------------------------------------------------------------------------- statistics
@dataclass
class Statistics:
    n: int
    total_length: int

    @property
    def avgdl(self) -> float:
        return self.total_length / self.n if self.n else 1.0


def read_statistics(client, names: dict[str, str]) -> Statistics:
    n = total = 0
    for row in _query_small(client, names["blobs"], 'kind == "stats"', ["payload"]):
        payload = json.loads(row["payload"])  # one part each
        n += payload["n"]
        total += payload["length"]
    return Statistics(n, total)


def document_frequencies(client, names: dict[str, str], tokens: Iterable[str]) -> dict[str, int]:
    wanted = sorted(set(tokens))
    df: dict[str, int] = defaultdict(int)
    for start in range(0, len(wanted), 1000):
        part = wanted[start : start + 1000]
        expression = f"term in [{', '.join(literal(t) for t in part)}]"
        for row in _query_small(client, names["terms"], expression, ["term", "delta"]):
            df[row["term"]] += row["delta"]
    return dict(df)


STATISTICS_CACHE_TERMS = 500_000  # cached df entries per process before the cache starts afresh
QUERY_WORKERS = 4


class StatisticsCache:
    """N, total length and df per process, valid for one set of statistics rows.

    Every write appends its own statistics row (``compact`` replaces them all), so the ids of the
    stats rows are a version: one small query for them (ids only) per BM25 query; when they differ
    from the cached ones, N and the total length are read again and every cached df is dropped.
    df is then asked of the engine only for tokens not cached yet. A second process's ``add`` is
    therefore seen by the next query, as without the cache."""

    def __init__(self):
        self._lock = threading.Lock()
        self.version: frozenset[str] | None = None
        self.statistics: Statistics | None = None
        self.df: dict[str, int] = {}
        self.refreshes = 0

    def lookup(self, client, names: dict[str, str], tokens: Iterable[str]) -> tuple[Statistics, dict[str, int]]:
        rows = _query_small(client, names["blobs"], 'kind == "stats"', ["id"])
        version = frozenset(row["id"] for row in rows)
        with self._lock:
            if version != self.version:
                current = None
            else:
                current, df = self.statistics, self.df
        if current is None:
            current = read_statistics(client, names)
            df = {}
            self.refreshes += 1
        wanted = set(tokens)
        missing = [t for t in wanted if t not in df]
        if missing:
            found = document_frequencies(client, names, missing)
            fresh = {t: found.get(t, 0) for t in missing}
        else:
            fresh = {}
        with self._lock:
            if version != self.version:
                self.version, self.statistics, self.df = version, current, {}
            if len(self.df) + len(fresh) > STATISTICS_CACHE_TERMS:
                self.df = {}
            self.df.update(fresh)
            result = {t: (fresh[t] if t in fresh else df[t]) for t in wanted}
        return current, result


# ------------------------------------------------------------------------------ writing
@dataclass
class PassageBatch:
    """What a write adds: documents (with their order) and their passages, tokens and vectors."""

    documents: list[tuple[StoredDocument, float]]
    chunks: list[Chunk]
    tokens: list[list[str]]
    vectors: np.ndarray
    unit_vectors: dict[str, Any] | None = None  # the documents' unit table (index.unit_vectors)


def write_passages(settings: MilvusSettings, batch: PassageBatch, removed_sources: Iterable[str] = (),
                   manifest: dict[str, Any] | None = None, avgdl: float | None = None,
                   statistics: bool = True) -> dict[str, int]:
    """Delete the passages and documents of `removed_sources` (and of the batch's own sources), insert
    the batch, and append this write's statistics deltas (N, total length, df). Returns the counts.
    `statistics=False` (a build's workers): no deltas; the build ends with ``compact``, which counts
    the statistics from the stored rows, and re-weights them."""
    client = connect(settings)
    names = _names(settings)
    replaced = sorted(set(removed_sources) | {d.record.source for d, _ in batch.documents})
    gone_rows = _rows_of_sources(client, names, replaced)
    gone_df = Counter(t for row in gone_rows for t in set(row["tokens"].split(" ") if row["tokens"] else [EMPTY_TOKEN]))
    gone_length = sum(row["dl"] for row in gone_rows)
    new_tokens = [tokens or [EMPTY_TOKEN] for tokens in batch.tokens]
    for tokens in new_tokens:
        if any((" " in t) or not t for t in tokens):
            raise BackendError("Token BM25 chứa khoảng trắng; không lưu được vào Milvus")
    new_length = sum(len(t) for t in new_tokens)
    stats = read_statistics(client, names)
    n_after = stats.n - len(gone_rows) + len(new_tokens)
    if avgdl is None:
        avgdl = (stats.total_length - gone_length + new_length) / n_after if n_after else 1.0
    run = f"{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:12]}"

    for source in replaced:
        client.delete(names["passages"], filter=f"source == {literal(source)}")
    doc_ids = [row for row in {r["doc_id"] for r in gone_rows}]
    for doc_id in doc_ids + [d.record.doc_id for d, _ in batch.documents]:
        client.delete(names["blobs"], filter=f"kind in [\"document\", {literal(UNIT_VECTORS)}] and key == {literal(doc_id)}")

    records = {d.record.doc_id: d.record for d, _ in batch.documents}
    rows = []
    for chunk, tokens, vector in zip(batch.chunks, new_tokens, np.asarray(batch.vectors, dtype=np.float32)):
        record = records[chunk.doc_id]
        joined = " ".join(tokens)
        chunk_json = chunk.to_dict()
        if len(joined.encode("utf-8")) > VARCHAR_MAX or len(json.dumps(chunk_json, ensure_ascii=False).encode()) > VARCHAR_MAX:
            raise BackendError(f"Đoạn {chunk.chunk_id} quá dài cho Milvus (> {VARCHAR_MAX} byte)")
        rows.append({
            "id": chunk.chunk_id, "doc_id": chunk.doc_id, "source": chunk.source,
            "type_key": match_key(record.type or ""), "issuer_key": match_key(record.issuer or ""),
            "year": _year(record.date), "chunk": chunk_json, "tokens": joined, "dl": len(tokens),
            "dense": vector.tolist(), "sparse": document_weights(tokens, avgdl),
        })
        if len(rows) >= INSERT_BATCH:
            client.insert(names["passages"], rows)
            rows = []
    if rows:
        client.insert(names["passages"], rows)
    blobs = []
    for stored, order in batch.documents:
        blobs += blob_rows("document", stored.record.doc_id, {"record": stored.record.to_dict(), "text": stored.text,
                                                              "root": stored.root.to_dict(), "order": order})
    blobs += unit_vector_blobs(batch.unit_vectors, [stored.record.doc_id for stored, _ in batch.documents])
    for start in range(0, len(blobs), 50):
        client.insert(names["blobs"], blobs[start : start + 50])

    if statistics:
        df = Counter(t for tokens in new_tokens for t in set(tokens))
        df.subtract(gone_df)
        terms = [{"id": f"{t}\x1f{run}", "term": t, "delta": int(d), "unused": [0.0, 0.0]} for t, d in df.items() if d]
        for start in range(0, len(terms), 5000):
            client.insert(names["terms"], terms[start : start + 5000])
        client.insert(names["blobs"], blob_rows("stats", run, {"n": len(new_tokens) - len(gone_rows),
                                                               "length": new_length - gone_length}))
    if manifest is not None:
        write_manifest(settings, manifest)
    return {"inserted": len(new_tokens), "deleted": len(gone_rows), "n": n_after}


def _rows_of_sources(client, names, sources: list[str]) -> list[dict]:
    rows = []
    for start in range(0, len(sources), 200):
        part = sources[start : start + 200]
        expression = f"source in [{', '.join(literal(s) for s in part)}]"
        rows += list(_query_all(client, names["passages"], expression, ["doc_id", "source", "tokens", "dl"]))
    return rows


def _year(date: str | None) -> int:
    return int(date[:4]) if date and date[:4].isdigit() else 0


def reset_collections(settings: MilvusSettings, dim: int, nlist: int = 0) -> None:
    """Fresh collections; `nlist` > 0: an IVF_FLAT dense index (search it with the manifest's nprobe)."""
    client = connect(settings)
    for name in _names(settings).values():
        if client.has_collection(name):
            client.drop_collection(name)
    _create_collections(client, settings, dim, nlist)


def ensure_collections(settings: MilvusSettings, dim: int) -> None:
    client = connect(settings)
    if not all(client.has_collection(n) for n in _names(settings).values()):
        _create_collections(client, settings, dim)


def read_manifest(settings: MilvusSettings) -> dict[str, Any] | None:
    client = connect(settings)
    names = _names(settings)
    if not client.has_collection(names["blobs"]):
        return None
    return folded_manifest(client, names)


def stored_vectors(settings: MilvusSettings, chunk_ids: list[str]) -> dict[str, np.ndarray]:
    """Dense vectors of these passages (for reuse by a write that replaces them)."""
    client = connect(settings)
    names = _names(settings)
    found = {}
    for start in range(0, len(chunk_ids), 500):
        part = chunk_ids[start : start + 500]
        rows = client.query(names["passages"], filter=f"id in [{', '.join(literal(i) for i in part)}]",
                            output_fields=["id", "dense"])
        found.update({r["id"]: np.asarray(r["dense"], dtype=np.float32) for r in rows})
    return found


# ------------------------------------------------------------------------------ queries
class MilvusRetrieval:
    kind = "milvus"

    def __init__(self, store: MilvusStore):
        self.store = store
        self.client = connect(store.settings)
        self.names = _names(store.settings)
        self.row_of = {c.chunk_id: i for i, c in enumerate(store.chunks)}
        self.nprobe = int(store.manifest.get("milvus_nprobe") or 0)  # IVF_FLAT dense index
        self._issuer_keys: list[str] | None = None

    def restrict(self, allowed_documents, filters, excluded):
        if allowed_documents is None:
            return None
        clauses = []
        if filters is not None:
            if filters.source:
                clauses.append(f"source == {literal(filters.source)}")
            if filters.type:
                clauses.append(f"type_key == {literal(match_key(filters.type))}")
            if filters.issuer:
                clauses.append(self._issuer_clause(filters.issuer))
            if filters.year:
                clauses.append(f"year == {int(filters.year)}")
        if excluded:
            clauses.append(f"doc_id not in [{', '.join(literal(d) for d in sorted(excluded))}]")
        return " and ".join(clauses) or None

    def _issuer_clause(self, issuer: str) -> str:
        """The issuer filter as the exact issuer keys of the records that match it (``issuer_key in
        [...]``: a hash lookup per row) rather than ``like "%…%"`` (a substring scan of every row)."""
        wanted = match_key(issuer)
        if self._issuer_keys is None:  # once per store: the records do not change under it
            self._issuer_keys = sorted({match_key(d.record.issuer or "") for d in self.store.documents.values()})
        keys = [key for key in self._issuer_keys if wanted in key]
        if not keys or self.serial:  # no record matches (the caller found none either), or measuring
            return f"issuer_key like {_like_literal(wanted)}"
        return f"issuer_key in [{', '.join(literal(k) for k in keys)}]"

    serial = False  # True: the first version's query path (no cache, one call after another), for measurement
    carry_vectors = True  # the sparse search returns its hits' dense vectors (no follow-up lookup for them)

    def lexical(self, tokens):
        if self.serial:
            df, stats = document_frequencies(self.client, self.names, tokens), read_statistics(self.client, self.names)
        else:
            stats, df = self.store.cache.lookup(self.client, self.names, tokens)
        query = _MilvusQuery(self, "sparse", query_weights(tokens, df, stats.n))
        query.statistics = (df, stats.n)  # reused by narrowed(): the residual query of a named document
        query.carry = self.carry_vectors
        return query

    def dense(self, vector):
        return _MilvusQuery(self, "dense", np.asarray(vector, dtype=np.float32).tolist())

    def start(self, work):
        if self.serial:
            result = work()
            return lambda: result
        return self.store.workers().submit(work).result

    def exact_scores(self, lexical, dense, rows, known_bm25, known_dense):
        """Both systems' scores of the union members missing from one list: the BM25 ones by a sparse
        search restricted to their ids on a store thread, the dense ones from their stored vectors
        meanwhile. (One query for both kinds of stored vectors was measured slower: eval/RESULTS.md.)"""
        from index.backends import exact_scores_each

        if self.serial or lexical is None or dense is None:
            return exact_scores_each(lexical, dense, rows, known_bm25, known_dense)
        carried = getattr(lexical, "vectors", {})
        if carried:  # the sparse hits' stored vectors came with the sparse search: score them here
            known_dense = {**{row: float(vector @ dense.query_vector) for row, vector in carried.items()},
                           **known_dense}
            if all(int(r) in known_dense for r in rows):
                return lexical.scores(rows, known_bm25), dense.scores(rows, known_dense)
        pending = self.store.workers().submit(lexical.scores, rows, known_bm25)
        dense_scores = dense.scores(rows, known_dense)
        return pending.result(), dense_scores

    def search(self, field: str, data, k: int, expression: str | None,
               vectors: dict[int, np.ndarray] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Top `k` rows of `field` under `expression`; `vectors` (a dict): filled with the hits'
        stored dense vectors, returned by the same search."""
        params = {"metric_type": "IP"}
        if field == "dense" and self.nprobe:
            params["params"] = {"nprobe": self.nprobe}
        results = self.client.search(self.names["passages"], data=[data], anns_field=field, limit=k,
                                     filter=expression or "", output_fields=["dense"] if vectors is not None else [],
                                     search_params=params)
        rows, scores = [], []
        for hit in results[0]:
            row = self.row_of.get(hit["id"])
            if row is not None:  # a passage added after this process loaded: seen after a reload
                rows.append(row)
                scores.append(hit["distance"])
                if vectors is not None:
                    vectors[row] = np.asarray(hit["entity"]["dense"], dtype=np.float32)
        return np.asarray(rows, dtype=np.int64), np.asarray(scores, dtype=np.float32)


class _MilvusQuery:
    def __init__(self, retrieval: MilvusRetrieval, field: str, data):
        self.retrieval, self.field, self.data = retrieval, field, data
        self.statistics: tuple[dict[str, int], int] = ({}, 0)  # sparse: (document frequencies, N) read
        self.carry = False  # sparse: top() also returns its hits' dense vectors, kept in `vectors`
        self.vectors: dict[int, np.ndarray] = {}

    @property
    def query_vector(self) -> np.ndarray:
        if not hasattr(self, "_vector"):
            self._vector = np.asarray(self.data, dtype=np.float32)
        return self._vector

    def _empty(self) -> bool:
        return self.field == "sparse" and not self.data

    def narrowed(self, tokens):
        """A sparse query of a subset of this one's tokens: the document frequencies and N already
        read serve again (no round trip)."""
        df, n = self.statistics
        query = _MilvusQuery(self.retrieval, "sparse", query_weights(tokens, df, n))
        query.statistics = self.statistics
        return query

    def top(self, k, restriction):
        if self._empty():
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        carried = {} if self.carry and self.field == "sparse" else None
        rows, scores = self.retrieval.search(self.field, self.data, k, restriction, carried)
        if carried:
            self.vectors = carried
        if self.field == "sparse":
            keep = scores > 0
            rows, scores = rows[keep], scores[keep]
        return rows, scores

    def scores(self, rows, known):
        result = np.zeros(len(rows), dtype=np.float32)
        missing = [int(r) for r in rows if int(r) not in known]
        fetched: dict[int, float] = {}
        if missing and not self._empty():
            chunks = self.retrieval.store.chunks
            ids = ", ".join(literal(chunks[r].chunk_id) for r in missing)
            if self.field == "dense":  # the stored vectors, so an approximate (IVF) index cannot miss one
                stored = self.retrieval.client.query(self.retrieval.names["passages"], filter=f"id in [{ids}]",
                                                     output_fields=["id", "dense"])
                query = self.query_vector
                row_of = self.retrieval.row_of
                fetched = {row_of[r["id"]]: float(np.asarray(r["dense"], dtype=np.float32) @ query)
                           for r in stored if r["id"] in row_of}
            else:
                found, values = self.retrieval.search(self.field, self.data, len(missing), f"id in [{ids}]")
                fetched = dict(zip(found.tolist(), values.tolist()))
        for i, row in enumerate(rows):
            row = int(row)
            result[i] = known.get(row, fetched.get(row, 0.0))
        return np.maximum(result, 0.0) if self.field == "sparse" else result


class _MilvusLexicalScores:
    """``store.bm25.scores(tokens)`` for callers that rank documents by BM25 (the draft check):
    the top passages from the engine, zeros elsewhere."""

    TOP = 1000

    def __init__(self, store: MilvusStore):
        self.store = store

    def scores(self, tokens: list[str]) -> np.ndarray:
        retrieval = MilvusRetrieval(self.store)
        rows, values = retrieval.lexical(tokens).top(self.TOP, None)
        out = np.zeros(len(self.store.chunks), dtype=np.float32)
        out[rows] = values
        return out


# ---------------------------------------------------------------------------- compaction
def compact(settings: MilvusSettings) -> dict[str, Any]:
    """Count the BM25 statistics from the stored passages' tokens (one row per term, one stats row),
    and re-weight every passage with that average length: the collection then scores exactly as a
    fresh build. Ends every build (its workers write no statistics) and folds the deltas of many
    ``add``/``remove``. Run it with no other writer at work (it rewrites every sparse vector)."""
    client = connect(settings)
    names = _names(settings)
    run = f"compact-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:12]}"
    ids, df, n, total = [], Counter(), 0, 0
    for row in _query_all(client, names["passages"], 'id != ""', ["id", "tokens", "dl"]):
        ids.append(row["id"])
        df.update(set(row["tokens"].split(" ")))
        n += 1
        total += row["dl"]
    avgdl = total / n if n else 1.0
    fields = ["id", "doc_id", "source", "type_key", "issuer_key", "year", "chunk", "tokens", "dl", "dense"]
    for start in range(0, len(ids), INSERT_BATCH):
        part = ids[start : start + INSERT_BATCH]
        rows = client.query(names["passages"], filter=f"id in [{', '.join(literal(i) for i in part)}]",
                            output_fields=fields)
        for row in rows:
            row["sparse"] = document_weights(row["tokens"].split(" "), avgdl)
            row["dense"] = [float(x) for x in row["dense"]]
        client.upsert(names["passages"], rows)
    old_terms = [row["id"] for row in _query_all(client, names["terms"], 'term != ""', ["id"])]
    old_stats = [row["id"] for row in _query_all(client, names["blobs"], 'kind == "stats"', ["id"])]
    terms = [{"id": f"{t}\x1f{run}", "term": t, "delta": int(d), "unused": [0.0, 0.0]} for t, d in df.items() if d]
    for collection, old in ((names["terms"], old_terms), (names["blobs"], old_stats)):
        for start in range(0, len(old), 2000):
            client.delete(collection, ids=old[start : start + 2000])
    for start in range(0, len(terms), 5000):
        client.insert(names["terms"], terms[start : start + 5000])
    client.insert(names["blobs"], blob_rows("stats", run, {"n": n, "length": total}))
    return {"passages": n, "terms": len(terms), "term_rows_folded": len(old_terms), "avgdl": round(avgdl, 4)}


def dense_index_parameters(count: int, approximate_above: int | None = None) -> tuple[int, int]:
    """(nlist, nprobe) of the IVF_FLAT dense index for `count` passages, (0, 0) for FLAT: the local
    index's rule (``index.ann``: exact up to 200 000 vectors, then nlist = 4·√n, nprobe ≥ 32)."""
    from index.ann import APPROXIMATE_ABOVE, ivf_parameters

    limit = APPROXIMATE_ABOVE if approximate_above is None else approximate_above
    return ivf_parameters(count) if count > limit else (0, 0)


def dense_index_manifest(nlist: int, nprobe: int) -> dict[str, Any]:
    return {"dense_backend": f"milvus-ivf_flat nlist={nlist}" if nlist else "milvus-flat", "milvus_nprobe": nprobe}


def fit_dense_index(settings: MilvusSettings, count: int, approximate_above: int | None = None) -> dict[str, Any]:
    """Re-create the passages' dense index for `count` passages (FLAT ↔ IVF_FLAT) when its kind or
    nlist differs; the manifest fields that say which (``milvus_nprobe`` is what queries send)."""
    nlist, nprobe = dense_index_parameters(count, approximate_above)
    client = connect(settings)
    name = _names(settings)["passages"]
    current = client.describe_index(name, "dense") or {}
    have = (current.get("index_type"), int(current.get("nlist", 0) or 0))
    if have != (("IVF_FLAT", nlist) if nlist else ("FLAT", 0)):
        client.release_collection(name)
        client.drop_index(name, "dense")
        index = client.prepare_index_params()
        if nlist:
            index.add_index("dense", index_type="IVF_FLAT", metric_type="IP", params={"nlist": int(nlist)})
        else:
            index.add_index("dense", index_type="FLAT", metric_type="IP")
        client.create_index(name, index)
        client.load_collection(name)
    return dense_index_manifest(nlist, nprobe)


def done_sources(settings: MilvusSettings) -> set[str]:
    """Sources a build has completely written (their marker is written after everything else)."""
    names = _names(settings)
    return {row["key"] for row in _query_all(connect(settings), names["blobs"], 'kind == "done"', ["key"])}


def mark_done(settings: MilvusSettings, sources: Iterable[str]) -> None:
    rows = [r for s in sources for r in blob_rows("done", s, 1)]
    if rows:
        connect(settings).insert(_names(settings)["blobs"], rows)

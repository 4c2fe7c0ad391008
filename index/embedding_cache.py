"""Passage vectors kept across index folders: `$HEALTHQA_CACHE/embeddings/<key>.sqlite`.

One SQLite file per embedding identity (the model's weights, its passage prompt, its input
preparation and its numeric precision: ``Embedder.passage_identity``), holding one row per
passage text hash. Rows are only ever added (``INSERT OR IGNORE``): a vector, once written, is
never changed, so any reader sees either no row or the final one. SQLite's write-ahead log lets
readers go on while another build writes, and a killed build loses at most its last
uncommitted batch — never a half-written row.

Rebuilding an index, or building another one over overlapping documents, embeds only the
passages this identity has never seen.

>>> cache = EmbeddingCache.open("demo-identity", dim=3)  # doctest: +SKIP
>>> cache.put({"h1": np.ones(3, dtype=np.float32)})  # doctest: +SKIP
>>> cache.get(["h1", "h2"]).keys()  # doctest: +SKIP
dict_keys(['h1'])
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np

SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 60_000  # another build holding the write lock: wait rather than fail
LOOKUP_BATCH = 500  # host parameters per SELECT (SQLite allows 32766; smaller keeps statements short)
# HEALTHQA_EMBEDDING_CACHE: unset -> $HEALTHQA_CACHE/embeddings; "off" (or 0/false/no) -> no shared
# cache (reuse from the index's previous version stays); any other value -> that folder.
SETTING = "HEALTHQA_EMBEDDING_CACHE"
_OFF = {"0", "off", "false", "no"}


def embeddings_dir() -> Path | None:
    """Folder of the shared cache, or None when the setting switches it off."""
    configured = os.environ.get(SETTING, "").strip()
    if configured.lower() in _OFF:
        return None
    if configured:
        return Path(configured).expanduser()
    from index.model import cache_dir

    return cache_dir() / "embeddings"


def cache_enabled() -> bool:
    return embeddings_dir() is not None


class EmbeddingCache:
    """Append-only store of float32 passage vectors of one embedding identity, by text hash."""

    def __init__(self, path: Path, identity: str, dim: int):
        self.path = Path(path)
        self.identity = identity
        self.dim = int(dim)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        self._connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        self._connection.execute("PRAGMA journal_mode = WAL")
        self._connection.execute("PRAGMA synchronous = NORMAL")  # WAL: durable at checkpoints, never corrupt
        self._connection.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        self._connection.execute(
            "CREATE TABLE IF NOT EXISTS vectors (hash TEXT PRIMARY KEY, vector BLOB NOT NULL) WITHOUT ROWID"
        )
        self._connection.executemany(
            "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)",
            [("identity", identity), ("dim", str(self.dim)), ("schema", str(SCHEMA_VERSION))],
        )
        stored = dict(self._connection.execute("SELECT key, value FROM meta"))
        if stored.get("identity") != identity or stored.get("dim") != str(self.dim):
            # Two identities hashing to one file name: never mix their vectors.
            raise ValueError(f"embedding cache {self.path} belongs to another model ({stored.get('identity')})")

    @classmethod
    def open(cls, identity: str, dim: int, folder: Path | None = None) -> "EmbeddingCache":
        """The cache file of `identity` under `folder` (default: `embeddings_dir()`)."""
        folder = folder or embeddings_dir()
        if folder is None:
            raise ValueError(f"the shared embedding cache is switched off ({SETTING})")
        name = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:32]
        return cls(Path(folder) / f"{name}.sqlite", identity, dim)

    def get(self, hashes: Iterable[str]) -> dict[str, np.ndarray]:
        """Vectors found for these text hashes (missing ones are simply absent)."""
        wanted = list(dict.fromkeys(hashes))
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(wanted), LOOKUP_BATCH):
            batch = wanted[start : start + LOOKUP_BATCH]
            marks = ",".join("?" * len(batch))
            for key, blob in self._connection.execute(
                f"SELECT hash, vector FROM vectors WHERE hash IN ({marks})", batch
            ):
                vector = np.frombuffer(blob, dtype="<f4")
                if vector.size == self.dim:  # a foreign row of another size is ignored, not trusted
                    found[key] = vector
        return found

    def put(self, vectors: Mapping[str, np.ndarray]) -> int:
        """Add vectors not yet stored, in one transaction; returns how many rows were new."""
        rows = [
            (key, np.ascontiguousarray(vector, dtype="<f4").reshape(-1).tobytes())
            for key, vector in vectors.items()
            if np.asarray(vector).size == self.dim
        ]
        if not rows:
            return 0
        with _transaction(self._connection):
            before = self._connection.total_changes
            self._connection.executemany("INSERT OR IGNORE INTO vectors (hash, vector) VALUES (?, ?)", rows)
            return self._connection.total_changes - before

    def __len__(self) -> int:
        return int(self._connection.execute("SELECT COUNT(*) FROM vectors").fetchone()[0])

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> "EmbeddingCache":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _transaction:
    """BEGIN IMMEDIATE … COMMIT (ROLLBACK on error) on an autocommit connection."""

    def __init__(self, connection: sqlite3.Connection):
        self.connection = connection

    def __enter__(self) -> None:
        self.connection.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type, exc, tb) -> None:
        self.connection.execute("ROLLBACK" if exc_type else "COMMIT")

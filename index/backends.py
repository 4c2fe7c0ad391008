"""Which engine holds the index: ``local`` (a version folder: bm25s + FAISS) or ``milvus``.

Settings (flags win over the environment):

* ``HEALTHQA_BACKEND`` / ``--backend``: ``local`` (default) or ``milvus``;
* ``HEALTHQA_MILVUS_URI``: a file path → Milvus Lite embedded in this process (one process at a
  time per file); ``http://host:19530`` → a Milvus server or cluster (any number of processes).
  Default: ``milvus.db`` inside the index folder;
* ``HEALTHQA_MILVUS_TOKEN``: ``user:password`` or an API key, for a server that asks for one;
* ``HEALTHQA_MILVUS_COLLECTION``: the collections' name prefix (default ``healthqa``).

Both backends answer a query through the same small interface (``Retrieval`` below, in the
style of txtai's ANN backends): a lexical and a dense query object, each giving its top rows under
a filter and exact scores for given rows. Fusion, grouping and everything above stay shared.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Protocol

import numpy as np

from corpus.errors import UserError

BACKENDS = ("local", "milvus")
DEFAULT_COLLECTION = "healthqa"


class BackendError(UserError):
    """A one-line, user-facing backend problem."""


def backend_name(explicit: str | None = None) -> str:
    name = (explicit or os.environ.get("HEALTHQA_BACKEND") or "local").strip().lower()
    if name not in BACKENDS:
        raise BackendError(f"Backend không hợp lệ: {name} (local, milvus)")
    return name


@dataclass(frozen=True)
class MilvusSettings:
    uri: str
    token: str = ""
    collection: str = DEFAULT_COLLECTION

    @property
    def embedded(self) -> bool:
        return not self.uri.startswith(("http://", "https://", "tcp://", "unix:"))

    def describe(self) -> dict[str, Any]:
        return {"backend": "milvus", "uri": self.uri, "collection": self.collection,
                "mode": "milvus-lite (embedded)" if self.embedded else "server"}


def milvus_settings(index_dir: Path | None = None, uri: str | None = None, token: str | None = None,
                    collection: str | None = None) -> MilvusSettings:
    from index.builder import default_index_dir

    uri = uri or os.environ.get("HEALTHQA_MILVUS_URI") or str(Path(index_dir or default_index_dir()) / "milvus.db")
    if not uri.startswith(("http://", "https://", "tcp://", "unix:")):
        uri = str(Path(uri).resolve())
    return MilvusSettings(uri=uri, token=token if token is not None else os.environ.get("HEALTHQA_MILVUS_TOKEN", ""),
                          collection=collection or os.environ.get("HEALTHQA_MILVUS_COLLECTION") or DEFAULT_COLLECTION)


def open_store(index_dir: Path | None = None, backend: str | None = None, settings: MilvusSettings | None = None):
    """The loaded index of either backend: ``IndexStore`` (local) or ``MilvusStore``; both expose
    ``manifest``, ``documents``, ``chunks``, ``citations``, ``bm25.scores`` and ``retrieval()``."""
    from index.builder import default_index_dir

    index_dir = Path(index_dir or default_index_dir())
    if backend_name(backend) == "milvus":
        from index.milvus_store import MilvusStore

        return MilvusStore.open(settings or milvus_settings(index_dir))
    from index.store import IndexStore

    return IndexStore.load(index_dir)


# ------------------------------------------------------------------ the query interface
class LexicalQuery(Protocol):
    def top(self, k: int, restriction: Any) -> tuple[np.ndarray, np.ndarray]:
        """Rows with a positive BM25 score under `restriction`, best first (at most k), and scores."""

    def scores(self, rows: np.ndarray, known: dict[int, float]) -> np.ndarray:
        """Exact BM25 scores of `rows`; `known` holds those already returned by `top`."""

    def narrowed(self, tokens: list[str]) -> "LexicalQuery":
        """The query of a subset of its tokens, reusing what this one already read (statistics)."""


class DenseQuery(Protocol):
    def top(self, k: int, restriction: Any) -> tuple[np.ndarray, np.ndarray]: ...

    def scores(self, rows: np.ndarray, known: dict[int, float]) -> np.ndarray: ...


class Retrieval(Protocol):
    kind: str

    def restrict(self, allowed_documents: list[str] | None, filters: Any, excluded: set[str]) -> Any:
        """The backend's form of a filter: row ids (local) or an expression (milvus); None: no filter."""

    def lexical(self, tokens: list[str]) -> LexicalQuery: ...

    def dense(self, vector: np.ndarray) -> DenseQuery: ...

    def start(self, work: Callable[[], Any]) -> Callable[[], Any]:
        """Begin `work`; the returned callable gives its result. A backend whose searches wait on the
        network runs it beside the caller (who meanwhile embeds the query and searches the vectors)."""
        ...

    def exact_scores(self, lexical: LexicalQuery | None, dense: DenseQuery | None, rows: np.ndarray,
                     known_bm25: dict[int, float], known_dense: dict[int, float]) -> tuple[np.ndarray, np.ndarray]:
        """BM25 and dense scores of every row (zeros for an absent system), `known` ones kept."""
        ...


def exact_scores_each(lexical, dense, rows, known_bm25, known_dense) -> tuple[np.ndarray, np.ndarray]:
    zeros = np.zeros(len(rows), dtype=np.float32)
    bm25 = lexical.scores(rows, known_bm25) if lexical is not None else zeros
    return bm25, (dense.scores(rows, known_dense) if dense is not None else zeros)


class LocalRetrieval:
    """bm25s over every row, FAISS for the dense top-k, exact scores from the stored vectors."""

    kind = "local"

    def __init__(self, store, rows_by_document: dict[str, list[int]]):
        self.store = store
        self._doc_rows = rows_by_document

    def restrict(self, allowed_documents, filters, excluded):
        if allowed_documents is None:
            return None
        rows = [r for doc_id in allowed_documents for r in self._doc_rows.get(doc_id, [])]
        return np.asarray(sorted(rows), dtype=np.int64)

    def lexical(self, tokens):
        return _LocalLexical(self.store, tokens)

    def dense(self, vector):
        return _LocalDense(self.store, vector)

    def start(self, work):
        result = work()  # all in this process, on the CPU: nothing to overlap
        return lambda: result

    def exact_scores(self, lexical, dense, rows, known_bm25, known_dense):
        return exact_scores_each(lexical, dense, rows, known_bm25, known_dense)


class _LocalLexical:
    def __init__(self, store, tokens):
        self.store = store
        self.all = store.bm25.scores(tokens)

    def narrowed(self, tokens):
        return _LocalLexical(self.store, tokens)

    def top(self, k, restriction):
        scores = self.all
        if restriction is not None:
            mask = np.full(len(scores), -np.inf, dtype=np.float32)
            mask[restriction] = 0.0
            scores = scores + mask
        size = len(scores)
        top = np.argpartition(-scores, k - 1)[:k] if k < size else np.arange(size)
        rows = np.asarray([int(i) for i in top if np.isfinite(scores[i]) and scores[i] > 0], dtype=np.int64)
        return rows, scores[rows]

    def scores(self, rows, known):
        return np.maximum(self.all[rows], 0.0)


class _LocalDense:
    def __init__(self, store, vector):
        self.store, self.vector = store, vector

    def top(self, k, restriction):
        ids, scores = self.store.dense.search(self.vector[None, :], k, restriction)
        keep = ids[0] >= 0
        return ids[0][keep].astype(np.int64), scores[0][keep]

    def scores(self, rows, known):
        return np.asarray(self.store.vectors[rows], dtype=np.float32) @ self.vector

"""Dense vector indexes behind one small interface, so FAISS can be swapped.

Vectors are L2-normalized, so inner product is cosine similarity.  Small
collections use an exact flat index; above ``APPROXIMATE_ABOVE`` vectors an
IVF index (fast to build, tunable with ``nprobe``) takes over — the threshold
comes from ``python -m eval bench``.

>>> import numpy as np
>>> vectors = np.eye(4, dtype=np.float32)
>>> index = create_vector_index(vectors)
>>> ids, scores = index.search(vectors[2:3], k=1)
>>> int(ids[0][0]), index.kind
(2, 'flat')
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import faiss
import numpy as np

# Measured with `python -m eval bench --ann-sizes 50000,200000,1000000` (eval/RESULTS.md): exact
# search costs ~11-14 ms at 200k and ~50-65 ms at 1M vectors; IVF stays under ~13 ms at 1M.
APPROXIMATE_ABOVE = 200_000  # vectors; below this an exact search is fast enough (see eval bench)
IVF_LISTS_PER_SQRT = 4  # nlist = 4·√n
IVF_TRAIN_PER_LIST = 40  # training sample: 40 vectors per list
# nprobe = max(32, nlist/64): just above the threshold 32 instead of 27 lists raise recall@10
# from 0.93 to 0.95 for +0.4 ms; at 1M nlist/64 = 62 lists (recall@10 0.98, 13 ms).
IVF_MIN_NPROBE = 32


def ivf_parameters(count: int) -> tuple[int, int]:
    """(nlist, nprobe) of the IVF index over ``count`` vectors."""
    nlist = int(IVF_LISTS_PER_SQRT * np.sqrt(count))
    return nlist, max(IVF_MIN_NPROBE, nlist // 64)


class VectorIndex(Protocol):
    kind: str
    size: int

    def search(
        self, queries: np.ndarray, k: int, allowed: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Top-k row ids and scores per query; ``allowed`` restricts to these row ids. -1 pads."""

    def save(self, path: Path) -> None: ...


class FaissVectorIndex:
    """A FAISS inner-product index (flat or IVF)."""

    def __init__(self, index: faiss.Index, kind: str):
        self._index = index
        self.kind = kind

    @property
    def size(self) -> int:
        return self._index.ntotal

    def search(self, queries, k, allowed=None):
        k = max(1, min(k, self.size)) if self.size else 1
        queries = np.ascontiguousarray(queries, dtype=np.float32)
        params = None
        if allowed is not None:
            selector = faiss.IDSelectorBatch(np.asarray(allowed, dtype=np.int64))
            params = (
                faiss.SearchParametersIVF(sel=selector, nprobe=self._nprobe())
                if self.kind == "ivf"
                else faiss.SearchParameters(sel=selector)
            )
        scores, ids = self._index.search(queries, k, params=params)
        return ids, scores

    def reconstruct_scores(self, query: np.ndarray, ids: np.ndarray) -> np.ndarray:
        """Exact inner products of one query with the given rows (for fusion over a union)."""
        vectors = np.vstack([self._index.reconstruct(int(i)) for i in ids]) if len(ids) else None
        if vectors is None:
            return np.zeros(0, dtype=np.float32)
        return vectors @ query.astype(np.float32)

    def _nprobe(self) -> int:
        return faiss.extract_index_ivf(self._index).nprobe if self.kind == "ivf" else 0

    def save(self, path: Path) -> None:
        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path, kind: str) -> "FaissVectorIndex":
        return cls(faiss.read_index(str(path)), kind)


def create_vector_index(vectors: np.ndarray, approximate_above: int = APPROXIMATE_ABOVE) -> FaissVectorIndex:
    """Choose the backend by collection size and fill it."""
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    count, dim = vectors.shape
    if count <= approximate_above:
        index = faiss.IndexFlatIP(dim)
        index.add(vectors)
        return FaissVectorIndex(index, "flat")
    nlist, nprobe = ivf_parameters(count)
    quantizer = faiss.IndexFlatIP(dim)
    index = faiss.IndexIVFFlat(quantizer, dim, nlist, faiss.METRIC_INNER_PRODUCT)
    sample = vectors[np.random.default_rng(0).choice(count, min(count, IVF_TRAIN_PER_LIST * nlist), replace=False)]
    index.train(sample)
    index.add(vectors)
    index.nprobe = nprobe
    return FaissVectorIndex(index, "ivf")

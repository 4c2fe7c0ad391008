"""The retrieval systems ``python -m eval`` compares, all over the same index.

A *system* is a function ``query -> list of hit dicts`` (``doc_id``, ``source``, ``text``,
``start``, ``end``), best first, so every system is scored by the same code:

* ``hybrid`` — ours: :class:`retriever.search.HybridSearcher` (convex fusion, ``FUSION``);
* ``bm25`` / ``dense`` — its single-system modes;
* ``langchain`` — what a LangChain user would build instead: ``EnsembleRetriever`` (default
  weights [0.5, 0.5], weighted RRF with c=60) over langchain-community's ``BM25Retriever``
  (rank-bm25, default preprocessing = ``str.split``) and a ``FAISS`` vector store embedding
  ``chunk.text`` (a LangChain user splits text themselves; our index embeds ``chunk.context``)
  with the same model.  Only ``k`` is changed (4 -> 10 for each retriever) so that the @10
  metrics can be computed;
* ``hybrid_rrf`` — ours with reciprocal rank fusion instead of convex fusion.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np

from corpus.model import Chunk
from index.model import Embedder, cache_dir
from retriever.search import FUSION, HybridSearcher

K = 10  # hits per query: enough for mrr@10 and ndcg@10
REQUIRED_SYSTEMS = ("hybrid", "bm25", "dense", "langchain")
System = Callable[[str], list[dict[str, Any]]]


def hit_dict(hit: Any) -> dict[str, Any]:
    """The fields the metrics need, from a retriever Hit."""
    return {"doc_id": hit.doc_id, "source": hit.source, "text": hit.text, "start": hit.start, "end": hit.end}


def searcher_system(searcher: HybridSearcher, mode: str = "hybrid", k: int = K) -> System:
    def search(query: str) -> list[dict[str, Any]]:
        return [hit_dict(h) for h in searcher.search(query, k=k, mode=mode).hits]

    return search


def with_fusion(searcher: HybridSearcher, **settings: Any) -> HybridSearcher:
    """Another searcher over the same loaded index and model, with other fusion settings."""
    return HybridSearcher(searcher.store, searcher.embedder, replace(FUSION, **settings))


def forget_queries(embedder: Embedder) -> None:
    """Empty the embedder's query cache, so a system timed after another one does not get
    the query vectors the first one computed (each measured query pays its own embedding)."""
    embedder.clear_query_cache()


# ---------------------------------------------------------------- LangChain baseline
def langchain_retriever(chunks: list[Chunk], embedder: Embedder, k: int = K,
                        vectors: np.ndarray | None = None):
    """EnsembleRetriever(BM25Retriever, FAISS) over ``chunk.text`` with LangChain defaults.

    ``vectors``: passage vectors of exactly the ``chunk.text`` strings, when the caller has them
    (BEIR, where text == context); otherwise the texts are embedded through LangChain's
    ``CacheBackedEmbeddings`` (a file store under ``$HEALTHQA_CACHE``), as a user would cache them.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # langchain-community's sunset DeprecationWarning
        from langchain_classic.retrievers import EnsembleRetriever
        from langchain_community.retrievers import BM25Retriever
        from langchain_community.vectorstores import FAISS
        from langchain_core.documents import Document

    from retriever.lc_embeddings import EmbedderEmbeddings

    documents = [
        Document(page_content=c.text, metadata={"doc_id": c.doc_id, "source": c.source, "text": c.text,
                                                "start": c.start, "end": c.end, "chunk_id": c.chunk_id})
        for c in chunks
    ]
    embeddings = EmbedderEmbeddings(embedder)
    bm25 = BM25Retriever.from_documents(documents, k=k)
    if vectors is not None:
        pairs = list(zip((d.page_content for d in documents), np.asarray(vectors, dtype=np.float32).tolist()))
        store = FAISS.from_embeddings(pairs, embeddings, metadatas=[d.metadata for d in documents])
    else:
        store = FAISS.from_documents(documents, _cached(embeddings))
    dense = store.as_retriever(search_kwargs={"k": k})
    return EnsembleRetriever(retrievers=[bm25, dense])


def langchain_system(retriever, k: int = K) -> System:
    def search(query: str) -> list[dict[str, Any]]:
        documents = retriever.invoke(query)[:k]
        return [{key: d.metadata[key] for key in ("doc_id", "source", "text", "start", "end")} for d in documents]

    return search


def _cached(embeddings):
    from langchain_classic.embeddings import CacheBackedEmbeddings
    from langchain_classic.storage import LocalFileStore

    store = LocalFileStore(cache_dir() / "langchain-embeddings")
    namespace = embeddings.embedder.name.replace("/", "_")
    return CacheBackedEmbeddings.from_bytes_store(embeddings, store, namespace=namespace, key_encoder="sha256")


# ------------------------------------------------------------------------ together
def build_systems(searcher: HybridSearcher, lc_vectors: np.ndarray | None = None) -> dict[str, System]:
    """Every compared system over one loaded index; the four required ones first."""
    lc = langchain_retriever(searcher.store.chunks, searcher.embedder, vectors=lc_vectors)
    return {
        "hybrid": searcher_system(searcher, "hybrid"),
        "bm25": searcher_system(searcher, "bm25"),
        "dense": searcher_system(searcher, "dense"),
        "langchain": langchain_system(lc),
        "hybrid_rrf": searcher_system(with_fusion(searcher, method="rrf")),
    }

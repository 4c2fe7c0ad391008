"""Our embedding model as a LangChain ``Embeddings`` object.

LangChain components (``FAISS`` vector stores, ``CacheBackedEmbeddings``…) take an
``Embeddings``; this adapter hands them :class:`index.model.Embedder`, so they embed
with exactly the model, prefixes ("query: " / "passage: ") and normalization of our index.

>>> embeddings = EmbedderEmbeddings.from_index(".index")  # doctest: +SKIP
>>> len(embeddings.embed_query("Sở nào chủ trì y tế trường học?"))  # doctest: +SKIP
384
"""

from __future__ import annotations

from pathlib import Path

from langchain_core.embeddings import Embeddings

from index.model import Embedder


class EmbedderEmbeddings(Embeddings):
    """``embed_documents`` -> ``Embedder.encode_passages``, ``embed_query`` -> ``encode_queries``.

    Vectors are L2-normalized float lists, so inner product, cosine and L2 distance rank alike.
    """

    def __init__(self, embedder: Embedder, batch_size: int = 32):
        self.embedder = embedder
        self.batch_size = batch_size

    @classmethod
    def load(cls, model: str | None = None) -> "EmbedderEmbeddings":
        """The model by name or path (default: ``HEALTHQA_MODEL`` or the offline e5-small)."""
        return cls(Embedder.load(model))

    @classmethod
    def from_index(cls, index_dir: str | Path | None = None, backend: str | None = None) -> "EmbedderEmbeddings":
        """The model an index was built with (so queries match its vectors)."""
        from index.builder import default_index_dir, index_info

        manifest = index_info(Path(index_dir or default_index_dir()), backend)
        return cls(Embedder.load(manifest["settings"]["model"]))

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.encode_passages(list(texts), batch_size=self.batch_size).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.encode_queries([text])[0].tolist()

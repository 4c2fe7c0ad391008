"""LangChain retriever over the same index as the app and the CLI.

``HealthPolicyRetriever`` is a ``langchain_core`` ``BaseRetriever``: every passage
comes back as a ``Document`` whose ``page_content`` is the passage text
(``== cleaned_text[start:end]``) and whose ``metadata`` carries the citation as
officials write it, so a chain can make its model cite.

>>> retriever = HealthPolicyRetriever.load(k=4)  # doctest: +SKIP
>>> docs = retriever.invoke("Sở nào chủ trì y tế trường học?")  # doctest: +SKIP
>>> docs[0].metadata["citation"]  # doctest: +SKIP
'Kế hoạch 542/KH-UBND ngày 09/07/2024 của UBND tỉnh Nghệ An, mục V.6'

``build_cited_rag_chain(retriever, llm)`` is the small RAG chain shown in the
README: retrieve → numbered passages with their citations → a prompt that
requires the model to cite → the model → a string.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from langchain_core.callbacks import AsyncCallbackManagerForRetrieverRun, CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, Field, field_validator

from retriever.search import MODES, HybridSearcher, SearchFilters

METADATA_FIELDS = ("citation", "number", "type", "issuer", "date", "heading", "source", "doc_id",
                   "score", "start", "end")


class HealthPolicyRetriever(BaseRetriever):
    """Hybrid (BM25 + dense) search over the Vietnamese health-policy index.

    Build it with :meth:`load` (reads the index and its embedding model once);
    the searcher is shared read-only, so one retriever can serve many threads.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    searcher: Any = Field(exclude=True, repr=False)  # retriever.search.HybridSearcher
    k: int = 5
    filters: SearchFilters | None = None
    mode: str = "hybrid"

    @field_validator("k")
    @classmethod
    def _check_k(cls, value: int) -> int:
        if value < 1:
            raise ValueError("k must be at least 1")
        return value

    @field_validator("mode")
    @classmethod
    def _check_mode(cls, value: str) -> str:
        if value not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}")
        return value

    @field_validator("filters", mode="before")
    @classmethod
    def _coerce_filters(cls, value: Any) -> SearchFilters | None:
        if value is None or isinstance(value, SearchFilters):
            return value
        if isinstance(value, dict):
            unknown = set(value) - {"type", "issuer", "year", "source"}
            if unknown:
                raise ValueError(f"unknown filter(s): {', '.join(sorted(unknown))} (type, issuer, year, source)")
            return SearchFilters(**value)
        raise ValueError("filters must be a dict or a SearchFilters")

    @classmethod
    def load(cls, index_dir: str | Path | None = None, *, model: str | None = None,
             searcher: HybridSearcher | None = None, backend: str | None = None,
             **options: Any) -> "HealthPolicyRetriever":
        """Load the index (default ``HEALTHQA_INDEX`` or ``.index/``) and its model.

        ``options``: ``k`` (passages, default 5), ``filters`` (dict with ``type``,
        ``issuer``, ``year``, ``source``, or a ``SearchFilters``), ``mode``
        (``hybrid``/``bm25``/``dense``).  Pass ``searcher`` to share one already loaded.
        ``backend``: ``local`` or ``milvus`` (default ``HEALTHQA_BACKEND``, else local).
        """
        if searcher is None:
            searcher = HybridSearcher.load(Path(index_dir) if index_dir else None, model, backend=backend)
        return cls(searcher=searcher, **options)

    # ------------------------------------------------------------------ search
    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        result = self.searcher.search(query, k=self.k, filters=self.filters, mode=self.mode)
        return [hit_to_document(hit) for hit in result.hits]

    async def _aget_relevant_documents(self, query: str, *,
                                       run_manager: AsyncCallbackManagerForRetrieverRun) -> list[Document]:
        # The search is CPU-bound and thread-safe: run it in the default executor.
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            None, lambda: self._get_relevant_documents(query, run_manager=run_manager.get_sync())
        )


def hit_to_document(hit) -> Document:
    metadata = {name: getattr(hit, name) for name in METADATA_FIELDS}
    metadata["section"] = hit.section
    metadata["title"] = hit.title
    metadata["chunk_id"] = hit.chunk_id
    if hit.also_in:
        metadata["also_in"] = [other["citation"] for other in hit.also_in]
    return Document(page_content=hit.text, metadata=metadata, id=hit.chunk_id)


# --------------------------------------------------------------------- RAG chain
CITED_RAG_SYSTEM = (
    "Bạn là trợ lý tra cứu văn bản chính sách y tế Việt Nam. Chỉ trả lời dựa trên các đoạn trích "
    "được đánh số dưới đây. Mỗi ý trong câu trả lời phải ghi nguồn bằng số đoạn trong ngoặc vuông, "
    "ví dụ [1], và nêu trích dẫn văn bản (loại, số hiệu, ngày, cơ quan ban hành, mục). "
    "Nếu các đoạn trích không chứa câu trả lời, hãy nói: \"Không tìm thấy trong các văn bản đã cho.\"\n\n"
    "Các đoạn trích:\n{context}"
)


def format_passages(documents: list[Document]) -> str:
    """``[1] <citation>\\n<heading>\\n<passage>`` blocks, numbered from 1."""
    blocks = []
    for number, document in enumerate(documents, 1):
        lines = [f"[{number}] {document.metadata.get('citation', '')}"]
        if document.metadata.get("heading"):
            lines.append(f"Mục: {document.metadata['heading']}")
        lines.append(document.page_content.strip())
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) if blocks else "(không có đoạn trích nào)"


def build_cited_rag_chain(retriever: BaseRetriever, llm):
    """question (str) → answer (str) that cites the numbered passages.

    ``llm`` is any LangChain chat model or LLM (``ChatOpenAI``, ``ChatOllama``…).
    """
    from langchain_core.output_parsers import StrOutputParser
    from langchain_core.prompts import ChatPromptTemplate
    from langchain_core.runnables import RunnableLambda, RunnablePassthrough

    prompt = ChatPromptTemplate.from_messages([("system", CITED_RAG_SYSTEM), ("human", "{question}")])
    return (
        {"context": retriever | RunnableLambda(format_passages), "question": RunnablePassthrough()}
        | prompt
        | llm
        | StrOutputParser()
    )

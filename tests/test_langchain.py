"""``retriever.HealthPolicyRetriever`` (a LangChain ``BaseRetriever``) and the cited RAG chain."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import pytest

from conftest import PROJECT_ROOT

pytest.importorskip("langchain_core")

from langchain_core.documents import Document  # noqa: E402
from langchain_core.retrievers import BaseRetriever  # noqa: E402

QUESTION = "Sở nào chủ trì y tế trường học?"
METADATA = {"citation", "number", "type", "issuer", "date", "heading", "source", "doc_id", "score", "start", "end"}


@pytest.fixture(scope="module")
def lc_retriever(searcher):
    from retriever import HealthPolicyRetriever

    return HealthPolicyRetriever(searcher=searcher, k=4)


def test_import_retriever_stays_cheap():
    code = ("import sys, retriever; assert 'langchain_core' not in sys.modules; "
            "assert 'retriever.langchain' not in sys.modules; "
            "from retriever import HealthPolicyRetriever; print(HealthPolicyRetriever.__name__)")
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "HealthPolicyRetriever"


def test_documents_carry_passage_and_citation(lc_retriever, searcher):
    assert isinstance(lc_retriever, BaseRetriever)
    documents = lc_retriever.invoke(QUESTION)
    assert 1 <= len(documents) <= 4 and all(isinstance(d, Document) for d in documents)
    for document in documents:
        assert METADATA <= set(document.metadata)
        stored = searcher.store.documents[document.metadata["doc_id"]]
        assert stored.text[document.metadata["start"]:document.metadata["end"]] == document.page_content
    assert any("542/KH-UBND" in d.metadata["citation"] and "Sở Giáo dục và Đào tạo" in d.page_content
               for d in documents)


def test_async_matches_sync(lc_retriever):
    sync = lc_retriever.invoke("so nao chu tri y te truong hoc")
    asynchronous = asyncio.run(lc_retriever.ainvoke("so nao chu tri y te truong hoc"))
    assert [d.metadata["start"] for d in asynchronous] == [d.metadata["start"] for d in sync]

    async def many():
        return await asyncio.gather(*(lc_retriever.ainvoke(q) for q in ("y tế trường học", "bảo hiểm y tế", "tiêm chủng")))

    assert all(results for results in asyncio.run(many()))


def test_options_filters_and_mode(searcher, bundled_index):
    from retriever import HealthPolicyRetriever
    from retriever.search import SearchFilters

    retriever = HealthPolicyRetriever.load(searcher=searcher, k=10, filters={"year": 2022}, mode="bm25")
    documents = retriever.invoke("y tế")
    assert documents and all(d.metadata["date"].startswith("2022") for d in documents)
    by_type = HealthPolicyRetriever(searcher=searcher, k=3, filters=SearchFilters(type="Kế hoạch"))
    assert all(d.metadata["type"] == "Kế hoạch" for d in by_type.invoke("y tế"))
    with pytest.raises(ValueError):
        HealthPolicyRetriever(searcher=searcher, mode="fuzzy")
    with pytest.raises(ValueError):
        HealthPolicyRetriever(searcher=searcher, filters={"colour": "red"})
    with pytest.raises(ValueError):
        HealthPolicyRetriever(searcher=searcher, k=0)


def test_load_from_an_index_folder(bundled_index):
    from retriever import HealthPolicyRetriever

    retriever = HealthPolicyRetriever.load(bundled_index, k=2)
    assert len(retriever.invoke(QUESTION)) == 2


def test_cited_rag_chain_sends_numbered_passages_with_citations(lc_retriever):
    """The README example, run with a fake chat model standing in for the user's LLM."""
    # FakeListChatModel (langchain_core) replays canned answers and never calls a network;
    # a callback records the exact prompt the chain sent to it.
    from langchain_core.callbacks import BaseCallbackHandler
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    from retriever.langchain import build_cited_rag_chain

    class Recorder(BaseCallbackHandler):
        def __init__(self):
            self.prompts: list[list] = []

        def on_chat_model_start(self, serialized, messages, **kwargs):
            self.prompts.extend(messages)

    recorder = Recorder()
    llm = FakeListChatModel(responses=["Sở Giáo dục và Đào tạo chủ trì [1]."], callbacks=[recorder])
    chain = build_cited_rag_chain(lc_retriever, llm)
    answer = chain.invoke(QUESTION)
    assert answer == "Sở Giáo dục và Đào tạo chủ trì [1]."

    assert len(recorder.prompts) == 1
    system, human = recorder.prompts[0]
    assert human.content == QUESTION
    prompt = system.content
    assert "ghi nguồn" in prompt and "[1]" in prompt  # the model is told to cite
    documents = lc_retriever.invoke(QUESTION)
    for number, document in enumerate(documents, 1):
        assert f"[{number}] {document.metadata['citation']}" in prompt
        assert document.page_content.strip() in prompt
    assert "[1] Kế hoạch 542/KH-UBND" in prompt or "542/KH-UBND" in prompt

"""Hybrid search over the bundled corpus, with the real model and indexes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import PROJECT_ROOT, assert_one_line_error, run_module
from corpus.errors import UserError
from corpus.vietnamese import match_key
from retriever.search import SearchFilters

KE_HOACH_542 = "002_de43d9b20077fde2.txt"
BOILERPLATE = ["Đăng Nhập Thành Viên", "Tổng truy cập", "DMCA", "Hotline", "Thăm dò ý kiến", "Share"]


def test_agency_question_finds_the_heading_that_answers(searcher):
    hit = searcher.search("Sở nào chủ trì y tế trường học?", k=3).hits[0]
    assert hit.source == KE_HOACH_542
    assert "Sở Giáo dục và Đào tạo" in hit.heading
    assert hit.citation.startswith("Kế hoạch 542/KH-UBND ngày 09/07/2024 của UBND tỉnh Nghệ An")


def test_accentless_query_finds_the_same_passage(searcher):
    accented = searcher.search("Sở nào chủ trì y tế trường học?", k=1).hits[0]
    plain = searcher.search("so nao chu tri y te truong hoc", k=3).hits
    assert accented.chunk_id in [h.chunk_id for h in plain]
    assert "Sở Giáo dục và Đào tạo" in plain[0].heading


def test_abbreviation_in_query(searcher):
    hits = searcher.search("Tỷ lệ tham gia BHYT mục tiêu năm 2030?", k=3).hits
    assert any("bảo hiểm y tế trên 95%" in h.text for h in hits)


@pytest.mark.parametrize("spelling", ["Chỉ thị 25- CT/TW", "chỉ thị 25-ct/tw", "25-CT/TW"])
def test_document_numbers_match_whatever_their_spelling(searcher, spelling):
    hits = searcher.search(spelling, k=5).hits
    assert any("25-CT/TW" in h.text.replace("25- CT/TW", "25-CT/TW") for h in hits)


def test_offsets_point_into_the_cleaned_text(searcher):
    for hit in searcher.search("trạm y tế xã", k=5).hits:
        assert searcher.store.documents[hit.doc_id].text[hit.start : hit.end] == hit.text


def test_filters(searcher):
    hits = searcher.search("y tế cơ sở", k=5, filters=SearchFilters(type="Chỉ thị")).hits
    assert hits and {h.type for h in hits} == {"Chỉ thị"}
    hits = searcher.search("y tế cơ sở", k=5, filters=SearchFilters(issuer="nghe an", year=2024)).hits
    assert hits and all(h.source == KE_HOACH_542 for h in hits)
    nothing = searcher.search("y tế cơ sở", k=5, filters=SearchFilters(year=1999))
    assert nothing.hits == [] and "bộ lọc" in nothing.message


def test_passages_copied_from_one_directive_are_grouped(searcher):
    query = "Phát huy tinh thần đoàn kết; càng khó khăn, càng phức tạp, càng phải đoàn kết"
    hits = searcher.search(query, k=5).hits
    first = hits[0]
    assert first.also_in, "the copy in the other document should be listed, not repeated"
    assert first.doc_id not in {a["doc_id"] for a in first.also_in}
    copy_doc = first.also_in[0]["doc_id"]
    assert not any(h.doc_id == copy_doc and match_key(query) in match_key(h.text) for h in hits[1:])


@pytest.mark.parametrize("query", ["đăng nhập thành viên", "tổng truy cập website", "bình luận chia sẻ"])
def test_boilerplate_never_appears_in_hits(searcher, query):
    for hit in searcher.search(query, k=10).hits:
        for junk in BOILERPLATE:
            assert junk.lower() not in hit.text.lower()


def test_bad_queries(searcher):
    with pytest.raises(UserError):
        searcher.search("   ")
    long_result = searcher.search("y tế cơ sở " * 10_000, k=3)
    assert long_result.truncated and long_result.hits


def test_search_cli_json_lines_in_input_order(bundled_index, tmp_path):
    queries = tmp_path / "queries.txt"
    queries.write_text("Sở nào chủ trì y tế trường học?\n\nai ky ke hoach 542\n", encoding="utf-8")
    result = run_module("retriever", "search", "--queries", str(queries), "--k", "2", "--json", "--index", str(bundled_index))
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["query"] for r in rows] == ["Sở nào chủ trì y tế trường học?", "ai ky ke hoach 542"]
    hit = rows[0]["hits"][0]
    assert set(hit) >= {"doc_id", "source", "citation", "heading", "text", "score", "start", "end"}
    assert rows[0]["took_ms"] > 0


def test_search_cli_errors(bundled_index, tmp_path):
    assert_one_line_error(run_module("retriever", "search", " ", "--index", str(bundled_index)))
    assert_one_line_error(run_module("retriever", "search", "y tế", "--index", str(tmp_path / "none")))


def _query_threads(embedder) -> int:
    """Threads of one query's embedding: the ONNX Runtime session's (torch's when it serves queries)."""
    if embedder.query_encoder == "onnx":
        return embedder.onnx.session.get_session_options().intra_op_num_threads
    import torch

    return torch.get_num_threads()


def test_serving_uses_one_thread_per_query(local_searcher):
    searcher = local_searcher
    import faiss

    from retriever.search import QUERY_THREADS

    assert searcher.embedder.query_encoder == "onnx"
    assert _query_threads(searcher.embedder) == QUERY_THREADS == 1
    assert faiss.omp_get_max_threads() == 1


def test_the_cli_answers_its_queries_on_every_core(bundled_index):
    import os

    import faiss

    from retriever.__main__ import load_searcher
    from retriever.search import QUERY_THREADS, SEQUENTIAL_THREADS, use_query_threads

    try:
        loaded = load_searcher(bundled_index, None)
        assert _query_threads(loaded.embedder) == SEQUENTIAL_THREADS == len(os.sched_getaffinity(0))
        assert faiss.omp_get_max_threads() == SEQUENTIAL_THREADS
    finally:
        use_query_threads(QUERY_THREADS)  # back to the serving setting for the other tests


def test_load_warms_the_segmenter_and_freezes_what_it_loaded(bundled_index):
    # A fresh process: in this one other tests have already segmented text and frozen objects.
    # (~58k objects frozen for the bundled index without torch; ~0.5M when torch was loaded.)
    script = (
        "import gc, sys\n"
        "from retriever.runtime import open_searcher\n"
        "open_searcher(sys.argv[1])\n"
        "import underthesea.pipeline.word_tokenize as segmenter\n"
        "print(segmenter.word_tokenize_model is not None, gc.get_freeze_count() > 20_000, gc.isenabled())"
    )
    result = subprocess.run([sys.executable, "-c", script, str(bundled_index)], cwd=PROJECT_ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.stdout.split() == ["True", "True", "True"], result.stderr[-2000:]


def test_a_library_load_has_no_process_wide_side_effect(bundled_index):
    # A LangChain user in a fresh process: torch and FAISS threads and the collector stay as they were.
    script = (
        "import gc, sys\n"
        "import faiss, torch\n"
        "before = (faiss.omp_get_max_threads(), torch.get_num_threads(), gc.get_freeze_count())\n"
        "from retriever.langchain import HealthPolicyRetriever\n"
        "retriever = HealthPolicyRetriever.load(sys.argv[1])\n"
        "docs = retriever.invoke('Sở nào chủ trì y tế trường học?')\n"
        "after = (faiss.omp_get_max_threads(), torch.get_num_threads(), gc.get_freeze_count())\n"
        "print(len(docs) > 0, before == after, before[0] > 1, gc.isenabled())"
    )
    result = subprocess.run([sys.executable, "-c", script, str(bundled_index)], cwd=PROJECT_ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.stdout.split() == ["True", "True", "True", "True"], result.stderr[-2000:]


def test_loading_leaves_the_garbage_collector_as_it_found_it(local_searcher, bundled_index):
    import gc

    from index.model import garbage_collection_paused
    from retriever.search import HybridSearcher

    assert gc.isenabled()  # the session searcher was loaded with collection paused, then resumed
    with garbage_collection_paused():
        with garbage_collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause does not resume the outer one
    assert gc.isenabled()
    gc.disable()
    try:
        HybridSearcher.load(bundled_index)
        assert not gc.isenabled()  # a caller that paused collection keeps it paused
    finally:
        gc.enable()


def test_diacritics_are_restored_from_the_corpus_for_the_dense_side(searcher):
    from retriever.query import analyze_query

    restored = searcher.dense_query(analyze_query("so nao chu tri y te truong hoc"))
    assert restored == "sở nào chủ trì y tế trường học"
    assert searcher.dense_query(analyze_query("Sở Y tế")) == "Sở Y tế"  # accented queries untouched

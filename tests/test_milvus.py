"""The Milvus backend beyond what the shared retrieval tests check: BM25 as sparse vectors,
filters as expressions, in-place updates and their statistics, several processes on one collection."""

from __future__ import annotations

import json

import numpy as np
import pytest
from conftest import assert_one_line_error, milvus_settings_for, run_module
from test_index import (
    EXTRA_LETTER,  # the same one-letter addition as the local backend's tests
)

from corpus.vietnamese import match_key
from retriever.search import SearchFilters

QUERIES = ["Sở nào chủ trì y tế trường học?", "so nao chu tri y te truong hoc", "tỷ lệ tham gia BHYT năm 2030",
           "Chỉ thị 25-CT/TW", "ai ký công văn", "kinh phí thực hiện từ nguồn nào"]


@pytest.fixture(scope="module")
def server_collection(bundled_index, milvus_server, tmp_path_factory):
    """A copy of the bundled index in its own collection on the loopback server (tests here change it)."""
    from index.milvus_builder import migrate

    def make(name):
        settings = milvus_settings_for("milvus-server", tmp_path_factory, milvus_server, collection=name)
        migrate(bundled_index, settings)
        return settings

    return make


def _milvus_env(settings) -> dict:
    return {"HEALTHQA_BACKEND": "milvus", "HEALTHQA_MILVUS_URI": settings.uri,
            "HEALTHQA_MILVUS_COLLECTION": settings.collection}


def test_sparse_bm25_reproduces_bm25s_scores(local_searcher, server_collection):
    from index.milvus_store import MilvusRetrieval, MilvusStore

    retrieval = MilvusRetrieval(MilvusStore.open(server_collection("scores")))
    worst = 0.0
    for query in QUERIES:
        tokens = local_searcher.tokenizer.query_tokens(query)
        expected = local_searcher.store.bm25.scores(tokens)
        rows, scores = retrieval.lexical(tokens).top(100, None)
        assert len(rows) == min(100, int((expected > 0).sum()))
        worst = max(worst, float(np.max(np.abs(expected[rows] - scores))))
        top = np.sort(expected)[::-1][: len(rows)]
        assert np.allclose(np.sort(scores)[::-1], top, atol=1e-3)  # the same top list
    assert worst < 1e-3


class _CountingClient:
    """Stands in for a MilvusClient and records the name of every call it passes on."""

    def __init__(self, client):
        self.client, self.calls = client, []

    def __getattr__(self, name):
        self.calls.append(name)
        return getattr(self.client, name)


def _exact_scores_counting(retrieval, *args):
    """``retrieval.exact_scores(*args)`` and the client calls it made."""
    client = retrieval.client
    counting = retrieval.client = _CountingClient(client)
    try:
        return retrieval.exact_scores(*args), counting.calls
    finally:
        retrieval.client = client


def test_missing_union_members_are_scored_exactly(local_searcher, server_collection):
    from index.milvus_store import MilvusRetrieval, MilvusStore

    retrieval = MilvusRetrieval(MilvusStore.open(server_collection("exact")))
    for query in QUERIES:
        tokens = local_searcher.tokenizer.query_tokens(query)
        vector = local_searcher.embedder.encode_queries([query])[0]
        lexical, dense = retrieval.lexical(tokens), retrieval.dense(vector)
        rows = np.arange(0, len(local_searcher.store.chunks), 7, dtype=np.int64)  # none known
        (bm25, dense_scores), calls = _exact_scores_counting(retrieval, lexical, dense, rows, {}, {})
        assert sorted(calls) == ["query", "search"]  # one call per system
        expected_bm25 = local_searcher.store.bm25.scores(tokens)[rows]
        expected_dense = np.asarray(local_searcher.store.vectors[rows], dtype=np.float32) @ vector
        assert np.max(np.abs(bm25 - expected_bm25)) < 1e-3
        assert np.max(np.abs(dense_scores - expected_dense)) < 1e-4
        retrieval.serial = True  # the first version's path (a call per system) gives the same scores
        serial_bm25, serial_dense = retrieval.exact_scores(lexical, dense, rows, {}, {})
        retrieval.serial = False
        assert np.max(np.abs(serial_bm25 - bm25)) < 1e-3 and np.max(np.abs(serial_dense - dense_scores)) < 1e-4
        known = {int(rows[0]): 123.0}  # known scores are kept as given
        assert retrieval.exact_scores(lexical, None, rows[:3], known, {})[0][0] == 123.0


def test_the_sparse_search_carries_the_dense_vectors_of_its_hits(local_searcher, server_collection):
    """Dense scores of the BM25 hits come from the vectors the sparse search returned: no follow-up
    lookup of stored vectors; only the dense-only members' BM25 is asked (one restricted search)."""
    from index.milvus_store import MilvusRetrieval, MilvusStore

    retrieval = MilvusRetrieval(MilvusStore.open(server_collection("carry")))
    for query in QUERIES:
        tokens = local_searcher.tokenizer.query_tokens(query)
        vector = local_searcher.embedder.encode_queries([query])[0]
        lexical, dense = retrieval.lexical(tokens), retrieval.dense(vector)
        bm25_rows, bm25_top = lexical.top(20, None)
        dense_rows, dense_top = dense.top(20, None)
        assert set(lexical.vectors) == set(bm25_rows.tolist())
        rows = np.asarray(sorted(set(bm25_rows.tolist()) | set(dense_rows.tolist())), dtype=np.int64)
        (bm25, dense_scores), calls = _exact_scores_counting(
            retrieval, lexical, dense, rows, dict(zip(bm25_rows.tolist(), bm25_top)), dict(zip(dense_rows.tolist(), dense_top)))
        assert "query" not in calls and calls.count("search") <= 1
        expected_bm25 = local_searcher.store.bm25.scores(tokens)[rows]
        expected_dense = np.asarray(local_searcher.store.vectors[rows], dtype=np.float32) @ vector
        assert np.max(np.abs(bm25 - expected_bm25)) < 1e-3
        assert np.max(np.abs(dense_scores - expected_dense)) < 1e-4


def test_cached_statistics_follow_another_processs_write(local_searcher, server_collection, tmp_path):
    from index.milvus_store import (
        MilvusRetrieval,
        MilvusStore,
        _names,
        connect,
        document_frequencies,
        query_weights,
        read_statistics,
    )

    settings = server_collection("cache")
    store = MilvusStore.open(settings)
    retrieval = MilvusRetrieval(store)
    tokens = local_searcher.tokenizer.query_tokens("tiêm chủng mở rộng cho trẻ em tại các xã")
    first = retrieval.lexical(tokens).data
    assert store.cache.refreshes == 1 and set(store.cache.df) >= set(tokens)
    assert retrieval.lexical(tokens).data == first and store.cache.refreshes == 1  # served from the cache

    extra = tmp_path / "extra.txt"
    extra.write_text(EXTRA_LETTER, encoding="utf-8")
    added = run_module("index", "add", str(extra), "--json", env=_milvus_env(settings))  # another process
    assert added.returncode == 0, added.stderr[-2000:]
    after = retrieval.lexical(tokens).data  # the same process, the same store, the next query
    assert store.cache.refreshes == 2 and after != first
    client, names = connect(settings), _names(settings)
    expected = query_weights(tokens, document_frequencies(client, names, tokens), read_statistics(client, names).n)
    assert after == expected


def test_the_dense_index_turns_ivf_above_the_threshold(local_searcher, server_collection):
    from index.milvus_store import MilvusStore, _names, connect, fit_dense_index
    from retriever.search import HybridSearcher

    settings = server_collection("ivf")
    passages = len(local_searcher.store.chunks)
    fitted = fit_dense_index(settings, passages, approximate_above=100)  # as 200k passages would
    described = connect(settings).describe_index(_names(settings)["passages"], "dense")
    assert described["index_type"] == "IVF_FLAT" and int(described["nlist"]) == int(4 * np.sqrt(passages))
    assert fitted == {"dense_backend": f"milvus-ivf_flat nlist={int(described['nlist'])}", "milvus_nprobe": 32}
    store = MilvusStore.open(settings)
    store.manifest.update(fitted)
    milvus = HybridSearcher(store, local_searcher.embedder)
    overlap = [len({h.chunk_id for h in local_searcher.search(q, k=10).hits}
                   & {h.chunk_id for h in milvus.search(q, k=10).hits}) / 10 for q in QUERIES]
    assert np.mean(overlap) >= 0.9  # nprobe 32 of 47 lists; union members are scored exactly
    assert fit_dense_index(settings, passages) == {"dense_backend": "milvus-flat", "milvus_nprobe": 0}
    assert connect(settings).describe_index(_names(settings)["passages"], "dense")["index_type"] == "FLAT"


def test_filters_are_pushed_down_as_expressions(searcher):
    if searcher.retrieval.kind != "milvus":
        pytest.skip("Milvus only")
    filters = SearchFilters(type="Kế hoạch", issuer="Nghệ An", year=2024, source="a.txt")
    expression = searcher.retrieval.restrict(["x"], filters, {"doc-1"})
    # the issuer as the exact keys of the records that match it: a lookup per row, not a substring scan
    keys = sorted({match_key(d.record.issuer) for d in searcher.store.documents.values()
                   if d.record.issuer and "nghe an" in match_key(d.record.issuer)})
    assert keys, "the bundled corpus has a Nghệ An document"
    assert expression == ('source == "a.txt" and type_key == "ke hoach" and issuer_key in '
                          f'[{", ".join(json.dumps(k) for k in keys)}] and year == 2024 and doc_id not in ["doc-1"]')
    unknown = searcher.retrieval.restrict(["x"], SearchFilters(issuer="Không Có"), set())
    assert unknown == 'issuer_key like "%khong co%"'  # no record matches: the scan stays (finds none)
    assert searcher.search("y tế", k=3, filters=SearchFilters(issuer='"; drop %_')).hits == []
    nghe_an = searcher.search("kế hoạch y tế", k=10, filters=SearchFilters(issuer="Nghệ An"))
    assert nghe_an.hits and all("nghe an" in match_key(h.issuer) for h in nghe_an.hits)


def test_in_place_updates_keep_bm25_statistics_exact(local_searcher, server_collection):
    from eval.parity import churn, statistics_gap
    from index.milvus_store import MilvusStore
    from retriever.search import HybridSearcher

    settings = server_collection("updates")
    done = churn(settings, local_searcher.store, operations=6, seed=1)
    assert done["removed"] > 0 and done["added"] >= done["removed"]
    gap = statistics_gap(settings, local_searcher.store)
    assert (gap["n"], gap["total_length"], gap["df_terms_differing"]) == \
        (gap["expected_n"], gap["expected_total_length"], 0)
    milvus = HybridSearcher(MilvusStore.open(settings), local_searcher.embedder)
    overlap = []
    for query in QUERIES:
        a = [h.chunk_id for h in local_searcher.search(query, k=10).hits]
        b = [h.chunk_id for h in milvus.search(query, k=10).hits]
        overlap.append(len(set(a) & set(b)) / 10)
    assert np.mean(overlap) >= 0.9  # only the stored passages' avgdl differs

    from index.milvus_store import compact

    folded = compact(settings)  # statistics folded, every passage re-weighted: a fresh build's scores
    assert folded["passages"] == gap["expected_n"] and folded["terms"] == gap["terms"]
    assert statistics_gap(settings, local_searcher.store)["df_terms_differing"] == 0
    milvus = HybridSearcher(MilvusStore.open(settings), local_searcher.embedder)
    for query in QUERIES:
        a = local_searcher.search(query, k=10).hits
        b = milvus.search(query, k=10).hits
        assert [h.chunk_id for h in a] == [h.chunk_id for h in b]
        assert max(abs(x.bm25_score - y.bm25_score) for x, y in zip(a, b)) < 1e-3


def test_a_second_process_sees_what_the_first_added(server_collection, tmp_path):
    from index.milvus_store import MilvusStore

    settings = server_collection("shared")
    env = _milvus_env(settings)
    before = MilvusStore.open(settings)
    extra = tmp_path / "extra.txt"
    extra.write_text(EXTRA_LETTER, encoding="utf-8")
    added = run_module("index", "add", str(extra), "--json", env=env)
    assert added.returncode == 0, added.stderr[-2000:]
    assert json.loads(added.stdout)["documents"] == len(before.documents) + 1
    after = MilvusStore.open(settings)  # this process
    assert "extra.txt" in {d.record.source for d in after.documents.values()}
    found = run_module("retriever", "search", "tiêm chủng mở rộng Minh Long", "--source", "extra.txt", "--json",
                       env=env)  # another process
    assert found.returncode == 0, found.stderr[-2000:]
    hits = json.loads(found.stdout)["hits"]
    assert hits and hits[0]["source"] == "extra.txt"
    assert all(h["source"] == "extra.txt" for h in hits) and any("tiêm chủng mở rộng" in h["text"] for h in hits)
    removed = run_module("index", "remove", "extra.txt", "--json", env=env)
    assert removed.returncode == 0, removed.stderr[-2000:]
    info = run_module("index", "info", "--json", env=env)
    described = json.loads(info.stdout)
    assert (described["backend"], described["uri"], described["collection"]) == ("milvus", settings.uri, "shared")
    assert described["chunks"] == len(before.chunks) and described["documents"] == len(before.documents)
    assert described["added"] == [] and described["removed"] == ["extra.txt"]


def test_two_adds_at_once_on_a_server_both_count(server_collection, tmp_path):
    """A server takes writers without a lock: each ``index add`` appends its manifest change instead
    of rewriting the manifest it read at its start, so neither drops the other's document."""
    import os
    import subprocess
    import sys

    from conftest import PROJECT_ROOT

    from index.milvus_store import (
        MilvusStore,
        _names,
        connect,
        read_manifest,
        write_manifest,
    )

    settings = server_collection("two_adds")
    before = MilvusStore.open(settings)
    files = []
    for name, place in (("extra_a.txt", "MINH LONG"), ("extra_b.txt", "SƠN TÂY")):
        path = tmp_path / name
        path.write_text(EXTRA_LETTER.replace("MINH LONG", place).replace("77/UBND-VX", f"7{len(files)}/UBND-VX"),
                        encoding="utf-8")
        files.append(path)
    env = {**os.environ, **_milvus_env(settings)}
    running = [subprocess.Popen([sys.executable, "-m", "index", "add", str(f), "--json"], cwd=PROJECT_ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for f in files]
    for process in running:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err[-2000:]
    manifest = read_manifest(settings)
    assert {"extra_a.txt", "extra_b.txt"} <= set(manifest["added"])
    after = MilvusStore.open(settings)
    assert {"extra_a.txt", "extra_b.txt"} <= {d.record.source for d in after.documents.values()}
    assert len(after.documents) == len(before.documents) + 2
    removed = run_module("index", "remove", "extra_a.txt", "--json", env=_milvus_env(settings))
    assert removed.returncode == 0, removed.stderr[-2000:]
    manifest = read_manifest(settings)
    assert manifest["removed"] == ["extra_a.txt"] and manifest["added"] == ["extra_b.txt"]
    assert manifest["documents"] == len(before.documents) + 1
    write_manifest(settings, manifest)  # a whole write (a build) folds the appended changes
    client, names = connect(settings), _names(settings)
    assert client.query(names["blobs"], filter='kind == "manifest-change"', output_fields=["id"]) == []
    assert read_manifest(settings) == manifest


def test_backend_errors_are_one_line(tmp_path):
    assert_one_line_error(run_module("retriever", "search", "y tế", env={"HEALTHQA_BACKEND": "elastic"}))
    missing = run_module("retriever", "search", "y tế", "--backend", "milvus", "--index", str(tmp_path),
                         env={"HEALTHQA_MILVUS_URI": str(tmp_path / "none.db")})
    assert_one_line_error(missing)
    assert "milvus" in missing.stderr.lower()


def test_the_app_serves_from_a_milvus_server(server_collection, bundled_index, tmp_path):
    from test_app import make_client, start_app

    settings = server_collection("app")
    with start_app(bundled_index, tmp_path / "app.log", ("--backend", "milvus"), _milvus_env(settings)) as url:
        client = make_client(url)
        answer = client.predict("Sở nào chủ trì y tế trường học?", api_name="/ask")
        assert not answer["abstained"] and "Sở Giáo dục và Đào tạo" in answer["answer"]
        quote = answer["quotes"][0]
        document = client.predict(quote["source"], None, None, api_name="/document")
        assert document["text"][quote["start"]:quote["end"]] == quote["text"]  # the cleaned text, from Milvus
        hits = client.predict("y tế trường học", 5, "", "Nghệ An", None, "", "hybrid", False, api_name="/search")["hits"]
        assert hits and all("Nghệ An" in h["citation"] for h in hits)
        cited = client.predict("16/CT-TTg", "", "", api_name="/cite")
        assert cited["matches"][0]["cited_by"]


def test_an_interrupted_build_resumes_where_it_stopped(bundled_index, local_searcher, milvus_server,
                                                       tmp_path, tmp_path_factory, monkeypatch):
    import shutil
    from types import SimpleNamespace

    from conftest import BUNDLED_CORPUS

    from eval.parity import statistics_gap
    from index import builder, milvus_builder

    corpus = tmp_path / "docs"
    corpus.mkdir()
    names = ["003_8ae1782fa38d7235.txt", "004_768688dd1bbbcb02.txt"]
    for name in names:
        shutil.copy(BUNDLED_CORPUS / name, corpus / name)
    settings = milvus_settings_for("milvus-server", tmp_path_factory, milvus_server, collection="resume")
    monkeypatch.setattr(milvus_builder, "WORKER_BATCH", 1)
    assemble, calls = builder._assemble, []

    def killed_on_the_second_document(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt("killed")
        return assemble(*args, **kwargs)

    monkeypatch.setattr(builder, "_assemble", killed_on_the_second_document)
    with pytest.raises(KeyboardInterrupt):
        milvus_builder.build(corpus, settings, None, False, False)
    monkeypatch.setattr(builder, "_assemble", assemble)
    resumed = milvus_builder.build(corpus, settings, None, False, False)
    assert resumed.status == "built" and resumed.documents == 2
    share = milvus_builder.info(settings)["shares"][0]
    assert (share["skipped"], share["documents"]) == (1, 1)  # the first document was not redone
    local = local_searcher.store
    rows = [i for i, c in enumerate(local.chunks) if c.source in names]
    gap = statistics_gap(settings, SimpleNamespace(tokens=[local.tokens[i] for i in rows]))
    assert (gap["n"], gap["total_length"], gap["df_terms_differing"]) == \
        (gap["expected_n"], gap["expected_total_length"], 0)
    assert milvus_builder.build(corpus, settings, None, False, False).status == "up_to_date"


# A question worded otherwise than the sentence that answers it (tests/test_unit_vectors.py): the units' own
# embeddings (the typed ranker's "dense_gap") decide among its candidates.
PARAPHRASE = "Huế muốn hút thêm người giỏi về ngành y thì Sở Y tế phối hợp với ai?"


def _answers_and_features(answerer) -> list[tuple]:
    """Each question's answer and its proposals' typed-ranker features (ranking.FEATURES)."""
    from retriever.qa.question import analyze_question

    seen = []
    for question in [*QUERIES, PARAPHRASE]:
        answer = answerer.ask(question)
        analysis = analyze_question(question)
        options = answerer.proposals(analysis, answerer.retrieve(analysis))
        seen.append((question, answer.abstained, answer.answer,
                     [(o.cand.unit.doc_id, o.cand.unit.start, o.cand.unit.end, np.round(o.features, 4).tolist())
                      for o in options]))
    return seen


def test_answers_and_ranker_features_on_milvus_equal_the_local_index(local_searcher, server_collection):
    """Milvus stores each document's unit vectors and the word tables, so the same question gets the same
    answer from the same features as on the local index — after an in-place remove and add too."""
    from index.milvus_builder import add, remove
    from index.milvus_store import MilvusStore
    from retriever.qa import Answerer
    from retriever.search import HybridSearcher

    local = Answerer(local_searcher)
    expected = _answers_and_features(local)
    from retriever.qa.ranking import FEATURES

    dense = FEATURES.index("dense_gap")
    assert any(f[dense] != 0.0 for *_, options in expected for *_, f in options)  # the dense feature is at work

    settings = server_collection("answers")
    store = MilvusStore.open(settings)
    assert store.word_tables == local_searcher.store.word_tables
    milvus = Answerer(HybridSearcher(store, local_searcher.embedder))
    assert milvus.unit_vectors is not None and milvus.unit_vectors.missing_units == 0
    assert _answers_and_features(milvus) == expected

    source = min(d.record.source for d in store.documents.values())
    remove([source], settings)
    assert set(MilvusStore.open(settings).unit_vectors["documents"]) == set(store.documents) - {
        d for d, s in store.documents.items() if s.record.source == source}
    add([_bundled_file(source)], settings, progress=False)
    store = MilvusStore.open(settings)
    assert store.word_tables == local_searcher.store.word_tables
    milvus = Answerer(HybridSearcher(store, local_searcher.embedder))
    assert milvus.unit_vectors is not None and milvus.unit_vectors.missing_units == 0
    assert _answers_and_features(milvus) == expected


def _bundled_file(source: str):
    from conftest import BUNDLED_CORPUS

    return BUNDLED_CORPUS / source


def test_an_older_milvus_index_without_unit_vectors_loads_and_answers(local_searcher, server_collection, caplog):
    """Written before the unit vectors and word tables: loads with one warning, answers, the dense feature 0."""
    import logging

    from index import milvus_store as ms
    from retriever.qa import Answerer
    from retriever.qa.question import analyze_question
    from retriever.search import HybridSearcher

    settings = server_collection("older")
    ms.connect(settings).delete(ms._names(settings)["blobs"], filter=f'kind in ["{ms.UNIT_VECTORS}", "{ms.WORD_TABLES}"]')
    with caplog.at_level(logging.WARNING, logger="index.milvus_store"):
        store = ms.MilvusStore.open(settings)
    assert store.unit_vectors is None and store.word_tables is None
    warned = [r.getMessage() for r in caplog.records if "no unit vectors" in r.getMessage()]
    assert warned == [(f"the Milvus index holds no unit vectors ({len(store.documents)} documents; written before "
                       "them): the dense unit feature is 0 — rebuild or migrate the index")]
    answerer = Answerer(HybridSearcher(store, local_searcher.embedder))
    assert answerer.unit_vectors is None
    answer = answerer.ask(QUERIES[0])
    assert answer.answer and not answer.abstained
    analysis = analyze_question(QUERIES[0])
    options = answerer.proposals(analysis, answerer.retrieve(analysis))
    from retriever.qa.ranking import FEATURES

    assert options and all(o.features[FEATURES.index("dense_gap")] == 0.0 for o in options)

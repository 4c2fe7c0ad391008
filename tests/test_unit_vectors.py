"""The answerer's unit embeddings (index/unit_vectors.py): made at build, saved with the index, read at load,
and the dense part of the unit ranking (retriever/qa/scoring.rank_units, ranking.FEATURES "dense_gap")."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace

import numpy as np
import pytest

from index.unit_vectors import (
    UNIT_TABLE_FILE,
    UNIT_VECTORS_FILE,
    UNIT_VECTORS_VERSION,
    UnitVectors,
    collect_units,
)


def test_the_build_saves_a_vector_for_every_unit_and_the_answerer_reads_them(bundled_index, local_searcher):
    from index.store import IndexStore, current_version
    from retriever.qa import Answerer

    store = IndexStore.load(bundled_index)
    version = current_version(bundled_index)
    assert store.manifest["unit_vectors_version"] == UNIT_VECTORS_VERSION
    assert (version / UNIT_VECTORS_FILE).is_file() and (version / UNIT_TABLE_FILE).is_file()
    texts, keys = collect_units(store)
    vectors = UnitVectors.of_store(store)
    assert vectors is not None and set(keys) <= set(vectors.rows)
    # a saved vector is the unit's passage embedding (float16 on disk)
    embedder = local_searcher.embedder
    sample = [0, len(keys) // 2, len(keys) - 1]
    fresh = embedder.encode_passages([texts[i] for i in sample])
    saved = vectors.vectors[[vectors.rows[keys[i]] for i in sample]]
    assert np.all(np.sum(fresh * saved, axis=1) > 0.999)
    answerer = Answerer(local_searcher)
    assert answerer.unit_vectors is not None and answerer.unit_vectors.missing_units == 0
    # the cosines the ranking reads are those of the search's own query vector
    from retriever.qa.question import analyze_question

    retrieval = answerer.retrieve(analyze_question("Sở nào chủ trì y tế trường học?"))
    assert retrieval.result.query_vector is not None
    assert max(c.dense for c in retrieval.candidates) == pytest.approx(0.0)
    assert min(c.dense for c in retrieval.candidates) < 0.0


def _without_unit_vectors(bundled_index, tmp_path):
    from index.store import current_version

    copy = tmp_path / "old-index"
    shutil.copytree(bundled_index, copy)
    version = current_version(copy)
    (version / UNIT_VECTORS_FILE).unlink()
    (version / UNIT_TABLE_FILE).unlink()
    manifest = json.loads((version / "manifest.json").read_text("utf-8"))
    del manifest["unit_vectors_version"]
    (version / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    return copy


def test_an_index_without_unit_vectors_loads_and_answers_with_the_feature_at_zero(bundled_index, tmp_path):
    from index.store import IndexStore
    from retriever.qa import Answerer
    from retriever.qa.question import analyze_question
    from retriever.runtime import SEQUENTIAL_THREADS, open_searcher

    copy = _without_unit_vectors(bundled_index, tmp_path)
    assert IndexStore.load(copy).unit_vectors is None
    answerer = Answerer(open_searcher(copy, threads=SEQUENTIAL_THREADS))
    assert answerer.unit_vectors is None
    answer = answerer.ask("Sở nào chủ trì y tế trường học?")
    assert not answer.abstained and "Sở Giáo dục và Đào tạo" in answer.answer and answer.quotes
    retrieval = answerer.retrieve(analyze_question("Sở nào chủ trì y tế trường học?"))
    assert retrieval.candidates and all(c.dense == 0.0 for c in retrieval.candidates)


def test_units_cut_otherwise_since_the_build_are_counted_and_take_their_passage_cosine(bundled_index, tmp_path):
    from index.store import current_version
    from retriever.qa import Answerer
    from retriever.runtime import SEQUENTIAL_THREADS, open_searcher

    copy = tmp_path / "index"
    shutil.copytree(bundled_index, copy)
    path = current_version(copy) / UNIT_TABLE_FILE
    table = json.loads(path.read_text("utf-8"))
    dropped = len(table["units"]) // 2
    table["units"] = table["units"][dropped:]  # as if half the units were cut at other offsets now
    path.write_text(json.dumps(table), "utf-8")
    answerer = Answerer(open_searcher(copy, threads=SEQUENTIAL_THREADS))
    assert answerer.unit_vectors is not None and answerer.unit_vectors.missing_units > 0
    answer = answerer.ask("Sở nào chủ trì y tế trường học?")
    assert not answer.abstained and answer.quotes


def test_the_unit_vectors_follow_add_and_remove(tmp_path):
    from conftest import BUNDLED_CORPUS

    from index.builder import add_documents, build_index, remove_documents
    from index.store import IndexStore

    corpus = tmp_path / "docs"
    corpus.mkdir()
    shutil.copy(BUNDLED_CORPUS / "004_768688dd1bbbcb02.txt", corpus / "004_768688dd1bbbcb02.txt")
    index_dir = tmp_path / "index"
    built = build_index(corpus, index_dir)
    assert built.units_embedded > 0
    extra = tmp_path / "extra.txt"
    extra.write_text("ỦY BAN NHÂN DÂN HUYỆN MINH LONG\nSố: 77/UBND-VX\nV/v tăng cường tiêm chủng mở rộng\n"
                     "1. Trung tâm Y tế huyện tổ chức tiêm vắc xin thủy đậu tại 12 xã.\n", encoding="utf-8")
    added = add_documents([extra], index_dir)
    assert 0 < added.units_embedded < built.units_embedded  # the kept document's units are reused
    store = IndexStore.load(index_dir)
    _, keys = collect_units(store)
    assert set(keys) <= set(UnitVectors.of_store(store).rows) and len(store.unit_vectors["documents"]) == 2
    remove_documents(["extra.txt"], index_dir)
    store = IndexStore.load(index_dir)
    _, keys = collect_units(store)
    vectors = UnitVectors.of_store(store)
    assert vectors is not None and set(keys) <= set(vectors.rows)
    assert {doc for doc, _, _ in vectors.rows} == set(store.documents)


# A question worded otherwise than the sentence that answers it: "hút thêm người giỏi về ngành y" for
# "thu hút nguồn nhân lực chất lượng cao … y tế". By question words alone, the unit naming the
# "Văn phòng Sở Y tế" ranks first; the units' embeddings move the sentence on attracting talent (Sở Nội vụ) up.
PARAPHRASE = "Huế muốn hút thêm người giỏi về ngành y thì Sở Y tế phối hợp với ai?"


def test_the_dense_unit_score_moves_a_paraphrased_question_to_the_unit_that_answers(local_searcher):
    from retriever.qa import QA, Answerer
    from retriever.qa.question import analyze_question
    from retriever.search import FUSION, HybridSearcher

    # the cosine through the unit score (rank_units); words_only is main's configuration (typed ranker off).
    # Passages as the search ranked them before its fitted score (w56), which finds this one by words alone:
    # the test is of the unit score, on the same passages.
    searcher = HybridSearcher(local_searcher.store, local_searcher.embedder,
                              replace(FUSION, dense_weight=0.5, named_dense_weight=0.5, own_weight=0.0, type_weights=()))
    # The hand-set word weights of the unit score (before w79's fit), so the cosine is the only difference.
    words = replace(QA, unit_coverage_weight=1.0, doc_coverage_weight=0.5, hit_weight=0.35, short_unit_penalty=0.15,
                    long_unit_penalty=0.05, ranker_coefficients=())
    dense = Answerer(searcher, settings=replace(words, unit_dense_weight=2.0))
    words_only = Answerer(searcher, settings=replace(words, unit_dense_weight=0.0))
    answer = dense.ask(PARAPHRASE)
    assert not answer.abstained and "Sở Nội vụ" in answer.answer
    # by words alone the answering unit ranks lower (the answer itself may still be read off it since the actor
    # reading of "phối hợp với ai" finds it further down): the cosine is what moves the unit up

    def lead_of_answer(answerer) -> float:
        """The answering unit's score minus the best other unit's (its rank, measured as a margin: since every point
        of a list is read with its lead-in (w122) the words alone put it first too, by less)."""
        retrieval = answerer.retrieve(analyze_question(PARAPHRASE))
        texts = [answerer.store.documents[c.unit.doc_id].text[c.unit.start:c.unit.end] for c in retrieval.candidates]
        at = next(i for i, t in enumerate(texts) if "Sở Nội vụ" in t and "thu hút" in t)
        return retrieval.candidates[at].score - max(c.score for i, c in enumerate(retrieval.candidates) if i != at)

    assert lead_of_answer(dense) > lead_of_answer(words_only)

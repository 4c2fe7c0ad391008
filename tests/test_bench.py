"""``python -m eval bench`` on a tiny synthetic corpus: figures present and sane (speed targets
live in the benchmark output and eval/RESULTS.md, never in timed tests)."""

from __future__ import annotations

import json
import re

import numpy as np

from conftest import assert_one_line_error, run_module


def test_bench_synthetic_json():
    result = run_module("eval", "bench", "--chunks", "3000", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["chunks"] == 3000 and data["dense_backend"] == "flat"
    for key in ("build_s", "query_ms_p50", "query_ms_p95", "rss_mb", "embed_passages_per_s"):
        assert data[key] > 0, key
    assert data["query_ms_p95"] >= data["query_ms_p50"]
    assert "real" in data["vectors"] and data["tokenizer"]["segment_words"] is False
    assert 100 < data["avg_chunk_syllables"] < 200
    assert data["machine"]["nproc"] >= 1


def test_synthetic_bm25_equals_building_from_tokens():
    """The streamed BM25 matrix scores exactly like BM25Index.build over the chunks' passage tokens."""
    from eval.bench import SCALE_TOKENIZER, SyntheticCorpus, bundled_sentences, synthetic_bm25
    from index.bm25 import BM25Index
    from index.tokenization import Tokenizer

    sentences = bundled_sentences()
    syllables = np.asarray([len(re.findall(r"\w+", s)) for s in sentences])
    corpus = SyntheticCorpus(sentences, syllables, 400, seed=3)
    tokenizer = Tokenizer(**SCALE_TOKENIZER)
    streamed = synthetic_bm25(corpus, tokenizer)
    reference = BM25Index.build([tokenizer.passage_tokens(corpus.text(i)) for i in range(len(corpus))])
    for query in ("Sở nào chủ trì y tế trường học?", "bao hiem y te 95%", "Chỉ thị 25-CT/TW"):
        tokens = tokenizer.query_tokens(query)
        np.testing.assert_allclose(streamed.scores(tokens), reference.scores(tokens), rtol=1e-5, atol=1e-5)


def test_perturbed_vectors_are_deterministic_and_normalized():
    from eval.bench import perturbed_rows

    base = np.eye(4, 8, dtype=np.float32)
    rows = perturbed_rows(base, 0, 10)
    assert np.array_equal(rows[:4], base)
    np.testing.assert_allclose(np.linalg.norm(rows, axis=1), 1.0, rtol=1e-5)
    assert np.array_equal(perturbed_rows(base, 0, 10), rows)
    assert np.argmax(rows[5] @ base.T) == 1  # a copy stays nearest to its source


def test_bench_rejects_tiny_corpus():
    result = run_module("eval", "bench", "--chunks", "5")
    assert_one_line_error(result)
    assert result.returncode == 2

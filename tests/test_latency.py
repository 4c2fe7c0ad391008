"""``python -m eval latency``: the figures it reports are present and consistent (speed targets
live in eval/RESULTS.md, never in timed tests), and its errors are one line."""

from __future__ import annotations

import json

import pytest
from conftest import assert_one_line_error, run_module

from corpus.vietnamese import has_diacritics


def test_questions_hold_each_question_and_its_accentless_copy(tmp_path):
    from eval.latency import latency_questions

    path = tmp_path / "q.jsonl"
    rows = [{"id": "a", "kind": "agency", "question": "Sở nào chủ trì y tế trường học?", "answer": ["Sở Giáo dục và Đào tạo"], "relevant": [{"source": "x.txt", "text": "Sở Giáo dục"}]},
            {"id": "b", "kind": "number", "question": "Tỷ lệ tham gia BHYT năm 2030?", "answer": ["95%"], "relevant": [{"source": "x.txt", "text": "95%"}]}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    questions = latency_questions([path])
    assert len(questions) == 4
    assert sorted(q for q in questions if has_diacritics(q)) == sorted(r["question"] for r in rows)
    assert "so nao chu tri y te truong hoc?" in [q.lower() for q in questions]
    assert latency_questions([path]) == questions  # the same order every run (fixed seed)


def test_compare_latency_on_the_bundled_index(bundled_index):
    from eval.latency import compare_latency, format_latency

    questions = ["Sở nào chủ trì y tế trường học?", "so nao chu tri y te truong hoc",
                 "Tỷ lệ tham gia BHYT mục tiêu năm 2030?"]
    from retriever.runtime import QUERY_THREADS

    # The serving thread count: this process is shared with the tests that check it (the CLI's
    # default, every core, would stay set for them).
    result = compare_latency([bundled_index, bundled_index], questions, threads=QUERY_THREADS)
    assert result["questions"] == 3 and len(result["indexes"]) == 2
    reference, other = result["indexes"]
    assert "p50_vs_reference" not in reference
    for figures in result["indexes"]:
        assert figures["documents"] == 5 and figures["chunks"] > 0 and figures["load_s"] > 0
        for label in ("search", "ask"):
            row = figures[label]
            assert row["n"] == 3
            assert 0 < row["p50_ms"] <= row["p95_ms"] <= row["max_ms"]
            assert row["first_ms"] <= row["max_ms"]
            assert row["max_over_p50"] == pytest.approx(row["max_ms"] / row["p50_ms"], rel=0.01)
            assert 0 <= row["over_3x_p50"] <= 1  # of three requests at most the slowest one
            assert row["slowest_question"] in questions and row["slowest_again_ms"] > 0
            assert 0 < row["cpu_p50_ms"] <= row["cpu_max_ms"] and 0 <= row["cpu_over_3x_p50"] <= 1
    for label in ("search", "ask"):
        assert other["p50_vs_reference"][label] == pytest.approx(
            other[label]["p50_ms"] / reference[label]["p50_ms"], rel=0.01)
        assert other["cpu_p50_vs_reference"][label] == pytest.approx(
            other[label]["cpu_p50_ms"] / reference[label]["cpu_p50_ms"], rel=0.01)
    table = format_latency(result)
    assert table.count(f"| {bundled_index} |") == 4  # a row per index and request kind


def test_no_questions_is_an_error(bundled_index):
    from eval.latency import compare_latency

    with pytest.raises(ValueError):
        compare_latency([bundled_index], [])


def test_cli_errors_are_one_line(tmp_path, bundled_index):
    assert_one_line_error(run_module("eval", "latency", "--index", str(tmp_path / "missing")))
    assert_one_line_error(run_module("eval", "latency", "--index", str(bundled_index),
                                     "--questions", str(tmp_path / "missing.jsonl")))
    blank = tmp_path / "blank.jsonl"
    blank.write_text("\n", encoding="utf-8")
    result = run_module("eval", "latency", "--index", str(bundled_index), "--questions", str(blank))
    assert_one_line_error(result)
    assert str(blank) in result.stderr


def test_spans_say_where_an_ask_spends_its_time(bundled_index):
    from eval.latency import SPANS, format_spans, load_index, time_spans
    from retriever.runtime import QUERY_THREADS

    searcher, answerer, _ = load_index(bundled_index, threads=QUERY_THREADS)
    questions = ["Sở nào chủ trì y tế trường học?", "so nao chu tri y te truong hoc"]
    spans = time_spans(answerer, questions)
    steps = {s["step"]: s for s in spans["steps"]}
    assert spans["questions"] == 2 and steps["ask"]["calls"] == 2
    assert steps["search"]["calls"] == 2 and steps["query embedding (ONNX)"]["calls"] == 2
    # the accented question, and the accent-less one through its restored spelling (its accented BM25 tokens)
    assert steps["underthesea"]["calls"] == 2
    children = sum(s["wall_ms"] for s in spans["steps"] if s["parent"] == "search")
    assert children == pytest.approx(steps["search"]["wall_ms"], abs=0.05)  # "other (search)" closes the sum
    assert 0 < steps["query embedding (ONNX)"]["wall_ms"] < steps["search"]["wall_ms"] < steps["ask"]["wall_ms"]
    # every wrapper is gone afterwards
    assert "ask" not in vars(answerer) and "search" not in vars(searcher)
    import retriever.qa.answerer as orchestrator
    from retriever.qa.question import analyze_question

    assert orchestrator.analyze_question is analyze_question
    table = format_spans(spans)
    assert table.count("\n| ") == len(spans["steps"]) + 2 and len(SPANS) < len(spans["steps"])


def test_snapshot_differences():
    from eval.snapshot import differences

    before = {"a": {"top10": [["x", 1.0, 2.0, 0.5]], "ask": {"answer": "A"}}, "b": {"top10": [], "ask": {}}}
    after = {"a": {"top10": [["x", 1.0, 2.0, 0.5]], "ask": {"answer": "B"}}, "c": {"top10": [], "ask": {}}}
    assert differences(before, after) == ["a", "b", "c"]
    assert differences(before, before) == []

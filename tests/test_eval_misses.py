"""``python -m eval misses``: each answerable question falls in one category; only counts are printed."""

from __future__ import annotations

import json

import pytest

from eval.datasets import Question, Relevant
from eval.misses import MissCategory, MissClassifier, count_misses, format_misses
from tests.conftest import PROJECT_ROOT, run_module

DEV = PROJECT_ROOT / "eval" / "questions" / "dev.jsonl"
PLAN = "002_de43d9b20077fde2.txt"  # the bundled Nghệ An plan


@pytest.fixture(scope="module")
def classifier(local_searcher):
    from retriever.qa import Answerer

    return MissClassifier(Answerer(local_searcher))


def test_a_right_answer_is_right(classifier):
    question = Question("m1", "Sở nào chủ trì hoàn thiện mạng lưới y tế trường học ở Nghệ An?", "agency",
                        [Relevant(PLAN, "Chủ trì phối hợp với Sở Y tế")], ["Sở Giáo dục và Đào tạo"])
    assert classifier.classify(question) is MissCategory.RIGHT


def test_a_snippet_missing_from_its_document_is_a_data_problem(classifier):
    question = Question("m2", "Sở nào chủ trì hoàn thiện mạng lưới y tế trường học ở Nghệ An?", "agency",
                        [Relevant(PLAN, "một câu không có trong văn bản này")], ["Bộ Ngoại giao"])
    assert classifier.classify(question) is MissCategory.NOT_LOCATED


def test_a_wrong_span_on_the_gold_passage(classifier):
    """The answer's quote lies on the gold snippet; an accepted form the answer does not hold: the span is wrong."""
    question = Question("m3", "Sở nào chủ trì hoàn thiện mạng lưới y tế trường học ở Nghệ An?", "agency",
                        [Relevant(PLAN, "Chủ trì phối hợp với Sở Y tế")], ["Sở Ngoại vụ"])
    found = classifier.answerer.ask(question.question)
    offset = classifier.locate(PLAN, "Chủ trì phối hợp với Sở Y tế")[1]
    first = found.quotes[0]
    assert first.start <= offset + 20 and offset < first.end  # the quote is on the snippet
    assert classifier.classify(question) is MissCategory.WRONG_SPAN


def test_every_answerable_question_counted_once(classifier):
    result = count_misses(classifier.answerer, [DEV])["dev.jsonl"]
    answerable = sum(1 for line in DEV.open(encoding="utf-8") if json.loads(line).get("relevant"))
    assert result["questions"] == answerable == sum(result["categories"].values())
    assert sum(sum(c.values()) for c in result["kinds"].values()) == answerable
    assert set(result["categories"]) <= {c.value for c in MissCategory}
    assert result["categories"][MissCategory.RIGHT.value] >= 0.8 * answerable  # dev short answers are 0.916
    report = format_misses({"dev.jsonl": result})
    assert report.startswith(f"dev.jsonl: {result['categories']['right']}/{answerable} right")


@pytest.mark.slow
def test_cli_prints_counts_never_a_question(bundled_index):
    out = run_module("eval", "misses", "--index", str(bundled_index), "--questions", str(DEV))
    assert out.returncode == 0, out.stderr
    assert "dev.jsonl:" in out.stdout
    for line in DEV.open(encoding="utf-8"):
        question = json.loads(line)
        assert question["question"] not in out.stdout
        assert all(answer not in out.stdout for answer in question.get("answer", []) if len(answer) > 12)


def test_cli_refuses_a_folder_that_is_not_an_index(tmp_path):
    out = run_module("eval", "misses", "--index", str(tmp_path), "--questions", str(DEV))
    assert out.returncode != 0 and "Traceback" not in out.stderr + out.stdout

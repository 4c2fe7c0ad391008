"""The parts the orchestrator is split into (choice, what_unit, what, signals): their examples hold, and the
readings that became functions of their own read as before."""

from __future__ import annotations

import doctest

import pytest

from retriever.qa import signals, what, what_unit
from retriever.qa.question import analyze_question


@pytest.mark.parametrize("module", [what, what_unit])
def test_the_examples_in_each_part_hold(module):
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0


def test_a_question_supposing_a_case_asks_what_follows_from_it():
    assert what_unit.supposes_case(analyze_question("Bộ, ngành không gửi đề xuất đúng hạn thì sẽ ra sao?"))
    # the case itself is asked: the condition answers
    assert not what_unit.supposes_case(analyze_question("Trong trường hợp nào thì Sở Tư pháp khai thác dữ liệu?"))


def test_a_fact_of_the_whole_document_is_read_off_the_document():
    assert signals.asks_document_fact(analyze_question("Ai ký Quyết định 1093/QĐ-BYT?"))
    assert not signals.asks_document_fact(analyze_question("Sở nào chủ trì y tế trường học?"))

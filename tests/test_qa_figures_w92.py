"""How a clerk reads which figure answers a "number" question (w92), on small synthetic texts: a question that words
its answer as a rate ("bao nhiêu phần trăm") is answered by the rate, never by the count printed beside it that the
rate is of; a question asking where things stand today ("đến nay", "hiện nay") by the figure printed as today's, not
the target set beside it."""

from __future__ import annotations

from retriever.qa.extractors import figures as F
from retriever.qa.question import analyze_question
from tests.test_qa_extractors import Corpus


def test_a_rate_asked_is_not_the_count_it_is_of(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Kết quả thực hiện\n"
                              "Tổng số hồ sơ đã được số hóa là 1.245 hồ sơ/2.000 hồ sơ tiếp nhận trong năm (đạt 62,3%).\n")
    answer = corpus.extract("Tổng số hồ sơ đã được số hóa đạt bao nhiêu phần trăm?").text
    assert "62,3%" in answer
    assert F.asks_rate(analyze_question("Tỷ lệ hồ sơ được số hóa đạt bao nhiêu phần trăm?"))
    assert not F.asks_rate(analyze_question("Có bao nhiêu hồ sơ được số hóa?"))


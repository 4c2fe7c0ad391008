"""How a clerk reads what a "number" question asks (w92), on small synthetic texts: a span of time or an age counted
at the question's wh-word ("từ bao nhiêu năm tuổi trở lên", "đủ bao nhiêu năm công tác") is what is asked, though the
question names a sum of money as its case ("thì được hưởng mức hỗ trợ 2.000.000 đồng")."""

from __future__ import annotations

from retriever.qa.question import QuestionKind, detect_kind
from tests.test_qa_extractors import Corpus


def test_a_span_counted_at_the_wh_word_is_asked_though_a_sum_is_named():
    # the sum of money is the case the question names; the age or the years at "bao nhiêu" are what it asks
    assert detect_kind("Cây giống từ bao nhiêu tháng tuổi trở lên thì được hưởng mức hỗ trợ 20 triệu đồng/ha?") \
        is QuestionKind.NUMBER
    assert detect_kind("Người có đủ bao nhiêu năm công tác thì mức trợ cấp một lần bằng 3.000.000 đồng?") \
        is QuestionKind.NUMBER
    # the sum is still asked when the span is the question's own case, not counted at its wh-word
    assert detect_kind("Người có đủ 5 năm công tác được hưởng mức trợ cấp bao nhiêu?") is QuestionKind.AMOUNT


def test_the_age_bound_is_read_not_the_sum_of_its_case(tmp_path):
    corpus = Corpus(tmp_path, "Điều 3. Mức hỗ trợ\n"
                              "a) Bò thịt đến 06 tháng tuổi, hỗ trợ từ 1.000.000 đồng/con đến 2.000.000 đồng/con; "
                              "bò thịt trên 06 tháng tuổi, hỗ trợ từ 2.100.000 đồng/con đến 6.000.000 đồng/con.\n")
    answer = corpus.extract("Bò thịt đến bao nhiêu tháng tuổi thì hưởng mức hỗ trợ từ 1 đến 2 triệu đồng một con?").text
    assert "06 tháng tuổi" in answer

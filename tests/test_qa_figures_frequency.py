"""How often a recurring act is done (w143): "theo chu kỳ nào", "vào thời điểm nào trong tháng" ask the frequency of
the act the question names, and a frequency that opens its clause ("Hằng tháng, … đơn vị trích đóng …") is read with
the act printed after it, as a clerk reads an opening adverbial."""

from __future__ import annotations

import pytest

from retriever.qa.question import analyze_question, detect_kind
from tests.test_qa_extractors import Corpus


@pytest.mark.parametrize("question", [
    "Cơ quan bảo hiểm xã hội giảm mức đóng cho doanh nghiệp theo chu kỳ nào?",
    "co quan bao hiem xa hoi giam muc dong cho doanh nghiep theo chu ky nao",
    "Đơn vị trích đóng bảo hiểm y tế cho người lao động vào thời điểm nào trong tháng?",
    "Sở Tài chính rà soát giá dịch vụ vào lúc nào trong năm?",
])
def test_a_cycle_asked_is_a_frequency(question):
    analysis = analyze_question(question)
    assert analysis.date_role == "frequency"
    assert detect_kind(question).value == "deadline"  # how often, not the sum "mức đóng" names


def test_a_sum_asked_in_a_cycle_stays_a_sum():
    assert detect_kind("Mức đóng hằng tháng theo chu kỳ nào thì bằng bao nhiêu?").value == "amount"


def test_frequency_opening_its_clause_reads_the_act_after_it(tmp_path):
    corpus = Corpus(tmp_path, "Điều 5. Đóng bảo hiểm y tế\n"
                    "1. Hằng tháng, cùng thời điểm trả lương, Công an đơn vị thực hiện trích đóng bảo hiểm y tế cho "
                    "người lao động, chậm nhất vào ngày cuối cùng của tháng phải chuyển đủ số tiền cho cơ quan bảo "
                    "hiểm xã hội.\n"
                    "2. Hằng năm, Công an đơn vị lập dự toán kinh phí đóng bảo hiểm y tế gửi cơ quan tài chính.\n")
    found = corpus.extract("Công an đơn vị trích đóng bảo hiểm y tế cho người lao động theo chu kỳ nào?")
    assert found.text == "Hằng tháng"


def test_the_occasion_besides_the_period_is_kept(tmp_path):
    corpus = Corpus(tmp_path, "Điều 7. Chế độ báo cáo\n"
                    "Sở Y tế tổng hợp, báo cáo Ủy ban nhân dân tỉnh định kỳ hằng năm hoặc đột xuất khi có yêu cầu về "
                    "kết quả thực hiện kế hoạch.\n")
    found = corpus.extract("Sở Y tế báo cáo Ủy ban nhân dân tỉnh kết quả thực hiện kế hoạch theo định kỳ nào?")
    assert found.text == "định kỳ hằng năm hoặc đột xuất"

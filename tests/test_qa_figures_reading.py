"""How an official's figure question is read: the counted noun and the kind, whatever words spell like cues
without accents (helper w73)."""

from __future__ import annotations

import pytest

from retriever.qa.extractors import figures as F
from retriever.qa.question import QuestionKind, analyze_question


def test_machine_is_no_how_many_for_the_counted_noun():
    # "bộ máy" (apparatus) spells "may" without accents: the noun counted is the one after "bao nhiêu"
    q = analyze_question("Tiêu chí tổ chức bộ máy được tối đa bao nhiêu điểm?")
    assert q.wanted_unit == ("diem",)
    assert F.asked_label_noun(q) == ""


def test_how_many_still_read_when_printed():
    assert analyze_question("Có mấy máy thở được cấp?").wanted_unit == ("tho",)  # "máy" is a stopword
    assert analyze_question("co bao nhieu may tho").wanted_unit == ("tho",)  # accent-less: as typed


@pytest.mark.parametrize("question", [
    "Kiểm tra chất lượng bao nhiêu mẫu mỗi năm?",  # "lượng" (quantity) is no "lương" (salary)
    "Khối lượng hàng trên bao nhiêu tấn?",
    "Số lượng trạm y tế cần xây mới là bao nhiêu?",
    "Tiến độ giải ngân phải đạt bao nhiêu phần trăm?",  # "tiến" is no "tiền" (money)
    "Kế hoạch ưu tiên hoàn thiện bao nhiêu cơ sở dữ liệu?",
    "Tiêu chí đánh giá có tổng bao nhiêu điểm?",  # "đánh giá" (assess) is no "giá" (price)
])
def test_quantity_words_are_no_money_cue(question):
    assert analyze_question(question).kind is QuestionKind.NUMBER


@pytest.mark.parametrize("question", [
    "Mức lương tối thiểu vùng là bao nhiêu?",
    "Số tiền hỗ trợ là bao nhiêu?",
    "Lệ phí cấp lại là bao nhiêu?",
    "Giá trị gói thầu bao nhiêu thì phải đấu thầu?",
    "muc luong co so la bao nhieu",  # accent-less: read as typed
])
def test_money_questions_stay_amounts(question):
    assert analyze_question(question).kind is QuestionKind.AMOUNT

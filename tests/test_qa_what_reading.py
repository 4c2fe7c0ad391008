"""Which part of the right unit a "what" answer reads (w72): the value a sentence states after the question's own
words ("… là <value>"), the consequence after the sentence's "thì" when the question asks what follows its
condition, and an enumeration not stopped at its first item.

Each rule is checked on a real sentence from ../shared/realdocs (skipped with the fixture's reason when absent),
with the rule switched off to show that it is what changes the answer.
"""

from __future__ import annotations

import pytest

from retriever.qa import clauses
from retriever.qa.clauses import (
    answer_frame,
    asks_consequence,
    clause_window,
    goal_words,
    states_at,
)
from retriever.qa.question import analyze_question
from retriever.qa.scoring import syllables


def _sentence(text: str, first: str, last: str) -> tuple[int, int]:
    start = text.index(first)
    return start, text.index(last, start) + len(last)


def _answer(text: str, span: tuple[int, int], question: str, weights: dict[str, float] | None = None) -> str:
    analysis = analyze_question(question)
    weights = weights or {w: 1.0 for w in syllables(question)}
    s, e = clause_window(text, *span, weights, 150, goal=goal_words(question),
                         frame=answer_frame(analysis.key), condition=asks_consequence(question))
    return " ".join(text[s:e].split())


def _document(realdocs, name: str) -> str:
    return (realdocs / "documents" / name).read_text(encoding="utf-8")


def test_the_value_stated_after_the_question_words_answers(realdocs, monkeypatch):
    text = _document(realdocs, "congbao_049.txt")
    span = _sentence(text, "Lựa chọn, giới thiệu người hoạt động", "phục vụ Nhân dân.")
    question = "Tiêu chí chọn người hoạt động không chuyên trách ở thôn, tổ dân phố theo chỉ đạo của Thủ tướng là gì?"
    # the question's word weights as the real-size index gives them (rare words weigh more)
    weights = {"thon": 4.26, "chon": 3.84, "tieu": 2.18, "hoat": 1.99, "trach": 1.89, "dao": 1.83, "pho": 1.75,
               "tuong": 1.7, "chuyen": 1.57, "to": 1.0, "dan": 1.0, "thu": 0.8, "chi": 0.8, "dong": 0.67}
    monkeypatch.setattr(clauses, "FILL_RUNS", False)  # this rule alone (filling the run would also reach the value)
    answer = _answer(text, span, question, weights)
    assert "là người có uy tín, sức khỏe, tâm huyết" in answer and len(answer) <= 150
    monkeypatch.setattr(clauses, "states_at", lambda *args: False)
    assert "uy tín" not in _answer(text, span, question, weights)  # the run restating the question wins


def test_especially_is_no_definer():
    text = "Tăng cường kiểm tra, nhất là tại các tỉnh miền Trung; báo cáo kết quả là yêu cầu bắt buộc"
    assert not states_at(text, text.index(" là tại"), len(text))
    assert states_at(text, text.index(" là yêu"), len(text))


def test_a_conditional_question_reads_the_consequence(realdocs, monkeypatch):
    text = _document(realdocs, "tvpl_176.txt")
    span = _sentence(text, "Trường hợp Công ty vay tiền của", "của Quốc hội.")
    question = "Công ty mượn tiền cổ đông cá nhân với lãi suất 0% thì cơ quan thuế xử lý theo hướng nào?"
    assert "ấn định thuế" in _answer(text, span, question)
    monkeypatch.setattr(clauses, "CONSEQUENCE_CUT", False)
    assert "ấn định thuế" not in _answer(text, span, question)


@pytest.mark.parametrize("question, expected", [
    ("Bộ, ngành không gửi đề xuất đúng hạn thì sẽ ra sao?", True),
    ("Các đợt thi đua nhằm chào mừng sự kiện nào?", False),
    ("Ai thi hành quyết định này?", False),
])
def test_a_question_asks_a_consequence_by_its_own_thi(question, expected):
    assert asks_consequence(question) is expected


def test_an_enumeration_is_not_stopped_at_its_first_item(realdocs, monkeypatch):
    text = _document(realdocs, "tvpl_183.txt")
    span = _sentence(text, "Việc xử lý tài\ntài sản là tang vật", "của Chính phủ.")
    question = "Loại tài sản nào không thuộc phạm vi quyết định phân cấp xác lập quyền sở hữu toàn dân của TP Huế?"
    answer = _answer(text, span, question)
    assert "hàng hóa, vật phẩm dễ bị hư hỏng" in answer and len(answer) <= 150
    monkeypatch.setattr(clauses, "FILL_RUNS", False)
    assert "vật phẩm" not in _answer(text, span, question)

"""w104: a question supposing a case ("… không nộp đúng hạn thì sẽ ra sao?") is answered by the near sentence that
states that case and its consequence ("Nếu/Trường hợp/Khi <case> thì <consequence>"), not by the sentence that
sets the task the case departs from."""
from types import SimpleNamespace as N

from retriever.qa.clauses import case_unit, states_case
from retriever.qa.scoring import syllables

TASK = ("Đề nghị các sở, ngành, địa phương tổng hợp nhu cầu kinh phí theo biểu mẫu gửi kèm và gửi về Sở Tài chính "
        "trước ngày 15/12/2026 để tổng hợp, trình Ủy ban nhân dân tỉnh.")
CASE = "Quá thời hạn trên, nếu sở, ngành, địa phương chưa gửi nhu cầu kinh phí thì phải tự bố trí trong dự toán được giao."
OTHER_CASE = "Trường hợp văn bản dẫn chiếu được sửa đổi, bổ sung thì áp dụng theo văn bản mới."
TEXT = f"{TASK}\n{CASE}\n{OTHER_CASE}"
QUESTION = syllables("Sở, ngành, địa phương không gửi nhu cầu kinh phí đúng hạn cho Sở Tài chính thì sẽ ra sao?")


def unit(sentence, score):
    start = TEXT.index(sentence)
    return N(unit=N(start=start, end=start + len(sentence)), score=score)


def test_a_sentence_naming_the_case_states_it():
    assert states_case(TEXT, *_span(CASE), QUESTION)
    assert not states_case(TEXT, *_span(TASK), QUESTION)


def test_a_case_the_question_does_not_suppose_is_not_its_answer():
    assert states_case(TEXT, *_span(OTHER_CASE))  # a case and its consequence …
    assert not states_case(TEXT, *_span(OTHER_CASE), QUESTION)  # … but not the one the question supposes


def test_the_near_case_sentence_answers_over_the_task_ranked_first():
    task, case, other = unit(TASK, 1.8), unit(CASE, 1.5), unit(OTHER_CASE, 1.6)
    candidates = [task, other, case]
    chosen = case_unit(candidates, lambda c: TEXT, [task, other, case], 0.4, QUESTION)
    assert chosen is case


def test_a_case_sentence_scoring_far_below_the_best_does_not_answer():
    task, case = unit(TASK, 1.8), unit(CASE, 1.2)
    assert case_unit([task, case], lambda c: TEXT, [task, case], 0.4, QUESTION) is task


def _span(sentence):
    start = TEXT.index(sentence)
    return start, start + len(sentence)

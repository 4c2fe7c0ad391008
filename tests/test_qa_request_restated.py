"""A clerk passes over the sentence of a reply letter that restates the request it answers — its opener
("Trả lời Công văn số … của Công ty X về việc …, Cục Y có ý kiến như sau:") and the request it rules on ("Trên cơ sở
Đơn đề nghị … của Công ty …") — unless the question asks about that request (retriever/qa/ranking.py:
restates_request; WhatUnitChoice.fallback, Proposer.skips_framing)."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import pytest

from retriever.qa.choice import Proposer
from retriever.qa.model import Candidate, Unit
from retriever.qa.question import analyze_question
from retriever.qa.ranking import restates_request
from retriever.qa.settings import QA
from retriever.qa.what_unit import WhatUnitChoice

QUESTION = "thanh den led cua cong ty minh phat thuoc ma so hang hoa nao"

RESTATING = [
    ("Trả lời Công văn số 215/CV-HP ngày 03/9/2025 của Công ty TNHH Hòa Phát về việc hoàn thuế giá trị gia tăng, "
    "Cục Thuế có ý kiến như sau:"),
    "Phúc đáp văn bản số 88/MP ngày 02/10/2025 của Công ty Cổ phần Minh Phát, Cục Hải quan trả lời như sau:",
    ("Cục Thuế nhận được công văn số 4814/CTNA-TTHT ngày 30/7/2025 của Thuế tỉnh Nghệ An hỏi về chính sách miễn "
    "tiền sử dụng đất."),
    "Trên cơ sở Đơn đề nghị số 02/ĐN ngày 15/8/2025 của Công ty Cổ phần Minh Phát và hồ sơ kèm theo;",
    "Căn cứ Công văn số 17/MP ngày 01/9/2025 của Công ty Cổ phần Minh Phát đề nghị xác định trước mã số;",
]

NOT_RESTATING = [
    "Căn cứ Luật Khám bệnh, chữa bệnh ngày 09 tháng 01 năm 2023;",  # a decision's legal grounds
    # the grounds of a decision name who reported or reviewed it and who must act: content, not a restated request
    ("Trên cơ sở Báo cáo số 1052/BC-CP của Chính phủ, Bộ Xây dựng làm việc với Ủy ban Khoa học, Công nghệ và Môi "
    "trường của Quốc hội."),
    "Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 45/TTr-SNV,",
    "Căn cứ các quy định nêu trên, Công ty được hoàn thuế khi có đủ hồ sơ theo quy định.",  # the reply's conclusion
    "Trong quá trình thực hiện nếu phát sinh vướng mắc thì liên hệ với đơn vị hải quan nơi Công ty làm thủ tục.",
]


@pytest.mark.parametrize("text", RESTATING)
def test_a_reply_opener_or_the_request_ruled_on_restates_the_request(text):
    assert restates_request(text, QUESTION)


@pytest.mark.parametrize("text", NOT_RESTATING)
def test_grounds_conclusions_and_rulings_do_not_restate_a_request(text):
    assert not restates_request(text, QUESTION)


def test_a_question_about_the_request_itself_is_answered_by_the_opener():
    assert not restates_request(RESTATING[0], "cong ty hoa phat gui cong van hoi ve hoan thue vao ngay nao")
    assert not restates_request(RESTATING[0], "cuc thue tra loi cong van so may cua cong ty hoa phat")
    assert not restates_request(RESTATING[3], "ma so duoc xac dinh tren co so ho so nao")


LETTER = ("Trả lời công văn số 1025/CV ngày 10/10/2025 của Công ty TNHH Ánh Dương về việc thủ tục hải quan đối với "
          "hàng gia công, Cục Hải quan có ý kiến như sau:\n"
          "Trong quá trình thực hiện nếu phát sinh vướng mắc thì liên hệ với đơn vị hải quan nơi Công ty làm thủ tục.")


def _letter_units(settings=QA) -> WhatUnitChoice:
    store = SimpleNamespace(documents={"d": SimpleNamespace(text=LETTER)})  # only the text and the settings are read
    return WhatUnitChoice(Proposer(store, None, {}, settings), settings)


def _candidate(phrase: str, score: float) -> Candidate:
    start = LETTER.index(phrase)
    return Candidate(Unit("d", start, start + len(phrase), 0, "", ""), score, 1.0)


def test_a_clause_answer_is_not_read_off_the_reply_opener():
    opener = _candidate(LETTER.split("\n")[0], 1.0)
    body = _candidate(LETTER.split("\n")[1], 0.8)
    retrieval = SimpleNamespace(candidates=[opener, body])
    question = analyze_question("Nếu vướng mắc khi làm thủ tục hàng gia công, Công ty Ánh Dương liên hệ với đơn vị nào?")
    assert _letter_units().fallback(question, retrieval) is body
    assert _letter_units(replace(QA, request_read_last=False)).fallback(question, retrieval) is opener
    far = SimpleNamespace(candidates=[opener, replace(body, score=0.1)])  # beyond candidate_window: the best stays
    assert _letter_units().fallback(question, far) is opener

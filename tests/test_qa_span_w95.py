"""Two readings of the generic span choice (w95), on small texts written in the documents' style:

* a later sentence of a labelled point is read under the point's opening sentence, which names its subject
  (``UnitIndex.item_opening``, read with the unit by ``Proposer._lead``);
* a clause window lying in the condition of "<condition> thì <consequence>" gives way to the consequence when
  the question supposes that condition rather than asks it (``WhatReader.consequence``).
"""

from __future__ import annotations

from dataclasses import replace

from retriever.qa.model import Candidate
from retriever.qa.question import analyze_question
from retriever.qa.settings import QA
from retriever.qa.what import WhatReader
from tests.test_qa_extractors import Corpus

POINTS = ("Điều 1. Nhiệm vụ của các cơ quan\n"
          "- Phát huy vai trò của Hội Nông dân tỉnh trong việc vận động hội viên phát triển sản xuất. Thực hiện "
          "tốt chức năng tư vấn và hỗ trợ hội viên.\n"
          "- Tổ chức các lớp tập huấn kỹ thuật cho hội viên.\n"
          "Giao Sở Tài chính bố trí kinh phí.\n")


def _unit_starting(corpus: Corpus, words: str):
    for row in range(len(corpus.store.chunks)):
        for unit in corpus.units.units_of(row):
            if corpus.text[unit.start:unit.end].startswith(words):
                return unit
    raise AssertionError(f"no unit starts with {words!r}")


def test_later_sentence_of_a_point_is_read_under_its_opening(tmp_path):
    corpus = Corpus(tmp_path, POINTS)
    later = _unit_starting(corpus, "Thực hiện tốt chức năng")
    opening = corpus.units.item_opening(later)
    assert opening is not None
    assert corpus.text[opening[0]:opening[1]].startswith("- Phát huy vai trò của Hội Nông dân tỉnh")


def test_a_labelled_point_or_a_line_of_its_own_opens_no_item(tmp_path):
    corpus = Corpus(tmp_path, POINTS)
    assert corpus.units.item_opening(_unit_starting(corpus, "- Tổ chức các lớp")) is None
    assert corpus.units.item_opening(_unit_starting(corpus, "Giao Sở Tài chính")) is None


CONDITION = ("Điều 1. Trường hợp cơ sở dữ liệu về hộ tịch, cơ sở dữ liệu về cư trú của địa phương đã kết nối và chia sẻ "
             "thông tin với hệ thống thông tin cấp phép hành nghề của tỉnh, cơ sở dữ liệu về đất đai thì Sở Tư pháp "
             "khai thác dữ liệu sẵn có thay cho bản sao, trừ trường hợp dữ liệu không đầy đủ.\n")


def _reader(corpus: Corpus) -> WhatReader:
    """A reader of clauses over ``corpus`` (no search, no quotes: the clause reading needs the store and units)."""
    return WhatReader(corpus.store, corpus.units, None, QA)


def _read(corpus: Corpus, question: str) -> str:
    reader = _reader(corpus)
    analysis = analyze_question(question)
    unit = _unit_starting(corpus, "Trường hợp cơ sở dữ liệu")
    weights = corpus.terms.question_weights(question, [])
    start, end = reader.read_clause(analysis, Candidate(unit, 1.0, 1.0), weights)
    return corpus.text[start:end]


def test_a_supposed_condition_is_answered_by_its_consequence(tmp_path):
    corpus = Corpus(tmp_path, CONDITION)
    answer = _read(corpus, "Khi cơ sở dữ liệu về hộ tịch, về cư trú đã kết nối và chia sẻ thông tin với hệ thống "
                           "thông tin cấp phép hành nghề của tỉnh, người xin phép có còn phải nộp giấy tờ không?")
    assert "khai thác dữ liệu sẵn có" in answer
    assert "hộ tịch" not in answer


def test_the_consequence_reading_without_accents(tmp_path):
    corpus = Corpus(tmp_path, CONDITION)
    answer = _read(corpus, "co so du lieu ve ho tich, ve cu tru da ket noi va chia se thong tin voi he thong thong "
                           "tin cap phep hanh nghe cua tinh thi nguoi xin phep nop giay to nao")
    assert "khai thác dữ liệu sẵn có" in answer


def test_a_question_asking_the_case_keeps_the_condition(tmp_path):
    corpus = Corpus(tmp_path, CONDITION)
    reader = _reader(corpus)
    analysis = analyze_question("Trong trường hợp nào thì Sở Tư pháp khai thác dữ liệu sẵn có?")
    unit = _unit_starting(corpus, "Trường hợp cơ sở dữ liệu")
    start = unit.start + corpus.text[unit.start:unit.end].index("cơ sở dữ liệu")
    window_end = corpus.text.index(" thì Sở Tư pháp")
    assert reader.consequence(analysis, Candidate(unit, 1.0, 1.0), start, window_end, {}, frozenset(),
                                 frozenset(), ()) is None
    supposed = analyze_question("Khi dữ liệu hộ tịch đã kết nối thì người xin phép phải làm gì?")
    found = reader.consequence(supposed, Candidate(replace(unit), 1.0, 1.0), start, window_end, {},
                                  frozenset(), frozenset(), ())
    assert found is not None and corpus.text[found[0]:found[1]].startswith("Sở Tư pháp")


PURPOSE = ("Điều 1. Bổ sung có mục tiêu\n"
           "Bổ sung có mục tiêu từ ngân sách trung ương cho 15 địa phương số tiền 1.240 tỷ đồng (một nghìn hai trăm "
           "bốn mươi tỷ đồng) từ nguồn dự toán chi thường xuyên năm 2024 chưa phân bổ được chuyển nguồn sang năm "
           "2025 để xây mới, sửa chữa trạm y tế, mua sắm trang thiết bị y tế, phương tiện vận chuyển cấp cứu cho các "
           "xã biên giới theo đề nghị của Bộ Tài chính tại văn bản nêu trên.\n")


def test_a_question_asking_what_a_sum_is_for_is_answered_by_its_purpose_clause(tmp_path):
    corpus = Corpus(tmp_path, PURPOSE)
    reader = _reader(corpus)
    unit = _unit_starting(corpus, "Bổ sung có mục tiêu từ")
    for question in ("Khoản 1.240 tỷ đồng bổ sung cho 15 địa phương được dùng để làm những việc gì cho các xã?",
                     "Số tiền 1.240 tỷ đồng bổ sung cho 15 địa phương sử dụng vào việc gì?"):
        weights = corpus.terms.question_weights(question, [])
        start, end = reader.read_clause(analyze_question(question), Candidate(unit, 1.0, 1.0), weights)
        assert corpus.text[start:end].startswith("xây mới, sửa chữa trạm y tế"), question
        assert end - start <= QA.what_max_chars

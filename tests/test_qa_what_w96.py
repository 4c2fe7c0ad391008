"""w96: which unit a "what" answer is read from (what_unit.WhatUnitChoice.framed): a question's year, the words before its slot,
and document chrome."""

from __future__ import annotations

from retriever.qa.choice import Option
from retriever.qa.model import Candidate, Span, Unit
from retriever.qa.question import analyze_question
from retriever.qa.ranking import is_chrome
from retriever.qa.what_unit import case_years, framed_options, prints_frame


def test_a_question_opening_on_its_year_asks_that_years_case():
    assert case_years(analyze_question("Năm 2026, kinh phí thực hiện đề án lấy từ nguồn nào?")) == ("2026",)
    assert case_years(analyze_question("Trong năm 2025 tỉnh ưu tiên nội dung gì?")) == ("2025",)


def test_a_year_qualifying_a_noun_names_the_documents_period_not_the_answer():
    assert case_years(analyze_question("Mục tiêu của chương trình hợp tác năm 2024 là gì?")) == ()
    assert case_years(analyze_question("Người lao động nhận hỗ trợ từ quỹ năm 2021 qua ứng dụng nào?")) == ()


def test_the_closing_formula_of_an_official_letter_is_chrome():
    assert is_chrome("Cục Thuế thông báo để Công ty TNHH ABC biết và thực hiện./.")
    assert is_chrome("Văn phòng Chính phủ thông báo để các Bộ, cơ quan liên quan biết, thực hiện./.")
    assert not is_chrome("Doanh nghiệp thực hiện kê khai theo hướng dẫn tại Thông tư này.")


def _options(text: str, pieces: list[str]) -> tuple[list[Option], dict]:
    options = []
    for order, piece in enumerate(pieces):
        start = text.index(piece)
        unit = Unit("d", start, start + len(piece), 0, "", "")
        options.append(Option(Candidate(unit, 1.0 - order / 10, 1.0), Span(unit.start, unit.end, 0.0), order, True))
    return options, {"d": text}


def test_when_the_best_unit_leads_the_slot_words_into_a_value_only_units_doing_so_compete():
    header = "Thời gian tham gia chưa hưởng đến hết tháng 9 năm 2021 (Tổng số tháng)"
    online = "a) Trực tuyến qua ứng dụng Bảo hiểm xã hội số (VssID) hoặc Cổng Dịch vụ công."
    text = f"{online}\n{header}\n"
    options, docs = _options(text, [online, header])
    kept = framed_options(options, options[0].cand, lambda c: docs[c.unit.doc_id], ("ung", "dung"))
    assert [o.cand for o in kept] == [options[0].cand]


def test_when_the_best_unit_does_not_print_the_slot_words_every_unit_competes():
    first = "Người lao động nộp hồ sơ tại cơ quan bảo hiểm xã hội cấp huyện."
    second = "b) Qua ứng dụng VssID trên điện thoại di động của người lao động."
    options, docs = _options(f"{first}\n{second}\n", [first, second])
    kept = framed_options(options, options[0].cand, lambda c: docs[c.unit.doc_id], ("ung", "dung"))
    assert kept == options
    assert prints_frame(second, 0, len(second), ("ung", "dung"))


def test_a_motto_asked_by_name_is_the_quoted_phrase():
    from retriever.qa.what import quoted_answer

    question = analyze_question("Sở Y tế yêu cầu làm công tác truyền thông theo tinh thần gì?")
    text = ("Các đơn vị làm tốt công tác truyền thông theo tinh thần “chủ động, kịp thời, chính xác” "
            "để người dân đồng thuận.")
    start, end = quoted_answer(question, text, 0, len(text))
    assert text[start:end] == "chủ động, kịp thời, chính xác"


def test_of_several_quotations_the_one_the_questions_words_lead_into_answers():
    from retriever.qa.what import quoted_answer

    question = analyze_question("Tỉnh dùng câu nào để kêu gọi giúp đỡ các hộ bị lũ quét?")
    text = ("Phát huy truyền thống “uống nước nhớ nguồn”, đoàn kết; kịp thời giúp đỡ các hộ bị lũ quét "
            "theo tinh thần “*lá lành đùm lá rách*”.")
    start, end = quoted_answer(question, text, 0, len(text))
    assert text[start:end] == "lá lành đùm lá rách"


def test_a_question_not_asking_a_motto_or_a_yes_no_question_reads_no_quotation():
    from retriever.qa.what import quoted_answer

    text = "Đơn vị thực hiện theo phương châm “bốn tại chỗ” trong mùa mưa lũ."
    assert quoted_answer(analyze_question("Đơn vị phải làm gì trong mùa mưa lũ?"), text, 0, len(text)) is None
    assert quoted_answer(analyze_question("Đơn vị có phải theo phương châm nào không?"), text, 0, len(text)) is None


def test_a_lead_sentence_naming_the_spirit_answers_before_its_items():
    from retriever.qa.what import quoted_answer

    question = analyze_question("Đợt thi đua của tỉnh được triển khai với tinh thần nào?")
    text = ("Các sở, ngành triển khai Đợt thi đua với tinh thần “đoàn kết, sáng tạo, hiệu quả”, tập trung thi đua "
            "thực hiện các nội dung sau:\n1. Thi đua hoàn thành chỉ tiêu kinh tế;")
    lead_end = text.index("\n")
    start, end = quoted_answer(question, text, 0, lead_end)
    assert text[start:end] == "đoàn kết, sáng tạo, hiệu quả"

"""Which part of the right sentence is the short answer (w47): the asked slot, not the question's own words.

Each rule is checked on a real sentence from ../shared/realdocs (skipped with the fixture's reason when absent)
or on a written example that the rule's absence answers differently.
"""

from __future__ import annotations

import pytest

from retriever.qa.clauses import answer_frame, answered_in, clause_window, goal_words
from retriever.qa.extractors.acts import best_annex
from retriever.qa.question import analyze_question, detect_kind
from retriever.qa.scoring import syllables


def _sentence(text: str, first: str, last: str) -> tuple[int, int]:
    start = text.index(first)
    return start, text.index(last, start) + len(last)


def _weights(question: str) -> dict[str, float]:
    return {w: 1.0 for w in syllables(question)}


def _answer(text: str, span: tuple[int, int], question: str) -> str:
    analysis = analyze_question(question)
    s, e = clause_window(text, *span, _weights(question), 150, goal=goal_words(question),
                         frame=answer_frame(analysis.key))
    return " ".join(text[s:e].split())


# ---------------------------------------------------------------- kinds: nouns that spell like a cue
def test_an_annex_is_no_time_and_a_machine_is_no_count():
    assert detect_kind("Theo công văn, các bộ, ngành báo cáo số liệu theo những phụ lục nào?").value == "document"
    assert detect_kind("dia phuong bao cao bien che theo phu luc so may").value == "document"
    assert detect_kind("Tỉnh phân cấp định mức cho những nhóm máy móc, thiết bị nào?").value == "list"
    assert detect_kind("Bao nhiêu máy thở được cấp?").value == "number"  # the count is still asked
    assert detect_kind("Các tỉnh phải báo cáo những số liệu gì về nhà ở?").value != "agencies"  # no "những sở"


def test_the_annex_of_the_clause_naming_the_question_subject(realdocs):
    text = (realdocs / "documents" / "tvpl_067.txt").read_text(encoding="utf-8")
    start, end = _sentence(text, "(bộ, ngành báo cáo số liệu", "2A, 2B, 4A, 4B)")
    body = text[start:end]
    for question, expected in (("các bộ, ngành báo cáo số liệu theo những phụ lục nào", "1A, 1B, 3A, 3B"),
                               ("địa phương báo cáo số liệu theo phụ lục số mấy", "2A, 2B, 4A, 4B")):
        _, s, e = best_annex(body, _weights(question))
        assert body[s:e].endswith(expected), question


# ---------------------------------------------------------------- clause windows
# (document, the sentence's first and last words, the question, what the short answer must hold)
CLAUSE_CASES = {
    "the value stated after the question's phrase": (
        "tvpl_180.txt", "Đối chiếu các quy định nêu trên", "trị giá khai báo không phù hợp.",
        "Hàng mẫu xuất khẩu không thanh toán, không có hợp đồng mua bán và hóa đơn thương mại "
        "thì khai trị giá hải quan theo giá nào?", "trị giá hải quan là trị giá khai báo"),
    "the frame slides over the unprinted category noun": (
        "tvpl_029.txt", "Về bố trí các nguồn lực đầu tư cho ngành Giáo dục", "khai, thực hiện.",
        "Điện Biên muốn phòng học, phòng công vụ, phòng nội trú của ngành giáo dục được kiên cố hóa tới mức nào?",
        "đạt 100%"),
    "the means before the goal answer what to do": (
        "tvpl_070.txt", "Đồng thời, phát huy tinh thần", "kế hoạch năm 2025 đã đặt ra.",
        "Công điện thi đua cao điểm cuối năm 2025 kêu gọi các nơi không bị thiên tai làm gì để bù "
        "cho miền Trung, Tây Nguyên?", "đẩy mạnh sản xuất kinh doanh"),
}


@pytest.mark.parametrize("case", CLAUSE_CASES.values(), ids=list(CLAUSE_CASES))
def test_the_clause_window_cuts_the_asked_slot(realdocs, case):
    name, first, last, question, expected = case
    text = (realdocs / "documents" / name).read_text(encoding="utf-8")
    assert expected in _answer(text, _sentence(text, first, last), question)


def test_the_asked_purpose_is_no_goal_and_its_lead_sentence_answers(realdocs):
    question = "Các đợt thi đua cao điểm theo Công điện 229/CĐ-TTg nhằm lập thành tích chào mừng sự kiện nào?"
    assert goal_words(question) == frozenset()
    text = (realdocs / "documents" / "tvpl_070.txt").read_text(encoding="utf-8")
    start, end = _sentence(text, "Thiết thực lập thành tích chào mừng", "nhiệm vụ trọng tâm cấp bách sau:")
    frame = answer_frame(analyze_question(question).key)
    assert answered_in(text, start, end, frame)  # the sentence answers, not the points after its colon
    assert not answered_in(text, start, end, answer_frame(analyze_question("Thủ tướng yêu cầu làm gì?").key))


def test_a_run_restating_the_question_is_not_the_answer(realdocs, monkeypatch):
    from retriever.qa import clauses

    text = (realdocs / "documents" / "tvpl_115.txt").read_text(encoding="utf-8")
    span = _sentence(text, "Trường hợp kiểm định chu kỳ", "từ lần kiểm tra thứ 03 (ba).")
    question = ("Tàu biển kiểm định chu kỳ có hạng mục không đạt sau hai lần kiểm tra thì từ lần thứ ba bị "
                "thu thêm thế nào?")
    assert "kiểm định bất thường" in _answer(text, span, question)
    monkeypatch.setattr(clauses, "_ECHO_PENALTY", 0.0)  # without the rule the restatement answers
    assert "kiểm định bất thường" not in _answer(text, span, question)


def test_a_near_unit_stating_the_asked_phrase_answers(realdocs):
    from types import SimpleNamespace

    from retriever.qa.clauses import stating_unit

    text = (realdocs / "documents" / "tvpl_053.txt").read_text(encoding="utf-8")
    lead = _sentence(text, "- Trung tâm Phục vụ hành", "tỉnh Hưng Yên:")
    stated = _sentence(text, "+ Trụ sở chính: Số 2", "tỉnh Hưng Yên;")
    cands = [SimpleNamespace(score=1.68, unit=SimpleNamespace(start=lead[0], end=lead[1])),
             SimpleNamespace(score=1.38, unit=SimpleNamespace(start=stated[0], end=stated[1]))]
    frame = answer_frame(analyze_question("trung tam phuc vu hanh chinh cong tinh Hung Yen co tru so chinh o dau").key)
    assert stating_unit(cands, lambda cand: text, frame, 0.35) is cands[1]
    assert stating_unit(cands, lambda cand: text, frame, 0.2) is None  # too far below the best


def test_the_items_after_a_colon_right_after_the_frame(realdocs):
    from retriever.qa.clauses import items_follow_frame

    text = (realdocs / "documents" / "tvpl_113.txt").read_text(encoding="utf-8")
    start = text.index("Để bảo đảm thống nhất trong thực hiện nhiệm vụ")
    items = text.index("quản lý người nộp thuế", start)
    question = "Cẩm nang nghiệp vụ thuế cho công chức cấp xã của BTC hỗ trợ phối hợp với cơ quan thuế trong những việc gì?"
    assert items_follow_frame(text, start, items, answer_frame(analyze_question(question).key))


def test_kinds_a_person_by_title_a_stage_a_recipient_an_act():
    assert detect_kind("Công văn truyền đạt ý kiến của Phó Thủ tướng nào?").value == "person"
    assert detect_kind("Trường hợp của công ty đang ở giai đoạn nào?").value == "what"
    assert detect_kind("Các trường gửi báo cáo hằng năm lên đâu?").value == "agency"
    assert detect_kind("Sau khi hết thời hạn kéo dài, thuế suất áp dụng theo văn bản nào?").value == "document"


def test_a_name_after_an_office_title_is_taken_first(realdocs):
    from types import SimpleNamespace

    from retriever.qa.extractors.people import PersonExtractor
    from retriever.qa.model import Unit

    text = (realdocs / "documents" / "tvpl_133.txt").read_text(encoding="utf-8")
    start, end = _sentence(text, "Hà Nội, ngày", "có ý kiến như sau:")
    context = SimpleNamespace(body=lambda unit: text[unit.start:unit.end])
    question = analyze_question("Công văn về động lực tăng trưởng truyền đạt ý kiến của Phó Thủ tướng nào?")
    span = PersonExtractor().extract(question, Unit("tvpl_133", start, end, 0, "", ""), context)
    assert span is not None and span.text == "Hồ Đức Phớc"  # not "Hà Nội" (Hà is a surname)


def test_short_answer_carries_no_line_break_of_the_source():
    """A span read across a wrapped line ("ngày 26\ntháng 11 năm 2025") is answered as one line; the quote keeps
    the document's text as it stands."""
    from retriever.qa.model import Answer, Quote

    quote = Quote(text="ký ngày 26\ntháng 11 năm 2025", citation="", doc_id="0", source="a.txt", heading="", start=0,
                  end=28, answer_start=3, answer_end=28)
    answer = Answer("Ký ngày nào?", "ngày 26\ntháng 11  năm 2025", False, [quote])
    assert answer.answer == "ngày 26 tháng 11 năm 2025"
    assert answer.to_dict()["answer"] == "ngày 26 tháng 11 năm 2025"
    assert "\n" in answer.quotes[0].text
    assert Answer("q", None, True, []).answer is None

"""The kind of answer is decided by the wh-phrase and the noun it governs, not by a cue word sitting in a
subordinate phrase or in the noun phrase that names the document."""

import pytest

from retriever.qa.question import QuestionKind, analyze_question


@pytest.mark.parametrize("question", [
    "Cơ quan quản lý phải ra quyết định tạm giữ chậm nhất bao lâu sau khi có căn cứ?",
    "Khi đủ căn cứ xử phạt, người có thẩm quyền phải lập biên bản trong bao lâu?",
])
def test_grounds_to_act_is_no_legal_basis(question):
    assert analyze_question(question).kind is QuestionKind.DEADLINE


@pytest.mark.parametrize("question", [
    "Nghị định 15/2026/NĐ-CP được ban hành căn cứ luật nào?",
    "Quyết định này có căn cứ pháp lý nào?",
])
def test_basis_asked_stays_legal_basis(question):
    assert analyze_question(question).kind is QuestionKind.LEGAL_BASIS


def test_effective_date_asked_beside_a_repealed_list():
    question = "Quyết định 27/QĐ-BYT công bố danh mục văn bản hết hiệu lực có hiệu lực từ ngày nào?"
    assert analyze_question(question).kind is QuestionKind.EFFECTIVE_DATE


def test_what_is_repealed_stays_repeals():
    question = "Khi Thông tư 05/2026/TT-BTC có hiệu lực thì những thông tư nào hết hiệu lực?"
    assert analyze_question(question).kind is QuestionKind.REPEALS


@pytest.mark.parametrize("question", [
    "Mức học phí mới của các trường công lập được áp dụng từ năm học nào?",
    "Mức thu tiền ăn bán trú theo nghị quyết này thực hiện từ năm học nào?",
])
def test_school_year_is_a_date(question):
    analysis = analyze_question(question)
    assert analysis.kind is QuestionKind.DATE
    assert analysis.date_role == "start"


def test_share_of_grdp_is_a_percentage():
    analysis = analyze_question("Đến năm 2030, kinh tế số của tỉnh chiếm tối thiểu bao nhiêu GRDP?")
    assert analysis.wants_percent


def test_points_counted_are_no_share():
    assert not analyze_question("Tiêu chí cơ sở vật chất chiếm bao nhiêu điểm?").wants_percent


@pytest.mark.parametrize("question", [
    "Đề án nâng cấp bệnh viện tuyến tỉnh ước tính cần bao nhiêu vốn đầu tư?",
    "Mục tiêu doanh thu dịch vụ y tế số của các bệnh viện công lập trên địa bàn tỉnh đến năm 2030 là bao nhiêu?",
    "Kế hoạch đặt mục tiêu kim ngạch xuất khẩu dược phẩm của tỉnh đến năm 2030 tối thiểu bao nhiêu?",
])
def test_money_asked_by_its_noun(question):
    assert analyze_question(question).kind is QuestionKind.AMOUNT


def test_count_of_firms_with_revenue_stays_a_count():
    question = "Có bao nhiêu doanh nghiệp đạt doanh thu trên 100 tỷ đồng?"
    assert analyze_question(question).kind is QuestionKind.NUMBER


def test_bound_on_a_span_asked_is_a_duration():
    analysis = analyze_question("Cơ quan phải trả lời chậm nhất mấy ngày sau khi nhận hồ sơ?")
    assert analysis.date_role == "duration"
    assert analyze_question("Người lao động phải nộp đề nghị chậm nhất ngày nào?").date_role == "due"



def test_basis_of_another_act_stays_legal_basis():
    """"làm căn cứ cho <act>": the act named is the one whose Căn cứ lines are read (a guard on the grounds reading)."""
    question = "Luật Dược làm căn cứ cho Nghị định 54/2026/NĐ-CP đã được sửa đổi bởi luật nào?"
    assert analyze_question(question).kind is QuestionKind.LEGAL_BASIS


def test_unit_of_measure_is_no_province():
    """"đơn vị tính nào" asks a unit of measure: its "tính nào" is no "tỉnh nào" once the accents are folded."""
    assert analyze_question("Sổ kế toán của quỹ được ghi theo đơn vị tính nào?").kind is not QuestionKind.AGENCY


def test_national_is_no_price():
    """"quốc gia … bao nhiêu chức năng": "gia" of "quốc gia" is no price; the counted noun makes it a count."""
    question = "Cơ sở dữ liệu quốc gia về y tế có bao nhiêu phân hệ chính?"
    assert analyze_question(question).kind is QuestionKind.NUMBER


def test_charter_capital_heading_the_subject_is_a_sum():
    question = "Vốn điều lệ do ngân sách tỉnh cấp lần đầu cho Quỹ hỗ trợ nông dân của tỉnh tối thiểu là bao nhiêu?"
    assert analyze_question(question).kind is QuestionKind.AMOUNT

"""How an official's figure question is read: the counted noun and the kind, whatever words spell like cues
without accents (helper w73)."""

from __future__ import annotations

import pytest

from retriever.qa.extractors import figures as F
from retriever.qa.extractors.dates import DeadlineExtractor
from retriever.qa.extractors.numbers import AmountExtractor, NumberExtractor
from retriever.qa.question import QuestionKind, analyze_question
from tests.test_qa_extractors import extract_in_unit


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


# ---------------------------------------------------------------- which figure of a unit answers

_TWO_LIMITS = ("Điều 3. Chi trả\n\nc) Trong thời hạn 10 ngày làm việc kể từ ngày nhận được danh sách người lao động "
               "đúng, đủ thông tin và trong thời hạn 20 ngày kể từ ngày nhận được danh sách người lao động điều chỉnh "
               "thông tin do đơn vị gửi đến, cơ quan bảo hiểm xã hội chi trả tiền hỗ trợ cho người lao động.\n")


def test_time_limits_of_one_sentence_told_apart_by_what_they_count_from(tmp_path):
    span = extract_in_unit(tmp_path, _TWO_LIMITS, "Cơ quan bảo hiểm xã hội chi trả cho người lao động có thông tin "
                           "điều chỉnh trong thời hạn bao lâu?", "trong thời hạn 20 ngày", DeadlineExtractor())
    assert span.text.startswith("20 ngày")
    span = extract_in_unit(tmp_path, _TWO_LIMITS, "Cơ quan bảo hiểm xã hội chi trả cho người lao động có thông tin "
                           "đúng, đủ trong thời hạn bao lâu?", "trong thời hạn 20 ngày", DeadlineExtractor())
    assert span.text.startswith("10 ngày làm việc")


def test_an_aside_after_a_limit_is_the_next_limits_case(tmp_path):
    text = ("Điều 2. Việc tang\n\ng) Người qua đời được chôn cất hoặc hoả táng trong vòng 48 giờ kể từ khi qua đời "
            "(nếu qua đời do mắc bệnh truyền nhiễm, dịch bệnh không để quá 24 giờ).\n")
    span = extract_in_unit(tmp_path, text, "Người chết do bệnh truyền nhiễm phải chôn cất trong bao lâu?",
                           "trong vòng 48 giờ", DeadlineExtractor())
    assert "24 giờ" in span.text


def test_a_due_date_opening_its_sentence_owns_what_follows(tmp_path):
    text = ("Điều 3. Trình tự\n\na) Cơ quan bảo hiểm xã hội lập danh sách người lao động, gửi đơn vị. Chậm nhất đến "
            "hết ngày 20 tháng 10 năm 2021, cơ quan bảo hiểm xã hội hoàn thành việc gửi danh sách đến tất cả đơn vị. "
            "Đơn vị gửi lại hồ sơ điều chỉnh chậm nhất đến hết ngày 10 tháng 11 năm 2021.\n")
    span = extract_in_unit(tmp_path, text, "Cơ quan bảo hiểm xã hội phải hoàn thành việc gửi danh sách trước ngày nào?",
                           "hoàn thành việc gửi", DeadlineExtractor())
    assert "20 tháng 10 năm 2021" in span.text


def test_a_span_of_time_the_question_states_is_a_case(tmp_path):
    text = ("Điều 2. Mức hỗ trợ\n\nHỗ trợ một lần bằng tiền như sau: a) Thời gian đóng bảo hiểm thất nghiệp từ đủ 60 "
            "tháng đến dưới 84 tháng: hỗ trợ 2.400.000 đồng/người; b) Thời gian đóng bảo hiểm thất nghiệp từ đủ 84 "
            "tháng đến dưới 108 tháng: hỗ trợ 2.650.000 đồng/người; c) Thời gian đóng bảo hiểm thất nghiệp từ đủ 108 "
            "tháng trở lên: hỗ trợ 2.900.000 đồng/người.\n")
    q = analyze_question("Người đóng bảo hiểm thất nghiệp 8 năm được hỗ trợ bao nhiêu?")
    assert F.case_fit(q, "thoi gian dong tu du 84 thang den duoi 108 thang") == 1.0
    assert F.case_fit(q, "thoi gian dong tu du 108 thang tro len") == -1.0
    assert F.case_fit(analyze_question("Kế hoạch 5 năm tới hỗ trợ bao nhiêu?"), "tu du 60 thang") == 0.0
    span = extract_in_unit(tmp_path, text, q.text, "2.650.000", AmountExtractor())
    assert span.text.startswith("2.650.000 đồng")


def test_a_weekday_is_no_count(tmp_path):
    text = "Điều 4. Báo cáo\n\nđ) Định kỳ thứ Hai hàng tuần tổng hợp tình hình, báo cáo Bộ Nội vụ.\n"
    span = extract_in_unit(tmp_path, text, "Tổng hợp tình hình vào thứ mấy hằng tuần?", "thứ Hai", NumberExtractor())
    assert span is None or span.text.startswith("thứ Hai")
    span = extract_in_unit(tmp_path, text, "Tổng hợp tình hình bao nhiêu lần hàng tuần?", "thứ Hai", NumberExtractor())
    assert span is None or "Hai" not in span.text


def test_points_of_a_criteria_table_keep_their_unit(tmp_path):
    text = "BẢNG TIÊU CHÍ\n\n1. Tổ chức bộ máy của trung tâm (10 điểm)\n\n1.1. Có đủ các chức danh. 4\n"
    span = extract_in_unit(tmp_path, text, "Tiêu chí tổ chức bộ máy của trung tâm được tối đa bao nhiêu điểm?",
                           "(10 điểm)", NumberExtractor())
    assert span.text == "10 điểm"


def test_a_count_is_copied_with_the_whole_unit_the_question_names(tmp_path):
    text = ("Điều 2. Chế độ\n\n2. Thân nhân của người từ trần được hưởng trợ cấp một lần bằng 03 tháng trợ cấp hiện "
            "hưởng của người từ trần. Nếu có tháng lẻ thì đủ 6 tháng trở lên được tính tròn một năm.\n")
    span = extract_in_unit(tmp_path, text, "Thân nhân được trợ cấp một lần bằng mấy tháng trợ cấp?", "03 tháng",
                           NumberExtractor())
    assert span.text == "03 tháng trợ cấp"  # not "03 tháng trợ": a word is not cut in half
    span = extract_in_unit(tmp_path, text, "Tháng lẻ từ bao nhiêu tháng trở lên thì được tính tròn một năm?",
                           "6 tháng", NumberExtractor())
    assert span.text == "6 tháng trở lên"


def test_a_share_and_a_count_of_days_the_question_states_are_cases(tmp_path):
    text = ("Điều 5. Mức hỗ trợ\n\na) Diện tích lúa:\n\nSau gieo trồng từ trên 10 ngày đến 45 ngày: thiệt hại trên 70% "
            "diện tích, hỗ trợ 8.000.000 đồng/ha; thiệt hại từ 30% đến 70% diện tích, hỗ trợ 4.000.000 đồng/ha;\n\n"
            "Sau gieo trồng trên 45 ngày: thiệt hại trên 70% diện tích, hỗ trợ 10.000.000 đồng/ha; thiệt hại từ 30% "
            "đến 70% diện tích, hỗ trợ 5.000.000 đồng/ha.\n")
    question = "Lúa sau gieo trồng 50 ngày bị thiệt hại 40% diện tích được hỗ trợ bao nhiêu tiền mỗi ha?"
    q = analyze_question(question)
    assert F.case_fit(q, "sau gieo trong tren 45 ngay: thiet hai tu 30% den 70% dien tich") == 1.0
    assert F.case_fit(q, "sau gieo trong tren 45 ngay: thiet hai tren 70% dien tich") == 0.0  # one holds, one not
    assert extract_in_unit(tmp_path, text, question, "trên 45 ngày", AmountExtractor()).text == "5.000.000 đồng/ha"

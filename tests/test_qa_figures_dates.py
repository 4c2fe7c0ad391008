"""Figures and dates tied to what the question asks (w21b), on small synthetic texts: the date the
question's verb asks for (end, start, due, event, period, frequency), a point's continuing sentence,
target years that are no act number, the figure of the question's own case, bound and counted noun,
and time limits counted from the event the question names.  Every cue works on accent-less text."""

from __future__ import annotations

import pytest

from retriever.qa.question import analyze_question, date_role, detect_kind
from tests.test_qa_extractors import Corpus


# ------------------------------------------------------------------ question analysis
@pytest.mark.parametrize("question, role", [
    ("Chính sách giảm thuế áp dụng đến hết ngày nào?", "end"),
    ("chinh sach giam thue ap dung den het ngay nao", "end"),
    ("Chính sách giảm thuế áp dụng từ ngày nào?", "start"),
    ("Phải gửi báo cáo trước ngày nào?", "due"),
    ("phai gui bao cao cham nhat vao ngay nao", "due"),
    ("Phó Thủ tướng họp về việc này vào ngày nào?", "event"),
    ("Kế hoạch được thực hiện trong giai đoạn nào?", "period"),
    ("Các bệnh viện báo cáo định kỳ nào?", "frequency"),
    ("Thời hạn giải quyết là bao lâu?", "duration"),
    ("Quyết định này do ai ký?", ""),
])
def test_date_role_read_off_the_question(question, role):
    assert analyze_question(question).date_role == role


def test_period_and_frequency_questions_get_a_kind():
    assert detect_kind("Kế hoạch thực hiện trong giai đoạn nào?").value == "date"
    assert detect_kind("bv tuyen tinh bao cao dinh ky the nao").value == "deadline"
    assert detect_kind("Khám sức khỏe định kỳ gồm những gì?").value == "list"  # "định kỳ" alone asks no frequency


def test_act_numbers_and_dates_are_not_target_years():
    assert analyze_question("Nghị định 72/2024/NĐ-CP áp dụng đến hết ngày nào?").target_years == ()
    assert analyze_question("nghi dinh 72/2024 ap dung den het ngay nao").target_years == ()
    assert analyze_question("Chỉ thị tháng 5/2026 yêu cầu tỷ lệ năm 2030 đạt bao nhiêu?").target_years == ("2030",)
    assert analyze_question("Quý 3/2025 tỷ lệ tiêm chủng đạt bao nhiêu?").target_years == ("2025",)


def test_money_verbs_ask_an_amount():
    assert detect_kind("Quân nhân đủ 15 năm công tác được trợ cấp hằng tháng bao nhiêu?").value == "amount"
    assert detect_kind("nguoi lao dong duoc ho tro bao nhieu mot thang").value == "amount"
    assert detect_kind("Vườn cây bị thiệt hại được hỗ trợ mức nào?").value == "amount"
    assert detect_kind("Tỉnh hỗ trợ bao nhiêu hộ nghèo?").value == "number"  # a counted noun follows


def test_counted_noun_after_bao_nhieu():
    assert analyze_question("Trung tâm đạt bao nhiêu điểm thì xếp loại tốt?").wanted_unit == ("diem",)
    assert analyze_question("Trung tâm đạt tổng số điểm bao nhiêu thì xếp loại tốt?").wanted_unit == ()
    assert analyze_question("Đồng Nai xây mới bao nhiêu trạm y tế?").wanted_unit == ("tram", "y")
    assert analyze_question("giai ngan bao nhieu phan tram von").wanted_unit == ()


# ------------------------------------------------------------------ dates
def test_end_of_a_range_for_den_het_ngay_nao(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Chính sách giảm thuế giá trị gia tăng áp dụng từ ngày 01/7/2024 đến hết ngày "
                              "31/12/2024.\n")
    assert corpus.extract("Chính sách giảm thuế giá trị gia tăng áp dụng đến hết ngày nào?").text.endswith("31/12/2024")
    assert corpus.extract("chinh sach giam thue gia tri gia tang ap dung tu ngay nao").text.endswith("01/7/2024")


def test_period_printed_whole(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Chương trình phát triển y tế cơ sở được thực hiện trong giai đoạn 2026 - 2030 "
                              "trên địa bàn tỉnh.\n")
    assert corpus.extract("Chương trình phát triển y tế cơ sở được thực hiện trong giai đoạn nào?").text == \
        "giai đoạn 2026 - 2030"


def test_event_date_opens_its_sentence_after_a_heading_act_number(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. KẾT LUẬN VỀ TÌNH HÌNH THỰC HIỆN NGHỊ QUYẾT SỐ 66/NQ-CP\n"
                              "Ngày 28 tháng 11 năm 2025, tại trụ sở Ủy ban, Phó Chủ tịch chủ trì cuộc họp về tình hình "
                              "thực hiện Nghị quyết số 66-NQ/TW ngày 30 tháng 4 năm 2025 của Bộ Chính trị.\n")
    assert "28 tháng 11 năm 2025" in corpus.extract(
        "Phó Chủ tịch họp về tình hình thực hiện Nghị quyết 66-NQ/TW vào ngày nào?").text


def test_due_date_in_the_point_s_continuing_sentence_is_quoted_with_it(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Ủy ban nhân dân các xã\n"
                              "a) Khẩn trương rà soát toàn bộ thôn, tổ dân phố; xây dựng Phương án tổng thể sắp xếp "
                              "thôn, tổ dân phố, báo cáo cấp ủy cùng cấp trước khi ban hành;\n"
                              "hoàn thành trước ngày 10 tháng 6 năm 2026.\n"
                              "b) Xây dựng Đề án bố trí người hoạt động không chuyên trách, hoàn thành trước ngày 30 "
                              "tháng 6 năm 2026.\n")
    span = corpus.extract("Phương án tổng thể sắp xếp thôn, tổ dân phố phải hoàn thành trước ngày nào?")
    assert "10 tháng 6 năm 2026" in span.text
    assert span.quote_start is not None and corpus.text[span.quote_start:span.quote_end].startswith("a) Khẩn trương")


def test_frequency_for_dinh_ky_nao(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Các bệnh viện tuyến tỉnh: Định kỳ hàng tháng, quý, 6 tháng, năm báo cáo tình "
                              "hình hoạt động về Sở Y tế trước ngày 20 của tháng cuối kỳ.\n")
    assert corpus.extract("Các bệnh viện tuyến tỉnh báo cáo tình hình hoạt động định kỳ nào?").text.startswith(
        "Định kỳ hàng tháng, quý, 6 tháng, năm")


def test_time_limit_counted_from_the_event_the_question_names(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Trong thời hạn 15 ngày kể từ ngày hoàn thành việc quyết toán, Sở Tài chính "
                              "thông báo kết quả.\n"
                              "Điều 2. Trong thời hạn 30 ngày kể từ ngày hoàn thành việc tiếp nhận người chấp hành án, "
                              "Sở Tài chính thông báo kết quả.\n")
    assert corpus.extract("Sở Tài chính thông báo kết quả trong thời hạn bao lâu kể từ ngày hoàn thành tiếp nhận "
                          "người chấp hành án?").text.startswith("30 ngày")


# ------------------------------------------------------------------ figures
def test_range_stated_by_the_question_is_its_condition(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Trong thời gian 05 năm, người có từ đủ 15 năm đến dưới 20 năm công tác trong "
                              "quân đội được trợ cấp.\n")
    assert corpus.extract("Người có đủ 15 năm công tác trong quân đội được trợ cấp trong bao nhiêu năm?").text == \
        "05 năm"


def test_figure_of_the_clause_holding_the_question_s_case(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Giai đoạn cận thu hoạch: thiệt hại trên 70% diện tích, hỗ trợ 15.000.000 "
                              "đồng/ha; thiệt hại từ 30% đến 70% diện tích, hỗ trợ 7.500.000 đồng/ha.\n")
    assert corpus.extract("cay giai doan can thu hoach thiet hai tu 30% den 70% duoc ho tro bao nhieu").text == \
        "7.500.000 đồng/ha"
    assert corpus.extract("Cây giai đoạn cận thu hoạch thiệt hại trên 70% được hỗ trợ mức nào?").text == \
        "15.000.000 đồng/ha"


def test_bound_the_question_asks(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Mức thu phí thẩm định giấy phép karaoke là 1.000.000 đồng/phòng, nhưng tổng mức "
                              "thu không quá 6.000.000 đồng/Giấy phép.\n")
    assert "6.000.000 đồng" in corpus.extract("Tổng mức thu phí thẩm định giấy phép karaoke tối đa là bao nhiêu?").text


def test_counted_noun_printed_before_the_figure(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Tiêu chí được cho điểm lẻ đến 0,5 điểm.\n"
                              "Điều 2. Loại tốt: tổng số điểm đạt được từ 85 đến 100.\n")
    assert corpus.extract("Trung tâm đạt bao nhiêu điểm thì xếp loại tốt?").text == "từ 85 đến 100"


def test_number_word_keeps_what_it_is_per(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Người có nguy cơ cao được khám sức khỏe định kỳ ít nhất một lần/năm.\n")
    assert corpus.extract("Người có nguy cơ cao được khám sức khỏe mấy lần một năm?").text == "ít nhất một lần/năm"


def test_head_of_the_counted_noun_is_enough(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Đầu tư xây mới 56 trạm y tế, cải tạo 46 trạm y tế, 20 trạm đầu tư bổ sung "
                              "trang thiết bị y tế.\n")
    assert corpus.extract("dong nai bo sung trang thiet bi cho bao nhieu tram y te").text.startswith("20 trạm")


def test_date_role_doctest_examples():
    assert date_role("bao cao truoc ngay nao") == "due"
    assert date_role("ap dung tu ngay nao den ngay nao") == "period"


def test_effect_until_a_date_for_end_and_period_questions(tmp_path):
    corpus = Corpus(tmp_path, "Điều 5. Quyết định này có hiệu lực từ ngày 01/7/2025 đến hết ngày 31/12/2026.\n")
    assert corpus.extract("Quyết định này có hiệu lực đến hết ngày nào?").text == "ngày 31/12/2026"
    assert corpus.extract("quyet dinh nay co hieu luc tu ngay nao den ngay nao").text == \
        "ngày 01/7/2025 đến hết ngày 31/12/2026"
    assert corpus.extract("Quyết định này có hiệu lực từ ngày nào?").text == "ngày 01/7/2025"


# ------------------------------------------------------------------ second pass (tune2)
def test_label_is_what_the_question_possesses_not_the_possessor():
    assert analyze_question("Tuổi thọ trung bình của người dân đạt bao nhiêu?").asked_label == ("tho", "trung")


def test_figure_of_the_label_not_of_the_possessor(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Phấn đấu năm 2024 tuổi thọ trung bình đạt 74,3 tuổi và số năm sống khỏe của "
                              "người dân đạt 67,4 năm.\n")
    assert corpus.extract("Năm 2024 phấn đấu tuổi thọ trung bình của người dân đạt bao nhiêu?").text.startswith("74,3")


def test_case_worded_otherwise_chua_du_is_duoi(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Mức hỗ trợ:\na) Thời gian đóng bảo hiểm dưới 12 tháng: hỗ trợ 1.800.000 "
                              "đồng/người.\nb) Thời gian đóng bảo hiểm từ đủ 12 tháng đến dưới 60 tháng: hỗ trợ "
                              "2.100.000 đồng/người.\n")
    assert corpus.extract("Người đóng bảo hiểm chưa đủ 12 tháng được hỗ trợ bao nhiêu tiền?").text.startswith(
        "1.800.000")


def test_money_range_read_whole(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Đơn vị được quyết định bán tài sản có nguyên giá từ 250 triệu đồng đến dưới "
                              "01 tỷ đồng.\n")
    assert corpus.extract("Đơn vị được quyết định bán tài sản có nguyên giá trong khoảng bao nhiêu?").text == \
        "từ 250 triệu đồng đến dưới 01 tỷ đồng"


def test_dotted_code_is_no_quantity(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Mặt hàng dầu thô có mã hàng 2710.19.20.\n")
    with pytest.raises(AssertionError, match="no amount answer"):  # nor a number (the fallback kind)
        corpus.extract("Dầu thô đã tách phần nhẹ có thuế suất ưu đãi bao nhiêu?")


def test_whoever_receives_which_amount_is_an_amount_question():
    assert detect_kind("Ai đã đóng bảo hiểm từ đủ 12 tháng thì nhận hỗ trợ mức nào?").value == "amount"


def test_holiday_answers_truoc_dip_nao(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Khẩn trương sửa chữa, dựng lại nhà cho người dân vùng lũ, bảo đảm người dân có "
                              "chỗ ở an toàn trước Tết Nguyên đán năm 2026.\n")
    span = corpus.extract("Người dân vùng lũ phải có chỗ ở an toàn trước dịp nào?")
    assert "Tết Nguyên đán" in span.text


def test_weekday_for_ngay_nao_trong_tuan(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Ủy ban nhân dân tỉnh báo cáo tiến độ sắp xếp thôn vào thứ Sáu hàng tuần; "
                              "hoàn thành trước ngày 06 tháng 7 năm 2026.\n")
    assert "thứ Sáu hàng tuần" in corpus.extract("ubnd tinh bao cao tien do sap xep thon vao ngay nao trong tuan").text


def test_due_date_after_cham_nhat_vao(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Chậm nhất đến hết ngày 20 tháng 10 năm 2021, cơ quan bảo hiểm xã hội gửi danh "
                              "sách người được hỗ trợ.\nĐiều 2. Cơ quan bảo hiểm xã hội chi trả tiền hỗ trợ cho người "
                              "lao động, thời gian hoàn thành chậm nhất vào ngày 31 tháng 12 năm 2021.\n")
    assert "31 tháng 12 năm 2021" in corpus.extract(
        "co quan bao hiem xa hoi phai chi tra xong tien ho tro cham nhat vao ngay nao").text


def test_money_asked_no_rate(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Doanh nghiệp phải có tổng chi cho nghiên cứu đạt tối thiểu 2% doanh thu thuần "
                              "hoặc từ 200 tỷ đồng Việt Nam/năm trở lên.\n")
    assert "200 tỷ đồng" in corpus.extract("Doanh nghiệp phải chi cho nghiên cứu tối thiểu bao nhiêu tiền mỗi năm nếu "
                                           "không tính theo tỷ lệ doanh thu?").text


def test_group_after_the_figure_is_its_own(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Thời lượng lồng ghép không vượt quá 10% tổng thời lượng chương trình đối với "
                              "trình độ sơ cấp và không vượt quá 5% tổng thời lượng chương trình đối với trình độ "
                              "trung cấp, trình độ cao đẳng.\n")
    assert corpus.extract("Với trình độ trung cấp, cao đẳng, thời lượng lồng ghép tối đa bao nhiêu phần trăm?").text \
        .endswith("5%")


def test_figure_stated_by_the_question_with_its_money_unit(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Mức thu phí thẩm định:\n- Trên 01 đến 10 tỷ đồng: 10 triệu đồng + (0,5% x phần "
                              "tổng chi phí trên 1 tỷ đồng).\n")
    assert corpus.extract("Phí thẩm định khi tổng chi phí trên 01 tỷ đồng là bao nhiêu?").text == "10 triệu đồng"


def test_counted_noun_asked_is_no_rate(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Trong giai đoạn 2026 - 2030, bảo đảm xây dựng trạm 5G đạt 100% tại các khu công "
                              "nghiệp.\nĐiều 2. Doanh nghiệp Viettel: 26 trạm.\n")
    assert corpus.extract("Trong kế hoạch 2026-2030, Viettel đầu tư mới bao nhiêu trạm 5G?").text == "26 trạm"

"""w148: a question that asks a code ("mã TTHC", "mã số thuế", "mã số nào") is answered with the code printed after
its label, in the "Mã …" column of the row naming the subject, or on the line after the party's name."""

from __future__ import annotations

from test_qa_extractors import extract_in_unit

from retriever.qa.extractors import default_extractors
from retriever.qa.extractors.codes import CodeExtractor
from retriever.qa.question import QuestionKind, detect_kind

PROCEDURES = """ỦY BAN NHÂN DÂN TỈNH AN GIANG

QUYẾT ĐỊNH
Về việc công bố danh mục thủ tục hành chính lĩnh vực y tế

Điều 1. Công bố kèm theo Quyết định này danh mục thủ tục hành chính.

|
**STT**
|
**Mã TTHC**
|
**Tên thủ tục hành chính**
|
**Thời hạn giải quyết**
|
|
1
|
1.004612
|
Cấp giấy phép hoạt động đối với phòng khám đa khoa
|
- 30 ngày làm việc kể từ ngày nhận đủ hồ sơ;
- 10 ngày làm việc đối với trường hợp cấp lại.
|
|
2
|
2.001896
|
Cấp chứng chỉ hành nghề dược
|
- 20 ngày làm việc kể từ ngày nhận đủ hồ sơ;
- 05 ngày làm việc đối với trường hợp cấp lại.
|

Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
"""

TAX_LETTER = """CỤC THUẾ

Số: 4512/CT-CS
V/v thuế suất thuế GTGT

Kính gửi: Công ty TNHH Cơ khí Bình Minh;
Mã số thuế: 0312456789;
Địa chỉ: Khu công nghiệp Tân Tạo, Thành phố Hồ Chí Minh.

Trả lời văn bản số 15/CV-BM ngày 02/10/2025 của Công ty về thuế suất thuế GTGT, Cục Thuế có ý kiến như sau.
"""

RULING = """CỤC HẢI QUAN

Số: 812/TB-CHQ

THÔNG BÁO
Về kết quả xác định trước mã số

Hàng hóa là máy bơm nước ly tâm một tầng dùng trong nông nghiệp thuộc nhóm 84.13, phân nhóm “- Bơm ly tâm khác”, mã số 8413.70.19 tại Danh mục hàng hóa xuất khẩu, nhập khẩu Việt Nam.
"""


def test_code_questions_are_their_own_kind():
    assert detect_kind("Thủ tục cấp chứng chỉ hành nghề dược có mã TTHC là gì?") is QuestionKind.CODE
    assert detect_kind("Mã số thuế của Công ty TNHH Cơ khí Bình Minh là gì?") is QuestionKind.CODE
    assert detect_kind("Máy bơm nước được xếp vào mã số nào?") is QuestionKind.CODE
    assert detect_kind("Máy bơm nước thuộc mã số hàng hóa nào?") is QuestionKind.CODE
    assert detect_kind("Mã số thuế của công ty nào được ghi trong công văn?") is not QuestionKind.CODE  # a company
    # a code named, not asked; the ruling named by "xác định trước mã số", a figure asked
    assert detect_kind("Thủ tục mã 1.004612 được giải quyết trong bao lâu?") is not QuestionKind.CODE
    assert detect_kind("Công suất của máy bơm được xác định trước mã số là bao nhiêu?") is not QuestionKind.CODE
    assert detect_kind("Máy bơm được Cục Hải quan xác định trước mã số nào?") is QuestionKind.CODE
    assert isinstance(default_extractors()[QuestionKind.CODE], CodeExtractor)


def test_code_is_read_in_the_code_column_of_the_row_naming_the_procedure(tmp_path):
    span = extract_in_unit(tmp_path, PROCEDURES, "Thủ tục cấp chứng chỉ hành nghề dược có mã TTHC là gì?",
                           "Cấp chứng chỉ hành nghề dược", CodeExtractor())
    assert span is not None and span.text == "2.001896"


def test_tax_code_is_read_on_the_line_after_the_addressee(tmp_path):
    span = extract_in_unit(tmp_path, TAX_LETTER, "Mã số thuế của Công ty TNHH Cơ khí Bình Minh là gì?",
                           "Kính gửi: Công ty TNHH Cơ khí Bình Minh", CodeExtractor())
    assert span is not None and span.text == "0312456789"


def test_goods_code_is_the_line_code_not_the_heading_nor_the_act_number(tmp_path):
    question = "Máy bơm nước ly tâm được Cục Hải quan xếp vào mã số nào?"
    span = extract_in_unit(tmp_path, RULING, question, "thuộc nhóm 84.13", CodeExtractor())
    assert span is not None and span.text == "8413.70.19"
    heading = extract_in_unit(tmp_path, RULING, "Máy bơm nước ly tâm thuộc nhóm mã số nào?", "thuộc nhóm 84.13",
                              CodeExtractor())
    assert heading is not None and heading.text == "84.13"
    assert extract_in_unit(tmp_path, RULING, question, "Số: 812/TB-CHQ", CodeExtractor()) is None

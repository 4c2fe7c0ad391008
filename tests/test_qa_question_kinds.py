"""How a question's kind is read: the way an official asks, typed with and without diacritics."""

import pytest

from corpus.vietnamese import match_key
from retriever.qa.question import analyze_question

CASES = [
    # "hồ sơ nào" holds no "Sở nào": ways of filing are no body
    ("Có những cách thức nộp hồ sơ nào?", "list"),
    ("Người dân có thể nộp hồ sơ theo những hình thức nào?", "list"),
    ("Những phương thức nào để gửi hồ sơ?", "list"),
    ("Sở nào tiếp nhận hồ sơ?", "agency"),
    ("Cơ quan nào tiếp nhận hồ sơ?", "agency"),
    # "những ai" covered by a rule (beneficiaries, those who pay or take part) vs bodies that act
    ("Những ai tham gia bảo hiểm y tế?", "list"),
    ("Những ai được cấp thẻ bảo hiểm y tế miễn phí?", "list"),
    ("Những ai thuộc diện được hỗ trợ tiền điện?", "list"),
    ("Những ai phải đóng phí thẩm định?", "list"),
    ("Những ai chịu trách nhiệm thực hiện kế hoạch?", "agencies"),
    ("Những ai được giao chủ trì triển khai?", "agencies"),
    ("Những bộ nào phối hợp?", "agencies"),
    # a weekday asked with "thứ mấy" is a date, an ordinal stays a number
    ("Lịch tiếp công dân vào thứ mấy hằng tuần?", "date"),
    ("Ngày thứ mấy hằng tuần tổ chức giao ban?", "date"),
    ("Họp giao ban vào ngày nào trong tuần?", "date"),
    ("Nghị quyết được thông qua tại kỳ họp thứ mấy?", "number"),
    # who must sign a paper the text prescribes vs who signed this document
    ("Tờ trình đề nghị thành lập phải do ai ký?", "agency"),
    ("Đơn đề nghị cần có chữ ký của ai?", "agency"),
    ("Ai ký quyết định này?", "signer"),
    ("Văn bản này do ai ký?", "signer"),
    ("Người ký tờ trình là ai?", "signer"),
    # a part of a body, an office holder asked by "người nào"
    ("Bộ phận nào chịu trách nhiệm tiếp nhận hồ sơ?", "agency"),
    ("Người nào có thẩm quyền xử phạt?", "agency"),
    ("Những người nào được miễn học phí?", "list"),
    ("Những ai không phải nộp lệ phí?", "list"),
    # a figure or a time limit named as the subject while a body, an act or the items of a list are asked (w88)
    ("Số lượng nhân viên cụ thể cho từng xã do ai quyết định?", "agency"),
    ("Mức thu phí cụ thể do cơ quan nào quyết định?", "agency"),
    ("Thời hạn nộp báo cáo do đơn vị nào quy định?", "agency"),
    ("Ai chịu trách nhiệm thẩm định mức giá?", "agency"),
    ("Cấp nào có thẩm quyền quyết định mức hỗ trợ?", "agency"),
    ("Mức phụ cấp được quy định tại văn bản nào?", "document"),
    ("Những người sử dụng lao động nào không được giảm mức đóng?", "list"),
    ("Mức hỗ trợ tối đa là bao nhiêu?", "amount"),  # the figure itself asked
    ("Mức đóng được giảm kéo dài từ khi nào đến khi nào?", "date"),
    ("Thời hạn giải quyết hồ sơ tối đa bao nhiêu ngày?", "deadline"),
    ("Thời hạn nộp là khi nào?", "deadline"),
    # the party that acts ("bên nào"), who must sign, bodies counted ("hai sở nào")
    ("Danh sách đối tượng do bên nào lập?", "agency"),
    ("Ai phải ký tờ trình đề nghị thành lập tổ chức?", "agency"),
    ("Hai sở nào đánh giá kết quả tự chủ tài chính?", "agencies"),
    # a deadline asked as "hạn nào" / "trước ngày mấy"; a range asked "trong khoảng nào"
    ("Phải gửi kết quả trước hạn nào?", "deadline"),
    ("Báo cáo phải gửi về Sở trước ngày mấy hằng tháng?", "deadline"),
    ("Thiết bị hoạt động ở nhiệt độ trong khoảng nào?", "number"),
    ("Kế hoạch thực hiện trong khoảng thời gian nào?", "date"),
    # articles of an act asked
    ("Công ty được đề nghị nghiên cứu những điều nào của Luật Thuế?", "document"),
    ("Giá dịch vụ chưa bao gồm những khoản nào?", "list"),
    # a paper filed somewhere goes to a body; "chương trình" holds no "trình … đâu"
    ("Hồ sơ nộp ở đâu?", "agency"),
    ("Vùng lõi nghèo theo chương trình hiện nay chủ yếu ở đâu?", "what"),
    # "cho sở nào" ("cho" ends in "ho": no "hồ sơ nào"); "hạn nộp"; lead and cooperating bodies asked at once
    ("UBND tỉnh giao nhiệm vụ này cho sở nào?", "agency"),
    ("Hạn nộp báo cáo là ngày nào?", "deadline"),
    ("Ai chủ trì và ai phối hợp thực hiện?", "agencies"),
    # the party a duty falls on, not an office holder's name
    ("Ai là người nộp lệ phí cấp chứng chỉ?", "agency"),
    ("Phó Chủ tịch UBND tỉnh phụ trách lĩnh vực y tế là ai?", "person"),
    # an act asked with its standing
    ("Hồ sơ nộp trước ngày 05/4/2026 thì áp dụng văn bản cũ nào?", "document"),
    # "số lượng" typed without accents is a count, not "lương" (salary); "đến năm bao nhiêu" asks a year
    ("Số lượng cán bộ tối đa là bao nhiêu người?", "number"),
    ("Đến năm bao nhiêu đạt 100% trạm y tế có bác sĩ?", "date"),
]


@pytest.mark.parametrize("question,kind", CASES)
def test_kind_with_diacritics(question, kind):
    assert analyze_question(question).kind.value == kind


@pytest.mark.parametrize("question,kind", CASES)
def test_kind_without_diacritics(question, kind):
    assert analyze_question(match_key(question)).kind.value == kind


def test_hoso_is_no_department_head():
    assert analyze_question("Sở nào tiếp nhận hồ sơ?").wanted_head == "so"
    assert analyze_question("Nộp những hồ sơ nào cho cơ quan nào?").wanted_head is None
    assert analyze_question("UBND tỉnh giao nhiệm vụ này cho sở nào?").wanted_head == "so"
    assert analyze_question("Cơ sở nào được khám chữa bệnh bảo hiểm y tế?").wanted_head is None  # a facility


def test_accented_words_spelt_like_wh_words():
    """An accented question that prints no "đâu"/"mấy" asks no "where"/"how many" ("đấu thầu", "máy")."""
    assert analyze_question("Thủ tục cấp chứng chỉ về đấu thầu ở Hà Nội có mã là gì?").kind.value == "what"
    assert analyze_question("Báo cáo gửi về đâu?").kind.value == "agency"
    assert analyze_question("bao cao gui ve dau?").kind.value == "agency"


def test_details_read():
    """An act's number is no target year; "mã số nào" and "văn bản nào" name no head; "bộ máy" asks no figure."""
    assert analyze_question("Quyết định 1973/QĐ-UBND của Hưng Yên năm 2025 chuyển những thủ tục nào?").target_years == ("2025",)
    assert analyze_question("Hàng hóa được xếp vào nhóm mã số nào?").wanted_head is None
    assert analyze_question("Sau khi hết hạn thì áp dụng theo văn bản nào?").wanted_head is None
    assert analyze_question("Về bộ máy, giấy tờ nào được xếp độ Tối mật?").asked_label == ()
    assert analyze_question("Phụ cấp hằng tháng theo hệ số bao nhiêu?").asked_label == ("he", "so")


@pytest.mark.parametrize("question,kind", [
    ("Thời lượng lồng ghép được chiếm tối đa bao nhiêu phần trăm chương trình?", "number"),
    ("Lượng mưa phổ biến trong khu vực là bao nhiêu?", "number"),
    ("Kế hoạch ưu tiên hoàn thiện bao nhiêu cơ sở dữ liệu?", "number"),
    ("Tiêu chí đánh giá cơ sở vật chất được tối đa bao nhiêu điểm?", "number"),
    ("Nội dung phải thống nhất với pháp luật về tổ chức bộ máy của lực lượng nào?", "what"),
    ("Quyết định công bố mấy thủ tục hành chính?", "number"),
    ("Thủ tục về đấu thầu có mã là gì?", "what"),
    ("Tổng vốn đầu tư của dự án là bao nhiêu?", "amount"),
])
def test_accentless_spelling_reads_alike(question, kind):
    """Typed without accents, a question reads as it does with them: "lượng", "ưu tiên", "đánh giá", "bộ máy" and
    "đấu thầu" hold no money, "how many" or "where" cue."""
    assert analyze_question(question).kind.value == kind
    assert analyze_question(match_key(question)).kind.value == kind

"""How a clerk ties a figure or a date to what is asked (w84), on small synthetic texts: footnote marks are no
figures, the end of a case the question asks at its wh-word, a total named as its clause's subject, today's figure
against a target, a period heading's year, an event's date printed after its name (never a due date), the case a
time limit is stated for after it, and the act whose date a question asks by its number."""

from __future__ import annotations

from retriever.qa.extractors import figures as F
from retriever.qa.question import analyze_question
from tests.test_qa_extractors import Corpus


def test_footnote_marks_are_no_figures(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Tình hình đăng ký\n"
                              "Đến ngày 19 tháng 11 năm 2025 đã có 15 bộ, ngành, 25 địa phương gửi đăng ký. Một số "
                              "công trình chưa được các địa phương rà soát, báo cáo[4].\n")
    assert corpus.extract("Đã có bao nhiêu địa phương gửi đăng ký?").text.startswith("25 địa phương")
    assert not F.footnote_mark("xem mục [4]", 10, 11)


def test_the_end_of_a_case_asked_at_the_wh_word(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Thẩm quyền của đơn vị\n"
                              "a) Giao tài sản công có nguyên giá dưới 01 tỷ đồng/01 đơn vị tài sản cho đơn vị cấp dưới.\n"
                              "b) Bán tài sản công có nguyên giá từ 250 triệu đồng đến dưới 01 tỷ đồng/01 đơn vị tài sản.\n")
    answer = corpus.extract("Đơn vị được bán tài sản công có nguyên giá từ bao nhiêu trở lên?").text
    assert "250 triệu đồng" in answer
    # "không ít hơn 01 năm" is a lower end, though it prints "ít hơn"
    body = "nhưng không ít hơn 01 năm tài chính"
    assert F.printed_bound(body, body.index("01"), body.index(" tài")) == "min"
    assert F.asked_bound(analyze_question("Hưởng ít nhất 15 năm thì được bao nhiêu?")) == ""


def test_a_total_named_as_the_clause_subject(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Hạ tầng viễn thông\n"
                              "Hiện nay, tổng số trạm BTS 4G và các trạm 5G lắp đặt tại các khu công nghiệp đã đi vào "
                              "hoạt động là 87 trạm. Trong đó, có 28 trạm 5G trên nền hạ tầng 4G.\n"
                              "+ Chuyển đổi từ trạm 4G sang trạm 5G: 125 trạm, nâng tổng số trạm 5G: 188 trạm.\n")
    assert corpus.extract("Hiện có tổng cộng bao nhiêu trạm BTS 4G và 5G trong các khu công nghiệp đang hoạt động?"
                          ).text.startswith("87 trạm")


def test_todays_figure_is_no_target_and_a_period_heading_has_a_year():
    q = analyze_question("Đến hết giai đoạn 2026 - 2030, các khu công nghiệp phấn đấu có bao nhiêu trạm 5G?")
    body = "Hiện nay, tổng số trạm là 87 trạm. Kế hoạch nâng tổng số trạm 5G: 188 trạm."
    assert F.current_for_target(q, body, body.index("87")) and not F.current_for_target(q, body, body.index("188"))
    assert not F.current_for_target(analyze_question("Hiện có bao nhiêu trạm 5G?"), body, body.index("87"))
    assert F.heading_year("2. Kế hoạch phát triển giai đoạn 2026 - 2030") == "2030"


def test_an_events_date_is_printed_after_its_name_not_a_due_date(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Nhiệm vụ\n"
                              "1. Tỉnh tập trung thực hiện các nhiệm vụ theo chỉ đạo của Thủ tướng Chính phủ tại Hội "
                              "nghị trực tuyến Chính phủ với các địa phương ngày 07 tháng 11 năm 2025.\n"
                              "2. Ủy ban nhân dân tỉnh khẩn trương báo cáo Thủ tướng Chính phủ về tuyến đường kết nối "
                              "với các địa phương trước ngày 01 tháng 12 năm 2025.\n")
    answer = corpus.extract("Hội nghị trực tuyến Chính phủ với các địa phương mà Thủ tướng nhắc tới diễn ra ngày nào?")
    assert "07 tháng 11" in answer.text


def test_the_case_a_time_limit_is_stated_for(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Thời hạn giải quyết thủ tục cấp chứng chỉ\n"
                              "- Trong thời hạn 15 ngày làm việc kể từ ngày ban hành quyết định (đối với cá nhân đạt kỳ "
                              "thi sát hạch),\n"
                              "- 07 ngày làm việc kể từ ngày ban hành quyết định (đối với các trường hợp: chứng chỉ đã "
                              "được cấp còn thời hạn nhưng do thay đổi thông tin trên chứng chỉ; chứng chỉ bị mất).\n")
    answer = corpus.extract("Cấp chứng chỉ do thay đổi thông tin trên chứng chỉ thì thời hạn giải quyết là bao lâu?")
    assert answer.text.startswith("07 ngày làm việc")
    body = "07 ngày (đối với: thay đổi thông tin; đăng ký tối thiểu 15 ngày trước; bị mất)"
    assert "15" not in F.case_after(body, body.index(" (")) and "thay đổi" in F.case_after(body, body.index(" ("))


def test_the_act_whose_date_is_asked_by_number(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Trả lời công dân\n"
                              "Sở Y tế đã có Công văn số 5106/SYT-NV ngày 12/11/2025 về việc chính sách hỗ trợ.\n")
    route = corpus.route()
    asked = analyze_question("Sở Y tế trả lời bằng quyết định 45/2025/QĐ-UBND, vậy công văn 5106/SYT-NV mà Sở đã có "
                             "trước đó ban hành ngày nào?")
    assert route.facts(asked, corpus.doc_id) is None  # not the document's own date (20 tháng 11 năm 2025)
    own = route.facts(analyze_question("Quyết định 45/2025/QĐ-UBND ban hành ngày nào?"), corpus.doc_id)
    assert own is not None and "20 tháng 11 năm 2025" in own.answer
    topic = route.facts(analyze_question("Quyết định thực hiện Nghị định 24/2023/NĐ-CP ban hành ngày nào?"),
                        corpus.doc_id)
    assert topic is not None and "20 tháng 11 năm 2025" in topic.answer


def test_a_count_read_off_a_list_of_names(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Sắp xếp đơn vị hành chính cấp xã\n"
                              "1. Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của các xã Hua Thanh, Thanh Luông, "
                              "Thanh Hưng, Thanh Chăn và Thanh Nưa thành xã mới có tên gọi là xã Thanh Nưa.\n"
                              "2. Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của thị trấn Mường Ảng, xã Ẳng Nưa "
                              "và xã Ẳng Cang thành xã mới có tên gọi là xã Mường Ảng.\n")
    answer = corpus.extract("Xã Thanh Nưa mới được hình thành từ mấy xã cũ?")
    assert answer.text.startswith("5 xã (Hua Thanh") and corpus.text[answer.start:answer.end].startswith("các xã")
    assert corpus.extract("Xã Mường Ảng mới được hình thành từ mấy xã cũ?").text.startswith("2 xã")


def test_two_due_dates_told_apart_by_what_is_due_before_them(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Báo cáo\n"
                              "1. Các sở, ngành gửi báo cáo về Sở Y tế trước ngày 15 tháng 12 năm 2025 để tổng hợp, báo "
                              "cáo Ủy ban nhân dân tỉnh trước ngày 25 tháng 12 năm 2025.\n")
    assert "15 tháng 12" in corpus.extract("Các sở, ngành phải gửi báo cáo về Sở Y tế trước ngày nào?").text
    assert "25 tháng 12" in corpus.extract("Sở Y tế báo cáo Ủy ban nhân dân tỉnh trước ngày nào?").text


def test_the_case_printed_after_a_figure(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Hỗ trợ\n"
                              "1. Hỗ trợ một lần bằng 03 tháng lương cơ sở cho người có từ đủ 05 năm công tác trở lên; "
                              "hỗ trợ 01 tháng lương cơ sở cho người có dưới 05 năm công tác.\n")
    assert corpus.extract("Người có 3 năm công tác được hỗ trợ bao nhiêu?").text.startswith("01 tháng")
    assert corpus.extract("Người có 7 năm công tác được hỗ trợ bao nhiêu?").text.startswith("03 tháng")


def test_a_case_the_question_rules_out(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Hỗ trợ nuôi trồng thủy sản bị thiệt hại\n"
                              "a) Nuôi trồng thủy sản thâm canh trong ao: hỗ trợ 60.000.000 đồng/ha diện tích bị thiệt hại.\n"
                              "b) Nuôi trồng thủy sản trong lồng, bè: hỗ trợ 30.000.000 đồng/100 m3 thể tích bị thiệt hại.\n"
                              "c) Nuôi trồng thủy sản theo hình thức khác: hỗ trợ 15.000.000 đồng/ha diện tích bị thiệt hại.\n")
    answer = corpus.extract("Nuôi trồng thủy sản (không phải thâm canh trong ao, không phải lồng bè) bị thiệt hại được "
                            "hỗ trợ bao nhiêu một ha?")
    assert answer.text.startswith("15.000.000 đồng/ha")

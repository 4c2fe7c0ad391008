"""The date of an act a document cites, asked through the document citing it (w93): "Luật … mà Quyết định …
viện dẫn được thông qua ngày nào" asks the cited law's date, not the citing decision's own; a law cited by its name
("Căn cứ Luật Việc làm ngày 16 tháng 11 năm 2013") is told by that name as another act is by its number; and
"<programme> được … phê duyệt ngày nào" asks the date of the act the text says approved it."""

from __future__ import annotations

import pytest

from retriever.qa.question import analyze_question, citing_clause
from tests.test_qa_extractors import Corpus

_PREAMBLE = ("Căn cứ Luật Bảo hiểm y tế ngày 14 tháng 11 năm 2008;\n"
             "Căn cứ Luật Khám bệnh, chữa bệnh ngày 09 tháng 01 năm 2023;\n"
             "Căn cứ Nghị định số 31/2024/NĐ-CP ngày 20 tháng 3 năm 2024 của Chính phủ quy định chức năng, nhiệm vụ, "
             "quyền hạn và cơ cấu tổ chức của Bộ Y tế;\n"
             "Căn cứ Nghị định số 75/2025/NĐ-CP ngày 02 tháng 4 năm 2025 của Chính phủ quy định chi tiết thi hành Luật "
             "Khám bệnh, chữa bệnh;\n\n"
             "Điều 1. Phạm vi điều chỉnh\nThông tư này hướng dẫn việc cấp thẻ bảo hiểm y tế cho nhân viên y tế thôn bản.\n")


@pytest.mark.parametrize("question", [
    "Luật Bảo hiểm y tế mà Thông tư 12/2025/TT-BYT viện dẫn được thông qua ngày nào?",
    "Luật Khám bệnh, chữa bệnh được Thông tư 12/2025/TT-BYT dẫn ra được ban hành ngày nào?",
    "Nghị định về chức năng của Bộ Y tế mà Thông tư 12/2025/TT-BYT căn cứ được ban hành ngày nào?",
])
def test_a_citing_clause_means_the_cited_acts_date(question):
    analysis = analyze_question(question)
    assert citing_clause(analysis.key) is not None
    assert not analysis.asks_own_date  # the citing document's own date line is not asked


@pytest.mark.parametrize("question", [
    "Thông tư 12/2025/TT-BYT được ban hành ngày nào?",
    "Những tài sản mà người dân tự nguyện chuyển giao được xử lý ngày nào?",  # "người dân": no citing
    "Công ty được Cục Thuế hướng dẫn vào ngày nào?",  # "hướng dẫn": guided, not cited
])
def test_no_citing_clause(question):
    assert citing_clause(analyze_question(question).key) is None


def test_a_law_cited_by_its_name_is_told_by_that_name(tmp_path):
    corpus = Corpus(tmp_path, _PREAMBLE)
    assert corpus.extract("Luật Khám bệnh, chữa bệnh mà Thông tư 12/2025/TT-BYT viện dẫn được thông qua ngày nào?"
                          ).text.endswith("09 tháng 01 năm 2023")
    assert corpus.extract("Luật Bảo hiểm y tế mà Thông tư 12/2025/TT-BYT viện dẫn được thông qua ngày nào?"
                          ).text.endswith("14 tháng 11 năm 2008")


def test_a_decree_cited_through_the_citing_act_is_told_by_what_it_rules(tmp_path):
    corpus = Corpus(tmp_path, _PREAMBLE)
    asked = "Nghị định quy định chức năng, nhiệm vụ của Bộ Y tế mà Thông tư 12/2025/TT-BYT căn cứ được ban hành ngày nào?"
    assert corpus.extract(asked).text.endswith("20 tháng 3 năm 2024")
    asked = "Nghị định quy định chi tiết Luật Khám bệnh, chữa bệnh mà Thông tư 12/2025/TT-BYT căn cứ ban hành ngày nào?"
    assert corpus.extract(asked).text.endswith("02 tháng 4 năm 2025")


def test_the_date_of_the_act_that_approved_a_programme(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Nhiệm vụ\nSở Y tế rà soát, cập nhật Đề án phát triển y tế cơ sở tỉnh An Bình đến "
                              "năm 2030 được UBND tỉnh phê duyệt tại Quyết định số 815/QĐ-UBND ngày 12/3/2024 của UBND "
                              "tỉnh, hoàn thành trong tháng 12 năm 2025.\n")
    assert corpus.extract("Đề án phát triển y tế cơ sở tỉnh An Bình được UBND tỉnh phê duyệt ngày nào?"
                          ).text.endswith("12/3/2024")


# ------------------------------------------------------------------ a time told by an event
_DUTIES = ("Điều 5. Trách nhiệm\n"
           "1. Cơ quan đề nghị phải gửi dự thảo đề án đến các cơ quan liên quan để lấy ý kiến bằng văn bản trước khi "
           "trình cấp có thẩm quyền phê duyệt.\n"
           "2. Người hưởng phụ cấp hằng tháng chuyển công tác thì đóng bảo hiểm đến hết ngày cuối cùng của tháng "
           "chuyển đi; đơn vị mới lập danh sách đề nghị cấp thẻ từ tháng tiếp theo.\n"
           "3. Trạm y tế báo cáo kết quả tiêm chủng về Trung tâm Y tế trước ngày 05 hằng tháng.\n")


def test_a_time_told_by_the_event_it_follows_or_precedes(tmp_path):
    corpus = Corpus(tmp_path, _DUTIES)
    assert corpus.extract("Cơ quan đề nghị phải lấy ý kiến các cơ quan liên quan về dự thảo đề án vào lúc nào?"
                          ).text == "trước khi trình cấp có thẩm quyền phê duyệt"


def test_a_start_is_no_date_a_duty_is_due_by(tmp_path):
    corpus = Corpus(tmp_path, _DUTIES)
    # "đến hết ngày cuối cùng của tháng" ends the old unit's duty; the new unit's starts "từ tháng tiếp theo"
    assert corpus.extract("Người chuyển công tác thì đơn vị mới đề nghị cấp thẻ từ khi nào?").text == "từ tháng tiếp theo"


def test_a_date_still_answers_before_an_event(tmp_path):
    corpus = Corpus(tmp_path, _DUTIES)
    assert "ngày 05 hằng tháng" in corpus.extract("Trạm y tế báo cáo kết quả tiêm chủng về Trung tâm Y tế vào lúc nào?").text


def test_a_cited_acts_description_is_what_follows_it_up_to_the_next_act(tmp_path):
    # the second decree's words are printed after the first's description: "… của Luật Quản lý thuế; Nghị định số 91 …"
    corpus = Corpus(tmp_path, "Căn cứ Nghị định số 126/2020/NĐ-CP ngày 19 tháng 10 năm 2020 của Chính phủ quy định chi "
                              "tiết một số điều của Luật Quản lý thuế; Nghị định số 91/2022/NĐ-CP ngày 30 tháng 10 năm 2022 "
                              "của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số 126/2020/NĐ-CP;\n\n"
                              "Điều 1. Phạm vi điều chỉnh\nThông tư này quy định mức thu phí thẩm định.\n")
    asked = "Nghị định quy định chi tiết một số điều của Luật Quản lý thuế mà Thông tư 12/2025/TT-BTC căn cứ ban hành ngày nào?"
    assert corpus.extract(asked).text.endswith("19 tháng 10 năm 2020")


# ------------------------------------------------------------------ a part of a year
_CONCLUSION = ("Điều 1. Nhiệm vụ trọng tâm\nĐề nghị Sở Y tế tập trung chỉ đạo thực hiện các nhiệm vụ, giải pháp phòng, "
               "chống dịch trong 02\ntháng cuối năm 2025 và những tháng đầu năm 2026; hoàn thành tổng kết trong năm 2025.\n")


def test_a_part_of_a_year_is_copied_whole(tmp_path):
    corpus = Corpus(tmp_path, _CONCLUSION)
    answer = corpus.extract("Sở Y tế tập trung chỉ đạo các nhiệm vụ phòng, chống dịch trong khoảng thời gian nào?").text
    assert " ".join(answer.split()) == "02 tháng cuối năm 2025"  # not its bare year "năm 2025"


def test_months_do_not_answer_a_day():
    from retriever.qa.extractors.dates import months_for_a_day

    body = "Thông báo kết luận về phương hướng 06 tháng cuối năm 2025"
    assert months_for_a_day(analyze_question("Kết luận được thông báo ngày nào?"), body, body.index("06"))
    assert not months_for_a_day(analyze_question("Phương hướng đề ra cho thời gian nào?"), body, body.index("06"))


# ------------------------------------------------------------------ a consolidated text's own date
@pytest.mark.parametrize("question", [
    "Văn bản hợp nhất 12/VBHN-BYT được xác thực ngày nào?",
    "Văn bản hợp nhất 12/VBHN-BYT được Bộ Y tế xác nhận vào ngày nào?",
])
def test_authenticated_on_asks_the_documents_own_date(question):
    # a consolidated text is not signed but authenticated ("XÁC THỰC VĂN BẢN HỢP NHẤT … Hà Nội, ngày …"): its date line
    assert analyze_question(question).asks_own_date


def test_the_own_date_answers_xac_thuc_ngay_nao(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Ban hành kèm theo Quyết định này Quy định về hỗ trợ nhân viên y tế thôn bản.\n")
    answer = corpus.route().answer(analyze_question("Quyết định 45/2025/QĐ-UBND được xác thực ngày nào?"))
    assert answer is not None and "20 tháng 11 năm 2025" in answer.answer

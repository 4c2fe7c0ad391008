"""How a clerk reads a time limit named by an event (w90): a relative day's month may be named by the event that
ends the obligation ("đến hết ngày cuối cùng của tháng thôi phục vụ hoặc từ trần"), and that event is part of
the answer; a predicate printed after the day ("… của tháng phải chuyển đủ …") is not."""

from __future__ import annotations

from retriever.qa.extractors.dates import find_dates
from tests.test_qa_extractors import Corpus


def test_a_relative_day_keeps_the_event_that_names_its_month(tmp_path):
    corpus = Corpus(tmp_path, "Điều 5. Đóng bảo hiểm y tế cho thân nhân\n"
                              "b) Khi người lao động thôi việc hoặc từ trần, đơn vị đóng bảo hiểm y tế cho thân nhân của "
                              "người lao động đến hết ngày cuối cùng của tháng thôi\nviệc hoặc từ trần; đồng thời lập "
                              "danh sách gửi cơ quan bảo hiểm xã hội.\n")
    answer = corpus.extract("Người lao động từ trần thì đơn vị đóng bảo hiểm y tế cho thân nhân đến thời điểm nào?").text
    assert "ngày cuối cùng của tháng thôi\nviệc hoặc từ trần" in answer
    body = "đóng bù chậm nhất vào ngày cuối cùng của tháng tiếp theo tháng kết thúc việc tạm dừng đóng, số tiền …"
    assert [body[s:e] for _, s, e in find_dates(body)] == [
        "ngày cuối cùng của tháng tiếp theo tháng kết thúc việc tạm dừng đóng"]


def test_a_predicate_or_a_figure_after_the_relative_day_is_not_its_event():
    body = "Hằng tháng, chậm nhất vào ngày cuối cùng của tháng phải chuyển đủ số tiền đóng của tháng đó."
    assert [body[s:e] for _, s, e in find_dates(body)] == ["ngày cuối cùng của tháng"]
    body = "lãi suất bình quân vào ngày đầu tiên của tháng 3, tháng 6 hoặc tháng 12 gần nhất"
    assert [body[s:e] for _, s, e in find_dates(body)] == ["ngày đầu tiên của tháng"]


def test_a_due_day_named_by_its_place_in_a_period(tmp_path):
    corpus = Corpus(tmp_path, "Điều 8. Chế độ báo cáo\n"
                              "1. Sở Y tế tổng hợp báo cáo quyết toán năm gửi Ủy ban nhân dân tỉnh chậm nhất ngày 31 "
                              "tháng 01 năm sau.\n"
                              "2. Các đơn vị gửi báo cáo quý về Sở Y tế trước ngày 20 của tháng cuối quý.\n")
    assert "ngày 31 tháng 01 năm sau" in corpus.extract(
        "Sở Y tế phải gửi báo cáo quyết toán năm cho Ủy ban nhân dân tỉnh chậm nhất khi nào?").text
    assert "ngày 20 của tháng cuối quý" in corpus.extract(
        "Các đơn vị phải gửi báo cáo quý về Sở Y tế trước ngày nào?").text
    body = "trước ngày 15 tháng 7 năm trước năm kế hoạch; ngày 15 tháng 7 năm 2025"
    assert [body[s:e] for _, s, e in find_dates(body)] == ["ngày 15 tháng 7 năm 2025",
                                                           "ngày 15 tháng 7 năm trước năm kế hoạch"]


def test_a_part_of_a_year_named_by_its_place(tmp_path):
    corpus = Corpus(tmp_path, "Điều 2. Nhiệm vụ trọng tâm\n"
                              "Đề nghị Ban Thường vụ Tỉnh ủy tập trung lãnh đạo, chỉ đạo thực hiện các nhiệm vụ, giải pháp "
                              "trong 02\ntháng cuối năm 2025 và những tháng đầu năm 2026 theo tinh thần chỉ đạo.\n")
    answer = corpus.extract("Ban Thường vụ Tỉnh ủy tập trung thực hiện các nhiệm vụ trong khoảng thời gian nào?").text
    assert "02\ntháng cuối năm 2025" in answer

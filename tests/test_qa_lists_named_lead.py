"""A lead-in "… các X sau:" names the items after it as "như sau:" and "gồm:" do (w143): it is no bare colon after a
label ("Thời gian thực hiện: 12 tháng, …"), so its items answer "những X nào?" before a labelled value does."""

from __future__ import annotations

from tests.test_qa_extractors import Corpus


def test_items_after_cac_x_sau_on_the_same_line(tmp_path):
    corpus = Corpus(tmp_path, "Điều 3. Kỹ năng bổ trợ\n"
                    "1. Thời gian học kỹ năng bổ trợ: 45 giờ, gồm lý thuyết, thực hành.\n"
                    "2. Học sinh trình độ trung cấp được học các kỹ năng bổ trợ sau: Kỹ năng thuyết trình; kỹ năng "
                    "đàm phán; kỹ năng lãnh đạo.\n")
    found = corpus.extract("Học sinh trình độ trung cấp được học những kỹ năng bổ trợ nào?")
    assert "kỹ năng đàm phán" in found.text


def test_points_after_khong_bao_gom_cac_truong_hop_sau(tmp_path):
    corpus = Corpus(tmp_path, "Điều 4. Đối tượng được hỗ trợ\n"
                    "Người sử dụng lao động đang tham gia bảo hiểm thất nghiệp được giảm mức đóng, không bao gồm các "
                    "trường hợp sau:\n"
                    "1. Cơ quan nhà nước, đơn vị vũ trang nhân dân.\n"
                    "2. Đơn vị sự nghiệp công lập do ngân sách nhà nước bảo đảm chi thường xuyên.\n"
                    "Điều 5. Thời gian giảm mức đóng\n"
                    "Thời gian giảm mức đóng bảo hiểm thất nghiệp cho người sử dụng lao động: 12 tháng, kể từ ngày 01 tháng 10 "
                    "năm 2021, đến hết ngày 30 tháng 9 năm 2022.\n")
    found = corpus.extract("Những người sử dụng lao động nào không được giảm mức đóng bảo hiểm thất nghiệp?")
    assert "Cơ quan nhà nước" in found.text

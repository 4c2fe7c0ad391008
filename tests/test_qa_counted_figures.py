"""Which figure of a sentence a clerk copies, and how much of it (w114), on small synthetic texts: the noun counted
though printed by its initials or behind the word for its set, a range whose ends both print the measure, a
fraction of a unit, a time of day with its bound and a window of hours from one end to the other."""

from __future__ import annotations

import pytest

from tests.test_qa_extractors import Corpus


@pytest.mark.parametrize("body, question, expected", [
    # the noun counted, printed by its initials: the figure is copied with it, and the figure beside it wins
    ("Điều 2. Nhiệm vụ\n1. Sở Y tế chủ trì hoàn thành 04 CSDL ngành y tế và 02 phần mềm dùng chung.\n",
     "Sở Y tế phải hoàn thành bao nhiêu cơ sở dữ liệu ngành y tế?", "04 CSDL"),
    ("Điều 2. Kết quả\n1. Năm 2025 đã rà soát 120 văn bản, đơn giản hóa 87 TTHC và bãi bỏ 6 văn bản.\n",
     "Năm 2025 đã đơn giản hóa bao nhiêu thủ tục hành chính?", "87 TTHC"),
    # behind the word for the set it comes in ("danh mục", "nhóm", "bộ")
    (("Điều 1. Công bố\nCông bố kèm theo Quyết định này 06 danh mục thủ tục hành chính mới ban hành và phê duyệt "
     "09 quy trình nội bộ giải quyết.\n"), "Quyết định công bố bao nhiêu thủ tục hành chính mới?",
     "06 danh mục thủ tục hành chính"),
    (("Điều 3. Liên thông\nThực hiện liên thông 02 nhóm thủ tục hành chính: đăng ký khai sinh và đăng ký thường trú "
     "trong 10 ngày.\n"), "Thực hiện liên thông bao nhiêu thủ tục hành chính?", "02 nhóm thủ tục hành chính"),
])
def test_the_counted_noun_is_copied_as_printed(tmp_path, body, question, expected):
    assert expected in Corpus(tmp_path, body).extract(question).text


def test_a_set_word_is_no_duration():
    # "15 ngày" counts days: the asked noun after it does not make it the count of that noun
    from retriever.qa.extractors.figures import counted_noun_end
    from retriever.qa.question import analyze_question
    question = analyze_question("Tỉnh đã công bố bao nhiêu thủ tục hành chính?")
    body = "giải quyết trong 15 ngày thủ tục hành chính"
    assert counted_noun_end(question, body, body.index("15") + 2) == -1


def test_a_range_keeps_both_ends_when_each_prints_the_measure(tmp_path):
    corpus = Corpus(tmp_path, "Điều 3. Khu vực\na) Khu vực lõi có phạm vi khoảng 200m-500m từ các lối vào của ga; "
                              "b) Khu vực chuyển tiếp có phạm vi khoảng 500m-800m.\n")
    assert corpus.extract("Khu vực lõi có phạm vi khoảng bao nhiêu mét từ lối vào của ga?").text == "200m-500m"


def test_a_fraction_of_a_unit_is_a_figure(tmp_path):
    corpus = Corpus(tmp_path, "Điều 5. Thời gian tính trợ cấp\n"
                              "b) Từ đủ 03 (ba) tháng đến đủ 06 (sáu) tháng thì được tính bằng 1/2 (một phần hai) năm "
                              "làm việc;\nc) Từ trên 06 (sáu) tháng đến 12 (mười hai) tháng thì được tính bằng 01 "
                              "(một) năm làm việc.\n")
    answer = corpus.extract("Tháng lẻ từ đủ 3 tháng đến đủ 6 tháng thì được tính bằng bao nhiêu năm làm việc?").text
    assert answer.startswith("1/2")


def test_a_day_and_month_is_no_fraction(tmp_path):
    corpus = Corpus(tmp_path, "Điều 6. Tổ chức\nTừ 15/12 đến hết năm, mỗi xã bố trí 03 cán bộ trực.\n")
    assert "03 cán bộ" in corpus.extract("Mỗi xã bố trí bao nhiêu cán bộ trực?").text


@pytest.mark.parametrize("body, question, expected", [
    # a window asked: from one end to the other, not "24 giờ" of "10/24 giờ"
    (("Điều 3. Canh phòng\nd) Lực lượng canh phòng trực 10/24 giờ trong ngày (từ 10 giờ 00 đến 20 giờ 00 trong "
     "ngày), chú trọng giờ cao điểm.\n"), "Lực lượng canh phòng phải trực trong khung giờ nào mỗi ngày?",
     "10 giờ 00 đến 20 giờ 00"),
    # the bound of each end is copied with it
    (("Điều 4. Đốt thực bì\nChỉ đốt lúc gió nhẹ (trước 09 giờ 00 phút buổi sáng và sau 16 giờ 00 phút buổi chiều), "
     "đốt lần lượt từng dải.\n"), "Chủ rừng chỉ được đốt thực bì vào khung giờ nào trong ngày?", "trước 09 giờ 00"),
    ("Điều 5. Việc tang\nđ) Không cử nhạc tang trước 06 giờ sáng và sau 22 giờ đêm.\n",
     "Không được cử nhạc tang vào khung giờ nào?", "trước 06 giờ sáng và sau 22 giờ đêm"),
    # a bound the question prints itself ("sau mấy giờ") is not repeated in the answer
    ("Điều 5. Việc tang\nđ) Không cử nhạc tang trước 06 giờ sáng và sau 22 giờ đêm.\n",
     "Không được cử nhạc tang sau mấy giờ đêm?", "22 giờ đêm"),
])
def test_a_time_of_day_is_copied_with_its_bound_and_window(tmp_path, body, question, expected):
    assert expected in Corpus(tmp_path, body).extract(question).text


def test_square_metres_asked_are_an_area_printed_m2(tmp_path):
    # "bao nhiêu mét vuông" asks an area: "43.346.068 m2" is its figure, though "mét" alone would ask a length
    corpus = Corpus(tmp_path, "Điều 4. Nhu cầu đất\nTổng nhu cầu đất phát triển mạng lưới cơ sở thể thao đến năm "
                              "2030 khoảng 43.346.068 m2, bố trí trong 05 năm đầu.\n")
    assert "43.346.068 m2" in corpus.extract("Tổng nhu cầu đất phát triển mạng lưới cơ sở thể thao đến năm 2030 là "
                                             "bao nhiêu mét vuông?").text


def test_hours_asked_of_a_price_question_are_no_rate(tmp_path):
    # a question about a price frame ("khung giá") counting hours: the hours, never the rate beside them
    corpus = Corpus(tmp_path, "Điều 4. Thông số tính khung giá\nSố giờ vận hành công suất cực đại (Tmax) là 6.500 "
                              "giờ; tỷ lệ điện tự dùng là 3,2%.\n")
    answer = corpus.extract("Số giờ vận hành công suất cực đại Tmax dùng để tính khung giá là bao nhiêu giờ?").text
    assert "6.500" in answer

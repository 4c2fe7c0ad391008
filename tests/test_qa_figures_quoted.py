"""A count printed as a named phrase in quotation marks ("phương châm “4 tại chỗ”", "tăng trưởng “2 con số”") is
copied whole (w143): the quoted words are what the count counts, not a unit to leave out; and a range is read whole
when the question asks one ("trong khoảng nào"), whatever the figure counts."""

from __future__ import annotations

from tests.test_qa_extractors import Corpus


def test_a_quoted_count_is_copied_with_its_words(tmp_path):
    corpus = Corpus(tmp_path, "Điều 2. Nhiệm vụ\n"
                    "Ủy ban nhân dân các xã tổ chức sơ tán dân và cấp phát nhu yếu phẩm theo phương châm “4 tại chỗ”; "
                    "bố trí 02 điểm tập kết hàng cứu trợ.\n")
    found = corpus.extract("Ủy ban nhân dân các xã cấp phát nhu yếu phẩm theo phương châm bao nhiêu tại chỗ?")
    assert found.text == "4 tại chỗ"


def test_an_unquoted_count_keeps_its_own_end(tmp_path):
    corpus = Corpus(tmp_path, "Điều 2. Nhiệm vụ\nỦy ban nhân dân các xã bố trí 02 điểm tập kết hàng cứu trợ.\n")
    assert corpus.extract("Các xã bố trí bao nhiêu điểm tập kết hàng cứu trợ?").text.startswith("02 điểm")


def test_a_range_asked_is_read_whole_for_a_count_too(tmp_path):
    corpus = Corpus(tmp_path, "Điều 3. Mức hỗ trợ\n"
                    "Diện tích lúa bị thiệt hại trên 70% diện tích, hỗ trợ 6.000.000 đồng/ha; thiệt hại từ 30% đến 70% "
                    "diện tích, hỗ trợ 3.000.000 đồng/ha.\n")
    found = corpus.extract("Lúa bị thiệt hại trong khoảng nào thì được hỗ trợ 3.000.000 đồng/ha?")
    assert found.text.startswith("từ 30% đến 70%")


def test_a_span_of_months_printed_at_both_ends_is_one_range(tmp_path):
    corpus = Corpus(tmp_path, "Điều 5. Cách tính\n"
                    "Trường hợp thời gian đóng có tháng lẻ từ 01 tháng đến 06 tháng được tính là nửa năm, từ 07 tháng "
                    "đến 11 tháng được tính là một năm.\n")
    found = corpus.extract("Thời gian đóng có tháng lẻ trong khoảng nào thì được tính là nửa năm?")
    assert found.text.startswith("từ 01 tháng đến 06 tháng")


def test_a_duration_ending_a_range_keeps_its_near_end(tmp_path):
    corpus = Corpus(tmp_path, "Điều 3. Mức hỗ trợ\n"
                    "Diện tích lúa sau gieo trồng từ 01 đến 10 ngày: thiệt hại trên 70% diện tích, hỗ trợ 6.000.000 "
                    "đồng/ha.\n")
    found = corpus.extract("Lúa sau gieo trồng bao nhiêu ngày thì được hỗ trợ 6.000.000 đồng/ha khi thiệt hại trên 70%?")
    assert found.text == "từ 01 đến 10 ngày"

"""A window of months printed without a year ("Từ tháng 3 đến tháng 11 hàng năm") is a date answer (w143): the season
a recurring task is done in, for "vào những tháng nào"; a month printed with its year stays a date of its own."""

from __future__ import annotations

from tests.test_qa_extractors import Corpus


def test_a_season_of_months_answers_which_months(tmp_path):
    corpus = Corpus(tmp_path, "Điều 4. Quan trắc môi trường vùng nuôi\n"
                    "1. Đối với vùng nuôi cá nước ngọt\n"
                    "a) Thời gian thực hiện: Từ tháng 4 đến tháng 10 hàng năm.\n"
                    "b) Tần suất quan trắc: 02 đợt/tháng.\n")
    found = corpus.extract("Việc quan trắc môi trường vùng nuôi cá nước ngọt thực hiện vào những tháng nào?")
    assert found.text == "Từ tháng 4 đến tháng 10 hàng năm"

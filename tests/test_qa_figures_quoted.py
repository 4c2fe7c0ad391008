"""A count printed as a named phrase in quotation marks ("phương châm “4 tại chỗ”", "tăng trưởng “2 con số”") is
copied whole (w143): the quoted words are what the count counts, not a unit to leave out."""

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

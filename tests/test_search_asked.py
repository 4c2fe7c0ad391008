"""What a question asks of the document it names: the words that named it are spent, in any spelling."""

from retriever.query import content_tokens, question_cues
from retriever.search import asked_beyond_header

# a header "Quyết định 2929/QĐ-UBND … công bố thủ tục hành chính … của Bộ Chỉ huy Quân sự tỉnh Sơn La"
HEADER = {"quyet", "dinh", "2929", "qd", "ubnd", "cong", "bo", "thu", "tuc", "hanh", "chinh", "chi", "huy",
          "quan", "su", "tinh", "son", "la", "cua"}


def test_the_other_spelling_of_a_name_the_header_prints_asks_nothing():
    # the question's "Ủy ban nhân dân" (spelt out from its "UBND") is the header's "UBND"
    assert asked_beyond_header(["~ủy", "ban_nhan", "nhan_dan", "ngay"], HEADER) == ["ngay"]


def test_joins_of_the_headers_words_ask_nothing_of_the_document():
    # "… của Sơn La công bố bao nhiêu thủ tục …": beyond its question words only joins across the title's words
    assert asked_beyond_header(["cua_son", "la_cong", "~ủy", "tinh_uy"], HEADER) == []


def test_a_join_through_a_joining_word_asks_nothing():
    # "… kế hoạch của UBND tỉnh về củng cố y tế cơ sở là gì?": "cơ sở là" joins a title word and the copula
    header = {"ke", "hoach", "cung", "co", "y", "te", "so", "ubnd", "tinh"}
    assert asked_beyond_header(["la", "so_la", "hoach_cua", "~là"], header) == []


def test_a_figure_printed_with_a_leading_zero_is_the_headers():
    # title "… 06 tháng đầu năm 2022": the question's "6 tháng" names it
    header = {"06", "06_thang", "thang", "dau", "nam", "2022"}
    assert asked_beyond_header(["6", "6_thang", "~6"], header) == []
    assert asked_beyond_header(["6_thang", "quy"], header) == ["quy"]


def test_a_word_beyond_the_header_keeps_every_word_beside_it():
    # "tổ chức lại … là gì": the term and the copula of its definition are asked, with the joins beside them
    header = {"to", "chuc", "lai", "giai", "the", "hanh", "chinh"}
    assert asked_beyond_header(["chuc_lai", "khai", "niem", "la"], header) == ["chuc_lai", "khai", "niem", "la"]
    assert asked_beyond_header(["dien", "ra", "so_la"], {"so"}) == ["dien", "ra", "so_la"]


def test_who_signed_and_the_number_are_asked_by_question_words():
    signer = question_cues("Ai ký Kế hoạch 542/KH-UBND của tỉnh Nghệ An?")
    assert {"ai", "ky"} <= signer.words
    number = question_cues("Số hiệu kế hoạch của UBND tỉnh Nghệ An về củng cố y tế cơ sở là gì?")
    assert "hieu" in number.words and "so" not in number.words  # "cơ sở" keeps its "sở" as content
    assert content_tokens(["ai", "ky", "ai_ky", "ky_ke", "ke", "hoach"], signer.words) == ["ke", "hoach"]


def test_registering_is_not_signing():
    assert "ky" not in question_cues("Hồ sơ đăng ký hộ kinh doanh gồm những giấy tờ gì?").words
    assert "ky" not in question_cues("Ai đăng ký thành lập hộ kinh doanh?").words
    assert "ky" in question_cues("ai ky quyet dinh 2929/qd-ubnd").words  # typed without accents

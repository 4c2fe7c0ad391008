"""Readings of the short answer inside the right sentence: a line ending in a word that needs what follows goes
on, the act printed after a relation word, a long list named as far as it fits, a classifier before the asked noun
(sentences written for these tests, in the documents' style)."""

from __future__ import annotations

import pytest

from retriever.qa.extractors.acts import ActExtractor, asked_relation, printed_after
from retriever.qa.units import sentence_spans
from tests.test_qa_extractors import FOOTER, HEADER, extract_in_unit


@pytest.mark.parametrize("text, expected", [
    # a short line ending in "của" goes on in the next line, though that one starts with a capital
    ("a) Đề án tổ chức bộ máy của\nỦy ban nhân dân tỉnh khi chưa được thông qua.\nb) Đề án khác.",
     "a) Đề án tổ chức bộ máy của\nỦy ban nhân dân tỉnh khi chưa được thông qua."),
    # … and one ending in "các", "theo", "tại"
    ("Gửi báo cáo về các\nSở, ban, ngành trước ngày 15.", "Gửi báo cáo về các\nSở, ban, ngành trước ngày 15."),
    ("Mức thu thực hiện theo\nThông tư số 10/2024/TT-BTC.", "Mức thu thực hiện theo\nThông tư số 10/2024/TT-BTC."),
])
def test_a_line_ending_in_a_word_that_needs_more_goes_on(text, expected):
    spans = [text[s:e] for s, e in sentence_spans(text)]
    assert spans[0] == expected


def test_a_short_line_ending_a_name_stays_apart():
    # a short line that ends in a full word is a line of its own when the next starts with a capital
    text = "Nơi nhận\nSở Y tế tỉnh"
    assert [text[s:e] for s, e in sentence_spans(text)] == ["Nơi nhận", "Sở Y tế tỉnh"]


def test_the_relation_word_before_the_asked_act():
    assert asked_relation("muc thu ap dung theo thong tu nao") == "theo"
    assert asked_relation("thu tuc da cong bo tai quyet dinh nao") == "tai"
    assert asked_relation("quyet dinh nao thay the") == ""
    assert printed_after("tai", "thực hiện theo quy định tại ")
    assert printed_after("theo", "áp dụng theo ")
    assert not printed_after("theo", "Nghị quyết này và ")


def test_the_act_asked_by_its_relation_word_is_the_one_after_it(tmp_path):
    # two acts in one clause: the subject ("… và Nghị định số 18/2025/NĐ-CP") and the one it follows ("thực hiện
    # theo quy định tại Nghị định số 09/2021/NĐ-CP"); "theo văn bản nào" asks the latter
    body = ("Điều 3. Mức thu\n"
            "Từ ngày 01 tháng 7 năm 2026, mức thu phí thẩm định hồ sơ quy định tại Điều 2 Quyết định này và "
            "Nghị định số 18/2025/NĐ-CP thực hiện theo quy định tại Nghị định số 09/2021/NĐ-CP ngày 12 tháng 3 "
            "năm 2021 của Chính phủ về phí thẩm định hồ sơ.\n")
    span = extract_in_unit(tmp_path, HEADER + body + FOOTER,
                           "Từ tháng 7/2026 mức thu phí thẩm định hồ sơ áp dụng theo văn bản nào?",
                           "mức thu phí thẩm định", ActExtractor())
    assert span is not None and span.text.endswith("09/2021/NĐ-CP")


def test_a_long_list_is_answered_by_naming_as_many_items_as_fit():
    from retriever.qa.extractors.lists import shown_heads

    heads = ["Tổ chức lễ tang gọn nhẹ, tiết kiệm, không kéo dài quá 48 giờ",
             "Hạn chế sử dụng kèn, trống sau 22 giờ đêm trong khu dân cư",
             "Không phát loa công suất lớn gây ảnh hưởng tới hàng xóm",
             "Không ăn uống linh đình tại đám tang trong khu dân cư",
             "Sử dụng xe tang thay cho việc khiêng quan tài đi bộ",
             "Khuyến khích hình thức hỏa táng tại cơ sở hỏa táng"]
    shown = shown_heads(heads)
    assert len(shown) <= 150
    assert shown.count(";") >= 4  # five items or more named, not the first two at length
    assert "Không ăn uống linh đình" in shown


def test_items_that_fit_whole_are_shown_whole():
    from retriever.qa.extractors.lists import shown_heads

    assert shown_heads(["Sở Y tế", "Sở Tài chính", "Công an tỉnh"]) == "Sở Y tế; Sở Tài chính; Công an tỉnh"


def test_the_points_after_a_lead_are_named_each(tmp_path):
    from retriever.qa.extractors.lists import ListExtractor

    body = ("Điều 5. Nếp sống văn minh trong việc tang\n"
            "Khuyến khích các hoạt động sau trong tổ chức việc tang:\n"
            "1. Tổ chức lễ tang gọn nhẹ, tiết kiệm, không kéo dài quá 48 giờ kể từ khi khâm liệm.\n"
            "2. Hạn chế sử dụng kèn, trống sau 22 giờ đêm trong khu dân cư tập trung.\n"
            "3. Không phát loa công suất lớn gây ảnh hưởng tới các hộ gia đình xung quanh.\n"
            "4. Không ăn uống linh đình tại đám tang trong khu dân cư.\n"
            "5. Sử dụng xe tang thay cho việc khiêng quan tài đi bộ trên đường.\n")
    span = extract_in_unit(tmp_path, HEADER + body + FOOTER, "Tỉnh khuyến khích những gì trong tổ chức việc tang?",
                           "Khuyến khích các hoạt động sau", ListExtractor())
    assert span is not None and len(span.text) <= 150
    assert "Không ăn uống linh đình" in span.text


def test_a_list_of_lettered_points_ends_at_the_next_numbered_clause(tmp_path):
    from retriever.qa.extractors.lists import ListExtractor

    body = ("Điều 7. Hồ sơ đề nghị\n"
            "2. Nội dung tờ trình, gồm:\n"
            "a) Sự cần thiết và cơ sở pháp lý;\n"
            "b) Quá trình xây dựng đề án;\n"
            "c) Những vấn đề còn có ý kiến khác nhau.\n"
            "3. Tờ trình phải do người đứng đầu cơ quan đề nghị ký.\n"
            "4. Hồ sơ gửi Sở Nội vụ thẩm định.\n")
    span = extract_in_unit(tmp_path, HEADER + body + FOOTER, "Tờ trình phải có những nội dung gì?",
                           "Nội dung tờ trình, gồm", ListExtractor())
    assert span is not None and "Sự cần thiết và cơ sở pháp lý" in span.text
    assert "Tờ trình phải do" not in span.text and "Hồ sơ gửi" not in span.text


def test_a_classifier_before_the_asked_noun_is_not_part_of_it():
    from retriever.qa.question import analyze_question

    assert analyze_question("Những con sông nào đang có lũ lớn?").list_noun == ("song",)
    assert analyze_question("Tỉnh cấp những chiếc xe cứu thương nào?").list_noun == ("xe", "cuu", "thuong")
    assert analyze_question("Những nội dung gì được báo cáo?").list_noun == ("noi", "dung")


@pytest.mark.parametrize("question, sentence, expected", [
    # the noun repeated before each item, the items inside a longer sentence
    ("Những con sông nào đang có lũ lớn?",
     "Theo dự báo, trong hai ngày tới mưa to còn kéo dài, lũ trên sông Mã, sông Chu tiếp tục lên nhanh.",
     "sông Mã, sông Chu"),
    # items with an aside, "và" before the last
    ("Kế hoạch áp dụng cho những bệnh viện vệ tinh nào?",
     ("Kế hoạch này áp dụng cho bệnh viện vệ tinh Hòa Bình (cơ sở 1), bệnh viện vệ tinh Sơn Tây và bệnh viện "
     "vệ tinh Mộc Châu (cơ sở 2) trong giai đoạn 2026 - 2030."),
     "bệnh viện vệ tinh Hòa Bình (cơ sở 1), bệnh viện vệ tinh Sơn Tây và bệnh viện vệ tinh Mộc Châu (cơ sở 2)"),
])
def test_an_enumeration_repeating_its_noun_starts_at_its_first_item(tmp_path, question, sentence, expected):
    from retriever.qa.extractors.lists import ListExtractor

    body = "Điều 2. Nội dung\n" + sentence + "\n"
    span = extract_in_unit(tmp_path, HEADER + body + FOOTER, question, sentence[:30], ListExtractor())
    assert span is not None and span.text == expected



def test_short_items_stay_whole_when_long_ones_give_way():
    from retriever.qa.extractors.lists import shown_heads

    heads = ["Sở Y tế", "Sở Tài chính",
             "Ủy ban nhân dân các xã, phường, đặc khu trên địa bàn tỉnh theo chức năng, nhiệm vụ được giao",
             "Các cơ quan báo chí, Đài Phát thanh và Truyền hình tỉnh, Cổng Thông tin điện tử tỉnh"]
    shown = shown_heads(heads)
    assert len(shown) <= 150 and shown.startswith("Sở Y tế; Sở Tài chính; Ủy ban nhân dân các xã")
    assert "Các cơ quan báo chí" in shown
    assert "đặc khu trên địa bàn tỉnh" in shown  # the room the short items leave goes to the long ones


def test_a_part_cited_in_a_chain_belongs_to_the_act_after_the_chain_and_is_told_by_its_own_clause(tmp_path):
    # "khoản 2 Điều 43" has no act printed after it, yet it is a part of Nghị định 45/2025/NĐ-CP like the last
    # part of the chain; what it is cited for is the clause before it, not the words of the act's title
    body = ("Điều 1. Phạm vi điều chỉnh\n"
            "1. Quyết định này quy định chi tiết thẩm quyền quyết định thu hồi đất công quy định tại khoản 2 "
            "Điều 43 và thẩm quyền quyết định phê duyệt phương án bán tài sản quy định tại khoản 3 Điều 10; "
            "khoản 4 Điều 47 Nghị định số 45/2025/NĐ-CP ngày 01/4/2025 của Chính phủ quy định thẩm quyền "
            "thu hồi đất công và xử lý tài sản.\n")
    span = extract_in_unit(tmp_path, HEADER + body + FOOTER,
                           "Quyết định quy định chi tiết thẩm quyền thu hồi đất công theo khoản nào của Nghị định "
                           "45/2025/NĐ-CP?", "Quyết định này quy định chi tiết", ActExtractor())
    assert span is not None and span.text == "khoản 2 Điều 43"


def test_several_parts_asked_are_the_whole_chain(tmp_path):
    body = ("Điều 2. Chính sách thuế\n"
            "Đề nghị Công ty nghiên cứu quy định tại Điều 3, Điều 5, Điều 9 Luật Thuế tiêu thụ đặc biệt "
            "số 66/2025/QH15 để thực hiện.\n")
    span = extract_in_unit(tmp_path, HEADER + body + FOOTER,
                           "Công ty được đề nghị nghiên cứu những điều nào của Luật Thuế tiêu thụ đặc biệt?",
                           "Đề nghị Công ty", ActExtractor())
    assert span is not None and span.text == "Điều 3, Điều 5, Điều 9"


def test_the_chain_asked_keeps_the_clauses_listed_before_their_article(tmp_path):
    body = ("Điều 2. Chính sách miễn giảm\n"
            "Tại khoản 1, khoản 2 Điều 16, Điều 17 Nghị định số 45/2024/NĐ-CP của Chính phủ quy định việc miễn, "
            "giảm tiền thuê đất đối với hợp tác xã.\n")
    span = extract_in_unit(tmp_path, HEADER + body + FOOTER,
                           "Việc miễn, giảm tiền thuê đất cho hợp tác xã theo những điều khoản nào của Nghị định "
                           "45/2024/NĐ-CP?", "Tại khoản 1", ActExtractor())
    assert span is not None and span.text == "khoản 1, khoản 2 Điều 16, Điều 17"

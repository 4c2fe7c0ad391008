"""Readings of w85: the class an item is listed under (the title of its part), a yes/no question answered by the
text's negation of its own predicate, an inline labelled enumeration, "… là <the asked noun> <name>", and a run
restating the question losing a tie.  Synthetic texts, parsed for real where the structure matters."""

from __future__ import annotations

from retriever.qa.clauses import (
    class_title,
    class_words,
    clause_window,
    named_as,
    window_options,
)
from retriever.qa.extractors.lists import inline_items
from retriever.qa.polarity import asked_predicate, polarity_span
from retriever.qa.question import analyze_question
from retriever.qa.scoring import syllables
from tests.test_qa_extractors import Corpus

# ---------------------------------------------------------------- the class an item is listed under
CLASSES = """Điều 1. Bí mật nhà nước độ Tối mật

1. Thông tin, tài liệu về tổ chức bộ máy

a) Đề án cơ cấu tổ chức của Chính phủ khi chưa được Quốc hội thông qua.

Điều 2. Bí mật nhà nước độ Mật

a) Hồ sơ thiết kế kỹ thuật các tòa nhà lưu trữ lịch sử ở trung ương.
"""


def test_a_membership_question_names_the_class_noun():
    assert class_words(analyze_question("Đề án cơ cấu tổ chức của Chính phủ thuộc độ mật nào?").key) == ("mat",)
    assert class_words(analyze_question("Hồ sơ thiết kế được xếp vào độ bí mật nào?").key) == ("mat",)
    assert class_words(analyze_question("Cơ quan nào chủ trì thẩm định đề án?").key) == ()


def test_the_title_of_the_part_listing_the_item_names_its_class(tmp_path):
    corpus = Corpus(tmp_path, CLASSES)
    for item, title in (("Đề án cơ cấu tổ chức", "Bí mật nhà nước độ Tối mật"),
                        ("Hồ sơ thiết kế kỹ thuật", "Bí mật nhà nước độ Mật")):
        nodes = corpus.units.heading_nodes(corpus.doc_id, corpus.text.index(item))
        question = analyze_question(f"{item} thuộc độ bí mật nào?")
        index = class_title([n.title for n in nodes], class_words(question.key), set(question.syllables))
        assert index is not None and nodes[index].title == title


def test_a_title_the_question_only_restates_names_no_class():
    asked = set(syllables("Đề án thuộc danh mục bí mật nhà nước nào?"))
    assert class_title(["Danh mục bí mật nhà nước"], ("mat",), asked) is None
    assert class_title(["Giải thích từ ngữ"], ("muc",), asked) is None


# ---------------------------------------------------------------- yes/no: the negation of the asked predicate
def test_the_negation_of_the_asked_predicate_answers_a_yes_no_question():
    question = analyze_question("Kết quả đánh giá gửi Sở Giáo dục và Đào tạo có phải gửi kèm bản giấy không?")
    text = ("Đề nghị Ủy ban nhân dân phường gửi kết quả đánh giá về Sở, không được chậm hơn ngày 15 tháng 12 hàng năm "
            "(Lưu ý: không gửi văn bản giấy).")
    s, e = polarity_span(text, 0, len(text), 140, asked_predicate(question.key))
    assert text[s:e] == "không gửi văn bản giấy"
    s, e = polarity_span(text, 0, len(text), 140)  # without the question's predicate: the first negation
    assert text[s:e].startswith("không được chậm hơn")


def test_the_condition_a_yes_no_question_supposes_is_not_its_predicate():
    question = analyze_question("Tổ chức hoạt động kém hiệu quả thì có thể bị tổ chức lại không?")
    assert "hieu" not in asked_predicate(question.key)
    text = "c) Hoạt động không hiệu quả theo đánh giá của cơ quan có thẩm quyền quản lý."
    assert polarity_span(text, 0, len(text), 140, asked_predicate(question.key)) is None


# ---------------------------------------------------------------- inline labelled enumerations
REPORTS = ("- Khẩn trương chỉ đạo rà soát, hoàn thiện các báo cáo: (i) Báo cáo tình hình triển khai thực hiện "
           "Nghị quyết; (ii) Báo cáo xử lý các khó khăn, vướng mắc trong các văn bản, trong đó phân loại: đã xử lý "
           "xong; chưa xử lý; (iii) Báo cáo về cắt giảm thủ tục hành chính.\n")


def test_inline_labelled_items_are_read_as_the_items(tmp_path):
    corpus = Corpus(tmp_path, REPORTS)
    items = inline_items(corpus.text, 0, len(corpus.text))
    assert [corpus.text[s:e].split(",")[0] for s, e in items] == [
        "Báo cáo tình hình triển khai thực hiện Nghị quyết", "Báo cáo xử lý các khó khăn",
        "Báo cáo về cắt giảm thủ tục hành chính"]
    span = corpus.extract("Các bộ phải hoàn thiện những báo cáo nào?")
    assert span.text.startswith("Báo cáo tình hình triển khai thực hiện Nghị quyết; Báo cáo xử lý")
    assert "đã xử lý xong" not in span.text  # not the items after the last colon


def test_labels_that_do_not_count_up_from_one_are_no_enumeration():
    text = "theo quy định tại điểm (2) và điểm (3) khoản 1 Điều 5"
    assert inline_items(text, 0, len(text)) == []


# ---------------------------------------------------------------- "… là <noun> <name>" for "<noun> nào"
def test_a_definer_followed_by_the_asked_noun_names_the_answer():
    text = ("Sau khi sắp xếp, tỉnh An Bình có 64 đơn vị hành chính cấp xã, gồm 55 xã và 09 phường; trong đó có 54 "
            "xã, 09 phường hình thành sau sắp xếp quy định tại Điều này và 01 xã không thực hiện sắp xếp là xã Hòa Bình.")
    question = "Ở An Bình có xã nào giữ nguyên, không phải sắp xếp?"
    weights = {w: 1.0 for w in syllables(question) if w not in ("o", "co", "nao", "khong", "phai")}
    frame = ("an", "binh", "xa")
    s, e = clause_window(text, 0, len(text), weights, 150, frame=frame)
    assert "là xã Hòa Bình" in text[s:e]
    renamed = "Chi cục Thuế khu vực V (nay là Thuế thành phố Hải Phòng) gửi công văn"
    assert named_as(renamed, 0, len(renamed), ("loai", "thue")) is None


# ---------------------------------------------------------------- ties
def test_a_run_restating_the_question_loses_a_tie():
    text = ("Đơn vị sự nghiệp công lập thuộc đối tượng được giảm đóng thì gửi cơ quan bảo hiểm xã hội nơi đơn vị đang "
            "tham gia bảo hiểm thất nghiệp 01 bản sao văn bản của cơ quan có thẩm quyền về việc đơn vị được phân loại "
            "tự chủ tài chính theo quy định tại Nghị định số 60/2021/NĐ-CP của Chính phủ.")
    question = "Đơn vị sự nghiệp công lập thuộc diện được giảm đóng phải gửi giấy tờ gì cho cơ quan bảo hiểm xã hội?"
    weights = {w: 1.0 for w in syllables(question)}
    options = window_options(text, 0, len(text), weights, 150)
    assert any(features[1] > 0 for features, *_ in options)  # the sentence's subject restates the question
    s, e = clause_window(text, 0, len(text), weights, 150)
    assert "01 bản sao văn bản" in text[s:e]


# ---------------------------------------------------------------- footnotes
def test_a_clause_referring_its_instances_to_a_note_is_answered_by_the_note():
    from retriever.qa.clauses import footnote

    text = ("Qua rà soát, một số công trình, dự án có kế hoạch khởi công nhưng chưa được các địa phương rà soát, "
            "báo cáo[4]; một số bộ đã có văn bản.\n\n[3] Gồm 12 bộ.\n[4] Các dự án có kế hoạch khởi công: Tân Phú - "
            "Bảo Lộc (Lâm Đồng).\n[5] Các bộ: Ngoại giao.")
    s, e = footnote(text, 0, text.index(";"), 150)
    assert text[s:e] == "Các dự án có kế hoạch khởi công: Tân Phú - Bảo Lộc (Lâm Đồng)."
    amended = "Chế độ trợ cấp một lần[3].\n\n[3] Điều này được bổ sung theo quy định tại khoản 2 Điều 1 Quyết định số 38."
    assert footnote(amended, 0, amended.index("\n"), 150) is None

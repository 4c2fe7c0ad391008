"""The right span inside the right sentence of a long plan or decision — labels that number a point are no
quantity, a share printed with the noun asked is the share asked, a duration the question states is its case.
Synthetic sentences written in the documents' style."""

from __future__ import annotations

from retriever.qa.extractors import figures as F
from retriever.qa.extractors.base import Context
from retriever.qa.extractors.numbers import NumberExtractor
from retriever.qa.question import analyze_question
from retriever.qa.settings import QA
from tests.test_qa_extractors import Corpus


# ------------------------------------------------------------------ labels that number, not count
def test_a_bracketed_enumeration_opening_a_clause_is_a_label():
    text = "Mục tiêu cụ thể: (1) Tỷ lệ xã đạt chuẩn y tế đạt 95%; (2) có 12 bệnh viện vệ tinh, (3) 3 trung tâm."
    for label in ("1", "2", "3"):
        at = text.index(f"({label})") + 1
        assert F.enumeration_label(text, at, at + 1), label
    at = text.index("12 ")
    assert not F.enumeration_label(text, at, at + 2)
    spelled = "giải quyết trong thời hạn mười (10) ngày làm việc"
    at = spelled.index("10")
    assert not F.enumeration_label(spelled, at, at + 2)  # the figure of a number written in words


def test_a_section_number_at_the_head_of_its_line_is_a_label():
    text = "2.1\nHỗ trợ doanh nghiệp đổi mới sáng tạo\n1.2 Dịch vụ bán trú\n1.500 doanh nghiệp\n- 2,5 lần"
    assert F.enumeration_label(text, 0, 3)
    at = text.index("1.2")
    assert F.enumeration_label(text, at, at + 3)
    at = text.index("1.500")
    assert not F.enumeration_label(text, at, at + 5)  # thousands, not a section


def test_the_row_number_cell_of_a_table_is_no_quantity():
    header = ("STT", "Địa phương", "Kinh phí hỗ trợ (triệu đồng)")
    body = "14\nBẮC\nTRUNG\n154.700"
    cells = ("14", "BẮC TRUNG", "154.700")
    assert F.row_number(cells, header, body, 0)
    assert not F.row_number(cells, header, body, body.index("154"))
    assert not F.row_number(cells, ("Số lượng", "Địa phương", "Kinh phí"), body, 0)
    assert F.row_number(cells, ("TT", "Địa phương", "Kinh phí"), body, 0)


def test_an_enumerated_indicator_without_a_figure_proposes_none(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Các chỉ tiêu theo dõi\n"
                              "(1) Tỷ trọng kinh tế số trong GRDP của tỉnh;\n"
                              "(2) Số doanh nghiệp công nghệ số của tỉnh đạt 500 doanh nghiệp.\n")
    question = analyze_question("Tỷ trọng kinh tế số trong GRDP của tỉnh là bao nhiêu?")
    context = Context(corpus.store, corpus.units, corpus.terms.question_weights(question.text, []), QA)
    labelled = [u for row in range(len(corpus.store.chunks)) for u in corpus.units.units_of(row)
                if corpus.text[u.start:u.end].startswith("(1)")]
    assert labelled
    span = NumberExtractor().extract(question, labelled[0], context)
    assert span is None or span.text != "1"  # the label "(1)" is no figure of the indicator


# ------------------------------------------------------------------ a share printed with the noun asked
def test_a_share_printed_with_the_noun_asked_answers(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Mục tiêu phát triển kinh tế số\n"
                              "(1) Tỷ trọng kinh tế số đạt tối thiểu 25% GRDP;\n"
                              "(2) Phát triển tối thiểu 15 doanh nghiệp công nghệ số mới có năng lực xuất khẩu.\n")
    assert corpus.extract("Kinh tế số của tỉnh chiếm tối thiểu bao nhiêu GRDP?").text.endswith("25% GRDP")
    # a count asked is still no rate
    assert corpus.extract("Tỉnh phát triển tối thiểu bao nhiêu doanh nghiệp công nghệ số mới?").text \
        .startswith("tối thiểu 15 doanh nghiệp")


# ------------------------------------------------------------------ a duration the question states
def test_the_duration_the_question_states_is_its_case_not_the_limit(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Danh mục thủ tục hành chính\n"
                              "3. Thủ tục trợ cấp một lần đối với quân nhân có đủ 20 năm phục vụ trong Quân đội. "
                              "Thời gian giải quyết thủ tục: 05 ngày làm việc.\n")
    answer = corpus.extract("Thủ tục trợ cấp cho quân nhân có đủ 20 năm phục vụ trong Quân đội được giải quyết "
                            "trong bao lâu?").text
    assert answer.startswith("05 ngày")


# ------------------------------------------------------------------ a day asked is answered by a day
def test_a_day_asked_is_answered_by_a_day_not_a_month(tmp_path):
    corpus = Corpus(tmp_path, "Điều 2. Tổ chức thực hiện\n"
                              "Các bộ, ngành, địa phương rà soát, ký văn bản cam kết lộ trình thực hiện, hoàn thành "
                              "trong tháng 11 năm 2025; gửi Văn phòng Chính phủ trước ngày 20 tháng 11 năm 2025.\n")
    answer = corpus.extract("Văn bản cam kết lộ trình của các bộ, ngành, địa phương phải hoàn thành trước ngày nào?")
    assert "20 tháng 11" in answer.text


# ------------------------------------------------------------------ parts of an act asked as a list
def test_the_articles_and_clauses_asked_as_a_list_are_cited_by_number():
    from retriever.qa.question import QuestionKind

    kind = analyze_question("Nghị quyết này quy định chi tiết những điều khoản nào của Luật Đường sắt?").kind
    assert kind is QuestionKind.DOCUMENT  # "khoản 1 Điều 25 Luật Đường sắt", not the items after its colon
    assert analyze_question("Nghị định nghiên cứu những điều nào của Luật Hải quan?").kind is QuestionKind.DOCUMENT


# ------------------------------------------------------------------ "quốc gia" is a nation, not a price
def test_a_nation_is_no_price():
    from retriever.qa.question import QuestionKind

    counted = analyze_question("VNeID được phát triển thành nền tảng số quốc gia với bao nhiêu chức năng chính?")
    assert counted.kind is QuestionKind.NUMBER  # "05 chức năng", not a rate of the same sentence
    assert analyze_question("Giá dịch vụ với người bệnh có thẻ là bao nhiêu?").kind is QuestionKind.AMOUNT


# ------------------------------------------------------------------ what each one is worth is no count
def test_the_figure_after_each_noun_is_its_worth_not_its_count(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Mục tiêu\n"
                              "- Phấn đấu thực hiện thành công tối thiểu 30 thương vụ mua bán/liên doanh giữa doanh "
                              "nghiệp bán dẫn trong nước và đối tác nước ngoài, với giá trị mỗi thương vụ từ 02 triệu USD "
                              "trở lên.\n")
    answer = corpus.extract("Đề án phấn đấu bao nhiêu thương vụ liên doanh giữa doanh nghiệp bán dẫn trong nước và "
                            "đối tác nước ngoài?").text
    assert "30 thương vụ" in answer


def test_a_noun_after_each_does_not_govern_the_figure_as_its_count():
    from retriever.qa.extractors.numbers import _noun_governs

    body = "với giá trị mỗi thương vụ từ 02 triệu USD trở lên; tổng số thương vụ đạt 30"
    assert not _noun_governs(body, body.index("02"), ("thuong", "vu"))
    assert _noun_governs(body, body.index("30"), ("thuong", "vu"))

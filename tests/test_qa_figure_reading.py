"""How a clerk copies a figure or a date (w54): a range or period printed whole ("từ ngày 10 đến ngày 12/12/2025"),
never the date the question itself names ("đánh giá 6 tháng đầu năm 2022 … thông báo ngày nào"), a table value with
the unit its column header prints ("Mức giá tối đa … (đồng/kWh)" over "1.587,12"), and the one unit vocabulary
(corpus.lexicon) the answer path reads its units from.

Each test asserts the figure returned; the table test reads a real document of ../shared/realdocs (skipped when
absent), the others are written examples.  Each fails without the rule it tests.
"""

from __future__ import annotations

import re

import pytest

from corpus import lexicon as L
from tests.test_qa_extractors import Corpus


# ------------------------------------------------------------------ a range or period copied whole
@pytest.mark.parametrize("sentence, question, answer", [
    ("Hội nghị tổng kết công tác y tế năm 2025 được tổ chức từ ngày 10 đến ngày 12/12/2025 tại Hà Nội.",
     "Hội nghị tổng kết công tác y tế năm 2025 được tổ chức vào thời gian nào?", "từ ngày 10 đến ngày 12/12/2025"),
    ("Đợt tiêm vắc xin sởi bổ sung cho trẻ em được triển khai từ tháng 10 đến tháng 12 năm 2025 trên toàn tỉnh.",
     "Đợt tiêm vắc xin sởi bổ sung cho trẻ em được triển khai khi nào?", "từ tháng 10 đến tháng 12 năm 2025"),
    ("Việc kiểm tra, đánh giá, xếp loại trạm y tế xã được thực hiện từ ngày 15 tháng 11 đến ngày 15 tháng 12 hằng năm.",
     "Việc kiểm tra, đánh giá, xếp loại trạm y tế xã làm vào thời gian nào trong năm?",
     "từ ngày 15 tháng 11 đến ngày 15 tháng 12 hằng năm"),
    ("Lớp tập huấn phòng chống dịch sốt xuất huyết diễn ra trong 02 ngày 10 và 11/12/2025 tại Trung tâm Y tế.",
     "Lớp tập huấn phòng chống dịch sốt xuất huyết diễn ra khi nào?", "ngày 10 và 11/12/2025"),
])
def test_a_date_s_range_is_copied_whole(tmp_path, sentence, question, answer):
    assert Corpus(tmp_path, f"Điều 1. {sentence}\n").extract(question).text == answer


def test_one_end_is_read_when_the_question_asks_one_end(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Hội nghị tổng kết công tác y tế được tổ chức từ ngày 10 đến ngày 12/12/2025.\n")
    assert corpus.extract("Hội nghị tổng kết công tác y tế kéo dài đến ngày nào?").text.endswith("12/12/2025")
    assert "10 đến" not in corpus.extract("Hội nghị tổng kết công tác y tế kéo dài đến ngày nào?").text


# ------------------------------------------------------------------ the date the question names is its case
@pytest.mark.parametrize("question, answer", [
    ("Kết luận về đánh giá 6 tháng đầu năm 2022 của ngành y tế được thông báo ngày nào?", "Ngày 08/7/2022"),
    ("ket luan ve danh gia 6 thang dau nam 2022 cua nganh y te duoc thong bao ngay nao", "Ngày 08/7/2022"),
])
def test_the_date_the_question_names_is_not_its_answer(tmp_path, question, answer):
    corpus = Corpus(tmp_path, "Điều 1. Ngày 08/7/2022, Ủy ban nhân dân tỉnh thông báo kết luận về đánh giá kết quả 06 "
                              "tháng đầu năm của ngành y tế.\n")
    assert corpus.extract(question).text == answer


def test_a_due_date_the_question_names_is_not_the_deadline(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Thực hiện Công văn ngày 12/11/2025 của Bộ Y tế, các đơn vị gửi báo cáo về Sở Y "
                              "tế trước ngày 25/11/2025.\n")
    assert corpus.extract("Theo Công văn ngày 12/11/2025 của Bộ Y tế, các đơn vị gửi báo cáo trước ngày nào?").text \
        == "trước ngày 25/11/2025"


# ------------------------------------------------------------------ the unit a table column prints
@pytest.fixture()
def price_table(realdocs, tmp_path):
    """The price-frame table of a Ministry of Industry and Trade circular (tvpl_006): "(đồng/kWh)" in its header."""
    text = (realdocs / "documents" / "tvpl_006.txt").read_text(encoding="utf-8")
    start = text.index("**Điều\n14. Điều khoản chuyển tiếp**")
    end = text.index("**Điều\n15. Hiệu lực thi hành**")
    return Corpus(tmp_path, text[start:end])


@pytest.mark.parametrize("question, answer", [
    ("Mức giá tối đa của khung giá phát điện đối với nhà máy điện gió trong đất liền là bao nhiêu?",
     "1.587,12 đồng/kWh"),
    ("Mức giá tối đa của khung giá phát điện đối với nhà máy điện mặt trời nổi là bao nhiêu?", "1.508,27 đồng/kWh"),
])
def test_a_table_value_takes_its_column_s_unit(price_table, question, answer):
    assert price_table.extract(question).text == answer


# ------------------------------------------------------------------ one unit vocabulary
def test_every_unit_view_is_read_from_the_lexicon():
    """figures.py, vocabulary.py and the answerer read their units from corpus.lexicon's one table."""
    from retriever.qa import vocabulary as V
    from retriever.qa.extractors import figures as F
    from retriever.qa.signals import _MEASURES

    assert V.UNIT_WORDS is L.UNIT_WORDS and V.MEASURE_SYMBOLS is L.MEASURE_SYMBOLS
    assert V.PRINTED_MEASURE is L.PRINTED_MEASURES and F._QUANTITY_SYMBOLS is L.QUANTITY_SYMBOLS
    assert L.MEASURE_KEYS <= _MEASURES and {"met", "kg", "ha", "hec", "nam", "lan", "nguoi", "mm"} <= L.MEASURE_KEYS
    assert "ngay" not in _MEASURES  # "bao nhiêu ngày" counts days beside the figure: the answer prints "ngày"


@pytest.mark.parametrize("printed, family", [("-20°C", "temperature"), ("150 mA", "current"), ("52gam", "mass"),
                                             ("40 m", "length"), ("30 m²", "area"), ("5 lít", "volume")])
def test_a_quantity_symbol_tells_its_family(printed, family):
    from retriever.qa.extractors.figures import measured_spans

    assert [f for _, _, f in measured_spans(printed)] == [family]


@pytest.mark.parametrize("text, symbol", [("400mm", "mm"), ("30 m2", "m2"), ("50 kW", "kW"), ("12 ha", "ha")])
def test_a_measure_symbol_printed_against_a_figure(text, symbol):
    assert re.search(r"\d\s*" + L.MEASURE_SYMBOLS + r"(?!\w)", text).group(0).endswith(symbol)


# ------------------------------------------------------------------ the case after a figure is that figure's
_PARALLEL = ("Điều 1. Người đứng đầu cơ sở giáo dục nghề nghiệp quyết định thời lượng lồng ghép kiến thức, kỹ năng bổ "
             "trợ nhưng không vượt quá 10% tổng thời lượng chương trình đào tạo chính khóa đối với đào tạo trình độ sơ "
             "cấp và không vượt quá 5% tổng thời lượng chương trình đào tạo chính khóa đối với đào tạo trình độ trung "
             "cấp, trình độ cao đẳng.\n")


@pytest.mark.parametrize("question, answer", [
    ("Thời lượng lồng ghép kỹ năng bổ trợ ở trình độ sơ cấp được tối đa bao nhiêu phần trăm tổng thời lượng?", "10%"),
    ("Thời lượng lồng ghép kỹ năng bổ trợ ở trình độ trung cấp, cao đẳng tối đa bao nhiêu phần trăm?", "5%"),
])
def test_the_case_printed_after_a_figure_qualifies_that_figure(tmp_path, question, answer):
    assert Corpus(tmp_path, _PARALLEL).extract(question).text.endswith(answer)


# ------------------------------------------------------------------ the year a list of targets is headed by
_TARGETS = ("Điều 2. Mục tiêu cụ thể\n"
            "1. Mục tiêu đến năm 2025:\n"
            "a) Tỷ lệ trạm y tế xã có bác sĩ làm việc đạt 90%;\n"
            "b) Tỷ lệ dân số tham gia bảo hiểm y tế đạt 95%.\n"
            "2. Mục tiêu đến năm 2030:\n"
            "a) Tỷ lệ trạm y tế xã có bác sĩ làm việc đạt 100%;\n"
            "b) Tỷ lệ dân số tham gia bảo hiểm y tế đạt trên 99%.\n")


@pytest.mark.parametrize("question, answer", [
    ("Đến năm 2030 tỷ lệ trạm y tế xã có bác sĩ làm việc đạt bao nhiêu phần trăm?", "100%"),
    ("Đến năm 2025 tỷ lệ trạm y tế xã có bác sĩ làm việc đạt bao nhiêu phần trăm?", "90%"),
    ("Đến năm 2030 tỷ lệ dân số tham gia bảo hiểm y tế đạt bao nhiêu phần trăm?", "trên 99%"),
])
def test_a_target_listed_under_a_year_is_of_that_year(tmp_path, question, answer):
    assert Corpus(tmp_path, _TARGETS).extract(question).text == answer


# ------------------------------------------------------------------ the form of a date the question asks
@pytest.mark.parametrize("question, answer", [
    ("Đợt kiểm tra an toàn thực phẩm các bếp ăn tập thể diễn ra vào tháng nào?", "tháng 10/2025"),
    ("Đợt kiểm tra an toàn thực phẩm các bếp ăn tập thể diễn ra trong quý nào?", "quý IV năm 2025"),
])
def test_a_date_in_the_form_the_question_asks(tmp_path, question, answer):
    corpus = Corpus(tmp_path, "Điều 1. Đợt kiểm tra an toàn thực phẩm các bếp ăn tập thể diễn ra từ ngày 06/10/2025, "
                              "trong tháng 10/2025, thuộc kế hoạch quý IV năm 2025 của ngành y tế.\n")
    assert corpus.extract(question).text == answer


def test_a_range_of_quarters_is_copied_whole(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Chiến dịch tiêm vắc xin phòng bệnh sởi được triển khai trong Quý III và Quý IV "
                              "năm 2025 trên địa bàn tỉnh.\n")
    assert corpus.extract("Chiến dịch tiêm vắc xin phòng bệnh sởi được triển khai khi nào?").text == \
        "Quý III và Quý IV năm 2025"


# ------------------------------------------------------------------ a rate with what it is of, a bound with its figure
@pytest.mark.parametrize("sentence, question, answer", [
    (("Điều 1. Nhân viên y tế thôn bản được hưởng phụ cấp hằng tháng bằng 50% mức lương cơ sở đối với thôn thuộc xã "
      "khu vực III.\n"), "Nhân viên y tế thôn bản được hưởng phụ cấp hằng tháng là bao nhiêu?", "50% mức lương cơ sở"),
    ("Điều 1. Mức hỗ trợ tối đa bằng 1,5 lần mức lương tối thiểu vùng cho người lao động.\n",
     "Mức hỗ trợ tối đa gấp mấy lần?", "1,5 lần mức lương tối thiểu vùng"),
    ("Điều 1. Cơ sở được công nhận khi tỷ lệ hài lòng của người bệnh đạt từ 90% trở lên.\n",
     "Tỷ lệ hài lòng của người bệnh phải đạt bao nhiêu phần trăm thì cơ sở được công nhận?", "từ 90% trở lên"),
    ("Điều 1. Thời lượng thực hành không vượt quá 30% tổng thời lượng của chương trình.\n",
     "Thời lượng thực hành tối đa bao nhiêu phần trăm?", "không vượt quá 30%"),
])
def test_a_figure_is_copied_with_its_base_and_bound(tmp_path, sentence, question, answer):
    assert Corpus(tmp_path, sentence).extract(question).text.startswith(answer)


# ------------------------------------------------------------------ "phần trăm" asked is printed "%"
def test_the_words_of_a_percent_asked_are_no_evidence(tmp_path):
    """A guard (passes with or without the rule on this text): the rate of the subject asked, not the one near
    "phần … trạm"."""
    corpus = Corpus(tmp_path, "Điều 1. Năm 2025, tỷ lệ người dân có thẻ bảo hiểm y tế đạt 93%, trạm y tế xã được "
                              "ngân sách hỗ trợ phần còn lại 20%.\n")
    assert corpus.extract("Năm 2025 tỷ lệ người dân có thẻ bảo hiểm y tế đạt bao nhiêu phần trăm?").text == "93%"


# ------------------------------------------------------------------ a range of sums, each end with what it is per
_LIVESTOCK = ("Điều 1. Hỗ trợ khôi phục sản xuất chăn nuôi:\n"
              "a) Gà, vịt, ngan, ngỗng trên 28 ngày tuổi: hỗ trợ từ 31.000 đồng/con đến 45.000 đồng/con;\n"
              "b) Hươu sao, cừu, dê: hỗ trợ từ 1.000.000 đồng/con đến 2.500.000 đồng/con.\n")


@pytest.mark.parametrize("question, answer", [
    ("Gà, vịt trên 28 ngày tuổi chết do thiên tai thì được hỗ trợ bao nhiêu một con?",
     "từ 31.000 đồng/con đến 45.000 đồng/con"),
    ("Hươu sao, cừu, dê chết do thiên tai được hỗ trợ mức nào?", "từ 1.000.000 đồng/con đến 2.500.000 đồng/con"),
])
def test_a_range_of_sums_per_head_is_read_whole(tmp_path, question, answer):
    assert Corpus(tmp_path, _LIVESTOCK).extract(question).text == answer


# ------------------------------------------------------------------ "bậc mấy", "tháng mấy": the noun with its figure
@pytest.mark.parametrize("sentence, question, answer", [
    ("Điều 1. Giảng viên phải có chứng chỉ kỹ năng nghề quốc gia bậc 3 trở lên theo quy định.\n",
     "Giảng viên phải có chứng chỉ kỹ năng nghề quốc gia từ bậc mấy trở lên?", "bậc 3 trở lên"),
    ("Điều 1. Tháng 6 hằng năm, các đơn vị lập dự toán ngân sách đóng bảo hiểm y tế năm sau.\n",
     "Các đơn vị lập dự toán ngân sách đóng bảo hiểm y tế năm sau vào tháng mấy hằng năm?", "Tháng 6"),
])
def test_the_noun_the_question_asks_a_figure_of(tmp_path, sentence, question, answer):
    assert Corpus(tmp_path, sentence).extract(question).text.startswith(answer)


# ------------------------------------------------------------------ the question's case inside a printed range
_SOWING = ("Điều 1. Mức hỗ trợ đối với diện tích lúa bị thiệt hại:\n"
           "a) Giai đoạn sau gieo trồng từ 01 đến 10 ngày:\n"
           "Thiệt hại trên 70%, hỗ trợ 6.000.000 đồng/ha;\n"
           "b) Giai đoạn sau gieo trồng từ trên 10 ngày đến 45 ngày:\n"
           "Thiệt hại trên 70%, hỗ trợ 10.000.000 đồng/ha;\n")


@pytest.mark.parametrize("question, answer", [
    ("Lúa bị thiệt hại trên 70% khi mới gieo được 5 ngày được hỗ trợ bao nhiêu một ha?", "6.000.000 đồng/ha"),
    ("Lúa bị thiệt hại trên 70% khi đã gieo được 30 ngày được hỗ trợ bao nhiêu một ha?", "10.000.000 đồng/ha"),
])
def test_the_question_s_case_inside_a_printed_range(tmp_path, question, answer):
    assert Corpus(tmp_path, _SOWING).extract(question).text == answer

"""How a clerk reads a figure's unit off a spending table (w124): the value column's header prints the scale once
("Mức chi (1.000đ)": "200" is 200 thousand đồng) and a column of units gives each row what its value is per
("người/ngày", "Tiết"); a question asking an amount "một người một ngày" means the row per person per day, not the
one per person per session.

Written examples in the layout of the provincial spending tables (cells between "|" lines); each fails without the
reading it pins.
"""

from __future__ import annotations

import pytest

from retriever.qa.extractors import figures as F
from retriever.qa.question import analyze_question
from tests.test_qa_extractors import Corpus

_HEAD = ["**TT**", "**Nội dung chi**", "**Mức chi (1.000đ)**", "**Đơn vị tính**", "**Ghi chú**"]


def _table(rows: list[list[str]]) -> str:
    lines = ["Điều 1. Mức chi cho các lớp bồi dưỡng học sinh giỏi như sau:", "|"]
    for row in [_HEAD] + rows:
        for cell in row:
            lines += [cell, "|"]
        lines.append("|")
    return "\n".join(lines) + "\n"


_ROWS = [["1", "Tiền ăn của học sinh dự tập huấn", "180", "người/ngày", ""],
         ["2", "Nước uống, giải khát giữa giờ", "40", "người/buổi", ""],
         ["3", "Tiền công giảng dạy lý thuyết", "264", "Tiết", ""]]


@pytest.mark.parametrize("question, answer", [
    ("Tiền ăn của học sinh dự tập huấn được chi bao nhiêu một người một ngày?", "180 nghìn đồng/người/ngày"),
    ("Tiền công giảng dạy lý thuyết được chi mức bao nhiêu?", "264 nghìn đồng/tiết"),
])
def test_a_table_value_takes_its_column_s_scale_and_its_row_s_unit(tmp_path, question, answer):
    assert Corpus(tmp_path, _table(_ROWS)).extract(question).text == answer


@pytest.mark.parametrize("header, cell, unit", [
    ("Mức chi/ Tiền công (1.000đ)", "người/ngày", "nghìn đồng/người/ngày"),
    ("Mức hỗ trợ (ĐVT: 1.000 đồng)", "Tiết", "nghìn đồng/tiết"),
    ("Kinh phí (1.000.000 đồng)", "", "triệu đồng"),
    ("Mức trần", "Đồng/học sinh/tháng", "đồng/học sinh/tháng"),  # the row's unit cell names the money itself
    ("Mức thu (đồng)", "Đồng/học sinh/tháng", "đồng/học sinh/tháng"),  # the header's money, per the row's unit
    ("Số lượng", "Viên", ""),  # a count of pills, no sum
])
def test_column_unit_reads_the_header_scale_and_the_row_unit_cell(header, cell, unit):
    cells, names = ("1", "Nội dung", cell, "235"), ("TT", "Nội dung", "Đơn vị tính", header)
    body = "1\nNội dung\n" + (cell + "\n" if cell else "") + "235"
    assert F.column_unit(cells, names, body, body.index("235")) == unit


def test_per_fit_prefers_every_noun_the_amount_is_asked_per():
    q = analyze_question("Tiền ăn được chi bao nhiêu một người một ngày?")
    assert F.per_fit(q, "/người/ngày") > F.per_fit(q, "/người/buổi") > F.per_fit(q, "/Tiết")


# ------------------------------------------------------------------ a count per period copied with its unit
@pytest.mark.parametrize("sentence, question, answer", [
    ("Điều 2. Quan trắc môi trường vùng nuôi tôm được thực hiện với tần suất quan trắc: 12 đợt/năm.",
     "Quan trắc môi trường vùng nuôi tôm được thực hiện với tần suất bao nhiêu?", "12 đợt/năm"),
    ("Điều 2. Đoàn liên ngành kiểm tra an toàn thực phẩm tại các bếp ăn tập thể với mức 04 lượt kiểm tra/năm.",
     "Đoàn liên ngành kiểm tra an toàn thực phẩm tại các bếp ăn tập thể với mức bao nhiêu?", "04 lượt kiểm tra/năm"),
])
def test_a_count_per_period_is_copied_with_its_noun_and_period(tmp_path, sentence, question, answer):
    assert Corpus(tmp_path, sentence + "\n").extract(question).text == answer


# ------------------------------------------------------------------ a floor asked at the wh-word
_TARGETS = ("Điều 2. Mục tiêu đến năm 2030:\n(1) 100% các cơ sở khám bệnh sử dụng bệnh án điện tử;\n"
            "(2) Tỷ lệ người dân sử dụng sổ sức khỏe điện tử đạt trên 80%;\n"
            "(3) Tỷ lệ trạm y tế xã có bác sĩ đạt tối thiểu 90%.\n")


@pytest.mark.parametrize("question, answer", [
    ("Đến 2030 tỉnh muốn hơn bao nhiêu phần trăm người dân sử dụng sổ sức khỏe điện tử?", "trên 80%"),
])
def test_a_floor_asked_at_the_wh_word_is_the_figure_printed_as_a_floor(tmp_path, question, answer):
    assert Corpus(tmp_path, _TARGETS).extract(question).text == answer


def test_a_comparative_s_difference_is_no_floor():
    from retriever.qa.extractors.figures import asked_bound

    assert asked_bound(analyze_question("Tỷ lệ năm nay cao hơn bao nhiêu phần trăm?")) == ""
    assert asked_bound(analyze_question("Tỉnh muốn hơn bao nhiêu phần trăm doanh nghiệp dùng hóa đơn điện tử?")) == "min"


# ------------------------------------------------------------------ a year printed bare as a horizon
def test_a_bare_year_after_den_is_a_date(tmp_path):
    sentence = ("Điều 3. Chương trình nâng cao sức khỏe người cao tuổi trước đây chỉ thực hiện đến năm 2025 thì nay "
                "tiếp tục kéo dài đến 2030, tăng cường khám sàng lọc tại trạm y tế xã.\n")
    answer = Corpus(tmp_path, sentence).extract("Chương trình nâng cao sức khỏe người cao tuổi được kéo dài đến năm nào?")
    assert answer.text == "2030"


# ------------------------------------------------------------------ a unit cell read in a row printed as text
def test_a_money_unit_cell_on_the_line_before_a_bare_value_is_its_unit():
    body = "2.1\nDịch vụ trông giữ xe đạp của học sinh\nĐồng/học sinh/tháng\n25.000\n2.2"
    at = body.index("25.000")
    assert F.unit_cell_before(body, at, at + 6) == "đồng/học sinh/tháng"
    assert F.unit_cell_before("thu 25.000 đồng", 4, 10) == ""  # a figure within its sentence is no value cell

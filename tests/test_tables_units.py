"""A figure in a table cell read with the unit the table prints elsewhere for it (retriever/qa/extractors/figures.py
``column_unit``, beside corpus/bartables.py): the scale in its column's header, the row's own "Đơn vị tính" cell,
also when that cell is merged down from the row above."""

from __future__ import annotations

from retriever.qa.extractors.figures import column_unit

FEES_HEADER = ("TT", "Danh mục dịch vụ", "Đơn vị tính", "Mức thu", "Ghi chú")


def test_a_header_printing_a_scale_gives_the_figure_in_thousands():
    header = ("Số TT", "Nội dung chi", "Mức chi (1.000đ)", "Đơn vị tính", "Ghi chú")
    body = "- Ủy viên Hội đồng\n442\nngười/ngày"
    cells = ("", "- Ủy viên Hội đồng", "442", "người/ngày", "")
    assert column_unit(cells, header, body, body.index("442")) == "nghìn đồng/người/ngày"  # the scale, per what the row's unit cell says


def test_a_money_unit_in_the_rows_own_unit_column_goes_with_the_figure():
    body = "3.2\nTiền nước uống\nĐồng/người/tháng\n12.000"
    cells = ("3.2", "Tiền nước uống", "Đồng/người/tháng", "12.000", "")
    assert column_unit(cells, FEES_HEADER, body, body.index("12.000")) == "đồng/người/tháng"
    # the running number is no sum, and a unit that is not money ("người/ngày") is not copied
    assert column_unit(cells, FEES_HEADER, body, 0) == ""
    counted = ("3.3", "Tập huấn", "người/ngày", "40", "")
    text = "3.3\nTập huấn\nngười/ngày\n40"
    assert column_unit(counted, FEES_HEADER, text, text.index("40")) == ""


def test_a_unit_merged_down_from_the_row_above_is_read_though_not_printed_in_the_row():
    body = "3.3\nTiền ăn trưa\n30.000"
    cells = ("3.3", "Tiền ăn trưa", "Đồng/người/ngày", "30.000", "")  # the unit cell printed in the row above
    assert column_unit(cells, FEES_HEADER, body, body.index("30.000")) == "đồng/người/ngày"

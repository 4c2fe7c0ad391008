"""Gazette tables read as rows from the ruled grid of their PDF (corpus/pdftables.py).

The grid and the glyph places below are synthetic, in the shape of a gazette fee schedule:
a header row, two fees whose unit is one cell merged down over both rows, a name wrapped
over two text lines, and a group line spanning the columns after its label.  The real
gazette documents are read from ../shared/realdocs when it is there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.pdftables import Grid, _Layer, _line_places, grid_tables, pdf_beside

REALDOCS = Path(__file__).resolve().parents[1] / ".." / "shared" / "realdocs"

# Columns: STT | Tên phí | Đơn vị tính | Mức thu; rows (table y, top first): header 0-20, fee 1 20-40,
# fee 2 40-60, group line 60-80.
XS = [0.0, 30.0, 200.0, 300.0, 400.0]
YS = [0.0, 20.0, 40.0, 60.0, 80.0]
ACROSS = [(0.0, 0.0, 400.0), (20.0, 0.0, 400.0),
          (40.0, 0.0, 200.0), (40.0, 300.0, 400.0),  # no rule under the unit: it spans both fees
          (60.0, 0.0, 400.0), (80.0, 0.0, 400.0)]
DOWN = [(0.0, 0.0, 80.0), (30.0, 0.0, 80.0), (400.0, 0.0, 80.0),
        (200.0, 0.0, 60.0), (300.0, 0.0, 60.0)]  # the group line's text runs across these columns

# Text lines in the order the gazette text prints them, and the cell (x, table y) each sits in.
LINES = [
    ("Biểu mức thu phí thẩm định", None),
    ("STT", (5, 10)), ("Tên phí", (40, 10)), ("Đơn vị tính", (210, 10)), ("Mức thu", (310, 10)),
    ("1", (5, 25)), ("Phí thẩm định cấp", (40, 25)), ("giấy phép lần đầu", (40, 32)),
    ("đồng/hồ sơ", (210, 40)),  # printed once, in the middle of the two rows it spans
    ("500.000", (310, 25)),
    ("2", (5, 45)), ("Phí thẩm định cấp lại", (40, 45)), ("250.000", (310, 45)),
    ("II", (5, 70)), ("Lệ phí cấp bản sao", (40, 70)),
    ("Điều 2. Quyết định này có hiệu lực từ ngày ký.", None),
]


def _layer(lines, page: int = 0, extra: str = "") -> _Layer:
    """The PDF's text layer for ``lines``: each glyph where its line sits (y turned to page
    coordinates, which grow upwards); ``extra``: glyphs only the PDF has, before the table."""
    layer = _Layer()
    for char in extra:
        layer.chars.append(char)
        layer.places.append((page, 500.0, 500.0))
        layer.turns.append(0)
    for text, at in lines:
        x, y = at if at else (500.0, 500.0)
        for k, char in enumerate(c for c in text if not c.isspace()):
            layer.chars.append(char)
            layer.places.append((page, x + 0.5 * k, -(y + 1)))
            layer.turns.append(0)
    return layer


def _grid(page: int = 0) -> Grid:
    return Grid(page, 0, XS, YS, ACROSS, DOWN)


def test_rows_keep_a_fee_its_unit_and_amount_together():
    page = [text for text, _ in LINES]
    [table] = grid_tables(page, [_grid()], _layer(LINES))
    assert table.columns == ["STT", "Tên phí", "Đơn vị tính", "Mức thu"]
    assert table.rows[0] == ["1", "Phí thẩm định cấp giấy phép lần đầu", "đồng/hồ sơ", "500.000"]
    # the unit merged down over both fees is read in the second row too
    assert table.rows[1] == ["2", "Phí thẩm định cấp lại", "đồng/hồ sơ", "250.000"]


def test_a_line_across_the_columns_is_a_group_line_not_a_row():
    page = [text for text, _ in LINES]
    [table] = grid_tables(page, [_grid()], _layer(LINES))
    assert table.rows[2] == ["II", "Lệ phí cấp bản sao"]  # shorter than the columns: read as text
    assert len(table.rows) == 3


def test_text_lines_are_found_in_the_layer_past_a_stamp_only_one_of_them_has():
    lines = [("Ký bởi: CÔNG BÁO NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", None)] + LINES
    page = [text for text, _ in lines]
    places = _line_places(page, _layer(LINES, extra="CÔNGBÁO/Số242/Ngày22-04-2026"))
    assert not places[0]  # the stamp is the text's own
    assert places[page.index("500.000")][0][2:] == (310.0, -26.0)


def test_a_table_continued_on_the_next_page_goes_on_and_a_row_cut_by_the_page_break_is_joined():
    next_page = [("STT", (5, 10)), ("Tên phí", (40, 10)), ("Đơn vị tính", (210, 10)), ("Mức thu", (310, 10)),
                 ("(tiếp theo)", (40, 25)),  # the rest of the row the page break cut
                 ("3", (5, 45)), ("Phí cấp đổi", (40, 45)), ("100.000", (310, 45))]
    lines = LINES[:-3] + next_page
    page = [text for text, _ in lines]
    layer = _layer(LINES[:-3])
    more = _layer(next_page, page=1)
    layer.chars += more.chars
    layer.places += more.places
    layer.turns += more.turns
    [table] = grid_tables(page, [_grid(0), _grid(1)], layer)
    assert table.rows[1] == ["2", "Phí thẩm định cấp lại (tiếp theo)", "đồng/hồ sơ", "250.000"]
    assert table.rows[2] == ["3", "Phí cấp đổi", "", "100.000"]  # a merged cell never spans a page break


def test_a_grid_without_text_in_its_columns_is_no_table():
    lines = [("Một khung chữ quanh đoạn văn", (40, 25))]
    assert grid_tables([lines[0][0]], [_grid()], _layer(lines)) == []


def test_the_pdf_of_a_gazette_text_is_found_in_the_pdf_folder_beside_it(tmp_path):
    (tmp_path / "documents").mkdir()
    (tmp_path / "pdf").mkdir()
    text = tmp_path / "documents" / "congbao_900.txt"
    text.write_text("x", encoding="utf-8")
    assert pdf_beside(text) is None
    (tmp_path / "pdf" / "congbao_900.pdf").write_bytes(b"%PDF-1.4")
    assert pdf_beside(text) == tmp_path / "pdf" / "congbao_900.pdf"


def _rows(name: str) -> list[tuple[list[str], list[str]]]:
    from corpus import parse_document
    from corpus.structure import iter_nodes

    document = parse_document(REALDOCS / "documents" / name)
    out = []
    for node in iter_nodes(document.root):
        if node.kind == "table":
            out.extend((node.cells, row.cells) for row in node.children if row.kind == "row")
    return out


@pytest.mark.skipif(not (REALDOCS / "pdf").is_dir(), reason="../shared/realdocs (gazette texts and PDFs) not here")
def test_real_gazette_task_table_rows_hold_their_agency_and_deadline():
    rows = _rows("congbao_043.txt")
    assert len(rows) >= 30
    columns, first = rows[0]
    assert columns[:3] == ["TT", "Tên nhiệm vụ", "Cơ quan chủ trì"]
    assert first[0] == "1." and first[2] == "Bộ Ngoại giao"


@pytest.mark.skipif(not (REALDOCS / "pdf").is_dir(), reason="../shared/realdocs (gazette texts and PDFs) not here")
def test_real_gazette_turned_table_reads_its_columns_in_order():
    rows = _rows("congbao_044.txt")
    columns, first = rows[0]
    assert columns == ["STT", "Văn bản hết hiệu lực", "Lý do hết hiệu lực", "Ngày hết hiệu lực"]
    assert first[0] == "1" and first[3] == "30/7/2023"


@pytest.mark.skipif(not (REALDOCS / "pdf").is_dir(), reason="../shared/realdocs (gazette texts and PDFs) not here")
def test_real_gazette_without_a_grid_is_read_as_before():
    from corpus import parse_document, parse_text
    from corpus.readers import read_file

    path = REALDOCS / "documents" / "congbao_007.txt"
    raw = read_file(path)
    with_pdf, without = parse_document(path), parse_text(raw.source, raw.text, raw.warnings)
    assert [c.to_dict() for c in with_pdf.chunks] == [c.to_dict() for c in without.chunks]


def test_an_unreadable_pdf_beside_a_text_is_reported_and_the_text_read_as_it_is(tmp_path):
    from corpus import parse_document

    text = tmp_path / "congbao_x.txt"
    text.write_text("ỦY BAN NHÂN DÂN TỈNH A\nSố: 12/QĐ-UBND\n\nQUYẾT ĐỊNH\nVề việc thử\n\nĐiều 1. Nội dung.\n",
                    encoding="utf-8")
    (tmp_path / "congbao_x.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    document = parse_document(text)
    assert any("congbao_x.pdf" in w and "PDF" in w for w in document.warnings)
    assert "Điều 1. Nội dung." in document.text

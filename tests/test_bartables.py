"""Tables of legal-database pages read from their ``|`` cell lines (corpus/bartables.py).

The page below is synthetic, in the shape of the legal-database pages of ../shared/realdocs:
the header table (issuing body beside the national motto) flattened into ``|`` lines, then
a table in the body: a header row of bold column names, a group row, and two data rows
whose cells run over several lines.
"""

from __future__ import annotations

import corpus
from corpus import parse_text
from corpus.bartables import attach_bar_tables, bar_tables
from corpus.structure import iter_nodes

PAGE = """|
**ỦY BAN NHÂN DÂN
TỈNH BẮC SƠN**
|
**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc**
|
|
Số: 15/QĐ-UBND
|
*Bắc Sơn, ngày 02 tháng 12 năm 2025*
|
**QUYẾT ĐỊNH**
**Về việc công bố danh mục thủ tục hành chính**
**CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC SƠN**
Căn cứ Luật Tổ chức chính quyền địa phương;
**QUYẾT ĐỊNH:**
**Điều 1.** Công bố kèm theo Quyết định này danh mục thủ tục hành chính sau:
|
**STT**
|
**Tên thủ tục
hành chính**
|
**Thời hạn giải
quyết**
|
**Phí, lệ phí**
|
|
**A**
|
**Lĩnh vực Y tế dự phòng**
|
|
1
|
Cấp giấy chứng nhận cơ sở đủ điều kiện
tiêm chủng
|
- 10 ngày làm việc kể từ ngày nhận
đủ hồ sơ hợp lệ
|
Không
|
|
2
|
Cấp lại giấy chứng nhận cơ sở đủ
điều kiện tiêm chủng
|
05 ngày làm việc kể từ
ngày nhận đủ hồ sơ
|
- 500.000 đồng/hồ sơ
đối với cơ sở tư nhân
|
**Điều 2.** Quyết định này có hiệu lực kể từ ngày ký./.
|
Nơi nhận:
- Như Điều 2;
- Lưu: VT.
|
**CHỦ TỊCH**
**Trần Văn Bình**
|
"""


def _tables(document):
    return [node for node in iter_nodes(document.root) if node.kind == "table"]


def test_the_page_bars_give_the_columns_and_rows():
    [table] = bar_tables(PAGE)
    assert table.columns == ["STT", "Tên thủ tục hành chính", "Thời hạn giải quyết", "Phí, lệ phí"]
    assert table.rows[0] == ["A", "Lĩnh vực Y tế dự phòng"]
    assert table.rows[1] == ["1", "Cấp giấy chứng nhận cơ sở đủ điều kiện tiêm chủng",
                             "- 10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", "Không"]
    assert table.rows[2][2] == "05 ngày làm việc kể từ ngày nhận đủ hồ sơ"
    assert table.rows[2][3] == "- 500.000 đồng/hồ sơ đối với cơ sở tư nhân"


def test_rows_become_table_chunks_with_their_column_names():
    document = parse_text("bac_son.txt", PAGE)
    [table] = _tables(document)
    rows = [node for node in table.children if node.kind == "row"]
    assert [row.label for row in rows] == ["1", "2"]
    assert rows[1].cells[3] == "- 500.000 đồng/hồ sơ đối với cơ sở tư nhân"
    # Each row spans its cells' lines in the cleaned text (quotes stay verbatim).
    assert document.text[rows[0].start : rows[0].end].startswith("1\nCấp giấy chứng nhận")
    assert document.text[rows[1].start : rows[1].end].endswith("đối với cơ sở tư nhân")
    chunks = [chunk for chunk in document.chunks if chunk.kind == "table"]
    assert len(chunks) == 2
    assert "Thời hạn giải quyết: 05 ngày làm việc kể từ ngày nhận đủ hồ sơ" in chunks[1].context
    assert "Phí, lệ phí: - 500.000 đồng/hồ sơ đối với cơ sở tư nhân" in chunks[1].context
    assert all(chunk.text == document.text[chunk.start : chunk.end] for chunk in document.chunks)


def test_the_group_row_and_the_column_names_stay_quotable_text():
    document = parse_text("bac_son.txt", PAGE)
    body = [chunk for chunk in document.chunks if chunk.kind == "body"]
    assert any("Lĩnh vực Y tế dự phòng" in chunk.text for chunk in body)
    assert any("Phí, lệ phí" in chunk.text for chunk in body)
    covered = set()
    for chunk in document.chunks:
        covered.update(range(chunk.start, chunk.end))
    first, last = document.text.index("STT"), document.text.index("Điều 2.")
    assert all(i in covered for i in range(first, last) if not document.text[i].isspace())


def test_the_document_header_table_is_read_as_before(monkeypatch):
    with_tables = parse_text("bac_son.txt", PAGE)
    monkeypatch.setattr(corpus, "attach_bar_tables", lambda *args: 0)
    without = parse_text("bac_son.txt", PAGE)
    assert with_tables.text == without.text
    assert with_tables.record == without.record
    assert with_tables.record.number == "15/QĐ-UBND"
    head = [(c.kind, c.start, c.end) for c in with_tables.root.children if c.kind in ("header", "preamble", "signature")]
    assert head == [(c.kind, c.start, c.end) for c in without.root.children if c.kind in ("header", "preamble", "signature")]
    assert not _tables(without)
    def header_chunks(document):
        return [(c.start, c.end, c.text, c.context) for c in document.chunks if c.kind == "header"]

    assert header_chunks(with_tables) == header_chunks(without)


def test_numbered_bold_cells_are_not_column_names():
    page = "|\n**I**\n|\n**Tổ chức cấp tỉnh**\n|\n**1. Hội đồng thi**\n|\n|\n1\n|\nTrưởng ban\n|\n553\n|"
    assert bar_tables(page) == []


def test_text_after_the_last_row_is_not_a_cell():
    page = ("Danh mục:\n|\n**TT**\n|\n**Nội dung**\n|\n**Mức chi**\n|\n|\n1\n|\nTrưởng ban\n|\n553\n|\n"
            "Điều 3. Tổ chức thực hiện\nSở Tài chính hướng dẫn thực hiện.")
    [table] = bar_tables(page)
    assert table.rows == [["1", "Trưởng ban", "553"]]


def test_a_table_whose_cells_the_cleaner_removed_is_left_alone():
    document = parse_text("bac_son.txt", PAGE)
    root_before = [(c.kind, c.start, c.end) for c in document.root.children]
    # The same page's table read against a text that does not hold it: nothing is added.
    assert attach_bar_tables(document.root, "Một văn bản khác.\n", PAGE) == 0
    assert [(c.kind, c.start, c.end) for c in document.root.children] == root_before


# A plan's appendix in the shape of the provincial action plans of ../shared/realdocs: tasks numbered "1.1", "2.1"
# (the structure parser reads such a number alone on a line as a heading), a second block whose header is printed
# again under its group row without the running-number column, and a line of text after the table.
PLAN = """**Điều 1.** Ban hành kèm theo Quyết định này danh mục nhiệm vụ tại Phụ lục.
**PHỤ LỤC**
|
**STT**
|
**Nhiệm vụ**
|
**Đơn vị chủ trì**
|
**Đơn vị phối hợp**
|
**Thời gian thực hiện**
|
|
**I**
|
**Hoàn thiện thể chế**
|
|
1.1
|
Rà soát các quy định về chuyển đổi số
trong từng ngành, lĩnh vực
|
Sở Tư pháp
|
Các sở, ban, ngành
|
2026 - 2030
|
|
**II**
|
**Phát triển hạ tầng**
|
|
2.1
|
Triển khai hạ tầng số dùng chung
|
Sở Khoa học và Công nghệ
|
UBND các xã, phường
|
2026 - 2027
|
|
**B**
|
**PHÁT TRIỂN NGÀNH, LĨNH VỰC**
|
|
**Nhiệm vụ**
|
**Đơn vị chủ trì**
|
**Đơn vị phối hợp**
|
**Thời gian thực hiện**
|
|
3.1
|
Xây dựng kế hoạch chuyển đổi số ngành nông nghiệp
|
Sở Nông nghiệp và Môi trường
|
Các sở, ban, ngành
|
2026
|
|
3.2
|
Hình thành các điểm thu gom rác thải điện tử
|
Sở Nông nghiệp và Môi trường
|
UBND các xã, phường
|
2026 - 2030
|

Ghi chú: các đơn vị báo cáo kết quả hằng năm.
"""


def _rows(document):
    return [node for table in _tables(document) for node in table.children if node.kind == "row"]


def test_a_task_number_read_as_a_heading_does_not_keep_the_plan_table_out():
    # "2.1" alone on a line opens a heading for the structure parser, and that heading runs on past the table's
    # last cell; the table is still read, row by row, and the text after it stays in the document's passages.
    document = parse_text("ke_hoach.txt", PLAN)
    rows = {row.cells[0]: row.cells for row in _rows(document)}
    assert rows["2.1"][1:3] == ["Triển khai hạ tầng số dùng chung", "Sở Khoa học và Công nghệ"]
    covered = "".join(chunk.text for chunk in document.chunks)
    assert "Ghi chú: các đơn vị báo cáo kết quả hằng năm." in covered


def test_a_header_repeated_without_its_number_column_keeps_the_rows_whole():
    # Under group "B" the header is printed again without "STT" (it spans down from the first header), while each
    # row still opens with its number: every row is read with its lead agency under "Đơn vị chủ trì".
    tables = bar_tables(PLAN)
    assert tables[-1].columns == ["", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện"]
    assert [row[:3] for row in tables[-1].rows] == [
        ["3.1", "Xây dựng kế hoạch chuyển đổi số ngành nông nghiệp", "Sở Nông nghiệp và Môi trường"],
        ["3.2", "Hình thành các điểm thu gom rác thải điện tử", "Sở Nông nghiệp và Môi trường"]]
    document = parse_text("ke_hoach.txt", PLAN)
    chunks = [chunk for chunk in document.chunks if chunk.kind == "table" and "rác thải điện tử" in chunk.text]
    assert chunks and "Đơn vị chủ trì: Sở Nông nghiệp và Môi trường" in chunks[0].context


# A fee list in the shape of the provincial fee resolutions of ../shared/realdocs: the unit cell "Đồng/người/ngày"
# is merged down over two numbered rows and printed (with its bar) in the first of them only.
FEES = """**Điều 1.** Mức thu tại Phụ lục kèm theo.
|
**TT**
|
**Danh mục dịch vụ**
|
**Đơn vị tính**
|
**Mức thu**
|
**Ghi chú**
|
|
2.1
|
Tiền ăn sáng
|
Đồng/người/ngày
|
18.000
|
|
|
2.2
|
Tiền ăn trưa
|
30.000
|
|
|
2.3
|
Tiền trông giữ ngoài giờ
|
Đồng/người/giờ
|
10.000
|
1 giờ = 60 phút
|
"""


def test_a_cell_merged_down_over_rows_is_read_in_every_row_it_spans():
    [table] = bar_tables(FEES)
    assert table.rows == [
        ["2.1", "Tiền ăn sáng", "Đồng/người/ngày", "18.000", ""],
        ["2.2", "Tiền ăn trưa", "Đồng/người/ngày", "30.000", ""],  # the unit spans down; the fee stays its own
        ["2.3", "Tiền trông giữ ngoài giờ", "Đồng/người/giờ", "10.000", "1 giờ = 60 phút"]]
    # The carried cell has no line of its own on the page: it is read with the row, never quoted from it.
    assert table.row_lines[1][2] == [] and table.row_lines[1][3]


def test_a_merged_cell_is_placed_where_the_row_lines_up_with_the_one_above():
    # A list of abolished procedures: the legal-basis cell spans down; field and agency repeat in every row.
    page = ("|\n**STT**\n|\n**Mã thủ tục**\n|\n**Tên thủ tục**\n|\n**Căn cứ bãi bỏ**\n|\n**Lĩnh vực**\n|\n"
            "**Cơ quan thực hiện**\n|\n|\n1\n|\n1.0011\n|\nCấp lại giấy phép\n|\nLuật số 12/2025/QH15\n|\nĐấu thầu\n|\n"
            "Sở Tài chính\n|\n|\n2\n|\n1.0012\n|\nGia hạn giấy phép\n|\nĐấu thầu\n|\nSở Tài chính\n|\n")
    [table] = bar_tables(page)
    assert table.rows[1] == ["2", "1.0012", "Gia hạn giấy phép", "Luật số 12/2025/QH15", "Đấu thầu", "Sở Tài chính"]


def test_a_short_row_without_a_value_of_its_own_is_not_filled():
    # "3 | Chi khác" under a full row is a heading row with its cells left empty, not a row under merged cells.
    page = ("|\n**TT**\n|\n**Nội dung**\n|\n**Đơn vị tính**\n|\n**Mức chi**\n|\n|\n2\n|\nBồi dưỡng\n|\n"
            "người/buổi\n|\n80\n|\n|\n3\n|\nChi khác\n|\n")
    [table] = bar_tables(page)
    assert table.rows[1] == ["3", "Chi khác"]


def test_the_text_after_the_last_rows_closing_bar_is_not_its_cell():
    # The last row (its unit merged down from the row above) closes with one bar, and the page's text follows: a
    # note, then the site's trailer, which the cleaner removes.  The row keeps its own cells, the unit carried
    # down, and the note stays text after the table.
    page = FEES + ("|\n2.4\n|\nTiền trông giữ ngày nghỉ\n|\n80.000\n|\n1 ngày = 8 giờ\n|\n"
                   "Ghi chú: các khoản thu trên không áp dụng với học sinh nội trú.\n"
                   "Văn bản này chưa cập nhật nội dung Tiếng Anh\n")
    document = parse_text("muc_thu.txt", page)
    assert "Văn bản này chưa cập nhật" not in document.text  # the trailer the cleaner removes
    rows = {row.cells[0]: row.cells for table in _tables(document) for row in table.children if row.kind == "row"}
    assert rows["2.4"] == ["2.4", "Tiền trông giữ ngày nghỉ", "Đồng/người/giờ", "80.000", "1 ngày = 8 giờ"]
    note = next(chunk for chunk in document.chunks if "Ghi chú: các khoản thu" in chunk.text)
    assert note.kind != "table"


def test_a_cell_spanning_columns_is_not_read_as_one_spanning_rows():
    # "Chi theo thực tế" stands for both the fee and its unit (one cell across two columns): nothing from the row
    # above ("500", "người/đêm") is carried into the row.
    page = ("|\n**TT**\n|\n**Nội dung chi**\n|\n**Mức chi**\n|\n**Đơn vị tính**\n|\n**Ghi chú**\n|\n|\n"
            "2.4\n|\nTiền thuê phòng nghỉ\n|\n500\n|\nngười/đêm\n|\n|\n|\n"
            "2.5\n|\nChi phí thuê xe\n|\nChi theo thực tế\n|\n|\n")
    [table] = bar_tables(page)
    assert table.rows[1][:3] == ["2.5", "Chi phí thuê xe", "Chi theo thực tế"]
    assert "500" not in table.rows[1] and "người/đêm" not in table.rows[1]

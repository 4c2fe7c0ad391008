"""Reading rules for tables and labelled values, checked on the real legal-database pages of
../shared/realdocs (each test skips with the reason when the folder is absent).

* an empty cell of a legal-database table is one bar more inside its row, not the row's end
  (the "Điểm tự chấm" column left blank for the reader to fill in);
* a row without its running number, under an index column, holds the table's last columns
  (the first ones span down from the row above);
* a table row reads under the table's caption and under the group lines / numbered rows
  above it ("2. Cơ sở vật chất (20 điểm)" over "2.1. Trụ sở làm việc …");
* a short field name ending in a colon and its value on the next line are one unit
  ("+ Nhiệt độ hoạt động:" / "-20°C đến +50°C;"), read under the lead-in of its list ("- Thông
  số kỹ thuật:"); digits glued to a unit ("52gam") are read as the number and the unit too.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from corpus import parse_document
from corpus.bartables import bar_tables
from corpus.structure import iter_nodes
from tests.conftest import REALDOCS, REALDOCS_MISSING


@pytest.fixture(autouse=True)
def _needs_realdocs():
    if not (REALDOCS / "documents").is_dir():
        pytest.skip(REALDOCS_MISSING)


def _page(name: str) -> str:
    return (REALDOCS / "documents" / name).read_text(encoding="utf-8")


def _doc(name: str):
    return parse_document(REALDOCS / "documents" / name)


def test_an_empty_cell_does_not_end_the_row():
    table = bar_tables(_page("tvpl_043.txt"))[0]
    assert table.columns == ["TIÊU CHÍ", "Mức điểm theo yêu cầu", "Điểm tự chấm", "CÁC MINH CHỨNG"]
    row = next(r for r in table.rows if r[0].startswith("1.2."))
    # the criterion, its points, the blank self-assessment cell, the evidence: one row
    assert row[1:] == ["3", "", "Quy chế hoạt động riêng của trung tâm học tập cộng đồng."]
    # the evidence cells are no longer rows of their own
    assert not any(len(r) == 1 and r[0].startswith("Quy chế hoạt động riêng") for r in table.rows)
    # a criterion group spanning the table stays a lone line
    assert ["2. Cơ sở vật chất (20 điểm)"] in table.rows


def test_a_row_under_spanning_first_columns_keeps_its_cells_under_their_columns():
    table = bar_tables(_page("tvpl_170.txt"))[0]
    assert table.columns[:4] == ["Số TT", "Tên kỳ thi", "Nội dung chi", "Mức chi/ Tiền công (1.000đ)"]
    row = next(r for r in table.rows if "- Trưởng ban" in r)
    assert row[2:5] == ["- Trưởng ban", "692", "người/ngày"]  # Nội dung chi, Mức chi, Đơn vị tính


def test_a_row_reads_under_the_table_caption_and_its_group_line():
    doc = _doc("tvpl_043.txt")
    chunk = next(c for c in doc.chunks if c.kind == "table" and c.text.startswith("2.1."))
    assert chunk.heading_path[0].startswith("BẢNG TIÊU CHÍ ĐÁNH GIÁ, XẾP LOẠI")
    assert chunk.heading_path[-1] == "2. Cơ sở vật chất (20 điểm)"
    # the group line itself reads under the caption
    group = next(c for c in doc.chunks if c.text.startswith("2. Cơ sở vật chất"))
    assert group.heading_path and group.heading_path[0].startswith("BẢNG TIÊU CHÍ")
    # the next group takes over
    later = next(c for c in doc.chunks if c.kind == "table" and c.text.startswith("3.1."))
    assert later.heading_path[-1] == "3. Kinh phí hoạt động (20 điểm)"


def test_a_group_line_heads_its_rows_until_the_next_group_of_its_kind():
    doc = _doc("tvpl_065.txt")
    rows = [c for c in doc.chunks if c.kind == "table"]
    sea = next(c for c in rows if "1.011433" in c.text)  # under "II … tàu biển"
    assert "A Thủ tục hành chính cấp trung ương" in sea.heading_path
    assert any(p.startswith("II ") and p.endswith("tàu biển") for p in sea.heading_path)
    assert not any(p.startswith("I ") and p.endswith("tàu bay") for p in sea.heading_path)


def test_a_field_name_and_its_value_are_one_unit():
    from retriever.qa.units import sentence_spans

    doc = _doc("tvpl_045.txt")
    sentences = [doc.text[s:e] for s, e in sentence_spans(doc.text)]
    assert "+ Nhiệt độ hoạt động:\n-20°C đến +50°C;" in sentences


def test_an_item_reads_under_the_lead_in_of_its_list():
    from retriever.qa.model import Unit
    from retriever.qa.units import UnitIndex

    doc = _doc("tvpl_045.txt")
    store = SimpleNamespace(documents={doc.record.doc_id: doc}, chunks=doc.chunks, citations=None)
    units = UnitIndex(store)
    start = doc.text.index("+ Nhiệt độ hoạt động:")
    end = doc.text.index("+50°C;", start) + len("+50°C;")
    words = units.words(Unit(doc.record.doc_id, start, end, -1, "", ""))
    assert {"thong", "so", "ky", "thuat"} <= words  # "- Thông số kỹ thuật:" above the "+" items


def test_digits_glued_to_a_unit_are_read_as_number_and_unit():
    from retriever.qa.model import Unit
    from retriever.qa.units import UnitIndex

    doc = _doc("tvpl_045.txt")
    store = SimpleNamespace(documents={doc.record.doc_id: doc}, chunks=doc.chunks, citations=None)
    units = UnitIndex(store)
    start = doc.text.index("trọng lượng của thanh đèn LED 52gam")
    unit = Unit(doc.record.doc_id, start, start + len("trọng lượng của thanh đèn LED 52gam"), -1, "", "")
    assert {"gam", "52", "52gam"} <= units.words(unit)


def test_the_tables_of_every_page_are_read_row_by_row():
    """Counted over all legal-database pages: most rows of two cells or more fill the header's
    columns (before the rule, an empty cell cut its row in two: 396 full rows of 939)."""
    full = total = 0
    for path in sorted((REALDOCS / "documents").glob("tvpl_*.txt")):
        for table in bar_tables(path.read_text(encoding="utf-8")):
            for row in table.rows:
                if len([c for c in row if c]) > 1:
                    total += 1
                    full += len(row) >= len(table.columns)
    assert total and full >= 0.75 * total


def test_table_nodes_still_cover_the_cells_they_name():
    doc = _doc("tvpl_043.txt")
    table = next(n for n in iter_nodes(doc.root) if n.kind == "table")
    row = next(c for c in table.children if c.kind == "row" and c.cells[0].startswith("1.1."))
    assert row.cells[3].startswith("Có đủ các Quyết định 03")
    assert "Có đủ các Quyết định 03" in doc.text[row.start:row.end]


def test_a_row_under_a_spanning_number_keeps_its_empty_last_column_at_the_end():
    # Under "Số TT", the items of a numbered group ("- Trưởng ban") print no running number of their own (it spans
    # down from "1"); their empty "Ghi chú" cell is the row's last, so the item sits under "Nội dung chi".
    page = ("|\n**Số TT**\n|\n**Nội dung chi**\n|\n**Mức chi (1.000đ)**\n|\n**Đơn vị tính**\n|\n**Ghi chú**\n|\n|\n"
            "1\n|\n**Ban chỉ đạo thi**\n|\n|\n|\n** **\n|\n"
            "- Trưởng ban\n|\n553\n|\nngười/ngày\n|\n|\n|\n** **\n|\n"
            "- Phó Trưởng ban\n|\n498\n|\nngười/ngày\n|\n|\n|\n** **\n|\n"
            "2\n|\n**Hội đồng thi**\n|\n|\n|\n** **\n|\n")
    [table] = bar_tables(page)
    assert table.rows[1:3] == [["", "- Trưởng ban", "553", "người/ngày", ""],
                              ["", "- Phó Trưởng ban", "498", "người/ngày", ""]]

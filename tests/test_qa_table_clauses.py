"""w40b: a table row whose cell holds several "- " clauses reads as one unit per clause (retriever/qa/units.py).

The page is synthetic, in the shape of the legal-database pages (cells between ``|`` lines): a procedures
table whose first row has a deadline cell and a fee cell of two clauses each, and a second row of one-piece
cells.
"""

from __future__ import annotations

from types import SimpleNamespace

from corpus import parse_text
from retriever.qa.extractors import default_extractors
from retriever.qa.extractors.base import Context
from retriever.qa.model import UnitKind
from retriever.qa.question import analyze_question
from retriever.qa.scoring import TermWeights
from retriever.qa.settings import QA
from retriever.qa.units import UnitIndex

PAGE = """|
**ỦY BAN NHÂN DÂN
TỈNH BẮC SƠN**
|
**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc**
|
|
Số: 21/QĐ-UBND
|
*Bắc Sơn, ngày 04 tháng 12 năm 2025*
|
**QUYẾT ĐỊNH**
**Về việc công bố danh mục thủ tục hành chính lĩnh vực dược**
**CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC SƠN**
Căn cứ Luật Tổ chức chính quyền địa phương;
**QUYẾT ĐỊNH:**
**Điều 1.** Công bố danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của Sở Y tế tỉnh Bắc Sơn
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
1
|
Cấp chứng chỉ hành nghề dược
|
- 20 ngày làm việc kể từ ngày nhận
đủ hồ sơ (cấp lần đầu),
- 05 ngày làm việc kể từ ngày nhận
đủ hồ sơ (cấp lại do thay đổi thông tin cá nhân).
|
- 500.000 đồng đối với hồ sơ cấp lần đầu,
- 0 đồng đối với người có công với cách mạng.
|
|
2
|
Điều chỉnh nội dung chứng chỉ hành nghề dược
|
10 ngày làm việc
|
Không
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


def _setup():
    document = parse_text("bac_son_duoc.txt", PAGE)
    store = SimpleNamespace(documents={document.record.doc_id: document}, chunks=document.chunks, citations=None)
    return document, store, UnitIndex(store)


def _table_units(document, units):
    return [u for row, chunk in enumerate(document.chunks) if chunk.kind == "table" for u in units.units_of(row)]


def test_a_cell_of_several_clauses_gives_one_unit_per_clause():
    document, _, units = _setup()
    found = [(document.text[u.start:u.end], u.kind, u.header, u.cells) for u in _table_units(document, units)]
    texts = [text for text, *_ in found]
    assert "- 20 ngày làm việc kể từ ngày nhận\nđủ hồ sơ (cấp lần đầu)," in texts
    assert "- 0 đồng đối với người có công với cách mạng." in texts
    by_text = {text: (kind, header, cells) for text, kind, header, cells in found}
    # a clause reads under its column name; a one-piece cell of that row keeps its cell for the column readers
    assert by_text["- 0 đồng đối với người có công với cách mạng."] == (UnitKind.ROW, ("Phí, lệ phí",), None)
    assert by_text["Cấp chứng chỉ hành nghề dược"] == (UnitKind.ROW, ("Tên thủ tục hành chính",),
                                                       ("Cấp chứng chỉ hành nghề dược",))
    assert "1" not in texts  # the row's index is not a unit
    # the row of one-piece cells stays one unit, with its cells and column names
    [whole] = [u for u in _table_units(document, units) if document.text[u.start:u.end].startswith("2\n")]
    assert whole.cells == ("2", "Điều chỉnh nội dung chứng chỉ hành nghề dược", "10 ngày làm việc", "Không")
    assert whole.header == ("STT", "Tên thủ tục hành chính", "Thời hạn giải quyết", "Phí, lệ phí")


def test_the_extractor_reads_the_clause_asked_not_the_first_figure_of_the_cell():
    document, store, units = _setup()
    question = "Người có công với cách mạng nộp lệ phí cấp chứng chỉ hành nghề dược bao nhiêu?"
    analysis = analyze_question(question)
    context = Context(store, units, TermWeights(store.chunks).question_weights(question, []), QA)
    [unit] = [u for u in _table_units(document, units) if document.text[u.start:u.end].startswith("- 0 đồng")]
    span = default_extractors()[analysis.kind].extract(analysis, unit, context)
    assert span is not None and span.text == "0 đồng"


def test_the_text_above_a_table_does_not_run_into_its_column_names():
    document, _, units = _setup()
    spans = units.documents[document.record.doc_id].spans
    intro = [document.text[s:e] for s, e in spans if "thẩm quyền giải quyết của Sở Y tế" in document.text[s:e]]
    assert intro and all("STT" not in text for text in intro)

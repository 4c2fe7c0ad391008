"""Structure tree (corpus/structure.py) on synthetic documents and the bundled corpus.

The synthetic documents here are also used by test_metadata.py and test_chunking.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import parse_document
from corpus.model import Node
from corpus.structure import heading_path_at, iter_nodes, parse_structure, render_tree, section_label_at

BUNDLED = Path(__file__).resolve().parent.parent / "corpus" / "documents"

QUANG_NAM_QD = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG NAM
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: 1876/QĐ-UBND

Quảng Nam, ngày 15 tháng 8 năm 2023

QUYẾT ĐỊNH
Về việc ban hành Quy chế phối hợp phòng, chống bệnh sốt xuất huyết trên địa bàn tỉnh

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Căn cứ Nghị định số 117/2020/NĐ-CP ngày 28/9/2020 của Chính phủ quy định xử phạt vi phạm hành chính trong lĩnh vực y tế;
Theo đề nghị của Giám đốc Sở Y tế tại Tờ trình số 245/TTr-SYT ngày 02/8/2023.

QUYẾT ĐỊNH:

Điều 1. Ban hành kèm theo Quyết định này Quy chế phối hợp phòng, chống bệnh sốt xuất huyết trên địa bàn tỉnh Quảng Nam.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký và thay thế Quyết định số 902/QĐ-UBND ngày 10/4/2018 của UBND tỉnh.
Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Y tế, Thủ trưởng các sở, ban, ngành chịu trách nhiệm thi hành Quyết định này./.

Nơi nhận:
- Như Điều 3;
- Bộ Y tế (b/c);
- Lưu: VT, KGVX.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Trần Thị Mai Hương
"""

AN_GIANG_CV = """SỞ Y TẾ TỈNH AN GIANG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 1234/SYT-NVY
V/v tăng cường phòng, chống bệnh
tay chân miệng

An Giang, ngày 03 tháng 3 năm 2025

Kính gửi:
- Trung tâm Kiểm soát bệnh tật tỉnh;
- Các bệnh viện trực thuộc.

Thực hiện Công văn số 512/BYT-DP ngày 20/02/2025 của Bộ Y tế về việc tăng cường phòng, chống bệnh tay chân miệng, Sở Y tế đề nghị các đơn vị thực hiện các nội dung sau:

1. Trung tâm Kiểm soát bệnh tật tỉnh
- Tăng cường giám sát, phát hiện sớm các trường hợp mắc bệnh tại cộng đồng và trường học.
- Hướng dẫn xử lý ổ dịch theo Quyết định số 1008/QĐ-BYT ngày 14/3/2022 của Bộ Y tế.

2. Giao các bệnh viện trực thuộc chủ trì, phối hợp các đơn vị liên quan: Bố trí khu vực điều trị riêng cho bệnh nhi; bảo đảm đủ thuốc.
a) Phân luồng, cách ly bệnh nhi nặng.
b) Báo cáo số ca mắc hằng tuần về Sở Y tế (qua phòng Nghiệp vụ Y) trước 15 giờ thứ Sáu; trường hợp khẩn cấp
báo cáo ngay bằng điện thoại.

Đề nghị các đơn vị nghiêm túc triển khai thực hiện./.

Nơi nhận:
- Như trên;
- UBND tỉnh (b/c);
- Lưu: VT, NVY.

KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC

Phạm Văn Đức
"""

CAN_THO_TB = """UBND THÀNH PHỐ CẦN THƠ
SỞ Y TẾ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 88/TB-SYT

Cần Thơ, ngày    tháng 11 năm 2024

THÔNG BÁO
KẾT LUẬN CỦA GIÁM ĐỐC SỞ Y TẾ TẠI CUỘC HỌP GIAO BAN THÁNG 10 NĂM 2024

Ngày 01/11/2024, Giám đốc Sở Y tế chủ trì cuộc họp giao ban. Căn cứ Kế hoạch số 45/KH-UBND ngày 12/01/2024 của UBND thành phố, Giám đốc Sở Y tế kết luận như sau:

I. ĐÁNH GIÁ CHUNG
Các đơn vị đã hoàn thành tốt nhiệm vụ được giao trong tháng 10.

II. NHIỆM VỤ THÁNG 11
1.1. Tiếp tục triển khai tiêm chủng mở rộng theo Nghị quyết số 20-NQ/TW; 21-NQ/TW.
1.2. Hoàn thành báo cáo sơ kết trước ngày 25/11/2024.

Nơi nhận:
- Các đơn vị trực thuộc;
- Lưu: VT.

GIÁM ĐỐC
(Đã ký)
Lê Minh Khoa

PHỤ LỤC I
PHÂN CÔNG NHIỆM VỤ
STT
Nội dung
Đơn vị chủ trì
Thời hạn
1
Rà soát đối tượng tiêm chủng
Trung tâm Kiểm soát bệnh tật
Tháng 11/2024
2
Cấp phát vắc xin
Trung tâm Kiểm soát bệnh tật
Bệnh viện Nhi đồng
Tháng 12/2024
3
Báo cáo kết quả
Phòng Nghiệp vụ Y
Quý 1/2025
"""

NEWS_PAGE = """Hướng dẫn phòng chống sốt xuất huyết mùa mưa trên địa bàn tỉnh Bình Định
Ngày 12/6/2023, Ủy ban nhân dân tỉnh Bình Định ban hành Chỉ thị số 07/CT-UBND về tăng cường phòng, chống sốt xuất huyết, cụ thể như sau:
Thời gian qua, dịch sốt xuất huyết có chiều hướng gia tăng.
1. Sở Y tế
- Chủ trì giám sát dịch tại các xã trọng điểm.
2. Ủy ban nhân dân các huyện
- Tổ chức chiến dịch diệt lăng quăng.
Chủ tịch UBND tỉnh yêu cầu các cơ quan nghiêm túc thực hiện Chỉ thị này./.
"""

ARTICLE = """Sở Y tế Hà Tĩnh đặt 8 mục tiêu trọng tâm năm 2025
1. Tiếp tục thực hiện Nghị quyết số 20-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương về tăng cường công tác bảo vệ sức khỏe nhân dân.
2. Nâng tỷ lệ bao phủ bảo hiểm y tế lên 95% theo Luật Bảo hiểm y tế.
"""


def kinds(node: Node) -> list[str]:
    return [c.kind for c in node.children]


def _spans_ok(text: str, node: Node) -> None:
    for n in iter_nodes(node):
        assert 0 <= n.start <= n.end <= len(text)
        for child in n.children:
            assert n.start <= child.start and child.end <= n.end


def test_quyet_dinh_header_preamble_articles_tail():
    root = parse_structure(QUANG_NAM_QD)
    _spans_ok(QUANG_NAM_QD, root)
    assert kinds(root) == ["header", "preamble", "section", "section", "section", "recipients", "signature"]
    header = root.children[0]
    title = next(c for c in header.children if c.kind == "title")
    assert QUANG_NAM_QD[title.start : title.end].startswith("QUYẾT ĐỊNH\nVề việc ban hành Quy chế")
    articles = [c for c in root.children if c.kind == "section"]
    assert [a.label for a in articles] == ["Điều 1.", "Điều 2.", "Điều 3."]
    preamble = root.children[1]
    assert QUANG_NAM_QD[preamble.start : preamble.end].startswith("Căn cứ Luật")
    assert QUANG_NAM_QD[preamble.start : preamble.end].endswith("QUYẾT ĐỊNH:")
    assert section_label_at(root, QUANG_NAM_QD.index("thay thế")) == "Điều 2"


def test_cong_van_headings_content_sections_points_and_wrapped_lines():
    root = parse_structure(AN_GIANG_CV)
    _spans_ok(AN_GIANG_CV, root)
    assert kinds(root) == ["header", "preamble", "section", "section", "paragraph", "recipients", "signature"]
    first, second = root.children[2], root.children[3]
    assert first.title == "Trung tâm Kiểm soát bệnh tật tỉnh"
    assert kinds(first) == ["bullet", "bullet"]
    # a numbered line with its own content: the title is the short lead before ":"
    assert second.title == "Giao các bệnh viện trực thuộc chủ trì, phối hợp các đơn vị liên quan"
    assert [c.label for c in second.children] == ["a)", "b)"]
    # a sentence broken over two lines stays one point
    point_b = second.children[1]
    assert AN_GIANG_CV[point_b.start : point_b.end].endswith("báo cáo ngay bằng điện thoại.")
    offset = AN_GIANG_CV.index("Phân luồng")
    assert heading_path_at(root, offset) == [
        "2. Giao các bệnh viện trực thuộc chủ trì, phối hợp các đơn vị liên quan", "a)"]
    assert heading_path_at(root, offset, AN_GIANG_CV)[-1] == "a) Phân luồng, cách ly bệnh nhi nặng."
    assert section_label_at(root, offset) == "2.a"
    header = root.children[0]
    vv = next(c for c in header.children if c.kind == "title")
    assert AN_GIANG_CV[vv.start : vv.end] == "V/v tăng cường phòng, chống bệnh\ntay chân miệng"
    assert any(c.kind == "recipients" for c in header.children)


def test_thong_bao_parts_subsections_signature_and_appendix_table():
    root = parse_structure(CAN_THO_TB)
    _spans_ok(CAN_THO_TB, root)
    assert kinds(root) == ["header", "preamble", "part", "part", "recipients", "signature", "appendix"]
    part2 = root.children[3]
    assert (part2.label, part2.title) == ("II.", "NHIỆM VỤ THÁNG 11")
    assert [c.kind for c in part2.children] == ["subsection", "subsection"]
    assert section_label_at(root, CAN_THO_TB.index("Hoàn thành báo cáo")) == "II.1.2"
    signature = root.children[5]
    assert CAN_THO_TB[signature.start : signature.end].endswith("Lê Minh Khoa")
    appendix = root.children[6]
    assert appendix.title == "PHỤ LỤC I PHÂN CÔNG NHIỆM VỤ"
    table = next(c for c in appendix.children if c.kind == "table")
    assert table.cells == ["STT", "Nội dung", "Đơn vị chủ trì", "Thời hạn"]
    rows = table.children
    assert [r.kind for r in rows] == ["row"] * 3
    assert rows[0].cells == ["1", "Rà soát đối tượng tiêm chủng", "Trung tâm Kiểm soát bệnh tật", "Tháng 11/2024"]
    # an extra cell in the middle is merged into the column before the last one
    assert rows[1].cells == ["2", "Cấp phát vắc xin", "Trung tâm Kiểm soát bệnh tật; Bệnh viện Nhi đồng", "Tháng 12/2024"]
    assert rows[2].cells[-1] == "Quý 1/2025"
    assert CAN_THO_TB[rows[2].start : rows[2].end].endswith("Quý 1/2025")


def test_news_page_and_article_shapes():
    root = parse_structure(NEWS_PAGE)
    assert kinds(root) == ["header", "preamble", "section", "section", "paragraph"]
    assert root.children[0].children[0].kind == "title"
    assert [c.title for c in root.children if c.kind == "section"] == ["Sở Y tế", "Ủy ban nhân dân các huyện"]
    root = parse_structure(ARTICLE)
    assert kinds(root) == ["header", "section", "section"]
    assert root.children[1].title == ""  # a long numbered item is content, not a heading
    assert heading_path_at(root, ARTICLE.index("Nâng tỷ lệ"), ARTICLE) == ["2. Nâng tỷ lệ bao phủ bảo hiểm y…"]


def test_render_tree_lists_kinds_and_labels():
    root = parse_structure(CAN_THO_TB)
    out = render_tree(root, CAN_THO_TB)
    assert out.splitlines()[0].startswith("document")
    assert "part II. «NHIỆM VỤ THÁNG 11»" in out
    assert "row 2" in out


@pytest.fixture(scope="module")
def bundled():
    return {p.name[:3]: parse_document(p) for p in sorted(BUNDLED.glob("*.txt"))}


def test_bundled_002_plan(bundled):
    doc = bundled["002"]
    root, text = doc.root, doc.text
    parts = [c for c in root.children if c.kind == "part"]
    assert [p.title for p in parts] == ["MỤC ĐÍCH YÊU CẦU", "MỤC TIÊU", "NHIỆM VỤ, GIẢI PHÁP",
                                        "KINH PHÍ THỰC HIỆN", "TỔ CHỨC THỰC HIỆN"]
    offset = text.index("Chủ trì phối hợp với Sở Y tế để tham mưu hoàn thiện mạng lưới y tế trường học")
    assert heading_path_at(root, offset) == ["V. TỔ CHỨC THỰC HIỆN", "6. Sở Giáo dục và Đào tạo"]
    assert section_label_at(root, offset) == "V.6"
    table = next(n for n in iter_nodes(root) if n.kind == "table")
    assert table.cells == ["TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]
    assert len(table.children) == 18
    assert table.children[0].cells[2:] == ["Các sở, ngành; UBND cấp huyện", "Các cơ quan, đơn vị liên quan", "Quý 3/2024"]
    assert table.children[16].cells[3] == "Sở Giáo dục; Các cơ quan, đơn vị liên quan"
    assert all(len(r.cells) == 5 for r in table.children)
    assert any(n.kind == "signature" for n in root.children)


def test_bundled_000_001_003_004_shapes(bundled):
    r000 = bundled["000"].root
    assert [c.kind for c in r000.children][:2] == ["header", "preamble"]
    assert sum(c.kind == "section" for c in r000.children) == 8
    r001, t001 = bundled["001"].root, bundled["001"].text
    assert heading_path_at(r001, t001.index("Tiếp tục đặt sức khỏe"), t001)[0] == "1. Quán triệt đầy đủ, sâu sắc các quan điểm sau"
    assert section_label_at(r001, t001.index("Tiếp tục đặt sức khỏe")) == "1.(2)"
    assert [c.kind for c in r001.children][-2:] == ["recipients", "signature"]
    r003 = bundled["003"].root
    assert sum(c.kind == "section" for c in r003.children) == 11
    r004, t004 = bundled["004"].root, bundled["004"].text
    offset = t004.index("Khẩn trương tiếp tục triển khai cập nhật")
    assert section_label_at(r004, offset) == "3"
    assert heading_path_at(r004, offset) == ["3. Giao Phòng Nghiệp vụ chủ trì, phối hợp các đơn vị liên quan"]


# --------------------------------------------------------------------------- acts read as a clerk reads them
# A decision with an attached regulation, laid out the way legal-database pages print them: labels
# and their numbers or titles on separate lines, khoản under Điều, a table of figures.

ATTACHED_ACT = """QUYẾT ĐỊNH
Ban hành Quy định quản lý trạm y tế
Căn cứ Luật Tổ chức chính quyền địa phương;
Điều 1. Ban hành kèm
theo Quyết định này Quy định quản lý trạm y tế.
Điều 2.
Hiệu lực thi hành
1. Quyết định này có hiệu lực từ ngày 01/01/2026.
2. Bãi bỏ Quyết định số 12/2020/QĐ-UBND.
Điều 3. Giám đốc Sở Y tế chịu trách nhiệm thi hành Quyết định này./.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn An

QUY ĐỊNH
QUẢN LÝ TRẠM Y TẾ
(Ban hành kèm theo Quyết định số 10/2025/QĐ-UBND)

Chương
I

QUY ĐỊNH CHUNG

Điều
1. Phạm vi điều chỉnh
Quy định này áp dụng cho trạm y tế xã.
Mục 1.
TỔ CHỨC
Điều 2.
Trách nhiệm của Sở Y tế
1. Sở Y tế chủ trì thẩm định.
a) Cấp xã báo cáo hằng quý.
2. Bảng phân cấp:
Cấp
Chỉ số
2.8 < I <= 4.0
IV.
Rất nguy hiểm
"""


def test_khoan_nests_under_dieu_and_is_cited_as_acts_are():
    root = parse_structure(ATTACHED_ACT)
    _spans_ok(ATTACHED_ACT, root)
    at = ATTACHED_ACT.index("Bãi bỏ")
    assert heading_path_at(root, at, ATTACHED_ACT) == ["Điều 2. Hiệu lực thi hành", "2. Bãi bỏ Quyết định số 12/2020/QĐ-UBND."]
    assert section_label_at(root, at) == "khoản 2 Điều 2"


def test_wrapped_sentence_after_article_label_is_not_a_title():
    root = parse_structure(ATTACHED_ACT)
    first = next(n for n in iter_nodes(root) if n.label == "Điều 1.")
    assert first.title == ""


def test_attached_act_after_signature_keeps_its_structure():
    root = parse_structure(ATTACHED_ACT)
    attached = [c for c in root.children if c.kind == "appendix"]
    assert len(attached) == 1 and attached[0].title == "QUY ĐỊNH QUẢN LÝ TRẠM Y TẾ"
    at = ATTACHED_ACT.index("Cấp xã báo cáo")
    assert heading_path_at(root, at, ATTACHED_ACT) == [
        "QUY ĐỊNH QUẢN LÝ TRẠM Y TẾ", "Chương I QUY ĐỊNH CHUNG", "Mục 1. TỔ CHỨC", "Điều 2. Trách nhiệm của Sở Y tế",
        "1. Sở Y tế chủ trì thẩm định.", "a) Cấp xã báo cáo hằng quý."]
    assert section_label_at(root, at) == "điểm a khoản 1 Điều 2 của Quy định kèm theo"
    scope = ATTACHED_ACT.index("Quy định này áp dụng")
    assert heading_path_at(root, scope, ATTACHED_ACT)[-1] == "Điều 1. Phạm vi điều chỉnh"


def test_figures_in_a_table_are_not_labels():
    root = parse_structure(ATTACHED_ACT)
    labels = [n.label for n in iter_nodes(root) if n.label]
    assert "IV." not in labels and "2.8" not in labels
    assert section_label_at(root, ATTACHED_ACT.index("Rất nguy hiểm")) == "khoản 2 Điều 2 của Quy định kèm theo"


def test_plan_numbering_is_unchanged_by_article_rules():
    text = "KẾ HOẠCH\nPhòng bệnh\nI. MỤC TIÊU\n1. Sở Y tế\nChủ trì thực hiện.\n1.1. Tuyến tỉnh\nGiám sát.\n1.2. Tuyến xã\nBáo cáo."
    root = parse_structure(text)
    assert section_label_at(root, text.index("Báo cáo")) == "I.1.2"  # "1.2." under "1." is cited 1.2


APPENDICES = """KẾ HOẠCH
Tiêm chủng mở rộng
I. MỤC TIÊU
1. Tỷ lệ tiêm chủng
Đạt 95% theo biểu mẫu quy định tại
Phụ lục II ban hành kèm theo Kế hoạch này.
2. Giám sát
Sở Y tế chủ trì./.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trần Văn Bình
PHỤ LỤC I
NỘI DUNG CHI
I. Chi cho tuyến tỉnh
1. Tập huấn
a) Hỗ trợ học viên 100.000 đồng/người/ngày.
PHỤ LỤC II
BIỂU MẪU BÁO CÁO
STT
Nội dung
Số liệu
1
Số trẻ được tiêm
120
"""


def test_phu_luc_wrapped_into_a_sentence_does_not_open_an_appendix():
    root = parse_structure(APPENDICES)
    assert section_label_at(root, APPENDICES.index("Phụ lục II ban hành")) == "I.1"
    assert [c.title for c in root.children if c.kind == "appendix"] == ["PHỤ LỤC I NỘI DUNG CHI", "PHỤ LỤC II BIỂU MẪU BÁO CÁO"]


def test_numbered_text_in_an_appendix_is_read_like_the_body_and_cited_with_it():
    root = parse_structure(APPENDICES)
    at = APPENDICES.index("Hỗ trợ học viên")
    assert heading_path_at(root, at, APPENDICES)[1:] == ["I. Chi cho tuyến tỉnh", "1. Tập huấn", "a) Hỗ trợ học viên 100.000 đồng/người/ngày."]
    assert section_label_at(root, at) == "Phụ lục I, mục I.1.a"
    assert section_label_at(root, APPENDICES.index("Số trẻ được tiêm")) == "Phụ lục II"

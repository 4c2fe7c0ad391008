"""Document records (corpus/metadata.py): synthetic documents and the bundled corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import parse_document, parse_text
from corpus.metadata import doc_id_for, format_issuer
from test_structure import AN_GIANG_CV, ARTICLE, CAN_THO_TB, NEWS_PAGE, QUANG_NAM_QD

BUNDLED = Path(__file__).resolve().parent.parent / "corpus" / "documents"


def test_quyet_dinh_of_a_provincial_committee():
    doc = parse_text("qd_quang_nam.txt", QUANG_NAM_QD)
    r = doc.record
    assert r.doc_id == doc_id_for("qd_quang_nam.txt") and len(r.doc_id) == 12
    assert (r.type, r.number, r.date, r.place) == ("Quyết định", "1876/QĐ-UBND", "2023-08-15", "Quảng Nam")
    assert r.issuer == "UBND tỉnh Quảng Nam"
    assert r.title == "Về việc ban hành Quy chế phối hợp phòng, chống bệnh sốt xuất huyết trên địa bàn tỉnh"
    assert r.signer == "Trần Thị Mai Hương"
    assert r.signer_title == "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
    assert r.recipients == ["Như Điều 3", "Bộ Y tế (b/c)", "Lưu: VT, KGVX"]
    cites = [(c.act_type, c.number or c.name, c.date, c.relation) for c in r.cites]
    assert cites == [
        ("Luật", "Luật Tổ chức chính quyền địa phương", "2015-06-19", "can_cu"),
        ("Nghị định", "117/2020/NĐ-CP", "2020-09-28", "can_cu"),
        ("Tờ trình", "245/TTr-SYT", "2023-08-02", "nhac_den"),
        ("Quyết định", "902/QĐ-UBND", "2018-04-10", "thay_the"),
    ]
    assert r.cites[1].issuer == "Chính phủ"
    assert r.cites[3].heading.startswith("Điều 2.")
    for ref in r.cites:
        assert doc.text[ref.start : ref.end] == ref.sentence


def test_cong_van_of_a_health_department():
    r = parse_text("cv_an_giang.txt", AN_GIANG_CV).record
    assert (r.type, r.number, r.date, r.place) == ("Công văn", "1234/SYT-NVY", "2025-03-03", "An Giang")
    assert r.issuer == "Sở Y tế tỉnh An Giang"
    assert r.title == "tăng cường phòng, chống bệnh tay chân miệng"
    assert (r.signer, r.signer_title) == ("Phạm Văn Đức", "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC")
    assert r.recipients == ["Trung tâm Kiểm soát bệnh tật tỉnh", "Các bệnh viện trực thuộc",
                            "Như trên", "UBND tỉnh (b/c)", "Lưu: VT, NVY"]
    assert [(c.number, c.issuer, c.relation) for c in r.cites] == [
        ("512/BYT-DP", "Bộ Y tế", "thuc_hien"), ("1008/QĐ-BYT", "Bộ Y tế", "huong_dan")]
    assert r.cites[0].name == "tăng cường phòng, chống bệnh tay chân miệng"


def test_thong_bao_with_two_level_issuer_and_blank_day():
    r = parse_text("tb_can_tho.txt", CAN_THO_TB).record
    assert (r.type, r.number, r.date) == ("Thông báo", "88/TB-SYT", "2024-11")
    assert r.issuer == "Sở Y tế thành phố Cần Thơ"
    assert r.title == "KẾT LUẬN CỦA GIÁM ĐỐC SỞ Y TẾ TẠI CUỘC HỌP GIAO BAN THÁNG 10 NĂM 2024"
    assert (r.signer, r.signer_title) == ("Lê Minh Khoa", "GIÁM ĐỐC")
    assert [c.number for c in r.cites] == ["45/KH-UBND", "20-NQ/TW", "21-NQ/TW"]
    assert r.cites[0].relation == "can_cu"


def test_news_page_announcing_an_act_and_plain_article():
    r = parse_text("tin.txt", NEWS_PAGE).record
    assert (r.type, r.number, r.date) == ("Chỉ thị", "07/CT-UBND", "2023-06-12")
    assert r.issuer == "UBND tỉnh Bình Định"
    assert r.title == "Hướng dẫn phòng chống sốt xuất huyết mùa mưa trên địa bàn tỉnh Bình Định"
    assert "07/CT-UBND" not in [c.number for c in r.cites]  # its own number is not a citation
    r = parse_text("bai.txt", ARTICLE).record
    assert (r.type, r.number, r.date, r.issuer, r.signer) == ("Bài viết", None, None, None, None)
    assert r.title == "Sở Y tế Hà Tĩnh đặt 8 mục tiêu trọng tâm năm 2025"
    assert [c.number or c.name for c in r.cites] == ["20-NQ/TW", "Luật Bảo hiểm y tế"]


def test_letter_without_header_infers_issuer_from_body_and_signature():
    text = """V/v báo cáo công tác tiêm chủng.
Kính gửi: Các trung tâm y tế huyện.
Giám đốc Sở Y tế đề nghị các đơn vị báo cáo kết quả tiêm chủng của tỉnh Lạng Sơn trước ngày 10/5/2024.
Sở Y tế tổng hợp, báo cáo UBND tỉnh Lạng Sơn; các đơn vị gửi báo cáo về Sở Y tế qua thư điện tử.
Trường hợp vướng mắc, liên hệ Sở Y tế (phòng Nghiệp vụ) để được hướng dẫn; tỉnh Lạng Sơn sẽ tổng kết./.
Nơi nhận:
- Như trên;
- Lưu: VT.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Hoàng Văn Tâm
"""
    r = parse_text("cv.txt", text).record
    assert r.type == "Công văn"
    assert r.issuer == "Sở Y tế tỉnh Lạng Sơn"
    assert r.recipients[0] == "Các trung tâm y tế huyện"
    assert r.signer == "Hoàng Văn Tâm"


@pytest.mark.parametrize(
    "lines, issuer",
    [
        (["ỦY BAN NHÂN DÂN", "TỈNH NGHỆ AN"], "UBND tỉnh Nghệ An"),
        (["ỦY BAN NHÂN DÂN", "QUẬN KIẾN AN"], "UBND quận Kiến An"),
        (["UBND TỈNH AN GIANG", "SỞ Y TẾ"], "Sở Y tế tỉnh An Giang"),
        (["SỞ Y TẾ TỈNH ĐỒNG NAI"], "Sở Y tế tỉnh Đồng Nai"),
        (["BỘ Y TẾ"], "Bộ Y tế"),
        (["UBND HUYỆN CÙ LAO DUNG", "PHÒNG Y TẾ"], "Phòng Y tế huyện Cù Lao Dung"),
        (["HỘI ĐỒNG NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"], "HĐND thành phố Hà Nội"),
    ],
)
def test_format_issuer(lines, issuer):
    assert format_issuer(lines) == issuer


@pytest.fixture(scope="module")
def records():
    return {p.name[:3]: parse_document(p).record for p in sorted(BUNDLED.glob("*.txt"))}


def _cited(record) -> set[str]:
    return {c.number_key for c in record.cites if c.number_key}


def test_bundled_records(records):
    r = records["000"]
    assert (r.number, r.type, r.date) == ("10/CT-UBND", "Chỉ thị", "2022-10-20")
    assert "Thừa Thiên Huế" in r.issuer
    r = records["001"]
    assert (r.number, r.type, r.date, r.issuer, r.signer) == (None, "Công văn", "2022-12", "UBND quận Kiến An", "Nguyễn Trường Sơn")
    assert r.place == "Hải Phòng"
    r = records["002"]
    assert (r.number, r.type, r.date, r.signer) == ("542/KH-UBND", "Kế hoạch", "2024-07-09", "Bùi Đình Long")
    assert "Nghệ An" in r.issuer and "PHÓ CHỦ TỊCH" in r.signer_title
    assert r.title.startswith("TRIỂN KHAI THỰC HIỆN QUYẾT ĐỊNH SỐ 281/QĐ-TTG")
    r = records["003"]
    assert r.type == "Bài viết"
    assert r.title == "Ngành Y tế Yên Bái tập trung triển khai 11 nhiệm vụ trọng tâm năm 2024"
    r = records["004"]
    assert (r.type, r.signer) == ("Công văn", "Lê Quang Trung")
    assert "KT. GIÁM ĐỐC" in r.signer_title
    assert "Sở Y tế" in r.issuer and "Đồng Nai" in r.issuer


def test_bundled_citations(records):
    assert "16/CT-TTG" in _cited(records["000"]) and "16/CT-TTG" in _cited(records["001"])
    assert "20-NQ/TW" in _cited(records["000"]) and "20-NQ/TW" in _cited(records["001"])
    assert "25-CT/TW" in _cited(records["002"]) and "25-CT/TW" in _cited(records["003"])
    assert "542/KH-UBND" not in _cited(records["002"])
    assert "10/CT-UBND" not in _cited(records["000"])
    assert "272/TB-UBND" in _cited(records["004"])
    for record in records.values():
        keys = [(c.number_key or c.name, c.sentence) for c in record.cites]
        assert len(keys) == len(set(keys))

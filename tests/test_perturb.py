"""Layout perturbations of eval.perturb, each pinned on a small header written in the documents' style,
and the parser readings they led to (corpus.cleaning / corpus.header)."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from corpus import describe_text
from corpus.cleaning import normalize_characters
from corpus.header import format_organs, organ_lines, read_header
from eval import perturb
from eval.perturb import PERTURBATIONS, evaluate_perturbations, header_facts

# A legal-database page in the style of the documents (written for this test, not copied).
PAGE = """|
**ỦY BAN NHÂN
DÂN **
TỈNH HÀ GIANG
--------
|
**CỘNG HÒA XÃ
HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
|
|
Số:
15/2025/QĐ-UBND
|
*Hà Giang, ngày
03 tháng 12 năm 2025*
|

**QUYẾT ĐỊNH**

BAN HÀNH QUY CHẾ PHỐI HỢP QUẢN LÝ CHẤT THẢI Y TẾ
TRÊN ĐỊA BÀN TỈNH HÀ GIANG

*Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;*

**QUYẾT ĐỊNH:**

**Điều 1.** Ban hành kèm theo Quyết định này Quy chế phối hợp.

**Điều 2.** Quyết định này có hiệu lực kể từ ngày ký.

|
**TM. ỦY BAN NHÂN DÂN**
**KT. CHỦ TỊCH**
PHÓ CHỦ TỊCH
**Lê Văn Bình**
|
"""

GAZETTE = """CÔNG BÁO/Số 101 + 102/Ngày 12-3-2026 
5
BỘ Y TẾ 
 
Số: 07/2026/TT-BYT 
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM 
Độc lập - Tự do - Hạnh phúc 
Hà Nội, ngày 02 tháng 3 năm 2026 
 
THÔNG TƯ 
Hướng dẫn khám sức khỏe định kỳ cho người lao động 
 
Căn cứ Luật Khám bệnh, chữa bệnh số 15/2023/QH15; 
Điều 1. Phạm vi điều chỉnh 
Thông tư này hướng dẫn khám sức khỏe định kỳ. 
"""

EXPECTED = {"number": "15/2025/QĐ-UBND", "type": "Quyết định", "date": "2025-12-03",
            "issuer": "UBND tỉnh Hà Giang", "signer": "Lê Văn Bình"}


def _facts(text: str) -> dict:
    return header_facts("page.txt", text)


def _kept(text: str, expected: dict) -> None:
    got = _facts(text)
    for field, value in expected.items():
        assert got[field] == value, (field, got[field])


def test_page_reads_unperturbed():
    _kept(PAGE, EXPECTED)


# ------------------------------------------------------------------ each perturbation, on the page


def test_crlf_both_ways():
    assert "\r\n" in perturb.crlf(PAGE)
    assert perturb.crlf(perturb.crlf(PAGE)) == PAGE


def test_nfd_decomposes():
    assert perturb.nfd(PAGE) != PAGE and unicodedata.normalize("NFC", perturb.nfd(PAGE)) == PAGE


def test_wrong_d_prints_eth():
    assert "QÐ-UBND" in perturb.wrong_d(PAGE) and "Đ" not in perturb.wrong_d(PAGE)


def test_plain_cells_drops_bars_in_header_only():
    out = perturb.plain_cells(PAGE)
    assert "\n|\n" not in out.split("Điều 1")[0]


def test_swap_cells_puts_quoc_hieu_first():
    out = perturb.swap_cells(PAGE)
    assert out.index("CỘNG HÒA") < out.index("ỦY BAN NHÂN")


def test_number_lines_joins_and_splits():
    joined = perturb.number_lines(PAGE)
    assert "Số: 15/2025/QĐ-UBND" in joined
    assert "Số:\n15/2025/QĐ-UBND" in perturb.number_lines(joined)


def test_date_lines_joins_and_splits():
    joined = perturb.date_lines(PAGE)
    assert "*Hà Giang, ngày 03 tháng 12 năm 2025*" in joined
    assert "Hà Giang, ngày\n03 tháng 12 năm 2025*" in perturb.date_lines(joined)


def test_date_glued_touches_the_date_line_only():
    out = perturb.date_glued(PAGE.replace("Y TẾ\n", "Y TẾ NĂM 2025\n"))
    assert "03 tháng12 năm2025" in out and "NĂM 2025" in out


def test_bold_split_inside_words():
    assert "**QUYẾT ĐỊN****H**" in perturb.bold_split(PAGE)


def test_number_spaced():
    assert "15/2025/QĐ- UBND" in perturb.number_spaced(PAGE)


def test_motto_dashes():
    assert "Độc lập – Tự do – Hạnh phúc" in perturb.motto_dashes(PAGE)


def test_blank_lines_and_spaces():
    assert "Số:\n\n15/2025" in perturb.blank_lines(PAGE)
    assert "TỈNH HÀ GIANG \n" in perturb.trailing_spaces(PAGE)
    assert "\u00a0" in perturb.nbsp(PAGE)


def test_signed_mark_above_the_name():
    assert "PHÓ CHỦ TỊCH\n(Đã ký)\n**Lê Văn Bình**" in perturb.signed_mark(PAGE)


def test_cells_one_line_and_rewrap():
    assert "**ỦY BAN NHÂN DÂN ** TỈNH HÀ GIANG" in perturb.cells_one_line(PAGE)
    assert "**ỦY BAN NHÂN\nDÂN ** TỈNH\nHÀ GIANG" in perturb.rewrap_cells(PAGE)


def test_rewrap_title_five_words():
    assert "BAN HÀNH QUY CHẾ PHỐI\nHỢP QUẢN LÝ CHẤT THẢI\nY TẾ TRÊN ĐỊA BÀN" in perturb.rewrap_title(PAGE)


def test_forms_placed_after_before_and_between():
    assert perturb.appendix_form(PAGE).rstrip().endswith("tại ……")
    middle = perturb.form_mid(PAGE)
    assert middle.index("**QUYẾT ĐỊNH:**") < middle.index("MẪU BIÊN BẢN") < middle.index("TM. ỦY BAN")
    before = perturb.form_before(GAZETTE)
    assert before.index("TÊN CƠ QUAN") < before.index("BỘ Y TẾ")
    assert perturb.form_before(PAGE) == PAGE  # only gazette texts


def test_gazette_header_moved_after_number():
    out = perturb.gazette_header_moved(GAZETTE)
    assert "Số: 07/2026/TT-BYT \n3 \nCÔNG BÁO/Số 101 + 102/Ngày 12-3-2026" in out


def test_site_chrome_perturbations_leave_a_bare_page_alone():
    for name in ("no_portal_table", "no_site_preamble", "no_summary", "no_trailer"):
        assert PERTURBATIONS[name](PAGE) == PAGE, name


@pytest.mark.parametrize("name", sorted(PERTURBATIONS))
def test_every_perturbation_keeps_the_page_facts(name):
    _kept(PERTURBATIONS[name](PAGE), EXPECTED)


@pytest.mark.parametrize("name", sorted(PERTURBATIONS))
def test_every_perturbation_keeps_the_gazette_facts(name):
    expected = {"number": "07/2026/TT-BYT", "type": "Thông tư", "date": "2026-03-02", "issuer": "Bộ Y tế"}
    _kept(PERTURBATIONS[name](GAZETTE), expected)


# ------------------------------------------------------------------ the parser readings


def test_lookalike_eth_read_as_d():
    """Without the fold, "QÐ" (U+00D0) is no act-number letter and the number is lost."""
    assert normalize_characters("Số: 3/QÐ-UBND, ðồng") == "Số: 3/QĐ-UBND, đồng"
    record, _, _ = describe_text("x.txt", PAGE.replace("Đ", "\u00d0"))
    assert record.number == "15/2025/QĐ-UBND"


def test_parent_and_body_on_one_line_are_two_organs():
    assert organ_lines(["BỘ TÀI CHÍNH CỤC HẢI QUAN"]) == ["BỘ TÀI CHÍNH", "CỤC HẢI QUAN"]
    assert format_organs(organ_lines(["BỘ TÀI CHÍNH CỤC HẢI QUAN"])) == "Cục Hải quan (Bộ Tài chính)"
    assert format_organs(organ_lines(["UBND TỈNH AN GIANG SỞ Y TẾ"])) == "Sở Y tế tỉnh An Giang"


@pytest.mark.parametrize("line", ["VĂN PHÒNG CHÍNH PHỦ", "THỦ TƯỚNG CHÍNH PHỦ", "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG",
                                  "BỘ CÔNG AN", "ỦY BAN THƯỜNG VỤ QUỐC HỘI"])
def test_one_organ_is_not_split(line):
    """Split only after a whole parent: "VĂN PHÒNG", "UBND THÀNH PHỐ HẢI" are names still open."""
    assert organ_lines([line]) == [line]


TITLE_PAGE = """CHÍNH PHỦ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 21/2026/NĐ-CP
Hà Nội, ngày 05 tháng 2 năm 2026
NGHỊ ĐỊNH
QUY ĐỊNH CHI TIẾT THI HÀNH
NGHỊ QUYẾT SỐ 98/2025/QH15 VỀ QUỸ HỖ TRỢ
NGƯỜI BỆNH
Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;
"""


def test_upper_case_title_wrapped_before_a_cited_act_goes_on():
    facts = read_header(TITLE_PAGE)
    assert facts.title == "QUY ĐỊNH CHI TIẾT THI HÀNH NGHỊ QUYẾT SỐ 98/2025/QH15 VỀ QUỸ HỖ TRỢ NGƯỜI BỆNH"


def test_sentence_case_title_still_stops_at_a_cited_act():
    text = TITLE_PAGE.replace("QUY ĐỊNH CHI TIẾT THI HÀNH\nNGHỊ QUYẾT SỐ 98/2025/QH15 VỀ QUỸ HỖ TRỢ\nNGƯỜI BỆNH",
                              "Quy định chi tiết về quỹ hỗ trợ người bệnh\nNghị quyết số 98/2025/QH15 của Quốc hội")
    assert read_header(text).title == "Quy định chi tiết về quỹ hỗ trợ người bệnh"


def test_blank_form_before_the_header_is_skipped():
    text = perturb.form_before(GAZETTE)
    facts = read_header(text)
    assert (facts.number, facts.type, facts.issuer) == ("07/2026/TT-BYT", "Thông tư", "Bộ Y tế")


def test_blank_form_alone_keeps_its_reading():
    """With no later header the form's own block is all there is (nothing better to read)."""
    form = perturb.APPENDIX_FORM.strip("\n").split("\n")[3:]
    facts = read_header("\n".join(form))
    assert facts is not None and facts.type == "Biên bản"


# ------------------------------------------------------------------ the evaluation over files


def test_evaluate_perturbations_on_a_folder(tmp_path: Path):
    (tmp_path / "a.txt").write_text(PAGE, encoding="utf-8")
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps({"file": "a.txt", **EXPECTED}, ensure_ascii=False) + "\n", encoding="utf-8")
    result = evaluate_perturbations(tmp_path, [labels], ["number_lines", "no_trailer"])
    assert result["unperturbed"]["number"] == [1, 1]
    assert result["perturbations"]["number_lines"]["fields"]["number"] == [1, 1]
    assert result["perturbations"]["no_trailer"]["documents"] == 0  # unchanged: not counted
    assert "number_lines | 1 | 1/1" in perturb.format_perturb_report(result)


def test_known_name_wrapped_inside_a_compound_stays_one_organ():
    """ "MÔI" / "TRƯỜNG": "TRƯỜNG" opens a school's name, but here it ends "môi trường" of a known ministry."""
    assert organ_lines(["BỘ NÔNG NGHIỆP", "VÀ MÔI", "TRƯỜNG"]) == ["BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"]
    assert format_organs(organ_lines(["BỘ NÔNG NGHIỆP", "VÀ MÔI", "TRƯỜNG"])) == "Bộ Nông nghiệp và Môi trường"
    assert organ_lines(["BỘ GIÁO DỤC VÀ ĐÀO TẠO", "TRƯỜNG ĐẠI HỌC Y HÀ NỘI"]) == [
        "BỘ GIÁO DỤC VÀ ĐÀO TẠO", "TRƯỜNG ĐẠI HỌC Y HÀ NỘI"]


def test_number_without_its_colon_is_read():
    """ "Số 87/2025/QĐ-UBND" at a line's start: the colon lost, the number still the act's."""
    text = TITLE_PAGE.replace("Số: 21/2026/NĐ-CP", "Số 21/2026/NĐ-CP")
    facts = read_header(text)
    assert (facts.number, facts.issuer) == ("21/2026/NĐ-CP", "Chính phủ")


def test_number_mid_line_without_colon_is_not_the_number():
    """ "… Nghị quyết số 98/2025/QH15" inside a subject line is a cited act, not the act's number."""
    text = TITLE_PAGE.replace("Số: 21/2026/NĐ-CP\n", "V/v thực hiện Nghị quyết số 98/2025/QH15\n")
    assert read_header(text).number is None


def test_number_no_colon_and_type_split_and_issuer_doubled():
    assert "\nSố\n15/2025/QĐ-UBND" in perturb.number_no_colon(PAGE)
    assert "Số 07/2026/TT-BYT" in perturb.number_no_colon(GAZETTE)
    assert "\nQUYẾT\nĐỊNH\n" in perturb.type_split(PAGE)
    assert "DÂN **\nTỈNH HÀ GIANG\n**ỦY BAN NHÂN\nDÂN **\nTỈNH HÀ GIANG\n--------" in perturb.issuer_doubled(PAGE)


def test_stamp_moved_above_the_issuer():
    stamped = GAZETTE.replace("Điều 1.", "Người ký: CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ\nEmail: a@b.vn\n"
                                        "Cơ quan: VĂN PHÒNG CHÍNH PHỦ\nThời gian ký: 12.03.2026 09:00:00 +07:00\nĐiều 1.")
    moved = perturb.stamp_moved(stamped)
    assert moved.index("Người ký:") < moved.index("BỘ Y TẾ") and moved.count("Người ký:") == 1
    _kept(moved, {"number": "07/2026/TT-BYT", "issuer": "Bộ Y tế", "type": "Thông tư"})


# ------------------------------------------------------------------ the closing part (signature, recipients, date line)

CLOSING = """|
*Nơi nhận:*
- Như Điều 3;
- Lưu: VT.
|
**TM. ỦY BAN NHÂN DÂN**
**KT. CHỦ TỊCH**
PHÓ CHỦ TỊCH
**Lê Văn Bình**
|
"""
PAGE_WITH_RECIPIENTS = PAGE.split("|\n**TM.")[0] + CLOSING


def test_sign_lines_joined_and_split():
    joined = perturb.sign_lines_joined(PAGE)
    assert "**TM. ỦY BAN NHÂN DÂN** **KT. CHỦ TỊCH** PHÓ CHỦ TỊCH\n**Lê Văn Bình**" in joined
    split = perturb.sign_lines_split(PAGE)
    assert "TM. ỦY BAN\nNHÂN DÂN\n" in split
    _kept(joined, EXPECTED)
    _kept(split, EXPECTED)


def test_signer_bold_split_and_marks():
    assert "**Lê Văn Bì****nh**" in perturb.signer_bold_split(PAGE)
    assert "PHÓ CHỦ TỊCH\n[daky]\n**Lê Văn Bình**" in perturb.signed_daky(PAGE)
    lower = perturb.signed_mark_lower(perturb.signed_daky(PAGE))
    assert "(đã ký)" in lower and "[daky]" not in lower
    assert "[daky]" not in perturb.signed_mark_removed(perturb.signed_daky(PAGE))


def test_recipients_moved_both_ways():
    moved = perturb.recipients_moved(PAGE_WITH_RECIPIENTS)
    assert moved.index("Nơi nhận") > moved.index("Lê Văn Bình")
    back = perturb.recipients_moved(moved)
    assert back.index("Nơi nhận") < back.index("TM. ỦY BAN")
    _kept(moved, EXPECTED)


def test_date_spaced_and_numeric_touch_the_place_date_line():
    one_line = perturb.date_lines(PAGE)  # "Hà Giang, ngày 03 tháng 12 năm 2025" on one line
    assert "ngày  03 tháng  12 năm  2025" in perturb.date_spaced(one_line)
    numeric = perturb.date_numeric(one_line)
    assert "Hà Giang, ngày 03/12/2025" in numeric
    _kept(numeric, EXPECTED)


def test_no_quoc_hieu_drops_the_wrapped_lines_and_the_colon():
    bare = perturb.no_quoc_hieu(PAGE)
    assert "CỘNG" not in bare and "NGHĨA" not in bare and "Độc lập" not in bare
    no_colon = perturb.no_quoc_hieu_no_colon(perturb.number_lines(PAGE))
    assert "Số 15/2025/QĐ-UBND" in no_colon
    _kept(no_colon, EXPECTED)

"""An appendix printed as a bare "PHỤ LỤC I" line above its own title ("DANH MỤC …") is cited by that label."""

from __future__ import annotations

from corpus import parse_text
from corpus.structure import section_label_at

DECISION = """ỦY BAN NHÂN DÂN
TỈNH AN GIANG
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: 12/QĐ-UBND
An Giang, ngày 05 tháng 3 năm 2026

QUYẾT ĐỊNH
Về việc công bố danh mục thủ tục hành chính

Điều 1. Công bố kèm theo Quyết định này danh mục thủ tục hành chính.

Điều 2. Quyết định này có hiệu lực kể từ ngày ký.

CHỦ TỊCH
Nguyễn Văn A

{label}
DANH MỤC THỦ TỤC HÀNH CHÍNH LĨNH VỰC Y TẾ
(Kèm theo Quyết định số 12/QĐ-UBND ngày 05/3/2026 của Chủ tịch UBND tỉnh An Giang)

I. Thủ tục hành chính cấp tỉnh

1. Cấp giấy phép hoạt động đối với phòng khám đa khoa thuộc thẩm quyền của Sở Y tế.

2. Cấp lại giấy phép hoạt động khi bị mất hoặc hư hỏng.
"""


def _section_of(document, words: str) -> str:
    """How a citation names the part printing ``words`` (what every chunk and quote of it carries)."""
    start = document.text.index(words)
    return section_label_at(document.root, start, start + len(words))


def test_a_list_under_a_numbered_appendix_label_is_cited_as_that_appendix():
    document = parse_text("an_giang.txt", DECISION.format(label="PHỤ LỤC I"))
    assert _section_of(document, "Cấp lại giấy phép hoạt động") == "Phụ lục I, mục I.2"
    assert _section_of(document, "DANH MỤC THỦ TỤC") == "Phụ lục I"  # the title itself: the appendix


def test_an_unnumbered_appendix_label_names_the_appendix():
    document = parse_text("an_giang.txt", DECISION.format(label="PHỤ LỤC"))
    assert _section_of(document, "Cấp lại giấy phép hoạt động") == "Phụ lục, mục I.2"


def test_a_list_attached_without_an_appendix_label_is_cited_as_attached():
    document = parse_text("an_giang.txt", DECISION.format(label=""))
    assert _section_of(document, "Cấp lại giấy phép hoạt động") == "I.2 của Danh mục kèm theo"

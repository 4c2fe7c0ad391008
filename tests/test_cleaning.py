"""corpus.cleaning.clean_text: body survives, chrome goes, rules generalize.

The body of each bundled document is delimited here by anchors chosen by reading the
raw files (data of the test, not rules of the cleaner): a range runs from the first
raw line starting with `start` up to, not including, the first later line starting
with `stop` (None: end of file).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from underthesea import sent_tokenize

from corpus.cleaning import clean_text
from corpus.vietnamese import nfc

DOCUMENTS = Path(__file__).resolve().parents[1] / "corpus" / "documents"

BODY_RANGES: dict[str, list[tuple[str, str | None]]] = {
    "000_602e66b54e6a9642.txt": [
        ("Chỉ thị về nâng cao công tác chăm sóc", "Ngày cập nhật"),
        ("Ngày 20/10/2022, Ủy ban nhân dân", "Tập tin đính kèm"),
    ],
    "001_3e41fc0714a64f87.txt": [("ỦY BAN NHÂN DÂN", None)],
    # The portal's metadata table (Số hiệu, Loại văn bản…) is site matter, kept apart (extract_portal_table).
    "002_de43d9b20077fde2.txt": [("ỦY BAN NHÂN DÂN", "Văn bản này chưa cập nhật nội dung Tiếng Anh")],
    "003_8ae1782fa38d7235.txt": [("Ngành Y tế Yên Bái", "Share")],
    "004_768688dd1bbbcb02.txt": [("V/v triển khai thực hiện", None)],
}

# Chrome seen in the bundled pages: no cleaned line may equal one of these …
BOILERPLATE_LINES = [
    "Tìm kiếm", "Thăm dò ý kiến", "Bạn đánh giá website này như thế nào?", "Chung nhan Tin Nhiem Mang",
    "Ảnh minh họa", "Tập tin đính kèm:", "Nguyễn Đào", "Tin mới", "Xem tin theo ngày", "Liên kết website",
    "Thống kê truy cập", "Đăng nhập", "Đang tải văn bản...", "36", "0", "+1", "Share", "Tweet",
    "Hotline tư vấn", "0827.335.345", "bình luận trong bài", "Hãy để chúng tôi hỗ trợ bạn!",
]
# … and no cleaned text may contain one of these.
BOILERPLATE_FRAGMENTS = [
    "TĂNG CƯỜNG KHỐI ĐẠI ĐOÀN KẾT", "Ngày cập nhật", "HuếGia đình", "Tổng truy cập", "Lượt truy cập",
    "41.782.238", "Từ khoá:", "Bạn Chưa Đăng Nhập", "Vì chưa Đăng Nhập", "Đăng ký Thành viên",
    "Văn bản này chưa cập nhật", "do tỉnh Nghệ An ban hành", "DMCA", "IP: 18.119", "Để lại bình luận",
    "Hãy là người đầu tiên", "**",
]


def squash(text: str) -> str:
    """Whitespace-insensitive form; markdown asterisks are not text."""
    return " ".join(nfc(text).replace("*", "").replace("\u00a0", " ").split())


def body_lines(raw: str, ranges: list[tuple[str, str | None]]) -> list[str]:
    lines = raw.split("\n")
    keys = [squash(line) for line in lines]
    out: list[str] = []
    for start, stop in ranges:
        first = next(i for i, k in enumerate(keys) if k.startswith(start))
        last = len(lines) if stop is None else next(i for i in range(first + 1, len(keys)) if keys[i].startswith(stop))
        out.extend(k for k in keys[first:last] if k)
    return out


@pytest.fixture(scope="module")
def cleaned() -> dict[str, tuple[str, str]]:
    return {p.name: (p.read_text(encoding="utf-8"), clean_text(p.read_text(encoding="utf-8"))) for p in sorted(DOCUMENTS.glob("*.txt"))}


def test_every_bundled_document_has_anchors(cleaned) -> None:
    assert set(cleaned) == set(BODY_RANGES)


@pytest.mark.parametrize("name", sorted(BODY_RANGES))
def test_every_body_sentence_survives(cleaned, name: str) -> None:
    raw, text = cleaned[name]
    flat = squash(text)
    lines = body_lines(raw, BODY_RANGES[name])
    assert len(lines) > 10
    sentences = [squash(s) for line in lines for s in sent_tokenize(line)]
    missing = [s for s in sentences if s and s not in flat]
    assert not missing, missing[:5]


@pytest.mark.parametrize("name", sorted(BODY_RANGES))
def test_every_body_line_survives_as_a_line(cleaned, name: str) -> None:
    """Stronger than sentences: table cells ("1", "Sở Y tế") stay, as often as written."""
    raw, text = cleaned[name]
    expected = Counter(body_lines(raw, BODY_RANGES[name]))
    got = Counter(squash(line) for line in text.split("\n") if line.strip())
    assert not expected - got, list((expected - got).items())[:5]


@pytest.mark.parametrize("name", sorted(BODY_RANGES))
def test_known_boilerplate_is_gone(cleaned, name: str) -> None:
    _, text = cleaned[name]
    lines = {line.strip() for line in text.split("\n")}
    assert not lines & set(BOILERPLATE_LINES)
    present = [f for f in BOILERPLATE_FRAGMENTS if f in text]
    assert not present


@pytest.mark.parametrize("name", sorted(BODY_RANGES))
def test_nothing_but_body_remains(cleaned, name: str) -> None:
    """The cleaned text is exactly the body lines, in order (nothing extra kept)."""
    raw, text = cleaned[name]
    got = [squash(line) for line in text.split("\n") if line.strip()]
    assert got == body_lines(raw, BODY_RANGES[name])


def test_appendix_table_and_signature_of_002_stay(cleaned) -> None:
    _, text = cleaned["002_de43d9b20077fde2.txt"]
    lines = [line for line in text.split("\n") if line.strip()]
    assert lines.index("PHỤ LỤC") > lines.index("Bùi Đình Long")
    for n in range(1, 19):
        assert str(n) in lines
    assert lines[-3:] == ["Sở Y tế; Sở Thông tin - Truyền thông", "Các cơ quan, đơn vị liên quan", "Nhiệm vụ thường xuyên"]
    assert lines[:2] == ["ỦY BAN NHÂN DÂN", "TỈNH NGHỆ AN"]  # the document starts at its header
    assert "Số hiệu: 542/KH-UBND" not in text  # the portal's box is not the document …


def test_portal_table_of_002_is_kept_apart() -> None:
    """… but stays available to metadata extraction as a cross-check."""
    from corpus.cleaning import extract_portal_table

    raw = (DOCUMENTS / "002_de43d9b20077fde2.txt").read_text(encoding="utf-8")
    table = extract_portal_table(raw)
    assert table["Số hiệu"] == "542/KH-UBND"
    assert table["Loại văn bản"] == "Kế hoạch"
    assert table["Nơi ban hành"] == "Tỉnh Nghệ An"
    assert table["Người ký"] == "Bùi Đình Long"
    assert table["Ngày ban hành"] == "09/07/2024"
    assert extract_portal_table((DOCUMENTS / "001_3e41fc0714a64f87.txt").read_text(encoding="utf-8")) == {}


@pytest.mark.parametrize("name", sorted(BODY_RANGES))
def test_idempotent_and_nfc(cleaned, name: str) -> None:
    _, text = cleaned[name]
    assert clean_text(text) == text
    assert text == nfc(text)
    assert "\n\n\n" not in text and "\r" not in text and "\u00a0" not in text


# --------------------------------------------------------------------------- generalization

SYNTHETIC_BODY = """SỞ Y TẾ TỈNH QUẢNG TRỊ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 415/SYT-NVY
V/v tăng cường phòng, chống dịch sốt xuất huyết
Quảng Trị, ngày 12 tháng 3 năm 2023
Kính gửi:
- Trung tâm Kiểm soát bệnh tật tỉnh;
- Trung tâm Y tế các huyện, thị xã, thành phố.
Thực hiện Công văn số 1021/BYT-DP ngày 02/3/2023 của Bộ Y tế, Sở Y tế đề nghị các đơn vị thực hiện các nội dung sau:
1. Tăng cường giám sát, phát hiện sớm ca bệnh; người dân đăng nhập ứng dụng VNeID hoặc eHealth để khai báo y tế khi có triệu chứng.
2. Tổ chức chiến dịch diệt lăng quăng, bọ gậy tại các xã có ổ dịch; báo cáo kết quả trước ngày 30/3/2023.
3. Chia sẻ thông tin, tuyên truyền cho người dân về các biện pháp phòng bệnh.
Nơi nhận:
- Như trên;
- Lưu: VT, NVY.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Trần Văn Bình
PHỤ LỤC
DANH SÁCH XÃ CÓ Ổ DỊCH
TT
Tên xã
Số ca
1
Xã Gio Linh
12
2
Xã Cam Lộ
7"""

SYNTHETIC_PAGE = (
    """Trang chủ
Giới thiệu
Tìm kiếm nâng cao
"SỞ Y TẾ QUẢNG TRỊ - VÌ SỨC KHỎE NHÂN DÂN"
Đăng ký | Đăng nhập
Trang chủTin tức sự kiệnVăn bản chỉ đạoLịch công tácHỏi đáp trực tuyến
Trang chủ > Văn bản > Công văn
Cập nhật lúc: 08:15 12/03/2023
Lượt xem: 1.024
Hình ảnh minh họa
"""
    + SYNTHETIC_BODY
    + """
Quý khách chưa đăng nhập thành viên!
Đăng ký tài khoản để xem đầy đủ nội dung văn bản gốc.
Quý khách chưa đăng nhập thành viên!
Đăng ký tài khoản để xem đầy đủ nội dung văn bản gốc.
Quý khách chưa đăng nhập thành viên!
Đăng ký tài khoản để xem đầy đủ nội dung văn bản gốc.
Chia sẻ
12
In trang
Gửi email
Facebook
5
Ý kiến bạn đọc
Chưa có bình luận nào
Liên kết website
Bộ Y tế
Cục Quản lý Dược
Báo Sức khỏe và Đời sống
Cổng dịch vụ công quốc gia
Thống kê truy cập
Đang online: 57
Hôm nay: 2.311
Tổng lượt truy cập: 9.876.543
Bản quyền thuộc Sở Y tế tỉnh Quảng Trị
"""
)


def test_synthetic_page_with_other_chrome() -> None:
    text = clean_text(SYNTHETIC_PAGE)
    assert [line for line in text.split("\n") if line] == SYNTHETIC_BODY.split("\n")
    for chrome in ("Quý khách", "Đăng ký", "9.876.543", "VÌ SỨC KHỎE", "Trang chủ", "Lượt xem", "Bộ Y tế\n"):
        assert chrome not in text


def test_sentences_mentioning_chrome_words_survive() -> None:
    body = (
        "Người dân cần đăng nhập thành viên trên Cổng dịch vụ công để nộp hồ sơ.\n"
        "Bạn đọc có thể chia sẻ ý kiến về dự thảo tại Sở Y tế.\n"
        "Tổng truy cập hệ thống hồ sơ sức khỏe điện tử năm 2023 đạt 2 triệu lượt, tăng 20% so với năm 2022.\n"
    )
    assert clean_text(body) == body


def test_repeated_table_cells_are_not_boilerplate() -> None:
    rows = "\n".join(f"{n}\nNhiệm vụ số {n}\nSở Y tế\nCác cơ quan, đơn vị liên quan\nNhiệm vụ thường xuyên" for n in range(1, 7))
    raw = "TT\nNội dung\nChủ trì\nPhối hợp\nThời hạn\n" + rows + "\nShare\n0\nTweet\n0"
    text = clean_text(raw)
    assert text == "TT\nNội dung\nChủ trì\nPhối hợp\nThời hạn\n" + rows + "\n"


# --------------------------------------------------------------------------- characters


def test_markdown_emphasis_removed_words_kept() -> None:
    raw = "**ỦY BAN NHÂN DÂN\nQUẬN KIẾN AN**\n__Số:__ 12/UBND\nthực hiện 2K (*khẩu trang, khử khuẩn*) + *vắc xin*\nGhi chú (*): số ____ để trống"
    assert clean_text(raw) == (
        "ỦY BAN NHÂN DÂN\nQUẬN KIẾN AN\nSố: 12/UBND\nthực hiện 2K (khẩu trang, khử khuẩn) + vắc xin\n"
        "Ghi chú (*): số ____ để trống\n"
    )


def test_nbsp_line_endings_and_blank_lines() -> None:
    raw = "Sở\u00a0Y\u00a0tế\r\n\u00a0\r\n\r\n\r\n\r\nKính gửi:  Các  đơn vị\u200b\rHết   \n\n"
    assert clean_text(raw) == "Sở Y tế\n\nKính gửi: Các đơn vị\nHết\n"


def test_nfc_output_from_nfd_input() -> None:
    import unicodedata

    raw = unicodedata.normalize("NFD", "Sức khoẻ nhân dân là trên hết.")
    assert clean_text(raw) == "Sức khoẻ nhân dân là trên hết.\n"


def test_idempotent_on_synthetic_and_empty() -> None:
    for raw in (SYNTHETIC_PAGE, "", "\n\n", "Share\n0"):
        once = clean_text(raw)
        assert clean_text(once) == once
    assert clean_text("") == ""


def test_deterministic(cleaned) -> None:
    for raw, text in cleaned.values():
        assert clean_text(raw) == text


SECOND_BODY = """BỘ Y TẾ
CỤC QUẢN LÝ KHÁM, CHỮA BỆNH
Số: 77/KCB-NV
V/v hướng dẫn khám bệnh, chữa bệnh bảo hiểm y tế ban đầu
Hà Nội, ngày 05 tháng 01 năm 2024
Kính gửi: Sở Y tế các tỉnh, thành phố trực thuộc Trung ương.
Ủy ban nhân dân các huyện hướng dẫn người dân đăng ký khám chữa bệnh ban đầu tại trạm y tế xã.
Các bạn trẻ hãy đăng ký hiến máu tình nguyện tại điểm hiến máu của phường.
Nơi nhận:
- Như trên;
- Lưu: VT.
CỤC TRƯỞNG
(Đã ký)
Nguyễn Trọng Khoa"""

SECOND_PAGE = (
    """Trang chủ
Tin tức
Văn bản
Liên hệ
TRANG CHỦ | GIỚI THIỆU | TIN TỨC - SỰ KIỆN | LIÊN HỆ
Thứ Hai, 08/01/2024 09:30
"""
    + SECOND_BODY
    + """
Lượt xem: 321
In bài viết
Tin liên quan
Địa chỉ: Số 138A Giảng Võ, quận Ba Đình, thành phố Hà Nội, Việt Nam
Điện thoại: 024.6273.2273
Cơ quan chủ quản: Bộ Y tế. Chịu trách nhiệm chính: Cục trưởng
© 2024 Cục Quản lý Khám, chữa bệnh
"""
)


def test_second_synthetic_page_menus_signature_and_footer() -> None:
    text = clean_text(SECOND_PAGE)
    assert [line for line in text.split("\n") if line] == SECOND_BODY.split("\n")


def test_news_byline_before_chrome_goes_but_signer_stays() -> None:
    news = "Tiêu đề bài viết về y tế cơ sở năm 2024\nNội dung bài viết dài hơn tám từ để trông như một câu văn thật sự.\nTrần Minh\nTin mới\nTổng truy cập 12.345"
    assert clean_text(news) == "Tiêu đề bài viết về y tế cơ sở năm 2024\nNội dung bài viết dài hơn tám từ để trông như một câu văn thật sự.\n"
    letter = "Đề nghị các đơn vị thực hiện nghiêm túc nội dung trên./.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nTrần Minh\nTin mới\nTổng truy cập 12.345"
    assert clean_text(letter) == "Đề nghị các đơn vị thực hiện nghiêm túc nội dung trên./.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nTrần Minh\n"


def test_tail_without_chrome_is_kept() -> None:
    raw = "Đề nghị các đơn vị thực hiện nghiêm túc nội dung trên./.\nTrần Minh\nGhi chú"
    assert clean_text(raw) == raw + "\n"


def test_unnumbered_table_with_repeated_cells_next_to_chrome_stays() -> None:
    rows = "\n".join(f"Nhiệm vụ {name}\nSở Y tế\nNhiệm vụ thường xuyên" for name in ("một", "hai", "ba", "bốn", "năm"))
    raw = rows + "\nVăn bản này chưa cập nhật nội dung Tiếng Anh\nDMCA.com Protection Status"
    assert clean_text(raw) == rows + "\n"


def test_long_numbered_table_is_protected() -> None:
    rows = "".join(f"{i}\nSở Y tế\n" for i in range(1, 1200))
    assert clean_text(rows + "Share\n0") == rows

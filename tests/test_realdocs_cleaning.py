"""Site and gazette chrome on the real documents: none reaches a chunk, every body sentence survives.

"Body sentences" are defined here independently of the cleaner, by simple tests a reader
would apply to the raw file: the body runs from the line where the Quốc hiệu
("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") begins to the first "Nơi nhận" (or the site's
"Văn bản này chưa cập nhật…" notice, or the publisher's colophon, or the end); inside it,
lines that are chrome by an obvious test (the gazette's "CÔNG BÁO/Số …" line, a lone page
number, a signature-stamp label line, a rule) are skipped, the rest joined, and cut into
sentences of five words or more.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from corpus.cleaning import clean_text, extract_portal_table, remove_page_furniture

_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")


def squash(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    return " ".join(_ESCAPE.sub(r"\1", text).replace("*", "").split())


def _line(raw_line: str) -> str:
    return squash(raw_line).strip("|").strip()


_MOTTO = re.compile(r"^C[ỘO]NG H(?:[ÒOÓ]A|OÀ|OA) X[ÃA] H[ỘO]I", re.IGNORECASE)
_END = ("Nơi nhận", "Văn bản này chưa cập nhật", "VĂN PHÒNG CHÍNH PHỦ XUẤT BẢN")
_CHROME_LINE = re.compile(
    r"CÔNG BÁO/Số|^\(Xem tiếp Công báo|^\d{1,4}$|^(Người ký|Ký bởi|Email|Cơ quan|Thời gian ký|Ngày ký):|^[_|\-\s]*$"
)


def comparable(cleaned: str) -> str:
    """The cleaned text flattened like the body: rule lines ("-----", "____") and lone numbers left out."""
    return " ".join(line for line in map(_line, cleaned.split("\n")) if not _CHROME_LINE.search(line))


def body_sentences(raw: str) -> list[str] | None:
    """Sentences of the document's body (see module doc); None when no Quốc hiệu is found."""
    lines = [_line(line) for line in raw.replace("\r", "\n").split("\n")]
    start = None
    for i, line in enumerate(lines):
        if line.upper().startswith("CỘNG") or line.upper().startswith("CONG"):
            joined = " ".join(x for x in lines[i : i + 4] if x)
            if _MOTTO.match(joined):
                start = i
                break
    if start is None:
        return None
    end = next((j for j in range(start, len(lines)) if lines[j].startswith(_END)), len(lines))
    if end < len(lines) and lines[end].startswith(_END[1]):
        # The site repeats the title just before its notice: "Công văn 12/BYT năm 2025 … ban hành".
        while end > start and (not lines[end - 1] or lines[end - 1].endswith("ban hành")):
            end -= 1
    kept = [line for line in lines[start:end] if not _CHROME_LINE.search(line)]
    text = " ".join(kept)
    return [s for s in re.split(r"(?<=[.;!?])\s+", text) if len(s.split()) >= 5]


# Lines of site or gazette chrome: none may reach a chunk.
CHROME_FRAGMENTS = [
    "CÔNG BÁO/Số", "Thời gian ký:", "Ký bởi:", "Ngày ký:", "Đang tải văn bản", "thuộc quyền sở hữu của",
    "has the copyright", "Văn bản này chưa cập nhật", "Số hiệu:", "Loại văn bản:", "Nơi ban hành:",
    "Cảm ơn đã dùng", "Click vào phần bôi vàng", "FILE ĐƯỢC ĐÍNH KÈM", "Quý Thành viên", "XUẤT BẢN",
    "congbao@chinhphu.vn", "Rà chuột", "Xem tiếp Công báo", "Tiếp tục sử dụng", "thongtinchinhphu@",
]
# … nor one of these whole lines.
CHROME_LINES = {"Văn bản liên quan", "Lược đồ", "Tải về", "Đang tải văn bản..."}  # ("X" is also a table tick)


def _files(realdocs: Path) -> list[Path]:
    return sorted((realdocs / "documents").glob("*.txt"))


@pytest.fixture(scope="module")
def cleaned_real(realdocs) -> dict[str, tuple[str, str]]:
    return {p.name: (raw := p.read_text(encoding="utf-8"), clean_text(raw)) for p in _files(realdocs)}


def test_every_body_sentence_of_every_real_document_survives(cleaned_real) -> None:
    checked, missing = 0, {}
    for name, (raw, text) in cleaned_real.items():
        sentences = body_sentences(raw)
        if sentences is None:
            continue
        checked += 1
        flat = comparable(text)
        lost = [s for s in sentences if s not in flat]
        if lost:
            missing[name] = lost[:3]
    assert checked >= 100, checked  # nearly every document prints the Quốc hiệu
    assert not missing, missing


def test_no_chrome_line_survives_cleaning(cleaned_real) -> None:
    found = {}
    for name, (_, text) in cleaned_real.items():
        hits = [f for f in CHROME_FRAGMENTS if f in text] + sorted({line.strip() for line in text.split("\n")} & CHROME_LINES)
        lone_rules = [line for line in text.split("\n") if re.fullmatch(r"_{3,}", line.strip())]
        if hits or lone_rules:
            found[name] = hits + lone_rules[:1]
    assert not found, found


@pytest.mark.slow
def test_no_chrome_reaches_a_chunk(realdocs) -> None:
    """Through the whole pipeline (corpus.parse_document): chunks carry no chrome."""
    from corpus import parse_document

    found = {}
    for path in _files(realdocs):
        document = parse_document(path)
        assert document.chunks, path.name
        for chunk in document.chunks:
            hits = [f for f in CHROME_FRAGMENTS if f in chunk.text]
            hits += sorted({line.strip() for line in chunk.text.split("\n")} & CHROME_LINES)
            if hits:
                found.setdefault(path.name, set()).update(hits)
    assert not found, found


def test_running_header_removed_from_a_gazette_text(cleaned_real) -> None:
    gazettes = {n: v for n, v in cleaned_real.items() if n.startswith("congbao_")}
    assert gazettes
    for name, (raw, text) in gazettes.items():
        assert "CÔNG BÁO/Số" in raw
        assert "CÔNG BÁO/Số" not in text, name


def test_portal_table_extracted_from_every_page_that_has_one(realdocs) -> None:
    pages = [p for p in _files(realdocs) if "Số hiệu:" in p.read_text(encoding="utf-8")]
    assert len(pages) >= 40
    for path in pages:
        table = extract_portal_table(path.read_text(encoding="utf-8"))
        assert table.get("Số hiệu") and table.get("Loại văn bản"), (path.name, table)
        assert "|" not in "".join(table.values()), (path.name, table)


# --------------------------------------------------------------------------- synthetic, general shapes


def test_page_break_inside_a_sentence_is_rejoined() -> None:
    lines = [
        "Điều 1. Phạm vi điều chỉnh",
        "Nghị định này quy định chi tiết một số điều của Luật Bảo",
        "",
        " ",
        "4 ",
        "CÔNG BÁO/Số 12 + 13/Ngày 05-3-2026 ",
        "  ",
        "4",
        "hiểm y tế về thẻ bảo hiểm y tế điện tử.",
    ]
    out = [line for line in remove_page_furniture([line.strip() for line in lines])]
    assert out == [
        "Điều 1. Phạm vi điều chỉnh",
        "Nghị định này quy định chi tiết một số điều của Luật Bảo",
        "hiểm y tế về thẻ bảo hiểm y tế điện tử.",
    ]


def test_signature_stamp_removed_and_body_lines_with_same_words_kept() -> None:
    raw = (
        "2. Người ký hợp đồng phải là người đứng đầu cơ sở;\n"
        "Người ký: CỔNG THÔNG TIN ĐIỆN TỬ\nEmail: info@example.vn\nCơ quan: VĂN PHÒNG\n"
        "Thời gian ký: 28.07.2025 14:15:48 +07:00\n"
        "3. Cơ quan: Sở Y tế là cơ quan thường trực.\n"
    )
    assert clean_text(raw) == (
        "2. Người ký hợp đồng phải là người đứng đầu cơ sở;\n3. Cơ quan: Sở Y tế là cơ quan thường trực.\n"
    )


def test_other_running_header_beside_page_numbers_is_removed() -> None:
    page = "Bản tin Y tế dự phòng quý I"
    body = [f"Dòng nội dung thứ {i} của trang, viết như một câu dài hơn." for i in range(25)]
    lines = []
    for n in range(1, 5):
        lines += [page, str(n), ""] + body
    out = remove_page_furniture(lines)
    assert page not in out and not any(line in {"1", "2", "3", "4"} for line in out)
    assert out.count(body[0]) == 4


def test_portal_frame_cut_and_table_kept_apart() -> None:
    raw = """|
Bản dịch này thuộc quyền sở hữu của **
CỔNG PHÁP LUẬT**. Mọi hành vi sao chép là vi phạm.
Đang tải văn bản...
**Số hiệu:**
|
12/KH-UBND
|
**Loại văn bản:**
|
Kế hoạch
|
**Người ký:**
|
Trần Văn An
|
## Tóm tắt của biên tập viên
Ngày 01/02/2026, UBND tỉnh ban hành Kế hoạch về tiêm chủng.
|
**ỦY BAN NHÂN DÂN
TỈNH QUẢNG NAM**
-------
|
**CỘNG
HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
|
Số: 12/KH-UBND
**KẾ HOẠCH**
Tiêm chủng mở rộng năm 2026
Lưu trữ
1. Các đơn vị thực hiện tiêm đủ liều cho trẻ em./.
**Trần Văn An**
Kế hoạch 12/KH-UBND năm 2026 về tiêm chủng do tỉnh Quảng Nam ban hành
Văn bản này chưa cập nhật nội dung Tiếng Anh
## Văn bản liên quan
Ban hành:
01/12/2025
Thưa Quý khách, chúng tôi cam kết dịch vụ sẽ được cung ứng bình thường trong mọi tình huống.
"""
    text = clean_text(raw)
    assert text.split("\n")[0] == "ỦY BAN NHÂN DÂN"
    assert "Tóm tắt" not in text and "Số hiệu" not in text and "Đang tải" not in text
    assert "Lưu trữ\n" in text  # an ordinary line of the document
    assert text.rstrip().endswith("Trần Văn An")
    assert extract_portal_table(raw) == {"Số hiệu": "12/KH-UBND", "Loại văn bản": "Kế hoạch", "Người ký": "Trần Văn An"}


def test_colophon_after_the_last_page_goes() -> None:
    raw = (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nNGHỊ ĐỊNH\n"
        "Điều 1. Nghị định này có hiệu lực từ ngày ký./.\nBỘ TRƯỞNG\nNguyễn Văn A\n"
        "NHÀ XUẤT BẢN Y HỌC XUẤT BẢN\nĐịa chỉ:\nSố 1, phố X, Hà Nội\nĐiện thoại:\n080.12345\n"
    )
    assert clean_text(raw).rstrip().endswith("Nguyễn Văn A")


def test_editorial_summary_before_the_header_is_gone(cleaned_real) -> None:
    """A legal-database page's summary ("## <headline>" after its metadata table) is not the document."""
    checked = 0
    for name, (raw, text) in cleaned_real.items():
        lines = raw.replace("\r", "\n").split("\n")
        table = next((i for i, line in enumerate(lines) if "Số hiệu:" in line), None)
        if table is None:
            continue
        heading = next((line for line in lines[table:] if line.startswith("## ")), None)
        motto = next((i for i, line in enumerate(lines) if _line(line).upper().startswith("CỘNG")), len(lines))
        if heading is None or lines.index(heading) > motto:
            continue
        checked += 1
        assert squash(heading[3:]) not in squash(text), name
    assert checked >= 8  # 11 of the 94 pages carry one

"""corpus.readers: every format and encoding, from small files generated in tmp_path."""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path

import pytest

from corpus.readers import SUPPORTED_SUFFIXES, RawDocument, UnreadableDocument, read_file
from corpus.vietnamese import nfc

SAMPLE = nfc(
    "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN\n"
    "Số: 542/KH-UBND\n"
    "Nghệ An, ngày 09 tháng 07 năm 2024\n"
    "Kế hoạch triển khai thực hiện Chỉ thị số 25-CT/TW về củng cố y tế cơ sở.\n"
    "Tỷ lệ người dân tham gia bảo hiểm y tế trên 95%; quản lý sức khoẻ, sức khỏe toàn dân “đúng hạn”.\n"
    "ĐỀ NGHỊ CÁC ĐƠN VỊ: Ưu tiên đầu tư, Ấp, Ổn định, Ữ ữ Ự ự Ỳ ỹ Đ đ."
)

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows wrote it: base letter + combining tone mark."""
    out = bytearray()
    for ch in nfc(text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
            tones = "".join(c for c in parts if c in _TONES)
            out += base.encode("cp1258") + tones.encode("cp1258")
    return bytes(out)


def assert_one_line_naming(error: UnreadableDocument, name: str) -> None:
    message = str(error)
    assert "\n" not in message and "\r" not in message
    assert message.startswith(name + ":")


# --------------------------------------------------------------------------- txt / md


@pytest.mark.parametrize(
    "label, encode",
    [
        ("utf-8", lambda s: s.encode("utf-8")),
        ("utf-8-sig", lambda s: s.encode("utf-8-sig")),
        ("utf-16 BOM", lambda s: s.encode("utf-16")),
        ("utf-16-le", lambda s: s.encode("utf-16-le")),
        ("utf-16-be", lambda s: s.encode("utf-16-be")),
        ("utf-16-le BOM", lambda s: b"\xff\xfe" + s.encode("utf-16-le")),
        ("utf-16-be BOM", lambda s: b"\xfe\xff" + s.encode("utf-16-be")),
        ("cp1258", encode_cp1258),
        ("utf-8 NFD", lambda s: unicodedata.normalize("NFD", s).encode("utf-8")),
    ],
)
def test_txt_encodings_decode_to_same_nfc_text(tmp_path: Path, label: str, encode) -> None:
    path = tmp_path / "van_ban.txt"
    path.write_bytes(encode(SAMPLE))
    doc = read_file(path)
    assert isinstance(doc, RawDocument)
    assert doc.text == SAMPLE, label
    assert doc.format == "txt"
    assert doc.source == "van_ban.txt"
    assert doc.path == path
    assert doc.warnings == []


def test_cp1258_really_uses_combining_marks() -> None:
    # Guard for the test itself: the bytes must not be UTF-8 and must hold a tone byte.
    data = encode_cp1258(SAMPLE)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert b"\xf2" in data  # combining dot below (nặng) in cp1258


def test_md_is_read_as_text_with_markdown_left_for_cleaning(tmp_path: Path) -> None:
    path = tmp_path / "ghi_chu.md"
    path.write_text("# Tiêu đề\n\n**Sở Y tế** chủ trì.", encoding="utf-8")
    doc = read_file(path)
    assert doc.format == "md"
    assert doc.text == "# Tiêu đề\n\n**Sở Y tế** chủ trì."


def test_crlf_and_single_line_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Sở Y tế\r\nKính gửi".encode("utf-8"))
    assert read_file(path).text == "Sở Y tế\r\nKính gửi"  # line endings are cleaning's job


def test_empty_txt_gives_empty_text_and_warning(tmp_path: Path) -> None:
    path = tmp_path / "rong.txt"
    path.write_bytes(b"")
    doc = read_file(path)
    assert doc.text == ""
    assert doc.warnings and doc.warnings[0].startswith("rong.txt:")


@pytest.mark.parametrize(
    "name, data",
    [
        ("anh.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4),
        ("ngau_nhien.txt", random.Random(7).randbytes(4096)),
        ("khong_nul.md", bytes(b for b in random.Random(8).randbytes(4096) if b)),
        ("nul_giua.txt", "Sở Y tế".encode() + b"\x00\x00\x00" + "Kính gửi".encode() + b"\x00\x01\x02" * 50),
    ],
)
def test_binary_file_is_unreadable_with_one_line_message(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(UnreadableDocument) as info:
        read_file(path)
    assert_one_line_naming(info.value, name)
    assert "không phải tệp văn bản" in str(info.value)


def test_unsupported_suffix_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "abc.bin"
    path.write_bytes(b"hello")
    with pytest.raises(UnreadableDocument) as info:
        read_file(path)
    assert_one_line_naming(info.value, "abc.bin")
    with pytest.raises(UnreadableDocument) as info:
        read_file(tmp_path / "khong_co.txt")
    assert_one_line_naming(info.value, "khong_co.txt")
    assert SUPPORTED_SUFFIXES == {".txt", ".md", ".html", ".htm", ".docx", ".pdf"}


def test_suffix_is_case_insensitive(tmp_path: Path) -> None:
    path = tmp_path / "VAN_BAN.TXT"
    path.write_text(SAMPLE, encoding="utf-8")
    assert read_file(path).format == "txt"


# --------------------------------------------------------------------------- html

HTML_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Chỉ thị 10/CT-UBND | Cổng thông tin</title>
<style>p { color: red }</style><script>var tracking = "Tổng truy cập";</script></head>
<body>
<header><a href="/">Trang chủ</a><form><input name="q"> Tìm kiếm</form></header>
<nav><ul><li>Giới thiệu</li><li>Tin tức</li></ul></nav>
<main>
<h1>Chỉ thị về   nâng cao công tác chăm sóc sức khỏe</h1>
<p>Ngày 20/10/2022, <b>Ủy ban nhân dân</b> tỉnh ban hành&nbsp;Chỉ thị.<br>Dòng thứ hai.</p>
<div><div><p>1. Sở Y tế</p></div></div>
<ul><li>- Như trên;</li><li>Lưu: VT.</li></ul>
<table>
 <tr><th>TT</th><th>Nội dung</th><th>Cơ quan chủ trì</th></tr>
 <tr><td>1</td><td><p>Tổ chức quán triệt</p></td><td>Sở Y tế</td></tr>
</table>
</main>
<aside>Tin mới</aside><noscript>Bật JavaScript</noscript>
<footer>Bản quyền © Sở Y tế</footer>
</body></html>"""


def test_html_keeps_blocks_as_lines_and_drops_furniture(tmp_path: Path) -> None:
    path = tmp_path / "trang.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    doc = read_file(path)
    assert doc.format == "html"
    lines = [line for line in doc.text.split("\n") if line.strip()]
    assert lines[0] == "Chỉ thị về nâng cao công tác chăm sóc sức khỏe"
    assert "Ngày 20/10/2022, Ủy ban nhân dân tỉnh ban hành\u00a0Chỉ thị." in lines
    assert "Dòng thứ hai." in lines
    assert "1. Sở Y tế" in lines
    assert "- Như trên;" in lines and "- Lưu: VT." in lines
    # table: one cell per line, rows in order
    start = lines.index("TT")
    assert lines[start : start + 6] == ["TT", "Nội dung", "Cơ quan chủ trì", "1", "Tổ chức quán triệt", "Sở Y tế"]
    for gone in ("Trang chủ", "Tìm kiếm", "Giới thiệu", "Tin mới", "Bản quyền", "tracking", "color", "JavaScript"):
        assert gone not in doc.text


def test_html_title_used_when_no_h1_and_legacy_charset(tmp_path: Path) -> None:
    html = '<html><head><meta charset="windows-1258"><title>Công văn số 12</title></head><body><p>Sở Y tế</p></body></html>'
    path = tmp_path / "cu.htm"
    path.write_bytes(encode_cp1258(html))
    doc = read_file(path)
    assert doc.format == "html"
    assert doc.text.split("\n")[0] == "Công văn số 12"
    assert "Sở Y tế" in doc.text
    assert doc.text == nfc(doc.text)


# --------------------------------------------------------------------------- docx


def test_docx_paragraphs_and_tables_in_body_order(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("ỦY BAN NHÂN DÂN TỈNH NGHỆ AN")
    document.add_paragraph("KẾ HOẠCH")
    table = document.add_table(rows=2, cols=3)
    for r, row in enumerate([("TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì"), ("1", "Tổ chức quán triệt", "Sở Y tế")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("Nơi nhận:")
    document.add_paragraph("- Lưu: VT.")
    path = tmp_path / "ke_hoach.docx"
    document.save(str(path))

    doc = read_file(path)
    assert doc.format == "docx"
    lines = [line for line in doc.text.split("\n") if line.strip()]
    assert lines == [
        "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN",
        "KẾ HOẠCH",
        "TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì",
        "1", "Tổ chức quán triệt", "Sở Y tế",
        "Nơi nhận:",
        "- Lưu: VT.",
    ]
    assert doc.text == nfc(doc.text)


def test_docx_merged_cell_written_once(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "PHỤ LỤC"
    table.cell(1, 0).text = "1"
    table.cell(1, 1).text = "Sở Y tế"
    path = tmp_path / "gop.docx"
    document.save(str(path))
    lines = [line for line in read_file(path).text.split("\n") if line.strip()]
    assert lines == ["PHỤ LỤC", "1", "Sở Y tế"]


@pytest.mark.parametrize("data", [b"not a zip at all", b"PK\x03\x04broken zip"])
def test_corrupt_docx_is_unreadable(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "hong.docx"
    path.write_bytes(data)
    with pytest.raises(UnreadableDocument) as info:
        read_file(path)
    assert_one_line_naming(info.value, "hong.docx")


# --------------------------------------------------------------------------- pdf


def _pdf_string(data: bytes) -> bytes:
    return b"(" + data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def make_pdf(pages: list[list[str]]) -> bytes:
    """A minimal PDF whose text layer holds `pages` (lists of lines), written by hand.

    Vietnamese letters are outside WinAnsi, so the font gets a one-byte code per distinct
    character plus a ToUnicode CMap; that is how real PDFs make such text extractable.
    A page with no lines has an empty content stream, i.e. no text layer (a "scan").
    """
    chars = sorted({c for page in pages for line in page for c in line} - {" "})
    assert len(chars) < 200
    code = {" ": 0x20}
    next_code = 0x21
    for c in chars:
        code[c] = next_code
        next_code += 1
        if next_code in (0x28, 0x29, 0x5C):  # avoid bytes needing escapes in the CMap demo
            next_code += 1

    cmap_lines = [f"<{code[c]:02X}> <{ord(c):04X}>" for c in [" "] + chars]
    cmap = (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
        f"{len(cmap_lines)} beginbfchar\n" + "\n".join(cmap_lines) + "\nendbfchar\n"
        "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode("ascii")

    objects: list[bytes] = []  # object n is objects[n-1]

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def stream(data: bytes, extra: bytes = b"") -> bytes:
        return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"

    catalog = add(b"")  # filled below
    pages_obj = add(b"")
    cmap_obj = add(stream(cmap))
    font = add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 32 /LastChar 255 "
        b"/Widths [" + b" ".join([b"500"] * 224) + b"] /ToUnicode %d 0 R >>" % cmap_obj
    )
    page_ids = []
    for page in pages:
        ops = [b"BT /F1 11 Tf 14 TL 50 800 Td"]
        for line in page:
            ops.append(_pdf_string(bytes(code[c] for c in line)) + b" Tj T*")
        ops.append(b"ET")
        content = add(stream(b"\n".join(ops) if page else b""))
        page_ids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
                b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (pages_obj, font, content)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    kids = b" ".join(b"%d 0 R" % p for p in page_ids)
    objects[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids))

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    return bytes(out)


def test_pdf_text_layer_pages_joined(tmp_path: Path) -> None:
    path = tmp_path / "cong_van.pdf"
    path.write_bytes(
        make_pdf(
            [
                ["SỞ Y TẾ ĐỒNG NAI", "Kính gửi: Các bệnh viện tuyến tỉnh."],
                ["Nơi nhận:", "- Lưu: VT, KHTC.", "Lê Quang Trung"],
            ]
        )
    )
    doc = read_file(path)
    assert doc.format == "pdf"
    assert doc.warnings == []
    lines = [line.strip() for line in doc.text.split("\n") if line.strip()]
    assert lines == [
        "SỞ Y TẾ ĐỒNG NAI",
        "Kính gửi: Các bệnh viện tuyến tỉnh.",
        "Nơi nhận:",
        "- Lưu: VT, KHTC.",
        "Lê Quang Trung",
    ]
    assert doc.text == nfc(doc.text)


def test_scanned_pdf_returns_empty_text_and_warning(tmp_path: Path) -> None:
    path = tmp_path / "ban_quet.pdf"
    path.write_bytes(make_pdf([[], []]))
    doc = read_file(path)
    assert doc.text == ""
    assert len(doc.warnings) == 1
    assert doc.warnings[0].startswith("ban_quet.pdf:")
    assert "không có lớp văn bản" in doc.warnings[0]


def test_partly_scanned_pdf_warns_but_keeps_text(tmp_path: Path) -> None:
    path = tmp_path / "mot_phan.pdf"
    path.write_bytes(make_pdf([["Sở Y tế"], []]))
    doc = read_file(path)
    assert doc.text.strip() == "Sở Y tế"
    assert doc.warnings and doc.warnings[0].startswith("mot_phan.pdf:")


@pytest.mark.parametrize("data", [b"%PDF-1.4\ngarbage without objects", b"hello, not a pdf", b""])
def test_corrupt_pdf_is_unreadable(tmp_path: Path, data: bytes, capfd) -> None:
    path = tmp_path / "hong.pdf"
    path.write_bytes(data)
    with pytest.raises(UnreadableDocument) as info:
        read_file(path)
    assert_one_line_naming(info.value, "hong.pdf")
    assert capfd.readouterr().err == ""  # pypdf's own complaints stay quiet


# --------------------------------------------------------------------------- bundled corpus


def test_bundled_documents_read_as_utf8_txt() -> None:
    folder = Path(__file__).resolve().parents[1] / "corpus" / "documents"
    files = sorted(folder.glob("*.txt"))
    assert len(files) >= 5
    for path in files:
        doc = read_file(path)
        assert doc.format == "txt" and doc.warnings == [] and len(doc.text) > 1000
        assert doc.text == nfc(doc.text)


def test_unreadable_document_is_a_user_error() -> None:
    from corpus.errors import UserError

    assert issubclass(UnreadableDocument, UserError)
    error = UnreadableDocument("a.pdf", "tệp PDF hỏng\n(corrupt)")
    assert str(error) == "a.pdf: tệp PDF hỏng (corrupt)"
    assert error.source == "a.pdf"

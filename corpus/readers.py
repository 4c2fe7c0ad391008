"""Read one document file (txt, md, html/htm, docx, pdf) into raw NFC text.

Readers only turn bytes into text; removing site chrome is ``corpus.cleaning``'s job.
Every failure a user can cause (wrong format, binary file, corrupt DOCX/PDF) raises
``UnreadableDocument`` whose message is one line naming the file, so a loader can report
it and move on.  Recoverable oddities (a scanned PDF read by OCR, a guessed encoding) are returned as
``RawDocument.warnings`` instead.

>>> import tempfile
>>> from pathlib import Path
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "cv.txt").write_bytes("Sở Y tế\\nKính gửi: UBND".encode("utf-16-le"))  # no BOM
>>> doc = read_file(folder / "cv.txt")
>>> doc.format, doc.text
('txt', 'Sở Y tế\\nKính gửi: UBND')
>>> try:
...     read_file(folder / "a.xls")
... except UnreadableDocument as e:
...     print(e)
a.xls: định dạng không hỗ trợ (unsupported file type .xls)
"""

from __future__ import annotations

import codecs
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from corpus.errors import UserError
from corpus.vietnamese import nfc

__all__ = ["RawDocument", "UnreadableDocument", "SUPPORTED_SUFFIXES", "read_file", "decode_text"]

SUPPORTED_SUFFIXES = {".txt", ".md", ".html", ".htm", ".docx", ".pdf"}


class UnreadableDocument(UserError):
    """A file that cannot be read as a document; ``str(e)`` is one line naming the file.

    A ``UserError`` so loaders and CLIs report it as one line and carry on.
    """

    def __init__(self, source: str, reason: str):
        self.source = source
        self.reason = " ".join(str(reason).split())  # one line, whatever the cause said
        super().__init__(f"{source}: {self.reason}")


@dataclass
class RawDocument:
    source: str  # file name, e.g. "002_de43d9b20077fde2.txt"
    path: Path
    text: str  # NFC, not cleaned
    format: str  # "txt" | "md" | "html" | "docx" | "pdf"
    warnings: list[str] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)  # 1-based pages whose text came from OCR

    @property
    def ocr(self) -> bool:
        """True when some of the text was read by OCR from page images."""
        return bool(self.ocr_pages)


# =========================================================================== plain text

_BOMS = [  # longest first: the UTF-32-LE BOM starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]


def _vietnamese_letters() -> frozenset[str]:
    """Every precomposed Vietnamese letter (12 vowels × 6 tones, đ), both cases."""
    vowels = "aăâeêioôơuưy"
    tones = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
    letters = {unicodedata.normalize("NFC", v + t) for v in vowels for t in tones} | {"đ"}
    return frozenset(letters | {c.upper() for c in letters})


_VIETNAMESE_LETTERS = _vietnamese_letters()
# Typographic characters a Vietnamese document legitimately contains besides letters.
_ALLOWED_NON_ASCII = set("“”‘’–—…•·°±×÷§¶€£¥©®™«»")


class _NotText(Exception):
    """Internal: the bytes are not text (binary data)."""


def _utf16_by_nul_pattern(data: bytes) -> str | None:
    """Codec of BOM-less UTF-16: ASCII characters put a NUL in every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls = data[0::2].count(0) / (len(data) / 2)
    odd_nuls = data[1::2].count(0) / (len(data) / 2)
    if odd_nuls >= 0.2 and even_nuls <= 0.02:
        return "utf-16-le"
    if even_nuls >= 0.2 and odd_nuls <= 0.02:
        return "utf-16-be"
    return None


def _control_share(text: str) -> float:
    """Share of control characters other than ordinary whitespace (binary data has many)."""
    if not text:
        return 0.0
    bad = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f\v")
    return bad / len(text)


def _looks_vietnamese(text: str) -> bool:
    """Decoded legacy text is plausible when its non-ASCII characters are Vietnamese letters.

    A wrong 8-bit guess yields symbols, box characters or stray combining marks (a tone
    mark after a consonant does not compose under NFC).
    """
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return True
    good = sum(1 for c in non_ascii if c in _VIETNAMESE_LETTERS or c in _ALLOWED_NON_ASCII)
    viet = sum(1 for c in non_ascii if c in _VIETNAMESE_LETTERS)
    return viet >= 1 and good / len(non_ascii) >= 0.97


def decode_text(data: bytes) -> tuple[str, str]:
    """(NFC text, codec name) of a text file's bytes; raises _NotText for binary data.

    Order matters because 8-bit codecs accept any bytes: BOM → strict UTF-8 → BOM-less
    UTF-16 → Windows-1258 when the result is plausible Vietnamese → charset-normalizer.
    charset-normalizer alone often calls Vietnamese cp1258 "cp1252" or "cp1250".
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return nfc(data[len(bom):].decode(codec)), codec + (" (BOM)" if codec == "utf-8" else "")
            except UnicodeDecodeError:
                break  # a BOM followed by garbage: let the other tests decide
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if "\x00" in text or _control_share(text) > 0.01:
            raise _NotText("control characters in UTF-8 data")
        return nfc(text), "utf-8"

    codec = _utf16_by_nul_pattern(data)
    if codec:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            pass
        else:
            if _control_share(text) <= 0.01:
                return nfc(text), codec
    if b"\x00" in data:
        raise _NotText("NUL bytes")

    try:
        text = nfc(data.decode("cp1258"))
    except UnicodeDecodeError:
        text = None
    if text is not None and _control_share(text) <= 0.01 and _looks_vietnamese(text):
        return text, "cp1258"

    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise _NotText("no text encoding fits")
    text = nfc(str(best))
    if _control_share(text) > 0.01:
        raise _NotText("control characters")
    return text, best.encoding


def _read_plain(path: Path, fmt: str) -> RawDocument:
    data = _read_bytes(path)
    warnings = []
    try:
        text, codec = decode_text(data)
    except _NotText as e:
        raise UnreadableDocument(path.name, f"không phải tệp văn bản (binary file: {e})") from None
    if codec not in {"utf-8", "utf-8 (BOM)", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "cp1258"}:
        warnings.append(f"{path.name}: mã ký tự đoán là {codec} (encoding guessed)")
    if "\ufffd" in text:
        warnings.append(f"{path.name}: có ký tự không giải mã được (undecodable characters)")
    return RawDocument(path.name, path, text, fmt, warnings)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise UnreadableDocument(path.name, "không tìm thấy tệp (file not found)") from None
    except IsADirectoryError:
        raise UnreadableDocument(path.name, "là thư mục, không phải tệp (is a directory)") from None
    except OSError as e:
        raise UnreadableDocument(path.name, f"không đọc được tệp ({e.strerror or e})") from None


# =========================================================================== HTML

# Page furniture that never holds the document: dropped with everything inside.
_DROP_TAGS = {
    "script", "style", "nav", "header", "footer", "aside", "form", "noscript", "iframe",
    "svg", "button", "select", "template", "object", "embed", "canvas", "head",
}
_DROP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search"}
# Lines end at these tags; cells get a line each, like the scraped tables in the corpus.
_BLOCK_TAGS = {
    "address", "article", "blockquote", "center", "dd", "div", "dl", "dt", "figcaption",
    "figure", "li", "main", "ol", "section", "table", "tbody", "thead", "tfoot", "tr", "ul",
    "caption", "body", "html",
}
_PARAGRAPH_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "td", "th", "hr"}
# Boundary markers resolved after the walk (nested blocks must not pile up blank lines).
_BLOCK, _PARA = "\x01", "\x02"
_BREAK_RUN = re.compile("[ \t]*[\x01\x02][\x01\x02 \t\n]*")
_BULLET_START = re.compile(r"^\s*([-–+•*·]|\d+[.)]|[a-zđ][.)])")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w\-]+)""", re.IGNORECASE)


def _decode_html(data: bytes) -> str:
    """HTML bytes → text: BOM / UTF-8 first, then the page's declared charset, then guess."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    return decode_text(data)[0]


def _dropped(node) -> bool:
    if node.tag in _DROP_TAGS:
        return True
    attrs = node.attributes or {}
    return (attrs.get("role") or "").lower() in _DROP_ROLES or "hidden" in attrs and node.tag != "input"


def _html_blocks(root) -> str:
    """Text of an element tree with block boundaries as line breaks (iterative walk)."""
    out: list[str] = []
    stack: list[tuple[object, bool]] = [(root, False)]
    pre_depth = 0
    while stack:
        node, leaving = stack.pop()
        tag = node.tag
        if leaving:
            if tag == "pre":
                pre_depth -= 1
            out.append(_PARA if tag in _PARAGRAPH_TAGS else _BLOCK)
            continue
        if tag == "-text":
            text = node.text_content or ""
            out.append(text if pre_depth else re.sub(r"[ \t\r\n\f]+", " ", text))
            continue
        if tag == "br":
            out.append("\n")
            continue
        if tag.startswith("-") or _dropped(node):  # comments, doctype, furniture
            continue
        if tag in _BLOCK_TAGS or tag in _PARAGRAPH_TAGS:
            out.append(_PARA if tag in _PARAGRAPH_TAGS else _BLOCK)
            stack.append((node, True))
        if tag == "pre":
            pre_depth += 1
        if tag == "li" and node.parent is not None and node.parent.tag == "ul":
            if not _BULLET_START.match(node.text(deep=True) or ""):
                out.append("- ")
        children = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        stack.extend((c, False) for c in reversed(children))
    return _resolve_breaks("".join(out))


def _resolve_breaks(text: str) -> str:
    """Adjacent block boundaries make one break: a blank line if any is a paragraph."""
    return _BREAK_RUN.sub(lambda m: "\n\n" if _PARA in m.group(0) else "\n", text)


def _tidy_lines(text: str) -> str:
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def html_to_text(html: str) -> str:
    """Visible text of a page; the headline (first <h1>, else <title>) is the first line."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    title_node = tree.css_first("title")
    title = " ".join(title_node.text().split()) if title_node else ""
    body = tree.body if tree.body is not None else tree.root
    if body is None:
        return title
    h1 = body.css_first("h1")
    headline = " ".join(h1.text().split()) if h1 else title
    text = _tidy_lines(_html_blocks(body))
    first_line = text.split("\n", 1)[0].strip()
    if headline and headline != first_line:
        # The headline lives in <title> only, or sits below breadcrumbs: put it first.
        if h1 is not None:
            text = text.replace(headline, "", 1) if text.count(headline) == 1 else text
            text = _tidy_lines(text)
        text = headline + "\n\n" + text
    return text


def _read_html(path: Path) -> RawDocument:
    html = _decode_html(_read_bytes(path))
    if "\x00" in html:
        raise UnreadableDocument(path.name, "không phải tệp HTML (binary file)")
    return RawDocument(path.name, path, nfc(html_to_text(html)), "html", [])


# =========================================================================== DOCX

def _docx_block_texts(container, document) -> list[str]:
    """Paragraphs and tables of a body or table cell, in document order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out: list[str] = []
    for element in container.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append(Paragraph(element, document).text)
        elif tag == "tbl":
            out.append("")
            out.extend(_docx_table_texts(Table(element, document), document))
            out.append("")
        elif tag == "sdt":  # content controls wrap ordinary paragraphs and tables
            content = element.find("{*}sdtContent")
            if content is not None:
                out.extend(_docx_block_texts(content, document))
    return out


def _docx_table_texts(table, document) -> list[str]:
    """Each cell on its own line, rows in order; a merged cell is written once."""
    out: list[str] = []
    # python-docx repeats a merged cell once per grid column/row it spans.  Keep the
    # elements themselves (not id()s: a freed lxml proxy's id can be reused).
    seen: list = []
    for row in table.rows:
        for cell in row.cells:
            if any(cell._tc is other for other in seen):
                continue
            seen.append(cell._tc)
            text = "\n".join(t for t in _docx_block_texts(cell._tc, document) if t.strip())
            out.append(text)
    return out


def _read_docx(path: Path) -> RawDocument:
    import docx

    try:
        document = docx.Document(str(path))
    except FileNotFoundError:
        raise UnreadableDocument(path.name, "không tìm thấy tệp (file not found)") from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise UnreadableDocument(path.name, f"tệp DOCX hỏng hoặc không hợp lệ (corrupt DOCX: {e})") from None
    except Exception as e:  # lxml XMLSyntaxError, python-docx PackageNotFoundError…
        raise UnreadableDocument(path.name, f"tệp DOCX hỏng hoặc không hợp lệ ({type(e).__name__}: {e})") from None
    lines = _docx_block_texts(document.element.body, document)
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    warnings = [] if text.strip() else [f"{path.name}: tệp DOCX không có chữ (empty DOCX)"]
    return RawDocument(path.name, path, nfc(text), "docx", warnings)


# =========================================================================== PDF

def _pdf_pages(path: Path, data: bytes):
    """(pypdfium2 document, text layer of each page); UnreadableDocument on damage."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower():
            raise UnreadableDocument(path.name, "PDF có mật khẩu (encrypted PDF)") from None
        raise UnreadableDocument(path.name, f"tệp PDF hỏng (corrupt PDF: {e})") from None
    texts, images = [], []
    for index in range(len(document)):
        page = document[index]
        try:
            texts.append(_page_text(page.get_textpage()))
        except pdfium.PdfiumError:  # one damaged page: read as a scan below
            texts.append("")
        images.append(_has_image(page))
    return document, texts, images


def _page_text(textpage) -> str:
    """A page's text layer, with PDFium's false line breaks mended.

    PDFium starts a new line when a glyph sits off its neighbours' line; on a rotated
    (landscape) table page a Vietnamese letter with a stacked diacritic does, so words
    come out cut ("th" / "ế b" / "ởi").  A generated break is dropped when the glyphs on
    either side stand on one line, edge to edge, in the page's reading direction.  U+FFFE
    (PDFium's mark for a hyphen that ended a line) becomes "-".
    """
    text = textpage.get_text_range()
    # Side-by-side columns are looked for on short lines only (header and signature rows,
    # table cells): a full line of running text has no column gap, and glyph boxes cost.
    short = set()
    offset = 0
    for line in text.split("\n"):
        if len(line.split()) <= 14:
            short.update(range(offset, offset + len(line)))
        offset += len(line) + 1
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] == "\r" and i + 1 < n and text[i + 1] == "\n" and 0 < i and i + 2 < n:
            if _same_line(textpage.get_charbox(i - 1), textpage.get_charbox(i + 2)):
                i += 2
                continue
        if text[i] == " " and i in short and 0 < i and i + 1 < n and not text[i - 1].isspace():
            j = i
            while j < n and text[j] == " ":
                j += 1
            if j < n and not text[j].isspace() and _column_gap(textpage.get_charbox(i - 1), textpage.get_charbox(j)):
                # Two columns printed side by side ("Số: 12/NĐ-CP      Hà Nội, ngày …"): two lines.
                out.append("\n")
                i = j
                continue
        out.append(text[i])
        i += 1
    return "".join(out).replace("\ufffe", "-")


def _same_line(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    """Boxes (left, bottom, right, top) of two glyphs: adjacent on one line of text?"""
    (al, ab, ar, at), (bl, bb, br, bt) = a, b
    size = max(at - ab, ar - al, bt - bb, br - bl)
    if size <= 0:
        return False
    # Horizontal writing: b starts where a ends, on the same baseline band.
    across = abs((ab + at) / 2 - (bb + bt) / 2) < 0.5 * size and -0.3 * size <= bl - ar <= 0.6 * size
    # Rotated writing (bottom to top or top to bottom): the same, axes swapped.
    up = abs(ar - br) < 0.3 * size and -0.3 * size <= bb - at <= 0.6 * size
    down = abs(al - bl) < 0.3 * size and -0.3 * size <= ab - bt <= 0.6 * size
    return across or up or down


def _column_gap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    """Glyph b follows glyph a on the same line but far away: a gap between two columns."""
    (al, ab, ar, at), (bl, bb, br, bt) = a, b
    size = max(at - ab, ar - al, bt - bb, br - bl)
    if size <= 0:
        return False
    same_band = abs((ab + at) / 2 - (bb + bt) / 2) < 0.5 * size
    return same_band and bl - ar > 1.5 * size  # a word space is ~0.3 size


def _has_image(page) -> bool:
    """True when the page draws at least one image (a scan is one big image)."""
    import pypdfium2.raw as pdfium_c

    try:
        return next(iter(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2)), None) is not None
    except Exception:  # noqa: BLE001 - a damaged object list: assume an image, OCR will tell
        return True


def _ocr_pages(path: Path, document, indexes: list[int], settings, progress: bool | None) -> dict[int, str]:
    """Text Tesseract reads on the given pages (0-based), with a progress bar per page."""
    from tqdm import tqdm

    from corpus.ocr import ocr_image, render_page

    out: dict[int, str] = {}
    bar = tqdm(indexes, desc=f"OCR {path.name}", unit="trang", leave=False, disable=progress)
    for index in bar:
        image = render_page(document[index], settings.dpi, settings.grayscale)
        out[index] = ocr_image(image, settings)
    return out


def _read_pdf(path: Path, ocr: bool = True, progress: bool | None = None, settings=None) -> RawDocument:
    """Text layer of every page; pages without one (scans) are read by OCR.

    ``progress``: None shows a bar on a terminal only, False never, True always.
    """
    from corpus.ocr import OcrSettings, needs_ocr, ocr_problem

    data = _read_bytes(path)
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise UnreadableDocument(path.name, "không phải tệp PDF (missing %PDF header)")
    document, pages, images = _pdf_pages(path, data)
    thin = [i for i, text in enumerate(pages) if needs_ocr(text)]
    # A page with thin text and no image is blank or a short page: nothing to read.
    scanned = [i for i in thin if images[i]]
    warnings: list[str] = []
    ocr_pages: list[int] = []
    if thin and not scanned and any(not pages[i].strip() for i in thin):
        empty = sum(1 for i in thin if not pages[i].strip())
        warnings.append(f"{path.name}: {empty}/{len(pages)} trang PDF không có lớp văn bản (pages without text)")
    if scanned:
        what = f"{path.name}: {len(scanned)}/{len(pages)} trang PDF không có lớp văn bản (scanned pages)"
        settings = settings or OcrSettings()
        problem = ocr_problem(settings.lang) if ocr else "OCR tắt (OCR disabled)"
        if problem:
            warnings.append(f"{what}, chưa đọc được: {problem}")
        else:
            try:
                read = _ocr_pages(path, document, scanned, settings, None if progress is None else not progress)
            except RuntimeError as error:
                warnings.append(f"{what}, OCR lỗi: {error}")
            else:
                for index, text in read.items():
                    if len(text.strip()) > len(pages[index].strip()):
                        pages[index] = text
                        ocr_pages.append(index + 1)
                found = f"{len(ocr_pages)} trang nhận ra chữ" if ocr_pages else "không nhận ra chữ (no text recognised)"
                warnings.append(f"{what}, đã đọc bằng OCR Tesseract ({settings.lang}): {found}")
    document.close()
    if not pages:
        warnings.append(f"{path.name}: PDF không có trang nào (no pages)")
    text = nfc("\n".join(pages)) if any(p.strip() for p in pages) else ""
    return RawDocument(path.name, path, text, "pdf", warnings, ocr_pages)


# =========================================================================== dispatch

def read_file(path: Path | str, ocr: bool = True, progress: bool | None = None, ocr_settings=None) -> RawDocument:
    """Read a supported file into a RawDocument; UnreadableDocument on any failure.

    ``ocr``: read scanned PDF pages with Tesseract (when installed); ``progress``: the
    per-page OCR progress bar (None: on a terminal only); ``ocr_settings``: a
    ``corpus.ocr.OcrSettings`` (default: the measured best).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        shown = suffix or "(không có đuôi / no suffix)"
        raise UnreadableDocument(path.name, f"định dạng không hỗ trợ (unsupported file type {shown})")
    if suffix in {".txt", ".md"}:
        doc = _read_plain(path, suffix[1:])
    elif suffix in {".html", ".htm"}:
        doc = _read_html(path)
    elif suffix == ".docx":
        doc = _read_docx(path)
    else:
        doc = _read_pdf(path, ocr=ocr, progress=progress, settings=ocr_settings)
    if not doc.text.strip() and not doc.warnings:
        doc.warnings.append(f"{path.name}: tệp rỗng (empty file)")
    return doc

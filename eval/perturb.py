"""Header facts that survive layout a clerk reads through unchanged: ``python -m eval perturb``.

Every labelled document of ``python -m eval corpus`` was studied while the header parser was written, so
its score there is in-sample.  This check needs no new label: each document is rewritten by a *layout
perturbation* — a change real copies from the same two sources plausibly show (see
../shared/realdocs/README.md) and that leaves every header fact as a clerk reads it — and its header
facts are read again and compared with the same labels (``eval.corpus_eval.field_matches``).

The perturbed text goes through the reader's own decoding step (``corpus.readers.decode_text``, which
also folds NFC) and then ``corpus.describe_text``, as a file on disk would.  A perturbation that leaves a
document unchanged is not counted for it (it says nothing).  For each perturbation and field the report
gives ``kept / total`` over the fields the unperturbed document gets right, and lists every (file, field)
that broke.

    python -m eval perturb --corpus DIR --expected FILE [--expected FILE2 …] [--only a,b] [--json]
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from corpus.errors import UserError
from corpus.vietnamese import match_key
from eval.corpus_eval import FIELDS, field_matches, load_expected, strip_portal_table

__all__ = ["PERTURBATIONS", "evaluate_perturbations", "format_perturb_report"]

HEADER_LINES = 60  # the header (issuer, motto, number, place/date, type, title) sits in the first lines of the header block

# --------------------------------------------------------------------------- helpers


def _header_span(lines: list[str]) -> tuple[int, int]:
    """(start, end) line indexes of the document's own header block: from the first Quốc hiệu line (or
    the issuer cell above it) for ``HEADER_LINES`` lines; the site chrome before it is left alone."""
    for index, line in enumerate(lines):
        key = match_key(line.replace("*", "")).strip()
        if re.search(r"\bcong\s+hoa\b|\bdoc\s+lap\b", key) or key == "cong":
            start = max(0, index - 8)
            return start, min(len(lines), index + HEADER_LINES)
    return 0, min(len(lines), HEADER_LINES)


def _on_header(text: str, rewrite: Callable[[list[str]], list[str]]) -> str:
    lines = text.split("\n")
    start, end = _header_span(lines)
    return "\n".join(lines[:start] + rewrite(lines[start:end]) + lines[end:])


# --------------------------------------------------------------------------- perturbations


def crlf(text: str) -> str:
    """Line ends swapped: LF → CRLF, or CRLF → LF where the file has CRLF (README: "CRLF line ends";
    congbao_049 is such a file)."""
    if "\r\n" in text:
        return text.replace("\r\n", "\n")
    return text.replace("\n", "\r\n")


def nfd(text: str) -> str:
    """Decomposed Unicode (README: "non-NFC text"; PDF text layers and some editors give NFD)."""
    return unicodedata.normalize("NFD", text)


def wrong_d(text: str) -> str:
    """Every "Đ" printed as the look-alike "Ð" (U+00D0), as "Ðộc lập" already is in some documents
    (README: "Ðộc lập" with the wrong Đ); "QĐ-UBND" reads the same to a clerk."""
    return text.replace("Đ", "\u00d0")


def no_portal_table(text: str) -> str:
    """The legal-database page without its own metadata table (Số hiệu, Loại văn bản, Nơi ban hành,
    Người ký, Ngày ban hành): about half the pages carry it, half do not (README)."""
    return strip_portal_table(text)


_COPYRIGHT_START = re.compile(r"Bản dịch này thuộc quyền sở hữu", re.IGNORECASE)
_COPYRIGHT_END = re.compile(r"Đang tải văn bản")


def no_site_preamble(text: str) -> str:
    """The page without the site's copyright notice and its "CÁC NỘI DUNG ĐƯỢC SỬA ĐỔI" box (from the
    copyright line to "Đang tải văn bản..."): half the pages open with it, half do not (README)."""
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines[:80]) if _COPYRIGHT_START.search(line)), None)
    if start is None:
        return text
    end = next((i for i in range(start, min(len(lines), start + 60)) if _COPYRIGHT_END.search(lines[i])), None)
    if end is None:
        return text
    return "\n".join(lines[:start] + lines[end + 1:])


def no_summary(text: str) -> str:
    """The page without the site's editorial summary (a "## " heading and its paragraphs, printed
    after the metadata table and before the header table's first "|" cell): pages differ in having one."""
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines[:200]) if line.startswith("## ")), None)
    if start is None:
        return text
    end = next((i for i in range(start + 1, len(lines)) if lines[i].strip() == "|"), None)
    if end is None:
        return text
    return "\n".join(lines[:start] + lines[end:])


def plain_cells(text: str) -> str:
    """The header table's cells printed as plain lines: the "|" separators of the header block dropped
    (the README says the table is "flattened into | lines"; another conversion drops them)."""
    return _on_header(text, lambda lines: [line for line in lines if line.strip() != "|"])


def swap_cells(text: str) -> str:
    """The issuer cell and the Quốc hiệu cell in the other order: the Quốc hiệu first, then the issuer
    (a two-column header read right column first; gazette texts already interleave the columns:
    "CHÍNH PHỦ / Số: … / CỘNG HÒA …")."""
    def rewrite(lines: list[str]) -> list[str]:
        bars = [i for i, line in enumerate(lines) if line.strip() == "|"]
        if len(bars) < 3:
            return lines
        first, second, third = bars[0], bars[1], bars[2]
        issuer, motto = lines[first + 1:second], lines[second + 1:third]
        joined = " ".join(motto).replace("*", "")
        if not issuer or not re.search(r"CỘNG|HÒA|Độc lập", joined, re.IGNORECASE):
            return lines
        return lines[:first + 1] + motto + [lines[second]] + issuer + lines[third:]
    return _on_header(text, rewrite)


_NUMBER_ALONE = re.compile(r"^(\W*)Số\s*:\s*$")
_NUMBER_INLINE = re.compile(r"^(\W*Số\s*:)\s*(\S.*)$")


def number_lines(text: str) -> str:
    """ "Số:" and the document number on one line when printed on two, and on two when printed on one
    (README: "Số:", the number and the date on separate lines — in some pages, not in others)."""
    def rewrite(lines: list[str]) -> list[str]:
        for index, line in enumerate(lines):
            if _NUMBER_ALONE.match(line.strip()) and index + 1 < len(lines) and lines[index + 1].strip():
                return lines[:index] + [f"{line.rstrip()} {lines[index + 1].strip()}"] + lines[index + 2:]
            inline = _NUMBER_INLINE.match(line.strip())
            if inline and re.search(r"\d", inline.group(2)):
                return lines[:index] + [inline.group(1), inline.group(2)] + lines[index + 1:]
        return lines
    return _on_header(text, rewrite)


_PLACE_DATE = re.compile(r"^(.*?,\s*ngày)\s+(\d.*)$")
_PLACE_DATE_OPEN = re.compile(r"ngày\s*\**$")


def date_lines(text: str) -> str:
    """The place/date line split after "ngày" when printed whole, joined when split over two lines
    (tvpl_001 prints "*Lai Châu, ngày / 19 tháng 11 năm 2025*", tvpl_002 "*Hà Nội, ngày 26 / tháng 11 …")."""
    def rewrite(lines: list[str]) -> list[str]:
        for index, line in enumerate(lines):
            stripped = line.strip()
            whole = _PLACE_DATE.match(stripped)
            if whole and re.search(r"tháng", stripped):
                return lines[:index] + [whole.group(1), whole.group(2)] + lines[index + 1:]
            if re.search(r",\s*ngày", stripped) and index + 1 < len(lines) and re.search(r"tháng", lines[index + 1]):
                return lines[:index] + [f"{line.rstrip()} {lines[index + 1].strip()}"] + lines[index + 2:]
        return lines
    return _on_header(text, rewrite)


def date_glued(text: str) -> str:
    """ "ngày 19 tháng 11 năm 2025" printed "ngày 19 tháng11 năm2025" in the header (README: "tháng12")."""
    def rewrite(lines: list[str]) -> list[str]:
        return [re.sub(r"\b(tháng|năm)\s+(?=\d)", r"\1", line) if _is_date_line(lines, index) else line
                for index, line in enumerate(lines)]
    return _on_header(text, rewrite)


def _is_date_line(lines: list[str], index: int) -> bool:
    """The place/date line or its second half ("…, ngày" then "19 tháng 11 năm 2025"), not the title."""
    if re.search(r",\s*ngày\b", lines[index]):
        return True
    return index > 0 and bool(_PLACE_DATE_OPEN.search(lines[index - 1].strip())) or (
        index > 0 and bool(re.search(r",\s*ngày\b", lines[index - 1])) and bool(re.match(r"^\W*(?:\d|tháng)", lines[index].strip())))


def bold_split(text: str) -> str:
    """Bold marks closed and reopened inside the header's bold words, "**BỘ Y TẾ**" → "**BỘ Y T****Ế**"
    (README: bold marks "sometimes inside a word: **BỘ Y T****Ế**")."""
    def split(match: re.Match) -> str:
        inner = match.group(1)
        if len(inner) < 3 or not inner[-1].isalpha():
            return match.group(0)
        return f"**{inner[:-1]}****{inner[-1]}**"
    return _on_header(text, lambda lines: [re.sub(r"\*\*([^*\n]+?)\*\*", split, line) for line in lines])


_RUNNING_HEADER = re.compile(r"^\s*CÔNG BÁO\s*/\s*Số\s.*?/\s*Ngày\s.*$", re.MULTILINE)


def gazette_header_moved(text: str) -> str:
    """The gazette's running page header ("CÔNG BÁO/Số …/Ngày …") and page number printed again just
    after the "Số:" line, as a page break falling inside the header block gives (README: "a running page
    header … and page numbers interleaved mid-sentence")."""
    running = _RUNNING_HEADER.search(text)
    if not running:
        return text

    def rewrite(lines: list[str]) -> list[str]:
        for index, line in enumerate(lines):
            if re.match(r"^\W*Số\s*:", line.strip()):
                return lines[:index + 1] + ["3 ", running.group(0).strip() + " ", "  "] + lines[index + 1:]
        return lines
    return _on_header(text, rewrite)


APPENDIX_FORM = """
Phụ lục
MẪU BIÊN BẢN
(Kèm theo văn bản này)
TÊN CƠ QUAN, ĐƠN VỊ
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: ……/BB-……
……, ngày …… tháng …… năm 20……
BIÊN BẢN
Về việc kiểm tra …………
Hôm nay, vào hồi …… giờ …… ngày …… tháng …… năm ……, tại ……
"""


def appendix_form(text: str) -> str:
    """A blank appendix form with its own Quốc hiệu, "Số:" and place/date lines appended at the end of
    the body (README: "appendix forms that carry their own Quốc hiệu and 'Số:' line (not the document's
    header)"); the document's header facts stay those of its first header."""
    return text.rstrip("\n") + "\n" + APPENDIX_FORM


def number_spaced(text: str) -> str:
    """A space after the hyphen of the header's document number, "87/2025/QĐ- UBND" (README:
    "3783/QĐ- UBND" is printed so)."""
    def rewrite(lines: list[str]) -> list[str]:
        for index, line in enumerate(lines):
            number = re.search(r"(?<=\d/)([^\s/-]*?\w)-(?=\w)", line) if _is_number_line(lines, index) else None
            if number:
                return lines[:index] + [line[:number.end()] + " " + line[number.end():]] + lines[index + 1:]
        return lines
    return _on_header(text, rewrite)


def _is_number_line(lines: list[str], index: int) -> bool:
    """ "Số: 87/2025/QĐ-UBND", or the number alone under a "Số:" line."""
    if re.match(r"^\W*Số\s*:\s*\S", lines[index].strip()):
        return True
    previous = next((lines[i] for i in range(index - 1, -1, -1) if lines[i].strip()), "")
    return bool(_NUMBER_ALONE.match(previous.strip()))


def motto_dashes(text: str) -> str:
    """The motto "Độc lập - Tự do - Hạnh phúc" printed with en-dashes (README: "en-dashes in the motto")."""
    return _on_header(text, lambda lines: [re.sub(r"\s+-\s+", " – ", line) if "Độc lập" in line else line
                                           for line in lines])


def blank_lines(text: str) -> str:
    """A blank line after every header line, as converters that print each cell line as its own
    paragraph give (tvpl_001 already has blank lines around its title, other pages none)."""
    return _on_header(text, lambda lines: [part for line in lines for part in (line, "")])


def trailing_spaces(text: str) -> str:
    """Header lines with their trailing spaces removed, or given one (gazette texts end most lines with
    a space, legal-database pages none)."""
    def rewrite(lines: list[str]) -> list[str]:
        if any(line.endswith(" ") for line in lines):
            return [line.rstrip(" ") for line in lines]
        return [line + " " if line.strip() else line for line in lines]
    return _on_header(text, rewrite)


def nbsp(text: str) -> str:
    """Spaces of the header printed as no-break spaces (U+00A0), as web pages converted to text keep."""
    return _on_header(text, lambda lines: [line.replace(" ", "\u00a0") for line in lines])


_SIGN_LEAD = re.compile(r"^\W*(?:TM|KT|Q|TL|TUQ)\s*\.\s*\S")


def signed_mark(text: str) -> str:
    """ "(Đã ký)" printed above the signer's name, as pages of another crawl give for a signature
    (README: "(Đã ký)" for a signature; tvpl_091 prints it)."""
    lines = text.split("\n")
    for start, line in enumerate(lines):
        if not _SIGN_LEAD.match(line.strip()):
            continue
        for index in range(start + 1, min(len(lines), start + 12)):
            words = lines[index].replace("*", "").strip()
            if words and words.upper() != words and not _SIGN_LEAD.match(words) and len(words.split()) <= 5:
                indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
                return "\n".join(lines[:index] + [indent + "(Đã ký)"] + lines[index:])
        return text
    return text


_TRAILER_START = re.compile(r"^Văn bản này chưa cập nhật nội dung Tiếng Anh")


def no_trailer(text: str) -> str:
    """The page without the site's trailer (the act's summary line, "Văn bản này chưa cập nhật nội dung
    Tiếng Anh", related acts, the site's notices): half the pages end with it, half do not (README)."""
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if _TRAILER_START.match(line.strip())), None)
    if start is None:
        return text
    while start > 0 and lines[start - 1].strip() not in ("|", ""):
        start -= 1  # the summary line(s) printed just above it
    return "\n".join(lines[:start])


def form_mid(text: str) -> str:
    """The blank appendix form of ``appendix_form`` printed in the middle of the body instead of at its
    end (forms are annexed after any article that prescribes them): before the first article or numbered
    part in the second half of the body, never inside the signature block."""
    lines = text.split("\n")
    for index in range(len(lines) // 2, len(lines)):
        stripped = lines[index].replace("*", "").strip()
        if _SIGN_LEAD.match(stripped) or re.match(r"^(?:Nơi nhận|XÁC THỰC)", stripped):
            return text  # past the body: the form would land in the signature block
        if re.match(r"^(?:Điều\s+\d+\b|[IVX]+\.\s|\d+\.\s)", stripped):
            return "\n".join(lines[:index] + APPENDIX_FORM.strip("\n").split("\n") + lines[index:])
    return text


def bare_page(text: str) -> str:
    """The legal-database page with none of the site's matter: no copyright box, no metadata table, no
    summary, no trailer — only the document, as a clean copy of the same act would be."""
    return no_trailer(no_summary(no_portal_table(no_site_preamble(text))))


def _cells(lines: list[str]) -> list[tuple[int, int]]:
    """(first, end) line range of the header table's issuer cell (the cell before the Quốc hiệu cell,
    between "|" lines), when it holds two lines or more; the Quốc hiệu, number and date cells stay."""
    bars = [i for i, line in enumerate(lines) if line.strip() == "|"]
    for a, b, c in zip(bars, bars[1:], bars[2:]):
        motto = " ".join(lines[b + 1:c]).replace("*", "")
        if b > a + 2 and re.search(r"CỘNG\s+HÒA|Độc lập", motto):
            return [(a + 1, b)]
        if b > a + 1:
            return []
    return []


def cells_one_line(text: str) -> str:
    """Each header cell of several lines printed on one line ("**ỦY BAN NHÂN DÂN TỈNH LAI CHÂU**"
    where tvpl_001 wraps it "**ỦY BAN NHÂN / DÂN ** / TỈNH LAI CHÂU"): the wrap points are the
    converter's, not the document's."""
    def rewrite(lines: list[str]) -> list[str]:
        out = list(lines)
        for first, end in reversed(_cells(lines)):
            keep = [line for line in lines[first:end] if not re.fullmatch(r"\s*-{3,}\s*", line)]
            rules = [line for line in lines[first:end] if re.fullmatch(r"\s*-{3,}\s*", line)]
            out[first:end] = [" ".join(line.strip() for line in keep)] + rules
        return out
    return _on_header(text, rewrite)


def _rewrap(lines: list[str], width: int) -> list[str]:
    words = " ".join(line.strip() for line in lines).split()
    return [" ".join(words[i:i + width]) for i in range(0, len(words), width)]


def rewrap_cells(text: str) -> str:
    """Each header cell's words wrapped again three to a line ("**ỦY BAN NHÂN / DÂN ** / TỈNH LAI CHÂU"
    → "**ỦY BAN NHÂN / DÂN ** TỈNH LAI / CHÂU"): wrap points differ from page to page."""
    def rewrite(lines: list[str]) -> list[str]:
        out = list(lines)
        for first, end in reversed(_cells(lines)):
            keep = [line for line in lines[first:end] if not re.fullmatch(r"\s*-{3,}\s*", line)]
            rules = [line for line in lines[first:end] if re.fullmatch(r"\s*-{3,}\s*", line)]
            out[first:end] = _rewrap(keep, 3) + rules
        return out
    return _on_header(text, rewrite)


_TYPE_LINE = re.compile(r"^\**\s*(?:QUYẾT ĐỊNH|NGHỊ QUYẾT|NGHỊ ĐỊNH|THÔNG TƯ|CHỈ THỊ|KẾ HOẠCH|THÔNG BÁO|"
                        r"CÔNG ĐIỆN|QUY ĐỊNH|HƯỚNG DẪN|BÁO CÁO|CÔNG VĂN)\s*\**\s*\d*\s*$")


def rewrap_title(text: str) -> str:
    """The title under the type line wrapped again five words to a line (tvpl_001 wraps "QUY ĐỊNH THỰC
    HIỆN NẾP SỐNG VĂN MINH TRONG VIỆC CƯỚI, / VIỆC TANG …" where the gazette wraps elsewhere)."""
    def rewrite(lines: list[str]) -> list[str]:
        for index, line in enumerate(lines):
            if not _TYPE_LINE.match(line.strip()):
                continue
            first = index + 1
            while first < len(lines) and not lines[first].strip():
                first += 1
            end = first
            while end < len(lines) and lines[end].strip() and not lines[end].lstrip().startswith("*") and \
                    not re.match(r"^\W*(?:Căn cứ|Kính gửi|Thực hiện|Điều\s+\d)", lines[end].strip()):
                end += 1
            if end - first < 1 or end - first > 6:
                return lines
            return lines[:first] + _rewrap(lines[first:end], 5) + lines[end:]
        return lines
    return _on_header(text, rewrite)


def form_before(text: str) -> str:
    """A blank form (the tail of the act printed before it on the same gazette page) placed before the
    document's header: a gazette text is cut by pages, and its first page may open with the previous
    act's last annex, whose Quốc hiệu and "Số: ……" are blanks (README: appendix forms carry their own
    Quốc hiệu and "Số:" line).  Only gazette texts (they open with the running header) get it."""
    running = _RUNNING_HEADER.search(text[:400])
    if not running:
        return text
    form = APPENDIX_FORM.strip("\n").split("\n")[3:]  # the form itself, without the annex heading
    return text[: running.end()] + "\n" + "\n".join(form) + "\n" + text[running.end():]


def number_no_colon(text: str) -> str:
    """ "Số: 15/2025/QĐ-UBND" printed "Số 15/2025/QĐ-UBND" (the colon lost by a converter or a scan);
    a clerk reads the number the same."""
    def rewrite(lines: list[str]) -> list[str]:
        for index, line in enumerate(lines):
            if re.match(r"^\W*Số\s*:", line.strip()):
                return lines[:index] + [re.sub(r"Số\s*:", "Số", line, count=1)] + lines[index + 1:]
        return lines
    return _on_header(text, rewrite)


def stamp_moved(text: str) -> str:
    """The gazette's digital-signature stamp ("Người ký: … / Email: … / Cơ quan: … / Thời gian ký: …",
    README) moved from inside the first page to just after the running header, above the issuer: where
    the PDF's text layer puts the stamp depends on the file, and it names the portal, not the signer."""
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines[:120]) if line.strip().startswith("Người ký:")), None)
    running = next((i for i, line in enumerate(lines[:10]) if _RUNNING_HEADER.match(line)), None)
    if start is None or running is None or start < running:
        return text
    end = next((i for i in range(start, min(len(lines), start + 6)) if lines[i].strip().startswith("Thời gian ký")), None)
    if end is None:
        return text
    stamp = lines[start:end + 1]
    rest = lines[:start] + lines[end + 1:]
    return "\n".join(rest[:running + 1] + stamp + rest[running + 1:])


def issuer_doubled(text: str) -> str:
    """The issuer printed twice, as gazette texts print it ("CHÍNH PHỦ" / "CHÍNH PHỦ", README: "issuer
    names doubled"): the legal-database page's issuer cell repeated under itself."""
    def rewrite(lines: list[str]) -> list[str]:
        cells = _cells(lines)
        if not cells:
            return lines
        first, end = cells[0]
        words = [line for line in lines[first:end] if line.strip() and not re.fullmatch(r"\s*-{3,}\s*", line)]
        return lines[:first] + words + words + lines[first + len(words):] if lines[first:first + len(words)] == words else lines
    return _on_header(text, rewrite)


def type_split(text: str) -> str:
    """The type title wrapped over two lines ("QUYẾT" / "ĐỊNH", "NGHỊ" / "QUYẾT"), as a narrow column or
    a converter prints it."""
    def rewrite(lines: list[str]) -> list[str]:
        for index, line in enumerate(lines):
            if _TYPE_LINE.match(line.strip()):
                words = line.replace("*", "").split()
                if len(words) == 2:
                    return lines[:index] + words + lines[index + 1:]
                return lines
        return lines
    return _on_header(text, rewrite)


# --------------------------------------------------------------------------- the closing part


def _body_start(lines: list[str]) -> int:
    """Index of the body's first line ("Căn cứ …", "Điều 1", "Kính gửi") after the header's Quốc hiệu, or
    the end of the header span: the closing part comes after it."""
    start, header_end = _header_span(lines)
    for index in range(start, header_end):
        if re.match(r"^\W*(?:Căn cứ|Điều\s+1\b|Kính gửi)", lines[index].strip()):
            return index
    return header_end


def _signature_block(lines: list[str]) -> tuple[int, int] | None:
    """(lead, name) line indexes of the first signature block after the header: the first capacity line
    ("TM. …", "KT. …", "Q. …") and the signer's name under it (mixed case, five words or fewer)."""
    for lead in range(_body_start(lines), len(lines)):
        if not _SIGN_LEAD.match(lines[lead].replace("*", "").strip()):
            continue
        for index in range(lead + 1, min(len(lines), lead + 12)):
            words = lines[index].replace("*", "").strip()
            if words and words.upper() != words and not _SIGN_LEAD.match(words) and len(words.split()) <= 5 \
                    and not words.startswith(("(", "[")):
                return lead, index
        return None
    return None


def _capacity_lines(lines: list[str], lead: int, name: int) -> list[int]:
    """Indexes of the capacity lines between the lead and the name (upper-case, no signed mark)."""
    out = []
    for index in range(lead, name):
        words = lines[index].replace("*", "").strip()
        if words and words.upper() == words and not words.startswith(("(", "[")) and re.search(r"[A-ZĐ]", words):
            out.append(index)
    return out


def sign_lines_joined(text: str) -> str:
    """The signature block's capacity lines ("TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH")
    printed on one line: tvpl_091's flattened cell prints "TM. CHÍNH PHỦKT. THỦ TƯỚNGPHÓ THỦ TƯỚNG"
    on one line, tvpl_001 and congbao_019 one capacity to a line; a clerk reads the same signer."""
    lines = text.split("\n")
    block = _signature_block(lines)
    if block is None:
        return text
    capacity = _capacity_lines(lines, *block)
    if len(capacity) < 2:
        return text
    joined = " ".join(lines[i].strip() for i in capacity)
    keep = [line for i, line in enumerate(lines[capacity[0]:capacity[-1] + 1], capacity[0]) if i not in capacity]
    return "\n".join(lines[:capacity[0]] + [joined] + keep + lines[capacity[-1] + 1:])


def sign_lines_split(text: str) -> str:
    """Each capacity line of four words or more wrapped after its third ("TM. ỦY BAN NHÂN DÂN" →
    "TM. ỦY BAN" / "NHÂN DÂN", as tvpl_001 prints it; "KT. BỘ TRƯỞNG THỨ TRƯỞNG" → "KT. BỘ TRƯỞNG" /
    "THỨ TRƯỞNG"): wrap points in a narrow signature cell are the converter's."""
    lines = text.split("\n")
    block = _signature_block(lines)
    if block is None:
        return text
    out = list(lines)
    for index in reversed(_capacity_lines(lines, *block)):
        words = lines[index].replace("*", "").split()
        if len(words) >= 4:
            out[index:index + 1] = [" ".join(words[:3]), " ".join(words[3:])]
    return "\n".join(out)


def signer_bold_split(text: str) -> str:
    """The signer's name in bold with the marks closed and reopened inside its last word, "**Tống Thanh
    H****ải**" (README: bold marks "sometimes inside a word"; tvpl_001 prints the name "**Tống Thanh Hải**")."""
    lines = text.split("\n")
    block = _signature_block(lines)
    if block is None:
        return text
    _, name = block
    words = lines[name].replace("*", "").strip()
    if len(words) < 4 or not words[-1].isalpha():
        return text
    cut = len(words) - 2
    lines[name] = f"**{words[:cut]}****{words[cut:]}**"
    return "\n".join(lines)


_MARK_LINE = re.compile(r"^\W*(?:\(\s*đã\s+ký\s*\)|\[\s*daky\s*\])\W*$", re.IGNORECASE)


def _with_mark(mark: str) -> Callable[[str], str]:
    def perturb(text: str) -> str:
        lines = text.split("\n")
        block = _signature_block(lines)
        if block is None:
            return text
        lead, name = block
        marks = [i for i in range(lead, name) if _MARK_LINE.match(lines[i].strip())]
        if marks:
            return "\n".join(lines[:marks[0]] + [mark] + lines[marks[0] + 1:])
        return "\n".join(lines[:name] + [mark] + lines[name:])
    return perturb


signed_daky = _with_mark("[daky]")
signed_daky.__doc__ = """ "[daky]" above the signer's name (congbao_019 prints it so; README: "[daky]" in a signature)."""
signed_mark_lower = _with_mark("(đã ký)")
signed_mark_lower.__doc__ = """ "(đã ký)" in lower case above the signer's name (tvpl_091 prints "(Đã ký)"; case is the typist's)."""


def signed_mark_removed(text: str) -> str:
    """The signed mark ("(Đã ký)", "[daky]") dropped from the signature block (tvpl_091, congbao_019 carry
    one; the other copies print none): the name under the capacity is the signer either way."""
    lines = text.split("\n")
    block = _signature_block(lines)
    if block is None:
        return text
    lead, name = block
    kept = [line for i, line in enumerate(lines) if not (lead < i < name and _MARK_LINE.match(line.strip()))]
    return "\n".join(kept)


def _recipients_block(lines: list[str]) -> tuple[int, int] | None:
    """(start, end) of the "Nơi nhận:" block: its label and the "- …" lines under it."""
    for start in range(_body_start(lines), len(lines)):
        if re.match(r"^\W*Nơi nhận\s*:", lines[start].strip()):
            end = start + 1
            while end < len(lines) and lines[end].strip().startswith("-"):
                end += 1
            return (start, end) if end > start + 1 else None
    return None


def recipients_moved(text: str) -> str:
    """The "Nơi nhận:" block printed after the signature when before it, before when after: the two
    cells of the closing table flattened to lines in either order (tvpl_001 prints the recipients
    first, a right-to-left reading of the same table puts the signature first)."""
    lines = text.split("\n")
    recipients, block = _recipients_block(lines), _signature_block(lines)
    if recipients is None or block is None:
        return text
    start, end = recipients
    lead, name = block
    moved = lines[start:end]
    if end <= lead:  # recipients first: put them after the name
        rest = lines[:start] + lines[end:]
        at = name - (end - start) + 1
        while at < len(rest) and rest[at].strip() not in ("", "|") and len(rest[at].split()) <= 2:
            at += 1  # the rest of a name wrapped in a narrow cell ("**Lê Tấn" / "Cận**")
        return "\n".join(rest[:at] + moved + rest[at:])
    if start > name:
        rest = lines[:start] + lines[end:]
        return "\n".join(rest[:lead] + moved + rest[lead:])
    return text


_HEADER_DATE = re.compile(r"(ngày)\s*\**\s*(\d{1,2})\s*\**\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})")


def _on_date_line(text: str, rewrite: Callable[[re.Match], str]) -> str:
    def lines_rewrite(lines: list[str]) -> list[str]:
        for index, line in enumerate(lines):
            if re.search(r",\s*ngày\b", line):
                changed = _HEADER_DATE.sub(rewrite, line, count=1)
                return lines[:index] + [changed] + lines[index + 1:] if changed != line else lines
        return lines
    return _on_header(text, lines_rewrite)


def date_spaced(text: str) -> str:
    """The place/date line with doubled spaces, "ngày  19 tháng  11 năm  2025" (web pages keep doubled
    spaces and no-break spaces where the document aligns its date)."""
    return _on_date_line(text, lambda m: f"{m.group(1)}  {m.group(2)} tháng  {m.group(3)} năm  {m.group(4)}")


def date_numeric(text: str) -> str:
    """The place/date line in numeric form, "Hà Nội, ngày 19/11/2025" (the site's own notice prints
    "TP. HCM, ngày 31/05/2021" in tvpl_002, tvpl_005, tvpl_008; bodies cite "ngày 17/3/2015")."""
    return _on_date_line(text, lambda m: f"{m.group(1)} {m.group(2)}/{m.group(3)}/{m.group(4)}")


_QUOC_HIEU_PHRASES = ("cong hoa xa hoi chu nghia viet nam", "doc lap tu do hanh phuc")


def _no_quoc_hieu(text: str) -> str:
    def rewrite(lines: list[str]) -> list[str]:
        out = []
        for line in lines:
            key = " ".join(re.sub(r"[^a-z ]", " ", match_key(line)).split())
            if (len(key.split()) >= 2 or key == "cong") and any(key in phrase for phrase in _QUOC_HIEU_PHRASES):
                continue  # a line of the Quốc hiệu or the Tiêu ngữ, wrapped or whole
            out.append(line)
        return out
    return _on_header(text, rewrite)


def no_quoc_hieu(text: str) -> str:
    """The header without its Quốc hiệu and Tiêu ngữ lines (a copy that keeps only the issuer cell,
    the number and the date, as the site's other crawl and internal copies print it); the issuer,
    number, date and title are read from the same lines."""
    return _no_quoc_hieu(text)


def no_quoc_hieu_no_colon(text: str) -> str:
    """``no_quoc_hieu`` with "Số:" printed "Số" (``number_no_colon``): the header is then found by its
    number line alone."""
    return number_no_colon(_no_quoc_hieu(text))


PERTURBATIONS: dict[str, Callable[[str], str]] = {
    "crlf": crlf,
    "nfd": nfd,
    "wrong_d": wrong_d,
    "no_portal_table": no_portal_table,
    "no_site_preamble": no_site_preamble,
    "no_summary": no_summary,
    "plain_cells": plain_cells,
    "swap_cells": swap_cells,
    "number_lines": number_lines,
    "date_lines": date_lines,
    "date_glued": date_glued,
    "bold_split": bold_split,
    "gazette_header_moved": gazette_header_moved,
    "appendix_form": appendix_form,
    "number_spaced": number_spaced,
    "motto_dashes": motto_dashes,
    "blank_lines": blank_lines,
    "trailing_spaces": trailing_spaces,
    "nbsp": nbsp,
    "signed_mark": signed_mark,
    "no_trailer": no_trailer,
    "form_mid": form_mid,
    "bare_page": bare_page,
    "cells_one_line": cells_one_line,
    "rewrap_cells": rewrap_cells,
    "rewrap_title": rewrap_title,
    "form_before": form_before,
    "number_no_colon": number_no_colon,
    "stamp_moved": stamp_moved,
    "issuer_doubled": issuer_doubled,
    "type_split": type_split,
    "sign_lines_joined": sign_lines_joined,
    "sign_lines_split": sign_lines_split,
    "signer_bold_split": signer_bold_split,
    "signed_daky": signed_daky,
    "signed_mark_lower": signed_mark_lower,
    "signed_mark_removed": signed_mark_removed,
    "recipients_moved": recipients_moved,
    "date_spaced": date_spaced,
    "date_numeric": date_numeric,
    "no_quoc_hieu": no_quoc_hieu,
    "no_quoc_hieu_no_colon": no_quoc_hieu_no_colon,
}


# --------------------------------------------------------------------------- evaluation


def read_raw(path: Path) -> str:
    """The file's text as stored (UTF-8, not yet NFC-folded), so perturbations see its real bytes."""
    return path.read_bytes().decode("utf-8-sig")


def header_facts(source: str, text: str) -> dict[str, Any]:
    """Header record of a text as the product reads a file holding it (decode + NFC, then describe)."""
    from corpus import describe_text
    from corpus.readers import decode_text

    decoded, _ = decode_text(text.encode("utf-8"))
    record, _, _ = describe_text(source, decoded)
    return record.to_dict()


def _scores(label: dict[str, Any], got: dict[str, Any]) -> dict[str, bool]:
    return {field: field_matches(field, label[field], got.get(field)) for field in FIELDS if field in label}


def evaluate_perturbations(corpus: Path, expected: list[Path], only: list[str] | None = None) -> dict[str, Any]:
    """Per perturbation and field: fields right unperturbed (total), still right perturbed (kept), and
    every (file, field) that broke; plus the unperturbed score."""
    corpus = Path(corpus)
    if not corpus.is_dir():
        raise UserError(f"Không tìm thấy thư mục văn bản: {corpus}")
    names = only or list(PERTURBATIONS)
    unknown = [name for name in names if name not in PERTURBATIONS]
    if unknown:
        raise UserError(f"phép biến đổi không có (unknown perturbation): {', '.join(unknown)}; "
                        f"có: {', '.join(PERTURBATIONS)}")
    labels, warnings = load_expected([Path(p) for p in expected])
    base = {field: [0, 0] for field in FIELDS}
    table = {name: {"documents": 0, "fields": {field: [0, 0] for field in FIELDS}, "broke": []} for name in names}
    for label in sorted(labels, key=lambda r: r["file"]):
        path = corpus / label["file"]
        if not path.is_file():
            warnings.append(f"{label['file']}: không có trong {corpus}")
            continue
        raw = read_raw(path)
        right = _scores(label, header_facts(label["file"], raw))
        for field, ok in right.items():
            base[field][0] += ok
            base[field][1] += 1
        for name in names:
            changed = PERTURBATIONS[name](raw)
            if changed == raw:
                continue
            entry = table[name]
            entry["documents"] += 1
            got = header_facts(label["file"], changed)
            for field, ok in _scores(label, got).items():
                if not right[field]:
                    continue
                entry["fields"][field][1] += 1
                entry["fields"][field][0] += ok
                if not ok:
                    entry["broke"].append({"file": label["file"], "field": field,
                                           "expected": label[field], "got": got.get(field)})
    return {"corpus": str(corpus), "expected": [str(p) for p in expected], "unperturbed": base,
            "perturbations": table, "warnings": warnings}


def _cell(pair: list[int]) -> str:
    return f"{pair[0]}/{pair[1]}" if pair[1] else "—"


def format_perturb_report(result: dict[str, Any]) -> str:
    """Markdown table (perturbation × field, kept/total) then every broken (file, field)."""
    base = result["unperturbed"]
    lines = [f"corpus: {result['corpus']}", "",
             " | ".join(["perturbation", "docs", *FIELDS, "all"]), " | ".join(["---"] * (len(FIELDS) + 3))]
    total = [sum(base[f][0] for f in FIELDS), sum(base[f][1] for f in FIELDS)]
    lines.append(" | ".join(["(unperturbed, right/labelled)", "", *(_cell(base[f]) for f in FIELDS), _cell(total)]))
    for name, entry in result["perturbations"].items():
        fields = entry["fields"]
        total = [sum(fields[f][0] for f in FIELDS), sum(fields[f][1] for f in FIELDS)]
        lines.append(" | ".join([name, str(entry["documents"]), *(_cell(fields[f]) for f in FIELDS), _cell(total)]))
    lines.append("")
    for name, entry in result["perturbations"].items():
        for broke in entry["broke"]:
            lines.append(f"  {name}: {broke['file']} {broke['field']}: expected {broke['expected']!r}, "
                         f"got {broke['got']!r}")
    for warning in result["warnings"]:
        lines.append(f"warning: {warning}")
    return "\n".join(lines)

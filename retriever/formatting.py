"""Citations as officials paste them into drafts.

>>> import re

from corpus.model import DocumentRecord
>>> record = DocumentRecord("x", "x.txt", "…", "Kế hoạch", "542/KH-UBND", "2024-07-09",
...                         "UBND tỉnh Nghệ An", "Nghệ An", None, None)
>>> format_citation(record, "II.6")
'Kế hoạch 542/KH-UBND ngày 09/07/2024 của UBND tỉnh Nghệ An, mục II.6'
>>> format_citation(record, "điểm a khoản 1 Điều 3")
'Kế hoạch 542/KH-UBND ngày 09/07/2024 của UBND tỉnh Nghệ An, điểm a khoản 1 Điều 3'
"""

from __future__ import annotations

import re

from corpus.model import DocumentRecord

NEWS_TYPE = "Bài viết"


def format_date(iso: str | None) -> str:
    """"2024-07-09" → "ngày 09/07/2024"; "2022-12" → "tháng 12/2022"; "2022" → "năm 2022"."""
    if not iso:
        return ""
    parts = iso.split("-")
    if len(parts) == 3:
        return f"ngày {parts[2]}/{parts[1]}/{parts[0]}"
    if len(parts) == 2:
        return f"tháng {parts[1]}/{parts[0]}"
    return f"năm {parts[0]}"


def document_label(record: DocumentRecord) -> str:
    """Type, number, date and issuer: "Công văn số …/UBND-YT tháng 12/2022 của UBND quận Kiến An"."""
    if record.type == NEWS_TYPE or not record.type:
        pieces = [f"{record.type or 'Văn bản'} “{record.title}”"]
    else:
        pieces = [record.type]
        if record.number:
            pieces.append(record.number)
        elif record.title:
            pieces.append(f"“{_shorten(record.title)}”")
    date = format_date(record.date)
    if date:
        pieces.append(date)
    if record.issuer:
        pieces.append(f"của {record.issuer}")
    return " ".join(pieces)


# Parts of an act are cited by their own names ("khoản 1 Điều 2"); numbered parts of a plan
# by "mục" ("mục II.6").
_NAMED_PART = re.compile(r"^(?:Điều|khoản|điểm|Chương|Mục|Phần|Phụ lục)\b", re.IGNORECASE)


def format_citation(record: DocumentRecord, section: str = "") -> str:
    label = document_label(record)
    if not section:
        return label
    return f"{label}, {section}" if _NAMED_PART.match(section) else f"{label}, mục {section}"


def _shorten(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"

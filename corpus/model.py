"""Data model shared by every package: what a parsed document looks like.

All character offsets (``start``/``end``) point into ``ParsedDocument.text``, the
*cleaned* text (NFC, boilerplate and markdown emphasis removed).  Anything quoted
to a user must be ``text[start:end]`` so it can always be found again in place.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# Relation of a citing passage to the act it cites (see retriever/citations.py).
RELATIONS = (
    "can_cu",  # căn cứ: legal basis
    "thuc_hien",  # thực hiện / triển khai: implements
    "huong_dan",  # hướng dẫn: guides
    "sua_doi",  # sửa đổi / bổ sung: amends
    "thay_the",  # thay thế: replaces
    "bai_bo",  # bãi bỏ: repeals
    "nhac_den",  # plain mention
)


@dataclass
class ActReference:
    """One reference from a document to another act (Chỉ thị, Nghị quyết, Luật…)."""

    act_type: str  # "Chỉ thị", "Quyết định", "Luật", … (title case, Vietnamese)
    number: str | None  # normalized display form, e.g. "16/CT-TTg", "25-CT/TW"; None for unnumbered acts
    number_key: str | None  # matching key: upper case, no spaces, e.g. "16/CT-TTG"
    date: str | None  # ISO "YYYY-MM-DD" when the text gives it
    issuer: str | None  # "Thủ tướng Chính phủ" when the text says "của Thủ tướng Chính phủ"
    name: str | None  # for unnumbered acts: "Luật Bảo hiểm y tế"; else the trích yếu if given
    relation: str  # one of RELATIONS
    sentence: str  # the citing sentence, == ParsedDocument.text[start:end]
    start: int
    end: int
    heading: str  # heading path of the citing passage, " › "-joined

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class DocumentRecord:
    """Metadata of one document, as printed by ``python -m corpus list --json``."""

    doc_id: str
    source: str  # file name inside the corpus folder
    title: str  # trích yếu, or the headline of a news page
    type: str  # "Chỉ thị", "Kế hoạch", "Công văn", "Bài viết" (news article)…
    number: str | None  # normalized, e.g. "542/KH-UBND"; None when blank in the draft
    date: str | None  # "YYYY-MM-DD", or "YYYY-MM" when the day is blank
    issuer: str | None  # "UBND tỉnh Nghệ An", "Sở Y tế tỉnh Đồng Nai"
    place: str | None  # place in the "Nghệ An, ngày …" line
    signer: str | None
    signer_title: str | None  # signing capacity, e.g. "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
    recipients: list[str] = field(default_factory=list)  # Kính gửi + Nơi nhận lines
    cites: list[ActReference] = field(default_factory=list)
    ocr: bool = False  # True when (part of) the text was read by OCR from page images (a scanned PDF)
    # Where a legal-database page's own metadata table disagrees with the document's text, one line each
    # ("signer: văn bản 'Võ Minh Lương', bảng thuộc tính 'Vũ Minh Lương'"); the record follows the text.
    cross_check: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Node:
    """A node of the structure tree.

    kind: document | header | title | preamble | part | section | subsection |
          point | item | bullet | paragraph | signature | recipients | appendix |
          table | row
    label: the numbering as written: "II.", "6.", "6.1.", "a)", "(1)", "-", or "".
    title: heading text when the node is a heading ("Sở Giáo dục và Đào tạo"), else "".
    """

    kind: str
    label: str
    title: str
    start: int
    end: int
    children: list[Node] = field(default_factory=list)
    cells: list[str] | None = None  # for kind == "row": the rebuilt table cells

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Chunk:
    """A passage for indexing: a contiguous span of the cleaned text."""

    chunk_id: str  # f"{doc_id}:{ordinal}"
    doc_id: str
    source: str
    text: str  # == ParsedDocument.text[start:end]
    start: int
    end: int
    heading_path: list[str]  # ["II. NHIỆM VỤ", "6. Sở Giáo dục và Đào tạo"]
    section: str  # label path for citations, "III.6" / "V.1.a"; "" outside numbered parts
    kind: str  # "body", "table", "header"
    context: str  # what gets indexed: heading path + text (table rows rendered with column names)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ParsedDocument:
    record: DocumentRecord
    text: str  # cleaned text: NFC, boilerplate and ** removed; all offsets point here
    root: Node
    chunks: list[Chunk]
    warnings: list[str] = field(default_factory=list)


HEADING_SEPARATOR = " › "

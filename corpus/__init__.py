"""Corpus: read, clean, structure, describe and chunk Vietnamese health-policy documents.

>>> doc = parse_text("kh.txt", "ỦY BAN NHÂN DÂN\\nTỈNH X\\nSố: 7/KH-UBND\\nKẾ HOẠCH\\nPhòng dịch\\n1. Sở Y tế\\nChủ trì.")
>>> doc.record.number, doc.record.type, len(doc.chunks) > 0
('7/KH-UBND', 'Kế hoạch', True)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from corpus.bartables import attach_bar_tables
from corpus.chunking import build_chunks
from corpus.cleaning import clean_text, extract_portal_table
from corpus.metadata import doc_id_for, extract_record
from corpus.model import DocumentRecord, Node, ParsedDocument
from corpus.pdftables import attach_pdf_tables, pdf_beside
from corpus.readers import SUPPORTED_SUFFIXES, UnreadableDocument, read_file
from corpus.structure import parse_structure

__all__ = ["DEFAULT_CORPUS_DIR", "CorpusLoad", "describe_text", "load_corpus", "parse_document", "parse_text"]

DEFAULT_CORPUS_DIR = Path(__file__).parent / "documents"


@dataclass
class CorpusLoad:
    documents: list[ParsedDocument]
    errors: list[str]  # one line per file that could not be read
    warnings: list[str] = field(default_factory=list)  # e.g. a file with no text left after cleaning


def _label(record: DocumentRecord) -> str:
    """Short document label that starts every chunk context."""
    head = " ".join(part for part in (record.type, record.number or "") if part)
    words = record.title.split()
    title = " ".join(words[:25]) + ("…" if len(words) > 25 else "")
    return f"{head}: {title}" if head and title else head or title


def describe_text(source: str, raw_text: str, with_cites: bool = False) -> tuple[DocumentRecord, str, Node]:
    """The record, cleaned text and structure tree of one raw text, without chunking it
    (and without the references it cites unless ``with_cites``)."""
    text = clean_text(raw_text)
    if not text.strip():
        return DocumentRecord(doc_id_for(source), source, "", "", None, None, None, None, None, None), text, Node(
            "document", "", "", 0, len(text))
    root = parse_structure(text)
    attach_bar_tables(root, text, raw_text)
    portal = extract_portal_table(raw_text)
    return extract_record(doc_id_for(source), source, text, root, with_cites=with_cites, portal=portal), text, root


def parse_text(source: str, raw_text: str, warnings: list[str] | None = None,
               pdf: Path | None = None) -> ParsedDocument:
    """Clean, structure, describe and chunk one document's raw text; ``pdf``: the PDF the text
    was extracted from, whose ruled tables are read as rows (see corpus.pdftables)."""
    text = clean_text(raw_text)
    doc_id = doc_id_for(source)
    warnings = list(warnings or [])
    if not text.strip():
        record = DocumentRecord(doc_id, source, "", "", None, None, None, None, None, None)
        return ParsedDocument(record, text, Node("document", "", "", 0, len(text)), [], warnings + [f"{source}: không có nội dung sau khi làm sạch (empty after cleaning)"])
    root = parse_structure(text)
    attach_bar_tables(root, text, raw_text)
    attach_pdf_tables(root, text, raw_text, pdf, warnings)
    record = extract_record(doc_id, source, text, root, portal=extract_portal_table(raw_text))
    chunks = build_chunks(doc_id, source, text, root, title=_label(record))
    return ParsedDocument(record, text, root, chunks, warnings)


def parse_document(path: Path) -> ParsedDocument:
    """Read and parse one file; raises UnreadableDocument (one-line message)."""
    raw = read_file(Path(path))
    document = parse_text(raw.source, raw.text, raw.warnings, pdf=pdf_beside(Path(path)))
    document.record.ocr = raw.ocr
    return document


def _candidates(directory: Path) -> list[Path]:
    return sorted(
        p for p in directory.iterdir()
        if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in SUPPORTED_SUFFIXES
    )


def load_corpus(directory: Path = DEFAULT_CORPUS_DIR) -> CorpusLoad:
    """Parse every supported file of ``directory`` (not recursive), in name order."""
    return load_files(_candidates(Path(directory)))


def corpus_files(directory: Path) -> list[Path]:
    """The supported files of ``directory`` that ``load_corpus`` reads, in name order."""
    return list(_candidates(Path(directory)))


def load_files(paths) -> CorpusLoad:
    """Parse these files, in the order given; unreadable ones become one-line errors."""
    load = CorpusLoad([], [])
    for path in paths:
        try:
            document = parse_document(path)
        except UnreadableDocument as error:
            load.errors.append(str(error).splitlines()[0])
            continue
        except Exception as error:  # noqa: BLE001 - one bad file must not stop the corpus
            load.errors.append(f"{path.name}: lỗi khi phân tích ({type(error).__name__}: {error})".splitlines()[0])
            continue
        # The reader's own warnings first: they say why (a scan without Tesseract…).
        load.warnings.extend(w for w in document.warnings if "empty after cleaning" not in w)
        if not document.text.strip():
            load.warnings.append(f"{path.name}: không có nội dung đọc được, bỏ qua (no text after cleaning)")
            continue
        load.documents.append(document)
    return load

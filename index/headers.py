"""Document headers as BM25 tokens: what a clerk reads a document by, tokenized once at build.

A question names a document by its header fields (type, number, title, issuer); retrieval scores
every document's header against the question (``retriever.documents.DocumentHeaders``). Turning a
header into tokens runs the word segmenter, ~4 ms a document (0.47 s at 121 documents): like the
passages' tokens, the header tokens are made at build and saved in the version folder
(``headers.jsonl``), their format versioned in the manifest (``headers_version``). An index
written before that, or by an older format, has none: the searcher tokenizes the headers at load.

>>> from corpus.model import DocumentRecord
>>> from index.tokenization import Tokenizer
>>> record = DocumentRecord("a", "a.txt", "giá dịch vụ", "Thông tư", "35/2025/TT-BXD", None, "Bộ Xây dựng",
...                         None, None, None)
>>> header_text(record)
'Thông tư 35/2025/TT-BXD giá dịch vụ Bộ Xây dựng'
>>> header_tokens(record, Tokenizer(segment_words=False, bigrams=False, accented=False))
['thong', 'tu', '35', '2025', 'tt', 'bxd', 'gia', 'dich', 'vu', 'bo', 'xay', 'dung', '35/2025/tt-bxd']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from corpus.model import DocumentRecord

HEADERS_FILE = "headers.jsonl"
# Bump when header_text or what is saved changes: an index holding another version's file
# tokenizes its headers at load instead of reading them.
HEADERS_VERSION = 1
EMPTY_HEADER = "\u2205"  # a document without header fields keeps a row (as bm25 does for empty passages)


def header_text(record: DocumentRecord) -> str:
    """The fields a clerk reads a document by: type, number, title (trích yếu), issuer."""
    return " ".join(part for part in (record.type, record.number, record.title, record.issuer) if part)


def header_tokens(record: DocumentRecord, tokenizer) -> list[str]:
    """The BM25 tokens of a document's header (passage-side tokens: accents and compounds kept)."""
    return tokenizer.passage_tokens(header_text(record)) or [EMPTY_HEADER]


def headers_of(records: Iterable[DocumentRecord], tokenizer,
               known: Mapping[str, tuple[str, list[str]]] | None = None) -> dict[str, list[str]]:
    """Header tokens by doc_id. ``known``: (header text, tokens) of an earlier version by doc_id,
    reused when the header text is unchanged (``index add`` tokenizes only new headers)."""
    out = {}
    for record in records:
        previous = (known or {}).get(record.doc_id)
        text = header_text(record)
        out[record.doc_id] = previous[1] if previous and previous[0] == text else header_tokens(record, tokenizer)
    return out

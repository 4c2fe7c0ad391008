"""The service layer of the app: everything the pages and the API need, as JSON-ready results.

:class:`Backend` is built once (index, model, citation graph, effect status, draft checker) and
then only read by the request threads; :meth:`Backend.add_files` (the upload panel, off unless the
app runs with ``--allow-upload``) swaps in a reloaded searcher under a lock.  Results are plain
dicts (the public API's JSON) typed with ``TypedDict`` so each shape is written down once.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any, TypedDict
from urllib.parse import urlencode

from corpus.errors import UserError
from retriever.citations import RELATION_LABELS

log = logging.getLogger("healthqa.app")

MAX_QUERY_CHARS = 1000
DEFAULT_CONCURRENCY = 4
EXAMPLE_QUESTIONS = [
    "Sở nào chủ trì y tế trường học?",
    "Tỷ lệ tham gia BHYT mục tiêu năm 2030?",
    "Văn bản nào triển khai Chỉ thị 16/CT-TTg?",
    "so nao chu tri y te truong hoc",
]
EXAMPLE_SEARCHES = ["y tế trường học", "bao hiem y te hoc sinh", "y học cổ truyền", "tiêm chủng"]
EXAMPLE_ACTS = ["16/CT-TTg", "25-CT/TW", "Chỉ thị 16"]
ALL = "Tất cả"
EMPTY_QUESTION = "Vui lòng nhập câu hỏi, ví dụ: “Sở nào chủ trì y tế trường học?”"
EMPTY_QUERY = "Vui lòng nhập từ khóa tìm kiếm, ví dụ: “y tế trường học”."
EMPTY_ACT = "Vui lòng nhập số hiệu văn bản, ví dụ: “16/CT-TTg”."
INTERNAL_ERROR = "Đã có lỗi khi xử lý yêu cầu; vui lòng thử lại."
EMPTY_DRAFT = "Vui lòng dán nội dung dự thảo hoặc tải lên tệp .docx/.txt."
MAX_DRAFT_CHARS = 200_000


class SearchResultDict(TypedDict, total=False):
    query: str
    hits: list[dict]
    took_ms: float
    message: str


class CiteResultDict(TypedDict, total=False):
    act: str
    relation: str | None
    matches: list[dict]  # each with "status": {"state", "as_of", "effective_date", "by": [...]}
    cited_by: list[dict]
    cites: list[dict]
    message: str | None


class DocumentResultDict(TypedDict, total=False):
    source: str
    doc_id: str
    citation: str
    record: dict
    text: str
    outline: list[dict]
    passage: dict | None
    status: dict | None
    message: str | None


class CheckResultDict(TypedDict, total=False):
    as_of: str
    references: list[dict]  # {"text", "start", "end", "act", "verdicts", "correct_citation", "status", "evidence", "confidence"}
    suggested_bases: list[dict]
    message: str


class UploadResultDict(TypedDict, total=False):
    added: list[dict]  # header facts of each added document
    errors: list[str]  # one line per file that could not be read
    message: str


class Backend:
    """Everything the UI and the API need; built once, then only read (an upload swaps it whole)."""

    def __init__(self, searcher, answerer=None, citations=None, answer_error: str | None = None,
                 index_dir: Path | None = None, allow_upload: bool = False, max_upload_bytes: int = 20_000_000):
        self.index_dir = Path(index_dir) if index_dir else None
        self.storage = "local"  # the index backend (Backend.load sets it): local or milvus
        self.allow_upload = allow_upload
        self.max_upload_bytes = max_upload_bytes
        self.answer_error = answer_error
        self._lock = threading.Lock()
        self._install(searcher, answerer, citations)

    def _install(self, searcher, answerer, citations) -> None:
        from retriever.draft_check import DraftChecker

        if citations is None:
            from retriever.citations import CitationIndex

            citations = CitationIndex(searcher.store)
        self.searcher = searcher
        self.store = searcher.store
        self.answerer = answerer
        self.citations = citations
        self.status = citations.status_index
        searcher.status_index = self.status  # the in-force filter reads the same statements
        self.checker = DraftChecker(self.store, self.status)
        self._by_source = {d.record.source: d for d in self.store.documents.values()}
        records = [d.record for d in self.store.documents.values()]
        self.types = sorted({r.type for r in records if r.type})
        self.issuers = sorted({r.issuer for r in records if r.issuer})
        self.years = sorted({int(r.date[:4]) for r in records if r.date and r.date[:4].isdigit()}, reverse=True)
        self.sources = sorted(self._by_source)

    @staticmethod
    def _answerer_for(searcher):
        """The QA layer (retriever.qa), or the reason it is missing."""
        try:
            from retriever.qa import Answerer
            from retriever.generation import generator_from_env

            # Extractive answers; an LLM rewrite only when HEALTHQA_LLM_URL names one (off by default).
            return Answerer(searcher, generator_from_env()), None
        except ImportError as error:  # search and citations still work without the QA module
            message = f"Chức năng hỏi đáp chưa sẵn sàng ({error})."
            log.warning(message)
            return None, message

    @classmethod
    def load(cls, index_dir: Path, model: str | None = None, allow_upload: bool = False,
             max_upload_bytes: int = 20_000_000, backend: str | None = None) -> "Backend":
        """`backend`: where the index lives, ``local`` or ``milvus`` (default HEALTHQA_BACKEND, else local)."""
        from index.backends import backend_name
        from retriever.search import HybridSearcher

        kind = backend_name(backend)
        searcher = HybridSearcher.load(index_dir, model, backend=kind)
        answerer, answer_error = cls._answerer_for(searcher)
        citations = getattr(answerer, "citations", None)
        backend = cls(searcher, answerer, citations, answer_error, index_dir, allow_upload, max_upload_bytes)
        backend.storage = kind
        backend.warm_up()
        return backend

    def warm_up(self) -> None:
        """First query pays for lazy initialisation (tokenizer, torch); do it before serving."""
        try:
            self.searcher.search("y tế", k=1)
            if self.answerer is not None:
                self.answerer.ask(EXAMPLE_QUESTIONS[0])
        except Exception:  # noqa: BLE001 - warm-up is best effort
            log.exception("warm-up search failed")

    # -------------------------------------------------------------------- check
    def check(self, text: str, as_of: str | None = None) -> dict:
        """Draft check (retriever.draft_check): every reference with verdicts, correction, evidence."""
        from retriever.draft_check import check_report

        text = "" if text is None else str(text).replace("\x00", " ")[:MAX_DRAFT_CHARS]
        if not text.strip():
            return {"as_of": "", "references": [], "suggested_bases": [], "message": EMPTY_DRAFT}
        try:
            report = check_report(self.checker, text, (as_of or "").strip() or None)
        except UserError as error:
            return {"as_of": "", "references": [], "suggested_bases": [], "message": str(error)}
        if not report["references"]:
            report["message"] = "Không tìm thấy trích dẫn văn bản nào (số hiệu như 281/QĐ-TTg) trong dự thảo."
        for ref in report["references"]:
            for evidence in ref.get("evidence") or []:
                evidence["document_url"] = self.document_url(evidence.get("source"), evidence.get("start"),
                                                             evidence.get("end"))
        return report

    def check_file(self, path: str | Path | None, as_of: str | None = None) -> dict:
        """Draft check of an uploaded .docx/.txt (any format the corpus readers read)."""
        from corpus.readers import UnreadableDocument, read_file

        if not path:
            return self.check("", as_of)
        try:
            text = read_file(Path(path)).text
        except UnreadableDocument as error:
            return {"as_of": "", "references": [], "suggested_bases": [], "message": str(error).splitlines()[0]}
        return self.check(text, as_of)

    # ------------------------------------------------------------------- upload
    def add_files(self, paths: list[str | Path], progress=None) -> dict:
        """Add documents to the index in place (index.builder.add_documents), then reload the searcher.

        Off unless the app was started with ``--allow-upload``; files over the size limit are refused
        with their reason and the rest still go in.  ``progress(fraction, text)`` reports each step.
        """
        from index.builder import add_documents

        if not self.allow_upload or self.index_dir is None:
            return {"added": [], "errors": [], "message": "Chức năng thêm văn bản đang tắt (khởi động với --allow-upload)."}
        report = progress or (lambda fraction, text: None)
        errors: list[str] = []
        accepted: list[Path] = []
        for path in [Path(p) for p in paths or []]:
            try:
                size = path.stat().st_size
            except OSError:
                errors.append(f"{path.name}: không đọc được tệp")
                continue
            if size > self.max_upload_bytes:
                errors.append(f"{path.name}: tệp quá lớn ({size // 1_000_000} MB > {self.max_upload_bytes // 1_000_000} MB)")
                continue
            accepted.append(path)
        if not accepted:
            return {"added": [], "errors": errors, "message": "Không có tệp nào được thêm." if errors else "Chưa chọn tệp nào."}
        with self._lock:
            report(0.1, "Đang đọc, nhận dạng (OCR nếu cần) và nhúng văn bản…")
            result = add_documents(accepted, self.index_dir, backend=self.storage)
            errors.extend(result.errors)
            report(0.8, "Đang nạp lại chỉ mục…")
            self._reload()
        names = {p.name for p in accepted}
        added = []
        for stored in self.store.documents.values():
            record = stored.record
            if record.source in names:
                added.append({"source": record.source, "type": record.type, "number": record.number,
                              "date": record.date, "issuer": record.issuer, "title": record.title,
                              "signer": record.signer,
                              "chunks": sum(1 for c in self.store.chunks if c.doc_id == record.doc_id),
                              "document_url": self.document_url(record.source)})
        report(1.0, "Xong")
        return {"added": added, "errors": errors,
                "message": f"Đã thêm {len(added)} văn bản; chỉ mục có {len(self.store.documents)} văn bản."}

    def _reload(self) -> None:
        """A new searcher over the index as it is on disk now, reusing the loaded model."""
        from index.backends import open_store
        from retriever.search import HybridSearcher

        searcher = HybridSearcher(open_store(self.index_dir, self.storage), self.searcher.embedder)
        answerer, error = self._answerer_for(searcher)
        self.answer_error = error
        self._install(searcher, answerer, getattr(answerer, "citations", None))

    # ------------------------------------------------------------------- helpers
    def record_of(self, source: str):
        stored = self._by_source.get(source)
        return stored.record if stored else None

    def document_url(self, source: str, start: int | None = None, end: int | None = None,
                     mark_start: int | None = None, mark_end: int | None = None) -> str:
        """Relative link that opens this app's document view at the passage."""
        params: dict[str, Any] = {"doc": source}
        if start is not None and end is not None:
            params.update(start=int(start), end=int(end))
        if mark_start is not None and mark_end is not None:
            params.update(mark_start=int(mark_start), mark_end=int(mark_end))
        return "?" + urlencode(params)

    def _filters(self, type: str | None, issuer: str | None, year: Any, source: str | None = None,
                 in_force: Any = False):
        from retriever.search import SearchFilters

        def clean(value):
            value = (value or "").strip() if isinstance(value, str) else value
            return None if value in (None, "", ALL) else value

        year = clean(year)
        if year is not None:
            try:
                year = int(year)
            except (TypeError, ValueError):
                raise UserError(f"Năm không hợp lệ: {str(year)[:20]}") from None
            year = year or None  # 0 means "any year"
        return SearchFilters(clean(type), clean(issuer), year, clean(source), in_force=bool(in_force))

    # ----------------------------------------------------------------------- ask
    def ask(self, question: str, type: str | None = None, issuer: str | None = None, year: Any = None) -> dict:
        question = _clean_input(question)
        if not question:
            return {"question": "", "answer": None, "abstained": True, "quotes": [], "message": EMPTY_QUESTION,
                    "took_ms": 0.0}
        if self.answerer is None:
            return {"question": question, "answer": None, "abstained": True, "quotes": [],
                    "message": self.answer_error or "Chức năng hỏi đáp chưa sẵn sàng.", "took_ms": 0.0}
        try:
            filters = self._filters(type, issuer, year)
            answer = self.answerer.ask(question, filters=filters if filters.active() else None)
        except UserError as error:
            return {"question": question, "answer": None, "abstained": True, "quotes": [], "message": str(error),
                    "took_ms": 0.0}
        data = answer.to_dict()
        data["question"] = question
        for quote in data.get("quotes", []):
            quote["document_url"] = self.document_url(quote.get("source"), quote.get("start"), quote.get("end"),
                                                      quote.get("answer_start"), quote.get("answer_end"))
        return data

    # -------------------------------------------------------------------- search
    def search(self, query: str, k: int = 5, type: str | None = None, issuer: str | None = None, year: Any = None,
               source: str | None = None, mode: str = "hybrid", in_force: Any = False) -> dict:
        query = _clean_input(query)
        if not query:
            return {"query": "", "hits": [], "took_ms": 0.0, "message": EMPTY_QUERY}
        try:
            k = max(1, min(int(k or 5), 50))
            result = self.searcher.search(query, k=k, filters=self._filters(type, issuer, year, source, in_force),
                                          mode=mode or "hybrid")
        except UserError as error:
            return {"query": query, "hits": [], "took_ms": 0.0, "message": str(error)}
        data = result.to_dict()
        for hit in data["hits"]:
            hit["document_url"] = self.document_url(hit["source"], hit["start"], hit["end"])
        return data

    # ---------------------------------------------------------------------- cite
    def cite(self, act: str, relation: str | None = None, as_of: str | None = None) -> dict:
        act = _clean_input(act, 200)
        if not act:
            return {"act": "", "matches": [], "cited_by": [], "cites": [], "message": EMPTY_ACT}
        if self.citations is None:
            return {"act": act, "matches": [], "cited_by": [], "cites": [],
                    "message": "Chức năng tra cứu trích dẫn chưa sẵn sàng."}
        relation = None if relation in (None, "", ALL) else relation
        if relation is not None and relation not in RELATION_LABELS:
            relation = next((key for key, label in RELATION_LABELS.items() if label == relation), relation)
        try:
            data = self.citations.lookup(act, relation, (as_of or "").strip() or None)
        except UserError as error:
            return {"act": act, "matches": [], "cited_by": [], "cites": [], "message": str(error)}
        data = _jsonable(data)
        for edge in list(data.get("cited_by") or []) + list(data.get("cites") or []):
            if not isinstance(edge, dict) or not edge.get("source"):
                continue
            edge["document_url"] = self.document_url(edge["source"], edge.get("start"), edge.get("end"))
            for quote in edge.get("quotes") or []:
                quote["document_url"] = self.document_url(edge["source"], quote.get("start"), quote.get("end"))
        return data

    def most_cited(self, limit: int | None = 10) -> list[dict]:
        if self.citations is None:
            return []
        return _jsonable(self.citations.most_cited(limit=limit or None))

    # ------------------------------------------------------------------ document
    def document(self, source: str, start: Any = None, end: Any = None, mark_start: Any = None,
                 mark_end: Any = None) -> dict:
        from corpus.structure import heading_path_at, heading_text, is_heading_node, iter_nodes, section_label_at
        from retriever.formatting import format_citation

        source = (source or "").strip()
        stored = self._by_source.get(source)
        if stored is None:
            return {"source": source, "message": f"Không có văn bản “{source[:200]}” trong chỉ mục."
                    if source else "Vui lòng chọn một văn bản."}
        text, record = stored.text, stored.record
        data: dict[str, Any] = {
            "source": source, "doc_id": record.doc_id, "citation": format_citation(record),
            "record": record.to_dict(), "text": text,
            "outline": [
                {"kind": node.kind, "label": node.label, "heading": heading_text(node, text),
                 "start": node.start, "end": node.end}
                for node in iter_nodes(stored.root) if is_heading_node(node, text)
            ],
            "passage": None, "message": None,
            "status": self.status.document_status(record.doc_id).to_dict(),
        }
        span = _span(start, end, len(text))
        if span is None and (start not in (None, "") or end not in (None, "")):
            data["message"] = "Vị trí đoạn trích không hợp lệ; hiển thị toàn văn."
        if span:
            section = section_label_at(stored.root, span[0], span[1])
            data["passage"] = {
                "start": span[0], "end": span[1], "text": text[span[0]:span[1]],
                "heading": " › ".join(heading_path_at(stored.root, span[0], text, span[1])),
                "section": section, "citation": format_citation(record, section),
            }
            mark = _span(mark_start, mark_end, len(text))
            if mark:
                data["passage"]["mark_start"], data["passage"]["mark_end"] = mark
        return data


def _clean_input(value: Any, limit: int = MAX_QUERY_CHARS) -> str:
    if value is None:
        return ""
    text = str(value).replace("\x00", " ").strip()
    return text[:limit]


def _span(start: Any, end: Any, length: int) -> tuple[int, int] | None:
    try:
        start, end = int(start), int(end)
    except (TypeError, ValueError):
        return None
    if 0 <= start < end <= length:
        return start, end
    return None


def _jsonable(value: Any) -> Any:
    """dataclasses / tuples / sets → plain JSON types (gradio_client gets dicts and lists)."""
    if hasattr(value, "to_dict"):
        return _jsonable(value.to_dict())
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)

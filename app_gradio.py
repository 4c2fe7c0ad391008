"""Gradio app: Hỏi đáp, Tìm kiếm, Tra cứu trích dẫn and a document view.

    python app_gradio.py [--host 127.0.0.1] [--port 7860] [--index DIR] [--model NAME] [--share]

The index and the embedding model are loaded once and shared read-only by every
request (searches are thread-safe reads); Gradio's queue bounds the concurrency.

Public API (``gradio_client``), each returning JSON-serializable dicts:

* ``/ask``      (question, type, issuer, year) → Answer.to_dict() + ``document_url`` per quote
* ``/search``   (query, k, type, issuer, year, source, mode) → SearchResult.to_dict()
* ``/cite``     (act, relation) → CitationIndex.lookup(...)
* ``/most_cited`` (limit) → {"acts": [...]}
* ``/document`` (source, start, end) → cleaned text, metadata, outline, highlighted passage

Everything put into ``gr.HTML`` goes through ``html.escape``: a question holding
``<script>`` comes back as text.
"""

# No ``from __future__ import annotations``: gr.api reads the real type hints.

import argparse
import html
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # never phone home
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from corpus.errors import UserError  # noqa: E402  (cheap; gradio is imported in main)
from retriever.citations import RELATION_LABELS  # noqa: E402

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


# =========================================================================== backend
class Backend:
    """Everything the UI and the API need; built once, then only read."""

    def __init__(self, searcher, answerer=None, citations=None, answer_error: str | None = None):
        self.searcher = searcher
        self.store = searcher.store
        self.answerer = answerer
        self.citations = citations
        self.answer_error = answer_error
        self._by_source = {d.record.source: d for d in self.store.documents.values()}
        records = [d.record for d in self.store.documents.values()]
        self.types = sorted({r.type for r in records if r.type})
        self.issuers = sorted({r.issuer for r in records if r.issuer})
        self.years = sorted({int(r.date[:4]) for r in records if r.date and r.date[:4].isdigit()}, reverse=True)
        self.sources = sorted(self._by_source)

    @classmethod
    def load(cls, index_dir: Path, model: str | None = None) -> "Backend":
        from retriever.search import HybridSearcher

        searcher = HybridSearcher.load(index_dir, model)
        answerer = citations = None
        answer_error = None
        try:
            from retriever.qa import Answerer
            from retriever.generation import generator_from_env

            # Extractive answers; an LLM rewrite only when HEALTHQA_LLM_URL names one (off by default).
            answerer = Answerer(searcher, generator_from_env())
            citations = getattr(answerer, "citations", None)
        except ImportError as error:  # search and citations still work without the QA module
            answer_error = f"Chức năng hỏi đáp chưa sẵn sàng ({error})."
            log.warning(answer_error)
        if citations is None:
            from retriever.citations import CitationIndex

            citations = CitationIndex(searcher.store)
        backend = cls(searcher, answerer, citations, answer_error)
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

    def _filters(self, type: str | None, issuer: str | None, year: Any, source: str | None = None):
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
        return SearchFilters(clean(type), clean(issuer), year, clean(source))

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
               source: str | None = None, mode: str = "hybrid") -> dict:
        query = _clean_input(query)
        if not query:
            return {"query": "", "hits": [], "took_ms": 0.0, "message": EMPTY_QUERY}
        try:
            k = max(1, min(int(k or 5), 50))
            result = self.searcher.search(query, k=k, filters=self._filters(type, issuer, year, source),
                                          mode=mode or "hybrid")
        except UserError as error:
            return {"query": query, "hits": [], "took_ms": 0.0, "message": str(error)}
        data = result.to_dict()
        for hit in data["hits"]:
            hit["document_url"] = self.document_url(hit["source"], hit["start"], hit["end"])
        return data

    # ---------------------------------------------------------------------- cite
    def cite(self, act: str, relation: str | None = None) -> dict:
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
            data = self.citations.lookup(act, relation)
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


# =========================================================================== rendering
def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _message_html(message: str | None, kind: str = "info") -> str:
    return f'<div class="hq-msg hq-msg-{kind}">{esc(message)}</div>' if message else ""


def _mark(text: str, offset: int, marks: list[tuple[int, int, str]]) -> str:
    """Escape ``text`` (which starts at ``offset`` in the document) wrapping the marked spans."""
    cuts = {0, len(text)}
    for start, end, _ in marks:
        for position in (start - offset, end - offset):
            if 0 < position < len(text):
                cuts.add(position)
    cuts = sorted(cuts)
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = esc(text[a:b])
        classes = [cls for start, end, cls in marks if start <= offset + a and offset + b <= end]
        for cls in classes:
            piece = f'<mark class="{cls}">{piece}</mark>'
        out.append(piece)
    return "".join(out)


def _copy_button(citation: str) -> str:
    return (f'<button type="button" class="hq-copy" data-copy="{esc(citation)}" '
            f'title="Sao chép trích dẫn vào bộ nhớ tạm">Sao chép trích dẫn</button>')


def _open_link(url: str, label: str = "Mở văn bản tại đoạn này") -> str:
    return f'<a class="hq-open" href="{esc(url)}" target="_blank" rel="noopener">↗ {esc(label)}</a>'


def render_answer(data: dict) -> str:
    parts = ['<div class="hq-result hq-answer-result">']
    question = data.get("question")
    if question:
        parts.append(f'<div class="hq-question">Câu hỏi: <span class="hq-question-text">{esc(question)}</span></div>')
    answer = data.get("answer")
    if answer and not data.get("abstained"):
        parts.append(f'<div class="hq-answer"><strong>{esc(answer)}</strong></div>')
    elif question:
        parts.append('<div class="hq-answer hq-abstain">Không tìm thấy câu trả lời chắc chắn trong các văn bản'
                     + ("; các đoạn liên quan nhất:" if data.get("quotes") else ".") + "</div>")
    if data.get("generated"):
        parts.append('<div class="hq-generated"><div class="hq-heading">Diễn giải bởi mô hình ngôn ngữ '
                     f'(kiểm tra lại với trích dẫn bên dưới):</div>{esc(data["generated"])}</div>')
    parts.append(_message_html(data.get("message"), "warn" if not question else "info"))
    quotes = data.get("quotes") or []
    if quotes:
        parts.append('<ol class="hq-quotes">')
        for quote in quotes:
            text, start = quote.get("text") or "", quote.get("start") or 0
            marks = []
            if quote.get("answer_start") is not None and quote.get("answer_end") is not None:
                marks.append((quote["answer_start"], quote["answer_end"], "hq-span"))
            parts.append('<li class="hq-quote">')
            parts.append(f'<blockquote class="hq-quote-text">{_mark(text, start, marks)}</blockquote>')
            parts.append(f'<div class="hq-cite">— {esc(quote.get("citation"))}</div>')
            if quote.get("heading"):
                parts.append(f'<div class="hq-heading">{esc(quote["heading"])}</div>')
            parts.append('<div class="hq-actions">' + _copy_button(quote.get("citation") or "")
                         + _open_link(quote.get("document_url") or "") + "</div></li>")
        parts.append("</ol>")
    if data.get("took_ms"):
        parts.append(f'<div class="hq-took">{float(data["took_ms"]):.0f} ms</div>')
    parts.append("</div>")
    return "".join(parts)


def render_search(data: dict) -> str:
    parts = ['<div class="hq-result hq-search-result">']
    parts.append(_message_html(data.get("message"), "warn" if not data.get("query") else "info"))
    hits = data.get("hits") or []
    if data.get("query"):
        parts.append(f'<div class="hq-question">Kết quả cho: <span class="hq-question-text">{esc(data["query"])}</span>'
                     f' — {len(hits)} đoạn, {float(data.get("took_ms") or 0):.0f} ms</div>')
        if not hits and not data.get("message"):
            parts.append(_message_html("Không tìm thấy đoạn văn phù hợp."))
    if hits:
        parts.append('<ol class="hq-hits">')
        for hit in hits:
            parts.append('<li class="hq-hit">')
            parts.append(f'<div class="hq-cite"><b>{esc(hit["citation"])}</b> <span class="hq-score">'
                         f'điểm {float(hit["score"]):.3f}</span></div>')
            if hit.get("heading"):
                parts.append(f'<div class="hq-heading">{esc(hit["heading"])}</div>')
            parts.append(f'<blockquote class="hq-quote-text">{esc(hit["text"])}</blockquote>')
            if hit.get("also_in"):
                others = "; ".join(esc(o.get("citation")) for o in hit["also_in"])
                parts.append(f'<div class="hq-also">Cũng có trong: {others}</div>')
            parts.append('<div class="hq-actions">' + _copy_button(hit["citation"])
                         + _open_link(hit.get("document_url") or "") + "</div></li>")
        parts.append("</ol>")
    parts.append("</div>")
    return "".join(parts)


def _act_label(act: Any) -> str:
    if not isinstance(act, dict):
        return str(act or "")
    return str(act.get("label") or act.get("act") or act.get("number") or act.get("name") or act.get("act_id") or "")


def _quote_block(quote: dict, link_label: str) -> str:
    citation = quote.get("citation") or ""
    actions = _copy_button(citation)
    if quote.get("document_url"):
        actions += _open_link(quote["document_url"], link_label)
    return (f'<blockquote class="hq-quote-text">{esc(quote.get("text"))}</blockquote>'
            f'<div class="hq-actions"><span class="hq-cite-small">{esc(citation)}</span>{actions}</div>')


def render_cite(data: dict) -> str:
    parts = ['<div class="hq-result hq-cite-result">']
    matches = data.get("matches") or []
    if matches:
        parts.append('<div class="hq-question">Văn bản được tra: '
                     + "; ".join(f"<b>{esc(_act_label(m))}</b>" for m in matches) + "</div>")
    parts.append(_message_html(data.get("message"), "warn" if not matches else "info"))
    sections = (("cited_by", "Các văn bản dẫn chiếu", "Mở văn bản tại câu dẫn"),
                ("cites", "Văn bản này dẫn chiếu", "Mở tại câu dẫn"))
    for key, title, link_label in sections:
        edges = [e for e in data.get(key) or [] if isinstance(e, dict)]
        if not edges:
            continue
        parts.append(f'<h4 class="hq-edges-title">{esc(title)} ({len(edges)})</h4><ol class="hq-edges">')
        for edge in edges:
            relations = edge.get("relations") or [edge.get("relation")]
            labels = "".join(f'<span class="hq-rel">{esc(RELATION_LABELS.get(r, r))}</span> '
                             for r in relations if r)
            if key == "cites":
                head = f'<b>{esc(_act_label(edge))}</b> {labels}'
            else:
                head = f'<b>{esc(edge.get("citation") or edge.get("source"))}</b> {labels}'
            parts.append(f'<li class="hq-edge"><div class="hq-cite">{head}</div>')
            quotes = edge.get("quotes") or [{"text": edge.get("quote"), "citation": edge.get("citation"),
                                             "document_url": edge.get("document_url"),
                                             "heading": edge.get("heading")}]
            for quote in quotes:
                if quote.get("heading"):
                    parts.append(f'<div class="hq-heading">{esc(quote["heading"])}</div>')
                parts.append(_quote_block(quote, link_label))
            parts.append("</li>")
        parts.append("</ol>")
    parts.append("</div>")
    return "".join(parts)


def render_most_cited(acts: list[dict]) -> str:
    if not acts:
        return _message_html("Chưa có dữ liệu trích dẫn.")
    rows = []
    for rank, act in enumerate(acts, 1):
        link = "?" + urlencode({"act": act.get("act") or ""})
        documents = [d for d in act.get("documents") or [] if isinstance(d, dict)]
        names = "<br>".join(f'{esc(d.get("citation") or d.get("source"))} '
                            f'<span class="hq-rel">{esc(RELATION_LABELS.get(d.get("relation"), d.get("relation") or ""))}'
                            "</span>" for d in documents)
        rows.append(f'<tr><td class="hq-num">{rank}</td><td><a href="{esc(link)}">{esc(_act_label(act))}</a></td>'
                    f'<td class="hq-num">{esc(act.get("count"))}</td><td class="hq-docs">{names}</td></tr>')
    return ('<table class="hq-table"><thead><tr><th>#</th><th>Văn bản được dẫn</th><th>Số văn bản dẫn</th>'
            '<th>Văn bản dẫn chiếu</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>")


def render_document(data: dict, root=None) -> str:
    """Metadata, outline and the cleaned text laid out along its structure tree, passage marked."""
    if not data.get("text"):
        return _message_html(data.get("message") or "Vui lòng chọn một văn bản.", "warn")
    text, record = data["text"], data["record"]
    marks: list[tuple[int, int, str]] = []
    passage = data.get("passage")
    if passage:
        marks.append((passage["start"], passage["end"], "hq-passage"))
        if passage.get("mark_start") is not None:
            marks.append((passage["mark_start"], passage["mark_end"], "hq-span"))
    parts = ['<div class="hq-document">', f'<h3 class="hq-doc-title">{esc(data["citation"])}</h3>']
    parts.append(_message_html(data.get("message"), "warn"))
    meta = [
        ("Loại văn bản", record.get("type")), ("Số hiệu", record.get("number")), ("Ngày", record.get("date")),
        ("Cơ quan ban hành", record.get("issuer")), ("Nơi ban hành", record.get("place")),
        ("Trích yếu", record.get("title")),
        ("Người ký", " — ".join(x for x in (record.get("signer_title"), record.get("signer")) if x)),
        ("Nơi nhận", "; ".join(record.get("recipients") or [])),
        ("Văn bản được dẫn", "; ".join(sorted({c.get("number") or c.get("name") or "" for c in record.get("cites") or []} - {""}))),
        ("Tệp", data.get("source")),
    ]
    parts.append('<table class="hq-meta">' + "".join(
        f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in meta if v) + "</table>")
    if passage:
        parts.append(f'<div class="hq-passage-cite">Đoạn trích: <b>{esc(passage["citation"])}</b> '
                     f'{_copy_button(passage["citation"])} <a href="#hq-hl">↓ đến đoạn trích</a></div>')
    if data.get("outline"):
        parts.append('<details class="hq-outline"><summary>Mục lục (cấu trúc văn bản)</summary><ul>')
        for item in data["outline"]:
            depth = {"part": 0, "appendix": 0, "section": 1, "subsection": 2}.get(item["kind"], 3)
            parts.append(f'<li class="hq-depth-{depth}"><a href="#n-{item["start"]}">{esc(item["heading"])}</a></li>')
        parts.append("</ul></details>")
    parts.append('<div class="hq-doc-body">')
    parts.append(_render_tree(text, root, marks) if root is not None else _render_lines(text, 0, len(text), marks))
    parts.append("</div></div>")
    out = "".join(parts)
    return out.replace('<mark class="hq-passage">', '<mark class="hq-passage" id="hq-hl">', 1)


def _render_lines(text: str, start: int, end: int, marks) -> str:
    out = []
    position = start
    for line in text[start:end].split("\n"):
        line_start, line_end = position, position + len(line)
        position = line_end + 1
        if line.strip():
            out.append(f'<div class="hq-line">{_mark(line, line_start, marks)}</div>')
    return "".join(out)


def _render_tree(text: str, root, marks) -> str:
    from corpus.structure import HEADING_KINDS

    def render(node) -> str:
        kind = esc(node.kind)
        if node.kind == "table" and any(child.cells for child in node.children):
            rows = []
            for child in node.children:
                hit = any(s < child.end and child.start < e for s, e, _ in marks)
                cells = child.cells or [text[child.start:child.end]]
                rows.append(f'<tr class="{"hq-row-hit" if hit else ""}" id="n-{child.start}">'
                            + "".join(f"<td>{esc(c)}</td>" for c in cells) + "</tr>")
            return f'<div class="hq-n hq-table-node"><table class="hq-doc-table">{"".join(rows)}</table></div>'
        inner, cursor = [], node.start
        for child in node.children:
            if child.start > cursor:
                inner.append(_render_lines(text, cursor, child.start, marks))
            inner.append(render(child))
            cursor = max(cursor, child.end)
        if cursor < node.end:
            inner.append(_render_lines(text, cursor, node.end, marks))
        heading = " hq-heading-node" if node.kind in HEADING_KINDS and node.title else ""
        return f'<div class="hq-n hq-{kind}{heading}" id="n-{node.start}">{"".join(inner)}</div>'

    return render(root)


# =========================================================================== UI
# System fonts with full Vietnamese coverage (the bundled web font lacks some glyphs).
FONTS = ["Segoe UI", "Roboto", "Noto Sans", "Helvetica Neue", "Arial", "Liberation Sans", "DejaVu Sans", "sans-serif"]
MONO_FONTS = ["Consolas", "Noto Sans Mono", "Liberation Mono", "DejaVu Sans Mono", "monospace"]
CSS = """
.hq-result, .hq-document { font-size: 15px; line-height: 1.5; }
.hq-answer { font-size: 1.3em; margin: .4em 0 .6em; padding: .5em .8em; border-left: 4px solid #2563eb;
             background: #eff6ff; color: #111827; border-radius: 4px; }
.hq-abstain { border-left-color: #d97706; background: #fffbeb; font-size: 1.05em; }
.hq-question { color: #4b5563; margin: .2em 0; }
.hq-generated { white-space: pre-wrap; margin: .3em 0 .6em; }
.hq-question-text { font-style: italic; white-space: pre-wrap; }
.hq-quotes, .hq-hits, .hq-edges { padding-left: 1.4em; }
.hq-quote, .hq-hit, .hq-edge { margin: .6em 0 1em; }
.hq-quote-text { margin: .2em 0; padding: .4em .8em; border-left: 3px solid #9ca3af; background: #f9fafb;
                 color: #111827; white-space: pre-wrap; }
.hq-cite { color: #1f2937; margin-top: .2em; }
.hq-heading { color: #6b7280; font-size: .9em; }
.hq-cite-small { color: #4b5563; font-size: .85em; }
.hq-also { color: #6b7280; font-size: .85em; }
.hq-score, .hq-took { color: #9ca3af; font-size: .85em; }
.hq-rel { background: #e0e7ff; color: #3730a3; border-radius: 3px; padding: 0 .35em; font-size: .85em; }
.hq-actions { display: flex; gap: .8em; align-items: center; margin-top: .3em; }
.hq-copy { border: 1px solid #d1d5db; background: #fff; color: #374151; border-radius: 4px; padding: .1em .6em;
           cursor: pointer; font-size: .85em; }
.hq-copy:hover { background: #f3f4f6; }
.hq-open { font-size: .9em; }
mark.hq-span { background: #fde047; color: #111827; font-weight: 600; padding: 0 .1em; }
mark.hq-passage { background: #dbeafe; color: #111827; }
mark.hq-passage mark.hq-span, mark.hq-span mark.hq-passage { background: #fde047; }
.hq-msg { padding: .4em .8em; border-radius: 4px; margin: .3em 0; }
.hq-msg-info { background: #f3f4f6; color: #374151; }
.hq-msg-warn { background: #fef3c7; color: #92400e; }
.hq-table, .hq-meta, .hq-doc-table { border-collapse: collapse; margin: .4em 0; }
.hq-table td, .hq-table th, .hq-meta td, .hq-meta th, .hq-doc-table td { border: 1px solid #e5e7eb;
  padding: .2em .5em; text-align: left; vertical-align: top; color: #111827; }
.hq-meta th { background: #f9fafb; width: 11em; }
.hq-num { text-align: right; }
.hq-docs { font-size: .85em; color: #4b5563 !important; }
.hq-doc-body { border: 1px solid #e5e7eb; border-radius: 6px; padding: .8em 1.2em; background: #fff;
               color: #111827; max-height: 70vh; overflow-y: auto; }
.hq-line { white-space: pre-wrap; margin: .1em 0; }
.hq-n.hq-section, .hq-n.hq-subsection, .hq-n.hq-point, .hq-n.hq-item, .hq-n.hq-bullet,
.hq-n.hq-subbullet { margin-left: 1.1em; }
.hq-n.hq-part > .hq-line:first-child, .hq-n.hq-appendix > .hq-line:first-child { font-weight: 700;
  margin-top: .7em; }
.hq-heading-node > .hq-line:first-child { font-weight: 600; }
.hq-n.hq-header { color: #374151; text-align: center; border-bottom: 1px dashed #e5e7eb; padding-bottom: .4em;
                  margin-bottom: .6em; }
.hq-n.hq-signature, .hq-n.hq-recipients { color: #4b5563; font-size: .92em; margin-top: .6em; }
.hq-row-hit td { background: #dbeafe; }
.hq-outline ul { list-style: none; padding-left: .5em; }
.hq-depth-1 { margin-left: 1em; } .hq-depth-2 { margin-left: 2em; } .hq-depth-3 { margin-left: 3em; }
.hq-passage-cite { margin: .5em 0; }
"""

# Runs once per gr.HTML component; delegated, so it survives every re-render.
COPY_JS = """
element.addEventListener('click', function (event) {
  var button = event.target.closest('[data-copy]');
  if (!button) return;
  event.preventDefault();
  var text = button.getAttribute('data-copy');
  var done = function () {
    var old = button.textContent;
    button.textContent = '✓ Đã sao chép';
    setTimeout(function () { button.textContent = old; }, 1500);
  };
  var fallback = function () {
    var area = document.createElement('textarea');
    area.value = text; area.setAttribute('readonly', ''); area.style.position = 'fixed'; area.style.opacity = '0';
    document.body.appendChild(area); area.select();
    try { document.execCommand('copy'); done(); } catch (e) {}
    area.remove();
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, fallback);
  } else { fallback(); }
});
"""

SCROLL_TO_PASSAGE_JS = """
() => { setTimeout(function () {
  var mark = document.getElementById('hq-hl');
  if (mark) mark.scrollIntoView({block: 'center'});
}, 150); }
"""


def build_app(backend: Backend):
    import gradio as gr

    def choices(values):
        return [ALL] + [str(v) for v in values]

    def safe(render, fn):
        def handler(*args):
            try:
                return render(fn(*args))
            except Exception:  # noqa: BLE001 - never show a traceback in the page
                log.exception("request failed")
                return _message_html(INTERNAL_ERROR, "warn")
        return handler

    # --------------------------------------------------------------- API functions
    def ask(question: str, type: str = "", issuer: str = "", year: int | None = None) -> dict:
        """Hỏi đáp: câu trả lời ngắn và các trích dẫn nguyên văn (quotes) kèm trích dẫn văn bản."""
        return backend.ask(question, type, issuer, year)

    def search(query: str, k: int = 5, type: str = "", issuer: str = "", year: int | None = None, source: str = "",
               mode: str = "hybrid") -> dict:
        """Tìm kiếm: các đoạn văn xếp hạng, lọc theo loại văn bản, cơ quan ban hành, năm, tệp."""
        return backend.search(query, k, type, issuer, year, source, mode)

    def cite(act: str, relation: str = "") -> dict:
        """Tra cứu trích dẫn: các văn bản dẫn chiếu một văn bản (số hiệu như 16/CT-TTg), kèm câu dẫn."""
        return backend.cite(act, relation)

    def most_cited(limit: int = 10) -> dict:
        """Các văn bản được dẫn chiếu nhiều nhất."""
        return {"acts": backend.most_cited(limit)}

    def document(source: str, start: int | None = None, end: int | None = None) -> dict:
        """Văn bản đã làm sạch, siêu dữ liệu, mục lục và đoạn [start, end) cần tô sáng."""
        return backend.document(source, start, end)

    doc_choices = [(_doc_title(backend.record_of(s)), s) for s in backend.sources]

    with gr.Blocks(title="Tra cứu văn bản chính sách y tế", analytics_enabled=False) as demo:
        gr.Markdown("# Tra cứu văn bản chính sách y tế\n"
                    "Hỏi bằng tiếng Việt (có dấu hoặc không dấu); câu trả lời kèm trích dẫn nguyên văn và nguồn "
                    f"chính xác. Chỉ mục: {len(backend.store.documents)} văn bản, {len(backend.store.chunks)} đoạn.")
        with gr.Tabs(selected="ask") as tabs:
            # ----------------------------------------------------------- Hỏi đáp
            with gr.Tab("Hỏi đáp", id="ask"):
                with gr.Row():
                    question = gr.Textbox(label="Câu hỏi", placeholder="Ví dụ: Sở nào chủ trì y tế trường học?",
                                          max_length=MAX_QUERY_CHARS, scale=5, elem_id="ask-question", lines=1)
                    ask_button = gr.Button("Hỏi", variant="primary", scale=1, elem_id="ask-button")
                gr.Examples(EXAMPLE_QUESTIONS, inputs=[question], label="Câu hỏi mẫu")
                ask_out = gr.HTML(elem_id="ask-output", js_on_load=COPY_JS)
            # ---------------------------------------------------------- Tìm kiếm
            with gr.Tab("Tìm kiếm", id="search"):
                with gr.Row():
                    query = gr.Textbox(label="Từ khóa", placeholder="Ví dụ: y te truong hoc", scale=5,
                                       max_length=MAX_QUERY_CHARS, elem_id="search-query")
                    search_button = gr.Button("Tìm", variant="primary", scale=1, elem_id="search-button")
                with gr.Row():
                    f_type = gr.Dropdown(choices(backend.types), value=ALL, label="Loại văn bản")
                    f_issuer = gr.Dropdown(choices(backend.issuers), value=ALL, label="Cơ quan ban hành")
                    f_year = gr.Dropdown(choices(backend.years), value=ALL, label="Năm")
                    f_k = gr.Slider(1, 20, value=5, step=1, label="Số kết quả")
                gr.Examples(EXAMPLE_SEARCHES, inputs=[query], label="Ví dụ")
                search_out = gr.HTML(elem_id="search-output", js_on_load=COPY_JS)
            # ------------------------------------------------- Tra cứu trích dẫn
            with gr.Tab("Tra cứu trích dẫn", id="cite"):
                with gr.Row():
                    act = gr.Textbox(label="Số hiệu văn bản", placeholder="Ví dụ: 16/CT-TTg", scale=4,
                                     max_length=200, elem_id="cite-act")
                    relation = gr.Dropdown([(ALL, "")] + [(label, key) for key, label in RELATION_LABELS.items()], value="",
                                           label="Quan hệ", scale=2)
                    cite_button = gr.Button("Tra cứu", variant="primary", scale=1, elem_id="cite-button")
                gr.Examples(EXAMPLE_ACTS, inputs=[act], label="Ví dụ")
                cite_out = gr.HTML(elem_id="cite-output", js_on_load=COPY_JS)
                gr.Markdown("### Văn bản được dẫn chiếu nhiều nhất")
                gr.HTML(_try_render(lambda: render_most_cited(backend.most_cited(15))), elem_id="most-cited",
                        js_on_load=None)
            # ----------------------------------------------------------- Văn bản
            with gr.Tab("Văn bản", id="doc"):
                with gr.Row():
                    doc_source = gr.Dropdown(doc_choices, value=None, label="Văn bản", scale=4, elem_id="doc-source")
                    doc_start = gr.Number(label="Từ ký tự", precision=0, value=None, scale=1, minimum=0)
                    doc_end = gr.Number(label="Đến ký tự", precision=0, value=None, scale=1, minimum=0)
                    doc_button = gr.Button("Xem", scale=1)
                doc_out = gr.HTML(elem_id="doc-output", js_on_load=COPY_JS)

        ask_handler = safe(render_answer, lambda q: backend.ask(q))
        search_handler = safe(render_search, lambda q, t, i, y, k: backend.search(q, k, t, i, y))
        cite_handler = safe(render_cite, lambda a, r: backend.cite(a, r))

        def doc_handler(source, start, end, mark_start=None, mark_end=None):
            try:
                data = backend.document(source, start, end, mark_start, mark_end)
                stored = backend._by_source.get(data.get("source"))
                return render_document(data, stored.root if stored else None)
            except Exception:  # noqa: BLE001
                log.exception("document view failed")
                return _message_html(INTERNAL_ERROR, "warn")

        # One concurrency group for everything that searches: at most --concurrency at a time in total.
        private = {"api_visibility": "private", "concurrency_id": "backend"}
        for trigger in (ask_button.click, question.submit):
            trigger(ask_handler, [question], [ask_out], **private)
        for trigger in (search_button.click, query.submit):
            trigger(search_handler, [query, f_type, f_issuer, f_year, f_k], [search_out], **private)
        for trigger in (cite_button.click, act.submit):
            trigger(cite_handler, [act, relation], [cite_out], **private)
        doc_button.click(doc_handler, [doc_source, doc_start, doc_end], [doc_out], **private).then(
            None, js=SCROLL_TO_PASSAGE_JS, api_visibility="private")

        # Deep links: ?doc=SOURCE&start=…&end=…[&mark_start=…&mark_end=…], ?act=16/CT-TTg, ?q=question
        def on_load(request: gr.Request):
            params = dict(request.query_params) if request is not None else {}
            nothing = (gr.update(),) * 8
            if params.get("doc"):
                start, end = params.get("start"), params.get("end")
                page = doc_handler(params["doc"], start, end, params.get("mark_start"), params.get("mark_end"))
                source = params["doc"] if params["doc"] in backend.sources else None
                return (gr.Tabs(selected="doc"), page, source, _int_or_none(start), _int_or_none(end),
                        gr.update(), gr.update(), gr.update())
            if params.get("act"):
                return (gr.Tabs(selected="cite"), gr.update(), gr.update(), gr.update(), gr.update(),
                        cite_handler(params["act"], ALL), params["act"][:200], gr.update())
            if params.get("q"):
                return (gr.Tabs(selected="ask"), gr.update(), gr.update(), gr.update(), gr.update(),
                        gr.update(), gr.update(), ask_handler(params["q"]))
            return nothing

        demo.load(on_load, None, [tabs, doc_out, doc_source, doc_start, doc_end, cite_out, act, ask_out],
                  **private).then(None, js=SCROLL_TO_PASSAGE_JS, api_visibility="private")

        # Public API: stable names, JSON in and out.
        gr.api(ask, api_name="ask", concurrency_id="backend")
        gr.api(search, api_name="search", concurrency_id="backend")
        gr.api(cite, api_name="cite", concurrency_id="backend")
        gr.api(most_cited, api_name="most_cited", concurrency_id="backend")
        gr.api(document, api_name="document", concurrency_id="backend")
    return demo


def _try_render(render) -> str:
    try:
        return render()
    except Exception:  # noqa: BLE001
        log.exception("render failed")
        return _message_html("Chưa có dữ liệu trích dẫn.")


def _doc_title(record) -> str:
    from retriever.formatting import document_label

    return document_label(record)


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# =========================================================================== main
def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python app_gradio.py",
                                     description="Ứng dụng web tra cứu văn bản chính sách y tế (Gradio).")
    parser.add_argument("--host", default="127.0.0.1", help="địa chỉ lắng nghe (mặc định 127.0.0.1)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("GRADIO_SERVER_PORT") or 7860),
                        help="cổng (mặc định 7860)")
    parser.add_argument("--index", type=Path, default=None, help="thư mục chỉ mục (mặc định .index/ hoặc HEALTHQA_INDEX)")
    parser.add_argument("--model", default=None, help="mô hình nhúng; phải trùng với mô hình đã xây chỉ mục")
    parser.add_argument("--concurrency", type=int, default=DEFAULT_CONCURRENCY,
                        help=f"số yêu cầu xử lý đồng thời (mặc định {DEFAULT_CONCURRENCY})")
    parser.add_argument("--share", action="store_true",
                        help="tạo đường dẫn công khai qua máy chủ của Gradio (tắt mặc định; cần Internet)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    from corpus.errors import fail

    args = parse_args(argv)
    # Our own progress at INFO; libraries (faiss, httpx, gradio) only when something is wrong.
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    log.setLevel(logging.INFO)
    from index.builder import default_index_dir
    from index.store import IndexStoreError, current_version

    index_dir = Path(args.index or default_index_dir())
    try:
        current_version(index_dir)
    except IndexStoreError:
        return fail(f"Chưa có chỉ mục tại {index_dir}; chạy `python -m index build` (hoặc ./run.sh) trước.")
    try:
        started = time.perf_counter()
        backend = Backend.load(index_dir, args.model)
        log.info("index %s loaded in %.1f s", index_dir, time.perf_counter() - started)
        demo = build_app(backend)
    except UserError as error:
        return fail(str(error))
    import gradio as gr

    theme = gr.themes.Default(primary_hue="blue", font=FONTS, font_mono=MONO_FONTS)
    demo.queue(default_concurrency_limit=max(1, args.concurrency), max_size=256)
    print(f"Đang chạy tại http://{args.host}:{args.port}", flush=True)
    try:
        demo.launch(server_name=args.host, server_port=args.port, share=args.share, css=CSS, theme=theme,
                    footer_links=["api"], show_error=False, ssr_mode=False, quiet=False)
    except OSError as error:  # port in use, …
        return fail(f"Không khởi động được máy chủ tại {args.host}:{args.port}: {error}")
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The page: the tabs, deep links and the public API (stable endpoint names, JSON in and out).

Public API (``gradio_client``), each returning JSON-serializable dicts:

* ``/ask``      (question, type, issuer, year) → Answer.to_dict() + ``document_url`` per quote
* ``/search``   (query, k, type, issuer, year, source, mode, in_force) → SearchResult.to_dict()
* ``/cite``     (act, relation, as_of) → CitationIndex.lookup(...), each match with its ``status``
* ``/most_cited`` (limit) → {"acts": [...]}
* ``/document`` (source, start, end) → cleaned text, metadata, outline, status, highlighted passage
* ``/check``    (text, as_of) → {"as_of", "references": [...], "suggested_bases": [...]}
"""

# No ``from __future__ import annotations``: gr.api reads the real type hints.

from typing import Any

from webapp.assets import scroll_to_passage_js
from webapp.service import Backend
from webapp.tabs import ALL, PRIVATE
from webapp.tabs import ask as ask_tab
from webapp.tabs import check as check_tab
from webapp.tabs import cite as cite_tab
from webapp.tabs import document as document_tab
from webapp.tabs import search as search_tab
from webapp.tabs import upload as upload_tab


def build_app(backend: Backend):
    import gradio as gr

    with gr.Blocks(title="Tra cứu văn bản chính sách y tế", analytics_enabled=False) as demo:
        gr.Markdown("# Tra cứu văn bản chính sách y tế\n"
                    "Hỏi bằng tiếng Việt (có dấu hoặc không dấu); câu trả lời kèm trích dẫn nguyên văn và nguồn "
                    f"chính xác. Chỉ mục: {len(backend.store.documents)} văn bản, {len(backend.store.chunks)} đoạn.")
        with gr.Tabs(selected="ask") as tabs:
            ask = ask_tab.build(backend)
            search_tab.build(backend)
            cite = cite_tab.build(backend)
            doc = document_tab.build(backend)
            check_tab.build(backend)
            if backend.allow_upload:
                upload_tab.build(backend)

        # Deep links: ?doc=SOURCE&start=…&end=…[&mark_start=…&mark_end=…], ?act=16/CT-TTg, ?q=question
        deep_outputs = [tabs, doc.components["output"], doc.components["source"], doc.components["start"],
                        doc.components["end"], cite.components["output"], cite.components["act"],
                        ask.components["output"]]

        def on_load(request: gr.Request):
            params = dict(request.query_params) if request is not None else {}
            return deep_link(backend, params, tabs, ask, cite, doc)

        demo.load(on_load, None, deep_outputs, **PRIVATE).then(None, js=scroll_to_passage_js(),
                                                               api_visibility="private")

        # Public API: stable names, JSON in and out.
        def ask_api(question: str, type: str = "", issuer: str = "", year: int | None = None) -> dict:
            """Hỏi đáp: câu trả lời ngắn và các trích dẫn nguyên văn (quotes) kèm trích dẫn văn bản."""
            return backend.ask(question, type, issuer, year)

        def search_api(query: str, k: int = 5, type: str = "", issuer: str = "", year: int | None = None,
                       source: str = "", mode: str = "hybrid", in_force: bool = False) -> dict:
            """Tìm kiếm: các đoạn văn xếp hạng, lọc theo loại, cơ quan, năm, tệp, và chỉ văn bản còn hiệu lực."""
            return backend.search(query, k, type, issuer, year, source, mode, in_force)

        def cite_api(act: str, relation: str = "", as_of: str = "") -> dict:
            """Tra cứu trích dẫn: các văn bản dẫn chiếu một văn bản, kèm câu dẫn và tình trạng hiệu lực."""
            return backend.cite(act, relation, as_of)

        def most_cited_api(limit: int = 10) -> dict:
            """Các văn bản được dẫn chiếu nhiều nhất."""
            return {"acts": backend.most_cited(limit)}

        def document_api(source: str, start: int | None = None, end: int | None = None) -> dict:
            """Văn bản đã làm sạch, siêu dữ liệu, tình trạng hiệu lực, mục lục và đoạn [start, end) cần tô sáng."""
            return backend.document(source, start, end)

        def check_api(text: str, as_of: str = "") -> dict:
            """Kiểm tra dự thảo: mỗi trích dẫn văn bản với kết luận, trích dẫn đúng, bằng chứng và độ tin cậy."""
            return backend.check(text, as_of)

        gr.api(ask_api, api_name="ask", concurrency_id="backend")
        gr.api(search_api, api_name="search", concurrency_id="backend")
        gr.api(cite_api, api_name="cite", concurrency_id="backend")
        gr.api(most_cited_api, api_name="most_cited", concurrency_id="backend")
        gr.api(document_api, api_name="document", concurrency_id="backend")
        gr.api(check_api, api_name="check", concurrency_id="backend")
    return demo


def deep_link(backend: Backend, params: dict, tabs, ask, cite, doc) -> dict[Any, Any]:
    """The components a deep link fills, and their values (the others stay as they are)."""
    import gradio as gr

    if params.get("doc"):
        start, end = params.get("start"), params.get("end")
        page = doc.handlers["show"](params["doc"], start, end, params.get("mark_start"), params.get("mark_end"))
        return {doc.components["output"]: page,
                doc.components["source"]: params["doc"] if params["doc"] in backend.sources else None,
                doc.components["start"]: _int_or_none(start), doc.components["end"]: _int_or_none(end),
                tabs: gr.Tabs(selected="doc")}
    if params.get("act"):
        return {cite.components["output"]: cite.handlers["cite"](params["act"], ALL),
                cite.components["act"]: params["act"][:200], tabs: gr.Tabs(selected="cite")}
    if params.get("q"):
        return {ask.components["output"]: ask.handlers["ask"](params["q"]), tabs: gr.Tabs(selected="ask")}
    return {}


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None

"""Văn bản: a cleaned document along its structure tree, its status badge, the passage marked."""

from __future__ import annotations

from webapp.assets import copy_js, scroll_to_passage_js
from webapp.render import message_html, render_document
from webapp.tabs import INTERNAL_ERROR, PRIVATE, Tab, log


def build(backend) -> Tab:
    import gradio as gr

    from retriever.formatting import document_label

    doc_choices = [(document_label(backend.record_of(s)), s) for s in backend.sources]
    with gr.Tab("Văn bản", id="doc"):
        with gr.Row():
            source = gr.Dropdown(doc_choices, value=None, label="Văn bản", scale=4, elem_id="doc-source")
            start = gr.Number(label="Từ ký tự", precision=0, value=None, scale=1, minimum=0)
            end = gr.Number(label="Đến ký tự", precision=0, value=None, scale=1, minimum=0)
            button = gr.Button("Xem", scale=1)
        output = gr.HTML(elem_id="doc-output", js_on_load=copy_js())

    def show(source_name, start_at, end_at, mark_start=None, mark_end=None):
        try:
            data = backend.document(source_name, start_at, end_at, mark_start, mark_end)
            stored = backend._by_source.get(data.get("source"))
            return render_document(data, stored.root if stored else None)
        except Exception:  # noqa: BLE001
            log.exception("document view failed")
            return message_html(INTERNAL_ERROR, "warn")

    button.click(show, [source, start, end], [output], **PRIVATE).then(
        None, js=scroll_to_passage_js(), api_visibility="private")
    return Tab("doc", {"source": source, "start": start, "end": end, "output": output}, {"show": show})

"""Tra cứu trích dẫn: who cites an act, how, with the citing sentence; its effect status."""

from __future__ import annotations

from retriever.citations import RELATION_LABELS
from webapp.assets import copy_js
from webapp.render import message_html, render_cite, render_most_cited
from webapp.service import EXAMPLE_ACTS
from webapp.tabs import ALL, PRIVATE, Tab, log, safe


def build(backend) -> Tab:
    import gradio as gr

    with gr.Tab("Tra cứu trích dẫn", id="cite"):
        with gr.Row():
            act = gr.Textbox(label="Số hiệu văn bản", placeholder="Ví dụ: 16/CT-TTg", scale=4,
                             max_length=200, elem_id="cite-act")
            relation = gr.Dropdown([(ALL, "")] + [(label, key) for key, label in RELATION_LABELS.items()], value="",
                                   label="Quan hệ", scale=2)
            as_of = gr.Textbox(label="Hiệu lực tại ngày", placeholder="YYYY-MM-DD (mặc định hôm nay)", scale=1,
                               max_length=20, elem_id="cite-as-of")
            button = gr.Button("Tra cứu", variant="primary", scale=1, elem_id="cite-button")
        gr.Examples(EXAMPLE_ACTS, inputs=[act], label="Ví dụ")
        output = gr.HTML(elem_id="cite-output", js_on_load=copy_js())
        gr.Markdown("### Văn bản được dẫn chiếu nhiều nhất")
        gr.HTML(_try(lambda: render_most_cited(backend.most_cited(15))), elem_id="most-cited")
    handler = safe(render_cite, lambda a, r, d=None: backend.cite(a, r, d))
    for trigger in (button.click, act.submit):
        trigger(handler, [act, relation, as_of], [output], **PRIVATE)
    return Tab("cite", {"act": act, "output": output}, {"cite": handler})


def _try(render) -> str:
    try:
        return render()
    except Exception:  # noqa: BLE001
        log.exception("render failed")
        return message_html("Chưa có dữ liệu trích dẫn.")

"""Tìm kiếm: ranked passages, filters by type, issuer, year, and "only what is in force"."""

from __future__ import annotations

from webapp.assets import copy_js
from webapp.render import render_search
from webapp.service import EXAMPLE_SEARCHES, MAX_QUERY_CHARS
from webapp.tabs import ALL, PRIVATE, Tab, choices, safe


def build(backend) -> Tab:
    import gradio as gr

    with gr.Tab("Tìm kiếm", id="search"):
        with gr.Row():
            query = gr.Textbox(label="Từ khóa", placeholder="Ví dụ: y te truong hoc", scale=5,
                               max_length=MAX_QUERY_CHARS, elem_id="search-query")
            button = gr.Button("Tìm", variant="primary", scale=1, elem_id="search-button")
        with gr.Row():
            f_type = gr.Dropdown(choices(backend.types), value=ALL, label="Loại văn bản")
            f_issuer = gr.Dropdown(choices(backend.issuers), value=ALL, label="Cơ quan ban hành")
            f_year = gr.Dropdown(choices(backend.years), value=ALL, label="Năm")
            f_k = gr.Slider(1, 20, value=5, step=1, label="Số kết quả")
            f_in_force = gr.Checkbox(False, label="Chỉ văn bản còn hiệu lực", elem_id="search-in-force",
                                     info="Bỏ văn bản mà kho cho thấy đã bị thay thế, bãi bỏ hoặc chưa có hiệu lực")
        gr.Examples(EXAMPLE_SEARCHES, inputs=[query], label="Ví dụ")
        output = gr.HTML(elem_id="search-output", js_on_load=copy_js())
    handler = safe(render_search, lambda q, t, i, y, k, f: backend.search(q, k, t, i, y, in_force=f))
    for trigger in (button.click, query.submit):
        trigger(handler, [query, f_type, f_issuer, f_year, f_k, f_in_force], [output], **PRIVATE)
    return Tab("search", {"query": query, "output": output}, {"search": handler})

"""Hỏi đáp: a question → the short answer in bold and the verbatim quotes."""

from __future__ import annotations

from webapp.assets import copy_js
from webapp.render import render_answer
from webapp.service import EXAMPLE_QUESTIONS, MAX_QUERY_CHARS
from webapp.tabs import PRIVATE, Tab, safe


def build(backend) -> Tab:
    import gradio as gr

    with gr.Tab("Hỏi đáp", id="ask"):
        with gr.Row():
            question = gr.Textbox(label="Câu hỏi", placeholder="Ví dụ: Sở nào chủ trì y tế trường học?",
                                  max_length=MAX_QUERY_CHARS, scale=5, elem_id="ask-question", lines=1)
            button = gr.Button("Hỏi", variant="primary", scale=1, elem_id="ask-button")
        gr.Examples(EXAMPLE_QUESTIONS, inputs=[question], label="Câu hỏi mẫu")
        output = gr.HTML(elem_id="ask-output", js_on_load=copy_js())
    handler = safe(render_answer, lambda q: backend.ask(q))
    for trigger in (button.click, question.submit):
        trigger(handler, [question], [output], **PRIVATE)
    return Tab("ask", {"question": question, "output": output}, {"ask": handler})

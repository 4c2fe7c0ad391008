"""Kiểm tra dự thảo: paste a draft or upload .docx/.txt → each reference checked against the corpus."""

from __future__ import annotations

from webapp.assets import copy_js
from webapp.render import render_check
from webapp.service import MAX_DRAFT_CHARS
from webapp.tabs import PRIVATE, Tab, safe

EXAMPLE_DRAFT = ("Căn cứ Nghị định số 188/2025/NĐ-CP ngày 01/7/2025 của Chính phủ quy định chi tiết và hướng dẫn "
                 "thi hành một số điều của Luật Bảo hiểm y tế;")


def build(backend) -> Tab:
    import gradio as gr

    with gr.Tab("Kiểm tra dự thảo", id="check"):
        gr.Markdown("Dán nội dung dự thảo (hoặc tải lên tệp .docx/.txt): mỗi trích dẫn văn bản được đối chiếu với "
                    "kho — số hiệu, ngày, cơ quan ban hành, loại văn bản và tình trạng hiệu lực — kèm trích dẫn đúng "
                    "và câu chứng minh.")
        with gr.Row():
            text = gr.Textbox(label="Nội dung dự thảo", lines=8, max_length=MAX_DRAFT_CHARS, scale=4,
                              elem_id="check-text", placeholder=EXAMPLE_DRAFT)
            with gr.Column(scale=1):
                upload = gr.File(label="Hoặc tải lên .docx/.txt", file_types=[".docx", ".txt", ".md"],
                                 type="filepath", elem_id="check-file")
                as_of = gr.Textbox(label="Hiệu lực tại ngày", placeholder="YYYY-MM-DD (mặc định hôm nay)",
                                   max_length=20, elem_id="check-as-of")
                button = gr.Button("Kiểm tra", variant="primary", elem_id="check-button")
        output = gr.HTML(elem_id="check-output", js_on_load=copy_js())
    check_text = safe(render_check, lambda t, d: backend.check(t, d))
    check_file = safe(render_check, lambda f, d: backend.check_file(f, d))

    def run(t, f, d):
        return check_file(f, d) if f and not (t or "").strip() else check_text(t, d)

    button.click(run, [text, upload, as_of], [output], **PRIVATE)
    upload.upload(check_file, [upload, as_of], [output], **PRIVATE)
    return Tab("check", {"text": text, "output": output}, {"check": check_text})

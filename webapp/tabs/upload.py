"""Thêm văn bản: upload documents into the index in place (only with ``--allow-upload``)."""

from __future__ import annotations

from webapp.render import render_upload
from webapp.tabs import INTERNAL_ERROR, Tab, log
from webapp.render import message_html

UPLOAD_TYPES = [".docx", ".pdf", ".txt", ".html", ".htm", ".md"]


def build(backend) -> Tab:
    import gradio as gr

    with gr.Tab("Thêm văn bản", id="upload"):
        gr.Markdown(f"Tải lên một hay nhiều văn bản (.docx, .pdf, .txt, .html; tối đa "
                    f"{backend.max_upload_bytes // 1_000_000} MB mỗi tệp). Văn bản được đọc (nhận dạng chữ nếu là bản "
                    "quét), nhúng và thêm vào chỉ mục; bảng dưới cho biết thông tin đầu văn bản mà chỉ mục ghi nhận.")
        files = gr.File(label="Văn bản", file_count="multiple", file_types=UPLOAD_TYPES, type="filepath",
                        elem_id="upload-files")
        button = gr.Button("Thêm vào chỉ mục", variant="primary", elem_id="upload-button")
        output = gr.HTML(elem_id="upload-output")

    def add(paths, progress=gr.Progress()):
        try:
            progress(0.0, desc="Đang nhận tệp…")
            return render_upload(backend.add_files(paths or [], lambda f, t: progress(f, desc=t)))
        except Exception:  # noqa: BLE001
            log.exception("upload failed")
            return message_html(INTERNAL_ERROR, "warn")

    # Its own concurrency group: one upload at a time, searches go on meanwhile.
    button.click(add, [files], [output], api_visibility="private", concurrency_id="upload", concurrency_limit=1)
    return Tab("upload", {"files": files, "output": output}, {"add": add})

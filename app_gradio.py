"""Gradio app: Hỏi đáp, Tìm kiếm, Tra cứu trích dẫn, Văn bản, Kiểm tra dự thảo (and Thêm văn bản).

    python app_gradio.py [--host 127.0.0.1] [--port 7860] [--index DIR] [--model NAME] [--share]
                         [--allow-upload [--max-upload-mb 20]]

The entry point only: the app lives in the ``webapp`` package — the service layer
(``webapp.service.Backend``), pure HTML renderers (``webapp.render``), static CSS/JS
(``webapp/static``), one builder per tab (``webapp.tabs``) and the page with its public API
(``webapp.app.build_app``: ``/ask``, ``/search``, ``/cite``, ``/most_cited``, ``/document``, ``/check``).

The index and the embedding model are loaded once and shared read-only by every request;
Gradio's queue bounds the concurrency.  The "Thêm văn bản" panel, which changes the index, exists
only with ``--allow-upload`` and only on a loopback address.
"""

import argparse
import logging
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # never phone home
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from corpus.errors import UserError  # noqa: E402  (cheap; gradio is imported in main)
from webapp.app import build_app  # noqa: E402,F401
from webapp.assets import FONTS, MONO_FONTS, css  # noqa: E402
from webapp.render import (  # noqa: E402,F401
    esc, render_answer, render_check, render_cite, render_document, render_most_cited, render_search, render_status,
)
from webapp.service import DEFAULT_CONCURRENCY, Backend  # noqa: E402,F401

log = logging.getLogger("healthqa.app")
CSS = css()
LOOPBACK = ("127.0.0.1", "localhost", "::1")


# =========================================================================== main
def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python app_gradio.py",
                                     description="Ứng dụng web tra cứu văn bản chính sách y tế (Gradio).")
    parser.add_argument("--host", default="127.0.0.1", help="địa chỉ lắng nghe (mặc định 127.0.0.1)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("GRADIO_SERVER_PORT") or 7860),
                        help="cổng (mặc định 7860)")
    parser.add_argument("--index", type=Path, default=None, help="thư mục chỉ mục (mặc định .index/ hoặc HEALTHQA_INDEX)")
    parser.add_argument("--model", default=None, help="mô hình nhúng; phải trùng với mô hình đã xây chỉ mục")
    parser.add_argument("--backend", choices=("local", "milvus"), default=None, help="nơi lưu chỉ mục: local (thư mục) hoặc milvus (HEALTHQA_MILVUS_URI); mặc định HEALTHQA_BACKEND hoặc local")
    parser.add_argument("--concurrency", type=int, default=DEFAULT_CONCURRENCY,
                        help=f"số yêu cầu xử lý đồng thời (mặc định {DEFAULT_CONCURRENCY})")
    parser.add_argument("--share", action="store_true",
                        help="tạo đường dẫn công khai qua máy chủ của Gradio (tắt mặc định; cần Internet)")
    parser.add_argument("--allow-upload", action="store_true",
                        help="bật khung “Thêm văn bản” (thay đổi chỉ mục; chỉ trên 127.0.0.1; tắt mặc định)")
    parser.add_argument("--max-upload-mb", type=int, default=20, help="cỡ tối đa mỗi tệp tải lên, MB (mặc định 20)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    from corpus.errors import fail

    args = parse_args(argv)
    # Our own progress at INFO; libraries (faiss, httpx, gradio) only when something is wrong.
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    log.setLevel(logging.INFO)
    from index.builder import default_index_dir
    from index.store import IndexStoreError, current_version

    if args.allow_upload and (args.host not in LOOPBACK or args.share):
        return fail("--allow-upload chỉ dùng được trên địa chỉ nội bộ (--host 127.0.0.1, không --share): "
                    "tải lên làm thay đổi chỉ mục.")
    index_dir = Path(args.index or default_index_dir())
    from index.backends import backend_name

    try:
        milvus = backend_name(args.backend) == "milvus"
        if not milvus:
            current_version(index_dir)
    except IndexStoreError:
        return fail(f"Chưa có chỉ mục tại {index_dir}; chạy `python -m index build` (hoặc ./run.sh) trước.")
    except UserError as error:
        return fail(str(error))
    try:
        from retriever.runtime import QUERY_THREADS, configure_runtime, settle_runtime

        started = time.perf_counter()
        configure_runtime(QUERY_THREADS)  # concurrent requests: one thread each
        backend = Backend.load(index_dir, args.model, allow_upload=args.allow_upload,
                               max_upload_bytes=max(1, args.max_upload_mb) * 1_000_000, backend=args.backend)
        settle_runtime(QUERY_THREADS)
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
                    footer_links=["api"], show_error=False, ssr_mode=False, quiet=False,
                    max_file_size=f"{max(1, args.max_upload_mb)}mb")
    except OSError as error:  # port in use, …
        return fail(f"Không khởi động được máy chủ tại {args.host}:{args.port}: {error}")
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())

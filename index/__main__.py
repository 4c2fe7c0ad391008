"""``python -m index build|add|remove|info`` — thin CLI over index.builder."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from corpus.errors import UserError, exit_now, run_cli


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m index", description="Xây dựng và cập nhật chỉ mục tìm kiếm.")
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="xây chỉ mục từ thư mục văn bản (bỏ qua nếu không có gì thay đổi)")
    build.add_argument("--corpus", type=Path, default=None, help="thư mục văn bản (mặc định: văn bản kèm theo)")
    build.add_argument("--rebuild", action="store_true", help="xây lại dù không có gì thay đổi")
    build.add_argument("--workers", type=int, default=1,
                       help="Milvus: số tiến trình xây song song, mỗi tiến trình một phần văn bản (mặc định 1)")
    build.add_argument("--share", default=None, help=argparse.SUPPRESS)  # i/n: be worker i of n
    build.add_argument("--model", default=None, help="mô hình nhúng (tên hoặc đường dẫn); mặc định HEALTHQA_MODEL hoặc e5-small")

    add = commands.add_parser("add", help="thêm hoặc thay thế văn bản trong chỉ mục")
    add.add_argument("files", nargs="+", type=Path)

    remove = commands.add_parser("remove", help="xoá văn bản khỏi chỉ mục theo tên tệp (source)")
    remove.add_argument("sources", nargs="+")

    commands.add_parser("info", help="thông tin chỉ mục (manifest)")
    commands.add_parser("migrate", help="chép chỉ mục cục bộ (--index) sang Milvus (HEALTHQA_MILVUS_URI)")
    commands.add_parser("compact", help="Milvus: gộp thống kê BM25 và tính lại trọng số mọi đoạn (sau nhiều lần add/remove)")
    for sub in commands.choices.values():
        sub.add_argument("--index", type=Path, default=None, help="thư mục chỉ mục (mặc định .index/ hoặc HEALTHQA_INDEX)")
        sub.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
        if sub.prog.split()[-1] not in ("migrate", "compact"):
            sub.add_argument("--backend", choices=("local", "milvus"), default=None, help="nơi lưu chỉ mục: local (thư mục) hoặc milvus (HEALTHQA_MILVUS_URI); mặc định HEALTHQA_BACKEND hoặc local")
    args = parser.parse_args(argv)
    return run_cli(lambda: _dispatch(args))


def _dispatch(args) -> int:
    from corpus import DEFAULT_CORPUS_DIR
    from index.builder import add_documents, build_index, default_index_dir, index_info, migrate_index, remove_documents

    index_dir = args.index or default_index_dir()
    progress = not args.json and sys.stderr.isatty()
    if args.command == "compact":
        from index.backends import milvus_settings
        from index.milvus_store import compact, writer_lock

        settings = milvus_settings(index_dir)
        with writer_lock(settings):
            from index.milvus_store import MilvusStore

            MilvusStore.open(settings)  # the one-line error when there is no index
            folded = compact(settings)
        print(json.dumps(folded, ensure_ascii=False) if args.json else
              f"Đã gộp thống kê: {folded['passages']} đoạn, {folded['terms']} từ, avgdl {folded['avgdl']}")
        return 0
    if args.command == "info":
        info = index_info(index_dir, args.backend)
        print(json.dumps(info, ensure_ascii=False, indent=2) if args.json else _describe(info))
        return 0
    if args.command == "build":
        if args.share is not None:
            return _work_share(args, index_dir)
        if args.workers < 1:
            raise UserError("--workers phải là số nguyên dương")
        result = build_index(args.corpus or DEFAULT_CORPUS_DIR, index_dir, model=args.model,
                             rebuild=args.rebuild, progress=progress, backend=args.backend, workers=args.workers)
    elif args.command == "add":
        result = add_documents(args.files, index_dir, progress=progress, backend=args.backend)
    elif args.command == "migrate":
        result = migrate_index(index_dir)
    else:
        result = remove_documents(args.sources, index_dir, backend=args.backend)
    for error in result.errors:
        print(error, file=sys.stderr)
    _report_warnings(result)
    from index.backends import backend_name

    milvus = args.command == "migrate" or backend_name(getattr(args, "backend", None)) == "milvus"
    where = result.index_path if milvus else index_dir
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
    elif result.status == "up_to_date":
        print(f"Chỉ mục đã cập nhật ({result.documents} văn bản, {result.chunks} đoạn): {where}")
    else:
        print(f"Chỉ mục {where}: {result.documents} văn bản, {result.chunks} đoạn, "
              f"nhúng mới {result.embedded} đoạn, {result.seconds:.1f} s")
    return 0


def _work_share(args, index_dir) -> int:
    """A build worker (started by `index build --workers N`, or by hand on another machine)."""
    from corpus import DEFAULT_CORPUS_DIR
    from index.backends import backend_name, milvus_settings
    from index.milvus_builder import build

    try:
        index, workers = (int(x) for x in args.share.split("/"))
        assert 0 <= index < workers
    except (ValueError, AssertionError):
        raise UserError(f"--share phải có dạng i/n với 0 ≤ i < n: {args.share}") from None
    if backend_name(args.backend) != "milvus":
        raise UserError("--share chỉ dùng với --backend milvus")
    result = build(args.corpus or DEFAULT_CORPUS_DIR, milvus_settings(index_dir), None, False, False,
                   share=(index, workers))
    print(json.dumps(result, ensure_ascii=False))
    return 0


def _report_warnings(result) -> None:
    """Documents loaded with a caveat: a summary line, then one line each, on stderr."""
    warnings = getattr(result, "warnings", [])
    if not warnings:
        return
    files = {w.split(":", 1)[0] for w in warnings}
    ocr = getattr(result, "ocr_documents", [])
    extra = f", {len(ocr)} đọc bằng OCR" if ocr else ""
    print(f"Cảnh báo: {len(warnings)} cảnh báo ở {len(files)} văn bản{extra}:", file=sys.stderr)
    for warning in warnings:
        print(f"  {warning}", file=sys.stderr)


def _describe(info: dict) -> str:
    where = f"Milvus {info['uri']} ({info['mode']}), collection {info['collection']}" \
        if info.get("backend") == "milvus" else info["index_dir"]
    lines = [
        f"Backend:      {info.get('backend', 'local')}",
        f"Chỉ mục:      {where}",
        f"Mô hình:      {info['model']} ({info['dimensions']} chiều)",
        f"Văn bản:      {info['documents']}   Đoạn: {info['chunks']}   FAISS: {info.get('dense_backend')}",
        f"Thư mục gốc:  {info['corpus_dir']}",
        f"Xây lúc:      {info['built_at']}",
    ]
    extras = [name for key, name in (("unit_vectors_version", "vectơ đơn vị trả lời"),
                                     ("word_tables_version", "bảng từ cho từ chối"),
                                     ("headers_version", "thông tin đầu văn bản"))
              if info.get(key)]
    lines.append(f"Kèm theo:     {', '.join(extras) if extras else 'không (chỉ mục cũ: trả lời vẫn chạy, kém hơn)'}")
    if info.get("added"):
        lines.append(f"Đã thêm:      {', '.join(info['added'])}")
    if info.get("removed"):
        lines.append(f"Đã xoá:       {', '.join(info['removed'])}")
    return "\n".join(lines)


if __name__ == "__main__":
    exit_now(main())

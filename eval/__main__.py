"""``python -m eval run|beir|bench|latency|corpus|sections|pdf|ocr`` — thin CLI over eval.run, eval.beir,
eval.bench, eval.corpus_eval, eval.sections_eval, eval.pdf_eval and eval.ocr_eval.

    python -m eval run [--questions FILE]... [--split tuning|check] [--index DIR] [--json] [--plot FILE.png] [--sweep]
    python -m eval beir DIR [--limit N] [--json] [--plot FILE.png]
    python -m eval bench [--chunks N] [--ann-sizes 50000,200000] [--cold-model] [--json]
    python -m eval latency --index REFERENCE --index OTHER [--questions FILE]... [--spans] [--json]
    python -m eval check --drafts FILE [--index DIR | --corpus DIR] [--json]
    python -m eval pdf --realdocs DIR [--json]
    python -m eval ocr --realdocs DIR [--pages N] [--psm N] [--dpi N] [--json]
    python -m eval perturb --corpus DIR --expected FILE [--expected FILE2 …] [--only a,b]
    python -m eval corpus --corpus DIR --expected FILE [--expected FILE2 …] [--split tuning|check|all]
                          [--strip-portal-table] [--json]
    python -m eval fit-ranker --index DIR [--questions FILE]... [--l2 X] [--json]
    python -m eval fit-units --index DIR [--questions FILE]... [--l2 X] [--json]
    python -m eval fit-agency --index DIR [--questions FILE]... [--l2 X] [--json]
    python -m eval fit-window --index DIR [--questions FILE]... [--l2 X] [--json]
    python -m eval refit --index DIR [--questions FILE]... [--no-check] [--write [SETTINGS.py]] [--json]
    python -m eval invariance --index DIR [--questions FILE ...] [--split tuning|check|all] [--variants a,b] [--changes]
    python -m eval sections [--labels FILE] [--corpus DIR]... [--split tuning|check] [--json]
    python -m eval misses --index DIR --questions FILE [FILE ...] [--split tuning|check] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from corpus.errors import UserError, exit_now, run_cli


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval", description="Đánh giá và đo hiệu năng (evaluation, benchmarks).")
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="so sánh các hệ thống trên bộ câu hỏi (compare systems on the questions)")
    run.add_argument("--questions", type=Path, action="append", default=None,
                     help="tệp câu hỏi JSONL, lặp lại được (mặc định eval/questions/dev.jsonl)")
    run.add_argument("--split", choices=("tuning", "check"), default=None,
                     help="chỉ một nửa bộ câu hỏi (only the tuning or the check half)")
    run.add_argument("--index", type=Path, default=None, help="thư mục chỉ mục (mặc định .index/ hoặc HEALTHQA_INDEX)")
    run.add_argument("--sweep", action="store_true", help="thêm quét trọng số dense 0.3…0.8 (convex và RRF)")
    run.add_argument("--plot", type=Path, default=None, help="ghi biểu đồ PNG")
    run.add_argument("--backend", choices=("local", "milvus"), default=None, help="nơi lưu chỉ mục: local (thư mục) hoặc milvus (HEALTHQA_MILVUS_URI); mặc định HEALTHQA_BACKEND hoặc local")
    parity = commands.add_parser("parity", help="Milvus và local trên cùng câu hỏi: trùng top-10, MRR@10 từng bên")
    parity.add_argument("--questions", type=Path, default=None, help="tệp câu hỏi JSONL (mặc định eval/questions/dev.jsonl)")
    parity.add_argument("--index", type=Path, default=None, help="chỉ mục cục bộ (mặc định .index/ hoặc HEALTHQA_INDEX)")
    parity.add_argument("--migrate", action="store_true", help="chép chỉ mục cục bộ vào Milvus trước khi so")
    parity.add_argument("--updates", type=int, default=0,
                        help="sau khi chép: N lần xoá/thêm lại văn bản tại chỗ, rồi thêm lại mọi văn bản đã xoá, rồi mới so")

    beir = commands.add_parser("beir", help="chạy các hệ thống trên một bộ dữ liệu dạng BEIR")
    beir.add_argument("dir", type=Path, help="thư mục BEIR (corpus.jsonl, queries.jsonl, qrels)")
    beir.add_argument("--limit", type=int, default=None, help="chỉ N truy vấn đầu (kho văn bản giữ nguyên)")
    beir.add_argument("--plot", type=Path, default=None, help="ghi biểu đồ PNG")

    bench = commands.add_parser("bench", help="đo hiệu năng (performance benchmark)")
    bench.add_argument("--chunks", type=int, default=None,
                       help="kho tổng hợp N đoạn thay cho kho kèm theo (synthetic corpus of N chunks)")
    bench.add_argument("--real-vectors", type=int, default=None,
                       help="số đoạn được nhúng thật (mặc định min(2000, N/50)); phần còn lại là bản sao nhiễu")
    bench.add_argument("--ann-sizes", default="",
                       help="so sánh FAISS flat và IVF ở các cỡ này, ví dụ 50000,200000,1000000")
    bench.add_argument("--cold-model", action="store_true", help="đo cả thời gian chuyển đổi mô hình lần đầu")
    bench.add_argument("--index", type=Path, default=None,
                       help="đo trên chỉ mục có sẵn này thay vì xây chỉ mục kho kèm theo (no build_s)")
    bench.add_argument("--backend", choices=("local", "milvus"), default="local",
                       help="milvus (cần --chunks): Milvus Lite qua cổng nội bộ, backend local đo bên cạnh trong cùng lần chạy")
    bench.add_argument("--cold-runs", type=int, default=None, help="số lần khởi động lạnh mỗi đường (mặc định 5)")

    latency = commands.add_parser("latency", help="độ trễ search/ask trên nhiều chỉ mục, cùng câu hỏi (latency vs collection size)")
    latency.add_argument("--index", type=Path, action="append", required=True,
                         help="thư mục chỉ mục, lặp lại được; chỉ mục đầu là mốc so sánh")
    latency.add_argument("--questions", type=Path, action="append", default=None,
                         help="tệp câu hỏi JSONL (mặc định dev.jsonl và real.jsonl), mỗi câu thêm bản không dấu")
    latency.add_argument("--spans", action="store_true",
                         help="thêm một lượt đo từng bước của ask trên chỉ mục cuối (where the time goes)")

    def fit_command(name: str, help_text: str, l2: float, halves: str):
        """A ``fit-*`` command: an index, tuning question files, an L2 penalty."""
        fit = commands.add_parser(name, help=help_text)
        fit.add_argument("--index", type=Path, required=True, help="thư mục chỉ mục")
        fit.add_argument("--questions", type=Path, action="append", default=None,
                         help=f"tệp câu hỏi JSONL (mặc định eval.ranker.FIT_SETS, chỉ câu split tuning; {halves})")
        fit.add_argument("--l2", type=float, default=l2, help=f"hệ số phạt L2 (mặc định {l2})")
        return fit

    fit_command("fit-ranker", "khớp trọng số chọn đơn vị trả lời trên câu hỏi tinh chỉnh "
                "(fit the answering-unit ranker on the tuning questions)", 0.01, "chỉ nửa tuning được khớp")
    fit_command("fit-units", "khớp trọng số xếp hạng đơn vị (rank_units) trên câu hỏi tinh chỉnh, kiểm tra chéo hai nửa "
                "(fit the unit-scoring weights on the tuning questions)", 0.01, "hai nửa theo văn bản")
    fit_command("fit-agency", "khớp trọng số chọn cơ quan trong đơn vị trả lời "
                "(fit the within-unit agency span choice on the tuning questions)", 0.01, "chỉ nửa tuning được khớp")
    fit_command("fit-window", "khớp trọng số chọn đoạn trả lời trong câu dài cho câu hỏi \"cái gì\" "
                "(fit the clause-window choice on the tuning questions)", 0.05, "nửa check bị bỏ")
    refit = commands.add_parser("refit", help="khớp lại mọi trọng số theo thứ tự (units, ranker, window), chỉ giữ cái "
                                "đứng vững trên văn bản chưa thấy; ~10-14 phút trên chỉ mục thật "
                                "(refit every fitted weight in order, keep what holds)")
    refit.add_argument("--index", type=Path, required=True, help="thư mục chỉ mục")
    refit.add_argument("--questions", type=Path, action="append", default=None,
                       help="tệp câu hỏi tinh chỉnh, lặp lại được (mặc định eval.ranker.FIT_SETS, chỉ câu split tuning)")
    refit.add_argument("--no-check", action="store_true",
                       help="bỏ bước hỏi đầu-cuối theo hai nửa văn bản (chỉ dựa vào kiểm tra chéo)")
    refit.add_argument("--write", type=Path, nargs="?", const=Path("retriever/qa/settings.py"), default=None,
                       help="ghi các giá trị giữ lại vào tệp settings (mặc định retriever/qa/settings.py)")

    pdf = commands.add_parser("pdf", help="PDF công báo (lớp văn bản) so với bản TXT: trường và câu")
    pdf.add_argument("--realdocs", type=Path, required=True, help="thư mục có pdf/ và documents/")

    ocr = commands.add_parser("ocr", help="OCR trang công báo quét: CER và tốc độ")
    ocr.add_argument("--realdocs", type=Path, required=True, help="thư mục có pdf/")
    ocr.add_argument("--pages", type=int, default=10, help="số trang (mặc định 10)")
    ocr.add_argument("--psm", type=int, default=None, help="chế độ phân đoạn trang của Tesseract (mặc định của sản phẩm)")
    ocr.add_argument("--dpi", type=int, default=None, help="độ phân giải khi đọc trang (mặc định của sản phẩm)")

    corpus = commands.add_parser("corpus", help="so siêu dữ liệu đọc được với nhãn thủ công (header facts vs labels)")
    corpus.add_argument("--corpus", type=Path, required=True, help="thư mục văn bản")
    corpus.add_argument("--expected", type=Path, action="append", required=True,
                        help="tệp nhãn JSONL (lặp lại được; tệp sau ghi đè tệp trước)")
    corpus.add_argument("--split", choices=("tuning", "check", "all"), default="all",
                        help="nửa tinh chỉnh, nửa kiểm tra hay cả hai (mặc định all: báo cáo cả hai nửa)")
    corpus.add_argument("--strip-portal-table", action="store_true",
                        help="bỏ bảng thuộc tính của trang cơ sở dữ liệu trước khi phân tích")

    perturb = commands.add_parser("perturb", help="siêu dữ liệu sau các biến đổi trình bày (header facts under layout perturbations)")
    perturb.add_argument("--corpus", type=Path, required=True, help="thư mục văn bản")
    perturb.add_argument("--expected", type=Path, action="append", required=True,
                         help="tệp nhãn JSONL (lặp lại được; tệp sau ghi đè tệp trước)")
    perturb.add_argument("--only", default="", help="chỉ các phép biến đổi này, cách nhau bởi dấu phẩy")

    sections = commands.add_parser("sections", help="trích dẫn phần văn bản (Điều, khoản, mục, Phụ lục) so với nhãn thủ công")
    sections.add_argument("--labels", type=Path, default=None,
                          help="tệp nhãn JSONL (mặc định eval/data/realdocs_sections.jsonl)")
    sections.add_argument("--corpus", type=Path, action="append", default=None,
                          help="thư mục văn bản, lặp lại được (mặc định ../shared/realdocs/documents và corpus/documents)")
    sections.add_argument("--split", choices=("tuning", "check"), default=None,
                          help="chỉ một nửa (only the tuning or the check half); mặc định cả hai")

    invariance = commands.add_parser("invariance", help="câu trả lời có giữ nguyên khi câu hỏi viết khác: không dấu, "
                                     "dấu kiểu cũ, viết tắt, số hiệu cách quãng (answers under spelling variants)")
    invariance.add_argument("--index", type=Path, default=None, help="thư mục chỉ mục (mặc định .index/ hoặc HEALTHQA_INDEX)")
    invariance.add_argument("--questions", type=Path, action="extend", nargs="+", default=None,
                            help="tệp câu hỏi JSONL (mặc định tune2.jsonl và real.jsonl); fresh*.jsonl bị từ chối")
    invariance.add_argument("--split", choices=("tuning", "check", "all"), default="tuning",
                            help="nửa bộ câu hỏi (mặc định tuning)")
    invariance.add_argument("--variants", default="", help="các kiểu biến thể, phân cách bằng dấu phẩy (mặc định tất cả)")
    invariance.add_argument("--changes", action="store_true", help="in từng câu có câu trả lời hoặc kiểu câu hỏi đổi")

    misses = commands.add_parser("misses", help="câu trả lời sai sai ở đâu: đếm theo loại lỗi và loại câu hỏi "
                                 "(chỉ số đếm, không in câu hỏi)")
    misses.add_argument("--index", type=Path, required=True, help="thư mục chỉ mục")
    misses.add_argument("--questions", type=Path, nargs="+", required=True, help="tệp câu hỏi JSONL")
    misses.add_argument("--split", choices=("tuning", "check"), default=None, help="chỉ một nửa bộ câu hỏi")
    check = commands.add_parser("check", help="độ chính xác của kiểm tra trích dẫn trên các dự thảo có lỗi cài sẵn")
    check.add_argument("--drafts", type=Path, required=True, help="tệp dự thảo JSONL (eval/data/drafts.jsonl)")
    source = check.add_mutually_exclusive_group()
    source.add_argument("--index", type=Path, default=None, help="thư mục chỉ mục (mặc định .index/ hoặc HEALTHQA_INDEX)")
    source.add_argument("--corpus", type=Path, default=None, help="hoặc một thư mục văn bản, phân tích trực tiếp")

    for sub in commands.choices.values():
        sub.add_argument("--json", action="store_true", help="in JSON")
    args = parser.parse_args(argv)
    return run_cli(lambda: _dispatch(args))


def _dispatch(args) -> int:
    from eval.datasets import DatasetError

    try:
        result, report = _execute(args)
    except DatasetError as error:  # a ValueError, not a UserError: still one line, exit 2
        raise UserError(str(error)) from None
    if getattr(args, "plot", None):
        from eval.plots import plot_results

        plot_results(result, args.plot)
    print(json.dumps(result, ensure_ascii=False, indent=1) if args.json else report)
    return 0


def _execute(args):
    progress = not args.json and sys.stderr.isatty()
    if args.command == "run":
        from eval.run import DEFAULT_QUESTIONS, format_report, run_evaluation

        questions = args.questions or [DEFAULT_QUESTIONS]
        _require_files(questions)
        result = run_evaluation(questions, args.index, sweep=args.sweep, split=args.split, backend=args.backend)
        return result, format_report(result)
    if args.command == "parity":
        from eval.parity import format_parity, run_parity
        from eval.run import DEFAULT_QUESTIONS

        result = run_parity(args.questions or DEFAULT_QUESTIONS, args.index, migrate=args.migrate,
                            updates=args.updates)
        return result, format_parity(result)
    if args.command == "beir":
        from eval.beir import run_beir
        from eval.run import format_report

        if args.limit is not None and args.limit < 1:
            raise UserError("--limit phải là số nguyên dương")
        result = run_beir(args.dir, args.limit, progress=progress)
        return result, format_report(result)
    if args.command == "check":
        from eval.draft_eval import evaluate_drafts, format_drafts_report, load_drafts
        from retriever.draft_check import DraftChecker

        drafts = load_drafts(args.drafts)
        checker = DraftChecker.from_corpus(args.corpus) if args.corpus else DraftChecker.load(args.index)
        result = evaluate_drafts(checker, drafts)
        return result, format_drafts_report(result)
    if args.command == "latency":
        from eval.latency import (
            compare_latency,
            format_latency,
            format_spans,
            latency_questions,
        )
        from index.store import read_manifest

        for path in args.index:
            read_manifest(path)  # one clear line for a folder that is not an index, before any loading
        _require_files(args.questions or [])
        questions = latency_questions(args.questions)
        if not questions:
            raise UserError(f"Không có câu hỏi nào trong: {', '.join(map(str, args.questions or []))}")
        result = compare_latency(args.index, questions, spans=args.spans)
        text = format_latency(result)
        if "spans" in result:
            text += "\n\n" + format_spans(result["spans"])
        return result, text
    if args.command == "pdf":
        from eval.pdf_eval import format_pdf_report, run_pdf_eval

        result = run_pdf_eval(args.realdocs, progress=progress)
        return result, format_pdf_report(result)
    if args.command == "ocr":
        from dataclasses import replace

        from corpus.ocr import OcrSettings
        from eval.ocr_eval import format_ocr_report, run_ocr_eval

        settings = OcrSettings()
        if args.psm is not None:
            settings = replace(settings, psm=args.psm)
        if args.dpi is not None:
            settings = replace(settings, dpi=args.dpi)
        result = run_ocr_eval(args.realdocs, pages=args.pages, settings=settings, progress=progress)
        return result, format_ocr_report(result)
    if args.command == "fit-ranker":
        from eval.ranker import fit_ranker, format_fit

        _require_files(args.questions or [])
        result = fit_ranker(args.index, l2=args.l2, questions=args.questions)
        return result, format_fit(result)
    if args.command == "fit-units":
        from eval.unit_fit import fit_units
        from eval.unit_fit import format_fit as format_units_fit

        _require_files(args.questions or [])
        result = fit_units(args.index, l2=args.l2, questions=args.questions)
        return result, format_units_fit(result)
    if args.command == "fit-agency":
        from eval.agency_fit import fit_agency
        from eval.agency_fit import format_fit as format_agency_fit

        _require_files(args.questions or [])
        result = fit_agency(args.index, l2=args.l2, questions=args.questions)
        return result, format_agency_fit(result)
    if args.command == "fit-window":
        from eval.window_fit import fit_window
        from eval.window_fit import format_fit as format_window_fit

        _require_files(args.questions or [])
        result = fit_window(args.index, l2=args.l2, questions=args.questions)
        return result, format_window_fit(result)
    if args.command == "refit":
        from eval.refit import format_refit, refit, write_settings

        _require_files(args.questions or [])
        if args.write is not None and not args.write.is_file():
            raise UserError(f"Không tìm thấy tệp settings: {args.write}")
        say = (lambda message: print(message, file=sys.stderr, flush=True)) if not args.json else None
        result = refit(args.index, questions=args.questions, check=not args.no_check, progress=say)
        if args.write is not None:
            write_settings(args.write, result["changed"])
            result["written"] = str(args.write)
        return result, format_refit(result) + (f"\nwritten to {args.write}" if args.write is not None else "")
    if args.command == "misses":
        from eval.misses import count_misses, format_misses
        from index.store import read_manifest
        from retriever.qa import Answerer
        from retriever.runtime import SEQUENTIAL_THREADS, open_searcher

        read_manifest(args.index)  # one clear line for a folder that is not an index, before any loading
        _require_files(args.questions)
        result = count_misses(Answerer(open_searcher(args.index, threads=SEQUENTIAL_THREADS)), args.questions,
                              args.split)
        return result, format_misses(result)
    if args.command == "invariance":
        from eval.invariance import format_invariance, run_invariance

        variants = [v for v in args.variants.split(",") if v] or None
        result = run_invariance(args.index, args.questions, args.split, variants)
        report = format_invariance(result, show_changes=args.changes)
        if not args.changes:
            result = {k: v for k, v in result.items() if k != "rows"}
        return result, report
    if args.command == "corpus":
        from eval.corpus_eval import evaluate_corpus, format_corpus_report

        result = evaluate_corpus(args.corpus, args.expected, split=args.split, strip_portal=args.strip_portal_table)
        return result, format_corpus_report(result)
    if args.command == "perturb":
        from eval.perturb import evaluate_perturbations, format_perturb_report

        only = [name for name in args.only.split(",") if name] or None
        result = evaluate_perturbations(args.corpus, args.expected, only)
        return result, format_perturb_report(result)
    if args.command == "sections":
        from eval import sections_eval

        labels = args.labels or sections_eval.DEFAULT_LABELS
        result = sections_eval.evaluate_sections(labels, args.corpus or sections_eval.default_corpora(), split=args.split)
        return result, sections_eval.format_sections_report(result)
    from eval.bench import format_bench, run_bench

    if args.chunks is not None and args.chunks < 100:
        raise UserError("--chunks phải ít nhất 100")
    sizes = _sizes(args.ann_sizes)
    if args.backend == "milvus":
        import time

        from eval.bench import machine
        from eval.milvus_bench import (
            bench_milvus,
            format_milvus_bench,
            local_bench_apart,
        )

        if args.chunks is None:
            raise UserError("--backend milvus cần --chunks N")
        result = {"date": time.strftime("%Y-%m-%d %H:%M"), "machine": machine(),
                  "milvus": bench_milvus(args.chunks, args.real_vectors, progress)}
        print(f"milvus: {json.dumps(result['milvus'], ensure_ascii=False)}", file=sys.stderr, flush=True)
        result["local"] = local_bench_apart(args.chunks, args.real_vectors)
        return result, format_milvus_bench(result)
    result = run_bench(args.chunks, real_vectors=args.real_vectors, ann_sizes=sizes, index_dir=args.index,
                       cold_runs=args.cold_runs,
                       cold_model=args.cold_model, progress=progress)
    return result, format_bench(result)


def _require_files(paths) -> None:
    """One clear line for a question file that does not exist, before anything is loaded."""
    for path in paths:
        if not path.is_file():
            raise UserError(f"Không tìm thấy tệp câu hỏi: {path}")


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise UserError(f"--ann-sizes: cần các số nguyên cách nhau bởi dấu phẩy, không phải {text!r}") from None
    if any(size < 1000 for size in sizes):
        raise UserError("--ann-sizes: mỗi cỡ phải ít nhất 1000")
    return sizes


if __name__ == "__main__":
    exit_now(main())

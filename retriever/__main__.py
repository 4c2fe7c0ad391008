"""``python -m retriever search|ask|cite`` — thin CLI over the retriever library.

With ``--json`` every command prints JSON Lines, one object per query, in input order.
``--queries FILE`` reads one query per line and loads the index and model once.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from corpus.errors import UserError, exit_now, run_cli


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m retriever", description="Tìm kiếm, hỏi đáp và tra cứu trích dẫn.")
    commands = parser.add_subparsers(dest="command", required=True)

    search = commands.add_parser("search", help="tìm các đoạn văn liên quan")
    _add_query_arguments(search)
    search.add_argument("--k", type=int, default=5, help="số kết quả (mặc định 5)")
    search.add_argument("--mode", choices=("hybrid", "bm25", "dense"), default="hybrid")
    search.add_argument("--type", dest="doc_type", help="lọc theo loại văn bản (Kế hoạch, Chỉ thị…)")
    search.add_argument("--issuer", help="lọc theo cơ quan ban hành (một phần tên)")
    search.add_argument("--year", type=int, help="lọc theo năm ban hành")
    search.add_argument("--source", help="lọc theo tên tệp")
    search.add_argument("--in-force", action="store_true",
                        help="chỉ văn bản còn hiệu lực (bỏ văn bản kho cho thấy đã bị thay thế, bãi bỏ hoặc chưa có hiệu lực)")
    search.add_argument("--as-of", default=None, help="với --in-force: hiệu lực tại ngày (YYYY-MM-DD; mặc định hôm nay)")

    ask = commands.add_parser("ask", help="hỏi đáp: câu trả lời ngắn, trích dẫn nguyên văn và nguồn")
    _add_query_arguments(ask)
    ask.add_argument("--type", dest="doc_type", help="lọc theo loại văn bản")
    ask.add_argument("--issuer", help="lọc theo cơ quan ban hành (một phần tên)")
    ask.add_argument("--year", type=int, help="lọc theo năm ban hành")
    ask.add_argument("--source", help="lọc theo tên tệp")
    ask.add_argument("--llm-url", default=None,
                     help="máy chủ chat tương thích OpenAI (cục bộ) để diễn đạt câu trả lời; mặc định HEALTHQA_LLM_URL")
    ask.add_argument("--llm-model", default=None, help="tên mô hình trên máy chủ đó; mặc định HEALTHQA_LLM_MODEL")

    cite = commands.add_parser("cite", help="tra cứu trích dẫn: văn bản nào viện dẫn một văn bản")
    target = cite.add_mutually_exclusive_group(required=True)
    target.add_argument("act", nargs="?", help="số hiệu, ví dụ 16/CT-TTg, “Chỉ thị 25- CT/TW”, “ct 25”")
    target.add_argument("--list", action="store_true", help="mọi văn bản được viện dẫn, nhiều nhất trước")
    cite.add_argument("--relation", default=None,
                      help="lọc theo quan hệ: thuc_hien, can_cu, huong_dan, sua_doi, thay_the, bai_bo, nhac_den "
                           "(hoặc “thực hiện”, “căn cứ”…)")
    cite.add_argument("--limit", type=int, default=None, help="với --list: số dòng tối đa")
    cite.add_argument("--as-of", default=None, help="tình trạng hiệu lực tại ngày (YYYY-MM-DD; mặc định hôm nay)")

    check = commands.add_parser("check", help="kiểm tra trích dẫn văn bản trong một dự thảo")
    check.add_argument("file", help="tệp dự thảo (.txt, .docx, .md…) hoặc - để đọc từ đầu vào chuẩn")
    check.add_argument("--as-of", default=None, help="kiểm tra hiệu lực tại ngày (YYYY-MM-DD; mặc định hôm nay)")
    check.add_argument("--corpus", type=Path, default=None,
                       help="đối chiếu trực tiếp với một thư mục văn bản thay cho chỉ mục (không cần mô hình)")
    check.add_argument("--no-bases", action="store_true", help="không gợi ý căn cứ pháp lý")

    for sub in commands.choices.values():
        sub.add_argument("--index", type=Path, default=None, help="thư mục chỉ mục (mặc định .index/ hoặc HEALTHQA_INDEX)")
        sub.add_argument("--model", default=None, help="mô hình nhúng; phải trùng với mô hình đã xây chỉ mục")
        sub.add_argument("--json", action="store_true", help="in JSON Lines")
        sub.add_argument("--backend", choices=("local", "milvus"), default=None, help="nơi lưu chỉ mục: local (thư mục) hoặc milvus (HEALTHQA_MILVUS_URI); mặc định HEALTHQA_BACKEND hoặc local")
    args = parser.parse_args(argv)
    return run_cli(lambda: _dispatch(args))


def _add_query_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("query", nargs="?", help="câu hỏi / truy vấn")
    group.add_argument("--queries", type=Path, help="tệp, mỗi dòng một truy vấn")


def read_queries(args) -> list[str]:
    if args.queries is None:
        return [args.query]
    try:
        lines = args.queries.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(f"Không đọc được tệp truy vấn {args.queries}: {error}") from None
    queries = [line.strip() for line in lines if line.strip()]
    if not queries:
        raise UserError(f"Tệp truy vấn {args.queries} không có dòng nào")
    return queries


def load_searcher(index_dir: Path | None, model: str | None, backend: str | None = None):
    """The CLI's searcher: its imports count as part of the load (collection paused), and
    queries, answered one at a time, use every core."""
    from index.model import garbage_collection_paused

    with garbage_collection_paused():
        from retriever.runtime import SEQUENTIAL_THREADS, open_searcher

        return open_searcher(index_dir, model, threads=SEQUENTIAL_THREADS, backend=backend)


def _dispatch(args) -> int:
    if args.command == "cite":
        return _cite(args)
    if args.command == "check":
        return _check(args)
    queries = read_queries(args)
    searcher = load_searcher(args.index, args.model, args.backend)
    from retriever.search import SearchFilters

    if args.command == "ask":
        return _ask(args, searcher, queries, SearchFilters(args.doc_type, args.issuer, args.year, args.source))
    if args.command == "search":
        filters = SearchFilters(args.doc_type, args.issuer, args.year, args.source, in_force=args.in_force,
                                as_of=args.as_of)
        return _answer_each(queries, "query", lambda q: searcher.search(q, k=args.k, filters=filters, mode=args.mode),
                            _render_search, args.json)
    raise UserError(f"Lệnh không hỗ trợ: {args.command}")


def _ask(args, searcher, queries: list[str], filters) -> int:
    from retriever.qa import Answerer
    from retriever.generation import generator_from_env

    answerer = Answerer(searcher, generator_from_env(args.llm_url, args.llm_model))
    return _answer_each(queries, "question", lambda q: answerer.ask(q, filters), _render_answer, args.json)


def _answer_each(queries: list[str], key: str, handle, render, as_json: bool) -> int:
    """One result per query, in input order; a bad line is reported and the rest still run."""
    status = 0
    for query in queries:
        try:
            result = handle(query)
        except UserError as error:
            print(json.dumps({key: query, "error": str(error)}, ensure_ascii=False) if as_json
                  else str(error), file=sys.stdout if as_json else sys.stderr)
            status = 2
            continue
        print(json.dumps(result.to_dict(), ensure_ascii=False) if as_json else render(result))
    return status


def _render_answer(answer) -> str:
    lines = [f"Hỏi: {answer.question}   ({answer.took_ms:.0f} ms)"]
    if answer.abstained:
        lines.append(answer.message or "Không tìm thấy nội dung liên quan.")
        return "\n".join(lines)
    lines.append(f"Trả lời: {answer.answer if answer.answer else '(không có câu trả lời ngắn chắc chắn; xem trích dẫn)'}")
    if answer.generated:
        lines.append(f"Diễn đạt (mô hình ngôn ngữ): {answer.generated}")
    if answer.message:
        lines.append(answer.message)
    for number, quote in enumerate(answer.quotes, 1):
        text = " ".join(quote.text.split())
        lines.append(f"\n[{number}] “{text}”")
        lines.append(f"    — {quote.citation}")
    return "\n".join(lines)


def _cite(args) -> int:
    from index.backends import open_store
    from retriever.citations import CitationIndex, normalize_relation

    relation = normalize_relation(args.relation) if args.relation else None
    index = CitationIndex(open_store(args.index, args.backend))
    if args.list:
        rows = index.most_cited(args.limit)
        if args.json:
            for row in rows:
                print(json.dumps(row, ensure_ascii=False))
        else:
            for row in rows:
                print(f"{row['count']:>3}  {row['label']}")
        return 0
    result = index.lookup(args.act, relation, args.as_of)
    print(json.dumps(result, ensure_ascii=False) if args.json else _render_cite(result))
    return 0


def read_draft(name: str) -> str:
    """The draft's text: standard input for "-", else any file the corpus readers read (.txt, .docx, .pdf…)."""
    if name == "-":
        text = sys.stdin.read()
    else:
        from corpus.readers import UnreadableDocument, read_file

        path = Path(name)
        if not path.is_file():
            raise UserError(f"Không tìm thấy tệp dự thảo: {name}")
        try:
            text = read_file(path).text
        except UnreadableDocument as error:
            raise UserError(str(error).splitlines()[0]) from None
    if not text.strip():
        raise UserError("Dự thảo không có nội dung.")
    return text


def _check(args) -> int:
    from retriever.draft_check import DraftChecker, check_report

    text = read_draft(args.file)
    checker = DraftChecker.from_corpus(args.corpus) if args.corpus else DraftChecker.load(args.index, backend=args.backend)
    report = check_report(checker, text, args.as_of, bases=not args.no_bases)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print(_render_check(report))
    return 0


def _render_check(report) -> str:
    lines = [f"Kiểm tra {len(report['references'])} trích dẫn (hiệu lực tại {report['as_of']}):"]
    for ref in report["references"]:
        verdicts = ", ".join(ref["verdicts"])
        lines.append(f"\n[{verdicts}] “{ref['text']}”  (độ tin cậy {ref['confidence']:.2f})")
        for message in ref.get("messages", []):
            lines.append(f"    {message}")
        if ref["correct_citation"] and ref["verdicts"] != ["ok"]:
            lines.append(f"    Trích dẫn đúng: {ref['correct_citation']}")
        for evidence in ref["evidence"][:2]:
            lines.append(f"    — “{' '.join(evidence['quote'].split())[:240]}” ({evidence['citation']})")
    if report.get("suggested_bases"):
        lines.append("\nCăn cứ thường được các văn bản tương tự viện dẫn:")
        for row in report["suggested_bases"]:
            lines.append(f"  {row['count']}/{row['of_documents']}  {row['citation']}  [{row['status']['label']}]")
    return "\n".join(lines)


def _render_cite(result) -> str:
    from retriever.citations import RELATION_LABELS

    lines = []
    if result["message"]:
        lines.append(result["message"])
    for match in result["matches"]:
        lines.append(f"\n{match['label']}")
        if match["in_corpus"]:
            lines.append("  (có trong kho văn bản)")
        status = match.get("status")
        if status:
            effective = f", hiệu lực từ {status['effective_date']}" if status.get("effective_date") else ""
            lines.append(f"  Tình trạng tại {status['as_of']}: {status['label']}{effective}")
            for entry in status["by"]:
                when = f" ({entry['date']})" if entry.get("date") else ""
                lines.append(f"    · {entry['label']} bởi {entry['act']}{when} — {entry['citation']}")
                lines.append(f"      “{' '.join(entry['quote'].split())[:300]}”")
        lines.append(f"  Được viện dẫn bởi {len(match['cited_by'])} văn bản:")
        for entry in match["cited_by"]:
            lines.append(f"  - {entry['citation']}  [{RELATION_LABELS[entry['relation']]}]")
            lines.append(f"      “{' '.join(entry['quote'].split())}”")
        if match["cites"]:
            lines.append(f"  Viện dẫn {len(match['cites'])} văn bản:")
            for entry in match["cites"]:
                lines.append(f"  - {entry['label']}  [{RELATION_LABELS[entry['relation']]}]")
    return "\n".join(lines).strip()


def _render_search(result) -> str:
    lines = [f"Truy vấn: {result.query}   ({result.took_ms:.0f} ms)"]
    if result.message:
        lines.append(result.message)
    if not result.hits:
        lines.append("Không tìm thấy đoạn văn phù hợp.")
    for rank, hit in enumerate(result.hits, 1):
        lines.append(f"\n[{rank}] {hit.citation}   (điểm {hit.score:.3f})")
        if hit.heading:
            lines.append(f"    {hit.heading}")
        text = " ".join(hit.text.split())
        lines.append(f"    {text[:400]}{'…' if len(text) > 400 else ''}")
        for other in hit.also_in:
            lines.append(f"    cũng có trong: {other['citation']}")
    return "\n".join(lines)


if __name__ == "__main__":
    exit_now(main())

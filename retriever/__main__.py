"""``python -m retriever search|ask|cite`` — thin CLI over the retriever library.

With ``--json`` every command prints JSON Lines, one object per query, in input order.
``--queries FILE`` reads one query per line and loads the index and model once.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from corpus.errors import UserError, run_cli


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

    for sub in commands.choices.values():
        sub.add_argument("--index", type=Path, default=None, help="thư mục chỉ mục (mặc định .index/ hoặc HEALTHQA_INDEX)")
        sub.add_argument("--model", default=None, help="mô hình nhúng; phải trùng với mô hình đã xây chỉ mục")
        sub.add_argument("--json", action="store_true", help="in JSON Lines")
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


def _dispatch(args) -> int:
    from retriever.search import HybridSearcher, SearchFilters

    queries = read_queries(args)
    searcher = HybridSearcher.load(args.index, args.model)
    if args.command == "search":
        filters = SearchFilters(args.doc_type, args.issuer, args.year, args.source)
        status = 0
        for query in queries:
            try:
                result = searcher.search(query, k=args.k, filters=filters, mode=args.mode)
            except UserError as error:  # one bad line in a batch does not stop the rest
                print(json.dumps({"query": query, "error": str(error)}, ensure_ascii=False) if args.json
                      else str(error), file=sys.stdout if args.json else sys.stderr)
                status = 2
                continue
            print(json.dumps(result.to_dict(), ensure_ascii=False) if args.json else _render_search(result))
        return status
    raise UserError(f"Lệnh không hỗ trợ: {args.command}")


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
    sys.exit(main())

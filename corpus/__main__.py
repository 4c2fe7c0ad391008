"""``python -m corpus list|show`` — look at what the parser makes of the corpus.

    python -m corpus list [--corpus DIR] [--json]
    python -m corpus show SOURCE [--corpus DIR]     # SOURCE: file name, its stem, a unique prefix, or doc_id

Errors (missing folder, unknown SOURCE, nothing readable) are one line on stderr and
exit code 2; unreadable files are one line each on stderr and do not fail ``list``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from corpus import DEFAULT_CORPUS_DIR, _candidates, load_corpus, parse_document
from corpus.errors import UserError, run_cli
from corpus.metadata import doc_id_for
from corpus.model import DocumentRecord, ParsedDocument
from corpus.structure import render_tree


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m corpus", description="Xem siêu dữ liệu và cấu trúc văn bản.")
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("list", help="liệt kê văn bản và siêu dữ liệu")
    listing.add_argument("--json", action="store_true", help="in mảng JSON các DocumentRecord")
    show = commands.add_parser("show", help="siêu dữ liệu và cây cấu trúc của một văn bản")
    show.add_argument("source", help="tên tệp (hoặc phần đầu duy nhất của tên, hoặc doc_id)")
    for sub in (listing, show):
        sub.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS_DIR, help="thư mục văn bản")
    args = parser.parse_args(argv)
    return run_cli(lambda: _list(args) if args.command == "list" else _show(args))


def _check_dir(directory: Path) -> None:
    if not directory.is_dir():
        raise UserError(f"Không tìm thấy thư mục văn bản: {directory}")


def _list(args) -> int:
    _check_dir(args.corpus)
    load = load_corpus(args.corpus)
    for line in load.errors + load.warnings:
        print(line, file=sys.stderr)
    if not load.documents:
        raise UserError(f"Không có văn bản đọc được trong {args.corpus}")
    records = [d.record for d in load.documents]
    if args.json:
        print(json.dumps([r.to_dict() for r in records], ensure_ascii=False, indent=2))
    else:
        print(_table(records))
    return 0


def _table(records: list[DocumentRecord]) -> str:
    headers = ["source", "type", "number", "date", "issuer", "signer", "title"]
    rows = [[r.source, r.type, r.number or "—", r.date or "—", r.issuer or "—", r.signer or "—",
             _truncate(r.title, 60)] for r in records]
    widths = [max(len(row[i]) for row in rows + [headers]) for i in range(len(headers) - 1)]
    lines = []
    for row in [headers] + rows:
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[-1])
    return "\n".join(lines)


def _truncate(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _find(directory: Path, wanted: str) -> Path:
    files = _candidates(directory)
    exact = [p for p in files if wanted in (p.name, p.stem, doc_id_for(p.name))]
    if not exact:
        exact = [p for p in files if p.name.startswith(wanted)]
    if len(exact) == 1:
        return exact[0]
    if not exact:
        raise UserError(f"Không có văn bản '{wanted}' trong {directory}")
    raise UserError(f"'{wanted}' khớp nhiều văn bản: {', '.join(p.name for p in exact)}")


def _show(args) -> int:
    _check_dir(args.corpus)
    document = parse_document(_find(args.corpus, args.source))
    print(_describe(document))
    return 0


def _describe(document: ParsedDocument) -> str:
    record = document.record
    out = [f"{key}: {value}" for key, value in record.to_dict().items() if key not in ("cites", "recipients")]
    out.append("recipients:")
    out += [f"  - {r}" for r in record.recipients]
    out.append(f"cites ({len(record.cites)}):")
    for ref in record.cites:
        what = ref.number or ref.name or ""
        what = what if what.startswith(ref.act_type) else f"{ref.act_type} {what}"
        out.append(f"  - {what} | {ref.date or '—'} | {ref.issuer or '—'} | {ref.relation} | {ref.heading or '—'}")
    for warning in document.warnings:
        out.append(f"warning: {warning}")
    out.append(f"chunks: {len(document.chunks)}")
    out.append("")
    out.append(render_tree(document))
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())

"""What an index answers, written down to compare two versions of the code: ``python -m eval.snapshot``.

A speed-up must not change results. ``snapshot`` records, for every question of the latency
benchmark (dev, real-document and out-of-corpus sets, each with an accent-less copy), the hybrid
top-10 (chunk ids, fused / BM25 / dense scores) and the ``ask`` answer (its JSON without
``took_ms``); ``compare`` lists the questions whose records differ.

    python -m eval.snapshot --index /work/idx/realsize --out before.json
    python -m eval.snapshot --index /work/idx/realsize --out after.json --compare before.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from corpus.vietnamese import strip_diacritics

QUESTION_FILES = ("dev.jsonl", "real.jsonl", "ooc.jsonl")


def snapshot_questions() -> list[str]:
    from eval.datasets import load_questions
    from eval.run import DEFAULT_QUESTIONS

    texts = [q.question for name in QUESTION_FILES
             for q in load_questions(DEFAULT_QUESTIONS.with_name(name)) if q.question.strip()]
    return list(dict.fromkeys(texts + [strip_diacritics(t) for t in texts]))


def snapshot(index_dir: Path, questions: list[str] | None = None) -> dict[str, Any]:
    """{question: {"top10": [...], "ask": {...}}} over one index."""
    from eval.latency import load_index

    searcher, answerer, _ = load_index(index_dir)
    records: dict[str, Any] = {}
    for question in questions if questions is not None else snapshot_questions():
        hits = searcher.search(question, k=10).hits
        answer = answerer.ask(question).to_dict()
        answer.pop("took_ms", None)
        records[question] = {"top10": [[h.chunk_id, h.score, h.bm25_score, h.dense_score] for h in hits],
                             "ask": answer}
    return records


def differences(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The questions whose top-10 or answer differ (or that only one side holds)."""
    return [q for q in dict.fromkeys([*before, *after]) if before.get(q) != after.get(q)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.snapshot")
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--compare", type=Path, default=None, help="an earlier snapshot: list the differences")
    args = parser.parse_args(argv)
    records = snapshot(args.index)
    args.out.write_text(json.dumps(records, ensure_ascii=False, indent=0), "utf-8")
    print(f"{len(records)} questions → {args.out}")
    if args.compare is None:
        return 0
    changed = differences(json.loads(args.compare.read_text("utf-8")), records)
    print(f"differences from {args.compare}: {len(changed)}")
    for question in changed[:20]:
        print(f"  {question}")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())

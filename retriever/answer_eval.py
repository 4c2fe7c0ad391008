"""Measure ``Answerer`` on the dev questions: ``python -m retriever.answer_eval [--index DIR] [--json]``.

Reports short-answer accuracy per kind (``eval.metrics.answer_matches``), the share of
quotes that are verbatim ``text[start:end]`` of their document, citation coverage,
abstention (correct on ``noanswer``, false abstentions, wrong answers on ``noanswer``)
and latency.  The dev questions are only measured, never used to tune answers.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

DEV = Path(__file__).resolve().parent.parent / "eval" / "questions" / "dev.jsonl"


def evaluate(answerer, questions: list[dict]) -> dict:
    from eval.metrics import answer_matches

    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # correct, answered, total
    quotes = verbatim = cited = 0
    abstain_right = abstain_false = noanswer_answered = 0
    latencies = []
    rows = []
    for q in questions:
        started = time.perf_counter()
        result = answerer.ask(q["question"])
        latencies.append((time.perf_counter() - started) * 1000)
        for quote in result.quotes:
            quotes += 1
            text = answerer.store.documents[quote.doc_id].text
            verbatim += text[quote.start:quote.end] == quote.text
            cited += bool(quote.citation)
        kind = q.get("kind", "")
        if kind == "noanswer":
            abstain_right += result.abstained
            noanswer_answered += not result.abstained
            rows.append({"id": q["id"], "kind": kind, "abstained": result.abstained, "answer": result.answer})
            continue
        abstain_false += result.abstained
        ok = answer_matches(result.answer, q.get("answer") or [])
        stats = per_kind[kind]
        stats[0] += ok
        stats[1] += result.answer is not None
        stats[2] += 1
        rows.append({"id": q["id"], "kind": kind, "ok": ok, "abstained": result.abstained,
                     "answer": result.answer, "expected": q.get("answer"), "detected": result.kind})
    answerable = sum(s[2] for s in per_kind.values())
    correct = sum(s[0] for s in per_kind.values())
    return {
        "questions": len(questions),
        "answer_accuracy": round(correct / max(answerable, 1), 3),
        "per_kind": {k: {"correct": s[0], "answered": s[1], "n": s[2], "accuracy": round(s[0] / s[2], 3)}
                     for k, s in sorted(per_kind.items())},
        "quotes": quotes,
        "verbatim_rate": round(verbatim / max(quotes, 1), 4),
        "citation_coverage": round(cited / max(quotes, 1), 4),
        "abstention": {"noanswer": abstain_right + noanswer_answered, "correct_abstentions": abstain_right,
                       "wrong_answers_on_noanswer": noanswer_answered, "false_abstentions": abstain_false,
                       "answerable": answerable},
        "latency_ms": {"median": round(statistics.median(latencies), 1),
                       "p95": round(sorted(latencies)[int(0.95 * (len(latencies) - 1))], 1),
                       "max": round(max(latencies), 1)},
        "rows": rows,
    }


def main(argv: list[str] | None = None) -> int:
    from retriever.answer import Answerer

    parser = argparse.ArgumentParser(prog="python -m retriever.answer_eval")
    parser.add_argument("--index", type=Path, default=None)
    parser.add_argument("--questions", type=Path, default=DEV)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--rows", action="store_true", help="print every question's result")
    args = parser.parse_args(argv)
    questions = [json.loads(line) for line in args.questions.read_text("utf-8").splitlines() if line.strip()]
    answerer = Answerer.load(args.index)
    answerer.ask("khởi động")  # warm-up: the first question pays for lazy loading
    report = evaluate(answerer, questions)
    if not args.rows:
        report.pop("rows")
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    for row in report.pop("rows", []):
        print(json.dumps(row, ensure_ascii=False))
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

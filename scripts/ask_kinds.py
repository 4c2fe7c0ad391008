"""A quick look at the short answers of some kinds of questions: the index is loaded once, each question
asked, and its short answer printed beside the accepted forms (✔ when it holds one, as ``eval run`` counts).

    python scripts/ask_kinds.py --questions eval/questions/real.jsonl --index /work/idx/realsize \
        --kinds agency,agencies,list,fact,semantic,paraphrase [--split tuning] [--quotes]

A development aid: it prints per-question output, so never point it at the sealed ``fresh.jsonl``.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main(argv: list[str] | None = None) -> int:
    from eval.metrics import answer_matches, short_answer_matches
    from eval.run import load_question_sets
    from retriever.qa import Answerer
    from retriever.qa.settings import QA
    from retriever.runtime import SEQUENTIAL_THREADS, open_searcher

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", nargs="+", required=True)
    parser.add_argument("--index", default=None)
    parser.add_argument("--kinds", default="")
    parser.add_argument("--split", default=None)
    parser.add_argument("--ids", default="")
    parser.add_argument("--quotes", action="store_true", help="print the first quote too")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a QASettings field to change (repeatable)")
    args = parser.parse_args(argv)
    if any("fresh" in Path(p).name for p in args.questions):
        print("fresh.jsonl is sealed: use eval run for its aggregate figures only", file=sys.stderr)
        return 2
    kinds = {k for k in args.kinds.split(",") if k}
    ids = {i for i in args.ids.split(",") if i}
    questions = [q for q in load_question_sets(args.questions, args.split)
                 if (not kinds or q.kind in kinds) and (not ids or q.id in ids) and q.answerable]
    changes = {}
    for item in args.set:
        name, _, value = item.partition("=")
        current = getattr(QA, name)
        # a tuple setting (ranker coefficients) is given as Python literal: "(1.2, 0.0, -0.5)"
        changes[name] = tuple(ast.literal_eval(value)) if isinstance(current, tuple) else type(current)(value)
    answerer = Answerer(open_searcher(args.index, threads=SEQUENTIAL_THREADS), settings=replace(QA, **changes))
    right, either, total = Counter(), Counter(), Counter()
    for q in questions:
        answer = answerer.ask(q.question)
        ok = not answer.abstained and short_answer_matches(answer.answer, q.answer)
        right[q.kind] += ok
        loose = not answer.abstained and answer_matches(answer.answer, q.answer)
        either[q.kind] += loose
        total[q.kind] += 1
        shown = "ABSTAIN" if answer.abstained else repr((answer.answer or "")[:170])
        print(f"{'✔' if ok else '≈' if loose else '✘'} {q.id} [{q.kind}/{answer.kind}/{q.split}] {q.question}\n    → {shown}"
              f"\n    ≟ {q.answer[:3]}")
        if args.quotes and answer.quotes:
            print(f"    « {answer.quotes[0].text[:300]!r} ({answer.quotes[0].source})")
    for kind in sorted(total):
        print(f"{kind:14} {right[kind]}/{total[kind]}  (either way {either[kind]})")
    print(f"{'all':14} {sum(right.values())}/{sum(total.values())}  (either way {sum(either.values())})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

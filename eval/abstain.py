"""``python -m eval.abstain``: abstention figures per question file, fast, over one loaded index.

For each file (and each ``split`` of it, when it has splits): how many out-of-corpus
(``noanswer``) questions ``ask`` abstains on, and how many answerable ones it abstains on
(false abstentions), which rule fired how often, and an ablation: per rule, the out-of-corpus questions
only it catches and the answerable ones it refuses.  No retrieval metrics, no baselines: one index load, one ``ask`` per
question, so a change of an abstention signal is measured in well under a minute.

    python -m eval.abstain --index /work/idx/realsize \\
        --questions eval/questions/ooc.jsonl eval/questions/real.jsonl
    python -m eval.abstain --index /tmp/bundled --questions eval/questions/dev.jsonl

``--variants noaccent`` also asks every question as ``eval.invariance`` rewrites it (reported as
``<file>+noaccent``); ``--fit-evidence`` fits the evidence model (``QASettings.evidence_model``, see
:func:`fit_evidence_model`) on the questions asked and prints its fields:

    python -m eval.abstain --index /work/idx/real_m5 --variants noaccent --fit-evidence \
        --questions eval/questions/ooc.jsonl eval/questions/real.jsonl eval/questions/tune2.jsonl \
        eval/questions/tune3.jsonl eval/questions/tune4.jsonl eval/questions/figures_probe.jsonl

``--dump FILE`` writes one JSON line per question (id, file, split, answerable, abstained, the
``abstention`` reason, the signals) for reading the errors; it is refused for the sealed
``fresh.jsonl`` (aggregate figures only for that file).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

SEALED = frozenset({"fresh.jsonl", "fresh2.jsonl", "fresh3.jsonl"})


def abstention_rows(answerer, questions: Iterable, source: str) -> list[dict[str, Any]]:
    """One row per question: whether ``answerer.ask`` abstained, why, the signals it read, and whether
    an answer was given that holds an accepted short form (``eval.metrics.short_answer_matches``)."""
    from eval.metrics import short_answer_matches

    rows = []
    for question in questions:
        answer = answerer.ask(question.question)
        correct = question.answerable and not answer.abstained and short_answer_matches(answer.answer, question.answer)
        rows.append({
            "id": question.id, "file": source, "split": question.split or "", "kind": question.kind,
            "answerable": question.answerable, "abstained": answer.abstained, "route": answer.route,
            "abstention": answer.abstention, "signals": answer.signals, "took_ms": round(answer.took_ms, 2),
            "correct": bool(correct),
        })
    return rows


def variant_questions(questions: Iterable, form: str) -> list:
    """The questions rewritten as ``eval.invariance`` rewrites them (``noaccent``: no accents, lower case),
    the same ids and answers; those the rewrite leaves unchanged are dropped."""
    from dataclasses import replace

    from eval.invariance import VARIANTS

    rewrite = VARIANTS[form]
    return [replace(q, question=rewrite(q.question)) for q in questions if rewrite(q.question) != q.question]


def summarize(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Per file and per (file, split): out-of-corpus abstained n/N and false abstentions n/N."""
    groups: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for row in rows:
        groups.setdefault((row["file"], "all"), []).append(row)
        if row["split"]:
            groups.setdefault((row["file"], row["split"]), []).append(row)
    table = []
    for (source, split), members in groups.items():
        ooc = [r for r in members if not r["answerable"]]
        answerable = [r for r in members if r["answerable"]]
        table.append({
            "file": source, "split": split,
            "ooc": len(ooc), "ooc_abstained": sum(r["abstained"] for r in ooc),
            "answerable": len(answerable), "false_abstentions": sum(r["abstained"] for r in answerable),
            "correct": sum(r.get("correct", False) for r in answerable),
        })
    return table


def format_table(table: Sequence[Mapping[str, Any]]) -> str:
    lines = [f"{'file':<16} {'split':<7} {'OOC abstained':>18} {'false abstentions':>20} {'short answer right':>20}"]
    for row in table:
        ooc = (f"{row['ooc_abstained']}/{row['ooc']} ({row['ooc_abstained'] / row['ooc']:.3f})"
               if row["ooc"] else "-")
        fa = (f"{row['false_abstentions']}/{row['answerable']} "
              f"({row['false_abstentions'] / row['answerable']:.3f})" if row["answerable"] else "-")
        right = (f"{row['correct']}/{row['answerable']} ({row['correct'] / row['answerable']:.3f})"
                 if row["answerable"] else "-")
        lines.append(f"{row['file']:<16} {row['split']:<7} {ooc:>18} {fa:>20} {right:>20}")
    return "\n".join(lines)


def rule_counts(rows: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, dict[str, int]]]:
    """Per file: how often each abstention rule fired (the name before ``:`` of the first reason), on
    out-of-corpus questions (``ooc``) and on answerable ones (``answerable``: false abstentions)."""
    counts: dict[str, dict[str, dict[str, int]]] = {}
    for row in rows:
        if not row["abstained"]:
            continue
        reasons = row.get("abstention") or ["(no reason given)"]
        rule = str(reasons[0]).split(":", 1)[0]
        side = counts.setdefault(row["file"], {"ooc": {}, "answerable": {}})["answerable" if row["answerable"] else "ooc"]
        side[rule] = side.get(rule, 0) + 1
    return counts


def format_rules(counts: Mapping[str, Mapping[str, Mapping[str, int]]]) -> str:
    def listed(side: Mapping[str, int]) -> str:
        return ", ".join(f"{rule} {n}" for rule, n in sorted(side.items(), key=lambda kv: (-kv[1], kv[0]))) or "-"

    lines = ["rules that fired (first reason)"]
    for source, sides in counts.items():
        lines.append(f"  {source:<16} OOC: {listed(sides['ooc'])}")
        lines.append(f"  {'':<16} answerable: {listed(sides['answerable'])}")
    return "\n".join(lines)


def rule_ablation(rows: Sequence[Mapping[str, Any]], settings=None) -> list[dict[str, Any]]:
    """Per abstention rule (``retriever.qa.abstention.RULES``), over every row with signals: how many
    out-of-corpus questions it catches, how many of those no other rule catches (``ooc_alone``: what dropping
    it would cost), how many answerable questions it refuses, and how many of those it alone refuses
    (``answerable_alone``: what dropping it would save).  Rules are re-read from the rounded signals of
    :meth:`Signals.to_dict`, so a value within rounding of its threshold may count differently."""
    from retriever.qa.abstention import RULES, Signals, firing_rules
    from retriever.qa.settings import QA

    settings = settings or QA
    table = {name: {"rule": name, "ooc": 0, "ooc_alone": 0, "answerable": 0, "answerable_alone": 0}
             for name, _, _ in RULES}
    for row in rows:
        if not row.get("signals"):
            continue  # answered from document records: no abstention rule was read
        fired = firing_rules(Signals.from_dict(row["signals"]), settings)
        side = "answerable" if row["answerable"] else "ooc"
        for name in fired:
            table[name][side] += 1
            if len(fired) == 1:
                table[name][f"{side}_alone"] += 1
    return list(table.values())


def format_ablation(table: Sequence[Mapping[str, Any]]) -> str:
    lines = ["rule ablation (every rule that fires, not only the first)",
             f"  {'rule':<16} {'OOC caught':>10} {'only it':>8} {'answerable refused':>19} {'only it':>8}"]
    for row in table:
        lines.append(f"  {row['rule']:<16} {row['ooc']:>10} {row['ooc_alone']:>8} {row['answerable']:>19} "
                     f"{row['answerable_alone']:>8}")
    return "\n".join(lines)


def _logistic(x, y, l2: float = 1.0, steps: int = 50):
    """(intercept, weights) of an L2-penalised logistic regression, classes weighted to equal total weight,
    by Newton's method (the penalty spares the intercept; ``x`` is standardised by the caller)."""
    import numpy as np

    n, k = x.shape
    design = np.hstack([np.ones((n, 1)), x])
    weight = np.where(y == 1, n / (2 * max(y.sum(), 1)), n / (2 * max((1 - y).sum(), 1)))
    penalty = np.diag([0.0] + [l2] * k)
    beta = np.zeros(k + 1)
    for _ in range(steps):
        p = 1 / (1 + np.exp(-design @ beta))
        gradient = design.T @ (weight * (p - y)) + penalty @ beta
        hessian = (design * (weight * p * (1 - p))[:, None]).T @ design + penalty
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-9:
            break
    return beta[0], beta[1:]


def fit_evidence_model(rows: Sequence[Mapping[str, Any]], settings=None, target: float | None = None,
                       l2: float = 1.0) -> dict[str, Any]:
    """Fit :data:`retriever.qa.abstention.EVIDENCE_FEATURES` → out-of-corpus log-odds on the rows (of
    :func:`abstention_rows`) no rule but the retrieval-evidence ones refuses and whose corpus-wide evidence counts
    (never a ``check``-split row: those stay held out); the threshold leaves
    ``target`` (default ``QASettings.evidence_model_target``) of those answerable refused.  Returns the settings
    fields (``evidence_model``, ``evidence_model_threshold``) and what they were fitted on."""
    import numpy as np

    from retriever.qa.abstention import (
        EVIDENCE_FEATURES,
        EVIDENCE_RULES,
        Signals,
        evidence_features,
        firing_rules,
    )
    from retriever.qa.settings import QA

    settings = settings or QA
    target = settings.evidence_model_target if target is None else target
    values, labels = [], []
    for row in rows:
        if not row.get("signals") or row.get("split") == "check":
            continue  # a record answer (no signals), or a held-out check question: never fitted on
        signals = Signals.from_dict(row["signals"])
        features = evidence_features(signals, settings)
        if features is None or set(firing_rules(signals, settings)) - EVIDENCE_RULES:
            continue
        values.append(features)
        labels.append(0 if row["answerable"] else 1)
    x, y = np.array(values, dtype=float), np.array(labels, dtype=float)
    if len(set(labels)) < 2:
        raise ValueError("fitting the evidence model needs answerable and out-of-corpus questions")
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    intercept, weights = _logistic((x - mean) / scale, y, l2=l2)
    weights = weights / scale
    intercept = intercept - float(weights @ mean)
    logits = intercept + x @ weights
    threshold = float(np.quantile(logits[y == 0], 1 - target))
    return {
        "evidence_model": [round(float(intercept), 4), *(round(float(w), 4) for w in weights)],
        "evidence_model_threshold": round(threshold, 4),
        "features": list(EVIDENCE_FEATURES), "rows": len(labels), "ooc": int(y.sum()),
        "ooc_refused": int((logits[y == 1] > threshold).sum()), "answerable_refused": int((logits[y == 0] > threshold).sum()),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.abstain", description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, default=None, help="index directory (default .index/ or HEALTHQA_INDEX)")
    parser.add_argument("--questions", type=Path, action="extend", nargs="+", required=True,
                        help="question file(s) (JSONL); repeat the flag or list several")
    parser.add_argument("--dump", type=Path, default=None, help="write one JSON line per question here")
    parser.add_argument("--variants", nargs="+", default=[], choices=("noaccent", "abbrev", "old_tone"),
                        help="also ask these forms of every question (eval.invariance), reported as <file>+<form>")
    parser.add_argument("--fit-evidence", action="store_true",
                        help="fit the evidence model (QASettings.evidence_model) on these questions and print it")
    args = parser.parse_args(argv)
    from corpus.errors import UserError

    try:
        if (args.dump or args.fit_evidence) and any(p.name in SEALED for p in args.questions):
            raise UserError(f"--dump and --fit-evidence are refused for the sealed set "
                            f"({', '.join(sorted(SEALED))}): aggregates only")
        from eval.datasets import load_questions
        from retriever.qa import Answerer
        from retriever.runtime import SEQUENTIAL_THREADS, open_searcher

        sets = [(p.name, load_questions(p)) for p in args.questions]
        sets += [(f"{name}+{form}", variant_questions(questions, form)) for form in args.variants
                 for name, questions in list(sets)]
        answerer = Answerer(open_searcher(args.index, threads=SEQUENTIAL_THREADS))
        rows = [row for name, questions in sets for row in abstention_rows(answerer, questions, name)]
        fitted = fit_evidence_model(rows) if args.fit_evidence else None
    except (UserError, OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(format_table(summarize(rows)))
    print()
    print(format_rules(rule_counts(rows)))
    print()
    print(format_ablation(rule_ablation(rows)))
    if fitted is not None:
        print()
        print("evidence model (QASettings fields):", json.dumps(fitted, ensure_ascii=False))
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    raise SystemExit(main())

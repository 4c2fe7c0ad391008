"""Fitting the answering-unit ranker (``retriever/qa/ranking.py``) on the tuning questions.

``python -m eval fit-ranker --index DIR`` asks every answerable *tuning* question of
``eval/questions/tune2.jsonl``, ``real.jsonl`` (split tuning), ``tune3.jsonl`` and ``figures_probe.jsonl`` that the text
route answers with a typed extractor, collects the extractor's proposal in each candidate unit
(:func:`collect`), labels a proposal right when its span is an accepted short answer, and fits
one weight per feature by a conditional logit over each question's proposals (:func:`fit`):
the right proposal should score above the others of its question.  It prints the coefficients
to paste into ``QASettings.ranker_coefficients`` and the tuning accuracy of the choice before
and after.  The sealed sets (``fresh*.jsonl``) are refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from retriever.qa.ranking import FEATURES

TUNING_SETS = ("eval/questions/tune2.jsonl", "eval/questions/real.jsonl", "eval/questions/tune3.jsonl",
               "eval/questions/figures_probe.jsonl")


@dataclass
class Proposal:
    features: list[float]
    right: bool
    baseline: float  # cand.score + span.confidence: today's choice key
    in_window: bool


@dataclass
class Group:
    question_id: str
    route: str  # "typed" (an extractor's span) or "what" (a clause read off the unit)
    proposals: list[Proposal] = field(default_factory=list)


def collect(answerer, questions, scan: int | None = None) -> list[Group]:
    """One :class:`Group` per question the typed extractors answer from passages."""
    from eval.metrics import short_answer_matches
    from retriever.qa.question import QuestionKind, analyze_question
    from retriever.qa.records import DOCUMENT_KINDS

    groups: list[Group] = []
    for q in questions:
        if not q.answerable:
            continue
        analysis = analyze_question(" ".join(q.question.split()))
        if answerer.records.answer(analysis) is not None or analysis.kind in DOCUMENT_KINDS or (
                analysis.kind is QuestionKind.DATE and analysis.asks_own_date):
            continue
        retrieval = answerer.retrieve(analysis)
        if not retrieval.candidates:
            continue
        options = answerer.proposals(analysis, retrieval, scan=scan)
        if any(option.in_window for option in options):
            group = Group(q.id, "typed")
            for option in options:
                group.proposals.append(Proposal(option.features, short_answer_matches(option.span.text, q.answer),
                                                option.baseline, option.in_window))
        elif analysis.kind in (QuestionKind.WHAT, QuestionKind.LIST):
            group = Group(q.id, "what")
            for option in answerer.what_options(analysis, retrieval, scan=scan):
                text, _ = answerer.read_what(analysis, option.cand, retrieval.weights)
                group.proposals.append(Proposal(option.features, short_answer_matches(text, q.answer),
                                                option.cand.score - option.order * 1e-6, option.in_window))
        else:
            continue  # the clause of the best unit answers, whatever the ranking
        groups.append(group)
    return groups


def choose(group: Group, coefficients) -> Proposal:
    """The proposal a coefficient vector picks (``None`` coefficients: today's key)."""
    shown = [p for p in group.proposals if p.in_window]
    if coefficients is None:
        return max(shown, key=lambda p: p.baseline)
    return max(shown, key=lambda p: float(np.dot(coefficients, p.features)))


def accuracy(groups: list[Group], coefficients) -> tuple[int, int]:
    return sum(choose(g, coefficients).right for g in groups), len(groups)


def fit(groups: list[Group], l2: float = 0.05, steps: int = 3000, rate: float = 0.1) -> np.ndarray:
    """Conditional-logit weights: maximise the softmax share of the right proposals of each question."""
    usable = []
    for g in groups:
        shown = [p for p in g.proposals if p.in_window]
        labels = np.array([p.right for p in shown], dtype=float)
        if 0 < labels.sum() < len(labels):
            usable.append((np.array([p.features for p in shown], dtype=float), labels / labels.sum()))
    w = np.zeros(len(groups[0].proposals[0].features) if groups else len(FEATURES))
    for _ in range(steps):
        grad = l2 * w
        for x, target in usable:
            z = x @ w
            p = np.exp(z - z.max())
            p /= p.sum()
            grad -= (target - p) @ x / len(usable)
        w -= rate * grad
    return w


def fit_ranker(index: Path, l2: float = 0.01, questions: list[Path] | None = None) -> dict:
    """Collect the tuning questions' proposals on ``index``, fit both routes, report before/after
    (tuning, and the check half of real.jsonl apart — not fitted on)."""
    from eval.run import load_question_sets
    from retriever.qa import Answerer
    from retriever.runtime import SEQUENTIAL_THREADS, open_searcher

    paths = [str(p) for p in (questions or TUNING_SETS)]
    if any("fresh" in Path(p).name for p in paths):
        from corpus.errors import UserError

        raise UserError("fresh*.jsonl is sealed: never fit on it")
    answerer = Answerer(open_searcher(index, threads=SEQUENTIAL_THREADS))
    groups = collect(answerer, load_question_sets(paths, None))
    split = {q.id: q.split for q in load_question_sets(paths, None)}
    result: dict = {"l2": l2, "features": list(FEATURES)}
    for route in ("typed", "what"):
        tuning = [g for g in groups if g.route == route and split[g.question_id] == "tuning"]
        check = [g for g in groups if g.route == route and split[g.question_id] == "check"]
        w = fit(tuning, l2=l2)
        result[route] = {
            "coefficients": [round(float(v), 3) for v in w],
            "tuning": {"questions": len(tuning), "before": accuracy(tuning, None)[0],
                       "after": accuracy(tuning, w)[0]},
            "check": {"questions": len(check), "before": accuracy(check, None)[0], "after": accuracy(check, w)[0]},
        }
    return result


def format_fit(result: dict) -> str:
    """The fitted coefficients as the two ``QASettings`` lines, and the choices right before/after."""
    lines = []
    for route, field_name in (("typed", "ranker_coefficients"), ("what", "what_ranker_coefficients")):
        part = result[route]
        lines.append(f"{field_name}: tuple[float, ...] = ({', '.join(str(c) for c in part['coefficients'])})")
        for half in ("tuning", "check"):
            figures = part[half]
            lines.append(f"  {route} {half}: {figures['before']} → {figures['after']} of {figures['questions']} "
                         "questions chose a right answer")
    lines.append(f"features: {', '.join(result['features'])}  (l2 {result['l2']})")
    return "\n".join(lines)

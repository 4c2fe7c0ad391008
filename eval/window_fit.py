"""Fitting which run of a long clause answers a "what" question (``retriever/qa/clauses.clause_window``).

``python -m eval fit-window --index DIR`` asks every answerable *tuning* question that the analysis reads as
"what" or "list", looks at its ``scan`` best units, keeps each clause longer than ``what_max_chars`` that holds an
accepted answer, lists the clause's runs (:func:`retriever.qa.clauses.window_options`) and labels a run right when
it is an accepted short answer.  One weight per :data:`retriever.qa.clauses.WINDOW_FEATURES` is fitted by a
conditional logit over each clause's runs (``eval.ranker.fit``).  It reports the share of clauses whose chosen run
is right with the hand-set weights and with the fitted ones, also under cross-validation by *document* (the
weights fitted on the other documents' clauses), and prints the coefficients for
``QASettings.what_window_coefficients``.  Questions are read through ``eval.ranker.fit_questions`` (default
``FIT_SETS``: the tuning sets and the study split of the sealed sets; no ``split: check`` question).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from eval.ranker import FIT_SETS, Group, Proposal


@dataclass
class Clause:
    """The runs of one long clause of one question's candidate unit."""

    question_id: str
    doc_id: str
    runs: list[tuple[tuple[float, ...], float, bool]] = field(default_factory=list)  # (features, order, right)


def collect(answerer, questions, scan: int = 8) -> list[Clause]:
    """The long clauses holding an accepted answer among the ``scan`` best units of each what/list question (the
    unit the answer is read from first; ``scan`` 0: that unit only)."""
    from eval.metrics import _answer_tokens, _contains, short_answer_matches
    from retriever.qa.clauses import (
        actor_words,
        answer_frame,
        goal_words,
        window_options,
    )
    from retriever.qa.question import QuestionKind, analyze_question

    limit = answerer.settings.what_max_chars
    clauses: list[Clause] = []
    for q in questions:
        if not q.answerable:
            continue
        analysis = analyze_question(" ".join(q.question.split()))
        if analysis.kind not in (QuestionKind.WHAT, QuestionKind.LIST):
            continue
        retrieval = answerer.retrieve(analysis)
        goal, actors = goal_words(analysis.text), actor_words(analysis.text)
        frame = answer_frame(analysis.key)
        if not retrieval.candidates:
            continue
        read = answerer.what_unit.framed(analysis, retrieval)
        for cand in [read] + [c for c in retrieval.candidates[:scan] if c is not read]:
            text = answerer.store.documents[cand.unit.doc_id].text
            start, end = answerer.what.clause(cand, retrieval.weights, limit=0)
            tokens = _answer_tokens(text[start:end])
            if end - start <= limit or not any(_contains(tokens, _answer_tokens(a)) for a in q.answer if a):
                continue
            clause = Clause(q.id, cand.unit.doc_id)
            for features, order, s, e in window_options(text, start, end, retrieval.weights, limit, goal, actors,
                                                        frame):
                clause.runs.append((features, order, short_answer_matches(text[s:e], q.answer)))
            if clause.runs:
                clauses.append(clause)
    return clauses


def chosen(clause: Clause, coefficients, margin: float = 0.02) -> bool:
    """Whether the run ``coefficients`` choose (best score, the earliest within ``margin``) is right."""
    scored = [(float(np.dot(coefficients, f)), order, right) for f, order, right in clause.runs]
    best = max(s for s, _, _ in scored)
    return min((o for o in scored if o[0] >= best - margin), key=lambda o: o[1])[2]


def _groups(clauses: list[Clause]) -> list[Group]:
    return [Group(c.question_id, "window", [Proposal(list(f), right, 0.0, True) for f, _, right in c.runs])
            for c in clauses]


def fit(groups: list[Group], prior, l2: float = 0.05, steps: int = 3000, rate: float = 0.1) -> np.ndarray:
    """Conditional-logit weights (the softmax share of each clause's right runs), pulled by ``l2`` towards
    ``prior`` (the hand-set weights): a feature few clauses show (a value stated after "là") keeps its hand weight
    rather than fading to nothing."""
    usable = []
    for g in groups:
        labels = np.array([p.right for p in g.proposals], dtype=float)
        if 0 < labels.sum() < len(labels):
            usable.append((np.array([p.features for p in g.proposals], dtype=float), labels / labels.sum()))
    prior = np.asarray(prior, dtype=float)
    w = prior.copy()
    for _ in range(steps):
        grad = l2 * (w - prior)
        for x, target in usable:
            z = x @ w
            p = np.exp(z - z.max())
            p /= p.sum()
            grad -= (target - p) @ x / len(usable)
        w -= rate * grad
    return w


def cross_validate(clauses: list[Clause], prior, l2: float, folds: int = 5) -> int:
    """Clauses whose chosen run is right when the weights are fitted on the other documents' clauses."""
    documents = sorted({c.doc_id for c in clauses})
    right = 0
    for fold in range(folds):
        held = {d for i, d in enumerate(documents) if i % folds == fold}
        w = fit(_groups([c for c in clauses if c.doc_id not in held]), prior, l2=l2)
        right += sum(chosen(c, w) for c in clauses if c.doc_id in held)
    return right


def fit_window(index: Path | None, l2: float = 0.05, questions: list[Path] | None = None, answerer=None) -> dict:
    """Collect the tuning clauses on ``index`` (or through ``answerer``), fit the run weights, report the hand-set
    and the current weights (``what_window_coefficients``) against the fitted ones."""
    from eval.ranker import fit_questions, open_answerer
    from retriever.qa.clauses import WINDOW_FEATURES, hand_window

    answerer = answerer or open_answerer(index)
    questions_read = fit_questions(questions or FIT_SETS)
    clauses = collect(answerer, questions_read)
    w = fit(_groups(clauses), hand_window(), l2=l2)
    current = answerer.settings.what_window_coefficients or hand_window()
    return {
        "l2": l2, "features": list(WINDOW_FEATURES), "clauses": len(clauses),
        "answerable": sum(any(r for _, _, r in c.runs) for c in clauses),
        "hand": sum(chosen(c, hand_window()) for c in clauses),
        "current": sum(chosen(c, current) for c in clauses),
        "fitted": sum(chosen(c, w) for c in clauses),
        "cross_validated": cross_validate(clauses, hand_window(), l2),
        "coefficients": [round(float(v), 3) for v in w],
    }


def format_fit(result: dict) -> str:
    return (f"clauses {result['clauses']} (a right run in {result['answerable']}): hand-set {result['hand']}, "
            f"current {result.get('current', result['hand'])}, fitted {result['fitted']}, cross-validated by document {result['cross_validated']}\n"
            f"what_window_coefficients: tuple[float, ...] = {tuple(result['coefficients'])}")

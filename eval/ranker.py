"""Fitting the answering-unit ranker (``retriever/qa/ranking.py``) on the tuning questions.

``python -m eval fit-ranker --index DIR`` asks every answerable *tuning* question of :data:`TUNING_SETS`
(``real.jsonl``: its tuning split) that the text route answers with a typed extractor (or reads off a clause,
"what"/"list"), collects the extractor's proposal in each candidate unit (:func:`collect`), labels a proposal
right when its span is an accepted short answer, and fits one weight per feature by a conditional logit over each
question's proposals (:func:`fit`): the right proposal should score above the others of its question.  A "what"
question is fitted only when the ranker decides it, as ``Answerer._framed`` does (no unit framing or stating the
asked value first; a label restating the question read last).  It prints the coefficients to paste into
``QASettings.ranker_coefficients`` / ``what_ranker_coefficients``, the choices right with the current and the
fitted weights, and the same fit validated across documents (:func:`cross_validate`: questions grouped by the
document that answers them, each fold fitted on the other documents' questions and scored on its own).  The check
sets (``fresh*.jsonl`` and any of :data:`CHECK_SETS`) are refused.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from retriever.qa.ranking import FEATURES, echo

# Every fit (fit-units, fit-ranker, fit-window, refit) reads these: tune6, tune7 (eighth round) and tune8 (ninth)
# were written blind by other writers and measured blind before they became tuning sets; fresh*.jsonl are the
# sealed check sets, never fitted on.
TUNING_SETS = ("eval/questions/tune2.jsonl", "eval/questions/real.jsonl", "eval/questions/tune3.jsonl",
               "eval/questions/figures_probe.jsonl", "eval/questions/tune4.jsonl", "eval/questions/tune5.jsonl",
               "eval/questions/tune6.jsonl", "eval/questions/tune7.jsonl", "eval/questions/tune8.jsonl")


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
    document: str = ""  # the source of the question's first gold passage: what cross-document folds group by


def text_route(answerer, questions):
    """``(question, analysis, retrieval)`` for every answerable question the text route answers from passages (no
    document record, no document kind) with at least one candidate unit: what the unit fits learn from."""
    from retriever.qa.question import QuestionKind, analyze_question
    from retriever.qa.records import DOCUMENT_KINDS

    for q in questions:
        if not q.answerable or not q.relevant:
            continue
        analysis = analyze_question(" ".join(q.question.split()))
        if answerer.records.answer(analysis) is not None or analysis.kind in DOCUMENT_KINDS or (
                analysis.kind is QuestionKind.DATE and analysis.asks_own_date):
            continue
        retrieval = answerer.retrieve(analysis)
        if retrieval.candidates:
            yield q, analysis, retrieval


def collect(answerer, questions, scan: int | None = None) -> list[Group]:
    """One :class:`Group` per question the typed extractors answer from passages."""
    from eval.metrics import short_answer_matches
    from retriever.qa.question import QuestionKind

    groups: list[Group] = []
    for q, analysis, retrieval in text_route(answerer, questions):
        options = answerer.proposals(analysis, retrieval, scan=scan)
        if any(option.in_window for option in options):
            group = Group(q.id, "typed", document=q.relevant[0].source)
            for option in options:
                group.proposals.append(Proposal(option.features, short_answer_matches(option.span.text, q.answer),
                                                option.baseline, option.in_window))
        elif analysis.kind in (QuestionKind.WHAT, QuestionKind.LIST):
            if _preempted(answerer, analysis, retrieval):
                continue  # a unit framing or stating the asked value answers, whatever the ranking
            group = Group(q.id, "what", document=q.relevant[0].source)
            asked = answerer._asked_words(analysis, retrieval)
            options = answerer.what_options(analysis, retrieval, scan=scan)
            labels = [echo(_body(answerer, o.cand), asked) >= answerer.settings.what_echo_max for o in options]
            for option, label in zip(options, labels):
                text, _ = answerer.read_what(analysis, option.cand, retrieval.weights)
                # a label restating the question is read last (Answerer._framed): out of the choice unless all are
                group.proposals.append(Proposal(option.features, short_answer_matches(text, q.answer),
                                                option.cand.score - option.order * 1e-6,
                                                option.in_window and (not label or all(labels))))
        else:
            continue  # the clause of the best unit answers, whatever the ranking
        groups.append(group)
    return groups


def _body(answerer, cand) -> str:
    return answerer.store.documents[cand.unit.doc_id].text[cand.unit.start:cand.unit.end]


def _preempted(answerer, analysis, retrieval) -> bool:
    """Whether ``Answerer._framed`` reads a "what" answer off a unit chosen before the ranker: one printing the
    question's year or its words before the slot (``clauses.framed_unit``) or stating a value for the asked phrase
    (``clauses.stating_unit``).  The ranker is fitted on the questions it decides."""
    from retriever.qa.clauses import answer_frame, framed_unit, slot_frame, stating_unit

    candidates = retrieval.candidates

    def text_of(cand):
        return answerer.store.documents[cand.unit.doc_id].text

    settings = answerer.settings
    framed = framed_unit(candidates, text_of, slot_frame(analysis.key), settings.framed_window,
                         analysis.target_years)
    if framed is not candidates[0] and not answerer._skips_framing(framed, analysis):
        return True
    stated = stating_unit(candidates, text_of, answer_frame(analysis.key), settings.what_stated_window)
    return stated is not None and not answerer._skips_framing(stated, analysis)  # w98: not a restated request


CV_SEEDS = (0, 1, 2, 3, 4)  # shuffles of the documents into folds for the cross-document check


def choose(group: Group, coefficients) -> Proposal:
    """The proposal a coefficient vector picks (``None`` coefficients: today's key)."""
    shown = [p for p in group.proposals if p.in_window]
    if coefficients is None:
        return max(shown, key=lambda p: p.baseline)
    return max(shown, key=lambda p: float(np.dot(coefficients, p.features)))


def accuracy(groups: list[Group], coefficients) -> tuple[int, int]:
    return sum(choose(g, coefficients).right for g in groups), len(groups)


def fit(groups: list[Group], l2: float = 0.01, steps: int = 50) -> np.ndarray:
    """Conditional-logit weights: maximise the softmax share of the right proposals of each question
    (those with right and wrong proposals in the window), L2-penalised, by Newton's method."""
    usable = []
    for g in groups:
        shown = [p for p in g.proposals if p.in_window]
        labels = np.array([p.right for p in shown], dtype=float)
        if 0 < labels.sum() < len(labels):
            usable.append((np.array([p.features for p in shown], dtype=float), labels / labels.sum()))
    dim = len(groups[0].proposals[0].features) if groups and groups[0].proposals else len(FEATURES)
    w = np.zeros(dim)
    if not usable:
        return w
    for _ in range(steps):
        grad, hess = l2 * w, l2 * np.eye(dim)
        for x, target in usable:
            z = x @ w
            p = np.exp(z - z.max())
            p /= p.sum()
            mean = p @ x
            grad = grad - (target @ x - mean) / len(usable)
            hess = hess + (x.T @ (p[:, None] * x) - np.outer(mean, mean)) / len(usable)
        step = np.linalg.solve(hess, grad)
        w = w - step
        if float(np.abs(step).max()) < 1e-8:
            break
    return w


def document_half(source: str) -> int:
    """0 or 1: which half of the documents ``source`` falls in (crc32 of its name), for split-half checks."""
    return zlib.crc32(source.encode()) % 2


def folds_by_document(groups: list[Group], k: int = 5, seed: int = 0) -> list[int]:
    """The fold (0..k-1) of each group: the documents shuffled by ``seed`` and dealt round-robin, so all the
    questions one document answers fall in one fold."""
    documents = sorted({g.document for g in groups})
    order = np.random.default_rng(seed).permutation(len(documents))
    fold_of = {documents[i]: n % k for n, i in enumerate(order)}
    return [fold_of[g.document] for g in groups]


def cross_validate(groups: list[Group], k: int = 5, l2: float = 0.01, seeds: tuple[int, ...] = (0,)) -> dict:
    """Held-out accuracy of the fit across documents: for each seed, the groups are cut into ``k`` folds by
    document (:func:`folds_by_document`), each fold is scored by the weights fitted on the others.
    Returns ``{"questions": N, "held_out": [right choices per seed], "mean": …}``."""
    held_out = held_out_by_document(groups, k, seeds,
                                    lambda train, test: accuracy(test, fit(train, l2=l2) if train else None)[0])
    return {"questions": len(groups), "held_out": held_out,
            "mean": round(float(np.mean(held_out)), 2) if held_out else 0.0}


def held_out_by_document(groups: list, k: int, seeds, score) -> list[int]:
    """For each seed, the sum over the ``k`` folds by document (:func:`folds_by_document`) of
    ``score(train, test)``: the right choices on a fold's groups by what was fitted on the others'."""
    held_out = []
    for seed in seeds:
        fold = folds_by_document(groups, k, seed)
        right = 0
        for part in range(k):
            train = [g for g, f in zip(groups, fold) if f != part]
            test = [g for g, f in zip(groups, fold) if f == part]
            if test:
                right += score(train, test)
        held_out.append(right)
    return held_out


def refuse_sealed(paths) -> None:
    """A one-line error when a check set (``fresh*.jsonl``, :data:`CHECK_SETS`) is among ``paths``: never fit on it."""
    if any("fresh" in Path(p).name or Path(p).name in CHECK_SETS for p in paths):
        from corpus.errors import UserError

        raise UserError("fresh*.jsonl and the blind check sets are never fitted on")


# blind check sets beside the sealed fresh*.jsonl (totals only, never fitted on); a new blind set is named here
# until it has been measured, then it joins TUNING_SETS (tune8 did in the ninth round; tune9 and tune10 are next)
CHECK_SETS: tuple[str, ...] = ("tune9.jsonl", "tune10.jsonl")


def open_answerer(index: Path, settings=None):
    """One answerer on ``index`` (sequential threads: the fits compare runs), with ``settings`` (default ``QA``)."""
    from retriever.qa import Answerer
    from retriever.qa.settings import QA
    from retriever.runtime import SEQUENTIAL_THREADS, open_searcher

    return Answerer(open_searcher(index, threads=SEQUENTIAL_THREADS), settings=settings or QA)


def fit_ranker(index: Path | None, l2: float = 0.01, questions: list[Path] | None = None, answerer=None) -> dict:
    """Collect the tuning questions' proposals on ``index`` (or through ``answerer``, whose settings hold the
    unit weights the candidates are ranked by), fit both routes, report before/after (tuning, and the check half
    of real.jsonl apart — not fitted on)."""
    from eval.run import load_question_sets

    paths = [str(p) for p in (questions or TUNING_SETS)]
    refuse_sealed(paths)
    answerer = answerer or open_answerer(index)
    read = load_question_sets(paths, None)
    groups = collect(answerer, read)
    split = {q.id: q.split for q in read}
    result: dict = {"l2": l2, "features": list(FEATURES)}
    for route, field_name in (("typed", "ranker_coefficients"), ("what", "what_ranker_coefficients")):
        tuning = [g for g in groups if g.route == route and split[g.question_id] != "check"]
        check = [g for g in groups if g.route == route and split[g.question_id] == "check"]
        current = np.array(getattr(answerer.settings, field_name) or (), dtype=float)
        current = current if len(current) == len(FEATURES) else None
        w = fit(tuning, l2=l2)
        held_out = cross_validate(tuning, l2=l2, seeds=CV_SEEDS)
        result[route] = {
            "coefficients": [round(float(v), 3) for v in w],
            "current": None if current is None else [float(v) for v in current],
            "tuning": {"questions": len(tuning), "before": accuracy(tuning, current)[0],
                       "after": accuracy(tuning, w)[0], "held_out_by_document": held_out},
            "check": {"questions": len(check), "before": accuracy(check, current)[0], "after": accuracy(check, w)[0]},
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
            lines.append(f"  {route} {half}: {figures['before']} (current weights) → {figures['after']} (fitted) of "
                         f"{figures['questions']} questions chose a right answer")
        held_out = part["tuning"]["held_out_by_document"]
        lines.append(f"  {route} held out by document (5 folds, {len(held_out['held_out'])} shuffles): "
                     f"{held_out['mean']} of {held_out['questions']} (each: {held_out['held_out']})")
    lines.append(f"features: {', '.join(result['features'])}  (l2 {result['l2']})")
    return "\n".join(lines)

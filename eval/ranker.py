"""Fitting the answering-unit ranker (``retriever/qa/ranking.py``) on the tuning questions.

``python -m eval fit-ranker --index DIR`` asks every answerable *tuning* question of :data:`FIT_SETS` (the ten
tuning sets, and the ``split: tuning`` questions of the sealed sets: :func:`fit_questions`) that the text route
answers with a typed extractor (or reads off a clause, "what"/"list"), collects the extractor's proposal in each
candidate unit (:func:`collect`), labels a proposal right when its span is an accepted short answer, and fits one
weight per feature by a conditional logit over each question's proposals (:func:`fit`): the right proposal should
score above the others of its question.  A "what"
question is fitted only when the ranker decides it, as ``WhatUnitChoice.framed`` does (no unit framing or stating the
asked value first; a label restating the question read last).  It prints the coefficients to paste into
``QASettings.ranker_coefficients`` / ``what_ranker_coefficients``, the choices right with the current and the
fitted weights, and the same fit validated across documents (:func:`cross_validate`: questions grouped by the
document that answers them, each fold fitted on the other documents' questions and scored on its own), on the long
documents (those of the sealed sets' study split: :func:`long_documents_of`) and the short ones apart, and whether
moving one stored weight alone (or a new feature's, stored at 0) chooses better held out by document
(:func:`coordinate_check`).  The blind check sets (:data:`CHECK_SETS`) are refused, and no ``split: check``
question of any file reaches a fit (:func:`fit_questions`).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from retriever.qa.ranking import FEATURES, echo

# The ten tuning sets: tune6, tune7 (eighth round), tune8 (ninth) and tune11 (fifth 2026-12-07 session) were
# written blind by other writers and measured blind before they became tuning sets.  The first nine sit on short
# documents (median 18 passages); tune11 asks new questions of the 23 long documents opened for study.
TUNING_SETS = ("eval/questions/tune2.jsonl", "eval/questions/real.jsonl", "eval/questions/tune3.jsonl",
               "eval/questions/figures_probe.jsonl", "eval/questions/tune4.jsonl", "eval/questions/tune5.jsonl",
               "eval/questions/tune6.jsonl", "eval/questions/tune7.jsonl", "eval/questions/tune8.jsonl",
               "eval/questions/tune11.jsonl")


# The sealed sets over the 45 long documents (median 83 passages), split once by document (second 2026-12-07
# session, eval/questions/README.md): the questions on the 23 study documents carry ``split: tuning`` and are fitted
# on; those on the 22 others and every out-of-corpus one carry ``split: check`` and never reach a fit
# (:func:`fit_questions` drops them).  Without them no fit saw a document of 80 passages or more.
STUDY_SETS = ("eval/questions/fresh.jsonl", "eval/questions/fresh2.jsonl", "eval/questions/fresh3.jsonl")

# Every fit (fit-units, fit-ranker, fit-window, refit) reads these by default, through :func:`fit_questions`.
FIT_SETS = TUNING_SETS + STUDY_SETS


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


def collect(answerer, questions, scan: int | None = None, extra=None) -> list[Group]:
    """One :class:`Group` per question the typed extractors answer from passages.  ``extra(answerer, analysis,
    retrieval, options, span_texts)``, when given, returns features appended to each option's (one list per option:
    ``eval.ranker_contrast.describe_contrast`` describes an option against the others of its question)."""
    from eval.metrics import short_answer_matches
    from retriever.qa.question import QuestionKind

    groups: list[Group] = []
    for q, analysis, retrieval in text_route(answerer, questions):
        options = answerer.proposals(analysis, retrieval, scan=scan)
        if any(option.in_window for option in options):
            group = Group(q.id, "typed", document=q.relevant[0].source)
            for option in options:
                group.proposals.append(Proposal(list(option.features),
                                                short_answer_matches(option.span.text, q.answer),
                                                option.baseline, option.in_window))
            texts = [option.span.text for option in options]
        elif analysis.kind in (QuestionKind.WHAT, QuestionKind.LIST):
            if _preempted(answerer, analysis, retrieval):
                continue  # a unit framing or stating the asked value answers, whatever the ranking
            group = Group(q.id, "what", document=q.relevant[0].source)
            asked = answerer._asked_words(analysis, retrieval)
            options = answerer.what_options(analysis, retrieval, scan=scan)
            labels = [echo(_body(answerer, o.cand), asked) >= answerer.settings.what_echo_max for o in options]
            texts = []
            for option, label in zip(options, labels):
                text, _ = answerer.read_what(analysis, option.cand, retrieval.weights)
                texts.append(text)
                # a label restating the question is read last (WhatUnitChoice.framed): out of the choice unless all are
                group.proposals.append(Proposal(list(option.features), short_answer_matches(text, q.answer),
                                                option.cand.score - option.order * 1e-6,
                                                option.in_window and (not label or all(labels))))
        else:
            continue  # the clause of the best unit answers, whatever the ranking
        if extra is not None:
            for proposal, added in zip(group.proposals, extra(answerer, analysis, retrieval, options, texts)):
                proposal.features += list(added)
        groups.append(group)
    return groups


def _body(answerer, cand) -> str:
    return answerer.store.documents[cand.unit.doc_id].text[cand.unit.start:cand.unit.end]


def _preempted(answerer, analysis, retrieval) -> bool:
    """Whether ``WhatUnitChoice.framed`` reads a "what" answer off a unit chosen before the ranker: one printing the
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


def fit(groups: list[Group], l2: float = 0.01, steps: int = 50, weight=None) -> np.ndarray:
    """Conditional-logit weights: maximise the softmax share of the right proposals of each question
    (those with right and wrong proposals in the window), L2-penalised, by Newton's method.  ``weight(group)``
    (default 1) weighs a question's share: the few questions on long documents can count as much as the many on
    short ones (:func:`size_weights`)."""
    usable = []
    for g in groups:
        shown = [p for p in g.proposals if p.in_window]
        labels = np.array([p.right for p in shown], dtype=float)
        if 0 < labels.sum() < len(labels):
            usable.append((np.array([p.features for p in shown], dtype=float), labels / labels.sum(),
                           1.0 if weight is None else float(weight(g))))
    dim = len(groups[0].proposals[0].features) if groups and groups[0].proposals else len(FEATURES)
    w = np.zeros(dim)
    if not usable:
        return w
    total = sum(u for _, _, u in usable)
    for _ in range(steps):
        grad, hess = l2 * w, l2 * np.eye(dim)
        for x, target, u in usable:
            z = x @ w
            p = np.exp(z - z.max())
            p /= p.sum()
            mean = p @ x
            grad = grad - u * (target @ x - mean) / total
            hess = hess + u * (x.T @ (p[:, None] * x) - np.outer(mean, mean)) / total
        step = np.linalg.solve(hess, grad)
        w = w - step
        if float(np.abs(step).max()) < 1e-8:
            break
    return w


def size_weights(groups: list[Group], long_documents, share: float | None = None):
    """``weight(group)`` for :func:`fit`: the questions on ``long_documents`` together weigh ``share`` of the fit
    (``None``: each question 1, as many as they are)."""
    if share is None:
        return None
    n_long = sum(g.document in long_documents for g in groups)
    n_short = len(groups) - n_long
    if not n_long or not n_short:
        return None
    long_weight, short_weight = share * len(groups) / n_long, (1 - share) * len(groups) / n_short
    return lambda g: long_weight if g.document in long_documents else short_weight


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


def cross_validate(groups: list[Group], k: int = 5, l2: float = 0.01, seeds: tuple[int, ...] = (0,),
                   long_documents=frozenset(), share: float | None = None) -> dict:
    """Held-out accuracy of the fit across documents: for each seed, the groups are cut into ``k`` folds by
    document (:func:`folds_by_document`), each fold is scored by the weights fitted on the others (weighed by
    :func:`size_weights` with ``share``).  Returns ``{"questions": N, "held_out": [right choices per seed],
    "mean": …, "long": mean on ``long_documents``, "short": mean on the others, "long_questions": n}``."""
    per_seed = []
    for seed in seeds:
        fold = folds_by_document(groups, k, seed)
        right = [False] * len(groups)
        for part in range(k):
            train = [g for g, f in zip(groups, fold) if f != part]
            w = fit(train, l2=l2, weight=size_weights(train, long_documents, share)) if train else None
            for i, (g, f) in enumerate(zip(groups, fold)):
                if f == part:
                    right[i] = choose(g, w).right
        per_seed.append(right)
    is_long = [g.document in long_documents for g in groups]

    def mean(keep) -> float:
        return round(float(np.mean([sum(r for r, x in zip(row, is_long) if keep(x)) for row in per_seed])), 2) \
            if per_seed else 0.0

    return {"questions": len(groups), "held_out": [sum(row) for row in per_seed], "mean": mean(lambda x: True),
            "long": mean(lambda x: x), "short": mean(lambda x: not x), "long_questions": sum(is_long)}


# the moves of one stored weight the coordinate check tries (:func:`coordinate_check`)
COORDINATE_STEPS = tuple(round(0.1 * i, 1) for i in range(-10, 11))


def coordinate_check(groups: list[Group], current, k: int = 5, seeds: tuple[int, ...] = CV_SEEDS,
                     long_documents=frozenset(), steps: tuple[float, ...] = COORDINATE_STEPS) -> list[dict]:
    """Whether moving one stored weight alone chooses better, held out by document: for each feature, each fold
    (:func:`folds_by_document`) takes the move of ``steps`` that chooses right most often on the other folds (the
    smallest move among equals: none when nothing gains) and is scored on its own.  A conditional-logit refit
    (:func:`fit`) maximises the right proposals' likelihood, not the choices right, and held out it has chosen
    fewer right than the stored weights (w115: 974.8 against 986 of 1131 typed questions): this asks the narrower
    question of the stored weights themselves, and of a new feature added at weight 0.  Returns one
    ``{"feature", "current", "move" (taken on all questions), "in_sample", "held_out", "long", "short"}`` per
    feature, with the stored weights' own figures as ``"stored"`` in each (choices right: all, long, short)."""
    current = np.asarray(current, dtype=float)
    data = []
    for g in groups:
        shown = [p for p in g.proposals if p.in_window]
        x = np.array([p.features for p in shown], dtype=float)
        data.append((x @ current, x, np.array([p.right for p in shown]), g.document in long_documents))

    def right(rows, j, move) -> tuple[int, int]:
        long = short = 0
        for base, x, labels, is_long in rows:
            chosen = bool(labels[int(np.argmax(base + move * x[:, j]))])
            long, short = long + (chosen and is_long), short + (chosen and not is_long)
        return long, short

    def best_move(rows, j) -> float:
        counts = [sum(right(rows, j, move)) for move in steps]
        return min((m for m, c in zip(steps, counts) if c == max(counts)), key=abs)

    stored = right(data, 0, 0.0)
    report = []
    for j in range(len(current)):
        held = []
        for seed in seeds:
            fold = folds_by_document(groups, k, seed)
            long = short = 0
            for part in range(k):
                train = [d for d, f in zip(data, fold) if f != part]
                test = [d for d, f in zip(data, fold) if f == part]
                if test:
                    a, b = right(test, j, best_move(train, j) if train else 0.0)
                    long, short = long + a, short + b
            held.append((long, short))
        move = best_move(data, j)
        report.append({"feature": FEATURES[j] if j < len(FEATURES) else str(j), "current": float(current[j]),
                       "move": move, "in_sample": sum(right(data, j, move)),
                       "held_out": round(float(np.mean([a + b for a, b in held])), 2),
                       "long": round(float(np.mean([a for a, _ in held])), 2),
                       "short": round(float(np.mean([b for _, b in held])), 2),
                       "stored": {"all": sum(stored), "long": stored[0], "short": stored[1]}})
    return report


def missed_choices(groups: list[Group], coefficients) -> list[tuple[str, np.ndarray]]:
    """The questions a new feature would have to win: the proposal ``coefficients`` choose is wrong while a right
    one is in the window.  Each comes with the best-scoring right proposal's features minus the chosen one's
    (positive: the right proposal has more of it), what :func:`feature_contrast` sums up."""
    missed = []
    for g in groups:
        shown = [p for p in g.proposals if p.in_window]
        chosen = choose(g, coefficients)
        right = [p for p in shown if p.right]
        if chosen.right or not right:
            continue
        best_right = max(right, key=lambda p: float(np.dot(coefficients, p.features)))
        missed.append((g.question_id, np.asarray(best_right.features, float) - np.asarray(chosen.features, float)))
    return missed


def feature_contrast(missed: list[tuple[str, np.ndarray]], names=FEATURES) -> list[dict]:
    """Per feature over :func:`missed_choices`: the mean of (right − chosen) and the shares of the questions where
    the right proposal has more / less of it.  A feature worth adding is one the right proposal has more (or
    less) of in most of them — and, :func:`coordinate_check` with it stored at 0, one whose move holds out."""
    if not missed:
        return []
    diffs = np.array([d for _, d in missed])
    return [{"feature": names[j] if j < len(names) else str(j), "mean": round(float(diffs[:, j].mean()), 3),
             "right_more": round(float(np.mean(diffs[:, j] > 1e-9)), 2),
             "right_less": round(float(np.mean(diffs[:, j] < -1e-9)), 2)} for j in range(diffs.shape[1])]


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


def refuse_sealed(paths, study: bool = False) -> None:
    """A one-line error when a blind check set (:data:`CHECK_SETS`) is among ``paths``, or a sealed set
    (``fresh*.jsonl``) unless ``study``: the caller then reads it through :func:`fit_questions`, which keeps its
    ``split: tuning`` questions only (a caller reading every split, ``eval.retrieval_fit``, keeps refusing it)."""
    names = [Path(p).name for p in paths]
    if any(name in CHECK_SETS for name in names):
        from corpus.errors import UserError

        raise UserError(f"the blind check sets ({', '.join(CHECK_SETS)}) are never fitted on")
    if not study and any("fresh" in name for name in names):
        from corpus.errors import UserError

        raise UserError("fresh*.jsonl is never fitted on whole: the fits read its study split only, through "
                        "eval.ranker.fit_questions")


def fit_questions(paths) -> list:
    """The questions a fit may read from ``paths``: the blind check sets refused (:func:`refuse_sealed`), and of
    every file only the questions marked ``split: tuning``, or all of a file that marks no split (``dev.jsonl``):
    a ``split: check`` question — the sealed half of ``fresh*.jsonl``, the check half of ``real.jsonl`` — never
    reaches ``collect``."""
    from eval.run import load_question_sets

    paths = [str(p) for p in paths]
    refuse_sealed(paths, study=True)
    return [q for q in load_question_sets(paths, None) if q.split in ("tuning", "")]


def long_documents_of(questions) -> set[str]:
    """The documents of ``questions`` read from :data:`STUDY_SETS`: the long ones (34–318 passages, median 83,
    against 69 at most for the nine tuning sets' documents, which no size bound alone separates), whose figures the
    fits report apart and whose share of a fit :func:`size_weights` can set."""
    study = {q.id for q in fit_questions(STUDY_SETS)}
    return {q.relevant[0].source for q in questions if q.id in study and q.relevant}


# blind check sets beside the sealed fresh*.jsonl (totals only, never fitted on); a new blind set is named here
# until it has been measured, then it joins TUNING_SETS (tune8 did in the ninth round, tune11 in the fifth
# 2026-12-07 session; tune9, tune10 and tune12 stay blind)
CHECK_SETS: tuple[str, ...] = ("tune9.jsonl", "tune10.jsonl", "tune12.jsonl")


def open_answerer(index: Path, settings=None):
    """One answerer on ``index`` (sequential threads: the fits compare runs), with ``settings`` (default ``QA``)."""
    from retriever.qa import Answerer
    from retriever.qa.settings import QA
    from retriever.runtime import SEQUENTIAL_THREADS, open_searcher

    return Answerer(open_searcher(index, threads=SEQUENTIAL_THREADS), settings=settings or QA)


def fit_ranker(index: Path | None, l2: float = 0.01, questions: list[Path] | None = None, answerer=None,
               long_share: float | None = None) -> dict:
    """Collect the proposals of the questions a fit reads (:func:`fit_questions` of ``questions``, default
    :data:`FIT_SETS`) on ``index`` (or through ``answerer``, whose settings hold the unit weights the candidates are
    ranked by), fit both routes (the questions on long documents weighing ``long_share`` of the fit:
    :func:`size_weights`), report before/after in sample and held out by document, on long and short documents
    apart."""
    answerer = answerer or open_answerer(index)
    read = fit_questions(questions or FIT_SETS)
    groups = collect(answerer, read)
    long = long_documents_of(read)
    result: dict = {"l2": l2, "features": list(FEATURES), "long_share": long_share}
    for route, field_name in (("typed", "ranker_coefficients"), ("what", "what_ranker_coefficients")):
        chosen = [g for g in groups if g.route == route]
        current = np.array(getattr(answerer.settings, field_name) or (), dtype=float)
        current = current if len(current) == len(FEATURES) else None
        w = fit(chosen, l2=l2, weight=size_weights(chosen, long, long_share))
        held_out = cross_validate(chosen, l2=l2, seeds=CV_SEEDS, long_documents=long, share=long_share)
        result[route] = {
            "coefficients": [round(float(v), 3) for v in w],
            "current": None if current is None else [float(v) for v in current],
            "tuning": {"questions": len(chosen), "before": accuracy(chosen, current)[0],
                       "after": accuracy(chosen, w)[0], "held_out_by_document": held_out},
        }
        for size, keep in (("long", True), ("short", False)):
            part = [g for g in chosen if (g.document in long) == keep]
            result[route][size] = {"questions": len(part), "before": accuracy(part, current)[0],
                                   "after": accuracy(part, w)[0], "held_out_by_document": held_out[size]}
        if current is not None and chosen:
            result[route]["coordinates"] = coordinate_check(chosen, current, long_documents=long)
            missed = missed_choices(chosen, current)
            result[route]["missed"] = {"questions": [q for q, _ in missed], "contrast": feature_contrast(missed)}
    return result


def gaining_moves(coordinates: list[dict]) -> list[dict]:
    """The moves of one stored weight (:func:`coordinate_check`) that choose more right held out by document on the
    long documents without fewer on the short ones, or more on the short without fewer on the long."""
    def gains(c) -> bool:
        stored = c["stored"]
        return (c["long"] >= stored["long"] and c["short"] >= stored["short"]
                and c["long"] + c["short"] > stored["long"] + stored["short"])

    return [c for c in coordinates if gains(c)]


def format_fit(result: dict) -> str:
    """The fitted coefficients as the two ``QASettings`` lines, and the choices right before/after."""
    lines = []
    for route, field_name in (("typed", "ranker_coefficients"), ("what", "what_ranker_coefficients")):
        part = result[route]
        lines.append(f"{field_name}: tuple[float, ...] = ({', '.join(str(c) for c in part['coefficients'])})")
        for size in ("tuning", "long", "short"):
            figures = part[size]
            held = figures["held_out_by_document"]
            held = held["mean"] if isinstance(held, dict) else held
            name = {"tuning": "all", "long": "long documents (the sealed sets' study split)",
                    "short": "short documents (the tuning sets)"}[size]
            lines.append(f"  {route} {name}: {figures['before']} (current weights) → {figures['after']} (fitted), "
                         f"{held} held out by document, of {figures['questions']} questions chose a right answer")
        held_out = part["tuning"]["held_out_by_document"]
        lines.append(f"  {route} held out by document (5 folds, {len(held_out['held_out'])} shuffles): "
                     f"{held_out['mean']} of {held_out['questions']} (each: {held_out['held_out']})")
        if part.get("coordinates"):
            stored = part["coordinates"][0]["stored"]
            moved = ", ".join(f"{c['feature']} {c['move']:+.1f}: {c['long']}/{c['short']}"
                              for c in gaining_moves(part["coordinates"])) or "none"
            lines.append(f"  {route} one stored weight moved alone, held out by document (long/short; stored "
                         f"{stored['long']}/{stored['short']}): gaining {moved}")
        if part.get("missed"):
            contrast = sorted(part["missed"]["contrast"], key=lambda c: -abs(c["right_more"] - c["right_less"]))
            lines.append(f"  {route} chosen wrong with a right proposal in the window: "
                         f"{len(part['missed']['questions'])}; right − chosen (mean, share more/less): "
                         + ", ".join(f"{c['feature']} {c['mean']:+.2f} {c['right_more']:.2f}/{c['right_less']:.2f}"
                                     for c in contrast[:6]))
    lines.append(f"features: {', '.join(result['features'])}  (l2 {result['l2']}, "
                 f"long-document share {result.get('long_share')})")
    return "\n".join(lines)

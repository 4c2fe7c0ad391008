"""Fitting which span of the answering unit names the agency (``retriever/qa/extractors/agency``).

``python -m eval fit-agency --index DIR`` asks every answerable tuning question (:func:`eval.ranker.fit_questions` of
the question files, default :data:`eval.ranker.FIT_SETS`) the text route answers with the one-agency extractor, reads
every candidate unit of the answerer's window as the extractor does (``AgencyExtractor.readings``: each candidate span
described by ``readings.SPAN_FEATURES``), labels a span right when it, with the office title put before it, is an
accepted short answer, and keeps the units holding right and wrong spans: the within-unit choices the weights decide.
A conditional logit (:func:`eval.ranker.fit`) weighs the features so the right span scores highest.  It reports the
choices right with the hand weights (``readings.HAND_WEIGHTS``), with the stored ones
(``QASettings.agency_span_coefficients``), and fitted — in sample and held out by document (5 folds by document,
:data:`eval.ranker.CV_SEEDS` shuffles, :func:`eval.ranker.held_out_by_document`) — two ways: all weights fitted from
zero, and anchored (the hand score as one more feature, so the L2 penalty pulls the fit toward the hand weights).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from eval.ranker import (
    CV_SEEDS,
    FIT_SETS,
    fit,
    fit_questions,
    held_out_by_document,
    long_documents_of,
    open_answerer,
    text_route,
)
from retriever.qa.extractors.agency.readings import (
    HAND_WEIGHTS,
    SPAN_FEATURES,
    span_coefficients,
)


@dataclass
class SpanProposal:
    features: list[float]
    right: bool
    start: int
    text: str
    in_window: bool = True  # what eval.ranker.fit reads


@dataclass
class SpanGroup:
    question_id: str
    document: str  # what eval.ranker.folds_by_document groups by
    proposals: list[SpanProposal] = field(default_factory=list)
    gold: bool = False  # the unit holds the question's gold passage (where eval.misses locates it)


def unit_readings(extractor, analysis, unit, context):
    """The extractor's readings of ``unit`` with the answer text each would give, or ``None`` when the unit is not
    read by weighing spans (the executors of a closing article, a table's body column answer first)."""
    from retriever.qa.extractors.agency.executors import _executors
    from retriever.qa.extractors.agency.extractor import _column_span, _with_title

    if _executors(analysis, unit, context) is not None or _column_span(analysis, unit, context) is not None:
        return None
    text = context.text(unit.doc_id)
    out = []
    for reading in extractor.readings(analysis, unit, context):
        start = _with_title(analysis, text, reading.start)
        out.append((reading, " ".join(text[start:reading.end].split())))
    return out


def collect(answerer, questions) -> list[SpanGroup]:
    """One :class:`SpanGroup` per (question, unit of the window) whose readings hold a right and a wrong span."""
    from eval.metrics import short_answer_matches
    from eval.misses import MissClassifier
    from retriever.qa.question import QuestionKind

    locate = MissClassifier(answerer).locate
    groups = []
    for q, analysis, retrieval in text_route(answerer, questions):
        if analysis.kind is not QuestionKind.AGENCY:
            continue
        gold_doc, gold_at = locate(q.relevant[0].source, q.relevant[0].text)
        extractor = answerer.proposer.extractors.get(QuestionKind.AGENCY)
        context = answerer.proposer.context(retrieval.weights)
        for _order, cand, _in_window in answerer.proposer.scanned(retrieval, None):
            readings = unit_readings(extractor, analysis, cand.unit, context)
            if not readings:
                continue
            unit = cand.unit
            group = SpanGroup(f"{q.id}@{unit.start}", q.relevant[0].source,
                              gold=unit.doc_id == gold_doc and unit.start <= gold_at < unit.end)
            for reading, shown in sorted(readings, key=lambda r: r[0].start):
                group.proposals.append(SpanProposal(reading.features, short_answer_matches(shown, q.answer),
                                                    reading.start, shown))
            labels = {p.right for p in group.proposals}
            if labels == {True, False}:
                groups.append(group)
    return groups


def chosen(group: SpanGroup, coefficients) -> SpanProposal:
    """The span ``coefficients`` choose, as the extractor does: highest score (rounded), the earlier on a tie."""
    w = np.asarray(coefficients, dtype=float)
    return max(group.proposals, key=lambda p: (round(float(np.dot(w, p.features)), 9), -p.start))


def right_choices(groups: list[SpanGroup], coefficients) -> int:
    return sum(chosen(g, coefficients).right for g in groups)


def anchored(groups: list[SpanGroup]) -> list[SpanGroup]:
    """The groups with the hand score put first among the features: a fit of these learns corrections to the hand
    weights (the L2 penalty pulls them toward no correction)."""
    hand = np.asarray(HAND_WEIGHTS)
    return [SpanGroup(g.question_id, g.document,
                      [SpanProposal([float(np.dot(hand, p.features))] + list(p.features), p.right, p.start, p.text)
                       for p in g.proposals], g.gold) for g in groups]


def collapse(w) -> np.ndarray:
    """An anchored fit's weights as one vector over ``SPAN_FEATURES``: w0 × hand + the corrections."""
    return w[0] * np.asarray(HAND_WEIGHTS) + np.asarray(w[1:])


def held_out(groups: list[SpanGroup], l2: float, anchor: bool, k: int = 5, seeds=CV_SEEDS) -> list[int]:
    """The right choices, each fold of documents chosen by the weights fitted on the others."""
    def score(train, test) -> int:
        if anchor:
            return right_choices(test, collapse(fit(anchored(train), l2=l2)))
        return right_choices(test, fit(train, l2=l2))
    return held_out_by_document(groups, k, seeds, score)


def compare(groups: list[SpanGroup], l2: float, stored, long_documents=frozenset()) -> dict:
    """Hand, stored and fitted weights on ``groups``: the right choices in sample and held out by document, on long
    and short documents apart."""
    free = fit(groups, l2=l2) if groups else np.zeros(len(SPAN_FEATURES))
    tied = collapse(fit(anchored(groups), l2=l2)) if groups else np.asarray(HAND_WEIGHTS)
    result = {"units": len(groups), "questions": len({g.question_id.split("@")[0] for g in groups}),
              "documents": len({g.document for g in groups}),
              "hand": right_choices(groups, HAND_WEIGHTS), "stored": right_choices(groups, stored),
              "fitted": {"coefficients": [round(float(v), 3) for v in free], "in_sample": right_choices(groups, free)},
              "anchored": {"coefficients": [round(float(v), 3) for v in tied], "in_sample": right_choices(groups, tied)}}
    for name, anchor in (("fitted", False), ("anchored", True)):
        runs = held_out(groups, l2, anchor) if groups else []
        result[name]["held_out_by_document"] = runs
        result[name]["held_out_mean"] = round(float(np.mean(runs)), 2) if runs else 0.0
    for size, keep in (("long", True), ("short", False)):
        part = [g for g in groups if (g.document in long_documents) == keep]
        result[size] = {"units": len(part), "hand": right_choices(part, HAND_WEIGHTS),
                        "fitted": right_choices(part, free), "anchored": right_choices(part, tied)}
    result["misses"] = [g.question_id for g in groups if not chosen(g, stored).right]
    return result


def fit_agency(index: Path | None, l2: float = 0.01, questions: list[Path] | None = None, answerer=None) -> dict:
    """Collect the within-unit choices (:func:`collect`) and compare hand, stored and fitted weights (:func:`compare`)
    on every unit of the window, and on the units holding the gold passage alone (the others' right spans are
    names the unit prints, not always the body doing the task)."""
    answerer = answerer or open_answerer(index)
    read = fit_questions(questions or FIT_SETS)
    groups = collect(answerer, read)
    long = long_documents_of(read)
    stored = span_coefficients(answerer.settings)
    return {"l2": l2, "features": list(SPAN_FEATURES),
            "all": compare(groups, l2, stored, long), "gold": compare([g for g in groups if g.gold], l2, stored, long)}


def format_fit(result: dict) -> str:
    """The figures, and the fitted weights as the ``QASettings`` line."""
    lines = []
    for subset, title in (("all", "units of the window"), ("gold", "units holding the gold passage")):
        part = result[subset]
        lines += [(f"{title}: {part['units']} ({part['questions']} questions, {part['documents']} documents) hold a "
                   f"right and a wrong agency span; the right one chosen:"),
                  f"  hand weights {part['hand']}, stored {part['stored']}"]
        for name in ("fitted", "anchored"):
            fitted = part[name]
            lines.append(f"  {name}: {fitted['in_sample']} in sample, {fitted['held_out_mean']} held out by document "
                         f"(5 folds, each shuffle: {fitted['held_out_by_document']})")
        for size in ("long", "short"):
            sized = part[size]
            lines.append(f"  {size} documents ({sized['units']} units): hand {sized['hand']}, fitted {sized['fitted']}, "
                         f"anchored {sized['anchored']} (in sample)")
        for name in ("fitted", "anchored"):
            lines.append(f"  agency_span_coefficients ({name}): tuple[float, ...] = "
                         f"({', '.join(str(c) for c in part[name]['coefficients'])})")
        lines.append(f"  chosen wrong with the stored weights: {' '.join(part['misses'])}")
    lines.append(f"features: {', '.join(result['features'])}  (l2 {result['l2']})")
    return "\n".join(lines)

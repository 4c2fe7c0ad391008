"""Fit the unit-scoring weights of ``retriever.qa.scoring.rank_units`` on the tuning questions.

Usage: ``python -m eval fit-units --index DIR [--questions FILE]... [--l2 X] [--json]``.

For every answerable tuning question the text route answers (not a document record), each candidate unit gets
the features ``rank_units`` adds up (coverage, coverage with the document's names, the hit's share of the top
search score, the cosine gap, short / long unit) and a label: the unit (with its lead) prints an accepted
answer.  A conditional logit (``eval.ranker.fit``) weighs them so the labelled unit comes first.  The fitted
weights are then scaled by one factor so that ``candidate_window`` holds, on average, as many units as the
current score does: every window of the answerer reads score differences, so the scale is kept.

The report gives the labelled unit's top-1 count under the current and the fitted weights, fitted on one half of
the documents (crc32 of the source name) and counted on the other, both ways, and the settings to use.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from eval.ranker import (
    CV_SEEDS,
    FIT_SETS,
    document_half,
    fit,
    fit_questions,
    held_out_by_document,
    open_answerer,
    text_route,
)

FEATURES = ("coverage", "doc_coverage", "hit_share", "short", "long", "dense_gap")
SETTINGS = ("unit_coverage_weight", "doc_coverage_weight", "hit_weight", "short_unit_penalty",
            "long_unit_penalty", "unit_dense_weight")
SIGNS = (1.0, 1.0, 1.0, -1.0, -1.0, 1.0)  # penalties are subtracted in rank_units


@dataclass
class _Option:
    features: list[float]
    right: bool
    in_window: bool = True


@dataclass
class UnitGroup:
    source: str
    proposals: list[_Option]

    @property
    def document(self) -> str:  # what ``eval.ranker.folds_by_document`` groups by
        return self.source


def current_weights(settings) -> np.ndarray:
    return np.array([sign * getattr(settings, name) for name, sign in zip(SETTINGS, SIGNS)])


def ranking_weights(answerer, analysis, retrieval) -> dict[str, float]:
    """The question's word weights as ``rank_units`` reads them (``Answerer.retrieve``): without the words naming
    the act the search was restricted to (every unit is of that document), else all of them."""
    from retriever.qa.question import QuestionKind
    from retriever.qa.records import asks_within_named_act

    naming: frozenset[str] = frozenset()
    if analysis.names_act and (analysis.kind is not QuestionKind.DOCUMENT or asks_within_named_act(analysis)):
        subject = answerer.records.subject(analysis)
        if subject is not None and subject.what == "document":
            naming = frozenset(answerer.records.naming_words(analysis))
    weights = retrieval.weights
    return {w: v for w, v in weights.items() if w not in naming} or weights


def collect(answerer, questions) -> list[UnitGroup]:
    """One :class:`UnitGroup` per text-route question: every candidate unit's score terms and whether it prints an
    accepted answer."""
    from eval.metrics import _answer_tokens, _contains
    from retriever.qa.scoring import coverage

    settings = answerer.settings
    groups = []
    for q, analysis, retrieval in text_route(answerer, questions):
        weights = ranking_weights(answerer, analysis, retrieval)
        gold = [_answer_tokens(g) for g in q.answer]
        hits = retrieval.result.hits
        top = hits[0].score or 1.0
        units = [(h, answerer.units.units_of(answerer.units.row_of[h.chunk_id])) for h in hits]
        dense = answerer._unit_cosines(retrieval.result, units)
        best = max((c for row in dense for c in row), default=0.0) if dense else 0.0
        context = answerer.proposer.context(retrieval.weights)
        options = []
        for rank, (hit, unit_list) in enumerate(units):
            doc_words = answerer.units.record_words[hit.doc_id]
            for position, unit in enumerate(unit_list):
                words = answerer.units.words(unit)
                text = answerer.store.documents[unit.doc_id].text[unit.start:unit.end]
                tokens = _answer_tokens(context.lead(unit) + " " + text)
                length = unit.end - unit.start
                options.append(_Option([
                    coverage(weights, words), coverage(weights, words | doc_words),
                    hit.score / top, float(length < settings.short_unit_chars),
                    float(length > settings.long_unit_chars), (dense[rank][position] - best) if dense else 0.0],
                    any(_contains(tokens, g) for g in gold)))
        if any(o.right for o in options):
            groups.append(UnitGroup(q.relevant[0].source, options))
    return groups


def top1(groups: list[UnitGroup], weights) -> int:
    w = np.asarray(weights)
    return sum(max(g.proposals, key=lambda o: float(np.dot(w, o.features))).right for g in groups)


def in_window(groups: list[UnitGroup], weights, window: float) -> float:
    w = np.asarray(weights)
    counts = []
    for g in groups:
        scores = [float(np.dot(w, o.features)) for o in g.proposals]
        counts.append(sum(s >= max(scores) - window for s in scores))
    return float(np.mean(counts)) if counts else 0.0


def scaled(groups: list[UnitGroup], fitted, current, window: float) -> np.ndarray:
    """``fitted`` × the factor that makes ``window`` hold as many units as under ``current``."""
    target = in_window(groups, current, window)
    factors = np.arange(0.05, 1.0, 0.005)
    factor = min(factors, key=lambda c: abs(in_window(groups, c * np.asarray(fitted), window) - target))
    return factor * np.asarray(fitted)


def _fit(groups: list[UnitGroup], l2: float) -> np.ndarray:
    """``eval.ranker.fit`` on the unit features (all zero without a group to learn from)."""
    return fit(groups, l2=l2) if groups else np.zeros(len(FEATURES))


def cross_validate(groups: list[UnitGroup], l2: float = 0.01, k: int = 5, seeds=CV_SEEDS) -> dict:
    """Top-1 of the answering unit when each fold of documents is scored by the weights fitted on the others
    (``eval.ranker.folds_by_document``; the scale does not move the top unit)."""
    held_out = held_out_by_document(groups, k, seeds,
                                    lambda train, test: top1(test, _fit(train, l2)) if train else 0)
    return {"held_out": held_out, "mean": round(float(np.mean(held_out)), 2) if held_out else 0.0}


def fit_units(index: Path | None, l2: float = 0.01, questions: list[Path] | None = None, answerer=None) -> dict:
    """Fit the ``rank_units`` weights on ``questions`` (default: ``eval.ranker.FIT_SETS``, read through
    ``eval.ranker.fit_questions``: no ``split: check`` question) and check them across documents: split halves,
    and 5 folds by document."""
    answerer = answerer or open_answerer(index)
    read = fit_questions(questions or FIT_SETS)
    groups = collect(answerer, read)
    current = current_weights(answerer.settings)
    window = answerer.settings.candidate_window
    result: dict = {"questions": len(groups), "current_top1": top1(groups, current), "halves": {}}
    for half in (0, 1):
        train = [g for g in groups if document_half(g.source) == half]
        test = [g for g in groups if document_half(g.source) != half]
        w = scaled(train, _fit(train, l2), current, window)
        result["halves"][f"fitted on half {half}"] = {
            "checked": len(test), "current": top1(test, current), "fitted": top1(test, w)}
    result["held_out_by_document"] = cross_validate(groups, l2=l2)
    w = scaled(groups, _fit(groups, l2), current, window)
    result["fitted_top1"] = top1(groups, w)
    result["settings"] = {name: round(float(sign * v), 3) for name, sign, v in zip(SETTINGS, SIGNS, w)}
    return result


def format_fit(result: dict) -> str:
    """The fit as text: top-1 counts, the halves checked, the settings to use."""
    lines = [(f"questions {result['questions']}: answering unit first, current {result['current_top1']}, "
             f"fitted {result['fitted_top1']}")]
    for name, row in result["halves"].items():
        lines.append(f"  {name}, checked on the other ({row['checked']}): current {row['current']} -> {row['fitted']}")
    held_out = result["held_out_by_document"]
    lines.append(f"  held out by document (5 folds, {len(held_out['held_out'])} shuffles): {held_out['mean']} "
                 f"(each: {held_out['held_out']})")
    lines.append("settings: " + " ".join(f"--set {k}={v}" for k, v in result["settings"].items()))
    return "\n".join(lines)

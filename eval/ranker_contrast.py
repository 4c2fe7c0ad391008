"""Contrastive features of the answering unit: what sets one option apart from the OTHER options of its question.

The stored ranker (``retriever/qa/ranking.py``) describes each option alone.  A clerk choosing between two near-
identical clauses ("Trưởng ban 692 …" / "Phó Trưởng ban 623 …"; "… tại các cơ sở giáo dục" / "… cấp xã, phường")
reads the word that differs.  :func:`contrast_features` describes an option against the others of its question
(:data:`CONTRAST_FEATURES`), and ``python -m eval.ranker_contrast --index DIR`` measures each appended to the twelve
features, refitted by the conditional logit of ``eval.ranker.fit`` and scored held out by document
(``eval.ranker.cross_validate``), and the "any right option" objective (:func:`fit_marginal`) beside it.

w151 (index /work/idx/w137_real, 1147 typed / 256 "what" questions; right option in the window: 1078 / 235): the
refit of the twelve chooses right 1037.6 / 203.8 held out by document (the stored weights 1046 / 206 in sample).
Appended alone: distinct_coverage 1039.8 / 202.8, coverage_gap 1041.6 / 204.2, dense_lead 1040.6 / 201.8,
span_agreement 1034.6 / 203.8, deciding_words 1040.2 / 203.8, extra_words 1038.8 / 203.4, dense_rank 1039.4 / 200.0,
has_near_duplicate 1036.4 / 202.8; all eight 1037.0 / 200.4; coverage_gap + dense_lead 1043.0 (in sample 1045, below
the stored weights' 1046).  Over the stored weights each moved alone (``eval.ranker.coordinate_check``, −4…+4): at
most 1046.0 typed / 206.0 "what" held out (= stored).  Tried end to end: the typed ranker with own_coverage and
dense_gap each minus the best other option's (14 weights refitted on all: 1045 in sample, 1042.2 held out): study
1769 → 1764 of 1926 (half A +3 −6, half B +0 −2), so not kept.  Nor a small nonlinear model: gradient-boosted
trees (pointwise, sklearn, depth 2–3) 993 held out against 1038.3 for the conditional logit (3 shuffles), trees
boosted on the conditional logit's listwise gradient from the linear score 1022.7–1027.3, coordinate ascent on the
choices right from the refit 1040.3.  The pairwise softplus / squared-hinge objectives 1037.6 / 1041.0.  None is
stored: no gain reaches the answers.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from retriever.qa.scoring import syllables

CONTRAST_FEATURES: tuple[str, ...] = (
    "distinct_coverage",  # the question's own words the unit prints, each weighed by the share of OTHER options lacking it
    "coverage_gap",  # the unit's coverage of the question's own words minus the best other option's
    "dense_lead",  # 10 × (the unit's e5 cosine minus the best other option's)
    "span_agreement",  # share of the other options whose span reads the same (several units agreeing on one value)
    "deciding_words",  # vs its near-duplicate: own-word weight printed only here minus only there
    "extra_words",  # vs its near-duplicate: words printed only here that the question does not print (≤3, /3)
    "dense_rank",  # rank of the unit's cosine among the options (0 = best), capped at 5
    "has_near_duplicate",  # 1 when another option shares NEAR_DUPLICATE of its words (Jaccard)
)

# two options sharing this share of their words (Jaccard of syllable sets) are near-duplicates: sibling clauses
NEAR_DUPLICATE = 0.5
EXTRA_WORDS_CAP = 3
DENSE_SCALE = 10.0


@dataclass(frozen=True)
class OptionText:
    """What :func:`contrast_features` reads of one option: the unit's text read with its lead, its span, its cosine."""

    body: str
    span: str
    dense: float = 0.0


def contrast_features(options: list[OptionText], own_weights: dict[str, float], asked: set[str]) -> list[list[float]]:
    """The :data:`CONTRAST_FEATURES` of each option against the others; ``own_weights`` the question's word weights
    beyond the document's title (what ``ranking.option_features`` calls own), ``asked`` every syllable the question
    prints (``choice.asked_words``)."""
    total = sum(own_weights.values()) or 1.0
    words = [set(syllables(o.body)) for o in options]
    spans = [" ".join(syllables(o.span)) for o in options]
    covered = [sum(w for t, w in own_weights.items() if t in ws) / total for ws in words]
    dense = [o.dense for o in options]
    rows = []
    for k in range(len(options)):
        others = [j for j in range(len(options)) if j != k]
        rank = float(min(sum(d > dense[k] for d in dense), 5))
        if not others:
            rows.append([covered[k], 0.0, 0.0, 0.0, 0.0, 0.0, rank, 0.0])
            continue
        distinct = sum(w * (1 - sum(t in words[j] for j in others) / len(others))
                       for t, w in own_weights.items() if t in words[k]) / total
        nearest = max(others, key=lambda j: (_jaccard(words[k], words[j]), -j))
        duplicate = _jaccard(words[k], words[nearest]) >= NEAR_DUPLICATE
        deciding = extra = 0.0
        if duplicate:
            mine, theirs = words[k] - words[nearest], words[nearest] - words[k]
            deciding = (sum(own_weights.get(t, 0.0) for t in mine) - sum(own_weights.get(t, 0.0) for t in theirs)) / total
            extra = min(sum(t not in asked and not t.isdigit() for t in mine), EXTRA_WORDS_CAP) / EXTRA_WORDS_CAP
        rows.append([distinct, covered[k] - max(covered[j] for j in others),
                     DENSE_SCALE * (dense[k] - max(dense[j] for j in others)),
                     sum(spans[j] == spans[k] for j in others) / len(others),
                     deciding, extra, rank, float(duplicate)])
    return rows


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def describe_contrast(answerer, analysis, retrieval, options, span_texts) -> list[list[float]]:
    """``eval.ranker.collect``'s ``extra`` hook: the contrastive features of the options in the window (0 for the
    others: at answer time only the window is compared)."""
    from retriever.qa.choice import asked_words

    shown = [i for i, o in enumerate(options) if o.in_window]
    rows = [[0.0] * len(CONTRAST_FEATURES) for _ in options]
    if not shown:
        return rows
    doc_words = answerer.units.record_words[options[shown[0]].cand.unit.doc_id]
    own = {t: w for t, w in retrieval.weights.items() if t not in doc_words}
    context = answerer.proposer.context(retrieval.weights)
    texts = []
    for i in shown:
        cand = options[i].cand
        body = answerer.store.documents[cand.unit.doc_id].text[cand.unit.start:cand.unit.end]
        texts.append(OptionText(answerer.proposer._lead(context, cand.unit) + body, span_texts[i], cand.dense))
    for i, row in zip(shown, contrast_features(texts, own, asked_words(analysis, retrieval))):
        rows[i] = row
    return rows


def with_columns(groups, columns: list[int], base: int):
    """``groups`` keeping the ``base`` first features and the appended contrastive ``columns``."""
    from eval.ranker import Group, Proposal

    out = []
    for g in groups:
        kept = Group(g.question_id, g.route, document=g.document)
        kept.proposals = [Proposal(p.features[:base] + [p.features[base + c] for c in columns], p.right, p.baseline,
                                   p.in_window) for p in g.proposals]
        out.append(kept)
    return out


def fit_marginal(groups, l2: float = 0.001) -> np.ndarray:
    """Weights maximising the log-probability that the chosen option is ANY right one (softmax over a question's
    options in the window; the conditional logit of ``eval.ranker.fit`` asks every right option to score alike).
    L-BFGS on the L2-penalised mean over the questions whose window holds right and wrong options."""
    from scipy.optimize import minimize
    from scipy.special import logsumexp

    usable = []
    for g in groups:
        shown = [p for p in g.proposals if p.in_window]
        labels = np.array([p.right for p in shown], dtype=bool)
        if 0 < labels.sum() < len(labels):
            usable.append((np.array([p.features for p in shown], dtype=float), labels))
    dim = len(groups[0].proposals[0].features) if groups and groups[0].proposals else 0
    if not usable:
        return np.zeros(dim)

    def loss(w):
        value, grad = 0.5 * l2 * w @ w, l2 * w
        for x, labels in usable:
            z = x @ w
            right, every = logsumexp(z[labels]), logsumexp(z)
            value += (every - right) / len(usable)
            grad = grad + (np.exp(z - every) @ x - np.exp(z[labels] - right) @ x[labels]) / len(usable)
        return value, grad

    return minimize(loss, np.zeros(dim), jac=True, method="L-BFGS-B").x


def measure(index: Path, combinations=(("coverage_gap", "dense_lead"),)) -> dict:
    """Held out by document (5 folds × 5 shuffles), per route: the twelve refitted, each contrastive feature
    appended alone, all of them, ``combinations``, and the twelve fitted by :func:`fit_marginal`."""
    from eval.ranker import (
        CV_SEEDS,
        FIT_SETS,
        accuracy,
        collect,
        cross_validate,
        fit,
        fit_questions,
        held_out_by_document,
        open_answerer,
    )
    from retriever.qa.ranking import FEATURES

    answerer = open_answerer(index)
    groups = collect(answerer, fit_questions(FIT_SETS), extra=describe_contrast)
    base = len(FEATURES)
    result = {}
    for route in ("typed", "what"):
        chosen = [g for g in groups if g.route == route]
        sets = {"twelve": [], **{name: [i] for i, name in enumerate(CONTRAST_FEATURES)},
                "all": list(range(len(CONTRAST_FEATURES))),
                **{"+".join(c): [CONTRAST_FEATURES.index(n) for n in c] for c in combinations}}
        part = {}
        for name, columns in sets.items():
            data = with_columns(chosen, columns, base)
            part[name] = {"in_sample": accuracy(data, fit(data))[0],
                          "held_out": cross_validate(data, seeds=CV_SEEDS)["mean"]}
        twelve = with_columns(chosen, [], base)

        def score_marginal(train, test):
            return accuracy(test, fit_marginal(train))[0]

        part["twelve, any-right objective"] = {
            "in_sample": accuracy(twelve, fit_marginal(twelve))[0],
            "held_out": float(np.mean(held_out_by_document(twelve, 5, CV_SEEDS, score_marginal)))}
        result[route] = {"questions": len(chosen), "figures": part}
    return result


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="contrastive ranker features, held out by document")
    parser.add_argument("--index", type=Path, required=True)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.index), indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()

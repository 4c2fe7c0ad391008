"""Fitting the passage score of ``retriever.search`` (``FusionSettings``) on the tuning questions.

``python -m eval.retrieval_fit --index DIR`` reads every answerable question of the tuning sets (signer
questions aside: their gold is the signature block, answered from the document's record), takes each one's
candidate passages and unweighted signals from the searcher itself (``HybridSearcher.candidates`` and
``.signals``: the same values the served score weighs), labels a candidate relevant as ``eval.metrics`` does,
and searches the weights coordinate by coordinate for the best hit@1 + MRR@10. The weights are checked by
cross-validation over documents: the questions are grouped by the document they are about, each fold is
scored with weights fitted on the other documents' questions. It prints today's weights and the fitted
ones on every question, the cross-validated figures, and per set and per kind. The check half of
``real.jsonl`` is reported apart; so are the study and check halves of the session (weights fitted on the study half
alone, scored on the check half) and the size of each question's document. The sealed and blind check sets
(``fresh*.jsonl``, ``eval.ranker.CHECK_SETS``) are refused.

The signals of the own-header residual depend on ``own_documents`` / ``own_min_relative`` (fixed here);
the weights searched: ``dense_weight`` (= ``named_dense_weight``), ``part_weight``, ``own_weight``,
``form_penalty`` and each kind's ``type_weights``.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from eval.ranker import TUNING_SETS, refuse_sealed  # the one list every fit reads
from retriever.qa.settings import QA

# This session's halves of TUNING_SETS (reports/COMMON.md): the study half is read question by question, the check
# half only in totals; a change of the weights must raise both.
CHECK_HALF = ("tune6", "tune7", "tune8")
# Passages in the question's document. Every tuning question sits on a document of fewer than 80 passages, while
# the held-out documents run to 80–500 (long decrees, consolidated texts, procedure tables): the figures per size
# show how far a change carries to long documents before the lead measures them.
SIZE_BOUNDS = (20, 40, 80)

GRID = (0.0, 0.125, 0.25, 0.375, 0.5, 0.75, 1.0, 1.5, 2.0)
DENSE_GRID = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6)


@dataclass
class Item:
    question_id: str
    kind: str
    split: str
    source: str  # the question's document (its first relevant entry's file): the cross-validation group
    file: str
    signals: object  # retriever.search.PassageSignals
    relevant: np.ndarray  # bool per candidate


def collect(searcher, questions, files: dict[str, str]) -> list[Item]:
    """One :class:`Item` per answerable non-signer question with a relevant passage among its candidates."""
    from eval.metrics import hit_satisfies
    from retriever.query import analyze_query

    documents = {d.record.source: d.text for d in searcher.store.documents.values()}
    items = []
    for q in questions:
        if not q.relevant or q.kind == "signer":
            continue
        analysis = analyze_query(q.question)
        tokens = searcher.tokenizer.query_tokens(analysis.expanded) + searcher.restored_tokens(analysis)
        rows, bm25, dense, lexical, _ = searcher.candidates(analysis, tokens)
        if len(rows) == 0:
            continue
        chunks = [searcher.store.chunks[int(r)] for r in rows]
        relevant = np.asarray([any(hit_satisfies({"source": c.source, "text": c.text, "start": c.start, "end": c.end},
                                                 r.source, r.text, documents) for r in q.relevant) for c in chunks])
        items.append(Item(q.id, q.kind, q.split or "", q.relevant[0].source, files[q.id],
                          searcher.signals(analysis, tokens, rows, bm25, dense, lexical), relevant))
    return items


def half_of(file: str) -> str:
    """"study" or "check": the half of the tuning sets a question file (its stem) belongs to."""
    return "check" if file in CHECK_HALF else "study"


def size_bucket(passages: int) -> str:
    """The size class of a document by its passages: "<20", "20-40", "40-80", ">=80".

    >>> size_bucket(12), size_bucket(40), size_bucket(493)
    ('<20', '40-80', '>=80')
    """
    low = 0
    for bound in SIZE_BOUNDS:
        if passages < bound:
            return f"<{bound}" if not low else f"{low}-{bound}"
        low = bound
    return f">={low}"


# The answerer reads the first ``QASettings.search_k`` passages: a relevant passage below them is lost to it
# whatever the units' ranking does.
READ = QA.search_k
OBJECTIVES = ("hit_mrr", "recall")


def figures(searcher, items: list[Item], fusion) -> dict[str, float]:
    """hit@1, MRR@10 and recall@READ of the candidates ranked by ``fusion`` (a relevant passage counted once)."""
    hits = mrr = read = 0.0
    for item in items:
        order = np.argsort(-searcher.combine(item.signals, fusion), kind="stable")
        ranks = np.flatnonzero(item.relevant[order][:10])
        hits += bool(len(ranks)) and ranks[0] == 0
        mrr += 1.0 / (ranks[0] + 1) if len(ranks) else 0.0
        read += bool(len(ranks)) and ranks[0] < READ
    n = max(len(items), 1)
    return {"n": len(items), "hit@1": round(hits / n, 4), "mrr@10": round(mrr / n, 4),
            f"recall@{READ}": round(read / n, 4)}


def _objective(searcher, items, fusion, objective: str = "hit_mrr") -> float:
    """hit@1 + MRR@10 ("hit_mrr"), or recall@READ + MRR@10 ("recall": what the answerer can read first)."""
    result = figures(searcher, items, fusion)
    first = result[f"recall@{READ}"] if objective == "recall" else result["hit@1"]
    return first + result["mrr@10"]


def fit(searcher, items: list[Item], start, rounds: int = 3, objective: str = "hit_mrr"):
    """Coordinate search from `start` (a FusionSettings) for the best `objective` (`_objective`) on `items`."""
    best, value = start, _objective(searcher, items, start, objective)
    kinds = [kind for kind, _ in start.type_weights]
    for _ in range(rounds):
        improved = False
        for name in ("dense_weight", "part_weight", "own_weight", "form_penalty", *kinds):
            grid = DENSE_GRID if name == "dense_weight" else GRID
            for weight in grid:
                if name == "dense_weight":
                    trial = replace(best, dense_weight=weight, named_dense_weight=weight)
                elif name in ("part_weight", "own_weight", "form_penalty"):
                    trial = replace(best, **{name: weight})
                else:
                    trial = replace(best, type_weights=tuple((k, weight if k == name else w)
                                                             for k, w in best.type_weights))
                score = _objective(searcher, items, trial, objective)
                if score > value + 1e-9:
                    best, value, improved = trial, score, True
        if not improved:
            break
    return best


def cross_validate(searcher, items: list[Item], start, folds: int = 5, seed: int = 0,
                   objective: str = "hit_mrr") -> dict[str, float]:
    """Each fold's questions ranked with weights fitted on the other folds' documents."""
    documents = sorted({item.source for item in items})
    np.random.RandomState(seed).shuffle(documents)
    fold_of = {d: i % folds for i, d in enumerate(documents)}
    totals: dict[str, float] = {}
    for fold in range(folds):
        train = [item for item in items if fold_of[item.source] != fold]
        test = [item for item in items if fold_of[item.source] == fold]
        result = figures(searcher, test, fit(searcher, train, start, objective=objective))
        for name, value in result.items():
            if name != "n":
                totals[name] = totals.get(name, 0.0) + value * result["n"]
    return {"n": len(items), **{name: round(total / len(items), 4) for name, total in totals.items()}}


def _weights(fusion) -> dict:
    return {"dense_weight": fusion.dense_weight, "part_weight": fusion.part_weight, "own_weight": fusion.own_weight,
            "form_penalty": fusion.form_penalty, "type_weights": dict(fusion.type_weights)}


def run(index: Path, questions: list[str] | None = None, folds: int = 5, objective: str = "hit_mrr") -> dict:
    from eval.datasets import load_questions
    from retriever.runtime import SEQUENTIAL_THREADS, open_searcher

    paths = [str(p) for p in (questions or TUNING_SETS)]
    refuse_sealed(paths)  # fresh*.jsonl and the blind check sets (tune9.jsonl) alike
    files, loaded = {}, []
    for path in paths:
        for q in load_questions(path):
            files[q.id] = Path(path).stem
            loaded.append(q)
    searcher = open_searcher(index, threads=SEQUENTIAL_THREADS)
    items = collect(searcher, loaded, files)
    today = searcher.fusion
    tuning = [item for item in items if item.split != "check"]
    check = [item for item in items if item.split == "check"]
    fitted = fit(searcher, tuning, today, objective=objective)
    result = {
        "questions": len(items), "today": _weights(today), "fitted": _weights(fitted),
        "tuning": {"today": figures(searcher, tuning, today), "fitted": figures(searcher, tuning, fitted),
                   "cross_validated_by_document": cross_validate(searcher, tuning, today, folds,
                                                                 objective=objective)},
        "real_check_half": {"today": figures(searcher, check, today), "fitted": figures(searcher, check, fitted)},
        "per_set": {}, "per_kind": {},
    }
    # The session's rule for a change of weights: fitted on the study half alone, it must raise the check half too.
    study = [item for item in tuning if half_of(item.file) == "study"]
    check_half = [item for item in items if half_of(item.file) == "check"]
    if study and check_half:
        on_study = fit(searcher, study, today, objective=objective)
        result["fitted_on_study_half"] = {
            "weights": _weights(on_study),
            "study": {"today": figures(searcher, study, today), "fitted": figures(searcher, study, on_study)},
            "check": {"today": figures(searcher, check_half, today), "fitted": figures(searcher, check_half, on_study)}}
    passages: dict[str, int] = {}
    for chunk in searcher.store.chunks:
        passages[chunk.source] = passages.get(chunk.source, 0) + 1
    result["per_half"], result["per_document_size"] = {}, {}
    for key, group in (("per_set", lambda item: item.file), ("per_kind", lambda item: item.kind),
                       ("per_half", lambda item: half_of(item.file)),
                       ("per_document_size", lambda item: size_bucket(passages.get(item.source, 0)))):
        for name in sorted({group(item) for item in items}):
            part = [item for item in items if group(item) == name]
            result[key][name] = {"today": figures(searcher, part, today), "fitted": figures(searcher, part, fitted)}
    return result


def main(argv: list[str] | None = None) -> int:
    from corpus.errors import UserError

    parser = argparse.ArgumentParser(prog="python -m eval.retrieval_fit", description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--questions", nargs="+", help="question files (default: the tuning sets)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--objective", choices=OBJECTIVES, default="hit_mrr",
                        help="what the coordinate search raises: hit@1 + MRR@10, or recall@8 + MRR@10")
    args = parser.parse_args(argv)
    try:
        result = run(args.index, args.questions, args.folds, args.objective)
    except (UserError, OSError, ValueError) as error:
        print(f"lỗi: {error}", file=sys.stderr)
        return 1
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

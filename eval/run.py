"""``python -m eval run``: every system on the development questions, one table.

>>> result = run_evaluation("eval/questions/dev.jsonl", ".index")  # doctest: +SKIP
>>> sorted(result)  # doctest: +SKIP
['answers', 'questions', 'systems']
>>> result["systems"]["hybrid"]["mrr@10"]  # doctest: +SKIP
0.8...

Retrieval is scored by :mod:`eval.metrics` (snippet relevance, ranx); ``noanswer``
questions are left out of retrieval metrics and judged by abstention in ``answers``.
Latency is warm (one warm-up query first) and each query pays its own query embedding
(the embedder's query cache is emptied before every timed query).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from eval.baselines import REQUIRED_SYSTEMS, System, build_systems, forget_queries, with_fusion, searcher_system
from eval.datasets import Question, load_questions
from eval.metrics import METRICS, answer_matches, evaluate_retrieval, latency_summary, short_answer_matches

DEFAULT_QUESTIONS = Path(__file__).parent / "questions" / "dev.jsonl"
SWEEP_WEIGHTS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
SKIPPED_ANSWERS = {"skipped": "retriever.qa not available"}


def load_question_sets(paths: str | Path | Sequence[str | Path], split: str | None = None) -> list[Question]:
    """Questions of one or several files (ids must stay unique across them), optionally one split only."""
    from eval.datasets import DatasetError

    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    questions: list[Question] = []
    seen: dict[str, Path] = {}
    for path in paths:
        for question in load_questions(path):
            if question.id in seen:
                raise DatasetError(f"{path}: id {question.id!r} is also in {seen[question.id]}")
            seen[question.id] = Path(path)
            questions.append(question)
    if split:
        questions = [q for q in questions if q.split == split]
    return questions


def run_evaluation(
    questions: str | Path | Sequence[Question] | Sequence[str | Path] = DEFAULT_QUESTIONS,
    index_dir: str | Path | None = None,
    sweep: bool = False,
    answers: bool = True,
    searcher=None,
    split: str | None = None,
    backend: str | None = None,
) -> dict[str, Any]:
    """Retrieval metrics and latency of every system, plus the answer figures of ``ask``.

    Returns ``{"questions": N, "systems": {name: {...}}, "answers": {...}}`` (and ``"sweep"``
    when asked: metrics of the hybrid searcher over dense weights 0.3…0.8).  When the
    questions carry a ``split`` (tuning / check halves), ``"splits"`` holds the same
    ``systems`` and ``answers`` for each half, side by side; ``split`` keeps one half only.
    """
    from retriever.runtime import SEQUENTIAL_THREADS, open_searcher

    if isinstance(questions, (str, Path)) or (questions and not isinstance(questions[0], Question)):
        questions = load_question_sets(questions, split)
    elif split:
        questions = [q for q in questions if q.split == split]
    searcher = searcher or open_searcher(index_dir, threads=SEQUENTIAL_THREADS, backend=backend)  # questions one at a time
    documents = {d.record.source: d.text for d in searcher.store.documents.values()}
    groups = _split_groups(questions)
    result: dict[str, Any] = {"questions": len(questions), "systems": {}}
    if groups:
        result["splits"] = {name: {"questions": len(group), "systems": {}} for name, group in groups.items()}
    for name, system in build_systems(searcher).items():
        hits, latencies = run_queries(system, {q.id: q.question for q in questions}, searcher.embedder)
        scores = evaluate_retrieval(questions, hits, documents)
        result["systems"][name] = system_entry(scores["overall"], scores["per_kind"], latencies)
        timing = {q.id: ms for q, ms in zip(questions, latencies)}
        for group_name, group in groups.items():
            part = evaluate_retrieval(group, {q.id: hits[q.id] for q in group}, documents)
            result["splits"][group_name]["systems"][name] = system_entry(
                part["overall"], part["per_kind"], [timing[q.id] for q in group])
    if sweep:
        result["sweep"] = dense_weight_sweep(searcher, questions, documents)
    if answers:
        rows, latencies = ask_all(questions, searcher)
        if rows is None:
            result["answers"] = dict(SKIPPED_ANSWERS)
        else:
            result["answers"] = answer_figures(rows, searcher.store.documents, latencies)
            timing = {q.id: ms for (q, _), ms in zip(rows, latencies)}
            for group_name, group in groups.items():
                ids = {q.id for q in group}
                part = [(q, a) for q, a in rows if q.id in ids]
                result["splits"][group_name]["answers"] = answer_figures(
                    part, searcher.store.documents, [timing[q.id] for q, _ in part])
    else:
        result["answers"] = {"skipped": "not requested"}
    return result


def _split_groups(questions: Sequence[Question]) -> dict[str, list[Question]]:
    """Questions by split ("tuning", "check"; "" for files without one), when any question has a split."""
    if not any(q.split for q in questions):
        return {}
    groups: dict[str, list[Question]] = {}
    for question in questions:
        groups.setdefault(question.split or "unsplit", []).append(question)
    order = {"tuning": 0, "check": 1}
    return dict(sorted(groups.items(), key=lambda item: order.get(item[0], 2)))


def run_queries(system: System, queries: Mapping[str, str], embedder=None,
                progress: Callable | None = None) -> tuple[dict[str, list], list[float]]:
    """Hits per query id and per-query wall time (ms), after one untimed warm-up query."""
    texts = list(queries.values())
    if texts:
        system(texts[0])
    hits: dict[str, list] = {}
    latencies: list[float] = []
    for qid, text in (progress or _identity)(queries.items()):
        if embedder is not None:
            forget_queries(embedder)
        started = time.perf_counter()
        hits[qid] = system(text)
        latencies.append((time.perf_counter() - started) * 1000)
    return hits, latencies


def system_entry(overall: Mapping[str, float], kinds: Mapping[str, Mapping[str, float]],
                 latencies: Sequence[float]) -> dict[str, Any]:
    """One row of ``systems``: the four metrics, p50/p95 latency, per kind."""
    latency = latency_summary(latencies)
    entry: dict[str, Any] = {name: round(float(overall[name]), 4) for name in METRICS}
    entry["n"] = int(overall["n"])
    entry["p50_ms"] = round(latency["p50_ms"], 2)
    entry["p95_ms"] = round(latency["p95_ms"], 2)
    entry["per_kind"] = {
        kind: {**{name: round(float(values[name]), 4) for name in METRICS}, "n": int(values["n"])}
        for kind, values in kinds.items()
    }
    return entry


def dense_weight_sweep(searcher, questions: Sequence[Question], documents: Mapping[str, str]) -> dict[str, Any]:
    """Hybrid metrics (no latency) for each dense weight in SWEEP_WEIGHTS, convex and RRF."""
    sweep: dict[str, Any] = {}
    for method in ("convex", "rrf"):
        for weight in SWEEP_WEIGHTS:
            system = searcher_system(with_fusion(searcher, dense_weight=weight, method=method))
            hits = {q.id: system(q.question) for q in questions}
            overall = evaluate_retrieval(questions, hits, documents)["overall"]
            sweep[f"{method}@{weight:.1f}"] = {name: round(float(overall[name]), 4) for name in METRICS}
    return sweep


# ------------------------------------------------------------------------ answers
def evaluate_answers(questions: Sequence[Question], searcher) -> dict[str, Any]:
    """Answer accuracy, verbatim-quote and citation rates, abstention figures of ``ask``."""
    rows, latencies = ask_all(questions, searcher)
    if rows is None:
        return dict(SKIPPED_ANSWERS)
    return answer_figures(rows, searcher.store.documents, latencies)


def ask_all(questions: Sequence[Question], searcher) -> tuple[list[tuple[Question, dict]] | None, list[float]]:
    """(question, ``Answer.to_dict()``) for every question and the per-question wall time (ms), warm."""
    try:
        from retriever.qa import Answerer
    except ImportError:
        return None, []
    answerer = Answerer(searcher)
    if questions:
        answerer.ask(questions[0].question)  # warm-up
    rows, latencies = [], []
    for question in questions:
        forget_queries(searcher.embedder)
        started = time.perf_counter()
        answer = answerer.ask(question.question).to_dict()
        latencies.append((time.perf_counter() - started) * 1000)
        rows.append((question, answer))
    return rows, latencies


def answer_figures(rows: Sequence[tuple[Question, dict]], documents: Mapping[str, Any],
                   latencies: Sequence[float] = ()) -> dict[str, Any]:
    """The ``answers`` section from (question, ``Answer.to_dict()``) pairs.

    ``documents``: the index store's documents by doc_id (``.text`` = cleaned text), against
    which every quote must be verbatim: ``text[start:end] == quote["text"]``.
    """
    answerable = [(q, a) for q, a in rows if q.answerable]
    unanswerable = [(q, a) for q, a in rows if not q.answerable]
    correct = [q.id for q, a in answerable if not a["abstained"] and answer_matches(a["answer"], q.answer)]
    short = {q.id for q, a in answerable if not a["abstained"] and short_answer_matches(a["answer"], q.answer)}
    false_abstentions = [q.id for q, a in answerable if a["abstained"]]
    wrong = [q.id for q, a in answerable if not a["abstained"] and q.id not in correct]
    abstained_ok = [q.id for q, a in unanswerable if a["abstained"]]
    quotes = [quote for _, a in rows for quote in a.get("quotes") or []]
    verbatim = sum(1 for quote in quotes if _is_verbatim(quote, documents))
    cited = sum(1 for quote in quotes if str(quote.get("citation") or "").strip())
    latency = latency_summary(latencies)
    per_kind: dict[str, dict[str, Any]] = {}
    abstained_ids = set(false_abstentions)
    for q, a in answerable:
        entry = per_kind.setdefault(q.kind, {"n": 0, "correct": 0, "short_correct": 0, "abstained": 0})
        entry["n"] += 1
        entry["correct"] += q.id in correct
        entry["short_correct"] += q.id in short
        entry["abstained"] += q.id in abstained_ids
    for entry in per_kind.values():
        entry["accuracy"] = round(entry["correct"] / entry["n"], 4)
        entry["short_accuracy"] = round(entry["short_correct"] / entry["n"], 4)
    return {
        "questions": len(rows),
        "answerable": len(answerable),
        "noanswer": len(unanswerable),
        "accuracy": _share(len(correct), len(answerable)),
        "short_accuracy": _share(len(short), len(answerable)),
        "wrong_answers": _share(len(wrong), len(answerable)),
        "false_abstentions": _share(len(false_abstentions), len(answerable)),
        "correct_abstentions": _share(len(abstained_ok), len(unanswerable)),
        "quotes": len(quotes),
        "verbatim_rate": _share(verbatim, len(quotes), empty=1.0),
        "citation_rate": _share(cited, len(quotes), empty=1.0),
        "p50_ms": round(latency["p50_ms"], 2),
        "p95_ms": round(latency["p95_ms"], 2),
        "per_kind": per_kind,
        "failed": {
            "wrong": wrong,
            "false_abstentions": false_abstentions,
            "answered_noanswer": [q.id for q, a in unanswerable if not a["abstained"]],
        },
        "failed_short": [q.id for q, a in answerable if q.id not in short and not a["abstained"]],
    }


def _is_verbatim(quote: Mapping[str, Any], documents: Mapping[str, Any]) -> bool:
    document = documents.get(quote.get("doc_id"))
    start, end = quote.get("start"), quote.get("end")
    if document is None or not isinstance(start, int) or not isinstance(end, int):
        return False
    return bool(quote.get("text")) and document.text[start:end] == quote["text"]


def _share(part: int, whole: int, empty: float = 0.0) -> float:
    return round(part / whole, 4) if whole else empty


def _identity(items):
    return items


# ------------------------------------------------------------------------ output
def format_report(result: Mapping[str, Any]) -> str:
    """Human-readable tables: systems × metrics, MRR@10 per kind, sweep, answers."""
    systems = result["systems"]
    names = [n for n in REQUIRED_SYSTEMS if n in systems] + [n for n in systems if n not in REQUIRED_SYSTEMS]
    metrics = list(METRICS)
    lines = [f"Câu hỏi (questions): {result['questions']}", ""]
    header = f"{'system':<12}" + "".join(f"{m:>10}" for m in metrics) + f"{'p50 ms':>10}{'p95 ms':>10}"
    lines += [header, "-" * len(header)]
    for name in names:
        row = systems[name]
        lines.append(f"{name:<12}" + "".join(f"{row[m]:>10.3f}" for m in metrics)
                     + f"{row['p50_ms']:>10.1f}{row['p95_ms']:>10.1f}")
    kinds = list(dict.fromkeys(k for name in names for k in systems[name]["per_kind"]))
    if kinds:
        lines += ["", "MRR@10 theo loại câu hỏi (per kind)", f"{'kind':<12}{'n':>4}" + "".join(f"{n:>12}" for n in names)]
        for kind in kinds:
            count = next((systems[n]["per_kind"][kind]["n"] for n in names if kind in systems[n]["per_kind"]), 0)
            cells = "".join(f"{systems[n]['per_kind'].get(kind, {}).get('mrr@10', float('nan')):>12.3f}" for n in names)
            lines.append(f"{kind:<12}{count:>4}{cells}")
    if result.get("sweep"):
        lines += ["", "Trọng số dense (dense-weight sweep, hybrid)", f"{'setting':<12}" + "".join(f"{m:>10}" for m in metrics)]
        for setting, row in result["sweep"].items():
            lines.append(f"{setting:<12}" + "".join(f"{row[m]:>10.3f}" for m in metrics))
    answers = result.get("answers")
    if answers:
        lines += ["", "Trả lời (ask)"]
        if "skipped" in answers:
            lines.append(f"  bỏ qua: {answers['skipped']}")
        else:
            lines += [
                f"  độ chính xác (accuracy, {answers['answerable']} answerable): {answers['accuracy']:.3f}",
                f"  câu trả lời ngắn đúng (short-answer accuracy, ≤150 chars holding an accepted form): "
                f"{answers.get('short_accuracy', float('nan')):.3f}",
                f"  trả lời sai (wrong answers): {answers['wrong_answers']:.3f}",
                f"  từ chối nhầm (false abstentions): {answers['false_abstentions']:.3f}",
                f"  từ chối đúng (correct abstentions, {answers['noanswer']} noanswer): {answers['correct_abstentions']:.3f}",
                f"  trích dẫn nguyên văn (verbatim quotes): {answers['verbatim_rate']:.3f} of {answers['quotes']}",
                f"  có trích dẫn (citation on every quote): {answers['citation_rate']:.3f}",
                f"  độ trễ (latency) p50/p95: {answers['p50_ms']:.1f} / {answers['p95_ms']:.1f} ms",
            ]
    if result.get("splits"):
        lines += ["", *format_splits(result["splits"])]
    if result.get("skipped_empty_queries"):
        lines += ["", f"Bỏ qua {result['skipped_empty_queries']} truy vấn có nội dung trống (queries with empty text skipped)"]
    for warning in result.get("warnings") or []:
        lines.append(f"Cảnh báo (warning): {warning}")
    return "\n".join(lines)


def format_splits(splits: Mapping[str, Any]) -> list[str]:
    """The halves side by side: retrieval per system, answers overall and per kind."""
    names = list(splits)
    lines = ["Theo nửa bộ câu hỏi (tuning / check halves, side by side)",
             f"{'':<28}" + "".join(f"{n:>12}" for n in names),
             f"{'questions':<28}" + "".join(f"{splits[n]['questions']:>12}" for n in names)]
    systems = list(dict.fromkeys(s for n in names for s in splits[n]["systems"]))
    for system in systems:
        for metric in ("hit@1", "recall@5", "mrr@10"):
            cells = "".join(f"{splits[n]['systems'].get(system, {}).get(metric, float('nan')):>12.3f}" for n in names)
            lines.append(f"{system + ' ' + metric:<28}{cells}")
    answer_rows = [("short-answer accuracy", "short_accuracy"), ("accuracy (either way)", "accuracy"),
                   ("wrong answers", "wrong_answers"), ("false abstentions", "false_abstentions"),
                   ("out-of-corpus abstained", "correct_abstentions"), ("verbatim quotes", "verbatim_rate"),
                   ("citation on quotes", "citation_rate"), ("ask p50 ms", "p50_ms")]
    if all("answers" in splits[n] for n in names):
        for label, key in answer_rows:
            lines.append(f"{label:<28}" + "".join(f"{splits[n]['answers'].get(key, float('nan')):>12.3f}" for n in names))
        kinds = list(dict.fromkeys(k for n in names for k in splits[n]["answers"]["per_kind"]))
        lines += ["", "Câu trả lời ngắn đúng theo loại (short-answer accuracy per kind: correct/n)",
                  f"{'kind':<28}" + "".join(f"{n:>12}" for n in names)]
        for kind in kinds:
            cells = ""
            for n in names:
                entry = splits[n]["answers"]["per_kind"].get(kind)
                cells += f"{(str(entry['short_correct']) + '/' + str(entry['n'])) if entry else '-':>12}"
            lines.append(f"{kind:<28}{cells}")
    return lines

"""``python -m eval latency``: warm search and ask latency on several indexes, same questions.

How latency grows with the collection: the first index given is the reference (the bundled
corpus), the others are measured with the same questions in the same run, and each figure is
also given as a ratio to the reference.  Every index is loaded first; then each question is
asked of every index in turn, so that a busy moment of a shared machine falls on all of them
alike rather than on whichever index was being measured then.  Every request is counted, the first one after load
included, so a cache built inside a request shows up as the ``max`` (``max_over_p50``).

    python -m eval latency --index /tmp/bundled --index /tmp/realsize --json

Questions: the dev set and the real-document set (``eval/questions``) plus an accent-less copy of
each (the path that restores diacritics), shuffled once with a fixed seed so the accent-less
ones are spread through the run.  Each query pays its own embedding (the query cache is emptied
before every request).

A slow request is either work done inside it that belongs to load, a question that costs more
by itself, or a busy machine taking the CPU away: ``over_3x_p50`` counts the requests above
3 × p50 of wall time, ``cpu_*`` give the same in the process's CPU time (which a crowded machine
inflates least: a request slow in wall time but not in CPU time waited for a core), and the
slowest question is timed a second time after the run (``slowest_again_ms``) — near p50 there
points at the machine or at a cache filled on first use, near ``max_ms`` at the question itself.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from corpus.vietnamese import strip_diacritics
from eval.baselines import forget_queries
from eval.metrics import latency_summary

SEED = 15


def latency_questions(paths: Sequence[Path] | None = None) -> list[str]:
    """The benchmark's questions: every question of ``paths`` and its accent-less copy, shuffled."""
    from eval.datasets import load_questions
    from eval.run import DEFAULT_QUESTIONS

    paths = list(paths or [DEFAULT_QUESTIONS, DEFAULT_QUESTIONS.with_name("real.jsonl")])
    texts = [q.question for path in paths for q in load_questions(path) if q.question.strip()]
    questions = texts + [strip_diacritics(text) for text in texts]
    random.Random(SEED).shuffle(questions)
    return questions


def load_index(index_dir: Path, threads: int | None = None) -> tuple[Any, Any, float]:
    """(searcher, answerer, seconds): one index loaded as a CLI does, the answerer built."""
    from retriever.qa import Answerer
    from retriever.runtime import SEQUENTIAL_THREADS, open_searcher

    started = time.perf_counter()
    searcher = open_searcher(Path(index_dir), threads=threads or SEQUENTIAL_THREADS)
    answerer = Answerer(searcher)
    return searcher, answerer, time.perf_counter() - started


def _timed(searcher, action, question: str) -> tuple[float, float]:
    """(wall ms, process CPU ms) of one request that pays its own query embedding."""
    forget_queries(searcher.embedder)
    wall, cpu = time.perf_counter(), time.process_time()
    action(question)
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def _figures(questions: Sequence[str], wall: list[float], cpu: list[float], again: tuple[float, float]) -> dict[str, Any]:
    summary, cpu_summary = latency_summary(wall), latency_summary(cpu)
    slowest = max(range(len(wall)), key=wall.__getitem__)
    return {
        "first_ms": round(wall[0], 2),
        "p50_ms": round(summary["p50_ms"], 2),
        "p95_ms": round(summary["p95_ms"], 2),
        "max_ms": round(summary["max_ms"], 2),
        "max_over_p50": round(summary["max_ms"] / max(summary["p50_ms"], 1e-9), 2),
        "over_3x_p50": sum(t > 3 * summary["p50_ms"] for t in wall),
        "slowest_question": questions[slowest],
        "slowest_cpu_ms": round(cpu[slowest], 2),
        "slowest_again_ms": round(again[0], 2),
        "cpu_p50_ms": round(cpu_summary["p50_ms"], 2),
        "cpu_max_ms": round(cpu_summary["max_ms"], 2),
        "cpu_over_3x_p50": sum(t > 3 * cpu_summary["p50_ms"] for t in cpu),
        "n": summary["n"],
    }


def compare_latency(index_dirs: Sequence[Path], questions: Sequence[str] | None = None,
                    threads: int | None = None, spans: bool = False) -> dict[str, Any]:
    """Measure every index with the same questions; ratios of p50 to the first (reference) index.

    ``questions``: None for ``latency_questions()``; an empty list is an error (ValueError).
    ``spans``: then one more pass of ``ask`` over the last index, step by step (``time_spans``).
    """
    if not index_dirs:
        raise ValueError("no index to measure")
    questions = latency_questions() if questions is None else list(questions)
    if not questions:
        raise ValueError("no questions to time")
    result: dict[str, Any] = {"date": time.strftime("%Y-%m-%d %H:%M"), "questions": len(questions),
                              "load_before": [round(x, 2) for x in os.getloadavg()], "indexes": []}
    loaded = []
    for index_dir in index_dirs:
        searcher, answerer, load_s = load_index(index_dir, threads)
        loaded.append((searcher, answerer))
        result["indexes"].append({"index": str(index_dir), "documents": len(searcher.store.documents),
                                  "chunks": len(searcher.store.chunks), "load_s": round(load_s, 2)})
    for label in ("search", "ask"):
        actions = [(s, (lambda q, s=s: s.search(q, k=10)) if label == "search" else a.ask) for s, a in loaded]
        wall: list[list[float]] = [[] for _ in loaded]
        cpu: list[list[float]] = [[] for _ in loaded]
        for question in questions:  # each question on every index in turn: the same machine state
            for i, (searcher, action) in enumerate(actions):
                ms, cpu_ms = _timed(searcher, action, question)
                wall[i].append(ms)
                cpu[i].append(cpu_ms)
        for i, (searcher, action) in enumerate(actions):
            slowest = max(range(len(questions)), key=wall[i].__getitem__)
            again = _timed(searcher, action, questions[slowest])
            result["indexes"][i][label] = _figures(questions, wall[i], cpu[i], again)
    reference = result["indexes"][0]
    for figures in result["indexes"][1:]:
        figures["p50_vs_reference"] = {
            label: round(figures[label]["p50_ms"] / max(reference[label]["p50_ms"], 1e-9), 2)
            for label in ("search", "ask")
        }
        figures["cpu_p50_vs_reference"] = {
            label: round(figures[label]["cpu_p50_ms"] / max(reference[label]["cpu_p50_ms"], 1e-9), 2)
            for label in ("search", "ask")
        }
    if spans:
        result["spans"] = {"index": str(index_dirs[-1]), **time_spans(loaded[-1][1], questions)}
    result["load_after"] = [round(x, 2) for x in os.getloadavg()]
    return result


def format_latency(result: dict[str, Any]) -> str:
    """A Markdown table: one row per index and request kind."""
    lines = [f"{result['questions']} questions per index (load average {result['load_before']} → {result['load_after']})",
             "", ("| index | chunks | load s | request | first ms | p50 ms | p95 ms | max ms | max/p50 | > 3×p50 "
                  "| slowest again ms | CPU p50 ms | CPU max ms | CPU > 3×p50 | p50 × ref | CPU p50 × ref |"),
             "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for figures in result["indexes"]:
        for label in ("search", "ask"):
            row = figures[label]
            ratio = figures.get("p50_vs_reference", {}).get(label, 1.0)
            cpu_ratio = figures.get("cpu_p50_vs_reference", {}).get(label, 1.0)
            lines.append(f"| {figures['index']} | {figures['chunks']} | {figures['load_s']} | {label} | "
                         f"{row['first_ms']} | {row['p50_ms']} | {row['p95_ms']} | {row['max_ms']} | "
                         f"{row['max_over_p50']} | {row['over_3x_p50']} | {row['slowest_again_ms']} | "
                         f"{row['cpu_p50_ms']} | {row['cpu_max_ms']} | {row['cpu_over_3x_p50']} | {ratio} | {cpu_ratio} |")
    return "\n".join(lines)


# ------------------------------------------------------------------------- where the time goes
# (label, parent label, owner, attribute): the steps of a warm ``ask``, each timed where it is called.
# An owner is a path from the answerer ("searcher.retrieval") or a module ("module:index.tokenization").
SPANS: tuple[tuple[str, str | None, str, str], ...] = (
    ("ask", None, "", "ask"),
    ("question analysis", "ask", "module:retriever.qa.answerer", "analyze_question"),
    ("record route", "ask", "records", "answer"),
    ("search", "ask", "searcher", "search"),
    ("query analysis", "search", "module:retriever.search", "analyze_query"),
    ("BM25 tokens", "search", "searcher.tokenizer", "query_tokens"),
    ("underthesea", "BM25 tokens", "module:index.tokenization", "_compounds"),
    ("diacritics restored", "search", "searcher", "dense_query"),
    ("query embedding (ONNX)", "search", "searcher.embedder", "encode_queries"),
    ("BM25 top", "search", "searcher.retrieval", "start"),
    ("FAISS top", "search", "searcher.store.dense", "search"),
    ("exact scores", "search", "searcher.retrieval", "exact_scores"),
    ("document headers", "search", "searcher", "named_document"),
    ("named-document part", "search", "searcher", "_part_scores"),
    ("hits, near-duplicates", "search", "searcher", "_group_near_duplicates"),
    ("question weights", "ask", "terms", "question_weights"),
    ("units ranked", "ask", "module:retriever.qa.answerer", "rank_units"),
    ("answer extraction", "ask", "choice", "choose"),
    ("abstention signals", "ask", "signals", "read"),
    ("document identified", "ask", "searcher.headers", "identify"),
    ("document facts", "ask", "records", "facts"),
    ("quotes", "ask", "quotes", "quote"),
    ("more quotes", "ask", "quotes", "add_near"),
    ("clause", "ask", "what", "clause"),
)


def _owner(answerer, path: str):
    if path.startswith("module:"):
        import importlib

        return importlib.import_module(path.split(":", 1)[1])
    owner = answerer
    for name in filter(None, path.split(".")):
        owner = getattr(owner, name)
    return owner


def time_spans(answerer, questions: Sequence[str]) -> dict[str, Any]:
    """Where a warm ``ask`` spends its time: per step, mean wall and process-CPU ms per request.

    Each step of ``SPANS`` is wrapped where it is called (on the loaded objects, or the module
    attribute the caller reads) for the length of this run, then restored. A step's time includes
    its sub-steps'; ``other`` is the parent's time outside its listed sub-steps."""
    totals = {label: [0.0, 0.0, 0] for label, *_ in SPANS}
    patched = []

    def timed(label, function):
        def wrapper(*args, **kwargs):
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                total = totals[label]
                total[0] += time.perf_counter() - wall
                total[1] += time.process_time() - cpu
                total[2] += 1
        return wrapper

    for label, _, path, attribute in SPANS:
        owner = _owner(answerer, path)
        had_own = isinstance(owner, type(os)) or attribute in getattr(owner, "__dict__", {})
        original = getattr(owner, attribute)
        object.__setattr__(owner, attribute, timed(label, original))
        patched.append((owner, attribute, original, had_own))
    try:
        for question in questions:
            forget_queries(answerer.searcher.embedder)
            answerer.ask(question)
    finally:
        for owner, attribute, original, had_own in reversed(patched):
            if had_own:
                object.__setattr__(owner, attribute, original)
            else:
                object.__delattr__(owner, attribute)
    n = len(questions)
    steps = []
    for label, parent, *_ in SPANS:
        wall, cpu, calls = totals[label]
        steps.append({"step": label, "parent": parent, "calls": calls,
                      "wall_ms": round(wall * 1000 / n, 2), "cpu_ms": round(cpu * 1000 / n, 2)})
    for label in [s["step"] for s in steps]:
        children = [s for s in steps if s["parent"] == label]
        if children:
            own = next(s for s in steps if s["step"] == label)
            steps.append({"step": f"other ({label})", "parent": label, "calls": own["calls"],
                          "wall_ms": round(own["wall_ms"] - sum(c["wall_ms"] for c in children), 2),
                          "cpu_ms": round(own["cpu_ms"] - sum(c["cpu_ms"] for c in children), 2)})
    return {"questions": n, "steps": steps}


def format_spans(spans: dict[str, Any]) -> str:
    """A Markdown table of ``time_spans``: steps indented under their parent."""
    depth = {}
    title = (f"Where a warm `ask` spends its time on {spans.get('index', 'the index')}: mean ms per request "
             f"over {spans['questions']} requests (CPU: the process's, all threads)")
    lines = [title,
             "", "| step | calls | wall ms | CPU ms |", "| --- | ---: | ---: | ---: |"]
    order = []

    def visit(parent, level):
        for step in spans["steps"]:
            if step["parent"] == parent:
                depth[step["step"]] = level
                order.append(step)
                visit(step["step"], level + 1)

    visit(None, 0)
    for step in order:
        lines.append(f"| {'· ' * depth[step['step']]}{step['step']} | "
                     f"{step['calls']} | {step['wall_ms']} | {step['cpu_ms']} |")
    return "\n".join(lines)

"""``python -m eval latency``: warm search and ask latency on several indexes, same questions.

How latency grows with the collection: the first index given is the reference (the bundled
corpus), the others are measured with the same questions in the same run, and each figure is
also given as a ratio to the reference.  Every request is counted, the first one after load
included, so a cache built inside a request shows up as the ``max`` (``max_over_p50``).

    python -m eval latency --index /tmp/bundled --index /tmp/realsize --json

Questions: the dev set and the real-document set (``eval/questions``) plus an accent-less copy of
each (the path that restores diacritics), shuffled once with a fixed seed so the accent-less
ones are spread through the run.  Each query pays its own embedding (the query cache is emptied
before every request).
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


def measure_index(index_dir: Path, questions: Sequence[str], threads: int | None = None) -> dict[str, Any]:
    """Load one index as a CLI does, then time every search and every ask (ms), first ones included."""
    from retriever.qa import Answerer
    from retriever.runtime import SEQUENTIAL_THREADS, open_searcher

    started = time.perf_counter()
    searcher = open_searcher(Path(index_dir), threads=threads or SEQUENTIAL_THREADS)
    answerer = Answerer(searcher)
    load_s = time.perf_counter() - started
    figures: dict[str, Any] = {"index": str(index_dir), "documents": len(searcher.store.documents),
                               "chunks": len(searcher.store.chunks), "load_s": round(load_s, 2)}
    for label, action in (("search", lambda q: searcher.search(q, k=10)), ("ask", answerer.ask)):
        times = []
        for question in questions:
            forget_queries(searcher.embedder)
            clock = time.perf_counter()
            action(question)
            times.append((time.perf_counter() - clock) * 1000)
        summary = latency_summary(times)
        slowest = max(range(len(times)), key=times.__getitem__)
        figures[label] = {
            "first_ms": round(times[0], 2),
            "p50_ms": round(summary["p50_ms"], 2),
            "p95_ms": round(summary["p95_ms"], 2),
            "max_ms": round(summary["max_ms"], 2),
            "max_over_p50": round(summary["max_ms"] / max(summary["p50_ms"], 1e-9), 2),
            "slowest_question": questions[slowest],
            "n": summary["n"],
        }
    return figures


def compare_latency(index_dirs: Sequence[Path], questions: Sequence[str] | None = None,
                    threads: int | None = None) -> dict[str, Any]:
    """Measure every index with the same questions; ratios of p50 to the first (reference) index."""
    questions = list(questions or latency_questions())
    result: dict[str, Any] = {"date": time.strftime("%Y-%m-%d %H:%M"), "questions": len(questions),
                              "load_before": [round(x, 2) for x in os.getloadavg()], "indexes": []}
    for index_dir in index_dirs:
        result["indexes"].append(measure_index(index_dir, questions, threads))
    reference = result["indexes"][0]
    for figures in result["indexes"][1:]:
        figures["p50_vs_reference"] = {
            label: round(figures[label]["p50_ms"] / max(reference[label]["p50_ms"], 1e-9), 2)
            for label in ("search", "ask")
        }
    result["load_after"] = [round(x, 2) for x in os.getloadavg()]
    return result


def format_latency(result: dict[str, Any]) -> str:
    """A Markdown table: one row per index and request kind."""
    lines = [f"{result['questions']} questions a index (load average {result['load_before']} → {result['load_after']})",
             "", "| index | chunks | load s | request | first ms | p50 ms | p95 ms | max ms | max/p50 | p50 × ref |",
             "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for figures in result["indexes"]:
        for label in ("search", "ask"):
            row = figures[label]
            ratio = figures.get("p50_vs_reference", {}).get(label, 1.0)
            lines.append(f"| {figures['index']} | {figures['chunks']} | {figures['load_s']} | {label} | "
                         f"{row['first_ms']} | {row['p50_ms']} | {row['p95_ms']} | {row['max_ms']} | "
                         f"{row['max_over_p50']} | {ratio} |")
    return "\n".join(lines)

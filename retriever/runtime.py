"""Process-wide runtime settings, made explicitly by programs (CLIs, eval, the app) — never by library code.

A library user (LangChain, a notebook, another service) who loads a ``HybridSearcher`` keeps the
process as it was: its torch and FAISS thread counts and its garbage collector. A program that owns
the process opts in:

>>> from retriever.runtime import open_searcher  # doctest: +SKIP
>>> searcher = open_searcher(threads=SEQUENTIAL_THREADS)  # doctest: +SKIP

``configure_runtime(threads)`` sets the FAISS (OpenMP) and, when torch is already imported, torch
thread counts; ``settle_runtime(threads)`` repeats that once loading is over (a load may import
torch) and freezes what was loaded (``gc.freeze``): it lives as long as the process, and frozen, it is
left out of later collections, each of which would otherwise rescan ~0.5M objects — a 0.4 s stall
that some query would pay.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

QUERY_THREADS = 1  # torch and FAISS threads per query when serving concurrent requests
# One query at a time (the CLI, `--queries`, the benchmarks): its matrix products may use every core.
SEQUENTIAL_THREADS = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def configure_runtime(threads: int = QUERY_THREADS) -> None:
    """Run each query's torch and FAISS work on `threads` threads (process-wide).

    Concurrent requests must stay on one thread each or they oversubscribe the cores: on 2
    cores under load a query took 40 ms with one thread and up to 2 s with the default; a
    1M-vector flat search 50 ms vs 65 ms. A lone query does gain from both cores: 22 vs 29 ms
    (p50, bundled corpus, `--queries` over the dev questions).
    Must run in the thread that later creates the serving threads (OpenMP settings made
    in a worker thread do not reach the main thread).
    """
    import faiss

    faiss.omp_set_num_threads(threads)
    torch = sys.modules.get("torch")  # queries run on ONNX Runtime (threads set per session) unless
    if torch is not None:  # the model needs torch; never import torch just to configure it
        torch.set_num_threads(threads)


def settle_runtime(threads: int = QUERY_THREADS, freeze: bool = True) -> None:
    """After loading: thread settings again (the load may have imported torch), then freeze
    the loaded objects out of later garbage collections."""
    configure_runtime(threads)
    if freeze:
        gc.freeze()


def open_searcher(index_dir: Path | None = None, model: str | None = None, threads: int = QUERY_THREADS,
                  backend: str | None = None):
    """A program's searcher: runtime configured for `threads`, the index loaded, what it loaded frozen."""
    from index.model import garbage_collection_paused
    from retriever.search import HybridSearcher

    with garbage_collection_paused():
        configure_runtime(threads)
        searcher = HybridSearcher.load(index_dir, model, threads=threads, backend=backend)
        settle_runtime(threads)
    return searcher

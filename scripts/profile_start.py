"""Where a cold start and a warm query spend their time (the profile in eval/RESULTS.md).

    .venv/bin/python scripts/profile_start.py [--index DIR]

Prints the seconds since process start after each load step (the steps of
HybridSearcher.load, done one after the other so each can be timed), then, over the dev
questions one at a time, the p50 of the query embedding and of the rest of the search, with one
torch thread and with every core. Run it on a quiet machine; `eval bench` has the end-to-end
figures.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import argparse  # noqa: E402 - timed from the first line
import gc  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def step(label: str) -> None:
    print(f"{time.perf_counter() - STARTED:6.2f} s  {label}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=None)
    args = parser.parse_args()

    from index.model import garbage_collection_paused

    with garbage_collection_paused():
        from index.builder import default_index_dir
        from index.model import Embedder
        from index.store import IndexStore
        from index.tokenization import Tokenizer
        from retriever.search import SEQUENTIAL_THREADS, HybridSearcher, use_query_threads

        step("our modules (numpy, bm25s with scipy.sparse, faiss)")
        import torch

        step("import torch")
        import sentence_transformers  # noqa: F401

        step("import sentence_transformers (transformers, scikit-learn, scipy, pandas)")
        embedder = Embedder.load()
        step("model load (tokenizer + weights)")
        store = IndexStore.load(Path(args.index or default_index_dir()))
        step("index load")
        Tokenizer(**store.manifest["settings"]["tokenizer"]).warm_up()
        step("underthesea + its segmenter")
        searcher = HybridSearcher(store, embedder)
        gc.freeze()  # as HybridSearcher.load does
    searcher.search("Sở nào chủ trì y tế trường học?", k=5)
    step("first query")

    from eval.bench import _dev_queries
    from retriever.query import analyze_query

    questions = _dev_queries()
    for threads in sorted({1, SEQUENTIAL_THREADS}):
        use_query_threads(threads)
        embedding, rest = [], []
        for question in questions:
            embedder.clear_query_cache()
            clock = time.perf_counter()
            embedder.encode_queries([searcher.dense_query(analyze_query(question))])
            embedding.append((time.perf_counter() - clock) * 1000)
            clock = time.perf_counter()
            searcher.search(question, k=10)  # the query vector is cached now: everything but BERT
            rest.append((time.perf_counter() - clock) * 1000)
        print(f"{threads} thread(s), {len(questions)} dev questions: query embedding p50 "
              f"{statistics.median(embedding):.1f} ms, rest of the search p50 {statistics.median(rest):.1f} ms "
              f"(torch threads {torch.get_num_threads()})")


if __name__ == "__main__":
    main()

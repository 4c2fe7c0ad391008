"""Where a cold start and a warm query spend their time (the profile in eval/RESULTS.md).

    .venv/bin/python scripts/profile_start.py [--index DIR]

Prints the seconds since process start after each load step (the steps of
HybridSearcher.load, done one after the other so each can be timed) and which heavy modules the
first query needed, then, over the dev questions one at a time, the p50 of the query embedding
on ONNX Runtime and in torch and of the rest of the search, with one thread and with every core. Run it on a quiet machine; `eval bench` has the end-to-end
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

        step("our modules (numpy, bm25s, faiss)")
        import onnxruntime  # noqa: F401
        import tokenizers  # noqa: F401

        step("import onnxruntime, tokenizers")
        embedder = Embedder.load(threads=SEQUENTIAL_THREADS)
        step(f"model load (query encoder: {embedder.query_encoder})")
        store = IndexStore.load(Path(args.index or default_index_dir()))
        step("index load")
        Tokenizer(**store.manifest["settings"]["tokenizer"]).warm_up()
        step("underthesea + its segmenter")
        searcher = HybridSearcher(store, embedder)
        step("searcher (diacritic restorer)")
        gc.freeze()  # as HybridSearcher.load does
    searcher.search("Sở nào chủ trì y tế trường học?", k=5)
    step("first query")
    heavy = [m for m in ("torch", "transformers", "sentence_transformers", "scipy", "pandas") if m in sys.modules]
    print(f"         imported for that: {', '.join(heavy) or 'no torch, transformers, scipy or pandas'}")

    with garbage_collection_paused():
        torch_embedder = Embedder.load(query_encoder="torch")
    step("torch query encoder loaded (for the comparison below)")
    import torch

    from eval.bench import _dev_queries
    from retriever.query import analyze_query

    questions = _dev_queries()
    for threads in sorted({1, SEQUENTIAL_THREADS}):
        use_query_threads(threads)
        figures = []
        for label, encoder in (("onnx", Embedder.load(threads=threads)), ("torch", torch_embedder)):
            embedding, rest = [], []
            timed = HybridSearcher(store, encoder, restorer=searcher._restorer)
            for question in questions:
                encoder.clear_query_cache()
                clock = time.perf_counter()
                encoder.encode_queries([timed.dense_query(analyze_query(question))])
                embedding.append((time.perf_counter() - clock) * 1000)
                clock = time.perf_counter()
                timed.search(question, k=10)  # the query vector is cached now: everything but the encoder
                rest.append((time.perf_counter() - clock) * 1000)
            figures.append(f"{label} query embedding p50 {statistics.median(embedding):.1f} ms")
        print(f"{threads} thread(s), {len(questions)} dev questions: {'; '.join(figures)}; rest of the search p50 "
              f"{statistics.median(rest):.1f} ms (torch threads {torch.get_num_threads()})")


if __name__ == "__main__":
    main()

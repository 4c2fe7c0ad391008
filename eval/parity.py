"""``eval parity``: the Milvus backend against the local one on the same questions.

Both searchers read the same passages and vectors (``--migrate`` copies the local index into Milvus
first); for each mode the report gives the top-10 overlap (mean |A ∩ B| / 10, lists equal as sets,
lists equal in order), the largest BM25 and dense score gap over the shared hits, and each
backend's retrieval metrics (MRR@10 …) with p50/p95 latency.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from eval.baselines import K

MODES = ("hybrid", "bm25", "dense")


def run_parity(questions: str | Path | Sequence, index_dir: Path | None = None, migrate: bool = False,
               modes: Sequence[str] = MODES, updates: int = 0, seed: int = 0) -> dict[str, Any]:
    """`updates`: that many in-place removals / re-additions (then the rest re-added) before
    comparing — the drift of BM25 document weights written at other average lengths."""
    from eval.metrics import evaluate_retrieval
    from eval.run import load_question_sets, run_queries, system_entry
    from index.backends import milvus_settings
    from index.builder import default_index_dir, migrate_index
    from retriever.runtime import SEQUENTIAL_THREADS, open_searcher
    from retriever.search import HybridSearcher

    index_dir = Path(index_dir or default_index_dir())
    if migrate or updates:
        migrate_index(index_dir)
    questions = load_question_sets(questions) if isinstance(questions, (str, Path)) else list(questions)
    local = open_searcher(index_dir, threads=SEQUENTIAL_THREADS, backend="local")
    milvus = HybridSearcher.load(index_dir, threads=SEQUENTIAL_THREADS, backend="milvus")
    milvus.embedder = local.embedder  # one model in memory; the same query vectors
    documents = {d.record.source: d.text for d in local.store.documents.values()}
    settings = milvus_settings(index_dir)
    result: dict[str, Any] = {"questions": len(questions), "index": str(index_dir),
                              "milvus": settings.describe(), "modes": {}}
    if updates:
        result["updates"] = churn(settings, local.store, updates, seed)
        result["statistics"] = statistics_gap(settings, local.store)
        milvus = HybridSearcher(type(milvus.store).open(settings), local.embedder)
    queries = {q.id: q.question for q in questions}
    for mode in modes:
        entry: dict[str, Any] = {}
        ranked = {}
        for name, searcher in (("local", local), ("milvus", milvus)):
            full: dict[str, list] = {}

            def system(text, searcher=searcher, full=full):
                hits = searcher.search(text, k=K, mode=mode).hits
                full[text] = hits
                return [{"doc_id": h.doc_id, "source": h.source, "text": h.text, "start": h.start, "end": h.end}
                        for h in hits]

            hits, latencies = run_queries(system, queries, searcher.embedder)
            scores = evaluate_retrieval(questions, hits, documents)
            entry[name] = system_entry(scores["overall"], {}, latencies)
            entry[name].pop("per_kind", None)
            ranked[name] = full
        entry["overlap"] = _overlap([ranked["local"][q.question] for q in questions],
                                    [ranked["milvus"][q.question] for q in questions])
        entry["mrr@10_difference"] = round(entry["milvus"]["mrr@10"] - entry["local"]["mrr@10"], 4) \
            if "mrr@10" in entry["local"] else None
        result["modes"][mode] = entry
    return result


def _overlap(local: list[list], milvus: list[list]) -> dict[str, Any]:
    shares, same_set, same_order, bm25_gap, dense_gap = [], 0, 0, 0.0, 0.0
    for a, b in zip(local, milvus):
        ids_a, ids_b = [h.chunk_id for h in a], [h.chunk_id for h in b]
        shares.append(len(set(ids_a) & set(ids_b)) / max(1, len(ids_a), len(ids_b)))
        same_set += set(ids_a) == set(ids_b)
        same_order += ids_a == ids_b
        by_id = {h.chunk_id: h for h in b}
        for hit in a:
            twin = by_id.get(hit.chunk_id)
            if twin is not None:
                bm25_gap = max(bm25_gap, abs(hit.bm25_score - twin.bm25_score))
                dense_gap = max(dense_gap, abs(hit.dense_score - twin.dense_score))
    n = max(1, len(shares))
    return {"mean_top10_overlap": round(sum(shares) / n, 4), "same_set": same_set, "same_order": same_order,
            "queries": len(shares), "max_bm25_gap": round(bm25_gap, 4), "max_dense_gap": round(dense_gap, 4)}


def format_parity(result: dict[str, Any]) -> str:
    lines = [f"Parity: {result['questions']} questions, local {result['index']} vs Milvus "
             f"{result['milvus']['uri']} ({result['milvus']['mode']})", ""]
    if "updates" in result:
        s = result["statistics"]
        lines += [f"After in-place updates: {result['updates']['removed']} removals, {result['updates']['added']} "
                  f"additions; N {s['n']} (from scratch {s['expected_n']}), total length {s['total_length']} "
                  f"({s['expected_total_length']}), df differing for {s['df_terms_differing']} of {s['terms']} terms", ""]
    header = f"{'mode':8} {'backend':8} {'hit@1':>6} {'r@5':>6} {'mrr@10':>7} {'ndcg@10':>8} {'p50 ms':>7} {'p95 ms':>7}"
    lines.append(header)
    for mode, entry in result["modes"].items():
        for name in ("local", "milvus"):
            row = entry[name]
            lines.append(f"{mode:8} {name:8} {row.get('hit@1', 0):6.3f} {row.get('recall@5', 0):6.3f} "
                         f"{row.get('mrr@10', 0):7.3f} {row.get('ndcg@10', 0):8.3f} "
                         f"{row.get('p50_ms', 0):7.1f} {row.get('p95_ms', 0):7.1f}")
    lines += ["", f"{'mode':8} {'top-10 overlap':>15} {'same set':>9} {'same order':>11} {'ΔMRR@10':>8} {'max Δbm25':>10} {'max Δdense':>11}"]
    for mode, entry in result["modes"].items():
        o = entry["overlap"]
        lines.append(f"{mode:8} {o['mean_top10_overlap']:15.4f} {o['same_set']:>4}/{o['queries']:<4} "
                     f"{o['same_order']:>6}/{o['queries']:<4} {entry['mrr@10_difference']:8.4f} "
                     f"{o['max_bm25_gap']:10.4f} {o['max_dense_gap']:11.4f}")
    return "\n".join(lines)


# ------------------------------------------------------------------ in-place updates
def churn(settings, store, operations: int, seed: int = 0) -> dict[str, Any]:
    """`operations` in-place removals and re-additions of random documents of the local `store` in
    the Milvus collection (which starts as a copy of it), then every removed document added back:
    the collection ends with the same documents, written at many different average lengths."""
    import random

    import numpy as np

    from index.milvus_store import PassageBatch, write_passages

    rng = random.Random(seed)
    order = {doc_id: float(i) for i, doc_id in enumerate(store.documents)}
    rows: dict[str, list[int]] = {}
    for row, chunk in enumerate(store.chunks):
        rows.setdefault(chunk.doc_id, []).append(row)
    present, removed = list(store.documents), []
    vectors = np.asarray(store.vectors)

    def add(doc_id):
        picked = rows.get(doc_id, [])
        batch = PassageBatch([(store.documents[doc_id], order[doc_id])], [store.chunks[r] for r in picked],
                             [store.tokens[r] for r in picked], vectors[picked])
        write_passages(settings, batch)

    done = {"removed": 0, "added": 0}
    for _ in range(operations):
        if removed and (len(present) <= 1 or rng.random() < 0.5):
            doc_id = removed.pop(rng.randrange(len(removed)))
            add(doc_id)
            present.append(doc_id)
            done["added"] += 1
        else:
            doc_id = present.pop(rng.randrange(len(present)))
            write_passages(settings, PassageBatch([], [], [], []),
                           removed_sources=[store.documents[doc_id].record.source])
            removed.append(doc_id)
            done["removed"] += 1
    for doc_id in removed:
        add(doc_id)
        done["added"] += 1
    return done


def statistics_gap(settings, store) -> dict[str, Any]:
    """BM25 statistics kept in Milvus against those of the local (from-scratch) index."""
    from collections import Counter

    from index.milvus_store import EMPTY_TOKEN, _names, _query_all, connect, read_statistics

    client = connect(settings)
    names = _names(settings)
    stats = read_statistics(client, names)
    tokens = [t or [EMPTY_TOKEN] for t in store.tokens]
    expected_df = Counter(t for passage in tokens for t in set(passage))
    df: Counter = Counter()
    for row in _query_all(client, names["terms"], 'term != ""', ["term", "delta"]):
        df[row["term"]] += row["delta"]
    df = Counter({t: d for t, d in df.items() if d})
    expected_length = sum(len(t) for t in tokens)
    return {"n": stats.n, "expected_n": len(tokens), "total_length": stats.total_length,
            "expected_total_length": expected_length,
            "df_terms_differing": sum(1 for t in set(df) | set(expected_df) if df[t] != expected_df[t]),
            "terms": len(expected_df)}

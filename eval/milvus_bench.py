"""``eval bench --backend milvus --chunks N``: the Milvus backend at scale, the local one beside it.

N synthetic passages (sentences of the bundled documents, as ``eval bench --chunks``; vectors:
real embeddings of the first ones, the rest perturbed copies) written into Milvus Lite served on a
loopback port (the network path of a cluster): ingest rate, hybrid search p50/p95 without and with
a filter (issuer, pushed down), resident memory of both processes, disk. FLAT dense index up to
``APPROXIMATE_ABOVE`` passages, IVF_FLAT above (nlist, nprobe as the local FAISS IVF).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import tempfile
import time
import warnings
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

from index.milvus_store import EMPTY_TOKEN

ISSUERS = ("UBND tỉnh Nghệ An", "UBND tỉnh Yên Bái", "Sở Y tế tỉnh Đồng Nai", "Bộ Y tế", "UBND tỉnh Thừa Thiên Huế")
FILTER_ISSUER = "Nghệ An"  # one document in five
INSERT_ROWS = 2000


def bench_milvus(count: int, real_vectors: int | None = None, progress: bool = False,
                 workdir: Path | None = None) -> dict[str, Any]:
    from corpus.model import DocumentRecord, Node
    from eval.bench import (CHUNKS_PER_DOCUMENT, SCALE_TOKENIZER, SyntheticChunks, SyntheticCorpus, _dev_queries,
                            _latency, bundled_sentences, perturbed_rows)
    from index import milvus_store as ms
    from index.ann import APPROXIMATE_ABOVE, ivf_parameters
    from index.backends import MilvusSettings
    from index.model import Embedder
    from index.store import StoredDocument
    from index.tokenization import Tokenizer
    from retriever.search import HybridSearcher, SearchFilters

    embedder = Embedder.load()
    tokenizer = Tokenizer(**SCALE_TOKENIZER)
    sentences = bundled_sentences()
    syllables = np.asarray([len(re.findall(r"\w+", s)) for s in sentences], dtype=np.int64)
    corpus = SyntheticCorpus(sentences, syllables, count)
    chunks = SyntheticChunks(corpus)
    real = min(count, real_vectors or min(2000, max(32, count // 50)))
    base = embedder.encode_passages([corpus.text(i) for i in range(real)], show_progress=progress)

    owned = workdir is None
    workdir = Path(workdir or tempfile.mkdtemp(prefix="healthqa-milvus-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from milvus_lite.server import Server
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = Server(str(workdir / "bench.db"), address=f"127.0.0.1:{port}")
    if not server.start():
        raise RuntimeError("Milvus Lite server did not start")
    settings = MilvusSettings(uri=f"http://127.0.0.1:{port}", collection="bench")
    try:
        ms.wait_until_serving(settings)
        nlist, nprobe = ivf_parameters(count) if count > APPROXIMATE_ABOVE else (0, 0)
        ms.reset_collections(settings, embedder.dim, nlist)
        client = ms.connect(settings)
        names = ms._names(settings)

        clock = time.perf_counter()
        tokens_of = SentenceTokens(corpus, tokenizer)
        lengths = tokens_of.lengths()
        total = int(lengths.sum())
        avgdl = total / count
        statistics_s = time.perf_counter() - clock

        clock = time.perf_counter()
        records = {}
        df: Counter = Counter()
        with ThreadPoolExecutor(max_workers=1) as sender:  # the engine inserts a batch while the next is made
            pending = None
            for start in range(0, count, INSERT_ROWS):
                stop = min(count, start + INSERT_ROWS)
                vectors = perturbed_rows(base, start, stop)
                rows = []
                for i in range(start, stop):
                    chunk = chunks[i]
                    document = i // CHUNKS_PER_DOCUMENT
                    issuer = ISSUERS[document % len(ISSUERS)]
                    year = 2020 + document % 6
                    if chunk.doc_id not in records:
                        records[chunk.doc_id] = DocumentRecord(chunk.doc_id, chunk.source, f"Văn bản {chunk.doc_id}",
                                                               "Kế hoạch", None, f"{year}-01-01", issuer, None, None,
                                                               None)
                    tokens = tokens_of(i)
                    df.update(set(tokens))
                    rows.append({"id": chunk.chunk_id, "doc_id": chunk.doc_id, "source": chunk.source,
                                 "type_key": "ke hoach", "issuer_key": ms.match_key(issuer), "year": year,
                                 "chunk": chunk.to_dict(), "tokens": " ".join(tokens), "dl": len(tokens),
                                 "dense": vectors[i - start].tolist(), "sparse": ms.document_weights(tokens, avgdl)})
                if pending is not None:
                    pending.result()
                pending = sender.submit(client.insert, names["passages"], rows)
                if progress and (stop // INSERT_ROWS) % 50 == 0:
                    print(f"  inserted {stop:,} rows, {stop / (time.perf_counter() - clock):.0f}/s", flush=True)
            if pending is not None:
                pending.result()
        terms = [{"id": f"{t}\x1fbench", "term": t, "delta": int(d), "unused": [0.0, 0.0]} for t, d in df.items()]
        for start in range(0, len(terms), 5000):
            client.insert(names["terms"], terms[start : start + 5000])
        client.insert(names["blobs"], ms.blob_rows("stats", "bench", {"n": count, "length": total}))
        client.flush(names["passages"])
        ingest_s = time.perf_counter() - clock

        manifest = {"settings": {"model": embedder.name, "tokenizer": tokenizer.settings()},
                    "milvus_nprobe": nprobe, "chunks": count}
        documents = {doc_id: StoredDocument(record, "", Node("document", "", "", 0, 0))
                     for doc_id, record in records.items()}
        store = ms.MilvusStore(settings, manifest, documents, chunks, {})
        searcher = HybridSearcher(store, embedder)
        queries = _dev_queries()
        filters = SearchFilters(issuer=FILTER_ISSUER)
        result: dict[str, Any] = {
            "backend": "milvus", "engine": "milvus-lite 2.5.1, loopback server", "chunks": count,
            "statistics": "lengths from sentence tokens (SentenceTokens), df counted while inserting",
            "dense_index": f"IVF_FLAT nlist={nlist} nprobe={nprobe}" if nlist else "FLAT",
            "statistics_s": round(statistics_s, 1), "ingest_s": round(ingest_s, 1),
            "ingest_rows_per_s": round(count / max(ingest_s, 1e-9), 1), "vocabulary": len(df),
        }
        result.update(_latency("hybrid", lambda q: searcher.search(q, k=10), queries, embedder))
        result.update(_latency("hybrid_filtered", lambda q: searcher.search(q, k=10, filters=filters),
                               queries, embedder))
        result.update(_before_after(searcher, queries, embedder, filters))
        result["round_trips"] = _profile(searcher.retrieval, lambda q: searcher.search(q, k=10), queries, embedder)
        result["client_rss_mb"] = _rss_mb(os.getpid(), "VmHWM")
        result["server_rss_mb"] = _rss_mb(server._p.pid, "VmRSS") if server._p else None
        result["server_peak_rss_mb"] = _rss_mb(server._p.pid, "VmHWM") if server._p else None
        result["disk_mb"] = round(sum(f.stat().st_size for f in workdir.rglob("*") if f.is_file()) / 1e6, 1)
        return result
    finally:
        ms.disconnect(settings)
        server.stop()
        if owned:
            shutil.rmtree(workdir, ignore_errors=True)


PATHS = {  # query paths compared query by query: (serial, carry_vectors)
    "before": (True, False),  # the first version: no statistics cache, six calls one after another
    "lookup": (False, False),  # cached, overlapped; the BM25 hits' vectors fetched by a follow-up query
    "after": (False, True),  # now: the sparse search returns its hits' vectors (no follow-up query)
}


def _before_after(searcher, queries: list[str], embedder, filters=None) -> dict[str, Any]:
    """The same queries through each of ``PATHS``, alternating query by query so all see the same
    load; `filters` (the issuer) adds the same with the filter (``before`` sends it as ``like``)."""
    from eval.bench import forget_queries
    from eval.metrics import latency_summary

    retrieval = searcher.retrieval
    out = {}
    for suffix, active in (("", None), ("_filtered", filters)):
        if suffix and active is None:
            continue
        times: dict[str, list[float]] = {label: [] for label in PATHS}
        for query in queries:
            for label, (serial, carry) in PATHS.items():
                retrieval.serial, retrieval.carry_vectors = serial, carry
                forget_queries(embedder)
                clock = time.perf_counter()
                searcher.search(query, k=10, filters=active)
                times[label].append((time.perf_counter() - clock) * 1000)
        retrieval.serial, retrieval.carry_vectors = False, True
        for label in PATHS:
            summary = latency_summary(times[label])
            out[f"ab_{label}{suffix}_ms_p50"] = round(summary["p50_ms"], 2)
            out[f"ab_{label}{suffix}_ms_p95"] = round(summary["p95_ms"], 2)
    return out


class SentenceTokens:
    """``tokenizer.passage_tokens`` of a synthetic chunk from its sentences' tokens, each sentence
    tokenized once (as ``eval.bench.synthetic_bm25``): the syllables, bigrams and act numbers of
    each sentence, plus the bigram across each join of two sentences. A bench of N passages thus
    never tokenizes N texts; the first ones are checked against the tokenizer itself."""

    CHECKED = 300

    def __init__(self, corpus, tokenizer):
        from corpus.vietnamese import strip_diacritics, tone_key

        self.corpus = corpus
        self.sentence_tokens = [tokenizer.passage_tokens(s) for s in corpus.sentences]
        self.edges = []
        for sentence, tokens in zip(corpus.sentences, self.sentence_tokens):
            syllables = len(re.findall(r"\w+", strip_diacritics(tone_key(sentence))))  # syllables come first
            self.edges.append((tokens[0], tokens[syllables - 1]) if syllables else (None, None))
        for row in range(min(self.CHECKED, len(corpus))):
            if Counter(self(row)) != Counter(tokenizer.passage_tokens(corpus.text(row))):
                raise RuntimeError(f"synthetic chunk {row}: sentence tokens differ from the tokenizer's")

    def __call__(self, row: int) -> list[str]:
        ids = self.corpus.sentence_ids[self.corpus.ptr[row] : self.corpus.ptr[row + 1]].tolist()
        tokens = [t for s in ids for t in self.sentence_tokens[s]]
        tokens += [f"{self.edges[a][1]}_{self.edges[b][0]}" for a, b in pairwise(ids)]
        return tokens or [EMPTY_TOKEN]

    def lengths(self) -> np.ndarray:
        """Token count of every chunk (vectorized: the average length is needed before writing)."""
        per_sentence = np.asarray([len(t) for t in self.sentence_tokens], dtype=np.int64)
        sentences = np.diff(self.corpus.ptr)
        lengths = np.add.reduceat(per_sentence[self.corpus.sentence_ids], self.corpus.ptr[:-1]) if len(
            self.corpus.sentence_ids) else np.zeros(len(self.corpus), dtype=np.int64)
        lengths = np.where(sentences > 0, lengths + np.maximum(sentences - 1, 0), 1)
        return lengths


class _TimedClient:
    """The pymilvus client, recording each call's name and wall time (ms)."""

    def __init__(self, client):
        self._client, self.calls = client, []

    def __getattr__(self, name):
        method = getattr(self._client, name)
        if not callable(method):
            return method

        def timed(*args, **kwargs):
            clock = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                self.calls.append((name, (time.perf_counter() - clock) * 1000))
        return timed


def _profile(retrieval, action, queries: list[str], embedder) -> dict[str, Any]:
    """Where one warm hybrid query's time goes: Milvus calls per query and their mean ms (calls made
    in parallel overlap, so their sum can exceed the query's wall time)."""
    from eval.bench import forget_queries

    client = retrieval.client
    timed = _TimedClient(client)
    retrieval.client = timed
    try:
        sample = queries[: min(len(queries), 40)]
        wall = []
        for query in sample:
            forget_queries(embedder)
            clock = time.perf_counter()
            action(query)
            wall.append((time.perf_counter() - clock) * 1000)
        clock = time.perf_counter()
        for query in sample:
            forget_queries(embedder)
            embedder.encode_queries([query])
        embed_ms = (time.perf_counter() - clock) * 1000 / len(sample)
    finally:
        retrieval.client = client
    per_call: dict[str, list[float]] = {}
    for name, ms_ in timed.calls:
        per_call.setdefault(name, []).append(ms_)
    return {"queries": len(sample), "wall_ms_mean": round(float(np.mean(wall)), 1),
            "query_embedding_ms_mean": round(embed_ms, 1),
            "calls_per_query": round(len(timed.calls) / len(sample), 2),
            "calls": {name: {"per_query": round(len(v) / len(sample), 2), "ms_mean": round(float(np.mean(v)), 1)}
                      for name, v in sorted(per_call.items())}}


LOCAL_FIELDS = ("chunks", "build_s", "dense_backend", "query_ms_p50", "query_ms_p95")


def local_bench_apart(count: int, real_vectors: int | None) -> dict[str, Any]:
    """The local backend over the same synthetic passages, in a child process (run after the Milvus
    server stopped): its peak RSS is its own, and the two never hold memory at the same time."""
    import json
    import subprocess
    import sys

    code = ("import json, sys; from eval.bench import bench_synthetic, peak_rss_mb; "
            f"r, _ = bench_synthetic({int(count)}, {real_vectors!r}); "
            f"r = {{k: r[k] for k in {LOCAL_FIELDS!r} if k in r}}; r['rss_mb'] = peak_rss_mb(); "
            "sys.stdout.write('\\n' + json.dumps(r))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[1])
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["?"])[-1]
        return {"error": f"local bench failed: {tail}"}
    return json.loads(done.stdout.strip().splitlines()[-1])




def _rss_mb(pid: int, field: str) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def format_milvus_bench(result: dict[str, Any]) -> str:
    m, local = result["milvus"], result.get("local", {})
    lines = [f"Milvus backend, {m['chunks']} synthetic passages ({m['engine']}, dense {m['dense_index']})",
             f"  ingest {m['ingest_rows_per_s']} rows/s ({m['ingest_s']} s; statistics pass {m['statistics_s']} s)",
             f"  hybrid p50/p95 {m['hybrid_ms_p50']}/{m['hybrid_ms_p95']} ms; with issuer filter "
             f"{m['hybrid_filtered_ms_p50']}/{m['hybrid_filtered_ms_p95']} ms",
             f"  RSS client {m['client_rss_mb']} MB (peak), server {m['server_rss_mb']} MB "
             f"(peak {m.get('server_peak_rss_mb')} MB); disk {m['disk_mb']} MB"]
    for suffix in ("", "_filtered"):
        if f"ab_before{suffix}_ms_p50" in m:
            paths = "; ".join(f"{label} {m.get(f'ab_{label}{suffix}_ms_p50')}/{m.get(f'ab_{label}{suffix}_ms_p95')}"
                              for label in PATHS)
            lines.append(f"  same queries alternating{' with the issuer filter' if suffix else ''}, p50/p95 ms: {paths}")
    trips = m.get("round_trips")
    if trips:
        calls = ", ".join(f"{name} {c['per_query']}× {c['ms_mean']} ms" for name, c in trips["calls"].items())
        lines.append(f"  one hybrid query: {trips['wall_ms_mean']} ms mean, of which query embedding "
                     f"{trips['query_embedding_ms_mean']} ms; Milvus calls {trips['calls_per_query']}/query ({calls})")
    if local.get("error"):
        lines.append(f"Local backend: {local['error']}")
    elif local:
        lines.append(f"Local backend, same passages (own process): build {local.get('build_s')} s, hybrid p50/p95 "
                     f"{local.get('query_ms_p50')}/{local.get('query_ms_p95')} ms, RSS {local.get('rss_mb')} MB")
    return "\n".join(lines)

"""``python -m eval bench``: performance on the bundled corpus, or at scale on a synthetic one.

Bundled corpus (default): index build time (model already converted), passage embedding
throughput, warm search and ask latency (p50/p95 over the dev questions), cold start
(a fresh ``python -m retriever search`` process) and peak memory; ``--cold-model`` adds the
first-time model conversion in a temporary ``HEALTHQA_CACHE``.

Synthetic corpus (``--chunks N``): N chunks of ~150 syllables made of shuffled sentences of
the bundled cleaned documents, searched by the real ``HybridSearcher`` with the real query
encoder.  Building it the ordinary way would not fit (1M chunks of token lists, JSON and
duplicate vector copies), so the components are built in memory:

* BM25: each unique sentence is tokenized once (``Tokenizer(segment_words=False,
  accented=False)``: accent-less syllables, syllable bigrams and act numbers, no underthesea)
  and a chunk's tokens are its sentences' tokens plus the bigrams across sentence joins —
  exactly ``passage_tokens`` of the chunk text.  The bm25s score matrix (CSC) is written
  directly in two streaming passes (document frequencies, then scores), never holding
  per-chunk token lists;
* vectors: ``--real-vectors`` chunks are embedded for real (default min(2000, N/50)); the
  rest are perturbed copies (a real vector + Gaussian noise, renormalized).  They are streamed
  into FAISS (flat up to ``APPROXIMATE_ABOVE``, else IVF with ``ivf_parameters``), which holds
  the only copy; the searcher reads rows back from FAISS;
* chunks: a lazy sequence that rebuilds a chunk's text from its sentence ids on access.

``--ann-sizes 50000,200000,1000000`` compares exact (flat) and IVF search at those sizes on
the same kind of vectors: latency, and recall of IVF's top-100 against the exact top-100,
for a few ``nprobe`` values.
"""

from __future__ import annotations

import contextlib
import gc
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from corpus.model import Chunk, DocumentRecord, Node
from eval.baselines import forget_queries
from retriever.runtime import SEQUENTIAL_THREADS, open_searcher
from retriever.search import use_query_threads
from eval.metrics import latency_summary

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TARGET_SYLLABLES = 150  # per synthetic chunk
MAX_SENTENCE_SYLLABLES = 120  # longer "sentences" (tables, lists) are left out
MIN_SENTENCE_SYLLABLES = 3
CHUNKS_PER_DOCUMENT = 200  # synthetic documents, so hits carry a record like real ones
NOISE_NORM = 0.5  # norm of the noise added to a real vector (cosine to it ≈ 0.9)
VECTOR_BATCH = 50_000
BM25_BATCH = 20_000
NPROBES = (8, 16, 32, 64)
COLD_QUERY = "Sở nào chủ trì y tế trường học?"
COLD_RUNS = 5
SCALE_TOKENIZER = {"segment_words": False, "bigrams": True, "accented": False}


def run_bench(chunks: int | None = None, real_vectors: int | None = None, ann_sizes: Sequence[int] = (),
              cold_model: bool = False, progress: bool = False, index_dir: Path | None = None,
              cold_runs: int | None = None) -> dict[str, Any]:
    """Benchmark figures as a dict: the bundled corpus when ``chunks`` is None, else N synthetic chunks."""
    result: dict[str, Any] = {"date": time.strftime("%Y-%m-%d %H:%M"), "machine": machine()}
    base = None
    if chunks is None:
        result.update(bench_bundled(cold_model, index_dir, cold_runs or COLD_RUNS))
    else:
        figures, base = bench_synthetic(chunks, real_vectors, progress)
        result.update(figures)
    result["rss_mb"] = peak_rss_mb()  # before the ANN comparison, which holds its own copies
    if ann_sizes:
        gc.collect()
        result["ann"] = compare_ann(ann_sizes, progress, base)
    result["machine"]["load_after"] = [round(x, 2) for x in os.getloadavg()]
    return result


# ------------------------------------------------------------------ bundled corpus
def bench_bundled(cold_model: bool = False, index_dir: Path | None = None, cold_runs: int = COLD_RUNS) -> dict[str, Any]:
    """The bundled corpus, both query encoders side by side in one run (issue 15):

    * warm search and ask p50/p95 with the ONNX Runtime query encoder (the default) and with
      the torch one, and the bare query encoders' own time for the same (dense) queries;
    * cold start (a fresh `python -m retriever search`) on each;
    * passage throughput of torch fp32, ONNX fp32 and ONNX int8 on real passages, and what the
      int8 vectors do to dense and hybrid MRR@10 of the dev questions.
    """
    from corpus import DEFAULT_CORPUS_DIR
    from index.builder import build_index, dense_input
    from index.model import Embedder
    from index.store import IndexStore
    from retriever.search import HybridSearcher

    result: dict[str, Any] = {"corpus": "bundled"}
    if cold_model:
        result["model_conversion_s"] = _model_conversion_seconds()
    started = time.perf_counter()
    embedder = Embedder.load()  # converts (and exports) the model once if needed: not part of build_s
    result["model_load_s"] = round(time.perf_counter() - started, 2)
    result["query_encoder"] = embedder.query_encoder
    result["passage_encoder"] = embedder.passage_encoder
    given = index_dir
    with tempfile.TemporaryDirectory(prefix="healthqa-bench-") as scratch, _no_shared_embeddings():
        if given is None:
            index_dir = scratch
            built = build_index(DEFAULT_CORPUS_DIR, Path(index_dir), rebuild=True)
            result.update({"documents": built.documents, "chunks": built.chunks, "build_s": round(built.seconds, 2)})
        else:
            index_dir = given
            store = IndexStore.load(Path(index_dir))
            result.update({"corpus": str(given), "documents": len(store.documents), "chunks": len(store.chunks)})
        passages = [dense_input(c) for c in IndexStore.load(Path(index_dir)).chunks]
        torch_embedder = Embedder.load(query_encoder="torch")
        rates = _embed_rates(embedder, torch_embedder, passages[:EMBED_SAMPLE])  # before query threads are set
        result["embed_passages_per_s"] = rates[embedder.passage_encoder]
        result["embed"] = rates
        searcher = open_searcher(Path(index_dir), threads=SEQUENTIAL_THREADS)  # as `retriever search --queries`
        torch_searcher = HybridSearcher(searcher.store, torch_embedder, restorer=searcher._restorer)
        queries = _dev_queries()
        result.update(_latency("query", lambda q: searcher.search(q, k=10), queries, searcher.embedder))
        result.update(_latency("query_torch", lambda q: torch_searcher.search(q, k=10), queries, torch_embedder))
        result["query_encoder_ms_p50"] = _bare_encoders(searcher, {"onnx": searcher.embedder, "torch": torch_embedder},
                                                        queries)
        try:
            from retriever.qa import Answerer
        except ImportError:
            result["ask"] = "skipped: retriever.qa not available"
        else:
            answerer = Answerer(searcher)
            result.update(_latency("ask", answerer.ask, queries, searcher.embedder))
            torch_answerer = Answerer(torch_searcher)
            result.update(_latency("ask_torch", torch_answerer.ask, queries, torch_embedder))
        if rates.get("onnx-int8"):
            result["int8_quality"] = _int8_quality(searcher, embedder, passages)
        result["cold_start_s"], result["cold_start_cpu_s"] = _cold_starts(Path(index_dir), runs=cold_runs)
        result["cold_start_torch_s"], result["cold_start_torch_cpu_s"] = _cold_starts(
            Path(index_dir), {"HEALTHQA_QUERY_ENCODER": "torch"}, runs=cold_runs)
    result["ratios"] = _ratios(result)
    return result


EMBED_SAMPLE = 48  # real passages per throughput figure


@contextlib.contextmanager
def _no_shared_embeddings():
    """The bench's build must embed every passage (its time is a figure), not read them back."""
    before = os.environ.get("HEALTHQA_EMBEDDING_CACHE")
    os.environ["HEALTHQA_EMBEDDING_CACHE"] = "off"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("HEALTHQA_EMBEDDING_CACHE", None)
        else:
            os.environ["HEALTHQA_EMBEDDING_CACHE"] = before


def _passage_variant(embedder, encoder: str):
    """The same loaded model and graph, embedding passages through `encoder`."""
    from index.model import Embedder

    return Embedder(embedder._model, embedder.name, embedder.segmented_input, embedder.identity,
                    onnx=embedder.onnx, source=embedder._source, passage_encoder=encoder,
                    threads=embedder._threads)


def _embed_rates(embedder, torch_embedder, texts: list[str]) -> dict[str, Any]:
    """Passages per second of each path on the same real passages (one warm-up batch each), the
    mean token count, and each path's ratio to torch fp32."""
    rates: dict[str, Any] = {"passages": len(texts)}
    paths = {"torch": torch_embedder}
    if embedder.onnx is not None:
        paths["onnx"] = _passage_variant(embedder, "onnx")
        paths["onnx-int8"] = _passage_variant(embedder, "onnx-int8")
        rates["mean_tokens"] = round(float(np.mean([embedder.onnx.count_tokens(embedder.passage_prompt + t)
                                                    for t in texts])), 1)
    for name, variant in paths.items():
        variant.encode_passages(texts[:4])  # warm-up (and, for int8, the one-time quantization)
        rates[name] = _embed_rate(variant, texts, warm=False)
    for name in paths:
        if name != "torch":
            rates[f"{name}_vs_torch"] = round(rates[name] / max(rates["torch"], 1e-9), 2)
    return rates


def _bare_encoders(searcher, embedders: dict[str, Any], queries: list[str]) -> dict[str, float]:
    """p50 ms of each query encoder alone on the queries the dense side embeds (restored accents,
    expansions), one at a time, nothing cached."""
    from retriever.query import analyze_query

    dense = [searcher.dense_query(analyze_query(q)) for q in queries]
    figures = {}
    for name, embedder in embedders.items():
        embedder._embed_queries(dense[:1], 32)  # warm-up
        times = []
        for text in dense:
            clock = time.perf_counter()
            embedder._embed_queries([text], 32)
            times.append(_lap(clock, 1000))
        figures[name] = round(statistics.median(times), 2)
    return figures


def _int8_quality(searcher, embedder, passages: list[str]) -> dict[str, Any]:
    """Dense and hybrid MRR@10 (overall and per kind) of the dev questions with passage vectors
    from the int8 graph instead of fp32; queries stay fp32. `max_loss` is the largest drop."""
    from eval.baselines import searcher_system
    from eval.datasets import load_questions
    from eval.metrics import evaluate_retrieval
    from eval.run import DEFAULT_QUESTIONS
    from index.store import IndexStore
    from retriever.search import HybridSearcher

    store = searcher.store
    vectors = _passage_variant(embedder, "onnx-int8").encode_passages(passages)
    cosine = float(np.min(np.sum(vectors * np.asarray(store.vectors), axis=1)))
    int8_store = IndexStore.create(store.manifest, store.documents, store.chunks, store.tokens, vectors,
                                   store.citations)
    int8_searcher = HybridSearcher(int8_store, searcher.embedder, restorer=searcher._restorer)
    questions = load_questions(DEFAULT_QUESTIONS)
    documents = {d.record.source: d.text for d in store.documents.values()}
    figures: dict[str, Any] = {"min_cosine_to_fp32": round(cosine, 4)}
    losses = []
    for mode in ("dense", "hybrid"):
        scores = {}
        for label, variant in (("fp32", searcher), ("int8", int8_searcher)):
            system = searcher_system(variant, mode)
            scores[label] = evaluate_retrieval(questions, {q.id: system(q.question) for q in questions}, documents)
        entry = {"fp32": round(float(scores["fp32"]["overall"]["mrr@10"]), 4),
                 "int8": round(float(scores["int8"]["overall"]["mrr@10"]), 4)}
        losses.append(entry["fp32"] - entry["int8"])
        for kind, values in scores["fp32"]["per_kind"].items():
            loss = float(values["mrr@10"]) - float(scores["int8"]["per_kind"][kind]["mrr@10"])
            entry[f"loss_{kind}"] = round(loss, 4)
            losses.append(loss)
        figures[f"{mode}_mrr@10"] = entry
    figures["max_loss"] = round(max(losses), 4)
    figures["acceptable"] = figures["max_loss"] <= INT8_MAX_MRR_LOSS
    return figures


INT8_MAX_MRR_LOSS = 0.005  # int8 passages only if no MRR@10 (overall or per kind) drops more


def _ratios(result: dict[str, Any]) -> dict[str, float]:
    """The issue-15 ratios, each from figures of this one run."""
    ratios: dict[str, float] = {}
    encoders = result.get("query_encoder_ms_p50") or {}
    if encoders.get("torch") and result.get("query_ms_p50"):
        ratios["warm_search_vs_bare_torch_encoder"] = round(result["query_ms_p50"] / encoders["torch"], 3)
    if encoders.get("torch") and encoders.get("onnx"):
        ratios["onnx_encoder_vs_torch_encoder"] = round(encoders["onnx"] / encoders["torch"], 3)
    for key in ("query", "ask"):
        if result.get(f"{key}_torch_ms_p50") and result.get(f"{key}_ms_p50"):
            ratios[f"{key}_p50_onnx_vs_torch"] = round(result[f"{key}_ms_p50"] / result[f"{key}_torch_ms_p50"], 3)
    if result.get("cold_start_torch_s") and result.get("cold_start_s"):
        ratios["cold_start_onnx_vs_torch"] = round(result["cold_start_s"] / result["cold_start_torch_s"], 3)
    if result.get("cold_start_torch_cpu_s") and result.get("cold_start_cpu_s"):
        ratios["cold_start_cpu_onnx_vs_torch"] = round(result["cold_start_cpu_s"] / result["cold_start_torch_cpu_s"], 3)
    embed = result.get("embed") or {}
    for name in ("onnx", "onnx-int8"):
        if f"{name}_vs_torch" in embed:
            ratios[f"ingest_{name}_vs_torch"] = embed[f"{name}_vs_torch"]
    return ratios


def _model_conversion_seconds() -> float:
    """First-time conversion of the default model, in a fresh process and a temporary cache."""
    with tempfile.TemporaryDirectory(prefix="healthqa-cold-model-") as cache:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "from index.model import materialize_default_model as m; m()"],
                       cwd=PROJECT_ROOT, env={**os.environ, "HEALTHQA_CACHE": cache}, check=True,
                       capture_output=True, timeout=900)
        return round(time.perf_counter() - started, 2)


def _cold_start_seconds(index_dir: Path, env: dict[str, str] | None = None, runs: int = COLD_RUNS) -> float:
    """Median wall time of fresh ``python -m retriever search`` processes (imports, index, model,
    one query, exit). Files are in the page cache after the first run, as for a user's second
    command; the median keeps one slow run on a shared machine from deciding the figure."""
    return _cold_starts(index_dir, env, runs)[0]


def _cold_starts(index_dir: Path, env: dict[str, str] | None = None, runs: int = COLD_RUNS) -> tuple[float, float]:
    """(median wall s, median CPU s — user + system of the child) of fresh `retriever search`
    processes. CPU time is what a crowded machine inflates least."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "retriever", "search", COLD_QUERY, "--index", str(index_dir)],
                       cwd=PROJECT_ROOT, env={**os.environ, **(env or {})}, check=True, capture_output=True,
                       timeout=900)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return round(statistics.median(walls), 2), round(statistics.median(cpus), 2)


# ---------------------------------------------------------------- synthetic corpus
class SyntheticCorpus:
    """N chunks, each a run of sentence ids; text and Chunk objects are made on demand."""

    def __init__(self, sentences: list[str], syllables: np.ndarray, count: int, seed: int = 0):
        self.sentences = sentences
        rng = np.random.default_rng(seed)
        needed = int(count * TARGET_SYLLABLES / syllables.mean() * 1.1) + 16
        ids = np.zeros(0, dtype=np.int32)
        while True:
            ids = np.concatenate([ids, rng.integers(0, len(sentences), needed, dtype=np.int32)])
            starts = np.cumsum(syllables[ids]) - syllables[ids]
            owner = starts // TARGET_SYLLABLES  # chunk of each sentence: where it starts
            if owner[-1] >= count:
                break
        self.ptr = np.searchsorted(owner, np.arange(count + 1)).astype(np.int64)
        self.sentence_ids = ids[: self.ptr[-1]]
        self.count = count

    def __len__(self) -> int:
        return self.count

    def text(self, row: int) -> str:
        return " ".join(self.sentences[s] for s in self.sentence_ids[self.ptr[row] : self.ptr[row + 1]])


class SyntheticChunks(Sequence):
    """``store.chunks`` for a synthetic corpus: Chunk objects built on access."""

    def __init__(self, corpus: SyntheticCorpus):
        self.corpus = corpus

    def __len__(self) -> int:
        return len(self.corpus)

    def __getitem__(self, row):
        if isinstance(row, slice):
            return [self[i] for i in range(*row.indices(len(self)))]
        row = int(row)
        if not -len(self) <= row < len(self):
            raise IndexError(row)
        row %= len(self)
        text = self.corpus.text(row)
        doc_id = f"syn{row // CHUNKS_PER_DOCUMENT:05d}"
        return Chunk(f"{doc_id}:{row}", doc_id, f"{doc_id}.txt", text, 0, len(text), [], "", "body", text)


def bundled_sentences() -> list[str]:
    """Unique sentences of the bundled cleaned documents, 3–120 syllables."""
    from corpus import DEFAULT_CORPUS_DIR, load_corpus

    seen: dict[str, None] = {}
    for document in load_corpus(DEFAULT_CORPUS_DIR).documents:
        for piece in re.split(r"(?<=[.;!?])\s+|\n+", document.text):
            piece = " ".join(piece.split())
            if MIN_SENTENCE_SYLLABLES <= len(re.findall(r"\w+", piece)) <= MAX_SENTENCE_SYLLABLES:
                seen.setdefault(piece)
    return list(seen)


def synthetic_bm25(corpus: SyntheticCorpus, tokenizer, progress: bool = False):
    """A BM25Index over the synthetic chunks, equal to ``BM25Index.build`` of their passage tokens."""
    import bm25s

    from corpus.vietnamese import strip_diacritics, tone_key
    from index.bm25 import BM25_PARAMS, BM25Index

    vocab: dict[str, int] = {}
    flat: list[int] = []
    ptr = [0]
    first, last = [], []
    for sentence in corpus.sentences:
        tokens = tokenizer.passage_tokens(sentence)
        ids = [vocab.setdefault(t, len(vocab)) for t in tokens]
        count = len(re.findall(r"\w+", strip_diacritics(tone_key(sentence))))  # syllables come first
        first.append(ids[0])
        last.append(ids[count - 1])
        flat.extend(ids)
        ptr.append(len(flat))
    sentence_tokens, sentence_ptr = np.asarray(flat, dtype=np.int32), np.asarray(ptr, dtype=np.int64)
    first_ids, last_ids = np.asarray(first, dtype=np.int64), np.asarray(last, dtype=np.int64)
    names = {i: t for t, i in vocab.items()}

    # Bigrams across the join of two sentences of one chunk ("... y tế. Sở ..." -> "te_so").
    sids = corpus.sentence_ids
    chunk_of_sentence = np.repeat(np.arange(len(corpus), dtype=np.int64), np.diff(corpus.ptr))
    inside = chunk_of_sentence[:-1] == chunk_of_sentence[1:]
    pair_keys = last_ids[sids[:-1][inside]] * len(vocab) + first_ids[sids[1:][inside]]
    pair_chunk = chunk_of_sentence[:-1][inside]
    unique_keys, pair_index = np.unique(pair_keys, return_inverse=True)
    width = len(vocab)
    key_token = np.asarray([vocab.setdefault(f"{names[k // width]}_{names[k % width]}", len(vocab))
                            for k in unique_keys.tolist()], dtype=np.int32)
    pair_tokens = key_token[pair_index]
    del pair_keys, pair_index, chunk_of_sentence

    def batch_tokens(a: int, b: int) -> tuple[np.ndarray, np.ndarray]:
        """(row - a, token id) of every token of chunks a..b-1."""
        sentences = sids[corpus.ptr[a] : corpus.ptr[b]]
        rows = np.repeat(np.arange(b - a, dtype=np.int64), np.diff(corpus.ptr[a : b + 1]))
        starts, lengths = sentence_ptr[sentences], np.diff(sentence_ptr)[sentences]
        offsets = np.cumsum(lengths) - lengths
        gather = np.repeat(starts - offsets, lengths) + np.arange(lengths.sum())
        lo, hi = np.searchsorted(pair_chunk, [a, b])
        return (np.concatenate([np.repeat(rows, lengths), pair_chunk[lo:hi] - a]),
                np.concatenate([sentence_tokens[gather], pair_tokens[lo:hi]]).astype(np.int64))

    size, vocabulary = len(corpus), len(vocab)
    batches = [(a, min(a + BM25_BATCH, size)) for a in range(0, size, BM25_BATCH)]
    frequencies = np.zeros(vocabulary, dtype=np.int64)
    lengths = np.zeros(size, dtype=np.float32)
    for a, b in _bar(progress, "BM25 df", batches):  # pass 1: document frequencies and lengths
        rows, tokens = batch_tokens(a, b)
        lengths[a:b] = np.bincount(rows, minlength=b - a)
        frequencies += np.bincount(np.unique(rows * vocabulary + tokens) % vocabulary, minlength=vocabulary)
    idf = np.log(1 + (size - frequencies + 0.5) / (frequencies + 0.5)).astype(np.float32)
    k1, b_param = BM25_PARAMS["k1"], BM25_PARAMS["b"]
    norm = (k1 * ((1 - b_param) + b_param * lengths / lengths.mean())).astype(np.float32)
    indptr = np.zeros(vocabulary + 1, dtype=np.int64)
    np.cumsum(frequencies, out=indptr[1:])
    data = np.empty(indptr[-1], dtype=np.float32)
    indices = np.empty(indptr[-1], dtype=np.int32)
    cursor = indptr[:-1].copy()
    for a, b in _bar(progress, "BM25 scores", batches):  # pass 2: scores, written column by column
        rows, tokens = batch_tokens(a, b)
        keys, tf = np.unique(tokens * (b - a) + rows, return_counts=True)  # sorted by token, then row
        token, row = keys // (b - a), keys % (b - a)
        per_token = np.bincount(token, minlength=vocabulary)
        rank = np.arange(len(keys)) - (np.cumsum(per_token) - per_token)[token]
        position = cursor[token] + rank
        data[position] = idf[token] * tf / (norm[a + row] + tf)
        indices[position] = a + row
        cursor += per_token
    model = bm25s.BM25(**BM25_PARAMS)
    model.scores = {"data": data, "indices": indices, "indptr": indptr, "num_docs": size}
    model.vocab_dict = vocab
    model.unique_token_ids_set = set(vocab.values())
    model.nonoccurrence_array = None
    return BM25Index(model, size)


def perturbed_rows(base: np.ndarray, start: int, stop: int, seed: int = 0) -> np.ndarray:
    """Rows start..stop-1 of the synthetic vectors: row i < len(base) is base[i]; later rows are
    base[i % len(base)] plus Gaussian noise of norm ≈ NOISE_NORM, renormalized. Deterministic."""
    rows = np.arange(start, stop)
    vectors = base[rows % len(base)].copy()
    noisy = rows >= len(base)
    if noisy.any():
        rng = np.random.default_rng([seed, start])
        sigma = NOISE_NORM / np.sqrt(base.shape[1])
        vectors[noisy] += rng.normal(0.0, sigma, (int(noisy.sum()), base.shape[1])).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors


def streamed_vector_index(base: np.ndarray, count: int, kind: str, progress: bool = False):
    """A FaissVectorIndex ("flat" or "ivf", parameters as index/ann.py) over the synthetic rows."""
    import faiss

    from index.ann import IVF_TRAIN_PER_LIST, FaissVectorIndex, ivf_parameters

    dim = base.shape[1]
    if kind == "flat":
        index = faiss.IndexFlatIP(dim)
    else:
        nlist, nprobe = ivf_parameters(count)
        index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, nlist, faiss.METRIC_INNER_PRODUCT)
        # Rows are i.i.d. apart from their base (i % len(base)), so the first rows are a fair sample.
        index.train(perturbed_rows(base, 0, min(count, IVF_TRAIN_PER_LIST * nlist)))
        index.nprobe = nprobe
    for a in _bar(progress, f"FAISS {kind}", range(0, count, VECTOR_BATCH)):
        index.add(perturbed_rows(base, a, min(a + VECTOR_BATCH, count)))
    return FaissVectorIndex(index, kind)


class FaissRows:
    """``store.vectors`` read back from the FAISS index, so vectors are held once."""

    def __init__(self, dense):
        import faiss

        self._index = dense._index
        if dense.kind == "ivf":
            faiss.extract_index_ivf(self._index).make_direct_map()
        self.shape = (self._index.ntotal, self._index.d)

    def __len__(self) -> int:
        return self.shape[0]

    def __getitem__(self, rows) -> np.ndarray:
        return self._index.reconstruct_batch(np.atleast_1d(np.asarray(rows, dtype=np.int64)))


def bench_synthetic(count: int, real_vectors: int | None = None,
                    progress: bool = False) -> tuple[dict[str, Any], np.ndarray]:
    """Figures for N synthetic chunks, and the real vectors their vectors were made from."""
    from index.ann import APPROXIMATE_ABOVE
    from index.model import Embedder
    from index.store import IndexStore, StoredDocument
    from index.tokenization import Tokenizer
    from retriever.search import HybridSearcher

    real = real_vectors or min(2000, max(32, count // 50))
    real = min(real, count)
    embedder = Embedder.load()
    tokenizer = Tokenizer(**SCALE_TOKENIZER)
    steps: dict[str, float] = {}

    clock = time.perf_counter()
    sentences = bundled_sentences()
    syllables = np.asarray([len(re.findall(r"\w+", s)) for s in sentences], dtype=np.int64)
    corpus = SyntheticCorpus(sentences, syllables, count)
    steps["compose_s"] = _lap(clock)

    clock = time.perf_counter()
    bm25 = synthetic_bm25(corpus, tokenizer, progress)
    steps["bm25_s"] = _lap(clock)

    clock = time.perf_counter()
    base = embedder.encode_passages([corpus.text(i) for i in range(real)], show_progress=progress)
    steps["embed_real_s"] = _lap(clock)
    embed_rate = round(real / max(steps["embed_real_s"], 1e-9), 2)
    use_query_threads()

    clock = time.perf_counter()
    kind = "flat" if count <= APPROXIMATE_ABOVE else "ivf"
    dense = streamed_vector_index(base, count, kind, progress)
    steps["dense_s"] = _lap(clock)

    clock = time.perf_counter()
    documents = {}
    for d in range(0, count, CHUNKS_PER_DOCUMENT):
        doc_id = f"syn{d // CHUNKS_PER_DOCUMENT:05d}"
        record = DocumentRecord(doc_id, f"{doc_id}.txt", f"Văn bản tổng hợp {doc_id}", "Kế hoạch", None, None,
                                None, None, None, None)
        documents[doc_id] = StoredDocument(record, "", Node("document", "", "", 0, 0))
    manifest = {"settings": {"model": embedder.name, "tokenizer": tokenizer.settings()}, "chunks": count}
    # tokens=[]: the searcher never reads per-chunk tokens; holding them is what does not scale.
    store = IndexStore(manifest, documents, SyntheticChunks(corpus), [], FaissRows(dense), bm25, dense, {})
    searcher = HybridSearcher(store, embedder)
    steps["searcher_init_s"] = _lap(clock)

    queries = _dev_queries()
    result: dict[str, Any] = {
        "corpus": "synthetic",
        "chunks": count,
        "build_s": round(sum(steps.values()), 2),
        "build_steps": steps,
        "vectors": f"{real} real, rest perturbed copies (noise norm {NOISE_NORM})" if real < count else f"{real} real",
        "dense_backend": kind,
        "tokenizer": tokenizer.settings(),
        "bm25_nnz": int(len(bm25._model.scores["data"])),
        "vocabulary": len(bm25._model.vocab_dict),
        "avg_chunk_syllables": round(float(np.diff(corpus.ptr).mean() * syllables.mean()), 1),
        "embed_passages_per_s": embed_rate,
    }
    result.update(_latency("query", lambda q: searcher.search(q, k=10), queries, embedder))
    result["components_ms_p50"] = _components(searcher, queries[:40])
    return result, base


def _components(searcher, queries: list[str]) -> dict[str, float]:
    """p50 of the parts of a hybrid query: query embedding, BM25 scoring of all chunks, FAISS top-100."""
    times: dict[str, list[float]] = {"embed": [], "bm25": [], "dense": []}
    for query in queries:
        forget_queries(searcher.embedder)
        clock = time.perf_counter()
        vector = searcher.embedder.encode_queries([query])
        times["embed"].append(_lap(clock, 1000))
        clock = time.perf_counter()
        searcher.store.bm25.scores(searcher.tokenizer.query_tokens(query))
        times["bm25"].append(_lap(clock, 1000))
        clock = time.perf_counter()
        searcher.store.dense.search(vector, searcher.fusion.candidates)
        times["dense"].append(_lap(clock, 1000))
    return {name: round(latency_summary(values)["p50_ms"], 2) for name, values in times.items()}


# ------------------------------------------------------------------- flat vs IVF
def compare_ann(sizes: Sequence[int], progress: bool = False, base: np.ndarray | None = None,
                real: int = 2000) -> dict[str, Any]:
    """Exact vs IVF top-100 search at each size: latency p50/p95 (one query at a time) and recall.

    ``base``: real passage vectors to perturb (default: embed ``real`` synthetic chunks now)."""
    import faiss

    from index.model import Embedder

    embedder = Embedder.load()
    if base is None:
        sentences = bundled_sentences()
        syllables = np.asarray([len(re.findall(r"\w+", s)) for s in sentences], dtype=np.int64)
        corpus = SyntheticCorpus(sentences, syllables, real)
        base = embedder.encode_passages([corpus.text(i) for i in range(real)])
    queries = embedder.encode_queries(_dev_queries())
    result: dict[str, Any] = {"vectors": f"{len(base)} real, rest perturbed copies", "k": 100, "sizes": {}}
    for size in sizes:
        entry: dict[str, Any] = {}
        exact = streamed_vector_index(base, size, "flat", progress)
        entry["flat"], truth = _search_latency(exact, queries)
        with _faiss_threads(1):  # OpenMP over 2 contended cores can cost more than it gains
            entry["flat_1thread"], _ = _search_latency(exact, queries)
        del exact
        gc.collect()
        clock = time.perf_counter()
        ivf = streamed_vector_index(base, size, "ivf", progress)
        entry["ivf_build_s"] = _lap(clock)
        ivf_index = faiss.extract_index_ivf(ivf._index)
        entry["nlist"], default_nprobe = ivf_index.nlist, ivf_index.nprobe
        for nprobe in sorted(set(NPROBES) | {default_nprobe}):
            ivf_index.nprobe = nprobe
            timing, found = _search_latency(ivf, queries)
            timing["recall@100"] = round(_recall(found, truth), 4)
            timing["recall@10"] = round(_recall(found[:, :10], truth[:, :10]), 4)
            entry[f"ivf_nprobe{nprobe}"] = timing
        ivf_index.nprobe = default_nprobe
        with _faiss_threads(1):
            entry["ivf_default_1thread"], _ = _search_latency(ivf, queries)
        entry["default_nprobe"] = default_nprobe
        del ivf, ivf_index
        gc.collect()
        result["sizes"][str(size)] = entry
    return result


def _search_latency(dense, queries: np.ndarray) -> tuple[dict[str, float], np.ndarray]:
    dense.search(queries[:1], 100)  # warm-up
    times, found = [], []
    for vector in queries:
        clock = time.perf_counter()
        ids, _ = dense.search(vector[None, :], 100)
        times.append(_lap(clock, 1000))
        found.append(ids[0])
    summary = latency_summary(times)
    return {"p50_ms": round(summary["p50_ms"], 2), "p95_ms": round(summary["p95_ms"], 2)}, np.vstack(found)


@contextlib.contextmanager
def _faiss_threads(count: int):
    import faiss

    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(count)
    try:
        yield
    finally:
        faiss.omp_set_num_threads(before)


def _recall(found: np.ndarray, truth: np.ndarray) -> float:
    return float(np.mean([len(set(f) & set(t)) / len(t) for f, t in zip(found.tolist(), truth.tolist())]))


# ------------------------------------------------------------------------ helpers
def _latency(label: str, action, queries: list[str], embedder) -> dict[str, float]:
    """Warm p50/p95 in ms of ``action(query)``; each query pays its own embedding."""
    action(queries[0])
    times = []
    for query in queries:
        forget_queries(embedder)
        clock = time.perf_counter()
        action(query)
        times.append(_lap(clock, 1000))
    summary = latency_summary(times)
    return {f"{label}_ms_p50": round(summary["p50_ms"], 2), f"{label}_ms_p95": round(summary["p95_ms"], 2)}


def _embed_rate(embedder, texts: list[str], warm: bool = True) -> float:
    if warm:
        embedder.encode_passages(texts[:2])  # warm-up
    clock = time.perf_counter()
    embedder.encode_passages(texts)
    return round(len(texts) / max(_lap(clock), 1e-9), 2)


def _dev_queries() -> list[str]:
    from eval.datasets import load_questions
    from eval.run import DEFAULT_QUESTIONS

    return [q.question for q in load_questions(DEFAULT_QUESTIONS)]


def _lap(clock: float, scale: float = 1.0) -> float:
    return round((time.perf_counter() - clock) * scale, 3)


def peak_rss_mb() -> float:
    """Peak resident memory of this process (ru_maxrss is in KiB on Linux)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                    if line.startswith("model name")), "")
        mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal"))
    except (OSError, StopIteration, ValueError):
        mem_kb = 0
    return {"nproc": os.cpu_count(), "cpu": cpu or platform.processor(), "ram_gb": round(mem_kb / 1024**2, 1),
            "python": platform.python_version(), "load_before": [round(x, 2) for x in os.getloadavg()]}


def _bar(enabled: bool, label: str, items):
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=label, file=sys.stderr, leave=False)


# ------------------------------------------------------------------------ output
def format_bench(result: dict[str, Any]) -> str:
    m = result["machine"]
    lines = [f"Máy (machine): {m['nproc']} CPU, {m['cpu']}, {m['ram_gb']} GB RAM; load {m['load_before']}",
             f"Kho (corpus): {result.get('corpus')}, {result.get('chunks')} đoạn (chunks)"]
    for key, label in (("build_s", "xây chỉ mục (build) s"), ("embed_passages_per_s", "nhúng (passages/s)"),
                       ("query_ms_p50", "search p50 ms"), ("query_ms_p95", "search p95 ms"),
                       ("query_torch_ms_p50", "search p50 ms (torch query encoder)"),
                       ("query_torch_ms_p95", "search p95 ms (torch query encoder)"),
                       ("query_encoder_ms_p50", "query encoder alone p50 ms"),
                       ("ask_ms_p50", "ask p50 ms"), ("ask_ms_p95", "ask p95 ms"),
                       ("ask_torch_ms_p50", "ask p50 ms (torch)"), ("ask_torch_ms_p95", "ask p95 ms (torch)"),
                       ("cold_start_s", "khởi động lạnh (cold start) s"),
                       ("cold_start_cpu_s", "cold start CPU s"),
                       ("cold_start_torch_s", "cold start s (torch query encoder)"),
                       ("cold_start_torch_cpu_s", "cold start CPU s (torch query encoder)"),
                       ("embed", "nhúng theo đường (passages/s by path)"), ("int8_quality", "int8 MRR@10"),
                       ("ratios", "tỉ lệ (ratios)"), ("model_load_s", "tải mô hình s"),
                       ("model_conversion_s", "chuyển đổi mô hình lần đầu s"), ("rss_mb", "bộ nhớ đỉnh (peak RSS) MB"),
                       ("vectors", "vectors"), ("dense_backend", "FAISS"), ("build_steps", "các bước"),
                       ("components_ms_p50", "thành phần p50 ms")):
        if key in result:
            lines.append(f"  {label:<34} {result[key]}")
    for size, entry in (result.get("ann") or {}).get("sizes", {}).items():
        lines.append(f"  ANN {size}: flat {entry['flat']}  (nlist {entry['nlist']}, IVF build {entry['ivf_build_s']} s)")
        for key, value in entry.items():
            if key.startswith("ivf_nprobe"):
                lines.append(f"      {key}: {value}")
    return "\n".join(lines)

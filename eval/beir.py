"""``python -m eval beir DIR``: the same systems on any dataset in BEIR layout.

Each BEIR document becomes one passage (chunk) of our index, relevant by its ``_id``:
``text = title + "\\n" + text`` (just ``text`` without a title), offsets 0…len, no headings.
The index (BM25 tokens from our Tokenizer, vectors from our Embedder) is built once into
``$HEALTHQA_CACHE/beir/<name>-<hash>`` (hash of corpus.jsonl, model and tokenizer settings)
and reused by later runs.

``--limit N`` keeps the first N queries that have qrels (in queries.jsonl order); the
corpus is always indexed whole, so scores stay comparable with a full run.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

from corpus.model import Chunk, DocumentRecord, Node
from eval.baselines import build_systems
from retriever.search import SEQUENTIAL_THREADS, use_query_threads
from eval.datasets import BeirDataset, load_beir
from eval.metrics import retrieval_metrics
from eval.run import run_queries, system_entry
from index.builder import PIPELINE_VERSION
from index.model import Embedder, cache_dir
from index.store import IndexStore, IndexStoreError, StoredDocument
from index.tokenization import Tokenizer

BEIR_LAYOUT_VERSION = 1  # bump when the BEIR -> index mapping changes


def run_beir(folder: str | Path, limit: int | None = None, progress: bool = False,
             cache: str | Path | None = None, model: str | None = None) -> dict[str, Any]:
    """Metrics and latency of every system on a BEIR folder (same shape as ``run_evaluation``,
    without ``answers``); ``cache`` overrides ``$HEALTHQA_CACHE/beir``."""
    from retriever.search import HybridSearcher

    dataset = load_beir(folder)
    queries = {qid: text for qid, text in dataset.queries.items() if qid in dataset.qrels}
    if limit is not None:
        queries = dict(list(queries.items())[:limit])
    embedder = Embedder.load(model)
    store = beir_index(dataset, Path(folder), embedder, progress, cache)
    use_query_threads(SEQUENTIAL_THREADS)  # queries one at a time
    searcher = HybridSearcher(store, embedder)
    qrels = {qid: dataset.qrels[qid] for qid in queries}
    result: dict[str, Any] = {"dataset": dataset.name, "questions": len(queries), "documents": len(dataset.corpus),
                              "systems": {}}
    # In a BEIR index chunk.text == chunk.context, so LangChain's FAISS gets the same vectors.
    for name, system in build_systems(searcher, lc_vectors=np.asarray(store.vectors)).items():
        hits, latencies = run_queries(system, queries, embedder, _bar(progress, f"{name:<10}", len(queries)))
        run = {qid: {h["doc_id"]: 1.0 / rank for rank, h in reversed(list(enumerate(found, 1)))}
               for qid, found in hits.items()}
        result["systems"][name] = system_entry(retrieval_metrics(qrels, run), {}, latencies)
    result["skipped_empty_queries"] = dataset.skipped_empty_queries
    if dataset.warnings:
        result["warnings"] = dataset.warnings
    return result


def beir_index(dataset: BeirDataset, folder: Path, embedder: Embedder, progress: bool = False,
               cache: str | Path | None = None) -> IndexStore:
    """The cached index of a BEIR corpus, built (and saved) when missing."""
    tokenizer = Tokenizer()
    settings = {"model": embedder.name, "tokenizer": tokenizer.settings(), "pipeline_version": PIPELINE_VERSION,
                "beir_layout": BEIR_LAYOUT_VERSION}
    digest = hashlib.sha256((folder / "corpus.jsonl").read_bytes())
    digest.update(json.dumps(settings, sort_keys=True).encode())
    target = Path(cache or cache_dir() / "beir") / f"{dataset.name or 'beir'}-{digest.hexdigest()[:12]}"
    try:
        return IndexStore.load(target)
    except IndexStoreError:
        pass
    chunks, documents = [], {}
    for doc_id, entry in dataset.corpus.items():
        text = f"{entry['title']}\n{entry['text']}" if entry["title"].strip() else entry["text"]
        chunks.append(Chunk(chunk_id=f"{doc_id}:0", doc_id=doc_id, source=doc_id, text=text, start=0, end=len(text),
                            heading_path=[], section="", kind="body", context=text))
        record = DocumentRecord(doc_id=doc_id, source=doc_id, title=entry["title"], type="", number=None, date=None,
                                issuer=None, place=None, signer=None, signer_title=None)
        documents[doc_id] = StoredDocument(record, text, Node("document", "", "", 0, len(text)))
    tokens = [tokenizer.passage_tokens(c.context) for c in _bar(progress, "tokens", len(chunks))(chunks)]
    vectors = embedder.encode_passages([c.context for c in chunks], show_progress=progress)
    manifest = {"settings": settings, "model": embedder.name,
                "dimensions": embedder.dim, "corpus_dir": str(folder.resolve()), "documents": len(documents),
                "chunks": len(chunks)}
    store = IndexStore.create(manifest, documents, chunks, tokens, vectors, {})
    store.save(target)
    return store


def _bar(enabled: bool, label: str, total: int):
    """A tqdm wrapper on a terminal, the identity otherwise."""
    if not enabled:
        return lambda items: items
    from tqdm import tqdm

    return lambda items: tqdm(items, desc=label, total=total, file=sys.stderr, leave=False)

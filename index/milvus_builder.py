"""``index build|add|remove|info|migrate`` on the Milvus backend (index.milvus_store).

A build parses, embeds and writes every passage into fresh collections; ``add`` / ``remove`` delete
and insert by ``source`` in place (nothing else is rewritten) and append their BM25 statistics
deltas; ``migrate`` copies a local index (its vectors included: nothing is embedded again).
"""

from __future__ import annotations

import contextlib
import time
from pathlib import Path
from typing import Any, ClassVar

from corpus.model import ParsedDocument
from index import milvus_store as ms
from index.backends import BackendError, MilvusSettings
from index.store import IndexStore, StoredDocument


def _builder():
    from index import builder

    return builder


WORKER_BATCH = 1  # documents per write: what an interrupted worker redoes at most


def build(corpus_dir: Path, settings: MilvusSettings, model: str | None, rebuild: bool, progress: bool,
          workers: int = 1, share: tuple[int, int] | None = None):
    """A build into Milvus, by `workers` processes each writing a disjoint share of the documents
    (``stable hash(source) mod workers``), then ``compact`` (statistics counted from the stored rows,
    every passage weighted with the final average length). A build interrupted at any point resumes:
    the next build with the same corpus and settings skips the documents already written.
    `share` = (i, n): be worker i of n (the coordinator starts them; on several machines run
    ``index build --backend milvus --share i/n`` on each against one server URI)."""
    if share is not None:
        return _work_share(corpus_dir, settings, share, progress)
    b = _builder()
    started = time.perf_counter()
    from index.model import Embedder, requested_model_name
    from index.tokenization import Tokenizer

    fingerprint = b.corpus_fingerprint(corpus_dir)
    tokenizer = Tokenizer()
    model_name = requested_model_name(model)
    wanted = b.settings_for(model_name, tokenizer)
    with ms.writer_lock(settings), _served(settings, workers) as live:
        previous = ms.read_manifest(live) if ms.MilvusStore.exists(live) else None
        same = bool(previous) and previous.get("corpus_fingerprint") == fingerprint and previous.get("settings") == wanted
        if same and not rebuild and previous.get("state", "built") == "built":
            return b.BuildResult("up_to_date", previous["documents"], previous["chunks"],
                                 time.perf_counter() - started, index_path=_where(settings),
                                 warnings=list(previous.get("warnings", [])),
                                 ocr_documents=list(previous.get("ocr_documents", [])))
        resume = same and previous.get("state") == "building"
        embedder = Embedder.load(model)
        if not resume:
            ms.reset_collections(live, embedder.dim)
            manifest = b._manifest(embedder, tokenizer, wanted, corpus_dir, fingerprint, _Empty())
            manifest.update(state="building", backend="milvus", dense_backend="milvus-flat", warnings=[],
                            ocr_documents=[])
            ms.write_manifest(live, manifest)
        else:
            manifest = previous
        del embedder  # the workers load their own
        shares = _run_workers(corpus_dir, live, workers, progress) if workers > 1 else \
            [_work_share(corpus_dir, live, (0, 1), progress)]
        folded = ms.compact(live)
        manifest.update(ms.fit_dense_index(live, folded["passages"]))  # IVF_FLAT above 200k passages
        warnings = sorted({w for r in shares for w in r["warnings"]})
        errors = [e for r in shares for e in r["errors"]]
        ocr = sorted({s for r in shares for s in r["ocr_documents"]})
        manifest.update(state="built", documents=count_documents(live), chunks=folded["passages"],
                        warnings=warnings, ocr_documents=ocr, workers=workers,
                        shares=[{k: r[k] for k in ("share", "documents", "passages", "embedded", "skipped", "seconds",
                                                   "load_s", "passages_per_s")} for r in shares],
                        built_at=time.strftime("%Y-%m-%dT%H:%M:%S%z"))
        if manifest["documents"] == 0:
            raise b.BuildError(f"Không có văn bản đọc được trong {corpus_dir}; không tạo chỉ mục")
        client = ms.connect(live)
        client.delete(ms._names(live)["blobs"], filter='kind == "done"')
        ms.refresh_word_tables(live)
        ms.write_manifest(live, manifest)
    return b.BuildResult("built", manifest["documents"], manifest["chunks"], time.perf_counter() - started,
                         sum(r["embedded"] for r in shares), errors, _where(settings), warnings, ocr)


class _Empty:
    documents: ClassVar[dict] = {}
    chunks: ClassVar[list] = []


def share_of(source: str, workers: int) -> int:
    """The worker that owns a document: stable across runs and machines."""
    import hashlib

    return int.from_bytes(hashlib.sha1(source.encode("utf-8")).digest()[:4], "big") % workers


def _work_share(corpus_dir: Path, settings: MilvusSettings, share: tuple[int, int], progress: bool) -> dict[str, Any]:
    """Parse, embed and write this worker's documents that are not written yet (resume)."""
    b = _builder()
    from corpus import corpus_files, load_files
    from index.model import Embedder
    from index.tokenization import Tokenizer

    started = time.perf_counter()
    index, workers = share
    manifest = ms.read_manifest(settings) if ms.MilvusStore.exists(settings) else None
    if not manifest or manifest.get("state") != "building":
        raise b.BuildError(f"Không có lần xây nào đang chờ trong Milvus {settings.uri} ({settings.collection}); "
                           "chạy `index build --backend milvus --workers N`")
    files = corpus_files(corpus_dir)
    order = {path.name: float(i) for i, path in enumerate(files)}
    done = ms.done_sources(settings)
    mine = [p for p in files if share_of(p.name, workers) == index]
    todo = [p for p in mine if p.name not in done]
    result = {"share": f"{index}/{workers}", "documents": 0, "passages": 0, "embedded": 0,
              "skipped": len(mine) - len(todo), "errors": [], "warnings": [], "ocr_documents": []}
    embedder = Embedder.load(manifest["settings"]["model"]) if todo else None
    tokenizer = Tokenizer(**manifest["settings"]["tokenizer"])
    loaded_at = time.perf_counter()
    for start in range(0, len(todo), WORKER_BATCH):
        part = todo[start : start + WORKER_BATCH]
        loaded = load_files(part)
        result["errors"] += loaded.errors
        result["warnings"] += loaded.warnings
        if loaded.documents:
            store, embedded = b._assemble(loaded.documents, embedder, tokenizer, {}, progress, units=True)
            batch = ms.PassageBatch([(StoredDocument(d.record, d.text, d.root), order[d.record.source])
                                     for d in loaded.documents], list(store.chunks), list(store.tokens), store.vectors,
                                    store.unit_vectors)
            ms.write_passages(settings, batch, avgdl=_AVGDL_UNTIL_COMPACT, statistics=False)
            result["documents"] += len(loaded.documents)
            result["passages"] += len(store.chunks)
            result["embedded"] += embedded
            result["ocr_documents"] += [d.record.source for d in loaded.documents if getattr(d.record, "ocr", False)]
        ms.mark_done(settings, [p.name for p in part])  # unreadable files too: nothing to redo
    result["seconds"] = round(time.perf_counter() - started, 2)
    result["load_s"] = round(loaded_at - started, 2)  # model and segmenter load: once per worker
    result["passages_per_s"] = round(result["passages"] / max(time.perf_counter() - loaded_at, 1e-9), 2)
    return result


_AVGDL_UNTIL_COMPACT = 1.0  # sparse weights are rewritten by the compact that ends the build


def _run_workers(corpus_dir: Path, settings: MilvusSettings, workers: int, progress: bool) -> list[dict[str, Any]]:
    """Start the worker processes (this machine) and collect their JSON results."""
    import json
    import os
    import subprocess
    import sys

    b = _builder()
    env = {**os.environ, "HEALTHQA_BACKEND": "milvus", "HEALTHQA_MILVUS_URI": settings.uri,
           "HEALTHQA_MILVUS_TOKEN": settings.token, "HEALTHQA_MILVUS_COLLECTION": settings.collection}
    project = Path(__file__).resolve().parent.parent
    processes = [subprocess.Popen([sys.executable, "-m", "index", "build", "--backend", "milvus", "--corpus",
                                   str(Path(corpus_dir).resolve()), "--share", f"{i}/{workers}", "--json"],
                                  cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for i in range(workers)]
    results, failures = [], []
    for i, process in enumerate(processes):
        out, err = process.communicate()
        if process.returncode != 0:
            lines = [line for line in err.splitlines() if line.strip()]
            failures.append(f"worker {i}/{workers}: {lines[-1] if lines else process.returncode}")
            continue
        results.append(json.loads(out.strip().splitlines()[-1]))
    if failures:
        raise b.BuildError("; ".join(failures) + " — chạy lại lệnh build để tiếp tục (resume)")
    return results


@contextlib.contextmanager
def _served(settings: MilvusSettings, workers: int):
    """Several worker processes cannot open one Milvus Lite file: serve it on a loopback port for
    the build (the coordinator included), then close it."""
    if not settings.embedded or workers <= 1:
        yield settings
        return
    import socket
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from milvus_lite.server import Server

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    Path(settings.uri).parent.mkdir(parents=True, exist_ok=True)
    server = Server(settings.uri, address=f"127.0.0.1:{port}")
    if not server.start():
        raise BackendError(f"Không mở được {settings.uri} (đang được một tiến trình khác dùng?)")
    live = MilvusSettings(uri=f"http://127.0.0.1:{port}", token="", collection=settings.collection)
    try:
        ms.wait_until_serving(live)
        yield live
    finally:
        ms.disconnect(live)
        server.stop()


def write_store(store: IndexStore, settings: MilvusSettings) -> None:
    """Fresh collections holding `store` (its passages, tokens, vectors, documents, manifest)."""
    manifest = dict(store.manifest)
    nlist, nprobe = ms.dense_index_parameters(len(store.chunks))
    manifest.update(backend="milvus", **ms.dense_index_manifest(nlist, nprobe))
    ms.reset_collections(settings, int(store.vectors.shape[1]), nlist)
    batch = ms.PassageBatch([(d, float(i)) for i, d in enumerate(store.documents.values())],
                           list(store.chunks), list(store.tokens), store.vectors, store.unit_vectors)
    ms.write_passages(settings, batch, manifest=manifest)
    tables = store.word_tables
    ms.refresh_word_tables(settings, tables if set((tables or {}).get("documents", ())) == set(store.documents) else None)


def migrate(index_dir: Path, settings: MilvusSettings):
    """Copy the local index at `index_dir` into Milvus (replacing what the collection held)."""
    b = _builder()
    started = time.perf_counter()
    store = IndexStore.load(index_dir)
    with ms.writer_lock(settings):
        write_store(store, settings)
    return b.BuildResult("built", len(store.documents), len(store.chunks), time.perf_counter() - started,
                         0, [], _where(settings), list(store.manifest.get("warnings", [])),
                         list(store.manifest.get("ocr_documents", [])))


def add(paths: list[Path], settings: MilvusSettings, progress: bool):
    b = _builder()
    from index.model import Embedder
    from index.tokenization import Tokenizer

    started = time.perf_counter()
    with ms.writer_lock(settings):
        manifest = _manifest_or_error(settings)
        parsed, errors, warnings = b.parse_files(paths)
        embedder = Embedder.load(manifest["settings"]["model"])
        tokenizer = Tokenizer(**manifest["settings"]["tokenizer"])
        store, embedded = b._assemble(parsed, embedder, tokenizer, {}, progress, units=True)
        order = time.time()  # after every document already stored, in the order given
        batch = ms.PassageBatch([(StoredDocument(d.record, d.text, d.root), order + i / 1000)
                                 for i, d in enumerate(parsed)], list(store.chunks), list(store.tokens), store.vectors,
                                store.unit_vectors)
        counts = ms.write_passages(settings, batch, manifest=None)
        ms.refresh_word_tables(settings)  # counted over every document
        # appended, not rewritten: another writer's add at the same time is kept (a server has no lock)
        change = {"added": sorted({d.record.source for d in parsed}), "warnings": list(warnings),
                  "ocr_added": [d.record.source for d in parsed if getattr(d.record, "ocr", False)],
                  "documents": count_documents(settings), "chunks": counts["n"]}
        ms.append_manifest_change(settings, change)
        manifest = ms.apply_manifest_change(manifest, change)
    ocr_added = [d.record.source for d in parsed if getattr(d.record, "ocr", False)]
    return b.BuildResult("updated", manifest["documents"], manifest["chunks"], time.perf_counter() - started,
                         embedded, errors, _where(settings), warnings, ocr_added)


def remove(sources: list[str], settings: MilvusSettings):
    b = _builder()
    started = time.perf_counter()
    with ms.writer_lock(settings):
        manifest = _manifest_or_error(settings)
        rows = ms._rows_of_sources(ms.connect(settings), ms._names(settings), list(sources))
        present = {row["doc_id"]: row["source"] for row in rows}
        unknown = [s for s in sources if s not in set(present.values())]
        if unknown:
            raise b.BuildError(f"Không có trong chỉ mục: {', '.join(unknown)}")
        if len(present) >= count_documents(settings):
            raise b.BuildError("Không thể xoá mọi văn bản: chỉ mục sẽ rỗng")
        empty = ms.PassageBatch([], [], [], [])
        counts = ms.write_passages(settings, empty, removed_sources=sources)
        ms.refresh_word_tables(settings)
        change = {"removed": sorted(set(sources)), "documents": count_documents(settings), "chunks": counts["n"]}
        ms.append_manifest_change(settings, change)
        manifest = ms.apply_manifest_change(manifest, change)
    return b.BuildResult("updated", manifest["documents"], manifest["chunks"], time.perf_counter() - started,
                         index_path=_where(settings))


def info(settings: MilvusSettings) -> dict[str, Any]:
    manifest = _manifest_or_error(settings)
    stats = ms.read_statistics(ms.connect(settings), ms._names(settings))
    return {**manifest, **settings.describe(), "index_dir": _where(settings), "chunks": stats.n,
            "avgdl": round(stats.avgdl, 4)}


def count_documents(settings: MilvusSettings) -> int:
    names = ms._names(settings)
    rows = ms.connect(settings).query(names["blobs"], filter='kind == "document" and part == 0',
                                      output_fields=["count(*)"])
    return int(rows[0]["count(*)"]) if rows else 0


def _manifest_or_error(settings: MilvusSettings) -> dict[str, Any]:
    manifest = ms.read_manifest(settings) if ms.MilvusStore.exists(settings) else None
    if manifest is None:
        ms.MilvusStore.open(settings)  # the one-line "no index here" error
    return manifest


def _where(settings: MilvusSettings) -> str:
    return f"{settings.uri}#{settings.collection}"


def parsed_as_stored(documents: list[ParsedDocument]) -> list[StoredDocument]:
    return [StoredDocument(d.record, d.text, d.root) for d in documents]

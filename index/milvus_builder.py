"""``index build|add|remove|info|migrate`` on the Milvus backend (index.milvus_store).

A build parses, embeds and writes every passage into fresh collections; ``add`` / ``remove`` delete
and insert by ``source`` in place (nothing else is rewritten) and append their BM25 statistics
deltas; ``migrate`` copies a local index (its vectors included: nothing is embedded again).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from corpus import load_corpus
from corpus.model import ParsedDocument
from index import milvus_store as ms
from index.backends import MilvusSettings
from index.store import IndexStore, StoredDocument


def _builder():
    from index import builder

    return builder


def build(corpus_dir: Path, settings: MilvusSettings, model: str | None, rebuild: bool, progress: bool):
    b = _builder()
    started = time.perf_counter()
    from index.model import Embedder, requested_model_name
    from index.tokenization import Tokenizer

    fingerprint = b.corpus_fingerprint(corpus_dir)
    tokenizer = Tokenizer()
    model_name = requested_model_name(model)
    wanted = b.settings_for(model_name, tokenizer)
    with ms.writer_lock(settings):
        previous = ms.read_manifest(settings) if ms.MilvusStore.exists(settings) else None
        if (not rebuild and previous and previous.get("corpus_fingerprint") == fingerprint
                and previous.get("settings") == wanted):
            return b.BuildResult("up_to_date", previous["documents"], previous["chunks"],
                                 time.perf_counter() - started, index_path=_where(settings),
                                 warnings=list(previous.get("warnings", [])),
                                 ocr_documents=list(previous.get("ocr_documents", [])))
        loaded = load_corpus(corpus_dir)
        if not loaded.documents:
            raise b.BuildError(f"Không có văn bản đọc được trong {corpus_dir}; không tạo chỉ mục")
        embedder = Embedder.load(model)
        store, embedded = b._assemble(loaded.documents, embedder, tokenizer, {}, progress)
        ocr_documents = [d.record.source for d in loaded.documents if getattr(d.record, "ocr", False)]
        store.manifest.update(b._manifest(embedder, tokenizer, wanted, corpus_dir, fingerprint, store),
                              warnings=list(loaded.warnings), ocr_documents=ocr_documents)
        write_store(store, settings)
    return b.BuildResult("built", len(store.documents), len(store.chunks), time.perf_counter() - started,
                         embedded, loaded.errors, _where(settings), list(loaded.warnings), ocr_documents)


def write_store(store: IndexStore, settings: MilvusSettings) -> None:
    """Fresh collections holding `store` (its passages, tokens, vectors, documents, manifest)."""
    manifest = dict(store.manifest)
    manifest.update(backend="milvus", dense_backend="milvus-flat")
    ms.reset_collections(settings, int(store.vectors.shape[1]))
    batch = ms.PassageBatch([(d, float(i)) for i, d in enumerate(store.documents.values())],
                           list(store.chunks), list(store.tokens), store.vectors)
    ms.write_passages(settings, batch, manifest=manifest)


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
        store, embedded = b._assemble(parsed, embedder, tokenizer, {}, progress)
        order = time.time()  # after every document already stored, in the order given
        batch = ms.PassageBatch([(StoredDocument(d.record, d.text, d.root), order + i / 1000)
                                 for i, d in enumerate(parsed)], list(store.chunks), list(store.tokens), store.vectors)
        manifest = b.updated_manifest(manifest, parsed, warnings)
        counts = ms.write_passages(settings, batch, manifest=None)
        manifest.update(documents=count_documents(settings), chunks=counts["n"])
        ms.write_blob(ms.connect(settings), ms._names(settings)["blobs"], "manifest", "manifest", manifest)
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
        manifest["removed"] = sorted(set(manifest.get("removed", [])) | set(sources))
        manifest["added"] = sorted(set(manifest.get("added", [])) - set(sources))
        manifest.update(documents=count_documents(settings), chunks=counts["n"])
        ms.write_blob(ms.connect(settings), ms._names(settings)["blobs"], "manifest", "manifest", manifest)
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

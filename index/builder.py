"""Build, update and describe the index — the library behind ``python -m index``.

>>> from pathlib import Path
>>> result = build_index(Path("corpus/documents"), Path("/tmp/demo-index"))  # doctest: +SKIP
>>> result.status in {"built", "up_to_date"}  # doctest: +SKIP
True
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from corpus import load_corpus, parse_document
from corpus.chunking import MAX_TOKENS, TARGET_TOKENS
from corpus.citation_graph import build_citation_graph
from corpus.errors import UserError
from corpus.model import Chunk, ParsedDocument
from corpus.readers import SUPPORTED_SUFFIXES
from index.backends import backend_name, milvus_settings
from index.embedding_cache import EmbeddingCache, cache_enabled
from index.headers import header_text, headers_of
from index.model import Embedder, requested_model_name
from index.store import (
    IndexStore,
    IndexStoreError,
    StoredDocument,
    read_manifest,
    writer_lock,
)
from index.tokenization import Tokenizer
from index.unit_vectors import build_unit_vectors, vectors_by_hash
from index.word_tables import build_word_tables

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INDEX_DIR = PROJECT_ROOT / ".index"
# Bump when parsing, chunking or tokenization changes what an index contains.
PIPELINE_VERSION = "2026.12.7w"  # an appendix cited by the bare "PHỤ LỤC I" line above its own title ("DANH MỤC …"); before: gazette tables read as rows from the ruled grid of their PDF (w132); before: table rows: merged cells carried down, the last row cut before the page text after it, task numbers read as headings, a spanning running number keeps the empty last cell at the end (w125)


class BuildError(UserError):
    """One-line, user-facing build failure (nothing readable, bad paths…)."""


@dataclass
class BuildResult:
    status: str  # "built" | "up_to_date" | "updated"
    documents: int
    chunks: int
    seconds: float
    embedded: int = 0  # passages embedded now (the rest reused by content hash)
    errors: list[str] = field(default_factory=list)
    index_path: str = ""
    # Documents indexed with a caveat (OCR'd, pages without text, guessed encoding) or left
    # out with one (nothing readable after cleaning): one line each, naming the file.
    warnings: list[str] = field(default_factory=list)
    ocr_documents: list[str] = field(default_factory=list)  # sources whose text came (partly) from OCR
    units_embedded: int = 0  # answerer units embedded now (index.unit_vectors; the rest reused or cached)

    def to_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


def default_index_dir() -> Path:
    import os

    return Path(os.environ.get("HEALTHQA_INDEX") or DEFAULT_INDEX_DIR)


def corpus_fingerprint(corpus_dir: Path) -> str:
    """Content hash of every supported file (name + bytes), order-independent."""
    digest = hashlib.sha256()
    for path in sorted(p for p in Path(corpus_dir).iterdir() if _is_candidate(p)):
        digest.update(path.name.encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def settings_for(model_name: str, tokenizer: Tokenizer) -> dict[str, Any]:
    return {"model": model_name, "tokenizer": tokenizer.settings(), "pipeline_version": PIPELINE_VERSION}


def build_index(
    corpus_dir: Path,
    index_dir: Path,
    model: str | None = None,
    rebuild: bool = False,
    progress: bool = False,
    backend: str | None = None,
    workers: int = 1,
    share: tuple[int, int] | None = None,
) -> BuildResult:
    """Parse, chunk, embed and index ``corpus_dir``; a no-op when nothing changed."""
    corpus_dir, index_dir = Path(corpus_dir), Path(index_dir)
    if not corpus_dir.is_dir():
        raise BuildError(f"Không tìm thấy thư mục văn bản: {corpus_dir}")
    if backend_name(backend) == "milvus":
        from index import milvus_builder

        return milvus_builder.build(corpus_dir, milvus_settings(index_dir), model, rebuild, progress,
                                    workers=workers, share=share)
    if workers != 1 or share is not None:
        raise BuildError("--workers/--share chỉ dùng với --backend milvus")
    with writer_lock(index_dir):
        return _build_index(corpus_dir, index_dir, model, rebuild, progress)


def _build_index(corpus_dir: Path, index_dir: Path, model: str | None, rebuild: bool, progress: bool) -> BuildResult:
    started = time.perf_counter()
    fingerprint = corpus_fingerprint(corpus_dir)
    tokenizer = Tokenizer()
    model_name = requested_model_name(model)
    previous = _previous_manifest(index_dir)
    wanted = settings_for(model_name, tokenizer)
    if (
        not rebuild
        and previous
        and previous.get("corpus_fingerprint") == fingerprint
        and previous.get("settings") == wanted
    ):
        return BuildResult("up_to_date", previous["documents"], previous["chunks"], time.perf_counter() - started,
                           index_path=str(index_dir), warnings=list(previous.get("warnings", [])),
                           ocr_documents=list(previous.get("ocr_documents", [])))

    loaded = load_corpus(corpus_dir)
    if not loaded.documents:
        raise BuildError(f"Không có văn bản đọc được trong {corpus_dir}; không tạo chỉ mục")
    embedder = Embedder.load(model)
    reuse, verified, unit_reuse = _reusable_vectors(index_dir, model_name, embedder.passage_identity)
    store, embedded = _assemble(loaded.documents, embedder, tokenizer, reuse, progress, share_reused=verified,
                                unit_reuse=unit_reuse, units=True)
    ocr_documents = [d.record.source for d in loaded.documents if getattr(d.record, "ocr", False)]
    store.manifest.update(
        _manifest(embedder, tokenizer, wanted, corpus_dir, fingerprint, store),
        warnings=list(loaded.warnings), ocr_documents=ocr_documents,
    )
    path = store.save(index_dir)
    return BuildResult("built", len(store.documents), len(store.chunks), time.perf_counter() - started,
                       embedded, loaded.errors, str(path), list(loaded.warnings), ocr_documents,
                       units_embedded=_units_embedded(store))


def add_documents(paths: list[Path], index_dir: Path, progress: bool = False, backend: str | None = None) -> BuildResult:
    """Add (or replace, by file name) documents in an existing index (one writer at a time)."""
    if backend_name(backend) == "milvus":
        from index import milvus_builder

        return milvus_builder.add(paths, milvus_settings(index_dir), progress)
    with writer_lock(index_dir):
        return _add_documents(paths, Path(index_dir), progress)


def _add_documents(paths: list[Path], index_dir: Path, progress: bool) -> BuildResult:
    started = time.perf_counter()
    store = IndexStore.load(index_dir)
    parsed, errors, warnings = parse_files(paths)
    replaced = {d.record.source for d in parsed}
    kept = [_stored_as_parsed(store, doc_id) for doc_id, d in store.documents.items() if d.record.source not in replaced]
    embedder = Embedder.load(store.manifest["settings"]["model"])
    tokenizer = Tokenizer(**store.manifest["settings"]["tokenizer"])
    reuse = dict(zip((_content_hash(dense_input(c)) for c in store.chunks), store.vectors))
    verified = store.manifest.get("embedding_identity") == embedder.passage_identity
    new_store, embedded = _assemble(kept + parsed, embedder, tokenizer, reuse, progress, store, verified,
                                    unit_reuse=vectors_by_hash(store.unit_vectors) if verified else None, units=True)
    manifest = updated_manifest(store.manifest, parsed, warnings)
    manifest.update(_counts(new_store))
    new_store.manifest = manifest
    path = new_store.save(index_dir)
    ocr_added = [d.record.source for d in parsed if getattr(d.record, "ocr", False)]
    return BuildResult("updated", len(new_store.documents), len(new_store.chunks),
                       time.perf_counter() - started, embedded, errors, str(path), warnings, ocr_added,
                       units_embedded=_units_embedded(new_store))


def parse_files(paths: list[Path]) -> tuple[list[ParsedDocument], list[str], list[str]]:
    """Parsed documents, one-line errors, warnings; an error when nothing is readable."""
    errors, parsed, warnings = [], [], []
    for path in map(Path, paths):
        if not path.is_file():
            errors.append(f"{path}: không tìm thấy tệp")
            continue
        try:
            document = parse_document(path)
        except UserError as error:  # e.g. UnreadableDocument: one line, keep going
            errors.append(str(error).splitlines()[0])
            continue
        if not document.text.strip():
            errors.append(f"{path.name}: không có nội dung đọc được")
            continue
        warnings.extend(document.warnings)
        parsed.append(document)
    if not parsed:
        raise BuildError("; ".join(errors) or "Không có tệp nào để thêm")
    return parsed, errors, warnings


def updated_manifest(previous: dict[str, Any], parsed: list[ParsedDocument], warnings: list[str]) -> dict[str, Any]:
    """The manifest after adding (or replacing) `parsed`."""
    replaced = {d.record.source for d in parsed}
    manifest = dict(previous)
    manifest["added"] = sorted(set(manifest.get("added", [])) | replaced)
    manifest["removed"] = sorted(set(manifest.get("removed", [])) - replaced)
    ocr_added = [d.record.source for d in parsed if getattr(d.record, "ocr", False)]
    manifest["ocr_documents"] = sorted((set(manifest.get("ocr_documents", [])) - replaced) | set(ocr_added))
    manifest["warnings"] = [w for w in manifest.get("warnings", []) if w.split(":", 1)[0] not in replaced] + warnings
    return manifest


def remove_documents(sources: list[str], index_dir: Path, backend: str | None = None) -> BuildResult:
    """Remove documents by their ``source`` file name; unknown names are an error."""
    if backend_name(backend) == "milvus":
        from index import milvus_builder

        return milvus_builder.remove(sources, milvus_settings(index_dir))
    with writer_lock(index_dir):
        return _remove_documents(sources, Path(index_dir))


def _remove_documents(sources: list[str], index_dir: Path) -> BuildResult:
    started = time.perf_counter()
    store = IndexStore.load(index_dir)
    present = {d.record.source for d in store.documents.values()}
    unknown = [s for s in sources if s not in present]
    if unknown:
        raise BuildError(f"Không có trong chỉ mục: {', '.join(unknown)}")
    if set(sources) >= present:
        raise BuildError("Không thể xoá mọi văn bản: chỉ mục sẽ rỗng")
    keep_rows = [i for i, c in enumerate(store.chunks) if c.source not in sources]
    documents = {k: d for k, d in store.documents.items() if d.record.source not in sources}
    new_store = IndexStore.create(
        dict(store.manifest),
        documents,
        [store.chunks[i] for i in keep_rows],
        [store.tokens[i] for i in keep_rows],
        np.asarray(store.vectors)[keep_rows],
        build_citation_graph([d.record for d in documents.values()]),
        headers_of([d.record for d in documents.values()], Tokenizer(**store.manifest["settings"]["tokenizer"]),
                   _known_headers(store)),
        build_word_tables({doc_id: d.text for doc_id, d in documents.items()}),
        _kept_unit_vectors(store.unit_vectors, documents),
    )
    new_store.manifest["removed"] = sorted(set(store.manifest.get("removed", [])) | set(sources))
    new_store.manifest["added"] = sorted(set(store.manifest.get("added", [])) - set(sources))
    new_store.manifest.update(_counts(new_store))
    path = new_store.save(index_dir)
    return BuildResult("updated", len(documents), len(new_store.chunks), time.perf_counter() - started,
                       index_path=str(path))


def index_info(index_dir: Path, backend: str | None = None) -> dict[str, Any]:
    """The manifest, with the backend and where it points (folder, or Milvus URI and collection)."""
    if backend_name(backend) == "milvus":
        from index import milvus_builder

        return milvus_builder.info(milvus_settings(index_dir))
    manifest = read_manifest(index_dir)
    manifest["index_dir"] = str(index_dir)
    manifest["backend"] = "local"
    return manifest


def migrate_index(index_dir: Path) -> BuildResult:
    """Copy the local index at `index_dir` into Milvus (HEALTHQA_MILVUS_URI / _COLLECTION)."""
    from index import milvus_builder

    return milvus_builder.migrate(Path(index_dir), milvus_settings(index_dir))


def dense_input(chunk: Chunk) -> str:
    """What the embedding model reads: the passage alone.

    BM25 indexes ``chunk.context`` (document title + heading path + text), where the
    extra words add matches.  For the embedding, a shared title pulls every passage of
    a document towards the same vector: on the dev set, dense MRR@10 was 0.683 with the
    context, 0.740 with heading + text and 0.767 with the text alone.
    """
    return chunk.text


# ------------------------------------------------------------------ internals
def _assemble(documents: list[ParsedDocument], embedder: Embedder, tokenizer: Tokenizer,
              reuse: dict[str, np.ndarray], progress: bool, base: IndexStore | None = None,
              share_reused: bool = False, unit_reuse: dict[str, np.ndarray] | None = None, units: bool = False):
    """Chunks, tokens and vectors of `documents` as a new store. A passage's vector comes from
    `reuse` (the previous version), else from the shared embedding cache, else is embedded now
    (and added to the cache). `share_reused`: `reuse` is known to come from this very embedder
    (its manifest records the same identity), so those vectors may be added to the cache too.
    With `units`, the answerer's unit vectors (index.unit_vectors) too, likewise from `unit_reuse`, the
    cache, or embedded now (saved by the local store and by Milvus)."""
    chunks = [chunk for document in documents for chunk in document.chunks]
    passages = [dense_input(chunk) for chunk in chunks]
    old_tokens = dict(zip((c.chunk_id + _content_hash(c.context) for c in base.chunks), base.tokens)) if base else {}
    tokens = [old_tokens.get(c.chunk_id + _content_hash(c.context)) or tokenizer.passage_tokens(c.context)
              for c in _progress(chunks, progress, "Tách từ")]
    hashes = [_content_hash(text) for text in passages]
    known = dict(reuse)
    cache = _open_embedding_cache(embedder)
    try:
        if cache is not None:
            known.update(cache.get(h for h in hashes if h not in known))
        missing = [i for i, h in enumerate(hashes) if h not in known]
        vectors = np.zeros((len(chunks), embedder.dim), dtype=np.float32)
        if missing:
            fresh = embedder.encode_passages([passages[i] for i in missing], show_progress=progress)
            vectors[missing] = fresh
            if cache is not None:  # every new vector, before the index that uses it is written
                cache.put({hashes[i]: vectors[i] for i in missing})
        for i, h in enumerate(hashes):
            if h in known:
                vectors[i] = known[h]
        if cache is not None and share_reused and reuse:  # an older version's vectors become shareable
            wanted = set(hashes)
            cache.put({h: v for h, v in reuse.items() if h in wanted})
        stored = {d.record.doc_id: StoredDocument(d.record, d.text, d.root) for d in documents}
        store = IndexStore.create({}, stored, chunks, tokens, vectors,
                                  build_citation_graph([d.record for d in documents]),
                                  headers_of([d.record for d in documents], tokenizer, _known_headers(base)),
                                  build_word_tables({d.record.doc_id: d.text for d in documents}))
        if units:
            store.unit_vectors = build_unit_vectors(store, embedder, cache, unit_reuse, progress)
    finally:
        if cache is not None:
            cache.close()
    return store, len(missing)


def _units_embedded(store: IndexStore) -> int:
    return int((store.unit_vectors or {}).get("embedded_now", 0))


def _kept_unit_vectors(table: dict[str, Any] | None, documents) -> dict[str, Any] | None:
    """The unit table of an index after documents were removed: the units of the kept ``documents``."""
    if not table:
        return None
    kept = sorted(documents)
    position = {d: i for i, d in enumerate(kept)}
    names = table["documents"]
    units = [[position[names[d]], s, e, r] for d, s, e, r in table["units"] if names[d] in position]
    return {**table, "documents": kept, "units": units, "embedded_now": 0}


def _known_headers(store: IndexStore | None) -> dict[str, tuple[str, list[str]]]:
    """(header text, tokens) by doc_id from an earlier version, for headers_of to reuse."""
    if store is None or store.headers is None:
        return {}
    return {doc_id: (header_text(d.record), store.headers[doc_id]) for doc_id, d in store.documents.items()
            if doc_id in store.headers}


def _open_embedding_cache(embedder: Embedder) -> EmbeddingCache | None:
    """The shared cache of this embedder's passage vectors; None when switched off or unusable
    (a read-only or full cache folder must not stop a build: it only costs re-embedding)."""
    if not cache_enabled():
        return None
    try:
        return EmbeddingCache.open(embedder.passage_identity, embedder.dim)
    except (OSError, ValueError, sqlite3.Error) as error:
        import logging

        logging.getLogger(__name__).warning("embedding cache unavailable (%s); passages are embedded anew", error)
        return None


def _manifest(embedder, tokenizer, settings, corpus_dir, fingerprint, store) -> dict[str, Any]:
    return {
        "settings": settings,
        "model": embedder.name,
        "embedding_identity": embedder.passage_identity,
        "dimensions": embedder.dim,
        "corpus_dir": str(Path(corpus_dir).resolve()),
        "corpus_fingerprint": fingerprint,
        "chunking": {"max_tokens": MAX_TOKENS, "target_tokens": TARGET_TOKENS},
        "versions": {pkg: _version(pkg) for pkg in ("faiss-cpu", "bm25s", "underthesea", "sentence-transformers")},
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "added": [],
        "removed": [],
        **_counts(store),
    }


def _counts(store: IndexStore) -> dict[str, int]:
    return {"documents": len(store.documents), "chunks": len(store.chunks)}


def _stored_as_parsed(store: IndexStore, doc_id: str) -> ParsedDocument:
    stored = store.documents[doc_id]
    chunks = [c for c in store.chunks if c.doc_id == doc_id]
    return ParsedDocument(stored.record, stored.text, stored.root, chunks)


def _reusable_vectors(index_dir: Path, model_name: str,
                      identity: str) -> tuple[dict[str, np.ndarray], bool, dict[str, np.ndarray]]:
    """Vectors of the live index by passage hash, when it was built with the same model; whether its
    manifest records the same embedding identity (older indexes do not record it); and its unit vectors
    by unit text hash (only when it records that identity)."""
    try:
        store = IndexStore.load(index_dir)
    except IndexStoreError:
        return {}, False, {}
    settings = store.manifest.get("settings", {})
    # Vectors are only reusable if the same model embedded the same kind of input.
    if settings.get("model") != model_name or settings.get("pipeline_version") != PIPELINE_VERSION:
        return {}, False, {}
    recorded = store.manifest.get("embedding_identity")
    if recorded is not None and recorded != identity:  # same name, other weights or precision
        return {}, False, {}
    vectors = dict(zip((_content_hash(dense_input(c)) for c in store.chunks), np.asarray(store.vectors)))
    units = vectors_by_hash(store.unit_vectors) if recorded == identity else {}
    return vectors, recorded == identity, units


def _previous_manifest(index_dir: Path) -> dict[str, Any] | None:
    try:
        return read_manifest(index_dir)
    except IndexStoreError:
        return None



def _content_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _is_candidate(path: Path) -> bool:
    return path.is_file() and not path.name.startswith(".") and path.suffix.lower() in SUPPORTED_SUFFIXES


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def _progress(items, enabled: bool, description: str):
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=description, leave=False)

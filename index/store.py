"""On-disk index: one self-contained version folder, switched atomically.

Layout of ``INDEX_DIR``::

    CURRENT                 name of the live version folder (replaced atomically)
    v-<time>-<pid>/
        manifest.json       model, dimensions, corpus fingerprint, chunking, versions
        documents.jsonl     per document: record, cleaned text, structure tree
        chunks.jsonl        passages with offsets and heading paths
        tokens.jsonl        BM25 tokens per passage (so add/remove never re-segments)
        vectors.npy         passage embeddings, row-aligned with chunks
        dense.faiss         FAISS index over the vectors
        bm25/               bm25s index
        citations.json      citation graph (corpus.citation_graph)
        headers.jsonl       BM25 tokens of each document's header (index.headers; manifest
                            "headers_version"; older indexes lack it and still load)
        word_tables.json    words, pairs, topics and document frequencies abstention reads
                            (index.word_tables; manifest "word_tables_version"; optional likewise)
        unit_vectors.npy    embeddings of the answerer's units, and unit_vectors.json: which unit
                            each row is (index.unit_vectors; manifest "unit_vectors_version"; optional)

A build writes a new version folder completely, then replaces ``CURRENT``; a
build killed at any point leaves the previous version live.

Writers (build, add, remove) hold ``writer_lock`` (an ``fcntl`` lock on ``INDEX_DIR/.lock``) from
reading the live version to switching ``CURRENT``, so two ``index add`` at once run one after the
other and neither drops the other's document. A writer stages into ``.v-….-p<pid>.partial``; when
it finishes it deletes its own staging folder, superseded versions, and only those staging folders
whose writer process is gone (a killed build) — never a live writer's.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from corpus.errors import UserError
from corpus.model import ActReference, Chunk, DocumentRecord, Node
from index.ann import FaissVectorIndex, create_vector_index
from index.bm25 import BM25Index
from index.headers import HEADERS_FILE, HEADERS_VERSION
from index.unit_vectors import (
    UNIT_VECTORS_VERSION,
    read_unit_vectors,
    table_matches,
    write_unit_vectors,
)
from index.word_tables import (
    WORD_TABLES_FILE,
    WORD_TABLES_VERSION,
    read_word_tables,
    write_word_tables,
)

FORMAT_VERSION = 1


class IndexStoreError(UserError):
    """A one-line, user-facing problem with an index folder."""


@dataclass
class StoredDocument:
    record: DocumentRecord
    text: str
    root: Node


@dataclass
class IndexStore:
    manifest: dict[str, Any]
    documents: dict[str, StoredDocument]  # by doc_id
    chunks: list[Chunk]
    tokens: list[list[str]]
    vectors: np.ndarray
    bm25: BM25Index
    dense: FaissVectorIndex
    citations: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None
    # Header tokens by doc_id (index.headers), or None: an index saved without them (built at load).
    headers: dict[str, list[str]] | None = None
    # Abstention's word tables (index.word_tables), or None: an index saved without them (counted at load).
    word_tables: dict[str, Any] | None = None
    # The answerer's unit embeddings (index.unit_vectors), or None: an index saved without them.
    unit_vectors: dict[str, Any] | None = None

    @classmethod
    def create(cls, manifest, documents, chunks, tokens, vectors, citations,
               headers: dict[str, list[str]] | None = None,
               word_tables: dict[str, Any] | None = None,
               unit_vectors: dict[str, Any] | None = None) -> IndexStore:
        """Derive the BM25 and FAISS indexes from passages, tokens and vectors."""
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(chunks), -1)
        return cls(
            manifest=manifest,
            documents=documents,
            chunks=chunks,
            tokens=tokens,
            vectors=vectors,
            bm25=BM25Index.build(tokens),
            dense=create_vector_index(vectors),
            citations=citations,
            headers=headers,
            word_tables=word_tables,
            unit_vectors=unit_vectors,
        )

    def retrieval(self, rows_by_document: dict[str, list[int]]):
        """The query interface over this store (index.backends.LocalRetrieval)."""
        from index.backends import LocalRetrieval

        return LocalRetrieval(self, rows_by_document)

    # ---------------------------------------------------------------- saving
    def save(self, index_dir: Path) -> Path:
        index_dir = Path(index_dir)
        index_dir.mkdir(parents=True, exist_ok=True)
        version = f"v-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}"
        staging = index_dir / f".{version}-p{os.getpid()}.partial"
        staging.mkdir()
        try:
            self._write(staging)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)  # our own staging only
            raise
        staging.rename(index_dir / version)
        _replace_text(index_dir / "CURRENT", version)
        _remove_old_versions(index_dir, keep=version)
        self.path = index_dir / version
        return self.path

    def _write(self, staging: Path) -> None:
        self.manifest["dense_backend"] = self.dense.kind
        self.manifest["format_version"] = FORMAT_VERSION
        with_headers = self.headers is not None and set(self.headers) == set(self.documents)
        if with_headers:
            self.manifest["headers_version"] = HEADERS_VERSION
        else:
            self.manifest.pop("headers_version", None)
        with_tables = self.word_tables is not None and set(self.word_tables.get("documents", ())) == set(self.documents)
        if with_tables:
            self.manifest["word_tables_version"] = WORD_TABLES_VERSION
        else:
            self.manifest.pop("word_tables_version", None)
        with_units = table_matches(self.unit_vectors, self.documents)
        if with_units:
            self.manifest["unit_vectors_version"] = UNIT_VECTORS_VERSION
        else:
            self.manifest.pop("unit_vectors_version", None)
        _write_json(staging / "manifest.json", self.manifest)
        _write_jsonl(
            staging / "documents.jsonl",
            (
                {"record": d.record.to_dict(), "text": d.text, "root": d.root.to_dict()}
                for d in self.documents.values()
            ),
        )
        _write_jsonl(staging / "chunks.jsonl", (c.to_dict() for c in self.chunks))
        _write_jsonl(staging / "tokens.jsonl", self.tokens)
        np.save(staging / "vectors.npy", self.vectors)
        self.dense.save(staging / "dense.faiss")
        self.bm25.save(staging / "bm25")
        _write_json(staging / "citations.json", self.citations)
        if with_headers:
            _write_jsonl(staging / HEADERS_FILE, ({"doc_id": d, "tokens": self.headers[d]} for d in self.documents))
        if with_tables:
            write_word_tables(staging / WORD_TABLES_FILE, self.word_tables)
        if with_units:
            write_unit_vectors(staging, self.unit_vectors)
        _fsync_tree(staging)

    # --------------------------------------------------------------- loading
    @classmethod
    def load(cls, index_dir: Path) -> IndexStore:
        index_dir = Path(index_dir)
        version_dir = current_version(index_dir)
        try:
            manifest = json.loads((version_dir / "manifest.json").read_text("utf-8"))
            if manifest.get("format_version") != FORMAT_VERSION:
                raise IndexStoreError(
                    f"Chỉ mục {index_dir} có định dạng cũ (format {manifest.get('format_version')}); "
                    "chạy lại `python -m index build --rebuild`"
                )
            documents = {}
            for row in _read_jsonl(version_dir / "documents.jsonl"):
                record = _record_from_dict(row["record"])
                documents[record.doc_id] = StoredDocument(record, row["text"], _node_from_dict(row["root"]))
            chunks = [Chunk(**row) for row in _read_jsonl(version_dir / "chunks.jsonl")]
            tokens = list(_read_jsonl(version_dir / "tokens.jsonl"))
            vectors = np.load(version_dir / "vectors.npy", mmap_mode="r")
            dense = FaissVectorIndex.load(version_dir / "dense.faiss", manifest["dense_backend"])
            bm25 = BM25Index.load(version_dir / "bm25", len(chunks))
            citations = json.loads((version_dir / "citations.json").read_text("utf-8"))
            headers = _read_headers(version_dir, manifest, documents)
            word_tables = read_word_tables(version_dir, manifest, documents)
            unit_vectors = read_unit_vectors(version_dir, manifest, documents)
        except IndexStoreError:
            raise
        except (OSError, ValueError, KeyError, TypeError, RuntimeError) as error:
            raise IndexStoreError(
                f"Chỉ mục {index_dir} bị hỏng hoặc không đọc được ({type(error).__name__}: "
                f"{str(error).splitlines()[0] if str(error) else ''}); chạy `python -m index build --rebuild`"
            ) from None
        if not (len(chunks) == len(tokens) == vectors.shape[0] == dense.size):
            raise IndexStoreError(f"Chỉ mục {index_dir} không nhất quán; chạy `python -m index build --rebuild`")
        return cls(manifest, documents, chunks, tokens, vectors, bm25, dense, citations, version_dir, headers,
                   word_tables, unit_vectors)


def _read_headers(version_dir: Path, manifest: dict[str, Any], documents: dict) -> dict[str, list[str]] | None:
    """The saved header tokens; None when the index has none, of another version, or not of these documents."""
    path = version_dir / HEADERS_FILE
    if manifest.get("headers_version") != HEADERS_VERSION or not path.is_file():
        return None
    headers = {row["doc_id"]: row["tokens"] for row in _read_jsonl(path)}
    return headers if set(headers) == set(documents) else None


@contextlib.contextmanager
def writer_lock(index_dir: Path):
    """Exclusive right to change ``index_dir`` (blocks until the writer before has finished).

    An ``fcntl.flock`` on ``index_dir/.lock``: released by the kernel when its holder exits or is
    killed, and exclusive between threads of one process too (each call opens the file anew).
    Local file systems only (NFS locks are not reliable)."""
    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / ".lock", "a+") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def current_version(index_dir: Path) -> Path:
    pointer = Path(index_dir) / "CURRENT"
    if not pointer.is_file():
        raise IndexStoreError(f"Chưa có chỉ mục tại {index_dir}; chạy `python -m index build` trước")
    version_dir = Path(index_dir) / pointer.read_text("utf-8").strip()
    if not version_dir.is_dir():
        raise IndexStoreError(f"Chỉ mục {index_dir} bị hỏng (thiếu {version_dir.name}); chạy `python -m index build --rebuild`")
    return version_dir


def read_manifest(index_dir: Path) -> dict[str, Any]:
    try:
        return json.loads((current_version(index_dir) / "manifest.json").read_text("utf-8"))
    except (OSError, ValueError) as error:
        raise IndexStoreError(f"Không đọc được manifest của chỉ mục {index_dir}: {error}") from None


# ------------------------------------------------------------------ helpers
def _record_from_dict(data: dict) -> DocumentRecord:
    data = dict(data)
    data["cites"] = [ActReference(**c) for c in data.get("cites", [])]
    return DocumentRecord(**data)


def _node_from_dict(data: dict) -> Node:
    data = dict(data)
    data["children"] = [_node_from_dict(c) for c in data.get("children", [])]
    return Node(**data)


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")


def _write_jsonl(path: Path, rows) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _read_jsonl(path: Path):
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def _replace_text(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w", encoding="utf-8") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)


def _fsync_tree(directory: Path) -> None:
    for file in directory.rglob("*"):
        if file.is_file():
            with file.open("rb") as handle:
                os.fsync(handle.fileno())


_STAGING = re.compile(r"^\.v-.*-p(\d+)\.partial$")


def _remove_old_versions(index_dir: Path, keep: str) -> None:
    """Delete superseded versions and the staging folders of writers that died (never a live one's)."""
    for entry in index_dir.iterdir():
        if not entry.is_dir() or entry.name == keep:
            continue
        staging = _STAGING.match(entry.name)
        if entry.name.startswith("v-") or (staging and not _process_alive(int(staging.group(1)))):
            shutil.rmtree(entry, ignore_errors=True)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True

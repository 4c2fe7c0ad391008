"""Index build/add/remove/info with the real model, underthesea and FAISS."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from conftest import BUNDLED_CORPUS, assert_one_line_error, run_module

from corpus.errors import UserError
from index.ann import create_vector_index
from index.builder import (
    BuildError,
    add_documents,
    build_index,
    index_info,
    remove_documents,
)
from index.store import IndexStore, IndexStoreError

EXTRA_LETTER = """ỦY BAN NHÂN DÂN
HUYỆN MINH LONG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 77/UBND-VX
V/v tăng cường tiêm chủng mở rộng cho trẻ em
Minh Long, ngày 03 tháng 4 năm 2025
Kính gửi: Trung tâm Y tế huyện.
1. Trung tâm Y tế huyện chủ trì tổ chức tiêm chủng mở rộng tại 12 xã trong quý II năm 2025.
2. Phòng Y tế theo dõi, tổng hợp kết quả.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Phạm Văn Tâm
"""


@pytest.fixture()
def small_corpus(tmp_path) -> Path:
    corpus = tmp_path / "docs"
    corpus.mkdir()
    for name in ("003_8ae1782fa38d7235.txt", "004_768688dd1bbbcb02.txt"):
        shutil.copy(BUNDLED_CORPUS / name, corpus / name)
    return corpus


def test_bundled_index_manifest(bundled_index):
    info = index_info(bundled_index)
    assert info["model"] == "intfloat/multilingual-e5-small"
    assert info["dimensions"] == 384
    assert info["documents"] == 5 and info["chunks"] > 20
    assert info["dense_backend"] == "flat"
    assert set(info["versions"]) >= {"faiss-cpu", "bm25s", "underthesea", "sentence-transformers"}
    assert len(info["corpus_fingerprint"]) == 64


def test_rebuild_is_skipped_when_nothing_changed_and_done_when_a_file_changes(small_corpus, tmp_path):
    index_dir = tmp_path / "index"
    first = build_index(small_corpus, index_dir)
    assert first.status == "built" and first.embedded == first.chunks
    assert build_index(small_corpus, index_dir).status == "up_to_date"
    (small_corpus / "extra.txt").write_text(EXTRA_LETTER, encoding="utf-8")
    third = build_index(small_corpus, index_dir)
    assert third.status == "built" and third.documents == 3
    assert 0 < third.embedded < third.chunks  # unchanged passages reuse their vectors


def test_add_and_remove_documents(small_corpus, tmp_path):
    index_dir = tmp_path / "index"
    build_index(small_corpus, index_dir)
    extra = tmp_path / "extra.txt"
    extra.write_text(EXTRA_LETTER, encoding="utf-8")
    added = add_documents([extra], index_dir)
    assert added.documents == 3
    store = IndexStore.load(index_dir)
    assert "extra.txt" in {d.record.source for d in store.documents.values()}
    assert index_info(index_dir)["added"] == ["extra.txt"]

    removed = remove_documents(["004_768688dd1bbbcb02.txt"], index_dir)
    assert removed.documents == 2
    store = IndexStore.load(index_dir)
    assert {c.source for c in store.chunks} == {"003_8ae1782fa38d7235.txt", "extra.txt"}
    assert store.dense.size == len(store.chunks) == store.vectors.shape[0]
    with pytest.raises(BuildError, match="Không có trong chỉ mục"):
        remove_documents(["nope.txt"], index_dir)


def test_header_tokens_follow_add_and_remove(small_corpus, tmp_path):
    """Every version holds the header tokens of exactly its documents, as a fresh tokenization gives them."""
    from index.headers import HEADERS_VERSION, header_tokens
    from index.tokenization import Tokenizer

    index_dir = tmp_path / "index"
    build_index(small_corpus, index_dir)
    extra = tmp_path / "extra.txt"
    extra.write_text(EXTRA_LETTER, encoding="utf-8")
    add_documents([extra], index_dir)
    remove_documents(["004_768688dd1bbbcb02.txt"], index_dir)
    store = IndexStore.load(index_dir)
    tokenizer = Tokenizer(**store.manifest["settings"]["tokenizer"])
    assert store.manifest["headers_version"] == HEADERS_VERSION
    assert store.headers == {doc_id: header_tokens(d.record, tokenizer) for doc_id, d in store.documents.items()}


def test_a_killed_build_leaves_the_previous_index_usable(small_corpus, tmp_path, monkeypatch):
    index_dir = tmp_path / "index"
    build_index(small_corpus, index_dir)
    before = IndexStore.load(index_dir)

    def die(*args, **kwargs):
        raise KeyboardInterrupt("killed while writing")

    monkeypatch.setattr("index.store.np.save", die)  # dies halfway through writing the new version
    (small_corpus / "extra.txt").write_text(EXTRA_LETTER, encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        build_index(small_corpus, index_dir)
    monkeypatch.undo()
    after = IndexStore.load(index_dir)
    assert len(after.chunks) == len(before.chunks)
    assert build_index(small_corpus, index_dir).status == "built"  # and the next build cleans up


def test_empty_or_binary_corpus_is_an_error(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(BuildError):
        build_index(empty, tmp_path / "i1")
    binary = tmp_path / "binary"
    binary.mkdir()
    (binary / "scan.txt").write_bytes(bytes(range(256)) * 40)
    with pytest.raises(BuildError):
        build_index(binary, tmp_path / "i2")
    assert not (tmp_path / "i2" / "CURRENT").exists()


def test_missing_and_corrupted_index_give_one_line_errors(bundled_index, tmp_path):
    with pytest.raises(IndexStoreError, match="Chưa có chỉ mục"):
        IndexStore.load(tmp_path / "nowhere")
    broken = tmp_path / "broken"
    shutil.copytree(bundled_index, broken)
    version = (broken / "CURRENT").read_text().strip()
    (broken / version / "chunks.jsonl").write_text("{not json", encoding="utf-8")
    with pytest.raises(IndexStoreError) as error:
        IndexStore.load(broken)
    assert "\n" not in str(error.value)
    assert isinstance(error.value, UserError)


def test_index_refuses_another_model(bundled_index):
    from retriever.search import HybridSearcher

    with pytest.raises(IndexStoreError, match="mô hình"):
        HybridSearcher.load(bundled_index, model="some/other-model")


def test_vector_backend_switches_to_ivf_above_the_threshold():
    rng = np.random.default_rng(1)
    vectors = rng.standard_normal((3000, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index = create_vector_index(vectors, approximate_above=1000)
    assert index.kind == "ivf"
    ids, _scores = index.search(vectors[:5], k=3)
    assert (ids[:, 0] == np.arange(5)).mean() >= 0.8
    allowed = np.arange(100, 200)
    ids, _ = index.search(vectors[:1], k=5, allowed=allowed)
    assert all(i in allowed for i in ids[0] if i >= 0)


def test_cli_build_info_and_errors(small_corpus, tmp_path):
    index_dir = tmp_path / "cli-index"
    built = run_module("index", "build", "--corpus", str(small_corpus), "--index", str(index_dir), "--json")
    assert built.returncode == 0, built.stderr
    assert json.loads(built.stdout)["status"] == "built"
    assert "%|" not in built.stderr  # no progress bars in --json mode
    info = run_module("index", "info", "--index", str(index_dir), "--json")
    assert json.loads(info.stdout)["documents"] == 2
    described = run_module("index", "info", "--index", str(index_dir))
    assert "Kèm theo:" in described.stdout and "bảng từ cho từ chối" in described.stdout
    assert_one_line_error(run_module("index", "info", "--index", str(tmp_path / "missing")))
    assert_one_line_error(run_module("index", "build", "--corpus", str(tmp_path / "missing"), "--index", str(index_dir)))
    assert_one_line_error(run_module("index", "remove", "nope.txt", "--index", str(index_dir)))


def test_vectors_are_not_reused_across_pipeline_versions(small_corpus, tmp_path, monkeypatch):
    """A pipeline change may change what is embedded: the old vectors must not be reused."""
    index_dir = tmp_path / "index"
    first = build_index(small_corpus, index_dir)
    monkeypatch.setattr("index.builder.PIPELINE_VERSION", "test-next-version")
    second = build_index(small_corpus, index_dir)
    assert second.status == "built" and second.embedded == second.chunks == first.chunks


def test_build_log_is_quiet(small_corpus, tmp_path):
    built = run_module("index", "build", "--corpus", str(small_corpus), "--index", str(tmp_path / "i"))
    assert built.returncode == 0, built.stderr
    assert "Building index" not in built.stderr  # bm25s' own log line


def _second_letter() -> str:
    return (EXTRA_LETTER.replace("MINH LONG", "SƠN HÀ").replace("Minh Long", "Sơn Hà")
            .replace("77/UBND-VX", "78/UBND-VX").replace("tiêm chủng mở rộng", "phòng chống sốt xuất huyết"))


def _at_once(*actions):
    """Run the actions in threads released together; re-raise the first failure."""
    import threading

    barrier = threading.Barrier(len(actions))
    results, errors = [None] * len(actions), []

    def run(i, action):
        barrier.wait()
        try:
            results[i] = action()
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results


def test_two_adds_at_once_both_land(small_corpus, tmp_path):
    index_dir = tmp_path / "index"
    build_index(small_corpus, index_dir)
    first, second = tmp_path / "extra1.txt", tmp_path / "extra2.txt"
    first.write_text(EXTRA_LETTER, encoding="utf-8")
    second.write_text(_second_letter(), encoding="utf-8")
    results = _at_once(lambda: add_documents([first], index_dir), lambda: add_documents([second], index_dir))
    assert sorted(r.documents for r in results) == [3, 4]  # the second writer saw the first's document
    store = IndexStore.load(index_dir)
    assert {"extra1.txt", "extra2.txt"} <= {d.record.source for d in store.documents.values()}
    assert index_info(index_dir)["added"] == ["extra1.txt", "extra2.txt"]
    assert not list(index_dir.glob(".*.partial")) and len(list(index_dir.glob("v-*"))) == 1


def test_two_builds_at_once_leave_one_complete_index(small_corpus, tmp_path):
    index_dir = tmp_path / "index"
    other = tmp_path / "other"
    other.mkdir()
    (other / "extra1.txt").write_text(EXTRA_LETTER, encoding="utf-8")
    (other / "extra2.txt").write_text(_second_letter(), encoding="utf-8")
    results = _at_once(lambda: build_index(small_corpus, index_dir), lambda: build_index(other, index_dir))
    assert [r.status for r in results] == ["built", "built"]
    store = IndexStore.load(index_dir)  # the last writer's, complete
    sources = {d.record.source for d in store.documents.values()}
    assert sources in ({"extra1.txt", "extra2.txt"}, set(small_corpus_names(small_corpus)))
    assert store.dense.size == len(store.chunks)
    assert not list(index_dir.glob(".*.partial")) and len(list(index_dir.glob("v-*"))) == 1


def small_corpus_names(corpus: Path) -> list[str]:
    return [p.name for p in corpus.iterdir()]


def test_a_finishing_build_deletes_only_dead_writers_staging(small_corpus, tmp_path):
    import os
    import subprocess
    import sys

    index_dir = tmp_path / "index"
    index_dir.mkdir()
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True)
    dead = index_dir / f".v-20260101-000000-deadbeef-p{int(gone.stdout)}.partial"
    live = index_dir / f".v-20260101-000000-cafecafe-p{os.getppid()}.partial"  # a writer still running
    dead.mkdir()
    live.mkdir()
    build_index(small_corpus, index_dir)
    assert live.is_dir() and not dead.exists()

"""The shared embedding cache (index/embedding_cache.py): append-only, safe for concurrent
readers, keyed by embedding identity; used by index builds so another index folder over the
same passages embeds nothing again. Real SQLite, real model, real builds."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from index.embedding_cache import EmbeddingCache
from test_index import EXTRA_LETTER, small_corpus  # noqa: F401 - the same two-letter corpus

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _vector(seed: int, dim: int = 8) -> np.ndarray:
    return np.random.default_rng(seed).normal(size=dim).astype(np.float32)


def test_put_get_round_trip_and_rows_are_never_replaced(tmp_path):
    with EmbeddingCache.open("model-a", dim=8, folder=tmp_path) as cache:
        assert cache.put({"h1": _vector(1), "h2": _vector(2)}) == 2
        assert cache.put({"h1": _vector(99), "h3": _vector(3)}) == 1  # h1 kept as first written
        found = cache.get(["h1", "h2", "h3", "absent"])
        assert set(found) == {"h1", "h2", "h3"} and len(cache) == 3
        np.testing.assert_array_equal(found["h1"], _vector(1))
        assert found["h2"].dtype == np.float32
    with EmbeddingCache.open("model-a", dim=8, folder=tmp_path) as reopened:  # persisted
        np.testing.assert_array_equal(reopened.get(["h3"])["h3"], _vector(3))


def test_identities_are_kept_apart(tmp_path):
    with EmbeddingCache.open("model-a", dim=8, folder=tmp_path) as a:
        a.put({"h1": _vector(1)})
    with EmbeddingCache.open("model-b", dim=8, folder=tmp_path) as b:
        assert b.get(["h1"]) == {}
    with EmbeddingCache.open("model-a", dim=8, folder=tmp_path) as a:
        path = a.path
    with pytest.raises(ValueError):  # a file of one identity never serves another
        EmbeddingCache(path, "model-b", 8)
    with pytest.raises(ValueError):
        EmbeddingCache(path, "model-a", 16)


def test_many_lookups_in_one_call(tmp_path):
    with EmbeddingCache.open("m", dim=4, folder=tmp_path) as cache:
        cache.put({f"h{i}": np.full(4, i, dtype=np.float32) for i in range(1800)})  # > LOOKUP_BATCH
        found = cache.get(f"h{i}" for i in range(0, 2000, 3))
        assert len(found) == len(range(0, 1800, 3)) and found["h999"][0] == 999


WRITER = textwrap.dedent("""
    import sys
    import numpy as np
    from index.embedding_cache import EmbeddingCache
    folder, start = sys.argv[1], int(sys.argv[2])
    with EmbeddingCache.open("shared", dim=16, folder=folder) as cache:
        for batch in range(20):
            base = start + batch * 50
            cache.put({f"h{i}": np.full(16, i, dtype=np.float32) for i in range(base, base + 50)})
""")


def test_concurrent_writers_and_a_reader_see_only_whole_rows(tmp_path):
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), str(start)], cwd=PROJECT_ROOT)
               for start in (0, 500, 0)]  # two of them write the same rows
    with EmbeddingCache.open("shared", dim=16, folder=tmp_path) as reader:
        while any(w.poll() is None for w in writers):
            for key, vector in reader.get(f"h{i}" for i in range(0, 1500, 7)).items():
                assert vector.shape == (16,) and np.all(vector == int(key[1:]))
        assert [w.wait() for w in writers] == [0, 0, 0]
        assert len(reader) == 1500


def test_another_index_folder_embeds_only_unseen_passages(small_corpus, tmp_path, monkeypatch):
    from index.builder import build_index
    from index.store import IndexStore

    monkeypatch.setenv("HEALTHQA_EMBEDDING_CACHE", str(tmp_path / "embeddings"))
    first = build_index(small_corpus, tmp_path / "first")
    assert first.embedded == first.chunks > 0
    second = build_index(small_corpus, tmp_path / "second")  # a new folder: no previous version
    assert second.status == "built" and second.embedded == 0
    np.testing.assert_array_equal(np.asarray(IndexStore.load(tmp_path / "first").vectors),
                                  np.asarray(IndexStore.load(tmp_path / "second").vectors))
    (small_corpus / "extra.txt").write_text(EXTRA_LETTER, encoding="utf-8")
    third = build_index(small_corpus, tmp_path / "third")
    assert 0 < third.embedded < third.chunks  # only the new letter's passages
    monkeypatch.setenv("HEALTHQA_EMBEDDING_CACHE", "off")
    fourth = build_index(small_corpus, tmp_path / "fourth")
    assert fourth.embedded == fourth.chunks  # switched off: nothing shared

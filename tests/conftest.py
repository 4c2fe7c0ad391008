"""Shared fixtures: everything real (underthesea, the e5 model, FAISS), offline.

The bundled index is built once per test session into a temporary folder; the
converted model lives in the user cache (``HEALTHQA_CACHE``) like in production.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.pop("HEALTHQA_MODEL", None)  # tests use the default offline model
# Tests count what each build embeds: no vectors shared through the user's embedding cache
# (tests/test_embedding_cache.py switches it on, in a temporary folder).
os.environ["HEALTHQA_EMBEDDING_CACHE"] = "off"

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_CORPUS = PROJECT_ROOT / "corpus" / "documents"
# Real documents live beside the project, never inside it (../shared/realdocs; see its README).
REALDOCS = Path(os.environ.get("HEALTHQA_REALDOCS", PROJECT_ROOT.parent / "shared" / "realdocs"))
REALDOCS_MISSING = f"real documents not found at {REALDOCS} (set HEALTHQA_REALDOCS or lay ../shared beside the project)"


@pytest.fixture(scope="session")
def realdocs() -> Path:
    """The folder of real documents (``documents/``, ``pdf/``, ``expected.jsonl``); skips when absent."""
    if not (REALDOCS / "documents").is_dir():
        pytest.skip(REALDOCS_MISSING)
    return REALDOCS


@pytest.fixture(scope="session")
def bundled_index(tmp_path_factory) -> Path:
    """An index of the five bundled documents, built once."""
    from index.builder import build_index

    index_dir = tmp_path_factory.mktemp("bundled-index")
    build_index(BUNDLED_CORPUS, index_dir)
    return index_dir


@pytest.fixture(scope="session")
def local_searcher(bundled_index):
    from retriever.runtime import QUERY_THREADS, open_searcher

    return open_searcher(bundled_index, threads=QUERY_THREADS)  # as the app serves


# The retrieval, answer and LangChain tests run on every backend: the local folder, Milvus Lite
# embedded in this process (a file path) and Milvus Lite as a loopback server (the network path a
# cluster uses). Set HEALTHQA_TEST_BACKENDS=local to run the local one only.
BACKENDS = tuple(os.environ.get("HEALTHQA_TEST_BACKENDS", "local,milvus-lite,milvus-server").split(","))


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def milvus_server(tmp_path_factory):
    """Milvus Lite's engine as a gRPC server on a loopback port; yields its ``http://`` URI."""
    import time
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # milvus_lite imports pkg_resources
        from milvus_lite.server import Server
        from pymilvus import MilvusClient

    port = _free_port()
    server = Server(str(tmp_path_factory.mktemp("milvus-server") / "server.db"), address=f"127.0.0.1:{port}")
    if not server.start():
        pytest.fail("Milvus Lite server did not start")
    uri = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            MilvusClient(uri=uri, timeout=5).list_collections()
            break
        except Exception:  # noqa: BLE001 - not listening yet
            if time.monotonic() > deadline:
                server.stop()
                pytest.fail(f"Milvus Lite server at {uri} did not answer")
            time.sleep(0.5)
    yield uri
    server.stop()


def milvus_settings_for(kind: str, tmp_path_factory, server_uri: str | None, collection: str = "healthqa"):
    from index.backends import MilvusSettings

    if kind == "milvus-server":
        return MilvusSettings(uri=server_uri, collection=collection)
    return MilvusSettings(uri=str(tmp_path_factory.getbasetemp() / "milvus-lite" / "lite.db"), collection=collection)


@pytest.fixture(scope="session", params=BACKENDS)
def searcher(request, bundled_index, local_searcher, tmp_path_factory):
    """The bundled index's searcher on each backend; Milvus holds a copy of the local index
    (`index migrate`: same passages and vectors) and shares the local searcher's model."""
    if request.param == "local":
        return local_searcher
    from index.milvus_builder import migrate
    from index.milvus_store import MilvusStore
    from retriever.search import HybridSearcher

    server_uri = request.getfixturevalue("milvus_server") if request.param == "milvus-server" else None
    settings = milvus_settings_for(request.param, tmp_path_factory, server_uri)
    migrate(bundled_index, settings)
    return HybridSearcher(MilvusStore.open(settings), local_searcher.embedder)


def run_module(*args: str, input_text: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m …`` as a user would, from the project root."""
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=PROJECT_ROOT,
        input=input_text,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def assert_one_line_error(result: subprocess.CompletedProcess) -> None:
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr

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
def searcher(bundled_index):
    from retriever.runtime import QUERY_THREADS, open_searcher

    return open_searcher(bundled_index, threads=QUERY_THREADS)  # as the app serves


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

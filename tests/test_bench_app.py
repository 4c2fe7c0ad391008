"""``scripts/bench_app.py`` against the real app: both clients get answers and report the same
fields (the latency figures themselves live in eval/RESULTS.md, never in timed tests)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import PROJECT_ROOT
from test_app import app_env, start_app

SCRIPT = PROJECT_ROOT / "scripts" / "bench_app.py"


def bench_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_app", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def bench(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], cwd=PROJECT_ROOT, env=app_env(),
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def running_app(bundled_index, tmp_path_factory):
    with start_app(bundled_index, tmp_path_factory.mktemp("bench-app") / "app.log") as url:
        yield url


@pytest.mark.parametrize("client", ["gradio", "http"])
def test_both_clients_answer_every_request(running_app, client):
    questions = PROJECT_ROOT / "eval" / "questions" / "dev.jsonl"
    result = bench("--url", running_app, "--clients", "2", "--requests", "2", "--client", client,
                   "--questions", str(questions), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["client"] == client and report["requests"] == 4 and report["failures"] == 0
    assert 0 < report["p50_ms"] <= report["p95_ms"] <= report["max_ms"]
    assert report["client_cpu_s"] >= 0


def test_app_cpu_per_request_with_its_pid():
    import os

    server_cpu_s = bench_module().server_cpu_s
    assert server_cpu_s(os.getpid()) > 0  # this process has run for a while
    assert server_cpu_s(None) is None


def test_bad_question_file_and_remote_url_are_one_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    for args in (("--questions", str(bad)), ("--questions", str(tmp_path / "missing.jsonl")),
                 ("--url", "http://example.org:7860")):
        result = bench(*args)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_read_questions_keeps_order_and_drops_repeats(tmp_path):
    read_questions = bench_module().read_questions
    path = tmp_path / "q.jsonl"
    path.write_text('{"question": "a"}\n\n# note\n{"question": "b"}\n{"question": "a"}\n', encoding="utf-8")
    assert read_questions([str(path)]) == ["a", "b"]

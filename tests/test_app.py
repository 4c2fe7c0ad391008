"""The Gradio app, started for real (``python app_gradio.py --port P --index …``) and
driven through ``gradio_client``; plus the HTML renderers against hostile input.

The server is started once for the module, on a free loopback port, and stopped at
the end.  ``start_app`` is reused by ``test_browser.py``.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import PROJECT_ROOT, assert_one_line_error

QUESTION = "Sở nào chủ trì y tế trường học?"
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> Sở nào chủ trì y tế trường học?'
STARTUP_TIMEOUT = 240


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def app_env() -> dict:
    env = dict(os.environ)
    env.update(GRADIO_ANALYTICS_ENABLED="False", HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
               NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost")
    env.pop("GRADIO_SHARE", None)
    return env


@contextlib.contextmanager
def start_app(index_dir: Path, log_path: Path, extra_args: tuple[str, ...] = (), extra_env: dict | None = None):
    """Run the app as a user would; yield its URL once it answers HTTP."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with open(log_path, "w", encoding="utf-8") as log:
        process = subprocess.Popen(
            [sys.executable, "app_gradio.py", "--port", str(port), "--index", str(index_dir), *extra_args],
            cwd=PROJECT_ROOT, env={**app_env(), **(extra_env or {})}, stdout=log, stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + STARTUP_TIMEOUT
            while True:
                if process.poll() is not None:
                    pytest.fail(f"app exited with {process.returncode}:\n{log_path.read_text('utf-8')[-3000:]}")
                try:
                    with urllib.request.urlopen(url + "/config", timeout=2) as response:
                        if response.status == 200:
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    pytest.fail(f"app not ready after {STARTUP_TIMEOUT} s:\n{log_path.read_text('utf-8')[-3000:]}")
                time.sleep(0.5)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def make_client(url: str):
    from gradio_client import Client

    return Client(url, verbose=False, analytics_enabled=False, download_files=False)


@pytest.fixture(scope="module")
def app_url(bundled_index, tmp_path_factory):
    log_path = tmp_path_factory.mktemp("app") / "app.log"
    with start_app(bundled_index, log_path) as url:
        yield url


@pytest.fixture(scope="module")
def client(app_url):
    return make_client(app_url)


# ------------------------------------------------------------------------- API
def test_api_has_stable_names(client):
    endpoints = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    assert {"/ask", "/search", "/cite", "/document", "/most_cited", "/check"} <= set(endpoints)
    # The UI's own HTML handlers are not part of the public API.
    assert not [name for name in endpoints if name.startswith(("/ask_handler", "/on_load", "/lambda"))]


def test_ask_school_health(client):
    result = client.predict(QUESTION, api_name="/ask")
    assert isinstance(result, dict)
    assert not result["abstained"], result
    assert "Sở Giáo dục và Đào tạo" in result["answer"]
    quote = next(q for q in result["quotes"] if "542/KH-UBND" in q["citation"])
    assert quote["answer_start"] is not None and quote["start"] <= quote["answer_start"] < quote["answer_end"] <= quote["end"]
    span = quote["text"][quote["answer_start"] - quote["start"]: quote["answer_end"] - quote["start"]]
    assert "Sở Giáo dục và Đào tạo" in span or span in result["answer"]
    assert quote["document_url"].startswith("?doc=")

    # The document view finds the same passage in place.
    document = client.predict(quote["source"], quote["start"], quote["end"], api_name="/document")
    assert document["text"][quote["start"]:quote["end"]] == quote["text"]
    assert document["passage"]["text"] == quote["text"]
    assert "542/KH-UBND" in document["passage"]["citation"]
    assert document["record"]["number"] == "542/KH-UBND"
    assert document["outline"], "the structure outline is empty"


def test_check_endpoint_flags_a_wrong_date_with_the_correction(client):
    draft = ("Thực hiện Kế hoạch số 542/KH-UBND ngày 10/7/2024 của UBND tỉnh Nghệ An, Trung tâm Y tế huyện "
             "xây dựng kế hoạch như sau:")
    result = client.predict(draft, "2025-01-15", api_name="/check")
    assert result["as_of"] == "2025-01-15"
    ref = result["references"][0]
    assert draft[ref["start"]:ref["end"]] == ref["text"]
    assert ref["verdicts"] == ["wrong_date"]
    assert "542/KH-UBND ngày 09/7/2024" in ref["correct_citation"]
    assert ref["evidence"] and ref["evidence"][0]["source"] == "002_de43d9b20077fde2.txt"
    empty = client.predict("  ", "", api_name="/check")
    assert empty["references"] == [] and empty["message"]


def test_cite_and_document_carry_an_effect_status(client):
    result = client.predict("16/CT-TTg", "", "", api_name="/cite")
    status = result["matches"][0]["status"]
    assert {"state", "as_of", "effective_date", "by"} <= set(status)
    assert result["matches"][0]["cited_by"], "existing fields stay"
    document = client.predict("002_de43d9b20077fde2.txt", None, None, api_name="/document")
    assert document["status"]["state"] in ("in_force", "unknown", "amended", "not_yet_in_force")
    # The in-force filter keeps documents the corpus does not show replaced or repealed.
    hits = client.predict("y tế trường học", 5, "", "", None, "", "hybrid", True, api_name="/search")["hits"]
    assert hits


def test_upload_refused_on_a_public_interface(tmp_path, bundled_index):
    result = subprocess.run([sys.executable, "app_gradio.py", "--index", str(bundled_index), "--allow-upload",
                             "--host", "0.0.0.0", "--port", "0"],
                            cwd=PROJECT_ROOT, env=app_env(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert_one_line_error(result)
    assert "--allow-upload" in result.stderr


def test_ask_without_accents(client):
    result = client.predict("so nao chu tri y te truong hoc", api_name="/ask")
    assert "Sở Giáo dục và Đào tạo" in (result["answer"] or ""), result


def test_empty_and_blank_questions_get_a_friendly_message(client):
    for question in ("", "   \n  "):
        result = client.predict(question, api_name="/ask")
        assert result["answer"] is None and result["quotes"] == []
        assert "Vui lòng nhập câu hỏi" in result["message"]
    assert "Vui lòng nhập" in client.predict("", api_name="/search")["message"]
    assert "Vui lòng nhập" in client.predict(" ", api_name="/cite")["message"]


def test_hostile_question_comes_back_as_data(client):
    result = client.predict(HOSTILE, api_name="/ask")
    assert result["question"] == HOSTILE  # echoed as JSON text, never rendered here
    result = client.predict("x" * 50_000, api_name="/search")
    assert len(result["query"]) <= 1000


def test_cite_16_ct_ttg_lists_implementing_documents(client):
    result = client.predict("16/CT-TTg", api_name="/cite")
    assert result["matches"], result
    assert result["matches"][0]["number"] == "16/CT-TTg"
    implementing = [e for e in result["cited_by"] if e["relation"] == "thuc_hien"]
    assert implementing, result["cited_by"]
    for entry in result["cited_by"]:
        assert "16/CT-TTg" in entry["quote"].replace(" ", "") or "16" in entry["quote"]
        assert entry["citation"] and entry["document_url"].startswith("?doc=")
    only = client.predict("16/CT-TTg", "thuc_hien", api_name="/cite")
    assert {e["relation"] for e in only["cited_by"]} == {"thuc_hien"}
    assert client.predict("Chỉ thị 16", api_name="/cite")["matches"]
    most = client.predict(5, api_name="/most_cited")["acts"]
    assert most and most[0]["count"] >= most[-1]["count"]


def test_search_filters_and_accentless_queries(client):
    result = client.predict("y te truong hoc", api_name="/search")
    assert result["hits"] and "542/KH-UBND" in result["hits"][0]["citation"]
    hit = result["hits"][0]
    for key in ("citation", "heading", "text", "score", "start", "end", "source", "type", "issuer", "date"):
        assert key in hit
    filtered = client.predict("y tế", 10, "", "", 2022, api_name="/search")
    assert filtered["hits"] and all(h["date"].startswith("2022") for h in filtered["hits"])
    by_type = client.predict("y tế", 10, "Kế hoạch", api_name="/search")
    assert by_type["hits"] and all(h["type"] == "Kế hoạch" for h in by_type["hits"])
    nothing = client.predict("y tế", 5, "", "", 1999, api_name="/search")
    assert nothing["hits"] == [] and nothing["message"]


def test_document_view_rejects_unknown_sources_and_bad_offsets(client):
    assert "Không có văn bản" in client.predict("../../etc/passwd", api_name="/document")["message"]
    source = client.predict("y tế", api_name="/search")["hits"][0]["source"]
    bad = client.predict(source, 10, 5, api_name="/document")
    assert bad["passage"] is None and bad["message"]


def test_twenty_concurrent_clients_all_get_answers(app_url):
    def one(i: int):
        client = make_client(app_url)
        started = time.perf_counter()
        result = client.predict(QUESTION if i % 2 == 0 else "so nao chu tri y te truong hoc", api_name="/ask")
        return result, time.perf_counter() - started

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(one, range(20)))
    elapsed = time.perf_counter() - started
    assert len(results) == 20
    assert all("Sở Giáo dục và Đào tạo" in (r["answer"] or "") for r, _ in results)
    assert elapsed < 120, f"20 concurrent /ask took {elapsed:.1f} s"


# --------------------------------------------------------------------- CLI
def test_missing_index_is_one_line_and_exit_2(tmp_path):
    result = subprocess.run([sys.executable, "app_gradio.py", "--index", str(tmp_path / "none"), "--port", "0"],
                            cwd=PROJECT_ROOT, env=app_env(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert_one_line_error(result)
    assert "python -m index build" in result.stderr


def test_defaults_bind_loopback_without_share():
    import app_gradio

    args = app_gradio.parse_args([])
    assert args.host == "127.0.0.1" and args.share is False and args.allow_upload is False
    assert app_gradio.parse_args(["--share"]).share is True


# --------------------------------------------------------------- rendering
def test_renderers_escape_everything():
    import app_gradio as app

    evil = '<script>alert(1)</script><img src=x onerror="alert(2)">"\'&'
    answer = {
        "question": evil, "answer": evil, "abstained": False, "message": evil, "took_ms": 3.0,
        "quotes": [{"text": "trước " + evil + " sau", "citation": evil, "heading": evil, "source": "a.txt",
                    "start": 100, "end": 100 + len("trước " + evil + " sau"), "answer_start": 106,
                    "answer_end": 106 + len(evil), "document_url": "?doc=" + evil}],
    }
    search = {"query": evil, "took_ms": 1, "message": evil,
              "hits": [{"citation": evil, "heading": evil, "text": evil, "score": 1.0, "source": evil,
                        "also_in": [{"citation": evil}], "document_url": "?doc=x"}]}
    cite = {"act": evil, "message": evil, "matches": [{"label": evil}],
            "cited_by": [{"citation": evil, "relation": evil, "quote": evil, "heading": evil,
                          "quotes": [{"text": evil, "citation": evil, "heading": evil, "document_url": evil}]}],
            "cites": [{"label": evil, "relation": "can_cu", "quote": evil}]}
    most = [{"act": evil, "label": evil, "count": 1, "documents": [{"citation": evil, "relation": evil}]}]
    check = {"as_of": evil, "message": evil, "references": [
        {"text": evil, "verdicts": ["wrong_date", evil], "correct_citation": evil, "confidence": 0.9,
         "messages": [evil], "status": {"state": "replaced", "label": evil, "as_of": evil, "by": [{"act": evil, "quote": evil}]},
         "evidence": [{"quote": evil, "citation": evil, "source": evil}]}],
        "suggested_bases": [{"citation": evil, "count": 1, "of_documents": 2, "status": {"state": evil}}]}
    outputs = [app.render_answer(answer), app.render_search(search), app.render_cite(cite),
               app.render_most_cited(most), app.render_check(check), app.render_status(check["references"][0]["status"])]
    for out in outputs:
        assert "<script" not in out.lower() and "<img" not in out.lower()
        assert "&lt;script&gt;" in out
    assert '<mark class="hq-span">&lt;script&gt;' in outputs[0]
    assert "<strong>&lt;script&gt;" in outputs[0]


def test_document_rendering_marks_the_passage_in_place(searcher):
    import app_gradio as app

    backend = app.Backend(searcher)
    hit = searcher.search(QUESTION, k=1).hits[0]
    data = backend.document(hit.source, hit.start, hit.end, hit.start, hit.start + 10)
    stored = backend._by_source[hit.source]
    page = app.render_document(data, stored.root)
    assert page.count('id="hq-hl"') == 1
    assert '<mark class="hq-span">' in page
    assert app.esc(hit.citation.split(", mục ")[0]) in page
    # Every character of the document is shown, in order, whatever the tree says.
    import html
    import re

    shown = html.unescape(re.sub(r"<[^>]+>", "", page))
    for line in stored.text.splitlines()[:40]:
        if line.strip():
            assert line.strip()[:30] in shown

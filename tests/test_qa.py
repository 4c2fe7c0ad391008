"""retriever.qa end to end over the real bundled index (no mocks, except the remote LLM).

These tests check behaviours (the right kind of answer, from the right place, quoted
verbatim); no threshold is fitted to them.  The thresholds in ``retriever.qa.settings``
are chosen on the tuning half of ``eval/questions/real.jsonl``; ``python -m eval run``
reports both halves.
"""

from __future__ import annotations

import http.server
import json
import threading
from pathlib import Path

import pytest

from corpus.errors import UserError
from corpus.vietnamese import match_key
from tests.conftest import assert_one_line_error, run_module

DEV = Path(__file__).resolve().parent.parent / "eval" / "questions" / "dev.jsonl"
REAL = Path(__file__).resolve().parent.parent / "eval" / "questions" / "real.jsonl"


@pytest.fixture(scope="module")
def answerer(searcher):
    from retriever.qa import Answerer

    return Answerer(searcher)


def _check_quote(answerer, quote):
    text = answerer.store.documents[quote.doc_id].text
    assert text[quote.start:quote.end] == quote.text
    assert quote.citation
    assert quote.source == answerer.store.documents[quote.doc_id].record.source
    if quote.answer_start is not None:
        assert quote.start <= quote.answer_start < quote.answer_end <= quote.end


def _answer_quote(answer):
    quote = next(q for q in answer.quotes if q.answer_start is not None)
    # the quote is verbatim; the short answer is the same words with the source's line breaks as spaces
    return quote, " ".join(quote.text[quote.answer_start - quote.start:quote.answer_end - quote.start].split())


def test_agency_answer_from_heading(answerer):
    answer = answerer.ask("Sở nào chủ trì y tế trường học?")
    assert answer.kind == "agency" and not answer.abstained
    assert match_key(answer.answer) == match_key("Sở Giáo dục và Đào tạo")
    quote, highlighted = _answer_quote(answer)
    assert "542/KH-UBND" in quote.citation
    assert highlighted == answer.answer
    assert 1 <= len(answer.quotes) <= 3
    for q in answer.quotes:
        _check_quote(answerer, q)


def test_number_answer_with_unit(answerer):
    answer = answerer.ask("Yên Bái phấn đấu tỷ lệ hài lòng người bệnh đạt bao nhiêu?")
    assert answer.kind == "number"
    assert "90%" in answer.answer
    quote, highlighted = _answer_quote(answer)
    assert highlighted == answer.answer and "Yên Bái" in quote.citation


def test_quarter_deadline(answerer):
    answer = answerer.ask("Khi nào phải hoàn tất chuyển giao Trung tâm Y tế cấp huyện ở Nghệ An?")
    assert answer.kind == "date"
    key = match_key(answer.answer)
    assert "2025" in key and ("quy 2" in key or "quy ii" in key)
    _answer_quote(answer)


def test_who_signed(answerer):
    answer = answerer.ask("Ai ký công văn của Sở Y tế Đồng Nai?")
    assert answer.kind == "signer" and answer.answer == "Lê Quang Trung"
    quote, highlighted = _answer_quote(answer)
    assert highlighted == "Lê Quang Trung"


def test_issue_date_of_a_cited_act(answerer):
    answer = answerer.ask("Quyết định 1093/QĐ-BYT của Bộ Y tế ban hành ngày nào?")
    assert answer.answer == "02/5/2024"
    _answer_quote(answer)


def test_which_documents_implement(answerer):
    answer = answerer.ask("Những văn bản nào triển khai Chỉ thị 16/CT-TTg?")
    assert answer.kind == "document"
    assert "10/CT-UBND" in answer.answer and "Kiến An" in answer.answer
    assert {q.source[:3] for q in answer.quotes} == {"000", "001"}


def test_accentless_question(answerer):
    answer = answerer.ask("co quan nao chu tri van dong nguoi dan tham gia bao hiem y te o nghe an")
    assert match_key(answer.answer).startswith("bao hiem xa hoi")


def test_empty_question_is_a_user_error(answerer):
    with pytest.raises(UserError):
        answerer.ask("   ")


def test_out_of_corpus_questions_abstain_without_quotes(answerer):
    for question in ("Giá vé xe buýt ở Đà Lạt là bao nhiêu?", "Bệnh viện Bạch Mai có bao nhiêu khoa?",
                     "Công thức nấu phở bò"):
        answer = answerer.ask(question)
        assert answer.abstained and answer.quotes == [] and answer.answer is None, question
        assert answer.message and "Không tìm thấy" in answer.message


def test_paraphrase_with_the_right_passage_first_is_answered(answerer):
    answer = answerer.ask("Nghệ An tính làm gì để bác sĩ gia đình phổ biến hơn?")
    assert not answer.abstained and answer.quotes
    assert "bác sĩ gia đình" in answer.quotes[0].text.lower() or "bác sỹ gia đình" in answer.quotes[0].text.lower()


def test_answer_json_shape_is_stable(answerer):
    data = answerer.ask("Sở nào chủ trì y tế trường học?").to_dict()
    assert {"question", "answer", "abstained", "quotes", "took_ms", "kind"} <= set(data)
    assert {"text", "citation", "doc_id", "source", "heading", "start", "end", "answer_start",
            "answer_end"} <= set(data["quotes"][0])


def test_caches_are_built_at_load_not_per_request(answerer):
    """Asking must not grow any cache of the answerer (read-only, safe to share between threads)."""
    import sys

    before = {name: sys.getsizeof(value) for name, value in vars(answerer.units).items() if isinstance(value, dict)}
    answerer.ask("Sở nào chủ trì y tế trường học?")
    answerer.ask("Khi nào phải hoàn tất chuyển giao Trung tâm Y tế cấp huyện ở Nghệ An?")
    after = {name: sys.getsizeof(value) for name, value in vars(answerer.units).items() if isinstance(value, dict)}
    assert before == after


def test_every_quote_verbatim_over_dev_questions(answerer):
    questions = [json.loads(line) for line in DEV.read_text("utf-8").splitlines() if line.strip()]
    count = 0
    for question in questions:
        answer = answerer.ask(question["question"])
        assert answer.abstained or 1 <= len(answer.quotes) <= 3, question["id"]
        for quote in answer.quotes:
            _check_quote(answerer, quote)
            count += 1
        data = answer.to_dict()
        assert set(data) >= {"question", "answer", "abstained", "quotes", "took_ms"}
    assert count > 100


# ---------------------------------------------------------------- optional LLM phrasing
class _FakeChat(http.server.BaseHTTPRequestHandler):
    """Stands in for a local OpenAI-compatible server (the only fake in these tests)."""

    requests: list[dict] = []

    def do_POST(self):  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _FakeChat.requests.append({"path": self.path, "body": body})
        reply = {"choices": [{"message": {"role": "assistant", "content": "Sở Giáo dục và Đào tạo chủ trì [1]."}}]}
        data = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def test_llm_phrasing_with_a_fake_local_server(searcher):
    from retriever.qa import Answerer
    from retriever.generation import ChatGenerator

    # A tiny HTTP server on 127.0.0.1 replaces the remote model.
    server = http.server.HTTPServer(("127.0.0.1", 0), _FakeChat)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        generator = ChatGenerator(f"http://127.0.0.1:{server.server_port}", model="fake", timeout=5)
        answer = Answerer(searcher, generator).ask("Sở nào chủ trì y tế trường học?")
    finally:
        server.shutdown()
    assert answer.generated == "Sở Giáo dục và Đào tạo chủ trì [1]."
    assert match_key(answer.answer) == match_key("Sở Giáo dục và Đào tạo")  # extractive answer kept
    request = _FakeChat.requests[-1]
    assert request["path"] == "/v1/chat/completions" and request["body"]["model"] == "fake"
    assert "[1]" in request["body"]["messages"][1]["content"]


def test_llm_failure_falls_back_to_extractive(searcher):
    import socket

    from retriever.qa import Answerer
    from retriever.generation import ChatGenerator

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    answer = Answerer(searcher, ChatGenerator(f"http://127.0.0.1:{port}", timeout=2)).ask(
        "Sở nào chủ trì y tế trường học?")
    assert answer.generated is None and not answer.abstained
    assert match_key(answer.answer) == match_key("Sở Giáo dục và Đào tạo")
    assert "mô hình ngôn ngữ" in answer.message


# ---------------------------------------------------------------- CLI
def test_cli_ask_json_lines_in_order(bundled_index, tmp_path):
    questions = ["Sở nào chủ trì y tế trường học?", "Giá vé xe buýt ở Đà Lạt là bao nhiêu?"]
    path = tmp_path / "q.txt"
    path.write_text("\n".join(questions) + "\n", encoding="utf-8")
    result = run_module("retriever", "ask", "--queries", str(path), "--index", str(bundled_index), "--json")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["question"] for r in rows] == questions
    first, second = rows
    assert set(first) >= {"question", "answer", "abstained", "quotes", "took_ms"}
    assert first["abstained"] is False and first["answer"]
    quote = first["quotes"][0]
    assert set(quote) >= {"text", "citation", "doc_id", "source", "heading", "start", "end",
                          "answer_start", "answer_end"}
    assert second["abstained"] is True and second["quotes"] == [] and second["message"]


def test_cli_ask_errors_are_one_line(bundled_index, tmp_path):
    assert_one_line_error(run_module("retriever", "ask", "  ", "--index", str(bundled_index)))
    assert_one_line_error(run_module("retriever", "ask", "x", "--index", str(tmp_path / "none")))
    assert_one_line_error(run_module("retriever", "ask", "--queries", str(tmp_path / "missing.txt"),
                                     "--index", str(bundled_index)))


def test_out_of_corpus_topic_sharing_the_corpus_words_abstains(answerer):
    """A disease the bundled documents never print, asked with their own words (Sở Y tế, kế hoạch, năm)."""
    answer = answerer.ask("Sở Y tế Nghệ An triển khai kế hoạch phòng chống bệnh đái tháo đường năm 2025 thế nào?")
    assert answer.abstained and answer.quotes == []
    assert answer.signals["missing_topics"] == ["đái tháo đường"]


def test_act_number_the_index_does_not_know_abstains(answerer):
    answer = answerer.ask("Chỉ thị 99/CT-UBND của Thừa Thiên Huế về y tế cơ sở do ai ký?")
    assert answer.abstained and answer.quotes == []
    assert answer.signals["unknown_act"] is True

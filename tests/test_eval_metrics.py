"""eval.metrics (ranx metrics, snippet relevance, answers, latency) and eval.datasets loaders."""

from __future__ import annotations

import json
import math

import pytest

from eval.datasets import DatasetError, Question, Relevant, load_beir, load_questions
from eval.metrics import (
    answer_matches,
    build_qrels_run,
    evaluate_retrieval,
    hit_satisfies,
    latency_summary,
    per_kind,
    relevance_for_hits,
    retrieval_metrics,
)

# --------------------------------------------------------------------------- ranx metrics

# q1: relevant a, b; ranked x, a, y, b  -> hit@1 0, recall@5 1, rr 1/2,
#     ndcg@10 = (1/log2(3) + 1/log2(5)) / (1 + 1/log2(3))
# q2: relevant c; ranked c              -> 1, 1, 1, 1
# q3: relevant d; nothing retrieved     -> 0, 0, 0, 0
# q4: no relevant document (noanswer)   -> excluded
QRELS = {"q1": {"a": 1, "b": 1}, "q2": {"c": 1}, "q3": {"d": 1}, "q4": {}}
RUN = {
    "q1": {"x": 4.0, "a": 3.0, "y": 2.0, "b": 1.0},
    "q2": {"c": 1.0},
    "q3": {},
    "q4": {"z": 1.0},
}
NDCG_Q1 = (1 / math.log2(3) + 1 / math.log2(5)) / (1 + 1 / math.log2(3))  # 0.650920...


def test_retrieval_metrics_hand_computed():
    m = retrieval_metrics(QRELS, RUN)
    assert m["n"] == 3
    assert m["hit@1"] == pytest.approx(1 / 3)
    assert m["recall@5"] == pytest.approx(2 / 3)
    assert m["mrr@10"] == pytest.approx(0.5)
    assert m["ndcg@10"] == pytest.approx((NDCG_Q1 + 1.0) / 3)
    assert NDCG_Q1 == pytest.approx(0.650920, abs=1e-6)


def test_retrieval_metrics_missing_run_entries_count_as_zero():
    # q3 absent from the run altogether; q2 present; the query in the run but not in qrels is ignored.
    m = retrieval_metrics({"q2": {"c": 1}, "q3": {"d": 1}}, {"q2": {"c": 1.0}, "other": {"e": 1.0}})
    assert m == {"hit@1": 0.5, "recall@5": 0.5, "mrr@10": 0.5, "ndcg@10": 0.5, "n": 2}


def test_retrieval_metrics_cutoffs():
    # relevant at rank 6: outside recall@5 and hit@1, inside mrr@10 / ndcg@10
    run = {"q": {f"n{i}": 10.0 - i for i in range(5)} | {"r": 1.0}}
    m = retrieval_metrics({"q": {"r": 1}}, run)
    assert m["hit@1"] == 0.0 and m["recall@5"] == 0.0
    assert m["mrr@10"] == pytest.approx(1 / 6)
    assert m["ndcg@10"] == pytest.approx(1 / math.log2(7))


def test_retrieval_metrics_degenerate_inputs():
    assert retrieval_metrics({"q": {}}, {"q": {"a": 1.0}}) == {
        "hit@1": 0.0, "recall@5": 0.0, "mrr@10": 0.0, "ndcg@10": 0.0, "n": 0,
    }
    nothing = retrieval_metrics({"q1": {"a": 1}, "q2": {"b": 1}}, {})
    assert nothing["n"] == 2 and nothing["recall@5"] == 0.0 and nothing["mrr@10"] == 0.0


def test_per_kind_excludes_noanswer():
    questions = [
        {"id": "q1", "kind": "agency"},
        {"id": "q2", "kind": "agency"},
        {"id": "q3", "kind": "date"},
        {"id": "q4", "kind": "noanswer"},
    ]
    result = per_kind(retrieval_metrics, questions, QRELS, RUN)
    assert list(result) == ["agency", "date"]
    assert result["agency"]["n"] == 2
    assert result["agency"]["hit@1"] == pytest.approx(0.5)
    assert result["agency"]["mrr@10"] == pytest.approx(0.75)
    assert result["agency"]["ndcg@10"] == pytest.approx((NDCG_Q1 + 1) / 2)
    assert result["date"] == {"hit@1": 0.0, "recall@5": 0.0, "mrr@10": 0.0, "ndcg@10": 0.0, "n": 1}


# --------------------------------------------------------------------------- relevance mapping

SRC = "002_de43d9b20077fde2.txt"
QUESTION = Question(
    id="q9",
    question="Tỷ lệ tham gia BHYT và quản lý sức khỏe năm 2030?",
    kind="number",
    relevant=[
        Relevant(SRC, "Tỷ lệ người dân tham gia bảo hiểm y tế trên 95%."),
        Relevant(SRC, "kiểm tra sức khoẻ ít nhất một lần/năm"),
    ],
    answer=["95%"],
)


def test_hit_contains_snippet_modulo_case_tone_and_whitespace():
    hit = {"source": SRC, "text": "Phấn đấu:\n- TỶ LỆ người dân tham gia bảo hiểm y tế\ntrên 95%.\n- ..."}
    assert hit_satisfies(hit, SRC, QUESTION.relevant[0].text)
    # old vs new tone placement ("khoẻ" / "khỏe") does not matter
    assert hit_satisfies({"source": SRC, "text": "được kiểm tra sức khỏe ít nhất một lần/năm;"}, SRC, QUESTION.relevant[1].text)
    # other document: not relevant even with the same words
    assert not hit_satisfies({"source": "003_x.txt", "text": QUESTION.relevant[0].text}, SRC, QUESTION.relevant[0].text)
    # a bare passage string has no source and is matched on text
    assert hit_satisfies("... Tỷ lệ người dân tham gia bảo hiểm y tế trên 95%. ...", SRC, QUESTION.relevant[0].text)
    # a path instead of a file name is tolerated
    assert hit_satisfies({"source": f"corpus/documents/{SRC}", "text": QUESTION.relevant[0].text}, SRC, QUESTION.relevant[0].text)


def test_partial_overlap_at_chunk_boundary_needs_half_the_snippet():
    snippet = QUESTION.relevant[0].text  # 48 characters
    cut_late = snippet[:30]  # chunk ends after 30 of 48 characters -> 62% inside
    cut_early = snippet[:20]  # 20 of 48 -> 42% inside
    assert hit_satisfies({"source": SRC, "text": "Mục tiêu cụ thể: - " + cut_late}, SRC, snippet)
    assert not hit_satisfies({"source": SRC, "text": "Mục tiêu cụ thể: - " + cut_early}, SRC, snippet)
    # the next chunk starts inside the snippet: its suffix opens the hit
    assert hit_satisfies({"source": SRC, "text": snippet[-30:] + " - Tỷ lệ dân số được quản lý"}, SRC, snippet)
    assert not hit_satisfies({"source": SRC, "text": snippet[-20:] + " - Tỷ lệ dân số được quản lý"}, SRC, snippet)


def test_partial_overlap_by_offsets_when_documents_are_given():
    snippet = QUESTION.relevant[0].text
    document = "MỤC TIÊU\n" + snippet + "\nKẾT THÚC"
    begin = document.index(snippet)
    # the hit's text was rewritten (no snippet text in it) but its span covers 30/48 of the snippet
    hit = {"source": SRC, "text": "(bảng)", "start": 0, "end": begin + 30}
    assert hit_satisfies(hit, SRC, snippet, documents={SRC: document})
    assert not hit_satisfies(hit, SRC, snippet)  # without the document there is nothing to compare
    short = {"source": SRC, "text": "(bảng)", "start": 0, "end": begin + 20}
    assert not hit_satisfies(short, SRC, snippet, documents={SRC: document})


def test_relevance_for_hits_credits_each_unit_once():
    hits = [
        {"source": SRC, "text": "Sở Y tế chủ trì."},  # irrelevant
        {"source": SRC, "text": "- tỷ lệ người dân tham gia bảo hiểm y tế trên 95%."},  # unit 0
        {"source": SRC, "text": "Tỷ lệ người dân tham gia bảo hiểm y tế trên 95%. (lặp)"},  # unit 0 again
        {"source": SRC, "text": "Người có nguy cơ cao được kiểm tra sức khoẻ ít nhất một lần/năm"},  # unit 1
    ]
    assert relevance_for_hits(QUESTION, hits) == [None, 0, None, 1]

    qrels, run = build_qrels_run([QUESTION], {"q9": hits})
    assert qrels == {"q9": {"q9#rel0": 1, "q9#rel1": 1}}
    assert run == {"q9": {"q9#miss@1": 1.0, "q9#rel0": 0.5, "q9#miss@3": 1 / 3, "q9#rel1": 0.25}}
    m = retrieval_metrics(qrels, run)
    assert m["hit@1"] == 0.0
    assert m["recall@5"] == 1.0
    assert m["mrr@10"] == pytest.approx(0.5)
    dcg = 1 / math.log2(3) + 1 / math.log2(5)
    assert m["ndcg@10"] == pytest.approx(dcg / (1 + 1 / math.log2(3)))


def test_build_qrels_run_with_noanswer_and_unretrieved_questions():
    noanswer = {"id": "q10", "kind": "noanswer", "relevant": []}
    qrels, run = build_qrels_run([QUESTION, noanswer], {"q10": [{"source": SRC, "text": "x"}]})
    assert qrels == {"q9": {"q9#rel0": 1, "q9#rel1": 1}, "q10": {}}
    assert run == {"q9": {}, "q10": {"q10#miss@1": 1.0}}
    result = evaluate_retrieval([QUESTION, noanswer], {"q9": [{"source": SRC, "text": QUESTION.relevant[1].text}]})
    assert result["overall"]["n"] == 1
    assert result["overall"]["hit@1"] == 1.0 and result["overall"]["recall@5"] == 0.5
    assert list(result["per_kind"]) == ["number"]


def test_hit_objects_with_attributes_and_nested_chunk():
    class Chunk:
        source, text, start, end = SRC, "Tỷ lệ người dân tham gia bảo hiểm y tế trên 95%.", 10, 58

    class Hit:
        chunk = Chunk()
        score = 0.9

    assert relevance_for_hits(QUESTION, [Hit()]) == [0]


# --------------------------------------------------------------------------- answers


@pytest.mark.parametrize(
    ("predicted", "acceptable"),
    [
        ("74,3 tuổi", ["74.3"]),
        ("74.3", ["74,3 tuổi"]),
        ("so giao duc va dao tao", ["Sở Giáo dục và Đào tạo"]),
        ("Chủ trì: Sở Giáo dục và Đào tạo.", ["sở giáo dục và đào tạo"]),
        ("trên 95%", ["95%"]),
        ("Tỷ lệ người dân tham gia bảo hiểm y tế trên 95 %.", ["trên 95%"]),
        ("Quý 3/2024", ["quý 3/2024"]),
        ("ngày 9/7/2024", ["09/07/2024"]),
        ("sức khoẻ", ["sức khỏe"]),
        ("Bùi Đình Long", ["Bùi Đình Long"]),
    ],
)
def test_answer_matches_positive(predicted, acceptable):
    assert answer_matches(predicted, acceptable)


@pytest.mark.parametrize(
    ("predicted", "acceptable"),
    [
        (None, ["95%"]),
        ("", ["95%"]),
        ("95%", []),
        ("18 đơn vị", ["8 đơn vị"]),
        ("74,3 tuổi", ["67,4 năm"]),
        ("Sở Y tế", ["Sở Giáo dục và Đào tạo"]),
        ("7,43", ["74,3"]),
    ],
)
def test_answer_matches_negative(predicted, acceptable):
    assert not answer_matches(predicted, acceptable)


# --------------------------------------------------------------------------- latency


def test_latency_summary():
    s = latency_summary([40.0, 10.0, 30.0, 20.0, 100.0])
    # sorted 10 20 30 40 100; p50 = 30; p95 at position 3.8 -> 40 + 0.8 * 60 = 88
    assert s["p50_ms"] == 30.0
    assert s["p95_ms"] == pytest.approx(88.0)
    assert s["mean_ms"] == 40.0 and s["max_ms"] == 100.0 and s["n"] == 5
    assert latency_summary([7.0])["p95_ms"] == 7.0
    assert latency_summary([]) == {"p50_ms": 0.0, "p95_ms": 0.0, "mean_ms": 0.0, "max_ms": 0.0, "n": 0}


# --------------------------------------------------------------------------- question loader


def _line(**overrides):
    obj = {
        "id": "q001",
        "question": "Sở nào chủ trì y tế trường học?",
        "kind": "agency",
        "relevant": [{"source": "002.txt", "text": "mạng lưới y tế trường học"}],
        "answer": ["Sở Giáo dục và Đào tạo"],
    }
    obj.update(overrides)
    return json.dumps(obj, ensure_ascii=False)


def test_load_questions(tmp_path):
    path = tmp_path / "qs.jsonl"
    noanswer = _line(id="q002", kind="noanswer", relevant=[], answer=[], question="Giá vé xe buýt?")
    path.write_text(_line() + "\n\n# comment\n" + noanswer + "\n", encoding="utf-8")
    qs = load_questions(path)
    assert [q.id for q in qs] == ["q001", "q002"]
    assert qs[0].relevant == [Relevant("002.txt", "mạng lưới y tế trường học")]
    assert qs[0].answerable and not qs[1].answerable
    assert qs[0].to_dict() == json.loads(_line())


@pytest.mark.parametrize(
    ("bad", "fragment"),
    [
        ('{"id": "q002", "question": ', "bad JSON"),
        ('["not", "an", "object"]', "JSON object"),
        (_line(id="q002", question=None), "'question'"),
        (json.dumps({"id": "q002", "question": "x", "kind": "agency", "answer": []}), "missing field 'relevant'"),
        (_line(id="q002", kind="opinion"), "unknown kind"),
        (_line(id="q002", relevant=[{"source": "a.txt"}]), "relevant[0]"),
        (_line(id="q002", relevant=[]), "needs at least one relevant"),
        (_line(id="q002", kind="noanswer"), "noanswer"),
        (_line(), "duplicate id 'q001'"),
    ],
)
def test_load_questions_errors_name_file_and_line(tmp_path, bad, fragment):
    path = tmp_path / "qs.jsonl"
    path.write_text(_line() + "\n" + bad + "\n", encoding="utf-8")
    with pytest.raises(ValueError) as info:
        load_questions(path)
    message = str(info.value)
    assert "\n" not in message
    assert f"{path}:2:" in message
    assert fragment in message


def test_load_questions_missing_file(tmp_path):
    with pytest.raises(DatasetError, match="missing file"):
        load_questions(tmp_path / "nope.jsonl")


# --------------------------------------------------------------------------- BEIR loader


def _write_beir(folder, qrels_name="qrels/test.tsv", qrels_text=None):
    folder.mkdir(parents=True, exist_ok=True)
    corpus = [
        {"_id": "d1", "title": "Bảo hiểm y tế", "text": "Tỷ lệ tham gia trên 95%."},
        {"_id": "d2", "text": "Trạm y tế xã."},
        {"_id": 3, "title": "", "text": "Số là id."},
    ]
    (folder / "corpus.jsonl").write_text("\n".join(json.dumps(c, ensure_ascii=False) for c in corpus) + "\n", encoding="utf-8")
    queries = [{"_id": "1", "text": "tỷ lệ BHYT"}, {"_id": "2", "text": "trạm y tế"}]
    (folder / "queries.jsonl").write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in queries), encoding="utf-8")
    qrels_path = folder / qrels_name
    qrels_path.parent.mkdir(parents=True, exist_ok=True)
    if qrels_text is None:
        qrels_text = "query-id\tcorpus-id\tscore\n1\td1\t1\n2\td2\t2\n2\t3\t0\n9\td1\t1\n"
    qrels_path.write_text(qrels_text, encoding="utf-8")
    return folder


def test_load_beir_with_qrels_folder(tmp_path):
    data = load_beir(_write_beir(tmp_path / "tiny"))
    assert data.name == "tiny"
    assert data.corpus == {
        "d1": {"title": "Bảo hiểm y tế", "text": "Tỷ lệ tham gia trên 95%."},
        "d2": {"title": "", "text": "Trạm y tế xã."},
        "3": {"title": "", "text": "Số là id."},
    }
    assert data.queries == {"1": "tỷ lệ BHYT", "2": "trạm y tế"}
    assert data.qrels == {"1": {"d1": 1}, "2": {"d2": 2, "3": 0}}
    assert len(data.warnings) == 1 and "queries.jsonl" in data.warnings[0]  # query 9 dropped


def test_load_beir_with_flat_qrels_and_no_header(tmp_path):
    folder = _write_beir(tmp_path / "flat", qrels_name="qrels.tsv", qrels_text="1\td1\t1\n")
    data = load_beir(folder)
    assert data.qrels == {"1": {"d1": 1}}
    assert data.warnings == []


def test_load_beir_errors(tmp_path):
    with pytest.raises(DatasetError, match="missing BEIR dataset folder"):
        load_beir(tmp_path / "absent")
    folder = _write_beir(tmp_path / "a")
    (folder / "queries.jsonl").unlink()
    with pytest.raises(DatasetError, match=r"queries\.jsonl: missing file"):
        load_beir(folder)
    folder = _write_beir(tmp_path / "b")
    (folder / "qrels" / "test.tsv").unlink()
    with pytest.raises(DatasetError, match="missing qrels file"):
        load_beir(folder)
    folder = _write_beir(tmp_path / "c", qrels_text="query-id\tcorpus-id\tscore\n1\td1\n")
    with pytest.raises(DatasetError) as info:
        load_beir(folder)
    assert "test.tsv:2:" in str(info.value) and "3 tab-separated columns" in str(info.value)
    folder = _write_beir(tmp_path / "d", qrels_text="1\td1\tvery\n")
    with pytest.raises(DatasetError, match="not a number"):
        load_beir(folder)
    folder = _write_beir(tmp_path / "e")
    (folder / "corpus.jsonl").write_text('{"_id": "d1", "text": "ok"}\n{"_id": "d2"}\n', encoding="utf-8")
    with pytest.raises(DatasetError) as info:
        load_beir(folder)
    assert "corpus.jsonl:2:" in str(info.value) and "'text'" in str(info.value)
    assert "\n" not in str(info.value)


def test_load_beir_skips_queries_with_empty_text_and_says_so(tmp_path):
    """A public dataset with one empty query is read, not refused: the query is skipped and counted."""
    folder = _write_beir(tmp_path / "empty-query")
    queries = [{"_id": "1", "text": "tỷ lệ BHYT"}, {"_id": "2", "text": "trạm y tế"}, {"_id": "3", "text": "  "},
               {"_id": "4", "text": ""}]
    (folder / "queries.jsonl").write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in queries),
                                          encoding="utf-8")
    (folder / "qrels" / "test.tsv").write_text("1\td1\t1\n2\td2\t1\n3\td1\t1\n4\td2\t1\n", encoding="utf-8")
    data = load_beir(folder)
    assert set(data.queries) == {"1", "2"} and set(data.qrels) == {"1", "2"}
    assert data.skipped_empty_queries == 2
    assert any("2 queries with empty text were skipped" in w for w in data.warnings)
    assert not any("not in queries.jsonl" in w for w in data.warnings)  # counted once, as empty
    (folder / "queries.jsonl").write_text('{"_id": "1"}\n', encoding="utf-8")
    with pytest.raises(DatasetError, match="missing field 'text'"):
        load_beir(folder)  # a record without the field is still malformed


def test_beir_report_names_the_skipped_queries():
    from eval.run import format_report

    report = format_report({"questions": 2, "systems": {}, "skipped_empty_queries": 3,
                            "warnings": ["queries.jsonl: 3 queries with empty text were skipped"]})
    assert "Bỏ qua 3 truy vấn có nội dung trống" in report and "3 queries with empty text were skipped" in report


@pytest.mark.parametrize("predicted, accepted", [
    ("Quý 2/2025", "quý II năm 2025"),
    ("hoàn thành trong quý IV năm 2026", "Quý 4/2026"),
    ("08/01/2026", "ngày 08 tháng 01 năm 2026"),
    ("kể từ ngày 8 tháng 1 năm 2026", "08/01/2026"),
    ("trước tháng 7/2026", "tháng 7 năm 2026"),
    ("giai đoạn II", "giai đoạn 2"),
    ("từ ngày 01 tháng 10 năm 2021 đến hết ngày 30 tháng 9 năm 2022", "30 tháng 9 năm 2022"),  # "ngày" not quoted
])
def test_a_date_or_period_in_words_is_the_same_answer_in_figures(predicted, accepted):
    from eval.metrics import short_answer_matches

    assert short_answer_matches(predicted, [accepted])


@pytest.mark.parametrize("predicted, accepted", [
    ("2 tháng", "tháng 2 năm 2026"),  # a duration is not a month of a year
    ("Quý 2/2025", "quý III năm 2025"),
    ("ngày 08 tháng 01 năm 2026", "08/01/2025"),
])
def test_different_dates_and_periods_stay_different(predicted, accepted):
    from eval.metrics import short_answer_matches

    assert not short_answer_matches(predicted, [accepted])

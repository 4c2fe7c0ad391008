"""``python -m eval run`` and ``python -m eval beir``: every system on the same questions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import PROJECT_ROOT, assert_one_line_error, run_module
from eval.datasets import Question, Relevant, load_questions
from eval.metrics import METRICS

DEV = PROJECT_ROOT / "eval" / "questions" / "dev.jsonl"
REQUIRED = ["hybrid", "bm25", "dense", "langchain"]
SYSTEM_KEYS = {*METRICS, "p50_ms", "p95_ms", "per_kind"}


@pytest.fixture(scope="module")
def evaluation(searcher):
    """The full dev set through every system (and ``ask``), once for this module."""
    from eval.run import run_evaluation

    return run_evaluation(DEV, searcher=searcher)


def _check_system(entry: dict, with_kinds: bool = True) -> None:
    assert SYSTEM_KEYS <= set(entry)
    for metric in METRICS:
        assert 0.0 <= entry[metric] <= 1.0
    assert entry["p50_ms"] > 0 and entry["p95_ms"] >= entry["p50_ms"]
    if with_kinds:
        assert entry["per_kind"]
        for values in entry["per_kind"].values():
            assert all(0.0 <= values[m] <= 1.0 for m in METRICS)


def test_run_json_shape(evaluation):
    assert evaluation["questions"] == len(load_questions(DEV))
    assert list(evaluation["systems"])[:4] == REQUIRED
    assert "hybrid_rrf" in evaluation["systems"]
    for entry in evaluation["systems"].values():
        _check_system(entry)
    assert "noanswer" not in evaluation["systems"]["hybrid"]["per_kind"]  # judged by abstention instead
    json.dumps(evaluation)  # serializable as is


def test_hybrid_mrr_is_at_least_every_baseline(evaluation):
    """The issue's done-when: our hybrid ranks at least as well as each single system and LangChain."""
    systems = evaluation["systems"]
    kinds = {name: {k: v["mrr@10"] for k, v in systems[name]["per_kind"].items()} for name in systems}
    for baseline in ("bm25", "dense", "langchain"):
        assert systems["hybrid"]["mrr@10"] >= systems[baseline]["mrr@10"], (
            f"hybrid {systems['hybrid']['mrr@10']} < {baseline} {systems[baseline]['mrr@10']}; per kind: {kinds}"
        )


def test_answers_section(evaluation):
    answers = evaluation["answers"]
    pytest.importorskip("retriever.qa")
    assert "skipped" not in answers
    for key in ("accuracy", "wrong_answers", "false_abstentions", "correct_abstentions", "verbatim_rate",
                "citation_rate"):
        assert 0.0 <= answers[key] <= 1.0, key
    assert answers["quotes"] > 0
    assert answers["verbatim_rate"] == 1.0  # every quote is text[start:end] of its cleaned document
    assert answers["citation_rate"] == 1.0


def test_answer_figures_from_given_answers():
    """The answers arithmetic, on hand-made answers (no model)."""
    from types import SimpleNamespace

    from eval.run import answer_figures

    documents = {"d": SimpleNamespace(text="Sở Y tế chủ trì. Tỷ lệ đạt 95%.")}
    good = {"text": "Sở Y tế chủ trì", "citation": "Kế hoạch 1/KH", "doc_id": "d", "start": 0, "end": 15}
    moved = {**good, "start": 1, "end": 16}  # not verbatim
    uncited = {**good, "citation": ""}
    q = lambda qid, kind, answer: Question(qid, "?", kind, [Relevant("d.txt", "x")] if answer else [], answer)  # noqa: E731
    rows = [
        (q("a", "agency", ["Sở Y tế"]), {"answer": "Sở Y tế", "abstained": False, "quotes": [good, moved]}),
        (q("b", "number", ["95%"]), {"answer": "90%", "abstained": False, "quotes": [uncited]}),
        (q("c", "number", ["95%"]), {"answer": None, "abstained": True, "quotes": []}),
        (q("n1", "noanswer", []), {"answer": None, "abstained": True, "quotes": []}),
        (q("n2", "noanswer", []), {"answer": "x", "abstained": False, "quotes": []}),
    ]
    figures = answer_figures(rows, documents, [10.0, 20.0])
    assert figures["accuracy"] == pytest.approx(1 / 3, abs=1e-3)
    assert figures["wrong_answers"] == pytest.approx(1 / 3, abs=1e-3)
    assert figures["false_abstentions"] == pytest.approx(1 / 3, abs=1e-3)
    assert figures["correct_abstentions"] == 0.5
    assert figures["verbatim_rate"] == pytest.approx(2 / 3, abs=1e-3)
    assert figures["citation_rate"] == pytest.approx(2 / 3, abs=1e-3)
    assert figures["failed"] == {"wrong": ["b"], "false_abstentions": ["c"], "answered_noanswer": ["n2"]}


def test_cli_run_json_and_plot(bundled_index, tmp_path):
    lines = DEV.read_text(encoding="utf-8").splitlines()
    kinds_seen, picked = set(), []
    for line in lines:  # one question of each of the first kinds, plus a noanswer one
        kind = json.loads(line)["kind"]
        if kind not in kinds_seen and (len(picked) < 5 or kind == "noanswer"):
            kinds_seen.add(kind)
            picked.append(line)
    questions = tmp_path / "q.jsonl"
    questions.write_text("\n".join(picked) + "\n", encoding="utf-8")
    plot = tmp_path / "plots" / "eval.png"
    result = run_module("eval", "run", "--questions", str(questions), "--index", str(bundled_index),
                        "--json", "--plot", str(plot))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"questions", "systems", "answers"} <= set(data)
    assert data["questions"] == len(picked)
    assert list(data["systems"])[:4] == REQUIRED
    for entry in data["systems"].values():
        _check_system(entry)
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and plot.stat().st_size > 5000


# ------------------------------------------------------------------------- BEIR
PASSAGES = [
    ("Tiêm chủng", "Trạm y tế xã tổ chức tiêm chủng mở rộng cho trẻ em dưới một tuổi vào ngày 25 hằng tháng."),
    ("Bảo hiểm y tế", "Bảo hiểm xã hội tỉnh vận động người dân tham gia bảo hiểm y tế hộ gia đình, phấn đấu bao phủ 95%."),
    ("Y tế trường học", "Sở Giáo dục và Đào tạo chủ trì bố trí nhân viên y tế trường học tại các trường mầm non và phổ thông."),
    ("Sốt xuất huyết", "Ngành y tế phát động chiến dịch diệt lăng quăng, bọ gậy để phòng chống sốt xuất huyết trước mùa mưa."),
    ("An toàn thực phẩm", "Đoàn liên ngành kiểm tra bếp ăn tập thể và cơ sở kinh doanh thức ăn đường phố."),
    ("Nhân lực y tế", "Tỉnh có chính sách hỗ trợ nhà ở và phụ cấp thu hút bác sĩ về công tác lâu dài tại các xã miền núi."),
    ("Chuyển đổi số", "Các bệnh viện triển khai bệnh án điện tử và thanh toán viện phí không dùng tiền mặt trong năm 2025."),
    ("Thuốc và vật tư", "Sở Y tế tổ chức đấu thầu tập trung thuốc để các bệnh viện không thiếu thuốc, vật tư y tế."),
    ("Người cao tuổi", "Trung tâm y tế huyện lập hồ sơ quản lý sức khỏe và khám định kỳ miễn phí cho người cao tuổi."),
    ("Dân số", "Chương trình dân số khuyến khích sinh đủ hai con và khám sức khỏe trước khi kết hôn."),
    ("Bệnh không lây nhiễm", "Trạm y tế xã quản lý và điều trị ngoại trú bệnh tăng huyết áp, đái tháo đường tại cộng đồng."),
    ("Cấp cứu", "Hệ thống cấp cứu ngoại viện 115 được mở rộng để xe cứu thương đến hiện trường trong vòng 15 phút."),
    ("Phòng chống HIV", "Các cơ sở điều trị methadone được duy trì cho người nghiện chất dạng thuốc phiện."),
    ("Sức khỏe tâm thần", "Bệnh viện tâm thần tỉnh phối hợp với trạm y tế xã quản lý người bệnh trầm cảm."),
    ("Dinh dưỡng", "Bổ sung vitamin A và cân đo trẻ em giúp giảm tỷ lệ suy dinh dưỡng thấp còi xuống dưới 20%."),
    ("Môi trường y tế", "Chất thải rắn y tế nguy hại phải được phân loại tại nguồn và xử lý bằng lò đốt đạt chuẩn."),
    ("Khám chữa bệnh từ xa", "Bệnh viện tuyến tỉnh hỗ trợ tuyến huyện qua hội chẩn trực tuyến."),
    ("Đào tạo", "Trường cao đẳng y tế mở lớp đào tạo liên tục cho nhân viên y tế thôn bản về sơ cứu ban đầu."),
    ("Y học cổ truyền", "Mỗi trạm y tế xã có vườn thuốc nam và cán bộ được tập huấn về y học cổ truyền."),
    ("Phòng chống dịch", "Ban chỉ đạo phòng chống dịch họp hằng tuần để đánh giá tình hình dịch cúm A."),
    ("Tài chính y tế", "Ngân sách tỉnh bố trí kinh phí xây dựng mới mười hai trạm y tế xã xuống cấp."),
    ("Nước sạch", "Tỷ lệ hộ gia đình nông thôn sử dụng nước sạch hợp vệ sinh đạt 98% vào cuối năm."),
    ("Tai nạn thương tích", "Chương trình phòng chống đuối nước dạy bơi an toàn cho học sinh tiểu học trong dịp hè."),
    ("Thuốc lá", "Cấm hút thuốc lá tại cơ sở y tế, trường học và các địa điểm công cộng trong nhà."),
    ("Sức khỏe sinh sản", "Phụ nữ mang thai được khám thai ít nhất bốn lần và sinh con tại cơ sở y tế."),
    ("Lao", "Chương trình chống lao phát hiện sớm người bệnh lao phổi bằng chụp X-quang lưu động."),
    ("Bệnh viện vệ tinh", "Bệnh viện Trung ương chuyển giao kỹ thuật cho các bệnh viện vệ tinh để giảm quá tải."),
    ("Kiểm soát nhiễm khuẩn", "Nhân viên y tế rửa tay đúng quy trình năm thời điểm để kiểm soát nhiễm khuẩn bệnh viện."),
    ("Sức khỏe nghề nghiệp", "Doanh nghiệp khám sức khỏe định kỳ và phát hiện bệnh nghề nghiệp cho người lao động."),
    ("Hiến máu", "Phong trào hiến máu tình nguyện tiếp nhận hơn mười nghìn đơn vị máu mỗi năm."),
]
QUERIES = [
    ("q1", "Trẻ em được tiêm chủng vào ngày nào hằng tháng?", "d00"),
    ("q2", "Ai chủ trì bố trí nhân viên y tế trong trường học?", "d02"),
    ("q3", "Làm sao để bệnh viện không thiếu thuốc?", "d07"),
    ("q4", "chinh sach thu hut bac si ve xa mien nui", "d05"),
    ("q5", "Xe cấp cứu 115 phải đến hiện trường trong bao lâu?", "d11"),
    ("q6", "Tỷ lệ hộ nông thôn dùng nước sạch là bao nhiêu?", "d21"),
    ("q7", "Xử lý chất thải y tế nguy hại như thế nào?", "d15"),
    ("q8", "Người bệnh tăng huyết áp được quản lý ở đâu?", "d10"),
]


def write_beir(folder: Path) -> Path:
    folder.mkdir(parents=True)
    corpus = [{"_id": f"d{i:02d}", "title": title, "text": text} for i, (title, text) in enumerate(PASSAGES)]
    (folder / "corpus.jsonl").write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in corpus), "utf-8")
    queries = "".join(json.dumps({"_id": qid, "text": text}, ensure_ascii=False) + "\n" for qid, text, _ in QUERIES)
    (folder / "queries.jsonl").write_text(queries, "utf-8")
    (folder / "qrels").mkdir()
    rows = ["query-id\tcorpus-id\tscore"] + [f"{qid}\t{doc}\t1" for qid, _, doc in QUERIES]
    (folder / "qrels" / "test.tsv").write_text("\n".join(rows) + "\n", "utf-8")
    return folder


def test_beir_run(tmp_path):
    from eval.beir import run_beir

    folder = write_beir(tmp_path / "vi-health-mini")
    result = run_beir(folder, cache=tmp_path / "cache")
    assert result["questions"] == len(QUERIES) and result["documents"] == len(PASSAGES)
    assert "answers" not in result
    assert list(result["systems"])[:4] == REQUIRED
    for entry in result["systems"].values():
        _check_system(entry, with_kinds=False)
    assert result["systems"]["hybrid"]["hit@1"] >= 0.5
    limited = run_beir(folder, limit=3, cache=tmp_path / "cache")  # reuses the cached index
    assert limited["questions"] == 3
    assert len(list((tmp_path / "cache").iterdir())) == 1


# ------------------------------------------------------------------- bad input
def test_missing_questions_file_is_one_line_error(tmp_path):
    result = run_module("eval", "run", "--questions", str(tmp_path / "nope.jsonl"), "--json")
    assert_one_line_error(result)
    assert result.returncode == 2


def test_malformed_questions_file_is_one_line_error(tmp_path, bundled_index):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "question": "?"\n', encoding="utf-8")
    result = run_module("eval", "run", "--questions", str(bad), "--index", str(bundled_index))
    assert_one_line_error(result)
    assert result.returncode == 2 and "bad.jsonl:1" in result.stderr


@pytest.mark.parametrize("layout", ["missing", "no-qrels"])
def test_bad_beir_dir_is_one_line_error(tmp_path, layout):
    folder = tmp_path / "beir"
    if layout == "no-qrels":
        write_beir(folder)
        (folder / "qrels" / "test.tsv").unlink()
    result = run_module("eval", "beir", str(folder), "--json")
    assert_one_line_error(result)
    assert result.returncode == 2


def test_question_sets_and_splits(tmp_path):
    """Several question files, one split at a time, and the halves side by side (no model)."""
    from eval.datasets import DatasetError
    from eval.run import _split_groups, format_splits, load_question_sets

    rows = [
        {"id": "t1", "question": "Sở nào chủ trì?", "kind": "agency", "split": "tuning",
         "relevant": [{"source": "a.txt", "text": "Sở Y tế chủ trì"}], "answer": ["Sở Y tế"]},
        {"id": "c1", "question": "Có hiệu lực từ ngày nào?", "kind": "effective_date", "split": "check",
         "relevant": [{"source": "b.txt", "text": "có hiệu lực kể từ ngày ký"}], "answer": ["kể từ ngày ký"]},
    ]
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text(json.dumps(rows[0], ensure_ascii=False) + "\n", encoding="utf-8")
    second.write_text(json.dumps(rows[1], ensure_ascii=False) + "\n", encoding="utf-8")
    both = load_question_sets([first, second])
    assert [q.id for q in both] == ["t1", "c1"] and [q.split for q in both] == ["tuning", "check"]
    assert [q.id for q in load_question_sets([first, second], "check")] == ["c1"]
    assert list(_split_groups(both)) == ["tuning", "check"]
    assert _split_groups(load_questions(DEV)) == {}  # no split field: no halves
    with pytest.raises(DatasetError, match="also in"):
        load_question_sets([first, first])
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({**rows[0], "split": "train"}) + "\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="unknown split"):
        load_question_sets([bad])
    entry = {"hit@1": 1.0, "recall@5": 1.0, "mrr@10": 1.0}
    answers = {"short_accuracy": 1.0, "accuracy": 1.0, "wrong_answers": 0.0, "false_abstentions": 0.0,
               "correct_abstentions": 1.0, "verbatim_rate": 1.0, "citation_rate": 1.0, "p50_ms": 5.0,
               "per_kind": {"agency": {"n": 1, "short_correct": 1}}}
    lines = format_splits({"tuning": {"questions": 1, "systems": {"hybrid": entry}, "answers": answers},
                           "check": {"questions": 1, "systems": {"hybrid": entry},
                                     "answers": {**answers, "per_kind": {}}}})
    text = "\n".join(lines)
    assert "tuning" in text and "check" in text and "short-answer accuracy" in text and "1/1" in text


def test_short_answer_accuracy_counts_only_short_answers_holding_a_form():
    from types import SimpleNamespace

    from eval.run import answer_figures

    documents = {"d": SimpleNamespace(text="x")}
    q = lambda qid, answer: Question(qid, "?", "amount", [Relevant("d.txt", "x")], answer)  # noqa: E731
    rows = [(q("a", ["500.000 đồng"]), {"answer": "mức hỗ trợ 500.000 đồng/người/tháng", "abstained": False, "quotes": []}),
            (q("b", ["500.000 đồng"]), {"answer": "500.000", "abstained": False, "quotes": []}),  # form not held
            (q("c", ["95%"]), {"answer": "x " * 80 + "95%", "abstained": False, "quotes": []})]  # too long
    figures = answer_figures(rows, documents)
    assert figures["short_accuracy"] == pytest.approx(1 / 3, abs=1e-3)
    assert figures["accuracy"] == 1.0  # the either-way containment of the older figure
    assert figures["failed_short"] == ["b", "c"]
    assert figures["per_kind"]["amount"]["short_correct"] == 1

"""``python -m eval sections``: the hand-read section labels and the evaluator's bookkeeping.

The evaluator tests are independent of what the structure parser answers (it is being rewritten):
they check that each label is scored against the parser's own reading at the snippet's offset,
that wrong labels, missing files and absent snippets count wrong, and how results are grouped.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from conftest import BUNDLED_CORPUS, PROJECT_ROOT, assert_one_line_error, run_module

from corpus.errors import UserError
from eval.corpus_eval import split_of
from eval.sections_eval import (
    DEFAULT_LABELS,
    STYLES,
    doc_kind,
    evaluate_sections,
    find_snippet,
    format_sections_report,
    label_style,
    load_section_labels,
    normalize_section,
)

# The citation grammar of the labels (eval/data/README.md): article, attached act, plan part,
# appendix, or "" outside numbered parts.
_ARTICLE = r"(?:điểm [a-zđ] )?(?:khoản \d+[a-zđ]? )?Điều \d+[a-zđ]?"
_PLAN = r"(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ]|\(\d+\))(?:\.(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ]|\(\d+\)))*"
_ATTACHED = rf"(?:{_ARTICLE}|{_PLAN}) của (?:Quy định|Quy chế|Kế hoạch|Chương trình|Nội quy|Đề án|Điều lệ|Hướng dẫn) kèm theo"
_APPENDIX = rf"Phụ lục(?: [IVXLC\d]+[a-z]?)?(?:, (?:mục {_PLAN}|{_ARTICLE}))?"
CITATION = re.compile(rf"^(?:|{_ARTICLE}|{_PLAN}|{_ATTACHED}|{_APPENDIX})$")


def _squeeze(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


# --------------------------------------------------------------------------- the labels file


def test_labels_file_has_the_documented_shape():
    records = load_section_labels(DEFAULT_LABELS)
    for record in records:
        assert set(record) <= {"file", "text", "section", "note"}, record
        assert 25 <= len(_squeeze(record["text"])) <= 150, record
        assert CITATION.match(record["section"]), record["section"]
        assert record["section"] == normalize_section(record["section"]), record
    per_file = Counter(r["file"] for r in records)
    assert max(per_file.values()) <= 4
    real = [r for r in records if doc_kind(r["file"]) != "bundled"]
    assert len(real) >= 160 and len({r["file"] for r in real}) >= 60
    assert {doc_kind(r["file"]) for r in records} == {"tvpl", "congbao", "bundled"}
    bundled = [r for r in records if doc_kind(r["file"]) == "bundled"]
    assert len(bundled) >= 10 and {r["file"] for r in bundled} <= {p.name for p in BUNDLED_CORPUS.glob("*.txt")}
    styles = Counter(label_style(r["section"]) for r in records)
    assert all(styles[style] >= 7 for style in STYLES), styles
    assert {split_of(r["file"]) for r in real} == {"tuning", "check"}


def test_every_snippet_is_verbatim_and_unique_in_the_parsed_text(realdocs):
    from corpus import parse_document

    records = load_section_labels(DEFAULT_LABELS)
    texts: dict[str, str] = {}
    for record in records:
        name = record["file"]
        if name not in texts:
            path = realdocs / "documents" / name
            path = path if path.is_file() else BUNDLED_CORPUS / name
            assert path.is_file(), name
            texts[name] = _squeeze(parse_document(path).text)
        snippet = _squeeze(record["text"])
        assert texts[name].count(snippet) == 1, (name, snippet)


# --------------------------------------------------------------------------- helpers


def test_find_snippet_ignores_line_breaks_and_normal_forms():
    text = "Điều 2. Phạm vi\n\n1. Quyết định này áp dụng\ncho các cơ sở y tế."
    snippet = unicodedata.normalize("NFD", "Quyết định này áp dụng   cho các cơ sở")
    assert find_snippet(text, snippet) == text.index("Quyết định")
    assert find_snippet(text, "không có trong văn bản") is None


@pytest.mark.parametrize("section, style", [
    ("", "none"), ("Điều 2", "article"), ("điểm a khoản 3 Điều 4", "article"),
    ("khoản 2 Điều 5 của Quy định kèm theo", "attached"), ("II.3.b của Kế hoạch kèm theo", "attached"),
    ("II.3.b", "plan"), ("(1)", "plan"), ("Phụ lục I, mục 2.1", "appendix"), ("Phụ lục", "appendix"),
])
def test_label_styles(section, style):
    assert label_style(section) == style
    assert CITATION.match(section)


# --------------------------------------------------------------------------- the evaluator


DECREE = """ỦY BAN NHÂN DÂN
TỈNH THỬ
Số: 12/2025/QĐ-UBND
QUYẾT ĐỊNH
Về việc thử nghiệm

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;

QUYẾT ĐỊNH:

Điều 1. Phạm vi điều chỉnh
1. Quyết định này quy định việc khám sàng lọc cho học sinh.
2. Các trường học phối hợp với trạm y tế xã thực hiện.
Điều 2. Hiệu lực thi hành
Quyết định này có hiệu lực kể từ ngày ký và thay thế các văn bản trước đây.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn A
"""

PLAN = """ỦY BAN NHÂN DÂN
TỈNH THỬ
Số: 7/KH-UBND
KẾ HOẠCH
Tiêm chủng mở rộng

I. MỤC ĐÍCH
1. Bảo đảm tỷ lệ tiêm chủng đầy đủ cho trẻ dưới một tuổi.
II. TỔ CHỨC THỰC HIỆN
1. Sở Y tế
a) Chủ trì hướng dẫn các trạm y tế lập danh sách trẻ.

Nơi nhận:
- Như trên;
"""


@pytest.fixture()
def tiny_corpus(tmp_path) -> tuple[Path, Path, list[dict]]:
    corpus = tmp_path / "docs"
    corpus.mkdir()
    (corpus / "tvpl_901.txt").write_text(DECREE, encoding="utf-8")
    (corpus / "congbao_902.txt").write_text(PLAN, encoding="utf-8")
    labels = [
        {"file": "tvpl_901.txt", "text": "Căn cứ Luật Tổ chức chính quyền địa phương", "section": ""},
        {"file": "tvpl_901.txt", "text": "Quyết định này quy định việc khám sàng lọc cho học sinh.", "section": "khoản 1 Điều 1"},
        {"file": "tvpl_901.txt", "text": "Các trường học phối hợp với\ntrạm y tế xã thực hiện.", "section": "khoản 2 Điều 1"},
        {"file": "tvpl_901.txt", "text": "có hiệu lực kể từ ngày ký và thay thế các văn bản", "section": "Điều 99"},
        {"file": "congbao_902.txt", "text": "Bảo đảm tỷ lệ tiêm chủng đầy đủ cho trẻ dưới một tuổi.", "section": "I.1"},
        {"file": "congbao_902.txt", "text": "Chủ trì hướng dẫn các trạm y tế lập danh sách trẻ.", "section": "II.1.a"},
        {"file": "congbao_902.txt", "text": "câu này không có trong văn bản nào cả, thật vậy", "section": "I"},
        {"file": "tvpl_903.txt", "text": "văn bản này không có trong thư mục văn bản", "section": "Điều 1"},
    ]
    path = tmp_path / "labels.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in labels), encoding="utf-8")
    return corpus, path, labels


def _reading(corpus: Path, label: dict) -> dict[str, str | None]:
    """The parser's two readings at the label's snippet, found here independently of the evaluator."""
    from corpus import parse_document
    from corpus.structure import section_label_at

    path = corpus / label["file"]
    if not path.is_file():
        return {"chunk": None, "tree": None}
    document = parse_document(path)
    squeezed = _squeeze(label["text"])
    start = next((i for i in range(len(document.text)) if _squeeze(document.text[i:i + 3 * len(squeezed)]).startswith(squeezed)
                  and not document.text[i].isspace()), None)
    if start is None:
        return {"chunk": None, "tree": None}
    chunk = next(c for c in document.chunks if c.start <= start < c.end)
    return {"chunk": chunk.section, "tree": section_label_at(document.root, start)}


def test_each_label_is_scored_against_the_parser_at_its_snippet(tiny_corpus):
    corpus, labels_path, labels = tiny_corpus
    result = evaluate_sections(labels_path, [corpus])
    expected_ok = {"chunk": 0, "tree": 0}
    for label in labels:
        got = _reading(corpus, label)
        for reading in ("chunk", "tree"):
            expected_ok[reading] += int(got[reading] is not None and normalize_section(got[reading]) == label["section"])
    assert result["overall"]["total"] == len(labels)
    assert {r: result["overall"][r]["correct"] for r in ("chunk", "tree")} == expected_ok
    # wrong label, absent snippet and missing file are misses whatever the parser says
    missed = {(m["file"], m["expected"]) for m in result["misses"]}
    assert {("tvpl_901.txt", "Điều 99"), ("congbao_902.txt", "I"), ("tvpl_903.txt", "Điều 1")} <= missed
    absent = next(m for m in result["misses"] if m["file"] == "tvpl_903.txt")
    assert absent["chunk"] is None and absent["tree"] is None
    assert any("tvpl_903.txt" in w for w in result["warnings"])
    assert any("congbao_902.txt" in w and "snippet" in w for w in result["warnings"])
    found = [label for label in labels if _reading(corpus, label)["tree"] is not None]
    assert result["outside_chunks"] == sum(_reading(corpus, label)["chunk"] is None for label in found)


def test_results_are_grouped_by_half_kind_and_style(tiny_corpus):
    corpus, labels_path, labels = tiny_corpus
    result = evaluate_sections(labels_path, [corpus])
    assert result["documents"] == 3
    assert set(result["by_kind"]) == {"tvpl", "congbao"}
    assert result["by_kind"]["tvpl"]["total"] == 5 and result["by_kind"]["congbao"]["total"] == 3
    assert {s: t["total"] for s, t in result["by_style"].items()} == {"article": 4, "plan": 3, "none": 1}
    halves = Counter(split_of(label["file"]) for label in labels)
    assert {h: t["total"] for h, t in result["by_half"].items()} == dict(halves)
    for table in [result["overall"], *result["by_kind"].values(), *result["by_style"].values()]:
        for reading in ("chunk", "tree"):
            assert table[reading]["accuracy"] == round(table[reading]["correct"] / table["total"], 4)
    half = next(iter(halves))
    only = evaluate_sections(labels_path, [corpus], split=half)
    assert only["overall"]["total"] == halves[half] and set(only["by_half"]) == {half}
    report = format_sections_report(result)
    assert "style article" in report and "Điều 99" in report


def test_bad_inputs_are_one_line_errors(tmp_path, tiny_corpus):
    corpus, labels_path, _ = tiny_corpus
    with pytest.raises(UserError):
        evaluate_sections(tmp_path / "none.jsonl", [corpus])
    with pytest.raises(UserError):
        evaluate_sections(labels_path, [tmp_path / "no-such-folder"])
    with pytest.raises(UserError):
        evaluate_sections(labels_path, [corpus], split="all")
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"file": "x.txt", "text": "abc"}\n', encoding="utf-8")
    with pytest.raises(UserError):
        load_section_labels(broken)


def test_cli_json_and_missing_shared_folder(tmp_path, tiny_corpus):
    corpus, labels_path, labels = tiny_corpus
    done = run_module("eval", "sections", "--labels", str(labels_path), "--corpus", str(corpus), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["overall"]["total"] == len(labels)
    assert {"by_half", "by_kind", "by_style", "misses", "warnings"} <= set(result)
    missing = run_module("eval", "sections", env={"HEALTHQA_REALDOCS": str(tmp_path / "nowhere")})
    assert_one_line_error(missing)
    assert "HEALTHQA_REALDOCS" in missing.stderr


def test_default_corpora_point_at_shared_and_bundled(realdocs, monkeypatch):
    from eval.sections_eval import default_corpora

    monkeypatch.setenv("HEALTHQA_REALDOCS", str(realdocs))
    assert default_corpora() == [realdocs / "documents", PROJECT_ROOT / "corpus" / "documents"]

"""The draft check over real documents: each kind of error planted once in a sentence written the
way drafts cite acts, and the references the corpus confirms or cannot know.

The knowledge comes from parsed documents (the bundled Kế hoạch 542/KH-UBND of Nghệ An and real
gazette texts from ../shared/realdocs, skipped when absent); no model is needed.
"""

from __future__ import annotations

import json

import pytest

from conftest import BUNDLED_CORPUS, run_module

REAL = ["congbao_007.txt", "congbao_040.txt", "congbao_002.txt"]


@pytest.fixture(scope="module")
def checker(realdocs):
    from corpus import parse_document
    from retriever.draft_check import DocumentSet, DraftChecker

    parsed = [parse_document(realdocs / "documents" / name) for name in REAL]
    parsed.append(parse_document(BUNDLED_CORPUS / "002_de43d9b20077fde2.txt"))
    return DraftChecker(DocumentSet.from_parsed(parsed))


def _one(checker, text, as_of="2025-12-15"):
    findings = checker.check(text, as_of)
    assert len(findings) == 1, [f.text for f in findings]
    finding = findings[0]
    assert text[finding.start:finding.end] == finding.text
    return finding


def test_a_correct_reference_is_confirmed(checker):
    f = _one(checker, "Căn cứ Thông tư số 86/2025/TT-BCA ngày 15/9/2025 của Bộ trưởng Bộ Công an quy định biện pháp…;")
    assert f.verdicts == ["ok"]
    assert f.text == "Thông tư số 86/2025/TT-BCA ngày 15/9/2025 của Bộ trưởng Bộ Công an"
    assert f.correct_citation == "Thông tư số 86/2025/TT-BCA ngày 15/9/2025 của Bộ Công an"
    assert f.confidence >= 0.9 and f.evidence and f.evidence[0].source == "congbao_007.txt"
    assert f.status["state"] == "in_force"


def test_wrong_date_issuer_and_type(checker):
    f = _one(checker, "Căn cứ Thông tư số 86/2025/TT-BCA ngày 16/9/2025 của Bộ trưởng Bộ Công an;")
    assert f.verdicts == ["wrong_date"] and "15/9/2025" in f.correct_citation
    f = _one(checker, "Thực hiện Thông tư số 86/2025/TT-BCA ngày 15/9/2025 của Bộ Y tế,")
    assert f.verdicts == ["wrong_issuer"] and f.correct_citation.endswith("của Bộ Công an")
    f = _one(checker, "Căn cứ Nghị định số 86/2025/TT-BCA ngày 15/9/2025 của Bộ trưởng Bộ Công an;")
    assert f.verdicts == ["wrong_type"] and f.correct_citation.startswith("Thông tư số")


def test_wrong_number_found_from_the_other_facts(checker):
    f = _one(checker, "Căn cứ Thông tư số 68/2025/TT-BCA ngày 15/9/2025 của Bộ trưởng Bộ Công an;")
    assert f.verdicts == ["wrong_number"]
    assert "86/2025/TT-BCA" in f.correct_citation


def test_replaced_act_with_the_quote_that_says_so(checker):
    f = _one(checker, "Căn cứ Thông tư số 57/2019/TT-BCA ngày 11/11/2019 của Bộ trưởng Bộ Công an;")
    assert "replaced" in f.verdicts
    proof = [e for e in f.evidence if e.kind == "status"]
    assert proof and proof[0].source == "congbao_007.txt" and "thay thế" in proof[0].quote


def test_not_yet_in_force_before_its_effective_date(checker):
    f = _one(checker, "Căn cứ Thông tư số 86/2025/TT-BCA ngày 15/9/2025 của Bộ trưởng Bộ Công an;", as_of="2025-10-01")
    assert f.verdicts == ["not_yet_in_force"]
    assert f.status["effective_date"] == "2025-10-13"


def test_unknown_acts_and_local_numbers_of_another_issuer(checker):
    f = _one(checker, "Căn cứ Quyết định số 4178/QĐ-BYT ngày 02/11/2025 của Bộ Y tế;")
    assert f.verdicts == ["unknown"] and f.correct_citation is None
    # 542/KH-UBND is Nghệ An's; another province's 542/KH-UBND is another act: unknown, not wrong_issuer.
    f = _one(checker, "Thực hiện Kế hoạch số 542/KH-UBND ngày 09/7/2024 của UBND tỉnh Quảng Nam,")
    assert f.verdicts == ["unknown"]
    f = _one(checker, "Thực hiện Kế hoạch số 542/KH-UBND ngày 09/7/2024 của Ủy ban nhân dân tỉnh Nghệ An,")
    assert f.verdicts == ["ok"]


def test_check_cli_json(tmp_path, realdocs):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "congbao_007.txt").symlink_to(realdocs / "documents" / "congbao_007.txt")
    draft = "Căn cứ Thông tư số 57/2019/TT-BCA ngày 11/11/2019 của Bộ trưởng Bộ Công an; Căn cứ Quyết định số 4178/QĐ-BYT;"
    result = run_module("retriever", "check", "-", "--corpus", str(corpus), "--json", "--as-of", "2025-12-15",
                        input_text=draft)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [r["verdicts"] for r in data["references"]] == [["replaced"], ["unknown"]]
    first = data["references"][0]
    assert {"text", "start", "end", "act", "verdicts", "correct_citation", "status", "evidence", "confidence"} <= set(first)
    assert draft[first["start"]:first["end"]] == first["text"]
    assert {"quote", "citation", "source"} <= set(first["evidence"][0])
    empty = run_module("retriever", "check", "-", "--corpus", str(corpus), input_text="  ")
    assert empty.returncode != 0 and "Traceback" not in empty.stderr and len(empty.stderr.strip().splitlines()) == 1

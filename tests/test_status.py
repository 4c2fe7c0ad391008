"""Effect status from what real documents say: effective dates, replacement, repeal, expiry.

Real documents from ../shared/realdocs (the ``realdocs`` fixture; skipped when absent): a
Thông tư that takes effect on a stated date and replaces another, a Nghị định that replaces
one and another that declares a list of Nghị định expired and repeals parts of others, a
Nghị quyết that suspends a Nghị định, one in force "kể từ ngày ký".  Status is read from the
parsed documents (no model needed); one small index of them checks ``retriever cite``.
"""

from __future__ import annotations

import json

import pytest

from conftest import run_module

FILES = ["congbao_007.txt", "congbao_040.txt", "congbao_037.txt", "congbao_046.txt", "congbao_043.txt",
         "tvpl_019.txt", "congbao_019.txt"]


@pytest.fixture(scope="module")
def documents(realdocs):
    from corpus import parse_document

    return {name: parse_document(realdocs / "documents" / name) for name in FILES}


@pytest.fixture(scope="module")
def status(documents):
    from retriever.draft_check import DocumentSet
    from retriever.status import StatusIndex

    return StatusIndex(DocumentSet.from_parsed(documents.values()))


def _verbatim(status_index, evidence):
    text = status_index.store.documents[evidence.doc_id].text
    assert text[evidence.start:evidence.end] == evidence.quote


def test_effect_statements_of_a_thong_tu(documents):
    from corpus.effects import find_effect_statements

    doc = documents["congbao_007.txt"]
    found = {(s.relation, s.target.number if s.target else None) for s in find_effect_statements(doc.text)}
    assert ("hieu_luc", None) in found  # "Thông tư này có hiệu lực kể từ ngày 13 tháng 10 năm 2025 …"
    assert ("thay_the", "57/2019/TT-BCA") in found  # "… và thay thế Thông tư 57/2019/TT-BCA …" on the next line


def test_replaced_act_shows_the_replacing_one_with_its_quote(status):
    st = status.status(number_key="57/2019/TT-BCA", as_of="2025-12-15")
    assert st.state == "replaced"
    by = [e for e in st.by if e.relation == "thay_the"]
    assert by and by[0].source == "congbao_007.txt" and by[0].date == "2025-10-13"
    assert "thay thế" in by[0].quote and "57/2019/TT-BCA" in by[0].quote
    _verbatim(status, by[0])
    # Before the replacing Thông tư took effect, the corpus says nothing against it yet.
    assert status.status(number_key="57/2019/TT-BCA", as_of="2025-10-01").state != "replaced"


def test_effective_date_and_not_yet_in_force(status):
    doc_id = next(d for d, s in status.store.documents.items() if s.record.source == "congbao_007.txt")
    assert status.document_status(doc_id, "2025-12-15").state == "in_force"
    early = status.document_status(doc_id, "2025-10-01")
    assert early.state == "not_yet_in_force" and early.effective_date == "2025-10-13"
    _verbatim(status, early.effective_evidence)


def test_in_force_from_signing(status):
    doc_id = next(d for d, s in status.store.documents.items() if s.record.source == "congbao_043.txt")
    record = status.store.documents[doc_id].record
    st = status.document_status(doc_id, "2026-12-01")
    assert st.state == "in_force"
    assert st.effective_date == record.date  # "có hiệu lực kể từ ngày ký ban hành" → the signing date
    assert "ngày ký" in st.effective_evidence.quote


def test_replacement_in_a_nghi_dinh(status):
    st = status.status(number_key="158/2018/NĐ-CP", as_of="2026-12-01")
    assert st.state == "replaced"
    assert any(e.relation == "thay_the" and e.source == "congbao_040.txt" for e in st.by)
    assert status.status(number_key="02/2017/NĐ-CP", as_of="2025-12-15").state == "replaced"


def test_expired_list_and_partial_repeal(status, documents):
    from corpus.effects import find_effect_statements

    statements = find_effect_statements(documents["congbao_037.txt"].text)
    expired = [s for s in statements if s.relation == "het_hieu_luc" and s.target is not None and s.target.number]
    assert expired, "the list after “Các Nghị định sau hết hiệu lực …:” is read"
    assert all(s.on_own_effect for s in expired)
    target = expired[0].target.number
    assert status.status(number_key=target, as_of="2026-12-01").state == "repealed"
    assert status.status(number_key=target, as_of="2026-05-01").state != "repealed"  # before 01/7/2026


def test_suspension_is_listed_but_is_not_a_repeal(status):
    st = status.status(number_key="46/2026/NĐ-CP", as_of="2026-12-01")
    assert any(e.relation == "dinh_chi" and e.source == "congbao_046.txt" for e in st.by)
    assert st.state not in ("repealed", "replaced")


def test_unknown_when_the_corpus_says_nothing(status):
    st = status.status(number_key="999/2020/TT-BYT", as_of="2026-01-01")
    assert st.state == "unknown" and st.by == [] and st.effective_date is None


@pytest.fixture(scope="module")
def status_index_dir(realdocs, tmp_path_factory):
    from index.builder import build_index

    corpus = tmp_path_factory.mktemp("status-corpus")
    for name in FILES[:4]:
        (corpus / name).symlink_to(realdocs / "documents" / name)
    index_dir = tmp_path_factory.mktemp("status-index")
    build_index(corpus, index_dir)
    return index_dir


@pytest.mark.slow
def test_cite_prints_status_with_evidence(status_index_dir):
    result = run_module("retriever", "cite", "57/2019/TT-BCA", "--index", str(status_index_dir), "--json",
                        "--as-of", "2025-12-15")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    status = data["matches"][0]["status"]
    assert status["state"] == "replaced" and status["as_of"] == "2025-12-15"
    entry = next(e for e in status["by"] if e["relation"] == "thay_the")
    assert {"act", "relation", "quote", "citation", "doc_id", "source"} <= set(entry)
    assert entry["source"] == "congbao_007.txt" and "57/2019/TT-BCA" in entry["quote"]
    assert data["matches"][0]["cited_by"]  # the existing fields are still there
    bad = run_module("retriever", "cite", "57/2019/TT-BCA", "--index", str(status_index_dir), "--as-of", "hôm qua")
    assert bad.returncode != 0 and "Traceback" not in bad.stderr

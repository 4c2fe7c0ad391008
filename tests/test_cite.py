"""The citation graph and ``python -m retriever cite`` over real indexes."""

from __future__ import annotations

import json
import re

import pytest

from corpus.errors import UserError
from tests.conftest import assert_one_line_error, run_module


@pytest.fixture(scope="module")
def citations(bundled_index):
    from index.store import IndexStore
    from retriever.citations import CitationIndex

    return CitationIndex(IndexStore.load(bundled_index))


def _sources(entries) -> set[str]:
    return {e["source"][:3] for e in entries}


def _documents_mentioning(citations, pattern: str) -> set[str]:
    """Bundled documents whose cleaned text contains the act number (however it is spaced)."""
    return {d.record.source[:3] for d in citations.store.documents.values() if re.search(pattern, d.text)}


def test_chi_thi_16_lists_kien_an_and_hue(citations):
    result = citations.lookup("16/CT-TTg")
    assert result["act"] == "16/CT-TTg" and len(result["matches"]) == 1
    assert _sources(result["cited_by"]) >= {"000", "001"}
    for entry in result["cited_by"]:
        text = citations.store.documents[entry["doc_id"]].text
        assert entry["quote"] == text[entry["start"]:entry["end"]] and "16/CT-TTg" in entry["quote"]
        assert entry["citation"] and entry["relation"] == "thuc_hien"
        assert all(q["text"] == text[q["start"]:q["end"]] for q in entry["quotes"])
    # A document citing the act several times is listed once, with every quote.
    kien_an = next(e for e in result["cited_by"] if e["source"].startswith("001"))
    assert len(kien_an["quotes"]) >= 2 and kien_an["quote"] == kien_an["quotes"][0]["text"]


@pytest.mark.parametrize("spelling", ["20-NQ/TW", "nghị quyết 20-NQ/TW", "NQ 20", "20- NQ/TW"])
def test_nghi_quyet_20_every_citing_document(citations, spelling):
    expected = _documents_mentioning(citations, r"20\s*-\s*NQ\s*/\s*TW")
    assert expected and _sources(citations.lookup(spelling)["cited_by"]) == expected


@pytest.mark.parametrize("spelling", ["Chỉ thị 25- CT/TW", "25-CT/TW", "ct 25", "chỉ thị 25", "CHI THI 25-ct/tw"])
def test_chi_thi_25_any_spelling(citations, spelling):
    expected = _documents_mentioning(citations, r"25\s*-\s*CT\s*/\s*TW")
    result = citations.lookup(spelling)
    assert result["act"] == "25-CT/TW"
    assert expected and _sources(result["cited_by"]) == expected


def test_relation_filter_accepts_codes_and_words(citations):
    implementing = citations.lookup("25-CT/TW", "thuc_hien")
    assert _sources(implementing["cited_by"]) == {"002"}  # the Nghệ An plan implements it; Yên Bái only mentions it
    assert citations.lookup("25-CT/TW", "thực hiện")["cited_by"] == implementing["cited_by"]
    mention = citations.lookup("25-CT/TW", "nhắc đến")
    assert "003" in _sources(mention["cited_by"])
    assert all(q["relation"] == "nhac_den" for e in mention["cited_by"] for q in e["quotes"])
    with pytest.raises(UserError):
        citations.lookup("25-CT/TW", "ủng hộ")


def test_cites_of_a_corpus_document(citations):
    result = citations.lookup("542/KH-UBND")
    numbers = {e["act"] for e in result["cites"]}
    assert {"281/QĐ-TTg", "1093/QĐ-BYT", "229-KH/TU", "25-CT/TW"} <= numbers
    assert result["matches"][0]["in_corpus"]


def test_unknown_and_unparseable(citations):
    unknown = citations.lookup("99/QĐ-XYZ")
    assert unknown["cited_by"] == [] and unknown["message"]
    with pytest.raises(UserError):
        citations.lookup("xin chào")
    with pytest.raises(UserError):
        citations.lookup("")


def test_most_cited_ordering(citations):
    rows = citations.most_cited()
    counts = [r["count"] for r in rows]
    assert counts == sorted(counts, reverse=True)
    assert {r["act"] for r in rows if r["count"] == counts[0]} >= {"16/CT-TTg", "25-CT/TW", "20-NQ/TW"}
    top = next(r for r in rows if r["act"] == "16/CT-TTg")
    assert top["act_type"] == "Chỉ thị" and top["date"] == "2022-09-20" and len(top["documents"]) == 2
    assert citations.most_cited(3) == rows[:3]


# ----------------------------------------------------------------- same number, different years
_DOCS = {
    "a_2015.txt": """ỦY BAN NHÂN DÂN
TỈNH AN BÌNH

Số: 12/KH-UBND

An Bình, ngày 10 tháng 5 năm 2015

KẾ HOẠCH
Phát triển công nghiệp dược trên địa bàn tỉnh

Thực hiện Quyết định số 376/QĐ-TTg ngày 17/3/2015 của Thủ tướng Chính phủ về chương trình phát triển dược, Ủy ban nhân dân tỉnh ban hành kế hoạch như sau:

1. Sở Y tế chủ trì, phối hợp các sở, ngành triển khai kế hoạch.

2. Sở Tài chính bố trí kinh phí thực hiện.
""",
    "b_2021.txt": """ỦY BAN NHÂN DÂN
TỈNH AN BÌNH

Số: 45/KH-UBND

An Bình, ngày 02 tháng 6 năm 2021

KẾ HOẠCH
Triển khai chương trình phát triển ngành dược giai đoạn mới

Thực hiện Quyết định số 376/QĐ-TTg ngày 17/3/2021 của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh ban hành kế hoạch như sau:

1. Sở Y tế chủ trì tổ chức thực hiện.

2. Các huyện xây dựng kế hoạch của địa phương.
""",
    "c_2022.txt": """SỞ Y TẾ TỈNH AN BÌNH

Số: 88/SYT-NVD

An Bình, ngày 05 tháng 1 năm 2022

Kính gửi: Các bệnh viện trên địa bàn tỉnh.

Căn cứ Quyết định số 376/QĐ-TTg ngày 17/3/2021 của Thủ tướng Chính phủ, Sở Y tế đề nghị các đơn vị rà soát danh mục thuốc sản xuất trong nước.
""",
}


@pytest.fixture(scope="module")
def tiny_citations(tmp_path_factory):
    from index.builder import build_index
    from index.store import IndexStore
    from retriever.citations import CitationIndex

    corpus = tmp_path_factory.mktemp("tiny-corpus")
    for name, text in _DOCS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    index_dir = tmp_path_factory.mktemp("tiny-index")
    build_index(corpus, index_dir)
    return CitationIndex(IndexStore.load(index_dir))


def test_same_number_different_years_stay_apart(tiny_citations):
    both = tiny_citations.lookup("376/QĐ-TTg")
    assert len(both["matches"]) == 2 and both["message"]  # ambiguous: both listed, and we say so
    by_year = {m["year"]: _sources(m["cited_by"]) for m in both["matches"]}
    assert by_year == {2015: {"a_2"}, 2021: {"b_2", "c_2"}}

    only_2015 = tiny_citations.lookup("376/QĐ-TTg năm 2015")
    assert len(only_2015["matches"]) == 1 and _sources(only_2015["cited_by"]) == {"a_2"}
    only_2021 = tiny_citations.lookup("Quyết định 376/QĐ-TTg ngày 17/3/2021")
    assert _sources(only_2021["cited_by"]) == {"b_2", "c_2"}
    basis = tiny_citations.lookup("376/QĐ-TTg năm 2021", "căn cứ")
    assert _sources(basis["cited_by"]) == {"c_2"}
    bare = tiny_citations.lookup("quyết định 376")
    assert len(bare["matches"]) == 2


def test_graph_unit_same_number_years():
    from corpus.model import ActReference, DocumentRecord
    from corpus.citation_graph import build_citation_graph

    def ref(date, relation="thuc_hien"):
        return ActReference("Quyết định", "376/QĐ-TTg", "376/QĐ-TTG", date, None, None, relation, "…", 0, 1, "")

    records = [
        DocumentRecord("a", "a.txt", "", "Kế hoạch", "1/KH-X", "2015-05-10", None, None, None, None,
                       cites=[ref("2015-03-17"), ref(None, "nhac_den")]),  # the undated mention joins 2015
        DocumentRecord("b", "b.txt", "", "Kế hoạch", "2/KH-X", "2021-06-02", None, None, None, None,
                       cites=[ref("2021-03-17")]),
    ]
    acts = build_citation_graph(records)["acts"]
    assert set(acts) == {"376/QĐ-TTG@2015", "376/QĐ-TTG@2021"}
    assert len(acts["376/QĐ-TTG@2015"]["cited_by"]) == 2


# ----------------------------------------------------------------- CLI
def test_cli_cite_json(bundled_index):
    result = run_module("retriever", "cite", "Chỉ thị 25- CT/TW", "--index", str(bundled_index), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["act"] == "25-CT/TW"
    assert set(data) >= {"act", "matches", "cited_by", "cites", "message"}
    entry = data["cited_by"][0]
    assert set(entry) >= {"doc_id", "source", "citation", "quote", "quotes", "heading", "relation"}


def test_cli_cite_relation_and_list(bundled_index):
    implementing = run_module("retriever", "cite", "25-CT/TW", "--relation", "thực hiện",
                              "--index", str(bundled_index), "--json")
    assert implementing.returncode == 0, implementing.stderr
    assert {e["source"][:3] for e in json.loads(implementing.stdout)["cited_by"]} == {"002"}
    listed = run_module("retriever", "cite", "--list", "--index", str(bundled_index), "--json")
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [r["count"] for r in rows] == sorted((r["count"] for r in rows), reverse=True)
    text = run_module("retriever", "cite", "16/CT-TTg", "--index", str(bundled_index))
    assert text.returncode == 0 and "Kiến An" in text.stdout and "Thừa Thiên Huế" in text.stdout


def test_cli_cite_errors_are_one_line(bundled_index):
    assert_one_line_error(run_module("retriever", "cite", "xin chào", "--index", str(bundled_index)))
    assert_one_line_error(run_module("retriever", "cite", "16/CT-TTg", "--relation", "abc",
                                     "--index", str(bundled_index)))

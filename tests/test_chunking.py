"""Chunks (corpus/chunking.py): exact offsets, structure-aligned, sized, table rows rendered."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import parse_document, parse_text
from corpus.chunking import approx_tokens, build_chunks
from corpus.structure import parse_structure
from test_structure import AN_GIANG_CV, CAN_THO_TB, QUANG_NAM_QD

BUNDLED = Path(__file__).resolve().parent.parent / "corpus" / "documents"


def _check_invariants(doc, max_tokens=400):
    ids = [c.chunk_id for c in doc.chunks]
    assert ids == [f"{doc.record.doc_id}:{i:04d}" for i in range(len(ids))]
    previous_end = -1
    for chunk in doc.chunks:
        assert chunk.text == doc.text[chunk.start : chunk.end]
        assert chunk.text == chunk.text.strip() and chunk.text
        assert chunk.start >= previous_end  # in order, never overlapping
        previous_end = chunk.end
        assert approx_tokens(chunk.text) <= max_tokens
        assert chunk.context.endswith(chunk.text) or chunk.kind == "table"
        assert chunk.doc_id == doc.record.doc_id and chunk.source == doc.record.source


def test_header_signature_and_articles():
    doc = parse_text("qd.txt", QUANG_NAM_QD)
    _check_invariants(doc)
    kinds = [c.kind for c in doc.chunks]
    assert kinds[0] == "header" and kinds[-1] == "header"
    assert "Số: 1876/QĐ-UBND" in doc.chunks[0].text
    assert doc.chunks[-1].text.startswith("Nơi nhận:") and doc.chunks[-1].text.endswith("Trần Thị Mai Hương")
    article2 = next(c for c in doc.chunks if "thay thế" in c.text)
    assert article2.section == "Điều 2"
    assert article2.text.startswith("Điều 2.")
    # the context starts with a short label of the document, then the heading path
    first_line, second_line = article2.context.split("\n")[:2]
    assert first_line.startswith("Quyết định 1876/QĐ-UBND: Về việc ban hành")
    assert second_line.startswith("Điều 2.")


def test_chunks_stay_inside_one_heading_section():
    doc = parse_text("cv.txt", AN_GIANG_CV)
    _check_invariants(doc)
    body = [c for c in doc.chunks if c.kind == "body"]
    sections = [c.section for c in body]
    assert "1" in sections and "2" in sections
    for chunk in body:
        assert not ("1. Trung tâm" in chunk.text and "2. Giao" in chunk.text)
    one = next(c for c in body if c.section == "1")
    assert one.heading_path == ["1. Trung tâm Kiểm soát bệnh tật tỉnh"]
    assert one.text.startswith("1. Trung tâm Kiểm soát bệnh tật tỉnh\n- Tăng cường")  # small items packed


def test_table_rows_are_chunks_with_column_names():
    doc = parse_text("tb.txt", CAN_THO_TB)
    _check_invariants(doc)
    rows = [c for c in doc.chunks if c.kind == "table"]
    assert len(rows) == 3
    assert rows[1].text.startswith("2\n") and rows[1].text.endswith("Tháng 12/2024")
    assert rows[1].context.splitlines()[-1] == (
        "Nội dung: Cấp phát vắc xin; Đơn vị chủ trì: Trung tâm Kiểm soát bệnh tật; Bệnh viện Nhi đồng; "
        "Thời hạn: Tháng 12/2024")
    assert rows[1].heading_path == ["PHỤ LỤC I PHÂN CÔNG NHIỆM VỤ"]


def test_long_units_split_at_sentences_then_clauses():
    sentence = "Tăng cường công tác tuyên truyền về phòng chống dịch bệnh tại cộng đồng dân cư"
    long_item = " ".join(f"{sentence} số {i}." for i in range(40))
    clause_only = "; ".join(f"{sentence} số {i}" for i in range(60)) + "."
    text = f"KẾ HOẠCH\nPhòng dịch\nI. NHIỆM VỤ\n1. Sở Y tế\n- {long_item}\n- {clause_only}"
    root = parse_structure(text)
    chunks = build_chunks("d", "kh.txt", text, root, max_tokens=120, target_tokens=80)
    body = [c for c in chunks if c.kind == "body"]
    assert len(body) > 4
    for chunk in body:
        assert chunk.text == text[chunk.start : chunk.end]
        assert approx_tokens(chunk.text) <= 120
        assert chunk.section == "I.1"
        assert chunk.heading_path == ["I. NHIỆM VỤ", "1. Sở Y tế"]
    sentence_chunks = [c for c in body if c.start < text.index("- " + clause_only)]
    assert all(c.text.endswith(".") for c in sentence_chunks)  # never cut inside a sentence
    clause_chunks = [c for c in body if c.start >= text.index("- " + clause_only)]
    assert all(c.text.endswith((";", ".")) for c in clause_chunks)


def test_custom_token_counter_is_used():
    doc = parse_text("cv.txt", AN_GIANG_CV)
    chunks = build_chunks("d", "cv.txt", doc.text, doc.root, count_tokens=lambda s: len(s), max_tokens=200,
                          target_tokens=150)
    assert all(len(c.text) <= 200 for c in chunks if c.kind == "body")


@pytest.fixture(scope="module")
def bundled():
    return {p.name[:3]: parse_document(p) for p in sorted(BUNDLED.glob("*.txt"))}


def test_bundled_chunks(bundled):
    for doc in bundled.values():
        _check_invariants(doc)
        assert doc.chunks[0].kind == "header"
    plan = bundled["002"]
    rows = [c for c in plan.chunks if c.kind == "table"]
    assert len(rows) == 18
    assert "Cơ quan chủ trì: Sở Y tế" in rows[4].context
    assert rows[0].context.splitlines()[-1].endswith("Thời gian hoàn thành: Quý 3/2024")
    education = next(c for c in plan.chunks if "mạng lưới y tế trường học theo hướng" in c.text)
    assert education.section == "V.6"
    assert education.heading_path == ["V. TỔ CHỨC THỰC HIỆN", "6. Sở Giáo dục và Đào tạo"]
    signature = [c for c in plan.chunks if c.kind == "header"][-1]
    assert "Bùi Đình Long" in signature.text
    letter = bundled["001"]
    assert any("Nguyễn Trường Sơn" in c.text and c.kind == "header" for c in letter.chunks)


def test_a_heading_line_over_content_is_never_a_chunk_by_itself():
    """A heading followed by a unit too long to join it must not leave the heading alone."""
    sentence = "Tăng cường công tác truyền thông về y tế cơ sở và chăm sóc sức khỏe ban đầu;"
    # Fits in one chunk (≤ max_tokens) but not together with the heading line.
    long_bullet = "- " + " ".join([sentence] * 13) + " Phối hợp chặt chẽ với các đơn vị liên quan."
    assert 400 - approx_tokens("1. Các sở, ban, ngành cấp tỉnh") < approx_tokens(long_bullet) <= 400
    raw = (
        "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 88/KH-UBND\nĐà Lạt, ngày 02 tháng 5 năm 2025\n\nKẾ HOẠCH\n"
        "Về y tế cơ sở\n\n1. Các sở, ban, ngành cấp tỉnh\n\n" + long_bullet + "\n\n- Báo cáo kết quả hằng quý.\n\n"
        "2. Giao Sở Y tế chủ trì tổng hợp.\n"
    )
    doc = parse_text("lam-dong.txt", raw)
    _check_invariants(doc)
    assert all(c.text != "1. Các sở, ban, ngành cấp tỉnh" for c in doc.chunks)
    bullet_chunk = next(c for c in doc.chunks if c.text.startswith("- Tăng cường"))
    assert bullet_chunk.heading_path[-1].startswith("1. Các sở, ban, ngành cấp tỉnh")
    # a numbered line that is content stays a chunk
    assert any(c.text.startswith("2. Giao Sở Y tế chủ trì") for c in doc.chunks)


WRAPPED_ACT = """QUYẾT ĐỊNH
Về quản lý giá
Điều 1. Phạm vi điều chỉnh
Quyết định này quy định về giá.
Điều 2. Quyết
định này có hiệu lực kể từ ngày ký và thay thế Quyết định số 5/2020/QĐ-UBND.
Điều 3. Mức hỗ trợ
1. Mức đóng bảo hiểm y tế của người tham gia được hỗ trợ theo các mức sau đây:
a) Hộ cận nghèo
- Được hỗ trợ 70% mức đóng.
b) Học sinh, sinh viên
- Được hỗ trợ 30% mức đóng.
2. Bố trí kinh phí
a) Ngân sách tỉnh bảo đảm.
"""


def _covered(chunks, text, snippet):
    at = text.index(snippet)
    return any(c.start <= at and at + len(snippet) <= c.end for c in chunks)


def test_lines_a_labelled_line_wraps_onto_are_in_its_chunk():
    chunks = build_chunks("d", "qd.txt", WRAPPED_ACT, parse_structure(WRAPPED_ACT))
    assert _covered(chunks, WRAPPED_ACT, "định này có hiệu lực kể từ ngày ký")


def test_a_lead_in_sentence_is_quoted_with_its_points_and_a_short_title_is_not_a_chunk():
    chunks = build_chunks("d", "qd.txt", WRAPPED_ACT, parse_structure(WRAPPED_ACT))
    lead = next(c for c in chunks if "theo các mức sau đây:" in c.text)
    assert "Hộ cận nghèo\n- Được hỗ trợ 70%" in lead.text
    assert lead.section == "khoản 1 Điều 3"
    assert not any(c.text.strip() in ("Điều 3. Mức hỗ trợ", "2. Bố trí kinh phí") for c in chunks)
    assert next(c for c in chunks if "Ngân sách tỉnh" in c.text).heading_path[-1] == "2. Bố trí kinh phí"

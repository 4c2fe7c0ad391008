"""Honest build output: documents loaded with warnings are reported, failures are logged."""

from __future__ import annotations

import logging

from corpus import load_corpus
from index.builder import BuildResult


def test_load_corpus_keeps_reader_warnings_of_documents_it_skips(tmp_path) -> None:
    """A PDF without any text is skipped, and the reader's reason stays with it."""
    from test_readers import make_pdf

    (tmp_path / "trang_trang.pdf").write_bytes(make_pdf([[]]))
    (tmp_path / "cv.txt").write_text("SỞ Y TẾ\nSố: 12/SYT\nĐề nghị các đơn vị thực hiện nghiêm túc./.\n", encoding="utf-8")
    load = load_corpus(tmp_path)
    assert [d.record.source for d in load.documents] == ["cv.txt"]
    named = [w for w in load.warnings if w.startswith("trang_trang.pdf:")]
    assert any("không có lớp văn bản" in w for w in named)  # why: the reader's own warning
    assert any("bỏ qua" in w for w in named)  # and that it was left out


def test_cli_prints_a_warning_summary_on_stderr(capsys) -> None:
    from index.__main__ import _report_warnings

    result = BuildResult("built", 2, 10, 1.0, warnings=[
        "scan.pdf: 1/1 trang PDF không có lớp văn bản (scanned pages), đã đọc bằng OCR Tesseract (vie): 1 trang nhận ra chữ",
        "trong.txt: tệp rỗng (empty file)",
        "trong.txt: không có nội dung đọc được, bỏ qua (no text after cleaning)",
    ], ocr_documents=["scan.pdf"])
    _report_warnings(result)
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "Cảnh báo: 3 cảnh báo ở 2 văn bản, 1 đọc bằng OCR:"
    assert err[1].strip().startswith("scan.pdf:") and err[2].strip().startswith("trong.txt:")
    assert result.to_dict()["warnings"] and result.to_dict()["ocr_documents"] == ["scan.pdf"]


def test_segmenter_failure_is_logged_not_swallowed(monkeypatch, caplog) -> None:
    """underthesea raising (simulated: a broken install cannot be produced here) is logged."""
    import corpus.acts as acts

    def broken(line: str) -> list[str]:
        raise RuntimeError("model file missing")

    monkeypatch.setattr(acts, "_sent_tokenize", broken)
    acts.sentence_spans.cache_clear()
    with caplog.at_level(logging.WARNING, logger="corpus.acts"):
        spans = acts.sentence_spans("Căn cứ Luật Bảo hiểm y tế. Thực hiện Chỉ thị 16/CT-TTg.")
    acts.sentence_spans.cache_clear()
    assert spans  # the text is kept as one sentence …
    assert any("sent_tokenize failed" in r.getMessage() and "model file missing" in r.getMessage() for r in caplog.records)

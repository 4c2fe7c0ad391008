"""Scanned PDFs are read by OCR (Tesseract vie), marked as such, and reported by the build.

The scan is made here from a real gazette PDF: one page rasterized with poppler's
``pdftoppm`` and wrapped into an image-only PDF with Pillow — a PDF without a text
layer, like a scanner's.  Skips with the reason when Tesseract, its Vietnamese model or
pdftoppm is absent.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from corpus.ocr import INSTALL_HINT, ocr_problem
from corpus.readers import read_file

GAZETTE = "congbao_015.pdf"  # a short Nghị định, text layer present
PAGE = 2  # 1-based: a page of body text


def _need_ocr() -> None:
    problem = ocr_problem("vie")
    if problem:
        pytest.skip(f"OCR unavailable here: {problem}")
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")


def text_layer(pdf: Path, page: int) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        return document[page - 1].get_textpage().get_text_range()
    finally:
        document.close()


def rasterize(pdf: Path, page: int, out: Path, dpi: int = 300) -> Path:
    """Page ``page`` of ``pdf`` as an image-only PDF at ``out``."""
    from PIL import Image

    stem = out.with_suffix("")
    subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(dpi), "-gray", "-png", "-singlefile",
                    str(pdf), str(stem)], check=True, capture_output=True)
    with Image.open(stem.with_suffix(".png")) as image:
        image.save(out, "PDF", resolution=float(dpi))
    stem.with_suffix(".png").unlink()
    return out


def a_sentence(text: str) -> str:
    """The longest line of the page that reads as text (8+ words)."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return max((line for line in lines if len(line.split()) >= 8), key=len)


@pytest.fixture(scope="module")
def scanned_pdf(realdocs, tmp_path_factory) -> tuple[Path, str]:
    """(image-only PDF of one gazette page, that page's text layer)."""
    _need_ocr()
    source = realdocs / "pdf" / GAZETTE
    if not source.is_file():
        pytest.skip(f"{source} not found")
    folder = tmp_path_factory.mktemp("scan")
    return rasterize(source, PAGE, folder / "cong_bao_quet.pdf"), text_layer(source, PAGE)


@pytest.fixture(scope="module")
def read_scan(scanned_pdf):
    return read_file(scanned_pdf[0], progress=False)


def test_scanned_pdf_has_no_text_layer(scanned_pdf) -> None:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(scanned_pdf[0]))
    assert document[0].get_textpage().get_text_range().strip() == ""
    document.close()


def test_scanned_page_is_read_by_ocr_with_diacritics(scanned_pdf, read_scan) -> None:
    from eval.ocr_eval import cer

    assert read_scan.ocr and read_scan.ocr_pages == [1]
    assert cer(read_scan.text, scanned_pdf[1]) < 0.03
    assert any("OCR" in w and "cong_bao_quet.pdf" in w for w in read_scan.warnings)


def test_document_record_is_marked_ocr(scanned_pdf) -> None:
    from corpus import parse_document

    document = parse_document(scanned_pdf[0])
    assert document.record.ocr is True
    assert any("OCR" in w for w in document.warnings)
    assert document.chunks


def test_without_tesseract_the_warning_names_the_file_and_the_fix(scanned_pdf, monkeypatch, tmp_path) -> None:
    """A machine without Tesseract: PATH holds no tesseract (a real condition, not a mock)."""
    monkeypatch.setenv("PATH", str(tmp_path))
    ocr_problem.cache_clear()
    try:
        raw = read_file(scanned_pdf[0], progress=False)
    finally:
        monkeypatch.undo()
        ocr_problem.cache_clear()
    assert raw.text == "" and not raw.ocr
    assert len(raw.warnings) == 1
    assert raw.warnings[0].startswith("cong_bao_quet.pdf:")
    assert INSTALL_HINT in raw.warnings[0]


@pytest.mark.slow
def test_ocr_pdf_goes_through_index_build_and_is_found_by_search(scanned_pdf, tmp_path) -> None:
    """index build over a tiny corpus (a bundled text, the scan, an empty file) → warnings
    reported, the scan marked OCR'd, and a sentence of the scanned page found by search."""
    from conftest import BUNDLED_CORPUS
    from index.builder import build_index
    from retriever.search import HybridSearcher

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(scanned_pdf[0], corpus / scanned_pdf[0].name)
    shutil.copy(next(iter(sorted(BUNDLED_CORPUS.glob("*.txt")))), corpus)
    (corpus / "trong.txt").write_text("", encoding="utf-8")
    result = build_index(corpus, tmp_path / "index")
    assert result.status == "built" and result.documents == 2
    assert result.ocr_documents == ["cong_bao_quet.pdf"]
    assert any(w.startswith("cong_bao_quet.pdf:") and "OCR" in w for w in result.warnings)
    assert any(w.startswith("trong.txt:") for w in result.warnings)
    assert "warnings" in result.to_dict() and result.to_dict()["ocr_documents"] == ["cong_bao_quet.pdf"]

    again = build_index(corpus, tmp_path / "index")  # a no-op build still says what it kept
    assert again.status == "up_to_date" and again.warnings == result.warnings

    sentence = a_sentence(scanned_pdf[1])
    hit = HybridSearcher.load(tmp_path / "index").search(sentence, k=3).hits[0]
    assert hit.source == "cong_bao_quet.pdf", (sentence, hit.source)

"""OCR quality and speed on rasterized gazette pages: ``python -m eval ocr``.

Each page of a gazette PDF (``<realdocs>/pdf/*.pdf``, text layer present) is rasterized
with poppler's ``pdftoppm`` (a realistic scan: an image, no text), wrapped into an
image-only PDF and read back through ``corpus.readers.read_file`` — the product's own
path (scan detection, pypdfium2 rendering, Tesseract ``vie``).  The OCR text is compared
with the page's text layer: character error rate = Levenshtein distance / reference
length, diacritics included, after NFC and whitespace normalisation (every run of
whitespace is one space; line breaks do not count).  Pages per second is pages / wall time
spent in ``read_file`` (rendering + OCR) on this machine as loaded at the time; CPU seconds
per page (this process plus Tesseract) give the speed on an idle core.

Pages are picked deterministically: the second page of each PDF in name order (the
first holds the two-column header whose reading order differs between OCR and the text
layer), then third pages, and so on, until ``pages`` are chosen.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
import unicodedata
from dataclasses import asdict
from pathlib import Path
from typing import Any

from corpus.errors import UserError

__all__ = ["cer", "normalize_for_cer", "pick_pages", "run_ocr_eval", "format_ocr_report"]


def normalize_for_cer(text: str) -> str:
    """NFC, whitespace runs collapsed to one space, ends stripped."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def cer(hypothesis: str, reference: str) -> float:
    """Character error rate of ``hypothesis`` against ``reference`` (both normalised here)."""
    from rapidfuzz.distance import Levenshtein

    ref, hyp = normalize_for_cer(reference), normalize_for_cer(hypothesis)
    if not ref:
        return 0.0 if not hyp else 1.0
    return Levenshtein.distance(hyp, ref) / len(ref)


def pick_pages(pdfs: list[Path], pages: int) -> list[tuple[Path, int]]:
    """(pdf, 0-based page) pairs: page 2 of each PDF, then page 3…, then page 1."""
    import pypdfium2 as pdfium

    counts = {}
    for pdf in pdfs:
        document = pdfium.PdfDocument(str(pdf))
        counts[pdf] = len(document)
        document.close()
    order = [1, 2, 3, 4, 5, 6, 7, 8, 0]
    chosen: list[tuple[Path, int]] = []
    for page in order:
        for pdf in pdfs:
            if len(chosen) >= pages:
                return chosen
            if page < counts[pdf]:
                chosen.append((pdf, page))
    return chosen


def _text_layer(pdf: Path, page: int) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        return document[page].get_textpage().get_text_range()
    finally:
        document.close()


def _rasterize(pdf: Path, page: int, dpi: int, folder: Path) -> Path:
    """Page ``page`` (0-based) of ``pdf`` as an image-only PDF made from pdftoppm's PNG."""
    from PIL import Image

    stem = folder / f"{pdf.stem}-p{page + 1}"
    subprocess.run(
        ["pdftoppm", "-f", str(page + 1), "-l", str(page + 1), "-r", str(dpi), "-gray", "-png",
         "-singlefile", str(pdf), str(stem)],
        check=True, capture_output=True, timeout=300,
    )
    png = stem.with_suffix(".png")
    scanned = stem.with_name(stem.name + "-scan.pdf")
    with Image.open(png) as image:
        image.save(scanned, "PDF", resolution=float(dpi))
    return scanned


def _cpu_seconds() -> float:
    """User + system CPU time of this process and its finished children (Tesseract)."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_ocr_eval(realdocs: Path, pages: int = 10, scan_dpi: int = 300, settings=None,
                 progress: bool = False) -> dict[str, Any]:
    """CER and pages/s of OCR on ``pages`` rasterized gazette pages (see module doc)."""
    from corpus.ocr import OcrSettings, ocr_problem
    from corpus.readers import read_file

    settings = settings or OcrSettings()
    folder = Path(realdocs) / "pdf"
    pdfs = sorted(folder.glob("*.pdf")) if folder.is_dir() else []
    if not pdfs:
        raise UserError(f"Không có tệp PDF trong {folder}")
    if shutil.which("pdftoppm") is None:
        raise UserError("Không có pdftoppm (cài: apt-get install poppler-utils)")
    problem = ocr_problem(settings.lang)
    if problem:
        raise UserError(problem)
    if pages < 1:
        raise UserError("--pages phải là số nguyên dương")
    rows = []
    total_seconds = total_cpu = 0.0
    total_errors = total_chars = 0
    chosen = pick_pages(pdfs, pages)
    with tempfile.TemporaryDirectory(prefix="ocr-eval-") as tmp:
        iterator = chosen
        if progress:
            from tqdm import tqdm

            iterator = tqdm(chosen, desc="OCR", unit="trang", leave=False)
        for pdf, page in iterator:
            reference = _text_layer(pdf, page)
            scanned = _rasterize(pdf, page, scan_dpi, Path(tmp))
            started, cpu_started = time.perf_counter(), _cpu_seconds()
            raw = read_file(scanned, progress=False, ocr_settings=settings)
            seconds = time.perf_counter() - started
            total_seconds += seconds
            total_cpu += _cpu_seconds() - cpu_started
            rate = cer(raw.text, reference)
            ref_len = len(normalize_for_cer(reference))
            total_errors += round(rate * ref_len)
            total_chars += ref_len
            rows.append({"pdf": pdf.name, "page": page + 1, "chars": ref_len, "cer": round(rate, 4),
                         "seconds": round(seconds, 2), "ocr": raw.ocr})
    return {
        "pages": len(rows),
        "cer": round(total_errors / total_chars, 4) if total_chars else None,  # micro-average
        "cer_mean": round(sum(r["cer"] for r in rows) / len(rows), 4) if rows else None,
        "cer_max": max((r["cer"] for r in rows), default=None),
        "pages_per_second": round(len(rows) / total_seconds, 3) if total_seconds else None,
        "seconds": round(total_seconds, 1),
        # CPU time (this process and Tesseract) per page: the speed on an idle core.
        "cpu_seconds_per_page": round(total_cpu / len(rows), 2) if rows else None,
        "scan_dpi": scan_dpi,
        "settings": asdict(settings),
        "per_page": rows,
    }


def format_ocr_report(result: dict[str, Any]) -> str:
    s = result["settings"]
    lines = [
        f"OCR trên {result['pages']} trang công báo quét (pdftoppm {result['scan_dpi']} dpi), "
        f"Tesseract {s['lang']} psm {s['psm']}, đọc ở {s['dpi']} dpi",
        f"CER (gộp): {result['cer']:.2%}   trung bình trang: {result['cer_mean']:.2%}   "
        f"lớn nhất: {result['cer_max']:.2%}",
        f"Tốc độ: {result['pages_per_second']:.2f} trang/s ({result['seconds']} s); "
        f"CPU {result['cpu_seconds_per_page']} s/trang (≈ {1 / result['cpu_seconds_per_page']:.2f} trang/s trên một lõi rảnh)",
        "",
        f"{'tệp':<22} {'trang':>5} {'ký tự':>7} {'CER':>7} {'giây':>6}",
    ]
    for row in result["per_page"]:
        lines.append(f"{row['pdf']:<22} {row['page']:>5} {row['chars']:>7} {row['cer']:>7.2%} {row['seconds']:>6}")
    return "\n".join(lines)

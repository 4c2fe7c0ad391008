"""Optical character recognition of scanned PDF pages with Tesseract's Vietnamese model.

A page is *scanned* when its text layer holds too little text (see ``needs_ocr``); such
pages are rendered to an image with pypdfium2 and read by Tesseract (``vie`` model)
as a child process.  Tesseract is a system program (Debian: ``tesseract-ocr`` and
``tesseract-ocr-vie``); when it or the Vietnamese model is missing, ``ocr_problem``
says so in one line and callers keep the warning instead of failing.

The settings were chosen with ``python -m eval ocr`` on rasterized gazette pages
(see eval/RESULTS.md): 300 dpi, page segmentation mode 4 (one column of text of
variable sizes), grey image.

>>> OcrSettings().tesseract_config()
'--psm 4 --oem 1'
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from corpus.vietnamese import nfc

if TYPE_CHECKING:  # pragma: no cover
    from PIL.Image import Image

__all__ = ["OcrSettings", "INSTALL_HINT", "needs_ocr", "ocr_problem", "ocr_image", "render_page"]

INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-vie"
# A text layer with fewer visible characters than this is a scan (or a blank page).
MIN_TEXT_CHARS = 20


@dataclass(frozen=True)
class OcrSettings:
    """How pages are rendered and read; the defaults are the measured best (eval ocr)."""

    lang: str = "vie"
    dpi: int = 300
    psm: int = 4
    oem: int = 1  # LSTM engine
    grayscale: bool = True

    def tesseract_config(self) -> str:
        return f"--psm {self.psm} --oem {self.oem}"


def needs_ocr(page_text: str) -> bool:
    """True when a page's text layer is too thin to be the page's text."""
    return sum(1 for c in page_text if not c.isspace()) < MIN_TEXT_CHARS


@lru_cache(maxsize=8)
def ocr_problem(lang: str = "vie") -> str | None:
    """None when Tesseract and the ``lang`` model can run; else a one-line reason."""
    binary = shutil.which("tesseract")
    if binary is None:
        return f"không có Tesseract OCR (tesseract not installed; cài: {INSTALL_HINT})"
    try:
        listed = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as error:
        return f"không chạy được Tesseract ({type(error).__name__}; cài lại: {INSTALL_HINT})"
    langs = {line.strip() for line in (listed.stdout + listed.stderr).splitlines()[1:]}
    if lang not in langs:
        return f"Tesseract thiếu mô hình tiếng Việt '{lang}' (missing language model; cài: {INSTALL_HINT})"
    return None


def render_page(page, dpi: int = 300, grayscale: bool = True) -> Image:
    """A pypdfium2 page as a PIL image at ``dpi``."""
    bitmap = page.render(scale=dpi / 72, grayscale=grayscale)
    return bitmap.to_pil()


def ocr_image(image: Image, settings: OcrSettings = OcrSettings()) -> str:
    """Text Tesseract reads on ``image`` (NFC); RuntimeError when Tesseract fails.

    Tesseract runs as a child process fed a PNG on stdin, with one OpenMP thread
    (``OMP_THREAD_LIMIT=1`` in the child's environment only): on a small shared CPU,
    Tesseract's own threads only slow each other down.
    """
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    command = ["tesseract", "stdin", "stdout", "-l", settings.lang, *settings.tesseract_config().split(),
               "--dpi", str(settings.dpi)]
    try:
        done = subprocess.run(command, input=buffer.getvalue(), capture_output=True, timeout=600,
                              env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    except (OSError, subprocess.SubprocessError) as error:
        raise RuntimeError(f"không chạy được Tesseract ({type(error).__name__}: {error})") from error
    if done.returncode != 0:
        message = " ".join(done.stderr.decode("utf-8", "replace").split())[:300]
        raise RuntimeError(f"Tesseract lỗi (exit {done.returncode}): {message}")
    return nfc(done.stdout.decode("utf-8", "replace"))

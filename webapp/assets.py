"""Static CSS and JavaScript of the app (``webapp/static``), read once."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

STATIC = Path(__file__).parent / "static"
# System fonts with full Vietnamese coverage (the bundled web font lacks some glyphs).
FONTS = ["Segoe UI", "Roboto", "Noto Sans", "Helvetica Neue", "Arial", "Liberation Sans", "DejaVu Sans", "sans-serif"]
MONO_FONTS = ["Consolas", "Noto Sans Mono", "Liberation Mono", "DejaVu Sans Mono", "monospace"]


@lru_cache(maxsize=None)
def static_text(name: str) -> str:
    return (STATIC / name).read_text("utf-8")


def css() -> str:
    return static_text("app.css")


def copy_js() -> str:
    """Runs once per gr.HTML component; delegated, so it survives every re-render."""
    return static_text("copy.js")


def scroll_to_passage_js() -> str:
    return static_text("scroll.js")

"""Is a gazette PDF read as cleanly as its text sibling?  ``python -m eval pdf``.

For every ``<realdocs>/pdf/NAME.pdf`` with a ``<realdocs>/documents/NAME.txt`` sibling,
both are parsed with ``corpus.parse_document`` (the PDF through its text layer) and
compared on:

* header facts: the record fields number, type, date, issuer, signer and title, equal
  after whitespace normalisation;
* body sentences: the cleaned texts are cut into sentences (whitespace-normalised, split
  after ``.;:!?``, at least four words); ``txt_in_pdf`` is the share of the text file's
  sentences found verbatim in the PDF's cleaned text, ``pdf_in_txt`` the converse (a low
  value means chrome the PDF kept and the text file did not).
"""

from __future__ import annotations

import re
import time
import unicodedata
from pathlib import Path
from typing import Any

from corpus.errors import UserError

__all__ = ["FIELDS", "body_sentences", "compare_pair", "run_pdf_eval", "format_pdf_report"]

FIELDS = ("number", "type", "date", "issuer", "signer", "title")
_SPLIT = re.compile(r"(?<=[.;:!?])\s+")


def _flat(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def body_sentences(text: str, min_words: int = 4) -> list[str]:
    """Whitespace-normalised sentences of ``text`` with at least ``min_words`` words."""
    return [s for s in _SPLIT.split(_flat(text)) if len(s.split()) >= min_words]


def _share(sentences: list[str], other: str) -> float:
    if not sentences:
        return 1.0
    return sum(1 for s in sentences if s in other) / len(sentences)


def compare_pair(txt: Path, pdf: Path) -> dict[str, Any]:
    """Field agreement and sentence overlap of one text/PDF pair."""
    from corpus import parse_document

    started = time.perf_counter()
    a = parse_document(txt)
    b = parse_document(pdf)
    seconds = time.perf_counter() - started
    fields = {}
    for name in FIELDS:
        left, right = _flat(getattr(a.record, name)), _flat(getattr(b.record, name))
        fields[name] = {"txt": left or None, "pdf": right or None, "same": left == right}
    flat_a, flat_b = _flat(a.text), _flat(b.text)
    sa, sb = body_sentences(a.text), body_sentences(b.text)
    return {
        "name": pdf.stem,
        "fields": fields,
        "same_fields": sum(1 for f in fields.values() if f["same"]),
        "txt_sentences": len(sa),
        "pdf_sentences": len(sb),
        "txt_in_pdf": round(_share(sa, flat_b), 4),
        "pdf_in_txt": round(_share(sb, flat_a), 4),
        "pdf_warnings": b.warnings,
        "seconds": round(seconds, 2),
    }


def run_pdf_eval(realdocs: Path, limit: int | None = None, progress: bool = False) -> dict[str, Any]:
    """Compare every PDF of ``realdocs/pdf`` with its ``documents/`` text sibling."""
    realdocs = Path(realdocs)
    pairs = [(realdocs / "documents" / f"{pdf.stem}.txt", pdf) for pdf in sorted((realdocs / "pdf").glob("*.pdf"))]
    pairs = [(t, p) for t, p in pairs if t.is_file()][:limit]
    if not pairs:
        raise UserError(f"Không có cặp PDF/TXT nào trong {realdocs} (cần pdf/NAME.pdf và documents/NAME.txt)")
    iterator = pairs
    if progress:
        from tqdm import tqdm

        iterator = tqdm(pairs, desc="PDF/TXT", unit="tệp", leave=False)
    rows = [compare_pair(t, p) for t, p in iterator]
    n = len(rows)
    per_field = {name: round(sum(r["fields"][name]["same"] for r in rows) / n, 4) for name in FIELDS}
    total_a = sum(r["txt_sentences"] for r in rows)
    total_b = sum(r["pdf_sentences"] for r in rows)
    return {
        "pairs": n,
        "fields_same": per_field,
        "all_fields_same": round(sum(r["same_fields"] for r in rows) / (n * len(FIELDS)), 4),
        "txt_in_pdf": round(sum(r["txt_in_pdf"] * r["txt_sentences"] for r in rows) / total_a, 4) if total_a else None,
        "pdf_in_txt": round(sum(r["pdf_in_txt"] * r["pdf_sentences"] for r in rows) / total_b, 4) if total_b else None,
        "per_pair": rows,
    }


def format_pdf_report(result: dict[str, Any]) -> str:
    lines = [
        f"PDF (lớp văn bản) so với TXT: {result['pairs']} cặp",
        "Trường giống nhau: " + ", ".join(f"{k} {v:.0%}" for k, v in result["fields_same"].items())
        + f" — tất cả {result['all_fields_same']:.1%}",
        f"Câu của TXT có trong PDF: {result['txt_in_pdf']:.1%}   câu của PDF có trong TXT: {result['pdf_in_txt']:.1%}",
        "",
        f"{'tệp':<14} {'trường':>6} {'txt⊂pdf':>8} {'pdf⊂txt':>8}  khác nhau",
    ]
    for row in result["per_pair"]:
        diffs = "; ".join(f"{k}: {v['txt']!r} ≠ {v['pdf']!r}"[:160] for k, v in row["fields"].items() if not v["same"])
        lines.append(f"{row['name']:<14} {row['same_fields']:>4}/6 {row['txt_in_pdf']:>8.1%} {row['pdf_in_txt']:>8.1%}  {diffs}")
    return "\n".join(lines)

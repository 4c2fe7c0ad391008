"""Section citations on real documents against labels written by hand: ``python -m eval sections``.

An answer quotes a passage with a citation "type number date issuer, <section>"; the section is
the part of the document a clerk would name. Each label (JSON lines) gives a ``file``, a verbatim
``text`` snippet of its body (25–150 characters) and the ``section`` a clerk writes for it:

* inside an article: "Điều 2", "khoản 1 Điều 2", "điểm a khoản 3 Điều 4" (Chương/Mục not written);
* inside an act attached after the signature: "… của Quy định kèm theo" (Quy chế, Kế hoạch, …);
* numbered plan parts: "I", "II.3", "II.3.b", "(1)" kept as is;
* inside an appendix: "Phụ lục I" / "Phụ lục", "Phụ lục I, mục 2.1", "Phụ lục I, khoản 1 Điều 2";
* outside any numbered part: "".

For each label the document is parsed (``corpus.parse_document``), the snippet is found in the
cleaned text (NFC, white space collapsed on both sides) and two readings are scored against the
label, exactly after the same normalisation: the ``section`` of the chunk holding the snippet's
start (what an answer cites) and ``section_label_at(root, offset)`` (the tree itself). Results are
grouped by half (``split_of``), document kind (tvpl / congbao / bundled) and label style
(article / attached / plan / appendix / none).
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from typing import Any

from corpus.errors import UserError
from eval.corpus_eval import kind_of, read_label_lines, split_of

__all__ = ["READINGS", "STYLES", "default_corpora", "evaluate_sections", "find_snippet", "format_sections_report",
           "label_style", "load_section_labels", "normalize_section"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LABELS = PROJECT_ROOT / "eval" / "data" / "realdocs_sections.jsonl"
BUNDLED_CORPUS = PROJECT_ROOT / "corpus" / "documents"
READINGS = ("chunk", "tree")
STYLES = ("article", "attached", "plan", "appendix", "none")
SPLITS = ("tuning", "check")


def normalize_section(value: Any) -> str:
    """NFC, white space collapsed, ends trimmed; ``None`` reads as ""."""
    return " ".join(unicodedata.normalize("NFC", value or "").split())


def label_style(section: str) -> str:
    """Style of a label: appendix / attached / article / plan / none."""
    section = normalize_section(section)
    if not section:
        return "none"
    if section.startswith("Phụ lục"):
        return "appendix"
    if " kèm theo" in section:
        return "attached"
    if re.search(r"\bĐiều \d", section):
        return "article"
    return "plan"


def doc_kind(file_name: str) -> str:
    """tvpl / congbao for the real documents, "bundled" for anything else."""
    kind = kind_of(file_name)
    return kind if kind != "other" else "bundled"


def _collapse_with_map(text: str) -> tuple[str, list[int]]:
    """``text`` with every run of white space made one space, and for each character of the
    result its offset in ``text``."""
    out: list[str] = []
    positions: list[int] = []
    in_space = False
    for index, char in enumerate(text):
        if char.isspace():
            if not in_space and out:
                out.append(" ")
                positions.append(index)
            in_space = True
            continue
        in_space = False
        out.append(char)
        positions.append(index)
    return "".join(out), positions


def find_snippet(text: str, snippet: str) -> int | None:
    """Offset in ``text`` (already NFC, as the cleaned text is) where ``snippet`` starts, comparing
    after NFC and white-space collapsing; ``None`` when absent."""
    collapsed, positions = _collapse_with_map(unicodedata.normalize("NFC", text))
    needle = normalize_section(snippet)
    if not needle:
        return None
    found = collapsed.find(needle)
    return positions[found] if found >= 0 else None


def load_section_labels(path: Path) -> list[dict[str, Any]]:
    """Records of a labels file; one-line UserError on a missing file or a malformed line."""
    records = [record for _, record in read_label_lines(path, ("file", "text", "section"))]
    if not records:
        raise UserError(f"Không có nhãn nào trong {path}")
    return records


def default_corpora() -> list[Path]:
    """The real documents (``HEALTHQA_REALDOCS`` or ``../shared/realdocs`` beside the project) and the
    bundled corpus; one-line UserError when the real documents are absent."""
    realdocs = Path(os.environ.get("HEALTHQA_REALDOCS", PROJECT_ROOT.parent / "shared" / "realdocs"))
    if not (realdocs / "documents").is_dir():
        raise UserError(f"Không tìm thấy văn bản thật tại {realdocs}/documents "
                        "(đặt HEALTHQA_REALDOCS hoặc ../shared cạnh dự án, hoặc dùng --corpus)")
    return [realdocs / "documents", BUNDLED_CORPUS]


def _chunk_section(chunks, offset: int) -> str | None:
    for chunk in chunks:
        if chunk.start <= offset < chunk.end:
            return chunk.section
    return None


def uncovered_text(document) -> tuple[int, int]:
    """(non-space characters of the cleaned text in no chunk, all non-space characters): text
    an answer can never quote.  Headings that only stand in the chunks' heading paths count."""
    covered = [False] * len(document.text)
    for chunk in document.chunks:
        covered[chunk.start : chunk.end] = [True] * (chunk.end - chunk.start)
    solid = [not ch.isspace() for ch in document.text]
    return sum(1 for s, c in zip(solid, covered) if s and not c), sum(solid)


def _tally(outcomes: list[dict[str, Any]]) -> dict[str, Any]:
    table: dict[str, Any] = {"total": len(outcomes)}
    for reading in READINGS:
        correct = sum(o["ok"][reading] for o in outcomes)
        table[reading] = {"correct": correct, "accuracy": round(correct / len(outcomes), 4) if outcomes else 0.0}
    return table


def evaluate_sections(labels: Path = DEFAULT_LABELS, corpora: list[Path] | None = None,
                      split: str | None = None) -> dict[str, Any]:
    """Accuracy of the chunk's and the tree's section against every label, grouped; every miss.

    ``corpora``: folders searched in order for each labelled file (the first holding it wins).
    """
    from corpus import parse_document
    from corpus.readers import UnreadableDocument
    from corpus.structure import section_label_at

    if split is not None and split not in SPLITS:
        raise UserError(f"--split phải là một trong {', '.join(SPLITS)}")
    corpora = [Path(c) for c in corpora or []]
    for folder in corpora:
        if not folder.is_dir():
            raise UserError(f"Không tìm thấy thư mục văn bản: {folder}")
    records = load_section_labels(labels)
    documents: dict[str, Any] = {}
    outcomes: list[dict[str, Any]] = []
    warnings: list[str] = []
    for record in records:
        file_name = record["file"]
        half = split_of(file_name)
        if split is not None and half != split:
            continue
        if file_name not in documents:
            path = next((folder / file_name for folder in corpora if (folder / file_name).is_file()), None)
            document = None
            if path is None:
                warnings.append(f"{file_name}: không có trong thư mục văn bản (file missing; its labels count wrong)")
            else:
                try:
                    document = parse_document(path)
                except UnreadableDocument as error:
                    warnings.append(str(error).splitlines()[0])
            documents[file_name] = document
        document = documents[file_name]
        expected = normalize_section(record["section"])
        got = {"chunk": None, "tree": None}
        offset = find_snippet(document.text, record["text"]) if document is not None else None
        if document is not None and offset is None:
            warnings.append(f"{file_name}: không thấy đoạn trích {record['text'][:40]!r} (snippet not in the cleaned text)")
        if offset is not None:
            got = {"chunk": _chunk_section(document.chunks, offset), "tree": section_label_at(document.root, offset)}
        ok = {reading: int(got[reading] is not None and normalize_section(got[reading]) == expected)
              for reading in READINGS}
        outcomes.append({"file": file_name, "kind": doc_kind(file_name), "half": half,
                         "style": label_style(expected), "text": record["text"], "expected": expected,
                         "got": got, "ok": ok, "outside_chunks": offset is not None and got["chunk"] is None})
    result: dict[str, Any] = {
        "labels": str(labels),
        "corpora": [str(c) for c in corpora],
        "split": split or "all",
        "documents": len({o["file"] for o in outcomes}),
        "overall": _tally(outcomes),
        "by_half": {h: _tally([o for o in outcomes if o["half"] == h]) for h in SPLITS
                    if any(o["half"] == h for o in outcomes)},
        "by_kind": {k: _tally([o for o in outcomes if o["kind"] == k]) for k in ("tvpl", "congbao", "bundled")
                    if any(o["kind"] == k for o in outcomes)},
        "by_style": {s: _tally([o for o in outcomes if o["style"] == s]) for s in STYLES
                     if any(o["style"] == s for o in outcomes)},
        # snippets found in the text but covered by no chunk (text an answer can never quote)
        "outside_chunks": sum(o["outside_chunks"] for o in outcomes),
        "uncovered_text": _uncovered([d for d in documents.values() if d is not None]),
        "misses": [{"file": o["file"], "half": o["half"], "style": o["style"], "text": o["text"][:60],
                    "expected": o["expected"], "chunk": o["got"]["chunk"], "tree": o["got"]["tree"]}
                   for o in outcomes if not all(o["ok"].values())],
        "warnings": warnings,
    }
    return result


def _uncovered(documents: list[Any]) -> dict[str, Any]:
    pairs = [uncovered_text(d) for d in documents]
    missing, total = sum(p[0] for p in pairs), sum(p[1] for p in pairs)
    return {"characters": missing, "of": total, "share": round(missing / total, 4) if total else 0.0}


def _cell(table: dict[str, Any], reading: str) -> str:
    tally = table[reading]
    return f"{tally['accuracy']:.2f} ({tally['correct']}/{table['total']})"


def format_sections_report(result: dict[str, Any]) -> str:
    """Markdown table (chunk section and tree label accuracy per group), then every miss."""
    lines = [f"labels: {result['labels']}   split: {result['split']}   documents: {result['documents']}", "",
             "group | labels | chunk.section | section_label_at", "--- | --- | --- | ---"]
    rows = [("**all**", result["overall"])]
    rows += [(f"half {name}", table) for name, table in result["by_half"].items()]
    rows += [(f"kind {name}", table) for name, table in result["by_kind"].items()]
    rows += [(f"style {name}", table) for name, table in result["by_style"].items()]
    for name, table in rows:
        lines.append(f"{name} | {table['total']} | {_cell(table, 'chunk')} | {_cell(table, 'tree')}")
    uncovered = result["uncovered_text"]
    lines += ["", f"snippets covered by no chunk (chunk section None): {result['outside_chunks']}",
              f"text of the labelled documents in no chunk: {uncovered['share']:.2%} "
              f"({uncovered['characters']}/{uncovered['of']} non-space characters; headings kept only in paths count)",
              "", f"misses ({len(result['misses'])}):"]
    for miss in result["misses"]:
        lines.append(f"  {miss['file']} [{miss['style']}] {miss['text'][:40]!r}: expected {miss['expected']!r}, "
                     f"chunk {miss['chunk']!r}, tree {miss['tree']!r}")
    for warning in result["warnings"]:
        lines.append(f"warning: {warning}")
    return "\n".join(lines)

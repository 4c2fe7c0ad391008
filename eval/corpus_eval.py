"""Header facts of real documents against records read by hand: ``python -m eval corpus``.

Each expected record (JSON lines) names a ``file`` of the corpus folder and some of the
fields ``number``, ``type``, ``date`` (ISO), ``issuer`` (short form), ``signer`` and
``title``; a field absent from a record is not scored, a field that is ``null`` means the
document does not say it, so the parser must give nothing (``None`` or "").

Comparison normalisation (``normalize_field``), the same on both sides:

* every field: Unicode NFC, old/new tone placement folded ("hoà" = "hòa"), case folded,
  white space collapsed, ``*`` emphasis marks dropped, the wrong "Ð" (U+00D0) read as "Đ";
* ``number``: all white space removed ("3783/QĐ- UBND" = "3783/QĐ-UBND");
* ``issuer``: "UBND"/"HĐND" = "Ủy ban nhân dân"/"Hội đồng nhân dân"; a parent organ the label
  gives in parentheses ("Cục Thuế (Bộ Tài chính)") may be given or left out by the parser, and a
  parent people's committee or council may be given by its place only ("Trung tâm X (UBND thành
  phố Hà Nội)" = "Trung tâm X thành phố Hà Nội", as "Sở Y tế tỉnh An Giang" is written);
* ``title``: trailing punctuation, footnote digits glued to a word and a leading "V/v"/"Về việc" of a
  letter's subject line are ignored;
* ``date``: ISO text compared as is.

Files are grouped by *kind* for the report only: the file-name prefix ``tvpl`` (legal-database
pages), ``congbao`` (gazette texts), anything else ``other``; the parser never sees it.  The
labelled files are split once into two halves by a hash of the file name (``split_of``): rules
are tuned on ``tuning`` and checked on ``check``; both are reported.

``strip_portal_table=True`` removes the legal-database page's own metadata table (Số hiệu,
Loại văn bản, …) from the raw text before parsing, to measure documents that lack it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.errors import UserError
from corpus.lexicon import PORTAL_FIELDS, expand_organ_abbreviations
from corpus.vietnamese import match_key, tone_key

__all__ = ["FIELDS", "evaluate_corpus", "format_corpus_report", "kind_of", "load_expected", "normalize_field",
           "read_label_lines", "split_of", "strip_portal_table"]

FIELDS = ("number", "type", "date", "issuer", "signer", "title")
SPLITS = ("tuning", "check", "all")
KINDS = ("tvpl", "congbao")


def kind_of(file_name: str) -> str:
    """Report group of a file: its name prefix when it is a known source, else "other"."""
    prefix = re.split(r"[_\-.\d]", file_name, maxsplit=1)[0].lower()
    return prefix if prefix in KINDS else "other"


def split_of(file_name: str) -> str:
    """ "tuning" or "check": a fixed half of the labelled files, by sha1 of the file name."""
    return "tuning" if int(hashlib.sha1(file_name.encode("utf-8")).hexdigest()[:8], 16) % 2 == 0 else "check"


# --------------------------------------------------------------------------- normalisation


def _base(value: str) -> str:
    value = value.replace("\u00d0", "Đ").replace("*", "")
    return " ".join(tone_key(value).split())


def normalize_field(field: str, value: Any) -> str:
    """Comparison form of one field value ("" for missing)."""
    if value is None:
        return ""
    if field == "issuer":
        return _base(expand_organ_abbreviations(str(value).replace("\u00d0", "Đ")))
    value = _base(str(value))
    if field == "number":
        return re.sub(r"\s+", "", value)
    if field == "title":
        value = re.sub(r"^(?:v/v|về việc)\s*:?\s*", "", value)  # a letter's subject, with or without its "V/v"
        value = re.sub(r"(?<=[^\W\d])\d+(?=\s|$)", "", value)  # footnote digits: "thông tư1"
        return value.strip(" .;:,")
    if field == "signer":
        return value.strip(" .,;")
    return value


def _issuer_matches(expected: str, got: str) -> bool:
    want = normalize_field("issuer", expected)
    have = normalize_field("issuer", got)
    if want == have:
        return True
    parent = re.search(r"\s*\(([^)]*)\)\s*$", want)
    if not parent:
        return False
    without_parent = want[: parent.start()].strip()
    if have == without_parent:
        return True
    # "X (UBND thành phố Y)" may be written "X thành phố Y": the parent council lends only its place.
    council = re.match(r"^(?:ủy ban nhân dân|hội đồng nhân dân)\s+(.+)$", parent.group(1))
    return bool(council) and have == f"{without_parent} {council.group(1)}"


def field_matches(field: str, expected: Any, got: Any) -> bool:
    """True when the parser's value equals the label after normalisation; null label = nothing given."""
    if expected is None:
        return normalize_field(field, got) == ""
    if field == "issuer":
        return _issuer_matches(expected, got or "")
    return normalize_field(field, expected) == normalize_field(field, got)


# --------------------------------------------------------------------------- input


def read_label_lines(path: Path, fields: tuple[str, ...]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, record) of a JSON-lines labels file whose records hold string ``fields``;
    a missing file or a malformed line is a one-line UserError."""
    path = Path(path)
    if not path.is_file():
        raise UserError(f"Không tìm thấy tệp nhãn (labels file not found): {path}")
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise UserError(f"{path}:{number}: dòng JSON không hợp lệ ({error.msg})") from None
        if not isinstance(record, dict) or not all(isinstance(record.get(k), str) for k in fields):
            raise UserError(f"{path}:{number}: cần các trường {', '.join(fields)} (chuỗi)")
        yield number, record


def load_expected(paths: list[Path]) -> tuple[list[dict[str, Any]], list[str]]:
    """Expected records of every file, merged field by field (a later file wins on a field both give);
    (records, warnings)."""
    records: dict[str, dict[str, Any]] = {}
    warnings: list[str] = []
    for path in paths:
        for number, record in read_label_lines(path, ("file",)):
            known = records.setdefault(record["file"], {})
            changed = [k for k, v in record.items() if k in known and known[k] != v and k != "note"]
            if changed:
                warnings.append(f"{path}:{number}: {record['file']}: nhãn mới cho {', '.join(changed)} (labelled twice)")
            known.update(record)
    if not records:
        raise UserError(f"Không có nhãn nào trong {', '.join(map(str, paths))}")
    return list(records.values()), warnings


_PORTAL_LABEL = re.compile(rf"^\W*(?:{'|'.join(PORTAL_FIELDS)})\s*:\W*$")
_PORTAL_INLINE = re.compile(rf"^\W*(?:{'|'.join(PORTAL_FIELDS)})\s*:\s*\S")


def strip_portal_table(raw: str) -> str:
    """The raw text without the legal-database metadata table (each field label and its value)."""
    lines = raw.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        key = match_key(lines[index].replace("*", "")).strip()
        if not key and lines[index].strip() == "**" and index + 1 < len(lines) and _PORTAL_LABEL.match(
                match_key(lines[index + 1].replace("*", "")).strip()):
            index += 1  # "**" then "Ngày hiệu lực:**": a label split over two lines
            continue
        if _PORTAL_LABEL.match(key):
            index += 1
            while index < len(lines) and lines[index].strip() in ("", "|"):
                index += 1
            index += 1  # the value line
            continue
        if _PORTAL_INLINE.match(key):
            index += 1
            continue
        out.append(lines[index])
        index += 1
    return "\n".join(out)


# --------------------------------------------------------------------------- evaluation


@dataclass
class _Tally:
    correct: int = 0
    total: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total,
                "accuracy": round(self.correct / self.total, 4) if self.total else None}


def _table(outcomes: list[dict[str, Any]]) -> dict[str, Any]:
    fields = {field: _Tally() for field in FIELDS}
    overall = _Tally()
    for outcome in outcomes:
        for field, ok in outcome["scores"].items():
            fields[field].total += 1
            overall.total += 1
            fields[field].correct += ok
            overall.correct += ok
    return {"documents": len(outcomes),
            "fields": {field: tally.to_dict() for field, tally in fields.items() if tally.total},
            "overall": overall.to_dict()}


def _group(outcomes: list[dict[str, Any]]) -> dict[str, Any]:
    table = _table(outcomes)
    kinds = sorted({o["kind"] for o in outcomes})
    table["by_kind"] = {kind: _table([o for o in outcomes if o["kind"] == kind]) for kind in kinds}
    return table


def _parse(path: Path, portal_table: bool):
    from corpus import describe_text
    from corpus.readers import read_file

    raw = read_file(path)
    text = raw.text if portal_table else strip_portal_table(raw.text)
    record, _, _ = describe_text(raw.source, text)
    return record, raw.warnings


def evaluate_corpus(corpus: Path, expected: list[Path], split: str = "all",
                    strip_portal: bool = False) -> dict[str, Any]:
    """Per-field accuracy overall, per half and per kind, and every miss (expected vs got)."""
    from corpus.readers import UnreadableDocument

    if split not in SPLITS:
        raise UserError(f"--split phải là một trong {', '.join(SPLITS)}")
    corpus = Path(corpus)
    if not corpus.is_dir():
        raise UserError(f"Không tìm thấy thư mục văn bản: {corpus}")
    records, warnings = load_expected([Path(p) for p in expected])
    outcomes: list[dict[str, Any]] = []
    for label in sorted(records, key=lambda r: r["file"]):
        half = split_of(label["file"])
        if split != "all" and half != split:
            continue
        path = corpus / label["file"]
        got: dict[str, Any] = {}
        if not path.is_file():
            warnings.append(f"{label['file']}: không có trong {corpus} (file missing; every field counted wrong)")
        else:
            try:
                record, read_warnings = _parse(path, portal_table=not strip_portal)
                got = record.to_dict()
                warnings.extend(read_warnings)
            except UnreadableDocument as error:
                warnings.append(str(error).splitlines()[0])
        scores, misses = {}, []
        for field in FIELDS:
            if field not in label:
                continue
            ok = field_matches(field, label[field], got.get(field))
            scores[field] = int(ok)
            if not ok:
                misses.append({"file": label["file"], "kind": kind_of(label["file"]), "half": half, "field": field,
                               "expected": label[field], "got": got.get(field)})
        outcomes.append({"file": label["file"], "kind": kind_of(label["file"]), "half": half,
                         "scores": scores, "misses": misses})
    result: dict[str, Any] = {
        "corpus": str(corpus),
        "expected": [str(p) for p in expected],
        "split": split,
        "portal_table": not strip_portal,
        "halves": {},
        "misses": [miss for outcome in outcomes for miss in outcome["misses"]],
        "warnings": warnings,
    }
    for half in ("tuning", "check"):
        chosen = [o for o in outcomes if o["half"] == half]
        if chosen:
            result["halves"][half] = _group(chosen)
    result["all"] = _group(outcomes)
    return result


# --------------------------------------------------------------------------- report


def _row(name: str, table: dict[str, Any]) -> str:
    cells = []
    for field in FIELDS:
        tally = table["fields"].get(field)
        cells.append(f"{tally['accuracy']:.2f} ({tally['correct']}/{tally['total']})" if tally else "—")
    overall = table["overall"]
    score = f"{overall['accuracy']:.2f} ({overall['correct']}/{overall['total']})" if overall["total"] else "—"
    return " | ".join([name, str(table["documents"])] + cells + [score])


def format_corpus_report(result: dict[str, Any]) -> str:
    """Markdown table per half and kind, then every miss."""
    lines = [f"corpus: {result['corpus']}   split: {result['split']}   "
             f"portal table: {'kept' if result['portal_table'] else 'stripped'}", "",
             " | ".join(["group", "docs", *FIELDS, "overall"]),
             " | ".join(["---"] * (len(FIELDS) + 3))]
    groups = [(half, result["halves"][half]) for half in ("tuning", "check") if half in result["halves"]]
    if result["split"] == "all":
        groups.append(("all", result["all"]))
    for name, table in groups:
        lines.append(_row(f"**{name}**", table))
        for kind, sub in table["by_kind"].items():
            lines.append(_row(f"{name} / {kind}", sub))
    lines.append("")
    lines.append(f"misses ({len(result['misses'])}):")
    for miss in result["misses"]:
        lines.append(f"  {miss['file']} [{miss['half']}] {miss['field']}: expected {miss['expected']!r}, got {miss['got']!r}")
    for warning in result["warnings"]:
        lines.append(f"warning: {warning}")
    return "\n".join(lines)

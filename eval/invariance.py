"""Answers that do not depend on how a question is spelled.

Each answerable question is rewritten automatically in several spellings a user may type, each asked, and
its short answer compared with the original's:

* ``noaccent`` — every diacritic stripped, lower case, no final "?" (how people type on a phone);
* ``old_tone`` — the old tone placement ("hòa" → "hoà", "thủy" → "thuỷ", "ủy" → "uỷ");
* ``abbrev`` — abbreviations swapped with their expansions both ways ("UBND" ↔ "Ủy ban nhân dân");
* ``act_spacing`` — act numbers with odd spacing ("25-CT/TW" → "25- CT/TW", "72/2024/NĐ-CP" → "72/ 2024/NĐ- CP");
* ``nfd`` — the question in decomposed Unicode (NFD), as some keyboards and PDFs give it.

A variant identical to its original is not asked (it says nothing).  For each kind of variant the report
gives: how many were asked, how often the short answer is still right when the original's was right
(``kept``), how often the variant is right at all, how often the question's kind (``analyze_question``)
changes, and how often the variant abstains.

    python -m eval invariance --index DIR [--questions FILE]... [--split tuning|check|all] [--variants a,b]
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from corpus.errors import UserError
from corpus.vietnamese import nfc, strip_diacritics

QUESTIONS_DIR = Path(__file__).parent / "questions"
DEFAULT_QUESTIONS = (QUESTIONS_DIR / "tune2.jsonl", QUESTIONS_DIR / "real.jsonl")
SEALED = ("fresh",)  # fresh.jsonl, fresh2.jsonl, fresh3.jsonl: never asked by this tool

# ------------------------------------------------------------------ variants


def noaccent(text: str) -> str:
    """ "Sở nào chủ trì?" → "so nao chu tri" """
    return " ".join(strip_diacritics(nfc(text)).lower().rstrip("?.! ").split())


# New tone placement (on the first vowel of an open "oa, oe, uy" ending the syllable) → the old one.
# Only "oa", "oe", "uy" move: "của", "mùa" are written one way.
_NEW_STYLE = re.compile(r"(?:([oO])([\u0300\u0301\u0303\u0309\u0323])([aAeE])|([uU])([\u0300\u0301\u0303\u0309\u0323])([yY]))"
                        r"(?![a-zA-Z\u0110\u0111\u0300-\u036f])")


def old_tone(text: str) -> str:
    """ "hòa bình, sức khỏe, thủy lợi, Ủy ban" → "hoà bình, sức khoẻ, thuỷ lợi, Uỷ ban" ("quý" stays)."""
    decomposed = unicodedata.normalize("NFD", nfc(text))

    def move(match: re.Match[str]) -> str:
        before = decomposed[max(0, match.start() - 1):match.start()]
        vowel, tone, second = (match.group(1, 2, 3) if match.group(1) else match.group(4, 5, 6))
        if before in ("q", "Q") and vowel in "uU":
            return match.group(0)
        return vowel + second + tone

    return unicodedata.normalize("NFC", _NEW_STYLE.sub(move, decomposed))


def _abbreviation_rules() -> list[tuple[re.Pattern[str], str]]:
    from retriever.query import ABBREVIATIONS

    rules = []
    for abbr, full in ABBREVIATIONS.items():
        if len(abbr) <= 2:  # "TP": too ambiguous to write for "thành phố" in a rewritten question
            continue
        # expansion → abbreviation (case-insensitive, either tone placement), and abbreviation → expansion
        full_pattern = re.compile(r"(?<![\w&/-])" + re.escape(full) + r"(?![\w&/-])", re.IGNORECASE)
        rules.append((full_pattern, abbr))
        rules.append((re.compile(r"(?<![\w&/-])" + re.escape(abbr) + r"(?![\w&/-])"), full))
    return rules


def abbrev(text: str) -> str:
    """Every abbreviation of ``retriever.query.ABBREVIATIONS`` written out, every expansion abbreviated."""
    from corpus.vietnamese import fold_tones

    text = fold_tones(nfc(text))
    # One pass over marked spans, so a swap is never swapped back.
    spans: list[tuple[int, int, str]] = []
    for pattern, replacement in _abbreviation_rules():
        for match in pattern.finditer(text):
            if not any(s < match.end() and match.start() < e for s, e, _ in spans):
                spans.append((match.start(), match.end(), replacement))
    for start, end, replacement in sorted(spans, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


_ACT_NUMBER = re.compile(r"(?<![\w/])\d+(?:/\d{2,4})?(?:[/-][A-ZĐ][\wĐđ]*)+(?:[/-][A-ZĐ][\wĐđ]*)*")


def act_spacing(text: str) -> str:
    """ "Chỉ thị 25-CT/TW", "Nghị định 72/2024/NĐ-CP" → "25- CT/TW", "72/ 2024/NĐ- CP": a space after a dash
    and after the number's first slash, as pasted from a scanned page."""

    def spaced(match: re.Match[str]) -> str:
        value = match.group(0).replace("-", "- ")
        return re.sub(r"^(\d+)/", r"\1/ ", value)

    return _ACT_NUMBER.sub(spaced, nfc(text))


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


VARIANTS: dict[str, Callable[[str], str]] = {
    "noaccent": noaccent,
    "old_tone": old_tone,
    "abbrev": abbrev,
    "act_spacing": act_spacing,
    "nfd": nfd,
}


# ------------------------------------------------------------------ measurement


def load_tuning_questions(paths: Sequence[str | Path] | None = None, split: str | None = "tuning") -> list:
    """The answerable questions of ``paths`` (default tune2 + real), one split ("all": both); sealed sets refused."""
    from eval.run import load_question_sets

    paths = list(paths or DEFAULT_QUESTIONS)
    for path in paths:
        if any(Path(path).name.startswith(name) for name in SEALED):
            raise UserError(f"{Path(path).name} là bộ câu hỏi niêm phong: không dùng cho phép đo này (sealed set)")
        if not Path(path).is_file():
            raise UserError(f"Không tìm thấy tệp câu hỏi: {path}")
    questions = load_question_sets(paths, None if split in (None, "all") else split)
    return [q for q in questions if q.answerable]


def _outcome(answerer, question: str, accepted: Sequence[str]) -> dict[str, Any]:
    from eval.metrics import short_answer_matches
    from retriever.qa.question import analyze_question

    answer = answerer.ask(question)
    return {
        "question": question,
        "kind": analyze_question(question).kind.value,
        "abstained": bool(answer.abstained),
        "right": (not answer.abstained) and short_answer_matches(answer.answer, accepted),
        "answer": None if answer.abstained else answer.answer,
    }


def measure(answerer, questions: Sequence, variants: Sequence[str] | None = None) -> dict[str, Any]:
    """Ask every question and each of its changed variants; aggregate per variant kind."""
    names = list(variants or VARIANTS)
    unknown = [n for n in names if n not in VARIANTS]
    if unknown:
        raise UserError(f"Không có kiểu biến thể {', '.join(unknown)} (có: {', '.join(VARIANTS)})")
    rows = []
    for q in questions:
        original = _outcome(answerer, q.question, q.answer)
        row = {"id": q.id, "split": q.split, "original": original, "variants": {}}
        for name in names:
            text = VARIANTS[name](q.question)
            if text == q.question:
                continue
            row["variants"][name] = _outcome(answerer, text, q.answer)
        rows.append(row)
    return {"questions": len(rows), "original_right": sum(r["original"]["right"] for r in rows),
            "original_abstained": sum(r["original"]["abstained"] for r in rows),
            "variants": {name: _summary(rows, name) for name in names}, "rows": rows}


def _summary(rows: Sequence[dict], name: str) -> dict[str, Any]:
    pairs = [(r["original"], r["variants"][name]) for r in rows if name in r["variants"]]
    base_right = [(o, v) for o, v in pairs if o["right"]]
    asked = len(pairs)
    return {
        "asked": asked,
        "original_right": len(base_right),
        "kept": sum(v["right"] for _, v in base_right),
        "kept_rate": _share(sum(v["right"] for _, v in base_right), len(base_right)),
        "variant_right": sum(v["right"] for _, v in pairs),
        "right_rate": _share(sum(v["right"] for _, v in pairs), asked),
        "original_right_rate": _share(len(base_right), asked),
        "kind_changed": sum(o["kind"] != v["kind"] for o, v in pairs),
        "kind_changed_rate": _share(sum(o["kind"] != v["kind"] for o, v in pairs), asked),
        "abstained": sum(v["abstained"] for _, v in pairs),
        "abstained_rate": _share(sum(v["abstained"] for _, v in pairs), asked),
        "original_abstained": sum(o["abstained"] for o, _ in pairs),
    }


def _share(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


def format_invariance(result: dict[str, Any], show_changes: bool = False) -> str:
    lines = [(f"{result['questions']} câu hỏi (questions); bản gốc đúng {result['original_right']}, "
             f"bỏ qua (abstained) {result['original_abstained']}"),
             f"{'variant':12} {'asked':>5} {'orig✔':>6} {'kept':>11} {'var✔':>11} {'kind≠':>10} {'abstain':>11}"]
    for name, s in result["variants"].items():
        lines.append(f"{name:12} {s['asked']:5d} {s['original_right']:6d} "
                     f"{s['kept']:4d} ({s['kept_rate']:.3f}) {s['variant_right']:4d} ({s['right_rate']:.3f}) "
                     f"{s['kind_changed']:3d} ({s['kind_changed_rate']:.3f}) "
                     f"{s['abstained']:4d} ({s['abstained_rate']:.3f})")
    if show_changes:
        for row in result["rows"]:
            o = row["original"]
            for name, v in row["variants"].items():
                if (o["right"] and not v["right"]) or o["kind"] != v["kind"]:
                    lines.append(f"- {row['id']} {name} [{o['kind']}→{v['kind']}] "
                                 f"{'✔' if o['right'] else '✘'}→{'✔' if v['right'] else '✘'} {v['question']}"
                                 f"\n    {str(o['answer'])[:90]!r} → {str(v['answer'])[:90]!r}")
    return "\n".join(lines)


def run_invariance(index: str | Path | None, questions: Sequence[str | Path] | None = None,
                   split: str | None = "tuning", variants: Sequence[str] | None = None) -> dict[str, Any]:
    from retriever.qa import Answerer
    from retriever.runtime import SEQUENTIAL_THREADS, open_searcher

    items = load_tuning_questions(questions, split)
    answerer = Answerer(open_searcher(index, threads=SEQUENTIAL_THREADS))
    return measure(answerer, items, variants)

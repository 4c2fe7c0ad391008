"""How well ``retriever check`` flags planted citation errors (``python -m eval check``).

The drafts file (``eval/data/drafts.jsonl``) holds paragraphs whose references carry an
``expect`` verdict: ``"ok"``, ``"unknown"`` or the one planted error kind.  For every reference
the checker's finding is the one whose span covers the reference's text in the paragraph.

Per error kind: precision (of the references flagged with that kind, how many have it planted)
and recall (of the references with it planted, how many are flagged with it).  The false-alarm
rate is the share of references expected ``ok`` that get any error verdict; references expected
``unknown`` that get one are counted apart.  A finding that adds ``amended`` to a reference whose
expected final state is ``replaced``/``repealed`` is not counted against precision: the act was
amended before it was replaced (the drafts' README says so).

Drafts are split into a tuning and a check half by sha1 of their id (eval.corpus_eval.split_of);
both halves are reported.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from corpus.errors import UserError
from eval.corpus_eval import split_of
from retriever.draft_check import VERDICTS, DraftChecker

__all__ = ["evaluate_drafts", "format_drafts_report", "load_drafts"]


def load_drafts(path: Path) -> list[dict]:
    try:
        lines = Path(path).read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(f"Không đọc được tệp dự thảo {path}: {error}") from None
    drafts = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            draft = json.loads(line)
            draft["text"], draft["references"]  # noqa: B018 - required fields
        except (ValueError, KeyError, TypeError):
            raise UserError(f"{path}:{number}: không phải một dự thảo JSON hợp lệ") from None
        drafts.append(draft)
    if not drafts:
        raise UserError(f"Tệp {path} không có dự thảo nào")
    return drafts


def _expected(reference: dict) -> set[str]:
    expect = reference.get("expect")
    if isinstance(expect, list):
        return set(expect) - {"ok", "unknown"}
    return set() if expect in ("ok", "unknown", None) else {expect}


def evaluate_drafts(checker: DraftChecker, drafts: list[dict]) -> dict[str, Any]:
    rows = []
    for draft in drafts:
        findings = checker.check(draft["text"], draft.get("as_of"))
        cursor = 0
        for reference in draft["references"]:
            at = draft["text"].find(reference["text"], cursor)
            if at < 0:
                at = draft["text"].find(reference["text"])
            cursor = max(cursor, at + 1)
            span = (at, at + len(reference["text"]))
            finding = next((f for f in findings if f.start < span[1] and span[0] < f.end), None)
            predicted = list(finding.verdicts) if finding else ["missed"]
            rows.append({
                "id": draft["id"], "half": split_of(draft["id"]), "text": reference["text"],
                "expect": reference.get("expect"), "predicted": predicted,
                "correct_citation": finding.correct_citation if finding else None,
            })
    return {"halves": {half: _score([r for r in rows if r["half"] == half]) for half in ("tuning", "check")},
            "all": _score(rows), "rows": rows}


def _score(rows: list[dict]) -> dict[str, Any]:
    counts = {kind: {"tp": 0, "fp": 0, "fn": 0} for kind in VERDICTS}
    ok_total = ok_alarms = ok_confirmed = unknown_total = unknown_flagged = unknown_said = missed = 0
    for row in rows:
        expected = _expected({"expect": row["expect"]})
        predicted = set(row["predicted"]) & set(VERDICTS)
        if "missed" in row["predicted"]:
            missed += 1
        tolerated = {"amended"} if expected & {"replaced", "repealed"} else set()
        for kind in VERDICTS:
            if kind in predicted and kind in expected:
                counts[kind]["tp"] += 1
            elif kind in predicted and kind not in tolerated:
                counts[kind]["fp"] += 1
            elif kind in expected:
                counts[kind]["fn"] += 1
        if row["expect"] == "ok":
            ok_total += 1
            ok_alarms += bool(predicted)
            ok_confirmed += row["predicted"] == ["ok"]
        elif row["expect"] == "unknown":
            unknown_total += 1
            unknown_flagged += bool(predicted)
            unknown_said += row["predicted"] == ["unknown"]
    kinds = {}
    for kind, c in counts.items():
        flagged, planted = c["tp"] + c["fp"], c["tp"] + c["fn"]
        kinds[kind] = {**c, "precision": round(c["tp"] / flagged, 3) if flagged else None,
                       "recall": round(c["tp"] / planted, 3) if planted else None, "planted": planted}
    tp = sum(c["tp"] for c in counts.values())
    fp = sum(c["fp"] for c in counts.values())
    fn = sum(c["fn"] for c in counts.values())
    return {
        "references": len(rows), "kinds": kinds,
        "micro": {"tp": tp, "fp": fp, "fn": fn,
                  "precision": round(tp / (tp + fp), 3) if tp + fp else None,
                  "recall": round(tp / (tp + fn), 3) if tp + fn else None},
        "ok_references": ok_total, "false_alarms": ok_alarms,
        "false_alarm_rate": round(ok_alarms / ok_total, 3) if ok_total else None,
        "ok_confirmed": ok_confirmed,
        "unknown_references": unknown_total, "unknown_flagged": unknown_flagged, "unknown_said": unknown_said,
        "missed_references": missed,
    }


def format_drafts_report(result: dict[str, Any]) -> str:
    lines = []
    for name, score in (("tuning", result["halves"]["tuning"]), ("check", result["halves"]["check"]),
                        ("all", result["all"])):
        lines.append(f"\n== {name}: {score['references']} references")
        lines.append(f"{'kind':18} {'planted':>7} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7}")
        for kind, k in score["kinds"].items():
            fmt = lambda v: "—" if v is None else f"{v:.3f}"
            lines.append(f"{kind:18} {k['planted']:>7} {k['tp']:>4} {k['fp']:>4} {k['fn']:>4} "
                         f"{fmt(k['precision']):>9} {fmt(k['recall']):>7}")
        m = score["micro"]
        lines.append(f"{'all errors':18} {m['tp'] + m['fn']:>7} {m['tp']:>4} {m['fp']:>4} {m['fn']:>4} "
                     f"{(m['precision'] or 0):>9.3f} {(m['recall'] or 0):>7.3f}")
        lines.append(f"false alarms on ok references: {score['false_alarms']}/{score['ok_references']}"
                     f" ({score['false_alarm_rate']}); confirmed ok: {score['ok_confirmed']}/{score['ok_references']};"
                     f" unknown said: {score['unknown_said']}/{score['unknown_references']},"
                     f" flagged: {score['unknown_flagged']}; references not found: {score['missed_references']}")
    errors = [r for r in result["rows"] if set(r["predicted"]) & set(VERDICTS) != _expected({"expect": r["expect"]})
              and not (_expected({"expect": r["expect"]}) & {"replaced", "repealed"}
                       and set(r["predicted"]) - {"amended"} & set(VERDICTS) == _expected({"expect": r["expect"]}))]
    if errors:
        lines.append(f"\nMisjudged references ({len(errors)}):")
        for r in errors:
            lines.append(f"  {r['id']} [{r['half']}] expect {r['expect']}, got {r['predicted']}: {r['text']}")
    return "\n".join(lines).strip()

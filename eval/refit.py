"""Refit every fitted weight of the QA path in order, keeping only what holds: ``python -m eval refit --index DIR``.

The fits read each other's output, so they run in this order on one loaded index:

1. ``fit-units`` (``eval.unit_fit``): the ``rank_units`` weights; the candidates every later fit sees depend on them;
2. ``fit-ranker`` (``eval.ranker``): the typed answering-unit ranker and the "what" ranker, on the units ranked by 1;
3. ``fit-window`` (``eval.window_fit``): which run of a long clause answers a "what" question.

Each fit proposes new values only when its figure held out across documents (5 folds by the answering document)
beats the current weights' figure on the same questions (which saw most of them in sample): no gain, no change.  A proposal is
then kept only if, asked end to end, the tuning questions answered (short answer holding an accepted form) do not
fall on either half of the documents (``eval.ranker.document_half``) and no unanswerable question of the tuning sets
or of ``eval/questions/ooc.jsonl`` loses its abstention.  The report gives each step's figures, what was kept, the
``QASettings`` lines and, with ``--write``, rewrites the values that changed in ``retriever/qa/settings.py`` in
place (comments and every other line untouched: say what was refitted in the comment above the value by hand).

About 10-14 minutes on the real-size index (121 documents, 8 tuning sets) on 2 cores: three collections of
2-3 minutes and up to four end-to-end passes of about 2 minutes.
"""

from __future__ import annotations

import copy
import re
import time
from dataclasses import replace
from pathlib import Path

from eval.ranker import FIT_SETS, document_half, fit_questions, open_answerer

OOC_SET = Path(__file__).parent / "questions" / "ooc.jsonl"  # out-of-corpus questions: none may lose its refusal
UNIT_FIELDS = ("unit_coverage_weight", "doc_coverage_weight", "hit_weight", "short_unit_penalty",
               "long_unit_penalty", "unit_dense_weight")
TUPLE_FIELDS = ("ranker_coefficients", "what_ranker_coefficients", "what_window_coefficients")


def with_settings(answerer, settings):
    """``answerer`` answering with ``settings`` (a shallow copy: the loaded index and its tables are shared)."""
    other = copy.copy(answerer)
    other.settings = settings
    return other


def answer_counts(answerer, questions) -> dict:
    """Ask every question: the answerable ones answered (short answer holding an accepted form) per document half,
    and the unanswerable ones refused.  Returns ``{"half 0": n, "half 1": n, "answered": n, "answerable": n,
    "abstained": n, "unanswerable": n, "right": set of ids, "refused": set of ids}``."""
    from eval.metrics import short_answer_matches

    right, refused = set(), set()
    counts = {"half 0": 0, "half 1": 0, "answerable": 0, "unanswerable": 0}
    for q in questions:
        answer = answerer.ask(q.question)
        if not q.answerable:
            counts["unanswerable"] += 1
            if answer.abstained:
                refused.add(q.id)
            continue
        counts["answerable"] += 1
        if not answer.abstained and short_answer_matches(answer.answer, q.answer):
            right.add(q.id)
            counts[f"half {document_half(q.relevant[0].source) if q.relevant else 0}"] += 1
    return {**counts, "answered": len(right), "abstained": len(refused), "right": right, "refused": refused}


def holds(before: dict, after: dict) -> bool:
    """Neither half of the documents answers fewer questions, and no out-of-corpus question loses its abstention."""
    return (after["half 0"] >= before["half 0"] and after["half 1"] >= before["half 1"]
            and after["abstained"] >= before["abstained"] and not (before["refused"] - after["refused"]))


def _summary(counts: dict) -> dict:
    return {k: v for k, v in counts.items() if k not in ("right", "refused")}


def refit(index: Path, questions: list[Path] | None = None, check: bool = True, progress=None,
          ooc: Path | None = OOC_SET) -> dict:
    """Run the fits in order on ``index`` (default questions: ``eval.ranker.FIT_SETS``, read through
    ``eval.ranker.fit_questions``: no ``split: check`` question is fitted on or asked) and return
    ``{"steps": [...], "settings": {field: value}, "kept": [...], "seconds": s}``; ``check=False`` skips the
    end-to-end gate (kept: whatever held out across documents)."""
    from eval.ranker import fit_ranker
    from eval.unit_fit import fit_units
    from eval.window_fit import fit_window

    say = progress or (lambda _message: None)
    started = time.perf_counter()
    paths = [str(p) for p in (questions or FIT_SETS)]
    asked = fit_questions(paths + ([str(ooc)] if ooc is not None else []))
    base = open_answerer(index)
    settings = base.settings
    result: dict = {"questions": paths, "steps": [], "kept": []}
    current = None
    if check:
        say("end to end with the current weights …")
        current = answer_counts(base, asked)
        result["before"] = _summary(current)

    def consider(name: str, proposed, figures: dict) -> None:
        nonlocal settings, current
        step = {"fit": name, **figures, "proposed": proposed is not None, "kept": False}
        if proposed is not None and check:
            say(f"{name}: end to end with the fitted weights …")
            counts = answer_counts(with_settings(base, proposed), asked)
            step["end_to_end"] = _summary(counts)
            step["kept"] = holds(current, counts)
            if step["kept"]:
                current = counts
        elif proposed is not None:
            step["kept"] = True
        if step["kept"]:
            settings = proposed
            result["kept"].append(name)
        result["steps"].append(step)
        say(f"{name}: {'kept' if step['kept'] else 'not kept'} ({time.perf_counter() - started:.0f} s)")

    say("fit-units …")
    units = fit_units(None, questions=paths, answerer=with_settings(base, settings))
    held = units["held_out_by_document"]["mean"]
    proposed = replace(settings, **units["settings"]) if held > units["current_top1"] else None
    consider("units", proposed, {"current": units["current_top1"], "held_out_by_document": held,
                                 "in_sample": units["fitted_top1"], "questions": units["questions"],
                                 "halves": units["halves"], "values": units["settings"]})

    say("fit-ranker …")
    ranker = fit_ranker(None, questions=paths, answerer=with_settings(base, settings))
    for route, field_name in (("typed", "ranker_coefficients"), ("what", "what_ranker_coefficients")):
        part = ranker[route]
        held = part["tuning"]["held_out_by_document"]["mean"]
        proposed = (replace(settings, **{field_name: tuple(part["coefficients"])})
                    if held > part["tuning"]["before"] else None)
        consider(f"{route} ranker", proposed, {
            "current": part["tuning"]["before"], "held_out_by_document": held, "in_sample": part["tuning"]["after"],
            "questions": part["tuning"]["questions"], "long": part["long"], "values": part["coefficients"]})

    say("fit-window …")
    window = fit_window(None, questions=paths, answerer=with_settings(base, settings))
    proposed = (replace(settings, what_window_coefficients=tuple(window["coefficients"]))
                if window["cross_validated"] > window["current"] else None)
    consider("window", proposed, {"current": window["current"], "held_out_by_document": window["cross_validated"],
                                  "in_sample": window["fitted"], "questions": window["clauses"],
                                  "values": window["coefficients"]})

    result["settings"] = {name: getattr(settings, name) for name in UNIT_FIELDS + TUPLE_FIELDS}
    result["changed"] = {name: value for name, value in result["settings"].items()
                         if value != getattr(base.settings, name)}
    if check:
        result["after"] = _summary(current)
    result["seconds"] = round(time.perf_counter() - started)
    return result


def settings_lines(values: dict) -> list[str]:
    """``name: type = value`` lines to paste into ``QASettings``."""
    lines = []
    for name, value in values.items():
        if isinstance(value, tuple):
            lines.append(f"{name}: tuple[float, ...] = {_tuple_text(value)}")
        else:
            lines.append(f"{name}: {type(value).__name__} = {value!r}")
    return lines


def _tuple_text(value: tuple) -> str:
    return "(" + ", ".join(repr(float(v)) for v in value) + ("," if len(value) == 1 else "") + ")"


def update_settings_text(text: str, values: dict) -> str:
    """``text`` (the source of ``retriever/qa/settings.py``) with the default of each field of ``values`` replaced,
    its comment and the rest of the file untouched; a tuple is rewrapped under its opening parenthesis."""
    for name, value in values.items():
        head = re.search(rf"^(\s+){re.escape(name)}: [^=\n]+= ", text, re.MULTILINE)
        if head is None:
            raise ValueError(f"no field {name} in the settings")
        start = head.end()
        if isinstance(value, tuple):
            if text[start] != "(":
                raise ValueError(f"{name} is not written as a tuple")
            end = text.index(")", start) + 1
            new = _wrapped(_tuple_text(value), start - text.rfind("\n", 0, start) - 1)
        else:
            end = re.compile(r"[^\s#]+").match(text, start).end()
            new = repr(value)
        text = text[:start] + new + text[end:]
    return text


def _wrapped(body: str, column: int, width: int = 118) -> str:
    """A tuple's text wrapped after commas so no line passes ``width``, continuation lines under its first item."""
    lines, line = [], ""
    for part in body.split(", "):
        piece = part if not line else line + ", " + part
        if line and column + len(piece) > width:
            lines.append(line + ",")
            line = part
        else:
            line = piece
    lines.append(line)
    return ("\n" + " " * (column + 1)).join(lines)


def write_settings(path: Path, values: dict) -> None:
    path.write_text(update_settings_text(path.read_text(encoding="utf-8"), values), encoding="utf-8")


def format_refit(result: dict) -> str:
    lines = []
    if "before" in result:
        b = result["before"]
        lines.append(f"end to end, current weights: {b['answered']}/{b['answerable']} answered "
                     f"(half 0 {b['half 0']}, half 1 {b['half 1']}), {b['abstained']}/{b['unanswerable']} "
                     "out-of-corpus refused")
    for step in result["steps"]:
        line = (f"{step['fit']}: current {step['current']}, held out by document {step['held_out_by_document']}, "
                f"in sample {step['in_sample']} of {step['questions']}")
        if "end_to_end" in step:
            e = step["end_to_end"]
            line += (f"; end to end {e['answered']} (half 0 {e['half 0']}, half 1 {e['half 1']}, "
                     f"refused {e['abstained']})")
        verdict = "kept" if step["kept"] else ("not kept" if step["proposed"] else "not proposed (no gain held out)")
        lines.append(f"{line} -> {verdict}")
    if "after" in result:
        a = result["after"]
        lines.append(f"end to end, kept weights: {a['answered']}/{a['answerable']} answered "
                     f"(half 0 {a['half 0']}, half 1 {a['half 1']}), {a['abstained']}/{a['unanswerable']} refused")
    lines.append(f"changed: {', '.join(result['changed']) or 'nothing'}")
    lines.append("settings (retriever/qa/settings.py, QASettings):")
    lines.extend("    " + line for line in settings_lines(result["settings"]))
    lines.append(f"{result['seconds']} s")
    return "\n".join(lines)

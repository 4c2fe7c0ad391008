"""``python -m eval refit``: the fits run in order on one loaded index, a fitted value is kept only when it holds, and
``--write`` rewrites the values in a settings file in place (here a temporary copy)."""

from __future__ import annotations

import ast
import json
import shutil

import pytest

from eval.ranker import CHECK_SETS, TUNING_SETS
from eval.refit import (
    TUPLE_FIELDS,
    UNIT_FIELDS,
    holds,
    settings_lines,
    update_settings_text,
)
from retriever.qa.settings import QA
from tests.conftest import PROJECT_ROOT, assert_one_line_error, run_module

SETTINGS = PROJECT_ROOT / "retriever" / "qa" / "settings.py"


def _defaults(text: str) -> dict:
    """The default value of every annotated field of the class in ``text``."""
    tree = ast.parse(text)
    return {node.target.id: ast.literal_eval(node.value) for node in ast.walk(tree)
            if isinstance(node, ast.AnnAssign) and node.value is not None and isinstance(node.target, ast.Name)}


def test_every_tuning_set_is_fitted_and_no_check_set():
    names = {p.rsplit("/", 1)[-1] for p in TUNING_SETS}
    assert {"tune6.jsonl", "tune7.jsonl", "tune8.jsonl", "tune2.jsonl", "real.jsonl"} <= names
    assert not any(n.startswith("fresh") or n in CHECK_SETS for n in names)


def test_settings_values_are_replaced_in_place_and_nothing_else():
    text = SETTINGS.read_text(encoding="utf-8")
    values = {"hit_weight": 0.5, "long_unit_penalty": -0.125,
              "what_window_coefficients": tuple(float(i) / 8 for i in range(11)),
              "ranker_coefficients": tuple(-float(i) for i in range(len(QA.ranker_coefficients)))}
    updated = update_settings_text(text, values)
    before, after = _defaults(text), _defaults(updated)
    for name, value in values.items():
        assert after[name] == value
    assert {k: v for k, v in after.items() if k not in values} == {k: v for k, v in before.items() if k not in values}
    assert max(len(line) for line in set(updated.splitlines()) - set(text.splitlines())) <= 120
    # the comments beside a value stay
    assert "# share of the passage's fused search score" in updated
    assert _defaults(update_settings_text(updated, {name: before[name] for name in values})) == before
    with pytest.raises(ValueError):
        update_settings_text(text, {"no_such_weight": 1.0})


def test_a_fit_holds_only_when_neither_half_of_the_documents_loses():
    before = {"half 0": 10, "half 1": 20, "abstained": 5, "refused": {"a", "b"}}
    assert holds(before, {"half 0": 10, "half 1": 20, "abstained": 5, "refused": {"a", "b"}})
    assert holds(before, {"half 0": 11, "half 1": 20, "abstained": 6, "refused": {"a", "b", "c"}})
    assert not holds(before, {"half 0": 12, "half 1": 19, "abstained": 5, "refused": {"a", "b"}})
    # as many refusals, but an out-of-corpus question answered that was refused
    assert not holds(before, {"half 0": 10, "half 1": 20, "abstained": 5, "refused": {"a", "c"}})
    assert settings_lines({"hit_weight": 0.5, "what_window_coefficients": ()}) == [
        "hit_weight: float = 0.5", "what_window_coefficients: tuple[float, ...] = ()"]


def test_refit_runs_the_fits_in_order_and_writes_a_settings_copy(bundled_index, tmp_path):
    questions = tmp_path / "questions.jsonl"
    lines = (PROJECT_ROOT / "eval" / "questions" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    questions.write_text("\n".join(lines[:40]) + "\n", encoding="utf-8")
    copy = tmp_path / "settings.py"
    shutil.copy(SETTINGS, copy)
    original = SETTINGS.read_text(encoding="utf-8")

    done = run_module("eval", "refit", "--index", str(bundled_index), "--questions", str(questions),
                      "--write", str(copy), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert [step["fit"] for step in result["steps"]] == ["units", "typed ranker", "what ranker", "window"]
    assert set(result["settings"]) == set(UNIT_FIELDS + TUPLE_FIELDS)
    assert result["before"]["answerable"] == 40 and result["before"]["unanswerable"] > 0
    # a value changes only through a kept step; every step kept or not was asked end to end when proposed
    for step in result["steps"]:
        assert not step["kept"] or step["proposed"]
        assert ("end_to_end" in step) == step["proposed"]
    kept = set(result["kept"])
    if "units" not in kept:
        assert all(result["settings"][name] == getattr(QA, name) for name in UNIT_FIELDS)
    if "window" not in kept:
        assert tuple(result["settings"]["what_window_coefficients"]) == QA.what_window_coefficients
    assert result["after"]["half 0"] >= result["before"]["half 0"]
    assert result["after"]["half 1"] >= result["before"]["half 1"]
    written = _defaults(copy.read_text(encoding="utf-8"))
    for name, value in result["settings"].items():
        assert written[name] == (tuple(value) if isinstance(value, list) else value)
    assert SETTINGS.read_text(encoding="utf-8") == original  # the project's own settings are untouched


def test_refit_refuses_the_check_sets(bundled_index):
    for name in CHECK_SETS:
        assert_one_line_error(run_module("eval", "refit", "--index", str(bundled_index), "--questions",
                                         str(PROJECT_ROOT / "eval" / "questions" / "dev.jsonl"), "--questions",
                                         str(PROJECT_ROOT / "eval" / "questions" / name)))

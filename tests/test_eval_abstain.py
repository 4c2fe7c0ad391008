"""eval/abstain.py: the per-file abstention table (no index needed for these)."""

from __future__ import annotations

from eval.abstain import format_table, main, summarize


def _row(file, split, answerable, abstained, correct=False):
    return {"file": file, "split": split, "answerable": answerable, "abstained": abstained, "correct": correct}


def test_summary_per_file_and_split():
    rows = [_row("real.jsonl", "tuning", True, False, True), _row("real.jsonl", "tuning", True, True),
            _row("real.jsonl", "check", False, True), _row("ooc.jsonl", "", False, False)]
    table = {(r["file"], r["split"]): r for r in summarize(rows)}
    assert table[("real.jsonl", "all")] == {"file": "real.jsonl", "split": "all", "ooc": 1, "ooc_abstained": 1,
                                            "answerable": 2, "false_abstentions": 1, "correct": 1}
    assert table[("real.jsonl", "tuning")]["false_abstentions"] == 1 and table[("real.jsonl", "check")]["ooc"] == 1
    assert table[("ooc.jsonl", "all")]["ooc_abstained"] == 0 and ("ooc.jsonl", "") not in table
    text = format_table(summarize(rows))
    assert "1/1 (1.000)" in text and "1/2 (0.500)" in text


def test_per_question_dump_refused_for_the_sealed_set(tmp_path, capsys):
    assert main(["--questions", "eval/questions/fresh.jsonl", "--dump", str(tmp_path / "x.jsonl")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and err.count("\n") == 1 and not (tmp_path / "x.jsonl").exists()


def test_rules_counted_per_file_on_each_side():
    from eval.abstain import format_rules, rule_counts

    rows = [{**_row("ooc.jsonl", "", False, True), "abstention": ["evidence: 0.920 (cosine 0.880)"]},
            {**_row("ooc.jsonl", "", False, True), "abstention": ["evidence: 0.925"]},
            {**_row("ooc.jsonl", "", False, True), "abstention": ["unknown_act"]},
            {**_row("real.jsonl", "check", True, True), "abstention": ["coverage: 0.42, dense 0.877"]},
            {**_row("real.jsonl", "check", True, False), "abstention": None}]
    counts = rule_counts(rows)
    assert counts["ooc.jsonl"]["ooc"] == {"evidence": 2, "unknown_act": 1}
    assert counts["real.jsonl"] == {"ooc": {}, "answerable": {"coverage": 1}}
    text = format_rules(counts)
    assert "OOC: evidence 2, unknown_act 1" in text and "answerable: coverage 1" in text


def test_several_question_files_after_one_flag(tmp_path, capsys):
    # listed after one --questions as after repeated ones: the sealed-set refusal sees both
    assert main(["--questions", "eval/questions/ooc.jsonl", "eval/questions/fresh.jsonl",
                 "--dump", str(tmp_path / "x.jsonl")]) == 2
    assert "sealed" in capsys.readouterr().err

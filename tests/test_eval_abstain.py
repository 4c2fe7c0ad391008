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


def test_rule_ablation_counts_what_each_rule_alone_catches_and_refuses():
    from eval.abstain import format_ablation, rule_ablation
    from retriever.qa.abstention import Signals
    from retriever.qa.settings import QA

    calm = {"coverage": 0.8, "dense": 0.92, "bm25": 10.0, "pair_coverage": 0.9}
    low_evidence = {"dense_best": 0.88, "dense_gap": 0.02, "bm25_relative": 1.0, "evidence": QA.min_evidence - 0.02}

    def row(answerable, **signals):
        return {**_row("x.jsonl", "", answerable, True), "signals": Signals(**{**calm, **signals}).to_dict()}

    rows = [row(False, missing_topics=("sốt rét",), **low_evidence),  # two rules: neither alone
            row(False, **low_evidence),  # evidence alone
            row(False, unit_missing=True),  # unit_missing alone
            row(True, **low_evidence),  # an answerable question evidence alone refuses
            row(True),  # nothing fires
            {**_row("x.jsonl", "", True, False), "signals": {}}]  # a record answer: no signals, not counted
    table = {r["rule"]: r for r in rule_ablation(rows)}
    assert table["evidence"] == {"rule": "evidence", "ooc": 2, "ooc_alone": 1, "answerable": 1, "answerable_alone": 1}
    assert table["missing_topics"]["ooc"] == 1 and table["missing_topics"]["ooc_alone"] == 0
    assert table["unit_missing"]["ooc_alone"] == 1 and table["unknown_names"]["ooc"] == 0
    # the same evidence for a question naming a held document: the evidence rule does not read it
    named = [row(True, known_document=True, **low_evidence)]
    assert {r["rule"]: r for r in rule_ablation(named)}["evidence"]["answerable"] == 0
    assert "evidence" in format_ablation(rule_ablation(rows)).splitlines()[6]


def test_signals_round_trip_through_the_answer_json():
    from retriever.qa.abstention import Signals

    signals = Signals(coverage=0.5, dense=0.9, bm25=3.0, unknown_names=("Đà Lạt",), absent_terms=("căng tin",),
                      known_document=True, evidence=0.95, dense_best=0.9, dense_gap=0.03, bm25_relative=1.2)
    back = Signals.from_dict({**signals.to_dict(), "abstain": True})  # keys Signals does not know are ignored
    assert back == signals

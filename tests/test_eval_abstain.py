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
    from retriever.qa.abstention import RULES, Signals, ooc_logit
    from retriever.qa.settings import QA

    calm = {"coverage": 0.8, "dense": 0.92, "bm25": 10.0, "pair_coverage": 0.9}
    low_evidence = {"dense_best": 0.865, "dense_gap": 0.005, "bm25_relative": 1.0}
    assert ooc_logit(Signals(**calm, **low_evidence), QA) > QA.evidence_model_threshold

    def row(answerable, **signals):
        return {**_row("x.jsonl", "", answerable, True), "signals": Signals(**{**calm, **signals}).to_dict()}

    rows = [row(False, missing_topics=("sốt rét",), **low_evidence),  # two rules: neither alone
            row(False, **low_evidence),  # evidence alone
            row(False, unknown_act=True),  # unknown_act alone
            row(True, **low_evidence),  # an answerable question evidence alone refuses
            row(True),  # nothing fires
            {**_row("x.jsonl", "", True, False), "signals": {}}]  # a record answer: no signals, not counted
    table = {r["rule"]: r for r in rule_ablation(rows)}
    assert table["evidence_model"] == {"rule": "evidence_model", "ooc": 2, "ooc_alone": 1, "answerable": 1, "answerable_alone": 1}
    assert table["missing_topics"]["ooc"] == 1 and table["missing_topics"]["ooc_alone"] == 0
    assert table["unknown_act"]["ooc_alone"] == 1 and table["unknown_names"]["ooc"] == 0
    # the same evidence for a question naming a held document: the evidence rule does not read it
    named = [row(True, known_document=True, **low_evidence)]
    assert {r["rule"]: r for r in rule_ablation(named)}["evidence_model"]["answerable"] == 0
    lines = format_ablation(rule_ablation(rows)).splitlines()
    assert [line.split()[0] for line in lines[2:]] == [name for name, _, _ in RULES]  # one row per rule, in order


def test_signals_round_trip_through_the_answer_json():
    from retriever.qa.abstention import Signals

    signals = Signals(coverage=0.5, dense=0.9, bm25=3.0, unknown_names=("Đà Lạt",), absent_terms=("căng tin",),
                      known_document=True, evidence=0.95, dense_best=0.9, dense_gap=0.03, bm25_relative=1.2)
    back = Signals.from_dict({**signals.to_dict(), "abstain": True})  # keys Signals does not know are ignored
    assert back == signals


def test_the_evidence_model_is_fitted_on_what_no_other_rule_refuses():
    """Out-of-corpus rows lower on the evidence than answerable ones: the fit weighs the evidence so that
    more of it means lower odds, refuses at most the target share of the answerable rows, and ignores the
    rows a fact about the question already refuses (a missing topic) and those without corpus evidence."""
    import random

    from eval.abstain import fit_evidence_model
    from retriever.qa.abstention import EVIDENCE_FEATURES, Signals

    rng = random.Random(7)

    def row(answerable, **extra):
        shift = 0.0 if answerable else -1.5
        signals = Signals(coverage=0.8, dense=0.9, bm25=10.0, dense_best=0.90 + 0.01 * (shift + rng.gauss(0, 1)),
                          dense_gap=0.035 + 0.01 * (shift + rng.gauss(0, 1)),
                          bm25_relative=2.2 + 0.5 * (shift + rng.gauss(0, 1)),
                          pair_coverage=0.7 + 0.15 * (shift + rng.gauss(0, 1)), uncovered=0.2, **extra)
        return {**_row("x.jsonl", "", answerable, False), "signals": signals.to_dict()}

    rows = [row(True) for _ in range(200)] + [row(False) for _ in range(60)]
    rows += [row(True, missing_topics=("sốt rét",)) for _ in range(20)]  # refused by a fact: not fitted on
    rows += [{**row(True), "signals": {**row(True)["signals"], "bm25_relative": None}} for _ in range(5)]
    fitted = fit_evidence_model(rows, target=0.01)
    assert fitted["rows"] == 260 and fitted["ooc"] == 60 and fitted["features"] == list(EVIDENCE_FEATURES)
    _intercept, *weights = fitted["evidence_model"]
    assert all(w < 0 for w in weights[:4])  # cosine, gap, BM25, pairs: more evidence, lower odds
    assert fitted["answerable_refused"] <= 2 and fitted["ooc_refused"] >= 30


def test_variant_questions_rewrite_the_question_only():
    from eval.abstain import variant_questions
    from eval.datasets import Question

    questions = [Question("q1", "Sở nào chủ trì?", "agency", answer=["Sở Y tế"]), Question("q2", "ai ky", "person")]
    rewritten = variant_questions(questions, "noaccent")
    assert [(q.id, q.question, q.answer) for q in rewritten] == [("q1", "so nao chu tri", ["Sở Y tế"])]

"""Choosing the answering unit (retriever/qa/ranking.py, choice.TypedChoice.choose,
what_unit.WhatUnitChoice.framed, eval/ranker.py):
the features a clerk weighs, the fit of their weights, and that abstention does not move with them."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from eval.ranker import (
    CHECK_SETS,
    FIT_SETS,
    STUDY_SETS,
    TUNING_SETS,
    Group,
    Proposal,
    accuracy,
    choose,
    coordinate_check,
    cross_validate,
    feature_contrast,
    fit,
    fit_questions,
    folds_by_document,
    gaining_moves,
    missed_choices,
    refuse_sealed,
    size_weights,
)
from retriever.qa.model import Candidate, Span, Unit
from retriever.qa.ranking import (
    FEATURES,
    SHORT_UNIT_WORDS,
    echo,
    is_chrome,
    option_features,
    option_score,
)
from tests.conftest import assert_one_line_error, run_module


# ---------------------------------------------------------------- features
def test_document_chrome_is_recognised_and_content_is_not():
    assert is_chrome("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc")
    assert is_chrome("Nơi nhận:\n- Như Điều 3;\n- Lưu: VT, KGVX.")
    assert is_chrome("Trên đây là Kế hoạch triển khai công tác y tế năm 2026.")
    assert is_chrome("Số: 542/KH-UBND")
    assert not is_chrome("Sở Y tế chủ trì, phối hợp với các sở, ngành tổ chức tập huấn cho cán bộ y tế xã.")
    assert not is_chrome("Nhân viên được hưởng phụ cấp theo số lượng nhân viên được bố trí.")


def test_echo_tells_a_label_from_an_answer():
    asked = {"bao", "hiem", "xa", "hoi", "tinh", "phai", "lam", "gi", "de", "tang", "so", "nguoi", "the", "y", "te"}
    assert echo("8. Bảo hiểm xã hội tỉnh", asked) == 1.0
    assert echo("Đẩy mạnh tuyên truyền, vận động người dân tham gia bảo hiểm y tế", asked) < 0.6
    assert echo("", asked) == 0.0


TEXT = ("KẾ HOẠCH PHÁT TRIỂN Y TẾ CƠ SỞ TỈNH NGHỆ AN\n"
        "d) Thời gian đóng từ đủ 84 tháng đến dưới 108 tháng: Hỗ\n"
        "trợ 2.650.000 đồng/người.\n"
        "Nguồn kinh phí do ngân sách tỉnh bảo đảm.\n")


def _cand(text: str, phrase: str, score: float = 1.0, rank: int = 0) -> Candidate:
    start = text.index(phrase)
    return Candidate(Unit("d", start, start + len(phrase), 0, "", ""), score, 1.0, rank)


def test_own_coverage_counts_only_what_the_document_title_does_not_print():
    weights = {"y": 1.0, "te": 1.0, "nghe": 1.0, "an": 1.0, "kinh": 2.0, "phi": 2.0}
    title_words = {"ke", "hoach", "phat", "trien", "y", "te", "co", "so", "tinh", "nghe", "an"}
    title = _cand(TEXT, "KẾ HOẠCH PHÁT TRIỂN Y TẾ CƠ SỞ TỈNH NGHỆ AN")
    source = _cand(TEXT, "Nguồn kinh phí do ngân sách tỉnh bảo đảm.")
    own = FEATURES.index("own_coverage")

    def features(cand):
        return option_features(cand, Span(cand.unit.start, cand.unit.end, 0.0), text=TEXT, best_score=1.0,
                               weights=weights, doc_words=title_words)

    assert features(title)[own] == 0.0  # the title restates the document: nothing the question asks beyond it
    assert features(source)[own] == 1.0
    assert features(title)[FEATURES.index("near_span")] == 0.0  # a whole-unit clause has no span to be near


def test_a_unit_continuing_a_sentence_is_read_with_it():
    weights = {"thang": 1.0, "108": 2.0}
    cand = _cand(TEXT, "trợ 2.650.000 đồng/người.", score=0.8, rank=7)
    start = TEXT.index("2.650.000")
    span = Span(start, start + len("2.650.000 đồng/người"), 0.9)
    alone = option_features(cand, span, text=TEXT, best_score=1.0, weights=weights)
    lead = TEXT[TEXT.index("d) Thời"):TEXT.index("trợ 2.650")]
    read = option_features(cand, span, text=TEXT, best_score=1.0, weights=weights, lead=lead)
    assert alone[FEATURES.index("own_coverage")] == 0.0 and read[FEATURES.index("own_coverage")] == 1.0
    assert read[FEATURES.index("near_span")] > alone[FEATURES.index("near_span")] == 0.0
    assert read[FEATURES.index("score_gap")] == pytest.approx(-0.2)
    assert read[FEATURES.index("confidence")] == 0.9 and read[FEATURES.index("passage_rank")] == 5.0  # capped


def test_search_share_and_short_labels_are_described():
    weights = {"nguon": 1.0, "kinh": 2.0, "phi": 2.0}
    source = _cand(TEXT, "Nguồn kinh phí do ngân sách tỉnh bảo đảm.")
    label = _cand(TEXT, "KẾ HOẠCH PHÁT TRIỂN Y TẾ")
    source = replace(source, hit_score=0.03)
    share, short = FEATURES.index("hit_share"), FEATURES.index("short_unit")

    def features(cand, top_hit):
        return option_features(cand, Span(cand.unit.start, cand.unit.end, 0.0), text=TEXT, best_score=1.0,
                               weights=weights, top_hit=top_hit)

    assert features(source, 0.04)[share] == pytest.approx(0.75)  # its passage scored 3/4 of the best passage
    assert features(source, 0.0)[share] == 1.0  # no search score known: as the best passage
    assert SHORT_UNIT_WORDS <= 9  # the source sentence prints 9 words, the label 6
    assert features(source, 0.04)[short] == 0.0 and features(label, 0.04)[short] == 1.0  # a heading-like label


def test_where_a_clerk_looks_the_heading_the_passage_and_the_rare_words():
    """w65: the heading above the unit, its whole passage and the question's rarest words in the unit itself,
    each beyond the words of the document's title ("y tế", "Nghệ An" say nothing within the document)."""
    weights = {"y": 1.0, "te": 1.0, "thoi": 1.0, "gian": 1.0, "dong": 1.0, "ho": 1.5, "tro": 1.5, "84": 3.0,
               "108": 3.0}
    doc_words = frozenset({"y", "te", "nghe", "an"})
    cand = _cand(TEXT, "trợ 2.650.000 đồng/người.")
    heading, passage, rare = (FEATURES.index(f) for f in ("heading_own", "passage_own", "rare_in_unit"))

    def features(**more):
        return option_features(cand, Span(cand.unit.start, cand.unit.end, 0.0), text=TEXT, best_score=1.0,
                               weights=weights, doc_words=doc_words, **more)

    own_total = sum(w for t, w in weights.items() if t not in doc_words)  # 12.0: "y", "te" are the title's
    under = features(heading_words=frozenset({"muc", "ho", "tro"}))
    assert under[heading] == pytest.approx(3.0 / own_total)
    assert features()[heading] == 0.0 and features()[passage] == 0.0  # nothing known of headings nor passage
    everything = features(passage_words=frozenset(weights))
    assert everything[passage] == 1.0  # the passage prints every word of the question beyond the title
    # the rarest own words (84, 108) are printed in the lead sentence, not in the unit alone
    assert features()[rare] == 0.0
    assert features(lead="d) Thời gian đóng từ đủ 84 tháng đến dưới 108 tháng: Hỗ ")[rare] == 1.0


def test_the_fitted_rankers_weigh_every_feature():
    from retriever.qa.settings import QA

    assert len(QA.ranker_coefficients) == len(FEATURES) == len(QA.what_ranker_coefficients)
    # the fits agree with a clerk on the signs: a surer extractor, a passage searched higher, more of the
    # question's own words and a closer cosine count for a unit; chrome counts against it
    typed = dict(zip(FEATURES, QA.ranker_coefficients))
    assert typed["confidence"] > 0 and typed["hit_share"] >= 0 and typed["own_coverage"] > 0
    assert typed["dense_gap"] > 0 and typed["chrome"] < 0 and typed["passage_rank"] < 0


# ---------------------------------------------------------------- fitting
def _groups() -> list[Group]:
    """Questions where today's key (score + confidence) prefers a wrong proposal that a second feature marks."""
    groups = []
    for i in range(12):
        wrong = Proposal([0.0, 1.0], False, baseline=1.2, in_window=True)
        right = Proposal([-0.1, 0.0], True, baseline=1.0, in_window=True)
        hidden = Proposal([0.5, 0.0], True, baseline=2.0, in_window=False)  # outside the window: never chosen
        groups.append(Group(f"q{i}", "typed", [wrong, right, hidden]))
    return groups


def test_fit_learns_the_weight_that_separates_right_from_wrong():
    groups = _groups()
    assert accuracy(groups, None) == (0, 12)  # the plain key picks the wrong one; the hidden one is out of reach
    weights = fit(groups, l2=0.01)
    assert weights[1] < 0  # the feature that marks the wrong proposals weighs against them
    assert accuracy(groups, weights) == (12, 12)
    assert choose(groups[0], weights).right and choose(groups[0], weights).in_window
    assert option_score([-0.1, 0.0], tuple(weights)) > option_score([0.0, 1.0], tuple(weights))


def _documents_disagree() -> list[Group]:
    """Six documents where the second feature marks the right proposal and three where it marks the wrong
    one: a fit on some documents says nothing of the others."""
    groups = []
    for d in range(9):
        agree = d < 6
        for i in range(4):
            right = Proposal([0.0, 1.0 if agree else 0.0], True, baseline=0.0, in_window=True)
            wrong = Proposal([0.0, 0.0 if agree else 1.0], False, baseline=1.0, in_window=True)
            groups.append(Group(f"{d}-{i}", "typed", [wrong, right], document=f"doc{d}.txt"))
    return groups


def test_folds_keep_each_document_whole():
    groups = _documents_disagree()
    for seed in (0, 1):
        fold = folds_by_document(groups, k=3, seed=seed)
        by_document: dict[str, set[int]] = {}
        for group, f in zip(groups, fold):
            by_document.setdefault(group.document, set()).add(f)
        assert all(len(folds) == 1 for folds in by_document.values())
        assert sorted({f for folds in by_document.values() for f in folds}) == [0, 1, 2]  # 3 documents each


def test_cross_validation_scores_documents_the_fit_has_not_seen():
    groups = _documents_disagree()
    in_sample = accuracy(groups, fit(groups))[0]
    assert in_sample == 24  # fitted on all: the majority's sign, right on the six agreeing documents
    held = cross_validate(groups, k=3, seeds=(0, 1, 2))
    assert held["questions"] == 36 and len(held["held_out"]) == 3
    assert all(right <= in_sample for right in held["held_out"])
    # a fold of three disagreeing documents is fitted on agreeing ones only, and the reverse: the held-out
    # figure falls below the in-sample one on some shuffle
    assert min(held["held_out"]) < in_sample
    consistent = [Group(g.question_id, g.route, [Proposal([0.0, 1.0], True, 0.0, True),
                                                 Proposal([0.0, 0.0], False, 1.0, True)], g.document) for g in groups]
    assert cross_validate(consistent, k=3)["held_out"] == [36]  # a rule every document follows carries over


def test_fit_ranker_refuses_the_blind_check_sets(bundled_index):
    for name in CHECK_SETS:
        assert_one_line_error(run_module("eval", "fit-ranker", "--index", str(bundled_index),
                                         "--questions", f"eval/questions/{name}"))


def test_the_fits_read_only_the_tuning_split_of_a_file(tmp_path):
    """A file marking splits gives the fits its ``split: tuning`` questions only; a file marking none, all."""
    def record(qid, split=None):
        row = {"id": qid, "question": "Sở Y tế báo cáo trước ngày nào?", "kind": "date",
               "relevant": [{"source": "tvpl_001.txt", "text": "Sở Y tế báo cáo trước ngày 15 tháng 12."}],
               "answer": ["15 tháng 12"]}
        return json.dumps(row | ({"split": split} if split else {}), ensure_ascii=False)

    marked, plain = tmp_path / "marked.jsonl", tmp_path / "plain.jsonl"
    marked.write_text("\n".join([record("a1", "tuning"), record("a2", "check"), record("a3", "tuning")]) + "\n",
                      encoding="utf-8")
    plain.write_text(record("b1") + "\n", encoding="utf-8")
    assert [q.id for q in fit_questions([marked, plain])] == ["a1", "a3", "b1"]


def test_no_check_split_question_of_the_sealed_sets_reaches_a_fit(monkeypatch):
    """The sealed sets are fitted on by their study split only: every question ``collect`` is handed carries
    ``split: tuning`` and none is one of a sealed file's check split (the ids are compared, nothing printed)."""
    from eval import ranker
    from eval.datasets import load_questions

    check_ids = {q.id for path in STUDY_SETS for q in load_questions(path) if q.split != "tuning"}
    handed: list = []

    def fake_collect(answerer, questions, scan=None):
        handed.extend(questions)
        raise StopIteration  # nothing beyond the hand-over is needed

    monkeypatch.setattr(ranker, "collect", fake_collect)
    with pytest.raises(StopIteration):
        ranker.fit_ranker(None, answerer=object())
    assert check_ids and handed
    assert all(q.split == "tuning" for q in handed)
    assert not check_ids & {q.id for q in handed}
    assert set(STUDY_SETS) <= set(FIT_SETS) and not set(STUDY_SETS) & set(TUNING_SETS)


def test_a_retrieval_fit_reading_every_split_still_refuses_the_sealed_sets():
    from corpus.errors import UserError

    with pytest.raises(UserError):
        refuse_sealed(["eval/questions/fresh2.jsonl"])
    refuse_sealed(["eval/questions/fresh2.jsonl"], study=True)  # fit_questions then drops its check split
    for name in CHECK_SETS:
        with pytest.raises(UserError):
            refuse_sealed([f"eval/questions/{name}"], study=True)


# ---------------------------------------------------------------- the answerer
@pytest.fixture(scope="module")
def answerers(local_searcher):
    from retriever.qa import QA, Answerer

    ranked = Answerer(local_searcher)
    plain = Answerer(local_searcher, settings=replace(QA, ranker_coefficients=(), what_ranker_coefficients=()))
    return ranked, plain


QUESTIONS = ("Sở nào chủ trì y tế trường học?", "BHXH tỉnh Nghệ An phải làm gì để tăng số người có thẻ BHYT?",
             "Tỷ lệ người dân tham gia bảo hiểm y tế đến năm 2030 là bao nhiêu?",
             "Bệnh viện nào ở Hà Nội có khoa ghép tạng tốt nhất?")


@pytest.mark.parametrize("question", QUESTIONS)
def test_abstention_reads_the_same_signals_whatever_the_ranker(answerers, question):
    ranked, plain = answerers
    assert ranked.abstention_features(question) == plain.abstention_features(question)


def test_proposals_are_described_by_every_feature(answerers):
    from retriever.qa.question import analyze_question

    ranked, _ = answerers
    analysis = analyze_question("Sở nào chủ trì y tế trường học?")
    retrieval = ranked.retrieve(analysis)
    options = ranked.proposals(analysis, retrieval)
    assert options and all(len(o.features) == len(FEATURES) for o in options)
    assert all(o.in_window for o in options)
    share = [o.features[FEATURES.index("hit_share")] for o in options]
    assert all(0.0 < v <= 1.0 for v in share)  # fused scores relative to the best passage's
    assert all(v == 1.0 for o, v in zip(options, share) if o.cand.rank == 0)
    chosen, plain = ranked.choice.choose(analysis, retrieval)
    assert plain == max(((o.cand, o.span) for o in options), key=lambda p: p[0].score + p[1].confidence)
    assert chosen in [(o.cand, o.span) for o in options]


def test_a_heading_that_only_repeats_the_question_does_not_answer_it(answerers):
    ranked, _ = answerers
    answer = ranked.ask("BHXH tỉnh Nghệ An phải làm gì để tăng số người có thẻ BHYT?")
    assert not answer.abstained
    assert answer.answer.strip() != "Bảo hiểm xã hội tỉnh"
    assert "tuyên truyền" in answer.answer


def test_the_questions_on_long_documents_weigh_their_share_of_the_fit():
    """Two long-document questions against three short ones: weighed at 0.8 of the fit, the rule the long documents
    follow (the second feature) outweighs the short documents' (the first)."""
    def group(document, right_first):
        return Group(document, "typed", [Proposal([1.0, 0.0], right_first, 0.0, True),
                                         Proposal([0.0, 1.0], not right_first, 0.0, True)], document)

    groups = [group(f"short{i}", True) for i in range(3)] + [group(f"long{i}", False) for i in range(2)]
    long_documents = {"long0", "long1"}
    weight = size_weights(groups, long_documents, 0.5)
    assert weight(groups[0]) * 3 == pytest.approx(weight(groups[-1]) * 2)  # each side weighs half
    assert size_weights(groups, long_documents, None) is None
    plain, weighed = fit(groups), fit(groups, weight=size_weights(groups, long_documents, 0.8))
    assert plain[0] > plain[1] and weighed[1] > weighed[0]


def test_a_stored_weight_is_moved_only_when_documents_it_was_not_moved_on_gain():
    """w115: the stored weights choose the wrong proposal on every document until the second feature weighs more;
    each fold by document finds that move on the other documents' questions, so it holds out.  A move gaining on
    one document alone is not found on the others: held out it stays at the stored weights."""
    def group(document, wrong, right):
        return Group(document, "typed", [Proposal(wrong, False, 0.0, True), Proposal(right, True, 0.0, True)],
                     document)

    everywhere = [group(f"doc{i}", [1.0, 0.0], [0.8, 1.0]) for i in range(10)]
    report = coordinate_check(everywhere, [1.0, 0.0], long_documents={"doc0", "doc1"})
    second = report[1]
    assert second["stored"] == {"all": 0, "long": 0, "short": 0}
    assert 0.2 < second["move"] <= 0.3  # the smallest move that lets the second feature outweigh the gap of 0.2
    assert second["held_out"] == 10 and second["long"] == 2 and second["short"] == 8
    assert gaining_moves(report) and gaining_moves(report)[0]["feature"] == FEATURES[1]

    # the same rule on one document; the nine others are chosen right by the stored weights and a move would lose them
    one = [group("doc0", [1.0, 0.0], [0.8, 1.0])] + [group(f"doc{i}", [1.0, 1.0], [1.1, 0.0]) for i in range(1, 10)]
    report = coordinate_check(one, [1.0, 0.0])
    assert report[1]["stored"]["all"] == 9 and report[1]["move"] == 0.0
    assert report[1]["held_out"] == 9 and not gaining_moves(report)


def test_the_missed_choices_show_what_the_right_proposal_has_more_of():
    """A question the stored weights answer wrong while a right proposal is in the window is a miss; its
    contrast says which feature the right proposal has more of (here the second), so a new feature is chosen
    from the misses' evidence.  A question answered right, or with no right proposal shown, is no miss."""
    missed_group = Group("q1", "typed", [Proposal([1.0, 0.0], False, 0.0, True),
                                         Proposal([0.8, 1.0], True, 0.0, True)], "doc1")
    answered = Group("q2", "typed", [Proposal([1.0, 1.0], True, 0.0, True),
                                     Proposal([0.5, 0.0], False, 0.0, True)], "doc2")
    out_of_reach = Group("q3", "typed", [Proposal([1.0, 0.0], False, 0.0, True),
                                         Proposal([2.0, 1.0], True, 0.0, False)], "doc3")
    missed = missed_choices([missed_group, answered, out_of_reach], np.array([1.0, 0.0]))
    assert [question for question, _ in missed] == ["q1"]
    contrast = feature_contrast(missed)
    assert contrast[1]["right_more"] == 1.0 and contrast[1]["mean"] == 1.0
    assert contrast[0]["right_less"] == 1.0 and contrast[0]["mean"] == pytest.approx(-0.2)
    assert feature_contrast([]) == []

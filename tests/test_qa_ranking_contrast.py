"""The contrastive ranker features (eval/ranker_contrast.py): an option described against the others of its question."""

import numpy as np
import pytest

from eval.ranker import Group, Proposal, accuracy
from eval.ranker_contrast import (
    CONTRAST_FEATURES,
    OptionText,
    contrast_features,
    fit_marginal,
    with_columns,
)
from retriever.qa.scoring import syllables


def column(name):
    return CONTRAST_FEATURES.index(name)


def weights_of(text, weight=1.0):
    return {t: weight for t in syllables(text)}


# two sibling lines of a rate table: the question asks the head's rate, the deputy's line prints one more word
HEAD = OptionText("- Trưởng ban: 500 nghìn đồng/người/ngày", "500 nghìn đồng/người/ngày", 0.02)
DEPUTY = OptionText("- Phó Trưởng ban: 450 nghìn đồng/người/ngày", "450 nghìn đồng/người/ngày", 0.03)
UNRELATED = OptionText("Kinh phí thực hiện do ngân sách tỉnh bảo đảm.", "ngân sách tỉnh", 0.0)
ASKED = set(syllables("Trưởng ban được chi bao nhiêu mỗi ngày"))
OWN = weights_of("trưởng ban chi ngày")


def test_extra_words_mark_the_deputy_line_against_its_near_duplicate():
    head, deputy, unrelated = contrast_features([HEAD, DEPUTY, UNRELATED], OWN, ASKED)
    assert deputy[column("has_near_duplicate")] == 1.0 and head[column("has_near_duplicate")] == 1.0
    assert deputy[column("extra_words")] == pytest.approx(1 / 3)  # "pho": printed there, not asked
    assert head[column("extra_words")] == 0.0
    assert unrelated[column("has_near_duplicate")] == 0.0 and unrelated[column("extra_words")] == 0.0


def test_deciding_words_weigh_the_question_words_only_one_sibling_prints():
    sell = OptionText("g) Bán tài sản công có nguyên giá từ 500 triệu đồng trở lên", "từ 500 triệu đồng trở lên")
    move = OptionText("h) Điều chuyển tài sản công có nguyên giá từ 500 triệu đồng trở lên", "từ 500 triệu đồng trở lên")
    own = weights_of("bán tài sản nguyên giá")
    sold, moved = contrast_features([sell, move], own, set(syllables("bán tài sản nguyên giá bao nhiêu")))
    assert sold[column("deciding_words")] == pytest.approx(1 / 5)  # "ban" of five own words, printed only here
    assert moved[column("deciding_words")] == pytest.approx(-1 / 5)


def test_distinct_coverage_counts_a_word_by_how_many_others_lack_it():
    a = OptionText("Sở Y tế chủ trì thẩm định hồ sơ", "Sở Y tế")
    b = OptionText("Sở Tài chính phối hợp thẩm định", "Sở Tài chính")
    own = weights_of("chủ trì thẩm định")  # four words of weight 1
    first, second = contrast_features([a, b], own, set(own))
    assert first[column("distinct_coverage")] == pytest.approx(0.5)  # "chu tri" only here; "tham dinh" in both
    assert second[column("distinct_coverage")] == 0.0


def test_coverage_gap_and_dense_lead_are_against_the_best_other_option():
    a = OptionText("Sở Y tế chủ trì thẩm định hồ sơ", "Sở Y tế", dense=0.00)
    b = OptionText("Sở Tài chính phối hợp thẩm định", "Sở Tài chính", dense=-0.02)
    own = weights_of("chủ trì thẩm định")
    first, second = contrast_features([a, b], own, set(own))
    assert first[column("coverage_gap")] == pytest.approx(0.5) and second[column("coverage_gap")] == pytest.approx(-0.5)
    assert first[column("dense_lead")] == pytest.approx(0.2) and second[column("dense_lead")] == pytest.approx(-0.2)
    assert first[column("dense_rank")] == 0.0 and second[column("dense_rank")] == 1.0


def test_span_agreement_is_the_share_of_other_options_reading_the_same_value():
    a = OptionText("Thời hạn giải quyết là 15 ngày làm việc.", "15 ngày làm việc")
    b = OptionText("- Thời hạn: 15 ngày làm việc kể từ ngày nhận đủ hồ sơ.", "15 ngày  làm việc")
    c = OptionText("Thời hạn lưu trữ hồ sơ là 05 năm.", "05 năm")
    rows = contrast_features([a, b, c], weights_of("thời hạn"), set(syllables("thời hạn giải quyết")))
    assert [r[column("span_agreement")] for r in rows] == [0.5, 0.5, 0.0]


def test_a_lone_option_has_nothing_to_be_contrasted_with():
    [row] = contrast_features([HEAD], OWN, ASKED)
    assert row[column("coverage_gap")] == 0.0 and row[column("has_near_duplicate")] == 0.0


def group(document, rows):
    g = Group(document, "typed", document=document)
    g.proposals = [Proposal(list(f), right, 0.0, True) for f, right in rows]
    return g


def test_the_any_right_objective_lifts_one_right_option_above_the_wrong():
    # one right option has more of feature 0, the other less than the wrong one; the wrong one has feature 1
    groups = [group(f"d{i}", [([2.0, 0.0], True), ([-1.0, 0.0], True), ([0.0, 1.0], False)]) for i in range(6)]
    w = fit_marginal(groups)
    assert accuracy(groups, w)[0] == 6
    assert w[0] > 0 and w[1] < 0


def test_with_columns_keeps_the_base_features_and_the_chosen_contrast():
    g = group("d", [([1.0, 2.0, 10.0, 20.0], True)])
    [kept] = with_columns([g], [1], base=2)
    assert kept.proposals[0].features == [1.0, 2.0, 20.0]
    assert np.isfinite(kept.proposals[0].features).all()

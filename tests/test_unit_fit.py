import numpy as np

from eval.ranker import document_half, fit
from eval.unit_fit import (
    SETTINGS,
    UnitGroup,
    _Option,
    current_weights,
    in_window,
    scaled,
    top1,
)
from retriever.qa.settings import QA


def _group(source, rows):
    return UnitGroup(source, [_Option(list(f), right) for f, right in rows])


def test_fitted_unit_weights_put_the_answering_unit_first_and_keep_the_windows_scale():
    # the answering unit has the higher hit share but lower coverage: today's weights miss it
    groups = [_group(f"doc{i}.txt", [((0.9, 0.9, 0.2, 0.0, 0.0, 0.0), False),
                                      ((0.6, 0.7, 1.0, 0.0, 0.0, 0.0), True),
                                      ((0.1, 0.2, 0.1, 1.0, 0.0, -0.1), False)]) for i in range(6)]
    current = current_weights(QA)
    assert len(current) == len(SETTINGS)
    weights = fit(groups)
    assert top1(groups, weights) == 6
    kept = scaled(groups, weights, current, 0.7)
    assert abs(in_window(groups, kept, 0.7) - in_window(groups, current, 0.7)) <= 1.0
    assert top1(groups, kept) == 6
    assert np.dot(kept, groups[0].proposals[1].features) > np.dot(kept, groups[0].proposals[0].features)


def test_document_half_is_stable_and_splits_sources():
    halves = {document_half(f"tvpl_{i:03d}.txt") for i in range(20)}
    assert halves == {0, 1}
    assert document_half("tvpl_001.txt") == document_half("tvpl_001.txt")

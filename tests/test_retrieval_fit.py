"""eval.retrieval_fit: the halves and document sizes its figures are split by, and the sealed sets it refuses."""

import pytest

from corpus.errors import UserError
from eval.retrieval_fit import half_of, run, size_bucket


def test_sizes_split_long_documents_from_the_short_ones_every_tuning_question_sits_on():
    assert [size_bucket(n) for n in (1, 19, 20, 39, 40, 79, 80, 493)] == \
        ["<20", "<20", "20-40", "20-40", "40-80", "40-80", ">=80", ">=80"]


def test_the_last_three_tuning_sets_are_the_check_half():
    assert [half_of(name) for name in ("tune2", "real", "tune5", "tune6", "tune7", "tune8")] == \
        ["study"] * 3 + ["check"] * 3


@pytest.mark.parametrize("sealed", ["eval/questions/fresh2.jsonl", "eval/questions/tune9.jsonl"])
def test_sealed_and_blind_check_sets_are_refused_before_anything_is_read(sealed, tmp_path, monkeypatch):
    def never(path, *args, **kwargs):
        raise AssertionError(f"a sealed set was opened: {path}")

    monkeypatch.setattr("eval.datasets.load_questions", never)
    with pytest.raises(UserError, match="never fitted on"):
        run(tmp_path / "no-index", [sealed])

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


def test_recall_counts_a_relevant_passage_among_the_passages_the_answerer_reads():
    # a stub searcher whose fused score is the item's stored scores (no index needed: figures() only ranks)
    import numpy as np

    from eval.retrieval_fit import READ, Item, _objective, figures

    class Ranked:
        def combine(self, signals, fusion):
            return signals

    def item(rank_of_relevant: int) -> Item:
        scores = -np.arange(20, dtype=float)  # candidate i ranked i-th
        relevant = np.zeros(20, dtype=bool)
        relevant[rank_of_relevant] = True
        return Item("q", "fact", "tuning", "doc.txt", "tune2", scores, relevant)

    items = [item(0), item(READ - 1), item(READ), item(15)]
    result = figures(Ranked(), items, None)
    assert result["hit@1"] == 0.25 and result[f"recall@{READ}"] == 0.5
    assert result["mrr@10"] == round((1 + 1 / READ + 1 / (READ + 1)) / 4, 4)
    assert _objective(Ranked(), items, None, "recall") == 0.5 + result["mrr@10"]
    assert _objective(Ranked(), items, None) == 0.25 + result["mrr@10"]

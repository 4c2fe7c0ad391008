"""fit-units reads the question's words as rank_units does: without the words naming the act the search was
restricted to (w146; the fit used to count them, which no unit of the named act but its title lines print)."""

from types import SimpleNamespace

from eval.unit_fit import ranking_weights
from retriever.qa.question import QuestionKind


class _Records:
    def __init__(self, what):
        self.what = what

    def subject(self, analysis):
        return SimpleNamespace(what=self.what) if self.what else None

    def naming_words(self, analysis):
        return {"3891", "qd", "btc"}


def _weights(what, names_act=True):
    answerer = SimpleNamespace(records=_Records(what))
    analysis = SimpleNamespace(names_act=names_act, kind=QuestionKind.AGENCY)
    retrieval = SimpleNamespace(weights={"3891": 3.0, "qd": 1.0, "btc": 1.5, "cua": 2.0, "khau": 2.5})
    return ranking_weights(answerer, analysis, retrieval)


def test_the_named_acts_words_are_left_out():
    assert _weights("document") == {"cua": 2.0, "khau": 2.5}


def test_all_words_count_when_no_act_is_named_or_found():
    assert set(_weights(None)) == {"3891", "qd", "btc", "cua", "khau"}
    assert set(_weights("document", names_act=False)) == {"3891", "qd", "btc", "cua", "khau"}

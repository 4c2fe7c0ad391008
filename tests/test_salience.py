"""The salient-word out-of-corpus signals (retriever/qa/salience.py) and the rules that read them."""

from __future__ import annotations

import pytest

from retriever.qa.abstention import (
    CorpusNames,
    Signals,
    abstention_reasons,
    should_abstain,
)
from retriever.qa.model import Answer
from retriever.qa.salience import TermIndex, dictionary_words
from retriever.qa.settings import QA

# A tiny dictionary, so these tests do not depend on underthesea's word list.
WORDS = ["xe lăn", "người khuyết tật", "trạm y tế", "hỗ trợ", "bao nhiêu", "nghĩa trang", "chôn cất", "bà con",
         "căng tin", "bệnh viện", "điều kiện", "tiêm chủng"]
DOCUMENTS = {
    "a": "Trạm y tế xã hỗ trợ người khuyết tật; xe chở vật tư; lăn bánh.\nBệnh viện tỉnh bảo đảm điều kiện tiêm chủng.",
    "b": "Việc chôn cất tại nghĩa trang của xã do Ủy ban nhân dân cấp xã hướng dẫn.",
    "c": "Sở Y tế hỗ trợ mỗi trạm y tế xã.",
}


@pytest.fixture(scope="module")
def index() -> TermIndex:
    return TermIndex(DOCUMENTS, words=WORDS)


def test_question_cut_into_dictionary_words_without_question_words_names_or_abbreviations(index):
    terms, accented = index.salient("Trạm y tế xã ở Lai Châu được cấp bao nhiêu xe lăn theo BHYT năm 2025?")
    assert accented
    assert [t.key for t in terms] == ["trạm y tế", "xã", "cấp", "xe lăn", "năm"]


def test_modal_verbs_ask_rather_than_name(index):
    terms, _ = index.salient("Muốn được hỗ trợ thì trạm y tế cần làm gì?")
    assert [t.key for t in terms] == ["hỗ trợ", "trạm y tế"]  # "làm" is a stopword too


def test_a_compound_no_document_prints_is_absent_though_its_syllables_are(index):
    # "xe" and "lăn" are each printed (in "xe chở", "lăn bánh"); the word "xe lăn" is not
    assert index.absent("Mỗi trạm y tế được hỗ trợ bao nhiêu xe lăn?") == ("xe lăn",)
    assert index.absent("Bệnh viện phải bảo đảm điều kiện gì?") == ()


def test_accentless_question_has_no_absent_words_but_is_covered_without_accents(index):
    # "bo nao" is "bộ nào" or "bộ não": without accents a run of syllables is not read as one word's absence
    assert index.absent("moi tram y te duoc ho tro bao nhieu xe lan?") == ()
    found = index.coverage("benh vien phai bao dam dieu kien gi?", [DOCUMENTS["a"]])
    assert found.uncovered == 0.0 and found.salient == 3


def test_uncovered_share_and_anchors_in_the_passages(index):
    question = "Xã chưa có nghĩa trang thì ai hướng dẫn bà con chôn cất?"
    found = index.coverage(question, [DOCUMENTS["b"]], anchor_max_df=1)
    assert found.absent == ("bà con",)
    assert found.uncovered_terms == ("bà con",)  # "chưa" asks, it is no salient word
    assert {"nghĩa trang", "chôn cất"} <= set(found.anchors)  # printed by one document only
    other = index.coverage(question, [DOCUMENTS["c"]], anchor_max_df=1)
    assert other.uncovered > found.uncovered and other.anchors == ()


def test_an_abbreviation_printed_covers_its_expansion():
    index = TermIndex({"a": "Tỷ lệ bao phủ BHYT đạt 95%."}, words=["bảo hiểm y tế", "bao phủ"])
    found = index.coverage("Tỷ lệ bao phủ bảo hiểm y tế là bao nhiêu?", ["Tỷ lệ bao phủ BHYT đạt 95%."])
    assert found.absent == () and found.uncovered == 0.0


def test_the_general_dictionary_knows_ordinary_compounds():
    words = dictionary_words()
    if not words:
        pytest.skip("underthesea's word list (Viet74K) is not installed")
    assert {"xe lăn", "căng tin", "nhà vệ sinh"} <= words


# ---------------------------------------------------------------------------- the rules
WEAK = {"coverage": 0.40, "dense": 0.86, "bm25": 8.0, "pair_coverage": 0.8}


def test_absent_or_unprinted_words_alone_refuse_nothing():
    """Measured, reported, but no rule of their own (w36 ablation): answerable questions in other words than the
    document's ("xe cứu thương", "túc trực", "khó dễ") sat right at those thresholds.  The unprinted share and the
    relative BM25 count only inside the fitted evidence model (w44), where a passage standing out answers."""
    from dataclasses import replace

    paraphrase = Signals(coverage=0.40, dense=0.8752, bm25=10.0, pair_coverage=0.6, salient=7,
                         absent_terms=("túc trực",), uncovered=0.9, uncovered_terms=("túc trực", "lũ"),
                         bm25_relative=1.5, dense_best=0.8752, dense_gap=0.07, evidence=0.953)
    assert abstention_reasons(paraphrase, QA) == ()
    for weak in ({"dense_gap": 0.005}, {"bm25_relative": 0.6, "dense_gap": 0.03}):
        # an absent word changes nothing: the decision is the evidence's, with or without it
        assert (abstention_reasons(replace(paraphrase, **weak), QA) ==
                abstention_reasons(replace(paraphrase, **weak, absent_terms=()), QA))
    assert Signals(absent_terms=("căng tin",), coverage=0.4, dense=0.87, bm25=1.0).to_dict()["absent_terms"] == [
        "căng tin"]


def test_every_salient_word_printed_rescues_missing_word_pairs():
    weak_pairs = {**WEAK, "pair_coverage": QA.min_pair_coverage - 0.1}
    assert abstention_reasons(Signals(**weak_pairs, salient=3, uncovered=0.5), QA)[0].startswith("pair_coverage:")
    assert not should_abstain(Signals(**weak_pairs, salient=3, uncovered=0.0), QA)
    assert should_abstain(Signals(**weak_pairs, salient=0, uncovered=0.0), QA)  # no salient word: nothing to rescue
    assert not should_abstain(Signals(**WEAK, salient=3, uncovered=0.5), QA)  # pairs printed: low coverage answers


def test_reasons_reach_the_answer_json_only_when_abstaining():
    abstained = Answer("q", None, True, [], abstention=["absent_terms: xe lăn"])
    assert abstained.to_dict()["abstention_reasons"] == ["absent_terms: xe lăn"]
    assert "abstention_reasons" not in Answer("q", "a", False, [], abstention=["x"]).to_dict()


# ---------------------------------------------------------------------------- capitalised names
def test_sentence_initial_and_preceding_words_are_no_unknown_names():
    names = CorpusNames.from_texts(["Ủy ban nhân dân tỉnh Yên Bái; Thuế thành phố Hải Phòng; Thuế tỉnh Tây Ninh."])
    assert names.unknown("Dân Yên Bái đi khám có dùng căn cước được không?") == ()
    assert names.unknown("Theo Thuế tỉnh Tây Ninh, thuế suất là bao nhiêu?") == ()
    assert names.unknown("Xin hỏi Thuế Hải Phòng đề nghị gì?") == ()
    assert names.unknown("Quảng Ninh hỗ trợ bao nhiêu?") == ("Quảng", "Quảng Ninh")  # a name at the start


# ---------------------------------------------------------------------------- end to end (bundled index)
def test_ask_abstains_on_a_question_the_corpus_lacks_and_says_why_in_the_json(searcher):
    """The bundled index has 5 documents, under ``corpus_min_documents``: corpus-wide signals are tried with a
    lower floor.  The absent word is reported; the retrieval evidence (or, on 5 documents, the missing word
    pairs) decides."""
    from dataclasses import replace

    from retriever.qa import Answerer

    question = "Căng tin bệnh viện ở Nghệ An phải đáp ứng điều kiện gì?"
    answer = Answerer(searcher, settings=replace(QA, corpus_min_documents=1)).ask(question)
    assert answer.abstained and answer.quotes == []
    assert answer.signals["absent_terms"] == ["căng tin"]
    assert answer.to_dict()["abstention_reasons"][0].startswith("evidence:")
    small = Answerer(searcher).ask(question)
    assert small.abstained and small.signals["absent_terms"] == []  # 5 documents: not counted
    assert small.to_dict()["abstention_reasons"][0].startswith("pair_coverage:")

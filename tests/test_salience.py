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


def test_an_absent_salient_word_abstains_and_says_which():
    signals = Signals(coverage=0.6, dense=0.87, bm25=10.0, salient=4, absent_terms=("căng tin",), uncovered=0.5)
    assert abstention_reasons(signals, QA) == ("absent_terms: căng tin",)
    assert not should_abstain(Signals(coverage=0.6, dense=0.87, bm25=10.0, salient=4, uncovered=0.5), QA)


def test_an_absent_word_beside_a_rare_shared_word_or_a_close_cosine_answers():
    absent = {"coverage": 0.6, "bm25": 10.0, "salient": 4, "absent_terms": ("bà con",), "uncovered": 0.5}
    assert not should_abstain(Signals(dense=0.87, anchors=("chôn cất",), **absent), QA)
    assert not should_abstain(Signals(dense=QA.absent_dense + 0.01, **absent), QA)


def test_most_salient_words_unprinted_with_a_low_cosine_abstains():
    base = {"coverage": 0.76, "bm25": 10.0, "pair_coverage": 0.5, "salient": 4}
    signals = Signals(dense=0.87, uncovered=0.91, uncovered_terms=("đình chỉ", "phòng khám"), **base)
    assert abstention_reasons(signals, QA)[0].startswith("uncovered: 0.91")
    assert not should_abstain(Signals(dense=0.87, uncovered=0.3, **base), QA)


def test_a_low_bm25_against_the_questions_own_words_abstains():
    base = {"coverage": 0.77, "bm25": 20.0, "pair_coverage": 0.74, "salient": 6, "uncovered": 0.0}
    signals = Signals(dense=0.885, bm25_relative=0.38, **base)
    assert abstention_reasons(signals, QA) == ("bm25_relative: 0.38, dense 0.885",)
    assert not should_abstain(Signals(dense=0.885, bm25_relative=2.5, **base), QA)
    assert not should_abstain(Signals(dense=0.885, bm25_relative=None, **base), QA)  # a small index: not measured
    assert not should_abstain(Signals(dense=0.93, bm25_relative=0.38, **base), QA)  # a close cosine
    # without accents a question has fewer BM25 tokens (no accented syllables, no compounds): a lower floor
    assert should_abstain(Signals(dense=0.885, bm25_relative=0.7, **base), QA)
    assert not should_abstain(Signals(dense=0.885, bm25_relative=0.7, accented=False, **base), QA)


def test_every_salient_word_printed_rescues_a_low_coverage_paraphrase():
    assert should_abstain(Signals(**WEAK, salient=3, uncovered=0.5), QA)
    assert not should_abstain(Signals(**WEAK, salient=3, uncovered=0.0), QA)
    assert should_abstain(Signals(**WEAK, salient=0, uncovered=0.0), QA)  # no salient word: nothing to rescue


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
def test_ask_abstains_on_an_absent_word_and_says_why_in_the_json(searcher):
    """The bundled index has 5 documents, under ``corpus_min_documents``: the rule is tried with a lower floor."""
    from dataclasses import replace

    from retriever.qa import Answerer

    question = "Căng tin bệnh viện ở Nghệ An phải đáp ứng điều kiện gì?"
    answer = Answerer(searcher, settings=replace(QA, corpus_min_documents=1)).ask(question)
    assert answer.abstained and answer.quotes == []
    assert answer.to_dict()["abstention_reasons"] == ["absent_terms: căng tin"]
    assert Answerer(searcher).ask(question).signals["absent_terms"] == []  # 5 documents: not counted

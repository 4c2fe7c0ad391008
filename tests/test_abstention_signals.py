"""The typed abstention signals of retriever/qa/abstention.py and retriever/qa/topics.py."""

from __future__ import annotations

from retriever.qa.abstention import Signals, should_abstain
from retriever.qa.settings import QA
from retriever.qa.topics import TopicIndex

# Signals of a question the passages answer well: nothing else would abstain.
CONFIDENT = {"coverage": 0.9, "dense": 0.93, "bm25": 20.0, "pair_coverage": 0.9, "typed": True, "typed_confidence": 1.0}


def test_confident_signals_answer():
    assert not should_abstain(Signals(**CONFIDENT), QA)


def test_a_missing_named_topic_abstains_however_many_words_match():
    assert should_abstain(Signals(**CONFIDENT, missing_topics=("tăng huyết áp",)), QA)


def test_an_unknown_act_number_abstains():
    assert should_abstain(Signals(**CONFIDENT, unknown_act=True), QA)


def test_a_figure_without_the_counted_noun_weighs_with_the_evidence_but_never_refuses_alone():
    from retriever.qa.abstention import ooc_logit

    strong = {**CONFIDENT, "dense_best": 0.92, "dense_gap": 0.06, "bm25_relative": 2.5, "uncovered": 0.0}
    assert not should_abstain(Signals(**strong, unit_missing=True), QA)  # the corpus plainly answers: a wrong figure
    # middling evidence the model lets through, tipped over by the figure lacking the counted noun
    middling = {**strong, "dense_best": 0.885, "dense_gap": 0.025, "bm25_relative": 1.2, "pair_coverage": 0.5}
    without, with_it = ooc_logit(Signals(**middling), QA), ooc_logit(Signals(**middling, unit_missing=True), QA)
    assert with_it > without
    assert without <= QA.evidence_model_threshold < with_it
    assert should_abstain(Signals(**middling, unit_missing=True), QA)
    assert not should_abstain(Signals(**middling), QA)


def test_signals_serialise_the_new_fields():
    data = Signals(**CONFIDENT, missing_topics=("sốt rét",)).to_dict()
    assert data["missing_topics"] == ["sốt rét"] and data["unknown_act"] is False and data["unit_missing"] is False


DOCUMENTS = {
    "a": "Kế hoạch phòng, chống bệnh sốt xuất huyết năm 2025 của Sở Y tế.\nTỷ lệ bao phủ BHYT đạt 95%.",
    "b": "Chương trình tiêm chủng mở rộng: trẻ em được tiêm vắc xin\nsởi – rubella; phòng chống\nsốt rét.",
}


def test_topic_index_finds_topics_across_line_wraps():
    topics = TopicIndex(DOCUMENTS)
    assert topics.missing("Sở Y tế phòng chống sốt rét thế nào?", ["b"]) == ()
    assert topics.missing("Sở Y tế phòng chống sốt rét thế nào?", ["a"]) == ("sốt rét",)


def test_topic_missing_from_the_answering_documents_even_if_elsewhere():
    topics = TopicIndex(DOCUMENTS)
    question = "Kế hoạch phòng chống tăng huyết áp năm 2025 của Sở Y tế đặt chỉ tiêu gì?"
    assert topics.asked(question) == ("tăng huyết áp",)
    assert topics.missing(question, ["a", "b"]) == ("tăng huyết áp",)
    assert topics.missing("Tỷ lệ bao phủ BHYT năm 2025 là bao nhiêu?", ["a"]) == ()  # no named topic asked


def test_accentless_question_compared_without_accents():
    topics = TopicIndex(DOCUMENTS)
    assert topics.missing("ke hoach phong chong sot xuat huyet nam 2025", ["a"]) == ()
    assert topics.missing("ke hoach phong chong thuy dau nam 2025", ["a"]) == ("thuy dau",)


# ---- retrieval evidence: the index-wide cosine calibrated against the question's own neighbours
def _cosines(best: float, background: float, n: int = 60) -> list[float]:
    """A dense top list: ``best`` first, then ten near it, then a flat background."""
    return [best] + [best - 0.002 * i for i in range(1, 10)] + [background] * (n - 10)


def test_evidence_reads_the_best_cosine_against_its_own_background():
    from retriever.qa.abstention import retrieval_evidence

    best, gap, evidence = retrieval_evidence(_cosines(0.90, 0.87), 2.0, QA)
    assert best == 0.90 and abs(gap - 0.03) < 1e-9
    assert abs(evidence - (0.90 + QA.evidence_gap_weight * 0.03 + QA.evidence_bm25_weight * 2.0)) < 1e-9
    # the order of the list does not matter, and a relative BM25 above the cap counts as the cap
    shuffled = list(reversed(_cosines(0.90, 0.87)))
    assert retrieval_evidence(shuffled, 2.0, QA) == (best, gap, evidence)
    assert retrieval_evidence(shuffled, 50.0, QA)[2] == retrieval_evidence(shuffled, QA.evidence_bm25_cap, QA)[2]
    assert retrieval_evidence(_cosines(0.90, 0.87, n=QA.calibration_to - 1), 2.0, QA) is None  # no background


def test_a_question_standing_out_from_nothing_abstains_one_that_stands_out_answers():
    from retriever.qa.abstention import abstention_reasons, retrieval_evidence

    def signals(cosines, bm25_relative):
        best, gap, evidence = retrieval_evidence(cosines, bm25_relative, QA)
        return Signals(**CONFIDENT, bm25_relative=bm25_relative, dense_best=best, dense_gap=gap, evidence=evidence)

    # same best cosine: many passages as near as the best (out of corpus) vs one passage about it
    flat = signals(_cosines(0.865, 0.86), 1.1)
    assert abstention_reasons(flat, QA)[0].startswith("evidence:")
    assert not should_abstain(signals(_cosines(0.865, 0.825), 1.1), QA)
    # the words of the question meeting in one passage (high relative BM25) answer despite a flat list
    assert not should_abstain(signals(_cosines(0.865, 0.86), 3.0), QA)
    # a small index has no evidence: the rule does not fire
    assert not should_abstain(Signals(**CONFIDENT), QA)
    data = flat.to_dict()
    assert data["evidence"] == round(flat.evidence, 4) and data["dense_gap"] == round(flat.dense_gap, 4)


# ---- w44: the retrieval evidence decides through one fitted model
WEAK = {"dense_best": 0.89, "dense_gap": 0.02, "bm25_relative": 1.5}  # middling on each part of the evidence


def test_the_evidence_model_weighs_missing_pairs_and_unprinted_words():
    """The same middling retrieval is refused when the question's word pairs and rare words are not in the
    best passages (a topic the corpus lacks), answered when they are (a question the passages print)."""
    from retriever.qa.abstention import abstention_reasons, ooc_logit

    lacking = {**CONFIDENT, **WEAK, "pair_coverage": 0.3, "uncovered": 0.4, "salient": 6}
    assert ooc_logit(Signals(**lacking), QA) > QA.evidence_model_threshold
    assert abstention_reasons(Signals(**lacking), QA)[0].startswith("evidence:")
    printed = {**lacking, "pair_coverage": 0.9, "uncovered": 0.0}
    assert ooc_logit(Signals(**printed), QA) < QA.evidence_model_threshold
    assert not should_abstain(Signals(**printed), QA)
    # each part of the evidence counts the right way: more of it, lower odds of being out of corpus
    base = ooc_logit(Signals(**lacking), QA)
    for name, more in (("dense_best", 0.01), ("dense_gap", 0.01), ("bm25_relative", 0.5), ("pair_coverage", 0.2)):
        assert ooc_logit(Signals(**{**lacking, name: lacking[name] + more}), QA) < base, name
    assert ooc_logit(Signals(**{**lacking, "uncovered": 0.8}), QA) > base
    # typed without accents, the same evidence is weaker evidence of a missing topic (the cosine gap and the
    # salient words of such a question are lower for every question, answerable or not)
    assert ooc_logit(Signals(**{**lacking, "accented": False}), QA) < base


def test_the_evidence_model_is_silent_without_corpus_evidence_or_a_model():
    from dataclasses import replace

    from retriever.qa.abstention import ooc_logit

    lacking = Signals(**{**CONFIDENT, **WEAK, "pair_coverage": 0.3, "uncovered": 0.4})
    assert ooc_logit(replace(lacking, bm25_relative=None), QA) is None  # a small index: no corpus-wide evidence
    assert ooc_logit(replace(lacking, known_document=True), QA) is None
    assert ooc_logit(lacking, replace(QA, evidence_model=())) is None
    assert not should_abstain(lacking, replace(QA, evidence_model=()))


# ---- w36: the rules kept after the ablation
def test_low_word_coverage_alone_no_longer_refuses():
    """An outsider's paraphrase ("lấy tiền ở đâu", "chích ngừa") covers few of the document's words; with its
    word pairs printed and nothing else wrong, it answers (the coverage floors were dropped: no unique catch)."""
    paraphrase = {**CONFIDENT, "coverage": 0.25, "dense": 0.83, "typed": False, "salient": 7, "uncovered": 0.6}
    assert not should_abstain(Signals(**paraphrase), QA)
    assert not should_abstain(Signals(**{**paraphrase, "pair_coverage": QA.min_pair_coverage + 0.01}), QA)
    assert should_abstain(Signals(**{**paraphrase, "pair_coverage": QA.min_pair_coverage - 0.01}), QA)


def test_a_question_naming_a_held_document_is_not_refused_for_weak_corpus_evidence():
    from retriever.qa.abstention import abstention_reasons

    weak = {**CONFIDENT, "dense_best": 0.865, "dense_gap": 0.005, "bm25_relative": 1.0}
    assert abstention_reasons(Signals(**weak), QA)[0].startswith("evidence:")
    assert not should_abstain(Signals(**weak, known_document=True), QA)
    # the rules about what the question asks still apply to a named document
    assert abstention_reasons(Signals(**weak, known_document=True, unknown_act=True), QA) == ("unknown_act",)
    assert should_abstain(Signals(**weak, known_document=True, missing_topics=("sốt rét",)), QA)
    assert Signals(**weak, known_document=True).to_dict()["known_document"] is True


def test_the_known_document_signal_reads_the_question(local_searcher):
    from retriever.qa import Answerer
    from retriever.qa.question import analyze_question

    answerer = Answerer(local_searcher)
    held = next(d.record for d in answerer.store.documents.values() if d.record.number)
    assert answerer.signals.known_document(analyze_question(f"Theo {held.type} {held.number}, ai chủ trì?"))
    assert not answerer.signals.known_document(analyze_question("Nghị định 146/2027/NĐ-CP có hiệu lực từ ngày nào?"))
    assert not answerer.signals.known_document(analyze_question("Ai chủ trì tiêm chủng?"))


# ---- w44: facts about the question checked against what the documents print, however it is spelt
def test_an_act_number_printed_anywhere_is_known_however_spaced():
    """The resolver reads acts where a document cites them; a number printed otherwise ("14730 /STC-VP") is
    still in the corpus, so a question naming it is not refused as naming an unknown act."""
    topics = TopicIndex({"d1": "Theo đề nghị của Sở Tài chính tại Văn bản số 14730 /STC-VP ngày 20/ 11 /2025.",
                         "d2": "Căn cứ Nghị định số 158/2025/NĐ-CP ngày 25 tháng 6 năm 2025"})
    assert topics.act_printed("Sở Tài chính đề nghị bằng văn bản 14730/STC-VP ngày nào?")
    assert topics.act_printed("nghi dinh 158/2025/nd-cp quy dinh gi?")  # typed without accents, lower case
    assert not topics.act_printed("Nghị định 146/2027/NĐ-CP có hiệu lực từ ngày nào?")
    assert not topics.act_printed("Văn bản 14731/STC-VP ngày nào?")
    saved = TopicIndex.from_table(topics.to_table())
    assert saved is not None and saved.acts == topics.acts


def test_a_two_word_name_printed_with_other_accents_is_known():
    from retriever.qa.abstention import CorpusNames

    names = CorpusNames.from_texts(["Sở Y tế tỉnh Đắk Lắk phối hợp với UBND tỉnh Khánh Hòa; bình ổn giá, định mức."])
    assert names.unknown("Sở Y tế Đăk Lăk giao việc gì?") == ()  # the common spelling of Đắk Lắk
    assert names.unknown("UBND tỉnh Khánh Hoà giao việc gì?") == ()
    # a name the corpus does not print stays unknown, though it prints each of its words apart
    assert "Bình Định" in names.unknown("UBND tỉnh Bình Định giao việc gì?")


def test_a_question_naming_a_held_document_is_not_refused_for_missing_pairs():
    """The pairs rule says the corpus is not about the question; a question naming a document the index holds
    is about that document, whatever words it puts the clause in (tune4: "Những ai chịu trách nhiệm thi hành
    … QĐ 2533/QĐ-UBND")."""
    from retriever.qa.abstention import abstention_reasons

    lacking = {**CONFIDENT, "dense": QA.pair_dense - 0.01, "pair_coverage": QA.min_pair_coverage - 0.05,
               "uncovered": 0.5, "salient": 6}
    assert abstention_reasons(Signals(**lacking), QA)[0].startswith("pair_coverage:")
    assert not should_abstain(Signals(**lacking, known_document=True), QA)


def test_a_unit_symbol_glued_to_the_figure_is_a_measure():
    """ "bao nhiêu mm" answered with "300mm": the symbol is printed in the figure's own token, not beside it."""
    from retriever.qa.signals import _MEASURES

    assert {"mm", "cm", "ml", "mg"} <= _MEASURES

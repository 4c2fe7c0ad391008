"""The typed abstention signals of retriever/qa/abstention.py and retriever/qa/topics.py."""

from __future__ import annotations

from retriever.qa.abstention import Signals, should_abstain
from retriever.qa.settings import QA
from retriever.qa.topics import TopicIndex

# Signals of a question the passages answer well: nothing else would abstain.
CONFIDENT = dict(coverage=0.9, dense=0.93, bm25=20.0, pair_coverage=0.9, typed=True, typed_confidence=1.0)


def test_confident_signals_answer():
    assert not should_abstain(Signals(**CONFIDENT), QA)


def test_a_missing_named_topic_abstains_however_many_words_match():
    assert should_abstain(Signals(**CONFIDENT, missing_topics=("tăng huyết áp",)), QA)


def test_an_unknown_act_number_abstains():
    assert should_abstain(Signals(**CONFIDENT, unknown_act=True), QA)


def test_a_figure_without_the_counted_noun_abstains():
    assert should_abstain(Signals(**CONFIDENT, unit_missing=True), QA)


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

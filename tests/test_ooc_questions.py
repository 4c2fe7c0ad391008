"""Validate the out-of-corpus tuning set eval/questions/ooc.jsonl.

Questions an official could ask whose topic none of the indexed documents covers (a
disease, programme, figure, act number or province the documents do not print), written to
share many words with the corpus (BHYT, Sở Y tế, UBND tỉnh, kế hoạch, năm 2025).  They carry
no answer and no gold passage; abstention thresholds may be chosen on them (split "tuning").
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from corpus.vietnamese import has_diacritics, match_key

ROOT = Path(__file__).resolve().parents[1]
OOC = ROOT / "eval" / "questions" / "ooc.jsonl"
REAL = ROOT / "eval" / "questions" / "real.jsonl"
BUNDLED = ROOT / "corpus" / "documents"
FIELDS = {"id", "question", "kind", "relevant", "answer", "split", "doc_kind"}


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return [json.loads(line) for line in OOC.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_schema_and_no_answer_strings(records):
    from eval.datasets import load_questions

    assert len(load_questions(OOC)) == len(records) >= 40
    for i, obj in enumerate(records, 1):
        assert set(obj) == FIELDS, obj
        assert obj["id"] == f"o{i:03d}"
        assert (obj["kind"], obj["relevant"], obj["answer"], obj["split"], obj["doc_kind"]) == (
            "noanswer", [], [], "tuning", "none"), obj["id"]
        assert obj["question"].strip().endswith("?"), obj["id"]


def test_new_questions_hard_and_some_without_accents(records):
    real = {match_key(json.loads(line)["question"]) for line in REAL.read_text(encoding="utf-8").splitlines() if line.strip()}
    keys = [match_key(r["question"]) for r in records]
    assert len(set(keys)) == len(keys) and not set(keys) & real
    assert sum(not has_diacritics(r["question"]) for r in records) >= 5
    # hard ones: many share the corpus's own administrative words
    shared = re.compile(r"\b(bao hiem y te|so y te|ubnd|ke hoach|nam 2025|bo y te)\b")
    assert sum(bool(shared.search(k)) for k in keys) >= 15


def test_named_health_topics_are_in_no_document(records, realdocs):
    """A disease or programme of the lexicon a question names is printed by no indexed document
    (compared with accents when the question has them: "bạch hầu" is not "cấp bách hậu quả")."""
    from corpus import parse_document
    from retriever.qa.topics import TopicIndex

    paths = sorted((realdocs / "documents").glob("*.txt")) + sorted(BUNDLED.glob("*.txt"))
    topics = TopicIndex({p.name: parse_document(p).text for p in paths})
    named = 0
    for r in records:
        asked = topics.asked(r["question"])
        named += len(asked)
        assert topics.missing(r["question"], [p.name for p in paths]) == asked, r["id"]
    assert named >= 10


# The topic of each ordinary-word question (o041–o062, written by helper w22): a phrase of everyday words
# whose syllables the corpus prints elsewhere, but which no document prints as a phrase.
ORDINARY_TOPICS = {
    "o041": "xe lăn", "o042": "nọc rắn", "o043": "thụ tinh ống nghiệm", "o044": "máy thở", "o045": "căng tin",
    "o046": "người bệnh nội trú", "o047": "phòng khám tư nhân", "o048": "nhà vệ sinh", "o049": "hồ bơi",
    "o050": "tập thể dục", "o051": "đồ chơi", "o052": "dưỡng lão", "o053": "tẩy giun", "o054": "bụi mịn",
    "o055": "thị lực", "o056": "khiếm thính", "o057": "sức khỏe tâm thần", "o058": "tiền trực",
    "o059": "chan thuong", "o060": "ung dung dien thoai", "o061": "ret dam", "o062": "túi ni lông",
}


def test_ordinary_word_topics_are_in_no_document(records, realdocs):
    from corpus import parse_document

    paths = sorted((realdocs / "documents").glob("*.txt")) + sorted(BUNDLED.glob("*.txt"))
    texts = [" " + " ".join(re.findall(r"\w+", match_key(parse_document(p).text))) + " " for p in paths]
    questions = {r["id"]: match_key(r["question"]) for r in records}
    for qid, topic in ORDINARY_TOPICS.items():
        key = " ".join(re.findall(r"\w+", match_key(topic)))
        assert key in questions[qid], qid
        assert not any(f" {key} " in text for text in texts), (qid, topic)

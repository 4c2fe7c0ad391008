"""Validate the second sealed held-out question set eval/questions/fresh2.jsonl.

fresh2.jsonl was written by helper w34, blind to the system, over the same 45 real documents as
fresh.jsonl (the files of ../shared/realdocs/documents that no question of real.jsonl or tune2.jsonl
touches), plus out-of-corpus questions.  Nothing is fitted on it; its split is by document (half of the 45
documents opened for study, "tuning", the other half "check" and sealed: tests/test_real_questions.py).  The schema and the snippet rules are those of real.jsonl; the checks
every sealed set shares (it loads, unique ids, the split by document, no diacritics in noaccent questions, every
snippet in its document) are parametrized in tests/test_real_questions.py.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

# One schema and one snippet rule for every question set over the real documents.
from test_real_questions import BUNDLED, FIELDS, REAL, ROOT, _collapse, read_records

from corpus.vietnamese import match_key
from eval.datasets import KINDS, load_questions

QUESTIONS = ROOT / "eval" / "questions"
FRESH2 = QUESTIONS / "fresh2.jsonl"
# Only the relevant.source fields of these files are read here (fresh.jsonl is sealed), and question
# texts only to compare keys: nothing of them is printed.
FRESH, TUNE2, OOC, DEV = (QUESTIONS / name for name in ("fresh.jsonl", "tune2.jsonl", "ooc.jsonl", "dev.jsonl"))

MIN_ANSWERABLE = 130
MIN_NOANSWER = 25
MIN_PER_KIND = 5
MIN_PER_DOCUMENT, MAX_PER_DOCUMENT = 3, 4
FIRST_ANSWERABLE, FIRST_NOANSWER = 2001, 2901

# The topic each out-of-corpus question asks about: a phrase no document of ../shared/realdocs or the
# bundled corpus prints (its single words may be common), compared accent-folded and word-bounded.
NOANSWER_TOPICS = {
    "f2901": "sốt xuất huyết", "f2902": "tay chân miệng", "f2903": "ung thư cổ tử cung",
    "f2904": "thuốc lá điện tử", "f2905": "bệnh dại", "f2906": "hiến máu", "f2907": "bệnh viện dã chiến",
    "f2908": "methadone", "f2909": "sot ret", "f2910": "bệnh lao", "f2911": "ngộ độc rượu", "f2912": "HPV",
    "f2913": "đậu mùa khỉ", "f2914": "phụ cấp chống dịch", "f2915": "ARV", "f2916": "tram cam",
    "f2917": "y tế học đường", "f2918": "vitamin A", "f2919": "muối i-ốt", "f2920": "thủy đậu",
    "f2921": "cúm gia cầm", "f2922": "cộng hưởng từ", "f2923": "đái tháo đường", "f2924": "sua me",
    "f2925": "ô nhiễm không khí",
}


def _sources(records: list[dict]) -> set[str]:
    return {e["source"] for r in records for e in r["relevant"]}


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", match_key(text)))


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return read_records(FRESH2)


def test_ids_fields_and_split(records):
    questions = load_questions(FRESH2)
    assert len(questions) == len(records)
    answerable = [r for r in records if r["kind"] != "noanswer"]
    noanswer = [r for r in records if r["kind"] == "noanswer"]
    assert records == answerable + noanswer, "answerable questions first, then out-of-corpus ones"
    assert [r["id"] for r in answerable] == [f"f{FIRST_ANSWERABLE + i}" for i in range(len(answerable))]
    assert [r["id"] for r in noanswer] == [f"f{FIRST_NOANSWER + i}" for i in range(len(noanswer))]
    for obj, question in zip(records, questions):
        assert set(obj) == FIELDS, obj["id"]
        assert question.split == obj["split"], obj["id"]  # by document half: tests/test_real_questions.py
        assert question.doc_kind == obj["doc_kind"], obj["id"]


def test_size_kinds_and_spread(records):
    answerable = [r for r in records if r["kind"] != "noanswer"]
    assert len(answerable) >= MIN_ANSWERABLE
    assert len(records) - len(answerable) >= MIN_NOANSWER
    counts = Counter(r["kind"] for r in records)
    assert set(counts) == set(KINDS), f"missing kinds: {set(KINDS) - set(counts)}"
    for kind in KINDS:
        assert counts[kind] >= MIN_PER_KIND, (kind, counts[kind])
    per_document = Counter(e["source"] for r in answerable for e in r["relevant"])
    assert MIN_PER_DOCUMENT <= min(per_document.values()), per_document.most_common()[-3:]
    assert max(per_document.values()) <= MAX_PER_DOCUMENT, per_document.most_common(3)
    assert {"tvpl", "congbao"} <= {r["doc_kind"] for r in answerable}


def test_documents_are_the_untouched_ones_of_fresh(records, realdocs):
    """Exactly the real documents no question of real.jsonl or tune2.jsonl touches: those of fresh.jsonl."""
    untouched = {p.name for p in (realdocs / "documents").glob("*.txt")} - _sources(read_records(REAL)) - _sources(read_records(TUNE2))
    assert _sources(records) == untouched, sorted(_sources(records) ^ untouched)
    assert _sources(records) == _sources(read_records(FRESH))


def test_questions_are_new(records):
    earlier = {match_key(r["question"]) for path in (REAL, TUNE2, OOC, FRESH, DEV) for r in read_records(path)}
    keys = [match_key(r["question"]) for r in records]
    assert len(set(keys)) == len(keys), "duplicate question text"
    repeated = [r["id"] for r, key in zip(records, keys) if key in earlier]
    assert not repeated, repeated


def test_answers_and_noanswer_records(records):
    for r in records:
        if r["kind"] == "noanswer":
            assert (r["relevant"], r["answer"], r["doc_kind"]) == ([], [], "none"), r["id"]
            continue
        assert len(r["relevant"]) == 1, r["id"]
        assert r["answer"] and all(a.strip() for a in r["answer"]), r["id"]
        assert r["doc_kind"] == r["relevant"][0]["source"].split("_", 1)[0], r["id"]


def test_an_accepted_answer_stands_in_the_snippet(records):
    """The gold snippet holds at least one accepted form (case aside), so the pair is consistent."""
    for r in records:
        for e in r["relevant"]:
            assert any(_collapse(a).lower() in e["text"].lower() for a in r["answer"]), (r["id"], r["answer"])


def test_noanswer_topics_are_asked_and_printed_by_no_document(records, realdocs):
    from corpus import parse_document

    noanswer = {r["id"]: _words(r["question"]) for r in records if r["kind"] == "noanswer"}
    assert set(noanswer) == set(NOANSWER_TOPICS)
    paths = sorted((realdocs / "documents").glob("*.txt")) + sorted(BUNDLED.glob("*.txt"))
    texts = [f" {_words(parse_document(p).text)} " for p in paths]
    for qid, topic in NOANSWER_TOPICS.items():
        key = _words(topic)
        assert f" {key} " in f" {noanswer[qid]} ", (qid, topic)
        printed = [p.name for p, text in zip(paths, texts) if f" {key} " in text]
        assert not printed, (qid, topic, printed)

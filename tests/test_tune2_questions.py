"""Validate the second tuning question set eval/questions/tune2.jsonl.

tune2.jsonl was written by reading the documents that real.jsonl already touches (never a document
of the sealed fresh.jsonl), with the kinds the answer extraction fails on when others write the
questions: agency by its task, several agencies, dates other than signing, facts, paraphrase,
figures tied to a year, amounts with units, no diacritics, content questions without a document
number, lists, and out-of-corpus questions in ordinary words.  Every record is "split": "tuning".
The schema and the snippet rules are those of real.jsonl.
"""

from __future__ import annotations

from collections import Counter

import pytest

# One schema and one snippet rule for every question set over the real documents.
from test_real_questions import (
    BUNDLED,
    FIELDS,
    REAL,
    ROOT,
    _collapse,
    assert_noaccent_without_diacritics,
    assert_snippet_shape,
    missing_snippets,
    read_records,
)

from corpus.vietnamese import match_key
from eval.datasets import KINDS, load_questions

TUNE2 = ROOT / "eval" / "questions" / "tune2.jsonl"
FRESH = ROOT / "eval" / "questions" / "fresh.jsonl"
OOC = ROOT / "eval" / "questions" / "ooc.jsonl"

MIN_QUESTIONS = 160
MIN_PER_KIND = {
    "agency": 25, "agencies": 10, "date": 15, "fact": 15, "paraphrase": 20, "number": 15,
    "amount": 15, "noaccent": 15, "semantic": 10, "list": 10, "noanswer": 20,
}
MIN_DOCUMENTS = 60
MAX_PER_DOCUMENT = 4


def _sources(records: list[dict]) -> set[str]:
    return {e["source"] for r in records for e in r["relevant"]}


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return read_records(TUNE2)


def test_file_parses_with_the_documented_fields(records):
    questions = load_questions(TUNE2)
    assert len(records) == len(questions)
    by_id = {q.id: q for q in questions}
    for index, obj in enumerate(records, 1):
        assert set(obj) == FIELDS, obj["id"]
        assert obj["id"] == f"t{index:03d}", obj["id"]
        assert obj["split"] == "tuning", obj["id"]
        assert obj["doc_kind"] in ("tvpl", "congbao", "bundled", "none"), obj["id"]
        assert (by_id[obj["id"]].split, by_id[obj["id"]].doc_kind) == ("tuning", obj["doc_kind"])


def test_size_kinds_and_spread(records):
    assert len(records) >= MIN_QUESTIONS
    counts = Counter(r["kind"] for r in records)
    assert set(counts) <= set(KINDS)
    for kind, least in MIN_PER_KIND.items():
        assert counts[kind] >= least, (kind, counts[kind])
    answerable = [r for r in records if r["kind"] != "noanswer"]
    per_document = Counter(e["source"] for r in answerable for e in r["relevant"])
    assert len(per_document) >= MIN_DOCUMENTS
    assert max(per_document.values()) <= MAX_PER_DOCUMENT, per_document.most_common(3)
    assert {"tvpl", "congbao"} <= {r["doc_kind"] for r in answerable}
    assert len({match_key(r["question"]) for r in records}) == len(records), "duplicate question text"


def test_documents_are_those_of_real_questions_never_fresh_ones(records):
    """Tuning stays on documents real.jsonl already touches; the sealed set's documents stay unseen."""
    used = _sources(records)
    assert used <= _sources(read_records(REAL)), sorted(used - _sources(read_records(REAL)))
    assert not used & _sources(read_records(FRESH)), sorted(used & _sources(read_records(FRESH)))


def test_questions_are_new(records):
    earlier = {match_key(r["question"]) for path in (REAL, OOC) for r in read_records(path)}
    repeated = [r["id"] for r in records if match_key(r["question"]) in earlier]
    assert not repeated, repeated


def test_doc_kind_answers_and_noanswer(records):
    for r in records:
        if r["kind"] == "noanswer":
            assert r["relevant"] == [] and r["answer"] == [] and r["doc_kind"] == "none", r["id"]
            continue
        assert len(r["relevant"]) == 1, r["id"]
        assert r["answer"] and all(a.strip() for a in r["answer"]), r["id"]
        source = r["relevant"][0]["source"]
        expected = source.split("_", 1)[0] if source.startswith(("tvpl_", "congbao_")) else "bundled"
        assert r["doc_kind"] == expected, (r["id"], source)


def test_an_accepted_answer_stands_in_the_snippet(records):
    """The gold snippet holds at least one accepted form (case aside), so the pair is consistent."""
    for r in records:
        for e in r["relevant"]:
            text = e["text"].lower()
            assert any(_collapse(a).lower() in text for a in r["answer"]), (r["id"], r["answer"])


def test_noaccent_questions_have_no_diacritics(records):
    assert_noaccent_without_diacritics(records)


def test_snippet_shape(records):
    assert_snippet_shape(records)


def test_snippets_are_in_the_cleaned_documents(records, realdocs):
    missing = missing_snippets(records, lambda s: realdocs / "documents" if s.startswith(("tvpl_", "congbao_")) else BUNDLED)
    assert not missing, missing


def test_named_health_topics_of_noanswer_questions_are_in_no_document(records, realdocs):
    """A disease or programme of the lexicon an out-of-corpus question names is printed by no
    indexed document (the same check as ooc.jsonl's)."""
    from corpus import parse_document
    from retriever.qa.topics import TopicIndex

    paths = sorted((realdocs / "documents").glob("*.txt")) + sorted(BUNDLED.glob("*.txt"))
    topics = TopicIndex({p.name: parse_document(p).text for p in paths})
    for r in records:
        if r["kind"] == "noanswer":
            assert topics.missing(r["question"], [p.name for p in paths]) == topics.asked(r["question"]), r["id"]

"""Validate the sealed held-out question set eval/questions/fresh.jsonl.

fresh.jsonl was written after the w12 tuning round, by reading real documents that no question of
real.jsonl touches; nothing is fitted on it (its split is by document: half of the documents opened for study,
the other half sealed; tests/test_real_questions.py).  Every relevant snippet must stand
verbatim (after NFC and whitespace collapsing) in the cleaned text of its document, the text the
index is built from.
"""

from __future__ import annotations

from collections import Counter

import pytest

# The snippet rules and field list are real.jsonl's: one schema for both sets.
from test_real_questions import (
    FIELDS,
    REAL,
    ROOT,
    assert_noaccent_without_diacritics,
    assert_snippet_shape,
    missing_snippets,
    read_records,
)

from eval.datasets import KINDS, REAL_KINDS, load_questions

FRESH = ROOT / "eval" / "questions" / "fresh.jsonl"

MIN_ANSWERABLE = 90
MIN_NOANSWER = 10
MIN_DOCUMENTS = 40
MIN_PER_KIND = 5
MAX_PER_DOCUMENT = 4


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return read_records(FRESH)


def test_file_parses_with_the_documented_fields(records):
    questions = load_questions(FRESH)
    assert len(records) == len(questions)
    by_id = {q.id: q for q in questions}
    for index, obj in enumerate(records, 1):
        assert set(obj) == FIELDS, obj["id"]
        assert obj["id"] == f"f{index:03d}", obj["id"]
        assert obj["doc_kind"] in ("tvpl", "congbao", "none"), obj["id"]
        assert (by_id[obj["id"]].split, by_id[obj["id"]].doc_kind) == (obj["split"], obj["doc_kind"])


def test_size_kinds_and_spread(records):
    answerable = [r for r in records if r["kind"] != "noanswer"]
    assert len(answerable) >= MIN_ANSWERABLE
    assert len(records) - len(answerable) >= MIN_NOANSWER
    per_document = Counter(e["source"] for r in answerable for e in r["relevant"])
    assert len(per_document) >= MIN_DOCUMENTS
    assert max(per_document.values()) <= MAX_PER_DOCUMENT, per_document.most_common(3)
    assert {"tvpl", "congbao"} <= {r["doc_kind"] for r in answerable}
    counts = Counter(r["kind"] for r in records)
    assert set(counts) == set(KINDS), f"missing kinds: {set(KINDS) - set(counts)}"
    for kind in KINDS:
        if kind != "noanswer":
            assert counts[kind] >= MIN_PER_KIND, (kind, counts[kind])
    assert set(REAL_KINDS) <= set(counts)
    assert len({r["question"].strip().lower() for r in records}) == len(records), "duplicate question text"


def test_documents_are_untouched_by_real_questions(records):
    """fresh.jsonl measures the system on documents no earlier question was written over."""
    earlier = {e["source"] for r in read_records(REAL) for e in r["relevant"]}
    fresh = {e["source"] for r in records for e in r["relevant"]}
    assert not fresh & earlier, sorted(fresh & earlier)
    earlier_questions = {r["question"].strip().lower() for r in read_records(REAL)}
    assert not {r["question"].strip().lower() for r in records} & earlier_questions


def test_doc_kind_answers_and_noanswer(records):
    for r in records:
        if r["kind"] == "noanswer":
            assert r["relevant"] == [] and r["answer"] == [] and r["doc_kind"] == "none", r["id"]
            continue
        assert len(r["relevant"]) == 1, r["id"]
        assert r["answer"] and all(a.strip() for a in r["answer"]), r["id"]
        source = r["relevant"][0]["source"]
        assert r["doc_kind"] == source.split("_", 1)[0], (r["id"], source)


def test_noaccent_questions_have_no_diacritics(records):
    assert_noaccent_without_diacritics(records)


def test_snippet_shape(records):
    assert_snippet_shape(records)


def test_snippets_are_in_the_cleaned_documents(records, realdocs):
    missing = missing_snippets(records, lambda s: realdocs / "documents")
    assert not missing, missing

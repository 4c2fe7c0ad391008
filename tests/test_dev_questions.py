"""Validate the development question set eval/questions/dev.jsonl against the bundled corpus."""

from __future__ import annotations

import importlib
import importlib.util
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from eval.datasets import BASE_KINDS as KINDS, load_questions  # dev.jsonl uses the base kinds

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "eval" / "questions" / "dev.jsonl"
DOCS = ROOT / "corpus" / "documents"

MIN_QUESTIONS = 80
MIN_PER_KIND = 8
MIN_NOANSWER = 8
# Snippets are short and come from one line of the answering sentence.  The lower bound
# is 13, not 15, so that a signer's name standing alone on its signature line
# ("Bùi Đình Long", 13 characters) can be the relevant passage.
MIN_SNIPPET, MAX_SNIPPET = 13, 120
# Two relevant entries of one question in the same document must be distinct passages.
MIN_ENTRY_DISTANCE = 300


@pytest.fixture(scope="module")
def questions():
    return load_questions(DEV)


@pytest.fixture(scope="module")
def raw_texts():
    return {p.name: unicodedata.normalize("NFC", p.read_text(encoding="utf-8")) for p in sorted(DOCS.glob("*.txt"))}


def test_file_is_json_lines_with_the_documented_fields():
    lines = [line for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    for number, line in enumerate(lines, 1):
        obj = json.loads(line)
        assert set(obj) == {"id", "question", "kind", "relevant", "answer"}, f"line {number}"


def test_size_ids_and_kinds(questions):
    assert len(questions) >= MIN_QUESTIONS
    ids = [q.id for q in questions]
    assert len(ids) == len(set(ids)), [i for i, c in Counter(ids).items() if c > 1]
    assert all(re.fullmatch(r"q\d{3,}", i) for i in ids)
    counts = Counter(q.kind for q in questions)
    assert set(counts) <= set(KINDS)
    assert set(counts) == set(KINDS), f"missing kinds: {set(KINDS) - set(counts)}"
    assert counts["noanswer"] >= MIN_NOANSWER
    for kind in KINDS:
        if kind != "noanswer":
            assert counts[kind] >= MIN_PER_KIND, (kind, counts[kind])
    assert len({q.question.strip().lower() for q in questions}) == len(questions), "duplicate question text"


def test_answers(questions):
    for q in questions:
        if q.kind == "noanswer":
            assert q.relevant == [] and q.answer == [], q.id
        else:
            assert q.relevant, q.id
            assert q.answer and all(a.strip() for a in q.answer), q.id


def test_noaccent_questions_have_no_diacritics(questions):
    from corpus.vietnamese import has_diacritics

    for q in questions:
        if q.kind == "noaccent":
            assert not has_diacritics(q.question), q.id


def test_every_document_is_covered(questions, raw_texts):
    covered = {r.source for q in questions for r in q.relevant}
    assert covered == set(raw_texts), set(raw_texts) - covered


def test_relevant_snippets_are_verbatim_in_the_raw_files(questions, raw_texts):
    for q in questions:
        for r in q.relevant:
            assert r.source in raw_texts, (q.id, r.source)
            text = r.text
            assert MIN_SNIPPET <= len(text) <= MAX_SNIPPET, (q.id, len(text), text)
            assert "\n" not in text and "**" not in text and "\u00a0" not in text, (q.id, text)
            assert text == text.strip() and "  " not in text, (q.id, text)
            assert unicodedata.is_normalized("NFC", text), (q.id, text)
            assert text in raw_texts[r.source], (q.id, r.source, text)


def test_relevant_entries_of_a_question_are_distinct_passages(questions, raw_texts):
    for q in questions:
        for i, a in enumerate(q.relevant):
            for b in q.relevant[i + 1 :]:
                if a.source != b.source:
                    continue
                pa, pb = raw_texts[a.source].find(a.text), raw_texts[b.source].find(b.text)
                assert abs(pa - pb) >= MIN_ENTRY_DISTANCE, (q.id, a.text, b.text)


def test_relevant_snippets_survive_cleaning(questions, raw_texts):
    # Skip only when corpus/cleaning.py does not exist yet; an import error inside it fails.
    if importlib.util.find_spec("corpus.cleaning") is None:
        pytest.skip("corpus.cleaning not written yet")
    clean_text = importlib.import_module("corpus.cleaning").clean_text
    cleaned = {name: clean_text(text) for name, text in raw_texts.items()}
    missing = [
        (q.id, r.source, r.text) for q in questions for r in q.relevant if r.text not in cleaned[r.source]
    ]
    assert not missing, missing

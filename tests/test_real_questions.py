"""Validate the real-document question set eval/questions/real.jsonl.

The questions were written by reading the documents of ../shared/realdocs and the five bundled
documents; each relevant snippet must stand verbatim (after NFC and whitespace collapsing) in the
cleaned text of its document, the text the index is built from.  The set is split once, by
document, into a tuning half and a check half.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from eval.datasets import KINDS, load_questions

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "eval" / "questions" / "real.jsonl"
BUNDLED = ROOT / "corpus" / "documents"

MIN_QUESTIONS = 150
MIN_REAL = 100
MIN_REAL_DOCUMENTS = 60
MIN_PER_KIND = 8
# A signer's name alone on its line ("Lê Tấn Cận") is short; every other snippet is 30+ characters.
MIN_SNIPPET, MIN_SIGNER_SNIPPET, MAX_SNIPPET = 30, 13, 200
FIELDS = {"id", "question", "kind", "relevant", "answer", "split", "doc_kind"}


def _collapse(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def read_records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return read_records(REAL)


@pytest.fixture(scope="module")
def questions():
    return load_questions(REAL)


def test_file_parses_with_the_documented_fields(records, questions):
    assert len(records) == len(questions)
    for obj in records:
        assert set(obj) == FIELDS, obj["id"]
        assert obj["split"] in ("tuning", "check"), obj["id"]
        assert obj["doc_kind"] in ("tvpl", "congbao", "bundled", "none"), obj["id"]


def test_size_kinds_and_spread(records):
    assert len(records) >= MIN_QUESTIONS
    real = [r for r in records if r["doc_kind"] in ("tvpl", "congbao")]
    assert len(real) >= MIN_REAL
    assert len({e["source"] for r in real for e in r["relevant"]}) >= MIN_REAL_DOCUMENTS
    counts = Counter(r["kind"] for r in records)
    assert set(counts) == set(KINDS), f"missing kinds: {set(KINDS) - set(counts)}"
    for kind in KINDS:
        assert counts[kind] >= MIN_PER_KIND, (kind, counts[kind])
    assert len({r["id"] for r in records}) == len(records)
    assert len({r["question"].strip().lower() for r in records}) == len(records), "duplicate question text"


def test_doc_kind_matches_the_source(records):
    for r in records:
        if r["kind"] == "noanswer":
            assert r["relevant"] == [] and r["answer"] == [] and r["doc_kind"] == "none", r["id"]
            continue
        assert r["answer"] and all(a.strip() for a in r["answer"]), r["id"]
        for e in r["relevant"]:
            expected = "tvpl" if e["source"].startswith("tvpl_") else "congbao" if e["source"].startswith("congbao_") else "bundled"
            assert r["doc_kind"] == expected, (r["id"], e["source"])


def test_split_is_by_document_and_balanced(records):
    half_of: dict[str, set[str]] = {}
    for r in records:
        for e in r["relevant"]:
            half_of.setdefault(e["source"], set()).add(r["split"])
    mixed = {source: halves for source, halves in half_of.items() if len(halves) > 1}
    assert not mixed, mixed
    for group in ([r for r in records if r["kind"] != "noanswer"], [r for r in records if r["kind"] == "noanswer"]):
        halves = Counter(r["split"] for r in group)
        assert abs(halves["tuning"] - halves["check"]) <= max(2, len(group) // 5), halves
    documents = Counter(next(iter(h)) for h in half_of.values())
    assert abs(documents["tuning"] - documents["check"]) <= 2, documents


def assert_noaccent_without_diacritics(records: list[dict]) -> None:
    """Every "noaccent" question (there is at least one) is typed without diacritics."""
    from corpus.vietnamese import has_diacritics

    noaccent = [r for r in records if r["kind"] == "noaccent"]
    assert noaccent
    for r in noaccent:
        assert not has_diacritics(r["question"]), r["id"]


def test_noaccent_questions_have_no_diacritics(records):
    assert_noaccent_without_diacritics(records)


def assert_snippet_shape(records: list[dict]) -> None:
    """Snippets of plain body text: 30–200 characters (a signer's name may be shorter), already
    NFC and whitespace-collapsed, no Markdown mark or table cell."""
    for r in records:
        for e in r["relevant"]:
            text = e["text"]
            low = MIN_SIGNER_SNIPPET if r["kind"] == "signer" else MIN_SNIPPET
            assert low <= len(text) <= MAX_SNIPPET, (r["id"], len(text), text)
            assert text == _collapse(text), (r["id"], text)
            assert "*" not in text and "|" not in text, (r["id"], text)


def test_snippet_shape(records):
    assert_snippet_shape(records)


def missing_snippets(records: list[dict], folder_of) -> list[tuple[str, str, str]]:
    """(id, source, snippet) of every gold snippet not verbatim in its document's cleaned text;
    ``folder_of(source)`` is the folder holding the document."""
    from corpus import parse_document

    sources = sorted({e["source"] for r in records for e in r["relevant"]})
    texts = {s: _collapse(parse_document(folder_of(s) / s).text) for s in sources}
    return [(r["id"], e["source"], e["text"]) for r in records for e in r["relevant"] if e["text"] not in texts[e["source"]]]


def test_bundled_snippets_are_in_the_cleaned_documents(records):
    bundled = [r for r in records if r["doc_kind"] == "bundled"]
    missing = missing_snippets(bundled, lambda s: BUNDLED)
    assert not missing, missing


def test_real_snippets_are_in_the_cleaned_documents(records, realdocs):
    real = [r for r in records if r["doc_kind"] in ("tvpl", "congbao")]
    missing = missing_snippets(real, lambda s: realdocs / "documents")
    assert not missing, missing


def test_split_follows_the_documented_rule(records, realdocs):
    import hashlib

    names = [p.name for p in (realdocs / "documents").glob("*.txt")] + [p.name for p in BUNDLED.glob("*.txt")]
    ranked = sorted(names, key=lambda n: hashlib.sha1(n.encode()).hexdigest())
    expected = {name: ("tuning" if i % 2 == 0 else "check") for i, name in enumerate(ranked)}
    wrong = [(r["id"], e["source"], r["split"]) for r in records for e in r["relevant"] if expected[e["source"]] != r["split"]]
    assert not wrong, wrong


def test_loader_keeps_split_and_doc_kind(records, questions):
    by_id = {q.id: q for q in questions}
    for r in records:
        assert (by_id[r["id"]].split, by_id[r["id"]].doc_kind) == (r["split"], r["doc_kind"]), r["id"]
    assert {q.split for q in questions} == {"tuning", "check"}


# The sealed check sets (held out, never fitted on) get the checks every question file gets: the
# loader accepts them, ids are unique, each record's split follows its document's half (since the second
# 2026-12-07 session half of their 45 long documents is open for study, "tuning"; the other half "check"
# and still sealed), noaccent questions carry no
# diacritics, snippets have the documented shape and stand in their documents' cleaned text.
# Failures name ids and sources only: the questions of a sealed set are not printed.
SEALED = ("fresh.jsonl", "fresh2.jsonl", "fresh3.jsonl")


def sealed_study_documents() -> set[str]:
    """The half of the sealed sets' documents opened for study (the documented rule: the 45 documents ranked by
    sha1 of "sealed-split:" + name, every other one from the first); the other half stays sealed."""
    import hashlib

    documents = {r["relevant"][0]["source"] for s in SEALED for r in read_records(ROOT / "eval" / "questions" / s)
                 if r["relevant"]}
    ranked = sorted(documents, key=lambda n: hashlib.sha1(f"sealed-split:{n}".encode()).hexdigest())
    return set(ranked[0::2])


@pytest.mark.parametrize("name", SEALED)
def test_sealed_set_loads_with_unique_ids_split_by_document(name):
    path = ROOT / "eval" / "questions" / name
    records = read_records(path)
    assert len(load_questions(path)) == len(records)
    assert len({r["id"] for r in records}) == len(records)
    study = sealed_study_documents()
    assert len(study) == 23
    wrong = [r["id"] for r in records
             if r["split"] != ("tuning" if r["relevant"] and r["relevant"][0]["source"] in study else "check")]
    assert wrong == []
    assert [r["id"] for r in records if len({e["source"] for e in r["relevant"]}) > 1] == []  # one document each
    assert [r["id"] for r in records if (r["kind"] == "noanswer") != (r["relevant"] == [] and r["answer"] == [])] == []
    assert_noaccent_without_diacritics(records)
    assert_snippet_shape(records)


@pytest.mark.parametrize("name", SEALED)
def test_sealed_set_snippets_are_in_the_cleaned_documents(name, realdocs):
    records = read_records(ROOT / "eval" / "questions" / name)
    missing = missing_snippets(records, lambda s: realdocs / "documents")
    assert not missing, [(qid, source) for qid, source, _ in missing]


# Tuning sets written blind to the system (tune3.jsonl … tune12.jsonl): the same checks, every record "tuning",
# snippets in the real documents or the bundled ones.
BLIND_TUNING = ("tune3.jsonl", "tune4.jsonl", "tune5.jsonl", "tune6.jsonl", "tune7.jsonl", "tune8.jsonl", "tune9.jsonl", "tune10.jsonl",
                "tune11.jsonl", "tune12.jsonl")
# Blind sets written over the half of the sealed sets' documents opened for study (sealed_study_documents): they
# may touch those documents, never the other (still sealed) half.
OVER_STUDY_DOCUMENTS = ("tune11.jsonl", "tune12.jsonl")


@pytest.mark.parametrize("name", BLIND_TUNING)
def test_blind_tuning_set_loads_with_unique_ids_all_tuning(name):
    path = ROOT / "eval" / "questions" / name
    records = read_records(path)
    assert len(load_questions(path)) == len(records)
    assert len({r["id"] for r in records}) == len(records)
    assert [r["id"] for r in records if r["split"] != "tuning"] == []
    assert [r["id"] for r in records if (r["kind"] == "noanswer") != (r["relevant"] == [] and r["answer"] == [])] == []
    assert_noaccent_without_diacritics(records)
    assert_snippet_shape(records)


@pytest.mark.parametrize("name", BLIND_TUNING)
def test_blind_tuning_set_snippets_are_in_the_cleaned_documents(name, realdocs):
    records = read_records(ROOT / "eval" / "questions" / name)
    missing = missing_snippets(records, lambda s: BUNDLED if (BUNDLED / s).exists() else realdocs / "documents")
    assert not missing, missing


@pytest.mark.parametrize("name", BLIND_TUNING)
def test_blind_tuning_set_touches_no_sealed_document(name):
    records = read_records(ROOT / "eval" / "questions" / name)
    sealed = {e["source"] for s in SEALED for r in read_records(ROOT / "eval" / "questions" / s) for e in r["relevant"]}
    assert sealed
    if name in OVER_STUDY_DOCUMENTS:
        sealed -= sealed_study_documents()
    assert [r["id"] for r in records for e in r["relevant"] if e["source"] in sealed] == []


# Probe sets written by helpers on documents no sealed set covers (tuning only): the same checks
# as the sealed sets, but every record is "tuning" and none of its documents is a sealed set's.
PROBES = ("figures_probe.jsonl",)


@pytest.mark.parametrize("name", PROBES)
def test_probe_set_loads_with_unique_ids_all_tuning(name):
    path = ROOT / "eval" / "questions" / name
    records = read_records(path)
    assert len(records) >= 25
    assert len(load_questions(path)) == len(records)
    assert len({r["id"] for r in records}) == len(records)
    assert [r["id"] for r in records if r["split"] != "tuning"] == []
    for obj in records:
        assert set(obj) == FIELDS, obj["id"]
    assert_noaccent_without_diacritics(records)
    assert_snippet_shape(records)


@pytest.mark.parametrize("name", PROBES)
def test_probe_set_snippets_are_in_the_cleaned_documents_and_not_sealed(name, realdocs):
    records = read_records(ROOT / "eval" / "questions" / name)
    missing = missing_snippets(records, lambda s: realdocs / "documents")
    assert not missing, missing
    sealed = {e["source"] for s in SEALED for r in read_records(ROOT / "eval" / "questions" / s) for e in r["relevant"]}
    assert not [r["id"] for r in records for e in r["relevant"] if e["source"] in sealed]

"""Validate the hand-made evaluation data in eval/data (see eval/data/README.md).

The labels were read off the real documents by hand; these tests check that each label
file is well formed and that what it says can be found in the document it names: the
number (and title) occur in the raw text, the file exists, nothing is labelled twice.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "eval" / "data"
HEADERS = DATA / "realdocs_headers.jsonl"
TITLES = DATA / "realdocs_titles.jsonl"
DRAFTS = DATA / "drafts.jsonl"
BUNDLED = ROOT / "corpus" / "documents"

HEADER_FIELDS = {"file", "number", "type", "date", "issuer", "issuer_raw", "signer", "title"}
HEADER_OPTIONAL = {"number_printed", "type_line", "note"}
MIN_HEADER_RECORDS = 45


def read_jsonl(path: Path) -> list[dict]:
    """Every non-blank line of ``path`` as a JSON object (fails with the line number)."""
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:  # pragma: no cover - the assertion is the test
            pytest.fail(f"{path.name}:{number}: {exc}")
        assert isinstance(obj, dict), f"{path.name}:{number}: not an object"
        records.append(obj)
    return records


def squeeze(text: str) -> str:
    """NFC text without whitespace and Markdown emphasis marks.

    The legal-database pages break lines inside numbers and titles and put ``**`` even
    inside words (``**BỘ C****ÔNG THƯƠNG**``), so a label is looked for in the document
    with both removed.
    """
    return re.sub(r"[\s*]+", "", unicodedata.normalize("NFC", text))


@pytest.fixture(scope="module")
def headers() -> list[dict]:
    return read_jsonl(HEADERS)


@pytest.fixture(scope="module")
def titles() -> list[dict]:
    return read_jsonl(TITLES)


@pytest.fixture(scope="module")
def expected(realdocs) -> list[dict]:
    return read_jsonl(realdocs / "expected.jsonl")


@pytest.fixture(scope="module")
def squeezed(realdocs) -> dict[str, str]:
    """Each real document's raw text, squeezed (see :func:`squeeze`)."""
    return {p.name: squeeze(p.read_text(encoding="utf-8")) for p in sorted((realdocs / "documents").glob("*.txt"))}


# ---- header labels -----------------------------------------------------------------


def test_header_records_have_the_schema_of_expected(headers):
    assert len(headers) >= MIN_HEADER_RECORDS
    for record in headers:
        keys = set(record)
        assert HEADER_FIELDS <= keys, (record["file"], HEADER_FIELDS - keys)
        assert keys <= HEADER_FIELDS | HEADER_OPTIONAL, (record["file"], keys - HEADER_FIELDS - HEADER_OPTIONAL)
        for key, value in record.items():
            assert value is None or isinstance(value, str), (record["file"], key)
            if isinstance(value, str):
                assert value == unicodedata.normalize("NFC", value), (record["file"], key, "not NFC")
                assert value == " ".join(value.split()), (record["file"], key, "spacing not normalised")
                if key != "note":  # a note may quote the raw text, marks and all
                    assert "**" not in value, (record["file"], key)
        assert record["number"], record["file"]
        assert record["type"], record["file"]


def test_header_dates_are_iso(headers, expected):
    for record in headers + expected:
        if record["date"] is not None:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", record["date"]), record
            dt.date.fromisoformat(record["date"])


def test_header_types_follow_the_shared_conventions(headers, expected):
    """The type names are those already used by the shared records (no new spellings)."""
    known = {r["type"] for r in expected}
    assert {r["type"] for r in headers} <= known


def test_sources_in_proportion(headers):
    """Both kinds of source are labelled, the gazette and the legal database."""
    kinds = Counter(r["file"].split("_")[0] for r in headers)
    assert kinds["tvpl"] >= 40
    assert kinds["congbao"] >= 1


def test_every_labelled_file_exists(headers, titles, squeezed):
    for record in headers + titles:
        assert record["file"] in squeezed, record["file"]


def test_no_file_is_labelled_twice(headers, expected):
    files = [r["file"] for r in expected] + [r["file"] for r in headers]
    assert [f for f, c in Counter(files).items() if c > 1] == []


def test_every_number_was_read_from_its_document(headers, expected, squeezed):
    """A label's number occurs in the raw text of its document (whitespace-insensitive)."""
    for record in headers + expected:
        text = squeezed[record["file"]]
        assert squeeze(record["number"]) in text, (record["file"], record["number"])
        if record.get("number_printed"):
            assert squeeze(record["number_printed"]) in text, (record["file"], record["number_printed"])


def test_signers_and_titles_occur_in_their_documents(headers, titles, squeezed):
    for record in headers:
        text = squeezed[record["file"]]
        if record["signer"]:
            assert squeeze(record["signer"]) in text, (record["file"], record["signer"])
        if record["title"]:
            assert squeeze(record["title"]) in text, (record["file"], record["title"])
    for record in titles:
        assert squeeze(record["title"]) in squeezed[record["file"]], (record["file"], record["title"])


# ---- titles of the shared records ----------------------------------------------------


def test_titles_cover_the_shared_records_once(titles, expected):
    assert all(set(r) == {"file", "title"} and r["title"] for r in titles)
    files = [r["file"] for r in titles]
    assert len(files) == len(set(files))
    assert set(files) == {r["file"] for r in expected}


# ---- draft paragraphs for the citation check (issue 14) --------------------------------

VERDICTS = ("wrong_date", "wrong_number", "wrong_issuer", "wrong_type", "replaced", "repealed", "amended", "not_yet_in_force")
MIN_DRAFTS = 48
MIN_PER_VERDICT = 5
MIN_UNKNOWN = 8


@pytest.fixture(scope="module")
def drafts() -> list[dict]:
    return read_jsonl(DRAFTS)


def _references(drafts):
    return [ref for draft in drafts for ref in draft["references"]]


def test_drafts_are_well_formed(drafts):
    assert len(drafts) >= MIN_DRAFTS
    ids = [d["id"] for d in drafts]
    assert len(ids) == len(set(ids))
    for draft in drafts:
        assert {"id", "as_of", "text", "references"} <= set(draft), draft["id"]
        assert re.fullmatch(r"d\d{3,}", draft["id"])
        dt.date.fromisoformat(draft["as_of"])
        assert draft["text"] == unicodedata.normalize("NFC", draft["text"]), draft["id"]
        assert draft["references"], draft["id"]


def test_every_reference_text_is_an_exact_substring_of_its_paragraph(drafts):
    for draft in drafts:
        position = 0
        for ref in draft["references"]:
            start = draft["text"].find(ref["text"], position)
            assert start >= 0, (draft["id"], ref["text"])
            position = start + len(ref["text"])  # listed in reading order, never overlapping


def test_reference_labels_are_consistent(drafts):
    for draft in drafts:
        for ref in draft["references"]:
            expect = ref["expect"]
            assert expect in ("ok", "unknown", *VERDICTS), (draft["id"], expect)
            assert ref["planted"] == ([] if expect in ("ok", "unknown") else [expect]), (draft["id"], ref["text"])
            assert ref["act"], (draft["id"], ref["text"])
            if expect == "unknown":
                assert ref["truth"] is None and ref["evidence_source"] is None, (draft["id"], ref["text"])
                continue
            truth = ref["truth"]
            assert set(truth) == {"number", "type", "date", "issuer"}, (draft["id"], ref["text"])
            assert truth["number"] == ref["act"], (draft["id"], ref["text"])
            if truth["date"] is not None:
                assert dt.date.fromisoformat(truth["date"]) <= dt.date.fromisoformat(draft["as_of"]), draft["id"]
            if expect in ("replaced", "repealed", "amended"):
                assert ref["relation"]["kind"] == expect, (draft["id"], ref["text"])
            if expect == "not_yet_in_force":
                assert truth["date"] <= draft["as_of"] < ref["effective_date"], (draft["id"], ref["text"])


def test_mix_of_correct_and_planted_references(drafts):
    counts = Counter(ref["expect"] for ref in _references(drafts))
    for verdict in VERDICTS:
        assert counts[verdict] >= MIN_PER_VERDICT, (verdict, counts[verdict])
    assert counts["unknown"] >= MIN_UNKNOWN
    share_ok = counts["ok"] / sum(counts.values())
    assert 0.3 <= share_ok <= 0.5, share_ok


def test_draft_evidence_is_in_the_corpus(drafts, squeezed):
    """The file named as evidence exists and states the act's number and the quoted relation."""
    texts = dict(squeezed)
    texts.update({p.name: squeeze(p.read_text(encoding="utf-8")) for p in BUNDLED.glob("*.txt")})
    for draft in drafts:
        for ref in draft["references"]:
            if ref["expect"] == "unknown":
                continue
            source = ref["evidence_source"]
            assert source in texts, (draft["id"], source)
            assert squeeze(ref["truth"]["number"]) in texts[source], (draft["id"], source)
            if "relation" in ref:
                for piece in ref["relation"]["quote"].split("…"):
                    assert squeeze(piece).lower() in texts[source].lower(), (draft["id"], piece)

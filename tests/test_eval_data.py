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


def test_sources_in_proportion(headers, realdocs):
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

"""The citation graph of a corpus: which documents cite which acts, and how.

Derived from ``DocumentRecord.cites`` (corpus/acts.py) when an index is built and saved with it
as plain JSON (``IndexStore.citations``); ``retriever.citations.CitationIndex`` answers lookups.

Identity of an act
------------------
An act is its number key plus, when known, its year, so two acts that share a
number across years (376/QĐ-TTg of 2015 and of 2021) stay apart.  An undated
reference takes the year of a dated reference to the same number *in the same
document* (documents give the date at the first mention only); failing that,
the year of the single dated act with that number in the whole corpus; failing
that it stands alone, without a year.  A corpus document's own number and date
count as a dated act too.  Unnumbered acts ("Luật Bảo hiểm y tế", a quoted
"Đề án …") are keyed by their accent-less name.

>>> from corpus.model import ActReference, DocumentRecord
>>> ref = ActReference("Chỉ thị", "16/CT-TTg", "16/CT-TTG", "2022-09-20", None, None,
...                    "thuc_hien", "Thực hiện Chỉ thị số 16/CT-TTg …", 0, 30, "")
>>> record = DocumentRecord("d1", "a.txt", "…", "Công văn", None, "2022-12", "UBND quận X", None, None, None,
...                         cites=[ref])
>>> graph = build_citation_graph([record])
>>> graph["acts"]["16/CT-TTG@2022"]["cited_by"][0]["relation"]
'thuc_hien'
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from corpus.acts import number_key
from corpus.model import DocumentRecord
from corpus.vietnamese import match_key

GRAPH_VERSION = 2


def act_id(number_key: str | None, date: str | None, name: str | None) -> str:
    if number_key:
        return f"{number_key}@{date[:4]}" if date else number_key
    return "name:" + match_key(name or "")


def build_citation_graph(records: list[DocumentRecord]) -> dict[str, Any]:
    """``{"acts": {act_id: {...act, "cited_by": [edge…]}}, "documents": {doc_id: {...}}}``."""
    years_by_number: dict[str, set[str]] = defaultdict(set)
    years_in_document: dict[tuple[str, str], set[str]] = defaultdict(set)
    for record in records:
        for ref in record.cites:
            if ref.number_key and ref.date:
                years_by_number[ref.number_key].add(ref.date[:4])
                years_in_document[(record.doc_id, ref.number_key)].add(ref.date[:4])
        own = _own_number_key(record)
        if own and record.date:
            years_by_number[own].add(record.date[:4])

    acts: dict[str, dict[str, Any]] = {}
    for record in records:
        own = _own_number_key(record)
        for ref in record.cites:
            year = ref.date[:4] if ref.date else None
            if ref.number_key and not year:
                local = years_in_document.get((record.doc_id, ref.number_key), set())
                if len(local) == 1:
                    year = next(iter(local))
                elif len(years_by_number[ref.number_key]) == 1:
                    year = next(iter(years_by_number[ref.number_key]))
            if ref.number_key and ref.number_key == own and (not year or not record.date or record.date[:4] == year):
                continue  # the document naming itself
            key = act_id(ref.number_key, year, ref.name)
            act = acts.setdefault(key, {
                "act_id": key, "act_type": ref.act_type, "number": ref.number, "number_key": ref.number_key,
                "date": ref.date, "year": int(year) if year else None, "issuer": ref.issuer,
                "name": ref.name, "cited_by": [],
            })
            # Fill in what a later reference knows and an earlier one did not.
            for field_name in ("date", "issuer", "name"):
                value = getattr(ref, field_name)
                if value and (not act.get(field_name) or (act[field_name].isupper() and not value.isupper())):
                    act[field_name] = value  # what a later reference knows, in sentence case when it can
            act["cited_by"].append({
                "doc_id": record.doc_id, "source": record.source, "relation": ref.relation,
                "sentence": ref.sentence, "start": ref.start, "end": ref.end, "heading": ref.heading,
            })
    documents = {
        record.doc_id: {
            "doc_id": record.doc_id, "source": record.source, "type": record.type, "number": record.number,
            "number_key": _own_number_key(record), "date": record.date, "issuer": record.issuer,
            "title": record.title,
            "act_id": act_id(_own_number_key(record), record.date, None) if _own_number_key(record) else None,
        }
        for record in records
    }
    return {"version": GRAPH_VERSION, "acts": acts, "documents": documents}


def _own_number_key(record: DocumentRecord) -> str | None:
    return number_key(record.number) if record.number else None

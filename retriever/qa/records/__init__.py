"""The record / citation-graph route: answers read off document records and the graph, not passages.

* who signed a document (its signature block, ``record.signer``), who issued it, who proposed it;
* when an act was issued (the corpus document's date line, or the date a citing sentence gives);
* which documents implement / cite an act, which acts a document cites, a document's number;
* document-level facts read at a known place of an identified document: when it takes
  effect, what it repeals or replaces, what it is based on (căn cứ);
* who a named document is sent to and who executes it (read in :mod:`retriever.qa.parties`).

``DocumentRoute.answer(question)`` answers when the question names the document (by number,
"Công văn của Sở Y tế Đồng Nai", or a unique title); ``facts(question, doc_id)`` reads a
document-level fact of a document the text route retrieved.

The parts, one reading each: :mod:`.route` (the orchestrator), :mod:`.matcher` (which document or act a question
names), :mod:`.fields` (the fields a document prints of itself), :mod:`.facts` (facts the extractors read at a known
place), :mod:`.graph` (the citation graph), :mod:`.consolidated` (consolidated texts), :mod:`.cues` (what a question
asks of a record), :mod:`.text` (where a document prints its record facts), :mod:`.base` (what the parts share).
This package re-exports the names the answerer, the evaluation and the tests import from ``retriever.qa.records``.
"""

from retriever.qa.parties import (
    ASKS_EXECUTORS,
    addressee_names,
    asked_addressees,
    read_addressees,
    read_executors,
)
from retriever.qa.records.base import Subject
from retriever.qa.records.consolidated import (
    consolidated_base,
    in_amendment_note,
    merge_parts,
    repealed_marks,
)
from retriever.qa.records.cues import (
    DOCUMENT_KINDS,
    asks_own_number,
    asks_proposer,
    asks_within_named_act,
)
from retriever.qa.records.graph import guide_pairs
from retriever.qa.records.route import DocumentRoute
from retriever.qa.records.text import (
    _ORGANISES,
    act_designation,
    find_number,
    read_proposer,
)

__all__ = [
    "ASKS_EXECUTORS",
    "DOCUMENT_KINDS",
    "_ORGANISES",
    "DocumentRoute",
    "Subject",
    "act_designation",
    "addressee_names",
    "asked_addressees",
    "asks_own_number",
    "asks_proposer",
    "asks_within_named_act",
    "consolidated_base",
    "find_number",
    "guide_pairs",
    "in_amendment_note",
    "merge_parts",
    "read_addressees",
    "read_executors",
    "read_proposer",
    "repealed_marks",
]

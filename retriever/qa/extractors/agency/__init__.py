"""Agencies: whole names ("Sở Giáo dục và Đào tạo", "UBND tỉnh Nghệ An"), never fragments, and which of them answers.

The parts, one reading each:

* :mod:`.names` — where an agency's name starts and ends in running text (:func:`agency_spans`);
* :mod:`.expansion` — the whole names a document prints where only a name can stand, and shorter mentions made
  whole by them (:func:`document_names`, :func:`whole_names`, :func:`document_spans`);
* :mod:`.asked` — the body the question asks, as it asks it (its words together, acronyms, the question's own body);
* :mod:`.clause` — the subject of a clause: the body that governs the text holding the task (not a cooperating body,
  not an object);
* :mod:`.frame` — the question's words around its slot, and how far the text around a body repeats them;
* :mod:`.roles` — a role, not a named body, doing the task ("Người đứng đầu cơ quan …");
* :mod:`.headings` — the body a heading, a title or a plan's field names above the task;
* :mod:`.shared_heads` — bodies listed under one shared head ("các Bộ: Quốc phòng, Công an");
* :mod:`.executors` — who executes a document (its final article's subject);
* :mod:`.extractor` — :class:`AgencyExtractor`, the one body asked;
* :mod:`.agencies` — :class:`AgenciesExtractor`, several bodies.

Who a document is addressed to is read in :mod:`retriever.qa.parties`.  This package re-exports the names the
other modules and the tests import from ``retriever.qa.extractors.agency``.
"""

from retriever.qa.extractors.agency.agencies import AgenciesExtractor
from retriever.qa.extractors.agency.asked import (
    _acceptable,
    acronym_forms,
    printed_together,
)
from retriever.qa.extractors.agency.expansion import (
    document_names,
    document_spans,
    whole_names,
)
from retriever.qa.extractors.agency.extractor import AgencyExtractor, _agency_column
from retriever.qa.extractors.agency.frame import (
    _FRAME_BONUS,
    _frame_after,
    _frame_match,
    question_frame,
)
from retriever.qa.extractors.agency.names import agency_spans

__all__ = [
    "_FRAME_BONUS",
    "AgenciesExtractor",
    "AgencyExtractor",
    "_acceptable",
    "_agency_column",
    "_frame_after",
    "_frame_match",
    "acronym_forms",
    "agency_spans",
    "document_names",
    "document_spans",
    "printed_together",
    "question_frame",
    "whole_names",
]

"""Dates, quarters and deadlines; when an act takes effect; time limits.

``EffectiveDateExtractor`` reads "… có hiệu lực (thi hành) (kể) từ …": the date printed
after it, or — for "kể từ ngày ký / ban hành" — the document's own signing date (quoted
from its date line as well).  It is never the signing date otherwise.
``DeadlineExtractor`` reads durations ("trong thời hạn 15 ngày làm việc kể từ …") and due
dates ("trước ngày 15/12/2025", "chậm nhất ngày …").

The parts, one reading each: :mod:`.spans` (where dates, periods and ranges are printed), :mod:`.role` (which of a
sentence's dates the question asks, by the date's role), :mod:`.cited` (dates of cited acts), :mod:`.extractor`
(:class:`DateExtractor`), :mod:`.deadline` (:class:`DeadlineExtractor`), :mod:`.effective`
(:class:`EffectiveDateExtractor`); a unit continued by the next one is read in :mod:`retriever.qa.extractors.continued`.
This package re-exports the names other modules and the tests import from ``retriever.qa.extractors.dates``.
"""

from retriever.qa.extractors.continued import continuation, value_cell
from retriever.qa.extractors.dates.cited import signing_date_span
from retriever.qa.extractors.dates.deadline import _DURATION, DeadlineExtractor
from retriever.qa.extractors.dates.effective import EffectiveDateExtractor
from retriever.qa.extractors.dates.extractor import DateExtractor
from retriever.qa.extractors.dates.role import months_for_a_day
from retriever.qa.extractors.dates.spans import DATE_PATTERNS, find_dates

__all__ = [
    "DATE_PATTERNS",
    "_DURATION",
    "DateExtractor",
    "DeadlineExtractor",
    "EffectiveDateExtractor",
    "continuation",
    "find_dates",
    "months_for_a_day",
    "signing_date_span",
    "value_cell",
]

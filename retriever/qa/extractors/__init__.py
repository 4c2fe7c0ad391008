"""One extractor per question kind, behind :class:`retriever.qa.extractors.base.Extractor`.

``EXTRACTORS[kind]`` is the extractor for a :class:`QuestionKind`; ``WHAT`` has none (the
clause itself is the answer).
"""

from __future__ import annotations

from retriever.qa.extractors.acts import (
    ActExtractor,
    LegalBasisExtractor,
    RepealsExtractor,
)
from retriever.qa.extractors.agency import (
    AgenciesExtractor,
    AgencyExtractor,
    agency_spans,
)
from retriever.qa.extractors.base import Context, Extractor
from retriever.qa.extractors.codes import CodeExtractor
from retriever.qa.extractors.dates import (
    DateExtractor,
    DeadlineExtractor,
    EffectiveDateExtractor,
)
from retriever.qa.extractors.lists import ListExtractor
from retriever.qa.extractors.numbers import AmountExtractor, NumberExtractor
from retriever.qa.extractors.people import PersonExtractor
from retriever.qa.question import QuestionKind

# When a kind's own extractor finds nothing, the answer may still be of a plainer kind.
FALLBACK: dict[QuestionKind, QuestionKind] = {
    QuestionKind.LEGAL_BASIS: QuestionKind.DOCUMENT,
    QuestionKind.REPEALS: QuestionKind.DOCUMENT,
    QuestionKind.EFFECTIVE_DATE: QuestionKind.DATE,
    QuestionKind.DEADLINE: QuestionKind.DATE,
    QuestionKind.AMOUNT: QuestionKind.NUMBER,
    QuestionKind.AGENCIES: QuestionKind.AGENCY,
    QuestionKind.SIGNER: QuestionKind.PERSON,
}


def default_extractors() -> dict[QuestionKind, Extractor]:
    """A fresh extractor for every kind that has one."""
    table: dict[QuestionKind, Extractor] = {}
    for extractor in (AgencyExtractor(), AgenciesExtractor(), NumberExtractor(), AmountExtractor(), DateExtractor(),
                      EffectiveDateExtractor(), DeadlineExtractor(), PersonExtractor(), ActExtractor(),
                      RepealsExtractor(), LegalBasisExtractor(), ListExtractor(), CodeExtractor()):
        for kind in extractor.kinds:
            table[kind] = extractor
    return table


__all__ = ["FALLBACK", "Context", "Extractor", "agency_spans", "default_extractors"]

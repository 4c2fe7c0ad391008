"""What every part of the record route shares: the subject a question names (:class:`Subject`), the loaded
index each part reads (:class:`RouteParts`, typed), and how a record answer is shown (cut after a whole item,
marked route "record").
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from retriever.citations import CitationIndex
from retriever.qa.extractors.acts import (
    LegalBasisExtractor,
    RepealsExtractor,
)
from retriever.qa.extractors.dates import EffectiveDateExtractor
from retriever.qa.model import Answer, Quote
from retriever.qa.question import QuestionAnalysis
from retriever.qa.quotes import QuoteMaker
from retriever.qa.settings import QASettings
from retriever.qa.units import UnitIndex


@dataclass(frozen=True)
class Subject:
    """What a question names: a corpus document (``doc_id``) or an act known only from citations."""

    what: str  # "document" | "act"
    ident: str


class RouteParts:
    """The loaded index every part of :class:`~retriever.qa.records.route.DocumentRoute` reads; the route sets these
    in its ``__init__``, the parts (mixins) only read them."""

    store: Any  # the loaded document store (``store.documents[doc_id]`` has ``.record`` and ``.text``)
    units: UnitIndex
    quotes: QuoteMaker
    settings: QASettings
    citations: CitationIndex
    _issuer_words: dict[str, list[str]]  # doc_id -> the issuer's syllables
    _title_words: dict[str, set[str]]  # doc_id -> the title's syllables
    _type_words: dict[str, set[str]]  # doc_id -> the type words a question may name it by (records.matcher.named_types)
    _effective: EffectiveDateExtractor
    _repeals: RepealsExtractor
    _basis: LegalBasisExtractor
    _implements: LegalBasisExtractor


def _pairs(words: list[str]) -> set[tuple[str, str]]:
    return set(itertools.pairwise(words))


def _cut(shown: str, separator: str, limit: int) -> str:
    """``shown`` (items joined by ``separator``) cut after the last whole item within ``limit`` characters;
    the first item is kept whole whatever its length.

    >>> _cut("1093/QĐ-BYT, 229-KH/TU, 25-CT/TW", ", ", 25), _cut("a; b", "; ", 1)
    ('1093/QĐ-BYT, 229-KH/TU', 'a')
    """
    if len(shown) <= limit:
        return shown
    items = shown.split(separator)
    kept = [items[0]]
    for item in items[1:]:
        if len(separator.join(kept + [item])) > limit:
            break
        kept.append(item)
    return separator.join(kept)


def _answer(question: QuestionAnalysis, text: str | None, quotes: list[Quote], confidence: float = 1.0) -> Answer:
    return Answer(question.text, text, False, quotes, kind=question.kind.value, confidence=confidence, route="record")

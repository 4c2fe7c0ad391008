"""The typed values passed between the QA parts: units, candidates, retrievals, spans, quotes, answers.

Every offset is absolute in the cleaned document text (``store.documents[doc_id].text``);
a quote is always ``text[start:end]``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any


class UnitKind(str, Enum):
    """What a quotable unit is."""

    SENTENCE = "sentence"  # a sentence (possibly spanning wrapped lines)
    POINT = "point"  # a numbered or lettered point "a) …", "2. …", "- …"
    ROW = "row"  # a table row (with its column names)
    HEADING = "heading"  # a heading line ("6. Sở Giáo dục và Đào tạo")
    FIELD = "field"  # a record field (signature block, date line, number line)


@dataclass(frozen=True)
class Unit:
    """A quotable span of one document, with the heading path of its passage."""

    doc_id: str
    start: int
    end: int
    chunk_row: int  # row in store.chunks; -1 for record fields
    heading: str  # heading path, " › "-joined
    section: str  # label path for the citation ("III.6")
    kind: UnitKind = UnitKind.SENTENCE
    cells: tuple[str, ...] | None = None  # table rows: the rebuilt cells
    header: tuple[str, ...] | None = None  # table rows: the column names


@dataclass
class Candidate:
    """A unit scored against a question."""

    unit: Unit
    score: float
    hit_score: float
    rank: int = 0  # rank of the unit's passage in the search result
    dense: float = 0.0  # the unit's cosine with the question minus the best candidate's (0: no unit vectors)


@dataclass
class Retrieval:
    """What the search gave for one question: hits, word weights, ranked units (``Answerer.retrieve``)."""

    result: object  # retriever.search.SearchResult
    weights: dict[str, float]
    candidates: list[Candidate]


@dataclass(frozen=True)
class Span:
    """What an extractor found: the short answer inside a unit, and how sure it is.

    ``quote_end`` > unit end when the answer continues into the next unit (a list whose
    items follow the colon): the quote then covers both.
    """

    start: int
    end: int
    confidence: float
    text: str = ""
    quote_start: int | None = None
    quote_end: int | None = None
    also_quote: tuple[tuple[int, int], ...] = ()  # other spans of the same document the answer rests on


@dataclass
class Quote:
    text: str
    citation: str
    doc_id: str
    source: str
    heading: str
    start: int
    end: int
    answer_start: int | None = None
    answer_end: int | None = None
    score: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["score"] = round(self.score, 4)
        return data


@dataclass
class Answer:
    """What ``Answerer.ask`` returns; ``to_dict()`` is the ``retriever ask --json`` line."""

    question: str
    answer: str | None
    abstained: bool
    quotes: list[Quote]
    took_ms: float = 0.0
    message: str | None = None
    kind: str = "what"
    generated: str | None = None
    confidence: float | None = None
    route: str = "text"  # "text" (extracted from passages) or "record" (metadata / citation graph)
    signals: dict[str, Any] = field(default_factory=dict)
    abstention: list[str] = field(default_factory=list)  # why it abstained ("absent_terms: xe lăn", …)

    def __post_init__(self) -> None:
        # The short answer is read off the document's lines ("ngày 26\ntháng 11 năm 2025"); a line break of the
        # source is no part of it.  The quotes keep the text verbatim, with the answer's offsets in it.
        if self.answer is not None:
            self.answer = " ".join(self.answer.split())

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "kind": self.kind,
            "quotes": [q.to_dict() for q in self.quotes],
            "took_ms": round(self.took_ms, 2),
            "route": self.route,
        }
        if self.confidence is not None:
            data["confidence"] = round(self.confidence, 3)
        if self.message:
            data["message"] = self.message
        if self.generated is not None:
            data["generated"] = self.generated
        if self.abstained and self.abstention:
            data["abstention_reasons"] = list(self.abstention)
        return data

"""Which document a document-level question is about, among the documents the search returned.

A clerk asked "who signed the telegram of 20/11/2025 on the floods" looks at the telegrams on
the floods and takes the one dated 20/11/2025, not the one whose text reads closest.  For the
document-level kinds (signer, effective date, repeals, legal basis, the document's own date)
the text route therefore ranks the documents of the best passages by what the question says
*about the document*: a date it names (the document's own date), the document type it names,
and the document's title/issuer words it repeats.  The best passage's document keeps the
answer unless another is identified more clearly by at least ``identify_margin``.
"""

from __future__ import annotations

from dataclasses import dataclass

from corpus.vietnamese import match_key
from retriever.qa.question import QuestionAnalysis
from retriever.qa.scoring import coverage
from retriever.qa.settings import QASettings
from retriever.qa.units import UnitIndex


@dataclass(frozen=True)
class DocumentMarks:
    """What identifies a document from outside: its own date (ISO), type (match_key) and record words."""

    date: str | None
    type_key: str
    words: frozenset[str]


class DocumentIdentifier:
    """Built at load: the marks of every document; ``choose`` reads them per question."""

    def __init__(self, store, units: UnitIndex, settings: QASettings):
        self.settings = settings
        self.marks: dict[str, DocumentMarks] = {}
        for doc_id, stored in store.documents.items():
            record = stored.record
            self.marks[doc_id] = DocumentMarks(record.date or None, match_key(record.type or ""),
                                               units.record_words.get(doc_id, frozenset()))

    def score(self, question: QuestionAnalysis, asked_date: str | None, weights: dict[str, float],
              doc_id: str) -> float:
        marks = self.marks.get(doc_id)
        if marks is None:
            return 0.0
        settings = self.settings
        value = settings.identify_title_weight * coverage(weights, set(marks.words))
        if asked_date and marks.date == asked_date:
            value += settings.identify_date_bonus
        if marks.type_key and f" {marks.type_key} " in f" {question.key} ":
            value += settings.identify_type_bonus
        return value

    def choose(self, question: QuestionAnalysis, weights: dict[str, float], doc_ids: list[str]) -> str:
        """The document of ``doc_ids`` (best passage's first) the question identifies best."""
        from corpus.acts import parse_act_query

        if len(doc_ids) < 2:
            return doc_ids[0]
        asked_date = parse_act_query(question.text).date
        scored = [(self.score(question, asked_date, weights, d), d) for d in doc_ids]
        first_score = scored[0][0]
        best_score, best = max(scored, key=lambda s: s[0])
        return best if best_score - first_score >= self.settings.identify_margin else doc_ids[0]

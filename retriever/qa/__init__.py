"""Extractive question answering as small typed parts (replaces ``retriever/answer.py``).

>>> from retriever.qa import Answerer  # doctest: +SKIP
>>> Answerer.load().ask("Sở nào chủ trì y tế trường học?").answer  # doctest: +SKIP
'Sở Giáo dục và Đào tạo'

Parts: ``question`` (kind + details), ``units`` (sentences, points, rows), ``scoring``,
``extractors`` (one per kind), ``abstention`` (with ``salience`` and ``topics``), ``records`` (record / citation-graph route),
``choice`` (the extractors' proposals and the typed choice), ``what_unit`` and ``what`` (the unit a clause
answer is read from, and what of it answers), ``signals`` (what abstention reads of a retrieval),
``quotes``, ``answerer`` (the orchestrator), ``settings`` (every tuning constant),
``vocabulary`` (the words it reads by).
"""

from retriever.qa.model import Answer, Quote, Span, Unit
from retriever.qa.question import (
    QuestionAnalysis,
    QuestionKind,
    analyze_question,
    detect_kind,
)
from retriever.qa.settings import QA, QASettings

__all__ = [
    "ABSTAIN_MESSAGE",
    "QA",
    "Answer",
    "Answerer",
    "QASettings",
    "QuestionAnalysis",
    "QuestionKind",
    "Quote",
    "Span",
    "Unit",
    "analyze_question",
    "detect_kind",
]


def __getattr__(name: str):
    """``Answerer`` and ``ABSTAIN_MESSAGE`` load the search stack (FAISS, torch) only when asked for."""
    if name in ("Answerer", "ABSTAIN_MESSAGE"):
        from retriever.qa import answerer

        return getattr(answerer, name)
    raise AttributeError(f"module 'retriever.qa' has no attribute {name!r}")

"""Who executes a document: the subject of its final article ("Chánh Văn phòng UBND tỉnh, Giám đốc Sở Y tế, …
chịu trách nhiệm thi hành Quyết định này"), read whole, titles included, when the question asks who executes a
document by a generic slot ("ai", "những ai", "cơ quan nào").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from retriever.qa.extractors.agency.asked import _asked_heads
from retriever.qa.extractors.base import Context
from retriever.qa.model import Span, Unit
from retriever.qa.parties import ASKS_EXECUTORS, read_executors
from retriever.qa.question import QuestionAnalysis
from retriever.qa.scoring import syllables

# Who executes a document: its final article's subject, office holders and bodies as printed ("Chánh Văn phòng UBND
# tỉnh, Giám đốc Sở Y tế, … chịu trách nhiệm thi hành Quyết định này"). Decisions, decrees, resolutions and plans all
# close so; a clerk asked "Ai chịu trách nhiệm thi hành quyết định về …" reads that subject whole, titles included —
# the titles are the answer, not noise before a body's name.
_EXECUTORS_CONFIDENCE = 1.0
_DESCRIBED_BONUS = 1.2
_ANSWER_CHARS = 150


def _executors(question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None:
    """The subject of the unit's "… chịu trách nhiệm thi hành <văn bản> này" when the question asks who executes a
    document by a generic slot ("ai", "những ai", "cơ quan nào"), not by a head ("những bộ nào", "Giám đốc những
    sở nào": the names after that head answer); None otherwise."""
    if not _asks_executors(question):
        return None
    text = context.text(unit.doc_id)
    found = read_executors(text[:unit.end])  # the sentence may start before the unit (a list of names split at ";")
    if found is None or found[2] <= unit.start:
        return None  # no such sentence ends in this unit
    _, names, end = found
    blank = text.rfind("\n\n", names, end)
    if blank >= 0 and text[names:blank].strip() and not re.search(r"[,;]", text[names:blank]):
        names = blank + 2  # "Trách nhiệm tổ chức thực hiện" / "Chánh Văn phòng …": the article's title is no executor
    shown = " ".join(text[names:end].split())
    if _PLACEHOLDER.search(shown):
        return None  # "Chánh Văn phòng …, …….(tên tổ chức, cá nhân)……." : a form to fill in, not the act's own article
    if len(shown) > _ANSWER_CHARS:  # cut after the last whole name that fits
        cut = max(shown.rfind(", ", 0, _ANSWER_CHARS), shown.rfind("; ", 0, _ANSWER_CHARS))
        shown = shown[:cut] if cut > 0 else shown[:_ANSWER_CHARS]
    # every document closes alike: the one whose title the question describes is the one asked about
    return Span(names, end, _EXECUTORS_CONFIDENCE + _DESCRIBED_BONUS * _title_described(question, context, unit.doc_id),
                shown)


def _title_described(question: QuestionAnalysis, context: Context, doc_id: str) -> float:
    """The share of the title's word pairs ("tư pháp", "Cần Thơ") the question prints: how far it describes the
    document by its title."""
    record = context.store.documents[doc_id].record
    title = " ".join(str(getattr(record, field, "") or "") for field in ("title", "place"))
    pairs = {f"{a} {b}" for a, b in itertools.pairwise(syllables(title))}
    asked = {f"{a} {b}" for a, b in itertools.pairwise(syllables(question.text))}
    return len(pairs & asked) / len(pairs) if pairs else 0.0


_NOT_EXECUTORS_PENALTY = 0.5


def _executors_first(question: QuestionAnalysis, unit: Unit, context: Context, read) -> Span | None:
    """The executors (``_executors``) when the question asks them and the unit names them; else what ``read`` finds,
    made less likely when the question asks who executes a document: bodies a unit names elsewhere do other tasks."""
    executors = _executors(question, unit, context)
    if executors is not None:
        return executors
    span = read(question, unit, context)
    if span is not None and _asks_executors(question):
        return replace(span, confidence=span.confidence - _NOT_EXECUTORS_PENALTY)
    return span


def _asks_executors(question: QuestionAnalysis) -> bool:
    """Whether the question asks who executes a document by a generic slot (see ``_executors``)."""
    return bool(ASKS_EXECUTORS.search(question.key) or _ASKS_RULES_EXECUTORS.search(question.key)) \
        and not _asked_heads(question)


# "… thi hành quy định về nếp sống văn minh": the rules a decision issues are executed by those its closing article
# charges with executing the decision.
_ASKS_RULES_EXECUTORS = re.compile(r"\b(?:trach nhiem|ai|nao|phai) (?:to chuc )?thi hanh (?:cac )?quy dinh\b")


_PLACEHOLDER = re.compile(r"[.…]{4,}|…[.…]|[.…]…")  # "…….(tên tổ chức)", "....(7) và .....(8)"

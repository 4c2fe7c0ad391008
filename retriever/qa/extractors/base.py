"""The one interface every extractor implements, and what it is given."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from retriever.qa.model import Span, Unit
from retriever.qa.question import QuestionAnalysis, QuestionKind
from retriever.qa.settings import QASettings
from retriever.qa.units import UnitIndex


@dataclass(frozen=True)
class Context:
    """Read-only things an extractor may look at: the store, the units, the question's word weights."""

    store: object  # index.store.IndexStore
    units: UnitIndex
    weights: dict[str, float]
    settings: QASettings

    def text(self, doc_id: str) -> str:
        return self.store.documents[doc_id].text

    def body(self, unit: Unit) -> str:
        return self.store.documents[unit.doc_id].text[unit.start:unit.end]

    def lead(self, unit: Unit) -> str:
        """The sentence before ``unit`` (and a space) when ``unit`` continues it, else "": a wrapped point
        ("2. Mức thu phí … đủ điều kiện" / "kinh doanh dịch vụ vũ trường là 10.000.000 đồng"), a list wrapped
        before a figure ("+ Đầu tư mới trạm 5G: 35 trạm (Trong đó: MobiFone:" / "09 trạm, Viettel: 26 trạm)")
        or a date added after a semicolon ("…;" / "hoàn thành trước ngày 10 tháng 6 năm 2026.") reads with
        its words."""
        text = self.text(unit.doc_id)
        first = text[unit.start:unit.start + 1]
        if not (first.islower() or first.isdigit()) or re.match(r"\d+(?:\.\d+)*[.)]\s", text[unit.start:unit.start + 12]):
            return ""  # a new sentence, or a numbered point ("1. Trừ trường hợp …")
        previous = self.units.sentence_at(unit.doc_id, max(0, unit.start - 2))
        if previous is None or previous[0] >= unit.start or unit.start - previous[1] > 3:
            return ""
        if first.isdigit() and text[previous[0]:previous[1]].rstrip()[-1:] in ".!?;":
            return ""  # a figure opening a new sentence ("25 trạm …" after "…;") continues nothing
        return text[previous[0]:previous[1]] + " "


class Extractor(Protocol):
    """Finds the short answer of one kind of question inside one unit.

    ``extract`` returns a :class:`Span` (absolute offsets, a confidence ≥ 0 that is added
    to the unit's score when candidates are compared) or ``None`` when the unit holds no
    answer of that kind.
    """

    kinds: tuple[QuestionKind, ...]

    def extract(self, question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None: ...

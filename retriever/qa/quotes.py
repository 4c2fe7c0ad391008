"""Quotes: verbatim spans of the cleaned text with their citation, built from units or offsets."""

from __future__ import annotations

from corpus.model import HEADING_SEPARATOR
from corpus.structure import section_label_at
from retriever.formatting import format_citation
from retriever.qa.model import Candidate, Quote, Unit, UnitKind
from retriever.qa.settings import QASettings
from retriever.qa.units import UnitIndex


class QuoteMaker:
    """Makes :class:`Quote` objects; every quote's ``text`` is ``document.text[start:end]``."""

    def __init__(self, store, units: UnitIndex):
        self.store = store
        self.units = units

    def quote(self, unit: Unit, score: float, answer_start: int | None = None,
              answer_end: int | None = None, start: int | None = None, end: int | None = None) -> Quote:
        """Quote ``unit`` (or ``start``…``end``), widened to hold the answer span."""
        start = unit.start if start is None else start
        end = unit.end if end is None else end
        if answer_start is not None:
            start, end = min(start, answer_start), max(end, answer_end)
        stored = self.store.documents[unit.doc_id]
        text = stored.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        # the part the quoted words stand in ("khoản 1 Điều 2"), which may be narrower than its passage's
        root = getattr(stored, "root", None)
        section = section_label_at(root, start, end) if root is not None and end > start else unit.section
        return Quote(text[start:end], format_citation(stored.record, section), unit.doc_id,
                     stored.record.source, unit.heading, start, end, answer_start, answer_end, score)

    def at(self, doc_id: str, start: int, end: int, answer_start: int | None = None,
           answer_end: int | None = None, extend_lines: int = 0, score: float = 1.0) -> Quote:
        """Quote the line(s) around ``start``…``end`` (record fields: signature, date line, number)."""
        text = self.store.documents[doc_id].text
        q_start = text.rfind("\n", 0, start) + 1
        for _ in range(extend_lines):
            previous = text.rfind("\n", 0, max(q_start - 1, 0))
            candidate = previous + 1
            if q_start - candidate > 80 or not text[candidate:q_start].strip():
                break
            q_start = candidate
        q_end = text.find("\n", end)
        q_end = len(text) if q_end < 0 else q_end
        if q_end - q_start > 400:  # a long line: the sentence instead
            sentence = self.units.sentence_at(doc_id, start)
            if sentence:
                q_start, q_end = min(sentence[0], start), max(sentence[1], end)
        row = self.units.chunk_at(doc_id, start)
        chunk = self.store.chunks[row] if row is not None else None
        unit = Unit(doc_id, q_start, q_end, row if row is not None else -1,
                    HEADING_SEPARATOR.join(chunk.heading_path) if chunk else "", chunk.section if chunk else "",
                    UnitKind.FIELD)
        return self.quote(unit, score, answer_start, answer_end)

    def add_near(self, quotes: list[Quote], candidates: list[Candidate], best_score: float,
                 settings: QASettings) -> None:
        """Up to ``max_quotes``: other units scoring near the best, not overlapping nor repeating a quote."""
        for other in candidates:
            if len(quotes) >= settings.max_quotes or other.score < settings.quote_relative * best_score:
                break
            unit = other.unit
            text = self.store.documents[unit.doc_id].text
            if any(q.doc_id == unit.doc_id and q.start < unit.end and unit.start < q.end for q in quotes):
                continue
            if any(q.text == text[unit.start:unit.end].strip() for q in quotes):
                continue
            quotes.append(self.quote(unit, other.score))

    def edge(self, entry: dict) -> Quote:
        """Quote a citation-graph edge (the citing sentence)."""
        stored = self.store.documents[entry["doc_id"]]
        citation = entry.get("citation")
        if not citation:
            row = self.units.chunk_at(entry["doc_id"], entry["start"])
            citation = format_citation(stored.record, self.store.chunks[row].section if row is not None else "")
        return Quote(stored.text[entry["start"]:entry["end"]], citation, entry["doc_id"],
                     stored.record.source, entry.get("heading", ""), entry["start"], entry["end"], None, None, 1.0)

"""A unit continued by the next one: a point whose next sentence adds its date ("xây dựng Phương án …;" then
"hoàn thành trước ngày 10 tháng 6 năm 2026."), a table's name cell followed by its value cell ("02 ngày làm việc kể
từ ngày nhận được hồ sơ hợp lệ.").  Read by the date and the number extractors alike, so below both.
"""

from __future__ import annotations

import re

from retriever.qa.extractors.base import Context
from retriever.qa.model import Span, Unit
from retriever.qa.question import QuestionAnalysis

# A flattened table row puts each cell on its own line: the name cell ("Thủ tục cấp lại biển hiệu …
# (thẩm quyền của Sở Xây dựng).") is followed by the value cell that answers ("02 ngày làm việc kể từ
# ngày nhận được hồ sơ hợp lệ.", "- 100.000 đồng đối với …").  A value cell opens with its figure; a
# numbered heading ("2.1. Trụ sở …", "3. Xếp loại") does not count as one.
_VALUE_CELL = re.compile(r"[-–+]?\s*(?:[<>≤≥]\s*)?\d+(?:[.,]\d+)*(?![.,]?\d)(?!\.)(?:\s|%|°|[^\W\d_]|[-–]\s*\d)")


def value_cell(text: str) -> bool:
    """True when ``text`` opens with a figure the way a table's value cell does.

    >>> value_cell("02 ngày làm việc kể từ ngày nhận được hồ sơ hợp lệ.")
    True
    >>> value_cell("- 100.000 đồng đối với các trường hợp")
    True
    >>> value_cell("150-200 mA;"), value_cell("-20°C đến +50°C;")  # a range, a signed measure
    (True, True)
    >>> value_cell("2.1. Trụ sở làm việc khang trang")
    False
    >>> value_cell("3. Xếp loại")
    False
    >>> value_cell("Thủ tục cấp lại biển hiệu")
    False
    """
    return bool(_VALUE_CELL.match(text))


def continuation(extractor, question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None:
    """The date a point's next sentence adds when it continues the point ("xây dựng Phương án …;" then
    "hoàn thành trước ngày 10 tháng 6 năm 2026."): found there, quoted with the point (two sentences)."""
    following = context.units.next_unit(unit)
    text = context.text(unit.doc_id)
    if following is None or following[0] - unit.end > 3 or following[1] - following[0] > 160:
        return None
    opens_lower = text[following[0]:following[0] + 1].islower() and re.search(r"[;,:]\s*$", text[unit.start:unit.end])
    if not opens_lower and not value_cell(text[following[0]:following[1]]):
        return None
    nested = Unit(unit.doc_id, following[0], following[1], unit.chunk_row, unit.heading, unit.section, unit.kind)
    span = extractor.extract(question, nested, context)
    if span is None:
        return None
    return Span(span.start, span.end, span.confidence, span.text, quote_start=unit.start, quote_end=following[1],
                also_quote=span.also_quote)

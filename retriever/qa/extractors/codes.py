"""Codes: the identifier a question asks ("mã TTHC", "mã số thuế", the "mã số" of a good or of a procedure).

A clerk reads a code where the document prints it: right after its label ("Mã số thuế: 1102044417",
"(Mã TTHC: 1.012657, …)", "mã số 8541.41.00", "MST: 3603659077"), or in the cell of the column headed
"Mã …" ("Mã TTHC", "Mã số", "Tên thủ tục (Mã thủ tục)") of the table row that names the question's subject
(a procedure list of a Quyết định công bố thủ tục hành chính).  A code is one token holding a digit, of
letters, digits, dots and dashes ("1.012507", "QT.YDCT.11", "N07.04.050", "220725-17"); an act's number
("12/2025/QĐ-UBND") or a date ("20/11/2025") is never one.
"""

from __future__ import annotations

import re

from corpus.vietnamese import match_key
from retriever.qa import vocabulary as V
from retriever.qa.extractors.base import Context
from retriever.qa.model import Span, Unit, UnitKind
from retriever.qa.question import QuestionAnalysis, QuestionKind

# A code as printed: ASCII letters and digits joined by dots, dashes or underscores, holding a digit; no "/"
# (act numbers and dates hold one) and not glued to a longer word or number.
CODE = r"(?<![\w./-])(?=[A-Za-z0-9._-]*\d)[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?(?![\w/]|[.-]\w)"
_CODE = re.compile(CODE)
# A label and the code printed after it: markdown stars, a colon, parentheses or a line break may stand between.
_LABELLED = re.compile(rf"(?P<label>{V.CODE_LABEL})[\s*:()\"“”]*(?P<code>{CODE})", re.IGNORECASE)
_CODE_COLUMN = re.compile(V.CODE_COLUMN)


def code_family(key: str) -> str:
    """Which code a label or a question names (match_key text): "thue" (a tax code), "tthc" (a procedure's code),
    "nhom" (a heading of the goods nomenclature: "nhóm", "phân nhóm", "chương"), or "" (a plain "mã số").

    >>> code_family("ma so thue cua cong ty"), code_family("ma tthc la gi"), code_family("mst")
    ('thue', 'tthc', 'thue')
    >>> code_family("xep vao nhom ma so nao"), code_family("mang ma so nao")
    ('nhom', '')
    """
    for family, pattern in V.CODE_FAMILIES:
        if re.search(pattern, key):
            return family
    return ""


def _asked_family(question: QuestionAnalysis) -> str:
    """The family of the code asked: read off the words around the asked "mã" of the question."""
    asked = re.search(rf"(?:\w+ ){{0,2}}{V.CODE_NOUN}", question.key)
    return code_family(asked.group(0) if asked else question.key)


def _fits(asked: str, printed: str) -> float | None:
    """How well a printed label's family answers the asked one: 1 the same; 0.5 a plain "mã số" for a named one;
    for a plain "mã số" asked, 0.8 a named code and 0.3 a heading of the nomenclature ("nhóm 85.41" is not the
    "mã số 8541.41.00" of the good); None a code of another family (a tax code is no procedure's code).

    >>> _fits("tthc", "tthc"), _fits("tthc", ""), _fits("", "tthc"), _fits("", "nhom"), _fits("thue", "tthc")
    (1.0, 0.5, 0.8, 0.3, None)
    >>> _fits("nhom", "")
    """
    if asked == printed:
        return 1.0
    if asked == "nhom":
        return None  # a heading asked ("nhóm 85.41"): the line's own "mã số 8541.41.00" is another level
    if printed == "":
        return 0.5
    if asked == "":
        return 0.3 if printed == "nhom" else 0.8
    return None


class CodeExtractor:
    """The code a question asks, printed after its label or in the "Mã …" column of the row naming the subject."""

    kinds = (QuestionKind.CODE,)

    def extract(self, question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None:
        asked = _asked_family(question)
        return (self._labelled(question, asked, unit, context) or self._column(asked, unit, context)
                or self._line_after(question, asked, unit, context) or self._in_lead(question, asked, unit, context))

    def _in_lead(self, question: QuestionAnalysis, asked: str, unit: Unit, context: Context) -> Span | None:
        """A code labelled in the sentence the unit continues ("… thuộc nhóm 85.41 “Thiết bị …;" / "đi-ốt phát
        quang (LED) …, phân nhóm …"): the unit reads with its lead; the quote covers both."""
        if not context.lead(unit):
            return None
        previous = context.units.sentence_at(unit.doc_id, max(0, unit.start - 2))
        if previous is None or previous[0] >= unit.start:
            return None
        lead = Unit(unit.doc_id, previous[0], previous[1], unit.chunk_row, unit.heading, unit.section)
        span = self._labelled(question, asked, lead, context)
        if span is None:
            return None
        return Span(span.start, span.end, span.confidence * 0.8, span.text, previous[0], unit.end)

    def _line_after(self, question: QuestionAnalysis, asked: str, unit: Unit, context: Context) -> Span | None:
        """A party's code printed on the line right after its name ("Kính gửi: Công ty X;" / "Mã số thuế: 0102…;"):
        the next sentence, when it opens with a code's label; the quote covers both."""
        following = context.units.next_unit(unit)
        if following is None or following[0] - unit.end > 3:
            return None
        text = context.text(unit.doc_id)
        match = _LABELLED.match(text, following[0], following[1])
        if match is None or match.group("code") in question.numbers:
            return None
        fit = _fits(asked, code_family(match_key(match.group("label"))))
        if fit is None:
            return None
        return Span(match.start("code"), match.end("code"), context.settings.code_confidence * fit * 0.8,
                    match.group("code"), unit.start, following[1])

    def _labelled(self, question: QuestionAnalysis, asked: str, unit: Unit, context: Context) -> Span | None:
        """The best code printed after a label in the unit: the label of the family asked first, then the one
        whose stretch of text (since the code before it) shares most of the question's words."""
        body = context.body(unit)
        best: tuple[float, int, int] | None = None
        previous = 0
        for match in _LABELLED.finditer(body):
            fit = _fits(asked, code_family(match_key(match.group("label"))))
            if fit is not None and match.group("code") not in question.numbers:
                words = set(match_key(body[previous:match.start()]).split())
                share = sum(context.weights.get(w, 0.0) for w in words) / (sum(context.weights.values()) or 1.0)
                score = fit + context.settings.code_words_weight * share
                if best is None or score > best[0]:
                    best = (score, match.start("code"), match.end("code"))
            previous = match.end()
        if best is None:
            return None
        score, start, end = best
        return Span(unit.start + start, unit.start + end, context.settings.code_confidence * score, body[start:end])

    def _column(self, asked: str, unit: Unit, context: Context) -> Span | None:
        """The code in the "Mã …" cell of the table row the unit belongs to (a row, or a clause of one of its
        cells: the code cell is then outside the unit, and the quote runs from it over the unit)."""
        if unit.kind is not UnitKind.ROW:
            return None
        row = _row_of(context, unit)
        if row is None:
            return None
        node, header = row
        for column, name in enumerate(header):
            if column >= len(node.cells or ()) or not _CODE_COLUMN.search(match_key(name)):
                continue
            fit = _fits(asked, code_family(match_key(name)))
            if fit is None:
                continue
            codes = [m.group(0) for m in _CODE.finditer(node.cells[column]) if _code_like(m.group(0))]
            if not codes:
                continue
            text = context.text(unit.doc_id)
            found = re.search(rf"(?<![\w.]){re.escape(codes[-1])}(?![\w]|\.\w)", text[node.start:node.end])
            if found is None:
                continue
            start, end = node.start + found.start(), node.start + found.end()
            return Span(start, end, context.settings.code_confidence * fit, codes[-1],
                        min(start, unit.start), max(end, unit.end))
        return None


def _code_like(token: str) -> bool:
    """A cell's token that is a code, not a row's index or a figure of its name: dotted or dashed, or long.

    >>> [_code_like(t) for t in ("1.012507", "QT.YDCT.11", "1", "2025", "1102044417")]
    [True, True, False, False, True]
    """
    return bool(re.search(r"\w[.-]\w", token)) or len(token) >= 6


def _row_of(context: Context, unit: Unit):
    """The (row node, column names) of the table row holding ``unit``, else None."""
    document = context.units.documents.get(unit.doc_id)
    if document is None:
        return None
    for node, header in document.rows:
        if node.start <= unit.start < node.end:
            return node, header
    return None

"""When an act takes effect (:class:`EffectiveDateExtractor`): "… có hiệu lực (thi hành) (kể) từ …", the date
printed after it, or — for "kể từ ngày ký / ban hành" — the document's own signing date (quoted from its date line as
well).  It is never the signing date otherwise.
"""

from __future__ import annotations

import re

from retriever.qa import vocabulary as V
from retriever.qa.extractors.base import Context
from retriever.qa.extractors.dates.cited import _CITED_ACT_BEFORE, signing_date_span
from retriever.qa.extractors.dates.spans import find_dates
from retriever.qa.model import Span, Unit
from retriever.qa.question import QuestionAnalysis, QuestionKind

_EFFECTIVE = re.compile(V.EFFECTIVE_PHRASE, re.IGNORECASE)
_SIGNING = re.compile(r"(?:ngày\s+ký|ngày\s+ban\s+hành)(?:\s+ban\s+hành)?", re.IGNORECASE)
_THIS_ACT = re.compile(r"(?:Quyết định|Thông tư|Nghị định|Nghị quyết|Chỉ thị|Kế hoạch|Luật|Văn bản|Quy định|Quy chế"
                       r"|Thông tư liên tịch|Hướng dẫn)\s+này\s*(?:\([^)]*\)\s*)?$", re.IGNORECASE)
# The end of an act's effect printed after its start ("… đến hết ngày 31/12/2026"); group 1 is the date.
_UNTIL = re.compile(r"\s*(?:,\s*)?(?:đến|tới)\s+(?:hết\s+)?((?:ngày\s+)?\d{1,2}\s*(?:/\s*\d{1,2}\s*/\s*\d{4}|tháng\s*\d{1,2}"
                    r"\s*,?\s+năm\s+\d{4}))", re.IGNORECASE)

_PART_OF_ACT = re.compile(r"(?:Điều|Khoản|khoản|điểm|Điểm|Chương)\s+\d", re.IGNORECASE)


class EffectiveDateExtractor:
    """When the act takes effect."""

    kinds = (QuestionKind.EFFECTIVE_DATE,)

    def extract(self, question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None:
        text = context.text(unit.doc_id)
        body = text[unit.start:unit.end]
        options: list[Span] = []
        for match in _EFFECTIVE.finditer(body):
            before = body[max(0, match.start() - 80):match.start()]
            score = 0.5
            if _THIS_ACT.search(before):
                score += 0.4
            elif _CITED_ACT_BEFORE.search(before) or re.search(r"\d+/\d{4}/[\w-]+\s*\)?\s*,?\s*$", before):
                score -= 0.5  # another act's effect
            if _PART_OF_ACT.search(before[-40:]):
                score -= 0.2  # one article's own date
            rest = body[match.end():]
            signing = _SIGNING.match(rest)
            if signing:
                start = unit.start + match.start()
                end = unit.start + match.end() + signing.end()
                dated = signing_date_span(context, unit.doc_id)
                shown = text[start:end]
                if dated:
                    shown = f"{text[start:end]} ({text[dated[0]:dated[1]]})"
                options.append(Span(start, end, score, shown, also_quote=(dated,) if dated else ()))
                continue
            dates = [d for d in find_dates(rest[:80]) if d[1] <= 6]
            if dates:
                _, d_start, d_end = min(dates, key=lambda d: d[1])
                start = unit.start + match.end() + d_start
                end = unit.start + match.end() + d_end
                until = _UNTIL.match(rest, d_end)  # "… từ ngày 01/7/2025 đến hết ngày 31/12/2026"
                if until and question.date_role in ("end", "period"):
                    if question.date_role == "end":
                        start = unit.start + match.end() + until.start(1)
                    end = unit.start + match.end() + until.end(1)
                options.append(Span(start, end, score + 0.1, text[start:end]))
                continue
            clause = re.match(r"[^.;\n]{3,100}", rest)
            if clause:  # "sau 45 ngày kể từ ngày đăng Công báo"
                start = unit.start + match.start()
                end = unit.start + match.end() + clause.end()
                options.append(Span(start, end, score - 0.2, text[start:end]))
        if not options:
            return None
        return max(options, key=lambda s: s.confidence)

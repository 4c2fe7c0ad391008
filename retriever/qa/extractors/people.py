"""People named in a passage ("Phó Chủ tịch … là ai?"): a surname, then capitalised given names."""

from __future__ import annotations

import re

from corpus.vietnamese import match_key
from retriever.qa import vocabulary as V
from retriever.qa.extractors.base import Context
from retriever.qa.model import Span, Unit
from retriever.qa.question import QuestionAnalysis, QuestionKind

PERSON = re.compile(r"(?<![\w])(?:" + "|".join(V.SURNAMES) + r")(?:\s+[A-ZÀ-ỸĐ][\wÀ-ỹ]*){1,3}")
# An office title ending right before a name ("Phó Thủ tướng Chính phủ Hồ Đức Phớc"): the name is its holder's.
_TITLED = re.compile(r"(?:Thủ tướng|Chủ tịch|Bộ trưởng|Thứ trưởng|Giám đốc|Bí thư|Trưởng ban|Chủ nhiệm)"
                     r"(?:\s+(?:Chính phủ|[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[\wÀ-ỹ]+){0,4}?))?\s*$")


class PersonExtractor:
    kinds = (QuestionKind.PERSON, QuestionKind.SIGNER)

    def extract(self, question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None:
        """The first name in the unit; a name printed right after an office title (``_TITLED``) first."""
        body = context.body(unit)
        found = None
        for match in PERSON.finditer(body):
            if match_key(match.group(0)) in question.key:
                continue
            if _TITLED.search(body[max(0, match.start() - 40):match.start()]):
                return Span(unit.start + match.start(), unit.start + match.end(), 0.4, match.group(0))
            found = found or Span(unit.start + match.start(), unit.start + match.end(), 0.3, match.group(0))
        return found

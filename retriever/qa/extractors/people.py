"""People named in a passage ("Phó Chủ tịch … là ai?"): a surname, then capitalised given names."""

from __future__ import annotations

import re

from corpus.vietnamese import match_key
from retriever.qa import vocabulary as V
from retriever.qa.extractors.base import Context
from retriever.qa.model import Span, Unit
from retriever.qa.question import QuestionAnalysis, QuestionKind

PERSON = re.compile(r"(?<![\w])(?:" + "|".join(V.SURNAMES) + r")(?:\s+[A-ZÀ-ỸĐ][\wÀ-ỹ]*){1,3}")


class PersonExtractor:
    kinds = (QuestionKind.PERSON, QuestionKind.SIGNER)

    def extract(self, question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None:
        body = context.body(unit)
        for match in PERSON.finditer(body):
            if match_key(match.group(0)) in question.key:
                continue
            return Span(unit.start + match.start(), unit.start + match.end(), 0.3, match.group(0))
        return None

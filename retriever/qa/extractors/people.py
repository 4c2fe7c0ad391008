"""People named in a passage ("Phó Chủ tịch … là ai?"): a surname, then capitalised given names.

Which person answers: the one whose title, printed right before the name ("Phó Chủ tịch UBND tỉnh Nguyễn Văn
A", "GIÁM ĐỐC\nCù Ngọc Trang"), is the title the question asks for; a person the question names is never the
answer; with no title asked, the first person printed right after an office title, else the first named.
"""

from __future__ import annotations

import re

from corpus.vietnamese import match_key
from retriever.qa import vocabulary as V
from retriever.qa.extractors.base import Context
from retriever.qa.model import Span, Unit
from retriever.qa.question import QuestionAnalysis, QuestionKind

PERSON = re.compile(r"(?<![\w])(?:" + "|".join(V.SURNAMES) + r")(?:\s+[A-ZÀ-ỸĐ][\wÀ-ỹ]*){1,3}")
# The titles a clerk prints before a person's name (match_key): the longest first, so "pho chu tich" is one title.
_TITLES = ("pho thu tuong", "thu tuong", "pho chu tich", "chu tich", "pho giam doc", "giam doc", "thu truong",
           "bo truong", "pho truong ban", "truong ban", "pho truong phong", "truong phong", "cuc truong",
           "pho cuc truong", "vu truong", "chanh van phong", "chanh thanh tra", "bi thu", "pho bi thu",
           "tong giam doc", "hieu truong", "chi cuc truong")
_TITLE = re.compile(r"\b(" + "|".join(sorted(_TITLES, key=len, reverse=True)) + r")\b")
# An office title ending right before a name ("Phó Thủ tướng Chính phủ Hồ Đức Phớc"): the name is its holder's.
_TITLED = re.compile(r"(?:Thủ tướng|Chủ tịch|Bộ trưởng|Thứ trưởng|Giám đốc|Bí thư|Trưởng ban|Chủ nhiệm)"
                     r"(?:\s+(?:Chính phủ|[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[\wÀ-ỹ]+){0,4}?))?\s*$")
_TITLED_BONUS = 0.1
_TITLE_REACH = 80  # characters before a name where its title is looked for
_BASE, _TITLE_BONUS, _OTHER_TITLE_PENALTY = 0.3, 0.3, 0.2


def _titles_of(text: str, start: int, end: int) -> set[str]:
    """The person's titles (match_key): the last one printed in the ``_TITLE_REACH`` characters before the name,
    and one given right after it ("Trần Văn Bình là Trưởng ban", "…, Giám đốc Sở Y tế")."""
    titles = set(_TITLE.findall(match_key(text[max(0, start - _TITLE_REACH):start]))[-1:])
    after = _TITLE_AFTER.match(match_key(text[end:end + _TITLE_REACH]))
    if after:
        titles.add(after.group(1))
    return titles


_TITLE_AFTER = re.compile(r"\s*(?:,|-|–)?\s*(?:la|lam|giu chuc)?\s*(" + "|".join(sorted(_TITLES, key=len, reverse=True))
                          + r")\b")


# "Giao Bộ trưởng Bộ Tài chính: (i) Thừa ủy quyền …", "Giao Chủ tịch UBND tỉnh ký …": the office a clause charges,
# up to what it is charged with.
_CHARGED_OFFICE = re.compile(r"\b(?:Giao|Ủy\s+quyền\s+cho|Đồng\s+ý\s+để)\s+((?:Phó\s+)?(?:Thủ\s+tướng|Bộ\s+trưởng|Thứ\s+trưởng"
                             r"|Chủ\s+tịch|Giám\s+đốc|Tổng\s+Giám\s+đốc|Cục\s+trưởng|Chánh\s+Văn\s+phòng|Lãnh\s+đạo)"
                             r"(?:[^:,;.(\n]|\n(?!\s*\n)){0,60}?)(?=\s*(?:[:,;(]|thừa\b|Thừa\b|thay\s+mặt|ký\b))")
_SIGNS = re.compile(r"\bký\b")
_SIGN_REACH = 160  # the signing the office is charged with follows within this many characters


class PersonExtractor:
    kinds = (QuestionKind.PERSON, QuestionKind.SIGNER)

    def extract(self, question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None:
        body = context.body(unit)
        asked = set(_TITLE.findall(question.key))
        best: tuple[float, int, re.Match[str]] | None = None
        for order, match in enumerate(PERSON.finditer(body)):
            if match_key(match.group(0)) in question.key:
                continue
            score = _BASE
            if _TITLED.search(body[max(0, match.start() - 40):match.start()]):
                score += _TITLED_BONUS  # a name right after an office title is that office's holder
            if asked:
                titles = _titles_of(body, match.start(), match.end())
                if titles & asked:
                    score += _TITLE_BONUS  # "Phó Chủ tịch … Nguyễn Văn A" for "Phó Chủ tịch … là ai?"
                elif titles:
                    score -= _OTHER_TITLE_PENALTY  # the Chair named where the Vice-Chair is asked
            if best is None or score > best[0]:
                best = (score, order, match)
        if best is None:
            return self._office(question, unit, body)
        score, _, match = best
        return Span(unit.start + match.start(), unit.start + match.end(), score, match.group(0))

    @staticmethod
    def _office(question: QuestionAnalysis, unit: Unit, body: str) -> Span | None:
        """For "ai ký …" where the text names no person: the office a clause charges with signing ("Giao Bộ trưởng
        Bộ Công an thừa ủy quyền Thủ tướng Chính phủ, thay mặt Chính phủ ký Tờ trình …" → "Bộ trưởng Bộ Công an")."""
        if question.kind is not QuestionKind.SIGNER:
            return None
        for match in _CHARGED_OFFICE.finditer(body):
            if _SIGNS.search(body, match.end(), match.end() + _SIGN_REACH):
                name = " ".join(match.group(1).split())
                return Span(unit.start + match.start(1), unit.start + match.end(1), _BASE, name)
        return None

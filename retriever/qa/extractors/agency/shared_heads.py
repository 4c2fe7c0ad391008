"""Bodies listed under one shared head ("3. Bộ trưởng các Bộ: Quốc phòng, Công an …", "các tỉnh: Gia Lai,
Đắk Lắk"): where the heads are, whether one is the question's own or the one asked, where its list of names ends.
"""

from __future__ import annotations

import re

from corpus.vietnamese import match_key
from retriever.qa import vocabulary as V
from retriever.qa.extractors.agency.names import _HEAD
from retriever.qa.question import QuestionAnalysis

# "phòng COVID-19", "phòng HIV/AIDS" prevent a disease
# "Bộ trưởng các Bộ: Tài chính, Quốc phòng, …", "Sở Xây dựng các tỉnh, thành phố: Gia Lai, Đắk Lắk, …",
# "Lãnh đạo các Bộ, cơ quan: Quốc phòng, …": one head (or a pair of heads) shared by the names listed
# after the colon; a list may run over a wrapped line ("Công\nan").
_HEAD_WORD = r"(?:Bộ|Sở|Cục|Vụ|Ban|Tổng cục|bộ|sở|cơ quan|tỉnh|thành phố|huyện|quận|xã|phường|đơn vị|địa phương|ngành)"
_LIST_CHAR = r"(?:[^;:.\n]|(?<=[^\W\d_])\n(?=[^\W\d_]))"  # a line ending inside a name is a wrap
_SHARED_HEAD = re.compile(rf"(?<![\w])(?:[Cc]ác\s+)({_HEAD_WORD}(?:\s*,\s*{_HEAD_WORD})*)\s*:\s*"
                          rf"((?:[A-ZĐÀ-Ỹ]{_LIST_CHAR}*?,\s*){{1,}}{_LIST_CHAR}+)", re.MULTILINE)

_SUBJECT_TITLE = re.compile(rf"[ \t]*(?:(?:Phó[ \t]+)?(?:{V.AGENCY_TITLES})[ \t]+)?")


def _subject_list(question: QuestionAnalysis, text: str, lead_at: int, end: int) -> tuple[int, int, str] | None:
    """The bodies a sentence starts with under one shared head ("3. Bộ trưởng các Bộ: Quốc phòng, Công an chỉ đạo
    …"): its subject, though no single name is printed whole; (start, end, shown) or None."""
    shared = next(_shared_heads(text[lead_at:end]), None)
    if shared is None or not _SUBJECT_TITLE.fullmatch(text, lead_at, lead_at + shared.start()) \
            or not _head_fits(question, shared.group(1)) or _own_head(question, shared.group(1)):
        return None
    start = lead_at + shared.start(2)
    stop = start + _listed_names_end(text[start:lead_at + shared.end(2)])
    while stop > start and text[stop - 1] in " ,;.":
        stop -= 1
    if stop <= start:
        return None
    return lead_at + shared.start(), stop, " ".join(text[lead_at + shared.start():stop].split())


def _head_fits(question: QuestionAnalysis, head: str) -> bool:
    """A shared head answers "những bộ nào" only if it is (or holds) the asked noun ("các Bộ, cơ quan:")."""
    asked = set(question.list_noun) | ({question.wanted_head} if question.wanted_head else set())
    heads = set(re.findall(r"\w+", match_key(head)))
    return not asked or asked <= _GENERIC_BODY_WORDS or bool(asked & heads)  # "những cơ quan nào": any head


def _shared_heads(text: str):
    """Every shared head of ``text`` (``_SHARED_HEAD``), a later one inside the names of an earlier one included
    ("Ủy ban nhân dân các tỉnh: A, B … gửi Báo cáo về … các Bộ: Tài chính, …")."""
    at = 0
    while (match := _SHARED_HEAD.search(text, at)) is not None:
        yield match
        at = match.end(1)


def _own_head(question: QuestionAnalysis, head: str) -> bool:
    """Whether the bodies a shared head lists are the question's own subject, not its slot: "Ủy ban nhân dân các
    tỉnh: A, B" for "các tỉnh gửi báo cáo về những cơ quan nào?" (the question prints "các tỉnh" and asks no
    province)."""
    asked = set(question.list_noun) | ({question.wanted_head} if question.wanted_head else set())
    words = re.findall(r"\w+", match_key(head))
    return not (asked & set(words)) and any(re.search(rf"\b(?:cac|nhung) {w}\b", question.key) for w in words)


# The words of "những cơ quan / đơn vị / tổ chức nào": a body of any kind is asked.
_GENERIC_BODY_WORDS = frozenset({"co", "quan", "don", "vi", "to", "chuc", "noi", "nganh", "ai"})


def _listed_names_end(listed: str) -> int:
    """Where the names listed after a shared head end: at an item that does not start with a capital, or
    where a name gives way to the sentence's own words ("Xây dựng, Công Thương theo chức năng …" → "…
    Công Thương"; "Nông nghiệp và Môi trường rà soát" → "… Môi trường"): a lower-case syllable continues
    a name only right after a single capital one, and "và" only before a capital."""
    end, capitals, previous_upper = 0, 0, False
    words = list(re.finditer(r"[^\W\d_]+|,", listed))
    for index, word in enumerate(words):
        token = word.group(0)
        if token == ",":
            if index + 1 < len(words) and words[index + 1].group(0)[:1].isupper():
                capitals, previous_upper = 0, False
                continue
            break
        nxt = words[index + 1].group(0) if index + 1 < len(words) else ""
        if token[0].isupper():
            capitals, previous_upper = capitals + 1, True
        elif token == "và" and nxt[:1].isupper():
            if _HEAD.match(listed, words[index + 1].start()):
                break  # "…, Tài chính và Ủy ban nhân dân tỉnh": another body, not a listed name
            capitals, previous_upper = 0, False
        elif capitals == 1 and previous_upper:
            capitals, previous_upper = 0, False  # the second syllable of "Xây dựng", "Y tế"
        else:
            break
        end = word.end()
    return end

"""Named organs made whole by the document itself: the names it prints where only a name can stand (the
proposer line, a duty article's title, a numbered heading, the "Nơi nhận" list), and every shorter mention of the
text that such a whole name starts with, extended to it ("Sở Nông nghiệp" → "Sở Nông nghiệp và Môi trường").
"""

from __future__ import annotations

import re
from functools import lru_cache

from corpus.vietnamese import match_key
from retriever.qa import vocabulary as V
from retriever.qa.extractors.agency.names import (
    _HEAD,
    _KNOWN_ORGAN,
    _ORG_VERBS,
    _organ_pattern,
    agency_spans,
)
from retriever.qa.extractors.base import Context

_SHORT_NAME_LINE = 9  # a heading line this short that starts with a name is the name

# A clerk who meets "Cục Quản lý, giám sát chính sách thuế, phí và lệ phí" or "Cục Công nghiệp công nghệ thông
# tin" does not stop at the first lower-case word: the document says the whole name where it can only be a name —
# the proposer of its preamble ("Theo đề nghị của Cục trưởng Cục Đăng ký giao dịch bảo đảm và Bồi thường nhà
# nước;", every ministry's decision and circular), the heading of a body's duties ("Điều 12. Trách nhiệm của Viện
# kiểm sát nhân dân tối cao", decrees), a numbered heading that is only a name ("2. Ban Quản lý Khu kinh tế\nĐông
# Nam", provincial plans) and the items of "Nơi nhận" ("- Cục Kiểm tra văn bản QPPL;").  Wherever the document
# prints that whole name again, the name is the whole one.
_PROPOSER = re.compile(rf"(?:[Tt]heo|[Xx]ét)\s+(?:đề nghị|đề xuất)\s+của\s+(?:(?:Phó\s+)?(?:{V.AGENCY_TITLES})\s+)?")
# where a proposer's name ends: the line's ";" or ".", "tại Tờ trình …", a second proposer with a title
_PROPOSER_END = re.compile(rf"\s*(?:[;.](?=[\s*_]|$)|,?[ \t]*\*|\n\s*\n|,?\s+(?:tại|theo)\s|,?\s+và\s+(?:Phó\s+)?(?:{V.AGENCY_TITLES})\s"
                           rf"|,\s*(?:Phó\s+)?(?:{V.AGENCY_TITLES})\s)")
_DUTY_HEADING = re.compile(r"(?m)^[ \t*_]*Điều\s+\d+[a-zđ]?\.[ \t]*Trách nhiệm (?:của|thi hành của)[ \t]+(?:các[ \t]+)?"
                           r"([^\n]+?)[ \t*_]*$")
_LABEL_HEADING = re.compile(r"(?m)^[ \t]*(\*\*)?[ \t]*(?:[IVX]+\.|\d+(?:\.\d+)*\.|[a-zđ]\))[ \t]*([^\n*]+?(?:\n(?=[^\n*]*\*\*)"
                            r"[^\n*]+?)?)[ \t]*:?[ \t]*(?:\*\*)?[ \t]*:?[ \t]*$")
_RECIPIENT_ITEM = re.compile(r"(?m)^[ \t]*[-+•][ \t]*([^\n;]+?)[ \t]*[;.]?[ \t]*$")
# A line going on in lower case: a wrapped sentence or name.  A point's label ("a) Tháng 12 hằng năm …") opens the
# next point, not the heading's words wrapped onto a new line ("3. Trách nhiệm của Công an đơn vị, địa phương" /
# "a) …": 23 of the 121 documents print a numbered heading straight over its lettered points).
_STARTS_LOWER = re.compile(r"(?![a-zđ]\)[ \t])[a-zđà-ỹ]")
_RECIPIENTS = re.compile(r"Nơi nhận\s*:")
_RECIPIENT_REACH = 2500
_WHOLE_NAME_WORDS = 16  # a longer run is a sentence, not a name


def _name_only(candidate: str, verbs: bool = True) -> str | None:
    """``candidate`` as a body's whole name, or None: it starts with a head, names no second body, has no
    body's verb (``verbs``: where a sentence could stand) and not more than ``_WHOLE_NAME_WORDS`` words; a
    parenthesis, the field of a duty ("… về bảo hiểm y tế") and what follows are left out."""
    name = " ".join(candidate.split()).strip(" *_,:;“”\"")
    name = re.split(r" \(| (?:về|đối với|trong việc|theo) ", name)[0].rstrip(" ,;")
    if not name or len(name.split()) < 2 or len(name.split()) > _WHOLE_NAME_WORDS or not _HEAD.match(name):
        return None
    first = _HEAD.match(name)
    if first.start(1) != 0 or name.split()[-1] in ("và", "các", "cấp", "-", "&", "của", "thuộc"):
        return None
    spans = agency_spans(name)
    if not spans or spans[0][0] != 0:
        return None  # "Bộ trưởng", "Ban hành …": a title or a verb, not a body
    # a second head starts another body ("Cục Văn hóa …, Gia đình và Thư viện và Chánh Văn phòng Bộ")
    for other in _HEAD.finditer(name, first.end(1)):
        if not _KNOWN_ORGAN.match(name, 0) or other.start(1) >= _KNOWN_ORGAN.match(name, 0).end():
            return None
    for word in re.finditer(r"(?<![\w])\w", name[first.end(1):]) if verbs else ():
        if word.group(0).islower() and _ORG_VERBS.match(name[first.end(1) + word.start():]) and not name[first.end(1) + word.start():].startswith(":"):
            return None
    if re.search(r"\d{3,}|/|[.!?:*\[\]]|[^\W\d_]\d", name):
        return None  # a number, an act's code or a sentence's end: not a name
    return name


def document_names(text: str) -> tuple[str, ...]:
    """The whole names ``text`` prints where only a name can stand (see above), longest first; read once per
    document at load (``UnitIndex.agency_names``)."""
    found: set[str] = set()
    for match in _PROPOSER.finditer(text):
        window = text[match.end():match.end() + 200]
        stop = _PROPOSER_END.search(window)
        name = _name_only(window[:stop.start()] if stop else "", verbs=False)  # "Cục Quản lý, giám sát …"
        if name:
            found.add(name)
    for match in _DUTY_HEADING.finditer(text):
        name = _name_only(re.split(r",?\s+và\s+các\s|,\s*các\s", match.group(1))[0], verbs=False)
        if name:
            found.add(name)
    for match in _LABEL_HEADING.finditer(text):
        if match.group(1) is None and "\n" in match.group(2):
            continue
        following = text[match.end():match.end() + 80].lstrip(" \t\n")
        ends = match.group(0).rstrip().endswith(":") or match.group(1) is not None
        if not ends and (len(match.group(2).split()) > _SHORT_NAME_LINE or (following and _STARTS_LOWER.match(following))):
            continue  # a long line going on in lower case is a sentence wrapped at the page width
        name = _name_only(match.group(2))
        if name:
            found.add(name)
    at = _RECIPIENTS.search(text)
    if at is not None:
        for match in _RECIPIENT_ITEM.finditer(text, at.end(), at.end() + _RECIPIENT_REACH):
            if not re.search(r"[;.,]\s*$", match.group(0)):
                continue  # an item wrapped over lines ("- Trung tâm Phục vụ hành" / "chính công;")
            name = _name_only(match.group(1))
            if name:
                found.add(name)
    return tuple(sorted(found, key=lambda n: (-len(n), n)))


@lru_cache(maxsize=8192)
def _name_key(name: str) -> str:
    return match_key(name)


@lru_cache(maxsize=4096)
def _printed(name: str) -> re.Pattern[str]:
    """``name`` as printed anywhere: its words separated by any spaces or a wrapped line."""
    return re.compile(r"[ \t]*\n?[ \t]*".join(_organ_pattern(w) for w in name.split()) + r"(?![\w])")


def whole_names(text: str, spans: list[tuple[int, int, str]], names: tuple[str, ...],
                limit: int | None = None) -> list[tuple[int, int, str]]:
    """``spans`` with each name that a longer whole name of the document (``document_names``) starts with, and
    that the text at that place goes on to print, extended to it (not beyond ``limit``).

    >>> text = "Theo đề nghị của Cục trưởng Cục Công nghiệp công nghệ thông tin;\\nCục Công nghiệp công\\nnghệ thông tin chủ trì"
    >>> names = document_names(text)
    >>> names
    ('Cục Công nghiệp công nghệ thông tin',)
    >>> whole_names(text, [(65, 80, "Cục Công nghiệp")], names)[0][2]
    'Cục Công nghiệp công nghệ thông tin'
    """
    if not names:
        return spans
    limit = len(text) if limit is None else limit
    out = []
    for start, end, name in spans:
        key = _name_key(name)
        for whole in names:
            if len(whole) <= len(name) or not _name_key(whole).startswith(key):
                continue
            found = _printed(whole).match(text, start)
            if found and end < found.end() <= limit and not re.match(r"[ \t]+[A-ZĐÀ-Ỹ]", text[found.end():found.end() + 3]):
                # (a whole name cut before a capitalised word, "… thành phố Hà" / "Nội", is no whole name)
                end, name = found.end(), whole
                break
        out.append((start, end, name))
    return out


def document_spans(context: Context, doc_id: str, start: int, end: int,
                   limit: int | None = None) -> list[tuple[int, int, str]]:
    """The agency names of ``text[start:end]`` of document ``doc_id``, each made whole by the names the document
    prints whole (``document_names``), up to ``limit`` (default ``end``)."""
    text = context.text(doc_id)
    return whole_names(text, agency_spans(text[start:end], start), context.units.agency_names[doc_id],
                       end if limit is None else limit)

"""An office holder as the subject of a task: "Hiệu trưởng Trường Đại học X quyết định cử …", "Trưởng ban Ban Quản lý
trình …", "2. Cục trưởng quyết định bổ nhiệm …".

Decrees on the organisation of a ministry or a board give a power to the head of a unit, not to the unit: the clerk's
answer to "ai / người nào / cơ quan nào … " is then the office holder — the title, and the organisation printed after
it, or the title alone when the organisation is the one the heading above (or the whole decision) is about.  The
holder is read only at the head of a clause (a sentence, a point, a list item) and only when the clause's predicate
follows (``V.HOLDER_PREDICATE``): a signer's line ("KT. BỘ TRƯỞNG") or a list of recipients ("- Bộ trưởng (để b/c)")
names no one who acts.
"""

from __future__ import annotations

import re

from retriever.qa import vocabulary as V
from retriever.qa.extractors.agency.names import _HEAD_FULL

# A title as a clause's first words ("Phó Giám đốc", "Cục trưởng"); a bare "Trưởng" heads a lower-case role of its
# own ("Trưởng đoàn kiểm tra") and needs an organisation after it to name an office.
_TITLE = re.compile(rf"(?:Phó[ \t]+)?({V.AGENCY_TITLES})(?![\w])")
# What may stand before a clause's subject on its line: a list mark, a point's label, a number.
_CLAUSE_MARK = re.compile(r"[ \t]*(?:[-+•*–][ \t]*|\(\d+\)[ \t]*|[a-zđ]\)[ \t]*|\d+(?:\.\d+)*\.[ \t]*)?(?:[*_]+[ \t]*)?$")
_SENTENCE_END = re.compile(r"[.;:][ \t]+$")
_PREDICATE = re.compile(rf"[ \t]*(?:,[ \t]*)?(?:{V.HOLDER_PREDICATE})")
# An organisation named after a title that agency names do not read ("Trường Đại học Luật Hà Nội", "Học viện Tư
# pháp"): capitalised words, a lower-case word only as the second syllable of a capitalised one, before another
# capitalised word or the predicate ("Đại học Luật", "Tư pháp có trách nhiệm").
_WORD = re.compile(r"[ \t]*([^\W\d_]+)")


def _organisation_end(text: str, at: int) -> int:
    """The end of the capitalised organisation name starting at ``at`` (``at`` when none starts there)."""
    words = []
    position = at
    while (word := _WORD.match(text, position)) is not None and (position == at or word.group(0)[:1] in " \t"):
        words.append(word)
        position = word.end()
    end = at
    for index, word in enumerate(words):
        token = word.group(1)
        if token[0].isupper():
            end = word.end()
            continue
        following = words[index + 1].group(1) if index + 1 < len(words) else ""
        if not (index and words[index - 1].group(1)[0].isupper()
                and (following[:1].isupper() or _PREDICATE.match(text, word.end()))):
            break  # "Đại học Luật", "Học viện Tư pháp có …": a second syllable; "Trường X quyết định": the verb
        end = word.end()
    return end


_SUBJECT_GAP = re.compile(r"[ \t]*\n?[ \t]*")


def _at_clause_head(text: str, start: int, lower: int) -> bool:
    """Whether ``start`` opens a clause: only a list mark before it on its line, or a sentence's end."""
    line_start = max(lower, text.rfind("\n", 0, start) + 1)
    before = text[line_start:start]
    return bool(_CLAUSE_MARK.fullmatch(before) or _SENTENCE_END.search(before))


def office_holders(text: str, lower: int, upper: int,
                   spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """(start, end, name) of each office holder that heads a clause of ``text[lower:upper]`` and is followed by the
    clause's predicate: the title with the organisation after it (an agency of ``spans``, every one the text names,
    or capitalised words), or the title alone."""
    holders = []
    for title in _TITLE.finditer(text, lower, upper):
        start = title.start()
        if not _at_clause_head(text, start, lower):
            continue
        gap = _SUBJECT_GAP.match(text, title.end())
        organ = next((s for s in spans if s[0] == gap.end() and gap.end() > title.end()), None)
        end = organ[1] if organ else title.end()
        if organ is None and gap.end() > title.end():
            named_end = _organisation_end(text, gap.end())
            if not _HEAD_FULL.fullmatch(text, gap.end(), named_end):
                end = max(end, named_end)  # "Ban chỉ đạo …": a head alone before lower case is a board's name cut short
        if end == title.end() and title.group(1) == "Trưởng":
            continue  # "Trưởng đoàn …": a role in lower case, no office of a named body
        if end > upper or not _PREDICATE.match(text, end):
            continue  # a signer's or a recipient's line: no predicate follows the holder
        holders.append((start, end, " ".join(text[start:end].split())))
    return holders

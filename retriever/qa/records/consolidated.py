"""Consolidated texts (văn bản hợp nhất): the act one consolidates, its notes on the amending acts, and the parts
it marks "(được bãi bỏ)" with the act that repealed each.
"""

from __future__ import annotations

import re

from corpus.acts import ACT_NUMBER, number_key
from retriever.qa import vocabulary as V

_CONSOLIDATED = re.compile(r"văn bản hợp nhất", re.IGNORECASE)
_HEADER_REACH = 3000  # the act a consolidated text consolidates is named in its first lines
# A consolidated text's note, at a line's start: its number, then what the amending act did ("14 Khoản này được sửa
# đổi, bổ sung theo quy định tại …", "[2] Điểm này được sửa đổi …", "15 Điều 3 của Thông tư số 28/2022/… quy định").
_AMENDMENT_NOTE = re.compile(r"\s*\[?\d{1,3}\]?\s+(?:(?:Điều|Khoản|Điểm|Mục|Chương|Phụ lục|Cụm từ|Từ|Nội dung)\b[^\n]{0,120}?"
                             r"(?:được|bị)\s+(?:sửa\s+đổi|bổ\s+sung|bãi\s+bỏ|thay\s+thế|hết\s+hiệu\s+lực)"
                             r"|Điều\s+\d+\s+của\s+(?:Luật|Nghị\s+định|Thông\s+tư|Quyết\s+định|Nghị\s+quyết))")


def consolidated_base(doc_type: str | None, own: str | None, text: str) -> str | None:
    """The act a consolidated text (``doc_type`` "Văn bản hợp nhất") consolidates: the first act number its header
    prints other than its own; None for any other document.

    >>> consolidated_base("Văn bản hợp nhất", "4082/VBHN-BLĐTBXH", "VĂN BẢN HỢP NHẤT\\nThông tư số 06/2017/TT-BLĐTBXH"
    ...                   " ngày 08 tháng 03 năm 2017 …, được sửa đổi, bổ sung bởi Thông tư số 28/2022/TT-BLĐTBXH")
    '06/2017/TT-BLĐTBXH'
    """
    if not doc_type or not _CONSOLIDATED.search(doc_type):
        return None
    own_key = number_key(own) if own else None
    for match in ACT_NUMBER.finditer(text, 0, _HEADER_REACH):
        if number_key(match.group(0)) != own_key:
            return match.group(0)
    return None


# The type word printed right before the consolidated act's number ("Thông tư số\n09/2025/TT-BCT", "Luật Bảo hiểm y tế
# số 25/2008/QH12"): a law's name may run between them on the same line (not the title above it).
_TYPE_BEFORE_BASE = re.compile(rf"({V.ACT_TYPE_PRINTED})(?:[ \t]+[^\s\d]+){{0,8}}?\s+(?:số\s*)?$", re.IGNORECASE)


def consolidated_type(doc_type: str | None, own: str | None, text: str) -> str | None:
    r"""The type of the act a consolidated text consolidates, as printed before its number in the header ("Thông tư
    số 09/2025/TT-BCT" → "Thông tư"): people name a consolidated text by that act ("Thông tư về khung giá phát điện
    của Bộ Công Thương"); None for any other document or a header that prints no type.

    >>> consolidated_type("Văn bản hợp nhất", "57/VBHN-BCT", "VĂN BẢN HỢP NHẤT\nThông tư số\n09/2025/TT-BCT ngày …")
    'Thông tư'
    >>> consolidated_type("Văn bản hợp nhất", "28/VBHN-VPQH", "LUẬT\nBẢO HIỂM Y TẾ\nLuật Bảo hiểm y tế số 25/2008/QH12")
    'Luật'
    >>> consolidated_type("Thông tư", "09/2025/TT-BCT", "Thông tư số 09/2025/TT-BCT") is None
    True
    """
    base = consolidated_base(doc_type, own, text)
    if base is None:
        return None
    at = text.find(base)
    typed = _TYPE_BEFORE_BASE.search(text, max(0, at - 80), at) if at >= 0 else None
    return " ".join(typed.group(1).split()) if typed else None


_NOTE_REACH = 800  # an article a note quotes ("… quy định như sau. “Điều 3. …") runs at most this far


def in_amendment_note(text: str, start: int) -> bool:
    """Whether the sentence at ``start`` of a consolidated text is one of its notes on an amending act, or inside the
    article such a note quotes (after the note's opening "“", before its "”").

    >>> t = "1. Thông tư này có hiệu lực.\\n15 Điều 3 của Thông tư số 28/2022/TT-BLĐTBXH quy định như sau.\\n“Điều 3.\\n2. Bãi bỏ khoản 3”"
    >>> in_amendment_note(t, t.index("2. Bãi")), in_amendment_note(t, 0), in_amendment_note(t, t.index("15 Điều"))
    (True, False, True)
    >>> t = t.replace("“Điều 3.", "“Điều 3.\\n\\nĐiều 17. Hiệu lực")
    >>> in_amendment_note(t, t.index("2. Bãi"))
    False
    """
    line = text.rfind("\n", 0, start) + 1
    if _AMENDMENT_NOTE.match(text, line):
        return True
    for note in re.finditer(r"(?m)^", text[max(0, start - _NOTE_REACH):start]):
        at = max(0, start - _NOTE_REACH) + note.start()
        if _AMENDMENT_NOTE.match(text, at):
            between = text[at:start]  # a blank line ends the note (the act's own text resumes after a page break)
            return between.rfind("“") > between.rfind("”") and not re.search(r"\n[ \t]*\n", between)
    return False


# "Điều 5.3 (được bãi bỏ)", "4.25 (được bãi bỏ)", "b)27 (được bãi bỏ)": a part a consolidated text marks repealed,
# with the number of the note saying by which act.
_REPEALED_MARK = re.compile(r"(?m)^[ \t*_]*(Điều\s+\d+[a-zđ]?|\d+|[a-zđ])[.)]?[ \t]*(\d{1,3})[ \t]*\([ \t]*được\s+bãi\s+bỏ[ \t]*\)")
_ARTICLE_LINE = re.compile(r"(?m)^[ \t*_]*Điều\s+(\d+[a-zđ]?)\.")
_CLAUSE_LINE = re.compile(r"(?m)^[ \t*_]*(\d+)\.[ \t]")


def repealed_marks(text: str) -> list[tuple[int, int, str, str]]:
    """The parts a consolidated text marks "(được bãi bỏ)", as (start, end, part as cited, its note's text): an
    article ("Điều 5"), a clause of the article above it ("khoản 4 Điều 12"), a point of the clause above it.

    >>> t = "Điều 4. Phạm vi\\n1. Nội dung.\\nĐiều 5.3 (được bãi bỏ)\\nĐiều 6. Chế độ\\n1. Một.\\n2.4 (được bãi bỏ)\\n"
    >>> t += "3 Điều này được bãi bỏ theo Thông tư số 09/2021/TT-BLĐTBXH\\n4 Khoản này được bãi bỏ theo Thông tư số 10/2022/TT-BYT\\n"
    >>> [(name, note[:30]) for _, _, name, note in repealed_marks(t)]
    [('Điều 5', '3 Điều này được bãi bỏ theo Th'), ('khoản 2 Điều 6', '4 Khoản này được bãi bỏ theo T')]
    """
    found = []
    for mark in _REPEALED_MARK.finditer(text):
        label, note_number = mark.group(1), mark.group(2)
        if label.startswith("Điều"):
            name = " ".join(label.split())
        else:
            articles = list(_ARTICLE_LINE.finditer(text, 0, mark.start()))
            article = f" Điều {articles[-1].group(1)}" if articles else ""
            if label.isdigit():
                name = f"khoản {label}{article}"
            else:
                clauses = list(_CLAUSE_LINE.finditer(text, articles[-1].end() if articles else 0, mark.start()))
                name = f"điểm {label}" + (f" khoản {clauses[-1].group(1)}" if clauses else "") + article
        note = re.compile(rf"(?m)^[ \t]*\[?{note_number}\]?[ \t]+[^\n]*?được\s+bãi\s+bỏ").search(text, mark.end())
        found.append((mark.start(), mark.end(), name, text[note.start():note.start() + 300] if note else ""))
    return found


def merge_parts(names: list[str]) -> list[str]:
    """Parts of one article or clause named together as a clerk cites them: "khoản 3, khoản 4 Điều 12".

    >>> merge_parts(["khoản 3 Điều 12", "khoản 4 Điều 12", "Điều 5", "điểm a khoản 2 Điều 6", "điểm b khoản 2 Điều 6"])
    ['khoản 3, khoản 4 Điều 12', 'Điều 5', 'điểm a, điểm b khoản 2 Điều 6']
    """
    merged: list[tuple[str, list[str]]] = []
    for name in names:
        split = re.match(r"(điểm\s+\S+|khoản\s+\S+)\s+(.+)$", name)
        head, tail = (split.group(1), split.group(2)) if split else (name, "")
        if tail and merged and merged[-1][0] == tail:
            merged[-1][1].append(head)
        else:
            merged.append((tail, [head]))
    return [", ".join(heads) + (f" {tail}" if tail else "") for tail, heads in merged]


def _names_act(note: str, number: str) -> bool:
    """Whether a note names the act ``number`` (a number key; "09/2021" without its code matches too)."""
    return any(number_key(m.group(0)) == number or number_key(m.group(0)).startswith(number + "/")
               or number.startswith(number_key(m.group(0))) for m in ACT_NUMBER.finditer(note))


# A consolidated text's header names the acts it merges into the one it consolidates, after "được sửa đổi, bổ sung
# bởi:", one to a line ("1. Thông tư số 25/2025/TT-BCT ngày …", "Quyết định số 38/2010/QĐ-TTg ngày …", "3. Luật Phí
# và lệ phí số 97/2015/QH13 …"), before its own preamble ("Căn cứ …").
_AMENDED_BY = re.compile(r"được\s+sửa\s+đổi,?\s+bổ\s+sung\s+bởi\s*:")
_AMENDER_LINE = re.compile(r"(?m)^[ \t*_]*(?:\d{1,2}\.\s*)?((?:Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+định|Nghị\s+quyết"
                           r"|Thông\s+tư(?:\s+liên\s+tịch)?|Quyết\s+định)\b[^\n]{0,60}?\bsố)\s+")
_PREAMBLE_OPENS = re.compile(r"(?m)^[ \t*_]*(?:Căn\s+cứ|Theo\s+đề\s+nghị|Điều\s+1\b)")


def amending_acts(text: str) -> list[tuple[int, int, str]]:
    r"""The acts a consolidated text's header says amended the act it consolidates, in order: (number start, number
    end, "<type> số <number>") of each line opening with an act after "được sửa đổi, bổ sung bởi:", up to the
    preamble's first "Căn cứ"; [] when the header prints no such list.

    >>> t = ("Thông tư số 09/2025/TT-BCT ngày 01/02/2025, được sửa đổi, bổ sung bởi:\n1. Thông tư số\n25/2025/TT-BCT "
    ...      "ngày 13/4/2025 sửa đổi Điều 3 Thông tư số 09/2025/TT-BCT.\n2. Thông tư số 54/2025/TT-BCT ngày 21/11/2025.\n"
    ...      "Căn cứ Nghị định số 40/2025/NĐ-CP;")
    >>> [name for _, _, name in amending_acts(t)]
    ['Thông tư số 25/2025/TT-BCT', 'Thông tư số 54/2025/TT-BCT']
    """
    lead = _AMENDED_BY.search(text, 0, _HEADER_REACH)
    if lead is None:
        return []
    opens = _PREAMBLE_OPENS.search(text, lead.end())
    end = min(opens.start() if opens else len(text), lead.end() + _HEADER_REACH)
    # the act consolidated, named before the list, may open a wrapped line of an amending act's title
    named_before = {number_key(m.group(0)) for m in ACT_NUMBER.finditer(text, 0, lead.start())}
    found = []
    for line in _AMENDER_LINE.finditer(text, lead.end(), end):
        number = ACT_NUMBER.match(text, line.end())
        if number is not None and number_key(number.group(0)) not in named_before:
            name = " ".join(f"{line.group(1)} {number.group(0)}".split())
            found.append((number.start(), number.end(), name))
    return found

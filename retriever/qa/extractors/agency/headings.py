"""The body a heading, a title or a plan's field names above the task: a numbered heading that is one body's name
("7. Cục Quản lý Dược"), a heading naming bodies by their kind ("Các sở, ban, ngành"), a title making a body
competent ("… thuộc thẩm quyền giải quyết của …"), a plan's fields ("Cơ quan thực hiện: …").
"""

from __future__ import annotations

import re

from corpus.vietnamese import match_key
from retriever.qa import vocabulary as V
from retriever.qa.extractors.agency.asked import _acceptable, _asked_heads
from retriever.qa.extractors.agency.clause import _ASSIGNED
from retriever.qa.extractors.agency.expansion import (
    _SHORT_NAME_LINE,
    _WHOLE_NAME_WORDS,
    document_spans,
)
from retriever.qa.extractors.agency.names import (
    _AGENCY_HEADS,
    _HEAD,
    _LEVEL_AFTER,
    _ORG_VERBS,
)
from retriever.qa.extractors.base import Context
from retriever.qa.model import Unit
from retriever.qa.question import QuestionAnalysis

_HEADING_NAME = re.compile(r"\s*(?:[IVXLC]+\.|\d+(?:\.\d+)*\.|[a-zđ]\))\s*((?:" + _AGENCY_HEADS
                           + r")\s[^:;,.()]{2,80}?)\s*:?\s*$")

# A numbered heading naming bodies by their kind, not by name ("3. Các Sở, ban, ngành cấp tỉnh", "4. Các doanh nghiệp
# viễn thông", "b) Các cơ quan chuyên môn thuộc UBND tỉnh"): in a plan's "Tổ chức thực hiện" it owns the tasks
# listed under it as a named body's heading does.
_COLLECTIVE_HEADING = re.compile(
    r"[ \t*_]*(?:[IVXLC]+\.|\d+(?:\.\d+)*\.|[a-zđ]\))[ \t*_]*((?:[Cc]ác|Những)[ \t]+(?:[Ss]ở|[Bb]ộ|[Bb]an|[Nn]gành|[Cc]ơ quan"
    r"|[Đđ]ơn vị|[Đđ]ịa phương|[Dd]oanh nghiệp|[Tt]ổ chức|[Cc]ơ sở|[Hh]ội|[Pp]hòng|[Tt]rung tâm|[Hh]uyện|[Xx]ã|[Tt]ỉnh"
    r"|[Cc]hủ đầu tư|[Nn]hà đầu tư|[Tt]ập đoàn|[Tt]ổng công ty|Ủy ban|Uỷ ban|UBND)(?![\w])[^:;.()\n]{0,70}?)[ \t*_]*:?[ \t*_]*$")


# A duty's title over the points that list them: "Điều 12. Trách nhiệm của cơ sở giáo dục", "2. Nhiệm vụ, quyền hạn của
# người đứng đầu cơ quan:" (the owner group 1, wrapped lines included).
# The duties a title names, one noun or several joined ("Trách nhiệm", "Nhiệm vụ, quyền hạn", "Thẩm quyền và trách
# nhiệm", "Quyền và nghĩa vụ"): decrees and circulars title an article or clause so, then list the owner's points.
_DUTIES = (r"(?:Trách nhiệm|Nhiệm vụ|Quyền hạn|Quyền|Nghĩa vụ|Thẩm quyền|Chức năng)"
           r"(?:(?:,|[ \t]+và)[ \t]+(?:trách nhiệm|nhiệm vụ|quyền hạn|quyền|nghĩa vụ|thẩm quyền|chức năng))*")
_DUTY_OWNER = re.compile(r"[ \t*_]*(?:(?:Điều[ \t]+\d+[a-zđ]?|[IVXLC]+|\d+(?:\.\d+)*)\.|[a-zđ]\))?[ \t*_]*"
                         rf"{_DUTIES}"
                         r"(?:[ \t]+thi hành)?[ \t]+của[ \t]+(?:các[ \t]+)?([^\W\d_][^:;.()]*?)[ \t*_]*[:.]?[ \t*_]*")


def _collective_heading(line: str) -> tuple[int, int, str] | None:
    """(start, end, name) of the bodies a heading line names by their kind (``_COLLECTIVE_HEADING``), or None when
    the line goes on with a verb ("b) Các bộ, ngành, địa phương căn cứ chức năng …" is a task, not a heading)."""
    match = _COLLECTIVE_HEADING.fullmatch(line)
    if match is None or len(match.group(1).split()) > _WHOLE_NAME_WORDS:  # "5. Các chủ đầu tư xây dựng và kinh doanh
        return None  # hạ tầng Khu công nghiệp": a kind of body named with its trade, no verb in it
    name = match.group(1)
    if any((_ORG_VERBS.match(name[w.start():]) and not _LEVEL_AFTER.match(name, w.start())) or name[w.start():].startswith(("căn cứ", "chủ động", "khẩn trương"))
           for w in re.finditer(r"(?<![\w])\w", name)):
        return None
    return match.start(1), match.end(1), " ".join(name.split())


_NAME_LINE_WORDS = 12  # "Cục Kinh tế - Quản lý đầu tư xây dựng": a heading's body named by the whole line


def _name_line(line: str, spans, at: int) -> bool:
    """Whether a heading line ``line`` (at ``at``) is one body's name and nothing else: a clerk reads "7. Cục
    Kinh tế - Quản lý đầu tư xây dựng" above its tasks as the name, lower-case words included.  The line
    starts with the first name found in it, holds no other, has at most ``_NAME_LINE_WORDS`` words and no
    body's verb after that name ("1. Sở Y tế chủ trì tổ chức …" is a task, not a name)."""
    words = line.split()
    if spans and spans[0][0] != at:
        return False
    if spans:
        rest = line[spans[0][1] - at:]
        if any(_ORG_VERBS.match(rest[m.start():]) for m in re.finditer(r"(?<![\w])\w", rest)):
            return False
    if len(words) <= _SHORT_NAME_LINE:
        return True
    return len([w for w in words if w not in ("-", "–", "&")]) <= _NAME_LINE_WORDS and len(spans) == 1


# A title naming the body competent for everything listed under it: "DANH MỤC THỦ TỤC HÀNH CHÍNH … THUỘC THẨM QUYỀN
# GIẢI QUYẾT CỦA SỞ Y TẾ", "Danh mục … thuộc thẩm quyền quản lý của Ủy ban nhân dân cấp xã" (a table's rows).
_COMPETENT_TITLE = re.compile(r"(?:THUỘC|thuộc)\s+(?:THẨM QUYỀN|thẩm quyền)(?:\s+(?:GIẢI QUYẾT|giải quyết|QUẢN LÝ|quản lý))?"
                              r"\s+(?:CỦA|của)\s+((?:[^\W\d_]+[ \t]*){1,10}?)[ \t]*(?=\n|[/(;.,]|$)")
_TITLE_REACH = 400


def _competent_in_title(question: QuestionAnalysis, unit: Unit, context: Context) -> tuple[int, int, str] | None:
    """(start, end, name) of the body a title above ``unit`` makes competent for what it lists (``_COMPETENT_TITLE``):
    a procedure's row in a list of procedures names where a file is handed in, not who settles it."""
    text = context.text(unit.doc_id)
    for node in reversed(context.units.heading_nodes(unit.doc_id, unit.start)):
        title = _COMPETENT_TITLE.search(text, node.start, min(node.end, unit.start, node.start + _TITLE_REACH))
        if title is not None and (_HEAD.match(title.group(1)) or _HEAD.match(title.group(1).title())
                                  or title.group(1).split()[0].upper() in ("UBND", "HĐND")):
            return title.start(1), title.end(1), " ".join(title.group(1).split())
    return None


# A labelled field of a plan's task: "- Đơn vị chủ trì: Sở Khoa học và Công nghệ.", "Cơ quan phối hợp: …".
_FIELD = re.compile(r"(?:Cơ quan|Đơn vị|cơ quan|đơn vị)\s+(chủ trì|thực hiện|phối hợp|giải quyết|tiếp nhận)"
                    r"[^:\n]{0,30}:[*_]*\s*")
# The same label printed right before a body inside the unit ("**Cơ quan thực hiện thủ tục hành chính:** Sở Y tế").
# ("Thẩm quyền quyết định: Chủ tịch Ủy ban nhân dân tỉnh", "Thẩm quyền đánh giá: người đứng đầu …": the label of
# the one who holds a power, group 1 empty)
_FIELD_BEFORE = re.compile(r"(?:(?:Cơ quan|Đơn vị|cơ quan|đơn vị)\s+(chủ trì|thực hiện|phối hợp|giải quyết|tiếp nhận)"
                           r"|Thẩm quyền(?=[ \t]+[a-zđà-ỹ]))[^:\n]{0,30}:[*_]*\s*(?:-\s*)?$")
_FIELD_LABEL_BONUS = 0.3
_NEW_TASK = re.compile(r"\s*(?:\d+(?:\.\d+)+\.?\s|[IVX]+\.\s|[a-zđ]\)\s*Nhiệm vụ)")
_FIELD_UNITS, _FIELD_REACH = 5, 700


def _field_bodies(question: QuestionAnalysis, unit: Unit, context: Context, wants_partner: bool):
    """(start, end, names) of the bodies a plan names in the fields after the task ``unit`` ("b) Cơ quan thực hiện: -
    Đơn vị chủ trì: X. - Đơn vị phối hợp: Y, Z."): the partners' field when the question asks for partners, else the
    leading body's field and the partners' after it; None when no field follows before the next task."""
    text = context.text(unit.doc_id)
    wanted = ("phối hợp",) if wants_partner else ("chủ trì", "thực hiện", "giải quyết", "tiếp nhận", "phối hợp")
    span, found = (unit.start, unit.end), []
    for _ in range(_FIELD_UNITS):
        span = context.units.next_unit(Unit(unit.doc_id, span[0], span[1], -1, "", ""))
        if span is None or span[0] - unit.end > _FIELD_REACH or _NEW_TASK.match(text, span[0]):
            break
        match = _FIELD.search(text, span[0], span[1])
        if match and match.group(1) in wanted:
            names = [s for s in document_spans(context, unit.doc_id, match.end(), span[1]) if _acceptable(question, s[2])]
            collective = _collective_heading("1. " + " ".join(text[match.end():span[1]].split()).rstrip(" ."))
            if names and names[0][0] - match.end() <= 4:
                found.extend(names)
            elif collective is not None:  # "Đơn vị phối hợp: Các Sở, ban, ngành."
                found.append((match.end(), span[1], collective[2]))
    if not found:
        return None
    return found[0][0], found[-1][1], list(dict.fromkeys(n for _, _, n in found))


def _field_agency(question: QuestionAnalysis, unit: Unit, context: Context, wants_partner: bool):
    """The body a plan names in a field after the task ("a) Nhiệm vụ: … b) Cơ quan thực hiện: - Đơn vị chủ
    trì: X."): the leading body, or the cooperating one when the question asks for partners."""
    text = context.text(unit.doc_id)
    wanted = ("phối hợp",) if wants_partner else ("chủ trì", "thực hiện", "giải quyết", "tiếp nhận")
    span = (unit.start, unit.end)
    for _ in range(_FIELD_UNITS):
        span = context.units.next_unit(Unit(unit.doc_id, span[0], span[1], -1, "", ""))
        if span is None or span[0] - unit.end > _FIELD_REACH or _NEW_TASK.match(text, span[0]):
            return None
        match = _FIELD.search(text, span[0], span[1])
        if match and match.group(1) in wanted:
            names = [s for s in document_spans(context, unit.doc_id, match.end(), span[1]) if _acceptable(question, s[2])]
            if names and names[0][0] - match.end() <= 4:
                return names[0]
    return None


# Where the subject of a heading stands: after its label and a duty word ("Điều 5. Trách nhiệm của", "Nhiệm vụ
# của", "Đối với", "Giao"), and "các".
_OWNER = re.compile(r"[ \t*_]*(?:(?:[IVXLC]+|\d+(?:\.\d+)*)\.|[a-zđ]\)|Điều[ \t]+\d+[a-zđ]?\.)?[ \t*_]*"
                    rf"(?:{_DUTIES}(?:[ \t]+thi hành)?(?:[ \t]+của)?[ \t]+"
                    r"|Đối với[ \t]+|Giao[ \t]+)?(?:[Cc]ác[ \t]+)?"
                    rf"(?:(?:Phó[ \t]+)?(?:{V.AGENCY_TITLES})[ \t]+)?")  # "1. Chủ tịch UBND thành phố quyết định … đối với:"


# The sentence that opens a heading's body and introduces the list of points under it ("1.4. Bảo đảm an sinh xã hội" /
# "Bộ Tài chính chỉ đạo Bảo hiểm xã hội Việt Nam:" / "a) …", "Bộ Nội vụ chịu trách nhiệm …, có nhiệm vụ, quyền hạn sau
# đây:" / "1. …"): a clerk reads each point as that sentence's subject's task, or, when the sentence hands the points
# to another body ("X chỉ đạo Y:", "giao Y:", "đề nghị Y chỉ đạo:"), as the task of the body it hands them to.
_LEAD_IN_REACH = 300
# "chỉ đạo Y:" hands the points to Y as "giao Y", "đề nghị Y" do (clause._ASSIGNED).
_DIRECTED = re.compile(r"(?<![\w])[Cc]hỉ[ \t\n]+đạo[ \t\n]+(?:các[ \t\n]+)?$")


# "… quyết định thu hồi … trong các trường hợp sau:": the points are the cases, no body's tasks.
_CASES_FOLLOW = re.compile(r"trường[ \t\n]+hợp[ \t\n]+sau(?:[ \t\n]+đây)?[ \t\n]*:[ \t\n]*$")
# What may stand before a lead-in sentence's subject: an office title ("Chủ tịch …"), "các".
_SUBJECT_OPENING = re.compile(rf"[ \t\n*_]*(?:(?:Phó[ \t\n]+)?(?:{V.AGENCY_TITLES})[ \t\n]+)?(?:các[ \t\n]+)?")


def _lead_in_owner(question: QuestionAnalysis, context: Context, doc_id: str, node, title_end: int,
                   unit_start: int) -> tuple[int, int, str] | None:
    """(start, end, name) of the body owning the points under ``node``, read off the sentence between its title line
    (ending at ``title_end``) and its first point, when that sentence ends with a colon and the unit comes after it;
    None otherwise."""
    # the sentence is an unnumbered paragraph of the node; its points are the numbered children after it
    first_point = min((c.start for c in node.children if c.start >= title_end and c.label), default=node.end)
    stop = min(first_point, unit_start)
    text = context.text(doc_id)
    lead_in = text[title_end:stop]
    title = text[node.start:title_end].rstrip(" \t*_")
    if not (re.match(r"[ \t]*\n[ \t]*\n", lead_in) or title.endswith((".", ":", ";"))):
        return None  # "Điều 1. Công bố … thuộc lĩnh vực quản lý của" / "Bộ X, gồm:": the title's sentence goes on
    if not lead_in.strip() or len(lead_in) > _LEAD_IN_REACH or not lead_in.rstrip().endswith(":") \
            or _CASES_FOLLOW.search(lead_in) or re.search(r"[.;][ \t]*(?:\n|[ \t]\S)", lead_in.strip()):
        return None  # one sentence introducing the points, not the end of the title's sentence and another
    asked = _asked_heads(question)
    spans = [s for s in document_spans(context, doc_id, title_end, stop) if _acceptable(question, s[2])
             and (not asked or match_key(s[2]).split()[0] in asked)]  # "những tỉnh nào": a province, no ministry
    if not spans:
        return None
    handed = [s for s in spans if _ASSIGNED.search(text, max(title_end, s[0] - 30), s[0])
              or _DIRECTED.search(text, max(title_end, s[0] - 30), s[0])]
    if handed:
        return handed[-1]  # "Bộ Tài chính chỉ đạo Bảo hiểm xã hội Việt Nam:": the directed body does the points
    first = spans[0]
    if _SUBJECT_OPENING.fullmatch(text, title_end, first[0]):
        return first  # the sentence's subject
    return None

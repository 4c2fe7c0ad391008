"""The subject of a clause: which body governs the text where the task is.  Each agency's clause runs up to the
next agency that is an actor; a cooperating body ("phối hợp với X, Y") or an object ("trình UBND tỉnh", "của Sở Y tế",
"theo đề nghị của …") governs none.
"""

from __future__ import annotations

import re

from retriever.qa import vocabulary as V
from retriever.qa.extractors.agency.asked import _ASKS_RECIPIENT
from retriever.qa.extractors.agency.executors import _ANSWER_CHARS
from retriever.qa.extractors.agency.names import _LEVEL_AFTER, _ORG_VERBS
from retriever.qa.question import QuestionAnalysis

# Unnamed bodies may come first in the partners' list ("phối hợp với các bộ, cơ quan ngang bộ, Viện kiểm sát …").
_UNNAMED = (r"(?:(?:các\s+)?(?:bộ|cơ quan|ngành|sở|ban|đơn vị|địa phương|tổ chức|cá nhân)(?:\s+(?:ngang bộ|liên quan"
            r"|có liên quan|thuộc Chính phủ|trung ương|Trung ương))?\s*(?:,|và)\s*)*")
_COOPERATING = re.compile(rf"(?:phối hợp(?:\s+chặt chẽ)?(?:\s+với)?|cùng với|với|cùng)\s+{_UNNAMED}(?:các\s+)?$",
                          re.IGNORECASE)

# An agency right after these is an object or a beneficiary ("tham mưu cho UBND quận", "trình UBND tỉnh").
# "thừa ủy quyền Thủ tướng Chính phủ, thay mặt Chính phủ ký …": the body on whose behalf another acts;
# "tại trụ sở Chính phủ": a place.
_OBJECT = re.compile(r"(?:cho|của|tại|đến|về|thuộc|trình|báo cáo|gửi về|xin ý kiến|(?:ủy|uỷ) quyền|thừa lệnh"
                     r"|thay mặt|trụ sở|trách nhiệm trước|tham mưu|giúp|(?:đề xuất|kiến nghị) với)\s+(?:các\s+)?$", re.IGNORECASE)
# Between an object and the next body listed with it: a comma or "và", perhaps the next one's title.
_OBJECT_LIST = re.compile(rf"\s*(?:,|và|,\s*và)\s*(?:(?:Phó\s+)?(?:{V.AGENCY_TITLES})\s+)?(?:các\s+)?")
# Between two listed bodies: a separator, possibly with unnamed ones ("…, Sở Y tế và các đơn vị liên quan, UBND …").
_LIST_JOIN = re.compile(r"^\s*(?:,|và|;)\s*(?:(?:các\s+)?(?:cơ quan|đơn vị|sở|ban|ngành|địa phương|tổ chức)"
                        r"(?:\s*,\s*(?:ngành|địa phương|đơn vị|cơ quan))*(?:\s+có)?(?:\s+liên quan)?\s*[,;]?\s*"
                        r"(?:và\s+)?)?(?:các\s+)?$")


def _cooperating(text: str, spans: list[tuple[int, int, str]], index: int, lower: int) -> bool:
    """Whether agency ``index`` is listed as cooperating ("phối hợp với X, Y")."""
    start = spans[index][0]
    previous_end = spans[index - 1][1] if index else lower
    before = text[previous_end:start]
    if _COOPERATING.search(before):
        return True
    if index and _LIST_JOIN.match(before):
        return _cooperating(text, spans, index - 1, lower)
    return False


# The body that holds a task printed before it: "thuộc thẩm quyền (giải quyết) của X", "theo chức năng của X", "do X".
_AGENT_BEFORE = re.compile(rf"(?:(?:thuộc|theo)\s+(?:thẩm quyền|trách nhiệm|chức năng)(?:\s+(?:giải quyết|quản lý))?"
                           rf"\s+của|(?<![\w])do)\s+(?:(?:Phó\s+)?(?:{V.AGENCY_TITLES})\s+)?(?:các\s+)?$")


# A line that is a duty's title naming its owner: "Trách nhiệm của Bộ Công an", "2. Nhiệm vụ của Sở Y tế:" — the tasks
# printed under it are that body's, though "của" precedes its name.
_DUTY_TITLE = re.compile(r"[ \t*_]*(?:(?:(?:[IVXLC]+|\d+(?:\.\d+)*)\.|[a-zđ]\)|Điều[ \t]+\d+[a-zđ]?\.)[ \t*_]*)?"
                         r"(?:Trách nhiệm(?: thi hành)?|Nhiệm vụ(?:,? (?:và )?quyền hạn)?)[ \t]+của[ \t]+(?:các[ \t]+)?")
_DUTY_TITLE_END = re.compile(r"[ \t*_:]*(?:\n|$)")


def _duty_owner(text: str, start: int, end: int) -> bool:
    """Whether the body at ``start:end`` is the owner a duty's title line names ("Trách nhiệm của X" alone on its
    line)."""
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_DUTY_TITLE.fullmatch(text, line_start, start) and _DUTY_TITLE_END.match(text, end))


def _is_object(text: str, spans, index: int, lower: int) -> bool:
    """Whether agency ``index`` is an object ("trình UBND tỉnh", "của Sở Y tế", "chịu trách nhiệm trước UBND tỉnh"),
    or listed right after one ("trước UBND tỉnh, Chủ tịch UBND tỉnh về …")."""
    if _duty_owner(text, spans[index][0], spans[index][1]):
        return False  # "Trách nhiệm của Bộ Công an" over its tasks: the owner
    previous_end = spans[index - 1][1] if index else lower
    before = text[max(previous_end, spans[index][0] - 30):spans[index][0]]
    if _ASSIGNED.search(before) or _AGENT_BEFORE.search(before):
        return False  # "giao nhiệm vụ cho Trung tâm …", "thuộc thẩm quyền của Sở Y tế": the body acts or holds the task
    if _OBJECT.search(before):
        return True
    return bool(index and _OBJECT_LIST.fullmatch(text, previous_end, spans[index][0])
                and not _ORG_VERBS.match(text[spans[index][1]:spans[index][1] + 40])  # "…, Sở Y tế chủ trì" acts
                and _is_object(text, spans, index - 1, lower))


# Alternative bodies share what follows ("Ban chấp hành công đoàn cơ sở hoặc Ban … phải có ý kiến").
_CO_SUBJECT = re.compile(r"\s*hoặc\s+(?:các\s+)?$")


def _clause_verb(text: str, end: int, stop: int) -> bool:
    """Whether a body's name is followed, before ``stop`` and any comma, by a verb it governs ("của Sở Y tế
    chủ trì …" still acts; "trụ sở Chính phủ, Phó Thủ tướng …" does not)."""
    return bool(_ORG_VERBS.match(text[end:min(stop, end + 40)]))


def _clauses(text: str, spans, lower: int, upper: int) -> list[tuple[int, int]]:
    """For each agency, the text it governs: up to the next agency that is an actor
    (not cooperating, not an object, not named right after it as an alternative)."""
    flags = [_cooperating(text, spans, i, lower) or _is_object(text, spans, i, lower)
             or (i > 0 and bool(_CO_SUBJECT.match(text, spans[i - 1][1], spans[i][0]))) for i in range(len(spans))]
    clauses = []
    for i, (start, end, _) in enumerate(spans):
        stop = upper
        for j in range(i + 1, len(spans)):
            if not flags[j]:
                stop = spans[j][0]
                break
        clauses.append((end, stop))
    return clauses


# The body a task is given to: "giao Bộ X …", "đề nghị Sở Y tế chỉ đạo …", "yêu cầu Chủ tịch UBND các tỉnh …"
# ("đề nghị của X" names who proposed: "của" makes X an object).
# "giao nhiệm vụ cho X", "phân công X", "được giao cho X": the body given the task, though "cho" precedes it.
_ASSIGNED = re.compile(r"(?<!\w)(?:[Gg]iao(?:\s+nhiệm\s+vụ)?|[Pp]hân\s+công|[Đđ]ề nghị|[Yy]êu cầu)(?:\s+cho)?\s+"
                       r"(?:các\s+)?(?:đồng chí\s+)?$")


def _doers(question: QuestionAnalysis, text: str, listed, spans, lower: int) -> list[tuple[int, int, str]]:
    """The bodies of ``spans`` that act or cooperate, not those named as an object ("theo quy định của Chính phủ",
    "báo cáo UBND tỉnh"), unless the question asks where something goes."""
    if _ASKS_RECIPIENT.search(question.key):
        return spans
    objects = {listed[i] for i in range(len(listed)) if not _cooperating(text, listed, i, lower)
               and _is_object(text, listed, i, lower)}
    return [s for s in spans if s not in objects]


# A sentence whose subject lists bodies by their kind, named ones among them ("2. Các bộ, ngành, tổ chức chính trị - xã
# hội, Ủy ban nhân dân các tỉnh … trong phạm vi chức năng … có trách nhiệm chỉ đạo …", "Các Bộ, cơ quan ngang Bộ, Ủy
# ban nhân dân tỉnh, thành phố chịu trách nhiệm …"): decrees and resolutions charge several bodies so; the subject,
# up to where the predicate starts, is the list of those charged — the kinds as much as the named bodies.
_KIND_SUBJECT = re.compile(r"(?:Các|Những)[ \t]+(?:bộ|Bộ|cơ quan|sở|Sở|ban|ngành|đơn vị|địa phương|tổ chức|Ủy ban|Uỷ ban"
                           r"|UBND|Bộ trưởng|Thủ trưởng)(?![\w])")
# Where the predicate starts: a modal, the scope of its power, or a body's verb.
_PREDICATE_START = re.compile(r"[ \t\n]+(?:(?:có|chịu)[ \t\n]+(?:trách[ \t\n]+nhiệm|thẩm[ \t\n]+quyền)|trong[ \t\n]+phạm[ \t\n]+vi"
                              r"|theo[ \t\n]+chức[ \t\n]+năng|căn[ \t\n]+cứ|phải|khẩn[ \t\n]+trương|chủ[ \t\n]+động)(?![\w])")
_SUBJECT_REACH = 200


def _kind_subject(text: str, at: int, end: int) -> tuple[int, int, str] | None:
    """(start, end, shown) of the subject of the sentence at ``at`` when it lists bodies by their kind
    (``_KIND_SUBJECT``), at least two of them, up to the predicate; None otherwise."""
    if _KIND_SUBJECT.match(text, at) is None:
        return None
    window = text[at:min(end, at + _SUBJECT_REACH)]
    stops = [m.start() for m in _PREDICATE_START.finditer(window)]
    stops += [m.start() for m in re.finditer(r"(?<=[^\s,])(?<![\s,]và)(?<![\s,]các)(?<![\s,]hoặc)[ \t\n]+(?=\S)", window)
              if _ORG_VERBS.match(window[m.end():]) and not _LEVEL_AFTER.match(window, m.end())]
    # ", tổ chức", "và tổ chức", "các cấp": one more kind or a level, not the predicate's verb
    stop = min(stops, default=-1)
    if stop <= 0 or re.search(r"[:;.()]", window[:stop]):
        return None  # no predicate within reach, or the subject is a heading's list ("Các Bộ: Y tế, …")
    shown = " ".join(window[:stop].split()).rstrip(" ,")
    if "," not in shown or len(shown) > _ANSWER_CHARS:
        return None  # one kind alone ("Các bộ có liên quan") answers no "which bodies"
    return at, at + len(window[:stop].rstrip(" \t\n,")), shown

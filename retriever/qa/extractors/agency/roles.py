"""A role, not a named body, that does the task: "Người đứng đầu cơ quan …", "Thủ trưởng đơn vị …" — the
subject before the modal ("có trách nhiệm", "phải", "được") of the clause that does what the question asks.
"""

from __future__ import annotations

import re

from corpus.vietnamese import match_key
from retriever.qa import vocabulary as V
from retriever.qa.extractors.agency.frame import _SLOT
from retriever.qa.extractors.agency.names import _ORG_VERBS
from retriever.qa.question import QuestionAnalysis
from retriever.qa.scoring import syllables

# Bodies a decree names by their role, not by name ("người đứng đầu cơ sở giáo dục quyết định …", "cơ quan tiếp nhận
# hồ sơ có trách nhiệm …"): the subject of the sentence that prints the question's verb.
_ROLE_NOUN = re.compile(r"(?:[Nn]gười đứng đầu|[Tt]hủ trưởng|[Cc]ơ quan|[Cc]ơ sở|[Đđ]ơn vị|[Tt]ổ chức|[Nn]gười sử dụng"
                        r" lao động|[Dd]oanh nghiệp|[Hh]ội đồng|[Bb]ộ phận|[Cc]hủ đầu tư|[Nn]hà đầu tư)(?![\w])")
# What stands between a subject and its verb, in the question as in the text: "có trách nhiệm", "có thẩm quyền", "phải".
# "là cơ quan/tổ chức …" names the role a body holds ("Bộ Nội vụ là cơ quan thẩm định …", "Ai là tổ chức thu lệ phí?").
_MODAL = re.compile(r"(?:(?:co|chiu) (?:trach nhiem|tham quyen)|phai|duoc|se|can|duoc giao|la (?:co quan|to chuc|don vi)) ")
_MODAL_TEXT = re.compile(r"(?:[ \t\n]+(?:có|chịu)[ \t\n]+(?:trách[ \t\n]+nhiệm|thẩm[ \t\n]+quyền)|[ \t\n]+(?:phải|được|sẽ|cần)"
                         r"|[ \t\n]+là[ \t\n]+(?:cơ[ \t\n]+quan|tổ[ \t\n]+chức|đơn[ \t\n]+vị))+$")

_CLAUSE_START = re.compile(r"(?:[,;:.()\n]\s*|\s(?:thì|do|và)\s+)(?=[^,;:.()\n]*$)")
_ROLE_WORDS = 12
_POWER_LABEL = re.compile(r"[ \t]*:[ \t]*")
_ROLE_END = re.compile(r"\s*(?:[,;:.()]|\s(?:hoặc|và|hoăc|theo|được|có|thực hiện|quyết định)\s)")


def _role_subject(question: QuestionAnalysis, body: str) -> tuple[int, int, str] | None:
    """(start, end, name) in ``body`` of the role that does what the question asks ("Ai quyết định ký hợp đồng …" →
    "người đứng đầu cơ sở giáo dục" in "…, người đứng đầu cơ sở giáo dục quyết định ký kết …"): the question's verb
    (the two syllables after its slot, past "có trách nhiệm", "phải" …) printed in the unit, and right before it a
    clause that starts with a role noun."""
    slot = _SLOT.search(question.key)
    if slot is None:
        return None
    rest = question.key[slot.end():].lstrip()
    while (modal := _MODAL.match(rest)) is not None:
        rest = rest[modal.end():]
    verb = rest.split()[:2]
    if len(verb) < 2 or any(not w.isalpha() for w in verb) or verb[0] in V.STOPWORDS:
        return None
    words = list(re.finditer(r"[^\W\d_]+", body))
    keys = [match_key(w.group(0)) for w in words]
    for i in range(1, len(words) - 1):
        if keys[i:i + 2] != verb:
            continue
        label = _POWER_LABEL.match(body, words[i + 1].end())
        if keys[i - 1] == "quyen" and label is not None:  # "Thẩm quyền đánh giá: người đứng đầu cơ sở giáo dục …"
            role = _ROLE_NOUN.match(body, label.end())
            stop = _ROLE_END.search(body, label.end())
            end = stop.start() if stop else len(body)
            name = " ".join(body[label.end():end].split())
            if role is not None and 2 <= len(name.split()) <= _ROLE_WORDS:
                return label.end(), end, name
            continue
        before = body[:words[i].start()].rstrip()
        modal = _MODAL_TEXT.search(before)
        end = len(before[:modal.start()] if modal else before.rstrip())
        boundary = max((m.end() for m in _CLAUSE_START.finditer(body, 0, end)), default=0)
        found = _role_at(body, boundary, end)
        while end - boundary < _ROLE_REACH:
            kept = body[:boundary].rstrip(" \t")
            if found is not None or (kept[-1:] not in {",", "\n"} and not kept.endswith(" và")) \
                    or kept.rstrip().endswith((";", ":", ".")) or re.search(r"\n[ \t]*\n$", kept):
                break  # only a comma, "và" or a line's wrap, not "thì"/"do", nor the end of a sentence or paragraph
            # a role named with its own commas or wrapped over lines ("Cơ quan nhà nước có thẩm quyền cấp, cấp lại
            # Chứng chỉ … là tổ chức thu lệ phí", "cơ quan tổ chức cán bộ Công an đơn vị, địa phương có trách nhiệm
            # lập …"): the clause reaches back over a comma or a line break to the role noun that starts it
            previous = [m.start() for m in _SOFT_STOP.finditer(body, 0, boundary - 1)]
            hard = max((m.end() for m in _HARD_STOP.finditer(body, 0, boundary - 1)), default=0)
            if not previous or previous[-1] < hard:
                found = _role_at(body, hard, end)
                break
            boundary = previous[-1] + 1
            found = _role_at(body, boundary, end)
        if found is not None and not _restates_task(found[2], question):
            return found
    return None


# Words that make a role competent or active without naming it: "cơ quan (nhà nước) có thẩm quyền … thực hiện".
_COMPETENCE_WORDS = re.compile(r"\b(?:co tham quyen|nha nuoc|thuc hien|duoc giao|lien quan|co)\b")


def _restates_task(name: str, question: QuestionAnalysis) -> bool:
    """Whether a role is named only by the task the question asks ("cơ quan có thẩm quyền cấp Giấy chứng nhận đủ
    điều kiện về an ninh, trật tự thực hiện" for "cơ quan nào cấp Giấy chứng nhận đủ điều kiện về an ninh, trật tự?"):
    decrees describe the competent body so, and name it elsewhere ("Công an cấp xã: Thực hiện cấp …"); the
    description restates the question, it does not answer it."""
    role = _ROLE_NOUN.match(name.lstrip())
    rest = _COMPETENCE_WORDS.sub(" ", " ".join(syllables(name.lstrip()[role.end():] if role else name))).split()
    asked = set(question.syllables)
    return len(rest) >= 2 and all(word in asked for word in rest)


_ROLE_REACH = 300  # how far back a role's own commas and line breaks are read
_ROLE_CHARS = 150  # a role longer than a short answer is a sentence, not a name
_ROLE_TAIL = re.compile(r"\s+theo\s+quy\s+định\b")  # "… theo quy định của pháp luật về …": where it is set, not who
_SOFT_STOP = re.compile(r"[,\n]")
_PREDICATE = re.compile(r"(?<![\w])(?:phải|sẽ|cần|đã|đang|sau khi|trước khi|nếu)(?![\w])")
_HARD_STOP = re.compile(r"[;:.()]|\n[ \t]*\n|\s(?:thì|do)\s")  # "… thuộc thẩm quyền của Bộ trưởng thì | thời hạn …"


def _role_at(body: str, boundary: int, end: int) -> tuple[int, int, str] | None:
    """(start, end, name) of the role named from ``boundary`` to ``end``, when a role noun starts it ("Cơ quan tham
    mưu về lĩnh vực tổ chức bộ máy thuộc bộ"), up to ``_ROLE_CHARS`` long."""
    clause = body[boundary:end]
    stripped = clause.lstrip(" \t\n-+*")
    role = _ROLE_NOUN.match(stripped)
    if role is None or not stripped[role.end():].strip() \
            or (role.group(0).lower() == "tổ chức" and _ORG_VERBS.match(stripped[role.end():])):
        return None  # "Tổ chức thực hiện …" is a verb; a role noun alone names no one
    if not _ROLE_NOUN.sub(" ", stripped).replace(",", " ").replace("và", " ").replace("hoặc", " ").strip():
        return None  # "cơ quan, tổ chức thẩm định …": role nouns alone name no one
    if _PREDICATE.search(stripped) or stripped.rstrip().endswith(","):
        return None  # "cơ quan, tổ chức thẩm định phải có văn bản …": a sentence, not a name; "…, quản lý": a verb
        # after a comma goes on with the sentence's verbs, it has no subject of its own
    start = boundary + len(clause) - len(stripped)
    tail = _ROLE_TAIL.search(body, start, end)
    end = tail.start() if tail else end
    name = " ".join(body[start:end].split())
    if 2 <= len(name.split()) and len(name) <= _ROLE_CHARS:
        return start, end, name
    return None

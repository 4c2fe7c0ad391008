"""The question's frame around its slot: the words right before and after "cơ quan nào" ("… trình <slot>
phê duyệt"), and how far the text around a body repeats them.
"""

from __future__ import annotations

import re

from retriever.qa import vocabulary as V
from retriever.qa.scoring import syllables

# The slot of the asked body in a question ("… thuộc cơ quan nào?", "Cơ quan nào làm chủ …", "… với bộ nào?").
_SLOT = re.compile(r"\b(?:(?:co quan|don vi|to chuc|uy ban|ngan hang|bo phan|bo|so|ban|phong|cuc|chi cuc|trung tam|vu|vien)"
                   r"\s+(?:nao|gi)|ai)\b")

_FRAME_AFTER, _FRAME_BONUS = 2, 0.4
_FRAME_RUN_BONUS = 0.15


def question_frame(key: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The question's words right before and right after the asked body's slot.

    >>> question_frame("ban quan ly la co quan hanh chinh thuoc co quan nao")
    (('hanh', 'chinh', 'thuoc'), ())
    >>> question_frame("co quan nao lam chu chuong trinh mtqg")
    ((), ('lam', 'chu'))
    >>> question_frame("ai chiu trach nhiem ve tiem vac xin")
    ((), ('chiu', 'trach'))
    """
    match = _SLOT.search(key)
    if not match:
        return (), ()
    before = tuple(key[:match.start()].split()[-3:])
    rest = key[match.end():].lstrip()
    while (modal := _FRAME_MODAL.match(rest)) is not None and not _OWN_OBJECT.match(rest, modal.end()):
        rest = rest[modal.end():]  # "bộ nào có trách nhiệm | bố trí …": the verb follows
    after = tuple(rest.split()[:_FRAME_AFTER])
    return before, after


# "Ai chịu trách nhiệm về tiêm vắc xin?": "chịu trách nhiệm" takes its own object ("về …", "trước …"): it is the
# predicate the frame reads, not a modal before one.
_OWN_OBJECT = re.compile(r"(?:ve|truoc|voi|doi voi)(?: |$)")


def _frame_match(frame: tuple[tuple[str, ...], tuple[str, ...]], text: str, start: int, end: int) -> float:
    """How far the text around an agency repeats the question's frame around its slot: the word right
    before the slot printed right before the name ("thuộc Ủy ban nhân dân …" for "thuộc cơ quan nào"),
    the words right after it printed right after the name ("Bộ X làm chủ Chương trình")."""
    before = frame[0]
    score = 0.0
    if before:
        printed = syllables(text[max(0, start - 30):start])
        while printed and printed[-1] == "cac":
            printed.pop()
        if printed and printed[-1] == before[-1] and before[-1] not in V.STOPWORDS:
            score += _FRAME_BONUS
            # "báo cáo UBND tỉnh (qua Ban Quản lý …)" for "… báo cáo UBND tỉnh qua đơn vị nào": the question's words
            # before the slot printed in the same order before the name, each one more a closer fit
            run = next((k for k in range(1, min(len(before), len(printed)) + 1)
                        if printed[-k] != before[-k]), min(len(before), len(printed)) + 1) - 1
            score += _FRAME_RUN_BONUS * (run - 1)
    if frame[1][:2] == ("duoc", "giao") and _GIVEN.search(text, max(0, start - 12), start):
        score += _FRAME_BONUS  # "Ai được giao giám sát …": the body a clause gives the task to ("Giao X giám sát …")
    return score + _frame_after(frame, text, end)


_GIVEN = re.compile(r"(?<![\w])[Gg]iao(?:[ \t]+cho)?[ \t]+(?:các[ \t]+)?$")


def _frame_after(frame: tuple[tuple[str, ...], tuple[str, ...]], text: str, at: int) -> float:
    """The share of the question's words after the slot printed right at ``at``, times ``_FRAME_BONUS``."""
    after = frame[1]
    if not after:
        return 0.0
    modal = _MODAL_AFTER.match(text, at)
    shares = []
    for begin in (at, modal.end()) if modal else (at,):
        # "Bộ Tài chính có trách nhiệm bố trí …", "Bộ Nội vụ là cơ quan thẩm định …": the verb past the modal
        printed = syllables(text[begin:begin + 40])[:len(after) + 1]
        shares.append(sum(1 for word in after if word in printed) / len(after))
    where = _WHERE.match(text, at)
    if where is not None:
        # "Chủ tịch Ủy ban nhân dân các phường, xã nơi cơ quan thi hành án … đóng trụ sở quyết định phê duyệt …": the
        # body's verb comes after the clause that says where it is
        clause = syllables(re.split(r"[,;:.()]", text[where.end():where.end() + _WHERE_REACH], maxsplit=1)[0])
        if any(tuple(clause[i:i + len(after)]) == after for i in range(len(clause))):
            shares.append(1.0)
    return _FRAME_BONUS * max(shares)


_WHERE = re.compile(r"[ \t\n]+nơi[ \t\n]+")
_WHERE_REACH = 120

# What stands between a subject and its verb (as ``roles._MODAL`` reads it), in a question's frame, where "được (giao)"
# is the verb itself ("Ai được giao …": the body given the task).
_FRAME_MODAL = re.compile(r"(?:(?:co|chiu) (?:trach nhiem|tham quyen)|phai|se|can|la (?:co quan|to chuc|don vi)) ")
# The same words right after a body's name, before the verb it governs; "cùng cấp" (of the same level) qualifies the
# body, not its task ("Ủy ban nhân dân cấp tỉnh trình Hội đồng nhân dân cùng cấp quyết định …": the council decides;
# tvpl_149, tvpl_019, congbao_040).
_MODAL_AFTER = re.compile(r"(?:[ \t\n]+(?:(?:có|chịu)[ \t\n]+(?:trách[ \t\n]+nhiệm|thẩm[ \t\n]+quyền)|phải|sẽ|cần"
                          r"|cùng[ \t\n]+cấp|là[ \t\n]+(?:cơ[ \t\n]+quan|tổ[ \t\n]+chức|đơn[ \t\n]+vị)))+(?![\w])")

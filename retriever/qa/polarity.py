"""Yes/no questions ("… có được … không?") and the phrase of a clause that answers them.

A clerk answers "có được áp dụng … không?" with the clause's own negation or restriction
("không áp dụng đối với …", "Cấm rải tiền …", "chỉ có giá trị sử dụng đối với …"), not
with the whole article.  A clause without such a phrase is answered as before (whole).

>>> is_yes_no("chinh sach nay co duoc ap dung cho nguoi co cong khong")
True
>>> is_yes_no("co quan nao chu tri"), is_yes_no("co phai nop le phi hay khong")
(False, True)
>>> is_yes_no("co duoc mien giam theo nghi dinh 103/2024/nd-cp khong")
True
>>> is_yes_no("co dung la trung uong con chu truong sap nhap nua khong theo cong van cua bo noi vu")
True
>>> text = "Việc miễn, giảm không áp dụng đối với trường hợp giao đất tái định cư; các trường hợp khác"
>>> text[slice(*polarity_span(text, 0, len(text), 150))]
'không áp dụng đối với trường hợp giao đất tái định cư'
"""

from __future__ import annotations

import itertools
import re

# a question's words may carry an act's number ("nghi dinh 103/2024/nd-cp khong")
# … and may name its source after the question proper ("… nữa không, theo công văn của Bộ Nội vụ?")
_YES_NO = re.compile(r"\b(co|duoc|phai|dung|da|con)\b(?: \S+)+ (hay )?(khong|chua)(?: theo(?: \S+){1,12})?$")
_POLARITY = re.compile(
    r"(?<!\w)(?:(?:[Kk]hông|[Cc]hưa)\s+(?:được|có|áp\s+dụng|phải|thuộc|đủ|cho\s+phép|thực\s+hiện|chấp\s+thuận|đồng\s+ý)"
    r"|(?:[Nn]ghiêm\s+)?[Cc]ấm|[Cc]hỉ\s+(?:có|được|áp\s+dụng))(?!\w)")
# a clause ends at a stop, a comma, a blank line or the next list label; a wrapped line does not end it
_PHRASE_END = re.compile(r"[;.!?]|,\s|\n\s*\n|\n\s*(?:[-+•*–]|[a-zđ]\)|\d+(?:\.\d+)*\.)\s")


def is_yes_no(key: str) -> bool:
    """Whether a question key (``match_key``, punctuation as spaces) asks yes or no."""
    return bool(_YES_NO.search(key.strip()))


_PREDICATE = re.compile(r"\b(?:co|duoc|phai)\b((?:(?!\b(?:co|duoc|phai)\b).)*?)\b(?:hay )?(?:khong|chua)\b")


def asked_predicate(key: str) -> frozenset[str]:
    """The words a yes/no question asks about: between its last "có/được/phải" and its closing "không/chưa" (the
    condition it supposes before them is no answer).

    >>> sorted(asked_predicate("ket qua danh gia gui so co phai gui kem ban giay khong"))
    ['ban', 'giay', 'gui', 'kem']
    >>> sorted(asked_predicate("to chuc hoat dong kem hieu qua thi co the bi to chuc lai khong"))
    ['bi', 'chuc', 'lai', 'the', 'to']
    """
    found = list(_PREDICATE.finditer(key))
    return frozenset(found[-1].group(1).split()) if found else frozenset()


def polarity_span(text: str, start: int, end: int, limit: int,
                  asked: frozenset[str] = frozenset(), question_key: str = "") -> tuple[int, int] | None:
    """The first negation/restriction phrase inside ``text[start:end]``, up to its clause end and
    at most ``limit`` characters (cut at a word boundary), or None.

    ``asked``: the question's content words (accent-less); the text's negation of one of them ("Lưu ý: không gửi
    văn bản giấy" for "… có phải gửi kèm bản giấy không?") answers before any other negation.

    >>> t = "gửi kết quả về Sở, hạn cuối ngày 15 tháng 12 hàng năm (Lưu ý: không gửi văn bản giấy)."
    >>> t[slice(*polarity_span(t, 0, len(t), 140, frozenset({"gui", "ban", "giay"})))]
    'không gửi văn bản giấy'

    ``question_key``: the question's words in a row; a text negating two of them in a row ("… không tính vào số lượng
    vị trí việc làm" for "… có bị tính vào số vị trí việc làm … không?") answers when no other phrase does.
    """
    match = _negated_asked(text, start, end, asked) or _first_polarity(text, start, end) \
        or _negated_phrase(text, start, end, question_key)
    if not match:
        return None
    stop = _PHRASE_END.search(text, match.end(), end)
    phrase_end = stop.start() if stop else end
    if phrase_end - match.start() > limit:
        cut = text.rfind(" ", match.start(), match.start() + limit)
        phrase_end = cut if cut > match.end() else match.start() + limit
    while phrase_end > match.start() and (text[phrase_end - 1] in " ,;:" or (
            text[phrase_end - 1] == ")" and "(" not in text[match.start():phrase_end])):
        phrase_end -= 1
    return match.start(), phrase_end


_NEGATED = re.compile(r"(?<!\w)(?:[Kk]hông|[Cc]hưa)\s+(\w+)")


def _negated_asked(text: str, start: int, end: int, asked: frozenset[str]) -> re.Match | None:
    """The first "không/chưa <word>" of ``text[start:end]`` whose word the question prints (a content word)."""
    from corpus.vietnamese import match_key
    from retriever.qa import vocabulary as V

    for match in _NEGATED.finditer(text, start, end):
        word = match_key(match.group(1)).lower()
        if word in asked and word not in V.STOPWORDS:
            return match
    return None


def _negated_phrase(text: str, start: int, end: int, question_key: str) -> re.Match | None:
    """The first "không/chưa <w1> <w2>" of ``text[start:end]`` whose two words the question prints in a row, one of
    them a content word, and does not itself negate: the text denies the very phrase the question asks about, even
    when the question's "có/được" falls on another verb ("… tính vào … được giao cho trường không?").  A negation the
    question prints ("người hoạt động không chuyên trách") names its subject, not its answer, and the words of a case
    the question supposes before its "thì" ("… hoạt động kém hiệu quả thì có bị tổ chức lại không?") are no answer.

    >>> t = "giảng viên không làm thay đổi quyền lợi; giảng viên không tính vào số lượng vị trí việc làm"
    >>> _negated_phrase(t, 0, len(t), "giang vien co bi tinh vao so vi tri viec lam duoc giao khong").group(0)
    'không tính vào'
    >>> _negated_phrase(t, 0, len(t), "nguoi khong tinh vao bien che co duoc giao viec khong") is None
    True
    >>> _negated_phrase(t, 0, len(t), "vien chuc duoc tinh vao so luong thi co duoc giao viec khong") is None
    True
    """
    from corpus.vietnamese import match_key
    from retriever.qa import vocabulary as V

    words = question_key.split()
    if "thi" in words:  # "<the case it supposes> thì <what it asks>"
        words = words[len(words) - words[::-1].index("thi"):]
    pairs = {(a, b) for a, b in itertools.pairwise(words) if a not in V.STOPWORDS or b not in V.STOPWORDS}
    negated = {(words[i + 1], words[i + 2]) for i, w in enumerate(words[:-2]) if w in ("khong", "chua")}
    for match in _NEGATED_TWO.finditer(text, start, end):
        pair = tuple(match_key(match.group(i)).lower() for i in (1, 2))
        if pair in pairs and pair not in negated:
            return match
    return None


_NEGATED_TWO = re.compile(r"(?<!\w)(?:[Kk]hông|[Cc]hưa)\s+(\w+)\s+(\w+)")


def has_polarity(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` prints a negation/restriction phrase (:func:`polarity_span`)."""
    return _first_polarity(text, start, end) is not None


# "bị (Tòa án) cấm đảm nhiệm chức vụ": a ban someone is under (a case the sentence lists), not one it imposes
_UNDER_BAN = re.compile(r"(?<!\w)bị(?:\s+\S+){0,3}\s+$", re.IGNORECASE)


def _first_polarity(text: str, start: int, end: int) -> re.Match | None:
    """The first negation/restriction phrase of ``text[start:end]`` that the sentence states as its rule: a "cấm"
    after "bị" (the passive: a ban someone is under, listed as a case) is not one.

    >>> t = "đang bị tạm giam, bị Tòa án cấm đảm nhiệm chức vụ, cấm hành nghề; không được trả thù"
    >>> _first_polarity(t, 0, len(t)).group(0)
    'không được'
    """
    for match in _POLARITY.finditer(text, start, end):
        if match.group(0).lower().endswith("cấm") and _UNDER_BAN.search(text, max(start, match.start() - 40),
                                                                        match.start()):
            continue
        if match.group(0).lower() == "cấm" and _LISTED_BAN.search(text, max(start, match.start() - 60), match.start()):
            continue
        return match
    return None


# "…, bị Tòa án cấm đảm nhiệm chức vụ, cấm hành nghề": the second ban continues the first one's list
_LISTED_BAN = re.compile(r"(?<!\w)bị(?:\s+\S+){0,3}\s+cấm\b[^;.]*,\s*$", re.IGNORECASE)


def polar_unit(candidates, text_of, chosen, window: float, scanned: int = 6):
    """The unit a yes/no question is answered from: ``chosen`` when it prints a negation or restriction, else the
    first of the best candidates (scoring within ``window`` of the best) that prints one ("2. Không được trả thù,
    trù dập, … các khoản thu nhập … của người được bảo vệ" for "Chủ doanh nghiệp có được … cắt thu nhập của người
    lao động đã tố cáo không?": the rule states the answer as a prohibition), else ``chosen``."""
    if not candidates or window <= 0:
        return chosen
    if has_polarity(text_of(chosen), chosen.unit.start, chosen.unit.end):
        return chosen
    best = candidates[0].score
    for cand in candidates[:scanned]:
        if cand.score < best - window:
            break
        if has_polarity(text_of(cand), cand.unit.start, cand.unit.end):
            return cand
    return chosen


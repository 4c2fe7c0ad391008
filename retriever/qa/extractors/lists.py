"""Enumerations: "… gồm những gì?" answered with the items after "gồm"/"là"/the colon.

Items on the same line ("gồm: A, B và C") are the answer span itself; items that follow as
points ("a) …", "- …") are read from the next units and quoted with the lead sentence.
"""

from __future__ import annotations

import bisect
import itertools
import re

from corpus.vietnamese import match_key
from retriever.qa import vocabulary as V
from retriever.qa.extractors.base import Context
from retriever.qa.model import Span, Unit
from retriever.qa.question import UNITS_MERGED, QuestionAnalysis, QuestionKind
from retriever.qa.scoring import local_overlap, syllables

# w143: "… các trường hợp sau:", "… các nội dung chủ yếu sau:" name their items as "như sau:" does (82 documents print
# a "… sau:" lead-in), not as a bare colon after a label ("Sở Y tế: …")
_LEAD_IN = re.compile(r"(?:bao gồm|gồm có|gồm|bao gồm các|như sau|sau đây|(?<!\w)sau|là|cụ thể)\s*:\s*|:\s*"
                      r"|(?:bao gồm|gồm)\s+", re.IGNORECASE)
_NAMED_LEAD = re.compile(r"(?:gồm|(?<!\w)sau(?!\w)|là|cụ thể)", re.IGNORECASE)
_LABEL = re.compile(V.LEAD_LABEL)
_NOUN_BONUS = 0.5


def _ends_with(words: list[str], noun: tuple[str, ...], slack: int = 0) -> bool:
    """Whether ``noun`` occurs among the last ``len(noun) + slack`` words."""
    tail = words[-(len(noun) + slack):] if words else []
    return any(tuple(tail[i:i + len(noun)]) == noun for i in range(len(tail) - len(noun) + 1))


# the noun capitalised too: a numbered ward opens its name with it ("Phường 8 (thành phố Cà Mau), xã Lý Văn Lâm")
_PLACE = re.compile(r"(?<![\w])(" + "|".join(f"[{n[0]}{n[0].upper()}]{n[1:]}"
                                             for n in V.PLACE_NOUNS) + r")\s+([A-ZĐÀ-Ỹ][\w]*(?:[ \t]+(?:[A-ZĐÀ-Ỹ][\w]*|\d+))*"
                    r"|\d{1,3}(?![\w/.,]\d))")
_NAME = re.compile(r"[A-ZĐÀ-Ỹ][\w]*(?:[ \t]+(?:[A-ZĐÀ-Ỹ][\w]*|\d+))*")
# "xã A, B và C": names listed after one place noun share it
_SHARED_NAME = re.compile(r"\s*(?:,|và)\s*(?=[A-ZĐÀ-Ỹ])")
# "gồm 55 xã và 09 phường": a count of the asked places, not their names
_PLACE_COUNT = re.compile(r"\s*\d+\s+(?:" + "|".join(V.PLACE_NOUNS) + r")(?![\w])")
_COUNT_PENALTY = 0.5


def asked_places(question: QuestionAnalysis) -> tuple[str, ...]:
    """The place nouns printed for the places a question lists ("những phường, xã nào" → ("phường", "xã"))."""
    if UNITS_MERGED.search(question.key):
        return V.PLACE_NOUNS  # "hình thành từ những đơn vị nào": any place the text names
    asked = set(question.list_noun)
    return tuple(n for n in V.PLACE_NOUNS if match_key(n).split()[-1] in asked)


def named_places(question: QuestionAnalysis, text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """(start, end, named by the question) of each place of the question's list named in ``text[start:end]``:
    a place noun of the question's list and the capitalised name after it ("phường Noong Bua, phường Nam
    Thanh và xã Thanh Xương"), or names sharing one noun ("các xã Khánh Bình Tây, Khánh Bình Tây Bắc và
    Trần Hợi")."""
    nouns = asked_places(question)
    if not nouns:
        return []
    found: list[tuple[int, int, bool]] = []
    for match in _PLACE.finditer(text, start, end):
        if match.group(1)[0].lower() + match.group(1)[1:] not in nouns:
            continue
        spans = [(match.start(), match.end(2))]
        cursor = match.end(2)
        while (joint := _SHARED_NAME.match(text, cursor, end)) and (name := _NAME.match(text, joint.end(), end)):
            spans.append((name.start(), name.end()))
            cursor = name.end()
        for s, e in spans:
            name = text[s:e] if (s, e) != spans[0] else match.group(2)
            found.append((s, e, bool(re.search(rf"\b{re.escape(match_key(name))}\b", question.key))))
    return found


# "những loại giấy tờ nào", "các hình thức xử phạt gì": the noun every listed item starts with
_ITEM_NOUN = re.compile(r"\b(?:nhung|cac)\s+(?:(?:loai|nhom|hinh thuc|kieu|dang)\s+)?([a-z]+)\b")
_ITEMS_BONUS = 0.3


def _item_head(question: QuestionAnalysis) -> str:
    """The head word (match_key) the listed items repeat, for a question whose list noun was not read (too
    long: "những loại giấy tờ y tế nào"): the first noun after "những"/"các", past "loại"/"nhóm"."""
    match = _ITEM_NOUN.search(question.key)
    return match.group(1) if match and match.group(1) not in ("nao", "gi") else ""


# "… gồm những ai/gì?", "… bao gồm những gì?": the question's own verb of enumeration.
_ASKED_VERB = re.compile(r"\b(?:bao gom|gom co|gom)\s+(?:(?:nhung|cac)\s+)?(?:\w+\s+){0,3}(?:ai|gi|nao)\b")
_ITEMS_VERB = re.compile(r"(?:bao gom|gom co|gom)\s*:?\s*$")


def verb_leads_items(question: QuestionAnalysis, text: str, items: int) -> bool:
    """Whether a question asking "X gồm những ai/gì?" is answered by items starting at ``items`` that the text
    introduces with the same verb ("thân nhân của người tố cáo bao gồm: vợ, chồng, …"): the enumeration the
    question names by its verb.

    >>> from retriever.qa.question import analyze_question
    >>> t = "Thông tư này quy định về thủ tục bảo vệ việc làm, thân nhân của người tố cáo bao gồm: vợ, chồng, cha đẻ"
    >>> verb_leads_items(analyze_question("Thân nhân của người tố cáo gồm những ai?"), t, t.index("vợ"))
    True
    >>> verb_leads_items(analyze_question("Thân nhân của người tố cáo là ai?"), t, t.index("vợ"))
    False
    """
    if not _ASKED_VERB.search(question.key):
        return False
    before = match_key(text[max(0, items - 20):items])
    return len(before) == len(text[max(0, items - 20):items]) and bool(_ITEMS_VERB.search(before))


_HEAD_CHARS = 60  # an item following its lead is shown by its head, cut at a word
_HEADING_CHARS = 200  # a heading is at most this long
_HEADING_NOVELTY = 0.4  # … and the question prints all but this share of its content words


# "… 3 trụ cột chống dịch là xét nghiệm, cách ly, điều trị": the items after the asked noun and "là"/"gồm" (no colon)
_NAMED_ITEMS = re.compile(r"\s+(?:\w+\s+){0,3}?(?:la|gom co|bao gom|gom)\s+(?=\w)")
_ITEMS_END = re.compile(r"[;.](?=\s|$)|:")
_ENUMERATION = re.compile(r",|\bva\b|\bhoac\b")
# w91: the other ways a text names the items of its noun without a colon (read on match_key text):
# "các phong trào thi đua trọng tâm do Thủ tướng phát động như Phong trào …; Chung tay …" (examples after "như"),
# "ngành nghề sản xuất cần ứng dụng công nghệ cao (Ví dụ: Sản xuất linh kiện điện tử, tự động hóa, logistics)",
# "các nhà mạng (Viettel Nghệ An, VNPT Nghệ An, MobiFone Nghệ An)" (the members in parentheses),
# "phương châm “đổi mới tư duy, kiến tạo phát triển, …”" (a quoted motto), "các yếu tố đặc thù về lịch sử, văn hóa,
# phong tục, tập quán" (the fields after "về"), "Các nghi thức cúng ba ngày, bảy ngày, bốn chín ngày" (the items
# right after the noun).  A few words may qualify the noun before "như"/"ví dụ"/the quote, none before "về".
_EXAMPLES = re.compile(r"((?:[^\W\d]+\s+){0,10}?)(?:(nhu|chang han(?: nhu)?)\s+(?=\w)|\((?:(?:vi du|chang han)\s*:?\s*)?"
                       r"|(?:vi du|chang han)\s*:\s*|([“\"])\**)")
_FIELDS = re.compile(r"\s+ve\s+(?=\w)")
_CLOSING_QUOTE = re.compile(r"[”\"]")
_SENTENCE_OR_COLON_END = re.compile(r"[.:](?=\s|$)")
_PLURAL = re.compile(r"\b(?:cac|nhung|mot so)\s+$")
_SHORT_ITEM = 4  # words of each of the first items a noun is followed by directly (no connector)
# two short items right after a plural noun: "các nghi thức cúng ba ngày, bảy ngày, …"
_TWO_SHORT_ITEMS = re.compile(rf"\s+((?:\w+\s+){{0,{_SHORT_ITEM - 1}}}?\w+),\s+((?:\w+\s+){{0,{_SHORT_ITEM - 1}}}?\w+),\s")
_ITEM_SEPARATOR = re.compile(r"[,;]|\bva\b|\bhoac\b")


def _enumerates(key: str, start: int, end: int, at_least: int) -> bool:
    """Whether ``key[start:end]`` holds ``at_least`` separators of items (``,`` ``;`` "và" "hoặc")."""
    return len(_ITEM_SEPARATOR.findall(key, start, end)) >= at_least and end - start >= 5


def _items_after(key: str, at: int, plural: bool = False) -> tuple[int, int] | None:
    """The items a noun ending at ``at`` is followed by in ``key`` (match_key text), read as a clerk reads them:
    "là"/"gồm" (to the clause's end), "như"/"ví dụ" (examples, to the sentence's end or the closing parenthesis),
    a quote (to its closing mark), "về" (the fields, to the clause's end), or — after a plural noun ("các"/"những"
    before it: several things are announced) — short items right after the noun.  (start, end) in ``key``, or None."""
    lead = _NAMED_ITEMS.match(key, at)
    if lead is not None:
        stop = _ITEMS_END.search(key, lead.end())
        items_end = stop.start() if stop else len(key)
        return (lead.end(), items_end) if _enumerates(key, lead.end(), items_end, 1) else None
    example = _EXAMPLES.match(key, at + 1) if key[at:at + 1].isspace() else None
    if example is not None and not re.search(r"[,;.:()]", example.group(1)):
        begin = example.end()
        if example.group(3):  # a quote: to its closing mark
            close = _CLOSING_QUOTE.search(key, begin)
            items_end = close.start() if close else len(key)
        elif key[example.end(1):example.end(1) + 1] == "(":  # "(Ví dụ: …)", "(A, B, C)"
            close = key.find(")", begin)
            items_end = close if close >= 0 else len(key)
        else:  # "như A; B; C." — examples run to the sentence's end
            stop = _SENTENCE_OR_COLON_END.search(key, begin)
            items_end = stop.start() if stop else len(key)
        return (begin, items_end) if _enumerates(key, begin, items_end, 2) else None
    fields = _FIELDS.match(key, at)
    if fields is not None:
        stop = _ITEMS_END.search(key, fields.end())
        items_end = stop.start() if stop else len(key)
        return (fields.end(), items_end) if _enumerates(key, fields.end(), items_end, 2) else None
    first = _TWO_SHORT_ITEMS.match(key, at) if plural else None
    # "Các nghi thức cúng ba ngày, bảy ngày, bốn chín ngày, …"; not "các sông ở A, B, C" (a qualifier)
    if first is not None and first.group(1).split()[0] not in V.STOPWORDS:
        stop = _ITEMS_END.search(key, first.start(1))
        return first.start(1), stop.start() if stop else len(key)
    return None


def items_after_noun(question: QuestionAnalysis, text: str, start: int, end: int) -> tuple[int, int] | None:
    """The items a sentence lists right after the question's list noun without a colon ("đồng bộ 3 trụ cột chống
    dịch là xét nghiệm, cách ly, điều trị; …" for "những trụ cột nào"; "… như A; B; C", "(Ví dụ: A, B, C)", a quoted
    "“A, B, C”", "về A, B, C", or short items right after the noun, :func:`_items_after`), when they enumerate (a
    comma, "và", "hoặc"); None otherwise.

    >>> from retriever.qa.question import analyze_question
    >>> t = "nhất là đồng bộ 3 trụ cột chống dịch là xét nghiệm, cách ly, điều trị; tăng cường kiểm tra"
    >>> s, e = items_after_noun(analyze_question("Chống dịch theo những trụ cột nào?"), t, 0, len(t))
    >>> t[s:e]
    'xét nghiệm, cách ly, điều trị'
    >>> items_after_noun(analyze_question("Chống dịch theo những trụ cột nào?"), "trụ cột là xét nghiệm.", 0, 22) is None
    True
    """
    noun = question.list_noun or ((_item_head(question),) if _item_head(question) else ())
    key = match_key(text[start:end])
    if not noun or len(key) != end - start:
        return None
    for found in re.finditer(r"(?<!\w)" + r"\s+".join(noun) + r"(?!\w)", key):
        items = _items_after(key, found.end(), plural=bool(_PLURAL.search(key, 0, found.start())))
        if items is not None:
            s, e = items
            while e > s and key[e - 1] in " \t\n*,;":
                e -= 1
            return start + s, start + e
    return None


def label_family(text: str) -> str:
    """The family of the label ``text`` opens with: "-" (a bullet, any dash or sign), "a)" (a letter), "1." (a number,
    "1.2."), "(1)", "I." (a roman numeral), or "" when it has none.

    >>> [label_family(t) for t in ("- Huân chương", "b) Tiêu chuẩn", "2. Thi đua", "(3) Kết quả", "II. NỘI DUNG", "Xã")]
    ['-', 'a)', '1.', '(1)', 'I.', '']
    """
    label = _LABEL.match(text)
    if not label:
        return ""
    mark = label.group(0).strip()
    if mark[0] in "-+•*–":
        return "-"
    if mark.startswith("("):
        return "(1)"
    if mark.endswith(")"):
        return "a)"
    return "1." if mark[0].isdigit() else "I."


def _label_value(text: str) -> int | None:
    """The rank of the letter or number ``text``'s label gives ("b)" → 2, "11." → 11), None for others."""
    label = _LABEL.match(text)
    mark = label.group(0).strip() if label else ""
    if re.fullmatch(r"[a-zđ]\)", mark):
        return "abcdđefghijklmnopqrstuvwxyz".index(mark[0]) + 1
    number = re.match(r"\(?(\d+)", mark)
    return int(number.group(1)) if number else None


def _next_label(heading: str, point: str) -> bool:
    """Whether ``point`` opens the heading's next sibling: a label of the heading's family ranking right after it
    ("b)" after "a)", "11." after "10."; a bullet after a bullet), not the first of its own points ("1." under "10.").

    >>> _next_label("a) Hình thức khen thưởng", "b) Tiêu chuẩn"), _next_label("10. Khuyến khích", "1. Các nghi thức")
    (True, False)
    """
    if label_family(point) != label_family(heading):
        return False
    mine, theirs = _label_value(heading), _label_value(point)
    return mine is None or theirs is None or theirs == mine + 1


_ASIDE = re.compile(r"\s*\((?:sau đây|dưới đây|gọi tắt)[^()]*\)", re.IGNORECASE)
_SIBLINGS_BACK = 30  # points walked back over to the heading of the list a point belongs to
_GAP = 3  # at most blank space between two points of one list


def list_heading(unit: Unit, context: Context) -> tuple[int, int] | None:
    """The heading of the list the point ``unit`` belongs to, as a clerk finds it: walk back over the points of
    the same label family ranking one before the other ("3." ← "2." ← "1.") to the line they hang from ("Đối
    tượng áp dụng", "… gồm:"); (start, end) of that line, or None when ``unit`` is no item (no point, or a point
    that does not end as an item does, with "." or ";") or the line before its first sibling is a sentence (it
    ends with "." — a paragraph, not a heading)."""
    text = context.text(unit.doc_id)
    doc = context.units.documents[unit.doc_id]
    at = bisect.bisect_left(doc.starts, unit.start)
    if at >= len(doc.spans) or doc.spans[at][0] != unit.start:
        return None
    point = text[unit.start:unit.end]
    if label_family(point) not in ("1.", "a)", "(1)") or point.strip().rstrip("*").rstrip()[-1:] not in (".", ";"):
        return None  # no point, or a heading itself ("d) Đối với các doanh nghiệp"): what it heads is read below it
    for _ in range(_SIBLINGS_BACK):
        if at == 0:
            return None
        previous = doc.spans[at - 1]
        if text[previous[1]:doc.spans[at][0]].strip(" \t\n*"):
            return None
        before = text[previous[0]:previous[1]]
        if not _next_label(before, point):
            line = before.strip().rstrip("*").rstrip()
            if not line or line[-1] in ".;!?" or len(line) > _HEADING_CHARS or label_family(line) == label_family(point):
                return None
            return previous
        at, point = at - 1, before
    return None


# w85: items labelled inside one sentence ("các báo cáo: (i) Báo cáo tình hình …; (ii) Báo cáo xử lý …; (iii) …",
# "05 chức năng chính: **(i)** Lưu trữ …; **(ii)** Định danh …"): a roman or arabic number in parentheses.
_INLINE_LABEL = re.compile(r"\**\((i{1,3}|iv|v|vi{0,3}|ix|x|\d{1,2})\)\**\s*")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}


def inline_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each item of an inline enumeration in ``text[start:end]``: labels (i), (ii), … or (1), (2), …
    counting up from one, at least two; the last item ends at the sentence's end or the clause's stop.

    >>> t = "hoàn thiện các báo cáo: (i) Báo cáo tình hình thực hiện; (ii) Báo cáo xử lý vướng mắc; (iii) Báo cáo khác."
    >>> [t[s:e] for s, e in inline_items(t, 0, len(t))]
    ['Báo cáo tình hình thực hiện', 'Báo cáo xử lý vướng mắc', 'Báo cáo khác']
    >>> inline_items("theo quy định tại điểm (1) khoản 2", 0, 34)
    []
    """
    labels = []
    for match in _INLINE_LABEL.finditer(text, start, end):
        value = _ROMAN.get(match.group(1)) or (int(match.group(1)) if match.group(1).isdigit() else None)
        if value == 1:
            labels = [match]
        elif labels and value == len(labels) + 1:
            labels.append(match)
    if len(labels) < 2:
        return []
    items = []
    for index, label in enumerate(labels):
        stop = labels[index + 1].start() if index + 1 < len(labels) else end
        if index + 1 == len(labels):
            tail = re.search(r"[;.](?:\s|$)", text[label.end():stop])
            stop = label.end() + tail.start() if tail else stop
        s, e = label.end(), stop
        while e > s and (text[e - 1].isspace() or text[e - 1] in ",;.:*"):
            e -= 1
        items.append((s, e))
    return items


def _item_shown(item: str, limit: int = _HEAD_CHARS) -> str:
    """An item by its head: up to its first ``:`` ``;`` ``.``, at most ``limit`` characters cut at a word."""
    head = " ".join(re.split(r"[:;.]\s", item, maxsplit=1)[0].split()).strip("* ")
    return _cut_head(head, limit)


def _cut_head(head: str, limit: int) -> str:
    return head if len(head) <= limit else head[:limit + 1].rsplit(" ", 1)[0].rstrip(",;: ")


_SHOWN_CHARS = 150  # an answer is at most this long
_MIN_HEAD_CHARS = 24  # an item named by fewer characters says too little of it


def shown_heads(heads: list[str]) -> str:
    """Items named by their heads, "; " between them, at most ``_SHOWN_CHARS`` long.  A list is answered by naming
    its items: when their heads do not fit whole, each is cut to its share of the answer (never under
    ``_MIN_HEAD_CHARS``) so that the answer names as many items as it can, not two items at length ("Các nghi thức
    cúng ba ngày, bảy ngày, bốn chín ngày, một; Thực hiện hình thức táng một lần …" of eight).

    >>> shown = shown_heads(["Các nghi thức cúng ba ngày, bảy ngày chỉ thực hiện trong ngày",
    ...                      "Thực hiện hình thức táng một lần vào khu vực nghĩa trang", "Không rắc vàng mã trên đường",
    ...                      "Sử dụng băng, đĩa nhạc thay cho ban nhạc lễ", "Xây dựng nghĩa trang thành công trình văn hóa"])
    >>> len(shown) <= 150, shown.count("; "), shown.split("; ")[2]
    (True, 4, 'Không rắc vàng mã trên đường')
    """
    heads = [h for h in heads if h]
    shown = "; ".join(heads)
    if len(shown) > _SHOWN_CHARS and heads:
        # the largest cap that lets every item fit: items shorter than it stay whole, the long ones give way
        room = _SHOWN_CHARS - 2 * (len(heads) - 1)
        share = next((c for c in range(max(len(h) for h in heads), _MIN_HEAD_CHARS - 1, -1)
                      if sum(min(len(h), c) for h in heads) <= room), _MIN_HEAD_CHARS)
        shown = "; ".join(_cut_head(h, share) for h in heads)
    if len(shown) > _SHOWN_CHARS:
        shown = shown[:_SHOWN_CHARS].rsplit(";", 1)[0]
    return shown


_SHARED_WORDS = 4  # an item opening with this many words of the item before it repeats that item's subject


def elided(heads: list[str]) -> list[str]:
    """``heads`` with the opening each shares with the item before it (``_SHARED_WORDS`` words or more) left out, as a
    clerk writes a list whose points repeat their subject ("Người đại diện theo pháp luật của doanh nghiệp, hợp tác xã
    vắng mặt …; … chết, mất tích …"): named once, on the first item; an item that is all opening stays whole.

    >>> elided(["Người đại diện của doanh nghiệp vắng mặt quá 30 ngày", "Người đại diện của doanh nghiệp chết, mất tích",
    ...         "Trường hợp khác do Thẩm phán quyết định"])[1:]
    ['chết, mất tích', 'Trường hợp khác do Thẩm phán quyết định']
    >>> elided(["Báo cáo tình hình thực hiện", "Báo cáo xử lý vướng mắc"])  # a shared noun is no repeated subject
    ['Báo cáo tình hình thực hiện', 'Báo cáo xử lý vướng mắc']
    """
    shown = heads[:1]
    for before, head in itertools.pairwise(heads):
        words, previous = head.split(), before.split()
        bare = [w.strip(",;:").lower() for w in words]  # "doanh nghiệp," and "doanh nghiệp" open alike
        shared = next((i for i, w in enumerate(previous[:len(words)]) if w.strip(",;:").lower() != bare[i]),
                      min(len(words), len(previous)))
        rest = " ".join(words[shared:]).lstrip(",;: ")
        shown.append(rest if shared >= _SHARED_WORDS and rest else head)
    return shown


def named_items(heads: list[str], elide: bool = True) -> str:
    """Items named by their heads (:func:`shown_heads`), each at most ``_HEAD_CHARS`` long; when they do not fit the
    answer whole, the openings items repeat from the item before them are left out first (:func:`elided`; ``elide``
    is ``QASettings.list_elide_shared_openings``): the words that tell the items apart are what must fit."""
    cut = [_cut_head(h, _HEAD_CHARS) for h in heads]
    if elide and len("; ".join(h for h in cut if h)) > _SHOWN_CHARS:
        cut = [_cut_head(h, _HEAD_CHARS) for h in elided(heads)]
    return shown_heads(cut)


def _compact(items: str) -> str:
    """Items on one line, at most ``_SHOWN_CHARS`` long, cut after a whole item (at ``;`` or ``,``) when one fits.

    >>> _compact("lịch sử, văn hóa,\\nphong tục")
    'lịch sử, văn hóa, phong tục'
    """
    shown = " ".join(items.split())
    if len(shown) <= _SHOWN_CHARS:
        return shown
    head = shown[:_SHOWN_CHARS]
    for separator in (";", ","):
        if separator in head:
            return head.rsplit(separator, 1)[0]
    return head.rsplit(" ", 1)[0]


_ITEM_GAP = re.compile(r"[^,;.:]{0,60}?(?:,\s*|\s+(?:và|hoặc)\s+)$")  # from one item to the next: "Ba, ", "X) và "
_NAME_AFTER = re.compile(r"(?:\s+(?:[A-ZĐÀ-Ỹ0-9][\w-]*))+(?:\s*\([^()]{0,60}\))?")


def repeated_run(body: str, noun: tuple[str, ...]) -> tuple[int, int] | None:
    """Where the enumeration of ``body`` that prints ``noun`` (match_key words) before each item runs: from the first
    item followed by another one ("sông Ba, sông Kôn", "dự án casino Phú Quốc (…), dự án casino Vân Đồn (…) và dự án
    casino Hồ Tràm") to the end of the last item's name (its capitalised words and an aside after them), or to the
    next punctuation when no name follows; None when no item is followed by another.

    >>> b = "Tại khu vực còn mưa to, lũ trên sông Ba, sông Kôn vẫn duy trì ở mức rất cao."
    >>> b[slice(*repeated_run(b, ("song",)))]
    'sông Ba, sông Kôn'
    """
    key = match_key(body)
    if len(key) != len(body) or not noun:
        return None
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(noun) + r"(?!\w)")
    places = [m for m in pattern.finditer(key)]
    first = None
    last = None
    for before, after in itertools.pairwise(places):
        if _ITEM_GAP.fullmatch(body, before.end(), after.start()):
            first = first if first is not None else before
            last = after
        elif first is not None:
            break
    if first is None:
        return None
    name = _NAME_AFTER.match(body, last.end())
    if name:
        return first.start(), name.end()
    stop = re.compile(r"[,;.:(]").search(body, last.end())
    return first.start(), stop.start() if stop else len(body)


class ListExtractor:
    kinds = (QuestionKind.LIST,)

    def extract(self, question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None:
        text = context.text(unit.doc_id)
        body = text[unit.start:unit.end]
        every = named_places(question, text, unit.start, unit.end)
        places = [(s, e) for s, e, own in every if not own]
        if len(places) >= 2:  # "… của phường A, phường B và xã C thành phường mới …"
            start, end = places[0][0], places[-1][1]
            shown = " ".join(text[start:end].split())
            if len(shown) > 150:
                shown = "; ".join(" ".join(text[s:e].split()) for s, e in places)[:150].rsplit(";", 1)[0]
            score = 0.5 + 0.5 * local_overlap(context.weights, body) + 0.1 * min(len(places), 4)
            if any(own for _, _, own in every[:-1]) and not every[-1][2]:
                score -= _COUNT_PENALTY  # the question's place is one of the items, not what they make up
            return Span(start, end, score, shown)
        # "… các yếu tố đặc thù về lịch sử, văn hóa, …": the asked noun names its items — unless the sentence ends
        # with a colon: its items follow it, and words listed before it qualify its noun ("Các tổ chức hành chính
        # ở xã, phường, đặc khu …, gồm:")
        named = items_after_noun(question, text, unit.start, unit.end) \
            if not body.rstrip(" \t\n*_").endswith(":") else None
        if named is not None:
            return Span(*named, 0.5 + _NOUN_BONUS + 0.5 * local_overlap(context.weights, body),
                        _compact(text[named[0]:named[1]]))
        lead = None
        for match in _LEAD_IN.finditer(body):
            if match.start() > 3:
                lead = match
        inline = inline_items(text, unit.start, unit.end)
        if inline:  # "… hoàn thiện các báo cáo: (i) Báo cáo …; (ii) Báo cáo …; (iii) …": the labelled items answer
            before = [m for m in _LEAD_IN.finditer(body) if m.start() > 3 and unit.start + m.end() <= inline[0][0]]
            gap = body[before[-1].end():inline[0][0] - unit.start] if before else ""
            if before and _INLINE_LABEL.fullmatch(gap.lstrip()):
                return self._inline_span(question, text, unit, before[-1], inline, context)
        if lead is None:
            return self.enclosing_items(question, unit, context) or self._repeated_noun(question, unit, context)
        score = 0.3 + 0.5 * local_overlap(context.weights, body[:lead.start()])
        if question.list_noun and _ends_with(syllables(body[max(0, lead.start() - 60):lead.start()]), question.list_noun,
                                             slack=2):
            score += _NOUN_BONUS  # "… một số nội dung sau:" for "những nội dung gì"
        named = bool(_NAMED_LEAD.search(lead.group(0)))
        if not named:
            score -= 0.3  # a bare colon ("Sở Y tế: …") is a weaker sign of an enumeration
        inline = body[lead.end():].strip()
        if asked_places(question) and _PLACE_COUNT.match(body, lead.end()):
            score -= _COUNT_PENALTY  # "những xã nào" is not answered by "gồm 55 xã và 09 phường"
        if len(inline) >= 3:  # items on the same line
            if not named and not re.search(r"[,;]", inline):
                return None
            start = unit.start + lead.end() + (len(body[lead.end():]) - len(body[lead.end():].lstrip()))
            end = unit.end
            while end > start and text[end - 1] in " .;:":
                end -= 1
            shown = text[start:end]
            # the closing ";" of a point ("…, bao gồm chi phí phát sinh trong trường hợp quá cảnh;") separates nothing
            several = re.search(r"[,;]", inline.rstrip(" .;:"))
            return Span(start, end, score + (0.2 if several else 0.0),
                        shown if len(shown) <= 150 else shown[:150].rsplit(" ", 1)[0])
        # Items as the following points.
        return self.following_items(unit, context, score + 0.2)

    @staticmethod
    def _inline_span(question: QuestionAnalysis, text: str, unit: Unit, lead: re.Match,
                     items: list[tuple[int, int]], context: Context) -> Span:
        """The items of an inline labelled enumeration after ``lead``, each by its head (as points are shown)."""
        body = text[unit.start:unit.end]
        score = 0.5 + 0.5 * local_overlap(context.weights, body[:lead.start()])
        if question.list_noun and _ends_with(syllables(body[max(0, lead.start() - 60):lead.start()]), question.list_noun,
                                             slack=2):
            score += _NOUN_BONUS
        shown = named_items([_item_shown(text[s:e], limit=len(text[s:e])) for s, e in items],
                             context.settings.list_elide_shared_openings)
        return Span(items[0][0], items[-1][1], score, shown)

    @staticmethod
    def following_items(unit: Unit, context: Context, score: float, sibling: str = "") -> Span | None:
        """The labelled points right after ``unit`` ("a) …", "- …") as the answer: the head of each item (up to its
        first ``:`` ``;`` ``.``, at most 60 characters cut at a word), quoted with ``unit``; None when no point
        follows.  ``sibling``: the label family of a heading (:func:`label_family`) — a point of that family is the
        next heading, where the items end."""
        text = context.text(unit.doc_id)
        items: list[tuple[int, int]] = []
        cursor = unit
        position = unit.end
        while len(items) < context.settings.max_list_items:
            span = context.units.next_unit(cursor if not items else Unit(unit.doc_id, items[-1][0], items[-1][1], -1,
                                                                           "", ""))
            # only blank space or a bold mark ("**a) Hình thức khen thưởng**") between the point and what precedes
            if span is None or text[position:span[0]].strip(" \t\n*") or not _LABEL.match(text[span[0]:span[1]]):
                break
            if sibling and _next_label(sibling, text[span[0]:span[1]]):
                break  # "b) Tiêu chuẩn khen thưởng" after the points of "a) Hình thức khen thưởng"
            if items and label_family(text[span[0]:span[1]]) != label_family(text[items[0][0]:items[0][1]]):
                break  # the list's items share its first item's label: "4." after "a) … d)" is the next clause
            items.append(span)
            position = span[1]
        if not items:
            return None
        heads = []
        for s, e in items:
            item = _ASIDE.sub("", _LABEL.sub("", text[s:e], count=1))  # "(sau đây gọi là …)" names, lists nothing
            head = " ".join(re.split(r"[:;.]", item, maxsplit=1)[0].split())
            heads.append(head)
        shown = named_items(heads, context.settings.list_elide_shared_openings)
        return Span(items[0][0], items[-1][1], score, shown, quote_start=unit.start, quote_end=items[-1][1])

    def heading_items(self, question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None:
        """A heading the question restates ("a) Hình thức khen thưởng" for "có những hình thức khen thưởng
        nào?", "3. Thông tin về thi tuyển …; tuyển dụng công chức, viên chức" for "bảo vệ những thông tin gì liên
        quan đến kỳ tuyển dụng công chức, viên chức?"): a unit with no sentence end whose content words the question
        prints (all but ``_HEADING_NOVELTY`` of them) — what it heads is the answer, the points right after it."""
        text = context.text(unit.doc_id)
        body = text[unit.start:unit.end].strip().rstrip("*").rstrip()
        if not body or body[-1] in ".;:!?" or len(body) > _HEADING_CHARS:
            return None
        words = [w for w in syllables(_LABEL.sub("", body, count=1)) if w not in V.STOPWORDS]
        asked = set(question.syllables)
        if not words or sum(1 for w in words if w not in asked) > _HEADING_NOVELTY * len(words):
            return None
        return self.following_items(unit, context, 0.5, sibling=body.lstrip("*").lstrip())

    def enclosing_items(self, question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None:
        """A point whose list's heading the question restates ("3. Cơ quan đăng ký kinh doanh." under "Đối tượng
        áp dụng" for "áp dụng cho những đối tượng nào?"): the question asks the whole list, read from its heading
        (:func:`list_heading`) as :meth:`heading_items` reads it; None otherwise."""
        if question.kind is not QuestionKind.LIST:
            return None
        heading = list_heading(unit, context)
        if heading is None:
            return None
        head = Unit(unit.doc_id, heading[0], heading[1], unit.chunk_row, unit.heading, unit.section)
        return self.lead_items(question, head, context) or self.heading_items(question, head, context)

    def lead_items(self, question: QuestionAnalysis, lead: Unit, context: Context) -> Span | None:
        """The points a lead sentence introduces with its colon ("3. Các tổ chức hành chính ở … cấp xã, gồm:", "…
        các cơ quan sau:"), read as the lead itself is read (:meth:`extract`); None when ``lead`` does not end with
        a colon or no point follows."""
        line = context.text(lead.doc_id)[lead.start:lead.end].strip().rstrip("*_").rstrip()
        if not line.endswith(":"):
            return None
        found = self.extract(question, lead, context)
        return found if found is not None and found.quote_end is not None else None

    def enumeration(self, question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None:
        """The list ``unit`` belongs to when the question asks what something is made of ("… gồm những tổ chức
        nào?", :func:`verb_leads_items`): the points after ``unit`` when it is their lead, or the points of the list
        whose lead ``unit`` is an item of; None otherwise."""
        if not _ASKED_VERB.search(question.key):
            return None
        own = self.lead_items(question, unit, context)
        if own is not None:
            return own
        heading = list_heading(unit, context)
        if heading is None:
            return None
        return self.lead_items(question, Unit(unit.doc_id, heading[0], heading[1], unit.chunk_row, unit.heading,
                                              unit.section), context)

    @staticmethod
    def _repeated_noun(question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None:
        """No lead-in, but the sentence names the asked noun for each item ("dự án casino A, dự án casino B và
        dự án casino C"): the sentence is the enumeration."""
        noun = question.list_noun
        text = context.text(unit.doc_id)
        body = text[unit.start:unit.end]
        words = syllables(body)
        count = sum(1 for i in range(len(words) - len(noun) + 1) if tuple(words[i:i + len(noun)]) == noun) if noun else 0
        bonus = 0.0
        if count < 2:
            head = _item_head(question) if not noun else ""  # (a noun of several words reads alone)
            if not head or not re.search(rf"\b{head}\b[^,;.:]{{1,60}}?(?:[,;]|\bva\b)\s*{head}\b", match_key(body)):
                return None
            bonus = _ITEMS_BONUS  # "giấy chứng sinh, giấy chứng tử, giấy khám sức khoẻ …" for "những loại giấy tờ nào"
        label = _LABEL.match(body)
        start = unit.start + (label.end() if label else 0)
        end = unit.end
        run = repeated_run(body, noun) if count >= 2 else None
        if count >= 2 and run is None and context.settings.list_lone_mention_as_clause:
            from retriever.qa.clauses import (  # (clauses imports the extractors)
                answer_frame,
                clause_window,
            )

            s, e = clause_window(text, start, end, context.weights, _SHOWN_CHARS, frame=answer_frame(question.key))
            return Span(s, e, 0.2 - context.settings.list_lone_mention_penalty + 0.5 * local_overlap(context.weights, body),
                        " ".join(text[s:e].split()))
        if run is not None:  # "… lũ trên sông Ba, sông Kôn vẫn duy trì …": the items, not the sentence's opening
            start, end = unit.start + run[0], unit.start + run[1]
        while end > start and text[end - 1] in " .;:,":
            end -= 1
        shown = " ".join(text[start:end].split())
        if len(shown) > 150:
            shown = shown[:150].rsplit(",", 1)[0]
        return Span(start, end, 0.2 + bonus + 0.5 * local_overlap(context.weights, body), shown)

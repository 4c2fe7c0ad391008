"""Where dates, periods and ranges are printed: the date patterns and every date of a text, periods printed
whole ("từ ngày 01/7/2024 đến hết ngày 31/12/2024", "giai đoạn 2021 - 2025"), periods whose ends are events, the whole
range a date is one end of, weekdays and holidays that answer like dates, times told by an event ("từ tháng tiếp
theo").
"""

from __future__ import annotations

import re
from itertools import pairwise

from retriever.qa import vocabulary as V
from retriever.qa.question import QuestionAnalysis

DATE_PATTERNS = tuple(re.compile(p, re.IGNORECASE) for p in V.DATE_PATTERNS)

# A weekday that recurs ("vào thứ Sáu hàng tuần", "Chủ nhật hằng tuần") and a holiday ("trước Tết Nguyên đán năm 2026")
_WEEKDAY = re.compile(r"(?:(?:vào|trước|ngày)\s+)?(?:thứ\s+(?:[Hh]ai|[Bb]a|[Tt]ư|[Nn]ăm|[Ss]áu|[Bb]ảy)|[Cc]hủ\s+nhật)"
                      r"(?:\s+(?:hàng|hằng|mỗi)\s+tuần)?(?!\w)")
_HOLIDAY = re.compile(r"(?:(?:trước|trong|sau)\s+)?(?:dịp\s+)?(?:[Tt]ết\s+(?:[Nn]guyên\s+[Đđ]án|[Dd]ương\s+lịch)|[Tt]ết)"
                      r"(?:\s+(?:năm\s+)?(?:\d{4}|[A-ZĐ]\w+\s+[A-ZĐ]\w+))?(?!\w)")
# A date as one end of a range: "từ ngày 01/7/2024 đến hết ngày 31/12/2024".
_RANGE_FROM = re.compile(r"(?:từ|kể\s+từ|bắt\s+đầu\s+từ)\s+(?:ngày\s+)?[*_]*$", re.IGNORECASE)

_RANGE_JOIN = re.compile(r"\s*(?:,\s*)?(?:đến|tới|-|–)\s+(?:hết\s+)?(?:ngày\s+)?$", re.IGNORECASE)
_YEARS_PERIOD = re.compile(r"(?:giai\s+đoạn|thời\s+kỳ|từ\s+năm)\s+(?:19|20)\d\d\s*(?:[-–]|đến(?:\s+năm)?)\s*(?:19|20)\d\d",
                           re.IGNORECASE)

# A day named by its place in a period ("chậm nhất vào ngày cuối cùng của tháng", "ngày làm việc đầu tiên của quý
# tiếp theo"): a due day that recurs, printed in words (w63)
_RELATIVE_DAY = re.compile(r"(?<!\w)ngày\s+(?:làm\s+việc\s+)?(?:cuối\s+cùng|đầu\s+tiên)\s+(?:của\s+)?(?:tháng|quý|năm)"
                           r"(?:\s+(?:tiếp\s+theo|liền\s+kề|sau|trước|đó))?(?!\w)", re.IGNORECASE)
# A day of the year printed without its year ("chậm nhất ngày 31 tháng 12 phải thực hiện xong …"): it recurs
_DAY_OF_YEAR = re.compile(r"(?<![\w/])ngày\s+\d{1,2}\s*(?:/\s*\d{1,2}|\s+tháng\s+\d{1,2})(?![\d/])"
                          r"(?!\s*(?:,\s*)?(?:năm\s+)?\d)", re.IGNORECASE)


# A part of a year: "02 tháng cuối năm 2025", "06 tháng đầu năm", "những tháng cuối năm 2025" — copied whole, not as
# its bare year ("năm 2025" is the whole year; "06 tháng đầu năm" of the vocabulary's patterns is read first)
_PART_OF_YEAR = re.compile(r"(?<![\w/])(?:\d{1,2}|những|các|hai|ba|sáu|chín)\s+tháng\s+(?:đầu|cuối)\s+năm"
                           r"(?:\s+\d{4}(?![\w/-]))?(?!\w)", re.IGNORECASE)


# A year printed bare as a horizon, without "năm": "tiếp tục kéo dài đến 2035" (tvpl_005), "Tầm nhìn đến 2045" (tvpl_036),
# "… đến 2025" (congbao_047): read as "năm 2035" is (w124). Not a range's first end ("2021 - 2025": the period's), nor a
# date's or an act number's year ("12/12/2025", "45/2025/…").
_HORIZON_YEAR = re.compile(r"(?:(?<=[Đđ]ến\s)|(?<=[Tt]ới\s))(?:19|20)\d\d(?![\w/]|[.,]\d|\s*[-–]\s*\d)")


def find_dates(body: str) -> list[tuple[int, int, int]]:
    r"""(pattern rank, start, end) of dates in ``body``, overlapping matches dropped.

    >>> body = "chậm nhất vào ngày cuối\ncùng của tháng phải chuyển đủ số tiền"
    >>> [body[s:e] for _, s, e in find_dates(body)]
    ['ngày cuối\ncùng của tháng']
    >>> body = "Chậm nhất ngày 31 tháng 12 phải chuyển xong; từ ngày 01/7/2025 đến ngày 10 và 11/12/2025"
    >>> [body[s:e] for _, s, e in find_dates(body)]
    ['ngày 01/7/2025', '11/12/2025', 'ngày 31 tháng 12']
    >>> body = "thực hiện trong 02\ntháng cuối năm 2025 và những tháng đầu năm 2026; kết quả năm 2025"
    >>> [body[s:e] for _, s, e in find_dates(body)]
    ['02\ntháng cuối năm 2025', 'những tháng đầu năm 2026', 'năm 2025']
    >>> body = "chỉ thực hiện đến năm 2030 thì tiếp tục kéo dài đến 2035, tăng cường; giai đoạn 2021 - 2025"
    >>> [body[s:e] for _, s, e in find_dates(body)]
    ['năm 2030', '2035']
    """
    found: list[tuple[int, int, int]] = []
    for rank, pattern in enumerate((_PART_OF_YEAR, *DATE_PATTERNS, _RELATIVE_DAY, _DAY_OF_YEAR, _HORIZON_YEAR)):
        for match in pattern.finditer(body):
            if any(s <= match.start() < e or s < match.end() <= e for _, s, e in found):
                continue
            found.append((rank, match.start(), match.end()))
    return found


def recurring_spans(question: QuestionAnalysis, body: str) -> list[tuple[int, int, float]]:
    """Weekdays (for "ngày nào trong tuần") and holidays ("trước dịp nào") that answer like dates, with a
    base score: "Chủ nhật hằng tuần", "trước Tết Nguyên đán năm 2026"."""
    spans = []
    if question.date_role == "weekday":
        for match in _WEEKDAY.finditer(body):
            if match.group(0)[:1].isupper() and not re.search(r"(?:hàng|hằng|mỗi)\s+tuần", match.group(0)):
                continue  # "Thứ hai, …" opening a sentence is "secondly"
            spans.append((match.start(), match.end(), 0.4))
    if question.date_role in ("due", "event") or re.search(r"\bdip\b", question.key):
        spans.extend((m.start(), m.end(), 0.3) for m in _HOLIDAY.finditer(body))
    return spans


def period_spans(body: str) -> list[tuple[int, int]]:
    """Periods printed whole: "từ ngày 01/7/2024 đến hết ngày 31/12/2024", "giai đoạn 2021 - 2025"."""
    dates = sorted(find_dates(body), key=lambda d: d[1])
    spans = []
    for (_, s1, e1), (_, s2, e2) in pairwise(dates):
        if s2 - e1 < 25 and _RANGE_JOIN.fullmatch(body[e1:s2]):
            opener = _RANGE_FROM.search(body[max(0, s1 - 20):s1])
            spans.append((s1 - (len(body[max(0, s1 - 20):s1]) - opener.start()) if opener else s1, e2))
    spans.extend((m.start(), m.end()) for m in _YEARS_PERIOD.finditer(body))
    return spans


# A period whose ends are events, not dates: "từ ngày ban hành Kế hoạch đến khi tổ chức thành công Đại hội …".
_EVENT_PERIOD = re.compile(r"(?<!\w)(?:[Kk]ể\s+)?[Tt]ừ\s+(?:ngày|khi|thời\s+điểm|lúc)\s+[^.;:\d]{3,60}?\s+(?:đến|tới)\s+"
                           r"(?:khi|ngày|hết|thời\s+điểm|lúc)\s+[^.;:]{3,70}?(?=\s*(?:[.;:,]|\n\s*\n|$))")


def event_period_spans(body: str) -> list[tuple[int, int]]:
    """Periods whose ends are events ("từ ngày ban hành Kế hoạch đến khi tổ chức thành công Đại hội …"), at most
    140 characters (a longer end is cut at its last word within the limit)."""
    spans = []
    for match in _EVENT_PERIOD.finditer(body):
        end = match.end()
        if end - match.start() > 140:
            end = body.rfind(" ", match.start(), match.start() + 140)
        spans.append((match.start(), end))
    return spans


# One end of a range printed short before the other's full date: "từ ngày 10 đến ngày 12/12/2025", "ngày 10-12/12/2025",
# "từ tháng 10 đến tháng 12 năm 2025", "ngày 10 và 11/12/2025", "từ ngày 15 tháng 11 đến ngày 15 tháng 12 hằng năm"
# (opened by "ngày" or "tháng", not the month of a date: "15 tháng 11").
_SHORT_FIRST_END = re.compile(r"(?:(?:[Tt]ừ|[Kk]ể\s+từ)\s+)?(?:[Nn]gày\s+\d{1,2}(?:\s*/\s*\d{1,2}|\s+tháng\s+\d{1,2})?"
                              r"|(?<!\d\s)[Tt]háng\s+\d{1,2}|[Qq]uý\s+(?:[1-4]|IV|I{1,3}))\s*(?:-|–|đến|tới|và)\s*(?:hết\s+)?(?:(?:ngày|tháng)\s+)?[*_]*$")
_FULL_FIRST_END = re.compile(r"(?:(?:[Tt]ừ|[Kk]ể\s+từ)\s+)?(?:ngày\s+)?$")


def range_of(body: str, start: int, end: int, dates: list[tuple[int, int, int]]) -> tuple[int, int]:
    """The whole range a date printed at ``start``…``end`` is one end of ("từ ngày 10 đến ngày 12/12/2025", "từ
    ngày 01/7/2024 đến hết ngày 31/12/2024", "từ tháng 10 đến tháng 12 năm 2025"), else the date itself: a clerk
    asked when something takes place copies the period as printed. ``dates`` are the body's dates (find_dates).

    >>> body = "Hội nghị được tổ chức từ ngày 10 đến ngày 12/12/2025 tại Hà Nội."
    >>> s, e = range_of(body, body.index("12/12"), body.index(" tại"), find_dates(body)); body[s:e]
    'từ ngày 10 đến ngày 12/12/2025'
    >>> body = "áp dụng từ ngày 01/7/2024 đến hết ngày 31/12/2024."
    >>> s, e = range_of(body, body.index("ngày 01"), body.index(" đến"), find_dates(body)); body[s:e]
    'từ ngày 01/7/2024 đến hết ngày 31/12/2024'
    >>> body = "triển khai trong Quý III và Quý IV năm 2025."
    >>> s, e = range_of(body, body.index("Quý IV"), body.index("."), find_dates(body)); body[s:e]
    'Quý III và Quý IV năm 2025'
    >>> body = "Điều 5 và 12/12/2025"
    >>> range_of(body, 10, len(body), find_dates(body))
    (10, 20)
    """
    for _, s2, e2 in dates:  # the date opens a range whose other end is a full date
        if s2 >= end and s2 - end < 25 and _RANGE_JOIN.fullmatch(body[end:s2]):
            opener = _RANGE_FROM.search(body[max(0, start - 20):start])
            first = start - (len(body[max(0, start - 20):start]) - opener.start()) if opener else start
            return first, e2
        if s2 >= end and s2 - end < 25:  # … or is the short first end of the next date's range ("Quý III và Quý IV …")
            first, last = _closing_range(body, s2, e2, dates)
            if first <= start:
                return first, last
    return _closing_range(body, start, end, dates)


def _closing_range(body: str, start: int, end: int, dates: list[tuple[int, int, int]]) -> tuple[int, int]:
    """The range the date at ``start``…``end`` closes (its first end before it, full or short), else the date."""
    for _, s1, e1 in dates:  # the date closes a range whose first end is a full date
        if e1 <= start and start - e1 < 25 and _RANGE_JOIN.fullmatch(body[e1:start]):
            lead = _FULL_FIRST_END.search(body[max(0, s1 - 12):s1])
            first = s1 - (len(body[max(0, s1 - 12):s1]) - lead.start()) if lead and lead.group(0).strip() else s1
            return first, end
    short = _SHORT_FIRST_END.search(body[max(0, start - 40):start])
    if short:  # the first end printed short: a day or a month of the same date
        return start - (len(body[max(0, start - 40):start]) - short.start()), end
    return start, end


def _date_text(body: str, at: int) -> str:
    for pattern in DATE_PATTERNS:
        match = pattern.match(body, at)
        if match:
            return match.group(0)
    return ""


# A time told by an event, not a date: "thôi hưởng từ tháng tiếp theo", "giảm thẻ từ sau tháng thôi phục vụ",
# "lấy ý kiến … trước khi gửi cơ quan có thẩm quyền thẩm định", "cùng thời điểm trả lương", "kể từ ngày ký".  It runs
# to its clause's end or to the duty it times ("sau khi đốt xong | phải dập tắt …"); a date after "từ ngày" is a date.
_EVENT_TIME = re.compile(r"(?<!\w)(?:(?:[Kk]ể\s+)?[Tt]ừ\s+(?:sau\s+)?(?:khi|ngày|tháng|năm|quý|kỳ|thời\s+điểm)"
                         r"|(?:[Nn]gay\s+)?(?:[Tt]rước|[Ss]au)\s+khi|[Cc]ùng\s+(?:thời\s+điểm|lúc|với\s+thời\s+điểm))"
                         r"\s+(?!\d|\s)[^.;:!?()]{2,80}?(?=\s*(?:[.;:,!?()]|\n\s*\n|$)|\s+(?:phải|thì|để|nhằm)\s)")
# the question asks a time it may be told so: "từ khi nào", "từ thời điểm nào", "vào lúc nào", "thời điểm nào trong tháng"
_ASKS_EVENT_TIME = re.compile(r"\b(?:khi nao|thoi diem nao|luc nao)\b")


def event_time_spans(question: QuestionAnalysis, body: str) -> list[tuple[int, int]]:
    """Times told by an event ("từ tháng tiếp theo", "trước khi gửi cơ quan có thẩm quyền thẩm định") for a question
    asking "khi nào / thời điểm nào / lúc nào"; a start question ("từ khi nào") takes only a start ("từ …").

    >>> from retriever.qa.question import analyze_question
    >>> q = analyze_question("Người hưởng trợ cấp từ trần thì dừng chi trợ cấp từ khi nào?")
    >>> body = "Người được hưởng trợ cấp hàng tháng từ trần thì\\nthôi hưởng từ tháng tiếp theo; thân nhân được trợ cấp"
    >>> [body[s:e] for s, e in event_time_spans(q, body)]
    ['từ tháng tiếp theo']
    >>> body = "gửi hồ sơ để lấy ý kiến trước khi gửi cơ quan có thẩm quyền thẩm định.\\nHồ sơ gửi từ ngày 05/12/2025."
    >>> [body[s:e] for s, e in event_time_spans(analyze_question("Hồ sơ được lấy ý kiến vào lúc nào?"), body)]
    ['trước khi gửi cơ quan có thẩm quyền thẩm định']
    >>> event_time_spans(analyze_question("Hồ sơ được lấy ý kiến từ ngày nào?"), body)
    []
    """
    if not _ASKS_EVENT_TIME.search(question.key):
        return []
    spans = []
    for match in _EVENT_TIME.finditer(body):
        if question.date_role == "start" and not re.match(r"(?:[Kk]ể\s+)?[Tt]ừ", match.group(0)):
            continue
        spans.append((match.start(), match.end()))
    return spans


# w143: a window of months in any year ("Thời gian thực hiện: Từ tháng 3 đến tháng 11 hàng năm", "tháng 5 đến tháng 8
# tần suất quan trắc 04 đợt/tháng"): the season a recurring task is done in, printed without a year (a month printed
# with its year is a date and is read by find_dates)
_NO_YEAR = r"(?!\s*(?:/|năm)\s*\d)"
_MONTH_WINDOW = re.compile(rf"(?<!\w)(?:[Tt]ừ\s+)?[Tt]háng\s+\d{{1,2}}{_NO_YEAR}\s*(?:đến|tới|-|–)\s*(?:hết\s+)?tháng\s+\d{{1,2}}"
                           rf"{_NO_YEAR}(?:\s+(?:hàng|hằng)\s+năm)?(?![\w/])")


def month_window_spans(body: str) -> list[tuple[int, int]]:
    """Windows of months printed without a year.

    >>> body = "a. Thời gian thực hiện: Từ tháng 3 đến tháng 11 hàng năm; từ tháng 10 năm 2025 đến tháng 3 năm 2026"
    >>> [body[s:e] for s, e in month_window_spans(body)]
    ['Từ tháng 3 đến tháng 11 hàng năm']
    """
    return [(m.start(), m.end()) for m in _MONTH_WINDOW.finditer(body)]

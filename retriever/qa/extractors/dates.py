"""Dates, quarters and deadlines; when an act takes effect; time limits.

``EffectiveDateExtractor`` reads "… có hiệu lực (thi hành) (kể) từ …": the date printed
after it, or — for "kể từ ngày ký / ban hành" — the document's own signing date (quoted
from its date line as well).  It is never the signing date otherwise.
``DeadlineExtractor`` reads durations ("trong thời hạn 15 ngày làm việc kể từ …") and due
dates ("trước ngày 15/12/2025", "chậm nhất ngày …").
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from corpus.vietnamese import match_key
from retriever.qa import vocabulary as V
from retriever.qa.extractors import figures as F
from retriever.qa.extractors.base import Context
from retriever.qa.extractors.numbers import _contrasted, _own_after, bound_fit
from retriever.qa.model import Span, Unit, UnitKind
from retriever.qa.question import QuestionAnalysis, QuestionKind, citing_clause
from retriever.qa.scoring import local_overlap, proximity, syllables

DATE_PATTERNS = tuple(re.compile(p, re.IGNORECASE) for p in V.DATE_PATTERNS)
_DEADLINE_CUE = re.compile(V.DEADLINE_CUE, re.IGNORECASE)
_TIME = re.compile(V.TIME_PATTERN)
_OWN_DATE_PENALTY = -0.6
# the number of a cited act right before a date: "72/2024/NĐ-CP ngày", "66-NQ/TW NGÀY" (a heading in capitals)
_CITED_ACT_BEFORE = re.compile(r"\d+(?:/\d{4})?[/-][A-ZĐ][\w-]*(?:/[\w-]+)?\s*,?\s*(?:(?:ngày|NGÀY)\s*)?$")
_EFFECTIVE = re.compile(V.EFFECTIVE_PHRASE, re.IGNORECASE)
_SIGNING = re.compile(r"(?:ngày\s+ký|ngày\s+ban\s+hành)(?:\s+ban\s+hành)?", re.IGNORECASE)
_THIS_ACT = re.compile(r"(?:Quyết định|Thông tư|Nghị định|Nghị quyết|Chỉ thị|Kế hoạch|Luật|Văn bản|Quy định|Quy chế"
                       r"|Thông tư liên tịch|Hướng dẫn)\s+này\s*(?:\([^)]*\)\s*)?$", re.IGNORECASE)
# The end of an act's effect printed after its start ("… đến hết ngày 31/12/2026"); group 1 is the date.
_UNTIL = re.compile(r"\s*(?:,\s*)?(?:đến|tới)\s+(?:hết\s+)?((?:ngày\s+)?\d{1,2}\s*(?:/\s*\d{1,2}\s*/\s*\d{4}|tháng\s*\d{1,2}"
                    r"\s*,?\s+năm\s+\d{4}))", re.IGNORECASE)
# A weekday that recurs ("vào thứ Sáu hàng tuần", "Chủ nhật hằng tuần") and a holiday ("trước Tết Nguyên đán năm 2026")
_WEEKDAY = re.compile(r"(?:(?:vào|trước|ngày)\s+)?(?:thứ\s+(?:[Hh]ai|[Bb]a|[Tt]ư|[Nn]ăm|[Ss]áu|[Bb]ảy)|[Cc]hủ\s+nhật)"
                      r"(?:\s+(?:hàng|hằng|mỗi)\s+tuần)?(?!\w)")
_HOLIDAY = re.compile(r"(?:(?:trước|trong|sau)\s+)?(?:dịp\s+)?(?:[Tt]ết\s+(?:[Nn]guyên\s+[Đđ]án|[Dd]ương\s+lịch)|[Tt]ết)"
                      r"(?:\s+(?:năm\s+)?(?:\d{4}|[A-ZĐ]\w+\s+[A-ZĐ]\w+))?(?!\w)")
# A date as one end of a range: "từ ngày 01/7/2024 đến hết ngày 31/12/2024".
_RANGE_FROM = re.compile(r"(?:từ|kể\s+từ|bắt\s+đầu\s+từ)\s+(?:ngày\s+)?[*_]*$", re.IGNORECASE)
_RANGE_TO = re.compile(r"(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?[*_]*$", re.IGNORECASE)
_RANGE_JOIN = re.compile(r"\s*(?:,\s*)?(?:đến|tới|-|–)\s+(?:hết\s+)?(?:ngày\s+)?$", re.IGNORECASE)
_YEARS_PERIOD = re.compile(r"(?:giai\s+đoạn|thời\s+kỳ|từ\s+năm)\s+(?:19|20)\d\d\s*(?:[-–]|đến(?:\s+năm)?)\s*(?:19|20)\d\d",
                           re.IGNORECASE)
# An event's own date opens its sentence ("Ngày 28/11/2025, tại trụ sở …") or follows "vào".
_EVENT_BEFORE = re.compile(r"(?:^|\n)\s*[*_]*$|(?:vào|hôm)\s+(?:ngày\s+)?$", re.IGNORECASE)
# How often: "Định kỳ hàng tháng, quý, 6 tháng, 9 tháng, năm", "hằng quý", "06 tháng một lần".
_PERIOD_WORD = r"(?:\d+\s+)?(?:tháng|quý|năm|tuần|ngày)"
_FREQUENCY = re.compile(rf"(?:[Đđ]ịnh\s+kỳ\s+(?:(?:hàng|hằng|mỗi)\s+)?|(?:[Hh]àng|[Hh]ằng)\s+)"
                        rf"{_PERIOD_WORD}(?:\s*(?:,|và|hoặc)\s*(?:(?:hàng|hằng)\s+)?{_PERIOD_WORD}(?!\s*\d))*"
                        rf"|{_PERIOD_WORD}\s+(?:một|1)\s+lần")
_PART_OF_ACT = re.compile(r"(?:Điều|Khoản|khoản|điểm|Điểm|Chương)\s+\d", re.IGNORECASE)
# a time limit written in words: "mười lăm ngày", "hai mươi ngày", "ba mươi mốt ngày" before the single words
_NUMBER_WORDS = (r"(?:(?:hai|ba|bốn|năm|sáu|bảy|tám|chín)\s+mươi|mười)(?:\s+(?:một|mốt|hai|ba|bốn|tư|năm|lăm|sáu|bảy|tám|chín))?"
                 r"|" + "|".join(V.NUMBER_WORDS))
_DURATION_UNITS = V.DURATION_UNITS.replace(" ", r"\s+")  # "10 ngày làm\nviệc": a unit wrapped at a line end
_SPELLED = r"(?:\s*\([^()\d]{1,20}\))?"  # "15 (mười lăm) ngày làm việc": the figure spelled out
_DURATION = re.compile(
    rf"(?:(?:trong\s+(?:thời\s+hạn|vòng|thời\s+gian)|chậm\s+nhất(?:\s+là)?|tối\s+đa|không\s+(?:để\s+)?quá|sau|trước)\s+)"
    rf"((?:\d+{_SPELLED}|{_NUMBER_WORDS})\s+{_DURATION_UNITS})(?:\s+(?:kể\s+từ|từ)\s+[^.;,\n]{{3,60}})?", re.IGNORECASE)
_BARE_DURATION = re.compile(rf"(?<![\w/.,])((?:\d+{_SPELLED}|{_NUMBER_WORDS})\s+{_DURATION_UNITS})(?!\s*[/-]\s*\d)(?![\w])",
                            re.IGNORECASE)
_DUE = re.compile(r"(?:trước|chậm\s+nhất(?:\s+(?:là|vào))?|hạn\s+chót|đến\s+hết|trước\s+hoặc\s+trong)\s+"
                  r"(?:\d{1,2}(?::\d{2}|\s*giờ(?:\s*\d{1,2})?)\s+)?(?:ngày\s+)?[*_]*$", re.IGNORECASE)  # "**" of bold text
# "báo cáo … trong Quý I năm 2026", "trong tháng 12/2025": a quarter or a month is the window a task is due in
_DUE_WINDOW = re.compile(r"(?<!\w)trong\s+$", re.IGNORECASE)
_WINDOW_DATE = re.compile(r"(?:[Qq]uý|QUÝ|[Tt]háng|THÁNG)\s")
# A date right after an act's name is that act's date ("Luật Giám định tư pháp ngày 20/6/2012").
_ACT_NAME_BEFORE = re.compile(r"(?:Luật|Bộ luật|Nghị định|Nghị quyết|Quyết định|Thông tư|Chỉ thị|Pháp lệnh|Kế hoạch|Công văn"
                              r"|Văn bản)(?:\s+số)?\s+[^\n;:.()]{0,80}?\s*,?\s*(?:ngày\s+)?$")


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


def months_for_a_day(question: QuestionAnalysis, body: str, start: int) -> bool:
    """Whether a part of a year printed at ``start`` ("06 tháng cuối năm 2022") would answer a question asking a day
    ("được thông báo ngày nào"): months are no day.

    >>> from retriever.qa.question import analyze_question
    >>> body = "giải pháp 06 tháng cuối năm 2022"
    >>> months_for_a_day(analyze_question("Kết luận được thông báo ngày nào?"), body, body.index("06"))
    True
    >>> months_for_a_day(analyze_question("Giải pháp đề ra cho thời gian nào?"), body, body.index("06"))
    False
    """
    return bool(re.search(r"\bngay nao\b", question.key)) and bool(_PART_OF_YEAR.match(body, start))


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
    """
    found: list[tuple[int, int, int]] = []
    for rank, pattern in enumerate((_PART_OF_YEAR, *DATE_PATTERNS, _RELATIVE_DAY, _DAY_OF_YEAR)):
        for match in pattern.finditer(body):
            if any(s <= match.start() < e or s < match.end() <= e for _, s, e in found):
                continue
            found.append((rank, match.start(), match.end()))
    return found


def signing_date_span(context: Context, doc_id: str) -> tuple[int, int] | None:
    """Where the document prints its own date (the "…, ngày … tháng … năm …" line); found at load."""
    return context.units.own_dates.get(doc_id)


def cited_act_date(body: str, start: int) -> bool:
    """Whether the date at ``start`` is a cited act's ("Nghị quyết số 66-NQ/TW ngày 30/4/2025"); a date opening a
    sentence ("…SỐ 66-NQ/TW\nNgày 28 tháng 11 năm 2025, tại …") is not, even right after a heading's act number."""
    if body.startswith("Ngày", start) and (start == 0 or body[start - 1] == "\n"):
        return False
    return bool(_CITED_ACT_BEFORE.search(body[max(0, start - 60):start]))


_COUNTED_FROM = re.compile(V.CUE_COUNTED_FROM)


def counted_from_fit(question: QuestionAnalysis, after: str) -> float:
    """+ when a time limit counts from the event the question names ("trong bao lâu kể từ ngày hoàn thành
    tiếp nhận …" → "30 ngày kể từ ngày hoàn thành việc tiếp nhận …", not "15 ngày kể từ ngày … quyết toán")."""
    asked = _COUNTED_FROM.search(question.key)
    if not asked:
        return 0.0
    wanted = [w for w in question.key[asked.end():].split() if w not in V.STOPWORDS and w != "ngay"][:8]
    printed = re.match(r"\s*(?:,\s*)?(?:kể\s+từ|tính\s+từ|từ|sau\s+khi)\s+([^.;]{3,120})", after, re.IGNORECASE)
    if not wanted or not printed:
        return 0.0
    words = set(match_key(printed.group(1)).split())
    return 0.5 * sum(w in words for w in wanted) / len(wanted)


def leading_value_fit(context: Context, body: str, start: int, end: int) -> float:
    """A value cell opens with its figure and says what it applies to after it ("07 (bảy) ngày làm việc kể từ …
    (đối với các trường hợp: … thay đổi thông tin …)"): for such a figure the words after it are its qualifiers."""
    if body[:start].strip(" -–+*\n") or not context.settings.leading_value_weight:
        return 0.0
    after = body[end:end + 240].split(";")[0]  # up to the clause of the next case
    return context.settings.leading_value_weight * local_overlap(context.weights, after)


_JOINER = re.compile(r"\s+(?:và|hoặc|còn)\s+|[;,]\s*", re.IGNORECASE)


def without_rival_limits(body: str, start: int, at: int, rivals: list[int]) -> str:
    """The text before a time limit at ``at`` (from ``start``) without an earlier limit's own words: "Trong thời
    hạn 10 ngày kể từ ngày nhận được danh sách … đúng, đủ thông tin và trong thời hạn 20 ngày …" — what the 10 days
    count from is not the 20 days' case; the subject before both stays both's (w63).

    >>> body = "Trong thời hạn 10 ngày kể từ ngày nhận đủ hồ sơ và trong thời hạn 20 ngày kể từ ngày bổ sung"
    >>> without_rival_limits(body, 0, body.index("20 ngày"), [body.index("10 ngày")])
    'Trong thời hạn  và trong thời hạn '
    >>> without_rival_limits(body, 20, body.index("20 ngày"), [body.index("10 ngày")])
    ' và trong thời hạn '
    """
    kept, cursor = [], start
    for rival in rivals:
        if rival >= at:
            continue
        joiners = list(_JOINER.finditer(body, rival, at))
        if not joiners or joiners[-1].start() <= cursor:
            continue
        kept.append(body[cursor:max(cursor, rival)])  # a rival begun before the window: its words in it go too
        cursor = joiners[-1].start()
    kept.append(body[cursor:at])
    return "".join(kept)


_LEAD_TIME = re.compile(r"\s*(?:làm\s+việc\s+)?trước\s+(?:ngày|khi|thời\s+điểm|thời\s+hạn)\b", re.IGNORECASE)


def lead_time_penalty(question: QuestionAnalysis, after: str, settings) -> float:
    """A duration counted back from an event ("tối thiểu 15 ngày trước ngày chứng chỉ hết hiệu lực") is a
    lead time, not the time a procedure takes: weighed down unless the question asks one ("trước … bao nhiêu ngày").

    >>> from retriever.qa.question import analyze_question
    >>> from retriever.qa.settings import QASettings
    >>> q = analyze_question("Thủ tục cấp lại chứng chỉ giải quyết trong bao lâu?")
    >>> lead_time_penalty(q, " trước ngày chứng chỉ hết hiệu lực", QASettings()) > 0
    True
    >>> lead_time_penalty(q, " làm việc kể từ ngày nhận hồ sơ", QASettings())
    0.0
    >>> lead_time_penalty(analyze_question("Phải đăng ký trước ngày hết hạn bao nhiêu ngày?"), " trước ngày hết hạn", QASettings())
    0.0
    """
    if not _LEAD_TIME.match(after) or re.search(r"\btruoc\b", question.key):
        return 0.0
    return settings.lead_time_penalty


def role_fit(question: QuestionAnalysis, body: str, start: int, end: int, not_weekday: float = 0.3) -> float:
    """How well the date at ``start``…``end`` of ``body`` is the date the question's verb asks for.

    "đến hết ngày nào" wants the end of a range, "từ ngày nào" its start, "trước ngày nào" a due date,
    "họp ngày nào" the date an event's sentence opens with.
    """
    role = question.date_role
    if not role:
        return 0.0
    before = body[max(0, start - 30):start]
    opens_range = bool(re.match(r"\s*(?:,\s*)?(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?\d", body[end:end + 20], re.IGNORECASE))
    closes_range = bool(_RANGE_TO.search(before))
    if role == "end":
        return 0.4 if closes_range else (-0.4 if opens_range else 0.0)
    if role == "start":
        return 0.3 if _RANGE_FROM.search(before) or opens_range else (-0.3 if closes_range else 0.0)
    if role == "due":
        return 0.3 if _DUE.search(before) else 0.0
    if role == "event":  # a due date ("báo cáo … trước ngày 01/12/2025") is no day an event took place (w84)
        return 0.3 if _EVENT_BEFORE.search(before) else (_DUE_FOR_EVENT if _DUE.search(before) else 0.0)
    if role == "weekday":  # "ngày nào trong tuần": a weekday, not a calendar date
        return 0.5 if _WEEKDAY.search(body[start:end]) else -not_weekday
    return 0.0


_DUE_FOR_EVENT = -0.3
_CASE_AFTER_WEIGHT = 0.6  # the case a limit is stated for, printed after it (as the words before it weigh 0.8)
_NAMED_EVENT_WEIGHT = 0.4  # an event the question names printed right before the date: the date is that event's


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


# the question asks an act's own date: its number right before "ngày nào" ("văn bản 14730/STC-VP ngày nào", "Công văn
# 12/UBND ban hành ngày nào"), not an event told of it ("nhận được công văn 144/… của Công ty … vào ngày nào")
_ASKS_ACT_DATE = re.compile(r"\b(\d+)/[\w/-]+ (?:(?:duoc )?(?:ban hanh|ky|de|dat) )?(?:vao )?ngay nao\b")
_ACT_NUMBER_BEFORE = re.compile(r"(\d+)\s*/\s*(?:\d{4}\s*/\s*)?[A-ZĐ][\w-]*(?:/[\w-]+)?\s*,?\s*(?:(?:ngày|NGÀY)\s*)?$")


def named_act_date(question: QuestionAnalysis, body: str, start: int) -> bool:
    """Whether the date at ``start`` is printed right after the number of the act the question asks the date of
    ("văn bản 14730/STC-VP ngày nào" → "Văn bản số 14730 /STC-VP ngày 20/ 11 /2025"): a cited act's date that is,
    this once, the date asked.

    >>> from retriever.qa.question import analyze_question
    >>> q = analyze_question("Sở Tài chính đề nghị bằng văn bản 14730/STC-VP ngày nào?")
    >>> body = "Theo đề nghị của Sở Tài chính tại Văn bản số 14730 /STC-VP ngày 20/ 11 /2025."
    >>> named_act_date(q, body, body.index("20/"))
    True
    >>> q = analyze_question("Thuế tỉnh nhận được công văn 144/2025/CV-BSGBTr của Công ty vào ngày nào?")
    >>> named_act_date(q, "Công văn số 144/2025/CV-BSGBTr ngày 17/11/2025", 31)
    False
    """
    asked = _ASKS_ACT_DATE.search(question.key)
    if not asked:
        return False
    number = _ACT_NUMBER_BEFORE.search(body[max(0, start - 60):start])
    return bool(number) and number.group(1) == asked.group(1)


# The year in a named programme's title: "Chiến lược dữ liệu thành phố Hà Nội đến năm 2030", "Đề án … giai đoạn 2021 -
# 2025, định hướng đến năm 2030" (capitalised: a title, not "kế hoạch" in general)
_TITLE_BEFORE = re.compile(r"(?:Chiến lược|Đề án|Chương trình|Quy hoạch|Kế hoạch|Định hướng)\s[^;.:()]{0,90}?"
                           r"(?:đến|giai đoạn|tầm nhìn đến|định hướng đến)\s+$")
_ASKS_TITLE_YEAR = re.compile(r"\b(?:den|tam nhin|dinh huong) nam nao\b|\bgiai doan nao\b")


def title_year(question: QuestionAnalysis, body: str, start: int) -> bool:
    """Whether the date at ``start`` is the year in a programme's title ("Chiến lược dữ liệu thành phố Hà Nội đến năm
    2030 được UBND Thành phố phê duyệt …"): it names the programme, it is not when a task is due — unless the
    question asks that year ("chiến lược đến năm nào").

    >>> from retriever.qa.question import analyze_question
    >>> q = analyze_question("Việc rà soát Chiến lược dữ liệu thành phố phải xong khi nào?")
    >>> body = "rà soát, hoàn thiện Chiến lược dữ liệu thành\\nphố Hà Nội đến năm 2030 được phê duyệt"
    >>> title_year(q, body, body.index("năm 2030")), title_year(q, "hoàn thành trong năm 2025", 20)
    (True, False)
    """
    if _ASKS_TITLE_YEAR.search(question.key) or not re.match(r"năm\s+\d{4}", body[start:start + 9]):
        return False
    return bool(_TITLE_BEFORE.search(body[max(0, start - 110):start]))


# An act cited with its date: "Báo cáo số* *136/BC-STP ngày 08 tháng 10 năm 2025", "Văn bản số 9151- CV/BTCTW ngày".
_ACT_TYPES = (r"Luật|Bộ luật|Nghị định|Nghị quyết|Quyết định|Thông tư|Chỉ thị|Công văn|Văn bản|Báo cáo|Tờ trình|Thông báo"
              r"|Đề án|Kế hoạch|Kết luận|Công điện|Hướng dẫn")
_CITED_WITH_DATE = re.compile(rf"({_ACT_TYPES})[\s*_]+(?:số[\s*_]*)?(\w[\w.]*)(?:\s*[/-]\s*[\w.-]+)*[\s*_,]*(?:(?:ngày|NGÀY)[\s*_]*)?$",
                              re.IGNORECASE)  # "công văn số JHDPC/2025/276 ngày", "Văn bản số 9151- CV/BTCTW ngày"
# the next act cited (its kind and number), not an act the description names ("… quy định chi tiết một số điều của Luật
# Quản lý thuế; Nghị định số 91/2022/NĐ-CP …")
_NEXT_ACT = re.compile(rf"(?:{_ACT_TYPES})\s+(?:số\s*)?\d|;", re.IGNORECASE)


def act_description(body: str, end: int) -> str:
    """What follows a cited act's date up to the next act or clause ("của Công ty TNHH Điện lực Jaks Hải Dương về
    chính sách thuế nhà thầu …"): its issuer and subject, not the next act's."""
    after = body[end:end + 160]
    stop = _NEXT_ACT.search(after)
    return after[:stop.start()] if stop else after
_ASKED_ACT = re.compile(r"\b(luat|bo luat|nghi dinh|nghi quyet|quyet dinh|thong tu|chi thi|cong van|van ban|bao cao|to trinh"
                        r"|thong bao|de an|ke hoach|ket luan|cong dien|huong dan)\b(?: so)?(?: (\d+)(?=[/-]))?")
_ASKS_WHEN = re.compile(r"\b(?:ngay nao|khi nao|bao gio|thoi diem nao|ngay thang nao)\b")
_TOPIC_BEFORE = re.compile(r"\b(?:du thao|ve|thuc hien|trien khai|theo|can cu|tai)\s+$")
_RECEIPT = re.compile(r"\b(?:nhan duoc|tiep nhan|nhan)\b")  # "nhận được công văn … vào ngày nào": the day of receipt


def asked_act_fit(question: QuestionAnalysis, body: str, start: int) -> float:
    """How surely the date at ``start``, printed after an act's citation ("Báo cáo số 136/BC-STP ngày …"), is the
    date the question asks of that act: 0.8 when the question names the act by its number ("Báo cáo 1052/BC-CP …
    có ngày nào"), 0.3 by its kind only ("Sở Tư pháp có báo cáo thẩm định … vào ngày nào"); 0 when the question
    asks no act's date (a cited act's date is then no answer), the day something was received, or a time of effect.

    >>> from retriever.qa.question import analyze_question
    >>> body = "ý kiến thẩm định của Giám đốc Sở Tư pháp tại Báo cáo số* *136/BC-STP ngày 08 tháng 10 năm 2025"
    >>> at = body.index("08 tháng")
    >>> asked_act_fit(analyze_question("Sở Tư pháp có báo cáo thẩm định dự thảo vào ngày nào?"), body, at)
    0.3
    >>> asked_act_fit(analyze_question("Báo cáo 136/BC-STP của Sở Tư pháp có ngày nào?"), body, at)
    0.8
    >>> asked_act_fit(analyze_question("Sở Tư pháp có tờ trình vào ngày nào?"), body, at)
    0.0
    >>> body = "Căn cứ Quyết định số 15/2025/QĐ-TTg ngày 14 tháng 6 năm 2025"
    >>> asked_act_fit(analyze_question("Sở có báo cáo thẩm định dự thảo quyết định vào ngày nào?"), body, body.index("14"))
    0.0
    >>> asked_act_fit(analyze_question("Sở nhận được báo cáo 136/BC-STP vào ngày nào?"), body, at)
    0.0
    >>> asked_act_fit(analyze_question("Sở họp về thực hiện Báo cáo 136/BC-STP vào ngày nào?"), body, at)
    0.0
    >>> body = "Cục Thuế nhận được công văn số 4814/CCTKV.05-TTKT3 ngày 30/06/2025 và công văn số JHDPC/2025/276 ngày"
    >>> asked_act_fit(analyze_question("Công ty gửi công văn hỏi Cục Thuế vào ngày nào?"), body + " 5/9/2025", len(body) + 1)
    0.3
    >>> body = "Trên cơ sở Báo cáo số 1052/BC-CP ngày 12/11/2025 của Chính phủ"
    >>> asked_act_fit(analyze_question("Báo cáo 1052/BC-CP của Chính phủ có ngày nào?"), body, body.index("ngày 12"))
    0.8
    """
    key = question.key
    if question.date_role or not _ASKS_WHEN.search(key) or _RECEIPT.search(key):  # "họp … ngày nào": the meeting's
        return 0.0
    citing = citing_clause(key)  # "Luật Việc làm mà Quyết định 28/2021/QĐ-TTg viện dẫn …": where the act asked is
    if citing:  # cited; that document's kind and number are not the asked act's
        key = key[:citing.start()] + key[citing.end():]
    # the act asked is the first the question names, not a draft or topic it is about ("báo cáo thẩm định dự thảo
    # quyết định", "về tình hình thực hiện Nghị quyết 66-NQ/TW") nor the source it cites ("Theo Quyết định …")
    asked = next((m for m in _ASKED_ACT.finditer(key) if not _TOPIC_BEFORE.search(key[:m.start()])), None)
    cited = _CITED_WITH_DATE.search(body[max(0, start - 90):start])
    if not cited:
        return _named_act_fit(key, asked, body, start)
    kind, number = match_key(cited.group(1)), cited.group(2)
    enacting = _enacting_act_fit(key, body, max(0, start - 90) + cited.start(), start)
    if asked is None:
        return enacting
    if asked.group(2):
        return 0.8 if asked.group(2).lstrip("0") == number.lstrip("0") else 0.0  # "JHDPC" is no "276"
    if asked.group(1) != kind:  # "Đề án … được UBND tỉnh phê duyệt ngày nào": the decision approving it
        return enacting
    return 0.3 if not re.search(r"\d+/", key) else 0.0


# "Chiến lược dữ liệu … được UBND Thành phố phê duyệt ngày nào": something approved, issued or passed by an act the
# question does not name; the verb printed with a cited act ("… được phê duyệt tại Quyết định số 1229/QĐ-UBND ngày
# 28/02/2025", "Quyết định số … ngày … về việc Phê duyệt …") makes that act's date the date asked.
_ENACTED_ASKED = re.compile(r"\bduoc (?:\S+ ){0,5}?(phe duyet|ban hanh|thong qua)\b")


def _enacting_act_fit(key: str, body: str, act_start: int, start: int) -> float:
    """0.3 when the question asks when something was approved / issued / passed ("… được UBND Thành phố phê duyệt
    ngày nào") and the act cited at ``act_start`` (its date at ``start``) is printed with that verb, before it or in
    what follows its date; else 0.

    >>> body = "Chiến lược dữ liệu đến năm 2030 được UBND Thành phố phê duyệt tại Quyết định số 1229/QĐ-UBND ngày 28/02/2025."
    >>> at = body.index("28/02")
    >>> _enacting_act_fit("chien luoc du lieu duoc ubnd thanh pho phe duyet ngay nao", body, body.index("Quyết"), at)
    0.3
    >>> _enacting_act_fit("chien luoc du lieu duoc ubnd thanh pho ban hanh ngay nao", body, body.index("Quyết"), at)
    0.0
    """
    asked = _ENACTED_ASKED.search(key)
    if not asked:
        return 0.0
    described = act_description(body, start + len(_date_text(body, start)))  # "… về việc Phê duyệt …"
    printed = match_key(body[max(0, act_start - 40):act_start] + " " + described)
    return 0.3 if re.search(rf"\b{asked.group(1)}\b", printed) else 0.0


# An act cited by its name, no number: "Căn cứ Luật Việc làm ngày 16 tháng 11 năm 2013", "Bộ luật Lao động ngày …".
_NAMED_ACT_BEFORE = re.compile(r"(?<!\w)((?:Bộ\s+)?[Ll]uật|Pháp\s+lệnh|Hiến\s+pháp)((?:\s+[\w,]+){1,12}?)\s*,?\s*(?:ngày\s*)?$")
_NAMED_ACT_FIT = 0.6  # the name tells the act as surely as a number nearly does


def _named_act_fit(key: str, asked: re.Match | None, body: str, start: int) -> float:
    """How surely the date at ``start``, printed after an act cited by its name ("Luật Việc làm ngày 16 tháng 11
    năm 2013"), is the date of the act the question asks (``asked``, in ``key``: the question without its citing
    clause): the act's name, kind and every word, is where the question names that act ("Luật Việc làm … được thông
    qua ngày nào"; not "Nghị định quy định chi tiết Luật Việc làm … ngày nào").

    >>> body = "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025; Căn cứ Luật Việc làm ngày 16 tháng 11 năm 2013;"
    >>> key = "luat viec lam duoc thong qua ngay nao"
    >>> asked = _ASKED_ACT.search(key)
    >>> _named_act_fit(key, asked, body, body.index("16 tháng")), _named_act_fit(key, asked, body, body.index("18 tháng"))
    (0.6, 0.0)
    >>> key = "nghi dinh huong dan luat viec lam ban hanh ngay nao"
    >>> _named_act_fit(key, _ASKED_ACT.search(key), body, body.index("16 tháng"))
    0.0
    """
    cited = _NAMED_ACT_BEFORE.search(body[max(0, start - 90):start])
    if asked is None or not cited or re.search(r"\d", cited.group(2)):
        return 0.0
    name = " ".join(match_key(f"{cited.group(1)} {cited.group(2)}").replace(",", " ").split())
    return _NAMED_ACT_FIT if re.match(rf"{re.escape(name)}\b", key[asked.start():]) else 0.0


def opens_sentence(body: str, start: int) -> bool:
    """A date opening its sentence ("Ngày 18/11/2025, Thuế tỉnh … nhận được …") dates the whole sentence's event."""
    return bool(re.search(r"(?:^|\n|[.!?]\s)\s*[*_]*$", body[max(0, start - 6):start])) and start < len(body)


def within_unit(before: list[tuple[float, int, int]], after: list[tuple[float, int, int]]) -> list[tuple[float, int, int]]:
    """``after`` (options rescored by what tells them apart) lowered so that the best is no higher than the best of
    ``before``: the words that tell a unit's figures apart choose among them, they do not make the unit likelier.

    >>> within_unit([(1.0, 0, 1), (0.5, 2, 3)], [(1.0, 0, 1), (1.5, 2, 3)])
    [(0.5, 0, 1), (1.0, 2, 3)]
    """
    excess = max(o[0] for o in after) - max(o[0] for o in before)
    return [(score - max(0.0, excess), start, end) for score, start, end in after]


_DUE_OPENING = re.compile(r"[*_\s]*(?:(?:chậm nhất|muộn nhất|trước|đến hết|đến|hết|vào|trong|hạn chót|hạn cuối|là|"
                          r"ngày)[\s,:]+)*", re.IGNORECASE)


def due_opens_sentence(body: str, start: int) -> bool:
    """A date printed with only its due words before it in its sentence ("Chậm nhất đến hết ngày 20 tháng 10 năm 2021,
    cơ quan … hoàn thành việc gửi …"): what is due by it is printed after it.

    >>> body = "gửi người sử dụng lao động. Chậm nhất đến hết\\nngày 20 tháng 10 năm 2021, cơ quan hoàn thành"
    >>> due_opens_sentence(body, body.index("20 tháng")), due_opens_sentence("gửi trước ngày 5/7", 15)
    (True, False)
    """
    cut = max((m.end() for m in re.finditer(r"[.!?;:](?:\s|$)|\n\s*\n", body[:start])), default=0)
    if cut == 0 and start > 40:
        return False
    return bool(_DUE_OPENING.fullmatch(body, cut, start)) and start < len(body)


def broken_before(context: Context, unit: Unit) -> tuple[int, int] | None:
    """The sentence right before ``unit`` when the unit continues it, cut by a line break ("Ngày 18/11/2025, Thuế
    tỉnh Vĩnh" / "Long có nhận được Công văn …"): it ends with no punctuation and the unit is no new point."""
    text = context.text(unit.doc_id)
    if re.match(r"\s*(?:[-–+*•]|\d+(?:\.\d+)*[.)]|[a-zđ]\))", text[unit.start:unit.start + 8]):
        return None
    previous = context.units.sentence_at(unit.doc_id, max(0, unit.start - 2))
    if previous is None or previous[0] >= unit.start or unit.start - previous[1] > 3:
        return None
    if re.search(r"[.!?;:)*_\]|]\s*$", text[previous[0]:previous[1]]):
        return None
    return previous


def broken_after(context: Context, unit: Unit) -> str:
    """The text of the next unit when ``unit`` ends with no punctuation and the next one continues it."""
    text = context.text(unit.doc_id)
    if re.search(r"[.!?;:)*_\]|]\s*$", text[unit.start:unit.end]):
        return ""
    following = context.units.next_unit(unit)
    if following is None or following[0] - unit.end > 3:
        return ""
    if re.match(r"\s*(?:[-–+*•]|\d+(?:\.\d+)*[.)])", text[following[0]:following[0] + 8]):
        return ""
    return text[following[0]:following[1]]


# ---------------------------------------------------------------- w54: the date a clerk copies
_DATE_WORDS = re.compile(r"\d+|[a-z]+")
_DATE_LEAD_WORDS = frozenset({"ngay", "truoc", "vao", "trong", "den", "het", "tu"})


def _date_words(text: str) -> list[str]:
    """The words of a printed date on match_key text, numbers without their leading zeros ("06 tháng đầu năm" →
    ["6", "thang", "dau", "nam"]; "ngày 08/7/2022" → ["8", "7", "2022"]: the leading "ngày" left out)."""
    words = [w.lstrip("0") or "0" if w.isdigit() else w for w in _DATE_WORDS.findall(match_key(text))]
    while words and words[0] in _DATE_LEAD_WORDS:
        words.pop(0)
    return words


def stated_by_question(question: QuestionAnalysis, printed: str) -> bool:
    """Whether the question itself prints this date or period ("đánh giá 6 tháng đầu năm 2022 … thông báo ngày
    nào": "06 tháng đầu năm"; "Công văn ngày 12/11/2025 … trước ngày nào": "12/11/2025"): the case it names, never
    its answer — the way a figure the question states is not its answer.

    >>> from retriever.qa.question import analyze_question
    >>> q = analyze_question("Kết luận về đánh giá 6 tháng đầu năm 2022 của ngành y tế được thông báo ngày nào?")
    >>> stated_by_question(q, "06 tháng đầu năm"), stated_by_question(q, "ngày 08/7/2022")
    (True, False)
    >>> stated_by_question(analyze_question("Công văn ngày 12/11/2025 đề nghị báo cáo trước ngày nào?"), "ngày 12 / 11/2025")
    True
    """
    words = _date_words(printed)
    if not any(w.isdigit() for w in words):
        return False
    asked = _date_words(question.text)
    return any(asked[i:i + len(words)] == words for i in range(len(asked) - len(words) + 1))


_FORM_ASKED = (("quarter", re.compile(r"\bquy (?:nao|may|bao nhieu)\b")),
               ("month", re.compile(r"\bthang (?:nao|may|bao nhieu)\b")),
               ("year", re.compile(r"\bnam (?:nao|bao nhieu)\b")))
_FORM_PRINTED = {"quarter": re.compile(r"\bquy\b"),
                 "month": re.compile(r"^(?:(?:trong|vao|den|het|truoc|tu)\s+)*thang\s+\d"),
                 "year": re.compile(r"^(?:(?:trong|vao|den|het|truoc|tu)\s+)*nam\s+\d{4}$")}


def form_fit(question: QuestionAnalysis, printed: str) -> float:
    """1 when the date is printed in the form the question asks ("quý nào": "Quý II/2025"; "tháng nào": "tháng
    12/2022", not "ngày 05/12/2022"; "năm nào": "năm 2026"), -1 when it is printed in another, 0 when no form is asked.

    >>> from retriever.qa.question import analyze_question
    >>> q = analyze_question("Công văn được ký vào tháng nào?")
    >>> form_fit(q, "tháng 12 năm 2022"), form_fit(q, "ngày 05 tháng 12 năm 2022")
    (1.0, -1.0)
    >>> form_fit(analyze_question("Hoàn thành trong quý nào?"), "Quý II/2025")
    1.0
    """
    asked = next((form for form, cue in _FORM_ASKED if cue.search(question.key)), None)
    if asked is None:
        return 0.0
    return 1.0 if _FORM_PRINTED[asked].search(" ".join(match_key(printed).split())) else -1.0


# One end of a range printed short before the other's full date: "từ ngày 10 đến ngày 12/12/2025", "ngày 10-12/12/2025",
# "từ tháng 10 đến tháng 12 năm 2025", "ngày 10 và 11/12/2025", "từ ngày 15 tháng 11 đến ngày 15 tháng 12 hằng năm"
# (opened by "ngày" or "tháng", not the month of a date: "15 tháng 11").
_SHORT_FIRST_END = re.compile(r"(?:(?:[Tt]ừ|[Kk]ể\s+từ)\s+)?(?:[Nn]gày\s+\d{1,2}(?:\s*/\s*\d{1,2}|\s+tháng\s+\d{1,2})?"
                              r"|(?<!\d\s)[Tt]háng\s+\d{1,2}|[Qq]uý\s+(?:[1-4]|IV|I{1,3}))\s*(?:-|–|đến|tới|và)\s*(?:hết\s+)?(?:(?:ngày|tháng)\s+)?[*_]*$")
_FULL_FIRST_END = re.compile(r"(?:(?:[Tt]ừ|[Kk]ể\s+từ)\s+)?(?:ngày\s+)?$")
_RANGE_ASKS_ONE_END = frozenset({"start", "end", "due", "weekday", "frequency", "duration"})


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


def _not_this_event(question: QuestionAnalysis, context: Context, unit: Unit, body: str, at: int,
                    due: bool = False) -> float:
    """A penalty for a date that is not an event of the text: the document's own date line, or the
    date printed after a cited act's name."""
    from corpus.acts import parse_date

    own = signing_date_span(context, unit.doc_id)
    date = context.store.documents[unit.doc_id].record.date
    on_date_line = bool(own and own[0] <= unit.start + at < own[1])
    # (a due date may fall on the signing day: "trước 17 giờ ngày 27/11/2025" in a telegram of 27/11/2025)
    if on_date_line or (not due and date and parse_date(_date_text(body, at)) == date):
        # the document's own date (its date line, or printed again): the answer only when that is asked
        return 0.3 if question.asks_own_date else _OWN_DATE_PENALTY
    if _ACT_NAME_BEFORE.search(body[max(0, at - 100):at]):
        return -0.4
    return 0.0


# A time told by an event, not a date: "thôi hưởng từ tháng tiếp theo", "giảm thẻ từ sau tháng thôi phục vụ",
# "lấy ý kiến … trước khi gửi cơ quan có thẩm quyền thẩm định", "cùng thời điểm trả lương", "kể từ ngày ký".  It runs
# to its clause's end or to the duty it times ("sau khi đốt xong | phải dập tắt …"); a date after "từ ngày" is a date.
_EVENT_TIME = re.compile(r"(?<!\w)(?:(?:[Kk]ể\s+)?[Tt]ừ\s+(?:sau\s+)?(?:khi|ngày|tháng|năm|quý|kỳ|thời\s+điểm)"
                         r"|(?:[Nn]gay\s+)?(?:[Tt]rước|[Ss]au)\s+khi|[Cc]ùng\s+(?:thời\s+điểm|lúc|với\s+thời\s+điểm))"
                         r"\s+(?!\d|\s)[^.;:!?()]{2,80}?(?=\s*(?:[.;:,!?()]|\n\s*\n|$)|\s+(?:phải|thì|để|nhằm)\s)")
# the question asks a time it may be told so: "từ khi nào", "từ thời điểm nào", "vào lúc nào", "thời điểm nào trong tháng"
_ASKS_EVENT_TIME = re.compile(r"\b(?:khi nao|thoi diem nao|luc nao)\b")
_EVENT_TIME_BASE = 0.1  # below a date the question's words lead to: an event answers only where no date does
_EVENT_ROLE_FIT = 0.3  # as role_fit weighs a date printed after "từ" for a start, after "trước" for a due date


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


class DateExtractor:
    """A date, a month, a quarter ("Quý 3/2024"), a deadline date."""

    kinds = (QuestionKind.DATE,)

    def extract(self, question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None:
        body = context.body(unit)
        options: list[tuple[float, int, int]] = []
        if question.wants_time:  # "trước mấy giờ": only a time of day answers
            for match in _TIME.finditer(body):
                score = 0.5 + 0.8 * proximity(context.weights, body[max(0, match.start() - 120):match.start()],
                                              body[match.end():match.end() + 40])
                word_before = re.search(r"(\w+)\s+$", body[max(0, match.start() - 12):match.start()])
                if word_before and re.search(rf"\b{match_key(word_before.group(1))} may gio\b", question.key):
                    score += 0.3  # "trước 06 giờ" for "trước mấy giờ"
                part_of_day = re.search(r"(sáng|chiều|tối|đêm|trưa)$", match.group(0))
                if part_of_day and re.search(rf"\bmay gio {match_key(part_of_day.group(1))}\b", question.key):
                    score += 0.3  # "06 giờ sáng" for "mấy giờ sáng"
                options.append((score, unit.start + match.start(), unit.start + match.end()))
            if not options:
                return None
            score, start, end = max(options, key=lambda o: o[0])
            return Span(start, end, score, context.text(unit.doc_id)[start:end])
        lead = context.lead(unit)
        continued = broken_after(context, unit)
        dates = find_dates(body)
        for rank, m_start, m_end in dates:
            span = body[m_start:m_end]
            key = match_key(span)
            years = set(re.findall(r"(?:19|20)\d\d", span))
            if years and years <= set(question.target_years) and re.fullmatch(r"(?:nam\s+)?\d{4}", key.strip()):
                continue  # "năm 2030" asked about, not answered (a day of that year still answers: w54)
            if stated_by_question(question, span):
                continue  # "6 tháng đầu năm 2022" the question names: its case, not its answer
            if months_for_a_day(question, body, m_start):
                continue
            before = body[max(0, m_start - 60):m_start]
            act = 0.8 if named_act_date(question, body, m_start) else asked_act_fit(question, body, m_start)
            if act:  # "văn bản 14730/STC-VP ngày nào", "Sở Tư pháp có báo cáo … vào ngày nào": that act's date
                before = body[max(0, m_start - 120):m_start]
                before = before[before.rfind(";") + 1:]  # the act cited before it, with its own description, ends at ";"
                around = lead + before + " " + act_description(body, m_end)  # "của … về …"
                options.append((0.6 + act + 0.6 * local_overlap(context.weights, around),
                                unit.start + m_start, unit.start + m_end))
                continue
            if cited_act_date(body, m_start):
                continue  # the date of a cited act
            event = _not_this_event(question, context, unit, body, m_start)
            if event <= _OWN_DATE_PENALTY:
                continue  # the document's own date does not answer "khi nào" about its content
            score = 0.6 * local_overlap(context.weights, lead + body[max(0, m_start - 120):m_start]) + event
            score += context.settings.date_predicate_weight * F.predicate_fit(
                question, context.weights, body, m_start, lead)  # "báo cáo Thủ tướng vào 15:00 ngày Chủ nhật"
            score += context.settings.date_frame_weight * F.frame_after_fit(question, body, m_end)  # "nhập ngũ từ
            # ngày 30 tháng 4 năm 1975 trở về trước" for "nhập ngũ từ thời điểm nào trở về trước"
            if _DEADLINE_CUE.search(before) and question.date_role != "start":
                score += 0.3  # (a date a task is due by is no start: "đóng … đến hết ngày cuối cùng của tháng")
            form = form_fit(question, span)  # "tháng nào": "tháng 12/2022"; "quý nào": "Quý II/2025"
            if form >= 0 and "quy" in key:
                score += 0.2
            score += context.settings.date_form_bonus * max(form, 0.0)
            score += role_fit(question, body, m_start, m_end, context.settings.date_not_weekday_penalty)
            if question.date_role == "event":  # "tại Hội nghị trực tuyến Chính phủ với các địa phương ngày 07 …"
                score += _NAMED_EVENT_WEIGHT * F.named_right_before(question, context.weights, body, m_start)
            if title_year(question, body, m_start):
                score -= context.settings.date_title_year_penalty  # "Chiến lược … đến năm 2030": its name
            if opens_sentence(body, m_start):  # "Ngày 18/11/2025, Thuế tỉnh … nhận được …": the date of that event
                score += context.settings.date_after_weight * local_overlap(
                    context.weights, body[m_end:m_end + 200] + " " + continued)
            if question.date_role not in _RANGE_ASKS_ONE_END:  # "tổ chức vào thời gian nào": the period whole
                m_start, m_end = range_of(body, m_start, m_end, dates)
            options.append((score, unit.start + m_start, unit.start + m_end))
        earlier = self._opening_date_before(question, unit, context, body)
        for r_start, r_end, base in recurring_spans(question, body):
            if not any(s <= unit.start + r_start < e for _, s, e in options):
                score = base + 0.6 * local_overlap(context.weights, lead + body[max(0, r_start - 120):r_start])
                score += context.settings.date_predicate_weight * F.predicate_fit(
                    question, context.weights, body, r_start, lead)
                options.append((score, unit.start + r_start, unit.start + r_end))
        for e_start, e_end in event_time_spans(question, body):  # "thôi hưởng từ tháng tiếp theo"
            score = _EVENT_TIME_BASE + 0.6 * local_overlap(context.weights, lead + body[max(0, e_start - 120):e_start])
            if question.date_role == "start" or (question.date_role == "due" and body[e_start:e_start + 5].lower()
                                                  == "trước"):
                score += _EVENT_ROLE_FIT  # "từ khi nào": "từ tháng tiếp theo" opens a start as "từ ngày …" does
            options.append((score, unit.start + e_start, unit.start + e_end))
        if question.date_role == "period":  # "giai đoạn nào", "từ ngày nào đến ngày nào": the period whole
            for p_start, p_end in period_spans(body):
                score = 0.5 + 0.6 * local_overlap(context.weights, lead + body[max(0, p_start - 120):p_start])
                options.append((score, unit.start + p_start, unit.start + p_end))
            for p_start, p_end in event_period_spans(body):
                if any(s <= unit.start + p_start < e for _, s, e in options):
                    continue  # a period of dates already read
                score = 0.4 + 0.6 * local_overlap(context.weights, lead + body[max(0, p_start - 120):p_start])
                options.append((score, unit.start + p_start, unit.start + p_end))
        if unit.kind is UnitKind.ROW and unit.cells and unit.header:
            column = next((i for i, h in enumerate(unit.header)
                           if re.search(r"thoi gian|thoi han|tien do", match_key(h))), None)
            if column is not None and column < len(unit.cells):
                cell = unit.cells[column]
                found = body.rfind(cell)
                if found >= 0 and cell and any(p.search(cell) for p in DATE_PATTERNS):
                    coverage = local_overlap(context.weights, body)
                    options.append((0.5 + 0.6 * coverage, unit.start + found, unit.start + found + len(cell)))
        if earlier is not None and (not options or earlier.confidence > max(o[0] for o in options)):
            return earlier
        if not options:
            return continuation(self, question, unit, context)
        score, start, end = max(options, key=lambda o: o[0])
        return Span(start, end, score, context.text(unit.doc_id)[start:end])

    @staticmethod
    def _opening_date_before(question: QuestionAnalysis, unit: Unit, context: Context, body: str) -> Span | None:
        """The date opening the sentence this unit continues after a line break ("Ngày 18/11/2025, Thuế tỉnh Vĩnh"
        / "Long có nhận được Công văn số 144/… ngày 17/11/2025 …"): the date of the event the unit tells, quoted
        with it; the cited act's own date inside the unit is not."""
        previous = broken_before(context, unit)
        if previous is None:
            return None
        text = context.text(unit.doc_id)
        head = text[previous[0]:previous[1]]
        dates = [d for d in find_dates(head) if opens_sentence(head, d[1])]
        if not dates:
            return None
        _, d_start, d_end = min(dates, key=lambda d: d[1])
        if _not_this_event(question, context, replace(unit, start=previous[0], end=previous[1]), head, d_start) < 0:
            return None
        score = 0.3 + context.settings.date_after_weight * local_overlap(context.weights, head[d_end:] + " " + body)
        score += role_fit(question, head, d_start, d_end)
        start, end = previous[0] + d_start, previous[0] + d_end
        return Span(start, end, score, text[start:end], quote_start=previous[0], quote_end=unit.end)


# A flattened table row puts each cell on its own line: the name cell ("Thủ tục cấp lại biển hiệu …
# (thẩm quyền của Sở Xây dựng).") is followed by the value cell that answers ("02 ngày làm việc kể từ
# ngày nhận được hồ sơ hợp lệ.", "- 100.000 đồng đối với …").  A value cell opens with its figure; a
# numbered heading ("2.1. Trụ sở …", "3. Xếp loại") does not count as one.
_VALUE_CELL = re.compile(r"[-–+]?\s*(?:[<>≤≥]\s*)?\d+(?:[.,]\d+)*(?![.,]?\d)(?!\.)(?:\s|%|°|[^\W\d_]|[-–]\s*\d)")


def value_cell(text: str) -> bool:
    """True when ``text`` opens with a figure the way a table's value cell does.

    >>> value_cell("02 ngày làm việc kể từ ngày nhận được hồ sơ hợp lệ.")
    True
    >>> value_cell("- 100.000 đồng đối với các trường hợp")
    True
    >>> value_cell("150-200 mA;"), value_cell("-20°C đến +50°C;")  # a range, a signed measure
    (True, True)
    >>> value_cell("2.1. Trụ sở làm việc khang trang")
    False
    >>> value_cell("3. Xếp loại")
    False
    >>> value_cell("Thủ tục cấp lại biển hiệu")
    False
    """
    return bool(_VALUE_CELL.match(text))


def continuation(extractor, question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None:
    """The date a point's next sentence adds when it continues the point ("xây dựng Phương án …;" then
    "hoàn thành trước ngày 10 tháng 6 năm 2026."): found there, quoted with the point (two sentences)."""
    following = context.units.next_unit(unit)
    text = context.text(unit.doc_id)
    if following is None or following[0] - unit.end > 3 or following[1] - following[0] > 160:
        return None
    opens_lower = text[following[0]:following[0] + 1].islower() and re.search(r"[;,:]\s*$", text[unit.start:unit.end])
    if not opens_lower and not value_cell(text[following[0]:following[1]]):
        return None
    nested = Unit(unit.doc_id, following[0], following[1], unit.chunk_row, unit.heading, unit.section, unit.kind)
    span = extractor.extract(question, nested, context)
    if span is None:
        return None
    return Span(span.start, span.end, span.confidence, span.text, quote_start=unit.start, quote_end=following[1],
                also_quote=span.also_quote)


class EffectiveDateExtractor:
    """When the act takes effect."""

    kinds = (QuestionKind.EFFECTIVE_DATE,)

    def extract(self, question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None:
        text = context.text(unit.doc_id)
        body = text[unit.start:unit.end]
        options: list[Span] = []
        for match in _EFFECTIVE.finditer(body):
            before = body[max(0, match.start() - 80):match.start()]
            score = 0.5
            if _THIS_ACT.search(before):
                score += 0.4
            elif _CITED_ACT_BEFORE.search(before) or re.search(r"\d+/\d{4}/[\w-]+\s*\)?\s*,?\s*$", before):
                score -= 0.5  # another act's effect
            if _PART_OF_ACT.search(before[-40:]):
                score -= 0.2  # one article's own date
            rest = body[match.end():]
            signing = _SIGNING.match(rest)
            if signing:
                start = unit.start + match.start()
                end = unit.start + match.end() + signing.end()
                dated = signing_date_span(context, unit.doc_id)
                shown = text[start:end]
                if dated:
                    shown = f"{text[start:end]} ({text[dated[0]:dated[1]]})"
                options.append(Span(start, end, score, shown, also_quote=(dated,) if dated else ()))
                continue
            dates = [d for d in find_dates(rest[:80]) if d[1] <= 6]
            if dates:
                _, d_start, d_end = min(dates, key=lambda d: d[1])
                start = unit.start + match.end() + d_start
                end = unit.start + match.end() + d_end
                until = _UNTIL.match(rest, d_end)  # "… từ ngày 01/7/2025 đến hết ngày 31/12/2026"
                if until and question.date_role in ("end", "period"):
                    if question.date_role == "end":
                        start = unit.start + match.end() + until.start(1)
                    end = unit.start + match.end() + until.end(1)
                options.append(Span(start, end, score + 0.1, text[start:end]))
                continue
            clause = re.match(r"[^.;\n]{3,100}", rest)
            if clause:  # "sau 45 ngày kể từ ngày đăng Công báo"
                start = unit.start + match.start()
                end = unit.start + match.end() + clause.end()
                options.append(Span(start, end, score - 0.2, text[start:end]))
        if not options:
            return None
        return max(options, key=lambda s: s.confidence)


class DeadlineExtractor:
    """A time limit ("15 ngày làm việc kể từ ngày nhận hồ sơ") or a due date ("trước ngày 15/12/2025")."""

    kinds = (QuestionKind.DEADLINE,)

    def __init__(self):
        self._dates = DateExtractor()

    def extract(self, question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None:
        text = context.text(unit.doc_id)
        body = text[unit.start:unit.end]
        role = question.date_role
        wants_duration = role == "duration" or bool(
            re.search(r"bao lau|bao nhieu ngay|may ngay|thoi han(?! nao)|trong vong|thoi gian(?! nao)", question.key))
        wants_date = role in ("due", "end", "start", "event") or bool(  # "trong thời hạn nào": which time, a date
            re.search(r"ngay nao|han chot|khi nao|truoc ngay|thoi diem|thoi han nao|thoi gian nao", question.key))
        lead = context.lead(unit)
        options: list[tuple[float, int, int]] = []
        taken: set[int] = set()
        if role == "frequency":  # "báo cáo định kỳ nào": how often, not a date
            for match in _FREQUENCY.finditer(body):
                score = 0.6 + 0.8 * local_overlap(context.weights, lead + body[max(0, match.start() - 160):match.start()])
                options.append((score, unit.start + match.start(), unit.start + match.end()))
        rivals: list[int] = []  # where the time limits before this one in the unit start
        owns: list[list[str]] = []  # the words each time limit's own qualifiers print
        for match in _DURATION.finditer(body):
            if re.match(r"\s*(?:\d{1,2}\s*)?(?:phút\s+)?ngày\s+\d", body[match.end(1):match.end(1) + 20]):
                continue  # "trước 17 giờ ngày 27/11/2025": a time on a date, not a duration
            score = 0.5 + (0.3 if wants_duration else 0.0) - (0.3 if role == "frequency" else 0.0)
            score += 0.8 * local_overlap(context.weights, lead + without_rival_limits(
                body, max(0, match.start() - 160), match.start(), rivals))
            rivals.append(match.start())  # with its cue ("trong thời hạn"): the rival's own words
            score += counted_from_fit(question, body[match.end(1):match.end(1) + 120])
            score -= lead_time_penalty(question, body[match.end(1):match.end(1) + 40], context.settings)
            score += leading_value_fit(context, body, match.start(), match.end(1))  # "- Trong thời hạn 15 ngày …"
            score += F.change_end_fit(question, body, match.start(1))  # "giảm từ bao nhiêu ngày": "từ 23 ngày"
            score += _CASE_AFTER_WEIGHT * local_overlap(context.weights, F.case_after(body, match.end()))  # "(đối với
            # các trường hợp: … do thay đổi thông tin trên chứng chỉ)": the case this limit is for (w84)
            options.append((score, unit.start + match.start(1), unit.start + match.end()))
            taken.add(match.start(1))
            owns.append(syllables(_own_after(body, match.end(1)).split("(")[0]))  # "(nếu …, không quá 24 giờ)":
            # an aside after a limit states the next limit's case
        if len(owns) >= 2:  # "trong thời hạn 10 ngày … kể từ … danh sách … đủ thông tin và trong thời hạn 20 ngày kể từ
            # … danh sách … điều chỉnh thông tin": what each limit counts from, printed after it, tells them apart
            options[-len(owns):] = within_unit(options[-len(owns):], _contrasted(
                options[-len(owns):], [set(own) for own in owns], context.weights,
                set(syllables(body[:options[-len(owns)][1] - unit.start])), context.settings.figure_contrast_weight,
                [set(own) for own in map(pairwise, owns)], frozenset(pairwise(syllables(question.key)))))
        if wants_duration:  # "Thời hạn giải quyết: 20 ngày làm việc" (no cue word before the figure)
            for match in _BARE_DURATION.finditer(body):
                if match.start(1) in taken or re.search(r"(?:ngày|tháng|năm)\s+$", body[max(0, match.start() - 6):match.start()]):
                    continue
                score = 0.25 + 0.8 * local_overlap(context.weights, lead + body[max(0, match.start() - 160):match.start()])
                score -= lead_time_penalty(question, body[match.end(1):match.end(1) + 40], context.settings)
                score += leading_value_fit(context, body, match.start(1), match.end(1))
                score += F.change_end_fit(question, body, match.start(1))
                score += _CASE_AFTER_WEIGHT * local_overlap(context.weights, F.case_after(body, match.end(1)))
                options.append((score, unit.start + match.start(1), unit.start + match.end(1)))
        for rank, d_start, d_end in find_dates(body):
            before = body[max(0, d_start - 40):d_start]
            if cited_act_date(body, d_start) or stated_by_question(question, body[d_start:d_end]) \
                    or months_for_a_day(question, body, d_start):
                continue  # a cited act's date; the date the question names (its case, not its answer)
            due = _DUE.search(before) or _DUE_WINDOW.search(before) if _WINDOW_DATE.match(body, d_start) else _DUE.search(before)
            event = _not_this_event(question, context, unit, body, d_start, due=bool(due))
            if event <= _OWN_DATE_PENALTY:
                continue  # the document's own date line is no deadline
            score = (0.5 if due else 0.1) + (0.3 if wants_date else 0.0) + event
            if (wants_duration and not wants_date) or role == "frequency":
                score -= 0.3  # "bao lâu" is answered by a duration, not a date
            opening = d_start - (len(before) - due.start()) if due else d_start
            if due_opens_sentence(body, d_start):  # "Chậm nhất đến hết ngày 20/10/2021, cơ quan … hoàn thành việc gửi …":
                own = body[d_end:d_end + 160]  # the date opens its sentence; what is due by it is printed after it
                own = own[:m.start()] if (m := re.search(r"[.;!?](?:\s|$)", own)) else own
            else:
                own = body[max(0, d_start - 160):d_start]
            score += 0.8 * local_overlap(context.weights, lead + own)
            if due:  # w84: "gửi báo cáo về Sở Y tế trước ngày 15/12 …, báo cáo UBND tỉnh trước ngày 25/12": what is due
                score += context.settings.date_predicate_weight * F.predicate_fit(  # by a due date is printed before it
                    question, context.weights, body, opening, lead)
            score += context.settings.date_form_bonus * max(form_fit(question, body[d_start:d_end]), 0.0)
            score += role_fit(question, body, d_start, d_end, context.settings.date_not_weekday_penalty)
            if title_year(question, body, d_start):
                score -= context.settings.date_title_year_penalty
            start = unit.start + opening
            options.append((score, start, unit.start + d_end))
        for r_start, r_end, base in recurring_spans(question, body):
            score = base + 0.3 + 0.8 * local_overlap(context.weights, lead + body[max(0, r_start - 160):r_start])
            options.append((score, unit.start + r_start, unit.start + r_end))
        phrase = F.asked_phrase(question)
        exact = F.phrase_figures(body, phrase) if phrase else []
        if exact:  # "mấy ngày công": "0,5 ngày công", not "02 (hai) giờ" of the same sentence
            options = [(score - 0.3, start, end) for score, start, end in options
                       if not any(unit.start + e_start <= start < unit.start + e_end for e_start, e_end in exact)]
            for e_start, e_end in exact:
                score = 0.5 + context.settings.asked_phrase_bonus + 0.8 * local_overlap(
                    context.weights, lead + body[max(0, e_start - 160):e_start]) + bound_fit(question, body, e_start, e_end)
                options.append((score, unit.start + e_start, unit.start + e_end))
        if not options:
            return continuation(self, question, unit, context)
        score, start, end = max(options, key=lambda o: o[0])
        while end > start and text[end - 1] in " ,;.":
            end -= 1
        return Span(start, end, score, text[start:end])

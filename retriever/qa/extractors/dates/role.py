"""Which of a sentence's dates the question asks, read by the date's role as a clerk reads it: the words before it
(due "trước", start "từ", end "đến hết", an event "vào ngày"), whether it opens its sentence, the form asked ("quý
nào", "tháng nào"), a date the question itself states, the year of a programme's title, a part of a year for a day.
"""

from __future__ import annotations

import re

from corpus.vietnamese import match_key
from retriever.qa.extractors.dates.spans import _PART_OF_YEAR, _RANGE_FROM, _WEEKDAY
from retriever.qa.question import QuestionAnalysis

_RANGE_TO = re.compile(r"(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?[*_]*$", re.IGNORECASE)

# An event's own date opens its sentence ("Ngày 28/11/2025, tại trụ sở …") or follows "vào".
_EVENT_BEFORE = re.compile(r"(?:^|\n)\s*[*_]*$|(?:vào|hôm)\s+(?:ngày\s+)?$", re.IGNORECASE)

_DUE = re.compile(r"(?:trước|chậm\s+nhất(?:\s+(?:là|vào))?|hạn\s+chót|đến\s+hết|trước\s+hoặc\s+trong)\s+"
                  r"(?:\d{1,2}(?::\d{2}|\s*giờ(?:\s*\d{1,2})?)\s+)?(?:ngày\s+)?[*_]*$", re.IGNORECASE)  # "**" of bold text


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


def opens_sentence(body: str, start: int) -> bool:
    """A date opening its sentence ("Ngày 18/11/2025, Thuế tỉnh … nhận được …") dates the whole sentence's event."""
    return bool(re.search(r"(?:^|\n|[.!?]\s)\s*[*_]*$", body[max(0, start - 6):start])) and start < len(body)


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
               ("year", re.compile(r"\bnam (?:nao|bao nhieu)\b")),
               # w109: "trước ngày nào", "diễn ra ngày nào": a day (all 162 such tuning and study questions are
               # answered by one, "25/11/2025", "05 tháng 7"), not the month a rival clause gives ("trong tháng 11")
               ("day", re.compile(r"\bngay (?:nao|may)\b(?! trong tuan)")))  # "ngày nào trong tuần": a weekday
_FORM_PRINTED = {"quarter": re.compile(r"\bquy\b"),
                 # a day by its number or by its place ("ngày cuối cùng của tháng", "ngày làm việc đầu tiên")
                 "day": re.compile(r"\d{1,2}\s*/\s*\d{1,2}|\bngay\b|\d{1,2}\s+thang\s+\d"),
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
    >>> q = analyze_question("Các bộ phải hoàn thành trước ngày nào?")
    >>> form_fit(q, "trước ngày 25 tháng 11 năm 2025"), form_fit(q, "25/11/2025"), form_fit(q, "trong tháng 11 năm 2025")
    (1.0, 1.0, -1.0)
    >>> form_fit(q, "ngày cuối cùng của tháng"), form_fit(analyze_question("Báo cáo vào ngày nào trong tuần?"), "15/11")
    (1.0, 0.0)
    """
    asked = next((form for form, cue in _FORM_ASKED if cue.search(question.key)), None)
    if asked is None:
        return 0.0
    return 1.0 if _FORM_PRINTED[asked].search(" ".join(match_key(printed).split())) else -1.0

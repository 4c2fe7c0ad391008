"""A date, a month, a quarter ("Quý 3/2024"), a deadline date (:class:`DateExtractor`): every date, period,
recurring day and event time the unit prints (and the sentence a line break cut it from), scored by its role, the
act it belongs to, the form asked and the question's words around it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from corpus.vietnamese import match_key
from retriever.qa import vocabulary as V
from retriever.qa.extractors import figures as F
from retriever.qa.extractors.base import Context
from retriever.qa.extractors.continued import continuation
from retriever.qa.extractors.dates.cited import (
    _OWN_DATE_PENALTY,
    _not_this_event,
    act_description,
    asked_act_fit,
    cited_act_date,
    named_act_date,
)
from retriever.qa.extractors.dates.role import (
    form_fit,
    months_for_a_day,
    opens_sentence,
    role_fit,
    stated_by_question,
    title_year,
)
from retriever.qa.extractors.dates.spans import (
    DATE_PATTERNS,
    event_period_spans,
    event_time_spans,
    find_dates,
    month_window_spans,
    period_spans,
    range_of,
    recurring_spans,
)
from retriever.qa.model import Span, Unit, UnitKind
from retriever.qa.question import QuestionAnalysis, QuestionKind
from retriever.qa.scoring import local_overlap, proximity

_DEADLINE_CUE = re.compile(V.DEADLINE_CUE, re.IGNORECASE)
_TIME = re.compile(V.TIME_PATTERN)

_NAMED_EVENT_WEIGHT = 0.4  # an event the question names printed right before the date: the date is that event's


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


# A time of day is copied with the bound printed before it ("trước 09 giờ 00", "sau 22 giờ đêm", "từ 10 giờ 00"), and
# for a window asked ("khung giờ nào") on through the other end it is joined to ("từ 10 giờ 00 đến 20 giờ 00",
# "trước 06 giờ sáng và sau 22 giờ đêm") (w114).
_TIME_BOUND = re.compile(r"(?:trước|sau|từ|Từ|Trước|Sau)\s+$")
_TIME_JOINED = re.compile(r"(?:\s+phút)?(?:\s+(?:buổi\s+)?(?:sáng|chiều|tối|đêm|trưa))?\s*(?:đến|tới|-|–|và|hoặc)\s+"
                          r"(?:trước\s+|sau\s+)?(?=\d)")
_WINDOW_BONUS = 0.3  # a time joined to the window's other end, for a window asked


def _time_span(body: str, match: re.Match[str], window: bool, asked_key: str = "") -> tuple[int, int]:
    """Where the time of day ``match`` is copied from and to: with its bound (unless the question prints that bound
    itself: "trước mấy giờ" is answered "06 giờ"), and through the window's other end when a window is asked.

    >>> body = "trực 10/24 giờ trong ngày (từ 10 giờ 00 đến 20 giờ 00 trong ngày)"
    >>> first = _TIME.search(body, body.index("từ"))
    >>> body[slice(*_time_span(body, first, True))], body[slice(*_time_span(body, first, False))]
    ('từ 10 giờ 00 đến 20 giờ 00', 'từ 10 giờ 00')
    >>> body[slice(*_time_span(body, first, False, "tu may gio"))]
    '10 giờ 00'
    """
    start, end = match.start(), match.end()
    bound = _TIME_BOUND.search(body, max(0, start - 8), start)
    if bound and not re.search(rf"\b{match_key(bound.group(0).strip())} (?:may|bao nhieu) gio\b", asked_key):
        start = bound.start()
    joined = _TIME_JOINED.match(body, end) if window else None
    other = _TIME.match(body, joined.end()) if joined else None
    return start, other.end() if other else end


_RANGE_ASKS_ONE_END = frozenset({"start", "end", "due", "weekday", "frequency", "duration"})

_MONTH_WINDOW_BASE = 0.3  # a season of months: below a dated answer's 0.5, above an event's 0.1
_EVENT_TIME_BASE = 0.1  # below a date the question's words lead to: an event answers only where no date does
_EVENT_ROLE_FIT = 0.3  # as role_fit weighs a date printed after "từ" for a start, after "trước" for a due date


class DateExtractor:
    """A date, a month, a quarter ("Quý 3/2024"), a deadline date."""

    kinds = (QuestionKind.DATE,)

    def extract(self, question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None:
        body = context.body(unit)
        options: list[tuple[float, int, int]] = []
        if question.wants_time:  # "trước mấy giờ": only a time of day answers
            window = F.asks_range(question)  # "khung giờ nào": the hours from one time to another
            for match in _TIME.finditer(body):
                if body[match.start() - 1:match.start()] == "/":
                    continue  # "trực 10/24 giờ": ten hours of the day's 24, not a time of day
                score = 0.5 + 0.8 * proximity(context.weights, body[max(0, match.start() - 120):match.start()],
                                              body[match.end():match.end() + 40])
                start, end = _time_span(body, match, window, question.key)
                if window and end > match.end():
                    score += _WINDOW_BONUS
                word_before = re.search(r"(\w+)\s+$", body[max(0, match.start() - 12):match.start()])
                if word_before and re.search(rf"\b{match_key(word_before.group(1))} may gio\b", question.key):
                    score += 0.3  # "trước 06 giờ" for "trước mấy giờ"
                part_of_day = re.search(r"(sáng|chiều|tối|đêm|trưa)$", match.group(0))
                if part_of_day and re.search(rf"\bmay gio {match_key(part_of_day.group(1))}\b", question.key):
                    score += 0.3  # "06 giờ sáng" for "mấy giờ sáng"
                options.append((score, unit.start + start, unit.start + end))
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
        for w_start, w_end in month_window_spans(body):  # "Từ tháng 3 đến tháng 11 hàng năm": a season, no year (w143)
            if not any(s <= unit.start + w_start < e for _, s, e in options):
                score = _MONTH_WINDOW_BASE + 0.6 * local_overlap(context.weights, lead + body[max(0, w_start - 120):w_start])
                options.append((score, unit.start + w_start, unit.start + w_end))
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

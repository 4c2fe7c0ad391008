"""Time limits and due dates (:class:`DeadlineExtractor`): durations ("trong thời hạn 15 ngày làm việc kể từ …"),
due dates ("trước ngày 15/12/2025", "chậm nhất ngày …") and frequencies ("định kỳ hằng quý"), the event a limit counts
from, a rival limit's words kept out, a duration counted back from an event.
"""

from __future__ import annotations

import re
from itertools import pairwise

from corpus.vietnamese import match_key
from retriever.qa import vocabulary as V
from retriever.qa.extractors import figures as F
from retriever.qa.extractors.base import Context
from retriever.qa.extractors.continued import continuation
from retriever.qa.extractors.dates.cited import (
    _OWN_DATE_PENALTY,
    _not_this_event,
    cited_act_date,
)
from retriever.qa.extractors.dates.extractor import DateExtractor
from retriever.qa.extractors.dates.role import (
    _DUE,
    due_opens_sentence,
    form_fit,
    months_for_a_day,
    role_fit,
    stated_by_question,
    title_year,
)
from retriever.qa.extractors.dates.spans import find_dates, recurring_spans
from retriever.qa.extractors.numbers import (
    _contrasted,
    _own_after,
    _range_start,
    _stated,
    bound_fit,
)
from retriever.qa.model import Span, Unit
from retriever.qa.question import QuestionAnalysis, QuestionKind
from retriever.qa.scoring import local_overlap, syllables

# How often: "Định kỳ hàng tháng, quý, 6 tháng, 9 tháng, năm", "hằng quý", "06 tháng một lần".
_PERIOD_WORD = r"(?:\d+\s+)?(?:tháng|quý|năm|tuần|ngày)"
# w143: the occasion a frequency admits besides its period is part of it ("Định kỳ hằng năm hoặc đột xuất", "hằng quý
# hoặc khi có yêu cầu"; five documents print one)
_OCCASION = r"(?:\s*\**\s*(?:hoặc|và)\s+(?:đột\s+xuất|khi\s+có\s+yêu\s+cầu|khi\s+cần\s+thiết))?"
_FREQUENCY = re.compile(rf"(?:(?:[Đđ]ịnh\s+kỳ\s+(?:(?:hàng|hằng|mỗi)\s+)?|(?:[Hh]àng|[Hh]ằng)\s+)"
                        rf"{_PERIOD_WORD}(?:\s*(?:,|và|hoặc)\s*(?:(?:hàng|hằng)\s+)?{_PERIOD_WORD}(?!\s*\d))*"
                        rf"|{_PERIOD_WORD}\s+(?:một|1)\s+lần){_OCCASION}")

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

# "báo cáo … trong Quý I năm 2026", "trong tháng 12/2025": a quarter or a month is the window a task is due in
_DUE_WINDOW = re.compile(r"(?<!\w)trong\s+$", re.IGNORECASE)
_WINDOW_DATE = re.compile(r"(?:[Qq]uý|QUÝ|[Tt]háng|THÁNG)\s")

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


def stated_duration(question: QuestionAnalysis, printed: str) -> bool:
    """Whether the question itself prints the duration ``printed`` ("sĩ quan có đủ 15 năm phục vụ … được giải quyết
    trong bao lâu?" over "… đủ 15 năm phục vụ …; Thời gian giải quyết: 01 ngày"): the case it states, not the time it
    asks — read as the figures' extractor reads a figure the question prints (``numbers._stated``).

    >>> from retriever.qa.question import analyze_question
    >>> q = analyze_question("Thủ tục cho người có đủ 15 năm công tác được giải quyết trong bao lâu?")
    >>> stated_duration(q, "15 năm"), stated_duration(q, "01 ngày"), stated_duration(q, "15 (mười lăm) ngày")
    (True, False, False)
    """
    printed_figure = re.match(r"(\d+)(?:\s*\([^()]*\))?\s+(\w+)", printed)
    return bool(printed_figure) and _stated(question, printed_figure.group(1), printed_figure.group(2))


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


_CASE_AFTER_WEIGHT = 0.6  # the case a limit is stated for, printed after it (as the words before it weigh 0.8)


def within_unit(before: list[tuple[float, int, int]], after: list[tuple[float, int, int]]) -> list[tuple[float, int, int]]:
    """``after`` (options rescored by what tells them apart) lowered so that the best is no higher than the best of
    ``before``: the words that tell a unit's figures apart choose among them, they do not make the unit likelier.

    >>> within_unit([(1.0, 0, 1), (0.5, 2, 3)], [(1.0, 0, 1), (1.5, 2, 3)])
    [(0.5, 0, 1), (1.0, 2, 3)]
    """
    excess = max(o[0] for o in after) - max(o[0] for o in before)
    return [(score - max(0.0, excess), start, end) for score, start, end in after]


_CLAUSE_OPENING = re.compile(r"\s*(?:[-+•*–]|\(\d+\)|[a-zđ]\)|\d+(?:\.\d+)*\.)?\s*")
_SENTENCE_END = re.compile(r"[.!?;](?:\s|$)")


def frequency_clause(body: str, start: int, end: int) -> str:
    """The words that say what recurs at a frequency printed at ``start:end``: the 160 characters before it, or — when
    it opens its sentence ("1. Hằng tháng, cùng thời điểm trả lương, Công an đơn vị … trích đóng bảo hiểm y tế …";
    "Hằng quý, cơ quan … chuyển …") — its sentence after it, as a clerk reads an opening adverbial: of the act it heads.

    >>> body = "Điều 5. Đóng bảo hiểm\\n1. Hằng tháng, đơn vị trích đóng bảo hiểm y tế; chậm nhất ngày cuối tháng."
    >>> frequency_clause(body, body.index("Hằng"), body.index(","))
    ', đơn vị trích đóng bảo hiểm y tế'
    >>> frequency_clause("Sở Y tế báo cáo định kỳ hằng quý về Bộ", 16, 32)
    'Sở Y tế báo cáo '
    """
    cut = max((m.end() for m in re.finditer(r"[.!?;:](?:\s|$)|\n", body[:start])), default=0)
    if _CLAUSE_OPENING.fullmatch(body, cut, start) and body[end:end + 1] == ",":
        after = body[end:end + 160]
        stop = _SENTENCE_END.search(after)
        return after[:stop.start()] if stop else after
    return body[max(0, start - 160):start]


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
                score = 0.6 + 0.8 * local_overlap(context.weights, lead + frequency_clause(body, match.start(), match.end()))
                options.append((score, unit.start + match.start(), unit.start + match.end()))
        rivals: list[int] = []  # where the time limits before this one in the unit start
        owns: list[list[str]] = []  # the words each time limit's own qualifiers print
        for match in _DURATION.finditer(body):
            if re.match(r"\s*(?:\d{1,2}\s*)?(?:phút\s+)?ngày\s+\d", body[match.end(1):match.end(1) + 20]):
                continue  # "trước 17 giờ ngày 27/11/2025": a time on a date, not a duration
            if stated_duration(question, match.group(1)):
                continue  # "đủ 15 năm phục vụ" printed as the question prints it: its case, not the limit asked
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
                if stated_duration(question, match.group(1)):
                    continue  # the question's own case ("có đủ 15 năm phục vụ"), not the time it asks
                score = 0.25 + 0.8 * local_overlap(context.weights, lead + body[max(0, match.start() - 160):match.start()])
                score -= lead_time_penalty(question, body[match.end(1):match.end(1) + 40], context.settings)
                score += leading_value_fit(context, body, match.start(1), match.end(1))
                score += F.change_end_fit(question, body, match.start(1))
                score += _CASE_AFTER_WEIGHT * local_overlap(context.weights, F.case_after(body, match.end(1)))
                # w143: "Sau gieo trồng từ 01 đến 10 ngày": a duration ending a range is copied with its near end
                options.append((score, unit.start + _range_start(body, match.start(1)), unit.start + match.end(1)))
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

"""Numbers with their unit ("46 trạm y tế", "90%"), and amounts ("500.000 đồng/người/tháng").

A figure the question ties to a year or a target ("năm 2025 đạt bao nhiêu") is looked for
next to that year: a year printed right after the figure in its own clause ("90% vốn kế hoạch
năm 2024") is the figure's; otherwise the nearest year printed before it.

A figure is answered whole, the way a clerk copies it: a range keeps both ends ("200-400mm",
"từ 85 đến 100", "2,5 - 5,5 tỷ đồng/xã"), a unit keeps what it is per ("đồng/ha") and a
measure printed against the figure ("400mm", "40 m") or a duration's full name ("15 (mười lăm)
ngày làm việc") stays with it.
"""

from __future__ import annotations

import re
from itertools import pairwise

from corpus import lexicon as L
from corpus.vietnamese import match_key
from retriever.qa import vocabulary as V
from retriever.qa.extractors import figures as F
from retriever.qa.extractors.base import Context
from retriever.qa.extractors.continued import continuation
from retriever.qa.model import Span, Unit
from retriever.qa.question import QuestionAnalysis, QuestionKind
from retriever.qa.scoring import content, local_overlap, proximity, syllables

_MEASURE = V.MEASURE_SYMBOLS
# A fraction counts a share of its unit ("1/2 (một phần hai) năm", "1/4 ngày", "9/9 huyện"): a quantity printed
# before a word, not a date's day and month ("từ 1/7 đến", "1/7 năm 2025"), read whole (w114).
_FRACTION = (r"\d{1,2}/\d{1,2}(?=\s+(?:\([^()\d]{1,20}\)\s+)?(?!(?:đến|tới|và|hoặc|của|(?:năm|tháng)\s+\d)(?!\w))"
             r"[a-zà-ỹđ])")
_NUMBER = re.compile(r"(?<![\w/.,])(\d+(?:[.,]\d+)*|" + _FRACTION + r")(?!(?!" + _MEASURE
                     + r"(?!\w))[\w/]|[.,]\d)(\s*%)?")
_ATTACHED = re.compile(_MEASURE + r"(?!\w)")  # "400mm": the measure printed against the figure
_SYMBOL = re.compile(r"\s+" + _MEASURE + r"(?![\w/])")  # "40 m"
# the bound an end of a range may carry: "từ trên 15% đến không quá 30%"
# w143: a span of time whose both ends print its unit ("từ 01 tháng đến 06 tháng", "từ 07 tháng đến 11 tháng")
_SPAN_UNIT = r"(?:ngày|tháng|năm|tuần|giờ)(?:\s+làm\s+việc)?(?!\w)"
_END_BOUND = r"(?:dưới|hết|trên|không\s+quá|không\s+vượt\s+quá|tối\s+đa)\s+"
_RANGE_START = re.compile(r"(?:(?:từ|Từ)\s+(?:" + _END_BOUND + r")?)?\d+(?:[.,]\d+)*\s*(?:%|" + _MEASURE + r"(?!\w)|"
                          + V.MONEY_UNITS
                          + r"(?:\s*/\s*[^\W\d]\w*){0,2}|" + _SPAN_UNIT + r")?\s*(?:-|–|đến)\s*"
                          r"(?:" + _END_BOUND + r")?$")  # "từ 250 triệu đồng đến dưới 01 tỷ đồng"
_RANGE_NEXT_MONEY = re.compile(r"\s*" + V.MONEY_UNITS + r"(?:\s*/\s*[^\W\d]\w*){0,2}\s*(?:-|–|đến)\s*(?:" + _END_BOUND + r")?\d")
_RANGE_NEXT = re.compile(r"\s*%?\s*(?:-|–|đến)\s*(?:" + _END_BOUND + r")?\d")
# "200m-500m": a range whose ends both print the measure (w114)
_MEASURED_RANGE_NEXT = re.compile(r"\s*" + _MEASURE + r"\s*(?:-|–|đến)\s*(?:" + _END_BOUND + r")?\d")
# what a figure is per: "/người/tháng", "/lượt khám"; a measure symbol ends it ("/ha diện tích": "/ha")
_PER = re.compile(r"(?:\s*/\s*(?:(?:\d+(?:[.,]\d+)?\s*)?" + _MEASURE + r"(?!\w)|[^\W\d]\w*(?:\s+" + V.PER_JOINERS
                  + r"(?![x×](?!\w))[^\W\d/]\w*)?)){1,3}")  # ("đồng/năm x 05 năm": the product's sign is not the unit's)
# (a measure may be counted: "30.000.000 đồng/100 m3 thể tích nuôi")
_WORKING_DAYS = re.compile(r"\s+làm\s+việc(?!\w)")
_BASE_OF_RATE = re.compile(V.BASE_OF_RATE, re.IGNORECASE)
_BOUND_AFTER = re.compile(V.BOUND_AFTER)
_QUALIFIER = re.compile(V.QUALIFIERS.replace(" ", r"\s+") + r"\s+$", re.IGNORECASE)  # "không\nquá 02": wrapped
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_MONEY = re.compile(r"\s*" + V.MONEY_UNITS + "(" + V.PER_UNIT + ")?")
_NUMBER_WORD = re.compile(r"(?<!\w)(" + F.SPELLED_NUMBER + r")\s+(\w+(?:\s+\w+)?)", re.IGNORECASE)  # "mười lăm thành viên"


_FOLLOWING = re.compile(r"[^\W\d_]+")
_ROMAN = re.compile(r"(?<!\w)(thứ|[^\W\d]+)\s+([IVXL]{1,6})(?!\w)")  # "lần thứ XIV", "Quốc hội khóa XV"


def _improper(fraction: str) -> bool:
    """Whether a printed "a/b" is more than a whole (a > b or b = 0): a date's day and month, not a share."""
    top, bottom = (int(part) for part in fraction.split("/"))
    return bottom == 0 or top > bottom


def _rest_of_unit(text: str, end: int, extra: int = 2) -> int:
    """Extend a unit word run ("12 điều y" → "12 điều y đức") by up to ``extra`` plain lower-case words."""
    for _ in range(extra):
        word = re.match(r" ([a-zà-ỹđ]+)(?!\w)", text[end:end + 12])
        if not word:
            break
        if text[end + word.end():end + word.end() + 1] == "/":  # "100 lượt người/tháng": the unit goes on per month
            return end + word.end()
        if match_key(word.group(1)) in V.STOPWORDS or word.group(1) in V.NAME_STOP:
            break
        end += word.end()
    return end


def _echoed_words(text: str, end: int, words: tuple[str, ...]) -> int:
    """Extend a unit word run over the words the question prints after its unit, as printed ("03 tháng trợ" +
    "cấp" for "mấy tháng trợ cấp"; "6 tháng trở" + "lên" for "bao nhiêu tháng trở lên"): a word is not cut in half.

    >>> t = "bằng 03 tháng trợ cấp hiện hưởng"
    >>> t[:_echoed_words(t, 17, ("cap", "thi"))], t[:_echoed_words(t, 17, ("cap", "hien", "tu"))]
    ('bằng 03 tháng trợ cấp', 'bằng 03 tháng trợ cấp hiện')
    >>> t = "có 21 kỹ thuật từ tuyến trên; đủ 6 tháng trở lên"
    >>> t[:_echoed_words(t, 14, ("thuat", "tu", "nam"))], t[:_echoed_words(t, 40, ("tro", "len", "thi"))]
    ('có 21 kỹ thuật', 'có 21 kỹ thuật từ tuyến trên; đủ 6 tháng trở lên')
    """
    start = kept = end
    for word in words:
        printed = re.match(r"\s+(\w+)", text[end:end + 20])
        if not printed or match_key(printed.group(1)) != word:
            break
        end += printed.end()
        if word not in V.STOPWORDS or re.search(r"\btrở\s+(?:lên|xuống)$", text[max(0, start - 8):end]):
            kept = end  # not a dangling function word ("21 kỹ thuật từ"), save the bound "trở lên"
    return kept


def _year_fit(question: QuestionAnalysis, body: str, at: int, end: int | None = None, above: str = "") -> float:
    """+ when the figure's year is a year the question asks about.

    The figure's year is one printed right after it, before any other figure or the clause's end
    ("100% vốn kế hoạch năm 2023 … và 90% vốn kế hoạch năm 2024": 2024 is the 90 %'s); else the
    nearest year printed before it ("Năm 2025, đạt 95%"); else (w54) the year of the lead-in or heading the
    figure's point is listed under (``above``: "Mục tiêu đến năm 2030:" / "- Tỷ lệ … đạt 95%").
    """
    if not question.target_years:
        return 0.0
    if F.current_for_target(question, body, at):
        return -0.4  # "Hiện nay, tổng số trạm … là 87 trạm" for "đến hết giai đoạn 2026 - 2030 phấn đấu có bao nhiêu"
    end = at if end is None else end
    window = body[end:min(len(body), end + 40)]
    stop = _CLAUSE_END.search(window)
    window = window[:stop.start()] if stop else window
    after = next((m for m in re.finditer(r"\d+(?:[.,]\d+)*", window)), None)
    own = after.group(0) if after and _YEAR.fullmatch(after.group(0)) else None
    before = list(_YEAR.finditer(body, max(0, at - 160), at))
    nearest = own or (before[-1].group(1) if before else None)
    if nearest is None:
        nearest = F.heading_year(above)
    if nearest is None:
        return 0.0
    return 0.5 if nearest in question.target_years else -0.4


_CLAUSE_END = re.compile(r"[;.](?:\s|$)|\n\s*\n")


_BEFORE_FIGURE = re.compile(r"(?:\s*(?:[<>≤≥]|" + V.QUALIFIERS.replace(" ", r"\s+") + r"|là|bằng|đạt|khoảng))*\s*$", re.IGNORECASE)


def _follows_label(body: str, at: int, label: tuple[str, ...]) -> bool:
    """Whether the figure at ``at`` is printed right after the question's label words
    ("trọng lượng toàn bộ > 100 tấn" for "toàn bộ trên bao nhiêu tấn")."""
    window = body[max(0, at - 40):at]
    window = window[: _BEFORE_FIGURE.search(window).start()]
    words = syllables(window)[-(len(label) + 2):]  # "tuổi thọ trung bình đạt 74,3" for ("tho", "trung")
    return any(tuple(words[i:i + len(label)]) == label for i in range(len(words) - len(label) + 1))


_FIRST_END = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)*)\s*(?:%|[^\W\d]+)?\s*(?:-|–|đến)\s*(?:dưới\s+|hết\s+)?$")


def _range_names_question_number(question: QuestionAnalysis, before: str) -> bool:
    """Whether the figure closes a range whose first end the question itself states ("từ đủ 15 năm đến dưới
    20 năm" for "đủ 15 năm … được bao nhiêu"): the range is the question's condition, not its answer."""
    first = _FIRST_END.search(before)
    return bool(first) and first.group(1) in question.numbers


def _noun_printed_after(body: str, end: int, noun: tuple[str, ...]) -> int:
    """Where the question's counted noun ends when it is printed right after a figure ending at ``end`` ("30% GRDP"
    for "chiếm bao nhiêu GRDP"), relative to ``body``; else 0.

    >>> body = "Tỷ trọng kinh tế số đạt tối thiểu 30% GRDP; 10 doanh nghiệp"
    >>> at = body.index("%") + 1
    >>> body[:_noun_printed_after(body, at, ("grdp",))][-8:], _noun_printed_after(body, at, ("doanh", "nghiep"))
    ('30% GRDP', 0)
    """
    words = list(re.finditer(r"\w+", body[end:end + 12 * len(noun) + 4]))[:len(noun)]
    if len(words) < len(noun) or re.search(r"[;,.:\n]", body[end:end + words[0].start()]):
        return 0
    return end + words[-1].end() if tuple(match_key(w.group(0)) for w in words) == tuple(noun) else 0


def _noun_governs(body: str, at: int, noun: list[str] | tuple[str, ...]) -> bool:
    """Whether the counted noun the question asks for is printed just before the figure, in its clause
    ("Tổng số điểm đạt được từ 85 đến 100", "số trạm y tế đạt chuẩn là 46"), not as the unit the figure is per
    ("mỗi thương vụ từ 01 triệu USD").

    >>> body = "số trạm y tế đạt chuẩn là 46; với giá trị mỗi thương vụ từ 01 triệu USD"
    >>> _noun_governs(body, body.index("46"), ("tram",)), _noun_governs(body, body.index("01"), ("thuong", "vu"))
    (True, False)
    """
    window = body[max(_clause_start(body, at), at - 50):at]
    window = re.split(r"\d+(?:[.,]\d+)*%?(?:\s+[^\W\d]+)?", window)[-1]  # another figure and its unit are
    # that figure's ("cấp xã, gồm 40 xã và 08 phường": "xã" counts the 40)
    words = syllables(window)[-6:]
    return any(tuple(words[i:i + len(noun)]) == tuple(noun) and (i == 0 or words[i - 1] not in _EACH)
               for i in range(len(words) - len(noun) + 1))


# "giá trị mỗi thương vụ từ 01 triệu USD", "mỗi xã 02 người": the figure after "mỗi/từng <noun>" is what each one is
# worth or holds, never how many of the noun there are (w109)
_EACH = frozenset({"moi", "tung"})


def _asks_measure(question: QuestionAnalysis) -> bool:
    """Whether the question counts a measure or a time after its "bao nhiêu" ("bao nhiêu giờ", "mấy tấn"), never
    answered by a rate (w114)."""
    return bool(question.wanted_unit) and question.wanted_unit[0] in L.MEASURE_KEYS and not question.wants_percent


_BOUND_MAX = re.compile(V.BOUND_MAX)
_ASKS_MONEY = re.compile(r"\bbao nhieu (tien|dong)\b")
_BOUND_MIN = re.compile(V.BOUND_MIN)
# How a question may word a case the text words otherwise ("chưa đủ 12 tháng" is printed "dưới 12 tháng").
_SAME_BOUND_AS = {"chua du": "duoi", "it hon": "duoi", "nhieu hon": "tren", "hon": "tren", "vuot": "tren"}
_SAME_BOUND = re.compile(r"\b(chua du|it hon|nhieu hon|hon|vuot)(?= \d)")
_CONDITION = re.compile(r"(\w+) (\d+(?:[.,]\d+)?)\b")


def _bound(key: str) -> str:
    """ "max" or "min" when ``key`` (match_key text) states a bound ("không quá", "ít nhất"), else ""."""
    if _BOUND_MAX.search(key):
        return "max"
    return "min" if _BOUND_MIN.search(key) else ""


def bound_fit(question: QuestionAnalysis, body: str, start: int, end: int) -> float:
    """+ when the figure is printed with the bound the question asks ("tối đa" → "không quá 6.000.000 đồng")."""
    asked = _bound(question.key)
    if not asked:
        return _wh_bound_fit(question, body, start, end)
    printed = _bound(" ".join(match_key(body[max(0, start - 20):min(end, start + 30)]).split()))  # "không\nquá"
    if not printed and re.match(r"[^\d;.]{0,30}?trở lên", body[end:end + 40]):
        printed = "min"  # "từ 200 tỷ đồng Việt Nam/năm trở lên"
    if printed == asked:
        return 0.3
    return _OPPOSITE_BOUND if F.opposite_bound(question, body, start, end) else 0.0


def _wh_bound_fit(question: QuestionAnalysis, body: str, start: int, end: int) -> float:
    """+ when the bound the question puts at its wh-word ("trên bao nhiêu", "hơn bao nhiêu phần trăm") is the bound
    the figure is printed with ("đạt trên 70%", "từ 200 tấn trở lên"), − for the other end ("dưới 5%"): a target
    printed as a floor answers "more than how many" (w124; plans print floors "đạt trên/tối thiểu X%": tvpl_040,
    tvpl_074, tvpl_130, tvpl_151, tvpl_190).

    >>> from retriever.qa.question import analyze_question
    >>> q = analyze_question("Đến 2030 tỉnh muốn hơn bao nhiêu phần trăm doanh nghiệp dùng hóa đơn điện tử?")
    >>> body = "100% giao dịch có hóa đơn; tỷ lệ doanh nghiệp đạt trên 70%; dưới 5% doanh nghiệp"
    >>> [_wh_bound_fit(q, body, body.index(f), body.index(f) + 3) for f in ("100%", "70%", "5%")]
    [0.0, 0.3, -0.4]
    """
    asked = F.asked_bound(question)
    printed = F.printed_bound(body, start, end) if asked else ""
    if not printed:
        return 0.0
    return 0.3 if printed == asked else _OPPOSITE_BOUND


_OPPOSITE_BOUND = -0.4  # "dưới 01 tỷ đồng" for "từ bao nhiêu trở lên": the other end of the case, not the one asked


def _condition_fit(question: QuestionAnalysis, body: str, at: int, above: str = "", case_weight: float = 0.0,
                   end: int | None = None) -> float:
    """How many of the conditions the question states with figures ("thiệt hại từ 30% đến 70%", "đủ 15 năm")
    the figure's clause prints, each with the word before it: the figure answering the question's case.

    The clause runs from the previous ";" or sentence end, plus the lead of its sentence before a colon
    ("Sau gieo trồng từ 01 đến 10 ngày: thiệt hại trên 70% …, hỗ trợ …; thiệt hại từ 30% …"), or the lead-in line
    the unit is listed under (``above``). A figure the question states inside a printed range ("gieo được 5 ngày"
    in "từ 01 đến 10 ngày") is that case too (w54).
    """
    key = _SAME_BOUND.sub(lambda m: _SAME_BOUND_AS[m.group(1)], question.key)
    conditions = [(w, n) for w, n in _CONDITION.findall(key) if not _YEAR.fullmatch(n)]
    if not conditions:
        return 0.0
    start = _clause_start(body, at)
    if start and not re.search(r"\d", body[start:at]):  # a clause stating no case of its own: the case its sentence
        start = _sentence_start(body, start)  # opens with is its too ("10 tháng tăng 15,55% …; … bán lẻ … tăng 15,1%")
    colon = body.find(":", 0, at)
    lead = body[:colon] if 0 <= colon < start else ("" if colon >= 0 else above)
    text = lead + " " + body[start:at]
    # w84: a case printed after the figure is its own ("hỗ trợ 03 tháng lương cho người có từ đủ 05 năm công tác trở
    # lên; … 01 tháng lương cho người có dưới 05 năm"), before one its sentence opens with
    own = F.case_fit(question, match_key(F.case_clause_after(body, end))) if case_weight and end is not None else 0.0
    cases = case_weight * (own or F.case_fit(question, match_key(text))) if case_weight else 0.0  # "từ đủ 60 tháng
    # đến dưới 84 tháng" for "từ 5 năm đến dưới 7 năm"; "đến 06 tháng tuổi" is not "trên 6 tháng tuổi"
    words = syllables(text)
    pairs = set(pairwise(words))
    ranges = [(float(a.replace(",", ".")), float(b.replace(",", "."))) for a, b in _PRINTED_RANGE.findall(text)]
    found = sum(1.0 if n not in words and not _in_code(question.text, n) and any(
        _within(w, float(n.replace(",", ".")), a, b) for a, b in ranges)
                else 0.5 * (n in words) + 0.5 * ((w, n) in pairs) for w, n in conditions)
    return 0.4 * found / len(conditions) + cases


def _in_code(text: str, number: str) -> bool:
    """Whether ``number`` is printed in the question only inside a code or act number ("28/2021/QĐ-TTg")."""
    return not re.search(rf"(?<![\w/.,-]){re.escape(number)}(?![\w/.,-]*[/-]\w)", text)


def _within(word: str, value: float, low: float, high: float) -> bool:
    """Whether the case "``word`` ``value``" of the question ("được 5", "dưới 12", "trên 70") falls in a printed range."""
    if word == "duoi":
        return high <= value
    if word in ("tren", "qua"):
        return low >= value
    return low <= value <= high


# a range printed as a case: "từ 01 đến 10 ngày", "từ trên 10 ngày đến 45 ngày", "5 - 7 năm"
_PRINTED_RANGE = re.compile(r"(?<![\d.,/])(\d+(?:,\d+)?)(?:\s+[^\W\d]+)?\s*(?:-|–|đến)\s*(?:dưới\s+|hết\s+)?(\d+(?:,\d+)?)"
                            r"(?![\d.,/])")


_PARALLEL = 0.5  # share of words two figures' qualifiers must have in common to read as parallel


def _contrasted(options: list[tuple[float, int, int]], owns: list[set[str]], weights: dict[str, float],
                shared: set[str], weight: float = 0.8, pairs: list[set[tuple[str, str]]] | None = None,
                asked_pairs: frozenset[tuple[str, str]] = frozenset()) -> list[tuple[float, int, int]]:
    """+ for a figure whose own qualifiers print question words no other figure's do, nor the sentence's
    subject before the figures (``shared``): "10% … đối với trình độ sơ cấp và … 5% … đối với trình độ trung
    cấp, cao đẳng" for "với trình độ trung cấp, cao đẳng".

    A pair of words the question prints side by side tells a figure apart too when only its qualifiers print
    the pair (``pairs``, ``asked_pairs``): "trình độ sơ cấp" against "trình độ cao đẳng, trung cấp", where "cấp"
    is both's and "sơ" alone is one word (w63)."""
    if len(options) < 2:
        return options
    # the question words some figures' qualifiers print and others do not: what tells the figures apart
    # Parallel qualifiers ("… chính khóa đối với đào tạo trình độ sơ cấp" / "… trình độ trung cấp, cao đẳng") share
    # most of their words: what tells them apart is then weighed against itself, not against the whole question.
    union, common = set().union(*owns), set.intersection(*owns)
    telling = {w for w in union - shared - common if w in weights}
    parallel = len(common) >= _PARALLEL * len(union) > 0
    total = (sum(weights[w] for w in telling) if parallel else sum(weights.values())) or 1.0
    adjusted = []
    for i, (score, start, end) in enumerate(options):
        others = shared.union(*(own for j, own in enumerate(owns) if j != i))
        unique = [w for w in owns[i] - others if w in weights]
        if len(unique) < 2 and pairs:  # "sơ cấp": a pair of the question only this figure's qualifiers print
            phrase = (pairs[i] & asked_pairs) - set().union(*(own for j, own in enumerate(pairs) if j != i))
            if phrase:
                unique = sorted({w for pair in phrase for w in pair if w in weights} | set(unique))
                total = max(total, sum(weights[w] for w in unique))
        if len(unique) >= 2:  # one shared-looking word ("phần còn lại" for "phần trăm") is no evidence
            score += weight * sum(weights[w] for w in unique) / total
        adjusted.append((score, start, end))
    return adjusted


def _own_after(body: str, end: int) -> str:
    """What follows a figure up to the next figure, a conjunction or the clause's end (at most 100
    characters): its own qualifiers ("5% tổng thời lượng … đối với đào tạo trình độ trung cấp, cao đẳng")."""
    after = body[end:end + 100]
    # the next figure's lead is not its own: a conjunction, or the next item's label ("12 trạm, Viettel: 28 trạm")
    # ("04 tuần trong 01 năm đối với …": the period a figure is per is still its own)
    stop = re.search(r"[;.](?:\s|$)|(?<!trong )(?<!mỗi )(?<![/\d.,])\d|,?\s+(?:và|hoặc|nhưng|còn)\s|"
                     r",\s*[^\W\d][^,;:\d]{0,40}:", after)
    return after[:stop.start()] if stop else after


_SENTENCE_END = re.compile(r"\.(?:\s|$)|\n\s*\n")


def _sentence_start(body: str, at: int) -> int:
    start = 0
    for boundary in _SENTENCE_END.finditer(body, 0, at):
        start = boundary.end()
    return start


def _clause_start(body: str, at: int) -> int:
    start = 0
    for boundary in _CLAUSE_END.finditer(body, 0, at):
        start = boundary.end()
    return start


def _stated(question: QuestionAnalysis, value: str, unit_word: str) -> bool:
    """Whether the question itself prints this figure with this unit word ("đủ 15 năm", "đến 01 tỷ đồng" for
    "1 tỷ đồng"): the case it states, not what it asks."""
    number, word = value.lstrip("0") or "0", re.escape(match_key(unit_word))
    return bool(re.search(rf"(?<![\d.,])0*{re.escape(number)} {word}\b", question.key)
                # the first end of a range the question states: "trên 10 đến 20 tỷ đồng" states "10 tỷ đồng"
                or re.search(rf"(?<![\d.,])0*{re.escape(number)}\s*(?:-|–|den)\s*(?:duoi\s+)?\d[\d.,]* {word}\b",
                             question.key))


# A figure whose thousands groups a typing slip split with a space ("3.000 000 đồng"): its last groups.
_SPLIT_GROUPS = re.compile(r"(?:\s\d{3}(?![\d.,]?\d))+(?=\s*" + V.MONEY_UNITS + ")")
_SPLIT_GROUP_BEFORE = re.compile(r"\d[.,]\d{3}\s$")


def _is_code(value: str) -> bool:
    """A code printed with dots ("2710.19.20", "01.02.03"): not thousands groups of three digits.

    >>> _is_code("2710.19.20"), _is_code("1.000.000"), _is_code("74,3")
    (True, False, False)
    """
    groups = value.split(".")
    return len(groups) > 2 and any(len(g) != 3 for g in groups[1:])


# Labels of numbers that identify rather than count: a tax code, a telephone, an account.
_IDENTIFIER_LABEL = re.compile(r"(?:MST|mã số thuế|[Mm]ã số doanh nghiệp|[Đđ]iện thoại|ĐT|Fax|[Tt]ài khoản|STK)\s*:?\s*$")


_ADDRESS_LABEL = re.compile(r"(?:[Đđ]/c|[Đđ]ịa\s+chỉ)\s*:[^;()]{0,80}$")


def _is_identifier(body: str, at: int, value: str, measured: bool) -> bool:
    """A tax code, telephone or account number ("MST: 3603659077"), or a bare run of eight or more digits with
    no measure after it: an identifier, never the answer to "bao nhiêu".

    >>> _is_identifier("Công ty (MST: 0102030405)", 13, "0102030405", False)
    True
    >>> _is_identifier("Công ty Suhil *(đ/c: nhà xưởng 56, đường 1-7)", 31, "56", False)
    True
    >>> _is_identifier("tổng mức 12000000 đồng", 9, "12000000", True), _is_identifier("64 xã", 0, "64", False)
    (False, False)
    """
    if _IDENTIFIER_LABEL.search(body, max(0, at - 24), at) or _ADDRESS_LABEL.search(body, max(0, at - 90), at):
        return True  # "(MST: 3603659077)", "(đ/c: nhà xưởng 56, đường 1-7, …)"
    return value.isdigit() and len(value) >= 8 and not measured


_ORDINAL_NOUN = re.compile(r"((?:\w+ ){1,3})thu (?:may|bao nhieu)\b")


def _ordinal_noun(question: QuestionAnalysis, body: str, at: int) -> int:
    """Where the noun the question puts before "thứ mấy" ("kỳ họp thứ mấy") starts when printed before the
    ordinal at ``at`` ("Kỳ họp thứ 10"), else ``at``."""
    asked = _ORDINAL_NOUN.search(question.key)
    if not asked:
        return at
    noun = [w for w in asked.group(1).split() if w not in V.STOPWORDS][-2:]
    before = body[max(0, at - 30):at]
    words = list(re.finditer(r"\w+", before))
    if noun and len(words) >= len(noun) and [match_key(w.group(0)) for w in words[-len(noun):]] == noun:
        return at - (len(before) - words[-len(noun)].start())
    return at


def _range_start(body: str, at: int) -> int:
    """Where a range ending with the figure at ``at`` begins ("từ 85 đến 100", "2,5 - 5,5"), else ``at``."""
    match = _RANGE_START.search(body, max(0, at - 40), at)
    return match.start() if match else at


def _whole_unit(body: str, end: int) -> int:
    """Extend a figure's end over what its unit is per ("đồng/ha") and "làm việc" after "ngày"."""
    per = _PER.match(body[end:end + 40])
    if per:
        end += per.end()
    if body[max(0, end - 4):end] == "ngày":
        days = _WORKING_DAYS.match(body, end)
        if days:
            end = days.end()
    rate = re.search(r"(?:%|(?<!\w)lần)(?=(?:\s+[^\W\d]+){0,2}$)", body[max(0, end - 30):end])  # "1,5 lần mức lương"
    if rate:
        base = _BASE_OF_RATE.match(body, max(0, end - 30) + rate.end())  # "50% mức lương cơ sở": what it is of
        if base and base.end() > end:
            end = base.end()
    bound = _BOUND_AFTER.match(body, end)  # "90% trở lên"
    return bound.end() if bound else end


# w143: a count printed as a named phrase in quotation marks ("tăng trưởng “2 con số”", "phương châm “4 tại chỗ”",
# "“6 rõ”", "“3 nhà”"; four documents) is copied whole: its words are what the count counts
_QUOTED_PHRASE = re.compile(r"[^\W\d]+(?:\s+[^\W\d]+){0,3}\s*[”\"]")
_SPACES = re.compile(r"\s*")


def quoted_phrase_end(body: str, start: int, end: int) -> int:
    """The end of the quoted phrase a figure at ``start`` opens (before its closing mark), else ``end``.

    >>> b = "mục tiêu tăng trưởng “2 con số” và nâng cao"
    >>> b[b.index("2"):quoted_phrase_end(b, b.index("2"), b.index("2") + 1)]
    '2 con số'
    >>> quoted_phrase_end("đạt 2 con số”", 4, 5)
    5
    """
    if start == 0 or body[start - 1] not in "“\"":
        return end
    phrase = _QUOTED_PHRASE.match(body, _SPACES.match(body, end).end())
    if phrase is None:
        return end
    return max(end, phrase.end() - 1)


def _following_text(context: Context, unit: Unit) -> str:
    """The next unit's text when it continues this one (a list of parts wrapped after "Trong đó:"), else ""."""
    following = context.units.next_unit(unit)
    if following is None or following[0] - unit.end > 3:
        return ""
    return context.text(unit.doc_id)[following[0]:following[1]]


def _governed(question: QuestionAnalysis, context: Context, body: str, start: int, figure_end: int, end: int,
              lead: str, following: str, noun: tuple[str, ...]) -> float:
    """What the words governing a figure say of it (figures.py): the question's predicate printed before it,
    a total against its parts, the share one pays oneself."""
    settings = context.settings
    score = settings.figure_predicate_weight * F.predicate_fit(question, context.weights, body, start, lead)
    score += F.total_fit(question, context.weights, noun, body, start, max(figure_end, end), following)
    score += F.percent_of_fit(question, body, figure_end) + F.increment_fit(question, body, start)
    return score + F.self_payer_fit(question, body, start)


def _label_lead(context: Context, unit: Unit) -> str:
    """The label a value cell is printed under, on the line before it ("+ Cường độ dòng điện:" / "150-200 mA;"),
    when the unit opens with its value; else ""."""
    text = context.text(unit.doc_id)
    if not re.match(r"[-–+]?\s*[\d<>≤≥]", text[unit.start:unit.start + 4]):
        return ""
    previous = context.units.sentence_at(unit.doc_id, max(0, unit.start - 2))
    if previous is None or previous[0] >= unit.start or unit.start - previous[1] > 3:
        return ""
    head = text[previous[0]:previous[1]]
    return head + " " if head.rstrip().endswith(":") else ""


def _form_fit(question: QuestionAnalysis, context: Context, body: str, at: int, lead: str) -> float:
    """What the label a value is printed under says ("Cường độ dòng điện: 150-200 mA"), and the change's end the
    question asks ("giảm từ bao nhiêu": "từ 23 ngày"), for the figure at ``at`` (w46)."""
    fit = context.settings.figure_label_weight * F.label_fit(question, context.weights, body, at, lead)
    return fit + F.change_end_fit(question, body, at)


def _value_cell_after(extractor, question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None:
    """A unit without a figure may be a table's name cell: the figure is in the value cell after it."""
    return continuation(extractor, question, unit, context)


class NumberExtractor:
    """A count, rate or target, with its unit."""

    kinds = (QuestionKind.NUMBER,)

    def extract(self, question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None:
        body = context.body(unit)
        weights = F.evidence_weights(question, context.weights)  # "phần trăm" asked is printed "%"
        asked_noun = F.asked_label_noun(question)  # "bậc mấy", "tháng mấy": printed "bậc 3", "Tháng 6"
        settings = context.settings
        wanted_unit = list(question.wanted_unit)
        noun = F.counted_noun(question)
        people = F.counts_people(noun)  # "bao nhiêu cán bộ, công chức": printed "64 người/xã"
        family = F.asked_family(question)
        quantity = F.asked_quantity(question)  # "nhiệt độ", "cường độ dòng điện", "bao nhiêu gam": a measure asked
        measured = [m for m in F.measured_spans(body) if m[2] == quantity] if quantity else []
        lead = context.lead(unit)
        listed = F.listed_under(context.text(unit.doc_id), unit.start)  # "Mục tiêu đến năm 2030:", "Sau gieo … ngày:"
        above = listed or unit.heading
        label_lead = lead or _label_lead(context, unit)  # "+ Nhiệt độ hoạt động:" / "-20°C đến +50°C;"
        following = _following_text(context, unit)
        options: list[tuple[float, int, int]] = []
        owns: list[set[str]] = []  # the words each figure's own qualifiers print
        pairs: list[set[tuple[str, str]]] = []  # … and the pairs of words side by side
        asked_units: list[bool] = []  # whether the figure is printed with the unit the question counts
        labels: set[int] = set()  # the options that number a point or a row (``figures.enumeration_label``)
        shown: dict[tuple[int, int], str] = {}  # a count read off a list of names (w84), a sum off a money column
        figures = list(_NUMBER.finditer(body))
        for match in figures:
            value = match.group(1)
            if "/" in value and _improper(value):
                continue  # "15/12 tháng": a day and a month, never a share of more than the whole
            start, end = unit.start + match.start(), unit.start + match.end()
            after = body[match.end():match.end() + 40]
            skip = 0
            spelled = re.match(r"\s*\([^()\d]{1,20}\)", after)  # "03 (ba) nhân viên": the figure spelled out
            if spelled:
                after, skip = after[spelled.end():], skip + spelled.end()
            unit_words = re.match(r"\s+([^\W\d]+)(?:\s+([^\W\d]+))?", after)
            percent = bool(match.group(2))
            attached = _ATTACHED.match(body, match.end()) or _SYMBOL.match(body, match.end())
            if value in question.numbers and (percent or not wanted_unit):
                continue
            if unit_words and _stated(question, value, unit_words.group(1)):
                continue  # "đủ 15 năm" printed as the question prints it: its condition, not its answer
            if unit_words and F.states_case_of(question, body, match.start(), unit_words.group(1)):
                continue  # "từ đủ 05 năm" for "người có 3 năm công tác …": a case's bound, not the answer (w84)
            if re.fullmatch(r"(19|20)\d\d", value) and not percent:
                continue
            if _is_code(value) or _is_identifier(body, match.start(), value, bool(
                    attached or percent or _MONEY.match(body, match.end()))):
                continue  # "2710.19.20", "(MST: 3603659077)": a code or an identifier, not a quantity
            if F.footnote_mark(body, match.start(), match.end()):
                continue  # "chưa gửi báo cáo[4]": a footnote's number, not a quantity
            line_start = body.rfind("\n", 0, match.start()) + 1
            if re.fullmatch(r"\s*", body[line_start:match.start()]) and re.match(r"[.)]", body[match.end():match.end() + 1] or " "):
                continue  # a list label "1."
            # "(1) Tỷ trọng …", "2.1\nHỗ trợ …", a row's STT cell: they number, they do not count — read on as a
            # printed figure whose words tell the others apart (``_contrasted``), never the answer
            label = F.enumeration_label(body, match.start(), match.end()) or F.row_number(
                unit.cells, unit.header, body, match.start())
            if re.match(r"\s*[/-]\s*\d", body[match.end():match.end() + 3]) or _MEASURED_RANGE_NEXT.match(
                    body, match.end()) or (not _ATTACHED.match(body, match.end()) and _RANGE_NEXT.match(body, match.end())):
                continue  # part of a date or ratio, or the first end of a range (the last end carries it)
            ordinal = re.search(r"thứ\s+$", body[max(0, match.start() - 6):match.start()])
            if ordinal and not question.wants_ordinal:
                continue  # "kỳ họp thứ 28": a rank, not a quantity
            labelled = F.label_noun_before(asked_noun, body, match.start())  # "bậc 3" for "bậc mấy"
            if labelled < 0 and (re.match(r"\s+tháng\s+\d", body[match.end():match.end() + 12]) or re.search(
                    r"(?:ngày|tháng|Điều|điều|khoản|Khoản|điểm|(?<!hệ )số|Số)\s+$", body[max(0, match.start() - 8):match.start()])):
                continue  # "ngày 09 tháng 7", "Điều 5", "số 12"
            score = 0.0
            if labelled >= 0:
                score += settings.figure_label_noun_bonus
            unit_words_match = False
            money = _MONEY.match(body, match.end())
            column = ""
            share = percent and bool(wanted_unit) and _noun_printed_after(body, match.end(), wanted_unit)
            if percent and (wanted_unit or people) and not question.wants_percent and not share:
                continue  # "bao nhiêu trạm": a count, not a rate (but "30% GRDP" for "bao nhiêu GRDP": a share of it)
            printed, measure_end = F.printed_family(body, match.end())
            if family and printed and printed != family and not percent:
                continue  # "40 m" for "nặng trên bao nhiêu": a length, not the mass asked
            if quantity and not percent and not printed and not any(s <= match.start() < e for s, e, _ in measured):
                score -= settings.figure_bare_quantity_penalty  # "01 điện trở" for "cường độ dòng điện"
            if share:  # the share printed with the noun the question puts after "bao nhiêu", as a count with its noun
                score += 0.8
                end = unit.start + share
            elif percent:
                score += 0.5 if question.wants_percent else 0.1
            elif money:  # "300 triệu đồng": the sum with its currency and what it is per
                score += 0.2
                end = unit.start + (money.start(1) if money.group(1) else money.end())
            elif "đồng" in (column := F.column_unit(unit.cells, unit.header, body, match.start())):
                score += 0.2  # "221" under "Mức chi (1.000đ)" beside "người/ngày": a sum, copied with its unit (w124)
                end = unit.start + match.end()
            elif attached:  # "400mm", "40 m"
                score += 0.2
                end = unit.start + attached.end()
            elif unit_words:
                words = [w for w in unit_words.groups() if w]
                keys = [match_key(w) for w in words]
                unit_words_match = bool(wanted_unit) and keys[0] == wanted_unit[0]
                if wanted_unit and keys[: len(wanted_unit)] == wanted_unit[: len(keys)]:
                    score += 0.8
                    end = unit.start + match.end() + skip + unit_words.end(
                        min(len(wanted_unit), len(words)))
                    echoed = _echoed_words(context.text(unit.doc_id), end, F.asked_words(question)[len(keys):])
                    end = echoed if echoed > end else _rest_of_unit(context.text(unit.doc_id), end)
                elif wanted_unit and keys[0] == wanted_unit[0]:
                    score += 0.8  # the counted noun's head ("20 trạm" for "bao nhiêu trạm y tế"): as good
                    end = unit.start + match.end() + skip + unit_words.end(1)
                elif (noun_end := F.counted_noun_end(question, body, match.end() + skip)) > 0:
                    score += 0.8  # "04 CSDL", "06 danh mục thủ tục hành chính" for "bao nhiêu thủ tục …": as good
                    unit_words_match = True
                    end = unit.start + noun_end
                elif (rate := _RATE_NOUN.match(after)) is not None:
                    score += 0.2  # "18 đợt/năm", "02 hội nghị/năm", "100 lượt người/tháng": a count per period is
                    end = unit.start + match.end() + skip + rate.end(1)  # copied whole with it (w124)
                elif words[0].lower() in V.UNIT_WORDS:
                    score += 0.2
                    end = unit.start + match.end() + skip + unit_words.end(1)
                    if words[0].lower() == "năm" and value in question.numbers:
                        continue
            elif value in question.numbers:
                continue
            if family and printed == family and not unit_words_match:
                score += settings.figure_family_bonus  # "100 tấn" for "nặng trên bao nhiêu"
                end = max(end, unit.start + measure_end)
            if people and not unit_words_match and (people_end := F.people_after(body, match.end())) >= 0:
                score += settings.figure_people_bonus  # "64 người/xã" for "bao nhiêu cán bộ, công chức"
                end = max(end, unit.start + people_end)
            end = unit.start + _whole_unit(body, end - unit.start)
            end = unit.start + quoted_phrase_end(body, match.start(), end - unit.start)
            if F.asks_total(question, noun or tuple(wanted_unit)) and F.breakdown_after(body, end - unit.start, following):
                end = unit.start + F.total_words_end(body, end - unit.start)  # "64 đơn vị hành chính cấp xã"
            ranged = _range_start(body, match.start())
            if question.numbers and _range_names_question_number(question, body[max(0, match.start() - 40):match.start()]):
                continue  # "từ đủ 15 năm đến dưới 20 năm" for "đủ 15 năm … được bao nhiêu": the question's condition
            changed = F.change_start(question, body, match.start())  # "từ 2 lên 3" for "từ mấy lên mấy"
            if changed < match.start():
                start, ranged = unit.start + changed, changed
                score += settings.figure_change_bonus
            elif labelled >= 0:
                start = unit.start + labelled  # "bậc 3", "Tháng 6": the noun the question asks the figure of
            elif ranged < match.start():
                start = unit.start + ranged
                if F.asks_range(question):  # w143: "trong khoảng nào" asks both ends, as AmountExtractor reads it
                    score += _RANGE_ASKED_BONUS
            else:
                qualifier = _QUALIFIER.search(body[max(0, match.start() - 15):match.start()])
                if qualifier:
                    start -= len(qualifier.group(0))
            clause_start = _clause_start(body, match.start())  # words of another clause are not this figure's
            before = F.without_previous_qualifier(  # "10% … đối với … sơ cấp và … 5%": not the 5 %'s words
                body, max(clause_start, match.start() - 100), match.start())
            if clause_start == 0 and match.start() < 100:
                before = context.lead(unit)[-(100 - match.start()):] + before  # a list wrapped before the figure
            score += 0.9 * proximity(weights, before, _own_after(body, match.end()))
            score += _RULED_OUT_WEIGHT * F.ruled_out_fit(  # a case the question rules out (w84)
                question, body[_sentence_start(body, match.start()):match.start()])
            score += 0.3 * local_overlap(weights, " ".join(_FOLLOWING.findall(body, match.end())[:4]))
            score += _year_fit(question, body, match.start(), end - unit.start, above)
            if ordinal:  # "thứ 10" for "thứ mấy"; "Kỳ họp thứ 10" when the question names the noun ("kỳ họp thứ mấy")
                start -= len(ordinal.group(0))
                start = unit.start + _ordinal_noun(question, body, start - unit.start)
                score += 0.5
            if question.asked_label and _follows_label(body, ranged, question.asked_label):
                score += 0.5  # "hệ số 2,34" for "hệ số bao nhiêu"
            score += bound_fit(question, body, ranged, end - unit.start) + _condition_fit(
                question, body, ranged, listed, settings.figure_case_weight, end - unit.start)
            if wanted_unit and not unit_words_match and _noun_governs(body, ranged, wanted_unit[:1]):
                score += 0.7  # "tổng số điểm đạt được từ 85 đến 100" for "đạt bao nhiêu điểm"
            score += _governed(question, context, body, ranged, match.end(), end - unit.start, lead, following,
                               noun or tuple(wanted_unit))
            score += min(0.0, F.rival_name_fit(question, body, ranged))  # "lãi suất 0%" for "thuế suất"
            score += _form_fit(question, context, body, ranged, label_lead)
            if label:
                labels.add(len(options))
            if column and not money and "đồng" in column:
                shown[(start, end)] = f"{context.text(unit.doc_id)[start:unit.start + match.end()]} {column}"
            options.append((score, start, end))
            own = syllables(_own_after(body, match.end()))
            owns.append(set(own))
            pairs.append(set(pairwise(own)))
            asked_units.append(unit_words_match)
        if wanted_unit:  # number words: "ít nhất một bác sĩ"
            unit_pattern = r"\s+".join(re.escape(w) for w in wanted_unit)
            for match in _NUMBER_WORD.finditer(body):
                if re.match(unit_pattern, match_key(match.group(2))):
                    start = unit.start + match.start()
                    rank = re.search(r"(?<!\w)thứ\s+$", body[max(0, match.start() - 6):match.start()], re.IGNORECASE)
                    if rank and not question.wants_ordinal:
                        continue  # "thứ Hai hàng tuần": a weekday, not two
                    qualifier = _QUALIFIER.search(body[max(0, match.start() - 15):match.start()])
                    if rank:
                        start -= len(rank.group(0))  # "thứ Hai" for "thứ mấy": the rank with its word
                    elif qualifier:
                        start -= len(qualifier.group(0))
                    score = 0.8 + 0.6 * local_overlap(weights, body[max(0, match.start() - 80):match.start()])
                    score += 0.9 * proximity(weights, body[max(_clause_start(body, match.start()), match.start() - 100):
                                                           match.start()], _own_after(body, match.end()))
                    options.append((score, start, unit.start + _whole_unit(body, match.end())))  # "một lần/năm"
        if question.wants_ordinal or asked_noun:  # "lần thứ XIV", "khóa XV": ordinals printed in Roman numerals
            for match in _ROMAN.finditer(body):
                noun = match_key(match.group(1))
                if not (question.wants_ordinal and noun == "thu") and not (asked_noun and noun == asked_noun):
                    continue  # "Mục II", "Phụ lục I": a part of the act, not what is asked
                start = unit.start + match.start()
                if noun == "thu":  # "lần thứ XI" for "lần thứ mấy": the noun the question puts before "thứ"
                    asked = _ORDINAL_NOUN.search(question.key)
                    word = re.search(r"(\w+)\s+$", body[max(0, match.start() - 12):match.start()])
                    if asked and word and asked.group(1).split()[-1] == match_key(word.group(1)):
                        start = unit.start + max(0, match.start() - 12) + word.start(1)
                before = body[max(_clause_start(body, match.start()), match.start() - 100):match.start()]
                score = 0.5 + 0.9 * proximity(weights, before, _own_after(body, match.end()))
                score += 0.3 * local_overlap(weights, " ".join(_FOLLOWING.findall(body, match.end())[:4]))
                score += _governed(question, context, body, match.start(), match.end(), match.end(), lead, following, ())
                options.append((score, start, unit.start + match.end()))
        for l_start, l_end, count, noun_printed in F.listed_count(question, body):
            if any(l_start <= s - unit.start < l_end for _, s, _ in options):
                continue  # the list prints its own figures
            before = body[max(_clause_start(body, l_start), l_start - 100):l_start]
            score = _LISTED_BASE + 0.9 * proximity(weights, before, body[l_end:l_end + 100])
            start, end = unit.start + l_start, unit.start + l_end
            names = " ".join(_LIST_HEAD.sub("", body[l_start:l_end]).split())  # "Hua Thanh, …, Thanh Chăn và Thanh Nưa"
            shown[(start, end)] = f"{count} {noun_printed} ({names})" if len(names) < 110 else f"{count} {noun_printed}"
            options.append((score, start, end))
        read = [(start - unit.start, end - unit.start) for _, start, end in options]
        for m_start, m_end, _ in measured:  # "-20°C đến +50°C", "150-200 mA", "52gam": whole, with sign and unit
            if any(s <= m_start + 1 and e >= m_end for s, e in read):
                continue  # "> 40 m": the figure read whole above, with its qualifiers weighed
            score = 0.2 + settings.figure_family_bonus + _form_fit(question, context, body, m_start, label_lead)
            score += 0.9 * proximity(weights, body[max(_clause_start(body, m_start), m_start - 100):m_start],
                                     _own_after(body, m_end))
            score += _year_fit(question, body, m_start, m_end) + bound_fit(question, body, m_start, m_end)
            options.append((score, unit.start + m_start, unit.start + m_end))
        if not options:
            return _value_cell_after(self, question, unit, context)
        if owns:
            rivals = list(range(len(owns)))
            if sum(asked_units) >= 2:  # "04 tuần … đối với … cao đẳng và 02 tuần … đối với … sơ cấp" for "bao nhiêu
                rivals = [i for i in rivals if asked_units[i]]  # tuần": the figures of the unit asked tell apart
            shared = set(syllables(body[:min(options[i][1] for i in rivals) - unit.start]))
            told = _contrasted([options[i] for i in rivals], [owns[i] for i in rivals], weights, shared,
                               settings.figure_contrast_weight, [pairs[i] for i in rivals],
                               frozenset(pairwise(syllables(question.key))))
            for i, option in zip(rivals, told):
                options[i] = option
        options = [option for i, option in enumerate(options) if i not in labels]
        if not options:
            return _value_cell_after(self, question, unit, context)
        score, start, end = max(options, key=lambda o: o[0])
        return Span(start, end, score, shown.get((start, end)) or context.text(unit.doc_id)[start:end])


# a count per period or per head printed "N noun/period" ("18 đợt/năm" in tvpl_171's monitoring plan, "02 hội nghị/năm"
# tvpl_074, "lượt người/tháng" tvpl_097, "lần/ngày" tvpl_043): the noun and what it is per are the figure's unit (w124)
_RATE_NOUN = re.compile(r"\s+([^\W\d]+(?:\s[^\W\d]+){0,2})(?=\s*/\s*[^\W\d])")
_RANGE_ASKED_BONUS = 0.5  # a range printed whole for a question asking one ("trong khoảng nào")
_RULED_OUT_WEIGHT = 0.5  # × figures.ruled_out_fit (−1): a figure printed for a case the question says it does not mean
_LISTED_BASE = 0.5  # a count a clerk reads off a list of names ("5 xã (Hua Thanh, …)"): below a printed count's 0.8
_LIST_HEAD = re.compile(r"^(?:(?:các|những)\s+)?(?:[^\W\d]+\s+){1,3}?(?=[" + L.VI_UPPER + r"])")  # "các xã "


class AmountExtractor:
    """A sum of money with its unit and what it is per ("500.000 đồng/người/tháng"), or a rate."""

    kinds = (QuestionKind.AMOUNT,)

    def __init__(self):
        self._counts = NumberExtractor()

    def extract(self, question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None:
        if F.asked_family(question) == "multiplier":  # "mức hỗ trợ … tối đa gấp mấy lần": "1,5 lần", not a sum
            return self._counts.extract(question, unit, context)
        body = context.body(unit)
        lead = context.lead(unit)
        listed = F.listed_under(context.text(unit.doc_id), unit.start)  # "Mục tiêu đến năm 2030:", "Sau gieo … ngày:"
        above = listed or unit.heading
        following = _following_text(context, unit)
        options: list[tuple[float, int, int]] = []
        owns: list[set[str]] = []
        pairs: list[set[tuple[str, str]]] = []
        shown: dict[tuple[int, int], str] = {}  # a figure copied with its column's unit ("1.587,12 đồng/kWh")
        weights = F.evidence_weights(question, context.weights)  # "phần trăm" asked is printed "%"
        for match in _NUMBER.finditer(body):
            if _SPLIT_GROUP_BEFORE.search(body, max(0, match.start() - 12), match.start()) and len(match.group(1)) == 3:
                continue  # "000" of "3.000 000 đồng": the last group of the figure before
            split = _SPLIT_GROUPS.match(body, match.end()) if re.search(r"\d[.,]\d{3}$", match.group(1)) else None
            money = _MONEY.match(body, split.end() if split else match.end())  # "3.000 000 đồng": read whole
            percent = bool(match.group(2))
            # a bare figure under a column whose header prints its unit ("Mức giá (đồng/kWh)" / "1.587,12")
            column = "" if money or percent else (F.column_unit(unit.cells, unit.header, body, match.start())
                                                  or F.unit_cell_before(body, match.start(), match.end()))
            if column == "%":
                percent = True
            if not money and not percent and not column:
                continue
            if percent and (match.group(1) in question.numbers or _ASKS_MONEY.search(question.key)
                            or _asks_measure(question)):
                continue  # "thiệt hại trên 70%": the case the question states; "bao nhiêu tiền", "bao nhiêu giờ": no rate
            if money and _stated(question, match.group(1), money.group(0).split()[0]):
                continue  # "khi tổng chi phí đến 01 tỷ đồng": the case the question states
            if money and _RANGE_NEXT_MONEY.match(body, match.end()):
                continue  # "từ 250 triệu đồng đến dưới 01 tỷ đồng": the range is read from its last end
            start = _range_start(body, match.start())
            qualifier = _QUALIFIER.search(body[max(0, start - 15):start]) if start == match.start() else None
            if qualifier:
                start -= len(qualifier.group(0))
            end = money.start(1) if money and money.group(1) else (money.end() if money else match.end())
            end = _whole_unit(body, end) if not column else match.end()
            score = 0.6 if money or (column and not percent) else (0.3 if question.wants_percent else 0.05)
            if column:
                shown[(unit.start + start, unit.start + end)] = body[start:end] + (
                    "%" if column == "%" else " " + column)
            if money and question.wants_percent and not _ASKS_MONEY.search(question.key):
                score -= context.settings.percent_asked_money_penalty  # "bao nhiêu phần trăm": a rate, not a sum
            if _range_start(body, match.start()) < match.start() and F.asks_range(question):
                score += _RANGE_ASKED_BONUS  # "trong khoảng bao nhiêu": "từ 250 triệu đồng đến dưới 01 tỷ đồng", not one end
            if money and money.group(1):
                score += 0.15  # "/người/tháng": what the amount is per
            before = F.without_previous_qualifier(body, max(0, match.start() - 120), match.start())
            if match.start() < 120:
                before = context.lead(unit)[-(120 - match.start()):] + before  # a wrapped point's first line
            score += 0.9 * proximity(weights, before, _own_after(body, end))
            score += _RULED_OUT_WEIGHT * F.ruled_out_fit(question, body[_sentence_start(body, match.start()):match.start()])
            # "(không phải ao thâm canh …)": the figure's own sentence, not a sibling point's lead (w84)
            score += _year_fit(question, body, match.start(), end, above)
            score += bound_fit(question, body, start, end) + _condition_fit(
                question, body, start, listed, context.settings.figure_case_weight, end)
            score += _governed(question, context, body, start, match.end(), end, lead, following, ())
            score += F.rival_name_fit(question, body, start) + _form_fit(question, context, body, start, lead)
            if money:  # "1.000.000 đồng/phòng" for "mỗi phòng", not "6.000.000 đồng/Giấy phép"
                score += F.per_fit(question, body[money.start(1) if money.group(1) else money.end():end])
            elif "/" in column:  # "200" under "(1.000đ)" beside "người/ngày" for "một người một ngày" (w124)
                score += F.per_fit(question, column[column.index("/"):])
            options.append((score, unit.start + start, unit.start + end))
            own = syllables(_own_after(body, end))
            owns.append(set(own))
            pairs.append(set(pairwise(own)))
        if not options:  # else the answerer tries the number extractor (extractors.FALLBACK)
            return _value_cell_after(self, question, unit, context)
        shared = set(syllables(body[:min(o[1] for o in options) - unit.start]))  # the subject before the figures
        options = _contrasted(options, owns, weights, shared, context.settings.figure_contrast_weight, pairs,
                              frozenset(pairwise(syllables(question.key))))
        score, start, end = max(options, key=lambda o: o[0])
        text = context.text(unit.doc_id)
        if (start, end) in shown:
            return Span(start, end, score, shown[(start, end)])
        while end > start and text[end - 1] in " ,;.":
            end -= 1
        return Span(start, end, score, text[start:end])


__all__ = ["AmountExtractor", "NumberExtractor", "content"]

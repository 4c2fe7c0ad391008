"""Acts named in a passage: a document number asked for, what an act repeals or replaces,
what it is based on (căn cứ)."""

from __future__ import annotations

import itertools
import re

from corpus.acts import WRAPPED_ACT_NUMBER
from corpus.vietnamese import match_key
from retriever.qa import vocabulary as V
from retriever.qa.extractors.base import Context
from retriever.qa.model import Span, Unit
from retriever.qa.question import (
    ASKS_ANNEX,
    ASKS_PART,
    QuestionAnalysis,
    QuestionKind,
    asks_governing_act,
)
from retriever.qa.scoring import local_overlap, syllables

_TYPED_BEFORE = re.compile(r"(Quyết định|Nghị quyết|Chỉ thị|Thông báo|Công văn|Công điện|Kế hoạch|Luật[\w\s]{0,30}?|"
                           r"Nghị định|Thông tư(?: liên tịch)?|Chương trình hành động|Kết luận)\s+(?:số\s+)?$",
                           re.IGNORECASE)
_TYPE_WORD = re.compile(rf"\b({V.ACT_TYPE_KEYS})\s+(?:nao|gi|so may|so bao nhieu|so nao)")
# The verbs as printed, a line break allowed between their words ("Các Quyết định sau hết hiệu\nlực thi hành").
REPEAL = re.compile(V.REPEAL_VERBS.replace(" ", r"\s+"), re.IGNORECASE)
# Words before the verb that make it a general clause, not this act's repeal ("được sửa đổi, bổ sung hoặc thay thế").
_PASSIVE_BEFORE = re.compile(r"(?:được|bị)\s+(?:[\w,]+\s+){0,6}$", re.IGNORECASE)
# The verb right after "được / bị": the act printed before it is the one repealed ("Quyết định số 15/2014 … được bãi
# bỏ"); without it the act before the verb is the one that repeals ("Thông tư số 104/2024 … thay thế, bãi bỏ …").
_PASSIVE_VERB = re.compile(r"(?:được|bị)\s+$", re.IGNORECASE)
# "Thay thế cụm từ “…” bằng cụm từ “…”": a wording replaced, no act.
_WORDING = re.compile(r"\s*(?:bằng\s+)?(?:các\s+)?(?:cụm\s+từ|từ\s+ngữ|từ)\s*[“\"']", re.IGNORECASE)
# Where a clause of the act's own provisions states a repeal: it opens with the verb ("2. Bãi bỏ …") or the act
# itself is its subject ("Quyết định này … thay thế …").
_ACT_ITSELF = re.compile(r"(?:Quyết định|Thông tư|Nghị định|Nghị quyết|Chỉ thị|Văn bản|Quy định)\s+này\b[^\d;.]{0,60}$")
_OPENS_WITH_VERB = re.compile(rf"[\s*_]*(?:Điều\s+\d+[a-zđ]?\.\s*)?(?:{V.LEAD_LABEL})?[\s*_]*")
# What follows the verb says nothing yet: its object is printed on the next line ("bãi bỏ toàn bộ\nQuyết định số …").
_OBJECT_PENDING = re.compile(r"\s*(?:toàn bộ|một phần|các|những|nội dung)?\s*(?:tại|của|sau)?\s*$", re.IGNORECASE)
_NEXT_LINE_GAP = 3  # characters between a unit and the next one that continues it
_CLAUSE_REACH = 600  # the acts a repeal clause lists run at most this far
_POINT_LABEL = re.compile(V.LEAD_LABEL)
_ACT_END = re.compile(r"[;.]|\n\s*\n|\s+(?:và|,)\s+(?=(?:Quyết định|Thông tư|Nghị định|Chỉ thị|Nghị quyết|Công văn|Luật)\s)")


def _numbers(body: str):
    from corpus.acts import ACT_NUMBER

    return list(ACT_NUMBER.finditer(body))


def _typed_start(body: str, start: int) -> int:
    """Start of "Quyết định số " before a number at ``start``, else ``start``."""
    window = body[max(0, start - 60):start]
    typed = _TYPED_BEFORE.search(window)
    return start - (len(window) - typed.start()) if typed else start


# "quyết định nào của Bộ Y tế", "báo cáo số nào của Bộ Tài chính về …": the issuer of the act asked for.
_ASKED_ISSUER = re.compile(rf"\b(?:{V.ACT_TYPE_KEYS}|van ban|bao cao)\s+(?:so\s+)?(?:nao|gi|may)\s+(?:cua|do)\s+"
                           r"(\w+(?:\s\w+){0,5}?)(?=\s+(?:ve|trong|de|ngay|theo|ban hanh|thuc hien|duoc|truoc"
                           r"|nhu the nao)\b|\s*$)")


# "… áp dụng theo văn bản nào?", "… công bố tại quyết định nào?": the act asked for is the one the text prints right
# after the same relation word ("… thực hiện theo quy định tại Nghị định số 26/2023/NĐ-CP"), not an act printed as
# the clause's subject before its verb ("… Nghị quyết này và Nghị định số 72/2026/NĐ-CP thực hiện theo …").
_ASKED_RELATION = re.compile(rf"\b(theo|tai|boi)\s+(?:quy dinh (?:tai|cua)\s+)?(?:{V.ACT_TYPE_KEYS}|van ban)\s+"
                             r"(?:so\s+)?(?:nao|gi|may)\b")
_RELATION_BONUS = 0.4


def asked_relation(question_key: str) -> str:
    """The relation word ("theo", "tai", "boi") right before the act a question asks for, or "".

    >>> asked_relation("thue nhap khau ap dung theo van ban nao"), asked_relation("can cu nghi dinh nao")
    ('theo', '')
    """
    match = _ASKED_RELATION.search(question_key)
    return match.group(1) if match else ""


def printed_after(relation: str, before: str) -> bool:
    """Whether ``before`` (the text right before an act's name) ends in the relation word, "quy định" allowed
    between them ("… thực hiện theo quy định tại ", "… áp dụng theo ").

    >>> printed_after("tai", "thực hiện theo quy định tại "), printed_after("theo", "Nghị quyết này và ")
    (True, False)
    """
    key = match_key(before)
    return bool(relation) and re.search(rf"\b{relation}(?:\s+quy dinh(?:\s+(?:tai|cua))?)?\s*$", key) is not None


def asked_issuer(question: QuestionAnalysis) -> tuple[str, ...]:
    """The words of the issuer the question names for the act it asks ("… quyết định nào của Bộ Y tế" → bo y te).

    >>> from retriever.qa.question import analyze_question
    >>> asked_issuer(analyze_question("Kế hoạch triển khai quyết định nào của Bộ Y tế?"))
    ('bo', 'y', 'te')
    >>> asked_issuer(analyze_question("Công điện 96 triển khai công điện nào của Thủ tướng về mưa lũ?"))
    ('thu', 'tuong')
    >>> asked_issuer(analyze_question("Bộ Xây dựng yêu cầu tiếp tục thực hiện công điện số mấy của Bộ về mưa lũ?"))
    ('bo',)
    """
    match = _ASKED_ISSUER.search(question.key)
    return tuple(match.group(1).split()) if match else ()


def issued_by(issuer: tuple[str, ...], number: str, printed_after: str) -> bool | None:
    """Whether the act ``number`` (with the text printed after it) is one of ``issuer``; None when unknown.

    The issuer named after the number ("… ngày 02/5/2024 của Bộ Y tế") or the issuer code of the number
    ("1093/QĐ-BYT": the initials of Bộ Y tế) decides.

    >>> issued_by(("bo", "y", "te"), "1093/QĐ-BYT", " ngày 02/5/2024 của Bộ Y tế")
    True
    >>> issued_by(("bo", "y", "te"), "281/QĐ-TTg", " ngày 05/4/2024 của Thủ tướng Chính phủ, Quyết định số")
    False
    >>> issued_by(("quoc", "hoi"), "197/2025/QH15", " của "), issued_by(("quoc", "hoi"), "66-NQ/TW", " của ")
    (True, False)
    """
    if not issuer:
        return None
    after = match_key(printed_after)[:120]
    for size in range(len(issuer), min(3, len(issuer)) - 1, -1):  # the question may name a little more
        if re.search(r"\b" + r"\s+".join(issuer[:size]) + r"\b", after):
            return True
    # the issuer code closes the number: "1093/QĐ-BYT", "66-NQ/TW", "197/2025/QH15" (a legislature's term after it)
    code = re.search(r"[-/]([A-Za-zĐđ]+)\d*\s*$", number)
    initials = "".join(w[0] for w in issuer)
    if code and len(initials) >= 2:
        return match_key(code.group(1)).startswith(initials)
    named = re.match(r"\s*(?:,?\s*ngày\s+[\d/]+|,?\s*ngày\s+\d+\s+tháng\s+\d+\s+năm\s+\d+)?\s*,?\s*của\s",
                     printed_after, re.IGNORECASE)
    return False if named else None


def asked_numbers(question: QuestionAnalysis) -> set[str]:
    from corpus.acts import ACT_NUMBER, number_key

    asked = {number_key(m.group(0)) for m in ACT_NUMBER.finditer(question.text)}
    # "Thông tư 06/2017", "Nghị định 72/2024": an act named by number and year only
    asked.update(m.group(1) for m in re.finditer(r"(?<![\d/])(\d{1,5}/(?:19|20)\d\d)(?![\d/])", question.text))
    return asked


# "điểm a khoản 2 Điều 67", "khoản 4 Điều 12", "Điều 67": a part of an act as a text cites it.
_PART = re.compile(r"(?:điểm\s+[a-zđ]\)?\s+)?(?:khoản\s+\d+\s+)?(?:Điều|điều)\s+\d+[a-zđ]?|(?:Chương|chương)\s+[IVXLC]+\b")
_PART_OF = re.compile(r"\s*(?:của\s+|tại\s+)?(?:Luật|Bộ luật|Nghị định|Thông tư|Quyết định|Nghị quyết|Pháp lệnh)?\s*(?:số\s+)?")


# What may stand between a cited part and the act it belongs to without naming an act of its own: the other parts
# of the chain and the prose that introduces them ("khoản 2 Điều 43 và thẩm quyền … quy định chi tiết tại khoản 3
# Điều 10; khoản 4 Điều 47 Nghị định số 77/2025/NĐ-CP"), never a sentence's end, an act's type word or "này".
_OTHER_ACT = re.compile(r"\.\s|\n\s*\n|(?<![\w])(?:này|Luật|Bộ luật|Nghị định|Thông tư|Quyết định|Nghị quyết|Pháp lệnh"
                        r"|Hiến pháp|Công văn|Kế hoạch)(?![\w])")


def chained_acts(body: str, parts: list[re.Match[str]]) -> list[re.Match[str] | None]:
    """The act number each cited part belongs to: the one printed right after it, or, for a part printed with no
    act of its own, the one after the chain of parts it opens within its sentence.  A clerk reads "quy định chi
    tiết khoản 2 Điều 43 và … tại khoản 3 Điều 10; khoản 4 Điều 47 Nghị định số 77/2025/NĐ-CP" as three parts of
    Nghị định 77 (tvpl_091, 109, 122, 154, 157, 181, 183, congbao_007, 039 print such chains).

    >>> body = "quy định tại khoản 2 Điều 43 và thẩm quyền khác tại khoản 4 Điều 47 Nghị định số 77/2025/NĐ-CP"
    >>> [m.group(0) if m else None for m in chained_acts(body, list(_PART.finditer(body)))]
    ['77/2025/NĐ-CP', '77/2025/NĐ-CP']
    >>> body = "theo Điều 5 Quyết định này và khoản 2 Điều 3 Nghị định số 10/2024/NĐ-CP"
    >>> [m.group(0) if m else None for m in chained_acts(body, list(_PART.finditer(body)))]
    [None, '10/2024/NĐ-CP']
    """
    from corpus.acts import ACT_NUMBER

    own: list[re.Match[str] | None] = []
    for match in parts:
        lead = _PART_OF.match(body, match.end())
        own.append(ACT_NUMBER.match(body, lead.end()) if lead else None)
    owners: list[re.Match[str] | None] = list(own)
    for index, match in enumerate(parts):
        if own[index] is not None:
            continue
        for later in range(index + 1, len(parts)):
            if _OTHER_ACT.search(body, match.end(), parts[later].start()):
                break  # the part names an act of its own ("Điều 5 Quyết định này"), or its sentence ends
            if own[later] is not None:
                owners[index] = own[later]
                break
    return owners


_AFTER_PART_STOP = re.compile(r"\s(?:và|hoặc)\s|[;,]|(?:\s+số)?\s+\d+/\d{4}/")
_CHAIN_GLUE = re.compile(r"[\s,;]*(?:và|hoặc)?[\s,;]*(?:các\s+)?$")


def own_clause(body: str, parts: list[re.Match[str]], index: int, reach: int = 120) -> str:
    """The words that say what part ``index`` of a chain is cited for: those printed since the part before it
    ("… thẩm quyền quyết định xác lập quyền sở hữu toàn dân quy định tại | khoản 2 Điều 43"), not another part's;
    a part the chain merely adds ("; khoản 3 Điều 20") shares its head's.  Then what follows, up to the next part.

    >>> body = "chi tiết thẩm quyền A tại khoản 2 Điều 43 và thẩm quyền B tại khoản 3 Điều 10; khoản 4 Điều 47 Nghị định"
    >>> parts = list(_PART.finditer(body))
    >>> own_clause(body, parts, 0), own_clause(body, parts, 2)
    ('chi tiết thẩm quyền A tại khoản 2 Điều 43', ' và thẩm quyền B tại khoản 4 Điều 47 Nghị định')
    """
    head = chain_around(body, parts, index)[0]  # "khoản 3 Điều 10; khoản 4 Điều 47": the chain's words are its head's
    start = max(parts[head - 1].end() if head else 0, parts[head].start() - reach)
    match = parts[index]
    end = min(parts[index + 1].start() if index + 1 < len(parts) else len(body), match.end() + reach // 2)
    stop = _AFTER_PART_STOP.search(body, match.end(), end)  # the next clause is another part's lead
    return body[start:parts[head].start()] + body[match.start():stop.start() if stop else end]


_ASKS_PARTS = re.compile(r"\b(?:nhung|cac)\s+(?:dieu|khoan|diem)(?:\s+\w+){0,2}?\s+nao\b")


def chain_around(body: str, parts: list[re.Match[str]], index: int) -> tuple[int, int]:
    """The first and last part of the chain part ``index`` is printed in: parts joined by commas, semicolons or
    "và" only ("Điều 3, Điều 5, Điều 9 Luật Thuế giá trị gia tăng"), which a question asking "những điều nào"
    takes whole (tvpl_063, 109, 122, 157, 181 cite such chains).

    >>> body = "nghiên cứu quy định tại Điều 3, Điều 5 và Điều 9 Luật Thuế giá trị gia tăng; xem thêm Điều 12"
    >>> parts = list(_PART.finditer(body))
    >>> first, last = chain_around(body, parts, 1)
    >>> body[parts[first].start():parts[last].end()]
    'Điều 3, Điều 5 và Điều 9'
    """
    first = last = index
    while first > 0 and _CHAIN_GLUE.fullmatch(body, parts[first - 1].end(), parts[first].start()):
        first -= 1
    while last + 1 < len(parts) and _CHAIN_GLUE.fullmatch(body, parts[last].end(), parts[last + 1].start()):
        last += 1
    return first, last


# Points or clauses listed before the one printed with its article ("khoản 1, khoản 2 Điều 106", "các khoản 1, 3
# Điều 7", "điểm a, điểm b khoản 2 Điều 5"): they are parts of the same article.
_ITEM = r"(?:(?:điểm|khoản)\s+)?(?:\d+|[a-zđ])\b"
_SIBLING_ITEMS = re.compile(rf"(?<![\w])(?:các\s+)?(?:điểm|khoản)\s+(?:\d+|[a-zđ])\b(?:\s*(?:,|và)\s*{_ITEM})*\s*,?\s*$")


def sibling_items_start(body: str, start: int) -> int:
    """Where the items listed before the part at ``start`` begin ("khoản 1, | khoản 2 Điều 106"), else ``start``.

    >>> body = "Tại khoản 1, khoản 2 Điều 106, Điều 107 Nghị định số 131/2021/NĐ-CP"
    >>> body[sibling_items_start(body, body.index("khoản 2")):body.index(" Nghị")]
    'khoản 1, khoản 2 Điều 106, Điều 107'
    >>> body = "bãi bỏ Khoản 2 Điều 3; các khoản 1, 3 Điều 7 và khoản 2 Điều 8"
    >>> body[sibling_items_start(body, body.index("Điều 7")):body.index(" và khoản 2")]
    'các khoản 1, 3 Điều 7'
    >>> body = "khoản 1 Điều 5, Điều 6"
    >>> sibling_items_start(body, body.index("Điều 6")) == body.index("Điều 6")
    True
    """
    found = _SIBLING_ITEMS.search(body[:start], max(0, start - 80))
    return found.start() if found else start  # "Điều 3, Điều 5": no items of an article before


# "Phụ lục số 1A, 1B, 3A, 3B", "Mẫu số 01/MGTH", "Phụ lục II": an annex or a form with its number(s).
_CODE = r"(?:\d[\w./-]*|[IVXLC]+\b|[A-ZĐ]\b)"
_ANNEX = re.compile(rf"(?:[Pp]hụ\s+lục|[Bb]iểu\s+mẫu|[Mm]ẫu)\s+(?:số\s+)?{_CODE}(?:\s*(?:,|và)\s*{_CODE})*")
# The clause an annex is named in: the question's words there (not in the next clause) choose among annexes.
_CLAUSE_EDGE = re.compile(r"[;()]|\.\s|\n\s*\n")


def _clause_around(body: str, start: int, end: int, reach: int = 160) -> str:
    """``body[start:end]`` with the rest of its clause (up to ``reach`` characters either side)."""
    before = body[max(0, start - reach):start]
    edges = list(_CLAUSE_EDGE.finditer(before))
    left = start - len(before) + (edges[-1].end() if edges else 0)
    after = _CLAUSE_EDGE.search(body, end, min(len(body), end + reach))
    return body[left:after.start() if after else min(len(body), end + reach)]


def best_annex(body: str, weights: dict[str, float]) -> tuple[float, int, int] | None:
    """(score, start, end) of the annex or form ``body`` names whose own clause prints most of the question's
    weighted words, or None.

    >>> body = "bộ, ngành báo cáo theo Phụ lục số 1A, 1B; địa phương báo cáo theo Phụ lục số 2A, 2B) và gửi"
    >>> _, s, e = best_annex(body, {"dia": 1.0, "phuong": 1.0, "bao": 0.5, "cao": 0.5})
    >>> body[s:e]
    'Phụ lục số 2A, 2B'
    """
    options = [(0.3 + 0.6 * local_overlap(weights, _clause_around(body, m.start(), m.end())), m.start(), m.end())
               for m in _ANNEX.finditer(body)]
    return max(options, key=lambda o: o[0]) if options else None


# "báo cáo thẩm tra số mấy", "tờ trình số nào", "đề án số bao nhiêu": the paper whose number is asked, by its name
_ASKED_PAPER = re.compile(r"\b((?:bao cao|to trinh|de an|cong van|thong bao|ke hoach|quyet dinh|nghi quyet|van ban)"
                          r"(?: \w+){0,2}?) so (?:may|nao|bao nhieu|hieu nao)\b")
_PAPER_BONUS = 0.6


def asked_paper(question: QuestionAnalysis) -> re.Pattern[str] | None:
    """A pattern for the name of the paper whose number the question asks, as printed right before the number
    (match key: "báo cáo thẩm tra số mấy" → "… bao cao tham tra so "); None when it names none.

    >>> from retriever.qa.question import analyze_question
    >>> p = asked_paper(analyze_question("Nghị quyết 1661 dựa trên báo cáo thẩm tra số mấy của Ủy ban Pháp luật?"))
    >>> bool(p.search("2025, bao cao tham tra so ")), bool(p.search("to trinh so"))
    (True, False)
    """
    match = _ASKED_PAPER.search(question.key)
    if match is None:
        return None
    return re.compile(r"\b" + r"\s+".join(match.group(1).split()) + r"\s+(?:so\s*)?$")


# The act a clause applies to a case: "… thì tiếp tục thực hiện theo quy định tại Nghị định số 158/2018/NĐ-CP",
# "… thì thực hiện theo phân cấp tại Quyết định này", "… thực hiện theo quy định của luật đó" (a transitional article's
# consequence, or a carve-out's; words wrap over lines).
_GOVERNED_BY = re.compile(
    r"(?:thực\s+hiện|áp\s+dụng|giải\s+quyết|xử\s+lý|điều\s+chỉnh)\s+theo\s+"
    r"(?P<what>(?:(?:các\s+)?(?:quy\s+định|phân\s+cấp|hướng\s+dẫn|nội\s+dung)\s+(?:của|tại)\s+)?"
    r"(?:Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+định|Thông\s+tư(?:\s+liên\s+tịch)?|Quyết\s+định|Nghị\s+quyết|Chỉ\s+thị)"
    r"\s+(?:này\b|đó\b|(?:số\s+)?\d+[\w/.-]*\w))", re.IGNORECASE)
_TRANSITIONAL = re.compile(r"chuyển\s+tiếp", re.IGNORECASE)
_POLARITY_REACH = 8  # words a "chưa" / "đã" governs


_SCOPE_ENDS = frozenset({"chua", "da", "ma", "nhung", "thi", "hoac", "va"})  # a new marker or clause ends the scope


def _governed(key: str, marker: str) -> set[str]:
    """The words a ``marker`` ("chua", "da") of a match key governs: the next few, up to a new marker or clause."""
    words, governed = key.split(), set()
    for i, word in enumerate(words):
        if word != marker:
            continue
        for after in words[i + 1:i + 1 + _POLARITY_REACH]:
            if after in _SCOPE_ENDS:
                break
            governed.add(after)
    return governed


def case_polarity(question_key: str, case_key: str) -> int:
    """How far a clause's case agrees with the question's on what is not yet done: transitional articles pair the
    case done ("mà đã được … phê duyệt phương án") with the case not yet ("mà chưa được … phê duyệt phương án").
    Words the question puts after "chưa" count +1 when the case puts them after "chưa", −1 after "đã".

    >>> case_polarity("van chua duoc duyet phuong an thi", "ma chua duoc nguoi co tham quyen phe duyet phuong an")
    3
    >>> case_polarity("van chua duoc duyet phuong an thi", "ma da duoc nguoi co tham quyen phe duyet phuong an")
    -3
    """
    asked = _governed(question_key, "chua")
    return len(asked & _governed(case_key, "chua")) - len(asked & _governed(case_key, "da"))


_GOVERNED_CASE_REACH = 300  # the case a consequence answers is printed at most this far before it


def governing_act(question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None:
    """The act the unit applies to a case ("… thì thực hiện theo quy định tại Nghị định số 158/2018/NĐ-CP"), as the
    phrase after "theo" ("quy định tại Nghị định số 158/2018/NĐ-CP", "phân cấp tại Quyết định này"); among several,
    the one whose case (the text before it) prints most of the question's words.  A transitional article (its
    heading says "chuyển tiếp") is where a clerk looks first."""
    body = context.body(unit)
    options = []
    for match in _GOVERNED_BY.finditer(body):
        case = body[max(0, match.start() - _GOVERNED_CASE_REACH):match.start()]
        then = [m.start() for m in re.finditer(r"\sthì\s", case)]
        case = case[:then[-1]] if then else case  # the case, not the consequence it is given
        score = 0.5 + local_overlap(context.weights, case)
        if _TRANSITIONAL.search(unit.heading):
            score += 0.3
        score += 0.15 * case_polarity(question.key, match_key(case))
        options.append((score, unit.start + match.start("what"), unit.start + match.end("what")))
    if not options:
        return None
    score, start, end = max(options, key=lambda o: o[0])
    answer = " ".join(context.text(unit.doc_id)[start:end].split())
    record = context.store.documents[unit.doc_id].record
    itself = re.search(r"(\w+(?:\s+\w+)?)\s+này$", answer)
    if itself and record.number and match_key(record.type or "").startswith(match_key(itself.group(1))):
        answer += f" ({record.number})"  # "Nghị định này" of a decree: the reader is told which
    return Span(start, end, score, answer)


class ActExtractor:
    """The number of the act the question asks for ("được phê duyệt tại quyết định nào?"), or the part
    of an act ("nghiên cứu điều nào của Thông tư 38/2015/TT-BTC?" → "Điều 67")."""

    kinds = (QuestionKind.DOCUMENT,)

    def extract(self, question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None:
        if ASKS_PART.search(question.key):
            return self._part(question, unit, context)
        if ASKS_ANNEX.search(question.key):
            return self._annex(unit, context)
        if asks_governing_act(question):
            return governing_act(question, unit, context) or self._act(question, unit, context)
        return self._act(question, unit, context)

    @staticmethod
    def _annex(unit: Unit, context: Context) -> Span | None:
        """The annex or form a clause names with its number ("theo Phụ lục số 2A, 2B, 4A, 4B" for "báo cáo
        theo những phụ lục nào"); among several, the one whose own clause prints most of the question's words."""
        found = best_annex(context.body(unit), context.weights)
        if found is None:
            return None
        score, start, end = found
        start, end = unit.start + start, unit.start + end
        return Span(start, end, score, " ".join(context.text(unit.doc_id)[start:end].split()))

    @staticmethod
    def _part(question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None:
        """The cited part of an act; one of the act the question names first (printed after it or after its chain)."""
        from corpus.acts import number_key

        body = context.body(unit)
        asked = asked_numbers(question)
        options = []
        parts = list(_PART.finditer(body))
        for index, (match, number) in enumerate(zip(parts, chained_acts(body, parts))):
            score = 0.5 * local_overlap(context.weights, own_clause(body, parts, index))
            if number and asked:
                key = number_key(number.group(0))
                score += 0.6 if key in asked or any(key.startswith(a + "/") for a in asked) else -0.3
            options.append((score, unit.start + match.start(), unit.start + match.end()))
        if not options:
            return None
        best = max(range(len(options)), key=lambda i: options[i][0])
        score, start, end = options[best]
        if _ASKS_PARTS.search(question.key):  # "những điều nào": the whole chain the best part is printed in
            first, last = chain_around(body, parts, best)
            start, end = unit.start + sibling_items_start(body, parts[first].start()), unit.start + parts[last].end()
        return Span(start, end, score, " ".join(context.text(unit.doc_id)[start:end].split()))

    def _act(self, question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None:
        from corpus.acts import (
            find_act_references,
            normalize_number,
            number_key,
            parse_act_query,
        )

        body = context.body(unit)
        asked = asked_numbers(question)
        bare = parse_act_query(question.text)
        own = context.store.documents[unit.doc_id].record.number
        type_word = _TYPE_WORD.search(question.key)
        references = find_act_references(body)
        issuer = asked_issuer(question)
        numbers = _numbers(body)
        paper = asked_paper(question)
        relation = asked_relation(question.key)
        options = []
        for index, match in enumerate(numbers):
            key = number_key(match.group(0))
            if key in asked or any(key.startswith(a + "/") for a in asked) or (own and key == number_key(own)):
                # the act the question names ("Thông tư 06/2017" is 06/2017/TT-BLĐTBXH), or the document itself
                continue
            digits = re.match(r"\d+", key)
            if bare.bare_number and digits and digits.group(0) == bare.bare_number:
                continue
            ref = next((r for r in references
                        if r.number_key and number_key(r.number) == number_key(normalize_number(match.group(0)))), None)
            act_type = ref.act_type if ref else None
            start = _typed_start(body, match.start())
            score = 0.6 * local_overlap(context.weights, body[match.end():match.end() + 160])
            score += 0.3 * local_overlap(context.weights, body[max(0, match.start() - 80):match.start()])
            if type_word and act_type and match_key(act_type).startswith(type_word.group(1)):
                score += 0.6
            elif type_word and act_type:
                score -= 0.3
            if paper and paper.search(match_key(body[max(0, match.start() - 60):match.start()])):
                score += _PAPER_BONUS  # "Báo cáo thẩm tra số 419/BC-…" for "báo cáo thẩm tra số mấy"
            if relation and printed_after(relation, body[max(0, start - 40):start]):
                score += _RELATION_BONUS
            following = numbers[index + 1].start() if index + 1 < len(numbers) else len(body)
            by = issued_by(issuer, match.group(0), body[match.end():following])
            if by is not None:
                score += 0.6 if by else -0.3
            options.append((score, unit.start + start, unit.start + match.end()))
        if not options:
            if re.search(r":\s*$", body):  # "…, được sửa đổi, bổ sung bởi:" — the act is named on the next line
                return self._after_colon(question, unit, context, asked, own)
            return None
        score, start, end = max(options, key=lambda o: o[0])
        return Span(start, end, score, context.text(unit.doc_id)[start:end])

    @staticmethod
    def _after_colon(question: QuestionAnalysis, unit: Unit, context: Context, asked: set[str],
                     own: str | None) -> Span | None:
        from corpus.acts import number_key

        span = context.units.next_unit(unit)
        if span is None or span[0] - unit.end > _NEXT_LINE_GAP:
            return None
        text = context.text(unit.doc_id)
        for match in _numbers(text[span[0]:span[1]]):
            key = number_key(match.group(0))
            if key in asked or any(key.startswith(a + "/") for a in asked) or (own and key == number_key(own)):
                continue
            start = span[0] + _typed_start(text[span[0]:span[1]], match.start())
            score = 0.6 * local_overlap(context.weights, context.body(unit))
            return Span(start, span[0] + match.end(), score, text[start:span[0] + match.end()],
                        quote_start=unit.start, quote_end=span[1])
        return None


# "bãi bỏ những nội dung nào / điều nào của Quyết định 0151": the parts of a named act, not the act.
ASKS_REPEALED_PART = re.compile(r"\b(?:dieu|khoan|diem|chuong|muc|noi dung|quy dinh|phan) (?:nao|gi|may)\b")
# One part of an act as a repeal clause cites it, and a chain of them: "Khoản 2, 3, 4, 5 Điều 27",
# "khoản 3, khoản 4 Điều 12", "điểm a khoản 1 Điều 6", "Điều 25 và khoản 3 Điều 15", "số thứ tự 1, 2 Mục I".
_ONE_PART = (r"(?:[Đđ]iểm\s+[a-zđ]\b|[Kk]hoản\s+\d+[a-zđ]?|Điều\s+\d+[a-zđ]?|[Cc]hương\s+[IVXLC]+(?:-[A-Z])?"
             r"|[Mm]ục\s+(?:[IVXLC]+|\d+)|[Pp]hụ\s+lục\s+(?:[IVXLC]+|\d+[A-Z]?)|[Ss]ố\s+thứ\s+tự\s+\d+)")
_PART_CHAIN = re.compile(rf"{_ONE_PART}(?:(?:\s*,\s*|\s+và\s+|\s+)(?:{_ONE_PART}|\d+[a-zđ]?\b))*")
# The act's type (and name) between a cited part and the act's number: "… Điều 27 Nghị định số ", "… Điều 75 của
# Luật Giao thông đường thủy nội địa số ".
_ACT_BEFORE_NUMBER = re.compile(r"(?:\s+(?:của\s+)?(?:Phụ\s+lục|Danh\s+mục|Quy\s+định|Quy\s+chế)?\s*(?:ban\s+hành\s+)?kèm\s+theo)?"
                                r"(?:\s+của)?\s+(?:Luật|Bộ\s+luật|Nghị\s+định|Thông\s+tư|Quyết\s+định|Nghị\s+quyết"
                                r"|Chỉ\s+thị|Pháp\s+lệnh)\b[^;:\n]{0,80}?\s*(?:số\s*)?$", re.IGNORECASE)


def repealed_parts(text: str, start: int, end: int, asked: set[str]) -> tuple[int, int] | None:
    """The parts of an asked act (``asked``: number keys, :func:`asked_numbers`) that ``text[start:end]`` cites
    just before the act's number — a clerk reading "Bãi bỏ khoản 3, khoản 4 Điều 12 Thông tư số 06/2017/TT-…"
    for "bãi bỏ những khoản nào của Thông tư 06/2017" — as (start, end) in ``text``, else None.

    >>> t = "c) Khoản 2, 3, 4, 5 Điều 27 Nghị định số 140/2025/NĐ-CP ngày 12 tháng 6 năm 2025;"
    >>> s, e = repealed_parts(t, 0, len(t), {"140/2025/NĐ-CP"}); t[s:e]
    'Khoản 2, 3, 4, 5 Điều 27'
    """
    from corpus.acts import ACT_NUMBER, number_key

    for number in ACT_NUMBER.finditer(text, start, end):
        key = number_key(number.group(0))
        if key not in asked and not any(key.startswith(a + "/") for a in asked):
            continue
        lead = text[max(start, number.start() - 200):number.start()]
        act = _ACT_BEFORE_NUMBER.search(lead)
        if act is None:
            continue
        before = lead[:act.start()].rstrip()
        chains = [m for m in _PART_CHAIN.finditer(before) if m.end() == len(before)]
        if chains:
            offset = number.start() - len(lead)
            return offset + chains[-1].start(), offset + chains[-1].end()
    return None


def states_repeal(sentence: str, verb: re.Match[str] | None = None) -> bool:
    """Whether the repeal verb of ``sentence`` (its first when ``verb`` is None) repeals something, as a clerk reads it:
    not a title in capitals ("… ĐƯỢC SỬA ĐỔI, BỔ SUNG, BÃI BỎ"), not a wording replaced ("Thay thế cụm từ “…” bằng
    …"), not a note naming the act that amended ("Điểm này được sửa đổi, thay thế theo quy định tại Quyết định …").

    >>> states_repeal("Bãi bỏ Quyết định số 15/2019/QĐ-UBND."), states_repeal("VỀ VIỆC CÔNG BỐ THỦ TỤC BÃI BỎ")
    (True, False)
    >>> states_repeal("Cụm từ “Sở Lao động” được thay thế bằng cụm từ “Sở Nội vụ” theo Quyết định số 22/2025/QĐ-TTg.")
    False
    """
    verb = verb or REPEAL.search(sentence)
    if verb is None or verb.group(0).isupper() or _WORDING.match(sentence, verb.end()):
        return False
    return not (_PASSIVE_BEFORE.search(sentence[:verb.start()])
                and re.match(r"\s*(?:theo|bởi|tại)\s", sentence[verb.end():]))


# "Thông tư 36/2021/TT-BLĐTBXH đã được thay thế bởi thông tư nào?", "… bị bãi bỏ bởi nghị định nào", "… được sửa đổi,
# bổ sung bởi luật số mấy": the act that did it to the act named, in the passive; group 1 is the verb.
_DONE_BY_ASKED = re.compile(rf"\b(?:duoc|bi|da)\s+(thay the|thay|bai bo|sua doi(?: bo sung)?|bo sung) (?:boi|bang|theo|tai)"
                            rf" (?:{V.ACT_TYPE_KEYS}|van ban)(?: so)? (?:nao|may|gi)\b")
# The same verb as a text prints it after the act it names ("… Được thay thế bởi Thông tư số 01/2023/TT-BLĐTBXH",
# "Luật Kế toán số 88/2015/QH13 được sửa đổi, bổ sung bởi Luật số 56/2024/QH15", "… đã được thay bằng Nghị định …").
DONE_BY_PRINTED = {
    "thay": r"thay(?:\s+thế)?\s+(?:bởi|bằng)",
    # a consolidated text's note: "Khoản này được bãi bỏ theo quy định tại khoản 3 Điều 1 Thông tư số 09/2021/…"
    "bai bo": r"bãi\s+bỏ\s+(?:bởi|theo\s+quy\s+định\s+tại|theo|tại)",
    "sua doi": r"sửa\s+đổi(?:,?\s+bổ\s+sung)?\s+(?:bởi|tại|theo)",  # "… (đã được sửa đổi, bổ sung tại Nghị định số …)"
}
# The same verb in the act's own voice, opening its clause ("Bãi bỏ Phụ lục 4 …", "Thay thế Mẫu số 01 …").
DONE_BY_ACTIVE = {"thay": r"thay\s+thế", "bai bo": r"bãi\s+bỏ|hủy\s+bỏ|huỷ\s+bỏ", "sua doi": r"sửa\s+đổi(?:,?\s+bổ\s+sung)?"}
# Between the printed verb and the doer's number: the part of it that did it ("khoản 3 Điều 1 (của)"), its type word
# and "số".
DOER = re.compile(rf"\s+(?:(?:điểm|khoản|Điều)\s+[\w.]+\s+)*(?:của\s+)?(?:(?:{V.ACT_TYPE_PRINTED})\s+)?(?:số\s+)?",
                  re.IGNORECASE)


def asked_doer_verb(question_key: str) -> str | None:
    """The verb (a key of :data:`DONE_BY_PRINTED`) when a question asks, in the passive, which act repealed, replaced
    or amended the act it describes ("… đã bị bãi bỏ bởi văn bản nào"); None when it asks no such doer.

    >>> asked_doer_verb("quyet dinh ve chuan ngheo da bi bai bo boi van ban nao cua thu tuong")
    'bai bo'
    >>> asked_doer_verb("thong tu 09/2025 bai bo thong tu nao") is None
    True
    """
    asked = _DONE_BY_ASKED.search(question_key)
    if asked is None:
        return None
    verb = asked.group(1)
    return "thay" if verb.startswith("thay") else "bai bo" if verb == "bai bo" else "sua doi"




def printed_doer(text: str, start: int, end: int, verb: str) -> tuple[int, int] | None:
    """Where ``text[start:end]`` names the act that did ``verb`` as a list of acts no longer in force or an amended
    act's note prints it ("… Được bãi bỏ bởi Quyết định số 25/2022/QĐ-TTg ngày …"): the doer's number, else None.

    >>> t = "Quyết định số 59/2015/QĐ-TTg … áp dụng cho giai đoạn 2016-2020 Được bãi bỏ bởi Quyết định số 25/2022/QĐ-TTg"
    >>> s, e = printed_doer(t, 0, len(t), "bai bo"); t[s:e]
    '25/2022/QĐ-TTg'
    >>> printed_doer(t, 0, len(t), "thay") is None
    True
    """

    for said in re.finditer(DONE_BY_PRINTED[verb], text[start:end], re.IGNORECASE):
        at = start + said.end()
        doer = WRAPPED_ACT_NUMBER.match(text, DOER.match(text, at).end())
        if doer is not None:
            return doer.start(), doer.end()
    return None


class RepealsExtractor:
    """The acts named after "bãi bỏ" / "thay thế" / "hết hiệu lực" (numbers, or the act's name); for "bãi bỏ
    điều / khoản / nội dung nào của <act>", the parts of that act the clause cites."""

    kinds = (QuestionKind.REPEALS,)

    @staticmethod
    def _repealing_act(question: QuestionAnalysis, unit: Unit, context: Context, verb: str) -> Span | None:
        """For "… bị bãi bỏ bởi thông tư nào": a clause of this act that repeals in its own voice ("Bãi bỏ Phụ lục 4
        và Phụ lục 5 của Thông tư liên tịch …") names the doer — the act itself, by its number."""
        record = context.store.documents[unit.doc_id].record
        body = context.body(unit)
        said = re.match(rf"(?:{V.LEAD_LABEL})?[\s*_]*(?:Điều\s+\d+[a-zđ]?\.\s*)?({DONE_BY_ACTIVE[verb]})\b", body,
                        re.IGNORECASE)
        if said is None or not record.number or match_key(record.type or "").startswith("van ban hop nhat"):
            return None  # a consolidated text reprints the amending acts' clauses: it repeals nothing itself
        start, end = unit.start + said.start(1), unit.start + said.end(1)
        return Span(start, end, 0.3 + 0.4 * local_overlap(context.weights, body), record.number,
                    quote_start=unit.start, quote_end=unit.end)

    def extract(self, question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None:
        text = context.text(unit.doc_id)
        body = text[unit.start:unit.end]
        doer_verb = asked_doer_verb(question.key)
        if doer_verb is not None:
            # "… bị bãi bỏ bởi văn bản nào": the act printed after "bãi bỏ bởi", not the acts a clause repeals
            doer = printed_doer(text, unit.start, unit.end, doer_verb)
            if doer is None:
                return self._repealing_act(question, unit, context, doer_verb)
            return Span(doer[0], doer[1], 0.5 + 0.4 * local_overlap(context.weights, body),
                        "".join(text[doer[0]:doer[1]].split()))
        verb = REPEAL.search(body)
        if not verb or BASIS_LEAD.match(body) or re.match(r"[\s*_>-]*Căn\s+cứ\s", body):
            return None  # a "Căn cứ" line: the verb is in a cited act's title ("… công bố thủ tục … bị bãi bỏ …")
        own = context.store.documents[unit.doc_id].record.number
        from corpus.acts import number_key

        if ASKS_REPEALED_PART.search(question.key):
            # the act whose parts are asked, not the one they are repealed by ("… bởi / theo Thông tư 09/2021")
            by = {number_key(m.group(1)) for m in re.finditer(r"(?:bởi|theo|tại)\s+(?:\S+\s+){0,2}?(\d{1,5}/\S+)",
                                                              question.text, re.IGNORECASE)}
            asked = {a for a in asked_numbers(question) - by
                     if not (own and number_key(own).startswith(a)) and not any(b.startswith(a) for b in by)}
            regions = [(unit.start, unit.end)]  # "… bãi bỏ Điều 3 …", "… số thứ tự 1, 2 Mục I … hết hiệu lực"
            if re.search(r":\s*$", body):  # "Bãi bỏ các quy định sau:" — the parts are the points below
                regions += _following_points(unit, context)
            for start, end in regions if asked else ():
                found = repealed_parts(text, start, end, asked)
                if found:
                    score = 0.7 + 0.4 * local_overlap(context.weights, body)
                    return Span(found[0], found[1], score, " ".join(text[found[0]:found[1]].split()),
                                quote_start=unit.start, quote_end=max(unit.end, end))

        # "Ngoài QĐ 15/2014, … còn thay thế quyết định nào": the act the question sets aside is not the answer
        besides = {m.group(1) for m in re.finditer(r"\bngoài\s+(?:\S+\s+){0,2}?(\d{1,5}/(?:19|20)\d\d)", question.text,
                                                   re.IGNORECASE)}
        numbers = [m for m in _numbers(body) if not (own and number_key(m.group(0)) == number_key(own))
                   and not any(number_key(m.group(0)).startswith(b + "/") for b in besides)]
        # "X hết hiệu lực": the acts before the verb; "bãi bỏ / thay thế X": after it.
        after = [m for m in numbers if m.start() >= verb.end()]
        before = [m for m in numbers if m.end() <= verb.start()]
        if not states_repeal(body, verb):
            return None
        ends = re.match(r"hết", verb.group(0), re.IGNORECASE)
        if not ends and not _PASSIVE_VERB.search(body[:verb.start()]):
            before = []  # "Thông tư số 104/2024 … thay thế, bãi bỏ …": the act before the verb repeals, it is not repealed
        picked = after if after and not ends else (before or after)
        if besides and not picked:
            other = _other_act(text, unit.start + verb.end(), unit.end, besides)
            if other is not None:  # "Ngoài QĐ 15/2014 … còn thay thế …": the next act the clause lists, as printed
                return Span(other[0], other[1], 0.5 + 0.4 * local_overlap(context.weights, body),
                            " ".join(text[other[0]:other[1]].split()))
        score = 0.5 + 0.4 * local_overlap(context.weights, body)
        if re.search(r"(?:Quyết định|Thông tư|Nghị định|Nghị quyết|Chỉ thị|Văn bản|Quy định)\s+này", body[:verb.start() + 1]):
            score += 0.2
        if not picked and re.search(r":\s*$", body):  # "Các Nghị định sau hết hiệu lực …:" — the acts are the points below
            items = _following_points(unit, context)
            # "… làm hết hiệu lực nghị định nào quy định về thôi việc": the point whose title the question describes
            items = described_items(question, [text[s:e] for s, e in items], items)
            listed = [(s + m.start(), s + m.end(), m.group(0)) for s, e in items for m in _numbers(text[s:e])
                      if not (own and number_key(m.group(0)) == number_key(own))]
            if listed:
                shown = "; ".join(dict.fromkeys(n for _, _, n in listed))
                if len(shown) > 150:
                    shown = shown[:150].rsplit(";", 1)[0]
                return Span(listed[0][0], listed[-1][1], score + 0.1, shown, quote_start=unit.start,
                            quote_end=items[-1][1])
        if not picked and _PASSIVE_BEFORE.search(body[:verb.start()]):
            return None  # "khi các văn bản dẫn chiếu được thay thế …": a general clause, not this act's repeal
        if not picked and _OBJECT_PENDING.fullmatch(body[verb.end():]):
            following = _continuation(unit, context, own, besides)  # "… bãi bỏ toàn bộ\nQuyết định số 1736/…"
            if following is not None:
                return Span(following[0], following[1], score, following[2], quote_start=unit.start,
                            quote_end=following[3])
        if picked:
            heads = listed_heads(body, picked)
            bounds = [h.start() for h in heads[1:]] + [len(body)]
            heads = described_items(question, [body[h.start():b] for h, b in zip(heads, bounds)], heads)
            start = _typed_start(body, heads[0].start())
            end = heads[-1].end()
            shown = body[start:end]
            if len(shown) > 150 or len(heads) < len(picked):
                shown = "; ".join(dict.fromkeys(m.group(0) for m in heads))
            return Span(unit.start + start, unit.start + end, score, shown[:150])
        # An unnumbered act: "thay thế Quy chế … ban hành kèm theo …".
        rest = body[verb.end():]
        named = re.match(r"\s*(?:các\s+)?((?:Quyết định|Thông tư|Nghị định|Quy chế|Quy định|Chỉ thị|Nghị quyết|Điều|khoản|"
                         r"Khoản)[^;.\n]{3,140})", rest)
        own_clause = _OPENS_WITH_VERB.fullmatch(body[:verb.start()]) or _ACT_ITSELF.search(body[:verb.start()])
        if not own_clause:
            return None  # "thay thế vật tư hư hỏng", "huỷ bỏ thực hiện kiểm định": the word in its ordinary sense
        if not named:  # what is repealed is not an act: the words after the verb ("thủ tục hành chính …")
            clause = re.match(r"\s*([^;.\n]{3,140})", rest)
            if not clause:
                return None
            start = unit.start + verb.end() + clause.start(1)
            end = unit.start + verb.end() + clause.end(1)
            return Span(start, end, score - 0.4, " ".join(text[start:end].split()))
        start = unit.start + verb.end() + named.start(1)
        end = unit.start + verb.end() + named.end(1)
        return Span(start, end, score - 0.2, text[start:end])


# Words that open an act's title after its designation ("Nghị định số 101/2020/NĐ-CP ngày … của Chính phủ sửa đổi, bổ
# sung … Nghị định số 123/2016/NĐ-CP"): an act named after them is the title's, not one the clause lists.
_TITLE_OPENS = re.compile(r"\b(?:sửa\s+đổi|bổ\s+sung|hướng\s+dẫn|quy\s+định|tạm\s+ngưng|điều\s+chỉnh|áp\s+dụng|kéo\s+dài"
                          r"|về\s+việc|thi\s+hành|ban\s+hành|thực\s+hiện)\b")


def listed_heads(body: str, numbers: list[re.Match[str]]) -> list[re.Match[str]]:
    """Of the act ``numbers`` a repeal clause names, those it lists, as a clerk reads the list: each item (items end
    at ";", or where the repeal verb comes again) lists acts until an act's title opens; an act named inside a title
    is what that act amends or guides.

    >>> t = ("thay thế Nghị định số 123/2016/NĐ-CP ngày 01/9/2016 của Chính phủ quy định chức năng; Nghị định số "
    ...      "101/2020/NĐ-CP ngày 28/8/2020 của Chính phủ sửa đổi Nghị định số 123/2016/NĐ-CP; Quyết định số 5/2020/QĐ-UBND,"
    ...      " 6/2021/QĐ-UBND.")
    >>> from corpus.acts import ACT_NUMBER
    >>> [m.group(0) for m in listed_heads(t, list(ACT_NUMBER.finditer(t)))]
    ['123/2016/NĐ-CP', '101/2020/NĐ-CP', '5/2020/QĐ-UBND', '6/2021/QĐ-UBND']
    """
    heads = [numbers[0]]
    previous = numbers[0]
    for number in numbers[1:]:
        between = body[previous.end():number.start()]
        if ";" in between or REPEAL.search(between) or not _TITLE_OPENS.search(between):  # a new item or verb
            heads.append(number)
            previous = number
    return heads


_ACT_NAMED = re.compile(r"(?:Quyết\s+định|Thông\s+tư|Nghị\s+định|Nghị\s+quyết|Chỉ\s+thị)\s+số\s+\S+(?:[ \t]+/\S+)?")


def _other_act(text: str, start: int, end: int, besides: set[str]) -> tuple[int, int] | None:
    """The first act a repeal clause lists (items split at ";") that is none of those the question sets aside
    (``besides``: "15/2014"), named by its type and number as printed, even when the number is misprinted
    ("Quyết định số 22/201 /QĐ-UBND"); None when there is none.

    >>> t = "thay thế Quyết định số 15/2014/QĐ-UBND ngày 02/7/2014; Quyết\\nđịnh số 22/201 /QĐ-UBND ngày 13/9/2019."
    >>> s, e = _other_act(t, 8, len(t), {"15/2014"}); t[s:e]
    'Quyết\\nđịnh số 22/201 /QĐ-UBND'
    """
    position = start
    for item in text[start:end].split(";"):
        named = _ACT_NAMED.search(item)
        if named and not any(b in named.group(0).replace(" ", "") for b in besides):
            return position + named.start(), position + named.end()
        position += len(item) + 1
    return None


def _continuation(unit: Unit, context: Context, own: str | None,
                  besides: set[str] = frozenset()) -> tuple[int, int, str, int] | None:
    """The acts the next sentence names when a repeal verb ends its line without its object:
    (answer start, answer end, answer text, end of that sentence), else None."""
    from corpus.acts import number_key

    span = context.units.next_unit(unit)
    if span is None or span[0] - unit.end > _NEXT_LINE_GAP:
        return None
    text = context.text(unit.doc_id)
    body = text[span[0]:span[1]]
    numbers = [m for m in _numbers(body) if not (own and number_key(m.group(0)) == number_key(own))
               and not any(number_key(m.group(0)).startswith(b + "/") for b in besides)]
    if not numbers and besides:
        stop = re.search(r"\.(?:\s|$)", text[span[0]:span[0] + _CLAUSE_REACH])  # the clause's acts, past a ";"
        other = _other_act(text, span[0], span[0] + (stop.start() if stop else _CLAUSE_REACH), besides)
        return (other[0], other[1], " ".join(text[other[0]:other[1]].split()), span[1]) if other else None
    if not numbers:
        return None
    start = _typed_start(body, numbers[0].start())
    shown = body[start:numbers[-1].end()]
    if len(shown) > 150:  # one name per act ("15/2014/QĐ-UBND" and a later "15/2014/QĐ- UBND" are one)
        heads: dict[str, str] = {}
        for m in numbers:
            heads.setdefault(re.match(r"[^/]*/?[^/]*", number_key(m.group(0))).group(0), m.group(0))
        shown = "; ".join(heads.values())
    return span[0] + start, span[0] + numbers[-1].end(), " ".join(shown.split())[:150], span[1]


def _following_points(unit: Unit, context: Context, limit: int = 8) -> list[tuple[int, int]]:
    """The labelled points ("a) …", "- …") right after ``unit`` (a lead ending with a colon)."""
    text = context.text(unit.doc_id)
    items: list[tuple[int, int]] = []
    cursor = unit
    while len(items) < limit:
        span = context.units.next_unit(cursor)
        if span is None or span[0] - cursor.end > 3 or not _POINT_LABEL.match(text[span[0]:span[1]]):
            break
        items.append(span)
        cursor = Unit(unit.doc_id, span[0], span[1], -1, "", "")
    return items


# The act words a legal-basis line names its acts by (as printed, any case): "Căn cứ Luật …; Nghị định số …".
_BASIS_ACT_WORDS = (r"(?:Hiến\s+pháp|Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+quyết|Nghị\s+định(?:\s+thư)?|Thông\s+tư"
                    r"|Quyết\s+định|Chỉ\s+thị|Công\s+văn|Công\s+điện|Kế\s+hoạch|Kết\s+luận|Thông\s+báo|Văn\s+bản"
                    r"|Chương\s+trình|Tờ\s+trình|Báo\s+cáo|Hướng\s+dẫn|Quy\s+chế|Quy\s+định|Đề\s+án|Điều\s+lệ"
                    r"|Hiệp\s+định|Điều\s+ước|Lệnh)\b")
# An act as a basis line names it: its type capitalised ("Căn cứ báo cáo của Ủy ban nhân dân cấp xã, …" in an article
# is an instruction, no act), or any act number.
_PRINTED_ACT = re.compile(rf"[\s*_]*(?:(?:Các|các|Những|những)\s+)?{_BASIS_ACT_WORDS}")
# A "Căn cứ" that opens a line (a title or an address block may run into it on the same unit), and the preamble's
# "Thực hiện / Triển khai <act>" of a plan or a letter that prints no "Căn cứ" lines.
BASIS_LEAD = re.compile(r"(?:^|\n)[ \t*_>-]*Căn\s+cứ\s+(?:vào\s+)?")
IMPLEMENTS_LEAD = re.compile(rf"(?:^|\n)[ \t*_>-]*(?:Thực\s+hiện|Triển\s+khai)\s+(?=(?:(?:các|những)\s+)?{_BASIS_ACT_WORDS})",
                             re.IGNORECASE)
_BASIS_REACH = 600  # a basis line (wrapped over several printed lines) runs at most this far
# Where a basis line's acts end: ";" or a sentence end, a blank line, the next line's own lead, the enacting words.
_LINE_END = re.compile(r";|\.(?=\s|$)|\n[ \t*_]*\n|\s*\((?:sau\s+đây|gọi\s+tắt|dưới\s+đây)|\n[ \t*_>-]*(?:Căn\s+cứ|Theo\s+đề\s+nghị|Xét\s|QUYẾT|Điều\s+1\b)"
                       r"|,?\s*(?:QUYẾT\s+(?:ĐỊNH|NGHỊ)|NGHỊ\s+QUYẾT|BAN\s+HÀNH)\b")
# Inside one line, another act starts after ", " or " và " ("…, Quyết định số 1093/QĐ-BYT … và Kế hoạch số 229-KH/TU"),
# its type capitalised as acts are named ("quy định chi tiết và hướng dẫn thi hành" goes on with the same act).
_NAMED_ACT = (r"(?:Hiến\s+pháp|Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+quyết|Nghị\s+định|Thông\s+tư|Quyết\s+định|Chỉ\s+thị"
              r"|Công\s+văn|Công\s+điện|Kế\s+hoạch|Kết\s+luận|Thông\s+báo|Văn\s+bản|Chương\s+trình|Tờ\s+trình)\b")
_NEXT_ACT = re.compile(rf"\s*,\s+(?={_NAMED_ACT})|\s+và\s+(?={_NAMED_ACT})")
_FOLLOWING_ACT = re.compile(rf"[\s*_]*{_NAMED_ACT}")
# An act that amends others lists them ("Luật sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức và Luật Viên
# chức"), an amended act its amending acts ("… được sửa đổi, bổ sung bởi Luật số 03/2022/QH15 và Luật số …"): one act.
_AMENDS = re.compile(r"sửa\s+đổi|bổ\s+sung", re.IGNORECASE)


def basis_acts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The acts a legal-basis line names, as (start, end) in ``text``: the line opens at ``start`` (after its
    "Căn cứ") and may wrap past ``end`` (its unit) up to its ";" — each act of "Căn cứ Luật A ngày …; Luật B …"
    and of "Thực hiện Quyết định X, Quyết định Y và Kế hoạch Z", one per act.

    >>> t = "Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;\\nCăn cứ Luật X;"
    >>> [t[s:e][:40] for s, e in basis_acts(t, 0, 60)]
    ['Luật Tổ chức Chính phủ ngày 19 tháng 6 n', 'Luật sửa đổi, bổ sung một số điều của Lu']
    >>> t = "Quyết định số 281/QĐ-TTg ngày 05/4/2024 của Thủ tướng, Quyết định số 1093/QĐ-BYT của Bộ Y tế và Kế hoạch số 229-KH/TU, UBND tỉnh ban hành Kế hoạch."
    >>> [t[s:e] for s, e in basis_acts(t, 0, len(t))]
    ['Quyết định số 281/QĐ-TTg ngày 05/4/2024 của Thủ tướng', 'Quyết định số 1093/QĐ-BYT của Bộ Y tế', 'Kế hoạch số 229-KH/TU, UBND tỉnh ban hành Kế hoạch']
    """
    limit = min(len(text), max(end, start + _BASIS_REACH))
    acts: list[tuple[int, int]] = []
    position = start
    while position < limit:
        stop = _LINE_END.search(text, position, limit)
        clause_end = stop.start() if stop else limit
        segment_start = position
        cursor = position
        while True:
            split = _NEXT_ACT.search(text, cursor, clause_end)
            if split is None:
                break
            if _AMENDS.search(text, segment_start, split.start()):
                cursor = split.end()  # the acts an amending act amends, or an amended act's amending acts
                continue
            acts.append((segment_start, split.start()))
            segment_start = cursor = split.end()
        acts.append((segment_start, clause_end))
        if stop is None or not stop.group(0).startswith(";"):
            break
        following = _FOLLOWING_ACT.match(text, stop.end(), limit)
        if following is None:
            break  # "…; Luật B …" continues the line; anything else ends it
        position = stop.end()
    cleaned = []
    for s, e in acts:
        while s < e and text[s] in " \t\n*_":
            s += 1
        while e > s and text[e - 1] in " \t\n*_,":
            e -= 1
        if e > s:
            cleaned.append((s, e))
    return cleaned


def _type_of(act: str) -> str:
    """An act's type word as a question names it (match key): "Bộ luật Lao động" is asked as a "luật"."""
    return re.sub(r"^(?:(?:cac|nhung) )?(?:bo )?", "", match_key(" ".join(act.strip(" *_").split())))  # "Nghị\nđịnh"


def names_type(act: str, type_word: str) -> bool:
    """Whether ``act`` (as printed) is of the type a question asks ("căn cứ nghị định nào" → "nghi dinh")."""
    return _type_of(act).startswith(type_word)


# Words of a legal-basis question that name no act of its own: the cue, the act types, question words.
BASIS_CUE_WORDS = frozenset({"can", "cu", "co", "so", "phap", "ly", "dua", "tren", "nao", "gi", "nhung", "cac", "may",
                             "van", "ban", "hanh", "cua", "ve", "theo"})
# "… căn cứ nghị định nào <description>": what the question says of the act it asks, after the question word.
DESCRIBED_ACT = re.compile(rf"\b(?:{V.ACT_TYPE_KEYS}|van ban)(?: so)? nao\b(.+)$")


def described_pairs(question: QuestionAnalysis) -> set[tuple[str, str]]:
    """The adjacent word pairs the question says of the act it asks after the question word ("căn cứ luật nào về
    phòng cháy, chữa cháy" → ("phong", "chay"), ("chua", "chay"), …), without pairs of cue words alone.  These
    words describe the cited act, not the document, so a clerk matches them against each "Căn cứ" line even when
    the document's own title shares them.

    >>> from retriever.qa.question import analyze_question
    >>> sorted(described_pairs(analyze_question("Quy định căn cứ luật nào về phòng cháy?")))
    [('phong', 'chay'), ('ve', 'phong')]
    """
    described = DESCRIBED_ACT.search(question.key)
    if not described:
        return set()
    # an act type's own pairs ("nghị định", "thông tư") name no act; its single syllables do ("liên thông điện tử"
    # shares each syllable with "thông tư liên tịch" and "công điện")
    types = {p for key in V.ACT_TYPE_KEYS.split("|") for p in itertools.pairwise(key.split())}
    words = syllables(described.group(1))
    return {p for p in itertools.pairwise(words)
            if not (p[0] in BASIS_CUE_WORDS and p[1] in BASIS_CUE_WORDS) and p not in types}


# The words an act's title opens with ("quy định", "hướng dẫn", "sửa đổi, bổ sung"): every title prints them, so a
# question's description of an act names it by the words after them.
_TITLE_VERB_PAIRS = frozenset(tuple(v.split()) for v in (
    "quy dinh", "huong dan", "sua doi", "bo sung", "ban hanh", "thi hanh", "thuc hien", "ve viec", "dieu chinh",
    "ap dung", "keo dai", "tam ngung"))


def describes_none_of(question: QuestionAnalysis, text: str) -> bool:
    """Whether the question describes the act it asks ("bãi bỏ thông tư nào quy định khung giá cho nhà máy điện mặt
    trời") and ``text`` (the clause read as the answer) prints none of that description's word pairs beyond a title's
    opening verb: the clause speaks of other acts.

    >>> from retriever.qa.question import analyze_question
    >>> q = analyze_question("Thông tư về khung giá phát điện bãi bỏ thông tư nào quy định khung giá cho điện gió?")
    >>> describes_none_of(q, "Bãi bỏ Thông tư số 15/2024/TT-BCT quy định một số nội dung về thanh tra chuyên ngành")
    True
    >>> describes_none_of(q, "đ) Thông tư số 15/2022/TT-BCT quy định phương pháp xây dựng khung giá phát điện gió")
    False
    """
    described = described_pairs(question) - _TITLE_VERB_PAIRS
    return bool(described) and not described & set(itertools.pairwise(syllables(text)))


def described_items(question: QuestionAnalysis, texts: list[str], items: list) -> list:
    """Of the ``items`` a repeal clause lists (``texts``: each one's words, its act and title), those whose title prints
    the most of what the question says of the act it asks (:func:`described_pairs`, a title's opening verb aside), as a
    clerk picks "thông tư nào quy định khung giá cho nhà máy điện mặt trời" out of a list; all when none or every one
    prints as much.

    >>> from retriever.qa.question import analyze_question
    >>> q = analyze_question("Nghị định về công chức làm hết hiệu lực nghị định nào quy định về thôi việc?")
    >>> described_items(q, ["a) Nghị định số 06/2010/NĐ-CP quy định những người là công chức;",
    ...                     "b) Nghị định số 46/2010/NĐ-CP quy định về thôi việc và thủ tục nghỉ hưu"], ["a", "b"])
    ['b']
    """
    described = described_pairs(question) - _TITLE_VERB_PAIRS
    if not described or len(items) < 2:
        return items
    counts = [len(described & set(itertools.pairwise(syllables(t)))) for t in texts]
    if max(counts) == 0 or min(counts) == max(counts):
        return items
    return [item for item, n in zip(items, counts) if n == max(counts)]


_DESCRIBED_WEIGHT = 0.6  # × the share of the described pairs an act's line prints


# A clause whose subject is an administrative procedure ("Thủ tục miễn học phí …", "Nhóm thủ tục liên thông …",
# "các TTHC …"): what it is based on is the procedure's own "Căn cứ pháp lý" part (a column of the table of procedures,
# a section of the procedure's card), not the "Căn cứ" lines of the decision that publishes the procedures.
_PROCEDURE_SUBJECT = re.compile(r"\s*(?:(?:cac|nhung|nhom|mot) )*(?:thu tuc|tthc)\b")


def asks_of_procedure(question: QuestionAnalysis) -> bool:
    """Whether the question opens (after a "Theo <act>," lead) with a procedure as its subject ("Thủ tục … căn cứ nghị định nào";
    "Theo Quyết định 2929, thủ tục … dựa trên …"), not a document ("Quyết định công bố thủ tục … căn cứ …").

    >>> from retriever.qa.question import analyze_question
    >>> asks_of_procedure(analyze_question("Thủ tục miễn học phí cho con hạ sĩ quan căn cứ nghị định nào?"))
    True
    >>> asks_of_procedure(analyze_question("Theo Quyết định 2929, thủ tục miễn học phí dựa trên nghị định nào?"))
    True
    >>> asks_of_procedure(analyze_question("Quyết định công bố nhóm thủ tục liên thông căn cứ nghị định nào?"))
    False
    """
    text = question.text
    lead = re.match(r"\s*(?:Theo|Trong|Tại|Ở)\b[^,]{0,120},", text, re.IGNORECASE)
    return bool(_PROCEDURE_SUBJECT.match(match_key(text[lead.end():] if lead else text)))  # after "Theo <act>,"


class LegalBasisExtractor:
    """The acts a "Căn cứ …" line names, one span per act (``lead``: what opens the line)."""

    kinds = (QuestionKind.LEGAL_BASIS,)

    def __init__(self, lead: re.Pattern[str] = BASIS_LEAD):
        self.lead = lead

    def spans(self, question: QuestionAnalysis, unit: Unit, context: Context) -> list[Span]:
        """Every act the line opening in ``unit`` names, scored by the question's words and the type it asks."""
        from corpus.acts import ACT_NUMBER

        text = context.text(unit.doc_id)
        body = text[unit.start:unit.end]
        basis = self.lead.search(body)
        if not basis or asks_of_procedure(question):
            return []  # a procedure's basis is listed under its "Căn cứ pháp lý", not in a "Căn cứ …" line
        type_word = _TYPE_WORD.search(question.key)
        line = 0.4 + 0.5 * local_overlap(context.weights, body)
        opening = unit.start + basis.start()  # the quote starts at the line's "Căn cứ", not at a title before it
        found = []
        described = described_pairs(question)
        for start, end in basis_acts(text, unit.start + basis.end(), unit.end):
            act = text[start:end]
            score = line + 0.3 * local_overlap(context.weights, act)
            if described:  # "căn cứ luật nào về phòng cháy": the line of the act so described
                score += _DESCRIBED_WEIGHT * len(described & set(itertools.pairwise(syllables(act)))) / len(described)
            if type_word and names_type(act, type_word.group(1)):
                score += 0.4
            if not _PRINTED_ACT.match(act) and not ACT_NUMBER.search(act):
                score -= 0.3  # "Căn cứ ý kiến …", "Căn cứ khả năng ngân sách": no act
            found.append(Span(start, end, score, " ".join(act.split())[:150], quote_start=opening,
                              quote_end=max(unit.end, end)))
        return found

    def extract(self, question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None:
        found = self.spans(question, unit, context)
        return max(found, key=lambda s: s.confidence) if found else None

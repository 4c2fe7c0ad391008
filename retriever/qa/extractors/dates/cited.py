"""Dates of cited acts: a date printed after an act's number or name ("Nghị quyết số 66-NQ/TW ngày 30/4/2025",
"Luật Việc làm ngày …") is that act's — the answer only when the question asks that act's date (issued, approved,
received); the document's own date line is not an event of its text either.
"""

from __future__ import annotations

import re

from corpus.acts import parse_date
from corpus.vietnamese import match_key
from retriever.qa.extractors.base import Context
from retriever.qa.extractors.dates.spans import _date_text
from retriever.qa.model import Unit
from retriever.qa.question import QuestionAnalysis, citing_clause

_OWN_DATE_PENALTY = -0.6
# the number of a cited act right before a date: "72/2024/NĐ-CP ngày", "66-NQ/TW NGÀY" (a heading in capitals)
_CITED_ACT_BEFORE = re.compile(r"\d+(?:/\d{4})?[/-][A-ZĐ][\w-]*(?:/[\w-]+)?\s*,?\s*(?:(?:ngày|NGÀY)\s*)?$")

# A date right after an act's name is that act's date ("Luật Giám định tư pháp ngày 20/6/2012").
_ACT_NAME_BEFORE = re.compile(r"(?:Luật|Bộ luật|Nghị định|Nghị quyết|Quyết định|Thông tư|Chỉ thị|Pháp lệnh|Kế hoạch|Công văn"
                              r"|Văn bản)(?:\s+số)?\s+[^\n;:.()]{0,80}?\s*,?\s*(?:ngày\s+)?$")


def signing_date_span(context: Context, doc_id: str) -> tuple[int, int] | None:
    """Where the document prints its own date (the "…, ngày … tháng … năm …" line); found at load."""
    return context.units.own_dates.get(doc_id)


def cited_act_date(body: str, start: int) -> bool:
    """Whether the date at ``start`` is a cited act's ("Nghị quyết số 66-NQ/TW ngày 30/4/2025"); a date opening a
    sentence ("…SỐ 66-NQ/TW\nNgày 28 tháng 11 năm 2025, tại …") is not, even right after a heading's act number."""
    if body.startswith("Ngày", start) and (start == 0 or body[start - 1] == "\n"):
        return False
    return bool(_CITED_ACT_BEFORE.search(body[max(0, start - 60):start]))


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


def _not_this_event(question: QuestionAnalysis, context: Context, unit: Unit, body: str, at: int,
                    due: bool = False) -> float:
    """A penalty for a date that is not an event of the text: the document's own date line, or the
    date printed after a cited act's name."""
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

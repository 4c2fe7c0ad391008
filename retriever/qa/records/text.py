"""Where a document prints its own record facts, as a clerk finds them in its text: the signature block and the
header field "Người ký", the preamble ("Căn cứ …", "Thực hiện …", "Theo đề nghị của …"), the scope line naming
the act it details, the closing line of adoption, its number as printed, an act's short designation.
"""

from __future__ import annotations

import re

from retriever.qa import vocabulary as V
from retriever.qa.records.base import _cut

_EFFECT = re.compile(r"hiệu\s+lực", re.IGNORECASE)
_BASIS = re.compile(r"(?m)^[ \t*_]*Căn cứ\s")
# A plan's or a letter's preamble opens with the acts it carries out ("Thực hiện Quyết định số 281/QĐ-TTg …, Quyết
# định số 1093/QĐ-BYT …"): its basis when it prints no "Căn cứ" lines.
_IMPLEMENTS = re.compile(r"(?m)^[ \t*_>-]*(?:Thực|Triển)\s+(?:hiện|khai)\s")

# "… quy định chi tiết (và hướng dẫn thi hành) (một số điều) (của) Luật …": the act detailed, up to the clause's end.
_DETAILED_ACT = re.compile(r"(?:quy\s+định\s+chi\s+tiết|chi\s+tiết\s+hóa|hướng\s+dẫn"
                           # the scope article's "… quy định về … theo quy định tại điểm b khoản 2 Điều 18 Nghị định số …"
                           r"|(?<=này\s)quy\s+định\s(?:[^;.\n]|\n(?!\s*\n)|\.(?!\s)){0,400}?theo\s+quy\s+định\s+(?:tại|của))"
                           r"(?:\s+(?:và|,)\s+hướng\s+dẫn)?"
                           r"(?:\s+thi\s+hành)?(?:\s+một\s+số\s+(?:điều|nội\s+dung)(?:,?\s+khoản)?)?(?:\s+và\s+biện\s+pháp"
                           # the parts detailed: "khoản 2 Điều 30, các khoản 1, 3 và 4 Điều 42 Luật …", "Điều 11 của Luật …"
                           r"\s+thi\s+hành)?(?:\s+(?:các\s+)?(?:điểm|khoản|Điều)\s+\w+(?:[^;:.\n]|\n(?!\s*\n)){0,160}?\s+Điều\s+\d+\w*"
                           r"|\s+(?:các\s+)?(?:điểm|khoản|Điều)\s+\d+\w*)?"
                           r"(?:\s+(?:của|tại))?\s+((?:Bộ\s+)?(?:Luật|Nghị\s+định|Nghị\s+quyết|Pháp\s+lệnh"
                           r"|Thông\s+tư|Quyết\s+định)\b(?:(?!\n\s*\n|[;:]|,\s+bao\s+gồm|\.(?:\s|$)|\n[ \t*_]*(?:Căn\s+cứ|CĂN\s+CỨ|Theo\s))"
                           r"[^\n]|\n(?!\s*\n)){0,200})", re.IGNORECASE)

# The acts a preamble cites for the issuer's competence, not for the matter it details: a ministry's organising decree
# ("… quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ …"), the laws on the Government's and local
# government's organisation and on issuing legal documents.
_ORGANISES = re.compile(r"chức\s+năng,\s+nhiệm\s+vụ,\s+quyền\s+hạn|Luật\s+Tổ\s+chức\s+(?:Chính\s+phủ|chính\s+quyền\s+địa"
                        r"\s+phương)|Luật\s+Ban\s+hành\s+văn\s+bản", re.IGNORECASE)

_THIS_ACT_BEFORE = re.compile(r"(?:Nghị\s+định|Thông\s+tư|Quyết\s+định|Nghị\s+quyết|Luật|Pháp\s+lệnh)\s+này\s*$")
# "Nghị quyết này được … khóa XV thông qua ngày 16 tháng 6 năm 2025": the date an act was adopted.
_ADOPTED = re.compile(r"thông\s+qua\s+(?:vào\s+)?(ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|ngày\s+\d{1,2}/\d{1,2}/\d{4})")
_PREAMBLE_REACH = 3000  # the preamble's opening line is within this many characters of the text's start

_TITLE = re.compile(V.SIGNING_TITLE)
_SIGNER_FIELD = re.compile(r"Người ký:[\s|]*((?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]+[ \t]+){1,4}[A-ZĐÀ-Ỹ][a-zà-ỹđ]+)")
_NAME_LINE = re.compile(V.SIGNATURE_NOISE + r"((?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]+[ \t]+){1,4}[A-ZĐÀ-Ỹ][a-zà-ỹđ]+)[ \t]*(?:\n|$)")

# The date printed after a cited act's number: "số 5029/TCT-PC ngày 09/11/2023", ", ngày 19 tháng 11 năm 2025".
_CITED_DATE = re.compile(r"\s*,?\s*((?:ngày\s+)?)(\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})")

# The preamble line naming the proposer, at a line's start: "Theo đề nghị của …", "Xét đề nghị của … tại Tờ trình …".
_PROPOSER = re.compile(r"(?m)^[ \t*_]*(?:(?:Theo|Xét)\s+(?:đề\s+nghị|đề\s+xuất)|Xét\s+Tờ\s+trình\s+số[^;]{0,120}?)\s+của\s+")
# Where the proposer's name ends: the clause's end, or the submission it is made in ("tại Tờ trình số …").
_PROPOSER_END = re.compile(
    r"[;.]|\[\d+\]|\n\s*\n|,?\s*\n(?=[^\n]*(?:ban\s+hành|QUYẾT\s+ĐỊNH\s*:|NGHỊ\s+QUYẾT\s*:))"  # the enacting line
    r"|\s+về\s|\s+tại\s+(?:các\s+)?(?:Tờ\s+trình|văn\s+bản|Công\s+văn)|,\s+(?:Báo\s+cáo|ý\s+kiến)|\s+và\s+(?:ý\s+kiến|Báo\s+cáo)",
    re.IGNORECASE)


def read_proposer(text: str) -> tuple[int, int, int, str] | None:
    r"""The proposer a document's preamble names, as a clerk reads it: the name after the first "Theo/Xét đề nghị
    của" (or "Xét Tờ trình số … của") at a line's start — the preamble comes before any annex form's blank
    "Theo đề nghị của ……" — up to the clause's end, the submission it cites ("tại Tờ trình số …") or the enacting
    line; as (line start, name start, name end, name with its line breaks and marks removed), or None.

    >>> read_proposer("Căn cứ Luật X;\nTheo đề nghị của Giám đốc Sở\nTài chính tại Tờ trình số 52/TTr-STC;\n")[3]
    'Giám đốc Sở Tài chính'
    >>> read_proposer("Theo đề nghị của Bộ trưởng Bộ Quốc phòng[1],\nQUYẾT ĐỊNH:\nĐiều 1.")[3]
    'Bộ trưởng Bộ Quốc phòng'
    """
    for match in _PROPOSER.finditer(text):
        start = match.end()
        stop = _PROPOSER_END.search(text, start, start + 400)
        end = stop.start() if stop else min(len(text), start + 150)
        name = " ".join(text[start:end].replace("*", " ").split()).strip(" ,:")
        if not re.match(r"[A-ZĐÀ-Ỹ]", name):
            continue  # a form's blank ("Theo đề nghị của ……")
        return match.start(), start, end, _cut(name, ", ", 150)
    return None


# The preamble line of a proposal ("Theo đề nghị của Giám đốc Sở Tài chính tại Tờ trình số 52/TTr-STC;", "Trên cơ sở
# đề nghị của Bộ Tài chính tại văn bản số 18345/BTC-NSNN …", "Xét Tờ trình số 425/TTr-UBND …"), at a line's start,
# and the paper it was made in, up to the clause's end.
_PROPOSAL_LINE = re.compile(r"(?m)^[ \t*_]*(?:(?:Theo|Xét|Trên\s+cơ\s+sở)\s+(?:đề\s+nghị|đề\s+xuất)|Xét)\s")
_PROPOSAL_PAPER = re.compile(r"(?:Tờ\s+trình|[Vv]ăn\s+bản|Công\s+văn)\s+số\s*[*_]*\s*(\d[\w./-]*/[\w.Đđ/-]+)")


def read_proposal_paper(text: str) -> tuple[int, int, int] | None:
    r"""The number of the paper a document's proposal was made in, as the preamble prints it: (line start, number
    start, number end) of the first proposal line that names one, or None.

    >>> text = "Căn cứ Luật X;\nTrên cơ sở đề nghị của Bộ Tài chính tại văn bản\nsố 18345/BTC-NSNN ngày 26/11/2025.\n"
    >>> line, start, end = read_proposal_paper(text); text[start:end]
    '18345/BTC-NSNN'
    >>> read_proposal_paper("Theo đề nghị của Bộ trưởng Bộ Y tế;\nĐiều 1. Theo Tờ trình số 5/TTr-BYT") is None
    True
    """
    for line in _PROPOSAL_LINE.finditer(text):
        stop = re.compile(r";|\.\s*\n|\n\s*\n").search(text, line.end(), line.end() + 500)
        end = stop.start() if stop else min(len(text), line.end() + 500)
        paper = _PROPOSAL_PAPER.search(text, line.end(), end)
        if paper:
            return line.start(), paper.start(1), paper.end(1)
    return None


# "Nghị định số 188/2025/NĐ-CP ngày …", "Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",
# "Luật Nhà giáo số 73/2025/QH15": an act's designation ends with its number, else before its date.
_DESIGNATION = re.compile(r"^(.*?\bsố\s*[\w.]*\d[\w./-]*/[\w.Đđ/-]+)|^(.*?)\s+(?:ngày|ban hành|của|về|quy định)\s", re.DOTALL)


_AMENDING = re.compile(r"^(\S+(?:\s+\S+)?\s+sửa\s+đổi(?:,\s+bổ\s+sung)?\s+(?:một\s+số\s+điều\s+)?của\s+.*?)"
                       r"\s+(?:ngày|số|ban\s+hành)\s", re.DOTALL)


def act_designation(line: str) -> str:
    """How a clerk names the act a "Căn cứ" line cites: its type, name and number without date, issuer and title.

    >>> act_designation("Nghị định số 188/2025/NĐ-CP ngày 01 tháng 7 năm 2025 của Chính phủ quy định chi tiết …")
    'Nghị định số 188/2025/NĐ-CP'
    >>> act_designation("Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025")
    'Luật Tổ chức chính quyền địa phương'
    >>> act_designation("Luật Nhà giáo số 73/2025/QH15")
    'Luật Nhà giáo số 73/2025/QH15'
    >>> act_designation("Luật sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế ngày 13 tháng 6 năm 2014")
    'Luật sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế'
    """
    amending = _AMENDING.match(line)
    if amending:  # "Luật sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế": the acts it amends name it
        return " ".join(amending.group(1).split())
    match = _DESIGNATION.match(line)
    if not match:
        return line
    return " ".join((match.group(1) or match.group(2)).split())


def _clause_at(text: str, start: int, reach: int = 400) -> str:
    """The clause of ``text`` from ``start`` to its ";" or its paragraph's end, at most ``reach`` characters."""
    end = re.compile(r";|\n\s*\n").search(text, start, start + reach)
    return text[start:end.start() if end else start + reach]


def _number_pattern(number: str) -> str:
    return r"\s*".join(re.escape(ch) for ch in number.replace(" ", ""))


def find_number(text: str, number: str) -> tuple[int, int] | None:
    if not number:
        return None
    match = re.search(_number_pattern(number), text, re.IGNORECASE)
    return (match.start(), match.end()) if match else None


def _month_iso(span: str) -> str | None:
    match = re.search(r"tháng\s+(\d{1,2})\s*(?:/|năm)\s*(\d{4})", span, re.IGNORECASE)
    if match:
        return f"{int(match.group(2)):04d}-{int(match.group(1)):02d}"
    return None

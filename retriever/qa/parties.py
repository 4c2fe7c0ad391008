"""Who a document is sent to and who executes it, as a clerk reads them off the document itself.

* its addressees: the block a letter ("Kính gửi:") or a telegram ("BỘ XÂY DỰNG điện:") prints in its header;
* its executors: the subject of its final article ("… chịu trách nhiệm thi hành Quyết định này").

Both the record route (a question naming the document) and the agency extractor (a retrieved closing article) read
them, so they live here, below both: neither imports the other for them.
"""

from __future__ import annotations

import re

from corpus.acts import ACT_NUMBER
from corpus.vietnamese import match_key
from retriever.qa.question import QuestionAnalysis

# The addressee block of a letter or a telegram, at a line's start: "Kính gửi:", "THỦ TƯỚNG CHÍNH PHỦ điện:".
_ADDRESS_LEAD = re.compile(r"(?m)^[ \t*_]*(?:Kính\s+gửi|([^\n:]{2,80}?)\s+điện)[ \t*_]*:[ \t*_]*")
_ADDRESS_REACH = 4000  # the block is in the header: within this many characters of the text's start
_ITEM_MARK = re.compile(r"[ \t*_]*[-+•–][ \t]*")
_WRAP_CHARS = 40  # a wrapped line of an undashed item ("Phòng") is short or starts in lower case
_WRAP_LINES = 4  # a dashed item ("- Bí thư Tỉnh ủy, …, Chủ tịch\nỦy ban nhân dân …") wraps over at most this many lines
# "… được gửi cho những đơn vị nào", "gửi chủ tịch UBND những tỉnh nào", "gửi tới những Cục nào", "gửi những bộ
# nào": the document's own addressees; not "gửi hồ sơ / báo cáo … cho cơ quan nào" (where a thing is sent).
_ASKS_ADDRESSEES = re.compile(
    r"\bgui (?:cho |toi |den )?(?!(?:ho so|bao cao|van ban|tai lieu|de nghi|de xuat|y kien|thong tin|danh sach|ket qua"
    r"|du lieu|kien nghi|to trinh|so lieu|cau hoi|ke hoach|don)\b)(?:((?:\w+,? ){1,8}?)nao|(?:nhung )?ai)\b")
_NOUN_WORDS = 4  # "… những <noun> nào": at most this many words name the addressees asked
_GENERIC_ADDRESSEES = frozenset({"don vi", "co quan", "to chuc", "noi", "ca nhan", "doi tuong", "chu the", "nguoi",
                                 "co quan don vi", "co quan, don vi", "dia chi", "ben"})
# "… chịu trách nhiệm thi hành Quyết định này": the final article names who executes the document.
_EXECUTES = re.compile(r"(?:chịu|có)\s+trách\s+nhiệm\s+(?:tổ\s+chức\s+)?(?:thi\s+hành|thực\s+hiện)\s+(?:các\s+)?"
                       r"(?:Quyết\s+định|Nghị\s+quyết|Thông\s+tư|Chỉ\s+thị|Nghị\s+định|Kế\s+hoạch|Công\s+điện)\s+này",
                       re.IGNORECASE)
# … or names the document first and ends on the duty ("Thông tư 32/2025/TT-BKHCN giao những ai chịu trách nhiệm thi
# hành?"): the document named is what they execute.
ASKS_EXECUTORS = re.compile(r"\b(?:trach nhiem|ai|nao|phai) (?:to chuc )?thi hanh (?:cac )?(?:quyet dinh|nghi quyet|thong tu"
                             r"|chi thi|nghi dinh|cong dien|ke hoach|van ban)\b"
                             r"|\b(?:ai|nao) (?:chiu |co )?trach nhiem (?:to chuc )?thi hanh$")
# The heading of the final article, before the names it charges ("Điều 5. Trách nhiệm thi hành\n1. Bộ trưởng …").
_EXECUTION_HEADING = re.compile(r"\s*(?:Trách\s+nhiệm|Tổ\s+chức|Điều\s+khoản|Hiệu\s+lực\s+và\s+trách\s+nhiệm)\s+(?:thi\s+hành"
                                r"|thực\s+hiện)[^\n]{0,40}\n(?:\s*\d+\.\s+)?", re.IGNORECASE)


def read_addressees(text: str) -> tuple[int, list[tuple[int, int]]] | None:
    r"""The addressees a letter ("Kính gửi:") or a telegram ("BỘ XÂY DỰNG điện:") names in its header, as a clerk
    reads them: each item after the lead (a dash opens an item; a short or lower-case line continues it; an item
    ending with "." closes the block unless a dash follows), as (lead start, [(item start, item end), …]) in ``text``.

    >>> t = "Số: 96/CĐ-BXD\nBỘ XÂY DỰNG điện:\n- Các Cục: Đường bộ Việt Nam, Hàng\nhải Việt Nam;\n- Ban Quản lý Dự án 85.\nTriển khai chỉ đạo của Thủ tướng"
    >>> _, items = read_addressees(t); [" ".join(t[s:e].split()) for s, e in items]
    ['Các Cục: Đường bộ Việt Nam, Hàng hải Việt Nam', 'Ban Quản lý Dự án 85']
    >>> t = "Kính gửi:\n|\n- Ban Tuyên giáo Trung ương,\n- Bộ Văn hóa, Thể thao và Du lịch,\n- Báo Nhân dân.\nThời gian qua"
    >>> _, items = read_addressees(t); [t[s:e] for s, e in items]
    ['Ban Tuyên giáo Trung ương', 'Bộ Văn hóa, Thể thao và Du lịch', 'Báo Nhân dân']
    >>> t = "Kính gửi: Sở Y tế tỉnh Đồng Nai\nThực hiện Công văn số 12/BYT của Bộ Y tế về việc triển khai"
    >>> _, items = read_addressees(t); [t[s:e] for s, e in items]
    ['Sở Y tế tỉnh Đồng Nai']
    """
    for lead in _ADDRESS_LEAD.finditer(text, 0, _ADDRESS_REACH):
        if lead.group(1) is not None and lead.group(1).strip(" *_") != lead.group(1).strip(" *_").upper():
            continue  # "… điện:" is a telegram's lead only after its issuer in capitals
        items: list[list[int]] = []
        ended = dashed = False
        wrapped, tail = 0, ""
        position = lead.end()
        while position < len(text):
            end = text.find("\n", position)
            end = len(text) if end < 0 else end
            line = text[position:end]
            content = line.strip(" \t*_|")
            mark = _ITEM_MARK.match(line)
            if not content:
                pass
            elif mark and content[0] in "-+•–" and items and tail == "," and ":" in text[items[-1][0]:items[-1][1]]:
                # "các tỉnh: Gia Lai,\n- Đắk Lắk và Khánh Hòa;": the names a category lists run on past a dash; an
                # item that lists none ("- Bộ Văn hóa, Thể thao và Du lịch,\n- Báo Nhân dân,") ends at its comma
                items[-1][1] = end
            elif mark and content[0] in "-+•–":
                items.append([position + mark.end(), end])
                dashed, wrapped = True, 0
            elif not items:
                items.append([position + len(line) - len(line.lstrip(" \t*_")), end])
            elif not ended and ((dashed and wrapped < _WRAP_LINES) or content[0].islower()
                                or len(content) <= _WRAP_CHARS):
                items[-1][1] = end  # a dashed item runs on until its ";" or "."
                wrapped += 1
            else:
                break
            if content:
                tail = content.rstrip("*_ ")[-1:]
                ended = tail in (".", ";")
            position = end + 1
        spans = []
        for start, end in items:
            while end > start and text[end - 1] in " \t*_.;,|":
                end -= 1
            if end > start:
                spans.append((start, end))
        if spans:
            return lead.start(), spans
    return None


def asked_addressees(question: QuestionAnalysis) -> str | None:
    """The addressees a question asks of the document it names, by the noun it asks with ("gửi tới những Cục nào"
    → "cuc", "gửi chủ tịch UBND những tỉnh, thành phố nào" → "tinh, thanh pho"; "" for any addressee: "gửi cho
    những đơn vị nào", "gửi ai"); None when it does not ask who the document is sent to.

    >>> from retriever.qa.question import analyze_question
    >>> asked_addressees(analyze_question("Công điện 96/CĐ-BXD về mưa lũ gửi tới những Cục nào của Bộ Xây dựng?"))
    'cuc'
    >>> asked_addressees(analyze_question("Công văn 5662/CT-CS về thuế nhà thầu được gửi cho những đơn vị nào?"))
    ''
    >>> asked_addressees(analyze_question("Theo Công văn 12/BYT, doanh nghiệp gửi hồ sơ cho cơ quan nào?")) is None
    True
    """
    match = _ASKS_ADDRESSEES.search(question.key)
    number = ACT_NUMBER.search(question.text)
    if match is None or number is None:
        return None
    named_at = question.key.find(match_key(number.group(0))[:4])
    if named_at < 0 or named_at > match.start() or "," in question.key[named_at:match.start()]:
        return None  # the document is not what is sent ("Theo Công văn 12, doanh nghiệp gửi …")
    words = (match.group(1) or "").split()
    marks = [i for i, w in enumerate(words) if w in ("nhung", "cac")]
    words = words[marks[-1] + 1:] if marks else words  # "gửi chủ tịch UBND những tỉnh nào": the noun after "những"
    if len(words) > _NOUN_WORDS:
        return None
    noun = " ".join(words).strip(" ,")
    return "" if noun in _GENERIC_ADDRESSEES else noun


def addressee_names(text: str, items: list[tuple[int, int]], noun: str) -> list[tuple[int, int]]:
    r"""Of the addressee ``items``, what answers "… những <noun> nào": the names after the colon of the items whose
    lead names the noun ("- Các Cục: Đường bộ Việt Nam, …" for "những Cục nào"); every item when the noun is
    generic ("") or no item's lead names it.

    >>> t = "Bộ trưởng các Bộ: Quốc phòng, Y tế\nChủ tịch UBND các tỉnh, thành phố: Huế, Đà Nẵng"
    >>> [t[s:e] for s, e in addressee_names(t, [(0, 34), (35, len(t))], "tinh, thanh pho")]
    ['Huế, Đà Nẵng']
    """
    words = re.findall(r"\w+", noun)
    if words:
        pattern = re.compile(r"\b" + r"\W+".join(words) + r"\b")
        named = []
        for start, end in items:
            colon = text.find(":", start, end)
            if colon > 0 and pattern.search(match_key(text[start:colon])):
                after = colon + 1 + len(text[colon + 1:end]) - len(text[colon + 1:end].lstrip())
                named.append((after, end))
        if named:
            return named
    return list(items)


def read_executors(text: str) -> tuple[int, int, int] | None:
    """The bodies the final article charges with executing the document ("Chánh Văn phòng …, Giám đốc Sở Tư pháp
    … chịu trách nhiệm thi hành Quyết định này"): (sentence start, names start, names end) of the last such
    sentence, its article label left out; None when the document has none.

    >>> t = "Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Y tế chịu trách nhiệm thi hành Quyết định này./."
    >>> s, a, b = read_executors(t); t[a:b]
    'Chánh Văn phòng UBND tỉnh, Giám đốc Sở Y tế'
    """
    found = None
    for verb in _EXECUTES.finditer(text):
        start = max(text.rfind(". ", 0, verb.start()) + 2, text.rfind(".\n", 0, verb.start()) + 2,
                    text.rfind(":\n", 0, verb.start()) + 2, verb.start() - 600, 0)
        label = re.match(r"\s*(?:\**Điều\s+\d+\.?\**|\d+\.)?\s*", text[start:verb.start()])
        names = start + (label.end() if label else 0)
        heading = _EXECUTION_HEADING.match(text, names, verb.start())
        names = heading.end() if heading else names
        end = verb.start()
        while end > names and text[end - 1] in " \t\n,;":
            end -= 1
        if end > names:
            found = (start, names, end)
    return found

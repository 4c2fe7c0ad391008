"""Question analysis: what kind of answer is wanted, and what the question is about.

>>> analyze_question("Quyết định này có hiệu lực từ ngày nào?").kind
<QuestionKind.EFFECTIVE_DATE: 'effective_date'>
>>> analyze_question("ai ky ke hoach 542 nghe an").kind.value, analyze_question("ai ky ke hoach 542").accentless
('signer', True)
>>> analyze_question("Năm 2025 tỷ lệ tham gia BHYT đạt bao nhiêu?").target_years
('2025',)
>>> analyze_question("Nghị định 72/2024/NĐ-CP áp dụng đến hết ngày nào?").target_years  # an act's number, no target
()
>>> analyze_question("chinh sach giam thue ap dung den het ngay nao").date_role
'end'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from corpus.lexicon import QUERY_TYPE_ABBREVIATIONS
from corpus.vietnamese import has_diacritics, match_key, nfc
from retriever.qa import vocabulary as V
from retriever.qa.polarity import is_yes_no
from retriever.query import normalize_act_numbers, spell_out_abbreviations


class QuestionKind(str, Enum):
    """The kind of short answer a question wants (its value is ``Answer.kind``)."""

    SIGNER = "signer"  # who signed (the signature block)
    EFFECTIVE_DATE = "effective_date"  # when it takes effect
    REPEALS = "repeals"  # which acts it repeals / replaces
    LEGAL_BASIS = "legal_basis"  # which acts it is based on (căn cứ)
    LIST = "list"  # the items of an enumeration
    DEADLINE = "deadline"  # a time limit or a due date
    AMOUNT = "amount"  # a sum of money or a rate with its unit
    AGENCIES = "agencies"  # several bodies
    DOCUMENT = "document"  # an act number, documents citing an act
    DATE = "date"
    NUMBER = "number"
    PERSON = "person"
    AGENCY = "agency"
    CODE = "code"  # an identifier printed after its label or in a "Mã …" column ("mã TTHC", "mã số thuế")
    WHAT = "what"  # the clause itself is the answer


_ORDER: tuple[tuple[QuestionKind, str], ...] = (
    (QuestionKind.CODE, V.CUE_CODE),
    (QuestionKind.SIGNER, V.CUE_SIGNER),
    (QuestionKind.EFFECTIVE_DATE, V.CUE_EFFECTIVE),
    (QuestionKind.REPEALS, V.CUE_REPEALS),
    (QuestionKind.LEGAL_BASIS, V.CUE_LEGAL_BASIS),
    (QuestionKind.AGENCIES, V.CUE_AGENCIES),
    (QuestionKind.LIST, V.CUE_LIST),
    (QuestionKind.DEADLINE, V.CUE_DEADLINE),
    (QuestionKind.AMOUNT, V.CUE_AMOUNT),
    (QuestionKind.DOCUMENT, V.CUE_ACT_NUMBER),
    (QuestionKind.AGENCY, V.CUE_AGENCY_NAMED),
    (QuestionKind.DOCUMENT, V.CUE_DOCUMENT),
    (QuestionKind.DATE, V.CUE_DATE),
    (QuestionKind.NUMBER, V.CUE_NUMBER),
    (QuestionKind.LIST, V.CUE_LIST_GENERIC),
    (QuestionKind.PERSON, V.CUE_PERSON),
    (QuestionKind.AGENCY, V.CUE_AGENCY),
)
_PATTERNS = tuple((kind, re.compile(pattern)) for kind, pattern in _ORDER)
_PERSON_ROLE = re.compile(V.CUE_PERSON_ROLE)
_GOVERNING_ACT = re.compile(V.CUE_GOVERNING_ACT)
_AMOUNT_VERBS = re.compile(V.CUE_AMOUNT_VERBS)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_WANTED_HEAD = re.compile(V.WANTED_HEAD)
# Words that may follow "bao nhiêu" but are no counted noun (a conjunction, a verb, a preposition).
_NOT_A_NOUN = frozenset({"thi", "de", "khi", "neu", "ma", "moi", "va", "hoac", "la", "se", "phai", "can", "tro", "duoc",
                         "cho", "o", "tai", "trong", "theo", "tu", "den", "so", "voi", "vao", "thuoc", "hay"})
_WANTED_UNIT = re.compile(r"\b(?:bao nhieu|may)\s+(\w+(?:\s\w+)?)")
_QUESTION_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_WORD = re.compile(r"\w+")
_SHARE_ASKED = re.compile(V.SHARE_ASKED)  # "chiếm bao nhiêu GRDP": a percentage
_DOCUMENT_WORDS = re.compile(V.QUESTION_DOCUMENT_WORDS)
_REFERS_TO_ITSELF = re.compile(rf"\b({V.ACT_TYPE_KEYS}|van ban) (nay|tren)\b")


# A clause naming the document that cites the act asked ("Luật Việc làm mà Quyết định 28/2021/QĐ-TTg viện dẫn",
# "Chỉ thị 45-CT/TW …, được Nghệ An dẫn khi lập kế hoạch", "… mà Bộ Nội vụ dẫn ra"): the act asked is the one cited,
# so "… ban hành / thông qua ngày nào" asks its date, not the citing document's own.  A bare "dẫn" counts only after
# an act or a number, or with "ra"/"khi" ("người dân", "hướng dẫn", "dẫn độ" are no citing).
_CITING = re.compile(r"\b(?:ma|duoc) ((?:\S+ ){1,6}?)(can cu|vien dan|trich dan|dan chieu|dan)\b")


def citing_clause(key: str) -> re.Match | None:
    """The clause of ``key`` (match_key text) naming the document that cites the act asked, else None.

    >>> citing_clause("luat viec lam ma quyet dinh 28/2021/qd-ttg vien dan duoc thong qua ngay nao").group(0)
    'ma quyet dinh 28/2021/qd-ttg vien dan'
    >>> citing_clause("chi thi 45 duoc nghe an dan khi lap ke hoach ban hanh ngay nao").group(0)
    'duoc nghe an dan'
    >>> citing_clause("tai san ma nguoi dan tu nguyen chuyen giao"), citing_clause("duoc cuc thue huong dan ngay nao")
    (None, None)
    """
    for match in _CITING.finditer(key):
        cites = match.group(2) != "dan" or re.search(rf"\b(?:{V.ACT_TYPE_KEYS})\b|\d", match.group(1)) \
            or re.match(r" (?:ra|khi)\b", key[match.end():])
        if cites and not re.search(r"(?:huong|toan|nguoi) $", key[:match.start(2)]):  # "hướng dẫn", "người dân"
            return match
    return None


# Record-route kinds ask a fact of a document itself; these say the question asks its body instead.
# "Ai được giao / thừa ủy quyền … ký Tờ trình": an assignment the text makes, not the signature block.
# "Tờ trình … phải do ai ký", "hồ sơ cần có chữ ký của ai": an obligation the text lays down (who must sign such a
# paper), not who signed this document.
_ASSIGNED_TO_SIGN = re.compile(r"\bduoc (?:\w+ ){0,2}(giao|uy quyen|phan cong|cu|chi dinh)\b"
                               r"|\b(?:ai|nguoi nao) (?:phai|can|se|co trach nhiem|co tham quyen) (?:ky|ky ten|ky xac nhan)\b"
                               r"|\b(?:phai|can|se|bat buoc) (?:do |duoc |co )?(?:ai|nguoi nao) (?:ky|ky ten|ky xac nhan)\b"
                               r"|\b(?:phai|can|se|bat buoc) (?:do |duoc |co )?(?:chu ky|xac nhan) cua (?:ai|nguoi nao)\b")
# "Bộ cẩm nang … phải ban hành vào thời gian nào", "Nghị định … phải được ban hành trước ngày nào": a duty to issue
# something, whose time the text sets (a deadline), not the date the document itself was issued.
_DUTY_TO_ISSUE = re.compile(r"\b(?:phai|can|se|du kien|co trach nhiem)(?: duoc)? ban hanh\b")
# "… công bố văn bản hết hiệu lực căn cứ nghị định nào": the act asked is governed by the basis verb right before it;
# a repeal verb elsewhere only describes the document ("bãi bỏ thông tư nào" is governed by the repeal verb).
_BASIS_GOVERNS_ASKED = re.compile(rf"\b(?:can cu|dua (?:tren|vao)|tren co so)(?: vao)?(?: (?:cac|nhung))?"
                                  rf" (?:{V.ACT_TYPE_KEYS}|van ban|luat)(?: so)? (?:nao|gi|may)\b")
# "căn cứ" names the document's basis when an act is asked ("căn cứ nghị định nào", "căn cứ vào văn bản nào"),
# the question names the document ("Nghị quyết 385 … căn cứ …") or asks its legal basis outright.
_BASIS_OF_ACT = re.compile(rf"\bcan cu (?:vao )?(?:(?:nhung|cac) )?(?:{V.ACT_TYPE_KEYS}|van ban|luat)\b"
                           rf"|{V.BASIS_ASKED}")
# "Những văn bản nào căn cứ Nghị định 39/2022": the act asked is the one that cites ("văn bản nào là / làm căn cứ …"
# asks the basis itself).
_CITERS_ASKED = re.compile(rf"\b(?:{V.ACT_TYPE_KEYS}|van ban)(?: so)? nao (?:da )?can cu\b")
_DOCUMENT_BEFORE_BASIS = re.compile(rf"\b(?:{V.ACT_TYPE_KEYS}|van ban)\b.*\bcan cu\b")
# "báo cáo số nào", "tờ trình số mấy": a document's number ("số nào" is also "Sở nào"), for the paper types
# that are no act type (V.ACT_TYPE_KEYS leaves plain nouns out).
_NUMBER_OF_PAPER = re.compile(r"\b(?:bao cao|to trinh|huong dan|quy dinh|phuong an|bien ban|giay moi|de an)"
                              r" so (?:nao|may|bao nhieu)\b")
# "hợp nhất … với thông tư sửa đổi nào", "nghị định hướng dẫn nào": an act asked by what it does to another.
_ACT_BY_ROLE = re.compile(rf"\b(?:{V.ACT_TYPE_KEYS}) (?:sua doi(?: bo sung)?|bo sung|huong dan|quy dinh chi tiet) nao\b")
# "báo cáo nào của Bộ Tài chính": a paper named by what it is ("báo cáo" is no act type in V.ACT_TYPE_KEYS).
_PAPER_ASKED = re.compile(r"\b(?:bao cao|to trinh) nao\b")
# "nghiên cứu điều nào của Thông tư 38/2015": a part of an act (not "điều kiện nào").
ASKS_PART = re.compile(r"\b(dieu|khoan|diem|chuong) (?:nao|may|so may|so nao|bao nhieu)\b")
# What a "nào" asks is the noun right before it.  A repeal verb names what the question asks only when some
# "nào" is headed by an act or a part of one ("thay thế quyết định nào", "những khoản nào … bị bãi bỏ",
# "quyết định sửa đổi nào", "Nghị định 08/2021 nào", "quyết định số nào") or "gì" follows the verb ("bãi bỏ những gì"); a question
# whose "nào" is headed by anything else, or that asks "bao nhiêu"/"mấy"/"ai"/"bao giờ", only describes its
# document by the repeal ("Kế hoạch thay thế Kế hoạch 12/KH-UBND giao Sở nào chủ trì?": an agency).
_NAO_HEAD = re.compile(r"(\S+(?: \S+){0,2}) nao\b")
_ACT_HEAD = re.compile(rf"(?:^| )(?:van ban|quy dinh|noi dung|dieu|khoan|diem|chuong|muc|phan|phu luc|thu tuc"
                       rf"|sua doi|bo sung|{V.ACT_TYPE_KEYS}|\S*\d\S*)(?: so)?$")  # "quyết định số nào"
_REPEAL_WHAT = re.compile(rf"{V.CUE_REPEALS}(?: \S+){{0,2}} gi\b|\bso hieu\b")
_ASKS_OTHER = re.compile(r"\b(?:bao nhieu|may|ai|bao gio|bao lau)\b")


# w112: "hết hiệu lực" describes what a document repeals; a question asks the document's own effective date when
# another "(có) hiệu lực" is followed by the time asked ("Quyết định công bố văn bản hết hiệu lực … có hiệu lực từ
# khi nào"): the wh-phrase governs that one, the first sits in the noun phrase naming the document.
_IN_FORCE_ASKED = re.compile(rf"(?<!het )\bhieu luc\b(?: \w+){{0,3}}? {V.CUE_ASKS_TIME}")
_GROUNDS = re.compile(V.GROUNDS_NOUN)


def _only_repealed_in_force(key: str) -> bool:
    """True when every "hiệu lực" of ``key`` that is followed by the time asked is "hết hiệu lực" (what is repealed)."""
    return bool(re.search(r"\bhet hieu luc\b", key)) and not _IN_FORCE_ASKED.search(key)


def _grounds_only(key: str) -> bool:
    """True when each "căn cứ" of ``key`` is the noun "grounds" ("khi có căn cứ") and no basis is asked otherwise."""
    return len(re.findall(r"\bcan cu\b", key)) == len(_GROUNDS.findall(key)) > 0 and not re.search(V.BASIS_ASKED, key)


def _repeal_described(key: str) -> bool:
    """True when the question's repeal verb describes its document while it asks something else."""
    heads = [m.group(1) for m in _NAO_HEAD.finditer(key)]
    act_asked = any(_ACT_HEAD.search(h) for h in heads) or bool(_REPEAL_WHAT.search(key))
    other_asked = any(not _ACT_HEAD.search(h) for h in heads) or bool(_ASKS_OTHER.search(key))
    return other_asked and not act_asked


@dataclass(frozen=True)
class QuestionAnalysis:
    """A question read once: its kind, its words, and the details extractors need."""

    text: str  # NFC, single-spaced
    key: str  # match_key(text), punctuation as spaces
    kind: QuestionKind
    accentless: bool
    target_years: tuple[str, ...]  # years named in the question ("mục tiêu năm 2030")
    numbers: frozenset[str]  # every number in the question
    wanted_head: str | None  # "so" for "Sở nào…"
    wanted_unit: tuple[str, ...]  # ("tram", "y") for "bao nhiêu trạm y tế"
    wants_percent: bool
    asked_label: tuple[str, ...]  # ("he", "so") for "theo hệ số bao nhiêu": the words the figure follows
    wants_ordinal: bool  # "kỳ họp thứ mấy"
    wants_time: bool  # "trước mấy giờ": a time of day, not a date
    asks_own_date: bool  # "thông qua / ban hành / ký ngày nào": the document's own date is the answer
    list_noun: tuple[str, ...]  # ("noi", "dung") for "những nội dung gì": what the listed items are
    asks_lead: bool  # "chủ trì"
    names_act: bool  # the question names an act (number, "Quyết định 1093", "văn bản này")
    self_reference: bool  # "Quyết định này", "văn bản này": the document the passage belongs to
    yes_no: bool = False  # "… có được … không?": answered by the clause's negation/restriction phrase
    date_role: str = ""  # which date or time is asked: one of V.DATE_ROLES, "" when the question does not say

    @property
    def syllables(self) -> list[str]:
        return _WORD.findall(self.key)


_DATE_ROLES = tuple((role, re.compile(pattern)) for role, pattern in V.DATE_ROLES)


def date_role(key: str) -> str:
    """Which date ``key`` (match_key text) asks for: period, frequency, end, due, duration, start, event or "".

    >>> date_role("bao cao truoc ngay nao"), date_role("ap dung tu ngay nao den ngay nao"), date_role("hop ngay nao")
    ('due', 'period', 'event')
    """
    return next((role for role, pattern in _DATE_ROLES if pattern.search(key)), "")


# Nouns whose accent-less spelling holds a cue word: "phụ lục" (annex) is no "lúc nào", "máy móc" no "mấy",
# "những số liệu" no "những sở".
# Typed without accents, a quantity ("số lượng", "thời lượng", "lượng mưa") is no "lương" (salary), progress or
# priority ("tiến độ", "ưu tiên") no "tiền", an assessment ("đánh giá") no "giá", "bộ máy" no "mấy", and "đấu thầu",
# "đầu mối" no "đâu" ("đầu tư" stays: "vốn đầu tư" is a money cue).
_NOT_CUE_NOUNS = re.compile(r"\b(phu luc|so lieu|nha may|may (?:moc|tinh|bay|chu|in|phat|thu hoach|nong nghiep)"
                            r"|(?:(?<=to chuc )|(?<=sap xep )|(?<=tinh gon )|(?<=kien toan )|(?<=ve ))bo may"
                            r"|bo may(?= (?:nha nuoc|chinh quyen|to chuc))"
                            r"|(?:so|chat|khoi|trong|dinh|thoi|san|luu|dung|nang) luong|luong mua|luong nuoc"
                            r"|uu tien|tien (?:do|hanh|bo|trinh)|cai tien|danh gia|gia (?:dinh|tang|han)"
                            r"|dau (?:thau|moi|tho|vao|ra|nam|thang|ky)"
                            r"|don vi tinh)\b")  # w112: a unit of measure ("theo đơn vị tính nào"), no "tỉnh nào"
# Accented words whose accent-less spelling is a money cue ("luong", "tien", "gia"): a quantity ("chất lượng",
# "khối lượng"; "số lượng" asks a count: CUE_NUMBER reads it joined), progress or priority ("tiến độ", "ưu tiên"), an assessment.
_NOT_MONEY_WORDS = re.compile(r"(?<!\w)(?:[Ss]ố )?[Ll]ượng(?!\w)|(?<!\w)[Tt]i[ếê]n(?!\w)|(?<!\w)[Đđ]ánh giá(?!\w)")
# An annex or a form asked by its number ("theo những phụ lục nào", "làm theo mẫu số mấy"): the act extractor
# reads "Phụ lục số 2A, 2B" / "Mẫu số 01/MGTH" off the clause.
ASKS_ANNEX = re.compile(r"\b(?:phu ?luc|bieu mau|mau)(?: so)? (?:nao|may|so may|so nao|gi)\b")
_PARTS_ASKED = re.compile(r"\b(?:nhung|cac) (?:dieu khoan|dieu|khoan) nao (?:cua|tai|thuoc)\b")
_READ_AS_ANNEX = frozenset({"list", "deadline", "amount", "date", "number", "agency", "person"})


# "đang ở giai đoạn nào", "đã đến bước nào": where a matter stands, not a period of time.
_STAGE = re.compile(r"\b(?:dang|da|con) (?:o |trong |den |toi )?(?:giai doan|buoc) nao\b")


# "Ai là người nộp lệ phí?", "Người phải trả phí là ai?": the party a duty falls on (an agency or a class of
# persons the clause names), not an office holder's name.
_PARTY_OF_DUTY = re.compile(r"\bai la nguoi (?:phai |co trach nhiem |co nghia vu |duoc )?(?:nop|tra|dong|chiu|huong|ke khai)\b"
                            r"|\bnguoi (?:phai |co trach nhiem |co nghia vu )?(?:nop|tra|dong|chiu|ke khai)\b(?: \w+){0,6} la ai\b")


# "Ai là cơ quan / tổ chức / đơn vị …": the noun after "ai là" names a body, not an office holder (whatever role
# word the rest of the question prints: the "phố" of "thành phố" spells like "phó").
_BODY_AFTER_WHO = re.compile(r"\bai la (?:co quan|to chuc|don vi|bo phan|ben|dia phuong)\b")


# "nằm ở tỉnh nào", "áp dụng cho công trình từ cấp nào", "kỷ luật đến cấp nào": a place or a level governed by a
# preposition of place or range is where or how far a rule reaches, read in the clause that states it; a body that
# acts is the clause's subject ("tỉnh nào phải …", "cấp nào quyết định …"), never the object of "ở"/"từ"/"đến".
_PLACE_OR_LEVEL_REACHED = re.compile(r"\b(?:o|tai|tu|den|toi|tren|duoi) (?:tinh|cap|huyen|xa|phuong|vung|khu vuc"
                                     r"|dia ban|noi) nao\b")


def _asks_frequency(key: str) -> bool:
    """Whether the question asks how often ("theo chu kỳ nào", "định kỳ bao lâu một lần") and not the sum it names."""
    return date_role(key) == "frequency" and not _SUM_ASKED.search(key)


# "gửi báo cáo … lên đâu", "nộp hồ sơ tới đâu": a paper sent somewhere goes to a body.
_SENT_WHERE = re.compile(r"\b(?:gui|nop|trinh|chuyen)\b.*\b(?:len|toi|den|cho) dau\b|\bnop(?: \w+){0,4} (?:o|tai) dau\b")


# "Phó Thủ tướng nào", "Bộ trưởng nào": a person asked by the office held.
_TITLE_ASKED = re.compile(r"\b(?:pho )?(?:thu tuong|chu tich|bo truong|thu truong|giam doc|bi thu|truong ban"
                          r"|tong bi thu|chu nhiem)(?: [a-z]{2,5})? nao\b")  # (its abbreviation spelt beside it: "thu tuong ttg")


# A cue that is a plain noun ("thời hạn", "mức thu phí", "số lượng", "tỷ lệ") names the question's subject; when
# the question asks a body, an act or the items of a list elsewhere ("Thời hạn nộp do đơn vị nào quy định?",
# "Số lượng nhân viên … do ai quyết định?", "Mức phụ cấp được quy định tại văn bản nào?", "Những người sử dụng lao
# động nào không được giảm mức đóng?"), that is what is asked.  No how-much or how-long word may be in the question.
_INTERROGATIVE = re.compile(r"\b(?:nao|gi|bao lau|bao nhieu|may)\b")
_NAMED_BY_NOUN = frozenset({QuestionKind.DEADLINE, QuestionKind.AMOUNT, QuestionKind.NUMBER})
_ASKED_OF_NAMED = frozenset({QuestionKind.AGENCIES, QuestionKind.LIST, QuestionKind.DOCUMENT, QuestionKind.AGENCY})
_FIGURE_ASKED = re.compile(r"\b(?:bao nhieu|may|bao lau|muc nao|khi nao|ngay nao|luc nao|bao gio|thoi diem nao)\b")
# w92: a span of time or an age counted at the wh-word ("từ bao nhiêu năm tuổi trở lên", "đủ bao nhiêu năm công tác")
# asks the case's bound; a sum of money the question names beside it ("mức hỗ trợ 2.000.000 đồng") is the condition.
_SPAN_COUNTED = re.compile(r"\b(?:bao nhieu|may) (?:nam|thang|ngay|tuan|tuoi)\b(?! (?:luong|tien|tro cap|thu nhap))")
_TIME_ASKED = re.compile(r"\b(?:ngay nao|khi nao|bao gio|thoi diem nao|thoi gian nao|thang nao|nam nao|quy nao)\b"
                         rf"|{V.TIME_PERIOD_ASKED}")  # w112: "áp dụng từ năm học nào": a school year, a date
_SUM_ASKED = re.compile(r"\b(?:bao nhieu|may|muc nao|the nao|nhu the nao|gi)\b")
_ACT_ASKED = re.compile(rf"\b(?:{V.ACT_TYPE_KEYS}|van ban)(?: so)? (?:nao|gi)\b")


# Several bodies asked at once: "các bộ, ngành nào", "những cơ quan, đơn vị nào", "Sở nào chủ trì, Sở nào phối hợp",
# "những ai" (the plural of "who"): every body the clause names answers, not one.
_BODY = (r"(?:bo|so|ban|nganh|co quan|don vi|dia phuong|tinh|thanh pho|huyen|xa|phuong|to chuc|doanh nghiep|tap doan"
         r"|cuc|vien|benh vien|trung tam|uy ban|chi cuc|phong|luc luong|doan the|hoi)")
_SEVERAL_BODIES = re.compile(rf"\b(?:cac|nhung) {_BODY}(?: (?:va |hoac )?{_BODY})+ nao\b|\bnhung ai\b"
                             rf"|\b(?:hai|ba|bon|\d) {_BODY} nao\b|\bai chu tri\b.*\bai phoi hop\b"  # "hai sở nào", "ai chủ trì, ai phối hợp"
                             rf"|\b{_BODY} nao\b.*\b{_BODY} nao\b")
# w91: a body noun heading another noun names no body ("những tính chất gì" is no "những tỉnh" once the accents
# are folded; "những ngành nghề/sản xuất nào" are industries, not "ngành" as ministries): the question asks items.
_NOT_BODIES = re.compile(r"\b(?:nhung|cac) (?:tinh (?:chat|nang)|nganh (?:nghe|san xuat|hang|kinh te|dao tao))\b")
# w91: "(được) hình thành / sắp xếp từ những đơn vị nào": the administrative units merged, named by their places.
UNITS_MERGED = re.compile(r"\b(?:hinh thanh|thanh lap|sap xep|sap nhap|nhap) tu (?:nhung|cac) don vi\b")
# "Những ai được hưởng / tham gia / thuộc diện / phải đóng …": the persons or groups a rule covers (an enumeration
# of who is covered), not bodies that act ("những ai chịu trách nhiệm thi hành", "những ai được giao chủ trì").
_PERSONS_COVERED = re.compile(r"\bnhung ai (?:(?:se|deu|can|phai|co the|khong|chua|van) ){0,2}"
                              r"(?:duoc (?!(?:giao|phan cong|uy quyen|cu|chi dinh|yeu cau)\b)|thuoc\b|huong\b|dong\b"
                              r"|tham gia (?:bao hiem|bhyt|bhxh)\b|co quyen\b|bi\b|la doi tuong\b|nam trong\b|mien\b"
                              r"|khong phai (?:nop|dong|tra|chiu)\b)")
# A sum of money asked by its unit or its noun: "bao nhiêu tỷ đồng", "ngân sách bố trí bao nhiêu", "tổng vốn … bao
# nhiêu", "số thuế … từ bao nhiêu trở lên" (a counted noun after "bao nhiêu" makes it a count: "bao nhiêu dự án").
_MONEY_ASKED = re.compile(rf"\bbao nhieu (?:ty|trieu|nghin|ngan|dong|usd|tien|von|kinh phi|ngan sach|{V.REVENUE_NOUNS})\b"
                          # w112: revenue the subject is headed by, however long its modifiers ("mục tiêu doanh
                          # thu xuất khẩu … của doanh nghiệp … đến năm 2030 là bao nhiêu")
                          rf"|\b(?:{V.REVENUE_NOUNS})\b[a-z0-9 ./-]{{0,120}}\bbao nhieu\b(?! (?!(?:tro len|mot|moi|hang|la)\b)\w)"
                          r"|\b(?:ngan sach|nguon von|tong von|von dau tu|von ho tro|du toan|gia tri|tri gia|so tien"
                          r"|so thue|tien thue)\b[a-z0-9 ./-]{0,60}\bbao nhieu\b(?! (?!(?:tro len|tro xuong|mot|moi|hang"
                          r"|cho|trong|khi|neu|thi|la|theo|tai|o)\b)\w)"
                          # paid, awarded, contributed: "được thưởng bao nhiêu", "đóng bao nhiêu", "nộp bao nhiêu"
                          r"|\b(?:thuong|boi duong|nop|dong|tra|chi tra)(?: (?:cho|moi|mot|hang|them)\b(?: \w+){0,2})? "
                          r"bao nhieu\b(?! (?!(?:mot|moi|hang|cho|trong|khi|neu|thi|la|theo|tien|dong)\b)\w)")


# Wh-words whose accent-less spelling is also another word ("máy" machine, "đầu/dầu/đấu" head/oil/bid).
_WH_SPELLINGS = (("mấy", "may"), ("đâu", "dau"))


def _cue_key(question: str) -> str:
    """``_key`` with the nouns that spell like a cue joined into one word; for accented questions, "máy"
    (machine) is never "mấy" (how many)."""
    accented = has_diacritics(question)
    if accented:  # words that spell like a sum of money without accents: "chất lượng" is no "lương" (salary),
        # "tiến độ", "ưu tiên" no "tiền" (money), "đánh giá" (assess) no "giá" (price)
        question = _NOT_MONEY_WORDS.sub(lambda m: m.group(0).replace(" ", "") + "x", question)
    key = _NOT_CUE_NOUNS.sub(lambda m: m.group(1).replace(" ", ""), _key(question))
    if accented:  # a wh-word the accented question does not print is none: "máy" is no "mấy", "đấu thầu" no "đâu"
        for printed, word in _WH_SPELLINGS:
            if not re.search(rf"(?i)(?<!\w){printed}(?!\w)", question):
                key = re.sub(rf"\b{word}\b", word[0] + word, key)
    return key


def _without_machine(key: str, text: str) -> str:
    """``key`` with "máy" (machine) of an accented question that prints no "mấy" spelt apart ("bộ máy" asks no
    "how many")."""
    if has_diacritics(text) and not re.search(r"(?i)(?<!\w)mấy(?!\w)", text):
        return re.sub(r"\bmay\b", "maay", key)
    return key


def _how_many(key: str, text: str) -> re.Match | None:
    """Where the question's "bao nhiêu"/"mấy" and the words after it are, skipping "máy" (machine) of an accented
    question that prints no "mấy" ("tổ chức bộ máy được bao nhiêu điểm": "điểm" is counted, not "được bao").

    >>> _how_many("to chuc bo may duoc bao nhieu diem", "tổ chức bộ máy được bao nhiêu điểm").group(1)
    'diem'
    >>> _how_many("co may may tho", "có mấy máy thở").group(1)
    'may tho'
    """
    machine = has_diacritics(text) and not re.search(r"(?i)mấy", text)
    at = 0
    while (match := _WANTED_UNIT.search(key, at)) is not None:
        if not (machine and match.group(0).startswith("may")):
            return match
        at = match.start() + 1
    return None


def _number_not_department(question: str) -> bool:
    """An accented question printing "số nào" and no "Sở nào": a number is asked ("mã số nào"), not a department."""
    return has_diacritics(question) and bool(re.search(r"(?i)\bsố\s+nào\b", question)) \
        and not re.search(r"(?i)\bsở\s+nào\b", question)


def asks_governing_act(question: QuestionAnalysis) -> bool:
    """Whether the question puts a case and asks the act that governs it (``vocabulary.CUE_GOVERNING_ACT``).

    >>> asks_governing_act(analyze_question("Đề án nộp trước ngày đó mà chưa được quyết định thì áp dụng văn bản cũ nào?"))
    True
    >>> asks_governing_act(analyze_question("Nghị định 187/2026/NĐ-CP căn cứ văn bản nào?"))
    False
    """
    return bool(_GOVERNING_ACT.search(question.key))


def detect_kind(question: str) -> QuestionKind:
    """The first cue that matches, in :data:`_ORDER`.

    >>> detect_kind("Sở nào chủ trì y tế trường học?").value, detect_kind("Nghị quyết số mấy?").value
    ('agency', 'document')
    >>> detect_kind("Hồ sơ đề nghị gồm những gì?").value, detect_kind("Những bộ nào phối hợp?").value
    ('list', 'agencies')
    >>> detect_kind("Các bộ báo cáo số liệu theo những phụ lục nào?").value  # no "lúc nào", an annex
    'document'
    >>> detect_kind("Tỉnh phân cấp định mức cho những nhóm máy móc, thiết bị nào?").value  # "máy" is no "mấy"
    'list'
    >>> detect_kind("Hồ sơ đang ở giai đoạn nào?").value, detect_kind("Kế hoạch thực hiện trong giai đoạn nào?").value
    ('what', 'date')
    >>> detect_kind("Các trường gửi báo cáo hằng năm lên đâu?").value, detect_kind("Dự án triển khai đến đâu?").value
    ('agency', 'what')
    >>> detect_kind("Công văn truyền đạt ý kiến của Phó Thủ tướng nào?").value
    'person'
    >>> detect_kind("Hàng hóa được xếp vào mã số nào?").value, detect_kind("so nao chu tri").value
    ('code', 'agency')
    >>> detect_kind("Mã số thuế của Công ty TNHH An Phát là gì?").value
    'code'
    >>> detect_kind("Thủ tục có mã 1.012507 được giải quyết trong bao lâu?").value
    'deadline'
    >>> detect_kind("Sau khi hết thời hạn kéo dài, thuế suất áp dụng theo văn bản nào?").value
    'document'
    >>> detect_kind("Hồ sơ nộp trước khi Nghị định có hiệu lực thì giải quyết theo quy định nào?").value
    'document'
    """
    key = _cue_key(question)
    if _GOVERNING_ACT.search(key):
        return QuestionKind.DOCUMENT  # the act a case in transition is governed by, whatever else the case says
    named = None  # a figure or a time limit the question names as its subject, not as what it asks
    for kind, pattern in _PATTERNS:
        if match := pattern.search(key):
            if named is not None and kind not in _ASKED_OF_NAMED:
                return named
            if kind in _NAMED_BY_NOUN and not _INTERROGATIVE.search(match.group(0)) \
                    and not (_FIGURE_ASKED.search(key) or _TIME_ASKED.search(key)):
                named = named or kind  # "Mức thu phí … do cơ quan nào quyết định": the body is asked
                continue
            if kind.value in _READ_AS_ANNEX and ASKS_ANNEX.search(key):
                return QuestionKind.DOCUMENT
            if kind is QuestionKind.LIST and _PARTS_ASKED.search(key):
                return QuestionKind.DOCUMENT  # "nghiên cứu những điều nào của Luật …": articles, cited by number
            if kind is QuestionKind.PERSON and (not _PERSON_ROLE.search(key) or _PARTY_OF_DUTY.search(key)
                                                or _BODY_AFTER_WHO.search(key)):
                continue
            reached = _PLACE_OR_LEVEL_REACHED.search(key) if kind is QuestionKind.AGENCY else None
            if reached is not None and reached.end() == match.end():
                continue  # "nằm ở tỉnh nào", "từ cấp nào": a place or a level, read as "what"
            if kind is QuestionKind.EFFECTIVE_DATE and (_only_repealed_in_force(key)
                                                        or not re.search(V.CUE_ASKS_TIME, key)):
                continue  # "văn bản nào hết hiệu lực": what it repeals; "… hiệu lực … quy định nào": no date asked
            if kind is QuestionKind.REPEALS and (not re.search(rf"\b(nao|gi|nhung|so hieu|cac)\b|{V.ACT_TYPE_KEYS}", key)
                                                 or _repeal_described(key) or _BASIS_GOVERNS_ASKED.search(key)):
                continue
            if kind is QuestionKind.SIGNER and _ASSIGNED_TO_SIGN.search(key):
                continue
            if kind is QuestionKind.LEGAL_BASIS and _grounds_only(key):
                continue  # "chậm nhất bao lâu sau khi có căn cứ": grounds to act, the time limit is asked
            if kind is QuestionKind.LEGAL_BASIS and _CITERS_ASKED.search(key):
                return QuestionKind.DOCUMENT  # "những văn bản nào căn cứ Nghị định 39/2022": the acts citing it
            if kind is QuestionKind.LEGAL_BASIS and not (_BASIS_OF_ACT.search(key) or _DOCUMENT_BEFORE_BASIS.search(key)):
                continue
            if kind is QuestionKind.AMOUNT and _SPAN_COUNTED.search(key):
                return QuestionKind.NUMBER  # "rừng trồng từ bao nhiêu năm tuổi … mức hỗ trợ cao": the age, not the sum
            if kind in (QuestionKind.AMOUNT, QuestionKind.LEGAL_BASIS) and _TIME_ASKED.search(key) \
                    and not _SUM_ASKED.search(key):
                return QuestionKind.DATE  # "(mức đóng …) kéo dài từ khi nào đến khi nào": a time, not the sum (w63)
            if kind is QuestionKind.AGENCY and _NUMBER_OF_PAPER.search(key):
                return QuestionKind.DOCUMENT
            if kind is QuestionKind.AGENCY and match.group(0) == "so nao" and (
                    _number_not_department(question) or re.search(r"\bma so nao\b", key)):
                continue  # "xếp vào mã số nào" (typed with or without diacritics): a number, not "Sở nào"
            if kind in (QuestionKind.NUMBER, QuestionKind.AGENCY, QuestionKind.PERSON) and _AMOUNT_VERBS.search(key) \
                    and not _SPAN_COUNTED.search(key):
                return QuestionKind.AMOUNT  # "được trợ cấp hằng tháng bao nhiêu": a sum of money
            if kind in (QuestionKind.AMOUNT, QuestionKind.DATE) and _asks_frequency(key):
                return QuestionKind.DEADLINE  # w143: "giảm mức đóng … theo chu kỳ nào": how often, not the sum
            if kind is QuestionKind.NUMBER and date_role(key) == "weekday":
                return QuestionKind.DATE  # "tiếp công dân vào thứ mấy hằng tuần": a weekday, no count
            if kind is QuestionKind.NUMBER and _MONEY_ASKED.search(key):
                return QuestionKind.AMOUNT  # "ngân sách tỉnh bố trí bao nhiêu tỷ đồng"
            if kind is QuestionKind.AGENCY and _PERSONS_COVERED.search(key):
                return QuestionKind.LIST  # "những ai được cấp thẻ miễn phí": the groups of persons covered
            if kind is QuestionKind.AGENCIES and UNITS_MERGED.search(key):
                return QuestionKind.LIST  # "phường A được hình thành từ những đơn vị nào": the places merged
            if kind is QuestionKind.AGENCIES and _NOT_BODIES.search(key):
                continue  # "bảo đảm những tính chất gì": qualities, not provinces
            if kind is QuestionKind.AGENCY and _SEVERAL_BODIES.search(key):
                return QuestionKind.AGENCIES  # "các bộ, ngành nào phải báo cáo"
            return kind
    if _asks_frequency(key):
        return QuestionKind.DEADLINE  # w143: how often, not the sum it names
    if named is not None:
        return named  # "Mức hỗ trợ cho hộ nghèo là gì?": nothing else is asked
    if _AMOUNT_VERBS.search(key):
        return QuestionKind.AMOUNT  # "được hỗ trợ mức nào"
    if _SENT_WHERE.search(key):
        return QuestionKind.AGENCY  # "gửi báo cáo … lên đâu": the body it goes to
    if _TITLE_ASKED.search(key):
        return QuestionKind.PERSON  # "ý kiến của Phó Thủ tướng nào": the office holder's name
    if _ACT_BY_ROLE.search(key) or _PAPER_ASKED.search(key) or ASKS_PART.search(key) or ASKS_ANNEX.search(key):
        return QuestionKind.DOCUMENT
    role = date_role(key)
    if role == "frequency":  # "báo cáo định kỳ nào": how often, read by the deadline extractor
        return QuestionKind.DEADLINE
    if role == "due":  # "phải xong trước dịp nào"
        return QuestionKind.DEADLINE
    if role == "period" and _STAGE.search(key):
        return QuestionKind.WHAT  # "hồ sơ đang ở giai đoạn nào": a stage of a procedure, no time
    if role in ("period", "end", "start", "event", "weekday"):  # "thực hiện trong giai đoạn nào"
        return QuestionKind.DATE
    return QuestionKind.WHAT


def analyze_question(question: str) -> QuestionAnalysis:
    """Read a question (already NFC and single-spaced by the caller or not)."""
    from corpus.acts import ACT_NUMBER, parse_act_query

    text = normalize_act_numbers(" ".join(nfc(question or "").split()))
    # The question is read (kind, counted noun, labels) on both spellings of its abbreviations; ``key`` keeps
    # the words as typed, which the extractors compare with the names they find.
    key = _key(text)
    typed = _key(text, spelt_out=False)
    kind = detect_kind(text)
    wanted = _how_many(key, text)
    after = wanted.group(1).split() if wanted else []
    if after and after[0] in _NOT_A_NOUN:
        after = []  # "bao nhiêu thì xếp loại tốt": no counted noun follows
    if after[:2] == ["phan", "tram"]:
        after = []  # "bao nhiêu phần trăm": a rate (wants_percent), no counted noun
    unit = tuple(w for w in after if w not in V.STOPWORDS and w not in ("tien", "dong", "ngay", "lau"))
    head = None if _number_not_department(text) else _WANTED_HEAD.search(typed) or _WANTED_HEAD.search(key)
    names_act = bool(ACT_NUMBER.search(text)) or parse_act_query(text).is_act
    return QuestionAnalysis(
        text=text,
        key=typed,
        kind=kind,
        accentless=not has_diacritics(text),
        target_years=_target_years(key),
        numbers=frozenset(_QUESTION_NUMBER.findall(key)),
        wanted_head=head.group(1) if head else None,
        wanted_unit=unit,
        wants_percent=bool(re.search(r"ty le|phan tram|%", key) or _SHARE_ASKED.search(key)),
        asked_label=_asked_label(_without_machine(key, text)),
        wants_ordinal=bool(re.search(r"\bthu (may|bao nhieu)\b", key)),
        wants_time=bool(re.search(r"\b(may gio|gio nao|luc may gio)\b", key)),
        # not a cited act's date, nor the time a duty to issue something is set for
        asks_own_date=bool(re.search(V.CUE_OWN_DATE, key)) and citing_clause(key) is None and not _DUTY_TO_ISSUE.search(key),
        list_noun=_list_noun(key),
        asks_lead=bool(re.search(r"\bchu tri\b", key)),
        names_act=names_act,
        self_reference=bool(_REFERS_TO_ITSELF.search(key)),
        yes_no=is_yes_no(key),
        date_role=date_role(key),
    )


# Years that identify something else than the target of a figure: an act's number ("72/2024/ND-CP",
# "66-NQ/TW ngày 30/4/2025") or a date the question names the document by ("tháng 5/2026").
_NOT_TARGET = re.compile(r"(?<!quy )\d+\s*/\s*(?:19|20)\d\d(?:\s*/\s*[\w-]+)?|\d{1,2}\s*/\s*\d{1,2}\s*/\s*(?:19|20)\d\d"
                         r"|\b(?:ngay \d{1,2} )?thang \d{1,2}\s*(?:/|nam)\s*(?:19|20)\d\d"
                         r"|\b\d+\s*/\s*[a-z]+(?:-[a-z0-9]+)*")  # "Quyết định 1973/QĐ-UBND": a number, no year


def _target_years(key: str) -> tuple[str, ...]:
    """Years the question asks a figure or date for ("mục tiêu năm 2030"), not those of act numbers or dates.

    >>> _target_years("nghi dinh 72/2024/nd-cp ap dung den nam 2025"), _target_years("chi thi thang 5/2026 nam 2026")
    (('2025',), ('2026',))
    """
    return tuple(dict.fromkeys(_YEAR.findall(_NOT_TARGET.sub(" ", key))))


_LABEL_BEFORE = re.compile(r"((?:\w+ ){1,7})(?:bao nhieu|may)\b")
_NOT_LABEL = frozenset(V.STOPWORDS | {"tren", "duoi", "toi", "da", "qua", "it", "nhat", "khoang", "muc", "thu", "hon",
                                      "gan", "den", "tu", "theo", "bang", "dat", "la", "co", "duoc", "binh", "quan"})


def _asked_label(key: str) -> tuple[str, ...]:
    """The last (up to two) content words before "bao nhiêu"/"mấy": what the figure is printed after.

    >>> _asked_label("phu cap hang thang theo he so bao nhieu"), _asked_label("trong luong toan bo tren bao nhieu tan")
    (('he', 'so'), ('toan', 'bo'))
    >>> _asked_label("tuoi tho trung binh cua nguoi dan dat bao nhieu")
    ('tho', 'trung')
    """
    match = _LABEL_BEFORE.search(key)
    if not match:
        return ()
    words = match.group(1).split()
    if "cua" in words[:-1]:  # "tuổi thọ trung bình của người dân đạt bao nhiêu": the label is what is possessed
        words = words[:len(words) - 1 - words[::-1].index("cua")]
    while words and words[-1] in _NOT_LABEL:
        words.pop()
    label = []
    for word in reversed(words):
        if word in _NOT_LABEL or word.isdigit() or len(label) == 2:
            break
        label.insert(0, word)
    return tuple(label)


_LIST_NOUN = re.compile(r"\b(?:nhung|cac)\s+((?:\w+\s+){0,3}?\w+)\s+(?:nao|gi)\b")


def _list_noun(key: str) -> tuple[str, ...]:
    """The noun of "những X nào/gì" ("những nội dung gì" → ("noi", "dung")).

    >>> _list_noun("bao cao nhung noi dung gi ve thiet hai"), _list_noun("ap dung cho nhung du an casino nao")
    (('noi', 'dung'), ('du', 'an', 'casino'))
    >>> _list_noun("lu tren nhung con song nao")  # the classifier is not printed with the items
    ('song',)
    """
    match = _LIST_NOUN.search(key)
    words = match.group(1).split() if match else []
    if len(words) > 1 and words[0] in V.NOUN_CLASSIFIERS:
        words = words[1:]
    return tuple(words)


# An act type typed as its short code ("qđ nào", "nđ 121/2026", "tt32", "cđ 223", "kh 542"): phone users write the
# code of the number ("QĐ", "NĐ", "TT") for the type word.  Read as the type only where an act's type stands: glued
# to or before a number, or before "nào"/"số"/"này"/"gì" ("tt ngan dua" is a township, "cd" inside "1093/qd-ubnd" a code).
_ACT_CODES = sorted((k for k in QUERY_TYPE_ABBREVIATIONS if len(k) == 2), key=len, reverse=True)
# "ct" before a word is as often "công ty" ("ct nào"): a directive only before its number.
_TYPED_ACT_CODE = re.compile(rf"(?<![\w&/.-])(?:({'|'.join(_ACT_CODES)})(?= ?\d)"
                             rf"|({'|'.join(c for c in _ACT_CODES if c != 'ct')})(?= (?:so|nao|nay|gi)\b))")


def spell_out_act_codes(key: str) -> str:
    """match_key text with the act types typed as codes written out.

    >>> spell_out_act_codes("thay the qd nao nam 2019"), spell_out_act_codes("theo nd 121/2026 do ai ky")
    ('thay the quyet dinh nao nam 2019', 'theo nghi dinh 121/2026 do ai ky')
    >>> spell_out_act_codes("tt32 ap dung"), spell_out_act_codes("thi tran tt ngan dua va 1093/qd-ubnd")
    ('thong tu 32 ap dung', 'thi tran tt ngan dua va 1093/qd-ubnd')
    """
    def written_out(match: re.Match[str]) -> str:
        glued = key[match.end():match.end() + 1].isdigit()  # "tt32"
        return match_key(QUERY_TYPE_ABBREVIATIONS[match.group(1) or match.group(2)]) + " " * glued

    return _TYPED_ACT_CODE.sub(written_out, key)


# "bao nhiêu 1 tháng", "mấy tiền 1 người": typed as a figure, "1" is the word "một" (per month, per person), no
# number the question names nor the counted noun.
_ONE_AS_EACH = re.compile(r"\b((?:bao nhieu|may)(?: tien| dong)?) 1 (?=[a-z])")


def _one_as_each(key: str) -> str:
    """``key`` with "bao nhieu 1 thang" read as "bao nhieu mot thang".

    >>> _one_as_each("duoc ho tro bao nhieu 1 thang"), _one_as_each("phi bao nhieu tien 1 lan")
    ('duoc ho tro bao nhieu mot thang', 'phi bao nhieu tien mot lan')
    """
    return _ONE_AS_EACH.sub(r"\1 mot ", key)


def _key(text: str, spelt_out: bool = True) -> str:
    """match_key text, punctuation as spaces; ``spelt_out``: an abbreviation and its expansion both written,
    whichever was typed ("bao nhiêu TYT" and "bao nhiêu trạm y tế" read alike), and act types typed as codes
    ("qd nao") written out."""
    text = re.sub(r"\bAI\b", "trí tuệ nhân tạo", text)  # the abbreviation, not the pronoun "ai"
    key = match_key(text)
    if spelt_out:
        key = _one_as_each(spell_out_act_codes(spell_out_abbreviations(key, keep=True)))
    return " ".join(re.sub(r"[^\w/%-]+", " ", key).split())

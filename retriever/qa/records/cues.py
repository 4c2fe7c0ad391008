"""What a question asks of a document record, read on its match key (no diacritics, lower case): the kinds the
record route answers, who issued / signed / proposed a document, which act it details, its own number, its
addressees' noun; the words of a bare "when" question.
"""

from __future__ import annotations

import re

from corpus.acts import act_mention
from corpus.vietnamese import match_key
from retriever.qa import vocabulary as V
from retriever.qa.question import QuestionAnalysis, QuestionKind
from retriever.qa.scoring import syllables

_DOCUMENT_WORDS = re.compile(V.QUESTION_DOCUMENT_WORDS)
# Words naming a document without its type ("văn bản", "hướng dẫn"): any document may be meant.
_UNTYPED_DOCUMENT_WORDS = frozenset({"van ban", "huong dan", "bai viet"})

# The issuer asked outright ("do cơ quan nào ban hành", "ban hành bởi cơ quan nào"), not a body that drafts an act
# for another to issue ("bộ nào tham mưu Chính phủ ban hành nghị định") nor a proposer.
_ISSUER_ASKED = re.compile(r"\b(?:(?:co quan|don vi|ai|cap) nao (?:da |duoc )?(?:ky )?ban hanh(?! theo)"
                           r"|ban hanh boi (?:co quan|ai|don vi|cap) nao|co quan ban hanh (?:la )?(?:gi|nao|ai))\b")
# "<doc> quy định chi tiết luật nào", "hướng dẫn (thi hành) nghị định nào": the act the document details.
_DETAILS_ASKED = re.compile(rf"\b(?:quy dinh chi tiet|chi tiet hoa|huong dan(?: thi hanh)?)(?: (?:mot so dieu|thi hanh))?"
                            rf"(?: (?:cua|ve))? (?:{V.ACT_TYPE_KEYS})(?: so)? nao\b")

# "(tiếp tục) thực hiện công điện số mấy", "dẫn lại công văn số mấy", "trả lời công văn số mấy": an act the document
# carries out, cites or answers, not its own number.
_CITED_PAPER = re.compile(rf"\b(?:thuc hien|trien khai|tiep theo|dan chieu|dan lai|dan|tra loi|can cu|theo)"
                          rf" (?:cac |nhung )?({V.ACT_TYPE_KEYS}|van ban) so (?:may|hieu)\b")
# A clause opening with an act ("vậy công văn 5106/CT-CS mà …", "Luật … số 72/2025/QH15 được Quốc hội thông qua"),
# the act its predicate speaks of; the type word's start is group 1.
_CLAUSE_HEAD = re.compile(rf"\s*(?:(?:vay|con|thi|va|nhung)\s+)?({V.ACT_TYPE_KEYS})\b")
_HEAD_NUMBER_WORDS = 12  # a law's name runs between its type word and its number ("Luật Tổ chức … số 72/2025/QH15")
# "Ai phải ký tờ trình …", "người nào có thẩm quyền ký …": who a provision charges with signing a paper.
_SIGNS_BY_RULE = re.compile(r"\b(?:ai|nguoi nao|chuc danh nao|cap nao) (?:phai|can|co tham quyen|duoc phep|chiu trach nhiem)"
                            r" (?:ky|ky ten|ky xac nhan)\b")

# "ký tờ trình …", "ký Hiệp định …": the paper signed, when the question names one.
_SIGNED_PAPER = re.compile(r"\bky(?: ten| xac nhan)?(?: vao)? (?:ban |cac |nhung )?(to trinh|bao cao|hiep dinh|hop dong|de an"
                           r"|bien ban|van ban de nghi|ho so|don)\b")

_TYPE_WORD = re.compile(rf"\b({V.ACT_TYPE_KEYS})\s+(nao|gi)")

# "… là công văn số mấy", "số hiệu của kế hoạch …": the number of the document the question describes.
_OWN_NUMBER = re.compile(rf"\bla ({V.ACT_TYPE_KEYS}|van ban) so (?:may|nao|bao nhieu)\b"
                         rf"|\bso hieu (?:cua )?({V.ACT_TYPE_KEYS}|van ban)\b")
# The words of a bare "when" question about a document ("… ban hành / đề ngày tháng năm nào?").
_DATE_QUESTION_WORDS = frozenset({"ngay", "thang", "nam", "nao", "khi", "bao", "gio", "luc", "thoi", "diem", "so", "ubnd"})
_PLACE_WORDS = frozenset(w for name in V.PROVINCES for w in syllables(name)) | {"tinh", "thanh", "pho", "quan", "huyen"}

# The kinds a question about a document's addressees or executors is read as ("những đơn vị nào", "những ai").
_PARTY_KINDS = (QuestionKind.AGENCY, QuestionKind.AGENCIES, QuestionKind.LIST, QuestionKind.WHAT)
DOCUMENT_KINDS = (QuestionKind.SIGNER, QuestionKind.EFFECTIVE_DATE, QuestionKind.REPEALS, QuestionKind.LEGAL_BASIS)
# "… được ban hành theo đề nghị của ai?", "xét đề nghị của cơ quan nào", "bộ nào trình": the proposer the
# preamble names ("Theo đề nghị của Bộ trưởng Bộ Tài chính;"), which is not the issuer.
# The proposer is often a unit inside the issuing ministry ("Theo đề nghị của Vụ trưởng Vụ Pháp chế"), so the
# question names the unit's kind ("vụ nào", "cục nào") and may say whose unit it is ("Vụ nào của Bộ Tư pháp đề
# nghị ban hành …").
_PROPOSER_ASKED = (r"(?:co quan|don vi|bo|bo truong|so|vu|cuc|ban|phong|nguoi|chuc danh|cap|ca nhan|lanh dao"
                   r"|ong|ba|thu truong|giam doc|cuc truong|vu truong) nao")
_ASKS_PROPOSER = re.compile(
    rf"\b(?:theo|xet) (?:de nghi|de xuat|to trinh) cua (?:ai|{_PROPOSER_ASKED})\b"
    rf"|\b(?:ai|{_PROPOSER_ASKED})(?: cua [^?]{{1,60}}?)? (?:de nghi|de xuat|trinh) (?:ban hanh|ky ban hanh)\b")


# "ban hành trên cơ sở văn bản đề nghị số mấy", "xét tờ trình số mấy", "theo đề nghị … tại tờ trình nào": the number
# of the paper the proposal was made in, which the preamble's proposal line prints.
_ASKS_PROPOSAL_PAPER = re.compile(
    r"\b(?:to trinh|(?:van ban|cong van) de (?:nghi|xuat))(?: so)? (?:may|nao|bao nhieu|gi)\b"
    r"|\bde nghi (?:cua (?:\w+ ){1,8}?)?tai (?:to trinh|van ban|cong van)(?: so)? (?:may|nao)\b")


# "Văn bản hợp nhất 57/VBHN-BCT hợp nhất (Thông tư 09/2025 với) những thông tư sửa đổi nào", "… gộp QĐ 142/2008 với những
# quyết định sửa đổi nào": the amending acts a consolidated text merges, which its header lists.
_ASKS_MERGED_AMENDERS = re.compile(rf"\b(?:hop nhat|gop)\b.*\b(?:{V.ACT_TYPE_KEYS}|van ban)\s+(?:sua doi|bo sung)"
                                   rf"(?:\s+bo sung)?\s+(?:nao|gi)\b")


def asks_merged_amenders(question: QuestionAnalysis) -> bool:
    """The question asks which amending acts a consolidated text merges into the act it consolidates."""
    return bool(_ASKS_MERGED_AMENDERS.search(question.key))


def asks_proposal_paper(question: QuestionAnalysis) -> bool:
    """The question asks the paper its document was proposed in ("… trên cơ sở văn bản đề nghị số mấy")."""
    return bool(_ASKS_PROPOSAL_PAPER.search(question.key))


def asks_proposer(question: QuestionAnalysis) -> bool:
    """The question asks who proposed its document ("… ban hành theo đề nghị của ai?")."""
    return bool(_ASKS_PROPOSER.search(question.key))


# "nghị định nào", "văn bản số mấy", "số hiệu": where a question asks which act
_ASKS_WHICH_ACT = re.compile(rf"({V.ACT_TYPE_KEYS}|van ban)\s+(?:so\s+)?(?:nao|gi|may)\b|so hieu|so may")


def asks_within_named_act(question: QuestionAnalysis) -> bool:
    """Whether a "which act" question asks an act that the act it names prints: named before the question word
    ("QĐ 3303/QĐ-BTP căn cứ nghị định số mấy", "… mà NĐ 187/2026 dẫn chiếu là nghị định số mấy"), the answer is
    in the named act's text; named after it ("văn bản nào triển khai Chỉ thị 16"), other documents answer.

    >>> from retriever.qa.question import analyze_question
    >>> asks_within_named_act(analyze_question("Nghị định về đất đai mà NĐ 187/2026 dẫn chiếu là nghị định số mấy?"))
    True
    >>> asks_within_named_act(analyze_question("Văn bản nào triển khai Chỉ thị 16/CT-TTg?"))
    False
    """
    mention = act_mention(question.text)
    wh = _ASKS_WHICH_ACT.search(question.key)
    if mention is None or wh is None:
        return False
    named_at = question.key.find(match_key(question.text[mention[0]:mention[0] + 4]))
    return 0 <= named_at < wh.start()


def asks_own_number(question: QuestionAnalysis) -> bool:
    """Whether the question asks the number of the document it describes, naming no number itself.

    >>> from retriever.qa.question import analyze_question
    >>> asks_own_number(analyze_question("Thuế tỉnh Tây Ninh trả lời công ty về thuế suất là công văn số mấy?"))
    True
    >>> asks_own_number(analyze_question("Cục Thuế dẫn lại công văn số nào đã ban hành trước đó?"))
    False
    >>> asks_own_number(analyze_question("Nghị định về đất đai mà NĐ 187/2026 dẫn chiếu là nghị định số mấy?"))
    False
    """
    # a question that names an act ("NĐ 187/2026", "Quyết định 1609") asks the number of another one
    return bool(_OWN_NUMBER.search(question.key)) and not question.names_act

"""The record / citation-graph route: answers read off document records and the graph, not passages.

* who signed a document (its signature block, ``record.signer``), who issued it;
* when an act was issued (the corpus document's date line, or the date a citing sentence gives);
* which documents implement / cite an act, which acts a document cites, a document's number;
* document-level facts read at a known place of an identified document: when it takes
  effect, what it repeals or replaces, what it is based on (căn cứ).

``DocumentRoute.answer(question)`` answers when the question names the document (by number,
"Công văn của Sở Y tế Đồng Nai", or a unique title); ``facts(question, doc_id)`` reads a
document-level fact of a document the text route retrieved.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from corpus.vietnamese import match_key
from retriever.formatting import document_label
from retriever.qa import vocabulary as V
from retriever.qa.extractors import Context
from retriever.qa.extractors.acts import (
    ASKS_REPEALED_PART,
    IMPLEMENTS_LEAD,
    REPEAL,
    LegalBasisExtractor,
    RepealsExtractor,
    asked_issuer,
    asked_numbers,
    issued_by,
    names_type,
    states_repeal,
)
from retriever.qa.extractors.agency import agency_spans
from retriever.qa.extractors.dates import DATE_PATTERNS, EffectiveDateExtractor
from retriever.qa.model import Answer, Quote
from retriever.qa.parties import (
    ASKS_EXECUTORS,
    addressee_names,
    asked_addressees,
    read_addressees,
    read_executors,
)
from retriever.qa.question import QuestionAnalysis, QuestionKind
from retriever.qa.quotes import QuoteMaker
from retriever.qa.scoring import syllables
from retriever.qa.settings import QASettings
from retriever.qa.units import UnitIndex

_DOCUMENT_WORDS = re.compile(V.QUESTION_DOCUMENT_WORDS)
# Words naming a document without its type ("văn bản", "hướng dẫn"): any document may be meant.
_UNTYPED_DOCUMENT_WORDS = frozenset({"van ban", "huong dan", "bai viet"})
_EFFECT = re.compile(r"hiệu\s+lực", re.IGNORECASE)
_BASIS = re.compile(r"(?m)^[ \t*_]*Căn cứ\s")
# A plan's or a letter's preamble opens with the acts it carries out ("Thực hiện Quyết định số 281/QĐ-TTg …, Quyết
# định số 1093/QĐ-BYT …"): its basis when it prints no "Căn cứ" lines.
_IMPLEMENTS = re.compile(r"(?m)^[ \t*_>-]*(?:Thực|Triển)\s+(?:hiện|khai)\s")
# The issuer asked outright ("do cơ quan nào ban hành", "ban hành bởi cơ quan nào"), not a body that drafts an act
# for another to issue ("bộ nào tham mưu Chính phủ ban hành nghị định") nor a proposer.
_ISSUER_ASKED = re.compile(r"\b(?:(?:co quan|don vi|ai|cap) nao (?:da |duoc )?(?:ky )?ban hanh(?! theo)"
                           r"|ban hanh boi (?:co quan|ai|don vi|cap) nao|co quan ban hanh (?:la )?(?:gi|nao|ai))\b")
# "<doc> quy định chi tiết luật nào", "hướng dẫn (thi hành) nghị định nào": the act the document details.
_DETAILS_ASKED = re.compile(rf"\b(?:quy dinh chi tiet|chi tiet hoa|huong dan(?: thi hanh)?)(?: (?:mot so dieu|thi hanh))?"
                            rf"(?: (?:cua|ve))? (?:{V.ACT_TYPE_KEYS})(?: so)? nao\b")
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
# The acts a preamble cites for the issuer's competence, not for the matter it details: a ministry's organising decree
# ("… quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ …"), the laws on the Government's and local
# government's organisation and on issuing legal documents.
_ORGANISES = re.compile(r"chức\s+năng,\s+nhiệm\s+vụ,\s+quyền\s+hạn|Luật\s+Tổ\s+chức\s+(?:Chính\s+phủ|chính\s+quyền\s+địa"
                        r"\s+phương)|Luật\s+Ban\s+hành\s+văn\s+bản", re.IGNORECASE)
# "ký tờ trình …", "ký Hiệp định …": the paper signed, when the question names one.
_SIGNED_PAPER = re.compile(r"\bky(?: ten| xac nhan)?(?: vao)? (?:ban |cac |nhung )?(to trinh|bao cao|hiep dinh|hop dong|de an"
                           r"|bien ban|van ban de nghi|ho so|don)\b")
_THIS_ACT_BEFORE = re.compile(r"(?:Nghị\s+định|Thông\s+tư|Quyết\s+định|Nghị\s+quyết|Luật|Pháp\s+lệnh)\s+này\s*$")
# "Nghị quyết này được … khóa XV thông qua ngày 16 tháng 6 năm 2025": the date an act was adopted.
_ADOPTED = re.compile(r"thông\s+qua\s+(?:vào\s+)?(ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|ngày\s+\d{1,2}/\d{1,2}/\d{4})")
_PREAMBLE_REACH = 3000  # the preamble's opening line is within this many characters of the text's start
_TYPE_WORD = re.compile(rf"\b({V.ACT_TYPE_KEYS})\s+(nao|gi)")
_TITLE = re.compile(V.SIGNING_TITLE)
_SIGNER_FIELD = re.compile(r"Người ký:[\s|]*((?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]+[ \t]+){1,4}[A-ZĐÀ-Ỹ][a-zà-ỹđ]+)")
_NAME_LINE = re.compile(V.SIGNATURE_NOISE + r"((?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]+[ \t]+){1,4}[A-ZĐÀ-Ỹ][a-zà-ỹđ]+)[ \t]*(?:\n|$)")
# "… là công văn số mấy", "số hiệu của kế hoạch …": the number of the document the question describes.
_OWN_NUMBER = re.compile(rf"\bla ({V.ACT_TYPE_KEYS}|van ban) so (?:may|nao|bao nhieu)\b"
                         rf"|\bso hieu (?:cua )?({V.ACT_TYPE_KEYS}|van ban)\b")
# The words of a bare "when" question about a document ("… ban hành / đề ngày tháng năm nào?").
_DATE_QUESTION_WORDS = frozenset({"ngay", "thang", "nam", "nao", "khi", "bao", "gio", "luc", "thoi", "diem", "so", "ubnd"})
_PLACE_WORDS = frozenset(w for name in V.PROVINCES for w in syllables(name)) | {"tinh", "thanh", "pho", "quan", "huyen"}
# The date printed after a cited act's number: "số 5029/TCT-PC ngày 09/11/2023", ", ngày 19 tháng 11 năm 2025".
_CITED_DATE = re.compile(r"\s*,?\s*((?:ngày\s+)?)(\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})")
# The kinds a question about a document's addressees or executors is read as ("những đơn vị nào", "những ai").
_PARTY_KINDS = (QuestionKind.AGENCY, QuestionKind.AGENCIES, QuestionKind.LIST, QuestionKind.WHAT)
DOCUMENT_KINDS = (QuestionKind.SIGNER, QuestionKind.EFFECTIVE_DATE, QuestionKind.REPEALS, QuestionKind.LEGAL_BASIS)
# "… được ban hành theo đề nghị của ai?", "xét đề nghị của cơ quan nào", "bộ nào trình": the proposer the
# preamble names ("Theo đề nghị của Bộ trưởng Bộ Tài chính;"), which is not the issuer.
_ASKS_PROPOSER = re.compile(
    r"\b(?:theo|xet) (?:de nghi|de xuat|to trinh) cua (?:ai|co quan nao|don vi nao|bo nao|bo truong nao|so nao"
    r"|nguoi nao|chuc danh nao|cap nao|ca nhan nao|lanh dao nao|(?:ong|ba|thu truong|giam doc|cuc truong) nao)\b"
    r"|\b(?:ai|co quan nao|don vi nao|bo nao|so nao) (?:de nghi|de xuat|trinh) (?:ban hanh|ky ban hanh)\b")
# The preamble line naming the proposer, at a line's start: "Theo đề nghị của …", "Xét đề nghị của … tại Tờ trình …".
_PROPOSER = re.compile(r"(?m)^[ \t*_]*(?:(?:Theo|Xét)\s+(?:đề\s+nghị|đề\s+xuất)|Xét\s+Tờ\s+trình\s+số[^;]{0,120}?)\s+của\s+")
# Where the proposer's name ends: the clause's end, or the submission it is made in ("tại Tờ trình số …").
_PROPOSER_END = re.compile(
    r"[;.]|\[\d+\]|\n\s*\n|,?\s*\n(?=[^\n]*(?:ban\s+hành|QUYẾT\s+ĐỊNH\s*:|NGHỊ\s+QUYẾT\s*:))"  # the enacting line
    r"|\s+về\s|\s+tại\s+(?:các\s+)?(?:Tờ\s+trình|văn\s+bản|Công\s+văn)|,\s+(?:Báo\s+cáo|ý\s+kiến)|\s+và\s+(?:ý\s+kiến|Báo\s+cáo)",
    re.IGNORECASE)


@dataclass(frozen=True)
class Subject:
    """What a question names: a corpus document (``doc_id``) or an act known only from citations."""

    what: str  # "document" | "act"
    ident: str


class DocumentRoute:
    """Answers from records and the citation graph of one loaded index."""

    def __init__(self, store, units: UnitIndex, quotes: QuoteMaker, settings: QASettings):
        from retriever.citations import CitationIndex

        self.store = store
        self.units = units
        self.quotes = quotes
        self.settings = settings
        self.citations = CitationIndex(store)
        self._issuer_words = {doc_id: syllables(d.record.issuer or "") for doc_id, d in store.documents.items()}
        self._title_words = {doc_id: set(syllables(d.record.title or "")) for doc_id, d in store.documents.items()}
        self._effective, self._repeals, self._basis = EffectiveDateExtractor(), RepealsExtractor(), LegalBasisExtractor()
        self._implements = LegalBasisExtractor(IMPLEMENTS_LEAD)

    # ------------------------------------------------------------------ entry points
    def answer(self, question: QuestionAnalysis) -> Answer | None:
        """An answer when the question names its document or act and asks a record fact; else None."""
        kind = question.kind
        if asks_proposer(question):
            subject = self.subject(question)
            return self.proposer(question, subject.ident) if subject and subject.what == "document" else None
        if kind in _PARTY_KINDS:
            party = self._party(question)
            if party is not None:
                return party
        if kind is QuestionKind.AGENCY and re.search(V.CUE_ASKS_ISSUER, question.key):
            subject = self.subject(question)
            if subject and subject.what == "document":
                return self._issuer(question, subject.ident)
            return None
        if kind not in (QuestionKind.DATE, QuestionKind.DOCUMENT, *DOCUMENT_KINDS):
            return None
        subject = self.subject(question)
        if kind is QuestionKind.DOCUMENT:
            if subject and subject.what == "document" and _DETAILS_ASKED.search(question.key):
                detailed = self.detailed_act(question, subject.ident)
                if detailed is not None:
                    return detailed
            return self._documents(question, subject) if subject else None
        if subject is None:
            return None
        if kind is QuestionKind.DATE:
            if not re.search(V.CUE_ISSUE_DATE, question.key) or (question.date_role and not question.asks_own_date):
                return None  # "họp về Nghị quyết 66 ngày nào", "… áp dụng đến hết ngày nào": not the act's own date
            dated = self.dated_subject(question)
            if dated is not None and dated != subject:
                return self._act_date(question, dated)  # else the text route, still within the document named first
            if not question.asks_own_date and not re.search(r"\bde ngay\b", question.key) and self._asks_more(
                    question, subject):
                return None  # "Theo Kế hoạch 542, Trung tâm Y tế được chuyển giao ngày nào": a date the text gives
            return self._act_date(question, subject)
        if subject.what != "document":
            consolidating = self._consolidating(question) if kind is QuestionKind.REPEALS else None
            # "Thông tư 28/2022 bãi bỏ những khoản nào của Thông tư 06/2017": the consolidated text of the act
            # amended marks the parts the amending act repealed
            return self._consolidated_repeals(question, consolidating) if consolidating else None
        return self.facts(question, subject.ident)

    def facts(self, question: QuestionAnalysis, doc_id: str) -> Answer | None:
        """A document-level fact (signer, effective date, repeals, legal basis) of ``doc_id``."""
        kind = question.kind
        if asks_proposer(question):
            return self.proposer(question, doc_id)
        if kind is QuestionKind.SIGNER:
            if _SIGNS_BY_RULE.search(question.key):
                return None  # "ai phải ký tờ trình …": who a provision charges with signing, not this document's signer
            paper = _SIGNED_PAPER.search(question.key)
            if paper and not match_key(self.store.documents[doc_id].record.type or "").startswith(paper.group(1)):
                return None  # "ai ký Tờ trình của Chính phủ về …" of a resolution that charges a minister with it
            return self._signer(question, doc_id)
        if kind is QuestionKind.EFFECTIVE_DATE:
            answer = self._read(question, doc_id, _EFFECT, self._effective)
            return self._adoption_date(answer, doc_id) if answer is not None else None
        if kind is QuestionKind.REPEALS:
            return (self._consolidated_repeals(question, doc_id) or self._read(question, doc_id, REPEAL, self._repeals)
                    or self._graph_repeals(question, doc_id))
        if kind is QuestionKind.LEGAL_BASIS:
            return (self._read(question, doc_id, _BASIS, self._basis, join=True)
                    or self._read(question, doc_id, _IMPLEMENTS, self._implements, join=True, reach=_PREAMBLE_REACH))
        if kind is QuestionKind.DATE and question.asks_own_date:  # "… thông qua / ban hành ngày nào"
            if not self._type_agrees(question, doc_id):
                return None  # "… bằng nghị quyết ban hành ngày nào" of a Công văn: the date of an act it cites
            dated = self.dated_subject(question)  # w84: "Luật … số 72/2025/QH15 được thông qua ngày nào" asked of a
            if dated is not None and dated != Subject("document", doc_id):  # Công văn citing it: not the letter's date
                return None
            return self._act_date(question, Subject("document", doc_id))
        if kind is QuestionKind.DOCUMENT and asks_own_number(question):
            return self._own_number(question, doc_id)
        return None

    def detailed_act(self, question: QuestionAnalysis, doc_id: str) -> Answer | None:
        """The act a document details or guides, as it says so itself: "Nghị định này quy định chi tiết … Luật Giao
        thông đường thủy nội địa" (its scope article) or its title "Quy định chi tiết … Luật …"; for "<doc> quy định
        chi tiết luật nào", "hướng dẫn nghị định nào".  None when it says neither of an act of the type asked."""
        text = self.store.documents[doc_id].text
        type_word = _TYPE_WORD.search(question.key)
        found = []
        for match in _DETAILED_ACT.finditer(text):
            act = match.group(1)
            if type_word and not names_type(act, type_word.group(1)):
                continue
            itself = bool(_THIS_ACT_BEFORE.search(text, max(0, match.start() - 40), match.start()))
            if not itself and match.start() > _PREAMBLE_REACH:
                continue  # the scope article or the title, not an act cited in the body
            end = match.start(1) + len(act)
            found.append((not itself or act.isupper(), match.start(), match.start(1), end))
        if not found:
            return None
        _, _, start, end = min(found)  # the act's own words ("Nghị định này quy định chi tiết …") before its title
        # not its history, nor the name it goes by below or the list of what it details
        shown = re.split(r",?\s+(?:đã\s+)?được\s+sửa\s+đổi|\s*\((?:sau\s+đây|gọi\s+tắt)|\s+về\s+các\s+nội\s+dung|,?\s+bao\s+gồm",
                         " ".join(text[start:end].split()))[0]
        if len(shown) > self.settings.record_answer_chars:  # "Luật Bảo hiểm y tế số 25/2008/QH12" without its history
            shown = act_designation(shown)[: self.settings.record_answer_chars]
        return _answer(question, shown, [self.quotes.at(doc_id, start, end, start, end)])

    def _adoption_date(self, answer: Answer, doc_id: str) -> Answer:
        """An act in force "từ ngày được thông qua" with the date its closing line says it was adopted ("… thông qua
        ngày 16 tháng 6 năm 2025"), as "từ ngày ký" is given with the signing date; else ``answer`` unchanged."""
        if not re.search(r"thông\s+qua", answer.answer or "") or re.search(r"\d", answer.answer or ""):
            return answer
        text = self.store.documents[doc_id].text
        adopted = list(_ADOPTED.finditer(text))
        if not adopted:
            return answer
        date = adopted[-1]  # the closing line, after any cited act's
        shown = f"{answer.answer} ({' '.join(date.group(1).split())})"
        if len(shown) > self.settings.record_answer_chars:
            return answer
        quote = self.quotes.at(doc_id, date.start(1), date.end(1), date.start(1), date.end(1))
        return replace(answer, answer=shown, quotes=[*answer.quotes, quote])

    def _party(self, question: QuestionAnalysis) -> Answer | None:
        """Who a document the question names is sent to ("Công điện 96/CĐ-BXD gửi tới những Cục nào") or charges
        with executing it ("những ai chịu trách nhiệm thi hành QĐ 2533/QĐ-UBND"), read off its header or its
        final article; None when the question asks neither or the document prints no such block."""
        noun = asked_addressees(question)
        executors = ASKS_EXECUTORS.search(question.key)
        if noun is None and not executors:
            return None
        subject = self.subject(question)
        if subject is None or subject.what != "document":
            return None
        if noun is not None:
            return self.addressees(question, subject.ident, noun)
        return self.executors(question, subject.ident)

    def addressees(self, question: QuestionAnalysis, doc_id: str, noun: str) -> Answer | None:
        """The addressees of ``doc_id`` (:func:`read_addressees`) that answer "gửi những <noun> nào"."""
        text = self.store.documents[doc_id].text
        found = read_addressees(text)
        if found is None:
            return None
        lead, items = found
        names = addressee_names(text, items, noun)
        shown = _cut("; ".join(" ".join(text[s:e].split()) for s, e in names), "; ", self.settings.record_answer_chars)
        quote = self.quotes.at(doc_id, lead, items[-1][1], names[0][0], names[-1][1])
        return _answer(question, shown, [quote])

    def executors(self, question: QuestionAnalysis, doc_id: str) -> Answer | None:
        """The bodies ``doc_id`` charges with executing it (:func:`read_executors`)."""
        text = self.store.documents[doc_id].text
        found = read_executors(text)
        if found is None:
            return None
        start, names, end = found
        shown = _cut(" ".join(text[names:end].split()), ", ", self.settings.record_answer_chars)
        return _answer(question, shown, [self.quotes.at(doc_id, start, end, names, end)])

    def _type_agrees(self, question: QuestionAnalysis, doc_id: str) -> bool:
        """Whether the act types the question names (if any) include ``doc_id``'s own type."""
        named = {m.group(1) for m in _DOCUMENT_WORDS.finditer(question.key)} - _UNTYPED_DOCUMENT_WORDS
        return not named or match_key(self.store.documents[doc_id].record.type or "") in named

    # ------------------------------------------------------------------ subject
    def subject(self, question: QuestionAnalysis) -> Subject | None:
        """The corpus document or the act the question is about, else None.

        The first act phrase decides: "Công văn 6052/UBND-VX …" names an act by number;
        "Công văn của UBND quận Kiến An …" names a corpus document by type and issuer.
        """
        from corpus.acts import ACT_NUMBER, parse_act_query

        text, key = question.text, match_key(question.text)
        numbers = list(ACT_NUMBER.finditer(text))
        for phrase in _DOCUMENT_WORDS.finditer(key):
            after = key[phrase.end():]
            number = next((m for m in numbers if m.start() >= phrase.end()), None)
            between = key[phrase.end():number.start()] if number else ""
            if number and len(between.split()) <= 2 and "cua" not in between.split():
                return self._resolve(text[phrase.start():number.end() + 40])
            bare = re.match(r"\s*(?:so\s*)?(\d{1,6})(?![\d/-])", after)
            if bare:
                return self._resolve(text[phrase.start():phrase.end() + bare.end() + 20])
            by = re.match(r"\s*(?:cua|do)\s", after) or re.search(r"\s(?:cua|do)\s", after[:90])
            if by and re.match(r"(?:ai|nao|gi|co quan nao|don vi nao|cap nao)\b", after[by.end():]):
                by = None  # "… do ai ký", "của cơ quan nào": the issuer is asked, not named
            if by:
                # "Công văn của Sở Y tế …", "quyết định công bố … của UBND thành phố Cần Thơ ngày …"; but a number
                # the question prints later for a document of that type names it ("… của Cần Thơ (QĐ 2533/QĐ-UBND)")
                numbered = self._resolve(text[max(0, numbers[0].start() - 30):]) if numbers else None
                if numbered is not None and numbered.what == "document" and match_key(
                        self.store.documents[numbered.ident].record.type or "") == phrase.group(1):
                    return numbered
                doc_id = self._by_issuer(question, phrase.group(1))
                if doc_id:
                    return Subject("document", doc_id)
        if numbers:
            return self._resolve(text[max(0, numbers[0].start() - 30):])
        if parse_act_query(text).is_act:
            return self._resolve(text)
        return None

    def dated_subject(self, question: QuestionAnalysis) -> Subject | None:
        """The act whose own date a question asks when it names several: the act heading the last clause before the
        date cue, the subject of "… ban hành / thông qua ngày nào" ("Theo công văn của Bộ Nội vụ …, Luật … số
        72/2025/QH15 được Quốc hội thông qua ngày nào", "… trả lời bằng công văn 5330/CT-CS, vậy công văn 5106/CT-CS …
        ban hành ngày nào"); an act inside a clause ("Nghị định 72/2026 …, được Nghị quyết 25/2026 kéo dài, ban hành
        ngày nào", "Nghị định 291 sửa đổi Nghị định 103 …") only describes the one heading it.  None when no clause
        before the cue opens with a numbered act."""
        from corpus.acts import ACT_NUMBER

        found = None
        for clause in re.findall(r"[^,;?]+", question.text):
            key = match_key(clause)
            head = _CLAUSE_HEAD.match(key)
            number = ACT_NUMBER.search(clause)
            before = match_key(clause[:number.start()]) if number else ""
            if (head and number and len(before.split()) <= _HEAD_NUMBER_WORDS
                    and not _DOCUMENT_WORDS.search(before, head.end(1))):  # the number is the head's, not "… Chỉ thị 16"
                found = clause[:number.end()]
            if re.search(V.CUE_ISSUE_DATE + r"|\bthong qua\b", key):
                break  # the clause asking the date
        return self._resolve(found) if found else None

    def _asks_more(self, question: QuestionAnalysis, subject: Subject) -> bool:
        """Whether a date question says more than which document it means ("Thông báo 272/TB-UBND Đồng Nai
        ngày nào" says no more; "… Trung tâm Y tế được chuyển giao ngày nào" asks a date the text tells)."""
        from corpus.lexicon import expand_organ_abbreviations

        if subject.what == "document":
            record = self.store.documents[subject.ident].record
            described = " ".join(filter(None, [record.title, record.issuer, record.place, record.type]))
        else:
            act = self.citations.acts.get(subject.ident) or {}
            described = " ".join(filter(None, [act.get("name"), act.get("issuer"), act.get("act_type")]))
        known = (set(self.naming_words(question)) | set(syllables(expand_organ_abbreviations(described)))
                 | set(V.STOPWORDS) | _DATE_QUESTION_WORDS | _PLACE_WORDS)
        extra = [w for w in question.syllables if w not in known and not w.isdigit()]
        return len(extra) > self.settings.record_date_extra_words

    def naming_words(self, question: QuestionAnalysis) -> frozenset[str]:
        """The words of the question that name an act: its number and the type word before it
        ("theo Nghị quyết 1655/NQ-UBTVQH15" → nghi, quyet, 1655, nq, ubtvqh15).

        Once the search is restricted to that document they tell its passages apart no more: the
        header printing the number must not outscore the sentence that answers.
        """
        from corpus.acts import ACT_NUMBER

        words: set[str] = set()
        for number in ACT_NUMBER.finditer(question.text):
            words.update(syllables(number.group(0)))
            before = match_key(question.text[max(0, number.start() - 40):number.start()])
            typed = re.search(rf"({V.ACT_TYPE_KEYS}|van ban)\s+(?:so\s+)?$", before)
            if typed:
                words.update(typed.group(1).split())
        return frozenset(words)

    def _resolve(self, text: str) -> Subject | None:
        from corpus.acts import act_matches, number_key, parse_act_query

        query = parse_act_query(text)
        if not query.is_act:
            return None
        for doc_id in self.citations.document_numbers.candidates(query):  # not every document: see ActNumberIndex
            record = self.store.documents[doc_id].record
            if record.number and act_matches(query, record.type, number_key(record.number), record.date):
                return Subject("document", doc_id)
        for key in self.citations.act_numbers.candidates(query):
            act = self.citations.acts[key]
            if act.get("number_key") and act_matches(query, act["act_type"], act["number_key"],
                                                      act.get("date") or (str(act["year"]) if act.get("year") else None)):
                doc = self.citations.act_document.get(key)
                return Subject("document", doc) if doc else Subject("act", key)
        return None

    def _by_issuer(self, question: QuestionAnalysis, type_key: str) -> str | None:
        """The document a question names by type and issuer ("Kế hoạch của UBND tỉnh Nghệ An về …").

        When several documents share the issuer, the title words the question repeats decide;
        a tie names no document (the text route then finds the passage).
        """
        from corpus.acts import parse_act_query
        from corpus.lexicon import expand_organ_abbreviations

        expanded = syllables(expand_organ_abbreviations(question.text))
        words = set(question.syllables) | set(expanded)  # "UBND" too
        pairs = _pairs(list(question.syllables)) | _pairs(expanded)
        asked_date = parse_act_query(question.text).date  # "… của UBND thành phố Cần Thơ ngày 20/11/2025"
        scored = []
        for doc_id, issuer in self._issuer_words.items():
            if not issuer:
                continue
            # an issuer's words count where the question prints them together ("Sở Y tế … Đồng Nai"), not scattered
            # ("thủ tục nội bộ lĩnh vực tư pháp" does not name the Bộ Tư pháp)
            share = _issuer_share(issuer, words, pairs)
            if share < 0.75:
                continue
            record = self.store.documents[doc_id].record
            if type_key != "van ban" and match_key(record.type or "") == type_key:
                share += 0.3
            if asked_date and record.date == asked_date:
                share += 0.5
            title = [w for w in self._title_words[doc_id] if w not in V.STOPWORDS]
            if title:
                share += 0.5 * sum(1 for w in title if w in words) / len(title)
            scored.append((share, doc_id))
        if not scored:
            return None
        scored.sort(reverse=True)
        if len(scored) > 1 and scored[0][0] - scored[1][0] < 0.05:
            return None
        return scored[0][1]

    # ------------------------------------------------------------------ record fields
    def signature_name(self, doc_id: str) -> tuple[int, int] | None:
        """Where the signature block prints the signer: the name line under the last signing title."""
        text = self.store.documents[doc_id].text
        found = None
        for title in _TITLE.finditer(text):
            name = _NAME_LINE.match(text, title.end())
            if name:
                found = (name.start(1), name.end(1))
        if found is None:  # a legal-database page's own header field "Người ký: …"
            field = _SIGNER_FIELD.search(text)
            if field:
                found = (field.start(1), field.end(1))
        return found

    def _signer(self, question: QuestionAnalysis, doc_id: str) -> Answer | None:
        stored = self.store.documents[doc_id]
        signer = stored.record.signer
        if not signer:  # the record did not read it: the name under the signing title
            place = self.signature_name(doc_id)
            if place is None:
                return None
            quote = self.quotes.at(doc_id, place[0], place[1], place[0], place[1], extend_lines=3)
            return _answer(question, stored.text[place[0]:place[1]], [quote], confidence=0.8)
        at = stored.text.rfind(signer)
        if at < 0:
            return _answer(question, signer, [])
        quote = self.quotes.at(doc_id, at, at + len(signer), at, at + len(signer), extend_lines=3)
        return _answer(question, signer, [quote])

    def _own_number(self, question: QuestionAnalysis, doc_id: str) -> Answer | None:
        """The number of a document the question describes ("Thuế tỉnh Tây Ninh trả lời … là công văn số mấy"),
        when the document is of the type asked and its issuer is the one the question names."""
        from corpus.lexicon import expand_organ_abbreviations

        stored = self.store.documents[doc_id]
        record = stored.record
        asked = _OWN_NUMBER.search(question.key)
        if not record.number or asked is None:
            return None
        asked_type = asked.group(1) or asked.group(2)
        if asked_type != "van ban" and match_key(record.type or "") != asked_type:
            return None  # "… là nghị quyết số mấy" of a plan that cites it
        issuer = self._issuer_words.get(doc_id) or []
        words = set(question.syllables) | set(syllables(expand_organ_abbreviations(question.text)))
        if not issuer or not all(w in words for w in issuer):  # every word: "tỉnh Nam Bình" is not "tỉnh An Bình"
            return None
        found = find_number(stored.text, record.number)
        if found is None:
            return None
        quote = self.quotes.at(doc_id, found[0], found[1], found[0], found[1])
        return _answer(question, stored.text[found[0]:found[1]], [quote])

    def proposer(self, question: QuestionAnalysis, doc_id: str) -> Answer | None:
        """Who proposed ``doc_id`` (:func:`read_proposer`), quoted from its preamble line; None when it names nobody."""
        found = read_proposer(self.store.documents[doc_id].text)
        if found is None:
            return None
        line_start, start, end, name = found
        return _answer(question, name, [self.quotes.at(doc_id, line_start, end, start, end)])

    def _issuer(self, question: QuestionAnalysis, doc_id: str) -> Answer | None:
        stored = self.store.documents[doc_id]
        record = stored.record
        if not record.number or not record.issuer:
            return None
        number_at = find_number(stored.text, record.number)
        if number_at is None:
            return None
        low = max(0, number_at[0] - 300)
        # the header prints its issuer in capitals above "Số: …" ("CHÍNH PHỦ", "BỘ Y TẾ"), which the record names;
        # a name after the number may be the preamble's ("Căn cứ Luật Tổ chức Chính phủ")
        printed = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, record.issuer.split())) + r"(?!\w)", re.IGNORECASE)
        header = [m for m in printed.finditer(stored.text, low, number_at[0]) if m.group(0).isupper()] \
            if _ISSUER_ASKED.search(question.key) else []
        if header:
            at = header[-1]
            quote = self.quotes.at(doc_id, at.start(), number_at[1], at.start(), at.end())
            return _answer(question, record.issuer, [quote])
        last = match_key(record.issuer).split()[-1]
        spans = [s for s in agency_spans(stored.text[low:number_at[1] + 200], low) if match_key(s[2]).endswith(last)]
        if not spans:
            return None
        start, end, name = min(spans, key=lambda s: abs(s[0] - number_at[0]))
        quote = self.quotes.at(doc_id, min(start, number_at[0]), max(end, number_at[1]), start, end)
        return _answer(question, name, [quote])

    def _act_date(self, question: QuestionAnalysis, subject: Subject) -> Answer | None:
        from corpus.acts import ACT_NUMBER, number_key, parse_date

        if subject.what == "document":
            stored = self.store.documents[subject.ident]
            if not stored.record.date:
                return None
            for pattern in DATE_PATTERNS[:4] + DATE_PATTERNS[6:7]:
                for match in pattern.finditer(stored.text):
                    span = match.group(0)
                    if (parse_date(span) or _month_iso(span)) == stored.record.date:
                        start, end = match.start(), match.end()
                        quote = self.quotes.at(subject.ident, start, end, start, end)
                        return _answer(question, stored.text[start:end], [quote])
            return None
        act = self.citations.acts.get(subject.ident)
        if not act or not act.get("date"):
            return None
        for edge in act["cited_by"]:
            stored = self.store.documents.get(edge["doc_id"])
            if stored is None:
                continue
            sentence = stored.text[edge["start"]:edge["end"]]
            for number in ACT_NUMBER.finditer(sentence):
                if number_key(number.group(0)).replace(" ", "") != act["number_key"]:
                    continue
                # read on in the document, not the edge's sentence: "… số 5029/TCT-PC ngày\n09/11/2023" wraps
                after = edge["start"] + number.end()
                date = _CITED_DATE.match(stored.text, after, after + 60)
                if date and parse_date(date.group(2)) == act["date"]:
                    # "09/11/2023"; a date in words keeps its "ngày" ("ngày 19 tháng 11 năm 2025"), as printed
                    start, end = (date.start(2) if "/" in date.group(2) else date.start(1)), date.end(2)
                    quote = self.quotes.edge(edge)
                    if end > quote.end:  # the quote holds the answer
                        quote = self.quotes.at(edge["doc_id"], quote.start, end, start, end)
                    quote.answer_start, quote.answer_end = start, end
                    return _answer(question, stored.text[start:end], [quote])
        return None

    # ------------------------------------------------------------------ citation graph
    def _documents(self, question: QuestionAnalysis, subject: Subject) -> Answer | None:
        """Which documents cite an act, which acts a document cites, or a document's own number."""
        from corpus.acts import act_mention

        key = question.key
        act_key = self.citations.document_act.get(subject.ident) if subject.what == "document" else subject.ident
        first_number = act_mention(question.text)  # "542/KH-UBND", "NĐ 187/2026", "Quyết định 1609"
        wh = re.search(rf"({V.ACT_TYPE_KEYS}|van ban)\s+(nao|gi)|so hieu|so may", key)
        relation = "thuc_hien" if re.search(V.CUE_IMPLEMENTS, key) else ("can_cu" if "can cu" in key else None)
        if wh and wh.group(0) in ("so hieu", "so may") and subject.what == "document":
            cited = _CITED_PAPER.search(key)
            if cited and first_number is None:  # "yêu cầu tiếp tục thực hiện công điện số mấy của Bộ": an act it cites
                return self._cited_papers(question, subject.ident, cited.group(1))
            if first_number is not None or self._other_paper(key, subject.ident):
                # "QĐ 3303/QĐ-BTP căn cứ nghị định số mấy", "nghị định … mà NĐ 187/2026 dẫn chiếu là số mấy",
                # "dựa trên báo cáo thẩm tra số mấy": another paper
                return None
            stored = self.store.documents[subject.ident]
            found = find_number(stored.text, stored.record.number or "")
            if not stored.record.number or found is None:
                return None
            quote = self.quotes.at(subject.ident, found[0], found[1], found[0], found[1])
            return _answer(question, stored.text[found[0]:found[1]], [quote])
        if act_key is None or wh is None or first_number is None:
            return None
        asks_citers = wh.start() < key.find(match_key(question.text[first_number[0]:first_number[0] + 4]))
        if self.citations.acts.get(act_key) is None:
            return None
        max_quotes = self.settings.max_quotes
        if asks_citers or (subject.what == "act" and _DETAILS_ASKED.search(key)):
            # "thông tư nào hướng dẫn Nghị định 49/2022/NĐ-CP", "Nghị định 289/2025/NĐ-CP hướng dẫn nghị quyết nào":
            # the act a citing sentence says guides (or is guided by) the one named, of the type asked
            type_word = _TYPE_WORD.search(key)
            guide = self._guide(question, act_key, asks_citers, type_word.group(1) if type_word else None)
            if guide is not None:
                return guide
        if asks_citers:
            match = self.citations._match(act_key, relation)
            if not match["cited_by"] and relation:
                match = self.citations._match(act_key, None)
            entries = match["cited_by"]
            if not entries:
                return None
            labels = [_short_label(self.store.documents[e["doc_id"]].record) for e in entries]
            shown = _cut("; ".join(labels), "; ", self.settings.record_answer_chars)
            return _answer(question, shown, [self.quotes.edge(e) for e in entries[:max_quotes]])
        if subject.what != "document":
            return None
        type_word = _TYPE_WORD.search(key)
        issuer = asked_issuer(question)

        def cited(wanted: str | None) -> tuple[list[dict], list[dict]]:
            entries = self.citations._match(act_key, wanted)["cites"]
            if type_word:
                entries = [e for e in entries if match_key(e["act_type"] or "").startswith(type_word.group(1))]
            # "… triển khai công điện nào của Thủ tướng": the acts of that issuer, when the graph knows it
            by = [e for e in entries if issued_by(issuer, e.get("number") or "", " của " + (e.get("issuer") or ""))]
            return entries, by

        entries, by = cited(relation)
        if relation and (not entries or issuer and not by):
            # the issuer and the type asked bind harder than the verb: "thực hiện chế độ … theo nghị quyết nào của
            # Quốc hội" of a notice that carries out a Politburo resolution cites the Assembly's one otherwise
            every, every_by = cited(None)
            if not entries or every_by:
                entries, by = every, every_by
        entries = by or entries
        if _DETAILS_ASKED.search(key) and subject.what == "document":
            # "Thông tư … hướng dẫn nghị định nào": not the decree organising the issuing ministry, cited only for its
            # competence ("Căn cứ Nghị định số 14/2017/NĐ-CP … quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu …")
            text = self.store.documents[subject.ident].text
            entries = [e for e in entries if not _ORGANISES.search(_clause_at(text, e["start"]))] or entries
        if not entries:
            return None
        shown = _cut(", ".join(e["act"] for e in entries), ", ", self.settings.record_answer_chars)
        return _answer(question, shown, [self.quotes.edge(e) for e in entries[:max_quotes]])

    def _guide(self, question: QuestionAnalysis, act_key: str, asks_guide: bool, type_word: str | None
               ) -> Answer | None:
        """The act a citing text says guides the act ``act_key`` ("Thông tư số 13/2023/TT-BTC ngày … của Bộ Tài chính
        hướng dẫn Nghị định số 49/2022/NĐ-CP") when ``asks_guide``, else the act it guides; of ``type_word``'s type
        when given.  For a guide asked with a type, the corpus documents citing the act must not be of that type
        (those are the guides then).  None when no citing text pairs the two."""
        act = self.citations.acts.get(act_key)
        if act is None:
            return None
        if asks_guide and type_word:
            citers = {match_key(self.store.documents[e["doc_id"]].record.type or "") for e in act["cited_by"]
                      if e["doc_id"] in self.store.documents}
            if any(c.startswith(type_word) for c in citers):
                return None
        elif asks_guide:
            return None  # "văn bản nào hướng dẫn …" without a type: the documents citing it answer
        for edge in act["cited_by"]:
            stored = self.store.documents.get(edge["doc_id"])
            if stored is None:
                continue
            low, high = max(0, edge["start"] - _GUIDE_REACH), min(len(stored.text), edge["end"] + _GUIDE_REACH)
            for guide, guided in guide_pairs(stored.text, low, high):
                named, other = (guided, guide) if asks_guide else (guide, guided)
                if _act_key_of(named.group(0)) != act["number_key"]:
                    continue
                typed = _TYPED_NUMBER_BEFORE.search(stored.text, max(0, other.start() - 20), other.start())
                if type_word and not (typed and names_type(typed.group(0), type_word)):
                    continue
                start, end = other.start(), other.end()
                quote_start, quote_end = min(guide.start(), guided.start()), max(guide.end(), guided.end())
                quote = self.quotes.at(edge["doc_id"], quote_start, quote_end, start, end)
                return _answer(question, stored.text[start:end], [quote])
        return None

    def _cited_papers(self, question: QuestionAnalysis, doc_id: str, type_key: str) -> Answer | None:
        """The acts of type ``type_key`` that ``doc_id`` cites, its own number left out, those of the issuer the
        question names when the graph tells ("thực hiện công điện số mấy của Bộ" → the Ministry's telegrams, not the
        Prime Minister's); None when it cites none of the type."""
        from corpus.acts import number_key

        act_key = self.citations.document_act.get(doc_id)
        if act_key is None or self.citations.acts.get(act_key) is None:
            return None
        own = number_key(self.store.documents[doc_id].record.number or "")
        entries = [e for e in self.citations._match(act_key, None)["cites"]
                   if match_key(e["act_type"] or "").startswith(type_key) and number_key(e.get("number") or "") != own]
        issuer = asked_issuer(question)
        by = [e for e in entries if issued_by(issuer, e.get("number") or "", " của " + (e.get("issuer") or ""))]
        entries = by or entries
        if not entries:
            return None
        shown = _cut(", ".join(dict.fromkeys(e.get("number") or e["act"] for e in entries)), ", ",
                     self.settings.record_answer_chars)
        return _answer(question, shown, [self.quotes.edge(e) for e in entries[: self.settings.max_quotes]])

    def _other_paper(self, key: str, doc_id: str) -> bool:
        """Whether the paper whose number a question asks ("<paper> số mấy") is of another type than ``doc_id``."""
        paper = re.search(rf"\b({V.ACT_TYPE_KEYS}|bao cao|de an|to trinh)\b(?:\s+\w+){{0,3}}?\s+so may\b", key)
        own_type = match_key(self.store.documents[doc_id].record.type or "")
        return bool(paper) and bool(own_type) and not own_type.startswith(paper.group(1))

    def _graph_repeals(self, question: QuestionAnalysis, doc_id: str) -> Answer | None:
        cites = [c for c in self.store.documents[doc_id].record.cites
                 if c.relation in ("bai_bo", "thay_the") and states_repeal(c.sentence or "")]
        if not cites:
            return None
        names = [c.number or c.name or c.act_type for c in cites]
        quotes = [self.quotes.at(doc_id, c.start, c.end) for c in cites[: self.settings.max_quotes]]
        return _answer(question, "; ".join(dict.fromkeys(names))[:150], quotes)

    # ------------------------------------------------------------------ document facts by extractor
    def _named_elsewhere(self, question: QuestionAnalysis, doc_id: str) -> re.Pattern[str] | None:
        """The act numbers the question names that are not ``doc_id``'s own number, as one pattern."""
        from corpus.acts import ACT_NUMBER, number_key

        own = {number_key(n) for n in self.own_numbers(doc_id)}
        numbers = [m.group(0) for m in ACT_NUMBER.finditer(question.text) if number_key(m.group(0)) not in own]
        if not numbers:
            return None
        return re.compile("|".join(_number_pattern(n) for n in numbers), re.IGNORECASE)

    def _consolidated_repeals(self, question: QuestionAnalysis, doc_id: str) -> Answer | None:
        """The parts a consolidated text marks repealed ("Điều 5.3 (được bãi bỏ)") for "những điều nào … đã bị bãi
        bỏ (bởi <act>)": those whose note names the act the question names, every one when it names none."""
        from corpus.acts import ACT_NUMBER, number_key

        if not ASKS_REPEALED_PART.search(question.key) or len(self.own_numbers(doc_id)) < 2:
            return None
        own = {number_key(n) for n in self.own_numbers(doc_id)}
        by = [number_key(m.group(0)) for m in ACT_NUMBER.finditer(question.text) if number_key(m.group(0)) not in own]
        text = self.store.documents[doc_id].text
        parts = [(start, end, name) for start, end, name, note in repealed_marks(text)
                 if not by or any(_names_act(note, b) for b in by)]
        if not parts:
            return None
        shown = _cut("; ".join(merge_parts(list(dict.fromkeys(name for _, _, name in parts)))), "; ",
                     self.settings.record_answer_chars)
        quotes = [self.quotes.at(doc_id, start, end, start, end) for start, end, _ in parts[: self.settings.max_quotes]]
        return _answer(question, shown, quotes)

    def _consolidating(self, question: QuestionAnalysis) -> str | None:
        """The consolidated text (văn bản hợp nhất) of an act the question names, when the corpus holds one."""
        from corpus.acts import number_key

        asked = asked_numbers(question)
        for doc_id, stored in self.store.documents.items():
            if not _CONSOLIDATED.search(stored.record.type or ""):
                continue
            base = consolidated_base(stored.record.type, stored.record.number, stored.text)
            if base and any(number_key(base) == n or number_key(base).startswith(n + "/") for n in asked):
                return doc_id
        return None

    def own_numbers(self, doc_id: str) -> tuple[str, ...]:
        """The numbers ``doc_id`` speaks for: its own, and for a consolidated text (văn bản hợp nhất) the act it
        consolidates, the first other act its header names ("Thông tư số 06/2017/TT-BLĐTBXH ngày … được sửa đổi,
        bổ sung bởi: …"): its articles are that act's, "Thông tư này" is that act."""
        stored = self.store.documents[doc_id]
        own = stored.record.number
        base = consolidated_base(stored.record.type, own, stored.text)
        return tuple(n for n in (own, base) if n)

    def _read(self, question: QuestionAnalysis, doc_id: str, pattern: re.Pattern[str], extractor,
              join: bool = False, reach: int | None = None) -> Answer | None:
        """Run ``extractor`` over the sentences of ``doc_id`` where ``pattern`` occurs (within ``reach`` characters of
        the text's start when given); the best span answers.  ``join`` (legal basis): every act the lines name."""
        context = Context(self.store, self.units, {t: 1.0 for t in question.syllables if t not in V.STOPWORDS},
                          self.settings)
        found = []
        named = self._named_elsewhere(question, doc_id)
        text = self.store.documents[doc_id].text
        consolidated = len(self.own_numbers(doc_id)) > 1
        signature = self.signature_name(doc_id)  # what follows the signer's name is no provision of the act
        signed = signature[1] if signature else len(text)
        for unit in self.units.units_matching(doc_id, pattern):
            if reach is not None and unit.start > reach:
                break
            spans = extractor.spans(question, unit, context) if join else [extractor.extract(question, unit, context)]
            for span in filter(None, spans):
                if not named and (unit.start > signed or consolidated and in_amendment_note(text, unit.start)):
                    # a consolidated text's note on an amending act ("15 Điều 3 của Thông tư số 28/2022/… quy định
                    # như sau") speaks for that act; asked about the consolidated act, its own articles answer
                    span = replace(span, confidence=span.confidence - self.settings.record_named_act_bonus)
                if named and named.search(text, unit.start, unit.end):
                    # the question names an act this document is not (a consolidated text, an amended act):
                    # the sentence naming it speaks of it, "Thông tư này …" of the document itself
                    span = replace(span, confidence=span.confidence + self.settings.record_named_act_bonus)
                found.append((span, unit))
            if reach is not None and found:
                break  # the preamble's opening line, not the tasks below that carry out an act
        if not found:
            return None
        if join:  # legal basis: every act the "Căn cứ" lines name (of the type asked for)
            type_word = _TYPE_WORD.search(question.key)
            picked = [(s, u) for s, u in found if not type_word or names_type(s.text, type_word.group(1))]
            issuer = asked_issuer(question)  # "căn cứ quyết định nào của Bộ Y tế": that issuer's acts first
            if issuer:
                named = re.compile(_issuer_pattern(issuer))
                picked = [(s, u) for s, u in picked if named.search(match_key(s.text))] or picked
            record = self.store.documents[doc_id].record
            picked = _naming_asked(picked or found, question, f"{record.title or ''} {record.issuer or ''}", text)
            picked = sorted(picked, key=lambda f: -f[0].confidence)  # the one the question names first
            acts = list(dict.fromkeys(s.text for s, _ in picked))
            names = "; ".join(acts)
            if len(names) > 150 and len(acts) > 1:
                # several acts do not fit whole: each by its designation, as a clerk lists them ("Luật Tổ chức
                # chính quyền địa phương; Quyết định số 1085/QĐ-TTg"), the quotes carrying the full lines
                names = _cut("; ".join(dict.fromkeys(act_designation(a) for a in acts)), "; ", 150)
            if len(names) > 150:
                names = names[:150].rsplit(";", 1)[0]
            quotes = [self.quotes.quote(u, s.confidence, s.start, s.end, s.quote_start, s.quote_end)
                      for s, u in picked[: self.settings.max_quotes]]
            return _answer(question, names, quotes, confidence=max(s.confidence for s, _ in picked))
        span, unit = max(found, key=lambda f: f[0].confidence)
        quotes = [self.quotes.quote(unit, span.confidence, span.start, span.end, span.quote_start, span.quote_end)]
        for start, end in span.also_quote:
            quotes.append(self.quotes.at(unit.doc_id, start, end, start, end))
        return _answer(question, span.text, quotes, confidence=span.confidence)


# Words of a legal-basis question that name no act of its own: the cue, the act types, question words.
_BASIS_CUE_WORDS = frozenset({"can", "cu", "co", "so", "phap", "ly", "dua", "tren", "nao", "gi", "nhung", "cac", "may",
                              "van", "ban", "hanh", "cua", "ve", "theo"})


def _issuer_pattern(issuer: tuple[str, ...]) -> str:
    """A pattern for the issuer's words in a match key; an abbreviation ("của UBTVQH") also as its full name and as
    the issuer code of a number ("76/2025/UBTVQH15")."""
    from retriever.query import ABBREVIATIONS

    spelled = r"\b" + r"\s+".join(issuer) + r"\b"
    if len(issuer) != 1:
        return spelled
    full = {match_key(short): match_key(name) for short, name in ABBREVIATIONS.items()}.get(issuer[0])
    alternatives = [spelled, rf"/{re.escape(issuer[0])}\d*\b"] + ([r"\b" + r"\s+".join(full.split()) + r"\b"] if full else [])
    return "|".join(alternatives)


def _pairs(words: list[str]) -> set[tuple[str, str]]:
    return set(itertools.pairwise(words))


def _issuer_share(issuer: list[str], words: set[str], pairs: set[tuple[str, str]]) -> float:
    """The share of an issuer's words a question prints, counting a word only inside a pair of adjacent issuer words
    the question prints together (a one-word issuer: the word itself).

    >>> q = "thu tuc noi bo linh vuc tu phap cua can tho".split()
    >>> _issuer_share(["bo", "tu", "phap"], set(q), _pairs(q)), _issuer_share(["tu", "phap"], set(q), _pairs(q))
    (0.6666666666666666, 1.0)
    """
    if len(issuer) == 1:
        return float(issuer[0] in words)
    covered = {i + k for i, pair in enumerate(itertools.pairwise(issuer)) if pair in pairs for k in (0, 1)}
    return len(covered) / len(issuer)


# "… căn cứ nghị định nào <description>": what the question says of the act it asks, after the question word.
_DESCRIBED_ACT = re.compile(rf"\b(?:{V.ACT_TYPE_KEYS}|van ban)(?: so)? nao\b(.+)$")
_AMENDS_OTHER = re.compile(r"\ssửa\s+đổi|\sbổ\s+sung")


def _naming_asked(found: list, question: QuestionAnalysis, own: str, text: str) -> list:
    """Of the "Căn cứ" lines found (``(span, unit)`` pairs), those naming what the question asks beyond the
    document's own title and issuer (``own``): "căn cứ luật đầu tư công nào" → the line of the Luật Đầu tư công, not
    the Luật Dẫn độ that the title of a decree on extradition costs shares words with.  Read by adjacent word pairs
    ("đầu tư", "tư công"), since single syllables ("tư", "công") are common words; all lines when none names one."""
    from corpus.acts import ACT_NUMBER

    cue = _BASIS_CUE_WORDS | {w for key in V.ACT_TYPE_KEYS.split("|") for w in key.split()}
    # the acts the question names by number name no basis act ("Nghị định 188/2025/NĐ-CP căn cứ …": not "nđ cp")
    words = syllables(ACT_NUMBER.sub(" ", question.text))
    asked = {p for p in _pairs(words) if not (p[0] in cue and p[1] in cue)}
    asked -= _pairs(syllables(own))
    if not asked:
        return found
    amending_asked = bool(re.search(r"\b(?:sua doi|bo sung)\b", question.key))
    described = _DESCRIBED_ACT.search(question.key)
    if described and re.search(r"\b(?:sua doi|bo sung)\b", described.group(1)):
        # "căn cứ nghị định nào sửa đổi các nghị định về kiểm soát thủ tục hành chính": the amending act is asked,
        # not the act it amends, whose line shares every other word
        amending = [f for f in found if _AMENDS_OTHER.search(text[f[0].start:f[0].end])]
        found = amending or found
    acts = []
    for span, _ in found:
        act = text[span.start:span.end]
        amends = None if amending_asked else _AMENDS_OTHER.search(act)
        if amends:  # "Nghị định 148/2024 sửa đổi … Nghị định 54/2019 … về karaoke": the amended act's words
            act = act[:amends.start()]
        acts.append(syllables(act))
    counts = [len(asked & _pairs(words)) for words in acts]
    best = max(counts)
    if not best:  # no pair: a word the question names alone ("căn cứ nghị định nào về karaoke")
        single = {w for p in asked for w in p} - cue - set(V.STOPWORDS) - set(syllables(own))
        counts = [len(single & set(words)) for words in acts]
        best = max(counts)
    return [f for f, n in zip(found, counts) if n == best] if best else found


# Between two act numbers: the first guides or details the second ("Thông tư số 13/2023/TT-BTC ngày 28/02/2023 của Bộ
# Tài chính hướng dẫn Nghị định số 49/2022/NĐ-CP", "… quy định chi tiết một số điều của Nghị định số 40/2018/NĐ-CP").
_GUIDES = re.compile(r"(?:hướng\s+dẫn|quy\s+định\s+chi\s+tiết)(?:\s+(?:và\s+hướng\s+dẫn\s+)?thi\s+hành)?(?:\s+một\s+số\s+điều"
                     r"(?:\s+của)?)?\s+(?:Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+định|Nghị\s+quyết|Thông\s+tư|Quyết\s+định)(?:\s+số)?\s*$",
                     re.IGNORECASE)
_GUIDE_BETWEEN = 200  # the guide's date and issuer run at most this far before the verb
_GUIDE_REACH = 300  # a citing edge's sentence and the lines around it
_TYPED_NUMBER_BEFORE = re.compile(r"(?:Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+định|Nghị\s+quyết|Thông\s+tư|Quyết\s+định"
                                  r"|Chỉ\s+thị|Công\s+văn|Kế\s+hoạch)\s+(?:số\s+)?$", re.IGNORECASE)


def guide_pairs(text: str, start: int = 0, end: int | None = None) -> list[tuple[re.Match[str], re.Match[str]]]:
    r"""The (guide, guided) act numbers a text pairs as a clerk reads "<act> … hướng dẫn <act>": two numbers in one
    clause (no ";" between them) with the guiding verb just before the second's type word.

    >>> t = "Căn cứ Thông tư số 13/2023/TT-BTC ngày 28/02/2023 của Bộ Tài chính hướng dẫn Nghị\nđịnh số 49/2022/NĐ-CP;"
    >>> [(a.group(0), b.group(0)) for a, b in guide_pairs(t)]
    [('13/2023/TT-BTC', '49/2022/NĐ-CP')]
    """
    from corpus.acts import ACT_NUMBER

    numbers = list(ACT_NUMBER.finditer(text, start, len(text) if end is None else end))
    pairs = []
    for first, second in itertools.pairwise(numbers):
        between = text[first.end():second.start()]
        if len(between) <= _GUIDE_BETWEEN and ";" not in between and _GUIDES.search(" ".join(between.split())):
            pairs.append((first, second))
    return pairs


def _act_key_of(number: str) -> str:
    from corpus.acts import normalize_number, number_key

    return number_key(normalize_number(number)).replace(" ", "")


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
    from corpus.acts import act_mention

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


def _short_label(record) -> str:
    """A document as a short answer names it: "Chỉ thị 10/CT-UBND"; without a number, its full label."""
    if record.type and record.number:
        return f"{record.type} {record.number}"
    return document_label(record)


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


def _cut(shown: str, separator: str, limit: int) -> str:
    """``shown`` (items joined by ``separator``) cut after the last whole item within ``limit`` characters;
    the first item is kept whole whatever its length.

    >>> _cut("1093/QĐ-BYT, 229-KH/TU, 25-CT/TW", ", ", 25), _cut("a; b", "; ", 1)
    ('1093/QĐ-BYT, 229-KH/TU', 'a')
    """
    if len(shown) <= limit:
        return shown
    items = shown.split(separator)
    kept = [items[0]]
    for item in items[1:]:
        if len(separator.join(kept + [item])) > limit:
            break
        kept.append(item)
    return separator.join(kept)


def _number_pattern(number: str) -> str:
    return r"\s*".join(re.escape(ch) for ch in number.replace(" ", ""))


def _answer(question: QuestionAnalysis, text: str | None, quotes: list[Quote], confidence: float = 1.0) -> Answer:
    return Answer(question.text, text, False, quotes, kind=question.kind.value, confidence=confidence, route="record")


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


# ------------------------------------------------------------------ consolidated texts
_CONSOLIDATED = re.compile(r"văn bản hợp nhất", re.IGNORECASE)
_HEADER_REACH = 3000  # the act a consolidated text consolidates is named in its first lines
# A consolidated text's note, at a line's start: its number, then what the amending act did ("14 Khoản này được sửa
# đổi, bổ sung theo quy định tại …", "[2] Điểm này được sửa đổi …", "15 Điều 3 của Thông tư số 28/2022/… quy định").
_AMENDMENT_NOTE = re.compile(r"\s*\[?\d{1,3}\]?\s+(?:(?:Điều|Khoản|Điểm|Mục|Chương|Phụ lục|Cụm từ|Từ|Nội dung)\b[^\n]{0,120}?"
                             r"(?:được|bị)\s+(?:sửa\s+đổi|bổ\s+sung|bãi\s+bỏ|thay\s+thế|hết\s+hiệu\s+lực)"
                             r"|Điều\s+\d+\s+của\s+(?:Luật|Nghị\s+định|Thông\s+tư|Quyết\s+định|Nghị\s+quyết))")


def consolidated_base(doc_type: str | None, own: str | None, text: str) -> str | None:
    """The act a consolidated text (``doc_type`` "Văn bản hợp nhất") consolidates: the first act number its header
    prints other than its own; None for any other document.

    >>> consolidated_base("Văn bản hợp nhất", "4082/VBHN-BLĐTBXH", "VĂN BẢN HỢP NHẤT\\nThông tư số 06/2017/TT-BLĐTBXH"
    ...                   " ngày 08 tháng 03 năm 2017 …, được sửa đổi, bổ sung bởi Thông tư số 28/2022/TT-BLĐTBXH")
    '06/2017/TT-BLĐTBXH'
    """
    from corpus.acts import ACT_NUMBER, number_key

    if not doc_type or not _CONSOLIDATED.search(doc_type):
        return None
    own_key = number_key(own) if own else None
    for match in ACT_NUMBER.finditer(text, 0, _HEADER_REACH):
        if number_key(match.group(0)) != own_key:
            return match.group(0)
    return None
_NOTE_REACH = 800  # an article a note quotes ("… quy định như sau. “Điều 3. …") runs at most this far


def in_amendment_note(text: str, start: int) -> bool:
    """Whether the sentence at ``start`` of a consolidated text is one of its notes on an amending act, or inside the
    article such a note quotes (after the note's opening "“", before its "”").

    >>> t = "1. Thông tư này có hiệu lực.\\n15 Điều 3 của Thông tư số 28/2022/TT-BLĐTBXH quy định như sau.\\n“Điều 3.\\n2. Bãi bỏ khoản 3”"
    >>> in_amendment_note(t, t.index("2. Bãi")), in_amendment_note(t, 0), in_amendment_note(t, t.index("15 Điều"))
    (True, False, True)
    >>> t = t.replace("“Điều 3.", "“Điều 3.\\n\\nĐiều 17. Hiệu lực")
    >>> in_amendment_note(t, t.index("2. Bãi"))
    False
    """
    line = text.rfind("\n", 0, start) + 1
    if _AMENDMENT_NOTE.match(text, line):
        return True
    for note in re.finditer(r"(?m)^", text[max(0, start - _NOTE_REACH):start]):
        at = max(0, start - _NOTE_REACH) + note.start()
        if _AMENDMENT_NOTE.match(text, at):
            between = text[at:start]  # a blank line ends the note (the act's own text resumes after a page break)
            return between.rfind("“") > between.rfind("”") and not re.search(r"\n[ \t]*\n", between)
    return False


# "Điều 5.3 (được bãi bỏ)", "4.25 (được bãi bỏ)", "b)27 (được bãi bỏ)": a part a consolidated text marks repealed,
# with the number of the note saying by which act.
_REPEALED_MARK = re.compile(r"(?m)^[ \t*_]*(Điều\s+\d+[a-zđ]?|\d+|[a-zđ])[.)]?[ \t]*(\d{1,3})[ \t]*\([ \t]*được\s+bãi\s+bỏ[ \t]*\)")
_ARTICLE_LINE = re.compile(r"(?m)^[ \t*_]*Điều\s+(\d+[a-zđ]?)\.")
_CLAUSE_LINE = re.compile(r"(?m)^[ \t*_]*(\d+)\.[ \t]")


def repealed_marks(text: str) -> list[tuple[int, int, str, str]]:
    """The parts a consolidated text marks "(được bãi bỏ)", as (start, end, part as cited, its note's text): an
    article ("Điều 5"), a clause of the article above it ("khoản 4 Điều 12"), a point of the clause above it.

    >>> t = "Điều 4. Phạm vi\\n1. Nội dung.\\nĐiều 5.3 (được bãi bỏ)\\nĐiều 6. Chế độ\\n1. Một.\\n2.4 (được bãi bỏ)\\n"
    >>> t += "3 Điều này được bãi bỏ theo Thông tư số 09/2021/TT-BLĐTBXH\\n4 Khoản này được bãi bỏ theo Thông tư số 10/2022/TT-BYT\\n"
    >>> [(name, note[:30]) for _, _, name, note in repealed_marks(t)]
    [('Điều 5', '3 Điều này được bãi bỏ theo Th'), ('khoản 2 Điều 6', '4 Khoản này được bãi bỏ theo T')]
    """
    found = []
    for mark in _REPEALED_MARK.finditer(text):
        label, note_number = mark.group(1), mark.group(2)
        if label.startswith("Điều"):
            name = " ".join(label.split())
        else:
            articles = list(_ARTICLE_LINE.finditer(text, 0, mark.start()))
            article = f" Điều {articles[-1].group(1)}" if articles else ""
            if label.isdigit():
                name = f"khoản {label}{article}"
            else:
                clauses = list(_CLAUSE_LINE.finditer(text, articles[-1].end() if articles else 0, mark.start()))
                name = f"điểm {label}" + (f" khoản {clauses[-1].group(1)}" if clauses else "") + article
        note = re.compile(rf"(?m)^[ \t]*\[?{note_number}\]?[ \t]+[^\n]*?được\s+bãi\s+bỏ").search(text, mark.end())
        found.append((mark.start(), mark.end(), name, text[note.start():note.start() + 300] if note else ""))
    return found


def merge_parts(names: list[str]) -> list[str]:
    """Parts of one article or clause named together as a clerk cites them: "khoản 3, khoản 4 Điều 12".

    >>> merge_parts(["khoản 3 Điều 12", "khoản 4 Điều 12", "Điều 5", "điểm a khoản 2 Điều 6", "điểm b khoản 2 Điều 6"])
    ['khoản 3, khoản 4 Điều 12', 'Điều 5', 'điểm a, điểm b khoản 2 Điều 6']
    """
    merged: list[tuple[str, list[str]]] = []
    for name in names:
        split = re.match(r"(điểm\s+\S+|khoản\s+\S+)\s+(.+)$", name)
        head, tail = (split.group(1), split.group(2)) if split else (name, "")
        if tail and merged and merged[-1][0] == tail:
            merged[-1][1].append(head)
        else:
            merged.append((tail, [head]))
    return [", ".join(heads) + (f" {tail}" if tail else "") for tail, heads in merged]


def _names_act(note: str, number: str) -> bool:
    """Whether a note names the act ``number`` (a number key; "09/2021" without its code matches too)."""
    from corpus.acts import ACT_NUMBER, number_key

    return any(number_key(m.group(0)) == number or number_key(m.group(0)).startswith(number + "/")
               or number.startswith(number_key(m.group(0))) for m in ACT_NUMBER.finditer(note))

"""The record / citation-graph route: answers read off document records and the graph, not passages.

``DocumentRoute.answer(question)`` answers when the question names the document (by number,
"Công văn của Sở Y tế Đồng Nai", or a unique title); ``facts(question, doc_id)`` reads a
document-level fact of a document the text route retrieved.  The route is composed of its parts:
:mod:`.matcher` (which document), :mod:`.fields` (its record fields), :mod:`.facts` (facts read by the
extractors), :mod:`.graph` (the citation graph).
"""

from __future__ import annotations

import re

from corpus.acts import number_key
from corpus.vietnamese import match_key
from retriever.citations import CitationIndex
from retriever.qa import vocabulary as V
from retriever.qa.extractors.acts import (
    IMPLEMENTS_LEAD,
    REPEAL,
    LegalBasisExtractor,
    RepealsExtractor,
    asked_doer_verb,
    asks_of_procedure,
    describes_none_of,
)
from retriever.qa.extractors.dates import EffectiveDateExtractor
from retriever.qa.model import Answer
from retriever.qa.parties import (
    ASKS_EXECUTORS,
    asked_addressees,
)
from retriever.qa.question import QuestionAnalysis, QuestionKind, asks_governing_act
from retriever.qa.quotes import QuoteMaker
from retriever.qa.records.base import Subject
from retriever.qa.records.cues import (
    _DETAILS_ASKED,
    _PARTY_KINDS,
    _SIGNED_PAPER,
    _SIGNS_BY_RULE,
    DOCUMENT_KINDS,
    asks_merged_amenders,
    asks_own_number,
    asks_proposal_paper,
    asks_proposer,
)
from retriever.qa.records.facts import DocumentFacts
from retriever.qa.records.fields import RecordFields
from retriever.qa.records.graph import CitationAnswers
from retriever.qa.records.matcher import SubjectMatcher, named_types
from retriever.qa.records.text import _BASIS, _EFFECT, _IMPLEMENTS, _PREAMBLE_REACH
from retriever.qa.scoring import syllables
from retriever.qa.settings import QASettings
from retriever.qa.units import UnitIndex


class DocumentRoute(SubjectMatcher, RecordFields, DocumentFacts, CitationAnswers):
    """Answers from records and the citation graph of one loaded index."""

    def __init__(self, store, units: UnitIndex, quotes: QuoteMaker, settings: QASettings):
        self.store = store
        self.units = units
        self.quotes = quotes
        self.settings = settings
        self.citations = CitationIndex(store)
        self._issuer_words = {doc_id: syllables(d.record.issuer or "") for doc_id, d in store.documents.items()}
        self._title_words = {doc_id: set(syllables(d.record.title or "")) for doc_id, d in store.documents.items()}
        self._type_words = {doc_id: named_types(d.record, d.text) for doc_id, d in store.documents.items()}
        self._effective, self._repeals, self._basis = EffectiveDateExtractor(), RepealsExtractor(), LegalBasisExtractor()
        self._implements = LegalBasisExtractor(IMPLEMENTS_LEAD)

    def answer(self, question: QuestionAnalysis) -> Answer | None:
        """An answer when the question names its document or act and asks a record fact; else None."""
        kind = question.kind
        replaced = self.done_by_answer(question)  # "Thông tư 36/2021 đã được thay thế bởi thông tư nào?"
        if replaced is not None:
            return replaced
        if asks_merged_amenders(question):  # "Văn bản hợp nhất 57/VBHN-BCT hợp nhất những thông tư sửa đổi nào"
            subject = self.subject(question)
            merged = self.merged_amenders(question, subject.ident) if subject and subject.what == "document" else None
            if merged is not None:
                return merged
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
            if asks_governing_act(question):
                return None  # the act a transitional clause applies to the case: read in the text, not the graph
            if subject and subject.what == "document" and _DETAILS_ASKED.search(question.key):
                detailed = self.detailed_act(question, subject.ident)
                if detailed is not None:
                    return detailed
            return self._documents(question, subject) if subject else None
        if subject is None:
            # "Phiên họp lần thứ năm của Ban Chỉ đạo … diễn ra ngày nào": the meeting a notice's title names
            return self.meeting_date(question) if kind is QuestionKind.DATE and question.date_role == "event" else None
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
        if kind is QuestionKind.LEGAL_BASIS and asks_proposal_paper(question):
            # "… ban hành trên cơ sở văn bản đề nghị số mấy": the paper of the proposal line, not a "Căn cứ" act
            paper = self.proposal_paper(question, doc_id)
            if paper is not None:
                return paper
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
            # asked of an act the corpus does not hold ("Thông tư 25/2025/TT-BCT có hiệu lực từ ngày nào"), another
            # document's "Thông tư này có hiệu lực …" speaks of itself: only a sentence naming that act answers (an
            # amending act's line in a consolidated text, "… có hiệu lực kể từ ngày 13 tháng 5 năm 2025")
            answer = self._read(question, doc_id, _EFFECT, self._effective,
                                naming_only=self._asks_other_act(question, doc_id))
            return self._adoption_date(answer, doc_id) if answer is not None else None
        if kind is QuestionKind.REPEALS:
            if asked_doer_verb(question.key) is not None:
                return None  # "… bị bãi bỏ bởi văn bản nào": the act that repealed the one asked, not what this one repeals
            repealed = (self._consolidated_repeals(question, doc_id) or self._read(question, doc_id, REPEAL, self._repeals)
                        or self._graph_repeals(question, doc_id))
            if repealed is not None and not question.names_act and describes_none_of(
                    question, " ".join(q.text for q in repealed.quotes)):
                # a document found by its description whose repeal clause prints nothing of the act the question
                # describes ("bãi bỏ thông tư nào quy định khung giá …"): another document's clause answers
                return None
            return repealed
        if kind is QuestionKind.LEGAL_BASIS:
            if asks_of_procedure(question):
                return None  # "Thủ tục … căn cứ nghị định nào": the procedure's own legal basis, read in its passage
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

    def _asks_other_act(self, question: QuestionAnalysis, doc_id: str) -> bool:
        """Whether the question is about an act (named by its number) that is not ``doc_id`` nor what it consolidates."""
        subject = self.subject(question) if question.names_act else None
        if subject is None or subject.what != "act":
            return False
        own = {number_key(n) for n in self.own_numbers(doc_id)}
        return number_key(subject.ident.split("@")[0]) not in own

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

"""The document record's own fields, read off its header, preamble and closing: who signed it, who issued it,
its number, who proposed it, its issue date (or a cited act's date from a citing sentence), its addressees and
the bodies its final article charges with executing it.
"""

from __future__ import annotations

import itertools
import re

from corpus.acts import ACT_NUMBER, number_key, parse_date
from corpus.lexicon import expand_organ_abbreviations
from corpus.vietnamese import match_key
from retriever.qa.extractors.agency import agency_spans
from retriever.qa.extractors.dates import DATE_PATTERNS
from retriever.qa.model import Answer
from retriever.qa.parties import (
    addressee_names,
    read_addressees,
    read_executors,
)
from retriever.qa.question import QuestionAnalysis
from retriever.qa.records.base import RouteParts, Subject, _answer, _cut
from retriever.qa.records.cues import _ISSUER_ASKED, _OWN_NUMBER
from retriever.qa.records.text import (
    _CITED_DATE,
    _NAME_LINE,
    _SIGNER_FIELD,
    _TITLE,
    _month_iso,
    find_number,
    read_proposal_paper,
    read_proposer,
)
from retriever.qa.scoring import syllables

# The meeting a notice of conclusions reports, as its title names it ("KẾT LUẬN PHIÊN HỌP LẦN THỨ NĂM CỦA BAN CHỈ
# ĐẠO …", "… TẠI CUỘC HỌP VỀ …"), and the line opening its body with the day it was held ("Ngày 15 tháng 11 năm
# 2025, tại Trụ sở Chính phủ, Thủ tướng … chủ trì Phiên họp …").
_MEETING = re.compile(r"\b(phien hop|cuoc hop|hoi nghi|buoi lam viec|ky hop)\b")
_HELD_ON = re.compile(r"(?m)^[ \t*_]*(Ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})\s*,\s*(?:tại|\S)")
# what the question says of the meeting ends where it asks when it was held ("… diễn ra / được tổ chức vào ngày nào")
_EVENT_VERBS = re.compile(r"\b(?:da |duoc )?(?:dien ra|to chuc|khai mac|hop)(?: vao)? (?:ngay|khi|luc|thoi gian|thoi diem)"
                          r" nao\b.*$")
_MEETING_SHARE = 0.6  # of the word pairs naming the meeting in the question, this share the title prints


class RecordFields(RouteParts):
    """The fields a document prints of itself (see the module)."""

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

    def proposal_paper(self, question: QuestionAnalysis, doc_id: str) -> Answer | None:
        """The number of the paper ``doc_id`` was proposed in (:func:`read_proposal_paper`); None when its preamble
        prints no proposal line naming one."""
        text = self.store.documents[doc_id].text
        found = read_proposal_paper(text)
        if found is None:
            return None
        line, start, end = found
        return _answer(question, text[start:end], [self.quotes.at(doc_id, line, end, start, end)])

    def meeting_date(self, question: QuestionAnalysis) -> Answer | None:
        """The day a meeting was held ("Phiên họp lần thứ năm của Ban Chỉ đạo … diễn ra ngày nào?"), read off the
        notice that reports it: the one document whose title names that meeting (most of the word pairs the question
        names it by) and whose body opens with the day ("Ngày 15 tháng 11 năm 2025, tại …"); None otherwise —
        another meeting the notice only mentions is dated in its text."""
        named = _EVENT_VERBS.sub("", question.key)
        meeting = _MEETING.search(named)
        if meeting is None:
            return None
        pairs = set(itertools.pairwise(syllables(named[meeting.start():])))
        found = []
        for doc_id, stored in self.store.documents.items():
            title = match_key(stored.record.title or "")
            if meeting.group(1) not in title:
                continue
            share = len(pairs & set(itertools.pairwise(syllables(title)))) / max(1, len(pairs))
            held = _HELD_ON.search(stored.text) if share >= _MEETING_SHARE else None
            if held is not None:
                found.append((doc_id, held))
        if len(found) != 1:
            return None
        doc_id, held = found[0]
        quote = self.quotes.at(doc_id, held.start(1), held.end(1), held.start(1), held.end(1))
        return _answer(question, held.group(1), [quote])

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

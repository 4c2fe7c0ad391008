"""The question-to-record matcher: which corpus document or cited act a question names — by number, by type and
issuer ("Công văn của Sở Y tế Đồng Nai"), the act heading the clause a date is asked of — and whether the
question says more than which document it means.
"""

from __future__ import annotations

import itertools
import re

from corpus.acts import ACT_NUMBER, act_matches, number_key, parse_act_query
from corpus.lexicon import expand_organ_abbreviations
from corpus.vietnamese import match_key
from retriever.qa import vocabulary as V
from retriever.qa.question import QuestionAnalysis
from retriever.qa.records.base import RouteParts, Subject, _pairs
from retriever.qa.records.consolidated import consolidated_type
from retriever.qa.records.cues import (
    _CLAUSE_HEAD,
    _DATE_QUESTION_WORDS,
    _DOCUMENT_WORDS,
    _HEAD_NUMBER_WORDS,
    _PLACE_WORDS,
    _UNTYPED_DOCUMENT_WORDS,
)
from retriever.qa.scoring import syllables

# A type word followed by the question word ("thông tư nào của Bộ Y tế", "quyết định gì") names the act the question
# asks for; the issuer after it is that act's, not the issuer of a document the question is about.
_ASKED_ACT_AFTER = re.compile(r"\s+(?:nao|gi)\b")


def named_types(record, text: str) -> set[str]:
    """The type words (match keys) a question may name a document by: its own, and for a consolidated text the type
    of the act it consolidates (the "Thông tư … của Bộ Công Thương" its header prints)."""
    consolidated = consolidated_type(record.type, record.number, text)
    return {match_key(t) for t in (record.type, consolidated) if t}


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


class SubjectMatcher(RouteParts):
    """Which document or act a question names (see the module)."""

    def _type_agrees(self, question: QuestionAnalysis, doc_id: str) -> bool:
        """Whether the act types the question names (if any) include ``doc_id``'s own type."""
        named = {m.group(1) for m in _DOCUMENT_WORDS.finditer(question.key)} - _UNTYPED_DOCUMENT_WORDS
        return not named or match_key(self.store.documents[doc_id].record.type or "") in named

    def subject(self, question: QuestionAnalysis) -> Subject | None:
        """The corpus document or the act the question is about, else None.

        The first act phrase decides: "Công văn 6052/UBND-VX …" names an act by number;
        "Công văn của UBND quận Kiến An …" names a corpus document by type and issuer.
        """
        text, key = question.text, match_key(question.text)
        numbers = list(ACT_NUMBER.finditer(text))
        for phrase in _DOCUMENT_WORDS.finditer(key):
            after = key[phrase.end():]
            if _ASKED_ACT_AFTER.match(after):
                continue  # "… dựa trên quyết định nào của Bộ trưởng Bộ Quốc phòng": the act asked, not the one named
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
        words: set[str] = set()
        for number in ACT_NUMBER.finditer(question.text):
            words.update(syllables(number.group(0)))
            before = match_key(question.text[max(0, number.start() - 40):number.start()])
            typed = re.search(rf"({V.ACT_TYPE_KEYS}|van ban)\s+(?:so\s+)?$", before)
            if typed:
                words.update(typed.group(1).split())
        return frozenset(words)

    def _resolve(self, text: str) -> Subject | None:
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
            if type_key != "van ban" and type_key in self._type_words[doc_id]:
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

"""Reading a "what"/"list" answer off a chosen unit: which part of it answers, and its quote.

``WhatReader.read(question, cand, weights)`` tries, in order: the title of the part naming an item's class
("… thuộc độ mật nào?"), the words quoted for a motto asked by name, the items after the unit's colon or
after the noun the question lists, the points a heading restating the question leads, the negation phrase
of a yes/no question, a footnote listing which; else the part of the clause that answers
(``WhatReader.read_clause``: ``clauses.clause_window``, and the consequence of a case the question supposes).
A typed question whose extractor found nothing is answered with ``read_clause`` too.
"""

from __future__ import annotations

import re

from retriever.qa import vocabulary as V
from retriever.qa.clauses import (
    actor_words,
    answer_frame,
    answered_in,
    asks_consequence,
    asks_purpose,
    class_title,
    class_words,
    clause_window,
    footnote,
    goal_words,
    items_follow_frame,
    purpose_clause,
)
from retriever.qa.extractors import Context
from retriever.qa.extractors.lists import (
    ListExtractor,
    items_after_noun,
    verb_leads_items,
)
from retriever.qa.model import Candidate, Quote
from retriever.qa.polarity import asked_predicate, polarity_span
from retriever.qa.question import QuestionAnalysis, QuestionKind
from retriever.qa.quotes import QuoteMaker
from retriever.qa.scoring import syllables
from retriever.qa.settings import QASettings
from retriever.qa.units import UnitIndex

_LEAD_LABEL = re.compile(V.LEAD_LABEL)
# "… thì …": the sentence's consequence follows its condition (clauses.py cuts clauses there too)
_THEN = re.compile(r"\s(thì)\s")
# a clause ends at ";" or a sentence's end: a "thì" past it belongs to another clause
_CLAUSE_STOP = re.compile(r";|\.\s")
# the question asks the case itself ("trong trường hợp nào", "khi nào", "điều kiện gì"): the condition answers
ASKS_CASE = re.compile(r"\b(?:truong hop|khi|luc|dieu kien|hoan canh)\s+(?:nao|gi)\b|\bbao gio\b")

# w96: a question asking for a motto, a spirit, a saying or a phrase by name ("theo phương châm gì", "với tinh thần
# nào", "dùng câu nào", "thay cụm từ nào") is answered by the words the text prints between quotation marks.
_ASKS_QUOTED = re.compile(r"\b(?:phuong cham|tinh than|khau hieu|thong diep|cau|cum tu)\s+(?:nao|gi)\b")
_QUOTED = re.compile(r"[“\"]\**([^“”\"]{3,150}?)\**[”\"]")
_QUOTE_LEAD = 80  # characters before a quotation read for the question's words


def quoted_answer(question: QuestionAnalysis, text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the quoted words answering a question asking for a motto/saying by name are printed in
    ``text[start:end]`` (the inside of the quotation marks): of several quotations, the one the question's own
    words lead into ("… kịp thời hỗ trợ các địa phương bị bão lũ … tinh thần “một miếng khi đói …”"); or None.

    >>> from retriever.qa.question import analyze_question
    >>> q = analyze_question("Các công trường phải theo phương châm gì để bảo đảm an toàn?")
    >>> t = "Bố trí lực lượng ứng trực theo phương châm “bốn tại chỗ” đảm bảo an toàn cho người."
    >>> s, e = quoted_answer(q, t, 0, len(t)); t[s:e]
    'bốn tại chỗ'
    """
    if question.yes_no or not _ASKS_QUOTED.search(question.key):
        return None
    asked = set(question.syllables)
    best, best_share = None, -1.0
    for found in _QUOTED.finditer(text, start, end):
        lead = [w for w in syllables(text[max(start, found.start() - _QUOTE_LEAD):found.start()])
                if w not in V.STOPWORDS]
        share = sum(w in asked for w in lead) / len(lead) if lead else 0.0
        if share > best_share:
            best, best_share = found.span(1), share
    return best


class WhatReader:
    """Reads the answer of a "what"/"list" question (or an untyped clause) off one candidate unit."""

    def __init__(self, store, units: UnitIndex, quotes: QuoteMaker, settings: QASettings):
        self.store = store
        self.units = units
        self.quotes = quotes
        self.settings = settings
        self._lists = ListExtractor()

    def _context(self, weights: dict[str, float]) -> Context:
        return Context(self.store, self.units, weights, self.settings)

    def read(self, question: QuestionAnalysis, cand: Candidate, weights: dict[str, float]) -> tuple[str, Quote]:
        """The answer a "what"/"list" question reads off ``cand``: the items after its colon, the clause's
        negation phrase (yes/no questions), or the part of its clause that answers; and its quote."""
        classed = self.class_heading(question, cand)
        if classed is not None:  # "… thuộc độ mật nào?": the title of the part listing the item names its class
            start, end = classed
            return self.store.documents[cand.unit.doc_id].text[start:end], self.quotes.at(
                cand.unit.doc_id, start, end, start, end)
        text = self.store.documents[cand.unit.doc_id].text
        quoted = quoted_answer(question, text, cand.unit.start, cand.unit.end)
        if quoted is not None:  # "… với tinh thần nào?" read off "… với tinh thần “quyết tâm cao, …”, … sau:"
            return text[quoted[0]:quoted[1]], self.quotes.quote(cand.unit, cand.score, *quoted)
        listed = self._lists.extract(question, cand.unit, self._context(weights))
        if listed is not None and listed.quote_end is not None and not self.answered_before_colon(question, cand):
            # "…như sau:" — the items are the answer
            return listed.text, self.quotes.quote(cand.unit, cand.score, listed.start, listed.end,
                                                  listed.quote_start, listed.quote_end)
        text = self.store.documents[cand.unit.doc_id].text
        if listed is not None and ((question.list_noun and items_follow_frame(
                text, cand.unit.start, listed.start, answer_frame(question.key)))
                or verb_leads_items(question, text, listed.start)):
            # "… trong những việc gì?" read off "… phối hợp với cơ quan Thuế trong các nội dung: A; B; C"
            return listed.text, self.quotes.quote(cand.unit, cand.score, listed.start, listed.end)
        named = items_after_noun(question, text, cand.unit.start, cand.unit.end) \
            if question.kind is QuestionKind.LIST and (listed is None or listed.quote_end is None) else None
        if named is not None:  # "… 3 trụ cột chống dịch là xét nghiệm, cách ly, điều trị" for "những trụ cột nào"
            start, end = named
            if end - start > self.settings.what_max_chars:
                cut = text.rfind(",", start, start + self.settings.what_max_chars)
                end = cut if cut > start else start + self.settings.what_max_chars
            return text[start:end], self.quotes.quote(cand.unit, cand.score, start, end)
        heads = self._lists.heading_items(question, cand.unit, self._context(weights)) if listed is None else None
        if heads is not None:  # "a) Hình thức khen thưởng" restating the question: the points it heads answer
            return heads.text, self.quotes.quote(cand.unit, cand.score, heads.start, heads.end,
                                                 heads.quote_start, heads.quote_end)
        whole = self.clause(cand, weights, limit=0)
        phrase = polarity_span(text, *whole, self.settings.yes_no_max_chars,
                               asked_predicate(question.key), question.key) if question.yes_no else None
        start, end = phrase or self.read_clause(question, cand, weights)
        note = footnote(text, start, end, self.settings.what_max_chars) if question.kind is QuestionKind.WHAT \
            and not question.yes_no and re.search(r"\bnao\b", question.key) else None
        if note is not None:  # "… chưa được các địa phương rà soát, báo cáo[4]": the note lists which
            return text[note[0]:note[1]], self.quotes.at(cand.unit.doc_id, *note, *note)
        return text[start:end], self.quotes.quote(cand.unit, cand.score, start, end)

    def class_heading(self, question: QuestionAnalysis, cand: Candidate) -> tuple[int, int] | None:
        """Where the title naming the class of ``cand``'s item is printed, for a question asking which class an
        item belongs to (``clauses.class_words``, ``clauses.class_title``), or None."""
        wanted = class_words(question.key)
        if not wanted or question.kind is not QuestionKind.WHAT:
            return None
        nodes = [n for n in self.units.heading_nodes(cand.unit.doc_id, cand.unit.start) if n.start < cand.unit.start]
        index = class_title([n.title for n in nodes], wanted, set(question.syllables))
        if index is None:
            return None
        node = nodes[index]
        text = self.store.documents[cand.unit.doc_id].text
        printed = re.compile(r"\W+".join(re.escape(w) for w in re.findall(r"\w+", node.title)))
        found = printed.search(text, node.start, min(node.end, node.start + 3 * len(node.title) + 40))
        return (found.start(), found.end()) if found else None

    def answered_before_colon(self, question: QuestionAnalysis, cand: Candidate) -> bool:
        """A "what" question whose words before its slot the lead sentence prints with more after them
        ("… nhằm chào mừng sự kiện nào?" read off "Thiết thực lập thành tích chào mừng Đại hội lần thứ XIV …,
        Thủ tướng yêu cầu … sau:"): the sentence answers, not the items after its colon."""
        if question.kind is not QuestionKind.WHAT:
            return False
        return answered_in(self.store.documents[cand.unit.doc_id].text, cand.unit.start, cand.unit.end,
                           answer_frame(question.key))

    def clause(self, cand: Candidate, weights: dict[str, float], goal: frozenset[str] = frozenset(),
               limit: int | None = None, actors: frozenset[str] = frozenset(),
               frame: tuple[str, ...] = (), condition: bool = False) -> tuple[int, int]:
        """The 'what' answer: the unit without its leading label, cut to its best window when long
        (``clauses.clause_window``: a run of the clause's parts, at most ``what_max_chars`` long)."""
        text = self.store.documents[cand.unit.doc_id].text
        start, end = cand.unit.start, cand.unit.end
        lead = _LEAD_LABEL.match(text[start:end])
        if lead and lead.end() < end - start:
            start += lead.end()
        limit = self.settings.what_max_chars if limit is None else limit
        return clause_window(text, start, end, weights, limit, goal=goal, actors=actors, frame=frame,
                             coefficients=self.settings.what_window_coefficients, condition=condition)

    def read_clause(self, question: QuestionAnalysis, cand: Candidate, weights: dict[str, float]) -> tuple[int, int]:
        """The part of ``cand``'s clause that answers (``clauses.clause_window`` with the question's goal,
        bodies and slot frame); the consequence when that part is the condition the question supposes
        (:meth:`consequence`)."""
        goal, actors, frame = goal_words(question.text), actor_words(question.text), answer_frame(question.key)
        start, end = self.clause(cand, weights, goal, actors=actors, frame=frame,
                                 condition=asks_consequence(question.text))
        return self.consequence(question, cand, start, end, weights, goal, actors, frame) \
            or self.purpose(question, cand, start, end) or (start, end)

    def purpose(self, question: QuestionAnalysis, cand: Candidate, start: int, end: int) -> tuple[int, int] | None:
        """What a sum or a measure is for, when the question asks it ("… được dùng để làm những việc gì?") and the
        window ``start:end`` stops short of the sentence's "để"/"nhằm": the purpose clause after it, read from its
        verb on (a long one cut at its last comma that fits: the tasks come first, what they serve after them).
        None when the window already holds a purpose clause or the sentence states none."""
        if not asks_purpose(question.key) or question.yes_no:
            return None
        text = self.store.documents[cand.unit.doc_id].text
        if purpose_clause(text, start, end) is not None:
            return None
        found = purpose_clause(text, end, cand.unit.end)
        if found is None:
            return None
        begin, finish = found
        limit = self.settings.what_max_chars
        if finish - begin > limit:
            cut = text.rfind(", ", begin, begin + limit)
            cut = cut if cut > begin else text.rfind(" ", begin, begin + limit)
            finish = cut if cut > begin else begin + limit
        return begin, finish

    def consequence(self, question: QuestionAnalysis, cand: Candidate, start: int, end: int,
                    weights: dict[str, float], goal: frozenset[str], actors: frozenset[str],
                    frame: tuple[str, ...]) -> tuple[int, int] | None:
        """The consequence of "<condition> thì <consequence>" when the window ``start:end`` lies in the condition:
        the question's words met there because the question supposes that case ("Khi dữ liệu … đã liên thông …,
        có còn bắt nộp … không?" over "Trường hợp cơ sở dữ liệu … kết nối … thì Cơ quan đăng ký … có trách nhiệm
        khai thác …"), and what it does not already say follows the sentence's "thì".  None when the question asks
        the case itself ("trường hợp nào", "khi nào"), or no "thì" of the same clause follows the window."""
        if ASKS_CASE.search(question.key):
            return None
        text = self.store.documents[cand.unit.doc_id].text
        if _THEN.search(text, start, end):
            return None  # the window already reaches into a consequence
        then = _THEN.search(text, end - 1, cand.unit.end)
        if then is None or _CLAUSE_STOP.search(text, end, then.start()):
            return None  # no "thì" after the window, or the window's clause ends before it
        after = then.end(1)
        limit = self.settings.what_max_chars
        return clause_window(text, after, cand.unit.end, weights, limit, goal=goal, actors=actors, frame=frame,
                             coefficients=self.settings.what_window_coefficients)

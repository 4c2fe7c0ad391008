"""Which unit a clause answer is read from: a "what"/"list" question's, or a typed question's whose extractor
found nothing.

``WhatUnitChoice.framed(question, retrieval)``: a near unit printing the question's year or its words right
before the asked slot, or stating a value for the asked phrase; else the best by the "what" ranker
(``ranking.option_score`` with ``what_ranker_coefficients``), labels restating the question and document
chrome last; then the near unit naming the case supposed, the source of funds or the goal asked, the
negation for yes/no, or the unit telling the slot (``clauses``, ``polarity``).
``WhatUnitChoice.fallback(question, retrieval)``: the best unit, unless it restates the request its letter
answers.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from retriever.qa.choice import Option, Proposer, asked_words
from retriever.qa.clauses import (
    anchor_at,
    answer_frame,
    asks_consequence,
    asks_funding,
    asks_goal,
    case_unit,
    framed_unit,
    funding_unit,
    goal_unit,
    names_funding,
    slot_frame,
    states_goal,
    stating_unit,
    telling_unit,
)
from retriever.qa.model import Candidate, Retrieval
from retriever.qa.polarity import polar_unit
from retriever.qa.question import QuestionAnalysis
from retriever.qa.ranking import echo, is_chrome, option_score
from retriever.qa.settings import QASettings
from retriever.qa.what import ASKS_CASE

# w96: a question that opens on a year ("Năm 2026, tiền chi … lấy từ nguồn nào?") asks the case of that year; a
# year further on qualifies a noun ("nhiệm vụ hợp tác năm 2024", "quỹ BHTN năm 2021", "chỉ đạo … năm 2026"): it
# names the plan or period the whole document is about, so a sentence repeating it is no likelier the answer.
_FRAME_ROOM = 10  # characters a unit prints after the question's slot frame: room for the value asked
_YEAR_LEADS = re.compile(r"^(?:(?:trong|den|tu|vao|cuoi|dau|het) )?nam (?:19|20)\d\d\b")


def case_years(question: QuestionAnalysis) -> tuple[str, ...]:
    """The years a "what" answer must print: those of a question opening on its year (``_YEAR_LEADS``), else none.

    >>> from retriever.qa.question import analyze_question
    >>> case_years(analyze_question("Năm 2026, tiền chi cho dự án lấy từ nguồn nào?"))
    ('2026',)
    >>> case_years(analyze_question("Mục tiêu của nhiệm vụ hợp tác năm 2024 là gì?"))
    ()
    """
    return question.target_years if _YEAR_LEADS.search(question.key) else ()


def prints_frame(text: str, start: int, end: int, frame: tuple[str, ...]) -> bool:
    """Whether ``text[start:end]`` prints the whole ``frame`` (the words right before the question's slot) in a
    row with room for a value after them.

    >>> t = "a) Trực tuyến qua ứng dụng Bảo hiểm xã hội số (VssID)."
    >>> prints_frame(t, 0, len(t), ("ung", "dung")), prints_frame(t, 0, t.index(" Bảo"), ("ung", "dung"))
    (True, False)
    >>> t = "Thời gian đóng BHTN chưa hưởng (Tổng số tháng)"
    >>> prints_frame(t, 0, len(t), ("ung", "dung"))
    False
    """
    if not frame:
        return False
    at = anchor_at(text, start, end, frame, whole=True)[0]
    return at is not None and end - at >= _FRAME_ROOM


def framed_options(options: list[Option], best: Candidate, text_of: Callable[[Candidate], str],
                   frame: tuple[str, ...]) -> list[Option]:
    """The "what" options the ranker weighs: when the best unit prints the words right before the asked slot
    with a value after them, those printing them too (a clerk reads on where the question's words lead into
    the value, "… trực tuyến qua ứng dụng VssID", not a table header or a sentence that merely shares the
    subject); all of them otherwise, or when only the best does."""
    def framed(cand: Candidate) -> bool:
        return prints_frame(text_of(cand), cand.unit.start, cand.unit.end, frame)

    if not framed(best):
        return options
    return [o for o in options if framed(o.cand)] or options


def supposes_case(question: QuestionAnalysis) -> bool:
    """Whether a "what" question supposes a case and asks what follows from it ("… không gửi đúng hạn thì sẽ
    ra sao?"), not the case itself ("trong trường hợp nào") nor yes or no."""
    return asks_consequence(question.text) and not question.yes_no and not ASKS_CASE.search(question.key)


class WhatUnitChoice:
    """Chooses the candidate unit a clause answer is read from."""

    def __init__(self, proposer: Proposer, settings: QASettings):
        self.proposer = proposer  # the "what" options and the units read last (``Proposer.skips_framing``)
        self.settings = settings

    def _text_of(self, cand: Candidate) -> str:
        return self.proposer.store.documents[cand.unit.doc_id].text

    def framed(self, question: QuestionAnalysis, retrieval: Retrieval) -> Candidate:
        """The unit a "what"/"list" answer is read from: a near unit printing the question's year or its words
        right before its slot when the best does not (``clauses.framed_unit``); else the best of the units
        within ``candidate_window`` by ``ranking.option_score`` (``what_ranker_coefficients``), those that only
        repeat the question's words (``ranking.echo`` ≥ ``what_echo_max``: a label such as "8. Bảo hiểm xã
        hội tỉnh") last."""
        text_of, skips_framing = self._text_of, self.proposer.skips_framing
        candidates = retrieval.candidates
        framed = framed_unit(candidates, text_of, slot_frame(question.key), self.settings.framed_window,
                             case_years(question))
        funds = asks_funding(question.key) and not question.yes_no and self.settings.funding_window > 0
        goal = asks_goal(question.key) and not question.yes_no and self.settings.goal_window > 0

        def misses_asked(cand: Candidate) -> bool:
            """A unit naming no source of funds does not say where money comes from, nor one stating no purpose
            what a task aims at: the year or frame words it prints do not make it the answer."""
            if goal and not states_goal(text_of(cand), cand.unit.start, cand.unit.end, explicit=False):
                return True
            return funds and not names_funding(text_of(cand), cand.unit.start, cand.unit.end)

        if framed is not candidates[0] and not skips_framing(framed, question) and not misses_asked(framed):
            return framed
        stated = stating_unit(candidates, text_of, answer_frame(question.key), self.settings.what_stated_window)
        if stated is not None and not skips_framing(stated, question) and not misses_asked(stated):
            return stated
        coefficients = self.settings.what_ranker_coefficients
        asked = asked_words(question, retrieval)

        def order(option: Option) -> tuple:
            body = text_of(option.cand)[option.cand.unit.start:option.cand.unit.end]
            # a label restating the question, or document chrome (motto, "Nơi nhận", "… biết, thực hiện./."), read last
            label = echo(body, asked) >= self.settings.what_echo_max or is_chrome(body) \
                or skips_framing(option.cand, question)
            return label, -option_score(option.features, coefficients) if coefficients else 0.0, option.order

        scanned = self.proposer.what_options(question, retrieval)
        options = framed_options(scanned, candidates[0], text_of, slot_frame(question.key))
        chosen = min(options, key=order).cand
        # w104: the near sentence naming the case ("<case> thì … ra sao?") or a source of funds ("tiền … lấy từ
        # đâu?") answers; it need not print the question's frame words ("Sau thời hạn nêu trên, nếu …")
        ranked = [option.cand for option in sorted(options, key=order)]
        ranked += [option.cand for option in sorted(scanned, key=order) if option.cand not in ranked]
        if supposes_case(question):
            chosen = case_unit(candidates, text_of, ranked, self.settings.case_window, asked)
        elif funds:
            chosen = funding_unit(candidates, text_of, ranked, self.settings.funding_window)
        elif goal:
            chosen = goal_unit(candidates, text_of, chosen, ranked, self.settings.goal_window)
        if question.yes_no:  # w64: the near unit stating the negation/restriction answers a yes/no question
            return polar_unit(candidates, text_of, chosen, self.settings.yes_no_window)
        return telling_unit(candidates, text_of, chosen, answer_frame(question.key), retrieval.weights,
                            self.settings.telling_window)

    def fallback(self, question: QuestionAnalysis, retrieval: Retrieval) -> Candidate:
        """The unit a typed question whose extractor found nothing reads its clause off: the best, unless it
        restates the request its letter answers (a reply's opener, ``Proposer.skips_framing``) and a unit within
        ``candidate_window`` of it does not.  (Taking the unit a "what" answer reads, :meth:`framed`, instead
        answered the same tuning questions.)"""
        candidates = retrieval.candidates
        best = candidates[0]
        if not self.proposer.skips_framing(best, question):
            return best
        window = self.settings.candidate_window
        return next((c for c in candidates[1:] if c.score >= best.score - window
                     and not self.proposer.skips_framing(c, question)), best)

"""The typed choice: each extractor's span in the best units as an :class:`Option`, and the one answered with.

``Proposer.proposals(question, retrieval)`` runs the question kind's extractor (its plainer kind's,
``extractors.FALLBACK``, when it finds nothing) over the units the window scans and describes every span for
the ranker (``ranking.option_features``); ``Proposer.what_options`` does the same with the whole unit as the
span, for "what" questions.  ``TypedChoice.choose`` picks the answer among the proposals (a span the question
names, a reply's opener restating the request, a figure restating the question's own read last; then
``ranking.option_score``), and the plain choice (unit score + span confidence) abstention reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from corpus.vietnamese import match_key
from retriever.qa.extractors import FALLBACK, Context
from retriever.qa.extractors.agency import printed_together
from retriever.qa.model import Candidate, Retrieval, Span, Unit
from retriever.qa.question import QuestionAnalysis, QuestionKind
from retriever.qa.ranking import (
    ECHO_KINDS,
    echo,
    option_features,
    option_score,
    restates_request,
)
from retriever.qa.scoring import syllables
from retriever.qa.settings import QASettings
from retriever.qa.units import UnitIndex


@dataclass
class Option:
    """The extractor's span in one candidate unit, with what the unit-choice compares."""

    cand: Candidate
    span: Span
    order: int  # the unit's place among the candidates
    in_window: bool  # among the units today's window scans
    baseline: float = 0.0  # unit score + span confidence
    features: list[float] = field(default_factory=list)  # ranking.FEATURES


Found = tuple[Candidate, Span] | None

# The kinds answered by a figure, a date or a time span, and a figure as the question analysis reads numbers.
_FIGURE_KINDS = (QuestionKind.DEADLINE, QuestionKind.DATE, QuestionKind.NUMBER, QuestionKind.AMOUNT)
_FIGURE = re.compile(r"\d+(?:[.,]\d+)?")


def asked_words(question: QuestionAnalysis, retrieval: Retrieval) -> set[str]:
    """Every syllable the question prints, with its abbreviations' expansions ("BHXH": "bảo hiểm xã hội")."""
    expansions = retrieval.result.analysis.expansions if retrieval.result.analysis else []
    return set(question.syllables).union(*(syllables(e) for e in expansions))


def restates_figure(span: str, question: QuestionAnalysis) -> bool:
    """Whether a figure, date or time span only restates what the question says of its case ("thủ tục … cho sĩ
    quan có đủ 15 năm phục vụ … giải quyết trong bao lâu?" read off "… có đủ 15 năm phục vụ …"): every number
    it prints the question prints, so it is the case the question supposes, not what it asks."""
    if question.kind not in _FIGURE_KINDS:
        return False
    figures = set(_FIGURE.findall(re.sub(r"[^\w/%-]+", " ", match_key(span))))  # read as the question's numbers
    return bool(figures) and figures <= question.numbers


class Proposer:
    """The proposals of the best units of one retrieval, described for ``ranking.option_features``."""

    def __init__(self, store, units: UnitIndex, extractors: dict, settings: QASettings):
        self.store = store
        self.units = units
        self.extractors = extractors
        self.settings = settings

    def context(self, weights: dict[str, float]) -> Context:
        """What an extractor may look at, for a question of these word weights."""
        return Context(self.store, self.units, weights, self.settings)

    def skips_framing(self, cand: Candidate, question: QuestionAnalysis) -> bool:
        """Whether ``cand`` restates the request its letter answers, for this question, and such units are read
        last (``request_read_last``; ``ranking.restates_request``)."""
        if not self.settings.request_read_last:
            return False
        text = self.store.documents[cand.unit.doc_id].text
        return restates_request(text[cand.unit.start:cand.unit.end], question.key)

    def proposals(self, question: QuestionAnalysis, retrieval: Retrieval, scan: int | None = None,
                  features: bool = True) -> list[Option]:
        """The extractor's span in each of the best units, described for :func:`ranking.option_features`.

        ``scan``: look at this many units whatever their score (``in_window`` says which today's window
        holds); by default the ``candidates_scanned`` best within ``candidate_window`` of the best.
        ``features=False`` leaves the ranker's features out (answering with the ranker off needs none).
        """
        options = self._proposals_of(question.kind, question, retrieval, scan)
        if not any(o.in_window for o in options) and question.kind in FALLBACK:
            options = [replace(o, span=replace(o.span, confidence=o.span.confidence + self.settings.fallback_penalty))
                       for o in self._proposals_of(FALLBACK[question.kind], question, retrieval, scan)]
        if not options:
            return []
        self._describe(question, retrieval, options, features)
        return options

    def what_options(self, question: QuestionAnalysis, retrieval: Retrieval, scan: int | None = None) -> list[Option]:
        """The best units as "what" proposals (the whole unit as the span), described for ranking."""
        options = [Option(cand, Span(cand.unit.start, cand.unit.end, 0.0), order, in_window)
                   for order, cand, in_window in self.scanned(retrieval, scan)]
        self._describe(question, retrieval, options)
        return options

    def scanned(self, retrieval: Retrieval, scan: int | None) -> Iterator[tuple[int, Candidate, bool]]:
        """(order, candidate, in window) of the units an extractor reads: the ``candidates_scanned`` best scoring
        within ``candidate_window`` of the best; with ``scan`` (fitting the ranker) the first ``scan`` whatever
        their score, each marked whether it is in that window."""
        best_score = retrieval.candidates[0].score
        for order, cand in enumerate(retrieval.candidates[: scan or self.settings.candidates_scanned]):
            in_window = order < self.settings.candidates_scanned and (
                cand.score >= best_score - self.settings.candidate_window)
            if not in_window and scan is None:
                break
            yield order, cand, in_window

    def _proposals_of(self, kind: QuestionKind, question: QuestionAnalysis, retrieval: Retrieval,
                      scan: int | None) -> list[Option]:
        extractor = self.extractors.get(kind)
        if extractor is None or not retrieval.candidates:
            return []
        context = self.context(retrieval.weights)
        options = []
        for order, cand, in_window in self.scanned(retrieval, scan):
            span = extractor.extract(question, cand.unit, context)
            if span is not None:
                options.append(Option(cand, span, order, in_window))
        return options

    def _describe(self, question: QuestionAnalysis, retrieval: Retrieval, options: list[Option],
                  features: bool = True) -> None:
        """Each option's baseline (unit score + span confidence) and, with ``features``, its ranker features."""
        best_score = retrieval.candidates[0].score
        top_hit = retrieval.result.hits[0].score if retrieval.result.hits else 0.0
        context = self.context(retrieval.weights)
        passages: dict[int, frozenset[str]] = {}  # chunk row -> the syllables of the passage
        for option in options:
            cand, span = option.cand, option.span
            option.baseline = cand.score + span.confidence
            if features:
                row = cand.unit.chunk_row
                if row not in passages:
                    passages[row] = self.units.passage_words(row)
                option.features = option_features(cand, span, text=self.store.documents[cand.unit.doc_id].text,
                                                  best_score=best_score, weights=retrieval.weights,
                                                  doc_words=self.units.record_words[cand.unit.doc_id],
                                                  lead=self._lead(context, cand.unit), top_hit=top_hit,
                                                  heading_words=self.units.heading_words[row] if row >= 0 else frozenset(),
                                                  passage_words=passages[row])

    def _lead(self, context: Context, unit: Unit) -> str:
        """What ``unit`` is read with: the sentence it continues (``Context.lead``), else the opening sentence of
        the point it is a later sentence of (``UnitIndex.item_opening``: its subject is named there)."""
        lead = context.lead(unit)
        if lead:
            return lead
        opening = self.units.item_opening(unit)
        return self.store.documents[unit.doc_id].text[opening[0]:opening[1]] + " " if opening else ""


class TypedChoice:
    """The answer among a typed question's proposals, as the ranker chooses, and the plain choice."""

    def __init__(self, proposer: Proposer, settings: QASettings):
        self.proposer = proposer
        self.settings = settings

    def choose(self, question: QuestionAnalysis, retrieval: Retrieval) -> tuple[Found, Found]:
        """The best (candidate, span) of the question's kind among the best units, or None — as the ranker
        chooses (the answer) and as the unit score plus span confidence chooses (what abstention reads).

        When the kind's own extractor finds nothing, its plainer kind's (``FALLBACK``) tries.
        The proposals are compared by ``ranking.option_score`` when ``ranker_coefficients`` are set.
        The abstention signals keep reading the plain choice: they were set on it, and the ranker
        prefers the top passage, which would make "a typed answer in the top passage" rescue more
        out-of-corpus questions.
        """
        coefficients = self.settings.ranker_coefficients
        options = [o for o in self.proposer.proposals(question, retrieval, features=bool(coefficients)) if o.in_window]
        if not options:
            return None, None
        plain = max(options, key=lambda o: (o.baseline, -o.order))
        named = question.kind.value in ECHO_KINDS
        asked = asked_words(question, retrieval)

        def key(option: Option) -> tuple:
            # a body the question itself names ("Sở Văn hóa … phối hợp với những tổ chức nào?") is its subject
            echoed = named and echo(option.span.text, asked) >= self.settings.echo_max \
                and printed_together(option.span.text, question)  # its words printed together, not scattered
            # w98: a reply's opener restating the request answers nothing the question asks
            restated = self.proposer.skips_framing(option.cand, question)
            score = option_score(option.features, coefficients) if coefficients else option.baseline
            return not echoed, not restated, not restates_figure(option.span.text, question), score, -option.order

        best = max(options, key=key)
        return (best.cand, best.span), (plain.cand, plain.span)

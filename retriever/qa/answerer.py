"""The orchestrator: question → record route or passages → typed span or clause → quotes, or abstention.

``Answerer.ask(question)`` step by step:

1. Read the question: its kind and details (``question.analyze_question``).
2. Record route: a fact of a named document or act read off the records and the citation graph
   (``records.DocumentRoute.answer``).  When it answers, that is the answer.
3. Retrieve (:meth:`Answerer.retrieve`): hybrid search (restricted to the document the question names),
   the hits cut into units (``units.UnitIndex``) and ranked (``scoring.rank_units``); units of another
   province's documents dropped when others remain (``places.PlaceIndex``).
4. Typed choice (``choice.TypedChoice``): the kind's extractor (``extractors/``) proposes a span in each
   of the best units (``choice.Proposer``); the ranker picks the answer, the plain score what abstention reads.
5. Abstain or not: the signals of the retrieval (``signals.SignalReader``) decided by
   ``abstention.abstention_reasons``.
6. A fact of a whole document (signer, effective date, its own number …): read off the document the question
   identifies (``records.DocumentRoute.facts``).
7. The answer: the typed span; else, for "what"/"list", the unit ``what_unit.WhatUnitChoice.framed`` chooses,
   read by ``what.WhatReader.read``; else the clause of ``WhatUnitChoice.fallback``'s unit
   (``WhatReader.read_clause``).
8. Quotes: the answer's, then other units scoring near (``quotes.QuoteMaker.add_near``); an optional
   generator rewords the extractive answer.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from corpus.errors import UserError
from corpus.vietnamese import nfc
from index.unit_vectors import unit_vectors_of
from index.word_tables import word_indexes
from retriever.qa.abstention import abstention_reasons
from retriever.qa.choice import Option, Proposer, TypedChoice, asked_words
from retriever.qa.extractors import default_extractors
from retriever.qa.model import Answer, Candidate, Quote, Retrieval, Span
from retriever.qa.places import PlaceIndex
from retriever.qa.question import QuestionAnalysis, QuestionKind, analyze_question
from retriever.qa.quotes import QuoteMaker
from retriever.qa.records import DocumentRoute, asks_within_named_act
from retriever.qa.scoring import TermWeights, rank_units
from retriever.qa.settings import QA, QASettings
from retriever.qa.signals import SignalReader, asks_document_fact
from retriever.qa.units import UnitIndex
from retriever.qa.what import WhatReader
from retriever.qa.what_unit import WhatUnitChoice
from retriever.search import HybridSearcher, SearchFilters

__all__ = ["ABSTAIN_MESSAGE", "Answerer", "Retrieval"]

ABSTAIN_MESSAGE = (
    "Không tìm thấy nội dung liên quan trong các văn bản đã lập chỉ mục "
    "(nothing relevant was found in the indexed documents)."
)


class Answerer:
    """Answers questions over one loaded index; everything it reads is built here, at load."""

    def __init__(self, searcher: HybridSearcher, generator=None, settings: QASettings = QA):
        self.searcher = searcher
        self.store = searcher.store
        self.generator = generator
        self.settings = settings
        self.units = UnitIndex(self.store)
        self.terms = TermWeights(self.store.chunks)
        # saved with the index (index.word_tables), counted from the documents when it holds none
        self.names, self.topics, self.salience = word_indexes(self.store)
        self.places = PlaceIndex(self.store.documents)
        # the units' embeddings saved with the index (index.unit_vectors); None: the dense unit feature is 0
        self.unit_vectors = unit_vectors_of(self.store, self.units)
        self.quotes = QuoteMaker(self.store, self.units)
        self.records = DocumentRoute(self.store, self.units, self.quotes, settings)
        self.extractors = default_extractors()
        # the steps of the text route (module docstring, 4–7)
        self.proposer = Proposer(self.store, self.units, self.extractors, settings)
        self.choice = TypedChoice(self.proposer, settings)
        self.signals = SignalReader(searcher, self.units, self.names, self.topics, self.salience, self.places,
                                    self.records, settings)
        self.what_unit = WhatUnitChoice(self.proposer, settings)
        self.what = WhatReader(self.store, self.units, self.quotes, settings)

    @classmethod
    def load(cls, index_dir: Path | str | None = None, model: str | None = None, generator=None,
             settings: QASettings = QA, backend: str | None = None) -> Answerer:
        from retriever.generation import generator_from_env

        searcher = HybridSearcher.load(Path(index_dir) if index_dir else None, model, backend=backend)
        return cls(searcher, generator if generator is not None else generator_from_env(), settings)

    @property
    def citations(self):
        return self.records.citations

    # ------------------------------------------------------------------ public
    def ask(self, question: str, filters: SearchFilters | None = None) -> Answer:
        started = time.perf_counter()
        text = " ".join(nfc(question or "").split())
        if not text:
            raise UserError("Câu hỏi trống: hãy nhập câu hỏi (empty question).")
        analysis = analyze_question(text)
        answer = self.records.answer(analysis) or self._from_passages(analysis, filters)
        answer.question, answer.kind = text, analysis.kind.value
        if self.generator is not None and not answer.abstained and answer.quotes:
            try:
                answer.generated = self.generator.generate(text, answer.quotes, answer.answer)
            except Exception as error:  # noqa: BLE001 - any failure falls back to the extractive answer
                note = (f"Không dùng được mô hình ngôn ngữ ({type(error).__name__}: {str(error)[:120]}); "
                        "đây là câu trả lời trích xuất.")
                answer.message = f"{answer.message} {note}" if answer.message else note
        answer.took_ms = (time.perf_counter() - started) * 1000
        return answer

    def abstention_features(self, question: str) -> dict:
        """The signals abstention reads for ``question`` and the decision (for evaluation)."""
        analysis = analyze_question(" ".join(nfc(question or "").split()))
        retrieval = self.retrieve(analysis)
        if not retrieval.candidates:
            return {"coverage": 0.0, "dense": 0.0, "bm25": 0.0, "unknown_names": [], "abstain": True,
                    "reasons": ["no_passages"]}
        signals = self.signals.read(analysis, retrieval, self.choice.choose(analysis, retrieval)[1])
        reasons = abstention_reasons(signals, self.settings)
        return {**signals.to_dict(), "abstain": bool(reasons), "reasons": list(reasons)}

    # ------------------------------------------------------------------ text route
    def retrieve(self, question: QuestionAnalysis, filters: SearchFilters | None = None) -> Retrieval:
        naming: frozenset[str] = frozenset()  # the words naming the document the search is restricted to
        if filters is None and (question.kind is not QuestionKind.DOCUMENT or asks_within_named_act(question)):
            subject = self.records.subject(question) if question.names_act else None
            if subject is not None and subject.what == "document":
                filters = SearchFilters(source=self.store.documents[subject.ident].record.source)
                naming = self.records.naming_words(question)
        k = self.settings.search_k_in_document if filters is not None and filters.source else self.settings.search_k
        result = self.searcher.search(question.text, k=k, filters=filters)
        if not result.hits:
            return Retrieval(result, {}, [])
        expansions = result.analysis.expansions if result.analysis else []
        weights = self.terms.question_weights(question.text, expansions)
        units = [(hit, self.units.units_of(self.units.row_of[hit.chunk_id])) for hit in result.hits]
        ranking = {w: v for w, v in weights.items() if w not in naming} or weights  # every unit is of that document
        candidates = rank_units(self.units, units, ranking, self.settings, self._unit_cosines(result, units))
        # a question about one province is answered from its documents or national ones, not another province's
        # (retriever.qa.places); when only such documents were found, abstention says so (foreign_place)
        local = [c for c in candidates if not self.places.foreign(question.text, c.unit.doc_id)]
        return Retrieval(result, weights, local or candidates)

    def _unit_cosines(self, result, units) -> list[list[float]] | None:
        """Each unit's cosine with the question's vector (the one the search made); a unit without a saved
        vector (cut otherwise since the build) takes its passage's. None without unit vectors."""
        if self.unit_vectors is None or result.query_vector is None:
            return None
        return [[hit.dense_score if c is None else c for c in self.unit_vectors.cosines(listed, result.query_vector)]
                for hit, listed in units]

    def _from_passages(self, question: QuestionAnalysis, filters: SearchFilters | None) -> Answer:
        retrieval = self.retrieve(question, filters)
        if not retrieval.candidates:
            return self._abstain(question, retrieval.result.message or ABSTAIN_MESSAGE, ["no_passages"])
        found, plain = self.choice.choose(question, retrieval)
        signals = self.signals.read(question, retrieval, plain)
        reasons = abstention_reasons(signals, self.settings)
        if reasons:
            answer = self._abstain(question, ABSTAIN_MESSAGE, list(reasons))
            answer.signals = signals.to_dict()
            return answer
        if asks_document_fact(question):
            fact = self._document_fact(question, retrieval, found)
            if fact is not None:
                fact.signals = signals.to_dict()
                return fact
        answer_text, quotes, confidence, best = self._read(question, retrieval, found)
        self.quotes.add_near(quotes, retrieval.candidates, best.score, self.settings)
        return Answer(question.text, answer_text, False, quotes, kind=question.kind.value, confidence=confidence,
                      route="text", signals=signals.to_dict())

    def _document_fact(self, question: QuestionAnalysis, retrieval: Retrieval,
                       found: tuple[Candidate, Span] | None) -> Answer | None:
        """The asked fact of the document the question identifies among those of the best hits, else of the best
        passage's document, else of the typed answer's; None when none of them records it."""
        best = retrieval.candidates[0]
        shown = list(dict.fromkeys([best.unit.doc_id] + [
            hit.doc_id for hit in retrieval.result.hits[: self.settings.identify_hits]]))
        chosen = self.searcher.headers.identify(question.text, retrieval.result.tokens, shown, self.settings)
        for doc_id in dict.fromkeys([chosen, best.unit.doc_id] + ([found[0].unit.doc_id] if found else [])):
            fact = self.records.facts(question, doc_id)
            if fact is not None:
                return fact
        return None

    def _read(self, question: QuestionAnalysis, retrieval: Retrieval, found: tuple[Candidate, Span] | None
              ) -> tuple[str, list[Quote], float | None, Candidate]:
        """The short answer, its quotes, its confidence (None for a clause) and the unit other quotes must score
        near: the typed span; a "what"/"list" reading of the unit chosen for it; else the clause of the best unit
        (the kind's extractor found nothing)."""
        if found is not None:
            cand, span = found
            quotes = [self.quotes.quote(cand.unit, cand.score, span.start, span.end, span.quote_start, span.quote_end)]
            quotes += [self.quotes.at(cand.unit.doc_id, start, end, start, end) for start, end in span.also_quote]
            return span.text, quotes, span.confidence, retrieval.candidates[0]
        if question.kind is QuestionKind.CODE:  # w148: no code printed in the best units: read the clause asked
            question = replace(question, kind=QuestionKind.WHAT)
        if question.kind in (QuestionKind.WHAT, QuestionKind.LIST):
            cand = self.what_unit.framed(question, retrieval)
            answer_text, quote = self.what.read(question, cand, retrieval.weights)
            return answer_text, [quote], None, cand
        cand = self.what_unit.fallback(question, retrieval)
        start, end = self.what.read_clause(question, cand, retrieval.weights)
        quote = self.quotes.quote(cand.unit, cand.score, start, end)
        return self.store.documents[cand.unit.doc_id].text[start:end], [quote], None, cand

    @staticmethod
    def _abstain(question: QuestionAnalysis, message: str, reasons: list[str]) -> Answer:
        return Answer(question.text, None, True, [], message=message, kind=question.kind.value,
                      abstention=reasons)

    # ------------------------------------------------------------------ the parts, under their former names
    # (eval.ranker, scripts and notebooks call these)
    def proposals(self, question: QuestionAnalysis, retrieval: Retrieval, scan: int | None = None,
                  features: bool = True) -> list[Option]:
        return self.proposer.proposals(question, retrieval, scan, features)

    def what_options(self, question: QuestionAnalysis, retrieval: Retrieval, scan: int | None = None) -> list[Option]:
        return self.proposer.what_options(question, retrieval, scan)

    def read_what(self, question: QuestionAnalysis, cand: Candidate, weights: dict[str, float]) -> tuple[str, Quote]:
        return self.what.read(question, cand, weights)

    def _skips_framing(self, cand: Candidate, question: QuestionAnalysis) -> bool:
        return self.proposer.skips_framing(cand, question)

    @staticmethod
    def _asked_words(question: QuestionAnalysis, retrieval: Retrieval) -> set[str]:
        return asked_words(question, retrieval)

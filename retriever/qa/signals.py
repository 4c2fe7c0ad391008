"""The abstention signals of one retrieval: what ``abstention.abstention_reasons`` decides from.

``SignalReader.read(question, retrieval, found)`` measures the best unit's and passage's coverage of the
question's words, the top hit's cosine and BM25 score (relative to what the question's own words could give),
the index-wide retrieval evidence, the word pairs, salient words and named topics the best passages print,
the names, acts and places the corpus does not know, whether the question names a held document, and whether
a figure answering "bao nhiêu <noun>" has its noun beside it.  ``found`` is the plain typed choice
(``choice.TypedChoice.choose``), the one the signals were set on.
"""

from __future__ import annotations

import re
from dataclasses import replace

from corpus.lexicon import MEASURE_KEYS
from corpus.vietnamese import has_diacritics
from retriever.qa import vocabulary as V
from retriever.qa.abstention import CorpusNames, Signals, retrieval_evidence
from retriever.qa.model import Candidate, Retrieval, Span
from retriever.qa.places import PlaceIndex
from retriever.qa.question import QuestionAnalysis, QuestionKind
from retriever.qa.records import (
    DOCUMENT_KINDS,
    DocumentRoute,
    asks_own_number,
    asks_proposer,
)
from retriever.qa.salience import TermIndex
from retriever.qa.scoring import coverage, pair_coverage, syllables
from retriever.qa.settings import QASettings
from retriever.qa.topics import TopicIndex
from retriever.qa.units import UnitIndex

# Words after "bao nhiêu" that do not name what is counted beside the figure: measures and times (printed
# as symbols, "20 m", or beside any figure, "03 năm"), "người" (left out: "221/ngày"), and function words.
# (the measure and time words are the unit vocabulary's, corpus.lexicon.MEASURE_KEYS; function words added here)
_MEASURES = MEASURE_KEYS | frozenset({"vao", "la", "trong", "tren", "duoi", "moi"})


def asks_document_fact(question: QuestionAnalysis) -> bool:
    """Whether the answer is a fact of a whole document (signer, effective date, its own number …), read off the
    document the question identifies rather than off a passage."""
    return (question.kind in DOCUMENT_KINDS or (question.kind is QuestionKind.DATE and question.asks_own_date)
            or (question.kind is QuestionKind.DOCUMENT and asks_own_number(question)) or asks_proposer(question))


class SignalReader:
    """Reads the :class:`abstention.Signals` of a retrieval; everything it compares with is built at load."""

    def __init__(self, searcher, units: UnitIndex, names: CorpusNames, topics: TopicIndex, salience: TermIndex,
                 places: PlaceIndex, records: DocumentRoute, settings: QASettings):
        self.searcher = searcher  # the whole-index cosines (``index_cosines``)
        self.store = searcher.store
        self.units = units
        self.names, self.topics, self.salience = names, topics, salience  # index.word_tables
        self.places = places
        self.records = records
        self.settings = settings

    def read(self, question: QuestionAnalysis, retrieval: Retrieval, found: tuple[Candidate, Span] | None) -> Signals:
        best = retrieval.candidates[0]
        top = retrieval.result.hits[0]
        unit_coverage = coverage(retrieval.weights, self.units.words(best.unit))
        chunk = self.store.chunks[best.unit.chunk_row]
        chunk_coverage = coverage(retrieval.weights, self.units.words(
            replace(best.unit, start=chunk.start, end=chunk.end)))
        passages: list[str] = []
        for hit in retrieval.result.hits[: self.settings.pair_passages]:
            passages.append(self.store.chunks[self.units.row_of[hit.chunk_id]].context)
            passages.extend(self.units.record_texts[hit.doc_id])
        shown = [best.unit.doc_id] + [hit.doc_id for hit in retrieval.result.hits[: self.settings.topic_hits]]
        salient = self.salience.coverage(question.text, passages, self.settings.anchor_max_df)
        # corpus-wide statistics of a handful of documents say little (a word of 5 documents' vocabulary is missing)
        at_size = self.salience.documents >= self.settings.corpus_min_documents
        absent = salient.absent if at_size else ()
        # the BM25 score against what the question's own words could give: a long question over a topic the
        # corpus lacks scores as high as a short one it answers, not as high relative to its words' IDF
        own = sum(retrieval.weights.values())
        bm25_relative = float(top.bm25_score) / own if own > 0 and at_size else None
        evidence = (retrieval_evidence(self.index_cosines(retrieval), bm25_relative, self.settings)
                    if bm25_relative is not None else None)
        return Signals(coverage=max(unit_coverage, 0.9 * chunk_coverage), dense=float(top.dense_score),
                       accented=has_diacritics(question.text),
                       bm25_relative=bm25_relative,
                       dense_best=evidence[0] if evidence else None, dense_gap=evidence[1] if evidence else None,
                       evidence=evidence[2] if evidence else None,
                       pair_coverage=pair_coverage(retrieval.weights, question.text, passages),
                       bm25=float(top.bm25_score), unknown_names=self.names.unknown(question.text),
                       typed=found is not None and found[0].rank == 0,
                       typed_confidence=found[1].confidence if found else 0.0,
                       missing_topics=self.topics.missing(question.text, dict.fromkeys(shown)),
                       # a document fact is read off the document the question identifies, not the passage's
                       foreign_place=() if asks_document_fact(question) else self.places.foreign(
                           question.text, (found[0] if found else best).unit.doc_id),
                       unknown_act=self.unknown_act(question), known_document=self.known_document(question),
                       unit_missing=self.unit_missing(question, found),
                       salient=salient.salient, absent_terms=absent, anchors=salient.anchors,
                       uncovered=salient.uncovered, uncovered_terms=salient.uncovered_terms)

    def index_cosines(self, retrieval: Retrieval) -> list[float]:
        """The question's best cosines over the whole index (no filter), best first, calibration_to of them.

        The query vector comes from the embedder's cache (the search has just encoded the same text)."""
        analysis = retrieval.result.analysis
        if analysis is None:
            return []
        vector = retrieval.result.query_vector
        if vector is None:
            vector = self.searcher.embedder.encode_queries([self.searcher.dense_query(analysis)])[0]
        _, scores = self.searcher.retrieval.dense(vector).top(self.settings.calibration_to, None)
        return sorted((float(s) for s in scores), reverse=True)

    def unit_missing(self, question: QuestionAnalysis, found: tuple[Candidate, Span] | None) -> bool:
        """A figure answers "bao nhiêu <noun>" but the noun is printed nowhere near it."""
        if found is not None and question.kind is QuestionKind.AMOUNT and re.fullmatch(V.BARE_COUNT, found[1].text):
            return True  # w37: "mức phụ cấp … bao nhiêu" answered with a bare count ("03" Chương trình)
        if found is None or not question.wanted_unit or question.kind not in (QuestionKind.NUMBER,
                                                                                QuestionKind.AMOUNT):
            return False
        cand, span = found
        noun = question.wanted_unit[0]
        if noun in _MEASURES:
            return False  # measures and times are printed as symbols or beside any figure ("20 m", "03 năm")
        text = self.store.documents[cand.unit.doc_id].text
        window = self.settings.unit_window
        near = syllables(text[min(cand.unit.start, span.start - window):max(cand.unit.end, span.end + window)])
        unit = [noun]
        return not any(near[i:i + len(unit)] == unit for i in range(len(near) - len(unit) + 1))

    def known_document(self, question: QuestionAnalysis) -> bool:
        """The question names a document the index holds ("Thông báo 631/TB-VPCP", "Kế hoạch của UBND …")."""
        subject = self.records.subject(question) if question.names_act else None
        return subject is not None and subject.what == "document"

    def unknown_act(self, question: QuestionAnalysis) -> bool:
        """The question names an act by number ("Nghị định 146/2027/NĐ-CP") the index neither holds nor cites."""
        from corpus.acts import ACT_NUMBER

        return (bool(ACT_NUMBER.search(question.text)) and self.records.subject(question) is None
                and not self.topics.act_printed(question.text))  # w44: a number printed anywhere is known

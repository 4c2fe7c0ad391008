"""The orchestrator: question → record route or passages → typed span → quotes, or abstention.

1. ``analyze_question`` reads the kind and the details (``question.py``).
2. The record route answers facts of a named document or act (the ``records`` package).
3. Otherwise: search (restricted to the named document, if any), cut passages into units
   (``units.py``), rank them (``scoring.py``), run the kind's extractor over the best units
   (``extractors/``), decide abstention from typed signals (``abstention.py``), and quote
   (``quotes.py``).  Document-level kinds (signer, effective date, repeals, legal basis)
   are read off the best passage's document.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from corpus.errors import UserError
from corpus.lexicon import MEASURE_KEYS
from corpus.vietnamese import has_diacritics, match_key, nfc
from index.unit_vectors import unit_vectors_of
from index.word_tables import word_indexes
from retriever.qa import vocabulary as V
from retriever.qa.abstention import (
    Signals,
    abstention_reasons,
    retrieval_evidence,
)
from retriever.qa.clauses import (
    actor_words,
    anchor_at,
    answer_frame,
    answered_in,
    asks_consequence,
    asks_funding,
    asks_goal,
    case_unit,
    class_title,
    class_words,
    clause_window,
    footnote,
    framed_unit,
    funding_unit,
    goal_unit,
    goal_words,
    items_follow_frame,
    names_funding,
    slot_frame,
    states_goal,
    stating_unit,
    telling_unit,
)
from retriever.qa.extractors import FALLBACK, Context, default_extractors
from retriever.qa.extractors.agency import printed_together
from retriever.qa.extractors.lists import (
    ListExtractor,
    items_after_noun,
    verb_leads_items,
)
from retriever.qa.model import Answer, Candidate, Quote, Span
from retriever.qa.places import PlaceIndex
from retriever.qa.polarity import asked_predicate, polar_unit, polarity_span
from retriever.qa.question import QuestionAnalysis, QuestionKind, analyze_question
from retriever.qa.quotes import QuoteMaker
from retriever.qa.ranking import (
    ECHO_KINDS,
    echo,
    is_chrome,
    option_features,
    option_score,
    restates_request,
)
from retriever.qa.records import (
    DOCUMENT_KINDS,
    DocumentRoute,
    asks_own_number,
    asks_proposer,
    asks_within_named_act,
)
from retriever.qa.scoring import (
    TermWeights,
    coverage,
    pair_coverage,
    rank_units,
    syllables,
)
from retriever.qa.settings import QA, QASettings
from retriever.qa.units import UnitIndex
from retriever.search import HybridSearcher, SearchFilters


@dataclass
class Option:
    """The extractor's span in one candidate unit, with what the unit-choice compares."""

    cand: Candidate
    span: Span
    order: int  # the unit's place among the candidates
    in_window: bool  # among the units today's window scans
    baseline: float = 0.0  # unit score + span confidence
    features: list[float] = field(default_factory=list)  # ranking.FEATURES


ABSTAIN_MESSAGE = (
    "Không tìm thấy nội dung liên quan trong các văn bản đã lập chỉ mục "
    "(nothing relevant was found in the indexed documents)."
)
_LEAD_LABEL = re.compile(V.LEAD_LABEL)
# "… thì …": the sentence's consequence follows its condition (clauses.py cuts clauses there too)
_THEN = re.compile(r"\s(thì)\s")
# a clause ends at ";" or a sentence's end: a "thì" past it belongs to another clause
_CLAUSE_STOP = re.compile(r";|\.\s")
# the question asks the case itself ("trong trường hợp nào", "khi nào", "điều kiện gì"): the condition answers
# w96: a question that opens on a year ("Năm 2026, tiền chi … lấy từ nguồn nào?") asks the case of that year; a
# year further on qualifies a noun ("nhiệm vụ hợp tác năm 2024", "quỹ BHTN năm 2021", "chỉ đạo … năm 2026"): it
# names the plan or period the whole document is about, so a sentence repeating it is no likelier the answer.
_FRAME_ROOM = 10  # characters a unit prints after the question's slot frame: room for the value asked
_YEAR_LEADS = re.compile(r"^(?:(?:trong|den|tu|vao|cuoi|dau|het) )?nam (?:19|20)\d\d\b")
_ASKS_CASE = re.compile(r"\b(?:truong hop|khi|luc|dieu kien|hoan canh)\s+(?:nao|gi)\b|\bbao gio\b")


@dataclass
class Retrieval:
    """What the search gave for one question: hits, word weights, ranked units."""

    result: object  # retriever.search.SearchResult
    weights: dict[str, float]
    candidates: list[Candidate]


# Words after "bao nhiêu" that do not name what is counted beside the figure: measures and times (printed
# as symbols, "20 m", or beside any figure, "03 năm"), "người" (left out: "221/ngày"), and function words.
# (the measure and time words are the unit vocabulary's, corpus.lexicon.MEASURE_KEYS; function words added here)
_MEASURES = MEASURE_KEYS | frozenset({"vao", "la", "trong", "tren", "duoi", "moi"})


Found = tuple[Candidate, Span] | None


# The kinds answered by a figure, a date or a time span, and a figure as the question analysis reads numbers.
_FIGURE_KINDS = (QuestionKind.DEADLINE, QuestionKind.DATE, QuestionKind.NUMBER, QuestionKind.AMOUNT)
_FIGURE = re.compile(r"\d+(?:[.,]\d+)?")


def case_years(question: QuestionAnalysis) -> tuple[str, ...]:
    """The years a "what" answer must print: those of a question opening on its year (``_YEAR_LEADS``), else none.

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


def framed_options(options: list, best: Candidate, text_of, frame: tuple[str, ...]) -> list:
    """The "what" options the ranker weighs: when the best unit prints the words right before the asked slot
    with a value after them, those printing them too (a clerk reads on where the question's words lead into
    the value, "… trực tuyến qua ứng dụng VssID", not a table header or a sentence that merely shares the
    subject); all of them otherwise, or when only the best does."""
    def framed(cand: Candidate) -> bool:
        return prints_frame(text_of(cand), cand.unit.start, cand.unit.end, frame)

    if not framed(best):
        return options
    return [o for o in options if framed(o.cand)] or options


# w96: a question asking for a motto, a spirit, a saying or a phrase by name ("theo phương châm gì", "với tinh thần
# nào", "dùng câu nào", "thay cụm từ nào") is answered by the words the text prints between quotation marks.
_ASKS_QUOTED = re.compile(r"\b(?:phuong cham|tinh than|khau hieu|thong diep|cau|cum tu)\s+(?:nao|gi)\b")
_QUOTED = re.compile(r"[“\"]\**([^“”\"]{3,150}?)\**[”\"]")
_QUOTE_LEAD = 80  # characters before a quotation read for the question's words


def quoted_answer(question: QuestionAnalysis, text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the quoted words answering a question asking for a motto/saying by name are printed in
    ``text[start:end]`` (the inside of the quotation marks): of several quotations, the one the question's own
    words lead into ("… kịp thời hỗ trợ các địa phương bị bão lũ … tinh thần “một miếng khi đói …”"); or None.

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
        self._lists = ListExtractor()

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
        signals = self._signals(analysis, retrieval, self._extract(analysis, retrieval)[1])
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
            answer = self._abstain(question, retrieval.result.message or ABSTAIN_MESSAGE)
            answer.abstention = ["no_passages"]
            return answer
        found, plain = self._extract(question, retrieval)
        signals = self._signals(question, retrieval, plain)
        reasons = abstention_reasons(signals, self.settings)
        if reasons:
            answer = self._abstain(question, ABSTAIN_MESSAGE)
            answer.signals = signals.to_dict()
            answer.abstention = list(reasons)
            return answer
        best = retrieval.candidates[0]
        if self._asks_document_fact(question):
            # a fact of the document the best passage belongs to
            shown = list(dict.fromkeys([best.unit.doc_id] + [
                hit.doc_id for hit in retrieval.result.hits[: self.settings.identify_hits]]))
            chosen = self.searcher.headers.identify(question.text, retrieval.result.tokens, shown, self.settings)
            for doc_id in dict.fromkeys([chosen, best.unit.doc_id] + ([found[0].unit.doc_id] if found else [])):
                fact = self.records.facts(question, doc_id)
                if fact is not None:
                    fact.signals = signals.to_dict()
                    return fact
        quotes: list[Quote] = []
        if found is not None:
            cand, span = found
            answer_text, confidence = span.text, span.confidence
            quotes.append(self.quotes.quote(cand.unit, cand.score, span.start, span.end,
                                            span.quote_start, span.quote_end))
            for start, end in span.also_quote:
                quotes.append(self.quotes.at(cand.unit.doc_id, start, end, start, end))
        elif question.kind in (QuestionKind.WHAT, QuestionKind.LIST):
            best = cand = self._framed(question, retrieval)
            answer_text, quote = self.read_what(question, best, retrieval.weights)
            quotes.append(quote)
            confidence = None
        else:  # the kind's extractor found nothing: the clause that covers the question, as for "what"
            best = self._fallback_unit(question, retrieval)
            cand, confidence = best, None
            start, end = self._read_clause(question, best, retrieval.weights)
            quotes.append(self.quotes.quote(best.unit, best.score, start, end))
            answer_text = self.store.documents[best.unit.doc_id].text[start:end]
        self._more_quotes(quotes, retrieval.candidates, best.score)
        return Answer(question.text, answer_text, False, quotes, kind=question.kind.value, confidence=confidence,
                      route="text", signals=signals.to_dict())

    @staticmethod
    def _asks_document_fact(question: QuestionAnalysis) -> bool:
        """Whether the answer is a fact of a whole document (signer, effective date, its own number …), read off the
        document the question identifies rather than off a passage."""
        return (question.kind in DOCUMENT_KINDS or (question.kind is QuestionKind.DATE and question.asks_own_date)
                or (question.kind is QuestionKind.DOCUMENT and asks_own_number(question)) or asks_proposer(question))

    def read_what(self, question: QuestionAnalysis, cand: Candidate, weights: dict[str, float]) -> tuple[str, Quote]:
        """The answer a "what"/"list" question reads off ``cand``: the items after its colon, the clause's
        negation phrase (yes/no questions), or the part of its clause that answers; and its quote."""
        classed = self._class_heading(question, cand)
        if classed is not None:  # "… thuộc độ mật nào?": the title of the part listing the item names its class
            start, end = classed
            return self.store.documents[cand.unit.doc_id].text[start:end], self.quotes.at(
                cand.unit.doc_id, start, end, start, end)
        text = self.store.documents[cand.unit.doc_id].text
        quoted = quoted_answer(question, text, cand.unit.start, cand.unit.end)
        if quoted is not None:  # "… với tinh thần nào?" read off "… với tinh thần “quyết tâm cao, …”, … sau:"
            return text[quoted[0]:quoted[1]], self.quotes.quote(cand.unit, cand.score, *quoted)
        listed = self._lists.extract(question, cand.unit, self._context(weights))
        if listed is not None and listed.quote_end is not None and not self._answered_before_colon(question, cand):
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
        whole = self._clause(cand, weights, limit=0)
        phrase = polarity_span(text, *whole, self.settings.yes_no_max_chars,
                               asked_predicate(question.key), question.key) if question.yes_no else None
        start, end = phrase or self._read_clause(question, cand, weights)
        note = footnote(text, start, end, self.settings.what_max_chars) if question.kind is QuestionKind.WHAT \
            and not question.yes_no and re.search(r"\bnao\b", question.key) else None
        if note is not None:  # "… chưa được các địa phương rà soát, báo cáo[4]": the note lists which
            return text[note[0]:note[1]], self.quotes.at(cand.unit.doc_id, *note, *note)
        return text[start:end], self.quotes.quote(cand.unit, cand.score, start, end)

    def _class_heading(self, question: QuestionAnalysis, cand: Candidate) -> tuple[int, int] | None:
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

    def _answered_before_colon(self, question: QuestionAnalysis, cand: Candidate) -> bool:
        """A "what" question whose words before its slot the lead sentence prints with more after them
        ("… nhằm chào mừng sự kiện nào?" read off "Thiết thực lập thành tích chào mừng Đại hội lần thứ XIV …,
        Thủ tướng yêu cầu … sau:"): the sentence answers, not the items after its colon."""
        if question.kind is not QuestionKind.WHAT:
            return False
        return answered_in(self.store.documents[cand.unit.doc_id].text, cand.unit.start, cand.unit.end,
                           answer_frame(question.key))

    def _context(self, weights: dict[str, float]) -> Context:
        return Context(self.store, self.units, weights, self.settings)

    def _extract(self, question: QuestionAnalysis, retrieval: Retrieval) -> tuple[Found, Found]:
        """The best (candidate, span) of the question's kind among the best units, or None — as the ranker
        chooses (the answer) and as the unit score plus span confidence chooses (what abstention reads).

        When the kind's own extractor finds nothing, its plainer kind's (``FALLBACK``) tries.
        The proposals are compared by ``ranking.option_score`` when ``ranker_coefficients`` are set.
        The abstention signals keep reading the plain choice: they were set on it, and the ranker
        prefers the top passage, which would make "a typed answer in the top passage" rescue more
        out-of-corpus questions.
        """
        coefficients = self.settings.ranker_coefficients
        options = [o for o in self.proposals(question, retrieval, features=bool(coefficients)) if o.in_window]
        if not options:
            return None, None
        plain = max(options, key=lambda o: (o.baseline, -o.order))
        named = question.kind.value in ECHO_KINDS
        asked = self._asked_words(question, retrieval)

        def key(option: Option) -> tuple:
            # a body the question itself names ("Sở Văn hóa … phối hợp với những tổ chức nào?") is its subject
            echoed = named and echo(option.span.text, asked) >= self.settings.echo_max \
                and printed_together(option.span.text, question)  # its words printed together, not scattered
            # w98: a reply's opener restating the request answers nothing the question asks
            restated = self._skips_framing(option.cand, question)
            score = option_score(option.features, coefficients) if coefficients else option.baseline
            return not echoed, not restated, not self._restates_figure(option.span.text, question), score, -option.order

        best = max(options, key=key)
        return (best.cand, best.span), (plain.cand, plain.span)

    @staticmethod
    def _restates_figure(span: str, question: QuestionAnalysis) -> bool:
        """Whether a figure, date or time span only restates what the question says of its case ("thủ tục … cho sĩ
        quan có đủ 15 năm phục vụ … giải quyết trong bao lâu?" read off "… có đủ 15 năm phục vụ …"): every number
        it prints the question prints, so it is the case the question supposes, not what it asks."""
        if question.kind not in _FIGURE_KINDS:
            return False
        figures = set(_FIGURE.findall(re.sub(r"[^\w/%-]+", " ", match_key(span))))  # read as the question's numbers
        return bool(figures) and figures <= question.numbers

    @staticmethod
    def _asked_words(question: QuestionAnalysis, retrieval: Retrieval) -> set[str]:
        """Every syllable the question prints, with its abbreviations' expansions ("BHXH": "bảo hiểm xã hội")."""
        expansions = retrieval.result.analysis.expansions if retrieval.result.analysis else []
        return set(question.syllables).union(*(syllables(e) for e in expansions))

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

    def _describe(self, question: QuestionAnalysis, retrieval: Retrieval, options: list[Option],
                  features: bool = True) -> None:
        best_score = retrieval.candidates[0].score
        top_hit = retrieval.result.hits[0].score if retrieval.result.hits else 0.0
        context = self._context(retrieval.weights)
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

    def _lead(self, context: Context, unit) -> str:
        """What ``unit`` is read with: the sentence it continues (``Context.lead``), else the opening sentence of
        the point it is a later sentence of (``UnitIndex.item_opening``: its subject is named there)."""
        lead = context.lead(unit)
        if lead:
            return lead
        opening = self.units.item_opening(unit)
        return self.store.documents[unit.doc_id].text[opening[0]:opening[1]] + " " if opening else ""

    def _proposals_of(self, kind: QuestionKind, question: QuestionAnalysis, retrieval: Retrieval,
                      scan: int | None) -> list[Option]:
        extractor = self.extractors.get(kind)
        if extractor is None or not retrieval.candidates:
            return []
        context = self._context(retrieval.weights)
        options = []
        for order, cand, in_window in self._scanned(retrieval, scan):
            span = extractor.extract(question, cand.unit, context)
            if span is not None:
                options.append(Option(cand, span, order, in_window))
        return options

    def _scanned(self, retrieval: Retrieval, scan: int | None):
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

    def _signals(self, question: QuestionAnalysis, retrieval: Retrieval,
                 found: tuple[Candidate, Span] | None) -> Signals:
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
        evidence = (retrieval_evidence(self._index_cosines(retrieval), bm25_relative, self.settings)
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
                       foreign_place=() if self._asks_document_fact(question) else self.places.foreign(
                           question.text, (found[0] if found else best).unit.doc_id),
                       unknown_act=self._unknown_act(question), known_document=self._known_document(question),
                       unit_missing=self._unit_missing(question, found),
                       salient=salient.salient, absent_terms=absent, anchors=salient.anchors,
                       uncovered=salient.uncovered, uncovered_terms=salient.uncovered_terms)

    def _index_cosines(self, retrieval: Retrieval) -> list[float]:
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

    def _unit_missing(self, question: QuestionAnalysis, found: tuple[Candidate, Span] | None) -> bool:
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

    def _known_document(self, question: QuestionAnalysis) -> bool:
        """The question names a document the index holds ("Thông báo 631/TB-VPCP", "Kế hoạch của UBND …")."""
        subject = self.records.subject(question) if question.names_act else None
        return subject is not None and subject.what == "document"

    def _unknown_act(self, question: QuestionAnalysis) -> bool:
        """The question names an act by number ("Nghị định 146/2027/NĐ-CP") the index neither holds nor cites."""
        from corpus.acts import ACT_NUMBER

        return (bool(ACT_NUMBER.search(question.text)) and self.records.subject(question) is None
                and not self.topics.act_printed(question.text))  # w44: a number printed anywhere is known

    def _abstain(self, question: QuestionAnalysis, message: str) -> Answer:
        return Answer(question.text, None, True, [], message=message, kind=question.kind.value)

    def _clause(self, cand: Candidate, weights: dict[str, float], goal: frozenset[str] = frozenset(),
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

    def _read_clause(self, question: QuestionAnalysis, cand: Candidate, weights: dict[str, float]) -> tuple[int, int]:
        """The part of ``cand``'s clause that answers (``clauses.clause_window`` with the question's goal,
        bodies and slot frame); the consequence when that part is the condition the question supposes
        (:meth:`_consequence`)."""
        goal, actors, frame = goal_words(question.text), actor_words(question.text), answer_frame(question.key)
        start, end = self._clause(cand, weights, goal, actors=actors, frame=frame,
                                  condition=asks_consequence(question.text))
        return self._consequence(question, cand, start, end, weights, goal, actors, frame) or (start, end)

    def _consequence(self, question: QuestionAnalysis, cand: Candidate, start: int, end: int,
                     weights: dict[str, float], goal: frozenset[str], actors: frozenset[str],
                     frame: tuple[str, ...]) -> tuple[int, int] | None:
        """The consequence of "<condition> thì <consequence>" when the window ``start:end`` lies in the condition:
        the question's words met there because the question supposes that case ("Khi dữ liệu … đã liên thông …,
        có còn bắt nộp … không?" over "Trường hợp cơ sở dữ liệu … kết nối … thì Cơ quan đăng ký … có trách nhiệm
        khai thác …"), and what it does not already say follows the sentence's "thì".  None when the question asks
        the case itself ("trường hợp nào", "khi nào"), or no "thì" of the same clause follows the window."""
        if _ASKS_CASE.search(question.key):
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

    def _framed(self, question: QuestionAnalysis, retrieval: Retrieval) -> Candidate:
        """The unit a "what"/"list" answer is read from: a near unit printing the question's year or its words
        right before its slot when the best does not (``clauses.framed_unit``); else the best of the units
        within ``candidate_window`` by ``ranking.option_score`` (``what_ranker_coefficients``), those that only
        repeat the question's words (``ranking.echo`` ≥ ``what_echo_max``: a label such as "8. Bảo hiểm xã
        hội tỉnh") last."""
        def text_of(cand: Candidate) -> str:
            return self.store.documents[cand.unit.doc_id].text

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

        if framed is not candidates[0] and not self._skips_framing(framed, question) and not misses_asked(framed):
            return framed
        stated = stating_unit(candidates, text_of, answer_frame(question.key), self.settings.what_stated_window)
        if stated is not None and not self._skips_framing(stated, question) and not misses_asked(stated):
            return stated
        coefficients = self.settings.what_ranker_coefficients
        asked = self._asked_words(question, retrieval)

        def order(option: Option) -> tuple:
            body = text_of(option.cand)[option.cand.unit.start:option.cand.unit.end]
            # a label restating the question, or document chrome (motto, "Nơi nhận", "… biết, thực hiện./."), read last
            label = echo(body, asked) >= self.settings.what_echo_max or is_chrome(body) \
                or self._skips_framing(option.cand, question)
            return label, -option_score(option.features, coefficients) if coefficients else 0.0, option.order

        scanned = self.what_options(question, retrieval)
        options = framed_options(scanned, candidates[0], text_of, slot_frame(question.key))
        chosen = min(options, key=order).cand
        # w104: the near sentence naming the case ("<case> thì … ra sao?") or a source of funds ("tiền … lấy từ
        # đâu?") answers; it need not print the question's frame words ("Sau thời hạn nêu trên, nếu …")
        ranked = [option.cand for option in sorted(options, key=order)]
        ranked += [option.cand for option in sorted(scanned, key=order) if option.cand not in ranked]
        if self._supposes_case(question):
            chosen = case_unit(candidates, text_of, ranked, self.settings.case_window, asked)
        elif funds:
            chosen = funding_unit(candidates, text_of, ranked, self.settings.funding_window)
        elif goal:
            chosen = goal_unit(candidates, text_of, chosen, ranked, self.settings.goal_window)
        if question.yes_no:  # w64: the near unit stating the negation/restriction answers a yes/no question
            return polar_unit(candidates, text_of, chosen, self.settings.yes_no_window)
        return telling_unit(candidates, text_of, chosen, answer_frame(question.key), retrieval.weights,
                            self.settings.telling_window)

    @staticmethod
    def _supposes_case(question: QuestionAnalysis) -> bool:
        """Whether a "what" question supposes a case and asks what follows from it ("… không gửi đúng hạn thì sẽ
        ra sao?"), not the case itself ("trong trường hợp nào") nor yes or no."""
        return asks_consequence(question.text) and not question.yes_no and not _ASKS_CASE.search(question.key)

    def _fallback_unit(self, question: QuestionAnalysis, retrieval: Retrieval) -> Candidate:
        """The unit a typed question whose extractor found nothing reads its clause off: the best, unless it
        restates the request its letter answers (a reply's opener, ``_skips_framing``) and a unit within
        ``candidate_window`` of it does not.  (Taking the unit a "what" answer reads, ``_framed``, instead answered
        the same tuning questions.)"""
        candidates = retrieval.candidates
        best = candidates[0]
        if not self._skips_framing(best, question):
            return best
        window = self.settings.candidate_window
        return next((c for c in candidates[1:] if c.score >= best.score - window
                     and not self._skips_framing(c, question)), best)

    def _skips_framing(self, cand: Candidate, question: QuestionAnalysis) -> bool:
        """Whether ``cand`` restates the request its letter answers, for this question, and such units are read
        last (``request_read_last``; ``ranking.restates_request``)."""
        if not self.settings.request_read_last:
            return False
        text = self.store.documents[cand.unit.doc_id].text
        return restates_request(text[cand.unit.start:cand.unit.end], question.key)

    def what_options(self, question: QuestionAnalysis, retrieval: Retrieval, scan: int | None = None) -> list[Option]:
        """The best units as "what" proposals (the whole unit as the span), described for ranking."""
        options = [Option(cand, Span(cand.unit.start, cand.unit.end, 0.0), order, in_window)
                   for order, cand, in_window in self._scanned(retrieval, scan)]
        self._describe(question, retrieval, options)
        return options

    def _more_quotes(self, quotes: list[Quote], candidates: list[Candidate], best_score: float) -> None:
        """Up to ``max_quotes``: other units scoring near the best, not overlapping nor repeating a quote."""
        for other in candidates:
            if len(quotes) >= self.settings.max_quotes or other.score < self.settings.quote_relative * best_score:
                break
            unit = other.unit
            text = self.store.documents[unit.doc_id].text
            if any(q.doc_id == unit.doc_id and q.start < unit.end and unit.start < q.end for q in quotes):
                continue
            if any(q.text == text[unit.start:unit.end].strip() for q in quotes):
                continue
            quotes.append(self.quotes.quote(unit, other.score))

"""Hybrid retrieval: BM25 and dense scores fused per query.

What we measured (``../shared/notes``): a convex combination of per-query
min-max normalized scores over the union of both top-100 lists beats
reciprocal rank fusion by 2–3 points, and every candidate must be scored by
both systems (no zero-fill).  ``FUSION`` holds the weights in one place;
``python -m eval run`` compares the alternatives.

>>> searcher = HybridSearcher.load()  # doctest: +SKIP
>>> result = searcher.search("Sở nào chủ trì y tế trường học?", k=3)  # doctest: +SKIP
>>> result.hits[0].heading  # doctest: +SKIP
'V. TỔ CHỨC THỰC HIỆN › 6. Sở Giáo dục và Đào tạo'
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from corpus.errors import UserError
from corpus.model import HEADING_SEPARATOR, Chunk
from corpus.vietnamese import match_key
from index.model import Embedder, garbage_collection_paused, requested_model_name
from index.store import IndexStore, IndexStoreError
from index.tokenization import ACCENTED_PREFIX, Tokenizer
from retriever.accents import DiacriticRestorer
from retriever.documents import DocumentHeaders
from retriever.formatting import format_citation
from retriever.query import (
    ABBREVIATIONS,
    JOINING_WORDS,
    QueryAnalysis,
    analyze_query,
    content_tokens,
)
from retriever.runtime import QUERY_THREADS, SEQUENTIAL_THREADS, configure_runtime  # noqa: F401 - SEQUENTIAL_THREADS re-exported

MODES = ("hybrid", "bm25", "dense")


@dataclass(frozen=True)
class FusionSettings:
    # Weights of one linear score per candidate passage, fitted together on the tuning questions
    # (``python -m eval.retrieval_fit --index REALSIZE``: coordinate search of hit@1 + MRR@10 over the tuning
    # questions but real.jsonl's check half, signer questions aside; 5-fold cross-validation over documents
    # 0.803 / 0.869, the same weights refitted; the weights of 0.5 dense / 0.5 BM25 / 1.0 part before gave
    # 0.763 / 0.841). ``dense_weight`` and its complement weigh the min-max normalized dense and BM25 scores
    # (the BM25 of the question's content words: its question words left out).
    dense_weight: float = 0.25
    candidates: int = 100  # from each system, before fusion
    method: str = "convex"  # "convex" (min-max normalized) or "rrf"
    rrf_k: int = 60
    # "First the document, then the part" (retriever/documents.py): when the question names one
    # document (its header BM25 leads the second by `named_margin`), the query tokens its header
    # does not hold rank the passages, weighted by each passage's document header score relative
    # to the named one. 0 = off.
    part_weight: float = 1.0
    named_margin: float = 1.5  # dev set: margin 1.0 lowers it by 0.006, 1.5 keeps it; see RESULTS
    # Dense weight when a document is named (kept equal to the ordinary weight: a paraphrase of a named
    # plan's clause needs the dense side).
    named_dense_weight: float = 0.25
    # Every passage of a document prints its title (the indexed context starts with it): within a document
    # the title's words say nothing, and they favour its shortest passages. ``own_weight``: BM25 of the
    # content words the passage's own document header does not hold (over the best content-word BM25 of the
    # candidates), times that document's
    # header score relative to the best document's — for the ``own_documents`` documents whose header
    # scores best, at least ``own_min_relative`` of the best.
    own_weight: float = 1.0
    own_documents: int = 4
    own_min_relative: float = 0.5
    # What the question asks for (retriever.query.question_cues) against what a passage prints
    # (``passage_types``, read with the passage's headings): a date, a figure, a body or office holder, an act
    # number, a statement of effect.
    type_weights: tuple[tuple[str, float], ...] = (("date", 0.5), ("number", 0.125), ("agency", 0.25),
                                                   ("act", 1.0), ("effect", 1.0))
    # w65: a blank form (an appendix template, its fill-in dots "…………", ".........") states no rule, figure or
    # body: a clerk turns past it unless the question asks about a form (retriever.query: "mẫu", "tờ khai", "phiếu").
    form_penalty: float = 0.75
    # w108: a question that asks nothing of the document it names beyond naming it ("Quyết định 2929/QĐ-UBND của
    # Sơn La công bố bao nhiêu thủ tục …?") asks what the document itself says — its articles before the
    # signature ("Điều 1. Công bố kèm theo Quyết định này 06 …") — not the annexes that print its title again.
    annex_penalty: float = 0.5  # sealed-study passages in hits 201->207/250; 0.25 and 1.0 alike on the tuning sets


FUSION = FusionSettings()
# Passages copied from one central directive into several documents: "the same text"
# when most of the smaller passage's syllable trigrams recur in the other, or when
# they share a copied run of many syllables (chunk boundaries differ between documents).
NEAR_DUPLICATE_OVERLAP = 0.6
NEAR_DUPLICATE_SHARED_TRIGRAMS = 40
_NOTHING = object()  # a filter no document passes

# What a passage prints, for the kinds of answer a question asks (retriever.query.question_cues): a date
# ("ngày 05 tháng 12 năm 2025", "31/12/2025", "quý II", "năm 2030", and the day an act names by its signing,
# "có hiệu lực kể từ ngày ký" / "từ ngày ban hành"), a figure, a body by name ("Sở Y tế",
# "Bộ Tài chính"), an act number ("44/2025/QĐ-UBND"), a statement of effect ("hiệu lực").
PASSAGE_TYPES: dict[str, re.Pattern[str]] = {
    "date": re.compile(r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}(\s+năm\s+\d{4})?|\b\d{1,2}/\d{1,2}/\d{4}\b"
                       r"|\b[Qq]uý\s+[IV1-4]+|\bnăm\s+(19|20)\d\d\b"
                       r"|từ\s+ngày\s+(?:ký|ban\s+hành|công\s+bố)"),
    "number": re.compile(r"(?<![/\w.-])\d+(?:[.,]\d+)*(?![/\w-])"),
    "agency": re.compile(r"\b(Sở|Bộ|Ủy ban|UBND|Phòng|Cục|Trung tâm|Văn phòng|Công an|Ban|Thuế|Bảo hiểm xã hội"
                         r"|Chi cục)(\s*:)?\s+[A-ZĐ]"  # "các Bộ: Quốc phòng, Công an" lists bodies too
                         r"|\b(Người đứng đầu|Thủ trưởng|Chủ tịch|Giám đốc|Bộ trưởng)\b"),  # "ai": an office holder too
    "act": re.compile(r"\d+(?:/\d{4})?/[A-ZĐ]{1,6}-[A-ZĐ]|\b\d+/\d{4}/QH\d{1,2}\b"),  # a law: "48/2024/QH15"
    "effect": re.compile(r"hiệu lực"),
    # at least two fill-in blanks: a form to fill, not a text that states something
    "form": re.compile(r"(?:\.{4,}|…{2,}|_{4,})(?![.…_])[\s\S]*?(?:\.{4,}|…{2,}|_{4,})"),
}
_TYPE_BITS = {kind: 1 << i for i, kind in enumerate(PASSAGE_TYPES)}


def passage_types(text: str) -> frozenset[str]:
    """The kinds of answer a passage prints.

    >>> sorted(passage_types("1. Quyết định này có hiệu lực thi hành kể từ ngày 05 tháng 12 năm 2025."))
    ['date', 'effect', 'number']
    >>> sorted(passage_types("Giao Sở Y tế chủ trì, theo Quyết định số 44/2025/QĐ-UBND"))
    ['act', 'agency']
    """
    return frozenset(kind for kind, pattern in PASSAGE_TYPES.items() if pattern.search(text))


@dataclass
class PassageSignals:
    """What ``HybridSearcher.combine`` weighs, per candidate passage (arrays in the candidates' order)."""

    bm25: np.ndarray  # BM25 of the question's content words (its question words left out)
    dense: np.ndarray  # cosine of the question and the passage
    named: bool  # the question names one document (retriever.documents)
    part: np.ndarray | float | None  # what it asks of that document (None: none named; 0.0: nothing left to ask)
    own: np.ndarray | None  # the words beyond each passage's own document header (None: signal off)
    kinds: dict[str, np.ndarray]  # kind of answer asked -> whether each passage prints one
    blank: np.ndarray | None = None  # whether each passage is a blank form (None: the question asks a form, or off)
    annex: np.ndarray | None = None  # whether each passage lies in an annex (None: the question asks a part)


@dataclass
class SearchFilters:
    type: str | None = None
    issuer: str | None = None
    year: int | None = None
    source: str | None = None
    in_force: bool = False  # leave out documents the corpus shows replaced, repealed or not yet in force
    as_of: str | None = None  # for in_force: the date (default today)

    def active(self) -> bool:
        return any(v not in (None, "", False) for k, v in asdict(self).items() if k != "as_of")


@dataclass
class Hit:
    doc_id: str
    source: str
    citation: str
    heading: str
    text: str
    score: float
    start: int
    end: int
    chunk_id: str
    section: str
    type: str
    number: str | None
    date: str | None
    issuer: str | None
    title: str
    bm25_score: float
    dense_score: float
    also_in: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class SearchResult:
    query: str
    hits: list[Hit]
    took_ms: float
    message: str | None = None  # e.g. a filter that matched nothing
    truncated: bool = False
    analysis: QueryAnalysis | None = None
    tokens: list[str] | None = None  # the query's BM25 tokens (not in the JSON)
    query_vector: np.ndarray | None = None  # the query's embedding, when the search made one (not in the JSON)

    def to_dict(self) -> dict:
        data = {"query": self.query, "took_ms": round(self.took_ms, 2), "hits": [h.to_dict() for h in self.hits]}
        if self.message:
            data["message"] = self.message
        if self.truncated:
            data["truncated"] = True
        return data


class HybridSearcher:
    """Searches one loaded index; safe to share read-only between threads."""

    def __init__(self, store: IndexStore, embedder: Embedder, fusion: FusionSettings = FUSION,
                 restorer: DiacriticRestorer | None = None):
        self.store = store
        self.embedder = embedder
        self.fusion = fusion
        self.tokenizer = Tokenizer(**store.manifest["settings"]["tokenizer"])
        self._doc_rows = _rows_by_document(store.chunks)
        # which document a question names (retrieval, and the answerer's document-level facts)
        self.headers = DocumentHeaders.of_store(store, self.tokenizer)
        self._row_document = np.asarray([self.headers.position[c.doc_id] for c in store.chunks], dtype=np.int64)
        self._header_words = [HeaderWords.of(tokens) for tokens in self.headers.tokens]  # by document position
        self.retrieval = store.retrieval(self._doc_rows)  # index.backends.Retrieval: local or milvus
        self._trigrams: dict[str, set[str]] = {}
        # PASSAGE_TYPES bits of every passage read with its headings, here at load (0.45 s at real size) rather than
        # filled from request threads: since the blank-form signal every question reads them.  A point reads
        # under its headings: an item of "Các Quyết định sau hết hiệu lực:" states an effect, a task under
        # "6. Sở Giáo dục và Đào tạo" is that body's.
        self._row_types = np.asarray(
            [sum(_TYPE_BITS[kind] for kind in passage_types("\n".join([*chunk.heading_path, chunk.text])))
             for chunk in store.chunks], dtype=np.int16)
        self._row_annex = _annex_rows(store)
        # Built here, not at the first accent-less question (at real size that question paid 2.8 s).
        self._restorer = restorer or DiacriticRestorer.from_chunks(store.chunks)
        self.status_index = None  # retriever.status.StatusIndex, read on first in-force filter

    @classmethod
    def load(cls, index_dir: Path | None = None, model: str | None = None,
             threads: int = QUERY_THREADS, backend: str | None = None) -> HybridSearcher:
        """Load the index and the model that built it; refuse another model.

        `threads`: torch/FAISS threads per query — QUERY_THREADS when requests run concurrently
        (a server), SEQUENTIAL_THREADS when queries come one after another (a CLI).
        """
        from index.backends import backend_name, milvus_settings
        from index.builder import default_index_dir

        index_dir = Path(index_dir or default_index_dir())
        kind = backend_name(backend)
        if kind == "milvus":
            from index.milvus_store import MilvusStore
            from index.milvus_store import read_manifest as read_milvus_manifest

            settings = milvus_settings(index_dir)
            manifest = read_milvus_manifest(settings) if MilvusStore.exists(settings) else None
            if manifest is None:
                MilvusStore.open(settings)  # raises the one-line "no index" error
            where = f"{settings.uri} ({settings.collection})"
            open_store = lambda: MilvusStore.open(settings)
        else:
            from index.store import read_manifest

            manifest, where = read_manifest(index_dir), str(index_dir)
            open_store = lambda: IndexStore.load(index_dir)
        built_with = manifest["settings"]["model"]
        requested = requested_model_name(model)
        if requested != built_with:
            raise IndexStoreError(
                f"Chỉ mục {where} được xây bằng mô hình '{built_with}', không truy vấn được bằng "
                f"'{requested}'; chạy `python -m index build --rebuild --model {requested}`"
            )
        # Importing and loading the model dominates a cold start; read the index and load the
        # word segmenter meanwhile.
        # No process-wide setting here (threads, gc.freeze): programs make those explicitly with
        # retriever.runtime (open_searcher / configure_runtime), a library user keeps its process as is.
        with garbage_collection_paused(), ThreadPoolExecutor(max_workers=1) as pool:
            embedder = pool.submit(Embedder.load, built_with, threads=threads)
            store = open_store()
            Tokenizer(**store.manifest["settings"]["tokenizer"]).warm_up()
            restorer = DiacriticRestorer.from_chunks(store.chunks)
            searcher = cls(store, embedder.result(), restorer=restorer)
        return searcher

    # ------------------------------------------------------------------ search
    def search(self, query: str, k: int = 5, filters: SearchFilters | None = None, mode: str = "hybrid") -> SearchResult:
        started = time.perf_counter()
        if mode not in MODES:
            raise UserError(f"Chế độ tìm kiếm không hợp lệ: {mode} (hybrid, bm25, dense)")
        analysis = analyze_query(query)
        restriction = self.restriction(filters)
        if restriction is _NOTHING:
            return SearchResult(analysis.text, [], _ms(started),
                                "Không có văn bản nào khớp bộ lọc (no document matches the filters).",
                                analysis.truncated, analysis)
        tokens = self.tokenizer.query_tokens(analysis.expanded) + self.restored_tokens(analysis)  # w37
        rows, fused, bm25, dense, query_vector = self._rank(analysis, tokens, restriction, mode)
        hits = self._group_near_duplicates((self._hit(r, f, b, d) for r, f, b, d in zip(rows, fused, bm25, dense)), k)
        return SearchResult(analysis.text, hits, _ms(started), None, analysis.truncated, analysis, tokens,
                            query_vector)

    def _rank(self, analysis: QueryAnalysis, tokens: list[str], restriction, mode: str):
        """Candidate rows best first, with fused, BM25 and dense scores; and the query vector (None in "bm25" mode)."""
        rows, bm25, dense_scores, lexical, query_vector = self.candidates(analysis, tokens, restriction, mode)
        if len(rows) == 0:
            return rows, bm25, bm25, bm25, query_vector
        if mode == "bm25":
            fused = bm25
        elif mode == "dense":
            fused = dense_scores
        else:
            fused = self._hybrid_scores(analysis, tokens, rows, bm25, dense_scores, lexical)
        order = np.argsort(-fused, kind="stable")
        return rows[order], fused[order], bm25[order], dense_scores[order], query_vector

    def candidates(self, analysis: QueryAnalysis, tokens: list[str], restriction=None, mode: str = "hybrid"):
        """The candidate rows (ascending) with their BM25 and dense scores, the lexical query and the query
        vector (None in "bm25" mode).

        The union of both systems' top lists (same filter), every member scored by both: scores a
        list already returned are kept, the missing ones asked of the backend exactly."""
        pool = min(self.fusion.candidates, len(self.store.chunks))
        known_bm25: dict[int, float] = {}
        known_dense: dict[int, float] = {}
        lexical = dense = query_vector = None
        pending = None
        if mode in ("hybrid", "bm25"):

            def lexical_top():
                query = self.retrieval.lexical(tokens)
                return query, query.top(pool, restriction)

            # a network backend searches the passages' BM25 side while the query is embedded here
            pending = self.retrieval.start(lexical_top)
        if mode in ("hybrid", "dense"):
            query_vector = self.embedder.encode_queries([self.dense_query(analysis)])[0]
            dense = self.retrieval.dense(query_vector)
            rows, scores = dense.top(pool, restriction)
            known_dense = dict(zip(rows.tolist(), scores.tolist()))
        if pending is not None:
            lexical, (rows, scores) = pending()
            known_bm25 = dict(zip(rows.tolist(), scores.tolist()))
        rows = np.fromiter(sorted(set(known_bm25) | set(known_dense)), dtype=np.int64)
        if len(rows) == 0:
            empty = np.zeros(0, dtype=np.float32)
            return rows, empty, empty, lexical, query_vector
        bm25, dense_scores = self.retrieval.exact_scores(lexical, dense, rows, known_bm25, known_dense)
        return rows, bm25, dense_scores, lexical, query_vector

    def _hybrid_scores(self, analysis: QueryAnalysis, tokens: list[str], rows: np.ndarray, bm25: np.ndarray,
                       dense: np.ndarray, lexical) -> np.ndarray:
        return self.combine(self.signals(analysis, tokens, rows, bm25, dense, lexical))

    def signals(self, analysis: QueryAnalysis, tokens: list[str], rows: np.ndarray, bm25: np.ndarray,
                dense: np.ndarray, lexical) -> PassageSignals:
        """The unweighted signals of the candidates `rows` (``combine`` weighs them; ``eval.retrieval_fit``
        fits the weights on the same values)."""
        content = content_tokens(tokens, analysis.cues.words)
        ranked = bm25 if len(content) == len(tokens) or not content else np.asarray(
            lexical.narrowed(content).scores(rows, {}), dtype=np.float32)
        header = self.headers.scores(tokens)
        named = self.named_document(tokens, header)
        part = self._part_scores(content or tokens, rows, named, lexical) if named is not None else None
        own = self._own_scores(content, rows, header, lexical, ranked) if self.fusion.own_weight else None
        asked = [kind for kind, weight in self.fusion.type_weights if kind in analysis.cues.asks and weight]
        forms = "form" not in analysis.cues.asks
        bits = self.row_types(rows) if asked or forms else None
        kinds = {kind: (bits & _TYPE_BITS[kind]) > 0 for kind in asked}
        blank = (bits & _TYPE_BITS["form"]) > 0 if forms else None
        annex = self._row_annex[rows] if isinstance(part, float) and self.fusion.annex_penalty else None
        return PassageSignals(ranked, dense, named is not None, part, own, kinds, blank, annex)

    def combine(self, signals: PassageSignals, fusion: FusionSettings | None = None) -> np.ndarray:
        """One linear score per candidate: dense and content-word BM25 fused; the part of the document the
        question names; the words beyond each passage's own document header; the kind of answer asked
        against the kind the passage prints; a blank form the question does not ask about — weighed by
        ``FusionSettings``."""
        fusion = fusion or self.fusion
        fused = self._fuse(signals.bm25, signals.dense, fusion.named_dense_weight if signals.named else None, fusion)
        if signals.part is not None:
            fused = fused + fusion.part_weight * signals.part
        if signals.own is not None and fusion.own_weight:
            fused = fused + fusion.own_weight * signals.own
        for kind, weight in fusion.type_weights:
            if kind in signals.kinds and weight:
                fused = fused + weight * signals.kinds[kind]
        if signals.blank is not None and fusion.form_penalty:
            fused = fused - fusion.form_penalty * signals.blank
        if signals.annex is not None and fusion.annex_penalty:
            fused = fused - fusion.annex_penalty * signals.annex
        return fused

    def _own_scores(self, content: list[str], rows: np.ndarray, header: np.ndarray, lexical,
                    ranked: np.ndarray) -> np.ndarray:
        """BM25 of the content words each passage's own document header does not hold, over the best
        content-word BM25 of the candidates (`ranked`), times its document's header score relative to the best
        one; for the few documents whose header scores best (``own_documents``, at least ``own_min_relative``
        of the best), 0 elsewhere."""
        own = np.zeros(len(rows), dtype=np.float32)
        best = float(header.max()) if len(header) else 0.0
        top = float(ranked.max()) if len(ranked) else 0.0
        if best <= 0 or top <= 0 or not content:
            return own
        relative = header / best
        documents = self._row_document[rows]
        for document in np.argsort(-relative, kind="stable")[: self.fusion.own_documents]:
            if relative[document] < self.fusion.own_min_relative:
                break
            inside = documents == document
            residual = self.headers.residual(content, int(document))
            if residual and inside.any():
                own[inside] = np.asarray(lexical.narrowed(residual).scores(rows[inside], {}), dtype=np.float32)
        return own / top * relative[documents]

    def row_types(self, rows: np.ndarray) -> np.ndarray:
        """``PASSAGE_TYPES`` bits of the rows' passages with their headings (read at load)."""
        return self._row_types[rows]

    def restored_tokens(self, analysis: QueryAnalysis) -> list[str]:
        """An accent-less query meets only the plain-syllable tokens, about half the BM25 of the same question
        typed with accents (whose accented syllables and words count too): add the accented tokens of its
        restored spelling, so both spellings rank, and score for abstention, alike."""
        if not analysis.accentless:
            return []
        restored = self._restorer.restore(analysis.text)
        return [token for token in self.tokenizer.query_tokens(restored) if token.startswith(ACCENTED_PREFIX)]

    def dense_query(self, analysis: QueryAnalysis) -> str:
        """The embedding model reads unaccented Vietnamese poorly: restore diacritics first."""
        if not analysis.accentless:
            return analysis.expanded
        restored = self._restorer.restore(analysis.text)
        return restored if not analysis.expansions else f"{restored} ({'; '.join(analysis.expansions)})"

    def _fuse(self, bm25: np.ndarray, dense: np.ndarray, weight: float | None = None,
              fusion: FusionSettings | None = None) -> np.ndarray:
        fusion = fusion or self.fusion
        weight = fusion.dense_weight if weight is None else weight
        if fusion.method == "rrf":
            return weight * _rrf(dense, fusion.rrf_k) + (1 - weight) * _rrf(bm25, fusion.rrf_k)
        return weight * _min_max(dense) + (1 - weight) * _min_max(bm25)

    def named_document(self, tokens: list[str], header: np.ndarray | None = None):
        """The document the question names by its header fields (``retriever.documents``), or None;
        always None when ``part_weight`` is 0 (the document signal off). `header`: the header scores of
        `tokens` when the caller has them."""
        if self.fusion.part_weight <= 0:
            return None
        return self.headers.named(tokens, self.fusion.named_margin, header)

    def asked_of(self, tokens: list[str], document: int) -> list[str]:
        """What the question asks of a document beyond naming it (``asked_beyond_header``)."""
        return self._header_words[document].asked_beyond(tokens)

    def _part_scores(self, tokens: list[str], rows: np.ndarray, named, lexical) -> np.ndarray | float:
        """What the question asks of the document it names: BM25 of its content tokens (question words left out)
        that do not name the document (``asked_of``), min-max over the candidates, scaled by each row's document
        header score relative to the named document's (``part_weight`` weighs it in ``combine``). Both backends
        score the rows through the same ``LexicalQuery.narrowed(residual).scores`` (the query's statistics reused)."""
        residual = self.asked_of(tokens, named.document)
        if not residual:
            return 0.0
        part = np.asarray(lexical.narrowed(residual).scores(rows, {}), dtype=np.float32)
        return _min_max(part) * named.relative[self._row_document[rows]]

    # ----------------------------------------------------------------- filters
    def restriction(self, filters: SearchFilters | None):
        """The backend's form of the filters (row ids locally, an expression in Milvus); None when
        no filter is set; _NOTHING when no document passes (checked over the records)."""
        documents = self.allowed_documents(filters)
        if documents is None:
            return None
        if not documents:
            return _NOTHING
        return self.retrieval.restrict(documents, filters, self._excluded(filters))

    def allowed_rows(self, filters: SearchFilters | None) -> np.ndarray | None:
        """Rows that pass the filters; None when no filter is set."""
        documents = self.allowed_documents(filters)
        if documents is None:
            return None
        return np.asarray(sorted(r for d in documents for r in self._doc_rows.get(d, [])), dtype=np.int64)

    def _excluded(self, filters: SearchFilters | None) -> set[str]:
        if filters is None or not filters.in_force:
            return set()
        if self.status_index is None:
            from retriever.status import StatusIndex

            self.status_index = StatusIndex(self.store)
        return self.status_index.not_in_force_documents(filters.as_of)

    def allowed_documents(self, filters: SearchFilters | None) -> list[str] | None:
        """Documents that pass the filters (over the records); None when no filter is set."""
        if filters is None or not filters.active():
            return None
        excluded = self._excluded(filters)
        return [doc_id for doc_id, stored in self.store.documents.items()
                if doc_id not in excluded and _record_passes(stored.record, filters)]

    # -------------------------------------------------------------------- hits
    def _hit(self, row: int, fused: float, bm25: float, dense: float) -> Hit:
        chunk = self.store.chunks[row]
        record = self.store.documents[chunk.doc_id].record
        return Hit(
            doc_id=chunk.doc_id, source=chunk.source, citation=format_citation(record, chunk.section),
            heading=HEADING_SEPARATOR.join(chunk.heading_path), text=chunk.text, score=round(float(fused), 4),
            start=chunk.start, end=chunk.end, chunk_id=chunk.chunk_id, section=chunk.section,
            type=record.type, number=record.number, date=record.date, issuer=record.issuer, title=record.title,
            bm25_score=round(float(bm25), 4), dense_score=round(float(dense), 4),
        )

    def _group_near_duplicates(self, hits: Iterable[Hit], k: int) -> list[Hit]:
        """Keep the best of passages that several documents copy; list the others in ``also_in``.

        `hits` is consumed lazily, best first: the candidates below the k-th kept hit (most of the
        ~100–200) are never turned into hits.
        """
        kept: list[Hit] = []
        for hit in hits:
            twin = next((h for h in kept if h.doc_id != hit.doc_id and self._same_text(h, hit)), None)
            if twin is None:
                kept.append(hit)
                if len(kept) >= k:
                    break
            elif hit.doc_id not in {a["doc_id"] for a in twin.also_in}:
                twin.also_in.append({"doc_id": hit.doc_id, "source": hit.source, "citation": hit.citation,
                                     "start": hit.start, "end": hit.end})
        return kept

    def _same_text(self, a: Hit, b: Hit) -> bool:
        grams_a, grams_b = self._trigrams_of(a), self._trigrams_of(b)
        smaller = min(len(grams_a), len(grams_b))
        shared = len(grams_a & grams_b)
        return smaller >= 5 and (shared / smaller >= NEAR_DUPLICATE_OVERLAP or shared >= NEAR_DUPLICATE_SHARED_TRIGRAMS)

    def _trigrams_of(self, hit: Hit) -> set[str]:
        if hit.chunk_id not in self._trigrams:
            self._trigrams[hit.chunk_id] = _trigrams(hit.text)
        return self._trigrams[hit.chunk_id]


# ---------------------------------------------------------------------- helpers
def use_query_threads(threads: int = QUERY_THREADS) -> None:
    """Process-wide thread settings: see retriever.runtime.configure_runtime (kept for old callers)."""
    configure_runtime(threads)


def _record_passes(record, filters: SearchFilters) -> bool:
    if filters.source and record.source != filters.source:
        return False
    if filters.type and match_key(filters.type) != match_key(record.type or ""):
        return False
    if filters.issuer and match_key(filters.issuer) not in match_key(record.issuer or ""):
        return False
    return not filters.year or (record.date or "").startswith(str(filters.year))


def _annex_rows(store) -> np.ndarray:
    """Whether each passage lies in an annex of its document: an appendix, or the text after its signature block
    (the recipients' list and the signature itself are not annexes: they answer who signed and who receives it)."""
    annex = np.zeros(len(store.chunks), dtype=bool)
    spans: dict[str, list[tuple[int, int]]] = {}
    for doc_id, stored in store.documents.items():
        root = getattr(stored, "root", None)
        if root is None:
            continue
        signed = False
        for node in root.children:
            if node.kind == "appendix" or (signed and node.kind not in ("signature", "recipients")):
                spans.setdefault(doc_id, []).append((node.start, node.end))
            signed = signed or node.kind == "signature"
    for row, chunk in enumerate(store.chunks):
        annex[row] = any(start <= chunk.start < end for start, end in spans.get(chunk.doc_id, ()))
    return annex


def _rows_by_document(chunks: list[Chunk]) -> dict[str, list[int]]:
    rows: dict[str, list[int]] = {}
    for row, chunk in enumerate(chunks):
        rows.setdefault(chunk.doc_id, []).append(row)
    return rows


def asked_beyond_header(tokens: list[str], header_tokens) -> list[str]:
    """The query ``tokens`` that ask something of a document beyond naming it by its header (``header_tokens``).

    A clerk who has the document in hand spends the words that named it: those its header prints, in either
    spelling of an abbreviated name (its "UBND" is the question's "Ủy ban nhân dân": ``retriever.query.ABBREVIATIONS``)
    and with or without a leading zero ("6 tháng" / "06 tháng"). When all that is left are joins of such words
    with one another or with a joining word ("của Sơn La" → "cua_son", "cơ sở là" → "so_la", a lone "là"), the
    question asks about the document as its title names it, not about whichever passages print such a join: nothing.
    Left in, those words point the search at any passage printing them — in a long document its appendix tables
    ("Ủy ban nhân dân cấp xã", "Mã TTHC") rather than the article that restates the title.

    >>> asked_beyond_header(["cua_son", "~ủy", "bao_nhieu"], {"ubnd", "cua", "son", "la"})
    ['cua_son', 'bao_nhieu']
    >>> asked_beyond_header(["cua_son", "~ủy", "la"], {"ubnd", "cua", "son"})
    []
    """
    return HeaderWords.of(header_tokens).asked_beyond(tokens)


@dataclass(frozen=True)
class HeaderWords:
    """The words that name one document by its header: its header tokens with their syllables joined as match_key
    (``spent``), and the syllables of both spellings of every abbreviated name it prints (``aliases``).  Built once
    per document when the searcher loads (``HybridSearcher``), so a question naming it only looks them up."""

    spent: frozenset[str]
    aliases: frozenset[str]

    @classmethod
    def of(cls, header_tokens) -> HeaderWords:
        spent = set(header_tokens) | {"_".join(_parts(token)) for token in header_tokens}
        return cls(frozenset(spent), frozenset(_ALIAS_SYLLABLES.aliases_of(spent)))

    def asked_beyond(self, tokens: list[str]) -> list[str]:
        """``asked_beyond_header`` with this document's words."""
        residual = [t for t in tokens if not _names_header(t, self.spent, self.aliases)]
        if all(_joins_header_words(t, self.spent, self.aliases) for t in residual):
            return []
        return residual


class _AliasSyllables:
    """The syllables of both spellings of each abbreviated name (``retriever.query.ABBREVIATIONS``): a header
    holding every syllable of one spelling holds the other's too."""

    def __init__(self):
        self.pairs = []
        for abbreviation, full in ABBREVIATIONS.items():
            short, long = set(re.findall(r"\w+", match_key(abbreviation))), set(re.findall(r"\w+", match_key(full)))
            if short and long:
                self.pairs.append((frozenset(short), frozenset(long)))

    def aliases_of(self, header_tokens) -> set[str]:
        found: set[str] = set()
        for short, long in self.pairs:
            if short <= header_tokens or long <= header_tokens:
                found |= short | long
        return found


_ALIAS_SYLLABLES = _AliasSyllables()


def _parts(token: str) -> list[str]:
    """The syllables of a BM25 token (a syllable, a bigram "cua_son", an accented word "~ban_nhân_dân"), as
    match_key with numbers bare of leading zeros."""
    return [_bare_number(match_key(part)) for part in token.lstrip(ACCENTED_PREFIX).split("_")]


def _bare_number(token: str) -> str:
    return (token.lstrip("0") or "0") if token.isdigit() else token


def _names_header(token: str, spent: set[str], aliases: set[str]) -> bool:
    """Whether a query token names the document by its header: printed there (a number with or without its
    leading zero), or every syllable of it the other spelling of a name the header prints."""
    parts = _parts(token)
    return token in spent or "_".join(parts) in spent or all(part in aliases for part in parts)


def _joins_header_words(token: str, spent: set[str], aliases: set[str]) -> bool:
    """Whether a query token only joins the header's words: a pair or compound of header syllables and joining
    words ("cua_son", "so_la"), or a joining word alone ("la")."""
    parts = _parts(token)
    if len(parts) == 1:
        return parts[0] in JOINING_WORDS
    return all(part in spent or part in aliases or part in JOINING_WORDS for part in parts)


def _trigrams(text: str) -> set[str]:
    syllables = re.findall(r"\w+", match_key(text))
    return {" ".join(syllables[i : i + 3]) for i in range(len(syllables) - 2)}


def _min_max(values: np.ndarray) -> np.ndarray:
    low, high = float(values.min()), float(values.max())
    if high - low < 1e-9:
        return np.where(values > 0, 1.0, 0.0).astype(np.float32) if high > 0 else np.zeros_like(values)
    return (values - low) / (high - low)


def _rrf(values: np.ndarray, k: int) -> np.ndarray:
    ranks = np.empty(len(values), dtype=np.float32)
    ranks[np.argsort(-values, kind="stable")] = np.arange(1, len(values) + 1)
    return 1.0 / (k + ranks)


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000

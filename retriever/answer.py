"""Extractive question answering: a short answer, the passage that says it, a citation.

No language model is needed.  ``Answerer.ask(question)``:

1. detects the question type (:func:`detect_kind`): ``agency`` (Sở nào, cơ quan nào,
   ai chủ trì), ``number`` (bao nhiêu, tỷ lệ, mấy), ``date`` (ngày nào, khi nào, thời
   hạn), ``signer`` (ai ký), ``person`` (… là ai), ``document`` (văn bản nào, quyết định
   nào, số hiệu) or ``what`` (everything else: the clause itself is the answer);
2. answers metadata questions about a named act from the records and the citation
   graph (who signed 542/KH-UBND, when was 16/CT-TTg issued, which documents
   implement 25-CT/TW);
3. otherwise searches (``HybridSearcher``), cuts the top passages into *units* —
   sentences (underthesea, mapped back to offsets), bullet points, table rows — scores
   each unit by the IDF-weighted share of the question's words it (and its heading
   path) contains, and extracts a typed answer from the best units: an agency from
   the sentence's subject or the heading above it, a number with its unit, a date or
   quarter, an act number;
4. abstains when the corpus does not answer (see :data:`ABSTAIN`), with a message
   and no quotes.

Every quote is ``store.documents[doc_id].text[start:end]``; ``answer_start`` /
``answer_end`` (absolute offsets in the cleaned text) mark the short answer inside
the quote that contains it.
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from corpus.errors import UserError
from corpus.model import HEADING_SEPARATOR, Node
from corpus.vietnamese import match_key, nfc
from retriever.formatting import document_label, format_citation
from retriever.search import HybridSearcher, SearchFilters

ABSTAIN_MESSAGE = (
    "Không tìm thấy nội dung liên quan trong các văn bản đã lập chỉ mục "
    "(nothing relevant was found in the indexed documents)."
)


@dataclass(frozen=True)
class AbstainSettings:
    """When to say "nothing relevant was found" (calibrated in tests/test_answer.py).

    ``coverage`` is the IDF-weighted share of the question's content words found in
    the best passage (with its heading path); ``unknown_names`` counts capitalised
    names in the question ("Quảng Ninh", "Chợ Rẫy") found nowhere in the corpus.
    """

    min_coverage: float = 0.30  # below: abstain whatever the dense score
    weak_coverage: float = 0.45  # below, with the top hit's cosine (e5-small) under
    weak_dense: float = 0.88  # this: abstain (paraphrases keep a high cosine)
    confident_coverage: float = 0.65  # below, with the cosine under
    min_dense: float = 0.85  # this: abstain
    max_unknown_names: int = 0  # more names of the question unknown to the corpus than this: abstain


ABSTAIN = AbstainSettings()

SEARCH_K = 8  # passages considered
MAX_QUOTES = 3
QUOTE_RELATIVE = 0.8  # extra quotes must score at least this share of the best unit
MERGE_HEADING_CHARS = 700  # a heading joins the quote when heading + sentence fit in this


@dataclass
class Quote:
    text: str
    citation: str
    doc_id: str
    source: str
    heading: str
    start: int
    end: int
    answer_start: int | None = None
    answer_end: int | None = None
    score: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["score"] = round(self.score, 4)
        return data


@dataclass
class Answer:
    question: str
    answer: str | None
    abstained: bool
    quotes: list[Quote]
    took_ms: float
    message: str | None = None
    kind: str = "what"
    generated: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "kind": self.kind,
            "quotes": [q.to_dict() for q in self.quotes],
            "took_ms": round(self.took_ms, 2),
        }
        if self.message:
            data["message"] = self.message
        if self.generated is not None:
            data["generated"] = self.generated
        return data


# =========================================================================== question types

_KIND_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("signer", re.compile(r"\b(ai ky|nguoi ky|ky boi ai|do ai ky|ai la nguoi ky|ai da ky)\b")),
    ("document", re.compile(
        r"\b(van ban nao|van ban gi|nhung van ban|so hieu|so may|so bao nhieu"
        r"|(quyet dinh|nghi quyet|chi thi|thong bao|cong van|cong dien|ke hoach|luat|nghi dinh|thong tu"
        r"|chuong trinh hanh dong|ket luan) (nao|gi)\b)")),
    ("date", re.compile(
        r"\b(ngay nao|khi nao|bao gio|luc nao|thoi han|han chot|thang nao|nam nao|quy nao|thoi diem nao"
        r"|thoi gian nao|han hoan thanh|de ngay|ngay bao nhieu|vao ngay)\b")),
    ("number", re.compile(r"\b(bao nhieu|may|ty le|so luong|phan tram|muc bao nhieu)\b")),
    ("person", re.compile(r"\b(la ai|ai la|ten gi)\b")),
    ("agency", re.compile(
        r"\b(so nao|co quan nao|don vi nao|phong nao|ban nao|nganh nao|to chuc nao|tinh nao|huyen nao|cap nao"
        r"|ai|ve dau)\b")),
]


def detect_kind(question: str) -> str:
    """agency | number | date | signer | person | document | what.

    >>> detect_kind("Sở nào chủ trì y tế trường học?"), detect_kind("ai ky ke hoach 542 nghe an")
    ('agency', 'signer')
    >>> detect_kind("Quận Kiến An có bao nhiêu phường?"), detect_kind("Nghị quyết số mấy?")
    ('number', 'document')
    """
    key = " ".join(re.sub(r"[^\w/%-]+", " ", match_key(question)).split())
    for kind, pattern in _KIND_PATTERNS:
        if pattern.search(key):
            if kind == "person" and not re.search(r"\b(chu tich|giam doc|truong|pho|bi thu|nguoi)\b", key):
                continue
            return kind
    return "what"


# =========================================================================== text helpers

_WORD = re.compile(r"\w+")
# Question words and function words: not evidence that a passage is relevant.
_STOPWORDS = set("""
nao gi ai la cua o co duoc khong khi may the nhu lam sao bao nhieu va cho ve de theo tai trong voi
nhung cac mot phai gom hay dau tu den vao nay do thi ma nhat se da dang bi boi nguoi ra len roi
""".split())


def _syllables(text: str) -> list[str]:
    return _WORD.findall(match_key(text))


def _content(tokens) -> list[str]:
    return [t for t in tokens if t not in _STOPWORDS]


_LABEL_ONLY = re.compile(r"^(?:[IVXLC]+\.|\d+(?:\.\d+)*\.?|[a-zđ]\)|\(\d+\)|[-+•*])$")

# Agencies: a head word, then the rest of the name.
_AGENCY_HEADS = (
    r"Sở|Phòng|Ban|Bảo hiểm xã hội|BHXH|Công an|Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Trung tâm|Thanh tra|"
    r"Văn phòng|Cục|Chi cục|Bộ|Bệnh viện|Trạm y tế|Chủ tịch|Hội|Mặt trận|Ủy ban Mặt trận|Đài|Ngân hàng|"
    r"Tỉnh ủy|Tỉnh uỷ|Quận ủy|Huyện ủy|Thành ủy|Liên đoàn|Đoàn|Kho bạc|Cục Thuế|Quân sự|Bộ Chỉ huy|Viện"
)
_AGENCY_HEAD = re.compile(rf"(?<![\w])(?:Giao\s+)?(?:các\s+)?({_AGENCY_HEADS})(?![\w])")
# Lower-case words that continue an agency name ("Bảo hiểm xã hội tỉnh", "UBND cấp huyện").
_ADMIN_WORDS = {"tỉnh", "quận", "huyện", "thành", "phố", "thị", "xã", "phường", "cấp", "các", "Sở", "sở",
                "trung", "ương", "thị", "trấn"}
_NAME_STOP = {"chủ", "phối", "tiếp", "tham", "có", "chịu", "thực", "theo", "để", "chỉ", "hướng", "tổ", "triển",
              "khẩn", "kiến", "đề", "và", "với", "phải", "cần", "được", "là", "tại", "trong", "về", "căn",
              "tăng", "đẩy", "rà", "nghiên", "thường", "xây", "bố", "nắm", "ban", "hành", "yêu", "giao", "đã",
              "sẽ", "đang", "cấp", "thẩm", "trình", "quyết", "đưa", "giải", "làm"}
_ORG_VERBS = re.compile(r"^\s*(?:,\s*)?(?:chủ trì|phối hợp|tiếp tục|tham mưu|có trách nhiệm|chịu trách nhiệm|"
                        r"thực hiện|chỉ đạo|hướng dẫn|tổ chức|triển khai|khẩn trương|kiến nghị|đề xuất|rà soát|:)",
                        re.IGNORECASE)


def _agency_spans(text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    """(start, end, name) of agency names in ``text`` (offsets + ``offset``)."""
    spans = []
    for head in _AGENCY_HEAD.finditer(text):
        start = head.start(1)
        end = base = head.end(1)
        window = text[base:base + 120]
        words = list(re.finditer(r"[^\s,;:.()“”\"/]+|\s-\s", window))
        previous_capital = True
        taken = 0
        for word in words:
            gap = window[(end - base):word.start()]
            if taken and gap.strip():
                break  # punctuation between words ends the name
            if not taken and gap.strip():
                break
            token = word.group(0).strip()
            if token == "-":
                following = words[words.index(word) + 1] if words.index(word) + 1 < len(words) else None
                if following and following.group(0)[:1].isupper():
                    end = base + word.end()
                    continue
                break
            if token in ("và", "&") and taken:
                nxt = words[words.index(word) + 1] if words.index(word) + 1 < len(words) else None
                if nxt and nxt.group(0)[:1].isupper() and not _AGENCY_HEAD.match(nxt.group(0)):
                    end = base + word.end()
                    previous_capital = False
                    continue
                break
            if token[:1].isupper() and not _AGENCY_HEAD.fullmatch(token) or token in ("Sở",) and taken == 0:
                previous_capital = True
            elif token in _ADMIN_WORDS:
                previous_capital = False
            elif previous_capital and token.lower() not in _NAME_STOP and token.isalpha():
                previous_capital = False  # second syllable of a capitalised word: "Giáo dục"
            else:
                break
            end = base + word.end()
            taken += 1
            if taken >= 10:
                break
        name = text[start:end].rstrip()
        end = start + len(name)
        if len(name.split()) >= 2 or name in ("BHXH",):
            spans.append((offset + start, offset + end, name))
    return spans


# Numbers with units.
_NUMBER_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
                 "mười": 10, "mot": 1}
_NUMBER = re.compile(r"(?<![\w/.,])(\d+(?:[.,]\d+)*)(?![\w/]|[.,]\d)(\s*%)?")
_QUALIFIER = re.compile(r"(?:trên|dưới|ít nhất|tối thiểu|tối đa|khoảng|hơn|gần)\s+$", re.IGNORECASE)
_UNIT_WORDS = {"tuổi", "năm", "trạm", "mẫu", "kỹ", "đơn", "phường", "xã", "điều", "lần", "người", "bác", "giường",
               "cơ", "tỷ", "triệu", "đồng", "huyện", "bệnh", "trường", "tháng", "ngày", "học", "nhiệm", "hộ",
               "thôn", "xóm", "bản", "khoa", "loại", "chỉ", "bước", "trụ", "nhóm", "vị", "kíp", "lượt"}

# Dates, quarters, deadlines (on the original text).
_DATE_PATTERNS = [
    re.compile(r"(?<!\w)(?:trước\s+)?ngày\s+\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}", re.IGNORECASE),
    re.compile(r"(?<![\w/])\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}(?![\w/])"),
    re.compile(r"(?<!\w)(?:ngày\s+)?\d{1,2}\s+tháng\s+\d{1,2}\s*,?\s+năm\s+\d{4}", re.IGNORECASE),
    re.compile(r"(?<!\w)ngày\s+tháng\s+\d{1,2}\s+năm\s+\d{4}", re.IGNORECASE),
    re.compile(r"(?<!\w)quý\s+(?:[1-4]|IV|I{1,3})(?:\s*/\s*\d{4}|\s+năm\s+\d{4})?(?!\w)", re.IGNORECASE),
    re.compile(r"(?<!\w)(?:6|06|9|09)\s+tháng\s+(?:đầu\s+)?năm(?:\s+\d{4})?", re.IGNORECASE),
    re.compile(r"(?<!\w)tháng\s+\d{1,2}\s*(?:/\s*\d{4}|\s+năm\s+\d{4})", re.IGNORECASE),
    re.compile(r"(?<![\w-])năm\s+\d{4}(?![\w-]|\s*-\s*\d)", re.IGNORECASE),
]
_DEADLINE_CUE = re.compile(r"(hoàn thành|trước|thời hạn|dự kiến|vào|trong|chậm nhất|đến hết|xong)\s*$", re.IGNORECASE)

_SURNAMES = ("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn Vương Trịnh "
             "Trương Lâm Mai Đinh Tô Hà Cao Chu Lương Tạ Thái Văn Quách Kiều Lưu Triệu Đàm Mạc Hứa Tăng").split()
_PERSON = re.compile(
    r"(?<![\w])(?:" + "|".join(_SURNAMES) + r")(?:\s+[A-ZÀ-Ỹ][\wÀ-ỹ]*){1,3}"
)


# =========================================================================== units


@dataclass
class Unit:
    """A quotable span: a sentence, a bullet point or a table row."""

    doc_id: str
    start: int
    end: int
    chunk_row: int
    heading: str
    section: str
    kind: str  # "sentence" | "row"
    cells: list[str] | None = None
    header: list[str] | None = None


@dataclass
class _Candidate:
    unit: Unit
    score: float
    hit_score: float


class Answerer:
    """Answers questions over one loaded index; safe to share read-only."""

    def __init__(self, searcher: HybridSearcher, generator=None):
        from retriever.citations import CitationIndex

        self.searcher = searcher
        self.store = searcher.store
        self.generator = generator
        self.citations = CitationIndex(self.store)
        self._units: dict[int, list[Unit]] = {}
        self._sentences: dict[str, list[tuple[int, int]]] = {}
        self._rows: dict[str, list[tuple[Node, list[str]]]] = {}
        self._headings: dict[str, list[Node]] = {}
        self._doc_syllables: dict[str, set[str]] = {}
        self._idf, self._max_idf = self._document_frequencies()

    @classmethod
    def load(cls, index_dir: Path | str | None = None, model: str | None = None, generator=None) -> "Answerer":
        from retriever.generation import generator_from_env

        searcher = HybridSearcher.load(Path(index_dir) if index_dir else None, model)
        return cls(searcher, generator if generator is not None else generator_from_env())

    # ------------------------------------------------------------------ public
    def ask(self, question: str, filters: SearchFilters | None = None) -> Answer:
        started = time.perf_counter()
        text = " ".join(nfc(question or "").split())
        if not text:
            raise UserError("Câu hỏi trống: hãy nhập câu hỏi (empty question).")
        kind = detect_kind(text)
        answer = self._metadata_answer(text, kind)
        if answer is None:
            answer = self._retrieval_answer(text, kind, filters)
        answer.question = text
        answer.kind = kind
        if self.generator is not None and not answer.abstained and answer.quotes:
            try:
                answer.generated = self.generator.generate(text, answer.quotes, answer.answer)
            except Exception as error:  # noqa: BLE001 - any failure falls back to the extractive answer
                note = f"Không dùng được mô hình ngôn ngữ ({type(error).__name__}: {str(error)[:120]}); " \
                       "đây là câu trả lời trích xuất."
                answer.message = f"{answer.message} {note}" if answer.message else note
        answer.took_ms = (time.perf_counter() - started) * 1000
        return answer

    # ============================================================ retrieval route
    def _ranked(self, question: str, filters: SearchFilters | None = None):
        """(search result, question word weights, answer units best first) for a question."""
        result = self.searcher.search(question, k=SEARCH_K, filters=filters)
        if not result.hits:
            return result, {}, []
        weights = self._question_weights(question, result.analysis.expansions if result.analysis else [])
        return result, weights, self._score_units(result.hits, weights)

    def _retrieval_answer(self, question: str, kind: str, filters: SearchFilters | None) -> Answer:
        result, weights, candidates = self._ranked(question, filters)
        if not result.hits:
            return Answer(question, None, True, [], 0.0, result.message or ABSTAIN_MESSAGE, kind)
        best = candidates[0] if candidates else None
        if best is None or self._should_abstain(self._signals(question, weights, best, result.hits[0])):
            return Answer(question, None, True, [], 0.0, ABSTAIN_MESSAGE, kind)
        extracted = self._extract(kind, question, weights, candidates)
        quotes: list[Quote] = []
        if extracted is not None:
            cand, ans_start, ans_end, answer_text = extracted
            quotes.append(self._quote(cand.unit, cand.score, ans_start, ans_end))
        else:
            answer_text = None
            cand = best
            if kind == "what":
                clause = self._clause(best.unit)
                quotes.append(self._quote(best.unit, best.score, *clause))
                answer_text = self.store.documents[best.unit.doc_id].text[clause[0]:clause[1]]
            else:
                quotes.append(self._quote(best.unit, best.score))
        for other in candidates:
            if len(quotes) >= MAX_QUOTES or other.score < QUOTE_RELATIVE * best.score:
                break
            if any(q.doc_id == other.unit.doc_id and q.start < other.unit.end and other.unit.start < q.end
                   for q in quotes):
                continue
            if any(q.doc_id == other.unit.doc_id and self.store.documents[q.doc_id].text[q.start:q.end]
                   == self.store.documents[other.unit.doc_id].text[other.unit.start:other.unit.end] for q in quotes):
                continue
            quotes.append(self._quote(other.unit, other.score))
        return Answer(question, answer_text, False, quotes, 0.0, None, kind)

    def _signals(self, question: str, weights: dict[str, float], best: _Candidate | None, top_hit) -> dict:
        """Abstention signals: passage coverage, dense and BM25 scores, unknown names."""
        coverage = 0.0
        if best is not None:
            unit_coverage = self._coverage(weights, self._unit_words(best.unit))
            chunk = self.store.chunks[best.unit.chunk_row]
            chunk_coverage = self._coverage(weights, set(_syllables(chunk.context)))
            coverage = max(unit_coverage, 0.9 * chunk_coverage)
        return {"coverage": round(coverage, 3), "dense": float(top_hit.dense_score) if top_hit else 0.0,
                "bm25": float(top_hit.bm25_score) if top_hit else 0.0,
                "unknown_names": self._unknown_names(question)}

    @staticmethod
    def _should_abstain(signals: dict) -> bool:
        if signals["unknown_names"] and len(signals["unknown_names"]) > ABSTAIN.max_unknown_names:
            return True
        coverage, dense = signals["coverage"], signals["dense"]
        if coverage < ABSTAIN.min_coverage:
            return True
        if coverage < ABSTAIN.weak_coverage and dense < ABSTAIN.weak_dense:
            return True
        return coverage < ABSTAIN.confident_coverage and dense < ABSTAIN.min_dense

    def abstention_features(self, question: str) -> dict:
        """The signals abstention uses, for calibration (tests, eval)."""
        result, weights, candidates = self._ranked(question)
        if not result.hits:
            return {"coverage": 0.0, "dense": 0.0, "bm25": 0.0, "unknown_names": [], "abstain": True}
        signals = self._signals(question, weights, candidates[0] if candidates else None, result.hits[0])
        signals["abstain"] = self._should_abstain(signals)
        return signals

    def _unknown_names(self, question: str) -> list[str]:
        """Capitalised names in the question that appear nowhere in the corpus ("Quảng Ninh", "Đà Nẵng").

        Compared with accents when the question has them ("Nẵng" is not "nâng").
        """
        from corpus.vietnamese import has_diacritics, tone_key

        accented = has_diacritics(question)
        key_of = tone_key if accented else match_key
        words_known, pairs_known = self._corpus_vocabulary(accented)
        unknown = []
        words = list(re.finditer(r"[^\W\d_]+", question))
        capital = [w.group(0)[:1].isupper() and not w.group(0).isupper() for w in words]
        for i, word in enumerate(words):
            if not capital[i] or (i == 0 and not (len(words) > 1 and capital[1])):
                continue
            key = key_of(word.group(0))
            if match_key(key) in _STOPWORDS:
                continue
            if key not in words_known:
                unknown.append(word.group(0))
        for i in range(len(words) - 1):
            if capital[i] and capital[i + 1] and not question[words[i].end():words[i + 1].start()].strip():
                pair = f"{key_of(words[i].group(0))} {key_of(words[i + 1].group(0))}"
                if pair not in pairs_known:
                    unknown.append(f"{words[i].group(0)} {words[i + 1].group(0)}")
        return unknown

    def _corpus_vocabulary(self, accented: bool) -> tuple[set[str], set[str]]:
        cache = self.__dict__.setdefault("_vocabulary", {})
        if accented not in cache:
            from corpus.vietnamese import tone_key

            key_of = tone_key if accented else match_key
            words, pairs = set(), set()
            for stored in self.store.documents.values():
                tokens = re.findall(r"[^\W\d_]+", key_of(stored.text))
                words.update(tokens)
                pairs.update(f"{a} {b}" for a, b in zip(tokens, tokens[1:]))
            cache[accented] = (words, pairs)
        return cache[accented]

    # ------------------------------------------------------------------ scoring
    def _document_frequencies(self) -> tuple[dict[str, float], float]:
        df: dict[str, int] = {}
        for chunk in self.store.chunks:
            for token in set(_syllables(chunk.context)):
                df[token] = df.get(token, 0) + 1
        for doc_id, stored in self.store.documents.items():
            self._doc_syllables[doc_id] = set(_syllables(stored.text))
        n = max(len(self.store.chunks), 1)
        idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
        return idf, math.log((n + 1) / 0.5)

    def _question_weights(self, question: str, expansions: list[str]) -> dict[str, float]:
        from retriever.query import ABBREVIATIONS

        key = match_key(question)
        tokens = _content(_syllables(question))
        for expansion in expansions:
            tokens += _content(_syllables(expansion))
        # An abbreviation with its expansion present counts through the expansion only.
        for abbr in ABBREVIATIONS:
            abbr_key = match_key(abbr)
            if re.search(rf"(?<![\w&]){re.escape(abbr_key)}(?![\w&])", key) and any(
                match_key(ABBREVIATIONS[abbr]) == match_key(e) for e in expansions
            ):
                for t in _syllables(abbr):
                    while t in tokens:
                        tokens.remove(t)
        weights: dict[str, float] = {}
        for token in tokens:
            weights[token] = self._idf.get(token, self._max_idf)
        return weights

    @staticmethod
    def _coverage(weights: dict[str, float], words: set[str]) -> float:
        total = sum(weights.values())
        if total <= 0:
            return 0.0
        return sum(w for t, w in weights.items() if t in words) / total

    def _unit_words(self, unit: Unit) -> set[str]:
        text = self.store.documents[unit.doc_id].text[unit.start:unit.end]
        words = set(_syllables(text)) | set(_syllables(unit.heading))
        if unit.header:
            words |= set(_syllables(" ".join(unit.header)))
        return words

    def _score_units(self, hits, weights: dict[str, float]) -> list[_Candidate]:
        candidates = []
        top = hits[0].score or 1.0
        for rank, hit in enumerate(hits):
            for unit in self._chunk_units(hit.chunk_id):
                words = self._unit_words(unit)
                record = self.store.documents[unit.doc_id].record
                doc_words = set(_syllables(" ".join(filter(None, [record.title, record.issuer, record.place]))))
                coverage = self._coverage(weights, words)
                doc_coverage = self._coverage(weights, words | doc_words)
                length = unit.end - unit.start
                score = (coverage + 0.5 * doc_coverage + 0.35 * (hit.score / top)
                         - (0.15 if length < 25 else 0.0) - (0.05 if length > 600 else 0.0))
                candidates.append(_Candidate(unit, score, hit.score))
        candidates.sort(key=lambda c: -c.score)
        return candidates

    # ------------------------------------------------------------------ units
    def _chunk_units(self, chunk_id: str) -> list[Unit]:
        row = self._row_of(chunk_id)
        if row in self._units:
            return self._units[row]
        chunk = self.store.chunks[row]
        text = self.store.documents[chunk.doc_id].text
        heading = HEADING_SEPARATOR.join(chunk.heading_path)
        units: list[Unit] = []
        if chunk.kind == "table":
            for node, header in self._table_rows(chunk.doc_id):
                if node.start < chunk.end and chunk.start < node.end:
                    start, end = max(node.start, chunk.start), min(node.end, chunk.end)
                    units.append(Unit(chunk.doc_id, start, end, row, heading, chunk.section, "row",
                                      node.cells, header))
        if not units:
            for start, end in self._sentence_spans(chunk.doc_id):
                if start >= chunk.start and end <= chunk.end and text[start:end].strip():
                    units.append(Unit(chunk.doc_id, start, end, row, heading, chunk.section, "sentence"))
        if not units:
            units.append(Unit(chunk.doc_id, chunk.start, chunk.end, row, heading, chunk.section, "sentence"))
        self._units[row] = units
        return units

    def _row_of(self, chunk_id: str) -> int:
        if not hasattr(self, "_row_index"):
            self._row_index = {c.chunk_id: i for i, c in enumerate(self.store.chunks)}
        return self._row_index[chunk_id]

    def _sentence_spans(self, doc_id: str) -> list[tuple[int, int]]:
        """Sentences (underthesea) with bare labels ("3.", "a)") joined to what follows."""
        if doc_id in self._sentences:
            return self._sentences[doc_id]
        from corpus.acts import sentence_spans

        text = self.store.documents[doc_id].text
        merged: list[tuple[int, int]] = []
        pending: int | None = None
        for start, end in sentence_spans(text):
            piece = text[start:end].strip()
            if pending is not None:
                if "\n" not in text[pending:start]:
                    start = pending
                else:
                    merged.append((pending, pending + len(text[pending:].split("\n", 1)[0].rstrip())))
                pending = None
            if _LABEL_ONLY.match(piece) or len(piece) < 4:
                pending = start
                continue
            merged.append((start, end))
        self._sentences[doc_id] = merged
        return merged

    def _table_rows(self, doc_id: str) -> list[tuple[Node, list[str]]]:
        if doc_id not in self._rows:
            rows: list[tuple[Node, list[str]]] = []

            def walk(node: Node, header: list[str]) -> None:
                if node.kind == "table":
                    header = node.cells or header
                if node.kind == "row":
                    rows.append((node, header))
                for child in node.children:
                    walk(child, header)

            walk(self.store.documents[doc_id].root, [])
            self._rows[doc_id] = rows
        return self._rows[doc_id]

    def _heading_nodes(self, doc_id: str, position: int) -> list[Node]:
        """Titled structure nodes containing ``position``, outermost first."""
        path: list[Node] = []
        node = self.store.documents[doc_id].root
        while True:
            inner = next((c for c in node.children if c.start <= position < c.end), None)
            if inner is None:
                return path
            if inner.title:
                path.append(inner)
            node = inner

    # ------------------------------------------------------------------ quotes
    def _quote(self, unit: Unit, score: float, answer_start: int | None = None,
               answer_end: int | None = None) -> Quote:
        start, end = unit.start, unit.end
        if answer_start is not None:
            start, end = min(start, answer_start), max(end, answer_end)
        stored = self.store.documents[unit.doc_id]
        text = stored.text
        # Trim whitespace so the quote is tidy (still text[start:end]).
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return Quote(text[start:end], format_citation(stored.record, unit.section), unit.doc_id,
                     stored.record.source, unit.heading, start, end, answer_start, answer_end, score)

    def _clause(self, unit: Unit) -> tuple[int, int]:
        """The unit without its leading label or bullet: the 'what' answer."""
        text = self.store.documents[unit.doc_id].text
        start, end = unit.start, unit.end
        lead = re.match(r"\s*(?:[-+•*]|\(\d+\)|[a-zđ]\)|\d+(?:\.\d+)*\.)\s+", text[start:end])
        if lead and lead.end() < end - start:
            start += lead.end()
        return start, end

    # ============================================================ extraction
    def _extract(self, kind: str, question: str, weights: dict[str, float], candidates: list[_Candidate]):
        """(candidate, answer_start, answer_end, answer_text) or None."""
        if kind not in ("agency", "number", "date", "person", "document", "signer"):
            return None
        best_score = candidates[0].score
        options = []
        for rank, cand in enumerate(candidates[:24]):
            if cand.score < best_score - 0.45:
                break
            found = self._extract_from(kind, question, weights, cand)
            if found is not None:
                start, end, local = found
                options.append((cand.score + local, rank, cand, start, end))
        if not options:
            return None
        options.sort(key=lambda o: (-o[0], o[1]))
        _, _, cand, start, end = options[0]
        text = self.store.documents[cand.unit.doc_id].text
        return cand, start, end, text[start:end]

    def _extract_from(self, kind, question, weights, cand: _Candidate):
        unit = cand.unit
        if kind == "agency":
            return self._extract_agency(question, unit)
        if kind == "number":
            return self._extract_number(question, weights, unit)
        if kind == "date":
            return self._extract_date(question, weights, unit)
        if kind in ("person", "signer"):
            return self._extract_person(question, unit)
        if kind == "document":
            return self._extract_act(question, weights, unit)
        return None

    # --- agency
    def _extract_agency(self, question: str, unit: Unit):
        text = self.store.documents[unit.doc_id].text
        qkey = match_key(question)
        wanted_head = re.search(r"\b(so|phong|ban|cong an|bao hiem xa hoi|uy ban|ubnd|trung tam) nao\b", qkey)
        wants_lead = "chu tri" in qkey

        def acceptable(name: str) -> bool:
            key = match_key(name)
            if key in qkey or len(key) < 4:
                return False
            if wanted_head and not key.startswith(wanted_head.group(1)):
                return False
            return True

        body = text[unit.start:unit.end]
        spans = [s for s in _agency_spans(body, unit.start) if acceptable(s[2])]
        # Table rows: the lead-agency column.
        if unit.kind == "row" and unit.cells and unit.header:
            column = next((i for i, h in enumerate(unit.header) if "chu tri" in match_key(h)), None)
            if column is not None and column < len(unit.cells):
                cell = unit.cells[column]
                found = body.find(cell)
                if found >= 0 and acceptable(cell):
                    return unit.start + found, unit.start + found + len(cell), 0.3
        lead = re.match(r"\s*(?:[-+•*]|\(\d+\)|[a-zđ]\)|\d+(?:\.\d+)*\.)?\s*(?:Giao\s+)?", body)
        lead_at = unit.start + (lead.end() if lead else 0)
        # 1. The sentence's subject: "Phòng Y tế chủ trì…", "Giao Thanh tra Sở chủ trì…".
        for start, end, name in spans:
            if start == lead_at or (start - lead_at <= 6 and re.match(r"\s*(?:các\s+)?$", text[lead_at:start])):
                if _ORG_VERBS.match(text[end:end + 40]) or not wants_lead:
                    return start, end, 0.3
        # 2. The heading above a sentence that starts with a verb ("Chủ trì phối hợp…").
        for node in reversed(self._heading_nodes(unit.doc_id, unit.start)):
            line_end = text.find("\n", node.start)
            line_end = node.end if line_end < 0 else min(line_end, node.end)
            heading_spans = [s for s in _agency_spans(text[node.start:line_end], node.start) if acceptable(s[2])]
            whole = re.match(r"\s*(?:[IVXLC]+\.|\d+(?:\.\d+)*\.|[a-zđ]\))\s*((?:%s)\s[^:;,.()]{2,80}?)\s*:?\s*$" % _AGENCY_HEADS,
                             text[node.start:line_end])
            if whole and len(whole.group(1).split()) <= 9 and acceptable(whole.group(1)) and (
                    not heading_spans or heading_spans[0][0] == node.start + whole.start(1)):
                return node.start + whole.start(1), node.start + whole.end(1), 0.25
            if heading_spans:
                start, end, _ = heading_spans[0]
                return start, end, 0.25
            if re.search(r"\b(Sở|sở)\s", text[node.start:line_end]) and not heading_spans:
                continue
        # 3. "X chủ trì" anywhere in the sentence, else the first agency named.
        for start, end, name in spans:
            if _ORG_VERBS.match(text[end:end + 40]) and "chủ trì" in text[end:end + 20]:
                return start, end, 0.2
        if spans:
            return spans[0][0], spans[0][1], 0.0
        return None

    # --- numbers
    def _extract_number(self, question: str, weights: dict[str, float], unit: Unit):
        text = self.store.documents[unit.doc_id].text
        body = text[unit.start:unit.end]
        qkey = match_key(question)
        wanted = re.search(r"\b(?:bao nhieu|may)\s+(\w+(?:\s\w+)?)", qkey)
        wanted_unit = _content(wanted.group(1).split()) if wanted else []
        wanted_unit = [w for w in wanted_unit if w not in ("phan", "tram")]
        wants_percent = bool(re.search(r"ty le|phan tram|%", qkey))
        question_numbers = set(re.findall(r"\d+(?:[.,]\d+)?", qkey))
        options = []
        for match in _NUMBER.finditer(body):
            value = match.group(1)
            start = unit.start + match.start()
            end = unit.start + match.end()
            after = body[match.end():match.end() + 30]
            unit_words = re.match(r"\s+([^\W\d]+)(?:\s+([^\W\d]+))?", after)
            percent = bool(match.group(2))
            if value in question_numbers and (percent or not wanted_unit):
                continue
            if re.fullmatch(r"(19|20)\d\d", value) and not percent:
                continue
            line_start = body.rfind("\n", 0, match.start()) + 1
            if re.fullmatch(r"\s*", body[line_start:match.start()]) and re.match(r"[.)]", body[match.end():match.end() + 1] or " "):
                continue  # a list label "1."
            if re.match(r"\s*[/-]\s*\d", body[match.end():match.end() + 3]):
                continue  # part of a date or ratio
            if re.match(r"\s+tháng\s+\d", body[match.end():match.end() + 12]) or re.search(
                    r"(?:ngày|tháng)\s+$", body[max(0, match.start() - 8):match.start()]):
                continue  # "ngày 09 tháng 7 năm 2024"
            score = 0.0
            if percent:
                end = unit.start + match.end()
                score += 0.5 if wants_percent else 0.1
            elif unit_words:
                words = [w for w in unit_words.groups() if w]
                keys = [match_key(w) for w in words]
                if wanted_unit and keys[: len(wanted_unit)] == wanted_unit[: len(keys)]:
                    score += 0.8
                    end = unit.start + match.end() + unit_words.end(len([w for w in words[: len(wanted_unit)]]))
                elif wanted_unit and keys[0] == wanted_unit[0]:
                    score += 0.6
                    end = unit.start + match.end() + unit_words.end(1)
                elif words[0].lower() in _UNIT_WORDS:
                    score += 0.2
                    end = unit.start + match.end() + unit_words.end(1)
                    if words[0].lower() == "năm" and value in question_numbers:
                        continue
            elif value in question_numbers:
                continue
            qualifier = _QUALIFIER.search(body[max(0, match.start() - 15):match.start()])
            if qualifier:
                start -= len(qualifier.group(0))
            score += 0.9 * self._proximity(weights, body[max(0, match.start() - 100):match.start()],
                                           body[match.end():match.end() + 60])
            options.append((score, start, end))
        # Number words followed by the unit the question asks for: "ít nhất một bác sĩ".
        if wanted_unit:
            unit_pattern = r"\s+".join(re.escape(w) for w in wanted_unit)
            for match in re.finditer(r"(?<!\w)(một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+(\w+(?:\s+\w+)?)", body):
                if re.match(unit_pattern, match_key(match.group(2))):
                    start = unit.start + match.start()
                    qualifier = _QUALIFIER.search(body[max(0, match.start() - 15):match.start()])
                    if qualifier:
                        start -= len(qualifier.group(0))
                    score = 0.8 + 0.6 * self._local_overlap(weights, body[max(0, match.start() - 80):match.start()])
                    options.append((score, start, unit.start + match.end()))
        if not options:
            return None
        options.sort(key=lambda o: -o[0])
        score, start, end = options[0]
        return start, end, score

    def _proximity(self, weights: dict[str, float], before: str, after: str) -> float:
        """Question words near a candidate, nearer counting more (before it more than after)."""
        total = sum(weights.values()) or 1.0
        best: dict[str, float] = {}
        for distance, token in enumerate(reversed(_syllables(before))):
            if token in weights:
                best[token] = max(best.get(token, 0.0), 1.0 / (1.0 + distance / 6))
        for distance, token in enumerate(_syllables(after)):
            if token in weights:
                best[token] = max(best.get(token, 0.0), 0.5 / (1.0 + distance / 6))
        return sum(weights[t] * f for t, f in best.items()) / total

    def _local_overlap(self, weights: dict[str, float], window: str) -> float:
        return self._coverage(weights, set(_syllables(window)))

    # --- dates
    def _extract_date(self, question: str, weights: dict[str, float], unit: Unit):
        text = self.store.documents[unit.doc_id].text
        body = text[unit.start:unit.end]
        qkey = match_key(question)
        question_years = set(re.findall(r"(?:19|20)\d\d", qkey))
        options = []
        taken: list[tuple[int, int]] = []
        for rank, pattern in enumerate(_DATE_PATTERNS):
            for match in pattern.finditer(body):
                if any(s <= match.start() < e or s < match.end() <= e for s, e in taken):
                    continue
                taken.append((match.start(), match.end()))
                span = match.group(0)
                years = set(re.findall(r"(?:19|20)\d\d", span))
                if years and years <= question_years and "quy" not in match_key(span) and "thang" not in match_key(span):
                    continue  # "năm 2030" asked about, not answered
                before = body[max(0, match.start() - 60):match.start()]
                if re.search(r"\d+/[A-ZĐ][\w-]*(?:/[\w-]+)?\s*,?\s*(?:ngày\s*)?$", before):
                    continue  # the date of a cited act
                score = 0.6 * self._local_overlap(weights, body[max(0, match.start() - 120):match.start()])
                if _DEADLINE_CUE.search(before):
                    score += 0.3
                if "quy" in match_key(span):
                    score += 0.2
                options.append((score, unit.start + match.start(), unit.start + match.end()))
        if unit.kind == "row" and unit.cells and unit.header:
            column = next((i for i, h in enumerate(unit.header) if re.search(r"thoi gian|thoi han|tien do", match_key(h))), None)
            if column is not None and column < len(unit.cells):
                cell = unit.cells[column]
                found = body.rfind(cell)
                if found >= 0 and any(p.search(cell) for p in _DATE_PATTERNS):
                    coverage = self._local_overlap(weights, body)
                    options.append((0.5 + 0.6 * coverage, unit.start + found, unit.start + found + len(cell)))
        if not options:
            return None
        options.sort(key=lambda o: -o[0])
        return options[0][1], options[0][2], options[0][0]

    # --- people
    def _extract_person(self, question: str, unit: Unit):
        text = self.store.documents[unit.doc_id].text
        body = text[unit.start:unit.end]
        qkey = match_key(question)
        for match in _PERSON.finditer(body):
            if match_key(match.group(0)) in qkey:
                continue
            return unit.start + match.start(), unit.start + match.end(), 0.3
        return None

    # --- acts
    def _extract_act(self, question: str, weights: dict[str, float], unit: Unit):
        from corpus.acts import ACT_NUMBER, find_act_references, normalize_number, number_key, parse_act_query

        text = self.store.documents[unit.doc_id].text
        body = text[unit.start:unit.end]
        qkey = match_key(question)
        asked = {number_key(m.group(0)) for m in ACT_NUMBER.finditer(question)}
        bare = parse_act_query(question)
        own = self.store.documents[unit.doc_id].record.number
        type_word = re.search(r"\b(quyet dinh|nghi quyet|chi thi|thong bao|cong van|cong dien|ke hoach|luat|"
                              r"nghi dinh|thong tu|chuong trinh|ket luan)\s+(?:nao|gi|so may|so bao nhieu)", qkey)
        references = find_act_references(body)
        options = []
        for match in ACT_NUMBER.finditer(body):
            key = number_key(match.group(0))
            if key in asked or (own and key == number_key(own)):
                continue
            if bare.bare_number and re.match(r"\d+", key) and re.match(r"\d+", key).group(0) == bare.bare_number:
                continue
            ref = next((r for r in references
                        if r.number_key and number_key(r.number) == number_key(normalize_number(match.group(0)))), None)
            act_type = ref.act_type if ref else None
            start = match.start()
            typed = re.search(r"(Quyết định|Nghị quyết|Chỉ thị|Thông báo|Công văn|Công điện|Kế hoạch|Luật[\w\s]{0,30}?|"
                              r"Nghị định|Thông tư|Chương trình hành động|Kết luận)\s+(?:số\s+)?$",
                              body[max(0, start - 60):start], re.IGNORECASE)
            if typed:
                start = start - (len(body[max(0, match.start() - 60):match.start()]) - typed.start())
            score = 0.6 * self._local_overlap(weights, body[match.end():match.end() + 160])
            score += 0.3 * self._local_overlap(weights, body[max(0, match.start() - 80):match.start()])
            if type_word and act_type and match_key(act_type).startswith(type_word.group(1)):
                score += 0.6
            elif type_word and not act_type:
                score += 0.0
            elif type_word:
                score -= 0.3
            options.append((score, unit.start + start, unit.start + match.end()))
        if not options:
            return None
        options.sort(key=lambda o: -o[0])
        return options[0][1], options[0][2], options[0][0]

    # ============================================================ metadata route
    def _metadata_answer(self, question: str, kind: str) -> Answer | None:
        if kind not in ("signer", "date", "document"):
            if kind == "agency" and "ban hanh" in match_key(question):
                subject = self._subject_act(question)
                if subject and subject[0] == "document":
                    return self._issuer_answer(question, subject[1], kind)
            return None
        subject = self._subject_act(question)
        if kind == "document":
            return self._document_answer(question, subject, kind)
        if subject is None:
            return None
        if kind == "signer":
            if subject[0] != "document":
                return None
            return self._signer_answer(question, subject[1], kind)
        if kind == "date":
            if not re.search(r"ban hanh|de ngay|duoc ky|ky (vao|ngay)|ngay nao|thang nao", match_key(question)):
                return None
            return self._act_date_answer(question, subject, kind)
        return None

    def _subject_act(self, question: str):
        """("document", doc_id) or ("act", act_id) the question is about, else None.

        The first act phrase decides: "Công văn 6052/UBND-VX …" names an act by number;
        "Công văn của UBND quận Kiến An …" names a corpus document by type and issuer.
        """
        from corpus.acts import ACT_NUMBER, act_matches, parse_act_query

        key = match_key(question)
        phrases = list(re.finditer(
            r"(?<![a-z])(cong van|ke hoach|chi thi|quyet dinh|thong bao|nghi quyet|cong dien|chuong trinh|"
            r"huong dan|bao cao|van ban|bai viet)(?![a-z])", key))
        numbers = list(ACT_NUMBER.finditer(question))
        for phrase in phrases:
            after = key[phrase.end():]
            number = next((m for m in numbers if m.start() >= phrase.end()), None)
            between = key[phrase.end():number.start()] if number else ""
            if number and len(between.split()) <= 2 and "cua" not in between.split():
                return self._resolve_act(question[phrase.start():number.end() + 40])
            bare = re.match(r"\s*(?:so\s*)?(\d{1,6})(?![\d/-])", after)
            if bare:
                return self._resolve_act(question[phrase.start():phrase.end() + bare.end() + 20])
            if re.match(r"\s*(?:cua|do)\s", after):
                doc_id = self._document_by_issuer(question, phrase.group(1))
                if doc_id:
                    return ("document", doc_id)
        if numbers:
            return self._resolve_act(question[numbers[0].start() - min(numbers[0].start(), 30):])
        query = parse_act_query(question)
        if query.is_act:
            return self._resolve_act(question)
        return None

    def _resolve_act(self, text: str):
        from corpus.acts import act_matches, number_key, parse_act_query

        query = parse_act_query(text)
        if not query.is_act:
            return None
        for doc_id, stored in self.store.documents.items():
            record = stored.record
            if record.number and act_matches(query, record.type, number_key(record.number), record.date):
                return ("document", doc_id)
        for key, act in self.citations.acts.items():
            if act.get("number_key") and act_matches(query, act["act_type"], act["number_key"],
                                                      act.get("date") or (str(act["year"]) if act.get("year") else None)):
                doc = self.citations.act_document.get(key)
                return ("document", doc) if doc else ("act", key)
        return None

    def _document_by_issuer(self, question: str, type_key: str) -> str | None:
        qwords = set(_syllables(question))
        best, best_score = None, 0.0
        for doc_id, stored in self.store.documents.items():
            record = stored.record
            issuer = _syllables(record.issuer or "")
            if not issuer:
                continue
            share = sum(1 for w in issuer if w in qwords) / len(issuer)
            if type_key != "van ban" and match_key(record.type or "") == type_key:
                share += 0.3
            if share > best_score:
                best, best_score = doc_id, share
        return best if best_score >= 0.75 else None

    def _metadata_quote(self, doc_id: str, start: int, end: int, answer_start=None, answer_end=None,
                        extend_lines: int = 0) -> Quote:
        stored = self.store.documents[doc_id]
        text = stored.text
        q_start = text.rfind("\n", 0, start) + 1
        for _ in range(extend_lines):
            previous = text.rfind("\n", 0, max(q_start - 1, 0))
            candidate = previous + 1
            if q_start - candidate > 80 or not text[candidate:q_start].strip():
                break
            q_start = candidate
        q_end = text.find("\n", end)
        q_end = len(text) if q_end < 0 else q_end
        section = ""
        heading = ""
        for chunk in self.store.chunks:
            if chunk.doc_id == doc_id and chunk.start <= start < chunk.end:
                section, heading = chunk.section, HEADING_SEPARATOR.join(chunk.heading_path)
                break
        # Prefer the sentence when the line is long.
        if q_end - q_start > 400:
            for s, e in self._sentence_spans(doc_id):
                if s <= start < e:
                    q_start, q_end = min(s, start), max(e, end)
                    break
        unit = Unit(doc_id, q_start, q_end, -1, heading, section, "sentence")
        return self._quote(unit, 1.0, answer_start, answer_end)

    def _signer_answer(self, question: str, doc_id: str, kind: str) -> Answer | None:
        stored = self.store.documents[doc_id]
        signer = stored.record.signer
        if not signer:
            return None
        at = stored.text.rfind(signer)
        if at < 0:
            return Answer(question, signer, False, [], 0.0, None, kind)
        quote = self._metadata_quote(doc_id, at, at + len(signer), at, at + len(signer), extend_lines=3)
        return Answer(question, signer, False, [quote], 0.0, None, kind)

    def _issuer_answer(self, question: str, doc_id: str, kind: str) -> Answer | None:
        stored = self.store.documents[doc_id]
        record = stored.record
        if not record.number:
            return None
        number_at = _find_number(stored.text, record.number)
        if number_at is None:
            return None
        spans = _agency_spans(stored.text[max(0, number_at[0] - 300):number_at[1] + 200], max(0, number_at[0] - 300))
        spans = [s for s in spans if record.issuer and match_key(s[2]).endswith(match_key(record.issuer).split()[-1])]
        if not spans:
            return None
        start, end, name = min(spans, key=lambda s: abs(s[0] - number_at[0]))
        quote = self._metadata_quote(doc_id, min(start, number_at[0]), max(end, number_at[1]), start, end)
        return Answer(question, name, False, [quote], 0.0, None, kind)

    def _act_date_answer(self, question: str, subject, kind: str) -> Answer | None:
        from corpus.acts import parse_date

        what, ident = subject
        if what == "document":
            stored = self.store.documents[ident]
            record = stored.record
            if not record.date:
                return None
            for pattern in _DATE_PATTERNS[:4] + _DATE_PATTERNS[6:7]:
                for match in pattern.finditer(stored.text):
                    span = match.group(0)
                    iso = parse_date(span) or _month_iso(span)
                    if iso and iso == record.date:
                        start, end = match.start(), match.end()
                        quote = self._metadata_quote(ident, start, end, start, end)
                        return Answer(question, stored.text[start:end], False, [quote], 0.0, None, kind)
            return None
        act = self.citations.acts.get(ident)
        if not act or not act.get("date"):
            return None
        from corpus.acts import ACT_NUMBER, number_key

        for edge in act["cited_by"]:
            stored = self.store.documents.get(edge["doc_id"])
            if stored is None:
                continue
            sentence = stored.text[edge["start"]:edge["end"]]
            for number in ACT_NUMBER.finditer(sentence):
                if number_key(number.group(0)).replace(" ", "") != act["number_key"]:
                    continue
                tail = sentence[number.end():number.end() + 40]
                date = re.match(r"\s*,?\s*(?:ngày\s+)?(\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})", tail)
                if date and parse_date(date.group(1)) == act["date"]:
                    start = edge["start"] + number.end() + date.start(1)
                    end = edge["start"] + number.end() + date.end(1)
                    unit = Unit(edge["doc_id"], edge["start"], edge["end"], -1, edge.get("heading", ""),
                                self.citations._section(edge["doc_id"], edge["start"]), "sentence")
                    quote = self._quote(unit, 1.0, start, end)
                    return Answer(question, stored.text[start:end], False, [quote], 0.0, None, kind)
        return None

    def _document_answer(self, question: str, subject, kind: str) -> Answer | None:
        """Which documents cite an act, which acts a document cites, or a document's number."""
        from corpus.acts import ACT_NUMBER

        key = match_key(question)
        if subject is None:
            return None
        what, ident = subject
        act_key = self.citations.document_act.get(ident) if what == "document" else ident
        act_position = None
        first_number = ACT_NUMBER.search(question)
        if first_number:
            act_position = first_number.start()
        wh = re.search(r"(van ban|quyet dinh|nghi quyet|chi thi|thong bao|cong van|cong dien|ke hoach|luat)\s+(nao|gi)|"
                       r"so hieu|so may", key)
        relation = None
        if re.search(r"trien khai|thuc hien", key):
            relation = "thuc_hien"
        elif "can cu" in key:
            relation = "can_cu"
        # "Số hiệu kế hoạch của UBND tỉnh Nghệ An …?" -> the document's own number.
        if wh and wh.group(0) in ("so hieu", "so may") and what == "document":
            record = self.store.documents[ident].record
            found = _find_number(self.store.documents[ident].text, record.number or "")
            if not record.number or found is None:
                return None
            quote = self._metadata_quote(ident, found[0], found[1], found[0], found[1])
            return Answer(question, self.store.documents[ident].text[found[0]:found[1]], False, [quote], 0.0, None, kind)
        if act_key is None or wh is None or act_position is None:
            return None
        asks_citers = wh.start() < key.find(match_key(question[act_position:act_position + 4]))
        lookup_key = act_key
        act = self.citations.acts.get(lookup_key)
        if act is None:
            return None
        if asks_citers:
            match = self.citations._match(lookup_key, relation)
            if not match["cited_by"] and relation:
                match = self.citations._match(lookup_key, None)
            entries = match["cited_by"]
            if not entries:
                return None
            labels = [document_label(self.store.documents[e["doc_id"]].record) for e in entries]
            quotes = [self._edge_quote(e) for e in entries[:MAX_QUOTES]]
            return Answer(question, "; ".join(labels), False, quotes, 0.0, None, kind)
        # The act is the subject: what it cites (only known for corpus documents).
        if what != "document":
            return None
        match = self.citations._match(lookup_key, relation)
        if not match["cites"] and relation:
            match = self.citations._match(lookup_key, None)
        entries = match["cites"]
        type_word = re.search(r"(quyet dinh|nghi quyet|chi thi|thong bao|cong van|cong dien|ke hoach|luat)\s+(nao|gi)",
                              key)
        if type_word:
            entries = [e for e in entries if match_key(e["act_type"] or "").startswith(type_word.group(1))] or []
        if not entries:
            return None
        quotes = [self._edge_quote(e) for e in entries[:MAX_QUOTES]]
        return Answer(question, ", ".join(e["act"] for e in entries), False, quotes, 0.0, None, kind)

    def _edge_quote(self, entry: dict) -> Quote:
        stored = self.store.documents[entry["doc_id"]]
        return Quote(stored.text[entry["start"]:entry["end"]], entry["citation"], entry["doc_id"],
                     stored.record.source, entry.get("heading", ""), entry["start"], entry["end"], None, None, 1.0)


# =========================================================================== helpers


def _find_number(text: str, number: str) -> tuple[int, int] | None:
    if not number:
        return None
    pattern = r"\s*".join(re.escape(ch) for ch in number.replace(" ", ""))
    match = re.search(pattern, text, re.IGNORECASE)
    return (match.start(), match.end()) if match else None


def _month_iso(span: str) -> str | None:
    match = re.search(r"tháng\s+(\d{1,2})\s*(?:/|năm)\s*(\d{4})", span, re.IGNORECASE)
    if match:
        return f"{int(match.group(2)):04d}-{int(match.group(1)):02d}"
    return None

"""Check the act references of a draft against the corpus (``python -m retriever check``).

Every reference in the draft ("Căn cứ Quyết định số 281/QĐ-TTg ngày 05/4/2024 của Thủ tướng
Chính phủ…") is found with its span and compared with what the corpus knows of that act:

* its own record, when the act is a document of the corpus (number, type, date, issuer);
* otherwise how the corpus's documents cite it (the date, issuer and type they write);
* its effect status (retriever.status): replaced, repealed, amended, not yet in force.

Identity.  A central act's number is unique (…/QĐ-TTg, …/TT-BYT, …/NĐ-CP, …/QH15), so the
number alone identifies it.  Local numbers repeat across issuers (every UBND has its 153/KH-UBND):
a local act is identified by number *and* issuer, and a local number the corpus knows only from
another issuer is ``unknown``, never ``wrong_issuer``.

Verdicts (each finding lists every problem): ``wrong_number`` (no act has this number but one
with a near-identical number has the draft's date, or type and issuer), ``wrong_date``,
``wrong_issuer``, ``wrong_type``, ``replaced``, ``repealed``, ``amended``, ``not_yet_in_force``;
``["ok"]`` when the corpus confirms the reference; ``["unknown"]`` when it cannot tell.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from corpus.errors import UserError
from corpus.acts import _key_of, _read_tail, find_act_spans, number_key, type_from_code
from corpus.lexicon import ISSUER_ABBREVIATIONS, expand_organ_abbreviations
from corpus.vietnamese import match_key, strip_diacritics
from retriever.status import StatusIndex, parse_as_of

if TYPE_CHECKING:  # pragma: no cover
    from index.store import IndexStore

__all__ = ["VERDICTS", "DocumentSet", "DraftChecker", "ReferenceFinding", "canonical_citation", "check_report"]

VERDICTS = ("wrong_date", "wrong_number", "wrong_issuer", "wrong_type", "replaced", "repealed", "amended",
            "not_yet_in_force")
_STATE_VERDICT = {"replaced": "replaced", "repealed": "repealed", "amended": "amended",
                  "partly_repealed": "amended", "not_yet_in_force": "not_yet_in_force"}
# Codes of central bodies (their numbers are unique nationwide); everything else is local.
_CENTRAL_CODES = re.compile(r"^(?:TTG|CP|QH\d*|UBTVQH\d*|VPCP|TW|NHNN|TTLT|B[A-ZĐ]+)$")


@dataclass
class Evidence:
    quote: str
    citation: str
    source: str
    doc_id: str = ""
    start: int = 0
    end: int = 0
    kind: str = ""  # "record", "citation", "status"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ReferenceFinding:
    text: str  # == draft[start:end]
    start: int
    end: int
    act: str  # the number as the draft writes it, normalized ("281/QĐ-TTg") or the law's name
    verdicts: list[str]
    correct_citation: str | None
    status: dict | None
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.0
    messages: list[str] = field(default_factory=list)  # one Vietnamese sentence per verdict

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["evidence"] = [e.to_dict() for e in self.evidence]
        return data


@dataclass
class _Fact:
    """What one source says of an act: a document's own header, or one citing reference."""

    kind: str  # "record" | "citation"
    act_type: str | None
    number: str
    date: str | None
    issuer: str | None
    doc_id: str
    start: int
    end: int


def canonical_citation(act_type: str | None, number: str | None, date: str | None, issuer: str | None) -> str:
    """ "Quyết định số 281/QĐ-TTg ngày 05/4/2024 của Thủ tướng Chính phủ"."""
    parts = [act_type or "Văn bản"]
    if number:
        parts.append(f"số {number}")
    if date and len(date) == 10:
        y, m, d = date.split("-")
        parts.append(f"ngày {d}/{int(m)}/{y}")
    elif date:
        parts.append(f"năm {date[:4]}")
    if issuer:
        parts.append(f"của {issuer}")
    return " ".join(parts)


def _folded(number: str) -> str:
    return strip_diacritics(number_key(number))


def _code(number: str) -> str:
    """The non-running part of a number: "281/QĐ-TTg" -> "/QD-TTG", "22/2023/QH15" -> "/2023/QH15"."""
    return re.sub(r"^\d+", "", _folded(number))


def _issuer_code(number: str) -> str:
    key = _folded(number)
    if re.match(r"^\d+-", key):  # party acts "25-CT/TW": the body follows the slash
        return key.rsplit("/", 1)[-1]
    return re.split(r"[-/]", key)[-1]


# Codes that name one body only (a TW act may be the Ban Bí thư's or the Bộ Chính trị's; local codes
# name no particular province).
_AMBIGUOUS_CODES = {"TW", "UBND", "HDND", "SYT", "TTYT", "BHXH"}


def issuer_of_code(number: str) -> str | None:
    """The body a central number's code names: "281/QĐ-TTg" -> "Thủ tướng Chính phủ"; None if it names none."""
    code = re.sub(r"\d+$", "", _issuer_code(number))
    if code in _AMBIGUOUS_CODES:
        return None
    return next((name for abbr, name in ISSUER_ABBREVIATIONS.items() if _folded(abbr) == code), None)


def is_central(number: str) -> bool:
    return bool(_CENTRAL_CODES.match(_issuer_code(number)))


_ISSUER_WORDS = re.compile(r"\b(?:cua|tinh|thanh pho|huyen|quan|xa|phuong)\b")
# Capacities a citation puts before the body: "của Bộ trưởng Bộ Công an", "Chủ tịch UBND tỉnh …".
_CAPACITY = re.compile(r"^(?:(?:kt|tm|tl|q)\.?\s+)?(?:bo truong|thu truong|chu tich|pho chu tich|giam doc|thu tuong(?= chinh phu)?)\s+(?=\S)")
# What an issuing body's name starts with (match_key): anything else is a misread header line.
_ORGAN_START = re.compile(
    r"^(?:ubnd|uy ban|hdnd|hoi dong|bo|so|chinh phu|thu tuong|quoc hoi|van phong|ban|tinh uy|thanh uy|huyen uy|"
    r"dang uy|cuc|tong cuc|trung tam|benh vien|ngan hang|bao hiem|chu tich|giam doc|kiem toan|toa an|vien|"
    r"thanh tra|tong lien doan|trung uong|mat tran|dai hoi|hoc vien|truong)(?![a-z])")


def _issuer_key(issuer: str | None) -> str:
    if not issuer:
        return ""
    text = expand_organ_abbreviations(issuer)
    key = match_key(text)
    key = re.sub(r"^(?:cua|boi)\s+", "", key)
    return " ".join(key.replace("uy ban nhan dan", "ubnd").replace("hoi dong nhan dan", "hdnd").split())


def plausible_issuer(issuer: str | None) -> bool:
    """Does this read like the name of a body ("Bộ Y tế", "UBND tỉnh X"), not a stray header line?"""
    return bool(issuer) and bool(_ORGAN_START.match(_issuer_key(issuer)))


def _body_key(issuer: str | None) -> str:
    """The body without the capacity in front ("bộ trưởng bộ công an" -> "bo cong an")."""
    key = _issuer_key(issuer)
    stripped = _CAPACITY.sub("", key)
    return stripped if stripped != key and _ORGAN_START.match(stripped) else key


def _prefix(a: str, b: str) -> bool:
    return b.startswith(a) and (len(b) == len(a) or not b[len(a)].isalnum())


def issuers_agree(a: str | None, b: str | None) -> bool:
    """Same body, allowing a capacity or a short form ("Bộ trưởng Bộ Công an" / "Bộ Công an",
    "Thủ tướng" / "Thủ tướng Chính phủ", "UBND tỉnh X" / "Ủy ban nhân dân tỉnh X", a name cut at "và")."""
    ka, kb = _issuer_key(a), _issuer_key(b)
    if not ka or not kb:
        return True
    if ka == kb or ka in kb or kb in ka:
        return True
    ba, bb = _body_key(a), _body_key(b)
    if ba == bb or _prefix(ba, bb) or _prefix(bb, ba):
        return True
    # "UBND tỉnh Nghệ An" vs "UBND Nghệ An": compare without unit words
    strip = lambda k: " ".join(w for w in _ISSUER_WORDS.sub(" ", k).split())
    return strip(ba) == strip(bb)


def _dates_agree(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    return a.startswith(b) or b.startswith(a)


def _edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _near_numbers(a: str, b: str) -> bool:
    """Running numbers a clerk could mistype for each other: one edit or a swap of two digits."""
    if a == b:
        return False
    if len(a) == len(b) and sorted(a) == sorted(b) and sum(x != y for x, y in zip(a, b)) == 2:
        return True
    return _edit_distance(a, b) == 1


@dataclass
class _Document:
    record: Any
    text: str
    root: Any = None


@dataclass
class DocumentSet:
    """Parsed documents without an index (no passages, no BM25): enough to check drafts."""

    documents: dict[str, _Document]
    chunks: list = field(default_factory=list)
    manifest: dict = field(default_factory=dict)
    bm25: Any = None

    @classmethod
    def from_parsed(cls, parsed) -> "DocumentSet":
        return cls({d.record.doc_id: _Document(d.record, d.text, d.root) for d in parsed})


class DraftChecker:
    """Checks drafts against one loaded index (or a :class:`DocumentSet`); built once, then only read."""

    @classmethod
    def load(cls, index_dir=None, backend: str | None = None) -> "DraftChecker":
        """From an index (folder, default .index/ or HEALTHQA_INDEX; or Milvus with `backend`);
        the embedding model is not needed."""
        from index.backends import open_store

        return cls(open_store(index_dir, backend))

    @classmethod
    def from_corpus(cls, corpus_dir) -> "DraftChecker":
        """From a folder of documents, parsed now (no index, no model; no suggested bases)."""
        from pathlib import Path

        from corpus import load_corpus

        directory = Path(corpus_dir)
        if not directory.is_dir():
            raise UserError(f"Không tìm thấy thư mục văn bản: {corpus_dir}")
        return cls(DocumentSet.from_parsed(load_corpus(directory).documents))

    def __init__(self, store: "IndexStore", status: StatusIndex | None = None):
        self.store = store
        self.status = status or StatusIndex(store)
        self.facts: dict[str, list[_Fact]] = defaultdict(list)  # by folded number
        self.by_code: dict[str, set[str]] = defaultdict(set)  # code -> folded numbers
        for doc_id, stored in store.documents.items():
            record = stored.record
            if record.number:
                start, end = _header_span(stored.text, record.number)
                self._add(_Fact("record", record.type, record.number, record.date, record.issuer, doc_id, start, end))
            for ref in record.cites:
                if ref.number:
                    self._add(_Fact("citation", ref.act_type, ref.number, ref.date, ref.issuer, doc_id,
                                    ref.start, ref.end))

    def _add(self, fact: _Fact) -> None:
        if not plausible_issuer(fact.issuer):
            fact.issuer = None  # a misread header line is no evidence about the issuer
        key = _folded(fact.number)
        self.facts[key].append(fact)
        self.by_code[_code(fact.number)].add(key)

    # ------------------------------------------------------------------ public
    def check(self, text: str, as_of: str | None = None) -> list[ReferenceFinding]:
        """Every act reference in ``text``, each with its verdicts, correction and evidence."""
        as_of = parse_as_of(as_of)
        key = _key_of(text)
        findings = []
        for start, end, ref in find_act_spans(text):
            if not ref.number:
                continue
            tail = _read_tail(text, key, end)
            span_end = max(end, tail.end)
            typed = start < end - len(ref.number)  # a type word precedes the number
            findings.append(self._check_one(text, start, span_end, ref, typed, as_of))
        return findings

    def suggest_bases(self, text: str, limit: int = 10, documents: int = 5, as_of: str | None = None) -> list[dict]:
        """Acts that the documents most similar to ``text`` cite as "Căn cứ", most cited first."""
        from index.tokenization import Tokenizer

        if not self.store.chunks or self.store.bm25 is None:
            return []
        tokenizer = Tokenizer(**self.store.manifest["settings"]["tokenizer"])
        scores = self.store.bm25.scores(tokenizer.query_tokens(text[:2000]))
        ranked: list[str] = []
        for row in scores.argsort()[::-1][:200]:
            if scores[row] <= 0:
                break
            doc_id = self.store.chunks[int(row)].doc_id
            if doc_id not in ranked:
                ranked.append(doc_id)
            if len(ranked) >= documents:
                break
        counts: Counter[str] = Counter()
        examples: dict[str, Any] = {}
        for doc_id in ranked:
            seen = set()
            for ref in self.store.documents[doc_id].record.cites:
                if ref.relation != "can_cu":
                    continue
                act = ref.number or " ".join((ref.name or "").split())
                if not act or act in seen:
                    continue
                seen.add(act)
                counts[act] += 1
                examples.setdefault(act, ref)
        rows = []
        for act, count in counts.most_common(limit):
            ref = examples[act]
            status = self.status.status(number_key=ref.number, name=None if ref.number else ref.name,
                                        year=(ref.date or "")[:4] or None, as_of=as_of)
            best = self._canonical(self.facts.get(_folded(ref.number), [])) if ref.number else None
            rows.append({
                "act": act, "count": count, "of_documents": len(ranked),
                "citation": (canonical_citation(*(best or (ref.act_type, ref.number, ref.date, ref.issuer)))
                             if ref.number else act),
                "status": status.to_dict(),
            })
        return rows

    # ----------------------------------------------------------------- helpers
    def _check_one(self, text, start, end, ref, typed, as_of) -> ReferenceFinding:
        finding = ReferenceFinding(text[start:end], start, end, ref.number, [], None, None)
        facts = self.facts.get(_folded(ref.number), [])
        central = is_central(ref.number)
        if not central and facts:
            same = [f for f in facts if ref.issuer and f.issuer and issuers_agree(ref.issuer, f.issuer)]
            if ref.issuer:
                facts = same  # a local number from another issuer is another act
            elif len({_issuer_key(f.issuer) for f in facts if f.issuer}) > 1:
                facts = []  # several issuers use this number: cannot tell which
        if not facts:
            near = self._near_miss(ref, central)
            if near is None:
                finding.verdicts = ["unknown"]
                finding.messages = ["Không xác minh được: kho văn bản không có văn bản này."]
                return finding
            facts = self.facts[near]
            finding.verdicts.append("wrong_number")
        best = self._canonical(facts)
        act_type, number, date, issuer = best
        finding.correct_citation = canonical_citation(act_type, number, date, issuer)
        if "wrong_number" in finding.verdicts:
            finding.messages.append(f"Sai số hiệu: đúng là {number}.")
        if ref.date and date and not _dates_agree(ref.date, date):
            finding.verdicts.append("wrong_date")
            finding.messages.append(f"Sai ngày ban hành: đúng là {canonical_citation(None, None, date, None)[len('Văn bản '):]}.")
        code_issuer = issuer_of_code(number)
        extended = self._issuer_in_text(text, finding, issuer)
        if extended:
            ref.issuer = extended
        if ref.issuer and issuer and not issuers_agree(ref.issuer, issuer) \
                and not (code_issuer and issuers_agree(ref.issuer, code_issuer)):
            finding.verdicts.append("wrong_issuer")
            finding.messages.append(f"Sai cơ quan ban hành: đúng là {issuer}.")
        generic = match_key(text[start:start + 7]) == "van ban"  # "Văn bản số …" names no type
        if typed and not generic and act_type and match_key(ref.act_type) != match_key(act_type) and not _same_family(ref.act_type, act_type):
            finding.verdicts.append("wrong_type")
            finding.messages.append(f"Sai loại văn bản: số {number} là {act_type}.")
        finding.evidence.extend(self._fact_evidence(facts))
        year = (date or "")[:4] or None
        status = self.status.status(number_key=number, year=year, as_of=as_of)
        finding.status = status.to_dict()
        verdict = _STATE_VERDICT.get(status.state)
        if verdict:
            finding.verdicts.append(verdict)
            first = next((e for e in status.by if e.relation not in ("huong_dan", "dinh_chi")), None)
            if status.state == "not_yet_in_force":
                finding.messages.append(f"Chưa có hiệu lực tại {as_of} (hiệu lực từ {status.effective_date}).")
                if status.effective_evidence:
                    e = status.effective_evidence
                    finding.evidence.append(Evidence(e.quote, e.citation, e.source, e.doc_id, e.start, e.end, "status"))
            elif first is not None:
                finding.messages.append(f"{status.label}: {first.label} bởi {first.act}.")
            for e in status.by:
                if e.relation in ("huong_dan", "dinh_chi"):
                    continue
                finding.evidence.append(Evidence(e.quote, e.citation, e.source, e.doc_id, e.start, e.end, "status"))
        if not finding.verdicts:
            finding.verdicts = ["ok"]
        finding.confidence = self._confidence(facts, finding.verdicts)
        return finding

    @staticmethod
    def _issuer_in_text(text: str, finding: ReferenceFinding, issuer: str | None) -> str | None:
        """When the draft writes the body's full name ("… của Bộ trưởng Bộ Khoa học và Công nghệ") and the
        reader stopped at "và" or a comma, extend the reference over it; return the name as written."""
        if not issuer:
            return None
        body = match_key(issuer)
        window_start = finding.start
        window = match_key(text[window_start:finding.end + len(issuer) + 40])
        at = window.find(body, max(0, finding.end - window_start - len(issuer) - 30))
        if at < 0:
            return None
        end = window_start + at + len(body)
        if end <= finding.end or window_start + at >= finding.end:
            return None  # the name must start inside what was read as the issuer
        if not re.fullmatch(r"[\w\s,.-]*", text[finding.end:end]):
            return None
        finding.end = end
        finding.text = text[finding.start:end]
        return text[window_start + at:end]

    def _near_miss(self, ref, central: bool) -> str | None:
        """The one known act whose number is a near-miss of the draft's and whose other facts agree:
        a digit mistyped, two digits swapped, or the year segment mistyped ("188/2024/NĐ-CP")."""
        code = _code(ref.number)
        running = re.match(r"\d+", _folded(ref.number)).group(0)
        same_running = []
        year = re.match(r"^/((?:19|20)\d\d)/(.+)$", code)
        if year:
            for other_code, numbers in self.by_code.items():
                other_year = re.match(r"^/((?:19|20)\d\d)/(.+)$", other_code)
                if other_year and other_year.group(2) == year.group(2) and other_year.group(1) != year.group(1):
                    same_running += [n for n in numbers if re.match(r"\d+", n).group(0).lstrip("0") == running.lstrip("0")]
        candidates = []
        pool = [(n, True) for n in same_running] + [(n, False) for n in self.by_code.get(code, ())]
        for other, year_typo in pool:
            other_running = re.match(r"\d+", other).group(0)
            if not year_typo and not _near_numbers(running.lstrip("0") or "0", other_running.lstrip("0") or "0"):
                continue
            facts = self.facts[other]
            _, _, date, issuer = self._canonical(facts)
            if not central and not (ref.issuer and issuer and issuers_agree(ref.issuer, issuer)):
                continue
            if ref.date and date and len(date) == 10 and ref.date == date:
                candidates.append(other)
        return candidates[0] if len(candidates) == 1 else None

    def _canonical(self, facts: list[_Fact]) -> tuple[str | None, str, str | None, str | None]:
        """Type, number, date, issuer: the act's own record first, else what most citations say."""
        records = [f for f in facts if f.kind == "record"]
        pool = records or facts

        def vote(values):
            values = [v for v in values if v]
            if not values:
                return None
            full = [v for v in values if len(v) == 10] if all(isinstance(v, str) for v in values) else values
            counted = Counter(full or values)
            return counted.most_common(1)[0][0]

        number = Counter(f.number for f in pool).most_common(1)[0][0]
        dates = [f.date for f in pool if f.date]
        date = vote(dates) if records else vote([d for d in dates if len(d) == 10] or dates)
        if records and (not date or len(date) < 10):
            date = vote([f.date for f in facts if f.date and len(f.date) == 10 and f.date.startswith(date or "")]) or date
        issuer = vote([f.issuer for f in pool]) or vote([f.issuer for f in facts])
        act_type = vote([f.act_type for f in pool]) or type_from_code(number)
        code_type = type_from_code(number)
        if code_type and code_type not in ("Công văn", "Luật"):
            act_type = code_type  # the number's code says what it is (QH numbers: laws and resolutions alike)
        code_issuer = issuer_of_code(number)
        if code_issuer:
            issuer = code_issuer  # the number's code names the body ("…/QĐ-TTg": Thủ tướng Chính phủ)
        return act_type, number, date, issuer

    def _fact_evidence(self, facts: list[_Fact]) -> list[Evidence]:
        from retriever.formatting import format_citation

        out = []
        ordered = sorted(facts, key=lambda f: f.kind != "record")
        for fact in ordered[:3]:
            stored = self.store.documents[fact.doc_id]
            out.append(Evidence(stored.text[fact.start:fact.end], format_citation(stored.record),
                                stored.record.source, fact.doc_id, fact.start, fact.end, fact.kind))
        return out

    @staticmethod
    def _confidence(facts: list[_Fact], verdicts: list[str]) -> float:
        if any(f.kind == "record" for f in facts):
            base = 0.95
        else:
            docs = {f.doc_id for f in facts}
            base = 0.85 if len(docs) >= 2 else 0.7
        if "wrong_number" in verdicts:
            base -= 0.1
        return round(base, 2)


def _same_family(a: str | None, b: str | None) -> bool:
    """Types one act may be called by: a Luật is also cited as "Bộ luật"; Thông tư liên tịch is a Thông tư."""
    pairs = [{"luat", "bo luat"}]
    return any({match_key(a or ""), match_key(b or "")} <= pair for pair in pairs)


def _header_span(text: str, number: str) -> tuple[int, int]:
    """The header line that prints the document's number (with the date line when it follows)."""
    compact = re.sub(r"\s+", "", number).upper()
    lines = [m for m in re.finditer(r"[^\n]+", text[:6000]) if compact in re.sub(r"\s+", "", m.group(0)).upper()]
    # The header's own "Số: …" line first (a portal's "Số hiệu: …" box comes before it in scraped pages).
    lines.sort(key=lambda m: not re.match(r"\W*s[ốo]\s*:", m.group(0), re.IGNORECASE))
    for match in lines:
        if True:
            end = match.end()
            following = re.match(r"\n[^\n]*ng[àa]y[^\n]*n[ăa]m\s+\d{4}[^\n]*", text[end:end + 200])
            if following and len(following.group(0)) < 120:
                end += following.end()
            return match.start(), end
    return 0, min(len(text), 200)


def check_report(checker: DraftChecker, text: str, as_of: str | None = None, bases: bool = True) -> dict[str, Any]:
    """The JSON of ``python -m retriever check``: ``{"as_of", "references": [...], "suggested_bases": [...]}``."""
    as_of = parse_as_of(as_of)
    report: dict[str, Any] = {"as_of": as_of, "references": [f.to_dict() for f in checker.check(text, as_of)]}
    report["suggested_bases"] = checker.suggest_bases(text, as_of=as_of) if bases and checker.store.bm25 is not None else []
    return report

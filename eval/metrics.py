"""Retrieval and answer metrics for the development questions (ranx underneath).

Relevance is defined by text, not by chunk id
---------------------------------------------
A question's ``relevant`` entries are short verbatim snippets (``source`` file + ``text``)
of the passages that answer it, so the gold set does not depend on how documents are
chunked.  Each entry is one relevant *unit*; ranx sees, per question:

* **qrels** — ``{"<qid>#rel<i>": 1}`` for every relevant entry ``i`` (the units);
* **run** — one ranx document per retrieved hit, scored ``1 / rank`` (strictly decreasing,
  so ranx keeps the retriever's order).  A hit that *satisfies* a not-yet-credited unit
  takes that unit's id (the first such entry in the question's order); every other hit —
  irrelevant, or only repeating a unit an earlier hit already credited — gets a
  rank-specific id ``"<qid>#miss@<rank>"`` that is never relevant.  A unit is therefore
  counted once, however many overlapping chunks contain it, and a hit credits at most one
  unit.  Entries of one question are distinct passages (the dev-set test checks they are
  far apart), so a single chunk rarely satisfies two of them.

A hit satisfies an entry when its ``source`` is the entry's source (file name; a hit
with no source, e.g. a bare passage string, is matched on text alone) and either

1. the hit's text contains the entry's text, both compared through
   :func:`corpus.vietnamese.match_key` with whitespace collapsed (case, accents, tone
   placement "khoẻ"/"khỏe" and line wrapping do not matter); or
2. the entry straddles the hit's boundary and at least half of the entry's characters
   (:data:`MIN_OVERLAP`) fall inside the hit.  This is measured on the text (the longest
   prefix of the entry that ends the hit, or suffix of the entry that starts it) and,
   when ``documents`` (cleaned text per source) is given and the hit has ``start``/
   ``end`` offsets, also on those offsets against every occurrence of the entry.

Metrics: ``hit@1`` (ranx ``hit_rate@1``), ``recall@5``, ``mrr@10``, ``ndcg@10``.
Questions with no relevant entry (kind ``noanswer``) have empty qrels and are
**excluded** from retrieval metrics (ranx would otherwise score them 0 and drag every
mean down); judge them with an abstention measure instead.  A question that retrieved
nothing stays in and scores 0 (it gets an empty run entry).  ``n`` in the result is the
number of questions averaged.
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from corpus.vietnamese import match_key

__all__ = [
    "METRICS",
    "MIN_OVERLAP",
    "answer_matches",
    "build_qrels_run",
    "evaluate_retrieval",
    "hit_satisfies",
    "latency_summary",
    "per_kind",
    "relevance_for_hits",
    "retrieval_metrics",
    "short_answer_matches",
]

# Our metric names -> ranx metric names.
METRICS: dict[str, str] = {
    "hit@1": "hit_rate@1",
    "recall@5": "recall@5",
    "mrr@10": "mrr@10",
    "ndcg@10": "ndcg@10",
}
MIN_OVERLAP = 0.5  # share of a relevant snippet that must lie inside a hit that cuts it

_SPACES = re.compile(r"\s+")


# --------------------------------------------------------------------------- accessors


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _hit_fields(hit: Any) -> tuple[str | None, str, int | None, int | None]:
    """(source, text, start, end) of a hit: a dict, a Hit/Chunk-like object or a string."""
    if isinstance(hit, str):
        return None, hit, None, None
    inner = _get(hit, "chunk")  # a Hit wrapping a Chunk
    fields = []
    for name in ("source", "text", "start", "end"):
        value = _get(hit, name)
        if value is None and inner is not None:
            value = _get(inner, name)
        fields.append(value)
    source, text, start, end = fields
    if text is None:
        text = _get(hit, "passage") or _get(hit, "context") or ""
    return (
        str(source) if source else None,
        str(text),
        start if isinstance(start, int) else None,
        end if isinstance(end, int) else None,
    )


def _question_fields(question: Any) -> tuple[str, str, list[tuple[str, str]]]:
    """(id, kind, [(source, text), ...]) of a Question or a question dict."""
    qid = str(_get(question, "id"))
    kind = str(_get(question, "kind", "") or "")
    relevant = [(str(_get(r, "source")), str(_get(r, "text"))) for r in (_get(question, "relevant") or [])]
    return qid, kind, relevant


def _same_source(hit_source: str | None, entry_source: str) -> bool:
    if hit_source is None:
        return True
    if hit_source == entry_source:
        return True
    # tolerate paths on either side: "corpus/documents/002_x.txt" vs "002_x.txt"
    return hit_source.replace("\\", "/").rsplit("/", 1)[-1] == entry_source.replace("\\", "/").rsplit("/", 1)[-1]


def _key(text: str) -> str:
    return _SPACES.sub(" ", match_key(text)).strip()


# --------------------------------------------------------------------------- relevance


def _boundary_overlap(entry: str, hit: str) -> int:
    """Longest part of ``entry`` that straddles an edge of ``hit``, in characters.

    Either a prefix of the entry ends the hit, or a suffix of the entry starts it.
    """
    best = 0
    limit = min(len(entry), len(hit))
    for size in range(limit, 0, -1):
        if hit.endswith(entry[:size]) or hit.startswith(entry[-size:]):
            best = size
            break
    return best


def _offset_overlap(entry_text: str, document: str, start: int, end: int) -> float:
    """Largest share of any occurrence of ``entry_text`` in ``document`` inside [start, end)."""
    occurrences: list[int] = []
    position = document.find(entry_text)
    while position >= 0:
        occurrences.append(position)
        position = document.find(entry_text, position + 1)
    size = len(entry_text)
    if not occurrences:
        # match_key is length-preserving on NFC text, so key offsets are text offsets.
        key_doc, key_entry = match_key(document), match_key(entry_text)
        if len(key_doc) == len(document):
            position = key_doc.find(key_entry)
            while position >= 0:
                occurrences.append(position)
                position = key_doc.find(key_entry, position + 1)
            size = len(key_entry)
    best = 0.0
    for occ in occurrences:
        inside = min(end, occ + size) - max(start, occ)
        if inside > 0 and size:
            best = max(best, inside / size)
    return best


def hit_satisfies(
    hit: Any,
    source: str,
    text: str,
    documents: Mapping[str, str] | None = None,
) -> bool:
    """Whether one retrieved hit counts as containing the relevant snippet (source, text)."""
    hit_source, hit_text, start, end = _hit_fields(hit)
    if not _same_source(hit_source, source):
        return False
    entry_key, hit_key = _key(text), _key(hit_text)
    if not entry_key:
        return False
    if entry_key in hit_key:
        return True
    if _boundary_overlap(entry_key, hit_key) >= MIN_OVERLAP * len(entry_key):
        return True
    if documents is not None and start is not None and end is not None:
        document = documents.get(source)
        if document is None and hit_source is not None:
            document = documents.get(hit_source)
        if document is not None and _offset_overlap(text, document, start, end) >= MIN_OVERLAP:
            return True
    return False


def relevance_for_hits(
    question: Any,
    hits: Sequence[Any],
    documents: Mapping[str, str] | None = None,
) -> list[int | None]:
    """For each hit (in rank order), the index of the relevant entry it credits, or None.

    A hit credits the first relevant entry it satisfies that no earlier hit has
    credited; an entry is credited at most once.  ``documents`` (cleaned text by source)
    enables the offset-based partial-overlap test for hits with ``start``/``end``.
    """
    _, _, relevant = _question_fields(question)
    credited: set[int] = set()
    result: list[int | None] = []
    for hit in hits:
        chosen: int | None = None
        for index, (source, text) in enumerate(relevant):
            if index not in credited and hit_satisfies(hit, source, text, documents):
                chosen = index
                break
        if chosen is not None:
            credited.add(chosen)
        result.append(chosen)
    return result


def build_qrels_run(
    questions: Iterable[Any],
    hits_by_qid: Mapping[str, Sequence[Any]],
    documents: Mapping[str, str] | None = None,
) -> tuple[dict[str, dict[str, int]], dict[str, dict[str, float]]]:
    """ranx-ready ``(qrels, run)`` dicts for questions and their ranked hits.

    Every question gets a qrels entry (empty for noanswer questions) and a run entry
    (empty when nothing was retrieved or the question is missing from ``hits_by_qid``).
    """
    qrels: dict[str, dict[str, int]] = {}
    run: dict[str, dict[str, float]] = {}
    for question in questions:
        qid, _, relevant = _question_fields(question)
        qrels[qid] = {f"{qid}#rel{i}": 1 for i in range(len(relevant))}
        hits = list(hits_by_qid.get(qid, []) or [])
        credits = relevance_for_hits(question, hits, documents)
        scores: dict[str, float] = {}
        for rank, credit in enumerate(credits, 1):
            doc_id = f"{qid}#rel{credit}" if credit is not None else f"{qid}#miss@{rank}"
            scores[doc_id] = 1.0 / rank
        run[qid] = scores
    return qrels, run


# --------------------------------------------------------------------------- ranx metrics


def _empty_metrics() -> dict[str, float]:
    result: dict[str, float] = {name: 0.0 for name in METRICS}
    result["n"] = 0
    return result


def retrieval_metrics(
    qrels: Mapping[str, Mapping[str, int]],
    run: Mapping[str, Mapping[str, float]],
) -> dict[str, float]:
    """Mean hit@1, recall@5, mrr@10, ndcg@10 over the queries that have relevant documents.

    Queries whose qrels are empty (or all zero) are excluded; queries missing from
    ``run`` or with an empty run score 0.  Run entries for queries not in qrels are
    ignored.  Returns the four metrics plus ``n``, the number of queries averaged
    (all metrics 0.0 and ``n == 0`` when no query has a relevant document).
    """
    from ranx import Qrels, Run, evaluate

    kept = {
        str(qid): {str(doc): int(rel) for doc, rel in docs.items() if int(rel) > 0}
        for qid, docs in qrels.items()
    }
    kept = {qid: docs for qid, docs in kept.items() if docs}
    if not kept:
        return _empty_metrics()
    run_kept = {
        qid: {str(doc): float(score) for doc, score in (run.get(qid) or {}).items()}
        for qid in kept
    }
    if not any(run_kept.values()):
        # Nothing retrieved for any query: every metric is 0 (ranx cannot build an empty Run).
        result = _empty_metrics()
        result["n"] = len(kept)
        return result
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # numba type-safety chatter from ranx kernels
        scores = evaluate(
            Qrels(kept),
            Run(run_kept),
            list(METRICS.values()),
            make_comparable=True,
        )
    if not isinstance(scores, Mapping):  # a single metric comes back as a bare float
        scores = {list(METRICS.values())[0]: scores}
    result: dict[str, float] = {name: float(scores[ranx_name]) for name, ranx_name in METRICS.items()}
    result["n"] = len(kept)
    return result


def per_kind(
    metrics_fn: Callable[[dict[str, dict[str, int]], dict[str, dict[str, float]]], dict[str, float]],
    questions: Iterable[Any],
    qrels: Mapping[str, Mapping[str, int]],
    run: Mapping[str, Mapping[str, float]],
) -> dict[str, dict[str, float]]:
    """``metrics_fn`` applied to each question kind separately, kinds in first-seen order.

    Kinds none of whose questions has a relevant document (``noanswer``) are left out.
    """
    groups: dict[str, list[str]] = {}
    for question in questions:
        qid, kind, _ = _question_fields(question)
        groups.setdefault(kind, []).append(qid)
    result: dict[str, dict[str, float]] = {}
    for kind, qids in groups.items():
        sub_qrels = {qid: dict(qrels.get(qid) or {}) for qid in qids}
        if not any(any(int(v) > 0 for v in docs.values()) for docs in sub_qrels.values()):
            continue
        sub_run = {qid: dict(run.get(qid) or {}) for qid in qids}
        result[kind] = metrics_fn(sub_qrels, sub_run)
    return result


def evaluate_retrieval(
    questions: Sequence[Any],
    hits_by_qid: Mapping[str, Sequence[Any]],
    documents: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Convenience: ``{"overall": {...}, "per_kind": {kind: {...}}}`` for ranked hits."""
    qrels, run = build_qrels_run(questions, hits_by_qid, documents)
    return {
        "overall": retrieval_metrics(qrels, run),
        "per_kind": per_kind(retrieval_metrics, questions, qrels, run),
    }


# --------------------------------------------------------------------------- latency


def _percentile(sorted_values: Sequence[float], q: float) -> float:
    """Linear-interpolation percentile (numpy's default method)."""
    if len(sorted_values) == 1:
        return float(sorted_values[0])
    position = (len(sorted_values) - 1) * q / 100.0
    low = math.floor(position)
    high = min(low + 1, len(sorted_values) - 1)
    fraction = position - low
    return float(sorted_values[low] + (sorted_values[high] - sorted_values[low]) * fraction)


def latency_summary(ms: Iterable[float]) -> dict[str, float]:
    """p50 / p95 / mean / max of latencies in milliseconds (zeros and n=0 when empty)."""
    values = sorted(float(v) for v in ms)
    if not values:
        return {"p50_ms": 0.0, "p95_ms": 0.0, "mean_ms": 0.0, "max_ms": 0.0, "n": 0}
    return {
        "p50_ms": _percentile(values, 50),
        "p95_ms": _percentile(values, 95),
        "mean_ms": sum(values) / len(values),
        "max_ms": values[-1],
        "n": len(values),
    }


# --------------------------------------------------------------------------- answers

# Tokens of an answer key: numbers (with "," or "." inside), words, and "%".
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|%")


def _number_token(token: str) -> str:
    token = token.replace(",", ".")
    if "." not in token:
        return token.lstrip("0") or "0"  # "09" == "9" (dates: 09/07/2024 vs 9/7/2024)
    head, _, rest = token.partition(".")
    return (head.lstrip("0") or "0") + "." + rest


# A date or period printed in words and the same one in figures are one answer: "ngày 08 tháng 01 năm 2026" is
# "08/01/2026", "tháng 7 năm 2026" is "tháng 7/2026", "quý II năm 2025" is "Quý 2/2025" (compared on match keys).
_ROMAN_PERIOD = re.compile(r"\b(quy|giai doan|dot)\s+(iv|iii|ii|i)\b")
_ROMAN_VALUES = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}
# "ngày" is optional: an accepted form may quote the date without it ("30 tháng 9 năm 2022")
_WORDED_DAY = re.compile(r"\b(?:ngay\s+)?(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})\b")
_WORDED_PERIOD = re.compile(r"\b(thang|quy)\s+(\d{1,2})\s+nam\s+(\d{4})\b")


def _dates_as_figures(key: str) -> str:
    """``key`` (a match key) with dates and periods in words written in figures.

    >>> _dates_as_figures("quy ii nam 2025"), _dates_as_figures("truoc ngay 08 thang 01 nam 2026")
    ('quy 2/2025', 'truoc 08/01/2026')
    >>> _dates_as_figures("den het 30 thang 9 nam 2022")
    'den het 30/9/2022'

    """
    key = _ROMAN_PERIOD.sub(lambda m: f"{m.group(1)} {_ROMAN_VALUES[m.group(2)]}", key)
    key = _WORDED_DAY.sub(r"\1/\2/\3", key)
    return _WORDED_PERIOD.sub(r"\1 \2/\3", key)


def _answer_tokens(text: str) -> list[str]:
    tokens = _TOKEN.findall(_dates_as_figures(match_key(text)))
    return [_number_token(t) if t[0].isdigit() else t for t in tokens]


def _contains(haystack: list[str], needle: list[str]) -> bool:
    if not needle or len(needle) > len(haystack):
        return False
    first = needle[0]
    for i in range(len(haystack) - len(needle) + 1):
        if haystack[i] == first and haystack[i : i + len(needle)] == needle:
            return True
    return False


def answer_matches(predicted: str | None, acceptable: Sequence[str]) -> bool:
    """Whether a predicted answer agrees with any acceptable answer.

    Case-, accent- and tone-placement-insensitive (``match_key``); punctuation and
    spacing are ignored (texts are compared as token sequences: words, numbers, "%");
    "74,3" equals "74.3" and "09" equals "9".  Agreement is containment either way on
    whole tokens: "đạt 74,3 tuổi" matches "74.3", "trên 95%" matches "95%", but "18 đơn vị"
    does not match "8 đơn vị".  ``None``, an empty prediction or an empty acceptable list
    never match.
    """
    if not predicted or not acceptable:
        return False
    predicted_tokens = _answer_tokens(predicted)
    if not predicted_tokens:
        return False
    for answer in acceptable:
        answer_tokens = _answer_tokens(answer or "")
        if not answer_tokens:
            continue
        if _contains(predicted_tokens, answer_tokens) or _contains(answer_tokens, predicted_tokens):
            return True
    return False


SHORT_ANSWER_CHARS = 150  # a short answer is at most this long


def short_answer_matches(predicted: str | None, acceptable: Sequence[str], limit: int = SHORT_ANSWER_CHARS) -> bool:
    """Whether a predicted answer is short (≤ ``limit`` characters) and *holds* an accepted form.

    Stricter than :func:`answer_matches`: containment one way only (the prediction contains
    the accepted form, compared as in ``answer_matches``), and a whole clause never counts.

    >>> short_answer_matches("kể từ ngày 08 tháng 01 năm 2026", ["08/01/2026", "ngày 08 tháng 01 năm 2026"])
    True
    >>> short_answer_matches("2026", ["08/01/2026"]), short_answer_matches("x " * 100 + "95%", ["95%"])
    (False, False)
    """
    if not predicted or not acceptable or len(predicted) > limit:
        return False
    tokens = _answer_tokens(predicted)
    return any(_contains(tokens, _answer_tokens(answer or "")) for answer in acceptable)

"""Choosing the answering unit: which (unit, span) of the best units answers the question.

The kind's extractor proposes a span in each of the best units (``Answerer.proposals``), or,
for "what"/"list" questions, each of the best units is a clause to read (``Answerer.what_options``);
:func:`option_features` describes one proposal by a handful of numbers a clerk would weigh —
the unit's score, the extractor's confidence, the unit's embedding cosine with the question, how close the question's words sit to the span,
how the passage ranked in the search, how much of what the question asks *beyond the document's
own title* the unit prints (a unit restating the title matches every question on the document),
whether the unit is document chrome (national motto, "Số:", "Nơi nhận", "Trên đây là …"), how its passage's
search score stands to the best passage's, whether it is a short label rather than a statement — and
:func:`option_score` combines them linearly with coefficients fitted on the tuning questions
(``python -m eval fit-ranker``, validated across documents: fitted on some documents' questions, scored
on the others'; stored in ``QASettings.ranker_coefficients`` / ``what_ranker_coefficients``).
"""

from __future__ import annotations

import re

from retriever.qa import vocabulary as V
from retriever.qa.model import Candidate, Span
from retriever.qa.scoring import coverage, proximity, syllables

# Document chrome: lines every administrative document prints that never answer a content question.
_CHROME = re.compile(
    r"CỘNG HÒA XÃ HỘI CHỦ NGHĨA|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA|Độc lập\s*-\s*Tự do|^\s*Số\s*:|Nơi nhận|"
    r"^\s*Trên đây là|biết(?:,| và)\s+(?:thực hiện|triển khai)\s*\./\.|^\s*(?:KT|TM|TL|Q)\.\s|Như Điều \d|^\s*-\s*Lưu\s*:|^\s*Lưu\s*:\s*VT",
    re.IGNORECASE | re.MULTILINE)

# cosines of e5 vectors differ by hundredths: the gap in tenths of a cosine weighs on the scale of the others
DENSE_SCALE = 10.0

FEATURES: tuple[str, ...] = (
    "score_gap",  # unit score minus the best unit's score (scoring.rank_units)
    "confidence",  # the extractor's confidence in its span (0 for a "what" clause)
    "near_span",  # question words near the span, nearer counting more (scoring.proximity; 0 for a clause)
    "passage_rank",  # rank of the unit's passage in the search (0 = best), capped at 5
    "own_coverage",  # coverage of the question's words the document's title/issuer/place do not print
    "chrome",  # 1 when the unit is document chrome (motto, number line, recipients, closing)
    "dense_gap",  # 10 × (the unit's e5 cosine with the question − the best candidate's); 0 without unit vectors
    "hit_share",  # the passage's fused search score over the best passage's (1 for the best passage's units)
    "short_unit",  # 1 when the unit prints fewer than SHORT_UNIT_WORDS words: a label or heading, not a statement
    # w65: where a clerk looks for the sentence — the headings above it, the passage around it, the document named
    "heading_own",  # coverage of the question's own words (beyond the title) by the unit's heading path
    "passage_own",  # … by its whole passage (headings and every unit): the question's topic is this part's
    "rare_in_unit",  # share of the question's RARE_WORDS rarest own words the unit itself (with its lead) prints
)

# the question's rarest words (highest IDF, beyond the document's title) a clerk looks for in the sentence itself
RARE_WORDS = 2

# a unit of fewer words is a label ("a) Hình thức khen thưởng", "Giải thích từ ngữ") rather than a statement
SHORT_UNIT_WORDS = 8


def is_chrome(text: str) -> bool:
    return bool(_CHROME.search(text))


_REQUEST = re.compile(V.REQUEST_RESTATED, re.IGNORECASE)
_ASKS_FRAME = re.compile(V.CUE_ASKS_FRAME)


def restates_request(text: str, question_key: str) -> bool:
    """Whether ``text`` restates the request a letter answers (a reply's opener, the request it rules on:
    ``vocabulary.REQUEST_RESTATED``) and the question does not ask about that frame: it says again what the
    question asks and answers nothing.

    >>> restates_request("Trên cơ sở Đơn đề nghị số 01/CV ngày 30/10/2025 của Công ty TNHH Minh Phát và hồ sơ kèm theo;",
    ...                  "thanh den led cua cong ty minh phat thuoc ma so nao")
    True
    """
    if _ASKS_FRAME.search(question_key):
        return False
    return bool(_REQUEST.search(text))


def option_features(cand: Candidate, span: Span, *, text: str, best_score: float, weights: dict[str, float],
                    doc_words: set[str] | frozenset[str] = frozenset(), lead: str = "",
                    top_hit: float = 0.0, heading_words: frozenset[str] | set[str] = frozenset(),
                    passage_words: frozenset[str] | set[str] = frozenset()) -> list[float]:
    """The :data:`FEATURES` of one (candidate, span); ``text`` is the document's text, ``doc_words`` the
    syllables of its title, issuer and place (``UnitIndex.record_words``), ``lead`` the sentence the unit
    continues (``Context.lead``: "d) Thời gian đóng … từ đủ 84 tháng đến dưới 108 tháng: Hỗ" / "trợ 2.650.000
    đồng/người"), read with it; ``top_hit`` the best passage's fused search score (0: ``hit_share`` is 1);
    ``heading_words`` / ``passage_words`` the syllables of the unit's heading path and of its whole passage
    (``UnitIndex.heading_words``, ``UnitIndex.passage_words``)."""
    unit = cand.unit
    body = lead + text[unit.start:unit.end]
    start, end = max(unit.start, min(span.start, unit.end)), max(unit.start, min(span.end, unit.end))
    near = (proximity(weights, lead + text[unit.start:start], text[end:unit.end])
            if (start, end) != (unit.start, unit.end) else 0.0)
    own = {t: w for t, w in weights.items() if t not in doc_words}
    words = set(syllables(body))
    rare = sorted(own, key=lambda t: -own[t])[:RARE_WORDS]
    return [
        cand.score - best_score,
        span.confidence,
        near,
        float(min(cand.rank, 5)),
        coverage(own, words) if own else 0.0,
        1.0 if is_chrome(body) else 0.0,
        DENSE_SCALE * cand.dense,
        cand.hit_score / top_hit if top_hit > 0 else 1.0,
        1.0 if len(text[unit.start:unit.end].split()) < SHORT_UNIT_WORDS else 0.0,
        coverage(own, set(heading_words)) if own else 0.0,
        coverage(own, set(passage_words)) if own else 0.0,
        sum(t in words for t in rare) / len(rare) if rare else 0.0,
    ]


# Kinds whose answer is a name: one the question prints is its subject, not the answer.
ECHO_KINDS = frozenset({"agency", "agencies", "person"})


def echo(text: str, question_words) -> float:
    """Share of ``text``'s syllables (figures aside) the question prints (``question_words``: its syllables
    and their expansions): near 1, the text says nothing the question does not ("8. Bảo hiểm xã hội tỉnh"
    for "BHXH tỉnh phải làm gì…?") — a label or the question's own subject, not an answer.

    >>> echo("8. Bảo hiểm xã hội tỉnh", {"bao", "hiem", "xa", "hoi", "tinh", "lam"})
    1.0
    """
    words = [w for w in syllables(text) if not w.isdigit()]
    return sum(w in question_words for w in words) / len(words) if words else 0.0


def option_score(features: list[float], coefficients: tuple[float, ...]) -> float:
    return sum(c * f for c, f in zip(coefficients, features))

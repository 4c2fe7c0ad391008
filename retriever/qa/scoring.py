"""Scoring units against a question: IDF-weighted share of the question's words.

:class:`TermWeights` counts, once at load, in how many passages each syllable occurs;
``question_weights`` gives every content syllable of a question (and of its
abbreviation expansions) its IDF; ``coverage`` is the weighted share found in a set of
words; ``proximity`` rewards question words near a candidate answer.
"""

from __future__ import annotations

import math
import re

from corpus.vietnamese import match_key
from retriever.qa import vocabulary as V
from retriever.qa.model import Candidate
from retriever.qa.settings import QASettings

_WORD = re.compile(r"\w+")


def syllables(text: str) -> list[str]:
    """Accent-less lower-case syllables of ``text``."""
    return _WORD.findall(match_key(text))


def content(tokens) -> list[str]:
    return [t for t in tokens if t not in V.STOPWORDS]


def coverage(weights: dict[str, float], words: set[str]) -> float:
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    return sum(w for t, w in weights.items() if t in words) / total


def proximity(weights: dict[str, float], before: str, after: str) -> float:
    """Question words near a candidate, nearer counting more (before it more than after)."""
    total = sum(weights.values()) or 1.0
    best: dict[str, float] = {}
    for distance, token in enumerate(reversed(syllables(before))):
        if token in weights:
            best[token] = max(best.get(token, 0.0), 1.0 / (1.0 + distance / 6))
    for distance, token in enumerate(syllables(after)):
        if token in weights:
            best[token] = max(best.get(token, 0.0), 0.5 / (1.0 + distance / 6))
    return sum(weights[t] * f for t, f in best.items()) / total


def pair_coverage(weights: dict[str, float], question: str, texts) -> float:
    """IDF-weighted share of the question's adjacent content-word pairs printed (adjacent) in ``texts``.

    A pair weighs as its commoner word (``min`` of the two weights), so a rare word beside a
    common one does not count twice.

    >>> pair_coverage({"chet": 1.0, "nao": 1.0, "hien": 1.0}, "chết não hiến", ["não chết; hiến"])
    0.0
    """
    words = syllables(question)
    pairs = [(a, b) for a, b in zip(words, words[1:]) if a in weights and b in weights]
    total = sum(min(weights[a], weights[b]) for a, b in pairs)
    if total <= 0:
        return 1.0
    printed: set[tuple[str, str]] = set()
    for text in texts:
        found = syllables(text)
        printed.update(zip(found, found[1:]))
    return sum(min(weights[a], weights[b]) for a, b in pairs if (a, b) in printed) / total


def local_overlap(weights: dict[str, float], window: str) -> float:
    return coverage(weights, set(syllables(window)))


class TermWeights:
    """Passage frequencies of syllables, counted once at load."""

    def __init__(self, chunks):
        df: dict[str, int] = {}
        for chunk in chunks:
            for token in set(syllables(chunk.context)):
                df[token] = df.get(token, 0) + 1
        n = max(len(chunks), 1)
        self.idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
        self.max_idf = math.log((n + 1) / 0.5)

    def question_weights(self, question: str, expansions: list[str]) -> dict[str, float]:
        """IDF of each content syllable; an abbreviation whose expansion is present counts through it."""
        from retriever.query import ABBREVIATIONS

        key = match_key(question)
        tokens = content(syllables(question))
        for expansion in expansions:
            tokens += content(syllables(expansion))
        for abbr, full in ABBREVIATIONS.items():
            abbr_key = match_key(abbr)
            if re.search(rf"(?<![\w&]){re.escape(abbr_key)}(?![\w&])", key) and any(
                    match_key(full) == match_key(e) for e in expansions):
                for t in syllables(abbr):
                    while t in tokens:
                        tokens.remove(t)
        return {token: self.idf.get(token, self.max_idf) for token in tokens}


def rank_units(units, units_by_hit, weights: dict[str, float], settings: QASettings,
               dense: list[list[float]] | None = None) -> list[Candidate]:
    """Candidates best first: coverage of the unit, of the unit with its document's names, the hit score,
    and the unit's cosine with the question.

    ``units``: the :class:`retriever.qa.units.UnitIndex`; ``units_by_hit``: ``[(hit, [Unit, …]), …]``
    in search order; ``dense``: the cosine of the question's embedding and each unit's (same shape as the
    unit lists; ``index.unit_vectors``), or None (an index without unit vectors: the dense part is 0).
    The dense part is ``unit_dense_weight`` × (cosine − the best cosine among the candidates): a question
    worded otherwise than its answer shares few words with it, but the sentence still says the same thing.
    """
    candidates: list[Candidate] = []
    top = (units_by_hit[0][0].score if units_by_hit else 1.0) or 1.0
    best_cosine = max((c for row in dense for c in row), default=0.0) if dense else 0.0
    for rank, (hit, unit_list) in enumerate(units_by_hit):
        doc_words = units.record_words[hit.doc_id]
        for position, unit in enumerate(unit_list):
            words = units.words(unit)
            length = unit.end - unit.start
            gap = dense[rank][position] - best_cosine if dense else 0.0
            score = (settings.unit_coverage_weight * coverage(weights, words)
                     + settings.doc_coverage_weight * coverage(weights, words | doc_words)
                     + settings.hit_weight * (hit.score / top)
                     + settings.unit_dense_weight * gap
                     - (settings.short_unit_penalty if length < settings.short_unit_chars else 0.0)
                     - (settings.long_unit_penalty if length > settings.long_unit_chars else 0.0))
            candidates.append(Candidate(unit, score, hit.score, rank, gap))
    candidates.sort(key=lambda c: -c.score)
    return candidates

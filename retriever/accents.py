"""Put the diacritics back on a query typed without them, from the corpus itself.

"so nao chu tri y te truong hoc" → "sở nào chủ trì y tế trường học".  BM25 already
matches accent-less tokens, but the embedding model reads unaccented Vietnamese
poorly, so the dense side gets the restored query.  The model is a syllable
bigram language model counted over the indexed passages, decoded with Viterbi:
each syllable may become any accented form seen in the corpus with the same
letters, and neighbouring forms that occur together win ("y tế", not "ý tế").
Syllables the corpus never saw stay as typed.

>>> restorer = DiacriticRestorer.from_texts(["Sở Y tế chủ trì", "trường học", "số liệu y tế"])
>>> restorer.restore("so y te chu tri truong hoc")
'sở y tế chủ trì trường học'
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from itertools import islice
from typing import Iterable

from corpus.vietnamese import strip_diacritics, tone_key

_SYLLABLE = re.compile(r"\w+", re.UNICODE)
# Enough text to learn the vocabulary; a million-passage index need not be read whole.
MAX_PASSAGES = 20_000
# Question words rarely occur in administrative text, yet every question has them.
QUESTION_PHRASES = (
    "bao nhiêu", "bao giờ", "khi nào", "ở đâu", "là gì", "làm gì", "thế nào", "như thế nào", "vì sao",
    "tại sao", "mấy", "ai ký", "người ký", "ký văn bản", "văn bản nào", "sở nào", "cơ quan nào",
    "đơn vị nào", "ngành nào", "phòng nào", "ai chủ trì", "nội dung gì", "về việc", "những gì",
    "được không", "có phải", "mục tiêu gì", "năm nào", "ngày nào", "quý mấy", "thời hạn nào",
)
PHRASE_WEIGHT = 3  # as if each phrase were seen this many times


class DiacriticRestorer:
    def __init__(self, unigrams: Counter, bigrams: Counter):
        self._unigrams = unigrams
        self._bigrams = bigrams
        self._total = sum(unigrams.values()) or 1
        self._forms: dict[str, list[str]] = defaultdict(list)
        for form in unigrams:
            self._forms[strip_diacritics(form)].append(form)

    @classmethod
    def from_texts(cls, texts: Iterable[str], limit: int = MAX_PASSAGES) -> "DiacriticRestorer":
        unigrams: Counter = Counter()
        bigrams: Counter = Counter()
        for phrase in QUESTION_PHRASES:
            syllables = phrase.split()
            for _ in range(PHRASE_WEIGHT):
                unigrams.update(syllables)
                bigrams.update(zip(syllables, syllables[1:]))
        for i, text in enumerate(texts):
            if i >= limit:
                break
            syllables = _SYLLABLE.findall(tone_key(text))
            unigrams.update(syllables)
            bigrams.update(zip(syllables, syllables[1:]))
        return cls(unigrams, bigrams)

    @classmethod
    def from_chunks(cls, chunks: Iterable, limit: int = MAX_PASSAGES) -> "DiacriticRestorer":
        """From the first `limit` indexed passages (objects with a `text`)."""
        return cls.from_texts((chunk.text for chunk in islice(chunks, limit)), limit)

    def restore(self, query: str) -> str:
        """The most likely accented spelling of ``query`` (lower case); unknown syllables unchanged."""
        syllables = _SYLLABLE.findall(query.lower())
        if not syllables:
            return query
        lattice = [self._forms.get(s) or [s] for s in syllables]
        best = {form: (self._unigram_logp(form), [form]) for form in lattice[0]}
        for candidates in lattice[1:]:
            step = {}
            for form in candidates:
                step[form] = max(
                    ((score + self._bigram_logp(prev, form), path + [form]) for prev, (score, path) in best.items()),
                    key=lambda item: item[0],
                )
            best = step
        return " ".join(max(best.values(), key=lambda item: item[0])[1])

    def _unigram_logp(self, form: str) -> float:
        return math.log((self._unigrams.get(form, 0) + 0.1) / self._total)

    def _bigram_logp(self, previous: str, form: str) -> float:
        # Interpolated: the pair seen together dominates; otherwise the form's own frequency.
        pair = self._bigrams.get((previous, form), 0)
        context = self._unigrams.get(previous, 0)
        p_pair = pair / context if context else 0.0
        p_form = (self._unigrams.get(form, 0) + 0.1) / self._total
        return math.log(0.7 * p_pair + 0.3 * p_form)

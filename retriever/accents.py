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
from collections.abc import Iterable
from itertools import islice, pairwise

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
# w103: how-many, how-long and who frames with their usual neighbours ("có mấy ngày", "mất bao lâu", "từ bao nhiêu
# trở lên"): counted as often as the commonest spelling with the same letters (below).  Bodies asked by "nào" are
# not among them: "tinh nao" is as often "tính" as "tỉnh", "so nao" "số" as "sở", and the corpus decides those.
QUESTION_FRAMES = (
    "bao nhiêu", "có bao nhiêu", "có mấy", "mấy ngày", "ngày mấy", "mấy tháng", "mấy năm", "mấy lần", "mấy người",
    "mấy tấn", "mấy giờ", "thứ mấy", "số mấy", "tháng mấy", "năm mấy", "quý mấy", "mất bao lâu", "trong bao lâu",
    "bao nhiêu tiền", "từ bao nhiêu", "trở lên", "từ khi nào", "từ ngày nào", "từ bao giờ", "đến khi nào", "là ai",
    "do ai", "ai chịu trách nhiệm", "lên đâu", "về đâu", "tới đâu", "hay không",
)
PHRASE_WEIGHT = 3  # as if each phrase were seen this many times; a frame at least as often …
# … and as often as the commonest spelling with the same letters: administrative text rarely asks, so "máy"
# (machine) outnumbers "mấy" and "bảo" (bảo hiểm) "bao" thousands to one, yet a question's "may", "bao nhieu"
# are the question words; their neighbours in the query still decide ("may moc" stays "máy móc").


def _add_question_frames(unigrams: Counter, bigrams: Counter) -> None:
    """Count each question frame as often as the commonest corpus spelling of its syllables' letters."""
    commonest: Counter = Counter()
    for form, count in unigrams.items():
        key = strip_diacritics(form)
        commonest[key] = max(commonest[key], count)
    seen_unigrams: set[str] = set()
    seen_bigrams: set[tuple[str, str]] = set()
    for phrase in QUESTION_FRAMES:
        syllables = phrase.split()
        weights = [max(PHRASE_WEIGHT, commonest[strip_diacritics(s)]) for s in syllables]
        for syllable, weight in zip(syllables, weights):
            if syllable not in seen_unigrams:  # once per syllable, however many phrases hold it
                seen_unigrams.add(syllable)
                unigrams[syllable] += weight
        for pair, weight in zip(pairwise(syllables), pairwise(weights)):
            if pair not in seen_bigrams:
                seen_bigrams.add(pair)
                bigrams[pair] += min(weight)


class DiacriticRestorer:
    def __init__(self, unigrams: Counter, bigrams: Counter):
        self._unigrams = unigrams
        self._bigrams = bigrams
        self._total = sum(unigrams.values()) or 1
        self._forms: dict[str, list[str]] = defaultdict(list)
        for form in unigrams:
            self._forms[strip_diacritics(form)].append(form)

    @classmethod
    def from_texts(cls, texts: Iterable[str], limit: int = MAX_PASSAGES) -> DiacriticRestorer:
        unigrams: Counter = Counter()
        bigrams: Counter = Counter()
        for i, text in enumerate(texts):
            if i >= limit:
                break
            syllables = _SYLLABLE.findall(tone_key(text))
            unigrams.update(syllables)
            bigrams.update(pairwise(syllables))
        for phrase in QUESTION_PHRASES:
            syllables = phrase.split()
            unigrams.update({syllable: PHRASE_WEIGHT for syllable in syllables})
            bigrams.update({pair: PHRASE_WEIGHT for pair in pairwise(syllables)})
        _add_question_frames(unigrams, bigrams)
        return cls(unigrams, bigrams)

    @classmethod
    def from_chunks(cls, chunks: Iterable, limit: int = MAX_PASSAGES) -> DiacriticRestorer:
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

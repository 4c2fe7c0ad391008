"""Abstention from typed signals: say "nothing relevant was found" when the corpus does not answer.

:class:`Signals` gathers what is known about the best candidate: the IDF-weighted share of
the question's words in it (``coverage``), the top hit's cosine (``dense``) and BM25
score, the question's capitalised names the corpus never prints (``unknown_names``), and
whether an extractor of the question's kind found a typed answer in the best passages
(``typed``), and the IDF-weighted share of the question's adjacent word pairs ("chết não",
"sởi rubella") printed in the best passages (``pair_coverage``: single words of a topic the
corpus lacks are common, its phrases are not), the named topics (diseases, programmes,
provinces) no document of the best hits prints (``missing_topics``) and an act named by a number
the index neither holds nor cites (``unknown_act``; see :mod:`retriever.qa.topics`), and a figure found for "bao nhiêu <noun>"
with no such noun beside it (``unit_missing``).  From :mod:`retriever.qa.salience`, general and with no
topic list: the question's salient words no document of the index prints (``absent_terms``), the
IDF-weighted share of them the best passages do not print (``uncovered``), the rare ones they do print
(``anchors``); and the top BM25 score over the IDF sum of the question's own words (``bm25_relative``:
a question whose words match nothing well scores low against what its words could give); and the
retrieval ``evidence`` (:func:`retrieval_evidence`: the index-wide best cosine, how far it stands out from
the question's own neighbours, and the relative BM25; an out-of-corpus question whose every word the corpus
prints is middling on all three).  Corpus-wide
evidence counts only in an index of ``corpus_min_documents`` or more.  :func:`abstention_reasons` decides
from those alone, with the thresholds of :class:`retriever.qa.settings.QASettings`, and says which rule fired.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import asdict, dataclass, field

from corpus.vietnamese import has_diacritics, match_key, tone_key
from retriever.qa import vocabulary as V
from retriever.qa.settings import QASettings

_LETTERS = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Signals:
    coverage: float
    dense: float
    bm25: float
    unknown_names: tuple[str, ...] = ()
    typed: bool = False  # a typed answer (agency, date, number…) was found in the best passages
    typed_confidence: float = 0.0
    pair_coverage: float = 1.0  # IDF-weighted share of the question's adjacent word pairs in the best passages
    missing_topics: tuple[str, ...] = ()  # named topics of the question no document of the best hits prints
    unknown_act: bool = False  # the question names an act by number that the index neither holds nor cites
    unit_missing: bool = False  # the figure found is not a count of what the question counts ("bao nhiêu giường")
    accented: bool = True  # the question is written with accents
    bm25_relative: float | None = None  # the top hit's BM25 over the IDF sum of the question's words (None: small index)
    salient: int = 0  # salient words of the question (salience.py: dictionary words, less question words, names)
    absent_terms: tuple[str, ...] = ()  # … that no document of the index prints (an index of absent_min_documents+)
    anchors: tuple[str, ...] = ()  # … printed in the best passages though few documents print them
    uncovered: float = 0.0  # IDF-weighted share of the salient question words the best passages do not print
    uncovered_terms: tuple[str, ...] = ()  # … those words
    dense_best: float | None = None  # the best cosine over the whole index (None: small index)
    dense_gap: float | None = None  # … minus the mean cosine of this question's ranks calibration_from..to
    evidence: float | None = None  # retrieval_evidence: dense_best + weighted dense_gap and relative BM25

    def to_dict(self) -> dict:
        data = asdict(self)
        data["unknown_names"] = list(self.unknown_names)
        data["missing_topics"] = list(self.missing_topics)
        data["absent_terms"] = list(self.absent_terms)
        data["anchors"] = list(self.anchors)
        data["uncovered_terms"] = list(self.uncovered_terms)
        data["uncovered"] = round(self.uncovered, 3)
        data["bm25_relative"] = None if self.bm25_relative is None else round(self.bm25_relative, 3)
        data["coverage"] = round(self.coverage, 3)
        data["pair_coverage"] = round(self.pair_coverage, 3)
        for name in ("dense_best", "dense_gap", "evidence"):
            data[name] = None if data[name] is None else round(data[name], 4)
        return data


def should_abstain(signals: Signals, settings: QASettings) -> bool:
    return bool(abstention_reasons(signals, settings))


def abstention_reasons(signals: Signals, settings: QASettings) -> tuple[str, ...]:
    """Why the passages do not answer (empty: they do); the first rule that fires, as ``"signal: detail"``."""
    if len(signals.unknown_names) > settings.max_unknown_names:
        return (f"unknown_names: {', '.join(signals.unknown_names)}",)
    # The question is about a named disease / programme / province the documents answered from never
    # print, or about an act the index does not know: whatever else the passages share, not an answer.
    if len(signals.missing_topics) > settings.max_missing_topics:
        return (f"missing_topics: {', '.join(signals.missing_topics)}",)
    if signals.unknown_act:
        return ("unknown_act",)
    if signals.unit_missing:  # "bao nhiêu thành viên" answered with "221 người/ngày": another figure's passage
        return ("unit_missing",)
    coverage, dense = signals.coverage, signals.dense
    # A word that carries the question's subject ("xe lăn", "căng tin") is printed by no document,
    # and neither a rarer shared word nor a close cosine says the passages are about it anyway.
    if signals.absent_terms and not signals.anchors and dense < settings.absent_dense:
        return (f"absent_terms: {', '.join(signals.absent_terms)}",)
    if signals.uncovered > settings.max_uncovered and dense < settings.uncovered_dense:
        return (f"uncovered: {signals.uncovered:.2f} ({', '.join(signals.uncovered_terms)})",)
    floor = settings.min_bm25_relative if signals.accented else settings.min_bm25_relative_accentless
    if signals.bm25_relative is not None and signals.bm25_relative < floor and dense < settings.bm25_relative_dense:
        return (f"bm25_relative: {signals.bm25_relative:.2f}, dense {dense:.3f}",)
    if signals.evidence is not None and signals.evidence < settings.min_evidence:
        detail = (f"cosine {signals.dense_best:.3f}, above its neighbours {signals.dense_gap:.3f}, "
                  f"bm25_relative {signals.bm25_relative:.2f}")
        return (f"evidence: {signals.evidence:.3f} ({detail})",)
    if signals.salient and not signals.absent_terms and signals.uncovered <= settings.rescue_uncovered:
        return ()  # every salient word is printed in the best passages: low coverage is a paraphrase's
    # The question's phrases ("tay chân miệng", "chết não") are not in the passages, and the cosine
    # does not make up for it: the topic is not in the corpus, whatever single words it shares.
    if signals.pair_coverage < settings.min_pair_coverage and dense < settings.pair_dense:
        return (f"pair_coverage: {signals.pair_coverage:.2f}, dense {dense:.3f}",)
    # … nor does a cosine that is high only as every cosine of this question is (the calibrated evidence)
    if (signals.pair_coverage < settings.min_pair_coverage and signals.evidence is not None
            and signals.evidence < settings.pair_evidence):
        return (f"pair_coverage: {signals.pair_coverage:.2f}, evidence {signals.evidence:.3f}",)
    if signals.typed and coverage >= settings.typed_rescue_coverage and dense >= settings.weak_dense:
        return ()  # a typed answer where the question's words are: a paraphrase, not a miss
    if coverage < settings.min_coverage:
        return (f"coverage: {coverage:.2f}",)
    if coverage < settings.weak_coverage and dense < settings.weak_dense:
        return (f"coverage: {coverage:.2f}, dense {dense:.3f}",)
    if coverage < settings.confident_coverage and dense < settings.min_dense:
        return (f"coverage: {coverage:.2f}, dense {dense:.3f}",)
    return ()


def retrieval_evidence(cosines, bm25_relative: float, settings: QASettings) -> tuple[float, float, float] | None:
    """(best cosine, its gap over the background, evidence) from the index-wide dense top list, best first.

    The cosine of a small embedding model is compressed (0.85–0.92 for nearly any Vietnamese question):
    its level alone says little, how far the best passage stands out from this question's own 10th–50th
    neighbours says more (an answered question has a passage about it; an out-of-corpus one has many
    passages equally near), and the relative BM25 says whether the question's words meet in one passage.
    None when the list is too short to have a background.
    """
    cosines = sorted((float(c) for c in cosines), reverse=True)
    if len(cosines) < settings.calibration_to:
        return None
    background = cosines[settings.calibration_from:settings.calibration_to]
    best = cosines[0]
    gap = best - sum(background) / len(background)
    lexical = min(max(bm25_relative, 0.0), settings.evidence_bm25_cap)
    return best, gap, best + settings.evidence_gap_weight * gap + settings.evidence_bm25_weight * lexical


# Bump when what CorpusNames.from_texts collects changes: a saved table of another version is rebuilt at load.
NAMES_TABLE_VERSION = 1
_NAME_SETS = ("accented_words", "accented_pairs", "plain_words", "plain_pairs")


def _joined(words) -> str:
    """A set of words as one string, a word a line (words hold no line break; splitting it back is fast)."""
    return "\n".join(sorted(words))


def _split(text: str) -> set[str]:
    return set(text.split("\n")) if text else set()


@dataclass
class CorpusNames:
    """Every word and word pair the corpus prints, with accents and without; built once at load."""

    accented_words: set[str] = field(default_factory=set)
    accented_pairs: set[str] = field(default_factory=set)
    plain_words: set[str] = field(default_factory=set)
    plain_pairs: set[str] = field(default_factory=set)

    @classmethod
    def from_texts(cls, texts) -> CorpusNames:
        names = cls()
        plain_of: dict[str, str] = {}
        for text in texts:
            accented = _LETTERS.findall(tone_key(text))
            names.accented_words.update(accented)
            names.accented_pairs.update(f"{a} {b}" for a, b in itertools.pairwise(accented))
            for word in set(accented) - plain_of.keys():
                plain_of[word] = match_key(word)
            plain = [plain_of[w] for w in accented]
            names.plain_words.update(plain)
            names.plain_pairs.update(f"{a} {b}" for a, b in itertools.pairwise(plain))
        return names

    def to_table(self) -> dict:
        """What :meth:`from_table` reads back (saved with the index: ``index.word_tables``)."""
        return {"version": NAMES_TABLE_VERSION,
                **{name: _joined(getattr(self, name)) for name in _NAME_SETS}}

    @classmethod
    def from_table(cls, table: dict | None) -> CorpusNames | None:
        """The saved sets; None when ``table`` is missing or of another version (then build from the texts)."""
        if not table or table.get("version") != NAMES_TABLE_VERSION:
            return None
        return cls(**{name: _split(table[name]) for name in _NAME_SETS})

    def unknown(self, question: str) -> tuple[str, ...]:
        """Capitalised names in the question that appear nowhere in the corpus ("Quảng Ninh", "Đà Nẵng").

        Compared with accents when the question has them ("Nẵng" is not "nâng").
        """
        accented = has_diacritics(question)
        key_of = tone_key if accented else match_key
        words_known = self.accented_words if accented else self.plain_words
        pairs_known = self.accented_pairs if accented else self.plain_pairs
        unknown = []
        words = list(_LETTERS.finditer(question))
        capital = [w.group(0)[:1].isupper() and not w.group(0).isupper() for w in words]
        for i, word in enumerate(words):
            if not capital[i] or (i == 0 and not (len(words) > 1 and capital[1])):
                continue
            key = key_of(word.group(0))
            if match_key(key) in V.STOPWORDS:
                continue
            if key not in words_known:
                unknown.append(word.group(0))
        def joined(i: int) -> bool:  # words i and i + 1 are both capitalised and written side by side
            return (i + 1 < len(words) and capital[i] and capital[i + 1]
                    and not question[words[i].end():words[i + 1].start()].strip())

        def pair(i: int) -> str:
            return f"{key_of(words[i].group(0))} {key_of(words[i + 1].group(0))}"

        for i in range(len(words) - 1):
            if not joined(i) or pair(i) in pairs_known:
                continue
            if match_key(words[i].group(0)) in V.STOPWORDS:
                continue  # "Theo Thuế tỉnh …": a capitalised first word is no part of the name
            if joined(i + 1) and pair(i + 1) in pairs_known:
                continue  # "Dân Yên Bái", "Thuế Hải Phòng": a word before a known name, not a name
            unknown.append(f"{words[i].group(0)} {words[i + 1].group(0)}")
        return tuple(unknown)

"""Abstention from typed signals: say "nothing relevant was found" when the corpus does not answer.

:class:`Signals` gathers what is known about the best candidate: the IDF-weighted share of
the question's words in it (``coverage``), the top hit's cosine (``dense``) and BM25
score, the question's capitalised names the corpus never prints (``unknown_names``), and
whether an extractor of the question's kind found a typed answer in the best passages
(``typed``), and the IDF-weighted share of the question's adjacent word pairs ("chết não",
"sởi rubella") printed in the best passages (``pair_coverage``: single words of a topic the
corpus lacks are common, its phrases are not), the named topics (diseases, programmes,
provinces) no document of the best hits prints (``missing_topics``), the places asked when the answering
document is local to another place and prints none of them (``foreign_place``, :mod:`retriever.qa.places`), and an act named by a number
the index neither holds nor cites (``unknown_act``; see :mod:`retriever.qa.topics`), and a figure found for "bao nhiêu <noun>"
with no such noun beside it (``unit_missing``).  From :mod:`retriever.qa.salience`, general and with no
topic list: the question's salient words no document of the index prints (``absent_terms``), the
IDF-weighted share of them the best passages do not print (``uncovered``), the rare ones they do print
(``anchors``); and the top BM25 score over the IDF sum of the question's own words (``bm25_relative``:
a question whose words match nothing well scores low against what its words could give); and the
retrieval ``evidence`` (:func:`retrieval_evidence`: the index-wide best cosine, how far it stands out from
the question's own neighbours, and the relative BM25; an out-of-corpus question whose every word the corpus
prints is middling on all three), and whether the question names a document the index holds
(``known_document``).  Corpus-wide evidence counts only in an index of ``corpus_min_documents`` or more.

The retrieval evidence decides through one fitted model (:func:`ooc_logit`, w44): a logistic combination of
the best cosine, its gap over the background, the relative BM25, the pair coverage and the uncovered share,
fitted on the tuning questions no other rule refuses (``python -m eval.abstain --fit-evidence``), in place of
hand-set floors on each; its threshold is set to refuse a fixed small share of those answerable questions.

:func:`abstention_reasons` decides from those alone with the rules of :data:`RULES` (names unknown to the
corpus, missing named topics, an unknown act, weak retrieval evidence (a figure without the counted noun counts there),
missing word pairs) and the thresholds of :class:`retriever.qa.settings.QASettings`, and says which rule
fired.  Coverage and absent salient words are measured and reported, and rescue a question whose every
salient word is printed from the pairs rule, but refuse nothing alone (w36 ablation: they caught almost nothing
the other rules miss and made the false abstentions of the tuning and dev sets).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import asdict, dataclass, field, fields

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
    foreign_place: tuple[str, ...] = ()  # places asked that the answering document, local to another, never prints
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
    known_document: bool = False  # the question names a document the index holds (by number, or type and issuer)

    @classmethod
    def from_dict(cls, data: dict) -> Signals:
        """Signals from :meth:`to_dict` (an answer's ``signals``); unknown keys are ignored."""
        known = {f.name for f in fields(cls)}
        return cls(**{key: tuple(value) if isinstance(value, list) else value
                      for key, value in data.items() if key in known})

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


def _names(s: Signals, settings: QASettings) -> str | None:
    return ", ".join(s.unknown_names) if len(s.unknown_names) > settings.max_unknown_names else None


def _topics(s: Signals, settings: QASettings) -> str | None:
    # a named disease / programme / province the documents answered from never print: not an answer,
    # whatever else the passages share
    return ", ".join(s.missing_topics) if len(s.missing_topics) > settings.max_missing_topics else None


def _place(s: Signals, settings: QASettings) -> str | None:
    # a document of another province rules for that province only (retriever.qa.places)
    return ", ".join(s.foreign_place) if s.foreign_place else None


def _act(s: Signals, settings: QASettings) -> str | None:
    return "" if s.unknown_act else None  # an act by number the index neither holds nor cites


# The signals the fitted evidence model reads, in the order of QASettings.evidence_model's weights.
# ``accented`` (1.0 / 0.0): a question typed without accents meets the documents less sharply (a lower cosine
# gap, salient words cut otherwise), so the model learns its offset from the unaccented forms of the tuning
# questions (``eval.abstain --variants noaccent``) instead of refusing such questions more often.
# ``unit_missing`` (1.0 / 0.0): the figure found for "bao nhiêu <noun>" has no such noun beside it ("bao nhiêu
# thành viên" answered with "221 người/ngày").  It was a rule of its own until the fifth round; alone it refused
# answerable questions written by others (the counted noun printed in other words, or the wrong figure of a
# document that does answer), so it now weighs with the retrieval evidence instead of deciding.
EVIDENCE_FEATURES = ("dense_best", "dense_gap", "bm25_relative", "pair_coverage", "uncovered", "accented",
                     "unit_missing")


def evidence_features(s: Signals, settings: QASettings) -> tuple[float, ...] | None:
    """The values of :data:`EVIDENCE_FEATURES` (relative BM25 capped); None when corpus-wide evidence does not
    count (a small index, or a question naming a document the index holds)."""
    if s.known_document or s.dense_best is None or s.dense_gap is None or s.bm25_relative is None:
        return None
    return (s.dense_best, s.dense_gap, min(max(s.bm25_relative, 0.0), settings.evidence_bm25_cap),
            s.pair_coverage, s.uncovered, 1.0 if s.accented else 0.0, 1.0 if s.unit_missing else 0.0)


def ooc_logit(s: Signals, settings: QASettings) -> float | None:
    """The fitted model's log-odds that the corpus does not answer: a weighted sum of the retrieval evidence
    (how well the best passage stands out, how much of the question's words and word pairs the best passages
    print).  None without a model or when :func:`evidence_features` is None."""
    values = evidence_features(s, settings)
    model = settings.evidence_model
    if values is None or len(model) != len(EVIDENCE_FEATURES) + 1:
        return None
    return model[0] + sum(w * v for w, v in zip(model[1:], values, strict=True))


def _evidence_model(s: Signals, settings: QASettings) -> str | None:
    logit = ooc_logit(s, settings)
    if logit is None or logit <= settings.evidence_model_threshold:
        return None
    return (f"{logit:.2f} (cosine {s.dense_best:.3f}, above its neighbours {s.dense_gap:.3f}, bm25_relative "
            f"{s.bm25_relative:.2f}, pairs {s.pair_coverage:.2f}, uncovered {s.uncovered:.2f})")


def _pairs_missing(s: Signals, settings: QASettings) -> bool:
    """The question's phrases ("tay chân miệng", "chết não") are not in the best passages, and not because
    it says in other words what they print (then every salient word of it is printed there)."""
    rescued = s.salient and not s.absent_terms and s.uncovered <= settings.rescue_uncovered
    return s.pair_coverage < settings.min_pair_coverage and not rescued


def _pair_dense(s: Signals, settings: QASettings) -> str | None:
    # … and the cosine does not make up for it: the topic is not in the corpus, whatever single words it shares.
    # Not for a question naming a document the index holds (w44): the corpus is about it, as for the evidence.
    if s.known_document:
        return None
    if _pairs_missing(s, settings) and s.dense < settings.pair_dense:
        return f"{s.pair_coverage:.2f}, dense {s.dense:.3f}"
    return None


# (rule, the reason's label, the test: a detail when it fires, else None), in the order they are tried.
# Facts about the question first (a name, topic or act the corpus does not hold), then the retrieval evidence:
# one fitted combination (w44, replacing the w32/w36 floors on the evidence sum and on it with missing pairs;
# it also weighs a figure without the counted noun), and the raw-cosine pairs rule that also works in a small
# index.
RULES = (
    ("unknown_names", "unknown_names", _names),
    ("missing_topics", "missing_topics", _topics),
    ("foreign_place", "foreign_place", _place),
    ("unknown_act", "unknown_act", _act),
    ("evidence_model", "evidence", _evidence_model),
    ("pair_dense", "pair_coverage", _pair_dense),
)
# The rules that read retrieval evidence (scores), not a fact about the question: the evidence model is fitted
# on the questions no other rule refuses (``eval.abstain.fit_evidence_model``).
EVIDENCE_RULES = frozenset({"evidence_model", "pair_dense"})

def firing_rules(signals: Signals, settings: QASettings) -> tuple[str, ...]:
    """Every rule of :data:`RULES` that fires (not only the first): for ablations (``eval.abstain``)."""
    return tuple(name for name, _, test in RULES if test(signals, settings) is not None)


def abstention_reasons(signals: Signals, settings: QASettings) -> tuple[str, ...]:
    """Why the passages do not answer (empty: they do); the first rule that fires, as ``"signal: detail"``."""
    for _, label, test in RULES:
        detail = test(signals, settings)
        if detail is not None:
            return (f"{label}: {detail}" if detail else label,)
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

        def joined(i: int) -> bool:  # words i and i + 1 are both capitalised and written side by side
            return (i + 1 < len(words) and capital[i] and capital[i + 1]
                    and not question[words[i].end():words[i + 1].start()].strip())

        def pair(i: int, key=key_of) -> str:
            return f"{key(words[i].group(0))} {key(words[i + 1].group(0))}"

        # A name of two capitalised words the corpus prints with other accents ("Đăk Lăk" for "Đắk Lắk", "Hoà"
        # for "Hòa"): the accent-folded pair is printed, so the name is known; a single word keeps its accents
        # ("Nẵng" is not "nâng"), a pair of them rarely meets another name by chance.
        folded = {j for i in range(len(words) - 1) if accented and joined(i)
                  and pair(i, match_key) in self.plain_pairs for j in (i, i + 1)}
        for i, word in enumerate(words):
            if not capital[i] or (i == 0 and not (len(words) > 1 and capital[1])) or i in folded:
                continue
            key = key_of(word.group(0))
            if match_key(key) in V.STOPWORDS:
                continue
            if key not in words_known:
                unknown.append(word.group(0))
        for i in range(len(words) - 1):
            if not joined(i) or pair(i) in pairs_known or {i, i + 1} <= folded:
                continue
            if match_key(words[i].group(0)) in V.STOPWORDS:
                continue  # "Theo Thuế tỉnh …": a capitalised first word is no part of the name
            if joined(i + 1) and pair(i + 1) in pairs_known:
                continue  # "Dân Yên Bái", "Thuế Hải Phòng": a word before a known name, not a name
            unknown.append(f"{words[i].group(0)} {words[i + 1].group(0)}")
        return tuple(unknown)

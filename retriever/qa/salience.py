"""Which of a question's content words the index prints: a general out-of-corpus signal, not a topic list.

A question about a topic the documents do not cover still shares most of its words with them
(Sở Y tế, năm 2025, bao nhiêu, trạm y tế, hỗ trợ): what gives it away is the one or two words
that carry the topic ("xe lăn", "căng tin", "hiếm muộn"), which no document prints at all, or
which none of the passages retrieved for it prints.

:class:`TermIndex`, built once at load from the documents' text:

* the question is cut into words by longest match against a general Vietnamese dictionary
  (underthesea's ``Viet74K`` word list, ~65,000 compounds; not built from this corpus nor from
  any question), so "xe lăn" is one word and not "xe" + "lăn", each of which the corpus prints;
* the *salient* words are what remains after question words and function words
  (:data:`QUESTION_WORDS`, ``vocabulary.STOPWORDS``), abbreviations (``retriever.query.ABBREVIATIONS``,
  capitals), figures and capitalised names (those are :class:`retriever.qa.abstention.CorpusNames`'
  business) are removed;
* :meth:`TermIndex.absent` — the salient words no document of the index prints (with accents
  when the question has them, without when it has none);
* :meth:`TermIndex.uncovered` — the IDF-weighted share of the salient words that the passages
  retrieved for the question do not print (accent-insensitive there: a passage is only asked to
  be about the same thing).

Both are reported in the answer's signals.  Abstention (:func:`retriever.qa.abstention.should_abstain`)
reads them only to rescue a question whose every salient word the passages print from the missing-pairs
rule; neither refuses a question alone (an outsider's word, "túc trực", "khó dễ", is often absent).
"""

from __future__ import annotations

import hashlib
import importlib.util
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from corpus.vietnamese import has_diacritics, match_key, tone_key
from retriever.qa import vocabulary as V

_SYLLABLE = re.compile(r"[^\W\d_]+|\d[\d.,/]*")
_LETTERS = re.compile(r"[^\W\d_]+")
_TOKEN = re.compile(r"[^\W_]+")  # letters or digits: a figure between two words keeps them apart
MAX_WORD_SYLLABLES = 4

# Words that ask rather than name (match_key): grammar, the same for every corpus.
QUESTION_WORDS = frozenset({
    "bao lau", "bao gio", "bao nhieu", "may", "the nao", "ra sao", "tai sao", "vi sao", "nhu the nao",
    "phan tram", "thoi han", "so hieu", "ky hieu", "viec gi", "cai gi", "dieu gi", "la gi", "o dau", "noi nao",
    "hay khong", "co khong", "duoc khong", "chua", "nua", "cung", "con", "van", "nhe", "a", "u", "vay",
    "muon", "can", "nen",  # modal verbs (muốn, cần, nên), like "phải" and "được" of the stopwords
})


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """The compounds (2–4 syllables, ``tone_key`` form) of underthesea's general Vietnamese word list.

    Empty when underthesea or its data is not installed: the signal then sees single syllables only.
    """
    spec = importlib.util.find_spec("underthesea")  # located, not imported (importing it takes seconds)
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    try:
        path = Path(next(iter(spec.submodule_search_locations))) / "corpus" / "data" / "Viet74K.txt"
        text = path.read_text(encoding="utf-8")
    except OSError:
        return frozenset()
    words = set()
    for line in tone_key(text).splitlines():
        parts = _LETTERS.findall(line)
        if 2 <= len(parts) <= MAX_WORD_SYLLABLES and len(parts) == len(line.split()):
            words.add(" ".join(parts))
    return frozenset(words)


# Bump when what TermIndex counts changes (tokens, keys, the longest match): a saved table of another
# version is rebuilt at load.
TERMS_TABLE_VERSION = 1


def _fingerprint(words: Iterable[str]) -> str:
    """This counter's version and the word list it matched: a saved table of another list is rebuilt."""
    digest = hashlib.sha1("\n".join(sorted(words)).encode("utf-8")).hexdigest()[:16]
    return f"{TERMS_TABLE_VERSION}:{MAX_WORD_SYLLABLES}:{digest}"


@lru_cache(maxsize=1)
def dictionary_fingerprint() -> str:
    return _fingerprint(dictionary_words())


def _counts_text(counts: Mapping[str, int]) -> str:
    """Word → count as one string, ``word<TAB>count`` a line (words hold no tab nor line break)."""
    return "\n".join(f"{word}\t{count}" for word, count in sorted(counts.items()))


def _counts_of(text: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for line in text.split("\n") if text else ():
        word, _, count = line.rpartition("\t")
        counts[word] = int(count)
    return counts


def _plain_table() -> dict[int, str]:
    """``str.translate`` table taking a ``tone_key`` text to its ``match_key`` form (one pass, no NFD)."""
    letters = {chr(c) for c in range(0xC0, 0x1EFA) if chr(c).isalpha()}
    return str.maketrans({ch: match_key(ch) for ch in letters if len(match_key(ch)) == 1 and match_key(ch) != ch})


_PLAIN = _plain_table()


class _Lookup:
    """Finds the dictionary words of a token sequence: bigrams by one set intersection, longer words
    only where a bigram begins one (one pass over the text, not one per word length)."""

    def __init__(self, words: frozenset[str]):
        self.bigrams = frozenset(w for w in words if w.count(" ") == 1)
        self.longer = frozenset(w for w in words if w.count(" ") > 1)
        self.prefixes = frozenset(" ".join(w.split()[:2]) for w in self.longer)

    def words_in(self, tokens: list[str]) -> set[str]:
        found = set(tokens)
        pairs = list(map(" ".join, itertools.pairwise(tokens)))
        found |= self.bigrams.intersection(pairs)
        starts = self.prefixes.intersection(pairs)
        for i in itertools.compress(range(len(pairs)), map(starts.__contains__, pairs)):
            for n in range(3, MAX_WORD_SYLLABLES + 1):
                word = " ".join(tokens[i:i + n])
                if word in self.longer:
                    found.add(word)
        return found


@dataclass(frozen=True)
class Term:
    """A salient word of a question: its key (accented or plain) and its accent-less syllables."""

    key: str
    plain: tuple[str, ...]

    @property
    def forms(self) -> tuple[str, ...]:
        """Its accent-less form and its abbreviations' ("bao hiem y te", "bhyt"): either printed counts."""
        plain = " ".join(self.plain)
        return (plain, *_ALIASES.get(plain, ()))


class TermIndex:
    """Document frequency of every dictionary word and syllable the index prints; built at load."""

    def __init__(self, documents: Mapping[str, str], words: Iterable[str] | None = None):
        self._set_words(words)
        accented_lookup, plain_lookup = _Lookup(self._accented_words), _Lookup(self._plain_words)
        self.accented_df: Counter[str] = Counter()
        self.plain_df: Counter[str] = Counter()
        plain_of: dict[str, str] = {}
        for text in documents.values():
            accented = _TOKEN.findall(tone_key(text))
            for token in set(accented).difference(plain_of):
                plain_of[token] = token.translate(_PLAIN)
            self.accented_df.update(accented_lookup.words_in(accented))
            self.plain_df.update(plain_lookup.words_in(list(map(plain_of.__getitem__, accented))))
        self.documents = len(documents)

    def _set_words(self, words: Iterable[str] | None) -> None:
        if words is None:
            self._accented_words, self.fingerprint = dictionary_words(), dictionary_fingerprint()
        else:
            self._accented_words = frozenset(tone_key(w) for w in words)
            self.fingerprint = _fingerprint(self._accented_words)
        self._plain_words = frozenset(w.translate(_PLAIN) for w in self._accented_words)

    # ------------------------------------------------------------------ saved with the index
    def to_table(self) -> dict:
        """What :meth:`from_table` reads back (saved with the index: ``index.word_tables``)."""
        return {"fingerprint": self.fingerprint, "documents": self.documents,
                "accented_df": _counts_text(self.accented_df), "plain_df": _counts_text(self.plain_df)}

    @classmethod
    def from_table(cls, table: dict | None, words: Iterable[str] | None = None) -> TermIndex | None:
        """The saved document frequencies; None when ``table`` is missing or was counted with another word
        list or by another version of this counter (then build from the texts)."""
        terms = cls.__new__(cls)
        terms._set_words(words)
        if not table or table.get("fingerprint") != terms.fingerprint:
            return None
        terms.accented_df = _counts_of(table["accented_df"])
        terms.plain_df = _counts_of(table["plain_df"])
        terms.documents = int(table["documents"])
        return terms

    # ------------------------------------------------------------------ the question's words
    def salient(self, question: str) -> tuple[tuple[Term, ...], bool]:
        """The question's salient words (longest dictionary match) and whether they keep accents."""
        accented = has_diacritics(question)
        words = self._accented_words if accented else self._plain_words
        matches = list(_SYLLABLE.finditer(question))
        keys = [(tone_key(m.group(0)) if accented else match_key(m.group(0))) for m in matches]
        skip = [self._not_salient(m.group(0), i == 0) for i, m in enumerate(matches)]
        terms: list[Term] = []
        i = 0
        while i < len(matches):
            for n in range(min(MAX_WORD_SYLLABLES, len(matches) - i), 1, -1):
                if any(skip[i:i + n]) or not self._adjacent(question, matches[i:i + n]):
                    continue
                key = " ".join(keys[i:i + n])
                if key in words:
                    plain = key.translate(_PLAIN)
                    if plain in QUESTION_WORDS:
                        i += n  # "bao nhiêu", "thế nào": asked, not named
                        break
                    if all(k in V.STOPWORDS for k in plain.split()):
                        continue  # function words side by side ("do tại" in "do tai nan"): not a word here
                    terms.append(Term(key, tuple(plain.split())))
                    i += n
                    break
            else:
                plain = match_key(keys[i])
                if not skip[i] and plain not in V.STOPWORDS and plain not in QUESTION_WORDS:
                    terms.append(Term(keys[i], (plain,)))
                i += 1
        return tuple(dict.fromkeys(terms)), accented

    @staticmethod
    def _adjacent(question: str, matches) -> bool:
        return all(not question[a.end():b.start()].strip() for a, b in itertools.pairwise(matches))

    @staticmethod
    def _not_salient(word: str, first: bool) -> bool:
        """Figures, abbreviations, and capitalised names (a capital at the question's start is just a start)."""
        from retriever.query import ABBREVIATIONS

        if not word[0].isalpha() or (len(word) > 1 and word.isupper()):
            return True
        if match_key(word) in _ABBREVIATION_KEYS or word in ABBREVIATIONS:
            return True
        return word[0].isupper() and not first

    # ------------------------------------------------------------------ signals
    def df(self, term: Term, accented: bool) -> int:
        """Documents printing the word (or, when more do, one of its abbreviations)."""
        df = (self.accented_df if accented else self.plain_df).get(term.key, 0)
        return max([df] + [self.plain_df.get(alias, 0) for alias in term.forms[1:]])

    def absent(self, question: str) -> tuple[str, ...]:
        """The question's salient words that no document of the index prints (with accents only: see coverage)."""
        return self.coverage(question, ()).absent

    def coverage(self, question: str, texts: Iterable[str], anchor_max_df: int = 2) -> TermCoverage:
        """Which salient words of ``question`` the passages ``texts`` print (accent-insensitive).

        ``uncovered`` is the IDF-weighted share of the salient words they do not print, a word
        weighing ``log((N + 1) / (df + 0.5))`` over the index's N documents: the corpus's
        everyday words (tỉnh, năm, y tế) weigh little, its rare ones much.  ``anchors`` are the
        printed words that at most ``anchor_max_df`` documents print: a passage sharing such a
        word with the question is about the question's own subject.
        """
        terms, accented = self.salient(question)
        # Without accents a syllable run reads as several words ("bo nao": bộ nào / bộ não, "tinh bao cao
        # thu tuong": tỉnh báo cáo thủ tướng / tình báo cao thủ): a word is called absent only with accents.
        absent = tuple(t.key for t in terms if self.df(t, accented) == 0) if accented else ()
        if not terms:
            return TermCoverage(0, absent, 0.0, (), ())
        printed = " | ".join(" ".join(_TOKEN.findall(tone_key(text).translate(_PLAIN))) for text in texts)
        printed = f" {printed} "
        total = missing = 0.0
        missed, anchors = [], []
        for term in terms:
            df = self.df(term, accented)
            weight = math.log((self.documents + 1) / (df + 0.5))
            total += weight
            if not any(f" {form} " in printed for form in term.forms):
                missing += weight
                missed.append(term.key)
            elif 0 < df <= anchor_max_df:
                anchors.append(term.key)
        return TermCoverage(len(terms), absent, missing / total if total > 0 else 0.0, tuple(missed), tuple(anchors))


@dataclass(frozen=True)
class TermCoverage:
    """The salient words of a question against the index and against the passages retrieved for it."""

    salient: int  # how many salient words the question has
    absent: tuple[str, ...]  # … that no document of the index prints
    uncovered: float  # IDF-weighted share of them the passages do not print
    uncovered_terms: tuple[str, ...]
    anchors: tuple[str, ...]  # rare words (few documents print them) the passages do print


def _abbreviation_keys() -> frozenset[str]:
    from retriever.query import ABBREVIATIONS

    return frozenset(match_key(a) for a in ABBREVIATIONS)


def _aliases() -> dict[str, tuple[str, ...]]:
    """Accent-less expansion → its abbreviations as tokens ("bao hiem y te" → "bhyt"), from retriever.query."""
    from retriever.query import ABBREVIATIONS

    aliases: dict[str, list[str]] = {}
    for abbreviation, expansion in ABBREVIATIONS.items():
        key = " ".join(_TOKEN.findall(match_key(expansion)))
        aliases.setdefault(key, []).append(" ".join(_TOKEN.findall(match_key(abbreviation))))
    return {key: tuple(forms) for key, forms in aliases.items()}


_ABBREVIATION_KEYS = _abbreviation_keys()
_ALIASES = _aliases()

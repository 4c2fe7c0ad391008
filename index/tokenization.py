"""BM25 tokens for Vietnamese text.

What we measured (docs in ``../shared/notes``): lower-casing and dropping
punctuation matter most; syllables plus syllable bigrams beat word tokens on
medical text and words beat syllables on legal text.  So a passage yields:

* accent-less syllables and accent-less syllable bigrams — an accent-less
  query ("so nao chu tri y te") matches them, and bigrams capture compounds
  ("y_te") without depending on the segmenter;
* tone-normalized syllables with their diacritics (``hoà`` and ``hòa`` agree),
  for the precision of typed-with-accents queries ("sở" vs "số");
* underthesea compounds ("giáo_dục", "y_tế"), when word segmentation is on;
* act numbers as single tokens ("542/kh-ubnd"), whatever their spacing.

A query without diacritics produces only the accent-less kinds, so it is not
penalized for tokens it cannot contain.

>>> tokenizer = Tokenizer(segment_words=False)
>>> tokenizer.passage_tokens("Sở Y tế")
['so', 'y', 'te', 'so_y', 'y_te', '~sở', '~y', '~tế']
>>> tokenizer.query_tokens("so y te")
['so', 'y', 'te', 'so_y', 'y_te']
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from corpus.vietnamese import has_diacritics, strip_diacritics, tone_key

_SYLLABLE = re.compile(r"\w+", re.UNICODE)
ACCENTED_PREFIX = "~"  # keeps "~sở" apart from the accent-less "so"


@dataclass(frozen=True)
class Tokenizer:
    """Turns passages and queries into BM25 tokens.  Settings are saved in the manifest."""

    segment_words: bool = True
    bigrams: bool = True
    accented: bool = True

    def settings(self) -> dict:
        return asdict(self)

    def passage_tokens(self, text: str) -> list[str]:
        return self._tokens(text, with_accents=True)

    def warm_up(self) -> None:
        """Load underthesea's word segmenter now rather than in the first query (~0.5 s)."""
        if self.segment_words:
            _compounds("y tế")

    def query_tokens(self, text: str) -> list[str]:
        # Users type codes in any case ("25-ct/tw"); documents write them in upper case.
        return self._tokens(text, with_accents=has_diacritics(text), numbers_from=text.upper())

    def _tokens(self, text: str, with_accents: bool, numbers_from: str | None = None) -> list[str]:
        toned = tone_key(text)
        plain = strip_diacritics(toned)
        syllables = _SYLLABLE.findall(plain)
        tokens = list(syllables)
        if self.bigrams:
            tokens += [f"{a}_{b}" for a, b in zip(syllables, syllables[1:])]
        if with_accents and self.accented:
            tokens += [ACCENTED_PREFIX + s for s in _SYLLABLE.findall(toned)]
        if with_accents and self.segment_words:
            tokens += _compounds(toned)
        tokens += [key.lower() for key in act_number_keys(numbers_from or text)]
        return tokens


# "542/KH-UBND", "25- CT/TW", "22/2023/QH15", "281/QĐ-TTg": digits, then code parts
# joined by "/" or "-" with stray spaces (scraped text has "25- CT/TW").
_ACT_NUMBER = re.compile(
    r"(?<![\w/])(\d{1,6}(?:/\d{4})?)\s*([/-])\s*([A-ZĐ][A-Za-zĐđ0-9]*(?:\s*[/-]\s*[A-ZĐ][A-Za-zĐđ0-9]*)*)"
)


def act_number_keys(text: str) -> list[str]:
    """Act numbers in ``text`` as spacing-free upper-case keys ("25-CT/TW")."""
    keys = []
    for match in _ACT_NUMBER.finditer(text):
        code = re.sub(r"\s+", "", match.group(3))
        if "/" in match.group(2) + code or "-" in code:
            keys.append(f"{match.group(1)}{match.group(2)}{code}".upper())
    return keys


def _compounds(toned_text: str) -> list[str]:
    """Multi-syllable words from underthesea, joined with '_' ("y_tế")."""
    from corpus.segmenter import word_tokenize  # imported lazily: 2 s of start-up

    words = word_tokenize(toned_text)
    return [
        ACCENTED_PREFIX + "_".join(_SYLLABLE.findall(word))
        for word in words
        if len(_SYLLABLE.findall(word)) > 1
    ]

"""Vietnamese text keys for matching.

Quoted text is never changed by these functions' callers; they build *keys*
(for BM25 tokens, query matching, metadata rules).  ``fold_tones`` and
``strip_diacritics`` preserve length on NFC input, so an offset in a key is an
offset in the original text.

>>> fold_tones("sức khoẻ, hoà bình, thuý")
'sức khỏe, hòa bình, thúy'
>>> strip_diacritics("Sở Giáo dục và Đào tạo")
'So Giao duc va Dao tao'
>>> match_key("Sức Khoẻ")
'suc khoe'
"""

from __future__ import annotations

import re
import unicodedata

_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng

# Two spellings coexist for open diphthongs: the tone on the second vowel ("hoà",
# "khoẻ", "thuý") or on the first ("hòa", "khỏe", "thúy").  Keys use the first-vowel form,
# the more common one, as underthesea's text_normalize does.  Only pairs that end
# the syllable differ: "hoàn", "quyết" are written the same in both styles.
_OLD_STYLE = re.compile(
    r"([oOuU])([aAeEyY])([\u0300\u0301\u0303\u0309\u0323])(?![a-zA-Z\u0110\u0111\u0300-\u036f])",
)
# "qu" + vowel: the u belongs to the consonant, so "quý" is already correct; guard it.
_QU_GUARD = re.compile(r"[qQ]$")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold_tones(text: str) -> str:
    """Rewrite tone placement hoà, khoẻ, thuý as hòa, khỏe, thúy (one spelling per word)."""
    if text.isascii():  # no tone marks: NFD, the rewrite and NFC all leave it as it is
        return text
    decomposed = unicodedata.normalize("NFD", text)

    def move(match: re.Match[str]) -> str:
        prefix = decomposed[max(0, match.start() - 1) : match.start()]
        if _QU_GUARD.search(prefix) and match.group(1) in "uU":
            return match.group(0)
        return match.group(1) + match.group(3) + match.group(2)

    return unicodedata.normalize("NFC", _OLD_STYLE.sub(move, decomposed))


_STRIP_TABLE = str.maketrans({"đ": "d", "Đ": "D", "\u00d0": "D", "\u00f0": "d"})  # Ð: the look-alike Đ of some fonts


def _strip_by_normalization(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_STRIP_TABLE))
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    )


# Latin letters (Vietnamese ones included), combining marks and general punctuation: none of them
# composes with a neighbour once the marks are gone, so a text made only of them is stripped
# character by character — one str.translate with a table computed here (a hot path of every query).
_TABLE_CHARACTERS = "\u0000-\u024f\u0300-\u036f\u1e00-\u1eff\u2000-\u206f"
_OUTSIDE_TABLE = re.compile(f"[^{_TABLE_CHARACTERS}]")
_FAST_TABLE = {
    code: stripped
    for start, end in ((0x80, 0x250), (0x300, 0x370), (0x1E00, 0x1F00), (0x2000, 0x2070))
    for code in range(start, end)
    if (stripped := _strip_by_normalization(chr(code))) != chr(code)
}


def strip_diacritics(text: str) -> str:
    """Remove every Vietnamese diacritic (tones and vowel marks); đ → d."""
    if text.isascii():
        return text
    if _OUTSIDE_TABLE.search(text) is None:
        return text.translate(_FAST_TABLE)
    return _strip_by_normalization(text)


def match_key(text: str) -> str:
    """Case-, tone-placement- and accent-insensitive key.

    ``strip_diacritics`` drops every mark whatever its place, so where ``fold_tones`` would put a
    tone mark makes no difference here: the key is the stripped text, lower-cased."""
    return strip_diacritics(text).lower()


def tone_key(text: str) -> str:
    """Case- and tone-placement-insensitive key that keeps diacritics."""
    return fold_tones(nfc(text)).lower()


def is_upper_text(text: str) -> bool:
    """At least two letters, all upper case ("SỞ Y TẾ", "KT. GIÁM ĐỐC")."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def has_diacritics(text: str) -> bool:
    return strip_diacritics(text) != text

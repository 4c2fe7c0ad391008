"""Named topics and acts a question asks about, checked against what the index prints.

Two typed signals for abstention, both built from the loaded index once:

* :class:`TopicIndex` — which of :data:`corpus.lexicon.HEALTH_TOPICS` (diseases, conditions,
  named programmes) each document prints.  A question naming
  such a topic is about it; when none of the documents the answer would be read from prints it
  ("tăng huyết áp" asked, passages about another programme retrieved), the corpus does not
  answer, however many other words (Sở Y tế, BHYT, năm 2025) the passages share.
* an act named by number that is neither a corpus document nor an act any document cites
  (``Answerer`` asks the record route's resolver) — "Nghị định 146/2027/NĐ-CP" when the index
  knows no such act.  The resolver reads acts where a document *cites* them; an act number the
  documents print some other way ("Văn bản số 14730 /STC-VP", spaced) is still printed, so
  :meth:`TopicIndex.act_printed` also asks whether any document prints the number at all
  (spaces around "/" and "-" ignored, accent-folded): only a number printed nowhere is unknown.

Accents count when the question has them ("Huế" is not "huệ"); a question typed without
accents is compared without.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping

from corpus.acts import ACT_NUMBER
from corpus.lexicon import HEALTH_TOPICS
from corpus.vietnamese import has_diacritics, match_key, tone_key


def _alternation(keys: Iterable[str]) -> re.Pattern[str]:
    ordered = sorted(set(keys), key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(k) for k in ordered) + r")(?!\w)")


def _flat(text: str) -> str:
    return " ".join(text.split())


# Bump when how a document's topics are found changes (the regexes, _flat, the keys, the act numbers).
TOPICS_TABLE_VERSION = 2

_SPACED_JOINT = re.compile(r"\s*([/-])\s*")


def act_keys(text: str) -> set[str]:
    """The act numbers ``text`` prints, as accent-folded keys without spaces ("14730 /STC-VP" → "14730/STC-VP")."""
    joined = _SPACED_JOINT.sub(r"\1", text)
    return {match_key(m.group(0)).upper().replace(" ", "") for m in ACT_NUMBER.finditer(joined)}


def _fingerprint(terms: tuple[str, ...]) -> str:
    """This reader's version and the topic list: a saved table of another list is rebuilt at load."""
    digest = hashlib.sha1("\n".join(terms).encode("utf-8")).hexdigest()[:16]
    return f"{TOPICS_TABLE_VERSION}:{digest}"


class TopicIndex:
    """The named topics each document prints, with accents and without; built at load."""

    def __init__(self, documents: Mapping[str, str], terms: Iterable[str] = HEALTH_TOPICS):
        self._set_terms(terms)
        self.accented: dict[str, frozenset[str]] = {}
        self.plain: dict[str, frozenset[str]] = {}
        self.acts: frozenset[str] = frozenset().union(*map(act_keys, documents.values()))
        for doc_id, text in documents.items():
            accented = _flat(tone_key(text))
            self.accented[doc_id] = frozenset(self._accented.findall(accented))
            self.plain[doc_id] = frozenset(self._plain.findall(match_key(accented)))

    def _set_terms(self, terms: Iterable[str]) -> None:
        terms = tuple(terms)
        self._accented = _alternation(_flat(tone_key(t)) for t in terms)
        self._plain = _alternation(_flat(match_key(t)) for t in terms)
        self._plain_of = {_flat(tone_key(t)): _flat(match_key(t)) for t in terms}
        self.fingerprint = _fingerprint(terms)

    # ------------------------------------------------------------------ saved with the index
    def to_table(self) -> dict:
        """What :meth:`from_table` reads back (saved with the index: ``index.word_tables``)."""
        return {"fingerprint": self.fingerprint,
                "accented": {d: sorted(t) for d, t in self.accented.items()},
                "plain": {d: sorted(t) for d, t in self.plain.items()},
                "acts": sorted(self.acts)}

    @classmethod
    def from_table(cls, table: dict | None, terms: Iterable[str] = HEALTH_TOPICS) -> TopicIndex | None:
        """The saved topics of each document; None when ``table`` is missing or was made from another topic
        list or by another version of this reader (then build from the texts)."""
        topics = cls.__new__(cls)
        topics._set_terms(terms)
        if not table or table.get("fingerprint") != topics.fingerprint:
            return None
        topics.accented = {d: frozenset(t) for d, t in table["accented"].items()}
        topics.plain = {d: frozenset(t) for d, t in table["plain"].items()}
        topics.acts = frozenset(table["acts"])
        return topics

    def act_printed(self, question: str) -> bool:
        """Whether some act number the question names is printed in a document (however spaced)."""
        return bool(act_keys(question) & self.acts)

    def asked(self, question: str) -> tuple[str, ...]:
        """The named topics in ``question`` (longest first where names overlap: "đậu mùa khỉ")."""
        if has_diacritics(question):
            return tuple(dict.fromkeys(self._accented.findall(_flat(tone_key(question)))))
        return tuple(dict.fromkeys(self._plain.findall(_flat(match_key(question)))))

    def missing(self, question: str, doc_ids: Iterable[str]) -> tuple[str, ...]:
        """The question's named topics that none of ``doc_ids`` prints."""
        asked = self.asked(question)
        if not asked:
            return ()
        printed = self.accented if has_diacritics(question) else self.plain
        seen: set[str] = set()
        for doc_id in doc_ids:
            seen |= printed.get(doc_id, frozenset())
        return tuple(t for t in asked if t not in seen)

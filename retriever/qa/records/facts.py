"""Document-level facts read at a known place of an identified document by the extractors: when it takes effect
(and the date it was adopted), what it repeals (a consolidated text's marks too), what it is based on (căn cứ)
or carries out, the act it details or guides.
"""

from __future__ import annotations

import re
from dataclasses import replace

from corpus.acts import ACT_NUMBER, number_key
from corpus.vietnamese import match_key
from retriever.qa import vocabulary as V
from retriever.qa.extractors import Context
from retriever.qa.extractors.acts import (
    ASKS_REPEALED_PART,
    BASIS_CUE_WORDS,
    DESCRIBED_ACT,
    asked_issuer,
    asked_numbers,
    described_pairs,
    names_type,
)
from retriever.qa.model import Answer
from retriever.qa.question import QuestionAnalysis
from retriever.qa.records.base import RouteParts, _answer, _cut, _pairs
from retriever.qa.records.consolidated import (
    _CONSOLIDATED,
    _names_act,
    amending_acts,
    consolidated_base,
    in_amendment_note,
    merge_parts,
    repealed_marks,
)
from retriever.qa.records.cues import _TYPE_WORD
from retriever.qa.records.text import (
    _ADOPTED,
    _DETAILED_ACT,
    _PREAMBLE_REACH,
    _THIS_ACT_BEFORE,
    _number_pattern,
    act_designation,
)
from retriever.qa.scoring import syllables
from retriever.query import ABBREVIATIONS


def _issuer_pattern(issuer: tuple[str, ...]) -> str:
    """A pattern for the issuer's words in a match key; an abbreviation ("của UBTVQH") also as its full name and as
    the issuer code of a number ("76/2025/UBTVQH15")."""
    spelled = r"\b" + r"\s+".join(issuer) + r"\b"
    if len(issuer) != 1:
        return spelled
    full = {match_key(short): match_key(name) for short, name in ABBREVIATIONS.items()}.get(issuer[0])
    alternatives = [spelled, rf"/{re.escape(issuer[0])}\d*\b"] + ([r"\b" + r"\s+".join(full.split()) + r"\b"] if full else [])
    return "|".join(alternatives)


_AMENDS_OTHER = re.compile(r"\ssửa\s+đổi|\sbổ\s+sung")


def _described_lines(found: list, acts: list, question: QuestionAnalysis) -> list | None:
    """The "Căn cứ" lines naming what the question says of the act it asks (:func:`described_pairs`), even when the
    document's own title shares those words (a rule on forest fires cites both the forestry and the fire law); None
    when those words tell no line apart."""
    pairs = described_pairs(question)
    counts = [len(pairs & _pairs(words)) for words in acts]
    if not pairs or len(set(counts)) < 2:
        return None
    return [f for f, n in zip(found, counts) if n == max(counts)]


# "căn cứ", "dựa trên / vào", "trên cơ sở": the cue a question asks the basis of its document with
_BASIS_ASKED = re.compile(r"\b(?:can cu|dua (?:tren|vao)|tren co so)\b")
_WHICH_ACT = re.compile(rf"\b(?:{V.ACT_TYPE_KEYS}|van ban)(?: so)? (?:nao|gi|may)\b")


def _basis_asked_from(words: list[str]) -> int:
    """Where the words describing the basis act start: after the cue when the question first describes its own
    document and then asks "căn cứ <type> nào" ("Quyết định công bố … của Bộ VHTTDL căn cứ nghị định nào"): the
    words before the cue (its subject, its issuer, often abbreviated or paraphrased) speak of the document, not of
    the act cited; 0 when the question asks the act first ("Luật nào là căn cứ …")."""
    key = " ".join(words)
    cue = _BASIS_ASKED.search(key)
    which = _WHICH_ACT.search(key)
    if cue is None or which is None or which.start() < cue.start():
        return 0
    return len(key[:cue.start()].split())


def _naming_asked(found: list, question: QuestionAnalysis, own: str, text: str) -> list:
    """Of the "Căn cứ" lines found (``(span, unit)`` pairs), those naming what the question asks beyond the
    document's own title and issuer (``own``): "căn cứ luật đầu tư công nào" → the line of the Luật Đầu tư công, not
    the Luật Dẫn độ that the title of a decree on extradition costs shares words with.  Read by adjacent word pairs
    ("đầu tư", "tư công"), since single syllables ("tư", "công") are common words; all lines when none names one."""
    cue = BASIS_CUE_WORDS | {w for key in V.ACT_TYPE_KEYS.split("|") for w in key.split()}
    # the acts the question names by number name no basis act ("Nghị định 188/2025/NĐ-CP căn cứ …": not "nđ cp")
    words = syllables(ACT_NUMBER.sub(" ", question.text))
    words = words[_basis_asked_from(words):]
    asked = {p for p in _pairs(words) if not (p[0] in cue and p[1] in cue)}
    asked -= _pairs(syllables(own))
    if not asked and not described_pairs(question):
        return found
    amending_asked = bool(re.search(r"\b(?:sua doi|bo sung)\b", question.key))
    described = DESCRIBED_ACT.search(question.key)
    if described and re.search(r"\b(?:sua doi|bo sung)\b", described.group(1)):
        # "căn cứ nghị định nào sửa đổi các nghị định về kiểm soát thủ tục hành chính": the amending act is asked,
        # not the act it amends, whose line shares every other word
        amending = [f for f in found if _AMENDS_OTHER.search(text[f[0].start:f[0].end])]
        found = amending or found
    acts = []
    for span, _ in found:
        act = text[span.start:span.end]
        amends = None if amending_asked else _AMENDS_OTHER.search(act)
        if amends:  # "Nghị định 148/2024 sửa đổi … Nghị định 54/2019 … về karaoke": the amended act's words
            act = act[:amends.start()]
        acts.append(syllables(act))
    told = _described_lines(found, acts, question)
    if told is not None:
        return told
    counts = [len(asked & _pairs(words)) for words in acts]
    best = max(counts)
    if not best:  # no pair: a word the question names alone ("căn cứ nghị định nào về karaoke")
        single = {w for p in asked for w in p} - cue - set(V.STOPWORDS) - set(syllables(own))
        counts = [len(single & set(words)) for words in acts]
        best = max(counts)
    return [f for f, n in zip(found, counts) if n == best] if best else found


class DocumentFacts(RouteParts):
    """Facts of an identified document read by the extractors (see the module)."""

    def detailed_act(self, question: QuestionAnalysis, doc_id: str) -> Answer | None:
        """The act a document details or guides, as it says so itself: "Nghị định này quy định chi tiết … Luật Giao
        thông đường thủy nội địa" (its scope article) or its title "Quy định chi tiết … Luật …"; for "<doc> quy định
        chi tiết luật nào", "hướng dẫn nghị định nào".  None when it says neither of an act of the type asked."""
        text = self.store.documents[doc_id].text
        type_word = _TYPE_WORD.search(question.key)
        found = []
        for match in _DETAILED_ACT.finditer(text):
            act = match.group(1)
            if type_word and not names_type(act, type_word.group(1)):
                continue
            itself = bool(_THIS_ACT_BEFORE.search(text, max(0, match.start() - 40), match.start()))
            if not itself and match.start() > _PREAMBLE_REACH:
                continue  # the scope article or the title, not an act cited in the body
            end = match.start(1) + len(act)
            found.append((not itself or act.isupper(), match.start(), match.start(1), end))
        if not found:
            return None
        _, _, start, end = min(found)  # the act's own words ("Nghị định này quy định chi tiết …") before its title
        # not its history, nor the name it goes by below or the list of what it details
        shown = re.split(r",?\s+(?:đã\s+)?được\s+sửa\s+đổi|\s*\((?:sau\s+đây|gọi\s+tắt)|\s+về\s+các\s+nội\s+dung|,?\s+bao\s+gồm",
                         " ".join(text[start:end].split()))[0]
        if len(shown) > self.settings.record_answer_chars:  # "Luật Bảo hiểm y tế số 25/2008/QH12" without its history
            shown = act_designation(shown)[: self.settings.record_answer_chars]
        return _answer(question, shown, [self.quotes.at(doc_id, start, end, start, end)])

    def _adoption_date(self, answer: Answer, doc_id: str) -> Answer:
        """An act in force "từ ngày được thông qua" with the date its closing line says it was adopted ("… thông qua
        ngày 16 tháng 6 năm 2025"), as "từ ngày ký" is given with the signing date; else ``answer`` unchanged."""
        if not re.search(r"thông\s+qua", answer.answer or "") or re.search(r"\d", answer.answer or ""):
            return answer
        text = self.store.documents[doc_id].text
        adopted = list(_ADOPTED.finditer(text))
        if not adopted:
            return answer
        date = adopted[-1]  # the closing line, after any cited act's
        shown = f"{answer.answer} ({' '.join(date.group(1).split())})"
        if len(shown) > self.settings.record_answer_chars:
            return answer
        quote = self.quotes.at(doc_id, date.start(1), date.end(1), date.start(1), date.end(1))
        return replace(answer, answer=shown, quotes=[*answer.quotes, quote])

    def _named_elsewhere(self, question: QuestionAnalysis, doc_id: str) -> re.Pattern[str] | None:
        """The act numbers the question names that are not ``doc_id``'s own number, as one pattern."""
        own = {number_key(n) for n in self.own_numbers(doc_id)}
        numbers = [m.group(0) for m in ACT_NUMBER.finditer(question.text) if number_key(m.group(0)) not in own]
        if not numbers:
            return None
        return re.compile("|".join(_number_pattern(n) for n in numbers), re.IGNORECASE)

    def _consolidated_repeals(self, question: QuestionAnalysis, doc_id: str) -> Answer | None:
        """The parts a consolidated text marks repealed ("Điều 5.3 (được bãi bỏ)") for "những điều nào … đã bị bãi
        bỏ (bởi <act>)": those whose note names the act the question names, every one when it names none."""
        if not ASKS_REPEALED_PART.search(question.key) or len(self.own_numbers(doc_id)) < 2:
            return None
        own = {number_key(n) for n in self.own_numbers(doc_id)}
        by = [number_key(m.group(0)) for m in ACT_NUMBER.finditer(question.text) if number_key(m.group(0)) not in own]
        text = self.store.documents[doc_id].text
        parts = [(start, end, name) for start, end, name, note in repealed_marks(text)
                 if not by or any(_names_act(note, b) for b in by)]
        if not parts:
            return None
        shown = _cut("; ".join(merge_parts(list(dict.fromkeys(name for _, _, name in parts)))), "; ",
                     self.settings.record_answer_chars)
        quotes = [self.quotes.at(doc_id, start, end, start, end) for start, end, _ in parts[: self.settings.max_quotes]]
        return _answer(question, shown, quotes)

    def merged_amenders(self, question: QuestionAnalysis, doc_id: str) -> Answer | None:
        """The amending acts a consolidated text merges (:func:`amending_acts`), for "hợp nhất những thông tư sửa đổi
        nào"; None for any other document or a header that lists none."""
        stored = self.store.documents[doc_id]
        if not _CONSOLIDATED.search(stored.record.type or ""):
            return None
        found = amending_acts(stored.text)
        if not found:
            return None
        shown = _cut("; ".join(dict.fromkeys(name for _, _, name in found)), "; ", self.settings.record_answer_chars)
        quotes = [self.quotes.at(doc_id, start, end, start, end) for start, end, _ in found[: self.settings.max_quotes]]
        return _answer(question, shown, quotes)

    def _consolidating(self, question: QuestionAnalysis) -> str | None:
        """The consolidated text (văn bản hợp nhất) of an act the question names, when the corpus holds one."""
        asked = asked_numbers(question)
        for doc_id, stored in self.store.documents.items():
            if not _CONSOLIDATED.search(stored.record.type or ""):
                continue
            base = consolidated_base(stored.record.type, stored.record.number, stored.text)
            if base and any(number_key(base) == n or number_key(base).startswith(n + "/") for n in asked):
                return doc_id
        return None

    def own_numbers(self, doc_id: str) -> tuple[str, ...]:
        """The numbers ``doc_id`` speaks for: its own, and for a consolidated text (văn bản hợp nhất) the act it
        consolidates, the first other act its header names ("Thông tư số 06/2017/TT-BLĐTBXH ngày … được sửa đổi,
        bổ sung bởi: …"): its articles are that act's, "Thông tư này" is that act."""
        stored = self.store.documents[doc_id]
        own = stored.record.number
        base = consolidated_base(stored.record.type, own, stored.text)
        return tuple(n for n in (own, base) if n)

    def _read(self, question: QuestionAnalysis, doc_id: str, pattern: re.Pattern[str], extractor,
              join: bool = False, reach: int | None = None, naming_only: bool = False) -> Answer | None:
        """Run ``extractor`` over the sentences of ``doc_id`` where ``pattern`` occurs (within ``reach`` characters of
        the text's start when given); the best span answers.  ``join`` (legal basis): every act the lines name.
        ``naming_only``: only sentences naming an act the question names other than the document answer."""
        context = Context(self.store, self.units, {t: 1.0 for t in question.syllables if t not in V.STOPWORDS},
                          self.settings)
        found = []
        named = self._named_elsewhere(question, doc_id)
        text = self.store.documents[doc_id].text
        consolidated = len(self.own_numbers(doc_id)) > 1
        signature = self.signature_name(doc_id)  # what follows the signer's name is no provision of the act
        signed = signature[1] if signature else len(text)
        if naming_only and not named:
            return None
        for unit in self.units.units_matching(doc_id, pattern):
            if reach is not None and unit.start > reach:
                break
            if naming_only and not named.search(text, unit.start, unit.end):
                continue
            spans = extractor.spans(question, unit, context) if join else [extractor.extract(question, unit, context)]
            for span in filter(None, spans):
                if not named and (unit.start > signed or consolidated and in_amendment_note(text, unit.start)):
                    # a consolidated text's note on an amending act ("15 Điều 3 của Thông tư số 28/2022/… quy định
                    # như sau") speaks for that act; asked about the consolidated act, its own articles answer
                    span = replace(span, confidence=span.confidence - self.settings.record_named_act_bonus)
                if named and named.search(text, unit.start, unit.end):
                    # the question names an act this document is not (a consolidated text, an amended act):
                    # the sentence naming it speaks of it, "Thông tư này …" of the document itself
                    span = replace(span, confidence=span.confidence + self.settings.record_named_act_bonus)
                found.append((span, unit))
            if reach is not None and found:
                break  # the preamble's opening line, not the tasks below that carry out an act
        if not found:
            return None
        if join:  # legal basis: every act the "Căn cứ" lines name (of the type asked for)
            type_word = _TYPE_WORD.search(question.key)
            picked = [(s, u) for s, u in found if not type_word or names_type(s.text, type_word.group(1))]
            issuer = asked_issuer(question)  # "căn cứ quyết định nào của Bộ Y tế": that issuer's acts first
            if issuer:
                named = re.compile(_issuer_pattern(issuer))
                picked = [(s, u) for s, u in picked if named.search(match_key(s.text))] or picked
            record = self.store.documents[doc_id].record
            picked = _naming_asked(picked or found, question, f"{record.title or ''} {record.issuer or ''}", text)
            picked = sorted(picked, key=lambda f: -f[0].confidence)  # the one the question names first
            acts = list(dict.fromkeys(s.text for s, _ in picked))
            names = "; ".join(acts)
            if len(names) > 150 and len(acts) > 1:
                # several acts do not fit whole: each by its designation, as a clerk lists them ("Luật Tổ chức
                # chính quyền địa phương; Quyết định số 1085/QĐ-TTg"), the quotes carrying the full lines
                names = _cut("; ".join(dict.fromkeys(act_designation(a) for a in acts)), "; ", 150)
            if len(names) > 150:
                names = names[:150].rsplit(";", 1)[0]
            quotes = [self.quotes.quote(u, s.confidence, s.start, s.end, s.quote_start, s.quote_end)
                      for s, u in picked[: self.settings.max_quotes]]
            return _answer(question, names, quotes, confidence=max(s.confidence for s, _ in picked))
        span, unit = max(found, key=lambda f: f[0].confidence)
        quotes = [self.quotes.quote(unit, span.confidence, span.start, span.end, span.quote_start, span.quote_end)]
        for start, end in span.also_quote:
            quotes.append(self.quotes.at(unit.doc_id, start, end, start, end))
        return _answer(question, span.text, quotes, confidence=span.confidence)

"""Answers from the citation graph: which documents cite or implement an act, which acts a document cites (of
the type and issuer asked), which act guides another as a citing sentence says, what the graph says a document
repeals.
"""

from __future__ import annotations

import itertools
import re

from corpus.acts import ACT_NUMBER, act_mention, normalize_number, number_key
from corpus.vietnamese import match_key
from retriever.formatting import document_label
from retriever.qa import vocabulary as V
from retriever.qa.extractors.acts import (
    asked_issuer,
    issued_by,
    names_type,
    states_repeal,
)
from retriever.qa.model import Answer
from retriever.qa.question import QuestionAnalysis
from retriever.qa.records.base import RouteParts, Subject, _answer, _cut
from retriever.qa.records.cues import _CITED_PAPER, _DETAILS_ASKED, _TYPE_WORD
from retriever.qa.records.text import _ORGANISES, _clause_at, find_number

# Between two act numbers: the first guides or details the second ("Thông tư số 13/2023/TT-BTC ngày 28/02/2023 của Bộ
# Tài chính hướng dẫn Nghị định số 49/2022/NĐ-CP", "… quy định chi tiết một số điều của Nghị định số 40/2018/NĐ-CP").
_GUIDES = re.compile(r"(?:hướng\s+dẫn|quy\s+định\s+chi\s+tiết)(?:\s+(?:và\s+hướng\s+dẫn\s+)?thi\s+hành)?(?:\s+một\s+số\s+điều"
                     r"(?:\s+của)?)?\s+(?:Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+định|Nghị\s+quyết|Thông\s+tư|Quyết\s+định)(?:\s+số)?\s*$",
                     re.IGNORECASE)
_GUIDE_BETWEEN = 200  # the guide's date and issuer run at most this far before the verb
_GUIDE_REACH = 300  # a citing edge's sentence and the lines around it
_TYPED_NUMBER_BEFORE = re.compile(r"(?:Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+định|Nghị\s+quyết|Thông\s+tư|Quyết\s+định"
                                  r"|Chỉ\s+thị|Công\s+văn|Kế\s+hoạch)\s+(?:số\s+)?$", re.IGNORECASE)


def guide_pairs(text: str, start: int = 0, end: int | None = None) -> list[tuple[re.Match[str], re.Match[str]]]:
    r"""The (guide, guided) act numbers a text pairs as a clerk reads "<act> … hướng dẫn <act>": two numbers in one
    clause (no ";" between them) with the guiding verb just before the second's type word.

    >>> t = "Căn cứ Thông tư số 13/2023/TT-BTC ngày 28/02/2023 của Bộ Tài chính hướng dẫn Nghị\nđịnh số 49/2022/NĐ-CP;"
    >>> [(a.group(0), b.group(0)) for a, b in guide_pairs(t)]
    [('13/2023/TT-BTC', '49/2022/NĐ-CP')]
    """
    numbers = list(ACT_NUMBER.finditer(text, start, len(text) if end is None else end))
    pairs = []
    for first, second in itertools.pairwise(numbers):
        between = text[first.end():second.start()]
        if len(between) <= _GUIDE_BETWEEN and ";" not in between and _GUIDES.search(" ".join(between.split())):
            pairs.append((first, second))
    return pairs


def _act_key_of(number: str) -> str:
    return number_key(normalize_number(number)).replace(" ", "")


def _short_label(record) -> str:
    """A document as a short answer names it: "Chỉ thị 10/CT-UBND"; without a number, its full label."""
    if record.type and record.number:
        return f"{record.type} {record.number}"
    return document_label(record)


class CitationAnswers(RouteParts):
    """Answers from the citation graph (see the module)."""

    def _documents(self, question: QuestionAnalysis, subject: Subject) -> Answer | None:
        """Which documents cite an act, which acts a document cites, or a document's own number."""
        key = question.key
        act_key = self.citations.document_act.get(subject.ident) if subject.what == "document" else subject.ident
        first_number = act_mention(question.text)  # "542/KH-UBND", "NĐ 187/2026", "Quyết định 1609"
        wh = re.search(rf"({V.ACT_TYPE_KEYS}|van ban)\s+(nao|gi)|so hieu|so may", key)
        relation = "thuc_hien" if re.search(V.CUE_IMPLEMENTS, key) else ("can_cu" if "can cu" in key else None)
        if wh and wh.group(0) in ("so hieu", "so may") and subject.what == "document":
            cited = _CITED_PAPER.search(key)
            if cited and first_number is None:  # "yêu cầu tiếp tục thực hiện công điện số mấy của Bộ": an act it cites
                return self._cited_papers(question, subject.ident, cited.group(1))
            if first_number is not None or self._other_paper(key, subject.ident):
                # "QĐ 3303/QĐ-BTP căn cứ nghị định số mấy", "nghị định … mà NĐ 187/2026 dẫn chiếu là số mấy",
                # "dựa trên báo cáo thẩm tra số mấy": another paper
                return None
            stored = self.store.documents[subject.ident]
            found = find_number(stored.text, stored.record.number or "")
            if not stored.record.number or found is None:
                return None
            quote = self.quotes.at(subject.ident, found[0], found[1], found[0], found[1])
            return _answer(question, stored.text[found[0]:found[1]], [quote])
        if act_key is None or wh is None or first_number is None:
            return None
        asks_citers = wh.start() < key.find(match_key(question.text[first_number[0]:first_number[0] + 4]))
        if self.citations.acts.get(act_key) is None:
            return None
        max_quotes = self.settings.max_quotes
        if asks_citers or (subject.what == "act" and _DETAILS_ASKED.search(key)):
            # "thông tư nào hướng dẫn Nghị định 49/2022/NĐ-CP", "Nghị định 289/2025/NĐ-CP hướng dẫn nghị quyết nào":
            # the act a citing sentence says guides (or is guided by) the one named, of the type asked
            type_word = _TYPE_WORD.search(key)
            guide = self._guide(question, act_key, asks_citers, type_word.group(1) if type_word else None)
            if guide is not None:
                return guide
        if asks_citers:
            match = self.citations._match(act_key, relation)
            if not match["cited_by"] and relation:
                match = self.citations._match(act_key, None)
            entries = match["cited_by"]
            if not entries:
                return None
            labels = [_short_label(self.store.documents[e["doc_id"]].record) for e in entries]
            shown = _cut("; ".join(labels), "; ", self.settings.record_answer_chars)
            return _answer(question, shown, [self.quotes.edge(e) for e in entries[:max_quotes]])
        if subject.what != "document":
            return None
        type_word = _TYPE_WORD.search(key)
        issuer = asked_issuer(question)

        def cited(wanted: str | None) -> tuple[list[dict], list[dict]]:
            entries = self.citations._match(act_key, wanted)["cites"]
            if type_word:
                entries = [e for e in entries if match_key(e["act_type"] or "").startswith(type_word.group(1))]
            # "… triển khai công điện nào của Thủ tướng": the acts of that issuer, when the graph knows it
            by = [e for e in entries if issued_by(issuer, e.get("number") or "", " của " + (e.get("issuer") or ""))]
            return entries, by

        entries, by = cited(relation)
        if relation and (not entries or issuer and not by):
            # the issuer and the type asked bind harder than the verb: "thực hiện chế độ … theo nghị quyết nào của
            # Quốc hội" of a notice that carries out a Politburo resolution cites the Assembly's one otherwise
            every, every_by = cited(None)
            if not entries or every_by:
                entries, by = every, every_by
        entries = by or entries
        if _DETAILS_ASKED.search(key) and subject.what == "document":
            # "Thông tư … hướng dẫn nghị định nào": not the decree organising the issuing ministry, cited only for its
            # competence ("Căn cứ Nghị định số 14/2017/NĐ-CP … quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu …")
            text = self.store.documents[subject.ident].text
            entries = [e for e in entries if not _ORGANISES.search(_clause_at(text, e["start"]))] or entries
        if not entries:
            return None
        shown = _cut(", ".join(e["act"] for e in entries), ", ", self.settings.record_answer_chars)
        return _answer(question, shown, [self.quotes.edge(e) for e in entries[:max_quotes]])

    def _guide(self, question: QuestionAnalysis, act_key: str, asks_guide: bool, type_word: str | None
               ) -> Answer | None:
        """The act a citing text says guides the act ``act_key`` ("Thông tư số 13/2023/TT-BTC ngày … của Bộ Tài chính
        hướng dẫn Nghị định số 49/2022/NĐ-CP") when ``asks_guide``, else the act it guides; of ``type_word``'s type
        when given.  For a guide asked with a type, the corpus documents citing the act must not be of that type
        (those are the guides then).  None when no citing text pairs the two."""
        act = self.citations.acts.get(act_key)
        if act is None:
            return None
        if asks_guide and type_word:
            citers = {match_key(self.store.documents[e["doc_id"]].record.type or "") for e in act["cited_by"]
                      if e["doc_id"] in self.store.documents}
            if any(c.startswith(type_word) for c in citers):
                return None
        elif asks_guide:
            return None  # "văn bản nào hướng dẫn …" without a type: the documents citing it answer
        for edge in act["cited_by"]:
            stored = self.store.documents.get(edge["doc_id"])
            if stored is None:
                continue
            low, high = max(0, edge["start"] - _GUIDE_REACH), min(len(stored.text), edge["end"] + _GUIDE_REACH)
            for guide, guided in guide_pairs(stored.text, low, high):
                named, other = (guided, guide) if asks_guide else (guide, guided)
                if _act_key_of(named.group(0)) != act["number_key"]:
                    continue
                typed = _TYPED_NUMBER_BEFORE.search(stored.text, max(0, other.start() - 20), other.start())
                if type_word and not (typed and names_type(typed.group(0), type_word)):
                    continue
                start, end = other.start(), other.end()
                quote_start, quote_end = min(guide.start(), guided.start()), max(guide.end(), guided.end())
                quote = self.quotes.at(edge["doc_id"], quote_start, quote_end, start, end)
                return _answer(question, stored.text[start:end], [quote])
        return None

    def _cited_papers(self, question: QuestionAnalysis, doc_id: str, type_key: str) -> Answer | None:
        """The acts of type ``type_key`` that ``doc_id`` cites, its own number left out, those of the issuer the
        question names when the graph tells ("thực hiện công điện số mấy của Bộ" → the Ministry's telegrams, not the
        Prime Minister's); None when it cites none of the type."""
        act_key = self.citations.document_act.get(doc_id)
        if act_key is None or self.citations.acts.get(act_key) is None:
            return None
        own = number_key(self.store.documents[doc_id].record.number or "")
        entries = [e for e in self.citations._match(act_key, None)["cites"]
                   if match_key(e["act_type"] or "").startswith(type_key) and number_key(e.get("number") or "") != own]
        issuer = asked_issuer(question)
        by = [e for e in entries if issued_by(issuer, e.get("number") or "", " của " + (e.get("issuer") or ""))]
        entries = by or entries
        if not entries:
            return None
        shown = _cut(", ".join(dict.fromkeys(e.get("number") or e["act"] for e in entries)), ", ",
                     self.settings.record_answer_chars)
        return _answer(question, shown, [self.quotes.edge(e) for e in entries[: self.settings.max_quotes]])

    def _other_paper(self, key: str, doc_id: str) -> bool:
        """Whether the paper whose number a question asks ("<paper> số mấy") is of another type than ``doc_id``."""
        paper = re.search(rf"\b({V.ACT_TYPE_KEYS}|bao cao|de an|to trinh)\b(?:\s+\w+){{0,3}}?\s+so may\b", key)
        own_type = match_key(self.store.documents[doc_id].record.type or "")
        return bool(paper) and bool(own_type) and not own_type.startswith(paper.group(1))

    def _graph_repeals(self, question: QuestionAnalysis, doc_id: str) -> Answer | None:
        cites = [c for c in self.store.documents[doc_id].record.cites
                 if c.relation in ("bai_bo", "thay_the") and states_repeal(c.sentence or "")]
        if not cites:
            return None
        names = [c.number or c.name or c.act_type for c in cites]
        quotes = [self.quotes.at(doc_id, c.start, c.end) for c in cites[: self.settings.max_quotes]]
        return _answer(question, "; ".join(dict.fromkeys(names))[:150], quotes)

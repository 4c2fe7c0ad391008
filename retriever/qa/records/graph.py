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
    DOER,
    DONE_BY_PRINTED,
    asked_doer_verb,
    asked_issuer,
    issued_by,
    names_type,
    states_repeal,
)
from retriever.qa.model import Answer
from retriever.qa.question import QuestionAnalysis
from retriever.qa.records.base import RouteParts, Subject, _answer, _cut
from retriever.qa.records.cues import _CITED_PAPER, _DETAILS_ASKED, _TYPE_WORD
from retriever.qa.records.text import (
    _ORGANISES,
    _clause_at,
    _number_pattern,
    find_number,
)

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


# An act named inside another's title ("… hướng dẫn thực hiện Nghị định số 55/2017/NĐ-CP"), and an act opening an
# entry of a list or a line ("2\nThông tư số 30/2020/TT-BYT", "Căn cứ Luật … số 88/2015/QH13"), printed before it.
_ACT_TYPE_PRINTED = f"(?:{V.ACT_TYPE_PRINTED})"
_CITED_IN_TITLE = re.compile(rf"(?:hướng\s+dẫn(?:\s+thực\s+hiện|\s+thi\s+hành)?|chi\s+tiết|của|tại|theo)"
                             rf"(?:\s+một\s+số\s+điều(?:\s+của)?)?\s+{_ACT_TYPE_PRINTED}\s+(?:số\s+)?$", re.IGNORECASE)
_ENTRY_HEAD = re.compile(rf"(?:^|\n)[ \t]*(?:\d+[ \t]*\n[ \t]*)?{_ACT_TYPE_PRINTED}\s+(?:số\s+)?$")
_WRAPPED_CODE = re.compile(r"-[ \t]*\n[ \t]*[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ0-9]+)*")
_DONE_BY_REACH = 600  # the act named and the verb after it: one row of a list of acts, one "Căn cứ" line


def done_by(text: str, named: str, verb: str) -> tuple[int, int, int] | None:
    r"""Where ``text`` says which act replaced, repealed or amended the act ``named`` (its number), in the passive a
    list of acts no longer in force or a "Căn cứ" line prints it ("<act> … Được thay thế bởi Thông tư số …"):
    (named start, doer start, doer end) for the first mention of ``named`` followed, before any other act number,
    by the verb (``verb``: a key of :data:`DONE_BY_PRINTED`) and the doer's number; else None.

    >>> t = "Thông tư số 36/2021/TT-BLĐTBXH ngày 31/12/2021 quy định mức điều chỉnh. Được thay thế bởi Thông tư số "
    >>> t += "01/2023/TT-BLĐTBXH ngày 03/01/2023.\n16\nQuyết định số 20/2000/QĐ-TTg\nĐược bãi bỏ bởi Quyết định số 32/2023/QĐ-TTg"
    >>> _, start, end = done_by(t, "36/2021/TT-BLĐTBXH", "thay"); t[start:end]
    '01/2023/TT-BLĐTBXH'
    >>> done_by(t, "36/2021/TT-BLĐTBXH", "bai bo") is None
    True
    >>> t = "Nghị định số 63/2015/NĐ-CP ngày 22/7/2015 Được thay thế bởi Thông tư số 05/2023/TT-\nBLĐTBXH ngày 15/6"
    >>> _, start, end = done_by(t, "63/2015/NĐ-CP", "thay"); t[start:end]
    '05/2023/TT-\nBLĐTBXH'

    """
    printed = re.compile(DONE_BY_PRINTED[verb], re.IGNORECASE)
    for mention in re.finditer(r"(?<![\w/])" + _number_pattern(named) + r"(?![\w])", text, re.IGNORECASE):
        if _CITED_IN_TITLE.search(text, max(0, mention.start() - 80), mention.start()):
            continue  # "… hướng dẫn thực hiện Nghị định số 55/2017/NĐ-CP": named in another act's title, not its row
        reach = text[mention.end():mention.end() + _DONE_BY_REACH]
        said = printed.search(reach)
        if said is None or any(_ENTRY_HEAD.search(reach, max(0, other.start() - 40), other.start())
                               for other in ACT_NUMBER.finditer(reach, 0, said.start())):
            continue  # no verb, or the next entry of the list ("2\nThông tư số …") comes first
        doer = ACT_NUMBER.match(reach, DOER.match(reach, said.end()).end())
        if doer is not None:
            # a number wrapped at its hyphen ("01/2023/TT-\nBLĐTBXH") goes on with its issuer code
            wrapped = _WRAPPED_CODE.match(reach, doer.end())
            return mention.start(), mention.end() + doer.start(), mention.end() + (wrapped or doer).end()
    return None


class CitationAnswers(RouteParts):
    """Answers from the citation graph (see the module)."""

    def done_by_answer(self, question: QuestionAnalysis) -> Answer | None:
        """The act that replaced, repealed or amended an act the question names by number, not a document of the
        index ("Thông tư 36/2021/TT-BLĐTBXH đã được thay thế bởi thông tư nào?"), as a document of the index says so
        in the passive (:func:`done_by`); None when the question asks no such thing or no document says it."""
        verb = asked_doer_verb(question.key)
        if verb is None:
            return None
        own = {number_key(d.record.number).replace(" ", "") for d in self.store.documents.values() if d.record.number}
        named = [m.group(0) for m in ACT_NUMBER.finditer(question.text)
                 if number_key(m.group(0)).replace(" ", "") not in own]
        for number in named[:1]:  # the act the question is about comes first
            for doc_id, stored in self.store.documents.items():
                found = done_by(stored.text, number, verb)
                if found is not None:
                    named_at, start, end = found
                    shown = "".join(stored.text[start:end].split())  # one number, as written whole
                    return _answer(question, shown, [self.quotes.at(doc_id, named_at, end, start, end)])
        return None

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

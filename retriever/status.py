"""Effect status of acts as of a date, derived from what the corpus's documents say.

For every act the corpus knows (a document in it, or an act its documents cite) the
effect statements of ``corpus.effects`` give: its effective date when a document states it
("kể từ ngày ký" → the signing date), and every later act that replaces, repeals (wholly or
in part), declares expired, amends, suspends or guides it — each with the provision that
says so, verbatim.  The state as of a date:

* ``not_yet_in_force``  a stated effective date lies after the date;
* ``replaced`` / ``repealed``  a statement (in force by that date) replaces / repeals it or
  declares it expired; ``partly_repealed`` when only parts are repealed;
* ``amended``  in force, amended by a later act;
* ``in_force``  a stated effective date on or before the date, nothing of the above;
* ``unknown``  the corpus says nothing about its effect.  Never a guess.

An event whose date the corpus does not give (an acting document without a date) counts as
having happened: the corpus holds the document that states it.

>>> ActStatus("unknown", "2026-01-01").to_dict()["state"]
'unknown'
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from corpus.acts import number_key as _number_key
from corpus.effects import EFFECT_RELATIONS, EffectStatement, find_effect_statements
from corpus.errors import UserError
from corpus.vietnamese import match_key, strip_diacritics

if TYPE_CHECKING:  # pragma: no cover
    from index.store import IndexStore

__all__ = ["STATES", "ActStatus", "StatusEvidence", "StatusIndex", "parse_as_of"]

STATES = ("in_force", "not_yet_in_force", "replaced", "repealed", "partly_repealed", "amended", "unknown")
STATE_LABELS = {
    "in_force": "Còn hiệu lực",
    "not_yet_in_force": "Chưa có hiệu lực",
    "replaced": "Đã bị thay thế",
    "repealed": "Đã bị bãi bỏ / hết hiệu lực",
    "partly_repealed": "Bị bãi bỏ một phần",
    "amended": "Đã được sửa đổi, bổ sung",
    "unknown": "Chưa rõ tình trạng hiệu lực",
}
NOT_IN_FORCE = ("replaced", "repealed", "not_yet_in_force")
_TERMINATING = {"thay_the": "replaced", "bai_bo": "repealed", "het_hieu_luc": "repealed"}
_RANK = {"replaced": 0, "repealed": 1, "partly_repealed": 2, "amended": 3}


def parse_as_of(value: str | None) -> str:
    """ISO date from "2026-03-01", "01/03/2026" or None (today)."""
    from corpus.acts import parse_date

    if value in (None, ""):
        return _dt.date.today().isoformat()
    text = str(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            _dt.date.fromisoformat(text)
            return text
        except ValueError:
            pass
    parsed = parse_date(text)
    if not parsed:
        raise UserError(f"Ngày không hợp lệ: “{text[:40]}” (dùng YYYY-MM-DD hoặc DD/MM/YYYY)")
    return parsed


@dataclass
class StatusEvidence:
    """One statement about an act: who acts on it, how, and the provision that says so."""

    act: str  # the acting act ("57/2019/TT-BCA"), or the stating document for "hieu_luc"
    relation: str  # corpus.effects.EFFECT_RELATIONS
    quote: str  # == text[start:end] of the stating document
    citation: str
    doc_id: str
    source: str
    start: int
    end: int
    date: str | None = None  # when it takes effect, as far as the corpus says
    label: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ActStatus:
    state: str
    as_of: str
    effective_date: str | None = None
    by: list[StatusEvidence] = field(default_factory=list)
    effective_evidence: StatusEvidence | None = None
    expires: str | None = None

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]

    def to_dict(self) -> dict[str, Any]:
        return {
            "state": self.state, "label": self.label, "as_of": self.as_of, "effective_date": self.effective_date,
            "by": [e.to_dict() for e in self.by],
            "effective_evidence": self.effective_evidence.to_dict() if self.effective_evidence else None,
            "expires": self.expires,
        }


@dataclass
class _Event:
    relation: str
    target_year: str | None
    actor_key: str | None  # folded number key of the acting act; None: the stating document itself
    actor_label: str
    actor_date: str | None  # the actor's own date (signing), from the reference
    statement: EffectStatement
    doc_id: str


def _fold(key: str | None) -> str:
    return strip_diacritics(_number_key(key)) if key else ""


def _year_of(number_key: str | None, date: str | None) -> str | None:
    if date:
        return date[:4]
    found = re.search(r"/((?:19|20)\d\d)/", number_key or "")
    return found.group(1) if found else None


def _key_of_ref(ref) -> str:
    return _fold(ref.number_key) if ref.number_key else "name:" + " ".join(match_key(ref.name or "").split())


class StatusIndex:
    """Effect statements of every document of a loaded index, and the status they imply."""

    def __init__(self, store: "IndexStore"):
        self.store = store
        self.events: dict[str, list[_Event]] = defaultdict(list)  # by folded target key
        self.self_effect: dict[str, tuple[str | None, EffectStatement]] = {}  # doc_id -> (date, statement)
        self.self_expiry: dict[str, tuple[str, EffectStatement]] = {}
        self.stated_effect: dict[str, list[tuple[str | None, str, EffectStatement, str]]] = defaultdict(list)
        self.doc_by_key: dict[str, list[str]] = defaultdict(list)
        for doc_id, stored in store.documents.items():
            record = stored.record
            if record.number:
                self.doc_by_key[_fold(record.number)].append(doc_id)
            for st in find_effect_statements(stored.text):
                self._add(doc_id, record, st)

    def _add(self, doc_id: str, record, st: EffectStatement) -> None:
        if st.target is None:
            if st.relation == "hieu_luc":
                date = st.date or (record.date if st.on_signing and record.date and len(record.date) == 10 else None)
                if doc_id not in self.self_effect or (date and not self.self_effect[doc_id][0]):
                    self.self_effect[doc_id] = (date, st)
            elif st.relation == "het_hieu_luc" and st.date:
                self.self_expiry[doc_id] = (st.date, st)
            return
        target_key = _key_of_ref(st.target)
        year = _year_of(st.target.number_key, st.target.date)
        if st.relation == "hieu_luc":
            self.stated_effect[target_key].append((year, st.date, st, doc_id))
            return
        if st.actor is None:
            actor_key, label, actor_date = (_fold(record.number) if record.number else None,
                                            record.number or _doc_label(record), record.date)
        else:
            actor_key, label, actor_date = (_key_of_ref(st.actor), st.actor.number or " ".join((st.actor.name or "").split()),
                                            st.actor.date)
        self.events[target_key].append(_Event(st.relation, year, actor_key, label, actor_date, st, doc_id))

    # ----------------------------------------------------------------- queries
    def effective_date(self, key: str, year: str | None, doc_id: str | None = None) -> tuple[str | None, StatusEvidence | None]:
        """The act's effective date as the corpus states it, with the statement."""
        if doc_id and doc_id in self.self_effect:
            date, st = self.self_effect[doc_id]
            return date, self._evidence(doc_id, st, "hieu_luc", self._doc_act(doc_id), date)
        for stated_year, date, st, source_doc in self.stated_effect.get(key, []):
            if year and stated_year and year != stated_year:
                continue
            return date, self._evidence(source_doc, st, "hieu_luc", self._doc_act(source_doc), date)
        for other in self.doc_by_key.get(key, []):
            record = self.store.documents[other].record
            if other in self.self_effect and (not year or not record.date or record.date[:4] == year):
                return self.effective_date(key, year, other)
        return None, None

    def status(self, number_key: str | None = None, year: int | str | None = None, name: str | None = None,
               doc_id: str | None = None, as_of: str | None = None) -> ActStatus:
        """Status of the act with this number (and year) or name, or of a corpus document."""
        as_of = parse_as_of(as_of)
        if doc_id and not number_key and doc_id in self.store.documents:
            record = self.store.documents[doc_id].record
            number_key = record.number
            year = year or (record.date[:4] if record.date else None)
        key = _fold(number_key) if number_key else ("name:" + " ".join(match_key(name).split()) if name else "")
        year = str(year) if year else None
        if doc_id is None and number_key:
            for candidate in self.doc_by_key.get(key, []):
                record = self.store.documents[candidate].record
                if not year or not record.date or record.date[:4] == year:
                    doc_id = candidate
                    break
        effective, effect_evidence = self.effective_date(key, year, doc_id)
        by: list[StatusEvidence] = []
        states: list[str] = []
        for event in self.events.get(key, []) if key else []:
            if year and event.target_year and event.target_year != year:
                continue
            when = self._event_date(event)
            evidence = self._evidence(event.doc_id, event.statement, event.relation, event.actor_label, when)
            by.append(evidence)
            if when and when > as_of:
                continue  # stated, but not yet in effect on that date
            if event.relation in _TERMINATING:
                states.append(_TERMINATING[event.relation])
            elif event.relation == "bai_bo_mot_phan":
                states.append("partly_repealed")
            elif event.relation == "sua_doi":
                states.append("amended")
        expires = None
        if doc_id and doc_id in self.self_expiry:
            expires, st = self.self_expiry[doc_id]
            by.append(self._evidence(doc_id, st, "het_hieu_luc", self._doc_act(doc_id), expires))
            if expires <= as_of:
                states.append("repealed")
        by.sort(key=lambda e: (e.date or "9999", e.source, e.start))
        if effective and effective > as_of:
            state = "not_yet_in_force"
        elif states:
            state = min(states, key=_RANK.get)
        elif effective or (effect_evidence is not None):
            state = "in_force"
        else:
            state = "unknown"
        return ActStatus(state, as_of, effective, by, effect_evidence, expires)

    def document_status(self, doc_id: str, as_of: str | None = None) -> ActStatus:
        return self.status(doc_id=doc_id, as_of=as_of)

    def not_in_force_documents(self, as_of: str | None = None) -> set[str]:
        """Corpus documents the corpus shows replaced, repealed or not yet in force on that date."""
        as_of = parse_as_of(as_of)
        return {doc_id for doc_id in self.store.documents
                if self.document_status(doc_id, as_of).state in NOT_IN_FORCE}

    # ----------------------------------------------------------------- helpers
    def _event_date(self, event: _Event) -> str | None:
        st = event.statement
        if st.date:  # "hết hiệu lực kể từ ngày …", "Bãi bỏ … từ ngày …"
            return st.date
        if event.actor_key is None or event.statement.actor is None:
            own = self.self_effect.get(event.doc_id)
            if own and own[0]:
                return own[0]
            record = self.store.documents[event.doc_id].record
            return record.date if record.date and len(record.date) == 10 else None
        actor_year = _year_of(st.actor.number_key, st.actor.date)
        date, _ = self.effective_date(event.actor_key, actor_year)
        return date or (event.actor_date if event.actor_date and len(event.actor_date) == 10 else None)

    def _doc_act(self, doc_id: str) -> str:
        record = self.store.documents[doc_id].record
        return record.number or _doc_label(record)

    def _evidence(self, doc_id: str, st: EffectStatement, relation: str, act: str, date: str | None) -> StatusEvidence:
        from retriever.formatting import format_citation

        stored = self.store.documents[doc_id]
        return StatusEvidence(act=act, relation=relation, quote=stored.text[st.start:st.end],
                              citation=format_citation(stored.record), doc_id=doc_id, source=stored.record.source,
                              start=st.start, end=st.end, date=date, label=EFFECT_RELATIONS.get(relation, relation))


def _doc_label(record) -> str:
    from retriever.formatting import document_label

    return document_label(record)

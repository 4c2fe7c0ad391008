"""Citation lookups: which documents cite an act, and how (``python -m retriever cite``).

The graph itself is built with the index (``corpus.citation_graph``, where an act's identity is
explained); :class:`CitationIndex` reads it from a loaded index.

Relations
---------
Each edge carries what the citing sentence says (``corpus.model.RELATIONS``).
A document that cites an act several times is listed once, with all its quotes;
its relation is the strongest one, in this order (:data:`RELATION_ORDER`):

    thuc_hien > can_cu > huong_dan > sua_doi > thay_the > bai_bo > nhac_den

"implements" ranks first because it is what planners ask for ("which plans
implement 25-CT/TW?"); a legal basis (căn cứ) comes next; a plain mention last.

>>> normalize_relation("thực hiện"), normalize_relation("can_cu")
('thuc_hien', 'can_cu')
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from corpus.acts import ActNumberIndex, number_key
from corpus.citation_graph import build_citation_graph
from corpus.errors import UserError
from corpus.lexicon import ACT_TYPES
from corpus.model import RELATIONS
from corpus.vietnamese import match_key

if TYPE_CHECKING:  # pragma: no cover
    from index.store import IndexStore

RELATION_ORDER = ("thuc_hien", "can_cu", "huong_dan", "sua_doi", "thay_the", "bai_bo", "nhac_den")
assert set(RELATION_ORDER) == set(RELATIONS)
_STRENGTH = {relation: rank for rank, relation in enumerate(RELATION_ORDER)}

RELATION_LABELS = {
    "thuc_hien": "thực hiện / triển khai",
    "can_cu": "căn cứ",
    "huong_dan": "hướng dẫn",
    "sua_doi": "sửa đổi / bổ sung",
    "thay_the": "thay thế",
    "bai_bo": "bãi bỏ",
    "nhac_den": "nhắc đến",
}

# Every spelling a user may type for a relation, as match_key with "_" -> " ".
_RELATION_WORDS = {
    "thuc hien": "thuc_hien", "trien khai": "thuc_hien", "trien khai thuc hien": "thuc_hien",
    "implements": "thuc_hien", "implement": "thuc_hien",
    "can cu": "can_cu", "basis": "can_cu", "legal basis": "can_cu",
    "huong dan": "huong_dan", "huong dan thi hanh": "huong_dan", "guides": "huong_dan", "guide": "huong_dan",
    "sua doi": "sua_doi", "bo sung": "sua_doi", "sua doi bo sung": "sua_doi", "amends": "sua_doi", "amend": "sua_doi",
    "thay the": "thay_the", "replaces": "thay_the", "replace": "thay_the",
    "bai bo": "bai_bo", "huy bo": "bai_bo", "repeals": "bai_bo", "repeal": "bai_bo",
    "nhac den": "nhac_den", "de cap": "nhac_den", "vien dan": "nhac_den", "mention": "nhac_den",
    "mentions": "nhac_den",
}


def normalize_relation(value: str) -> str:
    """A relation code from any spelling ("thực hiện", "thuc_hien", "căn cứ", "implements")."""
    key = " ".join(match_key(value or "").replace("_", " ").replace(",", " ").replace("/", " ").split())
    if key in _RELATION_WORDS:
        return _RELATION_WORDS[key]
    raise UserError(
        f"Quan hệ trích dẫn không hợp lệ: “{value}” (dùng: "
        + ", ".join(f"{code} ({RELATION_LABELS[code]})" for code in RELATION_ORDER) + ")"
    )


def strongest(relations) -> str:
    return min(relations, key=lambda r: _STRENGTH.get(r, len(_STRENGTH)))


# --------------------------------------------------------------------------- lookup


class CitationIndex:
    """Look acts up in the citation graph of a loaded index.

    ``lookup`` returns ``{"act", "matches", "cited_by", "cites", "message"}``; each
    match has its own ``cited_by`` and ``cites``; the top-level lists are the union
    over the matches (entries carry ``act`` so they stay apart).
    """

    def __init__(self, store: "IndexStore", status=None):
        """``status``: a ``retriever.status.StatusIndex`` of the same store to share; else one is
        read here, at load (at real size the first question that needed it paid for it)."""
        self.store = store
        graph = store.citations or {}
        if not graph.get("acts") and not graph.get("documents"):
            graph = build_citation_graph([d.record for d in store.documents.values()])
        self.graph = graph
        self.acts: dict[str, dict[str, Any]] = dict(graph.get("acts", {}))
        self.documents: dict[str, dict[str, Any]] = dict(graph.get("documents", {}))
        # Corpus documents with a number are acts too (cited or not): "cite 542/KH-UBND" lists what it cites.
        self.document_act: dict[str, str] = {}
        for doc_id, info in self.documents.items():
            if not info.get("act_id") or doc_id not in store.documents:
                continue
            record = store.documents[doc_id].record
            key = info["act_id"]
            if key not in self.acts:
                undated = info["number_key"]
                if undated in self.acts and not self.acts[undated].get("year"):
                    key = undated  # cited without a date only: the same act
                else:
                    self.acts[key] = {
                        "act_id": key, "act_type": record.type, "number": record.number,
                        "number_key": info["number_key"], "date": record.date,
                        "year": int(record.date[:4]) if record.date else None, "issuer": record.issuer,
                        "name": record.title, "cited_by": [],
                    }
            self.document_act[doc_id] = key
        self.act_document = {key: doc_id for doc_id, key in self.document_act.items()}
        self.cites_by_document: dict[str, list[tuple[str, dict]]] = defaultdict(list)
        for key, act in self.acts.items():
            for edge in act["cited_by"]:
                self.cites_by_document[edge["doc_id"]].append((key, edge))
        self._sections: dict[str, tuple[list[int], list[tuple[int, int, str]]]] = {}
        for chunk in store.chunks:
            self._sections.setdefault(chunk.doc_id, ([], []))[1].append((chunk.start, chunk.end, chunk.section))
        for starts, spans in self._sections.values():
            spans.sort()
            starts.extend(s for s, _, _ in spans)
        # Acts and documents by running number: a question naming an act scans only those.
        self.act_numbers = ActNumberIndex((key, act.get("number_key")) for key, act in self.acts.items())
        self.document_numbers = ActNumberIndex((doc_id, number_key(stored.record.number))
                                               for doc_id, stored in store.documents.items() if stored.record.number)
        if status is None:
            from retriever.status import StatusIndex

            status = StatusIndex(store)
        self._status = status

    @property
    def status_index(self):
        """Effect statements of the corpus (retriever.status), read at construction."""
        return self._status

    def status_of(self, key: str, as_of: str | None = None):
        """Effect status (retriever.status.ActStatus) of the act with graph id ``key``."""
        act = self.acts[key]
        return self.status_index.status(number_key=act.get("number_key"), year=act.get("year"),
                                        name=None if act.get("number_key") else act.get("name"),
                                        doc_id=self.act_document.get(key), as_of=as_of)

    # ------------------------------------------------------------------ public
    def lookup(self, act: str, relation: str | None = None, as_of: str | None = None) -> dict[str, Any]:
        """Acts matching ``act``, who cites them, and each one's effect status as of ``as_of`` (default today)."""
        from corpus.acts import act_matches, normalize_number, parse_act_query
        from retriever.status import parse_as_of

        as_of = parse_as_of(as_of)

        text = " ".join((act or "").split())
        if not text:
            raise UserError("Chưa nhập văn bản cần tra cứu (ví dụ: 16/CT-TTg, “Chỉ thị 25- CT/TW”, “ct 25”).")
        wanted = normalize_relation(relation) if relation else None
        query = parse_act_query(text)
        if query.is_act:
            display = normalize_number(query.number_key) if query.number_key else f"{query.act_type or ''} {query.bare_number}".strip()
            if query.year and not query.date:
                display += f" năm {query.year}"
            elif query.date:
                display += f" ngày {_dmy(query.date)}"
            matched = [key for key in self.act_numbers.candidates(query)
                       if act_matches(query, self.acts[key]["act_type"], self.acts[key]["number_key"],
                                      _ref_date(self.acts[key]))]
            if query.year or query.date:
                dated = [key for key in matched if self.acts[key].get("year")]
                matched = dated or matched
        else:
            name_key = match_key(text)
            matched = [key for key, a in self.acts.items()
                       if not a.get("number_key") and a.get("name") and len(name_key) >= 4
                       and (name_key in match_key(a["name"]) or match_key(a["name"]) in name_key)]
            display = text
            if not matched and not _names_an_act(name_key):
                raise UserError(
                    f"Không nhận ra số hiệu văn bản trong “{text}” (ví dụ: 16/CT-TTg, 25-CT/TW, “chỉ thị 16”, "
                    "“Luật Bảo hiểm y tế”)."
                )
        matched.sort(key=lambda key: (-(self.acts[key].get("year") or 0), key))
        matches = [self._match(key, wanted, as_of) for key in matched]
        if len(matches) == 1:
            display = matches[0]["act"]
        message = None
        if not matches:
            message = f"Không tìm thấy {display}: không văn bản nào trong kho trích dẫn văn bản này."
            others = self._other_years(query) if query.is_act else []
            if others:
                message += f" Có: {', '.join(others)}."
        elif len(matches) > 1:
            message = (f"Có {len(matches)} văn bản khớp “{text}”: "
                       + "; ".join(m["label"] for m in matches)
                       + ". Thêm số đầy đủ, năm hoặc ngày ban hành để chọn một.")
        elif wanted and not matches[0]["cited_by"] and not matches[0]["cites"]:
            message = f"Không có trích dẫn nào với quan hệ {wanted} ({RELATION_LABELS[wanted]})."
        elif not matches[0]["cited_by"]:
            message = f"Chưa có văn bản nào trong kho trích dẫn {display}."
        return {
            "act": display,
            "relation": wanted,
            "matches": matches,
            "cited_by": [entry for m in matches for entry in m["cited_by"]],
            "cites": [entry for m in matches for entry in m["cites"]],
            "message": message,
        }

    def most_cited(self, limit: int | None = None) -> list[dict[str, Any]]:
        rows = []
        for key, act in self.acts.items():
            docs: dict[str, list[str]] = {}
            for edge in act["cited_by"]:
                docs.setdefault(edge["doc_id"], []).append(edge["relation"])
            if not docs:
                continue
            rows.append({
                "act": _display(act), "act_id": key, "act_type": act["act_type"], "number": act.get("number"),
                "date": act.get("date"), "year": act.get("year"), "issuer": act.get("issuer"),
                "name": act.get("name"), "label": self._label(act), "count": len(docs),
                "in_corpus": self.act_document.get(key),
                "documents": [
                    {"doc_id": doc_id, "source": self._source(doc_id), "citation": self._citation(doc_id, ""),
                     "relation": strongest(relations)}
                    for doc_id, relations in docs.items()
                ],
            })
        rows.sort(key=lambda r: (-r["count"], r["act_type"] or "", match_key(r["act"])))
        return rows[:limit] if limit else rows

    # ----------------------------------------------------------------- helpers
    def _match(self, key: str, wanted: str | None, as_of: str | None = None) -> dict[str, Any]:
        act = self.acts[key]
        display = _display(act)
        cited_by = []
        for doc_id, edges in _group(act["cited_by"]).items():
            entry = self._entry(doc_id, edges, wanted)
            if entry:
                entry["act"] = display
                cited_by.append(entry)
        cited_by.sort(key=lambda e: (_STRENGTH[e["relation"]], e["source"]))
        cites = []
        own_doc = self.act_document.get(key)
        if own_doc:
            by_act: dict[str, list[dict]] = {}
            for cited_key, edge in self.cites_by_document.get(own_doc, []):
                by_act.setdefault(cited_key, []).append(edge)
            for cited_key, edges in by_act.items():
                entry = self._entry(own_doc, edges, wanted)
                if entry:
                    cited = self.acts[cited_key]
                    entry.update({
                        "act": _display(cited), "act_id": cited_key, "act_type": cited["act_type"],
                        "number": cited.get("number"), "date": cited.get("date"), "issuer": cited.get("issuer"),
                        "name": cited.get("name"), "label": self._label(cited),
                    })
                    cites.append(entry)
            cites.sort(key=lambda e: (e["start"], e["act"]))
        return {
            "act": display, "act_id": key, "act_type": act["act_type"], "number": act.get("number"),
            "date": act.get("date"), "year": act.get("year"), "issuer": act.get("issuer"), "name": act.get("name"),
            "label": self._label(act), "in_corpus": own_doc,
            "count": len(cited_by), "cited_by": cited_by, "cites": cites,
            "status": self.status_of(key, as_of).to_dict(),
        }

    def _entry(self, doc_id: str, edges: list[dict], wanted: str | None) -> dict[str, Any] | None:
        if wanted:
            edges = [e for e in edges if e["relation"] == wanted]
        if not edges:
            return None
        edges = sorted(edges, key=lambda e: e["start"])
        quotes = []
        seen = set()
        for edge in edges:
            if (edge["start"], edge["end"]) in seen:
                continue
            seen.add((edge["start"], edge["end"]))
            quotes.append({
                "text": self._text(doc_id, edge), "start": edge["start"], "end": edge["end"],
                "heading": edge.get("heading", ""), "relation": edge["relation"],
                "citation": self._citation(doc_id, self._section(doc_id, edge["start"])),
            })
        first = quotes[0]
        return {
            "doc_id": doc_id, "source": self._source(doc_id), "citation": first["citation"],
            "relation": strongest(e["relation"] for e in edges),
            "relations": sorted({e["relation"] for e in edges}, key=_STRENGTH.get),
            "quote": first["text"], "start": first["start"], "end": first["end"], "heading": first["heading"],
            "quotes": quotes,
        }

    def _text(self, doc_id: str, edge: dict) -> str:
        stored = self.store.documents.get(doc_id)
        if stored is not None:
            return stored.text[edge["start"]:edge["end"]]
        return edge["sentence"]

    def _source(self, doc_id: str) -> str:
        stored = self.store.documents.get(doc_id)
        return stored.record.source if stored else self.documents.get(doc_id, {}).get("source", "")

    def _citation(self, doc_id: str, section: str) -> str:
        from retriever.formatting import format_citation

        stored = self.store.documents.get(doc_id)
        return format_citation(stored.record, section) if stored else self._source(doc_id)

    def _section(self, doc_id: str, offset: int) -> str:
        starts, spans = self._sections.get(doc_id, ([], []))
        i = bisect.bisect_right(starts, offset) - 1
        if 0 <= i < len(spans) and spans[i][0] <= offset < spans[i][1]:
            return spans[i][2]
        return ""

    def _label(self, act: dict) -> str:
        from retriever.formatting import document_label, format_date

        doc_id = self.act_document.get(act["act_id"])
        if doc_id and doc_id in self.store.documents:
            return document_label(self.store.documents[doc_id].record)
        pieces = [act.get("act_type") or ""]
        pieces.append(act["number"] if act.get("number") else "")
        if act.get("number") is None and act.get("name"):
            pieces = [act["name"]]
        if act.get("date"):
            pieces.append(format_date(act["date"]))
        elif act.get("year"):
            pieces.append(f"năm {act['year']}")
        if act.get("issuer"):
            pieces.append(f"của {act['issuer']}")
        return " ".join(p for p in pieces if p)

    def _other_years(self, query) -> list[str]:
        from corpus.acts import ActQuery, act_matches

        loose = ActQuery(query.act_type, query.number_key, query.bare_number)
        acts = [self.acts[key] for key in self.act_numbers.candidates(loose)]
        return [self._label(a) for a in acts if act_matches(loose, a["act_type"], a["number_key"], _ref_date(a))]


def _group(edges: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for edge in edges:
        grouped.setdefault(edge["doc_id"], []).append(edge)
    return grouped


def _display(act: dict) -> str:
    return act.get("number") or act.get("name") or act["act_id"]


def _ref_date(act: dict) -> str | None:
    return act.get("date") or (str(act["year"]) if act.get("year") else None)


def _dmy(iso: str) -> str:
    parts = iso.split("-")
    return "/".join(reversed(parts))


_ACT_WORDS = (*ACT_TYPES, "bo luat")


def _names_an_act(name_key: str) -> bool:
    return any(name_key.startswith(word + " ") for word in _ACT_WORDS)

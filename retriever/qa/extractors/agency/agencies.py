"""Several bodies ("những bộ nào phối hợp", :class:`AgenciesExtractor`): every agency the unit names that acts
or cooperates, minus the question's own; the bodies a shared head lists, the subject naming bodies by their kind.
"""

from __future__ import annotations

import re

from corpus.vietnamese import match_key
from retriever.qa.extractors.agency.asked import (
    _ASKS_RECIPIENT,
    _acceptable,
    _asked_heads,
    _task_weights,
)
from retriever.qa.extractors.agency.clause import (
    _cooperating,
    _doers,
    _is_object,
    _kind_subject,
)
from retriever.qa.extractors.agency.executors import _executors_first
from retriever.qa.extractors.agency.expansion import document_spans
from retriever.qa.extractors.agency.extractor import (
    _LEAD,
    _TITLE_GOES_ON,
    _TITLE_ONLY,
    AgencyExtractor,
    _agency_column,
)
from retriever.qa.extractors.agency.headings import _field_bodies
from retriever.qa.extractors.agency.shared_heads import (
    _head_fits,
    _listed_names_end,
    _own_head,
    _shared_heads,
)
from retriever.qa.extractors.base import Context
from retriever.qa.extractors.lists import ListExtractor
from retriever.qa.model import Span, Unit, UnitKind
from retriever.qa.question import QuestionAnalysis, QuestionKind
from retriever.qa.scoring import local_overlap

_HEAD_LOOKBACK = 60
_OBJECTS_ONLY_PENALTY = 0.3
_SHARED_FIT_BONUS = 0.3


class AgenciesExtractor:
    """Several bodies ("những bộ nào phối hợp"): every agency the unit names, minus the question's own."""

    kinds = (QuestionKind.AGENCIES,)

    def extract(self, question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None:
        return _executors_first(question, unit, context, self._read)

    def _read(self, question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None:
        listed = ListExtractor().enumeration(question, unit, context)
        if listed is not None:  # "Các tổ chức hành chính ở cấp xã, gồm: a) …; b) …" for "… gồm những tổ chức nào?"
            return listed
        text = context.text(unit.doc_id)
        body = text[unit.start:unit.end]
        spans = [s for s in document_spans(context, unit.doc_id, unit.start, unit.end) if _acceptable(question, s[2])]
        if unit.kind is UnitKind.ROW and unit.cells and unit.header:  # "Cơ quan phối hợp" | "Sở Tài chính, Sở Y tế"
            wants_partner = "phoi hop" in question.key or "tham gia" in question.key
            column = _agency_column(question, unit.header, wants_partner)
            if column is not None and column < len(unit.cells):
                cell = " ".join(unit.cells[column].split())
                found = re.search(r"\s+".join(re.escape(w) for w in cell.split()), body) if cell else None
                inside = [s for s in spans if found and unit.start + found.start() <= s[0] < unit.start + found.end()]
                if found and inside:
                    count = len({s[2] for s in inside})
                    return Span(unit.start + found.start(), unit.start + found.end(), 0.15 * min(count, 4)
                                + 0.4 * local_overlap(_task_weights(question, context), body), cell[:150])
        partners = []
        listed = spans  # every body the unit names, before partners are picked
        if "phoi hop" in question.key or "tham gia" in question.key:
            partners = [s for i, s in enumerate(spans) if _cooperating(text, spans, i, unit.start)]
            spans = partners or spans
        # the shared head may end the line before the unit ("- Bộ trưởng các Bộ:\nQuốc phòng, Công an, …")
        reach = max(0, unit.start - _HEAD_LOOKBACK)
        shared = next((m for m in _shared_heads(text[reach:unit.end]) if _head_fits(question, m.group(1))
                       and not _own_head(question, m.group(1)) and reach + m.end(2) > unit.start), None)
        asked = _asked_heads(question)
        if shared:  # "các Bộ: Tài chính, Quốc phòng, …" — the listed bodies themselves
            start = reach + shared.start(2)
            end = start + _listed_names_end(text[start:reach + shared.end(2)])
            while end > start and text[end - 1] in " ,;.":
                end -= 1
            shown = " ".join(text[start:end].split())
            if len(shown) > 150:
                shown = shown[:150].rsplit(",", 1)[0]
            count = shown.count(",") + 1
            named = _SHARED_FIT_BONUS if asked & set(re.findall(r"\w+", match_key(shared.group(1)))) else 0.0
            return Span(start, end, 0.1 + named + 0.15 * min(count, 4)
                        + 0.4 * local_overlap(_task_weights(question, context), body), shown)
        lead = _LEAD.match(body)
        lead_at = unit.start + (lead.end() if lead else 0)
        subject = None if partners or _ASKS_RECIPIENT.search(question.key) else _kind_subject(text, lead_at, unit.end)
        if subject is not None and _acceptable(question, subject[2]):
            s_start, s_end, shown = subject
            return Span(s_start, s_end, 0.1 + 0.15 * min(shown.count(",") + 1, 4)
                        + 0.4 * local_overlap(_task_weights(question, context), body), shown)
        verb_led = bool(spans) and not partners and spans[0][0] - lead_at > 6 and not _TITLE_ONLY.fullmatch(
            text, lead_at, spans[0][0])  # "b) Hướng dẫn Ủy ban nhân dân cấp xã …" under "2. Các Bộ: Y tế, Tài chính"
        if verb_led or not any(not _is_object(text, spans, i, unit.start) for i in range(len(spans))):
            # no body acts in the unit ("a) Chủ động hướng dẫn …"), or the unit starts with its verb: those its
            # heading names ("1. Các Bộ: Y tế, …") own the task
            heading = self._heading_bodies(question, unit, context)
            if heading is not None:
                h_start, h_end, shown, count = heading
                return Span(h_start, h_end, 0.1 + 0.15 * min(count, 4)
                            + 0.4 * local_overlap(_task_weights(question, context), body), shown)
        named = [s for i, s in enumerate(listed) if not _is_object(text, listed, i, unit.start)
                 or _cooperating(text, listed, i, unit.start)]
        field = None if named else _field_bodies(question, unit, context, "phoi hop" in question.key)
        if field is not None:  # no body acts or cooperates in the task's own words: the plan's fields name them ("- Đơn vị chủ trì:
            # Sở X. - Đơn vị phối hợp: Các Sở, ban, ngành")
            shown = "; ".join(field[2])
            shown = shown if len(shown) <= 150 else shown[:150].rsplit(";", 1)[0]
            return Span(field[0], field[1], 0.15 * min(len(field[2]), 4) + 0.1
                        + 0.4 * local_overlap(_task_weights(question, context), body), shown)
        doers = _doers(question, text, listed, spans, unit.start)
        owner = None
        if not listed or (listed[0][0] - lead_at > 6 and not _TITLE_ONLY.fullmatch(text, lead_at, listed[0][0])):
            # "6. Bộ Tài chính" over "b) Phối hợp với Bộ Nội vụ hướng dẫn …": the heading's body does the task with
            # the partners its point names
            owner = AgencyExtractor._heading_agency(question, unit, context)
        if owner is not None and match_key(owner[2]) in {match_key(s[2]) for s in doers}:
            owner = None
        objects_only = not doers and owner is None
        if objects_only:
            doers = spans  # no body acts and no heading owns the task: the bodies named, objects or not
        if not doers and owner is None:
            return None
        names = list(dict.fromkeys(s[2] for s in doers))
        if owner is not None:
            # partners asked with no body named: the listed partners first; otherwise the owner leads the list
            names = names + [owner[2]] if partners else [owner[2]] + names
        start, end = (doers[0][0], doers[-1][1]) if doers else owner[:2]
        if owner is None and end - start <= 150 and len(doers) == len(spans):
            answer = " ".join(text[start:end].split())  # "Sở Y tế, Sở Tài chính và Công an tỉnh" as printed
        else:
            answer = "; ".join(names)
        if len(answer) > 150:
            answer = answer[:150].rsplit(";", 1)[0]
        score = 0.15 * min(len(names), 4) + 0.4 * local_overlap(_task_weights(question, context), body)
        if asked and not any(match_key(name).split()[0] in asked for name in names):
            score -= _SHARED_FIT_BONUS  # "những tỉnh nào" answered by no province, "những bộ nào" by no ministry
        if objects_only and listed and not _ASKS_RECIPIENT.search(question.key):
            score -= _OBJECTS_ONLY_PENALTY  # "… báo cáo Chính phủ": the body reported to does not do the task
        return Span(start, end, score, answer)

    @staticmethod
    def _heading_bodies(question: QuestionAnalysis, unit: Unit, context: Context):
        """The bodies a heading names for the tasks listed under it ("1. Các Bộ: Y tế, Công Thương, Nông nghiệp
        và Môi trường" above "a) Chủ động hướng dẫn …"): (start, end, shown, count) of the nearest heading
        naming several, or None."""
        text = context.text(unit.doc_id)
        for node in reversed(context.units.heading_nodes(unit.doc_id, unit.start)):
            line_end = text.find("\n", node.start)
            line_end = node.end if line_end < 0 else min(line_end, node.end)
            while line_end < node.end and _TITLE_GOES_ON.search(text, node.start, line_end):
                more = text.find("\n", line_end + 1)
                line_end = node.end if more < 0 else min(more, node.end)
            line = text[node.start:line_end]
            shared = next((m for m in _shared_heads(re.sub(r"(?<!\w)Các(?=\s)", "các", line))
                           if not _own_head(question, m.group(1))), None)
            if shared and _head_fits(question, shared.group(1)):
                start = node.start + shared.start(2)
                end = start + _listed_names_end(text[start:node.start + shared.end(2)])
                shown = " ".join(text[start:end].split())
                return start, end, shown[:150].rsplit(",", 1)[0] if len(shown) > 150 else shown, shown.count(",") + 1
            spans = [s for s in document_spans(context, unit.doc_id, node.start, line_end) if _acceptable(question, s[2])]
            if len(spans) >= 2:
                names = list(dict.fromkeys(s[2] for s in spans))
                shown = text[spans[0][0]:spans[-1][1]]
                shown = " ".join(shown.split()) if len(shown) <= 150 else "; ".join(names)[:150].rsplit(";", 1)[0]
                return spans[0][0], spans[-1][1], shown, len(names)
            if spans:
                return None  # the nearest heading names one body: not a list of them
        return None

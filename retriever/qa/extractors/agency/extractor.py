"""The one body the question asks for (:class:`AgencyExtractor`).

Which agency answers: the one whose *clause* (the text it governs, up to the next agency
that is not merely cooperating) holds the task the question names; then the sentence's
subject, the heading above a verb-led sentence, an agency followed by "chủ trì".
"""

from __future__ import annotations

import itertools
import re

from corpus.lexicon import ACT_TYPE_NAMES
from corpus.vietnamese import match_key
from retriever.qa import vocabulary as V
from retriever.qa.extractors.agency.actor import (
    as_printed,
    asked_predicate,
    predicate_actors,
)
from retriever.qa.extractors.agency.asked import (
    _ASKS_COMPETENT,
    _ASKS_ISSUER,
    _ASKS_PROPOSER,
    _ASKS_RECIPIENT,
    _acceptable,
    _own_task,
    _task_weights,
)
from retriever.qa.extractors.agency.clause import (
    _AGENT_BEFORE,
    _ASSIGNED,
    _clause_verb,
    _clauses,
    _cooperating,
    _duty_owner,
    _is_object,
)
from retriever.qa.extractors.agency.executors import _executors_first
from retriever.qa.extractors.agency.expansion import _STARTS_LOWER, document_spans
from retriever.qa.extractors.agency.frame import (
    _FRAME_BONUS,
    _frame_after,
    _frame_match,
    question_frame,
)
from retriever.qa.extractors.agency.headings import (
    _DUTY_OWNER,
    _FIELD_BEFORE,
    _FIELD_LABEL_BONUS,
    _HEADING_NAME,
    _NAME_LINE_WORDS,
    _OWNER,
    _collective_heading,
    _competent_in_title,
    _field_agency,
    _lead_in_owner,
    _name_line,
)
from retriever.qa.extractors.agency.holders import office_holders
from retriever.qa.extractors.agency.names import (
    _HEAD,
    _ORG_VERBS,
    _PLACE_LEVELS,
    agency_spans,
)
from retriever.qa.extractors.agency.readings import (
    HAND_WEIGHTS,
    Reading,
    describe,
    span_coefficients,
)
from retriever.qa.extractors.agency.roles import _restates_task, _role_subject
from retriever.qa.extractors.agency.shared_heads import _subject_list
from retriever.qa.extractors.base import Context
from retriever.qa.model import Span, Unit, UnitKind
from retriever.qa.question import QuestionAnalysis, QuestionKind
from retriever.qa.scoring import local_overlap, syllables

_LEAD = re.compile(r"\s*(?:[-+•*–]|\(\d+\)|[a-zđ]\)|\d+(?:\.\d+)*\.)?\s*(?:Giao\s+)?")

# The text names the proposer (as ``asked._ASKS_PROPOSER`` asks it): "Xét đề nghị của Giám đốc Sở Tư pháp", "theo Tờ trình số 12/TTr-SYT của Sở Y tế".
_PROPOSED = re.compile(rf"(?:đề nghị|đề xuất|[Tt]ờ trình)(?:\s+số\s+\S+)?(?:\s+ngày\s+\S+)?\s+của\s+"
                       rf"(?:(?:Phó\s+)?(?:{V.AGENCY_TITLES})\s+)?$", re.IGNORECASE)

# A body followed by its address ("… của Sở Nông nghiệp và Môi trường, số 63 đường Lý Tự Trọng, Phường Sài Gòn",
# "Trung tâm Phục vụ hành chính công tỉnh, địa chỉ: …"): the place where a file is handed in, not a body's task.
_ADDRESS_AFTER = re.compile(r"(?:[^.;:\n]|\n(?![ \t]*\n)){0,80}?,?\s*(?:số\s+\d+[A-Za-z]?(?:/\d+)*\s+(?:đường|phố|ngõ|ngách|Đường|Phố)\b"
                            r"|số nhà\b|[Đđ]ịa chỉ\s*:)")
_ADDRESS_REACH = 120

# An act cited by its type, number and date, then its issuer: "Thông tư số 40/2025/TT-BNNMT ngày 02/7/2025 của".
_CITED_BY = re.compile(r"(?:" + "|".join(re.escape(n) for n in sorted(ACT_TYPE_NAMES, key=len, reverse=True))
                       + rf")\s+(?:số\s+)?\S*\d\S*(?:\s+ngày\s+[\d/]+(?:\s+tháng\s+\d+\s+năm\s+\d{{4}})?)?\s+của\s+"
                       rf"(?:(?:Phó\s+)?(?:{V.AGENCY_TITLES})\s+)?$")

_PERSON_AFTER = re.compile(r"\s+(?:" + "|".join(V.SURNAMES) + r")\s+[A-ZĐÀ-Ỹ]")

_MENTION_PENALTY = 0.15
# A body that guides, follows, urges or inspects "việc …" oversees that task; the task is another body's. Unless
# the question asks who oversees.
_SUPERVISE_VERBS = r"(?:hướng dẫn|theo dõi|đôn đốc|kiểm tra|giám sát|thanh tra)"
_OVERSEEN = re.compile(rf"{_SUPERVISE_VERBS}(?:\s*(?:,|và)\s*{_SUPERVISE_VERBS})*\s+(?:việc|tình hình)\b",
                       re.IGNORECASE)
_SUPERVISES = re.compile(r"\b(?:huong dan|theo doi|don doc|kiem tra|giam sat|thanh tra)\b")
_PROPOSER_BONUS = 0.6  # outweighs the object penalty (-0.3) that "của" gives


# A paper of a body named after its act ("Báo cáo thẩm tra số 414/BC-UBPLTP15 ngày 03/6/2025 của Ủy ban Pháp luật và
# Tư pháp", "Kết luận kiểm tra của Thanh tra tỉnh", "ý kiến thẩm định của Sở Tư pháp"): the preambles of resolutions
# of the National Assembly's committees and of every People's Council, of decisions citing an appraisal.
_AUTHORED = re.compile(rf"(?<![\w])(?:[Bb]áo cáo|[Tt]ờ trình|[Cc]ông văn|[Vv]ăn bản|[Kk]ết luận|[Tt]hông báo|[Ýý] kiến"
                       rf"|[Đđ]ề án|[Kk]ế hoạch)[ \t]+([^,;()\n]{{0,100}}?)[ \t]+của[ \t]+"
                       rf"(?:(?:Phó[ \t]+)?(?:{V.AGENCY_TITLES})[ \t]+)?$")
_PAPER_WORDS = frozenset({"so", "ngay", "thang", "nam", "bao", "cao", "cua", "va", "ve", "viec"})


def _authored(key: str, text: str, start: int) -> bool:
    """Whether the body at ``start`` is named as the author of a paper whose act the question names: "Báo cáo
    thẩm tra … của X" for "Cơ quan nào thẩm tra …" (two syllables of the act, after the paper's noun, printed in
    the question)."""
    match = _AUTHORED.search(text, max(0, start - 160), start)
    if match is None:
        return False
    words = [w for w in syllables(match.group(1)) if w.isalpha()]
    pairs = {f"{a} {b}" for a, b in itertools.pairwise(words) if a not in _PAPER_WORDS and b not in _PAPER_WORDS}
    return any(re.search(rf"\b{pair}\b", key) for pair in pairs)


# A table's column of bodies: who leads ("Cơ quan chủ trì"), cooperates ("Đơn vị phối hợp"), or performs the
# row's task ("Cơ quan thực hiện", "Cơ quan giải quyết", "Thẩm quyền giải quyết").
# The header starts with the body noun; "Đơn vị tính" (a unit of measure), "Trụ sở chính của đơn vị" are no bodies.
_BODY_COLUMN = re.compile(r"^(?:co quan|don vi|tham quyen|bo phan|trach nhiem)\b(?! tinh\b)")
_NOT_BODY_COLUMN = re.compile(r"\b(?:tru so|dia chi|chuc danh|so luong|ten thu tuc)\b")


def _agency_column(question: QuestionAnalysis, header: tuple[str, ...], wants_partner: bool) -> int | None:
    """The column a table names the asked body in: the partners' when the question asks for partners, else
    the leading body's, else the one body column, or among several the one whose verb the question prints
    ("Cơ quan tiếp nhận" for "… nộp hồ sơ ở cơ quan nào tiếp nhận")."""
    keys = [match_key(h) for h in header]
    partners = [i for i, k in enumerate(keys) if "phoi hop" in k]
    if wants_partner:
        return partners[0] if partners else None
    lead = next((i for i, k in enumerate(keys) if "chu tri" in k), None)
    if lead is not None:
        return lead
    bodies = [i for i, k in enumerate(keys) if _BODY_COLUMN.search(k) and not _NOT_BODY_COLUMN.search(k)
              and i not in partners]
    if len(bodies) == 1:
        return bodies[0]
    asked = [i for i in bodies if (rest := _BODY_COLUMN.sub(" ", keys[i]).split())
             and re.search(rf"\b{re.escape(' '.join(rest))}\b", question.key)]
    return asked[0] if len(asked) == 1 else None


# The actor readings of one unit are compared among themselves by the hand weights (the actor's base, "giao" before
# it, the task its clause prints): which of them is the unit's actor is not what the span weights are fitted for.
_ACTOR_WEIGHTS = describe(actor=0.3 + _FRAME_BONUS, assigned=0.2, task=0.6)


def _asked_verb(question: QuestionAnalysis) -> str | None:
    """The question's predicate as printed, its first two syllables ("cấp giấy" of "Cơ quan nào cấp giấy phép …")."""
    asked = asked_predicate(question.key)
    return " ".join(as_printed(asked[1])[:2]) if asked is not None else None


def _asks_partner(question: QuestionAnalysis) -> bool:
    """Whether the question asks the body another works with: "phối hợp với cơ quan nào", or its slot right after
    "với" ("trao đổi thêm với bộ nào", "làm việc với ủy ban nào", "đồng chủ trì với bộ nào"): the body the text prints
    in "… với X" is the one asked — unless the question asks who leads."""
    if question.asks_lead:
        return False
    return "phoi hop" in question.key or question_frame(question.key)[0][-1:] == ("voi",)


def _named_by_predicate(name: str, question: QuestionAnalysis) -> bool:
    """Whether the actor is named by the very act the question asks ("Người nộp lệ phí" for "Ai là người nộp lệ
    phí?"): the role restates the question; its definition ("… là cá nhân …") answers it."""
    asked = asked_predicate(question.key)
    if asked is None:
        return False
    verb = " ".join(as_printed(asked[1])[:2])
    return len(verb.split()) == 2 and verb in match_key(name)


def _actor_options(question: QuestionAnalysis, text: str, unit: Unit, body: str, task, spans) -> list:
    """The actors of the unit's clauses that print the question's predicate (``actor.predicate_actors``): the
    subject, a passive's agent, a definition's complement — persons, roles, bodies named by their kind ("cá nhân",
    "Quản tài viên", "cơ quan đại diện chủ sở hữu").  An actor that holds a body's name is left to the named-body
    reading, which weighs it against the other bodies of the unit."""
    options = []
    for start, end, matched in predicate_actors(question.key, body):
        name = " ".join(body[start:end].split())
        if not _acceptable(question, name) or _restates_task(name, question) or _named_by_predicate(name, question):
            continue  # "cơ quan có thẩm quyền cấp Giấy chứng nhận …" for "cơ quan nào cấp Giấy chứng nhận …?"
        stop = re.search(r"[;.](?:\s|$)", body[end:])
        own = body[end:end + stop.start() if stop else end + 300][:300]  # the clause's own words: which clause it is
        features = describe(actor=1, assigned=bool(_ASSIGNED.search(body, max(0, start - 30), start)),
                            task=local_overlap(task, own) if task else 0.0,
                            position=_position(unit, unit.start + start))
        options.append(Reading(unit.start + start, unit.start + end, name, features))
    # the unit's first actor printing the predicate (as weighed by the hand weights: the actor readings differ only
    # in "giao" before them and in the task their clause prints)
    return options[:1] if not options else [max(options, key=lambda o: (o.score(_ACTOR_WEIGHTS), -o.start))]


class AgencyExtractor:
    """The one body the question asks for."""

    kinds = (QuestionKind.AGENCY,)

    def extract(self, question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None:
        return _executors_first(question, unit, context, self._read)

    def _read(self, question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None:
        column = _column_span(question, unit, context)
        if column is not None:
            return column
        options = self.readings(question, unit, context)
        if not options:
            return None
        coefficients = span_coefficients(context.settings)
        best = max(options, key=lambda o: (o.score(coefficients), -o.start))
        start = _with_title(question, context.text(unit.doc_id), best.start)
        # the confidence the cross-unit ranker weighs stays on the hand weights' scale ('confidence' coefficient)
        return Span(start, best.end, best.score(HAND_WEIGHTS),
                    " ".join(context.text(unit.doc_id)[start:best.end].split()))

    def readings(self, question: QuestionAnalysis, unit: Unit, context: Context) -> list[Reading]:
        """Every candidate span of the unit with what the readings say of it (``readings.SPAN_FEATURES``)."""
        text = context.text(unit.doc_id)
        body = text[unit.start:unit.end]
        every = document_spans(context, unit.doc_id, unit.start, unit.end)
        spans = [s for s in every if _acceptable(question, s[2])]
        task = _own_task(_task_weights(question, context), context, unit)
        wants_partner = _asks_partner(question)
        wants_recipient = bool(_ASKS_RECIPIENT.search(question.key))
        wants_proposer = bool(_ASKS_PROPOSER.search(question.key))
        options: list[Reading] = []
        frame = question_frame(question.key)
        lead = _LEAD.match(body)
        lead_at = unit.start + (lead.end() if lead else 0)
        clauses = _clauses(text, spans, unit.start, unit.end)
        predicate = _asked_verb(question)
        first_named = spans[0][0] if spans else None
        for index, ((start, end, name), (c_start, c_end)) in enumerate(zip(spans, clauses)):
            cooperating = _cooperating(text, spans, index, unit.start)
            read: dict[str, float] = {}
            owner = _duty_owner(text, start, end)
            if owner or (start - lead_at <= 6 and re.match(r"\s*(?:các\s+)?$", text[lead_at:start])):
                read["subject" if (_ORG_VERBS.match(text[end:end + 40]) or not question.asks_lead)
                     else "subject_weak"] = 1
            elif _ORG_VERBS.match(text[end:end + 40]) and "chủ trì" in text[end:end + 20]:
                read["leads_chutri"] = 1
            if question.asks_lead and re.match(r"\s*(?:,\s*)?chủ trì", text[end:end + 20], re.IGNORECASE):
                read["asked_lead"] = 1  # "X chủ trì, phối hợp với Y …": X leads, whatever the clause after Y says
            framed = _frame_match(frame, text, start, end)
            read["frame"] = framed
            label = _FIELD_BEFORE.search(text, max(unit.start, start - 60), start)
            if label and (label.group(1) == "phối hợp") == wants_partner:
                framed += _FIELD_LABEL_BONUS  # "Cơ quan thực hiện: Sở Y tế": the body the label names
                read["field_label"] = 1
            if wants_proposer and _PROPOSED.search(text, max(0, start - 80), start):
                framed += _PROPOSER_BONUS  # "Xét đề nghị của Giám đốc Sở Tư pháp" for "Ai đề nghị …"
                read["proposer"] = 1
            elif _authored(question.key, text, start):
                framed += _PROPOSER_BONUS  # "Báo cáo thẩm tra số … của Ủy ban Pháp luật …" for "… nào thẩm tra …"
                read["proposer"] = 1
            if cooperating:
                read["partner_asked" if wants_partner else "partner"] = 1
            elif _is_object(text, spans, index, unit.start) and not framed:
                read["recipient_asked" if wants_recipient else "object"] = 1
            assigned = bool(_ASSIGNED.search(text, max(0, start - 30), start))
            if assigned:
                read["assigned"] = 1  # "…; giao Bộ X làm chủ Chương trình": the body given the task
            leads = owner or start - lead_at <= 6 or bool(_ORG_VERBS.match(text[end:end + 40]))
            if not (leads or assigned or framed or cooperating or _is_object(text, spans, index, unit.start)):
                read["mention"] = 1  # named in passing ("tại trụ sở Chính phủ"), not doing anything
            if not _ASKS_ISSUER.search(question.key) and _CITED_BY.search(text, max(unit.start, start - 90), start):
                read["cited_issuer"] = 1  # "Thông tư số 40/2025/TT-BNNMT ngày 02/7/2025 của Bộ trưởng Bộ X quy
                c_end = c_start  # định …": the issuer of an act cited, and what the act provides, is no task of it
            if _ADDRESS_AFTER.match(text, end, min(unit.end, end + _ADDRESS_REACH)):
                read["address"] = 1  # "- Bộ phận Tiếp nhận … của Sở X, số 63 đường …": an address, no task
                c_end = c_start
            if name.isupper() or _PERSON_AFTER.match(text, end):
                read["title_or_person"] = 1  # a title in capitals, a person's title ("Phó Thủ tướng … Nguyễn Hòa Bình")
            object_only = _is_object(text, spans, index, unit.start) and not (framed or cooperating or assigned)
            if wants_recipient and object_only:
                c_start, c_end = max(unit.start, start - 300), start  # what is sent to it comes before it
            elif (object_only and not _clause_verb(text, end, c_end)) or _PERSON_AFTER.match(text, end):
                # "tại trụ sở Chính phủ, …", "Phó Thủ tướng Thường trực Chính phủ Nguyễn Hòa Bình đã chủ trì …": the
                # words after a place or a person's title are not the body's task
                c_end = c_start
            held = _AGENT_BEFORE.search(text, max(unit.start, start - 60), start)
            if held and not wants_recipient:
                # "Việc cấp giấy phép thuộc thẩm quyền của Sở Y tế", "… do Sở Y tế thực hiện": the task is printed
                # before the body that holds it, back to the previous body or clause
                stops = [unit.start + m.end() for m in re.finditer(r"[;:.]\s", text[unit.start:held.start()])]
                c_start = min(c_start, max([unit.start] + [e for _, e, _ in spans[:index] if e <= held.start()] + stops))
            if not _SUPERVISES.search(question.key):
                overseen = _OVERSEEN.search(text, c_start, min(c_end, c_start + 300))
                if overseen:
                    c_end = overseen.start()  # "… đôn đốc, kiểm tra việc thực hiện công khai …": another body's task
            read["task"] = local_overlap(task, text[c_start:c_end][:300]) if task else 0.0
            read["first"] = start == first_named
            read["predicate_near"] = _predicate_near(predicate, text, c_start, c_end)
            options.append(Reading(start, end, name, describe(position=_position(unit, start), **read)))
        holders = office_holders(text, unit.start, unit.end, every)
        options += self._holder_options(question, text, unit, holders, spans, frame, task)
        role = _role_subject(question, body)
        if role is not None and _acceptable(question, role[2]):
            r_start, r_end, name = role
            after = body[r_end:r_end + 300]
            options.append(self._other(unit, unit.start + r_start, unit.start + r_end, name,
                                       role=1, task=local_overlap(task, after) if task else 0.0))
        options += _actor_options(question, text, unit, body, task, every)
        competent = _competent_in_title(question, unit, context) if _ASKS_COMPETENT.search(question.key) else None
        if competent is not None and _acceptable(question, competent[2]):
            options.append(self._other(unit, *competent, competent=1))
        listed = _subject_list(question, text, lead_at, unit.end)
        if listed is not None:
            l_start, l_end, name = listed
            own = text[l_end:unit.end][:300]
            options.append(self._other(unit, l_start, l_end, name, listed=1, frame=_frame_after(frame, text, l_end),
                                       task=local_overlap(task, own) if task else 0.0))
        field = _field_agency(question, unit, context, wants_partner)
        if field is not None:
            f_start, f_end, name = field
            own = body[:300]
            options.append(self._other(unit, f_start, f_end, name, field=1,
                                       task=local_overlap(task, own) if task else 0.0))
        # The heading above a sentence that starts with a verb ("Chủ trì, phối hợp…").
        starts_with_verb = not spans or (spans[0][0] - lead_at > 6 and not _TITLE_ONLY.fullmatch(
            text, lead_at, spans[0][0]))  # "Chủ tịch UBND huyện … chịu trách nhiệm": the sentence starts with its actor
        if starts_with_verb:
            heading = self._heading_agency(question, unit, context)
            if heading is not None:
                h_start, h_end, name = heading
                actors = [s for i, s in enumerate(spans) if not _cooperating(text, spans, i, unit.start)
                          and not _is_object(text, spans, i, unit.start)]
                own = text[unit.start:actors[0][0] if actors else unit.end][:300]  # what the heading's agency does
                # "Chủ trì, phối hợp …" under the heading's agency: it leads
                leads = question.asks_lead and bool(re.match(r"chủ trì", text[lead_at:lead_at + 10], re.IGNORECASE))
                options.append(self._other(unit, h_start, h_end, name, heading=1, asked_lead=leads,
                                           task=local_overlap(task, own) if task else 0.0,
                                           # "Chủ trì giải quyết …" for "… nào chủ trì giải quyết"
                                           frame=_frame_after(frame, text, lead_at)))
        return options

    @staticmethod
    def _other(unit: Unit, start: int, end: int, name: str, **read: float) -> Reading:
        """A reading other than a body named in the unit's clauses (a heading's, a holder's, a role's …): its
        position is the unit's start when it lies outside the unit."""
        return Reading(start, end, name, describe(position=_position(unit, start), **read))

    @staticmethod
    def _holder_options(question: QuestionAnalysis, text: str, unit: Unit, holders, spans, frame, task):
        """The office holders heading a clause of the unit (``holders.office_holders``) whose body the clause
        reading cannot give: the question's own body ("Hiệu trưởng Trường X …" for "ai … của Trường X"), a body
        agency names do not read, or no body printed ("Cục trưởng quyết định …").  A holder before an acceptable
        body is that body's reading already (its title is put back before the answer)."""
        options = []
        for start, end, name in holders:
            if any(start < s[0] and s[1] == end for s in spans) or not _acceptable(question, name):
                continue
            after = text[end:unit.end]
            stop = re.search(r"[.;](?:\s|$)", after)
            own = after[:stop.start() if stop else 300][:300]
            options.append(AgencyExtractor._other(unit, start, end, name, holder=1,
                                                  frame=_frame_after(frame, text, end),
                                                  task=local_overlap(task, own) if task else 0.0))
        return options

    @staticmethod
    def _heading_agency(question: QuestionAnalysis, unit: Unit, context: Context):
        text = context.text(unit.doc_id)
        for node in reversed(context.units.heading_nodes(unit.doc_id, unit.start)):
            line_end = text.find("\n", node.start)
            line_end = node.end if line_end < 0 else min(line_end, node.end)
            bare = line_end < node.end and _BARE_LABEL.fullmatch(text, node.start, line_end)
            if bare:
                more = text.find("\n", line_end + 1)  # "3." / "Trách nhiệm của Bộ Nội vụ": the label alone on its
                line_end = node.end if more < 0 else min(more, node.end)  # line, the heading's words on the next
            while line_end < node.end and (_TITLE_GOES_ON.search(text, node.start, line_end)
                                           or _STARTS_LOWER.match(text, line_end + 1)
                                           or _PLACE_GOES_ON.search(text, node.start, line_end)):
                more = text.find("\n", line_end + 1)  # "3. Sở Văn hóa, Thể thao và" / "Du lịch"
                line_end = node.end if more < 0 else min(more, node.end)  # "Chủ tịch Ủy ban nhân dân" / "thành phố …"
            line = text[node.start:line_end]
            if bare:
                line = line.replace("\n", " ", 1)  # read as one line, offsets kept
            spans = [s for s in document_spans(context, unit.doc_id, node.start, line_end, node.end)
                     if _acceptable(question, s[2])]
            whole = _HEADING_NAME.match(line)
            if whole and _name_line(whole.group(1), spans, node.start + whole.start(1)) \
                    and _acceptable(question, whole.group(1)):
                end = max(node.start + whole.end(1), spans[0][1] if spans and spans[0][0] == node.start + whole.start(1)
                          else 0)  # a name wrapped over the heading's lines ("2. Ban Quản lý Khu kinh tế" / "Đông Nam")
                return node.start + whole.start(1), end, " ".join(text[node.start + whole.start(1):end].split())
            owner = _OWNER.match(line)
            if spans and spans[0][0] - node.start <= owner.end():
                return spans[0]  # the heading's subject: "1. Sở Y tế:", "Điều 12. Trách nhiệm của Viện kiểm sát …"
            duty = _DUTY_OWNER.fullmatch(line)
            if duty and not spans and len(duty.group(1).split()) <= _NAME_LINE_WORDS \
                    and _acceptable(question, duty.group(1)):
                # "Điều 12. Trách nhiệm của cơ sở giáo dục": a decree names the owner of an article's duties by its
                # kind; the points under it are that owner's
                return node.start + duty.start(1), node.start + duty.end(1), " ".join(duty.group(1).split())
            collective = _collective_heading(line.replace("\n", " "))  # "5. Các chủ đầu tư xây dựng và" / "kinh doanh …"
            if collective is not None and _acceptable(question, collective[2].split(None, 1)[1]):
                return node.start + collective[0], node.start + collective[1], collective[2]
            lead_in = _lead_in_owner(question, context, unit.doc_id, node, line_end, unit.start)
            if lead_in is not None:
                return lead_in  # "1.4. Bảo đảm an sinh xã hội" / "Bộ Tài chính chỉ đạo Bảo hiểm xã hội Việt Nam:"
            # a heading naming a body only inside its own sentence ("e) Xây dựng, trình UBND tỉnh phê duyệt …", the
            # unit's own point) owns nothing: the heading above it may
        return None


def _column_span(question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None:
    """A table row's cell under the column naming the asked body ("Cơ quan thực hiện"), when it names a body."""
    if unit.kind is not UnitKind.ROW or not unit.cells or not unit.header:
        return None
    wants_partner = _asks_partner(question)
    column = _agency_column(question, unit.header, wants_partner)
    if column is None or column >= len(unit.cells):
        return None
    body = context.body(unit)
    cell = " ".join(unit.cells[column].split())
    found = re.search(r"\s+".join(re.escape(w) for w in cell.split()), body) if cell else None
    if found and _acceptable(question, cell) and (_HEAD.match(cell) or agency_spans(cell)):
        # a cell wrapped over lines is found all the same; a cell naming no body is no answer
        return Span(unit.start + found.start(), unit.start + found.end(), 0.3, cell)
    return None


def _with_title(question: QuestionAnalysis, text: str, start: int) -> int:
    """Where the answer starts: at an office's title printed right before the body ("Chủ tịch Ủy ban nhân dân thành
    phố quyết định …": the holder of the office acts), unless the question asks whose title it is."""
    title = _TITLE_BEFORE.search(text, max(0, start - 40), start)
    if title is not None and not re.search(rf"\b{re.escape(match_key(title.group(1)))}(?: \w+){{0,4}} nao\b",
                                           question.key):
        return title.start(1)
    return start


def _position(unit: Unit, start: int) -> float:
    """Where ``start`` lies in the unit: 0 at its start (or before it: a heading), 1 at its end."""
    return min(1.0, max(0.0, (start - unit.start) / max(1, unit.end - unit.start)))


def _predicate_near(predicate: str | None, text: str, start: int, end: int) -> bool:
    """Whether the question's predicate (its first two syllables as printed) is printed in ``text[start:end]``."""
    if not predicate or end <= start:
        return False
    return re.search(rf"\b{re.escape(predicate)}\b", match_key(text[start:min(end, start + 300)])) is not None


# An office's title printed right before the body's name ("Chủ tịch Ủy ban nhân dân …", "Giám đốc Sở Y tế").
_TITLE_BEFORE = re.compile(rf"(?<![\w])((?:Phó\s+)?(?:{V.AGENCY_TITLES}))[ \t]*\n?[ \t]*$")
# Only an office's title before the first body: the sentence still starts with the body ("Giám đốc Sở Y tế …").
_TITLE_ONLY = re.compile(rf"\s*(?:các\s+)?(?:Phó\s+)?(?:{V.AGENCY_TITLES})\s*")
# A title line that stops on a joining word or mark goes on on the next line.
_TITLE_GOES_ON = re.compile(r"(?:[ \t](?:và|&|-|–)|,)[ \t]*$")
# A heading's label printed alone on its line, its words on the next one (tvpl_149, tvpl_140, tvpl_187, tvpl_040).
_BARE_LABEL = re.compile(r"[ \t*_]*(?:(?:[IVXLC]+|\d+(?:\.\d+)*)\.|[a-zđ]\))[ \t*_]*")
# A title line ending on a place's first syllable after its level ("d) Ủy ban nhân dân thành phố Hà" / "Nội, …"): the
# place's name goes on on the next line (names.py reads such a wrapped place whole).
_PLACE_GOES_ON = re.compile(rf"(?<![\w])(?:{'|'.join(sorted(_PLACE_LEVELS))})[ \t]+[A-ZĐÀ-Ỹ][^\W\d_]*[ \t]*$")


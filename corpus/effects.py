"""What a document says about the legal effect of acts: its own and others'.

A clerk reads the closing articles of an act ("Điều 3. Hiệu lực thi hành") and its
Căn cứ lines for these facts; this module reads them the same way:

* the document's own effective date: "Quyết định này có hiệu lực kể từ ngày ký"
  (the signing date), "Thông tư này có hiệu lực thi hành từ ngày 15 tháng 02 năm 2022";
* what it does to other acts: "Nghị định này thay thế Nghị định số …" (thay_the),
  "bãi bỏ Quyết định số …" (bai_bo), "bãi bỏ khoản 2 Điều 5 của Thông tư số …"
  (bai_bo_mot_phan: a part only), "Các Nghị định sau hết hiệu lực kể từ ngày Nghị định
  này có hiệu lực: a) …" (het_hieu_luc), "ban hành Thông tư sửa đổi, bổ sung một số điều
  của Thông tư số …" (sua_doi), "tạm ngưng hiệu lực Nghị định số …" (dinh_chi),
  "hướng dẫn thi hành / quy định chi tiết …" (huong_dan);
* what it reports of third acts: "Luật số 25/2008/QH12 được sửa đổi, bổ sung bởi Luật
  số 46/2014/QH13", "Nghị định số A … sửa đổi, bổ sung một số điều của Nghị định số B",
  "Thông tư số 50/2017/TT-BYT …, có hiệu lực kể từ ngày 01 tháng 01 năm 2018".

Scraped and gazette texts wrap sentences over lines, so statements are read per
*provision*: the lines from one numbered item ("1.", "a)", "Điều 3.", "-") or line
that ends a sentence to the next.  Each statement keeps the span of its provision:
``text[start:end]`` is the verbatim quote.  Nothing is inferred that the text does not
say; a provision that names no act yields nothing.

>>> text = "Điều 3. Hiệu lực thi hành\\n1. Thông tư này có hiệu lực kể từ ngày 13 tháng 10 năm 2025 và thay thế\\nThông tư số 12/2020/TT-BYT ngày 01/7/2020 của Bộ trưởng Bộ Y tế."
>>> [(s.relation, s.target.number if s.target else None, s.date) for s in find_effect_statements(text)]
[('hieu_luc', None, '2025-10-13'), ('thay_the', '12/2020/TT-BYT', None)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.acts import _date_of, _key_of, find_act_spans
from corpus.lexicon import ACT_TYPES, CITED_TYPE_WORDS, DATE_KEY as _DATE
from corpus.model import ActReference

__all__ = ["EFFECT_RELATIONS", "EffectStatement", "find_effect_statements", "provisions"]

# Relations an effect statement can carry (graph relations plus what only effect clauses say).
EFFECT_RELATIONS = {
    "hieu_luc": "có hiệu lực",
    "thay_the": "thay thế",
    "bai_bo": "bãi bỏ",
    "bai_bo_mot_phan": "bãi bỏ một phần",
    "het_hieu_luc": "hết hiệu lực",
    "sua_doi": "sửa đổi, bổ sung",
    "dinh_chi": "ngưng / đình chỉ hiệu lực",
    "huong_dan": "hướng dẫn / quy định chi tiết",
}


@dataclass
class EffectStatement:
    """One statement about an act's effect, as the document words it.

    ``target`` is the act affected, None for the document itself; ``actor`` the act that
    acts on it, None for the document itself.  ``date``: the date the statement gives
    (an effective or expiry date); ``on_signing``: effective "kể từ ngày ký"; ``on_own_effect``:
    "kể từ ngày <this act> có hiệu lực".
    """

    relation: str
    target: ActReference | None
    actor: ActReference | None
    start: int  # quote span in the cleaned text
    end: int
    date: str | None = None
    on_signing: bool = False
    on_own_effect: bool = False


# --------------------------------------------------------------------------- provisions

# A provision starts at an item marker or after a line that ends a sentence or a list head.
_ITEM_START = re.compile(r"^\s*\**\s*(?:\d+(?:\.\d+)*\s*[.)]|[a-zđ]\)|điều\s+\d+[a-z]?\s*\.|[-+•–*]|căn cứ\s|theo đề nghị|xét đề nghị)\s*",
                         re.IGNORECASE)
_LINE_ENDS = (".", ";", ":", "./.", "”", '"')


def provisions(text: str) -> list[tuple[int, int]]:
    """(start, end) of every provision: wrapped lines joined, items kept apart."""
    spans: list[tuple[int, int]] = []
    start = end = None
    for line in re.finditer(r"[^\n]+", text):
        body = line.group(0)
        if not body.strip():
            continue
        if start is not None and _ITEM_START.match(body):
            spans.append((start, end))
            start = None
        if start is None:
            start = line.start() + (len(body) - len(body.lstrip()))
        end = line.start() + len(body.rstrip())
        stripped = body.rstrip().rstrip("*_ ")
        if stripped.endswith(_LINE_ENDS) or _is_heading(stripped):
            spans.append((start, end))
            start = None
    if start is not None:
        spans.append((start, end))
    return spans


def _is_heading(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 4 and all(ch.isupper() for ch in letters)


# --------------------------------------------------------------------------- patterns (on match_key text)

# Any act type word (a "Nội quy này", "Văn bản này" speaks of itself too).
_TYPES = "|".join(re.escape(w) for w in sorted({*CITED_TYPE_WORDS, *ACT_TYPES, "van ban", "noi quy", "dieu le"},
                                                key=len, reverse=True))
# "Thông tư này", "Quyết định này" … as a subject (not "kể từ ngày Thông tư này …").
_SELF = re.compile(rf"(?<![a-z])(?:{_TYPES})\s+nay(?![a-z])")
_NOT_SUBJECT_BEFORE = re.compile(r"(?:ngay|truoc|sau|khi|gian|den|tai|theo|cua|trong|voi)\s*$")
_EFFECT = re.compile(r"co\s+hieu\s+luc(?:\s+thi\s+hanh)?(?:\s+ke)?\s+tu\s+ngay\s+")
_SIGNING = re.compile(r"(?:ky(?:\s*,?\s*ban\s+hanh)?|duoc\s+thong\s+qua|thong\s+qua|ban\s+hanh)(?![a-z])")
_OWN_EFFECT = re.compile(rf"(?:{_TYPES})\s+nay\s+co\s+hieu\s+luc")
_EXPIRE = re.compile(r"het\s+hieu\s+luc(?:\s+thi\s+hanh)?(?:\s+toan\s+bo|\s+mot\s+phan)?")
_TRIGGERS = [
    ("thay_the", re.compile(r"(?<![a-z])thay\s+the(?![a-z])")),
    ("bai_bo", re.compile(r"(?<![a-z])(?:bai\s+bo|huy\s+bo)(?![a-z])")),
    ("sua_doi", re.compile(r"(?<![a-z])sua\s+doi(?:\s*,\s*|\s+)bo\s+sung|(?<![a-z])sua\s+doi(?![a-z])")),
    ("dinh_chi", re.compile(r"(?<![a-z])(?:tam\s+)?(?:ngung|dinh\s+chi)\s+(?:viec\s+thi\s+hanh|hieu\s+luc|thi\s+hanh)")),
    ("huong_dan", re.compile(r"(?<![a-z])(?:huong\s+dan\s+(?:thi\s+hanh|thuc\s+hien)|quy\s+dinh\s+chi\s+tiet)(?![a-z])")),
]
_PASSIVE_BEFORE = re.compile(r"(?<![a-z])(?:duoc|bi)\s*$")
_BY_AFTER = re.compile(r"^\s*(?:boi|tai|theo)\s*:?\s*")
_ENACTING_BEFORE = re.compile(rf"ban\s+hanh\s+(?:{_TYPES})\s*$")
_NAME_BEFORE = re.compile(rf"(?<![a-z])(?:{_TYPES})\s*$")  # "Luật sửa đổi…", "Nghị định sửa đổi…": a name
_PART = re.compile(r"(?<![a-z])(?:diem|khoan|dieu|chuong|muc|phu\s+luc|cum\s+tu|mot\s+so\s+(?:dieu|khoan|noi\s+dung|quy\s+dinh))(?![a-z])")
_WHOLE = re.compile(r"toan\s+bo")
_MARKER = re.compile(r"^\s*(?:\d+(?:\.\d+)*\s*[.)]|[a-zđ]\)|dieu\s+\d+[a-z]?\s*\.|[-+•–*])?\s*(?:tam\s+)?")
_CLAUSE_BREAK = re.compile(r"[;.](?:\s|$)")
_SUBJECT_GAP = 320  # characters between an act's number and the verb it is the subject of
_MAX_QUOTE = 700


def find_effect_statements(text: str) -> list[EffectStatement]:
    """Every effect statement in ``text`` (cleaned document text), in order."""
    key = _key_of(text)
    spans = provisions(text)
    out: list[EffectStatement] = []
    for i, (p_start, p_end) in enumerate(spans):
        p_key = key[p_start:p_end]
        if not re.search(r"hieu\s+luc|thay\s+the|bai\s+bo|huy\s+bo|sua\s+doi|ngung|dinh\s+chi|huong\s+dan|chi\s+tiet", p_key):
            continue
        p_text = text[p_start:p_end]
        refs = [(s, e, r) for s, e, r in find_act_spans(p_text) if r.number or r.name]
        follow = _following_items(text, spans, i) if p_text.rstrip().rstrip("*_ ").endswith(":") else []
        out.extend(_effects(p_key, p_start, p_end, refs))
        out.extend(_expiries(p_key, p_start, p_end, refs, follow))
        out.extend(_actions(p_key, p_start, p_end, refs, follow))
    return _distinct(out)


def _act_key(ref: ActReference | None) -> str:
    return "" if ref is None else (ref.number_key or " ".join((ref.name or "").split()))


def _distinct(statements: list[EffectStatement]) -> list[EffectStatement]:
    """One statement per (relation, actor, target, quote); none where an act acts on itself."""
    seen, out = set(), []
    for st in statements:
        key = (st.relation, _act_key(st.actor), _act_key(st.target), st.start)
        if key in seen or (st.target is not None and st.actor is not None and _act_key(st.target) == _act_key(st.actor)):
            continue
        seen.add(key)
        out.append(st)
    return out


def _following_items(text: str, spans: list[tuple[int, int]], i: int) -> list[tuple[int, int, list]]:
    """The list a provision ending in ":" introduces: items that each open with an act."""
    items = []
    for start, end in spans[i + 1 : i + 60]:
        body = text[start:end]
        refs = [(s, e, r) for s, e, r in find_act_spans(body) if r.number or r.name]
        marker = _MARKER.match(_key_of(body))
        if not refs or refs[0][0] > (marker.end() if marker else 0) + 12:
            break
        items.append((start, end, refs))
    return items


def _quote(p_start: int, p_end: int, lo: int, hi: int) -> tuple[int, int]:
    """The provision, or a window of it around [lo, hi) when it is long."""
    if p_end - p_start <= _MAX_QUOTE:
        return p_start, p_end
    return max(p_start, lo - 200), min(p_end, max(hi, lo) + 200)


# Between "<Type> này" and its verb: nothing, or its own effect clause ("có hiệu lực kể từ ngày ký và thay thế").
_SELF_GAP = re.compile(
    r"^\s*(?:co\s+hieu\s+luc(?:\s+thi\s+hanh)?(?:\s+ke)?\s+tu\s+ngay\s+(?:ky(?:\s*,?\s*ban\s+hanh)?|duoc\s+thong\s+qua"
    r"|\d{1,2}\s*thang\s*\d{1,2}\s*(?:,\s*)?nam\s*\d{4}|\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4})\s*(?:[,;]\s*)?(?:va\s+)?)?"
    r"(?:da\s+)?$"
    # "Nghị quyết này đã được Hội đồng nhân dân … thông qua ngày 26 tháng 11 năm 2025 và thay thế …"
    r"|^\s*da\s+duoc\s[^;.]{0,200}?thong\s+qua(?:\s+ngay\s+[\d\s/.-]*(?:thang\s*\d{1,2}\s*(?:,\s*)?nam\s*\d{4})?)?\s*,?\s*(?:va\s+)?$")
# Words that, between a verb and the next act, show the act is not its object ("sửa đổi … Chương trình hành
# động … thực hiện Nghị quyết số 57-NQ/TW": what is amended is the programme, not the resolution).
_NOT_OBJECT = re.compile(r"(?<![a-z])(?:thuc\s+hien|trien\s+khai|phe\s+duyet|can\s+cu|huong\s+dan|ban\s+hanh(?!\s+kem))(?![a-z])")


def _subject_is_self(p_key: str, at: int) -> bool:
    """Is the verb at ``at`` said of the document itself ("Thông tư này [có hiệu lực …, và] thay thế")?"""
    before = p_key[:at]
    for match in reversed(list(_SELF.finditer(before))):
        if _NOT_SUBJECT_BEFORE.search(before[: match.start()]):
            continue
        return bool(_SELF_GAP.match(before[match.end():]))
    return False


def _imperative(p_key: str, at: int) -> bool:
    """The verb opens the provision ("Điều 2. Bãi bỏ …", "Tạm ngưng hiệu lực …") or the act's
    title; or it follows the enacting words "ban hành Thông tư …"."""
    marker = _MARKER.match(p_key)
    return (marker is not None and marker.end() >= at) or bool(_ENACTING_BEFORE.search(p_key[:at].rstrip()))


def _effects(p_key, p_start, p_end, refs) -> list[EffectStatement]:
    out = []
    for match in _EFFECT.finditer(p_key):
        after = p_key[match.end():]
        date = on_signing = on_own = None
        d = _DATE.match(after)
        if d:
            date = _date_of(d)
        elif _SIGNING.match(after):
            on_signing = True
        elif _OWN_EFFECT.match(after):
            on_own = True
        else:
            continue
        start, end = _quote(p_start, p_end, p_start + match.start(), p_start + match.end())
        if _subject_is_self(p_key, match.start()):
            out.append(EffectStatement("hieu_luc", None, None, start, end, date, bool(on_signing), bool(on_own)))
            continue
        subject = _clause_head(p_key, refs, match.start())
        if subject is not None and date:
            out.append(EffectStatement("hieu_luc", subject, None, start, end, date))
    return out


def _clause_head(p_key: str, refs, at: int) -> ActReference | None:
    """The act a clause is about: the first one named in it, when the clause opens with it
    ("Thông tư số 50/2017/TT-BYT …, có hiệu lực kể từ …"); else the one named last before ``at``."""
    clause_start = max([m.end() for m in _CLAUSE_BREAK.finditer(p_key[:at])], default=0)
    inside = [(s, e, r) for s, e, r in refs if clause_start <= s and e <= at]
    marker = _MARKER.match(p_key[clause_start:])
    lead = clause_start + (marker.end() if marker else 0)
    if inside and inside[0][0] - lead <= 40 and not re.search(r"(?<![a-z])nay(?![a-z])", p_key[inside[0][1]:at]):
        return inside[0][2]
    return _subject_before(p_key, refs, at)


def _subject_before(p_key: str, refs, at: int) -> ActReference | None:
    """The act named last before ``at`` in the same clause, when nothing else intervenes."""
    before = [(s, e, r) for s, e, r in refs if e <= at]
    if not before:
        return None
    s, e, ref = before[-1]
    gap = p_key[e:at]
    if len(gap) > _SUBJECT_GAP or _CLAUSE_BREAK.search(gap) or re.search(r"(?<![a-z])nay(?![a-z])", gap):
        return None
    if _NOT_SUBJECT_BEFORE.search(p_key[max(0, s - 12):s]) and "ngay" in p_key[max(0, s - 12):s]:
        return None  # "kể từ ngày Nghị quyết 08/2025/NQ-CP có hiệu lực"
    return ref


def _expiries(p_key, p_start, p_end, refs, follow) -> list[EffectStatement]:
    out = []
    for match in _EXPIRE.finditer(p_key):
        after = p_key[match.end():]
        if not re.match(r"\s*(?:(?:ke\s+)?tu\s+ngay|[.;,:]|$)", after):
            continue  # a column heading ("Văn bản hết hiệu lực Lý do …"), not a statement
        date = None
        on_own = False
        tail = re.match(r"\s*(?:ke\s+)?tu\s+ngay\s+", after)
        if tail:
            rest = after[tail.end():]
            d = _DATE.match(rest)
            date = _date_of(d) if d else None
            on_own = bool(_OWN_EFFECT.match(rest))
        start, end = _quote(p_start, p_end, p_start + match.start(), p_start + match.end())
        if _subject_is_self(p_key, match.start()):
            if date:
                out.append(EffectStatement("het_hieu_luc", None, None, start, end, date))
            continue
        clause_start = max([m.end() for m in _CLAUSE_BREAK.finditer(p_key[: match.start()])], default=0)
        targets = [r for s, e, r in refs if clause_start <= s and e <= match.start()]
        if targets and match.start() - max(e for s, e, r in refs if e <= match.start()) > _SUBJECT_GAP:
            targets = []
        if targets and re.search(r"(?<![a-z])(?:chua|khong|neu|khi)\s*$", p_key[: match.start()]):
            continue  # "mà chưa hết hiệu lực", "khi … hết hiệu lực": no statement
        if targets:
            for target in targets:
                out.append(EffectStatement("het_hieu_luc", target, None, start, end, date, on_own_effect=on_own))
        elif follow and re.search(r"(?:sau|duoi\s+day|sau\s+day)\s*$", p_key[: match.start()].rstrip()):
            for i_start, i_end, items in follow:
                for _, _, target in items:
                    q_start = p_start if i_end - p_start <= _MAX_QUOTE else i_start
                    out.append(EffectStatement("het_hieu_luc", target, None, q_start, i_end, date, on_own_effect=on_own))
    return out


def _actions(p_key, p_start, p_end, refs, follow) -> list[EffectStatement]:
    out = []
    for relation, pattern in _TRIGGERS:
        for match in pattern.finditer(p_key):
            at, after_at = match.start(), match.end()
            if any(s <= at < e for s, e, _ in refs):
                continue  # inside an act's own name ("Luật sửa đổi, bổ sung một số điều …")
            before = p_key[:at]
            passive = bool(_PASSIVE_BEFORE.search(before.rstrip() + " " if before.endswith(" ") else before))
            passive = passive or bool(re.search(r"(?<![a-z])(?:duoc|bi)\s+$", before))
            if passive:
                out.extend(_passive(relation, p_key, p_start, p_end, refs, follow, at, after_at))
                continue
            if _NAME_BEFORE.search(before) and not _ENACTING_BEFORE.search(before.rstrip()):
                continue  # "… Nghị định sửa đổi …" names an act, it does not act
            targets = _targets_after(p_key, refs, after_at)
            items = []
            rest = p_key[after_at:]
            if not targets and follow and re.search(r"(?<![a-z])(?:sau|sau\s+day|duoi\s+day)(?![a-z])", rest) \
                    and len(rest) < 200:
                items = follow  # "Bãi bỏ các văn bản sau đây từ ngày …:" then "a) Nghị định số …"
            stated = re.search(r"(?<![a-z])(?:ke\s+)?tu\s+ngay\s+", rest)
            date = None
            if stated:
                d = _DATE.match(rest, stated.end())
                date = _date_of(d) if d else None
            if not targets and not items:
                continue
            if before.rstrip().endswith("("):
                continue  # "Luật An toàn thực phẩm (sửa đổi)": a draft law's name
            if _subject_is_self(p_key, at) or _imperative(p_key, at):
                actor = None
            else:
                actor = _actor_before(p_key, refs, at)
                if actor is None:
                    continue
            kind = relation
            if relation == "bai_bo":
                between = p_key[after_at : targets[0][0]] if targets else ""
                kind = "bai_bo_mot_phan" if _PART.search(between) and not _WHOLE.search(between) else "bai_bo"
            for s, e, target in targets:
                start, end = _quote(p_start, p_end, p_start + at, p_start + e)
                out.append(EffectStatement(kind, target, actor, start, end, date))
            for i_start, i_end, item_refs in items:
                for _, _, target in item_refs[:1]:
                    q_start = p_start if i_end - p_start <= _MAX_QUOTE else i_start
                    out.append(EffectStatement(kind, target, actor, q_start, i_end, date))
    return out


# "Nghị định số A ngày … của Chính phủ [về] sửa đổi, bổ sung …": only A's date and issuer in between.
_ACTOR_GAP = re.compile(
    r"^\s*,?\s*(?:nam\s+\d{4}\s*)?(?:ngay\s*(?:\d{1,2}\s*thang\s*\d{1,2}\s*(?:,\s*)?nam\s*\d{4}|[\d/.\s-]{6,12}))?"
    r"\s*(?:cua\s+[a-z\s-]{1,80}?)?\s*(?:ve\s+(?:viec\s+)?)?(?:da\s+)?$")
_DESCRIPTION = re.compile(
    r"(?<![a-z])(?:ve|quy\s+dinh|huong\s+dan|ban\s+hanh|tam\s+ngung|dieu\s+chinh|sua\s+doi|thay\s+the|bai\s+bo|"
    r"thuc\s+hien|phe\s+duyet|trien\s+khai|can\s+cu|ap\s+dung|cong\s+bo)(?![a-z])")
_LIST_JOIN = re.compile(
    r"^\s*(?:ngay\s*(?:\d{1,2}\s*thang\s*\d{1,2}\s*(?:,\s*)?nam\s*\d{4}|[\d/.\s-]{6,12}))?\s*(?:cua\s+[a-z\s-]{1,80}?)?"
    r"\s*(?:[,;]|(?<![a-z])va(?![a-z]))\s*(?:va\s+)?(?:cac\s+)?$")


def _actor_before(p_key: str, refs, at: int) -> ActReference | None:
    """The act right before the verb, with only its date and issuer in between."""
    before = [(s, e, r) for s, e, r in refs if e <= at]
    if not before:
        return None
    s, e, ref = before[-1]
    return ref if _ACTOR_GAP.match(p_key[e:at]) else None


def _targets_after(p_key: str, refs, at: int) -> list[tuple[int, int, ActReference]]:
    """Acts the verb at ``at`` governs: those after it in the same clause, in a list joined by , ; và."""
    out = []
    cursor = at
    for s, e, ref in refs:
        if s < at:
            continue
        gap = p_key[cursor:s]
        if not out and (len(gap) > 160 or _CLAUSE_BREAK.search(gap) or _NOT_OBJECT.search(gap)):
            break
        if out and not (_LIST_JOIN.match(gap) and not _DESCRIPTION.search(gap)) \
                and not re.search(r";\s*(?:[a-zđ]\)|\d+\.)?\s*$", gap):
            break  # a list goes on only through "ngày …, của …;" and "và": anything else is a description
        out.append((s, e, ref))
        cursor = e
    return out


def _passive(relation, p_key, p_start, p_end, refs, follow, at, after_at) -> list[EffectStatement]:
    """"<B> được sửa đổi, bổ sung bởi <A>": A acts on B."""
    target = _subject_before(p_key, refs, at)
    by = _BY_AFTER.match(p_key[after_at:])
    if target is None or by is None:
        return []
    actors = _targets_after(p_key, refs, after_at + by.end())
    out = []
    kind = "bai_bo" if relation == "bai_bo" else relation
    for s, e, actor in actors[:1]:
        start, end = _quote(p_start, p_end, p_start + at, p_start + e)
        out.append(EffectStatement(kind, target, actor, start, end))
    if not actors and follow:
        for i_start, i_end, item_refs in follow:
            q_start = p_start if i_end - p_start <= _MAX_QUOTE else i_start
            out.append(EffectStatement(kind, target, item_refs[0][2], q_start, i_end))
    return out

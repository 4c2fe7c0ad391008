"""Document metadata (DocumentRecord) from the cleaned text and its structure tree.

Sources, in order of trust:

1. the standard header block: issuing body above "Số:", the number, the
   "Nghệ An, ngày 09 tháng 07 năm 2024" line, the type title ("KẾ HOẠCH") with its
   trích yếu, or the "V/v …" line of an official letter, "Kính gửi:";
2. the signature block (capacity lines such as "KT. GIÁM ĐỐC" and the signer's name)
   and "Nơi nhận:";
3. a legal-database box ("Số hiệu: … Loại văn bản: … Người ký: …");
4. for a news page announcing an act ("Ngày 20/10/2022, Ủy ban nhân dân tỉnh X ban
   hành Chỉ thị số 10/CT-UBND …"), that act; a plain article is a "Bài viết";
5. when no issuing body is printed, the body text: "Giám đốc Sở Y tế chỉ đạo…" signed
   "KT. GIÁM ĐỐC" plus the province the text keeps naming → "Sở Y tế tỉnh Đồng Nai".

>>> from corpus.structure import parse_structure
>>> text = '''ỦY BAN NHÂN DÂN
... TỈNH QUẢNG NAM
... Số: 15/KH-UBND
... Quảng Nam, ngày 3 tháng 2 năm 2025
... KẾ HOẠCH
... Tiêm chủng mở rộng năm 2025
... I. MỤC TIÊU
... Tiêm đủ liều.'''
>>> r = extract_record("x", "kh.txt", text, parse_structure(text))
>>> r.number, r.type, r.date, r.issuer, r.place, r.title
('15/KH-UBND', 'Kế hoạch', '2025-02-03', 'UBND tỉnh Quảng Nam', 'Quảng Nam', 'Tiêm chủng mở rộng năm 2025')
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter

from corpus.acts import (
    ACT_NUMBER,
    find_act_references,
    normalize_number,
    number_key,
    type_from_code,
)
from corpus.header import (
    HeaderFacts,
    format_organs,
    organ_lines,
    read_header,
    read_signature,
    read_vbhn_block,
)
from corpus.lexicon import (
    ACT_TYPES,
    ADOPTION_DATE_KEY,
    CAPACITY_PREFIX,
    DATE_LINE_KEY,
    ISSUER_ABBREVIATIONS,
    NUMBER_LABEL_KEY,
    ORGAN_FORMS,
    PERSON_NAME,
    PORTAL_FIELD_KEY,
    QUOC_HIEU_KEY,
    SURNAMES,
    VI_UPPER,
    VV_KEY,
)
from corpus.model import ActReference, DocumentRecord, Node
from corpus.structure import heading_at_function, iter_nodes
from corpus.vietnamese import is_upper_text as _is_upper
from corpus.vietnamese import match_key, tone_key

__all__ = ["doc_id_for", "extract_record", "format_issuer"]


def doc_id_for(source: str) -> str:
    """First 12 hex digits of sha1 of the file name."""
    return hashlib.sha1(source.encode("utf-8")).hexdigest()[:12]


# --------------------------------------------------------------------------- patterns (match_key)

_QUOC_HIEU = QUOC_HIEU_KEY
_NUMBER_LINE = NUMBER_LABEL_KEY
# Place and date line; the day (and even the month) may be left blank in a draft.
_DATE_LINE = DATE_LINE_KEY
_VV = VV_KEY  # on match_key text (same length as the text)
_DB_FIELD = PORTAL_FIELD_KEY
DOCUMENT_TYPES = ACT_TYPES
# "Ngày 20/10/2022, Ủy ban nhân dân tỉnh X ban hành Chỉ thị số 10/CT-UBND" (news pages).
_ANNOUNCE = re.compile(
    r"(?:^|\n)\s*ngay\s+(?P<date>\d{1,2}/\d{1,2}/\d{4}),?\s*(?P<issuer>[^\n]{3,120}?)\s+"
    r"(?:da\s+)?ban hanh\s+(?P<type>[a-z ]{3,25}?)\s+(?:so\s+)?(?=\d)"
)
_PERSON = PERSON_NAME

# --------------------------------------------------------------------------- issuer names

_ORGAN_SHORT = [(match_key(full), short) for full, short in ORGAN_FORMS.items()]
_SURNAMES = {match_key(name) for name in SURNAMES}


def format_issuer(lines: list[str]) -> str | None:
    """Issuing body from its header lines, parent organ first (corpus.header.format_organs).

    >>> format_issuer(["ỦY BAN NHÂN DÂN", "QUẬN KIẾN AN"])
    'UBND quận Kiến An'
    >>> format_issuer(["UBND TỈNH AN GIANG", "SỞ Y TẾ"])
    'Sở Y tế tỉnh An Giang'
    >>> format_issuer(["SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH BÀ RỊA - VŨNG TÀU"])
    'Sở Giáo dục và Đào tạo tỉnh Bà Rịa - Vũng Tàu'
    """
    return format_organs(organ_lines([line for line in lines if line.strip()]))


# --------------------------------------------------------------------------- helpers


def _lines_of(text: str, node: Node) -> list[str]:
    return [line.strip() for line in text[node.start : node.end].split("\n") if line.strip()]


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _child(root: Node, kind: str) -> Node | None:
    return next((c for c in root.children if c.kind == kind), None)


def _db_box(lines: list[str]) -> dict[str, str]:
    """Fields of a legal-database box; several fields may share a line."""
    fields: dict[str, str] = {}
    for line in lines:
        key = match_key(line)
        matches = list(_DB_FIELD.finditer(key))
        if not matches or matches[0].start() != 0:
            continue
        for match, following in zip(matches, matches[1:] + [None]):
            value = line[match.end() : following.start() if following else len(line)].strip()
            fields.setdefault(match.group(1), value)
    return fields


# --------------------------------------------------------------------------- record


def extract_record(doc_id: str, source: str, text: str, root: Node, with_cites: bool = True,
                   portal: dict[str, str] | None = None) -> DocumentRecord:
    """The record of one cleaned text; ``with_cites=False`` skips the references (header facts only).
    ``portal``: the page's metadata table as corpus.cleaning.extract_portal_table gives it (cleaning
    removes it from the text); used only to fill gaps and to fill ``record.cross_check``.

    The header is read as a layout (corpus.header); the structure tree's header node, the
    portal's metadata table and the body fill only what the header leaves open.
    """
    header = _child(root, "header")
    header_lines = _lines_of(text, header) if header else []
    inline_box = _db_box(header_lines)  # "Số hiệu: … Loại văn bản: …" on one line
    box = _portal_fields(portal) or _portal_table(text) or (inline_box if len(inline_box) >= 3 else {})
    record = DocumentRecord(doc_id=doc_id, source=source, title="", type="", number=None, date=None,
                            issuer=None, place=None, signer=None, signer_title=None)
    facts = read_header(text)
    consolidated = read_vbhn_block(text)
    signature_from = facts.end if facts and facts.end > 0 else 0
    signature = read_signature(text, signature_from)
    if consolidated is not None and consolidated[0].number:
        closing, closing_signature = consolidated
        facts = _merge_facts(closing, facts)
        signature = closing_signature or signature
    own_code = None
    if facts is not None:
        record.number, own_code, record.date, record.place = facts.number, facts.number_code, facts.date, facts.place
        record.issuer = facts.issuer
    if record.number is None and own_code is None:
        own_code = _header_number(record, header_lines, {})
    if record.date is None:
        _header_date(record, header_lines, {})
    if record.date is None:
        record.date = _adoption_date(text)
    if record.issuer is None and facts is None:
        record.issuer = format_issuer(_issuer_lines(header_lines))
    title_node = next((c for c in header.children if c.kind == "title"), None) if header else None
    record.type = _type_of_facts(facts, record.number or own_code) or _type_of(title_node, text, record.number, own_code, {})
    record.title = (facts.title if facts else "") or _title_of(title_node, text)
    if signature is not None:
        record.signer = signature.signer
        record.signer_title = " / ".join(signature.capacity) or None
    else:
        _signature(record, text, root, {})
    if record.type in ("", "Bài viết") and not record.number:
        _announced_act(record, text, root)
    _cross_check(record, box)
    if not record.type:
        record.type = "Bài viết"
    if record.issuer is None:
        record.issuer = _issuer_from_code(record.number or own_code, record.place) or _infer_issuer(
            text, record.signer_title, own_code, box)
    if not record.title:
        first = text.strip().split("\n", 1)[0]
        record.title = _collapse(first)[:200]
    record.recipients = _recipients(text, root)
    record.cites = _cites(text, root, record.number) if with_cites else []
    return record


def _adoption_date(text: str) -> str | None:
    """ "… thông qua ngày 16 tháng 6 năm 2025": the date of a law or resolution printed without a date line."""
    found = None
    for found in ADOPTION_DATE_KEY.finditer(match_key(text)):
        pass
    if found is None:
        return None
    day, month, year = int(found.group("day")), int(found.group("month")), found.group("year")
    return f"{year}-{month:02d}-{day:02d}" if 1 <= day <= 31 and 1 <= month <= 12 else None


def _merge_facts(closing: HeaderFacts, top: HeaderFacts | None) -> HeaderFacts:
    """A consolidated text: number, date and issuer from its closing block, the title from the top."""
    if top is not None:
        closing.title = top.title or closing.title
        closing.issuer = closing.issuer or top.issuer
        closing.end = top.end
    return closing


def _type_of_facts(facts: HeaderFacts | None, number: str | None) -> str:
    code_type = type_from_code(number) if number else None
    if code_type == "Văn bản hợp nhất" or (facts is not None and facts.type == "Văn bản hợp nhất"):
        return "Văn bản hợp nhất"  # a consolidated text keeps the type line of the act it consolidates
    if facts is not None and facts.type:
        return facts.type
    if facts is not None and facts.subject_line:
        return "Công văn"  # no type title, a "V/v" subject: an official letter, whatever its number's codes
    return code_type or ""


def _issuer_from_code(number: str | None, place: str | None) -> str | None:
    """ "158/2025/NĐ-CP" -> "Chính phủ": the issuer code after the type code, for a header without its organ."""
    if not number:
        return None
    tail = re.split(r"[-/]", number)[-1]
    tail = re.sub(r"\d+$", "", tail)
    for code, name in ISSUER_ABBREVIATIONS.items():
        if number_key(code) == number_key(tail):
            if name in ORGAN_FORMS:
                return None  # "UBND": which one the code does not say
            return name
    return None


def _portal_fields(portal: dict[str, str] | None) -> dict[str, str]:
    """{"Số hiệu": …} as printed -> {"so hieu": …}; empty unless it has three fields."""
    fields = {}
    for label, value in (portal or {}).items():
        found = PORTAL_FIELD_KEY.match(match_key(label.strip(" *") + ":"))
        if found:
            fields.setdefault(found.group(1), value.strip())
    return fields if len(fields) >= 3 else {}


def _portal_table(text: str) -> dict[str, str]:
    """The legal-database page's own metadata table ("Số hiệu:" / value on the next line), if any.

    A table has at least three of its fields; a lone "Người ký:" is a gazette signature stamp.
    """
    fields: dict[str, str] = {}
    lines = [line.strip(" *|#") for line in text.split("\n")[:200]]
    for i, line in enumerate(lines):
        found = PORTAL_FIELD_KEY.match(match_key(line))
        if not found:
            continue
        value = line[found.end():].strip()
        for following in lines[i + 1 : i + 4] if not value else []:
            if PORTAL_FIELD_KEY.match(match_key(following)):
                break  # the next label: this field was left empty
            if following:
                value = following
                break
        fields.setdefault(found.group(1), value)
    return fields if len(fields) >= 3 else {}


def _cross_check(record: DocumentRecord, box: dict[str, str]) -> None:
    """Compare with the portal table: fill only what the document left open, note every disagreement
    in ``record.cross_check`` (the document wins where both speak)."""
    if not box:
        return
    number = ACT_NUMBER.search(box.get("so hieu", ""))
    box_number = normalize_number(number.group(0)) if number else None
    box_date = re.match(r"(\d{1,2})/(\d{1,2})/(\d{4})", box.get("ngay ban hanh", ""))
    box_iso = f"{box_date.group(3)}-{int(box_date.group(2)):02d}-{int(box_date.group(1)):02d}" if box_date else None
    box_type = box.get("loai van ban", "").strip() or None
    box_signer = box.get("nguoi ky", "").strip() or None
    pairs = [("number", record.number, box_number, number_key), ("date", record.date, box_iso, str),
             ("type", record.type or None, box_type, match_key), ("signer", record.signer, box_signer, tone_key)]
    for name, own, theirs, key in pairs:
        if own and theirs and key(own) != key(theirs):
            record.cross_check.append(f"{name}: văn bản {own!r}, bảng thuộc tính {theirs!r}")
    record.number = record.number or box_number
    record.date = record.date or box_iso
    record.type = record.type or (box_type or "")


def _header_number(record: DocumentRecord, lines: list[str], box: dict[str, str]) -> str | None:
    """Sets record.number; returns the number's code even when the number is blank."""
    for line in lines:
        found = _NUMBER_LINE.match(match_key(line))
        if not found:
            continue
        rest = line[found.end() :].strip()
        number = ACT_NUMBER.search(rest)
        if number:
            record.number = normalize_number(number.group(0))
            return record.number
        blank = re.match(r"^[._\s]*(/\s*[A-Za-zĐđ][A-Za-zĐđ0-9/-]*)", rest)  # "Số: /UBND-YT"
        return re.sub(r"\s+", "", blank.group(1)) if blank else None
    number = ACT_NUMBER.search(box.get("so hieu", ""))
    if number:
        record.number = normalize_number(number.group(0))
    return record.number


def _header_date(record: DocumentRecord, lines: list[str], box: dict[str, str]) -> None:
    for line in lines:
        found = _DATE_LINE.match(match_key(line))
        if found:
            record.place = _collapse(line[: len(found.group("place"))])
            year, month, day = found.group("year"), found.group("month"), found.group("day")
            if month and 1 <= int(month) <= 12:
                record.date = f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day and 1 <= int(day) <= 31 else "")
            else:
                record.date = year
            return
    box_date = re.match(r"(\d{1,2})/(\d{1,2})/(\d{4})", box.get("ngay ban hanh", ""))
    if box_date:
        record.date = f"{box_date.group(3)}-{int(box_date.group(2)):02d}-{int(box_date.group(1)):02d}"


def _issuer_lines(lines: list[str]) -> list[str]:
    """Upper-case lines of the issuing body: before "Số:", without the quốc hiệu."""
    found = []
    for line in lines:
        key = match_key(line)
        if _NUMBER_LINE.match(key) or _DATE_LINE.match(key) or _VV.match(key):
            break
        if _DB_FIELD.match(key) or re.fullmatch(r"[-_=*.~–—\s]+", line):
            continue
        line = _strip_quoc_hieu(line)
        if not line or not _is_upper(line):
            continue
        if match_key(line).rstrip(" :") in DOCUMENT_TYPES:
            break
        found.append(line)
    return found


def _strip_quoc_hieu(line: str) -> str:
    key = match_key(line)
    for match in reversed(list(_QUOC_HIEU.finditer(key))):
        line = line[: match.start()] + line[match.end() :]
    return line.strip(" -–")


def _type_of(title_node: Node | None, text: str, number: str | None, own_code: str | None, box: dict[str, str]) -> str:
    if title_node is not None:
        first = text[title_node.start : title_node.end].split("\n", 1)[0].strip()
        key = match_key(first).rstrip(" :")
        if key in DOCUMENT_TYPES and _is_upper(first):
            return DOCUMENT_TYPES[key]
    code = number or own_code
    if code and type_from_code(code):
        return type_from_code(code)
    if title_node is not None and _VV.match(match_key(text[title_node.start : title_node.end])):
        return "Công văn"
    if box.get("loai van ban"):
        return box["loai van ban"].strip()
    return ""


def _title_of(title_node: Node | None, text: str) -> str:
    if title_node is None:
        return ""
    lines = [l.strip() for l in text[title_node.start : title_node.end].split("\n") if l.strip()]
    if not lines:
        return ""
    key = match_key(lines[0]).rstrip(" :")
    if key in DOCUMENT_TYPES and _is_upper(lines[0]):
        return _collapse(" ".join(lines[1:]))
    vv = _VV.match(match_key(lines[0]))
    if vv:
        return _collapse(" ".join([lines[0][vv.end() :]] + lines[1:]))
    return _collapse(" ".join(lines))


def _signature(record: DocumentRecord, text: str, root: Node, box: dict[str, str]) -> None:
    node = _child(root, "signature")
    if node is not None:
        lines = _lines_of(text, node)
        capacity = [CAPACITY_PREFIX.sub(lambda m: f"{m.group(1)}. ", l) for l in lines if _is_upper(l)]
        names = [l for l in lines if _PERSON.match(l) and not _is_upper(l)]
        record.signer_title = " / ".join(capacity) or None
        record.signer = names[-1] if names else None
    if record.signer is None and box.get("nguoi ky"):
        record.signer = box["nguoi ky"].strip()


def _announced_act(record: DocumentRecord, text: str, root: Node) -> None:
    """A news page whose first paragraph announces the act it reproduces."""
    start = next((c.start for c in root.children if c.kind != "header"), 0)
    window = text[start : start + 800]
    key = match_key(window)
    found = _ANNOUNCE.search(key)
    if not found:
        return
    act_type = next((DOCUMENT_TYPES[k] for k in sorted(DOCUMENT_TYPES, key=len, reverse=True)
                     if found.group("type").strip() == k), None)
    number = ACT_NUMBER.match(window, found.end())
    if act_type is None or number is None:
        return
    day, month, year = found.group("date").split("/")
    record.type = act_type
    record.number = normalize_number(number.group(0))
    record.date = f"{year}-{int(month):02d}-{int(day):02d}"
    issuer = window[found.start("issuer") : found.end("issuer")]
    record.issuer = record.issuer or _normalize_prose_issuer(issuer)


def _normalize_prose_issuer(issuer: str) -> str:
    """ "Ủy ban nhân dân tỉnh Thừa Thiên Huế" -> "UBND tỉnh Thừa Thiên Huế"."""
    issuer = _collapse(issuer).strip(" ,")
    key = match_key(issuer)
    for name, short in _ORGAN_SHORT:
        if key.startswith(name + " ") or key == name:
            return short + issuer[len(name) :]
    return issuer


# --------------------------------------------------------------------------- inferred issuer

# The head of an organ, as printed in a signature, and the organs such a head leads.
_HEADS = [
    ("giam doc", ["Sở", "Bệnh viện", "Trung tâm"]),
    ("chu tich", ["UBND"]),
    ("bo truong", ["Bộ"]),
    ("cuc truong", ["Cục"]),
    ("vien truong", ["Viện"]),
]
_PROVINCE = re.compile(rf"(?<!\w)(tỉnh|thành phố)\s+((?:[{VI_UPPER}][^\s,;.()]*)(?:\s+[{VI_UPPER}][^\s,;.()]*){{0,3}})")


def _infer_issuer(text: str, signer_title: str | None, own_code: str | None, box: dict[str, str]) -> str | None:
    """Issuer of a document printed without its issuing-body block."""
    province = _dominant_province(text)
    organ = None
    capacity = match_key(signer_title or "")
    for head, categories in _HEADS:
        if head in capacity:
            organ = _organ_named_after(text, head, categories)
            break
    if organ is None and own_code and "UBND" in own_code.upper():
        organ = "UBND"
    if organ is None and box.get("noi ban hanh"):
        return box["noi ban hanh"]
    if organ is None:
        return None
    return f"{organ} {province}" if province else organ


def _dominant_province(text: str) -> str | None:
    counts: Counter[str] = Counter()
    for match in _PROVINCE.finditer(text):
        name = match.group(2)
        if match_key(name.split()[0]) in _SURNAMES and match.group(1) == "tỉnh":
            continue  # "Phó Chủ tịch UBND tỉnh Nguyễn Sơn Hùng": a person, not a province
        counts[f"{match.group(1)} {name}"] += 1
    if not counts:
        return None
    best, count = counts.most_common(1)[0]
    return best if count >= 2 and count >= 0.6 * sum(counts.values()) else None


def _organ_named_after(text: str, head: str, categories: list[str]) -> str | None:
    """ "Giám đốc Sở Y tế chỉ đạo…" -> "Sở Y tế" (the name is the part every mention shares)."""
    if categories == ["UBND"]:
        return "UBND"
    key = match_key(text)
    for category in categories:
        mention = re.search(rf"{head}\s+({match_key(category)})\s+", key)
        if mention:
            return _shared_name(text, category, mention.start(1))
    return None


def _shared_name(text: str, category: str, at: int) -> str:
    def words_after(pos: int) -> list[str]:
        words = []
        for word in text[pos + len(category) : pos + len(category) + 80].split()[:6]:
            clean = word.rstrip(",;.:)(")
            words.append(clean)
            if clean != word:
                break
        return words

    target = words_after(at)
    others = [words_after(m.start()) for m in re.finditer(rf"(?<!\w){re.escape(category)}\s", text)]
    best = 1
    for size in range(1, len(target) + 1):
        shared = sum(1 for words in others if words[:size] == target[:size])
        if shared >= 2 and shared >= 0.5 * sum(1 for words in others if words[:1] == target[:1]):
            best = size
    return " ".join([category] + target[:best])


# --------------------------------------------------------------------------- recipients, cites


def _recipients(text: str, root: Node) -> list[str]:
    nodes = [n for n in iter_nodes(root) if n.kind == "recipients"]
    found: list[str] = []
    for node in nodes:
        for line in _lines_of(text, node):
            line = re.sub(r"^(?:kính gửi|nơi nhận)\s*:?\s*", "", line, flags=re.IGNORECASE)
            line = re.sub(r"^[-+•–]\s*", "", line).strip().rstrip(";,.").strip()
            if line:
                found.append(line)
    return found


def _cites(text: str, root: Node, own_number: str | None) -> list[ActReference]:
    own = number_key(own_number) if own_number else None
    kept: dict[tuple[str, str], ActReference] = {}
    for ref in find_act_references(text, heading_at_function(root, text)):
        if own and ref.number_key == own:
            continue
        key = (ref.number_key or ref.name or "", ref.sentence)
        if key in kept:  # same act twice in one sentence ("… (sau đây gọi tắt là Chỉ thị số 25-CT/TW)")
            first = kept[key]
            first.date = first.date or ref.date
            first.issuer = first.issuer or ref.issuer
            first.name = first.name or ref.name
            continue
        kept[key] = ref
    return list(kept.values())

"""Reading the header of an administrative text as a layout, the way a clerk does.

A Vietnamese administrative header (Nghị định 30/2020/NĐ-CP) has two columns side by side:
the issuing body (left) above "Số: …", and the Quốc hiệu with its Tiêu ngữ (right) above
the place and date line; the type title ("QUYẾT ĐỊNH") and the trích yếu follow.  Once
flattened to text the columns come in any order: one after the other, interleaved, as
``|`` table cells on one line, with names wrapped anywhere ("ỦY BAN NHÂN" / "DÂN"),
doubled ("CHÍNH PHỦ" / "CHÍNH PHỦ") and "Số:" or the date split over lines.  This module
cuts the header into *segments* (lines split at ``|`` and rule lines), blanks what it
recognises — Quốc hiệu, Tiêu ngữ, "Số:" + number, the place/date phrase, gazette
chrome — and reads the issuing body from the upper-case remainder.

It also reads the signature block (capacity lines, then the name) and the closing
"XÁC THỰC VĂN BẢN HỢP NHẤT" block of a consolidated text.

>>> facts = read_header("ỦY BAN NHÂN | CỘNG HÒA XÃ\\nDÂN TỈNH LAI CHÂU | HỘI CHỦ NGHĨA VIỆT NAM\\n"
...                     "Độc lập - Tự do - Hạnh phúc\\nSố:\\n87/2025/QĐ- UBND\\nLai Châu, ngày\\n"
...                     "19 tháng 11 năm 2025\\nQUYẾT ĐỊNH\\nBan hành quy định\\nCăn cứ Luật…")
>>> facts.issuer, facts.number, facts.date, facts.place, facts.type
('UBND tỉnh Lai Châu', '87/2025/QĐ-UBND', '2025-11-19', 'Lai Châu', 'Quyết định')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from corpus.acts import ACT_NUMBER, normalize_number
from corpus.lexicon import (
    ACT_TYPE_KEY,
    ACT_TYPES,
    APPENDIX_START_KEY,
    BODY_START_KEY,
    CAPACITY_PREFIX,
    GAZETTE_RUNNING_HEADER_KEY,
    GAZETTE_SECTION_KEY,
    KINH_GUI_KEY,
    KNOWN_ORGANS,
    NAME_RANKS,
    NOI_NHAN_KEY,
    NUMBER_LABEL_KEY,
    ORGAN_CATEGORIES,
    ORGAN_FORMS,
    ORGAN_STARTS,
    PERSON_NAME,
    POSITION_KEY,
    PROVINCES,
    SIGNED_MARK_KEY,
    UNITS,
    VBHN_BLOCK_KEY,
    VI_LOWER,
    VI_UPPER,
    VV_KEY,
)
from corpus.vietnamese import is_upper_text as _is_upper
from corpus.vietnamese import match_key, nfc

__all__ = ["HeaderFacts", "SignatureFacts", "format_organs", "organ_lines", "read_header", "read_signature", "read_vbhn_block"]


@dataclass
class HeaderFacts:
    """What a header block says; every field None/empty when it does not say it."""

    issuer: str | None = None
    issuer_lines: list[str] = field(default_factory=list)  # the organ lines as printed, parent first
    number: str | None = None
    number_code: str | None = None  # "/UBND-YT" when the running number is left blank
    date: str | None = None  # ISO, "YYYY-MM" when the day is blank
    place: str | None = None
    type: str | None = None  # from the type title line ("QUYẾT ĐỊNH")
    title: str = ""  # trích yếu, or the V/v subject of a letter
    subject_line: bool = False  # the title came from a "V/v" line
    start: int = -1  # character span of the header in the text
    end: int = -1


@dataclass
class SignatureFacts:
    signer: str | None
    capacity: list[str]
    start: int
    end: int


# --------------------------------------------------------------------------- segments

_RULE = re.compile(r"_{3,}|-{3,}|–{3,}|={3,}")
_QH_FLEX = re.compile(r"cong\s+hoa\s+xa\s+hoi\s+chu\s+nghia\s+viet\s*nam")
_MOTTO_FLEX = re.compile(r"doc\s+lap\s*[-–—]?\s*tu\s+do\s*[-–—]?\s*hanh\s+phuc")
# "Số:" — or, at a line's start, "Số" straight before an act number ("Số 87/2025/QĐ-UBND"): a converter or a
# scan may lose the colon, and a clerk still reads the number.
_BARE_NUMBER = r"\d[\d.]*\s*/\s*\w"  # the start of an act number straight after "Số" ("87/2025/QĐ-UBND")
_NUMBER_LABEL = re.compile(rf"{NUMBER_LABEL_KEY.pattern}|(?:(?<=\n)|(?<![\s\S]))[\W_]*so\s+(?={_BARE_NUMBER})")
_DATE_FLEX = re.compile(
    r"ngay[\s._…]*(?P<day>\d{1,2})?[\s._…]*thang[\s._…]*(?P<month>\d{1,2})?[\s._…]*nam\s*(?P<year>\d{4})"
)
# The place/date line in numeric form, "Hà Nội, ngày 19/11/2025": read only after the place's comma, so
# a date cited in the title ("… ngày 17/3/2015") is not taken for the document's own.
_NUMERIC_DATE = re.compile(r"(?<=,)\s*(?P<phrase>ngay\s*(?P<day>\d{1,2})\s*[/.-]\s*(?P<month>\d{1,2})\s*[/.-]\s*(?P<year>\d{4}))\b")
_VV = VV_KEY
_BODY_START = BODY_START_KEY
_PAGE_NUMBER = re.compile(r"^\d{1,4}$")
_FOOTNOTE = re.compile(r"(?<=[^\W\d_])\d{1,2}$")
_TYPE_KEYS = sorted(ACT_TYPES, key=len, reverse=True)


@dataclass
class _Segment:
    text: str
    start: int  # offset in the text
    end: int

    @property
    def key(self) -> str:
        return match_key(self.text)


def _pieces(raw: str, base: int) -> list[_Segment]:
    """One text line (or table cell) cut at rule lines, emphasis stripped."""
    out, pos = [], 0
    for cut in list(_RULE.finditer(raw)) + [None]:
        piece_end = cut.start() if cut else len(raw)
        piece = raw[pos:piece_end]
        stripped = piece.strip(" \t*_#")
        if stripped:
            offset = base + pos + piece.index(stripped)
            out.append(_Segment(stripped, offset, offset + len(stripped)))
        pos = cut.end() if cut else len(raw)
    return out


def _segments(text: str, start: int, end: int) -> list[_Segment]:
    """Segments of ``text[start:end]`` in reading order: rows of ``|`` cells are read column by column
    (the issuing-body column, then the Quốc hiệu column), other lines as they come."""
    out: list[_Segment] = []
    table: list[list[list[_Segment]]] = []  # rows of cells

    def flush() -> None:
        width = max((len(row) for row in table), default=0)
        for column in range(width):
            for row in table:
                if column < len(row):
                    out.extend(row[column])
        table.clear()

    for line in re.finditer(r"[^\n]+", text[start:end]):
        base = start + line.start()
        raw = line.group(0)
        if "|" not in raw:
            flush()
            out.extend(_pieces(raw, base))
            continue
        cells, pos = [], 0
        for cut in list(re.finditer(r"\|", raw)) + [None]:
            cell_end = cut.start() if cut else len(raw)
            cells.append(_pieces(raw[pos:cell_end], base + pos))
            pos = cut.end() if cut else len(raw)
        if table and len(cells) != len(table[-1]):
            flush()
        table.append(cells)
    flush()
    return out


def _type_title(segment: _Segment) -> tuple[str, str] | None:
    """(type, glued rest) when the segment is a type title: "QUYẾT ĐỊNH", "THÔNG TƯ1", "NGHỊ ĐỊNHQuy định…"."""
    text = segment.text.rstrip(" :")
    head = _FOOTNOTE.sub("", text).strip()
    if _is_upper(head) and match_key(head) in ACT_TYPES:
        return ACT_TYPES[match_key(head)], ""
    key = match_key(text)
    for type_key in _TYPE_KEYS:
        if key.startswith(type_key) and len(key) > len(type_key):
            head, rest = text[: len(type_key)], text[len(type_key):]
            if _is_upper(head) and re.match(rf"\d?[{VI_UPPER}][{VI_LOWER}]", rest):
                return ACT_TYPES[type_key], (rest[1:] if rest[:1].isdigit() else rest)  # "THÔNG TƯ1Quy định"
    return None


def _type_title_at(segments: list[_Segment], i: int) -> tuple[str, str, int] | None:
    """(type, glued rest, segments used) of a type title at ``segments[i]``, also when wrapped
    over two lines ("QUYẾT" / "ĐỊNH", "THÔNG" / "TƯ")."""
    found = _type_title(segments[i])
    if found:
        return found[0], found[1], 1
    if i + 1 < len(segments) and _is_upper(segments[i].text) and len(segments[i].text.split()) == 1:
        pair = _Segment(f"{segments[i].text} {segments[i + 1].text}", segments[i].start, segments[i + 1].end)
        found = _type_title(pair)
        if found and not found[1]:
            return found[0], "", 2
    return None


def _is_chrome(segment: _Segment) -> bool:
    key = segment.key
    return bool(GAZETTE_RUNNING_HEADER_KEY.match(key) or _PAGE_NUMBER.match(key))


# --------------------------------------------------------------------------- locating the header


def _anchor_limit(text: str) -> int:
    """Offset of the first annex/form or "Nơi nhận": a Quốc hiệu after it is not the header."""
    for line in re.finditer(r"[^\n]+", text):
        key = match_key(line.group(0).strip(" *#|"))
        if APPENDIX_START_KEY.match(key) or NOI_NHAN_KEY.match(key):
            return line.start()
    return len(text)


# "Số: 15/2025/QĐ-UBND", "Số:" / "15/…", or "Số 15/2025/QĐ-UBND" with the colon lost (the number read by
# _NUMBER_LABEL the same way): without a Quốc hiệu, the number line is where the header is.
_NUMBER_LINE_ANCHOR = re.compile(rf"(?m)^[\W_]*so(?:\s*:\s*\n?[\W_]*\d|\s+{_BARE_NUMBER})")
# The body's first line: the preamble citing an act as its legal basis ("Căn cứ Luật …", "Căn cứ Nghị định …")
# or "Điều 1" — not a site summary's prose that happens to open with "Căn cứ tại Mục A …".
_BODY_LINE = re.compile(r"(?m)^[\W_]*(?:can cu\s+(?:hien phap|bo luat|luat|phap lenh|nghi dinh|nghi quyet|quyet dinh|"
                        r"thong tu|chi thi)\b|dieu 1\b)")


def _heading_match(pattern: re.Pattern, key: str, text: str) -> re.Match | None:
    """First match of the Quốc hiệu (or Tiêu ngữ) printed as a heading, not inside a sentence: no lower-case
    word straight before it on its line ("… Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam" is prose;
    "CHÍNH PHỦ Số: 170/2025/NĐ-CP | CỘNG HÒA …" is a flattened header)."""
    for found in pattern.finditer(key):
        line_start = text.rfind("\n", 0, found.start()) + 1
        before = text[line_start:found.start()].split()
        if not before or not any(ch.islower() for ch in before[-1]):
            return found
    return None


def _find_anchor(text: str, limit: int) -> tuple[int, int] | None:
    """Span of the Quốc hiệu (and Tiêu ngữ); without them, of the first "Số:" line before the body."""
    key = match_key(text[:limit])
    found = _heading_match(_QH_FLEX, key, text) or _heading_match(_MOTTO_FLEX, key, text)
    body = _BODY_LINE.search(key)
    if not found or (body and body.start() < found.start()):
        # No Quốc hiệu, or only one after the body has begun ("Căn cứ …", "Điều 1"): that one heads an
        # annexed form, and the document's own header is its number line before the body.
        number = _NUMBER_LINE_ANCHOR.search(key, 0, body.start() if body else len(key))
        if number or not found:
            return (number.start(), number.start()) if number else None
    motto = _MOTTO_FLEX.search(key, found.start())
    return found.start(), (motto.end() if motto and motto.start() - found.end() < 400 else found.end())


def _header_like(segment: _Segment) -> bool:
    key = segment.key
    if _is_chrome(segment) or _is_upper(segment.text) or _NUMBER_LABEL.match(key):
        return True
    if ACT_NUMBER.fullmatch(re.sub(r"\s+", "", segment.text)) or _date_phrase(key):
        return True
    return bool(re.fullmatch(r"[\W\d_]*", segment.text))


# --------------------------------------------------------------------------- reading


def read_header(text: str, start: int = 0, end: int | None = None) -> HeaderFacts | None:
    """Facts of the header block of ``text``, anchored on its Quốc hiệu (or, without one, on the first
    "Số:" line before the body); None when neither comes before the first annex, form or "Nơi nhận"."""
    end = len(text) if end is None else end
    limit = min(end, _anchor_limit(text[start:end]) + start) if end > start else end
    anchor = _find_anchor(text[start:limit], limit - start)
    if anchor is None:
        return None
    qh_start, qh_end = anchor[0] + start, anchor[1] + start
    before = _segments(text, max(start, qh_start - 600), qh_start)
    back = len(before)
    while back > 0 and len(before) - back < 14 and _header_like(before[back - 1]):
        back -= 1
    after = _segments(text, qh_end, min(end, qh_end + 2500))
    segments = before[back:] + [s for s in _segments(text, qh_start, qh_end)] + after[:40]
    facts = _read_block(text, segments)
    if facts.number is None and _blank_number(segments[: _block_end(segments)[0]]):
        # A blank form ("Số: ……/BB-……", "TÊN CƠ QUAN") is no act's header: a clerk reads on to the
        # next Quốc hiệu (a gazette page may open with the previous act's last annex form).
        later = read_header(text, max(qh_end, facts.end), end)
        if later is not None:
            return later
    return facts


_FILLER = re.compile(r"[.…_]{2,}|…|^\s*/")


def _blank_number(block: list[_Segment]) -> bool:
    """True when the block's "Số:" is printed with no number: dots, "……" or underscores where the
    digits go ("Số: ……/BB-……", "Số:.../TB-...", "Số: .../ -TTPVHCC"), as a blank form prints it."""
    for i, segment in enumerate(block):
        label = _NUMBER_LABEL.match(segment.key)
        if not label:
            continue
        value = segment.text[label.end():]  # match_key keeps the text's length
        if not value.strip() and i + 1 < len(block):
            value = block[i + 1].text  # "Số:" / "……/BB-……" on two lines
        return not re.search(r"\d", value) and bool(_FILLER.search(value))
    return False


_DATE_PIECE = re.compile(r",\s*ngay\b|^ngay\b|\bthang\s*\d|\bnam\s*\d{4}")


def _block_end(segments: list[_Segment]) -> tuple[int, int | None]:
    """(end of the header block, index of the type title or None)."""
    seen_date = in_subject = False
    for i, segment in enumerate(segments):
        if _type_title_at(segments, i):
            return i, i
        key, words, upper = segment.key, len(segment.text.split()), _is_upper(segment.text)
        if KINH_GUI_KEY.match(_joined_key(segments, i)):
            return i, None
        if _VV.match(key):
            in_subject = True
            continue
        if _DATE_PIECE.search(key):
            seen_date, in_subject = True, False
            continue
        if segment.text[:1].islower():
            continue  # a wrapped line ("V/v" / "đề xuất biên chế…"): no body sentence starts in lower case
        if not upper and _BODY_START.match(_joined_key(segments, i)):
            return i, None
        if not upper and words > 25:
            return i, None
        if in_subject and not upper:
            continue  # the V/v subject wraps over lines
        if seen_date and not upper and words >= 6:
            return i, None
    return len(segments), None


def _read_block(text: str, segments: list[_Segment]) -> HeaderFacts:
    facts = HeaderFacts(start=segments[0].start if segments else -1)
    stop, type_at = _block_end(segments)
    block = segments[:stop]
    joined, offsets = _join(block)
    blanked, date_at = _blank_known(joined, facts)
    blanked = _read_place(blanked, date_at, facts)
    remainder = _remainder_segments(blanked, offsets)
    subject_at = next((i for i, s in enumerate(remainder) if _VV.match(s.key) or (
        s.key.startswith("ve ") and not _is_upper(s.text))), None)
    if subject_at is not None:
        date_start = _offsets_start(offsets, date_at)
        facts.title, facts.subject_line = _subject(remainder[subject_at:], date_start), True
    issuer_segments = []
    for segment in remainder[:subject_at]:
        if _is_upper(segment.text) and not _is_chrome(segment):
            issuer_segments.append(segment.text)
    facts.issuer_lines = organ_lines(_undouble(_drop_sections(issuer_segments)))
    facts.issuer = format_organs(facts.issuer_lines)
    if type_at is not None:
        facts.type, glued, used = _type_title_at(segments, type_at)
        facts.title = _trich_yeu(segments[type_at + used :], glued, facts.issuer_lines) or facts.title
        facts.end = segments[type_at + used - 1].end
    elif block:
        facts.end = block[-1].end
    return facts


def _offsets_start(offsets: list[tuple[int, _Segment]], at: int) -> int | None:
    """Text offset of the segment holding joined position ``at`` (None when ``at`` < 0)."""
    if at < 0:
        return None
    holder = None
    for pos, segment in offsets:
        if pos <= at:
            holder = segment
    return holder.start if holder else None


def _join(block: list[_Segment]) -> tuple[str, list[tuple[int, _Segment]]]:
    parts, offsets, pos = [], [], 0
    for segment in block:
        offsets.append((pos, segment))
        parts.append(segment.text)
        pos += len(segment.text) + 1
    return "\n".join(parts), offsets


def _date_phrase(key: str) -> tuple[int, int, str, str | None, str | None] | None:
    """(start, end, year, month, day) of the first date phrase of a header key: "ngày 19 tháng 11 năm
    2025" (blanks allowed) or the numeric "…, ngày 19/11/2025" of a place/date line."""
    found = []
    worded = _DATE_FLEX.search(key)
    if worded:
        found.append((worded.start(), worded.end(), worded.group("year"), worded.group("month"), worded.group("day")))
    numeric = _NUMERIC_DATE.search(key)
    if numeric:
        found.append((numeric.start("phrase"), numeric.end("phrase"), numeric.group("year"), numeric.group("month"),
                      numeric.group("day")))
    return min(found) if found else None


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def _blank_known(joined: str, facts: HeaderFacts) -> tuple[str, int]:
    """Blanks Quốc hiệu, Tiêu ngữ, "Số:" + number and the date phrase; (blanked text, date offset or -1)."""
    key = match_key(joined)
    blanked = joined
    for pattern in (_QH_FLEX, _MOTTO_FLEX):
        for found in pattern.finditer(key):
            blanked = _blank(blanked, found.start(), found.end())
    for label in _NUMBER_LABEL.finditer(key):
        if label.start() > 0 and key[label.start() - 1] not in "\n ":
            continue
        rest = joined[label.end() : label.end() + 60]
        compact = re.sub(r"\s*([/-])\s*", r"\1", rest.split("\n")[0] if rest.split("\n")[0].strip() else rest.lstrip("\n").split("\n")[0])
        number = ACT_NUMBER.match(compact.strip())
        line_end = joined.find("\n", label.end() + (len(rest) - len(rest.lstrip("\n"))))
        line_end = len(joined) if line_end < 0 else line_end
        if number and facts.number is None:
            facts.number = normalize_number(number.group(0))
            facts.number_code = facts.number
            blanked = _blank(blanked, label.start(), line_end)
        elif facts.number is None and facts.number_code is None:
            code = re.match(r"^[._\s…]*(/\s*[A-Za-zĐđ][A-Za-zĐđ0-9/-]*)", rest)
            if code:
                facts.number_code = re.sub(r"\s+", "", code.group(1))
                blanked = _blank(blanked, label.start(), line_end)
        break
    date = _date_phrase(key)
    if date:
        start, end, year, month, day = date
        if month and 1 <= int(month) <= 12:
            facts.date = f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day and 1 <= int(day) <= 31 else "")
        else:
            facts.date = year
        blanked = _blank(blanked, start, end)
        return blanked, start
    return blanked, -1


def _read_place(joined: str, date_at: int, facts: HeaderFacts) -> str:
    """Sets facts.place from the words before ", ngày …" (they may wrap: "Tây" / "Ninh, ngày"); returns the
    joined text with the place blanked too."""
    if date_at < 0:
        return joined
    before = joined[:date_at].rstrip()
    if not before.endswith(","):
        return joined
    line_start = before.rfind("\n") + 1
    place_start = line_start
    place = before[line_start:-1].strip(" *")
    if line_start > 0 and len(place.split()) == 1:
        prev_start = before.rfind("\n", 0, line_start - 1) + 1
        previous = before[prev_start : line_start - 1].strip(" *")
        if previous and len(previous.split()) <= 5 and not _is_upper(previous) and not re.search(r"[\d.;:,)]$", previous) \
                and previous[:1].isupper() and not _VV.match(match_key(previous)):
            place, place_start = f"{previous} {place}", prev_start
    place = " ".join(place.split())
    if place and len(place.split()) <= 6 and not re.search(r"\d", place):
        facts.place = place
        return _blank(joined, place_start, len(before))
    return joined


_QH_WORDS = "cong hoa xa hoi chu nghia viet nam".split()


def _drop_quoc_hieu_runs(text: str) -> str:
    """Pieces of the Quốc hiệu left when the issuer column was interleaved into it word by word
    ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI" / "TỈNH X CHỦ NGHĨA VIỆT NAM"): runs of its words in order,
    three or more, or two starting it ("CỘNG HÒA"); "XÃ HỘI" of "… Thương binh và Xã hội" stays."""
    words = text.split()
    keys = [match_key(w).strip(",.") for w in words]
    keep = [True] * len(words)
    i = 0
    while i < len(words):
        best = 0
        for start in range(len(_QH_WORDS)):
            run = 0
            while i + run < len(words) and start + run < len(_QH_WORDS) and keys[i + run] == _QH_WORDS[start + run]:
                run += 1
            if run >= 3 or (run == 2 and start == 0):
                best = max(best, run)
        if best:
            keep[i : i + best] = [False] * best
            i += best
        else:
            i += 1
    return " ".join(w for w, k in zip(words, keep) if k)


def _remainder_segments(blanked: str, offsets: list[tuple[int, _Segment]]) -> list[_Segment]:
    """What is left of each segment once the known parts are blanked."""
    out = []
    for pos, segment in offsets:
        piece = blanked[pos : pos + len(segment.text)]
        stripped = _drop_quoc_hieu_runs(" ".join(piece.split()).strip(" *").lstrip(", "))
        if len([c for c in stripped if c.isalpha()]) >= 2:
            out.append(_Segment(stripped, segment.start, segment.end))
    return out


def _subject(remainder: list[_Segment], date_start: int | None = None) -> str:
    """The V/v subject: the "V/v" (or "Về …") segment and the lines that continue it."""
    parts = [re.sub(r"^(?:[Vv]/[Vv]|[Vv]ề việc|VỀ VIỆC)\s*:?\s*", "", remainder[0].text)]
    for i, segment in enumerate(remainder[1:5], 1):
        key = segment.key
        if KINH_GUI_KEY.match(_joined_key(remainder, i)) or _date_phrase(key) or re.search(r",\s*ngay\b", key):
            break
        if date_start is not None and segment.start > date_start:
            break  # the subject sits above the place/date line
        if _is_upper(segment.text) and parts[0] and len(segment.text.split()) > 2:
            break  # an organ line, not a wrapped abbreviation ("GTGT")
        if parts[0] and segment.text[:1].isupper() and len(segment.text.split()) > 6:
            break
        parts.append(segment.text)
    return " ".join(" ".join(parts).split()).strip(" *")


_AUTHORITY = re.compile(
    r"^(?:(?:kt|tm|q)\.?\s+)?(?:bo truong|thu tuong|chu tich|giam doc|cuc truong|tong cuc truong|vien truong|"
    r"chanh an|truong ban|chu nhiem|tong giam doc|hieu truong)\b"
)
_CITED_OPENING = re.compile(rf"^(?:{ACT_TYPE_KEY.pattern})(?:\s+[^\d\s]+){{0,8}}\s+so\s*\d")


def _joined_key(segments: list[_Segment], i: int) -> str:
    """Key of a segment and the next one: "Kính" / "gửi:", "*Căn" / "cứ Luật…" wrap anywhere."""
    return segments[i].key + (" " + segments[i + 1].key if i + 1 < len(segments) else "")


# Words a trích yếu cannot end on ("tiếp theo", "nêu trên" can): a line ending with one was wrapped, whatever
# the next line opens with
# ("… CỦA" / "BỘ TƯ PHÁP", "… ỦY QUYỀN CHO" / "GIÁM ĐỐC SỞ Y TẾ …", "… năm 2026 và" / "Nghị quyết số …").
_DANGLING = re.compile(r"(?:^|\s)(?:của|và|cho|về|với|tại|đến|các|những|thuộc|hoặc|giữa)$")
# … and words that end it only before their number: "đến năm" / "2045", "Nghị định số" / "46/2026/NĐ-CP".
_DANGLING_BEFORE_NUMBER = re.compile(r"(?:^|\s)(?:năm|số|ngày|tháng)$")


def _awaits_number(previous: str) -> bool:
    return bool(_DANGLING_BEFORE_NUMBER.search(nfc(previous).rstrip(" *").lower()))


def _wrapped_after(previous: str, text: str) -> bool:
    """Whether ``text`` goes on a trích yếu whose last line so far is ``previous`` because that line cannot
    end it (a preposition or conjunction, or a "năm"/"số" waiting for its number).

    >>> _wrapped_after("VỀ PHÂN CẤP QUẢN LÝ TỔ CHỨC CÁN BỘ CỦA", "BỘ TƯ PHÁP")
    True
    >>> _wrapped_after("Phê duyệt Đề án … đến năm 2030, tầm nhìn đến năm", "2045")
    True
    >>> _wrapped_after("KẾ HOẠCH KIỂM TRA HẰNG NĂM", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH")
    False
    >>> _wrapped_after("VỀ CHÍNH SÁCH HỖ TRỢ ĐẦU TƯ", "BỘ TRƯỞNG BỘ TÀI CHÍNH")
    False
    """
    return bool(_DANGLING.search(nfc(previous).rstrip(" *").lower())
                or (_awaits_number(previous) and text.lstrip(" *")[:1].isdigit()))


def _trich_yeu(segments: list[_Segment], glued: str, issuer_lines: list[str]) -> str:
    """The trích yếu after the type title: its lines up to the enacting authority, the first body
    line, or a change of case (an upper-case trích yếu followed by a sentence, or the reverse) — unless
    the line before cannot end it (:func:`_wrapped_after`)."""
    parts = [glued.strip()] if glued.strip() else []
    upper_title: bool | None = _is_upper(glued) if parts else None
    organ_keys = {_organ_key(line) for line in issuer_lines} | set(_KNOWN)
    for i, segment in enumerate(segments[:16]):
        text, key = segment.text, segment.key
        if not any(ch.isalnum() for ch in text):
            continue
        if _is_chrome(segment) and not (parts and _awaits_number(parts[-1]) and _PAGE_NUMBER.match(key)):
            continue  # a bare number is a page number, unless "đến năm" / "số" waits for it
        if parts and _wrapped_after(parts[-1], text) and not KINH_GUI_KEY.match(key):
            parts.append(text)  # an organ after "của", an authority after "cho", an act after "và"
            continue
        upper = _is_upper(text)
        joined = _joined_key(segments, i)
        if parts and text[:1].islower():
            parts.append(text)  # a wrapped line ("ngày 19 tháng 10 năm 2020 của Chính phủ …")
            continue
        if KINH_GUI_KEY.match(joined) or (not upper and _BODY_START.match(joined)):
            break
        if parts:
            if upper and (_AUTHORITY.match(joined) or _organ_key(text) in organ_keys):
                break  # "BỘ TRƯỞNG BỘ Y TẾ", "CHÍNH PHỦ": who enacts, not what
            if upper_title is not None and upper != upper_title and len(text.split()) > 1:
                break
            # A line opening with a cited act ("Nghị quyết số 12/…") starts the body, unless the trích yếu
            # is upper case and so is the line: "… BIỆN PHÁP THI HÀNH / NGHỊ QUYẾT SỐ 201/2025/QH15 …" is
            # the title wrapped before the act it names (the body is never printed in capitals).
            cited = _CITED_OPENING.match(key) and not (upper and upper_title)
            if cited or re.search(r"[.;:]$", parts[-1]) and not parts[-1].endswith(";"):
                break
        if upper_title is None:
            upper_title = upper
        parts.append(text)
    return " ".join(" ".join(parts).split()).strip(" *")


# --------------------------------------------------------------------------- the issuing body


def _drop_sections(lines: list[str]) -> list[str]:
    """Without gazette section labels ("VĂN BẢN QUY PHẠM PHÁP LUẬT", "VĂN BẢN HỢP NHẤT - ")."""
    out = []
    for line in lines:
        key = match_key(line)
        section = GAZETTE_SECTION_KEY.match(key)
        if section:
            rest = line[section.end():].strip(" -–")
            if rest and "hop nhat" in key[: section.end()]:
                out.append(rest)  # "VĂN BẢN HỢP NHẤT - BỘ Y TẾ": the consolidating body
            continue
        out.append(line)
    return out


def _undouble(lines: list[str]) -> list[str]:
    """ "CHÍNH PHỦ" / "CHÍNH PHỦ" -> once; the same words printed twice in any wrapping -> once."""
    words = [match_key(w) for line in lines for w in line.split()]
    half = len(words) // 2
    if len(words) % 2 == 0 and half and words[:half] == words[half:]:
        count = 0
        for i, line in enumerate(lines):
            count += len(line.split())
            if count == half:
                first, second = lines[: i + 1], lines[i + 1 :]
                return first if len(first) <= len(second) else second
    return lines


_COMPOUND_TAILS = {("uy", "ban"), ("van", "phong"), ("thu", "tuong"), ("hoi", "dong")}


def _starts_organ(previous: str, line: str) -> bool:
    key = match_key(line)
    prev_key = match_key(previous).rstrip()
    if not prev_key or prev_key.endswith((",", "-", "–", " va", " và")) or prev_key in ("va",):
        return False
    last = prev_key.split()[-1]
    first = key.split()[0] if key.split() else ""
    if (last, first) in _COMPOUND_TAILS or first in ("chinh",) and key.startswith("chinh phu") and last in (
            "tuong", "phong", "tra"):
        return False
    if _continues_known(previous, line):
        return False  # "BỘ NÔNG NGHIỆP VÀ MÔI" / "TRƯỜNG": a known name wrapped inside a compound
    return any(key == start or key.startswith(start + " ") for start in ORGAN_STARTS)


def _continues_known(previous: str, line: str) -> bool:
    """True when ``previous`` and ``line`` read together are a known organ's name or its beginning:
    the wrap fell inside the name, whatever word the line opens with ("TRƯỜNG", "CHÍNH PHỦ")."""
    joined = _organ_key(f"{previous} {line}")
    return any(known == joined or known.startswith(joined + " ") for known in _KNOWN)


def organ_lines(lines: list[str]) -> list[str]:
    """Header lines regrouped into one line per organ (wrapped names joined); a parent organ and
    its body printed on one line ("BỘ TÀI CHÍNH CỤC HẢI QUAN") are two organs, as on two lines."""
    organs: list[str] = []
    for line in lines:
        line = " ".join(line.split())
        if organs and not _starts_organ(organs[-1], line):
            organs[-1] = f"{organs[-1]} {line}"
        else:
            organs.append(line)
    return [part for organ in organs for part in _split_parent(organ)]


_COUNCILS = ("uy ban nhan dan", "ubnd", "hoi dong nhan dan", "hdnd")


def _complete_parent(words: list[str]) -> bool:
    """True when ``words`` name a whole parent organ by themselves: a known organ ("BỘ TÀI CHÍNH",
    "CỤC THUẾ"), or a people's committee or council of a named province or city ("UBND THÀNH PHỐ
    HÀ NỘI"); a name still open ("VĂN PHÒNG", "UBND THÀNH PHỐ HẢI") is not."""
    key = _organ_key(" ".join(words))
    if key in _KNOWN:
        return True
    council = next((c for c in _COUNCILS if key.startswith(c + " ")), None)
    if not council:
        return False
    place = key[len(council) + 1:]
    unit = next((u for u in UNITS if place.startswith(u + " ")), None)
    return bool(unit) and place[len(unit) + 1:] in _PROVINCE_KEYS


def _split_parent(organ: str) -> list[str]:
    """ "BỘ TÀI CHÍNH CỤC HẢI QUAN" -> ["BỘ TÀI CHÍNH", "CỤC HẢI QUAN"]: a clerk reads the body under
    its parent whether the converter kept the two on two lines or joined them; split only where the
    words before are a whole parent organ and the words after open an organ's name."""
    words = organ.split()
    keys = [match_key(word) for word in words]
    for cut in range(1, len(words)):
        rest = " ".join(keys[cut:])
        if not any(rest == start or rest.startswith(start + " ") for start in ORGAN_STARTS):
            continue
        if (keys[cut - 1], keys[cut]) in _COMPOUND_TAILS or not _complete_parent(words[:cut]):
            continue
        return [" ".join(words[:cut])] + _split_parent(" ".join(words[cut:]))
    return [organ]


def _organ_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s-]", " ", match_key(text)).split())


_KNOWN = {_organ_key(name): name for name in KNOWN_ORGANS}
_UNIT_RE = re.compile(rf"(?<![a-z])({'|'.join(sorted(UNITS, key=len, reverse=True))})\s+(?!hoi\b)(?=\S)")
_CATEGORY_KEYS = sorted(ORGAN_CATEGORIES, key=len, reverse=True)


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:].lower()


def _organ_case(words: list[str]) -> str:
    """ "SỞ GIÁO DỤC VÀ ĐÀO TẠO" -> "Sở Giáo dục và Đào tạo", "TRUNG TÂM PHỤC VỤ…" -> "Trung tâm Phục vụ…"."""
    key = match_key(" ".join(words))
    category = next((c for c in _CATEGORY_KEYS if key == c or key.startswith(c + " ")), None)
    size = len(category.split()) if category else 1
    out = [_cap(words[0])] + [w.lower() for w in words[1:size]]
    capital_next = True
    for word in words[size:]:
        wkey = match_key(word)
        if wkey in ("va", "-", "–"):
            out.append(word.lower())
            capital_next = True
            continue
        out.append(_cap(word) if capital_next else word.lower())
        capital_next = word.endswith(",")
    return _place_capitals(" ".join(out))


_PROVINCE_WORDS = sorted(((tuple(match_key(p).split()), p) for p in PROVINCES), key=lambda item: -len(item[0]))
_PROVINCE_KEYS = {" ".join(words) for words, _ in _PROVINCE_WORDS}


def _place_capitals(text: str) -> str:
    """ "Sở Y tế hà nội" -> "Sở Y tế Hà Nội": province names keep their capitals; "chính phủ" likewise."""
    words = text.split()
    keys = [match_key(w) for w in words]
    i = 1  # the category word opens the name
    while i < len(words):
        for province_keys, _ in _PROVINCE_WORDS:
            if tuple(keys[i : i + len(province_keys)]) == province_keys:
                words[i : i + len(province_keys)] = [_cap(w) if w not in "-–" else w for w in words[i : i + len(province_keys)]]
                i += len(province_keys) - 1
                break
        i += 1
    return re.sub(r"(?<!\w)chính phủ(?!\w)", "Chính phủ", " ".join(words))


def _format_organ(line: str) -> tuple[str, str]:
    """(organ, unit) of one organ line, both possibly ""."""
    key = match_key(line)
    if _organ_key(line) in _KNOWN:
        return _KNOWN[_organ_key(line)], ""
    unit = ""
    found = _UNIT_RE.search(key)
    if found and (found.start() == 0 or key[found.start() - 1] == " "):
        place = line[found.end():].split()
        unit = f"{UNITS[found.group(1)]} {' '.join(w if w in '-–' else _cap(w) for w in place)}"
        line, key = line[: found.start()].strip(), key[: found.start()].strip()
    if not line:
        return "", unit
    if re.fullmatch(r"chu tich (?:uy ban )?nhan dan", key):  # "CHỦ TỊCH NHÂN DÂN": "ỦY BAN" left out in print
        return "Chủ tịch UBND", unit
    for full, short in ORGAN_FORMS.items():
        full_key = match_key(full)
        if key == full_key or key == match_key(short):
            return short, unit
        if key.endswith(" " + full_key) or key.endswith(" " + match_key(short)):  # "CHỦ TỊCH ỦY BAN NHÂN DÂN"
            head = line.split()[: len(key.split()) - len(full_key.split() if key.endswith(full_key) else [short])]
            return f"{_organ_case(head)} {short}", unit
    if _organ_key(line) in _KNOWN:
        return _KNOWN[_organ_key(line)], unit
    if _is_upper(line):
        return _organ_case(line.split()), unit
    return line, unit


def format_organs(lines: list[str]) -> str | None:
    """Issuing body in the labels' short form from its organ lines, parent first.

    The issuer is the lowest organ; a parent that only gives it a place lends its unit
    ("UBND TỈNH AN GIANG" / "SỞ Y TẾ" -> "Sở Y tế tỉnh An Giang"), any other parent is
    kept in parentheses ("BỘ TÀI CHÍNH" / "CỤC THUẾ" -> "Cục Thuế (Bộ Tài chính)").

    >>> format_organs(["ỦY BAN NHÂN DÂN TỈNH LAI CHÂU"])
    'UBND tỉnh Lai Châu'
    >>> format_organs(["BỘ TÀI CHÍNH", "CỤC HẢI QUAN"])
    'Cục Hải quan (Bộ Tài chính)'
    >>> format_organs(["UBND TỈNH AN GIANG", "SỞ Y TẾ"])
    'Sở Y tế tỉnh An Giang'
    """
    parsed = [_format_organ(line) for line in lines if line.strip()]
    parsed = [p for p in parsed if p[0] or p[1]]
    if not parsed:
        return None
    organ, unit = parsed[-1]
    if not organ:
        return unit or None
    if unit or len(parsed) == 1:
        return f"{organ} {unit}".strip()
    parent_organ, parent_unit = parsed[-2]
    if parent_unit and parent_organ in ("UBND", "HĐND", ""):
        return f"{organ} {parent_unit}"
    parent = f"{parent_organ} {parent_unit}".strip()
    return f"{organ} ({parent})" if parent else organ


# --------------------------------------------------------------------------- signature


_PERSON = PERSON_NAME
_RANK = re.compile(rf"^(?:{'|'.join(re.escape(r) for r in sorted(NAME_RANKS, key=len, reverse=True))})\s+", re.IGNORECASE)


def _is_capacity(line: str) -> bool:
    line = line.strip(" ,;]")
    # A line led by "TL." / "KT." may carry the whole chain of capacities, flattened from a cell of
    # several lines ("TL. CỤC TRƯỞNG KT. TRƯỞNG BAN NGHIỆP VỤ THUẾ HQ PHÓ TRƯỞNG BAN").
    longest = 24 if CAPACITY_PREFIX.match(line) else 12
    if not _is_upper(line) or len(line.split()) > longest:
        return False
    key = match_key(line)
    return bool(CAPACITY_PREFIX.match(line) or POSITION_KEY.search(key))


def _person(line: str) -> str | None:
    line = " ".join(line.strip(" *,.;").split())
    key_line = match_key(line)
    rank = _RANK.match(key_line)
    if rank:
        line = line[rank.end():]
    if _PERSON.match(line) and not _is_upper(line):
        return line
    return None


def read_signature(text: str, start: int = 0, end: int | None = None) -> SignatureFacts | None:
    """The first signature block in ``text[start:end]``: capacity lines, a signed mark, the name."""
    end = len(text) if end is None else end
    lines = []
    for line in re.finditer(r"[^\n]+", text[start:end]):
        pos = line.start() + start
        for cell in re.finditer(r"[^|]+", line.group(0)):  # a signature flattened into "| … |" cells
            piece = " ".join(cell.group(0).replace("**", " ").split()).strip(" *")  # bold marks inside a line ("**TL. CỤC TRƯỞNG** KT. …")
            if piece:
                lines.append((pos + cell.start(), piece))
    i = 0
    while i < len(lines):
        pos, line = lines[i]
        if not _is_capacity(line):
            i += 1
            continue
        capacity = [line.strip(" ,;]")]
        j = i + 1
        name = None
        while j < len(lines) and j - i <= 8:
            candidate = lines[j][1]
            key = match_key(candidate)
            following = lines[j + 1][1] if j + 1 < len(lines) else ""
            wrapped = _person(f"{candidate} {following}") if following and not following.endswith(":") else None
            if wrapped and len(wrapped.split()) <= 5 and (len(candidate.split()) == 1 or len(following.split()) <= 2):
                name = wrapped  # "Vũ" / "Chiến Thắng", "Lê Tấn" / "Cận": a name wrapped in a narrow cell
                break
            if _person(candidate):
                name = _person(candidate)
                break
            if SIGNED_MARK_KEY.match(key) or GAZETTE_RUNNING_HEADER_KEY.match(key) or _PAGE_NUMBER.match(key):
                j += 1
                continue
            if _is_upper(candidate) and len(candidate.split()) <= 12:
                capacity.append(candidate.strip(" ,;]"))
                j += 1
                continue
            break
        signed = any(SIGNED_MARK_KEY.match(match_key(lines[k][1])) for k in range(i + 1, min(j + 1, len(lines))))
        if name or signed:
            return SignatureFacts(name, _merge_capacity(capacity), pos, lines[min(j, len(lines) - 1)][0])
        i = j if j > i else i + 1
    return None


def _merge_capacity(lines: list[str]) -> list[str]:
    """ "TM. ỦY BAN" / "NHÂN DÂN" -> "TM. ỦY BAN NHÂN DÂN": a line that starts no capacity continues the last."""
    out: list[str] = []
    for line in lines:
        line = CAPACITY_PREFIX.sub(lambda m: f"{m.group(1)}. ", line)
        if out and not CAPACITY_PREFIX.match(line) and not POSITION_KEY.match(match_key(line)) and not (
                match_key(line).startswith("pho ")):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


# --------------------------------------------------------------------------- consolidated texts


def read_vbhn_block(text: str) -> tuple[HeaderFacts, SignatureFacts | None] | None:
    """Number, date, issuer and signer of the closing "XÁC THỰC VĂN BẢN HỢP NHẤT" block."""
    key = match_key(text)
    found = None
    for found in VBHN_BLOCK_KEY.finditer(key):
        pass
    if found is None:
        return None
    start = max(0, text.rfind("\n", 0, max(0, found.start() - 300)))
    segments = _segments(text, start, min(len(text), found.end() + 300))
    # keep the block: from the last body sentence before the label to the date after it
    at = next(i for i, s in enumerate(segments) if s.end > found.start())
    first = at
    while first > 0 and at - first < 6 and (_is_upper(segments[first - 1].text) or _NUMBER_LABEL.match(segments[first - 1].key)):
        first -= 1
    after = []
    for segment in segments[at + 1 : at + 4]:
        if _is_capacity(segment.text) or _person(segment.text):
            break
        after.append(segment)
    block = segments[first:at] + after
    facts = _read_block(text, block)
    facts.type = "Văn bản hợp nhất"
    signature = read_signature(text, segments[at].end, min(len(text), segments[at].end + 400))
    return facts, signature

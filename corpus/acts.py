"""Act numbers and references between acts (Chỉ thị, Nghị quyết, Quyết định, Luật…).

Vietnamese administrative acts are identified by a *number* made of a running
number, sometimes a year, and an issuer/type code: "16/CT-TTg", "25-CT/TW",
"22/2023/QH15", "542/KH-UBND".  Scraped text spells them loosely ("25- CT/TW",
"281/QĐ-TTG"), so this module has three jobs:

* ``normalize_number`` / ``number_key``: one display form and one matching key;
* ``find_act_references``: every act a text cites, with date, issuer, the
  relation to the citing document (căn cứ, thực hiện…) and the citing sentence;
* ``parse_act_query`` / ``act_matches``: recognise an act in a user's query
  ("ct 25", "chi thi 16", "376/QĐ-TTg ngày 17/3/2015") and test a reference.

>>> normalize_number("229- KH/TU"), normalize_number("281/qđ-ttg")
('229-KH/TU', '281/QĐ-TTg')
>>> number_key("281/QĐ-TTg")
'281/QĐ-TTG'
>>> refs = find_act_references("Căn cứ Chỉ thị số 16/CT-TTg ngày 20/9/2022 của Thủ tướng Chính phủ.")
>>> r = refs[0]; (r.act_type, r.number, r.date, r.issuer, r.relation)
('Chỉ thị', '16/CT-TTg', '2022-09-20', 'Thủ tướng Chính phủ', 'can_cu')
>>> q = parse_act_query("chi thi 16 năm 2022"); (q.act_type, q.bare_number, q.year)
('Chỉ thị', '16', 2022)
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from corpus.lexicon import (
    CITED_TYPE_WORDS,
    DATE_KEY,
    MIXED_CASE_CODES,
    QUERY_TYPE_ABBREVIATIONS,
    TYPE_CODES,
    VI_UPPER,
)
from corpus.model import ActReference
from corpus.vietnamese import match_key, strip_diacritics, tone_key

__all__ = [
    "ACT_NUMBER",
    "ActNumberIndex",
    "ActQuery",
    "act_matches",
    "find_act_references",
    "find_act_spans",
    "normalize_number",
    "number_key",
    "parse_act_query",
    "parse_date",
    "sentence_spans",
    "type_from_code",
]

# --------------------------------------------------------------------------- numbers

_LETTERS = "A-Za-zĐđ"
# An act number.  Two shapes exist:
#   party acts   "25-CT/TW", "229- KH/TU", "02-CTr/TU"  -> digits "-" CODE ("/" CODE)+
#   state acts   "16/CT-TTg", "22/2023/QH15", "117/2020/NĐ-CP", "13520/UBND-KTNS"
#                -> digits ["/" year] "/" CODE ("-" CODE)*
# The code must start with a letter, so dates ("20/9/2022"), ratios ("9/9") and
# periods ("Quý 3/2024", "2021-2025") never match.  Scraped text puts a stray space
# around the dash ("25- CT/TW"), hence the optional spaces there only.
ACT_NUMBER = re.compile(
    rf"(?<![\w/.-])\d{{1,6}}(?:"
    rf"\s?-\s?[{_LETTERS}][{_LETTERS}]*(?:/[{_LETTERS}][{_LETTERS}0-9]*)+"
    rf"|(?:/\d{{4}})?/[{_LETTERS}][{_LETTERS}0-9]*(?:-[{_LETTERS}][{_LETTERS}0-9]*)*"
    rf")(?![\w])"
)

# An act number as a gazette's wrapped lines print it: a line break or a space after its slashes and hyphens
# ("18/2022/\nTT-BYT", "28/2022/TT- BLĐTBXH"); read where the text has just said an act follows ("… bãi bỏ bởi"),
# never to find numbers in running text (ACT_NUMBER is strict there), and read whole with its spaces removed.
WRAPPED_ACT_NUMBER = re.compile(
    r"\d{1,6}(?:\s?/\s*\d{4})?\s?/\s*[A-ZĐ][A-Za-zĐđ0-9]*(?:\s?-\s*[A-ZĐ][A-Za-zĐđ0-9]*)*\b")


_SEGMENT = re.compile(rf"[{_LETTERS}0-9]+")


def normalize_number(number: str) -> str:
    """Display form: spaces removed, codes upper-cased except TTg/CTr/TTr.

    >>> normalize_number("25- CT/TW"), normalize_number("22/2023/qh15")
    ('25-CT/TW', '22/2023/QH15')
    """
    compact = re.sub(r"\s+", "", number)
    return _SEGMENT.sub(lambda m: MIXED_CASE_CODES.get(m.group(0).upper(), m.group(0).upper()), compact)


def number_key(number: str) -> str:
    """Matching key: upper case, no spaces, Đ kept ("281/QĐ-TTG")."""
    return re.sub(r"\s+", "", number).upper()


def _folded_key(key: str) -> str:
    """Key that also ignores Đ/D ("QD" typed without accents)."""
    return strip_diacritics(number_key(key))


def type_from_code(number: str) -> str | None:
    """Act type implied by a number's code, None when the code names no type.

    A code made only of organ names ("13520/UBND-KTNS", "/UBND-YT") is how
    official letters (công văn) are numbered, so it maps to "Công văn".

    >>> type_from_code("25-CT/TW"), type_from_code("13520/UBND-KTNS"), type_from_code("22/2023/QH15")
    ('Chỉ thị', 'Công văn', 'Luật')
    """
    key = number_key(number)
    parts = [p for p in re.split(r"[/-]", key) if p and not p.isdigit()]
    if not parts:
        return None
    first = re.sub(r"\d+$", "", parts[0])  # "QH15" -> "QH"
    if first in TYPE_CODES:
        return TYPE_CODES[first]
    return "Công văn" if key.startswith("/") or "-" in key.split("/", 1)[-1] else None


# --------------------------------------------------------------------------- dates

_DATE = DATE_KEY


def _iso(day: str, month: str, year: str) -> str | None:
    d, m, y = int(day), int(month), int(year)
    if 1 <= d <= 31 and 1 <= m <= 12 and 1900 <= y <= 2100:
        return f"{y:04d}-{m:02d}-{d:02d}"
    return None


def parse_date(text: str) -> str | None:
    """First date in ``text`` as ISO, accents optional.

    >>> parse_date("ngày 09 tháng 7 năm 2024"), parse_date("ngày 20/9/2022")
    ('2024-07-09', '2022-09-20')
    """
    match = _DATE.search(match_key(text))
    return _date_of(match) if match else None


def _date_of(match: re.Match[str]) -> str | None:
    if match.group(1):
        return _iso(match.group(1), match.group(3), match.group(4))
    return _iso(match.group(5), match.group(6), match.group(7))


# --------------------------------------------------------------------------- act types

# Type words naming a cited act (match_key), longest first so "chuong trinh hanh dong" wins
# over "chuong trinh".  Value: display type.
_TYPE_WORDS = CITED_TYPE_WORDS
_TYPE_ALTERNATION = "|".join(re.escape(w) for w in sorted(_TYPE_WORDS, key=len, reverse=True))

# Right before a number (on the key of the text before it): "Chỉ thị số ", "Quyết định ",
# "QUYẾT ĐỊNH SỐ ".  "Luật <Name> số" is separate: the law's name sits in between.
_TYPE_BEFORE = re.compile(rf"(?<![a-z])({_TYPE_ALTERNATION})\s*(?:so\s*)?:?\s*$")
_LAW_BEFORE = re.compile(r"(?<![a-z])(bo luat|luat)((?:\s+[^\s,;.()]+){1,6}?)\s+so\s*:?\s*$")
# … and one whose name holds a comma ("Luật Cán bộ, công chức số 80/2025/QH15"), kept when each comma is one a
# name runs on over (_NAME_COMMA, read on the text: the key has no capitals).
_LAW_COMMA_BEFORE = re.compile(r"(?<![a-z])(bo luat|luat)((?:,?\s+[^\s,;.()]+){1,6}?)\s+so\s*:?\s*$")
# A list member sharing the previous act's type: "Nghị quyết số 20-NQ/TW; 21-NQ/TW".
_LIST_GAP = re.compile(r"^\s*(?:,|;|và|,\s*và)\s*(?:số\s*)?$", re.IGNORECASE)
# "số" right before a number with no type word: only a numbered letter can be meant.
_SO_BEFORE = re.compile(r"(?<![a-z])so\s*:?\s*$")

# Unnumbered named laws: "Luật Bảo hiểm y tế", "Bộ luật Lao động".  The name runs over
# lower-case syllables after a capitalised one ("Phòng, chống" keeps its comma) and stops at punctuation, a number, "số",
# "năm <year>" or a function word that starts the rest of the sentence.
# A law's name runs on over a comma into a lower-case word ("Luật Cán bộ, công chức", "Luật Khám bệnh, chữa
# bệnh", "Luật Phục hồi, phá sản"); a capital ("…, Luật Đầu tư") or a word that opens the rest of the sentence
# ("Luật Viên chức, các Nghị định…", "…, trong đó") ends it.
_NAME_COMMA = re.compile(
    rf",\s+(?=(?!(?:các|những|một|mọi|và|hoặc|cùng|đồng thời|trong|theo|thì|nhưng|đã|đang|sẽ|được|có|là|để|do|tại|"
    rf"với|này|đó|nay|nếu|khi|từ|đến|cho|gồm|như)\s)(?![{VI_UPPER}\d_])\w)"
)
_LAW_NAME = re.compile(
    rf"(?<!\w)(?:Bộ luật|Luật|LUẬT|BỘ LUẬT)\s+([{VI_UPPER}][^\s,;.()“”\"]*(?:(?:{_NAME_COMMA.pattern}|\s+)"
    rf"[^\s,;.()“”\"]+){{0,7}})"
)
_LAW_NAME_STOP = re.compile(
    r"\s+(?:số|năm|ngày|và|của|đã|được|tại|về|thì|đối|theo|do|để|có|trong|quy định|sửa|hiện|hoặc|là|\d)(?!\w)",
    re.IGNORECASE,
)
# Named programmes/projects (Đề án) are cited with their quoted title.
_NAMED_PLAN = re.compile(r"(?<!\w)(Đề án|ĐỀ ÁN)\s*[“\"]([^”\"]{5,300})[”\"]")


# --------------------------------------------------------------------------- relations

# Words before a citation that say why it is cited; run on tone_key (lower case, accents).
# The trigger nearest to the reference wins; on a tie the longer one ("hướng dẫn thực
# hiện" over "thực hiện").
_RELATION_TRIGGERS = [
    (re.compile(r"căn cứ"), "can_cu"),
    (re.compile(r"sửa đổi,?\s*bổ sung|sửa đổi|bổ sung một số"), "sua_doi"),
    (re.compile(r"thay thế"), "thay_the"),
    (re.compile(r"bãi bỏ|hủy bỏ|huỷ bỏ"), "bai_bo"),
    (re.compile(r"hướng dẫn(?: thi hành| thực hiện| triển khai)?"), "huong_dan"),
    (re.compile(r"(?:triển khai )?thực hiện(?: theo)?|triển khai"), "thuc_hien"),
]
_RELATION_WINDOW = 200  # characters before the reference that may hold its trigger


def _relation(sentence_prefix: str) -> str:
    window = tone_key(sentence_prefix[-_RELATION_WINDOW:])
    best: tuple[int, int, str] | None = None
    for pattern, relation in _RELATION_TRIGGERS:
        for match in pattern.finditer(window):
            candidate = (match.end(), -match.start(), relation)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
    return best[2] if best else "nhac_den"


# --------------------------------------------------------------------------- issuer, name

# After the number (and date): "của Thủ tướng Chính phủ", or an organ named directly
# ("ngày 25/10/2017 Ban chấp hành Trung ương khóa XII về…").
_OF = re.compile(r"^\s*,?\s*(?:của|cua)\s+", re.IGNORECASE)
_ORGAN_START = re.compile(
    r"^\s*,?\s*(?=(?:Ban|BCH|Bộ|Thủ tướng|Chính phủ|Quốc hội|UBND|Ủy ban|Uỷ ban|HĐND|Hội đồng|"
    r"Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ|Huyện ủy|Quận ủy|Đại hội|Sở|Tổng cục|Cục)\b)"
)
# Where an issuer ends (tone_key text): punctuation, or a word that starts the rest of
# the sentence ("về việc…", "triển khai…", "và Kế hoạch…", "sửa đổi, bổ sung…": what the act does).
_ISSUER_STOP = re.compile(
    r"[,;:.()\n“”\"]|\s(?:về|v/v|thực hiện|triển khai|tại|và|quy định|hướng dẫn|phê duyệt|ban hành|"
    r"nhằm|đã|được|theo|trên|đến|để|cho|trong|với|gửi|kèm|sửa đổi|bổ sung|bãi bỏ|thay thế|hủy bỏ|huỷ bỏ|hợp nhất|"
    r"tạm ngưng|kéo dài|điều chỉnh)(?=\s|$|,)"
)
_MAX_ISSUER_WORDS = 12
# Trích yếu after the act: "về việc bảo đảm thuốc…", cut at ";" "." "(", the line end or
# ", <Capital>" (the citing sentence's own subject: "…, Sở Y tế đề nghị").
_ABOUT = re.compile(
    rf"^\s*,?\s*(?:[Vv]ề việc|VỀ VIỆC|[Vv]ề|VỀ|[Vv]/[Vv])\s+([^;\n()]{{3,300}}?)(?=[;\n()]|\.(?:\s|$)|,\s+[{VI_UPPER}]|$)"
)
_DATE_AFTER = re.compile(r"^\s*,?\s*(?:ngay|ngày)\s+")


@dataclass
class _Cursor:
    """Where the description of a reference ends, while reading it left to right."""

    end: int
    date: str | None = None
    issuer: str | None = None
    name: str | None = None


def _read_tail(text: str, key: str, end: int) -> _Cursor:
    """Date, issuer and trích yếu that follow a number ending at ``end``."""
    cursor = _Cursor(end)
    date_word = _DATE_AFTER.match(key[end:])
    if date_word:
        date = _DATE.match(key, end + date_word.end())
        if date:
            cursor.date, cursor.end = _date_of(date), date.end()
    cursor.issuer, cursor.end = _read_issuer(text, cursor.end)
    about = _ABOUT.match(text[cursor.end :])
    if about:
        cursor.name = " ".join(about.group(1).split()).strip(" ,")
    return cursor


def _read_issuer(text: str, end: int) -> tuple[str | None, int]:
    rest = text[end : end + 200]
    lead = _OF.match(rest) or _ORGAN_START.match(rest)
    if not lead:
        return None, end
    body = rest[lead.end() :]
    stop = _ISSUER_STOP.search(tone_key(body))
    words = list(re.finditer(r"\S+", body[: stop.start()] if stop else body))[:_MAX_ISSUER_WORDS]
    if not words:
        return None, end
    return " ".join(w.group(0) for w in words), end + lead.end() + words[-1].end()


# --------------------------------------------------------------------------- sentences

_sent_tokenize: Callable[[str], list[str]] | None = None
_LOG = logging.getLogger(__name__)


def _tokenize(line: str) -> list[str]:
    global _sent_tokenize
    if _sent_tokenize is None:
        # lazy: importing underthesea takes a while
        from corpus.segmenter import sent_tokenize

        _sent_tokenize = sent_tokenize
    try:
        return _sent_tokenize(line)
    except Exception as error:  # noqa: BLE001 - a tokenizer failure must not lose the document
        # Kept as one sentence, but said: a broken segmenter must not pass unnoticed.
        _LOG.warning("underthesea sent_tokenize failed (%s: %s); line kept as one sentence: %.80s",
                     type(error).__name__, error, line)
        return [line]


@lru_cache(maxsize=64)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every sentence, line by line; text[start:end] is the sentence.

    underthesea's sentences are located back in the line in order; when one cannot
    be found (the tokenizer rewrote it) the rest of the line is one span.
    """
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        offset, cursor = line.start(), 0
        body = line.group(0)
        for sentence in _tokenize(body):
            sentence = sentence.strip()
            if not sentence:
                continue
            found = body.find(sentence, cursor)
            if found < 0:
                break
            spans.append((offset + found, offset + found + len(sentence)))
            cursor = found + len(sentence)
        rest = body[cursor:]
        if rest.strip():
            lead = len(rest) - len(rest.lstrip())
            spans.append((offset + cursor + lead, offset + len(body.rstrip())))
    return tuple(spans)


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    for s, e in sentence_spans(text):
        if s <= start < e:
            return s, max(e, min(end, len(text)))
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    return line_start, len(text) if line_end < 0 else line_end


# --------------------------------------------------------------------------- references


def _key_of(text: str) -> str:
    """match_key of ``text`` with the same length (offsets stay valid)."""
    key = match_key(text)
    if len(key) == len(text):
        return key
    return "".join(match_key(ch)[:1] or " " for ch in text)


def find_act_references(text: str, heading_at: Callable[[int], str] | None = None) -> list[ActReference]:
    """Every act cited in ``text``, in order of appearance.

    ``heading_at(offset)`` gives the heading path of a passage (structure.py); the
    document's own number is *not* removed here (metadata.py knows it).
    """
    return [ref for _, _, ref in find_act_spans(text, heading_at)]


def find_act_spans(text: str, heading_at: Callable[[int], str] | None = None) -> list[tuple[int, int, ActReference]]:
    """Like :func:`find_act_references`, with where each reference's own wording lies.

    ``(start, end, ref)``: ``text[start:end]`` runs from the type word to the end of the
    number ("Thông tư số 40/2014/TT-BYT"), or over the name of an unnumbered act.

    >>> [(s, e) for s, e, _ in find_act_spans("Bãi bỏ Thông tư số 40/2014/TT-BYT.")]
    [(7, 33)]
    """
    heading_at = heading_at or (lambda _offset: "")
    key = _key_of(text)
    found: list[tuple[int, int, ActReference]] = []
    previous: tuple[int, str] | None = None  # (end of the last reference, its type)
    for match in ACT_NUMBER.finditer(text):
        act_type, name = _type_before(text, key, match.start())
        if act_type is None and previous and _LIST_GAP.match(text[previous[0] : match.start()]):
            act_type = previous[1]
        if act_type is None and _SO_BEFORE.search(key[max(0, match.start() - 8) : match.start()]):
            act_type = type_from_code(match.group(0))
        if act_type is None and type_from_code(match.group(0)) not in (None, "Công văn"):
            act_type = type_from_code(match.group(0))
        if act_type is None:
            continue
        tail = _read_tail(text, key, match.end())
        number = normalize_number(match.group(0))
        start = _type_start(text, key, match.start(), act_type)
        found.append((start, match.end(), _reference(
            text, act_type, number, tail, name or tail.name, start, match.end(), heading_at)))
        previous = (tail.end, act_type)
    found += _unnumbered_references(text, key, heading_at, [(s, e) for s, e, _ in found])
    found.sort(key=lambda item: item[0])
    return found


def _law_before(text: str, window: str, window_start: int) -> re.Match[str] | None:
    """"Luật <Name> số" ending ``window`` (the key of ``text`` from ``window_start``), the name over commas
    when they are a name's own ("Luật Khám bệnh, chữa bệnh số …"), else without them."""
    law = _LAW_COMMA_BEFORE.search(window)
    if law and "," in law.group(2):
        name = text[window_start + law.start(2) : window_start + law.end(2)]
        if all(_NAME_COMMA.match(name, comma.start()) for comma in re.finditer(",", name)):
            return law
    return _LAW_BEFORE.search(window)


def _type_before(text: str, key: str, number_start: int) -> tuple[str | None, str | None]:
    window = key[max(0, number_start - 80) : number_start]
    law = _law_before(text, window, number_start - len(window))
    if law:
        law_start = number_start - len(window) + law.start(1)
        law_end = number_start - len(window) + law.end(2)
        if text[law_start].isupper():
            return ("Bộ luật" if law.group(1) == "bo luat" else "Luật"), " ".join(text[law_start:law_end].split())
    typed = _TYPE_BEFORE.search(window)
    if typed:
        return _TYPE_WORDS[typed.group(1)], None
    return None, None


def _type_start(text: str, key: str, number_start: int, act_type: str) -> int:
    """Offset where the reference's wording begins ("Chỉ thị số 16/…" -> the "C")."""
    window_start = max(0, number_start - 80)
    window = key[window_start:number_start]
    found = _law_before(text, window, window_start) or _TYPE_BEFORE.search(window)
    return window_start + found.start(1) if found else number_start


# "chỉ đạo của Thủ tướng Chính phủ tại Chỉ thị số 16/CT-TTg": the issuer comes first.
_ISSUER_BEFORE = re.compile(r"(?:của|cua)\s+([^,;:()\n]{3,60}?)\s+(?:tại|tai)\s*$")


def _reference(text, act_type, number, tail: _Cursor, name, start, end, heading_at) -> ActReference:
    s_start, s_end = _sentence_around(text, start, end)
    if tail.issuer is None:
        before = _ISSUER_BEFORE.search(text[max(s_start, start - 80) : start])
        tail.issuer = before.group(1).strip() if before else None
    return ActReference(
        act_type=act_type,
        number=number,
        number_key=number_key(number),
        date=tail.date,
        issuer=tail.issuer,
        name=name,
        relation=_relation(text[s_start:start]),
        sentence=text[s_start:s_end],
        start=s_start,
        end=s_end,
        heading=heading_at(start),
    )


def _unnumbered_references(text, key, heading_at, numbered_spans) -> list[tuple[int, int, ActReference]]:
    """Named laws ("Luật Bảo hiểm y tế") and quoted Đề án titles, when not numbered."""
    found = []

    def covered(pos: int) -> bool:
        return any(s <= pos < e for s, e in numbered_spans)

    for match in _LAW_NAME.finditer(text):
        if covered(match.start()):
            continue
        name_words = match.group(1)
        stop = _LAW_NAME_STOP.search(name_words)
        name_words = name_words[: stop.start()] if stop else name_words
        kind = "Bộ luật" if match.group(0).lower().startswith("bộ") else "Luật"
        name = f"{kind} {name_words.strip()}"
        if len(name.split()) < 2 or name.split()[1] in ("này",):
            continue
        name_end = match.start(1) + len(name_words.rstrip())
        tail = _read_tail(text, key, name_end)
        tail.name = None
        found.append((match.start(), name_end, _unnamed_ref(text, kind, name, tail, match.start(), name_end, heading_at)))
    for match in _NAMED_PLAN.finditer(text):
        if covered(match.start()):
            continue
        name = f"Đề án “{' '.join(match.group(2).split())}”"
        tail = _read_tail(text, key, match.end())
        found.append((match.start(), match.end(), _unnamed_ref(text, "Đề án", name, tail, match.start(), match.end(), heading_at)))
    return found


def _unnamed_ref(text, act_type, name, tail, start, end, heading_at) -> ActReference:
    ref = _reference(text, act_type, "", tail, name, start, end, heading_at)
    ref.number = ref.number_key = None
    return ref


# --------------------------------------------------------------------------- queries


@dataclass
class ActQuery:
    """An act named in a user's query; every field optional."""

    act_type: str | None = None
    number_key: str | None = None  # full number: "16/CT-TTG"
    bare_number: str | None = None  # running number only: "16" from "chỉ thị 16"
    year: int | None = None
    date: str | None = None  # ISO

    @property
    def is_act(self) -> bool:
        return bool(self.number_key or self.bare_number)


_ABBREVIATIONS = QUERY_TYPE_ABBREVIATIONS
_QUERY_TYPE_WORDS = {**_TYPE_WORDS, **_ABBREVIATIONS}
_QUERY_TYPE = "|".join(re.escape(w) for w in sorted(_QUERY_TYPE_WORDS, key=len, reverse=True))
# "chỉ thị 16", "ct 25", "CT16", "quyết định số 376" (on match_key text).
_TYPE_AND_BARE_NUMBER = re.compile(rf"(?<![a-z0-9])({_QUERY_TYPE})\s*(?:so\s*)?(\d{{1,6}})(?![\d/-])")
# "Nghị định 187/2026", "TT 28/2022", "QĐ số 15/2014": how officials cite an act, its number and year without the
# issuer's code; the year is the number's year segment.
_TYPE_NUMBER_YEAR = re.compile(rf"(?<![a-z0-9])({_QUERY_TYPE})\s*(?:so\s*)?(\d{{1,6}})/((?:19|20)\d\d)(?![\d/])")
_TYPE_WORD = re.compile(rf"(?<![a-z0-9])({_QUERY_TYPE})(?![a-z])")
_YEAR = re.compile(r"(?<![a-z0-9/])nam\s+(\d{4})(?!\d)")


def parse_act_query(query: str) -> ActQuery:
    """Recognise an act in any spelling.

    >>> parse_act_query("Chỉ thị 25- CT/TW").number_key
    '25-CT/TW'
    >>> q = parse_act_query("376/QĐ-TTg ngày 17/3/2015"); (q.act_type, q.number_key, q.date, q.year)
    ('Quyết định', '376/QĐ-TTG', '2015-03-17', 2015)
    >>> q = parse_act_query("CT16"); (q.act_type, q.bare_number)
    ('Chỉ thị', '16')
    >>> q = parse_act_query("NĐ 187/2026 dẫn chiếu"); (q.act_type, q.bare_number, q.year)
    ('Nghị định', '187', 2026)
    """
    result = ActQuery()
    key = _key_of(query)
    number = ACT_NUMBER.search(query)
    if number:
        result.number_key = number_key(normalize_number(number.group(0)))
        result.act_type = type_from_code(number.group(0))
        typed = _TYPE_WORD.search(key[: number.start()])
        if typed:
            result.act_type = _QUERY_TYPE_WORDS[typed.group(1)]
    else:
        bare = _TYPE_AND_BARE_NUMBER.search(key) or _TYPE_NUMBER_YEAR.search(key)
        if bare:
            result.act_type = _QUERY_TYPE_WORDS[bare.group(1)]
            result.bare_number = bare.group(2).lstrip("0") or "0"
            if bare.re is _TYPE_NUMBER_YEAR:
                result.year = int(bare.group(3))
    date = _DATE.search(key)
    if date:
        result.date = _date_of(date)
    year = _YEAR.search(key)
    if year:
        result.year = int(year.group(1))
    elif result.year:
        pass  # the year of "Nghị định 187/2026"
    elif result.date:
        result.year = int(result.date[:4])
    elif result.number_key:
        in_number = re.search(r"/((?:19|20)\d\d)/", result.number_key)
        result.year = int(in_number.group(1)) if in_number else None
    return result


def act_mention(text: str) -> tuple[int, int] | None:
    """Where ``text`` first names an act: a full number ("542/KH-UBND"), else a type with its number and year
    ("NĐ 187/2026") or its running number ("Quyết định 1609"), as (start, end) in ``text``; None when it names none.

    >>> act_mention("Nghị định nào mà NĐ 187/2026 dẫn chiếu?")
    (17, 28)
    """
    number = ACT_NUMBER.search(text)
    if number:
        return number.start(), number.end()
    key = _key_of(text)
    found = [m for m in (_TYPE_NUMBER_YEAR.search(key), _TYPE_AND_BARE_NUMBER.search(key)) if m]
    if not found:
        return None
    first = min(found, key=lambda m: m.start())
    return first.start(), first.end()


def _without_year(key: str) -> str:
    return re.sub(r"/(?:19|20)\d\d/", "/", key)


T = TypeVar("T")


def _running_number(folded_key: str) -> str:
    """The leading digits of a folded number key without leading zeros ("" when it has none)."""
    found = re.match(r"\d+", folded_key)
    return found.group(0).lstrip("0") if found else ""


class ActNumberIndex(Generic[T]):
    """Items (documents, cited acts) by the running number of their act number, read once at load.

    ``candidates(query)`` narrows a scan with ``act_matches`` to the items that can match: every
    match shares the query's running number (a full number compares whole or without its year
    segment, which keeps the running number; a bare number must be the running number). The
    items come back in the order they were given, so the first match is the one a full scan
    would find first. What a question costs no longer grows with the size of the collection.
    """

    def __init__(self, entries: Iterable[tuple[T, str | None]]):
        self._buckets: dict[str, list[T]] = {}
        for item, ref_number_key in entries:
            if ref_number_key:
                self._buckets.setdefault(_running_number(_folded_key(ref_number_key)), []).append(item)

    def candidates(self, query: ActQuery) -> list[T]:
        if not query.is_act:
            return []
        if query.number_key:
            running = _running_number(_folded_key(query.number_key))
        else:
            running = (query.bare_number or "").lstrip("0")
        return self._buckets.get(running, [])


def act_matches(query: ActQuery, ref_type: str | None, ref_number_key: str | None, ref_date: str | None) -> bool:
    """Does a reference (or a document's own number) match the act in ``query``?

    Full numbers compare ignoring case, spaces and Đ/D (and the year segment when
    the query leaves it out); a bare number must be the reference's running number
    and, when the query gives a type, the types must agree.  Year and date, when
    both sides know them, must agree.
    """
    if not query.is_act or not ref_number_key:
        return False
    ref_key = _folded_key(ref_number_key)
    if query.number_key:
        wanted = _folded_key(query.number_key)
        if ref_key != wanted and _without_year(ref_key) != wanted:
            return False
    else:
        running = re.match(r"\d+", ref_key)
        if not running or running.group(0).lstrip("0") != query.bare_number:
            return False
        if query.act_type and ref_type and match_key(query.act_type) != match_key(ref_type):
            return False
    if query.date and ref_date and not (ref_date.startswith(query.date) or query.date.startswith(ref_date)):
        return False
    if query.year:
        # an act's year is its signing year or its number's year segment (a number taken in December may be
        # signed in January): either agrees
        in_number = re.search(r"/((?:19|20)\d\d)/", ref_key)
        ref_years = {int(y) for y in (ref_date[:4] if ref_date else None, in_number and in_number.group(1)) if y}
        if ref_years and query.year not in ref_years:
            return False
    return True

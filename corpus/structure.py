"""Structure tree of a cleaned Vietnamese administrative document.

The tree follows the conventions of Nghị định 30/2020/NĐ-CP on administrative
documents: a header block (quốc hiệu, issuing body, "Số:", place and date, "V/v",
type title and trích yếu, "Kính gửi:"), a preamble ("Căn cứ…", "Thực hiện…"), the
body numbered as parts (I., II.), sections (1., "Điều 1."), subsections (1.1.),
points (a), đ)), items ((1)), bullets (-, +), then "Nơi nhận", the signature and
appendices whose tables were often flattened one cell per line.

Every node is a span of the text (``text[node.start:node.end]``); the parser works
line by line and never rewrites the text.

>>> text = "KẾ HOẠCH\\nPhòng bệnh\\nI. MỤC TIÊU\\n1. Sở Y tế\\nChủ trì thực hiện.\\nNơi nhận:\\n- Như trên;"
>>> root = parse_structure(text)
>>> [c.kind for c in root.children]
['header', 'part', 'recipients']
>>> heading_path_at(root, text.index("Chủ trì"))
['I. MỤC TIÊU', '1. Sở Y tế']
>>> section_label_at(root, text.index("Chủ trì"))
'I.1'
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from corpus.lexicon import (
    ACT_TYPES,
    ATTACHED_ONLY_TYPES,
    BODY_START_KEY,
    CAPACITY_PREFIX,
    DATE_LINE_KEY,
    KINH_GUI_KEY,
    NOI_NHAN_KEY,
    PORTAL_FIELDS,
    POSITION_KEY,
    QUOC_HIEU_KEY,
    SEPARATOR_LINE,
    SIGNED_MARK_KEY,
    VI_LOWER,
    VI_UPPER,
    VV_KEY,
)
from corpus.model import HEADING_SEPARATOR, Node
from corpus.vietnamese import is_upper_text as _is_upper
from corpus.vietnamese import match_key

__all__ = [
    "HEADING_KINDS",
    "heading_path_at",
    "heading_text",
    "is_heading_node",
    "iter_nodes",
    "node_path_at",
    "parse_structure",
    "render_tree",
    "section_label_at",
]

# Kinds that open a heading level (their label/title appear in heading paths).
HEADING_KINDS = ("part", "section", "subsection", "point", "item", "appendix")
_RANK = {"part": 1.0, "chapter_section": 1.3, "article": 1.6, "section": 2.0, "subsection": 3.0, "point": 4.0,
         "item": 5.0, "bullet": 6.0, "subbullet": 7.0}

# --------------------------------------------------------------------------- lines


@dataclass
class _Line:
    start: int
    end: int
    text: str
    key: str  # match_key(text): lower case, no accents

    @property
    def words(self) -> int:
        return len(self.text.split())


def _lines(text: str) -> list[_Line]:
    lines = []
    for match in re.finditer(r"[^\n]+", text):
        raw = match.group(0)
        stripped = raw.strip()
        if not stripped:
            continue
        start = match.start() + len(raw) - len(raw.lstrip())
        lines.append(_Line(start, start + len(stripped), stripped, match_key(stripped)))
    return lines


# --------------------------------------------------------------------------- header patterns
# All header regexes run on match_key (lower case, accent-free) so "Số", "SỐ", "So" agree.

_QUOC_HIEU = QUOC_HIEU_KEY
_SEPARATOR = SEPARATOR_LINE
_NUMBER_LINE = re.compile(r"^so\s*(?:hieu)?\s*:")
# "Nghệ An, ngày 09 tháng 07 năm 2024", "Hải Phòng, ngày   tháng 12 năm 2022".
_DATE_LINE = DATE_LINE_KEY
_VV = VV_KEY
_KINH_GUI = KINH_GUI_KEY
# Key-value lines of a legal-database box ("Số hiệu: …  Loại văn bản: …").
_DB_BOX = re.compile(rf"^(?:{'|'.join(PORTAL_FIELDS)})\s*:")
# Document type titles printed alone on a line (match_key -> display form).
DOCUMENT_TYPES = ACT_TYPES
_TYPE_TITLE = re.compile(rf"^({'|'.join(sorted(DOCUMENT_TYPES, key=len, reverse=True))})$")
# A line starting a body: the first preamble sentence of an administrative text.
_BODY_START = BODY_START_KEY
# A signing authority line printed after the trích yếu of a Quyết định ("CHỦ TỊCH ỦY BAN…").
_AUTHORITY = re.compile(r"^(?:chu tich|giam doc|bo truong|thu tuong|truong ban|hoi dong|uy ban nhan dan|ban chap hanh)")

# --------------------------------------------------------------------------- body labels

# (kind, regex on the original line).  Order matters: subsection before section.
# Legal acts nest Phần/Chương > Mục > Điều > khoản (1.) > điểm (a)); plans nest I. > 1. > 1.1. > a).
# "Mục"/"Điều" need a dot or colon after the number unless the line is the label alone: a
# line wrapped before "Điều 17 của Luật Giá…" is not an article.
_LABELS = [
    ("part", re.compile(r"^(?:(?:PHẦN|Phần|CHƯƠNG|Chương)\s+(?:[IVXLC]+|\d+|thứ\s+\S+)\b\.?:?|[IVXLC]{1,6}\.)(?=\s|$)")),
    ("chapter_section", re.compile(r"^(?:MỤC|Mục)\s+(?:[IVXLC]+|\d+)(?:\s*[.:]|\s*$)")),
    ("article", re.compile(r"^(?:Điều|ĐIỀU)\s+\d+[a-z]?(?:\s*[.:]|\s*$)")),
    ("subsection", re.compile(r"^\d{1,2}(?:\.\d{1,2})+\.?(?=\s|$)")),
    ("section", re.compile(r"^\d{1,2}\.(?=\s|$)")),
    ("point", re.compile(r"^[a-zđ][).](?=\s|$)")),
    ("item", re.compile(r"^(?:\(\d{1,2}\)|\([a-zđ]\)|\d{1,2}\))(?=\s|$)")),
    ("bullet", re.compile(r"^[-–—](?=\s)")),
    ("subbullet", re.compile(r"^[+•*](?=\s)")),
]
# The node kind each label kind is stored as (the tree keeps the coarse kinds callers know).
_NODE_KIND = {"chapter_section": "part", "article": "section", "subbullet": "bullet"}
# A label word printed alone, its number on the next line ("Chương" / "I", "Điều" / "1. Phạm vi…").
_LABEL_WORD = re.compile(r"^(?:PHẦN|Phần|CHƯƠNG|Chương|MỤC|Mục|ĐIỀU|Điều)$")
_LABEL_NUMBER = re.compile(r"^(?:[IVXLC]+|\d+[a-z]?)(?:[.:]|(?=\s)|$)")
# "(Ban hành kèm theo Quyết định số …)": the line under the title of an attached act.
_ATTACHED_BY = re.compile(r"^\(?\s*(?:ban hanh\s+)?kem theo\b")
# Acts and instruments issued "kèm theo" a decision: the act types, and the texts only ever
# issued that way (Nội quy, Điều lệ, Quy trình, Danh mục, Bộ tiêu chí, Định mức, Chiến lược…).
ATTACHED_TYPES = {**ACT_TYPES, **ATTACHED_ONLY_TYPES}
_ATTACHED_TYPE = re.compile(rf"^(?:{'|'.join(sorted(ATTACHED_TYPES, key=len, reverse=True))})\b")
_MAX_ATTACHED_TITLE_LINES = 6
_MAX_TITLE_WORDS = 30


def _label_of(line: _Line) -> tuple[str, str] | None:
    for kind, pattern in _LABELS:
        match = pattern.match(line.text)
        if match:
            if kind == "point" and line.text[1] == "." and line.words < 2:
                continue
            return kind, match.group(0)
    return None


# A short heading ends without sentence punctuation; a content line is a sentence.
_MAX_HEADING_WORDS = 60
_MAX_LEAD_WORDS = 15


def _title_for(rest: str) -> str:
    """Heading text after the label, or a short lead for a content line, or ""."""
    rest = rest.strip()
    if not rest:
        return ""
    words = len(rest.split())
    if rest.endswith(":") and words <= _MAX_HEADING_WORDS:
        return rest[:-1].strip()
    if not re.search(r"[.;!?…]$", rest) and words <= _MAX_HEADING_WORDS:
        return rest
    colon = rest.find(":")
    if colon > 0 and len(rest[:colon].split()) <= _MAX_LEAD_WORDS:
        return rest[:colon].strip()
    return ""


# --------------------------------------------------------------------------- tail patterns

_NOI_NHAN = NOI_NHAN_KEY
_POSITION = POSITION_KEY
_SIGNED = SIGNED_MARK_KEY
_APPENDIX = re.compile(r"^phu luc\b")
_APPENDIX_NUMBER = re.compile(r"^\s*(?:số\s*)?(?:[\dIVXLC]+[a-z]?(?:\s*[,-–]\s*[\dIVXLC]+)*)?\s*[.:]?\s*$")
_CLOSING = re.compile(r"\./\.?\s*$|\.\s*/\s*\.\s*$")
_TABLE_INDEX_HEADER = re.compile(r"^(?:tt|stt|so tt|so thu tu)\.?$")


def _is_capacity(line: _Line) -> bool:
    if not _is_upper(line.text) or line.words > 8:
        return False
    return bool(CAPACITY_PREFIX.match(line.text) or _POSITION.search(line.key))


def _is_person_name(line: _Line) -> bool:
    """"Nguyễn Trường Sơn": 2–6 capitalised words, nothing else."""
    words = line.text.split()
    return 2 <= len(words) <= 6 and all(re.fullmatch(rf"[{VI_UPPER}][{VI_LOWER}]*\.?", w) for w in words)


# --------------------------------------------------------------------------- parser


def parse_structure(text: str) -> Node:
    """Parse cleaned ``text`` into a tree whose root spans the whole text."""
    lines = _lines(text)
    root = Node("document", "", "", 0, len(text))
    header_end = _header_length(lines)
    if header_end:
        root.children.append(_header_node(lines[:header_end]))
    _Body(root, text).feed(lines[header_end:])
    _fix_ends(root)
    root.start, root.end = 0, len(text)
    return root


def _header_length(lines: list[_Line]) -> int:
    """Number of leading lines that form the header block (0 when there is none)."""
    count, standard = 0, False
    in_vv = in_kinh_gui = after_type = headline = False
    for i, line in enumerate(lines):
        key = line.key
        if _label_of(line) and not (in_kinh_gui and _label_of(line)[0] in ("bullet", "subbullet")):
            break
        if _QUOC_HIEU.search(key) or _SEPARATOR.match(line.text) or _DB_BOX.match(key) or _NUMBER_LINE.match(key) or _DATE_LINE.match(key):
            in_vv = in_kinh_gui = False
            standard = True
        elif _VV.match(key):
            in_vv, standard = True, True
        elif _KINH_GUI.match(key):
            in_kinh_gui, in_vv, standard = True, False, True
        elif _TYPE_TITLE.match(key.rstrip(" :")) and _is_upper(line.text) and not line.text.endswith(":"):
            after_type, standard, in_vv = True, True, False
        elif in_vv and (line.text[0].islower() or key.startswith("so ")):
            pass  # "V/v triển khai Chỉ thị" / "số 16/CT-TTg…" continues the V/v
        elif in_kinh_gui and (line.text[:1] in "-+•–" or (line.words <= 15 and not line.text.endswith("."))):
            pass
        elif after_type and _is_upper(line.text) and not line.text.endswith(":"):
            pass  # an upper-case trích yếu ("TRIỂN KHAI THỰC HIỆN…")
        elif _BODY_START.match(key):
            break
        elif after_type and not line.text.endswith(".") and (_is_upper(line.text) or line.words <= 60):
            pass  # trích yếu lines, the signing authority of a Quyết định
        elif _is_upper(line.text) and not line.text.endswith(":") and (not headline or line.words <= 12):
            pass  # issuing body lines
        elif i == 0 and line.words <= 40 and not re.search(r"[.;:]$", line.text):
            headline = True  # a news page or article: its headline
        elif (headline or standard) and line.words <= 12 and not re.search(r"[.;:]$", line.text) and not in_kinh_gui:
            pass  # "Ngày cập nhật 26/10/2022", "Ảnh minh họa"
        else:
            break
        count = i + 1
    return count


def _header_node(lines: list[_Line]) -> Node:
    header = Node("header", "", "", lines[0].start, lines[-1].end)
    group: list[_Line] = []
    group_kind = ""

    def flush() -> None:
        nonlocal group, group_kind
        if group:
            title = " ".join(" ".join(l.text for l in group).split()) if group_kind == "title" else ""
            header.children.append(Node(group_kind, "", title, group[0].start, group[-1].end))
        group, group_kind = [], ""

    for i, line in enumerate(lines):
        key = line.key
        if _SEPARATOR.match(line.text):
            flush()
            continue
        if _KINH_GUI.match(key):
            flush()
            group_kind = "recipients"
        elif _VV.match(key) and group_kind == "title" and group and _TYPE_TITLE.match(group[0].key):
            pass  # "QUYẾT ĐỊNH" / "Về việc ban hành…": the trích yếu of the type title
        elif _VV.match(key) or (_TYPE_TITLE.match(key.rstrip(" :")) and _is_upper(line.text)):
            flush()
            group_kind = "title"
        elif group_kind == "title" and group and _continues_title(group, line):
            pass
        elif group_kind == "recipients" and (line.text[:1] in "-+•–" or not line.text.endswith(":")):
            pass
        elif i == 0 and not any(p.search(key) for p in (_QUOC_HIEU, _NUMBER_LINE, _DATE_LINE, _DB_BOX)) and not _is_upper(line.text):
            group_kind = "title"  # a headline
        else:
            flush()
            group_kind = "paragraph"
            group.append(line)
            flush()
            continue
        group.append(line)
    flush()
    return header


def _continues_title(group: list[_Line], line: _Line) -> bool:
    """Is ``line`` more of the title (type title + trích yếu, or a wrapped V/v)?"""
    if _QUOC_HIEU.search(line.key) or _NUMBER_LINE.match(line.key) or _DATE_LINE.match(line.key) or _DB_BOX.match(line.key):
        return False
    if _VV.match(group[0].key):
        return line.text[0].islower() or line.key.startswith("so ")
    if _AUTHORITY.match(line.key) and _is_upper(line.text) and len(group) > 1:
        return False  # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …" after the trích yếu
    if len(group) > 1 and _is_upper(line.text) != _is_upper(group[-1].text):
        return False
    return True


def _join_label_words(lines: list[_Line]) -> list[_Line]:
    """ "Chương" / "I" and "Điều" / "1. Phạm vi…" read as one labelled line each."""
    joined: list[_Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        following = lines[i + 1] if i + 1 < len(lines) else None
        if following is not None and _LABEL_WORD.match(line.text) and _LABEL_NUMBER.match(following.text):
            text = f"{line.text} {following.text}"
            joined.append(_Line(line.start, following.end, text, match_key(text)))
            i += 2
            continue
        joined.append(line)
        i += 1
    return joined


_MAX_TITLE_WRAPS = 4
_BLANK_PARAGRAPH_SHARE = 0.35
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman(numeral: str) -> int:
    values = [_ROMAN[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _is_bare_label(line: _Line) -> bool:
    """ "Điều 2.", "Chương I", "1.": a label with nothing after it on its line."""
    label = _label_of(line)
    return label is not None and not line.text[len(label[1]) :].strip(" .:")


def _blank_between(text: str, before: _Line, after: _Line) -> bool:
    return re.search(r"\n[ \t]*\n", text[before.end : after.start]) is not None


def _paragraphs_by_blank_lines(text: str) -> bool:
    """Does this text separate paragraphs by blank lines (so a single line break is a wrap)?"""
    return len(re.findall(r"\n[ \t]*\n", text)) >= _BLANK_PARAGRAPH_SHARE * max(1, text.count("\n"))


def _continues(text: str, previous: _Line, line: _Line, by_blank: bool) -> bool:
    """Is ``line`` the same paragraph as ``previous``, wrapped?"""
    if _label_of(line) or _blank_between(text, previous, line):
        return False
    return by_blank or line.text[0].islower()


def _title_block(lines: list[_Line], at: int, text: str, kind: str, by_blank: bool = False) -> list[_Line]:
    """The title lines under a bare label ("Điều 2." / "Đối tượng áp dụng"), or [].

    A title is the paragraph right under the label, short and without closing punctuation;
    a sentence wrapped over several lines ("Quyết định này quy định về" / "phân công …") is not.
    """
    if kind not in ("part", "chapter_section", "article", "section", "subsection"):
        return []
    block: list[_Line] = []
    for line in lines[at + 1 :]:
        if _label_of(line) or (block and not _continues(text, block[-1], line, by_blank)):
            break
        block.append(line)
        if len(block) > 3:
            return []
    if not block or block[0].text[0].islower() or _NOI_NHAN.match(block[0].key) or _is_capacity(block[0]):
        return []
    joined = " ".join(line.text for line in block)
    if len(joined.split()) > _MAX_TITLE_WORDS or re.search(r"[.;!?…]$", joined):
        return []
    if kind in ("part", "chapter_section") and not _is_upper(joined):
        return []
    return block


def _attachment_starts(lines: list[_Line], text: str) -> dict[int, int]:
    """{first title line: its "(Ban hành kèm theo …)" line} for every act attached to this one.

    The attached act's title is the upper-case type title ("QUY ĐỊNH", "KẾ HOẠCH", "CHƯƠNG
    TRÌNH HÀNH ĐỘNG …") and its trích yếu in the few lines above the "kèm theo" line.
    """
    starts: dict[int, int] = {}
    for i, line in enumerate(lines):
        if not _ATTACHED_BY.match(line.key) or not line.text.startswith("("):
            continue
        for j in range(i - 1, max(-1, i - 1 - _MAX_ATTACHED_TITLE_LINES), -1):
            candidate = lines[j]
            if _label_of(candidate) or _is_person_name(candidate) or _QUOC_HIEU.search(candidate.key):
                break
            if _is_upper(candidate.text) and _ATTACHED_TYPE.match(candidate.key):
                starts[j] = i
                break
    return starts


class _Body:
    """Builds the body, tail (recipients, signature) and appendices from lines."""

    def __init__(self, root: Node, text: str):
        self.root, self.text = root, text
        self.stack: list[Node] = []  # open labelled nodes, outermost first
        self.preamble: Node | None = None
        self.mode = "body"  # body | tail | recipients | signature | appendix
        self.last: Node | None = None  # node of the previous line, for wrapped lines
        self.body_seen = False
        self.signature: Node | None = None
        self.name_seen = False
        self.appendix_lines: list[_Line] = []
        self.appendix: Node | None = None
        self._kinds: dict[int, str] = {}  # id(node) -> label kind ("article" is stored as "section")
        self.base: Node = root  # where top-level labelled nodes go: the root, or an attached act
        self.title_lines: list[_Line] = []  # lines that carry the title of the heading just opened
        self.following: list[_Line] = []  # the lines after the current one, to read a wrapped line whole
        self.by_blank = _paragraphs_by_blank_lines(text)
        self.previous: _Line | None = None

    def feed(self, lines: list[_Line]) -> None:
        lines = _join_label_words(lines)
        attachments = _attachment_starts(lines, self.text)
        skip_until = -1
        for i, line in enumerate(lines):
            if i <= skip_until:
                continue
            if i in attachments and self.body_seen:
                skip_until = attachments[i]
                self._open_attachment(lines[i : skip_until + 1])
                continue
            if self.title_lines and line is self.title_lines[0]:
                skip_until = i + len(self.title_lines) - 1
                self._take_title(self.title_lines)
                continue
            self.title_lines = []
            self.following = lines[i + 1 : i + 1 + _MAX_TITLE_WRAPS]
            self._line(line)
            if self.stack and self.last is self.stack[-1] and self.stack[-1].start == line.start and _is_bare_label(line):
                self.title_lines = _title_block(lines, i, self.text, self._kind(self.stack[-1]), self.by_blank)
        self._close_appendix()

    # -- dispatch
    def _line(self, line: _Line) -> None:
        try:
            self._dispatch(line)
        finally:
            self.previous = line

    def _opens_appendix(self, line: _Line) -> bool:
        """ "PHỤ LỤC I", "Phụ lục 2" under the signature starts an appendix; "Phụ lục II ban hành
        kèm theo Nghị định này." wrapped onto the start of a line is a sentence of the body."""
        if not _APPENDIX.match(line.key) or not line.text.startswith("P"):
            return False
        if _is_upper(line.text):
            return True
        numbered = _APPENDIX_NUMBER.match(line.text[len("Phụ lục") :])
        after_block = self.mode != "body" or self.previous is None or re.search(r"[.;:!?]$", self.previous.text)
        return bool(numbered) and bool(after_block)

    def _dispatch(self, line: _Line) -> None:
        if self.body_seen and self._opens_appendix(line):
            return self._open_appendix(line)  # also the next appendix after one
        if self.mode == "appendix":
            self.appendix_lines.append(line)
            return None
        if self.body_seen and _NOI_NHAN.match(line.key):
            self.mode = "recipients"
            return self._add_root("recipients", line)
        if self.body_seen and _is_capacity(line) and not (self.mode == "signature" and self.name_seen):
            return self._signature_line(line)
        if self.mode == "recipients":
            if line.text[:1] in "-+•–" or line.key.startswith("luu") or (line.words <= 8 and line.text.endswith(";")):
                return self._extend(self.root.children[-1], line)
            self.mode = "tail"
        if self.mode == "signature":
            if _SIGNED.match(line.key) or (not self.name_seen and _is_person_name(line)):
                self.name_seen = self.name_seen or _is_person_name(line)
                return self._extend(self.signature, line)
            self.mode = "tail"
        if self.mode == "tail":
            return self._paragraph_at_root(line)
        return self._body_line(line)

    # -- body
    def _body_line(self, line: _Line) -> None:
        label = _label_of(line)
        if label is None and self.last is not None and line.text[0].islower():
            return self._extend(self.last, line)  # a sentence wrapped over a page break
        if label is None:
            if self.body_seen and _CLOSING.search(line.text):
                self.stack.clear()
                self.mode = "tail"
                return self._paragraph_at_root(line)
            return self._paragraph(line)
        kind, label_text = label
        if not self._in_sequence(kind, label_text):
            return self._paragraph(line)
        self.body_seen = True
        rest = " ".join([line.text[len(label_text) :], *(l.text for l in self._wrapped(line))])
        rank = _RANK[kind]
        while self.stack and _RANK[self._kind(self.stack[-1])] >= rank:
            self.stack.pop()
        title = "" if kind in ("bullet", "subbullet") else _title_for(rest)
        node = Node(_NODE_KIND.get(kind, kind), " ".join(label_text.split()), title, line.start, line.end)
        self._container().children.append(node)
        self.stack.append(node)
        self._kinds[id(node)] = kind
        self.last = node

    def _wrapped(self, line: _Line) -> list[_Line]:
        """The lines a labelled line wraps onto: no blank line between, lower-case start."""
        wrapped, previous = [], line
        for following in self.following:
            if not _continues(self.text, previous, following, self.by_blank):
                break
            wrapped.append(following)
            previous = following
        return wrapped

    def _in_sequence(self, kind: str, label_text: str) -> bool:
        """Roman parts and 1.1-style subsections follow their numbering: "IV." with no part
        before it, or "2.8" under "2." with no "2.7", are figures in a table, not labels."""
        if kind == "part" and re.fullmatch(r"[IVXLC]+\.", label_text.strip()):
            value = _roman(label_text.strip()[:-1])
            siblings = [n for n in self._container_for(kind).children if n.kind == "part"]
            previous = next((n for n in reversed(siblings) if re.fullmatch(r"[IVXLC]+\.", n.label)), None)
            return value == 1 or (previous is not None and _roman(previous.label[:-1]) == value - 1)
        if kind == "subsection":
            numbers = [int(n) for n in re.findall(r"\d+", label_text)]
            parent = next((n for n in reversed(self.stack) if self._kind(n) == "section"), None)
            parent_number = re.fullmatch(r"(\d+)\.", parent.label) if parent is not None else None
            if parent_number is not None and numbers[0] != int(parent_number.group(1)):
                return False
            if numbers[-1] == 1:
                return True
            siblings = [n for n in self._container_for(kind).children if self._kind(n) == "subsection"]
            if not siblings:
                return False
            last = [int(n) for n in re.findall(r"\d+", siblings[-1].label)]
            return last[:-1] == numbers[:-1] and last[-1] == numbers[-1] - 1 or len(last) != len(numbers)
        return True

    def _container_for(self, kind: str) -> Node:
        """The node a label of ``kind`` would be placed under."""
        rank = _RANK[kind]
        return next((n for n in reversed(self.stack) if _RANK[self._kind(n)] < rank), self.base)

    def _take_title(self, lines: list[_Line]) -> None:
        """The heading just opened ("Điều 2.", "Chương I") takes its title from the lines below it."""
        node = self.stack[-1]
        node.title = " ".join(" ".join(line.text for line in lines).split()).rstrip(":").strip()
        self._extend(node, lines[-1])
        self.title_lines = []

    def _open_attachment(self, lines: list[_Line]) -> None:
        """An act issued with this one ("QUY ĐỊNH … (Ban hành kèm theo Quyết định số …)"): its
        own body follows, with its own Chương/Điều, under one node titled by its title lines."""
        self._close_appendix()
        self.stack.clear()
        title_lines = [line for line in lines if not _ATTACHED_BY.match(line.key)]
        title = " ".join(" ".join(line.text for line in title_lines).split())
        node = Node("appendix", "", title, lines[0].start, lines[-1].end)
        self._kinds[id(node)] = "attachment"
        self.root.children.append(node)
        self.base, self.mode, self.last = node, "body", node

    def _kind(self, node: Node) -> str:
        return self._kinds.get(id(node), node.kind)

    def _container(self) -> Node:
        return self.stack[-1] if self.stack else self.base

    def _paragraph(self, line: _Line) -> None:
        while self.stack and self._kind(self.stack[-1]) in ("bullet", "subbullet"):
            self.stack.pop()
        if not self.stack and not self.body_seen:
            if self.preamble is None:
                self.preamble = Node("preamble", "", "", line.start, line.end)
                self.root.children.append(self.preamble)
            parent = self.preamble
        else:
            parent = self._container()
        node = Node("paragraph", "", "", line.start, line.end)
        parent.children.append(node)
        self.last = node

    def _paragraph_at_root(self, line: _Line) -> None:
        if self.last is not None and self.last.kind == "paragraph" and line.text[0].islower():
            return self._extend(self.last, line)
        node = Node("paragraph", "", "", line.start, line.end)
        self.root.children.append(node)
        self.last = node
        return None

    def _add_root(self, kind: str, line: _Line) -> None:
        self.stack.clear()
        self.base = self.root
        node = Node(kind, "", "", line.start, line.end)
        self.root.children.append(node)
        self.last = node

    def _extend(self, node: Node | None, line: _Line) -> None:
        if node is not None:
            node.end = max(node.end, line.end)

    # -- signature
    def _signature_line(self, line: _Line) -> None:
        if self.mode != "signature" or self.signature is None:
            self.stack.clear()
            self.base = self.root
            self.signature = Node("signature", "", "", line.start, line.end)
            self.root.children.append(self.signature)
            self.name_seen = False
        self.mode = "signature"
        self._extend(self.signature, line)
        self.last = self.signature

    # -- appendix
    def _open_appendix(self, line: _Line) -> None:
        self._close_appendix()
        self.stack.clear()
        self.base = self.root
        self.mode = "appendix"
        self.appendix_lines = [line]

    def _close_appendix(self) -> None:
        if not self.appendix_lines:
            return
        self.root.children.append(_appendix_node(self.appendix_lines, self.text))
        self.appendix_lines = []


def _appendix_node(lines: list[_Line], text: str) -> Node:
    title_lines = [lines[0]]
    for line in lines[1:3]:
        if _is_upper(line.text) and not _TABLE_INDEX_HEADER.match(line.key):
            title_lines.append(line)
        else:
            break
    title = " ".join(l.text for l in title_lines)
    node = Node("appendix", "", title, lines[0].start, lines[-1].end)
    table_at = next((i for i, l in enumerate(lines) if i > 0 and _TABLE_INDEX_HEADER.match(l.key)), None)
    before = lines[len(title_lines) : table_at] if table_at is not None else lines[len(title_lines) :]
    _read_body_into(node, before, text)
    if table_at is not None:
        table, used = _table_node(lines[table_at:])
        if table is not None:
            node.children.append(table)
            _read_body_into(node, lines[table_at + used :], text)
        else:
            _read_body_into(node, lines[table_at:], text)
    return node


def _read_body_into(node: Node, lines: list[_Line], text: str) -> None:
    """Numbered parts, sections and points of an appendix's text, read like the body's."""
    if not lines:
        return
    body = _Body(node, text)
    body.body_seen = True
    body.feed(lines)


def _table_node(lines: list[_Line]) -> tuple[Node | None, int]:
    """Rebuild a table flattened one cell per line: header cells, then numbered rows.

    Returns the table node and how many lines it used.  Rows start with the running
    index (1, 2, 3…); a row with more cells than columns keeps its first cells and
    its last one and merges the extra middle cells into the column before the last.
    """
    columns = [lines[0].text]
    i = 1
    while i < len(lines) and lines[i].text.rstrip(".") != "1" and lines[i].words <= 10:
        columns.append(lines[i].text)
        i += 1
    if len(columns) < 2 or i >= len(lines):
        return None, 0
    table = Node("table", "", "", lines[0].start, lines[i - 1].end, cells=columns)
    expected = 1
    while i < len(lines) and lines[i].text.rstrip(".") == str(expected):
        j = i + 1
        while j < len(lines) and lines[j].text.rstrip(".") != str(expected + 1):
            j += 1
        cell_lines = lines[i + 1 : j]
        if j >= len(lines):  # last row: no next index tells where it ends
            cell_lines = cell_lines[: len(columns) - 1]
        elif len(cell_lines) > len(columns) + 2:
            break
        row = Node("row", str(expected), "", lines[i].start, (cell_lines[-1] if cell_lines else lines[i]).end)
        row.cells = [str(expected)] + _align_cells([c.text for c in cell_lines], len(columns) - 1)
        table.children.append(row)
        i += 1 + len(cell_lines)
        expected += 1
    if not table.children:
        return None, 0
    table.end = table.children[-1].end
    return table, i


def _align_cells(cells: list[str], width: int) -> list[str]:
    if len(cells) <= width:
        return cells + [""] * (width - len(cells))
    if width < 3:
        return cells[: width - 1] + ["; ".join(cells[width - 1 :])]
    keep = width - 2
    return cells[:keep] + ["; ".join(cells[keep:-1]), cells[-1]]


def _fix_ends(node: Node) -> None:
    for child in node.children:
        _fix_ends(child)
        node.end = max(node.end, child.end)


# --------------------------------------------------------------------------- queries


def iter_nodes(node: Node) -> Iterator[Node]:
    yield node
    for child in node.children:
        yield from iter_nodes(child)


def node_path_at(root: Node, start: int, end: int | None = None) -> list[Node]:
    """Nodes from the root's child down to the deepest node containing [start, end)."""
    end = start + 1 if end is None else end
    path, node = [], root
    while True:
        inside = next((c for c in node.children if c.start <= start and end <= max(c.end, c.start + 1)), None)
        if inside is None:
            return path
        path.append(inside)
        node = inside


def is_heading_node(node: Node, text: str | None = None) -> bool:
    """A heading line: its title is the whole line after the label ("6. Sở Giáo dục…")."""
    if node.kind not in HEADING_KINDS or not node.title:
        return False
    if text is None:
        return True
    line = text[node.start : text.find("\n", node.start) if "\n" in text[node.start :] else len(text)]
    rest = " ".join(line.split())[len(node.label) :].strip().rstrip(":").strip()
    # a bare label's title is on the lines below it; a long one wraps onto them
    return rest == node.title or not rest or (node.title.startswith(rest) and len(node.title) > len(rest))


def heading_text(node: Node, text: str | None = None, lead_words: int = 8) -> str:
    """ "LABEL TITLE"; for a content line without title, the label and a short lead."""
    title = node.title
    if not title and text is not None and node.kind != "appendix":
        line_end = text.find("\n", node.start)
        line = text[node.start : line_end if line_end >= 0 else len(text)].strip()
        words = line[len(node.label) :].split()
        title = " ".join(words[:lead_words]) + ("…" if len(words) > lead_words else "")
    return f"{node.label} {title}".strip()


def heading_path_at(root: Node, offset: int, text: str | None = None, end: int | None = None) -> list[str]:
    """Headings enclosing ``offset`` (or the span [offset, end)), outermost first."""
    return [heading_text(n, text) for n in node_path_at(root, offset, end) if n.kind in HEADING_KINDS]


def section_label_at(root: Node, offset: int, end: int | None = None) -> str:
    """Label path for citations: "III.6", "V.1.a"; inside an article the way acts are cited,
    "Điều 2", "khoản 1 Điều 2", "điểm a khoản 3 Điều 4"; "" outside numbered parts.  In an act
    issued with the document, "… của Quy định kèm theo" says whose article it is.
    """
    path = node_path_at(root, offset, end)
    labels: list[tuple[str, str]] = []  # (node kind, label)
    article: str | None = None
    for node in path:
        if node.kind not in HEADING_KINDS or not node.label:
            continue
        label = node.label.rstrip(".):").strip() if not node.label.startswith("(") else node.label
        label = _PART_WORD.sub("", label)  # "PHẦN II" is cited "II"
        if _ARTICLE_LABEL.match(label):
            article, labels = label, []  # Chương/Mục above an article are not cited
        elif labels and label.startswith(labels[-1][1] + "."):
            labels[-1] = (node.kind, label)  # "3.2." under "3." is "3.2", not "3.3.2"
        else:
            labels.append((node.kind, label))
    if article is None:
        cited = ".".join(label for _, label in labels)
    else:
        # khoản are numbered (1.), điểm lettered (a)); both may stand directly under the Điều
        names = {"section": "khoản", "subsection": "khoản", "point": "điểm"}
        named = [f"{names[kind]} {label}" if kind in names else label for kind, label in labels]
        cited = " ".join([*reversed(named), article])
    at = next((i for i, n in enumerate(path) if n.kind == "appendix"), None)
    if at is None:
        return cited
    appendix = path[at]
    label = _appendix_label_above(path[at - 1] if at else root, appendix)
    attached = _ATTACHED_TYPE.match(match_key(appendix.title)) if label is None else None
    if attached is not None:
        return f"{cited} của {ATTACHED_TYPES[attached.group(0)]} kèm theo" if cited else ""
    numbered = _APPENDIX_LABEL.match(label.title if label is not None else appendix.title)
    name = " ".join(("Phụ lục", *(g for g in numbered.groups() if g))) if numbered else "Phụ lục"
    if not cited:
        return name
    return f"{name}, {cited}" if article is not None else f"{name}, mục {cited}"


def _appendix_label_above(parent: Node, appendix: Node) -> Node | None:
    """The bare "PHỤ LỤC I" line printed right above ``appendix``'s own title ("DANH MỤC THỦ TỤC …", "QUY TRÌNH
    NỘI BỘ …"), read as an appendix node of its own: the appendix is cited by that label ("Phụ lục I, mục …"), not
    as the list or procedure its title names.

    >>> root = Node("document", "", "", 0, 60, [Node("appendix", "", "PHỤ LỤC I", 0, 10),
    ...                                         Node("appendix", "", "DANH MỤC THỦ TỤC HÀNH CHÍNH", 11, 60)])
    >>> _appendix_label_above(root, root.children[1]).title
    'PHỤ LỤC I'
    """
    siblings = parent.children
    at = next((i for i, c in enumerate(siblings) if c is appendix), 0)
    before = siblings[at - 1] if at else None
    if before is None or before.kind != "appendix" or before.children:
        return None
    bare = _APPENDIX_LABEL.fullmatch(" ".join(before.title.split()))
    return before if bare and before.end - before.start <= len(before.title) + 8 else None


_PART_WORD = re.compile(r"^(?:PHẦN|Phần|CHƯƠNG|Chương)\s+(?=[IVXLC\d])")
_APPENDIX_LABEL = re.compile(r"^(?:PHỤ LỤC|Phụ lục)\s*(?:(?:SỐ|số)\s*)?([\dIVXLC]+[a-z]?)?\b")


_ARTICLE_LABEL = re.compile(r"^(?:Điều|ĐIỀU)\s+\d+[a-z]?$")


def heading_at_function(root: Node, text: str | None = None):
    """``offset -> "A › B"``: the callable find_act_references wants."""
    return lambda offset: HEADING_SEPARATOR.join(heading_path_at(root, offset, text))


# --------------------------------------------------------------------------- rendering


def render_tree(doc: Any, text: str | None = None, width: int = 80) -> str:
    """Indented outline: kind, label, title and the first characters of each node.

    ``doc`` is a ParsedDocument, or a Node together with ``text``.
    """
    root = doc if isinstance(doc, Node) else doc.root
    text = text if text is not None else doc.text
    out: list[str] = []

    def walk(node: Node, depth: int) -> None:
        snippet = " ".join(text[node.start : node.end].split())
        snippet = snippet[:width] + ("…" if len(snippet) > width else "")
        parts = [node.kind]
        if node.label:
            parts.append(node.label)
        if node.title:
            parts.append(f"«{node.title[:width]}»")
        line = "  " * depth + " ".join(parts) + f" [{node.start}:{node.end}]"
        if node.cells is not None:
            line += " | " + " | ".join(c[:40] for c in node.cells)
        elif not node.children or node.kind in ("header", "signature", "recipients", "title"):
            line += f"  {snippet}"
        out.append(line)
        for child in node.children:
            walk(child, depth + 1)

    walk(root, 0)
    return "\n".join(out)

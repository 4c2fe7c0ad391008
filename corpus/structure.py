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
from dataclasses import dataclass
from typing import Any, Iterator

from corpus.lexicon import (
    ACT_TYPES,
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
_RANK = {"part": 1, "section": 2, "subsection": 3, "point": 4, "item": 5, "bullet": 6, "subbullet": 7}

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
_LABELS = [
    ("part", re.compile(r"^(?:(?:PHẦN|Phần|CHƯƠNG|Chương)\s+(?:[IVXLC]+|\d+|thứ\s+\S+)\b\.?:?|[IVXLC]{1,6}\.)(?=\s|$)")),
    ("section", re.compile(r"^(?:Điều|ĐIỀU)\s+\d+[a-z]?\s*[.:]?(?=\s|$)")),
    ("subsection", re.compile(r"^\d{1,2}(?:\.\d{1,2})+\.?(?=\s|$)")),
    ("section", re.compile(r"^\d{1,2}\.(?=\s|$)")),
    ("point", re.compile(r"^[a-zđ][).](?=\s|$)")),
    ("item", re.compile(r"^(?:\(\d{1,2}\)|\([a-zđ]\)|\d{1,2}\))(?=\s|$)")),
    ("bullet", re.compile(r"^[-–—](?=\s)")),
    ("subbullet", re.compile(r"^[+•*](?=\s)")),
]


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
        self._kinds: dict[int, str] = {}  # id(node) -> label kind ("subbullet" is stored as "bullet")

    def feed(self, lines: list[_Line]) -> None:
        for line in lines:
            self._line(line)
        self._close_appendix()

    # -- dispatch
    def _line(self, line: _Line) -> None:
        if self.mode != "appendix" or not self.appendix_lines:
            if self.body_seen and _APPENDIX.match(line.key) and (_is_upper(line.text) or line.words <= 12):
                return self._open_appendix(line)
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
        self.body_seen = True
        rest = line.text[len(label_text) :]
        rank = _RANK[kind]
        while self.stack and _RANK[self._kind(self.stack[-1])] >= rank:
            self.stack.pop()
        title = "" if kind in ("bullet", "subbullet") else _title_for(rest)
        node = Node("bullet" if kind == "subbullet" else kind, label_text.strip(), title, line.start, line.end)
        node_kind_key = kind
        self._container().children.append(node)
        self.stack.append(node)
        self._kinds[id(node)] = node_kind_key
        self.last = node

    def _kind(self, node: Node) -> str:
        return self._kinds.get(id(node), node.kind)

    def _container(self) -> Node:
        return self.stack[-1] if self.stack else self.root

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
        self.mode = "appendix"
        self.appendix_lines = [line]

    def _close_appendix(self) -> None:
        if not self.appendix_lines:
            return
        self.root.children.append(_appendix_node(self.appendix_lines))
        self.appendix_lines = []


def _appendix_node(lines: list[_Line]) -> Node:
    title_lines = [lines[0]]
    for line in lines[1:3]:
        if _is_upper(line.text) and not _TABLE_INDEX_HEADER.match(line.key):
            title_lines.append(line)
        else:
            break
    title = " ".join(l.text for l in title_lines)
    node = Node("appendix", "", title, lines[0].start, lines[-1].end)
    table_at = next((i for i, l in enumerate(lines) if i > 0 and _TABLE_INDEX_HEADER.match(l.key)), None)
    before = lines[1:table_at] if table_at is not None else lines[1:]
    for line in before:
        if line not in title_lines:
            node.children.append(Node("paragraph", "", "", line.start, line.end))
    if table_at is not None:
        table, used = _table_node(lines[table_at:])
        if table is not None:
            node.children.append(table)
        for line in lines[table_at + used :]:
            node.children.append(Node("paragraph", "", "", line.start, line.end))
    return node


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
    rest = line.strip()[len(node.label) :].strip().rstrip(":").strip()
    return rest == node.title


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
    """Label path for citations: "III.6", "V.1.a", "Điều 2"; "" outside numbered parts."""
    labels = []
    for node in node_path_at(root, offset, end):
        if node.kind in HEADING_KINDS and node.label:
            labels.append(node.label.rstrip(".):").strip() if not node.label.startswith("(") else node.label)
    return ".".join(labels)


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

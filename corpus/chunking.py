"""Passages for indexing, cut along the structure tree.

Rules:

* the header block is one chunk of kind "header" (number, issuer, date, trích yếu);
  "Nơi nhận" + signature form another "header" chunk (who signed, who receives);
* every appendix table row is one chunk of kind "table"; its ``context`` names the
  columns ("Nội dung nhiệm vụ: …; Cơ quan chủ trì: Sở Y tế; …"); its heading path ends
  with the table's caption and the group lines / numbered rows above it ("BẢNG TIÊU CHÍ …",
  "2. Cơ sở vật chất (20 điểm)" over "2.1. Trụ sở làm việc …");
* body chunks never cross a heading: each heading section ("6. Sở Giáo dục và Đào
  tạo") is chunked on its own; inside it, consecutive content units (a heading line,
  paragraphs, content points/items/bullets with everything under them) are packed
  up to ``target_tokens``; a unit longer than ``max_tokens`` is cut at sentence
  boundaries (underthesea), a sentence longer than that at ";" then "," then words;
* ``chunk.text == text[chunk.start:chunk.end]``, no surrounding whitespace;
* ``context`` = a short document label, the heading path, then the text.

>>> from corpus.structure import parse_structure
>>> text = "KẾ HOẠCH\\nPhòng bệnh\\nI. MỤC TIÊU\\n1. Sở Y tế\\nChủ trì thực hiện.\\n2. Sở Tài chính\\nBố trí kinh phí."
>>> chunks = build_chunks("d", "kh.txt", text, parse_structure(text))
>>> [(c.kind, c.section, c.text) for c in chunks]
[('header', '', 'KẾ HOẠCH\\nPhòng bệnh'), ('body', 'I.1', '1. Sở Y tế\\nChủ trì thực hiện.'), ('body', 'I.2', '2. Sở Tài chính\\nBố trí kinh phí.')]
>>> print(chunks[1].context)
KẾ HOẠCH Phòng bệnh
I. MỤC TIÊU › 1. Sở Y tế
1. Sở Y tế
Chủ trì thực hiện.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from corpus.acts import sentence_spans
from corpus.model import HEADING_SEPARATOR, Chunk, Node
from corpus.structure import (
    HEADING_KINDS,
    heading_path_at,
    is_heading_node,
    section_label_at,
)
from corpus.vietnamese import match_key

__all__ = ["approx_tokens", "build_chunks", "render_row"]

Span = tuple[int, int]
MAX_TOKENS = 400  # upper bound of a chunk, in model tokens (estimated unless count_tokens is given)
TARGET_TOKENS = 220  # chunks are cut near this size at sentence/item boundaries
_LEAD_IN_WORDS = 15  # a heading line longer than this is a sentence leading into its points
TOKENS_PER_SYLLABLE = 1.6  # XLM-R sentencepiece pieces per Vietnamese syllable, measured roughly


def approx_tokens(text: str) -> int:
    return math.ceil(TOKENS_PER_SYLLABLE * len(text.split()))


def build_chunks(
    doc_id: str,
    source: str,
    text: str,
    root: Node,
    count_tokens: Callable[[str], int] | None = None,
    max_tokens: int = MAX_TOKENS,
    target_tokens: int = TARGET_TOKENS,
    title: str | None = None,
) -> list[Chunk]:
    """Chunks of one document, in text order.  ``title``: the document label for contexts."""
    builder = _Builder(text, root, count_tokens or approx_tokens, max_tokens, target_tokens)
    builder.run()
    label = title if title is not None else _default_label(text, root)
    chunks = []
    for i, (start, end, kind, row) in enumerate(builder.spans):
        path = heading_path_at(root, start, text, end)
        path += [part for part in builder.table_path.get(i, ()) if not _said(part, path)]
        body = render_row(row, builder.columns.get(id(row), [])) if row is not None else text[start:end]
        context = "\n".join(part for part in (label, HEADING_SEPARATOR.join(path), body) if part)
        chunks.append(Chunk(
            chunk_id=f"{doc_id}:{i:04d}",
            doc_id=doc_id,
            source=source,
            text=text[start:end],
            start=start,
            end=end,
            heading_path=path,
            section=section_label_at(root, start, end),
            kind=kind,
            context=context,
        ))
    return chunks


def render_row(row: Node, columns: list[str]) -> str:
    """ "Nội dung nhiệm vụ: …; Cơ quan chủ trì: Sở Y tế; …" (the running index is left out)."""
    cells = list(row.cells or [])
    names = list(columns)
    if names and re.fullmatch(r"s?tt\.?|so tt|so thu tu", match_key(names[0])):
        names, cells = names[1:], cells[1:]
    parts = []
    for i, cell in enumerate(cells):
        if not cell:
            continue
        name = names[i] if i < len(names) else ""
        parts.append(f"{name}: {cell}" if name else cell)
    return "; ".join(parts)


def _default_label(text: str, root: Node) -> str:
    header = next((c for c in root.children if c.kind == "header"), None)
    node = next((c for c in header.children if c.kind == "title"), None) if header else None
    if node is None:
        return ""
    words = text[node.start : node.end].split()
    return " ".join(words[:30]) + ("…" if len(words) > 30 else "")


class _Builder:
    def __init__(self, text: str, root: Node, count: Callable[[str], int], max_tokens: int, target: int):
        self.text, self.root, self.count = text, root, count
        self.max_tokens, self.target = max_tokens, target
        self.spans: list[tuple[int, int, str, Node | None]] = []
        self.columns: dict[int, list[str]] = {}
        # span index -> what a table row reads under besides the tree's headings: the table's
        # caption, the group rows and numbered parent rows above it ("2. Cơ sở vật chất (20 điểm)")
        self.table_path: dict[int, list[str]] = {}
        self.last_table_end = 0

    # -- tree walk
    def run(self) -> None:
        pending: list[Span] = []  # root-level body units (preamble, closing paragraphs)
        tail: list[Node] = []  # recipients + signature, emitted together
        for child in self.root.children:
            if child.kind in ("recipients", "signature"):
                self._emit(pending, "body")
                pending = []
                tail.append(child)
                continue
            if tail:
                self._emit_tail(tail)
                tail = []
            if child.kind == "header":
                self._emit([self._span(child)], "header")
            elif child.kind == "preamble":
                self._emit(pending, "body")
                pending = []
                self._section(child)
            elif child.kind == "table":  # a legal-database table outside any numbered part
                self._emit(pending, "body")
                pending = []
                self._table(child)
            elif child.kind in HEADING_KINDS:  # numbered nodes at the top level stand alone
                self._emit(pending, "body")
                pending = []
                self._section(child)
            else:
                pending.append(self._span(child))
        self._emit(pending, "body")
        if tail:
            self._emit_tail(tail)

    def _section(self, node: Node, lead: Span | None = None) -> None:
        """Chunks of ``node``; ``lead``: a lead-in of the parent ("2. Mức đóng … như sau:")
        that starts the first chunk here, so that it is quoted with what it introduces."""
        units: list[Span] = [lead] if lead else []
        own_line = self._own_line(node)
        if own_line:
            units.append(own_line)
        # A heading over content ("6. Sở Giáo dục và Đào tạo") is never a chunk by itself; a
        # numbered line that *is* content ("3. Giao Phòng Nghiệp vụ chủ trì…") always is, and
        # so is a lead-in sentence ("2. Mức đóng … như sau:").
        heading_line = None
        if own_line and node.children and is_heading_node(node, self.text) and not self._is_lead_in(own_line):
            heading_line = own_line
        for child in node.children:
            if child.kind == "table":
                rows = child.children
                if units and rows and rows[0].kind != "row":
                    # A legal-database table's header row goes with the text before it (a
                    # heading over the table alone would otherwise be in no chunk).
                    units.append(self._span(rows[0]))
                    rows = rows[1:]
                self._emit(units, "body", heading_line)
                units = []
                self._table(child, rows)
            elif child.children and (child.kind in HEADING_KINDS and child.kind not in ("point", "item")
                                     or is_heading_node(child, self.text)):
                carried = units[0] if len(units) == 1 and units[0] == own_line and heading_line is None else None
                if carried is None:
                    self._emit(units, "body", heading_line)
                units = []
                self._section(child, carried)
            else:
                units.append(self._span(child))
        self._emit(units, "body", heading_line)

    def _is_lead_in(self, span: Span) -> bool:
        """A heading line that is a sentence leading into its points: it ends with a colon or
        runs long.  A short title ("Điều 3. Bình ổn giá") stays in the heading path only."""
        words = self.text[span[0] : span[1]].split()
        return bool(words) and (words[-1].endswith(":") or len(words) > _LEAD_IN_WORDS)

    def _own_line(self, node: Node) -> Span | None:
        """The node's own text before its first child: the label line with the lines it wraps
        onto ("Điều 3. Quyết" / "định này có hiệu lực…"), a title under a bare label, the
        title lines of an appendix."""
        if node.kind not in HEADING_KINDS:
            return None
        end = min([c.start for c in node.children] + [node.end])
        end = len(self.text[:end].rstrip())
        return (node.start, end) if self.text[node.start : end].strip() else None

    def _table(self, table: Node, rows: list[Node] | None = None) -> None:
        """One chunk per row; every row (and group line) reads under the table's caption and
        the group lines and numbered rows above it that it belongs to (see :func:`table_headings`)."""
        caption = table_caption(self.text, table.start, self.last_table_end)
        self.last_table_end = table.end
        above = table_headings(self.text, table)
        for row in table.children if rows is None else rows:
            first = len(self.spans)
            if row.kind != "row":  # a group row of a legal-database table: text, not cells
                self._emit([self._span(row)], "body")
            else:
                self.columns[id(row)] = table.cells or []
                self.spans.append((row.start, row.end, "table", row))
            path = ([caption] if caption else []) + above.get(id(row), [])
            for i in range(first, len(self.spans)):
                if path:
                    self.table_path[i] = path

    def _emit_tail(self, nodes: list[Node]) -> None:
        self._emit([(nodes[0].start, nodes[-1].end)], "header")

    def _span(self, node: Node) -> Span:
        return node.start, node.end

    # -- packing
    def _emit(self, units: list[Span], kind: str, heading_line: Span | None = None) -> None:
        """Pack units into chunks; ``heading_line`` never becomes a chunk on its own (the
        chunks below it carry it in their heading path, so alone it would say nothing)."""
        units = [u for unit in units for u in self._fit(unit)]
        current: list[Span] = []
        tokens = 0
        for start, end in units:
            size = self.count(self.text[start:end])
            # A short start (a heading line) may take a long unit along, up to max_tokens.
            small_start = tokens < self.target // 4 and tokens + size <= self.max_tokens
            if current and tokens + size > self.target and not small_start:
                if current != [heading_line]:
                    self._add(current, kind)
                current, tokens = [], 0
            current.append((start, end))
            tokens += size
        if current and current != [heading_line]:
            self._add(current, kind)

    def _add(self, units: list[Span], kind: str) -> None:
        start, end = units[0][0], units[-1][1]
        raw = self.text[start:end]
        start += len(raw) - len(raw.lstrip())
        end -= len(raw) - len(raw.rstrip())
        if end > start:
            self.spans.append((start, end, kind, None))

    def _fit(self, unit: Span) -> list[Span]:
        """``unit`` as pieces of at most max_tokens: lines, then sentences, then clauses."""
        start, end = unit
        if self.count(self.text[start:end]) <= self.max_tokens:
            return [unit]
        pieces = [(s, e) for s, e in sentence_spans(self.text) if start <= s and e <= end]
        if not pieces or pieces == [unit]:
            return self._clauses(unit)
        covered = []
        for piece in pieces:
            covered.extend(self._fit(piece) if piece != unit else self._clauses(piece))
        return covered

    def _clauses(self, unit: Span) -> list[Span]:
        """Cut one over-long sentence at ";", else ",", else between words."""
        start, end = unit
        for separator in (r";\s+", r",\s+", r"\s+"):
            cuts = [m.end() for m in re.finditer(separator, self.text[start:end])]
            if not cuts:
                continue
            pieces, piece_start, last_cut = [], start, start
            for cut in [start + c for c in cuts] + [end]:
                if self.count(self.text[piece_start:cut]) > self.max_tokens and last_cut > piece_start:
                    pieces.append((piece_start, last_cut))
                    piece_start = last_cut
                last_cut = cut
            pieces.append((piece_start, end))
            pieces = [(s, s + len(self.text[s:e].rstrip())) for s, e in pieces]
            if all(self.count(self.text[s:e]) <= self.max_tokens for s, e in pieces) or separator == r"\s+":
                return pieces
        return [unit]


# --------------------------------------------------------------------------- tables' headings

_CAPTION_WORDS = 40  # a longer block above a table is running text, not its caption
_CAPTION_LINES = 4
_UNIT_LINE = re.compile(r"^[*_\s]*đơn vị( tính)?\s*:", re.IGNORECASE)
_ENDS_CLAUSE = re.compile(r"[.;:]\s*$")
_ROW_NUMBER = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})*)\.?(?!\d)")
_ROMAN = re.compile(r"[IVX]+\.?")
_LETTER = re.compile(r"[A-ZĐ]\.?")
_GROUP_WORDS = 40  # a lone cell longer than this is content, not a group line
_NAME_WORDS = 20  # words of a parent row kept in its children's heading path


def table_caption(text: str, start: int, floor: int = 0) -> str:
    """The caption printed right above a table ("BẢNG TIÊU CHÍ ĐÁNH GIÁ …", "Biểu 1 - Dự
    toán kết quả kinh doanh", "2. Thành phần hồ sơ"), "" when there is none: the block of
    lines above it, past a "(Kèm theo …)" line and a "Đơn vị tính: …" line, up to a blank
    line, the end of the sentence or note before; an upper-case title stops at the first
    line that is not upper-case (the signer's name above it).

    >>> text = "Trần Văn A\\nBẢNG TIÊU CHÍ\\nĐÁNH GIÁ\\n(Kèm theo Công văn số 5)\\n"
    >>> table_caption(text, len(text))
    'BẢNG TIÊU CHÍ ĐÁNH GIÁ'
    """
    lines = [line.strip(" *_\t") for line in text[max(floor, start - 1500):start].split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    if not lines:
        return ""
    if lines and lines[-1].endswith(")"):  # a "(Kèm theo …)" note, up to four lines
        for back in range(1, min(_CAPTION_LINES, len(lines)) + 1):
            if lines[-back].startswith("("):
                del lines[-back:]
                break
    while lines and (not lines[-1] or _UNIT_LINE.match(lines[-1])):
        lines.pop()
    block: list[str] = []
    upper = bool(lines) and _is_upper(lines[-1])
    while lines and lines[-1] and len(block) < _CAPTION_LINES:
        line = lines.pop()
        if block and (_ENDS_CLAUSE.search(line) or line.endswith(")") or upper and not _is_upper(line)):
            break
        block.insert(0, line)
    caption = " ".join(" ".join(block).split())
    if not caption or len(caption.split()) > _CAPTION_WORDS or caption.endswith("."):
        return ""
    return caption


def _is_upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def table_headings(text: str, table: Node) -> dict[int, list[str]]:
    """For each child of ``table`` (by ``id``), the group lines and rows above it that it is
    read under: a group line ("A", "Lĩnh vực Y tế dự phòng", "2. Cơ sở vật chất (20 điểm)")
    heads the rows after it until the next group line of its kind; a numbered row heads
    the rows numbered under it ("1.1" over "1.1.1", "2." over "2.1.").
    """
    out: dict[int, list[str]] = {}
    stack: list[tuple[object, str]] = []  # (number tuple | "letter" | "roman" | "name", text)
    previous_group = False
    for child in table.children[1:]:
        cells = [c for c in (child.cells or []) if c] if child.kind == "row" else []
        own = " ".join(text[child.start:child.end].split()) if child.kind != "row" else ""
        first = cells[0] if cells else own
        number = _ROW_NUMBER.match(first)
        key: object
        if number:
            key = tuple(int(p) for p in number.group(1).split("."))
        elif _ROMAN.fullmatch(token := (first.split() or [""])[0]):  # "I", "II" (never the letter I)
            key = "roman"
        elif _LETTER.fullmatch(token):
            key = "letter"
        else:
            key = "name"
        group = child.kind != "row"
        if group and len(own.split()) > _GROUP_WORDS:
            out[id(child)] = [t for _, t in stack]
            previous_group = False
            continue
        bare = bool(stack) and (_ROMAN.fullmatch(stack[-1][1]) or _LETTER.fullmatch(stack[-1][1]))
        if group and previous_group and stack and (key == "name" or bare):
            # a group's name under its label ("A" / "Thủ tục hành chính cấp tỉnh")
            stack[-1] = (stack[-1][0] if stack[-1][0] != "name" else key, f"{stack[-1][1]} {own}")
            out[id(child)] = [t for _, t in stack[:-1]]
            continue
        if isinstance(key, tuple):
            while stack and not (isinstance(stack[-1][0], tuple) and key[: len(stack[-1][0])] == stack[-1][0]
                                 and len(key) > len(stack[-1][0])) and isinstance(stack[-1][0], tuple):
                stack.pop()
        elif key in ("letter", "roman") or group:
            kinds = [k for k, _ in stack]
            if key in kinds:
                del stack[kinds.index(key):]
            elif group:
                while stack and isinstance(stack[-1][0], tuple):
                    stack.pop()
        out[id(child)] = [t for _, t in stack]
        if group:
            stack.append((key, own))
        elif key != "name":
            name = next((c for c in cells if not _ROW_NUMBER.fullmatch(c) and not _ROMAN.fullmatch(c)
                         and not _LETTER.fullmatch(c)), "")
            label = number.group(0).strip() if number and not cells[0].strip().startswith(name[:5] or "\0") else ""
            words = f"{label} {name}".split() if name and not name.startswith(label) else name.split()
            if words:
                stack.append((key, " ".join(words[:_NAME_WORDS])))
        previous_group = group
    return out


def _said(part: str, path: list[str]) -> bool:
    """``part`` says nothing new: a heading of ``path`` holds most of its words (the
    appendix title printed again as the table's caption)."""
    words = set(match_key(part).split())
    return any(len(words & set(match_key(p).split())) >= 0.6 * len(words) for p in path)

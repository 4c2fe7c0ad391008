"""Candidate units: the quotable pieces of every document, cut once when the index loads.

A *unit* is a sentence (wrapped lines of gazette text joined back), a numbered or
lettered point, a table row (with its column names) or a heading line.  Sentences are
cut by punctuation on *logical lines*: a physical line continues the previous one when
that one does not end a sentence and this one starts in lower case (PDF text breaks
lines mid-sentence: "…bảo\\nhiểm y tế"), or when that one is a long line of running text
stopping mid-sentence right above it (page-width wrapping: "… và thay thế\\nThông tư 57/…").
A bare label line ("3.", "a)") and a short field name ending in a colon ("+ Nhiệt độ hoạt động:")
join what follows (the value is read under its name).

:class:`UnitIndex` holds, per document, sorted sentence spans and table rows; ``units_of``
turns a passage (chunk) into its units by bisection.  Nothing is computed per request
except those small lists, and nothing is cached from request threads.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import pairwise

from corpus.model import HEADING_SEPARATOR, Node
from corpus.vietnamese import match_key
from retriever.qa import vocabulary as V
from retriever.qa.model import Unit, UnitKind

_LINE = re.compile(r"[^\n]+")
_WORD = re.compile(r"\w+")
_LABEL_ONLY = re.compile(V.LABEL_ONLY)
_LEAD_LABEL = re.compile(V.LEAD_LABEL)
_ENDS_SENTENCE = re.compile(r"[.;:!?…”\"')]\s*$")
_STARTS_LOWER = re.compile(r"^\s*[a-zàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ(0-9]")
_STARTS_LABEL = re.compile(r"^\s*(?:[a-zđ]\)|\d+(?:\.\d+)*\.\s|[-+•*–]\s|\(\d+\))")
# A line at least this long that stops mid-sentence was wrapped by the page width ("… và thay thế\nThông tư 57/…").
_WRAPPED_LINE = 40
_HAS_LOWER = re.compile(r"[a-zà-ỹđ]")
# A field name: a short line ending in a colon ("+ Nhiệt độ hoạt động:", "Địa chỉ:"); its value follows.
_FIELD_LABEL = re.compile(r"^(?:[-+•*–]\s*)?[^\s:;.!?]+(?:\s+[^\s:;.!?]+){0,5}:$")
# Digits glued to a unit ("52gam", "20mg", "100ml"): read also as the number and the unit.
_GLUED = re.compile(r"\b(\d+)([a-z]{1,5})\b")
# A line ending in a comma or "và" goes on in the next one ("Quốc phòng, Công an, Tài chính,\nNông nghiệp …").
_ENDS_LISTING = re.compile(r"(?:,|\svà)\s*$")
# A line ending in a word that needs what follows it goes on in the next one, capital or not, short or not.
_ENDS_DANGLING = re.compile(r"(?<!\S)(?:" + "|".join(V.LINE_GOES_ON_WORDS) + r")\s*$", re.IGNORECASE)
# A part reference ending a line after other words ("a) Bãi bỏ khoản 2 Điều 1", "Căn cứ điểm đ khoản 1 Điều 50") is
# followed by the act whose part it is, printed on the next line ("Nghị quyết số 246/NQ-HĐND …"): the line goes on,
# however short.  A heading "Điều 2" alone has no words before it, and "Nghị quyết này …" opens a provision.
_ENDS_PART_REFERENCE = re.compile(r"\S\s+(?:(?:điểm|khoản)\s+[0-9a-zđ]+,?\s+)*(?:Điều|khoản|điểm)\s+(?:\d+|[a-zđ])\s*$")
_STARTS_ACT = re.compile(r"\s*(?:Hiến\s+pháp|Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+quyết|Nghị\s+định|Thông\s+tư|Quyết\s+định"
                         r"|Chỉ\s+thị)\b(?!\s+(?:liên\s+tịch\s+)?này\b)")
# A sentence ends at . ! ? … followed by space and a capital / quote / label, not after "TP." or "1.".
_SENTENCE_END = re.compile(r"(?<![A-ZĐ]\.)(?<!\b[A-Za-z]{2}\.)(?<![\s\d]\d\.)([.!?…])\s+(?=[A-ZĐÀ-Ỹ“\"(])")


@dataclass(frozen=True)
class DocumentUnits:
    """One document's sentence spans (sorted by start) and table rows."""

    starts: tuple[int, ...]
    spans: tuple[tuple[int, int], ...]
    rows: tuple[tuple[Node, tuple[str, ...]], ...]  # (row node, column names)
    # per row: its pieces when a cell holds several clauses, else () (the row is one unit)
    pieces: tuple[tuple[RowPiece, ...], ...] = ()
    # per sentence span: the lead-in it is an item of ("- Thông số kỹ thuật:" over "+ Nhiệt độ …"), or None
    leads: tuple[tuple[int, int] | None, ...] = ()


@dataclass(frozen=True)
class RowPiece:
    """A clause of a table cell, or a one-piece cell of a row that has such clauses."""

    start: int
    end: int
    column: str  # the cell's column name ("" when the header is shorter than the row)
    whole_cell: bool  # the piece is the whole cell (its text is the cell)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the sentences of ``text``; ``text[start:end]`` is stripped.

    >>> text = "a) Sở Y tế chủ trì. Sở Tài chính\\nphối hợp;\\nb) Bộ Y tế"
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['a) Sở Y tế chủ trì.', 'Sở Tài chính\\nphối hợp;', 'b) Bộ Y tế']
    >>> text = "Các Bộ: Quốc phòng, Công an,\\nNông nghiệp, Y tế.\\nHà Nội"
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['Các Bộ: Quốc phòng, Công an,\\nNông nghiệp, Y tế.', 'Hà Nội']
    """
    spans: list[tuple[int, int]] = []
    for start, end in _logical_lines(text):
        cursor = start
        for match in _SENTENCE_END.finditer(text, start, end):
            cut = match.end(1)
            if text[cursor:cut].strip() and len(text[cursor:cut].strip()) >= 4:
                spans.append(_strip(text, cursor, cut))
                cursor = match.end()
        if text[cursor:end].strip():
            spans.append(_strip(text, cursor, end))
    return spans


def _cut_at_tables(text: str, spans: list[tuple[int, int]], root: Node) -> list[tuple[int, int]]:
    """``spans`` cut where a table, its column names, a row or a group line begins or ends: the text
    above a table does not run on into its column names ("… của Bộ Tư pháp" / "STT")."""
    edges: set[int] = set()

    def walk(node: Node) -> None:
        if node.kind == "table":
            edges.update((node.start, node.end))
            for child in node.children:
                edges.update((child.start, child.end))
            return
        for child in node.children:
            walk(child)

    walk(root)
    if not edges:
        return spans
    ordered = sorted(edges)
    cut: list[tuple[int, int]] = []
    for start, end in spans:
        at = bisect.bisect_right(ordered, start)
        while at < len(ordered) and ordered[at] < end:
            if text[start:ordered[at]].strip():
                cut.append(_strip(text, start, ordered[at]))
            start = ordered[at]
            at += 1
        if text[start:end].strip():
            cut.append(_strip(text, start, end))
    return cut


def _logical_lines(text: str) -> list[tuple[int, int]]:
    lines: list[list[int]] = []
    for match in _LINE.finditer(text):
        body = match.group(0)
        if not body.strip():
            continue
        if lines:
            previous = text[lines[-1][0]:lines[-1][1]]
            label_only = bool(_LABEL_ONLY.match(previous.strip())) or len(previous.strip()) < 4
            single_break = "\n" not in text[lines[-1][1] + 1:match.start()]
            wrapped = (not _ENDS_SENTENCE.search(previous) and not _STARTS_LABEL.match(body)
                       and (_STARTS_LOWER.match(body) or (single_break and len(previous.strip()) >= _WRAPPED_LINE
                                                         and _HAS_LOWER.search(previous))
                            or (single_break and (_ENDS_LISTING.search(previous) or _ENDS_DANGLING.search(previous)))
                            or (single_break and _ENDS_PART_REFERENCE.search(previous) and _STARTS_ACT.match(body))))
            # a field name and its value on the next line ("+ Nhiệt độ hoạt động:" / "-20°C đến +50°C;")
            field_value = (single_break and _FIELD_LABEL.match(previous.strip()) is not None
                           and not _STARTS_LABEL.match(body) and any(c.islower() for c in previous))
            if label_only or wrapped or field_value:
                lines[-1][1] = match.end()
                continue
        lines.append([match.start(), match.end()])
    return [(s, e) for s, e in lines]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _table_rows(root: Node) -> tuple[tuple[Node, tuple[str, ...]], ...]:
    rows: list[tuple[Node, tuple[str, ...]]] = []

    def walk(node: Node, header: tuple[str, ...]) -> None:
        if node.kind == "table":
            header = tuple(node.cells or header)
        if node.kind == "row":
            rows.append((node, header))
        for child in node.children:
            walk(child, header)

    walk(root, ())
    return tuple(rows)


_CODE_CELL = re.compile(r"[\W\d_]*(?:[A-ZĐ]{1,4}[\W\d_]*)?")  # "1", "1.012507", "II", "B.3": not a name


def _cell_spans(text: str, node: Node) -> list[tuple[int, int]] | None:
    """Where each of ``node``'s cells is printed inside the row's span (the cells were rebuilt with single
    spaces from lines), in order; None when one of them is not found as printed."""
    spans: list[tuple[int, int]] = []
    cursor = node.start
    for cell in node.cells or ():
        words = cell.split()
        if not words:
            spans.append((cursor, cursor))
            continue
        # a cell made of two (a column under a spanning header) was joined with "; "
        pattern = re.compile(r"\s+".join(re.escape(w[:-1]) + ";?" if w.endswith(";") else re.escape(w) for w in words))
        match = pattern.search(text, cursor, node.end)
        if match is None or text[cursor:match.start()].strip():
            return None  # a cell rebuilt from several (a spanning column) or changed by cleaning
        spans.append((match.start(), match.end()))
        cursor = match.end()
    if text[cursor:node.end].strip():
        return None
    return spans


_BULLET_LINE = re.compile(r"(?m)^[ \t]*[-+•–][ \t]")


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A cell's clauses: its "- " items, each with the lines that go on it ("- Chi nhánh số 4 …;" /
    "Địa chỉ: …"), and what precedes the first; a cell without items, its sentences."""
    bullets = [m.start() for m in _BULLET_LINE.finditer(text, start, end)]
    if not bullets:
        return [(start + s, start + e) for s, e in sentence_spans(text[start:end])]
    cuts = ([start] if text[start:bullets[0]].strip() else []) + bullets + [end]
    return [_strip(text, a, b) for a, b in pairwise(cuts) if text[a:b].strip()]


def row_pieces(text: str, node: Node, header: tuple[str, ...]) -> tuple[RowPiece, ...]:
    """The units a table row reads as: () when every cell is one piece (the row is one unit), else one
    piece per clause ("- 07 ngày …", "- 0 đồng …", or a sentence) of a cell holding several, and one per
    other cell that is not the row's index or code; each knows its column name, so that an extractor reads
    one clause at a time.  (The cells naming the row are not lent to its clauses: every clause of the row
    would then match a question naming the procedure, the legal-basis clause as much as the asked one.)

    >>> text = "1\\nCấp chứng chỉ\\n- 15 ngày (lần đầu),\\n- 07 ngày (cấp lại).\\nSở Tài chính"
    >>> node = Node("row", "1", "", 0, len(text), cells=["1", "Cấp chứng chỉ",
    ...             "- 15 ngày (lần đầu), - 07 ngày (cấp lại).", "Sở Tài chính"])
    >>> [(text[p.start:p.end], p.column) for p in row_pieces(text, node, ("STT", "Tên", "Thời hạn", "Nơi"))]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('Cấp chứng chỉ', 'Tên'), ('- 15 ngày (lần đầu),', 'Thời hạn'), ('- 07 ngày (cấp lại).', 'Thời hạn'),
     ('Sở Tài chính', 'Nơi')]
    """
    cells = _cell_spans(text, node)
    if not cells:
        return ()
    clauses = [_clauses(text, start, end) for start, end in cells]
    if all(len(parts) <= 1 for parts in clauses):
        return ()
    pieces: list[RowPiece] = []
    for i, parts in enumerate(clauses):
        if len(parts) == 1 and _CODE_CELL.fullmatch(node.cells[i]):
            continue  # the index or code of the row
        column = header[i] if i < len(header) else ""
        for start, end in parts:
            pieces.append(RowPiece(start, end, column, len(parts) == 1))
    return tuple(pieces)


_LEAD_IN_WORDS = 40  # a longer line ending in a colon is a sentence, not a name for its items
_ITEM = re.compile(r"\s*(?:[-+•*–]\s|[a-zđ]\)\s|\(\d+\)\s|\d{1,2}\.\s)")


def _item_marker(label: str) -> str:
    """The kind of an item's label, the same for every item of one list: the bullet itself ("-", "+"), or the
    label's form ("a)", "b)", "đ)" read alike; "(1)", "(2)" alike), so that point b) of a list hangs from the list's
    lead-in as point a) does."""
    label = label.strip()
    if label[:1] == "(":
        return "(n)"
    if label.endswith(")"):
        return "x)"
    if label.endswith("."):
        return "n."
    return label[:1]


def lead_ins(text: str, spans) -> tuple[tuple[int, int] | None, ...]:
    """For each sentence span, the short lead-in line its item list hangs from ("- Thông số kỹ
    thuật:" over "+ Kích thước: …", "+ Nhiệt độ hoạt động: …"), else None: an item is read
    under the name of its list, as a row under its table's caption.

    >>> text = "- Thông số kỹ thuật:\\n+ Tuổi thọ: 30.000 giờ;\\n+ Công suất: 15 W;\\nHết."
    >>> spans = sentence_spans(text)
    >>> [text[l[0]:l[1]] if l else None for l in lead_ins(text, spans)]
    [None, '- Thông số kỹ thuật:', '- Thông số kỹ thuật:', None]
    """
    leads: list[tuple[int, int] | None] = []
    current: tuple[int, int] | None = None
    marker = ""
    for start, end in spans:
        body = text[start:end]
        item = _ITEM.match(body)
        if current is not None and item and _item_marker(item.group(0)) == marker:
            leads.append(current)
            continue
        current = None
        leads.append(None)
        if body.rstrip().endswith(":") and len(body.split()) <= _LEAD_IN_WORDS:
            following = text[end:end + 40].lstrip()
            after = _ITEM.match(following)
            if after:
                current, marker = (start, end), _item_marker(after.group(0))
    return tuple(leads)


# how many sentences back a point's later sentence looks for the labelled one opening it
_ITEM_SENTENCES = 3

_DATE_LINE = re.compile(r"(?m)^[ \t*_]*[A-ZĐÀ-Ỹ][^\n,;:.]{1,40},[ \t]*(ngày[ \t]+\d{1,2}[ \t]+tháng[ \t\n]*\d{1,2}"
                        r"[ \t\n]+năm[ \t\n]+\d{4})")
# A sentence crossing a passage boundary is read whole when it runs at most this far past it (a clause and
# its due date or its list often sit on both sides of the cut).
_OVERRUN = 400
_DUE_BEFORE = re.compile(r"(?:trước|chậm nhất|hạn|đến)\b[^\n.;]{0,20}$", re.IGNORECASE)
_DATES = tuple(re.compile(p, re.IGNORECASE) for p in V.DATE_PATTERNS)


def _own_date(text: str, date: str | None) -> tuple[int, int] | None:
    """Where a document prints its own date (the "…, ngày … tháng … năm …" line) in its first pages."""
    from corpus.acts import parse_date

    if not date:
        return None
    head = text[:6000]
    for match in _DATE_LINE.finditer(text):  # "Hà Nội, ngày 27 tháng 11 năm 2025": the date line itself
        # (anywhere: a legal-database page prints its summary before the document)
        if parse_date(match.group(1)) == date:
            return match.start(1), match.end(1)
    for pattern in _DATES:
        for match in pattern.finditer(head):
            if parse_date(match.group(0)) == date and not _DUE_BEFORE.search(head[max(0, match.start() - 30):match.start()]):
                return match.start(), match.end()
    return None


class UnitIndex:
    """Every document's units, built once from a loaded :class:`index.store.IndexStore`."""

    def __init__(self, store):
        self.store = store
        self.row_of = {chunk.chunk_id: row for row, chunk in enumerate(store.chunks)}
        self.chunk_starts: dict[str, list[tuple[int, int]]] = {}  # doc_id -> [(chunk start, row)] sorted
        for row, chunk in enumerate(store.chunks):
            self.chunk_starts.setdefault(chunk.doc_id, []).append((chunk.start, row))
        for rows in self.chunk_starts.values():
            rows.sort()
        self.documents: dict[str, DocumentUnits] = {}
        self.keys: dict[str, str | None] = {}  # match_key of each text, when it keeps the offsets
        self.record_words: dict[str, frozenset[str]] = {}  # title, issuer, place, type
        self.record_texts: dict[str, tuple[str, ...]] = {}  # the same fields as printed
        self.own_dates: dict[str, tuple[int, int] | None] = {}  # where each document prints its own date
        for doc_id, stored in store.documents.items():
            rows = _table_rows(stored.root)
            spans = tuple(_cut_at_tables(stored.text, sentence_spans(stored.text), stored.root))
            self.documents[doc_id] = DocumentUnits(tuple(s for s, _ in spans), spans, rows,
                                                   tuple(row_pieces(stored.text, node, header) for node, header in rows),
                                                   lead_ins(stored.text, spans))
            key = match_key(stored.text)
            self.keys[doc_id] = key if len(key) == len(stored.text) else None
            record = stored.record
            fields = tuple(filter(None, [record.title, record.issuer, record.place, record.type]))
            self.record_texts[doc_id] = fields
            self.record_words[doc_id] = frozenset(_WORD.findall(match_key(" ".join(fields))))
            self.own_dates[doc_id] = _own_date(stored.text, record.date)
        self.heading_words = [frozenset(_WORD.findall(match_key(" ".join(c.heading_path)))) for c in store.chunks]
        # The whole agency names each document prints where only a name can stand (preamble, "Trách nhiệm của X",
        # name-only headings, Nơi nhận), read here at load rather than on the first question that needs them
        # (imported here: the agency reader builds on this module).
        from retriever.qa.extractors.agency import document_names

        self.agency_names: dict[str, tuple[str, ...]] = {
            doc_id: document_names(stored.text) for doc_id, stored in store.documents.items()}

    def units_of(self, row: int) -> list[Unit]:
        """The units of passage ``row`` (table rows for table passages, else sentences)."""
        chunk = self.store.chunks[row]
        heading = HEADING_SEPARATOR.join(chunk.heading_path)
        doc = self.documents[chunk.doc_id]
        units: list[Unit] = []
        if chunk.kind == "table":
            for (node, header), pieces in zip(doc.rows, doc.pieces):
                if not (node.start < chunk.end and chunk.start < node.end):
                    continue
                if not pieces:
                    units.append(Unit(chunk.doc_id, max(node.start, chunk.start), min(node.end, chunk.end), row,
                                      heading, chunk.section, UnitKind.ROW, tuple(node.cells or ()), header))
                    continue
                text = self.store.documents[chunk.doc_id].text
                for piece in pieces:
                    start, end = max(piece.start, chunk.start), min(piece.end, chunk.end)
                    if start < end:
                        body = text[start:end]
                        # a whole cell keeps its column's reading (the "chủ trì" or "thời hạn" cell is the
                        # answer); a clause is read as a sentence, under its column name
                        units.append(Unit(chunk.doc_id, start, end, row, heading, chunk.section,
                                          UnitKind.ROW, (" ".join(body.split()),) if piece.whole_cell else None,
                                          (piece.column,) if piece.column else None))
        if not units:
            text = self.store.documents[chunk.doc_id].text
            first = bisect.bisect_left(doc.starts, chunk.start)
            if first and doc.spans[first - 1][1] > chunk.start and chunk.start - doc.spans[first - 1][0] <= _OVERRUN:
                first -= 1  # the sentence the passage starts inside of, whole
            for start, end in doc.spans[first:]:
                if start >= chunk.end:
                    break
                if end - chunk.end > _OVERRUN:
                    end = chunk.end  # a sentence running far past the passage is cut at its end
                if end > start and text[start:end].strip():
                    kind = UnitKind.POINT if _LEAD_LABEL.match(text[start:end]) else UnitKind.SENTENCE
                    units.append(Unit(chunk.doc_id, start, end, row, heading, chunk.section, kind))
        if not units:
            units.append(Unit(chunk.doc_id, chunk.start, chunk.end, row, heading, chunk.section))
        return units

    def passage_words(self, row: int) -> frozenset[str]:
        """The syllables of passage ``row``: its headings and every unit, as ``words`` reads each."""
        words: set[str] = set()
        for unit in self.units_of(row) if row >= 0 else []:
            words |= self.words(unit)
        return frozenset(words)

    def words(self, unit: Unit) -> set[str]:
        """Accent-less syllables of the unit, its heading path and its table header."""
        key = self.keys[unit.doc_id]
        text = key[unit.start:unit.end] if key is not None else match_key(
            self.store.documents[unit.doc_id].text[unit.start:unit.end])
        words = set(_WORD.findall(text))
        for match in _GLUED.finditer(text):
            words.update(match.groups())
        lead = self._lead_of(unit)
        if lead is not None:
            words |= set(_WORD.findall(match_key(self.store.documents[unit.doc_id].text[lead[0]:lead[1]])))
        if unit.chunk_row >= 0:
            words |= self.heading_words[unit.chunk_row]
        else:
            words |= set(_WORD.findall(match_key(unit.heading)))
        if unit.header:
            words |= set(_WORD.findall(match_key(" ".join(unit.header))))
        return words

    def _lead_of(self, unit: Unit) -> tuple[int, int] | None:
        """The lead-in of the item ``unit`` is (a sentence span of its document), if any."""
        doc = self.documents.get(unit.doc_id)
        if doc is None or not doc.leads or unit.cells is not None:
            return None
        at = bisect.bisect_right(doc.starts, unit.start) - 1
        if at < 0 or doc.spans[at][0] != unit.start:
            return None
        return doc.leads[at]

    def item_opening(self, unit: Unit) -> tuple[int, int] | None:
        """The opening sentence of the labelled point ``unit`` goes on in, else None: a point of several sentences
        names its subject once, in its first ("- Phát huy vai trò của Ủy ban Mặt trận Tổ quốc …. Thực hiện tốt
        chức năng giám sát …"), and a clerk reads the later ones under it.  The unit must start on the line the
        point's previous sentence ends on (a sentence of the same point, not a new line) and print no label."""
        doc = self.documents.get(unit.doc_id)
        if doc is None or unit.cells is not None:
            return None
        text = self.store.documents[unit.doc_id].text
        at = bisect.bisect_right(doc.starts, unit.start) - 1
        if at < 1 or doc.spans[at][0] != unit.start or _LEAD_LABEL.match(text[unit.start:unit.end]):
            return None
        for index in range(at - 1, max(at - 1 - _ITEM_SENTENCES, -1), -1):
            start, end = doc.spans[index]
            if "\n" in text[end:doc.spans[index + 1][0]]:
                return None  # a line break: the unit opens a line of its own
            if _LEAD_LABEL.match(text[start:end]):
                return start, end
        return None

    def next_unit(self, unit: Unit) -> tuple[int, int] | None:
        """The sentence span right after ``unit`` in its document (for two-sentence answers)."""
        doc = self.documents[unit.doc_id]
        at = bisect.bisect_left(doc.starts, unit.end)
        return doc.spans[at] if at < len(doc.spans) else None

    def sentence_at(self, doc_id: str, position: int) -> tuple[int, int] | None:
        doc = self.documents[doc_id]
        at = bisect.bisect_right(doc.starts, position) - 1
        if at >= 0 and doc.spans[at][0] <= position < doc.spans[at][1]:
            return doc.spans[at]
        return None

    def chunk_at(self, doc_id: str, position: int) -> int | None:
        """Row of the passage of ``doc_id`` that contains ``position`` (None outside every passage)."""
        rows = self.chunk_starts.get(doc_id, [])
        at = bisect.bisect_right(rows, (position, len(self.store.chunks))) - 1
        for index in range(at, max(at - 3, -1), -1):  # passages may overlap a little
            row = rows[index][1]
            chunk = self.store.chunks[row]
            if chunk.start <= position < chunk.end:
                return row
        return None

    def units_matching(self, doc_id: str, pattern: re.Pattern[str]) -> list[Unit]:
        """The sentences of ``doc_id`` in which ``pattern`` occurs, as units (document order)."""
        text = self.store.documents[doc_id].text
        found: list[Unit] = []
        seen: set[tuple[int, int]] = set()
        for match in pattern.finditer(text):
            span = self.sentence_at(doc_id, max(match.start(), match.end() - 1))
            if span is None or span in seen:
                continue
            seen.add(span)
            row = self.chunk_at(doc_id, span[0])
            chunk = self.store.chunks[row] if row is not None else None
            heading = HEADING_SEPARATOR.join(chunk.heading_path) if chunk else ""
            kind = UnitKind.POINT if _LEAD_LABEL.match(text[span[0]:span[1]]) else UnitKind.SENTENCE
            found.append(Unit(doc_id, span[0], span[1], row if row is not None else -1, heading,
                              chunk.section if chunk else "", kind))
        return found

    def heading_nodes(self, doc_id: str, position: int) -> list[Node]:
        """Titled structure nodes containing ``position``, outermost first."""
        path: list[Node] = []
        node = self.store.documents[doc_id].root
        while True:
            inner = next((c for c in node.children if c.start <= position < c.end), None)
            if inner is None:
                return path
            if inner.title:
                path.append(inner)
            node = inner

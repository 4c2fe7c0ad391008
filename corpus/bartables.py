"""Tables of legal-database pages, read from the ``|`` lines that mark their cells.

A legal-database page converted to Markdown prints a table one cell after another, each
cell on one or more lines, with a line holding only ``|`` between two cells and two such
lines between two rows (the closing bar of one row, the opening bar of the next)::

    |
    **STT**
    |
    **Tên thủ tục hành chính**
    |
    **Thời hạn giải quyết**
    |
    |
    1
    |
    Cấp giấy phép …
    |
    - 15 ngày làm việc …
    |

The cleaner drops those bar lines (they carry no words), so the cleaned text alone no
longer tells where a cell ends.  Here the raw page is read for them: a **header row** of at
least three short bold cells followed by rows is a table; its rows are mapped onto the
cleaned text (line by line, in order) and become the ``table`` / ``row`` nodes the chunker
and the answer layer already read (one chunk per row, cells named by their column).

A run of bars is read against the header's width: one bar separates two cells, two close a
row and open the next, and every empty cell adds one (the blank "Điểm tự chấm" column).  A run
of ``b`` bars is therefore ``b - 1`` empty cells inside the row, or the row's end: it ends the
row when the next cell would not fit under the columns or opens a row itself (a numbered
criterion "1.2.", a group label "A"/"II", a running number under an STT column, a bold
numbered heading), or after a lone bold label (a group line spanning the table).  A row that
then runs past the columns ends instead where the bars were read as empty cells.  Under an
index column, a row without its running number holds the last columns (the first ones span
down from the row above: "I | Tốt nghiệp THPT" over "- Trưởng ban | 692 | người/ngày").

Nothing else changes: a table whose cells are not all found in the cleaned text (the
site's metadata table, removed by the cleaner), one beside the document's header (the
issuing body next to the national motto: its cells are not short bold column names
followed by rows of the same width), or one the structure parser already rebuilt, is left
as it is.

>>> raw = "Danh mục:\\n|\\n**TT**\\n|\\n**Tên thủ tục**\\n|\\n**Thời hạn**\\n|\\n|\\n1\\n|\\nCấp phép\\n|\\n15 ngày\\n|"
>>> [(t.columns, t.rows) for t in bar_tables(raw)]
[(['TT', 'Tên thủ tục', 'Thời hạn'], [['1', 'Cấp phép', '15 ngày']])]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations

from corpus.cleaning import normalize_characters, strip_markdown
from corpus.lexicon import QUOC_HIEU_KEY
from corpus.model import Node
from corpus.vietnamese import match_key

__all__ = ["BarTable", "attach_bar_tables", "bar_tables"]

_BAR_LINE = re.compile(r"^\s*\|[\s|]*$")
_HEADER_CELL_WORDS = 16  # a column name is short
_MIN_COLUMNS = 3
_MAX_CELL_LINES = 150  # a longer "cell" is the text after a table
_INDEX = re.compile(r"\d{1,4}\.?")
# A group row's label: "A", "B", "I", "II".
_GROUP = re.compile(r"(?:[A-Z]|[IVXLC]+)\.?")
# A numbered cell ("II", "1.", "2.1 Chi …", "a)"): a group row or a row, never a column name.
_NUMBERED = re.compile(r"^(?:\d+(?:\.\d+)*|[IVXLC]+|[a-zđ])[.)]?(?:\s|$)")
# A numbered criterion opening a row: "1.2. Quy chế …", "2.4.Tủ sách" (never "20.000").
_DOTTED_INDEX = re.compile(r"\d{1,2}(?:\.\d{1,2})+\.?(?!\d)")
# The name of a column of running numbers.
_INDEX_NAME = re.compile(r"s?tt\.?|so tt|so thu tu")
# Containers a table may sit in: the chunker walks the children of these.
_CONTAINERS = ("document", "preamble", "part", "section", "subsection", "appendix")


@dataclass
class _Cell:
    lines: list[int]  # indices of the page's lines (blank lines left out)
    bars_after: int = 0  # bar lines right after the cell (2+: the row ends here)
    bold: bool = False  # the cell is printed bold as a whole


@dataclass
class BarTable:
    """One table: its column names and rows (cells as text), and where each cell's lines are."""

    columns: list[str]
    rows: list[list[str]]
    header_lines: list[int] = field(default_factory=list)  # page lines of the header row
    row_lines: list[list[list[int]]] = field(default_factory=list)  # per row, per cell: page lines
    subheader: bool = False  # the first row is a second header line (names under a spanning column)


def _cells(raw_lines: list[str], lines: list[str]) -> list[_Cell]:
    """The page cut at bar lines: every run of text lines between bars is a cell."""
    cells: list[_Cell] = []
    current: list[int] = []
    for i, line in enumerate(lines):
        if _BAR_LINE.match(line):
            if current:
                cells.append(_Cell(current))
                current = []
            if cells:
                cells[-1].bars_after += line.count("|")
        elif line.strip():
            current.append(i)
    if current:
        cells.append(_Cell(current))
    for cell in cells:
        joined = " ".join(raw_lines[i].strip() for i in cell.lines)
        cell.bold = joined.startswith("**") and joined.rstrip().endswith("**")
    return cells


def _text(lines: list[str], cell: _Cell) -> str:
    return " ".join(" ".join(lines[i].split()) for i in cell.lines).strip()


def _is_column_name(lines: list[str], cell: _Cell) -> bool:
    text = _text(lines, cell)
    return (cell.bold and 0 < len(text.split()) <= _HEADER_CELL_WORDS and not _NUMBERED.match(text)
            and not QUOC_HIEU_KEY.match(match_key(text)))


def _header_at(cells: list[_Cell], lines: list[str], k: int) -> int:
    """Length of the header row starting at cell ``k`` (0 when there is none): short bold
    cells one bar apart, closed by a row end, opened after a row end or non-table text."""
    if k > 0 and cells[k - 1].bars_after == 1 and _is_column_name(lines, cells[k - 1]):
        return 0  # not the first cell of the run
    n = 0
    while k + n < len(cells) and _is_column_name(lines, cells[k + n]):
        n += 1
        if cells[k + n - 1].bars_after != 1:
            break
    if n < _MIN_COLUMNS or cells[k + n - 1].bars_after < 2:
        return 0
    return n


def _starts_row(lines: list[str], cell: _Cell, index_column: bool) -> bool:
    """A cell that opens a row: a group label ("A", "II"), a numbered criterion ("1.2. Quy
    chế …"), a bold numbered heading ("2. Hội đồng thi"), or, under an index column (STT), a
    plain running number."""
    text = _text(lines, cell)
    return bool(_GROUP.fullmatch(text) or _DOTTED_INDEX.match(text)
                or index_column and _INDEX.fullmatch(text) or cell.bold and _NUMBERED.match(text))


def _read_row(cells: list[_Cell], lines: list[str], k: int, width: int, lead: int,
              starts: dict[int, int], index_column: bool) -> tuple[list[_Cell], int, int]:
    """One row from cell ``k``: its cells (an empty cell is a ``_Cell`` without lines), the
    next cell's index and the empty cells opening the next row.

    One bar separates two cells of a row, two bars close a row and open the next; every
    empty cell adds a bar.  So a run of ``b`` >= 2 bars is either ``b - 1`` empty cells inside
    the row or its end (with ``b - 2`` empty cells around the row break).  It is read as
    empty cells when the next cell still fits under the columns and does not open a row
    itself (a numbered criterion, a group label, a running number); a lone label (a group
    row spanning the table) always ends its row.
    """
    row = [_Cell([]) for _ in range(lead)]
    choice: tuple[int, int] | None = None  # (row length, k) where bars were read as empty cells
    while k < len(cells):
        cell = cells[k]
        row.append(cell)
        k += 1
        if len(row) > width and choice is not None:
            # The row runs past the columns: the bars read as empty cells closed it instead.
            del row[choice[0]:]
            k = choice[1]
            return _close(row, cells, lines, k, width, index_column)
        if len(row) > width and lead:
            del row[0]  # the bars before the row closed the last one: no empty cell opens it
            lead -= 1
        bars = cell.bars_after
        if bars == 1 and k not in starts:
            continue
        if bars < 2 or k >= len(cells) or k in starts:
            return row, k, 0
        lone_label = len(row) == 1 and cell.bold
        if len(row) + bars - 1 < width and not lone_label and not _starts_row(lines, cells[k], index_column):
            choice = (len(row), k)
            row.extend(_Cell([]) for _ in range(bars - 1))
            continue
        return _close(row, cells, lines, k, width, index_column)
    return row, k, 0


def _close(row: list[_Cell], cells: list[_Cell], lines: list[str], k: int, width: int,
           index_column: bool) -> tuple[list[_Cell], int, int]:
    """End ``row`` at the bars after its last cell: empty cells up to the columns, the rest
    opening the next row (unless that row opens on its own cell)."""
    bars = row[-1].bars_after
    trailing = min(max(width - len(row), 0), bars - 2)
    row.extend(_Cell([]) for _ in range(trailing))
    if _starts_row(lines, cells[k], index_column):
        return row, k, 0  # more bars: an empty row
    return row, k, min(bars - 2 - trailing, width - 1)


def bar_tables(raw: str) -> list[BarTable]:
    """The tables of a legal-database page, read from its bar lines (see the module doc)."""
    normalized = normalize_characters(raw).split("\n")
    lines = strip_markdown("\n".join(normalized)).split("\n")
    if len(lines) != len(normalized):  # markdown removal must keep the lines aligned
        return []
    cells = _cells(normalized, lines)
    starts = {k: n for k in range(len(cells)) if (n := _header_at(cells, lines, k))}
    tables: list[BarTable] = []
    for k, width in sorted(starts.items()):
        header = cells[k : k + width]
        table = BarTable([_text(lines, c) for c in header], [], [i for c in header for i in c.lines])
        index_column = bool(_INDEX_NAME.fullmatch(match_key(table.columns[0])))
        limit = width
        k += width
        lead = 0  # empty cells opening the next row
        first_row = True
        while k < len(cells) and k not in starts:
            row, k, lead = _read_row(cells, lines, k, limit, lead, starts, index_column)
            filled = [c for c in row if c.lines]
            subheader = first_row and 1 < len(filled) < width and all(c.bold for c in filled) \
                and not _starts_row(lines, filled[0], index_column)
            if subheader:
                limit = width + len(filled) - 1  # a second header line under a spanning column
                row = filled
                table.subheader = True
            if first_row and not index_column and len(row) == width + 1 and row[0].lines \
                    and _starts_row(lines, row[0], True):
                # a header repeated under a group row without the running-number column (it spans
                # down from the table's first header): the rows still open with their number
                table.columns.insert(0, "")
                width = limit = width + 1
                index_column = True
            first_row = False
            stop = False
            if any(len(c.lines) > _MAX_CELL_LINES for c in row):
                break
            if len(row) > limit:
                row, stop = row[:limit], True  # text after the table's last cell
            elif filled and (filled[-1].bars_after == 0 or (k in starts and filled[-1].bars_after == 1)):
                row, stop = row[: row.index(filled[-1])], True  # text after the closing bar
            while row and not row[-1].lines and len(row) > 1 and not any(c.lines for c in row[1:]):
                row.pop()  # a lone label's trailing empty cells: a group row
            if not subheader and index_column and len(filled) >= 2 and len(row) < limit and row[0].lines \
                    and not _starts_row(lines, row[0], index_column):
                # no running number: the first columns span down from the row above ("I" / "Tốt
                # nghiệp THPT" over "- Trưởng ban", "692", "người/ngày"): the cells are the last ones
                row = [_Cell([]) for _ in range(limit - len(row))] + row
            elif not subheader and index_column and len(filled) >= 2 and len(row) == limit and row[0].lines \
                    and not row[-1].lines and not _starts_row(lines, row[0], index_column):
                # the same row with its last columns left empty: the empty cells were read at its end (where
                # the bars are) though the running number spans down from above, so the first is the number's
                # ("- Trưởng ban", "553", "người/ngày", "" under STT, Nội dung, Mức chi, Đơn vị tính, Ghi chú)
                row = [_Cell([])] + row[:-1]
            if any(c.lines for c in row):
                texts, cell_lines = [_text(lines, c) for c in row], [list(c.lines) for c in row]
                if not subheader and table.rows:
                    texts, cell_lines = _carry_merged(texts, cell_lines, table.rows[-1], limit)
                table.rows.append(texts)
                table.row_lines.append(cell_lines)
            if stop:
                break
        if table.rows:
            tables.append(table)
    return tables


_MIN_OWN_CELLS = 3  # a running number, the row's name and at least one value of its own
_NUMBER_CELL = re.compile(r"[\d.,%/\s-]+")


def _shape(cell: str) -> str:
    """What a cell holds, as far as lining it up with the row above goes."""
    if not cell:
        return "empty"
    return "number" if _NUMBER_CELL.fullmatch(cell) else "text"


def _lined_up(cells: list[str], above: list[str]) -> int | None:
    """How well ``cells`` sit under the cells of the row above (2 the same text, 1 the same kind), or None when
    one of them would sit under a cell of the other kind (a text under a figure: a cell spanning columns, as
    "Chi theo thực tế" over a fee and its unit, not a cell spanning rows)."""
    score = 0
    for cell, upper in zip(cells, above):
        if cell and upper and _shape(cell) != _shape(upper):
            return None
        score += 2 if cell == upper else 1 if _shape(cell) == _shape(upper) else 0
    return score


def _carry_merged(texts: list[str], cell_lines: list[list[int]], above: list[str],
                  width: int) -> tuple[list[str], list[list[int]]]:
    """A numbered row short of the columns, under a full row: the page prints a cell merged
    down over several rows (one "Đơn vị tính" beside "Bữa sáng" and "Bữa trưa") in the first
    of them only, without a bar in the next ones.  The missing cells are put where the row's
    own cells line up best with the row above (same text, then same kind: number, text,
    empty), and take that row's text; the row's name right after its number is its own.  A
    carried cell has no page lines: it is read in the row's cells, never quoted from it.
    """
    missing = width - len(texts)
    own = sum(1 for t in texts if t)
    if missing <= 0 or len(above) != width or own < _MIN_OWN_CELLS or not texts[0] \
            or not (_INDEX.fullmatch(texts[0]) or _DOTTED_INDEX.fullmatch(texts[0])) or not above[0]:
        return texts, cell_lines
    best: tuple[int, tuple[int, ...]] | None = None
    for carried in combinations(range(2, width), missing):
        if any(_shape(above[j]) != "text" for j in carried):
            continue  # a merged cell is a unit, an agency, a period, a legal basis: a figure is a row's own
        score = _lined_up(texts[1:], [above[j] for j in range(1, width) if j not in carried])
        if score is not None and (best is None or (score, carried) > best):
            best = (score, carried)  # a tie: the row's own cells stay in front
    if best is None:
        return texts, cell_lines
    out_texts, out_lines = [texts[0]], [cell_lines[0]]
    own_cells = iter(zip(texts[1:], cell_lines[1:]))
    for j in range(1, width):
        text, at = (above[j], []) if j in best[1] else next(own_cells)
        out_texts.append(text)
        out_lines.append(at)
    return out_texts, out_lines


# --------------------------------------------------------------------------- the tree


def _line_offsets(text: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line), " ".join(line.split())))
        pos += len(line) + 1
    return out


class _Locator:
    """Finds page lines in the cleaned text, in order."""

    WINDOW = 60

    def __init__(self, text: str):
        self.lines = [entry for entry in _line_offsets(text) if entry[2]]
        self.cursor = 0

    def find(self, wanted: str, anywhere: bool = False) -> tuple[int, int] | None:
        """The next line equal to ``wanted`` (after the last one found, and within WINDOW
        lines of it unless ``anywhere``)."""
        wanted = " ".join(wanted.split())
        stop = len(self.lines) if anywhere else min(len(self.lines), self.cursor + self.WINDOW)
        for j in range(self.cursor, stop):
            if self.lines[j][2] == wanted:
                self.cursor = j + 1
                return self.lines[j][0], self.lines[j][1]
        return None


def _place(table: BarTable, page: list[str], locator: _Locator) -> Node | None:
    """The table node over the cleaned text, or None when its cells are not all there."""
    first = locator.find(page[table.header_lines[0]], anywhere=True)
    if first is None:
        return None
    last = first
    for i in table.header_lines[1:]:
        last = locator.find(page[i]) or last  # a column name the cleaner dropped is not needed
    node = Node("table", "", "", first[0], last[1], cells=list(table.columns))
    # The header row is text too (the column names): quotable like a group row.
    node.children.append(Node("paragraph", "", "", first[0], last[1]))
    width = len(table.columns)
    for number, (cells, texts) in enumerate(zip(table.row_lines, table.rows)):
        saved = locator.cursor
        found: list[tuple[int, int]] = []
        for cell in cells:
            for i in cell:
                span = locator.find(page[i])
                if span is None:
                    break
                found.append(span)
            else:
                continue
            break
        last_row = False
        if len(found) < sum(len(cell) for cell in cells) or not found:
            cut = _cut_before_removed_text(table, number, found)
            if cut is None:
                locator.cursor = saved
                break  # text the cleaner removed (a site trailer): the table ended before it
            # the page's text after the table's last bar was read as the row's last cell
            texts, kept = cut
            found = found[:kept]
            locator.cursor = _line_index(locator, found[-1][1])
            last_row = True
        group = len(texts) < width and _GROUP.fullmatch(texts[0] if texts else "")
        if number == 0 and table.subheader:  # names under a spanning column: the header goes on
            node.children[0].end = found[-1][1]
        elif len(texts) >= 2 and not group and (2 * len(texts) >= width or _INDEX.fullmatch(texts[0])):
            label = texts[0].rstrip(".") if _INDEX.fullmatch(texts[0]) else ""
            node.children.append(Node("row", label, "", found[0][0], found[-1][1], cells=_aligned(texts, width)))
        else:  # a group row ("A", "Lĩnh vực …"), a second header line, a lone cell: read as text
            node.children.append(Node("paragraph", "", "", found[0][0], found[-1][1]))
        if last_row:
            break
    if not any(child.kind == "row" for child in node.children):
        return None
    while node.children[-1].kind != "row":
        locator.cursor = min(locator.cursor, _line_index(locator, node.children.pop().start))
    node.end = node.children[-1].end
    return node


def _cut_before_removed_text(table: BarTable, number: int, found: list[tuple[int, int]]) \
        -> tuple[list[str], int] | None:
    """The last row of a table is closed by one bar, and the page's text after it (a note, the
    site's trailer, which the cleaner removes) was read as one more cell.  When the row's first
    cells are all in the cleaned text, the row is those cells, read again under the columns (a
    running number missing: the first columns span down; a value missing: a merged cell), with
    how many page lines they hold; None when too little of the row is there."""
    cells, texts = table.row_lines[number], table.rows[number]
    whole, lines_found = 0, 0
    for cell in cells:
        if lines_found + len(cell) > len(found):
            break
        lines_found += len(cell)
        whole += 1
    own = [t for t in texts[:whole] if t]
    if whole >= len(cells) or len(own) < _MIN_OWN_CELLS or not lines_found:
        return None
    width = len(table.columns)
    kept = texts[:whole]
    starts_with_number = bool(_INDEX.fullmatch(kept[0]) or _DOTTED_INDEX.fullmatch(kept[0]))
    if not starts_with_number and _INDEX_NAME.fullmatch(match_key(table.columns[0])):
        kept = [t for t in kept if t] if kept[0] == "" else kept
        kept = [""] * (width - len(kept)) + kept
    elif number:
        kept, _ = _carry_merged(kept, [[] for _ in kept], table.rows[number - 1], width)
    return kept, lines_found


def _line_index(locator: _Locator, offset: int) -> int:
    return next((j for j, entry in enumerate(locator.lines) if entry[0] >= offset), len(locator.lines))


def _aligned(cells: list[str], width: int) -> list[str]:
    """A row's cells under ``width`` columns: a short row (a group row) keeps its cells in
    front; a row wider than the header (a column split in two by a second header line)
    keeps its last cells under the last columns and joins the extra ones before them."""
    if len(cells) <= width:
        return list(cells)
    extra = len(cells) - width
    return cells[: width - 2] + ["; ".join(c for c in cells[width - 2 : width - 1 + extra] if c)] + cells[-1:]


def _truncate(node: Node, end: int, text: str) -> bool:
    """Cut ``node`` to end before ``end``; False when nothing of it is left."""
    end = node.start + len(text[node.start : end].rstrip())
    if end <= node.start:
        return False
    node.end = min(node.end, end)
    kept = []
    for child in node.children:
        if child.end <= end or child.start < end and _truncate(child, end, text):
            kept.append(child)
    node.children = kept
    return True


def deepest_container(root: Node, start: int, end: int) -> Node:
    """The innermost part, section, point … (``_CONTAINERS``) of ``root`` that holds ``start:end`` whole."""
    container = root
    while True:
        inner = next((c for c in container.children if c.kind in _CONTAINERS
                      and c.start <= start and end <= c.end), None)
        if inner is None:
            return container
        container = inner


def _splice(root: Node, table: Node, text: str) -> bool:
    """Put ``table`` in the deepest container that holds it, in place of the nodes it covers."""
    container = deepest_container(root, table.start, table.end)
    for child in container.children:  # check everything before changing anything
        overlaps = child.end > table.start and child.start < table.end
        if overlaps and (child.kind in ("header", "table") or _holds_table(child)):
            return False  # the document's header block, or a table already read
        if overlaps and child.end > table.end + 1 and child.start < table.start or \
                child.start >= table.start and child.start < table.end < child.end \
                and not _opens_at_row(child, table):
            return False  # a node running past the table's end: leave the page as parsed
    children: list[Node] = []
    placed = False
    for child in container.children:
        if child.end <= table.start or child.start >= table.end:
            if child.start >= table.end and not placed:
                children.append(table)
                placed = True
            children.append(child)
        elif child.start >= table.start and child.end <= table.end:
            continue  # read again as cells
        elif child.start >= table.start:
            # a heading read off a row's running number ("9.5" / "Triển khai …") runs on past the
            # table: the table holds its row, the text after the table is read on its own
            children.append(table)
            placed = True
            children.extend(_tail_after(child, table.end, text))
        elif _truncate(child, table.start, text):
            children.append(child)
    if not placed:
        children.append(table)
    container.children = children
    if container is not root:
        container.end = max(container.end, table.end)
    return True


def _opens_at_row(child: Node, table: Node) -> bool:
    """``child`` is a heading the structure parser read off the running number of one of
    the table's rows ("9.5" over "Triển khai …"): it starts where that row starts."""
    return child.kind not in ("header", "table", "part", "section", "appendix") and \
        any(row.kind == "row" and row.start == child.start for row in table.children)


def _tail_after(node: Node, end: int, text: str) -> list[Node]:
    """The nodes covering the text of ``node`` after ``end``: its children that start there
    or later as they are, one running across ``end`` cut down to its own tail, and the text
    before the first of them as a paragraph."""
    kept: list[Node] = []
    for child in node.children:
        if child.start >= end:
            kept.append(child)
        elif child.end > end:
            kept.extend(_tail_after(child, end, text))
    start = end + len(text[end:node.end]) - len(text[end:node.end].lstrip())
    stop = kept[0].start if kept else node.end
    stop = start + len(text[start:stop].rstrip())
    if stop > start:
        kept.insert(0, Node("paragraph", "", "", start, stop))
    return kept


def _holds_table(node: Node) -> bool:
    return node.kind == "table" or any(_holds_table(c) for c in node.children)


def attach_bar_tables(root: Node, text: str, raw: str) -> int:
    """Add the tables :func:`bar_tables` reads on ``raw`` to the tree of its cleaned ``text``.

    Returns how many were added.  A table overlapping a node the parser already read as a
    table or as the header block, or not found line by line in ``text``, is skipped.
    """
    tables = bar_tables(raw)
    if not tables:
        return 0
    page = strip_markdown(normalize_characters(raw)).split("\n")
    locator = _Locator(text)
    added = 0
    for table in tables:
        saved = locator.cursor
        node = _place(table, page, locator)
        if node is None:
            locator.cursor = saved
            continue
        if _splice(root, node, text):
            added += 1
    return added

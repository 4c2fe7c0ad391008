"""Tables of gazette (Công báo) documents, read from the ruled grid of their PDF.

A gazette text is the PDF's text layer, one line after another: a table comes out cell by
cell, each cell wrapped over several lines ("Bộ Ngoại" / "giao"), with nothing that says
where a cell ends, so a fee's name, its unit and its amount are loose lines.  The PDF still
knows: the table is drawn with thin rules, and every glyph has a place on the page.  A clerk
reads the grid, and so does this module:

* the rules of a page (thin horizontal and vertical strokes that touch one another) make a
  grid: its vertical rules are the column edges, its horizontal rules the row edges;
* every line of the text is found in the PDF's text layer (the non-space characters, in
  order) and sits in the grid cell where most of its glyphs stand;
* a cell is closed by a rule; where a rule is missing the cell runs on: down over several
  rows (one "Đơn vị tính" beside three fees: its text is carried into every row it spans),
  or across columns (a group line, "I. Lĩnh vực …", read as text, not as a row);
* the first rows up to the first one that opens with a running number ("1", "1.", "I.")
  are the header: the column names (a name spanning several columns is joined with the
  names under it: "Mức thu Năm 2026");
* a grid at the top of the next page with the same column edges goes on with the table (a
  header repeated there is skipped; a first row without its running number is the rest of
  the row cut by the page break).

The rows are :class:`corpus.bartables.BarTable` rows (cells as text, and per cell the text's
lines), so they become the same ``table``/``row`` nodes legal-database tables become.  A
document without a ruled grid in its PDF, or without a PDF, is left as it is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from corpus.bartables import BarTable
from corpus.model import Node

__all__ = ["Grid", "attach_pdf_tables", "grid_tables", "pdf_beside", "read_grids"]

_RULE_THICKNESS = 2.5  # a rule is a stroke thinner than this (points) …
_RULE_LENGTH = 4.0  # … and longer than this (the corner squares of a Word border are not)
_TOUCH = 2.0  # rules closer than this touch (one grid)
_SAME_EDGE = 6.0  # column edges of two page grids this close are the same column
_MIN_COLUMNS = 3
_MAX_HEADER_BANDS = 4  # up to three lines of names and their numbers
_HEADER_CELL_WORDS = 16  # a column name is short
# A row opens with its running number or a group label: "1", "1.", "2.1", "I.", "A", "a)".
_OPENS_ROW = re.compile(r"(?:\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,5}|[A-ZĐ])[.)]?")
# A group line's label: "I.", "II", "A." (a row of its own spanning the table).
_GROUP_LABEL = re.compile(r"(?:[IVXLC]{1,5}|[A-ZĐ])\.?")
_FIGURE = re.compile(r"[\d.,]{4,}")
# The column numbers printed under a header: "(1)", "(2)", "1", "2".
_COLUMN_NUMBER = re.compile(r"\(?\d{1,2}\)?")


# --------------------------------------------------------------------------- the PDF


@dataclass
class Grid:
    """One ruled grid of one page, in the table's own coordinates (``tx`` grows along a row,
    ``ty`` down the columns, whatever way the table is turned on the page): column edges,
    row edges, and the rules that are there (to tell a merged cell from two)."""

    page: int
    turn: int  # quarter turns of the table's text on the page (0 upright, 1 or 3 turned)
    xs: list[float]  # column edges, in reading order
    ys: list[float]  # row edges, top first
    hrules: list[tuple[float, float, float]]  # rules between rows: (ty, tx0, tx1)
    vrules: list[tuple[float, float, float]]  # rules between columns: (tx, ty0, ty1)

    @property
    def width(self) -> int:
        return len(self.xs) - 1

    @property
    def height(self) -> int:
        return len(self.ys) - 1

    def cell_at(self, page: int, x: float, y: float) -> tuple[int, int] | None:
        """(band, column) of a point of the page, None outside the grid."""
        if page != self.page:
            return None
        tx, ty = _turned(self.turn, x, y)
        if not (self.xs[0] <= tx <= self.xs[-1] and self.ys[0] <= ty <= self.ys[-1]):
            return None
        column = next(c for c in range(self.width) if tx <= self.xs[c + 1])
        band = next(r for r in range(self.height) if ty <= self.ys[r + 1])
        return band, column

    def closed_right(self, band: int, column: int) -> bool:
        """A rule stands between ``column`` and the next one along ``band``."""
        x, mid = self.xs[column + 1], (self.ys[band] + self.ys[band + 1]) / 2
        return any(abs(rx - x) <= _TOUCH and y0 - _TOUCH <= mid <= y1 + _TOUCH for rx, y0, y1 in self.vrules)

    def closed_below(self, band: int, column: int) -> bool:
        """A rule stands between ``band`` and the next one under ``column``."""
        y, mid = self.ys[band + 1], (self.xs[column] + self.xs[column + 1]) / 2
        return any(abs(ry - y) <= _TOUCH and x0 - _TOUCH <= mid <= x1 + _TOUCH for ry, x0, x1 in self.hrules)


def _turned(turn: int, x: float, y: float) -> tuple[float, float]:
    """A page point in the coordinates of a table whose text is turned ``turn`` quarters:
    along its rows, then down its columns."""
    if turn == 3:  # text read bottom to top: rows run left to right, columns upwards
        return y, x
    if turn == 1:
        return -y, -x
    return x, -y


def _rules(page) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """The thin strokes of a page: horizontal (y, x0, x1) and vertical (x, y0, y1)."""
    import pypdfium2.raw as pdfium_c

    horizontal, vertical = [], []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=3):
        left, bottom, right, top = obj.get_bounds()
        if top - bottom <= _RULE_THICKNESS and right - left >= _RULE_LENGTH:
            horizontal.append(((top + bottom) / 2, left, right))
        elif right - left <= _RULE_THICKNESS and top - bottom >= _RULE_LENGTH:
            vertical.append(((left + right) / 2, bottom, top))
    return horizontal, vertical


def _merged_positions(values: list[float]) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if out and value - out[-1] <= _TOUCH:
            continue
        out.append(value)
    return out


def _rule_groups(horizontal, vertical) -> list[tuple[list, list]]:
    """The rules of a page in groups that touch one another (one group per grid)."""
    rules = [("h", r) for r in horizontal] + [("v", r) for r in vertical]
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def touches(a, b) -> bool:
        (ka, (pa, a0, a1)), (kb, (pb, b0, b1)) = a, b
        if ka == kb:  # two pieces of one line, end to end
            return abs(pa - pb) <= _TOUCH and a0 <= b1 + _TOUCH and b0 <= a1 + _TOUCH
        (y, x0, x1), (x, y0, y1) = ((pa, a0, a1), (pb, b0, b1)) if ka == "h" else ((pb, b0, b1), (pa, a0, a1))
        return x0 - _TOUCH <= x <= x1 + _TOUCH and y0 - _TOUCH <= y <= y1 + _TOUCH

    order = sorted(range(len(rules)), key=lambda i: rules[i][1][1])
    for n, i in enumerate(order):  # sweep: only rules whose spans overlap can touch
        for j in order[n + 1:]:
            if rules[j][1][1] > rules[i][1][2] + _TOUCH and rules[i][0] == rules[j][0]:
                continue
            if touches(rules[i], rules[j]):
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(rules)):
        groups.setdefault(find(i), []).append(i)
    return [([rules[i][1] for i in members if rules[i][0] == "h"], [rules[i][1] for i in members if rules[i][0] == "v"])
            for members in groups.values()]


def _place_rule(turn: int, a: tuple[float, float], b: tuple[float, float], across: list, down: list) -> None:
    """A rule from a to b (page points) as a rule between rows or between columns."""
    (ax, ay), (bx, by) = _turned(turn, *a), _turned(turn, *b)
    if abs(ay - by) <= abs(ax - bx):
        across.append(((ay + by) / 2, min(ax, bx), max(ax, bx)))
    else:
        down.append(((ax + bx) / 2, min(ay, by), max(ay, by)))


def _grid(number: int, turn: int, horizontal, vertical) -> Grid | None:
    """The grid of a group of rules, read in the table's own coordinates."""
    across, down = [], []  # rules between rows, rules between columns
    for y, x0, x1 in horizontal:
        _place_rule(turn, (x0, y), (x1, y), across, down)
    for x, y0, y1 in vertical:
        _place_rule(turn, (x, y0), (x, y1), across, down)
    xs = _merged_positions([x for x, _, _ in down])
    ys = _merged_positions([y for y, _, _ in across])
    if len(xs) - 1 < _MIN_COLUMNS or len(ys) < 2:
        return None
    return Grid(number, turn, xs, ys, across, down)


@dataclass
class _Layer:
    """The PDF's glyphs in reading order: character, page, centre."""

    chars: list[str] = field(default_factory=list)
    places: list[tuple[int, float, float]] = field(default_factory=list)
    turns: list[int] = field(default_factory=list)  # quarter turns of each glyph


def read_grids(pdf_path: Path) -> tuple[list[Grid], _Layer]:
    """Every ruled grid of the PDF, and its text layer (non-space glyphs with their place)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf_path))
    groups: list[tuple[int, list, list]] = []
    layer = _Layer()
    try:
        for number in range(len(document)):
            page = document[number]
            if page.get_rotation() % 360:
                continue  # a page turned by its own attribute: left as text
            groups.extend((number, h, v) for h, v in _rule_groups(*_rules(page)) if h and v)
        if groups:  # the whole text layer, so that the text's lines are found in order
            for number in range(len(document)):
                _read_layer(document[number], number, layer)
    finally:
        document.close()
    grids = []
    for number, horizontal, vertical in groups:
        grid = _grid(number, _turn_inside(layer, number, horizontal, vertical), horizontal, vertical)
        if grid is not None:
            grids.append(grid)
    return grids, layer


def _turn_inside(layer: _Layer, number: int, horizontal, vertical) -> int:
    """How the text inside a group of rules is turned: the most glyphs' quarter turns."""
    x0, x1 = min(x for x, _, _ in vertical), max(x for x, _, _ in vertical)
    y0, y1 = min(y for y, _, _ in horizontal), max(y for y, _, _ in horizontal)
    counts = [0, 0, 0, 0]
    for (page, x, y), turn in zip(layer.places, layer.turns):
        if page == number and x0 <= x <= x1 and y0 <= y <= y1:
            counts[turn] += 1
    return max(range(4), key=lambda t: (counts[t], t == 0))


def _read_layer(page, number: int, layer: _Layer) -> None:
    import math

    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    text = textpage.get_text_range()
    for i, char in enumerate(text):
        if char.isspace():
            continue
        left, bottom, right, top = textpage.get_charbox(i)
        if unicodedata.combining(char) and layer.chars and layer.places[-1][0] == number:
            composed = unicodedata.normalize("NFC", layer.chars[-1] + char)
            if len(composed) == 1:  # a mark PDFium gives apart from its letter
                layer.chars[-1] = composed
                continue
        turn = round(pdfium_c.FPDFText_GetCharAngle(textpage.raw, i) / (math.pi / 2)) % 4
        for part in unicodedata.normalize("NFC", char.replace("\ufffe", "-")):
            layer.chars.append(part)
            layer.places.append((number, (left + right) / 2, (bottom + top) / 2))
            layer.turns.append(turn)


def pdf_beside(path: Path) -> Path | None:
    """The PDF a text was extracted from: the same name next to it or in a ``pdf`` folder
    beside its own (a gazette collection keeps ``documents/x.txt`` and ``pdf/x.pdf``)."""
    path = Path(path)
    if path.suffix.lower() == ".pdf":
        return path
    for folder in dict.fromkeys((path.parent, path.resolve().parent)):
        for candidate in (folder / f"{path.stem}.pdf", folder.parent / "pdf" / f"{path.stem}.pdf"):
            if candidate.is_file():
                return candidate
    return None


# --------------------------------------------------------------------------- text lines on the page

_SYNC = 16  # characters that must agree to pick the alignment up again after a difference
_SEARCH = 3000


_Place = tuple[int, int, float, float]  # position in the line, page, x, y


def _line_places(lines: list[str], layer: _Layer) -> list[list[_Place]]:
    """For each text line, where its glyphs are in the PDF (empty when not found there: the
    text's own additions).  The text and the layer are walked together; where they differ
    (a signature stamp only one of them has) the walk picks up again at the nearer run of
    ``_SYNC`` characters they share."""
    stream = "".join(layer.chars)
    out: list[list[_Place]] = [[] for _ in lines]
    chars = [(n, k, ch) for n, line in enumerate(lines) for k, ch in enumerate(line) if not ch.isspace()]
    text = "".join(ch for _, _, ch in chars)
    i = j = 0
    while i < len(text) and j < len(stream):
        if text[i] == stream[j]:
            n, k, _ = chars[i]
            out[n].append((k, *layer.places[j]))
            i += 1
            j += 1
            continue
        # the nearer of: glyphs only the layer has here, characters only the text has here
        in_stream = stream.find(text[i:i + _SYNC], j, j + _SEARCH)
        in_text = text.find(stream[j:j + _SYNC], i, i + _SEARCH)
        skips = [(a - j, "stream") for a in (in_stream,) if a >= 0] + [(b - i, "text") for b in (in_text,) if b >= 0]
        if not skips:
            i, j = i + 1, j + 1  # a glyph read differently: go on past it
        elif min(skips)[1] == "stream":
            j = in_stream
        else:
            i = in_text
    return out


_Piece = tuple[int, int, int]  # text line, first and last position of the piece in it


def _pieces(places: list[_Place], grid: Grid) -> list[tuple[tuple[int, int], int, int]]:
    """A line cut where it crosses from one cell into the next (one extracted line may
    hold two cells side by side): (cell, first, last position in the line)."""
    out: list[tuple[tuple[int, int], int, int]] = []
    for k, page, x, y in places:
        cell = grid.cell_at(page, x, y)
        if cell is None:
            continue
        if out and out[-1][0] == cell:
            out[-1] = (cell, out[-1][1], k)
        else:
            out.append((cell, k, k))
    return out


@dataclass
class _GridText:
    """The text of one grid, by cell, and its merged cells."""

    grid: Grid
    pieces: dict[tuple[int, int], list[_Piece]]  # (band, column) -> pieces of text lines, in text order
    owner: dict[tuple[int, int], tuple[int, int]]  # (band, column) -> the cell it belongs to (top left)

    def text(self, page: list[str], cell: tuple[int, int]) -> str:
        owner = self.owner[cell]
        members = sorted(p for key, at in self.pieces.items() if self.owner[key] == owner for p in at)
        return " ".join(" ".join(page[n][a:b + 1].split()) for n, a, b in members).strip()

    def own_lines(self, band: int, column: int) -> list[int]:
        """The lines of a cell printed in this band (a cell spanning rows is printed in one)."""
        return sorted({n for n, _, _ in self.pieces.get((band, column), [])})

    def band_cells(self, page: list[str], band: int) -> list[str]:
        """The cells of a band under the columns: a cell spanning columns is read in its first
        one; a cell spanning rows is read in every row it spans."""
        cells = []
        for column in range(self.grid.width):
            if column and self.owner[(band, column)] == self.owner[(band, column - 1)]:
                cells.append("")
            else:
                cells.append(self.text(page, (band, column)))
        return cells

    def spans_across(self, band: int) -> bool:
        """The band is a group line: one cell (after an optional label) across the columns."""
        owners = [self.owner[(band, c)] for c in range(self.grid.width)]
        widest = max(owners.count(o) for o in set(owners))
        return widest > 1 and 2 * widest > self.grid.width


def _grid_text(grid: Grid, places: list[list[_Place]]) -> _GridText:
    pieces: dict[tuple[int, int], list[_Piece]] = {}
    for n, line_places in enumerate(places):
        if not any(p[1] == grid.page for p in line_places):
            continue
        for cell, first, last in _pieces(line_places, grid):
            pieces.setdefault(cell, []).append((n, first, last))
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    for band in range(grid.height):
        for column in range(grid.width):
            if column and not grid.closed_right(band, column - 1):
                owner[(band, column)] = owner[(band, column - 1)]
            elif band and not grid.closed_below(band - 1, column):
                owner[(band, column)] = owner[(band - 1, column)]
            else:
                owner[(band, column)] = (band, column)
    return _GridText(grid, pieces, owner)


def _opens_row(cell: str) -> bool:
    return bool(_OPENS_ROW.fullmatch(cell.strip()))


def _header_bands(grid_text: _GridText, page: list[str]) -> int:
    """How many bands at the top are column names: up to the first row that opens with a
    running number or a group label, when every name is short."""
    for band in range(min(_MAX_HEADER_BANDS, grid_text.grid.height)):
        cells = grid_text.band_cells(page, band)
        if not band and _FIGURE.fullmatch(cells[0]):
            return 0  # a figure where a column name would be: the rows of a table begun before
        if band and (grid_text.spans_across(band) or sum(1 for c in cells if c) == 1) or _opens_row(cells[0]) and not _numbering(cells):
            return band  # a group line across the table, or a numbered row: the rows begin
        if any(len(c.split()) > _HEADER_CELL_WORDS for c in cells):
            return 0
    return 0


def _numbering(cells: list[str]) -> bool:
    """The column numbers printed under the names: "(1)", "(2)" … or "A", "B", "1", "2" …"""
    filled = [c for c in cells if c]
    return len(filled) >= _MIN_COLUMNS and all(_COLUMN_NUMBER.fullmatch(c) or re.fullmatch(r"[A-Z]", c)
                                               for c in filled)


def _column_names(grid_text: _GridText, page: list[str], bands: int) -> list[str]:
    """A name per column: the header's cells down the column, a name spanning several
    columns given to each ("Mức thu" over "Năm 2026" and "Năm 2027"), the column numbers
    printed under the names left out."""
    names = []
    for column in range(grid_text.grid.width):
        parts: list[str] = []
        for band in range(bands):
            text = grid_text.text(page, (band, column))
            if text and (not parts or parts[-1] != text) and not _numbering(grid_text.band_cells(page, band)):
                parts.append(text)
        names.append(" ".join(parts))
    return names


def _same_columns(a: Grid, b: Grid) -> bool:
    return len(a.xs) == len(b.xs) and all(abs(x - y) <= _SAME_EDGE for x, y in zip(a.xs, b.xs))


def _line_spread(grid_text: _GridText) -> bool:
    """The text's lines sit in more than one column: the grid holds a table's text (a
    frame around a paragraph or an empty drawing does not)."""
    return len({column for _, column in grid_text.pieces}) >= _MIN_COLUMNS


def grid_tables(page: list[str], grids: list[Grid], layer: _Layer) -> list[BarTable]:
    """The tables of a document's text lines ``page``, read from the PDF's grids."""
    places = _line_places(page, layer)
    tables: list[BarTable] = []
    previous: tuple[BarTable, Grid] | None = None
    for grid in grids:
        grid_text = _grid_text(grid, places)
        if not _line_spread(grid_text):
            previous = None
            continue
        start = 0
        continued = previous is not None and _same_columns(previous[1], grid) and grid.page == previous[1].page + 1
        if continued and grid_text.band_cells(page, 0)[0] and _header_bands(grid_text, page) \
                and grid_text.band_cells(page, 0) != _header_cells_of(previous[0], 0):
            continued = False  # a table of its own under the same columns (its own header)
        if continued:
            table = previous[0]
            while start < grid.height and start < _MAX_HEADER_BANDS and \
                    [c for c in grid_text.band_cells(page, start) if c] and \
                    grid_text.band_cells(page, start) == _header_cells_of(table, start):
                start += 1  # the header printed again on the new page
        else:
            bands = _header_bands(grid_text, page)
            if not bands:
                previous = None
                continue
            names = _column_names(grid_text, page, bands)
            table = BarTable(names, [], sorted(i for b in range(bands) for c in range(grid.width)
                                                  for i in grid_text.own_lines(b, c)))
            table.header_cells = [grid_text.band_cells(page, b) for b in range(bands)]  # type: ignore[attr-defined]
            tables.append(table)
            start = bands
        first = True
        for band in range(start, grid.height):
            cells = grid_text.band_cells(page, band)
            lines = [grid_text.own_lines(band, c) for c in range(grid.width)]
            if not any(lines) or not any(cells[1:]):
                continue  # an empty band, a blank form line with its number only
            if first and continued and table.rows and not cells[0] and table.rows[-1][0]:
                # the page broke a row: its first cells on the last page, the rest here
                table.rows[-1] = [" ".join(p for p in (a, b) if p) for a, b in zip(table.rows[-1], cells)]
                table.row_lines[-1] = [a + b for a, b in zip(table.row_lines[-1], lines)]
            else:
                if grid_text.spans_across(band) or _group_line(cells):
                    cells = [c for c in cells if c]
                    lines = [at for at in lines if at]
                table.rows.append(cells)
                table.row_lines.append(lines)
            first = False
        previous = (table, grid)
    return [t for t in tables if t.rows]


def _header_cells_of(table: BarTable, band: int) -> list[str] | None:
    header = getattr(table, "header_cells", [])
    return header[band] if band < len(header) else None


def _group_line(cells: list[str]) -> bool:
    """"I." / "Tăng cường sự lãnh đạo …" with the other columns empty, or a lone "Nhóm thuốc
    giải biểu" under the names: a group line over the rows after it."""
    filled = [c for c in cells if c]
    return len(cells) > 3 and (len(filled) == 1 or len(filled) == 2 and bool(_GROUP_LABEL.fullmatch(cells[0].strip())))


# --------------------------------------------------------------------------- into the tree


def _line_spans(text: str, page: list[str]) -> list[tuple[int, int] | None]:
    """Where each text line is in the cleaned text (None where the cleaner removed it): the
    two sequences of lines lined up in order, the longest runs of equal lines first."""
    from difflib import SequenceMatcher

    from corpus.bartables import _line_offsets

    cleaned = [entry for entry in _line_offsets(text) if entry[2]]
    wanted = [" ".join(line.split()) for line in page]
    out: list[tuple[int, int] | None] = [None] * len(page)
    matcher = SequenceMatcher(None, wanted, [entry[2] for entry in cleaned], autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            if wanted[a + k]:
                out[a + k] = (cleaned[b + k][0], cleaned[b + k][1])
    return out


def _table_node(table: BarTable, spans: list[tuple[int, int] | None]) -> Node | None:
    header = [spans[i] for i in table.header_lines if spans[i]]
    if not header:
        return None
    node = Node("table", "", "", header[0][0], header[-1][1], cells=list(table.columns))
    node.children.append(Node("paragraph", "", "", header[0][0], header[-1][1]))
    width = len(table.columns)
    floor = header[-1][1]
    for cells, lines in zip(table.rows, table.row_lines):
        found = sorted(s for at in lines for i in at if (s := spans[i]) and s[0] >= floor)
        if not found:
            continue
        start, end = found[0][0], found[-1][1]
        if len(cells) == width:
            label = cells[0].rstrip(".") if _OPENS_ROW.fullmatch(cells[0]) else ""
            node.children.append(Node("row", label, "", start, end, cells=list(cells)))
        else:
            node.children.append(Node("paragraph", "", "", start, end))
        floor = end
    if not any(child.kind == "row" for child in node.children):
        return None
    node.end = node.children[-1].end
    return node


def attach_pdf_tables(root: Node, text: str, raw: str, pdf_path: Path | None,
                      warnings: list[str] | None = None) -> int:
    """Add the tables of the PDF ``pdf_path`` (the source of ``raw``) to the tree of the
    cleaned ``text``; returns how many were added.  A table overlapping a table already
    read is read from the PDF instead (its grid is surer than the text's lines).  A PDF that
    cannot be read leaves the text as it is, said in ``warnings``."""
    if pdf_path is None:
        return 0
    from corpus.bartables import _splice
    from corpus.cleaning import normalize_characters, strip_markdown

    try:
        grids, layer = read_grids(pdf_path)
    except Exception as error:  # noqa: BLE001 - any unreadable PDF: the text is read as it is
        if warnings is not None:
            warnings.append(f"{pdf_path.name}: không đọc được bảng trong PDF ({type(error).__name__}); "
                            "bảng được đọc theo văn bản (PDF tables unreadable, read from the text)")
        return 0
    if not grids:
        return 0
    page = strip_markdown(normalize_characters(raw)).split("\n")
    tables = grid_tables(page, grids, layer)
    if not tables:
        return 0
    spans = _line_spans(text, page)
    added = 0
    for table in tables:
        node = _table_node(table, spans)
        if node is None:
            continue
        _drop_tables_within(root, node.start, node.end)
        _cut_at_table_end(root, node, text)
        if _splice(root, node, text):
            added += 1
    return added


def _cut_at_table_end(root: Node, table: Node, text: str) -> None:
    """A heading the text's own reading found on a group line inside the table ("X. LĨNH VỰC
    KHÁC" over its rows) runs on past the table: the table holds its rows, the text after
    the table is read on its own (as :func:`corpus.bartables._splice` does for a row's number)."""
    from corpus.bartables import _tail_after, deepest_container

    container = deepest_container(root, table.start, table.end)
    children: list[Node] = []
    for child in container.children:
        if table.start <= child.start < table.end < child.end and child.kind not in ("header", "table"):
            children.append(Node("paragraph", "", "", child.start, table.end))  # read again as cells
            children.extend(_tail_after(child, table.end, text))
        else:
            children.append(child)
    container.children = children


def _drop_tables_within(node: Node, start: int, end: int) -> None:
    """Remove tables the text's own reading found inside [start, end): the grid reads them again."""
    node.children = [c for c in node.children if not (c.kind == "table" and c.start >= start and c.end <= end)]
    for child in node.children:
        _drop_tables_within(child, start, end)

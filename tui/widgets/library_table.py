"""The library's table: one row per article (title, outlet, date, statements, actors, notes)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.events import Resize
from textual.widgets import DataTable

from tui.library import Row, SortColumn
from tui.safe_text import one_line

# (key, label, width); the title takes what the others leave.
COLUMNS: tuple[tuple[SortColumn, str, int | None], ...] = (
    ("title", "Title", None),
    ("outlet", "Outlet", 20),
    ("date", "Date", 10),
    ("statements", "Statements", 10),
    ("actors", "Actors", 6),
    ("notes", "Notes", 5),
)
MIN_TITLE_WIDTH = 20
WAITING = "…"


class LibraryTable(DataTable):
    """Rows are shown with ``show`` (in the given order) and refreshed one by one with ``update``;
    the cursor stays on the same article through both."""

    BINDINGS = [
        Binding("enter", "select_cursor", "Open", id="library.open",
                tooltip="Open the article in the reader"),
        Binding("j", "cursor_down", "Down", show=False, id="library.down", tooltip="Next article"),
        Binding("k", "cursor_up", "Up", show=False, id="library.up", tooltip="Previous article"),
        Binding("g", "scroll_top", "Top", show=False, id="library.top", tooltip="First article"),
        Binding("G", "scroll_bottom", "Bottom", show=False, id="library.bottom", tooltip="Last article"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._shown: list[Row] = []
        self._sort: tuple[SortColumn, bool] | None = None

    @property
    def current_key(self) -> str | None:
        """The key of the article under the cursor, or None in an empty table."""
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value

    def show(self, rows: Sequence[Row], sort: tuple[SortColumn, bool] | None) -> None:
        """Show exactly ``rows``, in this order, with ``sort`` (column, descending) marked in its
        header; the cursor stays on its article when that is still shown."""
        keep = self.current_key
        self._shown, self._sort = list(rows), sort
        self._rebuild(keep)

    def update(self, row: Row) -> None:
        """Redraw ``row`` (one not shown is left alone)."""
        if row.key not in self.rows:
            return
        self._shown = [row if shown.key == row.key else shown for shown in self._shown]
        for (column, _, _), cell in zip(COLUMNS, self._cells(row)):
            self.update_cell(row.key, column, cell)

    def on_resize(self, event: Resize) -> None:
        if self.columns and self._title_width() != self.columns["title"].width:
            self._rebuild(self.current_key)

    def _title_width(self) -> int:
        others = sum(width + 2 * self.cell_padding for _, _, width in COLUMNS if width)
        scrollbar = self.styles.scrollbar_size_vertical
        return max(MIN_TITLE_WIDTH, self.size.width - others - 2 * self.cell_padding - scrollbar)

    def _rebuild(self, keep: str | None) -> None:
        self.clear(columns=True)
        for column, label, width in COLUMNS:
            self.add_column(self._label(column, label), width=width or self._title_width(), key=column)
        for row in self._shown:
            self.add_row(*self._cells(row), key=row.key)
        if keep is not None and keep in self.rows:
            self.move_cursor(row=self.get_row_index(keep), animate=False)

    def _label(self, column: SortColumn, label: str) -> Text:
        if self._sort is None or self._sort[0] != column:
            return Text(label)
        return Text(f"{label} {'▼' if self._sort[1] else '▲'}", style="bold")

    def _cells(self, row: Row) -> tuple[Text, ...]:
        if row.problem is not None:
            title = Text.assemble(("⚠ ", "bold"), one_line(row.name), " — ", one_line(row.problem))
            title.stylize(self.app.get_css_variables()["text-error"])
        else:
            title = Text(one_line(row.title or row.name))
        title.no_wrap, title.overflow = True, "ellipsis"
        return (
            title,
            _plain(row.outlet),
            _plain(row.date),
            self._count(row, row.statements),
            self._count(row, row.actors),
            Text("—", justify="right", style="dim") if row.problem is not None else _notes(row.notes),
        )

    @staticmethod
    def _count(row: Row, count: int | None) -> Text:
        if row.problem is not None:
            return Text("—", justify="right", style="dim")
        if count is None:
            return Text(WAITING, justify="right", style="dim")
        return Text(str(count), justify="right")


def _plain(value: str | None) -> Text:
    return Text(one_line(value or ""), no_wrap=True, overflow="ellipsis")


def _notes(count: int | None) -> Text:
    if count is None:
        return Text("?", justify="right", style="dim")
    return Text(f"✎ {count}" if count else "", justify="right")

"""The article pane: paragraphs wrapped to the pane with who-said-what painted over them.

A line-based ``ScrollView``: the text is laid out once per width as offset ranges
(``tui.line_wrapping``) and only the visible lines are turned into strips, so a 100k-word article opens
fast and moving between statements only redraws what is on screen. Article text is never parsed
as markup: lines are ``rich.text.Text`` built from the text itself, styled by offset.

Lines are at most ``measure`` columns wide (a readable line on a wide terminal) and centred in the
pane. Left of the text is a gutter: with overlays off it marks the current statement with a bar.
"""

from __future__ import annotations

from bisect import bisect_right

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.color import Color
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from annotators.model import Annotation, Span
from tui.line_wrapping import ArticleLayout, Line
from tui.safe_text import displayable
from tui.overlays import Mark, Overlays
from tui.selection import selection_span

GUTTER = 2  # columns left of the text: the current statement's bar and a space
RIGHT_MARGIN = 2  # columns between the text and the scrollbar
GUTTER_BAR = "▌"

ROLE_CLASSES = {
    "direct": "article-view--direct",
    "indirect": "article-view--indirect",
    "cue": "article-view--cue",
    "source": "article-view--source",
}


class ArticleView(ScrollView, can_focus=True):
    """Shows one article; the screen sets what is current, filtered, searched (attributes down)."""

    COMPONENT_CLASSES = {
        *ROLE_CLASSES.values(),
        "article-view--current",  # the statement the reader is on
        "article-view--dimmed",  # statements outside the actor filter
        "article-view--unattributed",  # statements whose speaker is unknown
        "article-view--mention",  # mentions of the actor the reader filters on
        "article-view--match",  # search matches
        "article-view--match-current",
        "article-view--noted",  # passages with a note of the reader's
        "article-view--note-marker",  # the first character of each: a mark that is not colour alone
        "article-view--gutter",  # the bar beside the current statement when overlays are off
    }

    BINDINGS = [
        Binding("j,down", "scroll_down", "Line down", show=False, id="article.line_down"),
        Binding("k,up", "scroll_up", "Line up", show=False, id="article.line_up"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="article.page_down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="article.page_up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="article.top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="article.bottom"),
    ]

    annotation: reactive[Annotation] = reactive(Annotation, always_update=True)
    current: reactive[int | None] = reactive(None)  # index into annotation.statements
    overlays_shown: reactive[bool] = reactive(True)
    filter_actor: reactive[str | None] = reactive(None)
    speaker_colours: reactive[tuple[Color, ...]] = reactive(tuple)
    matches: reactive[tuple[Span, ...]] = reactive(tuple)
    current_match: reactive[int | None] = reactive(None)
    noted: reactive[tuple[Span, ...]] = reactive(tuple)  # set by the reader's notes
    measure: reactive[int] = reactive(100)  # the widest a line of text gets, in columns

    class StatementClicked(Message):
        """The user clicked on a statement."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, text: str, annotation: Annotation, measure: int = 100, **kwargs) -> None:
        super().__init__(**kwargs)
        self.set_reactive(ArticleView.measure, measure)
        self.text = text
        self.display_text = displayable(text)
        self._layout: ArticleLayout | None = None
        self._overlays = Overlays(annotation)
        self._filtered: frozenset[int] | None = None
        self._mentions: list[Span] = []  # of the filtered actor
        self._mention_starts: list[int] = []
        self._current_extent: Span | None = None
        self._line_cache: LRUCache[int, Strip] = LRUCache(1024)
        self._style_cache: dict[tuple, Style] = {}
        self._match_starts: list[int] = []
        self.set_reactive(ArticleView.annotation, annotation)

    # --- what the screen asks -------------------------------------------------------------------

    @property
    def overlays(self) -> Overlays:
        return self._overlays

    @property
    def layout(self) -> ArticleLayout:
        """The article wrapped to the pane (redone on resize, see ``on_resize``)."""
        if self._layout is None:
            self._relayout()
        assert self._layout is not None
        return self._layout

    def visible_lines(self) -> range:
        top = round(self.scroll_offset.y)
        return range(top, top + self.scrollable_content_region.height)

    def is_visible(self, span: Span) -> bool:
        first, last = self.layout.lines_of(span)
        visible = self.visible_lines()
        return first in visible and last in visible

    def scroll_to_span(self, span: Span) -> None:
        """Bring a span into view (a third of the way down the pane) unless it already is."""
        if self.is_visible(span):
            return
        first, last = self.layout.lines_of(span)
        height = self.scrollable_content_region.height
        target = first if last - first >= height else first - height // 3
        self.scroll_to(y=max(0, target), animate=False)

    # --- reacting to attributes -----------------------------------------------------------------

    def watch_annotation(self, old: Annotation, annotation: Annotation) -> None:
        self._overlays = Overlays(annotation)
        self._update_filter()
        current = self.current
        valid = current is not None and current < len(annotation.statements)
        self._current_extent = annotation.statements[current].extent if valid else None
        if self._layout is not None and old.paragraphs == annotation.paragraphs:
            self._redraw()  # same paragraphs as the preview: the wrapped lines still hold
        else:
            self._relayout()

    def watch_filter_actor(self) -> None:
        self._update_filter()
        self._redraw()

    def watch_current(self, index: int | None) -> None:
        previous = self._current_extent
        self._current_extent = None if index is None else self.annotation.statements[index].extent
        # Only the lines of the old and the new current statement change: moving stays cheap.
        self._redraw_spans(previous, self._current_extent)
        if self._current_extent is not None:
            self.scroll_to_span(self._current_extent)

    def watch_current_match(self, previous: int | None, index: int | None) -> None:
        matches = self.matches
        spans = [matches[i] for i in (previous, index) if i is not None and i < len(matches)]
        self._redraw_spans(*spans)
        if index is not None:
            self.scroll_to_span(matches[index])

    def watch_overlays_shown(self) -> None:
        self._redraw()

    def watch_measure(self) -> None:
        if self._layout is not None:
            self._relayout()

    def watch_speaker_colours(self) -> None:
        self._style_cache.clear()
        self._redraw()

    def watch_noted(self) -> None:
        self._redraw()

    def watch_matches(self) -> None:
        self._match_starts = [span.start for span in self.matches]
        self._redraw()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style_cache.clear()
        self._line_cache.clear()

    def _update_filter(self) -> None:
        """The statements left undimmed by the actor filter; None when there is no filter."""
        actor = self.filter_actor
        self._filtered = frozenset(self._overlays.statements_of(actor)) if actor else None
        self._mentions = self._overlays.mentions_of(actor) if actor else []
        self._mention_starts = [span.start for span in self._mentions]

    def _redraw(self) -> None:
        self._line_cache.clear()
        self.refresh()

    def _redraw_spans(self, *spans: Span | None) -> None:
        """Redraw just the lines these spans are drawn on."""
        if self._layout is None:
            return
        for span in spans:
            if span is not None:
                first, last = self._layout.lines_of(span)
                for line in range(first, last + 1):
                    self._line_cache.discard(line)
                self.refresh_lines(first, last - first + 1)

    @property
    def base_style(self) -> Style:
        """The pane's own colours (cached: computing them walks the DOM)."""
        key = ("base",)
        if key not in self._style_cache:
            self._style_cache[key] = self.rich_style
        return self._style_cache[key]

    # --- layout ---------------------------------------------------------------------------------

    def _wrap_width(self) -> int:
        available = self.scrollable_content_region.width - GUTTER - RIGHT_MARGIN
        return max(1, min(self.measure, available))

    def text_indent(self) -> int:
        """Columns left of the text: the gutter, and half of what the measure leaves over."""
        spare = self.scrollable_content_region.width - GUTTER - RIGHT_MARGIN - self.layout.width
        return GUTTER + max(0, spare // 2)

    def _relayout(self) -> None:
        """Wrap to the current width, keeping the top line (and the current statement) in view."""
        previous = self._layout
        top_offset = None
        if previous is not None and len(previous):
            top_offset = previous.lines[min(round(self.scroll_offset.y), len(previous) - 1)].start
        self._layout = ArticleLayout(self.display_text, self.annotation.paragraphs, self._wrap_width())
        self.virtual_size = Size(self._layout.width, len(self._layout))
        if top_offset is not None:
            self.scroll_to(y=self._layout.line_of(top_offset), animate=False)
        if self._current_extent is not None:
            self.scroll_to_span(self._current_extent)
        self._redraw()

    def on_resize(self, event: events.Resize) -> None:
        if self._layout is None or self._layout.width != self._wrap_width():
            self._relayout()

    # --- drawing --------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        layout = self.layout
        index = round(self.scroll_offset.y) + y
        base = self.base_style
        width = self.scrollable_content_region.width
        if index >= len(layout):
            return Strip.blank(width, base)
        strip = self._line_cache.get(index)
        if strip is None:
            text = self.line_text(index)
            # Text.render leaves the base style out: lay the pane's colours under the overlays.
            segments = text.render(self.app.console)
            strip = Strip(segments, text.cell_len).apply_style(base).crop_extend(0, layout.width, base)
            self._line_cache[index] = strip
        # (column, line) of each text cell: how Textual reports selections; the margin has none
        text_strip = strip.apply_offsets(0, index)
        return Strip.join([self._left_margin(index), text_strip]).crop_extend(0, width, base)

    def _left_margin(self, index: int) -> Strip:
        """The indent before a line, with the gutter bar when it belongs to the current statement
        and overlays are off (plain reading still shows where ``n`` went)."""
        indent = self.text_indent()
        extent = self._current_extent
        if self.overlays_shown or extent is None or not self._span_covers_line(index, extent):
            return Strip.blank(indent, self.base_style)
        bar = Segment(GUTTER_BAR, self.base_style + self.component_style("article-view--gutter"))
        return Strip([Segment(" " * (indent - GUTTER), self.base_style), bar,
                      Segment(" " * (GUTTER - 1), self.base_style)], indent)

    def _span_covers_line(self, index: int, span: Span) -> bool:
        first, last = self.layout.lines_of(span)
        return first <= index <= last

    def line_text(self, index: int) -> Text:
        """One laid-out line with every overlay that touches it."""
        line = self.layout.lines[index]
        text = Text(self.display_text[line.start : line.end], end="", no_wrap=True)
        self._paint_notes(text, line)  # under the statements, so the current one still shows
        if self.overlays_shown and line.paragraph >= 0:
            self._paint_statements(text, line)
            if self._mentions:
                self._paint_spans(text, line, self._mentions, self._mention_starts, "article-view--mention")
        if self._match_starts:
            self._paint_matches(text, line)
        self._paint_selection(text, line)
        return text

    def _paint_notes(self, text: Text, line: Line) -> None:
        for span in self.noted:
            self._stylize(text, line, span.start, span.end, self.component_style("article-view--noted"))
            self._stylize(text, line, span.start, span.start + 1, self.component_style("article-view--note-marker"))

    def _paint_selection(self, text: Text, line: Line) -> None:
        selected = self.selected_span()
        if selected is not None:
            style = self.screen.get_component_rich_style("screen--selection")
            self._stylize(text, line, selected.start, selected.end, style)

    # --- selection (the text a highlight note is written on) ------------------------------------

    def selected_span(self) -> Span | None:
        selection = self.text_selection
        return None if selection is None else selection_span(self.layout, self.display_text, selection)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        span = selection_span(self.layout, self.display_text, selection)
        return (span.text(self.text), "\n") if span is not None else None

    def selection_updated(self, selection: Selection | None) -> None:
        self._redraw()

    def _paint_statements(self, text: Text, line: Line) -> None:
        for mark in self._overlays.marks(line.paragraph):
            self._stylize(text, line, mark.start, mark.end, self._mark_style(mark))
        if (extent := self._current_extent) is not None:
            self._stylize(text, line, extent.start, extent.end, self.component_style("article-view--current"))

    def _paint_matches(self, text: Text, line: Line) -> None:
        matches, current = self.matches, self.current_match
        first = max(0, bisect_right(self._match_starts, line.start) - 1)
        for position in range(first, len(matches)):
            match = matches[position]
            if match.start >= line.end:
                break
            name = "article-view--match-current" if position == current else "article-view--match"
            self._stylize(text, line, match.start, match.end, self.component_style(name))

    def _paint_spans(self, text: Text, line: Line, spans: list[Span], starts: list[int], name: str) -> None:
        """Paint the sorted ``spans`` (``starts`` are their starts) that fall on ``line``."""
        style = self.component_style(name)
        for position in range(max(0, bisect_right(starts, line.start) - 1), len(spans)):
            span = spans[position]
            if span.start >= line.end:
                break
            self._stylize(text, line, span.start, span.end, style)

    @staticmethod
    def _stylize(text: Text, line: Line, start: int, end: int, style: Style) -> None:
        start, end = max(start, line.start), min(end, line.end)
        if start < end:
            text.stylize(style, start - line.start, end - line.start)

    def _mark_style(self, mark: Mark) -> Style:
        """Role style (italic, underline, bold: never colour alone) plus the speaker's colour."""
        slot = self._overlays.slot_of(mark.statement)
        dimmed = self._filtered is not None and mark.statement not in self._filtered
        key = (mark.role, slot, dimmed)
        if key not in self._style_cache:
            style = self.component_style(ROLE_CLASSES[mark.role])
            colours = self.speaker_colours
            if dimmed:
                style += self.component_style("article-view--dimmed")
            elif slot is None or not colours:
                style += self.component_style("article-view--unattributed")
            else:
                style += Style(color=colours[slot % len(colours)].rich_color)
            self._style_cache[key] = style
        return self._style_cache[key]

    def component_style(self, name: str) -> Style:
        """A component class as a style to layer over text: its own attributes only, with colours
        blended against the pane (so ``$primary 30%`` works as a background)."""
        key = ("component", name)
        if key not in self._style_cache:
            partial = self.get_component_rich_style(name, partial=True)
            blended = self.get_component_rich_style(name)
            self._style_cache[key] = partial + Style(
                color=blended.color if partial.color else None,
                bgcolor=blended.bgcolor if partial.bgcolor else None,
            )
        return self._style_cache[key]

    # --- mouse ----------------------------------------------------------------------------------

    def offset_at(self, x: int, y: int) -> int | None:
        """The text offset drawn at a content-relative cell, if any."""
        index = round(self.scroll_offset.y) + y
        if not 0 <= index < len(self.layout):
            return None
        line = self.layout.lines[index]
        x -= self.text_indent()
        cells = 0
        for offset in range(line.start, line.end):
            cells += cell_len(self.display_text[offset])
            if cells > x:
                return offset
        return None

    def on_click(self, event: events.Click) -> None:
        position = event.get_content_offset(self)
        if position is None or not self.overlays_shown:
            return
        offset = self.offset_at(position.x, position.y)
        index = None if offset is None else self._overlays.statement_at(offset)
        if index is not None:
            self.post_message(self.StatementClicked(index))

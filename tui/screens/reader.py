"""The reader: the article with speaker overlays, the actor sidebar, search, and statement keys.

The screen owns the reading state (current statement, actor filter, overlays on/off, search) and
hands it down to its widgets as attributes; widgets report user intent up as messages.

Extending it: add keys to ``BINDINGS`` (with an id; the help screen lists them by itself), read
``annotation``, ``current`` (an index into ``annotation.statements``, or None) and ``filter_actor``,
follow changes with ``self.watch(reader, "current", callback)``, and move with ``go_to_statement``
and ``show_actor``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Input, LoadingIndicator

from annotators.model import Annotation, Span, Statement
from tui.commands import ActorCommands, StatementCommands
from tui.inputs import Article
from tui.safe_text import one_line
from tui.navigation import step
from tui.notes.placement import best_statement
from tui.speaker_colours import speaker_colours
from tui.screens.help import live_bindings
from tui.screens.reader_notes import NOTE_BINDINGS, ReaderNotes
from tui.settings import TEXT_WIDTHS, Settings
from tui.stances import summary as stance_summary
from tui.widgets.actor_sidebar import ActorSidebar
from tui.widgets.article_header import ArticleHeader
from tui.widgets.article_view import GUTTER, RIGHT_MARGIN, ArticleView
from tui.widgets.fitted_footer import FittedFooter
from tui.widgets.search_input import SearchInput
from tui.widgets.status_line import Hint, StatementInfo, StatusLine

SIDEBAR_MIN_WIDTH = 100  # columns: below this the sidebar starts hidden
SIDEBAR_WIDTH = 36  # columns, and up to SIDEBAR_MAX_WIDTH when the article's measure leaves room
SIDEBAR_MAX_WIDTH = 56
SUMMARY_LENGTH = 90


class ReaderScreen(ReaderNotes, Screen):
    COMMANDS = {StatementCommands, ActorCommands}

    BINDINGS = [
        Binding("n,]", "step(True, False)", "Next", id="reader.next_statement",
                tooltip="Next statement (wraps round at the end)"),
        Binding("p,[", "step(False, False)", "Prev", id="reader.previous_statement",
                tooltip="Previous statement (wraps round at the start)"),
        Binding("N,}", "step(True, True)", "Speaker", id="reader.next_same_speaker",
                tooltip="Next statement by the current statement's speaker"),
        Binding("P,{", "step(False, True)", "Speaker back", show=False, id="reader.previous_same_speaker",
                tooltip="Previous statement by the current statement's speaker"),
        Binding("s", "toggle_sidebar", "Sidebar", id="reader.toggle_sidebar",
                tooltip="Show or hide the actor sidebar"),
        Binding("o", "toggle_overlays", "Overlays", id="reader.toggle_overlays",
                tooltip="Overlays off and on (plain reading mode)"),
        # A priority binding: keys typed in one burst after it ("/nato" from tmux, a paste) must reach
        # the search bar, and ordinary bindings are looked up only after the article has had them all.
        Binding("slash", "open_search", "Search", id="reader.search", priority=True,
                tooltip="Search the article (matches highlighted as you type)"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="reader.clear_filter",
                tooltip="Clear the actor filter; without one, back to the library"),
        Binding("tab", "app.focus_next", "Next pane", show=False, id="reader.focus_next",
                tooltip="Move focus between the article and the sidebar"),
        Binding("shift+tab", "app.focus_previous", "Previous pane", show=False, id="reader.focus_previous",
                tooltip="Move focus back"),
        Binding("minus", "text_width(-10)", "Narrower", show=False, id="reader.narrower",
                tooltip="Narrower text (10 columns less; kept for next time)"),
        Binding("plus,equals_sign", "text_width(10)", "Wider", show=False, id="reader.wider",
                tooltip="Wider text (10 columns more, up to the pane; kept for next time)"),
        Binding("question_mark,f1", "help", "Help", id="reader.help", tooltip="This list of keys"),
        Binding("q", "app.quit", "Quit", id="reader.quit", tooltip="Quit quotelens"),
        *NOTE_BINDINGS,
    ]
    # What the footer keeps when it is short of room, most important first (the rest is in the help).
    FOOTER_RANKING = (
        "reader.quit", "reader.note", "reader.notes_list", "reader.export", "reader.next_statement",
        "reader.previous_statement", "reader.help", "sidebar.filter", "sidebar.evidence", "reader.search",
        "reader.next_same_speaker", "reader.toggle_sidebar", "reader.toggle_overlays", "app.command_palette",
    )

    # Reading state as `var`s: their watchers update the widgets, which repaint themselves; a
    # plain reactive would repaint the whole screen on every key.
    annotation: var[Annotation] = var(Annotation, always_update=True, init=False)
    annotating: var[bool] = var(True, init=False)
    pending_model: var[str | None] = var(None, init=False)  # a better model's statements still to come
    current: var[int | None] = var(None, init=False)
    filter_actor: var[str | None] = var(None, init=False)
    overlays_shown: var[bool] = var(True, init=False)
    sidebar_shown: var[bool | None] = var(None, init=False)  # None: follow the terminal width

    class SettingChanged(Message):
        """The user changed something kept for next time (a field of ``tui.settings.Settings``)."""

        def __init__(self, name: str, value: object) -> None:
            super().__init__()
            self.name = name
            self.value = value

    def __init__(self, loaded: Article, preview: Annotation, settings: Settings = Settings()) -> None:
        super().__init__()
        self.loaded = loaded  # the article as read: its text, metadata and where it came from
        self.text = loaded.text
        self.text_width = settings.text_width
        self.set_reactive(ReaderScreen.overlays_shown, settings.overlays)
        self.set_reactive(ReaderScreen.sidebar_shown, settings.sidebar)
        self._early_steps: list[tuple[bool, bool]] = []  # statement keys pressed while annotating
        self.shown_model = "fast"  # whose statements are on screen (the app says)
        self.set_reactive(ReaderScreen.annotation, preview)

    def compose(self) -> ComposeResult:
        yield ArticleHeader(id="header")
        with Horizontal(id="panes"):
            yield ArticleView(self.text, self.annotation, measure=self.text_width, id="article")
            yield ActorSidebar(id="sidebar")
        yield SearchInput(id="search")
        with Horizontal(id="status-row"):
            yield LoadingIndicator(id="loading")
            yield StatusLine(id="status")
        yield FittedFooter(self.FOOTER_RANKING)

    @property
    def article(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def sidebar(self) -> ActorSidebar:
        return self.query_one(ActorSidebar)

    @property
    def status(self) -> StatusLine:
        return self.query_one(StatusLine)

    def on_mount(self) -> None:
        self.query_one(SearchInput).display = False
        self.article.overlays_shown = self.overlays_shown
        self.article.focus()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._update_colours())
        self.query_one(LoadingIndicator).display = self.annotating
        self._show_annotation()
        self._update_sidebar_display()
        self.call_after_refresh(self.open_notes)  # notes never delay the first paint

    # --- the annotation arrives (attributes down) -----------------------------------------------

    def watch_annotation(self, previous: Annotation, annotation: Annotation) -> None:
        """A second annotation (the accurate model's after the fast one's) leaves the reader where they
        are: on the statement that best covers the current one's content (or the next one), the pane not
        scrolled, the actor filter kept while that actor is still found; notes are placed anew."""
        current, actor, top = self.current, self.filter_actor, self.article.scroll_offset.y
        self.current = None
        self.filter_actor = None
        self.article.annotation = annotation
        self._show_annotation()
        self.place_notes()
        if actor is not None:
            self.filter_actor = same_actor(previous, actor, annotation)
        if current is not None:
            self.current = matching_statement(previous.statements[current], annotation.statements)
            self.article.scroll_to(y=top, animate=False)

    def _show_annotation(self) -> None:
        overlays = self.article.overlays
        self.sidebar.overlays = overlays
        self._update_colours()
        meta = self.annotation.meta
        header = self.query_one(ArticleHeader)
        header.title_text = one_line(meta.title or self.loaded.label)
        header.byline = one_line(meta.author or "")
        header.details = one_line(" · ".join(x for x in (meta.date, meta.dateline, meta.outlet) if x))
        header.counts = self._counts()
        self._update_status()

    def _counts(self) -> str:
        if self.annotating:
            return "annotating…"
        statements, actors = len(self.annotation.statements), len(self.annotation.actors)
        if not statements:
            return "no statements found"
        return f"{statements} statement{'s' * (statements != 1)} · {actors} actor{'s' * (actors != 1)}"

    def watch_annotating(self, annotating: bool) -> None:
        self.query_one(LoadingIndicator).display = annotating
        self.query_one(ArticleHeader).counts = self._counts()
        self._update_status()
        if not annotating:
            early, self._early_steps = self._early_steps, []
            for forward, same_speaker in early:
                self.action_step(forward, same_speaker)

    def show_annotation(self, annotation: Annotation) -> None:
        """The statements are in: show them, from the top (keys pressed meanwhile are carried out)."""
        self.annotation = annotation
        self.annotating = False

    def swap_in(self, annotation: Annotation, model: str) -> None:
        """Replace the statements on screen with ``model``'s (the reader stays where they are)."""
        self.shown_model, self.pending_model = model, None
        self.annotation = annotation
        self.notify(f"Now showing the {model} model's statements", timeout=3)

    def better_model_failed(self, reason: str) -> None:
        """The better model could not run: the statements on screen stay, and the reader is told why."""
        failed, self.pending_model = self.pending_model, None
        self.notify(f"Keeping the {self.shown_model} model's statements: {one_line(reason)}",
                    title=f"The {failed} model is unavailable", severity="warning", timeout=10, markup=False)

    def watch_pending_model(self) -> None:
        self._update_status()

    def annotation_failed(self, reason: str) -> None:
        self._early_steps.clear()  # no statements will come to carry them out
        self.annotating = False
        self.query_one(ArticleHeader).counts = "annotation failed"
        self.notify(f"Could not annotate this article: {one_line(reason)}", severity="error", timeout=10,
                    markup=False)

    def _update_colours(self) -> None:
        count = len(self.article.overlays.slot)
        colours = tuple(
            speaker_colours(self.app.get_css_variables(), count, ansi=self.app.current_theme.ansi)
        )
        self.article.speaker_colours = colours
        self.sidebar.speaker_colours = colours

    # --- navigation -----------------------------------------------------------------------------

    def candidates(self, same_speaker: bool = False) -> list[int]:
        """Statement indices the statement keys move between, in document order."""
        overlays = self.article.overlays
        if same_speaker and self.current is not None:
            speaker = overlays.statement_speaker[self.current]
            return overlays.statements_of(speaker) if speaker else []
        if self.filter_actor is not None:
            return overlays.statements_of(self.filter_actor)
        return list(range(len(self.annotation.statements)))

    def action_step(self, forward: bool, same_speaker: bool) -> None:
        if self.annotating:  # the reader pressed n before the statements were in: do it once they are
            self._early_steps.append((forward, same_speaker))
            return
        if same_speaker and self.current is None:
            same_speaker = False  # nothing current yet: start from the first statement
        found = step(self.candidates(same_speaker), self.current, forward)
        if found is None:
            self.notify(self._nothing_to_jump_to(same_speaker), timeout=3)
            return
        if found.wrapped:
            where = "first" if forward else "last"
            self.notify(f"Wrapped round to the {where} statement", timeout=2)
        self.current = found.index

    def _nothing_to_jump_to(self, same_speaker: bool) -> str:
        if same_speaker:
            return "The current statement has no known speaker"
        if self.filter_actor is not None:
            return f"{self._actor_name(self.filter_actor)} has no statements to jump to"
        return "No statements in this article: nothing to jump to"

    def go_to_statement(self, index: int) -> None:
        self.current = index

    def watch_current(self, index: int | None) -> None:
        self.article.current = index
        self.sidebar.current_actor = None if index is None else self.annotation.statements[index].actor
        self._update_status()

    @on(ArticleView.StatementClicked)
    def _statement_clicked(self, event: ArticleView.StatementClicked) -> None:
        self.current = event.index

    # --- actor filter ---------------------------------------------------------------------------

    def show_actor(self, actor_id: str) -> None:
        self.filter_actor = actor_id

    @on(ActorSidebar.ActorChosen)
    def _actor_chosen(self, event: ActorSidebar.ActorChosen) -> None:
        """Choosing the actor already filtered on clears the filter."""
        self.filter_actor = None if event.actor_id == self.filter_actor else event.actor_id

    @on(ActorSidebar.StanceChosen)
    def _stance_chosen(self, event: ActorSidebar.StanceChosen) -> None:
        if event.stance.evidence:
            self.show_evidence(event.stance.evidence[0])

    def show_evidence(self, span: Span) -> None:
        """Make the statement holding ``span`` current (a reported attitude may lie outside any) and
        bring the span into view."""
        index = self.article.overlays.statement_at(span.start)
        if index is not None:
            self.current = index
        self.article.scroll_to_span(span)

    def watch_filter_actor(self, actor_id: str | None) -> None:
        self.article.filter_actor = actor_id
        self.sidebar.filter_actor = actor_id
        self._update_status()

    def action_clear_filter(self) -> None:
        if self.filter_actor is None and self.app.screen_stack[0] is not self:
            self.dismiss()  # opened from the library: back to it
            return
        if self.filter_actor is None:
            self.notify("No actor filter to clear", timeout=2)
        self.filter_actor = None

    def _actor_name(self, actor_id: str) -> str:
        actor = self.article.overlays.actors.get(actor_id)
        return one_line(actor.name) if actor else actor_id

    # --- showing and hiding ---------------------------------------------------------------------

    def action_toggle_overlays(self) -> None:
        self.overlays_shown = not self.overlays_shown

    def watch_overlays_shown(self, shown: bool) -> None:
        self.article.overlays_shown = shown
        self.notify("Overlays on" if shown else "Overlays off: plain reading", timeout=2)
        self.post_message(self.SettingChanged("overlays", shown))

    def action_toggle_sidebar(self) -> None:
        self.sidebar_shown = not self.sidebar.display

    def watch_sidebar_shown(self, shown: bool | None) -> None:
        self._update_sidebar_display()
        self.post_message(self.SettingChanged("sidebar", shown))

    def action_text_width(self, change: int) -> None:
        article = self.article
        width = min(max(article.measure + change, TEXT_WIDTHS.start), TEXT_WIDTHS.stop - 1)
        article.measure = width
        self._update_sidebar_display()
        fits = article.layout.width
        self.notify(f"Text width {width} columns" + (f" ({fits} fit the pane)" if fits < width else ""), timeout=2)
        self.post_message(self.SettingChanged("text_width", width))

    def on_resize(self) -> None:
        self._update_sidebar_display()

    def _update_sidebar_display(self) -> None:
        shown = self.sidebar_shown
        if shown is None:
            shown = self.app.size.width >= SIDEBAR_MIN_WIDTH
        self.sidebar.display = shown
        if not shown and self.focused is self.sidebar:
            self.article.focus()
        # The text keeps its measure; a wide terminal gives the rest to the sidebar.
        article = self.article
        text_pane = article.measure + GUTTER + RIGHT_MARGIN + article.styles.scrollbar_size_vertical
        spare = self.app.size.width - text_pane
        self.sidebar.styles.width = max(SIDEBAR_WIDTH, min(SIDEBAR_MAX_WIDTH, spare))

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.key_sections()))

    def key_sections(self) -> list[tuple[str, list[Binding]]]:
        """Every key binding of the reader, by where it works (the help screen lists these)."""
        sections = [
            ("Reader", self.BINDINGS),
            ("Article pane", ArticleView.BINDINGS),
            ("Actor sidebar", ActorSidebar.BINDINGS),
            ("Search bar", SearchInput.BINDINGS),
            *self.note_key_sections(),
            ("Application", self.app.BINDINGS),
        ]
        return [(title, live_bindings(self.app, bindings)) for title, bindings in sections]

    def key_of(self, binding_id: str) -> str:
        """How the footer writes the first key of a binding, as the user's keymap has it."""
        for binding in live_bindings(self.app, self.BINDINGS):
            if binding.id == binding_id:
                return self.app.get_key_display(binding)
        return "?"

    # --- search ---------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_search" and isinstance(self.focused, SearchInput):
            return False  # a "/" typed in the query is text: the key goes on to the search bar
        return True

    def action_open_search(self) -> None:
        search = self.query_one(SearchInput)
        search.display = True
        self.add_class("-searching")
        self.set_focus(search)  # at once (focus() waits a message): the keys that follow go to the bar
        if search.value:
            self._search(search.value)

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self._search(event.value)

    def _search(self, query: str) -> None:
        """Highlight every match and go to the first one from the top of the pane on."""
        article = self.article
        body = self.annotation.meta.body or Span(0, len(self.text))
        if not query:
            article.matches, article.current_match = (), None
            self.status.search = None
            return
        pattern = re.compile(re.escape(query), re.IGNORECASE)
        matches = tuple(Span(*m.span()) for m in pattern.finditer(self.text, body.start, body.end))
        article.current_match = None
        article.matches = matches
        if not matches:
            self.status.search = f"no match for {query!r}"
            return
        layout = article.layout
        top = layout.lines[min(article.visible_lines().start, len(layout) - 1)].start if len(layout) else 0
        after = [i for i, m in enumerate(matches) if m.start >= top]
        article.current_match = after[0] if after else 0
        self._update_search_status()

    @on(SearchInput.Step)
    def _search_step(self, event: SearchInput.Step) -> None:
        article = self.article
        if not article.matches:
            self.notify("No matches", timeout=2)
            return
        found = step(range(len(article.matches)), article.current_match, event.forward)
        assert found is not None
        if found.wrapped:
            self.notify("Search wrapped round", timeout=2)
        article.current_match = found.index
        self._update_search_status()

    def _update_search_status(self) -> None:
        article = self.article
        if article.current_match is not None:
            self.status.search = f"match {article.current_match + 1}/{len(article.matches)}"

    @on(SearchInput.Closed)
    def _search_closed(self) -> None:
        search = self.query_one(SearchInput)
        search.display = False
        self.remove_class("-searching")
        self.article.matches, self.article.current_match = (), None
        self.status.search = None
        self.article.focus()

    # --- status ---------------------------------------------------------------------------------

    def statement_summaries(self) -> list[str]:
        """One line per statement: speaker and the start of what was said (for the palette)."""
        return [
            f"{self.speaker_name(s)} — {self._snippet(s)}" for s in self.annotation.statements
        ]

    def speaker_name(self, statement: Statement) -> str:
        actor = self.article.overlays.actors.get(statement.actor) if statement.actor else None
        if actor is not None:
            return one_line(actor.name)
        if statement.source is not None:
            return one_line(statement.source.text(self.text))
        return "unknown speaker"

    def _snippet(self, statement: Statement) -> str:
        said = " … ".join(one_line(span.text(self.text)) for span in statement.content)
        return said if len(said) <= SUMMARY_LENGTH else said[: SUMMARY_LENGTH - 1] + "…"

    def _update_status(self) -> None:
        status = self.status
        statements = self.annotation.statements
        index = self.current
        if index is None:
            status.statement = None
        else:
            statement = statements[index]
            cue = one_line(statement.cue.text(self.text)) if statement.cue is not None else ""
            status.statement = StatementInfo(
                index + 1, len(statements), self.speaker_name(statement), cue, statement.kind,
                stance_summary(statement.stances),
            )
        status.filter_name = None if self.filter_actor is None else self._actor_name(self.filter_actor)
        pending = None if self.annotating else self.pending_model
        status.models = None if pending is None else f"{self.shown_model} · {pending} pending…"
        if self.annotating:
            status.hint = Hint("Annotating the article…", "Annotating…")
        elif not statements:
            status.hint = Hint("No statements found in this article", "No statements found")
        else:
            count = len(statements)
            next_key, help_key = self.key_of("reader.next_statement"), self.key_of("reader.help")
            status.hint = Hint(f"{count} statements: press {next_key} for the next one, {help_key} for help",
                               f"{count} statements: {next_key} next, {help_key} help")


def matching_statement(statement: Statement, statements: Sequence[Statement]) -> int | None:
    """The index of the statement in ``statements`` that best covers ``statement``'s content, else the
    first one after it, else the last one before it (None when there are none)."""
    if not statements:
        return None
    content = Span(statement.start, statement.end)
    best = best_statement(content, statements)
    if best is not None:
        return statements.index(best)
    after = [i for i, s in enumerate(statements) if s.start >= content.start]
    return after[0] if after else len(statements) - 1


def same_actor(old: Annotation, actor_id: str, new: Annotation) -> str | None:
    """The id in ``new`` of ``old``'s actor ``actor_id`` (found by name), or None."""
    actor = old.actor(actor_id)
    return next((a.id for a in new.actors if actor is not None and a.name == actor.name), None)

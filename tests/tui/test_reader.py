"""The reader driven with Pilot: keys, filter, overlays, help, literal text, bad and empty input."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import LoadingIndicator

from tests.tui.helpers import (
    no_statements,
    rendered_text,
    screen_text,
    seed_app,
    settle,
    styles_at,
)
from tui.app import QuotelensApp
from tui.screens.help import HelpScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.actor_sidebar import ActorSidebar
from tui.widgets.article_view import GUTTER, RIGHT_MARGIN, ArticleView
from tui.widgets.search_input import SearchInput
from tui.widgets.status_line import StatusLine


def notices(app) -> list[str]:
    return [notification.message for notification in app._notifications]


async def test_n_three_times_makes_the_third_statement_current_and_visible(seed_path):
    app = seed_app(seed_path)
    async with app.run_test(size=(60, 14)) as pilot:  # small: the third statement starts below the fold
        await settle(app, pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        article = reader.query_one(ArticleView)
        third = reader.annotation.statements[2]
        assert not article.is_visible(third.extent)
        await pilot.press("n", "n", "n")
        assert reader.current == 2
        assert article.is_visible(third.extent)
        assert article.scroll_offset.y > 0
        status = reader.query_one(StatusLine).statement
        assert (status.number, status.total, status.speaker, status.cue) == (3, 13, "Antony Blinken", "told")


async def test_p_and_brackets_move_back_and_wrap_with_a_notice(seed_path):
    app = seed_app(seed_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        reader = app.screen
        await pilot.press("p")  # from nothing, backwards: the last statement
        assert reader.current == 12
        await pilot.press("]")  # past the end: round to the first, with a notice
        assert reader.current == 0
        assert any("Wrapped" in message for message in notices(app))
        await pilot.press("]", "[")
        assert reader.current == 0


async def test_shift_n_stays_with_the_current_speaker(seed_path):
    app = seed_app(seed_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        reader = app.screen
        statements = reader.annotation.statements
        await pilot.press("n", "n", "n", "n", "n")  # s5: Zelenskyy
        assert statements[reader.current].actor == "zelenskyy"
        await pilot.press("N")
        assert reader.current == 5 and statements[5].actor == "zelenskyy"
        await pilot.press("N")  # only two by Zelenskyy: round to the first
        assert reader.current == 4
        await pilot.press("P", "}")
        assert statements[reader.current].actor == "zelenskyy"


async def test_same_speaker_includes_descriptions_linked_to_the_speaker(seed_path):
    """"the EU's top diplomat" is Borrell (same_as): N goes from one to the other."""
    app = seed_app(seed_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        reader = app.screen
        statements = reader.annotation.statements
        diplomat = next(i for i, s in enumerate(statements) if s.actor == "eu-diplomat")
        reader.go_to_statement(diplomat)
        await pilot.press("N")
        assert statements[reader.current].actor == "borrell"


async def test_choosing_an_actor_filters_navigation_and_esc_clears_it(seed_path):
    app = seed_app(seed_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        reader = app.screen
        sidebar = reader.query_one(ActorSidebar)
        await pilot.press("tab")
        assert reader.focused is sidebar
        await pilot.press("down", "enter")  # the second row: Zelenskyy
        assert reader.filter_actor == "zelenskyy"
        visited = []
        for _ in range(4):
            await pilot.press("n")
            visited.append(reader.annotation.statements[reader.current].actor)
        assert visited == ["zelenskyy"] * 4
        article = reader.query_one(ArticleView)
        assert article.filter_actor == "zelenskyy"
        await pilot.press("escape")
        assert reader.filter_actor is None and article.filter_actor is None
        await pilot.press("n")
        assert reader.annotation.statements[reader.current].actor != "zelenskyy"


async def test_filter_dims_the_other_statements(seed_path):
    app = seed_app(seed_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        reader = app.screen
        article = reader.query_one(ArticleView)
        text = reader.text
        blinken = text.index("Antony Blinken")
        line_index = article.layout.line_of(blinken)
        start = blinken - article.layout.lines[line_index].start
        before = styles_at(article.line_text(line_index), start, start + 3)
        reader.show_actor("zelenskyy")
        await pilot.pause()
        after = styles_at(article.line_text(line_index), start, start + 3)
        assert before[0].color != after[0].color
        assert after[0].color == article.component_style("article-view--dimmed").color
        assert after[0].bold  # the role (source) still shows without colour


async def test_filtering_marks_the_actors_mentions_even_without_statements(seed_path):
    app = seed_app(seed_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        reader = app.screen
        article = reader.query_one(ArticleView)
        putin = reader.text.index("Putin")
        line = article.layout.line_of(putin)
        column = putin - article.layout.lines[line].start
        mention = article.component_style("article-view--mention")
        assert styles_at(article.line_text(line), column, column + 1)[0].bgcolor != mention.bgcolor
        reader.show_actor("putin")
        await pilot.pause()
        assert styles_at(article.line_text(line), column, column + 5)[0].bgcolor == mention.bgcolor
        await pilot.press("n")
        assert reader.current is None and any("no statements" in m for m in notices(app))


async def test_clicking_an_actor_filters(seed_path):
    app = seed_app(seed_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        reader = app.screen
        await pilot.click(ActorSidebar, offset=(4, 1))  # the first row: the actor with most statements
        assert reader.filter_actor == "blinken"


async def test_choosing_the_filtered_actor_again_clears_the_filter(seed_path):
    app = seed_app(seed_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        reader = app.screen
        await pilot.press("tab", "enter")
        assert reader.filter_actor == "blinken"
        await pilot.press("enter")
        assert reader.filter_actor is None


async def test_titles_and_names_from_the_article_show_control_characters_visibly(tmp_path):
    text = "Breaking \x1b[2J News\n\nShe said it was fine."
    path = tmp_path / "title.txt"
    path.write_text(text, encoding="utf-8")
    app = QuotelensApp(path=path, text=text, annotator=no_statements)
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(app, pilot)
        drawn = screen_text(app)
        assert "\x1b" not in drawn
        assert "Breaking \u241b[2J News" in drawn
        assert "No actors found" in drawn


async def test_clicking_a_statement_makes_it_current(seed_path):
    app = seed_app(seed_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        reader = app.screen
        article = reader.query_one(ArticleView)
        target = reader.text.index("Moscow is trying")
        line = article.layout.line_of(target)
        column = target - article.layout.lines[line].start
        # offsets are content-relative: add the pane's top/left padding
        top, _, _, left = article.styles.padding
        await pilot.click(ArticleView, offset=(left + column + 2, top + line))
        assert reader.annotation.statements[reader.current].actor == "zelenskyy"
        assert "Moscow" in reader.annotation.statements[reader.current].content[0].text(reader.text)


async def test_scroll_keys_move_the_article(seed_path):
    app = seed_app(seed_path)
    async with app.run_test(size=(80, 16)) as pilot:
        await settle(app, pilot)
        article = app.screen.query_one(ArticleView)
        await pilot.press("j", "j")
        assert article.scroll_offset.y == 2
        await pilot.press("k")
        assert article.scroll_offset.y == 1
        await pilot.press("space")
        assert article.scroll_offset.y > 5
        await pilot.press("G")
        assert article.scroll_offset.y == article.max_scroll_y > 0
        await pilot.press("g")
        assert article.scroll_offset.y == 0


async def test_resizing_rewraps_and_keeps_the_reading_position(seed_path):
    app = seed_app(seed_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        reader = app.screen
        article = reader.query_one(ArticleView)
        await pilot.press(*"nnnnnnn")
        wide_lines = len(article.layout)
        await pilot.resize_terminal(70, 30)
        await pilot.pause()
        assert len(article.layout) > wide_lines  # narrower: more lines
        assert article.layout.width == article.scrollable_content_region.width - GUTTER - RIGHT_MARGIN
        assert article.is_visible(article.annotation.statements[reader.current].extent)


async def test_o_hides_and_shows_overlays(seed_path):
    app = seed_app(seed_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        reader = app.screen
        article = reader.query_one(ArticleView)
        blinken = reader.text.index("Antony Blinken")
        line_index = article.layout.line_of(blinken)
        start = blinken - article.layout.lines[line_index].start

        def source_bold() -> bool:
            return all(style.bold for style in styles_at(article.line_text(line_index), start, start + 14))

        assert source_bold()
        await pilot.press("o")
        assert not article.overlays_shown and not source_bold()
        await pilot.press("o")
        assert article.overlays_shown and source_bold()


async def test_overlay_roles_differ_by_style_not_colour_alone(seed_path):
    app = seed_app(seed_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        reader = app.screen
        article = reader.query_one(ArticleView)
        text = reader.text

        def style_of(needle: str, after: int = 0):
            offset = text.index(needle, after)
            line = article.layout.line_of(offset)
            return styles_at(article.line_text(line), offset - article.layout.lines[line].start, offset - article.layout.lines[line].start + 1)[0]

        cue = style_of("told")
        source = style_of("Blinken told")
        direct = style_of("NATO will defend")
        indirect = style_of("the alliance was defensive")
        assert cue.underline and source.bold and indirect.italic and not direct.italic
        assert direct.color == source.color  # both Blinken's colour
        assert style_of("Ukrainian President").color != source.color  # Zelenskyy's differs


async def test_help_lists_every_binding(seed_path):
    app = seed_app(seed_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        reader = app.screen
        sections = reader.key_sections()
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        listed = rendered_text(help_screen.keys_table())
        for _, bindings in sections:
            for binding in bindings:
                assert binding.id, f"{binding.key} has no binding id"
                assert app.get_key_display(binding) in listed, binding.key
                assert (binding.tooltip or binding.description) in listed, binding.key
        await pilot.press("escape")
        assert app.screen is reader
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_every_reader_key_has_an_id_and_a_description():
    for binding in ReaderScreen.BINDINGS + ArticleView.BINDINGS + ActorSidebar.BINDINGS + SearchInput.BINDINGS:
        assert binding.id and binding.description, binding


async def test_search_highlights_matches_and_steps_through_them(seed_path):
    app = seed_app(seed_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        reader = app.screen
        article = reader.query_one(ArticleView)
        await pilot.press("slash")
        assert isinstance(reader.focused, SearchInput)
        await pilot.press(*"nato")
        body = reader.text[reader.annotation.meta.body.start :]
        assert len(article.matches) == body.count("NATO") and len(article.matches) > 3
        first = article.current_match
        await pilot.press("enter")
        assert article.current_match == first + 1
        await pilot.press("shift+enter")
        assert article.current_match == first
        assert "match" in reader.query_one(StatusLine).search
        assert reader.current is None  # typing n into the search bar did not move
        await pilot.press("escape")
        assert not article.matches and not reader.query_one(SearchInput).display
        assert reader.focused is article


async def test_sidebar_follows_the_width_and_s_toggles_it(seed_path):
    app = seed_app(seed_path)
    async with app.run_test(size=(90, 30)) as pilot:
        await settle(app, pilot)
        sidebar = app.screen.query_one(ActorSidebar)
        assert not sidebar.display
        await pilot.press("s")
        assert sidebar.display
    app = seed_app(seed_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        sidebar = app.screen.query_one(ActorSidebar)
        assert sidebar.display
        await pilot.press("s")
        assert not sidebar.display


async def test_markup_and_escape_sequences_show_literally(tmp_path):
    text = "He said [bold]hello[/bold] and [red]x[/] then \x1b[31mred\x1b[0m ends.\n\nSecond paragraph."
    path = tmp_path / "tricky.txt"
    path.write_text(text, encoding="utf-8")
    app = QuotelensApp(path=path, text=text, annotator=no_statements)
    async with app.run_test(size=(120, 20)) as pilot:
        await settle(app, pilot)
        article = app.screen.query_one(ArticleView)
        first = article.line_text(0)
        assert "[bold]hello[/bold] and [red]x[/]" in first.plain
        assert "\u241b[31mred\u241b[0m" in first.plain  # ESC drawn as ␛
        assert not any(style.bold for style in styles_at(first, 0, len(first.plain)))
        drawn = screen_text(app)
        assert "[bold]hello[/bold]" in drawn and "\x1b" not in drawn


async def test_an_article_without_statements_opens_and_says_so(seed_path):
    app = seed_app(seed_path, annotator=no_statements)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        assert "no statements found" in screen_text(app)
        await pilot.press("n")
        assert app.screen.current is None
        assert any("nothing to jump to" in message for message in notices(app))


async def test_text_shows_before_annotation_finishes(seed_path):
    import threading

    release = threading.Event()

    def slow(text):
        release.wait(5)
        return no_statements(text)

    app = seed_app(seed_path, annotator=slow)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert "United States Secretary of State" in screen_text(app)
        assert app.screen.annotating and app.screen.query_one(LoadingIndicator).display
        assert "annotating" in screen_text(app)
        release.set()
        await settle(app, pilot)
        assert not app.screen.annotating


async def test_annotation_failure_is_reported_not_fatal(seed_path):
    def broken(text):
        raise RuntimeError("model missing")

    app = seed_app(seed_path, annotator=broken)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        assert any("model missing" in message for message in notices(app))
        assert "United States Secretary of State" in screen_text(app)


async def test_command_palette_goes_to_a_statement_and_shows_an_actor(seed_path):
    app = seed_app(seed_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        reader = app.screen
        await pilot.press("ctrl+p")
        await pilot.press(*"moscow trying")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is reader
        assert "Moscow" in reader.annotation.statements[reader.current].content[0].text(reader.text)
        await pilot.press("ctrl+p")
        await pilot.press(*"show actor simonyte")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert reader.filter_actor == "simonyte"


async def test_theme_change_recolours_speakers(seed_path):
    app = seed_app(seed_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        article = app.screen.query_one(ArticleView)
        dark = article.speaker_colours
        app.theme = "textual-light"
        await pilot.pause()
        assert article.speaker_colours != dark and len(article.speaker_colours) == len(dark)


async def test_seed_with_the_engine_n_three_times_and_same_speaker(seed_path):
    """The issue's scenario on the real pipeline: whatever it finds, n, n, n lands on the third,
    and N never leaves the current statement's speaker."""
    app = QuotelensApp(path=seed_path, text=seed_path.read_text(encoding="utf-8"))
    async with app.run_test(size=(80, 16)) as pilot:
        await settle(app, pilot)
        reader = app.screen
        article = reader.query_one(ArticleView)
        assert len(reader.annotation.statements) >= 3
        await pilot.press("n", "n", "n")
        assert reader.current == 2
        assert article.is_visible(reader.annotation.statements[2].extent)
        speakers = article.overlays.statement_speaker
        spoken = [i for i, speaker in enumerate(speakers) if speaker is not None]
        if not spoken:  # the engine resolved no speaker: N says so and stays
            await pilot.press("N")
            assert reader.current == 2 and any("no known speaker" in m for m in notices(app))
            return
        reader.go_to_statement(spoken[0])
        for _ in range(4):
            await pilot.press("N")
            assert speakers[reader.current] == speakers[spoken[0]]


async def test_an_article_that_is_all_metadata_opens(tmp_path):
    text = "date 2024-01-02\n"
    path = tmp_path / "dateonly.txt"
    path.write_text(text, encoding="utf-8")
    app = QuotelensApp(path=path, text=text, annotator=no_statements)
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(app, pilot)
        await pilot.press("n", "j", "G", "slash", "d", "a", "escape", "o", "s")
        assert app.screen.current is None
        assert "2024-01-02" in screen_text(app)


async def test_a_second_annotation_keeps_the_reader_on_the_statement_they_are_on(seed_path):
    # the accurate model's statements arrive after the fast one's: the reader stays where they were
    app = seed_app(seed_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        reader = app.screen
        await pilot.press("n", "n", "n")
        here = reader.annotation.statements[reader.current].content[0]
        fewer = reader.annotation.statements[1:]  # the same text, one statement fewer before it
        reader.annotation = replace(reader.annotation, statements=fewer)
        await pilot.pause()
        assert reader.current == 1 and reader.annotation.statements[1].content[0] == here


async def test_the_accurate_model_shows_the_fast_statements_first(seed_path, monkeypatch):
    import tui.app

    shown: list[str] = []

    def annotator(text, meta=None, model="fast"):  # the real engine (run in forked children)
        from annotators import annotate

        return annotate(text, meta=meta, model=model)

    monkeypatch.setattr(tui.app, "default_annotator", annotator)
    app = QuotelensApp(path=seed_path, text=seed_path.read_text(encoding="utf-8"), annotator=annotator,
                       model="accurate")
    reader = app.reader
    app.watch(reader, "annotation", lambda annotation: shown.append(annotation.meta.model), init=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)  # the first statements are in: keys work
        while reader.pending_model is not None:
            await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        await pilot.pause()
        # Both models run at once: the fast one's statements come first unless the accurate ones won.
        assert shown[-1].startswith("accurate/") and all(m.startswith("fast/") for m in shown[:-1])
        assert reader.annotation.meta.model.startswith("accurate/") and reader.shown_model == "accurate"

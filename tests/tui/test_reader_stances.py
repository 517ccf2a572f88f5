"""Stances in the reader: chips under each actor, a chip jumps to its evidence, the status line
shows the current statement's stance; and the Markdown export's actors table carries them."""

from __future__ import annotations

from dataclasses import replace

from annotators.model import Annotation, Span, Stance
from tests.tui.helpers import rendered_text, screen_text, seed_app, settle
from tests.tui.seed_annotation import seed_annotation
from tui.widgets.actor_sidebar import CHIP_ID, ActorSidebar
from tui.widgets.status_line import StatusLine


def _span(text: str, piece: str) -> Span:
    start = text.index(piece)
    return Span(start, start + len(piece))


def with_stances(text: str) -> Annotation:
    """The hand-made seed annotation with Zelenskyy's stances on his no-fly-zone statement."""
    base = seed_annotation(text)
    favor = Stance("no-fly zone", "favor", 0.9, (_span(text, "called for a no-fly zone"),))
    against = Stance("Russian air strikes", "against", 0.8, (_span(text, "stop Russian air strikes"),))
    neutral = Stance("Ukraine", "neutral", 0.5, (_span(text, "his country"),))
    actors = tuple(replace(a, stances=(favor, against)) if a.id == "zelenskyy" else a for a in base.actors)
    statements = tuple(
        replace(s, stances=(favor, against, neutral)) if s.content[0].text(text).startswith("for a no-fly") else s
        for s in base.statements
    )
    return replace(base, actors=actors, statements=statements)


def _prompts(sidebar: ActorSidebar) -> list[str]:
    return [rendered_text(option.prompt).strip() for option in sidebar.options]


async def test_each_actor_shows_its_stance_chips_under_its_name(seed_path):
    app = seed_app(seed_path, annotator=with_stances)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        sidebar = app.screen.query_one(ActorSidebar)
        prompts = _prompts(sidebar)
        name = next(i for i, p in enumerate(prompts) if p.startswith("● Volodymyr Zelenskyy"))
        assert prompts[name + 1 : name + 3] == ["＋ no-fly zone", "－ Russian air strikes"]
        assert not any("Ukraine" in p for p in prompts if p.startswith(("＋", "－", "·")))  # neutral: no chip


async def test_choosing_a_chip_jumps_to_its_evidence_and_the_status_shows_the_stance(seed_path):
    app = seed_app(seed_path, annotator=with_stances)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        reader = app.screen
        sidebar = reader.query_one(ActorSidebar)
        await pilot.press("tab")
        sidebar.highlighted = sidebar.get_option_index(f"zelenskyy{CHIP_ID}1")
        await pilot.press("enter")
        await pilot.pause()
        statement = reader.annotation.statements[reader.current]
        assert statement.actor == "zelenskyy" and statement.stances
        assert reader.filter_actor is None  # a chip jumps; it does not filter
        status = rendered_text(reader.query_one(StatusLine).render())
        assert "＋ no-fly zone; － Russian air strikes" in status


async def test_choosing_the_actor_row_still_filters(seed_path):
    app = seed_app(seed_path, annotator=with_stances)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        reader = app.screen
        sidebar = reader.query_one(ActorSidebar)
        await pilot.press("tab")
        sidebar.highlighted = sidebar.get_option_index("zelenskyy")
        await pilot.press("enter")
        assert reader.filter_actor == "zelenskyy"


async def test_the_footer_says_what_enter_does_on_the_highlighted_row(seed_path):
    app = seed_app(seed_path, annotator=with_stances)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        sidebar = app.screen.query_one(ActorSidebar)
        await pilot.press("tab")

        def enter_says() -> str:
            return app.screen.active_bindings["enter"].binding.description

        sidebar.highlighted = sidebar.get_option_index("zelenskyy")
        await pilot.pause()
        assert enter_says() == "Filter by actor"
        sidebar.highlighted = sidebar.get_option_index(f"zelenskyy{CHIP_ID}0")
        await pilot.pause()
        assert enter_says() == "Jump to evidence"
        assert "⏎ Jump to evidence" in screen_text(app).splitlines()[-1]


def test_the_markdown_export_lists_each_actors_stances(seed_text, tmp_path):
    from tests.tui.export_fixtures import EXPORTED_AT, VERSION, seed_with_notes
    from tui.export import export_data, render

    article = seed_with_notes(seed_text, with_stances(seed_text), tmp_path)
    markdown = render(export_data(article, now=EXPORTED_AT, version=VERSION), "md")
    row = next(line for line in markdown.splitlines() if line.startswith("| Volodymyr Zelenskyy"))
    assert "no-fly zone" in row and "Russian air strikes" in row


def test_annotate_text_output_shows_statement_and_actor_stances(seed_path, seed_text):
    import io

    from rich.console import Console

    from tui.report import print_annotation

    console = Console(width=240, file=io.StringIO(), color_system=None)
    print_annotation(seed_path.name, seed_text, with_stances(seed_text), console=console)
    printed = console.file.getvalue()
    assert printed.count("＋ no-fly zone") == 2  # the statement's row and Zelenskyy's row
    assert "· Ukraine" not in printed  # a neutral stance takes no side: no chip

"""The library screen: a folder's articles annotated in the background, sorted, filtered, opened."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.tui.helpers import screen_text, settle
from tests.tui.library_fixtures import ARTICLES, QuoteAnnotator, library_app, settle_library, write_articles
from tui.annotation_cache import AnnotationCache
from tui.inputs import Limits, load_article
from tui.notes import NotesStore, TextAnchor
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen


@pytest.fixture
def folder(tmp_path) -> Path:
    return write_articles(tmp_path / "articles")


@pytest.fixture
def cache(tmp_path) -> AnnotationCache:
    return AnnotationCache(tmp_path / "cache", "test-1")


def shown(library: LibraryScreen) -> list[str]:
    """File names of the rows, top to bottom."""
    return [Path(row.key.value).name for row in library.table.ordered_rows]


def counts(library: LibraryScreen) -> dict[str, tuple[int | None, int | None]]:
    return {e.name: (e.statements, e.actors) for e in library.rows.values()}


async def test_rows_are_annotated_in_the_background_and_cached(folder, cache):
    annotator = QuoteAnnotator()
    app = library_app(folder, annotator, cache)
    async with app.run_test(size=(110, 20)) as pilot:
        library = await settle_library(app, pilot)
        assert shown(library) == ["alpha.txt", "bravo.md", "charlie.txt"]  # the folder's order
        assert counts(library) == {name: (s, a) for name, (_, s, a) in ARTICLES.items()}
        assert library.rows[str(folder / "alpha.txt")].title == "Alpha talks"
        assert set(library.outcomes.values()) == {"annotated"}
        drawn = screen_text(app)
        assert "Alpha talks" in drawn and "Bravo report" in drawn
        assert "3 articles: 3 annotated, 0 from the cache" in drawn
    assert len(annotator.calls) == 3
    for name in ARTICLES:
        article = load_article(str(folder / name))  # as the loader gives it (Markdown parsed)
        assert cache.get(article.text, article.meta) is not None


async def test_a_second_opening_reads_every_row_from_the_cache(folder, cache):
    await_first = QuoteAnnotator()
    app = library_app(folder, await_first, cache)
    async with app.run_test(size=(110, 20)) as pilot:
        await settle_library(app, pilot)
    annotator = QuoteAnnotator()
    app = library_app(folder, annotator, cache)
    async with app.run_test(size=(110, 20)) as pilot:
        library = await settle_library(app, pilot)
        assert set(library.outcomes.values()) == {"cached"}
        assert counts(library) == {name: (s, a) for name, (_, s, a) in ARTICLES.items()}
        assert "0 annotated, 3 from the cache" in screen_text(app)
    assert annotator.calls == []  # nothing annotated again


async def test_sorting_by_keys_and_by_clicking_a_heading(folder, cache):
    app = library_app(folder, QuoteAnnotator(), cache)
    async with app.run_test(size=(110, 20)) as pilot:
        library = await settle_library(app, pilot)
        await pilot.press("s")  # most statements first
        assert shown(library) == ["alpha.txt", "bravo.md", "charlie.txt"]
        await pilot.press("s")  # again: reversed
        assert shown(library) == ["charlie.txt", "bravo.md", "alpha.txt"]
        await pilot.press("t")  # titles A to Z
        assert shown(library) == ["alpha.txt", "bravo.md", "charlie.txt"]
        await pilot.press("t")
        assert shown(library) == ["charlie.txt", "bravo.md", "alpha.txt"]
        assert "Title ▼" in screen_text(app)
        await pilot.click(offset=_heading_offset(app, "Actors"))
        assert library.sort == ("actors", True)
        assert shown(library) == ["alpha.txt", "bravo.md", "charlie.txt"]
        await pilot.click(offset=_heading_offset(app, "Actors"))
        assert library.sort == ("actors", False)
        assert shown(library)[0] == "charlie.txt"


def _heading_offset(app: QuotelensApp, label: str) -> tuple[int, int]:
    """Where the heading ``label`` is drawn on the screen."""
    for y, line in enumerate(screen_text(app).splitlines()):
        if re.search(rf"\b{label}\b", line) and "Title" in line:
            return line.index(label) + 1, y
    raise AssertionError(f"no heading {label!r} on screen")


async def test_the_cursor_stays_on_its_article_through_a_sort(folder, cache):
    app = library_app(folder, QuoteAnnotator(), cache)
    async with app.run_test(size=(110, 20)) as pilot:
        library = await settle_library(app, pilot)
        await pilot.press("down")
        assert library.table.current_key == str(folder / "bravo.md")
        await pilot.press("t", "t")
        assert library.table.current_key == str(folder / "bravo.md")


async def test_slash_filters_the_rows_and_esc_shows_them_all(folder, cache):
    app = library_app(folder, QuoteAnnotator(), cache)
    async with app.run_test(size=(110, 20)) as pilot:
        library = await settle_library(app, pilot)
        await pilot.press("slash", *"REPORT")
        assert shown(library) == ["bravo.md"]
        assert "1 of 3 articles match" in screen_text(app)
        await pilot.press("enter")  # keep the filter, back to the rows
        assert library.focused is library.table and shown(library) == ["bravo.md"]
        await pilot.press("escape")
        assert shown(library) == ["alpha.txt", "bravo.md", "charlie.txt"]
        await pilot.press("slash", *"charlie txt")  # every word must match (title or file name)
        assert shown(library) == ["charlie.txt"]
        await pilot.press("escape")  # in the filter bar: clears it too
        assert len(shown(library)) == 3 and library.focused is library.table


async def test_enter_opens_the_reader_and_esc_comes_back_to_the_same_row(folder, cache):
    annotator = QuoteAnnotator()
    app = library_app(folder, annotator, cache)
    async with app.run_test(size=(110, 20)) as pilot:
        library = await settle_library(app, pilot)
        await pilot.press("t", "t", "up")  # charlie, bravo, alpha (the cursor kept on alpha): up to bravo
        assert library.table.current_key == str(folder / "bravo.md")
        calls = len(annotator.calls)
        await pilot.press("enter")
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.loaded.location == str(folder / "bravo.md")
        await settle(app, pilot)
        assert len(reader.annotation.statements) == 1
        assert len(annotator.calls) == calls  # the reader found it in the cache
        await pilot.press("escape")
        assert app.screen is library
        assert library.table.cursor_row == 1 and library.table.current_key == str(folder / "bravo.md")
        assert shown(library) == ["charlie.txt", "bravo.md", "alpha.txt"]


async def test_esc_in_the_reader_clears_an_actor_filter_before_going_back(folder, cache):
    app = library_app(folder, QuoteAnnotator(), cache)
    async with app.run_test(size=(110, 20)) as pilot:
        library = await settle_library(app, pilot)
        await pilot.press("enter")  # alpha
        await settle(app, pilot)
        reader = app.screen
        reader.filter_actor = "anna"
        await pilot.press("escape")
        assert app.screen is reader and reader.filter_actor is None
        await pilot.press("escape")
        assert app.screen is library


async def test_an_article_opened_before_the_background_reaches_it_is_annotated_by_the_reader(folder, cache):
    """The reader does not wait for the library's turn; its result then fills the row."""
    annotator = QuoteAnnotator()
    app = library_app(folder, annotator, cache)
    async with app.run_test(size=(110, 20)) as pilot:
        library = app.library
        await pilot.press("G", "enter")  # charlie, at once
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        await settle(app, pilot)
        await settle_library(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        entry = library.rows[str(folder / "charlie.txt")]
        assert (entry.statements, entry.actors) == (0, 0)
    charlie = load_article(str(folder / "charlie.txt")).text
    assert annotator.calls.count(charlie) == 1  # once: the library used the reader's


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("binary.txt", b"\x00\x01\x02PK\x03\x04", "binary"),
        ("empty.md", b"   \n", "empty"),
        ("huge.txt", b"word " * 1000, "larger than the size cap of 1000 bytes"),
    ],
)
async def test_a_bad_file_is_marked_with_its_reason(folder, cache, name, content, reason):
    (folder / name).write_bytes(content)
    app = library_app(folder, QuoteAnnotator(), cache, limits=Limits(max_bytes=1000))
    async with app.run_test(size=(120, 20)) as pilot:
        library = await settle_library(app, pilot)
        entry = library.rows[str(folder / name)]
        assert entry.problem is not None and reason in entry.problem
        assert library.outcomes[entry.key] == "unreadable"
        assert counts(library)["alpha.txt"] == (3, 2)  # the others are fine
        drawn = screen_text(app)
        assert f"⚠ {name} — " in drawn and "1 could not be read" in drawn
        library.table.move_cursor(row=library.table.get_row_index(entry.key))
        await pilot.press("enter")  # nothing to read: a message, and the library stays
        assert app.screen is library


async def test_an_article_the_engine_fails_on_is_marked_and_not_cached(folder, cache):
    app = library_app(folder, QuoteAnnotator(fail_on="Carl"), cache)
    async with app.run_test(size=(110, 20)) as pilot:
        library = await settle_library(app, pilot)
        entry = library.rows[str(folder / "bravo.md")]
        assert entry.problem == "annotation failed: the engine gave up"
        assert library.outcomes[entry.key] == "failed"
        assert counts(library)["alpha.txt"] == (3, 2)
    article = load_article(str(folder / "bravo.md"))
    assert cache.get(article.text, article.meta) is None


async def test_rows_show_the_notes_written_on_an_article(folder, cache, tmp_path, monkeypatch):
    data = tmp_path / "notes-data"
    monkeypatch.setenv("QUOTELENS_DATA_DIR", str(data))
    text = load_article(str(folder / "bravo.md")).text
    store = NotesStore.open(data)
    document = store.register(text, str((folder / "bravo.md").resolve()), "Bravo report")
    store.add(document, "highlight", TextAnchor.from_span(text, 0, 5), "check this")
    store.close()
    saved = (data / "notes.sqlite3").read_bytes()
    app = library_app(folder, QuoteAnnotator(), cache)
    async with app.run_test(size=(110, 20)) as pilot:
        library = await settle_library(app, pilot)
        assert {e.name: e.notes for e in library.rows.values()} == {
            "alpha.txt": 0, "bravo.md": 1, "charlie.txt": 0,
        }
        assert "✎ 1" in screen_text(app)
        await pilot.press("n")  # most notes first
        assert shown(library)[0] == "bravo.md"
    assert (data / "notes.sqlite3").read_bytes() == saved  # the library only reads notes


async def test_help_lists_the_library_keys(folder, cache):
    app = library_app(folder, QuoteAnnotator(), cache)
    async with app.run_test(size=(110, 60)) as pilot:
        await settle_library(app, pilot)
        await pilot.press("question_mark")
        drawn = screen_text(app)
        assert "Sort by statements" in drawn and "Open the article in the reader" in drawn
        assert "click a heading" in drawn


FIXTURES = Path(__file__).resolve().parent.parent / "inputs" / "fixtures"


async def test_a_saved_page_shows_its_title_outlet_and_date(folder, cache):
    (folder / "page.html").write_bytes((FIXTURES / "news_page.html").read_bytes())
    app = library_app(folder, QuoteAnnotator(), cache)
    async with app.run_test(size=(130, 20)) as pilot:
        library = await settle_library(app, pilot)
        row = library.rows[str(folder / "page.html")]
        assert row.title == "Council approves river crossing after long debate"
        assert (row.outlet, row.date) == ("The Harbour Gazette", "2024-03-12")
        await pilot.press("o")  # by outlet: the only row with one comes first
        assert shown(library)[0] == "page.html"
        assert "The Harbour Gazette" in screen_text(app)


async def test_a_feed_lists_its_items(tmp_path, cache):
    feed = tmp_path / "wire.rss"
    feed.write_bytes((FIXTURES / "wire.rss").read_bytes())
    app = library_app(feed, QuoteAnnotator(), cache)
    async with app.run_test(size=(110, 20)) as pilot:
        library = await settle_library(app, pilot)
        titles = [row.title for row in library.rows.values()]
        assert titles[:2] == ["Council approves river crossing", "Library opening hours extended"]
        assert {row.outlet for row in library.rows.values()} == {"Harbour Gazette: City Hall"}
        await pilot.press("enter")
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.loaded.meta.title == "Council approves river crossing"


async def test_the_user_keymap_rebinds_library_keys_and_knows_the_readers(folder, cache, tmp_path):
    from tui.settings import SettingsFile

    path = tmp_path / "user-config" / "settings.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[keymap]\n"library.sort_title" = "T"\n"reader.next_statement" = "x"\n'
                    '"library.nope" = "z"\n')
    app = library_app(folder, QuoteAnnotator(), cache)
    async with app.run_test(size=(110, 20)) as pilot:
        library = await settle_library(app, pilot)
        said = [notification.message for notification in app._notifications]
        assert len(said) == 1 and "library.nope" in said[0]  # the reader's ids are known too
        await pilot.press("T")
        assert library.sort == ("title", False)
    assert SettingsFile.load().path == path


def test_the_library_annotates_with_the_model_the_reader_was_given(folder, monkeypatch):
    import annotators
    from annotators.model import Annotation, Meta
    from tui.app import QuotelensApp
    from tui.inputs import discover
    from tui.library import Library

    seen: list[str] = []
    def recording(text, meta=None, model="fast"):
        seen.append(model)
        return Annotation()

    monkeypatch.setattr(annotators, "annotate", recording, raising=False)
    app = QuotelensApp(library=Library(str(folder), tuple(discover(str(folder)))), model="accurate")
    assert app.library is not None
    app.library._annotator.annotator("Some text.", Meta())  # what the child runs for each article
    assert seen == ["accurate"]

"""Settings kept across sessions (theme, sidebar, overlays, text width) and the user keymap, in one
TOML file under the config directory; a broken file gives notices and defaults, never a crash."""

from __future__ import annotations

import io
import tomllib

import pytest
from rich.console import Console

from tests.tui.helpers import screen_text, seed_app, settle
from tui.screens.help import HelpScreen
from tui.settings import DEFAULT_TEXT_WIDTH, Settings, SettingsFile, SettingsNotSaved, settings_path
from tui.widgets.actor_sidebar import ActorSidebar
from tui.widgets.article_view import ArticleView
from tui.widgets.status_line import StatusLine


def write_settings(content: str):
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(content)
    return path


def notices(app) -> list[str]:
    return [notification.message for notification in app._notifications]


# --- the file on its own ----------------------------------------------------------------------------


def test_no_file_means_the_defaults(tmp_path):
    loaded = SettingsFile.load(tmp_path / "settings.toml")
    assert loaded.settings == Settings() and loaded.problems == [] and loaded.writable


def test_the_config_dir_can_be_chosen_with_an_environment_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("QUOTELENS_CONFIG_DIR", str(tmp_path / "elsewhere"))
    assert settings_path() == tmp_path / "elsewhere" / "settings.toml"


def test_values_are_read_and_each_bad_one_is_reported_and_left_at_its_default(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text('theme = "nord"\nsidebar = "yes"\noverlays = false\ntext_width = 5\ncolour = 1\n'
                    '[keymap]\n"reader.next_statement" = "x"\n"reader.help" = 3\n')
    loaded = SettingsFile.load(path)
    assert loaded.settings == Settings(theme="nord", overlays=False, keymap={"reader.next_statement": "x"})
    assert len(loaded.problems) == 4  # sidebar, text_width, the unknown colour, a key that is not a string
    assert all(problem.startswith(str(path)) and "\n" not in problem for problem in loaded.problems)


def test_a_broken_file_gives_defaults_and_one_problem_and_is_never_written_over(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text("theme = nord\n[[[\n")
    loaded = SettingsFile.load(path)
    assert loaded.settings == Settings() and not loaded.writable
    (problem,) = loaded.problems
    assert str(path) in problem and "defaults" in problem
    with pytest.raises(SettingsNotSaved):
        loaded.update(overlays=False)
    assert path.read_text() == "theme = nord\n[[[\n"


def test_saving_keeps_the_users_comments_and_keymap_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text('# mine\noverlays = true  # I like them\n\n[keymap]\n# vim\n"reader.next_statement" = "x"\n')
    settings = SettingsFile.load(path)
    settings.update(overlays=False, text_width=80, theme="nord")
    written = path.read_text()
    assert "# mine" in written and "# I like them" in written and "# vim" in written
    assert tomllib.loads(written) == {"overlays": False, "text_width": 80, "theme": "nord",
                                      "keymap": {"reader.next_statement": "x"}}
    assert [p.name for p in tmp_path.iterdir()] == ["settings.toml"]
    settings.update(sidebar=True)
    settings.update(sidebar=None)  # back to following the terminal width: the entry goes
    assert "sidebar" not in tomllib.loads(path.read_text())


def test_a_new_file_is_made_in_a_new_directory_with_a_header_that_explains_it(tmp_path):
    path = tmp_path / "config" / "quotelens" / "settings.toml"
    SettingsFile.load(path).update(overlays=False)
    written = path.read_text()
    assert written.startswith("# quotelens settings") and "[keymap]" in written  # as a commented example
    assert tomllib.loads(written) == {"overlays": False}


def test_an_unwritable_place_raises_a_one_line_reason(tmp_path):
    settings = SettingsFile.load(tmp_path / "config" / "settings.toml")
    (tmp_path / "config").write_text("")  # a file where the directory would go
    with pytest.raises(SettingsNotSaved, match="could not save") as raised:
        settings.update(overlays=False)
    assert "\n" not in str(raised.value)


# --- in the reader ----------------------------------------------------------------------------------


async def test_starting_the_reader_writes_no_settings(seed_path):
    app = seed_app(seed_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.pause(0.2)
    assert not settings_path().exists()


async def test_changes_are_kept_and_the_next_session_starts_with_them(seed_path):
    app = seed_app(seed_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("s", "o", "minus", "minus")
        app.theme = "nord"
        await pilot.pause(0.2)
    assert tomllib.loads(settings_path().read_text()) == {
        "sidebar": False, "overlays": False, "text_width": DEFAULT_TEXT_WIDTH - 20, "theme": "nord"}

    app = seed_app(seed_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        reader = app.screen
        article = reader.query_one(ArticleView)
        assert app.theme == "nord"
        assert not reader.query_one(ActorSidebar).display
        assert not reader.overlays_shown and not article.overlays_shown
        assert article.layout.width == article.measure == DEFAULT_TEXT_WIDTH - 20
        assert not any("Overlays" in n for n in notices(app))  # the starting state is not news
        await pilot.press("equals_sign")
        assert article.measure == DEFAULT_TEXT_WIDTH - 10


async def test_a_broken_settings_file_gives_a_notice_and_the_defaults(seed_path):
    path = write_settings("overlays = off\n")
    app = seed_app(seed_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(app, pilot)
        assert any(str(path) in n and "defaults" in n for n in notices(app))
        assert app.screen.overlays_shown
        await pilot.press("o")
        await pilot.pause()
        assert any("not written over" in n for n in notices(app))
    assert path.read_text() == "overlays = off\n"


async def test_an_unknown_theme_or_binding_id_is_reported(seed_path):
    write_settings('theme = "no-such-theme"\n[keymap]\n"reader.nxt" = "x"\n')
    app = seed_app(seed_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        said = notices(app)
        assert any("no-such-theme" in n for n in said) and any("reader.nxt" in n for n in said)
        assert app.theme == "textual-dark"


async def test_the_user_keymap_rebinds_keys_and_the_help_and_hints_show_the_live_keys(seed_path):
    write_settings('[keymap]\n"reader.next_statement" = "x"\n"reader.help" = "h,f1"\n')
    app = seed_app(seed_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        reader = app.screen
        assert "press x for the next one, h for help" in reader.query_one(StatusLine).render().plain
        await pilot.press("n")
        assert reader.current is None  # n is no longer "next"
        await pilot.press("x")
        assert reader.current == 0
        assert "x Next" in screen_text(app).splitlines()[-1]
        await pilot.press("h")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        console = Console(width=200, file=io.StringIO(), color_system=None)
        console.print(help_screen.keys_table())
        rows = console.file.getvalue().splitlines()
        assert any(row.split()[:1] == ["x"] and "Next statement (wraps" in row for row in rows)
        assert any(row.split()[:3] == ["h", "/", "f1"] and "This list of keys" in row for row in rows)
        assert not any(row.split()[:3] == ["n", "/", "]"] for row in rows)

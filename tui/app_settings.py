"""The user's settings in the app, as a mixin for the Textual ``App``.

``load_settings`` (in ``__init__``) reads the settings file and applies the keymap (``App.set_keymap``)
and the theme; the reader gets the rest as its starting state. ``report_settings`` (once mounted)
says what was wrong with the file, in notices. Changes are saved as they happen: a theme chosen in
the command palette, and the reader's ``SettingChanged`` messages (sidebar, overlays, text width).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import on
from textual.app import App

from tui.screens.reader import ReaderScreen
from tui.settings import Settings, SettingsFile, SettingsNotSaved


class AppSettings(App):
    settings_file: SettingsFile
    _settings_save_failed = False

    def load_settings(self, settings_file: SettingsFile | None = None) -> Settings:
        """Read the settings, apply keymap and theme; the settings for the reader to start with."""
        self.settings_file = settings_file if settings_file is not None else SettingsFile.load()
        settings = self.settings_file.settings
        self.set_keymap(dict(settings.keymap))
        if settings.theme is not None:
            if settings.theme in self.available_themes:
                self.theme = settings.theme
            else:
                self.settings_file.problems.append(
                    f"{self.settings_file.path}: theme {settings.theme!r} is not one quotelens knows "
                    "(ctrl+p lists them): using the default"
                )
        return settings

    def report_settings(self, binding_ids: Iterable[str]) -> None:
        """Notices for the problems found in the settings file, unknown keymap ids included; from
        now on a theme the user picks is saved."""
        known = set(binding_ids)
        problems = list(self.settings_file.problems)
        problems += [
            f"{self.settings_file.path}: keymap: no key binding has the id {binding_id!r} (? lists them)"
            for binding_id in self.settings_file.settings.keymap if binding_id not in known
        ]
        for problem in problems:
            self.notify(problem, title="Settings", severity="warning", timeout=20, markup=False)
        # Subscribed only now: the theme Textual starts with is not a choice of the user's.
        self.theme_changed_signal.subscribe(self, lambda theme: self.save_settings(theme=theme.name))

    def save_settings(self, **changes: object) -> None:
        try:
            self.settings_file.update(**changes)
        except SettingsNotSaved as error:
            if not self._settings_save_failed:  # said once: every toggle would say it again
                self._settings_save_failed = True
                self.notify(str(error), title="Settings not saved", severity="warning", timeout=10, markup=False)

    @on(ReaderScreen.SettingChanged)
    def _reader_setting_changed(self, event: ReaderScreen.SettingChanged) -> None:
        self.save_settings(**{event.name: event.value})

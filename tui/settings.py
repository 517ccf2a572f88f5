"""The user's settings: theme, sidebar, overlays, text width and a keymap, in one TOML file.

The file is ``settings.toml`` in the user config directory (platformdirs: ``~/.config/quotelens`` on
Linux), or in ``$QUOTELENS_CONFIG_DIR``. It is read with ``tomllib``; the reader writes a setting back
when the user changes it, with ``tomlkit`` so the user's own comments and layout survive, and
atomically (a temporary file, then a rename). A file that cannot be read gives one-line problems and
the defaults, never a crash, and is then left exactly as it is: it is never written over.

Headless: no Textual here (the app applies the keymap with ``App.set_keymap``).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit import TOMLDocument

from tui.user_dirs import user_dir

CONFIG_DIR_ENV = "QUOTELENS_CONFIG_DIR"
FILE_NAME = "settings.toml"
DEFAULT_TEXT_WIDTH = 100  # columns: a readable line
TEXT_WIDTHS = range(40, 201)  # what text_width may be

NEW_FILE_HEADER = """\
# quotelens settings. The reader writes theme, sidebar, overlays and text_width when you change
# them; edit freely (read at start). sidebar: leave it out to show the sidebar from 100 columns.
#
# Remap keys by binding id (? in the reader lists every id's keys), e.g.:
# [keymap]
# "reader.next_statement" = "n,x"
"""


def config_dir() -> Path:
    return user_dir("config", CONFIG_DIR_ENV)


def settings_path() -> Path:
    return config_dir() / FILE_NAME


@dataclass(frozen=True)
class Settings:
    theme: str | None = None  # None: Textual's default
    sidebar: bool | None = None  # None: shown from SIDEBAR_MIN_WIDTH columns
    overlays: bool = True
    text_width: int = DEFAULT_TEXT_WIDTH
    keymap: Mapping[str, str] = field(default_factory=dict)  # binding id -> "key,key"


class SettingsNotSaved(Exception):
    """The settings could not be written; the message is one line for a notification."""


def _check(data: dict[str, Any]) -> tuple[Settings, list[str]]:
    """The settings in ``data``; each entry that is not valid is left at its default, with a problem."""
    problems: list[str] = []
    values: dict[str, Any] = {}

    def take(name: str, valid: bool, expected: str) -> None:
        if name not in data:
            return
        if valid:
            values[name] = data[name]
        else:
            problems.append(f"{name} = {data[name]!r} is not {expected}: using the default")

    take("theme", isinstance(data.get("theme"), str), "a theme name")
    take("sidebar", isinstance(data.get("sidebar"), bool), "true or false")
    take("overlays", isinstance(data.get("overlays"), bool), "true or false")
    width = data.get("text_width")
    take("text_width", isinstance(width, int) and not isinstance(width, bool) and width in TEXT_WIDTHS,
         f"a number of columns from {TEXT_WIDTHS.start} to {TEXT_WIDTHS.stop - 1}")
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict):
        problems.append("keymap is not a table of binding id = \"keys\": ignored")
        keymap = {}
    values["keymap"] = {k: v for k, v in keymap.items() if isinstance(v, str) and v.strip()}
    problems += [f"keymap: {k} = {v!r} is not a string of keys: ignored" for k, v in keymap.items()
                 if k not in values["keymap"]]
    unknown = sorted(set(data) - {"theme", "sidebar", "overlays", "text_width", "keymap"})
    problems += [f"unknown setting {name!r}: ignored" for name in unknown]
    return Settings(**values), problems


class SettingsFile:
    """The settings as read from ``path``, the problems found reading them, and saving changes."""

    def __init__(self, path: Path, settings: Settings, problems: list[str], writable: bool) -> None:
        self.path = path
        self.settings = settings
        self.problems = problems  # one line each
        self.writable = writable  # False: the file could not be read, so it is never written over

    @classmethod
    def load(cls, path: Path | None = None) -> SettingsFile:
        path = settings_path() if path is None else path
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(path, Settings(), [], True)
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            problem = f"{path}: {reason}; using the defaults (the file is left as it is, changes are not saved)"
            return cls(path, Settings(), [problem], False)
        settings, problems = _check(data)
        return cls(path, settings, [f"{path}: {problem}" for problem in problems], True)

    def update(self, **changes: Any) -> None:
        """Set and save settings (``sidebar=None`` removes the entry). Raises ``SettingsNotSaved``."""
        changed = {name: value for name, value in changes.items() if getattr(self.settings, name) != value}
        if not changed:
            return
        self.settings = replace(self.settings, **changed)
        if not self.writable:
            raise SettingsNotSaved(f"{self.path} could not be read, so it is not written over")
        self._save(changed)

    def _save(self, changed: Mapping[str, Any]) -> None:
        from tui.export import write_atomically

        document = self._read_for_update()
        for name, value in changed.items():
            if value is None:
                document.pop(name, None)
            else:
                document[name] = value
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.path, document.as_string(), overwrite=True)
        except OSError as error:
            raise SettingsNotSaved(f"could not save {self.path}: {error.strerror or error}") from None

    def _read_for_update(self) -> TOMLDocument:
        """The file as it is now (the user or another reader may have edited it since it was loaded),
        comments and layout included."""
        try:
            return tomlkit.parse(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return tomlkit.parse(NEW_FILE_HEADER)
        except (UnicodeDecodeError, tomlkit.exceptions.ParseError) as error:
            self.writable = False
            raise SettingsNotSaved(f"{self.path} was changed and cannot be read now ({error}); left as it is") from None
        except OSError as error:
            raise SettingsNotSaved(f"could not save {self.path}: {error.strerror or error}") from None

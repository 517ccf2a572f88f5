"""Where quotelens keeps the user's files: one rule for notes, settings and the annotation cache.

A flag given on the command line wins, then the environment variable, then the platform's own folder
(platformdirs: ``~/.local/share``, ``~/.config``, ``~/.cache`` on Linux).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

Kind = Literal["data", "config", "cache"]


def user_dir(kind: Kind, environment_variable: str, override: str | os.PathLike[str] | None = None) -> Path:
    if override:
        return Path(override).expanduser()
    if os.environ.get(environment_variable):
        return Path(os.environ[environment_variable]).expanduser()
    import platformdirs  # only when no folder was given: most commands never need it

    folder = {"data": platformdirs.user_data_dir, "config": platformdirs.user_config_dir,
              "cache": platformdirs.user_cache_dir}[kind]
    return Path(folder("quotelens", appauthor=False))

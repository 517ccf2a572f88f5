"""The bundled sample articles. The first, by file name order, is the one ``quotelens`` opens."""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path


def seed_paths() -> list[Path]:
    folder = files(__package__)
    with as_file(folder) as path:  # an installed package is a real folder; as_file keeps zips working
        return sorted(Path(path).glob("*.txt"))


def default_seed() -> Path:
    return seed_paths()[0]

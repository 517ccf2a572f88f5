"""Word lists the annotators read: data files, one entry per line, ``#`` starts a comment."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def entries(name: str) -> tuple[str, ...]:
    """The non-blank, non-comment lines of ``lexicons/NAME.txt``, stripped, in file order."""
    text = files(__package__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return tuple(line for line in lines if line)


@cache
def table(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of ``lexicons/NAME.tsv`` (tab-separated columns), comments and blanks skipped."""
    text = files(__package__).joinpath(f"{name}.tsv").read_text(encoding="utf-8")
    rows = (line.split("#", 1)[0].rstrip() for line in text.splitlines())
    return tuple(tuple(col.strip() for col in row.split("\t")) for row in rows if row.strip())

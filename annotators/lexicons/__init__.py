"""Word lists the annotators read: data files, one entry per line, ``#`` starts a comment.

They are grouped in a folder per stage (``attribution/``, ``actors/``, ``stance/`` ...; ``shared/`` for
lists more than one stage reads) and named by path without the extension: ``words("attribution/
prepositions")`` reads ``attribution/prepositions.txt``. Everything goes through the three accessors
below, each loading a file once.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files


def _read(name: str, suffix: str) -> str:
    return files(__package__).joinpath(*f"{name}{suffix}".split("/")).read_text(encoding="utf-8")


@cache
def entries(name: str) -> tuple[str, ...]:
    """The non-blank, non-comment lines of ``lexicons/NAME.txt``, stripped, in file order."""
    lines = (line.split("#", 1)[0].strip() for line in _read(name, ".txt").splitlines())
    return tuple(line for line in lines if line)


@cache
def words(name: str) -> frozenset[str]:
    """The entries of ``lexicons/NAME.txt`` as a set, for membership tests."""
    return frozenset(entries(name))


@cache
def table(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of ``lexicons/NAME.tsv`` (tab-separated columns), comments and blanks skipped."""
    rows = (line.split("#", 1)[0].rstrip() for line in _read(name, ".tsv").splitlines())
    return tuple(tuple(col.strip() for col in row.split("\t")) for row in rows if row.strip())

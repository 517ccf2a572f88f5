"""Export an article's statements and notes as Markdown (for Obsidian, GitHub, a report) or JSON.

``data`` builds one dictionary from the annotation and the notes, ``markdown`` renders it, ``files``
writes the result atomically, ``article`` does all of it for a file given on the command line. Headless:
nothing here imports Textual (import-linter checks it).
"""

from .article import export_article, render
from .data import EXPORT_SCHEMA, ExportFormat, ExportSource, export_data
from .files import ExportExists, default_export_name, write_atomically
from .markdown import escape_markdown, to_markdown

__all__ = [
    "EXPORT_SCHEMA",
    "ExportExists",
    "ExportFormat",
    "ExportSource",
    "default_export_name",
    "escape_markdown",
    "export_article",
    "export_data",
    "render",
    "to_markdown",
    "write_atomically",
]

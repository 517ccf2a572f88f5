"""An article's export from the command line: annotated, with its saved notes, rendered as asked."""

from __future__ import annotations

import os
from datetime import datetime
from typing import Any

from tui.inputs import Article
from tui.safe_text import safe_json

from .data import ExportFormat, ExportSource, export_data
from .markdown import to_markdown


def export_article(
    loaded: Article,
    *,
    fmt: ExportFormat = "md",
    all_statements: bool = False,
    all_actors: bool = False,
    data_dir: str | os.PathLike[str] | None = None,
    now: datetime,
    version: str,
) -> str:
    """The export of an article (as ``tui.inputs`` loaded it) with its saved notes.

    The notes store is opened read-only: exporting never creates or changes it. Raises
    ``NotesUnavailable`` when the notes cannot be read (an export without them would mislead).
    """
    from annotators import annotate
    from tui.notes import ArticleNotes, NotesStore

    text = loaded.text
    annotation = annotate(text, meta=loaded.meta)
    store = NotesStore.open(data_dir, read_only=True)
    try:
        notes = ArticleNotes(store, text, loaded.source, annotation.meta.title)
        article = ExportSource(
            text=text,
            annotation=annotation,
            placed=notes.placed(annotation),
            document_id=notes.text_hash,
            source=notes.source,
            fallback_title=loaded.name,
        )
    finally:
        store.close()
    data = export_data(article, now=now, version=version, all_statements=all_statements, all_actors=all_actors)
    return render(data, fmt)


def render(data: dict[str, Any], fmt: ExportFormat) -> str:
    if fmt == "json":
        return safe_json(data, indent=2) + "\n"
    return to_markdown(data)

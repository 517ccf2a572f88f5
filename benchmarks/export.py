#!/usr/bin/env python3
"""Exporting an article with 500 notes: in process, stage by stage, and as the command a user runs.

    python benchmarks/export.py [--words 20000] [--notes 500]

The article is made of PolNeAR dev paragraphs (the bundled seed repeated without the corpus). Half
the notes are on statements the annotator finds, half on passages, saved in a fresh notes directory.
Printed: the median wall time of opening the store, placing every note on the annotation (finding
each passage again), building and rendering the Markdown and the JSON, and the whole
``quotelens export PATH --all`` (which reads, annotates, places and renders) in a fresh process.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from benchmarks.corpus import WORD, article_of  # noqa: E402
from benchmarks.timing import milliseconds  # noqa: E402


def save_notes(directory: str, path: Path, text: str, annotation, count: int) -> int:
    from tui.inputs import load_article
    from tui.notes import ArticleNotes, NotesStore

    store = NotesStore.open(directory)
    notes = ArticleNotes(store, text, load_article(str(path)).source, annotation.meta.title)
    statements = annotation.statements
    on_statements = min(count // 2, len(statements))
    for number in range(on_statements):
        statement = statements[number * len(statements) // on_statements]
        notes.add_on_statement(statement, f"note {number} on a statement: check the transcript")
    step = max(1, len(text) // (count - on_statements + 1))
    for number in range(count - on_statements):
        start = text.index(" ", (number + 1) * step) + 1
        notes.add_highlight(start, start + 40, f"note {number} on a passage")
    store.close()
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=20_000)
    parser.add_argument("--notes", type=int, default=500)
    args = parser.parse_args()

    from annotators import annotate
    from tui.export import ExportSource, export_data, render
    from tui.inputs import load_article
    from tui.notes import ArticleNotes, NotesStore

    text = article_of(args.words)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "article.txt"
        path.write_text(text, encoding="utf-8")
        annotation = annotate(text)
        saved = save_notes(directory, path, text, annotation, args.notes)
        now = datetime.now(timezone.utc)
        store = NotesStore.open(directory, read_only=True)
        notes = ArticleNotes(store, text, load_article(str(path)).source, annotation.meta.title)
        placed = notes.placed(annotation)
        article = ExportSource(text, annotation, placed, notes.text_hash, str(path), path.stem)
        data = export_data(article, now=now, version="bench", all_statements=True)
        figures = {
            "open the store (read-only)": milliseconds(lambda: NotesStore.open(directory, read_only=True).close()),
            f"place {len(placed)} notes on the annotation": milliseconds(lambda: notes.placed(annotation)),
            "export data (--all)": milliseconds(
                lambda: export_data(article, now=now, version="bench", all_statements=True)
            ),
            "render Markdown": milliseconds(lambda: render(data, "md")),
            "render JSON": milliseconds(lambda: render(data, "json")),
        }
        command = [sys.executable, "-m", "tui", "export", str(path), "--all", "--data-dir", directory,
                   "-o", str(Path(directory) / "out.md"), "--force"]
        figures["`quotelens export --all -o FILE` (fresh process)"] = milliseconds(
            lambda: subprocess.run(command, cwd=REPO, check=True, capture_output=True), repeat=3
        )
    print(f"Export of a {len(WORD.findall(text)):,}-word article with {saved} notes "
          f"({len(annotation.statements)} statements; median wall time):")
    for name, value in figures.items():
        print(f"  {name:52} {value:9.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

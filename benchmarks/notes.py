"""Notes speed: finding a note again in a long edited article, saving, opening, exporting.

Run from the repository root:

    python benchmarks/notes.py

The long article is 100k words drawn at random from the seed's vocabulary (a fixed seed, so no passage
repeats and every run is the same); a 120-character note in its middle is then found in the text as
it is, moved, edited inside, with its context rewritten, and deleted. Times are wall-clock on this
machine; the store figures include SQLite's fsync (synchronous=FULL).
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotators import annotate  # noqa: E402
from benchmarks.timing import milliseconds  # noqa: E402
from tui.export import ExportSource, export_data, render  # noqa: E402
from tui.notes import ArticleNotes, NotesStore  # noqa: E402
from tui.notes.anchor import TextAnchor, locate  # noqa: E402

SEED = ROOT / "seeds" / "nato-no-fly-zone.txt"
NOTE_CHARS = 120


def long_article(words: int = 100_000) -> str:
    vocabulary = SEED.read_text(encoding="utf-8").split()
    rng = random.Random(4)
    return " ".join(rng.choice(vocabulary) for _ in range(words))


def bench_anchors() -> None:
    text = long_article()
    start = text.index(" ", len(text) // 2) + 1
    anchor = TextAnchor.from_span(text, start, start + NOTE_CHARS)
    passage = text[start : start + NOTE_CHARS]
    versions = {
        "unchanged": text,
        "moved (paragraph added on top)": "A new first paragraph.\n\n" + text,
        "edited inside (10 chars replaced)": text[:start] + passage[:40] + "NEW WORDS " + passage[50:]
        + text[start + NOTE_CHARS :],
        "context rewritten + 1 char edit": text[: start - 40] + "x" * 40 + passage[:60] + "y" + passage[61:]
        + "z" * 40 + text[start + NOTE_CHARS + 40 :],
        "passage deleted": text[:start] + text[start + NOTE_CHARS :],
    }
    print(f"Locating a {NOTE_CHARS}-character note in a {len(text.split()):,}-word article ({len(text):,} chars):")
    for name, version in versions.items():
        found = locate(anchor, version)
        how = found.how if found else "unanchored"
        print(f"  {name:36} {how:10} {milliseconds(lambda: locate(anchor, version)):7.1f} ms")


def bench_store() -> None:
    text = SEED.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as directory:
        store = NotesStore.open(directory)
        notes = ArticleNotes(store, text, str(SEED), None)
        saves = []
        for number in range(50):
            start = time.perf_counter()
            notes.add_highlight(10 + number, 20 + number, f"note {number}")
            saves.append(1000 * (time.perf_counter() - start))
        store.close()
        opening = milliseconds(lambda: NotesStore.open(directory).close())
        annotation = annotate(text)
        reopened = ArticleNotes(NotesStore.open(directory), text, str(SEED), None)
        placing = milliseconds(lambda: reopened.placed(annotation))
        article = ExportSource(text, annotation, reopened.placed(annotation), reopened.text_hash, str(SEED), SEED.stem)
        now = datetime.now(timezone.utc)
        exporting = milliseconds(lambda: render(export_data(article, now=now, version="bench", all_statements=True), "md"))
    print("Store (seed article, 50 notes):")
    print(f"  save one note (median of 50)          {statistics.median(saves):7.1f} ms")
    print(f"  open the store (integrity check)      {opening:7.1f} ms")
    print(f"  place 50 notes on the annotation      {placing:7.1f} ms")
    print(f"  export Markdown, --all                {exporting:7.1f} ms")


if __name__ == "__main__":
    bench_anchors()
    bench_store()

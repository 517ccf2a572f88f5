"""Notes on statements and on free highlights, stored in SQLite and anchored so they last.

``store`` keeps them, ``anchor`` finds their text again after edits, ``placement`` attaches them to the
statements the annotator finds now, ``article`` ties the three together for one open article.
"""

from .anchor import Located, TextAnchor, locate
from .article import ArticleNotes
from .model import Document, Note, NoteTarget, text_hash
from .placement import PlacedNote, place_notes
from .store import DATA_DIR_ENV, NotesStore, NotesUnavailable, data_dir

__all__ = [
    "DATA_DIR_ENV",
    "ArticleNotes",
    "Document",
    "Located",
    "Note",
    "NoteTarget",
    "NotesStore",
    "NotesUnavailable",
    "PlacedNote",
    "TextAnchor",
    "data_dir",
    "locate",
    "place_notes",
    "text_hash",
]

"""Export an article's statements and notes as Markdown (for Obsidian, GitHub, a report) or JSON.

Both formats come from one dictionary (``export_data``), so they always say the same thing; the JSON
is that dictionary. Article text is escaped in Markdown so the export renders as the article reads;
note bodies are the user's own Markdown and are kept as written.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable, Literal
from urllib.parse import quote

from annotators import Actor, Annotation, Span, Statement
from annotators.model import Stance
from tui.inputs import Article
from tui.notes.placement import PlacedNote
from tui.notes.store import timestamp
from tui.safe_text import displayable, one_line, safe_json
from tui.stances import summary as stance_summary
from tui.stances import taken

EXPORT_SCHEMA = "quotelens.notes-export/2"  # 2: actors folded and filtered, statement stances, article notes
ExportFormat = Literal["md", "json"]
UNATTRIBUTED = "Unattributed"
BASE_TAGS = ("quotelens",)


@dataclass(frozen=True)
class ExportSource:
    """Everything an export is made from."""

    text: str
    annotation: Annotation
    placed: tuple[PlacedNote, ...]
    document_id: str  # the text hash: stable across machines and exports
    source: str | None  # path or URL
    fallback_title: str  # shown when the article has no title line (e.g. the file name)


class ExportExists(Exception):
    """The target exists and overwriting was not asked for."""


# --- the data ------------------------------------------------------------------------------------


def export_data(
    article: ExportSource, *, now: datetime, version: str, all_statements: bool = False, all_actors: bool = False
) -> dict[str, Any]:
    """The export as a JSON-ready dictionary; ``now`` is injectable so exports can be compared.

    Actors are listed when they speak or are the target of a stance (``all_actors``: everyone), each
    with the descriptions linked to it by ``same_as`` folded in as titles."""
    text, annotation = article.text, article.annotation
    notes_by_statement: dict[str, list[PlacedNote]] = defaultdict(list)
    for placed in article.placed:
        if placed.statement_id is not None:
            notes_by_statement[placed.statement_id].append(placed)
    speaker = annotation.speakers
    statements = [
        _statement_data(text, annotation, statement, notes_by_statement[statement.id], speaker)
        for statement in annotation.statements
        if all_statements or notes_by_statement[statement.id]
    ]
    meta = annotation.meta
    speakers = dict.fromkeys(s["speaker"] for s in statements if s["actor"])
    return {
        "schema": EXPORT_SCHEMA,
        "document": {
            "id": article.document_id,
            "title": meta.title or article.fallback_title,
            "date": meta.date,
            "dateline": meta.dateline,
            "author": meta.author,
            "outlet": meta.outlet,
            "url": meta.url,
            "source": article.source,
            "bundled_sample": is_bundled_sample(article.source),
        },
        "exported_at": timestamp(now),
        "quotelens_version": version,
        "tags": [*BASE_TAGS, *(f"speaker/{_slug(name)}" for name in speakers)],
        "counts": {"statements": len(annotation.statements), "actors": len(_actor_groups(annotation))},
        "actors": _table_actors(annotation, everyone=all_actors),
        "statements": statements,
        "article_notes": [_note_data(p) for p in article.placed if p.on_article],
        "highlights": [
            {**_passage(text, annotation, p.span), "note": _note_data(p)}
            for p in article.placed
            if p.span is not None and p.statement_id is None
        ],
        "unanchored": [_note_data(p) for p in article.placed if not p.anchored],
    }


def is_bundled_sample(source: str | None) -> bool:
    """The article is one of the samples shipped in the package (named as such, not by its path)."""
    from seeds import seed_paths

    return source is not None and Path(source).is_absolute() and Path(source) in seed_paths()


def _statement_data(
    text: str, annotation: Annotation, statement: Statement, notes: Iterable[PlacedNote], speaker: dict[str, str]
) -> dict[str, Any]:
    actor = annotation.actor(speaker.get(statement.actor))  # a description speaks as the actor it stands for
    return {
        "id": statement.id,
        "kind": statement.kind,
        "speaker": actor.name if actor else _speaker_from_source(text, statement),
        "actor": statement.actor,
        "source": statement.source.text(text) if statement.source is not None else None,
        "cue": statement.cue.text(text) if statement.cue is not None else None,
        "paragraph": _paragraph_number(annotation, statement.start),
        "content": [
            {"text": piece.text(text), "start": piece.start, "end": piece.end,
             "paragraph": _paragraph_number(annotation, piece.start)}
            for piece in statement.content
        ],
        "stances": [stance.to_json() for stance in statement.stances],
        "block_id": _slug(statement.id),  # Obsidian links to "^s5"
        "notes": [_note_data(p) for p in notes],
    }


def _speakers_first(annotation: Annotation) -> list[Actor]:
    """Actors who speak, in the order they first do, then the others as the annotation lists them."""
    first_said = {}
    for position, statement in enumerate(annotation.statements):
        first_said.setdefault(statement.actor, position)
    order = {actor.id: index for index, actor in enumerate(annotation.actors)}
    return sorted(annotation.actors, key=lambda a: (a.id not in first_said, first_said.get(a.id, order[a.id])))


def _speaker_from_source(text: str, statement: Statement) -> str:
    return " ".join(statement.source.text(text).split()) if statement.source is not None else UNATTRIBUTED


def _actor_groups(annotation: Annotation) -> list[list[Actor]]:
    """Each actor that speaks for itself with the descriptions linked to it by ``same_as`` ("the EU's
    top diplomat" with Borrell), the actor first; groups in the order their first member is listed."""
    speaker = annotation.speakers
    position = {actor.id: index for index, actor in enumerate(_speakers_first(annotation))}
    described: dict[str, list[Actor]] = defaultdict(list)
    for actor in annotation.actors:
        if speaker[actor.id] != actor.id:
            described[speaker[actor.id]].append(actor)
    groups = [[actor, *described[actor.id]] for actor in annotation.actors if speaker[actor.id] == actor.id]
    return sorted(groups, key=lambda group: min(position[member.id] for member in group))


def _table_actors(annotation: Annotation, *, everyone: bool) -> list[dict[str, Any]]:
    """The actors table: who speaks or is the target of a stance that takes a side (or ``everyone``),
    aliases folded."""
    speaker = annotation.speakers
    stances = taken([*(s for actor in annotation.actors for s in actor.stances),
                     *(s for statement in annotation.statements for s in statement.stances)])
    targets = {speaker.get(s.target_actor) for s in stances if s.target_actor}
    rows = [_actor_data(annotation, group) for group in _actor_groups(annotation)]
    return [row for row in rows if everyone or row["statements"] or row["id"] in targets]


def _actor_data(annotation: Annotation, group: list[Actor]) -> dict[str, Any]:
    actor, aliases = group[0], group[1:]
    titles = [*actor.titles, *(t for alias in aliases for t in (alias.name, *alias.titles))]
    own = {(s.target, s.polarity) for s in actor.stances}
    stances = [*actor.stances,
               *(s for alias in aliases for s in alias.stances if (s.target, s.polarity) not in own)]
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind,
        "role": "; ".join(dict.fromkeys(titles)),
        "statements": sum(len(annotation.statements_by(member.id)) for member in group),
        "stances": [stance.to_json() for stance in stances],
        "folded": [alias.id for alias in aliases],
    }


def _passage(text: str, annotation: Annotation, span: Span) -> dict[str, Any]:
    return {"text": span.text(text), "start": span.start, "end": span.end,
            "paragraph": _paragraph_number(annotation, span.start)}


def _note_data(placed: PlacedNote) -> dict[str, Any]:
    return {**placed.note.to_json(), "found": placed.how}


def _paragraph_number(annotation: Annotation, offset: int) -> int | None:
    index = annotation.paragraph_index(offset)
    return None if index is None else index + 1


def _slug(name: str) -> str:
    return re.sub(r"[^\w]+", "-", name.lower()).strip("-") or "unknown"


# --- Markdown ------------------------------------------------------------------------------------

_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]<>#|~$])")
_DOUBLED_MARKS = re.compile(r"={2,}|%{2,}")  # Obsidian highlights (==x==) and comments (%%x%%)
_ENTITY = re.compile(r"&(?=#?\w+;)")
_BLOCK_START = re.compile(r"^(\d+)([.)])|^([-+])")


def escape_markdown(text: str, *, line_start: bool = True) -> str:
    """``text`` as one line of Markdown that renders exactly as written (whitespace runs become one
    space, as they do when the article is rendered). ``line_start``: the text begins a line (or a
    block quote line), where "1." or "-" would start a list; inside a line they need no escape.
    Control characters become visible placeholders (ESC as ␛): ``cat`` on an export must not obey them."""
    line = one_line(text)
    line = _MARKDOWN_PUNCTUATION.sub(r"\\\1", line)
    line = _DOUBLED_MARKS.sub(lambda m: "".join("\\" + c for c in m.group()), line)
    line = _ENTITY.sub(r"\\&", line)
    if not line_start:
        return line
    # A line starting "1." or "-" would become a list item.
    return _BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", line)


def _inline(text: str) -> str:
    return escape_markdown(text, line_start=False)


def to_markdown(data: dict[str, Any]) -> str:
    blocks = [_front_matter(data), f"# {_inline(data['document']['title'])}"]
    blocks += [_summary_line(data), _source_line(data["document"])]
    if data["article_notes"]:
        blocks.append("## Notes on the article")
        blocks += [_callout(note["body"]) for note in data["article_notes"]]
    if data["actors"]:
        blocks += ["## Actors", _actors_table(data["actors"])]
    if data["statements"]:
        blocks.append("## Statements")
        for speaker, statements in _by_speaker(data["statements"]):
            blocks.append(f"### {_inline(speaker)}")
            blocks += [_statement_block(s) for s in statements]
    if data["highlights"]:
        blocks.append("## Notes on highlights")
        blocks += [_highlight_block(h) for h in data["highlights"]]
    if data["unanchored"]:
        blocks += [
            "## Unanchored notes",
            "*The passages these notes were written on are no longer in the article; each shows the text "
            "it was attached to.*",
        ]
        blocks += [_unanchored_block(n) for n in data["unanchored"]]
    return "\n\n".join(blocks) + "\n"


def _front_matter(data: dict[str, Any]) -> str:
    document = data["document"]
    fields = {
        "title": _yaml_string(document["title"]),
        "date": document["date"] or "null",  # unquoted ISO date: Obsidian reads it as a date property
        "dateline": _yaml_string(document["dateline"]),
        # From a page or feed; left out, not null, for a text file, which has none of them.
        **{key: _yaml_string(document[key]) for key in ("author", "outlet", "url") if document[key]},
        "source": _yaml_string(_sample_name(document) if document["bundled_sample"] else document["source"]),
        "document_id": _yaml_string(document["id"]),
        "exported_at": data["exported_at"],
        "quotelens_version": _yaml_string(data["quotelens_version"]),
    }
    lines = ["---", *(f"{key}: {value}" for key, value in fields.items()), "tags:"]
    lines += [f"  - {tag}" for tag in data["tags"]]
    return "\n".join([*lines, "---"])


def _yaml_string(value: str | None) -> str:
    # A JSON string is a valid YAML double-quoted scalar: quotes, colons, newlines and controls are all safe.
    return "null" if value is None else safe_json(value)


def _summary_line(data: dict[str, Any]) -> str:
    """"2022-03-04 · BRUSSELS · 3 of 23 statements · 12 of 25 actors · notes: 5": what the export
    holds, out of what the article holds."""
    document, counts = data["document"], data["counts"]
    notes = (sum(len(s["notes"]) for s in data["statements"]) + len(data["article_notes"])
             + len(data["highlights"]) + len(data["unanchored"]))
    parts = [document["date"], document["dateline"],
             _count(len(data["statements"]), counts["statements"], "statement"),
             _count(len(data["actors"]), counts["actors"], "actor"), f"notes: {notes}"]
    return "*" + _inline(" · ".join(p for p in parts if p)) + "*"


def _count(shown: int, total: int, noun: str) -> str:
    plural = "" if total == 1 else "s"
    return f"{total} {noun}{plural}" if shown == total else f"{shown} of {total} {noun}{plural}"


def _source_line(document: dict[str, Any]) -> str:
    """Where the article came from, as a link: its URL, or its file (a file: URL for an absolute path)."""
    source = document["source"]
    if document["bundled_sample"]:
        return f"Source: {_inline(_sample_name(document))}"
    if source is None:
        return "Source: unknown"
    if re.match(r"https?://", source):
        return f"Source: [{_inline(source)}](<{_link_target(source)}>)"
    path = Path(source)
    target = path.as_uri() if path.is_absolute() else quote(path.as_posix())
    return f"Source: [{_inline(path.name)}](<{_link_target(target)}>)"


def _sample_name(document: dict[str, Any]) -> str:
    return f"the sample article bundled with quotelens ({Path(document['source']).name})"


def _link_target(url: str) -> str:
    """A link destination inside <...>: angle brackets and line breaks cannot appear there."""
    return quote(one_line(url), safe=":/?#[]@!$&'()*+,;=%~")


def _actors_table(actors: list[dict[str, Any]]) -> str:
    with_stance = any(_stance_summary(a["stances"]) for a in actors)
    header = ["Actor", "Kind", "Role", "Statements", *(["Stance"] if with_stance else [])]
    rows = ["| " + " | ".join(header) + " |", "| --- | --- | --- | ---: |" + (" --- |" if with_stance else "")]
    for actor in actors:
        cells = [_inline(actor["name"]), actor["kind"], _inline(actor["role"]), str(actor["statements"])]
        if with_stance:
            cells.append(_inline(_stance_summary(actor["stances"])))
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def _stance_summary(stances: list[dict[str, Any]]) -> str:
    """"＋ no-fly zone; － Russia", as the sidebar shows an actor's stances."""
    return stance_summary(Stance.from_json(stance) for stance in stances)


def _by_speaker(statements: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Statements grouped by speaker: speakers in order of their first statement, each in text order."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for statement in statements:
        groups.setdefault(statement["speaker"], []).append(statement)
    return list(groups.items())


def _statement_block(statement: dict[str, Any]) -> str:
    """The quote, its block ID on a line of its own (how Obsidian names a quote block: [[note#^s5]]),
    then who said it, how, where, and the stance it takes."""
    details = [f"**{_inline(statement['speaker'])}**"]
    if statement["cue"]:
        details.append(f"*{_inline(statement['cue'])}*")
    details.append(statement["kind"])
    if statement["paragraph"]:
        details.append(f"paragraph {statement['paragraph']}")
    if stance := _stance_summary(statement["stances"]):
        details.append(_inline(stance))
    parts = [_quote_block(statement["content"]), f"^{statement['block_id']}", "— " + " · ".join(details)]
    parts += [_callout(note["body"]) for note in statement["notes"]]
    return "\n\n".join(parts)


def _quote_block(pieces: list[dict[str, Any]]) -> str:
    """Pieces of one paragraph on one line joined by an ellipsis; each paragraph its own quote paragraph."""
    paragraphs: list[list[str]] = []
    last = object()
    for piece in pieces:
        if piece["paragraph"] != last or not paragraphs:
            paragraphs.append([])
            last = piece["paragraph"]
        paragraphs[-1].append(escape_markdown(piece["text"]))
    return "\n>\n".join("> " + " … ".join(p) for p in paragraphs)


def _highlight_block(highlight: dict[str, Any]) -> str:
    where = f"— paragraph {highlight['paragraph']}" if highlight["paragraph"] else "— outside the article body"
    return "\n\n".join([_quote_block([highlight]), where, _callout(highlight["note"]["body"])])


def _unanchored_block(note: dict[str, Any]) -> str:
    exact = note["selector"][0]["exact"]
    return "\n\n".join([f"> ~~{escape_markdown(exact)}~~", _callout(note["body"])])


def _callout(body: str) -> str:
    """A note as a callout: ``> [!NOTE]`` renders on GitHub and in Obsidian alike. The note is kept as
    written, but for control characters (shown as placeholders; tabs stay, they can indent Markdown)."""
    lines = [_visible_keeping_tabs(line) for line in body.strip("\n").splitlines()] or [""]
    return "\n".join(["> [!NOTE]", *(f"> {line}".rstrip() for line in lines)])


def _visible_keeping_tabs(line: str) -> str:
    return "\t".join(displayable(part) for part in line.split("\t"))


# --- from a file -------------------------------------------------------------------------------


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


# --- output --------------------------------------------------------------------------------------


def render(data: dict[str, Any], fmt: ExportFormat) -> str:
    if fmt == "json":
        return safe_json(data, indent=2) + "\n"
    return to_markdown(data)


def default_export_name(name: str) -> str:
    """``<article name>.notes.md`` (the file's stem, the URL's last part): what ``e`` in the reader proposes."""
    return f"{name}.notes.md"


def write_atomically(path: Path, content: str, *, overwrite: bool) -> None:
    """Write ``content`` to a temporary file beside ``path`` and move it into place in one step, so
    ``path`` is never half-written. Without ``overwrite`` an existing ``path`` is left untouched
    (``ExportExists``), even when it appears between the check and the move."""
    if not overwrite and path.exists():
        raise ExportExists(str(path))
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private; an export is an ordinary file
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        if overwrite:
            os.replace(temporary, path)
        else:
            _link_without_clobbering(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _link_without_clobbering(temporary: str, path: Path) -> None:
    try:
        os.link(temporary, path)  # fails if path exists: no window for a race to overwrite it
    except FileExistsError:
        raise ExportExists(str(path)) from None
    except OSError:  # a file system without hard links: check, then rename
        if path.exists():
            raise ExportExists(str(path)) from None
        os.replace(temporary, path)

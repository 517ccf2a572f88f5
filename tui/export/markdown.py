"""The export as Markdown (for Obsidian, GitHub, a report): article text is escaped so the export renders
as the article reads; note bodies are the user's own Markdown and are kept as written."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from annotators.model import Stance
from tui.safe_text import displayable, one_line, safe_json
from tui.stances import summary as stance_summary

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

"""The Markdown and JSON exports: golden files for the seed with notes, escaping, atomic writes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from dataclasses import replace

from annotators import Actor, Annotation, Statement, annotate
from annotators.model import Stance
from tests.hostile_text import HOSTILE_ARTICLE, TERMINAL_CONTROLS
from tests.tui.export_fixtures import (
    EXPORTED_AT,
    VERSION,
    handmade_seed_annotation,
    hostile_with_notes,
    seed_with_notes,
    span,
)
from tui.export import (
    ExportExists,
    escape_markdown,
    export_data,
    render,
    write_atomically,
)

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
UPDATE = os.environ.get("QUOTELENS_UPDATE_GOLDENS") == "1"


def assert_golden(name: str, content: str) -> None:
    """Compare with tests/golden/NAME; regenerate with QUOTELENS_UPDATE_GOLDENS=1 python -m pytest tests/tui."""
    path = GOLDEN / name
    if UPDATE:
        path.write_text(content, encoding="utf-8", newline="\n")
    assert path.read_text(encoding="utf-8") == content, (
        f"{name} differs; if the change is intended: QUOTELENS_UPDATE_GOLDENS=1 python -m pytest tests/tui"
    )


@pytest.fixture
def handmade_export(seed_text, tmp_path):
    return seed_with_notes(seed_text, handmade_seed_annotation(seed_text), tmp_path)


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_seed_with_notes_matches_the_golden_file(handmade_export, fmt):
    data = export_data(handmade_export, now=EXPORTED_AT, version=VERSION)
    assert_golden(f"seed-handmade.notes.{fmt}", render(data, fmt))


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_seed_annotated_by_the_pipeline_matches_the_golden_file(seed_text, tmp_path, fmt):
    """End to end: the real annotator's statements, with notes written on hand-marked statements
    that follow them over. Regenerate when the annotator changes on purpose (see assert_golden)."""
    article = seed_with_notes(seed_text, annotate(seed_text), tmp_path, noted_on=handmade_seed_annotation(seed_text))
    data = export_data(article, now=EXPORTED_AT, version=VERSION)
    assert_golden(f"seed.notes.{fmt}", render(data, fmt))


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_a_hostile_article_exports_without_a_raw_control_character(tmp_path, fmt):
    """Escape sequences in the article, its file name and the notes become placeholders (Markdown) or
    JSON escapes: ``cat`` on the export cannot reset a terminal or set its clipboard."""
    data = export_data(hostile_with_notes(HOSTILE_ARTICLE, tmp_path), now=EXPORTED_AT, version=VERSION,
                       all_statements=True)
    exported = render(data, fmt)
    assert not TERMINAL_CONTROLS.search(exported)
    assert_golden(f"hostile.notes.{fmt}", exported)


def test_all_exports_every_statement_and_notes_only_those_with_notes(handmade_export):
    noted = export_data(handmade_export, now=EXPORTED_AT, version=VERSION)
    everything = export_data(handmade_export, now=EXPORTED_AT, version=VERSION, all_statements=True)
    assert [s["id"] for s in noted["statements"]] == ["s2", "s3", "s6"]
    assert len(everything["statements"]) == len(handmade_export.annotation.statements)


def test_statements_are_grouped_by_speaker_in_document_order(handmade_export):
    markdown = render(export_data(handmade_export, now=EXPORTED_AT, version=VERSION, all_statements=True), "md")
    headings = [line for line in markdown.splitlines() if line.startswith("### ")]
    assert headings == ["### Antony Blinken", "### Jens Stoltenberg", "### diplomats at the meeting",
                        "### Josep Borrell"]
    blinken = markdown.split("### Antony Blinken")[1].split("###")[0]
    assert blinken.index("would defend") < blinken.index("stand united") < blinken.index("Ours is")


def test_sections_come_in_the_documented_order(handmade_export):
    markdown = render(export_data(handmade_export, now=EXPORTED_AT, version=VERSION), "md")
    order = ["---\ntitle:", "# nato-no-fly-zone", "## Actors", "## Statements", "## Notes on highlights",
             "## Unanchored notes"]
    assert [markdown.index(marker) for marker in order] == sorted(markdown.index(m) for m in order)
    assert "| Antony Blinken | person | United States Secretary of State | 3 |" in markdown
    assert "> ~~The ministers then walked out of the meeting in protest.~~" in markdown


def test_json_export_round_trips_and_keeps_w3c_selectors(handmade_export):
    data = json.loads(render(export_data(handmade_export, now=EXPORTED_AT, version=VERSION), "json"))
    note = data["statements"][0]["notes"][0]
    assert [s["type"] for s in note["selector"]] == ["TextQuoteSelector", "TextPositionSelector"]
    assert data["unanchored"][0]["found"] is None
    assert data["document"]["id"].startswith("sha256:")


@pytest.mark.parametrize(
    "article, rendered",
    [
        ("[bold]x[/bold] *not* _emph_", r"\[bold\]x\[/bold\] \*not\* \_emph\_"),
        ("# not a heading", r"\# not a heading"),
        ("1. not a list", r"1\. not a list"),
        ("- not a bullet", r"\- not a bullet"),
        ("a | b <b>tag</b> `code` ~~gone~~ $x$", r"a \| b \<b\>tag\</b\> \`code\` \~\~gone\~\~ \$x\$"),
        ("==mark== %%comment%% a=b 50%", r"\=\=mark\=\= \%\%comment\%\% a=b 50%"),
        ("AT&T &amp; co", r"AT&T \&amp; co"),
        ("back\\slash", r"back\\slash"),
        ("wrapped\n  across   lines", "wrapped across lines"),
        ("reset\x1bc nul\x00 del\x7f csi\x9b2J bel\x07", "reset␛c nul␀ del␡ csi\ufffd2J bel␇"),
    ],
)
def test_article_text_is_escaped_so_it_renders_as_written(article, rendered):
    assert escape_markdown(article) == rendered


def test_atomic_write_replaces_only_when_asked(tmp_path):
    target = tmp_path / "a.notes.md"
    write_atomically(target, "first\n", overwrite=False)
    with pytest.raises(ExportExists):
        write_atomically(target, "second\n", overwrite=False)
    assert target.read_text() == "first\n"
    write_atomically(target, "third\n", overwrite=True)
    assert target.read_text() == "third\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.notes.md"]  # no temporary file left behind


def test_the_actors_table_lists_speakers_first_in_the_order_they_speak(seed_text, tmp_path):
    handmade = handmade_seed_annotation(seed_text)
    nato, *speakers = reversed(handmade.actors)  # NATO (no statements) first, speakers backwards
    shuffled = replace(handmade, actors=(nato, *speakers))
    article = seed_with_notes(seed_text, shuffled, tmp_path)
    data = export_data(article, now=EXPORTED_AT, version=VERSION, all_actors=True)
    names = [a["name"] for a in data["actors"]]
    assert names == ["Antony Blinken", "Jens Stoltenberg", "Josep Borrell", "North Atlantic Treaty Organization"]


def with_borrell_described(text: str) -> Annotation:
    """The hand-made seed with "the EU's top diplomat" as an actor of its own, linked to Borrell with
    same_as and holding his first statement, and a stance of Blinken's on NATO."""
    base = handmade_seed_annotation(text)
    diplomat = Actor("a5", "the EU's top diplomat", "person", (), (), (), same_as="a3")
    bystander = Actor("a6", "Emmanuel Macron", "person", ("French President",))
    on_nato = Stance("NATO", "favor", 0.8, target_actor="a4")
    actors = tuple(replace(a, stances=(on_nato,)) if a.id == "a1" else a for a in base.actors)
    borrell_first = next(s for s in base.statements if s.actor == "a3")
    statements = tuple(replace(s, actor="a5") if s is borrell_first else s for s in base.statements)
    extra = Statement("", "direct", (span(text, "Everything remains on the table."),), None, None, "a3")
    statements = tuple(replace(s, id=f"s{i}") for i, s in enumerate(
        sorted((*(replace(s, content=s.content[:1]) if s is borrell_first else s for s in statements), extra),
               key=lambda s: (s.start, s.end)), 1))
    return replace(base, actors=(*actors, diplomat, bystander), statements=statements)


def test_the_actors_table_lists_who_speaks_or_is_a_stance_target_with_descriptions_folded(seed_text, tmp_path):
    article = seed_with_notes(seed_text, with_borrell_described(seed_text), tmp_path)
    data = export_data(article, now=EXPORTED_AT, version=VERSION)
    rows = {a["name"]: a for a in data["actors"]}
    assert list(rows) == ["Antony Blinken", "Jens Stoltenberg", "Josep Borrell", "North Atlantic Treaty Organization"]
    assert rows["Josep Borrell"]["statements"] == 2  # his own and the one "the EU's top diplomat" made
    assert rows["Josep Borrell"]["role"] == "the EU's top diplomat"
    assert rows["North Atlantic Treaty Organization"]["statements"] == 0  # listed: Blinken's stance is on NATO
    markdown = render(data, "md")
    assert "| the EU's top diplomat | person" not in markdown and "Macron" not in markdown
    assert "### the EU's top diplomat" not in markdown  # his statements are under his name
    everyone = export_data(article, now=EXPORTED_AT, version=VERSION, all_actors=True)
    assert [a["name"] for a in everyone["actors"]][-1] == "Emmanuel Macron"
    assert "the EU's top diplomat" not in [a["name"] for a in everyone["actors"]]


def test_the_summary_counts_what_the_export_holds_out_of_the_article(handmade_export):
    some = render(export_data(handmade_export, now=EXPORTED_AT, version=VERSION), "md")
    assert "· 3 of 6 statements · 3 of 4 actors · notes: 5*" in some
    every = render(export_data(handmade_export, now=EXPORTED_AT, version=VERSION, all_statements=True,
                               all_actors=True), "md")
    assert "· 6 statements · 4 actors · notes: 5*" in every


def test_each_statement_carries_its_stance_and_a_block_id(seed_text, tmp_path):
    annotation = handmade_seed_annotation(seed_text)
    stance = Stance("no-fly zone", "against", 0.7, (span(seed_text, "not a viable option"),))
    annotation = replace(annotation, statements=tuple(
        replace(s, stances=(stance,)) if s.kind == "indirect" and s.actor is None else s
        for s in annotation.statements))
    article = seed_with_notes(seed_text, annotation, tmp_path)
    markdown = render(export_data(article, now=EXPORTED_AT, version=VERSION, all_statements=True), "md")
    blocks = markdown.split("\n\n")
    diplomats = next(i for i, b in enumerate(blocks) if b.startswith("> a no-fly zone was not a viable option"))
    statement = next(s for s in annotation.statements if s.stances)
    assert blocks[diplomats + 1] == f"^{statement.id}"
    assert blocks[diplomats + 2].endswith("· － no-fly zone")
    block_ids = [b for b in blocks if b.startswith("^")]
    assert block_ids == [f"^{s.id}" for s in annotation.statements]  # one per statement, in order


@pytest.mark.parametrize("source, line", [
    ("https://example.com/world/nato (live)", "Source: [https://example.com/world/nato (live)]"
                                              "(<https://example.com/world/nato%20(live)>)"),
    ("/home/me/news/nato ministers.txt", "Source: [nato ministers.txt](<file:///home/me/news/nato%20ministers.txt>)"),
    ("news/nato.txt", "Source: [nato.txt](<news/nato.txt>)"),
])
def test_the_source_is_a_link(handmade_export, source, line):
    article = replace(handmade_export, source=source)
    assert line in render(export_data(article, now=EXPORTED_AT, version=VERSION), "md").splitlines()


def test_the_bundled_sample_is_named_as_such(handmade_export, seed_path):
    article = replace(handmade_export, source=str(seed_path))
    markdown = render(export_data(article, now=EXPORTED_AT, version=VERSION), "md")
    named = f"the sample article bundled with quotelens ({seed_path.name})"
    assert f"Source: {named}" in markdown and f'source: "{named}"' in markdown
    assert str(seed_path.parent) not in markdown


def test_the_title_comes_from_the_articles_metadata(handmade_export):
    annotation = handmade_export.annotation
    titled = replace(handmade_export, annotation=replace(annotation, meta=replace(annotation.meta, title="NATO rules out a no-fly zone")))
    markdown = render(export_data(titled, now=EXPORTED_AT, version=VERSION), "md")
    assert 'title: "NATO rules out a no-fly zone"' in markdown and "\n# NATO rules out a no-fly zone\n" in markdown
    untitled = replace(handmade_export, annotation=replace(annotation, meta=replace(annotation.meta, title=None)))
    assert "\n# nato-no-fly-zone\n" in render(export_data(untitled, now=EXPORTED_AT, version=VERSION), "md")


def test_notes_on_the_article_come_first_and_are_counted(seed_text, tmp_path):
    from tui.notes import ArticleNotes, NotesStore

    article = seed_with_notes(seed_text, handmade_seed_annotation(seed_text), tmp_path)
    notes = ArticleNotes(NotesStore.open(tmp_path), seed_text, article.source, None)
    notes.add_on_article("Read with the Reuters piece of the same day.")
    article = replace(article, placed=notes.placed(article.annotation))
    data = export_data(article, now=EXPORTED_AT, version=VERSION)
    markdown = render(data, "md")
    assert "## Notes on the article\n\n> [!NOTE]\n> Read with the Reuters piece of the same day." in markdown
    assert markdown.index("## Notes on the article") < markdown.index("## Actors")
    assert "notes: 6*" in markdown and len(data["unanchored"]) == 1


def test_a_stance_column_appears_once_actors_carry_stances(handmade_export):
    data = export_data(handmade_export, now=EXPORTED_AT, version=VERSION)
    assert "| Stance |" not in render(data, "md")
    def stance(target: str, polarity: str) -> dict:
        return {"target": target, "polarity": polarity, "score": 0.9}

    data["actors"][1]["stances"] = [stance("the war", "neutral")]
    assert "| Stance |" not in render(data, "md")  # a topic alone takes no side
    data["actors"][0]["stances"] = [stance("no-fly zone", "favor"), stance("the war", "neutral"),
                                    stance("Russia", "against")]
    markdown = render(data, "md")
    assert "| Actor | Kind | Role | Statements | Stance |" in markdown
    assert "| Antony Blinken | person | United States Secretary of State | 3 | ＋ no-fly zone; － Russia |" in markdown


def test_inside_a_line_list_markers_need_no_escape():
    assert escape_markdown("- 1. + fine", line_start=False) == "- 1. + fine"
    assert escape_markdown("*still* escaped", line_start=False) == r"\*still\* escaped"

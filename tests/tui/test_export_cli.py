"""`quotelens export`: stdout or -o, never clobbering without --force, notes from --data-dir."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

from tests.conftest import REPO
from tui.notes import ArticleNotes, NotesStore


def quotelens(*args: str, **options) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", *args], cwd=REPO, capture_output=True, text=True, **options)


def test_markdown_goes_to_stdout_without_touching_the_data_dir(seed_path, tmp_path):
    result = quotelens("export", str(seed_path), "--data-dir", str(tmp_path / "notes"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("---\ntitle: ") and "\n# " in result.stdout
    assert not (tmp_path / "notes").exists()


def test_saved_notes_are_exported_as_json(seed_path, seed_text, tmp_path):
    notes = ArticleNotes(NotesStore.open(tmp_path), seed_text, str(seed_path.resolve()), None)
    start = seed_text.index("Zaporizhzhia")
    notes.add_highlight(start, start + len("Zaporizhzhia"), "check the IAEA")
    result = quotelens("export", str(seed_path), "--format", "json", "--data-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [h["note"]["body"] for h in data["highlights"]] == ["check the IAEA"]


def test_environment_variable_chooses_the_data_dir(seed_path, seed_text, tmp_path):
    notes = ArticleNotes(NotesStore.open(tmp_path), seed_text, str(seed_path.resolve()), None)
    notes.add_highlight(0, 4, "from the environment")
    env = {**os.environ, "QUOTELENS_DATA_DIR": str(tmp_path)}
    result = quotelens("export", str(seed_path), "--format", "json", env=env)
    assert "from the environment" in result.stdout


def test_an_existing_output_is_left_untouched_unless_forced(seed_path, tmp_path):
    target = tmp_path / "out.notes.md"
    target.write_text("my edits\n")
    refused = quotelens("export", str(seed_path), "-o", str(target), "--data-dir", str(tmp_path))
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1 and "exists" in refused.stderr and "--force" in refused.stderr
    assert target.read_text() == "my edits\n"
    forced = quotelens("export", str(seed_path), "-o", str(target), "--force", "--data-dir", str(tmp_path))
    assert forced.returncode == 0, forced.stderr
    assert target.read_text().startswith("---\n")


def test_a_damaged_notes_database_stops_the_export_with_one_line(seed_path, tmp_path):
    (tmp_path / "notes.sqlite3").write_bytes(b"not a database" * 100)
    result = quotelens("export", str(seed_path), "--data-dir", str(tmp_path))
    assert result.returncode == 2 and "damaged" in result.stderr
    assert result.stderr.count("\n") == 1 and result.stdout == ""


def test_a_notes_database_from_a_newer_quotelens_is_refused_by_export(seed_path, tmp_path):
    NotesStore.open(tmp_path).close()
    connection = sqlite3.connect(tmp_path / "notes.sqlite3")
    connection.execute("PRAGMA user_version = 99")
    connection.close()
    result = quotelens("export", str(seed_path), "--data-dir", str(tmp_path))
    assert result.returncode == 2 and "newer quotelens" in result.stderr
    assert result.stderr.count("\n") == 1 and result.stdout == ""


def test_export_never_imports_textual(seed_path, tmp_path):
    code = (
        "import sys; from tui.cli import main; "
        f"main(['export', {str(seed_path)!r}, '-o', {str(tmp_path / 'x.md')!r}, '--data-dir', {str(tmp_path)!r}]); "
        "assert 'textual' not in sys.modules, 'textual imported'"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_read_takes_a_data_dir_too():
    from tui.cli import build_parser

    parser, _ = build_parser()
    args = parser.parse_args(["read", "article.txt", "--data-dir", "/tmp/notes"])
    assert args.data_dir == "/tmp/notes"


def test_all_actors_lists_everyone(seed_path, tmp_path):
    some = quotelens("export", str(seed_path), "--all", "--format", "json", "--data-dir", str(tmp_path))
    every = quotelens("export", str(seed_path), "--all", "--all-actors", "--format", "json", "--data-dir", str(tmp_path))
    assert some.returncode == every.returncode == 0, some.stderr + every.stderr
    data, every_actors = json.loads(some.stdout), json.loads(every.stdout)["actors"]
    assert len(data["actors"]) < len(every_actors) == data["counts"]["actors"]
    stances = [*(st for a in every_actors for st in a["stances"]), *(st for s in data["statements"] for st in s["stances"])]
    targets = {st["target_actor"] for st in stances if st["polarity"] != "neutral"}
    assert all(actor["statements"] or actor["id"] in targets for actor in data["actors"])

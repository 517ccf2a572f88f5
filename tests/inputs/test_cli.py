"""Every input kind on the command line (annotate, export), and the batch: --out, --jobs, failures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.inputs.conftest import FIXTURES, fixture_text

SEED = REPO / "seeds" / "nato-no-fly-zone.txt"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "tui", *args], cwd=REPO, capture_output=True, input=stdin)
    result.stdout_text, result.stderr_text = result.stdout.decode(), result.stderr.decode()
    return result


def one_line_error(result: subprocess.CompletedProcess, status: int = 2) -> str:
    assert result.returncode == status, result.stderr_text
    assert "Traceback" not in result.stderr_text
    lines = result.stderr_text.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


# --- every input kind --------------------------------------------------------------------------


def test_annotate_a_url_served_locally(server):
    url = server.add("/news/council-bridge", fixture_text("news_page.html"))
    record = json.loads(run("annotate", url, "--format", "json").stdout_text)
    assert record["schema"] == "quotelens.annotation/3" and record["path"] == url
    assert record["meta"]["author"] == "Maria Okafor" and record["meta"]["outlet"] == "The Harbour Gazette"
    assert record["meta"]["url"] == "https://gazette.example/news/2024/03/12/council-bridge"
    assert "cookies" not in record["text"] and record["statements"]


def test_annotate_html_on_standard_input():
    result = run("annotate", "-", "--format", "jsonl", stdin=(FIXTURES / "news_page.html").read_bytes())
    record = json.loads(result.stdout_text)
    assert record["path"] == "-" and record["meta"]["title"] == "Council approves river crossing after long debate"


def test_annotate_markdown_and_a_feed_file():
    result = run("annotate", str(FIXTURES / "briefing.md"), str(FIXTURES / "wire.rss"), "--format", "jsonl")
    records = [json.loads(line) for line in result.stdout_text.splitlines()]
    assert [r["meta"]["title"] for r in records] == [
        "Harbour council backs the bridge", "Council approves river crossing", "Library opening hours extended"]
    assert "#" not in records[0]["text"] and records[1]["meta"]["outlet"] == "Harbour Gazette: City Hall"


def test_the_text_report_shows_the_metadata():
    result = run("annotate", str(FIXTURES / "news_page.html"))
    first = result.stdout_text.splitlines()[0]
    assert "Council approves river crossing" in first and "Maria Okafor" in result.stdout_text


def test_export_a_url_shows_the_metadata_in_the_front_matter(server, tmp_path):
    url = server.add("/news/council-bridge", fixture_text("news_page.html"))
    result = run("export", url, "--all", "--data-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr_text
    front = result.stdout_text.split("---")[1]
    assert 'author: "Maria Okafor"' in front and 'outlet: "The Harbour Gazette"' in front
    assert 'url: "https://gazette.example/news/2024/03/12/council-bridge"' in front
    assert f'source: "https://gazette.example/news/2024/03/12/council-bridge"' in front


def test_export_markdown_from_standard_input(tmp_path):
    result = run("export", "-", "--all", "--format", "json", "--data-dir", str(tmp_path),
                 stdin=(FIXTURES / "briefing.md").read_bytes())
    assert result.returncode == 0, result.stderr_text  # text on stdin: Markdown is not sniffed
    assert json.loads(result.stdout_text)["document"]["source"] is None


# --- bad input: one line, exit status 2 ------------------------------------------------------------


@pytest.mark.parametrize("command", ["annotate", "export", "read"])
def test_a_named_pipe_is_refused_at_once(tmp_path, command):
    fifo = tmp_path / "f"
    os.mkfifo(fifo)
    assert "named pipe, not a regular file" in one_line_error(run(command, str(fifo)))


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
@pytest.mark.parametrize("command, device", [("annotate", "/dev/zero"), ("export", "/dev/urandom"),
                                             ("read", "/dev/zero")])
def test_a_device_is_refused(command, device):
    assert "is a device, not a regular file" in one_line_error(run(command, device))


def test_a_file_over_the_size_cap_and_a_larger_cap(tmp_path):
    assert "larger than the size cap of 1 kB (change it with --max-size)" in one_line_error(
        run("annotate", str(SEED), "--max-size", "1k"))
    assert run("annotate", str(SEED), "--max-size", "1M", "--format", "json").returncode == 0


def test_url_failures_are_one_line(server):
    server.add("/loop", b"", status=302, headers={"Location": "/loop"})
    server.add("/gone", b"", status=404)
    assert "too many redirects" in one_line_error(run("annotate", server.url("/loop")))
    assert "HTTP error 404 Not Found" in one_line_error(run("export", server.url("/gone")))
    assert "cannot connect" in one_line_error(run("annotate", "http://127.0.0.1:9/"))


def test_a_folder_or_feed_is_not_one_article_for_export():
    assert "holds 2 items" in one_line_error(run("export", str(FIXTURES / "wire.rss")))


# --- the batch ---------------------------------------------------------------------------------


@pytest.fixture
def two_folders(tmp_path):
    for folder in ("a", "b/deeper"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "x.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


def test_same_named_inputs_are_mirrored_not_overwritten(two_folders, tmp_path):
    out = tmp_path / "out"
    result = run("annotate", str(two_folders / "a" / "x.txt"), str(two_folders / "b" / "deeper" / "x.txt"),
                 "--out", str(out))
    assert result.returncode == 0 and result.stderr_text == ""  # quiet when not on a terminal
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json")) == ["a/x.json", "b/deeper/x.json"]


def test_a_folder_keeps_its_tree_and_outputs_newer_than_inputs_are_skipped(two_folders, tmp_path):
    out = tmp_path / "out"
    assert run("annotate", str(two_folders / "b"), "--out", str(out)).returncode == 0
    target = out / "deeper" / "x.json"
    record = json.loads(target.read_text(encoding="utf-8"))
    assert record["path"] == str(two_folders / "b" / "deeper" / "x.txt") and record["statements"]
    os.utime(target, (1, 1))
    os.utime(two_folders / "b" / "deeper" / "x.txt", (0, 0))
    assert run("annotate", str(two_folders / "b"), "--out", str(out)).returncode == 0
    assert target.stat().st_mtime == 1  # newer than its input: left alone
    os.utime(two_folders / "b" / "deeper" / "x.txt", (2, 2))
    assert run("annotate", str(two_folders / "b"), "--out", str(out)).returncode == 0
    assert target.stat().st_mtime > 2  # older than its input: redone


def test_inputs_that_would_write_the_same_file_are_refused(tmp_path):
    (tmp_path / "x.txt").write_text("He said so.", encoding="utf-8")
    (tmp_path / "x.md").write_text("She said so.", encoding="utf-8")
    line = one_line_error(run("annotate", str(tmp_path), "--out", str(tmp_path / "out")))
    assert "would both be written to" in line and not (tmp_path / "out" / "x.json").exists()


def test_out_naming_a_file_or_an_unwritable_place(tmp_path):
    existing = tmp_path / "existing.json"
    existing.write_text("{}")
    assert "is a file, not a folder" in one_line_error(run("annotate", str(SEED), "--out", str(existing)))
    assert "cannot write there" in one_line_error(run("annotate", str(SEED), "--out", str(existing / "sub")))
    assert existing.read_text() == "{}"


def test_failures_are_listed_at_the_end_and_the_batch_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "page.html").write_text(fixture_text("no_article.html"), encoding="utf-8")
    result = run("annotate", str(tmp_path), str(tmp_path / "missing.txt"), "--format", "jsonl")
    assert result.returncode == 1
    assert [json.loads(line)["path"] for line in result.stdout_text.splitlines()] == [str(tmp_path / "good.txt")]
    assert result.stderr_text.splitlines() == [
        "quotelens: 3 of 4 failed:",
        f"  {tmp_path / 'missing.txt'}: no such file or folder",
        f"  {tmp_path / 'empty.txt'}: empty (no text to annotate)",
        f"  {tmp_path / 'page.html'}: no article text found on the page",
    ]


def test_a_hostile_file_name_in_the_failures_is_made_visible(tmp_path):
    (tmp_path / "ok.txt").write_text("He said so.", encoding="utf-8")
    (tmp_path / "evil\x1b]52;c;cm0gLXJmIH4=\x07.txt").write_text("")
    result = run("annotate", str(tmp_path), "--format", "jsonl")
    assert result.returncode == 1 and "\x1b" not in result.stderr_text and "␛]52" in result.stderr_text


def test_two_processes_give_the_same_records_in_the_same_order(two_folders):
    args = ("annotate", str(two_folders), str(FIXTURES / "news_page.html"), "--format", "jsonl")
    one, two = run(*args, "--jobs", "1"), run(*args, "--jobs", "2")
    assert one.returncode == two.returncode == 0
    assert one.stdout_text == two.stdout_text and len(one.stdout_text.splitlines()) == 3


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl"])
def test_a_closed_pipe_ends_quietly_with_status_0(fmt, two_folders):
    process = subprocess.Popen([sys.executable, "-m", "tui", "annotate", str(two_folders), "--format", fmt],
                               cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.readline()
    process.stdout.close()  # as `| head -1` does
    assert process.wait(timeout=120) == 0
    assert process.stderr.read() == b""


def test_the_reader_on_standard_input_needs_a_terminal_for_its_keys():
    """Without a controlling terminal (a new session) there is nowhere to read keys from: one line."""
    result = subprocess.run([sys.executable, "-m", "tui", "-"], cwd=REPO, capture_output=True, text=True,
                            input=fixture_text("news_page.html"), start_new_session=True, timeout=60)
    assert result.returncode == 2 and "-: the reader needs a terminal for its keys" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1

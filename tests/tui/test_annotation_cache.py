"""The annotation cache: hits, misses, versions, damaged entries, clearing, and several processes."""

from __future__ import annotations

import json
from dataclasses import replace
import multiprocessing
from pathlib import Path

import pytest

from annotators.model import Actor, Annotation, Meta, Span, Statement
from tui.annotation_cache import (
    CACHE_DIR_ENV,
    AnnotationCache,
    cache_dir,
    engine_version,
    fingerprint,
)

TEXT = 'Blinken said "we stand united" on Friday.\n'


def annotation_of(text: str) -> Annotation:
    """A small but complete annotation (actor, statement with spans) of ``TEXT``-like text."""
    return Annotation(
        meta=Meta(title="Allies"),
        paragraphs=(Span(0, len(text.rstrip())),),
        actors=(Actor(id="a1", name="Blinken", kind="person", mentions=(Span(0, 7),)),),
        statements=(
            Statement(id="s1", kind="direct", content=(Span(14, 29),), cue=Span(8, 12), source=Span(0, 7),
                      actor="a1"),
        ),
    )


@pytest.fixture
def cache(tmp_path) -> AnnotationCache:
    return AnnotationCache(tmp_path / "cache", "fast-test1")


def test_a_stored_annotation_comes_back_equal(cache):
    annotation = annotation_of(TEXT)
    assert cache.get(TEXT) is None
    assert cache.put(TEXT, annotation)
    assert cache.get(TEXT) == annotation


def test_the_key_is_the_exact_text(cache):
    cache.put(TEXT, annotation_of(TEXT))
    assert cache.get(TEXT.replace("\n", "\r\n")) is None  # offsets would differ: another text
    assert cache.get(TEXT + " ") is None


def test_another_engine_version_never_reads_the_entry(cache):
    cache.put(TEXT, annotation_of(TEXT))
    assert AnnotationCache(cache.directory, "fast-test2").get(TEXT) is None
    assert AnnotationCache(cache.directory, "accurate-test1").get(TEXT) is None
    assert cache.get(TEXT) is not None


def test_an_entry_claiming_another_version_is_a_miss(cache):
    """An entry copied (or renamed) into the wrong version's directory is not trusted."""
    cache.put(TEXT, annotation_of(TEXT))
    path = cache.entry_path(TEXT)
    entry = json.loads(path.read_text(encoding="utf-8"))
    entry["version"] = "fast-old"
    path.write_text(json.dumps(entry), encoding="utf-8")
    assert cache.get(TEXT) is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # torn write
        lambda data: b"",
        lambda data: b"\xff\xfe not json",
        lambda data: b"[]",
        lambda data: data.replace(b'"quotelens.annotation/', b'"other.annotation/'),  # another schema
        lambda data: data.replace(b'"start":14', b'"start":-3'),  # an impossible span
    ],
    ids=["truncated", "empty", "garbage", "not-an-object", "other-schema", "bad-span"],
)
def test_a_damaged_entry_is_a_miss_and_is_replaced(cache, damage):
    annotation = annotation_of(TEXT)
    cache.put(TEXT, annotation)
    path = cache.entry_path(TEXT)
    path.write_bytes(damage(path.read_bytes()))
    assert cache.get(TEXT) is None
    calls = []
    assert cache.annotate(TEXT, lambda text: calls.append(text) or annotation) == annotation
    assert calls == [TEXT]
    assert cache.get(TEXT) == annotation


def test_annotate_calls_the_annotator_only_on_a_miss(cache):
    calls = []

    def annotator(text: str) -> Annotation:
        calls.append(text)
        return annotation_of(text)

    first = cache.annotate(TEXT, annotator)
    second = cache.annotate(TEXT, annotator)
    assert first == second and calls == [TEXT]


def test_no_temporary_files_are_left_behind(cache):
    cache.put(TEXT, annotation_of(TEXT))
    cache.put(TEXT, annotation_of(TEXT))
    assert [p.name for p in cache.entry_path(TEXT).parent.iterdir()] == [cache.entry_path(TEXT).name]


def test_a_cache_that_cannot_be_written_is_not_an_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    cache = AnnotationCache(blocker, "fast-test1")
    assert cache.put(TEXT, annotation_of(TEXT)) is False
    assert cache.get(TEXT) is None
    assert cache.annotate(TEXT, annotation_of) == annotation_of(TEXT)


def test_usage_and_clear_cover_every_version(cache):
    other = AnnotationCache(cache.directory, "fast-test0")
    cache.put(TEXT, annotation_of(TEXT))
    cache.put("Another text.", Annotation())
    other.put(TEXT, annotation_of(TEXT))
    usage = {u.version: u.entries for u in cache.usage()}
    assert usage == {"fast-test0": 1, "fast-test1": 2}
    assert all(u.bytes > 0 for u in cache.usage())
    removed = cache.clear()
    assert sum(u.entries for u in removed) == 3
    assert cache.usage() == [] and cache.get(TEXT) is None and other.get(TEXT) is None
    assert list(cache.directory.iterdir()) == []  # nothing left aside
    assert cache.clear() == []  # clearing an empty cache is fine
    cache.put(TEXT, annotation_of(TEXT))  # and the cache works again afterwards
    assert cache.get(TEXT) == annotation_of(TEXT)


def test_clear_can_keep_the_versions_in_use(cache):
    accurate = AnnotationCache(cache.directory, "accurate-test1")
    old = AnnotationCache(cache.directory, "fast-test0")
    for each in (cache, accurate, old):
        each.put(TEXT, annotation_of(TEXT))
    removed = cache.clear(keep={"fast-test1", "accurate-test1"})
    assert [u.version for u in removed] == ["fast-test0"]
    assert old.get(TEXT) is None and cache.get(TEXT) is not None and accurate.get(TEXT) is not None
    assert [p.name for p in cache.directory.iterdir()] == ["annotations"]  # nothing left aside


def test_clear_leaves_the_rest_of_the_cache_directory_alone(cache):
    cache.put(TEXT, annotation_of(TEXT))
    kept = cache.directory / "something-else.txt"
    kept.write_text("kept")
    cache.clear()
    assert kept.read_text() == "kept"


def _hammer(directory: str, texts: list[str], seen: multiprocessing.Queue) -> None:
    cache = AnnotationCache(Path(directory), "fast-test1")
    wrong = 0
    for _ in range(30):
        for text in texts:
            cache.put(text, annotation_of(text))
            found = cache.get(text)
            wrong += found is not None and found != annotation_of(text)
    seen.put(wrong)


def test_processes_writing_the_same_entries_at_once_never_see_a_partial_one(cache):
    texts = [TEXT, TEXT + "More.", "Third text."]
    context = multiprocessing.get_context("spawn")
    seen = context.Queue()
    workers = [context.Process(target=_hammer, args=(str(cache.directory), texts, seen)) for _ in range(3)]
    for worker in workers:
        worker.start()
    results = [seen.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(timeout=10)
    assert results == [0, 0, 0]
    assert all(cache.get(text) == annotation_of(text) for text in texts)
    assert sum(u.entries for u in cache.usage()) == len(texts)


def test_cache_dir_comes_from_the_flag_then_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "env"))
    assert cache_dir(tmp_path / "flag") == tmp_path / "flag"
    assert cache_dir() == tmp_path / "env"
    monkeypatch.delenv(CACHE_DIR_ENV)
    assert cache_dir().name == "quotelens"


def test_the_fingerprint_changes_with_any_file_of_the_engine(tmp_path):
    package = tmp_path / "engine"
    (package / "lexicons").mkdir(parents=True)
    (package / "rules.py").write_text("A = 1\n")
    (package / "lexicons" / "cues.txt").write_text("said\n")
    before = fingerprint(package)
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "rules.pyc").write_bytes(b"bytecode")
    assert fingerprint(package) == before  # bytecode is not the engine
    (package / "lexicons" / "cues.txt").write_text("said\ntold\n")
    assert fingerprint(package) != before


def test_the_engine_version_names_the_fast_model():
    version = engine_version()
    assert version.startswith("fast-") and len(version) == len("fast-") + 16
    assert version == engine_version.__wrapped__()  # the same answer when computed again


def test_the_metadata_given_to_the_engine_is_part_of_the_key(cache):
    """A page's title or outlet changes the output: the same text given other metadata is a miss."""
    page = Meta(title="Allies", outlet="The Harbour Gazette", url="https://example.org/a")
    cache.put(TEXT, annotation_of(TEXT), page)
    assert cache.get(TEXT, page) == annotation_of(TEXT)
    assert cache.get(TEXT) is None
    assert cache.get(TEXT, replace(page, outlet="Another Paper")) is None
    cache.put(TEXT, Annotation())
    assert cache.get(TEXT) == Annotation() and cache.get(TEXT, page) == annotation_of(TEXT)

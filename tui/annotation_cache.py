"""Annotations kept on disk, so an article read before shows its statements at once.

One JSON file per (engine version, exact text, metadata given to the engine), under
``annotations/<engine version>/`` in the cache directory. The metadata is part of the key because the
engine keeps what the source said (a page's title decides where the body starts, its outlet and author
are in the output). Another model, or another version of one, has a directory of its own, so it never
reads an entry it did not write.

Safe to share between processes without locks: an entry is written to a temporary file beside it and
renamed into place (atomic), so a reader sees a whole entry or none; two writers of the same entry
write the same content. Anything unreadable (a truncated or edited file, another format) is a miss,
and the next ``put`` replaces it. Failing to write is not an error: the cache only saves time.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from annotators.model import Annotation, Meta
from tui.user_dirs import user_dir

CACHE_DIR_ENV = "QUOTELENS_CACHE_DIR"
ENTRY_FORMAT = "quotelens.annotation-cache/2"  # 2: keyed on the metadata given too
ANNOTATIONS = "annotations"
NO_META = Meta()  # a plain text file: the engine finds the metadata itself


def cache_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Where the cache lives: ``--cache-dir``, else ``$QUOTELENS_CACHE_DIR``, else the user cache dir."""
    return user_dir("cache", CACHE_DIR_ENV, override)


@functools.cache
def engine_version(model: str = "fast") -> str:
    """The engine's model and version, which the cache keys on: the model (``fast-``, ``accurate-``) and
    the fingerprint of the engine package (its code, lexicons and weights decide what a model outputs).

    A fingerprint rather than a declared number: rules change often, and a version someone forgot to
    bump would serve stale statements. Reads files only; the engine is not imported.
    """
    spec = importlib.util.find_spec("annotators")
    assert spec is not None and spec.submodule_search_locations
    return f"{model}-{fingerprint(Path(next(iter(spec.submodule_search_locations))))}"


def fingerprint(package: Path) -> str:
    """A digest of every file under ``package`` (names and contents; bytecode caches left out)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def text_digest(text: str) -> str:
    """The hex SHA-256 of the exact text (no normalisation: offsets index exactly this string)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def entry_key(text: str, meta: Meta) -> str:
    """The hex SHA-256 of the exact text and of the metadata the engine is given with it."""
    given = json.dumps(meta.to_json(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"{text_digest(text)}\0{given}".encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class VersionUsage:
    """What the cache holds for one engine version."""

    version: str
    entries: int
    bytes: int


class AnnotationCache:
    """The cached annotations of one engine version, in ``directory`` (see ``cache_dir``)."""

    def __init__(self, directory: Path, version: str) -> None:
        self.directory = directory
        self.version = version

    def entry_path(self, text: str, meta: Meta = NO_META) -> Path:
        key = entry_key(text, meta)
        return self.directory / ANNOTATIONS / self.version / key[:2] / f"{key}.json"

    def get(self, text: str, meta: Meta = NO_META) -> Annotation | None:
        """The annotation this engine version made of exactly this text given ``meta``, or None."""
        try:
            entry = json.loads(self.entry_path(text, meta).read_bytes())
            found = [entry[k] for k in ("format", "version", "text_sha256", "text_length", "meta")]
            if found != [ENTRY_FORMAT, self.version, text_digest(text), len(text), meta.to_json()]:
                return None
            return Annotation.from_json(entry["annotation"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # missing, or not a whole entry of ours: annotate again

    def put(self, text: str, annotation: Annotation, meta: Meta = NO_META) -> bool:
        """Store ``annotation`` of ``text`` given ``meta``; False when it could not be written."""
        target = self.entry_path(text, meta)
        entry = {
            "format": ENTRY_FORMAT,
            "version": self.version,
            "text_sha256": text_digest(text),
            "text_length": len(text),
            "meta": meta.to_json(),
            "annotation": annotation.to_json(),
        }
        data = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        temporary: str | None = None
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            # No fsync: after a crash a torn entry reads as a miss, which is all a cache needs.
            descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
            with os.fdopen(descriptor, "wb") as file:
                file.write(data)
            os.replace(temporary, target)
            return True
        except OSError:
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)
            return False

    def annotate(
        self, text: str, annotator: Callable[[str], Annotation], meta: Meta = NO_META
    ) -> Annotation:
        """The cached annotation of ``text`` given ``meta``, or ``annotator(text)`` (an annotator that
        was given ``meta``), stored for next time."""
        cached = self.get(text, meta)
        if cached is not None:
            return cached
        annotation = annotator(text)
        self.put(text, annotation, meta)
        return annotation

    def usage(self) -> list[VersionUsage]:
        """Entries and bytes per engine version, in name order."""
        root = self.directory / ANNOTATIONS
        if not root.is_dir():
            return []
        found = []
        for version in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
            sizes = [p.stat().st_size for p in version.glob("*/*.json")]
            found.append(VersionUsage(version.name, len(sizes), sum(sizes)))
        return found

    def clear(self, keep: Collection[str] = ()) -> list[VersionUsage]:
        """Remove the cached annotations of every version but those in ``keep``; returns what was
        removed. What goes is first renamed aside (atomic), so another process never sees half of it.
        """
        root = self.directory / ANNOTATIONS
        if not keep:
            return self._remove(root, self.usage())
        removed: list[VersionUsage] = []
        for usage in self.usage():
            if usage.version not in keep:
                removed += self._remove(root / usage.version, [usage])
        return removed

    def _remove(self, directory: Path, usage: list[VersionUsage]) -> list[VersionUsage]:
        trash = self.directory / f".{ANNOTATIONS}-removed-{uuid.uuid4().hex}"
        try:
            directory.rename(trash)
        except FileNotFoundError:
            return []
        shutil.rmtree(trash, ignore_errors=True)
        return usage

"""Annotating in a child process.

A long article takes the engine many seconds. In a thread it would compete with the interface for
the interpreter lock (keys lag) and could not be stopped: quitting would wait for it to finish. A
forked child uses the other core, is stopped at once when the reader closes, and starts instantly
because it inherits the already imported engine.

``AnnotationProcess`` forks a child per article (the reader's one article). ``AnnotationChild`` keeps
one child for article after article (the library): the engine's models load once in it, not once per
article.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from multiprocessing.connection import Connection

from annotators.model import Annotation, Meta

Annotator = Callable[[str], Annotation]
MetaAnnotator = Callable[[str, Meta], Annotation]  # also given what the article's source said


class AnnotationStopped(Exception):
    """The child ended without an answer (it was stopped, or it died)."""


def _annotate_into(annotator: Annotator, text: str, connection: Connection) -> None:
    try:
        connection.send(("done", annotator(text)))
    except Exception as error:  # noqa: BLE001 - any failure is reported to the reader, which keeps the text
        connection.send(("failed", f"{type(error).__name__}: {error}"))
    finally:
        connection.close()


class AnnotationProcess:
    """Runs an annotator in a forked child (forking passes the function as it is: no pickling).

    ``in_child=False`` runs it in the calling thread instead (a test's annotator, which may count its
    calls).
    """

    def __init__(self, annotator: Annotator, in_child: bool = True) -> None:
        self.annotator = annotator
        self.in_child = in_child
        self._process: multiprocessing.process.BaseProcess | None = None

    def annotate(self, text: str) -> Annotation:
        """Annotate ``text`` in a child process; blocks (run it from a thread worker)."""
        if not self.in_child or "fork" not in multiprocessing.get_all_start_methods():  # Windows: here
            return self.annotator(text)
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_annotate_into, args=(self.annotator, text, sender), name="quotelens-annotate", daemon=True
        )
        self._process.start()
        sender.close()  # only the child writes: recv() ends with EOFError if it dies
        try:
            status, value = receiver.recv()
        except EOFError:
            raise AnnotationStopped("annotation stopped before it finished") from None
        finally:
            receiver.close()
            self._process.join(timeout=5)
        if status == "failed":
            raise RuntimeError(value)
        return value

    def stop(self) -> None:
        if self._process is not None and self._process.is_alive():
            self._process.terminate()


def _serve(annotator: MetaAnnotator, connection: Connection) -> None:
    """The child's loop: annotate each (text, meta) received, until the parent closes its end."""
    while True:
        try:
            text, meta = connection.recv()
        except EOFError:
            return
        try:
            connection.send(("done", annotator(text, meta)))
        except Exception as error:  # noqa: BLE001 - reported for this article; the next one goes on
            connection.send(("failed", f"{type(error).__name__}: {error}"))


class AnnotationChild:
    """Annotates articles one after another in one forked child, started on the first and started
    again after it died or was stopped. ``in_child=False`` annotates in the calling thread."""

    def __init__(self, annotator: MetaAnnotator, in_child: bool = True) -> None:
        self.annotator = annotator
        self.in_child = in_child and "fork" in multiprocessing.get_all_start_methods()
        self._process: multiprocessing.process.BaseProcess | None = None
        self._connection: Connection | None = None

    def annotate(self, text: str, meta: Meta) -> Annotation:
        """Annotate ``text`` given ``meta``; blocks (run it from a thread worker), one call at a time."""
        if not self.in_child:
            return self.annotator(text, meta)
        connection = self._connection or self._start()
        try:
            connection.send((text, meta))
            status, value = connection.recv()
        except (EOFError, OSError):
            self.stop()
            raise AnnotationStopped("annotation stopped before it finished") from None
        if status == "failed":
            raise RuntimeError(value)
        return value

    def _start(self) -> Connection:
        context = multiprocessing.get_context("fork")
        parent, child = context.Pipe(duplex=True)
        self._process = context.Process(
            target=_serve, args=(self.annotator, child), name="quotelens-library", daemon=True
        )
        self._process.start()
        child.close()  # only the child holds it now: recv() ends with EOFError if the child dies
        self._connection = parent
        return parent

    def stop(self) -> None:
        """End the child at once (an article being annotated is abandoned)."""
        process, connection = self._process, self._connection
        self._process = self._connection = None
        if process is not None and process.is_alive():
            process.terminate()
        if connection is not None:
            connection.close()
